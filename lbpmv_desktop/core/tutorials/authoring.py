"""The authors' rules (``lbpmv content check``): what makes a step true to the app and easy to read.

The app never applies them when it loads its content (a long sentence never hides a pack): only
``loader.check_content`` adds them to the structural problems. Each problem points at the line
of the file to change (a step's line counts from the top of its file, header included):

- in a step that speaks of the app (``app = true``), each « … » must be a label of the app
  (``labels``): otherwise an error, with the nearest label when one is close; in another step,
  a quote very close to a label of the app (but not it) is a warning;
- a sentence of more than 20 words is a warning, of more than 25 an error; a step of fewer than
  60 or more than 180 words is a warning; a list item of several sentences is a warning (one
  action per line); « Bientôt disponible » is an error;
- a source read more than ``STALE_DAYS`` ago is a warning;
- the first step that speaks of « mot de passe » must say ``PASSWORD_RULE``;
- pictures of the app are PNG screenshots the app made (``images/ecran-<shot>.png``, listed in
  ``screenshots``): a listed shot whose file is missing, a used one that is not listed, or a
  file named ``ecran-…`` that is not a PNG is an error; any other picture (a drawing, a photo
  or a hand-made capture) in an app step is a warning.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lbpmv_desktop.core.fileio import UnsafeFile, read_regular_text
from lbpmv_desktop.core.tutorials.labels import (
    CLOSE,
    TRANSLATIONS_FILE,
    VERY_CLOSE,
    Labels,
    closest_label,
    content_labels,
    core_labels,
    find_labels,
    label_exists,
    normalise,
    translation_labels,
)
from lbpmv_desktop.core.tutorials.markup import markdown_images
from lbpmv_desktop.core.tutorials.model import (
    HELPER_NOTES_FILE,
    PASSWORD_RULE,
    SCREENSHOT_PREFIX,
    STALE_DAYS,
    Problem,
)
from lbpmv_desktop.core.tutorials.readability import plain_inline, sentences, stats_of

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from lbpmv_desktop.core.tutorials.catalogue import Catalogue
    from lbpmv_desktop.core.tutorials.model import Step, Tutorial

PACK_FILE = "tutorial.toml"
LONG_SENTENCE = 20  # words: above, a warning
TOO_LONG_SENTENCE = 25  # words: above, an error
STEP_WORDS = (60, 180)
SOON_RE = re.compile(r"bient[oô]t[\s\u00a0\u202f*_]{1,20}disponible", re.IGNORECASE)
PASSWORD_WORDS_RE = re.compile(r"\bmots? de passe\b", re.IGNORECASE)
QUOTED_START = 60  # characters of a sentence quoted in a message
MAX_FILE = 256 * 1024
MAX_QUOTES = 100  # « … » compared per step (a real step has a dozen): a hostile file stays quick


def default_translations() -> Path:
    """The app's French translations, shipped in ``resources/translations``."""
    from lbpmv_desktop.paths import resources_dir

    return resources_dir() / "translations" / TRANSLATIONS_FILE


def authoring_problems(
    catalogue: Catalogue, *, today: date, translations: Path | None = None
) -> list[Problem]:
    """Every authoring problem of the loaded ``catalogue`` (errors and warnings), sorted."""
    path = translations or default_translations()
    labels = translation_labels(path)
    readable = bool(labels.exact)
    labels.extend(core_labels())
    labels.extend(content_labels(catalogue), quotes=False)
    problems: list[Problem] = []
    if not readable:
        problems.append(
            Problem(
                path,
                1,
                "les libellés de l'application sont illisibles (fichier des traductions manquant ou "
                "abîmé) : les « … » des étapes ne sont pas vérifiés",
                warning=True,
            )
        )
    for tutorial in catalogue.path():
        problems += tutorial_problems(tutorial, labels if readable else None, today=today)
    return sorted(set(problems))


def tutorial_problems(tutorial: Tutorial, labels: Labels | None, *, today: date) -> list[Problem]:
    """The authoring problems of one tutorial (``labels`` None: quotes are not checked)."""
    problems: list[Problem] = []
    pack_file = tutorial.folder / PACK_FILE
    pack_text = _file_text(pack_file)
    for step in tutorial.steps:
        first = body_first_line(step)
        problems += _step_problems(tutorial, step, first, labels)
    problems += _password_problems(tutorial)
    problems += _source_problems(tutorial, pack_file, pack_text, today)
    problems += _screenshot_problems(tutorial, pack_file, pack_text)
    if labels is not None and tutorial.checklist:
        key_line = _nth_line(pack_text, "checklist", 0)
        quotes = [
            (_line_of_text(pack_text, item, key_line), text)
            for item in tutorial.checklist
            for _offset, text in find_labels(item)
        ]
        app = bool(tutorial.steps) and all(step.speaks_of_app for step in tutorial.steps)
        problems += _quote_problems(pack_file, quotes, labels, app=app)
    if tutorial.helper_notes:
        notes = tutorial.folder / HELPER_NOTES_FILE
        first = _first_line_of(_file_text(notes), tutorial.helper_notes)
        problems += [
            Problem(notes, first + line, message) for line, message in _soon_problems(tutorial.helper_notes)
        ]
    return problems


def body_first_line(step: Step) -> int:
    """The line of ``step.source`` where ``step.markdown`` begins (1 when it cannot be read)."""
    text = _file_text(step.source)
    header_end = _header_end(text)
    return _first_line_of(text, step.markdown, header_end)


def _header_end(text: str) -> int:
    """The offset just after the step's closing ``+++`` line (0 without a header)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "+++":
        return 0
    offset = len(lines[0]) + 1
    for line in lines[1:]:
        offset += len(line) + 1
        if line.strip() == "+++":
            return min(offset, len(text))
    return 0


def _first_line_of(text: str, part: str, start: int = 0) -> int:
    if not text or not part:
        return 1
    found = text.find(part, start)
    if found < 0:
        found = text.find(part.lstrip(), start)
    if found < 0:
        return text[:start].count("\n") + 1
    return text[:found].count("\n") + 1


def _file_text(path: Path) -> str:
    try:
        text = read_regular_text(path, MAX_FILE)
    except UnsafeFile:
        return ""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= QUOTED_START:
        return text
    cut = text[:QUOTED_START]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"


# -- steps -------------------------------------------------------------------------------------
def _step_problems(tutorial: Tutorial, step: Step, first: int, labels: Labels | None) -> list[Problem]:
    path = step.source
    problems: list[Problem] = []

    def add(line: int, message: str, *, warning: bool = False) -> None:
        problems.append(Problem(path, first + line, message, warning))

    if labels is not None:
        quotes = [(first + line, text) for line, text in find_labels(step.markdown)]
        text = _file_text(path)
        header = text[: _header_end(text)]
        for key, value in (("title", step.title), ("memo", step.memo)):
            line = _nth_line(header, key, 0)
            quotes += [(line, text) for _offset, text in find_labels(value or "")]
        problems += _quote_problems(path, quotes, labels, app=step.speaks_of_app)
    found = sentences(step.markdown)
    for sentence in found:
        if sentence.words > TOO_LONG_SENTENCE:
            add(
                sentence.line,
                f"phrase trop longue ({sentence.words} mots, {TOO_LONG_SENTENCE} au plus) : "
                f"« {_quote(sentence.text)} » — coupez-la en deux",
            )
        elif sentence.words > LONG_SENTENCE:
            add(
                sentence.line,
                f"phrase longue ({sentence.words} mots, {LONG_SENTENCE} au plus conseillés) : "
                f"« {_quote(sentence.text)} »",
                warning=True,
            )
    by_item: dict[int, list[int]] = {}
    for index, sentence in enumerate(found):
        if sentence.item is not None:
            by_item.setdefault(sentence.item, []).append(index)
    for indexes in by_item.values():
        if len(indexes) > 1:
            head = found[indexes[0]]
            add(
                head.line,
                f"élément de liste de {len(indexes)} phrases (« {_quote(head.text)} ») : une action par "
                "ligne, l'explication va dans un paragraphe après la liste",
                warning=True,
            )
    count = stats_of(step.id, found, step.minutes).words
    low, high = STEP_WORDS
    if not low <= count <= high:
        add(0, f"l'étape compte {count} mots ({low} à {high} conseillés)", warning=True)
    for line, message in _soon_problems(step.markdown):
        add(line, message)
    images, _problems = markdown_images(step.markdown, 0)
    for line, _alt, target in images:
        if target.startswith(SCREENSHOT_PREFIX):
            shot, dot, suffix = target[len(SCREENSHOT_PREFIX) :].rpartition(".")
            if not dot or suffix.lower() != "png":
                add(
                    line,
                    f"« {target} » : les noms « ecran-… » sont réservés aux captures de l'application "
                    "(PNG faites par lbpmv content screenshots) ; renommez ce dessin",
                )
            elif shot not in tutorial.screenshots:
                add(
                    line,
                    f"« {target} » est une capture de l'application absente de « screenshots » dans "
                    f'{PACK_FILE} : ajoutez "{shot}" pour que lbpmv content screenshots la refasse',
                )
        elif step.speaks_of_app:  # a drawing, or a picture of the app not made by the app
            add(
                line,
                f"« {target} » : une image de l'application doit être une capture : "
                "lbpmv content screenshots",
                warning=True,
            )
    return problems


def _quote_problems(path: Path, quotes: list[tuple[int, str]], labels: Labels, *, app: bool) -> list[Problem]:
    """Quotes ``(line, text)`` of a text that speaks of the app (``app``: each must be a label) or
    not (only a near miss is reported)."""
    problems = []
    for line, quoted in quotes[:MAX_QUOTES]:
        label = normalise(plain_inline(quoted)[0])
        if not label or label_exists(label, labels):
            continue
        if app:
            near = closest_label(label, labels, CLOSE)
            hint = f" (vouliez-vous dire « {near} » ?)" if near else ""
            problems.append(Problem(path, line, f"« {label} » n'existe pas dans l'application{hint}"))
            continue
        near = closest_label(label, labels, VERY_CLOSE)
        # « annuler » quoted as a word is not the button « Annuler »: only a misspelling warns
        if near is not None and near.casefold() != label.casefold():
            problems.append(
                Problem(
                    path,
                    line,
                    f"« {label} » ressemble à « {near} » de l'application : s'il s'agit de "
                    "l'application, écrivez-le comme elle et mettez app = true dans l'en-tête "
                    "de l'étape ; sinon, écrivez-le en italique",
                    warning=True,
                )
            )
    return problems


def _soon_problems(markdown: str) -> list[tuple[int, str]]:
    return [
        (
            markdown.count("\n", 0, match.start()),
            "« Bientôt disponible » : ne promettez pas un outil, décrivez celui que l'application "
            "a déjà (ou retirez ce passage)",
        )
        for match in SOON_RE.finditer(markdown)
    ]


# -- tutorials --------------------------------------------------------------------------------
def _password_problems(tutorial: Tutorial) -> list[Problem]:
    for step in tutorial.steps:
        plain = plain_inline(step.markdown)
        text, where = plain
        match = PASSWORD_WORDS_RE.search(text)
        if match is None:
            continue
        if normalise(PASSWORD_RULE) in normalise(text):
            return []
        line = step.markdown.count("\n", 0, where[match.start()]) if where else 0
        return [
            Problem(
                step.source,
                body_first_line(step) + line,
                f"première étape du tutoriel qui parle de mot de passe : écrivez-y « {PASSWORD_RULE} »",
            )
        ]
    return []


def _line_of_text(text: str, part: str, default: int) -> int:
    found = text.find(part)
    return text.count("\n", 0, found) + 1 if found >= 0 else default


def _nth_line(text: str, key: str, index: int, *, header: bool = False) -> int:
    """The line of the ``index``-th ``key = …`` of ``text`` (or of the ``index``-th table header
    ``key`` itself, with ``header``); 1 when there are fewer."""
    if header:
        pattern = re.compile(rf"^[ \t]*{re.escape(key)}", re.MULTILINE)
    else:
        pattern = re.compile(rf"^[ \t]*\"?{re.escape(key)}\"?[ \t]*=", re.MULTILINE)
    matches = list(pattern.finditer(text))
    if index < len(matches):
        return text.count("\n", 0, matches[index].start()) + 1
    return 1


def _source_problems(tutorial: Tutorial, pack_file: Path, text: str, today: date) -> list[Problem]:
    problems = []
    for number, source in enumerate(tutorial.sources, start=1):
        if source.last_checked is None:  # honest: never a made-up date, a reminder instead
            problems.append(
                Problem(
                    pack_file,
                    _nth_line(text, r"[[sources]]", number - 1, header=True),
                    f"source n° {number} à vérifier : personne n'a encore lu cette page pour ce fait "
                    f"({source.url}) ; lisez-la, puis ajoutez last_checked = la date du jour",
                    warning=True,
                )
            )
    dated = [source for source in tutorial.sources if source.last_checked is not None]
    for index, source in enumerate(dated):
        assert source.last_checked is not None
        line = _nth_line(text, "last_checked", index)
        age = (today - source.last_checked).days
        if age > STALE_DAYS:
            problems.append(
                Problem(
                    pack_file,
                    line,
                    f"source vérifiée il y a plus de 12 mois (le {source.last_checked:%d/%m/%Y}) : "
                    f"relisez {source.url} et mettez à jour last_checked",
                    warning=True,
                )
            )
    return problems


def _screenshot_problems(tutorial: Tutorial, pack_file: Path, text: str) -> list[Problem]:
    problems = []
    line = _nth_line(text, "screenshots", 0)
    for shot in tutorial.screenshots:
        target = f"{SCREENSHOT_PREFIX}{shot}.png"
        if not (tutorial.folder / target).is_file():
            problems.append(
                Problem(
                    pack_file,
                    line,
                    f"capture « {target} » introuvable : lancez lbpmv content screenshots",
                )
            )
    return problems
