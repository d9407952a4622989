"""Bounded work on any picture: shapes that cannot be a photo are refused from the header, big
photos are worked on at a bounded size, and new file names always fit the file system."""

from __future__ import annotations

import errno
import os
import struct
import unicodedata
import zlib
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageFile, ImageStat

from lbpmv_desktop.core import fileio
from lbpmv_desktop.core.fileio import (
    fit_name,
    graphemes,
    name_length,
    publish_under_free_name,
    write_bytes_atomic,
    write_new_file,
)
from lbpmv_desktop.core.photo import opening
from lbpmv_desktop.core.photo.export import export_photo
from lbpmv_desktop.core.photo.opening import (
    MAX_WORK_PIXELS,
    PhotoRefused,
    check_shape,
    open_image,
    opened_picture,
    upright_size,
)
from lbpmv_desktop.core.photo.presets import PRESETS
from lbpmv_desktop.core.photo.preview import picture_rgba
from lbpmv_desktop.core.photo.recipe import Recipe
from tests.helpers.corpus import corpus_files

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


# -- pictures made here ------------------------------------------------------------------------
def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def hand_made_png(
    path: Path,
    width: int,
    height: int,
    *,
    colour_type: int = 0,
    depth: int = 8,
    palette: bool = False,
    pixels: bool = True,
) -> Path:
    """A valid PNG of any size, written by rows (a 1 × 109,000,000 strip takes a second and a
    few hundred kilobytes); ``pixels=False`` writes the header only (a file that lies)."""
    channels = {0: 1, 2: 3, 3: 1, 6: 4}[colour_type]
    parts = [
        b"\x89PNG\r\n\x1a\n",
        _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, colour_type, 0, 0, 0)),
    ]
    if palette:
        parts.append(_chunk(b"PLTE", bytes(range(256)) * 3))
        parts.append(_chunk(b"tRNS", b"\x00"))
    if pixels:
        row = b"\x00" + b"\x03" * (width * channels * depth // 8)
        squeeze = zlib.compressobj(6)
        rows_at_once = max(1, (1 << 20) // len(row))
        data: list[bytes] = []
        left = height
        while left:
            count = min(rows_at_once, left)
            data.append(squeeze.compress(row * count))
            left -= count
        data.append(squeeze.flush())
        parts.append(_chunk(b"IDAT", b"".join(data)))
    else:
        parts.append(_chunk(b"IDAT", b"\x78\x9c" + b"\x00" * 64))
    parts.append(_chunk(b"IEND", b""))
    path.write_bytes(b"".join(parts))
    return path


def _no_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: ImageFile.ImageFile) -> None:
        raise AssertionError("decoded although the header was enough to refuse it")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)


# -- shapes ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("size", "words"),
    [
        ((1, 109_000_000), "1 × 109\u202f000\u202f000 pixels"),
        ((109_000_000, 1), "beaucoup trop grande"),
        ((20_000, 5), "trop petite"),
        ((12, 12), "trop petite"),
        ((4_000, 150), "bande trop fine"),
        ((31_000, 20_000), "beaucoup trop grande"),
        ((0, 10), "abîmée"),
    ],
)
def test_shapes_that_cannot_be_a_photo_are_refused_in_french(size: tuple[int, int], words: str) -> None:
    with pytest.raises(PhotoRefused) as refused:
        check_shape(*size)
    assert words in refused.value.message
    assert refused.value.message.endswith(".")


@pytest.mark.parametrize(
    "size", [(16, 16), (4_000, 3_000), (20_000, 1_000), (1_000, 20_000), (16_320, 12_240)]
)
def test_shapes_of_real_photos_pass(size: tuple[int, int]) -> None:
    check_shape(*size)  # a panorama, a square icon, a 200-megapixel phone photo


def test_the_thin_strip_is_refused_before_anything_is_decoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    strip = hand_made_png(tmp_path / "bande.png", 1, 109_000_000)
    assert strip.stat().st_size < 1_000_000, "a tiny file that would cost gigabytes"
    _no_decoding(monkeypatch)
    for attempt in (
        lambda: open_image(strip),
        lambda: open_image(strip, max_side=1280),
        lambda: upright_size(strip),
        lambda: picture_rgba(strip, 2400),
        lambda: picture_rgba(strip, 2400, keep_transparency=True),
        lambda: export_photo(strip, Recipe(), PRESETS["original"], tmp_path / "out"),
    ):
        with pytest.raises(PhotoRefused) as refused:
            attempt()
        assert "1 × 109\u202f000\u202f000" in refused.value.message or "abîmée" in refused.value.message
    assert not (tmp_path / "out").exists()


def test_a_picture_too_heavy_to_decode_is_refused_from_its_header(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 9,000 × 6,000 RGBA at 16 bits: 54 megapixels a PNG must decode whole (over 200 MB).
    heavy = hand_made_png(tmp_path / "lourde.png", 9_000, 6_000, colour_type=6, depth=16, pixels=False)
    _no_decoding(monkeypatch)
    for attempt in (lambda: open_image(heavy, max_side=160), lambda: upright_size(heavy)):
        with pytest.raises(PhotoRefused) as refused:
            attempt()
        assert "trop lourde" in refused.value.message
        assert "54 mégapixels" in refused.value.message
        assert "JPEG" in refused.value.message, "it says what to do"
    with pytest.raises(PhotoRefused, match="trop lourde"), opened_picture(heavy):
        pass


# -- bounded sizes -----------------------------------------------------------------------------
@pytest.fixture
def small_budget(monkeypatch: pytest.MonkeyPatch) -> int:
    """The limits of a real 108-megapixel photo, scaled down to pictures a test makes quickly."""
    monkeypatch.setattr(opening, "MAX_WORK_PIXELS", 30_000)
    return 30_000


def _photo(size: tuple[int, int]) -> Image.Image:
    base = Image.linear_gradient("L").resize(size)
    return Image.merge(
        "RGB", (base, base.transpose(Image.Transpose.ROTATE_90).resize(size), base.point(lambda v: 255 - v))
    )


@pytest.mark.parametrize("orientation", [1, 6, 8])
def test_a_big_jpeg_is_worked_on_at_the_bounded_size(
    tmp_path: Path, small_budget: int, orientation: int
) -> None:
    source = tmp_path / "grande.jpg"
    exif = Image.Exif()
    exif[0x0112] = orientation
    _photo((800, 600)).save(source, quality=90, exif=exif)
    size = upright_size(source)
    assert size[0] * size[1] <= small_budget
    assert (size[0] > size[1]) == (orientation == 1), "upright, as the camera saw it"
    image = open_image(source)
    assert image.size == size, "upright_size tells what open_image gives"
    result = export_photo(source, Recipe(), PRESETS["original"], tmp_path / "out")
    assert result.size == size
    assert not result.upscaled
    with Image.open(result.path) as written:
        assert written.size == size


@pytest.mark.parametrize("suffix", [".png", ".webp", ".tif", ".bmp", ".gif"])
def test_formats_decoded_whole_are_reduced_to_the_bounded_size(
    tmp_path: Path, small_budget: int, suffix: str
) -> None:
    source = tmp_path / f"grande{suffix}"
    _photo((600, 400)).save(source)
    image = open_image(source)
    assert image.size[0] * image.size[1] <= small_budget
    assert image.size == upright_size(source)
    assert abs(image.size[0] / image.size[1] - 1.5) < 0.02, "proportions kept"
    assert open_image(source, max_side=100).size[0] >= 100, "a preview still gets what it asks"


def test_a_jpeg_too_heavy_at_full_scale_is_decoded_at_a_smaller_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "lourde.jpg"
    _photo((1600, 1200)).save(source, quality=85)
    monkeypatch.setattr(opening, "_BAND_PIXELS", 1_000)
    monkeypatch.setattr(opening, "DECODE_BUDGET", 8_000_000)  # 1600 × 1200 at 4 bytes, twice: no
    image = open_image(source)
    assert image.size == (800, 600), "decoded at 1/2 by the JPEG decoder itself"
    assert image.size == upright_size(source)


def test_a_progressive_jpeg_counts_its_coefficients(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """libjpeg keeps every coefficient of a progressive JPEG whatever the scale: a coarser
    decode does not help, so a huge one is refused where a plain one opens."""
    photo = _photo((1600, 1200))
    photo.save(tmp_path / "progressive.jpg", quality=85, progressive=True)
    photo.save(tmp_path / "plain.jpg", quality=85)
    monkeypatch.setattr(opening, "_BAND_PIXELS", 1_000)
    monkeypatch.setattr(opening, "DECODE_BUDGET", 5_000_000)  # less than its 5.9 MB of coefficients
    assert open_image(tmp_path / "plain.jpg", max_side=100).size[0] >= 100
    with pytest.raises(PhotoRefused, match="trop lourde"):
        open_image(tmp_path / "progressive.jpg", max_side=100)


# -- conversion band by band -------------------------------------------------------------------
def _whole(image: Image.Image) -> Image.Image:
    convert = opening._converter(image)
    return convert(image) if convert else image


@pytest.mark.parametrize("kind", ["P-transparent", "RGBA", "LA", "I;16", "CMYK", "L", "1"])
def test_band_by_band_conversion_gives_the_whole_picture_result(tmp_path: Path, kind: str) -> None:
    base = _photo((517, 1203))
    if kind == "P-transparent":
        image = base.quantize(200)
        image.info["transparency"] = 5
    elif kind in ("RGBA", "LA"):
        image = base.convert(kind)
        image.putalpha(Image.linear_gradient("L").resize(base.size))
    elif kind == "I;16":
        image = base.convert("L").point(lambda v: v * 200, "I").convert("I;16")
    else:
        image = base.convert(kind)
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr(opening, "_BAND_PIXELS", 517 * 37)  # many bands
    try:
        banded = opening._working_image(image, image.size, opening._converter(image), "RGB")
        assert banded.mode == "RGB"
        assert ImageChops.difference(banded, _whole(image)).getbbox() is None
        reduced = opening._working_image(image, (173, 401), opening._converter(image), "RGB")
        assert ImageChops.difference(reduced, _whole(image).reduce(3)).getbbox() is None
        smaller = opening._working_image(image, (300, 698), opening._converter(image), "RGB")
        expected = _whole(image).resize((300, 698), Image.Resampling.BICUBIC)
        # Pillow may run its two resampling passes in another order on a band (its intermediate
        # rounding then differs on saturated dithered pixels): the same picture, to the eye.
        difference = ImageStat.Stat(ImageChops.difference(smaller, expected))
        assert max(difference.mean) < (2.0 if kind == "1" else 0.5)
    finally:
        monkeypatch.undo()


def test_a_logo_keeps_its_transparency(tmp_path: Path) -> None:
    logo = Image.new("RGBA", (300, 200), (200, 30, 30, 0))
    logo.paste((10, 20, 30, 255), (100, 50, 200, 150))
    logo.save(tmp_path / "logo.png")
    image = open_image(tmp_path / "logo.png", alpha=True)
    assert image.mode == "RGBA"
    assert image.getpixel((5, 5))[3] == 0
    assert image.getpixel((150, 100)) == (10, 20, 30, 255)


# -- every hostile picture: a French sentence or a bounded success -----------------------------
def _hostile(folder: Path) -> list[Path]:
    made = [
        hand_made_png(folder / "bande_1x109M.png", 1, 109_000_000),
        hand_made_png(folder / "bande_20000x5.png", 20_000, 5, colour_type=2),
        hand_made_png(folder / "ment_sur_sa_taille.png", 9_000, 6_000, colour_type=6, depth=16, pixels=False),
        hand_made_png(folder / "palette_transparente.png", 2_000, 1_500, colour_type=3, palette=True),
        hand_made_png(folder / "gris_16_bits.png", 1_200, 900, depth=16),
    ]
    _photo((1200, 900)).convert("CMYK").save(folder / "cmjn.jpg")
    _photo((1200, 900)).save(folder / "progressive.jpg", progressive=True)
    frames = [_photo((600, 450)).rotate(angle).quantize(256) for angle in (0, 90, 180)]
    frames[0].save(folder / "animee.gif", save_all=True, append_images=frames[1:] * 10)
    page = _photo((300, 200))
    page.save(folder / "pages.tif", save_all=True, append_images=[page] * 200)
    whole = (folder / "progressive.jpg").read_bytes()
    (folder / "coupee.jpg").write_bytes(whole[: len(whole) // 3])
    return [
        *made,
        folder / "cmjn.jpg",
        folder / "progressive.jpg",
        folder / "animee.gif",
        folder / "pages.tif",
        folder / "coupee.jpg",
    ]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return _hostile(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize("index", range(10))
def test_every_hostile_picture_gives_a_sentence_or_a_bounded_picture(hostile: list[Path], index: int) -> None:
    _check_any(hostile[index])


@pytest.mark.parametrize("source", corpus_files("tricky") + corpus_files("broken"), ids=lambda p: p.name)
def test_every_corpus_picture_gives_a_sentence_or_a_bounded_picture(source: Path) -> None:
    _check_any(source)


def _outcome(open_it: Callable[[], tuple[int, int]]) -> tuple[int, int] | str:
    try:
        return open_it()
    except PhotoRefused as refused:
        return refused.message


def _check_any(source: Path) -> None:
    for open_it in (
        lambda: open_image(source).size,
        lambda: open_image(source, max_side=1280).size,
        lambda: picture_rgba(source, 2400)[:2],
        lambda: picture_rgba(source, 2400, keep_transparency=True)[:2],
    ):
        outcome = _outcome(open_it)
        if isinstance(outcome, str):
            assert outcome[0].isupper()
            assert outcome.endswith("."), outcome
        else:
            assert outcome[0] * outcome[1] <= MAX_WORK_PIXELS


# -- file names that fit -----------------------------------------------------------------------
LONG_STEM = (
    "Chaussons bébé tricotés à la main, été " + "é" * 120 + "e\u0301" * 60 + "👩\u200d👩\u200d👧🇫🇷" * 10
)


def _fits(name: str, folder: Path) -> bool:
    return name_length(name) <= fileio.name_limit(folder)


def test_a_name_longer_than_the_file_system_allows_is_shortened(tmp_path: Path) -> None:
    assert len(LONG_STEM) >= 300
    first = write_new_file(tmp_path, LONG_STEM, ".jpg", b"one")
    second = write_new_file(tmp_path, LONG_STEM, ".jpg", b"two")
    assert first.read_bytes() == b"one"
    assert second.read_bytes() == b"two"
    assert first.suffix == ".jpg"
    assert second.name.endswith("-2.jpg"), "the free-name counter is kept"
    for path in (first, second):
        assert _fits(path.name, tmp_path)
        stem = path.name.removesuffix(".jpg").removesuffix("-2")
        assert unicodedata.normalize("NFC", LONG_STEM).startswith(stem)
        assert graphemes(stem) == graphemes(unicodedata.normalize("NFC", LONG_STEM))[: len(graphemes(stem))]
    assert len(first.name.encode()) > 200, "shortened, not emptied"


def test_publishing_a_long_name_never_blames_the_folder(tmp_path: Path) -> None:
    finished = tmp_path / ".fini.tmp"
    finished.write_bytes(b"photo")
    target = publish_under_free_name(finished, tmp_path, "ç" * 300, ".jpeg")
    assert target.read_bytes() == b"photo"
    assert not finished.exists()
    assert target.name.endswith(".jpeg")
    assert _fits(target.name, tmp_path)


def test_a_file_system_that_allows_less_than_it_says_gets_a_shorter_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_link = os.link

    def small_link(source: str | Path, target: str | Path, **kwargs: object) -> None:
        if len(os.path.basename(target).encode()) > 100:  # an encrypted home allows 143 bytes
            raise OSError(errno.ENAMETOOLONG, "File name too long", str(target))
        real_link(source, target)

    monkeypatch.setattr(os, "link", small_link)
    path = write_new_file(tmp_path, "é" * 200, ".jpg", b"x")
    assert path.read_bytes() == b"x"
    assert len(path.name.encode()) <= 100


def test_an_atomic_write_to_a_name_that_just_fits_works(tmp_path: Path) -> None:
    name = "é" * 125 + ".txt"  # 254 bytes
    write_bytes_atomic(tmp_path / name, b"ok")
    assert (tmp_path / name).read_bytes() == b"ok"


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=400), st.integers(min_value=1, max_value=300))
def test_a_cut_name_is_a_start_of_the_name_on_a_character_boundary(text: str, budget: int) -> None:
    cut = fit_name(text, budget)
    if name_length(text) <= budget:
        assert cut == text
        return
    assert cut
    first = graphemes(text)[0]
    if cut != first:
        assert name_length(cut) <= budget
        clusters = graphemes(unicodedata.normalize("NFC", text))
        assert graphemes(cut) == clusters[: len(graphemes(cut))], "never a letter without its accent"
        assert not cut.endswith((" ", "."))


def test_running_out_of_memory_while_decoding_is_a_french_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "photo.jpg"
    _photo((400, 300)).save(source)

    def no_memory(self: ImageFile.ImageFile) -> None:
        raise MemoryError

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_memory)
    with pytest.raises(PhotoRefused) as refused:
        open_image(source)
    assert refused.value.message == opening.OUT_OF_MEMORY
