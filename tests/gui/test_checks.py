"""The screen checks find what they claim to find, and stay quiet on a sound screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lbpmv_desktop.ui import accessibility, checks
from lbpmv_desktop.ui.widgets.common import make_button, make_label

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


@pytest.fixture(autouse=True)
def _screen_reader_interfaces() -> None:
    accessibility.install()  # as application() does


def _window(qtbot: QtBot, *widgets: QWidget, width: int = 400, height: int = 300) -> QWidget:
    window = QWidget()
    layout = QVBoxLayout(window)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_sound_screen_has_no_problem(qtbot: QtBot) -> None:
    window = _window(
        qtbot,
        make_label("Mon parcours", "title"),
        make_label("Chaussons bébé 24,90 € — un texte qui passe à la ligne quand il le faut."),
        make_button("Continuer"),
    )
    assert checks.layout_problems(window) == []
    assert checks.accessibility_problems(window) == []


def test_a_cut_label_and_a_cut_button_are_found(qtbot: QtBot) -> None:
    label = make_label("Chaussons bébé 24,90 € en très grande taille", wrap=False)
    label.setFixedWidth(60)
    button = QPushButton("Exporter des fichiers de bilan (CSV)…")
    button.setFixedWidth(50)
    window = _window(qtbot, label, button)
    problems = checks.layout_problems(window)
    assert any("Chaussons" in p and "coupé" in p for p in problems), problems
    assert any("Exporter" in p and "coupé" in p for p in problems), problems


def test_a_wrapped_label_too_short_is_found(qtbot: QtBot) -> None:
    label = make_label("Un long texte " * 20)
    label.setFixedHeight(20)
    window = _window(qtbot, label)
    assert any("coupé en bas" in p for p in checks.layout_problems(window))


def test_overlapping_siblings_and_a_widget_outside_the_window_are_found(qtbot: QtBot) -> None:
    window = QWidget()
    grid = QGridLayout(window)
    grid.addWidget(make_button("Annuler"), 0, 0)
    grid.addWidget(make_button("Rétablir"), 0, 0)  # the same cell: one on top of the other
    qtbot.addWidget(window)
    window.resize(300, 80)
    window.show()
    qtbot.waitExposed(window)
    assert any("chevauche" in p for p in checks.layout_problems(window))
    window2 = _window(qtbot, width=300)
    wide = QPushButton("Continuer", window2)
    wide.setGeometry(220, 10, 200, 40)  # as a window too small for its page leaves it
    wide.show()
    assert any("Continuer" in p and "dépasse de la fenêtre" in p for p in checks.layout_problems(window2))


def test_names_a_screen_reader_gets_wrong_are_found(qtbot: QtBot) -> None:
    accessibility.install()
    stale = make_button("Commencer")
    stale.setAccessibleName("Continuer")
    combo = QComboBox()
    combo.addItems(["Français", "English"])
    hidden = QLabel("K7Q2-9XTA")
    hidden.setAccessibleName("Code de vérification")
    english = make_button("Cancel")
    window = _window(qtbot, stale, combo, hidden, english)
    problems = checks.accessibility_problems(window)
    assert any("Commencer" in p and "ne contient pas" in p for p in problems), problems
    assert any("liste nommée seulement par sa valeur" in p for p in problems), problems
    assert not any("Français" in p and "anglais" in p for p in problems), problems
    assert any("K7Q2" in p and "au lieu du texte" in p for p in problems), problems
    assert any("nom en anglais" in p for p in problems), problems
    language = QLabel("Langue de l'application")
    language.setBuddy(combo)
    window.layout().insertWidget(0, language)
    hidden.setAccessibleName("")
    stale.setAccessibleName("")
    english.setText("Annuler")
    assert checks.accessibility_problems(window) == []


def test_titles_are_headings_and_navigation_buttons_page_tabs(qtbot: QtBot) -> None:
    accessibility.install()
    title = make_label("Mon bilan", "title")
    nav = make_button("Réglages", "nav")
    nav.setCheckable(True)
    nav.setChecked(True)
    window = _window(qtbot, title, nav)
    assert window.isVisible()
    assert QAccessible.queryAccessibleInterface(title).role() == QAccessible.Role.Heading
    tab = QAccessible.queryAccessibleInterface(nav)
    assert tab.role() == QAccessible.Role.PageTab
    assert tab.state().selected
    assert tab.text(QAccessible.Text.Name) == "Réglages"


def test_a_tab_trap_and_an_unreachable_control_are_found(qtbot: QtBot) -> None:
    trap = QPlainTextEdit()
    trap.setAccessibleName("Votre message")
    after = make_button("Envoyer")
    window = _window(qtbot, make_button("Avant"), trap, after)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    problems = checks.tab_problems(window)
    assert any("piège" in p for p in problems), problems
    trap.setTabChangesFocus(True)
    assert checks.tab_problems(window) == []


def test_tab_walking_a_texts_links_is_no_trap_but_a_text_that_keeps_tab_is(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QTextBrowser

    text = QTextBrowser()
    text.setAccessibleName("Texte de l'étape")
    text.setMarkdown("Un [mot de passe](glossaire:mot-de-passe) et un [lien](glossaire:lien), bébé 24,90 €.")
    window = _window(qtbot, make_button("Avant"), text, make_button("Après"))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert checks.tab_problems(window) == []  # Tab goes link to link, then on to « Après »
    text.setTabChangesFocus(False)
    text.setReadOnly(False)  # an editable text takes Tab as a character: a real trap
    problems = checks.tab_problems(window)
    assert any("piège" in p for p in problems), problems


def test_a_control_without_a_focus_indicator_is_found(qtbot: QtBot) -> None:
    plain = make_button("Sans cadre")
    plain.setStyleSheet("QPushButton, QPushButton:focus { border: none; outline: none; background: white; }")
    window = _window(qtbot, plain)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert any("Sans cadre" in p for p in checks.focus_problems(window))
    plain.setStyleSheet("QPushButton:focus { border: 3px solid black; }")
    assert checks.focus_problems(window) == []


def test_announcements_are_heard(qtbot: QtBot) -> None:
    label = make_label("")
    window = _window(qtbot, label)
    with qtbot.waitSignal(accessibility.announcer().announced) as heard:
        accessibility.announce(label, "Étape faite, bravo !")
    assert window.isVisible()
    assert heard.args == ["Étape faite, bravo !"]


def test_describe_names_a_widget_by_what_it_shows(qtbot: QtBot) -> None:
    button = make_button("Chaussons bébé 24,90 €")
    qtbot.addWidget(button)
    assert checks.describe(button) == "QPushButton « Chaussons bébé 24,90 € »"


def test_tab_against_the_reading_order_is_found(qtbot: QtBot) -> None:
    first, second, third = make_button("Précédent"), make_button("C'est fait !"), make_button("Suivant")
    row = QWidget()
    line = QHBoxLayout(row)
    for button in (first, second, third):
        line.addWidget(button)
    window = _window(qtbot, row)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert checks.tab_problems(window) == []
    QWidget.setTabOrder(first, third)  # « Suivant », then back left to « C'est fait ! »
    QWidget.setTabOrder(third, second)
    problems = checks.tab_problems(window)
    assert any("hors de l'ordre de lecture" in p for p in problems), problems


def test_a_cut_column_title_is_found(qtbot: QtBot) -> None:
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QTableView

    model = QStandardItemModel(2, 3)
    model.setHorizontalHeaderLabels(["Commerce", "Aide en attente", "Étape"])
    table = QTableView()
    table.setModel(model)
    table.horizontalHeader().setStretchLastSection(False)
    table.horizontalHeader().setMinimumSectionSize(10)
    table.setAccessibleName("Commerces suivis")
    window = _window(qtbot, table, width=600)
    table.horizontalHeader().resizeSection(1, 40)
    assert any("Aide en attente" in p for p in checks.layout_problems(window))
    table.horizontalHeader().resizeSection(1, 300)
    assert not any("Aide en attente" in p for p in checks.layout_problems(window))


def test_fixed_buttons_under_a_scrolling_step_are_in_reading_order(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QScrollArea

    step = QWidget()
    column = QVBoxLayout(step)
    column.addSpacing(900)  # a long step: its last button lies far below the window
    help_row = QHBoxLayout()
    help_row.addStretch(1)  # on the right, as beside « Lire à voix haute »
    help_row.addWidget(make_button("J'ai besoin d'aide"))
    column.addLayout(help_row)
    scroll = QScrollArea()
    scroll.setWidget(step)
    scroll.setWidgetResizable(True)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    row = QWidget()
    line = QHBoxLayout(row)
    for text in ("◀ Précédent", "C'est fait !", "Suivant ▶"):
        line.addWidget(make_button(text))
    window = _window(qtbot, scroll, row, width=700, height=400)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert checks.tab_problems(window) == []
