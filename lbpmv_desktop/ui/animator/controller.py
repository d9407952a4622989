"""The animator's work: the followed shops, imports (files and the watched folder), answers to
help requests and the programme's reports. All store work runs in the session's worker."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

if TYPE_CHECKING:
    from lbpmv_desktop.ui.session import AppSession

log = logging.getLogger(__name__)
POLL_MS = 30_000  # synced folders do not always notify changes


class AnimatorController(QObject):
    """Signals:
    rows_changed(list): the shops' rows (plain dicts) after a load or an import.
    imported(str): a short French message about what arrived.
    unknown_shop(object): (path, shop name, code) of a file whose shop must be confirmed.
    failed(str): a plain French message.
    timeline_ready(str, list): a shop's events, oldest first.
    """

    rows_changed = Signal(list)
    imported = Signal(str)
    unknown_shop = Signal(object)
    failed = Signal(str)
    timeline_ready = Signal(str, list)

    def __init__(self, session: AppSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._seen: dict[str, float] = {}
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(lambda _path: self.scan_folder())
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.scan_folder)
        self.rows: list[dict[str, Any]] = []

    # -- loading ------------------------------------------------------------------------------
    def load(self) -> None:
        store = self._session.store
        if store is None:
            return

        def work() -> list[dict[str, Any]]:
            from lbpmv_desktop.core.progress.store import shop_rows

            return shop_rows(store)

        self._session.tasks.submit(work, self._on_rows, self._report)

    def _on_rows(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.rows_changed.emit(rows)

    def load_timeline(self, shop_id: str) -> None:
        store = self._session.store
        if store is not None:
            self._session.tasks.submit(
                lambda: store.events(shop_id),
                lambda events: self.timeline_ready.emit(shop_id, events),
                self._report,
            )

    # -- importing ----------------------------------------------------------------------------
    def import_files(self, paths: list[Path], code: str | None = None) -> None:
        store, catalogue = self._session.store, self._session.catalogue
        if store is None:
            return

        def work() -> tuple[list[str], list[tuple[Path, str, str]], list[str]]:
            from lbpmv_desktop.core.progress.bundle import BundleRefused, read_progress_file
            from lbpmv_desktop.core.progress.sharing import UnknownShop, import_bundle

            done, unknown, refused = [], [], []
            for path in paths:
                try:
                    result = import_bundle(
                        store, read_progress_file(path), catalogue, datetime.now(UTC), confirm_code=code
                    )
                    done.append(f"{result.shop_name} : {result.new_events}")
                except UnknownShop as unknown_shop:
                    unknown.append((path, unknown_shop.shop_name, unknown_shop.code))
                except BundleRefused as refusal:
                    refused.append(f"{path.name} : {refusal.message}")
                except OSError:
                    refused.append(f"{path.name} : fichier illisible.")
            return done, unknown, refused

        def finished(result: tuple[list[str], list[tuple[Path, str, str]], list[str]]) -> None:
            done, unknown, refused = result
            if done:
                self.imported.emit(self.tr("New progress received: {list}").format(list=" ; ".join(done)))
            for entry in unknown:
                self.unknown_shop.emit(entry)
            if refused:
                self.failed.emit("\n".join(refused))
            self.load()

        self._session.tasks.submit(work, finished, self._report)

    def watch(self, folder: str) -> None:
        """Watch the sharing folder and import new files by themselves."""
        for path in self._watcher.directories():
            self._watcher.removePath(path)
        if folder and Path(folder).is_dir():
            self._watcher.addPath(folder)
            self._poll.start()
            self.scan_folder()
        else:
            self._poll.stop()

    def set_watched_folder(self, folder: Path) -> None:
        self._session.update_settings(replace(self._session.settings, sharing_folder=str(folder)))
        self.watch(str(folder))

    def scan_folder(self) -> None:
        """Import the progress files that are new or changed since the last look.

        The folder is listed in a worker (a USB key or a synced folder can be slow to answer);
        which files are new is decided here, on the GUI thread, the only one touching ``_seen``.
        """
        folder = self._session.settings.sharing_folder
        if not folder:
            return

        def list_folder() -> list[tuple[Path, float]]:
            found = []
            for path in Path(folder).glob("*.lbpmv") if Path(folder).is_dir() else []:
                with contextlib.suppress(OSError):
                    found.append((path, path.stat().st_mtime))
            return found

        def listed(found: list[tuple[Path, float]]) -> None:
            fresh = []
            for path, stamp in found:
                if self._seen.get(str(path)) != stamp:
                    self._seen[str(path)] = stamp
                    fresh.append(path)
            if fresh:
                self.import_files(sorted(fresh))

        self._session.maintenance.submit(list_folder, listed, self._report, context=self)

    # -- answering and reporting --------------------------------------------------------------
    def answer(self, shop_id: str, request_id: str, text: str) -> None:
        store, catalogue = self._session.store, self._session.catalogue
        if store is None:
            return

        def work() -> None:
            from lbpmv_desktop.core.progress.sharing import answer_help

            answer_help(store, shop_id, request_id, text, catalogue, datetime.now(UTC))

        def done(_result: object) -> None:
            self.load()
            self.load_timeline(shop_id)

        self._session.tasks.submit(work, done, self._report)

    def export_report(self, target: Path, kind: str) -> None:
        store = self._session.store
        if store is None:
            return

        def work() -> str:
            if kind == "pdf":
                from lbpmv_desktop.ui.reports import write_pdf_report

                write_pdf_report(store, target)
            else:
                from lbpmv_desktop.core.fileio import write_text_atomic
                from lbpmv_desktop.core.progress.report import csv_report

                write_text_atomic(target, csv_report(store))
            return str(target)

        self._session.tasks.submit(
            work,
            lambda path: self.imported.emit(self.tr("Report saved: {path}").format(path=path)),
            self._report,
        )

    def _report(self, error: BaseException) -> None:
        log.error("animator action failed: %r", error)
        message = getattr(error, "message", None)
        self.failed.emit(
            message
            if isinstance(message, str)
            else self.tr("Something went wrong. Nothing is lost: please try again.")
        )
