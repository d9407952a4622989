"""Sharing progress and the animator space, through the real widgets."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from lbpmv_desktop.core.progress.bundle import read_bundle
from lbpmv_desktop.paths import DataPaths
from tests.gui.test_merchant_flow import _complete_welcome
from tests.helpers.app_fixtures import close_app, wait_idle

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot


@pytest.fixture
def merchant(qtbot: QtBot, start_app, dialogs, monkeypatch):
    from lbpmv_desktop.ui.progress import sharing_actions

    previews: list[list[str]] = []
    monkeypatch.setattr(
        sharing_actions.SharePreviewDialog,
        "ask",
        classmethod(
            lambda cls, parent, preview, confirm, **_kw: (
                previews.append(list(preview.lines(preview.include_notes))) or preview.include_notes
            )
        ),
    )
    app = start_app()
    _complete_welcome(qtbot, app.window)
    qtbot.waitUntil(lambda: app.window.current_page() == "home")
    qtbot.waitUntil(lambda: bool(app.session.sharing.code), timeout=10_000)
    app.previews = previews
    return app


def _do_a_step(qtbot: QtBot, app) -> None:
    qtbot.mouseClick(app.window.home.continue_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(app.window.tutorial.done_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, app.window)


def test_send_my_progress_shows_the_summary_first_then_writes_a_signed_file(
    qtbot: QtBot, merchant, dialogs, tmp_path: Path
) -> None:
    _do_a_step(qtbot, merchant)
    window = merchant.window
    window.show_page("settings")
    assert window.settings.code_label.text() == merchant.session.sharing.code
    target = tmp_path / "mes-progres"
    dialogs.save_path = str(target)
    with qtbot.waitSignal(merchant.session.sharing.shared, timeout=10_000):
        qtbot.mouseClick(window.settings.send_button, Qt.MouseButton.LeftButton)
    assert any("1 étape faite" in line for line in merchant.previews[0])
    bundle = read_bundle(target.with_suffix(".lbpmv").read_bytes())
    assert bundle.shop_name == "Les Petits Pas"
    assert any(e.kind == "step-done" for e in bundle.events)
    window.show_page("home")
    assert window.home.share_label.isVisible()


def test_sharing_folder_is_written_after_each_change_and_can_be_stopped(
    qtbot: QtBot, merchant, tmp_path: Path, monkeypatch
) -> None:
    from lbpmv_desktop.ui import sharing as sharing_module
    from lbpmv_desktop.ui.studio import dialogs as file_dialogs

    monkeypatch.setattr(sharing_module, "AUTO_SHARE_DELAY_MS", 50)
    merchant.session.sharing._timer.setInterval(50)
    folder = tmp_path / "Clé USB"
    folder.mkdir()
    monkeypatch.setattr(file_dialogs, "ask_folder", lambda *_a: folder)
    window = merchant.window
    window.show_page("settings")
    qtbot.mouseClick(window.settings.folder_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(list(folder.glob("*.lbpmv"))) == 1, timeout=10_000)
    [written] = folder.glob("*.lbpmv")
    before = read_bundle(written.read_bytes())
    _do_a_step(qtbot, merchant)
    qtbot.waitUntil(
        lambda: len(read_bundle(written.read_bytes()).events) > len(before.events), timeout=10_000
    )
    window.show_page("settings")
    qtbot.mouseClick(window.settings.stop_button, Qt.MouseButton.LeftButton)
    assert not merchant.session.settings.sharing_enabled
    qtbot.waitUntil(lambda: read_bundle(written.read_bytes()).sharing == "stopped", timeout=10_000)
    _do_a_step(qtbot, merchant)
    wait_idle(qtbot, window)
    assert read_bundle(written.read_bytes()).events == [], "nothing is shared once stopped"


def _animator(qtbot: QtBot, start_app, data: DataPaths):
    app = start_app(data)
    window = app.window
    qtbot.mouseClick(window.welcome.animator_button, Qt.MouseButton.LeftButton)
    assert window.current_page() == "pin"
    pin = window.pages["pin"]
    qtbot.keyClicks(pin.pin_edit, "4821")
    qtbot.keyClicks(pin.confirm_edit, "4821")
    qtbot.mouseClick(pin.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() == "dashboard", timeout=10_000)
    return app


def test_animator_imports_a_dropped_file_after_confirming_the_code_and_answers_help(
    qtbot: QtBot, merchant, start_app, dialogs, tmp_path: Path, monkeypatch
) -> None:
    from lbpmv_desktop.ui.animator import dashboard_page
    from lbpmv_desktop.ui.studio import dialogs as file_dialogs

    _do_a_step(qtbot, merchant)
    merchant.session.ask_help("photos-produits", "la-bonne-lumiere", "Je ne vois rien")
    wait_idle(qtbot, merchant.window)
    code = merchant.session.sharing.code
    exported = tmp_path / "progres.lbpmv"
    merchant.session.sharing.send_to(exported)
    qtbot.waitUntil(exported.exists, timeout=10_000)
    close_app(merchant)

    watched = tmp_path / "partage"
    watched.mkdir()
    animator = _animator(qtbot, start_app, DataPaths(tmp_path / "animator").ensure())
    page = animator.window.pages["dashboard"]
    typed: list[str] = []
    monkeypatch.setattr(
        dashboard_page.ConfirmCodeDialog,
        "ask",
        classmethod(lambda cls, parent, name: typed.append(name) or code.lower()),
    )
    monkeypatch.setattr(file_dialogs, "ask_folder", lambda *_a: watched)
    qtbot.mouseClick(page.folder_button, Qt.MouseButton.LeftButton)
    shutil.copy(exported, watched / exported.name)  # the watcher notices the new file by itself
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=15_000)
    assert typed == ["Les Petits Pas"]
    row = page.model.row_data(0)
    assert row["summary"]["help_open"] == 1
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.timeline_model.rowCount() > 0, timeout=10_000)
    assert any(
        " · Demande d'aide" in line for line in page.timeline_model.stringList()
    )  # in words, in French
    monkeypatch.setattr(
        dashboard_page.AnswerDialog, "ask", classmethod(lambda cls, parent, comment: "Je passe mardi.")
    )
    page._on_answer(row["summary"]["help"][0])
    qtbot.waitUntil(lambda: page.model.row_data(0)["summary"]["help_open"] == 0, timeout=10_000)
    page.search.setText("zzz")
    assert page.proxy.rowCount() == 0
    page.search.setText("petits")
    assert page.proxy.rowCount() == 1


def test_pin_lock_out_after_repeated_failures(qtbot: QtBot, start_app, dialogs, tmp_path: Path) -> None:
    data = DataPaths(tmp_path / "animator").ensure()
    app = _animator(qtbot, start_app, data)
    close_app(app)
    again = start_app(data)
    window = again.window
    qtbot.waitUntil(lambda: window.current_page() == "pin", timeout=10_000)
    pin = window.pages["pin"]
    for _ in range(5):
        qtbot.keyClicks(pin.pin_edit, "0000")
        qtbot.mouseClick(pin.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: pin.ok_button.isEnabled(), timeout=10_000)
    assert "Trop" in pin.message.text() or "Too many" in pin.message.text()
    qtbot.keyClicks(pin.pin_edit, "4821")
    qtbot.mouseClick(pin.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pin.ok_button.isEnabled(), timeout=10_000)
    assert window.current_page() == "pin", "even the right PIN waits for the end of the lock-out"


def test_visit_flow_up_to_the_pdf_sheet(qtbot: QtBot, merchant, dialogs, tmp_path: Path) -> None:
    window = merchant.window
    window._on_nav("visit")
    pin = window.pages["pin"]
    qtbot.keyClicks(pin.pin_edit, "1357")
    qtbot.keyClicks(pin.confirm_edit, "1357")
    qtbot.mouseClick(pin.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() == "visit", timeout=10_000)
    visit = window.pages["visit"]
    for combo in visit.answers.values():
        combo.setCurrentIndex(1)
    qtbot.mouseClick(visit.profile_button, Qt.MouseButton.LeftButton)
    assert visit.profile_label.text()
    assert visit.plan_model.rowCount() > 0
    qtbot.mouseClick(visit.plan_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(visit.note_edit, "Pas d'internet au magasin")
    qtbot.mouseClick(visit.note_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    status = merchant.session.status
    assert status.plan
    assert status.path[: len(status.plan)] == status.plan
    assert status.notes[-1]["text"] == "Pas d'internet au magasin"
    assert visit.note_edit.text() == "", "the field empties once the note is stored"
    qtbot.keyClicks(visit.contact_edit, "Lea 06 00 00 00 00")
    dialogs.save_path = str(tmp_path / "fiche")
    qtbot.mouseClick(visit.sheet_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (tmp_path / "fiche.pdf").exists(), timeout=15_000)
    assert (tmp_path / "fiche.pdf").read_bytes()[:5] == b"%PDF-"
    events = merchant.session.store.events()
    kinds = {e.kind for e in events}
    assert {"visit-started", "diagnostic-done", "plan-set", "visit-note"} <= kinds


@pytest.fixture
def demo_dashboard(qtbot: QtBot, start_app, tmp_path: Path):
    """An animator's install following six demo shops, unlocked, on the dashboard."""
    from dataclasses import replace
    from datetime import UTC, datetime

    from lbpmv_desktop.core.progress.demo import fill_demo_programme
    from lbpmv_desktop.core.progress.store import ProgressStore
    from lbpmv_desktop.core.tutorials.loader import load_catalogue
    from lbpmv_desktop.core.visit.pin import PinLock
    from lbpmv_desktop.paths import tutorials_dir
    from lbpmv_desktop.settings import Settings, save_settings

    data = DataPaths(tmp_path / "animateur").ensure()
    store = ProgressStore.open(data.database)
    fill_demo_programme(store, load_catalogue(tutorials_dir(), thorough=False)[0], 6, datetime.now(UTC))
    store.close()
    save_settings(data.settings, replace(Settings(), role="animator"))
    PinLock(data.animator_pin).set_pin("2468")
    app = start_app(data)
    window = app.window
    qtbot.waitUntil(lambda: window.current_page() == "pin", timeout=10_000)
    qtbot.keyClicks(window.pin_page.pin_edit, "2468")
    qtbot.keyClick(window.pin_page.pin_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() == "dashboard", timeout=10_000)
    page = window.dashboard
    qtbot.waitUntil(lambda: page.model.rowCount() == 6, timeout=10_000)
    window.activateWindow()
    return app


def _select_a_shop_waiting_for_help(qtbot: QtBot, page) -> None:
    from lbpmv_desktop.ui.animator.models import HELP_COLUMN, SORT_ROLE

    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, HELP_COLUMN).data(SORT_ROLE))
    page.table.setFocus()
    page.table.selectRow(row)
    qtbot.waitUntil(lambda: page.timeline_model.rowCount() > 0, timeout=10_000)


def test_tab_leaves_the_dashboard_table_and_reaches_answer(qtbot: QtBot, demo_dashboard, monkeypatch) -> None:
    from lbpmv_desktop.ui.animator import dashboard_page

    page = demo_dashboard.window.dashboard
    _select_a_shop_waiting_for_help(qtbot, page)
    assert page.table.hasFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    assert not page.table.hasFocus(), "Tab does not stay in the table"
    reached = []
    for _ in range(6):
        widget = QApplication.focusWidget()
        reached.append(widget)
        if (
            isinstance(widget, QPushButton)
            and widget.parentWidget() is not None
            and widget.text() == page.tr("Answer…")
        ):
            break
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    answer = QApplication.focusWidget()
    assert isinstance(answer, QPushButton)
    assert answer.text() == page.tr("Answer…")
    assert answer.accessibleName().startswith(answer.text())
    asked: list[str] = []
    monkeypatch.setattr(
        dashboard_page.AnswerDialog,
        "ask",
        classmethod(lambda cls, parent, comment: asked.append(comment) or None),
    )
    qtbot.keyClick(answer, Qt.Key.Key_Space)
    assert len(asked) == 1, "the keyboard opens the answer dialog"


def test_the_dashboard_puts_the_details_under_the_table_when_narrow(qtbot: QtBot, demo_dashboard) -> None:
    from dataclasses import replace

    from PySide6.QtWidgets import QBoxLayout

    app = demo_dashboard
    page = app.window.dashboard
    app.window.resize(1920, 1000)
    qtbot.waitUntil(lambda: page.content.direction() == QBoxLayout.Direction.LeftToRight, timeout=5000)
    app.session.update_settings(replace(app.session.settings, text_scale=200))
    app.window.resize(1024, 696)
    qtbot.waitUntil(lambda: page.content.direction() == QBoxLayout.Direction.TopToBottom, timeout=5000)
    for button in (page.import_button, page.folder_button, page.csv_button, page.pdf_button):
        qtbot.waitUntil(lambda b=button: b.width() >= b.minimumSizeHint().width(), timeout=5000)
        assert button.sizeHint().width() <= button.width() + 1, button.full_text()
    assert page.table.tabKeyNavigation() is False


def test_opening_the_pin_page_puts_the_focus_in_the_pin_field(qtbot: QtBot, merchant) -> None:
    window = merchant.window
    window.activateWindow()
    window._on_nav("visit")
    pin = window.pin_page
    qtbot.waitUntil(pin.pin_edit.hasFocus, timeout=5000)
    # The second field has a label of its own, shown above it (not only a placeholder).
    assert pin.confirm_label.isVisible()
    assert pin.confirm_label.buddy() is pin.confirm_edit
    assert pin.confirm_label.text() == pin.confirm_edit.accessibleName()


def test_pin_errors_are_announced_and_go_once_fixed(qtbot: QtBot, merchant) -> None:
    from lbpmv_desktop.ui.accessibility import announcer

    window = merchant.window
    window._on_nav("visit")
    pin = window.pin_page
    qtbot.waitUntil(lambda: pin.mode == "create", timeout=10_000)  # the worker has read the PIN
    heard: list[str] = []
    announcer().announced.connect(heard.append)
    try:
        qtbot.keyClicks(pin.pin_edit, "1357")
        qtbot.keyClicks(pin.confirm_edit, "1358")
        qtbot.mouseClick(pin.ok_button, Qt.MouseButton.LeftButton)
        assert pin.message.isVisible()
        assert heard == [pin.message.text()]
        assert pin.pin_edit.text() == pin.confirm_edit.text() == "", "both fields emptied"
        qtbot.keyClicks(pin.pin_edit, "1357")
        assert pin.message.isVisible(), "still different"
        qtbot.keyClicks(pin.confirm_edit, "1357")
        assert not pin.message.isVisible(), "the two PINs match: the error goes"
    finally:
        announcer().announced.disconnect(heard.append)


def test_visit_questions_are_named_by_their_label_and_show_every_answer(qtbot: QtBot, merchant) -> None:
    from PySide6.QtGui import QAccessible

    from lbpmv_desktop.core.visit.diagnostic import QUESTIONS

    window = merchant.window
    window._on_nav("visit")
    pin = window.pin_page
    qtbot.keyClicks(pin.pin_edit, "1357")
    qtbot.keyClicks(pin.confirm_edit, "1357")
    qtbot.keyClick(pin.confirm_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() == "visit", timeout=10_000)
    visit = window.visit_page
    for question in QUESTIONS:
        choices = visit.answers[question.id]
        interface = QAccessible.queryAccessibleInterface(choices)
        assert interface.text(QAccessible.Text.Name) == question.text
        assert choices.count() == len(question.choices) + 1
        assert choices.height() >= choices.heightForWidth(choices.width()) - 1, "no answer hidden"
    longest = visit.answers["phone"] if "phone" in visit.answers else next(iter(visit.answers.values()))
    longest.setFocus()
    qtbot.keyClick(longest, Qt.Key.Key_Down)
    assert longest.currentData() == 0, "the arrows choose an answer"


def test_after_the_pin_the_keyboard_starts_in_the_table_of_shops(qtbot: QtBot, demo_dashboard) -> None:
    page = demo_dashboard.window.dashboard
    qtbot.waitUntil(page.table.hasFocus, timeout=5000)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.table.currentIndex().isValid(), "the arrows move in the table at once"
