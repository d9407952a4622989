"""What a pack's text may contain, checked in one pass before anything parses or shows it.

Both checks are linear in the size of the text (no regular expression that can backtrack, every
look-ahead bounded), so a hostile file is refused as fast as a good one is accepted:

- ``toml_problem``: TOML the loader would not need (keys too long or with too many dotted parts,
  brackets nested too deep, too many keys, very long lines) is refused before ``tomllib`` sees it
  (a 400 KB key of dots took ``tomllib`` minutes and gigabytes).
- ``markdown_problems``: a step's Markdown may show pictures of its own folder, written in line
  (``![description](images/fichier.svg)``), link to ``https://`` addresses and to words of the
  glossary (``[mot de passe](glossaire:mot-de-passe)``, see ``glossary_target``); reference
  definitions, raw HTML, other addresses and anything that only looks like an image are refused.
- ``read_text`` / ``parse_toml``: the one bounded reader of a content file (UTF-8, no NUL, a
  regular file of at most so many bytes) and the TOML parser behind ``toml_problem``.
- ``image_target_ok`` / ``pack_image``: the one rule for a picture's name, shared by the checker
  and the player.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from lbpmv_desktop.core.fileio import UnsafeFile, check_regular, read_regular
from lbpmv_desktop.core.tutorials.drawing import drawing_cost
from lbpmv_desktop.core.tutorials.model import GLOSSARY_SCHEME, ID_RE

if TYPE_CHECKING:
    from collections.abc import Callable

IMAGE_SUFFIXES = frozenset({".svg", ".png", ".jpg", ".jpeg"})
MAX_IMAGE_BYTES = 5 * 1024 * 1024

MAX_TOML_LINE = 1000
MAX_TOML_LINES = 500
MAX_KEY = 64
MAX_KEY_PARTS = 4
MAX_DEPTH = 4
MAX_KEYS = 100

MAX_ALT = 1000  # a picture's description is read aloud: a few sentences at most
MAX_TARGET = 300
MAX_PROBLEMS = 20  # per step: past that, one more line says there are others
MAX_SAME = 3  # the same message at most this many times
MAX_MARKDOWN_BYTES = 16 * 1024  # a step is 60 to 180 words (2 KB): Qt lays out long lists slowly
MAX_LIST_ITEMS = 60  # per step (Qt's layout of lists and tables grows with the square of their size)

# A picture's name: folders and a file of letters, digits, dots, dashes and underscores, each
# part starting with a letter or digit (so never « .. », never absolute, never a scheme, never
# an escape or an entity that a Markdown reader would turn into something else).
IMAGE_TARGET_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}(?:/[A-Za-z0-9][A-Za-z0-9._-]{0,99}){0,5}")
# https://, a host name of at least two labels (no user name, no IP address in brackets), an
# optional port, then a path, query or fragment of plain URL characters.
HTTPS_RE = re.compile(
    r"https://[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,10}(?::[0-9]{1,5})?"
    r"(?:[/?#][A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]*)?"
)
HTML_RE = re.compile(r"<[A-Za-z/!?]")
DEFINITION_RE = re.compile(r"\]:")
REFERENCE_RE = re.compile(r"\]\[")
_TOML_PLAIN_RE = re.compile(r"[^\n#\"'=.\[\]{},\r]+")
# Bounded and without overlapping alternatives: linear, whatever the text.
_DESTINATION_RE = re.compile(r" {0,8}((?:[^\s()]|\([^\s()]{0,300}\)){0,301})")
_TITLE_RE = re.compile(r'(?: {1,8}"[^"\n]{0,300}")? {0,8}\)')
_NEWLINE_RE = re.compile("\n")
# Characters a reader cannot see but that change what is shown: controls (a tab and a newline
# aside), bidirectional overrides and isolates, zero-width and other invisible format characters.
HIDDEN_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200c\u200e\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f\ud800-\udfff]"
)
_NUMBERED_RE = re.compile(r"[0-9]{1,9}[.)](?:[ \t]|$)")
IMAGE_START = "!["
LINK_MIDDLE = "]("
GLOSSARY_PREFIX = f"{GLOSSARY_SCHEME}:"

IMAGE_HOWTO = "écrivez ![description](images/fichier.svg)"


# -- pictures ----------------------------------------------------------------------------------
def image_target_ok(target: str) -> bool:
    """Whether ``target`` is a plain relative name inside a pack (no ``..``, scheme or escape)."""
    return IMAGE_TARGET_RE.fullmatch(target) is not None


def image_target_problem(target: str) -> str | None:
    """Why ``target`` cannot name a picture of the pack (None: its name is fine)."""
    if ".." in PurePosixPath(target.replace("\\", "/")).parts:
        return f"image « {target} » : elle doit rester dans le dossier du tutoriel"
    if not image_target_ok(target):
        return (
            f"image « {target} » : elle doit être un fichier du dossier du tutoriel (ex. images/fichier.svg)"
        )
    if PurePosixPath(target).suffix.lower() not in IMAGE_SUFFIXES:
        return f"image « {target} » : format non accepté (SVG, PNG ou JPEG)"
    return None


def pack_image(folder: Path, target: str) -> Path | None:
    """The picture ``target`` of the pack in ``folder``, or None when it may not be shown.

    It must have a plain name (``image_target_problem``), resolve (links followed) inside the
    pack's folder, and be a regular file of at most ``MAX_IMAGE_BYTES``: a FIFO, a device, a
    folder or a link leading out of the pack is never opened.
    """
    if image_target_problem(target) is not None:
        return None
    try:
        root = folder.resolve()
        path = (root / target).resolve()
    except (OSError, RuntimeError):
        return None
    if not path.is_relative_to(root):
        return None
    try:
        check_regular(path, MAX_IMAGE_BYTES)
    except UnsafeFile:
        return None
    return path


# -- drawings --------------------------------------------------------------------------------
_SVG_REFUSED = (
    (re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE), "déclaration DOCTYPE ou ENTITY"),
    (
        re.compile(rb"<(?:[\w.-]{1,40}:)?(?:image|script|foreignObject)\b", re.IGNORECASE),
        "balise d'image ou de script",
    ),
    (
        re.compile(rb"href[ \t\r\n]{0,40}=[ \t\r\n]{0,40}[\"'](?!#)", re.IGNORECASE),
        "lien vers un autre fichier (href)",
    ),
    (
        re.compile(rb"url[ \t\r\n]{0,40}\([ \t\r\n]{0,40}[\"']?(?!#)", re.IGNORECASE),
        "adresse vers un autre fichier (url)",
    ),
    (re.compile(rb"@import", re.IGNORECASE), "feuille de style importée (@import)"),
)


def svg_cost(data: bytes) -> tuple[str | None, int]:
    """Why the drawing ``data`` may not be shown (None: it draws only itself, at little cost), and
    else what it costs to draw (``drawing.drawing_cost``).

    A drawing of the pack draws shapes and text: it may not pull in another file (Qt's SVG
    renderer opens the local file of an ``<image>``), declare entities or hold scripts: one pass
    of bounded patterns over the bytes, before any XML reader sees them. Then it is read once
    (``drawing.drawing_problem``): it must be an SVG drawing that costs little to draw, copies
    (``<use>``), filters, masks and patterns included.
    """
    if b"\x00" in data:
        return "dessin SVG qui n'est pas en UTF-8 : réenregistrez-le en UTF-8", 0
    for pattern, what in _SVG_REFUSED:
        if pattern.search(data):
            return f"dessin SVG refusé : {what} (un dessin du tutoriel ne montre que lui-même)", 0
    refused, cost = drawing_cost(data)
    if refused is None:
        return None, cost
    return f"dessin SVG refusé, ligne {refused.line} du dessin : {refused.what}", 0


def svg_problem(data: bytes) -> str | None:
    """Why the drawing ``data`` may not be shown (see ``svg_cost``); None when it may."""
    return svg_cost(data)[0]


# -- TOML ----------------------------------------------------------------------------------------
def toml_problem(
    text: str,
    *,
    max_line: int = MAX_TOML_LINE,
    max_lines: int = MAX_TOML_LINES,
    max_key: int = MAX_KEY,
    max_key_parts: int = MAX_KEY_PARTS,
    max_depth: int = MAX_DEPTH,
    max_keys: int = MAX_KEYS,
) -> tuple[int, str] | None:
    """The first line (1-based, in ``text``) where ``text`` goes over the limits, and why.

    A small hand scanner: it follows strings (so brackets, dots and ``=`` inside them do not
    count), comments, keys and the nesting of ``[`` and ``{``; one pass, no backtracking. The
    limits suit a ``tutorial.toml`` or a step's header; a bigger file (the glossary) passes its
    own: the longest line, the number of lines, a key's length and dotted parts, how deep
    brackets nest and how many ``key = value`` the file holds.
    """
    line, line_start, index, size = 1, 0, 0, len(text)
    stack: list[str] = []  # "h" table header, "[" array, "{" inline table
    keys = 0
    in_key, key_length, key_parts = True, 0, 1

    def start_key() -> None:
        nonlocal in_key, key_length, key_parts
        in_key, key_length, key_parts = True, 0, 1

    while index < size:
        plain = _TOML_PLAIN_RE.match(text, index)  # a run of nothing special, skipped at once
        if plain is not None:
            if in_key:
                chunk = plain.group()
                key_length += len(chunk) - chunk.count(" ") - chunk.count("\t")
                if key_length > max_key:
                    return line, f"nom de champ trop long (maximum {max_key} caractères)"
            index = plain.end()
            continue
        char = text[index]
        if char == "\n":
            if index - line_start > max_line:
                return line, _long_line(index - line_start, max_line)
            line, line_start = line + 1, index + 1
            if line > max_lines:
                return line, f"trop de lignes (maximum {max_lines})"
            if not stack or stack[-1] == "{":
                start_key()
            index += 1
            continue
        if char == "#":
            end = text.find("\n", index)
            index = size if end < 0 else end
            continue
        if char in "\"'":
            quote = char * 3 if text.startswith(char * 3, index) else char
            end = _string_end(text, index + len(quote), quote)
            # a string's newlines still count as lines (and their lengths)
            newline = text.find("\n", index, end)
            while newline >= 0:
                if newline - line_start > max_line:
                    return line, _long_line(newline - line_start, max_line)
                line, line_start = line + 1, newline + 1
                if line > max_lines:
                    return line, f"trop de lignes (maximum {max_lines})"
                newline = text.find("\n", newline + 1, end)
            if in_key:
                key_length += end - index
                if key_length > max_key:
                    return line, f"nom de champ trop long (maximum {max_key} caractères)"
            index = end
            continue
        if in_key and char not in " \t\r=[]{},":
            key_length += 1
            if char == ".":
                key_parts += 1
                if key_parts > max_key_parts:
                    return line, (
                        f"nom de champ à trop de parties séparées par des points (maximum {max_key_parts})"
                    )
            if key_length > max_key:
                return line, f"nom de champ trop long (maximum {max_key} caractères)"
        elif char == "=" and (not stack or stack[-1] == "{"):
            keys += 1
            if keys > max_keys:
                return line, f"trop de champs (maximum {max_keys})"
            in_key = False
        elif char in "[{":
            stack.append("h" if char == "[" and in_key and not stack else char)
            if len(stack) > max_depth:
                return line, f"trop de crochets ou d'accolades imbriqués (maximum {max_depth})"
            if char == "{":
                start_key()
            elif stack[-1] != "h":
                in_key = False
        elif char in "]}":
            if stack:
                stack.pop()
        elif char == "," and stack and stack[-1] == "{":
            start_key()
        index += 1
    if size - line_start > max_line:
        return line, _long_line(size - line_start, max_line)
    return None


def _long_line(length: int, limit: int) -> str:
    return f"ligne trop longue ({length} caractères, maximum {limit}) : raccourcissez-la"


def _string_end(text: str, start: int, quote: str) -> int:
    """The index just after the closing ``quote`` (or the end of the text, or of the line for a
    one-line string: the parser reports the error itself)."""
    body = _STRING_BODY[quote].match(text, start)
    assert body is not None  # every pattern may match nothing
    end = body.end()
    if not text.startswith(quote, end):
        return end
    end += len(quote)
    if len(quote) == 3:
        while end < len(text) and text[end] == quote[0] and end - body.end() < 5:
            end += 1  # """a"""" : up to two more quotes belong to the string
    return end


NOT_REGULAR = (
    "ce n'est pas un fichier ordinaire (un dossier, un tube ou un périphérique) : "
    "remplacez-le par un vrai fichier"
)
_TOML_POSITION_RE = re.compile(r"\(at line (\d+), column (\d+)\)")


def key_line(text: str, key: str, first_line: int = 1) -> int:
    """The line of the first ``key = …`` in ``text`` (``first_line`` when there is none), counted
    from ``first_line`` for the text's first line."""
    # spaces and tabs only (``\s`` would cross lines: quadratic over a file of blank lines)
    pattern = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", re.MULTILINE)
    match = pattern.search(text)
    return first_line + (text.count("\n", 0, match.start()) if match else 0)


@dataclass(frozen=True)
class FileProblem:
    """Why a content file cannot be read or parsed, and where (1-based line in the file)."""

    line: int
    message: str


def read_text(path: Path, limit: int) -> str | FileProblem:
    """The text of ``path``, a regular file of at most ``limit`` bytes in UTF-8 (a BOM dropped,
    line ends made ``\n``), or why it cannot be used. Never blocks on a FIFO, never follows a
    device."""
    try:
        data = read_regular(path, limit)
    except UnsafeFile as error:
        if error.reason == "not-regular":
            return FileProblem(1, NOT_REGULAR)
        if error.reason == "too-big":
            return FileProblem(1, f"fichier trop gros ({error.size // 1024} Ko, maximum {limit // 1024} Ko)")
        return FileProblem(1, "fichier illisible (vérifiez qu'il existe et qu'il n'est pas ouvert ailleurs)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return FileProblem(line, "le fichier n'est pas enregistré en UTF-8 (réenregistrez-le en « UTF-8 »)")
    if "\x00" in text:
        return FileProblem(
            text[: text.index("\x00")].count("\n") + 1, "caractère nul : ce n'est pas un fichier texte"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_toml(text: str, **limits: int) -> dict[str, Any] | FileProblem:
    """``text`` parsed as TOML once ``toml_problem(text, **limits)`` finds nothing over the
    limits (some small files make the parser run for minutes), or the first problem (line
    1-based in ``text``)."""
    over = toml_problem(text, **limits)
    if over is not None:
        return FileProblem(*over)
    try:
        return tomllib.loads(text)
    except RecursionError:
        return FileProblem(1, "trop de crochets ou d'accolades imbriqués")
    except tomllib.TOMLDecodeError as error:
        match = _TOML_POSITION_RE.search(str(error))
        return FileProblem(
            int(match.group(1)) if match else 1,
            "syntaxe incorrecte : vérifiez les guillemets, les crochets et le signe « = » "
            "(chaque ligne s'écrit champ = valeur)",
        )


# The inside of each kind of TOML string; alternatives start differently, so no backtracking.
_STRING_BODY = {
    '"': re.compile(r'(?:[^"\\\n]|\\.)*'),
    "'": re.compile(r"[^'\n]*"),
    '"""': re.compile(r'(?:[^"\\]|\\.|"(?!""))*', re.DOTALL),
    "'''": re.compile(r"(?:[^']|'(?!''))*"),
}


# -- Markdown ------------------------------------------------------------------------------------
class _Lines:
    """Line numbers of offsets in a text, by bisection (never by counting from the start); the
    line starts are only found once a line is asked for (a good step has no problem to place)."""

    def __init__(self, text: str, first_line: int) -> None:
        self._text = text
        self._starts: list[int] = []
        self._first = first_line

    def of(self, offset: int) -> int:
        if not self._starts:
            self._starts = [0, *(match.end() for match in _NEWLINE_RE.finditer(self._text))]
        return self._first + bisect.bisect_right(self._starts, offset) - 1


def is_safe_url(url: str) -> bool:
    """An ``https://`` address with a host name, of plain characters."""
    return len(url) <= MAX_TARGET and HTTPS_RE.fullmatch(url) is not None


def glossary_target(url_text: str) -> str | None:
    """The glossary id a link points to (``glossaire:mot-de-passe`` → ``mot-de-passe``), or None
    when ``url_text`` is not a link to the glossary with a well-formed id (``ID_RE``)."""
    if not url_text.startswith(GLOSSARY_PREFIX) or len(url_text) > MAX_TARGET:
        return None
    term = url_text[len(GLOSSARY_PREFIX) :]
    return term if ID_RE.fullmatch(term) else None


def text_problem(value: str) -> str | None:
    """Why a title, summary or button text may not be shown as is (None: it may)."""
    hidden = HIDDEN_RE.search(value)
    if hidden is not None:
        return f"caractère invisible ou de contrôle (U+{ord(hidden.group()):04X}) : retirez-le"
    tag = HTML_RE.search(value)
    if tag is not None:
        return (
            f"balise HTML « {value[tag.start() : tag.start() + 12].split()[0]} » : écrivez du texte seulement"
        )
    return None


@dataclass(frozen=True)
class MarkdownScan:
    """What one pass over a step's Markdown found (lines count from the ``first_line`` given).

    Attributes:
        images: each picture as ``(line, description, target)``.
        glossary: each link to the glossary as ``(line, id)``, in order.
        problems: each problem as ``(line, message)``: at most ``MAX_PROBLEMS`` of them, and one
            more saying there are others.
    """

    images: list[tuple[int, str, str]]
    glossary: list[tuple[int, str]]
    problems: list[tuple[int, str]]


def markdown_scan(body: str, first_line: int = 1) -> MarkdownScan:
    """The pictures, glossary links and problems of a step's Markdown, in one linear pass."""
    lines = _Lines(body, first_line)
    found, links, problems = _scan(body, lines)
    return MarkdownScan(
        [(lines.of(offset), alt, target) for offset, alt, target in found],
        [(lines.of(offset), term) for offset, term in links],
        problems,
    )


def markdown_images(
    body: str, first_line: int = 1
) -> tuple[list[tuple[int, str, str]], list[tuple[int, str]]]:
    """The pictures of a step, and its problems (see ``markdown_scan``)."""
    scan = markdown_scan(body, first_line)
    return scan.images, scan.problems


def markdown_problems(body: str, first_line: int = 1) -> list[tuple[int, str]]:
    """The problems of a step's Markdown (see ``markdown_scan``)."""
    return _scan(body, _Lines(body, first_line))[2]


def _scan(
    body: str, lines: _Lines
) -> tuple[list[tuple[int, str, str]], list[tuple[int, str]], list[tuple[int, str]]]:
    images: list[tuple[int, str, str]] = []
    links: list[tuple[int, str]] = []
    problems: list[tuple[int, str]] = []
    extra = 0
    seen: dict[str, int] = {}

    def add(offset: int, message: str) -> None:
        nonlocal extra
        seen[message] = seen.get(message, 0) + 1
        if len(problems) < MAX_PROBLEMS and seen[message] <= MAX_SAME:
            problems.append((lines.of(offset), message))
        else:
            extra += 1

    for match in HTML_RE.finditer(body):
        add(
            match.start(),
            f"balise HTML « {body[match.start() : match.start() + 12].split()[0]} » : le texte s'écrit "
            "en Markdown seulement (les images : ![description](images/fichier.svg))",
        )
    for match in DEFINITION_RE.finditer(body):
        add(
            match.start(),
            "définition de lien « [nom]: adresse » refusée : écrivez les images en ligne, "
            "![description](images/fichier.svg), et les liens [texte](https://…)",
        )
    for match in REFERENCE_RE.finditer(body):
        add(
            match.start(),
            "lien ou image par référence « [texte][nom] » refusé : écrivez les liens "
            "[texte](https://…) et les images ![description](images/fichier.svg)",
        )
    image_middles: set[int] = set()
    start = body.find(IMAGE_START)
    while start >= 0:
        parsed = _parse_image(body, start)
        if parsed is None:
            add(
                start,
                f"image mal écrite : {IMAGE_HOWTO}, sans crochets dans la description "
                "ni référence ![description][nom]",
            )
            start = body.find(IMAGE_START, start + 2)
            continue
        middle, end, alt, target = parsed
        image_middles.add(middle)
        problem = image_target_problem(target)
        if problem is not None:
            add(start, problem)
        else:
            images.append((start, alt, target))
        if not alt.strip():
            add(start, "image sans description : écrivez ce qu'elle montre entre les crochets")
        start = body.find(IMAGE_START, end)
    middle = body.find(LINK_MIDDLE)
    while middle >= 0:
        if middle not in image_middles:
            found = _destination(body, middle + 2)
            link = found[0] if found else None
            if link is not None and link.startswith(GLOSSARY_PREFIX):
                term = glossary_target(link)
                if term is None:
                    add(
                        middle,
                        f"lien vers le glossaire « {link[:60]} » : écrivez [mot](glossaire:identifiant), "
                        "l'identifiant en lettres minuscules sans accent, chiffres et tirets",
                    )
                else:
                    links.append((middle, term))
            elif link is None or not is_safe_url(link):
                shown = (link or body[middle + 2 : middle + 40].split(")")[0])[:60]
                add(
                    middle,
                    f"lien « {shown} » : seules les adresses qui commencent par https:// et les mots "
                    "du glossaire ([mot](glossaire:identifiant)) sont acceptés",
                )
        middle = body.find(LINK_MIDDLE, middle + 2)
    _check_blocks(body, lines, add)
    hidden = HIDDEN_RE.search(body)
    if hidden is not None:
        add(hidden.start(), f"caractère invisible ou de contrôle (U+{ord(hidden.group()):04X}) : retirez-le")
    if extra:
        problems.append((problems[-1][0], f"… et {extra} autre(s) problème(s) du même genre"))
    problems.sort(key=lambda problem: problem[0])
    return images, links, problems


def _check_blocks(body: str, lines: _Lines, add: Callable[[int, str], None]) -> None:
    """Tables are refused and lists bounded: Qt takes seconds to lay out a few thousand rows."""
    items, offset = 0, 0
    for line in body.split("\n"):
        text = line.lstrip(" \t>")
        if "|" in text and "-" in text and not text.strip("|-: \t"):
            add(offset, "tableau refusé : présentez ces informations en phrases ou en liste")
        elif (text[:1] in ("-", "*", "+") and text[1:2] in ("", " ", "\t")) or _NUMBERED_RE.match(text):
            items += 1
            if items == MAX_LIST_ITEMS + 1:
                add(
                    offset,
                    f"trop d'éléments de liste (maximum {MAX_LIST_ITEMS} par étape) : coupez l'étape en deux",
                )
        offset += len(line) + 1


def _parse_image(body: str, start: int) -> tuple[int, int, str, str] | None:
    """``![alt](target)`` or ``![alt](target "title")`` at ``start``: where its ``](`` is, where
    it ends, its description and its target; None when it is anything else."""
    alt_start = start + 2
    close = body.find("]", alt_start, alt_start + MAX_ALT + 1)
    if close < 0 or body.find("[", alt_start, close) >= 0 or not body.startswith("(", close + 1):
        return None
    found = _destination(body, close + 2)
    if found is None:
        return None
    target, index = found
    tail = _TITLE_RE.match(body, index)
    if tail is None:
        return None
    return close, tail.end(), body[alt_start:close], target


def _destination(body: str, index: int) -> tuple[str, int] | None:
    """The link target starting at ``index`` (just after ``](``) and where it ends: characters up
    to a space or ``)``, with one level of parentheses inside; None when empty or too long."""
    match = _DESTINATION_RE.match(body, index)
    assert match is not None  # every part of the pattern may be empty
    target, end = match.group(1), match.end()
    if not target or len(target) > MAX_TARGET:
        return None
    if end < len(body) and body[end] not in " \t\n)":
        return None  # stopped by a limit or a stray parenthesis
    return target, end
