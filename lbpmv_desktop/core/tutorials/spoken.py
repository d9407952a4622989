"""What « Lire à voix haute » says: one sentence per line, as a person reads the step.

The step is read as it is shown: its title, each paragraph and list item as a sentence of its own
(list numbers kept, bullets dropped), each picture's description where the picture is, and the
practice button last. The sentences of the shown text come from the page (Qt's own Markdown
reader lays them out for the screen); this module only makes sentences of them and puts them in
order, so that the command line and the app say the same.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

IMAGE_TEMPLATE = "Image : {description}"
BUTTON_TEMPLATE = "Bouton : {label}"

_SPACES_RE = re.compile(r"\s+")
_ENDINGS = ".!?…:"
_CLOSERS = "»”\"')]"


def spoken_text(
    title: str,
    sentences: Iterable[str],
    *,
    action: str | None = None,
    button: str = BUTTON_TEMPLATE,
) -> str:
    """The text to read aloud for one step, one sentence per line.

    Args:
        title: the step's title, read first.
        sentences: the step's text as shown, a paragraph, list item or picture a sentence.
        action: the practice button's text as shown on the screen, read last (None: no button).
        button: how the practice button is announced; ``{label}`` is its text.
    """
    lines = [finish_sentence(title), *(finish_sentence(sentence) for sentence in sentences)]
    if action and action.strip():
        lines.append(finish_sentence(button.format(label=action)))
    return "\n".join(line for line in lines if line)


def finish_sentence(text: str) -> str:
    """``text`` on one line, ending like a sentence (a list item's « ; » becomes a full stop)."""
    text = _SPACES_RE.sub(" ", text.replace("\u2028", " ").replace("\ufffc", " ")).strip()
    text = text.rstrip(",; \u00a0\u202f")
    if not text:
        return ""
    last = text.rstrip(_CLOSERS + " \u00a0\u202f")
    if last and last[-1] in _ENDINGS:
        return text
    return f"{text}."
