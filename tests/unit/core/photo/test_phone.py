"""Finding phones, cameras and USB keys, listing their photos, and importing copies."""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

import pytest
from PIL import Image

from lbpmv_desktop.core.photo import phone
from lbpmv_desktop.core.photo.library import ImportCancelled, PhotoLibrary, source_key
from lbpmv_desktop.core.photo.opening import PhotoRefused

if TYPE_CHECKING:
    from pathlib import Path


def _jpeg(
    path: Path, colour: tuple[int, int, int], taken: str | None = None, mtime: float | None = None
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", (64, 48), colour)
    exif = Image.Exif()
    if taken:
        exif.get_ifd(0x8769)[0x9003] = taken
    image.save(path, quality=85, exif=exif.tobytes())
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


@pytest.fixture
def mounts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """/media/$USER with a phone-like volume, a USB key without DCIM, and an MTP phone."""
    media = tmp_path / "media"
    key = media / "KINGSTON"
    (key / "Factures").mkdir(parents=True)
    _jpeg(key / "Factures" / "scan.jpg", (1, 2, 3))
    camera = media / "NIKON D3500" / "DCIM" / "100NIKON"
    _jpeg(camera / "DSC_0001.JPG", (200, 10, 10), "2026:11:30 09:00:00", mtime=1_000)
    _jpeg(camera / "DSC_0002.JPG", (10, 200, 10), "2026:12:01 10:42:00", mtime=1_000)
    _jpeg(camera / "DSC_0003.JPG", (10, 10, 200), None, mtime=time.mktime((2026, 11, 1, 8, 0, 0, 0, 0, -1)))
    gvfs = tmp_path / "gvfs" / "mtp:host=SAMSUNG_Galaxy_A52_R58R12" / "Stockage interne partagé" / "DCIM"
    _jpeg(gvfs / "Camera" / "IMG_20261201.jpg", (90, 90, 90))
    monkeypatch.setenv(phone.ROOTS_VARIABLE, os.pathsep.join([str(media), str(tmp_path / "gvfs")]))
    return tmp_path


def test_devices_are_volumes_with_a_dcim_folder(mounts: Path) -> None:
    devices = phone.find_devices()
    assert [(d.name, d.kind) for d in devices] == [
        ("NIKON D3500", "drive"),
        ("SAMSUNG Galaxy A52 R58R12", "phone"),
    ], "the USB key without DCIM is not listed"
    assert devices[1].dcim.name == "DCIM"
    assert devices[1].dcim.parent.name == "Stockage interne partagé"


def test_photos_newest_first_with_camera_dates(mounts: Path) -> None:
    (camera,) = [d for d in phone.find_devices() if d.kind == "drive"]
    photos = phone.list_photos(camera)
    assert [p.name for p in photos] == ["DSC_0002.JPG", "DSC_0001.JPG", "DSC_0003.JPG"]
    assert time.localtime(photos[0].taken)[:5] == (2026, 12, 1, 10, 42), "EXIF DateTimeOriginal"
    assert time.localtime(photos[2].taken)[:3] == (2026, 11, 1), "no EXIF: the file's date"


def test_hostile_volumes_are_bounded(tmp_path: Path) -> None:
    volume = tmp_path / "volume"
    dcim = volume / "DCIM"
    outside = _jpeg(tmp_path / "secret.jpg", (5, 5, 5))
    _jpeg(dcim / "ok.jpg", (5, 5, 5))
    (dcim / "link-out.jpg").symlink_to(outside)
    (dcim / "link-in.jpg").symlink_to(dcim / "ok.jpg")
    (dcim / "loop").symlink_to(dcim)  # a folder link is never followed
    os.mkfifo(dcim / "fifo.jpg")
    (dcim / "empty.jpg").touch()
    _jpeg(dcim / ".thumbnails" / "t.jpg", (5, 5, 5))
    deep = dcim / "a" / "b" / "c" / "d" / "e"
    _jpeg(deep / "too-deep.jpg", (5, 5, 5))
    for number in range(30):
        _jpeg(dcim / "many" / f"{number:03}.jpg", (5, 5, 5))
    device = phone.folder_device(volume)
    names = {p.name for p in phone.list_photos(device, max_files=1000)}
    assert "ok.jpg" in names
    assert "link-in.jpg" in names
    assert names.isdisjoint({"link-out.jpg", "fifo.jpg", "empty.jpg", "t.jpg", "too-deep.jpg"})
    assert len(phone.list_photos(device, max_files=10)) == 10
    with pytest.raises(phone.Cancelled):
        phone.list_photos(device, cancelled=lambda: True)


def test_exif_reader_survives_garbage() -> None:
    assert phone.exif_date_from(b"") is None
    assert phone.exif_date_from(b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00MM\x00*\xff\xff\xff\xff") is None
    assert (
        phone.exif_date_from(b"\xff\xd8\xff\xe1\xff\xffExif\x00\x00II*\x00\x08\x00\x00\x00\xff\xff") is None
    )
    assert phone.exif_date_from(b"\xff\xd8" + b"\xff\xe0\x00\x02" * 100) is None


def test_gvfs_names_are_readable() -> None:
    assert phone._gvfs_name("gphoto2:host=Apple_Inc._iPhone_00008030") == (
        "Apple Inc. iPhone 00008030",
        "phone",
    )
    assert phone._gvfs_name("gphoto2:host=Canon_Inc._EOS") == ("Canon Inc. EOS", "camera")
    assert phone._gvfs_name("mtp:host=%5Busb%3A001%2C005%5D") == ("Téléphone", "phone")
    assert phone._gvfs_name("sftp:host=example") is None


def test_import_copies_and_remembers(mounts: Path, tmp_path: Path) -> None:
    library = PhotoLibrary(tmp_path / "library")
    (camera,) = [d for d in phone.find_devices() if d.kind == "drive"]
    source = phone.list_photos(camera)[0]
    before = source.path.read_bytes()
    copy = library.import_copy(source.path)
    assert copy.path.read_bytes() == before
    assert source.path.read_bytes() == before
    assert copy.path.parent == library.photos_dir
    assert library.imported() == {source_key(source.name, source.size)}
    copy.path.unlink()
    assert library.imported() == set(), "a deleted copy can be imported again"


def test_cancelled_import_leaves_no_half_copy(tmp_path: Path) -> None:
    big = tmp_path / "big.jpg"
    Image.effect_noise((600, 600), 60).convert("RGB").save(big, quality=95)
    library = PhotoLibrary(tmp_path / "library")
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(ImportCancelled):
        library.import_copy(big, cancelled=cancelled, chunk=4096)
    assert list(library.photos_dir.iterdir()) == [], "no temporary or half file left"
    assert library.imported() == set()


def test_import_refuses_what_is_not_a_regular_photo(tmp_path: Path) -> None:
    library = PhotoLibrary(tmp_path / "library")
    os.mkfifo(tmp_path / "fifo.jpg")
    (tmp_path / "fake.jpg").write_text("pas une photo", encoding="utf-8")
    for path in (tmp_path / "fifo.jpg", tmp_path / "fake.jpg"):
        with pytest.raises(PhotoRefused):
            library.import_copy(path)
    assert not library.photos_dir.exists() or list(library.photos_dir.iterdir()) == []


def test_heic_from_an_iphone_is_listed_and_imported(tmp_path: Path) -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    dcim = tmp_path / "iPhone" / "DCIM" / "100APPLE"
    dcim.mkdir(parents=True)
    Image.new("RGB", (64, 48), (200, 120, 60)).save(dcim / "IMG_0001.HEIC", quality=80)
    (device,) = phone.find_devices([tmp_path])
    assert device.kind == "phone"
    (photo,) = phone.list_photos(device)
    copy = PhotoLibrary(tmp_path / "library").import_copy(photo.path)
    assert copy.path.suffix == ".heic"
    assert copy.path.read_bytes() == photo.path.read_bytes()


def test_imported_index_survives_a_broken_file(tmp_path: Path) -> None:
    library = PhotoLibrary(tmp_path)
    (tmp_path / "imported.json").write_text("[1, 2", encoding="utf-8")
    assert library.imported() == set()
    library.remember_imported({"a.jpg|3": "a.jpg"})
    assert library._read_imported() == {"a.jpg|3": "a.jpg"}


def test_a_volume_full_of_folders_ends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dcim = tmp_path / "volume" / "DCIM"
    photo = _jpeg(tmp_path / "one.jpg", (5, 5, 5)).read_bytes()
    for number in range(60):
        (dcim / f"{number:03}").mkdir(parents=True)
        (dcim / f"{number:03}" / "p.jpg").write_bytes(photo)
    monkeypatch.setattr(phone, "MAX_ENTRIES", 100)
    listed = phone.list_photos(phone.folder_device(tmp_path / "volume"), max_files=10)
    assert 0 < len(listed) <= 10
    assert len(phone.list_photos(phone.folder_device(tmp_path / "volume"), max_files=1000)) < 60


def test_the_date_of_a_fifo_or_an_empty_file_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "IMG_0001.jpg"
    os.mkfifo(fifo)  # opening it would wait forever for a writer
    empty = tmp_path / "IMG_0002.jpg"
    empty.write_bytes(b"")
    assert phone.exif_date(fifo) is None
    assert phone.exif_date(empty) is None
