"""The app's live state and one small method per user action.

``AppSession`` owns the catalogue, the store and the settings. Each action runs its store work
in the ``TaskRunner`` and ends by announcing what changed (``status_changed``,
``settings_changed``); views listen to those signals and never call each other.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

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

    from lbpmv_desktop.core.progress.events import Event
    from lbpmv_desktop.core.progress.status import Status
    from lbpmv_desktop.core.progress.store import ProgressStore
    from lbpmv_desktop.paths import DataPaths

log = logging.getLogger(__name__)

# Background work that no screen waits for starts this long after the first screen is ready.
BACKGROUND_DELAY_MS = 1000


@dataclass(frozen=True)
class StoreProblem:
    """Why the store could not be opened, for the start-up dialog.

    Attributes:
        kind: "newer" or "damaged".
        backup: the latest good backup (for "damaged"), if any.
        backup_time: when it was made.
    """

    kind: str
    backup: Path | None = None
    backup_time: datetime | None = None


class AppSession(QObject):
    """Everything the screens need, behind signals.

    Signals:
        ready: the store is open and the first status is known.
        status_changed(Status): the progress changed.
        settings_changed(Settings): the merchant changed a setting.
        store_refused(StoreProblem): the database is newer or damaged.
        failed(str): an action failed; the message is for the merchant.
        erased: every piece of data was erased.
    """

    ready = Signal()
    status_changed = Signal(object)
    settings_changed = Signal(object)
    store_refused = Signal(object)
    failed = Signal(str)
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
        from lbpmv_desktop.core.progress.store import ProgressStore
        from lbpmv_desktop.core.tutorials.cache import load_cached

        self.paths.ensure()
        catalogue, problems = load_cached(self._content_root, self.paths.cache)
        store = ProgressStore.open(self.paths.database)
        return catalogue, [str(p) for p in problems], store, derive_status(store.events(), catalogue)

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
            # Checking each backup's integrity reads whole files: done in the worker.
            self.tasks.submit(self._find_good_backup, self.store_refused.emit, self.report)
        else:
            self.report(error)

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

        self.tasks.submit(work, lambda _: self.start(), self.report)

    # -- progress actions -----------------------------------------------------------------
    def _record(self, make: Callable[[str], Event], then: Callable[[], None] | None = None) -> None:
        store = self._store
        if store is None:
            return
        event = make(store.device)

        def work() -> Status:
            from lbpmv_desktop.core.progress.status import derive_status

            store.append([event])
            return derive_status(store.events(), self.catalogue)

        def done(status: Status) -> None:
            self._set_status(status)
            if then is not None:
                then()

        self.tasks.submit(work, done, self.report)

    def set_profile(self, shop_name: str, first_name: str, animator_name: str, goal: str) -> None:
        self._record(
            lambda d: ev.profile_set(
                d, shop_name=shop_name, first_name=first_name, animator_name=animator_name, goal=goal
            )
        )

    def open_step(self, tutorial: str, step: str) -> None:
        self._record(lambda d: ev.new_event(ev.STEP_OPENED, d, tutorial=tutorial, step=step))

    def mark_done(self, tutorial: str, step: str) -> None:
        self._record(lambda d: ev.new_event(ev.STEP_DONE, d, tutorial=tutorial, step=step))

    def mark_undone(self, tutorial: str, step: str) -> None:
        self._record(lambda d: ev.new_event(ev.STEP_UNDONE, d, tutorial=tutorial, step=step))

    def ask_help(self, tutorial: str, step: str, comment: str) -> None:
        self._record(lambda d: ev.help_asked(d, tutorial, step, comment))

    def rate_confidence(self, tutorial: str, moment: str, value: int) -> None:
        self._record(lambda d: ev.confidence_rated(d, tutorial, moment, value))

    def finish_tutorial(self, tutorial: str) -> None:
        self._record(lambda d: ev.new_event(ev.TUTORIAL_FINISHED, d, tutorial=tutorial))

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
                    "Your data could not be saved there. Nothing is lost: try another folder, "
                    "for example your Documents."
                )
            )
        else:
            self.report(error)

    def erase_data(self) -> None:
        """Erase events, backups, settings and caches; the app starts again as new."""
        store = self._store
        self._store = None

        def work() -> None:
            from lbpmv_desktop.core.progress.erase import erase_everything

            self.maintenance.drain()  # no backup may be written while everything is erased
            erase_everything(self.paths, store)

        def done(_: object) -> None:
            self.settings = Settings()
            self.settings_changed.emit(self.settings)
            self.erased.emit()
            self.start()

        self.tasks.submit(work, done, self.report)

    # -- settings -------------------------------------------------------------------------
    def update_settings(self, settings: Settings) -> None:
        """Apply new settings at once and save them in the worker."""
        settings = settings.clamped()
        if settings == self.settings:
            return
        self.settings = settings
        self.settings_changed.emit(settings)
        path = self.paths.settings

        def work() -> None:
            self.paths.ensure()
            save_settings(path, settings)

        self.tasks.submit(work, None, self.report)

    # -- helpers --------------------------------------------------------------------------
    def _set_status(self, status: Status) -> None:
        self.status = status
        self.status_changed.emit(status)

    def report(self, error: BaseException) -> None:
        """The failure handler of background work: log it, say it in plain words (``failed``)."""
        log.error("action failed: %r", error)
        message = getattr(error, "message", None)
        self.failed.emit(
            message
            if isinstance(message, str)
            else self.tr("Something went wrong. Nothing you did is lost: please try again.")
        )

    @property
    def store(self) -> ProgressStore | None:
        """The open store (for the helpers that run their own work in ``tasks``)."""
        return self._store

    def record(self, make: Callable[[str], Event]) -> None:
        """Record one event made by ``make(device)`` (for the visit and animator helpers)."""
        self._record(make)

    def shutdown(self) -> None:
        self.maintenance.shutdown()
        self.tasks.shutdown()
        if self._store is not None:
            self._store.close()
