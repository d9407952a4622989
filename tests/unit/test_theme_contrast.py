"""Every colour pair the two themes draw meets the WCAG 2 contrast ratios (text 4.5:1, the rest 3:1)."""

from __future__ import annotations

import re
from dataclasses import asdict, replace

import pytest
from PySide6.QtGui import QPalette

from lbpmv_desktop.settings import Settings
from lbpmv_desktop.ui import theme

THEMES = {"normal": Settings(), "high contrast": replace(Settings(), high_contrast=True)}
Role = QPalette.ColorRole
Group = QPalette.ColorGroup


def test_the_contrast_ratio_is_the_wcag_one() -> None:
    assert theme.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast("#ffffff", "#000000") == pytest.approx(21.0)
    assert theme.contrast("#777777", "#777777") == pytest.approx(1.0)
    assert theme.contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the classic threshold grey


@pytest.mark.parametrize("name", THEMES)
def test_every_declared_pair_meets_its_ratio(name: str) -> None:
    c = theme.colours(THEMES[name])
    failures = []
    for pair in theme.PAIRS:
        ratio = theme.contrast(getattr(c, pair.foreground), getattr(c, pair.background))
        if ratio < pair.minimum:
            failures.append(
                f"{pair.foreground} on {pair.background} ({pair.where}): {ratio:.2f}:1 < {pair.minimum}:1"
            )
    assert not failures, f"{name} theme:\n" + "\n".join(failures)


def test_every_colour_of_a_theme_is_in_a_declared_pair() -> None:
    declared = {pair.foreground for pair in theme.PAIRS} | {pair.background for pair in theme.PAIRS}
    assert set(theme.COLOUR_FIELDS) <= declared, set(theme.COLOUR_FIELDS) - declared


@pytest.mark.parametrize("name", THEMES)
def test_the_style_sheet_draws_only_the_theme_colours(name: str) -> None:
    """A colour written straight into the sheet would escape the pairs above."""
    settings = THEMES[name]
    used = {value.lower() for value in re.findall(r"#[0-9a-fA-F]{6}\b", theme.style_sheet(settings))}
    allowed = {value.lower() for value in asdict(theme.colours(settings)).values()}
    assert used <= allowed, used - allowed
    assert theme.colours(settings).placeholder in theme.style_sheet(settings)  # the sheet sets it itself


# Palette roles drawn one on the other, and the ratio each needs.
PALETTE_PAIRS = [
    (Role.Text, Role.Base, theme.TEXT_RATIO),
    (Role.Text, Role.AlternateBase, theme.TEXT_RATIO),
    (Role.WindowText, Role.Window, theme.TEXT_RATIO),
    (Role.HighlightedText, Role.Highlight, theme.TEXT_RATIO),
    (Role.PlaceholderText, Role.Base, theme.TEXT_RATIO),
    (Role.ButtonText, Role.Button, theme.TEXT_RATIO),
    (Role.Link, Role.Base, theme.TEXT_RATIO),
    (Role.Link, Role.Window, theme.TEXT_RATIO),
    (Role.LinkVisited, Role.Base, theme.TEXT_RATIO),
    (Role.ToolTipText, Role.ToolTipBase, theme.TEXT_RATIO),
    (Role.Highlight, Role.Base, theme.UI_RATIO),
    (Role.Mid, Role.Base, theme.UI_RATIO),
    (Role.Mid, Role.Window, theme.UI_RATIO),
    (Role.Dark, Role.Base, theme.UI_RATIO),
]


@pytest.mark.parametrize("name", THEMES)
@pytest.mark.parametrize("group", [Group.Active, Group.Inactive, Group.Disabled], ids=lambda g: g.name)
def test_the_palette_roles_meet_their_ratios(name: str, group: QPalette.ColorGroup) -> None:
    palette = theme.palette(THEMES[name])
    failures = []
    for foreground, background, minimum in PALETTE_PAIRS:
        ratio = theme.contrast(
            palette.color(group, foreground).name(), palette.color(group, background).name()
        )
        if ratio < minimum:
            failures.append(f"{foreground.name} on {background.name}: {ratio:.2f}:1 < {minimum}:1")
    assert not failures, f"{name}, {group.name}:\n" + "\n".join(failures)


@pytest.mark.parametrize("name", THEMES)
def test_alternate_rows_are_set_and_disabled_text_differs_from_normal_text(name: str) -> None:
    c = theme.colours(THEMES[name])
    palette = theme.palette(THEMES[name])
    assert palette.color(Group.Active, Role.AlternateBase).name() == c.alternate
    assert palette.color(Group.Disabled, Role.Text).name() == c.disabled != c.text


@pytest.mark.parametrize("name", THEMES)
def test_the_focus_rules_come_last_and_repeat_every_button_role_and_state(name: str) -> None:
    c = theme.colours(THEMES[name])
    sheet = theme.style_sheet(THEMES[name])
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", sheet)
    ring = f"border: {theme.RING}px solid {c.focus}"
    focus_index = max(index for index, (_, body) in enumerate(rules) if ring in body)
    focus_selectors = {s.strip() for s in rules[focus_index][0].split(",")}
    for index, (selectors, _body) in enumerate(rules):
        for selector in (s.strip() for s in selectors.split(",")):
            if (
                selector.startswith("QPushButton")
                and ":disabled" not in selector
                and ":focus" not in selector
            ):
                assert f"{selector}:focus" in focus_selectors or selector == "QPushButton", selector
                assert index < focus_index, f"{selector} comes after the focus ring"
    for kind in (
        "QPushButton",
        "QToolButton",
        "QCheckBox",
        "QRadioButton",
        "QSlider",
        "QComboBox",
        "QLineEdit",
    ):
        assert f"{kind}:focus" in focus_selectors
