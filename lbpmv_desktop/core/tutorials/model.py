"""The tutorial content model: plain immutable dataclasses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

THEMES = ("photos", "internet", "vendre")
ACTIONS = ("open-studio", "open-poster", "open-url")
MAX_STEP_MINUTES = 5
MAX_TITLE = 90
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
STEP_FILE_RE = re.compile(r"^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
HELPER_NOTES_FILE = "animateur.md"  # notes for the animator: never shown to the merchant
GLOSSARY_FILE = "glossaire.toml"  # beside the packs, in the content folder
GLOSSARY_SCHEME = "glossaire"  # a step links a word to the glossary with [mot](glossaire:id)
SCREENSHOT_PREFIX = "images/ecran-"  # images/ecran-<shot>.png: a picture the app makes of itself
PASSWORD_RULE = "Votre animateur ne vous demandera jamais votre mot de passe."
STALE_DAYS = 365  # facts checked longer ago than this are reported by ``content check``


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a content pack, located for the author."""

    path: Path
    line: int
    message: str
    warning: bool = False  # True: worth fixing, but the pack still loads and passes the check

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {'attention : ' if self.warning else ''}{self.message}"


@dataclass(frozen=True)
class Source:
    """Where a fact stated in a pack comes from (an official help page or a public body).

    Attributes:
        fact: the fact, in a few words.
        url: the https address of the page that says it.
        last_checked: when someone last read that page and found the fact still true; None when
            nobody has yet (the page could not be reached): ``content check`` then asks for it.
    """

    fact: str
    url: str
    last_checked: date | None


@dataclass(frozen=True)
class Term:
    """One word of the glossary: what a step links to with ``[mot](glossaire:<id>)``.

    Attributes:
        id: lower-case letters, digits and dashes (``ID_RE``), the table's name in the file.
        word: the word as shown (« mot de passe »).
        definition: one plain sentence or two, read aloud too.
    """

    id: str
    word: str
    definition: str


@dataclass(frozen=True)
class StepAction:
    """A practice action shown as a button under a step.

    Attributes:
        kind: one of ``ACTIONS``.
        preset: the studio preset for ``open-studio``.
        template: the poster template for ``open-poster``.
        url: the https address for ``open-url``.
        label: the button text chosen by the author, if any.
    """

    kind: str
    preset: str | None = None
    template: str | None = None
    url: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class Step:
    """One screen of a tutorial."""

    id: str
    number: int
    title: str
    minutes: int
    markdown: str
    source: Path
    action: StepAction | None = None
    speaks_of_app: bool = False  # its « … » quotes are labels of this app (``content check``)
    memo: str | None = None  # the step in one short line, for the printable memo


@dataclass(frozen=True)
class Tutorial:
    """A tutorial pack, loaded and validated."""

    id: str
    title: str
    summary: str
    theme: str
    level: int
    order: int
    prerequisites: tuple[str, ...]
    version: int
    steps: tuple[Step, ...]
    folder: Path
    sources: tuple[Source, ...] = ()
    checklist: tuple[str, ...] = ()  # the printable memo's boxes to tick
    screenshots: tuple[str, ...] = ()  # self-test shots used as images/ecran-<shot>.png
    helper_notes: str | None = field(default=None, repr=False)  # animateur.md, Markdown

    @property
    def minutes(self) -> int:
        return sum(step.minutes for step in self.steps)

    def step(self, step_id: str) -> Step | None:
        return next((step for step in self.steps if step.id == step_id), None)

    def step_index(self, step_id: str) -> int | None:
        return next((i for i, step in enumerate(self.steps) if step.id == step_id), None)
