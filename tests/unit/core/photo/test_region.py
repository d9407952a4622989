"""The 100 % view's regions: the same pixels as the full-size export, label included."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PIL import Image, ImageChops, ImageDraw, ImageStat

from lbpmv_desktop.core.photo.export import render_export
from lbpmv_desktop.core.photo.presets import PRESETS
from lbpmv_desktop.core.photo.recipe import Crop, Label, Recipe
from lbpmv_desktop.core.photo.region import render_region

if TYPE_CHECKING:
    from pathlib import Path


def _photo(tmp_path: Path) -> Path:
    image = Image.new("RGB", (1600, 1200), (200, 120, 60))
    draw = ImageDraw.Draw(image)
    for i in range(0, 1600, 80):
        draw.rectangle((i, 0, i + 30, 1200), fill=(40, 90 + i % 160, 180))
    path = tmp_path / "pull bleu.png"
    image.save(path)
    return path


def _difference(a: Image.Image, b: Image.Image) -> float:
    assert a.size == b.size
    return max(ImageStat.Stat(ImageChops.difference(a, b)).mean)


RECIPE = Recipe(
    crop=Crop(0.1, 0.05, 0.8, 0.9),
    light=20,
    warmth=-30,
    tint=15,
    label=Label("Chaussons bébé 24,90 €", "prix", 0.7, 0.8, 140),
)


def test_the_whole_region_is_the_full_size_export(tmp_path: Path) -> None:
    path = _photo(tmp_path)
    exported, _upscaled = render_export(path, RECIPE, PRESETS["original"])
    region = render_region(path, RECIPE, (0, 0, *exported.size))
    assert region.size == exported.size
    assert _difference(region, exported) < 1.5  # the same edits, the label in the same place
    assert _difference(region, render_region(path, Recipe(crop=RECIPE.crop), (0, 0, *exported.size))) > 10


def test_a_region_is_that_part_of_the_whole_one(tmp_path: Path) -> None:
    path = _photo(tmp_path)
    whole = render_region(path, RECIPE, (0, 0, 10_000, 10_000))  # clamped to the picture
    box = (600, 500, 1100, 900)  # across the price sticker
    part = render_region(path, RECIPE, box)
    assert part.size == (500, 400)
    assert _difference(part, whole.crop(box)) < 1.0


def test_a_new_edit_is_seen_in_the_next_region(tmp_path: Path) -> None:
    path = _photo(tmp_path)
    box = (0, 0, 200, 200)
    before = render_region(path, Recipe(), box)
    after = render_region(path, Recipe(light=60), box)
    assert ImageStat.Stat(after.convert("L")).mean[0] > ImageStat.Stat(before.convert("L")).mean[0] + 10
