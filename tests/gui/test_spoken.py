"""What the read-aloud says: the step as it is shown, on real shipped steps and on small texts."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument

from lbpmv_desktop.core.tutorials.loader import load_catalogue
from lbpmv_desktop.core.tutorials.spoken import finish_sentence, spoken_text
from lbpmv_desktop.paths import resources_dir
from lbpmv_desktop.ui.tutorial.spoken import document_sentences

SHIPPED = resources_dir() / "tutorials" / "fr"


@pytest.fixture(scope="module")
def catalogue():
    catalogue, problems = load_catalogue(SHIPPED, thorough=False)
    assert problems == []
    return catalogue


def _sentences(markdown: str, image: str = "Image : {description}") -> list[str]:
    document = QTextDocument()
    document.setMarkdown(markdown)
    return document_sentences(document, image=image)


def _read(catalogue, tutorial_id: str, step_id: str, *, action: bool = False) -> list[str]:
    tutorial = catalogue.get(tutorial_id)
    assert tutorial is not None
    step = tutorial.step(step_id)
    assert step is not None
    label = step.action.label if action and step.action is not None else None
    return spoken_text(step.title, _sentences(step.markdown), action=label).split("\n")


def test_a_numbered_list_is_read_with_its_numbers_one_item_a_sentence(qapp, catalogue) -> None:
    lines = _read(catalogue, "affiche-vitrine", "creer-votre-affiche")
    numbered = [line for line in lines if line[:1].isdigit()]
    assert len(numbered) >= 3
    assert [line.split(".", 1)[0] for line in numbered[:3]] == ["1", "2", "3"]


def test_bullets_are_separate_sentences_without_a_mark(qapp, catalogue) -> None:
    lines = _read(catalogue, "affiche-vitrine", "le-qr-code")
    assert "votre Page Facebook ou votre compte Instagram." in lines
    assert "votre fiche Google, avec vos horaires et votre adresse." in lines
    assert not any(line.startswith(("-", "*", "•")) for line in lines)


def test_a_picture_is_described_where_it_is_shown(qapp, catalogue) -> None:
    lines = _read(catalogue, "photos-produits", "ce-que-vous-allez-faire")
    assert lines[-1].startswith("Image : Un téléphone photographie un pot posé sur une table")
    assert not any("images/" in line or "![" in line for line in lines)


def test_the_practice_button_is_read_last(qapp, catalogue) -> None:
    lines = _read(catalogue, "retoucher-photo", "ouvrir-une-photo", action=True)
    assert lines[-1] == "Bouton : Ouvrir le studio photo."
    english = spoken_text("Open", ["Text."], action="Open the photo studio", button="Button: {label}")
    assert english.split("\n")[-1] == "Button: Open the photo studio."


def test_bold_text_is_read_without_its_stars(qapp, catalogue) -> None:
    text = "\n".join(_read(catalogue, "photos-produits", "la-bonne-lumiere"))
    assert "N'utilisez pas le flash. Il écrase les couleurs" in text
    assert "*" not in text


def test_every_shipped_step_reads_its_title_first_and_no_markdown_marks(qapp, catalogue) -> None:
    for tutorial in catalogue.path():
        for step in tutorial.steps:
            text = spoken_text(step.title, _sentences(step.markdown))
            assert text.startswith(step.title), step.source
            assert "](" not in text
            assert "**" not in text
            assert text.count("Image : ") == step.markdown.count("!["), step.source


def test_small_markdown_texts(qapp) -> None:
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
        "Text ![a red cup](images/cup.svg) and more\n\n"
        "![](images/no-description.svg)\n"
    )
    sentences = [finish_sentence(s) for s in _sentences(markdown, image="Picture: {description}")]
    assert sentences == [
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
    "hostile", ["![" * 250_000, "![x](" * 100_000, "*a " * 170_000, "[" * 250_000 + "](", "_a " * 170_000]
)
def test_a_hostile_step_is_read_as_one_paragraph(qapp, hostile: str) -> None:
    # Qt's reader is linear: a hand-written one took minutes on these (« ![ » × 50,000: 84 s)
    sentences = _sentences(hostile)
    assert len(sentences) == 1
    assert len(finish_sentence(sentences[0])) >= len(hostile) // 3


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
