"""``lbpmv photo export --text``: the studio's label on every exported photo, from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from PIL import Image, ImageChops, ImageStat

from lbpmv_desktop import cli
from lbpmv_desktop.core.photo.export import render_export
from lbpmv_desktop.core.photo.presets import PRESETS
from lbpmv_desktop.core.photo.recipe import LABEL_STYLES, Label, Recipe
from lbpmv_desktop.core.photo.text import label_box
from tests.helpers.cli import lbpmv

if TYPE_CHECKING:
    from pathlib import Path

SENTENCE = "Chaussons bébé 24,90\u00a0€ — «\u202fSoldes\u202f» œuvre d’art"


def _photo(path: Path, size: tuple[int, int] = (1600, 1200)) -> Path:
    gradient = Image.linear_gradient("L").resize(size)
    Image.merge("RGB", (gradient, gradient, gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT))).save(
        path, quality=92
    )
    return path


def _export(tmp_path: Path, *options: str, name: str = "a.jpg") -> subprocess.CompletedProcess[str]:
    source = tmp_path / name
    if not source.exists():
        _photo(source)
    return lbpmv(
        "photo", "export", str(source), "--preset", "instagram", "--out", str(tmp_path / "out"), *options
    )


def test_the_label_styles_are_the_studio_s() -> None:
    assert cli.LABEL_STYLES == LABEL_STYLES


@pytest.mark.parametrize("style", LABEL_STYLES)
def test_export_with_text_writes_the_studio_s_label(tmp_path: Path, style: str) -> None:
    result = _export(tmp_path, "--text", SENTENCE, "--text-style", style, "--text-size", "120")
    assert result.returncode == 0, result.stderr
    written = tmp_path / "out" / "a-instagram.jpg"
    assert result.stdout.strip() == str(written)
    plain, _upscaled = render_export(tmp_path / "a.jpg", Recipe(), PRESETS["instagram"])
    label = Label(SENTENCE, style, size=120)
    expected, _upscaled = render_export(tmp_path / "a.jpg", Recipe(label=label), PRESETS["instagram"])
    with Image.open(written) as exported:
        exported.load()
        box = label_box(exported.size, label)
        changed = ImageChops.difference(expected, plain).getbbox()
        assert changed is not None, "the label is drawn"
        assert box[0] <= changed[0]
        assert box[1] <= changed[1]
        assert changed[2] <= box[2]
        assert changed[3] <= box[3]
        # The file is the studio's rendering of the same recipe (up to JPEG compression).
        inside = ImageChops.difference(exported.convert("RGB").crop(box), expected.crop(box)).convert("L")
        assert inside.getextrema()[1] < 64
        outside = ImageChops.difference(exported.convert("RGB"), plain).convert("L")
        outside.paste(0, box)
        assert outside.getextrema()[1] < 64, "nothing is drawn outside the label"


def test_text_place_and_default_style(tmp_path: Path) -> None:
    source = tmp_path / "clair.jpg"
    Image.new("RGB", (1600, 1200), (210, 200, 190)).save(source, quality=95)
    result = _export(tmp_path, "--text", "Soldes", "--text-place", "haut", name="clair.jpg")
    assert result.returncode == 0, result.stderr
    box = label_box((1080, 1080), Label("Soldes", "sombre", 0.5, 0.12))
    assert box[3] < 1080 / 3, "« haut » puts it in the top third"
    with Image.open(tmp_path / "out" / "clair-instagram.jpg") as exported:
        grey = exported.convert("L")
        # The default style is the dark band: the band darkens the photo; the rest is untouched.
        band = ImageStat.Stat(grey.crop((0, box[1] + 2, 40, box[3] - 2))).mean[0]
        assert band < 120
        rest = grey.crop((0, box[3] + 4, 1080, 1080))
        low, high = rest.getextrema()
        assert low > 180
        assert high < 220


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Soldes 😀", "Les émojis ne peuvent pas être écrits sur la photo"),
        ("Prix\x07", "caractère de commande invisible"),
        ("Prix 中", "« 中 » ne peut pas être écrit sur la photo"),
        ("", "Le texte est vide"),
    ],
)
def test_a_text_that_cannot_be_written_exits_2_in_french_and_writes_nothing(
    tmp_path: Path, words: str, expected: str
) -> None:
    result = _export(tmp_path, "--text", words)
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "out").exists(), "no file written"


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (("--text-style", "clair"), "--text-style va avec --text"),
        (("--text-size", "150", "--text-place", "haut"), "--text-size et --text-place vont avec --text"),
        (("--text", "Soldes", "--text-style", "fluo"), "« fluo » n'est pas possible"),
        (("--text", "Soldes", "--text-size", "300"), "de 50 à 200, pas 300"),
    ],
)
def test_text_options_usage_errors_exit_2(tmp_path: Path, options: tuple[str, ...], expected: str) -> None:
    result = _export(tmp_path, *options)
    assert result.returncode == 2
    assert expected in result.stderr
    assert not (tmp_path / "out").exists()


def test_export_without_text_never_reads_a_font(tmp_path: Path) -> None:
    """The export stays as fast as before: no font module, no font file, without --text."""
    source = _photo(tmp_path / "a.jpg")
    code = (
        "import sys; from lbpmv_desktop.cli import main; code = main(sys.argv[1:]); "
        "from lbpmv_desktop.core.photo import fonts; "
        "assert fonts.covered.cache_info().currsize == 0 and fonts.truetype.cache_info().currsize == 0; "
        "assert 'PIL.ImageFont' not in sys.modules, 'fonts were loaded'; sys.exit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "photo", "export", str(source), "--preset", "instagram", "--out",
         str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
