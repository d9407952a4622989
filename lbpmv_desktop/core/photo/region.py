"""Real pixels of a region of the finished photo, for the studio's 100 % view.

The photo is decoded once per worker at the size ``upright_size`` tells, turned, straightened
and cropped; each region is then cut from it and only the region gets the colours and sharpening,
so panning costs little. The label and logo are drawn on a transparent layer of the whole
finished picture (kept while they do not change) and laid over the region, exactly where the
export puts them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PIL import Image

from lbpmv_desktop.core.photo.opening import open_image
from lbpmv_desktop.core.photo.render import apply_geometry, crop_box, finish, load_logo, overlay

if TYPE_CHECKING:
    from pathlib import Path

    from lbpmv_desktop.core.photo.recipe import Recipe


@dataclass
class _Framed:
    key: tuple[object, ...]
    image: Image.Image


@dataclass
class _Layer:
    key: tuple[object, ...]
    image: Image.Image | None


_framed: _Framed | None = None
_layer: _Layer | None = None


def _file_key(path: Path) -> tuple[object, ...]:
    stat = path.stat()
    return (str(path), stat.st_size, stat.st_mtime_ns)


def framed_photo(path: Path, recipe: Recipe) -> Image.Image:
    """The whole photo turned, straightened and cropped as ``recipe`` says (kept for the next region)."""
    global _framed
    key = (*_file_key(path), recipe.rotate, recipe.straighten, recipe.crop)
    if _framed is None or _framed.key != key:
        _framed = None  # the previous picture is freed before the next one is decoded
        image = apply_geometry(open_image(path), recipe)
        if recipe.crop is not None:
            image = image.crop(crop_box(image.size, recipe.crop, None))
        _framed = _Framed(key, image)
    return _framed.image


def _overlay_layer(path: Path, recipe: Recipe, size: tuple[int, int]) -> Image.Image | None:
    """The label and logo on a transparent picture of the finished size, or None without them."""
    global _layer
    if recipe.label is None and recipe.logo is None:
        return None
    logo_path = path.parent / recipe.logo if recipe.logo else None
    key = (size, recipe.label, _file_key(logo_path) if logo_path and logo_path.is_file() else None)
    if _layer is None or _layer.key != key:
        _layer = None
        logo = load_logo(logo_path) if logo_path else None
        layer = overlay(Image.new("RGBA", size, (0, 0, 0, 0)), recipe, logo, in_place=True)
        _layer = _Layer(key, layer)
    return _layer.image


def render_region(path: Path, recipe: Recipe, box: tuple[int, int, int, int]) -> Image.Image:
    """``box`` (left, top, right, bottom, in full-size pixels of the finished picture) with every edit."""
    framed = framed_photo(path, recipe)
    left, top = max(0, box[0]), max(0, box[1])
    right, bottom = min(framed.width, max(left + 1, box[2])), min(framed.height, max(top + 1, box[3]))
    region = finish(framed.crop((left, top, right, bottom)), replace(recipe, label=None, logo=None))
    layer = _overlay_layer(path, recipe, framed.size)
    if layer is not None:
        part = layer.crop((left, top, right, bottom))
        region = Image.alpha_composite(region.convert("RGBA"), part).convert("RGB")
    return region
