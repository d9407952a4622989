"""The merchant's photo library: copies of the photos opened in the studio, and their edits.

Opening a photo always works on a copy kept in the data folder, so the merchant's original is
never touched and the edits can be found again later (even when the phone is unplugged).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lbpmv_desktop.core.fileio import (
    PUBLIC_MODE,
    UnsafeFile,
    publish_under_free_name,
    read_regular_text,
    safe_stem,
    write_text_atomic,
)
from lbpmv_desktop.core.photo.opening import MAX_FILE_BYTES, PhotoRefused, check_file, checked_file
from lbpmv_desktop.core.photo.recipe import Recipe

if TYPE_CHECKING:
    from collections.abc import Callable

PICTURE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".tif", ".tiff", ".bmp", ".gif"}


IMPORTED_FILE = "imported.json"
MAX_IMPORTED = 50_000  # sources remembered; the oldest are forgotten first
MAX_IMPORTED_BYTES = 8 * 1024 * 1024
MAX_RECIPE_BYTES = 256 * 1024  # a recipe is a few hundred bytes
COPY_CHUNK = 1024 * 1024


class ImportCancelled(Exception):
    """The merchant stopped the import: the photo being copied left nothing behind."""


def source_key(name: str, size: int) -> str:
    """How a photo on a phone is recognised the next time it is plugged in.

    The mount path changes from one time to the next (and between MTP and a card reader), so a
    photo is known by its file name and its exact size in bytes.
    """
    return f"{name.casefold()}|{size}"


@dataclass(frozen=True)
class LibraryPhoto:
    """A photo of the library (a copy the app owns)."""

    path: Path

    @property
    def name(self) -> str:
        return self.path.name


class PhotoLibrary:
    """Photos in ``root/photos``, their recipes in ``root/edits``.

    Args:
        root: the library folder inside the data folder.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.photos_dir = root / "photos"
        self.edits_dir = root / "edits"

    def add_copy(self, source: Path) -> LibraryPhoto:
        """Copy ``source`` into the library (refused first if it is not an allowed picture)."""
        check_file(source)
        if source.resolve().parent == self.photos_dir.resolve():
            return LibraryPhoto(source.resolve())
        return self._copy_in(source, lambda: False, COPY_CHUNK)[0]

    def import_copy(
        self,
        source: Path,
        *,
        cancelled: Callable[[], bool] = lambda: False,
        chunk: int = COPY_CHUNK,
    ) -> LibraryPhoto:
        """Copy a photo from a phone into the library and remember it was imported.

        The copy goes to a temporary file first and gets its name only when complete, so a
        cancelled or failed copy (``cancelled`` is checked between chunks, then
        ``ImportCancelled`` is raised) leaves no half photo.
        """
        photo, info = self._copy_in(source, cancelled, chunk)
        self.remember_imported({source_key(source.name, info.st_size): photo.path.name})
        return photo

    def _copy_in(
        self, source: Path, cancelled: Callable[[], bool], chunk: int
    ) -> tuple[LibraryPhoto, os.stat_result]:
        """Copy ``source`` under a free name in the library, through a temporary file.

        The file checked is the file copied (opened once): a folder, a FIFO or a device is never
        read, and a file that grows past the photo limit while it is copied is refused.
        """
        self.photos_dir.mkdir(parents=True, exist_ok=True)
        suffix = source.suffix.lower() if source.suffix.lower() in PICTURE_SUFFIXES else ".jpg"
        fd, tmp_name = tempfile.mkstemp(prefix=".import-", suffix=".tmp", dir=self.photos_dir)
        try:
            with os.fdopen(fd, "wb") as target, checked_file(source) as (_kind, origin):
                info = os.fstat(origin.fileno())
                copied = 0
                while block := origin.read(chunk):
                    if cancelled():
                        raise ImportCancelled
                    copied += len(block)
                    if copied > MAX_FILE_BYTES:
                        raise PhotoRefused("Ce fichier est trop gros pour une photo.")
                    target.write(block)
                target.flush()
                os.fsync(target.fileno())
            os.chmod(tmp_name, PUBLIC_MODE)
            with contextlib.suppress(OSError):  # the photo keeps its date (sorting, « déjà importée »)
                os.utime(tmp_name, (info.st_atime, info.st_mtime))
            photo = LibraryPhoto(
                publish_under_free_name(Path(tmp_name), self.photos_dir, safe_stem(source.stem), suffix)
            )
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)
        return photo, info

    def _imported_file(self) -> Path:
        return self.root / IMPORTED_FILE

    def _read_imported(self) -> dict[str, str]:
        path = self._imported_file()
        try:
            data = json.loads(read_regular_text(path, MAX_IMPORTED_BYTES))
        except (OSError, ValueError, RecursionError, UnsafeFile):
            return {}
        if not isinstance(data, dict):
            return {}
        return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}

    def imported(self) -> set[str]:
        """The keys (``source_key``) of the phone photos whose copy is still in the library."""
        existing = {p.name for p in self.photos_dir.iterdir()} if self.photos_dir.is_dir() else set[str]()
        return {key for key, name in self._read_imported().items() if name in existing}

    def remember_imported(self, keys: dict[str, str]) -> None:
        """Note that the sources ``keys`` were copied (key → file name in the library)."""
        known = self._read_imported()
        for key in keys:
            known.pop(key, None)  # the newest at the end
        known.update(keys)
        kept = dict(list(known.items())[-MAX_IMPORTED:])
        self.root.mkdir(parents=True, exist_ok=True)
        write_text_atomic(self._imported_file(), json.dumps(kept, ensure_ascii=False))

    def recent(self, limit: int = 30) -> list[LibraryPhoto]:
        """The library's photos, the most recently opened or edited first."""
        if not self.photos_dir.is_dir():
            return []

        def last_used(path: Path) -> float:
            edits = self._edits_file(path)
            return max(path.stat().st_mtime, edits.stat().st_mtime if edits.exists() else 0.0)

        photos = [p for p in self.photos_dir.iterdir() if p.is_file() and not p.name.startswith(".")]
        return [LibraryPhoto(p) for p in sorted(photos, key=last_used, reverse=True)[:limit]]

    def _edits_file(self, photo: Path) -> Path:
        return self.edits_dir / f"{photo.name}.json"

    def load_recipe(self, photo: LibraryPhoto) -> Recipe:
        try:
            return Recipe.from_json(read_regular_text(self._edits_file(photo.path), MAX_RECIPE_BYTES))
        except (OSError, UnsafeFile):
            return Recipe()

    def save_recipe(self, photo: LibraryPhoto, recipe: Recipe) -> None:
        write_text_atomic(self._edits_file(photo.path), recipe.to_json())

    def touch(self, photo: LibraryPhoto) -> None:
        """Mark ``photo`` as just opened (it moves to the front of the recent list)."""
        if not self._edits_file(photo.path).exists():
            self.save_recipe(photo, Recipe())
        else:
            os.utime(self._edits_file(photo.path))


def find_pictures(folder: Path, limit: int = 500) -> list[Path]:
    """Pictures in ``folder`` and below (a phone's DCIM), newest first; hidden folders skipped."""
    found: list[tuple[float, Path]] = []
    for current, folders, files in os.walk(folder):
        folders[:] = [f for f in folders if not f.startswith(".")]
        for name in files:
            if Path(name).suffix.lower() in PICTURE_SUFFIXES and not name.startswith("."):
                path = Path(current) / name
                with contextlib.suppress(OSError):
                    found.append((path.stat().st_mtime, path))
        if len(found) >= limit * 4:
            break
    return [path for _, path in sorted(found, reverse=True)[:limit]]
