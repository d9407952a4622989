"""The free fonts shipped with the app (``resources/fonts``, SIL OFL 1.1), for drawing on photos.

Nothing here imports Qt. Loading is lazy and cached: a photo export without a label never reads
a font, and a worker process reads each one once.
"""

from __future__ import annotations

import struct
from functools import lru_cache
from typing import TYPE_CHECKING

from lbpmv_desktop.paths import resources_dir

if TYPE_CHECKING:
    from pathlib import Path

    from PIL import ImageFont

BOLD = "NotoSans-Bold.ttf"
REGULAR = "NotoSans-Regular.ttf"
MAX_FONT_BYTES = 16 * 1024 * 1024
_MAX_CODE_POINT = 0x10FFFF


class FontMissing(Exception):
    """A shipped font file is missing or unreadable (a broken installation)."""


def font_path(name: str = BOLD) -> Path:
    return resources_dir() / "fonts" / name


def _font_bytes(name: str) -> bytes:
    path = font_path(name)
    try:
        if not path.is_file() or path.stat().st_size > MAX_FONT_BYTES:
            raise FontMissing(name)
        with path.open("rb") as file:
            return file.read(MAX_FONT_BYTES + 1)
    except OSError as error:
        raise FontMissing(name) from error


@lru_cache(maxsize=4)
def covered(name: str = BOLD) -> frozenset[int]:
    """The code points the font draws with a real glyph (its 'cmap' table, glyph 0 excluded).

    Raises:
        FontMissing: the file is missing, too big or not a TrueType/OpenType font we can read.
    """
    try:
        return frozenset(_read_cmap(_font_bytes(name)))
    except (struct.error, ValueError) as error:
        raise FontMissing(name) from error


@lru_cache(maxsize=32)
def truetype(pixels: int, name: str = BOLD) -> ImageFont.FreeTypeFont:
    """The font at ``pixels`` pixels (loaded once per size).

    Raises:
        FontMissing: the file is missing or FreeType cannot read it.
    """
    from PIL import ImageFont

    path = font_path(name)
    if not path.is_file() or path.stat().st_size > MAX_FONT_BYTES:
        raise FontMissing(name)
    try:
        return ImageFont.truetype(str(path), max(1, pixels))
    except OSError as error:
        raise FontMissing(name) from error


# -- the 'cmap' table -------------------------------------------------------------------
# Read with struct from the file itself (every offset checked: struct.error on a short table),
# so the runtime needs no font library beyond Pillow's FreeType, which does not expose it.
_PREFERRED = ((3, 10, 12), (0, 6, 12), (0, 4, 12), (3, 1, 4), (0, 3, 4), (0, 4, 4))


def _read_cmap(data: bytes) -> set[int]:
    (num_tables,) = struct.unpack_from(">H", data, 4)
    cmap_offset = None
    for index in range(num_tables):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * index)
        if tag == b"cmap":
            cmap_offset = offset
    if cmap_offset is None:
        raise ValueError("no cmap table")
    _version, count = struct.unpack_from(">HH", data, cmap_offset)
    subtables: dict[tuple[int, int, int], int] = {}
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap_offset + 4 + 8 * index)
        start = cmap_offset + offset
        (kind,) = struct.unpack_from(">H", data, start)
        subtables.setdefault((platform, encoding, kind), start)
    for key in _PREFERRED:
        if key in subtables:
            reader = _format_12 if key[2] == 12 else _format_4
            return reader(data, subtables[key])
    raise ValueError("no Unicode cmap subtable")


def _format_4(data: bytes, start: int) -> set[int]:
    (seg_count_x2,) = struct.unpack_from(">H", data, start + 6)
    segments = seg_count_x2 // 2
    ends = start + 14
    starts = ends + seg_count_x2 + 2
    deltas = starts + seg_count_x2
    range_offsets = deltas + seg_count_x2
    found: set[int] = set()
    for i in range(segments):
        (end,) = struct.unpack_from(">H", data, ends + 2 * i)
        (first,) = struct.unpack_from(">H", data, starts + 2 * i)
        (delta,) = struct.unpack_from(">h", data, deltas + 2 * i)
        offset_at = range_offsets + 2 * i
        (range_offset,) = struct.unpack_from(">H", data, offset_at)
        for code in range(first, min(end, 0xFFFE) + 1):
            if range_offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                (glyph,) = struct.unpack_from(">H", data, offset_at + range_offset + 2 * (code - first))
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                found.add(code)
    return found


def _format_12(data: bytes, start: int) -> set[int]:
    (groups,) = struct.unpack_from(">I", data, start + 12)
    found: set[int] = set()
    for i in range(groups):
        first, last, glyph = struct.unpack_from(">III", data, start + 16 + 12 * i)
        last = min(last, _MAX_CODE_POINT)
        if first > last:
            continue
        # Glyph 0 (.notdef) only ever comes first in a group: every other code point is covered.
        found.update(range(first + 1 if glyph == 0 else first, last + 1))
    return found
