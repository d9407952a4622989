"""Sharing the merchant's progress: the shop's code, a file to send, and the sharing folder
where the latest signed file is written by itself after each change (debounced, atomic).

What is shown before sharing (``request_preview``) and what is written come from the same
``share_content`` of the same log, with the same choice about the animator's visit notes.
Stopping replaces the folder's file with a signed « stopped » notice (no events).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from lbpmv_desktop import __version__
from lbpmv_desktop.ui.session import BACKGROUND_DELAY_MS

if TYPE_CHECKING:
    from collections.abc import Callable

    from lbpmv_desktop.core.progress.status import Status
    from lbpmv_desktop.core.progress.store import ProgressStore
    from lbpmv_desktop.ui.session import AppSession

log = logging.getLogger(__name__)
AUTO_SHARE_DELAY_MS = 3000
# The merchant's choice about the animator's visit notes, kept with their progress (so that
# « Effacer toutes mes données » forgets it too).
VISIT_NOTES_META = "share_visit_notes"
# Not sent unless the merchant ticks the box: the notes are about them, written on their
# computer, and the animator already has them on the visit sheet.
VISIT_NOTES_DEFAULT = False
# When the « stopped » notice could not be written yet: the time sharing was stopped (else "").
STOP_PENDING_META = "sharing_stop_pending"
NOTICE_RETRY_MS = 15_000


@dataclass(frozen=True)
class SharePreview:
    """What a file would hold, described in plain French, with and without the visit notes.

    Attributes:
        with_notes: the lines describing the file's events when the visit notes go with it.
        without_notes: the same, without them.
        include_notes: the merchant's current choice.
    """

    with_notes: tuple[str, ...]
    without_notes: tuple[str, ...]
    include_notes: bool

    @property
    def has_notes(self) -> bool:
        """Whether the choice changes anything (there are visit notes to send or not)."""
        return self.with_notes != self.without_notes

    def lines(self, include_notes: bool) -> tuple[str, ...]:
        return self.with_notes if include_notes else self.without_notes


class Sharing(QObject):
    """The merchant side of sharing.

    Attributes:
        include_visit_notes: whether the animator's visit notes go in the files written.

    Signals:
        code_ready(str): the shop's verification code is known (or "" while it is not).
        shared(object): what the animator has now: the datetime of the last file, or None when
            nothing is shared (never shared, sharing stopped, data erased).
        stopped(): the sharing folder's file now says that sharing stopped.
        failed(str): a plain French message.
    """

    code_ready = Signal(str)
    shared = Signal(object)
    stopped = Signal()
    failed = Signal(str)

    def __init__(self, session: AppSession) -> None:
        super().__init__(session)
        self._session = session
        self.code = ""
        self.last_shared: datetime | None = None
        self.include_visit_notes = VISIT_NOTES_DEFAULT
        self._key: Any = None
        # Read in the worker when a write runs: a write queued before « Arrêter le partage »
        # must not put a full file back after the notice.
        self._folder_open = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTO_SHARE_DELAY_MS)
        self._timer.timeout.connect(self.share_to_folder)
        self._stopped_at: datetime | None = None
        self._retry = QTimer(self)
        self._retry.setInterval(NOTICE_RETRY_MS)
        self._retry.timeout.connect(lambda: self._write_stop_notice(quiet=True))
        session.ready.connect(self._on_ready)
        session.status_changed.connect(self._on_status_changed)
        session.erased.connect(self._on_erased)

    # -- state ----------------------------------------------------------------------------
    @property
    def is_stopped(self) -> bool:
        """A sharing folder is set and the merchant stopped sharing in it."""
        settings = self._session.settings
        return bool(settings.sharing_folder) and not settings.sharing_enabled

    def _folder_active(self) -> bool:
        settings = self._session.settings
        return settings.role == "merchant" and settings.sharing_enabled and bool(settings.sharing_folder)

    def _on_ready(self) -> None:
        store = self._session.store

        def load() -> tuple[datetime | None, bool, datetime | None]:
            if store is None:
                return None, VISIT_NOTES_DEFAULT, None
            last = store.get_meta("last_shared_at")
            notes = store.get_meta(VISIT_NOTES_META)
            pending = store.get_meta(STOP_PENDING_META)
            choice = VISIT_NOTES_DEFAULT if notes is None else notes == "1"
            return (
                datetime.fromisoformat(last) if last else None,
                choice,
                datetime.fromisoformat(pending) if pending else None,
            )

        def done(result: tuple[datetime | None, bool, datetime | None]) -> None:
            self.last_shared, self.include_visit_notes, pending = result
            self._folder_open = not self.is_stopped
            self._emit_shared()
            if pending is not None and self.is_stopped:  # the notice of an earlier session
                self._stopped_at = pending
                self._write_stop_notice(quiet=True)

        self._session.tasks.submit(load, done, self._session.report, context=self)
        # The key (and the cryptography import) is not needed for the first screen.
        QTimer.singleShot(BACKGROUND_DELAY_MS, self, self._load_key)

    def _emit_shared(self) -> None:
        self.shared.emit(None if self.is_stopped else self.last_shared)

    def _on_erased(self) -> None:
        """Everything is gone, the key too: a new one (and a new code) comes with the new start."""
        self._timer.stop()
        self._retry.stop()
        self._stopped_at = None
        self._key = None
        self.code = ""
        self.last_shared = None
        self.include_visit_notes = VISIT_NOTES_DEFAULT
        self.code_ready.emit("")
        self.shared.emit(None)

    def _load_key(self) -> None:
        key_path = self._session.paths.shop_key

        def load() -> tuple[Any, str]:
            from lbpmv_desktop.core.progress.identity import (
                load_or_create_key,
                public_bytes,
                verification_code,
            )

            key = load_or_create_key(key_path)
            return key, verification_code(public_bytes(key))

        def done(result: tuple[Any, str]) -> None:
            self._key, self.code = result
            self.code_ready.emit(self.code)

        self._session.tasks.submit(load, done, self._session.report, context=self)

    def _current_key(self) -> Any:
        """The shop key (in the worker): loaded now if asked for before the background load."""
        if self._key is None:
            from lbpmv_desktop.core.progress.identity import load_or_create_key

            self._key = load_or_create_key(self._session.paths.shop_key)
        return self._key

    def _on_status_changed(self, _status: Status) -> None:
        if self._folder_active():
            self._timer.start()

    # -- what is shared -------------------------------------------------------------------
    def request_preview(self, then: Callable[[SharePreview], None]) -> None:
        """Describe (in the worker) exactly what a file written now would hold, then ``then(preview)``."""
        store, catalogue = self._session.store, self._session.catalogue
        choice = self.include_visit_notes
        if store is None:
            then(SharePreview((), (), choice))
            return

        def work() -> SharePreview:
            from lbpmv_desktop.core.progress.sharing import share_content

            with_notes = share_content(store, catalogue, include_visit_notes=True)
            without = share_content(store, catalogue, include_visit_notes=False)
            return SharePreview(tuple(with_notes.lines), tuple(without.lines), choice)

        self._session.tasks.submit(work, then, self._on_failed, context=self)

    def set_include_visit_notes(self, include: bool, *, share: bool = True) -> None:
        """Remember the choice (with the progress); the sharing folder's file follows it (unless
        ``share`` is False: the caller writes it)."""
        if include == self.include_visit_notes:
            return
        self.include_visit_notes = include
        store = self._session.store
        if store is not None:
            self._session.tasks.submit(
                lambda: store.set_meta(VISIT_NOTES_META, "1" if include else "0"), None, self._session.report
            )
        if share and self._folder_active():
            self.share_to_folder()

    def file_name(self) -> str:
        from lbpmv_desktop.core.progress.erase import shared_file_name

        status, store = self._session.status, self._session.store
        name = status.profile.shop_name if status and status.profile else ""
        return shared_file_name(name, store.shop_id if store else "")

    def _file_bytes(self, store: ProgressStore, now: datetime, include_notes: bool) -> bytes:
        from lbpmv_desktop.core.progress.sharing import export_bundle

        return export_bundle(
            store,
            self._current_key(),
            self._session.catalogue,
            __version__,
            now,
            include_visit_notes=include_notes,
        )

    def send_to(self, target: Path, include_notes: bool | None = None) -> None:
        """Write the progress file where the merchant chose (desktop, USB key)."""
        store = self._session.store
        if store is None:
            return
        include = self.include_visit_notes if include_notes is None else include_notes

        def work() -> datetime:
            from lbpmv_desktop.core.fileio import write_bytes_atomic

            now = datetime.now(UTC)
            write_bytes_atomic(target, self._file_bytes(store, now, include))
            store.set_meta("last_shared_at", now.isoformat())
            return now

        self._session.tasks.submit(work, self._on_shared, self._on_failed)

    def share_to_folder(self) -> None:
        """Write the latest file in the sharing folder (nothing while sharing is stopped)."""
        folder = self._session.settings.sharing_folder
        store = self._session.store  # the store of now: a write queued before an erase uses it
        if not folder or not self._session.settings.sharing_enabled or store is None:
            return
        self._folder_open = True
        self._retry.stop()  # a full file replaces a notice still waiting to be written
        self._stopped_at = None
        name, include = self.file_name(), self.include_visit_notes

        def work() -> datetime | None:
            from lbpmv_desktop.core.progress.erase import publish_shared_file
            from lbpmv_desktop.core.progress.identity import public_text

            if not self._folder_open:  # stopped (or erased) since this write was asked for
                return None
            now = datetime.now(UTC)
            publish_shared_file(
                Path(folder), name, self._file_bytes(store, now, include), public_text(self._current_key())
            )
            store.set_meta("last_shared_at", now.isoformat())
            store.set_meta(STOP_PENDING_META, "")
            return now

        self._session.tasks.submit(work, self._on_shared, self._on_failed)

    def stop(self) -> None:
        """Replace the sharing folder's file by a signed « stopped » notice; nothing more is written.

        The settings already say that sharing is off; ``stopped`` or ``failed`` tells how the
        folder's file was left. A notice that could not be written is tried again (every
        ``NOTICE_RETRY_MS``, and at the next start) until it is.
        """
        self._timer.stop()
        self._folder_open = False
        self._emit_shared()
        if not self._session.settings.sharing_folder or self._session.store is None:
            return
        self._stopped_at = datetime.now(UTC)
        self._write_stop_notice(quiet=False)

    def _write_stop_notice(self, *, quiet: bool) -> None:
        folder = self._session.settings.sharing_folder
        store = self._session.store
        if not folder or store is None or not self.is_stopped:
            self._retry.stop()
            return
        name = self.file_name()
        status = self._session.status
        shop_name = (status.profile.shop_name if status and status.profile else "") or "Mon commerce"
        when = self._stopped_at or datetime.now(UTC)

        def work() -> None:
            from lbpmv_desktop.core.progress.bundle import write_notice
            from lbpmv_desktop.core.progress.erase import publish_shared_file
            from lbpmv_desktop.core.progress.identity import public_text

            store.set_meta(STOP_PENDING_META, when.isoformat())
            key = self._current_key()
            notice = write_notice(key, store.shop_id, shop_name, "stopped", __version__, when)
            publish_shared_file(Path(folder), name, notice, public_text(key))
            store.set_meta(STOP_PENDING_META, "")

        def failed(error: BaseException) -> None:
            log.warning("the stopped notice could not be written: %r", error)
            if not self._retry.isActive():
                self._retry.start()
            if not quiet:
                self.failed.emit(
                    self.tr(
                        "Sharing is stopped on this computer, but the file in the sharing folder could not "
                        "be replaced (is the USB key plugged in?): your animator may still see your last "
                        "progress. Plug it in: the app replaces the file as soon as the folder is back."
                    )
                )

        def done(_: object) -> None:
            self._retry.stop()
            self._stopped_at = None
            self.stopped.emit()

        self._session.tasks.submit(work, done, failed, context=self)

    def leave_folder(self, folder: str) -> None:
        """The merchant chose another sharing folder: the file in the one left (``folder``) says
        that sharing stopped there, so that no full copy of their progress stays behind."""
        store = self._session.store
        if not folder or store is None:
            return
        name = self.file_name()
        status = self._session.status
        shop_name = (status.profile.shop_name if status and status.profile else "") or "Mon commerce"

        def work() -> None:
            from lbpmv_desktop.core.progress.bundle import write_notice
            from lbpmv_desktop.core.progress.erase import publish_shared_file, shop_files
            from lbpmv_desktop.core.progress.identity import public_text

            key = self._current_key()
            if not shop_files(Path(folder), public_text(key)):
                return  # nothing of this shop there
            notice = write_notice(key, store.shop_id, shop_name, "stopped", __version__, datetime.now(UTC))
            publish_shared_file(Path(folder), name, notice, public_text(key))

        def failed(error: BaseException) -> None:
            log.warning("the previous sharing folder could not be told: %r", error)
            self.failed.emit(
                self.tr(
                    "Your progress file in the previous sharing folder could not be replaced: it may still "
                    "be there, with your progress up to today."
                )
            )

        self._session.tasks.submit(work, None, failed, context=self)

    def _on_shared(self, when: datetime | None) -> None:
        if when is None:
            return
        self.last_shared = when
        self._emit_shared()

    def _on_failed(self, error: BaseException) -> None:
        log.warning("sharing failed: %r", error)
        self.failed.emit(
            self.tr("Your progress could not be written in the sharing folder. Is the USB key plugged in?")
            if isinstance(error, OSError)
            else self.tr("Your progress could not be shared. Nothing is lost: please try again.")
        )
