"""Text from outside made safe to show and to write: no control or invisible direction characters.

A shop name, a comment or an answer comes from another person's computer. Before it is shown
(screen, terminal, PDF, poster) or written (CSV, report), characters that a reader cannot see but
that change what is displayed are removed: control characters (a terminal's escape sequences),
bidirectional overrides and isolates (« Cordonnerie‮ 0€ » shown backwards), zero-width spaces
and other format characters, line and paragraph separators. The zero-width joiner stays: it
holds emoji sequences together and changes no order.
"""

from __future__ import annotations

import unicodedata

_KEPT_FORMAT = {"\u200d"}  # zero-width joiner, inside emoji sequences
_SPACES = {"\t", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"}


def _is_hidden(char: str) -> bool:
    category = unicodedata.category(char)
    if category in ("Cc", "Cs"):
        return True
    return category == "Cf" and char not in _KEPT_FORMAT


def clean_text(text: str, *, limit: int | None = None, multiline: bool = False) -> str:
    """``text`` without hidden characters, its spaces tidied.

    Args:
        text: any text from outside.
        limit: at most this many characters are kept (cut between two visible characters).
        multiline: keep line breaks (``\\n``; ``\\r\\n`` and ``\\r`` become ``\\n``), at most two in a
            row; otherwise every run of spaces and line breaks becomes one space.
    """
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept: list[str] = []
    for char in text:
        if char == "\n" and multiline:
            kept.append(char)
        elif char in _SPACES or char == "\n" or char == "\r":
            kept.append(" ")
        elif not _is_hidden(char):
            kept.append(char)
    cleaned = unicodedata.normalize("NFC", "".join(kept))
    if multiline:
        lines = [" ".join(line.split()) for line in cleaned.split("\n")]
        cleaned = "\n".join(lines).strip("\n")
        while "\n\n\n" in cleaned:
            cleaned = cleaned.replace("\n\n\n", "\n\n")
    else:
        cleaned = " ".join(cleaned.split())
    if limit is not None and len(cleaned) > limit:
        cleaned = cleaned[:limit].rstrip()
        while cleaned and unicodedata.combining(cleaned[-1]):
            cleaned = cleaned[:-1]
    return cleaned


def has_hidden(text: str) -> bool:
    """True when ``text`` holds a character ``clean_text`` would remove (a tab or newline aside)."""
    return any(_is_hidden(char) and char not in "\t\n\r" for char in text)
