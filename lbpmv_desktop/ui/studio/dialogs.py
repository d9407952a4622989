"""The studio's dialogs: import from a phone folder, prepare several photos at once, and the file
choosers (module functions that tests replace)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QListView,
    QProgressBar,
    QVBoxLayout,
)

from lbpmv_desktop.ui.accessibility import announce
from lbpmv_desktop.ui.studio.models import PicturesModel
from lbpmv_desktop.ui.widgets.common import make_label
from lbpmv_desktop.ui.widgets.reflow import FlowLayout, wrap_button

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from lbpmv_desktop.core.photo.library import LibraryPhoto
    from lbpmv_desktop.ui.studio.controller import StudioController

IMAGE_FILTER = (
    "Photos (*.jpg *.jpeg *.png *.webp *.heic *.heif *.tif *.tiff *.bmp *.gif *.JPG *.JPEG *.PNG *.HEIC)"
)


def ask_photo_file(parent: QWidget | None, title: str) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(Path.home()), IMAGE_FILTER)
    return Path(chosen) if chosen else None


def ask_folder(parent: QWidget | None, title: str) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, title, str(Path.home()))
    return Path(chosen) if chosen else None


def _fit_screen(dialog: QDialog, width: int, height: int) -> None:
    """``width``×``height``, or less on a small screen."""
    screen = dialog.screen().availableGeometry()
    dialog.resize(min(width, screen.width() - 40), min(height, screen.height() - 40))


def _picture_list(model: PicturesModel) -> QListView:
    view = QListView()
    view.setModel(model)
    view.setViewMode(QListView.ViewMode.IconMode)
    view.setIconSize(QSize(140, 140))
    view.setGridSize(QSize(180, 200))
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setWordWrap(True)
    view.setUniformItemSizes(True)
    view.setMovement(QListView.Movement.Static)
    return view


class BatchExportDialog(QDialog):
    """Prepare several photos of the library for one destination, with progress and cancel."""

    def __init__(self, parent: QWidget | None, studio: StudioController, photos: list[LibraryPhoto]) -> None:
        from lbpmv_desktop.core.photo.presets import PRESETS

        super().__init__(parent)
        self._studio = studio
        self._photos = {photo.path: photo for photo in photos}
        self.setWindowTitle(self.tr("Prepare several photos"))
        _fit_screen(self, 900, 680)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(make_label(self.tr("Prepare several photos at once"), "subtitle"))
        layout.addWidget(
            make_label(self.tr("Each photo keeps its own edits. The copies go into « Mes photos prêtes »."))
        )
        self.model = PicturesModel(checkable=True, parent=self)
        self.model.set_pictures([p.path for p in photos])
        self.view = _picture_list(self.model)
        self.view.setAccessibleName(self.tr("Photos to prepare"))
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        target = make_label(self.tr("For:"), wrap=False)
        self.preset_combo = QComboBox()
        self.preset_combo.setAccessibleName(self.tr("Destination"))
        from lbpmv_desktop.ui.studio.studio_page import preset_label

        for preset in PRESETS.values():
            self.preset_combo.addItem(preset_label(preset.name), preset.name)
        target.setBuddy(self.preset_combo)
        row.addWidget(target)
        row.addWidget(self.preset_combo, 1)
        layout.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.hide()
        self.status = make_label("", "muted")
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        buttons = FlowLayout()
        self.close_button = wrap_button(self.tr("Close"))
        self.cancel_button = wrap_button(self.tr("Stop"))
        self.start_button = wrap_button(self.tr("Prepare the ticked photos"), "primary")
        self.close_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(studio.cancel_batch)
        self.start_button.clicked.connect(self._on_start)
        self.cancel_button.hide()
        for widget in (self.close_button, self.cancel_button, self.start_button):
            buttons.addWidget(widget)
        layout.addLayout(buttons)
        studio.thumbnail_ready.connect(self.model.set_thumbnail)
        studio.batch_progress.connect(self._on_progress)
        studio.batch_finished.connect(self._on_finished)
        for photo in photos[:200]:
            studio.load_thumbnail(photo.path)

    def _on_start(self) -> None:
        chosen = [self._photos[p] for p in self.model.checked_paths()]
        if not chosen:
            self._say(self.tr("Tick at least one photo."))
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.progress.setRange(0, len(chosen))
        self.progress.setValue(0)
        self.progress.show()
        self.start_button.setEnabled(False)
        self.cancel_button.show()
        self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)  # the start button is now off
        self._say(self.tr("Preparing… you can keep working."))
        self._studio.export_batch(chosen, self.preset_combo.currentData())

    def _say(self, text: str) -> None:
        self.status.setText(text)
        announce(self.status, text)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setValue(done)
        self.status.setText(self.tr("Photos prepared: {done} of {total}").format(done=done, total=total))

    def _on_finished(self, written: int, cancelled: bool) -> None:
        had_focus = self.cancel_button.hasFocus()
        self.cancel_button.hide()
        self.start_button.setEnabled(True)
        if had_focus:
            self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
        text = (
            self.tr("Stopped. Photos prepared: {count}.")
            if cancelled
            else self.tr("✓ Done. Photos ready in « Mes photos prêtes »: {count}.")
        )
        self._say(text.format(count=written))

    @classmethod
    def ask(cls, parent: QWidget | None, studio: StudioController, photos: list[LibraryPhoto]) -> None:
        cls(parent, studio, photos).exec()
