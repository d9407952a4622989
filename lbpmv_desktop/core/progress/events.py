"""Progress events: the append-only truth from which every status is derived."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from lbpmv_desktop.core.cleantext import clean_text

PROFILE_SET = "profile-set"
STEP_OPENED = "step-opened"
STEP_DONE = "step-done"
STEP_UNDONE = "step-undone"
HELP_ASKED = "help-asked"
HELP_ANSWERED = "help-answered"
CONFIDENCE_RATED = "confidence-rated"
TUTORIAL_FINISHED = "tutorial-finished"
PHOTO_EXPORTED = "photo-exported"
POSTER_MADE = "poster-made"
VISIT_STARTED = "visit-started"
DIAGNOSTIC_DONE = "diagnostic-done"
PLAN_SET = "plan-set"
VISIT_NOTE = "visit-note"

KINDS = (
    PROFILE_SET,
    STEP_OPENED,
    STEP_DONE,
    STEP_UNDONE,
    HELP_ASKED,
    HELP_ANSWERED,
    CONFIDENCE_RATED,
    TUTORIAL_FINISHED,
    PHOTO_EXPORTED,
    POSTER_MADE,
    VISIT_STARTED,
    DIAGNOSTIC_DONE,
    PLAN_SET,
    VISIT_NOTE,
)
MOMENTS = ("start", "end")
NOTE_TYPES = ("barrier", "opportunity", "note")
NAME_LIMIT = 200
COMMENT_LIMIT = 1000
NOTE_LIMIT = 500
# The texts a person typed, shown later as paragraphs (line breaks kept); every other text in an
# event's data is shown on one line.
PARAGRAPHS = {HELP_ASKED: "comment", HELP_ANSWERED: "answer", VISIT_NOTE: "text"}
_LIMITS = {"comment": COMMENT_LIMIT, "answer": COMMENT_LIMIT, "text": NOTE_LIMIT}
GOALS = ("photos", "internet", "vendre")


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Event:
    """One thing that happened, stamped with a UUID, a UTC time and the device.

    Attributes:
        id: a UUID string; two logs merge as a set keyed by it.
        kind: one of ``KINDS``.
        at: when it happened (aware, UTC).
        device: the install that recorded it.
        tutorial: the tutorial concerned, if any.
        step: the step concerned, if any.
        data: small JSON-compatible details (comment, rating…).
    """

    id: str
    kind: str
    at: datetime
    device: str
    tutorial: str | None = None
    step: str | None = None
    data: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "at": self.at.isoformat(),
            "device": self.device,
            "tutorial": self.tutorial,
            "step": self.step,
            "data": self.data,
        }


def new_event(
    kind: str,
    device: str,
    *,
    tutorial: str | None = None,
    step: str | None = None,
    data: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> Event:
    """Make a new event with a fresh UUID, stamped now unless ``at`` is given."""
    import uuid  # imported on the first event, not at start-up

    if kind not in KINDS:
        raise ValueError(f"unknown event kind {kind!r}")
    return Event(str(uuid.uuid4()), kind, at or utc_now(), device, tutorial, step, dict(data or {}))


def _clean(text: str, limit: int | None = None, *, multiline: bool = False) -> str:
    """``clean_text(text, …)``, at once for a text it would leave as it is: printable (no control,
    format, surrogate or separator character, no space but the plain one), NFC, spaces single and
    inside, within ``limit``; most texts of a file are, and a file holds thousands of them."""
    if (
        text.isprintable()
        and (limit is None or len(text) <= limit)
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
        and unicodedata.is_normalized("NFC", text)
    ):
        return text
    return clean_text(text, limit=limit, multiline=multiline)


def _clean_value(value: Any, depth: int) -> Any:
    if isinstance(value, str):
        return _clean(value)
    if depth > 6:  # nothing this app writes is this deep
        return None
    if isinstance(value, dict):
        return {_clean(str(k)): _clean_value(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_value(v, depth + 1) for v in value]
    return value


def clean_data(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with every text passed through ``clean_text``: the paragraph a person typed (a
    help comment, an answer, a note) keeps its line breaks; names and other texts are one line.

    Used for the events this app makes and for every event read from a progress file, so that
    no view, report or terminal ever gets a control or bidirectional character from an event.
    """
    paragraph = PARAGRAPHS.get(kind)
    cleaned: dict[str, Any] = {}
    for key, value in data.items():
        name = _clean(str(key))
        if name == paragraph and isinstance(value, str):
            cleaned[name] = _clean(value, _LIMITS[name], multiline=True)
        elif isinstance(value, str):
            cleaned[name] = _clean(value, NAME_LIMIT if kind == PROFILE_SET else None)
        else:
            cleaned[name] = _clean_value(value, 1)
    return cleaned


# What each kind's data may hold, as the app writes it: every key known, every value of its type.
# A file's event is checked against this after ``clean_data`` (an enumerated value is compared
# cleaned); a key not listed is refused. Each check names the value in plain French.
SHORT_LIMIT = 200
_TEXT = "un texte"


def _is_text(value: object) -> bool:
    return isinstance(value, str)


def _is_short_text(value: object) -> bool:
    return isinstance(value, str) and len(value) <= SHORT_LIMIT


def _is_rating(value: object) -> bool:
    return type(value) is int and 1 <= value <= 5


def _is_answers(value: object) -> bool:
    return (
        isinstance(value, dict)
        and len(value) <= 50
        and all(
            isinstance(k, str) and len(k) <= SHORT_LIMIT and type(v) is int and 0 <= v < 100
            for k, v in value.items()
        )
    )


def _is_tutorial_list(value: object) -> bool:
    return (
        isinstance(value, list)
        and len(value) <= 100
        and all(isinstance(t, str) and len(t) <= SHORT_LIMIT for t in value)
    )


_Check = tuple[Any, str]  # (test, what the value must be, in French)
_NAME: _Check = (_is_text, f"{_TEXT} pour un nom")
_SCHEMAS: dict[str, dict[str, _Check]] = {
    PROFILE_SET: {
        "shop_name": _NAME,
        "first_name": _NAME,
        "animator_name": _NAME,
        "goal": (lambda v: v in GOALS, "un objectif connu"),
    },
    STEP_OPENED: {},
    STEP_DONE: {},
    STEP_UNDONE: {},
    TUTORIAL_FINISHED: {},
    HELP_ASKED: {"comment": (_is_text, f"{_TEXT} pour une demande d'aide")},
    HELP_ANSWERED: {
        "request": (_is_short_text, f"{_TEXT} pour la demande d'aide concernée"),
        "answer": (_is_text, f"{_TEXT} pour une réponse"),
    },
    CONFIDENCE_RATED: {
        "moment": (lambda v: v in MOMENTS, "un moment connu (avant ou après le tutoriel)"),
        "value": (_is_rating, "une note de confiance entière de 1 à 5"),
    },
    PHOTO_EXPORTED: {"preset": (_is_short_text, f"{_TEXT} pour un format de photo")},
    POSTER_MADE: {"template": (_is_short_text, f"{_TEXT} pour un modèle d'affiche")},
    VISIT_STARTED: {"day": (_is_short_text, f"{_TEXT} pour le jour de la visite")},
    DIAGNOSTIC_DONE: {
        "answers": (_is_answers, "des réponses au diagnostic (des numéros de choix)"),
        "profile": (_is_short_text, f"{_TEXT} pour le profil du diagnostic"),
    },
    PLAN_SET: {"tutorials": (_is_tutorial_list, "une liste de tutoriels")},
    VISIT_NOTE: {
        "type": (lambda v: v in NOTE_TYPES, "un type de note connu"),
        "text": (_is_text, f"{_TEXT} pour une note"),
    },
}


def data_problem(kind: str, data: dict[str, Any]) -> str | None:
    """What is wrong with the (cleaned) ``data`` of an event of ``kind`` read from outside, in
    French words that follow « contient … » (``None`` when every value is as the app writes it;
    NaN and infinities never get here: the file's reader refuses them while parsing)."""
    schema = _SCHEMAS.get(kind)
    if schema is None:
        return "un type d'événement inconnu"
    for key, value in data.items():
        check = schema.get(key)
        if check is None:
            return "une valeur inattendue"
        test, expected = check
        if not test(value):
            return f"une valeur incorrecte (il faut {expected})"
    return None


def profile_set(device: str, *, shop_name: str, first_name: str, animator_name: str, goal: str) -> Event:
    if goal not in GOALS:
        raise ValueError(f"unknown goal {goal!r}")
    data = {"shop_name": shop_name, "first_name": first_name, "animator_name": animator_name, "goal": goal}
    return new_event(PROFILE_SET, device, data=clean_data(PROFILE_SET, data))


def confidence_rated(device: str, tutorial: str, moment: str, value: int) -> Event:
    if moment not in MOMENTS or not 1 <= value <= 5:
        raise ValueError("confidence is rated 1 to 5, at the start or the end")
    return new_event(CONFIDENCE_RATED, device, tutorial=tutorial, data={"moment": moment, "value": value})


def help_asked(device: str, tutorial: str, step: str, comment: str) -> Event:
    return new_event(
        HELP_ASKED, device, tutorial=tutorial, step=step, data=clean_data(HELP_ASKED, {"comment": comment})
    )


def help_answered(device: str, request: str, answer: str, *, at: datetime | None = None) -> Event:
    """The animator's answer to the help request whose event id is ``request``."""
    data = clean_data(HELP_ANSWERED, {"request": request, "answer": answer})
    return new_event(HELP_ANSWERED, device, data=data, at=at)


def visit_note(device: str, note_type: str, text: str) -> Event:
    """A note the animator wrote during a visit (``note_type``: one of ``NOTE_TYPES``)."""
    if note_type not in NOTE_TYPES:
        raise ValueError(f"unknown note type {note_type!r}")
    return new_event(VISIT_NOTE, device, data=clean_data(VISIT_NOTE, {"type": note_type, "text": text}))
