"""Checks run on a shown screen: layout, keyboard focus and what a screen reader is told.

Each function walks the visible widgets of a window and returns one French sentence per problem,
naming the widget: ``lbpmv --self-test`` and the test suite run them on every screen and state, at
every supported screen size and text size.

- ``layout_problems``: a text that does not fit its widget (font metrics against the contents
  rectangle, for widgets without word wrap; the height for its width, for wrapped labels), a widget
  smaller than its minimum size hint, two sibling widgets that overlap, a widget cut by the window
  or by a parent (inside a scrolling page, only sideways: nothing may need horizontal scrolling).
- ``accessibility_problems``: an interactive element without a name, whose name does not contain
  its visible text or is English while the interface is French; a drop-down list named only by its
  value; a label that hides its text behind another name; a title that is not a heading; a
  navigation button exposed as a check box.
- ``focus_problems``: a focusable control that looks the same focused and unfocused.
- ``tab_problems``: a visible control that Tab (or Shift+Tab) never reaches, or a control that keeps
  the focus when Tab is pressed (a trap).
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QTextBoundaryFinder
from PySide6.QtGui import (
    QAccessible,
    Qt,  # QtGui's Qt namespace also has mightBeRichText
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QScrollBar,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QTableView,
    QTextBrowser,
    QTextEdit,
    QWidget,
)

from lbpmv_desktop.paths import resources_dir

if TYPE_CHECKING:
    from collections.abc import Iterator

    from PySide6.QtGui import QAccessibleInterface

CONTROLS = (
    QLabel,
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSlider,
    QAbstractSpinBox,
    QProgressBar,
    QTextEdit,
    QPlainTextEdit,
    QAbstractItemView,
)
# Parts of a compound widget, checked as part of it.
_COMPOUND = (QComboBox, QAbstractSpinBox, QTabBar, QAbstractItemView)
_INTERACTIVE_ROLES = {
    QAccessible.Role.PushButton,
    QAccessible.Role.CheckBox,
    QAccessible.Role.RadioButton,
    QAccessible.Role.ComboBox,
    QAccessible.Role.EditableText,
    QAccessible.Role.Slider,
    QAccessible.Role.SpinBox,
    QAccessible.Role.PageTab,
    QAccessible.Role.List,
    QAccessible.Role.Table,
    QAccessible.Role.Tree,
    QAccessible.Role.ButtonMenu,
    QAccessible.Role.ButtonDropDown,
}
_SLACK = 1  # pixels of rounding allowed everywhere


def describe(widget: QWidget) -> str:
    """A short human name for ``widget``: its class and what it shows."""
    text = ""
    if isinstance(widget, (QLabel, QAbstractButton)):
        text = widget.text()
    elif isinstance(widget, QLineEdit):
        text = widget.text() or widget.placeholderText()
    elif isinstance(widget, QComboBox):
        text = widget.currentText()
    text = text or widget.accessibleName() or widget.objectName()
    text = " ".join(_plain(text).split())
    if len(text) > 40:
        text = text[:39] + "…"
    return f"{type(widget).__name__} « {text} »" if text else type(widget).__name__


def _plain(text: str) -> str:
    if Qt.mightBeRichText(text):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def _is_internal(widget: QWidget, window: QWidget) -> bool:
    """A scroll bar, viewport or sub-widget of a compound control: checked through its owner."""
    if isinstance(widget, QScrollBar):
        return True
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, _COMPOUND):
            return True
        if (
            isinstance(parent, QAbstractScrollArea)
            and widget is not parent.viewport()
            and widget.parentWidget() is parent
        ):  # corner widgets and scroll bar containers, not the content of the viewport
            return True
        parent = parent.parentWidget()
    return False


def visible_widgets(window: QWidget) -> Iterator[QWidget]:
    """Every widget of ``window`` a person can see (not hidden, not in another window)."""
    for widget in window.findChildren(QWidget):
        if widget.isVisible() and widget.window() is window and not _is_internal(widget, window):
            yield widget


def _in_layout(layout: QLayout | None, widget: QWidget) -> bool:
    if layout is None:
        return False
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        if item.widget() is widget:
            return True
        if item.layout() is not None and _in_layout(item.layout(), widget):
            return True
    return False


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def _ignores(widget: QWidget, orientation: Qt.Orientation) -> bool:
    policy = widget.sizePolicy()
    value = policy.horizontalPolicy() if orientation == Qt.Orientation.Horizontal else policy.verticalPolicy()
    return value == QSizePolicy.Policy.Ignored


def _unbreakable(text: str) -> list[str]:
    """The pieces of ``text`` a line cannot be broken in (Qt also breaks after a hyphen)."""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    pieces, start = [], 0
    while (end := finder.toNextBoundary()) != -1:
        pieces.append(text[start:end])
        start = end
    return pieces or [""]


def _text_problem(widget: QWidget) -> str | None:
    """Why the text of ``widget`` does not fit, or None."""
    if isinstance(widget, QLabel):
        if not widget.text() or widget.pixmap() is not None and not widget.pixmap().isNull():
            return None
        contents = widget.contentsRect().adjusted(
            widget.margin(), widget.margin(), -widget.margin(), -widget.margin()
        )
        rich = widget.textFormat() == Qt.TextFormat.RichText or (
            widget.textFormat() == Qt.TextFormat.AutoText and Qt.mightBeRichText(widget.text())
        )
        if widget.wordWrap():
            need = widget.heightForWidth(widget.width())
            if need > widget.height() + _SLACK:
                return f"texte coupé en bas ({need} px nécessaires, {widget.height()} px)"
            longest = max(_unbreakable(_plain(widget.text())), key=widget.fontMetrics().horizontalAdvance)
            width = widget.fontMetrics().horizontalAdvance(longest.strip())
            if width > contents.width() + _SLACK:
                return f"mot « {longest} » plus large que le texte ({width} px, {contents.width()} px)"
            return None
        if rich:
            hint = widget.sizeHint()
            if hint.width() > widget.width() + _SLACK or hint.height() > widget.height() + _SLACK:
                return f"texte coupé ({hint.width()}×{hint.height()} nécessaires, {widget.width()}×{widget.height()})"
            return None
        metrics = widget.fontMetrics()
        lines = widget.text().split("\n")
        width = max(metrics.horizontalAdvance(line) for line in lines)
        height = metrics.lineSpacing() * len(lines)
        if width > contents.width() + _SLACK:
            return f"texte coupé à droite ({width} px nécessaires, {contents.width()} px)"
        if height > contents.height() + metrics.leading() + _SLACK:
            return f"texte coupé en bas ({height} px nécessaires, {contents.height()} px)"
        return None
    if isinstance(widget, QAbstractButton) and widget.text():
        hint = widget.sizeHint()
        if hint.width() > widget.width() + _SLACK:
            return f"texte coupé ({hint.width()} px nécessaires, {widget.width()} px)"
        if widget.fontMetrics().height() > widget.height():
            return f"texte coupé en hauteur ({widget.height()} px)"
        return None
    if isinstance(widget, QTableView):
        return _header_problem(widget.horizontalHeader())
    if isinstance(widget, QComboBox) and widget.currentText():
        option = QStyleOptionComboBox()
        widget.initStyleOption(option)
        field = widget.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, widget
        )
        width = widget.fontMetrics().horizontalAdvance(widget.currentText())
        if width > field.width() + _SLACK:
            return f"choix « {widget.currentText()} » coupé ({width} px nécessaires, {field.width()} px)"
    return None


def _header_problem(header: QHeaderView) -> str | None:
    """A column title cut by its column (the cells may be elided, their title may not)."""
    if not header.isVisible():
        return None
    model = header.model()
    if model is None:
        return None
    metrics = header.fontMetrics()
    cut = []
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        title = str(model.headerData(section, header.orientation(), Qt.ItemDataRole.DisplayRole) or "")
        need = max((metrics.horizontalAdvance(line) for line in title.split("\n")), default=0)
        if title and need > header.sectionSize(section) - 8:
            cut.append(f"« {title} » ({need} px nécessaires, {header.sectionSize(section)} px)")
    return f"titre de colonne coupé : {', '.join(cut)}" if cut else None


def _cut_by(widget: QWidget, window: QWidget) -> str | None:
    """Whether a parent (or the window) cuts ``widget``; in a scrolling page, only sideways."""
    ancestor = widget.parentWidget()
    while ancestor is not None:
        rect = _rect_in(widget, ancestor)
        area = ancestor.rect()
        scroll = ancestor.parentWidget()
        sideways_only = isinstance(scroll, QAbstractScrollArea) and ancestor is scroll.viewport()
        if rect.right() > area.right() + _SLACK:
            where = "la fenêtre" if ancestor is window else describe(ancestor)
            return f"dépasse de {where} de {rect.right() - area.right()} px à droite"
        if rect.left() < area.left() - _SLACK:
            where = "la fenêtre" if ancestor is window else describe(ancestor)
            return f"dépasse de {where} de {area.left() - rect.left()} px à gauche"
        if not sideways_only and (rect.bottom() > area.bottom() + _SLACK or rect.top() < area.top() - _SLACK):
            where = "la fenêtre" if ancestor is window else describe(ancestor)
            return f"coupé en bas ou en haut par {where}"
        if ancestor is window:
            return None
        if sideways_only:  # the scroll area itself is checked against its own parents
            return None
        ancestor = ancestor.parentWidget()
    return None


def layout_problems(window: QWidget) -> list[str]:
    """Texts that do not fit, widgets too small, overlapping or cut (see the module's docstring)."""
    problems: list[str] = []
    widgets = list(visible_widgets(window))
    for widget in widgets:
        name = describe(widget)
        if isinstance(widget, CONTROLS):
            text = _text_problem(widget)
            if text:
                problems.append(f"{name} : {text}")
            hint = widget.minimumSizeHint()
            if hint.isValid():
                if hint.width() > widget.width() + _SLACK and not _ignores(widget, Qt.Orientation.Horizontal):
                    problems.append(
                        f"{name} : plus étroit que sa taille minimale ({widget.width()} < {hint.width()} px)"
                    )
                if hint.height() > widget.height() + _SLACK and not _ignores(widget, Qt.Orientation.Vertical):
                    problems.append(
                        f"{name} : moins haut que sa taille minimale ({widget.height()} < {hint.height()} px)"
                    )
        cut = _cut_by(widget, window)
        if cut:
            problems.append(f"{name} : {cut}")
    visible = set(widgets)
    for parent in [window, *widgets]:
        children = [
            child
            for child in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if child in visible and _in_layout(parent.layout(), child)
        ]
        for index, first in enumerate(children):
            for second in children[index + 1 :]:
                overlap = first.geometry().intersected(second.geometry())
                if overlap.width() > _SLACK and overlap.height() > _SLACK:
                    problems.append(f"{describe(first)} : chevauche {describe(second)}")
    return problems


# -- screen reader ---------------------------------------------------------------------------------
def _normal(text: str, *, mnemonic: bool = False) -> str:
    """``text`` as a comparison sees it: letters, digits and the signs that carry meaning
    (« & », « + », « € », « % »), in lower case; arrows, dots and punctuation dropped."""
    text = _plain(text)
    if mnemonic:  # a button's text: "&&" is a literal "&", a single "&" marks the shortcut
        text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    kept = "".join(c if c.isalnum() or c in "&+€%" else " " for c in text)
    return " ".join(kept.split()).casefold()


@cache
def _english_sources() -> frozenset[str]:
    """The English source strings whose French translation differs (a name among them is English)."""
    ts = resources_dir() / "translations" / "lbpmv_fr.ts"
    try:
        text = ts.read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    found = set()
    for source, translation in re.findall(
        r"<source>(.*?)</source>\s*<translation[^>]*>(.*?)</translation>", text, re.S
    ):
        source, translation = html.unescape(source), html.unescape(translation)
        if _normal(source) != _normal(translation) and len(source) > 3:
            found.add(_normal(source))
    return frozenset(found)


def _visible_text(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton):
        return _normal(widget.text(), mnemonic=True)
    if isinstance(widget, QLabel):  # a label with a buddy shows "&&" as "&" and "&x" as an underlined x
        return _normal(widget.text(), mnemonic=widget.buddy() is not None)
    return ""


def _interfaces(window: QWidget) -> Iterator[tuple[QWidget, QAccessibleInterface]]:
    for widget in visible_widgets(window):
        interface = QAccessible.queryAccessibleInterface(widget)
        if interface is not None and interface.isValid():
            yield widget, interface


def accessibility_problems(window: QWidget, *, french: bool = True) -> list[str]:
    """What a screen reader would get wrong on this screen (see the module's docstring)."""
    problems: list[str] = []
    english = _english_sources() if french else frozenset()
    for widget, interface in _interfaces(window):
        role = interface.role()
        name = interface.text(QAccessible.Text.Name)
        label = describe(widget)
        visible = _visible_text(widget)
        if isinstance(widget, QLabel):
            if widget.property("role") in ("title",) and role != QAccessible.Role.Heading:
                problems.append(f"{label} : un titre de page doit être un titre (heading)")
            if visible and visible not in _normal(name):
                problems.append(f"{label} : le lecteur d'écran lit « {name} » au lieu du texte affiché")
            continue
        if role not in _INTERACTIVE_ROLES:
            continue
        labels = [
            other.text(QAccessible.Text.Name)
            for other, _ in interface.relations(QAccessible.RelationFlag.Label)
        ]
        if isinstance(widget, QComboBox):  # on Linux Qt names a list by its value: its label is a relation
            if not widget.accessibleName() and not any(label.strip() for label in labels):
                problems.append(f"{label} : liste nommée seulement par sa valeur (donnez-lui une étiquette)")
            name = widget.accessibleName() or " ".join(labels)
        elif not name.strip():
            name = " ".join(labels)
        if not name.strip():
            problems.append(f"{label} : pas de nom pour le lecteur d'écran")
            continue
        if visible and visible not in _normal(name):
            problems.append(f"{label} : nom « {name} » ne contient pas le texte affiché")
        if widget.property("role") == "nav" and role == QAccessible.Role.CheckBox:
            problems.append(f"{label} : bouton de navigation présenté comme une case à cocher")
        if _normal(name) in english:
            problems.append(f"{label} : nom en anglais « {name} »")
    return problems


# -- keyboard ---------------------------------------------------------------------------------------
def focusable_widgets(window: QWidget) -> list[QWidget]:
    """The visible, enabled widgets that Tab can reach."""
    return [
        widget
        for widget in visible_widgets(window)
        if widget.isEnabled()
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and widget.focusProxy() is None
        and not isinstance(widget, QScrollBar)
    ]


def focus_problems(window: QWidget) -> list[str]:
    """Controls that look exactly the same with and without the keyboard focus."""
    problems: list[str] = []
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.focusWidget()
    for widget in focusable_widgets(window):
        widget.clearFocus()
        app.processEvents()
        unfocused = widget.grab().toImage()
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        app.processEvents()
        if not widget.hasFocus():
            continue  # the window is not active: nothing can be compared
        focused = widget.grab().toImage()
        widget.clearFocus()
        if focused == unfocused:
            problems.append(f"{describe(widget)} : aucune différence visible quand il a le focus")
    if before is not None:
        before.setFocus()
    return problems


def _press_tab(backwards: bool) -> QWidget | None:
    from PySide6.QtTest import QTest

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    current = app.focusWidget()
    if current is None:
        return None
    if backwards:
        QTest.keyClick(current, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    else:
        QTest.keyClick(current, Qt.Key.Key_Tab)
    app.processEvents()
    return app.focusWidget()


def _page_rect(widget: QWidget, window: QWidget) -> QRect:
    """Where ``widget`` lies on its page as laid out, whatever the scrolling (in window pixels)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            content = next((c for c in parent.children() if isinstance(c, QWidget)), None)
            if content is not None and content.isAncestorOf(widget):
                inside = _rect_in(widget, content)
                return inside.translated(_rect_in(area, window).topLeft())
        parent = parent.parentWidget()
    return _rect_in(widget, window)


def _block_rect(widget: QWidget, other: QWidget, window: QWidget) -> QRect:
    """Where ``widget`` lies for a comparison with ``other``: a scrolling area that holds one and
    not the other is one block (its content is read before what lies below it, fixed)."""
    block: QWidget | None = None
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea) and not parent.isAncestorOf(other):
            block = parent
        parent = parent.parentWidget()
    return _rect_in(block, window) if block is not None else _page_rect(widget, window)


def _out_of_reading_order(previous: QWidget, reached: QWidget, window: QWidget) -> bool:
    """Tab went back up and to the left, or leftwards along a line: not the order one reads."""
    before, after = _block_rect(previous, reached, window), _block_rect(reached, previous, window)
    if previous.isAncestorOf(reached) or reached.isAncestorOf(previous):
        return False
    up_and_left = after.bottom() < before.top() and after.right() < before.left()
    same_line = after.top() < before.bottom() and before.top() < after.bottom()
    leftwards = same_line and after.right() <= before.left() and before.height() < 3 * after.height()
    return up_and_left or leftwards


def _link_span(widget: QWidget | None) -> tuple[int, int] | None:
    """The link a text view's cursor is on (Tab walks a QTextBrowser's links), or None."""
    if not isinstance(widget, QTextBrowser):
        return None
    cursor = widget.textCursor()
    if not cursor.hasSelection():
        return None
    first = QTextCursor(widget.document())  # the selection's first character, whichever way it was made
    first.setPosition(cursor.selectionStart() + 1)
    return (cursor.selectionStart(), cursor.selectionEnd()) if first.charFormat().isAnchor() else None


def tab_problems(window: QWidget) -> list[str]:
    """Controls Tab or Shift+Tab never reach, controls that keep the focus on Tab, and Tab going
    against the reading order (back up to the left, or leftwards along a line)."""
    targets = focusable_widgets(window)
    if not targets:
        return []
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    problems: list[str] = []
    for backwards in (False, True):
        targets[0].setFocus(Qt.FocusReason.TabFocusReason)
        app.processEvents()
        if not targets[0].hasFocus():
            return []  # the window is not active
        seen: list[QWidget] = [targets[0]]
        for _ in range(len(targets) * 3 + 200):
            previous = app.focusWidget()
            link = _link_span(previous)
            reached = _press_tab(backwards)
            if reached is None or reached.window() is not window:
                problems.append(f"{describe(previous or window)} : Tab sort de la fenêtre")
                break
            if reached is previous and _link_span(reached) not in (None, link):
                continue  # Tab went on to the text's next link: the text lets go after its last one
            if reached is previous:
                problems.append(f"{describe(reached)} : garde le focus quand on appuie sur Tab (piège)")
                break
            if reached is targets[0]:
                break
            if not backwards and previous is not None and _out_of_reading_order(previous, reached, window):
                problems.append(
                    f"{describe(reached)} : atteint avec Tab après {describe(previous)}, hors de l'ordre de lecture"
                )
            seen.append(reached)
        missed = [widget for widget in targets if widget not in seen]
        key = "Maj+Tab" if backwards else "Tab"
        problems.extend(f"{describe(widget)} : jamais atteint avec {key}" for widget in missed)
    return sorted(set(problems), key=problems.index)


def screen_problems(window: QWidget, *, french: bool = True) -> list[str]:
    """Every check above, on the screen shown now."""
    return [
        *layout_problems(window),
        *accessibility_problems(window, french=french),
        *focus_problems(window),
        *tab_problems(window),
    ]
