"""The small dialog hooks every page goes through."""

from __future__ import annotations

from pathlib import Path

import pytest

from lbpmv_desktop.ui.widgets import dialogs


@pytest.mark.parametrize(
    ("typed", "saved"),
    [("affiche", "affiche.pdf"), ("Affiche.PDF", "Affiche.PDF"), ("affiche.pdf", "affiche.pdf"), ("", None)],
)
def test_the_file_to_save_gets_the_suggested_extension_once(
    monkeypatch: pytest.MonkeyPatch, typed: str, saved: str | None
) -> None:
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_a: typed or None)
    chosen = dialogs.ask_save_file(None, "Enregistrer", Path("/tmp/suggestion.pdf"), "*.pdf")
    assert chosen == (Path(saved) if saved else None)
