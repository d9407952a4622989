"""Run the ``lbpmv`` command as a separate process, like an animator or a script would."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def lbpmv(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    before: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m lbpmv_desktop ARGS`` with this checkout first on the path; ``env`` adds variables,
    ``before`` runs in the child before the command (a resource limit)."""
    return subprocess.run(
        [sys.executable, "-m", "lbpmv_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        preexec_fn=before,  # noqa: PLW1509 (the tests start it from one thread)
        env={**os.environ, "PYTHONPATH": os.getcwd(), **(env or {})},
    )
