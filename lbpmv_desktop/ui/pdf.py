"""PDF files drawn with Qt (posters, reports, visit sheets), written atomically."""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter

from lbpmv_desktop.core.fileio import write_bytes_atomic

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


def ensure_application() -> None:
    """Qt's painting needs an application: the command line has none yet."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if QGuiApplication.instance() is None:
        ensure_application.app = QGuiApplication([])  # type: ignore[attr-defined]


@contextlib.contextmanager
def pdf_file(target: Path) -> Iterator[QPdfWriter]:
    """A writer drawing into memory; ``target`` appears, whole, only when the block succeeds.

    End the painter inside the block: that is what finishes the document.
    """
    ensure_application()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    yield writer
    del writer
    write_bytes_atomic(target, bytes(buffer.data().data()))


def a4_portrait(writer: QPdfWriter, margin_mm: float, resolution: int, title: str) -> None:
    """Pages of A4 upright, ``margin_mm`` on every side, drawn at ``resolution`` dots per inch,
    and the document's ``title`` (what a PDF reader shows, and what says the file is ours)."""
    margins = QMarginsF(margin_mm, margin_mm, margin_mm, margin_mm)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            margins,
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(resolution)
    writer.setTitle(title)
