"""The animator's dashboard: every followed shop, sortable and filterable, with a detail view."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    QStringListModel,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QBoxLayout,
    QCheckBox,
    QHeaderView,
    QLineEdit,
    QListView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lbpmv_desktop.core.cleantext import clean_text
from lbpmv_desktop.core.progress import events as ev
from lbpmv_desktop.core.progress.report import ShopView, believable, help_views
from lbpmv_desktop.ui import accessibility
from lbpmv_desktop.ui.animator.controller import TIMELINE_SHOWN
from lbpmv_desktop.ui.animator.models import (
    ANIMATOR_COLUMN,
    CURRENT_COLUMN,
    HELP_COLUMN,
    LAST_FILE_COLUMN,
    NAME_COLUMN,
    SHOP_ROLE,
    SORT_ROLE,
    ShopsTableModel,
    sharing_text,
)
from lbpmv_desktop.ui.widgets import dialogs
from lbpmv_desktop.ui.widgets.common import Card, ReflowRow, ScrollPage, make_button, make_label
from lbpmv_desktop.ui.widgets.reflow import FlowLayout, wrap_button

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent, QShowEvent

    from lbpmv_desktop.core.progress.events import Event
    from lbpmv_desktop.core.progress.report import HelpView
    from lbpmv_desktop.ui.animator.controller import AnimatorController
    from lbpmv_desktop.ui.session import AppSession

# Below this width (in widths of « M »), the details go under the table instead of beside it.
SIDE_BY_SIDE_EMS = 60
# The first help requests of a shop are shown with their « Répondre » button (a shop cannot make
# the page build thousands of them).
HELP_SHOWN = 30

# What each kind of event is called in a shop's history (translated where shown).
KIND_WORDS = {
    ev.PROFILE_SET: QT_TRANSLATE_NOOP("DashboardPage", "Shop profile"),
    ev.STEP_OPENED: QT_TRANSLATE_NOOP("DashboardPage", "Opened the step"),
    ev.STEP_DONE: QT_TRANSLATE_NOOP("DashboardPage", "Step done"),
    ev.STEP_UNDONE: QT_TRANSLATE_NOOP("DashboardPage", "Step to do again"),
    ev.HELP_ASKED: QT_TRANSLATE_NOOP("DashboardPage", "Help request"),
    ev.HELP_ANSWERED: QT_TRANSLATE_NOOP("DashboardPage", "Animator's answer"),
    ev.CONFIDENCE_RATED: QT_TRANSLATE_NOOP("DashboardPage", "Feels capable"),
    ev.TUTORIAL_FINISHED: QT_TRANSLATE_NOOP("DashboardPage", "Tutorial finished"),
    ev.PHOTO_EXPORTED: QT_TRANSLATE_NOOP("DashboardPage", "Photo prepared"),
    ev.POSTER_MADE: QT_TRANSLATE_NOOP("DashboardPage", "Poster made"),
    ev.VISIT_STARTED: QT_TRANSLATE_NOOP("DashboardPage", "Visit"),
    ev.DIAGNOSTIC_DONE: QT_TRANSLATE_NOOP("DashboardPage", "Diagnostic"),
    ev.PLAN_SET: QT_TRANSLATE_NOOP("DashboardPage", "Plan chosen"),
    ev.VISIT_NOTE: QT_TRANSLATE_NOOP("DashboardPage", "Visit note"),
}


def _searchable(text: str) -> str:
    """``text`` compared without case or accents (« lea » finds « Léa »)."""
    decomposed = unicodedata.normalize("NFD", clean_text(text).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


class ShopFilter(QSortFilterProxyModel):
    """Filter by text (shop or animator: as typed, without case or accents) and, optionally,
    only shops waiting for help."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.only_help = False
        self.text = ""
        self.setSortRole(SORT_ROLE)

    def set_text(self, text: str) -> None:
        """Keep the rows whose shop or animator holds ``text`` (taken as typed, not as a pattern)."""
        self.beginFilterChange()
        self.text = _searchable(text)
        self.endFilterChange()

    def set_only_help(self, on: bool) -> None:
        self.beginFilterChange()
        self.only_help = on
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        model = self.sourceModel()
        if self.only_help:
            waiting = model.data(model.index(source_row, HELP_COLUMN, source_parent), SORT_ROLE)
            if not isinstance(waiting, int) or waiting <= 0:  # -1: not known
                return False
        if not self.text:
            return True
        text = " ".join(
            str(model.data(model.index(source_row, c, source_parent)) or "")
            for c in (NAME_COLUMN, ANIMATOR_COLUMN)
        )
        return self.text in _searchable(text)


class ConfirmCodeDialog(dialogs.TextQuestionDialog):
    """Confirm a new shop: the code read on the merchant's screen must match."""

    def __init__(self, parent: QWidget | None, shop_name: str) -> None:
        super().__init__(
            parent,
            self.tr("New shop: {name}").format(name=shop_name),
            self.tr(
                "Type the verification code shown in the merchant's app (Réglages). Only then are its files accepted."
            ),
            field=self.tr("Verification code"),
            placeholder="ABCD-EFGH",
            confirm=self.tr("Confirm"),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, shop_name: str) -> str | None:
        return cls(parent, shop_name).ask_text()


class DashboardPage(ScrollPage):
    """Every shop the animator follows: the table, and the chosen shop's details beside it (or
    under it when the page is narrow); the page scrolls when the text is large."""

    def __init__(
        self, session: AppSession, controller: AnimatorController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self.controller = controller
        self._shop_id: str | None = None
        self._summary: dict[str, Any] = {}
        outer = self.body
        outer.setContentsMargins(24, 16, 24, 12)
        outer.setSpacing(10)
        outer.addWidget(make_label(self.tr("My shops"), "title"))
        tools = ReflowRow(spacing=12)
        tools.row.setAlignment(Qt.AlignmentFlag(0))  # the search field takes the room left
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search a shop or an animator"))
        self.search.setAccessibleName(self.tr("Search a shop or an animator"))
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance("M") * 10)
        self.help_only = QCheckBox(self.tr("Waiting for help only"))
        tools.row.addWidget(self.search, 1)
        tools.row.addWidget(self.help_only)
        outer.addWidget(tools)
        self.import_button = wrap_button(
            self.tr("Import files…"), "primary", accessible=self.tr("Import progress files…")
        )
        self.folder_button = wrap_button(self.tr("Watched folder…"))
        self.csv_button = wrap_button(self.tr("Report (CSV)…"))
        self.pdf_button = wrap_button(self.tr("Report (PDF)…"))
        actions = FlowLayout(spacing=8)
        for button in (self.import_button, self.folder_button, self.csv_button, self.pdf_button):
            actions.addWidget(button)
        outer.addLayout(actions)
        self.message = make_label("", "muted")
        outer.addWidget(self.message)

        self.model = ShopsTableModel(self)
        self.model.titles = {t.id: t.title for t in session.catalogue.path()}
        self.proxy = ShopFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(HELP_COLUMN, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName(self.tr("Shops followed"))
        # Arrows move in the table; Tab goes on to the shop's details.
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.detail = self._build_detail()
        # Side by side on a wide page, the details under the table on a narrow one.
        self.content = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.content.setSpacing(16)
        self.content.addWidget(self.table, 3)
        self.content.addWidget(self.detail, 1)
        outer.addLayout(self.content, 1)
        self._fit_columns()
        from lbpmv_desktop.ui.animator.notes_page import TutorialNotesPanel

        self.tutorial_notes = TutorialNotesPanel(session)  # to prepare a visit: animateur.md
        outer.addWidget(self.tutorial_notes)

        self.search.textChanged.connect(self.proxy.set_text)
        self.help_only.toggled.connect(self.proxy.set_only_help)
        self.table.selectionModel().currentRowChanged.connect(self._on_selected)
        self.import_button.clicked.connect(self._on_import)
        self.folder_button.clicked.connect(self._on_folder)
        self.csv_button.clicked.connect(lambda: self._on_report("csv"))
        self.pdf_button.clicked.connect(lambda: self._on_report("pdf"))
        controller.rows_changed.connect(self._on_rows)
        controller.imported.connect(self._say)
        controller.failed.connect(lambda text: self._say(text, urgent=True))
        controller.unknown_shop.connect(self._on_unknown)
        controller.timeline_ready.connect(self._on_timeline)

    def _build_detail(self) -> QWidget:
        detail = QWidget()
        body = QVBoxLayout(detail)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(12)
        self.detail_title = make_label(self.tr("Choose a shop to see its details."), "subtitle")
        self.detail_info = make_label("", "muted")
        self.detail_file = make_label("", "muted")
        body.addWidget(self.detail_title)
        body.addWidget(self.detail_info)
        body.addWidget(self.detail_file)
        help_card = Card()
        help_card.body.addWidget(make_label(self.tr("Help waiting"), "subtitle"))
        self.help_box = QVBoxLayout()
        help_card.body.addLayout(self.help_box)
        body.addWidget(help_card)
        timeline_card = Card()
        timeline_card.body.addWidget(make_label(self.tr("Timeline"), "subtitle"))
        self.timeline_model = QStringListModel(self)
        self.timeline = QListView()
        self.timeline.setModel(self.timeline_model)
        self.timeline.setMinimumHeight(260)
        self.timeline.setAccessibleName(self.tr("Timeline"))
        timeline_card.body.addWidget(self.timeline)
        body.addWidget(timeline_card)
        body.addStretch(1)
        return detail

    # -- layout for the page's width ------------------------------------------------------------
    def _em(self) -> int:
        return max(1, self.fontMetrics().horizontalAdvance("M"))

    def _fit_columns(self) -> None:
        """Column widths from the headers' text at the current text size (not from a thousand
        rows' contents: that would be slow); the table scrolls sideways inside when narrow."""
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.table.fontMetrics()
        for column in range(self.model.columnCount()):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            header.resizeSection(
                column,
                max(metrics.horizontalAdvance(title) + 48, metrics.horizontalAdvance("00/00/0000") + 24),
            )
        em = metrics.horizontalAdvance("M")
        header.resizeSection(NAME_COLUMN, em * 12)
        header.resizeSection(CURRENT_COLUMN, em * 14)
        # Room for « données effacées le 00/00/0000 » (the longest thing that column says).
        sample = datetime(2026, 12, 28, 12, tzinfo=UTC)
        longest = max(
            metrics.horizontalAdvance(sharing_text(ShopView("", "", sharing=state, sharing_at=sample)) or "")
            for state in ("stopped", "erased")
        )
        header.resizeSection(LAST_FILE_COLUMN, max(header.sectionSize(LAST_FILE_COLUMN), longest + em * 4))
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(em * 4)
        # Room for eight rows at least; the page scrolls when the window is shorter.
        rows = self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(header.sizeHint().height() + rows * 8 + 2 * self.table.frameWidth())

    def _arrange(self) -> None:
        wide = self.viewport().width() >= SIDE_BY_SIDE_EMS * self._em()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        self.detail.setMinimumWidth(max(300, 20 * self._em()) if wide else 0)
        if self.content.direction() != direction:
            self.content.setDirection(direction)
            self.content.setStretchFactor(self.table, 3 if wide else 0)
            self.content.setStretchFactor(self.detail, 1 if wide else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        self._arrange()
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        QTimer.singleShot(0, self._focus_table)

    def _focus_table(self) -> None:
        """Once the page is shown (after the PIN, say), the keyboard starts in the table of shops."""
        focused = QApplication.focusWidget()
        # The page itself (a scroll area) takes the focus when the PIN field goes: not a place to type.
        if self.isVisible() and (focused is None or focused is self or not self.isAncestorOf(focused)):
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_columns()
            self._arrange()

    def _say(self, text: str, *, urgent: bool = False) -> None:
        """A message under the buttons (an import done, a file refused), read by a screen reader."""
        self.message.setText(text)
        accessibility.announce(self.message, text, urgent=urgent)

    # -- signals --------------------------------------------------------------------------------
    def _on_rows(self, rows: list[dict[str, Any]]) -> None:
        self.model.set_rows(rows)
        self.message.setText(
            self.message.text() or self.tr("{count} shops followed.").format(count=len(rows))
        )
        if self._shop_id:
            self._show_summary(self._view(self._shop_id))

    def _view(self, shop_id: str) -> ShopView | None:
        return next(
            (
                self.model.view(row)
                for row in range(self.model.rowCount())
                if self.model.view(row).shop_id == shop_id
            ),
            None,
        )

    def _on_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        shop_id = self.proxy.data(current, SHOP_ROLE)
        self._shop_id = shop_id
        self._show_summary(self._view(shop_id))
        self.controller.load_timeline(shop_id)

    def _file_words(self, view: ShopView) -> str:
        """When the shop's app wrote its last file (from the file's signed manifest), when it
        arrived here, and whether the merchant stopped sharing or erased the data."""
        sharing = sharing_text(view)
        if sharing:
            return sharing[:1].upper() + sharing[1:] + "."
        if view.last_file is None:
            return (
                self.tr("The date of the last file is incorrect.")
                if "last_file" in view.bad_dates
                else self.tr("No file received yet.")
            )
        text = self.tr("Last file written by the shop's app on {day}.").format(
            day=f"{view.last_file.astimezone():%d/%m/%Y %H:%M}"
        )
        if view.received is not None:
            text += " " + self.tr("Received on {day}.").format(
                day=f"{view.received.astimezone():%d/%m/%Y %H:%M}"
            )
        return text

    def _show_summary(self, view: ShopView | None) -> None:
        had_focus = False
        while self.help_box.count():
            item = self.help_box.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None:
                had_focus = had_focus or widget.hasFocus()
                widget.hide()
                widget.deleteLater()
        if view is None:
            return
        self.detail_title.setText(view.name or "—")
        self.detail_info.setText(
            self.tr("Code {code} · {steps} steps done · {tutorials} tutorials finished").format(
                code=view.code or "—",
                steps="?" if view.steps_done is None else view.steps_done,
                tutorials="?" if view.tutorials_done is None else view.tutorials_done,
            )
        )
        self.detail_file.setText(self._file_words(view))
        if not view.help:
            self.help_box.addWidget(make_label(self.tr("No help request waiting."), "muted"))
        titles = self.model.titles
        previous: QWidget = self.table  # Tab goes from the table to each answer, then the timeline
        first: QWidget | None = None
        for request in view.help[:HELP_SHOWN]:
            comment = f" — «\u00a0{request.comment}\u00a0»" if request.comment else ""
            tutorial = self._session.catalogue.get(request.tutorial)
            step = tutorial.step(request.step) if tutorial else None
            where = f"{titles.get(request.tutorial, request.tutorial) or '—'} › {step.title if step else request.step or '—'}"
            self.help_box.addWidget(make_label(f"{where}{comment}"))
            answer = make_button(
                self.tr("Answer…"), accessible=self.tr("Answer… {where}").format(where=where)
            )
            answer.clicked.connect(lambda _=False, r=request: self._on_answer(r))
            self.help_box.addWidget(answer, 0, Qt.AlignmentFlag.AlignLeft)
            QWidget.setTabOrder(previous, answer)
            previous = answer
            first = first or answer
        if len(view.help) > HELP_SHOWN:
            self.help_box.addWidget(
                make_label(
                    self.tr("And {count} more requests: they appear here as these are answered.").format(
                        count=len(view.help) - HELP_SHOWN
                    ),
                    "muted",
                )
            )
        QWidget.setTabOrder(previous, self.timeline)
        if had_focus:  # the answered request went: on to the next one, or back to the table
            (first or self.table).setFocus(Qt.FocusReason.OtherFocusReason)

    def _event_line(self, event: Event, now: datetime) -> str:
        """One line of the timeline; any stored value is shown safely (or not at all)."""
        at = event.at if isinstance(event.at, datetime) else None
        try:
            moment = at.astimezone(UTC) if at is not None and at.tzinfo is not None else None
        except (OverflowError, ValueError):
            moment = None
        when = (
            f"{moment.astimezone():%d/%m %H:%M}"
            if moment is not None and believable(moment, now)
            else self.tr("incorrect date")
        )
        kind = event.kind if isinstance(event.kind, str) else ""
        what = self.tr(str(KIND_WORDS[kind])) if kind in KIND_WORDS else clean_text(kind, limit=40) or "?"
        tutorial = event.tutorial if isinstance(event.tutorial, str) else ""
        where = clean_text(self.model.titles.get(tutorial, tutorial), limit=100)
        data = event.data if isinstance(event.data, dict) else {}
        extra = next(
            (
                data[key]
                for key in ("comment", "answer", "text")
                if isinstance(data.get(key), str) and data[key]
            ),
            "",
        )
        extra = clean_text(extra, limit=300)
        return (
            f"{when} · {what}"
            + (f" · {where}" if where else "")
            + (f" · «\u00a0{extra}\u00a0»" if extra else "")
        )

    def _on_timeline(self, shop_id: str, events: list[Event]) -> None:
        if shop_id != self._shop_id:
            return
        now = datetime.now(UTC)
        self.timeline_model.setStringList(
            [self._event_line(event, now) for event in reversed(events[-TIMELINE_SHOWN:])]
        )

    # -- actions -------------------------------------------------------------------------------
    def _on_import(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import progress files"), str(Path.home()), self.tr("Progress files (*.lbpmv)")
        )
        if chosen:
            self.controller.import_files([Path(p) for p in chosen])

    def _on_folder(self) -> None:
        from lbpmv_desktop.ui.studio import dialogs as file_dialogs

        folder = file_dialogs.ask_folder(self, self.tr("Choose the folder where the shops' files arrive"))
        if folder is not None:
            self.controller.set_watched_folder(folder)
            self.message.setText(
                self.tr("Watching {folder}: new files are imported by themselves.").format(folder=folder)
            )
            accessibility.announce(self.message, self.message.text())

    def _on_unknown(self, entry: tuple[Path, str, str]) -> None:
        """One question at a time (the controller waits for ``confirm_shop``)."""
        path, name, _code = entry
        typed: str | None = None
        try:
            typed = ConfirmCodeDialog.ask(self, clean_text(name, limit=200) or "—")
        finally:
            self.controller.confirm_shop(path, typed or None)

    def _on_answer(self, request: HelpView | dict[str, Any]) -> None:
        if isinstance(request, dict):  # a stored request, as ``shop_rows`` gives it
            found = help_views([request])
            if not found:
                return
            request = found[0]
        text = AnswerDialog.ask(self, request.comment)
        if text and self._shop_id:
            self.controller.answer(self._shop_id, request.id, text)

    def _on_report(self, kind: str) -> None:
        suffix = ".pdf" if kind == "pdf" else ".csv"
        target = dialogs.ask_save_file(
            self, self.tr("Save the report"), Path.home() / f"bilan-lbpmv{suffix}", f"*{suffix}"
        )
        if target is not None:
            self.controller.export_report(target, kind)


class AnswerDialog(dialogs.TextQuestionDialog):
    """Write a short answer to a help request (it becomes an event of the shop's log)."""

    def __init__(self, parent: QWidget | None, comment: str) -> None:
        super().__init__(
            parent,
            self.tr("Answer"),
            f"«\u00a0{comment}\u00a0»" if comment else "",
            field=self.tr("Your answer"),
            placeholder=self.tr("For example: I will call you on Tuesday."),
            confirm=self.tr("Record the answer"),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, comment: str) -> str | None:
        return cls(parent, comment).ask_text()
