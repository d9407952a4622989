"""Studio photo: open a product photo, improve it in a click, frame it, and prepare it for a site."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QListView,
    QRadioButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from lbpmv_desktop.core.photo.presets import PRESETS
from lbpmv_desktop.core.photo.recipe import ADJUSTMENTS, Crop, Label
from lbpmv_desktop.core.photo.text import label_problem
from lbpmv_desktop.paths import samples_dir
from lbpmv_desktop.ui.accessibility import announce
from lbpmv_desktop.ui.studio import dialogs
from lbpmv_desktop.ui.studio.models import PicturesModel
from lbpmv_desktop.ui.studio.preview_widget import Mode, PreviewWidget
from lbpmv_desktop.ui.widgets.common import Card, ScrollPage, field_label, make_label, set_role
from lbpmv_desktop.ui.widgets.reflow import FlowLayout, WrapButton, wrap_button

if TYPE_CHECKING:
    from PySide6.QtGui import QDragEnterEvent, QDropEvent, QResizeEvent

    from lbpmv_desktop.core.photo.library import LibraryPhoto
    from lbpmv_desktop.core.photo.recipe import Recipe
    from lbpmv_desktop.ui.session import AppSession
    from lbpmv_desktop.ui.studio.controller import StudioController

# (ratio, label); None ratio: no crop; 0: free crop. Labels are translated where shown.
CROPS = (
    (None, QT_TRANSLATE_NOOP("StudioPage", "No crop")),
    (1.0, QT_TRANSLATE_NOOP("StudioPage", "Square (Instagram)")),
    (0.8, QT_TRANSLATE_NOOP("StudioPage", "Portrait 4:5 (Instagram)")),
    (9 / 16, QT_TRANSLATE_NOOP("StudioPage", "Story 9:16")),
    (16 / 9, QT_TRANSLATE_NOOP("StudioPage", "Wide 16:9 (screens, videos)")),
    (1200 / 630, QT_TRANSLATE_NOOP("StudioPage", "Wide (Facebook)")),
    (4 / 3, QT_TRANSLATE_NOOP("StudioPage", "Landscape 4:3 (leboncoin)")),
    (0.0, QT_TRANSLATE_NOOP("StudioPage", "Free: draw the frame")),
)
LABEL_STYLES = (
    ("sombre", QT_TRANSLATE_NOOP("StudioPage", "Dark band")),
    ("clair", QT_TRANSLATE_NOOP("StudioPage", "Light band")),
    ("prix", QT_TRANSLATE_NOOP("StudioPage", "Price sticker")),
)
PRESET_LABELS = {
    "instagram": QT_TRANSLATE_NOOP("StudioPage", "Instagram (square)"),
    "instagram-portrait": QT_TRANSLATE_NOOP("StudioPage", "Instagram (portrait)"),
    "story": QT_TRANSLATE_NOOP("StudioPage", "Story"),
    "facebook": QT_TRANSLATE_NOOP("StudioPage", "Facebook"),
    "leboncoin": QT_TRANSLATE_NOOP("StudioPage", "leboncoin"),
    "web": QT_TRANSLATE_NOOP("StudioPage", "Website"),
    "original": QT_TRANSLATE_NOOP("StudioPage", "Original size"),
}


def preset_label(name: str) -> str:
    return QCoreApplication.translate("StudioPage", str(PRESET_LABELS[name]))


COMPARE_NAME = QT_TRANSLATE_NOOP(
    "StudioPage", "Before | after: the photo as it was left of a line, with your changes right"
)
SLIDER_KEYS = {name: 10 + i for i, name in enumerate(ADJUSTMENTS)}


def open_folder(path: Path) -> bool:
    """Show a folder in the file manager (tests replace this function)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class StudioPage(QWidget):
    """The photo studio.

    Signals:
        photo_exported(str): a photo was prepared (the preset's name).
    """

    photo_exported = Signal(str)

    def __init__(self, studio: StudioController, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self._session = session
        self._updating = False
        self._last_preset = "instagram"
        self._arrangement: tuple[bool, bool] | None = None
        self._pending: tuple[str, Crop] | None = None  # a copy waiting for its frame: (preset, frame)
        self._pending_geometry: tuple[int, float] = (0, 0.0)
        self.setAcceptDrops(True)
        outer = self.outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 12)
        outer.setSpacing(10)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(16)
        self.centre = QWidget()
        self.centre_column = self._build_centre()
        self.centre.setLayout(self.centre_column)
        self.body.addWidget(self.centre, 1)
        self.body.addWidget(self._build_tools(), 0)
        outer.addLayout(self.body, 1)
        studio.opened.connect(self._on_opened)
        studio.preview_ready.connect(self.preview.set_image)
        studio.original_ready.connect(self.preview.set_original)
        studio.full_size_known.connect(self.preview.set_full_size)
        studio.tile_ready.connect(self.preview.set_tile)
        self.preview.view_changed.connect(studio.request_tile)
        studio.recipe_changed.connect(self._show_recipe)
        studio.failed.connect(self._show_error)
        studio.exported.connect(self._on_exported)
        studio.recent_changed.connect(self._show_recent)
        studio.thumbnail_ready.connect(self.recent_model.set_thumbnail)
        studio.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        studio.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self._set_photo_controls(False)
        self._chain_tab_order()

    # -- building ------------------------------------------------------------------------
    def _build_centre(self) -> QVBoxLayout:
        """The photo, its name and any error; below it (when there is room) the edit buttons."""
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        self.photo_label = make_label(self.tr("No photo open yet."), "subtitle")
        column.addWidget(self.photo_label)
        self.error_label = make_label("", "banner")
        self.error_label.hide()
        column.addWidget(self.error_label)
        self.confirm_box = Card()  # « Préparer pour… » a target of other proportions: its frame first
        self.confirm_text = make_label("")
        self.confirm_box.body.addWidget(self.confirm_text)
        confirm_row = FlowLayout()
        self.confirm_button = wrap_button(self.tr("Save the copy"), "primary")
        self.confirm_cancel_button = wrap_button(
            self.tr("Don't save"), accessible=self.tr("Don't save: no copy is written")
        )
        self.confirm_button.clicked.connect(lambda: self._end_confirm(True))
        self.confirm_cancel_button.clicked.connect(lambda: self._end_confirm(False))
        confirm_row.addWidget(self.confirm_button)
        confirm_row.addWidget(self.confirm_cancel_button)
        self.confirm_box.body.addLayout(confirm_row)
        self.confirm_box.hide()
        self.preview = PreviewWidget()
        self.preview.placeholder = self.tr(
            "Open a photo, drop one here, or try with a sample photo.\nYour original photo is never changed."
        )
        self.preview.setAccessibleName(self.tr("The photo"))
        self.preview.split_names = (self.tr("Before"), self.tr("After"))
        self.preview.descriptions = {
            Mode.CROP: self._crop_keys(),
            Mode.TEXT: self.tr(
                "Drag the text on the photo, or move it with the arrows (Shift: faster). Return: done."
            ),
            Mode.SPLIT: self.tr(
                "Left of the line: the photo as it was; right: with your changes. Drag the line or move it "
                "with the arrows. Return: done."
            ),
        }
        self.preview.crop_chosen.connect(self._on_frame_chosen)
        self.preview.label_moved.connect(self.studio.move_label)
        self.preview.finished.connect(self._on_preview_keys_done)
        column.addWidget(self.preview, 1)
        self.hint_label = make_label("", "muted")
        self.hint_label.hide()
        # What the photo does now, and the copy waiting for its frame: under the photo, or on top of
        # the tools when narrow (with the edit buttons).
        self.notes_box = QWidget()
        notes = QVBoxLayout(self.notes_box)
        notes.setContentsMargins(0, 0, 0, 0)
        notes.addWidget(self.confirm_box)
        notes.addWidget(self.hint_label)
        column.addWidget(self.notes_box)
        # Undo, redo, before and start again: under the photo, or on top of the tools when narrow.
        self.edit_box = QWidget()
        edits = FlowLayout(self.edit_box)
        self.undo_button = wrap_button(self.tr("Undo"))
        self.redo_button = wrap_button(self.tr("Redo"))
        self.before_button = wrap_button(
            self.tr("Before"), accessible=self.tr("Before: keep it pressed to see the photo as it was")
        )
        self.before_button.setToolTip(self.tr("Keep it pressed to see the photo as it was"))
        self.before_button.pressed.connect(lambda: self.studio.show_original(True))
        self.before_button.released.connect(lambda: self.studio.show_original(False))
        self.undo_button.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_button.setShortcut(QKeySequence.StandardKey.Redo)
        self.undo_button.clicked.connect(self.studio.undo_stack.undo)
        self.redo_button.clicked.connect(self.studio.undo_stack.redo)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        self.compare_button = wrap_button(self.tr("Before | after"), accessible=self.tr(str(COMPARE_NAME)))
        self.compare_button.setCheckable(True)
        self.compare_button.toggled.connect(self._on_compare)
        self.zoom_button = wrap_button(
            self.tr("100 %"), accessible=self.tr("100 %: see the photo pixel for pixel (Ctrl+1)")
        )
        self.fit_button = wrap_button(self.tr("Fit"), accessible=self.tr("Fit: see the whole photo (Ctrl+0)"))
        for button in (self.fit_button, self.zoom_button):  # one of the two is down (not a button
            button.setCheckable(True)  # group: Tab would skip the one that is up)
        self.fit_button.setChecked(True)
        self.zoom_button.clicked.connect(lambda: self._on_zoom(True))
        self.fit_button.clicked.connect(lambda: self._on_zoom(False))
        for keys, zoomed in (("Ctrl+1", True), ("Ctrl+0", False)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda z=zoomed: self._on_zoom(z))
        self.reset_button = wrap_button(self.tr("Start again"))
        self.reset_button.clicked.connect(self.studio.reset)
        for button in (
            self.undo_button, self.redo_button, self.before_button, self.compare_button,
            self.zoom_button, self.fit_button, self.reset_button,
        ):  # fmt: skip
            edits.addWidget(button)
        column.addWidget(self.edit_box)
        return column

    def _build_tools(self) -> QWidget:
        panel = ScrollPage()
        panel.body.setContentsMargins(0, 0, 8, 0)
        body = panel.body
        self._cards: list[Card] = []

        choose = Card()
        choose.body.addWidget(make_label(self.tr("Choose a photo"), "subtitle"))
        self.open_button = wrap_button(self.tr("Open a photo…"), "primary")
        self.phone_button = wrap_button(self.tr("Import from my phone…"))
        self.sample_button = wrap_button(self.tr("Try with a sample photo"))
        self.open_button.clicked.connect(self._on_open)
        self.phone_button.clicked.connect(self._on_phone)
        self.sample_button.clicked.connect(self._on_sample)
        for button in (self.open_button, self.phone_button, self.sample_button):
            choose.body.addWidget(button)
        self.recent_title = make_label(self.tr("My photos"), "subtitle")
        choose.body.addWidget(self.recent_title)
        self.recent_model = PicturesModel(parent=self)
        self.recent_view = QListView()
        self.recent_view.setModel(self.recent_model)
        self.recent_view.setViewMode(QListView.ViewMode.IconMode)
        self.recent_view.setFlow(QListView.Flow.LeftToRight)
        self.recent_view.setWrapping(True)  # rows that scroll down, never sideways
        self.recent_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.recent_view.setIconSize(QSize(96, 96))
        self.recent_view.setMovement(QListView.Movement.Static)
        self.recent_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.recent_view.setAccessibleName(self.tr("My photos"))
        self.recent_view.activated.connect(self._on_recent)
        self.recent_view.clicked.connect(self._on_recent)
        choose.body.addWidget(self.recent_view)
        self.recent_title.hide()  # shown once there is a photo in the library
        self.recent_view.hide()
        self._fit_recent()
        body.addWidget(choose)
        self._cards.append(choose)

        improve = Card()
        improve.body.addWidget(make_label(self.tr("1. Improve in one click"), "subtitle"))
        self.improve_button = wrap_button(self.tr("Improve"), "primary")
        self.improve_button.setProperty("size", "big")
        self.improve_button.clicked.connect(self.studio.improve)
        improve.body.addWidget(self.improve_button)
        body.addWidget(improve)
        self._cards.append(improve)

        adjust = Card()
        adjust.body.addWidget(make_label(self.tr("2. Adjust"), "subtitle"))
        names = {
            "light": self.tr("Light"),
            "contrast": self.tr("Contrast"),
            "colours": self.tr("Colours"),
            "warmth": self.tr("Warmth"),
            "tint": self.tr("Tint"),
            "sharpness": self.tr("Sharpness"),
        }
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.sliders: dict[str, QSlider] = {}
        for row, name in enumerate(ADJUSTMENTS):
            label = make_label(names[name], wrap=False)
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(-100, 100)
            slider.setSingleStep(5)
            slider.setPageStep(20)
            slider.setAccessibleName(names[name])
            if name == "tint":  # which way is which
                slider.setAccessibleDescription(self.tr("Green to the left, pink to the right"))
                slider.setToolTip(self.tr("Green to the left, pink to the right"))
            slider.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # never the wheel: it scrolls the tools
            slider.valueChanged.connect(lambda value, n=name: self._on_slider(n, value))
            label.setBuddy(slider)
            grid.addWidget(label, row, 0)
            grid.addWidget(slider, row, 1)
            self.sliders[name] = slider
        adjust.body.addLayout(grid)
        body.addWidget(adjust)
        self._cards.append(adjust)

        frame = Card()
        frame.body.addWidget(make_label(self.tr("3. Frame"), "subtitle"))
        turns = FlowLayout()
        self.left_button = wrap_button(
            self.tr("⟲ Left"), accessible=self.tr("Left: turn a quarter to the left")
        )
        self.right_button = wrap_button(
            self.tr("⟳ Right"), accessible=self.tr("Right: turn a quarter to the right")
        )
        self.left_button.clicked.connect(lambda: self.studio.rotate(-1))
        self.right_button.clicked.connect(lambda: self.studio.rotate(1))
        turns.addWidget(self.left_button)
        turns.addWidget(self.right_button)
        frame.body.addLayout(turns)
        straighten_label = make_label(self.tr("Straighten"))
        self.straighten_slider = QSlider(Qt.Orientation.Horizontal)
        self.straighten_slider.setRange(-30, 30)  # half degrees
        self.straighten_slider.setAccessibleName(self.tr("Straighten"))
        self.straighten_slider.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.straighten_slider.sliderPressed.connect(lambda: self._set_grid(True))
        self.straighten_slider.sliderReleased.connect(lambda: self._set_grid(False))
        self.straighten_slider.valueChanged.connect(self._on_straighten)
        straighten_label.setBuddy(self.straighten_slider)
        frame.body.addWidget(straighten_label)
        frame.body.addWidget(self.straighten_slider)
        crop_label = make_label(self.tr("Crop"))
        self.crop_combo = QComboBox()
        self.crop_combo.setAccessibleName(self.tr("Crop"))
        self.crop_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for ratio, text in CROPS:
            self.crop_combo.addItem(self.tr(str(text)), ratio)
        self.crop_combo.activated.connect(self._on_crop_choice)
        crop_label.setBuddy(self.crop_combo)
        frame.body.addWidget(crop_label)
        frame.body.addWidget(self.crop_combo)
        self.crop_edit_button = wrap_button(self.tr("Move the frame"))
        self.crop_edit_button.setCheckable(True)
        self.crop_edit_button.toggled.connect(self._on_crop_editing)
        frame.body.addWidget(self.crop_edit_button)
        body.addWidget(frame)
        self._cards.append(frame)

        dress = Card()
        dress.body.addWidget(make_label(self.tr("4. Finish"), "subtitle"))
        self.background_check = QCheckBox(self.tr("Brighten a pale background"))
        self.background_check.toggled.connect(self._on_background)
        dress.body.addWidget(self.background_check)
        self.label_edit = QLineEdit()
        self.label_edit.setMaxLength(60)
        self.label_edit.setPlaceholderText(self.tr("for example: 29,90 €"))
        dress.body.addWidget(field_label(self.tr("Text or price on the photo"), self.label_edit))
        dress.body.addWidget(self.label_edit)
        self.label_problem = make_label("", "banner")
        self.label_problem.hide()
        dress.body.addWidget(self.label_problem)
        self.label_edit.textEdited.connect(lambda _text: self._on_label())
        dress.body.addWidget(make_label(self.tr("Text style")))
        styles = FlowLayout()
        self.label_styles: dict[str, QRadioButton] = {}
        self._style_group = QButtonGroup(self)
        for style, text in LABEL_STYLES:
            radio = QRadioButton(self.tr(str(text)))
            radio.setAccessibleDescription(self.tr("Text style"))
            radio.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            radio.toggled.connect(self._on_style)
            self._style_group.addButton(radio)
            styles.addWidget(radio)
            self.label_styles[style] = radio
        self.label_styles["sombre"].setChecked(True)
        dress.body.addLayout(styles)
        self.label_size = QSlider(Qt.Orientation.Horizontal)
        self.label_size.setRange(50, 200)
        self.label_size.setSingleStep(10)
        self.label_size.setPageStep(25)
        self.label_size.setValue(100)
        self.label_size.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.label_size.valueChanged.connect(self._on_label_size)
        self.label_size_label = field_label(self._size_text(100), self.label_size)
        self.label_size.setAccessibleName(self.tr("Text size"))
        dress.body.addWidget(self.label_size_label)
        dress.body.addWidget(self.label_size)
        self.text_move_button = wrap_button(self.tr("Move the text"))
        self.text_move_button.setCheckable(True)
        self.text_move_button.toggled.connect(self._on_text_moving)
        dress.body.addWidget(self.text_move_button)
        logo_row = FlowLayout()
        self.logo_button = wrap_button(self.tr("Add my logo…"))
        self.no_logo_button = wrap_button(self.tr("Remove the logo"))
        self.logo_button.clicked.connect(self._on_logo)
        self.no_logo_button.clicked.connect(lambda: self.studio.set_logo(None))
        logo_row.addWidget(self.logo_button)
        logo_row.addWidget(self.no_logo_button)
        dress.body.addLayout(logo_row)
        body.addWidget(dress)
        self._cards.append(dress)

        export = Card()
        export.body.addWidget(make_label(self.tr("5. Prepare for…"), "subtitle"))
        export.body.addWidget(make_label(self.tr("A ready copy goes into « Mes photos prêtes »."), "muted"))
        self.preset_buttons: dict[str, WrapButton] = {}
        for preset in PRESETS.values():
            button = wrap_button(preset_label(preset.name))
            button.setObjectName(f"preset-{preset.name}")
            button.clicked.connect(lambda _=False, n=preset.name: self._on_export(n))
            export.body.addWidget(button)
            self.preset_buttons[preset.name] = button
        self.batch_button = wrap_button(self.tr("Prepare several photos…"))
        self.batch_button.clicked.connect(self._on_batch)
        export.body.addWidget(self.batch_button)
        self.export_note = make_label("", "muted")
        self.export_note.hide()
        export.body.addWidget(self.export_note)
        self.folder_button = wrap_button(self.tr("Open « Mes photos prêtes »"))
        self.folder_button.clicked.connect(lambda: open_folder(self.studio.out_dir))
        self.folder_button.hide()
        export.body.addWidget(self.folder_button)
        body.addWidget(export)
        self._cards.append(export)

        body.addStretch(1)
        self.tools_panel = panel
        return panel

    def _reading_order(self) -> list[QWidget]:
        """Every control, in the order Tab goes through them (the same in both arrangements)."""
        return [
            self.preview, self.confirm_button, self.confirm_cancel_button, self.undo_button,
            self.redo_button, self.before_button, self.compare_button, self.zoom_button, self.fit_button,
            self.reset_button,
            self.open_button, self.phone_button, self.sample_button, self.recent_view,
            self.improve_button, *self.sliders.values(), self.left_button, self.right_button,
            self.straighten_slider, self.crop_combo, self.crop_edit_button, self.background_check,
            self.label_edit, *self.label_styles.values(), self.label_size, self.text_move_button,
            self.logo_button, self.no_logo_button, *self.preset_buttons.values(), self.batch_button,
            self.folder_button,
        ]  # fmt: skip

    def _chain_tab_order(self) -> None:
        order = self._reading_order()
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _fit_recent(self) -> None:
        """Thumbnails with room for two lines of their name, in one row (more rows scroll)."""
        metrics = self.recent_view.fontMetrics()
        grid = QSize(max(130, metrics.averageCharWidth() * 12), 96 + metrics.lineSpacing() * 2 + 12)
        if self.recent_view.gridSize() != grid:
            self.recent_view.setGridSize(grid)
        frame = self.recent_view.frameWidth() * 2
        height = max(grid.height() + frame + 6, self.recent_view.minimumSizeHint().height())
        if self.recent_view.height() != height or self.recent_view.minimumHeight() != height:
            self.recent_view.setFixedHeight(height)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_recent()
            self._arrange()
            QTimer.singleShot(0, self._arrange)  # again once every button has taken the new font

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_recent()
        self._arrange()

    def _tools_width(self) -> int:
        """The tools' width beside the photo: room for about 40 characters a line, less on a small
        window, never less than their narrowest."""
        extra = (  # the scroll bar, the frame and the right margin
            self.tools_panel.verticalScrollBar().sizeHint().width()
            + 2 * self.tools_panel.frameWidth()
            + self.tools_panel.body.contentsMargins().right()
            + 4
        )
        narrowest = max(card.minimumSizeHint().width() for card in self._cards) + extra
        comfortable = self.fontMetrics().averageCharWidth() * 40 + 2 * 24 + extra
        return max(narrowest, min(comfortable, int(self.width() * 0.45)))

    def _arrange(self) -> None:
        """Tools beside the photo when both fit, the edit buttons under the photo when they fit
        there on two lines, else on top of the tools; on a narrow page (large text on a small
        screen) the photo on top and the tools scrolling below it."""
        margins = self.outer.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        tools = self._tools_width()
        centre = room - tools - self.body.spacing()
        side_by_side = centre >= 360
        pairs = (
            (self.undo_button, self.redo_button),
            (self.before_button, self.compare_button),
            (self.zoom_button, self.fit_button),
            (self.reset_button,),
        )
        two_lines = max(sum(b.natural_size().width() for b in pair) for pair in pairs) + 8
        height = self.height() - margins.top() - margins.bottom()
        photo = self.photo_label.sizeHint().height() + 240 + 2 * self.centre_column.spacing()
        edits_under_photo = (
            side_by_side and centre >= two_lines and photo + self._under_photo_height(centre) <= height
        )
        if (side_by_side, edits_under_photo) != self._arrangement:
            self._arrangement = (side_by_side, edits_under_photo)
            for index, box in enumerate((self.notes_box, self.edit_box)):
                if edits_under_photo:
                    self.tools_panel.body.removeWidget(box)
                    self.centre_column.addWidget(box)
                else:
                    self.centre_column.removeWidget(box)
                    self.tools_panel.body.insertWidget(index, box)
            if side_by_side:
                self.body.setDirection(QBoxLayout.Direction.LeftToRight)
                self.body.setStretch(0, 1)
                self.body.setStretch(1, 0)
                self.preview.setMinimumSize(320, 240)
            else:
                self.body.setDirection(QBoxLayout.Direction.TopToBottom)
                self.body.setStretch(0, 2)
                self.body.setStretch(1, 3)
                self.preview.setMinimumSize(160, 140)
            self._chain_tab_order()
        if side_by_side:
            self.tools_panel.setFixedWidth(tools)
            self.preview.setMaximumHeight(16_777_215)
        else:  # a third of the height for the photo, the rest for the tools
            self.tools_panel.setMinimumWidth(0)
            self.tools_panel.setMaximumWidth(16_777_215)
            height = self.height() - margins.top() - margins.bottom()
            self.preview.setMaximumHeight(max(self.preview.minimumHeight(), height // 3))

    def _under_photo_height(self, width: int) -> int:
        """The height the notes and the edit buttons take under a photo ``width`` wide."""
        total = 0
        # Not isHidden(): a box just moved between the two places is hidden until Qt shows it again.
        editing = self.studio.photo is not None and getattr(self, "_pending", None) is None
        for box, shown in ((self.notes_box, True), (self.edit_box, editing)):
            layout = box.layout()
            if not shown or layout is None:
                continue
            wanted = layout.heightForWidth(width) if layout.hasHeightForWidth() else -1
            total += max(wanted, layout.minimumSize().height()) + self.centre_column.spacing()
        return total

    @property
    def _side_by_side(self) -> bool | None:
        """Whether the tools are beside the photo (None before the first arrangement)."""
        return None if self._arrangement is None else self._arrangement[0]

    # -- showing -----------------------------------------------------------------------------
    def _set_photo_controls(self, enabled: bool) -> None:
        for widget in (
            self.improve_button, *self.sliders.values(), self.left_button, self.right_button,
            self.straighten_slider, self.crop_combo, self.crop_edit_button, self.background_check,
            self.label_edit, *self.label_styles.values(), self.logo_button, self.no_logo_button,
            *self.preset_buttons.values(), self.before_button, self.compare_button, self.zoom_button,
            self.fit_button, self.reset_button,
        ):  # fmt: skip
            widget.setEnabled(enabled)
        self.edit_box.setVisible(enabled)  # nothing to undo or compare before a photo is open
        self._arrange()

    def _on_opened(self, name: str) -> None:
        self.photo_label.setText(self.tr("Photo: {name}").format(name=name))
        self.error_label.hide()
        self._set_photo_controls(True)
        self._pending = None  # a new photo: back to looking at all of it
        self.confirm_box.hide()
        self._set_mode(Mode.VIEW, focus=False)
        self._show_zoom(False)
        self.preview.set_zoomed(False)
        self._show_hint()
        if self.isVisible():  # the next thing to do: improve it
            self.improve_button.setFocus(Qt.FocusReason.OtherFocusReason)
            self.tools_panel.reveal_after_refit(self.improve_button)

    def _show_recipe(self, recipe: Recipe) -> None:
        self._updating = True
        try:
            for name, slider in self.sliders.items():
                slider.setValue(getattr(recipe, name))
            self.straighten_slider.setValue(round(recipe.straighten * 2))
            self.background_check.setChecked(recipe.brighten_background)
            label = recipe.label
            if label is not None or not self.label_problem.isVisible():
                text = label.text if label else ""
                if self.label_edit.text().strip() != text:  # never move the cursor while typing
                    self.label_edit.setText(text)
                    self.label_problem.hide()
            if label is not None:
                self.label_styles.get(label.style, self.label_styles["sombre"]).setChecked(True)
                self.label_size.setValue(label.size)
            self.label_size_label.setText(self._size_text(self.label_size.value()))
            self.label_size.setEnabled(label is not None)
            self.text_move_button.setEnabled(label is not None)
            if label is None and self.text_move_button.isChecked():
                self.text_move_button.setChecked(False)
            self.preview.label = label
            self.no_logo_button.setVisible(recipe.logo is not None)
            crop = recipe.crop
            ratio = None if crop is None else (crop.ratio if crop.ratio is not None else 0.0)
            index = next(
                (
                    i
                    for i, (r, _) in enumerate(CROPS)
                    if r is not None and ratio is not None and abs(r - ratio) < 0.01
                ),
                0,
            )
            self.crop_combo.setCurrentIndex(index if crop is not None else 0)
            self.crop_edit_button.setEnabled(crop is not None)
            if crop is None and self.crop_edit_button.isChecked():
                self.crop_edit_button.setChecked(False)
            if self._pending is not None and (recipe.rotate, recipe.straighten) != self._pending_geometry:
                self._end_confirm(False)  # turned: the frame no longer means anything
            if self._pending is None:
                self.preview.crop = crop
            self.preview.whole_aspect = self.studio.whole_aspect()
            if self.preview.zoomed:
                self.studio.measure_full_size()  # the real pixels again, with this edit
        finally:
            self._updating = False

    def _show_recent(self, photos: list[LibraryPhoto]) -> None:
        self._recent = {str(p.path): p for p in photos}
        self.recent_model.set_pictures([p.path for p in photos])
        self.recent_title.setVisible(bool(photos))
        self.recent_view.setVisible(bool(photos))
        for photo in photos[:30]:  # library photos never change: each is decoded once
            if not self.recent_model.has_thumbnail(photo.path):
                self.studio.load_thumbnail(photo.path)

    def _show_error(self, message: str) -> None:
        """Under the photo's name, always in view, and read by a screen reader."""
        self.error_label.setText(message)
        self.error_label.show()
        announce(self.error_label, message, urgent=True)

    def set_target(self, preset: str | None) -> None:
        """Pre-select a destination (from a tutorial): its button is highlighted."""
        for name, button in self.preset_buttons.items():
            set_role(button, "primary" if name == preset else "")
        if preset:
            self._last_preset = preset

    # -- actions -------------------------------------------------------------------------
    def _on_open(self) -> None:
        chosen = dialogs.ask_photo_file(self, self.tr("Open a photo"))
        if chosen is not None:
            self.studio.open_file(chosen)

    def _on_sample(self) -> None:
        samples = sorted(samples_dir().glob("*.jpg"), key=lambda p: not p.name.startswith("tasse"))
        if samples:
            self.studio.open_file(samples[0])

    def _on_phone(self) -> None:
        """The phones, cameras and USB keys plugged in; the first photo imported opens."""
        from lbpmv_desktop.core.photo.library import LibraryPhoto
        from lbpmv_desktop.ui.studio.phone_import import PhoneImportDialog

        imported = PhoneImportDialog.ask(self, self.studio)
        self.studio.refresh_recent()
        if imported:
            self.studio.open_photo(LibraryPhoto(imported[0]))

    def _on_recent(self, index: object) -> None:
        path = self.recent_model.data(index, Qt.ItemDataRole.UserRole)  # type: ignore[arg-type]
        photo = getattr(self, "_recent", {}).get(str(path))
        if photo is not None:
            self.studio.open_photo(photo)

    def _on_slider(self, name: str, value: int) -> None:
        if not self._updating:
            self.studio.set_adjustment(name, value, SLIDER_KEYS[name])

    def _on_straighten(self, half_degrees: int) -> None:
        if not self._updating:
            self.studio.straighten(half_degrees / 2)

    def _set_grid(self, on: bool) -> None:
        self.preview.show_grid = on
        self.preview.update()

    def _on_crop_choice(self, index: int) -> None:
        ratio = CROPS[index][0]
        if ratio == 0.0:
            self.studio.set_crop(Crop(0.1, 0.1, 0.8, 0.8, None), -1)
            self.crop_edit_button.setChecked(True)
        else:
            self.studio.crop_to_ratio(ratio)

    # -- what the photo does with the mouse and the arrows -------------------------------------
    def _crop_keys(self, confirming: bool = False) -> str:
        keys = self.tr(
            "Drag the frame to move it, its corners or edges to resize it. Keyboard: arrows move it "
            "(Shift: faster), Ctrl + arrows change its size (right or down: larger), + and − too."
        )
        if confirming:
            return keys + " " + self.tr("Return: save the copy. Escape: do not save it.")
        return keys + " " + self.tr("Return: done.")

    def _toggles(self) -> dict[Mode, tuple[WrapButton, str, str]]:
        """Each mode's button, with its text when off and when on."""
        return {
            Mode.CROP: (self.crop_edit_button, self.tr("Move the frame"), self.tr("Done with the frame")),
            Mode.TEXT: (self.text_move_button, self.tr("Move the text"), self.tr("Done with the text")),
            Mode.SPLIT: (self.compare_button, self.tr("Before | after"), self.tr("Done comparing")),
        }

    def _set_mode(self, mode: Mode, *, focus: bool = True) -> None:
        """One mode at a time: the other modes' buttons go back up; the photo takes the focus."""
        if self._pending is not None and mode is not Mode.CROP:
            self._end_confirm(False)  # another tool: the copy waiting for its frame is not written
        for other, (button, off, on) in self._toggles().items():
            checked = other is mode and self._pending is None
            if button.isChecked() != checked:
                button.blockSignals(True)
                button.setChecked(checked)
                button.blockSignals(False)
            set_role(button, "primary" if checked else "")
            button.set_full_text(on if checked else off)
            if button is self.compare_button:  # its longer name says what it does when it is up
                button.setAccessibleName(self.tr(str(COMPARE_NAME)) if not checked else on)
        if mode is not Mode.VIEW:
            self._show_zoom(False)
        self.preview.descriptions[Mode.CROP] = self._crop_keys(self._pending is not None)
        self.preview.crop = self._pending[1] if self._pending else self.studio.recipe.crop
        self.preview.whole_aspect = self.studio.whole_aspect()
        self.preview.label = self.studio.recipe.label
        self.preview.set_mode(mode)
        self.studio.set_crop_editing(mode is Mode.CROP)
        self.studio.set_comparing(mode is Mode.SPLIT)
        self._show_hint()
        if focus and mode is not Mode.VIEW and self.preview.isVisible():
            self.preview.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_hint(self) -> None:
        """Under the photo, what the mouse and the keyboard do on it now."""
        text = self.preview.accessibleDescription()
        self.hint_label.setText(text)
        self.hint_label.setVisible(bool(text))
        self._arrange()  # a long hint may leave the photo too little room: the notes go beside it
        if text and not self.centre.isAncestorOf(self.notes_box):
            self.tools_panel.reveal_after_refit(self.notes_box)

    def _on_crop_editing(self, on: bool) -> None:
        self._set_mode(Mode.CROP if on else Mode.VIEW, focus=on)

    def _on_text_moving(self, on: bool) -> None:
        self._set_mode(Mode.TEXT if on else Mode.VIEW, focus=on)

    def _on_compare(self, on: bool) -> None:
        self._set_mode(Mode.SPLIT if on else Mode.VIEW, focus=on)

    def _on_zoom(self, on: bool) -> None:
        if self.studio.photo is None or (on and self._pending is not None):
            self._show_zoom(self.preview.zoomed)  # the frame of a copy is chosen on the whole photo
            return
        if on and self.preview.mode is not Mode.VIEW:
            self._set_mode(Mode.VIEW, focus=False)
        self._show_zoom(on)
        self.preview.zoomed_description = self._zoom_text()
        self.preview.set_zoomed(on)
        if on:
            self.studio.measure_full_size()  # then the real pixels of what is on screen
        self._show_hint()
        if on:
            self.preview.setFocus(Qt.FocusReason.OtherFocusReason)

    def _zoom_text(self) -> str:
        return self.tr(
            "100 %: every pixel of your photo, one for one screen pixel. Drag the photo or use the "
            "arrows to look around; Escape: fit."
        )

    def _show_zoom(self, zoomed: bool) -> None:
        self.zoom_button.setChecked(zoomed)
        self.fit_button.setChecked(not zoomed)
        set_role(self.zoom_button, "primary" if zoomed else "")

    def _on_preview_keys_done(self, accepted: bool) -> None:
        """Return or Escape on the photo: back to the button that started what it was doing."""
        if self._pending is not None:
            self._end_confirm(accepted)
            return
        mode = self.preview.mode
        if mode is Mode.VIEW:  # Escape at 100 %: fit
            self._on_zoom(False)
            self.fit_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        button = self._toggles()[mode][0]
        button.setChecked(False)
        button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_frame_chosen(self, crop: Crop) -> None:
        if self._pending is not None:
            self._pending = (self._pending[0], crop)
        else:
            self.studio.set_crop(crop)

    def _on_background(self, on: bool) -> None:
        if not self._updating:
            self.studio.set_background(on)

    def _on_label(self) -> None:
        """The text as typed and the chosen style; a text the fonts cannot draw is not applied."""
        if self._updating:
            return
        text = self.label_edit.text().strip()
        problem = label_problem(text) if text else None
        self.label_problem.setText(problem or "")
        self.label_problem.setVisible(problem is not None)
        if problem is not None:
            announce(self.label_problem, problem)
            return
        old = self.studio.recipe.label
        style = next((s for s, radio in self.label_styles.items() if radio.isChecked()), "sombre")
        if not text:
            self.studio.set_label(None)
        elif old is not None:
            self.studio.set_label(replace(old, text=text, style=style))
        else:
            self.studio.set_label(Label(text, style, size=self.label_size.value()))

    def _on_style(self, on: bool) -> None:
        if on:
            self._on_label()

    def _size_text(self, size: int) -> str:
        return self.tr("Text size: {size} %").format(size=size)

    def _on_label_size(self, size: int) -> None:
        self.label_size_label.setText(self._size_text(size))
        if not self._updating:
            self.studio.set_label_size(size)

    def _on_logo(self) -> None:
        chosen = dialogs.ask_photo_file(self, self.tr("Choose your logo"))
        if chosen is not None:
            self.studio.set_logo(chosen)

    def _on_export(self, preset: str) -> None:
        self._last_preset = preset
        if self._pending is not None:
            self._end_confirm(False)
        frame = self.studio.export_frame(preset)
        if frame is not None:  # other proportions: the merchant sees and moves what will be kept
            self._begin_confirm(preset, frame)
            return
        self._write(preset, None)

    def _write(self, preset: str, frame: Crop | None) -> None:
        self.export_note.setText(self.tr("Preparing…"))
        self.export_note.show()
        self.studio.export(preset, frame)

    def _begin_confirm(self, preset: str, frame: Crop) -> None:
        self._pending = (preset, frame)
        recipe = self.studio.recipe
        self._pending_geometry = (recipe.rotate, recipe.straighten)
        text = self.tr(
            "This frame is what will be saved for {target}. Move it or resize it, then save the copy."
        ).format(target=preset_label(preset))
        self.confirm_text.setText(text)
        self.confirm_box.show()
        self.edit_box.hide()  # while the copy waits, the photo and its two choices get the room
        self._arrange()
        self._set_mode(Mode.CROP, focus=False)
        self.preview.setFocus(Qt.FocusReason.OtherFocusReason)
        self.tools_panel.reveal_after_refit(
            None if self.centre.isAncestorOf(self.confirm_box) else self.confirm_box
        )
        announce(self.confirm_text, text)

    def _end_confirm(self, save: bool) -> None:
        """« Enregistrer la copie » writes exactly the frame shown; « Annuler » writes nothing."""
        pending, self._pending = self._pending, None
        if pending is None:
            return
        self.confirm_box.hide()
        self.edit_box.setVisible(self.studio.photo is not None)
        self._arrange()
        self._set_mode(Mode.VIEW, focus=False)
        preset, frame = pending
        button = self.preset_buttons[preset]
        button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.tools_panel.reveal_after_refit(button)
        if save:
            self._write(preset, frame)

    def _on_exported(self, path: str, upscaled: bool) -> None:
        text = self.tr("✓ Your photo is ready: {name}, in « Mes photos prêtes ».").format(
            name=Path(path).name
        )
        if upscaled:
            text += " " + self.tr("The photo was small, so it was enlarged: it may look a little soft.")
        self.export_note.setText(text)
        self.export_note.show()
        self.error_label.hide()
        announce(self.export_note, text)
        self.folder_button.show()
        self.tools_panel.reveal_after_refit(self.folder_button)
        self.photo_exported.emit(self._last_preset)

    def _on_batch(self) -> None:
        photos = list(getattr(self, "_recent", {}).values())
        if photos:
            dialogs.BatchExportDialog.ask(self, self.studio, photos)

    # -- drag and drop ---------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if event.mimeData().hasUrls() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        files = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        for path in files:
            self.studio.open_file(path)
        event.acceptProposedAction()
