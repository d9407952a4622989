"""The SQLite progress store on a temporary folder: settings, migrations, refusal, backups."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from lbpmv_desktop.core.progress import backup
from lbpmv_desktop.core.progress import events as ev
from lbpmv_desktop.core.progress.store import (
    MIGRATIONS,
    REVISIONS,
    DamagedDatabaseError,
    NewerDatabaseError,
    ProgressStore,
    inspect_database,
)

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def store(tmp_path: Path):
    opened = ProgressStore.open(tmp_path / "progress.sqlite")
    yield opened
    opened.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_pragmas_wal_full_sync_foreign_keys(store: ProgressStore) -> None:
    with store._engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_known_revisions_match_the_alembic_scripts() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    assert scripts.get_current_head() == REVISIONS[-1]
    assert [s.revision for s in reversed(list(scripts.walk_revisions()))] == list(REVISIONS)


def test_events_are_a_set_keyed_by_uuid(store: ProgressStore) -> None:
    event = ev.new_event(ev.STEP_DONE, store.device, tutorial="t", step="s", data={"é": "ü"})
    assert store.append([event]) == 1
    assert store.append([event]) == 0
    [back] = store.events()
    assert back == event
    assert store.count() == 1


def test_ids_survive_reopening(tmp_path: Path) -> None:
    first = ProgressStore.open(tmp_path / "p.sqlite")
    device, shop = first.device, first.shop_id
    first.close()
    again = ProgressStore.open(tmp_path / "p.sqlite")
    assert (again.device, again.shop_id) == (device, shop)
    again.close()


def test_newer_database_is_refused_without_being_touched(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    ProgressStore.open(path).close()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num='0099_future'")
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    before = {p.name: _digest(p) for p in tmp_path.iterdir()}
    with pytest.raises(NewerDatabaseError) as refused:
        ProgressStore.open(path)
    assert "mettez l'application à jour" in refused.value.message.lower()
    assert {p.name: _digest(p) for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize("content", [b"not a database at all" * 50, b"SQLite format 3\x00" + b"\xff" * 5000])
def test_damaged_database_is_detected(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "p.sqlite"
    path.write_bytes(content)
    with pytest.raises(DamagedDatabaseError):
        inspect_database(path)


def test_daily_backup_is_checked_rotated_and_restorable(tmp_path: Path, store: ProgressStore) -> None:
    store.append([ev.new_event(ev.STEP_DONE, store.device, tutorial="t", step="s")])
    folder = tmp_path / "backups"
    day = datetime(2026, 11, 1, 8, 0)
    made = [backup.make_backup(store.path, folder, day + timedelta(days=n)) for n in range(10)]
    assert all(made)
    assert backup.make_backup(store.path, folder, day + timedelta(days=9, hours=3)) is None  # once a day
    kept = backup.backups(folder)
    assert len(kept) == backup.KEEP + 1  # 7 daily ones, and 1 of the ISO week before them
    assert kept[0] == made[-1]
    assert all(backup.integrity_ok(p) for p in kept)
    damaged = kept[0]
    damaged.write_bytes(b"broken")
    assert backup.latest_good_backup(folder) == kept[1]
    aside = backup.restore_backup(kept[1], tmp_path / "restored.sqlite", tmp_path / "damaged", day)
    assert aside.is_dir()
    restored = ProgressStore.open(tmp_path / "restored.sqlite")
    assert restored.count() == 1
    restored.close()


def test_erase_events(store: ProgressStore) -> None:
    store.append([ev.new_event(ev.STEP_DONE, store.device, tutorial="t", step=str(n)) for n in range(5)])
    store.erase_events()
    assert store.events() == []
