"""Progress events: the append-only truth from which every status is derived."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

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


def profile_set(device: str, *, shop_name: str, first_name: str, animator_name: str, goal: str) -> Event:
    if goal not in GOALS:
        raise ValueError(f"unknown goal {goal!r}")
    data = {
        "shop_name": shop_name.strip(),
        "first_name": first_name.strip(),
        "animator_name": animator_name.strip(),
        "goal": goal,
    }
    return new_event(PROFILE_SET, device, data=data)


def confidence_rated(device: str, tutorial: str, moment: str, value: int) -> Event:
    if moment not in MOMENTS or not 1 <= value <= 5:
        raise ValueError("confidence is rated 1 to 5, at the start or the end")
    return new_event(CONFIDENCE_RATED, device, tutorial=tutorial, data={"moment": moment, "value": value})


def help_asked(device: str, tutorial: str, step: str, comment: str) -> Event:
    return new_event(
        HELP_ASKED, device, tutorial=tutorial, step=step, data={"comment": comment.strip()[:1000]}
    )
