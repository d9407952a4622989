"""The screen-sized copy of the open photo, and its preview for a recipe, as raw RGB bytes
(the interface turns them into a QImage without touching Pillow)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PIL import Image

from lbpmv_desktop.core.photo.render import (
    LOGO_SIDE,
    apply_colours,
    frame_preview,
    improve,
    load_logo,
    overlay,
    preview_blur,
    preview_sharpness,
    sharpness_amount,
)

if TYPE_CHECKING:
    from pathlib import Path

    from lbpmv_desktop.core.photo.recipe import Recipe


class Proxy:
    """An upright sRGB copy of a photo, small enough to re-render at every slider move."""

    def __init__(self, size: tuple[int, int], rgb: bytes) -> None:
        self._image = Image.frombytes("RGB", size, rgb)
        self._logo_path: Path | None = None
        self._logo: Image.Image | None = None
        # Kept between renders (a colour slider only re-runs the colour table and matrix):
        # the turned and cropped proxy, its blurred copies, and the last sharpened one.
        self._framed_for: tuple[object, ...] | None = None
        self._framed: Image.Image | None = None
        self._blurred: dict[bool, Image.Image] = {}
        self._sharpened: tuple[int, Image.Image] | None = None

    @property
    def size(self) -> tuple[int, int]:
        return self._image.size

    def improved(self, recipe: Recipe) -> Recipe:
        """``recipe`` after « Améliorer »: light, contrast, warmth and tint chosen for this photo
        as the recipe frames it (and a white point for a dark photo without whites), the other
        edits kept."""
        return improve(self._image, recipe)

    def _framed_image(self, recipe: Recipe) -> Image.Image:
        key = (recipe.rotate, recipe.straighten, recipe.crop)
        if self._framed is None or key != self._framed_for:
            self._framed, self._framed_for = frame_preview(self._image, recipe), key
            self._blurred, self._sharpened = {}, None
        amount = sharpness_amount(recipe)
        if amount == 0:
            return self._framed
        if self._sharpened is None or self._sharpened[0] != amount:
            positive = amount > 0
            if positive not in self._blurred:
                self._blurred[positive] = preview_blur(self._framed, amount)
            sharpened = preview_sharpness(self._framed, amount, self._blurred[positive])
            self._sharpened = amount, sharpened
        return self._sharpened[1]

    def render(
        self, recipe: Recipe, logo: Path | None = None, *, edits: bool = True
    ) -> tuple[int, int, bytes]:
        """(width, height, RGB bytes) of the preview; ``edits=False`` shows the photo as it was."""
        if logo != self._logo_path:
            self._logo_path, self._logo = logo, load_logo(logo) if logo else None
        if edits:
            image = overlay(apply_colours(self._framed_image(recipe), recipe), recipe, self._logo)
        else:
            image = self._image
        return image.width, image.height, image.tobytes()


def picture_rgba(path: Path, max_side: int, *, keep_transparency: bool = False) -> tuple[int, int, bytes]:
    """A picture for a poster as (width, height, RGBA bytes), decoded safely and at most
    ``max_side`` long; a logo keeps its transparency.

    Raises:
        PhotoRefused: not a picture the studio opens.
    """
    from lbpmv_desktop.core.photo.opening import open_image

    if keep_transparency:  # the refusal says why (not a regular file, too big, damaged…)
        image = open_image(path, max_side=LOGO_SIDE, alpha=True)
    else:
        image = open_image(path, max_side=max_side).convert("RGBA")
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return image.width, image.height, image.tobytes()
