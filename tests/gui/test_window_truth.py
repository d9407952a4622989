"""The main window never lets the merchant believe something is saved, or kept, when it is not."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

import pytest

from lbpmv_desktop.core.progress.store import ProgressStore
from lbpmv_desktop.ui import session as session_module
from tests.helpers.app_fixtures import close_app, wait_idle
from tests.helpers.stores import merchant_store

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pytestqt.qtbot import QtBot

    from lbpmv_desktop.core.progress.events import Event
    from lbpmv_desktop.paths import DataPaths


class Disk:
    full = False


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch, data_dir: DataPaths) -> type[Disk]:
    class StoreOnDisk(ProgressStore):
        def append(self, events: Iterable[Event], shop: str | None = None) -> int:
            if Disk.full:
                raise sqlite3.OperationalError("database or disk is full")
            return super().append(events, shop)

    Disk.full = False
    merchant_store(data_dir.database).close()
    monkeypatch.setattr(session_module, "open_store", StoreOnDisk.open)
    return Disk


def test_a_write_that_fails_outside_the_tutorial_is_said_then_said_saved(
    qtbot: QtBot, start_app, disk: type[Disk]
) -> None:
    controller = start_app()
    window, session = controller.window, controller.session
    window.show_page("bilan")
    disk.full = True
    with qtbot.waitSignal(session.write_failed, timeout=10_000):
        session.record_poster_made("soldes")
    assert window.banner.isVisible()
    assert "plein" in window.banner.text()
    disk.full = False
    with qtbot.waitSignal(session.saved, timeout=20_000):
        session.retry_writes()
    assert window.banner.text() == "✓ Tout est enregistré maintenant."


def test_closing_with_something_unsaved_asks_first(
    qtbot: QtBot, start_app, disk: type[Disk], dialogs
) -> None:
    controller = start_app()
    window, session = controller.window, controller.session
    disk.full = True
    with qtbot.waitSignal(session.write_failed, timeout=10_000):
        session.record_poster_made("soldes")
    dialogs.confirm = False
    window.close()
    assert dialogs.asked == ["confirm"]
    assert window.isVisible(), "« Annuler »: the window stays open, nothing is lost"
    dialogs.confirm = True
    disk.full = False
    close_app(controller)
    assert dialogs.asked == ["confirm", "confirm"]


def test_closing_with_everything_saved_asks_nothing(
    qtbot: QtBot, start_app, disk: type[Disk], dialogs
) -> None:
    controller = start_app()
    controller.session.record_poster_made("soldes")
    wait_idle(qtbot, controller.window)
    controller.window.close()
    assert dialogs.asked == []
    assert not controller.window.isVisible()


def test_erasing_drops_the_studio_and_poster_pages_that_held_the_merchants_work(
    qtbot: QtBot, start_app, disk: type[Disk]
) -> None:
    controller = start_app()
    window = controller.window
    window.open_poster("soldes")
    window.open_studio()
    assert "studio" in window.pages
    assert "poster" in window.pages
    with qtbot.waitSignal(controller.session.erased, timeout=20_000):
        controller.session.erase_data()
    assert "studio" not in window.pages
    assert "poster" not in window.pages
    assert window.studio_controller is None
    qtbot.waitUntil(lambda: window.current_page() == "welcome", timeout=10_000)
