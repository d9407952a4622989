"""Where the app keeps its data and finds its resources.

One module owns every path, so the command line (``--data-dir``) and the tests can point
the whole app somewhere else.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from lbpmv_desktop import APP_NAME


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


@dataclass(frozen=True)
class DataPaths:
    """Every file the app writes, under one root folder.

    Attributes:
        root: the data folder (created on demand).
    """

    root: Path

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

    def ensure(self) -> DataPaths:
        self.root.mkdir(parents=True, exist_ok=True)
        return self


def data_paths(data_dir: str | os.PathLike[str] | None = None) -> DataPaths:
    """The data paths for ``--data-dir`` (or ``LBPMV_DATA_DIR``), else the platform default."""
    chosen = data_dir or os.environ.get("LBPMV_DATA_DIR")
    return DataPaths(Path(chosen).expanduser().resolve() if chosen else default_data_dir())
