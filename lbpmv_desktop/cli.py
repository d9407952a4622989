"""Command line: the app by default, sub-commands for scripting.

Errors are one French line on stderr: exit 1 for refused input, 2 for usage errors. Start-up
imports stay lazy: Qt is only imported to run the app or the self-test.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, NoReturn

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
    poster = commands.add_parser("poster", help="faire une affiche pour la vitrine (PDF)")
    poster.add_argument("--list", action="store_true", help="les modèles d'affiche")
    poster.add_argument("--template", metavar="MODÈLE")
    poster.add_argument("--shop", metavar="TEXTE")
    poster.add_argument("--phone", metavar="TEXTE", default="")
    poster.add_argument("--hours", metavar="TEXTE", default="")
    poster.add_argument("--address", metavar="TEXTE", default="")
    poster.add_argument("--message", metavar="TEXTE", default="")
    poster.add_argument("--url", metavar="ADRESSE", default="")
    poster.add_argument("--photo", metavar="FICHIER", default="")
    poster.add_argument("--logo", metavar="FICHIER", default="")
    poster.add_argument("--size", choices=("a4", "a3"), default="a4")
    poster.add_argument("--landscape", action="store_true")
    poster.add_argument("--out", metavar="FICHIER.pdf")
    progress = commands.add_parser("progress", help="partager les progrès avec l'animateur")
    progress_commands = progress.add_subparsers(dest="progress_command", required=True, parser_class=_Parser)
    progress_commands.add_parser("code", help="afficher le code de vérification de ce commerce")
    export_progress = progress_commands.add_parser(
        "export", help="écrire le fichier de progrès de ce commerce"
    )
    export_progress.add_argument("--out", required=True, metavar="FICHIER")
    import_progress = progress_commands.add_parser("import", help="importer des fichiers de progrès")
    import_progress.add_argument("files", nargs="+", metavar="FICHIER")
    import_progress.add_argument("--confirm-code", metavar="CODE", help="le code affiché chez le commerçant")
    report = progress_commands.add_parser("report", help="le bilan du programme")
    report.add_argument("--format", choices=("json", "csv", "pdf"), default="json")
    report.add_argument("--out", metavar="FICHIER")
    demo = commands.add_parser("demo", help="remplir cette installation avec des données de démonstration")
    demo_commands = demo.add_subparsers(dest="demo_command", required=True, parser_class=_Parser)
    demo_commands.add_parser("shop", help="un commerce avec plusieurs semaines de progrès")
    programme = demo_commands.add_parser("programme", help="un animateur qui suit plusieurs commerces")
    programme.add_argument("--merchants", type=int, default=12, metavar="N")
    return parser


def _open_store(data_dir: str | None) -> Any:
    from lbpmv_desktop.core.progress.store import ProgressStore
    from lbpmv_desktop.paths import data_paths

    paths = data_paths(data_dir).ensure()
    return paths, ProgressStore.open(paths.database)


def _catalogue() -> Any:
    from lbpmv_desktop.core.tutorials.loader import load_catalogue

    return load_catalogue(_content_root(None), thorough=False)[0]


def _progress(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from lbpmv_desktop.core.progress.identity import load_or_create_key, public_bytes, verification_code

    paths, store = _open_store(args.data_dir)
    try:
        if args.progress_command == "code":
            print(verification_code(public_bytes(load_or_create_key(paths.shop_key))))
            return 0
        if args.progress_command == "export":
            from lbpmv_desktop.core.fileio import write_bytes_atomic
            from lbpmv_desktop.core.progress.sharing import export_bundle

            data = export_bundle(
                store, load_or_create_key(paths.shop_key), _catalogue(), __version__, datetime.now(UTC)
            )
            write_bytes_atomic(Path(args.out), data)
            print(args.out)
            return 0
        if args.progress_command == "import":
            return _progress_import(store, args.files, args.confirm_code)
        return _progress_report(store, args.format, args.out)
    finally:
        store.close()


def _progress_import(store: Any, files: list[str], code: str | None) -> int:
    from datetime import UTC, datetime

    from lbpmv_desktop.core.progress.bundle import BundleRefused, read_progress_file
    from lbpmv_desktop.core.progress.sharing import import_bundle

    catalogue, failures = _catalogue(), 0
    for name in files:
        path = Path(name)
        try:
            result = import_bundle(
                store, read_progress_file(path), catalogue, datetime.now(UTC), confirm_code=code
            )
        except BundleRefused as refusal:
            print(f"{name} : {refusal.message}", file=sys.stderr)
            failures += 1
            continue
        except OSError:
            print(f"{name} : fichier introuvable ou illisible.", file=sys.stderr)
            failures += 1
            continue
        print(f"{name} : {result.new_events} nouvel(s) événement(s) de « {result.shop_name} »")
    return 1 if failures else 0


def _progress_report(store: Any, kind: str, out: str | None) -> int:
    from lbpmv_desktop.core.progress.report import csv_report, shops_report

    if kind == "pdf":
        if not out:
            print("lbpmv : le rapport PDF a besoin de --out FICHIER.pdf", file=sys.stderr)
            return 2
        from lbpmv_desktop.ui.reports import write_pdf_report

        write_pdf_report(store, Path(out))
        print(out)
        return 0
    text = (
        json.dumps(shops_report(store), ensure_ascii=False, indent=1) + "\n"
        if kind == "json"
        else csv_report(store)
    )
    if out:
        from lbpmv_desktop.core.fileio import write_text_atomic

        write_text_atomic(Path(out), text)
        print(out)
    elif sys.stdout is not None:  # None in the windowed Windows build
        sys.stdout.write(text)
    return 0


def _demo(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from lbpmv_desktop.core.progress.demo import fill_demo_programme, fill_demo_shop

    paths, store = _open_store(args.data_dir)
    try:
        if args.demo_command == "shop":
            count = fill_demo_shop(store, _catalogue(), datetime.now(UTC))
            print(f"Commerce de démonstration prêt : {count} événements.")
        else:
            if not 1 <= args.merchants <= 5000:
                print("lbpmv : --merchants va de 1 à 5000.", file=sys.stderr)
                return 2
            count = fill_demo_programme(store, _catalogue(), args.merchants, datetime.now(UTC))
            from dataclasses import replace

            from lbpmv_desktop.settings import load_settings, save_settings

            save_settings(paths.settings, replace(load_settings(paths.settings), role="animator"))
            print(f"Programme de démonstration prêt : {args.merchants} commerces, {count} événements.")
        return 0
    finally:
        store.close()


def _poster(args: argparse.Namespace) -> int:
    from lbpmv_desktop.core.poster.model import TEMPLATES, Poster, PosterRefused

    if args.list:
        for template in TEMPLATES.values():
            print(f"{template.name:<20} {template.label}")
        return 0
    if not args.template or args.shop is None or not args.out:
        print("lbpmv : il faut --template, --shop et --out (ou --list).", file=sys.stderr)
        return 2
    poster = Poster(template=args.template, shop=args.shop, phone=args.phone, hours=args.hours, address=args.address,
                    message=args.message, url=args.url, photo=args.photo, logo=args.logo, size=args.size,
                    landscape=args.landscape)  # fmt: skip
    try:
        checked = poster.checked()
        from lbpmv_desktop.ui.poster.render import load_pictures, write_pdf

        write_pdf(checked, load_pictures(checked), Path(args.out))
    except PosterRefused as refusal:
        print(f"lbpmv : {refusal.message}", file=sys.stderr)
        return 1
    except OSError:
        print(f"lbpmv : impossible d'écrire « {args.out} ».", file=sys.stderr)
        return 1
    print(args.out)
    return 0


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
    from lbpmv_desktop.paths import tutorials_dir

    return Path(path) if path else tutorials_dir()


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
    if args.command == "poster":
        return _poster(args)
    if args.command == "progress":
        return _progress(args)
    if args.command == "demo":
        return _demo(args)
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
