"""The app's live state and one small method per user action.

``AppSession`` owns the catalogue, the store and the settings. Each action runs its store work
in the ``TaskRunner`` and ends by announcing what changed (``status_changed``,
``settings_changed``); views listen to those signals and never call each other.
"""

from __future__ import annotations

import errno
import itertools
import logging
import sqlite3
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from lbpmv_desktop import __version__
from lbpmv_desktop.core.fileio import write_text_atomic
from lbpmv_desktop.core.progress import events as ev
from lbpmv_desktop.core.tutorials.catalogue import Catalogue
from lbpmv_desktop.settings import Settings, load_settings, save_settings
from lbpmv_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from lbpmv_desktop.core.progress.erase import EraseResult
    from lbpmv_desktop.core.progress.events import Event
    from lbpmv_desktop.core.progress.status import Status
    from lbpmv_desktop.core.progress.store import ProgressStore
    from lbpmv_desktop.paths import DataPaths

log = logging.getLogger(__name__)

# Background work that no screen waits for starts this long after the first screen is ready.
BACKGROUND_DELAY_MS = 1000
# What could not be stored is tried again this often (and at the merchant's next action).
RETRY_INTERVAL_MS = 3000


def open_store(path: Path) -> ProgressStore:
    """Open the progress store at ``path`` (tests replace this function to simulate failing disks)."""
    from lbpmv_desktop.core.progress.store import ProgressStore

    return ProgressStore.open(path)


@dataclass(frozen=True)
class StoreProblem:
    """Why the store could not be opened, for the start-up dialog.

    Attributes:
        kind: "newer", "damaged" or "failed" (anything else: a missing or read-only folder, a bug).
        backup: the latest good backup (for "damaged"), if any.
        backup_time: when it was made.
        message: for "failed", what happened and what to do, in plain French (the window offers
            « Réessayer », which calls ``AppSession.retry_open``).
        not_regular: for "damaged", something that is not a file (a folder, a special file) has
            taken the database's name.
    """

    kind: str
    backup: Path | None = None
    backup_time: datetime | None = None
    message: str = ""
    not_regular: bool = False


@dataclass(frozen=True)
class _Unsaved:
    """An event not stored yet, with what to do once it is."""

    seq: int
    event: Event
    then: Callable[[], None] | None


def _still_there(then: Callable[[], None]) -> bool:
    """False when ``then`` is a (partial of a) method of a Qt object deleted meanwhile (a page
    rebuilt when the language changed)."""
    func = getattr(then, "func", then)
    owner = getattr(func, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


def _causes(error: BaseException) -> list[BaseException]:
    """``error`` and what it wraps (SQLAlchemy's ``.orig``, ``__cause__``, ``__context__``)."""
    found: list[BaseException] = []
    todo: list[BaseException | None] = [error]
    while todo and len(found) < 10:
        current = todo.pop(0)
        if current is None or any(current is seen for seen in found):
            continue
        found.append(current)
        orig = getattr(current, "orig", None)
        todo += [orig if isinstance(orig, BaseException) else None, current.__cause__, current.__context__]
    return found


# The reasons the store (``StoreWriteError.reason``) and the data folder (``DataFolderProblem.kind``)
# give, as the kinds of ``write_failure_kind``.
_REASONS = {
    "full": "full",
    "read-only": "read-only",
    "no-access": "read-only",
    "missing": "missing",
    "not-folder": "missing",
    "busy": "busy",
}


def write_failure_kind(error: BaseException) -> str:
    """Why a write failed: "full", "read-only", "missing" (folder gone, USB key unplugged), "busy"
    (another window of the app holds the file), "damaged" or "other"."""
    for cause in _causes(error):
        name = type(cause).__name__
        if name == "DamagedDatabaseError":
            return "damaged"
        reason = getattr(cause, "reason", None) or getattr(cause, "kind", None)
        if name in ("StoreWriteError", "StoreReadError", "DataFolderProblem") and reason in _REASONS:
            return _REASONS[str(reason)]
        if isinstance(cause, sqlite3.Error):
            text = str(cause).lower()
            if "full" in text:
                return "full"
            if "readonly" in text or "read-only" in text:
                return "read-only"
            if "locked" in text or "busy" in text:
                return "busy"
            if "unable to open" in text or "disk i/o" in text:
                return "missing"
        if isinstance(cause, OSError):
            if cause.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
                return "full"
            if cause.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                return "read-only"
            if cause.errno in (errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.EIO, errno.ENOTDIR):
                return "missing"
    return "other"


class AppSession(QObject):
    """Everything the screens need, behind signals.

    Signals:
        ready: the store is open and the first status is known.
        status_changed(Status): the progress changed.
        settings_changed(Settings): the merchant changed a setting.
        store_refused(StoreProblem): the database is newer or damaged.
        failed(str): an action failed; the message is for the merchant.
        write_failed(str): something the merchant did could not be stored (full disk, read-only
            or missing folder): what was not saved and what to do, in plain French. It is kept in
            memory and tried again every few seconds and at the next action.
        saved: what could not be stored has now been stored (after ``write_failed``).
        erased: every piece of data was erased.

    Attributes:
        unsaved_reason: while something is not stored, why and what to do (plain French).
    """

    ready = Signal()
    status_changed = Signal(object)
    settings_changed = Signal(object)
    store_refused = Signal(object)
    failed = Signal(str)
    write_failed = Signal(str)
    saved = Signal()
    erased = Signal()
    exported = Signal(str)

    def __init__(self, paths: DataPaths, content_root: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self._content_root = content_root
        self.tasks = TaskRunner(self)
        # Backups, warm-up and heavy file work (poster pictures and PDFs) run beside the store's
        # worker, so no progress write waits behind them.
        self.maintenance = TaskRunner(self)
        self.settings: Settings = load_settings(paths.settings)
        self.catalogue = Catalogue([])
        self.status: Status | None = None
        self._store: ProgressStore | None = None
        self.content_problems: list[str] = []
        self.unsaved_reason = ""
        self._unsaved: list[_Unsaved] = []
        self._seq = itertools.count()
        self._retry_in_flight = False
        self._retry_again = False
        self._retry_told = False
        self._settings_unsaved = False
        self._retry_timer = QTimer(self)
        self._retry_timer.setInterval(RETRY_INTERVAL_MS)
        self._retry_timer.timeout.connect(lambda: self._retry(told=False))
        from lbpmv_desktop.ui.sharing import Sharing

        self.sharing = Sharing(self)

    # -- start-up -------------------------------------------------------------------------
    def start(self) -> None:
        """Load the tutorials and open the store in the worker."""
        self.tasks.submit(self._open, self._on_opened, self._on_open_failed)

    def _open(self) -> tuple[Catalogue, list[str], ProgressStore, Status]:
        # The content loader and the store are imported here, in the worker, so that their
        # import overlaps with building the window instead of delaying it.
        from lbpmv_desktop.core.progress.status import derive_status
        from lbpmv_desktop.core.progress.store import DamagedDatabaseError
        from lbpmv_desktop.core.tutorials.cache import load_cached

        self.paths.ensure()
        catalogue, problems = load_cached(self._content_root, self.paths.cache)
        store = open_store(self.paths.database)
        try:
            try:
                events = store.events()
            except (ValueError, TypeError, KeyError) as error:  # a stored row that cannot be read
                raise DamagedDatabaseError(repr(error)) from error
            status = derive_status(events, catalogue)
        except BaseException:
            store.close()
            raise
        return catalogue, [str(p) for p in problems], store, status

    def _on_opened(self, result: tuple[Catalogue, list[str], ProgressStore, Status]) -> None:
        self.catalogue, self.content_problems, self._store, status = result
        for problem in self.content_problems:
            log.warning("content problem: %s", problem)
        self._set_status(status)
        self.ready.emit()
        # Held back until the first screen is drawn: a Python thread importing SQLAlchemy or
        # copying the database competes with the GUI thread for the GIL.
        QTimer.singleShot(BACKGROUND_DELAY_MS, self, self._start_maintenance)

    def _start_maintenance(self) -> None:
        store = self._store
        if store is None:
            return
        self.maintenance.submit(self._daily_backup, None, lambda e: log.warning("backup failed: %s", e))
        self.maintenance.submit(store.warm_up, None, lambda e: log.warning("store warm-up failed: %s", e))

    def _on_open_failed(self, error: BaseException) -> None:
        from lbpmv_desktop.core.progress.store import DamagedDatabaseError, NewerDatabaseError

        if isinstance(error, NewerDatabaseError):
            self.store_refused.emit(StoreProblem("newer"))
        elif isinstance(error, DamagedDatabaseError):
            log.warning("damaged database: %s", getattr(error, "detail", error))
            # Checking each backup's integrity reads whole files: done in the worker.
            odd = bool(getattr(error, "not_regular", False))
            self.tasks.submit(
                self._find_good_backup,
                lambda problem: self.store_refused.emit(replace(problem, not_regular=odd)),
                self._on_backup_search_failed,
            )
        else:
            self._refuse_open(error)

    def _on_backup_search_failed(self, error: BaseException) -> None:
        log.error("looking for a good backup failed: %r", error)
        self.store_refused.emit(StoreProblem("damaged"))

    def _refuse_open(self, error: BaseException) -> None:
        """Anything else that kept the store from opening: never left on « Ouverture… »."""
        log.error("the store could not be opened: %r", error, exc_info=error)
        message = getattr(error, "message", None)
        if not isinstance(message, str):
            message = self._failure_advice(write_failure_kind(error), opening=True)
        self.store_refused.emit(StoreProblem("failed", message=message))

    def retry_open(self) -> None:
        """Try again to open the store (« Réessayer » after a ``"failed"`` StoreProblem)."""
        self.start()

    def _find_good_backup(self) -> StoreProblem:
        from lbpmv_desktop.core.progress import backup

        good = backup.latest_good_backup(self.paths.backups)
        return StoreProblem("damaged", good, backup.backup_time(good) if good else None)

    def _daily_backup(self) -> Path | None:
        from lbpmv_desktop.core.progress import backup

        return backup.make_backup(self.paths.database, self.paths.backups, datetime.now())

    def restore_backup(self, chosen: Path) -> None:
        """Replace the damaged database by ``chosen``, then open it."""

        def work() -> None:
            from lbpmv_desktop.core.progress import backup

            backup.restore_backup(chosen, self.paths.database, self.paths.quarantine, datetime.now())

        self.tasks.submit(work, lambda _: self.start(), self._refuse_open)

    # -- progress actions -----------------------------------------------------------------
    def _record(self, make: Callable[[str], Event], then: Callable[[], None] | None = None) -> None:
        """Store the event ``make(device)``; ``then()`` runs once it is stored, never before.

        A write that fails keeps the event in memory, in order, says so (``write_failed``) and
        is tried again every few seconds and at the next action until it lands (``saved``).
        """
        store = self._store
        if store is None:
            log.warning("an action came before the store was open: not recorded")
            return
        unsaved = _Unsaved(next(self._seq), make(store.device), then)
        if self._unsaved or self._retry_in_flight:
            self._unsaved.append(unsaved)
            self._retry(told=True)  # the next action tries again, and says it if still failing
            return
        self._write([unsaved], retry=False, told=True)

    def _write(self, batch: list[_Unsaved], *, retry: bool, told: bool) -> None:
        store = self._store
        if store is None:
            return
        catalogue = self.catalogue

        def work() -> Status | BaseException:
            from lbpmv_desktop.core.progress.status import derive_status

            store.append([u.event for u in batch])  # one transaction: all of them, or none
            try:
                return derive_status(store.events(), catalogue)
            except Exception as error:  # stored, but the log cannot be read back
                return error

        def done(result: Status | BaseException) -> None:
            self._retry_in_flight = self._retry_in_flight and not retry
            landed = {u.seq for u in batch}
            self._unsaved = [u for u in self._unsaved if u.seq not in landed]
            if isinstance(result, BaseException):
                self.report(result)
            else:
                self._set_status(result)
            if not self._unsaved and not self._settings_unsaved and self.unsaved_reason:
                self._all_saved()
            for unsaved in batch:
                if unsaved.then is not None and _still_there(unsaved.then):
                    unsaved.then()
            self._retry_pending()

        def failed(error: BaseException) -> None:
            self._retry_in_flight = self._retry_in_flight and not retry
            known = {u.seq for u in self._unsaved}
            self._unsaved += [u for u in batch if u.seq not in known]
            self._unsaved.sort(key=lambda u: u.seq)
            self._write_failed(error, told=told)
            self._retry_pending()

        if retry:
            self._retry_in_flight = True
        self.tasks.submit(work, done, failed)

    def _retry(self, *, told: bool) -> None:
        """Try again what is not stored (one transaction for the events, then the settings)."""
        if self._retry_in_flight:
            self._retry_again = True
            self._retry_told = self._retry_told or told
            return
        if self._unsaved:
            self._write(list(self._unsaved), retry=True, told=told)
        if self._settings_unsaved:
            self._save_settings(told=told)

    def _retry_pending(self) -> None:
        if self._retry_again and not self._retry_in_flight:
            self._retry_again = False
            told, self._retry_told = self._retry_told, False
            if self._unsaved or self._settings_unsaved:
                self._retry(told=told)

    def retry_writes(self) -> None:
        """« Réessayer »: try again now to store what could not be stored."""
        self._retry(told=True)

    @property
    def unsaved_count(self) -> int:
        """How many events are waiting to be stored (kept in memory while the app runs)."""
        return len(self._unsaved)

    @property
    def has_unsaved(self) -> bool:
        """Whether something the merchant did (events or settings) is not stored yet."""
        return bool(self._unsaved) or self._settings_unsaved

    def _write_failed(self, error: BaseException, *, told: bool) -> None:
        reason = self._failure_advice(write_failure_kind(error))
        changed = reason != self.unsaved_reason
        if changed:
            log.error("write failed, kept in memory and retried: %r", error)
        self.unsaved_reason = reason
        if not self._retry_timer.isActive():
            self._retry_timer.start()
        if told or changed:  # the timer's own retries do not repeat the same message
            self.write_failed.emit(
                self.tr("Not saved yet: {what}. {reason}").format(what=self._unsaved_what(), reason=reason)
            )

    def _all_saved(self) -> None:
        log.info("what could not be stored is now stored")
        self._retry_timer.stop()
        self.unsaved_reason = ""
        self.saved.emit()

    def _unsaved_what(self) -> str:
        """What is not stored, in a few words (the most telling first)."""
        said: list[str] = []
        for unsaved in self._unsaved:
            words = self._describe(unsaved.event)
            if words and words not in said:
                said.append(words)
        if self._settings_unsaved:
            said.append(self.tr("your settings"))
        if not said:
            return self.tr("the step you opened")
        if len(said) > 3:
            return self.tr("{first} and {count} other things you did").format(
                first=", ".join(said[:2]), count=len(said) - 2
            )
        return ", ".join(said)

    def _describe(self, event: Event) -> str:
        tutorial = self.catalogue.get(event.tutorial) if event.tutorial else None
        step = next((s for s in tutorial.steps if s.id == event.step), None) if tutorial else None
        step_title = step.title if step else (event.step or "")
        tutorial_title = tutorial.title if tutorial else (event.tutorial or "")
        kind = event.kind
        if kind == ev.STEP_DONE:
            return self.tr("the step « {title} » marked as done").format(title=step_title)
        if kind == ev.STEP_UNDONE:
            return self.tr("the step « {title} » marked as not done").format(title=step_title)
        if kind == ev.TUTORIAL_FINISHED:
            return self.tr("the end of the tutorial « {title} »").format(title=tutorial_title)
        if kind == ev.HELP_ASKED:
            return self.tr("your help request")
        if kind == ev.CONFIDENCE_RATED:
            return self.tr("your answer to « I feel able to do it »")
        if kind == ev.PROFILE_SET:
            return self.tr("your shop's name and your goal")
        if kind in (ev.POSTER_MADE, ev.PHOTO_EXPORTED):
            return self.tr("the poster or photo you made, in your progress")
        if kind in (ev.VISIT_STARTED, ev.DIAGNOSTIC_DONE, ev.PLAN_SET, ev.VISIT_NOTE, ev.HELP_ANSWERED):
            return self.tr("what was noted during the visit")
        return ""  # a step opened: not worth a word when something else is there

    def _failure_advice(self, kind: str, *, opening: bool = False) -> str:
        """Why it failed and what to do, for a failure of ``kind`` (see ``write_failure_kind``)."""
        again = self.tr("The app tries again by itself every few seconds.")
        if kind == "full":
            advice = self.tr(
                "The computer's disk is full. Free some space (empty the recycle bin, delete files you "
                "no longer need)."
            )
        elif kind == "read-only":
            advice = self.tr(
                "The folder where your progress is kept cannot be written to. If it is on a USB key, "
                "check that the key is plugged in and not locked."
            )
        elif kind == "missing":
            advice = self.tr(
                "The folder where your progress is kept cannot be reached. If it is on a USB key, "
                "plug the key back in."
            )
        elif kind == "busy":
            advice = self.tr("Your progress file is in use by another window of the app: close that window.")
        elif kind == "damaged" and not opening:
            return self.tr(
                "Your progress file is damaged. Close the app and open it again: it will offer to take "
                "back its latest good copy."
            )
        else:
            advice = self.tr(
                "The app could not write your progress. If this goes on, close the app and show the "
                "file {log} to your animator."
            ).format(log=self._log_file())
            if opening:
                return self.tr(
                    "Your progress could not be opened. Try again; if this goes on, show the file {log} "
                    "to your animator."
                ).format(log=self._log_file())
        if opening:
            return self.tr("Your progress could not be opened. {advice} Then try again.").format(
                advice=advice
            )
        return f"{advice} {again}"

    def _log_file(self) -> Path:
        return self.paths.root / "lbpmv.log"  # where app.py keeps the log

    def set_profile(self, shop_name: str, first_name: str, animator_name: str, goal: str) -> None:
        self._record(
            lambda d: ev.profile_set(
                d, shop_name=shop_name, first_name=first_name, animator_name=animator_name, goal=goal
            )
        )

    def open_step(self, tutorial: str, step: str) -> None:
        self._record(lambda d: ev.new_event(ev.STEP_OPENED, d, tutorial=tutorial, step=step))

    def mark_done(self, tutorial: str, step: str, then: Callable[[], None] | None = None) -> None:
        self._record(lambda d: ev.new_event(ev.STEP_DONE, d, tutorial=tutorial, step=step), then)

    def mark_undone(self, tutorial: str, step: str) -> None:
        self._record(lambda d: ev.new_event(ev.STEP_UNDONE, d, tutorial=tutorial, step=step))

    def ask_help(
        self, tutorial: str, step: str, comment: str, then: Callable[[], None] | None = None
    ) -> None:
        self._record(lambda d: ev.help_asked(d, tutorial, step, comment), then)

    def rate_confidence(self, tutorial: str, moment: str, value: int) -> None:
        self._record(lambda d: ev.confidence_rated(d, tutorial, moment, value))

    def finish_tutorial(self, tutorial: str, then: Callable[[], None] | None = None) -> None:
        self._record(lambda d: ev.new_event(ev.TUTORIAL_FINISHED, d, tutorial=tutorial), then)

    def record_poster_made(self, template: str) -> None:
        self._record(lambda d: ev.new_event(ev.POSTER_MADE, d, data={"template": template}))

    def record_photo_exported(self, preset: str) -> None:
        self._record(lambda d: ev.new_event(ev.PHOTO_EXPORTED, d, data={"preset": preset}))

    def export_data(self, target: Path) -> None:
        """Write every event and the settings as one JSON file at ``target``."""
        store = self._store
        if store is None:
            return
        settings = self.settings

        def work() -> str:
            import json

            from lbpmv_desktop.core.progress.store import export_document

            document: dict[str, Any] = export_document(store, __version__, datetime.now(UTC))
            document["settings"] = settings.__dict__.copy()
            write_text_atomic(target, json.dumps(document, ensure_ascii=False, indent=2))
            return str(target)

        self.tasks.submit(work, self.exported.emit, self._on_export_failed)

    def _on_export_failed(self, error: BaseException) -> None:
        if isinstance(error, OSError):
            self.failed.emit(
                self.tr(
                    "Your data could not be saved there; your progress in the app is not affected. "
                    "Try another folder, for example your Documents."
                )
            )
        else:
            self.report(error)

    def erase_data(self) -> None:
        """Erase events, backups, settings and caches; the app starts again as new."""
        store = self._store
        self._store = None
        # The merchant asked for everything to go: what was waiting to be stored goes too.
        self._unsaved, self._settings_unsaved, self.unsaved_reason = [], False, ""
        self._retry_timer.stop()

        def work() -> EraseResult:
            from lbpmv_desktop.core.progress.erase import erase_everything

            self.maintenance.drain()  # no backup may be written while everything is erased
            return erase_everything(self.paths, store)

        def done(result: EraseResult) -> None:
            self.settings = Settings()
            self.settings_changed.emit(self.settings)
            self.erased.emit()
            self.start()
            if result.message:  # the notice could not be written, or something was left
                self.failed.emit(result.message)

        def failed(error: BaseException) -> None:
            self.report(error)
            self.start()  # what is left is opened again: the app never goes on without its store

        self.tasks.submit(work, done, failed)

    # -- settings -------------------------------------------------------------------------
    def update_settings(self, settings: Settings) -> None:
        """Apply new settings at once and save them in the worker."""
        settings = settings.clamped()
        if settings == self.settings:
            return
        self.settings = settings
        self.settings_changed.emit(settings)
        self._save_settings(told=True)

    def _save_settings(self, *, told: bool) -> None:
        """Save the current settings; on failure say so and try again with the latest ones."""
        settings, path = self.settings, self.paths.settings

        def work() -> None:
            self.paths.ensure()
            save_settings(path, settings)

        def done(_: object) -> None:
            if settings is self.settings:
                self._settings_unsaved = False
                if not self._unsaved and self.unsaved_reason:
                    self._all_saved()

        def failed(error: BaseException) -> None:
            self._settings_unsaved = True
            self._write_failed(error, told=told)

        self.tasks.submit(work, done, failed)

    # -- helpers --------------------------------------------------------------------------
    def _set_status(self, status: Status) -> None:
        self.status = status
        self.status_changed.emit(status)

    def report(self, error: BaseException) -> None:
        """The failure handler of background work: log it, say it in plain words (``failed``)."""
        log.error("action failed: %r", error, exc_info=error)
        message = getattr(error, "message", None)
        self.failed.emit(
            message
            if isinstance(message, str)
            else self.tr(
                "Something went wrong: this action could not be finished. Please try again; if it "
                "happens again, show the file {log} to your animator."
            ).format(log=self._log_file())
        )

    @property
    def store(self) -> ProgressStore | None:
        """The open store (for the helpers that run their own work in ``tasks``)."""
        return self._store

    def record(self, make: Callable[[str], Event], then: Callable[[], None] | None = None) -> None:
        """Record one event made by ``make(device)`` (for the visit and animator helpers); ``then()``
        runs once it is stored."""
        self._record(make, then)

    def _last_try(self) -> None:
        """Closing with events not stored: one last try (no worker left); what still fails is
        written in the log, event by event, rather than silently dropped."""
        store, unsaved = self._store, self._unsaved
        if store is None or not unsaved:
            return
        try:
            store.append([u.event for u in unsaved])
        except Exception as error:
            log.error("closing with %d event(s) not stored: %r", len(unsaved), error)
            for item in unsaved:
                log.error("not stored: %s", item.event.as_json())
        else:
            self._unsaved = []

    def shutdown(self) -> None:
        self._retry_timer.stop()
        self.maintenance.shutdown()
        self.tasks.shutdown()
        self._last_try()
        if self._store is not None:
            self._store.close()
