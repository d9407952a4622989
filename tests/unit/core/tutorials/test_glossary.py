"""The glossary (``glossaire.toml``) and the links of steps to it: read, checked, located."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lbpmv_desktop.core.tutorials.glossary import load_glossary
from lbpmv_desktop.core.tutorials.loader import load_catalogue
from lbpmv_desktop.core.tutorials.markup import (
    glossary_target,
    markdown_problems,
    markdown_scan,
    toml_problem,
)
from lbpmv_desktop.core.tutorials.model import Term
from tests.helpers.packs import write_pack, write_step

if TYPE_CHECKING:
    from pathlib import Path

GOOD = (
    "# Les mots expliqués une fois pour toutes\n"
    "[mot-de-passe]\n"
    'word = "mot de passe"\n'
    'definition = "Le code secret, fait de lettres et de chiffres, qui ouvre un compte."\n'
    "\n"
    '["qr-code"]\n'
    'word = "QR code"\n'
    'definition = """Un petit carré de points\n'
    'que le téléphone lit pour ouvrir une page."""\n'
)


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "glossaire.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _messages(problems: list) -> list[str]:
    return [f"{p.path.name}:{p.line}: {p.message}" for p in problems]


def test_a_good_glossary_is_read_in_order(tmp_path: Path) -> None:
    terms, problems = load_glossary(_write(tmp_path, GOOD))
    assert problems == []
    assert list(terms) == ["mot-de-passe", "qr-code"]
    assert terms["mot-de-passe"] == Term(
        "mot-de-passe", "mot de passe", "Le code secret, fait de lettres et de chiffres, qui ouvre un compte."
    )
    # a definition written on two lines is shown and read as one paragraph
    assert (
        terms["qr-code"].definition == "Un petit carré de points que le téléphone lit pour ouvrir une page."
    )


def test_a_missing_glossary_is_empty_without_problem(tmp_path: Path) -> None:
    assert load_glossary(tmp_path / "glossaire.toml") == ({}, [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[Mot-De-Passe]\nword = "mot"\ndefinition = "Un code."\n',
            "glossaire.toml:1: identifiant « Mot-De-Passe »",
        ),
        ('[mot]\nword = "mot"\n', "glossaire.toml:1: champ obligatoire manquant dans [mot] : « definition »"),
        (
            '[mot]\ndefinition = "Un code."\n',
            "glossaire.toml:1: champ obligatoire manquant dans [mot] : « word »",
        ),
        (
            '[mot]\nword = ""\ndefinition = "Un code."\n',
            "glossaire.toml:2: « word » doit être un texte non vide",
        ),
        (
            '[mot]\nword = 3\ndefinition = "Un code."\n',
            "glossaire.toml:2: « word » doit être un texte non vide",
        ),
        (
            '[a]\nword = "a"\ndefinition = "A."\n\n[mot]\nword = "mot"\ndefinition = "' + "d" * 401 + '"\n',
            "glossaire.toml:7: « definition » est trop long (401 caractères, maximum 400)",
        ),
        (
            '[mot]\nword = "mot <b>"\ndefinition = "Un code."\n',
            "glossaire.toml:2: « word » : balise HTML « <b>",
        ),
        (
            '[mot]\nword = "mot"\ndefinition = "Un\\u200bcode."\n',
            "glossaire.toml:3: « definition » : caractère invisible",
        ),
        (
            '[mot]\nword = "mot"\ndefinition = "Un code."\nexemple = "x"\n',
            "glossaire.toml:4: champ inconnu « exemple » dans [mot]",
        ),
        ('mot = "Un code."\n', "glossaire.toml:1: « mot » : chaque mot s'écrit dans un bloc à son nom"),
        ('[mot]\nword = "mot"\ndefinition = "Un code.\n', "glossaire.toml:3: syntaxe incorrecte"),
        (
            '[mot]\nword = "mot"\ndefinition = "x"\n[mot]\nword = "y"\n',
            "glossaire.toml:4: syntaxe incorrecte",
        ),
    ],
)
def test_bad_glossary_entries_are_located(tmp_path: Path, text: str, expected: str) -> None:
    terms, problems = load_glossary(_write(tmp_path, text))
    messages = _messages(problems)
    assert any(m.startswith(expected) for m in messages), messages
    assert "mot" not in terms


def test_one_bad_entry_keeps_the_others(tmp_path: Path) -> None:
    terms, problems = load_glossary(_write(tmp_path, GOOD + '\n[vide]\nword = "vide"\n'))
    assert list(terms) == ["mot-de-passe", "qr-code"]
    assert _messages(problems) == [
        "glossaire.toml:11: champ obligatoire manquant dans [vide] : « definition »"
    ]


def test_a_glossary_of_eighty_words_passes_and_a_huge_one_is_refused_at_once(tmp_path: Path) -> None:
    entry = '[mot-{n}]\nword = "mot {n}"\ndefinition = "' + "Une définition simple et claire. " * 11 + '"\n\n'
    eighty = "".join(entry.format(n=n) for n in range(80))
    assert len(eighty.encode("utf-8")) > 16 * 1024  # over the limits of a tutorial.toml
    terms, problems = load_glossary(_write(tmp_path / "ok", eighty))
    assert problems == []
    assert len(terms) == 80

    huge = _write(tmp_path / "gros", "".join(entry.format(n=n) for n in range(400)))
    terms, problems = load_glossary(huge)  # refused on its size, never parsed
    assert terms == {}
    assert _messages(problems) == ["glossaire.toml:1: fichier trop gros (163 Ko, maximum 64 Ko)"]

    keys = _write(tmp_path / "cles", "[a]\n" + "".join(f"k{n} = 1\n" for n in range(700)))
    [problem] = load_glossary(keys)[1]
    assert problem.message == "trop de champs (maximum 600)"


def test_toml_limits_are_keyword_arguments_with_the_old_defaults() -> None:
    text = "".join(f"k{n} = 1\n" for n in range(150))
    assert toml_problem(text) == (101, "trop de champs (maximum 100)")
    assert toml_problem(text, max_keys=600) is None
    assert toml_problem("a = 1\n" * 600, max_keys=1000) == (501, "trop de lignes (maximum 500)")
    assert toml_problem("a = 1\n" * 600, max_keys=1000, max_lines=2000) is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_like_the_glossary_never_blocks(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "glossaire.toml")
    terms, problems = load_glossary(tmp_path / "glossaire.toml")
    assert terms == {}
    assert _messages(problems)[0].startswith("glossaire.toml:1: ce n'est pas un fichier ordinaire")


# -- links to the glossary ----------------------------------------------------------------------
def test_glossary_target_names_a_word_or_nothing() -> None:
    assert glossary_target("glossaire:mot-de-passe") == "mot-de-passe"
    assert glossary_target("glossaire:Mot") is None
    assert glossary_target("glossaire:") is None
    assert glossary_target("glossaire:mot/../../x") is None
    assert glossary_target("https://exemple.fr/") is None
    assert glossary_target("glossaire:" + "a" * 400) is None


def test_markdown_scan_finds_glossary_links_with_their_lines() -> None:
    body = "Un [mot de passe](glossaire:mot-de-passe) sûr.\n\nUn [site](https://exemple.fr/) et un [QR code](glossaire:qr-code).\n"
    scan = markdown_scan(body, 5)
    assert scan.problems == []
    assert scan.glossary == [(5, "mot-de-passe"), (7, "qr-code")]


def test_a_bad_glossary_link_is_refused() -> None:
    [(line, message)] = markdown_problems("Texte.\n\nUn [mot](glossaire:Mot_De_Passe).\n", 4)
    assert line == 6
    assert message.startswith(
        "lien vers le glossaire « glossaire:Mot_De_Passe » : écrivez [mot](glossaire:identifiant)"
    )
    [(_, other)] = markdown_problems("Un [mot](glossary:mot).\n")
    assert "seules les adresses qui commencent par https:// et les mots du glossaire" in other


def test_many_broken_glossary_links_give_a_bounded_report() -> None:
    body = "[a](glossaire:" * 20_000 + "[b](glossaire:Mot)" * 5_000
    problems = markdown_problems(body)
    assert 1 <= len(problems) <= 21
    assert problems[-1][1].startswith("… et ")


def test_steps_link_to_the_glossary_beside_the_packs(tmp_path: Path) -> None:
    root = tmp_path / "fr"
    pack = write_pack(root, "bonjour")
    _write(root, GOOD)
    write_step(pack, "02-etape-2.md", body="Un [mot de passe](glossaire:mot-de-passe) sûr.\n")
    write_step(pack, "03-etape-3.md", body="Texte.\n\nUn [code](glossaire:code-secret).\n")
    catalogue, problems = load_catalogue(root)
    assert _messages(problems) == [
        "03-etape-3.md:7: mot « code-secret » absent du glossaire (glossaire.toml)"
    ]
    assert catalogue.get("bonjour") is None
    assert list(catalogue.glossary) == ["mot-de-passe", "qr-code"]

    # one pack checked alone uses the glossary beside it
    write_step(pack, "03-etape-3.md", body="Un [QR code](glossaire:qr-code).\n")
    catalogue, problems = load_catalogue(pack)
    assert problems == []
    assert catalogue.glossary["qr-code"].word == "QR code"


def test_without_a_glossary_every_link_is_unknown(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    write_step(pack, "01-etape-1.md", body="Un [mot de passe](glossaire:mot-de-passe).\n")
    assert _messages(load_catalogue(pack)[1]) == [
        "01-etape-1.md:5: mot « mot-de-passe » absent du glossaire (glossaire.toml)"
    ]


def test_a_broken_glossary_never_hides_the_tutorials(tmp_path: Path) -> None:
    root = tmp_path / "fr"
    pack = write_pack(root, "bonjour")
    write_step(pack, "01-etape-1.md", body="Un [mot de passe](glossaire:mot-de-passe).\n")
    _write(root, '[mot-de-passe]\nword = "mot de passe\n')  # a syntax error
    catalogue, problems = load_catalogue(root)
    assert _messages(problems) == [
        "glossaire.toml:2: syntaxe incorrecte : vérifiez les guillemets, les crochets et le signe « = » (chaque ligne s'écrit champ = valeur)"
    ]
    assert catalogue.get("bonjour") is not None
    assert dict(catalogue.glossary) == {}


def test_a_link_to_a_word_with_a_bad_entry_is_said_once(tmp_path: Path) -> None:
    root = tmp_path / "fr"
    pack = write_pack(root, "bonjour")
    write_step(pack, "01-etape-1.md", body="Un [mot de passe](glossaire:mot-de-passe).\n")
    _write(root, '[mot-de-passe]\nword = "mot de passe"\n')
    assert _messages(load_catalogue(root)[1]) == [
        "glossaire.toml:1: champ obligatoire manquant dans [mot-de-passe] : « definition »"
    ]


def test_the_shipped_glossary_is_valid() -> None:
    from lbpmv_desktop.paths import tutorials_dir

    path = tutorials_dir() / "glossaire.toml"
    if not path.exists():
        pytest.skip("no glossary shipped yet")
    terms, problems = load_glossary(path)
    assert [str(p) for p in problems] == []
    assert len(terms) >= 40


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    garbage=st.binary(max_size=300),
    text=st.text(alphabet=st.sampled_from("[]{}\"'=.#\n abc-é\\"), max_size=200),
)
def test_any_glossary_gives_problems_never_an_exception(tmp_path_factory, garbage: bytes, text: str) -> None:
    folder = tmp_path_factory.mktemp("glossaire")
    for content in (garbage, text.encode("utf-8"), GOOD.encode("utf-8") + garbage):
        path = folder / "glossaire.toml"
        path.write_bytes(content)
        terms, problems = load_glossary(path)
        assert all(p.line >= 1 and p.message for p in problems)
        assert all(term.word and term.definition for term in terms.values())
