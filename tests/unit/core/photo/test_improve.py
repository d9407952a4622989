"""« Améliorer » keeps colours true: measured in CIELAB on the corpus photos, on scenes drawn here
and on copies of both with known colour casts (each channel multiplied).

The balance of a picture is its average a*b* (CIELAB, D65, sRGB linearised properly).
"""

from __future__ import annotations

import functools
import math
import random
from dataclasses import replace

import pytest
from PIL import Image, ImageDraw, ImageFilter

from lbpmv_desktop.core.photo.recipe import Crop, Recipe
from lbpmv_desktop.core.photo.render import balance_gains, balance_sliders, improve, render_preview
from tests.helpers.corpus import CORPUS

# -- measuring ---------------------------------------------------------------------------
_LINEAR = [v / 255 / 12.92 if v <= 10 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in range(256)]


def _f(t: float) -> float:
    return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116


def lab(pixel: tuple[int, int, int]) -> tuple[float, float, float]:
    r, g, b = (_LINEAR[v] for v in pixel)
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883
    fx, fy, fz = _f(x), _f(y), _f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def balance(image: Image.Image) -> tuple[float, float]:
    """The average a*b* of a picture (on a copy at most 200 pixels long)."""
    small = image.convert("RGB")
    small.thumbnail((200, 200), Image.Resampling.BOX)
    bands = [band.tobytes() for band in small.split()]
    total_a = total_b = 0.0
    for pixel in zip(*bands, strict=True):
        _, a, b = lab(pixel)
        total_a += a
        total_b += b
    count = small.width * small.height
    return total_a / count, total_b / count


def lightness(image: Image.Image) -> float:
    small = image.convert("RGB")
    small.thumbnail((200, 200), Image.Resampling.BOX)
    bands = [band.tobytes() for band in small.split()]
    return sum(lab(p)[0] for p in zip(*bands, strict=True)) / (small.width * small.height)


def spread(image: Image.Image) -> float:
    """How far apart the darkest and brightest tones are (5th to 95th percentile of grey)."""
    histogram = image.convert("L").histogram()
    total = sum(histogram)
    cumulative, low, high = 0, None, 255
    for value, count in enumerate(histogram):
        cumulative += count
        if low is None and cumulative >= 0.05 * total:
            low = value
        if cumulative >= 0.95 * total:
            high = value
            break
    return high - (low or 0)


def distance(p: tuple[float, float], q: tuple[float, float]) -> float:
    return math.hypot(p[0] - q[0], p[1] - q[1])


def with_cast(image: Image.Image, gains: tuple[float, float, float]) -> Image.Image:
    bands = image.convert("RGB").split()
    return Image.merge(
        "RGB",
        [
            band.point([min(255, round(v * k)) for v in range(256)])
            for band, k in zip(bands, gains, strict=True)
        ],
    )


def improved(image: Image.Image) -> Image.Image:
    return render_preview(image, improve(image, Recipe()))


CASTS = {
    "bleu": (0.85, 1.0, 1.15),
    "jaune": (1.1, 1.05, 0.8),
    "vert": (0.9, 1.15, 0.9),
    "magenta": (1.1, 0.88, 1.05),
}


# -- pictures ------------------------------------------------------------------------------
def _texture(image: Image.Image, seed: int, amount: float = 0.05) -> Image.Image:
    """Grain and a soft light falloff, so that a drawn scene has the tones of a photo."""
    random.seed(seed)
    noise = Image.effect_noise(image.size, 40).convert("RGB")
    image = Image.blend(image, noise, amount)
    shade = Image.linear_gradient("L").resize(image.size).rotate(random.choice((0, 90, 180, 270)))
    dark = Image.blend(image, Image.new("RGB", image.size, (0, 0, 0)), 0.25)
    return Image.composite(image, dark, shade.point(lambda v: 150 + v * 105 // 255))


def scene_plate() -> Image.Image:
    """A white plate with fruit on a warm wooden table."""
    image = Image.new("RGB", (480, 320), (150, 96, 58))
    draw = ImageDraw.Draw(image)
    for y in range(0, 320, 9):
        draw.line((0, y, 480, y + 14), fill=(128 + (y * 7) % 40, 80 + (y * 3) % 25, 45), width=4)
    draw.ellipse((120, 50, 380, 290), fill=(236, 236, 232))
    draw.ellipse((150, 80, 350, 260), fill=(226, 226, 224))
    draw.ellipse((190, 120, 260, 190), fill=(196, 30, 40))
    draw.ellipse((250, 150, 320, 220), fill=(240, 170, 20))
    return _texture(image.filter(ImageFilter.GaussianBlur(1.5)), 1)


def scene_shelf() -> Image.Image:
    """Coloured products on the shelves of a grey shop wall."""
    image = Image.new("RGB", (480, 360), (168, 168, 165))
    draw = ImageDraw.Draw(image)
    colours = [(40, 70, 160), (220, 190, 40), (40, 140, 70), (180, 40, 50), (240, 240, 240), (90, 60, 40)]
    for row, top in enumerate((30, 140, 250)):
        draw.rectangle((0, top + 90, 480, top + 100), fill=(110, 110, 108))
        for k in range(6):
            left = 20 + k * 76
            draw.rectangle((left, top + 20, left + 56, top + 90), fill=colours[(k + row) % 6])
    return _texture(image.filter(ImageFilter.GaussianBlur(1.0)), 2)


def scene_seaside() -> Image.Image:
    """Sky, sea, sand and a white boat."""
    image = Image.new("RGB", (480, 320))
    draw = ImageDraw.Draw(image)
    for y in range(140):
        draw.line((0, y, 480, y), fill=(110 + y // 2, 160 + y // 3, 225))
    draw.rectangle((0, 140, 480, 230), fill=(40, 100, 150))
    draw.rectangle((0, 230, 480, 320), fill=(214, 190, 150))
    draw.polygon(((180, 190), (320, 190), (300, 215), (200, 215)), fill=(240, 240, 238))
    draw.rectangle((245, 120, 250, 190), fill=(90, 80, 70))
    draw.polygon(((252, 125), (252, 185), (300, 185)), fill=(235, 235, 230))
    return _texture(image.filter(ImageFilter.GaussianBlur(1.2)), 3)


def scene_product() -> Image.Image:
    """A dark blue mug on a white backdrop with its soft shadow."""
    image = Image.new("RGB", (400, 400), (246, 246, 246))
    draw = ImageDraw.Draw(image)
    draw.ellipse((110, 300, 320, 350), fill=(200, 200, 200))
    draw.rectangle((130, 120, 290, 320), fill=(30, 50, 110))
    draw.ellipse((270, 170, 340, 260), outline=(30, 50, 110), width=16)
    return _texture(image.filter(ImageFilter.GaussianBlur(3)), 4, 0.03)


def scene_flowers() -> Image.Image:
    """Yellow, red and purple flowers filling the frame: nothing grey at all."""
    random.seed(5)
    image = Image.new("RGB", (420, 300), (90, 150, 70))
    draw = ImageDraw.Draw(image)
    for _ in range(70):
        x, y, r = random.randrange(420), random.randrange(300), random.randrange(12, 30)
        colour = random.choice(((250, 210, 40), (220, 50, 70), (160, 80, 180), (100, 170, 70)))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    return _texture(image.filter(ImageFilter.GaussianBlur(1.5)), 5)


def scene_shop_front() -> Image.Image:
    """A shop front painted yellow, its blue door and a window: bright, and not white."""
    image = Image.new("RGB", (480, 320), (236, 200, 90))
    draw = ImageDraw.Draw(image)
    draw.rectangle((180, 80, 300, 320), fill=(60, 90, 140))
    draw.rectangle((40, 60, 140, 160), fill=(150, 200, 230))
    draw.rectangle((340, 60, 440, 160), fill=(150, 200, 230))
    return _texture(image.filter(ImageFilter.GaussianBlur(1)), 6)


SCENES = {
    "assiette": scene_plate,
    "etagere": scene_shelf,
    "bord-de-mer": scene_seaside,
    "produit": scene_product,
    "fleurs": scene_flowers,
    "devanture": scene_shop_front,
}


def corpus_photos() -> dict[str, Image.Image]:
    found = {}
    for name in ("coffee", "chelsea", "astronaut"):
        path = CORPUS / "real" / f"{name}.png"
        if path.is_file():
            with Image.open(path) as opened:
                found[name] = opened.convert("RGB")
    return found


NAMES = [*SCENES, "coffee", "chelsea", "astronaut"]


@functools.cache
def _scene(name: str) -> Image.Image:
    return SCENES[name]()


def _picture(name: str) -> Image.Image:
    if name in SCENES:
        return _scene(name).copy()
    photos = corpus_photos()
    if name not in photos:
        pytest.skip("the shared photo corpus is not beside the checkout")
    return photos[name]


# -- tests ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
def test_a_photo_without_a_cast_keeps_its_colours(name: str) -> None:
    photo = _picture(name)
    moved = distance(balance(photo), balance(improved(photo)))
    assert moved <= 4.0, f"{name}: the colour balance moved by {moved:.1f}"


# « fleurs » and « devanture » have no grey or white surface at all: a cast cannot be told
# from their own colours, so it stays (and the contrast they get makes it show a little more);
# what they check is that their colours are kept.
WITH_NEUTRALS = [name for name in NAMES if name not in ("fleurs", "devanture")]


@functools.cache
def _cast_distances(name: str) -> dict[str, tuple[float, float]]:
    """For each cast: the distance of the cast copy's balance to the true photo's, and of the
    copy after « Améliorer »."""
    photo = _picture(name)
    truth = balance(photo)
    distances = {}
    for cast, gains in CASTS.items():
        copy = with_cast(photo, gains)
        distances[cast] = distance(balance(copy), truth), distance(balance(improved(copy)), truth)
    return distances


@pytest.mark.parametrize("name", WITH_NEUTRALS)
def test_casts_are_taken_away_and_never_made_worse(name: str) -> None:
    for cast, (before, after) in _cast_distances(name).items():
        assert after <= before + 0.3, f"{name}, {cast}: {before:.1f} → {after:.1f}"


def test_casts_are_much_smaller_on_average() -> None:
    names = [name for name in WITH_NEUTRALS if name in SCENES or name in corpus_photos()]
    ratios = [after / before for name in names for before, after in _cast_distances(name).values()]
    assert sum(ratios) / len(ratios) <= 0.7, f"average distance left: {sum(ratios) / len(ratios):.2f}"


def test_a_strong_cast_on_a_grey_scene_is_undone_by_the_sliders() -> None:
    photo = scene_shelf()
    copy = with_cast(photo, CASTS["jaune"])
    recipe = improve(copy, Recipe())
    assert recipe.warmth < -20, "the yellow photo is cooled by the warmth slider"
    assert recipe.auto is None, "everything it chose shows on the sliders"
    before = distance(balance(copy), balance(photo))
    assert distance(balance(render_preview(copy, recipe)), balance(photo)) < before / 2


@pytest.mark.parametrize("name", NAMES)
def test_exposure_and_contrast(name: str) -> None:
    photo = _picture(name)
    base = lightness(photo)
    assert abs(lightness(improved(photo)) - base) < 8, "a photo exposed right changes little"
    dark = photo.point(lambda v: round(v * 0.6))
    assert lightness(improved(dark)) > lightness(dark) + 3, "a dark photo gets lighter"
    bright = photo.point(lambda v: min(255, round(v * 1.6)))
    burnt = sum(bright.convert("L").histogram()[250:]) / (bright.width * bright.height)
    if 0.01 < burnt < 0.5:
        assert lightness(improved(bright)) < lightness(bright) - 1, "a burnt photo gets darker"
    else:  # bright colours and no white burnt (the flowers), or a product on a burnt white
        assert lightness(improved(bright)) < lightness(bright) + 2, "not made brighter"
    flat = photo.point(lambda v: 80 + v * 90 // 255)
    assert spread(improved(flat)) > spread(flat) * 1.2, "a dull photo gets more contrast"


def test_improve_sets_visible_sliders_keeps_other_edits_and_is_stable() -> None:
    photo = with_cast(scene_plate(), CASTS["bleu"]).point(lambda v: round(v * 0.7))
    start = Recipe(colours=15, sharpness=20, crop=Crop(0.1, 0.1, 0.8, 0.8))
    recipe = improve(photo, start)
    assert lightness(render_preview(photo, recipe)) > lightness(render_preview(photo, start)) + 3
    assert recipe.warmth > 0, "a blue photo is warmed"
    assert (recipe.colours, recipe.sharpness, recipe.crop) == (15, 20, start.crop)
    assert improve(photo, recipe) == recipe, "a second click changes nothing"
    assert improve(photo, replace(recipe, light=-40, warmth=0)) == recipe
    from lbpmv_desktop.core.photo.preview import Proxy

    assert Proxy(photo.size, photo.tobytes()).improved(start) == recipe, "the studio's click"


def test_warmth_and_tint_are_channel_gains_that_undo_a_cast() -> None:
    for gains in CASTS.values():
        inverse = tuple(1 / g for g in gains)
        warmth, tint = balance_sliders(inverse)  # type: ignore[arg-type]
        assert -100 <= warmth <= 100
        assert -100 <= tint <= 100
        rendered = balance_gains(warmth, tint)
        ratios = [rendered[k] / inverse[k] for k in range(3)]
        assert max(ratios) / min(ratios) < 1.01, "only the overall brightness differs"
    grey = Image.new("RGB", (8, 8), (120, 120, 120))
    warm = render_preview(grey, Recipe(warmth=50)).getpixel((0, 0))
    assert warm[0] > 120 > warm[2]
    magenta = render_preview(grey, Recipe(tint=50)).getpixel((0, 0))
    green = render_preview(grey, Recipe(tint=-50)).getpixel((0, 0))
    assert magenta[1] < min(magenta[0], magenta[2])
    assert green[1] > max(green[0], green[2])
    assert render_preview(Image.new("RGB", (8, 8), (255, 255, 255)), Recipe(warmth=60)).getpixel((0, 0)) == (
        255,
        255,
        255,
    ), "white stays white"
