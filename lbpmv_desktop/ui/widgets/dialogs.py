"""Modal questions, each behind a classmethod ``ask()`` that tests replace."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLineEdit, QVBoxLayout

from lbpmv_desktop.ui.widgets.common import make_button, make_label

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


class _TextDialog(QDialog):
    """A title, a short text, and a row of buttons on the right."""

    def __init__(self, parent: QWidget | None, title: str, text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(16)
        layout.addWidget(make_label(title, "subtitle"))
        layout.addWidget(make_label(text))
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        layout.addLayout(self.buttons)
        self.setMinimumWidth(520)


class ConfirmDialog(_TextDialog):
    """A yes/no question whose safe answer (cancel) is the default."""

    def __init__(
        self, parent: QWidget | None, title: str, text: str, confirm: str, *, danger: bool = False
    ) -> None:
        super().__init__(parent, title, text)
        self.cancel_button = make_button(self.tr("Cancel"))
        self.confirm_button = make_button(confirm, "danger" if danger else "primary")
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button.clicked.connect(self.accept)
        self.buttons.addWidget(self.cancel_button)
        self.buttons.addWidget(self.confirm_button)
        self.cancel_button.setDefault(True)
        self.cancel_button.setFocus()

    @classmethod
    def ask(
        cls, parent: QWidget | None, title: str, text: str, confirm: str, *, danger: bool = False
    ) -> bool:
        dialog = cls(parent, title, text, confirm, danger=danger)
        return dialog.exec() == QDialog.DialogCode.Accepted


class MessageDialog(_TextDialog):
    """A plain message with one button."""

    def __init__(self, parent: QWidget | None, title: str, text: str) -> None:
        super().__init__(parent, title, text)
        ok = make_button(self.tr("OK"), "primary")
        ok.clicked.connect(self.accept)
        ok.setDefault(True)
        self.buttons.addWidget(ok)

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str) -> None:
        cls(parent, title, text).exec()


class TextQuestionDialog(_TextDialog):
    """A short question answered in one line of text (a code, an answer)."""

    def __init__(
        self, parent: QWidget | None, title: str, text: str, *, field: str, placeholder: str, confirm: str
    ) -> None:
        super().__init__(parent, title, text)
        self.answer = QLineEdit()
        self.answer.setAccessibleName(field)
        self.answer.setPlaceholderText(placeholder)
        self.answer.returnPressed.connect(self.accept)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.count() - 1, self.answer)
        cancel = make_button(self.tr("Cancel"))
        ok = make_button(confirm, "primary")
        cancel.clicked.connect(self.reject)
        ok.clicked.connect(self.accept)
        self.buttons.addWidget(cancel)
        self.buttons.addWidget(ok)
        self.answer.setFocus()

    def ask_text(self) -> str | None:
        """Run the dialog; the stripped answer, or None when cancelled."""
        return self.answer.text().strip() if self.exec() == QDialog.DialogCode.Accepted else None


def ask_save_path(parent: QWidget | None, title: str, suggested: Path, filter_text: str) -> str | None:
    """Ask where to save a file (tests replace this function)."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filter_text)
    return chosen or None


def ask_save_file(parent: QWidget | None, title: str, suggested: Path, filter_text: str) -> Path | None:
    """Where to save a file, with ``suggested``'s extension added if the name typed lacks it."""
    chosen = ask_save_path(parent, title, suggested, filter_text)
    if not chosen:
        return None
    suffix = suggested.suffix
    return Path(chosen if chosen.lower().endswith(suffix.lower()) else chosen + suffix)
