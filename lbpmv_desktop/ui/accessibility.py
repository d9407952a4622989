"""What a screen reader is told beyond Qt's defaults: headings, page tabs and announcements.

Qt exposes every QLabel as static text and every checkable button as a check box. Our page titles
(labels with the style role ``title`` or ``subtitle``) are headings, and the main navigation
(buttons with the role ``nav``) is a row of page tabs, the current one selected. ``announce()``
tells a screen reader about something that appeared without the focus moving (an error, a banner,
« étape faite »).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QAccessibleAnnouncementEvent,
    QAccessibleInterface,
)
from PySide6.QtWidgets import QAbstractButton, QAccessibleWidget, QLabel, QWidget

HEADING_ROLES = ("title", "subtitle")


class _Heading(QAccessibleWidget):
    """A page or section title: read as a heading, with its own text as name."""

    def __init__(self, label: QLabel) -> None:
        super().__init__(label, QAccessible.Role.Heading)
        self._label = label

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self._label.accessibleName() or self._label.text()
        return super().text(kind)


class _PageTab(QAccessibleWidget):
    """A navigation button: a page tab, selected when its page is shown."""

    def __init__(self, button: QAbstractButton) -> None:
        super().__init__(button, QAccessible.Role.PageTab)
        self._button = button

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self._button.accessibleName() or self._button.text().replace("&&", "&")
        return super().text(kind)

    def state(self) -> QAccessible.State:
        state = super().state()
        state.selectable = True
        state.selected = self._button.isChecked()
        state.checkable = False
        state.checked = False
        return state

    def actionNames(self) -> list[str]:  # noqa: N802 (Qt override)
        return [QAccessibleActionInterface.pressAction(), QAccessibleActionInterface.setFocusAction()]

    def doAction(self, name: str) -> None:  # noqa: N802 (Qt override)
        if name == QAccessibleActionInterface.pressAction():
            self._button.click()
        else:
            self._button.setFocus()


def _factory(_key: str, obj: QObject) -> QAccessibleInterface | None:
    if isinstance(obj, QLabel) and obj.property("role") in HEADING_ROLES:
        return _Heading(obj)
    if isinstance(obj, QAbstractButton) and obj.property("role") == "nav":
        return _PageTab(obj)
    return None


class _Announcer(QObject):
    """Carries every announcement, so tests (and the self-test) can hear them.

    Signals:
        announced(str): a message was given to the screen reader.
    """

    announced = Signal(str)


_announcer: _Announcer | None = None
_installed = False


def announcer() -> _Announcer:
    global _announcer
    if _announcer is None:
        _announcer = _Announcer()
    return _announcer


def install() -> None:
    """Install the interfaces above (once per process)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def announce(widget: QWidget, message: str, *, urgent: bool = False) -> None:
    """Have a screen reader read ``message`` now, without moving the focus."""
    if not message.strip():
        return
    event = QAccessibleAnnouncementEvent(widget, message)
    if urgent:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)
    announcer().announced.emit(message)
