"""The store keeps every shop's events apart, never loses data and says plainly what failed."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from lbpmv_desktop.core.progress import events as ev
from lbpmv_desktop.core.progress.store import (
    REVISIONS,
    DamagedDatabaseError,
    ProgressStore,
    StoreReadError,
    StoreWriteError,
    failure_reason,
    inspect_database,
    shop_rows,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

SHOP_A = "aaaaaaaa-0000-4000-8000-000000000001"
SHOP_B = "bbbbbbbb-0000-4000-8000-000000000002"
AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ProgressStore]:
    opened = ProgressStore.open(tmp_path / "progress.sqlite")
    yield opened
    opened.close()


def _event(step: str, event_id: str | None = None) -> ev.Event:
    made = ev.new_event(ev.STEP_DONE, "device-1", tutorial="t", step=step, at=AT)
    if event_id is None:
        return made
    return ev.Event(event_id, made.kind, made.at, made.device, made.tutorial, made.step, made.data)


def _import(store: ProgressStore, shop: str, events: list[ev.Event], **extra: object) -> int:
    arguments: dict[str, object] = {
        "shop_id": shop,
        "name": "Boutique",
        "public_key": "k" * 64,
        "code": "ABCD-EFGH",
        "now": "2026-11-21T10:00:00+00:00",
        "events": events,
        "summary": "{}",
    }
    arguments.update(extra)
    return store.import_shop(**arguments)  # type: ignore[arg-type]


# -- events are identified by shop and id -------------------------------------------------
def test_the_same_id_in_two_shops_is_two_events(store: ProgressStore) -> None:
    shared = "11111111-2222-4333-8444-555555555555"
    assert _import(store, SHOP_A, [_event("a", shared)]) == 1
    assert _import(store, SHOP_B, [_event("b", shared)]) == 1
    assert [e.step for e in store.events(SHOP_A)] == ["a"]
    assert [e.step for e in store.events(SHOP_B)] == ["b"]
    assert store.append([_event("own", shared)]) == 1
    assert store.append([_event("own", shared)]) == 0
    assert [e.step for e in store.events()] == ["own"]


def test_import_counts_only_the_events_really_stored(store: ProgressStore) -> None:
    events = [_event(str(n)) for n in range(5)]
    assert _import(store, SHOP_A, events) == 5
    assert _import(store, SHOP_A, events + [_event("new")]) == 1
    assert store.count(SHOP_A) == 6


def test_an_older_file_replayed_keeps_the_newest_name_and_time(store: ProgressStore) -> None:
    _import(store, SHOP_A, [], name="Nouveau nom", file_at="2026-11-20T10:00:00+00:00", sharing="stopped")
    _import(
        store,
        SHOP_A,
        [_event("x")],
        name="Ancien nom",
        file_at="2026-11-19T10:00:00+01:00",
        sharing="active",
        now="2026-11-22T08:00:00+00:00",
        summary='{"done": 1}',
    )
    [row] = shop_rows(store)
    assert row["name"] == "Nouveau nom"
    assert row["last_file_at"] == "2026-11-20T10:00:00+00:00"
    assert (row["sharing"], row["sharing_at"]) == ("stopped", "2026-11-20T10:00:00+00:00")
    assert row["received_at"] == "2026-11-22T08:00:00+00:00"
    assert row["summary"] == {"done": 1}
    assert store.count(SHOP_A) == 1


def test_a_newer_file_updates_name_time_and_sharing(store: ProgressStore) -> None:
    _import(store, SHOP_A, [], name="Avant", file_at="2026-11-19T10:00:00+00:00")
    [row] = shop_rows(store)
    assert (row["sharing"], row["sharing_at"]) == ("active", None)
    _import(store, SHOP_A, [], name="Après", file_at="2026-11-20T10:00:00+00:00", sharing="erased")
    [row] = shop_rows(store)
    assert (row["name"], row["last_file_at"]) == ("Après", "2026-11-20T10:00:00+00:00")
    assert (row["sharing"], row["sharing_at"]) == ("erased", "2026-11-20T10:00:00+00:00")


def test_an_answer_written_here_does_not_count_as_a_file(store: ProgressStore) -> None:
    _import(store, SHOP_A, [], file_at="2026-11-19T10:00:00+00:00", now="2026-11-19T12:00:00+00:00")
    _import(store, SHOP_A, [_event("answer")], file_received=False, now="2026-11-25T12:00:00+00:00")
    [row] = shop_rows(store)
    assert (row["last_file_at"], row["received_at"]) == (
        "2026-11-19T10:00:00+00:00",
        "2026-11-19T12:00:00+00:00",
    )


def test_a_file_dated_in_the_future_cannot_freeze_the_name(store: ProgressStore) -> None:
    _import(
        store, SHOP_A, [], name="Piège", file_at="2099-01-01T00:00:00+00:00", now="2026-11-21T10:00:00+00:00"
    )
    _import(
        store,
        SHOP_A,
        [],
        name="Vrai nom",
        file_at="2026-11-22T10:00:00+00:00",
        now="2026-11-22T11:00:00+00:00",
    )
    found = store.shop(SHOP_A)
    assert found is not None
    assert (found["name"], found["last_file_at"]) == ("Vrai nom", "2026-11-22T10:00:00+00:00")
    assert found["sharing"] == "active"


def test_delete_shop_events_keeps_the_other_shops(store: ProgressStore) -> None:
    _import(store, SHOP_A, [_event("a1"), _event("a2")])
    _import(store, SHOP_B, [_event("b1")])
    store.append([_event("own")])
    assert store.delete_shop_events(SHOP_A) == 2
    assert store.events(SHOP_A) == []
    assert store.count(SHOP_B) == 1
    assert store.count() == 1
    assert [row["shop_id"] for row in shop_rows(store)] == [SHOP_A, SHOP_B]


def _version_0002(path: Path, events: int = 300) -> None:
    """A database as version 0002 left it: one event in three is this install's, the others a shop's."""
    connection = sqlite3.connect(path)
    connection.executescript(
        """
        CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);
        INSERT INTO alembic_version VALUES ('0002_shops');
        CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, uuid VARCHAR(36) NOT NULL UNIQUE,
            kind VARCHAR(40) NOT NULL, at VARCHAR(40) NOT NULL, device VARCHAR(64) NOT NULL,
            tutorial VARCHAR(80), step VARCHAR(80), data TEXT NOT NULL, shop VARCHAR(36));
        CREATE INDEX ix_events_at ON events (at);
        CREATE INDEX ix_events_tutorial ON events (tutorial);
        CREATE INDEX ix_events_shop_at ON events (shop, at);
        CREATE TABLE meta (key VARCHAR(40) PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta VALUES ('shop_id', 'own-shop'), ('device_id', 'dev');
        CREATE TABLE shops (shop_id VARCHAR(36) PRIMARY KEY, name TEXT NOT NULL,
            public_key VARCHAR(64) NOT NULL, code VARCHAR(16) NOT NULL, trusted_at VARCHAR(40) NOT NULL,
            last_file_at VARCHAR(40), summary TEXT NOT NULL DEFAULT '{}');
        INSERT INTO shops VALUES ('other', 'Chez Léa', 'k', 'C', '2026-11-01', '2026-11-02', '{}');
        """
    )
    for n in range(events):
        connection.execute(
            "INSERT INTO events (uuid, kind, at, device, tutorial, step, data, shop) VALUES (?,?,?,?,?,?,?,?)",
            (
                f"id-{n}",
                ev.STEP_DONE,
                AT.isoformat(),
                "dev",
                "t",
                str(n),
                '{"é": 1}',
                "other" if n % 3 else None,
            ),
        )
    connection.commit()
    connection.close()


def test_an_existing_database_migrates_keeping_every_event(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite"
    _version_0002(path)
    store = ProgressStore.open(path)
    try:
        assert store.count() == 100
        assert store.count("other") == 200
        assert [e.step for e in store.events()] == [str(n) for n in range(0, 300, 3)]
        [row] = shop_rows(store)
        assert (row["received_at"], row["last_file_at"], row["sharing"]) == (
            "2026-11-02",
            "2026-11-02",
            "active",
        )
        version = store._read("SELECT version_num FROM alembic_version")
        assert version == [(REVISIONS[-1],)]
        assert store.append([_event("again", "id-1")], shop="own-shop") == 1  # id-1 was "other"'s
    finally:
        store.close()


def test_a_migration_that_fails_half_way_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import event

    from lbpmv_desktop.core.progress import store as store_module

    path = tmp_path / "progress.sqlite"
    _version_0002(path, events=3000)
    pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]
    real = store_module._create_engine

    def cramped(database: Path) -> Any:
        engine = real(database)
        event.listen(engine, "connect", lambda c, _r: c.execute(f"PRAGMA max_page_count = {pages + 8}"))
        return engine

    monkeypatch.setattr(store_module, "_create_engine", cramped)
    with pytest.raises(StoreWriteError) as refused:
        ProgressStore.open(path)
    assert refused.value.reason == "full"
    assert inspect_database(path) == "0002_shops"
    connection = sqlite3.connect(path)
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert connection.execute("SELECT count(*) FROM events").fetchone() == (3000,)
    connection.close()
    assert "events_0003" not in tables
    monkeypatch.setattr(store_module, "_create_engine", real)
    again = ProgressStore.open(path)
    assert again.count() + again.count("other") == 3000
    again.close()


# -- a database that cannot be read is damaged, never a first start -----------------------
def _good_backup(tmp_path: Path, events: int = 3) -> tuple[Path, Path]:
    """A data folder whose database holds ``events`` events and has one good backup."""
    from lbpmv_desktop.core.progress import backup

    database = tmp_path / "progress.sqlite"
    store = ProgressStore.open(database)
    store.append([_event(str(n)) for n in range(events)])
    store.close()
    made = backup.make_backup(database, tmp_path / "backups", datetime(2026, 11, 20, 9, 0))
    assert made is not None
    return database, made


def _truncate(path: Path, size: int) -> None:
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    data = path.read_bytes()
    path.write_bytes(data[:size])


@pytest.mark.parametrize("size", [0, 50, 100, 4096, -1])
def test_an_empty_or_truncated_database_beside_a_good_backup_is_damaged(tmp_path: Path, size: int) -> None:
    database, _ = _good_backup(tmp_path)
    whole = len(database.read_bytes())
    _truncate(database, size if size >= 0 else whole // 2)
    before = database.read_bytes()
    with pytest.raises(DamagedDatabaseError):
        ProgressStore.open(database).events()
    assert database.read_bytes() == before  # left as it was, for the restore to move aside


def test_a_database_of_another_kind_beside_a_good_backup_is_damaged(tmp_path: Path) -> None:
    database, _ = _good_backup(tmp_path)
    database.unlink()
    connection = sqlite3.connect(database)
    connection.execute("CREATE TABLE other (x)")
    connection.commit()
    connection.close()
    with pytest.raises(DamagedDatabaseError):
        ProgressStore.open(database)
    database.unlink()
    sqlite3.connect(database).close()  # a valid SQLite file with no table at all
    database.write_bytes(database.read_bytes())
    with pytest.raises(DamagedDatabaseError):
        ProgressStore.open(database)


def test_an_empty_file_without_backup_is_a_first_start(tmp_path: Path) -> None:
    database = tmp_path / "progress.sqlite"
    database.write_bytes(b"")
    store = ProgressStore.open(database)
    assert store.events() == []
    store.close()


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("data", "{not json"),
        ("data", "[1, 2]"),
        ("data", "[" * 100_000),
        ("at", "hier soir"),
        ("at", "2026-13-45T99:00:00"),
        ("kind", b"\xff\x00"),
        ("tutorial", b"\x00"),
    ],
)
def test_a_bad_row_is_damage_not_a_crash(store: ProgressStore, column: str, value: object) -> None:
    store.append([_event("a"), _event("b")])
    connection = sqlite3.connect(store.path)
    connection.execute(f"UPDATE events SET {column} = ? WHERE step = 'b'", (value,))  # noqa: S608
    connection.commit()
    connection.close()
    with pytest.raises(DamagedDatabaseError) as refused:
        store.events()
    assert "sauvegarde" in refused.value.message


def test_a_backup_holding_the_same_bad_row_is_not_offered(tmp_path: Path) -> None:
    from lbpmv_desktop.core.progress import backup

    database, first = _good_backup(tmp_path)
    connection = sqlite3.connect(database)
    connection.execute("UPDATE events SET data = '{broken' WHERE step = '1'")
    connection.commit()
    connection.close()
    later = backup.make_backup(database, tmp_path / "backups", datetime(2026, 11, 21, 9, 0))
    assert later is not None
    assert backup.integrity_ok(later)
    assert backup.latest_good_backup(tmp_path / "backups") == first


def test_a_naive_stored_time_is_read_as_utc(store: ProgressStore) -> None:
    store.append([_event("a")])
    connection = sqlite3.connect(store.path)
    connection.execute("UPDATE events SET at = '2026-11-20T09:00:00'")
    connection.commit()
    connection.close()
    [back] = store.events()
    assert back.at == AT


# -- backups: 7 daily, 4 weekly, never the last good copy, no side files -----------------
def _backup_names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_rotation_keeps_7_daily_and_4_weekly(tmp_path: Path, store: ProgressStore) -> None:
    from lbpmv_desktop.core.progress import backup

    store.append([_event("a")])
    folder = tmp_path / "backups"
    first = datetime(2026, 9, 1, 8, 0)  # a Tuesday
    for n in range(70):
        assert backup.make_backup(store.path, folder, first + timedelta(days=n)) is not None
    kept = [backup.backup_time(p) for p in backup.backups(folder)]
    assert [t.date() for t in kept[:7] if t] == [(first + timedelta(days=69 - n)).date() for n in range(7)]
    weekly = [t for t in kept[7:] if t]
    assert len(weekly) == 4
    weeks = [t.isocalendar()[:2] for t in weekly]
    assert len(set(weeks)) == 4
    assert all(week not in {t.isocalendar()[:2] for t in kept[:7] if t} for week in weeks)
    assert all(t.isoweekday() == 7 for t in weekly)  # the newest backup of each week: its Sunday
    assert _backup_names(folder) == sorted(p.name for p in backup.backups(folder))


def test_an_emptied_database_never_pushes_the_good_copies_out(tmp_path: Path, store: ProgressStore) -> None:
    from lbpmv_desktop.core.progress import backup

    store.append([_event(str(n)) for n in range(5)])
    folder = tmp_path / "backups"
    day = datetime(2026, 11, 1, 8, 0)
    for n in range(3):
        backup.make_backup(store.path, folder, day + timedelta(days=n))
    best = backup.backups(folder)[0]
    store.erase_events()  # emptied (by a bug, a tool, a hostile hand)
    for n in range(3, 80):
        backup.make_backup(store.path, folder, day + timedelta(days=n))
    assert best in backup.backups(folder)
    assert backup.integrity_ok(best)
    assert len(backup.backups(folder)) == 7 + 4 + 1


def test_a_smaller_database_keeps_the_best_backup(tmp_path: Path, store: ProgressStore) -> None:
    from lbpmv_desktop.core.progress import backup

    folder = tmp_path / "backups"
    day = datetime(2026, 11, 1, 8, 0)
    store.append([_event(str(n)) for n in range(10)])
    backup.make_backup(store.path, folder, day)
    best = backup.backups(folder)[0]
    connection = sqlite3.connect(store.path)  # events lost by a bug or a hostile hand
    connection.execute("DELETE FROM events")
    connection.commit()
    connection.close()
    store.append([_event("x")])
    for n in range(1, 40):
        backup.make_backup(store.path, folder, day + timedelta(days=n))
    assert best in backup.backups(folder)
    # Damaged newer backups do not count as the good copy holding enough events.
    for path in backup.backups(folder)[:3]:
        path.write_bytes(b"broken")
    backup.make_backup(store.path, folder, day + timedelta(days=41))
    assert best in backup.backups(folder)


def test_events_deleted_on_purpose_leave_the_backups_with_rotation(
    tmp_path: Path, store: ProgressStore
) -> None:
    from lbpmv_desktop.core.progress import backup

    folder = tmp_path / "backups"
    day = datetime(2026, 11, 1, 8, 0)
    _import(store, SHOP_A, [_event(str(n)) for n in range(10)])
    backup.make_backup(store.path, folder, day)
    bigger = backup.backups(folder)[0]
    store.delete_shop_events(SHOP_A, now=datetime(2026, 11, 1, 12, 0).astimezone())  # an « erased » notice
    for n in range(1, 80):
        backup.make_backup(store.path, folder, day + timedelta(days=n))
    assert bigger not in backup.backups(folder)
    assert len(backup.backups(folder)) == 7 + 4


def test_backups_leave_no_side_files_and_are_private(tmp_path: Path, store: ProgressStore) -> None:
    from lbpmv_desktop.core.progress import backup

    store.append([_event("a")])
    folder = tmp_path / "backups"
    for n in range(3):
        made = backup.make_backup(store.path, folder, datetime(2026, 11, 1 + n, 8, 0))
        assert made is not None
    assert _backup_names(folder) == [p.name for p in reversed(backup.backups(folder))]
    assert all(name.endswith(".sqlite") for name in _backup_names(folder))
    assert backup.latest_good_backup(folder) is not None
    assert all(name.endswith(".sqlite") for name in _backup_names(folder))  # checking adds nothing
    if os.name == "posix":
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {0o600}


def test_checking_an_old_wal_mode_backup_leaves_no_side_files(tmp_path: Path, store: ProgressStore) -> None:
    from lbpmv_desktop.core.progress import backup

    store.append([_event("a")])
    folder = tmp_path / "backups"
    folder.mkdir()
    old = folder / "progress-20261101-080000.sqlite"
    source, copy = sqlite3.connect(store.path), sqlite3.connect(old)
    source.backup(copy)  # as the older version made them: still in WAL mode
    source.close()
    copy.close()
    for suffix in ("-wal", "-shm"):
        old.with_name(old.name + suffix).unlink(missing_ok=True)
    assert old.read_bytes()[18:20] == b"\x02\x02"
    assert backup.latest_good_backup(folder) == old
    assert _backup_names(folder) == [old.name]


def test_a_failed_backup_leaves_nothing_behind(
    tmp_path: Path, store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lbpmv_desktop.core.progress import backup

    store.append([_event("a")])
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "progress-20261101-080000.sqlite.part-wal").write_bytes(b"left by a crash")
    monkeypatch.setattr(backup, "integrity_ok", lambda _path: False)
    with pytest.raises(sqlite3.DatabaseError):
        backup.make_backup(store.path, folder, datetime(2026, 11, 2, 8, 0))
    assert list(folder.iterdir()) == []


# -- two starts at the same moment ---------------------------------------------------------
OPENER = """
import sys
from pathlib import Path
import sqlalchemy.orm, alembic.command  # imported before the start signal: only opening races
from lbpmv_desktop.core.progress.store import ProgressStore
print("ready", flush=True)
sys.stdin.readline()
store = ProgressStore.open(Path(sys.argv[1]))
print(store.shop_id, store.device, len(store.events()), flush=True)
store.close()
"""


def test_simultaneous_first_starts_all_open_the_same_store(tmp_path: Path) -> None:
    database = tmp_path / "données" / "progress.sqlite"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[4])}
    openers = [
        subprocess.Popen(
            [sys.executable, "-c", OPENER, str(database)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(10)
    ]
    for opener in openers:
        assert opener.stdout is not None
        assert opener.stdout.readline().strip() == "ready"
    for opener in openers:
        assert opener.stdin is not None
        opener.stdin.write("go\n")
        opener.stdin.flush()
    results = [opener.communicate() for opener in openers]
    assert [opener.returncode for opener in openers] == [0] * 10, [err[-500:] for _, err in results]
    assert len({out for out, _ in results}) == 1  # one shop id, one device id for all
    assert inspect_database(database) == REVISIONS[-1]


def test_the_engine_is_made_once_when_threads_write_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lbpmv_desktop.core.progress import store as store_module

    ProgressStore.open(tmp_path / "progress.sqlite").close()
    opened = ProgressStore.open(tmp_path / "progress.sqlite")  # at head: the engine is made lazily
    made: list[object] = []
    real = store_module._create_engine

    def slow_create(path: Path) -> object:
        made.append(path)
        time.sleep(0.05)  # widens the race window; nothing is asserted about time
        return real(path)

    monkeypatch.setattr(store_module, "_create_engine", slow_create)
    start = threading.Barrier(6)

    def write(n: int) -> int:
        start.wait()
        return opened.append([_event(str(n))])

    with ThreadPoolExecutor(6) as pool:
        assert list(pool.map(write, range(6))) == [1] * 6
    assert len(made) == 1
    assert opened.count() == 6
    opened.close()


# -- private files -------------------------------------------------------------------------
@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_database_and_its_side_files_are_private(tmp_path: Path) -> None:
    database = tmp_path / "progress.sqlite"
    old = os.umask(0o022)
    try:
        store = ProgressStore.open(database)
        store.append([_event("a")])
        store.events()
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()}
        store.close()
        assert modes["progress.sqlite"] == 0o600
        assert modes["progress.sqlite-wal"] == 0o600
        assert modes["progress.sqlite-shm"] == 0o600
        assert set(modes.values()) == {0o600}
        os.chmod(database, 0o644)  # made by an older version
        ProgressStore.open(database).close()
        assert stat.S_IMODE(database.stat().st_mode) == 0o600
    finally:
        os.umask(old)


# -- refused writes are typed and said in French -------------------------------------------
def _full_disk(store: ProgressStore) -> None:
    """From now on, the database cannot grow: SQLite answers « database or disk is full »."""
    from sqlalchemy import event

    store.warm_up()
    assert store._engine is not None
    store._engine.dispose()
    pages = store._read("PRAGMA page_count")[0][0]

    def limit(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(store._engine, "connect", limit)


def test_a_full_disk_is_reported_as_not_saved(store: ProgressStore) -> None:
    store.append([_event("first")])
    _full_disk(store)
    with pytest.raises(StoreWriteError) as refused:
        store.append([_event(str(n)) for n in range(3000)])
    assert refused.value.reason == "full"
    assert "n'a pas pu être enregistré : le disque est plein" in refused.value.message
    assert "réessaiera" in refused.value.message
    assert [e.step for e in store.events()] == ["first"]  # nothing half-written
    with pytest.raises(StoreWriteError):
        store.set_meta("x", "y" * 200_000)
    with pytest.raises(StoreWriteError) as refused:
        _import(store, SHOP_A, [_event(str(n)) for n in range(3000)])
    assert "fichier de progrès reçu" in refused.value.message


def test_a_read_only_database_is_reported_as_not_saved(store: ProgressStore) -> None:
    from sqlalchemy import event

    store.warm_up()
    assert store._engine is not None
    store._engine.dispose()
    event.listen(store._engine, "connect", lambda c, _r: c.execute("PRAGMA query_only = 1"))
    with pytest.raises(StoreWriteError) as refused:
        store.append([_event("a")])
    assert refused.value.reason == "read-only"
    assert "lecture seule" in refused.value.message


@pytest.mark.parametrize(
    ("text", "gone", "reason"),
    [
        ("database or disk is full", False, "full"),
        ("attempt to write a readonly database", False, "read-only"),
        ("unable to open database file", True, "missing"),
        ("disk I/O error", True, "missing"),
        ("database is locked", False, "busy"),
    ],
)
def test_failure_reasons(tmp_path: Path, text: str, gone: bool, reason: str) -> None:
    folder = tmp_path / ("gone" if gone else "")
    assert failure_reason(sqlite3.OperationalError(text), folder) == reason
    assert failure_reason(OSError(errno.ENOSPC, "No space left on device"), tmp_path) == "full"


def test_a_data_folder_that_vanished_is_a_read_error_not_a_new_database(tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    store = ProgressStore.open(folder / "progress.sqlite")
    store.close()
    shutil.rmtree(folder)
    with pytest.raises(StoreReadError) as refused:
        store.events()
    assert refused.value.reason == "missing"
    assert not folder.exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_a_read_only_data_folder_cannot_be_created_in(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreWriteError) as refused:
            ProgressStore.open(folder / "progress.sqlite")
        assert refused.value.reason == "read-only"
    finally:
        folder.chmod(0o700)


def test_a_write_after_the_data_folder_vanished_is_not_saved(tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    store = ProgressStore.open(folder / "progress.sqlite")
    store.append([_event("before")])  # the engine holds an open connection to the file
    kept = tmp_path / "kept"
    shutil.copytree(folder, kept)
    shutil.rmtree(folder)
    with pytest.raises(StoreWriteError) as refused:
        store.append([_event("lost")])
    assert refused.value.reason == "missing"
    assert "introuvable" in refused.value.message
    assert not folder.exists()  # never created again, empty
    shutil.copytree(kept, folder)  # the USB key is back (another file for the system)
    assert store.append([_event("after")]) == 1
    assert [e.step for e in store.events()] == ["before", "after"]
    store.close()


# -- an odd entry named progress.sqlite (folder, FIFO, device link) is damage, never opened ----
def _without_blocking(work: Any) -> Any:
    """Run ``work()`` in a thread: a FIFO opened by mistake would block it (the test fails
    instead of hanging)."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            outcome["error"] = error

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "blocked on a FIFO or a device"
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def _odd_entry(path: Path, kind: str) -> None:
    for suffix in ("", "-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.is_dir() and not side.is_symlink():
            shutil.rmtree(side)
        else:
            side.unlink(missing_ok=True)
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "dangling-link":
        path.symlink_to(path.with_name("nowhere.sqlite"))


def _still_there(path: Path, kind: str) -> bool:
    if kind == "folder":
        return path.is_dir() and not path.is_symlink()
    if kind == "fifo":
        return stat.S_ISFIFO(path.lstat().st_mode)
    return path.is_symlink()


ODD = pytest.mark.parametrize(
    "kind",
    [
        "folder",
        pytest.param("fifo", marks=pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX")),
        pytest.param("dev-zero", marks=pytest.mark.skipif(not Path("/dev/zero").exists(), reason="POSIX")),
        pytest.param("dangling-link", marks=pytest.mark.skipif(os.name != "posix", reason="POSIX links")),
    ],
)


@ODD
@pytest.mark.parametrize("with_backup", [True, False])
def test_an_odd_entry_as_database_is_damage_not_an_unplugged_key(
    tmp_path: Path, kind: str, with_backup: bool
) -> None:
    from lbpmv_desktop.core.progress import backup

    if with_backup:
        database, made = _good_backup(tmp_path)
    else:
        database, made = tmp_path / "progress.sqlite", None
    _odd_entry(database, kind)
    for attempt in (lambda: ProgressStore.open(database), lambda: inspect_database(database)):
        with pytest.raises(DamagedDatabaseError) as refused:
            _without_blocking(attempt)
        assert "n'est pas un fichier ordinaire" in refused.value.message
        assert "introuvable" not in refused.value.message
        assert "débranché" not in refused.value.message
        assert _still_there(database, kind)  # never deleted, never replaced by an empty database
    assert backup.latest_good_backup(tmp_path / "backups") == made
    if kind == "dangling-link":
        assert not database.with_name("nowhere.sqlite").exists()  # no database created through it


@ODD
def test_restoring_moves_an_odd_entry_aside(tmp_path: Path, kind: str) -> None:
    from lbpmv_desktop.core.progress import backup

    database, made = _good_backup(tmp_path)
    _odd_entry(database, kind)
    aside = _without_blocking(
        lambda: backup.restore_backup(made, database, tmp_path / "quarantine", datetime(2026, 11, 22, 9, 0))
    )
    moved = aside / database.name
    assert _still_there(moved, kind)  # kept aside, never deleted
    assert database.is_file()
    assert not database.is_symlink()
    store = ProgressStore.open(database)
    assert store.count() == 3
    store.close()


@ODD
def test_a_write_when_the_database_became_an_odd_entry_is_not_blamed_on_a_missing_folder(
    tmp_path: Path, kind: str
) -> None:
    store = ProgressStore.open(tmp_path / "progress.sqlite")
    store.append([_event("a")])
    _odd_entry(store.path, kind)
    with pytest.raises((StoreWriteError, DamagedDatabaseError)) as refused:
        _without_blocking(lambda: store.append([_event("b")]))
    assert "introuvable" not in refused.value.message
    assert "fichier ordinaire" in refused.value.message
    with pytest.raises(DamagedDatabaseError):
        _without_blocking(store.events)
    store.close()
    assert _still_there(store.path, kind)


# -- a restore keeps the newest PIN trace ------------------------------------------------------
PIN_KEY = "animator_pin"


def _pin_backup(tmp_path: Path) -> tuple[Path, Path]:
    """A database whose backup holds the old PIN trace, while the database holds the new one."""
    from lbpmv_desktop.core.progress import backup

    database = tmp_path / "progress.sqlite"
    store = ProgressStore.open(database)
    store.append([_event("1"), _event("2")])
    store.set_meta(PIN_KEY, '{"set": true, "digest": "old"}')
    made = backup.make_backup(database, tmp_path / "backups", datetime(2026, 11, 20, 9, 0))
    assert made is not None
    store.set_meta(PIN_KEY, '{"set": true, "digest": "new"}')
    store.close()
    return database, made


def _restore(tmp_path: Path, made: Path, database: Path) -> ProgressStore:
    from lbpmv_desktop.core.progress import backup

    _without_blocking(
        lambda: backup.restore_backup(made, database, tmp_path / "quarantine", datetime(2026, 11, 22, 9, 0))
    )
    return ProgressStore.open(database)


def test_a_restore_keeps_the_pin_trace_of_the_replaced_database(tmp_path: Path) -> None:
    database, made = _pin_backup(tmp_path)
    connection = sqlite3.connect(database)
    connection.execute("UPDATE events SET data = '{broken' WHERE step = '2'")  # damaged: a bad row
    connection.commit()
    connection.close()
    quarantined = database.read_bytes()
    store = _restore(tmp_path, made, database)
    assert store.get_meta(PIN_KEY) == '{"set": true, "digest": "new"}'
    assert [e.step for e in store.events()] == ["1", "2"]
    store.close()
    (aside,) = (tmp_path / "quarantine").iterdir()
    assert (aside / database.name).read_bytes() == quarantined  # the damaged file left as it was
    assert sorted(p.name for p in aside.iterdir()) == [database.name]
    assert backup_pin(made) == '{"set": true, "digest": "old"}'  # the backup itself is untouched


def backup_pin(path: Path) -> str | None:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        rows = connection.execute("SELECT value FROM meta WHERE key = ?", (PIN_KEY,)).fetchall()
    finally:
        connection.close()
    return str(rows[0][0]) if rows else None


def test_a_restore_keeps_a_pin_trace_still_in_the_write_ahead_log(tmp_path: Path) -> None:
    database, made = _pin_backup(tmp_path)
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA wal_autocheckpoint=0")
    connection.execute('UPDATE meta SET value = \'{"digest": "newest"}\' WHERE key = ?', (PIN_KEY,))
    connection.commit()
    for suffix in ("", "-wal"):  # the app stopped here: the newest trace is only in the log
        shutil.copyfile(database.with_name(database.name + suffix), crashed / (database.name + suffix))
    connection.close()
    assert backup_pin(crashed / database.name) != '{"digest": "newest"}'  # not in the main file
    store = _restore(crashed, made, crashed / database.name)
    assert store.get_meta(PIN_KEY) == '{"digest": "newest"}'
    store.close()
    (aside,) = (crashed / "quarantine").iterdir()
    assert sorted(p.name for p in aside.iterdir()) == [database.name, database.name + "-wal"]


@pytest.mark.parametrize("replaced", ["garbage", "no-trace", "fifo"])
def test_a_restore_keeps_the_backups_trace_when_the_replaced_one_cannot_be_read(
    tmp_path: Path, replaced: str
) -> None:
    database, made = _pin_backup(tmp_path)
    if replaced == "garbage":
        database.write_bytes(b"SQLite format 3\x00" + os.urandom(20_000))
    elif replaced == "no-trace":
        connection = sqlite3.connect(database)
        connection.execute("DELETE FROM meta WHERE key = ?", (PIN_KEY,))
        connection.commit()
        connection.close()
    else:
        if not hasattr(os, "mkfifo"):
            pytest.skip("POSIX")
        _odd_entry(database, "fifo")
    store = _restore(tmp_path, made, database)
    assert store.get_meta(PIN_KEY) == '{"set": true, "digest": "old"}'
    assert store.count() == 2
    store.close()


# -- a backups folder holding hostile entries -------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs and links")
def test_hostile_entries_in_the_backups_folder_never_block_and_are_never_offered(tmp_path: Path) -> None:
    from lbpmv_desktop.core.progress import backup

    database, good = _good_backup(tmp_path)
    folder = good.parent
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "precious.sqlite"
    shutil.copyfile(good, victim)  # a good database outside: a link to it is still not a backup
    victim_bytes = victim.read_bytes()
    os.mkfifo(folder / "progress-20261130-120000.sqlite")
    (folder / "progress-20261129-120000.sqlite").symlink_to(victim)
    (folder / "progress-20261129-120000.sqlite-wal").symlink_to(outside / "precious.sqlite-wal")
    (outside / "precious.sqlite-wal").write_bytes(b"keep me")
    (folder / "progress-20261128-120000.sqlite").symlink_to("/etc/passwd")
    with open(folder / "progress-20261127-120000.sqlite", "wb") as sparse:
        sparse.truncate(20 * 1024**3)  # 20 GB of nothing, taking no room
    (folder / "progress-20261126-120000.sqlite").mkdir()
    (folder / "progress-20261126-120000.sqlite" / "inside.txt").write_text("keep me")

    assert _without_blocking(lambda: backup.latest_good_backup(folder)) == good
    listed = _without_blocking(lambda: backup.backups(folder))
    # Only regular files are listed: the sparse one is, but it is never offered (above)…
    assert listed == [folder / "progress-20261127-120000.sqlite", good]
    # A FIFO named for today does not stand for today's backup.
    made = _without_blocking(lambda: backup.make_backup(database, folder, datetime(2026, 11, 30, 9, 0)))
    assert made is not None
    assert backup.usable(made)
    # Seventy more days: the rotation removes old backups and the links, never what they point to.
    for day in range(70):
        moment = datetime(2026, 12, 1, 9, 0) + timedelta(days=day)
        _without_blocking(lambda moment=moment: backup.make_backup(database, folder, moment))
    assert victim.read_bytes() == victim_bytes
    assert (outside / "precious.sqlite-wal").read_bytes() == b"keep me"
    assert Path("/etc/passwd").is_file()
    assert not (folder / "progress-20261129-120000.sqlite").is_symlink()  # links are removed
    assert not (folder / "progress-20261128-120000.sqlite").is_symlink()
    assert (folder / "progress-20261126-120000.sqlite" / "inside.txt").read_text() == "keep me"
    assert not (folder / "progress-20261127-120000.sqlite").exists()  # …and rotated out
    assert stat.S_ISFIFO((folder / "progress-20261130-120000.sqlite").lstat().st_mode)  # left alone
    assert len(backup.backups(folder)) == backup.KEEP + backup.KEEP_WEEKLY
    assert all(p.is_file() and not p.is_symlink() for p in backup.backups(folder))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_a_side_file_that_is_a_fifo_is_damage_and_moved_aside(tmp_path: Path, suffix: str) -> None:
    from lbpmv_desktop.core.progress import backup

    database, made = _good_backup(tmp_path)
    side = database.with_name(database.name + suffix)
    side.unlink(missing_ok=True)
    os.mkfifo(side)
    with pytest.raises(DamagedDatabaseError) as refused:
        _without_blocking(lambda: ProgressStore.open(database))
    assert refused.value.not_regular
    assert stat.S_ISFIFO(side.lstat().st_mode)
    aside = _without_blocking(
        lambda: backup.restore_backup(made, database, tmp_path / "quarantine", datetime(2026, 11, 22, 9, 0))
    )
    assert stat.S_ISFIFO((aside / side.name).lstat().st_mode)
    store = ProgressStore.open(database)
    assert store.count() == 3
    store.close()


def test_carrying_the_pin_into_an_old_wal_mode_backup_leaves_a_whole_plain_file(tmp_path: Path) -> None:
    from lbpmv_desktop.core.progress import backup

    database, made = _pin_backup(tmp_path)
    old = made.with_name("progress-20261101-080000.sqlite")
    source, copy = sqlite3.connect(made), sqlite3.connect(old)
    copy.execute("PRAGMA journal_mode=WAL").fetchall()
    source.backup(copy)
    source.close()
    copy.close()
    assert old.read_bytes()[18:20] == b"\x02\x02"  # still in WAL mode, as older versions made them
    aside = backup.restore_backup(old, database, tmp_path / "quarantine", datetime(2026, 11, 22, 9, 0))
    for suffix in ("-wal", "-shm", "-journal", ".restoring"):
        assert not database.with_name(database.name + suffix).exists()
    assert database.read_bytes()[18:20] == b"\x01\x01"  # a plain file: no side file holds a page of it
    assert backup.usable(database)
    assert backup_pin(database) == '{"set": true, "digest": "new"}'
    assert (aside / database.name).is_file()
    store = ProgressStore.open(database)
    assert store.count() == 2
    store.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX links and FIFOs")
@pytest.mark.parametrize("kind", ["folder", "link", "fifo"])
@pytest.mark.parametrize("database", ["none", "version-0002"])
def test_a_lock_file_that_is_not_a_file_is_renamed_aside_never_followed(
    tmp_path: Path, kind: str, database: str
) -> None:
    path = tmp_path / "progress.sqlite"
    if database == "version-0002":
        _version_0002(path, events=5)  # a fine database that needs the lock to be migrated
    lock = path.with_name(path.name + ".lock")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    if kind == "folder":
        lock.mkdir()
        (lock / "inside.txt").write_text("keep me too")
    elif kind == "link":
        lock.symlink_to(victim)
    else:
        os.mkfifo(lock)
    store = _without_blocking(lambda: ProgressStore.open(path))
    assert store._read("SELECT count(*) FROM events") == [(5 if database == "version-0002" else 0,)]
    assert inspect_database(path) == REVISIONS[-1]
    store.close()
    assert victim.read_text() == "keep me"
    (aside,) = tmp_path.glob("progress.sqlite.lock.not-a-file-*")  # renamed, never deleted
    if kind == "folder":
        assert (aside / "inside.txt").read_text() == "keep me too"
    elif kind == "link":
        assert aside.is_symlink()
    else:
        assert stat.S_ISFIFO(aside.lstat().st_mode)
    assert not os.path.lexists(lock) or stat.S_ISREG(lock.lstat().st_mode)


@pytest.mark.parametrize("text", ["disk I/O error", "unable to open database file"])
def test_a_nearly_full_disk_is_called_full_not_unplugged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    import shutil

    from lbpmv_desktop.core.progress import store as store_module

    # SQLite says this when it cannot make its side file on a full disk; the folder is there.
    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(store_module.shutil, "disk_usage", lambda _p: usage._replace(free=10**10))
    assert failure_reason(sqlite3.OperationalError(text), tmp_path) == "missing"
    monkeypatch.setattr(store_module.shutil, "disk_usage", lambda _p: usage._replace(free=4096))
    assert failure_reason(sqlite3.OperationalError(text), tmp_path) == "full"
