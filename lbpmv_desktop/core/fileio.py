"""Atomic file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

# Temporary files are created private (0600); a finished file gets the permissions a plain
# ``open()`` would give it, so a progress file in a shared folder or an exported photo stays
# readable by others. The umask is read once, at import, while nothing else runs.
_UMASK = os.umask(0o022)
os.umask(_UMASK)
PUBLIC_MODE = 0o666 & ~_UMASK


def write_bytes_atomic(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then replace.

    ``private`` keeps the file readable by its owner only (keys, PIN hashes).
    """
    import tempfile  # not needed at start-up

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if not private:
            os.chmod(tmp_name, PUBLIC_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def write_text_atomic(path: Path, text: str, *, private: bool = False) -> None:
    write_bytes_atomic(path, text.encode("utf-8"), private=private)


def write_new_file(folder: Path, stem: str, suffix: str, data: bytes) -> Path:
    """Write ``data`` as a new file ``stem<suffix>`` (or ``stem-2<suffix>``, ``-3``…) in ``folder``.

    Never replaces an existing file, and a reader never sees a half-written one: the bytes go to
    a temporary file first, which is then linked under the first free name.
    """
    import tempfile

    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".lbpmv-", suffix=".tmp", dir=folder)
    try:
        os.chmod(tmp_name, PUBLIC_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        return publish_under_free_name(Path(tmp_name), folder, stem, suffix)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def publish_under_free_name(finished: Path, folder: Path, stem: str, suffix: str) -> Path:
    """Give the finished temporary file ``finished`` the first free name ``stem[-N]<suffix>``.

    Never replaces an existing file: the name is taken atomically by a hard link, or, where there
    are none (a FAT USB key), reserved with an exclusive create before the file replaces it.
    """
    import itertools

    for number in itertools.count(1):
        target = folder / (f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}")
        try:
            os.link(finished, target)  # atomic, and fails if the name is taken
        except FileExistsError:
            continue
        except OSError:  # no hard links: reserve the name, then replace it
            try:
                os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            except FileExistsError:
                continue
            os.replace(finished, target)
            return target
        os.unlink(finished)
        return target
    raise AssertionError("unreachable")
