"""The content shipped with the app: valid, complete and written for short sittings."""

from __future__ import annotations

import re
from datetime import date

import pytest

from lbpmv_desktop.core.tutorials.loader import check_content, load_catalogue
from lbpmv_desktop.core.tutorials.model import MAX_STEP_MINUTES
from lbpmv_desktop.paths import resources_dir

SHIPPED = resources_dir() / "tutorials" / "fr"
REQUIRED_TOPICS = {
    "photos-produits": "photo",
    "transferer-photos": "ordinateur",
    "retoucher-photo": "studio",
    "page-facebook": "facebook",
    "publier-instagram": "instagram",
    "fiche-google": "google",
    "click-collect": "click",
    "affiche-vitrine": "affiche",
    "annonce-leboncoin": "leboncoin",
    "avis-clients": "avis",
    "arnaques-mots-de-passe": "mots de passe",
    "whatsapp-business": "whatsapp",
}
# Issue 12: the topics shops in the programme's second and third thirds need.
NEW_TUTORIALS = (
    "adresse-mail-comptes",
    "aide-pres-de-chez-soi",
    "arnaques-commerces",
    "horaires-partout",
    "visuel-simple",
    "repondre-messages",
    "payer-a-distance",
)


@pytest.fixture(scope="module")
def catalogue():
    catalogue, problems = load_catalogue(SHIPPED)
    assert [str(p) for p in problems if not p.warning] == []
    return catalogue


def test_at_least_twelve_tutorials_of_four_short_steps(catalogue) -> None:
    assert len(catalogue) >= 12
    for tutorial in catalogue.path():
        assert len(tutorial.steps) >= 4, tutorial.id
        assert all(1 <= step.minutes <= MAX_STEP_MINUTES for step in tutorial.steps), tutorial.id


def test_the_new_topics_are_shipped(catalogue) -> None:
    assert [t for t in NEW_TUTORIALS if t not in catalogue] == []
    assert len(catalogue) >= len(REQUIRED_TOPICS) + len(NEW_TUTORIALS)


def test_the_shipped_content_breaks_no_authoring_rule() -> None:
    """``lbpmv content check`` on the shipped content: no error (warnings are the authors' to weigh)."""
    errors = [str(p) for p in check_content(SHIPPED, today=date.today()) if not p.warning]
    assert errors == []


def test_the_required_topics_are_covered(catalogue) -> None:
    for tutorial_id, word in REQUIRED_TOPICS.items():
        tutorial = catalogue.get(tutorial_id)
        assert tutorial is not None, tutorial_id
        assert word in tutorial.title.lower(), tutorial.title


def test_steps_are_short_plain_french_with_vous(catalogue) -> None:
    for tutorial in catalogue.path():
        text = " ".join(step.markdown for step in tutorial.steps).lower()
        assert re.search(r"\bvous\b", text), tutorial.id
        for step in tutorial.steps:
            words = len(re.findall(r"\w+", re.sub(r"!\[[^\]]*\]\([^)]*\)", "", step.markdown)))
            assert 20 <= words <= 260, f"{tutorial.id}/{step.id}: {words} words"


def test_every_tutorial_is_illustrated_by_the_project(catalogue) -> None:
    for tutorial in catalogue.path():
        pictures = [step for step in tutorial.steps if "![" in step.markdown]
        assert pictures, tutorial.id
        assert not any((tutorial.folder / "images").glob("*.webp"))


def test_practice_steps_use_known_actions(catalogue) -> None:
    kinds = {s.action.kind for t in catalogue.path() for s in t.steps if s.action}
    assert {"open-studio", "open-poster", "open-url"} <= kinds
