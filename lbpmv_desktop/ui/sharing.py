"""Sharing the merchant's progress: the shop's code, a file to send, and the sharing folder
where the latest signed file is written by itself after each change (debounced, atomic)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from lbpmv_desktop import __version__
from lbpmv_desktop.ui.session import BACKGROUND_DELAY_MS

if TYPE_CHECKING:
    from lbpmv_desktop.core.progress.status import Status
    from lbpmv_desktop.ui.session import AppSession

log = logging.getLogger(__name__)
AUTO_SHARE_DELAY_MS = 3000


class Sharing(QObject):
    """The merchant side of sharing.

    Signals:
        code_ready(str): the shop's verification code is known.
        shared(object): a file was written (the datetime of the last share).
        failed(str): a plain French message.
    """

    code_ready = Signal(str)
    shared = Signal(object)
    failed = Signal(str)

    def __init__(self, session: AppSession) -> None:
        super().__init__(session)
        self._session = session
        self.code = ""
        self.last_shared: datetime | None = None
        self._key: Any = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTO_SHARE_DELAY_MS)
        self._timer.timeout.connect(self.share_to_folder)
        session.ready.connect(self._on_ready)
        session.status_changed.connect(self._on_status_changed)

    def _on_ready(self) -> None:
        store = self._session.store

        def load_last() -> datetime | None:
            last = store.get_meta("last_shared_at") if store else None
            return datetime.fromisoformat(last) if last else None

        def done(last: datetime | None) -> None:
            self.last_shared = last
            self.shared.emit(last)

        self._session.tasks.submit(load_last, done, self._session.report, context=self)
        # The key (and the cryptography import) is not needed for the first screen.
        QTimer.singleShot(BACKGROUND_DELAY_MS, self, self._load_key)

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

    def _on_status_changed(self, _status: Status) -> None:
        settings = self._session.settings
        if settings.role == "merchant" and settings.sharing_enabled and settings.sharing_folder:
            self._timer.start()

    def preview(self) -> list[str]:
        """Exactly what the animator will see (the file's readable summary)."""
        from lbpmv_desktop.core.progress.sharing import summary_lines

        status = self._session.status
        return summary_lines(status, self._session.catalogue) if status else []

    def file_name(self) -> str:
        from lbpmv_desktop.core.photo.export import safe_stem

        status, store = self._session.status, self._session.store
        name = status.profile.shop_name if status and status.profile else "commerce"
        return f"progres-{safe_stem(name)}-{store.shop_id[:8] if store else 'x'}.lbpmv"

    def _write(self, target: Path) -> datetime:
        from lbpmv_desktop.core.fileio import write_bytes_atomic
        from lbpmv_desktop.core.progress.sharing import export_bundle

        store = self._session.store
        assert store is not None
        key = self._key
        if key is None:  # asked for before the key was loaded in the background
            from lbpmv_desktop.core.progress.identity import load_or_create_key

            key = load_or_create_key(self._session.paths.shop_key)
        now = datetime.now(UTC)
        write_bytes_atomic(target, export_bundle(store, key, self._session.catalogue, __version__, now))
        store.set_meta("last_shared_at", now.isoformat())
        return now

    def send_to(self, target: Path) -> None:
        """Write the progress file where the merchant chose (desktop, USB key)."""
        self._session.tasks.submit(lambda: self._write(target), self._on_shared, self._on_failed)

    def share_to_folder(self) -> None:
        folder = self._session.settings.sharing_folder
        if not folder or not self._session.settings.sharing_enabled:
            return
        target = Path(folder) / self.file_name()
        self._session.tasks.submit(lambda: self._write(target), self._on_shared, self._on_failed)

    def _on_shared(self, when: datetime) -> None:
        self.last_shared = when
        self.shared.emit(when)

    def _on_failed(self, error: BaseException) -> None:
        log.warning("sharing failed: %r", error)
        self.failed.emit(
            self.tr("Your progress could not be written in the sharing folder. Is the USB key plugged in?")
            if isinstance(error, OSError)
            else self.tr("Your progress could not be shared. Nothing is lost: please try again.")
        )
