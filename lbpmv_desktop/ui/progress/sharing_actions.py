"""The merchant's sharing actions, used from Réglages and from Mon bilan: always show what the
file will hold first (built from the same data as the file), then write it or set the sharing
folder; stop sharing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout, QVBoxLayout

from lbpmv_desktop.ui import accessibility
from lbpmv_desktop.ui.widgets import dialogs
from lbpmv_desktop.ui.widgets.common import ScrollPage, make_button, make_label

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent
    from PySide6.QtWidgets import QLabel, QWidget

    from lbpmv_desktop.ui.session import AppSession
    from lbpmv_desktop.ui.sharing import SharePreview


class SharePreviewDialog(QDialog):
    """« Voici ce que contient le fichier »: the file's content in plain words, before anything
    is shared, and the choice about the animator's visit notes (which changes the list shown).

    Attributes:
        notes_check: « Joindre les notes de visite de l'animateur ».
        line_labels: the labels of the lines shown.
    """

    def __init__(
        self,
        parent: QWidget | None,
        preview: SharePreview,
        confirm: str | None,
        *,
        closing_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self._preview = preview
        self._sized = False
        self.setWindowTitle(self.tr("What your animator will see"))
        self.resize(640, 560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(make_label(self.tr("Here is what the file holds"), "subtitle"))
        # Everything but the title and the buttons scrolls: large text on a small screen never
        # squeezes a label.
        self._page = ScrollPage()
        self._page.body.setContentsMargins(0, 8, 8, 8)
        body = self._page.body
        body.addWidget(
            make_label(
                self.tr(
                    "The file holds exactly what is listed below. No photo, no password, no other file "
                    "from this computer."
                )
            )
        )
        # A check box's text does not wrap: a short one, and what it means under it.
        self.notes_check = QCheckBox(self.tr("Attach the animator's visit notes"))
        self.notes_check.setChecked(preview.include_notes)
        notes_note = make_label(
            self.tr("The notes your animator wrote on this computer during a visit. Not sent unless ticked.")
            if preview.has_notes
            else self.tr("There are no visit notes on this computer yet. Not sent unless ticked."),
            "muted",
        )
        self.notes_check.setAccessibleDescription(notes_note.text())
        body.addWidget(self.notes_check)
        body.addWidget(notes_note)
        self._first_line = body.count()
        self.line_labels: list[QLabel] = []
        body.addStretch(1)
        layout.addWidget(self._page, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        if not closing_only:
            cancel = make_button(self.tr("Cancel"))
            cancel.clicked.connect(self.reject)
            row.addWidget(cancel)
        self.confirm_button = make_button(confirm or self.tr("Close"), "primary")
        self.confirm_button.clicked.connect(self.accept)
        row.addWidget(self.confirm_button)
        layout.addLayout(row)
        self.notes_check.toggled.connect(self._on_notes)
        self._show_lines()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._fit_width()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_width()

    def _fit_width(self) -> None:
        """Wide enough for the check box's text (which does not wrap), within the screen."""
        if not hasattr(self, "_page"):  # a style event while the dialog is being built
            return
        scroll_bar = self._page.verticalScrollBar().sizeHint().width()
        content = self._page.widget()
        inner = content.minimumSizeHint().width() if content is not None else 0
        need = inner + scroll_bar + 2 * self._page.frameWidth()
        available = self.screen().availableGeometry() if self.screen() is not None else None
        self._page.setMinimumWidth(min(need, available.width() - 64) if available is not None else need)
        if available is not None and not self._sized:  # once: then the merchant's size is kept
            self._sized = True
            layout = self.layout()
            wanted = layout.totalHeightForWidth(self.width()) if layout is not None else self.height()
            self.resize(self.width(), max(self.height(), min(wanted + 200, int(available.height() * 0.85))))

    @property
    def include_notes(self) -> bool:
        return self.notes_check.isChecked()

    def _show_lines(self) -> None:
        for label in self.line_labels:
            self._page.body.removeWidget(label)
            label.deleteLater()
        lines = self._preview.lines(self.include_notes) or (self.tr("Nothing yet."),)
        self.line_labels = [make_label("• " + line) for line in lines]
        for index, label in enumerate(self.line_labels):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._page.body.insertWidget(self._first_line + index, label)
        self._page.schedule_refit()

    def _on_notes(self, _on: bool) -> None:
        self._show_lines()
        if self._preview.has_notes:
            accessibility.announce(
                self.notes_check,
                self.tr("The visit notes are in the file.")
                if self.include_notes
                else self.tr("The visit notes are not in the file."),
            )

    @classmethod
    def ask(
        cls, parent: QWidget | None, preview: SharePreview, confirm: str | None, *, closing_only: bool = False
    ) -> bool | None:
        """None when cancelled; else whether the visit notes go with the file (the merchant's choice)."""
        dialog = cls(parent, preview, confirm, closing_only=closing_only)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.include_notes if accepted or closing_only else None


def show_preview(parent: QWidget, session: AppSession) -> None:
    """« Voir ce que mon animateur verra »: the file's content; the notes' choice is kept."""
    sharing = session.sharing

    def show(preview: SharePreview) -> None:
        choice = SharePreviewDialog.ask(parent, preview, None, closing_only=True)
        if choice is not None:
            sharing.set_include_visit_notes(choice)

    sharing.request_preview(show)


def send_progress(parent: QWidget, session: AppSession) -> None:
    """« Envoyer mes progrès à mon animateur »: preview, then save the file where the merchant chooses."""
    sharing = session.sharing

    def show(preview: SharePreview) -> None:
        choice = SharePreviewDialog.ask(
            parent, preview, QCoreApplication.translate("SharingActions", "Continue")
        )
        if choice is None:
            return
        sharing.set_include_visit_notes(choice)
        target = dialogs.ask_save_file(
            parent,
            QCoreApplication.translate("SharingActions", "Save my progress for my animator"),
            Path.home() / sharing.file_name(),
            QCoreApplication.translate("SharingActions", "Progress file (*.lbpmv)"),
        )
        if target is not None:
            sharing.send_to(target, choice)

    sharing.request_preview(show)


def choose_sharing_folder(parent: QWidget, session: AppSession) -> None:
    """Choose the sharing folder (a USB key, or a folder synced by OneDrive, Nextcloud…)."""
    from lbpmv_desktop.ui.studio import dialogs as file_dialogs

    folder = file_dialogs.ask_folder(
        parent, QCoreApplication.translate("SharingActions", "Choose the sharing folder")
    )
    if folder is None:
        return

    def show(preview: SharePreview) -> None:
        choice = SharePreviewDialog.ask(
            parent, preview, QCoreApplication.translate("SharingActions", "Share in this folder")
        )
        if choice is None:
            return
        previous = session.settings.sharing_folder
        if previous and previous != str(folder):
            session.sharing.leave_folder(previous)  # no full copy stays in the folder left
        session.update_settings(replace(session.settings, sharing_folder=str(folder), sharing_enabled=True))
        session.sharing.set_include_visit_notes(choice, share=False)
        session.sharing.share_to_folder()

    session.sharing.request_preview(show)


def set_sharing(session: AppSession, on: bool) -> None:
    """Stop sharing (the folder's file becomes a signed « stopped » notice), or share again."""
    session.update_settings(replace(session.settings, sharing_enabled=on))
    if on:
        session.sharing.share_to_folder()
    else:
        session.sharing.stop()
