"""Draw a poster with QPainter: the same code writes the PDF (vector text, embedded Noto Sans),
prints it, and draws the live preview.

The page is laid out once in millimetres (``layout``), whatever the device: every text gets the
largest size at which all of them fit the space left by the band, the photo and the QR code
(never under a legible minimum; long texts wrap, then shrink, and at the minimum the longest is
cut with « … »), and what space is left goes between the blocks, so the page is always full.
The QR code is 31 % of the page's short side (6.5 cm on A4, 9.2 cm on A3) with its address under
it in letters at least 5 mm tall (readable from 1 m and more).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
)

from lbpmv_desktop.core.poster.links import display_link
from lbpmv_desktop.core.poster.model import MARGIN_MM, qr_modules
from lbpmv_desktop.core.typography import keep_together
from lbpmv_desktop.ui.fonts import register_fonts
from lbpmv_desktop.ui.pdf import pdf_file

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtGui import QPagedPaintDevice

    from lbpmv_desktop.core.poster.model import Poster

QR_QUIET = 4  # modules of white around the code, as the standard asks
UNIT = 20.0  # layout pixels per millimetre: the same layout on screen, on paper and in the PDF
CAP_HEIGHT = 0.714  # Noto Sans: capital letters are 0.714 of the font size
URL_CAP_MM = 5.2  # the address under the QR code, on A4 (× 1.41 on A3)


@dataclass
class Pictures:
    """The decoded photo and logo (decoded elsewhere, safely)."""

    photo: QImage | None = None
    logo: QImage | None = None


@dataclass
class TextBox:
    """A text placed on the page: its box in millimetres and its font size (em, mm)."""

    role: str
    text: str
    x: float
    y: float
    w: float
    h: float
    size: float
    bold: bool
    colour: str
    align: Qt.AlignmentFlag
    anywhere: bool = False

    @property
    def cap_height(self) -> float:
        return self.size * CAP_HEIGHT


@dataclass
class PosterLayout:
    """Where everything goes, in millimetres from the page's top-left corner."""

    width: float
    height: float
    background: str
    texts: list[TextBox] = field(default_factory=list)
    fills: list[tuple[QRectF, str, float]] = field(default_factory=list)  # box, colour, corner radius
    photo: QRectF | None = None
    logo: QRectF | None = None
    qr: QRectF | None = None

    def text(self, role: str) -> TextBox | None:
        return next((t for t in self.texts if t.role == role), None)


def qr_side_mm(poster: Poster) -> float:
    """The QR code's printed side: 31 % of the page's short side (6.5 cm on A4, 9.2 cm on A3)."""
    width, height = poster.paper_mm
    return min(width, height) * 0.31


def _font(size_mm: float, bold: bool, family: str) -> QFont:
    font = QFont(family)
    font.setPixelSize(max(1, round(size_mm * UNIT)))
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setKerning(True)
    return font


@functools.lru_cache(maxsize=4096)  # the preview is laid out again at every key typed
def _measure(
    family: str, text: str, pixels: int, width: float, bold: bool, anywhere: bool
) -> tuple[float, float]:
    metrics = QFontMetricsF(_font(pixels / UNIT, bold, family))
    flags = _Fitter.flags(Qt.AlignmentFlag.AlignLeft, anywhere)
    bounds = metrics.boundingRect(QRectF(0, 0, width, 1e9), flags, text)
    return bounds.height() / UNIT, bounds.width() / UNIT


@dataclass
class _Block:
    """A text to fit: its nominal size relative to the others and its limits (mm)."""

    role: str
    text: str
    ratio: float
    smallest: float
    largest: float
    bold: bool
    colour: str
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignHCenter
    size: float = 0.0
    height: float = 0.0
    anywhere: bool = False
    one_line: bool = False  # a name: on one line when that still leaves it large


class _Fitter:
    """Measures texts in millimetres with the poster's font."""

    def __init__(self, family: str) -> None:
        self.family = family

    @staticmethod
    def flags(align: Qt.AlignmentFlag, anywhere: bool) -> int:
        wrap = Qt.TextFlag.TextWrapAnywhere if anywhere else Qt.TextFlag.TextWordWrap
        return int(align) | int(Qt.AlignmentFlag.AlignTop) | int(wrap)

    def measure(
        self, text: str, size: float, width: float, bold: bool, anywhere: bool = False
    ) -> tuple[float, float]:
        """(height, widest line) of ``text`` wrapped at ``width``, in millimetres."""
        return _measure(self.family, text, round(size * UNIT), round(width * UNIT, 3), bold, anywhere)

    def word_cap(self, block: _Block, width: float) -> float:
        """The largest size at which the longest unbreakable piece of ``block`` fits ``width``."""
        pieces = [p for line in block.text.split("\n") for p in re.split("[ \u200b]", line) if p]
        if not pieces:
            return block.largest
        metrics = QFontMetricsF(_font(10, block.bold, self.family))
        widest = max(metrics.horizontalAdvance(p) for p in pieces) / UNIT
        return 10 * width / widest * 0.97 if widest > 0 else block.largest

    def fit(self, blocks: list[_Block], width: float, room: float, gap: float) -> float:
        """Give every block its size and height so that together they fill ``room``; returns the
        height they use (more than ``room`` only when even the smallest sizes do not fit)."""
        blocks = [b for b in blocks if b.text.strip()]
        if not blocks:
            return 0.0
        caps = {}
        for block in blocks:
            cap = self.word_cap(block, width)
            block.anywhere = cap < block.smallest  # a word longer than the line: cut anywhere
            caps[block.role] = block.largest if block.anywhere else min(block.largest, cap)
            if block.one_line and "\n" not in block.text:
                widest = self.measure(block.text, 10, 1e6, block.bold)[1]
                line_cap = 10 * width / widest * 0.97 if widest > 0 else block.largest
                if line_cap >= block.largest * 0.45:
                    caps[block.role] = min(caps[block.role], line_cap)

        def sizes(scale: float) -> float:
            total = gap * (len(blocks) - 1)
            for block in blocks:
                block.size = max(block.smallest, min(scale * block.ratio, caps[block.role]))
                block.height = self.measure(block.text, block.size, width, block.bold, block.anywhere)[0]
                total += block.height
            return total

        low, high = 0.0, max(b.largest / b.ratio for b in blocks)
        if sizes(high) <= room:
            return sizes(high)
        for _ in range(16):
            middle = (low + high) / 2
            if sizes(middle) <= room:
                low = middle
            else:
                high = middle
        return sizes(low)


def _cut(text: str, font: QFont, width: float, height: float, flags: int) -> str:
    """``text`` shortened with « … » at a word so that it fits the box (sizes in layout pixels)."""
    metrics = QFontMetricsF(font)

    def fits(candidate: str) -> bool:
        bounds = metrics.boundingRect(QRectF(0, 0, width, 1e9), flags, candidate)
        return bounds.height() <= height + 0.5 and bounds.width() <= width + 0.5

    if fits(text):
        return text
    words = text.replace("\n", " \n ").split(" ")
    low, high = 0, len(words)  # the most words that fit, found by halving
    while low < high:
        middle = (low + high + 1) // 2
        if fits(" ".join(words[:middle]).rstrip() + " …"):
            low = middle
        else:
            high = middle - 1
    if low:
        return " ".join(words[:low]).replace(" \n ", "\n").rstrip() + " …"
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


def _shrink_to(blocks: list[_Block], fitter: _Fitter, width: float, room: float, gap: float) -> None:
    """At the smallest sizes the texts still need more than ``room``: the message and the details
    give up lines in proportion to what they have beyond their first line (their end is cut with
    « … »); the names (the shop's, the headline) only when that is not enough."""
    blocks = [b for b in blocks if b.text.strip()]
    for names_too in (False, True):
        excess = sum(b.height for b in blocks) + gap * (len(blocks) - 1) - room
        if excess <= 0:
            return
        giving = [b for b in blocks if names_too or b.role not in ("shop", "headline")]
        spare = {id(b): max(0.0, b.height - fitter.measure("Hg", b.size, width, b.bold)[0]) for b in giving}
        total = sum(spare.values())
        for block in giving:
            if total > 0:
                block.height -= min(spare[id(block)], excess * spare[id(block)] / total)


_LONG_PIECE = re.compile(r"[^ \t\n]{25,}")


def _prepared(text: str) -> str:
    """``text`` ready to be laid out: no-break spaces where French needs them, and a place to
    break every 16 characters in what has no space over 25 (« ZZZZ… », a pasted code), so that a
    line never has to be broken anywhere else."""

    def breakable(found: re.Match[str]) -> str:
        piece = found.group(0)
        if len(piece) < 40 and ("\u00a0" in piece or "\u202f" in piece):
            return piece  # a phone number or a time with its unit: kept whole
        return "\u200b".join(piece[i : i + 16] for i in range(0, len(piece), 16))

    return _LONG_PIECE.sub(breakable, keep_together(text))


def layout(poster: Poster, pictures: Pictures | None = None) -> PosterLayout:
    """Lay out ``poster`` (already checked) on its page: with a large headline band, or a smaller
    one when the texts under it would have to be cut."""
    best: tuple[float, PosterLayout] | None = None
    for band in (1.0, 0.7, 0.5):
        page, lacking = _layout(poster, pictures or Pictures(), band)
        if lacking <= 0.01:
            return page
        if best is None or lacking < best[0] - 0.01:
            best = (lacking, page)
    assert best is not None
    return best[1]


def _layout(poster: Poster, pictures: Pictures, band: float) -> tuple[PosterLayout, float]:
    """The page with the headline at most ``band`` × its largest size; and how much room the texts
    lacked (> 0: the longest are cut)."""
    fitter = _Fitter(register_fonts())
    colours = poster.colours
    design = poster.design
    paper_w, paper_h = poster.paper_mm
    scale = min(paper_w, paper_h) / 210  # A4 → 1, A3 → 1.41
    margin = MARGIN_MM * scale
    page = PosterLayout(paper_w, paper_h, colours.background)
    x0, y0 = margin, margin
    inner_w, inner_h = paper_w - 2 * margin, paper_h - 2 * margin
    gap = 5.0 * scale
    centre, left = Qt.AlignmentFlag.AlignHCenter, Qt.AlignmentFlag.AlignLeft
    link = poster.url
    side = qr_side_mm(poster) if link else 0.0

    # -- the band with the headline (and the logo on a white square at its right) -------------------
    pad = 5.0 * scale
    logo_side = min(38.0 * scale, inner_h * 0.13) if pictures.logo is not None else 0.0
    headline_w = inner_w - 2 * pad - (logo_side + pad if logo_side else 0)
    headline = _Block(
        "headline", _prepared(design.headline), 1.0, 9.0, (34.0 if not poster.landscape else 26.0) * scale * band,
        True, colours.band_ink,
    )  # fmt: skip
    band_room = inner_h * (0.2 if not poster.landscape else 0.22) - 2 * pad
    fitter.fit([headline], headline_w, band_room, 0)
    _shrink_to([headline], fitter, headline_w, band_room, 0)
    band_h = max(headline.height + 2 * pad, logo_side + 2 * pad * 0.6)
    page.fills.append((QRectF(x0, y0, inner_w, band_h), colours.band, 3.0 * scale))
    page.texts.append(TextBox("headline", headline.text, x0 + pad, y0 + (band_h - headline.height) / 2,
                              headline_w, headline.height, headline.size, True, colours.band_ink, centre,
                              headline.anywhere))  # fmt: skip
    if logo_side:
        logo_box = QRectF(x0 + inner_w - pad - logo_side, y0 + (band_h - logo_side) / 2, logo_side, logo_side)
        page.fills.append((logo_box, "#ffffff", 2.0 * scale))
        page.logo = logo_box.adjusted(1.5 * scale, 1.5 * scale, -1.5 * scale, -1.5 * scale)
    top = y0 + band_h + gap * 1.5
    bottom = y0 + inner_h

    phone = poster.phone.strip()
    info_lines = [
        line for line in (phone and f"Tél. {phone}", poster.hours.strip(), poster.address.strip()) if line
    ]
    shop = _Block("shop", _prepared(poster.shop.strip()), 0.9, 9.0, 56.0 * scale, True, colours.ink,
                  one_line=True)  # fmt: skip
    message = _Block("message", _prepared(poster.message.strip() or design.message), 0.55, 5.6,
                     36.0 * scale, False, colours.ink)  # fmt: skip
    info = _Block("info", _prepared("\n".join(info_lines)), 0.45, 5.6, 20.0 * scale, True, colours.ink)
    hint = _Block("hint", _prepared(design.qr_hint), 0.62, 7.0, 14.0 * scale, True, colours.ink, left)
    url = display_link(link)
    photo = pictures.photo

    def column(blocks: list[_Block], x: float, width: float, y_top: float, y_bottom: float,
               with_photo: bool) -> tuple[list[TextBox], QRectF | None, float]:  # fmt: skip
        """Texts from ``y_top`` to ``y_bottom`` (the photo under them), the spare room between them;
        also returns how much they lacked (> 0: the longest were cut)."""
        blocks = [replace(b) for b in blocks if b.text.strip()]
        photo_box, photo_h = None, 0.0
        tallest = width * photo.height() / max(1, photo.width()) if photo is not None else 0.0
        if with_photo and photo is not None:
            photo_h = min((y_bottom - y_top) * 0.42, tallest)
        room = y_bottom - y_top - (photo_h + gap * 1.4 if photo_h else 0.0)
        lacking = fitter.fit(blocks, width, room, gap) - room
        if lacking > 0 and photo_h:  # the photo gives way to the texts, down to 15 % of the room
            smaller = max((y_bottom - y_top) * 0.15, photo_h - lacking)
            room += photo_h - smaller
            photo_h = smaller
            lacking = fitter.fit(blocks, width, room, gap) - room
        if lacking > 0:
            _shrink_to(blocks, fitter, width, room, gap)
        spare = max(0.0, room - sum(b.height for b in blocks) - gap * (len(blocks) - 1))
        if photo_h and photo is not None:  # what the texts leave goes to the photo first
            grown = min(tallest, photo_h + spare)
            spare -= grown - photo_h
            photo_h = grown
            photo_box = _photo_box(photo, x, y_bottom - photo_h, width, photo_h)
        step = spare / len(blocks) if blocks else 0.0  # half a step above the first and under the last
        y, placed = y_top + step / 2, []
        for block in blocks:
            placed.append(TextBox(block.role, block.text, x, y, width, block.height, block.size, block.bold,
                                  block.colour, block.align, block.anywhere))  # fmt: skip
            y += block.height + gap + step
        return placed, photo_box, lacking

    def beside_code(
        blocks: list[_Block], x: float, width: float, y: float, height: float
    ) -> tuple[list[TextBox], float]:
        """The hint (and maybe the details) beside the QR code, centred on its height; and how much
        room they lacked."""
        lacking = fitter.fit(blocks, width, height, gap) - height
        _shrink_to(blocks, fitter, width, height, gap)
        shown = [b for b in blocks if b.text.strip()]
        used = sum(b.height for b in shown) + gap * (len(shown) - 1)
        y += max(0.0, (height - used) / 2)
        placed = []
        for block in shown:
            placed.append(TextBox(block.role, block.text, x, y, width, block.height, block.size, block.bold,
                                  block.colour, left, block.anywhere))  # fmt: skip
            y += block.height + gap
        return placed, lacking

    def size_of(texts: list[TextBox], role: str) -> float:
        return next((t.size for t in texts if t.role == role), 0.0)

    if side and not poster.landscape:
        # The QR code at the bottom left, its address under it, the hint (and details) on its right.
        url_box = _url_box(fitter, url, x0, inner_w, scale, colours.ink, left)
        row_top = bottom - url_box.h - 1.5 * scale - side
        url_box.y = row_top + side + 1.5 * scale
        page.texts.append(url_box)
        page.qr = QRectF(x0, row_top, side, side)
        page.fills.append((QRectF(x0, row_top - gap * 1.6, inner_w, 0.9 * scale), colours.band, 0))
        beside_x, beside_w = x0 + side + gap * 1.4, inner_w - side - gap * 1.4
        main_bottom = row_top - gap * 2.6
        # Two ways: the details beside the code, or with the other texts; the larger letters win.
        with_info, lacking_beside = beside_code(
            [replace(hint), replace(info)], beside_x, beside_w, row_top, side
        )
        main_a, photo_a, lacking_a = column([shop, message], x0, inner_w, top, main_bottom, True)
        alone = beside_code([replace(hint)], beside_x, beside_w, row_top, side)[0]
        main_b, photo_b, lacking_b = column([shop, message, info], x0, inner_w, top, main_bottom, True)
        if not info.text or lacking_beside > 0.01:
            beside_wins = False
        elif max(lacking_a, lacking_b) > 0.01:  # one of them has to cut: the one that cuts less
            beside_wins = lacking_a < lacking_b
        else:  # the smallest letters as large as possible; when close, the larger letters overall

            def smallest(texts: list[TextBox]) -> float:
                return min(
                    size_of(texts, role) for role in ("shop", "message", "info") if size_of(texts, role)
                )

            def letters(texts: list[TextBox]) -> float:
                return 2 * size_of(texts, "shop") + 2 * size_of(texts, "message") + size_of(texts, "info")

            a, b = with_info + main_a, alone + main_b
            if abs(smallest(a) - smallest(b)) > 0.1 * max(smallest(a), smallest(b)):
                beside_wins = smallest(a) > smallest(b)
            else:
                beside_wins = letters(a) > letters(b)
        if beside_wins:
            page.texts += with_info + main_a
            page.photo = photo_a
            lacking = max(lacking_a, lacking_beside)
        else:
            page.texts += alone + main_b
            page.photo = photo_b
            lacking = lacking_b
    elif side:
        # Landscape: the QR code, its hint above and its address under it in a right-hand column.
        column_w = inner_w * 0.62
        right_x, right_w = x0 + column_w + gap * 2, inner_w - column_w - gap * 2
        side = min(side, right_w)
        url_box = _url_box(fitter, url, right_x, right_w, scale, colours.ink, centre)
        url_box.y = bottom - url_box.h
        page.texts.append(url_box)
        qr_top = url_box.y - 1.5 * scale - side
        page.qr = QRectF(right_x + (right_w - side) / 2, qr_top, side, side)
        hint.align = centre
        fitter.fit([hint], right_w, 22 * scale, 0)
        _shrink_to([hint], fitter, right_w, 22 * scale, 0)
        hint_y = qr_top - gap * 0.6 - hint.height
        page.texts.append(TextBox("hint", hint.text, right_x, hint_y, right_w, hint.height, hint.size, True,
                                  hint.colour, centre, hint.anywhere))  # fmt: skip
        photo_above = photo is not None and hint_y - gap - top >= 28 * scale
        if photo_above and photo is not None:
            page.photo = _photo_box(photo, right_x, top, right_w, hint_y - gap - top)
        texts, photo_box, lacking = column([shop, message, info], x0, column_w, top, bottom, not photo_above)
        page.texts += texts
        page.photo = page.photo or photo_box
    elif poster.landscape and photo is not None:
        column_w = inner_w * 0.55
        page.photo = _photo_box(
            photo, x0 + column_w + gap * 2, top, inner_w - column_w - gap * 2, bottom - top
        )
        page.photo.moveBottom(bottom)  # down to the bottom margin, like the texts beside it
        texts, _, lacking = column([shop, message, info], x0, column_w, top, bottom, False)
        page.texts += texts
    else:
        texts, page.photo, lacking = column([shop, message, info], x0, inner_w, top, bottom, True)
        page.texts += texts
    return page, lacking


def _url_box(fitter: _Fitter, url: str, x: float, width: float, scale: float, colour: str,
             align: Qt.AlignmentFlag) -> TextBox:  # fmt: skip
    """The address under the QR code: capitals 5.2 mm tall on A4 (7.3 mm on A3), on as many lines as
    it needs up to three, then smaller (never under 3.6 mm) and cut."""
    size = URL_CAP_MM * scale / CAP_HEIGHT
    smallest = 3.6 / CAP_HEIGHT
    while True:
        height, widest = fitter.measure(url, size, width, False)
        anywhere = widest > width + 0.01
        if anywhere:
            height = fitter.measure(url, size, width, False, True)[0]
        one_line = fitter.measure("Hg", size, width, False)[0]
        if height <= one_line * 3.2 or size <= smallest:
            break
        size = max(smallest, size * 0.92)
    height = min(height, one_line * 3.2)
    return TextBox("url", url, x, 0.0, width, height, size, False, colour, align, anywhere)


def _photo_box(image: QImage, x: float, y: float, w: float, h: float) -> QRectF:
    """The photo's place in the box: as large as it fits, its shape kept, centred."""
    scaled = QSizeF(image.size()).scaled(QSizeF(w, h), Qt.AspectRatioMode.KeepAspectRatio)
    return QRectF(
        x + (w - scaled.width()) / 2, y + (h - scaled.height()) / 2, scaled.width(), scaled.height()
    )


def paint(painter: QPainter, poster: Poster, pictures: Pictures, px_per_mm: float) -> None:
    """Draw ``poster`` (already checked) from the top-left of the page."""
    family = register_fonts()
    page = layout(poster, pictures)
    painter.save()
    try:
        painter.scale(px_per_mm / UNIT, px_per_mm / UNIT)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)

        def box(rect: QRectF) -> QRectF:
            return QRectF(rect.x() * UNIT, rect.y() * UNIT, rect.width() * UNIT, rect.height() * UNIT)

        painter.fillRect(box(QRectF(0, 0, page.width, page.height)), QColor(page.background))
        painter.setPen(Qt.PenStyle.NoPen)
        for rect, colour, radius in page.fills:
            painter.setBrush(QColor(colour))
            if radius:
                painter.drawRoundedRect(box(rect), radius * UNIT, radius * UNIT)
            else:
                painter.drawRect(box(rect))
        if page.photo is not None and pictures.photo is not None:
            clip = QPainterPath()
            clip.addRoundedRect(box(page.photo), 2.5 * UNIT, 2.5 * UNIT)
            painter.save()
            painter.setClipPath(clip)
            painter.drawImage(box(page.photo), pictures.photo)
            painter.restore()
        if page.logo is not None and pictures.logo is not None:
            painter.drawImage(box(_photo_box(pictures.logo, page.logo.x(), page.logo.y(), page.logo.width(),
                                             page.logo.height())), pictures.logo)  # fmt: skip
        if page.qr is not None:
            _draw_qr(painter, poster.url, box(page.qr))
        for text in page.texts:
            font = _font(text.size, text.bold, family)
            flags = _Fitter.flags(text.align, text.anywhere)
            target = box(QRectF(text.x, text.y, text.w, text.h))
            shown = _cut(text.text, font, target.width(), target.height(), flags)
            painter.setFont(font)
            painter.setPen(QColor(text.colour))
            painter.drawText(target, flags, shown)
    finally:
        painter.restore()


def _draw_qr(painter: QPainter, link: str, target: QRectF) -> None:
    modules = qr_modules(link)
    count = len(modules) + 2 * QR_QUIET
    cell = target.width() / count
    painter.fillRect(target, QColor("#ffffff"))
    black = QColor("#000000")
    for row, cells in enumerate(modules):
        start = None
        for column, dark in enumerate([*cells, False]):  # draw runs of dark modules as one rectangle
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                painter.fillRect(
                    QRectF(
                        target.x() + (QR_QUIET + start) * cell,
                        target.y() + (QR_QUIET + row) * cell,
                        (column - start) * cell + 0.2,
                        cell + 0.2,
                    ),
                    black,
                )
                start = None


def _setup(device: QPagedPaintDevice, poster: Poster) -> None:
    width, height = poster.paper_mm
    size = QPageSize(QSizeF(min(width, height), max(width, height)), QPageSize.Unit.Millimeter,
                     "A3" if poster.size == "a3" else "A4", QPageSize.SizeMatchPolicy.ExactMatch)  # fmt: skip
    orientation = QPageLayout.Orientation.Landscape if poster.landscape else QPageLayout.Orientation.Portrait
    device.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))


def write_pdf(poster: Poster, pictures: Pictures, target: Path) -> None:
    """The poster as a one-page PDF, written atomically."""
    with pdf_file(target) as writer:
        _setup(writer, poster)
        writer.setResolution(1200)
        writer.setTitle(f"Affiche — {poster.shop}")
        writer.setCreator("Le Bon Pour Ma Ville")
        painter = QPainter(writer)
        try:
            paint(painter, poster, pictures, writer.resolution() / 25.4)
        finally:
            painter.end()


def print_poster(poster: Poster, pictures: Pictures, printer: QPagedPaintDevice) -> None:
    _setup(printer, poster)
    painter = QPainter(printer)
    try:
        paint(painter, poster, pictures, printer.logicalDpiX() / 25.4)
    finally:
        painter.end()


def preview(poster: Poster, pictures: Pictures, width_px: int) -> QImage:
    """A screen picture of the poster, ``width_px`` wide."""
    paper_w, paper_h = poster.paper_mm
    k = width_px / paper_w
    image = QImage(width_px, round(paper_h * k), QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    try:
        paint(painter, poster, pictures, k)
    finally:
        painter.end()
    return image


def qimage(width: int, height: int, rgba: bytes) -> QImage:
    """A decoded picture (RGBA bytes from a worker) as a QImage of its own."""
    return QImage(rgba, width, height, 4 * width, QImage.Format.Format_RGBA8888).copy()


def load_pictures(poster: Poster) -> Pictures:
    """Decode the poster's photo and logo in this process (the command line; the app decodes
    them in its worker processes). Refused with a French message when unreadable."""
    from pathlib import Path

    from lbpmv_desktop.core.photo.opening import PhotoRefused
    from lbpmv_desktop.core.photo.preview import picture_rgba
    from lbpmv_desktop.core.poster.model import PosterRefused

    pictures = Pictures()
    for attribute, path, keep in (("photo", poster.photo, False), ("logo", poster.logo, True)):
        if not path:
            continue
        try:
            width, height, rgba = picture_rgba(Path(path), PICTURE_SIDE, keep_transparency=keep)
        except PhotoRefused as refusal:
            what = (
                "La photo ne peut pas être utilisée"
                if attribute == "photo"
                else "Le logo ne peut pas être utilisé"
            )
            raise PosterRefused(f"{what} : {refusal.message}", field=attribute) from None
        setattr(pictures, attribute, qimage(width, height, rgba))
    return pictures


PICTURE_SIDE = 2400  # 2400 px over 18 cm: 340 dpi on A4, 240 dpi on A3
