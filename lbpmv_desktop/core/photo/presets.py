"""Export presets: where the photo is going decides its exact size and JPEG quality."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Preset:
    """One "Préparer pour…" target.

    Attributes:
        name: the identifier used by tutorials and the command line.
        size: exact output size (width, height), or None to keep the photo's proportions.
        long_side: for presets without a fixed size, the longest side (None: full size).
        quality: JPEG quality chosen for the target.
    """

    name: str
    size: tuple[int, int] | None
    long_side: int | None
    quality: int

    @property
    def ratio(self) -> float | None:
        return self.size[0] / self.size[1] if self.size else None


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset("instagram", (1080, 1080), None, 90),
        Preset("instagram-portrait", (1080, 1350), None, 90),
        Preset("story", (1080, 1920), None, 88),
        Preset("facebook", (1200, 630), None, 90),
        Preset("leboncoin", (1200, 900), None, 88),
        Preset("web", None, 2048, 85),
        Preset("original", None, None, 92),
    )
}
