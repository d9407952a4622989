"""Render a recipe: geometry, colour adjustments, background, sharpening and overlays.

The same functions render the screen preview (on a small proxy) and the export (on the photo
decoded at the scale the target needs). Colour work is one lookup table plus at most one colour
matrix, applied after resizing: fast on an old PC.
"""

from __future__ import annotations

import functools
import math
from dataclasses import replace
from typing import TYPE_CHECKING

from PIL import Image

from lbpmv_desktop.core.photo.recipe import Auto, Crop, Recipe

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


# -- « Améliorer » --------------------------------------------------------------------
# One click chooses slider values (the merchant sees them and can soften each): white balance
# from the photo's near-neutral pixels (not the average colour: a warm photo stays warm), then
# light from the middle tones and contrast from the darkest and brightest ones.
_ANALYSIS_SIDE = 160
_LINEAR = tuple(v / 255 / 12.92 if v <= 10 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in range(256))
_NEUTRAL_SHARE = 0.02  # fewer usable pixels than this: no white balance at all
# Casts in logarithmic channel gains (see axis_gain): the neutral point expected (a warmth of
# -30 is often the light of the place, kept), the cast left alone around it, the most corrected.
_CAST_WARM = -0.04
_BRIGHTEST, _LEAST_COLOURED = 15, 15  # percent: where the neutral pixels are looked for
_CAST_DEAD_ZONE = (0.07, 0.1, 0.04)  # half axes: towards blue, towards yellow, green-magenta
_CAST_MAX = 0.22
_CAST_CHROMA = (28.0, 44.0)  # a*b* chroma of the « whites »: all trusted up to, none beyond
_LIGHT_TARGET = 0.42  # the middle tone, as a fraction of white
_WHITE_POINT_SATURATION = 0.5


def _lab(pixel: tuple[int, int, int]) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB pixel."""
    r, g, b = _LINEAR[pixel[0]], _LINEAR[pixel[1]], _LINEAR[pixel[2]]
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    fx, fy, fz = (t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def _pixels(image: Image.Image) -> list[tuple[int, int, int]]:
    return list(zip(*(band.tobytes() for band in image.split()), strict=True))


def cast_gains(image: Image.Image) -> tuple[float, float, float]:
    """The channel multipliers that take the photo's colour cast away, softened: (1, 1, 1) when
    the photo's light looks natural.

    The cast is read on the least coloured of the brightest unclipped pixels (a white cup, a
    grey wall, a shirt, the light on a surface), not on the average colour: a warm photo stays
    warm. Photos are often meant a little warm, so the neutral point expected is slightly warm,
    and whatever lies within :data:`_CAST_DEAD_ZONE` of it is the light's own character.
    """
    pixels = _pixels(image)
    candidates: list[tuple[float, float, tuple[int, int, int]]] = []
    for pixel in pixels:
        if max(pixel) >= 250 or min(pixel) <= 4:
            continue
        lightness, a, b = _lab(pixel)
        if lightness >= 30:
            candidates.append((lightness, a * a + b * b, pixel))
    if len(candidates) < _NEUTRAL_SHARE * len(pixels) or len(candidates) < 40:
        return 1.0, 1.0, 1.0
    candidates.sort(key=lambda c: -c[0])
    brightest = sorted(candidates[: max(80, len(candidates) * _BRIGHTEST // 100)], key=lambda c: c[1])
    chosen = brightest[: max(20, len(brightest) * _LEAST_COLOURED // 100)]
    means = [sum(c[2][k] for c in chosen) / len(chosen) for k in range(3)]
    grey = 0.299 * means[0] + 0.587 * means[1] + 0.114 * means[2]
    logs = [math.log(grey / max(1.0, m)) for m in means]
    mean = sum(logs) / 3
    red, green, blue = (v - mean for v in logs)
    warm, magenta = (red - blue) / 2 - _CAST_WARM, ((red + blue) / 2 - green) / 1.5
    # How far outside the natural range: light varies mostly from warm to cool, rarely to green.
    # A photo a little too warm is less wrong than a warm object turned cold: more room there.
    found = math.hypot(warm / _CAST_DEAD_ZONE[0 if warm > 0 else 1], magenta / _CAST_DEAD_ZONE[2])
    # Dim « whites » are likely a colour, and so are strongly coloured ones (a yellow wall).
    lightness = sum(c[0] for c in chosen) / len(chosen)
    chroma = math.sqrt(sum(c[1] for c in chosen) / len(chosen))
    confidence = min(1.0, max(0.0, (lightness - 55) / 25))
    confidence *= min(1.0, max(0.0, (_CAST_CHROMA[1] - chroma) / (_CAST_CHROMA[1] - _CAST_CHROMA[0])))
    if found <= 0.3 or confidence == 0.0:
        return 1.0, 1.0, 1.0
    kept = found * found / (1.0 + found * found) * confidence
    warm, magenta = warm * kept, magenta * kept
    size = math.hypot(warm, magenta)
    if size > _CAST_MAX:
        warm, magenta = warm * _CAST_MAX / size, magenta * _CAST_MAX / size
    return math.exp(warm + magenta / 2), math.exp(-magenta), math.exp(-warm + magenta / 2)


def _percentile_of(histogram: list[int], fraction: float) -> float:
    return _percentile(histogram, sum(histogram), fraction) / 255


def improve(image: Image.Image, recipe: Recipe) -> Recipe:
    """``recipe`` after « Améliorer » on ``image`` (the upright photo or its proxy): white
    balance, light and contrast as slider values; the other edits are kept.

    Measured on the photo as the recipe frames it but without its colour edits, so a second
    click changes nothing.
    """
    scale = min(1.0, 2 * _ANALYSIS_SIDE / max(image.size))
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    small = image.resize(size, Image.Resampling.BOX)  # never a copy of a large photo
    small = apply_geometry(small if small.mode == "RGB" else small.convert("RGB"), recipe)
    if recipe.crop is not None:
        small = small.crop(crop_box(small.size, recipe.crop, None))
    small.thumbnail((_ANALYSIS_SIDE, _ANALYSIS_SIDE), Image.Resampling.BOX)
    small = small.convert("RGB")
    warmth, tint = balance_sliders(cast_gains(small))
    plain = Recipe(warmth=warmth, tint=tint)
    coloured = apply_colours(small, plain)
    balanced = coloured.convert("L").histogram()
    levels = _levels_for(coloured, balanced)
    plain = replace(plain, auto=levels)
    if levels is not None:
        balanced = apply_colours(small, plain).convert("L").histogram()
    light = _light_for(balanced)
    toned = apply_colours(small, replace(plain, light=light)).convert("L").histogram()
    contrast = _contrast_for(toned)
    return replace(recipe, auto=levels, light=light, contrast=contrast, warmth=warmth, tint=tint)


def _levels_for(image: Image.Image, histogram: list[int]) -> Auto | None:
    """A white point for a dark photo that has no white left (taken too dark: no light or
    contrast slider gives it back), else None. Its brightest tones go to 240, not to 255: a
    white point lights the photo, it must not burn it."""
    high = _percentile(histogram, sum(histogram), 0.998)
    if high >= 215 or (high >= 170 and _percentile_of(histogram, 0.5) > 0.33):
        return None
    channels = image.histogram()
    values = [sum(channels[v + 256 * k] for k in range(3)) for v in range(256)]
    brightest = max(high, _percentile(values, sum(values), 0.998))
    return Auto(high=(min(255, max(150, round(brightest * 255 / 240))),) * 3, extras=False)


def _light_for(histogram: list[int]) -> int:
    """The light slider that brings the middle tone (of what is not white background) towards
    :data:`_LIGHT_TARGET`, partly; a bright photo is only darkened when its whites are burnt,
    a dark one that has whites only lightened a little (a photo that is mostly white, or
    already right, is left alone)."""
    total = sum(histogram)
    burnt = sum(histogram[250:]) > 0.01 * total
    body = histogram[:250] if burnt else histogram[:240]  # never a white background
    if sum(body) < 0.2 * total:
        return 0
    middle = min(0.95, max(0.03, _percentile_of(body, 0.5)))
    needed = -100 * math.log2(math.log(_LIGHT_TARGET) / math.log(middle))
    if abs(needed) < 20:
        return 0
    if needed > 0 and burnt:  # a dark object on a burnt white: lightening burns more
        return 0
    if needed > 0:  # a dark scene with its lights (a night, a candle) is meant dark: a little
        lit = _percentile_of(histogram, 0.998) > 0.75
        return round(min(25.0 if lit else 60.0, 0.7 * needed))
    return round(max(-50.0, 0.7 * needed)) if burnt else 0


def _contrast_for(histogram: list[int]) -> int:
    """The contrast slider that stretches the tones towards black and white without clipping
    (it only ever adds contrast)."""
    low, high = _percentile_of(histogram, 0.005), _percentile_of(histogram, 0.995)
    room = [0.48 / (0.5 - low) if low < 0.49 else 9.0, 0.48 / (high - 0.5) if high > 0.51 else 9.0]
    factor = min(1.35, *room)
    if factor < 1.08:
        return 0
    return round((factor - 1) / 0.9 * 100)


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
# Warmth and tint are channel gains, applied before the tone curve: a slider value multiplies red
# and blue (warmth) or green against red and blue (tint) by exp(±axis_gain(value)), so a colour cast
# made by multiplying channels is undone exactly by the slider values « Améliorer » chooses.
# Small values keep the fine steps of the first edition; the ends reach a ×1.28 / ×0.78 pair.
def axis_gain(value: float) -> float:
    """The logarithmic channel gain of a warmth or tint slider value (-100..100)."""
    s = max(-1.0, min(1.0, value / 100))
    return 0.12 * s + 0.13 * s * s * s


def slider_for_gain(gain: float) -> int:
    """The warmth or tint slider value whose :func:`axis_gain` is closest to ``gain``."""
    low, high = -100, 100
    while high - low > 1:
        middle = (low + high) // 2
        if axis_gain(middle) < gain:
            low = middle
        else:
            high = middle
    return low if abs(axis_gain(low) - gain) <= abs(axis_gain(high) - gain) else high


def balance_gains(warmth: float, tint: float) -> tuple[float, float, float]:
    """The (red, green, blue) multipliers of the warmth and tint sliders."""
    w, t = axis_gain(warmth), axis_gain(tint)
    return math.exp(w + t / 2), math.exp(-t), math.exp(-w + t / 2)


def balance_sliders(gains: tuple[float, float, float]) -> tuple[int, int]:
    """The (warmth, tint) slider values closest to channel multipliers ``gains`` (their overall
    brightness is left to the light slider)."""
    logs = [math.log(max(1e-6, g)) for g in gains]
    mean = sum(logs) / 3
    red, green, blue = (v - mean for v in logs)
    return slider_for_gain((red - blue) / 2), slider_for_gain(((red + blue) / 2 - green) / 1.5)


_KNEE = 0.85  # a channel turned down still reaches white: pure white stays white


def _channel_gain(x: float, gain: float) -> float:
    if gain >= 1.0 or x <= _KNEE:
        return x * gain
    top = _KNEE * gain
    return top + (x - _KNEE) * (1.0 - top) / (1.0 - _KNEE)


def contrast_factor(contrast: int) -> float:
    return 1.0 + contrast / 100 * (0.9 if contrast > 0 else 0.7)


def light_gamma(light: int) -> float:
    return float(2.0 ** (-light / 100))


def colour_table(recipe: Recipe) -> list[int] | None:
    """One 3×256 lookup table for the levels, warmth and tint (channel gains), light (a gamma)
    and contrast (a stretch around the middle grey)."""
    if recipe.auto is None and not (recipe.light or recipe.contrast or recipe.warmth or recipe.tint):
        return None
    return _table(recipe.auto, recipe.light, recipe.contrast, recipe.warmth, recipe.tint)


@functools.lru_cache(maxsize=16)  # the label, crop or sharpness moved: the same table
def _table(auto: Auto | None, light: int, contrast_value: int, warmth: int, tint: int) -> list[int]:
    gamma = light_gamma(light)
    contrast = contrast_factor(contrast_value)
    channel_gain = balance_gains(warmth, tint)
    table: list[int] = []
    for channel in range(3):
        low = auto.low[channel] if auto else 0
        high = auto.high[channel] if auto else 255
        auto_gain = auto.gains[channel] if auto else 1.0
        gain = channel_gain[channel]
        span = max(1, high - low)
        for v in range(256):
            x = min(1.0, max(0.0, (v - low) / span * auto_gain))
            x = min(1.0, max(0.0, _channel_gain(x, gain)))
            x = x**gamma
            x = 0.5 + (x - 0.5) * contrast
            table.append(min(255, max(0, round(x * 255))))
    return table


def saturation(recipe: Recipe) -> float:
    """The saturation the colour matrix applies: the colours slider, with what the tone curve
    does to colours taken back (contrast stretches each channel, which would push colours, and
    lightening would make them paler): light and contrast change light and shade, not colours.
    First-edition recipes keep their hidden boost instead."""
    extras = recipe.auto is not None and recipe.auto.extras
    amount = 1.0 + recipe.colours / 100 + (0.08 if extras else 0.0)
    if not extras:
        gamma = light_gamma(recipe.light)
        amount *= contrast_factor(recipe.contrast) ** -0.85 * gamma ** (-0.15 if gamma < 1 else 0.0)
        if recipe.auto is not None:  # a white point brightens too
            amount *= (max(1, recipe.auto.high[1] - recipe.auto.low[1]) / 255) ** _WHITE_POINT_SATURATION
    return amount


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
    amount = saturation(recipe)
    if abs(amount - 1.0) > 0.005:
        image = image.convert("RGB", _saturation_matrix(amount))
    if recipe.brighten_background:
        luminance = image.convert("L")
        mask = luminance.point([0 if v < 185 else min(255, (v - 185) * 255 // 45) for v in range(256)])
        image = Image.composite(Image.new("RGB", image.size, WHITE), image, mask)
    return image


def sharpness_amount(recipe: Recipe) -> int:
    return recipe.sharpness + (30 if recipe.auto is not None and recipe.auto.extras else 0)


def apply_sharpness(image: Image.Image, recipe: Recipe, *, fast: bool = False) -> Image.Image:
    """Unsharp mask for the export; ``fast``: :func:`preview_sharpness`, close enough on a
    screen preview and several times quicker (a slider must redraw within a frame)."""
    amount = sharpness_amount(recipe)
    if amount == 0:
        return image
    if fast:
        return preview_sharpness(image, amount)
    from PIL import ImageFilter

    if amount > 0:
        radius = max(0.8, max(image.size) / 1400)
        return image.filter(
            ImageFilter.UnsharpMask(radius=radius, percent=int(30 + amount * 1.5), threshold=2)
        )
    return image.filter(ImageFilter.GaussianBlur(radius=-amount / 100 * max(image.size) / 800))


def preview_blur(image: Image.Image, amount: int) -> Image.Image:
    """The blurred copy that :func:`preview_sharpness` pushes away from (``amount`` > 0: the mean
    of the four neighbours) or goes towards (``amount`` < 0: the export's strongest blur)."""
    from PIL import ImageFilter

    if amount > 0:
        return image.filter(ImageFilter.Kernel((3, 3), (0, 1, 0, 1, 0, 1, 0, 1, 0), scale=4))
    return image.filter(ImageFilter.GaussianBlur(radius=max(image.size) / 800))


def preview_sharpness(image: Image.Image, amount: int, blurred: Image.Image | None = None) -> Image.Image:
    """The screen preview's sharpening: a 3×3 sharpening kernel written as a blend with the
    neighbours' mean (or a blend towards a blurred copy for negative amounts), so that the
    blurred copy is made once and each move of the slider costs one blend."""
    if amount == 0:
        return image
    if blurred is None:
        blurred = preview_blur(image, amount)
    if amount > 0:
        return Image.blend(blurred, image, 1 + 4 * (amount / 100 * 0.6))
    return Image.blend(image, blurred, -amount / 100)


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
    """The logo with its transparency kept, decoded within the memory budget (None: not a picture
    the studio opens)."""
    from lbpmv_desktop.core.photo.opening import PhotoRefused, open_image

    try:
        return open_image(path, max_side=LOGO_SIDE, alpha=True)
    except (PhotoRefused, OSError, ValueError):
        return None


LOGO_SIDE = 1024  # a sixth of the widest export is under 700 pixels


def finish(
    image: Image.Image, recipe: Recipe, logo: Image.Image | None = None, *, fast: bool = False
) -> Image.Image:
    """Colours, sharpening and overlays on an image already at its final size (the export;
    ``image`` is the caller's own picture: it may be drawn on)."""
    image = apply_colours(image, recipe)
    image = apply_sharpness(image, recipe, fast=fast)
    return overlay(image, recipe, logo, in_place=True)


def overlay(
    image: Image.Image, recipe: Recipe, logo: Image.Image | None = None, *, in_place: bool = False
) -> Image.Image:
    if recipe.label is not None:
        from lbpmv_desktop.core.photo.text import draw_label  # its fonts: only with a label

        image = draw_label(image, recipe.label, in_place=in_place)
    if logo is not None:
        image = draw_logo(image, logo)
    return image


def frame_preview(proxy: Image.Image, recipe: Recipe, *, crop: bool = True) -> Image.Image:
    """The proxy turned, straightened and cropped: what the preview's sliders work on."""
    image = apply_geometry(proxy, recipe)
    if crop and recipe.crop is not None:
        image = image.crop(crop_box(image.size, recipe.crop, None))
    return image


def render_preview(
    proxy: Image.Image, recipe: Recipe, logo: Image.Image | None = None, *, crop: bool = True
) -> Image.Image:
    """The screen preview of ``recipe`` on an upright proxy of the photo.

    On the screen the quick sharpening comes before the colours, so that a colour slider only
    re-runs the colours on the framed and sharpened proxy (it looks the same).
    """
    framed = frame_preview(proxy, recipe, crop=crop)
    sharpened = preview_sharpness(framed, sharpness_amount(recipe))
    return overlay(apply_colours(sharpened, recipe), recipe, logo)
