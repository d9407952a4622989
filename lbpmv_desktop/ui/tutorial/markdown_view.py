"""A read-only Markdown view whose pictures come from the tutorial folder, scaled with the text.

Only pictures of the pack are ever read: the text is read as Markdown without HTML (a tag is
shown as text), every picture the document asks for is found by walking the parsed document
(no pattern over the text: linear, whatever the text), and each one is loaded only when its name
is plain, it resolves inside the pack's folder and it is a regular file of bounded size
(``core.tutorials.markup.pack_image``); its bytes are read once, by ``core.fileio``. Any other
name gets an empty placeholder, and the document itself never reads a file: its
``loadResource`` (which Qt would use to open local files and ``file:`` addresses) only ever
returns the placeholder.
"""

from __future__ import annotations

import hashlib
import math
from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QFocusEvent, QImage, QPainter, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QSizePolicy, QTextBrowser, QWidget

from lbpmv_desktop.core.fileio import UnsafeFile, read_regular
from lbpmv_desktop.core.tutorials.markup import MAX_IMAGE_BYTES, pack_image, svg_problem

if TYPE_CHECKING:
    from pathlib import Path

MAX_IMAGE_WIDTH = 640
MAX_IMAGE_HEIGHT = 960
MAX_PIXELS = 1_000_000  # drawn or scaled pictures: a 640 × 360 drawing at 200 % is 921,600
CACHE_BYTES = 64 * 1024 * 1024
# Pictures already drawn or scaled, by (content, kind, text scale, pixel ratio, column width).
_CACHE: OrderedDict[tuple[object, ...], QImage] = OrderedDict()
MARKDOWN_FEATURES = (
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub | QTextDocument.MarkdownFeature.MarkdownNoHTML
)


def _placeholder() -> QImage:
    image = QImage(QSize(1, 1), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    return image


class _PackDocument(QTextDocument):
    """A document that never loads anything itself: every picture it shows was added to it.

    Attributes:
        refused: names Qt asked for that had not been added (they get the placeholder).
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.refused: list[str] = []
        self._empty = _placeholder()

    def loadResource(self, kind: int, name: QUrl | str) -> object:  # noqa: N802 (Qt override)
        # Never QTextDocument's nor QTextBrowser's own: they open local files and file: URLs.
        if len(self.refused) < 100:
            self.refused.append(name.toString() if isinstance(name, QUrl) else name)
        return self._empty


def image_names(document: QTextDocument) -> list[str]:
    """The names of the pictures in ``document``, in order, each once (one walk of its text)."""
    names: dict[str, None] = {}
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.isValid():
                text_format = fragment.charFormat()
                if text_format.isImageFormat():
                    names.setdefault(text_format.toImageFormat().name(), None)
            iterator += 1
        block = block.next()
    return list(names)


def underline_links(document: QTextDocument) -> int:
    """Underline every link of ``document`` (Qt's Markdown reader only colours them): a link stays
    a link without its colour, at any text size. The number of links underlined."""
    spans: list[tuple[int, int]] = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.isValid() and fragment.charFormat().isAnchor():
                spans.append((fragment.position(), fragment.length()))
            iterator += 1
        block = block.next()
    underline = QTextCharFormat()
    underline.setFontUnderline(True)
    for start, length in spans:
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(underline)
    return len(spans)


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
        self._folder = folder
        self._scale = scale
        self.missing_images = []
        # A fresh document per step; every picture it names is added as a resource once the text
        # is set (the pack's own, or a placeholder), so Qt never has to load one. The fallback
        # (loadResource) returns a value, never None (returning None leaked a reference per call).
        document = _PackDocument(self)
        document.setDefaultFont(self.font())
        document.setMarkdown(markdown, MARKDOWN_FEATURES)
        underline_links(document)
        kind = QTextDocument.ResourceType.ImageResource.value
        for name in image_names(document):
            image = self._load_image(name)
            if image is None:
                self.missing_images.append(name)
                image = _placeholder()
            url = QUrl(name)
            document.addResource(kind, url, image)
            resolved = document.baseUrl().resolved(url)
            if resolved != url:
                document.addResource(kind, resolved, image)
        self.setDocument(document)  # the previous document, owned by this view, is deleted by Qt
        self.verticalScrollBar().setValue(0)
        document.documentLayout().documentSizeChanged.connect(self.updateGeometry)
        self.updateGeometry()

    def plain_text(self) -> str:
        """The text as read aloud: no picture placeholders."""
        return self.toPlainText().replace("\ufffc", " ").strip()

    def _target_width(self, natural: int) -> int:
        available = max(200, self.viewport().width() - 48)
        return max(1, min(available, round(min(natural, MAX_IMAGE_WIDTH) * self._scale)))

    def _target_size(self, natural: QSize) -> QSize:
        """The picture's size on screen: at most a column wide and ``MAX_IMAGE_HEIGHT`` tall (at
        the text scale), its proportions kept, however tall or thin the file says it is."""
        width = self._target_width(natural.width() if natural.width() > 0 else MAX_IMAGE_WIDTH)
        height = max(1, round(width * max(1, natural.height()) / max(1, natural.width())))
        tallest = max(1, round(MAX_IMAGE_HEIGHT * self._scale))
        if height > tallest:
            width, height = max(1, round(width * tallest / height)), tallest
        return QSize(width, height)

    def _load_image(self, name: str) -> QImage | None:
        """The pack's picture ``name``, scaled; None when it may not or cannot be shown.

        A drawing is drawn only once it passed ``svg_problem`` (nothing outside, little to draw),
        at most ``MAX_PIXELS`` pixels, and once per content and size: the same drawing shown
        again comes from the cache.
        """
        assert self._folder is not None
        path = pack_image(self._folder, name)
        if path is None:
            return None
        try:
            raw = read_regular(path, MAX_IMAGE_BYTES)  # checked again as it is opened
        except UnsafeFile:
            return None
        svg = path.suffix.lower() == ".svg"
        key = (
            hashlib.blake2b(raw, digest_size=16).digest(),
            svg,
            self._scale,
            self.devicePixelRatioF(),
            self._target_width(MAX_IMAGE_WIDTH),
        )
        cached = _CACHE.get(key)
        if cached is not None:
            _CACHE.move_to_end(key)
            return cached
        image = self._draw(raw) if svg else self._decode(raw)
        if image is not None:
            _remember(key, image)
        return image

    def _device_size(self, size: QSize) -> tuple[QSize, float]:
        """The size in pixels of a picture shown at ``size``, and its pixel ratio: the screen's,
        lowered when the picture would have more than ``MAX_PIXELS`` pixels."""
        ratio = self.devicePixelRatioF()
        pixels = size.width() * size.height() * ratio * ratio
        if pixels > MAX_PIXELS:
            ratio *= math.sqrt(MAX_PIXELS / pixels)
        return QSize(max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio))), ratio

    def _draw(self, raw: bytes) -> QImage | None:
        if svg_problem(raw) is not None:  # outside files, or too much to draw: never drawn
            return None
        from PySide6.QtSvg import QSvgRenderer

        renderer = QSvgRenderer(QByteArray(raw))
        if not renderer.isValid():
            return None
        pixels, ratio = self._device_size(self._target_size(renderer.defaultSize()))
        image = QImage(pixels, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        image.setDevicePixelRatio(ratio)
        return image

    def _decode(self, raw: bytes) -> QImage | None:
        image = QImage.fromData(QByteArray(raw))
        if image.isNull():
            return None
        pixels, ratio = self._device_size(self._target_size(image.size()))
        scaled = image.scaled(
            pixels, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        scaled.setDevicePixelRatio(ratio)
        return scaled


def _remember(key: tuple[object, ...], image: QImage) -> None:
    """Keep ``image`` for the next time, within ``CACHE_BYTES`` (the oldest ones go first)."""
    _CACHE[key] = image
    while len(_CACHE) > 1 and sum(cached.sizeInBytes() for cached in _CACHE.values()) > CACHE_BYTES:
        _CACHE.popitem(last=False)
