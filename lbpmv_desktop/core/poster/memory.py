"""The last poster's fields, remembered in the data folder for the next poster.

The file is small and written atomically; it is read defensively (it may have been damaged or
edited by hand): too large, unreadable or not an object gives an empty poster, and a value of
the wrong type is left out.
"""

from __future__ import annotations

import contextlib
import json
from typing import TYPE_CHECKING

from lbpmv_desktop.core.fileio import UnsafeFile, read_regular_text, write_text_atomic
from lbpmv_desktop.core.poster.model import PAPER_MM, TEMPLATES, THEMES, Poster

if TYPE_CHECKING:
    from pathlib import Path

FILE_NAME = "last-poster.json"
MAX_BYTES = 64 * 1024  # the fields' limits add up to a few kilobytes


def remembered(path: Path) -> Poster:
    """The poster saved at ``path``; an empty ``Poster()`` when there is none or it is unusable."""
    data: object = None
    with contextlib.suppress(OSError, ValueError, RecursionError, UnsafeFile):
        data = json.loads(read_regular_text(path, MAX_BYTES))
    poster = Poster.from_dict(data)
    default = Poster()
    # Names that are no longer known (an older or newer version wrote them) fall back to the default.
    if poster.template not in TEMPLATES:
        poster = Poster.from_dict({**poster.__dict__, "template": default.template})
    if poster.theme not in THEMES:
        poster = Poster.from_dict({**poster.__dict__, "theme": default.theme})
    if poster.size not in PAPER_MM:
        poster = Poster.from_dict({**poster.__dict__, "size": default.size})
    return poster


def remember(path: Path, poster: Poster) -> None:
    """Write ``poster``'s fields to ``path`` (atomically)."""
    write_text_atomic(path, poster.to_json())
