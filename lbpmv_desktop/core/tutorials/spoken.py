"""What the read-aloud says for a step: the step as a person sees it on the screen, in sentences.

The tutorial page shows a step's title, its Markdown text (paragraphs, numbered and bulleted
lists, pictures) and, for some steps, a practice button. The spoken text follows the same order:
the title, each paragraph and each list item as a sentence of its own, with the numbers of
numbered lists (« 1. », « 2. »…), each picture's description where the picture is, and last the
button's text. Markdown marks (``**``, links, HTML tags) are dropped, their words kept.

The few words that are not the author's (« Image : … », « Bouton : … ») are given by the caller,
already translated.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

IMAGE_TEMPLATE = "Image : {description}"
BUTTON_TEMPLATE = "Bouton : {label}"

_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\(\s*<?[^)\s>]*>?(?:\s+\"[^\"]*\")?\s*\)")
_LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_AUTOLINK_RE = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_BREAK_TAG_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG_RE = re.compile(r"</?[A-Za-z][^<>]*>")
_STRONG_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS_RE = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")
_STRIKE_RE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_CODE_RE = re.compile(r"`+([^`]*)`+")
_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
_SPACES_RE = re.compile(r"[ \t\r\f\v]+")
_ESCAPED = 0xE000  # an escaped ASCII mark c is held as chr(_ESCAPED + ord(c))

_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}(?:\s+(.*?))?\s*#*\s*$")
_BULLET_RE = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_NUMBERED_RE = re.compile(r"^(\s*)(\d{1,9})[.)]\s+(.*)$")
_RULE_RE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|=+)\s*$")
_FENCE_RE = re.compile(r"^\s{0,3}(```|~~~)")
_QUOTE_RE = re.compile(r"^\s{0,3}>\s?")
_TABLE_SEPARATOR_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")

_ENDINGS = ".!?…:"
_CLOSERS = "»”\"')]"


def spoken_text(
    title: str,
    markdown: str,
    *,
    action: str | None = None,
    image: str = IMAGE_TEMPLATE,
    button: str = BUTTON_TEMPLATE,
) -> str:
    """The text to read aloud for one step, one sentence per line.

    Args:
        title: the step's title, read first.
        markdown: the step's text.
        action: the practice button's text as shown on the screen, read last (None: no button).
        image: how a picture is announced; ``{description}`` is its Markdown description.
        button: how the practice button is announced; ``{label}`` is its text.
    """
    sentences = [finish_sentence(title)]
    sentences.extend(markdown_sentences(markdown, image=image))
    if action and action.strip():
        sentences.append(finish_sentence(button.format(label=_inline(action))))
    return "\n".join(sentence for sentence in sentences if sentence)


def finish_sentence(text: str) -> str:
    """``text`` on one line, ending like a sentence (a list item's « ; » becomes a full stop)."""
    text = _SPACES_RE.sub(" ", text.replace("\n", " ")).strip()
    text = text.rstrip(",; \u00a0\u202f")
    if not text:
        return ""
    last = text.rstrip(_CLOSERS + " \u00a0\u202f")
    if last and last[-1] in _ENDINGS:
        return text
    return f"{text}."


@dataclass
class _Block:
    """A paragraph, a heading or a list item being read, with its lines so far."""

    lines: list[str] = field(default_factory=list)
    number: int | None = None  # a numbered list item
    indent: int = 0


@dataclass
class _Reader:
    """Cuts Markdown into blocks, numbering the items of numbered lists as they are shown."""

    image: str
    sentences: list[str] = field(default_factory=list)
    block: _Block | None = None
    numbers: dict[int, int] = field(default_factory=dict)  # list indent → last number shown
    blank: bool = False
    in_fence: bool = False

    def flush(self) -> None:
        if self.block is None:
            return
        block, self.block = self.block, None
        text = " ".join(line.strip() for line in block.lines)
        prefix = f"{block.number}. " if block.number is not None else ""
        for part in _split_images(text, self.image):
            if part.startswith("\x00"):  # a picture's announcement, a sentence of its own
                self.sentences.append(finish_sentence(part[1:]))
                continue
            sentence = finish_sentence(_inline(part))
            if sentence:
                self.sentences.append(prefix + sentence)
                prefix = ""
        if prefix:  # a numbered item holding only a picture: the number still shows
            self.sentences.append(prefix.strip())

    def start(self, block: _Block) -> None:
        self.flush()
        self.block = block

    def read_line(self, raw: str) -> None:
        if _FENCE_RE.match(raw):
            self.flush()
            self.in_fence = not self.in_fence
            return
        if self.in_fence:  # code is shown line by line
            self.start(_Block([raw]))
            self.flush()
            return
        line = raw
        while _QUOTE_RE.match(line):
            line = _QUOTE_RE.sub("", line, count=1)
        if not line.strip():
            self.flush()
            self.blank = True
            return
        indent = len(line) - len(line.lstrip())
        self._read_content(line, indent)
        self.blank = False

    def _read_content(self, line: str, indent: int) -> None:
        heading = _HEADING_RE.match(line)
        numbered = _NUMBERED_RE.match(line)
        bullet = _BULLET_RE.match(line)
        if _RULE_RE.match(line):
            self.flush()
            self.numbers.clear()
        elif heading:
            self.numbers.clear()
            self.start(_Block([heading.group(1) or ""]))
            self.flush()
        elif numbered:
            self._forget_deeper(indent)
            number = self.numbers[indent] + 1 if indent in self.numbers else int(numbered.group(2))
            self.numbers[indent] = number
            self.start(_Block([numbered.group(3)], number=number, indent=indent))
        elif bullet:
            self._forget_deeper(indent)
            self.numbers.pop(indent, None)
            self.start(_Block([bullet.group(2)], indent=indent))
        elif line.lstrip().startswith("|"):
            self.flush()
            self.numbers.clear()
            if not _TABLE_SEPARATOR_RE.match(line):
                cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
                self.start(_Block([", ".join(cell for cell in cells if cell)]))
                self.flush()
        elif self.block is not None and not self.blank:
            self.block.lines.append(line)  # a soft line break: the same paragraph or item goes on
        else:
            if indent == 0:  # a paragraph that is not indented under a list item ends the lists
                self.numbers.clear()
            self.start(_Block([line], indent=indent))

    def _forget_deeper(self, indent: int) -> None:
        for deeper in [level for level in self.numbers if level > indent]:
            del self.numbers[deeper]


def markdown_sentences(markdown: str, *, image: str = IMAGE_TEMPLATE) -> list[str]:
    """The sentences of a step's Markdown text, in reading order (see the module's docstring)."""
    reader = _Reader(image)
    for raw in markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        reader.read_line(raw)
    reader.flush()
    return [sentence for sentence in reader.sentences if sentence]


def _split_images(text: str, image: str) -> list[str]:
    """``text`` cut around its pictures; a picture's part is its announcement, marked by NUL."""
    parts: list[str] = []
    position = 0
    for match in _IMAGE_RE.finditer(text):
        parts.append(text[position : match.start()])
        description = _inline(match.group(1))
        if description:
            parts.append("\x00" + image.format(description=description))
        position = match.end()
    parts.append(text[position:])
    return [part for part in parts if part.strip()]


def _inline(text: str) -> str:
    """The words of one line of Markdown, without its marks."""
    # Escaped marks (\*) are kept aside as private characters while the marks are removed.
    text = _ESCAPE_RE.sub(lambda match: chr(_ESCAPED + ord(match.group(1))), text)
    text = _CODE_RE.sub(r"\1", text)
    text = _IMAGE_RE.sub(lambda match: match.group(1), text)
    text = _LINK_RE.sub(r"\1", text)
    text = _AUTOLINK_RE.sub(r"\1", text)
    text = _BREAK_TAG_RE.sub(" ", text)
    text = _TAG_RE.sub("", text)
    for _ in range(3):  # nested marks: **bold with *emphasis* inside**
        text = _STRONG_RE.sub(r"\2", text)
        text = _EMPHASIS_RE.sub(lambda match: match.group(1) or match.group(2), text)
        text = _STRIKE_RE.sub(r"\1", text)
    text = re.sub("[\ue000-\ue07f]", lambda match: chr(ord(match.group()) - _ESCAPED), text)
    text = html.unescape(text)
    return _SPACES_RE.sub(" ", text).strip()
