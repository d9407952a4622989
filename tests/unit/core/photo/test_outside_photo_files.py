"""Photos, keys and remembered posters from the data folder or a USB key: checked, never blocking."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import pytest
from PIL import Image

from lbpmv_desktop.core.photo.library import PhotoLibrary
from lbpmv_desktop.core.photo.opening import PhotoRefused, check_file, open_image, upright_size
from lbpmv_desktop.core.photo.phone import exif_date
from lbpmv_desktop.core.poster.memory import remembered
from lbpmv_desktop.core.poster.model import Poster
from lbpmv_desktop.core.progress.identity import ShopKeyError, load_or_create_key

if TYPE_CHECKING:
    from pathlib import Path

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")


def _hostile(tmp_path: Path, name: str, kind: str) -> Path:
    path = tmp_path / name
    if kind == "fifo":
        os.mkfifo(path)  # opened the usual way, reading it would wait for a writer forever
    else:
        path.symlink_to("/dev/zero")  # read the usual way, it never ends
    return path


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_a_photo_that_is_not_a_plain_file_is_refused_at_once(tmp_path: Path, kind: str) -> None:
    path = _hostile(tmp_path, "Chaussons bébé.jpg", kind)
    for attempt in (check_file, open_image, upright_size):
        with pytest.raises(PhotoRefused) as refused:
            attempt(path)
        assert "ordinaire" in refused.value.message
    library = PhotoLibrary(tmp_path / "library")
    for copy in (library.add_copy, library.import_copy):
        with pytest.raises(PhotoRefused):
            copy(path)
    assert not any((tmp_path / "library" / "photos").iterdir())  # no temporary file left
    assert exif_date(path) is None


def test_a_folder_named_like_a_photo_gets_its_own_sentence(tmp_path: Path) -> None:
    folder = tmp_path / "vacances.jpg"
    folder.mkdir()
    with pytest.raises(PhotoRefused) as refused:
        check_file(folder)
    assert "dossier" in refused.value.message


def test_the_photo_copied_is_the_photo_checked(tmp_path: Path) -> None:
    source = tmp_path / "vitrine.png"
    Image.new("RGB", (40, 30), (200, 10, 10)).save(source)
    library = PhotoLibrary(tmp_path / "library")
    photo = library.import_copy(source)
    assert photo.path.read_bytes() == source.read_bytes()
    assert library.imported()  # remembered as imported


@posix_only
def test_a_hostile_remembered_poster_or_recipe_gives_the_defaults(tmp_path: Path) -> None:
    assert remembered(_hostile(tmp_path, "last-poster.json", "fifo")) == Poster()
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    assert remembered(deep) == Poster()
    library = PhotoLibrary(tmp_path / "library")
    source = tmp_path / "a.png"
    Image.new("RGB", (8, 8)).save(source)
    photo = library.add_copy(source)
    library.edits_dir.mkdir(parents=True, exist_ok=True)
    os.mkfifo(library.edits_dir / f"{photo.name}.json")
    assert library.load_recipe(photo).is_original


@pytest.mark.parametrize("content", [b"", b"-----BEGIN PRIVATE KEY-----\nabc\n", b"\x00" * 300])
def test_a_damaged_shop_key_is_a_french_sentence(tmp_path: Path, content: bytes) -> None:
    key = tmp_path / "shop-key.pem"
    key.write_bytes(content)
    with pytest.raises(ShopKeyError) as refused:
        load_or_create_key(key)
    assert "abîmée" in refused.value.message
    assert key.read_bytes() == content  # never replaced behind the merchant's back


@posix_only
def test_a_shop_key_that_is_a_fifo_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ShopKeyError):
        load_or_create_key(_hostile(tmp_path, "shop-key.pem", "fifo"))


@posix_only
def test_a_logo_that_is_not_a_plain_file_says_why(tmp_path: Path) -> None:
    from lbpmv_desktop.core.photo.preview import picture_rgba

    with pytest.raises(PhotoRefused) as refused:
        picture_rgba(_hostile(tmp_path, "logo.png", "zero"), 400, keep_transparency=True)
    assert "ordinaire" in refused.value.message  # not « abîmée »: it was never read
