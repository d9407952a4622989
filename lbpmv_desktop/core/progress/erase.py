"""« Effacer toutes mes données » and the shop's file in the sharing folder.

``erase_everything`` removes what the app made for this shop from the data folder: the events,
the database and its side files, backups, settings, caches, the studio's copies, the poster
descriptions, the shop key (the shop gets a new code afterwards) and the animator's PIN file.
Before the key goes, the file in the sharing folder is replaced by a signed « erased » notice,
so that the animator's app deletes this shop's events too.

Deleting never follows a link out of the data folder: a link inside it (say ``library`` pointing
at the merchant's Pictures) is removed, never what it points at.

``publish_shared_file`` writes the shop's file in the sharing folder (a full file or a notice)
and removes the older files of this shop there (written under an earlier shop name), so that the
folder never keeps a full log that the merchant believes is gone.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import os
import shutil
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from lbpmv_desktop.core.fileio import UnsafeFile, read_regular, regular_files, safe_stem, write_bytes_atomic

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from lbpmv_desktop.core.progress.bundle import Manifest
    from lbpmv_desktop.core.progress.store import ProgressStore
    from lbpmv_desktop.paths import DataPaths

log = logging.getLogger(__name__)

SHARED_PREFIX = "progres-"
SHARED_SUFFIX = ".lbpmv"
_MAX_KEY_BYTES = 64 * 1024
# Files the app writes at the top of the data folder besides the named paths of DataPaths.
_POSTER_MEMORY = "last-poster.json"
_DATABASE_SIDES = ("-wal", "-shm", "-journal", ".restoring", ".lock")


@dataclass(frozen=True)
class EraseResult:
    """What ``erase_everything`` did.

    Attributes:
        notice: "written" (the sharing folder's file now says « données effacées »), "failed" (it
            could not be written: the animator may still have the last file), or "none" (no
            sharing folder, or nothing was ever shared from this computer).
        left: what could not be removed from the data folder.
    """

    notice: str
    left: tuple[Path, ...] = ()

    @property
    def message(self) -> str:
        """One plain French sentence about what did not go as asked ("" when everything did)."""
        parts = []
        if self.left:
            parts.append(
                "Certains fichiers n'ont pas pu être effacés du dossier de données "
                f"({', '.join(p.name for p in self.left[:3])}) : fermez les autres programmes, puis réessayez."
            )
        if self.notice == "failed":
            parts.append(
                "Le fichier du dossier de partage n'a pas pu être remplacé (la clé USB est-elle branchée ?) : "
                "votre animateur peut encore voir vos derniers progrès. Prévenez-le."
            )
        return " ".join(parts)


# -- the shop's file in the sharing folder ---------------------------------------------------------
def shared_file_name(shop_name: str, shop_id: str) -> str:
    """« progres-Les Petits Pas-1a2b3c4d.lbpmv »: the name of the shop's file in the sharing folder."""
    return f"{SHARED_PREFIX}{safe_stem(shop_name, 'commerce')}-{shop_id[:8] or 'x'}{SHARED_SUFFIX}"


def _manifest(path: Path) -> Manifest | None:
    """The signed manifest of the progress file at ``path``, or None (not one, unreadable, hostile)."""
    from lbpmv_desktop.core.progress.bundle import MAX_FILE_BYTES, BundleRefused, open_progress_file

    try:
        return open_progress_file(read_regular(path, MAX_FILE_BYTES)).manifest
    except (UnsafeFile, BundleRefused, OSError):
        return None


def shop_files(folder: Path, public_key: str) -> list[Path]:
    """The progress files in ``folder`` signed with this shop's ``public_key`` (its base64 text).

    Only regular files named like a progress file are opened, and only their manifest is read.
    """
    found = []
    for path in regular_files(folder):
        if not (path.name.startswith(SHARED_PREFIX) and path.name.endswith(SHARED_SUFFIX)):
            continue
        manifest = _manifest(path)
        if manifest is not None and base64.b64encode(manifest.public_key).decode("ascii") == public_key:
            found.append(path)
    return found


def publish_shared_file(folder: Path, name: str, data: bytes, public_key: str) -> Path:
    """Write ``data`` as ``folder/name`` (atomically), then remove this shop's other files there.

    Raises:
        OSError: the folder cannot be written (a USB key taken out): the old file may still be there.
    """
    target = folder / name
    if not folder.is_dir():
        raise FileNotFoundError(f"the sharing folder {folder} is not there")
    write_bytes_atomic(target, data)
    for other in shop_files(folder, public_key):
        if other.name != name and not other.is_symlink():
            try:
                other.unlink()
            except OSError as error:  # the new file is written: the old one is only a leftover
                log.warning("an older progress file could not be removed: %s (%s)", other, error)
    return target


# -- erasing the data folder ---------------------------------------------------------------------
def _is_link(path: Path) -> bool:
    """A symbolic link, or a Windows junction (never followed when deleting)."""
    isjunction = getattr(os.path, "isjunction", None)
    return path.is_symlink() or bool(isjunction and isjunction(path))


def _remove(path: Path, left: list[Path]) -> None:
    """Remove ``path`` (a file, a folder and what it holds, or just the link if it is one)."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    except OSError:
        left.append(path)
        return
    try:
        if _is_link(path):
            # Only the link: a junction is removed as a folder, but nothing under it is touched.
            if stat.S_ISDIR(info.st_mode):
                path.rmdir()
            else:
                path.unlink()
        elif stat.S_ISDIR(info.st_mode):
            # rmtree removes the links it meets inside without following them.
            shutil.rmtree(path, onerror=lambda *_: None)
            if path.exists() or path.is_symlink():
                left.append(path)
        else:
            path.unlink()
    except OSError as error:
        log.warning("could not erase %s: %s", path, error)
        left.append(path)


def _sharing_folder(paths: DataPaths) -> Path | None:
    from lbpmv_desktop.settings import load_settings

    folder = load_settings(paths.settings).sharing_folder
    return Path(folder) if folder else None


def _shop_name(store: ProgressStore | None) -> str:
    from lbpmv_desktop.core.progress import events as ev

    if store is None:
        return ""
    try:
        events = store.events()
    except Exception:  # a damaged row must not stop the erasing
        log.warning("the shop's name could not be read before erasing", exc_info=True)
        return ""
    names = [e.data.get("shop_name") for e in events if e.kind == ev.PROFILE_SET]
    return next((n for n in reversed(names) if isinstance(n, str) and n.strip()), "")


def _load_key(paths: DataPaths) -> Ed25519PrivateKey | None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from lbpmv_desktop.core.fileio import read_regular

    if _is_link(paths.shop_key) or not paths.shop_key.exists():
        return None
    try:
        key = serialization.load_pem_private_key(read_regular(paths.shop_key, _MAX_KEY_BYTES), password=None)
    except (UnsafeFile, ValueError, TypeError):
        log.warning("the shop key could not be read before erasing", exc_info=True)
        return None
    return key if isinstance(key, Ed25519PrivateKey) else None


def write_erased_notice(
    paths: DataPaths,
    store: ProgressStore | None,
    folder: Path | None,
    app_version: str,
    now: datetime,
) -> str:
    """Replace the shop's file in ``folder`` by a signed « erased » notice: "written", "failed" or "none"."""
    from lbpmv_desktop.core.progress.bundle import write_notice
    from lbpmv_desktop.core.progress.identity import public_text

    if folder is None:
        return "none"
    key = _load_key(paths)
    if key is None:
        return "none"  # no key: nothing was ever signed, so nothing was shared from here
    public_key = public_text(key)
    existing = shop_files(folder, public_key) if folder.is_dir() else []
    shared = _manifest(existing[0]) if existing else None
    shop_id = store.shop_id if store is not None else (shared.shop_id if shared else "")
    if not shop_id:
        return "none"
    shop_name = _shop_name(store) or (shared.shop_name if shared else "") or "Mon commerce"
    name = shared_file_name(shop_name, shop_id) if store is not None else existing[0].name
    try:
        notice = write_notice(key, shop_id, shop_name, "erased", app_version, now)
        publish_shared_file(folder, name, notice, public_key)
    except (OSError, ValueError) as error:
        log.warning("the erased notice could not be written in %s: %s", folder, error)
        return "failed"
    return "written"


def erase_everything(
    paths: DataPaths,
    store: ProgressStore | None,
    *,
    sharing_folder: Path | None = None,
    app_version: str = "",
    now: datetime | None = None,
) -> EraseResult:
    """Erase everything the app made for this shop in its data folder (the store is closed after).

    Args:
        paths: the data folder.
        store: the open store, if any (its events are deleted first).
        sharing_folder: where the shop's file is shared; by default the one in the saved settings.
        app_version: written in the « erased » notice.
        now: the notice's time (now by default).
    """
    if not app_version:
        from lbpmv_desktop import __version__

        app_version = __version__
    folder = sharing_folder if sharing_folder is not None else _sharing_folder(paths)
    # The notice is signed with the shop key: written before the key is deleted.
    notice = write_erased_notice(paths, store, folder, app_version, now or datetime.now(UTC))
    left: list[Path] = []
    if store is not None:
        try:
            store.erase_events()
        except Exception:  # the database file is deleted below in any case
            log.warning("the events could not be deleted one by one", exc_info=True)
        store.close()
    database = paths.database
    # Copies first: a crash half-way never leaves backups beside a missing database (they would
    # not be offered, and would outlive the erase).
    targets = [
        paths.backups,
        paths.quarantine,
        database,
        *(database.with_name(database.name + side) for side in _DATABASE_SIDES),
        paths.settings,
        paths.cache,
        paths.photo_library,
        paths.posters,
        paths.shop_key,
        paths.animator_pin,
        paths.root / _POSTER_MEMORY,
    ]
    with contextlib.suppress(OSError):  # the unfinished temporary files of atomic writes
        targets += [p for p in paths.root.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")]
    for target in targets:
        _remove(target, left)
    return EraseResult(notice, tuple(left))
