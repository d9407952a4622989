"""The catalogue cache returns the same tutorials and never serves stale content."""

from __future__ import annotations

import json
import os
from datetime import date
from typing import TYPE_CHECKING

import pytest

from lbpmv_desktop.core.tutorials import loader
from lbpmv_desktop.core.tutorials.cache import load_cached
from lbpmv_desktop.core.tutorials.model import Problem
from tests.helpers.packs import write_pack, write_step

if TYPE_CHECKING:
    from pathlib import Path


def test_cache_is_used_then_refreshed_when_a_pack_changes(tmp_path: Path) -> None:
    root, cache = tmp_path / "packs", tmp_path / "cache"
    pack = write_pack(root, "bonjour")
    first, problems = load_cached(root, cache)
    assert problems == []
    assert (cache / "catalogue.json").is_file()
    again, _ = load_cached(root, cache)
    assert [t.id for t in again.path()] == ["bonjour"]
    assert again.get("bonjour") == first.get("bonjour")

    step = write_step(pack, "02-etape-2.md", title="Un nouveau titre")
    os.utime(step, ns=(1, 1))  # even an edit that keeps an old date changes the size
    changed, _ = load_cached(root, cache)
    assert changed.get("bonjour").steps[1].title == "Un nouveau titre"

    write_pack(root, "second")
    assert len(load_cached(root, cache)[0]) == 2


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    root, cache = tmp_path / "packs", tmp_path / "cache"
    write_pack(root, "bonjour")
    cache.mkdir()
    (cache / "catalogue.json").write_bytes(b'{"format": 2, not json')
    catalogue, problems = load_cached(root, cache)
    assert problems == []
    assert catalogue.get("bonjour") is not None


# -- issue 12: every new field is carried, checked back, and an old cache is rebuilt -----------
GLOSSARY = '[mot-de-passe]\nword = "mot de passe"\ndefinition = "Le code secret qui ouvre un compte."\n'
PACK_FIELDS = (
    "app = true\n"
    'checklist = ["J\'ai ouvert le studio", "J\'ai cliqué sur « Améliorer »", "J\'ai enregistré"]\n'
    'screenshots = ["studio-ameliore"]\n'
    '\n[[sources]]\nfact = "Un fait vérifié"\nurl = "https://exemple.fr/aide"\nlast_checked = 2026-11-02\n'
)


def _full_pack(root: Path) -> Path:
    pack = write_pack(root, "bonjour")
    path = pack / "tutorial.toml"
    path.write_text(path.read_text(encoding="utf-8") + PACK_FIELDS, encoding="utf-8")
    write_step(
        pack,
        "02-etape-2.md",
        extra='app = false\nmemo = "Une ligne pour le mémo."\n',
        body="Le [mot de passe](glossaire:mot-de-passe) est à vous.\n",
    )
    (pack / "animateur.md").write_text("## À vérifier pendant la visite\n\n- Rien.\n", encoding="utf-8")
    (root / "glossaire.toml").write_text(GLOSSARY, encoding="utf-8")
    return pack


class _Loads:
    """Counts how often the packs themselves are read (the cache was not used)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = loader.load_catalogue

        def counting(*args: object, **kwargs: object) -> object:
            self.count += 1
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(loader, "load_catalogue", counting)


def test_every_new_field_comes_back_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, cache = tmp_path / "packs", tmp_path / "cache"
    _full_pack(root)
    fresh, fresh_problems = loader.load_catalogue(root, thorough=False)
    assert fresh_problems == []
    loads = _Loads(monkeypatch)
    load_cached(root, cache)
    cached, problems = load_cached(root, cache)
    assert loads.count == 1  # the second time, from the cache
    assert problems == []
    tutorial = cached.get("bonjour")
    assert tutorial == fresh.get("bonjour")  # sources, checklist, screenshots, steps' app and memo
    assert tutorial.helper_notes == "## À vérifier pendant la visite\n\n- Rien."
    assert tutorial.sources[0].last_checked == date(2026, 11, 2)
    assert [s.speaks_of_app for s in tutorial.steps] == [True, False, True, True]
    assert tutorial.steps[1].memo == "Une ligne pour le mémo."
    assert dict(cached.glossary) == dict(fresh.glossary)
    stored = json.loads((cache / "catalogue.json").read_text(encoding="utf-8"))
    assert stored["format"] == 3
    assert stored["tutorials"][0]["sources"][0]["last_checked"] == "2026-11-02"


def test_warnings_are_cached_as_warnings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, cache = tmp_path / "packs", tmp_path / "cache"
    write_pack(root, "bonjour")
    real = loader.load_catalogue
    warning = Problem(root / "bonjour" / "01-etape-1.md", 5, "à regarder", warning=True)
    monkeypatch.setattr(loader, "load_catalogue", lambda *a, **k: (real(*a, **k)[0], [warning]))
    load_cached(root, cache)
    monkeypatch.setattr(loader, "load_catalogue", real)
    assert load_cached(root, cache)[1] == [warning]


def _old_format(data: dict) -> None:
    data["format"] = 2
    for tutorial in data["tutorials"]:
        for key in ("sources", "checklist", "screenshots", "helper_notes"):
            del tutorial[key]
    del data["glossary"]


def _bad_date(data: dict) -> None:
    data["tutorials"][0]["sources"][0]["last_checked"] = "20261102"


def _impossible_date(data: dict) -> None:
    data["tutorials"][0]["sources"][0]["last_checked"] = "2026-13-02"


def _unsafe_source(data: dict) -> None:
    data["tutorials"][0]["sources"][0]["url"] = "file:///etc/passwd"


def _long_checklist(data: dict) -> None:
    data["tutorials"][0]["checklist"] = ["Une case"] * 9


def _short_checklist(data: dict) -> None:
    data["tutorials"][0]["checklist"] = ["Une case"]


def _bad_shot(data: dict) -> None:
    data["tutorials"][0]["screenshots"] = ["../../secret"]


def _html_notes(data: dict) -> None:
    data["tutorials"][0]["helper_notes"] = "<script>alert(1)</script>"


def _memo_on_two_lines(data: dict) -> None:
    data["tutorials"][0]["steps"][1]["memo"] = "Une\nautre"


def _app_as_text(data: dict) -> None:
    data["tutorials"][0]["steps"][0]["app"] = "yes"


def _hidden_definition(data: dict) -> None:
    data["glossary"][0]["definition"] = "Un code\u202e caché"


def _twice_the_same_word(data: dict) -> None:
    data["glossary"].append(dict(data["glossary"][0]))


def _bad_term_id(data: dict) -> None:
    data["glossary"][0]["id"] = "../mot"


def _warning_as_text(data: dict) -> None:
    data["problems"] = [{"path": "x", "line": 1, "message": "m", "warning": "oui"}]


@pytest.mark.parametrize(
    "change",
    [
        _old_format,
        _bad_date,
        _impossible_date,
        _unsafe_source,
        _long_checklist,
        _short_checklist,
        _bad_shot,
        _html_notes,
        _memo_on_two_lines,
        _app_as_text,
        _hidden_definition,
        _twice_the_same_word,
        _bad_term_id,
        _warning_as_text,
    ],
)
def test_an_old_or_tampered_cache_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: object
) -> None:
    root, cache = tmp_path / "packs", tmp_path / "cache"
    _full_pack(root)
    load_cached(root, cache)
    path = cache / "catalogue.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path.write_text(json.dumps(data), encoding="utf-8")
    loads = _Loads(monkeypatch)
    catalogue, problems = load_cached(root, cache)
    assert loads.count == 1  # refused: the packs were read again
    assert problems == []
    assert catalogue.get("bonjour") == loader.load_catalogue(root, thorough=False)[0].get("bonjour")
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == 3  # and the cache rewritten


def test_one_pack_cached_sees_its_glossary_change(tmp_path: Path) -> None:
    root, cache = tmp_path / "packs", tmp_path / "cache"
    pack = _full_pack(root)
    assert load_cached(pack, cache)[1] == []
    (root / "glossaire.toml").write_text(GLOSSARY.replace("mot-de-passe", "code"), encoding="utf-8")
    catalogue, problems = load_cached(pack, cache)
    assert [p.message for p in problems] == ["mot « mot-de-passe » absent du glossaire (glossaire.toml)"]
    assert catalogue.get("bonjour") is None
