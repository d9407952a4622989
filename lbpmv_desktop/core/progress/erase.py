"""« Effacer toutes mes données »: remove everything the app made for this shop from the data folder."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from lbpmv_desktop.core.progress.store import ProgressStore
    from lbpmv_desktop.paths import DataPaths


def _remove(paths: list[Path]) -> None:
    for path in paths:
        for target in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target, ignore_errors=True)
            else:
                target.unlink(missing_ok=True)


def erase_everything(paths: DataPaths, store: ProgressStore | None) -> None:
    """Erase the events, backups, settings and caches of this install (the store is closed)."""
    if store is not None:
        store.erase_events()
        store.close()
    _remove([paths.database, paths.backups, paths.cache, paths.settings])
