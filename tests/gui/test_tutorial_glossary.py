"""Glossary words in the tutorial player: a link shows the word's definition under the step's
text (mouse or keyboard), read aloud on request, closed with « Fermer » or Escape."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QTextCursor

from lbpmv_desktop import app as app_module
from lbpmv_desktop.core.tutorials.catalogue import Catalogue
from lbpmv_desktop.core.tutorials.model import Term
from lbpmv_desktop.ui import accessibility
from lbpmv_desktop.ui.speech import Speech
from tests.gui.test_merchant_flow import _complete_welcome
from tests.gui.test_speech import RecordingEngine
from tests.helpers.app_fixtures import wait_idle

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytestqt.qtbot import QtBot

    from lbpmv_desktop.ui.tutorial.tutorial_page import TutorialPage

TEXT = (
    "Votre [mot de passe](glossaire:mot-de-passe) ouvre votre [compte](glossaire:compte).\n\n"
    "Un mot [inconnu](glossaire:pas-dans-le-glossaire) ne montre rien.\n"
)
GLOSSARY = {
    "mot-de-passe": Term(
        "mot-de-passe",
        "mot de passe",
        "Le code secret qui ouvre un compte. Il ne se donne à personne, même pas pour 24,90 €.",
    ),
    "compte": Term(
        "compte", "compte", "Votre place à vous sur un site, avec votre nom et votre mot de passe."
    ),
}


@pytest.fixture
def engines(monkeypatch: pytest.MonkeyPatch) -> list[RecordingEngine]:
    """The app started next speaks through a recording engine (no sound device needed)."""
    made: list[RecordingEngine] = []

    def factory(parent: QObject) -> RecordingEngine:
        engine = RecordingEngine(parent)
        made.append(engine)
        return engine

    monkeypatch.setattr(app_module, "Speech", lambda parent=None: Speech(parent=parent, factory=factory))
    return made


def _player(qtbot: QtBot, start_app: Callable[..., object], *, text_scale: int | None = None) -> TutorialPage:
    """The player on a shipped tutorial whose first step links two words (and an unknown one)."""
    controller = start_app()
    window = controller.window  # type: ignore[attr-defined]
    session = controller.session  # type: ignore[attr-defined]
    _complete_welcome(qtbot, window)
    tutorials = list(session.catalogue.path())
    first = tutorials[0]
    steps = (replace(first.steps[0], markdown=TEXT), *first.steps[1:])
    tutorials[0] = replace(first, steps=steps)
    session.catalogue = Catalogue(tutorials, GLOSSARY)
    if text_scale is not None:
        session.update_settings(replace(session.settings, text_scale=text_scale))
        wait_idle(qtbot, window)
    window.open_tutorial(first.id, first.steps[0].id)
    qtbot.waitUntil(lambda: window.current_page() == "tutorial")
    page: TutorialPage = window.tutorial
    qtbot.waitUntil(lambda: page.text.toPlainText().startswith("Votre mot de passe"))
    return page


def _tab_to_link(qtbot: QtBot, page: TutorialPage, links: int = 1) -> None:
    page.text.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(page.text.hasFocus)
    page.text.moveCursor(QTextCursor.MoveOperation.Start)
    for _ in range(links):
        qtbot.keyClick(page.text, Qt.Key.Key_Tab)


def test_tab_reaches_a_link_and_enter_shows_its_definition_for_eyes_and_screen_readers(
    qtbot: QtBot, start_app, dialogs, engines
) -> None:
    page = _player(qtbot, start_app)
    heard: list[str] = []
    accessibility.announcer().announced.connect(heard.append)
    try:
        _open_the_first_word_with_the_keyboard(qtbot, page)
    finally:
        accessibility.announcer().announced.disconnect(heard.append)
    assert any("Le code secret qui ouvre un compte" in said for said in heard)


def _open_the_first_word_with_the_keyboard(qtbot: QtBot, page: TutorialPage) -> None:
    _tab_to_link(qtbot, page)
    assert page.text.hasFocus()
    assert page.text.textCursor().selectedText() == "mot de passe"
    assert not page.definition_box.isVisible()

    qtbot.keyClick(page.text, Qt.Key.Key_Return)

    box = page.definition_box
    qtbot.waitUntil(box.isVisible)
    assert box.word_label.text() == "Mot de passe"
    assert box.word_label.property("role") == "subtitle"  # a heading for screen readers
    assert box.definition_label.text() == GLOSSARY["mot-de-passe"].definition
    assert box.read_button.hasFocus() or box.close_button.hasFocus()
    assert box.close_button.text() == "Fermer"


def test_escape_closes_the_definition_and_gives_the_focus_back_to_the_link(
    qtbot: QtBot, start_app, dialogs, engines
) -> None:
    page = _player(qtbot, start_app)
    _tab_to_link(qtbot, page, links=2)
    assert page.text.textCursor().selectedText() == "compte"
    qtbot.keyClick(page.text, Qt.Key.Key_Return)
    qtbot.waitUntil(page.definition_box.isVisible)
    assert page.definition_box.word_label.text() == "Compte"
    focused = page.definition_box.first_button()
    qtbot.waitUntil(focused.hasFocus)

    qtbot.keyClick(focused, Qt.Key.Key_Escape)

    assert not page.definition_box.isVisible()
    assert page.text.hasFocus()
    assert page.text.textCursor().selectedText() == "compte"
    qtbot.keyClick(page.text, Qt.Key.Key_Return)  # the same word opens again from there
    qtbot.waitUntil(page.definition_box.isVisible)


def test_a_click_on_a_word_shows_it_and_fermer_closes_it(qtbot: QtBot, start_app, dialogs, engines) -> None:
    page = _player(qtbot, start_app)
    cursor = page.text.document().find("mot de passe")
    middle = QTextCursor(page.text.document())
    middle.setPosition(cursor.selectionStart() + 3)
    point = page.text.cursorRect(middle).center()
    qtbot.mouseClick(page.text.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(page.definition_box.isVisible)
    assert page.definition_box.word_label.text() == "Mot de passe"

    qtbot.mouseClick(page.definition_box.close_button, Qt.MouseButton.LeftButton)

    assert not page.definition_box.isVisible()
    assert page.text.hasFocus()


def test_lire_a_voix_haute_says_the_word_and_its_definition(
    qtbot: QtBot, start_app, dialogs, engines
) -> None:
    page = _player(qtbot, start_app)
    session = page._session
    session.update_settings(replace(session.settings, read_aloud=True))
    page.show_definition("compte")
    button = page.definition_box.read_button
    qtbot.waitUntil(lambda: button.isVisible() and button.isEnabled(), timeout=10_000)
    assert button.text() == "Lire à voix haute"
    assert button.accessibleName() == "Lire à voix haute : la définition de « compte »"  # not the step's

    qtbot.keyClick(button, Qt.Key.Key_Space)

    qtbot.waitUntil(lambda: bool(engines and engines[-1].said), timeout=10_000)
    assert engines[-1].said[-1] == "Compte. " + GLOSSARY["compte"].definition


def test_without_a_voice_the_definition_still_opens_and_closes(
    qtbot: QtBot, start_app, dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        app_module, "Speech", lambda parent=None: Speech(parent=parent, factory=lambda _p: None)
    )
    page = _player(qtbot, start_app)
    session = page._session
    session.update_settings(replace(session.settings, read_aloud=True))
    qtbot.waitUntil(lambda: bool(page._speech.problem()), timeout=10_000)
    page.show_definition("mot-de-passe")
    box = page.definition_box
    qtbot.waitUntil(lambda: box.close_button.hasFocus() or not box.read_button.isEnabled())
    assert not box.read_button.isEnabled()
    assert box.read_button.toolTip()  # how to get a voice
    assert box.close_button.hasFocus()
    qtbot.keyClick(box.close_button, Qt.Key.Key_Space)
    assert not box.isVisible()


def test_an_unknown_word_shows_nothing_and_never_fails(qtbot: QtBot, start_app, dialogs, engines) -> None:
    page = _player(qtbot, start_app)
    _tab_to_link(qtbot, page, links=3)
    assert page.text.textCursor().selectedText() == "inconnu"

    qtbot.keyClick(page.text, Qt.Key.Key_Return)

    assert not page.definition_box.isVisible()
    assert page.text.hasFocus()
    assert page.show_definition("../../etc/passwd") is False
    assert not page.definition_box.isVisible()


def test_a_new_step_closes_the_definition(qtbot: QtBot, start_app, dialogs, engines) -> None:
    page = _player(qtbot, start_app)
    page.show_definition("compte")
    assert page.definition_box.isVisible()
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.index == 1
    assert not page.definition_box.isVisible()


def test_links_stay_underlined_at_200_percent(qtbot: QtBot, start_app, dialogs, engines) -> None:
    page = _player(qtbot, start_app, text_scale=200)
    assert page._session.settings.text_scale == 200
    anchors = []
    block = page.text.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().isAnchor():
                anchors.append((fragment.text(), fragment.charFormat().fontUnderline()))
            iterator += 1
        block = block.next()
    assert anchors == [("mot de passe", True), ("compte", True), ("inconnu", True)]
    # The definition opens at that size; another text size (A−) keeps the definition and the links.
    page.show_definition("compte")
    qtbot.waitUntil(page.definition_box.isVisible)
    qtbot.mouseClick(page.smaller_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page._session.settings.text_scale < 200)
    assert page.text.document().find("compte").charFormat().fontUnderline()
    assert page.definition_box.isVisible()


def test_tab_goes_through_the_words_then_leaves_the_text(qtbot: QtBot, start_app, dialogs, engines) -> None:
    page = _player(qtbot, start_app)
    _tab_to_link(qtbot, page, links=3)
    assert page.text.textCursor().selectedText() == "inconnu"  # the last link
    qtbot.keyClick(page.text, Qt.Key.Key_Tab)
    assert not page.text.hasFocus()  # never a trap: after the last word, Tab goes on
    focused = page.window().focusWidget()
    assert focused is not None
    assert page.step_scroll.isAncestorOf(focused) or focused in (page.done_button, page.next_button)
