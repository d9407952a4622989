"""Atomic file writes: a reader sees the old file or the new one, never half of one.

New files get a free name that the file system accepts: a name longer than it allows (255 bytes
on most systems, an accent taking 2 and an emoji 4; 260 characters for a whole Windows path) is
shortened, never a failure blamed on the folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import unicodedata
from pathlib import Path
from typing import BinaryIO

from lbpmv_desktop.core.errors import UserError

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
    # The temporary name stays short, so a target whose name just fits can still be written.
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{fit_name(path.name[:40], 60)}.", suffix=".tmp", dir=path.parent
    )
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
    are none (a FAT USB key), reserved with an exclusive create before the file replaces it. A
    ``stem`` too long for the file system is shortened (suffix and counter kept, never a letter
    cut from its accent).
    """
    number, spare = 1, 0
    while True:
        tail = (f"-{number}" if number > 1 else "") + suffix
        target = folder / (stem_that_fits(folder, stem, tail, spare=spare) + tail)
        try:
            try:
                os.link(finished, target)  # atomic, and fails if the name is taken
            except FileExistsError:
                raise
            except OSError as error:
                if _name_too_long(error):
                    raise
                # no hard links: reserve the name, then replace it
                os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
                os.replace(finished, target)
                return target
        except FileExistsError:
            number += 1
            continue
        except OSError as error:
            if not _name_too_long(error) or spare >= NAME_MAX:
                raise
            spare += 32  # the file system allows less than it said: shorter again
            continue
        os.unlink(finished)
        return target


# -- names that fit ---------------------------------------------------------------------------
NAME_MAX = 255  # bytes in one name on most file systems (ext4, APFS, NTFS counts UTF-16 units)
NAME_SPARE = 16  # left free, so a companion file (« photo.jpg.json ») still fits
WINDOWS_PATH_MAX = 259  # MAX_PATH without its final NUL, for Windows without long paths


def _name_too_long(error: OSError) -> bool:
    return error.errno == errno.ENAMETOOLONG or getattr(error, "winerror", None) in (206, 3)


def name_length(text: str) -> int:
    """How long ``text`` is for the file system: UTF-16 units on Windows, bytes elsewhere."""
    if os.name == "nt":
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    try:
        return len(text.encode(sys.getfilesystemencoding(), "surrogateescape"))
    except UnicodeEncodeError:
        return len(text.encode("utf-8", "surrogatepass"))


def name_limit(folder: Path) -> int:
    """The longest name ``folder``'s file system accepts (255 when it does not say)."""
    try:
        limit = os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        limit = NAME_MAX
    return min(limit, NAME_MAX) if limit > 0 else NAME_MAX


def safe_stem(name: str, fallback: str = "photo") -> str:
    """A file name part that every system accepts (accents kept, separators removed, at most 60
    characters as a reader sees them), without invisible commands: a direction override would
    show « facture‮gnp.exe » as « factureexe.png »."""
    from lbpmv_desktop.core.cleantext import clean_text  # not needed at start-up

    text = re.sub(r'[\\/:*?"<>|]+', "-", clean_text(name)).strip(" .-")
    return "".join(graphemes(text)[:60]) or fallback  # never half a flag or an accent


def stem_that_fits(folder: Path, stem: str, tail: str, *, spare: int = 0) -> str:
    """``stem`` shortened so that ``stem + tail`` is a name ``folder`` accepts (``spare`` more
    units left free)."""
    budget = name_limit(folder) - NAME_SPARE - spare - name_length(tail)
    if os.name == "nt":
        budget = min(budget, WINDOWS_PATH_MAX - len(str(folder.absolute())) - 1 - name_length(tail))
    return fit_name(stem, budget)


def fit_name(text: str, budget: int) -> str:
    """The longest start of ``text`` at most ``budget`` long for the file system, cut between
    two characters as a reader sees them (an accent stays on its letter, an emoji whole), without
    a trailing space or dot (Windows refuses them); at least its first character."""
    if name_length(text) <= budget:
        return text
    kept: list[str] = []
    used = 0
    for cluster in graphemes(unicodedata.normalize("NFC", text)):
        size = name_length(cluster)
        if used + size > budget:
            break
        kept.append(cluster)
        used += size
    cut = "".join(kept).rstrip(" .-_")
    return cut or next(iter(graphemes(text)), "_")


def _joins_previous(char: str, previous: str, regional_run: int) -> bool:
    code = ord(char)
    return (
        unicodedata.combining(char) != 0
        or unicodedata.category(char) in ("Mn", "Me", "Mc")
        or char == "\u200d"
        or previous == "\u200d"
        or 0xFE00 <= code <= 0xFE0F  # variation selectors (text or emoji look)
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # tags (flags of regions)
        or 0xE0100 <= code <= 0xE01EF
        or (0x1F1E6 <= code <= 0x1F1FF and regional_run % 2 == 1)  # the second letter of a flag
    )


def graphemes(text: str) -> list[str]:
    """``text`` split into the characters a reader sees (a letter with its accents, an emoji with
    its modifiers, a flag): close enough to Unicode's clusters for cutting a file name."""
    clusters: list[str] = []
    previous = ""
    regional_run = 0
    for char in text:
        if clusters and _joins_previous(char, previous, regional_run):
            clusters[-1] += char
        else:
            clusters.append(char)
        regional_run = regional_run + 1 if 0x1F1E6 <= ord(char) <= 0x1F1FF else 0
        previous = char
    return clusters


# -- files from outside ---------------------------------------------------------------------------
class UnsafeFile(UserError):
    """A file from outside that is refused before a byte of it is parsed.

    Attributes:
        reason: ``"not-regular"`` (a folder, a FIFO, a device, a link to one), ``"too-big"`` or
            ``"unreadable"``.
        size: its size in bytes when known.
    """

    def __init__(self, reason: str, message: str, size: int = 0) -> None:
        super().__init__(message)
        self.reason = reason
        self.size = size


def _megabytes(size: int) -> str:
    return f"{max(1, round(size / (1024 * 1024)))} Mo"


def _refuse_mode(mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise UnsafeFile("not-regular", "Ce n'est pas un fichier ordinaire : il ne peut pas être ouvert.")


def check_regular(path: Path, max_bytes: int) -> os.stat_result:
    """Refuse ``path`` unless it is (or links to) a regular file of at most ``max_bytes``.

    Never opens the file, so a FIFO or a device cannot block or flood the caller.

    Raises:
        UnsafeFile: not a regular file, too big, or missing and unreadable.
    """
    try:
        info = os.stat(path)
    except OSError as error:
        raise UnsafeFile("unreadable", "Ce fichier est introuvable ou illisible.") from error
    _refuse_mode(info.st_mode)
    if info.st_size > max_bytes:
        raise UnsafeFile(
            "too-big", f"Ce fichier est beaucoup trop gros (plus de {_megabytes(max_bytes)}).", info.st_size
        )
    return info


def open_regular(path: Path, max_bytes: int) -> BinaryIO:
    """Open ``path`` for reading only if it is a regular file of at most ``max_bytes``.

    The check is made on the open file itself (no race with a file swapped in between), and the
    open never blocks on a FIFO.

    Raises:
        UnsafeFile: see ``check_regular``.
    """
    flags = (
        os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    )
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise UnsafeFile("unreadable", "Ce fichier est introuvable ou illisible.") from error
    try:
        info = os.fstat(fd)
        _refuse_mode(info.st_mode)
        if info.st_size > max_bytes:
            raise UnsafeFile(
                "too-big",
                f"Ce fichier est beaucoup trop gros (plus de {_megabytes(max_bytes)}).",
                info.st_size,
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path``, a regular file of at most ``max_bytes`` (also if it grows while read).

    Raises:
        UnsafeFile: see ``check_regular``.
    """
    with open_regular(path, max_bytes) as handle:
        try:
            data = handle.read(max_bytes + 1)
        except OSError as error:
            raise UnsafeFile("unreadable", "Ce fichier est illisible.") from error
    if len(data) > max_bytes:
        raise UnsafeFile(
            "too-big", f"Ce fichier est beaucoup trop gros (plus de {_megabytes(max_bytes)}).", len(data)
        )
    return data


def read_regular_text(path: Path, max_bytes: int) -> str:
    """``read_regular`` decoded as UTF-8 (a leading byte-order mark is dropped).

    Raises:
        UnsafeFile: see ``check_regular``, or the bytes are not UTF-8.
    """
    try:
        return read_regular(path, max_bytes).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnsafeFile("unreadable", "Ce fichier n'est pas un texte lisible.") from error


def regular_files(folder: Path) -> list[Path]:
    """The regular files directly in ``folder`` (links to regular files included), sorted by name.

    FIFOs, devices, sockets, folders and links to them are skipped without being opened; a folder
    that cannot be read gives an empty list.
    """
    found: list[Path] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                try:
                    if entry.is_file(follow_symlinks=True):
                        found.append(Path(entry.path))
                except OSError:
                    continue
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name)
