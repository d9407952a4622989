"""« Notes par tutoriel »: the animator's notes (``animateur.md``) in the animator space, never
on a merchant's screen."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QTextEdit

from lbpmv_desktop.core.tutorials.catalogue import Catalogue
from lbpmv_desktop.ui import checks
from tests.gui.test_merchant_flow import _complete_welcome

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

NOTES = (
    "## À vérifier pendant la visite\n\n"
    "- Le commerçant retrouve seul « Chaussons bébé 24,90 € » dans ses photos.\n\n"
    "## Là où ça bloque souvent\n\n"
    "Le câble qui ne fait que charger : essayez-en un autre.\n"
)
SECRET = "câble qui ne fait que charger"


def _with_notes(qtbot: QtBot, start_app):
    """A merchant's app whose first tutorial has notes for the animator (the second has none)."""
    controller = start_app()
    window, session = controller.window, controller.session
    _complete_welcome(qtbot, window)
    tutorials = list(session.catalogue.path())
    tutorials[0] = replace(tutorials[0], helper_notes=NOTES)
    tutorials[1] = replace(tutorials[1], helper_notes=None)
    session.catalogue = Catalogue(tutorials, session.catalogue.glossary)
    return window, tutorials


def _open_visit(qtbot: QtBot, window) -> object:
    window._on_nav("visit")
    pin = window.pin_page
    qtbot.waitUntil(lambda: pin.mode == "create", timeout=10_000)
    qtbot.keyClicks(pin.pin_edit, "1357")
    qtbot.keyClicks(pin.confirm_edit, "1357")
    qtbot.mouseClick(pin.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() == "visit", timeout=10_000)
    return window.visit_page.tutorial_notes


def _shown_texts(window) -> str:
    """Every text a merchant can see or hear in the window now."""
    texts = []
    for widget in checks.visible_widgets(window):
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QTextEdit):
            texts.append(widget.toPlainText())
        texts += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
    return "\n".join(texts)


def test_the_animator_picks_a_tutorial_and_reads_its_notes(qtbot: QtBot, start_app, dialogs) -> None:
    window, tutorials = _with_notes(qtbot, start_app)
    panel = _open_visit(qtbot, window)
    assert panel.tutorials.count() == len(tutorials)
    assert panel.choose(tutorials[0].id)
    assert panel.title_label.text() == tutorials[0].title
    assert panel.view.isVisible()
    text = panel.view.toPlainText()
    assert "À vérifier pendant la visite" in text
    assert "Chaussons bébé 24,90 €" in text
    assert SECRET in text
    assert not panel.empty_label.isVisible()


def test_the_arrows_go_from_one_tutorial_to_the_next(qtbot: QtBot, start_app, dialogs) -> None:
    window, tutorials = _with_notes(qtbot, start_app)
    panel = _open_visit(qtbot, window)
    panel.choose(tutorials[0].id)
    panel.tutorials.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(panel.tutorials.hasFocus)

    qtbot.keyClick(panel.tutorials, Qt.Key.Key_Down)

    assert panel.tutorials.currentData() == tutorials[1].id
    assert panel.title_label.text() == tutorials[1].title
    assert not panel.view.isVisible()
    assert panel.empty_label.isVisible()
    assert panel.empty_label.text() == "Ce tutoriel n'a pas encore de notes pour l'animateur."
    qtbot.keyClick(panel.tutorials, Qt.Key.Key_Up)
    assert SECRET in panel.view.toPlainText()


def test_the_panel_is_named_and_fits_at_200_percent(qtbot: QtBot, start_app, dialogs) -> None:
    window, tutorials = _with_notes(qtbot, start_app)
    session = window.session
    session.update_settings(replace(session.settings, text_scale=200))
    panel = _open_visit(qtbot, window)
    panel.choose(tutorials[0].id)
    window.resize(1024, 696)
    window.visit_page.ensureWidgetVisible(panel.view)
    qtbot.waitUntil(lambda: panel.view.height() >= panel.view.heightForWidth(panel.view.width()) - 1)
    assert panel.tutorials.accessibleName() == "Tutoriel"
    assert panel.view.accessibleName() == "Notes pour l'animateur"
    assert checks.layout_problems(panel) + checks.accessibility_problems(panel) == []


def test_the_merchants_player_never_shows_the_notes(qtbot: QtBot, start_app, dialogs) -> None:
    window, tutorials = _with_notes(qtbot, start_app)
    tutorial = tutorials[0]
    assert SECRET in (tutorial.helper_notes or "")
    assert SECRET not in _shown_texts(window)  # the path
    window.open_tutorial(tutorial.id, tutorial.steps[0].id)
    qtbot.waitUntil(lambda: window.current_page() == "tutorial")
    page = window.tutorial
    for index in range(len(tutorial.steps)):
        page.show_step(index)
        assert SECRET not in _shown_texts(window), tutorial.steps[index].id
        assert SECRET not in page.spoken_step()
    for term_id in window.session.catalogue.glossary:
        page.show_definition(term_id)
        assert SECRET not in _shown_texts(window)
    page.show_celebration(tutorial)
    assert SECRET not in _shown_texts(window)


def test_an_animators_own_dashboard_has_the_notes_to_prepare_a_visit(
    qtbot: QtBot, start_app, dialogs
) -> None:
    controller = start_app()
    window, session = controller.window, controller.session
    tutorials = list(session.catalogue.path())
    tutorials[0] = replace(tutorials[0], helper_notes=NOTES)
    session.catalogue = Catalogue(tutorials, session.catalogue.glossary)
    qtbot.mouseClick(window.welcome.animator_button, Qt.MouseButton.LeftButton)
    pin = window.pages["pin"]
    qtbot.waitUntil(lambda: pin.mode == "create", timeout=10_000)
    qtbot.keyClicks(pin.pin_edit, "4821")
    qtbot.keyClicks(pin.confirm_edit, "4821")
    qtbot.mouseClick(pin.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() == "dashboard", timeout=10_000)
    panel = window.dashboard.tutorial_notes
    assert panel.choose(tutorials[0].id)
    assert SECRET in panel.view.toPlainText()
