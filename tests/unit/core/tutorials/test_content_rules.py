"""Errors and warnings: what the app loads at start, and what ``content check`` adds for authors.

The app runs ``load_catalogue`` (structure only): an author's rule such as a long sentence never
hides a tutorial from a merchant. ``check_content`` adds the authors' rules (``authoring``), and
a warning (``Problem.warning``) never makes a pack invalid.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from lbpmv_desktop.core.tutorials import loader
from lbpmv_desktop.core.tutorials.loader import check_content, load_catalogue
from lbpmv_desktop.core.tutorials.model import Problem
from tests.helpers.packs import write_pack, write_step

if TYPE_CHECKING:
    import pytest

LONG = " ".join(["mot"] * 30) + "."  # a sentence of 30 words: an error for authors
TODAY = date(2026, 12, 1)


def _pack_with_long_sentence(root: Path) -> Path:
    pack = write_pack(root, "bonjour")
    write_step(pack, "02-etape-2.md", body=f"Texte.\n\n{LONG}\n")
    return pack


def test_problem_str_says_attention_for_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    assert str(Problem(path, 3, "phrase longue", warning=True)) == f"{path}:3: attention : phrase longue"
    assert str(Problem(path, 3, "phrase trop longue")) == f"{path}:3: phrase trop longue"


def test_the_app_never_applies_the_authors_rules(tmp_path: Path) -> None:
    pack = _pack_with_long_sentence(tmp_path)
    catalogue, problems = load_catalogue(pack, thorough=False)
    assert problems == []
    assert catalogue.get("bonjour") is not None


def test_content_check_adds_the_authors_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = _pack_with_long_sentence(tmp_path)
    seen: list[tuple[list[str], date]] = []

    def rules(catalogue: object, *, today: date) -> list[Problem]:
        seen.append(([t.id for t in catalogue], today))  # type: ignore[attr-defined]
        return [
            Problem(pack / "02-etape-2.md", 7, "phrase trop longue"),
            Problem(pack / "02-etape-2.md", 7, "étape courte", warning=True),
        ]

    monkeypatch.setattr(loader, "_authoring_rules", lambda: rules)
    problems = check_content(pack, today=TODAY)
    assert seen == [(["bonjour"], TODAY)]  # the loaded tutorials, and the day given
    assert [str(p).removeprefix(str(pack) + "/") for p in problems] == [
        "02-etape-2.md:7: phrase trop longue",
        "02-etape-2.md:7: attention : étape courte",
    ]


def test_the_installed_authors_rules_flag_a_long_sentence(tmp_path: Path) -> None:
    pack = _pack_with_long_sentence(tmp_path)
    problems = check_content(pack, today=TODAY)
    errors = [p for p in problems if not p.warning and p.path.name == "02-etape-2.md"]
    assert errors, [str(p) for p in problems]
    assert errors[0].line == 7  # the sentence's own line in the file, header included


def test_stale_sources_are_a_warning_that_keeps_the_pack(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    path = pack / "tutorial.toml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n[[sources]]\nfact = "Un fait"\nurl = "https://exemple.fr/"\nlast_checked = 2024-06-01\n',
        encoding="utf-8",
    )
    catalogue, problems = load_catalogue(pack, today=TODAY)
    assert problems == []
    assert catalogue.get("bonjour") is not None
    stale = [p for p in check_content(pack, today=TODAY) if p.path == path]
    assert [(p.line, p.warning) for p in stale] == [(13, True)]
    a_month_after = [p for p in check_content(pack, today=date(2024, 7, 1)) if p.path == path]
    assert a_month_after == []  # read a month before: nothing to say about the source


def test_a_warning_never_makes_a_pack_invalid(tmp_path: Path) -> None:
    root = tmp_path / "fr"
    kept, refused = write_pack(root, "garde"), write_pack(root, "refuse")
    catalogue, problems = load_catalogue(root)
    report = loader._Report()
    report.add(kept / "02-etape-2.md", 3, "phrase un peu longue", warning=True)
    report.add(refused / "02-etape-2.md", 3, "phrase bien trop longue")
    valid = loader._check_links(list(catalogue), set(), report)
    assert [t.id for t in valid] == ["garde"]
    assert report.errors == 1


# -- the fixed packs of tests/data/packs (a reviewer can run « lbpmv content check » on them) -----
PACKS = Path(__file__).resolve().parents[3] / "data" / "packs"


def _located(problems: list[Problem]) -> list[str]:
    return [str(p).removeprefix(f"{PACKS}/") for p in problems]


def test_the_well_written_pack_uses_every_new_field_and_passes_everything() -> None:
    pack = PACKS / "bien-ecrit"
    assert _located(check_content(pack, today=TODAY)) == []
    catalogue, _ = load_catalogue(pack)
    tutorial = catalogue.get("bien-ecrit")
    assert len(tutorial.checklist) == 3
    assert tutorial.sources[0].url == "https://support.microsoft.com/fr-fr/windows"
    assert all(step.memo for step in tutorial.steps)
    assert tutorial.helper_notes.startswith("## À vérifier pendant la visite")
    assert set(catalogue.glossary) == {"dossier", "sauvegarde"}


def test_the_pack_that_breaks_the_structure_is_refused_line_by_line() -> None:
    catalogue, problems = load_catalogue(PACKS, today=TODAY)
    assert catalogue.get("regles-cassees") is None
    assert [m for m in _located(problems) if m.startswith("regles-cassees/")] == [
        "regles-cassees/01-memo-trop-long.md:4: « app » doit valoir true ou false (sans guillemets)",
        "regles-cassees/01-memo-trop-long.md:5: « memo » est trop long (94 caractères, maximum 90)",
        "regles-cassees/02-glossaire.md:7: mot « identifiant » absent du glossaire (glossaire.toml)",
        "regles-cassees/02-glossaire.md:9: lien vers le glossaire « glossaire:Mot_Mal_Ecrit » : écrivez "
        "[mot](glossaire:identifiant), l'identifiant en lettres minuscules sans accent, chiffres et tirets",
        "regles-cassees/animateur.md:3: balise HTML « </b>, » : le texte s'écrit en Markdown seulement "
        "(les images : ![description](images/fichier.svg))",
        "regles-cassees/animateur.md:3: balise HTML « <b>HTML</b>, » : le texte s'écrit en Markdown seulement "
        "(les images : ![description](images/fichier.svg))",
        "regles-cassees/tutorial.toml:7: « app » doit valoir true ou false (sans guillemets)",
        "regles-cassees/tutorial.toml:8: « checklist » : de 3 à 8 cases à cocher (ici 2)",
        "regles-cassees/tutorial.toml:9: « screenshots » : « Studio Amélioré » n'est pas un nom de capture "
        "(lettres minuscules sans accent, chiffres et tirets, ex. studio-ameliore)",
        "regles-cassees/tutorial.toml:13: « url » doit être une adresse complète qui commence par https:// "
        "(la page officielle qui dit ce fait)",
        "regles-cassees/tutorial.toml:14: « last_checked » est dans le futur (2030-01-01) : "
        "écrivez le jour où vous avez lu la page",
        "regles-cassees/tutorial.toml:16: champ obligatoire manquant dans la source n° 2 : « fact »",
        "regles-cassees/tutorial.toml:18: « last_checked » doit être une date sans guillemets, "
        "ex. last_checked = 2026-12-01",
    ]


def test_the_badly_written_pack_loads_and_content_check_flags_each_rule() -> None:
    pack = PACKS / "redaction-a-revoir"
    catalogue, problems = load_catalogue(pack, thorough=False)
    assert problems == []  # what the app runs: the tutorial is shown
    assert catalogue.get("redaction-a-revoir") is not None
    found = check_content(pack, today=TODAY)
    where = {(p.path.name, p.line, p.warning) for p in found}
    assert {
        ("01-un-faux-bouton.md", 6, False),  # « Préparer pour… » is not a label of the app
        ("02-phrases-longues.md", 5, True),  # 22 words
        ("02-phrases-longues.md", 7, False),  # 29 words
        ("02-phrases-longues.md", 9, True),  # a list item of two sentences
        ("03-bientot.md", 5, False),  # « Bientôt disponible »
        ("03-bientot.md", 7, False),  # « mot de passe » without the animator sentence
        ("tutorial.toml", 7, False),  # a listed screenshot that was never taken
        ("tutorial.toml", 12, True),  # a source read in June 2024
    } <= where
    [label] = [p for p in found if p.path.name == "01-un-faux-bouton.md" and not p.warning]
    assert "« Préparer pour… » n'existe pas dans l'application" in label.message
