"""Réglages: text size, contrast, read-aloud, language, my data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QSlider, QVBoxLayout, QWidget

from lbpmv_desktop import __version__
from lbpmv_desktop.settings import TEXT_SCALE_MAX, TEXT_SCALE_MIN, TEXT_SCALE_STEP
from lbpmv_desktop.ui import accessibility
from lbpmv_desktop.ui.progress import sharing_actions
from lbpmv_desktop.ui.widgets import dialogs
from lbpmv_desktop.ui.widgets.common import Card, ReflowRow, ScrollPage, make_button, make_label
from lbpmv_desktop.ui.widgets.reflow import FlowLayout, wrap_button

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

    from lbpmv_desktop.settings import Settings
    from lbpmv_desktop.ui.session import AppSession
    from lbpmv_desktop.ui.speech import Speech


class SettingsPage(ScrollPage):
    """Every change applies at once and is saved.

    Signals:
        language_changed(str): the merchant picked another language.
    """

    language_changed = Signal(str)

    def __init__(self, session: AppSession, speech: Speech, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._speech = speech
        speech.availability_changed.connect(self._on_speech_availability)
        self._updating = False
        layout = self.body
        layout.addWidget(make_label(self.tr("Settings"), "title"))
        layout.addWidget(self._build_display())
        layout.addWidget(self._build_speech())
        layout.addWidget(self._build_sharing())
        layout.addWidget(self._build_data())
        layout.addWidget(self._build_about())
        layout.addStretch(1)
        session.settings_changed.connect(self.show_settings)
        session.exported.connect(self._on_exported)
        self.show_settings(session.settings)

    def _build_display(self) -> QWidget:
        card = Card()
        card.body.addWidget(make_label(self.tr("Display"), "subtitle"))
        size_label = make_label(self.tr("Text size"))
        card.body.addWidget(size_label)
        row = QHBoxLayout()
        self.smaller_button = make_button(self.tr("A−"))
        self.smaller_button.setAccessibleName(self.tr("A−: smaller text"))
        self.scale_slider = QSlider(Qt.Orientation.Horizontal)
        self.scale_slider.setRange(TEXT_SCALE_MIN, TEXT_SCALE_MAX)
        self.scale_slider.setSingleStep(TEXT_SCALE_STEP)
        self.scale_slider.setPageStep(TEXT_SCALE_STEP)
        self.scale_slider.setTickInterval(TEXT_SCALE_STEP)
        self.scale_slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.scale_slider.setAccessibleName(self.tr("Text size"))
        self.scale_slider.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        size_label.setBuddy(self.scale_slider)
        self.larger_button = make_button(self.tr("A+"))
        self.larger_button.setAccessibleName(self.tr("A+: larger text"))
        self.scale_value = make_label("", wrap=False)
        self.scale_value.setMinimumWidth(self.scale_value.fontMetrics().horizontalAdvance("200 %") + 12)
        row.addWidget(self.smaller_button)
        row.addWidget(self.scale_slider, 1)
        row.addWidget(self.larger_button)
        row.addWidget(self.scale_value)
        card.body.addLayout(row)
        self.smaller_button.clicked.connect(
            lambda: self._set_scale(self._session.settings.text_scale - TEXT_SCALE_STEP)
        )
        self.larger_button.clicked.connect(
            lambda: self._set_scale(self._session.settings.text_scale + TEXT_SCALE_STEP)
        )
        self.scale_slider.sliderReleased.connect(lambda: self._set_scale(self.scale_slider.value()))
        self.scale_slider.valueChanged.connect(self._on_slider_value)
        # A check box's text does not wrap: a short one, and what it does under it.
        self.contrast_check = QCheckBox(self.tr("High contrast"))
        contrast_note = make_label(self.tr("White text on a black background."), "muted")
        self.contrast_check.setAccessibleDescription(contrast_note.text())
        self.contrast_check.toggled.connect(lambda on: self._update(high_contrast=on))
        card.body.addWidget(self.contrast_check)
        card.body.addWidget(contrast_note)
        language_label = make_label(self.tr("Language"))
        self.language_combo = QComboBox()
        self.language_combo.addItem("Français", "fr")
        self.language_combo.addItem("English", "en")
        self.language_combo.setAccessibleName(self.tr("Language"))
        language_label.setBuddy(self.language_combo)
        self.language_combo.activated.connect(self._on_language)
        language_row = QHBoxLayout()
        language_row.addWidget(language_label)
        language_row.addWidget(self.language_combo)
        language_row.addStretch(1)
        card.body.addLayout(language_row)
        return card

    def _build_speech(self) -> QWidget:
        card = Card()
        card.body.addWidget(make_label(self.tr("Read aloud"), "subtitle"))
        # A check box's text does not wrap: a short one, and what it does under it.
        self.read_check = QCheckBox(self.tr("Offer reading aloud"))
        read_note = make_label(self.tr("A “Read aloud” button on every tutorial step."), "muted")
        self.read_check.setAccessibleDescription(read_note.text())
        self.read_check.toggled.connect(lambda on: self._update(read_aloud=on))
        card.body.addWidget(self.read_check)
        card.body.addWidget(read_note)
        self.voice_label = make_label(self.tr("Voice"))
        self.voice_combo = QComboBox()
        # a long voice name is shortened in the closed list rather than widening the page
        self.voice_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.voice_combo.setMinimumContentsLength(12)
        self.voice_combo.setAccessibleName(self.tr("Voice"))
        self.voice_label.setBuddy(self.voice_combo)
        self.voice_combo.activated.connect(
            lambda _i: self._update(voice=self.voice_combo.currentData() or "")
        )
        self.try_voice = make_button(self.tr("Try the voice"))
        self.try_voice.clicked.connect(self._on_try_voice)
        voice_row = ReflowRow()
        voice_row.row.addWidget(self.voice_label)
        voice_row.row.addWidget(self.voice_combo, 1)
        voice_row.row.addWidget(self.try_voice)
        card.body.addWidget(voice_row)
        self.no_voice = make_label("", "muted")  # how to get a voice, when there is none
        self.no_voice.hide()
        card.body.addWidget(self.no_voice)
        return card

    def _build_sharing(self) -> QWidget:
        card = Card()
        card.body.addWidget(make_label(self.tr("Share with my animator"), "subtitle"))
        card.body.addWidget(
            make_label(
                self.tr(
                    "Your animator can follow your progress. Before anything is shared, you see exactly "
                    "what will be sent, and you can stop at any time."
                )
            )
        )
        self.code_label = make_label("", "big-number")
        card.body.addWidget(
            make_label(self.tr("Your verification code (your animator compares it on their screen):"))
        )
        card.body.addWidget(self.code_label)
        self.folder_label = make_label("")
        card.body.addWidget(self.folder_label)
        row = FlowLayout(spacing=12)
        self.folder_button = wrap_button(self.tr("Choose the sharing folder…"))
        self.stop_button = make_button(self.tr("Stop sharing"))
        self.preview_button = wrap_button(self.tr("See what my animator will see"))
        self.send_button = wrap_button(self.tr("Send my progress to my animator…"), "primary")
        self.folder_button.clicked.connect(lambda: sharing_actions.choose_sharing_folder(self, self._session))
        self.stop_button.clicked.connect(
            lambda: sharing_actions.set_sharing(self._session, not self._session.settings.sharing_enabled)
        )
        self.preview_button.clicked.connect(lambda: sharing_actions.show_preview(self, self._session))
        self.send_button.clicked.connect(lambda: sharing_actions.send_progress(self, self._session))
        row.addWidget(self.folder_button)
        row.addWidget(self.stop_button)
        card.body.addLayout(row)
        row2 = FlowLayout(spacing=12)
        row2.addWidget(self.preview_button)
        row2.addWidget(self.send_button)
        card.body.addLayout(row2)
        self.share_note = make_label("", "muted")
        card.body.addWidget(self.share_note)
        self._session.sharing.code_ready.connect(self._show_code)
        self._session.sharing.shared.connect(self._on_shared)
        self._session.sharing.stopped.connect(self._on_stopped)
        self._session.sharing.failed.connect(self._on_share_failed)
        self._show_code(self._session.sharing.code or "…")
        return card

    def _show_code(self, code: str) -> None:
        """The code as shown, and read with what it is (« Code de vérification : ABCD-EFGH »)."""
        code = code or "…"  # not known yet (a new one is made after erasing everything)
        self.code_label.setText(code)
        self.code_label.setAccessibleName(self.tr("Verification code: {code}").format(code=code))

    def _on_share_failed(self, message: str) -> None:
        self.share_note.setText(message)
        accessibility.announce(self.share_note, message, urgent=True)

    def _on_stopped(self) -> None:
        message = self.tr(
            "✓ The file in the sharing folder now only says that you stopped sharing: "
            "none of your progress is in it."
        )
        self.share_note.setText(message)
        accessibility.announce(self.share_note, message)

    def _on_shared(self, when: object) -> None:
        from datetime import datetime

        if not isinstance(when, datetime):
            self.share_note.setText("")  # nothing shared now (stopped, or erased)
        else:
            self.share_note.setText(
                self.tr("✓ Last shared on {day} at {time}.").format(
                    day=when.astimezone().strftime("%d/%m/%Y"), time=when.astimezone().strftime("%H:%M")
                )
            )

    def _show_sharing(self, settings: Settings) -> None:
        folder = settings.sharing_folder
        if not folder:
            self.folder_label.setText(
                self.tr("No sharing folder yet (your animator can set one up with you).")
            )
        elif settings.sharing_enabled:
            self.folder_label.setText(self.tr("Sharing folder: {folder}").format(folder=folder))
        else:
            self.folder_label.setText(
                self.tr("Sharing is off. Nothing more is written in {folder}.").format(folder=folder)
            )
        self.stop_button.setVisible(bool(folder))
        self.stop_button.setText(
            self.tr("Stop sharing") if settings.sharing_enabled else self.tr("Share again")
        )

    def _build_data(self) -> QWidget:
        card = Card()
        card.body.addWidget(make_label(self.tr("My data"), "subtitle"))
        card.body.addWidget(
            make_label(
                self.tr(
                    "Your progress stays on this computer. You can save a copy of it, or erase everything."
                )
            )
        )
        row = FlowLayout(spacing=12)
        self.export_button = wrap_button(self.tr("Save a copy of my data (JSON)…"))
        self.erase_button = wrap_button(self.tr("Erase all my data…"), "danger")
        self.export_button.clicked.connect(self._on_export)
        self.erase_button.clicked.connect(self._on_erase)
        row.addWidget(self.export_button)
        row.addWidget(self.erase_button)
        card.body.addLayout(row)
        self.data_note = make_label("", "muted")
        self.data_note.hide()
        card.body.addWidget(self.data_note)
        return card

    def _build_about(self) -> QWidget:
        card = Card()
        card.body.addWidget(make_label(self.tr("About"), "subtitle"))
        card.body.addWidget(
            make_label(
                self.tr("Le Bon Pour Ma Ville, version {version}.").format(version=__version__), "muted"
            )
        )
        # A folder's path is one long word: shown in a read-only field, which scrolls inside
        # instead of widening the page, and lets the path be selected and copied.
        folder_label = make_label(self.tr("Data folder:"), "muted")
        self.data_folder = QLineEdit(str(self._session.paths.root))
        self.data_folder.setReadOnly(True)
        self.data_folder.setAccessibleName(self.tr("Data folder"))
        self.data_folder.setCursorPosition(0)
        folder_label.setBuddy(self.data_folder)
        card.body.addWidget(folder_label)
        card.body.addWidget(self.data_folder)
        return card

    # -- showing --------------------------------------------------------------------------
    def show_settings(self, settings: Settings) -> None:
        self._updating = True
        try:
            self.scale_slider.setValue(settings.text_scale)
            self.scale_value.setText(f"{settings.text_scale} %")
            self.contrast_check.setChecked(settings.high_contrast)
            self.read_check.setChecked(settings.read_aloud)
            self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(settings.language)))
            self._show_speech(settings)
            self._show_sharing(settings)
        finally:
            self._updating = False
        self.schedule_refit()

    def _show_speech(self, settings: Settings) -> None:
        # Asking for the voices loads the speech engine: only once the page is on screen.
        if not self.isVisible():
            return
        # The engine is looked for in its own thread: its voices are listed once it answers.
        available = self._speech.available
        if available and self.voice_combo.count() == 0:
            self.voice_combo.addItem(self.tr("Default voice"), "")
            for name in self._speech.voices():
                self.voice_combo.addItem(name, name)
        self.voice_combo.setCurrentIndex(max(0, self.voice_combo.findData(settings.voice)))
        problem = self._speech.problem()
        for widget in (self.voice_label, self.voice_combo):  # shown once there are voices to list
            widget.setEnabled(available and settings.read_aloud)
            widget.setVisible(available)
        self.try_voice.setEnabled(settings.read_aloud and not problem)  # waits for the voice if need be
        self.try_voice.setToolTip(problem)
        self.try_voice.setAccessibleDescription(problem)
        self.no_voice.setText(problem)
        self.no_voice.setVisible(bool(problem))

    def _on_speech_availability(self, _available: bool) -> None:
        self._updating = True
        try:
            self._show_speech(self._session.settings)
        finally:
            self._updating = False
        self.schedule_refit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._updating = True
        try:
            self._show_speech(self._session.settings)
        finally:
            self._updating = False

    # -- actions --------------------------------------------------------------------------
    def _update(self, **changes: object) -> None:
        if not self._updating:
            self._session.update_settings(replace(self._session.settings, **changes))  # type: ignore[arg-type]

    def _set_scale(self, value: int) -> None:
        value = round(value / TEXT_SCALE_STEP) * TEXT_SCALE_STEP
        self._update(text_scale=value)

    def _on_slider_value(self, value: int) -> None:
        self.scale_value.setText(f"{value} %")
        if not self.scale_slider.isSliderDown():
            self._set_scale(value)

    def _on_language(self, _index: int) -> None:
        language = self.language_combo.currentData()
        if language and language != self._session.settings.language:
            self._update(language=language)
            self.language_changed.emit(language)

    def _on_try_voice(self) -> None:
        self._speech.configure(self._session.settings.voice, self._session.settings.speech_rate)
        self._speech.say(self.tr("Hello! I will read the tutorials to you."))

    def _on_export(self) -> None:
        suggested = Path.home() / f"mes-donnees-lbpmv-{date.today():%Y-%m-%d}.json"
        target = dialogs.ask_save_file(
            self, self.tr("Save a copy of my data"), suggested, self.tr("JSON file (*.json)")
        )
        if target is not None:
            self._session.export_data(target)

    def _on_exported(self, path: str) -> None:
        self.data_note.setText(self.tr("✓ A copy of your data was saved in {path}").format(path=path))
        self.data_note.show()
        accessibility.announce(self.data_note, self.data_note.text())
        self.schedule_refit()

    def _on_erase(self) -> None:
        """Say what is erased and what stays (checking first, off the GUI thread, whether the
        sharing folder is there to receive the « erased » notice)."""
        folder = self._session.settings.sharing_folder
        if not folder:
            self._ask_erase(None)
            return
        self._session.tasks.submit(
            lambda: Path(folder).is_dir(), self._ask_erase, lambda _e: self._ask_erase(False)
        )

    def erase_text(self, folder_there: bool | None) -> str:
        """The confirmation's text: what is erased, what stays (``folder_there``: None without a
        sharing folder, else whether it can be written now)."""
        parts = [
            self.tr("This erases from this computer:"),
            self.tr("• your steps, ratings, help requests and settings, and their backup copies;"),
            self.tr("• the studio's copies of your photos and the descriptions of your posters;"),
            self.tr("• the animator's visit notes and the animator code;"),
            self.tr(
                "• your shop's key: your verification code will change, and your animator will confirm "
                "the new one."
            ),
        ]
        if folder_there is not None:
            parts.append("")
        if folder_there is True:
            parts.append(
                self.tr(
                    "Your file in the sharing folder is replaced by a notice saying that your data was "
                    "erased: your animator's app then deletes your progress too."
                )
            )
        elif folder_there is False:
            parts.append(
                self.tr(
                    "The sharing folder cannot be reached (is the USB key plugged in?): your file there "
                    "would stay as it is, and your animator would still see your progress. Plug it in "
                    "first if you can."
                )
            )
        parts += [
            "",
            self.tr("What stays:"),
            self.tr(
                "• the photos and posters you saved in « Mes photos prêtes » (in your Pictures) and "
                "« Mes affiches » (in your Documents);"
            ),
            self.tr("• the files you sent to your animator before: ask them if you want those deleted."),
            "",
            self.tr("This cannot be undone."),
        ]
        return "\n".join(parts)

    def _ask_erase(self, folder_there: bool | None) -> None:
        confirmed = EraseDialog.ask(
            self,
            self.tr("Erase all my data?"),
            self.erase_text(folder_there),
            self.tr("Yes, erase everything"),
            danger=True,
        )
        if confirmed:
            self._session.erase_data()


class EraseDialog(dialogs.ConfirmDialog):
    """The erase confirmation: its long text scrolls, so that its buttons stay on a small
    screen with large text (``ask`` is ConfirmDialog's)."""

    def __init__(
        self, parent: QWidget | None, title: str, text: str, confirm: str, *, danger: bool = False
    ) -> None:
        super().__init__(parent, title, text, confirm, danger=danger)
        layout = self.layout()
        scroll = ScrollPage()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.body.setContentsMargins(0, 0, 8, 0)
        if isinstance(layout, QVBoxLayout):
            index = layout.indexOf(self.text_label)
            layout.removeWidget(self.text_label)
            scroll.body.addWidget(self.text_label)
            scroll.body.addStretch(1)
            layout.insertWidget(index, scroll, 1)
        self._scroll = scroll

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        width = max(self.width(), dialogs.PREFERRED_WIDTH + 120)
        wanted = self._scroll.body.totalHeightForWidth(width) + 220
        height = min(wanted, int(screen.height() * 0.9)) if screen is not None else wanted
        self.resize(width, max(height, self.minimumSizeHint().height()))
