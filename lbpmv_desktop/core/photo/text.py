"""Text and price labels drawn on photos, with the shipped Noto Sans Bold.

Every length is a fraction of the finished picture's short side, and the layout (size, line
break, place) is decided from measures taken at one reference size: the screen preview (a small
proxy) and the full-size export show the same label, in the same proportions. The label always
stays inside the picture; a long text wraps onto two lines and shrinks until it fits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from lbpmv_desktop.core.photo.fonts import BOLD, FontMissing, covered, truetype
from lbpmv_desktop.core.typography import keep_together

if TYPE_CHECKING:
    from PIL import Image

    from lbpmv_desktop.core.photo.recipe import Label

MAX_LABEL_CHARS = 60
# The usual text size (size 100) of each style, as a fraction of the picture's short side.
TEXT_SIZE = {"sombre": 0.065, "clair": 0.065, "prix": 0.09}
INK = (29, 43, 54)
WHITE = (255, 255, 255)
STICKER = (255, 196, 0)
_LINE = 1.22  # line height, in em
_BAND_PAD = 0.36  # band: space above and below the text, in em
_BAND_WIDTH = 0.92  # band: the text's widest line, as a fraction of the picture's width
_STICKER_PAD_X, _STICKER_PAD_Y = 0.5, 0.26  # sticker: space around the text, in em
_STICKER_MARGIN = 0.02  # sticker: space kept to the picture's edges (fraction of the short side)
_REFERENCE_PIXELS = 200  # texts are measured at this size, then scaled

# Characters that change nothing on a photo (emoji presentation selectors, zero-width joiners
# and spaces, soft hyphen, word joiner, byte-order mark): left out before drawing.
_IGNORED = frozenset([*range(0xFE00, 0xFE10), 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD])
# Invisible characters that reorder or hide text: refused like control characters.
_DIRECTION = frozenset([0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
# Emoji (Unicode's Emoji property, the blocks and code points that hold them); only asked about
# characters the font lacks, so a covered symbol (©, ™, №) is simply drawn.
_EMOJI_RANGES = (
    (0x1F000, 0x1FAFF),
    (0x2600, 0x27BF),
    (0x231A, 0x231B),
    (0x2328, 0x2328),
    (0x23CF, 0x23CF),
    (0x23E9, 0x23FA),
    (0x2194, 0x2199),
    (0x21A9, 0x21AA),
    (0x25AA, 0x25AB),
    (0x25B6, 0x25B6),
    (0x25C0, 0x25C0),
    (0x25FB, 0x25FE),
    (0x2934, 0x2935),
    (0x2B05, 0x2B07),
    (0x2B1B, 0x2B1C),
    (0x2B50, 0x2B50),
    (0x2B55, 0x2B55),
    (0x203C, 0x203C),
    (0x2049, 0x2049),
    (0x2139, 0x2139),
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0x3297, 0x3299),
    (0x20E3, 0x20E3),
    (0xE0020, 0xE007F),
)


def _is_emoji(code: int) -> bool:
    return any(low <= code <= high for low, high in _EMOJI_RANGES)


def _covered() -> frozenset[int]:
    try:
        return covered(BOLD)
    except FontMissing:
        return frozenset(range(0x20, 0x7F))


def label_problem(text: str) -> str | None:
    """Why ``text`` cannot be written on a photo (one French sentence), or None when it can."""
    text = unicodedata.normalize("NFC", text)
    try:
        font_ok = bool(covered(BOLD))
    except FontMissing:
        font_ok = False
    if not font_ok:
        return "La police de l'application est introuvable : réinstallez l'application pour écrire sur les photos."
    if not text.strip():
        return "Le texte est vide : écrivez un prix ou quelques mots."
    if len(text.strip()) > MAX_LABEL_CHARS:
        return (
            f"Le texte est trop long pour la photo : {MAX_LABEL_CHARS} caractères au plus "
            f"(il en a {len(text.strip())})."
        )
    glyphs = _covered()
    for char in text:
        code = ord(char)
        category = unicodedata.category(char)
        if char in "\n\r\u2028\u2029\x0b\x0c\x85":
            return "Le texte doit tenir sur une seule ligne : retirez le retour à la ligne."
        if category == "Cc" or code in _DIRECTION:
            return (
                f"Le texte contient un caractère de commande invisible (U+{code:04X}) : "
                "retirez-le ou retapez le texte."
            )
        if category == "Cs":
            return "Le texte contient un caractère illisible : retapez-le."
        if code in _IGNORED or code in glyphs:
            continue
        if _is_emoji(code):
            return f"Les émojis ne peuvent pas être écrits sur la photo : remplacez « {char} » par un mot."
        if category in ("Cn", "Co", "Cf") or category.startswith("Z") or category.startswith("M"):
            return (
                f"Le texte contient un caractère que la photo ne peut pas montrer (U+{code:04X}) : "
                "retirez-le."
            )
        return f"Le caractère « {char} » ne peut pas être écrit sur la photo : remplacez-le ou retirez-le."
    if not drawable_text(text):  # only invisible characters
        return "Le texte est vide : écrivez un prix ou quelques mots."
    return None


def drawable_text(text: str) -> str:
    """``text`` as it is drawn: composed accents, one line, only characters the font has."""
    glyphs = _covered()
    text = unicodedata.normalize("NFC", text)
    kept = []
    for char in text:
        code = ord(char)
        if char in "\n\r\t\u2028\u2029\x0b\x0c\x85":
            kept.append(" ")
        elif (
            code in glyphs
            and code not in _IGNORED
            and code not in _DIRECTION
            and unicodedata.category(char) != "Cc"
        ):
            kept.append(char)
    return re.sub(" {2,}", " ", "".join(kept)).strip(" ")[:MAX_LABEL_CHARS].strip(" ")


# -- layout -----------------------------------------------------------------------------
@lru_cache(maxsize=1024)
def _width(text: str) -> float:
    """The advance width of ``text``, in em (measured once at the reference size)."""
    return float(truetype(_REFERENCE_PIXELS).getlength(text)) / _REFERENCE_PIXELS


def _two_lines(text: str) -> tuple[str, str] | None:
    """The most even break at an ordinary space (never at a non-breaking one, never inside
    a price, a time or a phone number)."""
    best: tuple[float, tuple[str, str]] | None = None
    for index, char in enumerate(text):
        if char != " ":  # keep_together() made every space that must not break a no-break one
            continue
        first, second = text[:index].rstrip(" "), text[index + 1 :].lstrip(" ")
        if not first or not second:
            continue
        widest = max(_width(first), _width(second))
        if best is None or widest < best[0]:
            best = (widest, (first, second))
    return best[1] if best else None


@dataclass(frozen=True)
class _Layout:
    """Where and how big the label is, in units of the picture's short side.

    Attributes:
        lines: one or two lines of text.
        em: the text size.
        box: left, top, right, bottom of the band or sticker.
        band: a band across the whole width (else a sticker).
    """

    lines: tuple[str, ...]
    em: float
    box: tuple[float, float, float, float]
    band: bool


@lru_cache(maxsize=256)
def _layout(text: str, style: str, x: float, y: float, size: int, aspect: tuple[float, float]) -> _Layout:
    width, height = aspect  # the picture in units of its short side: one of them is 1
    sticker = style == "prix"
    usual = TEXT_SIZE.get(style, TEXT_SIZE["sombre"]) * size / 100
    margin = _STICKER_MARGIN if sticker else 0.0
    pad_x, pad_y = (_STICKER_PAD_X, _STICKER_PAD_Y) if sticker else (0.0, _BAND_PAD)
    room_w = width - 2 * margin if sticker else width * _BAND_WIDTH
    room_h = height - 2 * margin
    choices: list[tuple[float, tuple[str, ...]]] = []
    split = _two_lines(text)
    for lines in [(text,), *([split] if split else [])]:
        widest = max(_width(line) for line in lines)
        em = min(
            usual,
            room_w / (widest + 2 * pad_x) if widest + 2 * pad_x > 0 else usual,
            room_h / (len(lines) * _LINE + 2 * pad_y),
        )
        choices.append((em, lines))
    # One line when it fits at the usual size; otherwise whichever gives the bigger text.
    em, lines = choices[0] if choices[0][0] >= usual * 0.999 else max(choices, key=lambda c: c[0])
    box_w = (max(_width(line) for line in lines) + 2 * pad_x) * em if sticker else width
    box_h = (len(lines) * _LINE + 2 * pad_y) * em
    centre_x = _inside(x * width, box_w, margin, width) if sticker else width / 2
    centre_y = _inside(y * height, box_h, margin, height)
    box = (centre_x - box_w / 2, centre_y - box_h / 2, centre_x + box_w / 2, centre_y + box_h / 2)
    return _Layout(lines, em, box, band=not sticker)


def _inside(centre: float, extent: float, margin: float, limit: float) -> float:
    low, high = margin + extent / 2, limit - margin - extent / 2
    return limit / 2 if low > high else min(high, max(low, centre))


def _fitted(size: tuple[int, int], label: Label) -> tuple[_Layout, float] | None:
    """The label's layout on a picture of ``size`` pixels and the pixels per unit, or None."""
    text = keep_together(drawable_text(label.text))
    width, height = size
    if not text or width < 1 or height < 1:
        return None
    label = label.clamped()
    short = min(width, height)
    aspect = (round(width / short, 4), round(height / short, 4))
    try:
        return _layout(text, label.style, label.x, label.y, label.size, aspect), short
    except FontMissing:  # a broken installation: nothing is drawn (label_problem says why)
        return None


def _pixels(layout: _Layout, scale: float, size: tuple[int, int]) -> tuple[int, int, int, int]:
    left, top, right, bottom = layout.box
    width, height = size
    top_px, bottom_px = max(0, min(height, round(top * scale))), max(0, min(height, round(bottom * scale)))
    if layout.band:
        return (0, top_px, width, bottom_px)
    return (
        max(0, min(width, round(left * scale))),
        top_px,
        max(0, min(width, round(right * scale))),
        bottom_px,
    )


def label_box(size: tuple[int, int], label: Label) -> tuple[int, int, int, int]:
    """The pixels (left, top, right, bottom) the label covers on a picture of ``size``.

    An empty box (0, 0, 0, 0) when nothing would be drawn.
    """
    fitted = _fitted(size, label)
    if fitted is None:
        return (0, 0, 0, 0)
    layout, scale = fitted
    return _pixels(layout, scale, size)


# -- drawing ----------------------------------------------------------------------------
def draw_label(image: Image.Image, label: Label, *, in_place: bool = False) -> Image.Image:
    """Write a short text (or a price sticker) legibly on a copy of the photo.

    Characters the font cannot draw are left out (callers refuse them first with
    ``label_problem``): a label never shows an empty box.

    Args:
        in_place: draw on ``image`` itself (an RGB or RGBA picture the caller owns, e.g. a
            freshly resized export: saves a full copy of a large picture).
    """
    fitted = _fitted(image.size, label)
    if fitted is None:
        return image
    from PIL import ImageDraw

    layout, scale = fitted
    style = label.clamped().style
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGB")
    elif not in_place:
        image = image.copy()
    left, top, right, bottom = _pixels(layout, scale, image.size)
    pixels = max(1, round(layout.em * scale))
    if style == "prix":
        _sticker(image, (left, top, right, bottom), layout.em * scale)
        ink = INK
    else:
        draw = ImageDraw.Draw(image, "RGBA")
        band = (0, 0, 0, 168) if style == "sombre" else (255, 255, 255, 218)
        draw.rectangle((left, top, right - 1, bottom - 1), fill=band)
        ink = WHITE if style == "sombre" else INK
    centre_x = (layout.box[0] + layout.box[2]) / 2 * scale
    pad_y = _STICKER_PAD_Y if style == "prix" else _BAND_PAD
    for index, line in enumerate(layout.lines):
        centre_y = (layout.box[1] + (pad_y + (index + 0.5) * _LINE) * layout.em) * scale
        mask, (dx, dy) = _line_mask(line, pixels)
        opaque = () if image.mode == "RGB" else (255,)
        image.paste((*ink[:3], *opaque), (round(centre_x) + dx, round(centre_y) + dy), mask)
    return image


_CACHED_TEXT_PIXELS = 256  # the preview's text sizes; an export's bigger masks are not kept


def _line_mask(line: str, pixels: int) -> tuple[Image.Image, tuple[int, int]]:
    """One line of text as a mask, and its offset from the line's centre.

    The preview redraws the same label at every slider change: its masks are rendered once.
    """
    return _cached_line(line, pixels) if pixels <= _CACHED_TEXT_PIXELS else _render_line(line, pixels)


@lru_cache(maxsize=12)
def _cached_line(line: str, pixels: int) -> tuple[Image.Image, tuple[int, int]]:
    return _render_line(line, pixels)


def _render_line(line: str, pixels: int) -> tuple[Image.Image, tuple[int, int]]:
    from PIL import Image as PILImage
    from PIL import ImageDraw

    font = truetype(pixels)
    left, top, right, bottom = (round(v) for v in font.getbbox(line, anchor="mm"))
    mask = PILImage.new("L", (max(1, right - left), max(1, bottom - top)), 0)
    ImageDraw.Draw(mask).text((-left, -top), line, font=font, fill=255, anchor="mm")
    return mask, (left, top)


def _sticker(image: Image.Image, box: tuple[int, int, int, int], em_pixels: float) -> None:
    """A rounded yellow sticker with a dark outline: straight parts filled, corners smoothed."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    left, top, right, bottom = box
    width, height = right - left, bottom - top
    outline = max(1, round(em_pixels * 0.07))
    radius = min(round(em_pixels * 0.38), width // 2, height // 2)
    if width < 2 * outline + 2 or height < 2 * outline + 2:
        return
    radius = max(radius, outline + 1)
    draw = ImageDraw.Draw(image)
    ink: tuple[int, ...] = INK
    fill: tuple[int, ...] = STICKER
    if image.mode == "RGBA":
        ink, fill = (*INK, 255), (*STICKER, 255)
    draw.rectangle((left + radius, top, right - radius - 1, bottom - 1), fill=ink)
    draw.rectangle((left, top + radius, right - 1, bottom - radius - 1), fill=ink)
    draw.rectangle((left + radius, top + outline, right - radius - 1, bottom - outline - 1), fill=fill)
    draw.rectangle((left + outline, top + radius, right - outline - 1, bottom - radius - 1), fill=fill)
    tile, mask = _corner(radius, outline)
    flip = PILImage.Transpose
    for turn, x, y in (
        (None, left, top),
        (flip.FLIP_LEFT_RIGHT, right - radius, top),
        (flip.FLIP_TOP_BOTTOM, left, bottom - radius),
        (flip.ROTATE_180, right - radius, bottom - radius),
    ):
        piece, alpha = (tile, mask) if turn is None else (tile.transpose(turn), mask.transpose(turn))
        image.paste(piece if image.mode == "RGB" else piece.convert(image.mode), (x, y), alpha)


@lru_cache(maxsize=16)
def _corner(radius: int, outline: int) -> tuple[Image.Image, Image.Image]:
    """The sticker's top-left corner (colours and coverage), drawn 4× larger and reduced."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    big = 4
    colours = PILImage.new("RGB", (radius * big, radius * big), INK)
    coverage = PILImage.new("L", colours.size, 0)
    outer = (0, 0, 2 * radius * big - 1, 2 * radius * big - 1)
    ring = outline * big
    inner = (ring, ring, outer[2] - ring, outer[3] - ring)
    ImageDraw.Draw(coverage).pieslice(outer, 180, 270, fill=255)
    yellow = PILImage.new("L", colours.size, 0)
    ImageDraw.Draw(yellow).pieslice(inner, 180, 270, fill=255)
    colours.paste(STICKER, (0, 0), yellow)
    size = (radius, radius)
    reduce = PILImage.Resampling.BOX
    return colours.resize(size, reduce), coverage.resize(size, reduce)
