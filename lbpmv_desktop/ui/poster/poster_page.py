"""Affiche: choose a template, fill in a few fields, see the poster change as you type, then
save it as a PDF or print it. Saved posters are listed to reprint or edit them."""

from __future__ import annotations

import contextlib
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

from lbpmv_desktop.core.poster.model import TEMPLATES, Poster, PosterRefused
from lbpmv_desktop.paths import posters_dir
from lbpmv_desktop.ui.accessibility import announce
from lbpmv_desktop.ui.studio import dialogs as file_dialogs
from lbpmv_desktop.ui.widgets import dialogs
from lbpmv_desktop.ui.widgets.common import Card, ScrollPage, field_label, make_label
from lbpmv_desktop.ui.widgets.reflow import FlowLayout, WrapButton, wrap_button

if TYPE_CHECKING:
    from lbpmv_desktop.ui.poster.render import Pictures
    from lbpmv_desktop.ui.session import AppSession


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


class PosterPage(QWidget):
    """Signals:
    poster_made(str): a poster was saved or printed (its template's name).
    """

    poster_made = Signal(str)

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
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
        self.url_edit.setPlaceholderText(self.tr("for example: https://www.facebook.com/lespetitspas"))
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
        fields.body.addLayout(form)
        self.link_note = make_label("", "banner")
        self.link_note.hide()
        fields.body.addWidget(self.link_note)
        pictures = FlowLayout()
        self.photo_button = wrap_button(self.tr("Add a photo…"))
        self.logo_button = wrap_button(self.tr("Add my logo…"))
        self.clear_pictures = wrap_button(self.tr("Remove the pictures"))
        self.photo_button.clicked.connect(lambda: self._choose_picture("photo"))
        self.logo_button.clicked.connect(lambda: self._choose_picture("logo"))
        self.clear_pictures.clicked.connect(self._on_clear_pictures)
        pictures.addWidget(self.photo_button)
        pictures.addWidget(self.logo_button)
        pictures.addWidget(self.clear_pictures)
        fields.body.addLayout(pictures)
        paper = QVBoxLayout()
        paper.setSpacing(6)
        self.size_combo, self.orientation_combo = QComboBox(), QComboBox()
        self.size_combo.addItem("A4", "a4")
        self.size_combo.addItem("A3", "a3")
        self.orientation_combo.addItem(self.tr("Portrait"), False)
        self.orientation_combo.addItem(self.tr("Landscape"), True)
        for label, combo in (
            (self.tr("Paper size"), self.size_combo),
            (self.tr("Orientation"), self.orientation_combo),
        ):
            paper.addWidget(field_label(label, combo))
            paper.addWidget(combo)
        fields.body.addLayout(paper)
        body.addWidget(fields)

        done = Card()
        done.body.addWidget(make_label(self.tr("3. Print it or keep it"), "subtitle"))
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
        preview_column = QVBoxLayout(self.preview_box)
        preview_column.setContentsMargins(0, 0, 0, 0)
        preview_column.addWidget(make_label(self.tr("Preview"), "subtitle"))
        preview_column.addWidget(self.preview, 1)
        outer.addWidget(self.preview_box, 1)
        self._cards = [choose, fields, done]

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh_preview)
        for line in (self.shop_edit, self.phone_edit, self.address_edit, self.url_edit):
            line.textChanged.connect(self._changed)
        for block in (self.hours_edit, self.message_edit):
            block.textChanged.connect(self._changed)
        self.size_combo.currentIndexChanged.connect(self._changed)
        self.orientation_combo.currentIndexChanged.connect(self._changed)
        self._photo, self._logo = "", ""
        self.poster = Poster()
        self.choose_template("click-collect")
        self._load_saved_list()
        order: list[QWidget] = [
            *self.template_buttons.values(), self.shop_edit, self.phone_edit, self.hours_edit,
            self.address_edit, self.message_edit, self.url_edit, self.photo_button, self.logo_button,
            self.clear_pictures, self.size_combo, self.orientation_combo, self.pdf_button,
            self.print_button, self.saved_view,
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
            self.choose_template(template)
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
            landscape=bool(self.orientation_combo.currentData()),
        )  # fmt: skip

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self._timer.start()

    def refresh_preview(self) -> None:
        """Redraw the preview from the fields (the link is checked as it is typed)."""
        from lbpmv_desktop.ui.poster.render import Pictures, preview

        poster = self.current()
        try:
            checked = replace(poster, shop=poster.shop or self.tr("Your shop")).checked()
            self._hide_note()
        except PosterRefused as refusal:
            self._say(refusal.message)
            checked = replace(poster, url="", shop=poster.shop or self.tr("Your shop"))
        self.poster = checked
        width = max(  # the whole poster in the space it has
            80,
            min(self.preview.width(), int(self.preview.height() * checked.paper_mm[0] / checked.paper_mm[1])),
        )
        image = preview(checked, self._pictures or Pictures(), width)
        self.preview.setPixmap(QPixmap.fromImage(image))

    def _say(self, message: str, *, again: bool = False) -> None:
        """Show a refusal (a link, a picture) under the fields; a screen reader reads it once
        while it is typed, and ``again`` after an action it refused."""
        self.link_note.setText(message)
        self.link_note.show()
        if again or message != self._announced:
            self._announced = message
            announce(self.link_note, message, urgent=True)

    def _hide_note(self) -> None:
        self.link_note.hide()
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
            self.preview_box.setMaximumHeight(16_777_215)
        else:  # the form on top, and the preview in the last third of the height
            self.form_page.setMinimumWidth(0)
            self.form_page.setMaximumWidth(16_777_215)
            height = self.height() - margins.top() - margins.bottom()
            self.preview_box.setMaximumHeight(max(self.preview_box.minimumSizeHint().height(), height // 3))

    # -- pictures ---------------------------------------------------------------------------------
    def _choose_picture(self, which: str) -> None:
        chosen = file_dialogs.ask_photo_file(
            self, self.tr("Choose a photo") if which == "photo" else self.tr("Choose your logo")
        )
        if chosen is None:
            return
        if which == "photo":
            self._photo = str(chosen)
        else:
            self._logo = str(chosen)
        self._load_pictures()

    def _on_clear_pictures(self) -> None:
        self._photo, self._logo, self._pictures = "", "", None
        self._changed()

    def _load_pictures(self) -> None:
        poster = self.current()

        def work() -> Pictures:
            from lbpmv_desktop.ui.poster.render import load_pictures

            return load_pictures(poster)

        def done(pictures: Pictures) -> None:
            self._pictures = pictures
            self._hide_note()
            self._changed()

        def failed(error: BaseException) -> None:
            self._photo, self._logo = (
                ("", "") if isinstance(error, PosterRefused) else (self._photo, self._logo)
            )
            self._say(getattr(error, "message", self.tr("This picture cannot be used.")))

        self._session.maintenance.submit(work, done, failed, context=self)

    # -- saving and printing ------------------------------------------------------------------------
    def _checked_or_say(self) -> Poster | None:
        try:
            return self.current().checked()
        except PosterRefused as refusal:
            self._say(refusal.message, again=True)
            # Focus on the field to correct (the link, unless the shop's name is missing).
            field = self.shop_edit if not self.shop_edit.text().strip() else self.url_edit
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            self.form_page.reveal_after_refit(self.link_note)
            return None

    def _on_pdf(self) -> None:
        poster = self._checked_or_say()
        if poster is None:
            return
        from lbpmv_desktop.core.photo.export import safe_stem

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
        poster = self._saved[index.row()]
        self._loading = True
        try:
            self.shop_edit.setText(poster.shop)
            self.phone_edit.setText(poster.phone)
            self.hours_edit.setPlainText(poster.hours)
            self.address_edit.setText(poster.address)
            self.message_edit.setPlainText(poster.message)
            self.url_edit.setText(poster.url)
            self.size_combo.setCurrentIndex(max(0, self.size_combo.findData(poster.size)))
            self.orientation_combo.setCurrentIndex(1 if poster.landscape else 0)
            self._photo, self._logo = poster.photo, poster.logo
        finally:
            self._loading = False
        self.choose_template(poster.template)
        if poster.photo or poster.logo:
            self._load_pictures()
