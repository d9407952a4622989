"""Controls that reflow when space is short (large text on a small screen): a layout that wraps
its items onto new lines, and a push button whose text wraps onto several lines.

Used by every page that must fit 1024×768 with text at 200 % (studio, poster, navigation, bilan,
réglages, visite, tableau de bord).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QPushButton, QSizePolicy, QStyle, QStyleOptionButton, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent
    from PySide6.QtWidgets import QLayoutItem


class FlowLayout(QLayout):
    """Items side by side, left to right, going on to a new line when the next one does not fit.

    An item wider than the whole line gets the line's width (a wrapping button or label then
    takes the height it needs for it). Reading order stays the order of insertion.
    """

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 8) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(spacing)

    # -- QLayout's item list ------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt override)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    # -- sizes ------------------------------------------------------------------------------------
    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt override)
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        return self._place(QRect(0, 0, width, 0), apply=False)

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt override)
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Everything on one line."""
        items = self._shown()
        width = sum(item.sizeHint().width() for item in items) + self.spacing() * max(0, len(items) - 1)
        height = max((item.sizeHint().height() for item in items), default=0)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt override)
        super().setGeometry(rect)
        self._place(rect, apply=True)

    def _place(self, rect: QRect, *, apply: bool) -> int:
        """Lay the items out in ``rect`` (or only measure); the height used."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        gap = self.spacing()
        x, y, line_height = area.x(), area.y(), 0
        for item in self._shown():
            width = min(max(item.sizeHint().width(), item.minimumSize().width()), max(1, area.width()))
            if x > area.x() and x + width > area.x() + area.width():
                x, y, line_height = area.x(), y + line_height + gap, 0
            height = item.heightForWidth(width) if item.hasHeightForWidth() else item.sizeHint().height()
            height = max(height, item.minimumSize().height())
            if apply:
                item.setGeometry(QRect(x, y, width, height))
            x += width + gap
            line_height = max(line_height, height)
        return y + line_height - rect.y() + margins.bottom()


class WrapButton(QPushButton):
    """A push button whose text goes onto several lines when the button is narrower than it.

    ``text()`` is the text as shown (with line breaks); ``full_text()`` the text as given. A screen
    reader reads the shown text, line breaks being spaces.
    """

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.set_full_text(text)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        """Change the text (with "&&" for a literal "&", as for QPushButton)."""
        self._full = text
        self._rewrap(self.width() if self.testAttribute(Qt.WidgetAttribute.WA_Resized) else None)

    def natural_size(self) -> QSize:
        """The size with the whole text on one line."""
        return self._size_for(self._full)

    # -- measuring ---------------------------------------------------------------------------------
    def _size_for(self, text: str) -> QSize:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = text
        contents = self.fontMetrics().size(Qt.TextFlag.TextShowMnemonic, text)
        return self.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, option, contents, self)

    def _padding(self) -> int:
        return (
            self._size_for("x").width() - self.fontMetrics().size(Qt.TextFlag.TextShowMnemonic, "x").width()
        )

    def _wrapped(self, width: int | None) -> str:
        """The text broken into lines that fit ``width`` (None: on one line)."""
        if width is None:
            return self._full
        room = width - self._padding()
        metrics = self.fontMetrics()
        lines: list[str] = []
        for paragraph in self._full.split("\n"):
            line = ""
            for word in paragraph.split(" "):
                candidate = f"{line} {word}" if line else word
                if line and metrics.size(Qt.TextFlag.TextShowMnemonic, candidate).width() > room:
                    lines.append(line)
                    line = word
                else:
                    line = candidate
            lines.append(line)
        return "\n".join(lines)

    def _rewrap(self, width: int | None) -> None:
        shown = self._wrapped(width)
        if shown != super().text():
            super().setText(shown)
            self.updateGeometry()

    # -- Qt sizes ----------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """The size of the text as shown now (on one line until the button is laid out)."""
        return self._size_for(super().text())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """As narrow as the longest word."""
        metrics = self.fontMetrics()
        longest = max(
            self._full.replace("\n", " ").split(" "),
            key=lambda word: metrics.size(Qt.TextFlag.TextShowMnemonic, word).width(),
        )
        return self._size_for(longest)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        return self._size_for(self._wrapped(width)).height()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._rewrap(event.size().width())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._rewrap(self.width() if self.testAttribute(Qt.WidgetAttribute.WA_Resized) else None)


def wrap_button(text: str, role: str | None = None, *, accessible: str | None = None) -> WrapButton:
    """Like ``make_button``, with a text that wraps."""
    from lbpmv_desktop.ui.widgets.common import set_role

    button = WrapButton(text.replace("&", "&&"))
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    if accessible:
        button.setAccessibleName(accessible)
    if role:
        set_role(button, role)
    return button
