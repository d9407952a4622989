"""Run the ``lbpmv`` command as a separate process, like an animator or a script would."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def lbpmv(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m lbpmv_desktop ARGS`` with this checkout first on the path; ``env`` adds variables."""
    return subprocess.run(
        [sys.executable, "-m", "lbpmv_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": os.getcwd(), **(env or {})},
    )
