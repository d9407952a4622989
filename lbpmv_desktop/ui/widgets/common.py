"""Small building blocks shared by every screen: labelled buttons, cards, roles."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QIcon, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lbpmv_desktop.paths import resources_dir


def set_role(widget: QWidget, role: str, state: str | None = None) -> None:
    """Give ``widget`` a style role (and state), re-polishing it so the style sheet applies."""
    widget.setProperty("role", role)
    if state is not None:
        widget.setProperty("state", state)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def make_label(text: str = "", role: str | None = None, *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        set_role(label, role)
    return label


def field_label(text: str, field: QWidget, role: str | None = None) -> QLabel:
    """The visible label of ``field``: a screen reader names the field by it (on Linux through the
    label relation, elsewhere by its accessible name, set to the same text). A label with a buddy
    reads « & » as a shortcut mark: it is doubled here, so « click & collect » shows as typed."""
    label = make_label(text.replace("&", "&&"), role)
    label.setBuddy(field)
    field.setAccessibleName(text)
    return label


def make_button(text: str, role: str | None = None, *, accessible: str | None = None) -> QPushButton:
    """A push button that takes keyboard focus.

    A screen reader reads its text (kept up to date when the text changes); ``accessible`` is a
    longer name for buttons whose text alone is not enough, and must contain that text.
    """
    button = QPushButton(text.replace("&", "&&"))
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    if accessible:
        button.setAccessibleName(accessible)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    if role:
        set_role(button, role)
    return button


class Card(QFrame):
    """A framed panel with a vertical layout."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "card")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(24, 20, 24, 20)
        self.body.setSpacing(12)


def set_button_text(button: QPushButton, text: str) -> None:
    """Set a button's text literally (no keyboard mnemonic from "&")."""
    button.setText(text.replace("&", "&&"))


def icon(name: str) -> QIcon:
    """An icon drawn by the project, from ``resources/icons/<name>.svg``."""
    return QIcon(str(resources_dir() / "icons" / f"{name}.svg"))


class ScrollPage(QScrollArea):
    """A vertically scrolling page whose body grows with wrapped text.

    QScrollArea sizes its widget from ``minimumSizeHint``, which is too short for word-wrapped
    labels; once pending layout changes settle, the body's minimum height is set from the
    layout's height for the current width.

    Attributes:
        body: the layout to fill.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._content = QWidget()
        self.body = QVBoxLayout(self._content)
        self.body.setContentsMargins(32, 24, 32, 24)
        self.body.setSpacing(16)
        self.setWidget(self._content)
        self._reveal: QWidget | None = None
        self._refit_timer = QTimer(self)
        self._refit_timer.setSingleShot(True)
        self._refit_timer.setInterval(0)
        self._refit_timer.timeout.connect(self.refit)
        self._content.installEventFilter(self)
        self.verticalScrollBar().actionTriggered.connect(self._on_scrolled_by_hand)

    def refit(self) -> None:
        """Grow the body to the height its text needs at the current width."""
        self.body.invalidate()
        width = self.viewport().width()
        height = self.body.totalHeightForWidth(width) if self.body.hasHeightForWidth() else 0
        if height != self._content.minimumHeight():
            self._content.setMinimumHeight(height)
            if self.widgetResizable():  # laid out now, not one event later with a stale height
                self._content.resize(width, max(height, self.viewport().height()))
        if self._reveal is not None:
            self.ensureWidgetVisible(self._reveal, 50, 120)

    def reveal_after_refit(self, widget: QWidget | None) -> None:
        """Keep ``widget`` in view as the body settles (text size changes included), until the
        merchant scrolls by hand."""
        self._reveal = widget
        self.schedule_refit()

    def _on_scrolled_by_hand(self, _action: int) -> None:
        self._reveal = None

    def schedule_refit(self) -> None:
        """Refit once the pending layout changes have settled."""
        self._refit_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self._content and event.type() in (
            QEvent.Type.LayoutRequest,
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
        ):
            self.schedule_refit()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.schedule_refit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        # Text changed while the page was hidden (a new text size, new progress) is measured now.
        super().showEvent(event)
        self.refit()


class ReflowRow(QWidget):
    """A row of controls that becomes a column when the row is too narrow for them.

    The controls sit side by side when their preferred widths fit, one under the other
    otherwise, so that large text never cuts a button. Fill ``row`` like a QHBoxLayout.

    Attributes:
        row: the layout to fill.
    """

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 12) -> None:
        super().__init__(parent)
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(spacing)
        self.row.setAlignment(Qt.AlignmentFlag.AlignLeft)  # each control at its own width
        # The row's minimum width is its narrowest arrangement's: the column.
        self.row.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.reflow)

    def _shown(self) -> list[QWidget]:
        items = (self.row.itemAt(i) for i in range(self.row.count()))
        widgets = (item.widget() for item in items if item is not None)
        return [w for w in widgets if w is not None and not w.isHidden()]

    def _fits(self, width: int) -> bool:
        shown = self._shown()
        need = sum(w.sizeHint().width() for w in shown) + self.row.spacing() * max(0, len(shown) - 1)
        return need <= width

    def reflow(self) -> None:
        """Side by side or one under the other, for the current width."""
        wide = self._fits(self.width())
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.row.direction() != direction:
            self.row.setDirection(direction)
            self.updateGeometry()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        shown = self._shown()
        width = max((w.minimumSizeHint().width() for w in shown), default=0)
        return QSize(width, self.row.minimumSize().height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self.row.sizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.reflow()

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._timer.start()  # a control was shown, hidden or resized: decide again
        return super().event(event)
