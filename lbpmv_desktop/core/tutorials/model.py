"""The tutorial content model: plain immutable dataclasses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

THEMES = ("photos", "internet", "vendre")
ACTIONS = ("open-studio", "open-poster", "open-url")
MAX_STEP_MINUTES = 5
MAX_TITLE = 90
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
STEP_FILE_RE = re.compile(r"^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a content pack, located for the author."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


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

    @property
    def minutes(self) -> int:
        return sum(step.minutes for step in self.steps)

    def step(self, step_id: str) -> Step | None:
        return next((step for step in self.steps if step.id == step_id), None)

    def step_index(self, step_id: str) -> int | None:
        return next((i for i, step in enumerate(self.steps) if step.id == step_id), None)
