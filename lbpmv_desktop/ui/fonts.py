"""The free fonts shipped with the app, registered once with Qt (posters are drawn with them)."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from lbpmv_desktop.paths import resources_dir

TEXT_FAMILY = "Noto Sans"
FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")
_registered: list[str] = []


def register_fonts() -> str:
    """Make the shipped fonts known to Qt (idempotent); return the family to use."""
    if not _registered:
        for name in FONT_FILES:
            font_id = QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / name))
            if font_id >= 0:
                _registered.extend(QFontDatabase.applicationFontFamilies(font_id))
    return TEXT_FAMILY if TEXT_FAMILY in _registered else (_registered[0] if _registered else TEXT_FAMILY)
