"""The diagnostic's suggested plans, on the shipped catalogue: the new tutorials where they help."""

from __future__ import annotations

import itertools

import pytest

from lbpmv_desktop.core.tutorials.catalogue import Catalogue
from lbpmv_desktop.core.tutorials.loader import load_catalogue
from lbpmv_desktop.core.visit.diagnostic import (
    ACCOUNTS,
    GOAL_TUTORIALS,
    LOCAL_HELP,
    QUESTIONS,
    SCAMS_BASICS,
    SCAMS_SHOPS,
    profile_for,
    suggested_plan,
)
from lbpmv_desktop.paths import resources_dir

SHIPPED = resources_dir() / "tutorials" / "fr"
INTERNET, PHOTOS, SELL = 0, 1, 2  # the choices of « Qu'est-ce qui compte le plus pour vous ? »


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(SHIPPED)[0]


def _answers(score: int, goal: int, **others: int) -> dict[str, int]:
    answers = {question.id: score for question in QUESTIONS if question.id != "objectif"}
    answers["objectif"] = goal
    answers.update(others)
    return answers


ALL_ANSWERS = [
    _answers(score, goal) for score, goal in itertools.product((0, 1, 2), (INTERNET, PHOTOS, SELL))
]


def test_every_tutorial_the_plans_name_is_shipped(catalogue: Catalogue) -> None:
    named = {ACCOUNTS, LOCAL_HELP, SCAMS_BASICS, SCAMS_SHOPS, *itertools.chain(*GOAL_TUTORIALS.values())}
    assert sorted(t for t in named if t not in catalogue) == []


def test_the_three_profiles_are_reached() -> None:
    assert [profile_for(_answers(score, SELL)) for score in (0, 1, 2)] == ["eloigne", "freine", "affut"]


@pytest.mark.parametrize("answers", ALL_ANSWERS)
def test_plans_are_five_known_tutorials_prerequisites_first(
    catalogue: Catalogue, answers: dict[str, int]
) -> None:
    plan = suggested_plan(answers, catalogue)
    assert len(plan) == 5
    assert len(set(plan)) == 5
    for index, tutorial_id in enumerate(plan):
        tutorial = catalogue.get(tutorial_id)
        assert tutorial is not None
        assert all(plan.index(p) < index for p in tutorial.prerequisites if p in plan), plan


@pytest.mark.parametrize("answers", ALL_ANSWERS)
def test_everyone_learns_about_scams(catalogue: Catalogue, answers: dict[str, int]) -> None:
    plan = suggested_plan(answers, catalogue)
    expected = SCAMS_SHOPS if profile_for(answers) == "affut" else SCAMS_BASICS
    assert expected in plan


@pytest.mark.parametrize("score", [0, 1])
def test_a_shop_without_accounts_starts_with_its_own_email_address(catalogue: Catalogue, score: int) -> None:
    for goal in (INTERNET, PHOTOS, SELL):
        plan = suggested_plan(_answers(score, goal, google=0, reseaux=0), catalogue)
        assert plan[0] == ACCOUNTS


def test_a_shop_with_accounts_and_some_ease_goes_straight_to_its_goal(catalogue: Catalogue) -> None:
    plan = suggested_plan(_answers(1, PHOTOS, google=1, reseaux=1), catalogue)
    assert ACCOUNTS not in plan
    assert plan[:3] == ["photos-produits", "transferer-photos", "retoucher-photo"]


@pytest.mark.parametrize("score", [1, 2])
def test_selling_at_a_distance_brings_messages_and_payment(catalogue: Catalogue, score: int) -> None:
    plan = suggested_plan(_answers(score, SELL), catalogue)
    assert "repondre-messages" in plan
    assert "payer-a-distance" in plan


def test_a_merchant_far_from_digital_gets_first_steps_and_local_help(catalogue: Catalogue) -> None:
    for goal in (INTERNET, PHOTOS, SELL):
        plan = suggested_plan(_answers(0, goal), catalogue)
        assert plan[0] == ACCOUNTS
        assert plan[-1] == LOCAL_HELP
        assert all(catalogue.get(t).level == 1 for t in plan), plan  # type: ignore[union-attr]


def test_a_merchant_who_cannot_learn_alone_is_told_where_to_find_help(catalogue: Catalogue) -> None:
    assert LOCAL_HELP in suggested_plan(_answers(1, PHOTOS, confiance=0), catalogue)
    assert LOCAL_HELP not in suggested_plan(_answers(1, PHOTOS, confiance=2), catalogue)


def test_the_goal_brings_its_new_tutorial(catalogue: Catalogue) -> None:
    assert "horaires-partout" in suggested_plan(_answers(1, INTERNET), catalogue)
    assert "visuel-simple" in suggested_plan(_answers(1, PHOTOS), catalogue)


def test_a_merchant_at_ease_skips_what_the_answers_say_they_master(catalogue: Catalogue) -> None:
    plan = suggested_plan(_answers(2, INTERNET), catalogue)  # « Oui, je la tiens à jour »
    assert "fiche-google" not in plan
    assert "horaires-partout" in plan
    assert "photos-produits" not in suggested_plan(_answers(2, PHOTOS), catalogue)


def test_a_catalogue_without_the_new_tutorials_still_gets_a_full_plan(catalogue: Catalogue) -> None:
    new = {
        ACCOUNTS,
        LOCAL_HELP,
        SCAMS_SHOPS,
        "horaires-partout",
        "visuel-simple",
        "repondre-messages",
        "payer-a-distance",
    }
    older = Catalogue([t for t in catalogue.path() if t.id not in new and not set(t.prerequisites) & new])
    for answers in ALL_ANSWERS:
        plan = suggested_plan(answers, older)
        assert len(plan) == 5
        assert not set(plan) & new
