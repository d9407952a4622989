"""The animator's work: the followed shops, imports (files and the watched folder), answers to
help requests and the programme's reports. All store work runs in the session's worker."""

from __future__ import annotations

import contextlib
import logging
import os
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

if TYPE_CHECKING:
    from lbpmv_desktop.core.progress.store import ProgressStore
    from lbpmv_desktop.core.tutorials.catalogue import Catalogue
    from lbpmv_desktop.ui.session import AppSession

log = logging.getLogger(__name__)
POLL_MS = 30_000  # synced folders do not always notify changes
TIMELINE_SHOWN = 500  # a shop's newest events shown in its timeline


Stamp = tuple[int, int]  # a file's (mtime_ns, size): it changed when this changes
DECLINED_RETRY_S = 600.0
REFUSALS_SHOWN = 5  # a folder full of junk gives a short message, not a page of it  # a new shop's code not given: asked again ten minutes later


class AnimatorController(QObject):
    """The animator's followed shops and their imports.

    Files from the watched folder are listed with ``fileio.regular_files`` (a FIFO or a link to a
    device is skipped without being opened) and read with the bundle's reader (bounded, regular
    files only). A file counts as seen only once its import is finished (imported or refused for
    good); a file from an unknown shop waits for the animator's code, one question at a time,
    and is asked again later when the question is cancelled.

    Signals:
        rows_changed(list): the shops' rows (plain dicts) after a load or an import.
        imported(str): a short French message about what arrived.
        unknown_shop(object): (path, shop name, code) of a file whose shop must be confirmed; the
            receiver asks, then calls ``confirm_shop`` (never two questions at once).
        failed(str): a plain French message.
        timeline_ready(str, list): a shop's newest ``TIMELINE_SHOWN`` events, oldest first.
    """

    rows_changed = Signal(object)
    imported = Signal(str)
    unknown_shop = Signal(object)
    failed = Signal(str)
    timeline_ready = Signal(str, object)

    def __init__(self, session: AppSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._seen: dict[str, Stamp] = {}
        self._busy: set[str] = set()  # being imported, or waiting for the animator's code
        self._declined: dict[str, tuple[Stamp | None, float]] = {}
        self._said: dict[str, tuple[Stamp | None, str]] = {}  # a retried file's last problem told
        self._questions: list[tuple[Path, str, str, Stamp | None]] = []
        self._asking = False
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
            from lbpmv_desktop.core.progress.report import stored_shops

            return stored_shops(store)

        self._session.tasks.submit(work, self._on_rows, self._report)

    def _on_rows(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.rows_changed.emit(rows)

    def load_timeline(self, shop_id: str) -> None:
        store = self._session.store
        if store is not None:
            self._session.tasks.submit(
                lambda: store.events(shop_id)[-TIMELINE_SHOWN:],  # only the shown ones cross threads
                lambda events: self.timeline_ready.emit(shop_id, events),
                self._report,
            )

    # -- importing ----------------------------------------------------------------------------
    def import_files(self, paths: list[Path], code: str | None = None) -> None:
        """Import ``paths`` in the worker; ``code``: the animator's confirmation of a new shop."""
        store, catalogue = self._session.store, self._session.catalogue
        if store is None:
            for path in paths:
                self._busy.discard(str(path))
            return
        self._busy.update(str(path) for path in paths)

        def work() -> list[_Outcome]:
            return [_import_one(store, catalogue, path, code) for path in paths]

        def failed(error: BaseException) -> None:
            for path in paths:
                self._busy.discard(str(path))
            self._report(error)

        self._session.tasks.submit(work, lambda outcomes: self._on_imported(outcomes, code), failed)

    def _on_imported(self, outcomes: list[_Outcome], code: str | None) -> None:
        done, refused, confirmed = [], [], set()
        for outcome in outcomes:
            key = str(outcome.path)
            if outcome.kind == "unknown":
                if code is not None:  # the code typed was not this shop's: asked again
                    refused.append(
                        self.tr("{file}: the code typed is not the code of “{shop}”.").format(
                            file=_file_name(outcome.path), shop=outcome.shop_name
                        )
                    )
                if all(str(q[0]) != key for q in self._questions):
                    self._questions.append((outcome.path, outcome.shop_name, outcome.code, outcome.stamp))
                continue
            self._busy.discard(key)
            if outcome.kind in ("done", "refused") and outcome.stamp is not None:
                self._seen[key] = outcome.stamp
            self._declined.pop(key, None)
            if outcome.kind == "retry":  # tried again at every look, told once until it changes
                if self._said.get(key) != (outcome.stamp, outcome.text):
                    self._said[key] = (outcome.stamp, outcome.text)
                    refused.append(outcome.text)
                continue
            self._said.pop(key, None)
            if outcome.kind == "done":
                done.append(self._arrived(outcome))
                if code is not None:
                    confirmed.add(outcome.code)
            else:
                refused.append(outcome.text)
        if done:
            self.imported.emit(self.tr("Progress files received: {list}").format(list=" ; ".join(done)))
        if refused:
            shown = refused[:REFUSALS_SHOWN]
            if len(refused) > REFUSALS_SHOWN:
                shown.append(
                    self.tr("… and {count} more files refused.").format(count=len(refused) - REFUSALS_SHOWN)
                )
            self.failed.emit("\n".join(shown))
        # Other files of a shop just confirmed need no question any more.
        again = [q for q in self._questions if q[2] in confirmed]
        if again:
            self._questions = [q for q in self._questions if q[2] not in confirmed]
            self.import_files([q[0] for q in again])
        self.load()
        QTimer.singleShot(0, self._ask_next)

    def _arrived(self, outcome: _Outcome) -> str:
        """What one imported file brought, in words (a notice brings no events but news)."""
        shop = outcome.shop_name or "—"
        # An older file (a notice replayed, a copy found later) changed neither the shop's name
        # nor its sharing state: what it says is old news, so ``newest`` is tested first.
        if not outcome.newest and not outcome.new_events:
            return self.tr("{shop}: nothing new (this file, or a newer one, was already received)").format(
                shop=shop
            )
        if outcome.newest and outcome.sharing == "stopped":
            return self.tr("{shop}: sharing stopped").format(shop=shop)
        if outcome.newest and outcome.sharing == "erased":
            return self.tr("{shop}: data erased by the merchant").format(shop=shop)
        return self.tr("{shop}: {count} new event(s)").format(shop=shop, count=outcome.new_events)

    def _ask_next(self) -> None:
        """Ask about the next unknown shop, once the previous question is answered."""
        if self._asking or not self._questions:
            return
        path, name, code, _stamp = self._questions[0]
        self._asking = True
        self.unknown_shop.emit((path, name, code))

    def confirm_shop(self, path: Path, typed: str | None) -> None:
        """The animator's answer about ``path``'s new shop: the code typed, or None (cancelled:
        the file is not seen, and is asked about again later)."""
        self._asking = False
        entry = next((q for q in self._questions if q[0] == path), None)
        self._questions = [q for q in self._questions if q[0] != path]
        if typed:
            self.import_files([path], code=typed)
        else:
            self._busy.discard(str(path))
            self._declined[str(path)] = (entry[3] if entry else None, time.monotonic())
        QTimer.singleShot(0, self._ask_next)

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
        """Import the progress files that are new or changed since their last import.

        The folder is listed in a worker (a USB key or a synced folder can be slow to answer), with
        ``regular_files``: FIFOs, devices and links to them are skipped without being opened.
        Which files are new is decided here, on the GUI thread, the only one touching ``_seen``.
        """
        folder = self._session.settings.sharing_folder
        if not folder:
            return

        def list_folder() -> list[tuple[Path, Stamp]]:
            from lbpmv_desktop.core.fileio import regular_files

            found = []
            for path in regular_files(Path(folder)):
                if path.suffix.lower() != ".lbpmv":
                    continue
                with contextlib.suppress(OSError):
                    found.append((path, _stamp(path.stat())))
            return found

        def listed(found: list[tuple[Path, Stamp]]) -> None:
            fresh = []
            now = time.monotonic()
            for path, stamp in found:
                key = str(path)
                if key in self._busy or self._seen.get(key) == stamp:
                    continue
                declined = self._declined.get(key)
                if declined and declined[0] == stamp and now - declined[1] < DECLINED_RETRY_S:
                    continue
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

                # With a byte-order mark, a spreadsheet opening the file by a double click reads
                # it as UTF-8 (« Léa », not « LÃ©a »).
                write_text_atomic(target, "\ufeff" + csv_report(store))
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


def _stamp(stat: os.stat_result) -> Stamp:
    return (stat.st_mtime_ns, stat.st_size)


def _file_name(path: Path) -> str:
    """A file's name as it may be shown (a name can hold control or direction characters)."""
    from lbpmv_desktop.core.cleantext import clean_text

    return clean_text(path.name, limit=120) or "?"


@dataclass(frozen=True)
class _Outcome:
    """What happened to one file: "done", "refused" (for good, until it changes), "unknown"
    (its shop waits for the animator's code) or "retry" (a problem of this computer)."""

    path: Path
    kind: str
    text: str = ""
    stamp: Stamp | None = None
    shop_name: str = ""
    code: str = ""
    new_events: int = 0
    sharing: str = "active"
    newest: bool = True


def _import_one(store: ProgressStore, catalogue: Catalogue, path: Path, code: str | None) -> _Outcome:
    """Read and import one progress file (in the worker); never raises."""
    from lbpmv_desktop.core.cleantext import clean_text
    from lbpmv_desktop.core.fileio import UnsafeFile, check_regular
    from lbpmv_desktop.core.progress.bundle import MAX_FILE_BYTES, BundleRefused, read_progress_file
    from lbpmv_desktop.core.progress.sharing import UnknownShop, import_bundle

    name = _file_name(path)
    stamp: Stamp | None = None
    try:
        # The stamp is taken before any check, so a file refused for any reason (too big, not a
        # regular file…) is remembered as seen and told again only once it changes.
        with contextlib.suppress(OSError):
            stamp = _stamp(os.stat(path))  # never opens: a FIFO cannot block
        check_regular(path, MAX_FILE_BYTES)
        result = import_bundle(
            store, read_progress_file(path), catalogue, datetime.now(UTC), confirm_code=code, source=name
        )
    except UnknownShop as unknown:
        return _Outcome(path, "unknown", "", stamp, clean_text(unknown.shop_name, limit=200), unknown.code)
    except (BundleRefused, UnsafeFile) as refusal:
        return _Outcome(path, "refused", f"{name} : {clean_text(refusal.message, limit=600)}", stamp)
    except Exception as error:  # the store or this computer: tried again at the next look
        log.error("import of a progress file failed: %r", error)
        message = getattr(error, "message", None)
        text = message if isinstance(message, str) else "il n'a pas pu être importé ; nouvel essai bientôt."
        return _Outcome(path, "retry", f"{name} : {text}", stamp)
    shop = clean_text(result.shop_name, limit=200)
    return _Outcome(
        path, "done", "", stamp, shop, new_events=result.new_events, sharing=result.sharing,
        newest=result.newest,
    )  # fmt: skip
