"""Python's cyclic garbage collection, run on the GUI thread only.

Left automatic, the collector runs in whichever thread happens to allocate when a threshold is
reached: the store's worker thread, say. If a discarded page (a window rebuilt when the language
changes, a closed dialog) sits in a reference cycle, its Qt objects are then destroyed in that
thread, which races the GUI thread for Qt's locks and the GIL; it was seen to deadlock the tests.
So automatic collection is turned off and the same generational collection is run from a timer
on the GUI thread instead (objects without cycles are still freed at once by reference counting).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    """Collects the generations whose thresholds were passed, every ``interval_ms`` on the GUI thread."""

    def __init__(self, parent: QObject, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)
        gc.disable()
        self._timer.start()

    def collect_due(self) -> int:
        """Collect the youngest generation (cheap), and the older ones when their thresholds are
        passed, as the automatic collector would; returns the oldest generation collected.

        The youngest is collected at every tick because the allocation count is only sampled
        here: a burst of allocations freed again before the tick would not show in it.
        """
        counts, thresholds = gc.get_count(), gc.get_threshold()
        generation = 0
        if counts[1] > thresholds[1]:
            generation = 1
            if counts[2] > thresholds[2]:
                generation = 2
        gc.collect(generation)
        return generation

    def stop(self) -> None:
        """Give collection back to Python (at exit, or in tests)."""
        self._timer.stop()
        gc.enable()


def install(app: QObject) -> GuiThreadCollector:
    """Turn automatic collection off for the life of ``app``; it is turned back on when ``app`` goes."""
    existing = app.findChild(GuiThreadCollector)
    if isinstance(existing, GuiThreadCollector):
        return existing
    collector = GuiThreadCollector(app)
    app.destroyed.connect(lambda *_: gc.enable())
    return collector
