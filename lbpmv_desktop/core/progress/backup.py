"""Rotating backups of the progress database, made with SQLite's backup API and checked.

Seven daily backups and four weekly ones (one per ISO week before the dailies) are kept. Rotation
never removes the best backup (the newest of those holding the most events that pass
``integrity_check``) nor the newest good one holding at least as many events as the database:
an emptied or damaged database can never push the good copies out. Only events deleted on
purpose (``ProgressStore.delete_shop_events``, which notes the time) let the older, bigger
backups go with the normal rotation. Backups are private (0600,
folder 0700) and leave no side files (``-wal``, ``-shm``, ``-journal``), even when they fail.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from lbpmv_desktop.core.fileio import UnsafeFile, check_regular


def sqlite_uri(path: Path, options: str) -> str:
    """A SQLite URI for ``path`` (spaces, accents and ``?`` or ``#`` in folder names are encoded)."""
    return f"{path.resolve().as_uri()}?{options}"


KEEP = 7  # daily backups
KEEP_WEEKLY = 4
PREFIX = "progress-"
SUFFIX = ".sqlite"
STAMP = "%Y%m%d-%H%M%S"
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
REMOVED_AT_KEY = "events_removed_at"  # written by ProgressStore.delete_shop_events
# Meta rows a restore takes from the database it replaces: a backup made before the last PIN
# change must not bring back an older PIN trace (core/visit/pin.py).
CARRIED_KEYS = ("animator_pin",)
MAX_CARRIED_VALUE = 64 * 1024
# A write-ahead log is read through a private copy of the database and its log, when both are
# small enough to copy; otherwise only the main file is read.
MAX_COPY_FOR_LOG = 256 * 1024 * 1024


def make_private(path: Path, mode: int = 0o600) -> None:
    """Make ``path`` readable by this user only (POSIX; a missing file or a refusal is ignored)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        os.chmod(path, mode)


def _remove_with_side_files(path: Path) -> None:
    for suffix in ("", *SIDE_SUFFIXES):
        with contextlib.suppress(OSError):
            path.with_name(path.name + suffix).unlink(missing_ok=True)


def integrity_ok(path: Path) -> bool:
    """True when ``path`` is a SQLite database whose ``integrity_check`` says ``ok``."""
    return _check(path, rows=False)[0]


def usable(path: Path) -> bool:
    """True when ``path`` passes ``integrity_check`` and every event in it can be read back."""
    return _check(path)[0]


def _rows_readable(connection: sqlite3.Connection) -> bool:
    from lbpmv_desktop.core.progress.store import DamagedDatabaseError, _row_to_event

    rows = connection.execute("SELECT seq, uuid, kind, at, device, tutorial, step, data FROM events")
    try:
        for row in rows:
            _row_to_event(row)
    except DamagedDatabaseError:
        return False
    return True


def _check(path: Path, *, rows: bool = True) -> tuple[bool, int]:
    """Whether ``path`` passes ``integrity_check`` (and, with ``rows``, every event in it reads
    back), and how many events it holds.

    A backup is a finished file nobody writes: it is read as immutable, which creates no side
    file even for a copy still in WAL mode (made by an older version).
    """
    if not path.is_file() or path.is_symlink():
        return False, 0
    try:
        connection = sqlite3.connect(sqlite_uri(path, "mode=ro&immutable=1"), uri=True)
    except sqlite3.Error:
        return False, 0
    try:
        if connection.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            return False, 0
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        count = connection.execute("SELECT count(*) FROM events").fetchone()[0] if "events" in tables else 0
        if rows and count and not _rows_readable(connection):
            return False, 0
        return True, int(count)
    except sqlite3.Error:
        return False, 0
    finally:
        connection.close()


def event_count(database: Path) -> int:
    """How many events ``database`` holds (0 when it cannot be read)."""
    return _facts(database)[0]


def _facts(database: Path) -> tuple[int, datetime | None]:
    """How many events ``database`` holds, and when events were last deleted on purpose (an
    animator's « erased » notice), if ever; (0, None) when it cannot be read."""
    try:
        connection = sqlite3.connect(sqlite_uri(database, "mode=ro"), uri=True)
    except sqlite3.Error:
        return 0, None
    try:
        count = int(connection.execute("SELECT count(*) FROM events").fetchone()[0])
        rows = connection.execute("SELECT value FROM meta WHERE key = ?", (REMOVED_AT_KEY,)).fetchall()
    except sqlite3.Error:
        return 0, None
    finally:
        connection.close()
    try:
        removed = datetime.fromisoformat(str(rows[0][0])) if rows else None
    except ValueError:
        removed = None
    if removed is not None and removed.tzinfo is None:
        removed = removed.astimezone()
    return count, removed


def backups(folder: Path) -> list[Path]:
    """Backup files, newest first: regular files named like a backup. A folder, a FIFO, a device
    or a link of that name is no backup (it is never opened; ``make_backup`` removes links)."""
    found: list[Path] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if not (entry.name.startswith(PREFIX) and entry.name.endswith(SUFFIX)):
                    continue
                with contextlib.suppress(OSError):
                    if entry.is_file(follow_symlinks=False) and backup_time(Path(entry.path)) is not None:
                        found.append(Path(entry.path))
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name, reverse=True)


def backup_time(path: Path) -> datetime | None:
    try:
        return datetime.strptime(path.name[len(PREFIX) : -len(SUFFIX)], STAMP)
    except ValueError:
        return None


def _rotation(found: list[Path]) -> list[Path]:
    """The backups the calendar keeps (newest first): the newest of each of the last ``KEEP``
    days, then the newest of each of the ``KEEP_WEEKLY`` ISO weeks before those days."""
    days: dict[object, Path] = {}
    for path in found:  # newest first: the first seen of a day is its newest
        moment = backup_time(path)
        if moment is not None:
            days.setdefault(moment.date(), path)
    daily = list(days.values())[:KEEP]
    covered = {moment.isocalendar()[:2] for p in daily if (moment := backup_time(p)) is not None}
    weeks: dict[object, Path] = {}
    for path in found:
        moment = backup_time(path)
        if moment is None or path in daily:
            continue
        week = moment.isocalendar()[:2]
        if week not in covered:
            weeks.setdefault(week, path)
    return daily + list(weeks.values())[:KEEP_WEEKLY]


def _count(path: Path) -> int:
    """How many events the backup ``path`` holds, without checking it (-1 when unreadable)."""
    try:
        connection = sqlite3.connect(sqlite_uri(path, "mode=ro&immutable=1"), uri=True)
    except sqlite3.Error:
        return -1
    try:
        return int(connection.execute("SELECT count(*) FROM events").fetchone()[0])
    except sqlite3.Error:
        return -1
    finally:
        connection.close()


def _rotate(folder: Path, current_events: int, removed_at: datetime | None) -> None:
    found = backups(folder)  # newest first
    kept = set(_rotation(found))
    doomed = [p for p in found if p not in kept]
    if not doomed:
        return
    # Checking reads whole files: only the candidates are checked, most likely first.
    counts = {p: _count(p) for p in found}
    verdicts: dict[Path, bool] = {}

    def good(path: Path) -> bool:
        if path not in verdicts:
            verdicts[path] = usable(path)
        return verdicts[path]

    enough = next((p for p in found if counts[p] >= current_events and good(p)), None)
    if enough is not None:
        kept.add(enough)
    # Backups from before events were deleted on purpose are not "the best copy" to keep forever.
    eligible = [
        p for p in found if counts[p] >= 0 and (removed_at is None or _aware(backup_time(p)) >= removed_at)
    ]
    # sorted() is stable: among equal counts the newest comes first.
    best = next((p for p in sorted(eligible, key=lambda p: -counts[p]) if good(p)), None)
    if best is not None:
        kept.add(best)
    for old in doomed:
        if old not in kept:
            _remove_with_side_files(old)


def _aware(moment: datetime | None) -> datetime:
    """A backup's local time, comparable with aware times (no time: the oldest possible)."""
    if moment is None:
        return datetime.min.replace(tzinfo=UTC)
    return moment.astimezone()


def _clean_leftovers(folder: Path) -> None:
    """Remove the partial copies (and their side files) of backups that were interrupted, and
    links named like a backup (the link itself: what it points to is never touched). Folders,
    FIFOs and devices are left alone, never opened."""
    for path in folder.iterdir():
        if not path.name.startswith(PREFIX):
            continue
        leftover = ".part" in path.name or path.name.endswith(SIDE_SUFFIXES)
        with contextlib.suppress(OSError):
            if path.is_symlink() or (leftover and path.is_file()):
                path.unlink()


def make_backup(database: Path, folder: Path, now: datetime, *, force: bool = False) -> Path | None:
    """Copy ``database`` into ``folder`` unless a backup was already made today.

    The copy is written under a temporary name, switched to rollback-journal mode, checked with
    ``integrity_check`` and only then given its final name; then old backups are rotated out
    (see the module's docstring).

    Returns:
        The new backup, or None when today's backup already exists.

    Raises:
        sqlite3.DatabaseError: the database could not be copied or the copy is damaged.
        OSError: the backup could not be written.
    """
    existing = backups(folder)
    if not force and existing and existing[0].name.startswith(f"{PREFIX}{now:%Y%m%d}"):
        return None
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    make_private(folder, 0o700)
    _clean_leftovers(folder)
    target = folder / f"{PREFIX}{now.strftime(STAMP)}{SUFFIX}"
    partial = target.with_name(target.name + ".part")
    try:
        if os.name == "posix":
            os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        source = sqlite3.connect(sqlite_uri(database, "mode=ro"), uri=True)
        try:
            destination = sqlite3.connect(partial)
            try:
                source.backup(destination)
                # The copy keeps the source's WAL mode: back to a plain file, so reading it
                # (checks, restores) never creates side files.
                destination.execute("PRAGMA journal_mode=DELETE").fetchall()
            finally:
                destination.close()
        finally:
            source.close()
        if not integrity_ok(partial):
            raise sqlite3.DatabaseError("backup failed its integrity check")
        make_private(partial)
        os.replace(partial, target)
    except BaseException:
        _remove_with_side_files(partial)
        raise
    finally:
        for suffix in SIDE_SUFFIXES:
            with contextlib.suppress(OSError):
                partial.with_name(partial.name + suffix).unlink(missing_ok=True)
    _rotate(folder, *_facts(database))
    return target


def latest_good_backup(folder: Path) -> Path | None:
    """The newest backup that passes ``integrity_check`` and whose events all read back (a copy
    holding the same bad row as the damaged database is no way out)."""
    return next((p for p in backups(folder) if usable(p)), None)


def _read_carried(database: Path) -> dict[str, str]:
    """The rows of ``CARRIED_KEYS`` in ``database``'s meta table, read without changing it
    (immutable). Nothing when it is not a regular file (never opened) or cannot be read."""
    try:
        check_regular(database, sys.maxsize)
    except UnsafeFile:
        return {}
    return _select_carried(sqlite_uri(database, "mode=ro&immutable=1"))


def _select_carried(uri: str) -> dict[str, str]:
    marks = ", ".join("?" for _ in CARRIED_KEYS)
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error:
        return {}
    try:
        rows = connection.execute(f"SELECT key, value FROM meta WHERE key IN ({marks})", CARRIED_KEYS)  # noqa: S608
        return {
            key: value
            for key, value in rows.fetchall()
            if type(key) is str and type(value) is str and len(value) <= MAX_CARRIED_VALUE
        }
    except (sqlite3.Error, MemoryError):
        return {}
    finally:
        connection.close()


def _carried_rows(database: Path, scratch: Path) -> dict[str, str]:
    """The meta rows of ``CARRIED_KEYS`` in the database being replaced (its write-ahead log
    included when it has one: the newest PIN change may be only there), never failing.

    The log is applied on a private copy in ``scratch`` (removed after), so the files that are
    moved aside stay exactly as they were.
    """
    carried = _read_carried(database)
    log = database.with_name(database.name + "-wal")
    try:
        main = check_regular(database, MAX_COPY_FOR_LOG)
        check_regular(log, MAX_COPY_FOR_LOG - main.st_size)
    except UnsafeFile:
        return carried
    with (
        contextlib.suppress(OSError, shutil.Error, sqlite3.Error),
        tempfile.TemporaryDirectory(dir=scratch) as folder,
    ):
        copy = Path(folder) / "replaced.sqlite"
        shutil.copyfile(database, copy)
        shutil.copyfile(log, copy.with_name(copy.name + "-wal"))
        carried.update(_select_carried(sqlite_uri(copy, "mode=rw")))  # reads through the log
    return carried


def _write_carried(database: Path, rows: dict[str, str]) -> None:
    """Put ``rows`` in the meta table of ``database`` (a restored copy not in use yet); a copy
    without a meta table, or a refusal, leaves it as it was."""
    if not rows:
        return
    try:
        connection = sqlite3.connect(database)
        try:
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "meta" in tables:
                # An old backup may still be in WAL mode: a plain file, so the side files removed
                # below can never hold a page the restored copy needs.
                connection.execute("PRAGMA journal_mode=DELETE").fetchall()
                with connection:
                    connection.executemany(
                        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", sorted(rows.items())
                    )
        finally:
            connection.close()
    except sqlite3.Error:
        pass
    finally:
        for suffix in SIDE_SUFFIXES:
            with contextlib.suppress(OSError):
                database.with_name(database.name + suffix).unlink(missing_ok=True)


def restore_backup(backup: Path, database: Path, quarantine: Path, now: datetime) -> Path:
    """Put ``backup`` in place of ``database``; the damaged files are moved aside, never deleted.

    Whatever stands in the database's place is moved aside as it is, without being opened: a
    folder, a FIFO, a link (to a device or to nothing). The PIN trace of the replaced database
    (``CARRIED_KEYS``), when it can still be read, is kept in the restored one: a backup made
    before the last PIN change does not bring back an older PIN.

    Returns:
        The folder where the damaged files were put.
    """
    aside = quarantine / now.strftime(STAMP)
    aside.mkdir(mode=0o700, parents=True, exist_ok=True)
    make_private(quarantine, 0o700)
    make_private(aside, 0o700)
    carried = _carried_rows(database, quarantine)
    for suffix in ("", *SIDE_SUFFIXES):
        damaged = database.with_name(database.name + suffix)
        if os.path.lexists(damaged):
            # Same folder tree: a rename, which moves links, FIFOs and folders as they are.
            shutil.move(str(damaged), aside / damaged.name)
    partial = database.with_name(database.name + ".restoring")
    if os.name == "posix":
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    shutil.copyfile(backup, partial)
    make_private(partial)
    _write_carried(partial, carried)
    with contextlib.suppress(OSError), open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, database)
    return aside
