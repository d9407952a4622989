"""The printable memo's content: what one page says about a tutorial."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from lbpmv_desktop.core.tutorials.memo import APP_TITLE, HELP_LINE, URGENT_LINE, memo_for, plain
from lbpmv_desktop.core.tutorials.model import PASSWORD_RULE, Step, Tutorial


def _step(
    number: int, *, title: str | None = None, memo: str | None = None, text: str = "Faites ceci."
) -> Step:
    return Step(
        id=f"{number:02d}-etape",
        number=number,
        title=title or f"Étape {number}",
        minutes=number,
        markdown=text,
        source=Path(f"{number:02d}-etape.md"),
        memo=memo,
    )


def _tutorial(*steps: Step, checklist: tuple[str, ...] = ()) -> Tutorial:
    return Tutorial(
        id="photos-produits",
        title="Des photos qui donnent envie",
        summary="Trois gestes pour des photos nettes.",
        theme="photos",
        level=1,
        order=10,
        prerequisites=(),
        version=1,
        steps=steps or (_step(1), _step(2)),
        folder=Path("photos-produits"),
        checklist=checklist,
    )


def test_each_step_has_its_number_title_minutes_and_short_line() -> None:
    memo = memo_for(_tutorial(_step(1, memo="Près d'une fenêtre, flash éteint."), _step(2, title="Le fond")))
    assert [(s.number, s.title, s.line, s.minutes) for s in memo.steps] == [
        (1, "Étape 1", "Près d'une fenêtre, flash éteint.", 1),
        (2, "Le fond", None, 2),  # no short line: the title says it
    ]
    assert memo.minutes == 3
    assert memo.duration == "Environ 3 minutes, en 2 étapes"
    assert (memo.title, memo.summary) == (
        "Des photos qui donnent envie",
        "Trois gestes pour des photos nettes.",
    )


def test_the_checklist_is_the_packs_or_one_box_per_step() -> None:
    boxes = ("J'ai choisi une photo", "J'ai cliqué sur « Améliorer »")
    assert memo_for(_tutorial(checklist=boxes)).checklist == boxes
    assert memo_for(_tutorial(_step(1, title="La lumière"), _step(2, title="Le fond"))).checklist == (
        "La lumière",
        "Le fond",
    )


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Choisissez un [mot de passe](glossaire:mot-de-passe) solide.", True),
        ("Un gestionnaire de MOTS DE PASSE aide.", True),
        ("Choisissez une photo lumineuse.", False),
        ("Le passe-partout de la vitrine.", False),
    ],
)
def test_the_password_rule_appears_when_the_pack_speaks_of_passwords(text: str, rule: bool) -> None:
    memo = memo_for(_tutorial(_step(1), _step(2, text=text)))
    assert memo.password_rule == (PASSWORD_RULE if rule else None)


def test_a_scam_or_payment_tutorial_says_what_to_do_at_once_in_an_emergency() -> None:
    assert memo_for(_tutorial(_step(1, text="Une arnaque au faux conseiller."))).urgent_line == URGENT_LINE
    assert memo_for(_tutorial()).urgent_line is None
    assert memo_for(_tutorial()).help_line == HELP_LINE
    assert "« J'ai besoin d'aide »" in HELP_LINE
    assert "17cyber.gouv.fr" in URGENT_LINE


def test_the_shop_name_is_cleaned_and_bounded() -> None:
    memo = memo_for(_tutorial(), shop="  Chaussons\u200b bébé\t24,90 €  " + "x" * 200)
    assert memo.shop is not None
    assert memo.shop.startswith("Chaussons bébé 24,90 € ")
    assert "\u200b" not in memo.shop
    assert len(memo.shop) <= 80
    assert memo_for(_tutorial(), shop="   ").shop is None
    assert memo_for(_tutorial()).shop is None


def test_the_documents_title_names_the_app_and_the_tutorial() -> None:
    memo = memo_for(_tutorial())
    assert APP_TITLE == "Le Bon Pour Ma Ville"
    assert memo.document_title.startswith("Le Bon Pour Ma Ville")
    assert memo.title in memo.document_title


def test_markdown_in_titles_and_lines_is_printed_as_words() -> None:
    assert plain("Le [mot de passe](glossaire:mot-de-passe) et **vous**") == "Le mot de passe et vous"
    memo = memo_for(
        replace(_tutorial(_step(1, memo="*Flash* éteint")), title="La [fiche](glossaire:fiche-google)")
    )
    assert memo.title == "La fiche"
    assert memo.steps[0].line == "Flash éteint"


def test_every_shipped_tutorial_has_a_memo() -> None:
    from lbpmv_desktop.core.tutorials.loader import load_catalogue
    from lbpmv_desktop.paths import tutorials_dir

    catalogue = load_catalogue(tutorials_dir())[0]
    assert len(catalogue) >= 10
    for tutorial in catalogue:
        memo = memo_for(tutorial, shop="Les Petits Pas")
        assert len(memo.steps) == len(tutorial.steps) >= 4
        assert 1 <= len(memo.checklist) <= max(8, len(tutorial.steps))
        assert all(line.strip() for line in memo.checklist)
