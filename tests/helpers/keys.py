"""Keyboard walks through real widgets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget
    from pytestqt.qtbot import QtBot


def tab_chain(qtbot: QtBot, first: QWidget, within: QWidget, limit: int = 60) -> list[QWidget]:
    """The widgets Tab reaches from ``first``, in order, until it leaves ``within`` or comes back."""
    first.setFocus()
    qtbot.waitUntil(first.hasFocus, timeout=5000)
    reached = [first]
    for _ in range(limit):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is None or not within.isAncestorOf(widget) or widget in reached:
            break
        reached.append(widget)
    return reached
