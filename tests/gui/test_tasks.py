"""The store's task runner: results come back on the GUI thread, never to a destroyed page."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtWidgets import QApplication, QLabel

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


def test_cyclic_garbage_is_collected_on_the_gui_thread_only(qtbot: QtBot, qapp: QApplication) -> None:
    import gc
    import weakref

    from PySide6.QtCore import QObject

    from lbpmv_desktop.ui import garbage

    garbage.install(qapp)
    assert not gc.isenabled()

    class Page(QObject):
        pass

    page = Page()
    page.myself = page  # type: ignore[attr-defined]  # a reference cycle, like a discarded page
    gone = weakref.ref(page)
    del page

    def allocate() -> None:  # enough allocations to pass every threshold, in a worker thread
        junk = [[n] for n in range(50_000)]
        assert gone() is not None  # nothing collected here
        del junk

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()
    assert gone() is not None
    qtbot.waitUntil(lambda: gone() is None, timeout=5000)  # the GUI thread's timer collected it


def test_work_submitted_after_shutdown_is_refused_quietly(qtbot: QtBot) -> None:
    runner = TaskRunner()
    runner.shutdown()
    ran: list[int] = []
    runner.submit(lambda: ran.append(1))  # e.g. a delayed backup firing while the app closes
    qtbot.wait(50)
    assert ran == []
    assert runner.pending == 0
