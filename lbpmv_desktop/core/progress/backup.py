"""Rotating daily backups of the progress database, made with SQLite's backup API and checked."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def sqlite_uri(path: Path, options: str) -> str:
    """A SQLite URI for ``path`` (spaces, accents and ``?`` or ``#`` in folder names are encoded)."""
    return f"{path.resolve().as_uri()}?{options}"


KEEP = 7
PREFIX = "progress-"
SUFFIX = ".sqlite"
STAMP = "%Y%m%d-%H%M%S"


def integrity_ok(path: Path) -> bool:
    """True when ``path`` is a SQLite database whose ``integrity_check`` says ``ok``."""
    if not path.is_file():
        return False
    try:
        connection = sqlite3.connect(sqlite_uri(path, "mode=ro"), uri=True)
    except sqlite3.Error:
        return False
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.Error:
        return False
    finally:
        connection.close()
    return rows == [("ok",)]


def backups(folder: Path) -> list[Path]:
    """Backup files, newest first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.name.startswith(PREFIX) and p.name.endswith(SUFFIX)]
    return sorted(found, key=lambda p: p.name, reverse=True)


def backup_time(path: Path) -> datetime | None:
    try:
        return datetime.strptime(path.name[len(PREFIX) : -len(SUFFIX)], STAMP)
    except ValueError:
        return None


def make_backup(database: Path, folder: Path, now: datetime, *, force: bool = False) -> Path | None:
    """Copy ``database`` into ``folder`` unless a backup was already made today.

    The copy is written under a temporary name, checked with ``integrity_check`` and only then
    given its final name; the oldest backups beyond ``KEEP`` are removed.

    Returns:
        The new backup, or None when today's backup already exists.

    Raises:
        sqlite3.DatabaseError: the database could not be copied or the copy is damaged.
    """
    existing = backups(folder)
    if not force and existing and existing[0].name.startswith(f"{PREFIX}{now:%Y%m%d}"):
        return None
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{PREFIX}{now.strftime(STAMP)}{SUFFIX}"
    partial = target.with_name(target.name + ".part")
    source = sqlite3.connect(sqlite_uri(database, "mode=ro"), uri=True)
    try:
        destination = sqlite3.connect(partial)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    if not integrity_ok(partial):
        partial.unlink(missing_ok=True)
        raise sqlite3.DatabaseError("backup failed its integrity check")
    os.replace(partial, target)
    for old in backups(folder)[KEEP:]:
        old.unlink(missing_ok=True)
    return target


def latest_good_backup(folder: Path) -> Path | None:
    """The newest backup that passes ``integrity_check``."""
    return next((p for p in backups(folder) if integrity_ok(p)), None)


def restore_backup(backup: Path, database: Path, quarantine: Path, now: datetime) -> Path:
    """Put ``backup`` in place of ``database``; the damaged files are moved aside, never deleted.

    Returns:
        The folder where the damaged files were put.
    """
    aside = quarantine / now.strftime(STAMP)
    aside.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        damaged = database.with_name(database.name + suffix)
        if damaged.exists():
            shutil.move(str(damaged), aside / damaged.name)
    partial = database.with_name(database.name + ".restoring")
    shutil.copyfile(backup, partial)
    with contextlib.suppress(OSError), open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, database)
    return aside
