"""Progress files (``.lbpmv``): a signed zip a merchant sends to the animator.

Members, all required: ``manifest.json`` (format, versions, shop, public key, creation time and
the SHA-256 of every other member), ``manifest.sig`` (the manifest's Ed25519 signature by the
shop's key), ``events.jsonl`` (one event per line) and ``summary.html`` (for a person who opens
the file by hand). The zip's comment holds a second signature, over every byte before it, so
that any change anywhere in the file (even in the zip's own bookkeeping) is refused. Reading never
trusts the file: sizes are capped while decompressing, names are checked, every hash and both
signatures are verified and every event is validated.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import re
import struct
import sys
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from lbpmv_desktop.core.cleantext import clean_text
from lbpmv_desktop.core.errors import UserError
from lbpmv_desktop.core.fileio import UnsafeFile, read_regular
from lbpmv_desktop.core.progress import events as ev
from lbpmv_desktop.core.progress.identity import public_bytes, public_text, verification_code

if TYPE_CHECKING:
    from pathlib import Path

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

FORMAT = "lbpmv-progress"
FORMAT_VERSION = 1
MEMBERS = ("manifest.json", "manifest.sig", "events.jsonl", "summary.html")
# Sizes of a real shop's file: ``lbpmv demo shop`` (six weeks) writes 88 events, 224 bytes each on
# average (20 KB, 5 KB zipped). The app writes an event when a step is opened, done or undone, a
# rating, a help request, a photo or a poster: a merchant doing all 12 tutorials (86 steps) ten
# times over, opening each step three times, makes about 4,000 events. MAX_EVENTS allows more than
# ten times that (years of such use), 32 MB of events about 650 bytes per event on average (a
# step is about 230 bytes; a help comment of 1,000 accented letters about 2,200), and events
# compress five times or more: a file over 16 MB is not a shop's. Reading 50,000 events takes
# about a second and 40 MB; the manifest alone (shop, key, code), a few tens of milliseconds.
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_EVENTS = 50_000
MAX_MEMBER_BYTES = {
    "manifest.json": 64 * 1024,
    "manifest.sig": 64,
    "events.jsonl": 32 * 1024 * 1024,
    "summary.html": 8 * 1024 * 1024,
}
MAX_TOTAL_BYTES = sum(MAX_MEMBER_BYTES.values())
_ZIP_ERRORS = (
    zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, RuntimeError,
    NotImplementedError, zlib.error, struct.error, KeyError, IndexError, OverflowError,
)  # fmt: skip
SIGNATURE_BYTES = 64
# An event's data, as UTF-8 JSON: the longest text the app writes is 1,000 characters (up to 4,000
# bytes); a file's text may hold hidden characters that are removed once read.
MAX_DATA_BYTES = 8192
MAX_LINE_BYTES = MAX_DATA_BYTES + 1024  # an event line is its data plus a few short fields
EVENT_KEYS = {"id", "kind", "at", "device", "tutorial", "step", "data"}
# No event of this programme can be older than this, nor later than a day after the import (a
# merchant's clock a few hours ahead is not a reason to refuse their file).
EARLIEST = datetime(2020, 1, 1, tzinfo=UTC)
FUTURE_MARGIN = timedelta(days=1)
ACTIVE, STOPPED, ERASED = "active", "stopped", "erased"
SHARING_STATES = (ACTIVE, STOPPED, ERASED)
_SHORT_TEXT = re.compile(r"^[\w.:-]{1,80}$")


class BundleRefused(UserError):
    """A progress file that is not imported, with the reason in plain French."""


@dataclass(frozen=True)
class Bundle:
    """A verified progress file.

    Attributes:
        created_at: when the shop's app wrote it (signed), in UTC.
        sharing: ``"active"`` for a file of progress, ``"stopped"`` or ``"erased"`` for a notice
            (no events) that the merchant stopped sharing or erased their data.
        event_lines: the line of ``events.jsonl`` each event was read from (for messages).
    """

    shop_id: str
    shop_name: str
    public_key: bytes
    created_at: datetime
    app_version: str
    events: list[ev.Event]
    sharing: str = ACTIVE
    event_lines: tuple[int, ...] = ()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def summary_html(shop_name: str, lines: list[str]) -> str:
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return (
        "<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'>"
        f"<title>Progrès de {html.escape(shop_name)}</title></head><body>"
        f"<h1>Progrès de {html.escape(shop_name)}</h1><ul>{items}</ul>"
        "<p>Ce fichier est destiné à votre animateur Le Bon Pour Ma Ville.</p></body></html>"
    )


def write_bundle(
    key: Ed25519PrivateKey,
    shop_id: str,
    shop_name: str,
    events: list[ev.Event],
    summary_lines: list[str],
    app_version: str,
    now: datetime,
    *,
    sharing: str = ACTIVE,
) -> bytes:
    """The bytes of a signed progress file (``sharing``: see ``Bundle``)."""
    if sharing not in SHARING_STATES:
        raise ValueError(f"unknown sharing state {sharing!r}")
    body = "".join(
        json.dumps(e.as_json(), ensure_ascii=False, sort_keys=True) + "\n" for e in events
    ).encode()
    summary = summary_html(shop_name, summary_lines).encode()
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": app_version,
        "shop_id": shop_id,
        "shop_name": shop_name,
        "public_key": public_text(key),
        "created_at": now.isoformat(),
        "sharing": sharing,
        "members": {"events.jsonl": _sha256(body), "summary.html": _sha256(summary)},
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", manifest_bytes)
        archive.writestr("manifest.sig", key.sign(manifest_bytes))
        archive.writestr("events.jsonl", body)
        archive.writestr("summary.html", summary)
    unsigned = buffer.getvalue()  # ends with the end-of-directory record and an empty comment
    signed_part = unsigned[:-2] + SIGNATURE_BYTES.to_bytes(2, "little")
    return signed_part + key.sign(signed_part)


def write_notice(
    key: Ed25519PrivateKey, shop_id: str, shop_name: str, sharing: str, app_version: str, now: datetime
) -> bytes:
    """A signed progress file without events saying that the merchant stopped sharing
    (``sharing="stopped"``) or erased their data (``"erased"``); it replaces their last file."""
    if sharing not in (STOPPED, ERASED):
        raise ValueError(f"a notice says 'stopped' or 'erased', not {sharing!r}")
    day = now.astimezone(UTC).strftime("%d/%m/%Y")
    line = (
        f"Le commerçant a arrêté de partager ses progrès le {day}."
        if sharing == STOPPED
        else f"Le commerçant a effacé ses données le {day} : elles ne sont plus partagées."
    )
    return write_bundle(key, shop_id, shop_name, [], [line], app_version, now, sharing=sharing)


def _refuse(reason: str) -> BundleRefused:
    return BundleRefused(f"Ce fichier de progrès est refusé : {reason}")


_UNSAFE_REASONS = {
    "not-regular": "ce n'est pas un fichier ordinaire (il n'a pas été ouvert).",
    "too-big": "il est beaucoup trop gros.",
    "unreadable": "il est introuvable ou illisible.",
}


def read_progress_file(path: Path) -> bytes:
    """The bytes of a received progress file: a regular file of at most ``MAX_FILE_BYTES``
    (a FIFO, a device or a link to one is refused at once, without being read).

    Raises:
        BundleRefused: not a regular file, too big or unreadable (French message).
    """
    try:
        return read_regular(path, MAX_FILE_BYTES)
    except UnsafeFile as error:
        raise _refuse(_UNSAFE_REASONS.get(error.reason, "il est illisible.")) from None


def _parse_time(value: object, now: datetime) -> datetime | str:
    """``value`` as an aware UTC time, or the reason (French) it is refused."""
    if not isinstance(value, str) or len(value) > 40:
        return "une date incorrecte"
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        return "une date incorrecte"
    if at.tzinfo is None or at.utcoffset() is None:
        return "une date sans fuseau horaire"
    try:
        at = at.astimezone(UTC)  # 9999-12-31T23:59:59-12:00 is past the last UTC date: refused
    except (OverflowError, ValueError):
        return "une date impossible"
    if at < EARLIEST:
        return f"une date trop ancienne ({at.year})"
    if at > now.astimezone(UTC) + FUTURE_MARGIN:
        return f"une date dans le futur ({at.strftime('%d/%m/%Y')})"
    return at


class _ImpossibleNumber(ValueError):
    """NaN or an infinity in a file's JSON (Python's json accepts them; the app never writes them)."""


def _no_constant(name: str) -> object:
    raise _ImpossibleNumber(name)


_DECODER = json.JSONDecoder(parse_constant=_no_constant)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")  # as str(uuid) writes it


def _loads(text: bytes) -> Any:
    """JSON in UTF-8 (as the app writes it), NaN and infinities refused."""
    return _DECODER.decode(text.decode("utf-8"))


_TOO_BIG = (
    "il est beaucoup trop gros une fois ouvert (les progrès d'un commerce tiennent en quelques mégaoctets)."
)


def _open_archive(data: bytes) -> tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]:
    """The zip and its members, refused on their names and declared sizes (nothing decompressed)."""
    if not data:
        raise _refuse("il est vide.")
    if len(data) > MAX_FILE_BYTES:
        raise _refuse("il est beaucoup trop gros pour un fichier de progrès.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except _ZIP_ERRORS:
        raise _refuse("ce n'est pas un fichier de progrès (ou il est abîmé).") from None
    names = [info.filename for info in infos]
    if len(infos) != len(MEMBERS) or sorted(names) != sorted(MEMBERS):
        raise _refuse("il ne contient pas ce qu'un fichier de progrès contient.")
    if any(info.flag_bits & 0x1 for info in infos):
        raise _refuse("une de ses parties est chiffrée.")
    if any(info.file_size > MAX_MEMBER_BYTES[info.filename] for info in infos):
        raise _refuse(_TOO_BIG)
    if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
        raise _refuse(_TOO_BIG)
    return archive, {info.filename: info for info in infos}


def _read_small(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    limit = MAX_MEMBER_BYTES[info.filename]
    try:
        with archive.open(info) as member:
            content = member.read(limit + 1)  # stops a zip bomb early, whatever it declares
    except _ZIP_ERRORS:
        raise _refuse("il est abîmé.") from None
    if len(content) > limit:
        raise _refuse(_TOO_BIG)
    return content


@dataclass(frozen=True)
class Manifest:
    """What a progress file says of itself, signature checked; its events are not read yet.

    Attributes:
        public_key: the raw Ed25519 key that signed the file (the shop's, if the code matches).
    """

    shop_id: str
    shop_name: str
    public_key: bytes
    created_at: datetime
    app_version: str
    sharing: str

    @property
    def code(self) -> str:
        """The verification code the merchant's app shows for this key."""
        return verification_code(self.public_key)


class ProgressFile:
    """A progress file opened cheaply: the zip's directory checked, the manifest read and both
    signatures verified, in a few milliseconds whatever its size. ``manifest`` says which shop
    and key it claims, so that an unknown shop or a wrong key is refused before ``read()``
    decompresses and parses its events."""

    def __init__(self, data: bytes, *, now: datetime | None = None) -> None:
        self._now = now if now is not None else ev.utc_now()
        self._archive, self._infos = _open_archive(data)
        manifest_bytes = _read_small(self._archive, self._infos["manifest.json"])
        signature = _read_small(self._archive, self._infos["manifest.sig"])
        self.manifest, self._hashes = _check_manifest(data, manifest_bytes, signature, self._now)

    def read(self) -> Bundle:
        """The file's events, every one checked (their member streamed: never held whole).

        Raises:
            BundleRefused: anything wrong, with a French explanation; nothing is imported.
        """
        summary = hashlib.sha256(_read_small(self._archive, self._infos["summary.html"])).hexdigest()
        events, numbers, digest = self._events()
        if self._hashes["summary.html"] != summary or self._hashes["events.jsonl"] != digest:
            raise _refuse("son contenu ne correspond pas à sa signature : il a été modifié ou abîmé.")
        m = self.manifest
        if m.sharing != ACTIVE and events:
            raise _refuse("il dit que le partage est arrêté, mais contient des événements.")
        return Bundle(
            m.shop_id, m.shop_name, m.public_key, m.created_at, m.app_version, events, m.sharing,
            tuple(numbers),
        )  # fmt: skip

    def _events(self) -> tuple[list[ev.Event], list[int], str]:
        limit = MAX_MEMBER_BYTES["events.jsonl"]
        digest = hashlib.sha256()
        events: list[ev.Event] = []
        numbers: list[int] = []
        total = number = 0
        try:
            with (
                self._archive.open(self._infos["events.jsonl"]) as member,
                io.BufferedReader(member, 64 * 1024) as reader,  # type: ignore[type-var]
            ):
                while line := reader.readline(MAX_LINE_BYTES + 2):
                    number += 1
                    total += len(line)
                    if total > limit:
                        raise _refuse(_TOO_BIG)
                    if number > MAX_EVENTS:
                        raise _refuse("il contient beaucoup trop d'événements.")
                    digest.update(line)
                    if len(line) - line.endswith(b"\n") > MAX_LINE_BYTES:
                        raise _refuse(f"la ligne {number} des événements est beaucoup trop longue.")
                    if line.strip():
                        events.append(_parse_event(line, number, self._now))
                        numbers.append(number)
        except _ZIP_ERRORS:
            raise _refuse("il est abîmé.") from None
        return events, numbers, digest.hexdigest()


def _check_manifest(
    data: bytes, manifest_bytes: bytes, signature: bytes, now: datetime
) -> tuple[Manifest, dict[str, str]]:
    try:
        manifest: Any = _loads(manifest_bytes)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise _refuse("son sommaire est illisible.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse("ce n'est pas un fichier de progrès Le Bon Pour Ma Ville.")
    version = manifest.get("format_version")
    if not isinstance(version, int):
        raise _refuse("sa version est inconnue.")
    if version > FORMAT_VERSION:
        raise BundleRefused(
            "Ce fichier vient d'une version plus récente de l'application : mettez l'application à jour, puis réessayez."
        )
    try:
        key_bytes = base64.b64decode(manifest["public_key"], validate=True)
        public_key = Ed25519PublicKey.from_public_bytes(key_bytes)
        shop_id = str(uuid.UUID(manifest["shop_id"]))
        shop_name = manifest["shop_name"]
        created_value = manifest["created_at"]
        hashes = manifest["members"]
        app_version = clean_text(str(manifest["app_version"]), limit=20)
        sharing = manifest.get("sharing", ACTIVE)  # files of earlier versions are « active »
    except (KeyError, ValueError, TypeError, AttributeError):
        raise _refuse("son sommaire est incomplet.") from None
    if not isinstance(shop_name, str) or len(shop_name) > 1000 or not isinstance(hashes, dict):
        raise _refuse("son sommaire est incomplet.")
    try:
        public_key.verify(signature, manifest_bytes)
        if data[-SIGNATURE_BYTES - 2 : -SIGNATURE_BYTES] != SIGNATURE_BYTES.to_bytes(2, "little"):
            raise InvalidSignature
        # over every byte of the zip: the events, compressed, are the shop's from here on
        public_key.verify(data[-SIGNATURE_BYTES:], data[:-SIGNATURE_BYTES])
    except InvalidSignature:
        raise _refuse("sa signature ne correspond pas : il a été modifié ou abîmé.") from None
    if set(hashes) != {"events.jsonl", "summary.html"} or not all(
        isinstance(h, str) for h in hashes.values()
    ):
        raise _refuse("son contenu ne correspond pas à sa signature : il a été modifié ou abîmé.")
    shop_name = clean_text(shop_name, limit=ev.NAME_LIMIT)
    if not shop_name:
        raise _refuse("il ne dit pas le nom du commerce.")
    if sharing not in SHARING_STATES:
        raise _refuse("il dit un état du partage inconnu.")
    created_at = _parse_time(created_value, now)
    if isinstance(created_at, str):
        raise _refuse(f"il porte {created_at}.")
    found = Manifest(shop_id, shop_name, public_bytes(public_key), created_at, app_version, sharing)
    return found, dict(hashes)


def open_progress_file(data: bytes, *, now: datetime | None = None) -> ProgressFile:
    """Open a progress file cheaply (see ``ProgressFile``; ``now``: see ``read_bundle``).

    Raises:
        BundleRefused: not a progress file, too big, or its manifest or signatures are wrong.
    """
    return ProgressFile(data, now=now)


def _parse_event(line: bytes, number: int, now: datetime) -> ev.Event:
    try:
        raw = _loads(line)
    except _ImpossibleNumber:
        raise _refuse(f"la ligne {number} des événements contient un nombre impossible.") from None
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise _refuse(f"la ligne {number} des événements est illisible.") from None
    if not isinstance(raw, dict) or raw.keys() != EVENT_KEYS:
        raise _refuse(f"la ligne {number} des événements n'a pas la bonne forme.")
    event_id = raw["id"]
    if not isinstance(event_id, str) or not _UUID.fullmatch(event_id):
        raise _refuse(f"la ligne {number} des événements a un identifiant incorrect.")
    at = _parse_time(raw["at"], now)
    if isinstance(at, str):
        raise _refuse(f"la ligne {number} des événements porte {at}.")
    kind, device, tutorial, step, data = raw["kind"], raw["device"], raw["tutorial"], raw["step"], raw["data"]
    if (
        not isinstance(kind, str)
        or kind not in ev.KINDS
        or not isinstance(device, str)
        or not _SHORT_TEXT.match(device)
        or not all(v is None or (isinstance(v, str) and _SHORT_TEXT.match(v)) for v in (tutorial, step))
        or not isinstance(data, dict)
    ):
        raise _refuse(f"la ligne {number} des événements contient des valeurs inattendues.")
    # the size as written (UTF-8), counted only for a line long enough to hold that much
    if (
        len(line) > MAX_DATA_BYTES // 2
        and len(json.dumps(data, ensure_ascii=False).encode()) > MAX_DATA_BYTES
    ):
        raise _refuse(f"la ligne {number} des événements contient un texte trop long.")
    cleaned = ev.clean_data(kind, data)
    problem = ev.data_problem(kind, cleaned)
    if problem is not None:
        raise _refuse(f"la ligne {number} des événements contient {problem}.")
    return ev.Event(
        event_id, _KINDS[kind], at, sys.intern(device), tutorial and sys.intern(tutorial),
        step and sys.intern(step), cleaned,
    )  # fmt: skip


_KINDS = {kind: kind for kind in ev.KINDS}


def read_bundle(data: bytes, *, now: datetime | None = None) -> Bundle:
    """Verify a progress file completely and return its content.

    Args:
        now: the time of the import (the current time by default): events and the file itself
            may not be dated more than a day after it, nor before 2020.

    Raises:
        BundleRefused: anything wrong, with a French explanation; nothing is imported.
    """
    return ProgressFile(data, now=now).read()
