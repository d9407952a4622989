"""A read-only Markdown view whose pictures come from the tutorial folder, scaled with the text."""

from __future__ import annotations

import math
import re
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QFocusEvent, QImage, QPainter, QTextDocument
from PySide6.QtWidgets import QSizePolicy, QTextBrowser, QWidget

MAX_IMAGE_WIDTH = 640
IMAGE_RE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


class MarkdownView(QTextBrowser):
    """Shows one step's Markdown, as tall as its text: the page around it scrolls (one scroll
    bar for the whole step, whatever the screen and text size).

    Signals:
        link_activated(QUrl): the merchant followed a link (the page decides what to do).
        focused: the view took the keyboard focus.

    Attributes:
        missing_images: pictures that could not be shown for the current text.
    """

    link_activated = Signal(QUrl)
    focused = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._folder: Path | None = None
        self._scale = 1.0
        self.missing_images: list[str] = []
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.anchorClicked.connect(self._on_anchor)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    # -- as tall as the text ----------------------------------------------------------------
    def _chrome(self) -> tuple[int, int]:
        """Width and height around the text: frame and viewport margins."""
        margins = self.viewportMargins()
        frame = 2 * self.frameWidth()
        return frame + margins.left() + margins.right(), frame + margins.top() + margins.bottom()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        extra_w, extra_h = self._chrome()
        document = self.document()
        current, wanted = document.textWidth(), max(1, width - extra_w)
        if abs(current - wanted) < 0.5:
            return math.ceil(document.size().height()) + extra_h
        # Measured quietly: the view lays its own text out again at its own width afterwards.
        layout = document.documentLayout()
        blocked = document.blockSignals(True), layout.blockSignals(True)
        try:
            document.setTextWidth(wanted)
            height = document.size().height()
            document.setTextWidth(current)
        finally:
            document.blockSignals(blocked[0])
            layout.blockSignals(blocked[1])
        return math.ceil(height) + extra_h

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        width = max(self.width(), 200)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        # Only ever as tall as its text (the layout asks heightForWidth); never wider than a column.
        lines = 2 * self.fontMetrics().lineSpacing()
        return QSize(120, min(lines, self.heightForWidth(max(self.width(), 200))) + self._chrome()[1])

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusInEvent(event)
        self.focused.emit()

    def _on_anchor(self, url: QUrl) -> None:
        self.link_activated.emit(url)

    def show_markdown(self, markdown: str, folder: Path, scale: float) -> None:
        self._folder = folder.resolve()
        self._scale = scale
        self.missing_images = []
        # A fresh document per step; pictures are added as resources once the text is set.
        # (Overriding loadResource in Python leaks a reference to None per call in PySide 6.)
        document = QTextDocument(self)
        document.setDefaultFont(self.font())
        document.setMarkdown(markdown)
        for match in IMAGE_RE.finditer(markdown):
            target = match.group(1)
            image = self._load_image(QUrl(target))
            if image is None:
                self.missing_images.append(target)
                image = QImage(QSize(1, 1), QImage.Format.Format_ARGB32)
                image.fill(Qt.GlobalColor.transparent)
            document.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(target), image)
        self.setDocument(document)  # the previous document, owned by this view, is deleted by Qt
        self.verticalScrollBar().setValue(0)
        document.documentLayout().documentSizeChanged.connect(self.updateGeometry)
        self.updateGeometry()

    def plain_text(self) -> str:
        """The text as read aloud: no picture placeholders."""
        return self.toPlainText().replace("\ufffc", " ").strip()

    def _resolve(self, name: QUrl) -> Path | None:
        assert self._folder is not None
        if name.isLocalFile():
            candidate = Path(name.toLocalFile())
        elif name.isRelative() and name.scheme() == "":
            candidate = self._folder / name.path()
        else:
            return None
        try:
            resolved = candidate.resolve()
        except OSError:
            return None
        return resolved if resolved.is_relative_to(self._folder) and resolved.is_file() else None

    def _target_width(self, natural: int) -> int:
        available = max(200, self.viewport().width() - 48)
        return max(1, min(available, round(min(natural, MAX_IMAGE_WIDTH) * self._scale)))

    def _load_image(self, name: QUrl) -> QImage | None:
        path = self._resolve(name)
        if path is None:
            return None
        ratio = self.devicePixelRatioF()
        if path.suffix.lower() == ".svg":
            from PySide6.QtSvg import QSvgRenderer

            renderer = QSvgRenderer(str(path))
            if not renderer.isValid():
                return None
            natural = renderer.defaultSize()
            width = self._target_width(natural.width() or MAX_IMAGE_WIDTH)
            height = max(1, round(width * natural.height() / max(1, natural.width())))
            image = QImage(
                QSize(round(width * ratio), round(height * ratio)), QImage.Format.Format_ARGB32_Premultiplied
            )
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            renderer.render(painter)
            painter.end()
            image.setDevicePixelRatio(ratio)
            return image
        image = QImage(str(path))
        if image.isNull():
            return None
        width = self._target_width(image.width())
        scaled = image.scaledToWidth(round(width * ratio), Qt.TransformationMode.SmoothTransformation)
        scaled.setDevicePixelRatio(ratio)
        return scaled
