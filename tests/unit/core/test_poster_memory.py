"""The last poster's fields come back at the next start, whatever the file holds."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from lbpmv_desktop.core.poster import memory
from lbpmv_desktop.core.poster.model import Poster

if TYPE_CHECKING:
    from pathlib import Path


def test_fields_round_trip(tmp_path: Path) -> None:
    target = tmp_path / memory.FILE_NAME
    poster = Poster(template="soldes", shop="Chaussons bébé 24,90 €", phone="03 21 00 00 00", hours="9 h – 19 h",
                    address="12 rue de la République", message="« Soldes » œuvre d’art", url="lespetitspas.fr",
                    photo="/photos/tasse.jpg", logo="/photos/logo.png", size="a3", landscape=True,
                    theme="jaune-bleu")  # fmt: skip
    memory.remember(target, poster)
    assert memory.remembered(target) == poster
    assert not list(tmp_path.glob("*.tmp")), "written atomically, nothing left behind"


def test_a_missing_damaged_or_huge_file_gives_an_empty_poster(tmp_path: Path) -> None:
    target = tmp_path / memory.FILE_NAME
    assert memory.remembered(target) == Poster()
    for content in ("{", "[1, 2]", '"texte"', "null", "\x00\xff", "{}"):
        target.write_text(content, encoding="utf-8", errors="surrogateescape")
        assert memory.remembered(target) == Poster(), content
    target.write_text(json.dumps({"shop": "A" * (memory.MAX_BYTES + 10)}), encoding="utf-8")
    assert memory.remembered(target) == Poster(), "too large: not even parsed"
    target.unlink()
    target.mkdir()
    assert memory.remembered(target) == Poster(), "a folder in its place"


def test_values_of_the_wrong_type_or_unknown_names_are_left_out(tmp_path: Path) -> None:
    target = tmp_path / memory.FILE_NAME
    target.write_text(json.dumps({"shop": "Chez Paul", "phone": 3321, "landscape": "oui", "size": "a5",
                                  "template": "inconnu", "theme": 7, "url": None, "hacker": "x",
                                  "hours": ["9 h"], "message": {"a": 1}}), encoding="utf-8")  # fmt: skip
    poster = memory.remembered(target)
    assert poster == Poster(shop="Chez Paul")
    target.write_text(
        json.dumps({"shop": "Chez Paul", "landscape": 1, "theme": "noir-blanc"}), encoding="utf-8"
    )
    assert memory.remembered(target) == Poster(shop="Chez Paul", theme="noir-blanc"), "1 is not a yes/no"
