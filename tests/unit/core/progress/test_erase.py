"""« Effacer toutes mes données »: everything the app made for the shop goes, nothing else does."""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest

from lbpmv_desktop.core.progress import events as ev
from lbpmv_desktop.core.progress.bundle import read_bundle
from lbpmv_desktop.core.progress.erase import (
    erase_everything,
    publish_shared_file,
    shared_file_name,
    shop_files,
)
from lbpmv_desktop.core.progress.identity import (
    load_or_create_key,
    public_bytes,
    public_text,
    verification_code,
)
from lbpmv_desktop.core.progress.sharing import export_bundle
from lbpmv_desktop.core.progress.store import ProgressStore
from lbpmv_desktop.core.tutorials.catalogue import Catalogue
from lbpmv_desktop.paths import DataPaths

if TYPE_CHECKING:
    from pathlib import Path

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
needs_links = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")


def _read(data: bytes):  # read_bundle gains ``now`` (helper B); older signature otherwise
    try:
        return read_bundle(data, now=NOW)
    except TypeError:
        return read_bundle(data)


@pytest.fixture
def shop(tmp_path: Path) -> tuple[DataPaths, ProgressStore]:
    paths = DataPaths(tmp_path / "data").ensure()
    store = ProgressStore.open(paths.database)
    store.append(
        [
            ev.profile_set(
                "dev", shop_name="Chaussons bébé", first_name="Zoé", animator_name="Léa", goal="photos"
            ),
            ev.new_event(ev.VISIT_NOTE, "dev", data={"type": "note", "text": "Très motivée"}),
        ]
    )
    load_or_create_key(paths.shop_key)
    return paths, store


def _fill_data_folder(paths: DataPaths) -> None:
    """What a shop's app leaves in its data folder after some use."""
    for side in ("-wal", "-shm"):
        paths.database.with_name(paths.database.name + side).write_bytes(b"x")
    paths.backups.mkdir()
    (paths.backups / "progress-2026-11-29.sqlite").write_bytes(b"copy")
    (paths.backups / "progress-2026-11-30.sqlite.part-wal").write_bytes(b"side")
    paths.settings.write_text(json.dumps({"role": "merchant"}), encoding="utf-8")
    (paths.cache).mkdir()
    (paths.cache / "catalogue.json").write_text("{}", encoding="utf-8")
    paths.photo_library.mkdir()
    (paths.photo_library / "chaussons.jpg").write_bytes(b"jpeg")
    paths.posters.mkdir()
    (paths.posters / "soldes.json").write_text("{}", encoding="utf-8")
    paths.animator_pin.write_text("{}", encoding="utf-8")
    (paths.root / "last-poster.json").write_text("{}", encoding="utf-8")
    (paths.root / ".settings.json.abc.tmp").write_text("{}", encoding="utf-8")


def test_everything_the_app_made_is_erased(shop) -> None:
    paths, store = shop
    _fill_data_folder(paths)
    result = erase_everything(paths, store, now=NOW)
    assert result.left == ()
    assert result.notice == "none"  # no sharing folder: nothing to replace
    assert sorted(p.name for p in paths.root.iterdir()) == []


def test_after_erasing_the_shop_has_a_new_key_and_a_new_code(shop) -> None:
    paths, store = shop
    before = verification_code(public_bytes(load_or_create_key(paths.shop_key)))
    erase_everything(paths, store, now=NOW)
    assert not paths.shop_key.exists()
    after = verification_code(public_bytes(load_or_create_key(paths.shop_key)))
    assert after != before
    reopened = ProgressStore.open(paths.database)
    assert reopened.events() == []
    assert reopened.shop_id != store.shop_id
    reopened.close()


@needs_links
def test_links_inside_the_data_folder_are_removed_never_followed(shop, tmp_path: Path) -> None:
    paths, store = shop
    pictures = tmp_path / "Images" / "Mes photos prêtes"
    pictures.mkdir(parents=True)
    (pictures / "chaussons bébé 24,90 €.jpg").write_bytes(b"the merchant's photo")
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "affiche.pdf").write_bytes(b"pdf")
    os.symlink(pictures, paths.photo_library)  # the studio's folder is a link to Pictures
    paths.posters.mkdir()
    os.symlink(documents, paths.posters / "mes affiches")  # a link deeper inside
    os.symlink(documents / "affiche.pdf", paths.settings)  # a file link
    erase_everything(paths, store, now=NOW)
    assert not paths.photo_library.is_symlink()
    assert not paths.photo_library.exists()
    assert not paths.posters.exists()
    assert (pictures / "chaussons bébé 24,90 €.jpg").read_bytes() == b"the merchant's photo"
    assert (documents / "affiche.pdf").read_bytes() == b"pdf"


def test_the_shared_file_is_replaced_by_a_signed_erased_notice(shop, tmp_path: Path) -> None:
    paths, store = shop
    folder = tmp_path / "Clé USB"
    folder.mkdir()
    key = load_or_create_key(paths.shop_key)
    name = shared_file_name("Chaussons bébé", store.shop_id)
    full = export_bundle(store, key, Catalogue([]), "test", NOW)
    (folder / name).write_bytes(full)
    paths.settings.write_text(json.dumps({"sharing_folder": str(folder)}), encoding="utf-8")
    result = erase_everything(paths, store, now=NOW)
    assert result.notice == "written"
    assert result.message == ""
    files = list(folder.iterdir())
    assert [f.name for f in files] == [name]
    notice = _read(files[0].read_bytes())
    assert notice.events == []
    assert notice.sharing == "erased"
    assert notice.shop_id == store.shop_id
    assert notice.public_key == public_bytes(key)  # signed with the key now deleted
    assert not paths.shop_key.exists()


def test_an_older_file_of_the_shop_under_another_name_goes_too(shop, tmp_path: Path) -> None:
    paths, store = shop
    folder = tmp_path / "partage"
    folder.mkdir()
    key = load_or_create_key(paths.shop_key)
    old = folder / shared_file_name("Ancien nom", store.shop_id)
    old.write_bytes(export_bundle(store, key, Catalogue([]), "test", NOW))
    other_key = load_or_create_key(tmp_path / "other.pem")
    other_store = ProgressStore.open(tmp_path / "other.sqlite")
    other_store.append(
        [ev.profile_set("d2", shop_name="Autre", first_name="", animator_name="", goal="photos")]
    )
    other = folder / shared_file_name("Autre", other_store.shop_id)
    other.write_bytes(export_bundle(other_store, other_key, Catalogue([]), "test", NOW))
    (folder / "progres-faux.lbpmv").write_bytes(b"not a zip")
    erase_everything(paths, store, sharing_folder=folder, now=NOW)
    assert not old.exists()
    assert other.exists(), "another shop's file in the same folder is never touched"
    assert (folder / "progres-faux.lbpmv").exists()
    assert (folder / shared_file_name("Chaussons bébé", store.shop_id)).exists()
    other_store.close()


def test_a_missing_sharing_folder_is_said_and_the_rest_is_erased(shop, tmp_path: Path) -> None:
    paths, store = shop
    _fill_data_folder(paths)
    result = erase_everything(paths, store, sharing_folder=tmp_path / "clé retirée", now=NOW)
    assert result.notice == "failed"
    assert "animateur peut encore voir" in result.message
    assert not paths.shop_key.exists()
    assert not paths.database.exists()


def test_publishing_never_follows_a_fifo_named_like_a_progress_file(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    folder = tmp_path / "partage"
    folder.mkdir()
    os.mkfifo(folder / "progres-piege-12345678.lbpmv")
    key = load_or_create_key(tmp_path / "key.pem")
    written = publish_shared_file(folder, "progres-x-1.lbpmv", b"data", public_text(key))
    assert written.read_bytes() == b"data"
    assert shop_files(folder, public_text(key)) == []  # the FIFO was skipped, never opened


def test_erasing_without_an_open_store_still_erases_the_files(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    paths.database.write_bytes(b"")  # a damaged database the app could not open
    load_or_create_key(paths.shop_key)
    result = erase_everything(paths, None, now=NOW)
    assert result.left == ()
    assert list(paths.root.iterdir()) == []


def test_a_damaged_database_still_lets_the_shared_file_be_replaced(shop, tmp_path: Path) -> None:
    paths, store = shop
    folder = tmp_path / "partage"
    folder.mkdir()
    key = load_or_create_key(paths.shop_key)
    shared = folder / shared_file_name("Chaussons bébé", store.shop_id)
    shared.write_bytes(export_bundle(store, key, Catalogue([]), "test", NOW))
    store.close()
    paths.database.write_bytes(b"not sqlite")  # the app could not open it: no store
    result = erase_everything(paths, None, sharing_folder=folder, now=NOW)
    assert result.notice == "written"
    notice = _read(shared.read_bytes())
    assert (notice.sharing, notice.shop_id, notice.shop_name) == ("erased", store.shop_id, "Chaussons bébé")
    assert notice.events == []
