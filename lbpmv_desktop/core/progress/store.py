"""The local progress store: SQLite through SQLAlchemy, migrated by Alembic.

The store refuses a database written by a newer app version without touching it, and reports a
damaged one (unreadable, empty beside a good backup, or holding a bad row) so the app can offer
the latest good backup. Every write is one transaction through a SQLAlchemy Session; a write the
disk refuses raises ``StoreWriteError`` saying plainly that it was not saved. Creating and
migrating the database happen under an inter-process lock, so two starts at the same moment both
work. The database and its side files are private to the user (0600).

SQLAlchemy and Alembic are imported only when first needed: reading the log at start-up uses the
standard ``sqlite3`` module, which keeps the app's start fast.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import sqlite3
import stat
import sys
import threading
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lbpmv_desktop.core.errors import UserError
from lbpmv_desktop.core.fileio import UnsafeFile, check_regular
from lbpmv_desktop.core.progress.backup import latest_good_backup, make_private, sqlite_uri
from lbpmv_desktop.core.progress.events import Event

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

# Every revision this version knows, oldest first; the last one is the head.
REVISIONS = ("0001_initial", "0002_shops", "0003_trust")
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SIDE_FILES = ("-wal", "-shm", "-journal")
LOCK_SUFFIX = ".lock"
LOCK_TIMEOUT_S = 120.0
SHARING_STATES = ("active", "stopped", "erased")
FUTURE_SLACK = timedelta(days=1)  # a file's time may run ahead of this computer's clock by this much
REMOVED_AT_KEY = "events_removed_at"  # the same name is read by backup.py


class NewerDatabaseError(UserError):
    def __init__(self, revision: str) -> None:
        super().__init__(
            "Ces données ont été enregistrées par une version plus récente de l'application. "
            "Mettez l'application à jour : vos données n'ont pas été modifiées."
        )
        self.revision = revision


class DamagedDatabaseError(UserError):
    """The database cannot be used: the app offers the latest good backup.

    Attributes:
        detail: what is wrong (for the log).
        not_regular: the entry named like the database is not a regular file (a folder, a FIFO,
            a device or a link to one, a link to nothing): it was never opened.
    """

    def __init__(self, detail: str, *, not_regular: bool = False) -> None:
        what = (
            "Le fichier de vos progrès n'est pas un fichier ordinaire (un dossier ou un fichier "
            "spécial porte son nom) : il n'a pas été ouvert."
            if not_regular
            else "Le fichier de vos progrès est abîmé."
        )
        super().__init__(f"{what} La dernière sauvegarde correcte peut le remplacer.")
        self.detail = detail
        self.not_regular = not_regular


# Why the disk refused: the reason, then what it means and what to do (the app retries or not).
_CAUSES = {
    "full": "le disque est plein. Libérez de la place (videz la corbeille, supprimez des fichiers inutiles)",
    "read-only": (
        "le dossier de vos données est en lecture seule. Demandez à la personne qui s'occupe de cet "
        "ordinateur de vous redonner le droit d'y écrire"
    ),
    "missing": (
        "le dossier de vos données est introuvable (une clé USB ou un disque a-t-il été débranché ?). "
        "Rebranchez-le"
    ),
    "busy": "le fichier de vos progrès est occupé par une autre fenêtre de l'application. Fermez-la",
    "other": "l'ordinateur a refusé d'écrire sur le disque. Vérifiez le disque",
}


class StoreWriteError(UserError):
    """The disk or the system refused a write: nothing of it was saved.

    Attributes:
        reason: "full", "read-only", "missing", "busy" or "other".
        detail: the system's own words (for the log).
    """

    def __init__(self, reason: str, detail: str, *, subject: str, retry: bool = True) -> None:
        cause = _CAUSES.get(reason, _CAUSES["other"])
        then = "l'application réessaiera toute seule." if retry else "puis réessayez."
        super().__init__(f"{subject} : {cause}, {then}")
        self.reason = reason
        self.detail = detail


class StoreReadError(UserError):
    """The system refused to read the database (folder gone, no permission, file busy).

    Attributes:
        reason: as for ``StoreWriteError``.
        detail: the system's own words (for the log).
    """

    def __init__(self, reason: str, detail: str) -> None:
        cause = _CAUSES.get(reason, _CAUSES["other"]).replace("d'écrire sur", "de lire")
        super().__init__(f"Vos progrès n'ont pas pu être lus : {cause}, puis relancez l'application.")
        self.reason = reason
        self.detail = detail


APPEND_SUBJECT = "Ce que vous venez de faire n'a pas pu être enregistré"
IMPORT_SUBJECT = "Le fichier de progrès reçu n'a pas pu être enregistré"
META_SUBJECT = "Ce réglage n'a pas pu être enregistré"
ERASE_SUBJECT = "Vos données n'ont pas pu être effacées"
DELETE_SHOP_SUBJECT = "L'effacement des données de ce commerce n'a pas pu être enregistré"
OPEN_SUBJECT = "Le fichier de vos progrès n'a pas pu être préparé"

# SQLite's words for a schema or a file that is not what it should be (damage, not a refusal).
_DAMAGE_WORDS = ("malformed", "not a database", "no such table", "no such column", "file is encrypted")


NEARLY_FULL_BYTES = 1 << 20  # less free space than this, and SQLite cannot make its side files


def failure_reason(error: BaseException, folder: Path) -> str:
    """Why a write or read failed: "full", "read-only", "missing", "busy" or "other"."""
    original = getattr(error, "orig", None) or error
    text = str(original).lower()
    number = getattr(original, "errno", None)
    if (
        number in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
        or "full" in text
        or "no space" in text
        or "quota" in text
    ):
        return "full"
    if "locked" in text or "busy" in text or isinstance(original, TimeoutError):
        return "busy"
    if not folder.is_dir():
        return "missing"
    if number in (errno.EROFS, errno.EACCES, errno.EPERM) or "readonly" in text or "read-only" in text:
        return "read-only"
    if not os.access(folder, os.W_OK):
        return "read-only"
    if (
        "unable to open" in text
        or "disk i/o" in text
        or number in (errno.EIO, errno.ENODEV, errno.ENXIO, errno.ENOENT, errno.ENOTDIR)
    ):
        # SQLite says « disk I/O error » or « unable to open » when its 32 KiB side file cannot
        # be made on a full disk: the folder is there and nearly full, it is not unplugged.
        with contextlib.suppress(OSError):
            if shutil.disk_usage(folder).free < NEARLY_FULL_BYTES:
                return "full"
        return "missing"
    return "other"


def _is_damage(error: BaseException) -> bool:
    original = getattr(error, "orig", None) or error
    if isinstance(original, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError):
        return False
    text = str(original).lower()
    if isinstance(original, sqlite3.OperationalError):
        return any(word in text for word in _DAMAGE_WORDS)
    return isinstance(original, sqlite3.DatabaseError)


def _is_refusal(error: BaseException) -> bool:
    """True for an error of the disk or system (not a bug): OSError or SQLite's operational errors."""
    original = getattr(error, "orig", None) or error
    return isinstance(original, OSError | sqlite3.OperationalError)


@contextlib.contextmanager
def _writing(path: Path, subject: str, *, retry: bool = True) -> Iterator[None]:
    """Turn the disk's refusals inside the block into ``StoreWriteError`` (damage into
    ``DamagedDatabaseError``); a ``UserError`` and real bugs pass unchanged."""
    try:
        yield
    except UserError:
        raise
    except Exception as error:
        if _is_damage(error):
            raise DamagedDatabaseError(str(error)) from error
        if _is_refusal(error):
            raise StoreWriteError(
                failure_reason(error, path.parent), str(error), subject=subject, retry=retry
            ) from error
        raise


def _entry(path: Path) -> os.stat_result | None:
    """What is at ``path`` and beside it (side files), checked without opening anything.

    Returns:
        The database's status, or None when nothing is there.

    Raises:
        DamagedDatabaseError: the database or one of its side files is not a regular file (a
            folder, a FIFO, a device, a link to one or to nothing): SQLite must never open it
            (a FIFO would block, a device would flood).
        StoreReadError: the system refused to look (no permission on the folder).
    """
    found: os.stat_result | None = None
    for suffix in ("", *SIDE_FILES):
        entry = path.with_name(path.name + suffix)
        try:
            os.lstat(entry)
        except FileNotFoundError:
            continue
        except OSError as error:
            raise StoreReadError(failure_reason(error, path.parent), str(error)) from error
        try:
            info = check_regular(entry, sys.maxsize)
        except UnsafeFile as error:
            raise DamagedDatabaseError(f"{entry.name}: {error.reason}", not_regular=True) from None
        if not suffix:
            found = info
    return found


def _move_odd_lock_aside(lock: Path) -> None:
    """Rename aside (never delete, never open) a folder, FIFO or link standing where the lock
    file goes: the lock never follows links and cannot be a folder, and the database beside it
    may be perfectly fine (it must not look damaged nor be replaced by an older backup)."""
    try:
        info = os.lstat(lock)
    except OSError:
        return  # absent, or refused: the lock itself reports a refusal
    if stat.S_ISREG(info.st_mode):
        return
    aside = lock.with_name(f"{lock.name}.not-a-file-{uuid.uuid4().hex[:8]}")
    with contextlib.suppress(FileNotFoundError):  # another start moved it first
        os.rename(lock, aside)


def _probe(path: Path) -> tuple[str | None, bool]:
    """Check a database without writing to it.

    Returns:
        The schema revision (None for a database that does not exist yet, is empty or has no
        table at all) and whether this install's ids are already stored.

    Raises:
        NewerDatabaseError: the revision is unknown to this version.
        DamagedDatabaseError: the file is not a healthy SQLite database of this app.
    """
    found = _entry(path)
    if found is None or found.st_size == 0:
        return None, False
    # When no other connection has the database open (no side files), "immutable" reads the file
    # without creating -wal/-shm side files, so a database we end up refusing is left as it was.
    busy = any(path.with_name(path.name + suffix).exists() for suffix in SIDE_FILES)
    options = "mode=ro" if busy else "mode=ro&immutable=1"
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
                return None, False
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
            has_meta = "meta" in tables and (
                connection.execute(
                    "SELECT count(*) FROM meta WHERE key IN ('device_id', 'shop_id')"
                ).fetchone()
                == (2,)
            )
        finally:
            connection.close()
    except sqlite3.OperationalError as error:
        if _is_damage(error):
            raise DamagedDatabaseError(str(error)) from error
        raise StoreReadError(failure_reason(error, path.parent), str(error)) from error
    except sqlite3.DatabaseError as error:
        raise DamagedDatabaseError(str(error)) from error
    if len(rows) != 1:
        raise DamagedDatabaseError("no schema version")
    revision = str(rows[0][0])
    if revision not in REVISIONS:
        raise NewerDatabaseError(revision)
    return revision, has_meta


def inspect_database(path: Path) -> str | None:
    """Check a database without writing to it.

    Returns:
        The schema revision, or None for a database that does not exist yet or is empty.

    Raises:
        NewerDatabaseError: the revision is unknown to this version.
        DamagedDatabaseError: the file is not a healthy SQLite database.
        StoreReadError: the system refused to read it.
    """
    return _probe(path)[0]


def _private(path: Path) -> None:
    """Make the database and its side files readable by this user only (POSIX)."""
    for suffix in ("", *SIDE_FILES):
        make_private(path.with_name(path.name + suffix))


def _create_private(path: Path) -> None:
    """Create an empty database file readable by this user only; SQLite gives its side files the
    same permissions."""
    if os.name != "posix":
        return
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


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


def _later(text: str, slack: timedelta) -> str | None:
    moment = _instant(text)
    if moment is None:
        return None
    try:
        return (moment + slack).isoformat()
    except OverflowError:
        return None


def _summary(text: Any) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except (TypeError, ValueError, RecursionError):  # a summary nested too deep reads as empty
        return {}
    return value if isinstance(value, dict) else {}


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling is turned off: every transaction is opened by
    # ``_on_begin`` with BEGIN IMMEDIATE, so schema changes are atomic too and a writer waits
    # (busy_timeout) for another one instead of failing half-way.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _on_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _create_engine(path: Path) -> Engine:
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
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
    """A stored row as an Event (naive times are read as UTC).

    Raises:
        DamagedDatabaseError: the row is not one this app wrote (bad JSON, date or type).
    """
    seq, uuid_, kind, at, device, tutorial, step, data = row
    try:
        moment = datetime.fromisoformat(at)
        details = json.loads(data)
    except (TypeError, ValueError, RecursionError) as error:
        raise DamagedDatabaseError(f"event row {seq}: {type(error).__name__}: {str(error)[:200]}") from None
    # type() rather than isinstance(): this runs for every event at every start.
    if (
        type(details) is not dict
        or type(data) is not str
        or type(uuid_) is not str
        or type(kind) is not str
        or type(device) is not str
        or (tutorial is not None and type(tutorial) is not str)
        or (step is not None and type(step) is not str)
    ):
        raise DamagedDatabaseError(f"event row {seq}: a value of the wrong type")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return Event(uuid_, kind, moment, device, tutorial, step, details)


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
        self._engine_lock = threading.Lock()
        self._uri = sqlite_uri(path, "mode=rw")
        self._known_file = self._identity()
        self.device = self._meta_or_create("device_id", lambda: uuid.uuid4().hex[:16])
        self.shop_id = self._meta_or_create("shop_id", lambda: str(uuid.uuid4()))

    @classmethod
    def open(cls, path: Path, *, backups: Path | None = None) -> ProgressStore:
        """Open (creating or migrating) the store at ``path``.

        Creating and migrating happen under an inter-process lock (``<database>.lock``), so two
        apps started at the same moment on one data folder both open it.

        Args:
            path: the database file.
            backups: its backups folder (``backups`` beside the database by default): an empty
                database beside a good backup is damaged, not a first start.

        Raises:
            NewerDatabaseError, DamagedDatabaseError: see ``inspect_database``.
            StoreReadError: the system refused to read the database.
            StoreWriteError: the database could not be created or migrated (disk full, read-only).
        """
        folder = backups if backups is not None else path.parent / "backups"
        try:
            revision, has_meta = _probe(path)
        except DamagedDatabaseError:
            # Maybe another app is creating it right now: checked again under the lock.
            revision, has_meta = None, False
        if revision == REVISIONS[-1] and has_meta:
            _private(path)
            return cls(path)
        with _writing(path, OPEN_SUBJECT, retry=False):
            from filelock import FileLock

            path.parent.mkdir(parents=True, exist_ok=True)
            lock = path.with_name(path.name + LOCK_SUFFIX)
            _move_odd_lock_aside(lock)
            with FileLock(lock, timeout=LOCK_TIMEOUT_S, mode=0o600):
                revision, has_meta = _probe(path)
                if revision is None and path.exists() and latest_good_backup(folder) is not None:
                    raise DamagedDatabaseError("an empty database beside a good backup")
                _create_private(path)
                engine = _create_engine(path)
                try:
                    if revision != REVISIONS[-1]:
                        _migrate(engine)
                    store = cls(path, engine)
                except BaseException:
                    engine.dispose()
                    raise
                _private(path)
                return store

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()

    def _identity(self) -> tuple[int, int] | None:
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return info.st_dev, info.st_ino

    @contextlib.contextmanager
    def _writing(self, subject: str, *, retry: bool = True) -> Iterator[None]:
        """A write to the database file itself, refused plainly (see ``_writing``).

        An open connection keeps writing into a file that was deleted or replaced (data folder
        removed, USB key taken out and put back): the write would land nowhere. The file is
        checked before (a replaced one is reconnected to) and after the write.
        """
        with _writing(self.path, subject, retry=retry):
            _entry(self.path)  # an odd entry in its place is damage, never opened
            before = self._identity()
            if before is None:
                raise StoreWriteError("missing", f"{self.path} is gone", subject=subject, retry=retry)
            if before != self._known_file:
                with self._engine_lock:
                    if self._engine is not None:
                        self._engine.dispose()  # its connections point at the old file
                self._known_file = before
            yield
            if self._identity() != before:
                raise StoreWriteError(
                    "missing", f"{self.path} vanished while writing", subject=subject, retry=retry
                )

    def warm_up(self) -> None:
        """Import and connect SQLAlchemy now (in a worker) so the first write is quick."""
        self._session().close()

    def _session(self) -> Session:
        with self._engine_lock:
            if self._session_factory is None:
                from sqlalchemy.orm import sessionmaker

                if self._engine is None:
                    self._engine = _create_engine(self.path)
                self._session_factory = sessionmaker(self._engine, expire_on_commit=False)
            return self._session_factory()

    def _read(self, query: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Rows of a read-only query, with the standard ``sqlite3`` module (fast at start-up).

        Raises:
            DamagedDatabaseError: the file or its schema is damaged.
            StoreReadError: the system refused to read it.
        """
        _entry(self.path)  # a FIFO or a device in its place is never opened
        try:
            # mode=rw: a database that vanished is an error, never silently created again empty.
            connection = sqlite3.connect(self._uri, uri=True, timeout=10)
            try:
                return connection.execute(query, parameters).fetchall()
            finally:
                connection.close()
        except sqlite3.Error as error:
            if _is_damage(error):
                raise DamagedDatabaseError(str(error)) from error
            if isinstance(error, sqlite3.OperationalError):
                raise StoreReadError(failure_reason(error, self.path.parent), str(error)) from error
            raise

    def get_meta(self, key: str) -> str | None:
        rows = self._read("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def set_meta(self, key: str, value: str) -> None:
        """Store a small fact about this install.

        Raises:
            StoreWriteError: the disk refused (full, read-only, gone): it was not saved.
        """
        from lbpmv_desktop.core.progress.models import MetaRow

        with self._writing(META_SUBJECT), self._session() as session, session.begin():
            session.merge(MetaRow(key=key, value=value))

    def _meta_or_create(self, key: str, make: Callable[[], str]) -> str:
        value = self.get_meta(key)
        if value is not None:
            return value
        from lbpmv_desktop.core.progress.models import MetaRow

        with self._writing(OPEN_SUBJECT, retry=False), self._session() as session, session.begin():
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

        Raises:
            StoreWriteError: the disk refused (full, read-only, gone): none of them was saved.
            DamagedDatabaseError: the database turned out to be damaged.
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

        with self._writing(APPEND_SUBJECT), self._session() as session, session.begin():
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
        """Every event of ``shop`` (this install's own by default), oldest first.

        Raises:
            DamagedDatabaseError: a stored row is not one this app wrote, or the file is damaged.
            StoreReadError: the system refused to read the database.
        """
        rows = self._read(
            "SELECT seq, uuid, kind, at, device, tutorial, step, data FROM events WHERE shop = ? ORDER BY at, seq",
            (shop or self.shop_id,),
        )
        return [_row_to_event(row) for row in rows]

    def count(self, shop: str | None = None) -> int:
        return int(self._read("SELECT count(*) FROM events WHERE shop = ?", (shop or self.shop_id,))[0][0])

    def shop(self, shop_id: str) -> dict[str, Any] | None:
        """The stored row of ``shop_id`` (keys of ``SHOP_KEYS``, summary decoded), or None."""
        rows = self._read(f"SELECT {', '.join(SHOP_KEYS)} FROM shops WHERE shop_id = ?", (shop_id,))
        if not rows:
            return None
        found = dict(zip(SHOP_KEYS, rows[0], strict=True))
        found["summary"] = _summary(found["summary"])
        return found

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

        Raises:
            StoreWriteError: the disk refused (full, read-only, gone): nothing of it was saved.
            DamagedDatabaseError: the database turned out to be damaged.
        """
        from sqlalchemy import func, select
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        from lbpmv_desktop.core.progress.models import EventRow, ShopRow

        if sharing is not None and sharing not in SHARING_STATES:
            raise ValueError(f"unknown sharing state {sharing!r}")
        written = file_at if file_at is not None else (now if file_received else None)
        if written is not None and _is_newer(written, _later(now, FUTURE_SLACK)):
            written = now  # a file dated in the future must not freeze the shop's name and time
        rows = list({r["uuid"]: r for r in (_event_row(e, shop_id) for e in events)}.values())
        with self._writing(IMPORT_SUBJECT, retry=False), self._session() as session, session.begin():
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

    def delete_shop_events(self, shop_id: str, *, now: datetime | None = None) -> int:
        """Delete every event of ``shop_id`` (its merchant erased their data); the shop row stays.

        The time is noted (meta ``events_removed_at``): backups made before it no longer count
        as the best copy to keep forever, so the erased events leave the backups with rotation.

        Returns:
            How many events were deleted.
        """
        from sqlalchemy import delete

        from lbpmv_desktop.core.progress.models import EventRow, MetaRow

        moment = (now or datetime.now(UTC)).astimezone().isoformat(timespec="seconds")
        with (
            self._writing(DELETE_SHOP_SUBJECT, retry=False),
            self._session() as session,
            session.begin(),
        ):
            result = session.execute(delete(EventRow).where(EventRow.shop == shop_id))
            deleted = int(getattr(result, "rowcount", 0) or 0)
            if deleted:
                session.merge(MetaRow(key=REMOVED_AT_KEY, value=moment))
        return deleted

    def erase_events(self) -> None:
        """Delete every event (the merchant asked to erase their data)."""
        from sqlalchemy import delete

        from lbpmv_desktop.core.progress.models import EventRow, ShopRow

        with self._writing(ERASE_SUBJECT, retry=False), self._session() as session, session.begin():
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
