"""The catalogue cache returns the same tutorials and never serves stale content."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from lbpmv_desktop.core.tutorials.cache import load_cached
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
