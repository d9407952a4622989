"""A hostile content pack or cache never runs code, blocks, floods memory or reaches other files.

Every hostile pack is made here, in tmp_path: FIFOs and links to devices named like pack files,
TOML built to make the parser explode, steps full of brackets, and references to files outside
the pack. Each one must give ``file:line: message`` problems at once.
"""

from __future__ import annotations

import json
import os
import pickle
from typing import TYPE_CHECKING

import pytest

from lbpmv_desktop.core.tutorials.cache import load_cached
from lbpmv_desktop.core.tutorials.loader import load_catalogue
from lbpmv_desktop.core.tutorials.markup import markdown_problems, toml_problem
from tests.helpers.packs import write_pack, write_step

if TYPE_CHECKING:
    from pathlib import Path

    from lbpmv_desktop.core.tutorials.model import Problem

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
needs_dev_zero = pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")


def _problems(root: Path) -> list[Problem]:
    """What the loader finds (the structure of the packs; the authors' rules are tested apart)."""
    return load_catalogue(root)[1]


def _messages(root: Path) -> list[str]:
    return [f"{p.path.name}:{p.line}: {p.message}" for p in _problems(root)]


# -- 1. the cache is plain data, checked before use ----------------------------------------------
class _Trap:
    """Unpickling this creates ``marker``: proof that a pickle from the data folder was loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.mkdir, (str(self.marker),))


def test_an_old_pickle_in_the_cache_is_never_loaded(tmp_path: Path) -> None:
    root, cache = tmp_path / "packs", tmp_path / "cache"
    write_pack(root, "bonjour")
    cache.mkdir()
    marker = tmp_path / "code-ran"
    (cache / "catalogue.pickle").write_bytes(pickle.dumps(_Trap(marker)))
    catalogue, problems = load_cached(root, cache)
    assert not marker.exists()
    assert problems == []
    assert catalogue.get("bonjour") is not None
    stored = json.loads((cache / "catalogue.json").read_text(encoding="utf-8"))
    assert [t["id"] for t in stored["tutorials"]] == ["bonjour"]
    assert not (cache / "catalogue.pickle").exists()  # the old file is removed, never read


def test_the_cache_gives_back_the_same_catalogue(tmp_path: Path) -> None:
    root, cache = tmp_path / "packs", tmp_path / "cache"
    write_pack(root, "bonjour")
    write_step(root / "bonjour", "02-etape-2.md", extra='action = "open-url"\nurl = "https://exemple.fr/"\n')
    write_pack(root, "suite", prerequisites=("bonjour",))
    (root / "cassé").mkdir()  # a problem is cached too
    fresh, fresh_problems = load_catalogue(root, thorough=False)
    load_cached(root, cache)
    cached, cached_problems = load_cached(root, cache)
    assert [t.id for t in cached] == ["bonjour", "suite"]
    assert [cached.get(t.id) for t in fresh] == list(fresh)
    assert cached_problems == fresh_problems


def _tamper(cache: Path, change: object) -> None:
    path = cache / "catalogue.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path.write_text(json.dumps(data), encoding="utf-8")


def _set_folder(data: dict) -> None:
    data["tutorials"][0]["folder"] = "../../.."


def _set_html(data: dict) -> None:
    data["tutorials"][0]["steps"][0]["markdown"] = "Texte ![x][p]\n\n[p]: file:///etc/shadow\n<img src=x>"


def _set_type(data: dict) -> None:
    data["tutorials"][0]["level"] = "1; import os"


def _set_source(data: dict) -> None:
    data["tutorials"][0]["steps"][0]["source"] = "/etc/passwd"


def _set_url(data: dict) -> None:
    data["tutorials"][0]["steps"][0]["action"] = {"kind": "open-url", "url": "javascript:alert(1)"}


def _drop_steps(data: dict) -> None:
    del data["tutorials"][0]["steps"]


@pytest.mark.parametrize("change", [_set_folder, _set_html, _set_type, _set_source, _set_url, _drop_steps])
def test_a_tampered_cache_is_ignored(tmp_path: Path, change: object) -> None:
    root, cache = tmp_path / "packs", tmp_path / "cache"
    write_pack(root, "bonjour")
    load_cached(root, cache)
    _tamper(cache, change)
    catalogue, problems = load_cached(root, cache)
    assert problems == []
    assert catalogue.get("bonjour") == load_catalogue(root, thorough=False)[0].get("bonjour")


def test_a_cache_that_is_not_json_or_too_big_is_ignored(tmp_path: Path) -> None:
    root, cache = tmp_path / "packs", tmp_path / "cache"
    write_pack(root, "bonjour")
    cache.mkdir()
    (cache / "catalogue.json").write_bytes(b"\x80\x05 not json")
    assert load_cached(root, cache)[0].get("bonjour") is not None
    (cache / "catalogue.json").write_bytes(b"[" * (40 * 1024 * 1024))  # 40 MB of nesting
    assert load_cached(root, cache)[0].get("bonjour") is not None


@needs_fifo
def test_a_fifo_named_like_the_cache_does_not_block(tmp_path: Path) -> None:
    root, cache = tmp_path / "packs", tmp_path / "cache"
    write_pack(root, "bonjour")
    cache.mkdir()
    os.mkfifo(cache / "catalogue.json")
    catalogue, problems = load_cached(root, cache)
    assert problems == []
    assert catalogue.get("bonjour") is not None


# -- 2. every pack file is a regular file, checked before it is opened ---------------------------
@needs_fifo
def test_fifos_named_like_pack_files_are_refused_at_once(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    (pack / "02-etape-2.md").unlink()
    os.mkfifo(pack / "02-etape-2.md")
    os.mkfifo(pack / "images" / "tuyau.svg")
    write_step(pack, "03-etape-3.md", body="Texte.\n\n![Un tuyau](images/tuyau.svg)\n")
    other = write_pack(tmp_path, "autre")
    (other / "tutorial.toml").unlink()
    os.mkfifo(other / "tutorial.toml")
    messages = _messages(pack) + _messages(other)
    assert any(m.startswith("02-etape-2.md:1:") and "fichier ordinaire" in m for m in messages)
    assert any(m.startswith("03-etape-3.md:7: image « images/tuyau.svg »") for m in messages)
    assert any(m.startswith("tutorial.toml:1:") and "fichier ordinaire" in m for m in messages)


@needs_dev_zero
def test_a_link_to_dev_zero_is_refused_without_reading_it(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    (pack / "02-etape-2.md").unlink()
    (pack / "02-etape-2.md").symlink_to("/dev/zero")
    (pack / "images" / "zero.png").symlink_to("/dev/zero")
    write_step(pack, "03-etape-3.md", body="Texte.\n\n![Des zéros](images/zero.png)\n")
    messages = _messages(pack)
    assert any(m.startswith("02-etape-2.md:1:") and "fichier ordinaire" in m for m in messages)
    assert any(m.startswith("03-etape-3.md:7: image « images/zero.png »") for m in messages)


def test_a_folder_named_like_a_step_is_refused(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    (pack / "05-un-dossier.md").mkdir()
    messages = _messages(pack)
    assert any(m.startswith("05-un-dossier.md:1:") and "fichier ordinaire" in m for m in messages)


# -- 3. limits: TOML and Markdown over sane sizes are refused before parsing ---------------------
def test_a_huge_tutorial_toml_with_a_long_dotted_key_is_refused(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    (pack / "tutorial.toml").write_text('id = "bonjour"\na' + ".a" * 200_000 + " = 1\n", encoding="utf-8")
    [message] = _messages(pack)
    assert message.startswith("tutorial.toml:1: fichier trop gros")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('id = "x"\nsummary = "' + "x" * 4000 + '"\n', 2, "ligne trop longue"),
        ('id = "x"\nsummary = """\n' + "x" * 4000 + '"""\n', 3, "ligne trop longue"),
        ('id = "x"\n' + "a" + ".a" * 400 + " = 1\n", 2, "parties"),
        ('id = "x"\n\n' + "k" * 200 + " = 1\n", 3, "nom de champ trop long"),
        ('id = "x"\n[' + ".".join(["t"] * 40) + "]\n", 2, "parties"),
        ("x = " + "[" * 300 + "]" * 300 + "\n", 1, "imbriqués"),
        ("x = " + "{a = " * 50 + "1" + "}" * 50 + "\n", 1, "imbriqués"),
        ("".join(f"k{i} = {i}\n" for i in range(300)), 101, "trop de champs"),
    ],
)
def test_toml_over_the_limits_is_refused_before_parsing(text: str, line: int, words: str) -> None:
    problem = toml_problem(text)
    assert problem is not None
    assert problem[0] == line
    assert words in problem[1]


def test_toml_within_the_limits_passes_the_pre_check() -> None:
    text = (
        'id = "bonjour" # un commentaire avec [[ et {{\n'
        'title = "Des [crochets] et des {accolades} = dans le texte"\n'
        "summary = '''Sur\nplusieurs = lignes [\n'''\n"
        'prerequisites = ["a", "b"]\n"clé.entre.guillemets" = 1\n'
    )
    assert toml_problem(text) is None


def test_the_limits_are_reported_with_file_and_line(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    (pack / "tutorial.toml").write_text('id = "bonjour"\ntitle = "' + "x" * 3000 + '"\n', encoding="utf-8")
    other = write_pack(tmp_path, "autre")
    write_step(other, "02-etape-2.md", extra="x" + ".x" * 200 + " = 2\n")
    messages = _messages(pack) + _messages(other)
    assert any(m.startswith("tutorial.toml:2: ligne trop longue") for m in messages)
    assert any(m.startswith("02-etape-2.md:4:") and "parties" in m for m in messages)


def test_a_step_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    write_step(pack, "02-etape-2.md", body="Un texte bien trop long. " * 1000)
    messages = _messages(pack)
    assert any(m.startswith("02-etape-2.md:1: fichier trop gros") for m in messages)


# -- 4. checking is linear in the size of the text -----------------------------------------------
def test_200_kb_of_brackets_are_checked_in_one_pass() -> None:
    body = "![" * 50_000 + "[" * 50_000 + "![x](" * 10_000 + "](" * 10_000
    problems = markdown_problems(body)
    assert problems  # each kind of trouble is reported, a bounded number of times
    assert len(problems) <= 30
    assert problems[0][0] == 1


def test_a_step_full_of_brackets_gives_problems(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    write_step(pack, "02-etape-2.md", body="Texte\n" + "![[" * 5_000)
    messages = _messages(pack)
    assert any(m.startswith("02-etape-2.md:6: image mal écrite") for m in messages)


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("Texte.\n\n" + "- un point\n" * 1000, 67, "trop d'éléments de liste"),
        ("Texte.\n\n" + "12. un point\n" * 100, 67, "trop d'éléments de liste"),
        ("Texte.\n\n" + "> - [ ] une case\n" * 100, 67, "trop d'éléments de liste"),
        ("Texte.\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n", 8, "tableau refusé"),
        ("Texte.\n\na\n|-\nx\n", 8, "tableau refusé"),
    ],
)
def test_long_lists_and_tables_are_refused(tmp_path: Path, body: str, line: int, words: str) -> None:
    # Qt lays lists and tables out in a time that grows with the square of their length: a step
    # of 16,000 list items took 45 s to show.
    pack = write_pack(tmp_path, "bonjour")
    write_step(pack, "02-etape-2.md", body=body)
    messages = _messages(pack)
    assert any(m.startswith(f"02-etape-2.md:{line}: {words}") for m in messages), messages


def test_a_short_list_and_a_separator_pass(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    body = "Texte :\n\n- un\n- deux\n\n1. trois\n2) quatre\n\n---\n\n« Avant | après » - le bouton.\n"
    write_step(pack, "02-etape-2.md", body=body)
    assert _messages(pack) == []


def test_titles_and_text_with_hidden_characters_or_tags_are_refused(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    write_step(pack, "01-etape-1.md", title="Soldes\u202e 0 €")
    write_step(pack, "02-etape-2.md", title="<img src='file:///etc/passwd'>")
    write_step(pack, "03-etape-3.md", body="Texte.\n\nUn mot\u200bcaché.\n")
    messages = _messages(pack)
    assert any(m.startswith("01-etape-1.md:2: « title » : caractère invisible") for m in messages)
    assert any(m.startswith("02-etape-2.md:2: « title » : balise HTML « <img »") for m in messages)
    assert any(m.startswith("03-etape-3.md:7: caractère invisible ou de contrôle (U+200B)") for m in messages)


def _set_bidi_title(data: dict) -> None:
    data["tutorials"][0]["title"] = "Arnaque\u202e 0 €"


def test_a_cache_with_a_hidden_character_in_a_title_is_ignored(tmp_path: Path) -> None:
    root, cache = tmp_path / "packs", tmp_path / "cache"
    write_pack(root, "bonjour")
    load_cached(root, cache)
    _tamper(cache, _set_bidi_title)
    assert load_cached(root, cache)[0].get("bonjour").title == "Titre bonjour"


# -- 5. a pack can only show pictures from its own folder ---------------------------------------
HOSTILE = [
    ("![x][p]\n\n[p]: ../../../../etc/passwd\n", "référence"),
    ("![x][p]\n\n[p]: file:///etc/shadow\n", "référence"),
    ("![x]\n\n[x]: /etc/passwd\n", "référence"),
    ("Voir [ceci][p].\n\n[p]: file:///etc/shadow\n", "référence"),
    ("[p]: file:///etc/shadow\n", "définition"),
    ('<img src="file:///etc/passwd">\n', "HTML"),
    ("<table background=file:///etc/passwd><tr><td>x</td></tr></table>\n", "HTML"),
    ("Du texte <span>en ligne</span>.\n", "HTML"),
    ("<!-- un commentaire -->\n", "HTML"),
    ("<file:///etc/passwd>\n", "HTML"),
    ("![Fichier](file:///etc/passwd.png)\n", "dossier du tutoriel"),
    ("![Absolu](/etc/passwd.png)\n", "dossier du tutoriel"),
    ("![Remonte](images/../../dehors.png)\n", "rester dans le dossier"),
    ("![Encodé](images/%2e%2e/dehors.png)\n", "dossier du tutoriel"),
    ("![Entité](&#46;&#46;/dehors.png)\n", "dossier du tutoriel"),
    ("![Chevrons](<../dehors.png>)\n", "dossier du tutoriel"),
    ("![Windows](C:\\dehors.png)\n", "dossier du tutoriel"),
    ("[Cliquez](javascript:alert(1))\n", "https://"),
    ("[Cliquez](file:///etc/passwd)\n", "https://"),
    ("[Cliquez](../../etc/passwd)\n", "https://"),
    ("[Cliquez](http://exemple.fr)\n", "https://"),
    ("![x [y] z](images/dessin.svg)\n", "image mal écrite"),
]


@pytest.mark.parametrize(("body", "words"), HOSTILE)
def test_local_files_html_and_unsafe_links_are_refused(tmp_path: Path, body: str, words: str) -> None:
    pack = write_pack(tmp_path, "bonjour")
    write_step(pack, "02-etape-2.md", body="Une phrase.\n\n" + body)
    messages = [m for m in _messages(pack) if m.startswith("02-etape-2.md:")]
    assert messages
    assert any(m.startswith("02-etape-2.md:7:") and words in m for m in messages), messages
    assert load_catalogue(pack)[0].get("bonjour") is None


SVG_OPEN = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="9" height="9">'
)


@pytest.mark.parametrize(
    "inside",
    [
        '<image href="/etc/dehors.png" width="9" height="9"/>',
        '<image xlink:href="file:///etc/dehors.png" width="9" height="9"/>',
        '<svg:image xmlns:svg="http://www.w3.org/2000/svg" href="../dehors.png"/>',
        '<use xlink:href="autre.svg#forme"/>',
        '<rect width="9" height="9" fill="url(file:///etc/motif.svg#m)"/>',
        '<style>@import "file:///etc/style.css";</style>',
        "<script>alert(1)</script>",
    ],
)
def test_a_drawing_that_pulls_in_another_file_is_refused(tmp_path: Path, inside: str) -> None:
    pack = write_pack(tmp_path, "bonjour")
    (pack / "images" / "dessin.svg").write_text(SVG_OPEN + inside + "</svg>", encoding="utf-8")
    messages = _messages(pack)
    assert messages
    assert all("dessin SVG refusé" in m for m in messages)
    assert messages[0].startswith("01-etape-1.md:7: image « images/dessin.svg »")


def test_a_drawing_with_a_doctype_is_refused(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    (pack / "images" / "dessin.svg").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]>\n' + SVG_OPEN + "&a;</svg>",
        encoding="utf-8",
    )
    assert any("DOCTYPE" in m for m in _messages(pack))


def test_drawings_that_only_draw_themselves_pass(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    (pack / "images" / "dessin.svg").write_text(
        SVG_OPEN + '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="9" height="9"/>'
        '<use href="#g"/><text>Une image, un lien : href</text></svg>',
        encoding="utf-8",
    )
    assert _messages(pack) == []


def test_a_toml_file_of_blank_lines_is_refused(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    text = (pack / "tutorial.toml").read_text(encoding="utf-8")
    (pack / "tutorial.toml").write_text(text + " \n" * 7000, encoding="utf-8")
    [message] = _messages(pack)
    assert message.startswith("tutorial.toml:501: trop de lignes")


def test_safe_markdown_still_passes(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    body = (
        "Une phrase avec un [lien](https://www.exemple.fr/page?a=1) et 3 < 5.\n\n"
        '![Un dessin](images/dessin.svg "Un titre")\n\n'
        "[![Un dessin cliquable](images/dessin.svg)](https://exemple.fr/)\n\n"
        "- une liste : avec des deux-points\n"
    )
    write_step(pack, "02-etape-2.md", body=body)
    assert _messages(pack) == []


def test_shipped_content_is_clean() -> None:
    from lbpmv_desktop.paths import tutorials_dir

    # the structure: every shipped tutorial loads (the authors' rules: test_shipped_content.py)
    catalogue, problems = load_catalogue(tutorials_dir())
    assert [str(problem) for problem in problems] == []
    assert len(catalogue) == len([p for p in tutorials_dir().iterdir() if (p / "tutorial.toml").is_file()])


def test_a_broken_link_in_the_content_does_not_stop_the_start(tmp_path: Path) -> None:
    root, cache = tmp_path / "packs", tmp_path / "cache"
    write_pack(root, "bonjour")
    (root / "bonjour" / "images" / "parti.svg").symlink_to(tmp_path / "nulle-part.svg")
    catalogue, problems = load_cached(root, cache)
    assert problems == []
    assert catalogue.get("bonjour") is not None


# -- drawings that cost too much to draw -------------------------------------------------------
def _fan_out(levels: int, copies: int) -> str:
    """« Billion laughs » for SVG: each level copies the one below ``copies`` times (``<use>``)."""
    lines = [SVG_OPEN, '<defs><g id="l0"><rect width="1" height="1" fill="red"/></g>']
    for level in range(1, levels + 1):
        uses = "".join(f'<use xlink:href="#l{level - 1}" x="{n}"/>' for n in range(copies))
        lines.append(f'<g id="l{level}">{uses}</g>')
    lines.append(f'</defs><use xlink:href="#l{levels}"/></svg>')
    return "\n".join(lines)


def test_a_drawing_that_copies_itself_a_hundred_million_times_is_refused(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    bomb = _fan_out(8, 10)
    assert len(bomb) < 4000  # a few KB of text, 10**8 rectangles once the copies are made
    (pack / "images" / "dessin.svg").write_text(bomb, encoding="utf-8")
    messages = _messages(pack)
    assert len(messages) == 4, messages  # one per step showing the drawing
    assert messages[0].startswith("01-etape-1.md:7: image « images/dessin.svg » : dessin SVG refusé, ligne ")
    assert "<use>" in messages[0]
    assert load_catalogue(pack)[0].get("bonjour") is None


def _blurs(count: int, deviation: str) -> str:
    rects = "".join('<rect width="9" height="9" filter="url(#f)"/>' for _ in range(count))
    return SVG_OPEN + f'<filter id="f"><feGaussianBlur stdDeviation="{deviation}"/></filter>{rects}</svg>'


def _nested_patterns(depth: int) -> str:
    patterns = "".join(
        f'<pattern id="p{n}" width="1" height="1"><rect width="9" height="9" fill="url(#p{n + 1})"/></pattern>'
        for n in range(depth)
    )
    return (
        SVG_OPEN
        + f'<defs>{patterns}<pattern id="p{depth}"/></defs><rect width="9" height="9" fill="url(#p0)"/></svg>'
    )


@pytest.mark.parametrize(
    ("drawing", "words"),
    [
        (SVG_OPEN + '<rect width="1" height="1"/>' * 1001 + "</svg>", "éléments"),
        (SVG_OPEN + "<text>Chaussons bébé 24,90 €</text>" * 600 + "</svg>", "lettres"),
        (_blurs(4, "3"), "filtres"),
        (SVG_OPEN + "<g>" * 200 + "</g>" * 200 + "</svg>", "imbriqués"),
        (_blurs(200, "3"), "filtres"),
        (_blurs(1, "100000"), "flou"),
        (_nested_patterns(6), "motifs"),
        (SVG_OPEN + '<g id="a"><use href="#a"/></g></svg>', "lui-même"),
        (SVG_OPEN + '<rect id="a"/>' * 2 + '<use href="#a"/></svg>', "même id"),
        (SVG_OPEN + "<style>rect { filter: url(#f) }</style></svg>", "style"),
        ('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="1e12"/>', "taille"),
        ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 0 0"/>', "taille"),
        ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 nan 9"/>', "taille"),
        (SVG_OPEN + '<filter id="f" filterUnits="userSpaceOnUse" width="1e9"/></svg>', "taille"),
        (SVG_OPEN + "<rect", "XML"),
        ('<html xmlns="http://www.w3.org/1999/xhtml"/>', "pas un dessin SVG"),
    ],
)
def test_drawings_that_cost_too_much_to_draw_are_refused(tmp_path: Path, drawing: str, words: str) -> None:
    pack = write_pack(tmp_path, "bonjour")
    (pack / "images" / "dessin.svg").write_text(drawing, encoding="utf-8")
    messages = _messages(pack)
    assert len(messages) == 4, messages  # one per step showing the drawing
    assert messages[0].startswith("01-etape-1.md:7: image « images/dessin.svg » : "), messages
    assert words in messages[0], messages


def test_the_line_of_the_drawing_is_given(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    drawing = SVG_OPEN + "\n<rect/>\n<filter id='f'>\n<feGaussianBlur stdDeviation='9000'/></filter></svg>"
    (pack / "images" / "dessin.svg").write_text(drawing, encoding="utf-8")
    assert "ligne 4 du dessin" in _messages(pack)[0]


def test_ordinary_drawings_with_copies_filters_and_patterns_pass(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "bonjour")
    (pack / "images" / "dessin.svg").write_text(
        SVG_OPEN + '<defs><g id="l0"><rect width="1" height="1"/></g>'
        '<filter id="f"><feGaussianBlur stdDeviation="2"/><feOffset dx="1"/></filter>'
        '<pattern id="p" width="4" height="4" patternUnits="userSpaceOnUse"><circle r="1"/></pattern>'
        '<mask id="m"><rect width="9" height="9" fill="white"/></mask></defs>'
        + '<use xlink:href="#l0"/>' * 100
        + '<rect width="9" height="9" filter="url(#f)" style="fill: url(#p)" mask="url(#m)"/></svg>',
        encoding="utf-8",
    )
    assert _messages(pack) == []
