"""The app's French labels, from the translations and from core, and the quotes of a step."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from lbpmv_desktop.core.tutorials.labels import (
    Labels,
    app_labels,
    closest_label,
    find_labels,
    label_exists,
    normalise,
    translation_labels,
)
from lbpmv_desktop.paths import resources_dir

if TYPE_CHECKING:
    from pathlib import Path

SHIPPED_TS = resources_dir() / "translations" / "lbpmv_fr.ts"

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>StudioPage</name>
    <message><source>&amp;Improve</source><translation>&amp;Améliorer</translation></message>
    <message><source>Save &amp;&amp; close</source><translation>Enregistrer &amp;&amp; fermer</translation></message>
    <message><source>Open...</source><translation>Ouvrir une photo...</translation></message>
    <message><source>Done!</source><translation>C&apos;est fait&#xa0;!</translation></message>
    <message><source>Old</source><translation type="obsolete">Ancien bouton</translation></message>
    <message><source>Gone</source><translation type="vanished">Bouton disparu</translation></message>
    <message><source>New</source><translation type="unfinished">Pas encore traduit</translation></message>
    <message><source>Open ready</source><translation>Ouvrir «&#x202f;Mes photos prêtes&#x202f;»</translation></message>
    <message><source>Hello {shop}!</source><translation>Bonjour {shop}&#xa0;!</translation></message>
    <message><source>%n photos</source><translation>Importer %1 photos</translation></message>
    <message><source>{name}</source><translation>{name}</translation></message>
    <message><source>Name:</source><translation>Nom de la boutique&#xa0;:</translation></message>
    <message><source>Two lines</source><translation>Première ligne
Deuxième ligne</translation></message>
    <message numerus="yes"><source>%n step(s)</source><translation>
        <numerusform>%n étape faite</numerusform><numerusform>%n étapes faites</numerusform>
    </translation></message>
</context>
</TS>
"""


@pytest.fixture
def labels(tmp_path: Path) -> Labels:
    path = tmp_path / "lbpmv_fr.ts"
    path.write_text(TS, encoding="utf-8")
    return translation_labels(path)


def test_finished_translations_only_without_mnemonics(labels: Labels) -> None:
    assert label_exists("Améliorer", labels)
    assert label_exists("Enregistrer & fermer", labels)
    assert not label_exists("&Améliorer", labels)
    for gone in ("Ancien bouton", "Bouton disparu", "Pas encore traduit"):
        assert not label_exists(gone, labels), gone


def test_spaces_dots_and_apostrophes_are_normalised(labels: Labels) -> None:
    assert label_exists("C'est fait !", labels)
    assert label_exists("C’est fait\u202f!", labels)
    assert label_exists("Ouvrir une photo…", labels)
    assert label_exists("Ouvrir une photo...", labels)
    assert label_exists("Ouvrir « Mes photos prêtes »", labels)
    assert normalise("«\u00a0Avant\u202f»  et...") == "« Avant » et…"


def test_names_quoted_by_a_label_lines_and_captions_without_colon(labels: Labels) -> None:
    assert label_exists("Mes photos prêtes", labels)
    assert label_exists("Deuxième ligne", labels)
    assert label_exists("Nom de la boutique :", labels)
    assert label_exists("Nom de la boutique", labels)


def test_placeholders_match_any_text_but_never_alone(labels: Labels) -> None:
    assert label_exists("Bonjour Les Petits Pas !", labels)
    assert label_exists("Importer 12 photos", labels)
    assert label_exists("3 étapes faites", labels)
    assert not label_exists("Bonjour !", labels)  # the placeholder stands for something
    assert not label_exists("N'importe quoi", labels)  # « {name} » alone matches nothing


def test_nothing_is_forgiven_but_the_closest_label_is_suggested(labels: Labels) -> None:
    assert not label_exists("Ouvrir une photo", labels)
    assert closest_label("Ouvrir une photo", labels) == "Ouvrir une photo…"
    assert closest_label("améliorer", labels) == "Améliorer"
    assert closest_label("Publier sur Instagram", labels) is None


def test_an_unreadable_or_hostile_file_gives_no_labels(tmp_path: Path) -> None:
    (tmp_path / "folder.ts").mkdir()
    assert translation_labels(tmp_path / "folder.ts").exact == set()
    assert translation_labels(tmp_path / "missing.ts").exact == set()
    bad = tmp_path / "bad.ts"
    bad.write_text("<TS><message><translation>Ouvert", encoding="utf-8")
    assert translation_labels(bad).exact == set()
    bomb = tmp_path / "bomb.ts"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE TS [<!ENTITY a "aaaa">]><TS><message><translation>&a;</translation>'
        "</message></TS>",
        encoding="utf-8",
    )
    assert translation_labels(bomb).exact == set()


def test_the_shipped_app_labels_hold_the_studio_and_poster_words() -> None:
    labels = app_labels(SHIPPED_TS)
    for label in (
        "Améliorer",
        "Annuler",
        "Avant",
        "Tout recommencer",
        "5. Préparer pour…",
        "Instagram (carré)",
        "J'ai besoin d'aide",
        "Mes photos prêtes",
        "Nos horaires",  # a poster template (core/poster/model.py)
        "Scannez pour commander",  # the words beside its QR code
        "Jaune et bleu nuit",  # a colour theme
        "Vendre à distance",  # an answer of the visit's diagnostic (core/visit/diagnostic.py)
        "Demandeur mais freiné",  # one of its profiles
    ):
        assert label_exists(label, labels), label
    assert not label_exists("Préparer pour…", labels)
    assert closest_label("Préparer pour…", labels) == "5. Préparer pour…"


def test_find_labels_gives_the_line_of_each_quote_and_skips_italics() -> None:
    markdown = (
        "Cliquez sur « Améliorer ». *Tapez « Bonjour » dans la case*, puis **« Annuler »**.\n"
        "* Une puce « Avant »\n"
        "Puis « Ouvrir « Mes photos prêtes » » et _« en italique »_, « Tout\n"
        "recommencer ».\n"
        "\n"
        "Un « oubli sans fin\n"
        "\n"
        "Le dossier snake_case « Fin ».\n"
        "\n"
        "Le [site](https://exemple.fr/_page) puis 2 * 3 « Compte » et *« Pas celui-ci »*."
    )
    assert find_labels(markdown) == [
        (0, "Améliorer"),
        (0, "Annuler"),
        (1, "Avant"),
        (2, "Ouvrir « Mes photos prêtes »"),
        (2, "Tout recommencer"),
        (7, "Fin"),
        (9, "Compte"),
    ]
