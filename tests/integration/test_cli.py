"""The command line, run as a separate process like an animator or a script would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lbpmv_desktop import __version__
from tests.helpers.cli import lbpmv
from tests.helpers.packs import write_pack


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
    assert not any((tmp_path / "data").iterdir()), "the self-test cleans up after itself"


def _jpeg(path: Path, size: tuple[int, int] = (1600, 1200)) -> Path:
    from PIL import Image

    Image.new("RGB", size, (180, 120, 60)).save(path, quality=90)
    return path


def test_photo_export_writes_one_line_per_file_and_never_imports_qt(tmp_path: Path) -> None:
    first, second = _jpeg(tmp_path / "a.jpg"), _jpeg(tmp_path / "b.jpg")
    out = tmp_path / "prêtes"
    code = (
        "import sys; from lbpmv_desktop.cli import main; code = main(sys.argv[1:]); "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'; sys.exit(code)"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "photo",
            "export",
            str(first),
            str(second),
            "--preset",
            "instagram",
            "--out",
            str(out),
            "--auto",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert [Path(line).name for line in lines] == ["a-instagram.jpg", "b-instagram.jpg"]
    assert all(Path(line).is_file() for line in lines)


def test_photo_export_refused_input_exit_1_and_nothing_written_for_it(tmp_path: Path) -> None:
    good = _jpeg(tmp_path / "bon.jpg")
    bad = tmp_path / "mauvais.jpg"
    bad.write_text("pas une photo", encoding="utf-8")
    out = tmp_path / "out"
    result = lbpmv("photo", "export", str(bad), str(good), "--preset", "leboncoin", "--out", str(out))
    assert result.returncode == 1
    [message] = result.stderr.strip().splitlines()
    assert "mauvais.jpg" in message
    assert "pas une photo" in message
    assert sorted(p.name for p in out.iterdir()) == ["bon-leboncoin.jpg"]
    assert "Traceback" not in result.stderr


def test_photo_export_usage_errors_exit_2(tmp_path: Path) -> None:
    photo = _jpeg(tmp_path / "a.jpg")
    assert lbpmv("photo", "export", str(photo), "--preset", "tiktok", "--out", str(tmp_path)).returncode == 2
    assert lbpmv("photo", "export", str(photo), "--out", str(tmp_path)).returncode == 2


def test_progress_code_export_import_and_report(tmp_path: Path) -> None:
    merchant, animator = str(tmp_path / "merchant"), str(tmp_path / "animator")
    assert lbpmv("--data-dir", merchant, "demo", "shop").returncode == 0
    code = lbpmv("--data-dir", merchant, "progress", "code").stdout.strip()
    assert len(code) == 9
    assert code[4] == "-"
    exported = tmp_path / "progres.lbpmv"
    assert lbpmv("--data-dir", merchant, "progress", "export", "--out", str(exported)).returncode == 0
    refused = lbpmv("--data-dir", animator, "progress", "import", str(exported))
    assert refused.returncode == 1
    assert "code de vérification" in refused.stderr
    wrong = lbpmv("--data-dir", animator, "progress", "import", str(exported), "--confirm-code", "AAAA-AAAA")
    assert wrong.returncode == 1
    accepted = lbpmv("--data-dir", animator, "progress", "import", str(exported), "--confirm-code", code)
    assert accepted.returncode == 0, accepted.stderr
    assert "Les Petits Pas" in accepted.stdout
    again = lbpmv("--data-dir", animator, "progress", "import", str(exported))
    assert again.returncode == 0
    assert " 0 nouvel" in again.stdout
    report = json.loads(lbpmv("--data-dir", animator, "progress", "report", "--format", "json").stdout)
    [shop] = report
    assert {
        "id",
        "shop",
        "events",
        "steps_done",
        "tutorials_done",
        "help_open",
        "last_activity",
    } <= shop.keys()
    assert shop["shop"] == "Les Petits Pas"
    assert shop["steps_done"] > 0
    garbage = tmp_path / "faux.lbpmv"
    garbage.write_bytes(b"PK\x03\x04 pas un fichier")
    bad = lbpmv("--data-dir", animator, "progress", "import", str(garbage), "--confirm-code", code)
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr


def test_demo_programme_and_reports(tmp_path: Path) -> None:
    data = str(tmp_path / "animator")
    assert lbpmv("--data-dir", data, "demo", "programme", "--merchants", "5").returncode == 0
    report = json.loads(lbpmv("--data-dir", data, "progress", "report", "--format", "json").stdout)
    assert len(report) == 5
    csv_text = lbpmv("--data-dir", data, "progress", "report", "--format", "csv").stdout
    assert csv_text.startswith("commerce;animateur;")
    pdf = tmp_path / "bilan.pdf"
    assert (
        lbpmv("--data-dir", data, "progress", "report", "--format", "pdf", "--out", str(pdf)).returncode == 0
    )
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert lbpmv("--data-dir", data, "demo", "programme", "--merchants", "0").returncode == 2


def test_startup_probe_prints_when_the_accueil_is_ready_then_quits(tmp_path: Path) -> None:
    """The hook the start-up benchmark uses on the installed bundle (no Python to inject code)."""
    import time

    from tests.helpers.stores import merchant_store

    merchant_store(tmp_path / "progress.sqlite").close()
    launched = time.time()
    result = lbpmv("--data-dir", str(tmp_path), env={"LBPMV_STARTUP_PROBE": "1"})
    assert result.returncode == 0, result.stderr
    ready = float(result.stdout.split()[-1])
    assert launched < ready < time.time()
