"""Render a recipe: geometry, colour adjustments, background, sharpening and overlays.

The same functions render the screen preview (on a small proxy) and the export (on the photo
decoded at the scale the target needs). Colour work is one lookup table plus at most one colour
matrix, applied after resizing: fast on an old PC.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

from PIL import Image

from lbpmv_desktop.core.photo.recipe import Auto, Crop, Recipe
from lbpmv_desktop.core.photo.text import draw_label

if TYPE_CHECKING:
    from pathlib import Path

WHITE = (255, 255, 255)
_QUARTER_TURNS = {1: Image.Transpose.ROTATE_270, 2: Image.Transpose.ROTATE_180, 3: Image.Transpose.ROTATE_90}


# -- measuring --------------------------------------------------------------------------
def measure_auto(image: Image.Image) -> Auto:
    """Levels (0.5 % and 99.5 % per channel) and grey-world white balance, on a small copy."""
    small = image.copy()
    small.thumbnail((256, 256))
    histograms = small.histogram()
    total = small.width * small.height
    lows, highs = [], []
    for channel in range(3):
        counts = histograms[channel * 256 : (channel + 1) * 256]
        lows.append(_percentile(counts, total, 0.005))
        highs.append(max(_percentile(counts, total, 0.995), lows[-1] + 32))
    stretched = small.point(_levels_table(Auto(tuple(lows), tuple(highs))))  # type: ignore[arg-type]
    means = [
        sum(i * c for i, c in enumerate(stretched.histogram()[k * 256 : (k + 1) * 256])) / total
        for k in range(3)
    ]
    grey = sum(means) / 3
    gains = tuple(min(1.25, max(0.8, grey / m)) if m > 0 else 1.0 for m in means)
    return Auto(tuple(lows), tuple(min(255, h) for h in highs), gains)  # type: ignore[arg-type]


def _percentile(counts: list[int], total: int, fraction: float) -> int:
    target, seen = total * fraction, 0
    for value, count in enumerate(counts):
        seen += count
        if seen > target:
            return value
    return 255


def _levels_table(auto: Auto) -> list[int]:
    table: list[int] = []
    for channel in range(3):
        low, high = auto.low[channel], auto.high[channel]
        span = max(1, high - low)
        table.extend(min(255, max(0, round((v - low) * 255 / span))) for v in range(256))
    return table


# -- geometry -------------------------------------------------------------------------
def _inscribed(width: float, height: float, angle: float) -> tuple[float, float]:
    """The largest upright rectangle inside a width×height picture turned by ``angle`` radians."""
    if width <= 0 or height <= 0:
        return 0.0, 0.0
    longer_is_width = width >= height
    long_side, short_side = (width, height) if longer_is_width else (height, width)
    sin_a, cos_a = abs(math.sin(angle)), abs(math.cos(angle))
    if short_side <= 2.0 * sin_a * cos_a * long_side or abs(sin_a - cos_a) < 1e-10:
        half = 0.5 * short_side
        return (half / sin_a, half / cos_a) if longer_is_width else (half / cos_a, half / sin_a)
    cos_2a = cos_a * cos_a - sin_a * sin_a
    return (width * cos_a - height * sin_a) / cos_2a, (height * cos_a - width * sin_a) / cos_2a


def straightened_size(width: int, height: int, recipe: Recipe) -> tuple[int, int]:
    """The size of the picture once turned by quarter turns and straightened."""
    if recipe.rotate % 2:
        width, height = height, width
    if abs(recipe.straighten) < 0.01:
        return width, height
    w, h = _inscribed(width, height, math.radians(recipe.straighten))
    return max(1, int(w)), max(1, int(h))


def apply_geometry(image: Image.Image, recipe: Recipe) -> Image.Image:
    if recipe.rotate % 4:
        image = image.transpose(_QUARTER_TURNS[recipe.rotate % 4])
    if abs(recipe.straighten) >= 0.01:
        width, height = image.size
        w, h = straightened_size(width, height, replace(recipe, rotate=0))
        turned = image.rotate(-recipe.straighten, resample=Image.Resampling.BICUBIC, expand=True)
        left, top = (turned.width - w) // 2, (turned.height - h) // 2
        image = turned.crop((left, top, left + w, top + h))
    return image


def crop_box(size: tuple[int, int], crop: Crop | None, ratio: float | None) -> tuple[int, int, int, int]:
    """The pixel box to keep: the merchant's crop, then (for a fixed-size target) the largest box
    of the target's proportions centred on it."""
    width, height = size
    if crop is not None:
        c = crop.clamped()
        left, top, right, bottom = c.x * width, c.y * height, (c.x + c.w) * width, (c.y + c.h) * height
    else:
        left, top, right, bottom = 0.0, 0.0, float(width), float(height)
    if ratio is not None:
        box_w, box_h = right - left, bottom - top
        if box_w / box_h > ratio:
            new_w = box_h * ratio
            left += (box_w - new_w) / 2
            right = left + new_w
        else:
            new_h = box_w / ratio
            top += (box_h - new_h) / 2
            bottom = top + new_h
    box = (round(left), round(top), round(right), round(bottom))
    return (box[0], box[1], max(box[0] + 1, box[2]), max(box[1] + 1, box[3]))


def resize(
    image: Image.Image,
    size: tuple[int, int],
    method: Image.Resampling,
    box: tuple[int, int, int, int],
    *,
    threads: bool = True,
) -> Image.Image:
    """``image.resize`` of ``box`` to ``size``, on two threads for large outputs (``threads=False``
    when a batch already keeps both cores busy with one photo each).

    Pillow releases the interpreter lock while resampling and reads the pixels around each band,
    so two bands computed side by side give exactly the single-call result, about twice as fast.
    """
    width, height = size
    if not threads or width * height < 600_000:
        return image.resize(size, method, box=box)
    import threading

    middle = height // 2
    source_h = box[3] - box[1]
    bands: list[Image.Image | None] = [None, None]

    def work(index: int, top: int, bottom: int) -> None:
        band_box = (box[0], box[1] + source_h * top / height, box[2], box[1] + source_h * bottom / height)
        bands[index] = image.resize((width, bottom - top), method, box=band_box)

    helper = threading.Thread(target=work, args=(1, middle, height))
    helper.start()
    work(0, 0, middle)
    helper.join()
    result = Image.new("RGB", size)
    result.paste(bands[0], (0, 0))  # type: ignore[arg-type]
    result.paste(bands[1], (0, middle))  # type: ignore[arg-type]
    return result


# -- colours --------------------------------------------------------------------------
def colour_table(recipe: Recipe) -> list[int] | None:
    """One 3×256 lookup table for levels, white balance, light, contrast and warmth."""
    auto = recipe.auto
    if auto is None and not (recipe.light or recipe.contrast or recipe.warmth):
        return None
    gamma = 2.0 ** (-recipe.light / 100)
    contrast = 1.0 + recipe.contrast / 100 * (0.9 if recipe.contrast > 0 else 0.7)
    warmth = recipe.warmth / 100 * 0.12
    channel_gain = (1.0 + warmth, 1.0, 1.0 - warmth)
    table: list[int] = []
    for channel in range(3):
        low = auto.low[channel] if auto else 0
        high = auto.high[channel] if auto else 255
        gain = (auto.gains[channel] if auto else 1.0) * channel_gain[channel]
        span = max(1, high - low)
        for v in range(256):
            x = min(1.0, max(0.0, (v - low) / span * gain))
            x = x**gamma
            x = 0.5 + (x - 0.5) * contrast
            table.append(min(255, max(0, round(x * 255))))
    return table


def _saturation_matrix(amount: float) -> tuple[float, ...]:
    r, g, b = 0.299, 0.587, 0.114
    s = amount
    return (
        r + (1 - r) * s, g - g * s, b - b * s, 0,
        r - r * s, g + (1 - g) * s, b - b * s, 0,
        r - r * s, g - g * s, b + (1 - b) * s, 0,
    )  # fmt: skip


def apply_colours(image: Image.Image, recipe: Recipe) -> Image.Image:
    table = colour_table(recipe)
    if table is not None:
        image = image.point(table)
    saturation = 1.0 + recipe.colours / 100 + (0.08 if recipe.auto else 0.0)
    if abs(saturation - 1.0) > 0.005:
        image = image.convert("RGB", _saturation_matrix(saturation))
    if recipe.brighten_background:
        luminance = image.convert("L")
        mask = luminance.point([0 if v < 185 else min(255, (v - 185) * 255 // 45) for v in range(256)])
        image = Image.composite(Image.new("RGB", image.size, WHITE), image, mask)
    return image


def apply_sharpness(image: Image.Image, recipe: Recipe, *, fast: bool = False) -> Image.Image:
    """Unsharp mask for the export; ``fast``: a 3×3 sharpening kernel, close enough on a screen
    preview and several times quicker (a slider must redraw within a frame)."""
    amount = recipe.sharpness + (30 if recipe.auto else 0)
    if amount == 0:
        return image
    from PIL import ImageFilter

    if amount > 0 and fast:
        k = amount / 100 * 0.6
        return image.filter(ImageFilter.Kernel((3, 3), (0, -k, 0, -k, 1 + 4 * k, -k, 0, -k, 0), scale=1))
    if amount > 0:
        radius = max(0.8, max(image.size) / 1400)
        return image.filter(
            ImageFilter.UnsharpMask(radius=radius, percent=int(30 + amount * 1.5), threshold=2)
        )
    if amount < 0:
        return image.filter(ImageFilter.GaussianBlur(radius=-amount / 100 * max(image.size) / 800))
    return image


# -- overlays -------------------------------------------------------------------------
def draw_logo(image: Image.Image, logo: Image.Image) -> Image.Image:
    """Put the shop's logo in the top-right corner, about a sixth of the photo's width."""
    image = image.copy()
    mark = logo.convert("RGBA")
    target = max(16, round(image.width / 6))
    mark.thumbnail((target, target), Image.Resampling.LANCZOS)
    margin = round(image.width * 0.03)
    image.paste(mark, (image.width - mark.width - margin, margin), mark)
    return image


def load_logo(path: Path) -> Image.Image | None:
    """The logo with its transparency kept (small allow-listed pictures only)."""
    from lbpmv_desktop.core.photo.opening import PhotoRefused, opened_picture

    try:
        with opened_picture(path) as opened:
            if opened.width * opened.height > 25_000_000:
                return None
            opened.load()
            return opened.convert("RGBA")
    except (PhotoRefused, OSError, ValueError, Image.DecompressionBombError):
        return None


def finish(
    image: Image.Image, recipe: Recipe, logo: Image.Image | None = None, *, fast: bool = False
) -> Image.Image:
    """Colours, sharpening and overlays on an image already at its final size."""
    image = apply_colours(image, recipe)
    image = apply_sharpness(image, recipe, fast=fast)
    if recipe.label is not None:
        image = draw_label(image, recipe.label)
    if logo is not None:
        image = draw_logo(image, logo)
    return image


def render_preview(
    proxy: Image.Image, recipe: Recipe, logo: Image.Image | None = None, *, crop: bool = True
) -> Image.Image:
    """The screen preview of ``recipe`` on an upright proxy of the photo."""
    image = apply_geometry(proxy, recipe)
    if crop and recipe.crop is not None:
        image = image.crop(crop_box(image.size, recipe.crop, None))
    return finish(image, recipe, logo, fast=True)
