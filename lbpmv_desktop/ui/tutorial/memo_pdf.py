"""The memo of a tutorial drawn as ONE A4 page (vector text, big type), written atomically.

The text starts large and shrinks by half a point until everything fits the page; past
``MIN_POINTS``, the steps' short lines join their titles (never below ``MIN_COMPACT_POINTS``),
and only then every text keeps its first line (ended by « … »): the memo is always one page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPen

from lbpmv_desktop.ui.fonts import register_fonts
from lbpmv_desktop.ui.pdf import pdf_file

if TYPE_CHECKING:
    from pathlib import Path

    from lbpmv_desktop.core.tutorials.memo import Memo

INK, MUTED, ACCENT, RULE = "#1d2b36", "#4a5863", "#1f5fa8", "#8a96a0"
MAX_POINTS = 15.0  # the body text's size when everything fits
MIN_POINTS = 11.0  # the smallest size as first laid out
MIN_COMPACT_POINTS = 10.0  # never smaller: still read at arm's length
STEP_POINTS = 0.5
MARGIN_MM = 14.0
RESOLUTION = 300
NOTE_LINES = 3  # at least this many ruled lines to write on
_FLAGS = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)


class _Sheet:
    """Lays the memo out down the page at one text size; draws it only when ``draw`` is True.

    Attributes:
        y: the height used so far, in device pixels.
    """

    def __init__(
        self,
        painter: QPainter,
        width: float,
        family: str,
        size: float,
        *,
        draw: bool,
        compact: bool,
        short: bool,
    ) -> None:
        self.painter, self.width, self.family, self.size = painter, width, family, size
        self.draw, self.compact, self.short = draw, compact, short
        self.pt = painter.device().logicalDpiY() / 72
        self.y = 0.0

    def font(self, scale: float = 1.0, *, bold: bool = False) -> QFont:
        font = QFont(self.family)
        font.setPointSizeF(self.size * scale)
        font.setBold(bold)
        return font

    def gap(self, scale: float) -> None:
        self.y += self.size * self.pt * scale * (0.6 if self.compact else 1.0)

    def text(
        self, line: str, scale: float = 1.0, *, bold: bool = False, colour: str = INK, indent: float = 0
    ) -> QRectF:
        """Write ``line`` (wrapped) at the current height; the rectangle it took."""
        font = self.font(scale, bold=bold)
        width = self.width - indent
        if self.short:  # the last resort: one line, ended by « … »
            line = QFontMetricsF(font, self.painter.device()).elidedText(
                line, Qt.TextElideMode.ElideRight, width
            )
        self.painter.setFont(font)
        bounds = self.painter.boundingRect(QRectF(0, 0, width, 1_000_000), _FLAGS, line)
        rect = QRectF(indent, self.y, width, bounds.height())
        if self.draw:
            self.painter.setPen(QColor(colour))
            self.painter.drawText(rect, _FLAGS, line)
        self.y += bounds.height()
        return rect

    def rule(self, colour: str = RULE, weight: float = 0.8) -> None:
        if self.draw:
            self.painter.setPen(QPen(QColor(colour), weight * self.pt))
            self.painter.drawLine(QPointF(0, self.y), QPointF(self.width, self.y))

    def box(self, top: float, left: float, side: float) -> None:
        """A square to tick."""
        if self.draw:
            self.painter.setPen(QPen(QColor(INK), 1.4 * self.pt))
            self.painter.setBrush(Qt.BrushStyle.NoBrush)
            self.painter.drawRect(QRectF(left, top, side, side))

    def frame(self, rect: QRectF) -> None:
        if self.draw:
            self.painter.setPen(QPen(QColor(ACCENT), 2 * self.pt))
            self.painter.setBrush(Qt.BrushStyle.NoBrush)
            self.painter.drawRoundedRect(rect, 6 * self.pt, 6 * self.pt)


def _lay_out(sheet: _Sheet, memo: Memo, page_height: float) -> float:
    """Lay ``memo`` out on ``sheet``; the height it needs (the notes at their smallest)."""
    pt, size = sheet.pt, sheet.size
    head = "Le Bon Pour Ma Ville · aide-mémoire"
    sheet.text(f"{head} · {memo.shop}" if memo.shop else head, 0.8, colour=MUTED)
    sheet.gap(0.3)
    sheet.text(memo.title, 1.7, bold=True)
    sheet.gap(0.3)
    sheet.text(memo.summary)
    sheet.gap(0.2)
    sheet.text(memo.duration, 0.9, bold=True, colour=MUTED)
    if memo.password_rule:
        sheet.gap(0.6)
        top, pad = sheet.y, size * pt * 0.5
        sheet.y += pad
        inner = sheet.text(memo.password_rule, bold=True, indent=pad * 2)
        sheet.y += pad
        sheet.frame(QRectF(pad * 0.5, top, sheet.width - pad, inner.bottom() + pad - top))

    sheet.gap(0.8)
    sheet.text(memo.steps_heading, 1.25, bold=True, colour=ACCENT)
    sheet.gap(0.2)
    number_width = size * pt * 2.2
    for step in memo.steps:
        sheet.gap(0.35)
        top = sheet.y
        title = f"{step.title} ({step.minutes} min)"
        if step.line and sheet.compact:
            sheet.text(f"{title} : {step.line}", indent=number_width)
        else:
            sheet.text(title, bold=True, indent=number_width)
            if step.line:
                sheet.text(step.line, indent=number_width)
        if sheet.draw:
            sheet.painter.setFont(sheet.font(1.1, bold=True))
            sheet.painter.setPen(QColor(ACCENT))
            sheet.painter.drawText(
                QRectF(0, top, number_width, size * pt * 2),
                int(Qt.AlignmentFlag.AlignLeft),
                f"{step.number}.",
            )

    sheet.gap(0.8)
    sheet.text(memo.checklist_heading, 1.25, bold=True, colour=ACCENT)
    side = size * pt * 1.1
    for item in memo.checklist:
        sheet.gap(0.35)
        rect = sheet.text(item, indent=side * 1.8)
        sheet.box(rect.top() + max(0.0, (min(rect.height(), side * 1.45) - side) / 2), 0, side)

    sheet.gap(0.8)
    sheet.text(memo.notes_heading, 1.25, bold=True, colour=ACCENT)
    notes_top = sheet.y
    spacing = size * pt * 2.1
    footer = _footer_height(sheet, memo)
    lines = max(NOTE_LINES, int((page_height - footer - notes_top) // spacing))
    for _ in range(lines):
        sheet.y += spacing
        sheet.rule()
    sheet.y = max(sheet.y, page_height - footer) if sheet.draw else sheet.y
    _footer(sheet, memo)
    return notes_top + NOTE_LINES * spacing + footer


def _footer_height(sheet: _Sheet, memo: Memo) -> float:
    measure = _Sheet(
        sheet.painter,
        sheet.width,
        sheet.family,
        sheet.size,
        draw=False,
        compact=sheet.compact,
        short=sheet.short,
    )
    _footer(measure, memo)
    return measure.y


def _footer(sheet: _Sheet, memo: Memo) -> None:
    sheet.gap(0.8)
    sheet.rule(MUTED)
    sheet.gap(0.4)
    if memo.urgent_line:
        sheet.text(memo.urgent_line, 0.9, bold=True)
        sheet.gap(0.2)
    sheet.text(memo.help_line, 0.9, colour=MUTED)


def fitted_size(
    memo: Memo, painter: QPainter, width: float, height: float, family: str
) -> tuple[float, bool, bool]:
    """The largest text size that fits one page, and whether it needs compact, then short, lines.

    From ``MAX_POINTS`` down to ``MIN_POINTS`` as laid out first; then compact (each step on its
    own line of text, less room between parts) down to ``MIN_COMPACT_POINTS``; then short.
    """
    for compact, short, largest, smallest in (
        (False, False, MAX_POINTS, MIN_POINTS),
        (True, False, MIN_POINTS, MIN_COMPACT_POINTS),
        (True, True, MIN_POINTS, MIN_COMPACT_POINTS),
    ):
        size = largest
        while size >= smallest:
            sheet = _Sheet(painter, width, family, size, draw=False, compact=compact, short=short)
            if _lay_out(sheet, memo, height) <= height:
                return size, compact, short
            size -= STEP_POINTS
    return MIN_COMPACT_POINTS, True, True


def write_memo_pdf(memo: Memo, target: Path) -> None:
    """``memo`` as one A4 page at ``target`` (which appears whole, or not at all)."""
    with pdf_file(target) as writer:
        family = register_fonts()
        margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                margins,
                QPageLayout.Unit.Millimeter,
            )
        )
        writer.setResolution(RESOLUTION)
        writer.setTitle(memo.document_title)
        writer.setCreator("Le Bon Pour Ma Ville")
        page = writer.pageLayout().paintRectPixels(writer.resolution())
        painter = QPainter(writer)
        try:
            width, height = float(page.width()), float(page.height())
            size, compact, short = fitted_size(memo, painter, width, height, family)
            painter.setClipRect(QRectF(0, 0, width, height))  # whatever happens, one page
            sheet = _Sheet(painter, width, family, size, draw=True, compact=compact, short=short)
            _lay_out(sheet, memo, height)
        finally:
            painter.end()
