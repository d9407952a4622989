"""Command line: the app by default, sub-commands for scripting.

Errors are one French line on stderr: exit 1 for refused input, 2 for usage errors. Start-up
imports stay lazy: Qt is only imported to run the app or the self-test.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import NoReturn

from lbpmv_desktop import __version__


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"lbpmv : commande incorrecte ({message}). Essayez « lbpmv --help ».\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="lbpmv", description="Le Bon Pour Ma Ville : vos premiers pas en ligne.")
    parser.add_argument(
        "--data-dir", metavar="DOSSIER", help="dossier des données (par défaut : celui de l'utilisateur)"
    )
    parser.add_argument("--version", action="version", version=f"lbpmv {__version__}")
    parser.add_argument(
        "--self-test", action="store_true", help="ouvre chaque écran hors écran et vérifie tout"
    )
    parser.add_argument(
        "--screenshots", metavar="DOSSIER", help="avec --self-test : enregistre une capture de chaque écran"
    )
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    content = commands.add_parser("content", help="vérifier ou lister les tutoriels")
    content_commands = content.add_subparsers(dest="content_command", required=True, parser_class=_Parser)
    check = content_commands.add_parser("check", help="vérifier un tutoriel ou un dossier de tutoriels")
    check.add_argument("path", nargs="?", metavar="CHEMIN")
    listing = content_commands.add_parser("list", help="lister les tutoriels")
    listing.add_argument("--json", action="store_true", help="au format JSON")
    listing.add_argument("path", nargs="?", metavar="CHEMIN")
    photo = commands.add_parser("photo", help="préparer des photos")
    photo_commands = photo.add_subparsers(dest="photo_command", required=True, parser_class=_Parser)
    export = photo_commands.add_parser("export", help="préparer des photos pour une destination")
    export.add_argument("files", nargs="+", metavar="FICHIER")
    export.add_argument("--preset", required=True, metavar="NOM", help="instagram, facebook, leboncoin…")
    export.add_argument("--out", required=True, metavar="DOSSIER")
    export.add_argument("--auto", action="store_true", help="améliorer automatiquement")
    return parser


def _photo_export(files: list[str], preset_name: str, out: str, auto: bool) -> int:
    from lbpmv_desktop.core.photo.presets import PRESETS

    if preset_name not in PRESETS:
        print(
            f"lbpmv : destination inconnue « {preset_name} » (possibles : {', '.join(PRESETS)}).",
            file=sys.stderr,
        )
        return 2
    from lbpmv_desktop.core.photo.export import export_photo
    from lbpmv_desktop.core.photo.opening import PhotoRefused
    from lbpmv_desktop.core.photo.recipe import Recipe

    failures = 0
    for name in files:
        try:
            result = export_photo(Path(name), Recipe(), PRESETS[preset_name], Path(out), auto=auto)
        except PhotoRefused as refusal:
            print(f"{name} : {refusal.message}", file=sys.stderr)
            failures += 1
            continue
        except OSError:
            print(f"{name} : impossible d'écrire dans le dossier « {out} ».", file=sys.stderr)
            failures += 1
            continue
        print(result.path)
    return 1 if failures else 0


def _content_root(path: str | None) -> Path:
    from lbpmv_desktop.paths import resources_dir

    return Path(path) if path else resources_dir() / "tutorials" / "fr"


def _content_check(path: str | None) -> int:
    from lbpmv_desktop.core.tutorials.loader import load_catalogue

    catalogue, problems = load_catalogue(_content_root(path))
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problème(s) trouvé(s).", file=sys.stderr)
        return 1
    print(f"Tout est correct : {len(catalogue)} tutoriel(s) vérifié(s).")
    return 0


def _content_list(path: str | None, as_json: bool) -> int:
    from lbpmv_desktop.core.tutorials.loader import load_catalogue

    catalogue, problems = load_catalogue(_content_root(path))
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
            print(f"{item['id']:<24} {item['minutes']:>3} min  {item['steps']} étapes  {item['title']}")
    if problems:
        print(f"{len(problems)} problème(s) : lancez « lbpmv content check » pour les voir.", file=sys.stderr)
        return 1
    return 0


def _run(args: argparse.Namespace) -> int:
    if args.command == "content":
        if args.content_command == "check":
            return _content_check(args.path)
        return _content_list(args.path, args.json)
    if args.command == "photo":
        return _photo_export(args.files, args.preset, args.out, args.auto)
    if args.screenshots and not args.self_test:
        print("lbpmv : --screenshots va avec --self-test.", file=sys.stderr)
        return 2
    if args.self_test:
        from lbpmv_desktop.selftest import run_self_test

        return run_self_test(args.data_dir, Path(args.screenshots) if args.screenshots else None)
    from lbpmv_desktop.app import run_app

    return run_app(args.data_dir)


def main(argv: list[str] | None = None) -> int:
    if getattr(sys, "frozen", False):  # photo worker processes of an installed bundle
        import multiprocessing

        multiprocessing.freeze_support()
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except KeyboardInterrupt:
        return 130
    except ImportError as error:
        missing = getattr(error, "name", None) or "?"
        print(f"lbpmv : un composant de l'application manque ({missing}) : réinstallez-la.", file=sys.stderr)
        return 1
    except Exception as error:  # the last safety net: never a traceback for a user
        import logging

        logging.getLogger("lbpmv").debug("unexpected error", exc_info=True)
        print(f"lbpmv : une erreur inattendue est survenue ({type(error).__name__}).", file=sys.stderr)
        return 1
