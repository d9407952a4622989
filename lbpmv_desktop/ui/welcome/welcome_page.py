"""Bienvenue: the first start, one question at a time."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lbpmv_desktop.ui import accessibility
from lbpmv_desktop.ui.widgets.common import Card, ScrollPage, make_button, make_label


class WelcomePage(QWidget):
    """Two short screens: who you are, then where you want to start.

    Signals:
        completed(shop_name, first_name, animator_name, goal): the merchant chose a start.
        animator_chosen: this computer is an animator's.
    """

    completed = Signal(str, str, str, str)
    animator_chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 8, 16, 8)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)
        self.pages.addWidget(self._build_role())
        self.pages.addWidget(self._build_names())
        self.pages.addWidget(self._build_goals())

    @staticmethod
    def _scrolling_page() -> tuple[ScrollPage, QVBoxLayout]:
        """One screen of Bienvenue: it scrolls when large text needs more than the window."""
        page = ScrollPage()
        page.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop: it scrolls to the focused control
        page.body.setContentsMargins(32, 24, 32, 24)
        page.body.setSpacing(16)
        return page, page.body

    def _build_role(self) -> QWidget:
        page, layout = self._scrolling_page()
        header = QHBoxLayout()
        header.setSpacing(20)
        icon = QApplication.windowIcon()
        if not icon.isNull():
            logo = QLabel()
            logo.setPixmap(icon.pixmap(72, 72))
            logo.setAccessibleName("Le Bon Pour Ma Ville")
            header.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        titles = QVBoxLayout()
        titles.setSpacing(4)
        titles.addWidget(make_label(self.tr("Welcome!"), "title"))
        titles.addWidget(
            make_label(self.tr("Le Bon Pour Ma Ville: your first steps online, at your own pace."))
        )
        header.addLayout(titles, 1)
        layout.addLayout(header)
        layout.addSpacing(8)
        layout.addWidget(make_label(self.tr("Who will use this computer?"), "subtitle"))
        self.merchant_button = make_button(self.tr("I run a shop"), "choice")
        self.animator_button = make_button(self.tr("I am an animator of the programme"), "choice")
        self.merchant_button.clicked.connect(lambda: self._go(1))
        self.animator_button.clicked.connect(self.animator_chosen.emit)
        layout.addWidget(self.merchant_button)
        layout.addWidget(self.animator_button)
        layout.addStretch(1)
        return page

    def _go(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        if index == 1:
            self.shop_edit.setFocus()

    def _build_names(self) -> QWidget:
        page, layout = self._scrolling_page()
        layout.addWidget(make_label(self.tr("Welcome!"), "title"))
        layout.addWidget(
            make_label(
                self.tr(
                    "This app helps you take your shop online, one small step at a time. "
                    "You cannot break anything, and everything you do is kept."
                )
            )
        )
        card = Card()
        form = QFormLayout()
        form.setSpacing(12)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.shop_edit = QLineEdit()
        self.first_name_edit = QLineEdit()
        self.animator_edit = QLineEdit()
        for edit, name, hint in (
            (self.shop_edit, self.tr("Name of your shop"), self.tr("for example: Les Petits Pas")),
            (self.first_name_edit, self.tr("Your first name"), self.tr("for example: Martine")),
            (self.animator_edit, self.tr("Your animator's name (optional)"), self.tr("for example: Léa")),
        ):
            edit.setAccessibleName(name)
            edit.setPlaceholderText(hint)
            edit.setMaxLength(80)
            label = make_label(name)
            label.setBuddy(edit)
            form.addRow(label, edit)
        card.body.addLayout(form)
        layout.addWidget(card)
        self.names_error = make_label("", "banner")
        self.names_error.hide()
        layout.addWidget(self.names_error)
        row = QHBoxLayout()
        row.addStretch(1)
        self.next_button = make_button(self.tr("Next"), "primary")
        self.next_button.clicked.connect(self._on_next)
        row.addWidget(self.next_button)
        layout.addLayout(row)
        layout.addStretch(1)
        for edit in (self.shop_edit, self.first_name_edit, self.animator_edit):
            edit.returnPressed.connect(self._on_next)
        for edit in (self.shop_edit, self.first_name_edit):
            edit.textChanged.connect(self._on_name_typed)
        return page

    def _build_goals(self) -> QWidget:
        page, layout = self._scrolling_page()
        layout.addWidget(make_label(self.tr("Where would you like to start?"), "title"))
        layout.addWidget(make_label(self.tr("Choose one: you will be able to do the others later.")))
        self.goal_buttons: dict[str, object] = {}
        for goal, text in (
            ("photos", self.tr("Show off my products with good photos")),
            ("internet", self.tr("Be found on the internet")),
            ("vendre", self.tr("Sell at a distance: click & collect")),
        ):
            button = make_button(text, "choice")
            button.setObjectName(f"goal-{goal}")
            button.clicked.connect(lambda _=False, g=goal: self._on_goal(g))
            layout.addWidget(button)
            self.goal_buttons[goal] = button
        row = QHBoxLayout()
        back = make_button(self.tr("Back"))
        back.clicked.connect(lambda: self._go(1))  # the focus comes back to the first field
        row.addWidget(back)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def reset(self) -> None:
        for edit in (self.shop_edit, self.first_name_edit, self.animator_edit):
            edit.clear()
        self.names_error.hide()
        self.pages.setCurrentIndex(0)
        self.merchant_button.setFocus()

    def _missing(self) -> list[str]:
        missing = []
        if not self.shop_edit.text().strip():
            missing.append(self.tr("Write the name of your shop."))
        if not self.first_name_edit.text().strip():
            missing.append(self.tr("Write your first name."))
        return missing

    def _on_name_typed(self) -> None:
        """An error shown says only what is still missing, and goes once nothing is."""
        if self.names_error.isHidden():
            return
        missing = self._missing()
        if not missing:
            self.names_error.hide()
        elif " ".join(missing) != self.names_error.text():
            self.names_error.setText(" ".join(missing))

    def _on_next(self) -> None:
        missing = self._missing()
        if missing:
            self.names_error.setText(" ".join(missing))
            self.names_error.show()
            (self.shop_edit if not self.shop_edit.text().strip() else self.first_name_edit).setFocus()
            accessibility.announce(self.names_error, self.names_error.text(), urgent=True)
            return
        self.names_error.hide()
        self.pages.setCurrentIndex(2)
        button = self.goal_buttons["photos"]
        assert isinstance(button, QWidget)
        button.setFocus()

    def _on_goal(self, goal: str) -> None:
        self.completed.emit(
            self.shop_edit.text().strip(),
            self.first_name_edit.text().strip(),
            self.animator_edit.text().strip(),
            goal,
        )
