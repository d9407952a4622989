"""Command line: the app by default, sub-commands for scripting.

Errors are one French line on stderr: exit 1 for refused input, 2 for usage errors. Every
failure the code knows (a ``UserError``, a refusal of the system, a full disk, a read-only
folder, a hostile file) has its sentence; « erreur inattendue » is left for real bugs, whose
traceback goes to the log file named in the message. Start-up imports stay lazy: Qt is only
imported to run the app or the self-test.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from lbpmv_desktop import __version__

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from lbpmv_desktop.core.photo.recipe import Label
    from lbpmv_desktop.paths import DataPaths


_COMMAND = "COMMANDE"  # the metavar of every list of sub-commands

# argparse's own English messages, as they reach ArgumentParser.error(), and their French.
# Anything else that reaches error() is a message of ours (a ``type=`` check), already French.
_ARGPARSE_ERRORS: tuple[tuple[str, str], ...] = (
    (rf"the following arguments are required: {_COMMAND}", "il manque la commande"),
    (r"the following arguments are required: (?P<names>.+)", "il manque {names}"),
    (r"unrecognized arguments: (?P<names>.+)", "argument(s) en trop ou inconnu(s) : {names}"),
    (
        r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)",
        "« {option} » est ambigu : il peut vouloir dire {matches}",
    ),
    (r"one of the arguments (?P<names>.+) is required", "il faut l'un de ces arguments : {names}"),
)
_ARGUMENT_ERRORS: tuple[tuple[str, str], ...] = (
    (
        r"invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)",
        "{name} : « {value} » n'est pas possible (choix : {choices})",
    ),
    (r"expected one argument", "{name} attend une valeur"),
    (r"expected at least one argument", "{name} attend au moins une valeur"),
    (r"expected at most one argument", "{name} attend au plus une valeur"),
    (r"expected (?P<count>\d+) arguments?", "{name} attend {count} valeurs"),
    (r"invalid (?P<type>\S+) value: (?P<value>.+)", "{name} : « {value} » n'est pas une valeur possible"),
    (r"not allowed with argument (?P<other>.+)", "{name} ne va pas avec {other}"),
    (r"ignored explicit argument (?P<value>.+)", "{name} n'attend pas de valeur (ici « {value} »)"),
)


def _unquote(text: str) -> str:
    """``'a', 'b'`` (how argparse quotes values and choices) → ``a, b``."""
    return re.sub(r"'([^']*)'", r"\1", text)


def _values(found: re.Match[str]) -> dict[str, str]:
    values = {key: _unquote(value) for key, value in found.groupdict().items()}
    if "names" in values:  # "--preset, --out" → "--preset et --out"
        values["names"] = " et ".join(values["names"].rsplit(", ", 1))
    return values


def _french(message: str) -> str:
    """argparse's English error message in French; ours pass through unchanged."""
    for pattern, french in _ARGPARSE_ERRORS:
        found = re.fullmatch(pattern, message, flags=re.DOTALL)
        if found:
            return french.format(**_values(found))
    found = re.fullmatch(r"argument (?P<name>[^:]+): (?P<message>.+)", message, flags=re.DOTALL)
    if not found:
        return message
    name, inner = found["name"], found["message"]
    for pattern, french in _ARGUMENT_ERRORS:
        matched = re.match(pattern, inner, flags=re.DOTALL)
        if matched and name == _COMMAND and "choices" in pattern:
            return "« {value} » n'est pas une commande (choix : {choices})".format(**_values(matched))
        if matched:
            return french.format(name=name.replace("/", " ou "), **_values(matched))
    return f"{name.replace('/', ' ou ')} : {inner}"


class _Formatter(argparse.HelpFormatter):
    """French help: « Utilisation : » and headings with their space before the colon."""

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "Utilisation : " if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        super().start_section(f"{heading}\u00a0" if heading else heading)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks French: help, headings, usage and errors.

    A usage error prints the French usage and one French line on stderr, and exits 2.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")

    def error(self, message: str) -> NoReturn:
        self.fail(_french(message))

    def fail(self, message: str) -> NoReturn:
        """Exit 2 with the usage and ``message`` (French), pointing to the help."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : {message.rstrip('.')}. Pour l'aide : « {self.prog} --help ».\n")


class _UsageError(Exception):
    """A usage error found after parsing: ``command`` names the sub-command whose usage to show."""

    def __init__(self, message: str, *command: str) -> None:
        super().__init__(message)
        self.message, self.command = message, command


# -- failures in French ---------------------------------------------------------------------------
# The data folder of the command being run (for the log file and for SQLite's messages, which
# name no file).
_data_root: Path | None = None


def shown(text: object, limit: int = 300) -> str:
    """``text`` (a name from outside: a file name, a shop name) safe for the terminal: no escape
    sequence, no direction override, not longer than ``limit``."""
    from lbpmv_desktop.core.cleantext import clean_text

    return clean_text(str(text), limit=limit)


def _named(filename: object) -> str:
    return f" « {shown(filename)} »" if filename not in (None, "") else ""


def os_error_sentence(error: OSError) -> str:
    """The French sentence (with what to do) for a refusal of the system, by its errno."""
    # A two-path call (replace, link: a temporary file onto the target) names the target second.
    name = _named(error.filename2 or error.filename)
    number = error.errno
    if number in (errno.ENOSPC, getattr(errno, "EDQUOT", -1), errno.EFBIG):
        return (
            f"le disque est plein : impossible d'écrire{name}. Libérez de la place (ou choisissez "
            "un autre endroit), puis réessayez."
        )
    if number == errno.EROFS:
        return (
            f"l'emplacement{name} est en lecture seule : rien n'a pu y être écrit. Choisissez un autre "
            "endroit (ou enlevez la protection contre l'écriture de la clé USB), puis réessayez."
        )
    if number in (errno.EACCES, errno.EPERM):
        return (
            f"votre compte n'a pas le droit de lire ou d'écrire{name} (dossier en lecture seule ?). "
            "Choisissez un autre endroit, ou demandez ce droit, puis réessayez."
        )
    if number == errno.ENOENT:
        return (
            f"{name.strip() or 'le fichier ou le dossier'} est introuvable : vérifiez le nom, ou "
            "rebranchez le disque ou la clé USB où il se trouve, puis réessayez."
        )
    if number == errno.EISDIR:
        return f"{name.strip()} est un dossier : donnez le nom d'un fichier.".lstrip()
    if number in (errno.ENOTDIR, errno.EEXIST):
        return (
            f"{name.strip()} n'est pas un dossier (c'est un fichier) : choisissez un autre endroit.".lstrip()
        )
    if number == errno.ENAMETOOLONG:
        return f"le nom{name} est trop long pour ce disque : choisissez un nom plus court."
    if number in (errno.EIO, errno.ENXIO, errno.ENODEV):
        return (
            f"le disque ne répond pas{(' pour' + name) if name else ''} : une clé USB a peut-être été "
            "retirée. Rebranchez-la, puis réessayez."
        )
    if number == errno.ELOOP:
        return f"{name.strip()} est un lien qui tourne en rond : choisissez un vrai fichier.".lstrip()
    if number == errno.EPIPE:
        return "la sortie a été fermée avant la fin."
    detail = f" (erreur {number})" if number else ""
    return f"le système a refusé d'ouvrir ou d'écrire{name}{detail}. Vérifiez l'emplacement, puis réessayez."


def sqlite_error_sentence(error: BaseException) -> str | None:
    """The French sentence for what SQLite says about the data folder, or None if unknown."""
    text = str(error).lower()
    where = f" « {shown(_data_root)} »" if _data_root is not None else ""
    if "disk is full" in text or "database or disk is full" in text:
        return (
            f"le disque du dossier de vos données{where} est plein : rien n'a été enregistré. "
            "Libérez de la place, puis réessayez."
        )
    if "readonly" in text or "read-only" in text or "unable to open database" in text:
        return (
            f"le dossier de vos données{where} est en lecture seule ou inaccessible : rien n'a pu y "
            "être enregistré. Donnez à votre compte le droit d'y écrire (ou choisissez un autre "
            "dossier avec --data-dir), puis réessayez."
        )
    if "locked" in text or "busy" in text:
        return (
            "vos données sont occupées par l'application ouverte en même temps : fermez-la, puis réessayez."
        )
    if "disk i/o error" in text:
        return (
            f"le disque du dossier de vos données{where} ne répond pas (une clé USB retirée ?) : "
            "rebranchez-le, puis réessayez."
        )
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return damaged_sentence(not_regular=False)
    return None


def damaged_sentence(*, not_regular: bool) -> str:
    """What is wrong with the progress file and what can be done, true to what the data folder
    holds: the backup is promised only when ``latest_good_backup`` finds one (as the app does)."""
    from lbpmv_desktop.paths import DataPaths

    what = (
        "Le fichier de vos progrès n'est pas un fichier ordinaire (un dossier ou un fichier spécial "
        "porte son nom) : il n'a pas été ouvert."
        if not_regular
        else "Le fichier de vos progrès est abîmé."
    )
    good, when = None, None
    if _data_root is not None:
        with contextlib.suppress(Exception):  # looking must not hide the damage: then none is promised
            from lbpmv_desktop.core.progress import backup

            good = backup.latest_good_backup(DataPaths(_data_root).backups)
            when = backup.backup_time(good) if good is not None else None
    if good is not None:
        date = f" du {when:%d/%m/%Y %H:%M}" if when is not None else ""
        return (
            f"{what} La dernière sauvegarde correcte{date} peut le remplacer. Ouvrez l'application "
            "(« lbpmv » sans commande) : elle le propose (le fichier abîmé est mis de côté, rien "
            "n'est effacé)."
        )
    where = f" « {shown(DataPaths(_data_root).database)} »" if _data_root is not None else ""
    return (
        f"{what} Il n'y a pas encore de copie pour le remplacer : le fichier{where} est gardé tel "
        "quel, rien n'y a été changé. Appelez votre animateur."
    )


def _causes(error: BaseException) -> Iterator[BaseException]:
    """``error``, then what it wraps (``__cause__``, ``__context__``, SQLAlchemy's ``orig``)."""
    seen: set[int] = set()
    todo: list[BaseException] = [error]
    while todo:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo.extend(
            wrapped
            for wrapped in (getattr(current, "orig", None), current.__cause__, current.__context__)
            if isinstance(wrapped, BaseException)
        )


def known_failure(error: BaseException) -> str | None:
    """The French sentence for a failure the code knows, or None for a real bug."""
    import sqlite3

    from lbpmv_desktop.core.errors import UserError

    for cause in _causes(error):
        if type(cause).__name__ == "DamagedDatabaseError":  # its message promises a backup
            return damaged_sentence(not_regular=bool(getattr(cause, "not_regular", False)))
        if isinstance(cause, UserError):
            return shown(cause.message, limit=2000)
    for cause in _causes(error):
        if isinstance(cause, sqlite3.Error):
            sentence = sqlite_error_sentence(cause)
            if sentence:
                return sentence
        if isinstance(cause, OSError):
            return os_error_sentence(cause)
        if isinstance(cause, MemoryError):
            return "la mémoire de l'ordinateur ne suffit pas : fermez d'autres programmes, puis réessayez."
        if type(cause).__name__ == "OperationalError":  # SQLAlchemy's, without its sqlite3 error
            sentence = sqlite_error_sentence(cause)
            if sentence:
                return sentence
    return None


class _FileRefused(Exception):
    """A file given on the command line could not be parsed (nested too deep, impossible values)."""


def _file_refusal(name: str, error: BaseException) -> str:
    """The line that says why one file of a batch was refused (the others are still tried)."""
    if isinstance(error, _FileRefused):
        return str(error)  # already names the file
    if isinstance(error, OSError):
        return f"{shown(name)} : {os_error_sentence(error)}"
    return f"{shown(name)} : {shown(getattr(error, 'message', str(error)), 2000)}"


@contextlib.contextmanager
def _parsing(name: object) -> Iterator[None]:
    """Turn what a hostile file makes a parser raise (RecursionError, ValueError, OverflowError)
    into the refusal of that file, named; the traceback is logged in case it was a bug."""
    try:
        yield
    except (RecursionError, ValueError, OverflowError) as error:
        if known_failure(error) is None:
            log_unexpected(error)
            raise _FileRefused(
                f"« {shown(name)} » est refusé : son contenu est mal formé (trop imbriqué, ou des "
                "valeurs impossibles)."
            ) from error
        raise


@contextlib.contextmanager
def _writing(target: object) -> Iterator[None]:
    """Name ``target`` in a refusal of the system that names no file (a ``write()`` past the end
    of the disk says nothing about where) or only the temporary file written before it."""
    try:
        yield
    except OSError as error:
        if not error.filename or (not error.filename2 and str(error.filename).endswith(".tmp")):
            error.filename = str(target)
        raise


def log_files(paths: DataPaths | None) -> list[Path]:
    """Where to log, best first: the data folder's log, the platform's log folder, a temporary file."""
    import os
    import tempfile

    import platformdirs

    candidates = [paths.log] if paths is not None else []
    with contextlib.suppress(Exception):
        candidates.append(Path(platformdirs.user_log_dir("lbpmv", appauthor=False)) / "lbpmv.log")
    user = getattr(os, "getuid", lambda: "")()
    candidates.append(Path(tempfile.gettempdir()) / f"lbpmv-{user}.log")
    return candidates


def _ours_to_append(path: Path) -> bool:
    """``path`` is missing, or a regular file (not a link) of this account."""
    import os
    import stat

    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return True
    owner = getattr(os, "geteuid", None)
    return stat.S_ISREG(info.st_mode) and (owner is None or info.st_uid == owner())


def log_handler(paths: DataPaths | None) -> tuple[Any, Path] | None:
    """A small rotating log file handler on the first of ``log_files`` that can be written
    (created private), and its path; None when none could be opened."""
    import logging
    import os
    from logging.handlers import RotatingFileHandler

    for path in log_files(paths):
        try:
            if paths is None or path.parent != paths.root:
                path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not _ours_to_append(path):
                continue  # never follow a link, open a FIFO or write in a file planted by another account
            handler = RotatingFileHandler(path, maxBytes=512_000, backupCount=2, encoding="utf-8")
        except OSError:
            continue
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        return handler, path
    return None


def log_unexpected(error: BaseException) -> Path | None:
    """Write ``error``'s traceback to the log file (the data folder's when known); returns its path."""
    import logging

    from lbpmv_desktop.paths import DataPaths

    paths = DataPaths(_data_root) if _data_root is not None and _data_root.is_dir() else None
    found = log_handler(paths)
    if found is None:
        return None
    handler, path = found
    try:
        record = logging.LogRecord(
            "lbpmv", logging.ERROR, __file__, 0, "lbpmv %s: %s", (__version__, type(error).__name__), None
        )
        record.exc_info = (type(error), error, error.__traceback__)
        handler.handle(record)
    finally:
        handler.close()
    return path


def _say(line: str, *, error: bool = False) -> None:
    stream = sys.stderr if error else sys.stdout
    if stream is not None:  # None in the windowed Windows build
        print(line, file=stream)


def _sub_commands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction[Any] | None:
    return next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)


def walk(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command and sub-command: ``((), lbpmv)``, ``(("photo",), …)``, ``(("photo", "export"), …)``…"""
    yield path, parser
    sub = _sub_commands(parser)
    for name, child in sub.choices.items() if sub is not None else ():
        yield from walk(child, (*path, name))


def _cut(text: str, limit: int = 24) -> str:
    """A value typed on the command line, short enough to quote in a message."""
    return text if len(text) <= limit else text[:limit] + "…"


def _int_in(low: int, high: int) -> Callable[[str], int]:
    def check(text: str) -> int:
        if len(text.strip()) > 12:  # far out of any range (and int() refuses over 4300 digits)
            raise argparse.ArgumentTypeError(f"de {low} à {high}, pas « {_cut(text)} »")
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"« {_cut(text)} » n'est pas un nombre entier") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"de {low} à {high}, pas {value}")
        return value

    return check


# The label styles and places of the studio (core/photo/recipe.py LABEL_STYLES; tested equal),
# written here so that the parser imports nothing from the photo code.
LABEL_STYLES = ("sombre", "clair", "prix")
LABEL_PLACES = {"haut": 0.12, "milieu": 0.5, "bas": 0.88}

SCREEN_MIN, SCREEN_MAX = (640, 480), (7680, 4320)

_FORCE_HELP = (
    "remplacer FICHIER s'il existe déjà. Sans --force, seul un fichier que l'application a "
    "écrit est remplacé (par exemple le bilan du mois dernier, refait sous le même nom). Jamais "
    "remplacés, même avec --force : un lien, un dossier, un fichier spécial, un fichier d'une "
    "autre extension"
)


def _screen_size(text: str) -> tuple[int, int]:
    found = re.fullmatch(r"\s*(\d+)\s*[x×X]\s*(\d+)\s*", text)
    if not found:
        raise argparse.ArgumentTypeError(
            f"« {_cut(text)} » n'est pas une taille : écrivez LARGEURxHAUTEUR, par exemple 1024x768"
        )
    if len(found[1]) > 5 or len(found[2]) > 5:
        raise argparse.ArgumentTypeError(
            f"de {SCREEN_MIN[0]}x{SCREEN_MIN[1]} à {SCREEN_MAX[0]}x{SCREEN_MAX[1]}, pas « {_cut(text)} »"
        )
    width, height = int(found[1]), int(found[2])
    if not (SCREEN_MIN[0] <= width <= SCREEN_MAX[0] and SCREEN_MIN[1] <= height <= SCREEN_MAX[1]):
        raise argparse.ArgumentTypeError(
            f"de {SCREEN_MIN[0]}x{SCREEN_MIN[1]} à {SCREEN_MAX[0]}x{SCREEN_MAX[1]}, pas {width}x{height}"
        )
    return width, height


def _parser() -> _Parser:
    from lbpmv_desktop.settings import TEXT_SCALE_MAX, TEXT_SCALE_MIN

    parser = _Parser(
        prog="lbpmv",
        description="Le Bon Pour Ma Ville : vos premiers pas en ligne. Sans commande, ouvre l'application.",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DOSSIER",
        help=(
            "dossier des données (par défaut : celui de l'utilisateur) ; créé s'il manque, mais "
            "seulement dans un dossier qui existe (une clé USB débranchée est signalée)"
        ),
    )
    parser.add_argument(
        "--version", action="version", version=f"lbpmv {__version__}", help="afficher la version et quitter"
    )
    parser.add_argument(
        "--self-test", action="store_true", help="ouvre chaque écran hors écran et vérifie tout"
    )
    parser.add_argument(
        "--screenshots", metavar="DOSSIER", help="avec --self-test : enregistre une capture de chaque écran"
    )
    parser.add_argument(
        "--screen-size",
        metavar="LxH",
        type=_screen_size,
        help="avec --self-test : la taille de l'écran à essayer, par exemple 1024x768",
    )
    parser.add_argument(
        "--text-size",
        metavar="N",
        type=_int_in(TEXT_SCALE_MIN, TEXT_SCALE_MAX),
        help=f"avec --self-test : la taille du texte en %%, de {TEXT_SCALE_MIN} à {TEXT_SCALE_MAX}",
    )
    commands = parser.add_subparsers(
        title="commandes", dest="command", metavar=_COMMAND, parser_class=_Parser
    )

    def group(parent: argparse._SubParsersAction[Any], name: str, help_text: str) -> Any:
        sub = parent.add_parser(name, help=help_text, description=help_text[:1].upper() + help_text[1:] + ".")
        return sub.add_subparsers(
            title="commandes", dest=f"{name}_command", metavar=_COMMAND, required=True, parser_class=_Parser
        )

    def command(parent: argparse._SubParsersAction[Any], name: str, help_text: str) -> Any:
        return parent.add_parser(
            name, help=help_text, description=help_text[:1].upper() + help_text[1:] + "."
        )

    content_commands = group(commands, "content", "vérifier, lister ou imprimer les tutoriels")
    check = command(content_commands, "check", "vérifier un tutoriel ou un dossier de tutoriels")
    check.add_argument(
        "path",
        nargs="?",
        metavar="CHEMIN",
        help="le tutoriel ou le dossier (par défaut : ceux de l'application)",
    )
    check.add_argument(
        "--stats",
        action="store_true",
        help="afficher aussi, par étape et par tutoriel, les mots, les phrases et la lisibilité",
    )
    listing = command(content_commands, "list", "lister les tutoriels")
    listing.add_argument("--json", action="store_true", help="au format JSON")
    listing.add_argument(
        "path",
        nargs="?",
        metavar="CHEMIN",
        help="le dossier des tutoriels (par défaut : ceux de l'application)",
    )
    memo = command(content_commands, "memo", "imprimer l'aide-mémoire d'un tutoriel (une page A4 en PDF)")
    memo.add_argument(
        "tutorial", metavar="TUTORIEL", help="l'identifiant du tutoriel (voir « content list »)"
    )
    memo.add_argument(
        "--out",
        required=True,
        metavar="FICHIER.pdf",
        help="le fichier PDF à écrire (« .pdf » est ajouté s'il manque)",
    )
    memo.add_argument("--force", action="store_true", help="remplacer le fichier s'il existe déjà")
    memo.add_argument("--shop", metavar="NOM", help="le nom du magasin à écrire en haut de la page")
    shots = command(
        content_commands,
        "screenshots",
        "refaire les captures de l'application utilisées par les tutoriels (images/ecran-*.png)",
    )
    shots.add_argument(
        "path",
        nargs="?",
        metavar="CHEMIN",
        help="le tutoriel ou le dossier de tutoriels (par défaut : ceux de l'application)",
    )
    photo_commands = group(commands, "photo", "préparer des photos")
    export = command(photo_commands, "export", "préparer des photos pour une destination")
    export.add_argument("files", nargs="+", metavar="FICHIER", help="les photos à préparer")
    export.add_argument(
        "--preset", required=True, metavar="NOM", help="la destination : instagram, facebook, leboncoin…"
    )
    export.add_argument(
        "--out", required=True, metavar="DOSSIER", help="le dossier où écrire les photos prêtes"
    )
    export.add_argument("--auto", action="store_true", help="améliorer automatiquement")
    export.add_argument(
        "--text", metavar="TEXTE", help="écrire ce texte (un prix, quelques mots) sur chaque photo"
    )
    export.add_argument(
        "--text-style",
        choices=LABEL_STYLES,
        help="avec --text : sombre (bandeau sombre, par défaut), clair (bandeau clair) ou prix (étiquette de prix)",
    )
    export.add_argument(
        "--text-size",
        dest="label_size",
        metavar="N",
        type=_int_in(50, 200),
        help="avec --text : la taille du texte en %%, de 50 à 200 (100 par défaut)",
    )
    export.add_argument(
        "--text-place",
        choices=tuple(LABEL_PLACES),
        help="avec --text : en haut, au milieu ou en bas (par défaut) de la photo",
    )
    poster = command(commands, "poster", "faire une affiche pour la vitrine (PDF)")
    poster.add_argument("--list", action="store_true", help="lister les modèles d'affiche")
    poster.add_argument("--template", metavar="MODÈLE", help="le modèle d'affiche (voir --list)")
    poster.add_argument("--shop", metavar="TEXTE", help="le nom du commerce")
    poster.add_argument("--phone", metavar="TEXTE", default="", help="le téléphone")
    poster.add_argument("--hours", metavar="TEXTE", default="", help="les horaires")
    poster.add_argument("--address", metavar="TEXTE", default="", help="l'adresse")
    poster.add_argument("--message", metavar="TEXTE", default="", help="le message de l'affiche")
    poster.add_argument("--url", metavar="ADRESSE", default="", help="l'adresse du site (un code QR y mène)")
    poster.add_argument("--photo", metavar="FICHIER", default="", help="une photo")
    poster.add_argument("--logo", metavar="FICHIER", default="", help="le logo du commerce")
    poster.add_argument(
        "--size", choices=("a4", "a3"), default="a4", help="le format du papier (a4 par défaut)"
    )
    poster.add_argument("--landscape", action="store_true", help="à l'italienne (en largeur)")
    poster.add_argument(
        "--theme",
        metavar="COULEURS",
        default="modele",
        help="les couleurs (voir --list ; « modele » par défaut)",
    )
    poster.add_argument(
        "--out", metavar="FICHIER.pdf", help="le fichier PDF à écrire (« .pdf » est ajouté s'il manque)"
    )
    poster.add_argument("--force", action="store_true", help=_FORCE_HELP)
    progress_commands = group(commands, "progress", "partager les progrès avec l'animateur")
    command(progress_commands, "code", "afficher le code de vérification de ce commerce")
    export_progress = command(progress_commands, "export", "écrire le fichier de progrès de ce commerce")
    export_progress.add_argument(
        "--out",
        required=True,
        metavar="FICHIER.lbpmv",
        help="le fichier à écrire (« .lbpmv » est ajouté s'il manque)",
    )
    export_progress.add_argument("--force", action="store_true", help=_FORCE_HELP)
    import_progress = command(progress_commands, "import", "importer des fichiers de progrès")
    import_progress.add_argument("files", nargs="+", metavar="FICHIER", help="les fichiers de progrès")
    import_progress.add_argument("--confirm-code", metavar="CODE", help="le code affiché chez le commerçant")
    report = command(progress_commands, "report", "le bilan du programme")
    report.add_argument(
        "--format", choices=("json", "csv", "pdf"), default="json", help="json (par défaut), csv ou pdf"
    )
    report.add_argument(
        "--out",
        metavar="FICHIER",
        help="le fichier à écrire, en .json, .csv ou .pdf selon --format (ajouté s'il manque ; "
        "obligatoire pour pdf)",
    )
    report.add_argument("--force", action="store_true", help=_FORCE_HELP)
    demo_commands = group(commands, "demo", "remplir cette installation avec des données de démonstration")
    demo_shop = command(demo_commands, "shop", "un commerce avec plusieurs semaines de progrès")
    programme = command(demo_commands, "programme", "un animateur qui suit plusieurs commerces")
    for demo in (demo_shop, programme):
        demo.add_argument(
            "--force",
            action="store_true",
            help="ajouter la démonstration même si le dossier contient déjà de vrais progrès",
        )
    programme.add_argument(
        "--merchants",
        type=_int_in(1, 5000),
        default=12,
        metavar="N",
        help="le nombre de commerces (12 par défaut)",
    )
    return parser


def _open_store(data_dir: str | None) -> Any:
    from lbpmv_desktop.core.progress.store import ProgressStore
    from lbpmv_desktop.paths import data_paths

    global _data_root
    paths = data_paths(data_dir)
    _data_root = paths.root
    paths.ensure()
    return paths, ProgressStore.open(paths.database)


# -- files written with --out --------------------------------------------------------------------
# What each --out holds, by extension: the words for a refusal and how to tell a file this app
# wrote (which may be replaced without --force: the same report, re-run to the same name).
_KINDS_OUT = {
    ".csv": "le bilan CSV",
    ".json": "le bilan JSON",
    ".pdf": "le PDF",
    ".lbpmv": "le fichier de progrès",
}
_HEAD_BYTES = 64 * 1024  # the start of a file is enough to recognise ours (PDF: its XMP packet)
_MAX_OURS_JSON = 32 * 1024 * 1024


def _read_existing(path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes from the start of the regular file ``path`` (never a link)."""
    import os

    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:
        return b""
    with os.fdopen(descriptor, "rb") as stream:
        return stream.read(limit)


def _ours_csv(head: bytes, new: bytes) -> bool:
    first = head.split(b"\n", 1)[0].strip()
    return bool(first) and first == new.split(b"\n", 1)[0].strip()


def _ours_json(path: Path) -> bool:
    data = _read_existing(path, _MAX_OURS_JSON + 1)
    if len(data) > _MAX_OURS_JSON:
        return False
    try:
        rows = json.loads(data)
    except (ValueError, RecursionError):
        return False
    return isinstance(rows, list) and all(
        isinstance(row, dict) and {"id", "shop"} <= row.keys() for row in rows
    )


def _ours_pdf(head: bytes) -> bool:
    # Qt writes an uncompressed XMP packet at the start; ours carry the app's name in it (the
    # report's title, the poster's creator tool).
    return head.startswith(b"%PDF-") and b'pdf:Producer="Qt ' in head and b"Le Bon Pour Ma Ville" in head


def _ours_progress(path: Path, key: Any) -> bool:
    """A progress file of this very shop (its signature checked): an earlier export of ours."""
    from lbpmv_desktop.core.progress.bundle import MAX_FILE_BYTES, open_progress_file
    from lbpmv_desktop.core.progress.identity import public_bytes

    data = _read_existing(path, MAX_FILE_BYTES + 1)
    if key is None or len(data) > MAX_FILE_BYTES:
        return False
    try:
        opened = open_progress_file(data)
    except Exception:  # anything refused is not ours
        return False
    return bool(opened.manifest.public_key == public_bytes(key))


def out_target(out: str, suffix: str, *, force: bool, new: bytes = b"", key: Any = None) -> Path:
    """The file to write for ``--out out``, or a refusal (``_FileRefused``) before anything is
    written. ``suffix`` is the extension of what is written (added when the name has none).

    An existing entry is replaced only when it is a regular file (never a link, a FIFO, a device)
    with the right extension, and either the app wrote it (``new``: the first line a CSV starts
    with; ``key``: the shop whose progress file it is) or ``force`` is given.
    """
    import os
    import stat

    path = Path(out)
    for attempt in (0, 1):
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            info = None
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
        if info is not None and not stat.S_ISREG(info.st_mode):
            raise _FileRefused(
                f"« {shown(path)} » existe déjà et n'est pas un fichier ordinaire (un lien, un tube "
                "ou un fichier spécial) : il n'a pas été touché, rien n'a été écrit. Choisissez un "
                "autre nom."
            )
        if info is None and attempt == 0 and not path.suffix and path.name.rstrip("."):
            path = path.with_name(path.name.rstrip(".") + suffix)  # « bilan » → « bilan.csv »
            continue
        break
    if path.suffix.lower() != suffix:
        state = "existe déjà et n'a pas été touché" if info is not None else "n'a pas été écrit"
        raise _FileRefused(
            f"« {shown(path)} » {state} : {_KINDS_OUT[suffix]} s'écrit dans un fichier {suffix}. "
            f"Choisissez un nom qui se termine par {suffix}."
        )
    if info is None or force:
        return path
    head = _read_existing(path, _HEAD_BYTES)
    ours = {
        ".csv": lambda: _ours_csv(head, new),
        ".json": lambda: _ours_json(path),
        ".pdf": lambda: _ours_pdf(head),
        ".lbpmv": lambda: _ours_progress(path, key),
    }[suffix]()
    if ours:
        return path
    what = "un fichier de progrès de ce commerce" if suffix == ".lbpmv" else "un fichier de l'application"
    raise _FileRefused(
        f"« {shown(path)} » existe déjà (et ce n'est pas {what}) : ajoutez --force "
        "pour le remplacer, ou choisissez un autre nom. Rien n'a été écrit."
    )


def _catalogue() -> Any:
    from lbpmv_desktop.core.tutorials.loader import load_catalogue

    return load_catalogue(_content_root(None), thorough=False)[0]


def _progress(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from lbpmv_desktop.core.progress.identity import load_or_create_key, public_bytes, verification_code

    paths, store = _open_store(args.data_dir)
    try:
        if args.progress_command in ("code", "export"):
            with _writing(paths.shop_key):  # made at the first code or export
                key = load_or_create_key(paths.shop_key)
        if args.progress_command == "code":
            _say(verification_code(public_bytes(key)))
            return 0
        if args.progress_command == "export":
            from lbpmv_desktop.core.fileio import write_bytes_atomic
            from lbpmv_desktop.core.progress.sharing import export_bundle

            with _writing(args.out):
                target = out_target(args.out, ".lbpmv", force=args.force, key=key)
            data = export_bundle(store, key, _catalogue(), __version__, datetime.now(UTC))
            with _writing(target):
                write_bytes_atomic(target, data)
            _say(shown(target))
            return 0
        if args.progress_command == "import":
            return _progress_import(store, args.files, args.confirm_code)
        return _progress_report(store, args.format, args.out, force=args.force)
    finally:
        store.close()


def _progress_import(store: Any, files: list[str], code: str | None) -> int:
    from datetime import UTC, datetime

    from lbpmv_desktop.core.fileio import UnsafeFile
    from lbpmv_desktop.core.progress.bundle import BundleRefused, read_progress_file
    from lbpmv_desktop.core.progress.sharing import import_bundle

    catalogue, failures = _catalogue(), 0
    for name in files:
        path = Path(name)
        try:
            with _parsing(name):
                result = import_bundle(
                    store, read_progress_file(path), catalogue, datetime.now(UTC), confirm_code=code
                )
        except (BundleRefused, UnsafeFile, _FileRefused, OSError) as error:  # this file only
            _say(_file_refusal(name, error), error=True)
            failures += 1
            continue
        _say(f"{shown(name)} : {_import_outcome(result)}")
    return 1 if failures else 0


def _import_outcome(result: Any) -> str:
    """What one imported file brought, in the dashboard's words. An older file (or this one
    again) changes no state: whatever its notice says, nothing new came."""
    shop = f"« {shown(result.shop_name)} »"
    if not result.new_events and not getattr(result, "newest", True):
        return f"0 nouvel(s) événement(s) de {shop} : ce fichier (ou un plus récent) a déjà été reçu"
    sharing = getattr(result, "sharing", "active")
    if sharing == "stopped":
        return f"{shop} : partage arrêté"
    if sharing == "erased":
        return f"{shop} : données effacées par le commerçant"
    return f"{result.new_events} nouvel(s) événement(s) de {shop}"


def _progress_report(store: Any, kind: str, out: str | None, *, force: bool = False) -> int:
    from lbpmv_desktop.core.progress.report import csv_report, shops_report

    if kind == "pdf":
        if not out:
            raise _UsageError("le bilan en PDF a besoin de --out FICHIER.pdf", "progress", "report")
        from lbpmv_desktop.ui.reports import write_pdf_report

        with _writing(out):
            target = out_target(out, ".pdf", force=force)
        with _writing(target):
            write_pdf_report(store, target)
        _say(shown(target))
        return 0
    text = (
        json.dumps(shops_report(store), ensure_ascii=False, indent=1) + "\n"
        if kind == "json"
        else csv_report(store)
    )
    if out:
        from lbpmv_desktop.core.fileio import write_text_atomic

        with _writing(out):
            target = out_target(out, f".{kind}", force=force, new=text.encode("utf-8"))
        with _writing(target):
            write_text_atomic(target, text)
        _say(shown(target))
    elif sys.stdout is not None:  # None in the windowed Windows build
        sys.stdout.write(text)
    return 0


def _demo(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from lbpmv_desktop.core.progress.demo import fill_demo_programme, fill_demo_shop

    paths, store = _open_store(args.data_dir)
    try:
        # Both refuse (RealDataPresent) a folder that holds a merchant's or a shop's real progress.
        if args.demo_command == "shop":
            count = fill_demo_shop(store, _catalogue(), datetime.now(UTC), force=args.force)
            print(
                f"Commerce de démonstration prêt : {count} nouvel(s) événement(s), {store.count()} en tout."
            )
        else:
            count = fill_demo_programme(
                store, _catalogue(), args.merchants, datetime.now(UTC), force=args.force
            )
            from dataclasses import replace

            from lbpmv_desktop.settings import load_settings, save_settings

            with _writing(paths.settings):
                save_settings(paths.settings, replace(load_settings(paths.settings), role="animator"))
            print(f"Programme de démonstration prêt : {args.merchants} commerces, {count} événements.")
        return 0
    finally:
        store.close()


def _poster(args: argparse.Namespace) -> int:
    from lbpmv_desktop.core.poster.model import TEMPLATES, THEMES, Poster, PosterRefused

    if args.list:
        for template in TEMPLATES.values():
            print(f"{template.name:<20} {template.label}")
        print("\ncouleurs (--theme) :")
        for theme in THEMES.values():
            print(f"{theme.name:<20} {theme.label}")
        return 0
    if not args.template or args.shop is None or not args.out:
        raise _UsageError("il faut --template, --shop et --out (ou --list)", "poster")
    if args.theme not in THEMES:
        choices = ", ".join(THEMES)
        raise _UsageError(f"--theme : « {args.theme} » n'est pas possible (choix : {choices})", "poster")
    poster = Poster(template=args.template, shop=args.shop, phone=args.phone, hours=args.hours, address=args.address,
                    message=args.message, url=args.url, photo=args.photo, logo=args.logo, size=args.size,
                    landscape=args.landscape, theme=args.theme)  # fmt: skip
    try:
        checked = poster.checked()
        with _writing(args.out):
            target = out_target(args.out, ".pdf", force=args.force)
        from lbpmv_desktop.ui.poster.render import load_pictures, write_pdf

        with _parsing(args.photo or args.logo or args.out):
            pictures = load_pictures(checked)
        with _writing(target):
            write_pdf(checked, pictures, target)
    except PosterRefused as refusal:
        _say(f"lbpmv : {shown(refusal.message, 2000)}", error=True)
        return 1
    except OSError as error:
        _say(f"lbpmv : {os_error_sentence(error)}", error=True)
        return 1
    _say(shown(target))
    return 0


def _photo_label(args: argparse.Namespace) -> Label | None:
    """The label that --text and its options describe (checked before any photo is read), or None."""
    alone = [
        option
        for option, value in (
            ("--text-style", args.text_style),
            ("--text-size", args.label_size),
            ("--text-place", args.text_place),
        )
        if value is not None
    ]
    if args.text is None:
        if alone:
            verb = "vont" if len(alone) > 1 else "va"
            raise _UsageError(f"{' et '.join(alone)} {verb} avec --text", "photo", "export")
        return None
    from lbpmv_desktop.core.photo.recipe import Label
    from lbpmv_desktop.core.photo.text import label_problem

    problem = label_problem(args.text)
    if problem:
        raise _UsageError(f"--text : {problem}", "photo", "export")
    y = LABEL_PLACES[args.text_place or "bas"]
    return Label(args.text.strip(), args.text_style or "sombre", 0.5, y, args.label_size or 100).clamped()


def _photo_export(args: argparse.Namespace) -> int:
    from lbpmv_desktop.core.photo.presets import PRESETS

    files, preset_name, out, auto = args.files, args.preset, args.out, args.auto
    if preset_name not in PRESETS:
        message = f"destination inconnue « {preset_name} » (choix : {', '.join(PRESETS)})"
        raise _UsageError(message, "photo", "export")
    label = _photo_label(args)
    from lbpmv_desktop.core.photo.export import export_photo
    from lbpmv_desktop.core.photo.opening import PhotoRefused
    from lbpmv_desktop.core.photo.recipe import Recipe

    recipe = Recipe(label=label)
    failures = 0
    for name in files:
        try:
            with _parsing(name), _writing(out):
                result = export_photo(Path(name), recipe, PRESETS[preset_name], Path(out), auto=auto)
        except (PhotoRefused, _FileRefused, OSError) as error:  # this photo only
            _say(_file_refusal(name, error), error=True)
            failures += 1
            continue
        _say(shown(result.path))
    return 1 if failures else 0


def _content_root(path: str | None) -> Path:
    from lbpmv_desktop.paths import tutorials_dir

    return Path(path) if path else tutorials_dir()


def _content_check(path: str | None, *, stats: bool = False) -> int:
    """Every problem of the packs (errors, then the same line for warnings, « attention : »)."""
    from lbpmv_desktop.core.tutorials.loader import check_catalogue

    root = _content_root(path)
    with _parsing(root):
        catalogue, problems = check_catalogue(root)
    if stats:
        from lbpmv_desktop.core.tutorials.readability import format_stats, tutorial_stats

        if sys.stdout is not None:
            sys.stdout.write(format_stats([tutorial_stats(t) for t in catalogue.path()]) + "\n")
    for problem in problems:
        _say(shown(problem, 2000))
    errors = [problem for problem in problems if not problem.warning]
    warnings = len(problems) - len(errors)
    if sys.stdout is not None:
        sys.stdout.flush()  # the problems first, then the count (on stderr)
    if errors:
        also = f" et {warnings} avertissement(s)" if warnings else ""
        print(f"{len(errors)} problème(s) trouvé(s){also}.", file=sys.stderr)
        return 1
    also = f", {warnings} avertissement(s) à regarder" if warnings else ""
    print(f"Tout est correct : {len(catalogue)} tutoriel(s) vérifié(s){also}.")
    return 0


def _content_memo(args: argparse.Namespace) -> int:
    """One A4 page per tutorial: the steps in short, boxes to tick, room for the shop's notes."""
    from lbpmv_desktop.core.cleantext import clean_text
    from lbpmv_desktop.core.tutorials.memo import memo_for

    tutorial = _catalogue().get(args.tutorial)
    if tutorial is None:
        raise _UsageError(
            f"tutoriel inconnu « {shown(args.tutorial, 60)} » : « lbpmv content list » donne les identifiants",
            "content",
            "memo",
        )
    shop = clean_text(args.shop, limit=80).strip() if args.shop else None
    from lbpmv_desktop.ui.tutorial.memo_pdf import write_memo_pdf

    with _writing(args.out):
        target = out_target(args.out, ".pdf", force=args.force)
    with _writing(target):
        write_memo_pdf(memo_for(tutorial, shop=shop or None), target)
    _say(shown(target))
    return 0


def _content_screenshots(path: str | None) -> int:
    """The app's pictures in the tutorials, taken again by the app itself (see tutorial_shots)."""
    from lbpmv_desktop.tutorial_shots import ShotError, tutorial_screenshots

    root = _content_root(path)
    if not root.is_dir():
        raise _UsageError(f"dossier introuvable : {shown(root)}", "content", "screenshots")
    try:
        written = tutorial_screenshots(root)
    except ShotError as error:
        _say(f"captures impossibles : {error}", error=True)
        return 1
    for picture in written:
        _say(shown(picture))
    print(f"{len(written)} capture(s) refaite(s).")
    return 0


def _content_list(path: str | None, as_json: bool) -> int:
    from lbpmv_desktop.core.tutorials.loader import load_catalogue

    root = _content_root(path)
    with _parsing(root):
        catalogue, problems = load_catalogue(root)
    items = [
        {
            "id": t.id,
            "title": t.title,
            "summary": t.summary,
            "theme": t.theme,
            "level": t.level,
            "minutes": t.minutes,
            "steps": len(t.steps),
            "prerequisites": list(t.prerequisites),
            "version": t.version,
        }
        for t in catalogue.path()
    ]
    if as_json:
        print(json.dumps(items, ensure_ascii=False, indent=2))
    else:
        for item in items:
            _say(shown(f"{item['id']:<24} {item['minutes']:>3} min  {item['steps']} étapes  {item['title']}"))
    if problems:
        print(f"{len(problems)} problème(s) : lancez « lbpmv content check » pour les voir.", file=sys.stderr)
        return 1
    return 0


def _self_test_only(args: argparse.Namespace) -> list[tuple[str, object]]:
    """The options that only make sense with --self-test, and their values."""
    return [
        ("--screenshots", args.screenshots),
        ("--screen-size", args.screen_size),
        ("--text-size", args.text_size),
    ]


def _run(args: argparse.Namespace) -> int:
    if args.command == "content":
        if args.content_command == "check":
            return _content_check(args.path, stats=args.stats)
        if args.content_command == "memo":
            return _content_memo(args)
        if args.content_command == "screenshots":
            return _content_screenshots(args.path)
        return _content_list(args.path, args.json)
    if args.command == "poster":
        return _poster(args)
    if args.command == "progress":
        return _progress(args)
    if args.command == "demo":
        return _demo(args)
    if args.command == "photo":
        return _photo_export(args)
    alone = [name for name, value in _self_test_only(args) if value is not None]
    if alone and not args.self_test:
        raise _UsageError(f"{' et '.join(alone)} {'vont' if len(alone) > 1 else 'va'} avec --self-test")
    if args.self_test:
        from lbpmv_desktop.selftest import run_self_test

        return run_self_test(
            args.data_dir,
            Path(args.screenshots) if args.screenshots else None,
            screen_size=args.screen_size,
            text_size=args.text_size,
        )
    from lbpmv_desktop.app import run_app

    return run_app(args.data_dir)


def main(argv: list[str] | None = None) -> int:
    if getattr(sys, "frozen", False):  # photo worker processes of an installed bundle
        import multiprocessing

        multiprocessing.freeze_support()
    global _data_root
    _data_root = None
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except _UsageError as error:
        command: _Parser = dict(walk(parser))[error.command]
        command.fail(error.message)  # exits 2
    except KeyboardInterrupt:
        return 130
    except ImportError as error:
        missing = getattr(error, "name", None) or "?"
        print(f"lbpmv : un composant de l'application manque ({missing}) : réinstallez-la.", file=sys.stderr)
        return 1
    except _FileRefused as refusal:
        _say(f"lbpmv : {refusal}", error=True)
        return 1
    except Exception as error:  # the last safety net: never a traceback for a user
        return _failed(error)


def _failed(error: BaseException) -> int:
    """One French line for ``error``: its sentence when the code knows it, else « erreur
    inattendue » with the log file that holds its traceback. Exit code 1."""
    if isinstance(error, OSError) and error.errno == errno.EPIPE:  # « lbpmv … | head »: not a failure
        with contextlib.suppress(Exception):
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    sentence = known_failure(error)
    if sentence is not None:
        _say(f"lbpmv : {sentence}", error=True)
        return 1
    try:
        log = log_unexpected(error)
    except Exception:  # logging must not hide the error it reports
        log = None
    where = (
        f" Le détail est enregistré dans « {shown(log)} » : envoyez ce fichier à votre animateur."
        if log is not None
        else ""
    )
    _say(f"lbpmv : une erreur inattendue est survenue ({type(error).__name__}).{where}", error=True)
    return 1
