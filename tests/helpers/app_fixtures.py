"""Fixtures that build the real application on a temporary data folder."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from lbpmv_desktop.app import AppController
from lbpmv_desktop.paths import DataPaths

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from lbpmv_desktop.ui.main_window import MainWindow


class Dialogs:
    """Answers for every ``ask()`` hook, set by each test."""

    def __init__(self) -> None:
        self.confidence: list[int | None] = []
        self.help_comment: str | None = None
        self.confirm = True
        self.save_path: str | None = None
        self.opened_urls: list[str] = []
        self.asked: list[str] = []


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    from lbpmv_desktop.ui.tutorial import dialogs as tutorial_dialogs
    from lbpmv_desktop.ui.tutorial import tutorial_page
    from lbpmv_desktop.ui.widgets import dialogs as common_dialogs

    answers = Dialogs()

    def confidence(_parent: object, _title: str, moment: str) -> int | None:
        answers.asked.append(f"confidence-{moment}")
        return answers.confidence.pop(0) if answers.confidence else None

    def help_comment(_parent: object, _step: str, _recipient: object) -> str | None:
        answers.asked.append("help")
        return answers.help_comment

    def confirm(*_args: object, **_kwargs: object) -> bool:
        answers.asked.append("confirm")
        return answers.confirm

    def message(*_args: object, **_kwargs: object) -> None:
        answers.asked.append("message")

    monkeypatch.setattr(tutorial_dialogs.ConfidenceDialog, "ask", classmethod(lambda cls, *a: confidence(*a)))
    monkeypatch.setattr(tutorial_dialogs.HelpDialog, "ask", classmethod(lambda cls, *a: help_comment(*a)))
    monkeypatch.setattr(
        common_dialogs.ConfirmDialog, "ask", classmethod(lambda cls, *a, **k: confirm(*a, **k))
    )
    monkeypatch.setattr(
        common_dialogs.MessageDialog, "ask", classmethod(lambda cls, *a, **k: message(*a, **k))
    )
    monkeypatch.setattr(common_dialogs, "ask_save_path", lambda *a: answers.save_path)
    monkeypatch.setattr(tutorial_page, "open_url", lambda url: answers.opened_urls.append(url) or True)
    return answers


@pytest.fixture
def data_dir(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data").ensure()


@pytest.fixture
def start_app(
    qtbot: QtBot, qapp: QApplication, data_dir: DataPaths, dialogs: Dialogs
) -> Iterator[Callable[..., AppController]]:
    """Start the real app (window shown, store opened); ``start_app()`` may be called again
    after ``close_app()`` to simulate closing and reopening it."""
    running: list[AppController] = []

    def start(paths: DataPaths | None = None) -> AppController:
        controller = AppController(qapp, paths or data_dir)
        controller.start()
        qtbot.waitUntil(lambda: controller.session.status is not None, timeout=10_000)
        running.append(controller)
        return controller

    yield start
    for controller in running:
        close_app(controller)
    # Really delete the closed windows before the next test restyles the application.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    qapp.setStyleSheet("")


def close_app(controller: AppController) -> None:
    if getattr(controller, "_closed", False):
        return
    controller._closed = True  # type: ignore[attr-defined]
    controller.window.close()
    controller.window.deleteLater()
    controller.shutdown()  # also removes its translators


def wait_idle(qtbot: QtBot, window: MainWindow) -> None:
    session = window.session
    qtbot.waitUntil(lambda: session.tasks.pending == 0 and session.maintenance.pending == 0, timeout=10_000)
