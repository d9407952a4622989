"""The photo on screen: scaled to fit, with a straightening grid and a crop frame to drag (or to
move with the arrow keys)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from lbpmv_desktop.core.photo.recipe import Crop

if TYPE_CHECKING:
    from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QPaintEvent


class PreviewWidget(QWidget):
    """Shows the preview. In crop mode it draws the crop frame; dragging inside moves it, dragging
    outside draws a new one (free mode) or a new one of the chosen proportions. With the keyboard
    (it takes the focus only in crop mode): the arrows move the frame (Shift: faster), + and −
    make it larger or smaller, Return or Escape finish; a ring shows the focus.

    Signals:
        crop_chosen(object): the merchant finished dragging a crop (a Crop in fractions).
        finished(): Return or Escape in crop mode.
    """

    crop_chosen = Signal(object)
    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage()
        self.crop: Crop | None = None
        self.crop_mode = False
        self.show_grid = False
        self.placeholder = ""
        self._drag_start: QPointF | None = None
        self._drag_origin: Crop | None = None
        self._moving = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(800, 600)

    def set_crop_mode(self, on: bool) -> None:
        """Show the frame to move; the photo takes the focus (Tab) only while it is shown."""
        self.crop_mode = on
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if on else Qt.FocusPolicy.NoFocus)
        self.setAccessibleDescription(
            self.tr("Arrows: move the frame. + and −: larger or smaller. Return: done.") if on else ""
        )
        if not on and self.hasFocus():
            self.clearFocus()
        self.update()

    def set_image(self, image: QImage) -> None:
        self.image = image
        self.update()

    def image_rect(self) -> QRectF:
        if self.image.isNull():
            return QRectF()
        scale = min(self.width() / self.image.width(), self.height() / self.image.height())
        w, h = self.image.width() * scale, self.image.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if self.image.isNull():
            painter.setPen(self.palette().text().color())
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder
            )
            painter.end()
            return
        target = self.image_rect()
        painter.drawImage(target, self.image)
        if self.show_grid:
            painter.setPen(QPen(QColor(255, 255, 255, 170), 1))
            for i in range(1, 8):
                x = target.left() + target.width() * i / 8
                y = target.top() + target.height() * i / 8
                painter.drawLine(QPointF(x, target.top()), QPointF(x, target.bottom()))
                painter.drawLine(QPointF(target.left(), y), QPointF(target.right(), y))
        if self.crop_mode and self.crop is not None:
            frame = self._crop_rect(target, self.crop)
            shade = QColor(0, 0, 0, 120)
            for part in (
                QRectF(target.left(), target.top(), target.width(), frame.top() - target.top()),
                QRectF(target.left(), frame.bottom(), target.width(), target.bottom() - frame.bottom()),
                QRectF(target.left(), frame.top(), frame.left() - target.left(), frame.height()),
                QRectF(frame.right(), frame.top(), target.right() - frame.right(), frame.height()),
            ):
                painter.fillRect(part, shade)
            painter.setPen(QPen(QColor("#ffffff"), 3, Qt.PenStyle.DashLine))
            painter.drawRect(frame)
        if self.hasFocus():  # the keyboard moves the frame: say so with a ring around the photo
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 4))
            painter.drawRect(self.rect().adjusted(2, 2, -2, -2))
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if not self.crop_mode or self.crop is None:
            super().keyPressEvent(event)
            return
        crop, key = self.crop, event.key()
        step = 0.05 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 0.01
        moves = {
            Qt.Key.Key_Left: (-step, 0.0),
            Qt.Key.Key_Right: (step, 0.0),
            Qt.Key.Key_Up: (0.0, -step),
            Qt.Key.Key_Down: (0.0, step),
        }
        if key in moves:
            dx, dy = moves[Qt.Key(key)]
            moved = Crop(crop.x + dx, crop.y + dy, crop.w, crop.h, crop.ratio)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Minus, Qt.Key.Key_Equal):
            scale = 0.95 if key == Qt.Key.Key_Minus else 1.05
            scale = min(scale, 1.0 / crop.w, 1.0 / crop.h)  # never wider than the photo
            w, h = crop.w * scale, crop.h * scale
            moved = Crop(crop.x + (crop.w - w) / 2, crop.y + (crop.h - h) / 2, w, h, crop.ratio)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
            self.finished.emit()
            return
        else:
            super().keyPressEvent(event)
            return
        self.crop = moved.clamped()
        self.update()
        self.crop_chosen.emit(self.crop)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusOutEvent(event)
        self.update()

    @staticmethod
    def _crop_rect(target: QRectF, crop: Crop) -> QRectF:
        return QRectF(
            target.left() + crop.x * target.width(),
            target.top() + crop.y * target.height(),
            crop.w * target.width(),
            crop.h * target.height(),
        )

    def _fraction(self, point: QPointF) -> QPointF:
        target = self.image_rect()
        return QPointF(
            min(1.0, max(0.0, (point.x() - target.left()) / max(1.0, target.width()))),
            min(1.0, max(0.0, (point.y() - target.top()) / max(1.0, target.height()))),
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if not self.crop_mode or self.image.isNull():
            return
        point = self._fraction(event.position())
        self._drag_start, self._drag_origin = point, self.crop
        inside = self.crop is not None and self._crop_rect(QRectF(0, 0, 1, 1), self.crop).contains(point)
        self._moving = inside

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self._drag_start is None:
            return
        point = self._fraction(event.position())
        start, origin = self._drag_start, self._drag_origin
        if self._moving and origin is not None:
            self.crop = Crop(
                origin.x + point.x() - start.x(),
                origin.y + point.y() - start.y(),
                origin.w,
                origin.h,
                origin.ratio,
            ).clamped()
        else:
            ratio = origin.ratio if origin is not None else None
            x0, y0 = min(start.x(), point.x()), min(start.y(), point.y())
            w, h = abs(point.x() - start.x()), abs(point.y() - start.y())
            if ratio is not None and not self.image.isNull():
                aspect = self.image.width() / self.image.height()
                h = w * aspect / ratio
            self.crop = Crop(x0, y0, max(0.02, w), max(0.02, h), ratio).clamped()
        self.update()

    def mouseReleaseEvent(self, _event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self._drag_start is not None and self.crop is not None and self.crop != self._drag_origin:
            self.crop_chosen.emit(self.crop)
        self._drag_start = None
