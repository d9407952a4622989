"""The tutorial's questions: "je me sens capable" and "j'ai besoin d'aide"."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from lbpmv_desktop.ui.widgets.common import make_button, make_label


class ConfidenceDialog(QDialog):
    """Rate "I feel capable" from 1 to 5, each level written in words (not colour)."""

    def __init__(self, parent: QWidget | None, tutorial_title: str, moment: str) -> None:
        super().__init__(parent)
        self.value: int | None = None
        self.setWindowTitle(self.tr("How do you feel?"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
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
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(later)
        layout.addLayout(bottom)

    def _choose(self, value: int) -> None:
        self.value = value
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, tutorial_title: str, moment: str) -> int | None:
        dialog = cls(parent, tutorial_title, moment)
        return dialog.value if dialog.exec() == QDialog.DialogCode.Accepted else None


class HelpDialog(QDialog):
    """Flag a step for the animator, with an optional comment."""

    def __init__(self, parent: QWidget | None, step_title: str, animator: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("I need help"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        layout.addWidget(make_label(self.tr("I need help"), "subtitle"))
        who = animator or self.tr("your animator")
        layout.addWidget(
            make_label(
                self.tr(
                    "{who} will see that you are stuck on the step “{step}”. "
                    "You can say in a few words what is blocking you (optional)."
                ).format(who=who, step=step_title)
            )
        )
        self.comment = QPlainTextEdit()
        self.comment.setAccessibleName(self.tr("What is blocking you (optional)"))
        self.comment.setPlaceholderText(self.tr("For example: I cannot find the button."))
        self.comment.setTabChangesFocus(True)
        layout.addWidget(self.comment)
        row = QHBoxLayout()
        cancel = make_button(self.tr("Cancel"))
        self.send_button = make_button(self.tr("Ask for help"), "primary")
        cancel.clicked.connect(self.reject)
        self.send_button.clicked.connect(self.accept)
        row.addStretch(1)
        row.addWidget(cancel)
        row.addWidget(self.send_button)
        layout.addLayout(row)
        self.setMinimumWidth(520)

    @classmethod
    def ask(cls, parent: QWidget | None, step_title: str, animator: str) -> str | None:
        """The comment (possibly empty) when the merchant confirms, None when they cancel."""
        dialog = cls(parent, step_title, animator)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.comment.toPlainText().strip()
