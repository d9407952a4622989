"""The store keeps every shop's events apart, never loses data and says plainly what failed."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest

from lbpmv_desktop.core.progress import events as ev
from lbpmv_desktop.core.progress.store import REVISIONS, ProgressStore, shop_rows

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

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


def test_delete_shop_events_keeps_the_other_shops(store: ProgressStore) -> None:
    _import(store, SHOP_A, [_event("a1"), _event("a2")])
    _import(store, SHOP_B, [_event("b1")])
    store.append([_event("own")])
    assert store.delete_shop_events(SHOP_A) == 2
    assert store.events(SHOP_A) == []
    assert store.count(SHOP_B) == 1
    assert store.count() == 1
    assert [row["shop_id"] for row in shop_rows(store)] == [SHOP_A, SHOP_B]


def test_an_existing_database_migrates_keeping_every_event(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite"
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
    for n in range(300):
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
