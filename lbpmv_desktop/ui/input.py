"""Keyboard and mouse-wheel behaviour shared by every screen, installed once on the application.

- Return and Enter press a focused button (push, tool, check box, radio button) exactly as Space
  does: pressed on key down, clicked on key up, once. In a dialog the focused button is the one
  pressed, never the dialog's default button instead.
- A slider, combo box or spin box only follows the mouse wheel when it has the keyboard focus
  (a click or Tab gives it). Otherwise the wheel scrolls the page around it, so scrolling the
  studio's settings panel no longer changes whichever slider passes under the pointer.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QSlider,
    QWidget,
)

_ACTIVATE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
_WHEEL_WIDGETS = (QSlider, QComboBox, QAbstractSpinBox)


class InputBehaviour(QObject):
    """The application-wide event filter (see the module's docstring)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if isinstance(event, QKeyEvent) and isinstance(watched, QAbstractButton):
            if kind == QEvent.Type.ShortcutOverride:
                if _is_activation(event):
                    event.accept()  # the button takes Return first, as it takes Space
                    return True
                return False
            if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                return self._activate(watched, event)
        if isinstance(event, QWheelEvent) and isinstance(watched, _WHEEL_WIDGETS):
            return self._wheel(watched, event)
        if kind == QEvent.Type.Polish and isinstance(watched, _WHEEL_WIDGETS):
            _strong_focus(watched)
        return False

    @staticmethod
    def _activate(button: QAbstractButton, event: QKeyEvent) -> bool:
        """Replay Return/Enter to the button as Space, so it is pressed and clicked like Space."""
        if not _is_activation(event):
            return False
        space = QKeyEvent(
            event.type(),
            Qt.Key.Key_Space,
            Qt.KeyboardModifier.NoModifier,
            " ",
            event.isAutoRepeat(),
            event.count(),
        )
        QApplication.sendEvent(button, space)
        event.accept()  # handled here: neither the parent nor the dialog sees it
        return True

    @staticmethod
    def _wheel(widget: QWidget, event: QWheelEvent) -> bool:
        """Let a focused control have the wheel; otherwise scroll the area it is in."""
        if widget.hasFocus():
            return False
        area = _scroll_area_around(widget)
        if area is not None:
            viewport = area.viewport()
            position = widget.mapTo(viewport, event.position().toPoint()).toPointF()
            forwarded = QWheelEvent(
                position,
                event.globalPosition(),
                event.pixelDelta(),
                event.angleDelta(),
                event.buttons(),
                event.modifiers(),
                event.phase(),
                event.inverted(),
                event.source(),
            )
            QApplication.sendEvent(viewport, forwarded)
        event.accept()
        return True


def _is_activation(event: QKeyEvent) -> bool:
    return event.key() in _ACTIVATE_KEYS and event.modifiers() in _PLAIN


def _strong_focus(widget: QWidget) -> None:
    """A click or Tab focuses the control; the wheel alone does not."""
    if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    """The nearest scroll area whose contents hold ``widget``."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return parent
        parent = parent.parentWidget()
    return None


def install(app: QApplication) -> InputBehaviour:
    """Install the behaviour on ``app`` (once; a second call returns the same filter)."""
    existing = app.findChild(InputBehaviour, "lbpmv-input")
    if isinstance(existing, InputBehaviour):
        return existing
    behaviour = InputBehaviour(app)
    behaviour.setObjectName("lbpmv-input")
    app.installEventFilter(behaviour)
    return behaviour
