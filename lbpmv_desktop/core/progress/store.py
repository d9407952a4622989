"""The local progress store: SQLite through SQLAlchemy, migrated by Alembic.

The store refuses a database written by a newer app version without touching it, and reports a
damaged one so the app can offer the latest good backup. Every write is one transaction through
a SQLAlchemy Session. SQLAlchemy and Alembic are imported only when first needed: reading the
log at start-up uses the standard ``sqlite3`` module, which keeps the app's start fast.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lbpmv_desktop.core.errors import UserError
from lbpmv_desktop.core.progress.backup import sqlite_uri
from lbpmv_desktop.core.progress.events import Event

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

# Every revision this version knows, oldest first; the last one is the head.
REVISIONS = ("0001_initial", "0002_shops", "0003_trust")
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class NewerDatabaseError(UserError):
    def __init__(self, revision: str) -> None:
        super().__init__(
            "Ces données ont été enregistrées par une version plus récente de l'application. "
            "Mettez l'application à jour : vos données n'ont pas été modifiées."
        )
        self.revision = revision


class DamagedDatabaseError(UserError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            "Le fichier de vos progrès est abîmé. La dernière sauvegarde correcte peut le remplacer."
        )
        self.detail = detail


def inspect_database(path: Path) -> str | None:
    """Check a database without writing to it.

    Returns:
        The schema revision, or None for a database that does not exist yet or is empty.

    Raises:
        NewerDatabaseError: the revision is unknown to this version.
        DamagedDatabaseError: the file is not a healthy SQLite database.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    # Without a pending WAL, "immutable" reads the file without creating -wal/-shm side files,
    # so a database we end up refusing is left exactly as it was.
    wal = path.with_name(path.name + "-wal")
    options = "mode=ro" if wal.exists() and wal.stat().st_size else "mode=ro&immutable=1"
    try:
        connection = sqlite3.connect(sqlite_uri(path, options), uri=True)
        try:
            check = connection.execute("PRAGMA quick_check").fetchall()
            if check != [("ok",)]:
                raise DamagedDatabaseError(str(check[:3]))
            tables = {
                row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "alembic_version" not in tables:
                if tables - {"sqlite_sequence"}:
                    raise DamagedDatabaseError("tables without a schema version")
                return None
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise DamagedDatabaseError(str(error)) from error
    if len(rows) != 1:
        raise DamagedDatabaseError("no schema version")
    revision = str(rows[0][0])
    if revision not in REVISIONS:
        raise NewerDatabaseError(revision)
    return revision


SHARING_STATES = ("active", "stopped", "erased")


def _instant(text: str | None) -> datetime | None:
    """An ISO time as an aware datetime (naive ones are UTC), or None when absent or unreadable."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _is_newer(candidate: str, stored: str | None) -> bool:
    """True when ``candidate`` is later than ``stored`` (an absent or unreadable stored time is older)."""
    new, old = _instant(candidate), _instant(stored)
    if new is None:
        return False
    return old is None or new > old


def _summary(text: Any) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _create_engine(path: Path) -> Engine:
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    return engine


def _migrate(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _event_row(event: Event, shop: str) -> dict[str, Any]:
    """An event as a row of the ``events`` table."""
    return {
        "uuid": event.id,
        "kind": event.kind,
        "at": event.at.isoformat(),
        "device": event.device,
        "tutorial": event.tutorial,
        "step": event.step,
        "data": json.dumps(event.data, ensure_ascii=False, sort_keys=True),
        "shop": shop,
    }


def _row_to_event(row: tuple[Any, ...]) -> Event:
    uuid_, kind, at, device, tutorial, step, data = row
    return Event(
        id=uuid_,
        kind=kind,
        at=datetime.fromisoformat(at),
        device=device,
        tutorial=tutorial,
        step=step,
        data=json.loads(data),
    )


class ProgressStore:
    """The event log of this install.

    Use ``ProgressStore.open``; one Session is opened per operation, in the calling thread.

    Attributes:
        path: the SQLite file.
        device: this install's device id.
    """

    def __init__(self, path: Path, engine: Engine | None = None) -> None:
        self.path = path
        self._engine = engine
        self._session_factory: sessionmaker[Session] | None = None
        self.device = self._meta_or_create("device_id", lambda: uuid.uuid4().hex[:16])
        self.shop_id = self._meta_or_create("shop_id", lambda: str(uuid.uuid4()))

    @classmethod
    def open(cls, path: Path) -> ProgressStore:
        """Open (creating or migrating) the store at ``path``.

        Raises:
            NewerDatabaseError, DamagedDatabaseError: see ``inspect_database``.
        """
        revision = inspect_database(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if revision == REVISIONS[-1]:
            return cls(path)
        engine = _create_engine(path)
        _migrate(engine)
        return cls(path, engine)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()

    def warm_up(self) -> None:
        """Import and connect SQLAlchemy now (in a worker) so the first write is quick."""
        self._session().close()

    def _session(self) -> Session:
        if self._session_factory is None:
            from sqlalchemy.orm import sessionmaker

            if self._engine is None:
                self._engine = _create_engine(self.path)
            self._session_factory = sessionmaker(self._engine, expire_on_commit=False)
        return self._session_factory()

    def _read(self, query: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        connection = sqlite3.connect(self.path, timeout=10)
        try:
            return connection.execute(query, parameters).fetchall()
        finally:
            connection.close()

    def get_meta(self, key: str) -> str | None:
        rows = self._read("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def set_meta(self, key: str, value: str) -> None:
        from lbpmv_desktop.core.progress.models import MetaRow

        with self._session() as session, session.begin():
            session.merge(MetaRow(key=key, value=value))

    def _meta_or_create(self, key: str, make: Callable[[], str]) -> str:
        value = self.get_meta(key)
        if value is not None:
            return value
        from lbpmv_desktop.core.progress.models import MetaRow

        with self._session() as session, session.begin():
            row = session.get(MetaRow, key)
            if row is None:
                row = MetaRow(key=key, value=make())
                session.add(row)
            return row.value

    def append(self, events: Iterable[Event], shop: str | None = None) -> int:
        """Add events of ``shop`` (this install's own by default) in one transaction; events already
        present in that shop (same id) are skipped.

        Returns:
            How many events were new.
        """
        owner = shop or self.shop_id
        rows = [_event_row(e, owner) for e in events]
        rows = list({row["uuid"]: row for row in rows}.values())
        if not rows:
            return 0
        added = 0
        from sqlalchemy import select
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        from lbpmv_desktop.core.progress.models import EventRow

        with self._session() as session, session.begin():
            for first in range(0, len(rows), 500):
                chunk = rows[first : first + 500]
                present = set(
                    session.scalars(
                        select(EventRow.uuid).where(
                            EventRow.shop == owner, EventRow.uuid.in_([r["uuid"] for r in chunk])
                        )
                    )
                )
                fresh = [r for r in chunk if r["uuid"] not in present]
                if fresh:
                    session.execute(
                        sqlite_insert(EventRow).on_conflict_do_nothing(index_elements=["shop", "uuid"]), fresh
                    )
                    added += len(fresh)
        return added

    def events(self, shop: str | None = None) -> list[Event]:
        """Every event of ``shop`` (this install's own by default), oldest first."""
        rows = self._read(
            "SELECT uuid, kind, at, device, tutorial, step, data FROM events WHERE shop = ? ORDER BY at, seq",
            (shop or self.shop_id,),
        )
        return [_row_to_event(row) for row in rows]

    def count(self, shop: str | None = None) -> int:
        return int(self._read("SELECT count(*) FROM events WHERE shop = ?", (shop or self.shop_id,))[0][0])

    def shop(self, shop_id: str) -> dict[str, Any] | None:
        rows = self._read("SELECT public_key, name, code FROM shops WHERE shop_id = ?", (shop_id,))
        return {"public_key": rows[0][0], "name": rows[0][1], "code": rows[0][2]} if rows else None

    def import_shop(
        self,
        *,
        shop_id: str,
        name: str,
        public_key: str,
        code: str,
        now: str,
        events: list[Event],
        summary: str,
        file_received: bool = True,
        file_at: str | None = None,
        sharing: str | None = None,
    ) -> int:
        """Trust (or update) a shop and add its new events, all in one transaction.

        Events already stored for this shop (same id) are kept as they are. ``summary`` is always
        replaced. ``received_at`` becomes ``now`` when a file was received. The shop's name,
        ``last_file_at`` and (when given) ``sharing`` / ``sharing_at`` change only when the file is
        newer than the newest one received so far: ``file_at`` is when the shop's app wrote it
        (``now`` stands for it when unknown), so replaying an older file never brings back an
        older name or time.

        Returns:
            How many events were new.
        """
        from sqlalchemy import func, select
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        from lbpmv_desktop.core.progress.models import EventRow, ShopRow

        if sharing is not None and sharing not in SHARING_STATES:
            raise ValueError(f"unknown sharing state {sharing!r}")
        written = file_at if file_at is not None else (now if file_received else None)
        rows = list({r["uuid"]: r for r in (_event_row(e, shop_id) for e in events)}.values())
        with self._session() as session, session.begin():
            shop = session.get(ShopRow, shop_id)
            if shop is None:
                shop = ShopRow(
                    shop_id=shop_id,
                    name=name,
                    public_key=public_key,
                    code=code,
                    trusted_at=now,
                    last_file_at=written,
                    received_at=now if file_received else None,
                    summary=summary,
                    sharing=sharing or "active",
                    sharing_at=written if sharing is not None else None,
                )
                session.add(shop)
            else:
                shop.summary = summary
                if file_received:
                    shop.received_at = now
                if written is not None and _is_newer(written, shop.last_file_at):
                    shop.name, shop.last_file_at = name, written
                    if sharing is not None:
                        shop.sharing, shop.sharing_at = sharing, written
            before = session.scalar(
                select(func.count()).select_from(EventRow).where(EventRow.shop == shop_id)
            )
            for first in range(0, len(rows), 2000):
                session.execute(
                    sqlite_insert(EventRow).on_conflict_do_nothing(index_elements=["shop", "uuid"]),
                    rows[first : first + 2000],
                )
            after = session.scalar(select(func.count()).select_from(EventRow).where(EventRow.shop == shop_id))
        return int(after or 0) - int(before or 0)

    def delete_shop_events(self, shop_id: str) -> int:
        """Delete every event of ``shop_id`` (its merchant erased their data); the shop row stays.

        Returns:
            How many events were deleted.
        """
        from sqlalchemy import delete

        from lbpmv_desktop.core.progress.models import EventRow

        with self._session() as session, session.begin():
            result = session.execute(delete(EventRow).where(EventRow.shop == shop_id))
        return int(getattr(result, "rowcount", 0) or 0)

    def erase_events(self) -> None:
        """Delete every event (the merchant asked to erase their data)."""
        from sqlalchemy import delete

        from lbpmv_desktop.core.progress.models import EventRow, ShopRow

        with self._session() as session, session.begin():
            session.execute(delete(EventRow))
            session.execute(delete(ShopRow))


def export_document(store: ProgressStore, app_version: str, now: datetime) -> dict[str, Any]:
    """Everything the app knows about this shop, as one JSON-compatible document."""
    return {
        "format": "lbpmv-export",
        "format_version": 1,
        "app_version": app_version,
        "exported_at": now.isoformat(),
        "shop_id": store.shop_id,
        "device": store.device,
        "events": [e.as_json() for e in store.events()],
    }


SHOP_KEYS = (
    "shop_id",
    "name",
    "public_key",
    "code",
    "trusted_at",
    "last_file_at",
    "summary",
    "received_at",
    "sharing",
    "sharing_at",
)


def shop_rows(store: ProgressStore) -> list[dict[str, Any]]:
    """The shops this install follows (animator side), with their stored summaries.

    Each row has the keys of ``SHOP_KEYS``; ``summary`` is decoded (an empty dict when unreadable).
    """
    rows = store._read(f"SELECT {', '.join(SHOP_KEYS)} FROM shops ORDER BY name")
    found = [dict(zip(SHOP_KEYS, row, strict=True)) for row in rows]
    for row in found:
        row["summary"] = _summary(row["summary"])
    return found
