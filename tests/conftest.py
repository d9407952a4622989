"""Shared fixtures: every test runs offscreen, in a fresh data folder, away from real settings."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile


def _offscreen_screen(width: int, height: int) -> str:
    """The offscreen platform with one screen of this size (the default one is 800×600)."""
    folder = tempfile.mkdtemp(prefix="lbpmv-screen-")
    atexit.register(shutil.rmtree, folder, True)
    config = os.path.join(folder, "screen.json")
    with open(config, "w", encoding="utf-8") as file:
        json.dump({"screens": [{"name": "test", "x": 0, "y": 0, "width": width, "height": height}]}, file)
    return f"offscreen:configfile={config}"


# Big enough for every supported window size (1024×768 to 1920×1080).
os.environ.setdefault("QT_QPA_PLATFORM", _offscreen_screen(1920, 1080))
os.environ["LBPMV_TTS_ENGINE"] = "mock"

from typing import TYPE_CHECKING  # noqa: E402

import pytest  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

pytest_plugins = ["tests.helpers.app_fixtures"]


@pytest.fixture(autouse=True, scope="session")
def _collect_on_the_gui_thread(qapp: QApplication) -> Iterator[None]:
    """As in the app: Python's cyclic collector never runs in a worker thread (see ui/garbage.py)."""
    from lbpmv_desktop.ui import garbage

    collector = garbage.install(qapp)
    yield
    collector.stop()


@pytest.fixture(autouse=True)
def _earlier_widgets_really_deleted(qapp: QApplication) -> None:
    """Widgets an earlier test closed are deleted before this one restyles the application (a
    restyle that reaches a widget waiting for its deferred deletion crashes Qt)."""
    from PySide6.QtCore import QEvent

    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads or writes the user's real folders or settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("LBPMV_DATA_DIR", str(home / "lbpmv-data"))
    return home
