"""The edit recipe: what the merchant did to a photo, as a small immutable value.

Pixels are never stored: the same recipe renders the screen preview and the full export, and
undo/redo only keeps recipes (constant memory per step).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace

ADJUSTMENTS = ("light", "contrast", "colours", "warmth", "tint", "sharpness")
MAX_STRAIGHTEN = 15.0


@dataclass(frozen=True)
class Auto:
    """Black and white points that « Améliorer » set (the same for the three channels: the
    colours are the sliders' business).

    Attributes:
        extras: a recipe of the first edition, whose « Améliorer » measured per-channel levels
            and white-balance gains here and added some saturation and sharpening out of sight;
            such saved recipes still render as they did.
    """

    low: tuple[int, int, int] = (0, 0, 0)
    high: tuple[int, int, int] = (255, 255, 255)
    gains: tuple[float, float, float] = (1.0, 1.0, 1.0)
    extras: bool = True


@dataclass(frozen=True)
class Crop:
    """A crop in the upright, straightened picture, as fractions of its width and height.

    Attributes:
        ratio: the width/height ratio the merchant chose, None for the free mode.
    """

    x: float
    y: float
    w: float
    h: float
    ratio: float | None = None

    def clamped(self) -> Crop:
        w = min(1.0, max(0.02, self.w))
        h = min(1.0, max(0.02, self.h))
        return replace(self, x=min(1.0 - w, max(0.0, self.x)), y=min(1.0 - h, max(0.0, self.y)), w=w, h=h)


LABEL_STYLES = ("sombre", "clair", "prix")


@dataclass(frozen=True)
class Label:
    """A short text or price written on the photo.

    Attributes:
        style: "sombre" (dark band), "clair" (light band) or "prix" (price sticker).
        x, y: where the centre of the label goes, as fractions of the finished picture's width
            and height (a band spans the whole width: only ``y`` moves it).
        size: the text size in percent of the style's usual size (50 to 200).
    """

    text: str
    style: str = "sombre"
    x: float = 0.5
    y: float = 0.88
    size: int = 100

    def clamped(self) -> Label:
        return replace(
            self,
            style=self.style if self.style in LABEL_STYLES else "sombre",
            x=min(1.0, max(0.0, float(self.x))),
            y=min(1.0, max(0.0, float(self.y))),
            size=min(200, max(50, int(self.size))),
        )

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Label:
        """A saved label; the first edition's ``place`` ("haut"/"bas") becomes a position."""
        text = data.get("text")
        if not isinstance(text, str):
            raise TypeError("label text")
        y = data.get("y", 0.12 if data.get("place") == "haut" else 0.88)
        return cls(
            text,
            str(data.get("style", "sombre")),
            float(data.get("x", 0.5)),  # type: ignore[arg-type]
            float(y),  # type: ignore[arg-type]
            int(data.get("size", 100)),  # type: ignore[call-overload]
        ).clamped()


@dataclass(frozen=True)
class Recipe:
    """Every edit of one photo. Adjustments go from -100 to 100 (0: unchanged)."""

    rotate: int = 0  # quarter turns clockwise
    straighten: float = 0.0  # degrees, clockwise
    crop: Crop | None = None
    auto: Auto | None = None
    light: int = 0
    contrast: int = 0
    colours: int = 0
    warmth: int = 0
    tint: int = 0  # green (-) to magenta (+)
    sharpness: int = 0
    brighten_background: bool = False
    label: Label | None = None
    logo: str | None = None  # a file of the photo library

    @property
    def is_original(self) -> bool:
        return self == Recipe()

    def with_adjustment(self, name: str, value: int) -> Recipe:
        if name not in ADJUSTMENTS:
            raise ValueError(name)
        changes: dict[str, int] = {name: max(-100, min(100, int(value)))}
        return replace(self, **changes)  # type: ignore[arg-type]

    def rotated(self, quarter_turns: int) -> Recipe:
        # A crop was chosen on the previous orientation: it no longer means anything.
        return replace(self, rotate=(self.rotate + quarter_turns) % 4, crop=None)

    def to_json(self) -> str:
        data = asdict(self)
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Recipe:
        """Read a saved recipe; anything unreadable gives the original photo (never an error)."""
        try:
            data = json.loads(text)
            crop = Crop(**data["crop"]).clamped() if data.get("crop") else None
            auto = (
                Auto(
                    tuple(data["auto"]["low"]),
                    tuple(data["auto"]["high"]),
                    tuple(data["auto"]["gains"]),
                    bool(data["auto"].get("extras", True)),
                )
                if data.get("auto")
                else None
            )
            label = Label.from_dict(data["label"]) if data.get("label") else None
            recipe = cls(
                rotate=int(data.get("rotate", 0)) % 4,
                straighten=max(-MAX_STRAIGHTEN, min(MAX_STRAIGHTEN, float(data.get("straighten", 0.0)))),
                crop=crop,
                auto=auto,
                brighten_background=bool(data.get("brighten_background", False)),
                label=label,
                logo=data.get("logo") if isinstance(data.get("logo"), str) else None,
            )
            for name in ADJUSTMENTS:
                recipe = recipe.with_adjustment(name, int(data.get(name, 0)))
            return recipe
        except (ValueError, TypeError, KeyError, AttributeError):
            return cls()
