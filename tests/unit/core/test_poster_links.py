"""Links for a QR code: hostile ones are refused with one French sentence, good ones normalised."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lbpmv_desktop.core.poster.links import LinkRefused, check_link, display_link
from lbpmv_desktop.core.poster.model import Poster, PosterRefused


@pytest.mark.parametrize(
    ("link", "said"),
    [
        ("javascript:alert(1)", "pages internet"),
        ("JavaScript:alert(document.cookie)", "pages internet"),
        ("data:text/html,<script>alert(1)</script>", "pages internet"),
        ("file:///etc/passwd", "pages internet"),
        ("ftp://exemple.fr/fichier", "https://"),
        ("mailto:a@b.fr", "pages internet"),
        ("http://exemple.fr:99999", "de 1 à 65535"),
        ("http://exemple.fr:0/", "de 1 à 65535"),
        ("http://exemple.fr:abc/", "de 1 à 65535"),
        ("http://exa mple.fr", "espaces"),
        ("https://exemple.fr/\x00", "invisible"),
        ("https://exemple.fr\u202e/rf.elpmexe", "invisible"),
        ("https://exem\u200bple.fr", "invisible"),
        ("https://exemple.fr\n/x", "invisible"),
        ("https://p\u0430ypal.com", "alphabets"),  # a Cyrillic « а »
        ("https://g\u043e\u043egle.fr", "alphabets"),  # two Cyrillic « о »
        ("https://\u03b1pple.com", "alphabets"),  # a Greek « α »
        ("https://mabanque.fr@pirate.example", "« @ »"),
        ("https://client:secret@exemple.fr", "« @ »"),
        ("https://exemple.fr\\@pirate.example", "« \\ »"),
        ("https://" + "a" * 5000 + ".fr", "trop longue"),
        ("https://localhost", "nom de site complet"),
        ("http://127.0.0.1/", "en chiffres"),
        ("http://192.168.1.1", "en chiffres"),
        ("http://[::1]/", "en chiffres"),
        ("https:/exemple.fr", "deux barres"),
        ("https://[exemple.fr", "mal écrite"),
        ("https://exemple..fr", "pas valable"),
        ("https://-exemple.fr", "pas valable"),
        ("https://exem_ple.fr", "pas valable"),
    ],
)
def test_hostile_links_are_refused_with_one_french_sentence(link: str, said: str) -> None:
    with pytest.raises(LinkRefused) as refused:
        check_link(link)
    message = refused.value.message
    assert said in message
    assert message.endswith("."), "one whole sentence"
    assert message.count(". ") == 0, "one sentence"
    assert "inattendue" not in message
    assert "\x00" not in message
    assert len(message) < 260


@pytest.mark.parametrize(
    ("link", "checked", "shown"),
    [
        ("www.exemple.fr", "https://www.exemple.fr", "www.exemple.fr"),
        ("lespetitspas.fr", "https://lespetitspas.fr", "lespetitspas.fr"),
        ("  https://lespetitspas.fr/  ", "https://lespetitspas.fr/", "lespetitspas.fr"),
        (
            "HTTPS://LesPetitsPas.FR/Commander",
            "https://lespetitspas.fr/Commander",
            "lespetitspas.fr/Commander",
        ),
        ("http://exemple.fr:8080/a", "http://exemple.fr:8080/a", "exemple.fr:8080/a"),
        ("www.exemple.fr:8080", "https://www.exemple.fr:8080", "www.exemple.fr:8080"),
        (
            "https://exemple.fr/commander?ref=vitrine#haut",
            "https://exemple.fr/commander?ref=vitrine#haut",
            "exemple.fr/commander?ref=vitrine#haut",
        ),
        ("boulangerie-séverine.fr", "https://xn--boulangerie-sverine-nzb.fr", "boulangerie-séverine.fr"),
        ("https://exemple.fr/été", "https://exemple.fr/%C3%A9t%C3%A9", "exemple.fr/été"),
        ("https://пример.рф", "https://xn--e1afmkfd.xn--p1ai", "xn--e1afmkfd.xn--p1ai"),
        ("https://ｐａｙｐａｌ.com", "https://paypal.com", "paypal.com"),
        (
            "https://www.tiktok.com/@lespetitspas",
            "https://www.tiktok.com/@lespetitspas",
            "www.tiktok.com/@lespetitspas",
        ),
        ("exemple.fr.", "https://exemple.fr", "exemple.fr"),
        ("", "", ""),
    ],  # fmt: skip
)
def test_good_links_are_normalised_and_shown_short(link: str, checked: str, shown: str) -> None:
    assert check_link(link) == checked
    assert display_link(checked) == shown


def test_a_poster_with_a_bad_link_names_the_field_to_correct() -> None:
    with pytest.raises(PosterRefused) as refused:
        Poster(shop="Chez Paul", url="javascript:alert(1)").checked()
    assert refused.value.field == "url"
    with pytest.raises(PosterRefused) as refused:
        Poster(shop=" ").checked()
    assert refused.value.field == "shop"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_either_a_clean_web_link_or_refused_in_french(text: str) -> None:
    try:
        link = check_link(text)
    except LinkRefused as refused:
        message = refused.message
        link = None
    if link is None:
        assert message.strip()
        return
    if not link:
        assert not text.strip()
        return
    assert link.startswith(("http://", "https://"))
    assert link.isascii()
    assert all(c.isprintable() and not c.isspace() for c in link)
    assert "@" not in link.split("/")[2]
