"""Sentences, words and syllables of French steps, counted by hand, and the --stats table."""

from __future__ import annotations

from pathlib import Path

import pytest

from lbpmv_desktop.core.tutorials.model import Step, Tutorial
from lbpmv_desktop.core.tutorials.readability import (
    format_stats,
    kandel_moles,
    sentences,
    step_stats,
    syllables,
    tutorial_stats,
    words,
)


def _texts(markdown: str) -> list[str]:
    return [sentence.text for sentence in sentences(markdown)]


def test_a_paragraph_is_cut_into_its_sentences() -> None:
    text = "Le plus simple d'abord : un seul clic. Vous êtes perdu ? Cliquez ici ! Voilà… Bravo."
    assert _texts(text) == [
        "Le plus simple d'abord : un seul clic.",
        "Vous êtes perdu ?",
        "Cliquez ici !",
        "Voilà…",
        "Bravo.",
    ]


def test_a_quoted_label_with_an_exclamation_mark_stays_in_its_sentence() -> None:
    text = "Cliquez sur « C'est fait ! » pour finir. Puis sur « 2. Régler » et « Ouvrir une photo… »."
    assert _texts(text) == [
        "Cliquez sur « C'est fait ! » pour finir.",
        "Puis sur « 2. Régler » et « Ouvrir une photo… ».",
    ]


def test_a_quoted_message_of_two_sentences_counts_two() -> None:
    text = "Écrivez : « Bonjour, merci pour votre message. Je vous réponds ce soir. » Puis envoyez."
    assert [s.words for s in sentences(text)] == [6, 5, 2]


def test_abbreviations_lowercase_and_web_addresses_do_not_end_a_sentence() -> None:
    text = "Par ex. un pull. Allez sur instagram.com puis cliquez. Le prix ? vingt euros."
    assert _texts(text) == [
        "Par ex. un pull.",
        "Allez sur instagram.com puis cliquez.",
        "Le prix ? vingt euros.",
    ]


def test_words_french_style() -> None:
    # 1 Chaussons 2 bébé 3 « 24,90 € » 4 l'application 5 c'est-à-dire 6 aujourd'hui 7 « 100 % »
    # 8 et 9 « 1 080 » 10 pixels ; « | » and « & » are no words
    text = "Chaussons bébé 24,90 € : l'application, c'est-à-dire aujourd'hui 100 % et 1 080 pixels | & —"
    assert words(text) == [
        "Chaussons",
        "bébé",
        "24,90 €",
        "l'application",
        "c'est-à-dire",
        "aujourd'hui",
        "100 %",
        "et",
        "1 080",
        "pixels",
    ]


def test_no_break_and_narrow_no_break_spaces_and_curly_apostrophes() -> None:
    assert words("Chaussons bébé 24,90\u00a0€ et 12\u202f%, l’écran") == [
        "Chaussons",
        "bébé",
        "24,90\u00a0€",
        "et",
        "12\u202f%",
        "l’écran",
    ]


def test_markdown_marks_pictures_and_links() -> None:
    text = (
        "Ouvrez **le studio** et *regardez* le `bouton`.\n\n"
        "![Une longue description du dessin. Elle a deux phrases.](images/dessin.svg)\n\n"
        "Choisissez un [mot de passe](glossaire:mot-de-passe) sur [ce site](https://www.example.fr/page_a)."
    )
    assert _texts(text) == [
        "Ouvrez le studio et regardez le bouton.",
        "Choisissez un mot de passe sur ce site.",
    ]


def test_list_items_are_sentences_and_keep_their_item_and_line() -> None:
    text = (
        "Il vous faut :\n"
        "\n"
        "1. une photo de produit ;\n"
        "2. environ 10 minutes.\n"
        "- Cliquez sur « Améliorer ».\n"
        "  Regardez la photo.\n"
        "\n"
        "Voilà."
    )
    found = sentences(text)
    assert [(s.text, s.line, s.item) for s in found] == [
        ("Il vous faut :", 0, None),
        ("une photo de produit ;", 2, 0),
        ("environ 10 minutes.", 3, 1),
        ("Cliquez sur « Améliorer ».", 4, 2),
        ("Regardez la photo.", 5, 2),
        ("Voilà.", 7, None),
    ]
    assert step_stats("x", text, 2).list_items == 3


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("école", 2),
        ("photo", 2),
        ("boutique", 2),
        ("améliorer", 4),
        ("animateur", 4),
        ("ordinateur", 4),
        ("application", 4),
        ("téléphone", 3),
        ("vidéo", 3),
        ("réaliste", 3),
        ("idée", 2),
        ("journée", 2),
        ("essayez", 3),
        ("payer", 2),
        ("table", 1),
        ("une", 1),
        ("vous", 1),
        ("oiseau", 2),
        ("lumière", 2),
        ("photographie", 4),
        ("aujourd'hui", 3),
        ("qu'il", 1),
        ("c'est-à-dire", 3),
        ("SMS", 3),
        ("24,90 €", 6),
    ],
)
def test_syllables_as_spoken(word: str, count: int) -> None:
    assert syllables(word) == count


def test_kandel_moles_formula() -> None:
    # 207 − 1,015 × 100/10 − 73,6 × 150/100
    assert kandel_moles(100, 10, 150) == pytest.approx(207 - 10.15 - 110.4)
    assert kandel_moles(0, 0, 0) == 0.0


def test_step_stats_counted_by_hand() -> None:
    text = "Ouvrez la boutique. Cliquez sur « Améliorer » maintenant !"
    # Ou-vrez la bou-tique (2+1+2 = 5), Cli-quez sur A-mé-lio-rer main-te-nant (2+1+4+3 = 10)
    stats = step_stats("01-essai", text, 3)
    assert (stats.words, stats.sentences, stats.syllables, stats.longest) == (7, 2, 15, 4)
    assert stats.longest_text == "Cliquez sur « Améliorer » maintenant !"
    assert stats.mean == pytest.approx(3.5)
    assert stats.kandel_moles == pytest.approx(207 - 1.015 * 3.5 - 73.6 * 15 / 7)


def _tutorial(tutorial_id: str, bodies: list[str]) -> Tutorial:
    steps = tuple(
        Step(f"etape-{n}", n, f"Étape {n}", 2, body, Path(f"{n:02d}-etape-{n}.md"))
        for n, body in enumerate(bodies, start=1)
    )
    return Tutorial(tutorial_id, "Titre", "Résumé.", "photos", 1, 10, (), 1, steps, Path(tutorial_id))


def test_format_stats_aligns_columns_in_french() -> None:
    first = _tutorial("premier", ["Ouvrez la boutique. Cliquez ici.", "Une seule phrase un peu plus longue."])
    second = _tutorial("second", ["Bonjour à vous."])
    table = format_stats([tutorial_stats(first), tutorial_stats(second)])
    lines = table.splitlines()
    assert lines[0].split() == [
        "tutoriel",
        "/",
        "étape",
        "mots",
        "phrases",
        "moyenne",
        "plus",
        "longue",
        "Kandel–Moles",
        "minutes",
        "listes",
    ]
    step_line = next(line for line in lines if line.strip().startswith("01-etape-1"))
    assert step_line.split()[1:5] == ["5", "2", "2,5", "3"]
    tutorial_line = next(line for line in lines if line.startswith("premier (2 étapes)"))
    assert tutorial_line.split()[3:7] == ["12", "3", "4,0", "7"]
    assert lines[-1].startswith("TOTAL (2 tutoriels, 3 étapes)")
    assert lines[-1].split()[5:7] == ["15", "4"]
    # every number column ends at the same place as its header
    header_end = lines[0].index("mots") + len("mots")
    assert step_line.index(" 5 ") + 2 == header_end
    assert "plus longue phrase : « Une seule phrase un peu plus longue. »" in table


@pytest.mark.parametrize(
    "text",
    [
        "!" * 16384,
        "[" * 16384,
        "![a](" * 3000,
        "*" * 16384,
        "«" * 8192 + "»" * 8192,
        "a" * 16384 + ". B",
        ".»" * 8192,
        ("[" + "a" * 1999) * 8,
        "- a. B. C.\n" * 1400,
    ],
)
def test_hostile_steps_are_read_in_one_pass(text: str) -> None:
    """A 16 KB step made of marks only is counted like any other (no scan per mark, no recursion)."""
    found = sentences(text)
    stats = step_stats("x", text, 2)
    assert stats.sentences == len(found)
    assert stats.words == sum(sentence.words for sentence in found)
