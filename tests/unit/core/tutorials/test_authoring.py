"""The authors' rules: a test pack breaks each of them once, and each is caught on its line."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from lbpmv_desktop.core.tutorials.authoring import authoring_problems
from lbpmv_desktop.core.tutorials.loader import check_content, load_catalogue
from lbpmv_desktop.core.tutorials.model import PASSWORD_RULE
from tests.helpers.packs import write_pack, write_step

if TYPE_CHECKING:
    from pathlib import Path

    from lbpmv_desktop.core.tutorials.model import Problem

TODAY = date(2026, 12, 1)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
# 67 words, 10 sentences of at most 11 words, labels of the app only.
GOOD_BODY = (
    "Le studio embellit vos photos en quelques clics. Votre photo d'origine ne change jamais.\n"
    "\n"
    "1. Cliquez sur le bouton vert « Améliorer ».\n"
    "2. Regardez votre photo.\n"
    "3. Cliquez sur « Annuler » si le résultat ne vous plaît pas.\n"
    "\n"
    "Le studio a réglé la lumière et les couleurs tout seul. Vous pouvez recommencer autant de "
    "fois que vous voulez. Rien ne se casse. Vous êtes perdu ? Cliquez sur « Tout recommencer », "
    "sous la photo.\n"
)


def _write(pack: Path, name: str, body: str, header: str = "") -> Path:
    return write_step(pack, name, extra=header, body=body)


def _pack(tmp_path: Path) -> Path:
    (tmp_path / "glossaire.toml").write_text(
        '[mot-de-passe]\nword = "mot de passe"\ndefinition = "Le code secret qui ouvre un compte."\n',
        encoding="utf-8",
    )
    pack = write_pack(tmp_path, "essai")
    for number in range(1, 5):
        _write(pack, f"{number:02d}-etape-{number}.md", GOOD_BODY, "app = true\n")
    return pack


def _problems(pack: Path) -> list[Problem]:
    catalogue, problems = load_catalogue(pack, today=TODAY)
    assert problems == []
    assert len(catalogue) == 1
    return authoring_problems(catalogue, today=TODAY)


def _lines(pack: Path) -> list[str]:
    return [
        f"{p.path.name}:{p.line}: {'attention : ' if p.warning else ''}{p.message}" for p in _problems(pack)
    ]


def test_a_pack_that_follows_the_rules_has_no_problem(tmp_path: Path) -> None:
    assert _problems(_pack(tmp_path)) == []


def test_a_label_that_the_app_does_not_show_is_an_error_on_its_line(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    body = GOOD_BODY + "\nEnsuite, dans le cadre « Préparer pour… », choisissez une destination.\n"
    _write(pack, "02-etape-2.md", body, "app = true\n")
    # +++, title, minutes, app, +++ : the body starts on line 6; the new paragraph is its 11th line
    assert _lines(pack) == [
        "02-etape-2.md:14: « Préparer pour… » n'existe pas dans l'application "
        "(vouliez-vous dire « 5. Préparer pour… » ?)"
    ]


def test_the_pack_wide_app_flag_counts_and_a_far_label_gets_no_suggestion(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    toml = pack / "tutorial.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "app = true\n", encoding="utf-8")
    _write(pack, "03-etape-3.md", GOOD_BODY + "\nPuis cliquez sur « Publier sur Pinterest ».\n")
    assert _lines(pack) == ["03-etape-3.md:13: « Publier sur Pinterest » n'existe pas dans l'application"]


def test_a_step_that_does_not_speak_of_the_app_may_quote_anything_but_a_near_label(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    body = GOOD_BODY.replace("« Améliorer »", "« publier »").replace("« Annuler »", "« Tout recomencer »")
    body = body.replace("Rien ne se casse.", "Le mot « annuler » est un mot comme un autre.")
    _write(pack, "04-etape-4.md", body)
    [line] = _lines(pack)
    assert line.startswith(
        "04-etape-4.md:9: attention : « Tout recomencer » ressemble à « Tout recommencer » de l'application"
    )


def test_quotes_in_an_app_step_title_and_memo_and_an_app_pack_checklist(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    toml = pack / "tutorial.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8")
        + 'app = true\nchecklist = [\n  "J\'ai cliqué sur « Améliorer »",\n  "J\'ai cliqué sur « Préparer pour… »",\n'
        '  "J\'ai rangé la copie",\n]\n',
        encoding="utf-8",
    )
    write_step(
        pack,
        "01-etape-1.md",
        title="Essayez « Ameliorer »",
        extra='memo = "Cliquez sur « Tout effacer »."\n',
        body=GOOD_BODY,
    )
    assert _lines(pack) == [
        "01-etape-1.md:2: « Ameliorer » n'existe pas dans l'application (vouliez-vous dire « Améliorer » ?)",
        "01-etape-1.md:4: « Tout effacer » n'existe pas dans l'application",
        "tutorial.toml:12: « Préparer pour… » n'existe pas dans l'application "
        "(vouliez-vous dire « 5. Préparer pour… » ?)",
    ]


def test_long_sentences_and_list_items_of_several_sentences(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    long_21 = (
        "Vous pouvez aussi choisir une autre photo de votre boutique pour la mettre en valeur "
        "sur votre page avec un prix bien lisible."
    )
    long_26 = (
        "Si vous voulez vraiment voir la différence entre les deux photos, gardez le doigt appuyé "
        "sur la souris pendant quelques secondes puis relâchez-le tout doucement sans rien toucher."
    )
    body = GOOD_BODY.replace("2. Regardez votre photo.", "2. Regardez votre photo. Elle est plus claire.")
    _write(pack, "02-etape-2.md", f"{body}\n{long_21}\n\n{long_26}\n")
    assert _lines(pack) == [
        "02-etape-2.md:8: attention : élément de liste de 2 phrases (« Regardez votre photo. ») : "
        "une action par ligne, l'explication va dans un paragraphe après la liste",
        "02-etape-2.md:13: attention : phrase longue (23 mots, 20 au plus conseillés) : "
        "« Vous pouvez aussi choisir une autre photo de votre boutique… »",
        "02-etape-2.md:15: phrase trop longue (28 mots, 25 au plus) : "
        "« Si vous voulez vraiment voir la différence entre les deux… » — coupez-la en deux",
    ]


def test_steps_too_short_or_too_long(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    _write(pack, "01-etape-1.md", "Cliquez sur « Améliorer ». Voilà.\n", "app = true\n")
    _write(pack, "02-etape-2.md", GOOD_BODY * 3, "app = true\n")
    assert _lines(pack) == [
        "01-etape-1.md:6: attention : l'étape compte 4 mots (60 à 180 conseillés)",
        "02-etape-2.md:6: attention : l'étape compte 201 mots (60 à 180 conseillés)",
    ]


def test_bientot_disponible_is_an_error_in_steps_and_animator_notes(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    _write(pack, "03-etape-3.md", GOOD_BODY + "\nLe recadrage est **bientôt\ndisponible**.\n", "app = true\n")
    (pack / "animateur.md").write_text(
        "## À vérifier pendant la visite\n\nBientôt disponible.\n", encoding="utf-8"
    )
    lines = _lines(pack)
    assert [line.split(" : ")[0] for line in lines] == [
        "03-etape-3.md:14: « Bientôt disponible »",
        "animateur.md:3: « Bientôt disponible »",
    ]


def test_the_first_step_that_speaks_of_a_password_says_the_rule(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    mention = "\nChoisissez un [mot de passe](glossaire:mot-de-passe) solide.\n"
    _write(pack, "02-etape-2.md", GOOD_BODY + mention, "app = true\n")
    _write(pack, "03-etape-3.md", GOOD_BODY + mention + f"\n{PASSWORD_RULE}\n", "app = true\n")
    assert _lines(pack) == [
        "02-etape-2.md:14: première étape du tutoriel qui parle de mot de passe : écrivez-y "
        f"« {PASSWORD_RULE} »"
    ]
    _write(pack, "02-etape-2.md", GOOD_BODY + mention + f"\n**{PASSWORD_RULE}**\n", "app = true\n")
    assert _lines(pack) == []  # in bold, and the later steps need not repeat it


def test_sources_read_more_than_a_year_ago(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    toml = pack / "tutorial.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8")
        + '\n[[sources]]\nfact = "Un fait récent"\nurl = "https://www.service-public.fr/"\n'
        "last_checked = 2026-11-20\n"
        '\n[[sources]]\nfact = "Un vieux fait"\nurl = "https://www.economie.gouv.fr/"\n'
        "last_checked = 2025-11-30\n",
        encoding="utf-8",
    )
    assert _lines(pack) == [
        "tutorial.toml:18: attention : source vérifiée il y a plus de 12 mois (le 30/11/2025) : "
        "relisez https://www.economie.gouv.fr/ et mettez à jour last_checked"
    ]


def test_screenshots_listed_present_and_real(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    toml = pack / "tutorial.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8") + 'screenshots = ["studio-ameliore", "studio-absent"]\n',
        encoding="utf-8",
    )
    (pack / "images" / "ecran-studio-ameliore.png").write_bytes(PNG)
    (pack / "images" / "ecran-non-liste.png").write_bytes(PNG)
    body = (
        GOOD_BODY
        + "\n![Le studio après « Améliorer »](images/ecran-studio-ameliore.png)\n"
        + "\n![Le studio](images/ecran-non-liste.png)\n"
        + "\n![Le studio dessiné à la main](images/dessin.svg)\n"
        + "\n![Une capture faite à la main](images/capture.png)\n"
    )
    (pack / "images" / "capture.png").write_bytes(PNG)
    _write(pack, "01-etape-1.md", body, "app = true\n")
    assert _lines(pack) == [
        "01-etape-1.md:16: « images/ecran-non-liste.png » est une capture de l'application absente de "
        '« screenshots » dans tutorial.toml : ajoutez "non-liste" pour que lbpmv content screenshots la refasse',
        "01-etape-1.md:18: attention : « images/dessin.svg » : une image de l'application doit être une "
        "capture : lbpmv content screenshots",
        "01-etape-1.md:20: attention : « images/capture.png » : une image de l'application doit être une "
        "capture : lbpmv content screenshots",
        "tutorial.toml:9: capture « images/ecran-studio-absent.png » introuvable : lancez lbpmv content screenshots",
    ]


def test_a_drawing_named_like_a_screenshot_is_refused(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    (pack / "images" / "ecran-studio.svg").write_text((pack / "images" / "dessin.svg").read_text())
    _write(pack, "04-etape-4.md", GOOD_BODY + "\n![Le studio](images/ecran-studio.svg)\n")
    [line] = _lines(pack)
    assert line.startswith(
        "04-etape-4.md:13: « images/ecran-studio.svg » : les noms « ecran-… » sont réservés"
    )


def test_check_content_reports_the_authoring_rules_with_the_structure(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    _write(pack, "02-etape-2.md", GOOD_BODY + "\nDans « Préparer pour… », choisissez.\n", "app = true\n")
    messages = [str(p) for p in check_content(pack, today=TODAY)]
    assert len(messages) == 1
    assert messages[0].endswith(
        "02-etape-2.md:14: « Préparer pour… » n'existe pas dans l'application (vouliez-vous dire « 5. Préparer pour… » ?)"
    )


def test_without_the_translations_quotes_are_not_checked_and_it_is_said(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    catalogue, _ = load_catalogue(pack, today=TODAY)
    problems = authoring_problems(catalogue, today=TODAY, translations=tmp_path / "absent.ts")
    assert [(p.warning, p.message.split(" : ")[0]) for p in problems] == [
        (True, "les libellés de l'application sont illisibles (fichier des traductions manquant ou abîmé)")
    ]


@pytest.mark.parametrize("quote", ["« Améliorer »", "**« Améliorer »**", "« [Améliorer](glossaire:x) »"])
def test_quotes_are_compared_as_shown(tmp_path: Path, quote: str) -> None:
    pack = _pack(tmp_path)
    _write(pack, "01-etape-1.md", GOOD_BODY.replace("« Améliorer »", quote), "app = true\n")
    catalogue, _problems_found = load_catalogue(pack, today=TODAY)
    assert authoring_problems(catalogue, today=TODAY) == []
