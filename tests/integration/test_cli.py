"""The command line, run as a separate process like an animator or a script would."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lbpmv_desktop import __version__, cli
from lbpmv_desktop.cli import walk
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


# What argparse prints in English when it is not told otherwise.
ENGLISH = (
    "usage:",
    "show this help",
    "positional arguments",
    "optional arguments",
    "options:",
    "required",
    "invalid choice",
    "expected one argument",
    "expected at least one",
    "unrecognized arguments",
    "error:",
    "choose from",
    "version number",
)


def _commands() -> list[tuple[str, ...]]:
    return [path for path, _parser in walk(cli._parser())]


def _internal_names() -> set[str]:
    """The ``dest`` of every argument that a user must never read (``progress_command``, ``files``…)."""
    names = set()
    for _path, parser in walk(cli._parser()):
        for action in parser._actions:
            if action.dest != argparse.SUPPRESS and ("_" in action.dest or not action.option_strings):
                names.add(action.dest)
    return names


def _assert_french(text: str) -> None:
    lowered = text.lower()
    assert not [word for word in ENGLISH if word in lowered], text
    leaked = [name for name in _internal_names() if re.search(rf"(?<![-\w]){re.escape(name)}(?![\w-])", text)]
    assert not leaked, f"internal names {leaked} in:\n{text}"


def _main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        cli.main(list(args))
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


def test_every_command_is_found_in_the_parser() -> None:
    commands = _commands()
    assert {(), ("poster",), ("photo", "export"), ("progress", "report"), ("demo", "programme")} <= set(
        commands
    )
    assert len(commands) >= 14


@pytest.mark.parametrize("command", _commands(), ids=lambda path: " ".join(path) or "lbpmv")
def test_help_of_every_command_is_french(
    capsys: pytest.CaptureFixture[str], command: tuple[str, ...]
) -> None:
    code, out, err = _main(capsys, *command, "--help")
    assert code == 0, err
    assert out.startswith(f"Utilisation : {' '.join(('lbpmv', *command))} [-h]"), out
    assert "afficher cette aide et quitter" in out
    _assert_french(out)


def test_top_level_help_lists_every_command_and_the_self_test_options(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _code, out, _err = _main(capsys, "--help")
    for name in ("content", "photo", "poster", "progress", "demo", "--screen-size", "--text-size"):
        assert name in out


def test_help_as_a_separate_process_is_french() -> None:
    result = lbpmv("progress", "import", "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Utilisation : lbpmv progress import")
    assert "--confirm-code CODE" in result.stdout
    _assert_french(result.stdout)


USAGE_ERRORS = [
    (
        ("content", "tout-casser"),
        "« tout-casser » n'est pas une commande (choix : check, list, memo, screenshots)",
    ),
    (("tout-casser",), "n'est pas une commande"),
    (("progress",), "il manque la commande"),
    (("photo", "export", "a.jpg"), "il manque --preset et --out"),
    (("photo", "export", "a.jpg", "--out"), "--out attend une valeur"),
    (("photo", "export", "a.jpg", "--auto=oui", "--preset", "web", "--out", "d"), "--auto n'attend pas"),
    (("photo", "export", "a.jpg", "--preset", "tiktok", "--out", "d"), "destination inconnue « tiktok »"),
    (("poster", "--size", "a5"), "« a5 » n'est pas possible (choix : a4, a3)"),
    (("poster", "--shop", "Chaussons bébé 24,90 €"), "il faut --template, --shop et --out"),
    (
        ("poster", "--template", "soldes", "--shop", "Léa", "--theme", "rosé", "--out", "a.pdf"),
        "--theme : « rosé » n'est pas possible (choix : modele, jaune-bleu",
    ),
    (("progress", "report", "--format", "pdf"), "--out FICHIER.pdf"),
    (("demo", "programme", "--merchants", "0"), "de 1 à 5000, pas 0"),
    (("demo", "programme", "--merchants", "douze"), "« douze » n'est pas un nombre entier"),
    (("--bogus",), "inconnu(s) : --bogus"),
    (("--self-test", "--text-size", "250"), "--text-size : de 100 à 200, pas 250"),
    (("--self-test", "--text-size", "grand"), "« grand » n'est pas un nombre entier"),
    (("--self-test", "--screen-size", "1024"), "écrivez LARGEURxHAUTEUR"),
    (("--self-test", "--screen-size", "1024x768x2"), "écrivez LARGEURxHAUTEUR"),
    (("--self-test", "--screen-size", "320x200"), "de 640x480 à 7680x4320, pas 320x200"),
    (("--text-size", "150"), "--text-size va avec --self-test"),
    (
        ("--screen-size", "1024x768", "--screenshots", "d"),
        "--screenshots et --screen-size vont avec --self-test",
    ),
]


@pytest.mark.parametrize(
    ("args", "expected"), USAGE_ERRORS, ids=lambda value: " ".join(value) if isinstance(value, tuple) else ""
)
def test_usage_errors_exit_2_with_the_usage_and_one_french_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: tuple[str, ...], expected: str
) -> None:
    code, out, err = _main(capsys, "--data-dir", str(tmp_path), *args)
    assert code == 2
    assert out == ""
    *usage, message = err.rstrip("\n").split("\n")
    assert usage, err
    assert usage[0].startswith("Utilisation : lbpmv")
    assert all(line.startswith(" ") for line in usage[1:]), err
    assert message.startswith("lbpmv"), err
    assert expected in message, err
    assert message.endswith("--help ».")
    _assert_french(err)


def test_usage_error_as_a_separate_process() -> None:
    result = lbpmv("content", "tout-casser")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.rstrip().splitlines()[-1] == (
        "lbpmv content : « tout-casser » n'est pas une commande (choix : check, list, memo, screenshots). "
        "Pour l'aide : « lbpmv content --help »."
    )
    _assert_french(result.stderr)


def test_self_test_options_reach_the_self_test(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from lbpmv_desktop import selftest

    calls: list[tuple[tuple[object, ...], dict[str, object]]] = []
    monkeypatch.setattr(selftest, "run_self_test", lambda *args, **kwargs: calls.append((args, kwargs)) or 0)
    data = str(tmp_path)
    assert (
        cli.main(["--data-dir", data, "--self-test", "--screen-size", "1024x768", "--text-size", "200"]) == 0
    )
    assert cli.main(["--data-dir", data, "--self-test", "--screenshots", data]) == 0
    assert calls == [
        ((data, None), {"screen_size": (1024, 768), "text_size": 200}),
        ((data, Path(data)), {"screen_size": None, "text_size": None}),
    ]


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
