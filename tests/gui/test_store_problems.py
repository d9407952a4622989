"""What the merchant sees when the progress file is damaged or too new."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING

from lbpmv_desktop.app import AppController
from lbpmv_desktop.core.progress import backup
from tests.helpers.app_fixtures import close_app
from tests.helpers.stores import merchant_store

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from lbpmv_desktop.paths import DataPaths


def _store_with_profile(paths: DataPaths) -> None:
    merchant_store(paths.database, shop_name="Chez Paul", first_name="Paul", animator_name="").close()


def test_damaged_database_offers_the_latest_good_backup(
    qtbot: QtBot, qapp, data_dir: DataPaths, dialogs
) -> None:
    _store_with_profile(data_dir)
    backup.make_backup(data_dir.database, data_dir.backups, datetime(2026, 11, 20, 9, 0))
    data = bytearray(data_dir.database.read_bytes())
    data[100:4096] = b"\x00garbage" * 499 + b"\x00" * (3996 - 8 * 499)
    data_dir.database.write_bytes(bytes(data[:4096]) + b"broken" * 100)
    controller = AppController(qapp, data_dir)
    dialogs.confirm = True
    controller.start()
    qtbot.waitUntil(lambda: controller.session.status is not None, timeout=10_000)
    assert "confirm" in dialogs.asked
    assert controller.session.status.profile.shop_name == "Chez Paul"
    aside = list(data_dir.quarantine.rglob("progress.sqlite"))
    assert aside, "the damaged file must be kept aside"
    close_app(controller)


def test_newer_database_is_refused_untouched(qtbot: QtBot, qapp, data_dir: DataPaths, dialogs) -> None:
    _store_with_profile(data_dir)
    with sqlite3.connect(data_dir.database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.close()
    before = data_dir.database.read_bytes()
    controller = AppController(qapp, data_dir)
    with qtbot.waitSignal(controller.session.store_refused, timeout=10_000):
        controller.start()
    assert dialogs.asked == ["message"]
    assert data_dir.database.read_bytes() == before
    assert controller.session.status is None
    close_app(controller)


def test_a_folder_named_like_the_progress_file_is_said_and_the_copy_taken_back(
    qtbot: QtBot, qapp, data_dir: DataPaths, monkeypatch
) -> None:
    from lbpmv_desktop.ui.widgets import dialogs as common_dialogs

    _store_with_profile(data_dir)
    backup.make_backup(data_dir.database, data_dir.backups, datetime(2026, 11, 20, 9, 0))
    data_dir.database.unlink()
    data_dir.database.mkdir()  # not a power cut: something else took the file's name
    asked: list[str] = []
    monkeypatch.setattr(
        common_dialogs.ConfirmDialog,
        "ask",
        classmethod(lambda cls, _p, _t, text, *_a, **_k: asked.append(text) or True),
    )
    controller = AppController(qapp, data_dir)
    controller.start()
    qtbot.waitUntil(lambda: controller.session.status is not None, timeout=10_000)
    assert "n'est pas un fichier" in asked[0]
    assert "coupure de courant" not in asked[0]
    assert controller.session.status.profile.shop_name == "Chez Paul"
    assert any(p.is_dir() for p in data_dir.quarantine.rglob("progress.sqlite")), "kept aside as it was"
    close_app(controller)
