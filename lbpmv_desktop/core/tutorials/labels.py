"""The labels the app shows in French, and the « … » quotes of a step that name them.

A step that speaks of the app (``app = true``) quotes its buttons, headings and fields exactly as
the merchant sees them: ``lbpmv content check`` compares each quote with:

- the finished French translations of ``resources/translations/lbpmv_fr.ts`` (never the
  unfinished, obsolete or vanished ones): each translation, each of its lines, each name it
  quotes itself (« Mes photos prêtes » in « Ouvrir « Mes photos prêtes » »), and a field's
  caption without its final colon; ``&`` mnemonics dropped, placeholders (``%1``, ``%n``,
  ``{shop}``) matching any text;
- the French words that live in core: the poster templates (names, headlines, messages, hints
  beside the QR code) and colour themes, the diagnostic's questions, answers and profiles;
- what the content itself puts on screen: tutorial and step titles and practice buttons
  (``content_labels``), whole (the names they quote are checked, not taken as labels).

Quotes and labels are compared once normalised (``normalise``): every kind of space is one
space, « ... » is « … », typographic apostrophes are plain ones, a guillemet has one space
inside. Nothing else is forgiven: « Préparer pour… » is not « 5. Préparer pour… ».
"""

from __future__ import annotations

import difflib
import re
import unicodedata
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lbpmv_desktop.core.fileio import UnsafeFile, read_regular
from lbpmv_desktop.core.poster.model import TEMPLATES, THEMES

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from lbpmv_desktop.core.tutorials.catalogue import Catalogue

TRANSLATIONS_FILE = "lbpmv_fr.ts"  # in resources/translations, shipped beside the .qm
MAX_TS_BYTES = 4 * 1024 * 1024
MAX_LABEL = 200  # a longer quote is a quoted sentence, compared all the same
CLOSE = 0.8  # difflib ratio for « vouliez-vous dire … ? »
VERY_CLOSE = 0.88  # a quote outside an app step this close to a label is probably a misspelt label
MIN_LITERAL = 4  # letters a label with placeholders must show of its own to be compared
_SPACES = {ord(c): " " for c in "\u00a0\u202f\u2009\u2007\t\n"}
_PLACEHOLDER_RE = re.compile(r"%L?[0-9n]|\{[A-Za-z_0-9]*(?:![rsa])?(?::[^{}]*)?\}")
_TAG_RE = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_DESTINATION_RE = re.compile(r"\]\([^()\s]{1,400}\)")
_INNER_QUOTE_RE = re.compile(r"«\s*([^«»]{1,200}?)\s*»")


def normalise(text: str) -> str:
    """``text`` as compared: one kind of space, « … » for three dots, plain apostrophes, one space
    inside guillemets, none at the ends."""
    text = unicodedata.normalize("NFC", text).translate(_SPACES)
    text = text.replace("...", "…").replace("’", "'").replace("ʼ", "'")
    text = re.sub(r"«\s*", "« ", text)
    text = re.sub(r"\s*»", " »", text)
    return " ".join(text.split())


def drop_mnemonics(text: str) -> str:
    """A Qt text without its keyboard shortcut marks (``&Fichier`` → ``Fichier``, ``&&`` → ``&``)."""
    return re.sub(r"&(&|(?=\S))", lambda match: match.group(1), text)


@dataclass
class Labels:
    """The app's labels, normalised.

    Attributes:
        exact: labels without placeholders.
        patterns: labels with placeholders, as regular expressions over a normalised quote.
        near: ``closest_label``'s answers so far (a step quotes the same words again and again).
    """

    exact: set[str] = field(default_factory=set)
    patterns: list[re.Pattern[str]] = field(default_factory=list)
    near: dict[tuple[str, float], str | None] = field(default_factory=dict, repr=False)

    def add(self, text: str, *, quotes: bool = True) -> None:
        """Add a text the app shows: whole, line by line, its own quotes (unless ``quotes`` is
        False), and without a final colon."""
        text = _TAG_RE.sub("", drop_mnemonics(text))
        pieces = [text, *text.split("\n")]
        if quotes:
            pieces += [match.group(1) for match in _INNER_QUOTE_RE.finditer(text)]
        self.near.clear()
        for piece in pieces:
            label = normalise(piece)
            if not label:
                continue
            self._add_one(label)
            for ending in (" :", ":"):
                if label.endswith(ending) and len(label) > len(ending):
                    self._add_one(label[: -len(ending)].rstrip())

    def _add_one(self, label: str) -> None:
        if _PLACEHOLDER_RE.search(label):
            parts = _PLACEHOLDER_RE.split(label)
            if sum(c.isalpha() for part in parts for c in part) < MIN_LITERAL:
                return  # « {name} » alone, or « {count} € », would match any quote
            pattern = re.compile(".+?".join(re.escape(part) for part in parts), re.DOTALL)
            if pattern.pattern not in {p.pattern for p in self.patterns[-50:]}:
                self.patterns.append(pattern)
        else:
            self.exact.add(label)

    def extend(self, texts: Iterable[str], *, quotes: bool = True) -> None:
        for text in texts:
            self.add(text, quotes=quotes)


def translation_labels(path: Path) -> Labels:
    """The finished French translations of the Qt ``.ts`` file at ``path`` (empty if unreadable)."""
    labels = Labels()
    try:
        data = read_regular(path, MAX_TS_BYTES)
    except UnsafeFile:
        return labels
    if b"<!ENTITY" in data:  # our own file never declares entities: refuse to expand any
        return labels
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return labels
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in {"unfinished", "obsolete", "vanished"}:
            continue
        forms = translation.findall("numerusform")
        texts = [form.text or "" for form in forms] if forms else [translation.text or ""]
        labels.extend(text for text in texts if text.strip())
    return labels


def core_labels() -> list[str]:
    """French words shown by the app that live in core: poster templates (names, headlines,
    messages, hints) and colour themes, the visit's diagnostic questions, answers and profiles.
    (The studio's presets and the poster page's buttons are translated: they come from the .ts.)"""
    texts: list[str] = []
    for template in TEMPLATES.values():
        texts += [template.label, template.headline, template.message, template.qr_hint]
    texts += [theme.label for theme in THEMES.values()]
    from lbpmv_desktop.core.visit.diagnostic import PROFILES, QUESTIONS  # the animator's visit page

    texts += list(PROFILES.values())
    for question in QUESTIONS:
        texts += [question.text, *(choice for choice, _score in question.choices)]
    return texts


def content_labels(catalogue: Catalogue) -> list[str]:
    """What the content puts on screen itself: tutorial and step titles, practice buttons.

    Add them with ``quotes=False``: a step title that quotes a label (« Essayez « Améliorer » »)
    is no proof that the label exists.
    """
    texts: list[str] = []
    for tutorial in catalogue.path():
        texts.append(tutorial.title)
        for step in tutorial.steps:
            texts.append(step.title)
            if step.action is not None and step.action.label:
                texts.append(step.action.label)
    return texts


def app_labels(translations: Path, extra: Iterable[str] = ()) -> Labels:
    """Every label the app shows in French: the translations, core's words and ``extra``."""
    labels = translation_labels(translations)
    labels.extend(core_labels())
    labels.extend(extra, quotes=False)
    return labels


def label_exists(label: str, labels: Labels) -> bool:
    """Whether the quoted ``label`` is shown by the app exactly so (once normalised)."""
    text = normalise(label)
    if text in labels.exact:
        return True
    return any(pattern.fullmatch(text) for pattern in labels.patterns)


def closest_label(label: str, labels: Labels, cutoff: float = CLOSE) -> str | None:
    """The app's label nearest to ``label`` (difflib), when it is at least ``cutoff`` alike."""
    text = normalise(label)
    key = (text, cutoff)
    if key not in labels.near:
        labels.near[key] = _closest(text, labels, cutoff)
    return labels.near[key]


def _closest(text: str, labels: Labels, cutoff: float) -> str | None:
    if len(text) > MAX_LABEL:
        return None
    size = len(text)
    # difflib's ratio is at most 2·min/(a+b): labels of a much different length cannot be close
    candidates = [c for c in labels.exact if 2 * min(size, len(c)) >= cutoff * (size + len(c))]
    near = difflib.get_close_matches(text, candidates, n=1, cutoff=cutoff)
    if near:
        return near[0]
    folded = text.casefold()
    return next((c for c in candidates if c.casefold() == folded), None)


def find_labels(markdown: str) -> list[tuple[int, str]]:
    """The « … » quotes of a step, as ``(line offset from 0, text)``, in order.

    Nested guillemets belong to the outer quote (« Ouvrir « Mes photos prêtes » »). Quotes in
    *italics* (``*…*`` or ``_…_``) are left out: a step quotes what is not the app's in italics.
    A quote that is not closed in its paragraph is left out too.
    """
    found: list[tuple[int, str]] = []
    # link addresses (« https://a.fr/mon_fichier ») hold no quote and no emphasis
    markdown = _DESTINATION_RE.sub(lambda match: "](" + " " * (len(match.group()) - 3) + ")", markdown)
    line = 0
    line_start = 0
    italic = ""  # the mark that opened the italics, "" outside
    quote_italic = False
    depth = 0
    start = 0
    start_line = 0
    index, size = 0, len(markdown)
    while index < size:
        char = markdown[index]
        if char == "\n":
            line += 1
            line_start = index + 1
            end = markdown.find("\n", line_start)
            if not markdown[line_start : size if end < 0 else end].strip():
                italic, depth = "", 0  # a paragraph ends: nothing stays open
            index += 1
            continue
        if char == "\\":
            index += 2
            continue
        if char in "*_":
            run = 1
            while index + run < size and markdown[index + run] == char:
                run += 1
            before = markdown[index - 1] if index > 0 else " "
            after = markdown[index + run] if index + run < size else " "
            at_line_start = not markdown[line_start:index].strip() if index - line_start < 8 else False
            bullet = char == "*" and run == 1 and at_line_start and after == " "
            inside_word = char == "_" and before.isalnum() and after.isalnum()
            if run in (1, 3) and not bullet and not inside_word:
                if not italic and not after.isspace():  # opens only before a letter (« 2 * 3 » does not)
                    italic = char
                elif italic == char and not before.isspace():
                    italic = ""
            index += run
            continue
        if char == "«":
            if depth == 0:
                start, start_line, quote_italic = index + 1, line, bool(italic)
            depth += 1
        elif char == "»" and depth:
            depth -= 1
            if depth == 0 and not quote_italic:
                text = normalise(markdown[start:index])
                if text:
                    found.append((start_line, text))
        index += 1
    return found
