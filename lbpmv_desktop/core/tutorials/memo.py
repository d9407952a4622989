"""The printable memo of a tutorial: one A4 page to keep at hand.

What it says is decided here, without Qt (the command line and the player print the same memo);
``ui/tutorial/memo_pdf.py`` draws it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lbpmv_desktop.core.cleantext import clean_text
from lbpmv_desktop.core.tutorials.model import PASSWORD_RULE

if TYPE_CHECKING:
    from lbpmv_desktop.core.tutorials.model import Tutorial

APP_TITLE = "Le Bon Pour Ma Ville"  # in the PDF's title: the command line's --out guard looks for it
MAX_SHOP = 80
NOTES_HEADING = "Mes notes"
CHECKLIST_HEADING = "Je coche quand c'est fait"
STEPS_HEADING = "Les étapes"
HELP_LINE = (
    "Une question ? Dans l'application, cliquez sur « J'ai besoin d'aide » : votre animateur verra "
    "l'étape où vous êtes à sa prochaine visite."
)
URGENT_LINE = (
    "En cas d'urgence (argent disparu, compte piraté, appel suspect) : appelez tout de suite le numéro "
    "écrit au dos de votre carte bancaire, et 17Cyber (17cyber.gouv.fr)."
)
_PASSWORD_RE = re.compile(r"\bmots?\s+de\s+passe\b", re.IGNORECASE)
_RISK_RE = re.compile(
    r"\b(?:mots?\s+de\s+passe|arnaques?|piratage|piraté|banque|paiements?)\b", re.IGNORECASE
)
# Markdown that a short line or a title could carry: links keep their words, emphasis its text.
_LINK_RE = re.compile(r"!?\[([^\]\n]{0,300})\]\([^)\n]{0,400}\)")
_EMPHASIS_RE = re.compile(r"(\*{1,2}|_{1,2}|`)")


@dataclass(frozen=True)
class MemoStep:
    """One step in the memo.

    Attributes:
        number: from 1, as in the player.
        title: the step's title.
        line: the step in one short line (``Step.memo``), or None when the pack gives none
            (the title says it then).
        minutes: the declared minutes.
    """

    number: int
    title: str
    line: str | None
    minutes: int


@dataclass(frozen=True)
class Memo:
    """Everything the one-page memo shows, in reading order.

    Attributes:
        tutorial_id: the pack's id (the suggested file name).
        title, summary: the tutorial's.
        minutes: the whole tutorial's declared minutes.
        steps: each step in short.
        checklist: the boxes to tick (the pack's, or one per step title).
        password_rule: « Votre animateur ne vous demandera jamais votre mot de passe. » when the
            tutorial speaks of passwords, else None.
        help_line: where to find help.
        urgent_line: what to do at once in an emergency, when the tutorial speaks of passwords,
            scams, banks or payments, else None.
        shop: the shop's name, when known.
        document_title: the PDF's title (holds ``APP_TITLE``).
    """

    tutorial_id: str
    title: str
    summary: str
    minutes: int
    steps: tuple[MemoStep, ...]
    checklist: tuple[str, ...]
    password_rule: str | None
    help_line: str
    urgent_line: str | None = None
    shop: str | None = None
    notes_heading: str = NOTES_HEADING
    checklist_heading: str = CHECKLIST_HEADING
    steps_heading: str = STEPS_HEADING

    @property
    def document_title(self) -> str:
        return f"{APP_TITLE} — aide-mémoire : {self.title}"

    @property
    def duration(self) -> str:
        """« Environ 14 minutes, en 7 étapes »."""
        count = len(self.steps)
        steps = f"{count} étape" if count == 1 else f"{count} étapes"
        minutes = "1 minute" if self.minutes == 1 else f"{self.minutes} minutes"
        return f"Environ {minutes}, en {steps}"


def plain(text: str) -> str:
    """A title or a short line as printed: the words of its links, no emphasis marks."""
    text = _LINK_RE.sub(lambda match: match.group(1), text)
    return clean_text(_EMPHASIS_RE.sub("", text))


def _texts(tutorial: Tutorial) -> list[str]:
    texts = [tutorial.title, tutorial.summary, *tutorial.checklist]
    return texts + [text for step in tutorial.steps for text in (step.title, step.markdown, step.memo or "")]


def speaks_of_passwords(tutorial: Tutorial) -> bool:
    """Whether the tutorial mentions « mot de passe » anywhere (titles, texts, checklist)."""
    return any(_PASSWORD_RE.search(text) for text in _texts(tutorial))


def speaks_of_risks(tutorial: Tutorial) -> bool:
    """Whether the tutorial speaks of passwords, scams, banks or payments."""
    return any(_RISK_RE.search(text) for text in _texts(tutorial))


def memo_for(tutorial: Tutorial, *, shop: str | None = None) -> Memo:
    """The memo of ``tutorial``, for the shop called ``shop`` (when known)."""
    steps = tuple(
        MemoStep(
            number=index,
            title=plain(step.title),
            line=plain(step.memo) if step.memo and plain(step.memo) else None,
            minutes=step.minutes,
        )
        for index, step in enumerate(tutorial.steps, start=1)
    )
    checklist = tuple(plain(item) for item in tutorial.checklist if plain(item))
    if not checklist:
        checklist = tuple(step.title for step in steps)
    shop_name = clean_text(shop, limit=MAX_SHOP) if shop else ""
    return Memo(
        tutorial_id=tutorial.id,
        title=plain(tutorial.title),
        summary=plain(tutorial.summary),
        minutes=tutorial.minutes,
        steps=steps,
        checklist=checklist,
        password_rule=PASSWORD_RULE if speaks_of_passwords(tutorial) else None,
        help_line=HELP_LINE,
        urgent_line=URGENT_LINE if speaks_of_risks(tutorial) else None,
        shop=shop_name or None,
    )
