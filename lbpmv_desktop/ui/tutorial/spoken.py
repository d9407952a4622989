"""The sentences of a shown step, read from the very document the page shows.

Qt's Markdown reader (md4c, in linear time whatever the text) has laid the step out: each block
is a paragraph, a heading, a list item or a table cell; a numbered list gives each item its
number as shown (« 3. »); a picture is an image fragment that keeps its Markdown description.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QTextFormat, QTextListFormat

if TYPE_CHECKING:
    from PySide6.QtGui import QTextBlock, QTextDocument

_NUMBERED = {
    QTextListFormat.Style.ListDecimal,
    QTextListFormat.Style.ListLowerAlpha,
    QTextListFormat.Style.ListUpperAlpha,
    QTextListFormat.Style.ListLowerRoman,
    QTextListFormat.Style.ListUpperRoman,
}


def _block_parts(block: QTextBlock, image: str) -> list[tuple[str, bool]]:
    """The block's text cut around its pictures, each part with whether it is a picture."""
    parts: list[tuple[str, bool]] = []
    text = ""
    fragments = block.begin()
    while not fragments.atEnd():
        fragment = fragments.fragment()
        fragments += 1
        if not fragment.isValid():
            continue
        form = fragment.charFormat()
        if form.isImageFormat():
            if text.strip():
                parts.append((text, False))
            text = ""
            description = str(form.toImageFormat().property(QTextFormat.Property.ImageAltText) or "").strip()
            if description:
                parts.append((image.format(description=description), True))
            continue
        text += fragment.text()
    if text.strip():
        parts.append((text, False))
    return parts


def document_sentences(document: QTextDocument, *, image: str) -> list[str]:
    """The sentences of ``document`` in reading order (see the module's docstring).

    Args:
        document: the shown step.
        image: how a picture is announced; ``{description}`` is its Markdown description.
    """
    sentences: list[str] = []
    block = document.begin()
    while block.isValid():
        parts = _block_parts(block, image)
        listed = block.textList()
        if listed is not None and listed.format().style() in _NUMBERED:
            number = listed.itemText(block).strip()  # as shown: « 3. »
            if parts and not parts[0][1]:
                parts[0] = (f"{number} {parts[0][0].strip()}", False)
            else:  # an item that starts with a picture: its number is said first
                parts.insert(0, (number, False))
        sentences.extend(text for text, _picture in parts if text.strip())
        block = block.next()
    return sentences
