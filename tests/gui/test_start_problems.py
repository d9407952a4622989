"""A data folder the app cannot use opens a window that says why and what to do, never nothing.

Real conditions made in tmp_path: a file where the folder should be, a folder on a USB key that
is not plugged in (its parent is missing), a read-only folder (chmod 0o500: skipped as root, who
may write anywhere).
"""

from __future__ import annotations

import os
import stat
import sys
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from lbpmv_desktop.app import Starter
from lbpmv_desktop.paths import DataPaths
from lbpmv_desktop.ui import checks
from lbpmv_desktop.ui.session import StoreProblem
from tests.helpers.app_fixtures import close_app

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from lbpmv_desktop.ui.main_window import StartProblemWindow
    from tests.helpers.app_fixtures import Dialogs

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def starters(qapp: QApplication) -> Iterator[list[Starter]]:
    made: list[Starter] = []
    yield made
    for starter in made:
        if starter.problem_window is not None:
            starter.problem_window.close()
            starter.problem_window.deleteLater()
        if starter.controller is not None:
            close_app(starter.controller)
        starter.shutdown()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    qapp.setStyleSheet("")


def _start(qtbot: QtBot, qapp: QApplication, starters: list[Starter], paths: DataPaths) -> Starter:
    starter = Starter(qapp, paths)
    starters.append(starter)
    starter.start()
    return starter


def _problem_window(qtbot: QtBot, starter: Starter) -> StartProblemWindow:
    window = starter.problem_window
    assert window is not None, "no window explains the problem"
    assert starter.controller is None, "the app must not start on an unusable folder"
    qtbot.waitExposed(window)
    return window


def _retry_opens_the_app(qtbot: QtBot, starter: Starter, window: StartProblemWindow) -> None:
    qtbot.mouseClick(window.retry_button, Qt.MouseButton.LeftButton)
    assert window.is_resolved
    controller = starter.controller
    assert controller is not None
    qtbot.waitUntil(lambda: controller.session.status is not None, timeout=10_000)
    assert controller.window.isVisible()
    assert not window.isVisible()


def test_a_file_instead_of_the_folder_opens_a_window_that_says_so(
    qtbot: QtBot, qapp: QApplication, starters: list[Starter], tmp_path: Path, dialogs: Dialogs
) -> None:
    root = tmp_path / "lbpmv"
    root.write_text("pas un dossier", encoding="utf-8")
    starter = _start(qtbot, qapp, starters, DataPaths(root, chosen=True))
    window = _problem_window(qtbot, starter)
    assert window.problem.kind == "not-folder"
    assert "il y a un fichier" in window.explanation.text()
    assert str(root) in window.folder.text().replace("\u200b", "")
    assert root.read_text(encoding="utf-8") == "pas un dossier", "nothing is changed"
    root.unlink()  # what the window says to do: move the file away
    _retry_opens_the_app(qtbot, starter, window)
    assert root.is_dir()


def test_a_folder_on_an_unplugged_usb_key_is_not_made_again_elsewhere(
    qtbot: QtBot, qapp: QApplication, starters: list[Starter], tmp_path: Path, dialogs: Dialogs
) -> None:
    key = tmp_path / "media" / "CLE-USB"
    root = key / "lbpmv"
    starter = _start(qtbot, qapp, starters, DataPaths(root, chosen=True))
    window = _problem_window(qtbot, starter)
    assert window.problem.kind == "missing"
    assert "débranché" in window.explanation.text()
    assert "Réessayer" in window.explanation.text()
    assert not key.exists(), "the missing key's folder is not created on the computer's disk"
    # Still unplugged: the window stays and says it tried.
    qtbot.mouseClick(window.retry_button, Qt.MouseButton.LeftButton)
    assert starter.controller is None
    assert window.isVisible()
    assert window.status.isVisible()
    assert "Toujours impossible" in window.status.text()
    key.mkdir(parents=True)  # the key is plugged in
    _retry_opens_the_app(qtbot, starter, window)


def test_quit_closes_the_window_without_starting(
    qtbot: QtBot, qapp: QApplication, starters: list[Starter], tmp_path: Path
) -> None:
    starter = _start(qtbot, qapp, starters, DataPaths(tmp_path / "absente" / "lbpmv", chosen=True))
    window = _problem_window(qtbot, starter)
    qtbot.mouseClick(window.quit_button, Qt.MouseButton.LeftButton)
    assert not window.isVisible()
    assert starter.controller is None
    assert not (tmp_path / "absente").exists()


@pytest.mark.skipif(AS_ROOT, reason="root may write in a read-only folder")
def test_a_read_only_data_folder_opens_a_window_that_explains_it(
    qtbot: QtBot, qapp: QApplication, starters: list[Starter], tmp_path: Path, dialogs: Dialogs
) -> None:
    root = tmp_path / "lbpmv"
    root.mkdir()
    root.chmod(0o500)
    try:
        starter = _start(qtbot, qapp, starters, DataPaths(root, chosen=True))
        window = _problem_window(qtbot, starter)
        assert window.problem.kind == "read-only"
        assert "lecture seule" in window.explanation.text()
        assert list(root.iterdir()) == [], "nothing is written in it"
        root.chmod(0o700)
        _retry_opens_the_app(qtbot, starter, window)
    finally:
        root.chmod(0o700)


SIZES = [(1024, 768), (1366, 768), (1280, 800), (1920, 1080)]


@pytest.mark.parametrize("scale", [100, 150, 200])
def test_the_problem_window_is_clean_at_every_supported_size(
    qtbot: QtBot, qapp: QApplication, starters: list[Starter], tmp_path: Path, scale: int
) -> None:
    from dataclasses import replace

    from lbpmv_desktop.paths import folder_problem
    from lbpmv_desktop.settings import Settings
    from lbpmv_desktop.ui.theme import apply_theme

    starter = _start(qtbot, qapp, starters, DataPaths(tmp_path / "absente" / "lbpmv", chosen=True))
    window = _problem_window(qtbot, starter)
    apply_theme(qapp, replace(Settings(), text_scale=scale))
    # The longest explanation, a long folder name, and the « still not possible » line.
    window._show_problem(folder_problem("read-only", tmp_path / ("Clé_USB_de_Chaussons_bébé_" * 6) / "lbpmv"))
    window.status.setText(window.tr("Still not possible."))
    window.status.show()
    for width, height in SIZES:
        window.resize(width, height - 80)  # the taskbar and the title bar
        qtbot.waitUntil(lambda width=width: window.width() == width, timeout=5000)
        QApplication.processEvents()
        problems = (
            checks.layout_problems(window)
            + checks.accessibility_problems(window)
            + checks.tab_problems(window)
        )
        assert problems == [], (width, height, scale)
    assert window.focusProxy() is window.retry_button


def test_the_app_window_offers_to_retry_when_the_store_cannot_be_opened(
    qtbot: QtBot, start_app, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = start_app()
    retried: list[bool] = []
    monkeypatch.setattr(controller.session, "retry_open", lambda: retried.append(True), raising=False)
    dialogs.confirm = True
    controller.window._on_store_refused(StoreProblem("failed", message="Le disque est plein."))
    assert dialogs.asked == ["confirm"]
    assert retried == [True]
    assert controller.window.isVisible()


def test_a_bug_in_a_slot_names_the_log_file_and_a_known_failure_says_its_sentence(
    qtbot: QtBot,
    qapp: QApplication,
    starters: list[Starter],
    tmp_path: Path,
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from lbpmv_desktop.core.errors import UserError

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the app's own is set for this test only
    paths = DataPaths(tmp_path / "lbpmv")
    starter = _start(qtbot, qapp, starters, paths)
    controller = starter.controller
    assert controller is not None
    qtbot.waitUntil(lambda: controller.session.status is not None, timeout=10_000)
    assert starter.log == paths.log
    try:
        raise RuntimeError("un vrai bogue")
    except RuntimeError as error:
        sys.excepthook(RuntimeError, error, error.__traceback__)
    banner = controller.window.banner.text()
    assert str(paths.log) in banner
    assert "perdu" not in banner, "nothing about loss is claimed that is not checked"
    assert "un vrai bogue" in paths.log.read_text(encoding="utf-8")
    assert stat.S_IMODE(paths.log.stat().st_mode) == 0o600
    sys.excepthook(UserError, UserError("Le disque est plein : libérez de la place."), None)
    assert controller.window.banner.text() == "Le disque est plein : libérez de la place."


def test_a_data_folder_on_a_read_only_disk_opens_a_window_that_explains_it(
    qtbot: QtBot, qapp: QApplication, starters: list[Starter], tmp_path: Path, dialogs: Dialogs
) -> None:
    """A real read-only file system (EROFS): also refused to root, so this runs as root too."""
    import subprocess

    if not AS_ROOT or not sys.platform.startswith("linux"):
        pytest.skip("mounting a tmpfs needs root on Linux")
    disk = tmp_path / "cle-usb"
    disk.mkdir()
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)], check=False
    ).returncode:
        pytest.skip("no tmpfs here")
    try:
        root = DataPaths(disk / "lbpmv").ensure().root
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        starter = _start(qtbot, qapp, starters, DataPaths(root, chosen=True))
        window = _problem_window(qtbot, starter)
        assert window.problem.kind == "read-only"
        assert "lecture seule" in window.explanation.text()
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)  # the key is unlocked
        _retry_opens_the_app(qtbot, starter, window)
    finally:
        for starter in starters:
            if starter.controller is not None:
                close_app(starter.controller)
                starter.controller = None
        subprocess.run(["umount", "-l", str(disk)], check=False)
