"""The screen-sized copy of the open photo, and its preview for a recipe, as raw RGB bytes
(the interface turns them into a QImage without touching Pillow)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PIL import Image

from lbpmv_desktop.core.photo.render import load_logo, measure_auto, render_preview

if TYPE_CHECKING:
    from pathlib import Path

    from lbpmv_desktop.core.photo.recipe import Auto, Recipe


class Proxy:
    """An upright sRGB copy of a photo, small enough to re-render at every slider move."""

    def __init__(self, size: tuple[int, int], rgb: bytes) -> None:
        self._image = Image.frombytes("RGB", size, rgb)
        self._logo_path: Path | None = None
        self._logo: Image.Image | None = None

    @property
    def size(self) -> tuple[int, int]:
        return self._image.size

    def measure_auto(self) -> Auto:
        return measure_auto(self._image)

    def improved(self, recipe: Recipe) -> Recipe:
        """``recipe`` after « Améliorer »: what one click chooses for this photo."""
        from dataclasses import replace

        return replace(recipe, auto=measure_auto(self._image))

    def render(
        self, recipe: Recipe, logo: Path | None = None, *, edits: bool = True
    ) -> tuple[int, int, bytes]:
        """(width, height, RGB bytes) of the preview; ``edits=False`` shows the photo as it was."""
        if logo != self._logo_path:
            self._logo_path, self._logo = logo, load_logo(logo) if logo else None
        image = render_preview(self._image, recipe, self._logo) if edits else self._image
        return image.width, image.height, image.tobytes()


def picture_rgba(path: Path, max_side: int, *, keep_transparency: bool = False) -> tuple[int, int, bytes]:
    """A picture for a poster as (width, height, RGBA bytes), decoded safely and at most
    ``max_side`` long; a logo keeps its transparency.

    Raises:
        PhotoRefused: not a picture the studio opens.
    """
    from lbpmv_desktop.core.photo.opening import DAMAGED, PhotoRefused, open_image

    if keep_transparency:
        logo = load_logo(path)
        if logo is None:
            raise PhotoRefused(DAMAGED)
        image = logo
    else:
        image = open_image(path, max_side=max_side).convert("RGBA")
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return image.width, image.height, image.tobytes()
