"""Run store work off the GUI thread and hand results back on it.

A single worker thread serialises every database operation (like Anki's task manager): the
GUI only submits work and receives the result, or the error, through a queued signal.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import shiboken6
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
        self._closed = False
        self._delivered.connect(self._on_delivered)

    @property
    def pending(self) -> int:
        return self._pending

    def submit(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        *,
        context: QObject | None = None,
    ) -> None:
        """Run ``work`` in the worker; then ``on_success(result)`` or ``on_failure(error)`` here.

        The callbacks are skipped when ``context`` (by default the object of a bound-method
        ``on_success``) was destroyed meanwhile, e.g. a page rebuilt when the language changed:
        the work itself is still done.
        """
        if context is None and isinstance(getattr(on_success, "__self__", None), QObject):
            context = on_success.__self__  # type: ignore[union-attr]
        if self._closed:  # the app is closing: late timers start nothing new
            log.debug("task refused: the runner is shut down")
            return
        self._pending += 1

        def job() -> None:
            try:
                outcome: tuple[bool, Any] = (True, work())
            except Exception as error:  # handed to the GUI thread, never lost
                log.debug("task failed", exc_info=True)
                outcome = (False, error)
            self._delivered.emit((on_success, on_failure, outcome, context))

        self._executor.submit(job)

    def _on_delivered(self, packed: tuple[Any, Any, tuple[bool, Any], QObject | None]) -> None:
        on_success, on_failure, (ok, value), context = packed
        self._pending -= 1
        if context is not None and not shiboken6.isValid(context):
            log.debug("task result dropped: its receiver is gone")
        elif ok and on_success is not None:
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
        self._closed = True
        self._executor.shutdown(wait=True)
