"""Content benchmark (run on demand, never part of the test suite).

Times, in CPU milliseconds (the machine is shared: CPU time is steadier than wall time), the
catalogue loaded from the JSON cache, from the packs, a full ``content check``, and the checks of
hostile text that used to be quadratic or worse (a step full of ``![``, a TOML key of dots, a
TOML file of blank lines), and the step view showing 200 KB of brackets.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_content.py [--runs 20]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable


def _measure(label: str, action: Callable[[], object], runs: int) -> None:
    times = []
    for _ in range(runs):
        start = time.process_time()
        action()
        times.append((time.process_time() - start) * 1000)
    print(f"{label:<46} min {min(times):8.2f} ms   median {statistics.median(times):8.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs

    from lbpmv_desktop.core.tutorials.cache import load_cached
    from lbpmv_desktop.core.tutorials.loader import load_catalogue
    from lbpmv_desktop.core.tutorials.markup import markdown_problems, toml_problem
    from lbpmv_desktop.paths import tutorials_dir

    root = tutorials_dir()
    cache = Path(tempfile.mkdtemp(prefix="lbpmv-bench-"))
    load_cached(root, cache)
    _measure("catalogue from the JSON cache", lambda: load_cached(root, cache), runs)
    _measure("catalogue from the packs (thorough=False)", lambda: load_catalogue(root, thorough=False), runs)
    _measure("content check (thorough)", lambda: load_catalogue(root), runs)

    brackets = "![" * 50_000 + "[" * 50_000  # 200 KB
    _measure("Markdown check, 200 KB of ![ and [", lambda: markdown_problems(brackets), runs)
    dotted = "a" + ".a" * 200_000 + " = 1\n"  # 400 KB
    _measure("TOML pre-check, 400 KB dotted key", lambda: toml_problem(dotted), runs)
    blank = 'id = "x"\n' + " \n" * 8000
    _measure("TOML pre-check, 8000 blank lines", lambda: toml_problem(blank), runs)

    from PySide6.QtWidgets import QApplication

    from lbpmv_desktop.ui.tutorial.markdown_view import MarkdownView

    app = QApplication.instance() or QApplication([])
    view = MarkdownView()
    view.resize(700, 500)
    view.show()
    app.processEvents()
    folder = Path(tempfile.mkdtemp(prefix="lbpmv-bench-pack-"))
    _measure(
        "step view, 200 KB of ![ and [", lambda: view.show_markdown(brackets, folder, 1.0), max(3, runs // 5)
    )


if __name__ == "__main__":
    main()
