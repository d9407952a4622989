"""Colours, sizes and the style sheet, computed from the settings.

The text size (100–200 %) scales the application font and every size in the style sheet, so
it applies to every screen at once. Both themes (a warm off-white with a deep green, and a
black-and-white high contrast with yellow actions) declare in ``PAIRS`` every pair of colours
they draw one on the other; tests/unit/test_theme_contrast.py holds each pair to the WCAG 2
ratios (4.5:1 for text, 3:1 for borders, indicators and the focus ring).

The keyboard focus is a 4 px ring of its own colour on every focusable control. It never
changes a control's size: an unfocused control has a 2 px border inside a 2 px margin, and
the focused ring takes both (the controls without a border keep a 4 px transparent one). The
focus rules come last in the sheet and repeat every role and state selector of the buttons, so
no more specific rule can hide the ring.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtGui import QColor, QFont, QPalette

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from lbpmv_desktop.settings import Settings

BASE_POINT_SIZE = 11.0
RING = 4  # px: the focus ring, and the room every control keeps for it
BORDER = 2  # px: the border of an unfocused control (it sits in a RING - BORDER margin)

TEXT_RATIO = 4.5  # WCAG 2 1.4.3 (normal-size text)
UI_RATIO = 3.0  # WCAG 2 1.4.11 (borders, indicators, focus)


@dataclass(frozen=True)
class Colours:
    """The colours of one theme (``#rrggbb``).

    Attributes:
        window: page background (around cards and buttons).
        surface: cards, buttons, fields, lists, tool tips.
        alternate: every other row of a table.
        text: normal text.
        muted: secondary text, the scroll bar handle.
        placeholder: the hint shown in an empty field.
        disabled: the text of a control that cannot be used now.
        primary: the main action's fill, checked choices, check marks' box, the next step.
        on_primary: text and check marks on ``primary``.
        selected: the fill of a checked choice or of the current page in the menu.
        accent: links and the border of a control under the pointer.
        highlight: selected rows and selected text.
        on_highlight: text on ``highlight``.
        focus: the keyboard focus ring.
        border: borders of buttons, fields and cards, slider grooves, empty check boxes.
        handle: the slider handle's fill.
        handle_edge: the slider handle's outline (seen against the groove).
        progress: the filled part of a progress bar.
        done: the border of a finished step.
        danger: errors and irreversible actions.
    """

    window: str
    surface: str
    alternate: str
    text: str
    muted: str
    placeholder: str
    disabled: str
    primary: str
    on_primary: str
    selected: str
    accent: str
    highlight: str
    on_highlight: str
    focus: str
    border: str
    handle: str
    handle_edge: str
    progress: str
    done: str
    danger: str


NORMAL = Colours(
    window="#f6f4ef",
    surface="#ffffff",
    alternate="#f4f2ec",
    text="#1d2b36",
    muted="#4a5863",
    placeholder="#56636e",
    disabled="#5f6b75",
    primary="#0b6e4f",
    on_primary="#ffffff",
    selected="#e3efe9",
    accent="#1f5fa8",
    highlight="#1f5fa8",
    on_highlight="#ffffff",
    focus="#000000",  # the only colour 3:1 from both white and the deep green
    border="#7a8690",
    handle="#0b6e4f",
    handle_edge="#1d2b36",
    progress="#50a07b",  # light enough for the dark percentage, dark enough against white
    done="#0b6e4f",
    danger="#a1261d",
)
HIGH_CONTRAST = Colours(
    window="#000000",
    surface="#000000",
    alternate="#1a1a1a",
    text="#ffffff",
    muted="#ffffff",
    placeholder="#c8c8c8",
    disabled="#bdbdbd",
    primary="#ffff00",
    on_primary="#000000",
    selected="#000000",
    accent="#00ffff",
    highlight="#00ffff",
    on_highlight="#000000",
    focus="#f000f0",  # 3:1 from black, from white borders and from the yellow buttons
    border="#ffffff",
    handle="#ffff00",
    handle_edge="#000000",
    progress="#008000",  # white percentage on it, and 3:1 against the black track
    done="#00ff00",
    danger="#ff8080",
)

Kind = Literal["text", "ui"]


@dataclass(frozen=True)
class Pair:
    """Two colours of a theme drawn one on the other.

    Attributes:
        foreground: the ``Colours`` field drawn on top (text, a border, an indicator).
        background: the ``Colours`` field it is drawn on or next to.
        kind: ``"text"`` (needs 4.5:1) or ``"ui"`` (a non-text element, needs 3:1).
        where: what draws it, for the failure message.
    """

    foreground: str
    background: str
    kind: Kind
    where: str

    @property
    def minimum(self) -> float:
        return TEXT_RATIO if self.kind == "text" else UI_RATIO


def _pairs() -> tuple[Pair, ...]:
    pairs: list[Pair] = []

    def add(foreground: str, backgrounds: str, kind: Kind, where: str) -> None:
        pairs.extend(Pair(foreground, background, kind, where) for background in backgrounds.split())

    # Text.
    add("text", "window surface alternate selected", "text", "text, labels, buttons, checked choices, rows")
    add("text", "progress", "text", "the percentage over a progress bar's filled part")
    add("muted", "window surface alternate", "text", "secondary labels")
    add("placeholder", "surface", "text", "the hint in an empty field")
    add("disabled", "window surface alternate", "text", "a disabled control's text")
    add("accent", "window surface", "text", "links")
    add("primary", "window surface", "text", "big numbers, the confidence chart")
    add("on_primary", "primary", "text", "text on a main action")
    add("on_highlight", "highlight", "text", "a selected row or selected text")
    add("danger", "window surface", "text", "a danger button's text")
    # Borders, indicators and shapes.
    add(
        "border",
        "window surface",
        "ui",
        "borders of buttons, fields and cards; slider grooves; empty check boxes",
    )
    add(
        "primary",
        "window surface",
        "ui",
        "a main action's shape, checked choices and check boxes, the next step",
    )
    add("on_primary", "primary", "ui", "the check mark in a checked box")
    add("accent", "window surface", "ui", "the border under the pointer")
    add("highlight", "surface alternate", "ui", "a selected row")
    add("handle", "window surface", "ui", "the slider handle")
    add("handle_edge", "border", "ui", "the slider handle's outline, where it crosses the groove")
    add("progress", "surface", "ui", "a progress bar's filled part on its track")
    add("done", "window surface", "ui", "a finished step's border")
    add("danger", "window surface", "ui", "error banners and danger buttons")
    add("muted", "window", "ui", "the scroll bar handle")
    # The focus ring: against every fill a focused control can have, and what surrounds it.
    add("focus", "window surface selected primary", "ui", "the focus ring")
    return tuple(pairs)


PAIRS: tuple[Pair, ...] = _pairs()
THEMES: dict[str, Colours] = {"normal": NORMAL, "high contrast": HIGH_CONTRAST}
COLOUR_FIELDS: tuple[str, ...] = tuple(field.name for field in fields(Colours))


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    value = QColor(colour)
    return 0.2126 * _linear(value.red()) + 0.7152 * _linear(value.green()) + 0.0722 * _linear(value.blue())


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two opaque colours (1 to 21)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def colours(settings: Settings) -> Colours:
    return HIGH_CONTRAST if settings.high_contrast else NORMAL


def point_size(settings: Settings, factor: float = 1.0) -> float:
    return round(BASE_POINT_SIZE * settings.text_scale / 100 * factor, 1)


# Button rules by role and state (selector suffix after "QPushButton", declarations). The focus
# rules are generated from the same suffixes, so each is at least as specific as every one here.
def _button_rules(settings: Settings, c: Colours, pad: int) -> list[tuple[str, str]]:
    thick = f"border: {RING}px solid {{}}; margin: 0px;"
    return [
        ("", f"qproperty-iconSize: {round(point_size(settings) * 1.9)}px;"),
        (":hover", f"border-color: {c.accent};"),
        (":disabled", f"color: {c.disabled}; border-style: dashed;"),
        (
            '[role="primary"]',
            f"background: {c.primary}; color: {c.on_primary}; border-color: {c.primary}; font-weight: 700;",
        ),
        (
            '[role="primary"]:disabled',
            f"background: {c.surface}; color: {c.disabled}; border-color: {c.border}; font-weight: 400;",
        ),
        ('[size="big"]', f"font-size: {point_size(settings, 1.35)}pt; padding: {pad * 2}px {pad * 3}px;"),
        (
            '[role="choice"]',
            f"text-align: left; padding: {pad * 2}px; font-size: {point_size(settings, 1.15)}pt;",
        ),
        (
            '[role="choice"]:checked',
            thick.format(c.primary) + f" background: {c.selected}; font-weight: 700;",
        ),
        ('[role="danger"]', f"color: {c.danger}; border-color: {c.danger};"),
        (  # the rail is narrow: little room beside the text, which wraps (main_window.NavRail)
            '[role="nav"]',
            "text-align: left; border-color: transparent; background: transparent; font-weight: 700;"
            f" padding: {pad // 2}px {pad}px;",
        ),
        ('[role="nav"]:checked', f"border-color: {c.primary}; background: {c.selected};"),
        ('[role="stair"]', "text-align: left; padding: 0px;"),
        ('[role="stair"][state="next"]', thick.format(c.primary) + " font-weight: 700;"),
        ('[role="stair"][state="done"]', f"border-color: {c.done};"),
    ]


# Every focusable kind of control. The framed ones draw a BORDER px border in a RING - BORDER px
# margin; the others keep a transparent RING px border. Focused, both become the RING px ring.
_FRAMED = (
    "QPushButton",
    "QToolButton",
    "QComboBox",
    "QLineEdit",
    "QAbstractSpinBox",
    "QPlainTextEdit",
    "QTextEdit",
    "QAbstractItemView",
)
_RINGED = ("QCheckBox", "QRadioButton", "QSlider", "QScrollArea", "QTabBar")


def _focus_rules(button_suffixes: list[str], c: Colours, pad: int) -> str:
    selectors = [f"{kind}:focus" for kind in (*_FRAMED, *_RINGED)]
    selectors += [
        f"QPushButton{suffix}:focus" for suffix in button_suffixes if suffix and ":disabled" not in suffix
    ]
    selectors += ["QTabBar::tab:focus"]
    joined = ",\n".join(selectors)
    ring = f"{joined} {{\n    outline: none; border: {RING}px solid {c.focus}; margin: 0px;\n}}\n"
    # The line edit inside a spin box or an editable combo box shares its focus: no second ring.
    inner = "QAbstractSpinBox QLineEdit, QComboBox QLineEdit"
    reset = f"border: none; margin: 0px; padding: 0px {pad // 2}px; background: transparent;"
    return ring + f"{inner}, {inner.replace(', ', ':focus, ')}:focus {{ {reset} }}\n"


_images: tempfile.TemporaryDirectory[str] | None = None


def _image(name: str, svg: str) -> str:
    """A small SVG for the style sheet (check mark, arrows), written once per process."""
    global _images
    if _images is None:
        _images = tempfile.TemporaryDirectory(prefix="lbpmv-theme-")
    path = Path(_images.name) / f"{name}.svg"
    if not path.exists():
        path.write_text(svg, encoding="utf-8")
    return path.as_posix()


def _images_for(c: Colours) -> dict[str, str]:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24">{}</svg>'
    line = 'fill="none" stroke="{}" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"'
    shapes = {
        "check": f'<path d="M5 12.5l4.5 4.5L19 7.5" {line.format(c.on_primary)}/>',
        "dot": f'<circle cx="12" cy="12" r="5.5" fill="{c.on_primary}"/>',
        "down": f'<path d="M6 9.5l6 6 6-6" {line.format(c.text)}/>',
        "up": f'<path d="M6 14.5l6-6 6 6" {line.format(c.text)}/>',
    }
    return {
        name: _image(
            f"{name}-{c.on_primary if name in ('check', 'dot') else c.text}".replace("#", ""),
            svg.format(shape),
        )
        for name, shape in shapes.items()
    }


def style_sheet(settings: Settings) -> str:
    c = colours(settings)
    pt = point_size(settings)
    pad = max(6, round(8 * settings.text_scale / 100))
    box = round(pt * 1.5)
    images = _images_for(c)
    frame = f"border: {BORDER}px solid {c.border}; margin: {RING - BORDER}px;"
    buttons = _button_rules(settings, c, pad)
    button_css = "\n".join(f"QPushButton{suffix} {{ {declarations} }}" for suffix, declarations in buttons)
    return f"""
QWidget {{ color: {c.text}; font-size: {pt}pt; selection-background-color: {c.highlight}; selection-color: {c.on_highlight}; }}
QMainWindow, QDialog, QStackedWidget > QWidget, QScrollArea, QScrollArea > QWidget > QWidget {{
    background: {c.window};
}}
QLabel[role="title"] {{ font-size: {point_size(settings, 1.75)}pt; font-weight: 700; }}
QLabel[role="subtitle"] {{ font-size: {point_size(settings, 1.3)}pt; font-weight: 600; }}
QLabel[role="muted"] {{ color: {c.muted}; }}
QLabel[role="big-number"] {{ font-size: {point_size(settings, 2.0)}pt; font-weight: 700; color: {c.primary if not settings.high_contrast else c.text}; }}
QLabel[role="banner"] {{ background: {c.surface}; border: 2px solid {c.danger}; border-radius: 6px; padding: {pad}px; }}
QLabel:disabled {{ color: {c.disabled}; }}
QFrame[role="card"] {{ background: {c.surface}; border: 2px solid {c.border}; border-radius: 12px; }}
QFrame[role="nav"] {{ background: {c.surface}; border: none; border-right: {BORDER}px solid {c.border}; }}
QFrame[role="nav"] QScrollArea, QFrame[role="nav"] QScrollArea > QWidget > QWidget {{ background: {c.surface}; }}
QPushButton, QToolButton {{
    background: {c.surface}; color: {c.text}; {frame} border-radius: 8px;
    padding: {pad}px {pad * 2}px; min-height: {round(pt * 2.2)}px;
}}
QToolButton:hover {{ border-color: {c.accent}; }}
QToolButton:disabled {{ color: {c.disabled}; border-style: dashed; }}
{button_css}
QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox {{
    background: {c.surface}; {frame} border-radius: 6px; padding: {pad // 2 + 2}px;
    placeholder-text-color: {c.placeholder};
}}
QLineEdit:disabled, QPlainTextEdit:disabled, QTextEdit:disabled, QComboBox:disabled, QAbstractSpinBox:disabled {{
    color: {c.disabled}; border-style: dashed;
}}
QComboBox::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right; width: {box + pad}px; border: none; }}
QComboBox::down-arrow {{ image: url("{images["down"]}"); width: {round(pt * 1.2)}px; height: {round(pt * 1.2)}px; }}
QComboBox QAbstractItemView {{ background: {c.surface}; color: {c.text}; border: {BORDER}px solid {c.border}; margin: 0px; }}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{
    subcontrol-origin: padding; width: {box}px; border: none; background: transparent;
}}
QAbstractSpinBox::up-button {{ subcontrol-position: top right; }}
QAbstractSpinBox::down-button {{ subcontrol-position: bottom right; }}
QAbstractSpinBox::up-arrow {{ image: url("{images["up"]}"); width: {round(pt)}px; height: {round(pt)}px; }}
QAbstractSpinBox::down-arrow {{ image: url("{images["down"]}"); width: {round(pt)}px; height: {round(pt)}px; }}
QTextBrowser {{ border-radius: 12px; padding: {pad}px; }}
QAbstractItemView {{
    background: {c.surface}; alternate-background-color: {c.alternate}; {frame} gridline-color: {c.border};
}}
QHeaderView {{ background: {c.window}; border: none; margin: 0px; }}
QTableCornerButton::section {{ background: {c.window}; border: none; }}
QHeaderView::section {{
    background: {c.window}; color: {c.text}; font-weight: 700; padding: {pad // 2}px;
    border: none; border-right: 1px solid {c.border}; border-bottom: {BORDER}px solid {c.border};
}}
QProgressBar {{ border: 2px solid {c.border}; border-radius: 6px; background: {c.surface}; color: {c.text};
    text-align: center; min-height: {round(pt * 1.6)}px; }}
QProgressBar::chunk {{ background: {c.progress}; border-radius: 4px; }}
QCheckBox, QRadioButton {{ spacing: {pad}px; padding: {pad // 2}px; border: {RING}px solid transparent; }}
QCheckBox::indicator, QRadioButton::indicator {{
    width: {box}px; height: {box}px; background: {c.surface}; border: {BORDER}px solid {c.border};
}}
QCheckBox::indicator {{ border-radius: 4px; }}
QRadioButton::indicator {{ border-radius: {box // 2 + BORDER}px; }}
QCheckBox::indicator:checked {{ background: {c.primary}; border-color: {c.primary}; image: url("{images["check"]}"); }}
QRadioButton::indicator:checked {{ background: {c.primary}; border-color: {c.primary}; image: url("{images["dot"]}"); }}
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{ border-style: dashed; }}
QCheckBox:disabled, QRadioButton:disabled {{ color: {c.disabled}; }}
QSlider {{ border: {RING}px solid transparent; min-height: {round(pt * 2.2)}px; }}
QSlider::groove:horizontal {{ height: {max(6, round(pt / 2))}px; background: {c.border}; border-radius: 3px; }}
QSlider::handle:horizontal {{ background: {c.handle}; width: {round(pt * 1.8)}px; margin: -{round(pt * 0.6)}px 0;
    border-radius: {round(pt * 0.9)}px; border: 2px solid {c.handle_edge}; }}
QSlider::handle:horizontal:disabled {{ background: {c.surface}; border: 2px dashed {c.border}; }}
QScrollArea {{ border: {RING}px solid transparent; }}
QTabBar {{ border: {RING}px solid transparent; }}
QTabBar::tab {{ background: {c.surface}; {frame} border-radius: 6px; padding: {pad // 2}px {pad}px; }}
QTabBar::tab:selected {{ background: {c.selected}; border-color: {c.primary}; font-weight: 700; }}
QScrollBar:vertical {{ background: {c.window}; width: {round(pt * 1.4)}px; margin: 0; border: none; }}
QScrollBar::handle:vertical {{ background: {c.muted}; border-radius: {round(pt * 0.5)}px; min-height: {round(pt * 3)}px;
    margin: 2px; }}
QScrollBar:horizontal {{ background: {c.window}; height: {round(pt * 1.4)}px; margin: 0; border: none; }}
QScrollBar::handle:horizontal {{ background: {c.muted}; border-radius: {round(pt * 0.5)}px; min-width: {round(pt * 3)}px;
    margin: 2px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
QToolTip {{ background: {c.surface}; color: {c.text}; border: 2px solid {c.border}; }}
{_focus_rules([suffix for suffix, _ in buttons], c, pad)}"""


PALETTE_ROLES: tuple[tuple[QPalette.ColorRole, str], ...] = (
    (QPalette.ColorRole.Window, "window"),
    (QPalette.ColorRole.WindowText, "text"),
    (QPalette.ColorRole.Base, "surface"),
    (QPalette.ColorRole.AlternateBase, "alternate"),
    (QPalette.ColorRole.Text, "text"),
    (QPalette.ColorRole.PlaceholderText, "placeholder"),
    (QPalette.ColorRole.Button, "surface"),
    (QPalette.ColorRole.ButtonText, "text"),
    (QPalette.ColorRole.BrightText, "text"),
    (QPalette.ColorRole.Highlight, "highlight"),
    (QPalette.ColorRole.HighlightedText, "on_highlight"),
    (QPalette.ColorRole.Link, "accent"),
    (QPalette.ColorRole.LinkVisited, "accent"),
    (QPalette.ColorRole.ToolTipBase, "surface"),
    (QPalette.ColorRole.ToolTipText, "text"),
    (QPalette.ColorRole.Accent, "primary"),
    # Frames that the style draws itself (Fusion) take these: give them the border colour.
    (QPalette.ColorRole.Light, "surface"),
    (QPalette.ColorRole.Midlight, "border"),
    (QPalette.ColorRole.Mid, "border"),
    (QPalette.ColorRole.Dark, "border"),
    (QPalette.ColorRole.Shadow, "text"),
)
# In the disabled colour group, these text roles take the ``disabled`` colour instead.
DISABLED_TEXT_ROLES: tuple[QPalette.ColorRole, ...] = (
    QPalette.ColorRole.WindowText,
    QPalette.ColorRole.Text,
    QPalette.ColorRole.ButtonText,
)


def palette(settings: Settings) -> QPalette:
    """The application palette of the theme (every group; disabled text in ``disabled``)."""
    c = colours(settings)
    result = QPalette()
    for role, name in PALETTE_ROLES:
        result.setColor(role, QColor(getattr(c, name)))
    for role in DISABLED_TEXT_ROLES:
        result.setColor(QPalette.ColorGroup.Disabled, role, QColor(c.disabled))
    return result


def apply_theme(app: QApplication, settings: Settings) -> None:
    """Apply the font, palette and style sheet for ``settings`` to the whole application."""
    font = QFont(app.font())
    font.setPointSizeF(point_size(settings))
    app.setFont(font)
    app.setPalette(palette(settings))
    app.setStyleSheet(style_sheet(settings))
