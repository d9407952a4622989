"""Derive the current status from the event log.

This is the one function every view uses (the merchant's screens today, the animator's
dashboard later), so they can never disagree.

No stored date can make a view crash: every time in a ``Status`` is in UTC and within
``SAFE_MIN``..``SAFE_MAX`` (a date past year 9999 in its own time zone is brought back to the
last day any time zone can show). A date more than a day after ``now`` is not « la dernière
activité »: that is the latest event up to then (a clock set in 2099 says nothing about when
the merchant last worked). Such events still count (a step done is done); only their time is
not believed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from lbpmv_desktop.core.progress import events as ev

if TYPE_CHECKING:
    from collections.abc import Iterable

    from lbpmv_desktop.core.tutorials.catalogue import Catalogue
    from lbpmv_desktop.core.tutorials.model import Tutorial


# Every time zone can show these (a day's margin on each side of datetime's range).
SAFE_MIN = datetime(1, 1, 3, tzinfo=UTC)
SAFE_MAX = datetime(9999, 12, 29, tzinfo=UTC)
FUTURE_MARGIN = timedelta(days=1)


def safe_utc(at: datetime) -> datetime:
    """``at`` in UTC, brought within ``SAFE_MIN``..``SAFE_MAX`` (naive times are taken as UTC).

    Never raises: ``9999-12-31T23:59:59-12:00`` (past the last UTC date) gives ``SAFE_MAX``.
    """
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    try:
        at = at.astimezone(UTC)
    except (OverflowError, ValueError):
        return SAFE_MAX if at.year > 5000 else SAFE_MIN
    return min(max(at, SAFE_MIN), SAFE_MAX)


def _safe_event(event: ev.Event) -> ev.Event:
    at = event.at
    if at.tzinfo is UTC and SAFE_MIN <= at <= SAFE_MAX:
        return event
    return replace(event, at=safe_utc(at))


@dataclass(frozen=True)
class Profile:
    shop_name: str
    first_name: str
    animator_name: str
    goal: str


@dataclass(frozen=True)
class Position:
    """A place to resume: a tutorial and one of its steps."""

    tutorial: str
    step: str


@dataclass(frozen=True)
class HelpRequest:
    event_id: str
    tutorial: str
    step: str
    comment: str
    at: datetime
    answered: bool


@dataclass(frozen=True)
class ConfidencePoint:
    at: datetime
    tutorial: str
    moment: str
    value: int


@dataclass(frozen=True)
class TutorialProgress:
    """Where the merchant is in one tutorial.

    Attributes:
        done: ids of the steps marked done (and not undone since).
        total: the number of steps.
        started: a step was opened or done.
        finished: the tutorial was finished (end rating given).
        confidence_start, confidence_end: the latest "je me sens capable" ratings.
        minutes_left: the minutes of the steps not done yet.
    """

    tutorial: str
    done: frozenset[str]
    total: int
    started: bool
    finished: bool
    confidence_start: int | None
    confidence_end: int | None
    minutes_left: int

    @property
    def done_count(self) -> int:
        return len(self.done)


@dataclass(frozen=True)
class Status:
    """Everything the screens show, derived from the log."""

    profile: Profile | None
    path: tuple[str, ...]
    tutorials: dict[str, TutorialProgress]
    resume: Position | None
    help_requests: tuple[HelpRequest, ...]
    confidence: tuple[ConfidencePoint, ...]
    finished_at: dict[str, datetime] = field(default_factory=dict)
    last_activity: datetime | None = None
    photos_exported: int = 0
    posters_made: int = 0
    plan: tuple[str, ...] = ()
    diagnostic: dict[str, object] = field(default_factory=dict)
    notes: tuple[dict[str, object], ...] = ()

    @property
    def first_start(self) -> bool:
        return self.profile is None

    @property
    def steps_done(self) -> int:
        return sum(p.done_count for p in self.tutorials.values())

    @property
    def tutorials_done(self) -> int:
        return sum(1 for p in self.tutorials.values() if p.finished)

    @property
    def open_help_requests(self) -> tuple[HelpRequest, ...]:
        return tuple(h for h in self.help_requests if not h.answered)


def _first_open_step(tutorial: Tutorial, done: frozenset[str]) -> str:
    return next((s.id for s in tutorial.steps if s.id not in done), tutorial.steps[-1].id)


def _text(value: object) -> str:
    """A stored text, or "" for anything else (a number or a list an older import let through)."""
    return value if isinstance(value, str) else ""


def derive_status(events: Iterable[ev.Event], catalogue: Catalogue, *, now: datetime | None = None) -> Status:
    """Fold the events (in any order) into the status shown everywhere.

    Args:
        now: the latest sensible moment is a day after it (the current time by default): events
            dated later do not become ``last_activity``.
    """
    unique = {e.id: e for e in events}  # a set keyed by UUID
    ordered = sorted((_safe_event(e) for e in unique.values()), key=lambda e: (e.at, e.id))
    latest = safe_utc(now if now is not None else ev.utc_now()) + FUTURE_MARGIN
    profile: Profile | None = None
    done: dict[str, set[str]] = {}
    started: set[str] = set()
    finished: dict[str, datetime] = {}
    ratings: dict[tuple[str, str], int] = {}
    confidence: list[ConfidencePoint] = []
    asked: dict[str, ev.Event] = {}
    answered: set[str] = set()
    last_opened: Position | None = None
    photos = 0
    posters = 0
    planned: list[str] = []
    diagnostic: dict[str, object] = {}
    notes: list[dict[str, object]] = []
    for event in ordered:
        tutorial_id, step_id = event.tutorial, event.step
        if event.kind == ev.PHOTO_EXPORTED:
            photos += 1
            continue
        if event.kind == ev.POSTER_MADE:
            posters += 1
            continue
        if event.kind == ev.PLAN_SET and isinstance(event.data.get("tutorials"), list):
            planned = [t for t in event.data["tutorials"] if isinstance(t, str)]
            continue
        if event.kind == ev.DIAGNOSTIC_DONE:
            diagnostic = dict(event.data)
            continue
        if event.kind == ev.HELP_ANSWERED:  # counts whatever tutorial the request was about
            if isinstance(event.data.get("request"), str):
                answered.add(event.data["request"])
            continue
        if event.kind == ev.VISIT_NOTE:
            notes.append({"at": event.at.isoformat(), **event.data})
            continue
        if event.kind == ev.PROFILE_SET:
            data = event.data
            profile = Profile(
                _text(data.get("shop_name")),
                _text(data.get("first_name")),
                _text(data.get("animator_name")),
                _text(data.get("goal")) or "photos",
            )
            continue
        if tutorial_id is None or catalogue.get(tutorial_id) is None:
            continue
        if event.kind == ev.STEP_OPENED and step_id:
            started.add(tutorial_id)
            last_opened = Position(tutorial_id, step_id)
        elif event.kind == ev.STEP_DONE and step_id:
            started.add(tutorial_id)
            done.setdefault(tutorial_id, set()).add(step_id)
        elif event.kind == ev.STEP_UNDONE and step_id:
            done.setdefault(tutorial_id, set()).discard(step_id)
        elif event.kind == ev.TUTORIAL_FINISHED:
            finished[tutorial_id] = event.at
        elif event.kind == ev.CONFIDENCE_RATED:
            moment, value = event.data.get("moment"), event.data.get("value")
            if moment in ev.MOMENTS and isinstance(value, int) and 1 <= value <= 5:
                ratings[(tutorial_id, moment)] = value
                confidence.append(ConfidencePoint(event.at, tutorial_id, moment, value))
        elif event.kind == ev.HELP_ASKED and step_id:
            asked[event.id] = event

    goal = profile.goal if profile else None
    path = tuple(t.id for t in catalogue.path(goal, planned))
    progress: dict[str, TutorialProgress] = {}
    for tutorial_id in path:
        tutorial = catalogue.get(tutorial_id)
        assert tutorial is not None
        step_ids = {s.id for s in tutorial.steps}
        done_here = frozenset(done.get(tutorial_id, set()) & step_ids)
        progress[tutorial_id] = TutorialProgress(
            tutorial=tutorial_id,
            done=done_here,
            total=len(tutorial.steps),
            started=tutorial_id in started,
            finished=tutorial_id in finished,
            confidence_start=ratings.get((tutorial_id, "start")),
            confidence_end=ratings.get((tutorial_id, "end")),
            minutes_left=sum(s.minutes for s in tutorial.steps if s.id not in done_here),
        )
    resume = _resume_point(catalogue, path, progress, last_opened, finished)
    help_requests = tuple(
        HelpRequest(
            e.id, e.tutorial or "", e.step or "", _text(e.data.get("comment")), e.at, e.id in answered
        )
        for e in asked.values()
    )
    return Status(
        profile=profile,
        path=path,
        tutorials=progress,
        resume=resume,
        help_requests=help_requests,
        confidence=tuple(confidence),
        finished_at=finished,
        last_activity=next((e.at for e in reversed(ordered) if e.at <= latest), None),
        photos_exported=photos,
        posters_made=posters,
        plan=tuple(planned),
        diagnostic=diagnostic,
        notes=tuple(notes),
    )


def _resume_point(
    catalogue: Catalogue,
    path: tuple[str, ...],
    progress: dict[str, TutorialProgress],
    last_opened: Position | None,
    finished: dict[str, datetime],
) -> Position | None:
    """Where "Continuer" goes: the step last opened, unless its tutorial is finished (reading a
    finished tutorial again is a review: the merchant then goes on with the next unfinished one)."""
    if last_opened is not None and last_opened.tutorial not in finished:
        tutorial = catalogue.get(last_opened.tutorial)
        if tutorial is not None:
            if tutorial.step(last_opened.step) is not None:
                return last_opened
            return Position(tutorial.id, _first_open_step(tutorial, progress[tutorial.id].done))
    for tutorial_id in path:
        if not progress[tutorial_id].finished:
            tutorial = catalogue.get(tutorial_id)
            assert tutorial is not None
            return Position(tutorial_id, _first_open_step(tutorial, progress[tutorial_id].done))
    return None
