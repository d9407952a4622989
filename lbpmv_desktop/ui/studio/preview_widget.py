"""The photo on screen: scaled to fit or at 100 %, with a straightening grid, a crop frame with
handles, a before/after split line and a text label to drag (each also moved with the keyboard)."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from lbpmv_desktop.core.photo.recipe import Crop, Label

if TYPE_CHECKING:
    from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QPaintEvent, QResizeEvent

MIN_CROP = 0.05  # the smallest frame, as a fraction of the photo's side
CORNERS = ("tl", "tr", "br", "bl")
EDGES = ("t", "r", "b", "l")
_CURSORS = {
    "tl": Qt.CursorShape.SizeFDiagCursor,
    "br": Qt.CursorShape.SizeFDiagCursor,
    "tr": Qt.CursorShape.SizeBDiagCursor,
    "bl": Qt.CursorShape.SizeBDiagCursor,
    "l": Qt.CursorShape.SizeHorCursor,
    "r": Qt.CursorShape.SizeHorCursor,
    "t": Qt.CursorShape.SizeVerCursor,
    "b": Qt.CursorShape.SizeVerCursor,
    "move": Qt.CursorShape.SizeAllCursor,
    "new": Qt.CursorShape.CrossCursor,
}
_DARK = QColor(20, 24, 28, 230)
_LIGHT = QColor(255, 255, 255, 245)


class Mode(Enum):
    """What the mouse and the keyboard do on the photo."""

    VIEW = "view"  # look (and pan at 100 %)
    CROP = "crop"  # move and resize the crop frame
    TEXT = "text"  # move the text label
    SPLIT = "split"  # move the before/after line


def resized_crop(origin: Crop, handle: str, dx: float, dy: float, aspect: float) -> Crop:
    """``origin`` with the edges of ``handle`` ("tl", "t", … "l") moved by (dx, dy) fractions.

    With a ratio (``origin.ratio``, width/height in pixels of a photo of proportions ``aspect``)
    the frame keeps its proportions: the opposite corner (or edge) stays where it is, and an edge
    handle grows the other side around its middle. The frame always stays inside the photo.
    """
    left, top, right, bottom = origin.x, origin.y, origin.x + origin.w, origin.y + origin.h
    if "l" in handle:
        left = min(right - MIN_CROP, max(0.0, left + dx))
    if "r" in handle:
        right = max(left + MIN_CROP, min(1.0, right + dx))
    if "t" in handle:
        top = min(bottom - MIN_CROP, max(0.0, top + dy))
    if "b" in handle:
        bottom = max(top + MIN_CROP, min(1.0, bottom + dy))
    if origin.ratio is None or aspect <= 0:
        return Crop(left, top, right - left, bottom - top, None).clamped()
    k = aspect / origin.ratio  # height fraction per width fraction
    w, h = right - left, bottom - top
    if handle in ("t", "b"):
        w = h / k
    elif handle not in ("l", "r"):  # a corner: follow the side that moved the most
        w = w if abs(w - origin.w) >= abs(h / k - origin.w) else h / k
    # The largest width the anchored sides allow.
    max_w = right if "l" in handle else (1.0 - left if "r" in handle else 1.0)
    max_h = bottom if "t" in handle else (1.0 - top if "b" in handle else 1.0)
    w = max(MIN_CROP, min(w, max_w, max_h / k))
    h = w * k
    if "l" in handle:
        left = right - w
    elif "r" not in handle:  # top or bottom edge: around the middle
        left = origin.x + origin.w / 2 - w / 2
    if "t" in handle:
        top = bottom - h
    elif "b" not in handle:  # left or right edge: around the middle
        top = origin.y + origin.h / 2 - h / 2
    return Crop(left, top, w, h, origin.ratio).clamped()


class PreviewWidget(QWidget):
    """Shows the preview.

    Modes (``set_mode``): in crop mode it draws the frame with corner and edge handles; dragging
    inside moves it, a handle resizes it (keeping the chosen proportions), dragging outside draws
    a new one. In text mode the label is dragged (or moved with the arrows); in split mode a line
    separates the photo as it was (left) from the edited one (right). At 100 % (``set_zoomed``)
    the photo is panned by dragging or with the arrows. The photo takes the focus (Tab) only when
    the keyboard can do something on it; a ring then shows the focus.

    Signals:
        crop_chosen(object): the merchant moved or resized the frame (a Crop in fractions).
        label_moved(float, float): the label's new centre, in fractions of the finished picture.
        finished(bool): Return (True) or Escape (False) in the crop, text or split mode.
        view_changed(object): at 100 % with the full size known, the (left, top, right, bottom)
            box of the finished picture on screen, in full-size pixels (its real pixels are wanted).
    """

    crop_chosen = Signal(object)
    label_moved = Signal(float, float)
    finished = Signal(bool)
    view_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage()
        self.original = QImage()  # the photo as it was, same framing (split view)
        self.crop: Crop | None = None
        self.whole_aspect: float | None = None  # the whole photo's proportions (crop mode)
        self.label: Label | None = None
        self.mode = Mode.VIEW
        self.zoomed = False
        self.split = 0.5
        self.show_grid = False
        self.placeholder = ""
        self.descriptions: dict[Mode, str] = {}
        self.zoomed_description = ""
        self.split_names = ("Before", "After")  # the page gives them in the merchant's language
        self.full_size: tuple[int, int] | None = None  # the finished picture's size at 100 %
        self.tile = QImage()  # real pixels of part of it
        self.tile_box: tuple[int, int, int, int] | None = None
        self._pan = QPointF(0.5, 0.5)  # the point of the photo at the centre, in fractions
        self._drag: str | None = None  # what the mouse is dragging: a handle, "move", "new", …
        self._drag_start = QPointF()
        self._drag_origin: Crop | None = None
        self._drag_pan = QPointF()
        self._label_offset = QPointF()
        self._label_box_cache: tuple[tuple[int, int, Label], QRectF] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)
        self.setMouseTracking(True)
        self._update_focus()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(800, 600)

    # -- state ---------------------------------------------------------------------------
    def set_mode(self, mode: Mode) -> None:
        """What the mouse and the arrows do; any mode but looking shows the whole photo fitted."""
        self.mode = mode
        if mode is not Mode.VIEW:
            self.zoomed = False
        self._drag = None
        self._update_focus()
        self.update()

    def set_crop_mode(self, on: bool) -> None:
        self.set_mode(Mode.CROP if on else Mode.VIEW)

    @property
    def crop_mode(self) -> bool:
        return self.mode is Mode.CROP

    def set_zoomed(self, on: bool) -> None:
        """100 %: one pixel of the preview for one pixel of the screen; else the photo fits."""
        self.zoomed = on and self.mode is Mode.VIEW
        self._pan = QPointF(0.5, 0.5)
        if not self.zoomed:
            self.set_full_size(None)
        self._update_focus()
        self.update()

    def set_full_size(self, size: tuple[int, int] | None) -> None:
        """The finished picture's full size: at 100 % one of its pixels is one screen pixel, and
        its real pixels are asked for (``view_changed``); None: the screen copy's pixels."""
        size = size if self.zoomed else None
        if size != self.full_size:  # else the shown pixels stay until the new ones come
            self.tile, self.tile_box = QImage(), None
        self.full_size = size
        self.update()
        self._ask_view(force=True)

    def set_tile(self, image: QImage, box: tuple[int, int, int, int]) -> None:
        if self.full_size is not None:
            self.tile, self.tile_box = image, box
            self.update()

    def visible_box(self) -> tuple[int, int, int, int] | None:
        """The part of the full-size picture on screen at 100 %, in its pixels."""
        if not self.zoomed or self.full_size is None or self.image.isNull():
            return None
        rect = self.image_rect()
        shown = rect.intersected(QRectF(self.rect()))
        per_point = self.full_size[0] / rect.width()
        width, height = self.full_size
        left = max(0, int((shown.left() - rect.left()) * per_point))
        top = max(0, int((shown.top() - rect.top()) * per_point))
        right = min(width, int((shown.right() - rect.left()) * per_point + 1))
        bottom = min(height, int((shown.bottom() - rect.top()) * per_point + 1))
        return (left, top, right, bottom) if right > left and bottom > top else None

    def _ask_view(self, *, force: bool = False) -> None:
        box = self.visible_box()
        if box is not None and (force or box != self.tile_box):
            self.view_changed.emit(box)

    def set_image(self, image: QImage) -> None:
        self.image = image
        self.update()

    def set_original(self, image: QImage) -> None:
        self.original = image
        self.update()

    def _update_focus(self) -> None:
        active = self.mode is not Mode.VIEW or self.zoomed
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if active else Qt.FocusPolicy.NoFocus)
        description = self.descriptions.get(self.mode, "")
        if self.mode is Mode.VIEW:
            description = self.zoomed_description if self.zoomed else ""
        self.setAccessibleDescription(description)
        if not active and self.hasFocus():
            self.clearFocus()
        self._set_cursor(None)

    # -- geometry ----------------------------------------------------------------------------
    def _margin(self) -> float:
        """Room around the photo for the handles on its edges (crop mode)."""
        return self.handle_size() / 2 + 3 if self.mode is Mode.CROP else 0.0

    def _scale(self) -> float:
        if self.zoomed:
            real = self.full_size[0] / self.image.width() if self.full_size else 1.0
            return real / max(1.0, self.devicePixelRatioF())
        room = 2 * self._margin()
        return max(
            0.01,
            min((self.width() - room) / self.image.width(), (self.height() - room) / self.image.height()),
        )

    def image_rect(self) -> QRectF:
        """Where the photo is drawn, in the widget's coordinates."""
        if self.image.isNull():
            return QRectF()
        scale = self._scale()
        w, h = self.image.width() * scale, self.image.height() * scale
        if not self.zoomed:
            return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)
        pan = self._clamped_pan(self._pan, w, h)
        left = (self.width() - w) / 2 if w <= self.width() else self.width() / 2 - pan.x() * w
        top = (self.height() - h) / 2 if h <= self.height() else self.height() / 2 - pan.y() * h
        return QRectF(left, top, w, h)

    def _clamped_pan(self, pan: QPointF, w: float, h: float) -> QPointF:
        def clamp(value: float, shown: float, whole: float) -> float:
            if whole <= shown:
                return 0.5
            half = shown / 2 / whole
            return min(1.0 - half, max(half, value))

        return QPointF(clamp(pan.x(), self.width(), w), clamp(pan.y(), self.height(), h))

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the photo at 100 % by (dx, dy) screen points."""
        if not self.zoomed or self.image.isNull():
            return
        rect = self.image_rect()
        pan = QPointF(self._pan.x() + dx / rect.width(), self._pan.y() + dy / rect.height())
        self._pan = self._clamped_pan(pan, rect.width(), rect.height())
        self.update()
        self._ask_view()

    @property
    def pan(self) -> QPointF:
        return QPointF(self._pan)

    def handle_size(self) -> float:
        """Handles big enough to grab, larger with larger text."""
        return max(14.0, self.fontMetrics().height() * 0.75)

    @staticmethod
    def _crop_rect(target: QRectF, crop: Crop) -> QRectF:
        return QRectF(
            target.left() + crop.x * target.width(),
            target.top() + crop.y * target.height(),
            crop.w * target.width(),
            crop.h * target.height(),
        )

    def frame_ready(self) -> bool:
        """The frame can be shown: the whole photo is on screen (not the framed one of before)."""
        if self.crop is None or self.image.isNull():
            return False
        aspect = self.whole_aspect
        return aspect is None or abs(self._aspect() / aspect - 1.0) < 0.02

    def frame_rect(self) -> QRectF:
        """The crop frame on screen (empty without a frame)."""
        if not self.frame_ready() or self.crop is None:
            return QRectF()
        return self._crop_rect(self.image_rect(), self.crop)

    def handle_points(self) -> dict[str, QPointF]:
        """The centre of each handle on screen: corners and the middle of each edge."""
        frame = self.frame_rect()
        if frame.isEmpty():
            return {}
        cx, cy = frame.center().x(), frame.center().y()
        points = {
            "tl": frame.topLeft(),
            "tr": frame.topRight(),
            "br": frame.bottomRight(),
            "bl": frame.bottomLeft(),
        }
        room = 4 * self.handle_size()  # on a short side the corners are enough
        if frame.width() >= room:
            points |= {"t": QPointF(cx, frame.top()), "b": QPointF(cx, frame.bottom())}
        if frame.height() >= room:
            points |= {"r": QPointF(frame.right(), cy), "l": QPointF(frame.left(), cy)}
        return points

    def _hit(self, point: QPointF) -> str:
        """What a press at ``point`` grabs in crop mode: a handle, "move" (inside) or "new"."""
        reach = self.handle_size() * 0.9
        points = self.handle_points()
        for name in (*CORNERS, *EDGES):
            centre = points.get(name)
            if (
                centre is not None
                and abs(centre.x() - point.x()) <= reach
                and abs(centre.y() - point.y()) <= reach
            ):
                return name
        return "move" if self.frame_rect().contains(point) else "new"

    def _fraction(self, point: QPointF) -> QPointF:
        target = self.image_rect()
        return QPointF(
            min(1.0, max(0.0, (point.x() - target.left()) / max(1.0, target.width()))),
            min(1.0, max(0.0, (point.y() - target.top()) / max(1.0, target.height()))),
        )

    def _aspect(self) -> float:
        return self.image.width() / self.image.height() if not self.image.isNull() else 1.0

    def label_rect(self) -> QRectF:
        """The label's box on screen, from core's own measure of the finished picture."""
        if self.label is None or self.image.isNull():
            return QRectF()
        key = (self.image.width(), self.image.height(), self.label)
        if self._label_box_cache is None or self._label_box_cache[0] != key:
            self._label_box_cache = (key, _label_box(key[0], key[1], self.label))
        box = self._label_box_cache[1]
        target = self.image_rect()
        scale = target.width() / self.image.width()
        return QRectF(
            target.left() + box.left() * scale,
            target.top() + box.top() * scale,
            box.width() * scale,
            box.height() * scale,
        )

    def split_x(self) -> float:
        rect = self.image_rect()
        return rect.left() + self.split * rect.width()

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, not self.zoomed)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.image.isNull():
            painter.setPen(self.palette().text().color())
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder
            )
            painter.end()
            return
        target = self.image_rect()
        painter.drawImage(target, self.image)
        if self.zoomed and self.full_size and self.tile_box and not self.tile.isNull():
            per_pixel = target.width() / self.full_size[0]  # real pixels over the screen copy
            left, top, right, bottom = self.tile_box
            painter.drawImage(
                QRectF(
                    target.left() + left * per_pixel,
                    target.top() + top * per_pixel,
                    (right - left) * per_pixel,
                    (bottom - top) * per_pixel,
                ),
                self.tile,
            )
        if self.mode is Mode.SPLIT and not self.original.isNull():
            self._paint_split(painter, target)
        if self.show_grid:
            painter.setPen(QPen(QColor(255, 255, 255, 170), 1))
            for i in range(1, 8):
                x = target.left() + target.width() * i / 8
                y = target.top() + target.height() * i / 8
                painter.drawLine(QPointF(x, target.top()), QPointF(x, target.bottom()))
                painter.drawLine(QPointF(target.left(), y), QPointF(target.right(), y))
        if self.mode is Mode.CROP and self.frame_ready():
            self._paint_crop(painter, target)
        if self.mode is Mode.TEXT and self.label is not None:
            self._outline(painter, self.label_rect().adjusted(-3, -3, 3, 3), dashed=True)
        if self.hasFocus():  # the keyboard acts on the photo: say so with a ring around it
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 4))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(2, 2, -2, -2))
        painter.end()

    @staticmethod
    def _outline(painter: QPainter, rect: QRectF, *, dashed: bool = False) -> None:
        """A line seen on any photo: dark, with a light line on it."""
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(_DARK, 4))
        painter.drawRect(rect)
        painter.setPen(QPen(_LIGHT, 2, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine))
        painter.drawRect(rect)

    def _paint_crop(self, painter: QPainter, target: QRectF) -> None:
        frame = self._crop_rect(target, self.crop) if self.crop else QRectF()
        outside = QPainterPath()
        outside.addRect(target)
        inside = QPainterPath()
        inside.addRect(frame)
        painter.fillPath(outside.subtracted(inside), QColor(0, 0, 0, 140))
        painter.setPen(QPen(QColor(255, 255, 255, 110), 1))  # thirds, to place the product
        for i in (1, 2):
            x = frame.left() + frame.width() * i / 3
            y = frame.top() + frame.height() * i / 3
            painter.drawLine(QPointF(x, frame.top()), QPointF(x, frame.bottom()))
            painter.drawLine(QPointF(frame.left(), y), QPointF(frame.right(), y))
        self._outline(painter, frame)
        side = self.handle_size()
        for name, centre in self.handle_points().items():
            if name in CORNERS:
                box = QRectF(centre.x() - side / 2, centre.y() - side / 2, side, side)
            elif name in ("t", "b"):
                box = QRectF(centre.x() - side, centre.y() - side / 3, 2 * side, 2 * side / 3)
            else:
                box = QRectF(centre.x() - side / 3, centre.y() - side, 2 * side / 3, 2 * side)
            painter.setPen(QPen(_DARK, 2))
            painter.setBrush(_LIGHT)
            painter.drawRect(box)

    def _paint_split(self, painter: QPainter, target: QRectF) -> None:
        x = self.split_x()
        painter.save()
        painter.setClipRect(QRectF(target.left(), target.top(), x - target.left(), target.height()))
        painter.drawImage(target, self.original)
        painter.restore()
        painter.setPen(QPen(_DARK, 5))
        painter.drawLine(QPointF(x, target.top()), QPointF(x, target.bottom()))
        painter.setPen(QPen(_LIGHT, 2))
        painter.drawLine(QPointF(x, target.top()), QPointF(x, target.bottom()))
        radius = self.handle_size() * 0.8
        centre = QPointF(x, target.center().y())
        painter.setPen(QPen(_DARK, 2))
        painter.setBrush(_LIGHT)
        painter.drawEllipse(centre, radius, radius)
        painter.setPen(QPen(_DARK, 2))
        for sign in (-1, 1):  # two small arrows: the line moves sideways
            tip = QPointF(centre.x() + sign * radius * 0.6, centre.y())
            painter.drawLine(tip, QPointF(tip.x() - sign * radius * 0.3, centre.y() - radius * 0.3))
            painter.drawLine(tip, QPointF(tip.x() - sign * radius * 0.3, centre.y() + radius * 0.3))
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        pad = 6
        for text, right_side in ((self.split_names[0], False), (self.split_names[1], True)):
            width = metrics.horizontalAdvance(text) + 2 * pad
            left = x + pad if right_side else x - pad - width
            tag = QRectF(left, target.top() + pad, width, metrics.height() + pad)
            if tag.left() < target.left() or tag.right() > target.right():
                continue
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(20, 24, 28, 200))
            painter.drawRoundedRect(tag, 4, 4)
            painter.setPen(_LIGHT)
            painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, text)

    # -- keyboard ----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key, modifiers = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape) and self.mode is not Mode.VIEW:
            self.finished.emit(key != Qt.Key.Key_Escape)
            return
        if key == Qt.Key.Key_Escape and self.zoomed:  # back to the whole photo
            self.finished.emit(False)
            return
        arrows = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        fast = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        if key in arrows:
            dx, dy = arrows[Qt.Key(key)]
            if self._arrow(dx, dy, fast, bool(modifiers & Qt.KeyboardModifier.ControlModifier)):
                return
        elif (
            self.mode is Mode.CROP
            and self.crop is not None
            and key
            in (
                Qt.Key.Key_Plus,
                Qt.Key.Key_Minus,
                Qt.Key.Key_Equal,
            )
        ):
            crop = self.crop
            scale = 0.95 if key == Qt.Key.Key_Minus else 1.05
            scale = min(scale, 1.0 / crop.w, 1.0 / crop.h)  # never wider than the photo
            w, h = crop.w * scale, crop.h * scale
            self._set_crop(Crop(crop.x + (crop.w - w) / 2, crop.y + (crop.h - h) / 2, w, h, crop.ratio))
            return
        super().keyPressEvent(event)

    def _arrow(self, dx: int, dy: int, fast: bool, control: bool) -> bool:
        """An arrow key in the current mode; whether it did something."""
        step = 0.05 if fast else 0.01
        if self.mode is Mode.CROP and self.crop is not None:
            crop = self.crop
            if control:  # resize: right and down larger, left and up smaller
                handle = "r" if dx else "b"
                self._set_crop(resized_crop(crop, handle, dx * step, dy * step, self._aspect()))
            else:
                self._set_crop(Crop(crop.x + dx * step, crop.y + dy * step, crop.w, crop.h, crop.ratio))
            return True
        if self.mode is Mode.TEXT and self.label is not None:
            label = self.label
            self._move_label(label.x + dx * step, label.y + dy * step)
            return True
        if self.mode is Mode.SPLIT and dx:
            self.split = min(1.0, max(0.0, self.split + dx * (0.1 if fast else 0.02)))
            self.update()
            return True
        if self.mode is Mode.VIEW and self.zoomed:
            amount = (0.4 if fast else 0.1) * min(self.width(), self.height())
            self.pan_by(dx * amount, dy * amount)
            return True
        return False

    def _set_crop(self, crop: Crop) -> None:
        self.crop = crop.clamped()
        self.update()
        self.crop_chosen.emit(self.crop)

    def _move_label(self, x: float, y: float) -> None:
        if self.label is None:
            return
        x, y = min(1.0, max(0.0, x)), min(1.0, max(0.0, y))
        self.label = Label(self.label.text, self.label.style, x, y, self.label.size)
        self.update()
        self.label_moved.emit(x, y)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._ask_view()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusOutEvent(event)
        self.update()

    # -- mouse -------------------------------------------------------------------------------
    def _set_cursor(self, point: QPointF | None) -> None:
        if self.image.isNull():
            self.unsetCursor()
        elif self.mode is Mode.CROP and self.frame_ready() and point is not None:
            self.setCursor(_CURSORS[self._hit(point)])
        elif self.mode is Mode.TEXT and self.label is not None:
            self.setCursor(Qt.CursorShape.SizeAllCursor)
        elif self.mode is Mode.SPLIT:
            self.setCursor(Qt.CursorShape.SplitHCursor)
        elif self.zoomed:
            self.setCursor(Qt.CursorShape.ClosedHandCursor if self._drag else Qt.CursorShape.OpenHandCursor)
        else:
            self.unsetCursor()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self.image.isNull() or event.button() != Qt.MouseButton.LeftButton:
            return
        position = event.position()
        self._drag_start = position
        if self.mode is Mode.CROP:
            if not self.frame_ready():
                return  # the whole photo is still being drawn
            self._drag, self._drag_origin = self._hit(position), self.crop
        elif self.mode is Mode.TEXT and self.label is not None:
            self._drag = "label"
            box = self.label_rect()
            centre = box.center() if box.contains(position) else position  # elsewhere: it goes there
            self._label_offset = centre - position
            if not box.contains(position):
                self._drag_label_to(position)
        elif self.mode is Mode.SPLIT:
            self._drag = "split"
            self._drag_split_to(position)
        elif self.zoomed:
            self._drag, self._drag_pan = "pan", QPointF(self._pan)
        self._set_cursor(position)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        position = event.position()
        if self._drag is None:
            self._set_cursor(position)
            return
        if self._drag == "label":
            self._drag_label_to(position)
        elif self._drag == "split":
            self._drag_split_to(position)
        elif self._drag == "pan":
            rect = self.image_rect()
            delta = position - self._drag_start
            pan = QPointF(
                self._drag_pan.x() - delta.x() / rect.width(), self._drag_pan.y() - delta.y() / rect.height()
            )
            self._pan = self._clamped_pan(pan, rect.width(), rect.height())
            self.update()
        elif self.mode is Mode.CROP:
            self._drag_crop(position)

    def _drag_crop(self, position: QPointF) -> None:
        start, point = self._fraction(self._drag_start), self._fraction(position)
        dx, dy = point.x() - start.x(), point.y() - start.y()
        origin, aspect = self._drag_origin, self._aspect()
        if self._drag == "move" and origin is not None:
            self.crop = Crop(origin.x + dx, origin.y + dy, origin.w, origin.h, origin.ratio).clamped()
        elif self._drag == "new" or origin is None:
            ratio = origin.ratio if origin is not None else None
            handle = ("b" if dy >= 0 else "t") + ("r" if dx >= 0 else "l")
            seed = Crop(start.x(), start.y(), 0.0, 0.0, ratio)
            self.crop = resized_crop(seed, handle, dx, dy, aspect)
        else:
            self.crop = resized_crop(origin, self._drag or "br", dx, dy, aspect)
        self.update()

    def _drag_label_to(self, position: QPointF) -> None:
        target = self.image_rect()
        centre = position + self._label_offset
        self._move_label(
            (centre.x() - target.left()) / max(1.0, target.width()),
            (centre.y() - target.top()) / max(1.0, target.height()),
        )

    def _drag_split_to(self, position: QPointF) -> None:
        self.split = self._fraction(position).x()
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        dragged, self._drag = self._drag, None
        if dragged == "pan":
            self._ask_view()
        if self.mode is Mode.CROP and dragged and self.crop is not None and self.crop != self._drag_origin:
            self.crop_chosen.emit(self.crop)
        self._set_cursor(event.position())


def _label_box(width: int, height: int, label: Label) -> QRectF:
    """The pixel box ``label`` covers on a finished picture of that size (core measures it)."""
    from lbpmv_desktop.core.photo.text import label_box

    x0, y0, x1, y1 = label_box((width, height), label)
    return QRectF(x0, y0, x1 - x0, y1 - y0)
