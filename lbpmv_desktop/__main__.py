"""``python -m lbpmv_desktop`` entry point."""

from __future__ import annotations

import sys

from lbpmv_desktop.cli import main

sys.exit(main())
