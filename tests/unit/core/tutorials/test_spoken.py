"""What the read-aloud says: the step as it is shown, on real shipped steps and on small texts."""

from __future__ import annotations

import pytest

from lbpmv_desktop.core.tutorials.loader import load_catalogue
from lbpmv_desktop.core.tutorials.spoken import finish_sentence, markdown_sentences, spoken_text
from lbpmv_desktop.paths import resources_dir

SHIPPED = resources_dir() / "tutorials" / "fr"


@pytest.fixture(scope="module")
def catalogue():
    catalogue, problems = load_catalogue(SHIPPED, thorough=False)
    assert problems == []
    return catalogue


def _step(catalogue, tutorial_id: str, step_id: str):
    tutorial = catalogue.get(tutorial_id)
    assert tutorial is not None
    step = tutorial.step(step_id)
    assert step is not None
    return step


def test_a_numbered_list_is_read_with_its_numbers_one_item_a_sentence(catalogue) -> None:
    step = _step(catalogue, "affiche-vitrine", "creer-votre-affiche")
    lines = spoken_text(step.title, step.markdown).split("\n")
    assert lines[0] == "Créez votre affiche."
    assert "1. Cliquez sur le bouton « Créer mon affiche »." in lines
    assert "2. Écrivez le nom de votre boutique." in lines
    assert "8. Enregistrez votre affiche." in lines
    assert (
        lines.index("2. Écrivez le nom de votre boutique.")
        == lines.index("1. Cliquez sur le bouton « Créer mon affiche ».") + 1
    )


def test_list_items_ending_with_a_semicolon_become_sentences(catalogue) -> None:
    step = _step(catalogue, "photos-produits", "ce-que-vous-allez-faire")
    lines = spoken_text(step.title, step.markdown).split("\n")
    assert "Préparez :" in lines
    assert "1. votre téléphone, chargé." in lines
    assert "5. environ 24 minutes devant vous, en plusieurs petites étapes." in lines
    assert not any(line.endswith(";") for line in lines)


def test_two_lists_in_one_step_are_each_numbered_from_one(catalogue) -> None:
    step = _step(catalogue, "photos-produits", "un-fond-propre")
    lines = spoken_text(step.title, step.markdown).split("\n")
    firsts = [line for line in lines if line.startswith("1. ")]
    assert firsts == [
        "1. Prenez une grande feuille blanche ou un carton clair.",
        "1. Enlevez la poussière et les traces de doigts.",
    ]
    assert "4. Posez le produit au milieu de la feuille." in lines


def test_bullets_are_separate_sentences_without_a_mark(catalogue) -> None:
    step = _step(catalogue, "affiche-vitrine", "le-qr-code")
    lines = spoken_text(step.title, step.markdown).split("\n")
    assert "votre Page Facebook ou votre compte Instagram." in lines
    assert "votre fiche Google, avec vos horaires et votre adresse." in lines
    assert not any(line.startswith(("-", "*")) for line in lines)


def test_a_picture_is_described_where_it_is_shown(catalogue) -> None:
    step = _step(catalogue, "photos-produits", "ce-que-vous-allez-faire")
    lines = spoken_text(step.title, step.markdown).split("\n")
    assert lines[-1].startswith("Image : Un téléphone photographie un pot posé sur une table")
    assert lines[-1].endswith("suffisent.")
    assert not any("images/" in line or "![" in line for line in lines)


def test_the_practice_button_is_read_last(catalogue) -> None:
    step = _step(catalogue, "retoucher-photo", "ouvrir-une-photo")
    assert step.action is not None
    text = spoken_text(step.title, step.markdown, action=step.action.label)
    assert text.split("\n")[-1] == "Bouton : Ouvrir le studio photo."
    english = spoken_text("Open", "Text.", action="Open the photo studio", button="Button: {label}")
    assert english.split("\n")[-1] == "Button: Open the photo studio."


def test_bold_text_is_read_without_its_stars(catalogue) -> None:
    step = _step(catalogue, "photos-produits", "la-bonne-lumiere")
    text = spoken_text(step.title, step.markdown)
    assert "N'utilisez pas le flash. Il écrase les couleurs" in text
    assert "*" not in text


def test_every_shipped_step_reads_its_title_first_and_no_markdown_marks(catalogue) -> None:
    for tutorial in catalogue.path():
        for step in tutorial.steps:
            text = spoken_text(step.title, step.markdown, action=step.action.label if step.action else None)
            assert text.startswith(step.title), step.source
            assert "](" not in text
            assert "**" not in text
            assert text.count("Image : ") == step.markdown.count("!["), step.source


def test_small_markdown_texts() -> None:
    markdown = (
        "# A heading\n"
        "A paragraph\non two lines\n\n"
        "3. starts at three\n"
        "7. then four, as shown\n"
        "   still item four\n\n"
        "- a bullet with a [link](https://example.org) and `code`\n"
        "* another *one*\n\n"
        "> quoted &amp; escaped \\*star\\*\n\n"
        "---\n"
        "Text ![a red cup](images/cup.svg) and more\n"
        "![](images/no-description.svg)\n"
    )
    assert markdown_sentences(markdown, image="Picture: {description}") == [
        "A heading.",
        "A paragraph on two lines.",
        "3. starts at three.",
        "4. then four, as shown still item four.",
        "a bullet with a link and code.",
        "another one.",
        "quoted & escaped *star*.",
        "Text.",
        "Picture: a red cup.",
        "and more.",
    ]


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("Bonjour", "Bonjour."),
        ("Prêt ?", "Prêt ?"),
        ("Préparez :", "Préparez :"),
        ("un carton clair ;", "un carton clair."),
        ("« Retrait en boutique »", "« Retrait en boutique »."),
        ("« Vraiment ? »", "« Vraiment ? »"),
        ("   ", ""),
    ],
)
def test_finish_sentence(text: str, sentence: str) -> None:
    assert finish_sentence(text) == sentence
