"""Qt's own texts (standard buttons, text fields' right-click menu) follow the chosen language."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from tests.gui.test_merchant_flow import _complete_welcome

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from pytestqt.qtbot import QtBot

    from lbpmv_desktop.app import AppController


@pytest.fixture
def ready(qtbot: QtBot, start_app: Callable[..., AppController]) -> Iterator[AppController]:
    controller = start_app()
    _complete_welcome(qtbot, controller.window)
    qtbot.waitUntil(lambda: controller.window.current_page() == "home")
    yield controller
    for translator in controller._qt_translators:  # close_app only removes our own translator
        QApplication.removeTranslator(translator)


def _cancel_text(qtbot: QtBot) -> str:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    return buttons.button(QDialogButtonBox.StandardButton.Cancel).text()


def _context_menu(qtbot: QtBot) -> list[str]:
    field = QLineEdit()
    qtbot.addWidget(field)
    field.setText("Chaussons bébé 24,90 €")
    menu = field.createStandardContextMenu()
    texts = [action.text().split("\t")[0].replace("&", "") for action in menu.actions() if action.text()]
    menu.deleteLater()
    return texts


def _switch_language(qtbot: QtBot, controller: AppController, language: str) -> None:
    window = controller.window
    window.show_page("settings")
    combo = window.settings.language_combo
    combo.setCurrentIndex(combo.findData(language))
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: controller.window is not window)


def test_standard_buttons_and_text_menus_are_french_then_english(qtbot: QtBot, ready: AppController) -> None:
    assert ready.session.settings.language == "fr"
    assert _cancel_text(qtbot) == "Annuler"
    menu = _context_menu(qtbot)
    assert {"Annuler", "Couper", "Copier", "Coller", "Tout sélectionner"} <= set(menu), menu
    assert not {"Undo", "Cut", "Copy", "Paste", "Select All"} & set(menu)

    _switch_language(qtbot, ready, "en")
    assert ready.window.nav_buttons["home"].text() == "My path"
    assert _cancel_text(qtbot) == "Cancel"
    assert {"Undo", "Cut", "Copy", "Paste", "Select All"} <= set(_context_menu(qtbot))

    _switch_language(qtbot, ready, "fr")
    assert _cancel_text(qtbot) == "Annuler"
