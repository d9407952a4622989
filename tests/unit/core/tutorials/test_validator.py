"""`content check` finds what a pack can get wrong and says where, in French."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lbpmv_desktop.core.tutorials.loader import check_content, load_catalogue
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
