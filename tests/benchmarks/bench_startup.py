"""Start-up benchmark (run on demand, never part of the test suite).

Measures the whole process, from launch until the Accueil is on screen and interactive (the
progress store is open and the path shown), against a bare PySide6 window started the same way
in the same run. Prints medians and the ratio. Target: ratio ≤ 2 and under 1 s on the reference
machine (2 cores).

When the Linux bundle has been built (``bash installer/build-linux.sh``), the installed app is
measured too, started as a merchant starts it (``dist/lbpmv/lbpmv``, no Python), and reported
beside the source start-up; ``LBPMV_STARTUP_PROBE`` makes it print when the Accueil is ready.

    .venv/bin/python tests/benchmarks/bench_startup.py [--runs 9] [--bundle dist/lbpmv/lbpmv]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BARE = """
import time
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QLabel("Bonjour"))
window.show()
app.processEvents()
print(time.time(), flush=True)
"""

APP = """
import sys
import time
from PySide6.QtCore import QTimer
from lbpmv_desktop.app import AppController, application
from lbpmv_desktop.paths import data_paths

app = application()
controller = AppController(app, data_paths(sys.argv[1]).ensure())
window = controller.start()

def check():
    if controller.session.status is not None and window.current_page() == "home" and window.isVisible():
        app.processEvents()
        print(time.time(), flush=True)
        controller.shutdown()
        app.exit(0)
    else:
        QTimer.singleShot(1, check)

QTimer.singleShot(0, check)
sys.exit(app.exec())
"""


def _prepare(data_dir: str) -> None:
    """A merchant who already went through Bienvenue and did a few steps."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from lbpmv_desktop.core.progress import events as ev\n"
        "from lbpmv_desktop.core.progress.store import ProgressStore\n"
        "s = ProgressStore.open(Path(sys.argv[1]) / 'progress.sqlite')\n"
        "s.append([ev.profile_set(s.device, shop_name='Les Petits Pas', first_name='Martine', animator_name='Léa', goal='photos')])\n"
        "s.append([ev.new_event(ev.STEP_DONE, s.device, tutorial='photos-produits', step=f'x{n}') for n in range(30)])\n"
        "s.close()\n"
    )
    subprocess.run([sys.executable, "-c", code, data_dir], check=True, cwd=ROOT)


def _time(code: str, *args: str, command: list[str] | None = None) -> float:
    """Seconds from launching the process to the moment it reports its window interactive."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "PYTHONPATH": str(ROOT),
    }
    # An installed app runs from compiled bytecode; this machine sets PYTHONDONTWRITEBYTECODE,
    # which would make every run recompile the app's sources (not the pip-installed Qt).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if command is not None:  # the installed bundle: no Python path, the probe prints the time
        env = {**env, "LBPMV_STARTUP_PROBE": "1"}
        env.pop("PYTHONPATH")
    start = time.time()
    done = subprocess.run(
        command or [sys.executable, "-c", code, *args],
        check=True,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    return float(done.stdout.split()[-1]) - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "lbpmv" / "lbpmv")
    args = parser.parse_args()
    bundle: Path | None = args.bundle if args.bundle.is_file() else None
    with tempfile.TemporaryDirectory() as data_dir, tempfile.TemporaryDirectory() as bundle_dir:
        _prepare(data_dir)
        _time(APP, data_dir)  # first run compiles the translation and the bytecode, fills the caches
        bundled_command = [str(bundle), "--data-dir", bundle_dir] if bundle else None
        if bundled_command:
            _prepare(bundle_dir)
            _time("", command=bundled_command)  # the bundle's first run compiles its translation
        bare, full, bundled = [], [], []
        for _ in range(args.runs):  # interleaved so all see the same machine load
            bare.append(_time(BARE))
            full.append(_time(APP, data_dir))
            if bundled_command:
                bundled.append(_time("", command=bundled_command))
    bare_median, app_median = statistics.median(bare), statistics.median(full)
    print(f"bare PySide6 window : median {bare_median * 1000:6.0f} ms  (min {min(bare) * 1000:.0f})")
    print(f"lbpmv to Accueil    : median {app_median * 1000:6.0f} ms  (min {min(full) * 1000:.0f})")
    print(f"ratio               : {app_median / bare_median:.2f}×  (target ≤ 2×, and < 1000 ms)")
    if bundled:
        bundle_median = statistics.median(bundled)
        print(f"installed bundle    : median {bundle_median * 1000:6.0f} ms  (min {min(bundled) * 1000:.0f})")
        print(
            f"bundle / source     : {bundle_median / app_median:.2f}×   bundle / bare: {bundle_median / bare_median:.2f}×"
        )
    else:
        print("installed bundle    : not built (bash installer/build-linux.sh)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
