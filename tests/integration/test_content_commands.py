"""``lbpmv content check --stats``, ``content memo`` and ``content screenshots``, run as commands."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from lbpmv_desktop.core.tutorials.loader import load_catalogue
from lbpmv_desktop.paths import tutorials_dir
from lbpmv_desktop.tutorial_shots import SHOTS, used_shots
from tests.helpers.cli import lbpmv
from tests.helpers.packs import write_pack, write_step

if TYPE_CHECKING:
    from pathlib import Path

LONG = " ".join(["mot"] * 22)  # a sentence of 22 words: a warning, not an error


def _pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def test_check_with_warnings_only_passes_and_says_so(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "avertie")
    write_step(
        pack, "01-etape-1.md", title="Étape 1", body=f"{LONG.capitalize()}.\n\nVous ne pouvez rien casser.\n"
    )
    result = lbpmv("content", "check", str(pack))
    assert result.returncode == 0, result.stderr
    assert "attention :" in result.stdout + result.stderr
    assert "avertissement(s) à regarder" in result.stdout


def test_check_with_an_error_fails_and_counts_errors_and_warnings(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "cassee")
    write_step(pack, "01-etape-1.md", title="Étape 1", body="Bientôt disponible : un outil.\n")
    result = lbpmv("content", "check", str(pack))
    assert result.returncode == 1
    assert "Bientôt disponible" in result.stdout + result.stderr
    assert "problème(s) trouvé(s)" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_stats_prints_a_line_per_step_of_the_shipped_content() -> None:
    result = lbpmv("content", "check", "--stats")
    assert "Traceback" not in result.stderr
    catalogue = load_catalogue(tutorials_dir(), thorough=False)[0]
    for tutorial in catalogue.path():
        assert tutorial.id in result.stdout
    assert "Kandel" in result.stdout or "lisibilité" in result.stdout.lower()


def test_memo_writes_one_a4_page_and_never_overwrites_a_foreign_file(tmp_path: Path) -> None:
    target = tmp_path / "aide-mémoire"
    result = lbpmv(
        "content", "memo", "retoucher-photo", "--out", str(target), "--shop", "Chaussons bébé 24,90 €"
    )
    assert result.returncode == 0, result.stderr
    written = tmp_path / "aide-mémoire.pdf"
    data = written.read_bytes()
    assert data.startswith(b"%PDF-")
    assert _pdf_pages(data) == 1
    again = lbpmv("content", "memo", "retoucher-photo", "--out", str(written))
    assert again.returncode == 0, again.stderr  # our own memo may be written again
    foreign = tmp_path / "contrat.pdf"
    foreign.write_bytes(b"%PDF-1.4 un contrat important")
    refused = lbpmv("content", "memo", "retoucher-photo", "--out", str(foreign))
    assert refused.returncode == 1
    assert foreign.read_bytes() == b"%PDF-1.4 un contrat important"
    assert "Traceback" not in refused.stderr


def test_memo_of_an_unknown_tutorial_is_a_usage_error() -> None:
    result = lbpmv("content", "memo", "tout-casser", "--out", "x.pdf")
    assert result.returncode == 2
    assert "tutoriel inconnu « tout-casser »" in result.stderr


def test_every_shot_the_shipped_packs_list_can_be_taken_and_is_there() -> None:
    used = used_shots(tutorials_dir())
    assert used, "the studio and poster tutorials show the app with its own screenshots"
    assert set(used) <= set(SHOTS)
    for shot, packs in used.items():
        for pack in packs:
            picture = pack / "images" / f"ecran-{shot}.png"
            assert picture.read_bytes().startswith(b"\x89PNG"), picture


@pytest.mark.parametrize("shots", ['["studio-regler"]'])
def test_screenshots_are_taken_by_the_app_and_written_into_the_pack(tmp_path: Path, shots: str) -> None:
    pack = write_pack(tmp_path, "captures")
    toml = pack / "tutorial.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + f"screenshots = {shots}\n", encoding="utf-8")
    result = lbpmv("content", "screenshots", str(pack), env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    picture = pack / "images" / "ecran-studio-regler.png"
    data = picture.read_bytes()
    assert data.startswith(b"\x89PNG")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width > 300  # the card « 2. Régler », pixels doubled
    assert height > 150
    assert "1 capture(s) refaite(s)" in result.stdout


def test_an_unknown_shot_is_refused_in_french(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "inconnue")
    toml = pack / "tutorial.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8") + 'screenshots = ["bureau-du-maire"]\n', encoding="utf-8"
    )
    result = lbpmv("content", "screenshots", str(pack), env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 1
    assert "capture inconnue : bureau-du-maire" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (pack / "images" / "ecran-bureau-du-maire.png").exists()


def test_screenshots_of_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = lbpmv("content", "screenshots", str(tmp_path / "nulle-part"))
    assert result.returncode == 2
    assert "dossier introuvable" in result.stderr


def test_the_authoring_guide_names_every_shot() -> None:
    guide = (tutorials_dir().parent / "README.md").read_text(encoding="utf-8")
    missing = [name for name in SHOTS if f"`{name}`" not in guide]
    assert missing == []
