"""Run store work off the GUI thread and hand results back on it.

A single worker thread serialises every database operation (like Anki's task manager): the
GUI only submits work and receives the result, or the error, through a queued signal.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from collections.abc import Callable

log = logging.getLogger(__name__)


class TaskRunner(QObject):
    """A one-thread executor whose callbacks run on the GUI thread."""

    _delivered = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lbpmv-store")
        self._pending = 0
        self._delivered.connect(self._on_delivered)

    @property
    def pending(self) -> int:
        return self._pending

    def submit(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``work`` in the worker; then ``on_success(result)`` or ``on_failure(error)`` here."""
        self._pending += 1

        def job() -> None:
            try:
                outcome: tuple[bool, Any] = (True, work())
            except Exception as error:  # handed to the GUI thread, never lost
                log.debug("task failed", exc_info=True)
                outcome = (False, error)
            self._delivered.emit((on_success, on_failure, outcome))

        self._executor.submit(job)

    def _on_delivered(self, packed: tuple[Any, Any, tuple[bool, Any]]) -> None:
        on_success, on_failure, (ok, value) = packed
        self._pending -= 1
        if ok and on_success is not None:
            on_success(value)
        elif not ok and on_failure is not None:
            on_failure(value)
        elif not ok:
            log.error("unhandled task error: %r", value)

    def drain(self) -> None:
        """Block until the work submitted so far is done (call from another worker, never the GUI)."""
        self._executor.submit(lambda: None).result()

    def shutdown(self) -> None:
        """Finish the queued work (writes are never dropped), then stop the thread."""
        self._executor.shutdown(wait=True)
