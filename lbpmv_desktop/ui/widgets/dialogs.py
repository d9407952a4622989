"""Modal questions, each behind a classmethod ``ask()`` that tests replace."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QVBoxLayout

from lbpmv_desktop.ui.widgets.common import make_button, make_label, set_role

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QWidget


class ConfirmDialog(QDialog):
    """A yes/no question whose safe answer is the default."""

    def __init__(
        self, parent: QWidget | None, title: str, text: str, confirm: str, *, danger: bool = False
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(16)
        layout.addWidget(make_label(title, "subtitle"))
        layout.addWidget(make_label(text))
        row = QHBoxLayout()
        self.cancel_button = make_button(self.tr("Cancel"))
        self.confirm_button = make_button(confirm, "danger" if danger else "primary")
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button.clicked.connect(self.accept)
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.confirm_button)
        layout.addLayout(row)
        self.cancel_button.setDefault(True)
        self.cancel_button.setFocus()
        self.setMinimumWidth(520)

    @classmethod
    def ask(
        cls, parent: QWidget | None, title: str, text: str, confirm: str, *, danger: bool = False
    ) -> bool:
        dialog = cls(parent, title, text, confirm, danger=danger)
        return dialog.exec() == QDialog.DialogCode.Accepted


class MessageDialog(QDialog):
    """A plain message with one button."""

    def __init__(self, parent: QWidget | None, title: str, text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(16)
        layout.addWidget(make_label(title, "subtitle"))
        layout.addWidget(make_label(text))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("OK"))
        set_role(ok, "primary")
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str) -> None:
        cls(parent, title, text).exec()


def ask_save_path(parent: QWidget | None, title: str, suggested: Path, filter_text: str) -> str | None:
    """Ask where to save a file (tests replace this function)."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filter_text)
    return chosen or None
