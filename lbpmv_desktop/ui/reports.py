"""PDF documents drawn with Qt (vector text, A4): the programme's report and the visit sheet."""

from __future__ import annotations

import contextlib
from collections import defaultdict
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPdfWriter, QPen

from lbpmv_desktop.core.cleantext import clean_text
from lbpmv_desktop.core.progress.report import monthly, sharing_words, shop_views
from lbpmv_desktop.ui.pdf import a4_portrait, pdf_file

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from lbpmv_desktop.core.progress.report import ShopView
    from lbpmv_desktop.core.progress.store import ProgressStore

INK, MUTED, GREEN = "#1d2b36", "#4a5863", "#0b6e4f"


class _Page:
    """Writes lines down A4 pages, turning the page when it is full."""

    def __init__(self, writer: QPdfWriter, painter: QPainter) -> None:
        self.writer, self.painter = writer, painter
        self.rect = writer.pageLayout().paintRectPixels(writer.resolution())
        self.y = 0.0

    def font(self, size: float, bold: bool = False) -> None:
        font = QFont("DejaVu Sans")
        font.setPointSizeF(size)
        font.setBold(bold)
        self.painter.setFont(font)

    def room(self, height: float) -> None:
        if self.y + height > self.rect.height():
            self.writer.newPage()
            self.y = 0.0

    def text(
        self, line: str, size: float = 10, bold: bool = False, colour: str = INK, before: float = 0
    ) -> None:
        self.y += before
        self.font(size, bold)
        self.painter.setPen(QColor(colour))
        flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
        bounds = self.painter.boundingRect(QRectF(0, 0, self.rect.width(), 100_000), flags, line)
        self.room(bounds.height())
        self.painter.drawText(QRectF(0, self.y, self.rect.width(), bounds.height()), flags, line)
        self.y += bounds.height() + 10


@contextlib.contextmanager
def _pdf(target: Path, title: str, margin_mm: float) -> Iterator[_Page]:
    """An A4 PDF; the file appears (atomically) only once the drawing is finished."""
    with pdf_file(target) as writer:
        a4_portrait(writer, margin_mm, 300, title)
        painter = QPainter(writer)
        try:
            yield _Page(writer, painter)
        finally:
            painter.end()


def _bar_chart(page: _Page, values: dict[str, int], height: float = 900.0) -> None:
    keys = sorted(values)[-12:]
    peak = max(values[k] for k in keys) or 1
    bar_w = page.rect.width() / max(1, len(keys))
    page.room(height + 90)
    top, painter = page.y, page.painter
    painter.setPen(QPen(QColor(INK), 3))
    painter.drawLine(0, int(top + height), int(page.rect.width()), int(top + height))
    page.font(8)
    for index, key in enumerate(keys):
        bar_h = (height - 120) * values[key] / peak
        painter.fillRect(
            QRectF(index * bar_w + bar_w * 0.15, top + height - bar_h, bar_w * 0.7, bar_h), QColor(GREEN)
        )
        painter.setPen(QColor(INK))
        painter.drawText(
            QRectF(index * bar_w, top + height - bar_h - 60, bar_w, 60),
            Qt.AlignmentFlag.AlignCenter,
            str(values[key]),
        )
        painter.drawText(
            QRectF(index * bar_w, top + height + 5, bar_w, 60), Qt.AlignmentFlag.AlignCenter, key
        )
    page.y = top + height + 90


def _number(value: int | None) -> str:
    return "?" if value is None else str(value)


def _pdf_day(view: ShopView, key: str, moment: datetime | None) -> str:
    if moment is not None:
        return f"{moment.astimezone():%d/%m/%Y}"
    return "date incorrecte" if key in view.bad_dates else "—"


def shop_line(view: ShopView) -> str:
    """A shop's line in the PDF report (names are already clean: see ``report.shop_view``)."""
    line = (
        f"{view.name or '—'} ({view.animator or '—'}) : {_number(view.steps_done)} étapes, "
        f"{_number(view.tutorials_done)} tutoriels, {_number(view.help_open)} demande(s) d'aide, "
        f"dernière activité {_pdf_day(view, 'last_activity', view.last_activity)}, "
        f"dernier fichier écrit le {_pdf_day(view, 'last_file', view.last_file)}"
    )
    return line if view.sharing == "active" else f"{line}, {sharing_words(view)}"


def write_pdf_report(store: ProgressStore, target: Path, *, now: datetime | None = None) -> None:
    """The programme's report: totals, steps by month (chart), by month and animator, shops."""
    now = now or datetime.now(UTC)
    views = shop_views(store, now)
    shops: list[dict[str, Any]] = [{"id": view.shop_id, "animator": view.animator} for view in views]
    months = monthly(store, shops, now=now)

    def total(values: list[int | None]) -> int:
        return sum(value or 0 for value in values)

    with _pdf(target, "Le Bon Pour Ma Ville — bilan du programme", 15) as page:
        page.text("Le Bon Pour Ma Ville — bilan du programme", 18, bold=True)
        page.text(f"Édité le {now.astimezone():%d/%m/%Y}", 10, colour=MUTED)
        page.text(f"Commerces suivis : {len(views)}", 12, bold=True, before=40)
        page.text(
            f"Étapes faites : {total([v.steps_done for v in views])}    "
            f"Tutoriels terminés : {total([v.tutorials_done for v in views])}",
            12,
        )
        page.text(
            f"Demandes d'aide en attente : {total([v.help_open for v in views])}    "
            f"Photos préparées : {total([v.photos for v in views])}",
            12,
        )
        by_month: dict[str, int] = defaultdict(int)
        for row in months:
            by_month[row.month] += row.steps
        page.text("Étapes faites par mois", 13, bold=True, before=40)
        if by_month:
            _bar_chart(page, by_month)
        else:
            page.text("Aucune étape pour l'instant.")
        page.text("Par mois et par animateur", 13, bold=True, before=30)
        page.text(
            "mois — animateur : commerces actifs, étapes, tutoriels terminés, demandes d'aide",
            9,
            colour=MUTED,
        )
        for row in months[-60:]:
            page.text(
                f"{row.month} — {row.animator} : {row.shops} commerces, {row.steps} étapes, {row.tutorials} tutoriels, {row.help_requests} demandes d'aide",
                9,
            )
        page.text("Commerces", 13, bold=True, before=30)
        for view in views:
            page.text(shop_line(view), 9)


def write_visit_sheet(target: Path, lines: list[tuple[str, str]]) -> None:
    """The printable visit sheet left with the merchant: (style, text) lines."""
    styles = {
        "title": (20, True, INK, 0),
        "heading": (13, True, INK, 40),
        "text": (11, False, INK, 0),
        "muted": (9, False, MUTED, 0),
    }
    with _pdf(target, "Fiche de visite — Le Bon Pour Ma Ville", 18) as page:
        for style, line in lines:
            size, bold, colour, before = styles.get(style, styles["text"])
            page.text(clean_text(line, multiline=True), size, bold, colour, before)
