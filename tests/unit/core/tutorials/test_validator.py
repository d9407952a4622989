"""`content check` finds what a pack can get wrong and says where, in French."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lbpmv_desktop.core.tutorials.loader import check_content, load_catalogue
from lbpmv_desktop.core.tutorials.model import Source
from tests.helpers.packs import write_pack, write_step

if TYPE_CHECKING:
    from pathlib import Path

    from lbpmv_desktop.core.tutorials.model import Problem


def _problems(root: Path) -> list[Problem]:
    """What the loader finds (the structure of the packs; the authors' rules are tested apart)."""
    return load_catalogue(root)[1]


def _messages(root: Path) -> list[str]:
    return [f"{p.path.name}:{p.line}: {p.message}" for p in _problems(root)]


def test_a_valid_pack_has_no_problem(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    catalogue, problems = load_catalogue(pack)
    assert problems == []
    tutorial = catalogue.get("bonjour")
    assert [s.id for s in tutorial.steps] == ["etape-1", "etape-2", "etape-3", "etape-4"]
    assert tutorial.minutes == 8


def test_toml_syntax_error_is_located(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    (pack / "tutorial.toml").write_text(
        'id = "bonjour"\ntitle = "Sans fin\nsummary = "x"\n', encoding="utf-8"
    )
    [message] = _messages(pack)
    assert message.startswith("tutorial.toml:2: syntaxe incorrecte")


def test_front_matter_errors(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    (pack / "02-etape-2.md").write_text("Pas d'en-tête\n", encoding="utf-8")
    (pack / "03-etape-3.md").write_text('+++\ntitle = "x"\nminutes = 3\n', encoding="utf-8")
    write_step(pack, "04-etape-4.md", minutes=12)
    messages = _messages(pack)
    assert any(m.startswith("02-etape-2.md:1: l'étape doit commencer") for m in messages)
    assert any(m.startswith("03-etape-3.md:1: l'en-tête n'est pas refermé") for m in messages)
    assert any(
        m.startswith("04-etape-4.md:3: « minutes » doit être un nombre entier de 1 à 5") for m in messages
    )


def test_empty_step_and_no_step(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    write_step(pack, "01-etape-1.md", body="   \n\n")
    empty = write_pack(tmp_path, "vide", steps=0)
    assert any("01-etape-1.md:4: le texte de l'étape est vide" in m for m in _messages(pack))
    assert any(m.startswith("tutorial.toml:1: aucune étape") for m in _messages(empty))


def test_missing_step_number_and_bad_file_name(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    (pack / "02-etape-2.md").unlink()
    (pack / "Etape cinq.md").write_text("x", encoding="utf-8")
    messages = _messages(pack)
    assert "03-etape-3.md:1: il manque l'étape 02 avant celle-ci" in messages
    assert any(m.startswith("Etape cinq.md:1: nom de fichier d'étape incorrect") for m in messages)


def test_missing_image_and_image_without_description(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    write_step(pack, "01-etape-1.md", body="Texte.\n\nSuite.\n![Un dessin](images/absent.svg)\n")
    write_step(pack, "02-etape-2.md", body="Texte.\n![](images/dessin.svg)\n")
    write_step(pack, "03-etape-3.md", body="Texte.\n![Sortie](../../etc/passwd.png)\n")
    messages = _messages(pack)
    assert "01-etape-1.md:8: image introuvable : « images/absent.svg »" in messages
    assert any(m.startswith("02-etape-2.md:6: image sans description") for m in messages)
    assert any(m.startswith("03-etape-3.md:6:") and "rester dans le dossier" in m for m in messages)


def test_unknown_action_field_and_mismatched_option(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    write_step(pack, "01-etape-1.md", extra='action = "open-fax"\n')
    write_step(pack, "02-etape-2.md", extra='couleur = "rouge"\n')
    write_step(pack, "03-etape-3.md", extra='action = "open-url"\nurl = "http://exemple.fr"\n')
    write_step(pack, "04-etape-4.md", extra='action = "open-studio"\ntemplate = "soldes"\n')
    messages = _messages(pack)
    assert any(m.startswith("01-etape-1.md:4: action inconnue « open-fax »") for m in messages)
    assert any(m.startswith("02-etape-2.md:4: champ inconnu « couleur »") for m in messages)
    assert any(m.startswith("03-etape-3.md:5:") and "https://" in m for m in messages)
    assert any(
        m.startswith("04-etape-4.md:5: « template » ne va pas avec l'action « open-studio »")
        for m in messages
    )


def test_unknown_tutorial_field_and_wrong_types(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    text = (pack / "tutorial.toml").read_text(encoding="utf-8")
    (pack / "tutorial.toml").write_text(
        text.replace("level = 1", "level = 9").replace('theme = "photos"', 'theme = "cuisine"')
        + "auteur = 3\n",
        encoding="utf-8",
    )
    messages = _messages(pack)
    assert any(m.startswith("tutorial.toml:5: « level »") for m in messages)
    assert any(m.startswith("tutorial.toml:4: thème inconnu « cuisine »") for m in messages)
    assert any(m.startswith("tutorial.toml:9: champ inconnu « auteur »") for m in messages)


def test_bad_encoding_is_located(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    (pack / "02-etape-2.md").write_bytes('+++\ntitle = "Été"\nminutes = 2\n+++\nCafé\n'.encode("latin-1"))
    messages = _messages(pack)
    assert any(m.startswith("02-etape-2.md:2: le fichier n'est pas enregistré en UTF-8") for m in messages)


def test_duplicate_ids_broken_and_circular_prerequisites(tmp_path: Path) -> None:
    root = tmp_path / "packs"
    write_pack(root, "un", prerequisites=("deux",))
    write_pack(root, "deux", prerequisites=("un",))
    write_pack(root, "trois", prerequisites=("inconnu",))
    copy = write_pack(root, "quatre")
    (copy / "tutorial.toml").write_text(
        (copy / "tutorial.toml").read_text(encoding="utf-8").replace('id = "quatre"', 'id = "trois"'),
        encoding="utf-8",
    )
    messages = [str(p) for p in _problems(root)]
    assert any("un/tutorial.toml:7: prérequis en boucle" in m for m in messages)
    assert any("deux/tutorial.toml:7: prérequis en boucle" in m for m in messages)
    assert any("trois/tutorial.toml:7: prérequis inconnu « inconnu »" in m for m in messages)
    assert any("quatre/tutorial.toml:1: « id » doit être le nom du dossier" in m for m in messages)


def test_a_single_pack_may_need_its_siblings(tmp_path: Path) -> None:
    write_pack(tmp_path, "avant")
    after = write_pack(tmp_path, "apres", prerequisites=("avant",))
    assert _problems(after) == []


def test_missing_folder(tmp_path: Path) -> None:
    [problem] = _problems(tmp_path / "nulle-part")
    assert problem.message == "dossier introuvable"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(garbage=st.binary(max_size=400), text=st.text(max_size=300))
def test_any_bytes_give_problems_never_an_exception(tmp_path_factory, garbage: bytes, text: str) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    pack = write_pack(root, "bonjour")
    (pack / "01-etape-1.md").write_bytes(garbage)
    (pack / "02-etape-2.md").write_text("+++\n" + text + "\n+++\nTexte\n", encoding="utf-8", errors="replace")
    (pack / "tutorial.toml").write_bytes(b'id = "bonjour"\n' + garbage)
    problems = check_content(pack)  # the authors' rules too: they only see what loaded
    assert all(p.line >= 1 and p.message for p in problems)


# -- issue 12: the pack's new fields ---------------------------------------------------------
def _add_to_pack(pack: Path, text: str) -> None:
    path = pack / "tutorial.toml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


GOOD_FIELDS = (
    "app = true\n"  # line 9
    'checklist = ["J\'ai choisi une photo", "J\'ai cliqué sur « Améliorer »", "J\'ai enregistré"]\n'
    'screenshots = ["studio-ameliore", "studio-recadrer"]\n'
    "\n"
    "[[sources]]\n"
    'fact = "Sur ordinateur, on peut publier depuis instagram.com"\n'
    'url = "https://help.instagram.com/"\n'
    "last_checked = 2026-11-20\n"
    "\n"
    "[[sources]]\n"
    'fact = "Le droit de rétractation dure 14 jours"\n'
    'url = "https://www.economie.gouv.fr/dgccrf"\n'
    "last_checked = 2026-12-02\n"  # tomorrow: a clock a little ahead is fine
)


def test_new_pack_fields_are_read(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    _add_to_pack(pack, GOOD_FIELDS)
    write_step(pack, "02-etape-2.md", extra='app = false\nmemo = "Près d\'une fenêtre, flash éteint."\n')
    catalogue, problems = load_catalogue(pack, today=date(2026, 12, 1))
    assert problems == []
    tutorial = catalogue.get("bonjour")
    assert tutorial.checklist == ("J'ai choisi une photo", "J'ai cliqué sur « Améliorer »", "J'ai enregistré")
    assert tutorial.screenshots == ("studio-ameliore", "studio-recadrer")
    assert tutorial.sources[0] == Source(
        "Sur ordinateur, on peut publier depuis instagram.com",
        "https://help.instagram.com/",
        date(2026, 11, 20),
    )
    assert [s.last_checked for s in tutorial.sources] == [date(2026, 11, 20), date(2026, 12, 2)]
    # the pack's « app » is every step's, unless the step says otherwise
    assert [s.speaks_of_app for s in tutorial.steps] == [True, False, True, True]
    assert tutorial.steps[1].memo == "Près d'une fenêtre, flash éteint."
    assert tutorial.steps[0].memo is None


def test_without_new_fields_nothing_speaks_of_the_app(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    write_step(pack, "03-etape-3.md", extra="app = true\n")
    tutorial = load_catalogue(pack)[0].get("bonjour")
    assert [s.speaks_of_app for s in tutorial.steps] == [False, False, True, False]
    assert (tutorial.sources, tutorial.checklist, tutorial.screenshots, tutorial.helper_notes) == (
        (),
        (),
        (),
        None,
    )


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ('app = "oui"\n', "tutorial.toml:9: « app » doit valoir true ou false"),
        ('checklist = "J\'ai fini"\n', "tutorial.toml:9: « checklist » doit être une liste de textes"),
        ('checklist = ["Un", "Deux"]\n', "tutorial.toml:9: « checklist » : de 3 à 8 cases à cocher (ici 2)"),
        (
            "checklist = [" + ", ".join(['"Une case"'] * 9) + "]\n",
            "tutorial.toml:9: « checklist » : de 3 à 8",
        ),
        (
            'checklist = [\n  "Un",\n  "Deux",\n  "' + "x" * 81 + '",\n]\n',
            "tutorial.toml:12: « checklist », case 3 est trop long (81 caractères, maximum 80)",
        ),
        ('checklist = ["Un", "  ", "Trois"]\n', "tutorial.toml:9: « checklist », case 2 : le texte est vide"),
        (
            'checklist = ["Un", "Deux\\u202e", "Trois"]\n',
            "tutorial.toml:9: « checklist », case 2 : caractère invisible",
        ),
        ('checklist = ["Un", "Deux\\nlignes", "Trois"]\n', "« checklist », case 2 doit tenir sur une ligne"),
        ('screenshots = "studio"\n', "tutorial.toml:9: « screenshots » doit être une liste de noms"),
        (
            'screenshots = ["Studio Amélioré"]\n',
            "tutorial.toml:9: « screenshots » : « Studio Amélioré » n'est pas",
        ),
        ('screenshots = ["../etc"]\n', "« screenshots » : « ../etc » n'est pas un nom de capture"),
        ('screenshots = ["studio", "studio"]\n', "tutorial.toml:9: « screenshots » : « studio » en double"),
        (
            'sources = "https://exemple.fr"\n',
            "tutorial.toml:9: « sources » : écrivez chaque source dans un bloc",
        ),
        (
            '[[sources]]\nfact = "Un fait"\nurl = "http://exemple.fr/"\nlast_checked = 2026-01-01\n',
            "tutorial.toml:11: « url » doit être une adresse complète qui commence par https://",
        ),
        (
            '[[sources]]\nfact = "Un fait"\nurl = "javascript:alert(1)"\nlast_checked = 2026-01-01\n',
            "tutorial.toml:11: « url » doit être une adresse complète",
        ),
        (
            '[[sources]]\nfact = "Un fait"\nurl = "https://exemple.fr/"\nlast_checked = "2026-01-01"\n',
            "tutorial.toml:12: « last_checked » doit être une date sans guillemets",
        ),
        (
            '[[sources]]\nfact = "Un fait"\nurl = "https://exemple.fr/"\nlast_checked = 2026-01-01T10:00:00\n',
            "tutorial.toml:12: « last_checked » doit être une date sans guillemets",
        ),
        (
            '[[sources]]\nfact = "Un fait"\nurl = "https://exemple.fr/"\nlast_checked = 2026-12-03\n',
            "tutorial.toml:12: « last_checked » est dans le futur (2026-12-03)",
        ),
        (
            '[[sources]]\nfact = "'
            + "x" * 201
            + '"\nurl = "https://exemple.fr/"\nlast_checked = 2026-01-01\n',
            "tutorial.toml:10: « fact » est trop long (201 caractères, maximum 200)",
        ),
        (
            '[[sources]]\nfact = "Un fait"\nurl = "https://exemple.fr/"\nlast_checked = 2026-01-01\n'
            '\n[[sources]]\nfact = "Un autre"\nurl = "https://exemple.fr/"\nlast_checked = 2026-01-01\nauteur = "moi"\n',
            "tutorial.toml:18: champ inconnu « auteur » dans la source n° 2 (champs possibles : fact, url, last_checked)",
        ),
    ],
)
def test_bad_new_pack_fields_are_located(tmp_path: Path, fields: str, expected: str) -> None:
    pack = write_pack(tmp_path, "bonjour")
    _add_to_pack(pack, fields)
    catalogue, problems = load_catalogue(pack, today=date(2026, 12, 1))
    messages = [f"{p.path.name}:{p.line}: {p.message}" for p in problems]
    assert any(expected in m for m in messages), messages
    assert catalogue.get("bonjour") is None  # an error, not a warning: the pack is not shown


def test_a_field_written_after_the_sources_is_explained(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    _add_to_pack(
        pack,
        '[[sources]]\nfact = "Un fait"\nurl = "https://exemple.fr/"\nlast_checked = 2026-01-01\napp = true\n',
    )
    [message] = _messages(pack)
    assert message == (
        "tutorial.toml:13: champ inconnu « app » dans la source n° 1 (champs possibles : fact, url, last_checked)"
    )


def test_unknown_pack_field_says_where_sources_go(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    _add_to_pack(pack, "auteur = 3\n")
    [message] = _messages(pack)
    assert "[[sources]] se mettent à la fin du fichier" in message
    assert "app, checklist, screenshots, sources" in message


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ('app = "oui"\n', "01-etape-1.md:4: « app » doit valoir true ou false"),
        ("memo = 3\n", "01-etape-1.md:4: « memo » doit être un texte non vide"),
        (f'memo = "{"m" * 91}"\n', "01-etape-1.md:4: « memo » est trop long (91 caractères, maximum 90)"),
        ('memo = "Un <b>memo</b>"\n', "01-etape-1.md:4: « memo » : balise HTML « <b>memo</b> »"),
        ('memo = "Sur deux\\nlignes"\n', "01-etape-1.md:4: « memo » doit tenir sur une ligne"),
    ],
)
def test_bad_new_step_fields_are_located(tmp_path: Path, extra: str, expected: str) -> None:
    pack = write_pack(tmp_path, "bonjour")
    write_step(pack, "01-etape-1.md", extra=extra)
    messages = _messages(pack)
    assert any(m.startswith(expected) for m in messages), messages


def test_a_blank_line_after_the_header_keeps_lines_right(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    write_step(pack, "01-etape-1.md", body="\n\nTexte.\n![Un dessin](images/absent.svg)\n")
    assert _messages(pack) == ["01-etape-1.md:8: image introuvable : « images/absent.svg »"]


# -- animateur.md --------------------------------------------------------------------------------
NOTES = "## À vérifier pendant la visite\n\n- La photo est enregistrée.\n\n![Un dessin](images/dessin.svg)\n"


def test_helper_notes_are_read_and_are_not_a_step(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    (pack / "animateur.md").write_text("\n" + NOTES, encoding="utf-8")
    catalogue, problems = load_catalogue(pack)
    assert problems == []
    tutorial = catalogue.get("bonjour")
    assert tutorial.helper_notes == NOTES.strip("\n")
    assert len(tutorial.steps) == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Un texte <script>x</script>\n", "animateur.md:1: balise HTML « <script>"),
        (
            "\n\nVoir ![plan](images/absent.svg)\n",
            "animateur.md:3: image introuvable : « images/absent.svg »",
        ),
        ("Un [lien](file:///etc/passwd)\n", "animateur.md:1: lien « file:///etc/passwd »"),
        (
            '+++\ntitle = "Notes"\n+++\nTexte\n',
            "animateur.md:1: les notes de l'animateur n'ont pas d'en-tête",
        ),
        ("\n \n", "animateur.md:1: les notes de l'animateur sont vides"),
        (
            "Un [mot](glossaire:inconnu)\n",
            "animateur.md:1: mot « inconnu » absent du glossaire (glossaire.toml)",
        ),
    ],
)
def test_bad_helper_notes_are_located_and_hide_the_pack(tmp_path: Path, text: str, expected: str) -> None:
    pack = write_pack(tmp_path, "bonjour")
    (pack / "animateur.md").write_text(text, encoding="utf-8")
    catalogue, problems = load_catalogue(pack)
    messages = [f"{p.path.name}:{p.line}: {p.message}" for p in problems]
    assert any(m.startswith(expected) for m in messages), messages
    assert catalogue.get("bonjour") is None


def test_helper_notes_in_latin1_or_too_big_are_refused(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    (pack / "animateur.md").write_bytes("Vérifier\n".encode("latin-1"))
    other = write_pack(tmp_path, "gros")
    (other / "animateur.md").write_text("mot " * 5000, encoding="utf-8")
    assert any(
        m.startswith("animateur.md:1: le fichier n'est pas enregistré en UTF-8") for m in _messages(pack)
    )
    assert any(m.startswith("animateur.md:1: fichier trop gros") for m in _messages(other))


def test_helper_notes_named_in_capitals_are_pointed_out(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    (pack / "Animateur.md").write_text(NOTES, encoding="utf-8")
    messages = _messages(pack)
    if (pack / "animateur.md").exists():  # a file system that ignores case: it is the notes file
        assert messages == []
    else:
        assert messages == [
            "Animateur.md:1: écrivez le nom des notes de l'animateur en minuscules : animateur.md"
        ]


def test_a_list_of_thousands_is_refused_in_one_sentence(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    many = "\n".join('"A",' * 200 for _ in range(10))  # 2,000 bad names in 8 KB
    _add_to_pack(pack, f"screenshots = [\n{many}\n]\nchecklist = [\n" + '"<b>",' * 150 + "\n]\n")
    assert _messages(pack) == [
        "tutorial.toml:9: « screenshots » : 2000 captures (maximum 30)",
        "tutorial.toml:21: « checklist » : de 3 à 8 cases à cocher (ici 150)",
    ]


def test_a_source_nobody_could_read_yet_loads_with_a_warning_never_a_made_up_date(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    _add_to_pack(pack, '[[sources]]\nfact = "Un fait"\nurl = "https://exemple.fr/"\n')
    catalogue, problems = load_catalogue(pack, today=date(2026, 12, 1))
    tutorial = catalogue.get("bonjour")
    assert tutorial is not None  # the app shows it, and says nothing to the merchant
    assert problems == []
    assert tutorial.sources[0].last_checked is None
    (warning,) = [p for p in check_content(pack, today=date(2026, 12, 1)) if "à vérifier" in p.message]
    assert warning.warning
    assert f"{warning.path.name}:{warning.line}" == "tutorial.toml:9"
    assert "ajoutez last_checked" in warning.message
