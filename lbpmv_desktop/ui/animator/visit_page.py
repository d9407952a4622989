"""Visit mode, on the merchant's PC: agenda, diagnostic, plan, notes, sharing and the visit sheet.
Every fact is an event of the shop's log, so it travels with the progress file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from lbpmv_desktop.core.progress import events as ev
from lbpmv_desktop.core.visit.diagnostic import PROFILES, QUESTIONS, profile_for, suggested_plan
from lbpmv_desktop.ui import accessibility
from lbpmv_desktop.ui.progress import sharing_actions
from lbpmv_desktop.ui.studio.models import PicturesModel
from lbpmv_desktop.ui.widgets import dialogs
from lbpmv_desktop.ui.widgets.common import Card, ReflowRow, ScrollPage, field_label, make_button, make_label
from lbpmv_desktop.ui.widgets.reflow import FlowLayout, wrap_button

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent

    from lbpmv_desktop.ui.session import AppSession

AGENDA = (
    "0:00 — Faire connaissance, le commerce et ses clients (15 min)",
    "0:15 — Diagnostic : équipement, usages, confiance, objectifs (20 min)",
    "0:35 — Un premier succès ensemble : une photo produit ou la fiche Google (40 min)",
    "1:15 — Choisir le plan des prochaines semaines (15 min)",
    "1:30 — Mettre en place le partage des progrès, noter le code (10 min)",
    "1:40 — Fiche de visite et prochain rendez-vous (20 min)",
)
NOTE_KINDS = (("barrier", "Frein"), ("opportunity", "Opportunité"), ("note", "Note"))


class _WrappedRows(QStyledItemDelegate):
    """Rows as tall as their text wrapped at the list's width (Qt's own measure leaves out the
    text margins, and an answer just shorter than the width loses its last word)."""

    def row_size(self, view: QListWidget, row: int, width: int) -> QSize:
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        index = view.model().index(row, 0)
        self.initStyleOption(option, index)
        style = view.style()
        margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
        text = option.fontMetrics.boundingRect(
            QRect(0, 0, max(1, width - margin), 1_000_000),
            int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft),
            option.text,
        )
        vertical = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameVMargin, None, view) + 1)
        return QSize(width, text.height() + vertical)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        view = self.parent()
        if isinstance(view, QListWidget):
            return self.row_size(view, index.row(), view.viewport().width())
        return super().sizeHint(option, index)


class ChoiceList(QListWidget):
    """Every answer to a question shown at once, each on as many lines as it needs (a drop-down
    list shows one line, and long answers do not fit it when the text is large).

    One stop for Tab; the arrows choose. Its height is that of all its answers at its width, so
    it never scrolls itself. Like a QComboBox: ``setCurrentIndex(row)``, ``currentData``,
    ``currentText``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._delegate = _WrappedRows(self)
        self.setItemDelegate(self._delegate)

    def add_choice(self, text: str, data: object) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, data)
        self.addItem(item)
        if self.currentRow() < 0:
            self.setCurrentRow(0)
        self.updateGeometry()

    def setCurrentIndex(self, index: int | QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        """Choose the answer at row ``index`` (as QComboBox does), or at a model index."""
        if isinstance(index, int):
            self.setCurrentRow(index)
        else:
            super().setCurrentIndex(index)

    def currentData(self) -> object:  # noqa: N802 (like QComboBox)
        item = self.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def currentText(self) -> str:  # noqa: N802 (like QComboBox)
        item = self.currentItem()
        return item.text() if item is not None else ""

    # -- height for the width ---------------------------------------------------------------------
    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        frame = 2 * self.frameWidth()
        margins = self.viewportMargins()
        inner = max(1, width - frame - margins.left() - margins.right())
        rows = sum(
            self._delegate.row_size(self, row, inner).height() + 2 * self.spacing()
            for row in range(self.count())
        )
        return rows + frame + margins.top() + margins.bottom()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        width = super().sizeHint().width()
        return QSize(width, self.heightForWidth(self.width() if self.width() > 1 else width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        width = self.fontMetrics().horizontalAdvance("M") * 8
        return QSize(width, self.heightForWidth(max(width, self.width())))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.doItemsLayout()  # the answers wrap again at the new width, at once
        self.updateGeometry()


class VisitPage(ScrollPage):
    """Signals:
    closed: the animator closed the space (back to the merchant's path).
    """

    closed = Signal()

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        body = self.body
        top = FlowLayout(spacing=16)
        top.addWidget(make_label(self.tr("Visit"), "title"))
        close = wrap_button(self.tr("Close the animator space"))
        close.clicked.connect(self.closed.emit)
        top.addWidget(close)
        body.addLayout(top)

        agenda = Card()
        agenda.body.addWidget(make_label(self.tr("The two hours"), "subtitle"))
        for line in AGENDA:
            agenda.body.addWidget(make_label(line))
        body.addWidget(agenda)

        diagnostic = Card()
        diagnostic.body.addWidget(make_label(self.tr("Diagnostic"), "subtitle"))
        self.answers: dict[str, ChoiceList] = {}
        for question in QUESTIONS:
            combo = ChoiceList()
            combo.add_choice(self.tr("(not answered)"), -1)
            for index, (text, _score) in enumerate(question.choices):
                combo.add_choice(text, index)
            diagnostic.body.addWidget(field_label(question.text, combo))
            diagnostic.body.addWidget(combo)
            self.answers[question.id] = combo
        self.profile_button = wrap_button(self.tr("Place the merchant and suggest a plan"), "primary")
        self.profile_button.clicked.connect(self._on_profile)
        diagnostic.body.addWidget(self.profile_button)
        self.profile_label = make_label("", "subtitle")
        diagnostic.body.addWidget(self.profile_label)
        self.plan_model = PicturesModel(checkable=True, parent=self)
        self.plan_view = QListView()
        self.plan_view.setModel(self.plan_model)
        self.plan_view.setAccessibleName(self.tr("Suggested plan"))
        self.plan_view.setMinimumHeight(160)
        self.plan_view.setWordWrap(True)  # long titles wrap rather than scroll sideways
        self.plan_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.plan_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        diagnostic.body.addWidget(self.plan_view)
        self.plan_button = wrap_button(self.tr("Keep this plan"))
        self.plan_button.clicked.connect(self._on_plan)
        self.plan_button.setEnabled(False)
        diagnostic.body.addWidget(self.plan_button)
        body.addWidget(diagnostic)

        notes = Card()
        notes.body.addWidget(make_label(self.tr("Barriers, opportunities, notes"), "subtitle"))
        row = ReflowRow(spacing=12)
        row.row.setAlignment(Qt.AlignmentFlag(0))  # the note's field takes the room left
        self.note_kind = QComboBox()
        self.note_kind.setAccessibleName(self.tr("Kind of note"))
        for key, text in NOTE_KINDS:
            self.note_kind.addItem(text, key)
        self.note_edit = QLineEdit()
        self.note_edit.setAccessibleName(self.tr("Note"))
        self.note_edit.setPlaceholderText(
            self.tr("For example: no internet at the shop, the daughter helps on Saturdays")
        )
        self.note_button = make_button(self.tr("Add"))
        self.note_button.clicked.connect(self._on_note)
        self.note_edit.returnPressed.connect(self._on_note)
        kind_label = make_label(self.tr("Kind of note"))
        kind_label.setBuddy(self.note_kind)
        kind_row = FlowLayout(spacing=12)  # the list goes under its label when the page is narrow
        kind_row.addWidget(kind_label)
        kind_row.addWidget(self.note_kind)
        notes.body.addLayout(kind_row)
        note_label = make_label(self.tr("Note"))
        note_label.setBuddy(self.note_edit)
        notes.body.addWidget(note_label)
        row.row.addWidget(self.note_edit, 1)
        row.row.addWidget(self.note_button)
        notes.body.addWidget(row)
        self.notes_model = QStringListModel(self)
        self.notes_view = QListView()
        self.notes_view.setModel(self.notes_model)
        self.notes_view.setAccessibleName(self.tr("Notes of the visit"))
        self.notes_view.setMinimumHeight(120)
        notes.body.addWidget(self.notes_view)
        body.addWidget(notes)

        from lbpmv_desktop.ui.animator.notes_page import TutorialNotesPanel  # it uses ChoiceList

        self.tutorial_notes = TutorialNotesPanel(session)  # animateur.md: never on a merchant screen
        body.addWidget(self.tutorial_notes)

        sharing = Card()
        sharing.body.addWidget(make_label(self.tr("Sharing the progress"), "subtitle"))
        self.code_label = make_label(session.sharing.code or "…", "big-number")
        sharing.body.addWidget(
            make_label(self.tr("The shop's verification code (confirm it on your own PC):"))
        )
        sharing.body.addWidget(self.code_label)
        folder = wrap_button(self.tr("Choose the sharing folder with the merchant…"))
        folder.clicked.connect(lambda: sharing_actions.choose_sharing_folder(self, session))
        sharing.body.addWidget(folder)
        body.addWidget(sharing)
        session.sharing.code_ready.connect(self.code_label.setText)

        sheet = Card()
        sheet.body.addWidget(make_label(self.tr("Visit sheet"), "subtitle"))
        self.contact_edit = QLineEdit()
        self.contact_edit.setAccessibleName(self.tr("Your name and how to reach you"))
        self.contact_edit.setPlaceholderText(self.tr("Your name, phone or e-mail"))
        contact_label = make_label(self.tr("Your name and how to reach you"))
        contact_label.setBuddy(self.contact_edit)
        sheet.body.addWidget(contact_label)
        sheet.body.addWidget(self.contact_edit)
        self.sheet_button = wrap_button(self.tr("Save the visit sheet (PDF)…"), "primary")
        self.sheet_button.clicked.connect(self._on_sheet)
        sheet.body.addWidget(self.sheet_button)
        self.sheet_note = make_label("", "muted")
        sheet.body.addWidget(self.sheet_note)
        body.addWidget(sheet)
        body.addStretch(1)
        session.status_changed.connect(self._on_status)
        self._suggested: list[str] = []

    def start_visit(self) -> None:
        self._session.record(
            lambda d: ev.new_event(ev.VISIT_STARTED, d, data={"day": date.today().isoformat()})
        )

    # -- actions --------------------------------------------------------------------------------
    def _answers(self) -> dict[str, int]:
        chosen = {qid: combo.currentData() for qid, combo in self.answers.items()}
        return {qid: value for qid, value in chosen.items() if isinstance(value, int) and value >= 0}

    def _on_profile(self) -> None:
        answers = self._answers()
        catalogue = self._session.catalogue
        profile = profile_for(answers)
        self._suggested = suggested_plan(answers, catalogue)
        self.profile_label.setText(self.tr("Profile: {profile}").format(profile=PROFILES[profile]))
        titles = [catalogue.get(t).title for t in self._suggested if catalogue.get(t)]  # type: ignore[union-attr]
        self.plan_model.set_pictures([Path(t) for t in self._suggested], titles)
        self.plan_button.setEnabled(bool(self._suggested))
        self._session.record(
            lambda d: ev.new_event(ev.DIAGNOSTIC_DONE, d, data={"answers": answers, "profile": profile})
        )

    def _on_plan(self) -> None:
        chosen = [str(p) for p in self.plan_model.checked_paths()]
        self._session.record(lambda d: ev.new_event(ev.PLAN_SET, d, data={"tutorials": chosen}))
        self.plan_button.set_full_text(self.tr("✓ Plan kept: it now leads the merchant's path"))

    def _on_note(self) -> None:
        text = self.note_edit.text().strip()
        if not text:
            return
        kind = self.note_kind.currentData()
        self._session.record(
            lambda d: ev.visit_note(d, kind, text[:500]), then=lambda: self._on_note_stored(text)
        )

    def _on_note_stored(self, text: str) -> None:
        """The note is kept: its field empties (unless something else was typed meanwhile)."""
        if self.note_edit.text().strip() == text:
            self.note_edit.clear()

    def _on_status(self, status: object) -> None:
        notes = getattr(status, "notes", ())
        words = dict(NOTE_KINDS)
        self.notes_model.setStringList(
            [f"{words.get(str(n.get('type')), '')} : {n.get('text', '')}" for n in notes]
        )

    def _on_sheet(self) -> None:
        target = dialogs.ask_save_file(
            self,
            self.tr("Save the visit sheet"),
            Path.home() / f"fiche-de-visite-{date.today():%Y-%m-%d}.pdf",
            "*.pdf",
        )
        if target is None:
            return
        lines = self.sheet_lines()

        def work() -> str:
            from lbpmv_desktop.ui.reports import write_visit_sheet

            write_visit_sheet(target, lines)
            return str(target)

        self._session.tasks.submit(
            work,
            self._on_sheet_saved,
            self._session.report,
            context=self,
        )

    def _on_sheet_saved(self, path: str) -> None:
        self.sheet_note.setText(self.tr("✓ Visit sheet saved: {path}").format(path=path))
        accessibility.announce(self.sheet_note, self.sheet_note.text())

    def sheet_lines(self) -> list[tuple[str, str]]:
        status, catalogue = self._session.status, self._session.catalogue
        shop = status.profile.shop_name if status and status.profile else ""
        lines = [("title", "Fiche de visite"), ("muted", f"{shop} — {date.today():%d/%m/%Y}")]
        if status and status.diagnostic.get("profile"):
            lines += [
                ("heading", "Ce que nous avons fait"),
                ("text", f"Diagnostic : {PROFILES.get(str(status.diagnostic['profile']), '')}"),
            ]
        for note in status.notes if status else ():
            lines.append(
                ("text", f"{dict(NOTE_KINDS).get(str(note.get('type')), 'Note')} : {note.get('text', '')}")
            )
        lines.append(("heading", "Les prochaines étapes"))
        for tutorial_id in status.plan if status and status.plan else (status.path[:3] if status else ()):
            tutorial = catalogue.get(tutorial_id)
            if tutorial:
                lines.append(
                    ("text", f"• {tutorial.title} (environ {tutorial.minutes} minutes, en petites étapes)")
                )
        lines += [
            ("heading", "Pour partager vos progrès"),
            ("text", f"Code de vérification du commerce : {self._session.sharing.code}"),
            ("heading", "Votre animateur"),
            ("text", self.contact_edit.text().strip() or "—"),
            (
                "muted",
                "Dans l'application, « J'ai besoin d'aide » prévient votre animateur sur l'étape où vous êtes.",
            ),
        ]
        return lines
