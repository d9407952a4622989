"""The photo pipeline on the shared corpus and on pictures made by the tests."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from lbpmv_desktop.core.fileio import safe_stem
from lbpmv_desktop.core.photo.export import export_photo
from lbpmv_desktop.core.photo.opening import PhotoRefused, open_image, sniff
from lbpmv_desktop.core.photo.presets import PRESETS
from lbpmv_desktop.core.photo.recipe import Auto, Crop, Label, Recipe
from lbpmv_desktop.core.photo.render import improve, measure_auto, render_preview
from tests.helpers.corpus import CORPUS, corpus_files, needs_corpus

if TYPE_CHECKING:
    from pathlib import Path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@needs_corpus
@pytest.mark.parametrize("source", corpus_files("tricky") + corpus_files("real"), ids=lambda p: p.name)
def test_every_valid_corpus_picture_exports_right(tmp_path: Path, source: Path) -> None:
    before = _sha(source)
    result = export_photo(source, Recipe(), PRESETS["instagram"], tmp_path)
    assert _sha(source) == before, "the original is never modified"
    with Image.open(result.path) as written:
        assert written.format == "JPEG"
        assert written.size == (1080, 1080)
        assert written.mode == "RGB"
        assert not written.getexif(), "no EXIF (hence no GPS) is left"
        assert "exif" not in written.info
        assert "icc_profile" not in written.info
        assert written.info.get("jfif_density") is None or "thumbnail" not in written.info


@needs_corpus
@pytest.mark.parametrize("source", corpus_files("broken"), ids=lambda p: p.name)
def test_every_broken_corpus_file_is_refused_in_french(tmp_path: Path, source: Path) -> None:
    with pytest.raises(PhotoRefused) as refused:
        export_photo(source, Recipe(), PRESETS["instagram"], tmp_path / "out")
    assert refused.value.message.endswith(".")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@needs_corpus
@pytest.mark.parametrize("name", ["chat_orientation3.jpg", "chat_orientation8.jpg"])
def test_exif_orientation_is_applied(name: str) -> None:
    from tests.helpers.corpus import CORPUS

    image = open_image(CORPUS / "tricky" / name)
    assert image.size == (451, 300)
    red, green, blue = image.getpixel((8, 8))
    assert red > 200, "the red mark is top-left, as the person saw it"
    assert max(green, blue) < 60


def _picture(
    tmp_path: Path, size: tuple[int, int] = (640, 480), name: str = "photo.jpg", **save: object
) -> Path:
    image = Image.new("RGB", size, (200, 120, 60))
    image.paste((20, 40, 200), (0, 0, size[0] // 2, size[1] // 2))
    path = tmp_path / name
    image.save(path, **save)
    return path


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_presets_give_their_exact_sizes(tmp_path: Path, name: str) -> None:
    source = _picture(tmp_path, (3000, 2000))
    result = export_photo(source, Recipe(), PRESETS[name], tmp_path / "out")
    expected = {"web": (2048, 1365), "original": (3000, 2000)}.get(name, PRESETS[name].size)
    assert result.size == expected
    with Image.open(result.path) as written:
        assert written.size == expected


def test_small_photos_are_scaled_up_with_a_warning(tmp_path: Path) -> None:
    result = export_photo(_picture(tmp_path, (400, 300)), Recipe(), PRESETS["facebook"], tmp_path / "out")
    assert result.size == (1200, 630)
    assert result.upscaled
    assert not export_photo(
        _picture(tmp_path, (4000, 3000), "big.jpg"), Recipe(), PRESETS["facebook"], tmp_path
    ).upscaled


def test_exports_never_replace_a_file(tmp_path: Path) -> None:
    source = _picture(tmp_path)
    out = tmp_path / "Mes photos prêtes"
    names = [export_photo(source, Recipe(), PRESETS["leboncoin"], out).path.name for _ in range(3)]
    assert names == ["photo-leboncoin.jpg", "photo-leboncoin-2.jpg", "photo-leboncoin-3.jpg"]
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "no temporary file is left"


def test_crop_is_kept_and_centred_on_the_preset_ratio(tmp_path: Path) -> None:
    source = _picture(tmp_path, (2000, 2000))
    top_left_quarter = Recipe(crop=Crop(0.0, 0.0, 0.5, 0.5))
    image = render_preview(open_image(source), top_left_quarter)
    assert image.size == (1000, 1000)
    assert image.getpixel((500, 500))[2] > 150, "only the blue quarter is left"


def test_gps_is_stripped(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (50.0, 31.0, 48.0)}
    exif[0x010F] = "Phone"
    source = _picture(tmp_path, exif=exif.tobytes())
    result = export_photo(source, Recipe(), PRESETS["original"], tmp_path / "out")
    assert b"Exif" not in result.path.read_bytes()[:4096]


def test_transparency_becomes_white(tmp_path: Path) -> None:
    clear = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    clear.paste((200, 0, 0, 255), (100, 100, 200, 200))
    path = tmp_path / "detoure.png"
    clear.save(path)
    image = open_image(path)
    assert image.getpixel((10, 10)) == (255, 255, 255)
    assert image.getpixel((150, 150)) == (200, 0, 0)


def test_files_pretending_to_be_pictures_are_refused(tmp_path: Path) -> None:
    fake = tmp_path / "photo.jpg"
    fake.write_text("<html>pas une photo</html>", encoding="utf-8")
    with pytest.raises(PhotoRefused, match="pas une photo"):
        open_image(fake)
    assert sniff(b"GIF89a....") == "GIF"
    assert sniff(b"%!PS-Adobe") is None


def test_label_and_price_stay_inside_the_picture() -> None:
    base = Image.new("RGB", (800, 600), (255, 255, 255))
    for style in ("sombre", "clair", "prix"):
        drawn = render_preview(
            base, Recipe(label=Label("Promotion exceptionnelle sur tout le magasin " * 2, style))
        )
        assert drawn.size == base.size
        assert drawn.getbbox() is not None
        assert drawn.tobytes() != base.tobytes()


def test_improve_stretches_a_dull_photo() -> None:
    dull = Image.new("RGB", (200, 200), (110, 100, 90))
    dull.paste((150, 140, 130), (0, 0, 100, 200))
    before_low, before_high = dull.convert("L").getextrema()
    recipe = improve(dull, Recipe())
    assert recipe.contrast > 0, "the contrast slider shows what was done"
    low, high = render_preview(dull, recipe).convert("L").getextrema()
    assert high - low > (before_high - before_low) * 1.3


def test_recipes_of_the_first_edition_render_as_before() -> None:
    """A saved « Améliorer » of the first edition (levels and gains in ``auto``) keeps its look."""
    dull = Image.new("RGB", (200, 200), (110, 100, 90))
    dull.paste((150, 140, 130), (0, 0, 100, 200))
    import json

    saved = json.loads(Recipe(auto=measure_auto(dull)).to_json())
    del saved["auto"]["extras"], saved["tint"]
    recipe = Recipe.from_json(json.dumps(saved))
    assert recipe.auto is not None
    assert recipe.auto.extras
    low, high = render_preview(dull, recipe).convert("L").getextrema()
    assert high - low > 150
    white_point = Recipe(auto=Auto(high=(180, 180, 180), extras=False), light=10)
    assert Recipe.from_json(white_point.to_json()) == white_point, "today's white point is kept as is"


def _mean_rgb(image: Image.Image) -> tuple[float, ...]:
    small = image.convert("RGB").resize((64, 64), Image.Resampling.BOX)
    return tuple(sum(band.histogram()[v] * v for v in range(256)) / 4096 for band in small.split())


@pytest.mark.parametrize(
    "recipe",
    [
        Recipe(warmth=40, tint=-30, light=20, contrast=25, colours=15),
        Recipe(tint=60, sharpness=40),
        Recipe(warmth=-70, tint=25, light=-30, contrast=-20, colours=-40),
        Recipe(auto=Auto(high=(180, 180, 180), extras=False), contrast=10, tint=-10),
    ],
    ids=["warm-green", "magenta", "cool", "white-point"],
)
def test_the_preview_shows_the_colours_the_export_writes(tmp_path: Path, recipe: Recipe) -> None:
    from lbpmv_desktop.core.photo.preview import Proxy

    source = tmp_path / "photo.png"
    photo = Image.new("RGB", (2400, 1600), (180, 150, 120))
    photo.paste((60, 90, 160), (0, 0, 1200, 800))
    photo.paste((230, 230, 225), (1200, 800, 2400, 1600))
    photo.paste((40, 140, 60), (300, 1000, 900, 1500))
    photo.save(source)
    proxy_image = photo.resize((1280, 853), Image.Resampling.BICUBIC)
    width, height, rgb = Proxy(proxy_image.size, proxy_image.tobytes()).render(recipe)
    preview = Image.frombytes("RGB", (width, height), rgb)
    written = export_photo(source, recipe, PRESETS["web"], tmp_path / "out")
    with Image.open(written.path) as exported:
        pairs = zip(_mean_rgb(preview), _mean_rgb(exported), strict=True)
        assert all(abs(a - b) < 3 for a, b in pairs), "same recipe, same look"


def test_safe_stem() -> None:
    assert safe_stem("Vitrine de Noël (1)") == "Vitrine de Noël (1)"
    assert safe_stem('a/b\\c:d*"e') == "a-b-c-d-e"
    assert safe_stem("...") == "photo"
    # invisible commands never reach a file name (a direction override spoofs the extension)
    assert safe_stem("evil\x1b[31m\u202eRED\n") == "evil[31mRED"
    assert safe_stem("facture\u202egnp.exe") == "facturegnp.exe"


edits = st.one_of(
    st.tuples(
        st.sampled_from(["light", "contrast", "colours", "warmth", "tint", "sharpness"]),
        st.integers(-100, 100),
    ),
    st.tuples(st.just("rotate"), st.integers(-3, 3)),
    st.tuples(st.just("straighten"), st.floats(-15, 15)),
    st.tuples(st.just("background"), st.booleans()),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(edits, max_size=12))
def test_any_edits_then_undo_all_give_back_the_original_preview(steps: list[tuple[str, object]]) -> None:
    from dataclasses import replace

    proxy = Image.new("RGB", (120, 80), (180, 90, 40))
    proxy.paste((10, 200, 90), (0, 0, 60, 40))
    original = render_preview(proxy, Recipe()).tobytes()
    history = [Recipe()]
    for name, value in steps:
        current = history[-1]
        if name == "rotate":
            current = current.rotated(int(value))  # type: ignore[call-overload]
        elif name == "straighten":
            current = replace(current, straighten=float(value))  # type: ignore[arg-type]
        elif name == "background":
            current = replace(current, brighten_background=bool(value))
        else:
            current = current.with_adjustment(name, int(value))  # type: ignore[call-overload]
        history.append(current)
        assert Recipe.from_json(current.to_json()) == current
    while len(history) > 1:
        history.pop()
    assert render_preview(proxy, history[-1]).tobytes() == original


def test_resizing_in_two_bands_gives_the_single_call_result() -> None:
    from PIL import ImageChops

    from lbpmv_desktop.core.photo.render import resize

    image = Image.effect_noise((1600, 1400), 60).convert("RGB")
    box = (100, 50, 1500, 1350)
    for method in (Image.Resampling.HAMMING, Image.Resampling.BICUBIC, Image.Resampling.LANCZOS):
        whole = image.resize((1080, 1000), method, box=box)
        banded = resize(image, (1080, 1000), method, box)
        assert ImageChops.difference(whole, banded).getbbox() is None


@needs_corpus
def test_an_iphone_logo_loads_in_a_fresh_process() -> None:
    """The HEIF decoder is registered by the logo's own opening, not by an earlier photo."""
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from lbpmv_desktop.core.photo.render import load_logo; "
        "logo = load_logo(Path(sys.argv[1])); print(logo.mode if logo else None)"
    )
    heic = CORPUS / "tricky" / "iphone_tasse.heic"
    result = subprocess.run(
        [sys.executable, "-c", code, str(heic)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "RGBA"


def test_the_studio_proxy_renders_what_render_preview_renders() -> None:
    """The proxy keeps its framed and sharpened picture between renders: every edit, in any
    order, still gives exactly the preview computed from scratch."""
    from lbpmv_desktop.core.photo.preview import Proxy

    image = Image.effect_noise((320, 200), 50).convert("RGB")
    image.paste((200, 120, 60), (0, 0, 160, 100))
    proxy = Proxy(image.size, image.tobytes())
    steps = [
        Recipe(),
        Recipe(sharpness=40),
        Recipe(sharpness=40, light=20),
        Recipe(sharpness=-30, light=20, tint=15),
        Recipe(sharpness=-30, light=20, tint=15, rotate=1),
        Recipe(sharpness=60, rotate=1, crop=Crop(0.1, 0.2, 0.5, 0.5)),
        Recipe(sharpness=60, rotate=1, crop=Crop(0.1, 0.2, 0.5, 0.5), warmth=-20, contrast=30),
        Recipe(auto=measure_auto(image)),
        Recipe(),
    ]
    for recipe in steps:
        width, height, rgb = proxy.render(recipe)
        expected = render_preview(image, recipe)
        assert (width, height) == expected.size
        assert rgb == expected.tobytes(), recipe
