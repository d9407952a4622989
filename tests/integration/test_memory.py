"""Every open, export or poster picture stays under 300 MB of memory, whatever the picture.

Each measure is one fresh Python process doing one thing, which reports its own peak resident
memory (VmHWM, Linux): a bound, not a timing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lbpmv_desktop.core.photo.opening import MAX_WORK_PIXELS
from tests.unit.core.photo.test_bounds import hand_made_png

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="VmHWM is Linux's")

LIMIT_MB = 300
ROOT = Path(__file__).resolve().parents[2]

_CHILD = r"""
import sys
from pathlib import Path

action, source, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
from lbpmv_desktop.core.photo.opening import PhotoRefused
try:
    if action == "studio":
        from lbpmv_desktop.core.photo.workers import _proxy
        size, _ = _proxy(str(source), 1280)
    elif action == "thumbnail":
        from lbpmv_desktop.core.photo.workers import _proxy
        size, _ = _proxy(str(source), 160)
    elif action == "poster":
        from lbpmv_desktop.core.photo.preview import picture_rgba
        size = picture_rgba(source, 2400)[:2]
    else:
        from lbpmv_desktop.core.photo.export import export_photo
        from lbpmv_desktop.core.photo.presets import PRESETS
        from lbpmv_desktop.core.photo.recipe import Recipe
        size = export_photo(source, Recipe(), PRESETS[action], out, auto=True).size
    outcome = f"ok {size[0]}x{size[1]}"
except PhotoRefused as refused:
    outcome = "refused " + refused.message
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(int(peak.split()[1]) // 1024, outcome)
"""

_MAKE_PHOTOS = r"""
import sys
from PIL import Image
gradient = Image.linear_gradient("L").resize((12000, 9000))
photo = Image.merge("RGB", (gradient, gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT), gradient))
exif = Image.Exif()
exif[0x0112] = 6
photo.save(sys.argv[1], quality=80, exif=exif)
# WebP's decoder holds the most per pixel (its canvas and two copies): a 12-megapixel one.
photo.reduce(3).save(sys.argv[2], quality=70, method=0)
"""


def _peak(action: str, source: Path, out: Path) -> tuple[int, str]:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, action, str(source), str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    megabytes, outcome = result.stdout.strip().split(" ", 1)
    return int(megabytes), outcome


@pytest.fixture(scope="module")
def pictures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("memory")
    phone = folder / "telephone_108mp.jpg"  # a 108-megapixel phone photo, held upright
    webp = folder / "site_12mp.webp"
    subprocess.run([sys.executable, "-c", _MAKE_PHOTOS, str(phone), str(webp)], check=True, timeout=120)
    return {
        "phone": phone,
        "webp": webp,
        "strip": hand_made_png(folder / "bande_1x109M.png", 1, 109_000_000),
        "palette": hand_made_png(folder / "palette_48mp.png", 8_000, 6_000, colour_type=3, palette=True),
        "liar": hand_made_png(folder / "ment.png", 9_000, 6_000, colour_type=6, depth=16, pixels=False),
    }


@pytest.mark.parametrize("action", ["studio", "original", "instagram", "poster"])
def test_a_108_megapixel_phone_photo_opens_and_exports_within_the_bound(
    pictures: dict[str, Path], tmp_path: Path, action: str
) -> None:
    peak, outcome = _peak(action, pictures["phone"], tmp_path)
    assert outcome.startswith("ok"), outcome
    assert peak < LIMIT_MB, f"{action}: {peak} MB"
    if action == "original":
        width, height = (int(side) for side in outcome.split()[1].split("x"))
        assert width * height <= MAX_WORK_PIXELS, "written at 12.6 megapixels at most"
        assert height > width, "upright"


@pytest.mark.parametrize("action", ["studio", "original", "poster"])
def test_a_48_megapixel_palette_picture_is_converted_within_the_bound(
    pictures: dict[str, Path], tmp_path: Path, action: str
) -> None:
    peak, outcome = _peak(action, pictures["palette"], tmp_path)
    assert outcome.startswith("ok"), outcome
    assert peak < LIMIT_MB, f"{action}: {peak} MB"


@pytest.mark.parametrize("action", ["studio", "original"])
def test_a_12_megapixel_webp_opens_and_exports_within_the_bound(
    pictures: dict[str, Path], tmp_path: Path, action: str
) -> None:
    peak, outcome = _peak(action, pictures["webp"], tmp_path)
    assert outcome.startswith("ok"), outcome
    assert peak < LIMIT_MB, f"{action}: {peak} MB"


@pytest.mark.parametrize(
    ("name", "action"),
    [("strip", "studio"), ("strip", "original"), ("liar", "thumbnail"), ("liar", "poster")],
)
def test_hostile_pictures_are_refused_before_they_cost_memory(
    pictures: dict[str, Path], tmp_path: Path, name: str, action: str
) -> None:
    peak, outcome = _peak(action, pictures[name], tmp_path)
    assert outcome.startswith("refused"), outcome
    assert outcome.endswith(".")
    assert peak < 100, f"{name} {action}: {peak} MB, so it was decoded"
