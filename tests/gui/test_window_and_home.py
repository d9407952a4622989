"""The main window on a shop's screen, its navigation by keyboard, and Accueil's focus and words."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QAccessible, QGuiApplication
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.exceptions import TimeoutError as WaitTimeout

from lbpmv_desktop.ui import accessibility
from lbpmv_desktop.ui.main_window import FRAME_ESTIMATE, GEOMETRY_FILE, MINIMUM_SIZE, fit_in
from lbpmv_desktop.ui.tutorial import dialogs as tutorial_dialogs
from lbpmv_desktop.ui.tutorial.dialogs import HelpDialog, HelpRecipient
from tests.gui.test_merchant_flow import _complete_welcome
from tests.helpers.app_fixtures import close_app, wait_idle

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from lbpmv_desktop.paths import DataPaths


def _active(qtbot: QtBot, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _available() -> QRect:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    return screen.availableGeometry()


def _remember(paths: DataPaths, geometry: QRect) -> None:
    """A geometry saved by an earlier run of the app (on another, larger screen)."""
    earlier = QWidget()
    earlier.setGeometry(geometry)
    store = QSettings(str(paths.root / GEOMETRY_FILE), QSettings.Format.IniFormat)
    store.setValue("geometry", earlier.saveGeometry())
    store.sync()
    earlier.deleteLater()


# -- size and place on the screen -------------------------------------------------------------
def test_fit_in_shrinks_and_moves_a_window_into_the_available_area() -> None:
    available = QRect(0, 0, 1024, 728)  # a 1024×768 screen less its taskbar
    frame = fit_in(QRect(-300, 500, 1180, 800), available, FRAME_ESTIMATE)
    assert available.contains(frame.adjusted(0, -32, 0, 0))
    assert (frame.width(), frame.height()) == (1024, 696)
    inside = fit_in(QRect(100, 100, 900, 600), available, FRAME_ESTIMATE)
    assert inside == QRect(100, 100, 900, 600)  # a window that fits is left where it is


@pytest.mark.parametrize(
    "remembered",
    [QRect(0, 0, 3000, 2000), QRect(5000, 4000, 900, 600), QRect(-2500, -40, 1200, 900)],
    ids=["larger-than-the-screen", "outside-the-screen", "partly-outside"],
)
def test_a_remembered_geometry_is_brought_inside_the_screen(
    qtbot: QtBot, start_app, data_dir: DataPaths, remembered: QRect
) -> None:
    _remember(data_dir, remembered)
    window = start_app().window
    available = _available()
    qtbot.waitUntil(lambda: window._placed_size is None)  # checked again once shown, with its frame
    assert available.contains(window.geometry()), (window.geometry(), available)
    assert available.contains(window.frameGeometry()), (window.frameGeometry(), available)
    # Never below the smallest supported size, unless the screen itself is smaller.
    assert window.width() >= min(MINIMUM_SIZE.width(), available.width() - 8)
    assert window.height() >= min(MINIMUM_SIZE.height(), available.height() - 40)


def test_the_window_opens_where_it_was_closed(qtbot: QtBot, start_app, data_dir: DataPaths) -> None:
    controller = start_app()
    window = controller.window
    available = _available()
    width = max(window.minimumWidth(), available.width() * 3 // 4)
    height = max(window.minimumHeight(), available.height() * 3 // 4)
    left = available.left() + (available.width() - width) // 2
    window.setGeometry(QRect(left, available.top() + (available.height() - height) // 2, width, height))
    closed = window.geometry()
    close_app(controller)
    assert (data_dir.root / GEOMETRY_FILE).is_file()  # in the data folder, not the user's settings
    reopened = start_app(data_dir).window
    qtbot.wait(1)  # the check made once the window is shown
    assert reopened.geometry() == closed


def test_the_smallest_supported_screen_holds_the_window() -> None:
    assert MINIMUM_SIZE.width() <= 1024
    assert MINIMUM_SIZE.height() <= 768 - 40 - 32  # taskbar and title bar


# -- navigation by keyboard -------------------------------------------------------------------
def test_arrows_move_the_focus_in_the_navigation_and_return_opens_the_page(qtbot: QtBot, start_app) -> None:
    window = start_app().window
    _complete_welcome(qtbot, window)
    _active(qtbot, window)
    home, studio, poster = (window.nav_buttons[name] for name in ("home", "studio", "poster"))
    home.setFocus()
    qtbot.keyClick(home, Qt.Key.Key_Down)
    assert studio.hasFocus()
    assert window.current_page() == "home"  # only the focus moved
    qtbot.keyClick(studio, Qt.Key.Key_Right)
    assert poster.hasFocus()
    qtbot.keyClick(poster, Qt.Key.Key_Up)
    assert studio.hasFocus()
    assert window.current_page() == "home"
    assert home.isChecked()
    qtbot.keyClick(studio, Qt.Key.Key_Return)
    assert window.current_page() == "studio"
    assert studio.isChecked()


def test_navigation_buttons_are_page_tabs_for_a_screen_reader(qtbot: QtBot, start_app) -> None:
    window = start_app().window
    _complete_welcome(qtbot, window)
    interface = QAccessible.queryAccessibleInterface(window.nav_buttons["home"])
    assert interface.role() == QAccessible.Role.PageTab
    assert interface.state().selected
    assert interface.text(QAccessible.Text.Name) == "Mon parcours"


# -- focus and what a screen reader hears -------------------------------------------------------
def test_after_welcome_the_focus_is_on_the_main_button(qtbot: QtBot, start_app) -> None:
    window = start_app().window
    _active(qtbot, window)
    _complete_welcome(qtbot, window)
    qtbot.waitUntil(window.home.continue_button.hasFocus)


def test_leaving_a_tutorial_puts_the_focus_on_continue(qtbot: QtBot, start_app, dialogs) -> None:
    window = start_app().window
    _complete_welcome(qtbot, window)
    _active(qtbot, window)
    qtbot.mouseClick(window.home.continue_button, Qt.MouseButton.LeftButton)
    assert window.current_page() == "tutorial"
    qtbot.mouseClick(window.tutorial.home_button, Qt.MouseButton.LeftButton)
    assert window.current_page() == "home"
    assert window.home.continue_button.hasFocus()
    assert QApplication.focusWidget() is window.home.continue_button


def test_start_is_read_as_shown(qtbot: QtBot, start_app) -> None:
    window = start_app().window
    _complete_welcome(qtbot, window)
    button = window.home.continue_button
    assert button.text() == "Commencer"
    name = QAccessible.queryAccessibleInterface(button).text(QAccessible.Text.Name)
    assert name.startswith("Commencer")
    assert "Continuer" not in name
    first = window.session.catalogue.get(window.session.status.path[0])
    assert first.title in name


def test_a_done_step_is_announced(qtbot: QtBot, start_app, dialogs) -> None:
    window = start_app().window
    _complete_welcome(qtbot, window)
    qtbot.mouseClick(window.home.continue_button, Qt.MouseButton.LeftButton)
    page = window.tutorial
    first, second = page.tutorial.steps[0], page.tutorial.steps[1]
    heard: list[str] = []
    accessibility.announcer().announced.connect(heard.append)
    try:
        qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not page.saving)  # announced once the step is stored
    finally:
        accessibility.announcer().announced.disconnect(heard.append)
    assert len(heard) == 1
    assert f"Étape faite : {first.title}." in heard[0]
    assert second.title in heard[0]


def test_a_banner_is_announced(qtbot: QtBot, start_app) -> None:
    window = start_app().window
    heard: list[str] = []
    accessibility.announcer().announced.connect(heard.append)
    try:
        window.show_message("La clé USB n'est pas branchée.")
    finally:
        accessibility.announcer().announced.disconnect(heard.append)
    assert heard == ["La clé USB n'est pas branchée."]
    assert window.banner.isVisible()


def test_welcome_error_is_announced_and_goes_once_the_names_are_typed(qtbot: QtBot, start_app) -> None:
    window = start_app().window
    welcome = window.welcome
    qtbot.mouseClick(welcome.merchant_button, Qt.MouseButton.LeftButton)
    heard: list[str] = []
    accessibility.announcer().announced.connect(heard.append)
    try:
        qtbot.mouseClick(welcome.next_button, Qt.MouseButton.LeftButton)
    finally:
        accessibility.announcer().announced.disconnect(heard.append)
    assert welcome.names_error.isVisible()
    assert heard == [welcome.names_error.text()]
    assert "boutique" in welcome.names_error.text() or "commerce" in welcome.names_error.text()
    qtbot.keyClicks(welcome.shop_edit, "Les Petits Pas")
    assert welcome.names_error.isVisible()  # the first name is still missing, and only it is said
    assert welcome.names_error.text() == "Écrivez votre prénom."
    qtbot.keyClicks(welcome.first_name_edit, "Martine")
    assert not welcome.names_error.isVisible()


# -- the help dialog says truly who sees the request, and when -----------------------------------
def test_help_text_without_sharing_says_the_next_visit(qtbot: QtBot, start_app) -> None:
    start_app()  # in French
    dialog = HelpDialog(None, "Branchez le téléphone", HelpRecipient("Léa", automatic=False))
    qtbot.addWidget(dialog)
    text = dialog.explanation.text()
    assert "Léa la verra à sa prochaine visite" in text
    assert "« Branchez le téléphone »" in text
    assert "partage automatique" not in text


def test_help_text_with_a_sharing_folder_says_it_goes_with_the_progress(qtbot: QtBot, start_app) -> None:
    start_app()
    dialog = HelpDialog(None, "Branchez le téléphone", HelpRecipient("Léa", automatic=True))
    qtbot.addWidget(dialog)
    text = dialog.explanation.text()
    assert "Léa la recevra avec vos progrès (partage automatique)" in text
    assert "prochaine visite" not in text
    unnamed = HelpDialog(None, "Branchez le téléphone", HelpRecipient("", automatic=False))
    qtbot.addWidget(unnamed)
    assert "Votre animateur la verra à sa prochaine visite" in unnamed.explanation.text()


def test_the_tutorial_tells_the_help_dialog_how_the_request_travels(
    qtbot: QtBot, start_app, dialogs, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    asked: list[HelpRecipient] = []

    def ask(_cls: object, _parent: object, _step: str, recipient: HelpRecipient) -> str:
        asked.append(recipient)
        return "Je ne trouve pas le câble."

    monkeypatch.setattr(tutorial_dialogs.HelpDialog, "ask", classmethod(ask))
    controller = start_app()
    window = controller.window
    _complete_welcome(qtbot, window)
    qtbot.mouseClick(window.home.continue_button, Qt.MouseButton.LeftButton)
    page = window.tutorial
    heard: list[str] = []
    accessibility.announcer().announced.connect(heard.append)
    try:
        qtbot.mouseClick(page.help_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.help_note.text().startswith("✓"))  # said once it is stored
    finally:
        accessibility.announcer().announced.disconnect(heard.append)
    assert asked == [HelpRecipient("Lea", automatic=False)]
    assert heard == [page.help_note.text()]
    session = controller.session
    session.update_settings(replace(session.settings, sharing_folder=str(tmp_path), sharing_enabled=True))
    wait_idle(qtbot, window)
    qtbot.mouseClick(page.help_button, Qt.MouseButton.LeftButton)
    assert asked[-1] == HelpRecipient("Lea", automatic=True)
    session.update_settings(replace(session.settings, sharing_enabled=False))  # sharing stopped
    wait_idle(qtbot, window)
    qtbot.mouseClick(page.help_button, Qt.MouseButton.LeftButton)
    assert asked[-1] == HelpRecipient("Lea", automatic=False)


def test_closing_the_banner_gives_the_focus_back_to_the_page(qtbot: QtBot, start_app) -> None:
    window = start_app().window
    _complete_welcome(qtbot, window)
    _active(qtbot, window)
    window.show_message("La clé USB n'est pas branchée.")
    window.banner_close.setFocus()
    qtbot.keyClick(window.banner_close, Qt.Key.Key_Space)
    assert not window.banner.isVisible()
    assert window.home.continue_button.hasFocus()


def test_back_on_the_goals_puts_the_focus_on_the_first_field(qtbot: QtBot, start_app) -> None:
    window = start_app().window
    _active(qtbot, window)
    welcome = window.welcome
    qtbot.mouseClick(welcome.merchant_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(welcome.shop_edit, "Les Petits Pas")
    qtbot.keyClicks(welcome.first_name_edit, "Martine")
    qtbot.keyClick(welcome.first_name_edit, Qt.Key.Key_Return)
    assert welcome.pages.currentIndex() == 2
    assert welcome.goal_buttons["photos"].hasFocus()
    back = next(b for b in welcome.pages.currentWidget().findChildren(QPushButton) if b.text() == "Retour")
    qtbot.keyClick(back, Qt.Key.Key_Space)
    assert welcome.pages.currentIndex() == 1
    assert welcome.shop_edit.hasFocus()


# -- a shop's small screen with large text --------------------------------------------------------
def _settled_problems(qtbot: QtBot, window: QWidget) -> list[str]:
    from lbpmv_desktop.ui import checks

    def problems() -> list[str]:
        return checks.layout_problems(window) + checks.accessibility_problems(window)

    with contextlib.suppress(WaitTimeout):  # layouts settle over a few events (wraps, refits)
        qtbot.waitUntil(lambda: not problems(), timeout=3000)
    return problems()


def test_welcome_home_and_a_step_fit_1024_by_768_at_200_percent(qtbot: QtBot, start_app, dialogs) -> None:
    controller = start_app()
    window, session = controller.window, controller.session
    session.update_settings(replace(session.settings, text_scale=200))
    wait_idle(qtbot, window)
    window.resize(1024, 768 - 72)  # a maximised window: the screen less the taskbar and title bar
    assert _settled_problems(qtbot, window) == []  # Bienvenue, who uses this computer
    _complete_welcome(qtbot, window)
    assert _settled_problems(qtbot, window) == []  # Accueil
    assert window.nav.width() < window.width() // 2
    qtbot.mouseClick(window.home.continue_button, Qt.MouseButton.LeftButton)
    assert _settled_problems(qtbot, window) == []  # the first step
    page = window.tutorial
    assert page.done_button.isVisible()
    done = QRect(page.done_button.mapTo(window, QPoint(0, 0)), page.done_button.size())
    assert window.rect().contains(done)  # « C'est fait ! » never scrolls away


def test_the_navigation_leaves_room_for_the_page_at_1024_by_768_at_200_percent(
    qtbot: QtBot, start_app, dialogs
) -> None:
    from lbpmv_desktop.ui import checks

    controller = start_app()
    window, session = controller.window, controller.session
    _complete_welcome(qtbot, window)
    session.update_settings(replace(session.settings, text_scale=200))
    wait_idle(qtbot, window)
    window.resize(1024, 768 - 72)  # a maximised window: the screen less the taskbar and title bar
    buttons = [button for button in window.nav_buttons.values() if button.isVisible()]
    names = [checks.describe(button) for button in buttons]  # the same wrapped or not
    assert any(name.endswith("« Espace animateur »") for name in names)

    def nav_problems() -> list[str]:
        return [problem for problem in checks.layout_problems(window) if problem.startswith(tuple(names))]

    def settled() -> bool:
        return window.nav.width() <= window.width() // 4 and not nav_problems()

    with contextlib.suppress(WaitTimeout):  # layouts settle over a few events (wraps, refits)
        qtbot.waitUntil(settled, timeout=3000)
    assert window.nav.width() <= window.width() // 4, window.nav.width()
    assert nav_problems() == []
    visit = window.nav_buttons["visit"]
    assert visit.text() == "Espace\nanimateur"  # wrapped between words, every word shown
    assert visit.font().pointSizeF() >= window.home.continue_button.font().pointSizeF()
    name = QAccessible.queryAccessibleInterface(visit).text(QAccessible.Text.Name)
    assert name == "Espace animateur"  # a page tab, read as one name however it wraps
    assert QAccessible.queryAccessibleInterface(visit).role() == QAccessible.Role.PageTab
    # Wide again: the texts go back on one line.
    window.resize(1920, 1080 - 72)
    qtbot.waitUntil(lambda: visit.text() == "Espace animateur")
