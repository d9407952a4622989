"""Every failure the command line knows has its French sentence; « erreur inattendue » is left for
real bugs, with the log file that holds the traceback. The data folder is private.

Hostile conditions are made in tmp_path: damaged, newer and empty databases, a file where the
data folder should be, a folder on an unplugged USB key, a full disk (RLIMIT_FSIZE in the child
process: writes fail with EFBIG), FIFOs and links to /dev/zero, names with escape sequences.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import json
import os
import pkgutil
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import lbpmv_desktop
from lbpmv_desktop import cli
from lbpmv_desktop.core.errors import UserError
from lbpmv_desktop.paths import DataPaths, data_paths
from lbpmv_desktop.settings import Settings, load_settings, save_settings
from tests.helpers.cli import lbpmv
from tests.helpers.stores import merchant_store

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

UNEXPECTED = "erreur inattendue"
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

# Every command that opens the data folder, as a merchant's or an animator's script runs it.
DATA_COMMANDS: dict[str, tuple[str, ...]] = {
    "progress code": ("progress", "code"),
    "progress export": ("progress", "export", "--out", "{out}/progres.lbpmv"),
    "progress import": ("progress", "import", "{out}/absent.lbpmv"),
    "progress report": ("progress", "report"),
    "progress report csv": ("progress", "report", "--format", "csv"),
    "demo shop": ("demo", "shop"),
    "demo programme": ("demo", "programme", "--merchants", "2"),
}


def _main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _command(name: str, out: Path) -> list[str]:
    return [part.format(out=out) for part in DATA_COMMANDS[name]]


def _garbage(root: Path) -> None:
    root.mkdir()
    (root / "progress.sqlite").write_bytes(b"\x13\x37 pas une base SQLite " * 400)


def _newer(root: Path) -> None:
    root.mkdir()
    connection = sqlite3.connect(root / "progress.sqlite")
    with connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
        connection.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    connection.close()


def _a_file(root: Path) -> None:
    root.write_text("un fichier, pas un dossier", encoding="utf-8")


CONDITIONS: dict[str, tuple[Callable[[Path], None], str]] = {
    "damaged database": (_garbage, "Le fichier de vos progrès est abîmé"),
    "newer database": (_newer, "version plus récente"),
    "a file instead of the folder": (_a_file, "c'est un fichier"),
}


@pytest.mark.parametrize("condition", list(CONDITIONS))
@pytest.mark.parametrize("name", list(DATA_COMMANDS))
def test_each_command_says_what_is_wrong_with_the_data_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, condition: str
) -> None:
    make, expected = CONDITIONS[condition]
    root = tmp_path / "lbpmv"
    make(root)
    before = _content(root)
    code, out, err = _main(capsys, "--data-dir", str(root), *_command(name, tmp_path))
    assert code == 1
    assert UNEXPECTED not in err
    assert expected in err, err
    assert err.startswith("lbpmv : ")
    assert len(err.strip().splitlines()) == 1, err
    assert _content(root) == before, "a refused folder is left as it was"


def _content(root: Path) -> dict[str, bytes] | None:
    """What the folder holds (the store's lock file aside: it holds nothing)."""
    if not root.is_dir():
        return None
    return {p.name: p.read_bytes() for p in root.iterdir() if p.is_file() and p.suffix != ".lock"}


@pytest.mark.parametrize("name", list(DATA_COMMANDS))
def test_a_folder_on_an_unplugged_usb_key_is_reported_not_made(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    key = tmp_path / "media" / "CLE-USB"
    code, _out, err = _main(capsys, "--data-dir", str(key / "lbpmv"), *_command(name, tmp_path))
    assert code == 1
    assert "introuvable" in err
    assert "débranché" in err
    assert not key.exists(), "the key's folder must not be made again on the computer's disk"


def _truncated(root: Path) -> None:
    assert cli.main(["--data-dir", str(root), "demo", "shop"]) == 0
    database = root / "progress.sqlite"
    for side in ("-wal", "-shm"):
        Path(f"{database}{side}").unlink(missing_ok=True)
    os.truncate(database, 8192)


def _sparse(root: Path) -> None:
    root.mkdir()
    with (root / "progress.sqlite").open("wb") as database:
        database.truncate(20 * 1024**3)  # 20 GB of nothing (a sparse file: no room taken)


def _passwd(root: Path) -> None:
    root.mkdir()
    (root / "progress.sqlite").symlink_to("/etc/passwd")


DAMAGED: dict[str, Callable[[Path], None]] = {
    "garbage": _garbage,
    "truncated": _truncated,
    "20 GB sparse": _sparse,
    "link to /etc/passwd": _passwd,
}


@pytest.mark.parametrize("damage", list(DAMAGED))
def test_a_damaged_database_without_a_backup_promises_none(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, damage: str
) -> None:
    root = tmp_path / "lbpmv"
    DAMAGED[damage](root)
    shutil.rmtree(root / "backups", ignore_errors=True)
    capsys.readouterr()
    code, _out, err = _main(capsys, "--data-dir", str(root), "progress", "code")
    assert code == 1
    assert "sauvegarde correcte peut" not in err, err
    assert "elle le propose" not in err, err
    assert "pas encore de copie" in err, err
    assert "gardé tel quel" in err, err
    assert "animateur" in err, err
    assert len(err.strip().splitlines()) == 1, err


def test_a_damaged_database_with_a_good_backup_points_to_the_app_that_offers_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from lbpmv_desktop.core.progress import backup

    root = tmp_path / "lbpmv"
    assert cli.main(["--data-dir", str(root), "demo", "shop"]) == 0
    made = backup.make_backup(root / "progress.sqlite", root / "backups", datetime(2026, 11, 30, 18, 5))
    assert made is not None
    (root / "progress.sqlite").write_bytes(b"\x13\x37 pas une base SQLite " * 400)
    for side in ("-wal", "-shm"):
        Path(f"{root / 'progress.sqlite'}{side}").unlink(missing_ok=True)
    capsys.readouterr()
    _code, _out, err = _main(capsys, "--data-dir", str(root), "progress", "report")
    assert "sauvegarde correcte du 30/11/2026 18:05 peut le remplacer" in err, err
    assert "Ouvrez l'application" in err


def _limited(size: int) -> Callable[[], None]:
    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def _lbpmv(
    *args: str, limit: int | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return lbpmv(*args, env=env, before=_limited(limit) if limit is not None else None)


@pytest.mark.parametrize("name", ["progress code", "demo shop", "progress report"])
def test_a_store_that_cannot_grow_is_said_in_french(tmp_path: Path, name: str) -> None:
    # Past RLIMIT_FSIZE a write fails with EFBIG, which SQLite reports as « disk I/O error »
    # (a real full disk gives SQLITE_FULL): the store's own sentence says so in French.
    result = _lbpmv("--data-dir", str(tmp_path / "lbpmv"), *_command(name, tmp_path), limit=20_000)
    assert result.returncode == 1
    assert UNEXPECTED not in result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("lbpmv : ")
    assert "réessayez" in line, line


def test_a_full_disk_when_writing_a_file_is_said_in_french(tmp_path: Path) -> None:
    root, out = tmp_path / "lbpmv", tmp_path / "bilan.json"
    assert _lbpmv("--data-dir", str(root), "demo", "programme", "--merchants", "120").returncode == 0
    # The store reads within the limit (its shared-memory file takes 32 KiB); the report does not fit.
    result = _lbpmv("--data-dir", str(root), "progress", "report", "--out", str(out), limit=33_000)
    assert result.returncode == 1
    assert result.stderr.startswith(f"lbpmv : le disque est plein : impossible d'écrire « {out} »."), (
        result.stderr
    )
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")], "no temporary file left"


def test_no_space_left_is_said_in_french(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lbpmv_desktop.core import fileio

    out = tmp_path / "progres.lbpmv"
    write = fileio.write_bytes_atomic

    def full(path: Path, data: bytes, **options: bool) -> None:
        if path == out:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        write(path, data, **options)

    monkeypatch.setattr(fileio, "write_bytes_atomic", full)
    code, _out, err = _main(
        capsys, "--data-dir", str(tmp_path / "lbpmv"), "progress", "export", "--out", str(out)
    )
    assert code == 1
    assert err == (
        f"lbpmv : le disque est plein : impossible d'écrire « {out} ». Libérez de la place (ou "
        "choisissez un autre endroit), puis réessayez.\n"
    )


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (lambda tmp: tmp, "est un dossier"),
        (lambda tmp: tmp / "un-fichier" / "progres.lbpmv", "n'est pas un dossier"),
    ],
    ids=["a folder", "inside a file"],
)
@pytest.mark.parametrize("command", [("progress", "export"), ("progress", "report")])
def test_a_wrong_out_path_is_said_in_french(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    command: tuple[str, ...],
    target: Callable[[Path], Path],
    expected: str,
) -> None:
    (tmp_path / "un-fichier").write_text("x", encoding="utf-8")
    out = target(tmp_path)
    code, _out, err = _main(capsys, "--data-dir", str(tmp_path / "lbpmv"), *command, "--out", str(out))
    assert code == 1
    assert UNEXPECTED not in err
    assert expected in err, err
    assert ".tmp" not in err, "the message names the file asked for, not a temporary one"


@pytest.mark.skipif(AS_ROOT, reason="root may write in a read-only folder")
@pytest.mark.parametrize("name", ["progress code", "progress report", "demo shop"])
def test_a_read_only_data_folder_is_said_in_french(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    root = tmp_path / "lbpmv"
    root.mkdir()
    root.chmod(0o500)
    try:
        code, _out, err = _main(capsys, "--data-dir", str(root), *_command(name, tmp_path))
    finally:
        root.chmod(0o700)
    assert code == 1
    assert UNEXPECTED not in err
    assert "lecture seule" in err


# -- hostile inputs -------------------------------------------------------------------------------
def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _zero(path: Path) -> Path:
    path.symlink_to("/dev/zero")
    return path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("make", [_fifo, _zero], ids=["FIFO", "link to /dev/zero"])
def test_hostile_progress_files_and_photos_are_refused_by_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make: Callable[[Path], Path]
) -> None:
    progress = make(tmp_path / "progres.lbpmv")
    code, _out, err = _main(
        capsys, "--data-dir", str(tmp_path / "lbpmv"), "progress", "import", str(progress)
    )
    assert code == 1
    assert err.startswith(f"{progress} : "), err
    assert UNEXPECTED not in err
    photo = make(tmp_path / "photo.jpg")
    code, _out, err = _main(
        capsys, "photo", "export", str(photo), "--preset", "instagram", "--out", str(tmp_path / "out")
    )
    assert code == 1
    assert err.startswith(f"{photo} : "), err
    assert UNEXPECTED not in err


def test_a_tutorial_nested_too_deep_is_refused_with_its_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pack = tmp_path / "packs" / "profond"
    pack.mkdir(parents=True)
    (pack / "tutorial.toml").write_text("a = " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    code, out, err = _main(capsys, "content", "check", str(tmp_path / "packs"))
    assert code == 1
    assert UNEXPECTED not in out + err
    assert "profond" in out + err, out + err
    code, out, err = _main(capsys, "content", "list", str(tmp_path / "packs"))
    assert code == 1
    assert UNEXPECTED not in out + err
    assert "content check" in err, "the listing points to the check that names the file"


def _signed_file(path: Path, shop_name: str) -> str:
    """A progress file of a shop with no events yet; returns its verification code."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from lbpmv_desktop.core.progress import bundle
    from lbpmv_desktop.core.progress.identity import public_bytes, verification_code

    key = Ed25519PrivateKey.generate()
    path.write_bytes(
        bundle.write_bundle(key, str(uuid.uuid4()), shop_name, [], ["rien"], "1.0", datetime.now(UTC))
    )
    return verification_code(public_bytes(key))


def test_names_shown_on_the_terminal_carry_no_escape_sequence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    hostile = "Boutique\x1b]0;pirate\x07\x1b[2J\u202eRED"
    progress = tmp_path / "progres\x1b[31m.lbpmv"
    code = _signed_file(progress, hostile)
    status, out, err = _main(
        capsys,
        "--data-dir",
        str(tmp_path / "lbpmv"),
        "progress",
        "import",
        str(progress),
        "--confirm-code",
        code,
    )
    text = out + err
    assert "\x1b" not in text
    assert "\x07" not in text
    assert "\u202e" not in text
    assert "Boutique" in text, text
    missing = tmp_path / "absent\x1b[2J.lbpmv"
    status, out, err = _main(
        capsys, "--data-dir", str(tmp_path / "lbpmv"), "progress", "import", str(missing)
    )
    assert status == 1
    assert "\x1b" not in err
    assert "absent" in err


# -- every UserError has its sentence ----------------------------------------------------------------
def _all_user_errors() -> list[type[UserError]]:
    for module in pkgutil.walk_packages(lbpmv_desktop.__path__, "lbpmv_desktop."):
        if (
            ".ui" in module.name
            or ".migrations" in module.name
            or module.name.endswith(("__main__", "selftest", "app"))
        ):
            continue
        importlib.import_module(module.name)
    found: list[type[UserError]] = []
    todo: list[type[UserError]] = [UserError]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(current.__subclasses__())
    return found


def test_every_user_error_is_printed_with_its_message(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    errors = _all_user_errors()
    assert len(errors) >= 8, errors  # UnsafeFile, BundleRefused, DamagedDatabaseError, PhotoRefused…
    for kind in errors:
        error = kind.__new__(kind)
        Exception.__init__(error, "x")
        error.message = f"Phrase française de {kind.__name__}."

        def fail(_args: object, error: UserError = error) -> int:
            raise error

        monkeypatch.setattr(cli, "_progress", fail)
        code, _out, err = _main(capsys, "progress", "code")
        assert code == 1, kind
        assert UNEXPECTED not in err
        if kind.__name__ == "DamagedDatabaseError":  # said from what the backups folder holds
            assert err.startswith("lbpmv : Le fichier de vos progrès est abîmé."), err
            continue
        assert err.startswith(f"lbpmv : Phrase française de {kind.__name__}."), (kind, err)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (errno.ENOSPC, "le disque est plein"),
        (errno.EFBIG, "le disque est plein"),
        (errno.EROFS, "lecture seule"),
        (errno.EACCES, "pas le droit"),
        (errno.EPERM, "pas le droit"),
        (errno.ENOENT, "introuvable"),
        (errno.EISDIR, "est un dossier"),
        (errno.ENOTDIR, "n'est pas un dossier"),
        (errno.ENAMETOOLONG, "trop long"),
        (errno.EIO, "ne répond pas"),
        (errno.EXDEV, "erreur"),
    ],
)
def test_system_refusals_have_their_french_sentence(number: int, expected: str) -> None:
    sentence = cli.os_error_sentence(OSError(number, os.strerror(number), "/media/CLE/progres.lbpmv"))
    assert expected in sentence
    assert "« /media/CLE/progres.lbpmv »" in sentence
    assert os.strerror(number) not in sentence, "the system's English words never reach the merchant"


def test_sqlite_disk_full_and_read_only_are_recognised_even_wrapped() -> None:
    from sqlalchemy.exc import OperationalError

    full = OperationalError("INSERT …", {}, sqlite3.OperationalError("database or disk is full"))
    assert "plein" in (cli.known_failure(full) or "")
    read_only = sqlite3.OperationalError("attempt to write a readonly database")
    assert "lecture seule" in (cli.known_failure(read_only) or "")
    assert cli.known_failure(RuntimeError("a bug")) is None


def test_a_real_bug_says_unexpected_with_the_log_file_that_holds_its_traceback(tmp_path: Path) -> None:
    root = tmp_path / "lbpmv"
    assert _lbpmv("--data-dir", str(root), "progress", "code").returncode == 0
    script = (
        "import sys; from lbpmv_desktop import cli\n"
        "def bug(*_, **__): raise RuntimeError('un vrai bogue')\n"
        "cli._progress_report = bug\n"
        f"sys.exit(cli.main(['--data-dir', {str(root)!r}, 'progress', 'report']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
        check=False,
    )
    assert result.returncode == 1
    assert UNEXPECTED in result.stderr
    assert "RuntimeError" in result.stderr
    log = root / "lbpmv.log"
    assert f"« {log} »" in result.stderr
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text
    assert "un vrai bogue" in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_a_real_bug_without_a_data_folder_logs_in_the_platform_log_folder(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def bug(_path: object, **_options: object) -> int:
        raise KeyError("un vrai bogue")

    monkeypatch.setattr(cli, "_content_check", bug)
    code, _out, err = _main(capsys, "content", "check")
    assert code == 1
    assert UNEXPECTED in err
    [log] = [p for p in cli.log_files(None) if f"« {p} »" in err]
    assert "un vrai bogue" in log.read_text(encoding="utf-8")


# -- demo data never mixed into real data --------------------------------------------------------------
@pytest.mark.parametrize("command", [("demo", "shop"), ("demo", "programme", "--merchants", "2")])
def test_demo_refuses_a_folder_with_real_progress_unless_forced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: tuple[str, ...]
) -> None:
    paths = DataPaths(tmp_path / "lbpmv").ensure()
    merchant_store(paths.database).close()
    save_settings(paths.settings, Settings(role="merchant"))
    before = sqlite3.connect(paths.database).execute("SELECT count(*) FROM events").fetchone()[0]
    code, _out, err = _main(capsys, "--data-dir", str(paths.root), *command)
    assert code == 1
    assert "vrais progrès" in err
    assert "--force" in err
    assert sqlite3.connect(paths.database).execute("SELECT count(*) FROM events").fetchone()[0] == before
    assert load_settings(paths.settings).role == "merchant", "the role is not changed either"
    code, _out, err = _main(capsys, "--data-dir", str(paths.root), *command, "--force")
    assert code == 0, err
    assert sqlite3.connect(paths.database).execute("SELECT count(*) FROM events").fetchone()[0] > before


def test_demo_fills_an_empty_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = _main(capsys, "--data-dir", str(tmp_path / "lbpmv"), "demo", "shop")
    assert code == 0, err
    assert "Commerce de démonstration prêt" in out


# -- the data folder is private ------------------------------------------------------------------------
@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_a_new_data_folder_and_its_settings_are_private(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "lbpmv").ensure()
    assert stat.S_IMODE(paths.root.stat().st_mode) == 0o700
    save_settings(paths.settings, Settings(sharing_folder="/media/CLE"))
    assert stat.S_IMODE(paths.settings.stat().st_mode) == 0o600
    assert load_settings(paths.settings).sharing_folder == "/media/CLE"
    assert [p.name for p in paths.root.iterdir()] == ["settings.json"], "written atomically, nothing left"


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_an_existing_data_folder_of_ours_is_made_private_with_its_files(tmp_path: Path) -> None:
    root = tmp_path / "lbpmv"
    root.mkdir(mode=0o755)
    root.chmod(0o755)
    for name in ("progress.sqlite", "settings.json", "lbpmv.log"):
        (root / name).write_bytes(b"")
        (root / name).chmod(0o644)
    (root / "backups").mkdir(mode=0o755)
    DataPaths(root).ensure()
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    for name in ("progress.sqlite", "settings.json", "lbpmv.log"):
        assert stat.S_IMODE((root / name).stat().st_mode) == 0o600, name


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_a_chosen_folder_holding_other_things_keeps_its_permissions(tmp_path: Path) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    documents.chmod(0o755)
    for name in ("facture.pdf", "settings.json"):  # a settings.json of another program
        (documents / name).write_bytes(b"{}")
        (documents / name).chmod(0o644)
    data_paths(documents).ensure()
    assert stat.S_IMODE(documents.stat().st_mode) == 0o755, "not ours: left as it is"
    for name in ("facture.pdf", "settings.json"):
        assert stat.S_IMODE((documents / name).stat().st_mode) == 0o644, name


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_hostile_settings_files_give_the_defaults_without_blocking(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path / "settings.json")
    assert load_settings(fifo) == Settings()
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert load_settings(deep) == Settings()
    huge = tmp_path / "huge.json"
    huge.write_text(json.dumps({"text_scale": 150}) + " " * 200_000, encoding="utf-8")
    assert load_settings(huge) == Settings()
    numbers = tmp_path / "numbers.json"
    numbers.write_text('{"text_scale": ' + "9" * 5000 + ', "speech_rate": 1e999}', encoding="utf-8")
    assert load_settings(numbers) == Settings()


def test_a_refused_write_names_the_file_asked_for_not_the_temporary_one(tmp_path: Path) -> None:
    target = tmp_path / "affiche.pdf"
    with pytest.raises(PermissionError) as refused, cli._writing(target):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / ".affiche.pdf.x1y2.tmp"))
    assert f"« {target} »" in cli.os_error_sentence(refused.value)
    with pytest.raises(OSError, match="too large") as full, cli._writing(target):
        raise OSError(errno.EFBIG, "File too large")
    assert cli.os_error_sentence(full.value).startswith(
        f"le disque est plein : impossible d'écrire « {target} »"
    )


def test_huge_numbers_on_the_command_line_are_refused_briefly(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (
        ("--self-test", "--text-size", "9" * 5000),
        ("--self-test", "--screen-size", "9" * 5000 + "x1"),
    ):
        with pytest.raises(SystemExit) as exited:
            cli.main(list(args))
        assert exited.value.code == 2
        err = capsys.readouterr().err
        assert "9" * 30 not in err
        assert "…" in err


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need rights on Windows")
def test_a_link_planted_as_the_log_file_is_never_followed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = DataPaths(tmp_path / "lbpmv").ensure().root
    victim = tmp_path / "victime.txt"
    victim.write_text("intact", encoding="utf-8")
    (root / "lbpmv.log").symlink_to(victim)

    def bug(_store: object, _kind: str, _out: object, **_options: object) -> int:
        raise KeyError("un vrai bogue")

    monkeypatch.setattr(cli, "_progress_report", bug)
    code, _out, err = _main(capsys, "--data-dir", str(root), "progress", "report")
    assert code == 1
    assert UNEXPECTED in err
    assert victim.read_text(encoding="utf-8") == "intact"
    assert f"« {root / 'lbpmv.log'} »" not in err
    [log] = [p for p in cli.log_files(None) if f"« {p} »" in err]
    assert "un vrai bogue" in log.read_text(encoding="utf-8")


def test_an_import_says_what_the_file_brought(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from datetime import timedelta

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from lbpmv_desktop.core.progress import bundle
    from lbpmv_desktop.core.progress.identity import public_bytes, verification_code

    key, shop, now = Ed25519PrivateKey.generate(), str(uuid.uuid4()), datetime.now(UTC)
    first, notice = tmp_path / "premier.lbpmv", tmp_path / "arret.lbpmv"
    first.write_bytes(
        bundle.write_bundle(key, shop, "Les Petits Pas", [], ["rien"], "1.0", now - timedelta(hours=1))
    )
    notice.write_bytes(bundle.write_notice(key, shop, "Les Petits Pas", "stopped", "1.0", now))
    data = ("--data-dir", str(tmp_path / "lbpmv"), "progress", "import")
    code = verification_code(public_bytes(key))
    status, out, err = _main(capsys, *data, str(first), "--confirm-code", code)
    assert status == 0, err
    assert out == f"{first} : 0 nouvel(s) événement(s) de « Les Petits Pas »\n"
    status, out, err = _main(capsys, *data, str(notice))
    assert status == 0, err
    assert out == f"{notice} : « Les Petits Pas » : partage arrêté\n"
    status, out, err = _main(capsys, *data, str(first))
    assert status == 0, err
    assert out == (
        f"{first} : 0 nouvel(s) événement(s) de « Les Petits Pas » : ce fichier (ou un plus récent) a déjà été reçu\n"
    )


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 256 KiB file system (tmpfs), when this account may mount one (root in a container)."""
    if not AS_ROOT or not sys.platform.startswith("linux"):
        pytest.skip("mounting a tmpfs needs root on Linux")
    disk = tmp_path / "disque"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)], capture_output=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip("no tmpfs here")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True, check=False)


def _fill(disk: Path) -> None:
    with contextlib.suppress(OSError), (disk / "remplissage").open("wb", buffering=0) as filler:
        while True:
            filler.write(b"\0" * 4096)


def test_a_really_full_disk_is_said_in_french(capsys: pytest.CaptureFixture[str], tiny_disk: Path) -> None:
    root = tiny_disk / "lbpmv"
    code, _out, err = _main(capsys, "--data-dir", str(root), "demo", "shop")
    assert code == 0, err
    _fill(tiny_disk)
    for args, named in (
        (("progress", "code"), root / "shop-key.pem"),
        (("progress", "report", "--out", str(tiny_disk / "bilan.json")), tiny_disk / "bilan.json"),
    ):
        code, _out, err = _main(capsys, "--data-dir", str(root), *args)
        assert code == 1
        # Either the file cannot be written, or (when the last page went to the filler) the store
        # cannot even make its side files to be read: both say the disk is full, in French.
        wrote = err.startswith(f"lbpmv : le disque est plein : impossible d'écrire « {named} »")
        read = err.startswith("lbpmv : Vos progrès n'ont pas pu être lus : le disque est plein.")
        assert wrote or read, err
        assert UNEXPECTED not in err
    code, _out, err = _main(capsys, "--data-dir", str(tiny_disk / "neuf"), "demo", "shop")
    assert code == 1
    assert "plein" in err, err
    assert UNEXPECTED not in err


@pytest.fixture
def read_only_disk(tiny_disk: Path) -> Path:
    """``tiny_disk`` with a shop's data folder on it, then remounted read-only (EROFS, even for root)."""
    assert cli.main(["--data-dir", str(tiny_disk / "lbpmv"), "demo", "shop"]) == 0
    remounted = subprocess.run(
        ["mount", "-o", "remount,ro", str(tiny_disk)], capture_output=True, check=False
    )
    if remounted.returncode != 0:
        pytest.skip("cannot remount read-only here")
    return tiny_disk


@pytest.mark.parametrize("name", list(DATA_COMMANDS))
def test_a_data_folder_on_a_read_only_disk_is_said_in_french(
    capsys: pytest.CaptureFixture[str], read_only_disk: Path, tmp_path: Path, name: str
) -> None:
    capsys.readouterr()
    code, _out, err = _main(capsys, "--data-dir", str(read_only_disk / "lbpmv"), *_command(name, tmp_path))
    assert code == 1
    assert UNEXPECTED not in err
    assert "lecture seule" in err, err


def test_an_older_notice_replayed_brings_nothing_new(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from datetime import timedelta

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from lbpmv_desktop.core.progress import bundle
    from lbpmv_desktop.core.progress.identity import public_bytes, verification_code

    key, shop, now = Ed25519PrivateKey.generate(), str(uuid.uuid4()), datetime.now(UTC)
    notice, last = tmp_path / "efface.lbpmv", tmp_path / "dernier.lbpmv"
    notice.write_bytes(
        bundle.write_notice(key, shop, "Les Petits Pas", "erased", "1.0", now - timedelta(hours=2))
    )
    last.write_bytes(
        bundle.write_bundle(key, shop, "Les Petits Pas", [], ["rien"], "1.0", now - timedelta(hours=1))
    )
    data = ("--data-dir", str(tmp_path / "lbpmv"), "progress", "import")
    assert _main(capsys, *data, str(last), "--confirm-code", verification_code(public_bytes(key)))[0] == 0
    status, out, err = _main(capsys, *data, str(notice))
    assert status == 0, err
    assert "données effacées" not in out
    assert "déjà été reçu" in out


def test_notices_replayed_out_of_order_say_only_what_they_changed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # The red team's order: a « stopped » notice, a full file, an « active » file written after,
    # then an « erased » notice written three days before all of them.
    from datetime import timedelta

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from lbpmv_desktop.core.progress import bundle
    from lbpmv_desktop.core.progress.events import STEP_DONE, new_event
    from lbpmv_desktop.core.progress.identity import public_bytes, verification_code
    from lbpmv_desktop.core.progress.store import ProgressStore

    key, shop, now = Ed25519PrivateKey.generate(), str(uuid.uuid4()), datetime.now(UTC)
    name = "Les Petits Pas"
    events = [
        new_event(
            STEP_DONE, "poste", tutorial="premiers-pas", step=f"etape-{n}", at=now - timedelta(hours=5 - n)
        )
        for n in range(3)
    ]
    files = {
        "arret.lbpmv": bundle.write_notice(key, shop, name, "stopped", "1.0", now - timedelta(hours=3)),
        "complet.lbpmv": bundle.write_bundle(
            key, shop, name, events, ["rien"], "1.0", now - timedelta(hours=2)
        ),
        "actif.lbpmv": bundle.write_bundle(
            key, shop, name, events, ["rien"], "1.0", now - timedelta(hours=1)
        ),
        "efface.lbpmv": bundle.write_notice(key, shop, name, "erased", "1.0", now - timedelta(days=3)),
    }
    for file_name, data in files.items():
        (tmp_path / file_name).write_bytes(data)
    root = tmp_path / "lbpmv"
    status, out, err = _main(
        capsys,
        "--data-dir",
        str(root),
        "progress",
        "import",
        *(str(tmp_path / n) for n in files),
        "--confirm-code",
        verification_code(public_bytes(key)),
    )
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0].endswith("« Les Petits Pas » : partage arrêté")
    assert lines[1].endswith("3 nouvel(s) événement(s) de « Les Petits Pas »")
    assert lines[2].endswith(" : 0 nouvel(s) événement(s) de « Les Petits Pas »"), lines[2]
    assert "effacées" not in lines[3], lines[3]
    assert lines[3].endswith(": ce fichier (ou un plus récent) a déjà été reçu"), lines[3]
    store = ProgressStore.open(data_paths(str(root)).database)
    try:
        assert len(store.events(shop)) == 3, "the older notice erased nothing"
    finally:
        store.close()


# -- --out never replaces what the app did not write ----------------------------------------------
# Each command that writes --out FICHIER, the extension of what it writes, and how to run it.
OUT_COMMANDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "report csv": (".csv", ("progress", "report", "--format", "csv")),
    "report json": (".json", ("progress", "report", "--format", "json")),
    "report pdf": (".pdf", ("progress", "report", "--format", "pdf")),
    "export": (".lbpmv", ("progress", "export")),
    "poster": (".pdf", ("poster", "--template", "soldes", "--shop", "Chaussons bébé 24,90 €")),
}


def _write_out(root: Path, name: str, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    _suffix, command = OUT_COMMANDS[name]
    data = () if command[0] == "poster" else ("--data-dir", str(root))
    return _lbpmv(*data, *command, "--out", str(out), *extra, env={"QT_QPA_PLATFORM": "offscreen"})


def _not_ours(path: Path) -> Path:
    path.write_bytes(b"important : pas de copie\n")
    return path


def _link_out(path: Path) -> Path:
    outside = path.parent / "ailleurs" / "precieux.txt"
    outside.parent.mkdir()
    outside.write_bytes(b"important : pas de copie\n")
    path.symlink_to(outside)
    return path


def _fifo_out(path: Path) -> Path:
    os.mkfifo(path)
    return path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("name", list(OUT_COMMANDS))
def test_out_never_replaces_a_file_the_app_did_not_write(tmp_path: Path, name: str) -> None:
    suffix, _command = OUT_COMMANDS[name]
    root = tmp_path / "lbpmv"
    assert cli.main(["--data-dir", str(root), "demo", "shop"]) == 0
    targets = {
        "another kind of file": _not_ours(tmp_path / "precieux.xlsx"),
        "a file named like ours": _not_ours(tmp_path / f"precieux{suffix}"),
        "a link to a file elsewhere": _link_out(tmp_path / f"lien{suffix}"),
        "a FIFO": _fifo_out(tmp_path / f"tube{suffix}"),
        "a file without extension": _not_ours(tmp_path / "passwd"),
    }
    for what, target in targets.items():
        before = sorted(p.name for p in tmp_path.iterdir())
        for extra in ((), ("--force",)):
            if what == "a file named like ours" and extra:
                continue  # --force replaces it: see below
            result = _write_out(root, name, target, *extra)
            assert result.returncode == 1, (what, extra, result.stdout, result.stderr)
            [line] = result.stderr.strip().splitlines()
            assert line.startswith("lbpmv : "), line
            assert UNEXPECTED not in line
            assert f"« {target} »" in line, line
            if what != "a FIFO":
                assert target.read_bytes() == b"important : pas de copie\n", (what, extra)
            assert sorted(p.name for p in tmp_path.iterdir()) == before, "nothing written beside"
    refused = _write_out(root, name, targets["a file named like ours"])
    assert "ajoutez --force pour le remplacer, ou choisissez un autre nom" in refused.stderr, refused.stderr
    forced = _write_out(root, name, targets["a file named like ours"], "--force")
    assert forced.returncode == 0, forced.stderr
    assert targets["a file named like ours"].read_bytes() != b"important : pas de copie\n"


@pytest.mark.parametrize("name", list(OUT_COMMANDS))
def test_out_replaces_a_file_the_app_wrote_and_adds_a_missing_extension(tmp_path: Path, name: str) -> None:
    suffix, _command = OUT_COMMANDS[name]
    root = tmp_path / "lbpmv"
    assert cli.main(["--data-dir", str(root), "demo", "shop"]) == 0
    first = _write_out(root, name, tmp_path / "bilan")
    assert first.returncode == 0, first.stderr
    written = tmp_path / f"bilan{suffix}"
    assert first.stdout == f"{written}\n"
    assert not (tmp_path / "bilan").exists()
    old = written.read_bytes()
    os.utime(written, (0, 0))
    again = _write_out(root, name, written)  # next month's report, to the same name
    assert again.returncode == 0, again.stderr
    assert written.stat().st_mtime > 0, "replaced"
    assert written.read_bytes()[:5] == old[:5]
