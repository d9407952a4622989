"""Load tutorial packs from disk and report every problem as ``file:line: message`` in French.

A pack is a folder holding ``tutorial.toml``, one ``NN-step-id.md`` file per step and maybe
``animateur.md`` (notes for the animator: Markdown under the same rules, never a step); the
content folder holds the packs and ``glossaire.toml`` (``glossary``), which steps link to with
``[mot](glossaire:id)`` (see ``resources/tutorials/README.md``). The loader never raises on bad
content: it returns the packs it could load and the problems it found. Its problems are about
structure (what the app could not show safely or at all) and are errors: a pack with one is not
loaded. ``check_content`` adds the rules for authors (``authoring``), which may be warnings
(``Problem.warning``); a warning never makes a pack invalid.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from lbpmv_desktop.core.fileio import UnsafeFile, check_regular, read_regular
from lbpmv_desktop.core.photo.presets import PRESETS
from lbpmv_desktop.core.poster.model import TEMPLATES
from lbpmv_desktop.core.tutorials.catalogue import Catalogue
from lbpmv_desktop.core.tutorials.glossary import read_glossary
from lbpmv_desktop.core.tutorials.markup import (
    MAX_IMAGE_BYTES,
    MAX_MARKDOWN_BYTES,
    NOT_REGULAR,
    FileProblem,
    is_safe_url,
    key_line,
    markdown_scan,
    parse_toml,
    read_text,
    svg_problem,
    text_problem,
)
from lbpmv_desktop.core.tutorials.model import (
    ACTIONS,
    GLOSSARY_FILE,
    HELPER_NOTES_FILE,
    ID_RE,
    MAX_STEP_MINUTES,
    MAX_TITLE,
    STEP_FILE_RE,
    THEMES,
    Problem,
    Source,
    Step,
    StepAction,
    Tutorial,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

PACK_FILE = "tutorial.toml"
FRONT_MATTER = "+++"
MAX_TOML_BYTES = 16 * 1024  # a tutorial.toml is a few hundred bytes, sources included
PACK_TOML_LIMITS = {"max_keys": 200}  # a few dozen [[sources]] of three keys each
MAX_STEP_BYTES = MAX_MARKDOWN_BYTES  # 16 KB: a step is 60 to 180 words; pictures are files of their own
MAX_MEMO = 90  # one line of the printable memo
MIN_CHECKLIST, MAX_CHECKLIST, MAX_CHECK = 3, 8, 80  # boxes to tick on the memo, each on one line
MAX_SCREENSHOTS = 30
MAX_SOURCES = 40
MAX_FACT = 200

PACK_FIELDS = (
    "id",
    "title",
    "summary",
    "theme",
    "level",
    "order",
    "prerequisites",
    "version",
    "app",
    "checklist",
    "screenshots",
    "sources",
)
PACK_REQUIRED = ("id", "title", "summary", "theme", "level", "version")
STEP_FIELDS = ("title", "minutes", "action", "preset", "template", "url", "label", "app", "memo")
SOURCE_FIELDS = ("fact", "url", "last_checked")
_BLOCK_RE = re.compile(r"^[ \t]*\[\[[ \t]*[\"']?sources[\"']?[ \t]*\]\]", re.MULTILINE)
_HEADER_RE = re.compile(r"^[ \t]*\[", re.MULTILINE)


class _Report:
    """The problems found so far, and how deep to look (drawings are parsed only when thorough).

    Attributes:
        problems: every problem, errors and warnings.
        errors: how many of them are errors (a warning never makes a pack invalid).
        thorough: whether drawings are parsed.
        today: the day dates are checked against (``last_checked`` may not be after tomorrow).
        prerequisite_lines: a pack's folder → its prerequisites line.
        glossary_ids: every id the glossary file names (None: the file could not be read, so
            glossary links are not checked: a broken glossary never hides every tutorial).
    """

    def __init__(self, *, thorough: bool = True, today: date | None = None) -> None:
        self.problems: list[Problem] = []
        self.errors = 0
        self.thorough = thorough
        self.today = today or date.today()
        self.prerequisite_lines: dict[Path, int] = {}
        self.glossary_ids: frozenset[str] | None = frozenset()

    def add(self, path: Path, line: int, message: str, *, warning: bool = False) -> None:
        self.problems.append(Problem(path, max(1, line), message, warning))
        if not warning:
            self.errors += 1

    def add_file_problem(self, path: Path, problem: FileProblem, first_line: int = 1) -> None:
        self.add(path, first_line + problem.line - 1, problem.message)


def _read_text(path: Path, report: _Report, limit: int) -> str | None:
    """The text of ``path``, a regular file of at most ``limit`` bytes (never blocks on a FIFO)."""
    text = read_text(path, limit)
    if isinstance(text, FileProblem):
        report.add_file_problem(path, text)
        return None
    return text


def _parse_toml(
    text: str, path: Path, first_line: int, report: _Report, **limits: int
) -> dict[str, Any] | None:
    data = parse_toml(text, **limits)  # limits first: some small files make the parser run for minutes
    if isinstance(data, FileProblem):
        report.add_file_problem(path, data, first_line)
        return None
    return data


def _line_of(text: str, key: str, first_line: int = 1) -> int:
    return key_line(text, key, first_line)


def _check_fields(
    data: dict[str, Any],
    allowed: tuple[str, ...],
    required: tuple[str, ...],
    text: str,
    path: Path,
    first_line: int,
    report: _Report,
    where: str = "",
    hint: str = "",
) -> None:
    for key in data:
        if key not in allowed:
            report.add(
                path,
                _line_of(text, key, first_line),
                f"champ inconnu « {key} »{where} (champs possibles : {', '.join(allowed)}{hint})",
            )
    for key in required:
        if key not in data:
            report.add(path, first_line, f"champ obligatoire manquant{where} : « {key} »")


def _text_field(
    data: dict[str, Any],
    key: str,
    text: str,
    path: Path,
    first: int,
    report: _Report,
    limit: int,
    *,
    one_line: bool = False,
) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    line = _line_of(text, key, first)
    if not isinstance(value, str) or not value.strip():
        report.add(path, line, f"« {key} » doit être un texte non vide entre guillemets")
        return None
    problem = _short_text_problem(value, limit, one_line=one_line)
    if problem is not None:
        report.add(path, line, f"« {key} » {problem}")
    return value.strip()


def _short_text_problem(value: str, limit: int, *, one_line: bool) -> str | None:
    """Why a short text of the pack may not be shown (phrased to follow its name), or None."""
    if len(value) > limit:
        return f"est trop long ({len(value)} caractères, maximum {limit})"
    wrong = text_problem(value)
    if wrong is not None:
        return f": {wrong}"
    if one_line and "\n" in value:
        return "doit tenir sur une ligne (pas de retour à la ligne)"
    return None


def _bool_field(
    data: dict[str, Any], key: str, text: str, path: Path, first: int, report: _Report
) -> bool | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, bool):
        report.add(path, _line_of(text, key, first), f"« {key} » doit valoir true ou false (sans guillemets)")
        return None
    return value


def _int_field(
    data: dict[str, Any],
    key: str,
    text: str,
    path: Path,
    first: int,
    report: _Report,
    low: int,
    high: int,
) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        report.add(
            path, _line_of(text, key, first), f"« {key} » doit être un nombre entier de {low} à {high}"
        )
        return None
    return value


def _load_step(
    path: Path, number: int, step_id: str, pack: Path, report: _Report, *, pack_app: bool = False
) -> Step | None:
    text = _read_text(path, report, MAX_STEP_BYTES)
    if text is None:
        return None
    lines = text.split("\n")
    if not lines or lines[0].strip() != FRONT_MATTER:
        report.add(
            path, 1, "l'étape doit commencer par un en-tête entre deux lignes « +++ » (titre et durée)"
        )
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == FRONT_MATTER)
    except StopIteration:
        report.add(path, 1, "l'en-tête n'est pas refermé : ajoutez une ligne « +++ » après la durée")
        return None
    header = "\n".join(lines[1:end])
    data = _parse_toml(header, path, 2, report)
    if data is None:
        return None
    before = report.errors
    _check_fields(data, STEP_FIELDS, ("title", "minutes"), header, path, 2, report)
    title = _text_field(data, "title", header, path, 2, report, MAX_TITLE)
    minutes = _int_field(data, "minutes", header, path, 2, report, 1, MAX_STEP_MINUTES)
    action = _load_action(data, header, path, report)
    app = _bool_field(data, "app", header, path, 2, report)
    memo = _text_field(data, "memo", header, path, 2, report, MAX_MEMO, one_line=True)
    after = "\n".join(lines[end + 1 :])
    body = after.strip("\n")
    body_first_line = end + 2 + len(after) - len(after.lstrip("\n"))
    if not body.strip():
        report.add(path, end + 1, "le texte de l'étape est vide : écrivez quelques phrases sous l'en-tête")
    _check_markdown(body, body_first_line, path, pack, report)
    if report.errors > before or title is None or minutes is None:
        return None
    return Step(
        step_id,
        number,
        title,
        minutes,
        body,
        path,
        action,
        speaks_of_app=pack_app if app is None else app,
        memo=memo,
    )


def _load_action(data: dict[str, Any], text: str, path: Path, report: _Report) -> StepAction | None:
    kind = data.get("action")
    extras = {key: data.get(key) for key in ("preset", "template", "url")}
    label = _text_field(data, "label", text, path, 2, report, 40)
    if kind is None:
        for key, value in extras.items():
            if value is not None:
                report.add(path, _line_of(text, key, 2), f"« {key} » n'a de sens qu'avec un champ « action »")
        if label is not None:
            report.add(path, _line_of(text, "label", 2), "« label » n'a de sens qu'avec un champ « action »")
        return None
    if kind not in ACTIONS:
        report.add(
            path,
            _line_of(text, "action", 2),
            f"action inconnue « {kind} » (actions possibles : {', '.join(ACTIONS)})",
        )
        return None
    allowed = {"open-studio": "preset", "open-poster": "template", "open-url": "url"}[kind]
    for key, value in extras.items():
        if value is not None and key != allowed:
            report.add(path, _line_of(text, key, 2), f"« {key} » ne va pas avec l'action « {kind} »")
    value = extras[allowed]
    # The studio's presets and the poster templates themselves: a new one is valid at once.
    choices = {"preset": tuple(PRESETS), "template": tuple(TEMPLATES)}.get(allowed)
    if choices is not None and value is not None and value not in choices:
        report.add(
            path,
            _line_of(text, allowed, 2),
            f"{allowed} inconnu « {value} » (possibles : {', '.join(choices)})",
        )
        return None
    if kind == "open-url" and (not isinstance(value, str) or not is_safe_url(value)):
        report.add(
            path,
            _line_of(text, "url" if value is not None else "action", 2),
            "l'action « open-url » demande une adresse complète qui commence par https://",
        )
        return None
    return StepAction(
        kind,
        preset=extras["preset"] if kind == "open-studio" else None,
        template=extras["template"] if kind == "open-poster" else None,
        url=value if kind == "open-url" else None,
        label=label,
    )


def _check_markdown(body: str, first_line: int, path: Path, pack: Path, report: _Report) -> None:
    """Pictures of the pack's folder only, written in line; no HTML, no reference, https links
    and links to words of the glossary."""
    scan = markdown_scan(body, first_line)
    for line, message in scan.problems:
        report.add(path, line, message)
    if report.glossary_ids is not None:
        for line, term in scan.glossary:
            if term not in report.glossary_ids:
                report.add(path, line, f"mot « {term} » absent du glossaire ({GLOSSARY_FILE})")
    for line, _alt, target in scan.images:
        image = pack / target
        try:
            check_regular(image, MAX_IMAGE_BYTES)
        except UnsafeFile as error:
            if error.reason == "unreadable" and not image.exists() and not image.is_symlink():
                report.add(path, line, f"image introuvable : « {target} »")
            elif error.reason == "too-big":
                report.add(path, line, f"image « {target} » : fichier trop gros (maximum 5 Mo)")
            elif error.reason == "not-regular":
                report.add(path, line, f"image « {target} » : {NOT_REGULAR}")
            else:
                report.add(path, line, f"image « {target} » : fichier illisible")
            continue
        if not _stays_inside(pack, target):
            report.add(path, line, f"image « {target} » : elle doit rester dans le dossier du tutoriel")
        elif report.thorough:
            problem = _image_problem(image)
            if problem:
                report.add(path, line, f"image « {target} » : {problem}")


def _stays_inside(pack: Path, target: str) -> bool:
    """Whether ``pack / target`` (a plain name, no ``..``) is in the pack once links are followed:
    only a link on the way can lead out, and the few parts of the name are looked at first."""
    parts = target.split("/")
    try:
        if not any((pack.joinpath(*parts[: i + 1])).is_symlink() for i in range(len(parts))):
            return True
        return (pack / target).resolve().is_relative_to(pack.resolve())
    except (OSError, RuntimeError):
        return False


def _image_problem(image: Path) -> str | None:
    try:
        data = read_regular(image, MAX_IMAGE_BYTES)
    except UnsafeFile as error:
        return NOT_REGULAR if error.reason == "not-regular" else "fichier illisible ou trop gros"
    if image.suffix.lower() == ".svg":
        return svg_problem(data)  # read once, with what it would cost to draw
    signatures = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",)}
    if not data.startswith(signatures[image.suffix.lower()]):
        return "le contenu ne correspond pas à son extension"
    return None


def _load_pack(folder: Path, report: _Report) -> Tutorial | None:
    pack_file = folder / PACK_FILE
    if not pack_file.exists() and not pack_file.is_symlink():
        report.add(pack_file, 1, "fichier tutorial.toml manquant : chaque tutoriel en a besoin")
        return None
    before = report.errors
    text = _read_text(pack_file, report, MAX_TOML_BYTES)
    data = _parse_toml(text, pack_file, 1, report, **PACK_TOML_LIMITS) if text is not None else None
    if data is None or text is None:
        return None
    report.prerequisite_lines[folder] = _line_of(text, "prerequisites")
    _check_fields(
        data,
        PACK_FIELDS,
        PACK_REQUIRED,
        text,
        pack_file,
        1,
        report,
        hint=" ; les blocs [[sources]] se mettent à la fin du fichier",
    )
    tutorial_id = _text_field(data, "id", text, pack_file, 1, report, 60)
    if tutorial_id is not None:
        if not ID_RE.match(tutorial_id):
            report.add(
                pack_file,
                _line_of(text, "id"),
                "« id » : lettres minuscules sans accent, chiffres et tirets seulement",
            )
        elif tutorial_id != folder.name:
            report.add(
                pack_file, _line_of(text, "id"), f"« id » doit être le nom du dossier (« {folder.name} »)"
            )
    title = _text_field(data, "title", text, pack_file, 1, report, MAX_TITLE)
    summary = _text_field(data, "summary", text, pack_file, 1, report, 300)
    theme = data.get("theme")
    if "theme" in data and theme not in THEMES:
        report.add(
            pack_file,
            _line_of(text, "theme"),
            f"thème inconnu « {theme} » (thèmes possibles : {', '.join(THEMES)})",
        )
    level = _int_field(data, "level", text, pack_file, 1, report, 1, 3)
    order = _int_field(data, "order", text, pack_file, 1, report, 0, 10_000)
    version = _int_field(data, "version", text, pack_file, 1, report, 1, 1_000_000)
    prerequisites = data.get("prerequisites", [])
    if not isinstance(prerequisites, list) or not all(isinstance(p, str) for p in prerequisites):
        report.add(
            pack_file,
            _line_of(text, "prerequisites"),
            '« prerequisites » doit être une liste d\'identifiants, ex. ["photos-produits"]',
        )
        prerequisites = []
    app = _bool_field(data, "app", text, pack_file, 1, report)
    checklist = _checklist(data.get("checklist"), text, pack_file, report)
    screenshots = _screenshots(data.get("screenshots"), text, pack_file, report)
    sources = _sources(data.get("sources"), text, pack_file, report)
    steps = _load_steps(folder, pack_file, report, pack_app=bool(app))
    helper_notes = _load_helper_notes(folder, report)
    if report.errors > before or None in (tutorial_id, title, summary, level, version):
        return None
    assert tutorial_id
    assert title
    assert summary
    assert level
    assert version
    return Tutorial(
        id=tutorial_id,
        title=title,
        summary=summary,
        theme=str(theme),
        level=level,
        order=order if order is not None else 100,
        prerequisites=tuple(prerequisites),
        version=version,
        steps=tuple(steps),
        folder=folder,
        sources=sources,
        checklist=checklist,
        screenshots=screenshots,
        helper_notes=helper_notes,
    )


def _value_line(text: str, key: str, value: str) -> int:
    """The line of ``value`` in the list written after ``key = [`` (the key's line if not found)."""
    line = _line_of(text, key)
    start = _line_start(text, line)
    found = text.find(value[:40], start) if value else -1
    return line if found < 0 else 1 + text.count("\n", 0, found)


def _line_start(text: str, line: int) -> int:
    index = 0
    for _ in range(line - 1):
        index = text.find("\n", index) + 1
        if index == 0:
            return len(text)
    return index


def _texts(value: object, refusal: str, path: Path, line: int, report: _Report) -> list[str] | None:
    """``value`` when it is a list of texts; else None (and ``refusal`` said, unless it is absent)."""
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        report.add(path, line, refusal)
        return None
    return value


def _checklist(value: object, text: str, path: Path, report: _Report) -> tuple[str, ...]:
    """The memo's boxes to tick: 3 to 8 short texts, each on one line."""
    line = _line_of(text, "checklist")
    value = _texts(
        value,
        "« checklist » doit être une liste de textes entre guillemets, "
        'ex. ["J\'ai choisi une photo", "J\'ai cliqué sur « Améliorer »"]',
        path,
        line,
        report,
    )
    if value is None:
        return ()
    if not MIN_CHECKLIST <= len(value) <= MAX_CHECKLIST:
        report.add(
            path,
            line,
            f"« checklist » : de {MIN_CHECKLIST} à {MAX_CHECKLIST} cases à cocher (ici {len(value)})",
        )
        if len(value) > MAX_CHECKLIST:
            return ()  # one sentence, not one per box of a list of thousands
    for number, item in enumerate(value, start=1):
        where = _value_line(text, "checklist", item)
        if not item.strip():
            report.add(path, where, f"« checklist », case {number} : le texte est vide")
            continue
        problem = _short_text_problem(item, MAX_CHECK, one_line=True)
        if problem is not None:
            report.add(path, where, f"« checklist », case {number} {problem}")
    return tuple(item.strip() for item in value)


def _screenshots(value: object, text: str, path: Path, report: _Report) -> tuple[str, ...]:
    """The names of the app's own pictures the pack uses (``images/ecran-<nom>.png``)."""
    line = _line_of(text, "screenshots")
    value = _texts(
        value,
        '« screenshots » doit être une liste de noms de captures, ex. ["studio-ameliore"]',
        path,
        line,
        report,
    )
    if value is None:
        return ()
    if len(value) > MAX_SCREENSHOTS:
        report.add(path, line, f"« screenshots » : {len(value)} captures (maximum {MAX_SCREENSHOTS})")
        return ()
    seen: set[str] = set()
    for shot in value:
        if not ID_RE.fullmatch(shot) or len(shot) > 60:
            report.add(
                path,
                _value_line(text, "screenshots", shot),
                f"« screenshots » : « {shot[:60]} » n'est pas un nom de capture (lettres minuscules "
                "sans accent, chiffres et tirets, ex. studio-ameliore)",
            )
        elif shot in seen:
            report.add(
                path, _value_line(text, "screenshots", shot), f"« screenshots » : « {shot} » en double"
            )
        seen.add(shot)
    return tuple(value)


def _source_blocks(text: str, count: int) -> list[tuple[int, str]]:
    """Each ``[[sources]]`` block as (its first line, its text up to the next table); when the
    sources are not written as blocks (an inline list), the ``sources =`` line and the whole
    text for each."""
    blocks: list[tuple[int, str]] = []
    for match in _BLOCK_RE.finditer(text):
        following = _HEADER_RE.search(text, match.end())
        end = following.start() if following else len(text)
        blocks.append((1 + text.count("\n", 0, match.start()), text[match.start() : end]))
    if len(blocks) != count:
        return [(_line_of(text, "sources"), text)] * count
    return blocks


def _sources(value: object, text: str, path: Path, report: _Report) -> tuple[Source, ...]:
    """Where the pack's facts come from: an official page (https) and the day it was read."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        report.add(
            path,
            _line_of(text, "sources"),
            "« sources » : écrivez chaque source dans un bloc [[sources]] avec fact, url et last_checked",
        )
        return ()
    if len(value) > MAX_SOURCES:
        report.add(path, _line_of(text, "sources"), f"trop de sources ({len(value)}, maximum {MAX_SOURCES})")
        return ()
    sources: list[Source] = []
    for number, ((first, block), item) in enumerate(
        zip(_source_blocks(text, len(value)), value, strict=True), start=1
    ):
        where = f" dans la source n° {number}"
        before = report.errors
        _check_fields(item, SOURCE_FIELDS, SOURCE_FIELDS[:2], block, path, first, report, where=where)
        fact = _text_field(item, "fact", block, path, first, report, MAX_FACT, one_line=True)
        url = item.get("url")
        if "url" in item and (not isinstance(url, str) or not is_safe_url(url)):
            report.add(
                path,
                _line_of(block, "url", first),
                "« url » doit être une adresse complète qui commence par https:// "
                "(la page officielle qui dit ce fait)",
            )
        checked = item.get("last_checked")
        if "last_checked" in item:
            line = _line_of(block, "last_checked", first)
            if isinstance(checked, datetime) or not isinstance(checked, date):
                report.add(
                    path,
                    line,
                    "« last_checked » doit être une date sans guillemets, ex. last_checked = 2026-12-01",
                )
            elif checked > report.today + timedelta(days=1):
                report.add(
                    path,
                    line,
                    f"« last_checked » est dans le futur ({checked.isoformat()}) : "
                    "écrivez le jour où vous avez lu la page",
                )
        else:  # a page nobody could read yet: no date (never a made-up one); content check asks
            checked = None
        if report.errors == before and fact is not None and isinstance(url, str):
            sources.append(Source(fact, url, checked if isinstance(checked, date) else None))
    return tuple(sources)


def _load_helper_notes(folder: Path, report: _Report) -> str | None:
    """``animateur.md``: Markdown for the animator (same rules as a step, no header), or None."""
    path = folder / HELPER_NOTES_FILE
    if not path.exists() and not path.is_symlink():
        return None
    text = _read_text(path, report, MAX_STEP_BYTES)
    if text is None:
        return None
    body = text.strip("\n")
    first_line = 1 + len(text) - len(text.lstrip("\n"))
    if body.lstrip().startswith(FRONT_MATTER):
        report.add(
            path,
            first_line,
            "les notes de l'animateur n'ont pas d'en-tête « +++ » : commencez directement par le texte",
        )
        return None
    if not body.strip():
        report.add(path, 1, "les notes de l'animateur sont vides : écrivez-les ou supprimez le fichier")
        return None
    _check_markdown(body, first_line, path, folder, report)
    return body


def _load_steps(folder: Path, pack_file: Path, report: _Report, *, pack_app: bool = False) -> list[Step]:
    numbered: dict[int, Path] = {}
    ids: dict[str, Path] = {}
    for entry in sorted(folder.iterdir()):
        if entry.suffix.lower() != ".md" or entry.name.lower() == "readme.md":
            continue
        if entry.name.lower() == HELPER_NOTES_FILE:
            if entry.name != HELPER_NOTES_FILE:
                report.add(
                    entry, 1, f"écrivez le nom des notes de l'animateur en minuscules : {HELPER_NOTES_FILE}"
                )
            continue
        match = STEP_FILE_RE.match(entry.name)
        if not match:
            report.add(
                entry,
                1,
                "nom de fichier d'étape incorrect : écrivez NN-nom-de-l-etape.md (ex. 01-la-lumiere.md)",
            )
            continue
        number, step_id = int(match.group(1)), match.group(2)
        if number in numbered:
            report.add(entry, 1, f"deux étapes portent le numéro {number:02d} (avec {numbered[number].name})")
            continue
        if step_id in ids:
            report.add(entry, 1, f"identifiant d'étape en double « {step_id} » (avec {ids[step_id].name})")
            continue
        numbered[number] = entry
        ids[step_id] = entry
    if not numbered:
        report.add(pack_file, 1, "aucune étape : ajoutez des fichiers 01-….md, 02-….md dans le dossier")
        return []
    for expected, number in enumerate(sorted(numbered), start=1):
        if number != expected:
            report.add(numbered[number], 1, f"il manque l'étape {expected:02d} avant celle-ci")
            break
    steps = []
    for number in sorted(numbered):
        path = numbered[number]
        match = STEP_FILE_RE.match(path.name)
        assert match
        step = _load_step(path, number, match.group(2), folder, report, pack_app=pack_app)
        if step is not None:
            steps.append(step)
    return steps


def _pack_folders(root: Path) -> list[Path]:
    if (root / PACK_FILE).exists() or (root / PACK_FILE).is_symlink():
        return [root]
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def _check_links(tutorials: list[Tutorial], known: set[str], report: _Report) -> list[Tutorial]:
    by_id: dict[str, Tutorial] = {}
    for tutorial in tutorials:
        pack_file = tutorial.folder / PACK_FILE
        if tutorial.id in by_id:
            report.add(
                pack_file,
                1,
                f"identifiant en double « {tutorial.id} » (déjà pris par {by_id[tutorial.id].folder})",
            )
            continue
        by_id[tutorial.id] = tutorial
    for tutorial in by_id.values():
        line = report.prerequisite_lines.get(tutorial.folder, 1)
        for prerequisite in tutorial.prerequisites:
            if prerequisite == tutorial.id:
                report.add(
                    tutorial.folder / PACK_FILE, line, "un tutoriel ne peut pas être son propre prérequis"
                )
            elif prerequisite not in by_id and prerequisite not in known:
                report.add(tutorial.folder / PACK_FILE, line, f"prérequis inconnu « {prerequisite} »")
    for cycle_member in _cycle_members(by_id):
        tutorial = by_id[cycle_member]
        report.add(
            tutorial.folder / PACK_FILE,
            report.prerequisite_lines.get(tutorial.folder, 1),
            "prérequis en boucle : ces tutoriels s'attendent les uns les autres",
        )
    bad = {p.path.parent for p in report.problems if not p.warning}
    return [t for t in by_id.values() if t.folder not in bad]


def _cycle_members(by_id: dict[str, Tutorial]) -> list[str]:
    state: dict[str, int] = {}
    members: set[str] = set()

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        trail.append(node)
        for nxt in by_id[node].prerequisites:
            if nxt not in by_id or nxt == node:
                continue
            if state.get(nxt) == 1:
                members.update(trail[trail.index(nxt) :])
            elif nxt not in state:
                visit(nxt, trail)
        trail.pop()
        state[node] = 2

    for node in sorted(by_id):
        if node not in state:
            visit(node, [])
    return sorted(members)


def load_catalogue(
    root: Path, *, thorough: bool = True, today: date | None = None
) -> tuple[Catalogue, list[Problem]]:
    """Load one pack or a folder of packs; return the valid tutorials and every problem found.

    When ``root`` is a single pack, its prerequisites may name its sibling packs and its glossary
    is its parent's ``glossaire.toml``; else the glossary is ``root/glossaire.toml`` (a missing
    one is an empty glossary). The app loads its shipped content with ``thorough=False``:
    pictures must exist, but their content (already checked by ``content check`` and the tests)
    is not parsed again at every start. The rules for authors (``check_content``) are never
    applied here: a long sentence never hides a tutorial. Warnings never make a pack invalid.
    """
    report = _Report(thorough=thorough, today=today)
    if not root.is_dir():
        report.add(root, 1, "dossier introuvable")
        return Catalogue([]), report.problems
    folders = _pack_folders(root)
    single = folders == [root]
    glossary = read_glossary(glossary_path(root))
    report.problems.extend(glossary.problems)
    report.errors += sum(1 for problem in glossary.problems if not problem.warning)
    report.glossary_ids = glossary.named
    known: set[str] = set()
    if single and root.parent.is_dir():
        known = {p.name for p in root.parent.iterdir() if (p / PACK_FILE).is_file()}
    tutorials = [t for t in (_load_pack(folder, report) for folder in folders) if t is not None]
    if not folders:
        report.add(root, 1, "aucun tutoriel dans ce dossier")
    valid = _check_links(tutorials, known, report)
    return Catalogue(valid, glossary.terms), sorted(set(report.problems))


def glossary_path(root: Path) -> Path:
    """The glossary of the content under ``root``: beside the packs (its parent's for one pack)."""
    is_pack = (root / PACK_FILE).exists() or (root / PACK_FILE).is_symlink()
    return (root.parent if is_pack else root) / GLOSSARY_FILE


def check_catalogue(root: Path, *, today: date | None = None) -> tuple[Catalogue, list[Problem]]:
    """The packs of ``root`` (one pack or a folder of packs) and every problem found in them: what
    the loader finds, then the rules for authors (``authoring.authoring_problems``: sentence
    lengths, quoted labels, sources to read…), warnings included."""
    today = today or date.today()
    catalogue, problems = load_catalogue(root, today=today)
    return catalogue, sorted(set(problems) | set(_authoring_rules()(catalogue, today=today)))


def check_content(root: Path, *, today: date | None = None) -> list[Problem]:
    """Every problem found in one pack or a folder of packs (empty when all is well)."""
    return check_catalogue(root, today=today)[1]


def _authoring_rules() -> Callable[..., list[Problem]]:
    """``authoring.authoring_problems``, imported only by ``content check``: the app's start never
    loads the rules for authors."""
    from lbpmv_desktop.core.tutorials.authoring import authoring_problems

    return authoring_problems
