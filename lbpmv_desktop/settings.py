"""Typed user settings, kept as JSON in the data folder (never in a shared registry)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from typing import TYPE_CHECKING, Any

from lbpmv_desktop.core.errors import UserError
from lbpmv_desktop.core.fileio import read_regular_text, write_text_atomic

if TYPE_CHECKING:
    from pathlib import Path

TEXT_SCALE_MIN = 100
TEXT_SCALE_MAX = 200
TEXT_SCALE_STEP = 25  # one press of A− / A+
LANGUAGES = ("fr", "en")
# settings.json is a few hundred bytes: anything much bigger is not ours.
MAX_SETTINGS_BYTES = 64 * 1024


@dataclass(frozen=True)
class Settings:
    """What the merchant chose in Réglages.

    Attributes:
        text_scale: text size in percent (100–200), applied to every screen.
        high_contrast: use the high-contrast theme.
        read_aloud: show the "Lire à voix haute" button.
        voice: the preferred voice name, empty for the system default.
        speech_rate: -1.0 (slow) … 1.0 (fast); slightly slow by default.
        language: "fr" (default) or "en".
        role: "merchant" or "animator" (empty until chosen at first start).
        sharing_folder: the merchant's sharing folder (USB key, synced folder), empty if none.
        sharing_enabled: the merchant agreed to share (they can stop at any time).
    """

    text_scale: int = 125
    high_contrast: bool = False
    read_aloud: bool = True
    voice: str = ""
    speech_rate: float = -0.2
    language: str = "fr"
    role: str = ""  # "merchant" or "animator", chosen at first start
    sharing_folder: str = ""  # where the merchant's latest progress file is written
    sharing_enabled: bool = True

    def clamped(self) -> Settings:
        scale = min(TEXT_SCALE_MAX, max(TEXT_SCALE_MIN, int(self.text_scale)))
        language = self.language if self.language in LANGUAGES else "fr"
        role = self.role if self.role in ("merchant", "animator") else ""
        rate = min(1.0, max(-1.0, float(self.speech_rate)))
        return replace(self, text_scale=scale, language=language, speech_rate=rate, role=role)


def load_settings(path: Path) -> Settings:
    """Read settings; a missing or damaged file gives the defaults (never an error).

    Damaged includes hostile: a FIFO or a device in its place is not opened, a huge file not read,
    JSON nested too deep for the parser refused.
    """
    try:
        raw: Any = json.loads(read_regular_text(path, MAX_SETTINGS_BYTES))
    except (UserError, ValueError, RecursionError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    known: dict[str, Any] = {}
    defaults = Settings()
    for field in fields(Settings):
        value = raw.get(field.name)
        default = getattr(defaults, field.name)
        if isinstance(value, type(default)) and not (
            isinstance(value, bool) and not isinstance(default, bool)
        ):
            known[field.name] = value
        elif isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
            known[field.name] = float(value)
    return Settings(**known).clamped()


def save_settings(path: Path, settings: Settings) -> None:
    """Write the settings atomically, readable by this account only (0600: the sharing folder
    and the role are nobody else's business)."""
    write_text_atomic(
        path, json.dumps(asdict(settings.clamped()), indent=2, ensure_ascii=False), private=True
    )
