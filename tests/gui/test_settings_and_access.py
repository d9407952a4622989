"""Réglages, accessibility, read-aloud and data export/erasure, through the real widgets."""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QComboBox, QLineEdit, QSlider

from lbpmv_desktop.settings import load_settings
from lbpmv_desktop.ui import theme
from tests.gui.test_merchant_flow import _complete_welcome
from tests.helpers.app_fixtures import close_app, wait_idle

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from lbpmv_desktop.paths import DataPaths


@pytest.fixture
def ready(qtbot: QtBot, start_app):
    controller = start_app()
    _complete_welcome(qtbot, controller.window)
    qtbot.waitUntil(lambda: controller.window.current_page() == "home")
    return controller


def test_text_size_applies_everywhere_and_persists(
    qtbot: QtBot, ready, data_dir: DataPaths, start_app
) -> None:
    window = ready.window
    window.show_page("settings")
    page = window.settings
    before = QApplication.font().pointSizeF()
    for _ in range(3):
        qtbot.mouseClick(page.larger_button, Qt.MouseButton.LeftButton)
    assert ready.session.settings.text_scale == 200
    assert page.scale_value.text() == "200 %"
    assert QApplication.font().pointSizeF() > before
    assert f"font-size: {theme.point_size(ready.session.settings)}pt" in QApplication.instance().styleSheet()
    qtbot.mouseClick(page.larger_button, Qt.MouseButton.LeftButton)
    assert ready.session.settings.text_scale == 200  # capped
    wait_idle(qtbot, window)
    assert load_settings(data_dir.settings).text_scale == 200
    close_app(ready)
    again = start_app(data_dir)
    assert again.session.settings.text_scale == 200
    assert QApplication.font().pointSizeF() == theme.point_size(again.session.settings)


def test_tutorial_text_size_buttons_change_the_same_setting(qtbot: QtBot, ready) -> None:
    window = ready.window
    qtbot.mouseClick(window.home.continue_button, Qt.MouseButton.LeftButton)
    scale = ready.session.settings.text_scale
    qtbot.mouseClick(window.tutorial.smaller_button, Qt.MouseButton.LeftButton)
    assert ready.session.settings.text_scale == scale - 25
    assert window.settings.scale_slider.value() == scale - 25


def test_high_contrast_theme(qtbot: QtBot, ready) -> None:
    window = ready.window
    window.show_page("settings")
    window.settings.contrast_check.click()
    assert ready.session.settings.high_contrast
    assert theme.HIGH_CONTRAST.window in QApplication.instance().styleSheet()
    assert QApplication.palette().window().color().name() == theme.HIGH_CONTRAST.window


def test_every_control_has_an_accessible_name_and_takes_keyboard_focus(qtbot: QtBot, ready) -> None:
    window = ready.window
    qtbot.mouseClick(window.home.continue_button, Qt.MouseButton.LeftButton)
    for name in ("home", "tutorial", "bilan", "settings"):
        window.show_page(name)
        page = window.pages[name]
        controls = [
            w
            for kind in (QAbstractButton, QLineEdit, QSlider, QComboBox, QCheckBox)
            for w in page.findChildren(kind)
            if w.isVisibleTo(page)
        ]
        assert controls or name == "bilan", name  # the summary has nothing to press
        for control in controls:
            label = control.accessibleName() or (control.text() if hasattr(control, "text") else "")
            assert label.strip(), f"{name}: {control!r} has no accessible name"
            assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, f"{name}: {label} is not reachable by Tab"


def test_focus_is_drawn_as_a_thick_outline_not_a_colour_change(ready) -> None:
    sheet = theme.style_sheet(ready.session.settings)
    assert "QPushButton:focus" in sheet
    assert "border: 4px solid" in sheet


def test_tab_moves_through_the_tutorial_buttons(qtbot: QtBot, ready) -> None:
    window = ready.window
    qtbot.mouseClick(window.home.continue_button, Qt.MouseButton.LeftButton)
    window.activateWindow()
    page = window.tutorial
    page.done_button.setFocus()
    seen = set()
    for _ in range(15):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.add(QApplication.focusWidget())
    assert {page.help_button, page.next_button, page.home_button} <= seen


def test_export_my_data_as_json(qtbot: QtBot, ready, dialogs, tmp_path: Path) -> None:
    window = ready.window
    window.show_page("settings")
    target = tmp_path / "export" / "mes-donnees"
    target.parent.mkdir()
    dialogs.save_path = str(target)
    with qtbot.waitSignal(ready.session.exported, timeout=5000):
        qtbot.mouseClick(window.settings.export_button, Qt.MouseButton.LeftButton)
    written = target.with_suffix(".json")
    document = json.loads(written.read_text(encoding="utf-8"))
    assert document["format"] == "lbpmv-export"
    assert any(
        e["kind"] == "profile-set" and e["data"]["shop_name"] == "Les Petits Pas" for e in document["events"]
    )
    assert document["settings"]["language"] == "fr"
    assert window.settings.data_note.isVisible()


def test_erase_asks_first_and_cancel_keeps_everything(qtbot: QtBot, ready, dialogs) -> None:
    window = ready.window
    window.show_page("settings")
    dialogs.confirm = False
    qtbot.mouseClick(window.settings.erase_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert dialogs.asked[-1] == "confirm"
    assert not ready.session.status.first_start


def test_erase_after_confirmation_starts_again_as_new(
    qtbot: QtBot, ready, dialogs, data_dir: DataPaths
) -> None:
    window = ready.window
    window.show_page("settings")
    dialogs.confirm = True
    qtbot.mouseClick(window.settings.erase_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() == "welcome", timeout=10_000)
    assert ready.session.status.first_start
    assert ready.session.status.steps_done == 0
    assert not data_dir.settings.exists()
    for copy in data_dir.backups.glob("*.sqlite"):  # a fresh backup of the empty store may exist
        with sqlite3.connect(copy) as connection:
            assert connection.execute("SELECT count(*) FROM events").fetchone() == (0,)
        connection.close()


def test_french_is_the_default_and_english_is_available(qtbot: QtBot, ready) -> None:
    window = ready.window
    assert window.nav_buttons["home"].full_text() == "Mon parcours"  # it may wrap onto two lines
    window.resize(1100, 760)
    window.show_page("settings")
    combo = window.settings.language_combo
    combo.setCurrentIndex(combo.findData("en"))
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: ready.window is not window)
    assert ready.window.nav_buttons["home"].full_text() == "My path"
    assert ready.window.current_page() == "settings"
    assert ready.window.size() == window.size()  # rebuilt at the same size
    assert ready.session.settings.language == "en"


def test_export_to_an_impossible_place_says_so_in_words(qtbot: QtBot, ready, dialogs, tmp_path: Path) -> None:
    window = ready.window
    window.show_page("settings")
    blocker = tmp_path / "un-fichier"
    blocker.write_text("pas un dossier", encoding="utf-8")
    dialogs.save_path = str(blocker / "mes-donnees.json")
    with qtbot.waitSignal(ready.session.failed, timeout=5000) as failure:
        qtbot.mouseClick(window.settings.export_button, Qt.MouseButton.LeftButton)
    assert "Documents" in failure.args[0]
    assert window.banner.isVisible()
    assert window.banner.text() == failure.args[0]
    assert blocker.read_text(encoding="utf-8") == "pas un dossier"


def _screen_reader_name(widget) -> str:
    from PySide6.QtGui import QAccessible

    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name)


def test_the_verification_code_is_read_with_its_content(qtbot: QtBot, ready) -> None:
    window = ready.window
    window.show_page("settings")
    page = window.settings
    qtbot.waitUntil(lambda: bool(ready.session.sharing.code), timeout=10_000)
    code = ready.session.sharing.code
    assert page.code_label.text() == code
    name = _screen_reader_name(page.code_label)
    assert code in name
    assert "vérification" in name.lower() or "verification" in name.lower()


def test_settings_lists_and_buttons_are_named_by_what_they_show(qtbot: QtBot, ready) -> None:
    from lbpmv_desktop.ui import checks

    window = ready.window
    window.show_page("settings")
    page = window.settings
    assert page.language_combo.accessibleName() == page.tr("Language")
    assert page.language_combo.accessibleName() != page.language_combo.currentText()
    for button, shown in ((page.smaller_button, "A−"), (page.larger_button, "A+")):
        assert button.text() == shown
        assert _screen_reader_name(button).startswith(shown)
    assert _screen_reader_name(page.contrast_check) == page.contrast_check.text()
    problems = checks.accessibility_problems(window)
    mine = [p for p in problems if "Taille" in p or "Langue" in p or "Contraste" in p or "code" in p.lower()]
    assert mine == []


def test_settings_fit_a_small_screen_with_large_text(qtbot: QtBot, ready) -> None:
    """At 200 % on 1024×768 the display, sharing, data and about cards fit the page's width:
    their rows of buttons wrap instead of pushing « A+ », « 200 % » or a button out of sight."""
    from dataclasses import replace

    from lbpmv_desktop.ui.widgets.common import Card

    window = ready.window
    window.resize(1024, 696)
    ready.session.update_settings(replace(ready.session.settings, text_scale=200))
    window.show_page("settings")
    page = window.settings
    qtbot.waitUntil(lambda: page.larger_button.font().pointSizeF() > 0)

    def card_of(widget):
        while not isinstance(widget, Card):
            widget = widget.parentWidget()
        return widget

    room = page.viewport().width() - page.body.contentsMargins().left() - page.body.contentsMargins().right()
    for widget in (page.larger_button, page.send_button, page.erase_button, page.data_folder):
        card = card_of(widget)
        assert card.minimumSizeHint().width() <= room, widget
        assert card.heightForWidth(room) >= card.minimumSizeHint().height()
    assert page.send_button.heightForWidth(200) > page.send_button.heightForWidth(2000), "the text wraps"
    assert page.data_folder.text() == str(ready.session.paths.root)
