"""The memo of a tutorial drawn as ONE A4 page (vector text, big type), written atomically.

The text is as large as the page allows (``fitted``: half a point at a time from ``MAX_POINTS``):
in one column, or, for a long tutorial, with the steps and the boxes in two columns, then with
each step's short line after its title, never below ``MIN_COMPACT_POINTS``. Only as a last
resort does every text keep its first line (ended by « … »): the memo is always one page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from lbpmv_desktop.core.tutorials.memo import APP_TITLE
from lbpmv_desktop.ui.fonts import register_fonts
from lbpmv_desktop.ui.pdf import a4_portrait, pdf_file

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from lbpmv_desktop.core.tutorials.memo import Memo, MemoStep

INK, MUTED, ACCENT, RULE = "#1d2b36", "#4a5863", "#1f5fa8", "#8a96a0"
MAX_POINTS = 15.0  # the body text's size when everything fits
MIN_POINTS = 11.0  # the smallest size in one column
MIN_COMPACT_POINTS = 10.0  # never smaller: still read at arm's length
STEP_POINTS = 0.5
MARGIN_MM = 14.0
RESOLUTION = 300
NOTE_LINES = 3  # at least this many ruled lines to write on
T = TypeVar("T")
_FLAGS = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)


@dataclass(frozen=True)
class Fit:
    """How the memo is laid out: the body text's size in points, the steps' columns, whether a
    step's short line follows its title, and whether every text is cut to one line."""

    size: float
    columns: int = 1
    compact: bool = False
    short: bool = False


class _Sheet:
    """Lays the memo out down the page with one ``Fit``; draws only when ``draw`` is True.

    Attributes:
        y: the height used so far, in device pixels.
        left, width: the column being written in.
    """

    def __init__(self, painter: QPainter, width: float, family: str, fit: Fit, *, draw: bool) -> None:
        self.painter, self.page_width, self.family, self.fit = painter, width, family, fit
        self.size = fit.size
        self.draw = draw
        self.pt = painter.device().logicalDpiY() / 72
        self.y = 0.0
        self.left, self.width = 0.0, width

    def measuring(self) -> _Sheet:
        """A sheet with the same fit that only measures."""
        return _Sheet(self.painter, self.page_width, self.family, self.fit, draw=False)

    def font(self, scale: float = 1.0, *, bold: bool = False) -> QFont:
        font = QFont(self.family)
        font.setPointSizeF(self.size * scale)
        font.setBold(bold)
        return font

    def gap(self, scale: float) -> None:
        self.y += self.size * self.pt * scale * (0.6 if self.fit.columns > 1 else 1.0)

    def text(
        self, line: str, scale: float = 1.0, *, bold: bool = False, colour: str = INK, indent: float = 0
    ) -> QRectF:
        """Write ``line`` (wrapped) at the current height in the column; the rectangle it took."""
        font = self.font(scale, bold=bold)
        width = self.width - indent
        if self.fit.short:  # the last resort: one line, ended by « … »
            metrics = QFontMetricsF(font, self.painter.device())
            line = metrics.elidedText(line, Qt.TextElideMode.ElideRight, width)
        self.painter.setFont(font)
        bounds = self.painter.boundingRect(QRectF(0, 0, width, 1_000_000), _FLAGS, line)
        rect = QRectF(self.left + indent, self.y, width, bounds.height())
        if self.draw:
            self.painter.setPen(QColor(colour))
            self.painter.drawText(rect, _FLAGS, line)
        self.y += bounds.height()
        return rect

    def bold_then(self, bold: str, rest: str, *, indent: float = 0) -> None:
        """``bold`` in bold, then ``rest`` on the same lines, wrapped (compact steps)."""
        if self.fit.short:  # one line, ended by « … »
            self.text(bold + rest, bold=True, indent=indent)
            return
        document = QTextDocument()
        document.documentLayout().setPaintDevice(self.painter.device())  # points at the PDF's resolution
        document.setDocumentMargin(0)
        document.setDefaultFont(self.font())
        document.setTextWidth(self.width - indent)
        cursor = QTextCursor(document)
        strong = QTextCharFormat()
        strong.setFontWeight(QFont.Weight.Bold)
        strong.setForeground(QColor(INK))
        plain = QTextCharFormat()
        plain.setForeground(QColor(INK))
        cursor.insertText(bold, strong)
        cursor.insertText(rest, plain)
        height = document.size().height()
        if self.draw:
            self.painter.save()
            self.painter.translate(self.left + indent, self.y)
            document.drawContents(self.painter)
            self.painter.restore()
        self.y += height

    def rule(self, colour: str = RULE, weight: float = 0.8) -> None:
        if self.draw:
            self.painter.setPen(QPen(QColor(colour), weight * self.pt))
            self.painter.drawLine(QPointF(self.left, self.y), QPointF(self.left + self.width, self.y))

    def box(self, top: float, side: float) -> None:
        """A square to tick, at the column's left."""
        if self.draw:
            self.painter.setPen(QPen(QColor(INK), 1.4 * self.pt))
            self.painter.setBrush(Qt.BrushStyle.NoBrush)
            self.painter.drawRect(QRectF(self.left, top, side, side))

    def frame(self, rect: QRectF) -> None:
        if self.draw:
            self.painter.setPen(QPen(QColor(ACCENT), 2 * self.pt))
            self.painter.setBrush(Qt.BrushStyle.NoBrush)
            self.painter.drawRoundedRect(rect, 6 * self.pt, 6 * self.pt)


def _step(sheet: _Sheet, step: MemoStep) -> None:
    """One step: its number and minutes in the margin, its title in bold, its short line."""
    sheet.gap(0.35)
    top = sheet.y
    number_width = sheet.size * sheet.pt * 2.4
    if step.line and sheet.fit.compact:
        sheet.bold_then(step.title, f" : {step.line}", indent=number_width)
    else:
        sheet.text(step.title, bold=True, indent=number_width)
        if step.line:
            sheet.text(step.line, indent=number_width)
    if sheet.draw:
        painter, line = sheet.painter, sheet.size * sheet.pt * 1.45
        painter.setFont(sheet.font(1.1, bold=True))
        painter.setPen(QColor(ACCENT))
        painter.drawText(
            QRectF(sheet.left, top, number_width, line), int(Qt.AlignmentFlag.AlignLeft), f"{step.number}."
        )
        painter.setFont(sheet.font(0.75))
        painter.setPen(QColor(MUTED))
        painter.drawText(
            QRectF(sheet.left, top + line, number_width, line),
            int(Qt.AlignmentFlag.AlignLeft),
            f"{step.minutes} min",
        )
    sheet.y = max(sheet.y, top + sheet.size * sheet.pt * 2.5)  # room for the minutes


def _tick(sheet: _Sheet, item: str) -> None:
    """One box to tick, and what it stands for."""
    sheet.gap(0.35)
    side = sheet.size * sheet.pt * 1.1
    rect = sheet.text(item, indent=side * 1.8)
    sheet.box(rect.top() + max(0.0, (min(rect.height(), side * 1.45) - side) / 2), side)


def _in_columns(sheet: _Sheet, items: Sequence[T], write: Callable[[_Sheet, T], None]) -> None:
    """``items`` written one under the other, in two balanced columns when the fit says so
    (the first ones on the left, read down then across)."""
    if sheet.fit.columns == 1 or len(items) < 2:
        for item in items:
            write(sheet, item)
        return
    gutter = sheet.size * sheet.pt * 1.5
    column = (sheet.page_width - gutter) / 2
    heights = []
    for item in items:
        measure = sheet.measuring()
        measure.width = column
        write(measure, item)
        heights.append(measure.y)
    total = sum(heights)
    split = min(range(1, len(heights)), key=lambda k: max(sum(heights[:k]), total - sum(heights[:k])))
    top, bottom = sheet.y, sheet.y
    for index, part in enumerate((items[:split], items[split:])):
        sheet.y, sheet.left, sheet.width = top, index * (column + gutter), column
        for item in part:
            write(sheet, item)
        bottom = max(bottom, sheet.y)
    sheet.y, sheet.left, sheet.width = bottom, 0.0, sheet.page_width


def _footer(sheet: _Sheet, memo: Memo) -> None:
    sheet.gap(1.8)  # well under the last line to write on
    sheet.rule(MUTED)
    sheet.gap(0.4)
    if memo.urgent_line:
        sheet.text(memo.urgent_line, 0.9, bold=True)
        sheet.gap(0.2)
    sheet.text(memo.help_line, 0.9, colour=MUTED)


def _lay_out(sheet: _Sheet, memo: Memo, page_height: float) -> float:
    """Lay ``memo`` out on ``sheet``; the height it needs (the notes at their smallest)."""
    pt, size = sheet.pt, sheet.size
    head = f"{APP_TITLE} · aide-mémoire"
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
    _in_columns(sheet, memo.steps, _step)

    sheet.gap(0.8)
    sheet.text(memo.checklist_heading, 1.25, bold=True, colour=ACCENT)
    _in_columns(sheet, memo.checklist, _tick)

    sheet.gap(0.8)
    sheet.text(memo.notes_heading, 1.25, bold=True, colour=ACCENT)
    notes_top = sheet.y
    spacing = size * pt * 2.1
    measure = sheet.measuring()
    _footer(measure, memo)
    footer = measure.y
    lines = max(NOTE_LINES, int((page_height - footer - notes_top) // spacing))
    for _ in range(lines):
        sheet.y += spacing
        sheet.rule()
    if sheet.draw:  # the help line at the foot of the page
        sheet.y = max(sheet.y, page_height - footer)
    _footer(sheet, memo)
    return notes_top + NOTE_LINES * spacing + footer


def fitted(memo: Memo, painter: QPainter, width: float, height: float, family: str) -> Fit:
    """The layout with the largest text that puts ``memo`` on one page: one column or two (one
    preferred at the same size); else the compact lines; else the short ones."""

    def largest(columns: int, compact: bool, smallest: float) -> Fit | None:
        size = MAX_POINTS
        while size >= smallest:
            fit = Fit(size, columns, compact)
            if _lay_out(_Sheet(painter, width, family, fit, draw=False), memo, height) <= height:
                return fit
            size -= STEP_POINTS
        return None

    one, two = largest(1, False, MIN_POINTS), largest(2, False, MIN_COMPACT_POINTS)
    best = max((fit for fit in (one, two) if fit is not None), key=lambda fit: fit.size, default=None)
    return (
        best or largest(2, True, MIN_COMPACT_POINTS) or Fit(MIN_COMPACT_POINTS, 2, compact=True, short=True)
    )


def write_memo_pdf(memo: Memo, target: Path) -> None:
    """``memo`` as one A4 page at ``target`` (which appears whole, or not at all)."""
    with pdf_file(target) as writer:
        family = register_fonts()
        a4_portrait(writer, MARGIN_MM, RESOLUTION, memo.document_title)
        writer.setCreator(APP_TITLE)
        page = writer.pageLayout().paintRectPixels(writer.resolution())
        painter = QPainter(writer)
        try:
            width, height = float(page.width()), float(page.height())
            fit = fitted(memo, painter, width, height, family)
            painter.setClipRect(QRectF(0, 0, width, height))  # whatever happens, one page
            _lay_out(_Sheet(painter, width, family, fit, draw=True), memo, height)
        finally:
            painter.end()
