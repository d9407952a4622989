"""Entry point of the installed (frozen) application: the same ``main`` as ``lbpmv``."""

import sys

from lbpmv_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
