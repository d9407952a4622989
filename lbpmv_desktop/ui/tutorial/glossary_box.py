"""The definition of a glossary word, shown in a framed box under a step's text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal

from lbpmv_desktop.ui.widgets.common import Card, ReflowRow, icon, make_button, make_label

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QWidget

    from lbpmv_desktop.core.tutorials.model import Term


class DefinitionBox(Card):
    """The word as a heading, its definition, « Lire à voix haute » and « Fermer ».

    Escape closes it (from any of its buttons; the page also closes it on Escape from the text).

    Signals:
        read_requested(str): the merchant asked to hear the definition (the text to say).
        closed: the merchant closed the box.

    Attributes:
        term: the word shown, or None while the box is hidden.
    """

    read_requested = Signal(str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("definition-box")
        # A thicker frame in the links' colour: it belongs to the word just followed.
        self.setStyleSheet('QFrame#definition-box[role="card"] { border: 3px solid palette(link); }')
        self.term: Term | None = None
        self.word_label = make_label("", "subtitle")
        self.definition_label = make_label("")
        self.definition_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = ReflowRow()
        self.read_button = make_button(self.tr("Read aloud"))
        self.read_button.setIcon(icon("speaker"))
        self.read_button.clicked.connect(self._on_read)
        self.close_button = make_button(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close the definition (Escape)"))
        self.close_button.clicked.connect(self.closed.emit)
        row.row.addWidget(self.read_button)
        row.row.addWidget(self.close_button)
        row.row.addStretch(1)
        self.body.addWidget(self.word_label)
        self.body.addWidget(self.definition_label)
        self.body.addWidget(row)
        self.hide()

    def show_term(self, term: Term) -> None:
        self.term = term
        self.word_label.setText(term.word[:1].upper() + term.word[1:])
        self.definition_label.setText(term.definition)
        self.setAccessibleName(self.tr("Definition of “{word}”").format(word=term.word))
        # Not to be confused with the step's own « Lire à voix haute » below the box.
        self.read_button.setAccessibleName(
            self.tr("Read aloud: the definition of “{word}”").format(word=term.word)
        )
        self.show()

    def spoken(self) -> str:
        """What « Lire à voix haute » says: the word, then its definition."""
        term = self.term
        return f"{term.word[:1].upper() + term.word[1:]}. {term.definition}" if term else ""

    def set_speech(self, visible: bool, problem: str) -> None:
        """Show « Lire à voix haute » as the step's own read-aloud button is shown."""
        self.read_button.setVisible(visible)
        self.read_button.setEnabled(visible and not problem)
        self.read_button.setToolTip(problem)
        self.read_button.setAccessibleDescription(problem)

    def first_button(self) -> QWidget:
        return (
            self.read_button
            if self.read_button.isVisibleTo(self) and self.read_button.isEnabled()
            else self.close_button
        )

    def _on_read(self) -> None:
        text = self.spoken()
        if text:
            self.read_requested.emit(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
            event.accept()
            return
        super().keyPressEvent(event)
