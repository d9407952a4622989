"""The merchant's sharing actions, used from Réglages and from Mon bilan: always show what the
animator will see first, then write the file or set the sharing folder."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout

from lbpmv_desktop.ui.widgets import dialogs
from lbpmv_desktop.ui.widgets.common import ScrollPage, make_button, make_label

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from lbpmv_desktop.ui.session import AppSession


class SharePreviewDialog(QDialog):
    """« Voici ce que votre animateur verra »: the summary, before anything is shared."""

    def __init__(self, parent: QWidget | None, lines: list[str], confirm: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("What your animator will see"))
        self.resize(640, 560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(make_label(self.tr("Here is what your animator will see"), "subtitle"))
        layout.addWidget(
            make_label(
                self.tr(
                    "Only your progress in the app is shared: no photo, no password, nothing else from this computer."
                )
            )
        )
        page = ScrollPage()
        page.body.setContentsMargins(8, 8, 8, 8)
        for line in lines or [self.tr("Nothing yet.")]:
            page.body.addWidget(make_label("• " + line))
        page.body.addStretch(1)
        layout.addWidget(page, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = make_button(self.tr("Cancel"))
        self.confirm_button = make_button(confirm, "primary")
        cancel.clicked.connect(self.reject)
        self.confirm_button.clicked.connect(self.accept)
        row.addWidget(cancel)
        row.addWidget(self.confirm_button)
        layout.addLayout(row)

    @classmethod
    def ask(cls, parent: QWidget | None, lines: list[str], confirm: str) -> bool:
        return cls(parent, lines, confirm).exec() == QDialog.DialogCode.Accepted


def send_progress(parent: QWidget, session: AppSession) -> None:
    """« Envoyer mes progrès à mon animateur »: preview, then save the file where the merchant chooses."""
    sharing = session.sharing
    if not SharePreviewDialog.ask(parent, sharing.preview(), parent.tr("Continue")):
        return
    target = dialogs.ask_save_file(
        parent,
        parent.tr("Save my progress for my animator"),
        Path.home() / sharing.file_name(),
        parent.tr("Progress file (*.lbpmv)"),
    )
    if target is not None:
        sharing.send_to(target)


def choose_sharing_folder(parent: QWidget, session: AppSession) -> None:
    """Choose the sharing folder (a USB key, or a folder synced by OneDrive, Nextcloud…)."""
    from lbpmv_desktop.ui.studio import dialogs as file_dialogs

    folder = file_dialogs.ask_folder(parent, parent.tr("Choose the sharing folder"))
    if folder is None:
        return
    if not SharePreviewDialog.ask(parent, session.sharing.preview(), parent.tr("Share in this folder")):
        return
    session.update_settings(replace(session.settings, sharing_folder=str(folder), sharing_enabled=True))
    session.sharing.share_to_folder()


def set_sharing(session: AppSession, on: bool) -> None:
    """Stop (or resume) the automatic sharing; nothing more is written while it is stopped."""
    session.update_settings(replace(session.settings, sharing_enabled=on))
    if on:
        session.sharing.share_to_folder()
