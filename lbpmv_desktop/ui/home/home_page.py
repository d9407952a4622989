"""Accueil — Mon parcours: the next step, a big "Continuer", and the staircase of tutorials."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from lbpmv_desktop.ui.widgets.common import Card, ScrollPage, make_button, make_label, set_role

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent, QShowEvent

    from lbpmv_desktop.core.progress.status import Status, TutorialProgress
    from lbpmv_desktop.core.tutorials.catalogue import Catalogue
    from lbpmv_desktop.core.tutorials.model import Tutorial

STAIR_INDENT = 22
# The staircase's steps are never indented by more than this share of its width, together.
STAIR_INDENT_SHARE = 0.15
# The next-step card puts its text beside « Continuer » only with room for this many characters.
CARD_TEXT_CHARS = 36
# The greeting and the next step stay in view while the staircase scrolls, unless they would
# take more than this share of the page's height (a small screen with large text): then the
# whole page scrolls.
PINNED_HEADER_SHARE = 0.5


class StairButton(QPushButton):
    """One step of the staircase: a focusable button holding a title and a state line.

    The text lives in two word-wrapped labels inside the button, so its height follows the
    text at any size (a multi-line button text would be clipped by the style sheet).
    """

    def __init__(self, title: str, state: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(2)
        self.title_label = make_label(title)
        self.state_label = make_label(state, "muted")
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        for label in (self.title_label, self.state_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)


class HomePage(QWidget):
    """The merchant's path.

    Signals:
        open_requested(tutorial_id, step_id): continue or start a tutorial at a step.
    """

    open_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalogue: Catalogue | None = None
        self._status: Status | None = None
        self.stair_buttons: dict[str, QWidget] = {}
        self._stair_rows: list[QWidget] = []
        # The greeting and the big "Continuer" stay in view; only the staircase scrolls (on a
        # short page the header scrolls with it, see _place_header).
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(32, 24, 32, 8)
        self._outer.setSpacing(12)
        self.header = QWidget()
        header = QVBoxLayout(self.header)
        header.setContentsMargins(0, 0, 8, 0)
        header.setSpacing(12)
        self.greeting = make_label("", "title")
        header.addWidget(self.greeting)
        self.share_label = make_label("", "muted")
        self.share_label.hide()
        header.addWidget(self.share_label)

        self.next_card = Card()
        self.next_heading = make_label(self.tr("Your next step"), "muted")
        self.next_title = make_label("", "subtitle")
        self.next_detail = make_label("")
        self.continue_button = make_button(self.tr("Continue"), "primary")
        self.continue_button.setProperty("size", "big")
        self.continue_button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.continue_button.clicked.connect(self._on_continue)
        # Text beside the button when there is room, above it otherwise (see _reflow_card).
        self._card_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._card_row.setSpacing(16)
        text = QVBoxLayout()
        text.setSpacing(6)
        text.addWidget(self.next_heading)
        text.addWidget(self.next_title)
        text.addWidget(self.next_detail)
        self._card_row.addLayout(text, 1)
        self._card_row.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.next_card.body.addLayout(self._card_row)
        header.addWidget(self.next_card)

        header.addWidget(make_label(self.tr("My steps"), "subtitle"))
        self.stairs_hint = make_label(
            self.tr("Each step is a tutorial. You climb from the bottom; the next one is marked ►."), "muted"
        )
        header.addWidget(self.stairs_hint)
        self.page = ScrollPage()
        self.page.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop: it scrolls to the focused step
        self.page.body.setContentsMargins(0, 0, 8, 8)
        self.page.body.setSpacing(12)
        self.stairs_layout = QVBoxLayout()
        self.stairs_layout.setSpacing(8)
        self.page.body.addLayout(self.stairs_layout)
        self.page.body.addStretch(1)
        self._pinned = True
        self._relayout_timer = QTimer(self)
        self._relayout_timer.setSingleShot(True)
        self._relayout_timer.setInterval(0)
        self._relayout_timer.timeout.connect(self._relayout)
        self._outer.addWidget(self.header)
        self._outer.addWidget(self.page, 1)

    def show_status(self, status: Status, catalogue: Catalogue) -> None:
        self._status, self._catalogue = status, catalogue
        name = status.profile.first_name if status.profile else ""
        self.greeting.setText(self.tr("Hello {name}!").format(name=name) if name else self.tr("Hello!"))
        self._show_next(status, catalogue)
        self._show_stairs(status, catalogue)
        self._relayout_timer.start()

    def show_shared(self, when: datetime | None, animator: str, folder_set: bool) -> None:
        """« Partagé avec Léa il y a 2 jours », or, ``when`` being None, that nothing is shared
        now (not yet, or the merchant stopped sharing: ``Sharing.shared`` says None then)."""
        who = animator or self.tr("your animator")
        if when is None:
            text = (
                self.tr("Nothing is shared with {who} at the moment.").format(who=who) if folder_set else ""
            )
        else:
            days = (datetime.now(UTC).date() - when.astimezone(UTC).date()).days
            if days <= 0:
                text = self.tr("Shared with {who} today.").format(who=who)
            elif days == 1:
                text = self.tr("Shared with {who} yesterday.").format(who=who)
            else:
                text = self.tr("Shared with {who} {days} days ago.").format(who=who, days=days)
        self.share_label.setText(text)
        self.share_label.setVisible(bool(text))

    def _show_next(self, status: Status, catalogue: Catalogue) -> None:
        resume = status.resume
        tutorial = catalogue.get(resume.tutorial) if resume else None
        if resume is None or tutorial is None:
            self.next_title.setText(self.tr("You have climbed every step. Well done!"))
            self.next_detail.setText(self.tr("You can open any tutorial again below."))
            self.continue_button.hide()
            return
        index = tutorial.step_index(resume.step) or 0
        step = tutorial.steps[index]
        progress = status.tutorials[tutorial.id]
        self.next_title.setText(tutorial.title)
        self.next_detail.setText(
            self.tr("Step {number} of {total}: {title} — about {minutes} min").format(
                number=index + 1, total=len(tutorial.steps), title=step.title, minutes=step.minutes
            )
        )
        started = progress.started or progress.done_count > 0
        label = self.tr("Continue") if started else self.tr("Start")
        self.continue_button.setText(label)
        # Read as shown (« Commencer » is read « Commencer »), then what it opens.
        self.continue_button.setAccessibleName(
            self.tr("{action}: {title}, step {number}").format(
                action=label, title=tutorial.title, number=index + 1
            )
        )
        self.continue_button.show()
        self._reflow_card()

    def _show_stairs(self, status: Status, catalogue: Catalogue) -> None:
        while self.stairs_layout.count():
            item = self.stairs_layout.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None:
                widget.deleteLater()
        self.stair_buttons = {}
        tutorials = [t for t in (catalogue.get(i) for i in status.path) if t is not None]
        next_id = status.resume.tutorial if status.resume else None
        rows: list[QWidget] = []
        for index, tutorial in enumerate(tutorials):
            progress = status.tutorials[tutorial.id]
            state = "next" if tutorial.id == next_id else ("done" if progress.finished else "todo")
            button = StairButton(
                self._stair_title(index, tutorial, state), self._stair_state(tutorial, progress)
            )
            set_role(button, "stair", state)
            button.setObjectName(f"stair-{tutorial.id}")
            button.setAccessibleName(self._stair_accessible(index, tutorial, progress, state))
            button.setToolTip(tutorial.summary)
            button.clicked.connect(lambda _=False, t=tutorial.id: self._on_stair(t))
            row = QWidget()
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            row_layout.addWidget(button)
            rows.append(row)
            self.stair_buttons[tutorial.id] = button
        # The first tutorial is at the bottom: the staircase climbs up. Tab order follows the path.
        for row in reversed(rows):
            self.stairs_layout.addWidget(row)
        self._stair_rows = rows
        self._indent_stairs()
        buttons = list(self.stair_buttons.values())
        if buttons and self.continue_button.isVisible():
            QWidget.setTabOrder(self.continue_button, buttons[0])
        for first, second in zip(buttons, buttons[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.page.schedule_refit()
        self._reveal_next()

    def _reveal_next(self) -> None:
        """Keep the next step in view; when the header scrolls too, its « Continuer » first."""
        next_id = self._status.resume.tutorial if self._status and self._status.resume else None
        if self._pinned:
            self.page.reveal_after_refit(self.stair_buttons.get(next_id) if next_id else None)
        else:  # from the top: the greeting, then the next step and its « Continuer »
            self.page.reveal_after_refit(None)
            self.page.verticalScrollBar().setValue(0)

    # -- layout for the page's size ----------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._relayout()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._relayout()  # sizes may have changed while another page was shown
        self.page.refit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._relayout_timer.start()  # the text size changed: once the new sizes are known

    def _relayout(self) -> None:
        self._reflow_card()
        self._indent_stairs()
        self._place_header()

    def _reflow_card(self) -> None:
        """The next step's text beside « Continuer » when it has room for a readable line."""
        margins = self._outer.contentsMargins()
        card = self.width() - margins.left() - margins.right() - 8
        inner = (
            card
            - self.next_card.body.contentsMargins().left()
            - self.next_card.body.contentsMargins().right()
        )
        room = inner - self.continue_button.sizeHint().width() - self._card_row.spacing()
        wide = room >= CARD_TEXT_CHARS * self.next_title.fontMetrics().averageCharWidth()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._card_row.direction() != direction:
            self._card_row.setDirection(direction)
            alignment = Qt.AlignmentFlag.AlignVCenter if wide else Qt.AlignmentFlag.AlignLeft
            self._card_row.setAlignment(self.continue_button, alignment)

    def _indent_stairs(self) -> None:
        """Each step a little to the right of the one below, within a share of the width."""
        count = len(self._stair_rows)
        if count < 2:
            return
        width = self.page.viewport().width()
        indent = min(STAIR_INDENT, int(width * STAIR_INDENT_SHARE / (count - 1)))
        for index, row in enumerate(self._stair_rows):
            layout = row.layout()
            if layout is not None:
                layout.setContentsMargins(index * indent, 0, (count - 1 - index) * indent, 0)

    def _place_header(self) -> None:
        """The header stays above the scrolling staircase when it leaves room for it."""
        margins = self._outer.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        layout = self.header.layout()
        need = layout.totalHeightForWidth(width) if layout is not None and layout.hasHeightForWidth() else 0
        need = max(need, self.header.minimumSizeHint().height())
        pinned = need <= (self.height() - margins.top() - margins.bottom()) * PINNED_HEADER_SHARE
        if pinned == self._pinned:
            return
        self._pinned = pinned
        if pinned:
            self.page.body.removeWidget(self.header)
            self._outer.insertWidget(0, self.header)
        else:
            self._outer.removeWidget(self.header)
            self.page.body.insertWidget(0, self.header)
        self.header.show()
        self.page.schedule_refit()
        self._reveal_next()

    def focus_main_action(self) -> None:
        """The focus on « Continuer » (or, all steps climbed, on the first step)."""
        if not self.continue_button.isHidden():
            self.continue_button.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self._pinned:
                self.page.ensureWidgetVisible(self.continue_button)
            return
        first = next(iter(self.stair_buttons.values()), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _stair_title(self, index: int, tutorial: Tutorial, state: str) -> str:
        marker = "► " if state == "next" else ""
        return f"{marker}{index + 1}. {tutorial.title}"

    def _stair_state(self, tutorial: Tutorial, progress: TutorialProgress) -> str:
        if progress.finished:
            return self.tr("✓ Done")
        if progress.done_count:
            return self.tr("In progress: {done} of {total} steps done").format(
                done=progress.done_count, total=progress.total
            )
        return self.tr("To do · {minutes} min").format(minutes=tutorial.minutes)

    def _stair_accessible(
        self, index: int, tutorial: Tutorial, progress: TutorialProgress, state: str
    ) -> str:
        words = {"next": self.tr("next step"), "done": self.tr("done"), "todo": self.tr("to do")}[state]
        return self.tr("Step {number}: {title}, {state}, {done} of {total} steps done").format(
            number=index + 1,
            title=tutorial.title,
            state=words,
            done=progress.done_count,
            total=progress.total,
        )

    def _on_continue(self) -> None:
        if self._status and self._status.resume:
            self.open_requested.emit(self._status.resume.tutorial, self._status.resume.step)

    def _on_stair(self, tutorial_id: str) -> None:
        if self._status is None or self._catalogue is None:
            return
        tutorial = self._catalogue.get(tutorial_id)
        if tutorial is None:
            return
        resume = self._status.resume
        if resume and resume.tutorial == tutorial_id:
            self.open_requested.emit(tutorial_id, resume.step)
            return
        done = self._status.tutorials[tutorial_id].done
        step = next((s.id for s in tutorial.steps if s.id not in done), tutorial.steps[0].id)
        self.open_requested.emit(tutorial_id, step)
