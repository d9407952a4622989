"""The studio opened in the real app, and a photo opened in it (shared by the studio's tests)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from tests.gui.test_merchant_flow import _complete_welcome

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot


def open_studio(qtbot: QtBot, start_app, tmp_path: Path, monkeypatch):
    """The app past the welcome, on the studio, writing into ``tmp_path``."""
    from lbpmv_desktop.ui.studio import studio_page

    opened: list[Path] = []
    monkeypatch.setattr(studio_page, "open_folder", lambda path: opened.append(path) or True)
    controller = start_app()
    _complete_welcome(qtbot, controller.window)
    qtbot.waitUntil(lambda: controller.window.current_page() == "home")
    controller.window.open_studio()
    page = controller.window.studio
    page.studio.out_dir = tmp_path / "Mes photos prêtes"
    page.opened_folders = opened
    return controller, page


def _open(qtbot: QtBot, page, path: Path, monkeypatch) -> None:
    from lbpmv_desktop.ui.studio import dialogs

    monkeypatch.setattr(dialogs, "ask_photo_file", lambda *_a: path)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.studio.photo is not None and not page.preview.image.isNull(), timeout=20_000)
