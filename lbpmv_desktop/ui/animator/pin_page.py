"""The door of the animator space: create the PIN once (with its recovery code), then type it;
a forgotten PIN, or a PIN record deleted or edited on this PC, is reset with the recovery code.

Every read and write of the PIN (its file and its trace in the store) and every slow hash runs in
the session's worker; the page only shows what the worker found."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from lbpmv_desktop.core.errors import UserError
from lbpmv_desktop.core.visit.pin import (
    PinAlreadySet,
    PinLock,
    PinResult,
    PinState,
    new_recovery_code,
    normal_recovery_code,
    valid_pin,
)
from lbpmv_desktop.ui import accessibility
from lbpmv_desktop.ui.widgets.common import Card, ScrollPage, make_button, make_label
from lbpmv_desktop.ui.widgets.reflow import FlowLayout

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QShowEvent

    from lbpmv_desktop.ui.session import AppSession

# What the page shows: "loading" (the worker reads the PIN), "create" (the first PIN and its
# recovery code), "enter" (type the PIN), "recover" (type the recovery code), "reset" (a new PIN
# and a new recovery code, once the old code was right), "add-code" (a PIN made before recovery
# codes existed was right: its recovery code is shown once).
MODES = ("loading", "create", "enter", "recover", "reset", "add-code")


class PinPage(ScrollPage):
    """A card in the middle of the page (scrolling when the text is large).

    Signals:
    unlocked: the right PIN was typed (or a new one was created).
    cancelled: the merchant (or animator) went back.

    Attributes:
        mode: one of ``MODES``.
        state: what the worker last found (None until then).
    """

    unlocked = Signal()
    cancelled = Signal()

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.mode = "loading"
        self.state: PinState | None = None
        self._tampered = False
        self._pending_ok = False  # OK pressed before the worker said which form this is
        self._busy = False
        self._old_code = ""  # the recovery code that was right, while a new PIN is chosen
        self._new_code = ""  # the recovery code shown with the PIN being created
        self._typed_pin = ""  # a right PIN that has no recovery code yet, until it gets one
        self._problem: str | None = None  # why the message is shown: "invalid", "different"…
        self.body.setContentsMargins(24, 24, 24, 24)
        self.body.addStretch(1)
        card = Card()
        card.setMaximumWidth(680)
        self.title = make_label(self.tr("Animator space"), "title")
        self.explain = make_label("")

        self.code_title = make_label(self.tr("Your recovery code"), "subtitle")
        self.code_label = make_label("", "big-number")
        self.code_advice = make_label(
            self.tr(
                "If you forget the PIN, this recovery code lets you choose a new one. Write it down "
                "now in your animator's notebook, not on this PC: it will not be shown again."
            )
        )

        self.recovery_label = make_label(self.tr("Recovery code"))
        self.recovery_edit = QLineEdit()
        self.recovery_edit.setMaxLength(24)
        self.recovery_edit.setAccessibleName(self.tr("Recovery code"))
        self.recovery_edit.setPlaceholderText("ACDE-FGHJ-KLMN")
        self.recovery_label.setBuddy(self.recovery_edit)

        self.pin_label = make_label(self.tr("Animator PIN"))
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(12)
        self.pin_edit.setAccessibleName(self.tr("Animator PIN"))
        self.pin_label.setBuddy(self.pin_edit)
        self.confirm_label = make_label(self.tr("The same PIN again"))
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit.setMaxLength(12)
        self.confirm_edit.setAccessibleName(self.tr("The same PIN again"))
        self.confirm_label.setBuddy(self.confirm_edit)
        self.message = make_label("", "banner")
        self.message.hide()
        for edit in (self.pin_edit, self.confirm_edit, self.recovery_edit):
            edit.textChanged.connect(self._on_edited)
            edit.returnPressed.connect(self._on_ok)

        row = FlowLayout(spacing=12)  # the buttons go one under the other when narrow
        # Short texts on one line each (a wrapping button keeps the width of its former text).
        self.back_button = make_button(self.tr("Back"))
        self.forgot_button = make_button(self.tr("PIN forgotten?"))
        self.ok_button = make_button(self.tr("Open"), "primary")
        self.back_button.clicked.connect(self._on_back)
        self.forgot_button.clicked.connect(self._on_forgot)
        self.ok_button.clicked.connect(self._on_ok)
        row.addWidget(self.back_button)
        row.addWidget(self.forgot_button)
        row.addWidget(self.ok_button)
        for widget in (
            self.title,
            self.explain,
            self.recovery_label,
            self.recovery_edit,
            self.pin_label,
            self.pin_edit,
            self.confirm_label,
            self.confirm_edit,
            self.message,
            self.code_title,  # read before « Create the PIN », just above it
            self.code_label,
            self.code_advice,
        ):
            card.body.addWidget(widget)
        card.body.addLayout(row)
        centred = QHBoxLayout()  # the card grows up to its maximum width, in the middle
        centred.addStretch(1)
        centred.addWidget(card, 100)
        centred.addStretch(1)
        self.body.addLayout(centred)
        self.body.addStretch(2)
        self._show_mode("loading")

    # -- the worker ---------------------------------------------------------------------------
    def _lock(self) -> PinLock:
        """The PIN of this install (called in the worker): its file and the store's trace."""
        store = self._session.store
        if store is None:
            raise UserError(self.tr("Your progress is not open yet: try again in a moment."))
        return PinLock(self._session.paths.animator_pin, store)

    def _submit(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Run a check or a change of the PIN in the worker; OK waits for its answer."""
        self._set_busy(True)
        self._session.tasks.submit(work, done, self._on_failed, context=self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.ok_button.setEnabled(not busy)

    def prepare(self) -> None:
        """Show the right form, once the worker has read the PIN: create a PIN the first time,
        type it afterwards, the recovery code when the PIN record was deleted or edited."""
        self._clear_fields()
        self._hide_message()
        self._pending_ok = False
        self._typed_pin = self._new_code = self._old_code = ""
        self._show_mode("loading")
        self._set_busy(False)
        self._session.tasks.submit(
            lambda: self._lock().state(datetime.now(UTC)), self._on_state, self._on_failed, context=self
        )

    def _on_state(self, state: PinState) -> None:
        self._set_busy(False)
        self.state = state
        self._tampered = state.kind == "tampered"
        if state.kind == "none":
            self._new_code = new_recovery_code()
            self._show_mode("create")
        elif self._tampered:
            self._clear_fields()  # nothing typed before this was known opens anything
            self._pending_ok = False
            self._show_mode("recover")
        else:
            self._show_mode("enter")
        if state.locked_until is not None and not self._tampered:
            self._say_locked(state.locked_until)
        if self._pending_ok:
            self._pending_ok = False
            self._on_ok()

    def _on_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self._pending_ok = False
        if isinstance(error, PinAlreadySet):  # changed meanwhile (another window, a file)
            self.prepare()
            return
        self._session.report(error)
        self._show_mode(self.mode)

    # -- the forms ----------------------------------------------------------------------------
    def _show_mode(self, mode: str) -> None:
        self.mode = mode
        creating = mode in ("create", "reset")
        showing_code = creating or mode == "add-code"
        typing_pin = mode in ("create", "enter", "reset", "loading")
        self.explain.setText(
            {
                "loading": self.tr("One moment…"),
                "create": self.tr(
                    "Choose a PIN of 4 to 12 digits. Keep it to yourself: it protects the animator space."
                ),
                "enter": self.tr("Type the animator's PIN."),
                "recover": self.tr(
                    "The animator's PIN was deleted or changed on this PC. To open the space, type the "
                    "recovery code noted when the PIN was created, then choose a new PIN."
                )
                if self._tampered
                else self.tr(
                    "Type the recovery code noted when the PIN was created (12 letters and digits), "
                    "then choose a new PIN."
                ),
                "reset": self.tr("The recovery code is right. Choose a new PIN of 4 to 12 digits."),
                "add-code": self.tr(
                    "The PIN is right. It has no recovery code yet: here is one, in case you forget it."
                ),
            }[mode]
        )
        self.code_label.setText(self._new_code if showing_code else "")
        self.code_title.setText(
            self.tr("Your new recovery code") if mode == "reset" else self.tr("Your recovery code")
        )
        shown: tuple[tuple[tuple[QWidget, ...], bool], ...] = (
            ((self.code_title, self.code_label, self.code_advice), showing_code),
            ((self.pin_label, self.pin_edit), typing_pin),
            ((self.confirm_label, self.confirm_edit), creating),
            ((self.recovery_label, self.recovery_edit), mode == "recover"),
        )
        for widgets, visible in shown:
            for widget in widgets:
                widget.setVisible(visible)
        self.forgot_button.setVisible(mode == "enter" and (self.state is None or self.state.has_recovery))
        self.ok_button.setText(
            {
                "loading": self.tr("Open"),
                "create": self.tr("Create the PIN"),
                "enter": self.tr("Open"),
                "recover": self.tr("Continue"),
                "reset": self.tr("Save the new PIN"),
                "add-code": self.tr("Continue"),
            }[mode]
        )
        self.schedule_refit()
        self._focus_first()

    def _first_field(self) -> QLineEdit:
        return self.recovery_edit if self.mode == "recover" else self.pin_edit

    def _focus_first(self) -> None:
        if self.isVisible() and self.mode == "add-code":
            self.ok_button.setFocus()
        elif self.isVisible() and self.mode != "loading":
            self._first_field().setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        # Once shown (and the window active), the PIN is typed at once.
        QTimer.singleShot(0, self._focus_first)

    def _clear_fields(self) -> None:
        for edit in (self.pin_edit, self.confirm_edit, self.recovery_edit):
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)

    def _refuse(self, text: str, problem: str = "refused") -> None:
        """Say why, empty every field (no hidden sign stays behind) and start again at the first."""
        self._clear_fields()
        self._say(text, problem)
        self._first_field().setFocus()

    # -- actions ------------------------------------------------------------------------------
    def _on_back(self) -> None:
        if self.mode in ("recover", "reset") and not self._tampered:
            self._clear_fields()
            self._hide_message()
            self._show_mode("enter")
            return
        self.cancelled.emit()

    def _on_forgot(self) -> None:
        self._clear_fields()
        self._hide_message()
        self._show_mode("recover")

    def _on_ok(self) -> None:
        if self._busy:
            return
        if self.mode == "loading":  # done once the worker has said which form this is
            self._pending_ok = True
            self._set_busy(True)
            return
        if self.mode == "add-code":
            typed, code = self._typed_pin, self._new_code
            self._submit(
                lambda: self._lock().add_recovery(typed, code, datetime.now(UTC)), self._on_code_added
            )
            return
        pin = self.pin_edit.text().strip()
        if self.mode == "recover":
            code = self.recovery_edit.text()
            if normal_recovery_code(code) is None:
                self._refuse(
                    self.tr("A recovery code has 12 letters and digits, like ACDE-FGHJ-KLMN."), "code"
                )
                return
            self._submit(lambda: self._lock().check_recovery(code), lambda ok: self._on_recovery(code, ok))
            return
        if not valid_pin(pin):
            self._refuse(self.tr("The PIN is made of 4 to 12 digits."), "invalid")
            return
        if self.mode in ("create", "reset") and pin != self.confirm_edit.text().strip():
            self._refuse(self.tr("The two PINs are different: type them again."), "different")
            return
        code, old = self._new_code, self._old_code
        if self.mode == "create":
            self._submit(lambda: self._lock().set_pin(pin, code), self._on_created)
        elif self.mode == "reset":
            self._submit(lambda: self._lock().reset(old, pin, code), self._on_created)
        else:
            # Kept only if this PIN has no recovery code yet, to give it one once it is right.
            self._typed_pin = pin if self.state is not None and not self.state.has_recovery else ""
            self._submit(lambda: self._lock().check(pin, datetime.now(UTC)), self._on_checked)

    def _on_recovery(self, code: str, right: bool) -> None:
        self._set_busy(False)
        if not right:
            self._refuse(
                self.tr("This is not the recovery code: check it in your animator's notebook."), "code"
            )
            return
        self._old_code = code
        self._new_code = new_recovery_code()
        self._clear_fields()
        self._hide_message()
        self._show_mode("reset")

    def _on_created(self, code: str | None) -> None:
        self._set_busy(False)
        if code is None:  # the recovery code changed meanwhile
            self.prepare()
            return
        self._old_code = self._new_code = ""
        self._tampered = False
        self._clear_fields()
        self._hide_message()
        self._show_mode("enter")  # the code is never shown again
        self.unlocked.emit()

    def _on_checked(self, result: PinResult) -> None:
        self._set_busy(False)
        if result.ok and self._typed_pin:
            self._clear_fields()
            self._hide_message()
            self._new_code = new_recovery_code()
            self._show_mode("add-code")
        elif result.ok:
            self._clear_fields()
            self._hide_message()
            self.unlocked.emit()
        elif result.tampered:
            self.prepare()
        elif result.locked_until is not None:
            self._clear_fields()
            self._say_locked(result.locked_until)
            self._first_field().setFocus()
        else:
            self._refuse(self.tr("Wrong PIN. Attempts left: {count}.").format(count=result.attempts_left))

    def _on_code_added(self, added: bool) -> None:
        self._set_busy(False)
        self._typed_pin = self._new_code = ""
        if not added:  # the record changed meanwhile
            self.prepare()
            return
        self.state = PinState("set")
        self._show_mode("enter")  # the code is never shown again
        self.unlocked.emit()

    def _say_locked(self, until: datetime) -> None:
        local = until.astimezone()
        if local.date() == datetime.now().astimezone().date():
            text = self.tr("Too many wrong PINs: try again at {time}.").format(time=local.strftime("%H:%M"))
        else:
            text = self.tr("Too many wrong PINs: try again on {day} at {time}.").format(
                day=local.strftime("%d/%m"), time=local.strftime("%H:%M")
            )
        self._say(text, "locked")

    def _say(self, text: str, problem: str = "refused") -> None:
        """Show and announce why the PIN was not accepted."""
        self._problem = problem
        self.message.setText(text)
        self.message.show()
        accessibility.announce(self.message, text, urgent=True)
        self.schedule_refit()

    def _hide_message(self) -> None:
        self._problem = None
        self.message.hide()
        self.schedule_refit()

    def _on_edited(self, _text: str) -> None:
        """The message goes once its cause is fixed (a valid PIN, the two PINs the same)."""
        pin = self.pin_edit.text().strip()
        if (self._problem == "invalid" and valid_pin(pin)) or (
            self._problem == "different" and pin and pin == self.confirm_edit.text().strip()
        ):
            self._hide_message()
