"""Atomic writes: finished files get ordinary permissions, private ones stay private."""

from __future__ import annotations

import os
import stat
import sys
from typing import TYPE_CHECKING

import pytest

from lbpmv_desktop.core.fileio import PUBLIC_MODE, write_bytes_atomic, write_new_file

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_shared_files_are_readable_like_any_saved_file(tmp_path: Path) -> None:
    progress = tmp_path / "partage" / "boutique.lbpmv"
    write_bytes_atomic(progress, b"signed")
    photo = write_new_file(tmp_path / "photos", "tasse-instagram", ".jpg", b"jpeg")

    assert _mode(progress) == PUBLIC_MODE
    assert _mode(photo) == PUBLIC_MODE
    assert PUBLIC_MODE & stat.S_IRGRP  # the animator's account can read a shared progress file


def test_private_files_stay_readable_by_their_owner_only(tmp_path: Path) -> None:
    key = tmp_path / "identity.pem"
    write_bytes_atomic(key, b"secret", private=True)
    write_bytes_atomic(key, b"secret again", private=True)

    assert _mode(key) == 0o600
    assert key.read_bytes() == b"secret again"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
