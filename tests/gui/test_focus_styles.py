"""Every kind of focusable control, in every button role and state, shows the focus ring in both
themes, with the app's real style sheet, and keeps its size when the focus comes and goes."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QTabBar,
    QTableView,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QTreeView,
    QWidget,
)

from lbpmv_desktop.settings import Settings
from lbpmv_desktop.ui import theme
from lbpmv_desktop.ui.widgets.common import set_role

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from PySide6.QtWidgets import QApplication
    from pytestqt.qtbot import QtBot

THEMES = {"normal": Settings(), "high contrast": replace(Settings(), high_contrast=True)}


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[Callable[[Settings], None]]:
    """Apply the app's real theme to the test application; put the previous one back afterwards."""
    sheet, palette, font = qapp.styleSheet(), qapp.palette(), qapp.font()
    yield lambda settings: theme.apply_theme(qapp, settings)
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)


def _button(text: str, role: str, state: str | None = None, *, checked: bool = False) -> QPushButton:
    button = QPushButton(text)
    set_role(button, role, state)
    if checked:
        button.setCheckable(True)
        button.setChecked(True)
    return button


def _model(parent: QWidget, rows: int = 3, columns: int = 2) -> QStandardItemModel:
    model = QStandardItemModel(rows, columns, parent)
    for row in range(rows):
        for column in range(columns):
            model.setItem(row, column, QStandardItem(f"Chaussons bébé {row}{column} 24,90 €"))
    return model


def _controls() -> dict[str, QWidget]:
    """One control of each focusable kind, and a push button for each role and state the app uses."""
    big = QPushButton("Continuer")
    big.setProperty("size", "big")
    tool = QToolButton()
    tool.setText("Outil")
    check = QCheckBox("Contraste élevé")
    checked = QCheckBox("Lire à voix haute")
    checked.setChecked(True)
    radio = QRadioButton("A4")
    radio.setChecked(True)
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(0, 100)
    slider.setValue(40)
    combo = QComboBox()
    combo.addItems(["Français", "English"])
    line = QLineEdit()
    line.setPlaceholderText("par exemple : 29,90 €")
    spin = QSpinBox()
    double_spin = QDoubleSpinBox()
    text = QTextEdit("Chaussons bébé 24,90 €")
    plain = QPlainTextEdit("Notes de visite")
    browser = QTextBrowser()
    browser.setMarkdown("Un [lien](https://example.org) et du texte.")
    lists = QListView()
    lists.setModel(_model(lists, 3, 1))
    table = QTableView()
    table.setModel(_model(table))
    table.setAlternatingRowColors(True)
    tree = QTreeView()
    tree.setModel(_model(tree))
    scroll = QScrollArea()
    scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    scroll.setWidget(QLabel("Un long texte à faire défiler.\n" * 12))
    tabs = QTabBar()
    tabs.addTab("Visite")
    tabs.addTab("Notes")
    for widget in (text, plain, browser, lists, table, tree, scroll):
        widget.setFixedHeight(90)
    return {
        "push": QPushButton("Annuler"),
        "primary": _button("Ouvrir une photo…", "primary"),
        "danger": _button("Tout effacer", "danger"),
        "nav": _button("Studio photo", "nav"),
        "nav checked": _button("Mon parcours", "nav", checked=True),
        "stair": _button("3. Retoucher une photo", "stair", "todo"),
        "stair next": _button("► 1. Prendre de belles photos", "stair", "next"),
        "stair done": _button("5. Se protéger des arnaques", "stair", "done"),
        "choice": _button("Click & Collect", "choice"),
        "choice checked": _button("Soldes", "choice", checked=True),
        "big": big,
        "tool": tool,
        "check box": check,
        "check box checked": checked,
        "radio": radio,
        "slider": slider,
        "combo box": combo,
        "line edit": line,
        "spin box": spin,
        "double spin box": double_spin,
        "text edit": text,
        "plain text edit": plain,
        "text browser": browser,
        "list view": lists,
        "table view": table,
        "tree view": tree,
        "scroll area": scroll,
        "tab bar": tabs,
    }


def _ring_pixels(image: QImage, colour: str, area: QRect) -> int:
    target = QColor(colour).rgb()
    return sum(
        1
        for y in range(area.top(), area.bottom() + 1)
        for x in range(area.left(), area.right() + 1)
        if image.pixel(x, y) == target
    )


@pytest.mark.parametrize("name", THEMES)
def test_every_control_shows_the_focus_ring_without_changing_size(
    qtbot: QtBot, themed: Callable[[Settings], None], name: str
) -> None:
    settings = THEMES[name]
    themed(settings)
    focus = theme.colours(settings).focus
    window = QWidget()
    qtbot.addWidget(window)
    layout = QGridLayout(window)
    elsewhere = QPushButton("Ailleurs")
    layout.addWidget(elsewhere, 0, 0, 1, 2)
    controls = _controls()
    for index, widget in enumerate(controls.values()):
        layout.addWidget(widget, 1 + index // 2, index % 2)
    window.resize(900, 1600)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()

    problems = []
    for kind, widget in controls.items():
        elsewhere.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(elsewhere.hasFocus)
        size, hint = widget.size(), widget.sizeHint()
        unfocused = widget.grab().toImage()
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(widget.hasFocus)
        focused = widget.grab().toImage()
        area = widget.tabRect(widget.currentIndex()) if isinstance(widget, QTabBar) else widget.rect()
        ring = _ring_pixels(focused, focus, area)
        if focused == unfocused:
            problems.append(f"{kind}: looks the same focused and unfocused")
        elif ring < 2 * (area.width() + area.height()):
            problems.append(f"{kind}: only {ring} pixels of the focus colour {focus} when focused")
        if ring and _ring_pixels(unfocused, focus, area) >= ring // 4:
            problems.append(f"{kind}: shows the focus colour when it has no focus")
        if widget.size() != size or widget.sizeHint() != hint:
            problems.append(
                f"{kind}: size hint {hint.toTuple()} → {widget.sizeHint().toTuple()} with the focus"
            )
    assert not problems, f"{name} theme:\n" + "\n".join(problems)
