"""Labels on photos: French drawn with the shipped font, never a missing-glyph box, always inside."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops

from lbpmv_desktop.core.photo import fonts, text
from lbpmv_desktop.core.photo.recipe import LABEL_STYLES, Label
from lbpmv_desktop.core.photo.text import MAX_LABEL_CHARS, draw_label, label_box, label_problem

if TYPE_CHECKING:
    from pathlib import Path

NBSP, NNBSP = "\u00a0", "\u202f"
SENTENCE = f"Chaussons bébé 24,90{NBSP}€ — «{NNBSP}Soldes{NNBSP}» œuvre d’art"
FRENCH = (
    "àâäçéèêëîïôöùûüÿœæ ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ « » “ ” ‘ ’ € … — – · ° § © ® ™ "
    f"N° 1{NNBSP}000{NBSP}€ 12,50{NNBSP}% Qu’est-ce{NNBSP}? Oui{NNBSP}! Horaires{NBSP}: 9{NBSP}h-19{NBSP}h"
)
MISSING = "\uffff"  # a noncharacter: no font maps it, FreeType draws the .notdef box


def _cmap(name: str) -> dict[int, str]:
    return TTFont(fonts.font_path(name)).getBestCmap()


def _picture(size: tuple[int, int] = (1280, 960)) -> Image.Image:
    """A picture with detail (a gradient), like a photo."""
    gradient = Image.linear_gradient("L").resize(size)
    return Image.merge(
        "RGB", (gradient, gradient.transpose(Image.Transpose.ROTATE_90).resize(size), gradient)
    )


@pytest.mark.parametrize("name", [fonts.BOLD, fonts.REGULAR])
def test_the_shipped_fonts_map_every_french_character(name: str) -> None:
    cmap = _cmap(name)
    missing = sorted({f"U+{ord(c):04X}" for c in SENTENCE + FRENCH if ord(c) not in cmap})
    assert not missing, f"{name} lacks {missing}"


def test_the_licence_is_beside_the_fonts() -> None:
    licence = (fonts.font_path().parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in licence.upper()


@pytest.mark.parametrize("name", [fonts.BOLD, fonts.REGULAR])
def test_the_runtime_character_map_is_the_font_s_own(name: str) -> None:
    assert fonts.covered(name) == frozenset(_cmap(name))


def test_french_text_is_accepted() -> None:
    assert label_problem(SENTENCE) is None
    assert label_problem("Promo -20 % sur les œufs") is None
    assert label_problem("©\ufe0f Boulangerie") is None  # an emoji-presentation selector is ignored


def test_the_french_sentence_is_drawn_with_real_glyphs_never_the_missing_box() -> None:
    label = Label(SENTENCE, "sombre")
    picture = _picture()
    drawn = draw_label(picture, label)
    box = label_box(picture.size, label)
    assert ImageChops.difference(drawn, picture).getbbox() is not None, "something is drawn"
    pixels = round(text.TEXT_SIZE["sombre"] * min(picture.size))
    font = fonts.truetype(pixels)
    notdef = font.getmask(MISSING)
    assert notdef.getbbox() is not None, "the .notdef glyph is visible, so the comparison means something"
    cmap = _cmap(fonts.BOLD)
    for char in sorted(set(SENTENCE) - {" ", NBSP, NNBSP}):
        assert ord(char) in cmap, f"U+{ord(char):04X} falls back to .notdef"
        glyph = font.getmask(char)
        assert (glyph.size, bytes(glyph)) != (notdef.size, bytes(notdef)), f"« {char} » is drawn as a box"
    # The band holds light text: the letters are there, inside the label's box.
    band = drawn.crop(box).convert("L")
    assert band.point(lambda v: 255 if v > 235 else 0).getbbox() is not None


def test_a_character_the_font_lacks_is_left_out_never_drawn_as_a_box() -> None:
    picture = _picture()
    with_emoji = draw_label(picture, Label("Prix 😀 5\u00a0€ 中", "prix"))
    without = draw_label(picture, Label("Prix 5\u00a0€", "prix"))
    assert ImageChops.difference(with_emoji, without).getbbox() is None


@pytest.mark.parametrize("emoji", ["😀", "❤️", "👍🏽", "🇫🇷", "1️⃣", "⭐", "☀"])
def test_emoji_are_refused_with_a_french_sentence(emoji: str) -> None:
    problem = label_problem(f"Soldes {emoji}")
    assert problem is not None
    assert problem.startswith("Les émojis ne peuvent pas être écrits sur la photo")
    assert problem.endswith(".")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Prix\x07", "caractère de commande invisible (U+0007)"),
        ("Prix\t5 €", "caractère de commande invisible (U+0009)"),
        ("\u202eoslos", "caractère de commande invisible (U+202E)"),
        ("Ligne 1\nLigne 2", "une seule ligne"),
        ("Prix 中", "Le caractère « 中 » ne peut pas être écrit sur la photo"),
        ("Prix \U000f0000", "(U+F0000)"),
        ("   ", "Le texte est vide"),
        ("\u200b\ufe0f", "Le texte est vide"),
        ("x" * (MAX_LABEL_CHARS + 1), f"{MAX_LABEL_CHARS} caractères au plus"),
    ],
)
def test_what_cannot_be_written_is_one_french_sentence(value: str, expected: str) -> None:
    problem = label_problem(value)
    assert problem is not None
    assert expected in problem
    assert problem.endswith(".")
    assert "\n" not in problem


def test_decomposed_accents_are_composed() -> None:
    composed = draw_label(_picture(), Label("bébé", "clair"))
    decomposed = draw_label(_picture(), Label("be\u0301be\u0301", "clair"))
    assert label_problem("be\u0301be\u0301") is None
    assert ImageChops.difference(composed, decomposed).getbbox() is None


LONG_WORD = "Anticonstitutionnellement" * 2 + "Super"
LONG_TEXT = "Grande braderie d’été : tout à moins 50 % jusqu’à dimanche !"
SIZES = [(1080, 1080), (1600, 900), (900, 1600), (4000, 3000), (320, 2400), (3000, 160)]


@pytest.mark.parametrize("style", LABEL_STYLES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("where", [(0.0, 0.0), (1.0, 1.0), (0.0, 1.0), (1.0, 0.0), (0.5, 0.5)])
@pytest.mark.parametrize("words", ["24,90\u00a0€", LONG_WORD, LONG_TEXT])
def test_the_label_stays_inside_the_picture(
    style: str, size: tuple[int, int], where: tuple[float, float], words: str
) -> None:
    width, height = size
    for scale in (50, 200):
        left, top, right, bottom = label_box(size, Label(words, style, *where, scale))
        assert 0 <= left < right <= width
        assert 0 <= top < bottom <= height
        if style != "prix":
            assert (left, right) == (0, width), "a band spans the whole width"


@pytest.mark.parametrize("style", LABEL_STYLES)
@pytest.mark.parametrize("where", [(0.0, 0.0), (1.0, 1.0), (0.97, 0.03)])
def test_everything_drawn_is_inside_the_label_box(style: str, where: tuple[float, float]) -> None:
    picture = _picture((1200, 800))
    for words in ("24,90\u00a0€", LONG_WORD, LONG_TEXT):
        label = Label(words, style, *where, 200)
        changed = ImageChops.difference(draw_label(picture, label), picture).getbbox()
        left, top, right, bottom = label_box(picture.size, label)
        assert changed is not None
        assert left <= changed[0]
        assert top <= changed[1]
        assert changed[2] <= right
        assert changed[3] <= bottom


@settings(max_examples=60, deadline=None)
@given(
    st.integers(8, 6000),
    st.integers(8, 6000),
    st.sampled_from(LABEL_STYLES),
    st.floats(-1, 2),
    st.floats(-1, 2),
    st.integers(-10, 400),
    st.text(st.characters(codec="utf-8"), max_size=80),
)
def test_label_box_is_inside_any_picture(
    width: int, height: int, style: str, x: float, y: float, size: int, words: str
) -> None:
    left, top, right, bottom = label_box((width, height), Label(words, style, x, y, size))
    assert 0 <= left <= right <= width
    assert 0 <= top <= bottom <= height


def test_the_size_makes_the_label_bigger() -> None:
    areas = []
    for scale in (50, 100, 200):
        left, top, right, bottom = label_box((1080, 1080), Label("24,90\u00a0€", "prix", 0.5, 0.5, scale))
        areas.append((right - left) * (bottom - top))
    assert areas[0] < areas[1] < areas[2]


def test_a_long_text_wraps_to_two_lines_and_a_single_word_shrinks() -> None:
    short = label_box((1080, 1080), Label("24,90\u00a0€", "sombre"))
    long = label_box((1080, 1080), Label(LONG_TEXT, "sombre"))
    word = label_box((1080, 1080), Label(LONG_WORD, "sombre"))
    height = lambda box: box[3] - box[1]  # noqa: E731
    fitted = text._fitted((1080, 1080), Label(LONG_TEXT, "sombre"))
    assert fitted is not None
    assert len(fitted[0].lines) == 2
    assert height(long) > 1.3 * height(short), "two lines"
    assert height(word) < height(short), "one word too long for the width is made smaller"


def test_a_band_moves_only_up_and_down_and_a_sticker_anywhere() -> None:
    assert label_box((1000, 800), Label("Soldes", "clair", 0.1, 0.1)) == label_box(
        (1000, 800), Label("Soldes", "clair", 0.9, 0.1)
    )
    left_sticker = label_box((1000, 800), Label("Soldes", "prix", 0.2, 0.5))
    right_sticker = label_box((1000, 800), Label("Soldes", "prix", 0.8, 0.5))
    assert left_sticker[2] < right_sticker[0]
    assert (left_sticker[1], left_sticker[3]) == (right_sticker[1], right_sticker[3])


def _fractions(box: tuple[int, int, int, int], size: tuple[int, int]) -> tuple[float, ...]:
    return (box[0] / size[0], box[1] / size[1], box[2] / size[0], box[3] / size[1])


@pytest.mark.parametrize("style", LABEL_STYLES)
@pytest.mark.parametrize("words", ["24,90\u00a0€", SENTENCE])
def test_the_preview_and_the_export_show_the_same_label(style: str, words: str) -> None:
    full = _picture((4000, 3000))
    proxy = full.resize((1280, 960))
    label = Label(words, style, 0.7, 0.3, 120)
    boxes = [label_box(p.size, label) for p in (proxy, full)]
    areas = [
        (b[2] - b[0]) * (b[3] - b[1]) / (p.width * p.height)
        for b, p in zip(boxes, (proxy, full), strict=True)
    ]
    assert areas[1] == pytest.approx(areas[0], rel=0.02)
    for a, b in zip(_fractions(boxes[0], proxy.size), _fractions(boxes[1], full.size), strict=True):
        assert abs(a - b) < 0.005
    # The letters themselves: their extent, as fractions of the picture, match too.
    inks = []
    for picture in (proxy, full):
        drawn = draw_label(picture, label)
        box = label_box(picture.size, label)
        band = drawn.crop(box).convert("L")
        letters = (
            band.point(lambda v: 255 if v > 235 else 0)
            if style == "sombre"
            else band.point(lambda v: 255 if v < 60 else 0)
        )
        found = letters.getbbox()
        assert found is not None
        inks.append(_fractions((found[0] + box[0], found[1] + box[1], found[2] + box[0], found[3] + box[1]),
                               picture.size))  # fmt: skip
    for a, b in zip(*inks, strict=True):
        assert abs(a - b) < 0.01


def test_drawing_leaves_the_original_untouched_unless_asked() -> None:
    picture = _picture((640, 480))
    before = picture.tobytes()
    copy = draw_label(picture, Label("Soldes", "prix"))
    assert picture.tobytes() == before
    same = draw_label(picture, Label("Soldes", "prix"), in_place=True)
    assert same is picture
    assert same.tobytes() == copy.tobytes()


def test_without_its_fonts_the_app_explains_and_draws_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    caches = (fonts.covered, fonts.truetype, text._width, text._layout, text._cached_line)
    monkeypatch.setenv("LBPMV_RESOURCES", str(tmp_path))
    for cache in caches:
        cache.cache_clear()
    try:
        problem = label_problem("Soldes")
        assert problem is not None
        assert "réinstallez" in problem
        picture = _picture((320, 240))
        assert draw_label(picture, Label("Soldes")).tobytes() == picture.tobytes()
    finally:
        monkeypatch.undo()
        for cache in caches:
            cache.cache_clear()
    assert label_problem("Soldes") is None


@pytest.mark.parametrize(
    "words",
    [
        "Chaussons bébé 24,90 € — « Soldes » aujourd’hui",
        "Ouvert de 9 h à 19 h du lundi au samedi",
        "Appelez-nous au 03 12 34 56 78 pour réserver",
        "Tout le rayon à 1 000 € au lieu de 1 500 € !",
        "Vraiment ? Oui : « Soldes » partout !",
    ],
)
def test_a_line_never_breaks_inside_a_price_a_time_or_a_phone_number(words: str) -> None:
    """Typed with ordinary spaces, as a merchant does."""
    fitted = text._fitted((700, 1400), Label(words, "prix", size=200))
    assert fitted is not None
    lines = fitted[0].lines
    assert len(lines) == 2, lines
    first, second = lines
    assert second[0] not in "€%»:;!?h", lines
    assert first[-1] not in "«—", lines
    assert not (first[-1].isdigit() and second[0].isdigit()), lines


@pytest.mark.parametrize("style", LABEL_STYLES)
def test_the_studio_preview_shows_the_label_the_export_writes(tmp_path: Path, style: str) -> None:
    """Through the real pipeline: a 1280 px proxy preview and the 1080×1080 Instagram export."""
    from lbpmv_desktop.core.photo.export import render_export
    from lbpmv_desktop.core.photo.presets import PRESETS
    from lbpmv_desktop.core.photo.recipe import Crop, Recipe
    from lbpmv_desktop.core.photo.render import render_preview

    source = tmp_path / "photo.jpg"
    _picture((4000, 3000)).save(source, quality=92)
    label = Label(SENTENCE, style, 0.3, 0.75, 130)
    recipe = Recipe(crop=Crop(0.125, 0.0, 0.75, 1.0, ratio=1.0), label=label)
    proxy = _picture((4000, 3000)).resize((1280, 960))
    views = [render_preview(proxy, recipe), render_export(source, recipe, PRESETS["instagram"])[0]]
    plain = [render_preview(proxy, Recipe(crop=recipe.crop)), render_export(source, Recipe(crop=recipe.crop), PRESETS["instagram"])[0]]  # fmt: skip
    extents = []
    for view, before in zip(views, plain, strict=True):
        assert view.width == view.height, "the square crop is what is shown and exported"
        changed = ImageChops.difference(view, before).getbbox()
        assert changed is not None
        box = label_box(view.size, label)
        assert box[0] <= changed[0]
        assert box[1] <= changed[1]
        assert changed[2] <= box[2]
        assert changed[3] <= box[3]
        extents.append(_fractions(changed, view.size))
    for a, b in zip(*extents, strict=True):
        assert abs(a - b) < 0.01
