"""The command line, run as a separate process like an animator or a script would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from lbpmv_desktop import __version__
from tests.helpers.packs import write_pack

if TYPE_CHECKING:
    from pathlib import Path


def lbpmv(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lbpmv_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )


def test_content_check_on_the_shipped_content() -> None:
    result = lbpmv("content", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Tout est correct" in result.stdout


def test_content_check_reports_file_line_message_and_exit_1(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "casse")
    (pack / "02-etape-2.md").write_text('+++\ntitle = "x"\nminutes = 9\n+++\nTexte\n', encoding="utf-8")
    (pack / "images" / "dessin.svg").unlink()
    result = lbpmv("content", "check", str(pack))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert any(
        line.endswith("02-etape-2.md:3: « minutes » doit être un nombre entier de 1 à 5") for line in lines
    )
    assert any("01-etape-1.md:7: image introuvable" in line for line in lines)
    assert "Traceback" not in result.stderr + result.stdout


def test_content_check_never_prints_a_traceback_on_strange_input(tmp_path: Path) -> None:
    folder = tmp_path / "bizarre"
    folder.mkdir()
    (folder / "tutorial.toml").write_bytes(b"\xff\xfe\x00\x00garbage")
    (folder / "01-x.md").symlink_to(folder / "nowhere.md")
    result = lbpmv("content", "check", str(folder))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "tutorial.toml:1:" in result.stdout


def test_content_list_json() -> None:
    result = lbpmv("content", "list", "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert len(items) >= 12
    for item in items:
        assert {"id", "title", "minutes", "steps"} <= item.keys()
        assert item["steps"] >= 4
        assert isinstance(item["minutes"], int)


def test_usage_errors_exit_2_in_french() -> None:
    result = lbpmv("content", "tout-casser")
    assert result.returncode == 2
    assert "commande incorrecte" in result.stderr
    assert "Traceback" not in result.stderr


def test_version() -> None:
    result = lbpmv("--version")
    assert result.returncode == 0
    assert __version__ in result.stdout


@pytest.mark.slow
def test_self_test_opens_every_screen_and_writes_screenshots(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    result = lbpmv("--data-dir", str(tmp_path / "data"), "--self-test", "--screenshots", str(shots))
    assert result.returncode == 0, result.stderr
    assert "tout va bien" in result.stdout
    names = {p.stem for p in shots.glob("*.png")}
    assert {"01-bienvenue", "03-accueil", "04-tutoriel", "06-bravo", "07-bilan", "08-reglages"} <= names
    assert not any((tmp_path / "data").glob("*/progress.sqlite")), "the self-test cleans up after itself"
