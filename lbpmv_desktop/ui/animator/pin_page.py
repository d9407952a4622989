"""The door of the animator space: create the PIN once, then type it (slow hash, lock-out)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from lbpmv_desktop.core.visit.pin import PinLock, valid_pin
from lbpmv_desktop.ui import accessibility
from lbpmv_desktop.ui.widgets.common import Card, ScrollPage, make_button, make_label

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

    from lbpmv_desktop.core.visit.pin import PinResult
    from lbpmv_desktop.ui.session import AppSession


class PinPage(ScrollPage):
    """A card in the middle of the page (scrolling when the text is large).

    Signals:
    unlocked: the right PIN was typed (or a new one was created).
    cancelled: the merchant (or animator) went back.
    """

    unlocked = Signal()
    cancelled = Signal()

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.lock = PinLock(session.paths.animator_pin)
        self.body.setContentsMargins(24, 24, 24, 24)
        self.body.addStretch(1)
        card = Card()
        card.setMaximumWidth(640)
        self.title = make_label("", "title")
        self.explain = make_label("")
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
        self._problem: str | None = None  # why the message is shown: "invalid", "different"…
        self.pin_edit.textChanged.connect(self._on_edited)
        self.confirm_edit.textChanged.connect(self._on_edited)
        row = QHBoxLayout()
        self.back_button = make_button(self.tr("Back"))
        self.ok_button = make_button("", "primary")
        self.back_button.clicked.connect(self.cancelled.emit)
        self.ok_button.clicked.connect(self._on_ok)
        self.pin_edit.returnPressed.connect(self._on_ok)
        self.confirm_edit.returnPressed.connect(self._on_ok)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.ok_button)
        for widget in (
            self.title,
            self.explain,
            self.pin_label,
            self.pin_edit,
            self.confirm_label,
            self.confirm_edit,
            self.message,
        ):
            card.body.addWidget(widget)
        card.body.addLayout(row)
        centred = QHBoxLayout()  # the card grows up to its maximum width, in the middle
        centred.addStretch(1)
        centred.addWidget(card, 100)
        centred.addStretch(1)
        self.body.addLayout(centred)
        self.body.addStretch(2)

    def prepare(self) -> None:
        """Show the right form: create a PIN the first time, type it afterwards."""
        creating = not self.lock.is_set
        self.title.setText(self.tr("Animator space"))
        self.explain.setText(
            self.tr("Choose a PIN of 4 to 12 digits. Keep it to yourself: it protects the animator space.")
            if creating
            else self.tr("Type the animator's PIN.")
        )
        self.ok_button.setText(self.tr("Create the PIN") if creating else self.tr("Open"))
        self.confirm_label.setVisible(creating)
        self.confirm_edit.setVisible(creating)
        self.pin_edit.clear()
        self.confirm_edit.clear()
        self._hide_message()
        self.pin_edit.setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        # Once shown (and the window active), the PIN is typed at once.
        QTimer.singleShot(0, self.pin_edit.setFocus)

    def _on_ok(self) -> None:
        pin = self.pin_edit.text().strip()
        if not self.lock.is_set:
            if not valid_pin(pin):
                self._say(self.tr("The PIN is made of 4 to 12 digits."), "invalid")
                return
            if pin != self.confirm_edit.text().strip():
                self._say(self.tr("The two PINs are different: type them again."), "different")
                return
            self._session.tasks.submit(
                lambda: self.lock.set_pin(pin),
                lambda _r: self.unlocked.emit(),
                self._session.report,
                context=self,
            )
            return
        self.ok_button.setEnabled(False)
        self._session.tasks.submit(
            lambda: self.lock.check(pin, datetime.now(UTC)), self._on_checked, self._session.report
        )

    def _on_checked(self, result: PinResult) -> None:
        self.ok_button.setEnabled(True)
        self.pin_edit.clear()
        if result.ok:
            self._hide_message()
            self.unlocked.emit()
        elif result.locked_until is not None:
            self._say(
                self.tr("Too many wrong PINs: try again at {time}.").format(
                    time=result.locked_until.astimezone().strftime("%H:%M")
                )
            )
        else:
            self._say(self.tr("Wrong PIN. Attempts left: {count}.").format(count=result.attempts_left))

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
            self._problem == "different" and pin == self.confirm_edit.text().strip()
        ):
            self._hide_message()
