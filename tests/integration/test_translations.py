"""The French translation is complete and built by the project's own tooling."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ElementTree
from typing import TYPE_CHECKING

from lbpmv_desktop import i18n

if TYPE_CHECKING:
    from pathlib import Path

PLACEHOLDER = re.compile(r"\{\w+\}|%[vm]")


def _messages(ts: Path) -> list[tuple[str, str, str | None]]:
    root = ElementTree.parse(ts).getroot()
    found = []
    for message in root.iter("message"):
        translation = message.find("translation")
        assert translation is not None
        found.append((message.findtext("source") or "", translation.text or "", translation.get("type")))
    return found


def test_every_french_string_is_translated_with_its_placeholders() -> None:
    messages = _messages(i18n.source("fr"))
    assert len(messages) > 100
    for source, translation, kind in messages:
        assert kind is None, f"unfinished: {source!r}"
        assert translation.strip(), source
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation)), source


def test_the_code_has_no_string_missing_from_the_translation(tmp_path: Path, monkeypatch) -> None:
    copy = tmp_path / "lbpmv_fr.ts"
    shutil.copy(i18n.source("fr"), copy)
    monkeypatch.setattr(i18n, "source", lambda language: copy)
    i18n.update_sources()
    unfinished = [source for source, _, kind in _messages(copy) if kind == "unfinished"]
    assert unfinished == [], "run `python -m lbpmv_desktop.i18n update` and translate these"


def test_qm_is_compiled_from_the_ts(tmp_path: Path, monkeypatch) -> None:
    copy = tmp_path / "translations" / "lbpmv_fr.ts"
    copy.parent.mkdir()
    shutil.copy(i18n.source("fr"), copy)
    monkeypatch.setattr(i18n, "source", lambda language: copy)
    qm = i18n.compiled("fr")
    assert qm == copy.with_suffix(".qm")
    assert qm.read_bytes()[:4] == b"\x3c\xb8\x64\x18"  # Qt's .qm magic number


def test_the_installed_app_keeps_its_french_when_the_ts_looks_newer(tmp_path: Path, monkeypatch) -> None:
    """The bundle ships the .ts beside the .qm (for content check) and has no compiler: a copy that
    did not keep the files' times must not turn the whole app into English."""
    import os

    copy = tmp_path / "translations" / "lbpmv_fr.ts"
    copy.parent.mkdir()
    shutil.copy(i18n.source("fr"), copy)
    monkeypatch.setattr(i18n, "source", lambda language: copy)
    qm = i18n.compiled("fr")
    assert qm is not None
    os.utime(qm, (1_000_000_000, 1_000_000_000))  # the .qm now looks older than its .ts
    monkeypatch.setattr(i18n, "_lrelease", lambda: None)
    assert i18n.compiled("fr") == qm
    assert qm.read_bytes()[:4] == b"\x3c\xb8\x64\x18"
    qm.unlink()
    assert i18n.compiled("fr") is None  # nothing compiled and nothing to compile with
