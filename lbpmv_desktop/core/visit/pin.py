"""The animator space's PIN: a slow salted hash (scrypt) and a lock-out after repeated failures."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from lbpmv_desktop.core.fileio import write_text_atomic

if TYPE_CHECKING:
    from pathlib import Path

MAX_FAILURES = 5
LOCK_MINUTES = 5
_N, _R, _P = 2**14, 8, 1


def valid_pin(pin: str) -> bool:
    """A PIN is 4 to 12 digits."""
    return 4 <= len(pin) <= 12 and pin.isdigit()


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def _matches(pin: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        computed = hashlib.scrypt(
            pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(computed, base64.b64decode(digest))


@dataclass(frozen=True)
class PinResult:
    """What happened: ``ok``; or ``wrong`` with the attempts left; or ``locked`` until a time."""

    ok: bool
    attempts_left: int = MAX_FAILURES
    locked_until: datetime | None = None


class PinLock:
    """The PIN file of this install (hash, failures, lock-out), in the data folder."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> dict[str, object]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    @property
    def is_set(self) -> bool:
        return isinstance(self._load().get("hash"), str)

    def set_pin(self, pin: str) -> None:
        if not valid_pin(pin):
            raise ValueError("a PIN is 4 to 12 digits")
        write_text_atomic(
            self.path, json.dumps({"hash": hash_pin(pin), "failures": 0, "locked_until": None}), private=True
        )

    def check(self, pin: str, now: datetime) -> PinResult:
        data = self._load()
        locked = data.get("locked_until")
        if isinstance(locked, str):
            until = datetime.fromisoformat(locked)
            if now < until:
                return PinResult(False, 0, until)
            data["failures"], data["locked_until"] = 0, None
        stored = data.get("hash")
        if isinstance(stored, str) and _matches(pin, stored):
            data["failures"], data["locked_until"] = 0, None
            write_text_atomic(self.path, json.dumps(data), private=True)
            return PinResult(True)
        failures = int(data.get("failures", 0) or 0) + 1  # type: ignore[call-overload]
        data["failures"] = failures
        if failures >= MAX_FAILURES:
            until = now + timedelta(minutes=LOCK_MINUTES)
            data["locked_until"] = until.isoformat()
            write_text_atomic(self.path, json.dumps(data), private=True)
            return PinResult(False, 0, until)
        write_text_atomic(self.path, json.dumps(data), private=True)
        return PinResult(False, MAX_FAILURES - failures)
