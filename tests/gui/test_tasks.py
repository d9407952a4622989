"""The store's task runner: results come back on the GUI thread, never to a destroyed page."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtWidgets import QLabel

from lbpmv_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def test_results_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    threads: list[str] = []
    got: list[int] = []
    runner.submit(lambda: threads.append(threading.current_thread().name) or 42, got.append)
    qtbot.waitUntil(lambda: got == [42])
    assert threads[0].startswith("lbpmv-store")
    assert runner.pending == 0
    runner.shutdown()


def test_a_page_destroyed_before_its_result_arrives_is_left_alone(qtbot: QtBot) -> None:
    runner = TaskRunner()
    page = QLabel()
    release = threading.Event()
    written: list[str] = []

    def work() -> str:
        release.wait(5)
        written.append("saved")  # the work itself is always done
        return "fini"

    runner.submit(work, page.setText)  # context: the label, taken from the bound method
    page.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(page))
    release.set()
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert written == ["saved"]
    runner.shutdown()
