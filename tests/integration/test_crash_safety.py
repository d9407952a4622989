"""No acknowledged write is lost when the app is killed in the middle of a step."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from typing import TYPE_CHECKING

import pytest

from lbpmv_desktop.core.progress.store import ProgressStore

if TYPE_CHECKING:
    from pathlib import Path

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from lbpmv_desktop.core.progress import events as ev
    from lbpmv_desktop.core.progress.store import ProgressStore

    store = ProgressStore.open(Path(sys.argv[1]))
    while True:
        event = ev.new_event(ev.STEP_DONE, store.device, tutorial="t", step="s", data={"pad": "x" * 200})
        store.append([event])
        sys.stdout.write(event.id + "\\n")
        sys.stdout.flush()
    """
)


@pytest.mark.slow
def test_killing_a_writer_at_random_points_loses_no_acknowledged_event(tmp_path: Path) -> None:
    database = tmp_path / "dossier avec espace #1" / "progress.sqlite"
    acknowledged: set[str] = set()
    rng = random.Random(20261126)
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    for _ in range(6):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(database)], stdout=subprocess.PIPE, text=True, env=env
        )
        assert writer.stdout is not None
        first = writer.stdout.readline()  # the store is open and writing
        acknowledged.add(first.strip())
        time.sleep(rng.uniform(0.01, 0.25))
        writer.send_signal(signal.SIGKILL)
        remaining, _ = writer.communicate()
        acknowledged.update(line for line in remaining.splitlines() if len(line) == 36)
    store = ProgressStore.open(database)
    stored = {event.id for event in store.events()}
    store.close()
    assert len(acknowledged) > 6
    assert acknowledged <= stored
