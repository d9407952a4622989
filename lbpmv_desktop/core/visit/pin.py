"""The animator space's PIN: a slow salted hash (scrypt), a lock-out after repeated failures and a
recovery code for a forgotten PIN.

Two copies, and the store's wins:

- ``animator-pin.json`` in the data folder (private to the user account) holds the PIN record:
  the PIN's hash, the recovery code's hash, the failures and the lock-out time.
- The progress store's meta table (key ``animator_pin``) holds what cannot be taken back by
  editing that file: that a PIN was set, a digest of the record (both hashes), the recovery
  code's hash, the failures and the lock-out time.

A file deleted, or whose hashes no longer match the digest, is *tampered*: the space stays locked
and only the recovery code (checked against the store's copy) lets a new PIN be chosen. The
failures and the lock-out are the larger of the two copies: they never go down except by the
right PIN or the recovery code. An attempt is counted before its slow hash is computed, so
stopping the app in the middle gives no free try.

This keeps a customer or another user of the shop PC out of the animator's space; it does not
stand against the PC's owner, who can edit both the file and the database (see the README).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Literal, Protocol

from lbpmv_desktop.core.errors import UserError
from lbpmv_desktop.core.fileio import UnsafeFile, read_regular_text, write_text_atomic

if TYPE_CHECKING:
    from pathlib import Path

MAX_FAILURES = 5
LOCK_MINUTES = 5
MAX_LOCK = timedelta(hours=24)
META_KEY = "animator_pin"
MAX_FILE_BYTES = 4096
_N, _R, _P = 2**14, 8, 1
# 26 signs that are not mistaken for one another once written by hand: no I/1, O/0, B/8, S/5
# or Z/2. Twelve of them make about 56 bits: far too many codes to try.
RECOVERY_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"
RECOVERY_LENGTH = 12

PinKind = Literal["none", "set", "tampered"]


class PinStore(Protocol):
    """What the PIN needs of the progress store (``ProgressStore`` has both)."""

    def get_meta(self, key: str) -> str | None: ...

    def set_meta(self, key: str, value: str) -> None: ...


class PinAlreadySet(UserError):
    """A PIN exists (or existed): a new one needs the old PIN or the recovery code."""

    def __init__(self) -> None:
        super().__init__(
            "Un code animateur existe déjà : tapez-le, ou utilisez le code de secours pour en choisir un autre."
        )


def valid_pin(pin: str) -> bool:
    """A PIN is 4 to 12 digits (0 to 9 only)."""
    return 4 <= len(pin) <= 12 and all(sign in "0123456789" for sign in pin)


def new_recovery_code() -> str:
    """A fresh recovery code, grouped by four: « ACDE-FGHJ-KLMN »."""
    signs = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
    return "-".join(signs[i : i + 4] for i in range(0, RECOVERY_LENGTH, 4))


def normal_recovery_code(text: str) -> str | None:
    """``text`` as typed (any case, with or without dashes and spaces) as the 12 signs of a
    recovery code, or None when it cannot be one."""
    signs = "".join(sign for sign in text.upper() if sign not in " -\u00a0\u202f\t")
    if len(signs) != RECOVERY_LENGTH or any(sign not in RECOVERY_ALPHABET for sign in signs):
        return None
    return signs


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def _matches(secret: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        if (int(n), int(r), int(p)) != (_N, _R, _P):  # a record cannot ask for other costs
            return False
        computed = hashlib.scrypt(secret.encode(), salt=base64.b64decode(salt), n=_N, r=_R, p=_P, dklen=32)
        return hmac.compare_digest(computed, base64.b64decode(digest))
    except (ValueError, TypeError):
        return False


def record_digest(pin_hash: str, recovery_hash: str) -> str:
    """The digest of a PIN record kept in the store (any change of either hash changes it)."""
    return hashlib.sha256(f"lbpmv-pin-record-1\n{pin_hash}\n{recovery_hash}".encode()).hexdigest()


@dataclass(frozen=True)
class PinResult:
    """What happened: ``ok``; or ``wrong`` with the attempts left; or ``locked`` until a time;
    ``tampered`` when the PIN record was deleted or edited (only the recovery code opens)."""

    ok: bool
    attempts_left: int = MAX_FAILURES
    locked_until: datetime | None = None
    tampered: bool = False


@dataclass(frozen=True)
class PinState:
    """The PIN of this install as the page needs it: ``none`` (a PIN may be created), ``set``
    (type it) or ``tampered`` (the recovery code is asked)."""

    kind: PinKind
    failures: int = 0
    locked_until: datetime | None = None
    has_recovery: bool = True

    @property
    def attempts_left(self) -> int:
        return max(0, MAX_FAILURES - self.failures)


@dataclass
class _Copy:
    pin_hash: str | None = None
    recovery_hash: str | None = None
    digest: str | None = None
    failures: int = 0
    locked_until: datetime | None = None


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        return 0
    return max(0, min(value, 10_000))


def _when(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when if when.tzinfo is not None else None


def _later(first: datetime | None, second: datetime | None) -> datetime | None:
    if first is None or second is None:
        return first or second
    return max(first, second)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and 0 < len(value) <= 512 else None


def lock_for(failures: int) -> timedelta | None:
    """How long a wrong PIN locks the space once ``failures`` wrong ones were typed in a row:
    5 minutes at the fifth, then twice as long at each new one, up to a day."""
    if failures < MAX_FAILURES:
        return None
    doubling = min(failures - MAX_FAILURES, 20)
    return min(timedelta(minutes=LOCK_MINUTES * 2**doubling), MAX_LOCK)


class PinLock:
    """The PIN of this install: its file in the data folder, and its trace in the store.

    Args:
        path: ``animator-pin.json`` in the data folder.
        store: the progress store (its meta table); None only where no store exists (tests,
            the self-test's setup), and then the file alone decides.
    """

    def __init__(self, path: Path, store: PinStore | None = None) -> None:
        self.path = path
        self.store = store

    # -- the two copies -------------------------------------------------------------------------
    def _file(self) -> _Copy | None:
        """The file's record, or None when it is missing or not a PIN record."""
        try:
            data = json.loads(read_regular_text(self.path, MAX_FILE_BYTES))
        except (UnsafeFile, ValueError, RecursionError):
            return None
        if not isinstance(data, dict) or _text(data.get("hash")) is None:
            return None
        return _Copy(
            pin_hash=_text(data.get("hash")),
            recovery_hash=_text(data.get("recovery")),
            failures=_count(data.get("failures")),
            locked_until=_when(data.get("locked_until")),
        )

    def _meta(self) -> _Copy | None:
        """The store's trace, or None when the store never knew of a PIN."""
        if self.store is None:
            return None
        raw = self.store.get_meta(META_KEY)
        if raw is None:
            return None
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            data = None
        if not isinstance(data, dict):
            return _Copy(digest="")  # a trace that cannot be read still says a PIN was set
        return _Copy(
            recovery_hash=_text(data.get("recovery")),
            digest=_text(data.get("digest")) or "",
            failures=_count(data.get("failures")),
            locked_until=_when(data.get("locked_until")),
        )

    def _write(self, copy: _Copy, *, file_first: bool = False) -> None:
        """Write ``copy`` to the store (the authority) and to the file."""
        pin_hash, recovery = copy.pin_hash or "", copy.recovery_hash or ""
        until = copy.locked_until.isoformat() if copy.locked_until else None
        record = {"hash": pin_hash, "recovery": recovery, "failures": copy.failures, "locked_until": until}

        def write_file() -> None:
            write_text_atomic(self.path, json.dumps(record), private=True)

        if file_first:
            write_file()
        if self.store is not None:
            trace = {
                "set": True,
                "digest": record_digest(pin_hash, recovery),
                "recovery": recovery,
                "failures": copy.failures,
                "locked_until": until,
            }
            self.store.set_meta(META_KEY, json.dumps(trace))
        if not file_first:
            write_file()

    def _load(self) -> tuple[PinKind, _Copy]:
        """The state of the PIN and the copy that decides (failures and lock-out merged)."""
        file, meta = self._file(), self._meta()
        if meta is None:
            if file is None:
                return "none", _Copy()
            if self.store is not None:
                # A record from before the store kept a trace (or a store made anew): the store
                # learns it now, and from then on a deleted or edited file is noticed.
                self._write(file)
            return "set", file
        merged = _Copy(
            pin_hash=file.pin_hash if file else None,
            recovery_hash=meta.recovery_hash,
            digest=meta.digest,
            failures=max(meta.failures, file.failures if file else 0),
            locked_until=_later(meta.locked_until, file.locked_until if file else None),
        )
        if (
            file is None
            or file.pin_hash is None
            or not hmac.compare_digest(
                record_digest(file.pin_hash, file.recovery_hash or ""), meta.digest or ""
            )
        ):
            return "tampered", merged
        return "set", merged

    # -- what the page asks ---------------------------------------------------------------------
    def state(self, now: datetime | None = None) -> PinState:
        now = now or datetime.now(UTC)
        kind, copy = self._load()
        until = copy.locked_until if copy.locked_until and now < copy.locked_until else None
        return PinState(kind, copy.failures, until, has_recovery=bool(copy.recovery_hash))

    @property
    def is_set(self) -> bool:
        """A PIN was set (even if its file was deleted or edited since)."""
        return self._load()[0] != "none"

    def set_pin(self, pin: str, recovery_code: str | None = None) -> str:
        """Create the first PIN of this install, with ``recovery_code`` (a new one by default).

        Returns:
            The recovery code, to be shown once and never stored in clear.

        Raises:
            ValueError: the PIN or the code is not valid.
            PinAlreadySet: a PIN exists or existed (change it with ``reset``).
        """
        if self._load()[0] != "none":
            raise PinAlreadySet
        return self._set(pin, recovery_code)

    def _set(self, pin: str, recovery_code: str | None) -> str:
        if not valid_pin(pin):
            raise ValueError("a PIN is 4 to 12 digits")
        code = recovery_code or new_recovery_code()
        signs = normal_recovery_code(code)
        if signs is None:
            raise ValueError("not a recovery code")
        self._write(_Copy(pin_hash=hash_pin(pin), recovery_hash=hash_pin(signs)), file_first=True)
        return code

    def check(self, pin: str, now: datetime) -> PinResult:
        """Check a typed PIN; a wrong one counts and, from the fifth, locks the space."""
        kind, copy = self._load()
        if kind == "none":
            return PinResult(False, 0)
        if kind == "tampered":
            return PinResult(False, 0, tampered=True)
        if copy.locked_until is not None and now < copy.locked_until:
            return PinResult(False, 0, copy.locked_until)
        # Counted as wrong before the slow hash: stopping the app now gives no free try.
        copy.failures += 1
        lock = lock_for(copy.failures)
        copy.locked_until = now + lock if lock else None
        self._write(copy)
        if copy.pin_hash is not None and _matches(pin, copy.pin_hash):
            copy.failures, copy.locked_until = 0, None
            self._write(copy)
            return PinResult(True)
        if copy.locked_until is not None:
            return PinResult(False, 0, copy.locked_until)
        return PinResult(False, MAX_FAILURES - copy.failures)

    def add_recovery(self, pin: str, code: str, now: datetime) -> bool:
        """Give a PIN made before recovery codes existed the recovery code ``code`` (shown to
        the animator at that moment). ``pin`` is checked (and counted) as by ``check``.

        Returns:
            Whether the code was added (False: wrong PIN, locked, or a record not to be trusted).
        """
        signs = normal_recovery_code(code)
        if signs is None:
            raise ValueError("not a recovery code")
        if not self.check(pin, now).ok:
            return False
        _kind, copy = self._load()
        copy.recovery_hash = hash_pin(signs)
        self._write(copy, file_first=True)
        return True

    def check_recovery(self, code: str) -> bool:
        """Whether ``code`` is this install's recovery code (the store's copy decides).

        Not limited in number: 12 signs out of 26 cannot be guessed by trying.
        """
        signs = normal_recovery_code(code)
        if signs is None:
            return False
        kind, copy = self._load()
        return kind != "none" and copy.recovery_hash is not None and _matches(signs, copy.recovery_hash)

    def reset(self, code: str, pin: str, new_code: str | None = None) -> str | None:
        """Choose a new PIN with the recovery code ``code``: failures and lock-out go back to
        zero, and a new recovery code replaces the old one.

        Returns:
            The new recovery code, or None when ``code`` is not the right one (nothing changed).
        """
        if not self.check_recovery(code):
            return None
        return self._set(pin, new_code)
