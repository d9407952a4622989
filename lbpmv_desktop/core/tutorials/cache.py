"""A cache of the loaded catalogue, so the app does not parse every pack at every start.

The key covers every file of the content folder (path, size, modification time) and the app
version: editing, adding or removing any file of a pack, or updating the app, reloads it.

The cache lives in the user's data folder, where anything may have been written: it is plain
JSON (never a pickle, which would run code), read as a regular file of bounded size, and every
field is checked again before use (types, bounds, identifiers, safe addresses, and each step's
text passes the same Markdown check as ``content check``). Paths are never taken from it: a
tutorial's folder is rebuilt from the content folder and its id. Anything wrong, and the packs
are loaded again. An old ``catalogue.pickle`` is deleted without being read; a cache of an older
format (before the glossary, sources, memo lines and animator notes) is rebuilt.
"""

from __future__ import annotations

import contextlib
import json
import os
from datetime import date
from pathlib import Path
from typing import Any

from lbpmv_desktop import __version__
from lbpmv_desktop.core.fileio import UnsafeFile, read_regular, write_bytes_atomic
from lbpmv_desktop.core.tutorials.catalogue import Catalogue
from lbpmv_desktop.core.tutorials.glossary import MAX_DEFINITION, MAX_TERMS, MAX_WORD
from lbpmv_desktop.core.tutorials.loader import (
    MAX_CHECK,
    MAX_CHECKLIST,
    MAX_FACT,
    MAX_MEMO,
    MAX_SCREENSHOTS,
    MAX_SOURCES,
    MIN_CHECKLIST,
    glossary_path,
)
from lbpmv_desktop.core.tutorials.markup import (
    MAX_MARKDOWN_BYTES,
    is_safe_url,
    markdown_problems,
    text_problem,
)
from lbpmv_desktop.core.tutorials.model import (
    ACTIONS,
    ID_RE,
    MAX_STEP_MINUTES,
    MAX_TITLE,
    STEP_FILE_RE,
    THEMES,
    Problem,
    Source,
    Step,
    StepAction,
    Term,
    Tutorial,
)

FORMAT = 3  # 3: glossary, sources, checklist, screenshots, animator notes, memo lines, warnings
CACHE_FILE = "catalogue.json"
OLD_CACHE_FILE = "catalogue.pickle"  # format 1: never read, deleted
MAX_CACHE_BYTES = 8 * 1024 * 1024
MAX_TEXT = MAX_MARKDOWN_BYTES


class _Bad(ValueError):
    """The cache is not what this install writes."""


def content_key(root: Path) -> str:
    """One line per file of the content (a few kilobytes, compared as is: no hashing needed)."""
    lines = [f"{FORMAT}|{__version__}|{root.resolve()}"]
    glossary = glossary_path(root)
    if glossary.parent != root:  # one pack: its glossary is beside it, not under it
        try:
            stat = os.stat(glossary)
            lines.append(f"../{glossary.name}|{stat.st_size}|{stat.st_mtime_ns}")
        except OSError:
            lines.append(f"../{glossary.name}|-")
    base = len(os.path.join(root, ""))
    for folder, folders, files in os.walk(root):
        folders.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)  # never opens: a FIFO does not block
                lines.append(f"{path[base:]}|{stat.st_size}|{stat.st_mtime_ns}")
            except OSError:  # a broken link
                lines.append(f"{path[base:]}|-")
    return "\n".join(lines)


def load_cached(root: Path, cache_dir: Path) -> tuple[Catalogue, list[Problem]]:
    """The catalogue under ``root`` (loaded without parsing drawings), from the cache when fresh."""
    with contextlib.suppress(OSError):
        (cache_dir / OLD_CACHE_FILE).unlink()  # a pickle from an older version: never loaded
    key = content_key(root)
    cache = cache_dir / CACHE_FILE
    try:
        return _from_json(read_regular(cache, MAX_CACHE_BYTES), key, root)
    except (UnsafeFile, _Bad, ValueError, RecursionError):
        pass  # missing, stale, damaged or tampered with: load from the packs
    from lbpmv_desktop.core.tutorials.loader import load_catalogue

    catalogue, problems = load_catalogue(root, thorough=False)
    with contextlib.suppress(OSError):  # a read-only data folder only costs the next start a little
        write_bytes_atomic(cache, _to_json(key, root, catalogue, problems))
    return catalogue, problems


# -- writing -------------------------------------------------------------------------------------
def _to_json(key: str, root: Path, catalogue: Catalogue, problems: list[Problem]) -> bytes:
    tutorials = [
        {
            "id": t.id,
            "title": t.title,
            "summary": t.summary,
            "theme": t.theme,
            "level": t.level,
            "order": t.order,
            "prerequisites": list(t.prerequisites),
            "version": t.version,
            "folder": "" if t.folder == root else t.folder.name,
            "sources": [
                {
                    "fact": s.fact,
                    "url": s.url,
                    "last_checked": s.last_checked.isoformat() if s.last_checked else None,
                }
                for s in t.sources
            ],
            "checklist": list(t.checklist),
            "screenshots": list(t.screenshots),
            "helper_notes": t.helper_notes,
            "steps": [
                {
                    "id": s.id,
                    "number": s.number,
                    "title": s.title,
                    "minutes": s.minutes,
                    "markdown": s.markdown,
                    "file": s.source.name,
                    "app": s.speaks_of_app,
                    "memo": s.memo,
                    "action": None
                    if s.action is None
                    else {
                        "kind": s.action.kind,
                        "preset": s.action.preset,
                        "template": s.action.template,
                        "url": s.action.url,
                        "label": s.action.label,
                    },
                }
                for s in t.steps
            ],
        }
        for t in catalogue.path()
    ]
    document = {
        "format": FORMAT,
        "key": key,
        "tutorials": tutorials,
        "glossary": [
            {"id": term.id, "word": term.word, "definition": term.definition}
            for term in catalogue.glossary.values()
        ],
        "problems": [
            {"path": str(p.path), "line": p.line, "message": p.message, "warning": p.warning}
            for p in problems
        ],
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# -- reading, every field checked --------------------------------------------------------------
def _from_json(data: bytes, key: str, root: Path) -> tuple[Catalogue, list[Problem]]:
    document = json.loads(data)
    if not isinstance(document, dict) or document.get("format") != FORMAT or document.get("key") != key:
        raise _Bad("stale")
    tutorials = [_tutorial(item, root) for item in _list(document.get("tutorials"), 1000)]
    if len({t.id for t in tutorials}) != len(tutorials):
        raise _Bad("ids")
    known = {t.id for t in tutorials}
    if any(p not in known for t in tutorials for p in t.prerequisites) and (
        len(tutorials) != 1 or tutorials[0].folder != root
    ):
        raise _Bad("prerequisites")  # a single pack may name its siblings; a folder of packs not
    problems = [
        Problem(
            Path(_text(item, "path", 4096)),
            _int(item, "line", 1, 10**9),
            _text(item, "message", 4096),
            _bool(item, "warning"),
        )
        for item in (_dict(entry) for entry in _list(document.get("problems"), 10_000))
    ]
    glossary = [_term(entry) for entry in _list(document.get("glossary"), MAX_TERMS)]
    if len({term.id for term in glossary}) != len(glossary):
        raise _Bad("glossary ids")
    return Catalogue(tutorials, {term.id: term for term in glossary}), problems


def _tutorial(value: object, root: Path) -> Tutorial:
    item = _dict(value)
    tutorial_id = _text(item, "id", 60)
    if not ID_RE.fullmatch(tutorial_id):
        raise _Bad("id")
    folder_name = item.get("folder")
    if folder_name == "" and root.name == tutorial_id:
        folder = root
    elif folder_name == tutorial_id:
        folder = root / tutorial_id
    else:
        raise _Bad("folder")
    theme = _text(item, "theme", 20)
    prerequisites = _list(item.get("prerequisites"), 100)
    if theme not in THEMES or not all(isinstance(p, str) and ID_RE.fullmatch(p) for p in prerequisites):
        raise _Bad("theme or prerequisites")
    steps = tuple(_step(entry, folder, MAX_TITLE) for entry in _list(item.get("steps"), 99))
    if not steps or [s.number for s in steps] != list(range(1, len(steps) + 1)):
        raise _Bad("steps")
    if len({s.id for s in steps}) != len(steps):
        raise _Bad("step ids")
    checklist = tuple(_line(entry, MAX_CHECK) for entry in _list(item.get("checklist"), MAX_CHECKLIST))
    if checklist and len(checklist) < MIN_CHECKLIST:
        raise _Bad("checklist")
    screenshots = _list(item.get("screenshots"), MAX_SCREENSHOTS)
    if not all(isinstance(shot, str) and ID_RE.fullmatch(shot) and len(shot) <= 60 for shot in screenshots):
        raise _Bad("screenshots")
    notes = item.get("helper_notes")
    if notes is not None:
        notes = _text(item, "helper_notes", MAX_TEXT)
        if markdown_problems(notes):
            raise _Bad("helper notes")
    return Tutorial(
        id=tutorial_id,
        title=_shown(item, "title", MAX_TITLE),
        summary=_shown(item, "summary", 300),
        theme=theme,
        level=_int(item, "level", 1, 3),
        order=_int(item, "order", 0, 10_000),
        prerequisites=tuple(prerequisites),
        version=_int(item, "version", 1, 1_000_000),
        steps=steps,
        folder=folder,
        sources=tuple(_source(entry) for entry in _list(item.get("sources"), MAX_SOURCES)),
        checklist=checklist,
        screenshots=tuple(screenshots),
        helper_notes=notes,
    )


def _source(value: object) -> Source:
    item = _dict(value)
    url = _text(item, "url", 300)
    if not is_safe_url(url):
        raise _Bad("source url")
    checked = None if item.get("last_checked") is None else _date(item, "last_checked")
    return Source(fact=_line(item.get("fact"), MAX_FACT), url=url, last_checked=checked)


def _term(value: object) -> Term:
    item = _dict(value)
    term_id = _text(item, "id", 60)
    if not ID_RE.fullmatch(term_id):
        raise _Bad("term id")
    return Term(term_id, _line(item.get("word"), MAX_WORD), _shown(item, "definition", MAX_DEFINITION))


def _step(value: object, folder: Path, max_title: int) -> Step:
    item = _dict(value)
    step_id, number = _text(item, "id", 100), _int(item, "number", 1, 99)
    name = _text(item, "file", 120)
    match = STEP_FILE_RE.fullmatch(name)
    if match is None or int(match.group(1)) != number or match.group(2) != step_id:
        raise _Bad("file")
    markdown = _text(item, "markdown", MAX_TEXT)
    if markdown_problems(markdown):  # the same rules as content check: no HTML, no reference…
        raise _Bad("markdown")
    return Step(
        id=step_id,
        number=number,
        title=_shown(item, "title", max_title),
        minutes=_int(item, "minutes", 1, MAX_STEP_MINUTES),
        markdown=markdown,
        source=folder / name,
        action=_action(item.get("action")),
        speaks_of_app=_bool(item, "app"),
        memo=None if item.get("memo") is None else _line(item.get("memo"), MAX_MEMO),
    )


def _action(value: object) -> StepAction | None:
    if value is None:
        return None
    from lbpmv_desktop.core.photo.presets import PRESETS
    from lbpmv_desktop.core.poster.model import TEMPLATES

    item = _dict(value)
    kind = _text(item, "kind", 20)
    preset, template = _optional(item, "preset", 40), _optional(item, "template", 40)
    url, label = _optional(item, "url", 300), _optional(item, "label", 40)
    if label is not None and text_problem(label) is not None:
        raise _Bad("label")
    if (
        kind not in ACTIONS
        or (preset is not None and (kind != "open-studio" or preset not in PRESETS))
        or (template is not None and (kind != "open-poster" or template not in TEMPLATES))
        or ((url is not None or kind == "open-url") and (kind != "open-url" or not is_safe_url(url or "")))
    ):
        raise _Bad("action")
    return StepAction(kind, preset=preset, template=template, url=url, label=label)


def _dict(value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Bad("not an object")
    return value


def _list(value: object, limit: int) -> list[Any]:
    if not isinstance(value, list) or len(value) > limit:
        raise _Bad("not a list")
    return value


def _text(item: dict[str, Any], name: str, limit: int) -> str:
    value = item.get(name)
    if not isinstance(value, str) or not value.strip() or len(value) > limit or "\x00" in value:
        raise _Bad(name)
    return value


def _shown(item: dict[str, Any], name: str, limit: int) -> str:
    """A text the app shows (title, summary, button): also without hidden characters or tags."""
    value = _text(item, name, limit)
    if text_problem(value) is not None:
        raise _Bad(name)
    return value


def _line(value: object, limit: int) -> str:
    """A short text shown on one line (a checklist box, a memo line, a fact, a word)."""
    text = _shown({"text": value}, "text", limit)
    if "\n" in text or text != text.strip():
        raise _Bad("line")
    return text


def _bool(item: dict[str, Any], name: str) -> bool:
    value = item.get(name)
    if not isinstance(value, bool):
        raise _Bad(name)
    return value


def _date(item: dict[str, Any], name: str) -> date:
    """A day written ``YYYY-MM-DD``, exactly as this install writes it."""
    text = _text(item, name, 10)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise _Bad(name) from None
    if day.isoformat() != text:
        raise _Bad(name)
    return day


def _optional(item: dict[str, Any], name: str, limit: int) -> str | None:
    return None if item.get(name) is None else _text(item, name, limit)


def _int(item: dict[str, Any], name: str, low: int, high: int) -> int:
    value = item.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise _Bad(name)
    return value
