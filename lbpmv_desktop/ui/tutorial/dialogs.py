"""The tutorial's questions: "je me sens capable" and "j'ai besoin d'aide"."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from lbpmv_desktop.ui.widgets.common import ScrollPage, make_button, make_label

# A dialog is about this many characters wide (less on a small screen).
DIALOG_CHARS = 48
# Room left around a dialog on the screen: its frame and title bar.
SCREEN_MARGIN = 48
MINIMUM_DIALOG_WIDTH = 520


class _FittedDialog(QDialog):
    """A dialog whose questions scroll and whose buttons stay in view, opened at the size its
    text needs but never larger than the screen (large text on a 1024×768 screen).

    Attributes:
        body: the layout for the questions (it scrolls when needed).
        buttons: the row of buttons at the bottom.
    """

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self._page = ScrollPage()
        self._page.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # it scrolls to the focused control
        self.body = self._page.body
        self.body.setContentsMargins(24, 24, 24, 12)
        outer.addWidget(self._page, 1)
        self.buttons = QHBoxLayout()
        self.buttons.setContentsMargins(24, 12, 24, 24)
        outer.addLayout(self.buttons)
        self._fitted = False

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (Qt override)
        if visible and not self._fitted:
            self._fitted = True
            self.ensurePolished()
            self.fit_to_screen()
        super().setVisible(visible)

    def fit_to_screen(self) -> None:
        """As large as the text needs, within the screen's available area."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry().size() if screen is not None else None
        wanted = max(self.minimumWidth(), DIALOG_CHARS * self.fontMetrics().averageCharWidth())
        width = wanted if available is None else min(wanted, available.width() - SCREEN_MARGIN)
        body = self.body
        inner = width - 2 * self._page.frameWidth()
        need = body.totalHeightForWidth(inner) if body.hasHeightForWidth() else body.sizeHint().height()
        buttons = self.buttons.sizeHint().height()
        height = need + buttons + 2 * self._page.frameWidth()
        if available is not None:
            height = min(height, available.height() - SCREEN_MARGIN)
        self.resize(width, height)


class ConfidenceDialog(_FittedDialog):
    """Rate "I feel capable" from 1 to 5, each level written in words (not colour)."""

    def __init__(self, parent: QWidget | None, tutorial_title: str, moment: str) -> None:
        super().__init__(parent)
        self.value: int | None = None
        self.setWindowTitle(self.tr("How do you feel?"))
        layout = self.body
        layout.setSpacing(16)
        question = (
            self.tr("Before you start: do you feel capable of this?")
            if moment == "start"
            else self.tr("Now that you are done: do you feel capable of this?")
        )
        layout.addWidget(make_label(question, "subtitle"))
        layout.addWidget(make_label(tutorial_title))
        words = (
            self.tr("1 — Not at all"),
            self.tr("2 — A little"),
            self.tr("3 — Fairly"),
            self.tr("4 — Quite"),
            self.tr("5 — Completely"),
        )
        row = QVBoxLayout()  # one rating per line: the words are never cut, even at 200 %
        self.rating_buttons = []
        for value, text in enumerate(words, start=1):
            button = make_button(text, "choice")
            button.setObjectName(f"rating-{value}")
            button.clicked.connect(lambda _=False, v=value: self._choose(v))
            row.addWidget(button)
            self.rating_buttons.append(button)
        layout.addLayout(row)
        later = make_button(self.tr("Not now"))
        later.clicked.connect(self.reject)
        self.buttons.addStretch(1)
        self.buttons.addWidget(later)

    def _choose(self, value: int) -> None:
        self.value = value
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, tutorial_title: str, moment: str) -> int | None:
        dialog = cls(parent, tutorial_title, moment)
        return dialog.value if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class HelpRecipient:
    """Who will see a help request, and how it reaches them.

    Attributes:
        animator: the animator's first name, empty when the merchant did not give it.
        automatic: the progress goes by itself to a sharing folder the animator reads; otherwise
            the animator sees the request at the next visit or when the merchant sends a file.
    """

    animator: str = ""
    automatic: bool = False


class HelpDialog(_FittedDialog):
    """Flag a step for the animator, with an optional comment, saying truly who sees it when."""

    def __init__(self, parent: QWidget | None, step_title: str, recipient: HelpRecipient | str) -> None:
        super().__init__(parent)
        if isinstance(recipient, str):
            recipient = HelpRecipient(recipient)
        self.setWindowTitle(self.tr("I need help"))
        layout = self.body
        layout.setSpacing(12)
        layout.addWidget(make_label(self.tr("I need help"), "subtitle"))
        self.explanation = make_label(self.explain(step_title, recipient))
        layout.addWidget(self.explanation)
        self.comment = QPlainTextEdit()
        self.comment.setAccessibleName(self.tr("What is blocking you (optional)"))
        self.comment.setPlaceholderText(self.tr("For example: I cannot find the button."))
        self.comment.setTabChangesFocus(True)
        layout.addWidget(self.comment)
        cancel = make_button(self.tr("Cancel"))
        self.send_button = make_button(self.tr("Ask for help"), "primary")
        cancel.clicked.connect(self.reject)
        self.send_button.clicked.connect(self.accept)
        self.buttons.addStretch(1)
        self.buttons.addWidget(cancel)
        self.buttons.addWidget(self.send_button)
        self.setMinimumWidth(MINIMUM_DIALOG_WIDTH)

    def explain(self, step_title: str, recipient: HelpRecipient) -> str:
        """What happens to the request: it stays here until it is shared, by itself or by hand."""
        who = recipient.animator or self.tr("your animator")
        if recipient.automatic:
            when = self.tr("{who} will receive it with your progress (automatic sharing).")
        else:
            when = self.tr(
                "{who} will see it at the next visit, or as soon as you send your progress "
                "from « My progress »."
            )
        when = when.format(who=who)
        return " ".join(
            (
                self.tr(
                    "You are stuck on the step “{step}”? Your request is kept with your progress."
                ).format(step=step_title),
                when[:1].upper() + when[1:],
                self.tr("You can say in a few words what is blocking you (optional)."),
            )
        )

    @classmethod
    def ask(cls, parent: QWidget | None, step_title: str, recipient: HelpRecipient) -> str | None:
        """The comment (possibly empty) when the merchant confirms, None when they cancel."""
        dialog = cls(parent, step_title, recipient)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.comment.toPlainText().strip()
