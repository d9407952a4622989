"""No-break spaces: a line never separates « 19 » from « h », a price from « € », or the parts
of a phone number."""

from __future__ import annotations

import pytest

from lbpmv_desktop.core.typography import NBSP, NNBSP, keep_together

JOINED = (NBSP, NNBSP)


@pytest.mark.parametrize(
    ("text", "together"),
    [
        ("9 h – 19 h", ["9 h", "19 h"]),
        ("Du mardi au samedi, de 9 h 30 à 19 h", ["9 h 30", "19 h"]),
        ("9h30 - 19h", ["9h30 -"]),
        ("de 14 h à 18 h 30", ["14 h", "18 h 30"]),
        ("Chaussons bébé 24,90 €", ["24,90 €"]),
        ("à partir de 5 € seulement", ["5 €"]),
        ("€ 12", ["€ 12"]),
        ("-30 % sur tout", ["-30 %"]),
        ("1 200 € TTC", ["1 200 € TTC"]),
        ("03 80 12 34 56", ["03 80 12 34 56"]),
        ("Tél. 03 80 12 34 56", ["Tél. 03 80 12 34 56"]),
        ("+33 3 80 12 34 56", ["+33 3 80 12 34 56"]),
        ("+33 (0)3 80 12 34 56", ["+33 (0)3 80 12 34 56"]),
        ("12 rue de la République", ["12 rue"]),
        ("62400 Béthune", ["62400 Béthune"]),
        ("n° 12", ["n° 12"]),
        ("Soldes : -50 % !", ["Soldes :", "% !"]),
        ("« Soldes »", ["« Soldes »"]),
        ("Ouvert 7 jours sur 7", ["7 jours"]),
        ("Colis de 3 kg", ["3 kg"]),
    ],
)
def test_what_belongs_together_has_no_breakable_space(text: str, together: list[str]) -> None:
    prepared = keep_together(text)
    plain = prepared.replace(NBSP, " ").replace(NNBSP, " ")
    for piece in together:
        start = plain.index(piece)
        span = prepared[start : start + len(piece)]
        assert " " not in span, (piece, repr(prepared))


def test_spaces_typed_twice_inside_a_phone_number_do_not_break_it() -> None:
    prepared = keep_together("Appelez le 03  80 12 34 56 !")
    assert prepared.endswith(f"03{NBSP}80{NBSP}12{NBSP}34{NBSP}56{NNBSP}!")


@pytest.mark.parametrize(
    "text",
    [
        "Lespetitspas",
        "Commandez par téléphone ou en ligne.",
        "https://lespetitspas.fr/?a=1!!",
        "Bonjour!",
        "Ligne 1\nLigne 2",
        "",
    ],
)
def test_nothing_else_changes(text: str) -> None:
    """Only spaces between things that belong together change: no character is added or lost."""
    prepared = keep_together(text)
    assert prepared.replace(NBSP, " ").replace(NNBSP, " ") == text
    assert prepared.count("\n") == text.count("\n")


def test_words_and_lines_still_break_between_ordinary_words() -> None:
    prepared = keep_together("Nous sommes heureux de vous accueillir du mardi au samedi")
    assert prepared.count(" ") == 9
    assert NBSP not in prepared


def test_a_long_mixed_text_keeps_every_unit_and_number_whole() -> None:
    text = "Lundi : fermé. Mardi à vendredi : 9 h 30 – 12 h 30 et 14 h – 19 h. Samedi : 9 h – 19 h. " * 5
    words = keep_together(text).split(" ")
    assert "h" not in words, "« h » never starts or ends a line alone"
    assert "–" not in words
    assert ":" not in words
    assert all(not w.startswith(("h", ":")) for w in words if w)


def test_invisible_commands_never_reach_the_poster() -> None:
    from lbpmv_desktop.core.poster.model import Poster

    poster = Poster(
        shop="Cordonnerie\u202e Martin\x1b[2J",
        phone="06\u200b 12 34 56 78",
        message="Soldes\u2066 -20 %\u2069\r\n\r\n\r\nChaussons bébé 24,90 €",
    ).checked()
    assert poster.shop == "Cordonnerie Martin[2J"
    assert poster.phone == "06 12 34 56 78"
    assert poster.message == "Soldes -20 %\n\nChaussons bébé 24,90 €"
