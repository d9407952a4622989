"""The small dialog hooks every page goes through."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

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


def test_a_question_field_has_a_visible_label_and_the_focus(qtbot) -> None:
    from lbpmv_desktop.ui.animator.dashboard_page import AnswerDialog

    dialog = AnswerDialog(None, "Je ne trouve pas le câble")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.answer_label.isVisible()
    assert dialog.answer_label.buddy() is dialog.answer
    assert dialog.answer_label.text() == dialog.answer.accessibleName()
    assert dialog.answer.placeholderText() != dialog.answer_label.text()
    qtbot.waitUntil(dialog.answer.hasFocus, timeout=5000)
    for letter in "Chaussons bébé 24,90 €":  # typed as key events (QTest knows only ASCII keys)
        QApplication.sendEvent(
            dialog.answer, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, letter)
        )
    assert dialog.answer.text() == "Chaussons bébé 24,90 €"
    assert "câble" in dialog.accessibleDescription()


def test_a_dialog_is_never_narrower_than_its_buttons_with_large_text(qtbot) -> None:
    dialog = dialogs.ConfirmDialog(
        None,
        "Effacer toutes mes données ?",
        "Tout ce que vous avez fait dans l'application sera effacé de cet ordinateur.",
        "Oui, effacer tout ce que j'ai fait",
        danger=True,
    )
    qtbot.addWidget(dialog)
    font = dialog.font()
    font.setPointSizeF(font.pointSizeF() * 2.5)
    dialog.setFont(font)
    dialog.show()
    qtbot.waitExposed(dialog)
    for button in (dialog.cancel_button, dialog.confirm_button):
        assert button.width() >= button.minimumSizeHint().width()
        assert button.width() >= button.sizeHint().width(), button.text()
    assert dialog.width() >= dialogs.PREFERRED_WIDTH
