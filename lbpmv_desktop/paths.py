"""Where the app keeps its data and finds its resources.

One module owns every path, so the command line (``--data-dir``) and the tests can point
the whole app somewhere else.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from lbpmv_desktop import APP_NAME
from lbpmv_desktop.core.cleantext import clean_text
from lbpmv_desktop.core.errors import UserError

# The data folder is the account's own: its owner alone may enter it (POSIX modes; on Windows the
# per-user %LOCALAPPDATA% already is private and chmod does not apply).
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
# The files an older version left readable by every account, made private when the folder is.
OWN_FILES = ("progress.sqlite", "progress.sqlite-wal", "progress.sqlite-shm", "settings.json",
             "shop-key.pem", "animator-pin.json", "lbpmv.log", "lbpmv.log.1", "lbpmv.log.2")  # fmt: skip
# Names only this app gives: a folder holding one of them is the app's data folder.
MARKERS = ("progress.sqlite", "shop-key.pem", "animator-pin.json", "lbpmv.log")


def default_data_dir() -> Path:
    """The per-user data folder of this platform (``%LOCALAPPDATA%\\lbpmv``, ``~/.local/share/lbpmv``)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def resources_dir() -> Path:
    """The read-only ``resources/`` folder: next to the package, or inside a frozen bundle."""
    override = os.environ.get("LBPMV_RESOURCES")
    if override:
        return Path(override)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def ready_photos_dir() -> Path:
    """« Mes photos prêtes »: the exported photos, in the user's Pictures folder."""
    import platformdirs

    return Path(platformdirs.user_pictures_dir()) / "Mes photos prêtes"


def posters_dir() -> Path:
    """« Mes affiches »: the posters' PDF files, in the user's Documents folder."""
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / "Mes affiches"


def tutorials_dir() -> Path:
    """The tutorial packs shipped with the app."""
    return resources_dir() / "tutorials" / "fr"


def samples_dir() -> Path:
    """Free sample photos to practise with in the studio."""
    return resources_dir() / "samples"


class DataFolderProblem(UserError):
    """The data folder cannot be used: missing (an unplugged USB key), not a folder, read-only…

    Attributes:
        kind: ``"missing"``, ``"not-folder"``, ``"read-only"``, ``"no-access"`` or ``"unusable"``.
        root: the data folder.
    """

    def __init__(self, kind: str, root: Path, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.root = root


def _shown(path: Path) -> str:
    return clean_text(str(path), limit=300)


def folder_problem(kind: str, root: Path, error: OSError | None = None) -> DataFolderProblem:
    """The French explanation of why ``root`` cannot hold the data, and what to do."""
    name = _shown(root)
    messages = {
        "missing": (
            f"Le dossier de vos données « {name} » est introuvable : le disque ou la clé USB où il "
            "se trouve est peut-être débranché. Branchez-le, puis réessayez."
        ),
        "not-folder": (
            f"« {name} » devrait être le dossier de vos données, mais c'est un fichier. "
            "Déplacez ou renommez ce fichier (ou choisissez un autre dossier), puis réessayez."
        ),
        "read-only": (
            f"Le dossier de vos données « {name} » est en lecture seule : l'application ne peut rien "
            "y enregistrer. Donnez à votre compte le droit d'y écrire (ou choisissez un autre "
            "dossier), puis réessayez."
        ),
        "no-access": (
            f"Votre compte n'a pas le droit d'ouvrir le dossier de vos données « {name} ». "
            "Demandez à la personne qui s'occupe de l'ordinateur de vous le rendre, puis réessayez."
        ),
        "full": (
            f"Le disque du dossier de vos données « {name} » est plein : libérez de la place, puis réessayez."
        ),
    }
    number = f" (erreur {error.errno})" if error is not None and error.errno else ""
    message = messages.get(
        kind,
        f"Le dossier de vos données « {name} » ne peut pas être utilisé{number}. "
        "Vérifiez le disque ou la clé USB où il se trouve, puis réessayez.",
    )
    return DataFolderProblem(kind, root, message)


def _kind_of(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "missing"
    if isinstance(error, (FileExistsError, NotADirectoryError)):
        return "not-folder"
    if error.errno == errno.EROFS:
        return "read-only"
    if isinstance(error, PermissionError):
        return "no-access"
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "full"
    return "unusable"


@dataclass(frozen=True)
class DataPaths:
    """Every file the app writes, under one root folder.

    Attributes:
        root: the data folder (created on demand).
        chosen: the folder was named by the user (``--data-dir``, ``LBPMV_DATA_DIR``): it is
            created only inside a folder that exists, never with its parents, so that a folder
            on an unplugged USB key is reported instead of made again on the computer's disk.
    """

    root: Path
    chosen: bool = False

    @property
    def database(self) -> Path:
        return self.root / "progress.sqlite"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    @property
    def shop_key(self) -> Path:
        """The shop's private signing key (never shared)."""
        return self.root / "shop-key.pem"

    @property
    def posters(self) -> Path:
        """The posters the merchant made (their descriptions, to reprint or edit them)."""
        return self.root / "posters"

    @property
    def animator_pin(self) -> Path:
        return self.root / "animator-pin.json"

    @property
    def photo_library(self) -> Path:
        """Copies of the photos opened in the studio, and their edits."""
        return self.root / "library"

    @property
    def quarantine(self) -> Path:
        """Damaged databases are moved here, never deleted."""
        return self.root / "damaged"

    @property
    def log(self) -> Path:
        """The app's small log (tracebacks of real bugs, for the animator)."""
        return self.root / "lbpmv.log"

    def ensure(self) -> DataPaths:
        """Create the data folder if needed, private to this account, and check it is usable.

        A new folder is made 0700. An existing one that is ours (the platform's data folder, or
        a chosen one that is empty or holds a file only this app names, like ``progress.sqlite``)
        and that other accounts may enter is tightened to 0700, and the app's files in it to
        0600 (an older version left them 0644). A chosen folder that holds other things (say
        ``--data-dir ~/Documents``) is the user's: its permissions are left as they are.

        Raises:
            DataFolderProblem: missing (its parent is gone), not a folder, read-only, not ours
                to enter, or any other refusal of the system; the French message says what to do.
        """
        root = self.root
        created = False
        try:
            if not root.is_dir():
                if root.exists() or root.is_symlink():
                    raise folder_problem("not-folder", root)
                if self.chosen:
                    root.mkdir(mode=PRIVATE_FOLDER)
                else:
                    root.parent.mkdir(parents=True, exist_ok=True)
                    root.mkdir(mode=PRIVATE_FOLDER)
                created = True
        except FileExistsError:
            if not root.is_dir():
                raise folder_problem("not-folder", root) from None
        except OSError as error:
            raise folder_problem(_kind_of(error), root, error) from error
        if not os.access(root, os.R_OK | os.X_OK):
            raise folder_problem("no-access", root)
        if not os.access(root, os.W_OK):
            raise folder_problem("read-only", root)
        self._make_private(created)
        return self

    def _make_private(self, created: bool) -> None:
        if os.name == "nt":
            return
        try:
            info = os.stat(self.root)
        except OSError:
            return
        if info.st_uid != os.geteuid() or not info.st_mode & 0o077:
            return
        with contextlib.suppress(OSError):
            with os.scandir(self.root) as entries:
                empty = next(entries, None) is None
            ours = created or not self.chosen or empty or any((self.root / name).exists() for name in MARKERS)
            if not ours:  # a folder of the user's (say ~/Documents): not ours to change
                return
            os.chmod(self.root, PRIVATE_FOLDER)
            for name in OWN_FILES:
                _make_file_private(self.root / name)


def _make_file_private(path: Path) -> None:
    with contextlib.suppress(OSError):
        info = os.lstat(path)
        if stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid() and info.st_mode & 0o077:
            os.chmod(path, PRIVATE_FILE)


def data_paths(data_dir: str | os.PathLike[str] | None = None) -> DataPaths:
    """The data paths for ``--data-dir`` (or ``LBPMV_DATA_DIR``), else the platform default."""
    chosen = data_dir or os.environ.get("LBPMV_DATA_DIR")
    if chosen:
        path = Path(chosen).expanduser()
        try:
            path = path.resolve()
        except (OSError, RuntimeError):  # a loop of links: reported by ensure()
            path = path.absolute()
        return DataPaths(path, chosen=True)
    return DataPaths(default_data_dir())
