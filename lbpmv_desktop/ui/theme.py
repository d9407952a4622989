"""Colours, sizes and the style sheet, computed from the settings.

The text size (100–200 %) scales the application font and every size in the style sheet, so
it applies to every screen at once. The high-contrast theme is black and white with a yellow
focus ring; in both themes the focus is a thick outline, never a colour change alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QFont, QPalette

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from lbpmv_desktop.settings import Settings

BASE_POINT_SIZE = 11.0


@dataclass(frozen=True)
class Colours:
    window: str
    surface: str
    text: str
    muted: str
    primary: str
    on_primary: str
    accent: str
    focus: str
    border: str
    done: str
    danger: str


NORMAL = Colours(
    window="#f6f4ef",
    surface="#ffffff",
    text="#1d2b36",
    muted="#4a5863",
    primary="#0b6e4f",
    on_primary="#ffffff",
    accent="#1f5fa8",
    focus="#c77700",
    border="#b9c2c9",
    done="#0b6e4f",
    danger="#a1261d",
)
HIGH_CONTRAST = Colours(
    window="#000000",
    surface="#000000",
    text="#ffffff",
    muted="#ffffff",
    primary="#ffff00",
    on_primary="#000000",
    accent="#00ffff",
    focus="#ff00ff",
    border="#ffffff",
    done="#00ff00",
    danger="#ff8080",
)


def colours(settings: Settings) -> Colours:
    return HIGH_CONTRAST if settings.high_contrast else NORMAL


def point_size(settings: Settings, factor: float = 1.0) -> float:
    return round(BASE_POINT_SIZE * settings.text_scale / 100 * factor, 1)


def style_sheet(settings: Settings) -> str:
    c = colours(settings)
    pt = point_size(settings)
    pad = max(6, round(8 * settings.text_scale / 100))
    return f"""
QWidget {{ color: {c.text}; font-size: {pt}pt; }}
QMainWindow, QDialog, QStackedWidget > QWidget, QScrollArea, QScrollArea > QWidget > QWidget {{
    background: {c.window};
}}
QLabel[role="title"] {{ font-size: {point_size(settings, 1.75)}pt; font-weight: 700; }}
QLabel[role="subtitle"] {{ font-size: {point_size(settings, 1.3)}pt; font-weight: 600; }}
QLabel[role="muted"] {{ color: {c.muted}; }}
QLabel[role="big-number"] {{ font-size: {point_size(settings, 2.0)}pt; font-weight: 700; color: {c.primary if not settings.high_contrast else c.text}; }}
QLabel[role="banner"] {{ background: {c.surface}; border: 2px solid {c.danger}; border-radius: 6px; padding: {pad}px; }}
QFrame[role="card"] {{ background: {c.surface}; border: 2px solid {c.border}; border-radius: 12px; }}
QFrame[role="nav"] {{ background: {c.surface}; border-right: 2px solid {c.border}; }}
QPushButton {{ qproperty-iconSize: {round(pt * 1.9)}px; }}
QPushButton, QToolButton {{
    background: {c.surface}; color: {c.text}; border: 2px solid {c.border}; border-radius: 8px;
    padding: {pad}px {pad * 2}px; min-height: {round(pt * 2.2)}px;
}}
QPushButton:hover {{ border-color: {c.accent}; }}
QPushButton:disabled {{ color: {c.muted}; border-style: dashed; }}
QPushButton:focus, QToolButton:focus, QCheckBox:focus, QRadioButton:focus, QSlider:focus,
QComboBox:focus, QLineEdit:focus, QPlainTextEdit:focus, QTextBrowser:focus {{
    outline: none; border: 4px solid {c.focus};
}}
QPushButton[role="primary"] {{
    background: {c.primary}; color: {c.on_primary}; border-color: {c.primary}; font-weight: 700;
}}
QPushButton[role="primary"]:focus {{ border: 4px solid {c.focus}; }}
QPushButton[role="primary"]:disabled {{
    background: {c.surface}; color: {c.muted}; border: 2px dashed {c.border}; font-weight: 400;
}}
QPushButton[size="big"] {{ font-size: {point_size(settings, 1.35)}pt; padding: {pad * 2}px {pad * 3}px; }}
QPushButton[role="choice"] {{ text-align: left; padding: {pad * 2}px; font-size: {point_size(settings, 1.15)}pt; }}
QPushButton[role="choice"]:checked {{ border: 4px solid {c.primary}; font-weight: 700; }}
QPushButton[role="danger"] {{ color: {c.danger}; border-color: {c.danger}; }}
QPushButton[role="nav"] {{ text-align: left; border: 2px solid transparent; background: transparent; font-weight: 700; }}
QPushButton[role="nav"]:checked {{ border: 3px solid {c.text}; background: {c.window}; }}
QPushButton[role="stair"] {{ text-align: left; padding: 0px; }}
QPushButton[role="stair"][state="next"] {{ border: 4px solid {c.primary}; font-weight: 700; }}
QPushButton[role="stair"][state="done"] {{ border-color: {c.done}; }}
QLineEdit, QPlainTextEdit, QComboBox {{
    background: {c.surface}; border: 2px solid {c.border}; border-radius: 6px; padding: {pad // 2 + 2}px;
}}
QTextBrowser {{ background: {c.surface}; border: 2px solid {c.border}; border-radius: 12px; padding: {pad}px; }}
QProgressBar {{ border: 2px solid {c.border}; border-radius: 6px; background: {c.surface}; text-align: center;
    min-height: {round(pt * 1.6)}px; }}
QProgressBar::chunk {{ background: {c.primary}; border-radius: 4px; }}
QCheckBox, QRadioButton {{ spacing: {pad}px; padding: {pad // 2}px; border: 4px solid transparent; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: {round(pt * 1.5)}px; height: {round(pt * 1.5)}px; }}
QSlider {{ border: 4px solid transparent; min-height: {round(pt * 2.2)}px; }}
QSlider::groove:horizontal {{ height: {max(6, round(pt / 2))}px; background: {c.border}; border-radius: 3px; }}
QSlider::handle:horizontal {{ background: {c.primary}; width: {round(pt * 1.8)}px; margin: -{round(pt * 0.6)}px 0;
    border-radius: {round(pt * 0.9)}px; border: 2px solid {c.text}; }}
QSlider::handle:horizontal:disabled {{ background: {c.surface}; border: 2px dashed {c.border}; }}
QScrollBar:vertical {{ background: {c.window}; width: {round(pt * 1.4)}px; margin: 0; border: none; }}
QScrollBar::handle:vertical {{ background: {c.muted}; border-radius: {round(pt * 0.5)}px; min-height: {round(pt * 3)}px;
    margin: 2px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: transparent; }}
QToolTip {{ background: {c.surface}; color: {c.text}; border: 2px solid {c.border}; }}
"""


def apply_theme(app: QApplication, settings: Settings) -> None:
    """Apply the font, palette and style sheet for ``settings`` to the whole application."""
    c = colours(settings)
    font = QFont(app.font())
    font.setPointSizeF(point_size(settings))
    app.setFont(font)
    palette = QPalette()
    for role, value in (
        (QPalette.ColorRole.Window, c.window),
        (QPalette.ColorRole.Base, c.surface),
        (QPalette.ColorRole.Text, c.text),
        (QPalette.ColorRole.WindowText, c.text),
        (QPalette.ColorRole.ButtonText, c.text),
        (QPalette.ColorRole.Button, c.surface),
        (QPalette.ColorRole.Highlight, c.accent),
        (QPalette.ColorRole.HighlightedText, c.on_primary),
        (QPalette.ColorRole.Link, c.accent),
        (QPalette.ColorRole.ToolTipBase, c.surface),
        (QPalette.ColorRole.ToolTipText, c.text),
        (QPalette.ColorRole.PlaceholderText, c.muted),
    ):
        palette.setColor(role, QColor(value))
    app.setPalette(palette)
    app.setStyleSheet(style_sheet(settings))
