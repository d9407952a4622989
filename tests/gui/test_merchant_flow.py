"""The merchant's main journey, driven through the real widgets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from tests.helpers.app_fixtures import close_app, wait_idle

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from lbpmv_desktop.paths import DataPaths


def _complete_welcome(qtbot: QtBot, window: object, goal: str = "photos") -> None:
    welcome = window.welcome  # type: ignore[attr-defined]
    qtbot.mouseClick(welcome.merchant_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(welcome.shop_edit, "Les Petits Pas")
    qtbot.keyClicks(welcome.first_name_edit, "Martine")
    qtbot.keyClicks(welcome.animator_edit, "Lea")  # QTest types ASCII only
    qtbot.mouseClick(welcome.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(welcome.goal_buttons[goal], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() == "home")  # type: ignore[attr-defined]


def test_first_start_shows_welcome_then_the_suggested_path(qtbot: QtBot, start_app, dialogs) -> None:
    controller = start_app()
    window = controller.window
    assert window.current_page() == "welcome"
    assert not window.nav.isVisible()
    _complete_welcome(qtbot, window, goal="vendre")
    qtbot.waitUntil(lambda: window.current_page() == "home")
    status = controller.session.status
    assert status.profile.shop_name == "Les Petits Pas"
    assert status.profile.goal == "vendre"
    first = controller.session.catalogue.get(status.path[0])
    assert first.theme == "vendre"
    assert "Martine" in window.home.greeting.text()
    assert window.home.continue_button.isVisible()
    assert first.title in window.home.next_title.text()


def test_welcome_refuses_missing_names_with_words_not_colour(qtbot: QtBot, start_app) -> None:
    window = start_app().window
    qtbot.mouseClick(window.welcome.merchant_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.welcome.next_button, Qt.MouseButton.LeftButton)
    assert window.welcome.pages.currentIndex() == 1
    assert window.welcome.names_error.isVisible()
    assert window.welcome.names_error.text().strip()
    assert window.session.status.first_start


def test_tutorial_help_request_then_reopen_resumes_on_the_same_step(
    qtbot: QtBot, start_app, dialogs, data_dir: DataPaths
) -> None:
    controller = start_app()
    window = controller.window
    _complete_welcome(qtbot, window)
    qtbot.waitUntil(lambda: window.current_page() == "home")
    dialogs.confidence = [2]
    qtbot.mouseClick(window.home.continue_button, Qt.MouseButton.LeftButton)
    assert window.current_page() == "tutorial"
    assert not window.nav.isVisible()  # a tutorial fills the window
    assert dialogs.asked == ["confidence-start"]
    page = window.tutorial
    tutorial = page.tutorial
    assert page.index == 0
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.saving)  # the page moves on once the step is stored
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.saving)
    assert page.index == 2
    dialogs.help_comment = "Je ne trouve pas le bouton."
    qtbot.mouseClick(page.help_button, Qt.MouseButton.LeftButton)
    assert page.help_note.isVisible()
    wait_idle(qtbot, window)
    step_id = tutorial.steps[2].id
    status = controller.session.status
    assert status.tutorials[tutorial.id].done == {tutorial.steps[0].id, tutorial.steps[1].id}
    [request] = status.help_requests
    assert (request.tutorial, request.step, request.comment) == (
        tutorial.id,
        step_id,
        "Je ne trouve pas le bouton.",
    )
    assert status.tutorials[tutorial.id].confidence_start == 2

    close_app(controller)
    reopened = start_app(data_dir)
    window = reopened.window
    qtbot.waitUntil(lambda: window.current_page() == "home")
    assert (
        "Continuer" in window.home.continue_button.text() or "Continue" in window.home.continue_button.text()
    )
    qtbot.mouseClick(window.home.continue_button, Qt.MouseButton.LeftButton)
    assert window.current_page() == "tutorial"
    assert window.tutorial.tutorial.id == tutorial.id
    assert window.tutorial.step.id == step_id
    assert dialogs.asked.count("confidence-start") == 1  # not asked again on resume


def test_finishing_a_tutorial_rates_confidence_and_celebrates(qtbot: QtBot, start_app, dialogs) -> None:
    controller = start_app()
    window = controller.window
    _complete_welcome(qtbot, window)
    qtbot.waitUntil(lambda: window.current_page() == "home")
    dialogs.confidence = [2, 5]
    qtbot.mouseClick(window.home.continue_button, Qt.MouseButton.LeftButton)
    page = window.tutorial
    tutorial = page.tutorial
    for _ in tutorial.steps:
        qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not page.saving)  # the page moves on once the step is stored
    assert dialogs.asked == ["confidence-start", "confidence-end"]
    assert page.stack.currentIndex() == 1
    assert tutorial.title in page.bravo_text.text()
    wait_idle(qtbot, window)
    status = controller.session.status
    progress = status.tutorials[tutorial.id]
    assert progress.finished
    assert progress.done_count == len(tutorial.steps)
    assert (progress.confidence_start, progress.confidence_end) == (2, 5)
    assert status.resume.tutorial != tutorial.id
    qtbot.mouseClick(page.celebration_next, Qt.MouseButton.LeftButton)
    assert page.tutorial.id == status.resume.tutorial
    window.show_page("bilan")
    assert window.bilan.tutorials_number.text() == "1"
    assert window.bilan.steps_number.text() == str(len(tutorial.steps))
    assert tutorial.title in window.bilan.done_list.text()


def test_previous_and_next_move_without_marking_steps_done(qtbot: QtBot, start_app, dialogs) -> None:
    controller = start_app()
    window = controller.window
    _complete_welcome(qtbot, window)
    qtbot.waitUntil(lambda: window.current_page() == "home")
    qtbot.mouseClick(window.home.continue_button, Qt.MouseButton.LeftButton)
    page = window.tutorial
    assert not page.previous_button.isEnabled()
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.previous_button, Qt.MouseButton.LeftButton)
    assert page.index == 1
    wait_idle(qtbot, window)
    assert controller.session.status.steps_done == 0
    assert controller.session.status.resume.step == page.tutorial.steps[1].id


def test_stair_opens_its_tutorial_and_url_action_opens_the_browser(qtbot: QtBot, start_app, dialogs) -> None:
    controller = start_app()
    window = controller.window
    _complete_welcome(qtbot, window)
    qtbot.waitUntil(lambda: window.current_page() == "home")
    catalogue = controller.session.catalogue
    tutorial, index = next(
        (t, i)
        for t in catalogue.path()
        for i, s in enumerate(t.steps)
        if s.action and s.action.kind == "open-url"
    )
    qtbot.mouseClick(window.home.stair_buttons[tutorial.id], Qt.MouseButton.LeftButton)
    assert window.tutorial.tutorial.id == tutorial.id
    window.tutorial.show_step(index)
    assert window.tutorial.action_button.isEnabled()
    qtbot.mouseClick(window.tutorial.action_button, Qt.MouseButton.LeftButton)
    assert dialogs.opened_urls == [tutorial.steps[index].action.url]


def test_actions_whose_screen_does_not_exist_yet_are_disabled_with_an_explanation(
    qtbot: QtBot, start_app, dialogs, monkeypatch
) -> None:
    from lbpmv_desktop.ui.tutorial import tutorial_page

    monkeypatch.setattr(tutorial_page, "AVAILABLE_ACTIONS", frozenset({"open-url"}))
    controller = start_app()
    window = controller.window
    _complete_welcome(qtbot, window)
    qtbot.waitUntil(lambda: window.current_page() == "home")
    tutorial, index = next(
        (t, i)
        for t in controller.session.catalogue.path()
        for i, s in enumerate(t.steps)
        if s.action and s.action.kind == "open-poster"
    )
    window.open_tutorial(tutorial.id, tutorial.steps[index].id)
    assert window.tutorial.action_button.isVisible()
    assert not window.tutorial.action_button.isEnabled()
    assert window.tutorial.action_note.isVisible()
    assert window.tutorial.action_note.text()
