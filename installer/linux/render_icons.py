"""Render the app's SVG icon to the PNG sizes the Linux desktop and Windows installer need."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

SOURCE = Path(__file__).resolve().parents[2] / "resources" / "icons" / "lbpmv.svg"


def main(out: Path) -> int:
    app = QGuiApplication([])
    renderer = QSvgRenderer(str(SOURCE))
    out.mkdir(parents=True, exist_ok=True)
    for size in (16, 32, 48, 64, 128, 256):
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        image.save(str(out / f"lbpmv-{size}.png"))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
