"""Phones, cameras and USB keys plugged in, and the photos on them (no Qt here).

A device is a removable volume with a ``DCIM`` folder (the camera folder every phone and camera
writes). Volumes are looked for where the system mounts them: on Linux ``/media/$USER``,
``/run/media/$USER``, ``/media`` and the phones gvfs mounts under ``/run/user/$UID/gvfs``
(MTP and PTP, where ``DCIM`` may be one folder down, in « Stockage interne partagé »); on
Windows the removable drive letters. ``LBPMV_VOLUMES_ROOTS`` (folders separated by
``os.pathsep``) replaces these places, for tests.

Everything on a device is hostile: the walks are bounded in depth and count, never follow a
link out of the volume, only keep regular files, and check ``cancelled`` often so the caller's
worker thread can give up on a slow device.
"""

from __future__ import annotations

import contextlib
import os
import stat
import struct
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from lbpmv_desktop.core.fileio import UnsafeFile, open_regular
from lbpmv_desktop.core.photo.library import PICTURE_SUFFIXES
from lbpmv_desktop.core.photo.opening import MAX_FILE_BYTES

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

ROOTS_VARIABLE = "LBPMV_VOLUMES_ROOTS"
MAX_FILES = 5000
MAX_DEPTH = 4
MAX_ENTRIES = 50_000  # names looked at in all, photos or not (a volume full of folders ends too)
MAX_VOLUMES = 64  # entries looked at in one mount folder
MAX_INNER = 16  # folders looked at inside a volume for a DCIM one level down (phone storages)
EXIF_BUDGET_SECONDS = 2.0  # reading dates inside files stops after this; the file's date is used
EXIF_HEAD_BYTES = 64 * 1024

_PLATFORM: str = sys.platform  # a plain string: every branch below is checked on every system
Kind = Literal["phone", "camera", "drive", "folder"]


class Cancelled(Exception):
    """The caller gave up (the dialog was closed, another device was chosen)."""


@dataclass(frozen=True)
class Device:
    """A volume with photos.

    Attributes:
        name: what the merchant sees (« Galaxy A52 », « NIKON D3500 », « KINGSTON »).
        volume: the volume's root (nothing outside it is read).
        dcim: the photo folder inside it.
        kind: a phone (MTP/PTP, or a DCIM with an Apple or Android layout), a drive
            (USB key, camera card), or a folder the merchant chose.
    """

    name: str
    volume: Path
    dcim: Path
    kind: Kind


@dataclass(frozen=True)
class PhonePhoto:
    """A photo on a device: where it is, its size and when it was taken (seconds since 1970)."""

    path: Path
    size: int
    taken: float

    @property
    def name(self) -> str:
        return self.path.name


def _never() -> bool:
    return False


# -- where volumes are mounted ----------------------------------------------------------------
def mount_folders() -> list[Path]:
    """The folders whose entries are volumes: ``LBPMV_VOLUMES_ROOTS`` or the system's places."""
    configured = os.environ.get(ROOTS_VARIABLE)
    if configured is not None:
        return [Path(part) for part in configured.split(os.pathsep) if part]
    if _PLATFORM.startswith(("linux", "freebsd")):
        user = os.environ.get("USER") or os.environ.get("LOGNAME") or ""
        folders = [Path("/media") / user, Path("/run/media") / user] if user else []
        folders.append(Path("/media"))
        if hasattr(os, "getuid"):
            folders.append(Path(f"/run/user/{os.getuid()}/gvfs"))
        return folders
    if _PLATFORM == "darwin":
        return [Path("/Volumes")]
    return []


def windows_removable_drives() -> list[Path]:
    """Drive letters of removable drives (USB keys, card readers); empty elsewhere.

    Phones on Windows (MTP) are not drive letters but shell objects: they are not found here.
    """
    if _PLATFORM != "win32":
        return []
    import ctypes

    drive_removable = 2
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    kernel32.SetErrorMode(0x0001 | 0x8000)  # no « insert a disk » box for an empty card reader
    mask = int(kernel32.GetLogicalDrives())
    drives = []
    for number in range(26):
        if mask & (1 << number):
            root = f"{chr(ord('A') + number)}:\\"
            if int(kernel32.GetDriveTypeW(ctypes.c_wchar_p(root))) == drive_removable:
                drives.append(Path(root))
    return drives


def _is_dir(path: Path) -> bool:
    """A real folder (not a link to one, not a file)."""
    try:
        return stat.S_ISDIR(path.lstat().st_mode)
    except OSError:
        return False


def _entries(folder: Path, limit: int) -> list[os.DirEntry[str]]:
    found: list[os.DirEntry[str]] = []
    try:
        with os.scandir(folder) as listing:
            for entry in listing:
                found.append(entry)
                if len(found) >= limit:
                    break
    except OSError:
        return []
    return found


def _dcim_in(folder: Path) -> Path | None:
    for entry in _entries(folder, MAX_VOLUMES * 4):
        if entry.name.upper() == "DCIM" and _is_dir(Path(entry.path)):
            return Path(entry.path)
    return None


def find_dcim(volume: Path, cancelled: Callable[[], bool] = _never) -> Path | None:
    """``volume/DCIM``, or ``volume/<storage>/DCIM`` (a phone seen through MTP), or None."""
    direct = _dcim_in(volume)
    if direct is not None:
        return direct
    for entry in sorted(_entries(volume, MAX_INNER * 4), key=lambda e: e.name)[:MAX_INNER]:
        if cancelled():
            raise Cancelled
        if entry.name.startswith(".") or not _is_dir(Path(entry.path)):
            continue
        inner = _dcim_in(Path(entry.path))
        if inner is not None:
            return inner
    return None


def _gvfs_name(name: str) -> tuple[str, Kind] | None:
    """« mtp:host=SAMSUNG_Galaxy_A52_R58R » → (« SAMSUNG Galaxy A52 R58R », phone)."""
    scheme, _, rest = name.partition(":")
    if scheme not in ("mtp", "gphoto2"):
        return None
    host = urllib.parse.unquote(rest.partition("host=")[2] or rest).strip("[]")
    readable = " ".join(host.replace("_", " ").split())
    if not readable or readable.lower().startswith("usb:"):
        readable = "Téléphone" if scheme == "mtp" else "Appareil photo"
    kind: Kind = "phone" if scheme == "mtp" or "apple" in readable.lower() else "camera"
    return readable, kind


def _kind_of(dcim: Path) -> Kind:
    """An iPhone writes ``DCIM/100APPLE``, Android ``DCIM/Camera``; other layouts are drives."""
    for entry in _entries(dcim, 32):
        upper = entry.name.upper()
        if upper.endswith("APPLE") or upper == "CAMERA":
            return "phone"
    return "drive"


def _volumes(folders: Iterable[Path]) -> Iterable[tuple[Path, str, Kind | None]]:
    for folder in folders:
        for entry in sorted(_entries(folder, MAX_VOLUMES), key=lambda e: e.name):
            if entry.name.startswith("."):
                continue
            gvfs = _gvfs_name(entry.name)
            if gvfs is not None:
                yield Path(entry.path), gvfs[0], gvfs[1]
            elif _is_dir(Path(entry.path)):
                yield Path(entry.path), entry.name, None
    for drive in windows_removable_drives():
        yield drive, drive.drive, None


def find_devices(
    folders: Sequence[Path] | None = None, cancelled: Callable[[], bool] = _never
) -> list[Device]:
    """The volumes with a DCIM folder, in name order; each device once.

    Args:
        folders: where volumes are mounted (by default ``mount_folders()``).
        cancelled: checked between volumes; returning True raises ``Cancelled``.
    """
    devices: list[Device] = []
    seen: set[str] = set()
    for volume, name, kind in _volumes(mount_folders() if folders is None else folders):
        if cancelled():
            raise Cancelled
        dcim = find_dcim(volume, cancelled)
        if dcim is None:
            continue
        with contextlib.suppress(OSError):
            key = str(dcim.resolve())
            if key in seen:  # /media/$USER/KEY is also reached through /media
                continue
            seen.add(key)
            devices.append(Device(name, volume, dcim, kind or _kind_of(dcim)))
    return devices


def folder_device(folder: Path) -> Device:
    """A folder the merchant chose (its DCIM if it has one), as a device."""
    dcim = find_dcim(folder) or folder
    return Device(folder.name or str(folder), folder, dcim, "folder")


# -- the photos on a device ------------------------------------------------------------------
def _inside(path: Path, volume: Path) -> bool:
    try:
        path.resolve().relative_to(volume.resolve())
    except (OSError, ValueError):
        return False
    return True


def _regular(entry: os.DirEntry[str], volume: Path) -> os.stat_result | None:
    """The file's status if it is a regular file inside ``volume`` (links followed only there)."""
    try:
        info = entry.stat(follow_symlinks=False)
        if stat.S_ISLNK(info.st_mode):
            if not _inside(Path(entry.path), volume):
                return None
            info = os.stat(entry.path)
    except OSError:
        return None
    return info if stat.S_ISREG(info.st_mode) else None


def list_photos(
    device: Device,
    *,
    cancelled: Callable[[], bool] = _never,
    max_files: int = MAX_FILES,
    max_depth: int = MAX_DEPTH,
    read_dates: bool = True,
) -> list[PhonePhoto]:
    """The photos under ``device.dcim``, newest first.

    Hidden folders (``.thumbnails``, ``.trashed``) are skipped, and so are links to folders, FIFOs,
    devices, empty or oversized files. At most ``max_files`` photos, ``max_depth`` folders deep,
    ``MAX_ENTRIES`` names looked at.
    The date is the one written by the camera (EXIF DateTimeOriginal of a JPEG) when reading it is
    cheap, else the file's modification date.
    """
    found: list[tuple[Path, int, float]] = []
    pending: list[tuple[Path, int]] = [(device.dcim, 0)]
    budget = MAX_ENTRIES
    while pending and len(found) < max_files and budget > 0:
        folder, depth = pending.pop()
        entries = _entries(folder, budget)
        budget -= len(entries) + 1
        for entry in entries:
            if cancelled():
                raise Cancelled
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_dir:
                if depth + 1 < max_depth:
                    pending.append((Path(entry.path), depth + 1))
                continue
            if Path(entry.name).suffix.lower() not in PICTURE_SUFFIXES:
                continue
            info = _regular(entry, device.volume)
            if info is None or not 0 < info.st_size <= MAX_FILE_BYTES:
                continue
            found.append((Path(entry.path), info.st_size, info.st_mtime))
            if len(found) >= max_files:
                break
    # MTP and PTP devices send whole files: only local volumes have their dates read.
    cheap = read_dates and "gvfs" not in device.volume.parts
    deadline = time.monotonic() + EXIF_BUDGET_SECONDS
    photos: list[PhonePhoto] = []
    for path, size, mtime in found:
        if cancelled():
            raise Cancelled
        taken = None
        if cheap and time.monotonic() < deadline and path.suffix.lower() in (".jpg", ".jpeg"):
            taken = exif_date(path)
        photos.append(PhonePhoto(path, size, taken if taken is not None else mtime))
    photos.sort(key=lambda photo: (photo.taken, photo.name), reverse=True)
    return photos


# -- the date a JPEG was taken, from its EXIF block ------------------------------------------
def exif_date(path: Path) -> float | None:
    """DateTimeOriginal (else DateTime) of a JPEG as local time, from its first 64 KiB; None if absent."""
    try:
        with open_regular(path, MAX_FILE_BYTES) as handle:  # a FIFO or a device is never read
            head = handle.read(EXIF_HEAD_BYTES)
    except (OSError, UnsafeFile):
        return None
    return exif_date_from(head)


def _tiff_date(tiff: bytes) -> str | None:
    if tiff[:2] == b"II":
        order = "<"
    elif tiff[:2] == b"MM":
        order = ">"
    else:
        return None

    def entries(offset: int) -> dict[int, tuple[int, int, bytes]]:
        if offset + 2 > len(tiff):
            return {}
        (count,) = struct.unpack_from(order + "H", tiff, offset)
        tags: dict[int, tuple[int, int, bytes]] = {}
        for number in range(min(count, 256)):
            start = offset + 2 + 12 * number
            if start + 12 > len(tiff):
                break
            tag, kind, length = struct.unpack_from(order + "HHI", tiff, start)
            tags[tag] = (kind, length, tiff[start + 8 : start + 12])
        return tags

    def text(tags: dict[int, tuple[int, int, bytes]], tag: int) -> str | None:
        if tag not in tags:
            return None
        kind, length, raw = tags[tag]
        if kind != 2 or not 19 <= length <= 64:
            return None
        (offset,) = struct.unpack(order + "I", raw)
        value = tiff[offset : offset + length]
        return value[:19].decode("ascii", "replace") if len(value) >= 19 else None

    try:
        (first,) = struct.unpack_from(order + "I", tiff, 4)
        ifd0 = entries(first)
        original = None
        if 0x8769 in ifd0:  # the Exif sub-IFD
            (sub,) = struct.unpack(order + "I", ifd0[0x8769][2])
            original = text(entries(sub), 0x9003)
        return original or text(ifd0, 0x0132)
    except struct.error:
        return None


def exif_date_from(head: bytes) -> float | None:
    """The date in the EXIF block of a JPEG whose first bytes are ``head``."""
    if not head.startswith(b"\xff\xd8"):
        return None
    position = 2
    while position + 4 <= len(head):
        if head[position] != 0xFF:
            return None
        marker = head[position + 1]
        (length,) = struct.unpack_from(">H", head, position + 2)
        if marker == 0xE1 and head[position + 4 : position + 10] == b"Exif\x00\x00":
            written = _tiff_date(head[position + 10 : position + 2 + length])
            return _parse_exif_time(written) if written else None
        if marker in (0xDA, 0xD9) or length < 2:  # image data: no EXIF before it
            return None
        position += 2 + length
    return None


def _parse_exif_time(written: str) -> float | None:
    """« 2026:12:01 10:42:00 » (local time of the camera) as seconds since 1970."""
    try:
        parsed = time.strptime(written, "%Y:%m:%d %H:%M:%S")
        return time.mktime(parsed)
    except (ValueError, OverflowError):
        return None
