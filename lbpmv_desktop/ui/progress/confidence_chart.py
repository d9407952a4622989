"""A small painted chart of "je me sens capable" ratings over time, with a text alternative."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

if TYPE_CHECKING:
    from lbpmv_desktop.core.progress.status import ConfidencePoint


class ConfidenceChart(QWidget):
    """Ratings 1–5 in time order; start ratings are hollow circles, end ratings filled squares
    (so the two are told apart by shape, not by colour alone). Each point carries its value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[ConfidencePoint] = []
        self._line = QColor("#0b6e4f")
        self._text = QColor("#1d2b36")
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_points(self, points: list[ConfidencePoint], line: str, text: str) -> None:
        self._points = points
        self._line, self._text = QColor(line), QColor(text)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        metrics = QFontMetrics(self.font())
        return QSize(480, max(220, metrics.height() * 9))

    def paintEvent(self, _event: object) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        left = metrics.horizontalAdvance("5") + 16
        # Room for half a date label on each side, a value above the top point, dates below.
        half_label = metrics.horizontalAdvance("00/00") / 2 + 6
        area = QRectF(
            left + half_label,
            metrics.height() * 1.5,
            self.width() - left - 2 * half_label,
            self.height() - 3 * metrics.height(),
        )
        painter.setPen(QPen(self._text, 1, Qt.PenStyle.DotLine))
        for value in range(1, 6):
            y = area.bottom() - (value - 1) / 4 * area.height()
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.drawText(QPointF(4, y + metrics.ascent() / 2 - 2), str(value))
        if not self._points:
            painter.end()
            return
        count = len(self._points)
        step = area.width() / max(1, count - 1) if count > 1 else 0

        def position(index: int, value: int) -> QPointF:
            x = area.left() + (index * step if count > 1 else area.width() / 2)
            return QPointF(x, area.bottom() - (value - 1) / 4 * area.height())

        painter.setPen(QPen(self._line, 3))
        for index in range(1, count):
            painter.drawLine(
                position(index - 1, self._points[index - 1].value), position(index, self._points[index].value)
            )
        for index, point in enumerate(self._points):
            centre = position(index, point.value)
            painter.setPen(QPen(self._line, 3))
            if point.moment == "start":
                painter.setBrush(QColor(self.palette().base().color()))
                painter.drawEllipse(centre, 8, 8)
            else:
                painter.setBrush(self._line)
                painter.drawRect(QRectF(centre.x() - 8, centre.y() - 8, 16, 16))
            painter.setPen(self._text)
            painter.drawText(QPointF(centre.x() - 4, centre.y() - 14), str(point.value))
            label = point.at.astimezone().strftime("%d/%m")
            width = metrics.horizontalAdvance(label)
            painter.drawText(QPointF(centre.x() - width / 2, self.height() - 6), label)
        painter.end()
