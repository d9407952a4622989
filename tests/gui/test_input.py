"""Return and Enter press the focused button like Space; the wheel only moves a focused control."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lbpmv_desktop.ui import input as app_input

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytestqt.qtbot import QtBot


@pytest.fixture(autouse=True)
def behaviour(qapp: QApplication) -> Iterator[app_input.InputBehaviour]:
    """As application() does; removed afterwards so other tests keep Qt's plain behaviour."""
    installed = app_input.install(qapp)
    assert app_input.install(qapp) is installed  # once only
    yield installed
    qapp.removeEventFilter(installed)
    installed.setParent(None)


def _focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.window().activateWindow()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def _shown(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space])
def test_return_enter_and_space_click_a_focused_button_once_outside_dialogs(
    qtbot: QtBot, key: Qt.Key
) -> None:
    window = QWidget()
    layout = QVBoxLayout(window)
    button = QPushButton("Continuer")
    other = QPushButton("Ailleurs")
    layout.addWidget(button)
    layout.addWidget(other)
    _shown(qtbot, window)
    clicks: list[str] = []
    button.clicked.connect(lambda: clicks.append("button"))
    other.clicked.connect(lambda: clicks.append("other"))
    _focus(qtbot, button)
    modifier = (
        Qt.KeyboardModifier.KeypadModifier if key == Qt.Key.Key_Enter else Qt.KeyboardModifier.NoModifier
    )
    qtbot.keyClick(button, key, modifier)
    assert clicks == ["button"]
    assert not button.isDown()


def test_return_toggles_a_focused_check_box_radio_and_tool_button_once(qtbot: QtBot) -> None:
    window = QWidget()
    layout = QVBoxLayout(window)
    check = QCheckBox("Contraste élevé")
    radio = QRadioButton("A4")
    tool = QToolButton()
    tool.setText("Outil")
    for widget in (check, radio, tool):
        layout.addWidget(widget)
    _shown(qtbot, window)
    tool_clicks: list[str] = []
    tool.clicked.connect(lambda: tool_clicks.append("tool"))
    for widget in (check, radio, tool):
        _focus(qtbot, widget)
        qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert check.isChecked()
    assert radio.isChecked()
    assert tool_clicks == ["tool"]
    _focus(qtbot, check)
    qtbot.keyClick(check, Qt.Key.Key_Return)
    assert not check.isChecked()  # toggled once per key, not twice


def test_in_a_dialog_return_presses_the_focused_button_not_the_default_one(qtbot: QtBot) -> None:
    dialog = QDialog()
    layout = QVBoxLayout(dialog)
    check = QCheckBox("Se souvenir")
    cancel = QPushButton("Annuler")
    ok = QPushButton("Valider")
    ok.setDefault(True)
    ok.clicked.connect(dialog.accept)
    for widget in (check, cancel, ok):
        layout.addWidget(widget)
    _shown(qtbot, dialog)
    clicks: list[str] = []
    cancel.clicked.connect(lambda: clicks.append("cancel"))
    ok.clicked.connect(lambda: clicks.append("ok"))

    _focus(qtbot, check)
    qtbot.keyClick(check, Qt.Key.Key_Return)
    assert check.isChecked()
    _focus(qtbot, cancel)
    qtbot.keyClick(cancel, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert clicks == ["cancel"]
    assert dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def _page_with(control: QWidget) -> tuple[QScrollArea, QPushButton]:
    """A scroll area taller than its window, ``control`` near its top, and a button elsewhere."""
    content = QWidget()
    layout = QVBoxLayout(content)
    layout.addWidget(control)
    elsewhere = QPushButton("Ailleurs")
    layout.addWidget(elsewhere)
    layout.addWidget(QLabel("Une ligne de texte\n" * 80))
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(content)
    area.resize(400, 300)
    return area, elsewhere


def _wheel_down(widget: QWidget) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre)),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def _slider() -> QSlider:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(0, 100)
    slider.setValue(50)
    return slider


def _combo() -> QComboBox:
    combo = QComboBox()
    combo.addItems(["Instagram", "Facebook", "leboncoin", "Taille d'origine"])
    combo.setCurrentIndex(1)
    return combo


def _spin() -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, 100)
    spin.setValue(50)
    return spin


@pytest.mark.parametrize("make", [_slider, _combo, _spin], ids=["slider", "combo box", "spin box"])
def test_the_wheel_scrolls_the_page_over_an_unfocused_control_and_moves_a_focused_one(
    qtbot: QtBot, make: object
) -> None:
    control = make()  # type: ignore[operator]
    area, elsewhere = _page_with(control)
    _shown(qtbot, area)
    assert control.focusPolicy() == Qt.FocusPolicy.StrongFocus  # a click or Tab, not the wheel
    value = control.currentIndex() if isinstance(control, QComboBox) else control.value()
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0
    assert bar.value() == 0

    _focus(qtbot, elsewhere)
    _wheel_down(control)
    assert (control.currentIndex() if isinstance(control, QComboBox) else control.value()) == value
    assert bar.value() > 0  # the page scrolled instead

    scrolled = bar.value()
    _focus(qtbot, control)
    _wheel_down(control)
    assert (control.currentIndex() if isinstance(control, QComboBox) else control.value()) != value
    assert bar.value() == scrolled
