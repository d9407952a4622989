"""A write that fails is never presented as saved; opening never leaves the app on its loading screen.

Full disks are simulated with a store whose writes raise what SQLite raises when the disk is full
(``sqlite3.OperationalError('database or disk is full')``, also wrapped as SQLAlchemy wraps it);
bad rows are written into a real database by the test.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import Qt

from lbpmv_desktop.app import AppController
from lbpmv_desktop.core.progress import backup
from lbpmv_desktop.core.progress import events as ev
from lbpmv_desktop.core.progress.store import ProgressStore
from lbpmv_desktop.ui import accessibility
from lbpmv_desktop.ui import session as session_module
from tests.helpers.app_fixtures import close_app, wait_idle
from tests.helpers.stores import merchant_store

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from lbpmv_desktop.core.progress.events import Event
    from lbpmv_desktop.paths import DataPaths

DISK_FULL = "database or disk is full"
LOSS_CLAIMS = ("perdu", "lost")


class Disk:
    """What the simulated disk does with the next writes: ``failure`` raised, or written."""

    def __init__(self) -> None:
        self.failure: BaseException | None = None
        self.refused = 0

    def fill(self) -> None:
        self.failure = sqlite3.OperationalError(DISK_FULL)

    def free(self) -> None:
        self.failure = None


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Disk:
    """The app opens a store whose writes go through ``disk`` (full or not)."""
    state = Disk()

    class StoreOnDisk(ProgressStore):
        def append(self, events: Iterable[Event], shop: str | None = None) -> int:
            if state.failure is not None:
                state.refused += 1
                raise state.failure
            return super().append(events, shop)

    monkeypatch.setattr(session_module, "open_store", StoreOnDisk.open)
    return state


@pytest.fixture
def merchant(data_dir: DataPaths) -> DataPaths:
    merchant_store(data_dir.database).close()
    return data_dir


@pytest.fixture
def heard() -> Iterator[list[str]]:
    said: list[str] = []
    accessibility.announcer().announced.connect(said.append)
    yield said
    accessibility.announcer().announced.disconnect(said.append)


def _stored(paths: DataPaths, kind: str) -> list[Event]:
    store = ProgressStore.open(paths.database)
    try:
        return [e for e in store.events() if e.kind == kind]
    finally:
        store.close()


def _open_tutorial(qtbot: QtBot, controller: AppController, step: int = 0) -> Any:
    window = controller.window
    tutorial = controller.session.catalogue.path()[0]
    window.open_tutorial(tutorial.id, tutorial.steps[step].id)
    page = window.tutorial
    assert page.index == step
    wait_idle(qtbot, window)
    return page


# -- « C'est fait ! » on a full disk -------------------------------------------------------------
def test_done_on_a_full_disk_stays_on_the_step_and_says_it_is_not_saved(
    qtbot: QtBot, start_app, merchant: DataPaths, disk: Disk, heard: list[str]
) -> None:
    controller = start_app()
    page = _open_tutorial(qtbot, controller)
    first = page.tutorial.steps[0]
    failures: list[str] = []
    controller.session.write_failed.connect(failures.append)
    disk.fill()
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.save_banner.isVisible(), timeout=10_000)
    assert page.index == 0, "the page must not move on while the step is not stored"
    text = page.save_banner_text.text()
    assert text.startswith("Votre étape")
    assert "n'a pas été enregistrée" in text
    assert first.title in text
    assert "place" in text  # what to do: free some space
    assert not any(claim in text.lower() for claim in LOSS_CLAIMS)
    assert page.retry_button.isVisible()
    assert page.retry_button.text() == "Réessayer"
    assert any("n'a pas été enregistrée" in said for said in heard)
    assert not any(claim in said.lower() for said in heard for claim in LOSS_CLAIMS)
    assert failures
    assert "plein" in failures[-1]
    assert not any(e.step == first.id for e in _stored(merchant, ev.STEP_DONE))
    assert first.id not in controller.session.status.tutorials[page.tutorial.id].done

    disk.free()
    with qtbot.waitSignal(controller.session.saved, timeout=10_000):
        qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.index == 1, timeout=10_000)
    assert not page.save_banner.isVisible()
    assert [e.step for e in _stored(merchant, ev.STEP_DONE)] == [first.id]
    assert first.id in controller.session.status.tutorials[page.tutorial.id].done


def test_the_session_retries_by_itself_until_the_write_lands(
    qtbot: QtBot, start_app, merchant: DataPaths, disk: Disk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(session_module, "RETRY_INTERVAL_MS", 20)
    controller = start_app()
    page = _open_tutorial(qtbot, controller)
    disk.fill()
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.save_banner.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: disk.refused >= 3, timeout=10_000)  # tried again, still full
    assert page.index == 0
    disk.free()  # the merchant emptied the recycle bin: nothing else to do
    qtbot.waitUntil(lambda: page.index == 1, timeout=10_000)
    assert not page.save_banner.isVisible()
    assert len(_stored(merchant, ev.STEP_DONE)) == 1


def test_the_button_says_it_is_saving_and_a_second_click_adds_nothing(
    qtbot: QtBot, start_app, merchant: DataPaths, disk: Disk
) -> None:
    controller = start_app()
    page = _open_tutorial(qtbot, controller)
    disk.fill()
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    assert page.saving
    assert page.done_button.text() == "Enregistrement…"
    assert not page.save_banner.isVisible()
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)  # impatient: no second event
    qtbot.waitUntil(lambda: page.save_banner.isVisible(), timeout=10_000)
    assert page.done_button.text().replace("\xa0", " ") == "C'est fait !"
    disk.free()
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)  # « C'est fait ! » again = retry
    qtbot.waitUntil(lambda: page.index == 1, timeout=10_000)
    wait_idle(qtbot, controller.window)
    assert len(_stored(merchant, ev.STEP_DONE)) == 1


def test_an_unsaved_last_step_never_celebrates(
    qtbot: QtBot, start_app, merchant: DataPaths, disk: Disk, dialogs
) -> None:
    controller = start_app()
    tutorial = controller.session.catalogue.path()[0]
    page = _open_tutorial(qtbot, controller, step=len(tutorial.steps) - 1)
    disk.fill()
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.save_banner.isVisible(), timeout=10_000)
    assert page.stack.currentIndex() == 0
    assert "confidence-end" not in dialogs.asked
    assert not _stored(merchant, ev.TUTORIAL_FINISHED)
    disk.free()
    qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentIndex() == 1, timeout=10_000)
    assert "confidence-end" in dialogs.asked
    assert len(_stored(merchant, ev.TUTORIAL_FINISHED)) == 1


def test_a_tutorial_whose_end_is_not_stored_does_not_celebrate(
    qtbot: QtBot, start_app, merchant: DataPaths, disk: Disk, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = start_app()
    tutorial = controller.session.catalogue.path()[0]
    page = _open_tutorial(qtbot, controller, step=len(tutorial.steps) - 1)
    session = controller.session
    real_finish = session.finish_tutorial

    def finish_on_a_full_disk(tutorial_id: str, then: Callable[[], None] | None = None) -> None:
        disk.fill()  # the step lands, the disk fills just before the end is written
        real_finish(tutorial_id, then)

    monkeypatch.setattr(session, "finish_tutorial", finish_on_a_full_disk)
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.save_banner.isVisible(), timeout=10_000)
    assert page.stack.currentIndex() == 0
    assert tutorial.title in page.save_banner_text.text()
    assert not session.status.tutorials[tutorial.id].finished
    disk.free()
    qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentIndex() == 1, timeout=10_000)
    assert session.status.tutorials[tutorial.id].finished


# -- the session: events kept in order, messages ----------------------------------------------------
def test_unsaved_events_are_kept_in_order_and_the_next_action_retries(
    qtbot: QtBot, start_app, merchant: DataPaths, disk: Disk
) -> None:
    session = start_app().session
    tutorial = session.catalogue.path()[0]
    a, b, c = (s.id for s in tutorial.steps[:3])
    landed: list[str] = []
    disk.fill()
    with qtbot.waitSignal(session.write_failed, timeout=10_000):
        session.mark_done(tutorial.id, a, then=lambda: landed.append(a))
    session.mark_done(tutorial.id, b, then=lambda: landed.append(b))
    qtbot.waitUntil(lambda: session.tasks.pending == 0, timeout=10_000)
    assert landed == []
    assert session.unsaved_count == 2
    disk.free()
    with qtbot.waitSignal(session.saved, timeout=10_000):
        session.mark_done(tutorial.id, c, then=lambda: landed.append(c))  # the next action
    assert landed == [a, b, c]
    assert session.unsaved_count == 0
    assert [e.step for e in _stored(merchant, ev.STEP_DONE)] == [a, b, c]
    assert session.status.tutorials[tutorial.id].done >= {a, b, c}


@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        (sqlite3.OperationalError(DISK_FULL), "Libérez de la place"),
        (OSError(28, "No space left on device"), "Libérez de la place"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "clé USB"),
        (sqlite3.OperationalError("unable to open database file"), "clé USB"),
        (OSError(30, "Read-only file system"), "clé USB"),
    ],
)
def test_the_message_says_what_was_not_saved_and_what_to_do(
    qtbot: QtBot, start_app, merchant: DataPaths, disk: Disk, failure: BaseException, expected: str
) -> None:
    session = start_app().session
    disk.failure = failure
    with qtbot.waitSignal(session.write_failed, timeout=10_000) as blocker:
        session.ask_help(session.catalogue.path()[0].id, "x", "Je ne trouve pas.")
    [message] = blocker.args
    assert "Pas encore enregistré" in message
    assert "demande d'aide" in message
    assert expected in message
    assert not any(claim in message.lower() for claim in LOSS_CLAIMS)


def test_sqlalchemy_wrapped_disk_full_is_recognised(
    qtbot: QtBot, start_app, merchant: DataPaths, disk: Disk
) -> None:
    from sqlalchemy.exc import OperationalError

    session = start_app().session
    disk.failure = OperationalError("INSERT INTO events …", {}, sqlite3.OperationalError(DISK_FULL))
    with qtbot.waitSignal(session.write_failed, timeout=10_000) as blocker:
        session.record_poster_made("vitrine")
    assert "Libérez de la place" in blocker.args[0]


def test_unexpected_failures_do_not_claim_nothing_is_lost(
    qtbot: QtBot, start_app, merchant: DataPaths
) -> None:
    session = start_app().session
    with qtbot.waitSignal(session.failed, timeout=10_000) as blocker:
        session.report(RuntimeError("a bug"))
    [message] = blocker.args
    assert not any(claim in message.lower() for claim in LOSS_CLAIMS)
    assert str(merchant.root / "lbpmv.log") in message


# -- opening ----------------------------------------------------------------------------------------
def _spoil(database: Path, assignment: str) -> None:
    connection = sqlite3.connect(database)
    with connection:
        connection.execute(f"UPDATE events SET {assignment} WHERE kind = 'profile-set'")  # noqa: S608
    connection.close()


@pytest.mark.parametrize("assignment", ["data = '{'", "at = 'hier soir'"])
def test_a_bad_row_at_opening_offers_the_latest_good_backup(
    qtbot: QtBot, qapp, merchant: DataPaths, dialogs, assignment: str
) -> None:
    backup.make_backup(merchant.database, merchant.backups, datetime(2026, 11, 20, 9, 0))
    _spoil(merchant.database, assignment)
    dialogs.confirm = True
    controller = AppController(qapp, merchant)
    controller.start()
    try:
        qtbot.waitUntil(lambda: controller.session.status is not None, timeout=10_000)
        assert "confirm" in dialogs.asked
        assert controller.session.status.profile.shop_name == "Les Petits Pas"
        assert controller.window.current_page() != "loading"
        assert list(merchant.quarantine.rglob("progress.sqlite")), "the damaged file is kept aside"
    finally:
        close_app(controller)


def test_a_bad_row_without_a_backup_says_so(qtbot: QtBot, qapp, merchant: DataPaths, dialogs) -> None:
    _spoil(merchant.database, "data = '{'")
    controller = AppController(qapp, merchant)
    try:
        with qtbot.waitSignal(controller.session.store_refused, timeout=10_000) as blocker:
            controller.start()
        assert blocker.args[0].kind == "damaged"
        assert dialogs.asked == ["message"]
    finally:
        close_app(controller)


def test_an_unexpected_failure_at_opening_says_what_to_do(
    qtbot: QtBot, qapp, merchant: DataPaths, dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[Path] = []

    def broken_open(path: Path) -> ProgressStore:
        attempts.append(path)
        if len(attempts) == 1:
            raise RuntimeError("something nobody expected")
        return ProgressStore.open(path)

    monkeypatch.setattr(session_module, "open_store", broken_open)
    controller = AppController(qapp, merchant)
    try:
        with qtbot.waitSignal(controller.session.store_refused, timeout=10_000) as blocker:
            controller.start()
        [problem] = blocker.args
        assert problem.kind == "failed"
        assert str(merchant.root / "lbpmv.log") in problem.message
        assert not any(claim in problem.message.lower() for claim in LOSS_CLAIMS)
        controller.session.retry_open()  # the way out the window offers: try again
        qtbot.waitUntil(lambda: controller.session.status is not None, timeout=10_000)
        assert controller.session.status.profile.shop_name == "Les Petits Pas"
    finally:
        close_app(controller)


def test_settings_that_cannot_be_saved_are_said_and_retried(
    qtbot: QtBot, start_app, merchant: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from lbpmv_desktop.settings import load_settings, save_settings

    disk_full = {"on": True}

    def save_on_a_full_disk(path: Path, settings: Any) -> None:
        if disk_full["on"]:
            raise OSError(28, "No space left on device")
        save_settings(path, settings)

    monkeypatch.setattr(session_module, "save_settings", save_on_a_full_disk)
    session = start_app().session
    with qtbot.waitSignal(session.write_failed, timeout=10_000) as blocker:
        session.update_settings(replace(session.settings, text_scale=150))
    assert "vos réglages" in blocker.args[0]
    assert "Libérez de la place" in blocker.args[0]
    assert session.has_unsaved
    disk_full["on"] = False
    with qtbot.waitSignal(session.saved, timeout=10_000):
        session.retry_writes()
    assert not session.has_unsaved
    assert load_settings(merchant.settings).text_scale == 150


def test_a_backup_that_cannot_be_restored_is_not_left_on_the_loading_screen(
    qtbot: QtBot, qapp, merchant: DataPaths, dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup.make_backup(merchant.database, merchant.backups, datetime(2026, 11, 20, 9, 0))
    _spoil(merchant.database, "data = '{'")

    def restore_on_a_full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "restore_backup", restore_on_a_full_disk)
    dialogs.confirm = True
    controller = AppController(qapp, merchant)
    problems: list[Any] = []
    controller.session.store_refused.connect(problems.append)
    try:
        controller.start()
        qtbot.waitUntil(lambda: len(problems) == 2, timeout=10_000)
        damaged, failed = problems
        assert damaged.kind == "damaged"
        assert failed.kind == "failed"
        assert "Libérez de la place" in failed.message
    finally:
        close_app(controller)


def test_an_erase_that_fails_leaves_the_store_open_for_what_comes_next(
    qtbot: QtBot, start_app, merchant: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lbpmv_desktop.core.progress import erase

    def erase_on_a_locked_disk(*_args: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(erase, "erase_everything", erase_on_a_locked_disk)
    session = start_app().session
    with qtbot.waitSignal(session.ready, timeout=10_000):  # opened again after the failure
        session.erase_data()
    tutorial = session.catalogue.path()[0]
    landed: list[str] = []
    session.mark_done(tutorial.id, tutorial.steps[0].id, then=lambda: landed.append("done"))
    qtbot.waitUntil(lambda: landed == ["done"], timeout=10_000)
    assert [e.step for e in _stored(merchant, ev.STEP_DONE)] == [tutorial.steps[0].id]


def test_a_help_request_is_said_recorded_only_once_it_is(
    qtbot: QtBot, start_app, merchant: DataPaths, disk: Disk, dialogs, heard: list[str]
) -> None:
    controller = start_app()
    page = _open_tutorial(qtbot, controller)
    dialogs.help_comment = "Je ne trouve pas le bouton « Envoyer »."
    disk.fill()
    qtbot.mouseClick(page.help_button, Qt.MouseButton.LeftButton)
    assert page.help_note.isVisible()
    assert "✓" not in page.help_note.text()
    qtbot.waitUntil(lambda: page.help_problem.isVisible(), timeout=10_000)
    assert "pas encore été enregistrée" in page.help_problem.text()
    assert "Libérez de la place" in page.help_problem.text()
    assert not page.help_note.isVisible()
    assert not any("✓" in said for said in heard)
    assert not _stored(merchant, ev.HELP_ASKED)
    disk.free()
    controller.session.retry_writes()
    qtbot.waitUntil(lambda: "✓" in page.help_note.text(), timeout=10_000)
    assert page.help_note.isVisible()
    assert not page.help_problem.isVisible()
    assert any("✓" in said for said in heard)
    [request] = _stored(merchant, ev.HELP_ASKED)
    assert request.data["comment"] == "Je ne trouve pas le bouton « Envoyer »."


def test_closing_tries_a_last_time_and_logs_what_still_fails(
    qtbot: QtBot, start_app, merchant: DataPaths, disk: Disk, caplog: pytest.LogCaptureFixture
) -> None:
    controller = start_app()
    session = controller.session
    tutorial = session.catalogue.path()[0]
    first, second = tutorial.steps[0].id, tutorial.steps[1].id
    disk.fill()
    with qtbot.waitSignal(session.write_failed, timeout=10_000):
        session.mark_done(tutorial.id, first)
    disk.free()  # space came back, the app is closed before the next retry
    close_app(controller)
    assert [e.step for e in _stored(merchant, ev.STEP_DONE)] == [first]

    controller = start_app()
    session = controller.session
    disk.fill()
    with qtbot.waitSignal(session.write_failed, timeout=10_000):
        session.mark_done(tutorial.id, second)
    close_app(controller)  # still full: written in the log, event by event
    assert any("not stored" in record.message and second in record.message for record in caplog.records)
