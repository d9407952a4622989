"""``python -m lbpmv_desktop`` entry point."""

from __future__ import annotations

import sys

from lbpmv_desktop.cli import main

if __name__ == "__main__":  # photo worker processes import this module too: they must not start the app
    sys.exit(main())
