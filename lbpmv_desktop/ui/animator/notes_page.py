"""« Notes par tutoriel »: the animator's notes of each tutorial (``animateur.md``), in the
animator space only — what to check at the visit, where merchants often get stuck, what next.

The merchant never sees them: no merchant screen builds this panel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat

from lbpmv_desktop.ui.animator.visit_page import ChoiceList
from lbpmv_desktop.ui.tutorial.markdown_view import MarkdownView
from lbpmv_desktop.ui.widgets.common import Card, field_label, make_label

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from lbpmv_desktop.core.tutorials.catalogue import Catalogue
    from lbpmv_desktop.core.tutorials.model import Tutorial
    from lbpmv_desktop.ui.session import AppSession


class TutorialNotesPanel(Card):
    """Pick a tutorial in the list; its notes for the animator show under it.

    Attributes:
        tutorials: the list of tutorials (every answer shown at once, arrows choose).
        view: the notes, as Markdown.
    """

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.body.addWidget(make_label(self.tr("Notes per tutorial"), "subtitle"))
        self.body.addWidget(
            make_label(
                self.tr(
                    "For you, the animator: what to check at the visit, where merchants often get "
                    "stuck, and what to do next. The merchant never sees these notes."
                ),
                "muted",
            )
        )
        self.tutorials = ChoiceList()
        self.body.addWidget(field_label(self.tr("Tutorial"), self.tutorials))
        self.body.addWidget(self.tutorials)
        self.title_label = make_label("", "subtitle")
        self.body.addWidget(self.title_label)
        self.empty_label = make_label(self.tr("This tutorial has no notes for the animator yet."), "muted")
        self.body.addWidget(self.empty_label)
        self.view = MarkdownView()
        self.view.setAccessibleName(self.tr("Notes for the animator"))
        self.body.addWidget(self.view)
        self.tutorials.currentRowChanged.connect(self._on_chosen)
        session.settings_changed.connect(self._on_settings_changed)  # a new text size
        session.ready.connect(self._on_ready)  # the catalogue is loaded then
        self.fill(session.catalogue)

    def fill(self, catalogue: Catalogue) -> None:
        """List the catalogue's tutorials (in the path's order); the chosen one stays chosen."""
        chosen = self.tutorials.currentData()
        self.tutorials.blockSignals(True)
        self.tutorials.clear()
        for tutorial in catalogue.path():
            self.tutorials.add_choice(tutorial.title, tutorial.id)
        self.tutorials.blockSignals(False)
        if isinstance(chosen, str):
            self.choose(chosen)
        self._on_chosen(self.tutorials.currentRow())

    def choose(self, tutorial_id: str) -> bool:
        for row in range(self.tutorials.count()):
            item = self.tutorials.item(row)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == tutorial_id:
                self.tutorials.setCurrentRow(row)
                return True
        return False

    def tutorial(self) -> Tutorial | None:
        chosen = self.tutorials.currentData()
        return self._session.catalogue.get(chosen) if isinstance(chosen, str) else None

    def _on_ready(self) -> None:
        self.fill(self._session.catalogue)

    def _on_settings_changed(self, _settings: object) -> None:
        self._on_chosen(self.tutorials.currentRow())

    def _on_chosen(self, _row: int) -> None:
        tutorial = self.tutorial()
        notes = tutorial.helper_notes.strip() if tutorial and tutorial.helper_notes else ""
        self.title_label.setText(tutorial.title if tutorial else "")
        self.title_label.setVisible(tutorial is not None)
        self.empty_label.setVisible(tutorial is not None and not notes)
        self.view.setVisible(bool(notes))
        if tutorial is not None and notes:
            self.view.show_markdown(notes, tutorial.folder, self._session.settings.text_scale / 100)
            _modest_headings(self.view.document())
        self.updateGeometry()


def _modest_headings(document: QTextDocument) -> None:
    """The notes' « ## » headings a little larger than the text, in bold: never larger than the
    tutorial's title above them."""
    heading = QTextCharFormat()
    heading.setProperty(QTextFormat.Property.FontSizeAdjustment, 1)
    heading.setFontWeight(QFont.Weight.Bold)
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            cursor = QTextCursor(block)
            cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
            cursor.mergeCharFormat(heading)
        block = block.next()
