"""Load tutorial packs from disk and report every problem as ``file:line: message`` in French.

A pack is a folder holding ``tutorial.toml`` and one ``NN-step-id.md`` file per step (see
``resources/tutorials/README.md``). The loader never raises on bad content: it returns the
packs it could load and the problems it found.
"""

from __future__ import annotations

import re
import tomllib
from typing import TYPE_CHECKING, Any

from lbpmv_desktop.core.fileio import UnsafeFile, check_regular, read_regular
from lbpmv_desktop.core.photo.presets import PRESETS
from lbpmv_desktop.core.poster.model import TEMPLATES
from lbpmv_desktop.core.tutorials.catalogue import Catalogue
from lbpmv_desktop.core.tutorials.markup import (
    MAX_IMAGE_BYTES,
    MAX_MARKDOWN_BYTES,
    is_safe_url,
    markdown_images,
    svg_problem,
    text_problem,
    toml_problem,
)
from lbpmv_desktop.core.tutorials.model import (
    ACTIONS,
    ID_RE,
    MAX_STEP_MINUTES,
    MAX_TITLE,
    STEP_FILE_RE,
    THEMES,
    Problem,
    Step,
    StepAction,
    Tutorial,
)

if TYPE_CHECKING:
    from pathlib import Path

PACK_FILE = "tutorial.toml"
FRONT_MATTER = "+++"
TOML_POSITION_RE = re.compile(r"\(at line (\d+), column (\d+)\)")
MAX_TOML_BYTES = 16 * 1024  # a tutorial.toml is a few hundred bytes
MAX_STEP_BYTES = MAX_MARKDOWN_BYTES  # 16 KB: a step is 60 to 180 words; pictures are files of their own
NOT_REGULAR = (
    "ce n'est pas un fichier ordinaire (un dossier, un tube ou un périphérique) : "
    "remplacez-le par un vrai fichier"
)

PACK_FIELDS = ("id", "title", "summary", "theme", "level", "order", "prerequisites", "version")
PACK_REQUIRED = ("id", "title", "summary", "theme", "level", "version")
STEP_FIELDS = ("title", "minutes", "action", "preset", "template", "url", "label")


class _Report:
    """The problems found so far, and how deep to look (drawings are parsed only when thorough)."""

    def __init__(self, *, thorough: bool = True) -> None:
        self.problems: list[Problem] = []
        self.thorough = thorough
        self.prerequisite_lines: dict[Path, int] = {}  # a pack's folder → its prerequisites line

    def add(self, path: Path, line: int, message: str) -> None:
        self.problems.append(Problem(path, max(1, line), message))


def _read_text(path: Path, report: _Report, limit: int) -> str | None:
    """The text of ``path``, a regular file of at most ``limit`` bytes (never blocks on a FIFO)."""
    try:
        data = read_regular(path, limit)
    except UnsafeFile as error:
        if error.reason == "not-regular":
            report.add(path, 1, NOT_REGULAR)
        elif error.reason == "too-big":
            report.add(path, 1, f"fichier trop gros ({error.size // 1024} Ko, maximum {limit // 1024} Ko)")
        else:
            report.add(
                path, 1, "fichier illisible (vérifiez qu'il existe et qu'il n'est pas ouvert ailleurs)"
            )
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        report.add(path, line, "le fichier n'est pas enregistré en UTF-8 (réenregistrez-le en « UTF-8 »)")
        return None
    if "\x00" in text:
        report.add(
            path, text[: text.index("\x00")].count("\n") + 1, "caractère nul : ce n'est pas un fichier texte"
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _parse_toml(text: str, path: Path, first_line: int, report: _Report) -> dict[str, Any] | None:
    over = toml_problem(text)  # before the parser: some small files make it run for minutes
    if over is not None:
        report.add(path, first_line + over[0] - 1, over[1])
        return None
    try:
        return tomllib.loads(text)
    except RecursionError:
        report.add(path, first_line, "trop de crochets ou d'accolades imbriqués")
        return None
    except tomllib.TOMLDecodeError as error:
        match = TOML_POSITION_RE.search(str(error))
        line = int(match.group(1)) if match else 1
        report.add(
            path,
            first_line + line - 1,
            "syntaxe incorrecte : vérifiez les guillemets, les crochets et le signe « = » "
            "(chaque ligne s'écrit champ = valeur)",
        )
        return None


def _line_of(text: str, key: str, first_line: int = 1) -> int:
    # spaces and tabs only (``\s`` would cross lines: quadratic over a file of blank lines)
    pattern = re.compile(rf"^[ \t]*\"?{re.escape(key)}\"?[ \t]*=", re.MULTILINE)
    match = pattern.search(text)
    return first_line + (text[: match.start()].count("\n") if match else 0)


def _check_fields(
    data: dict[str, Any],
    allowed: tuple[str, ...],
    required: tuple[str, ...],
    text: str,
    path: Path,
    first_line: int,
    report: _Report,
) -> None:
    for key in data:
        if key not in allowed:
            report.add(
                path,
                _line_of(text, key, first_line),
                f"champ inconnu « {key} » (champs possibles : {', '.join(allowed)})",
            )
    for key in required:
        if key not in data:
            report.add(path, first_line, f"champ obligatoire manquant : « {key} »")


def _text_field(
    data: dict[str, Any], key: str, text: str, path: Path, first: int, report: _Report, limit: int
) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        report.add(
            path, _line_of(text, key, first), f"« {key} » doit être un texte non vide entre guillemets"
        )
        return None
    if len(value) > limit:
        report.add(
            path,
            _line_of(text, key, first),
            f"« {key} » est trop long ({len(value)} caractères, maximum {limit})",
        )
    wrong = text_problem(value)
    if wrong is not None:
        report.add(path, _line_of(text, key, first), f"« {key} » : {wrong}")
    return value.strip()


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


def _load_step(path: Path, number: int, step_id: str, pack: Path, report: _Report) -> Step | None:
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
    before = len(report.problems)
    _check_fields(data, STEP_FIELDS, ("title", "minutes"), header, path, 2, report)
    title = _text_field(data, "title", header, path, 2, report, MAX_TITLE)
    minutes = _int_field(data, "minutes", header, path, 2, report, 1, MAX_STEP_MINUTES)
    action = _load_action(data, header, path, report)
    body = "\n".join(lines[end + 1 :]).strip("\n")
    body_first_line = end + 2
    if not body.strip():
        report.add(path, end + 1, "le texte de l'étape est vide : écrivez quelques phrases sous l'en-tête")
    _check_markdown(body, body_first_line, path, pack, report)
    if len(report.problems) > before or title is None or minutes is None:
        return None
    return Step(step_id, number, title, minutes, body, path, action)


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
    """Pictures of the pack's folder only, written in line; no HTML, no reference, https links."""
    images, problems = markdown_images(body, first_line)
    for line, message in problems:
        report.add(path, line, message)
    for line, _alt, target in images:
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
    before = len(report.problems)
    text = _read_text(pack_file, report, MAX_TOML_BYTES)
    data = _parse_toml(text, pack_file, 1, report) if text is not None else None
    if data is None or text is None:
        return None
    report.prerequisite_lines[folder] = _line_of(text, "prerequisites")
    _check_fields(data, PACK_FIELDS, PACK_REQUIRED, text, pack_file, 1, report)
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
    steps = _load_steps(folder, pack_file, report)
    if len(report.problems) > before or None in (tutorial_id, title, summary, level, version):
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
    )


def _load_steps(folder: Path, pack_file: Path, report: _Report) -> list[Step]:
    numbered: dict[int, Path] = {}
    ids: dict[str, Path] = {}
    for entry in sorted(folder.iterdir()):
        if entry.suffix.lower() != ".md" or entry.name.lower() == "readme.md":
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
        step = _load_step(path, number, match.group(2), folder, report)
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
    bad = {p.path.parent for p in report.problems}
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


def load_catalogue(root: Path, *, thorough: bool = True) -> tuple[Catalogue, list[Problem]]:
    """Load one pack or a folder of packs; return the valid tutorials and every problem found.

    When ``root`` is a single pack, its prerequisites may name its sibling packs. The app loads
    its shipped content with ``thorough=False``: pictures must exist, but their content (already
    checked by ``content check`` and the tests) is not parsed again at every start.
    """
    report = _Report(thorough=thorough)
    if not root.is_dir():
        report.add(root, 1, "dossier introuvable")
        return Catalogue([]), report.problems
    folders = _pack_folders(root)
    known: set[str] = set()
    if folders == [root] and root.parent.is_dir():
        known = {p.name for p in root.parent.iterdir() if (p / PACK_FILE).is_file()}
    tutorials = [t for t in (_load_pack(folder, report) for folder in folders) if t is not None]
    if not folders:
        report.add(root, 1, "aucun tutoriel dans ce dossier")
    valid = _check_links(tutorials, known, report)
    return Catalogue(valid), sorted(set(report.problems))


def check_content(root: Path) -> list[Problem]:
    """Every problem found in one pack or a folder of packs (empty when all is well)."""
    return load_catalogue(root)[1]
