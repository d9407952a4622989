"""The glossary of the content folder: one plain definition per word (``glossaire.toml``).

A step links a word to it with ``[mot de passe](glossaire:mot-de-passe)``; the player shows the
definition on click and reads it aloud. The file sits beside the packs::

    [mot-de-passe]
    word = "mot de passe"
    definition = "Le code secret, fait de lettres et de chiffres, qui ouvre un compte."

Like every content file it is read as a regular file of bounded size, checked by
``markup.toml_problem`` (with limits for some hundred words) before ``tomllib`` parses it, and
every value is checked as the loader checks a pack. The loader never raises: it returns the
words it could read and the problems it found, ``file:line: message`` in French.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lbpmv_desktop.core.tutorials.markup import FileProblem, key_line, parse_toml, read_text, text_problem
from lbpmv_desktop.core.tutorials.model import ID_RE, Problem, Term

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

MAX_GLOSSARY_BYTES = 64 * 1024  # about 80 words of 400 characters at most fill 40 KB
GLOSSARY_LIMITS = {"max_lines": 2000, "max_keys": 600}  # markup.toml_problem's, for this file
MAX_TERMS = 300
MAX_WORD = 60
MAX_DEFINITION = 400
TERM_FIELDS = ("word", "definition")
EXAMPLE = '[mot-de-passe] puis word = "mot de passe" et definition = "…"'
# A table header ``[id]`` (an id maybe in quotes), on a line of its own.
_HEADER_RE = re.compile(r"^[ \t]*\[[ \t]*[\"']?([^\[\]\n\"']{1,100})[\"']?[ \t]*\]", re.MULTILINE)


@dataclass(frozen=True)
class GlossaryFile:
    """What was read from a glossary file.

    Attributes:
        terms: the valid words, by id, in the file's order.
        problems: everything wrong, located in the file.
        named: every id the file names, valid or not (None when the file could not be read or
            parsed: then no link can be said to name a missing word).
    """

    terms: dict[str, Term]
    problems: list[Problem]
    named: frozenset[str] | None


def load_glossary(path: Path) -> tuple[dict[str, Term], list[Problem]]:
    """The words of the glossary at ``path`` by id, and its problems (a missing file is an empty
    glossary, without problem)."""
    glossary = read_glossary(path)
    return glossary.terms, glossary.problems


def read_glossary(path: Path) -> GlossaryFile:
    """The glossary at ``path`` (see ``GlossaryFile``); a missing file is an empty glossary."""
    if not path.exists() and not path.is_symlink():
        return GlossaryFile({}, [], frozenset())
    text = read_text(path, MAX_GLOSSARY_BYTES)
    data = text if isinstance(text, FileProblem) else parse_toml(text, **GLOSSARY_LIMITS)
    if isinstance(data, FileProblem):
        return GlossaryFile({}, [Problem(path, max(1, data.line), data.message)], None)
    assert isinstance(text, str)
    problems: list[Problem] = []

    def add(line: int, message: str) -> None:
        problems.append(Problem(path, max(1, line), message))

    if len(data) > MAX_TERMS:
        add(1, f"trop de mots ({len(data)}, maximum {MAX_TERMS})")
        return GlossaryFile({}, problems, frozenset(data))
    blocks = _blocks(text)
    terms: dict[str, Term] = {}
    for term_id, value in data.items():
        first, block = blocks.get(term_id, (key_line(text, term_id), ""))
        term = _term(term_id, value, first, block, add)
        if term is not None:
            terms[term_id] = term
    return GlossaryFile(terms, problems, frozenset(data))


def _blocks(text: str) -> dict[str, tuple[int, str]]:
    """Each table ``[id]`` of the file: its first line and its text up to the next table."""
    headers = list(_HEADER_RE.finditer(text))
    blocks: dict[str, tuple[int, str]] = {}
    for index, match in enumerate(headers):
        end = headers[index + 1].start() if index + 1 < len(headers) else len(text)
        name = match.group(1).strip()
        blocks.setdefault(name, (1 + text.count("\n", 0, match.start()), text[match.start() : end]))
    return blocks


def _term(term_id: str, value: Any, first: int, block: str, add: Callable[[int, str], None]) -> Term | None:
    if not isinstance(value, dict):
        add(first, f"« {term_id[:60]} » : chaque mot s'écrit dans un bloc à son nom, ex. {EXAMPLE}")
        return None
    found = 0

    def problem(line: int, message: str) -> None:
        nonlocal found
        found += 1
        add(line, message)

    if not ID_RE.fullmatch(term_id) or len(term_id) > 60:
        problem(
            first,
            f"identifiant « {term_id[:60]} » : lettres minuscules sans accent, chiffres et tirets "
            "seulement (ex. [mot-de-passe])",
        )
    for key in value:
        if key not in TERM_FIELDS:
            problem(
                key_line(block, key, first),
                f"champ inconnu « {key} » dans [{term_id}] (champs possibles : {', '.join(TERM_FIELDS)})",
            )
    texts: dict[str, str] = {}
    for key, limit in (("word", MAX_WORD), ("definition", MAX_DEFINITION)):
        field = value.get(key)
        line = key_line(block, key, first)
        if field is None:
            problem(first, f"champ obligatoire manquant dans [{term_id}] : « {key} »")
        elif not isinstance(field, str) or not field.strip():
            problem(line, f"« {key} » doit être un texte non vide entre guillemets")
        elif len(field) > limit:
            problem(line, f"« {key} » est trop long ({len(field)} caractères, maximum {limit})")
        elif (wrong := text_problem(field)) is not None:
            problem(line, f"« {key} » : {wrong}")
        elif key == "word" and "\n" in field:
            problem(line, "« word » doit tenir sur une ligne (pas de retour à la ligne)")
        else:
            texts[key] = " ".join(field.split()) if key == "definition" else field.strip()
    if found:
        return None
    return Term(term_id, texts["word"], texts["definition"])
