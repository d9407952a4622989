"""The programme's PDF report: totals, a chart of steps by month, and the tables, drawn with Qt."""

from __future__ import annotations

import os
from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from lbpmv_desktop.core.progress.store import ProgressStore


def _application() -> object:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication([])


def write_pdf_report(store: ProgressStore, target: Path) -> None:
    """Write the report as an A4 PDF with selectable text (atomically)."""
    _application()
    from PySide6.QtCore import QMarginsF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

    from lbpmv_desktop.core.fileio import write_bytes_atomic
    from lbpmv_desktop.core.progress.report import monthly, shops_report

    shops = shops_report(store)
    months = monthly(store)
    partial = target.with_name(f".{target.name}.part")
    writer = QPdfWriter(str(partial))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(300)
    writer.setTitle("Le Bon Pour Ma Ville — bilan du programme")
    painter = QPainter(writer)
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    width = page.width()
    y = 0.0

    def text(line: str, size: float = 10, bold: bool = False, colour: str = "#1d2b36") -> None:
        nonlocal y
        font = QFont("DejaVu Sans")
        font.setPointSizeF(size)
        font.setBold(bold)
        painter.setFont(font)
        painter.setPen(QColor(colour))
        height = painter.fontMetrics().height() * 1.35
        if y + height > page.height():
            writer.newPage()
            y = 0.0
        painter.drawText(
            QRectF(0, y, width, height), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line
        )
        y += height

    text("Le Bon Pour Ma Ville — bilan du programme", 18, bold=True)
    text(f"Édité le {date.today():%d/%m/%Y}", 10, colour="#4a5863")
    y += 40
    total_steps = sum(s["steps_done"] for s in shops)
    text(f"Commerces suivis : {len(shops)}", 12, bold=True)
    text(
        f"Étapes faites : {total_steps}    Tutoriels terminés : {sum(s['tutorials_done'] for s in shops)}", 12
    )
    text(
        f"Demandes d'aide en attente : {sum(s['help_open'] for s in shops)}    Photos préparées : {sum(s['photos'] for s in shops)}",
        12,
    )
    y += 40

    by_month: dict[str, int] = defaultdict(int)
    for row in months:
        by_month[row.month] += row.steps
    text("Étapes faites par mois", 13, bold=True)
    chart_h = 900.0
    if by_month:
        keys = sorted(by_month)[-12:]
        peak = max(by_month[k] for k in keys) or 1
        bar_w = width / max(1, len(keys))
        painter.setPen(QPen(QColor("#1d2b36"), 3))
        painter.drawLine(0, int(y + chart_h), int(width), int(y + chart_h))
        label_font = QFont("DejaVu Sans")
        label_font.setPointSizeF(8)
        painter.setFont(label_font)
        for index, key in enumerate(keys):
            value = by_month[key]
            bar_h = (chart_h - 120) * value / peak
            rect = QRectF(index * bar_w + bar_w * 0.15, y + chart_h - bar_h, bar_w * 0.7, bar_h)
            painter.fillRect(rect, QColor("#0b6e4f"))
            painter.setPen(QColor("#1d2b36"))
            painter.drawText(
                QRectF(index * bar_w, y + chart_h - bar_h - 60, bar_w, 60),
                Qt.AlignmentFlag.AlignCenter,
                str(value),
            )
            painter.drawText(
                QRectF(index * bar_w, y + chart_h + 5, bar_w, 60), Qt.AlignmentFlag.AlignCenter, key
            )
        y += chart_h + 90
    else:
        text("Aucune étape pour l'instant.", 10)
    y += 30
    text("Par mois et par animateur", 13, bold=True)
    text(
        "mois — animateur : commerces actifs, étapes, tutoriels terminés, demandes d'aide",
        9,
        colour="#4a5863",
    )
    for row in months[-60:]:
        text(
            f"{row.month} — {row.animator} : {row.shops} commerces, {row.steps} étapes, {row.tutorials} tutoriels, {row.help_requests} demandes d'aide",
            9,
        )
    y += 30
    text("Commerces", 13, bold=True)
    for shop in shops:
        last = (shop["last_activity"] or "")[:10]
        text(f"{shop['shop']} ({shop['animator'] or '—'}) : {shop['steps_done']} étapes, {shop['tutorials_done']} tutoriels, "
             f"{shop['help_open']} demande(s) d'aide, dernière activité {last or '—'}", 9)  # fmt: skip
    painter.end()
    data = partial.read_bytes()
    partial.unlink()
    write_bytes_atomic(target, data)


def write_visit_sheet(target: Path, lines: list[tuple[str, str]]) -> None:
    """The printable visit sheet left with the merchant: (style, text) lines on A4 pages."""
    _application()
    from PySide6.QtCore import QMarginsF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

    from lbpmv_desktop.core.fileio import write_bytes_atomic

    partial = target.with_name(f".{target.name}.part")
    writer = QPdfWriter(str(partial))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 18, 18, 18),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(300)
    writer.setTitle("Fiche de visite — Le Bon Pour Ma Ville")
    painter = QPainter(writer)
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    sizes = {"title": (20, True), "heading": (13, True), "text": (11, False), "muted": (9, False)}
    y = 0.0
    for style, line in lines:
        size, bold = sizes.get(style, (11, False))
        font = QFont("DejaVu Sans")
        font.setPointSizeF(size)
        font.setBold(bold)
        painter.setFont(font)
        painter.setPen(QColor("#4a5863" if style == "muted" else "#1d2b36"))
        flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
        bounds = painter.boundingRect(QRectF(0, 0, page.width(), 10_000), flags, line)
        if style == "heading":
            y += 40
        if y + bounds.height() > page.height():
            writer.newPage()
            y = 0.0
        painter.drawText(QRectF(0, y, page.width(), bounds.height()), flags, line)
        y += bounds.height() + 12
    painter.end()
    data = partial.read_bytes()
    partial.unlink()
    write_bytes_atomic(target, data)
