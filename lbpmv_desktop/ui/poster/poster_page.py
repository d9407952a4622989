"""Affiche: choose a template, fill in a few fields, see the poster change as you type, then
save it as a PDF or print it. Saved posters are listed to reprint or edit them."""

from __future__ import annotations

import contextlib
import functools
import json
import zlib
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSize, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from lbpmv_desktop.core.poster import memory
from lbpmv_desktop.core.poster.model import LIMITS, TEMPLATES, THEMES, Poster, PosterRefused
from lbpmv_desktop.paths import posters_dir, ready_photos_dir
from lbpmv_desktop.ui.accessibility import announce
from lbpmv_desktop.ui.studio import dialogs as file_dialogs
from lbpmv_desktop.ui.widgets import dialogs
from lbpmv_desktop.ui.widgets.common import Card, ScrollPage, field_label, make_label
from lbpmv_desktop.ui.widgets.reflow import FlowLayout, WrapButton, wrap_button

if TYPE_CHECKING:
    from concurrent.futures import Future
    from pathlib import Path

    from lbpmv_desktop.core.photo.workers import PhotoWorkers
    from lbpmv_desktop.ui.poster.render import Pictures
    from lbpmv_desktop.ui.session import AppSession

PICTURE_SIDE = 2400  # as the command line: 340 dpi over an A4 page's width


def ask_printer(parent: QWidget) -> Any:
    """The print dialog; the chosen printer, or None (tests replace this function)."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


class _Block(QPlainTextEdit):
    """A few lines of text (hours, message): four lines high at any text size; Tab moves on."""

    LINES = 4

    def __init__(self) -> None:
        super().__init__()
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def _height(self) -> int:
        margins = self.contentsMargins()
        text = self.fontMetrics().lineSpacing() * self.LINES + 2 * round(self.document().documentMargin())
        return max(text + margins.top() + margins.bottom(), super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(super().sizeHint().width(), self._height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(super().minimumSizeHint().width(), self._height())


def _short(name: str, limit: int = 24) -> str:
    """A file name short enough for the photo list at 200 % text (its middle becomes « … »)."""
    if len(name) <= limit:
        return name
    keep = limit - 1
    return f"{name[: keep - keep // 2]}…{name[-(keep // 2) :]}"


def _add_photo(combo: QComboBox, text: str, path: Path) -> None:
    combo.addItem(text, str(path))
    combo.setItemData(combo.count() - 1, str(path), Qt.ItemDataRole.ToolTipRole)


class PosterPage(QWidget):
    """The poster maker.

    Args:
        session: the app's session (data folder, task runners).
        workers: the photo studio's worker processes, where the poster's pictures are decoded
            (the page starts one of its own, on first use, when none is given).
        ready_dir: « Mes photos prêtes », whose photos can be put on the poster.

    Signals:
        poster_made(str): a poster was saved or printed (its template's name).
    """

    poster_made = Signal(str)
    _picture_done = Signal(object, object)

    def __init__(
        self,
        session: AppSession,
        parent: QWidget | None = None,
        *,
        workers: PhotoWorkers | None = None,
        ready_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._workers = workers
        self._own_workers: PhotoWorkers | None = None
        self._ready_dir = ready_dir
        self._pictures_wanted: dict[str, str] = {}
        self._asked_template = False
        self._remembered_once = False
        self._picture_done.connect(self._on_picture_done)
        self._pictures: Pictures | None = None
        self._saved: list[Poster] = []
        self._loading = False
        self._side_by_side: bool | None = None
        self._announced = ""
        outer = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        outer.setContentsMargins(24, 16, 24, 12)
        outer.setSpacing(16)
        self.body = outer
        self.form_page = ScrollPage()
        outer.addWidget(self.form_page, 0)
        body = self.form_page.body
        body.setContentsMargins(0, 0, 8, 0)
        body.addWidget(make_label(self.tr("Shop-window poster"), "title"))

        choose = Card()
        choose.body.addWidget(make_label(self.tr("1. Choose a poster"), "subtitle"))
        self.template_buttons: dict[str, WrapButton] = {}
        labels = {
            "click-collect": self.tr("Click & Collect"),
            "reseaux-sociaux": self.tr("Find us on Facebook / Instagram"),
            "horaires": self.tr("Our opening hours"),
            "nouveautes": self.tr("New arrivals"),
            "soldes": self.tr("Sales / special offer"),
            "commande-telephone": self.tr("Order by phone or WhatsApp"),
        }
        for name in TEMPLATES:
            button = wrap_button(labels[name], "choice")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, n=name: self.choose_template(n))
            self.template_buttons[name] = button
            choose.body.addWidget(button)
        body.addWidget(choose)

        fields = Card()
        fields.body.addWidget(make_label(self.tr("2. Fill in"), "subtitle"))
        form = QVBoxLayout()  # each caption above its field, as wide as the form
        form.setSpacing(6)
        self.shop_edit, self.phone_edit, self.address_edit, self.url_edit = (
            QLineEdit(),
            QLineEdit(),
            QLineEdit(),
            QLineEdit(),
        )
        self.hours_edit, self.message_edit = _Block(), _Block()
        self.url_edit.setPlaceholderText(self.tr("for example: www.facebook.com/lespetitspas"))
        self.phone_edit.setPlaceholderText(self.tr("for example: 03 21 00 00 00"))
        self.hours_edit.setPlaceholderText(self.tr("for example: Tuesday to Saturday, 9:30 – 19:00"))
        for label, widget in (
            (self.tr("Name of your shop"), self.shop_edit),
            (self.tr("Phone"), self.phone_edit),
            (self.tr("Opening hours"), self.hours_edit),
            (self.tr("Address"), self.address_edit),
            (self.tr("Your message"), self.message_edit),
            (self.tr("Link for the QR code (optional)"), self.url_edit),
        ):
            form.addWidget(field_label(label, widget))
            form.addWidget(widget)
            if widget is self.url_edit:  # a refused link is explained right under its field
                self.link_note = make_label("", "banner")
                self.link_note.hide()
                form.addWidget(self.link_note)
        fields.body.addLayout(form)
        self.form_note = make_label("", "banner")  # a missing name, a picture that cannot be used
        self.form_note.hide()
        fields.body.addWidget(self.form_note)

        looks = Card()
        looks.body.addWidget(make_label(self.tr("3. Photo and colours"), "subtitle"))
        self.photo_combo = QComboBox()
        self.photo_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.photo_combo.setMinimumContentsLength(12)
        self.photo_combo.addItem(self.tr("No photo"), "")
        looks.body.addWidget(field_label(self.tr("Photo on the poster"), self.photo_combo))
        looks.body.addWidget(
            make_label(self.tr("From « Mes photos prêtes », or the photo open in the studio."), "muted")
        )
        looks.body.addWidget(self.photo_combo)
        pictures = FlowLayout()
        self.photo_button = wrap_button(self.tr("Another photo…"))
        self.logo_button = wrap_button(self.tr("Add my logo…"))
        self.clear_pictures = wrap_button(self.tr("Remove the pictures"))
        self.photo_button.clicked.connect(lambda: self._choose_picture("photo"))
        self.logo_button.clicked.connect(lambda: self._choose_picture("logo"))
        self.clear_pictures.clicked.connect(self._on_clear_pictures)
        pictures.addWidget(self.photo_button)
        pictures.addWidget(self.logo_button)
        pictures.addWidget(self.clear_pictures)
        looks.body.addLayout(pictures)
        paper = QVBoxLayout()
        paper.setSpacing(6)
        self.theme_combo, self.size_combo, self.orientation_combo = QComboBox(), QComboBox(), QComboBox()
        theme_labels = {
            "modele": self.tr("The template's colours"),
            "jaune-bleu": self.tr("Yellow and night blue"),
            "blanc-vert": self.tr("White and green"),
            "noir-blanc": self.tr("Black and white"),
            "bleu-jaune": self.tr("Night blue and yellow"),
            "blanc-rouge": self.tr("White and red"),
        }
        for name in THEMES:
            self.theme_combo.addItem(theme_labels[name], name)
        self.size_combo.addItem("A4", "a4")
        self.size_combo.addItem("A3", "a3")
        self.orientation_combo.addItem(self.tr("Portrait"), False)
        self.orientation_combo.addItem(self.tr("Landscape"), True)
        for label, combo in (
            (self.tr("Colours"), self.theme_combo),
            (self.tr("Paper size"), self.size_combo),
            (self.tr("Orientation"), self.orientation_combo),
        ):
            paper.addWidget(field_label(label, combo))
            paper.addWidget(combo)
        looks.body.addLayout(paper)
        body.addWidget(fields)
        body.addWidget(looks)

        done = Card()
        done.body.addWidget(make_label(self.tr("4. Print it or keep it"), "subtitle"))
        row = FlowLayout()
        self.pdf_button = wrap_button(self.tr("Save as PDF…"), "primary")
        self.print_button = wrap_button(self.tr("Print…"))
        self.pdf_button.clicked.connect(self._on_pdf)
        self.print_button.clicked.connect(self._on_print)
        row.addWidget(self.pdf_button)
        row.addWidget(self.print_button)
        done.body.addLayout(row)
        self.done_note = make_label("", "muted")
        done.body.addWidget(self.done_note)
        done.body.addWidget(make_label(self.tr("My posters"), "subtitle"))
        self.saved_model = QStringListModel(self)
        self.saved_view = QListView()
        self.saved_view.setModel(self.saved_model)
        self.saved_view.setAccessibleName(self.tr("My posters"))
        self.saved_view.setMinimumHeight(120)
        self.saved_view.activated.connect(self._on_saved)
        self.saved_view.clicked.connect(self._on_saved)
        done.body.addWidget(self.saved_view)
        body.addWidget(done)
        body.addStretch(1)

        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Ignored: the picture follows the space left, it never pushes the form aside.
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.preview.setMinimumSize(240, 320)
        self.preview.setAccessibleName(self.tr("Preview of the poster"))
        self.preview_box = QWidget()
        self._preview_column = preview_column = QVBoxLayout(self.preview_box)
        preview_column.setContentsMargins(0, 0, 0, 0)
        preview_column.addWidget(make_label(self.tr("Preview"), "subtitle"))
        preview_column.addWidget(self.preview, 1)
        outer.addWidget(self.preview_box, 1)
        self._cards = [choose, fields, looks, done]

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh_preview)
        for line in (self.shop_edit, self.phone_edit, self.address_edit, self.url_edit):
            line.textChanged.connect(self._changed)
        for block in (self.hours_edit, self.message_edit):
            block.textChanged.connect(self._changed)
        for combo in (self.theme_combo, self.size_combo, self.orientation_combo):
            combo.currentIndexChanged.connect(self._changed)
        self.photo_combo.activated.connect(self._on_photo_chosen)
        self._photo, self._logo = "", ""
        self.poster = Poster()
        self.choose_template("click-collect")
        self._load_saved_list()
        self._load_remembered()
        self._list_photos()
        order: list[QWidget] = [
            *self.template_buttons.values(), self.shop_edit, self.phone_edit, self.hours_edit,
            self.address_edit, self.message_edit, self.url_edit, self.photo_combo, self.photo_button,
            self.logo_button, self.clear_pictures, self.theme_combo, self.size_combo, self.orientation_combo,
            self.pdf_button, self.print_button, self.saved_view,
        ]  # fmt: skip
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -- the poster ------------------------------------------------------------------------------
    def start(self, template: str | None = None) -> None:
        """Open the maker (from the navigation or a tutorial), with defaults from the profile."""
        status = self._session.status
        if status and status.profile and not self.shop_edit.text():
            self.shop_edit.setText(status.profile.shop_name)
        if template in TEMPLATES:
            self._asked_template = True
            self.choose_template(template)
        self._list_photos()
        self._changed()

    def choose_template(self, name: str) -> None:
        # One checked at a time, without an exclusive button group: Tab stops at every choice.
        for key, button in self.template_buttons.items():
            button.setChecked(key == name)
            button.set_full_text(("✓ " if key == name else "") + button.full_text().removeprefix("✓ "))
        self.message_edit.setPlaceholderText(TEMPLATES[name].message)
        self.poster = replace(self.poster, template=name)
        self._changed()

    def current(self) -> Poster:
        return Poster(
            template=self.poster.template, shop=self.shop_edit.text(), phone=self.phone_edit.text(),
            hours=self.hours_edit.toPlainText(), address=self.address_edit.text(), message=self.message_edit.toPlainText(),
            url=self.url_edit.text(), photo=self._photo, logo=self._logo, size=self.size_combo.currentData(),
            landscape=bool(self.orientation_combo.currentData()), theme=self.theme_combo.currentData(),
        )  # fmt: skip

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self._timer.start()

    def refresh_preview(self) -> None:
        """Redraw the preview from the fields (the link is checked as it is typed)."""
        from lbpmv_desktop.ui.poster.render import Pictures, preview

        poster = self.current()
        self._remember_fields(poster)
        named = replace(poster, shop=poster.shop or self.tr("Your shop"))
        try:
            named.checked()
            self._hide_note()
        except PosterRefused as refusal:
            self._say(refusal.message, field=refusal.field)
        # The preview shows what can be drawn: each field as far as it is allowed, no refused link.
        shown = replace(named, **{name: getattr(named, name)[:limit] for name, limit in LIMITS.items()})
        try:
            checked = shown.checked()
        except PosterRefused:
            checked = replace(shown, url="")
        self.poster = checked
        width = max(  # the whole poster in the space it has
            80,
            min(self.preview.width(), int(self.preview.height() * checked.paper_mm[0] / checked.paper_mm[1])),
        )
        image = preview(checked, self._pictures or Pictures(), width)
        self.preview.setPixmap(QPixmap.fromImage(image))

    def _say(self, message: str, *, again: bool = False, field: str = "") -> QLabel:
        """Show a refusal beside what to correct (a link under its field, anything else under the
        fields); a screen reader reads it once while it is typed, and ``again`` after an action
        it refused. Returns the label that shows it."""
        note, other = (self.link_note, self.form_note) if field == "url" else (self.form_note, self.link_note)
        other.hide()
        note.setText(message)
        note.show()
        if again or message != self._announced:
            self._announced = message
            announce(note, message, urgent=True)
        return note

    def _hide_note(self) -> None:
        self.link_note.hide()
        self.form_note.hide()
        self._announced = ""

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._arrange()
        self._timer.start()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._arrange()

    def _form_width(self, room: int) -> int:
        """The form's width beside the preview: about 52 characters a line, at most 60 % of the
        room, never less than its narrowest."""
        extra = (  # the scroll bar, the frame and the right margin
            self.form_page.verticalScrollBar().sizeHint().width()
            + 2 * self.form_page.frameWidth()
            + self.form_page.body.contentsMargins().right()
            + 4
        )
        narrowest = max(card.minimumSizeHint().width() for card in self._cards) + extra
        comfortable = self.fontMetrics().averageCharWidth() * 52 + 2 * 24 + extra
        return max(narrowest, min(comfortable, int(room * 0.6)))

    def _arrange(self) -> None:
        """The form beside the preview when both fit; the preview below the form otherwise."""
        margins = self.body.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        form = self._form_width(room)
        side_by_side = form + self.body.spacing() + 260 <= room
        if side_by_side != self._side_by_side:
            self._side_by_side = side_by_side
            if side_by_side:
                self.body.setDirection(QBoxLayout.Direction.LeftToRight)
                self.body.setStretch(0, 0)
                self.body.setStretch(1, 1)
                self.preview.setMinimumSize(240, 320)
            else:
                self.body.setDirection(QBoxLayout.Direction.TopToBottom)
                self.body.setStretch(0, 2)
                self.body.setStretch(1, 1)
                self.preview.setMinimumSize(120, 160)
        if side_by_side:
            self.form_page.setFixedWidth(form)
            self.preview_box.setMinimumHeight(0)
            self.preview_box.setMaximumHeight(16_777_215)
        else:  # the form on top, and the preview in the last third of the height
            self.form_page.setMinimumWidth(0)
            self.form_page.setMaximumWidth(16_777_215)
            height = self.height() - margins.top() - margins.bottom()
            least = self._preview_column.minimumSize().height()
            self.preview_box.setMinimumHeight(least)  # the stretch factors alone may give it less
            self.preview_box.setMaximumHeight(max(least, height // 3))

    # -- pictures ---------------------------------------------------------------------------------
    def _list_photos(self) -> None:
        """Offer the photo open in the studio and those of « Mes photos prêtes » (newest first)."""
        folder = self._ready_dir or ready_photos_dir()
        library_root = self._session.paths.photo_library

        def work() -> tuple[list[Path], list[Path]]:
            from lbpmv_desktop.core.photo.library import PhotoLibrary, find_pictures

            studio = [p.path for p in PhotoLibrary(library_root).recent(1)]
            ready = find_pictures(folder, limit=40) if folder.is_dir() else []
            return studio, ready

        self._session.maintenance.submit(work, self._on_photos_listed, self._session.report, context=self)

    def _on_photos_listed(self, found: tuple[list[Path], list[Path]]) -> None:
        studio, ready = found
        combo = self.photo_combo
        combo.blockSignals(True)
        try:
            while combo.count() > 1:
                combo.removeItem(1)
            for path in studio:
                _add_photo(combo, self.tr("Studio: {name}").format(name=_short(path.name)), path)
            for path in ready:
                _add_photo(combo, _short(path.name), path)
            self._show_photo_choice()
        finally:
            combo.blockSignals(False)

    def _show_photo_choice(self) -> None:
        """The combo shows the poster's photo (added to the list if it came from elsewhere)."""
        combo = self.photo_combo
        index = combo.findData(self._photo)
        if index < 0 and self._photo:
            from pathlib import Path

            _add_photo(combo, _short(Path(self._photo).name), Path(self._photo))
            index = combo.count() - 1
        combo.setCurrentIndex(max(0, index))

    def _on_photo_chosen(self, index: int) -> None:
        self._photo = str(self.photo_combo.itemData(index) or "")
        self._load_pictures()

    def _choose_picture(self, which: str) -> None:
        chosen = file_dialogs.ask_photo_file(
            self, self.tr("Choose a photo") if which == "photo" else self.tr("Choose your logo")
        )
        if chosen is None:
            return
        if which == "photo":
            self._photo = str(chosen)
            self.photo_combo.blockSignals(True)
            self._show_photo_choice()
            self.photo_combo.blockSignals(False)
        else:
            self._logo = str(chosen)
        self._load_pictures()

    def _on_clear_pictures(self) -> None:
        self._photo, self._logo, self._pictures = "", "", None
        self._pictures_wanted.clear()
        self.photo_combo.setCurrentIndex(0)
        self._changed()

    def workers(self) -> PhotoWorkers:
        """The worker processes that decode the poster's pictures (the studio's when given)."""
        if self._workers is None:
            from lbpmv_desktop.core.photo.workers import PhotoWorkers

            own = PhotoWorkers(workers=1)
            self._own_workers = self._workers = own
            self.destroyed.connect(lambda _=None: own.shutdown())
        return self._workers

    def _load_pictures(self) -> None:
        """Decode the photo and the logo in the worker processes; the preview follows."""
        from pathlib import Path

        from lbpmv_desktop.ui.poster.render import Pictures

        self._pictures = self._pictures or Pictures()
        for which, path in (("photo", self._photo), ("logo", self._logo)):
            if not path:
                setattr(self._pictures, which, None)
                self._pictures_wanted.pop(which, None)
                continue
            if self._pictures_wanted.get(which) == path and getattr(self._pictures, which) is not None:
                continue
            self._pictures_wanted[which] = path
            future = self.workers().picture(Path(path), PICTURE_SIDE, keep_transparency=which == "logo")
            future.add_done_callback(functools.partial(self._deliver, (which, path)))
        self._changed()

    def _deliver(self, key: tuple[str, str], future: Future[tuple[int, int, bytes]]) -> None:
        """From the pool's thread to the GUI thread (nobody to tell once the page is gone)."""
        with contextlib.suppress(RuntimeError):
            self._picture_done.emit(key, future)

    def _on_picture_done(self, key: tuple[str, str], future: Future[tuple[int, int, bytes]]) -> None:
        from lbpmv_desktop.core.photo.opening import PhotoRefused
        from lbpmv_desktop.core.photo.workers import PhotoWorkers
        from lbpmv_desktop.ui.poster.render import Pictures, qimage

        which, path = key
        if self._pictures_wanted.get(which) != path:
            return  # another picture was chosen meanwhile
        try:
            width, height, rgba = PhotoWorkers.result(future)
        except PhotoRefused as refusal:
            self._pictures_wanted.pop(which, None)
            if which == "photo":
                self._photo = ""
                self._show_photo_choice()
            else:
                self._logo = ""
            what = (
                self.tr("This photo cannot be used:")
                if which == "photo"
                else self.tr("This logo cannot be used:")
            )
            self._say(f"{what} {refusal.message}", again=True)
            self._changed()
            return
        except Exception as error:  # noqa: BLE001 (said in French, never a traceback)
            self._pictures_wanted.pop(which, None)
            self._session.report(error)
            return
        self._pictures = self._pictures or Pictures()
        setattr(self._pictures, which, qimage(width, height, rgba))
        self._changed()

    # -- remembered for the next poster -------------------------------------------------------------
    def _memory_file(self) -> Path:
        return self._session.paths.root / memory.FILE_NAME

    def _load_remembered(self) -> None:
        target = self._memory_file()

        def work() -> Poster:
            from pathlib import Path

            poster = memory.remembered(target)
            # A picture deleted since last time is forgotten without a word.
            photo = poster.photo if poster.photo and Path(poster.photo).is_file() else ""
            logo = poster.logo if poster.logo and Path(poster.logo).is_file() else ""
            return replace(poster, photo=photo, logo=logo)

        self._session.maintenance.submit(work, self._on_remembered, self._session.report, context=self)

    def _on_remembered(self, poster: Poster) -> None:
        self._remembered_once = True
        if poster == Poster():
            return
        self._fill(poster, template=not self._asked_template)
        self._changed()

    def _remember_fields(self, poster: Poster) -> None:
        """Keep the fields for the next poster (once the remembered ones were read)."""
        if not self._remembered_once:
            return
        target = self._memory_file()
        self._session.maintenance.submit(
            lambda: memory.remember(target, poster), lambda _r: None, self._session.report, context=self
        )

    # -- saving and printing ------------------------------------------------------------------------
    def _checked_or_say(self) -> Poster | None:
        try:
            return self.current().checked()
        except PosterRefused as refusal:
            note = self._say(refusal.message, again=True, field=refusal.field)
            fields: dict[str, QWidget] = {
                "shop": self.shop_edit, "phone": self.phone_edit, "hours": self.hours_edit,
                "address": self.address_edit, "message": self.message_edit, "url": self.url_edit,
            }  # fmt: skip
            fields.get(refusal.field, self.shop_edit).setFocus(Qt.FocusReason.OtherFocusReason)
            self.form_page.reveal_after_refit(note)
            return None

    def _on_pdf(self) -> None:
        poster = self._checked_or_say()
        if poster is None:
            return
        from lbpmv_desktop.core.fileio import safe_stem

        suggested = posters_dir() / f"affiche-{safe_stem(poster.shop)}-{poster.template}.pdf"
        target = dialogs.ask_save_file(
            self, self.tr("Save the poster"), suggested, self.tr("PDF file (*.pdf)")
        )
        if target is None:
            return
        pictures = self._pictures

        def work() -> tuple[str, str]:
            from lbpmv_desktop.ui.poster.render import Pictures, write_pdf

            write_pdf(poster, pictures or Pictures(), target)
            self._remember(poster)
            return str(target), poster.template

        self._session.maintenance.submit(work, self._on_saved_pdf, self._session.report)

    def _on_saved_pdf(self, saved: tuple[str, str]) -> None:
        path, template = saved  # the poster that was saved, whatever is selected now
        self.done_note.setText(
            self.tr("✓ Your poster is saved: {path}. Print it and put it at eye level in the window.").format(
                path=path
            )
        )
        announce(self.done_note, self.done_note.text())
        self.poster_made.emit(template)
        self._load_saved_list()

    def _on_print(self) -> None:
        poster = self._checked_or_say()
        if poster is None:
            return
        printer = ask_printer(self)
        if printer is None:
            return
        from lbpmv_desktop.ui.poster.render import Pictures, print_poster

        print_poster(poster, self._pictures or Pictures(), printer)
        self._session.maintenance.submit(
            lambda: self._remember(poster),
            lambda _r: self._load_saved_list(),
            self._session.report,
            context=self,
        )
        self.done_note.setText(self.tr("✓ Sent to the printer."))
        announce(self.done_note, self.done_note.text())
        self.poster_made.emit(poster.template)

    def _remember(self, poster: Poster) -> None:
        from lbpmv_desktop.core.fileio import write_text_atomic

        folder = self._session.paths.posters
        # The same poster keeps the same file from one session to the next (hash() is salted).
        key = f"{poster.template}-{zlib.crc32(chr(31).join((poster.shop, poster.message, poster.url)).encode()):08x}"
        write_text_atomic(
            folder / f"{key}.json",
            json.dumps({"saved": datetime.now().isoformat(), "poster": json.loads(poster.to_json())}),
        )

    def _load_saved_list(self) -> None:
        folder = self._session.paths.posters

        def work() -> list[tuple[str, Poster]]:
            """(line shown, poster) for every readable saved poster, newest first."""
            found = []
            for path in (
                sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
                if folder.is_dir()
                else []
            ):
                with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
                    data = json.loads(path.read_text(encoding="utf-8"))
                    poster = Poster.from_json(json.dumps(data["poster"]))
                    when = datetime.fromisoformat(data["saved"])
                    if poster.template in TEMPLATES:  # shown and clickable rows stay the same list
                        found.append(
                            (f"{when:%d/%m/%Y} · {TEMPLATES[poster.template].label} · {poster.shop}", poster)
                        )
            return found

        def done(found: list[tuple[str, Poster]]) -> None:
            self._saved = [poster for _, poster in found]
            self.saved_model.setStringList([line for line, _ in found])

        self._session.maintenance.submit(work, done, self._session.report, context=self)

    def _on_saved(self, index: Any) -> None:
        if not 0 <= index.row() < len(self._saved):
            return
        self._fill(self._saved[index.row()])

    def _fill(self, poster: Poster, *, template: bool = True) -> None:
        """Every field from ``poster`` (a saved one, or the one remembered from last time)."""
        self._loading = True
        try:
            self.shop_edit.setText(poster.shop)
            self.phone_edit.setText(poster.phone)
            self.hours_edit.setPlainText(poster.hours)
            self.address_edit.setText(poster.address)
            self.message_edit.setPlainText(poster.message)
            self.url_edit.setText(poster.url)
            self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(poster.theme)))
            self.size_combo.setCurrentIndex(max(0, self.size_combo.findData(poster.size)))
            self.orientation_combo.setCurrentIndex(1 if poster.landscape else 0)
            self._photo, self._logo = poster.photo, poster.logo
            self.photo_combo.blockSignals(True)
            self._show_photo_choice()
            self.photo_combo.blockSignals(False)
        finally:
            self._loading = False
        if template and poster.template in TEMPLATES:
            self.choose_template(poster.template)
        self._load_pictures()
