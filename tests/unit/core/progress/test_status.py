"""One status, derived from the events, whatever their order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lbpmv_desktop.core.progress import events as ev
from lbpmv_desktop.core.progress.status import Position, derive_status
from lbpmv_desktop.core.tutorials.loader import load_catalogue
from tests.helpers.packs import write_pack

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    root = tmp_path_factory.mktemp("packs")
    write_pack(root, "photos", theme="photos", order=1)
    write_pack(root, "google", theme="internet", order=1)
    write_pack(root, "retouche", theme="photos", order=2, prerequisites=("photos",))
    catalogue, problems = load_catalogue(root)
    assert problems == []
    return catalogue


class Clock:
    def __init__(self) -> None:
        self.now = START

    def event(self, kind: str, **kwargs: object) -> ev.Event:
        self.now += timedelta(minutes=1)
        return ev.new_event(kind, "device", at=self.now, **kwargs)  # type: ignore[arg-type]


def test_first_start_has_no_profile_and_resumes_at_the_first_step(catalogue) -> None:
    status = derive_status([], catalogue)
    assert status.first_start
    assert status.resume == Position(status.path[0], "etape-1")


def test_goal_puts_its_theme_first_and_prerequisites_before(catalogue) -> None:
    profile = ev.profile_set("d", shop_name="A", first_name="B", animator_name="", goal="internet")
    status = derive_status([profile], catalogue)
    assert status.path == ("google", "photos", "retouche")
    photos = derive_status(
        [ev.profile_set("d", shop_name="A", first_name="B", animator_name="", goal="photos")], catalogue
    )
    assert photos.path.index("photos") < photos.path.index("retouche")


def test_resume_is_the_last_opened_step(catalogue) -> None:
    clock = Clock()
    log = [
        clock.event(ev.STEP_OPENED, tutorial="photos", step="etape-1"),
        clock.event(ev.STEP_DONE, tutorial="photos", step="etape-1"),
        clock.event(ev.STEP_OPENED, tutorial="photos", step="etape-3"),
    ]
    status = derive_status(log, catalogue)
    assert status.resume == Position("photos", "etape-3")
    assert status.tutorials["photos"].done == {"etape-1"}
    assert status.tutorials["photos"].minutes_left == 6


def test_after_finishing_resume_moves_to_the_next_unfinished_tutorial(catalogue) -> None:
    clock = Clock()
    log = [clock.event(ev.STEP_OPENED, tutorial="photos", step="etape-4")]
    log += [clock.event(ev.STEP_DONE, tutorial="photos", step=f"etape-{n}") for n in range(1, 5)]
    log.append(clock.event(ev.TUTORIAL_FINISHED, tutorial="photos"))
    status = derive_status(log, catalogue)
    assert status.tutorials["photos"].finished
    assert status.tutorials_done == 1
    assert status.resume is not None
    assert status.resume.tutorial != "photos"


def test_undone_steps_and_unknown_content_are_handled(catalogue) -> None:
    clock = Clock()
    log = [
        clock.event(ev.STEP_DONE, tutorial="photos", step="etape-2"),
        clock.event(ev.STEP_UNDONE, tutorial="photos", step="etape-2"),
        clock.event(ev.STEP_DONE, tutorial="supprime", step="x"),
        clock.event(ev.STEP_OPENED, tutorial="photos", step="etape-disparue"),
    ]
    status = derive_status(log, catalogue)
    assert status.steps_done == 0
    assert status.resume == Position("photos", "etape-1")


def test_help_requests_and_confidence(catalogue) -> None:
    clock = Clock()
    asked = ev.help_asked("d", "photos", "etape-2", "  Je bloque  ")
    log = [
        clock.event(ev.CONFIDENCE_RATED, tutorial="photos", data={"moment": "start", "value": 2}),
        asked,
        clock.event(ev.CONFIDENCE_RATED, tutorial="photos", data={"moment": "end", "value": 4}),
        clock.event(ev.CONFIDENCE_RATED, tutorial="photos", data={"moment": "end", "value": 9}),
    ]
    status = derive_status(log, catalogue)
    [request] = status.help_requests
    assert (request.step, request.comment, request.answered) == ("etape-2", "Je bloque", False)
    assert [p.value for p in status.confidence] == [2, 4]
    answered = derive_status(
        [*log, ev.new_event(ev.HELP_ANSWERED, "a", data={"request": asked.id})], catalogue
    )
    assert answered.open_help_requests == ()


def test_constructors_refuse_bad_values() -> None:
    with pytest.raises(ValueError, match="1 to 5"):
        ev.confidence_rated("d", "photos", "start", 6)
    with pytest.raises(ValueError, match="goal"):
        ev.profile_set("d", shop_name="A", first_name="B", animator_name="", goal="cuisine")


kinds = st.sampled_from([ev.STEP_OPENED, ev.STEP_DONE, ev.STEP_UNDONE, ev.TUTORIAL_FINISHED])
steps = st.sampled_from(["etape-1", "etape-2", "etape-3", "etape-4"])
tutorials = st.sampled_from(["photos", "google", "retouche"])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(kinds, tutorials, steps), max_size=25), st.randoms(use_true_random=False))
def test_status_does_not_depend_on_the_order_events_arrive_in(catalogue, spec, rng) -> None:
    clock = Clock()
    log = [clock.event(kind, tutorial=t, step=s) for kind, t, s in spec]
    shuffled = list(log)
    rng.shuffle(shuffled)
    assert derive_status(shuffled, catalogue) == derive_status(log, catalogue)
    assert derive_status(log + log, catalogue) == derive_status(log, catalogue)


def test_wrong_typed_texts_stored_earlier_are_shown_as_nothing(catalogue) -> None:
    # An older version imported a profile whose names were numbers and lists: never shown as « 5 ».
    profile = ev.Event(
        "00000000-0000-4000-8000-000000000001", ev.PROFILE_SET, datetime(2026, 11, 2, tzinfo=UTC), "d", None, None,
        {"shop_name": "Chaussons bébé", "first_name": ["x"], "animator_name": 5, "goal": None},
    )  # fmt: skip
    status = derive_status([profile], catalogue)
    assert status.profile is not None
    assert (status.profile.shop_name, status.profile.first_name, status.profile.animator_name) == (
        "Chaussons bébé", "", "",
    )  # fmt: skip
    assert status.profile.goal == "photos"
