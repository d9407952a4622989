"""How easy a step is to read: its sentences, words and syllables, and a French readability score.

What is counted (the same rules for ``lbpmv content check --stats`` and for the authoring checks):

- The text as the merchant reads it: Markdown marks (``**``, ``*``, ``_``, `` ` ``, ``#``, ``>``,
  list numbers and bullets) are dropped; a link ``[texte](adresse)``, glossary links
  ``[mot](glossaire:id)`` included, counts as its text.
- Pictures do NOT count: a description (``![description](images/…)``) describes a drawing for a
  screen reader, in as many words as it needs; it is not text the merchant reads on the page.
- Each paragraph, heading and list item ends a sentence (a list item is a sentence even
  without a full stop); inside them a sentence ends at ``.``, ``!``, ``?`` or ``…`` followed by a
  space and a capital letter, a digit or an opening quote (a closing » and spaces may come
  between): « Cliquez sur « C'est fait ! » pour finir. » is one sentence, a quoted message of
  two sentences is two; never after a known abbreviation (« ex. », « etc. ») nor after the
  number of a quoted heading (« 2. Régler »).
- A word is a run of letters and digits; apostrophes and hyphens inside it keep it whole
  (« l'application », « c'est-à-dire »: one word each). A number is one word with its decimal
  comma, its groups of thousands and a unit sign after it: « 24,90 € », « 1 080 », « 100 % ».
  Signs alone (« € », « | », « & », « — ») are not words.
- Syllables are counted as spoken French, by a documented rule (``syllables``), not by a
  hyphenation dictionary: hyphenation never cuts one letter off (« école », « a-ni-ma-teur »),
  so pyphen's ``fr_FR`` patterns counted 1 syllable for « école » and 3 for « améliorer »; see
  the tests for hand-counted words.

The score is Kandel and Moles' French adaptation of Flesch's reading ease:
``207 − 1,015 × mots/phrases − 73,6 × syllabes/mots`` (higher is easier: above 80 is easy,
60–70 is ordinary prose).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lbpmv_desktop.core.tutorials.model import Tutorial

SPACES = "\u00a0\u202f\u2009\u2007"  # no-break, narrow no-break, thin and figure spaces
APOSTROPHES = "'’ʼ"
ABBREVIATIONS = frozenset({"ex", "cf", "p", "env", "min", "max", "n°", "no", "tél", "m", "mme", "mlle"})
LIST_ITEM_RE = re.compile(r"^[ \t]{0,3}(?:[-*+]|[0-9]{1,9}[.)])[ \t]+")
HEADING_RE = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+")
QUOTE_RE = re.compile(r"^[ \t]{0,3}>[ \t]?")
RULE_RE = re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$")
# A number (decimal comma or point, groups of three digits after a space), then a unit sign.
_NUMBER = rf"[0-9]+(?:[{SPACES} ][0-9]{{3}})*(?:[,.][0-9]+)?(?:[{SPACES} ]?[€%$£])?"
_WORD = rf"[^\W_](?:[^\W_]|[{APOSTROPHES}\-](?=[^\W_]))*[{APOSTROPHES}]?"
WORD_RE = re.compile(rf"{_NUMBER}(?![^\W_])|{_WORD}")
MAX_ABBREVIATION = 6  # letters looked at before a dot (« mlle »)
MAX_LINK = 2000  # characters of a link's text: past that, brackets are plain text
_ABBREVIATION_RE = re.compile(r"(?:^|(?<=[^\w°]))(?:[^\W\d_]|°)+$")
_ORDINAL_RE = re.compile(r"(?:^|(?<=[\s«]))[0-9]{1,3}$")
# A link or picture: its text holds no bracket and no blank line, its address no space: one
# bounded match where it starts, never a scan for the closing bracket.
_LINK_RE = re.compile(
    rf"\[((?:[^\[\]\n]|\n(?![ \t]*\n)){{0,{MAX_LINK}}})\]\([^()\s]{{0,400}}(?:[ \t]+\"[^\"\n]{{0,300}}\")?\)"
)
_IMAGE_RE = re.compile(r"!" + _LINK_RE.pattern)
_SPECIAL_RE = re.compile(r"[\\\\!\[*`_]")
_QU_RE = re.compile("qu")
_GU_RE = re.compile("gu(?=[eéèêiîy])")
_VOWELS = "aàâäeéèêëiîïoôöuùûüyÿœæ"
_SILENT_E_RE = re.compile(rf"(?:[^{_VOWELS}]|é)es?$")
_ACRONYM_RE = re.compile(r"^[A-Z]{2,5}s?$")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a step, as read.

    Attributes:
        text: the sentence without Markdown marks, on one line.
        words: how many words it has (``WORD_RE``).
        line: its first line, counted from 0 at the step's first line of Markdown.
        item: the list item it belongs to (its number in the step, from 0), or None.
    """

    text: str
    words: int
    line: int
    item: int | None = None


@dataclass(frozen=True)
class StepStats:
    """The numbers of one step (``lbpmv content check --stats``).

    Attributes:
        id: the step's file name without ``.md`` (``01-la-lumiere``).
        words, sentences, syllables: counted as said in this module's docstring.
        longest: the words of the longest sentence; longest_text: that sentence.
        minutes: what the step declares.
        list_items: how many list items it has.
    """

    id: str
    words: int
    sentences: int
    syllables: int
    longest: int
    longest_text: str
    minutes: int
    list_items: int

    @property
    def mean(self) -> float:
        """Words per sentence."""
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def kandel_moles(self) -> float:
        return kandel_moles(self.words, self.sentences, self.syllables)


@dataclass(frozen=True)
class TutorialStats:
    """The numbers of one tutorial: its steps, and their totals."""

    id: str
    steps: tuple[StepStats, ...]

    @property
    def words(self) -> int:
        return sum(step.words for step in self.steps)

    @property
    def sentences(self) -> int:
        return sum(step.sentences for step in self.steps)

    @property
    def syllables(self) -> int:
        return sum(step.syllables for step in self.steps)

    @property
    def minutes(self) -> int:
        return sum(step.minutes for step in self.steps)

    @property
    def list_items(self) -> int:
        return sum(step.list_items for step in self.steps)

    @property
    def mean(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def longest(self) -> int:
        return max((step.longest for step in self.steps), default=0)

    @property
    def longest_text(self) -> str:
        return max(self.steps, key=lambda step: step.longest).longest_text if self.steps else ""

    @property
    def kandel_moles(self) -> float:
        return kandel_moles(self.words, self.sentences, self.syllables)


def kandel_moles(words: int, sentences: int, syllables: int) -> float:
    """Kandel and Moles' reading ease (0 when there is nothing to read)."""
    if not words or not sentences:
        return 0.0
    return 207 - 1.015 * (words / sentences) - 73.6 * (syllables / words)


# -- text -------------------------------------------------------------------------------------------
def normalise_spaces(text: str) -> str:
    """Every kind of space as one plain space, and no space at the ends."""
    return " ".join(text.translate({ord(c): " " for c in SPACES}).split())


def words(text: str) -> list[str]:
    """The words of plain text (see the module's docstring)."""
    return WORD_RE.findall(text)


def plain_inline(text: str, *, links: bool = True) -> tuple[str, list[int]]:
    """``text`` without inline Markdown, and for each character kept its offset in ``text``.

    Pictures disappear; links become their text; ``*``, ``_`` (around words), `` ` `` and
    backslash escapes go. Offsets let a sentence or a quote be placed on its line. Linear in
    the size of the text: a bracket is a link only when its ``](…)`` follows within ``MAX_LINK``
    characters (``_LINK_RE``), and a link's text is read without links of its own.
    """
    out: list[str] = []
    where: list[int] = []
    index, size = 0, len(text)
    while index < size:
        special = _SPECIAL_RE.search(text, index)
        stop = special.start() if special else size
        if stop > index:  # plain text up to the next mark, copied at once
            out.append(text[index:stop])
            where.extend(range(index, stop))
            index = stop
            if index >= size:
                break
        char = text[index]
        if char == "\\" and index + 1 < size and not text[index + 1].isalnum():
            out.append(text[index + 1])
            where.append(index + 1)
            index += 2
            continue
        if char == "!":
            image = _IMAGE_RE.match(text, index)
            if image is not None:
                out.append(" ")
                where.append(index)
                index = image.end()
                continue
        if char == "[" and links:
            link = _LINK_RE.match(text, index)
            if link is not None:
                inner, inner_where = plain_inline(link.group(1), links=False)
                out.append(inner)
                where.extend(index + 1 + offset for offset in inner_where)
                index = link.end()
                continue
        if char in "*`" or (char == "_" and _emphasis_underscore(text, index)):
            index += 1
            continue
        out.append(char)
        where.append(index)
        index += 1
    return "".join(out), where


def _emphasis_underscore(text: str, index: int) -> bool:
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return not (before.isalnum() and after.isalnum())  # snake_case stays whole


@dataclass(frozen=True)
class Block:
    """A paragraph, heading or list item of a step.

    Attributes:
        text: its Markdown (marks of the block itself removed), lines joined by newlines.
        line: its first line, from 0 at the step's first line.
        offsets: the step offset of each character of ``text``.
        item: its number among the step's list items (from 0), or None.
    """

    text: str
    line: int
    offsets: tuple[int, ...]
    item: int | None = None


def blocks(markdown: str) -> list[Block]:
    """The paragraphs, headings and list items of a step, in order."""
    found: list[Block] = []
    parts: list[str] = []
    offsets: list[int] = []
    start_line = 0
    item: int | None = None
    items = 0

    def close() -> None:
        nonlocal parts, offsets, item
        if parts and "".join(parts).strip():
            found.append(Block("".join(parts), start_line, tuple(offsets), item))
        parts, offsets, item = [], [], None

    position = 0
    for number, line in enumerate(markdown.split("\n")):
        line_start = position
        position += len(line) + 1
        if not line.strip() or RULE_RE.match(line):
            close()
            continue
        match = LIST_ITEM_RE.match(line) or HEADING_RE.match(line)
        quote = QUOTE_RE.match(line)
        if quote:
            line_start += quote.end()
            line = line[quote.end() :]
            match = LIST_ITEM_RE.match(line) or HEADING_RE.match(line)
        if match:
            close()
            start_line = number
            if LIST_ITEM_RE.match(line):
                item, items = items, items + 1
            skip = match.end()
        else:
            if not parts:
                start_line = number
            skip = len(line) - len(line.lstrip(" \t"))
        if parts:
            parts.append("\n")
            offsets.append(line_start - 1)
        parts.append(line[skip:])
        offsets.extend(range(line_start + skip, line_start + len(line)))
        if HEADING_RE.match(line):
            close()
    close()
    return found


def sentences(markdown: str) -> list[Sentence]:
    """The sentences of a step's Markdown, in order (pictures left out)."""
    line_starts = [0, *(m.end() for m in re.finditer("\n", markdown))]
    found: list[Sentence] = []
    for block in blocks(markdown):
        plain, where = plain_inline(block.text)
        for start, end in _split(plain):
            text = normalise_spaces(plain[start:end].replace("\n", " "))
            count = len(words(text))
            if not count:
                continue
            offset = block.offsets[where[start]] if where else 0
            line = _line_of(line_starts, offset)
            found.append(Sentence(text, count, line, block.item))
    return found


def _line_of(line_starts: list[int], offset: int) -> int:
    low, high = 0, len(line_starts)
    while low + 1 < high:
        middle = (low + high) // 2
        if line_starts[middle] <= offset:
            low = middle
        else:
            high = middle
    return low


def _split(text: str) -> list[tuple[int, int]]:
    """Where the sentences of one block start and end (see the module's docstring)."""
    spans: list[tuple[int, int]] = []
    start = 0
    depth = 0
    index, size = 0, len(text)
    while index < size:
        char = text[index]
        if char == "«":
            depth += 1
        elif char == "»":
            depth = max(0, depth - 1)
        elif char in ".!?…":
            end = index + 1
            while end < size and text[end] in ".!?…":
                end += 1
            run_end = end  # « !!! » or « ... » is looked at once, not once per mark
            after = _skip_spaces(text, end)
            closing = depth
            while after < size and text[after] in '»”")':
                closing -= text[after] == "»"
                end = after + 1
                after = _skip_spaces(text, end)
            if (
                after > end
                and after < size
                and _starts_sentence(text[after])
                and not (char == "." and _abbreviation(text, start, index))
                and not (char == "." and depth > 0 and _ordinal(text, start, index))
            ):
                spans.append((start, end))
                depth = max(0, closing)
                start = after
                index = after
                continue
            index = run_end
            continue
        index += 1
    if text[start:].strip():
        spans.append((start, size))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in spans]


def _skip_spaces(text: str, index: int) -> int:
    while index < len(text) and (text[index].isspace() or text[index] in SPACES):
        index += 1
    return index


def _ordinal(text: str, start: int, dot: int) -> bool:
    """Whether the dot at ``dot`` follows a bare number (« 2. Régler » inside a quote)."""
    word = _ORDINAL_RE.search(text, max(start, dot - 6), dot)
    return word is not None


def _starts_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in '«“"(-–—'


def _abbreviation(text: str, start: int, dot: int) -> bool:
    word = _ABBREVIATION_RE.search(text[max(start, dot - MAX_ABBREVIATION) : dot])
    return word is not None and word.group().lower() in ABBREVIATIONS


# -- syllables ---------------------------------------------------------------------------------
@functools.lru_cache(maxsize=20_000)
def syllables(word: str) -> int:
    """The syllables of a French word as spoken (at least 1 for a word).

    The rule: count the groups of vowels (``y`` included), where « qu » and « gu » before
    e/i/y are consonants, a vowel after « é » and a « ï », « ë » or « ü » start a group of their
    own, and « y » between vowels starts one (« es-sa-yez »); a final « e » or « es » after a
    consonant or an « é » is silent (« ta-ble », « u-ne », « i-dée »). Parts joined by an apostrophe or a hyphen are
    counted one by one (« au-jourd'hui » : 3). Numbers count one syllable per digit and
    acronyms of capitals one per letter (« SMS », « QR ») — rough, and rare in a step.
    """
    core = word.strip(APOSTROPHES)
    if not core:
        return 0
    if core[0].isdigit():
        digits = sum(c.isdigit() for c in core)
        return max(1, digits) + (2 if core[-1] in "€%" else 0)
    if _ACRONYM_RE.match(core):
        return len(core.rstrip("s"))
    total = sum(_part_syllables(part) for part in re.split(rf"[{APOSTROPHES}\-]", core) if part)
    return max(1, total)


def _part_syllables(part: str) -> int:
    text = unicodedata.normalize("NFC", part.lower())
    text = _GU_RE.sub("g", _QU_RE.sub("q", text))
    groups = 0
    previous_vowel = False
    previous = ""
    for index, char in enumerate(text):
        vowel = char in _VOWELS
        if vowel:
            new_group = (
                not previous_vowel
                or previous == "é"
                or char in "ïëü"
                or (char == "y" and index + 1 < len(text) and text[index + 1] in _VOWELS)
            )
            if new_group:
                groups += 1
        previous_vowel = vowel
        previous = char
    if groups > 1 and _SILENT_E_RE.search(text):
        groups -= 1
    return groups if any(c.isalpha() for c in text) else 0


# -- stats ----------------------------------------------------------------------------------------
def step_stats(step_id: str, markdown: str, minutes: int) -> StepStats:
    """The numbers of one step's Markdown."""
    return stats_of(step_id, sentences(markdown), minutes)


def stats_of(step_id: str, found: list[Sentence], minutes: int) -> StepStats:
    """The numbers of a step whose sentences are ``found`` (``sentences``)."""
    counted = [word for sentence in found for word in words(sentence.text)]
    longest = max(found, key=lambda sentence: sentence.words, default=None)
    items = len({sentence.item for sentence in found if sentence.item is not None})
    return StepStats(
        id=step_id,
        words=len(counted),
        sentences=len(found),
        syllables=sum(syllables(word) for word in counted),
        longest=longest.words if longest else 0,
        longest_text=longest.text if longest else "",
        minutes=minutes,
        list_items=items,
    )


def tutorial_stats(tutorial: Tutorial) -> TutorialStats:
    """The numbers of every step of ``tutorial``."""
    return TutorialStats(
        tutorial.id,
        tuple(
            step_stats(f"{step.number:02d}-{step.id}", step.markdown, step.minutes) for step in tutorial.steps
        ),
    )


HEADERS = (
    "tutoriel / étape",
    "mots",
    "phrases",
    "moyenne",
    "plus longue",
    "Kandel–Moles",
    "minutes",
    "listes",
)
START = 40  # characters of the longest sentence shown after the table


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _row(
    name: str, words_: int, sentences_: int, mean: float, longest: int, score: float, minutes: int, items: int
) -> list[str]:
    return [
        name,
        str(words_),
        str(sentences_),
        _decimal(mean),
        str(longest),
        _decimal(score),
        str(minutes),
        str(items),
    ]


def format_stats(stats: list[TutorialStats]) -> str:
    """A French table: one line per step, one per tutorial, and a final total.

    Columns are aligned (names left, numbers right); decimals take a comma. Under each tutorial's
    line, its longest sentence begins, so that the author finds it.
    """
    rows: list[list[str] | str] = []
    for tutorial in stats:
        for step in tutorial.steps:
            rows.append(
                _row(
                    f"  {step.id}",
                    step.words,
                    step.sentences,
                    step.mean,
                    step.longest,
                    step.kandel_moles,
                    step.minutes,
                    step.list_items,
                )
            )
        rows.append(
            _row(
                f"{tutorial.id} ({len(tutorial.steps)} étapes)",
                tutorial.words,
                tutorial.sentences,
                tutorial.mean,
                tutorial.longest,
                tutorial.kandel_moles,
                tutorial.minutes,
                tutorial.list_items,
            )
        )
        if tutorial.longest_text:
            rows.append(f"  plus longue phrase : « {_start(tutorial.longest_text)} »")
        rows.append("")
    words_ = sum(t.words for t in stats)
    sentences_ = sum(t.sentences for t in stats)
    syllables_ = sum(t.syllables for t in stats)
    steps = sum(len(t.steps) for t in stats)
    rows.append(
        _row(
            f"TOTAL ({len(stats)} tutoriel{'s' if len(stats) > 1 else ''}, "
            f"{steps} étape{'s' if steps > 1 else ''})",
            words_,
            sentences_,
            words_ / sentences_ if sentences_ else 0.0,
            max((t.longest for t in stats), default=0),
            kandel_moles(words_, sentences_, syllables_),
            sum(t.minutes for t in stats),
            sum(t.list_items for t in stats),
        )
    )
    table = [row for row in rows if isinstance(row, list)]
    widths = [max(len(row[i]) for row in [list(HEADERS), *table]) for i in range(len(HEADERS))]

    def line(row: list[str]) -> str:
        cells = [row[0].ljust(widths[0])] + [cell.rjust(widths[i]) for i, cell in enumerate(row) if i]
        return "  ".join(cells).rstrip()

    out = [line(list(HEADERS)), "  ".join("-" * width for width in widths)]
    out.extend(line(row) if isinstance(row, list) else row for row in rows)
    return "\n".join(out).rstrip() + "\n"


def _start(text: str) -> str:
    return text if len(text) <= START else text[:START].rstrip() + "…"
