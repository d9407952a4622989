"""A cache of the loaded catalogue, so the app does not parse every pack at every start.

The key covers every file of the content folder (path, size, modification time) and the app
version: editing, adding or removing any file of a pack, or updating the app, reloads it.
The cache lives in the user's data folder and is only ever read back by the same install.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from typing import TYPE_CHECKING

from lbpmv_desktop import __version__
from lbpmv_desktop.core.fileio import write_bytes_atomic

if TYPE_CHECKING:
    from pathlib import Path

    from lbpmv_desktop.core.tutorials.catalogue import Catalogue
    from lbpmv_desktop.core.tutorials.loader import Problem

FORMAT = 1


def content_key(root: Path) -> str:
    """One line per file of the content (a few kilobytes, compared as is: no hashing needed)."""
    lines = [f"{FORMAT}|{__version__}|{root.resolve()}"]
    for folder, folders, files in os.walk(root):
        folders.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            stat = os.stat(path)
            lines.append(f"{os.path.relpath(path, root)}|{stat.st_size}|{stat.st_mtime_ns}")
    return "\n".join(lines)


def load_cached(root: Path, cache_dir: Path) -> tuple[Catalogue, list[Problem]]:
    """The catalogue under ``root`` (loaded without parsing drawings), from the cache when fresh."""
    key = content_key(root)
    cache = cache_dir / "catalogue.pickle"
    try:
        stored_key, catalogue, problems = pickle.loads(cache.read_bytes())
        if stored_key == key:
            return catalogue, problems
    except (OSError, ValueError, EOFError, pickle.UnpicklingError, AttributeError, TypeError, ImportError):
        pass  # missing, stale or unreadable: load from the packs
    from lbpmv_desktop.core.tutorials.loader import load_catalogue

    catalogue, problems = load_catalogue(root, thorough=False)
    with contextlib.suppress(OSError):  # a read-only data folder only costs the next start a little
        write_bytes_atomic(cache, pickle.dumps((key, catalogue, problems), protocol=pickle.HIGHEST_PROTOCOL))
    return catalogue, problems
