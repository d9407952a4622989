"""Draw a poster with QPainter: the same code writes the PDF (vector text, embedded fonts), prints
it, and draws the live preview. Every text is shrunk or wrapped to stay inside its box."""

from __future__ import annotations

from dataclasses import dataclass
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
)

from lbpmv_desktop.core.poster.model import MARGIN_MM, qr_modules
from lbpmv_desktop.ui.pdf import pdf_file

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtGui import QPagedPaintDevice

    from lbpmv_desktop.core.poster.model import Poster

FONT = "DejaVu Sans"
QR_QUIET = 4  # modules of white around the code, as the standard asks


@dataclass
class Pictures:
    """The decoded photo and logo (decoded elsewhere, safely)."""

    photo: QImage | None = None
    logo: QImage | None = None


class _Canvas:
    """Millimetres to device pixels, and text that fits its box."""

    def __init__(self, painter: QPainter, px_per_mm: float) -> None:
        self.painter, self.k = painter, px_per_mm

    def rect(self, x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(x * self.k, y * self.k, w * self.k, h * self.k)

    def font(self, size_mm: float, bold: bool) -> QFont:
        font = QFont(FONT)
        font.setPixelSize(max(1, round(size_mm * self.k)))
        font.setBold(bold)
        return font

    def fit(self, text: str, box: QRectF, largest_mm: float, smallest_mm: float, *, bold: bool = False,
            colour: str = "#1d2b36", align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignHCenter) -> float:  # fmt: skip
        """Draw ``text`` in ``box`` at the largest size that fits (wrapping words); returns the
        height used in millimetres. At the smallest size, extra lines are cut with « … »."""
        if not text.strip():
            return 0.0
        flags = int(align) | int(Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap)
        size = largest_mm
        while True:
            font = self.font(size, bold)
            bounds = QFontMetricsF(font).boundingRect(QRectF(0, 0, box.width(), 1e9), flags, text)
            if (
                bounds.height() <= box.height() and bounds.width() <= box.width() + 0.5
            ) or size <= smallest_mm:
                break
            size = max(smallest_mm, size * 0.92)
        if bounds.height() > box.height() or bounds.width() > box.width() + 0.5:
            text = self._cut(text, font, box, flags)
            bounds = QFontMetricsF(font).boundingRect(QRectF(0, 0, box.width(), 1e9), flags, text)
        self.painter.setFont(font)
        self.painter.setPen(QColor(colour))
        self.painter.drawText(QRectF(box.left(), box.top(), box.width(), bounds.height()), flags, text)
        return bounds.height() / self.k

    @staticmethod
    def _cut(text: str, font: QFont, box: QRectF, flags: int) -> str:
        metrics = QFontMetricsF(font)
        words = text.split()
        while words:
            candidate = " ".join(words) + " …"
            bounds = metrics.boundingRect(QRectF(0, 0, box.width(), 1e9), flags, candidate)
            if bounds.height() <= box.height() and bounds.width() <= box.width() + 0.5:
                return candidate
            words.pop()
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, box.width())


def qr_side_mm(poster: Poster) -> float:
    """The QR code's printed side: at least 5 cm on A4 (read from a metre away)."""
    width, height = poster.paper_mm
    return max(50.0, min(width, height) * 0.24)


def paint(painter: QPainter, poster: Poster, pictures: Pictures, px_per_mm: float) -> None:
    """Draw ``poster`` (already checked) from the top-left of the page, in millimetres."""
    canvas = _Canvas(painter, px_per_mm)
    design = poster.design
    paper_w, paper_h = poster.paper_mm
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(canvas.rect(0, 0, paper_w, paper_h), QColor(design.background))
    inner_w = paper_w - 2 * MARGIN_MM
    x0, y = MARGIN_MM, MARGIN_MM
    side = qr_side_mm(poster) if poster.url else 0.0
    column_w = inner_w - (side + 10 if poster.landscape and side else 0)

    band_h = paper_h * (0.16 if not poster.landscape else 0.2)
    painter.fillRect(canvas.rect(x0, y, inner_w, band_h), QColor(design.band))
    canvas.fit(design.headline, canvas.rect(x0 + 6, y + band_h * 0.18, inner_w - 12, band_h * 0.7), band_h * 0.45,
               6, bold=True, colour=design.band_ink)  # fmt: skip
    y += band_h + 8

    scale = min(paper_w, paper_h) / 210
    y += (
        canvas.fit(
            poster.shop.strip(),
            canvas.rect(x0, y, column_w, 40 * scale),
            20 * scale,
            7,
            bold=True,
            colour=design.ink,
        )
        + 5
    )
    message = poster.message.strip() or design.message
    reserved_bottom = (side + 22 if side and not poster.landscape else 0) + MARGIN_MM + 38 * scale
    room = max(20.0, paper_h - y - reserved_bottom)
    photo_h = room * 0.55 if pictures.photo is not None and not poster.landscape else 0.0
    y += (
        canvas.fit(
            message,
            canvas.rect(x0, y, column_w, max(12.0, room - photo_h - 6)),
            9.5 * scale,
            4.5,
            colour=design.ink,
        )
        + 6
    )
    if photo_h and pictures.photo is not None:
        _draw_image(painter, pictures.photo, canvas.rect(x0, y, column_w, photo_h))
        y += photo_h + 6

    info = [
        line
        for line in (
            poster.phone.strip() and f"Tél. {poster.phone.strip()}",
            poster.hours.strip(),
            poster.address.strip(),
        )
        if line
    ]
    if info:
        canvas.fit("\n".join(info), canvas.rect(x0, y, column_w, max(10.0, paper_h - y - (side + 22 if side and not poster.landscape else 0) - MARGIN_MM)),
                   10 * scale, 4.2, bold=True, colour=design.ink)  # fmt: skip

    if side:
        if poster.landscape:
            qx, qy = paper_w - MARGIN_MM - side, paper_h - MARGIN_MM - side - 16
            if pictures.photo is not None:
                _draw_image(painter, pictures.photo, canvas.rect(qx, y - 40, side, max(10.0, qy - y + 30)))
        else:
            qx, qy = x0 + (inner_w - side) / 2, paper_h - MARGIN_MM - side - 16
        _draw_qr(painter, canvas, poster.url, qx, qy, side)
        canvas.fit(
            design.qr_hint,
            canvas.rect(qx - 20, qy + side + 1, side + 40, 8),
            5.5 * scale,
            3.5,
            bold=True,
            colour=design.ink,
        )
        canvas.fit(
            poster.url, canvas.rect(qx - 30, qy + side + 8, side + 60, 6), 3.2 * scale, 2.5, colour=design.ink
        )
    if pictures.logo is not None:
        logo_side = 26 * scale
        _draw_image(
            painter, pictures.logo, canvas.rect(x0, paper_h - MARGIN_MM - logo_side, logo_side, logo_side)
        )


def _draw_image(painter: QPainter, image: QImage, box: QRectF) -> None:
    scaled = QSizeF(image.size()).scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
    target = QRectF(box.left() + (box.width() - scaled.width()) / 2, box.top() + (box.height() - scaled.height()) / 2,
                    scaled.width(), scaled.height())  # fmt: skip
    painter.drawImage(target, image)


def _draw_qr(painter: QPainter, canvas: _Canvas, link: str, x: float, y: float, side: float) -> None:
    modules = qr_modules(link)
    count = len(modules) + 2 * QR_QUIET
    cell = side / count
    painter.fillRect(canvas.rect(x, y, side, side), QColor("#ffffff"))
    black = QColor("#000000")
    for row, cells in enumerate(modules):
        start = None
        for column, dark in enumerate([*cells, False]):  # draw runs of dark modules as one rectangle
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                painter.fillRect(
                    canvas.rect(
                        x + (QR_QUIET + start) * cell,
                        y + (QR_QUIET + row) * cell,
                        (column - start) * cell + 0.01,
                        cell + 0.01,
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


def load_pictures(poster: Poster) -> Pictures:
    """Decode the poster's photo and logo (refused with a French message when unreadable)."""
    from pathlib import Path

    from lbpmv_desktop.core.photo.opening import PhotoRefused
    from lbpmv_desktop.core.photo.preview import picture_rgba
    from lbpmv_desktop.core.poster.model import PosterRefused

    pictures = Pictures()
    for attribute, path, keep in (("photo", poster.photo, False), ("logo", poster.logo, True)):
        if not path:
            continue
        try:
            width, height, rgba = picture_rgba(Path(path), 2400, keep_transparency=keep)
        except PhotoRefused as refusal:
            what = "La photo" if attribute == "photo" else "Le logo"
            raise PosterRefused(f"{what} ne peut pas être utilisé : {refusal.message}") from None
        setattr(
            pictures, attribute, QImage(rgba, width, height, 4 * width, QImage.Format.Format_RGBA8888).copy()
        )
    return pictures
