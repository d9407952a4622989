"""Modal questions, each behind a classmethod ``ask()`` that tests replace."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLineEdit, QVBoxLayout

from lbpmv_desktop.ui.widgets.common import make_button, make_label

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent
    from PySide6.QtWidgets import QWidget

# The width a dialog opens at, unless its buttons need more (large text).
PREFERRED_WIDTH = 520


class _TextDialog(QDialog):
    """A title, a short text, and a row of buttons on the right.

    The dialog is never narrower than its buttons (a fixed minimum width would cut them when the
    text is large); a screen reader reads the text with the title when the dialog opens.
    """

    def __init__(self, parent: QWidget | None, title: str, text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(16)
        layout.addWidget(make_label(title, "subtitle"))
        self.text_label = make_label(text)
        self.text_label.setVisible(bool(text))
        layout.addWidget(self.text_label)
        self.setAccessibleDescription(text)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        layout.addLayout(self.buttons)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self.width() < PREFERRED_WIDTH:
            height = self.heightForWidth(PREFERRED_WIDTH)
            self.resize(PREFERRED_WIDTH, height if height > 0 else self.height())


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
        self.answer_label = make_label(field)
        self.answer = QLineEdit()
        self.answer.setAccessibleName(field)
        self.answer.setPlaceholderText(placeholder)
        self.answer.returnPressed.connect(self.accept)
        self.answer_label.setBuddy(self.answer)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.count() - 1, self.answer_label)
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
