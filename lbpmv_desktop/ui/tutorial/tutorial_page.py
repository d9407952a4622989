"""The tutorial player: one step per screen, then a short celebration."""

from __future__ import annotations

import errno
import logging
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEasingCurve, QPointF, QPropertyAnimation, QRectF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QKeySequence, QPainter, QPen, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lbpmv_desktop.core.tutorials.memo import memo_for
from lbpmv_desktop.core.tutorials.model import GLOSSARY_SCHEME
from lbpmv_desktop.core.tutorials.spoken import spoken_text
from lbpmv_desktop.settings import TEXT_SCALE_STEP
from lbpmv_desktop.ui import accessibility
from lbpmv_desktop.ui.tutorial.dialogs import ConfidenceDialog, HelpDialog, HelpRecipient
from lbpmv_desktop.ui.tutorial.glossary_box import DefinitionBox
from lbpmv_desktop.ui.tutorial.markdown_view import MarkdownView
from lbpmv_desktop.ui.tutorial.spoken import document_sentences
from lbpmv_desktop.ui.widgets import dialogs
from lbpmv_desktop.ui.widgets.common import (
    ReflowRow,
    ScrollPage,
    icon,
    make_button,
    make_label,
    set_button_text,
    set_role,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QHideEvent

    from lbpmv_desktop.core.progress.status import Status
    from lbpmv_desktop.core.tutorials.model import Step, StepAction, Tutorial
    from lbpmv_desktop.ui.session import AppSession
    from lbpmv_desktop.ui.speech import Speech

log = logging.getLogger(__name__)

# Practice actions whose screen exists in this version; the others are shown disabled.
AVAILABLE_ACTIONS = frozenset({"open-url", "open-studio", "open-poster"})


def open_url(url: str) -> bool:
    """Open an https page in the merchant's browser (tests replace this function)."""
    return QDesktopServices.openUrl(QUrl(url))


def open_file(path: Path) -> bool:
    """Open a saved file with the computer's own program (tests replace this function)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def documents_dir() -> Path:
    """The merchant's « Documents » folder, where a memo is suggested."""
    import platformdirs

    return Path(platformdirs.user_documents_dir())


class Medal(QWidget):
    """A drawn medal with a check mark: the celebration picture."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(160, 160)
        self.setAccessibleName(self.tr("A medal"))

    def paintEvent(self, _event: object) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#1f5fa8"))
        painter.drawRect(QRectF(55, 100, 20, 55))
        painter.drawRect(QRectF(85, 100, 20, 55))
        painter.setBrush(QColor("#f2a900"))
        painter.setPen(QPen(QColor("#1d2b36"), 4))
        painter.drawEllipse(QRectF(20, 10, 120, 120))
        painter.setPen(QPen(QColor("#1d2b36"), 10, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawPolyline([QPointF(50, 70), QPointF(72, 92), QPointF(112, 48)])
        painter.end()


class TutorialPage(QWidget):
    """Plays one tutorial.

    Signals:
        home_requested: back to "Mon parcours".
        tutorial_requested(tutorial_id, step_id): go on with another tutorial.
        studio_requested(object): open the photo studio (with a preset name, or None).
        poster_requested(object): open the poster maker (with a template name, or None).
    """

    home_requested = Signal()
    tutorial_requested = Signal(str, str)
    studio_requested = Signal(object)
    poster_requested = Signal(object)

    def __init__(self, session: AppSession, speech: Speech, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._speech = speech
        self.tutorial: Tutorial | None = None
        self.index = 0
        # What « C'est fait ! » is waiting to see stored: ("step", tutorial, index) or ("end", …).
        self._saving: tuple[str, Tutorial, int] | None = None
        self._save_failed = False
        self._help_pending: tuple[Tutorial, int] | None = None
        self._link_cursor: QTextCursor | None = None  # where the text was when a word was opened
        self._memo_saved: Path | None = None
        self._reading_definition = False  # the voice says a definition (closing it stops it)
        self.stack = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.stack.addWidget(self._build_step_view())
        self.stack.addWidget(self._build_celebration())
        session.status_changed.connect(self._on_status_changed)
        session.settings_changed.connect(self._on_settings_changed)
        session.write_failed.connect(self._on_write_failed)
        session.saved.connect(self._on_saved)
        speech.speaking_changed.connect(self._on_speaking_changed)
        speech.availability_changed.connect(self._on_speech_availability)

    # -- building -------------------------------------------------------------------------
    def _build_step_view(self) -> QWidget:
        view = QWidget()
        layout = QVBoxLayout(view)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.setSpacing(10)
        top = QHBoxLayout()
        self.home_button = make_button(self.tr("◀ My path"))
        self.home_button.setAccessibleName(self.tr("Back to my path"))
        self.home_button.clicked.connect(self._on_home)
        self.tutorial_label = make_label("", "muted")
        self.smaller_button = make_button(self.tr("A−"))
        self.smaller_button.setAccessibleName(self.tr("A−: smaller text"))
        self.smaller_button.setToolTip(self.tr("Smaller text"))
        self.larger_button = make_button(self.tr("A+"))
        self.larger_button.setAccessibleName(self.tr("A+: larger text"))
        self.larger_button.setToolTip(self.tr("Larger text"))
        self.smaller_button.clicked.connect(lambda: self._change_text_size(-TEXT_SCALE_STEP))
        self.larger_button.clicked.connect(lambda: self._change_text_size(TEXT_SCALE_STEP))
        top.addWidget(self.home_button)
        top.addWidget(self.tutorial_label, 1)
        top.addWidget(self.smaller_button)
        top.addWidget(self.larger_button)
        layout.addLayout(top)
        # Between the top line and « Précédent / C'est fait ! / Suivant », the step scrolls as
        # one page when it needs more room than the window has.
        page = layout
        self.step_scroll = ScrollPage()
        self.step_scroll.body.setContentsMargins(0, 0, 8, 0)
        self.step_scroll.body.setSpacing(10)
        page.addWidget(self.step_scroll, 1)
        layout = self.step_scroll.body

        self.counter_label = make_label("", wrap=False)
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)  # the counter says it in words beside it
        self.progress_bar.setAccessibleName(self.tr("Progress in this tutorial"))
        counter = QHBoxLayout()
        self.done_label = make_label(self.tr("✓ Done"), "muted", wrap=False)
        counter.addWidget(self.counter_label)
        counter.addWidget(self.progress_bar, 1)
        counter.addWidget(self.done_label)
        layout.addLayout(counter)

        self.step_title = make_label("", "title")
        layout.addWidget(self.step_title)

        self.text = MarkdownView()
        self.text.setAccessibleName(self.tr("Step text"))
        self.text.link_activated.connect(self._on_link)
        self.text.cursorPositionChanged.connect(self._reveal_cursor)
        # Once the scroll area has brought the text into view: from the step's title, if at its start.
        self.text.focused.connect(lambda: QTimer.singleShot(0, self._reveal_cursor))
        layout.addWidget(self.text, 1)
        # A word's definition, under the text, when one of its glossary links is followed.
        self.definition_box = DefinitionBox()
        self.definition_box.read_requested.connect(self._on_read_definition)
        self.definition_box.closed.connect(self.close_definition)
        layout.addWidget(self.definition_box)

        actions = QVBoxLayout()  # the note under its button: a long address never squeezes it
        self.action_button = make_button("", "primary")
        self.action_button.clicked.connect(self._on_action)
        self.action_note = make_label("", "muted")
        actions.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignLeft)
        actions.addWidget(self.action_note, 1)
        layout.addLayout(actions)

        tools_row = ReflowRow()  # side by side, or one under the other when the text is large
        tools = tools_row.row
        self.read_button = make_button(self.tr("Read aloud"))
        self.read_button.setIcon(icon("speaker"))
        self.read_button.setAccessibleName(self.tr("Read aloud"))
        self.read_button.clicked.connect(self._on_read)
        self.speech_note = make_label("", "muted")  # how to get a voice, when there is none
        self.help_button = make_button(self.tr("I need help"))
        self.help_button.setIcon(icon("help"))
        self.help_button.clicked.connect(self._on_help)
        self.help_note = make_label("", "muted")
        self.memo_button = make_button(self.tr("Print the memo"))
        self.memo_button.setAccessibleName(self.tr("Print the memo: this tutorial on one page"))
        self.memo_button.clicked.connect(self._on_memo)
        tools.addWidget(self.read_button)
        tools.addWidget(self.speech_note, 1)
        tools.addWidget(self.help_button)
        tools.addWidget(self.memo_button)
        self.help_problem = make_label("", "banner")  # a help request not stored yet, and why
        self.help_problem.hide()
        layout.addWidget(tools_row)
        layout.addWidget(self.help_note)
        layout.addWidget(self.help_problem)
        self.memo_row = memo_row = ReflowRow()  # where the memo is saved, and a button to open it
        self.memo_note = make_label("", "muted")
        self.memo_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.memo_open = make_button(self.tr("Open the memo"))
        self.memo_open.clicked.connect(self._on_open_memo)
        memo_row.row.addWidget(self.memo_note, 1)
        memo_row.row.addWidget(self.memo_open, 0, Qt.AlignmentFlag.AlignTop)
        self.memo_note.hide()
        self.memo_open.hide()
        layout.addWidget(memo_row)

        layout = page
        # Above « C'est fait ! », while the step it stands for is not stored.
        self.save_banner = QFrame()
        self.save_banner.setObjectName("save-banner")
        banner = QHBoxLayout(self.save_banner)
        banner.setContentsMargins(0, 0, 0, 0)
        self.save_banner_text = make_label("", "banner")
        self.retry_button = make_button(self.tr("Try again"), "primary")
        self.retry_button.clicked.connect(self._on_retry)
        banner.addWidget(self.save_banner_text, 1)
        banner.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.save_banner.hide()
        layout.addWidget(self.save_banner)
        nav = QHBoxLayout()
        self.previous_button = make_button(self.tr("◀ Previous"))
        self.previous_button.setAccessibleName(self.tr("Previous: the step before (Alt+Left arrow)"))
        self.done_button = make_button(self.tr("It's done!"), "primary")
        self.done_button.setProperty("size", "big")
        self.next_button = make_button(self.tr("Next ▶"))
        self.next_button.setAccessibleName(self.tr("Next: the step after (Alt+Right arrow)"))
        self.previous_button.clicked.connect(self._on_previous)
        self.done_button.clicked.connect(self._on_done)
        self.next_button.clicked.connect(self._on_next)
        nav.addWidget(self.previous_button)
        nav.addStretch(1)
        nav.addWidget(self.done_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        layout.addLayout(nav)
        QShortcut(QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Left), view, self._on_previous)
        QShortcut(QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Right), view, self._on_next)
        self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), view, self.close_definition)
        self._escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._escape.setEnabled(False)  # only while a definition is open
        return view

    def _build_celebration(self) -> QWidget:
        view = QWidget()
        layout = QVBoxLayout(view)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.setSpacing(16)
        layout.addStretch(1)
        medal_row = QHBoxLayout()
        medal_row.addStretch(1)
        medal_row.addWidget(Medal())
        medal_row.addStretch(1)
        layout.addLayout(medal_row)
        self.bravo_label = make_label(self.tr("Well done!"), "title")
        self.bravo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bravo_text = make_label("")
        self.bravo_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.bravo_label)
        layout.addWidget(self.bravo_text)
        row = QHBoxLayout()
        row.addStretch(1)
        self.celebration_home = make_button(self.tr("Back to my path"))
        self.celebration_next = make_button(self.tr("Next tutorial"), "primary")
        self.celebration_home.clicked.connect(self._on_home)
        self.celebration_next.clicked.connect(self._on_next_tutorial)
        row.addWidget(self.celebration_home)
        row.addWidget(self.celebration_next)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self._fade = QGraphicsOpacityEffect(view)
        view.setGraphicsEffect(self._fade)
        self._fade_animation = QPropertyAnimation(self._fade, b"opacity", self)
        self._fade_animation.setDuration(700)
        self._fade_animation.setStartValue(0.0)
        self._fade_animation.setEndValue(1.0)
        self._fade_animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        return view

    # -- showing --------------------------------------------------------------------------
    @property
    def step(self) -> Step | None:
        return self.tutorial.steps[self.index] if self.tutorial else None

    def _status(self) -> Status | None:
        return self._session.status

    def open_tutorial(self, tutorial_id: str, step_id: str, *, ask_confidence: bool = True) -> bool:
        """Show ``step_id`` of ``tutorial_id``; ask "je me sens capable" when it starts."""
        tutorial = self._session.catalogue.get(tutorial_id)
        if tutorial is None:
            return False
        if tutorial is not self.tutorial:  # the memo saved was another tutorial's
            self._memo_saved = None
            self.memo_note.hide()
            self.memo_open.hide()
        self.tutorial = tutorial
        index = tutorial.step_index(step_id)
        status = self._status()
        progress = status.tutorials.get(tutorial_id) if status else None
        fresh = progress is not None and not progress.started and progress.confidence_start is None
        self.show_step(index or 0)
        if ask_confidence and fresh:
            value = ConfidenceDialog.ask(self, tutorial.title, "start")
            if value is not None:
                self._session.rate_confidence(tutorial.id, "start", value)
        return True

    def show_step(self, index: int) -> None:
        assert self.tutorial is not None
        self._speech.stop()
        self.index = max(0, min(index, len(self.tutorial.steps) - 1))
        self._hide_definition()
        self.stack.setCurrentIndex(0)
        self._refresh_step()
        step = self.step
        assert step is not None
        self._session.open_step(self.tutorial.id, step.id)
        self.step_scroll.verticalScrollBar().setValue(0)  # a new step is read from its top
        self.step_scroll.reveal_after_refit(None)
        self.done_button.setFocus()

    def _refresh_step(self) -> None:
        tutorial, step = self.tutorial, self.step
        if tutorial is None or step is None:
            return
        total = len(tutorial.steps)
        self.tutorial_label.setText(tutorial.title)
        self.counter_label.setText(
            self.tr("Step {number} of {total} · about {minutes} min").format(
                number=self.index + 1, total=total, minutes=step.minutes
            )
        )
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(self.index + 1)
        self.progress_bar.setFormat(self.tr("%v of %m"))
        self.step_title.setText(step.title)
        self.text.show_markdown(step.markdown, tutorial.folder, self._session.settings.text_scale / 100)
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < total - 1)
        self._show_done_button()
        self._show_action(step.action)
        self._show_speech()
        self._show_done_state()
        self.help_note.hide()
        self.help_problem.hide()

    def _show_action(self, action: StepAction | None) -> None:
        if action is None:
            self.action_button.hide()
            self.action_note.hide()
            return
        defaults = {
            "open-studio": self.tr("Open the photo studio"),
            "open-poster": self.tr("Make my poster"),
            "open-url": self.tr("Open the page"),
        }
        set_button_text(self.action_button, action.label or defaults.get(action.kind, action.kind))
        self.action_button.setAccessibleName(action.label or defaults.get(action.kind, action.kind))
        available = action.kind in AVAILABLE_ACTIONS
        self.action_button.setEnabled(available)
        self.action_button.show()
        if available and action.url:
            self.action_note.setText(self.tr("Opens {address} in your browser.").format(address=action.url))
        elif not available:
            self.action_note.setText(self.tr("Coming soon: this tool arrives in a next version of the app."))
        self.action_note.setVisible(bool(self.action_note.text()) and (not available or bool(action.url)))

    def _show_speech(self) -> None:
        # Without a voice the button stays, greyed, with how to get one beside it. While the voice
        # is still being looked for, a click waits for it.
        wanted = self._session.settings.read_aloud
        if wanted:
            self._speech.start()
        problem = self._speech.problem() if wanted else ""
        self.read_button.setVisible(wanted)
        self.read_button.setEnabled(wanted and not problem)
        self.read_button.setToolTip(problem)
        self.read_button.setAccessibleDescription(problem)
        self.speech_note.setText(problem)
        self.speech_note.setVisible(bool(problem))
        self.definition_box.set_speech(wanted, problem)
        self._on_speaking_changed(self._speech.speaking)

    def _on_speech_availability(self, _available: bool) -> None:
        if self.tutorial is not None:
            self._show_speech()

    def _show_done_state(self) -> None:
        status, tutorial, step = self._status(), self.tutorial, self.step
        done = bool(status and tutorial and step and step.id in status.tutorials[tutorial.id].done)
        self.done_label.setVisible(done)

    # -- slots ----------------------------------------------------------------------------
    def _on_settings_changed(self, _settings: object) -> None:
        self._refresh_step()

    def _on_status_changed(self, _status: Status) -> None:
        self._show_done_state()

    def _on_home(self) -> None:
        self._speech.stop()
        self.home_requested.emit()

    def _on_previous(self) -> None:
        if self.tutorial and self.index > 0 and self.stack.currentIndex() == 0:
            self.show_step(self.index - 1)

    def _on_next(self) -> None:
        if self.tutorial and self.index < len(self.tutorial.steps) - 1 and self.stack.currentIndex() == 0:
            self.show_step(self.index + 1)

    def _on_done(self) -> None:
        tutorial, step = self.tutorial, self.step
        if tutorial is None or step is None or self.stack.currentIndex() != 0:
            return
        if self._saving is not None:  # already waiting for it: a second click only tries again
            if self._save_failed:
                self._on_retry()
            return
        index = self.index
        self._start_saving(("step", tutorial, index))
        self._session.mark_done(tutorial.id, step.id, then=partial(self._on_step_stored, tutorial, index))

    def _on_step_stored(self, tutorial: Tutorial, index: int) -> None:
        """The step is stored: now, and only now, the page moves on."""
        self._stop_saving()
        if self.tutorial is not tutorial or self.index != index or self.stack.currentIndex() != 0:
            return  # the merchant went elsewhere meanwhile
        step = tutorial.steps[index]
        done = self.tr("Step done: {title}.").format(title=step.title)
        if index < len(tutorial.steps) - 1:
            self.show_step(index + 1)
            following = self.step
            assert following is not None
            now = self.tr("Now step {number} of {total}: {title}.").format(
                number=self.index + 1, total=len(tutorial.steps), title=following.title
            )
            accessibility.announce(self, f"{done} {now}")
        else:
            accessibility.announce(self, done)
            self._finish(tutorial)

    def _finish(self, tutorial: Tutorial) -> None:
        self._speech.stop()
        value = ConfidenceDialog.ask(self, tutorial.title, "end")
        if value is not None:
            self._session.rate_confidence(tutorial.id, "end", value)
        index = self.index
        self._start_saving(("end", tutorial, index))
        self._session.finish_tutorial(tutorial.id, then=partial(self._on_end_stored, tutorial, index))

    def _on_end_stored(self, tutorial: Tutorial, index: int) -> None:
        """The tutorial's end is stored: the celebration can say it is done."""
        self._stop_saving()
        if self.tutorial is tutorial and self.index == index and self.stack.currentIndex() == 0:
            self.show_celebration(tutorial)

    # -- saving -----------------------------------------------------------------------------
    @property
    def saving(self) -> bool:
        """Whether « C'est fait ! » waits for its step (or the tutorial's end) to be stored."""
        return self._saving is not None

    def _start_saving(self, what: tuple[str, Tutorial, int]) -> None:
        self._saving, self._save_failed = what, False
        self._show_done_button()

    def _stop_saving(self) -> None:
        self._saving, self._save_failed = None, False
        self.save_banner.hide()
        self._show_done_button()

    def _show_done_button(self) -> None:
        """« C'est fait ! », or « Enregistrement… » while its step is being stored (usually for a
        moment: the page then moves on)."""
        tutorial = self.tutorial
        last = tutorial is not None and self.index >= len(tutorial.steps) - 1
        if self._saving is not None and not self._save_failed:
            text = self.tr("Saving…")
        else:
            text = self.tr("It's done! Finish") if last else self.tr("It's done!")
        set_button_text(self.done_button, text)

    def _on_write_failed(self, _message: str) -> None:
        self._show_help_not_saved()
        saving = self._saving
        if saving is None:
            return
        what, tutorial, index = saving
        self._save_failed = True
        self._show_done_button()
        reason = self._session.unsaved_reason
        reason = reason[:1].lower() + reason[1:]  # it follows a colon
        if what == "step":
            text = self.tr("Your step « {title} » has not been saved: {reason}").format(
                title=tutorial.steps[index].title, reason=reason
            )
        else:
            text = self.tr("The end of « {title} » has not been saved: {reason}").format(
                title=tutorial.title, reason=reason
            )
        self.save_banner_text.setText(text)
        shown = self.save_banner.isVisible()
        self.save_banner.show()
        if not shown and self.done_button.hasFocus():
            self.retry_button.setFocus()  # « Réessayer » right where the merchant is
        accessibility.announce(self.save_banner_text, text, urgent=True)

    def _on_saved(self) -> None:
        # What was waiting is stored; the step's own callback moves the page on.
        self.save_banner.hide()

    def _on_retry(self) -> None:
        if self._saving is not None:
            self._save_failed = False
            self._show_done_button()
        self._session.retry_writes()

    def show_celebration(self, tutorial: Tutorial) -> None:
        self.bravo_text.setText(
            self.tr(
                "You have finished “{title}”: {steps} steps, about {minutes} minutes. Be proud of it!"
            ).format(title=tutorial.title, steps=len(tutorial.steps), minutes=tutorial.minutes)
        )
        self.celebration_next.setVisible(self._next_tutorial(tutorial) is not None)
        self.stack.setCurrentIndex(1)
        self._fade_animation.stop()
        self._fade_animation.start()
        (self.celebration_next if self.celebration_next.isVisible() else self.celebration_home).setFocus()

    def _next_tutorial(self, tutorial: Tutorial) -> str | None:
        status = self._status()
        if status is None:
            return None
        later = [t for t in status.path if t != tutorial.id and not status.tutorials[t].finished]
        return later[0] if later else None

    def _on_next_tutorial(self) -> None:
        if self.tutorial is None:
            return
        following = self._next_tutorial(self.tutorial)
        nxt = self._session.catalogue.get(following) if following else None
        if nxt is not None:
            self.tutorial_requested.emit(nxt.id, nxt.steps[0].id)

    def _on_help(self) -> None:
        tutorial, step = self.tutorial, self.step
        if tutorial is None or step is None:
            return
        comment = HelpDialog.ask(self, step.title, self._help_recipient())
        if comment is None:
            return
        # Said recorded once it is: « Enregistrement… » until then, or why it is not yet.
        self._help_pending = (tutorial, self.index)
        self.help_problem.hide()
        self.help_note.setText(self.tr("Saving your help request…"))
        self.help_note.show()
        self._session.ask_help(
            tutorial.id, step.id, comment, then=partial(self._on_help_stored, tutorial, self.index)
        )

    def _help_shown(self, tutorial: Tutorial, index: int) -> bool:
        return self.tutorial is tutorial and self.index == index and self.stack.currentIndex() == 0

    def _on_help_stored(self, tutorial: Tutorial, index: int) -> None:
        pending = self._help_pending
        if pending is not None and pending[0] is tutorial and pending[1] == index:
            self._help_pending = None
        if self._help_shown(tutorial, index):
            self.help_problem.hide()
            self.help_note.setText(self.tr("✓ Help request recorded for this step."))
            self.help_note.show()
            accessibility.announce(self.help_note, self.help_note.text())

    def _show_help_not_saved(self) -> None:
        pending = self._help_pending
        if pending is None or not self._help_shown(*pending):
            return
        reason = self._session.unsaved_reason
        self.help_note.hide()
        self.help_problem.setText(
            self.tr("Your help request has not been saved yet: {reason}").format(
                reason=reason[:1].lower() + reason[1:]
            )
        )
        self.help_problem.show()
        accessibility.announce(self.help_problem, self.help_problem.text(), urgent=True)

    def _help_recipient(self) -> HelpRecipient:
        """Who will see a help request, and whether it goes by itself (see ui/sharing.py)."""
        status, settings = self._status(), self._session.settings
        animator = status.profile.animator_name if status and status.profile else ""
        automatic = settings.role == "merchant" and settings.sharing_enabled and bool(settings.sharing_folder)
        return HelpRecipient(animator, automatic)

    def _on_read(self) -> None:
        if self._speech.speaking:
            self._speech.stop()
            return
        settings = self._session.settings
        self._speech.configure(settings.voice, settings.speech_rate)
        step = self.step
        if step is not None:
            self._speech.say(self.spoken_step())

    def spoken_step(self) -> str:
        """What "Read aloud" says: the step as shown, its pictures' descriptions and its button."""
        step = self.step
        if step is None:
            return ""
        action = self.action_button.text().replace("&&", "&") if step.action is not None else None
        sentences = document_sentences(self.text.document(), image=self.tr("Picture: {description}"))
        return spoken_text(step.title, sentences, action=action, button=self.tr("Button: {label}"))

    def _on_speaking_changed(self, speaking: bool) -> None:
        if not speaking:
            self._reading_definition = False
        self.read_button.setText(self.tr("Stop reading") if speaking else self.tr("Read aloud"))
        self.read_button.setIcon(icon("stop" if speaking else "speaker"))
        self.read_button.setAccessibleName(self.tr("Stop reading") if speaking else self.tr("Read aloud"))

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        super().hideEvent(event)
        if not event.spontaneous():  # another page was chosen (not the window minimised)
            self._speech.stop()

    def _on_action(self) -> None:
        step = self.step
        if step is None or step.action is None or step.action.kind not in AVAILABLE_ACTIONS:
            return
        if step.action.kind == "open-url" and step.action.url:
            open_url(step.action.url)
        elif step.action.kind == "open-studio":
            self.studio_requested.emit(step.action.preset)
        elif step.action.kind == "open-poster":
            self.poster_requested.emit(step.action.template)

    def _reveal_cursor(self) -> None:
        """Reading the text with the keyboard (arrows, links with Tab) scrolls the step."""
        content = self.step_scroll.widget()
        if not self.text.hasFocus() or content is None:
            return
        if self.text.textCursor().position() == 0:
            self.step_scroll.verticalScrollBar().setValue(0)
            return
        rect = self.text.cursorRect()
        point = self.text.viewport().mapTo(content, rect.center())
        self.step_scroll.ensureVisible(point.x(), point.y(), 0, rect.height() + 24)

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == "https":
            open_url(url.toString())
        elif url.scheme() == GLOSSARY_SCHEME:
            self.show_definition(url.path())

    # -- glossary -------------------------------------------------------------------------------
    def show_definition(self, term_id: str) -> bool:
        """Show the definition of the glossary word ``term_id`` under the text (False: unknown)."""
        term = self._session.catalogue.glossary.get(term_id)
        if term is None or self.step is None:
            log.debug("glossary link to an unknown word: %r", term_id[:80])
            return False
        if not self.definition_box.isVisible():
            self._link_cursor = QTextCursor(self.text.textCursor())
        self.definition_box.show_term(term)
        self._escape.setEnabled(True)
        self.definition_box.first_button().setFocus(Qt.FocusReason.OtherFocusReason)
        self.step_scroll.reveal_after_refit(self.definition_box)
        accessibility.announce(self.definition_box, f"{term.word} : {term.definition}")
        return True

    def close_definition(self) -> None:
        """Close the definition; the focus goes back to the link in the text."""
        if not self.definition_box.isVisible():
            return
        cursor = self._link_cursor
        self._hide_definition()
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)
        if cursor is not None:
            self.text.setTextCursor(cursor)
        self.step_scroll.reveal_after_refit(None)
        self._reveal_cursor()

    def _hide_definition(self) -> None:
        if self._reading_definition and self._speech.speaking:
            self._speech.stop()
        self._reading_definition = False
        self.definition_box.hide()
        self._escape.setEnabled(False)
        self._link_cursor = None

    def _on_read_definition(self, text: str) -> None:
        settings = self._session.settings
        self._speech.stop()
        self._speech.configure(settings.voice, settings.speech_rate)
        self._speech.say(text)
        self._reading_definition = True

    # -- the printable memo ---------------------------------------------------------------------
    def _on_memo(self) -> None:
        tutorial = self.tutorial
        if tutorial is None:
            return
        from lbpmv_desktop.core.fileio import safe_stem

        suggested = documents_dir() / f"aide-memoire-{safe_stem(tutorial.id)}.pdf"
        target = dialogs.ask_save_file(self, self.tr("Save the memo"), suggested, self.tr("PDF file (*.pdf)"))
        if target is None:
            return
        status = self._status()
        memo = memo_for(tutorial, shop=status.profile.shop_name if status and status.profile else None)

        def work() -> Path:
            from lbpmv_desktop.ui.tutorial.memo_pdf import write_memo_pdf

            write_memo_pdf(memo, target)
            return target

        self.memo_open.hide()
        self.memo_note.setText(self.tr("Saving the memo…"))
        set_role(self.memo_note, "muted")
        self.memo_note.show()
        self._session.maintenance.submit(
            work,
            partial(self._on_memo_saved, tutorial),
            partial(self._on_memo_failed, tutorial),
            context=self,
        )

    def _on_memo_saved(self, tutorial: Tutorial, path: Path) -> None:
        if self.tutorial is not tutorial:
            return
        self._memo_saved = path
        self.memo_note.setText(
            self.tr("✓ Memo saved: {path}. Print it and put it away where you will find it again.").format(
                path=path
            )
        )
        self.memo_open.show()
        self.step_scroll.reveal_after_refit(self.memo_row)
        accessibility.announce(self.memo_note, self.memo_note.text())

    def _on_memo_failed(self, tutorial: Tutorial, error: BaseException) -> None:
        log.warning("memo not saved: %r", error)
        if self.tutorial is not tutorial:
            return
        number = error.errno if isinstance(error, OSError) else None
        if number in (errno.ENOSPC, getattr(errno, "EDQUOT", -1), errno.EFBIG):
            reason = self.tr("the disk is full. Free some space or choose another place, then try again.")
        elif number in (errno.EROFS, errno.EACCES, errno.EPERM):
            reason = self.tr(
                "this place cannot be written to. Choose another folder (for example « Documents »), "
                "then try again."
            )
        else:
            reason = self.tr("choose another place (for example « Documents »), then try again.")
        self.memo_note.setText(self.tr("The memo has not been saved: {reason}").format(reason=reason))
        set_role(self.memo_note, "banner")
        self.memo_open.hide()
        self.step_scroll.reveal_after_refit(self.memo_row)
        accessibility.announce(self.memo_note, self.memo_note.text(), urgent=True)

    def _on_open_memo(self) -> None:
        if self._memo_saved is not None and not open_file(self._memo_saved):
            self.memo_note.setText(
                self.tr(
                    "The memo is saved in {path}, but no program opened it: open it from that folder."
                ).format(path=self._memo_saved)
            )

    def _change_text_size(self, delta: int) -> None:
        settings = self._session.settings
        self._session.update_settings(replace(settings, text_scale=settings.text_scale + delta))
