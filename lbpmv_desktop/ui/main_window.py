"""The main window: a navigation rail and one page at a time. It only routes between pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QByteArray, QEvent, QMargins, QObject, QRect, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lbpmv_desktop.paths import ready_photos_dir
from lbpmv_desktop.ui import accessibility
from lbpmv_desktop.ui.home.home_page import HomePage
from lbpmv_desktop.ui.widgets import dialogs
from lbpmv_desktop.ui.widgets.common import ReflowRow, ScrollPage, make_button, make_label, set_role
from lbpmv_desktop.ui.widgets.reflow import WrapButton, wrap_button

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from lbpmv_desktop.core.photo.workers import PhotoWorkers
    from lbpmv_desktop.core.progress.status import Status
    from lbpmv_desktop.paths import DataFolderProblem
    from lbpmv_desktop.ui.animator.controller import AnimatorController
    from lbpmv_desktop.ui.animator.dashboard_page import DashboardPage
    from lbpmv_desktop.ui.animator.pin_page import PinPage
    from lbpmv_desktop.ui.animator.visit_page import VisitPage
    from lbpmv_desktop.ui.poster.poster_page import PosterPage
    from lbpmv_desktop.ui.progress.bilan_page import BilanPage
    from lbpmv_desktop.ui.session import AppSession, StoreProblem
    from lbpmv_desktop.ui.settings.settings_page import SettingsPage
    from lbpmv_desktop.ui.speech import Speech
    from lbpmv_desktop.ui.studio.controller import StudioController
    from lbpmv_desktop.ui.studio.studio_page import StudioPage
    from lbpmv_desktop.ui.tutorial.tutorial_page import TutorialPage
    from lbpmv_desktop.ui.welcome.welcome_page import WelcomePage

# The window at first start, when the screen has room for it.
DEFAULT_SIZE = QSize(1180, 800)
# The smallest supported screen is 1024×768: the window never needs more, taskbar and frame aside.
MINIMUM_SIZE = QSize(800, 560)
# Before the window is shown its frame is unknown: room kept for a title bar.
FRAME_ESTIMATE = QMargins(0, 32, 0, 0)
GEOMETRY_FILE = "window.ini"
# The navigation rail takes at most this share of the window's width (its texts wrap beyond).
NAV_SHARE = 0.22
# Between the rail's buttons when the screen is short (more when it has the height).
TIGHT_SPACING = 4


def fit_in(rect: QRect, available: QRect, frame: QMargins) -> QRect:
    """``rect`` (a window's inner geometry) moved and shrunk so that, frame included, it lies
    inside ``available``; never smaller than the window's minimum size unless the screen is."""
    inner = available.marginsRemoved(frame)
    width = max(min(rect.width(), inner.width()), min(MINIMUM_SIZE.width(), inner.width()))
    height = max(min(rect.height(), inner.height()), min(MINIMUM_SIZE.height(), inner.height()))
    x = min(max(rect.x(), inner.left()), inner.left() + inner.width() - width)
    y = min(max(rect.y(), inner.top()), inner.top() + inner.height() - height)
    return QRect(x, y, width, height)


class NavRail(ScrollPage):
    """The navigation column, scrolling if the screen is short.

    As wide as its widest button with every text on one line, unless that is more than its width
    limit (a share of the window): its texts then wrap between words, the rail never getting
    narrower than its longest word.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body.setContentsMargins(6, 12, 6, 12)  # the rail is narrow: the words need the room
        self.body.setSpacing(TIGHT_SPACING)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its buttons take the focus, and scroll it
        self._limit: int | None = None

    def set_width_limit(self, limit: int | None) -> None:
        """The most the rail may take (None: no limit); its longest word always fits."""
        if limit != self._limit:
            self._limit = limit
            self.updateGeometry()

    def _natural_width(self) -> int:
        """The body's width with every text on one line."""
        margins = self.body.contentsMargins()
        widest = 0
        for index in range(self.body.count()):
            item = self.body.itemAt(index)
            if item is None or item.isEmpty():
                continue
            widget = item.widget()
            size = widget.natural_size() if isinstance(widget, WrapButton) else item.sizeHint()
            widest = max(widest, size.width())
        return widest + margins.left() + margins.right()

    def _width(self) -> int:
        content = self.widget()
        if content is None:
            return 0
        bar = self.verticalScrollBar()
        scrolling = content.minimumHeight() > self.viewport().height()
        extra = (bar.sizeHint().width() if scrolling else 0) + 2 * self.frameWidth()
        width = self._natural_width()
        if self._limit is not None:
            width = min(width, self._limit - extra)
        return max(width, content.minimumSizeHint().width()) + extra

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self._width(), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self._width(), super().minimumSizeHint().height())

    def _spacing_wanted(self) -> int:
        """Airy between the buttons when the column is tall enough for it, tight rather than
        scrolling. Measured without the current spacing, so that the choice never flips back."""
        roomy = TIGHT_SPACING + round(self.fontMetrics().height() * 0.45)
        margins = self.body.contentsMargins()
        width = self.viewport().width() - margins.left() - margins.right()
        total = margins.top() + margins.bottom()
        for index in range(self.body.count()):
            item = self.body.itemAt(index)
            if item is None:
                continue
            if item.spacerItem() is not None:
                total += item.sizeHint().height() + roomy
            elif not item.isEmpty():
                height = item.heightForWidth(width) if item.hasHeightForWidth() else item.sizeHint().height()
                total += max(height, item.minimumSize().height()) + roomy
        return roomy if total <= self.viewport().height() else TIGHT_SPACING

    def refit(self) -> None:
        wanted = self._spacing_wanted()
        if wanted != self.body.spacing():
            self.body.setSpacing(wanted)
        super().refit()
        self._check_width()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._check_width()  # a taller window may no longer need the scroll bar, or the reverse

    def _check_width(self) -> None:
        """Ask the window for another width when the texts' wrapping or scrolling changed it."""
        if self._width() != self.width():
            self.updateGeometry()


class MainWindow(QMainWindow):
    """Routes the pages' requests; the pages refresh themselves from the session's signals.

    Signals:
        language_changed(str): the merchant picked another language in Réglages.
    """

    language_changed = Signal(str)

    def __init__(self, session: AppSession, speech: Speech, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.studio_controller: StudioController | None = None
        self._banner_unsaved = False  # the banner says something is not stored yet
        self._photo_workers: PhotoWorkers | None = None
        # « Mes photos prêtes »: where the studio writes and the poster finds photos (the self-test
        # points it into its data folder before the pages are built).
        self.ready_dir: Path = ready_photos_dir()
        self.animator: AnimatorController | None = None
        self._unlocked = False
        self._after_unlock: str | None = None
        self.setWindowTitle(self.tr("Le Bon Pour Ma Ville"))
        self.setMinimumSize(MINIMUM_SIZE)
        self.restore_geometry()
        central = QWidget()
        self.setCentralWidget(central)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)

        self.nav = QFrame()
        set_role(self.nav, "nav")
        rail_layout = QVBoxLayout(self.nav)
        rail_layout.setContentsMargins(0, 0, 0, 0)
        self.nav_rail = NavRail()
        rail_layout.addWidget(self.nav_rail)
        nav_layout = self.nav_rail.body
        brand = make_label(self.tr("Le Bon Pour\nMa Ville"), "subtitle")
        nav_layout.addWidget(brand)
        nav_layout.addSpacing(8)
        self.nav_group = QButtonGroup(self)
        self.nav_group.setExclusive(True)
        self.nav_buttons: dict[str, WrapButton] = {}
        for name, text in (
            ("home", self.tr("My path")),
            ("studio", self.tr("Photo studio")),
            ("poster", self.tr("Poster")),
            ("bilan", self.tr("My progress")),
            ("dashboard", self.tr("My shops")),
            ("settings", self.tr("Settings")),
            ("visit", self.tr("Animator space")),
        ):
            button = wrap_button(text, "nav", accessible=text)  # its words, however they wrap
            button.setCheckable(True)
            button.setObjectName(f"nav-{name}")
            button.clicked.connect(lambda _=False, n=name: self._on_nav(n))
            button.installEventFilter(self)  # arrows move the focus; Return or Space opens
            self.nav_group.addButton(button)
            nav_layout.addWidget(button)
            self.nav_buttons[name] = button
        nav_layout.addStretch(1)
        row.addWidget(self.nav)

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        self.banner = make_label("", "banner")
        self.banner.hide()
        self.banner_close = make_button(self.tr("Close the message"))
        self.banner_close.clicked.connect(self._hide_banner)
        self.banner_close.hide()
        banner_row = QHBoxLayout()
        banner_row.setContentsMargins(24, 12, 24, 0)
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.banner_close)
        right.addLayout(banner_row)
        self.stack = QStackedWidget()
        right.addWidget(self.stack, 1)
        row.addLayout(right, 1)

        loading = QWidget()
        loading_layout = QVBoxLayout(loading)
        loading_label = make_label(self.tr("Opening your progress…"), "subtitle")
        loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        loading_layout.addWidget(loading_label)
        self._speech = speech
        self.home = HomePage()
        # The other pages are built the first time they are shown: start-up stays fast.
        self.pages: dict[str, QWidget] = {"loading": loading, "home": self.home}
        for page in self.pages.values():
            self.stack.addWidget(page)

        self.home.open_requested.connect(self.open_tutorial)
        session.status_changed.connect(self._on_status_changed)
        session.sharing.shared.connect(self._on_shared)
        session.settings_changed.connect(self._on_settings_changed)
        session.store_refused.connect(self._on_store_refused)
        session.failed.connect(self.show_message)
        session.write_failed.connect(self._on_write_failed)
        session.saved.connect(self._on_saved)
        session.erased.connect(self._on_erased)
        self.show_page("loading")
        if session.status is not None:
            self._on_status_changed(session.status)

    # -- pages ----------------------------------------------------------------------------
    def page(self, name: str) -> QWidget:
        """The page called ``name``, built on first use."""
        if name not in self.pages:
            built = self._build_page(name)
            self.pages[name] = built
            self.stack.addWidget(built)
        return self.pages[name]

    def _build_page(self, name: str) -> QWidget:
        if name == "welcome":
            from lbpmv_desktop.ui.welcome.welcome_page import WelcomePage

            welcome = WelcomePage()
            welcome.completed.connect(self._on_welcome_completed)
            welcome.animator_chosen.connect(self._on_animator_chosen)
            return welcome
        if name == "pin":
            from lbpmv_desktop.ui.animator.pin_page import PinPage

            pin = PinPage(self.session)
            pin.unlocked.connect(self._on_unlocked)
            pin.cancelled.connect(self._on_pin_cancelled)
            return pin
        if name == "visit":
            from lbpmv_desktop.ui.animator.visit_page import VisitPage

            visit = VisitPage(self.session)
            visit.closed.connect(self._on_visit_closed)
            return visit
        if name == "dashboard":
            from lbpmv_desktop.ui.animator.controller import AnimatorController
            from lbpmv_desktop.ui.animator.dashboard_page import DashboardPage

            if self.animator is None:  # one watcher of the folder, whatever rebuilds the page
                self.animator = AnimatorController(self.session, self)
            return DashboardPage(self.session, self.animator)
        if name == "tutorial":
            from lbpmv_desktop.ui.tutorial.tutorial_page import TutorialPage

            tutorial = TutorialPage(self.session, self._speech)
            tutorial.home_requested.connect(self._on_home_requested)
            tutorial.tutorial_requested.connect(self.open_tutorial)
            tutorial.studio_requested.connect(self.open_studio)
            tutorial.poster_requested.connect(self.open_poster)
            return tutorial
        if name == "studio":
            from lbpmv_desktop.core.photo.library import PhotoLibrary
            from lbpmv_desktop.ui.studio.controller import StudioController
            from lbpmv_desktop.ui.studio.studio_page import StudioPage

            self.studio_controller = StudioController(
                PhotoLibrary(self.session.paths.photo_library), self.photo_workers, self.ready_dir, self
            )
            studio = StudioPage(self.studio_controller, self.session)
            studio.photo_exported.connect(self.session.record_photo_exported)
            self.studio_controller.start()
            return studio
        if name == "poster":
            from lbpmv_desktop.ui.poster.poster_page import PosterPage

            poster = PosterPage(self.session, workers=self.photo_workers, ready_dir=self.ready_dir)
            poster.poster_made.connect(self.session.record_poster_made)
            return poster
        if name == "bilan":
            from lbpmv_desktop.ui.progress import sharing_actions
            from lbpmv_desktop.ui.progress.bilan_page import BilanPage

            bilan = BilanPage()
            bilan.send_requested.connect(lambda: sharing_actions.send_progress(self, self.session))
            return bilan
        if name == "settings":
            from lbpmv_desktop.ui.settings.settings_page import SettingsPage

            settings = SettingsPage(self.session, self._speech)
            settings.language_changed.connect(self.language_changed)
            return settings
        raise KeyError(name)

    @property
    def welcome(self) -> WelcomePage:
        return cast("WelcomePage", self.page("welcome"))

    @property
    def tutorial(self) -> TutorialPage:
        return cast("TutorialPage", self.page("tutorial"))

    @property
    def pin_page(self) -> PinPage:
        return cast("PinPage", self.page("pin"))

    @property
    def visit_page(self) -> VisitPage:
        return cast("VisitPage", self.page("visit"))

    @property
    def dashboard(self) -> DashboardPage:
        return cast("DashboardPage", self.page("dashboard"))

    @property
    def studio(self) -> StudioPage:
        return cast("StudioPage", self.page("studio"))

    @property
    def poster(self) -> PosterPage:
        return cast("PosterPage", self.page("poster"))

    def open_poster(self, template: str | None = None) -> None:
        """Show the poster maker, with a template chosen (from a tutorial's practice step)."""
        self.show_page("poster")
        self.poster.start(template)

    def open_studio(self, preset: str | None = None) -> None:
        """Show the studio, with a destination chosen (from a tutorial's practice step)."""
        self.show_page("studio")
        self.studio.set_target(preset)

    @property
    def photo_workers(self) -> PhotoWorkers:
        """The worker processes that decode and export pictures, shared by the studio and the poster."""
        if self._photo_workers is None:
            from lbpmv_desktop.core.photo.workers import PhotoWorkers

            self._photo_workers = PhotoWorkers()
        return self._photo_workers

    def shutdown(self) -> None:
        """Save the studio's last edit and stop the picture worker processes."""
        controller = self.studio_controller
        if controller is not None:
            controller.shutdown()
            self.studio_controller = None
        if self._photo_workers is not None:
            self._photo_workers.shutdown()
            self._photo_workers = None

    @property
    def bilan(self) -> BilanPage:
        return cast("BilanPage", self.page("bilan"))

    @property
    def settings(self) -> SettingsPage:
        return cast("SettingsPage", self.page("settings"))

    def _on_home_requested(self) -> None:
        self.show_page("home")
        self.home.focus_main_action()

    # -- roles and the animator space ------------------------------------------------------
    @property
    def is_animator(self) -> bool:
        return self.session.settings.role == "animator"

    def _apply_role(self) -> None:
        animator = self.is_animator
        for name, button in self.nav_buttons.items():
            button.setVisible(name in ("dashboard", "settings") if animator else name != "dashboard")

    def _on_nav(self, name: str) -> None:
        if name == "poster":
            self.open_poster()
            return
        if name in ("visit", "dashboard") and not self._unlocked:
            self._after_unlock = name
            self.show_page("pin")
            self.pin_page.prepare()
            return
        self.show_page(name)

    def _on_animator_chosen(self) -> None:
        from dataclasses import replace

        self.session.update_settings(replace(self.session.settings, role="animator"))
        self._apply_role()
        self._on_nav("dashboard")

    def _on_unlocked(self) -> None:
        self._unlocked = True
        target = self._after_unlock or ("dashboard" if self.is_animator else "visit")
        self.show_page(target)
        if target == "visit":
            self.visit_page.start_visit()
        elif target == "dashboard" and self.animator is not None:
            self.animator.load()
            self.animator.watch(self.session.settings.sharing_folder)

    def _on_pin_cancelled(self) -> None:
        if self.is_animator:
            self.pin_page.prepare()
        else:
            self.show_page("home")

    def _on_visit_closed(self) -> None:
        self._unlocked = False
        self.show_page("home")

    # -- routing --------------------------------------------------------------------------
    def current_page(self) -> str:
        current = self.stack.currentWidget()
        return next(name for name, page in self.pages.items() if page is current)

    def show_page(self, name: str) -> None:
        self.stack.setCurrentWidget(self.page(name))
        # A tutorial fills the window: one thing at a time, and room for large text.
        self.nav.setVisible(name not in ("loading", "welcome", "tutorial", "pin"))
        button = self.nav_buttons.get(name if name != "tutorial" else "home")
        if name != "studio" and "studio" in self.pages:
            self.studio.set_target(None)
        if button is not None:
            button.setChecked(True)
        self._refresh_bilan()

    def _refresh_bilan(self) -> None:
        """Mon bilan is drawn again when shown, and while shown when progress or settings change."""
        status = self.session.status
        if status is not None and self.current_page() == "bilan":
            self.bilan.show_status(status, self.session.catalogue, self.session.settings)

    def open_tutorial(self, tutorial_id: str, step_id: str) -> None:
        self.show_page("tutorial")
        if not self.tutorial.open_tutorial(tutorial_id, step_id):
            self.show_page("home")

    # -- session signals ------------------------------------------------------------------
    def _on_status_changed(self, status: Status) -> None:
        self.home.show_status(status, self.session.catalogue)
        self._refresh_bilan()
        self._apply_role()
        if self.is_animator:
            if self.current_page() in ("loading", "welcome"):
                self._on_nav("dashboard")
            return
        if status.first_start:
            if self.current_page() != "welcome":
                self.welcome.reset()
                self.show_page("welcome")
        elif self.current_page() in ("loading", "welcome"):
            self.show_page("home")
            self.home.focus_main_action()

    def _on_shared(self, when: object) -> None:
        from datetime import datetime

        status = self.session.status
        animator = status.profile.animator_name if status and status.profile else ""
        self.home.show_shared(
            when if isinstance(when, datetime) else None, animator, bool(self.session.settings.sharing_folder)
        )

    def _on_settings_changed(self, _settings: object) -> None:
        self._refresh_bilan()

    def _on_welcome_completed(self, shop: str, first_name: str, animator: str, goal: str) -> None:
        from dataclasses import replace

        self.session.update_settings(replace(self.session.settings, role="merchant"))
        self.session.set_profile(shop, first_name, animator, goal)

    def _on_erased(self) -> None:
        """Everything was erased: the pages that held the merchant's photos and texts go too."""
        self.show_page("loading")
        if self.studio_controller is not None:
            self.studio_controller.shutdown()
            self.studio_controller = None
        for name in ("studio", "poster"):
            page = self.pages.pop(name, None)
            if page is not None:
                self.stack.removeWidget(page)
                page.deleteLater()

    def _on_write_failed(self, message: str) -> None:
        """Something was not stored: said here, unless the tutorial page says it with « Réessayer »."""
        if self.current_page() != "tutorial":
            self.show_message(message)
            self._banner_unsaved = True

    def _on_saved(self) -> None:
        """What was waiting is stored now: the banner that said it was not says so."""
        if self._banner_unsaved and self.banner.isVisible():
            self.show_message(self.tr("✓ Everything is saved now."))
        self._banner_unsaved = False

    def _on_store_refused(self, problem: StoreProblem) -> None:
        if problem.kind == "failed":  # a missing or read-only folder, a full disk, a bug: retry
            retry = dialogs.ConfirmDialog.ask(
                self,
                self.tr("Your progress could not be opened"),
                getattr(problem, "message", "")
                or self.tr("Your progress could not be opened. Check the disk it is on, then try again."),
                self.tr("Try again"),
            )
            retry_open = getattr(self.session, "retry_open", None)
            if retry and retry_open is not None:
                retry_open()
                return
            self.close()
            return
        if problem.kind == "newer":
            dialogs.MessageDialog.ask(
                self,
                self.tr("Please update the app"),
                self.tr(
                    "Your progress was saved by a newer version of Le Bon Pour Ma Ville. "
                    "Install the latest version to open it. Your data has not been changed."
                ),
            )
            self.close()
            return
        if problem.backup is not None:
            when = problem.backup_time.strftime("%d/%m/%Y %H:%M") if problem.backup_time else ""
            why = (
                self.tr(
                    "Something that is not a file (a folder or a special file) has taken the name of the "
                    "file where your progress is kept."
                )
                if problem.not_regular
                else self.tr(
                    "The file where your progress is kept is damaged (this can happen after a power cut)."
                )
            )
            restore = dialogs.ConfirmDialog.ask(
                self,
                self.tr("Your progress file is damaged"),
                why
                + " "
                + self.tr(
                    "The app made a copy on {when}. Shall we take it back? What is there now is kept "
                    "aside, nothing is deleted."
                ).format(when=when),
                self.tr("Take back the copy"),
            )
            if restore:
                self.session.restore_backup(problem.backup)
                return
        else:
            dialogs.MessageDialog.ask(
                self,
                self.tr("Your progress file is damaged"),
                self.tr(
                    "Something that is not a file (a folder or a special file) has taken the name of the "
                    "file where your progress is kept, and there is no copy yet. Call your animator: "
                    "nothing was changed."
                )
                if problem.not_regular
                else self.tr(
                    "The file where your progress is kept is damaged and there is no copy yet. "
                    "Call your animator: the file is kept as it is."
                ),
            )
        self.close()

    def show_message(self, message: str) -> None:
        """Show a short message at the top of the window until the merchant closes it."""
        self._banner_unsaved = False
        self.banner.setText(message)
        self.banner.show()
        self.banner_close.show()
        accessibility.announce(self.banner, message, urgent=True)

    def _hide_banner(self) -> None:
        had_focus = self.banner_close.hasFocus()
        self.banner.hide()
        self.banner_close.hide()
        if had_focus:  # the focus does not vanish with the button: back to the page
            self._focus_page()

    def _focus_page(self) -> None:
        """The focus on the shown page: Accueil's main button, or the page's tab."""
        name = self.current_page()
        if name == "home":
            self.home.focus_main_action()
            return
        button = self.nav_buttons.get(name)
        if button is not None and button.isVisibleTo(self):
            button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            page = self.stack.currentWidget()
            if page is not None:
                page.setFocus(Qt.FocusReason.OtherFocusReason)
                page.focusNextChild()  # from the page itself to its first control

    # -- keyboard in the navigation ---------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(watched, QAbstractButton)
            and watched in self.nav_buttons.values()
            and isinstance(event, QKeyEvent)
            and self._on_nav_key(watched, event)
        ):
            return True
        return super().eventFilter(watched, event)

    def _on_nav_key(self, button: QAbstractButton, event: QKeyEvent) -> bool:
        """Arrows only move the focus along the navigation (a page opens on Return or Space, as
        page tabs do): a merchant looking for a page does not open every page on the way."""
        key = Qt.Key(event.key())
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            button.click()
            return True
        steps = {Qt.Key.Key_Up: -1, Qt.Key.Key_Left: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_Right: 1}
        if key not in steps and key not in (Qt.Key.Key_Home, Qt.Key.Key_End):
            return False
        shown = [b for b in self.nav_buttons.values() if b.isVisibleTo(self.nav)]
        if button not in shown:
            return False
        if key == Qt.Key.Key_Home:
            target = shown[0]
        elif key == Qt.Key.Key_End:
            target = shown[-1]
        else:
            target = shown[(shown.index(button) + steps[key]) % len(shown)]
        target.setFocus(Qt.FocusReason.TabFocusReason)
        self.nav_rail.ensureWidgetVisible(target, 0, 8)
        return True

    # -- size and place on the screen ---------------------------------------------------------
    def _geometry_store(self) -> QSettings:
        """The window's size and place, kept in the data folder (never the system's registry)."""
        return QSettings(str(self.session.paths.root / GEOMETRY_FILE), QSettings.Format.IniFormat)

    def restore_geometry(self) -> None:
        """The size and place the window had when it was closed, or at first start the default
        size fitted to the screen; in both cases inside the screen's available area."""
        saved = self._geometry_store().value("geometry")
        restored = isinstance(saved, QByteArray) and not saved.isEmpty() and self.restoreGeometry(saved)
        if not restored:
            screen = QGuiApplication.primaryScreen()
            available = screen.availableGeometry() if screen else QRect(0, 0, 1024, 768)
            rect = QRect(0, 0, DEFAULT_SIZE.width(), DEFAULT_SIZE.height())
            rect.moveCenter(available.center())
            self.setGeometry(rect)
        self.fit_to_screen()
        self._placed_size: QSize | None = self.size()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        # A narrow window keeps most of its width for the page: the rail's texts wrap instead.
        rail = getattr(self, "nav_rail", None)  # None while the window is being built
        if rail is not None:
            rail.set_width_limit(round(event.size().width() * NAV_SHARE))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._placed_size is not None:  # once shown, its real frame is known
            QTimer.singleShot(0, self._fit_once_shown)

    def _fit_once_shown(self) -> None:
        """Fit again with the real frame, unless the code that opened the window chose its size
        (the self-test's screen sizes, or a language switch keeping the old window's place)."""
        placed, self._placed_size = self._placed_size, None
        if placed is not None and self.size() == placed:
            self.fit_to_screen()

    def fit_to_screen(self) -> None:
        """Move and shrink the window into the available area of the screen it is on."""
        if self.isMaximized() or self.isFullScreen():
            return
        geometry = self.geometry()
        screen = QGuiApplication.screenAt(geometry.center()) or QGuiApplication.primaryScreen()
        if screen is None:
            return
        frame = self.frameGeometry()
        if self.isVisible() and frame != geometry:
            margins = QMargins(
                geometry.left() - frame.left(),
                geometry.top() - frame.top(),
                frame.right() - geometry.right(),
                frame.bottom() - geometry.bottom(),
            )
        else:
            margins = FRAME_ESTIMATE
        available = screen.availableGeometry()
        inner = available.marginsRemoved(margins)
        # Below the smallest supported screen, the window still fits (it scrolls rather than overflows).
        self.setMinimumSize(
            min(MINIMUM_SIZE.width(), inner.width()), min(MINIMUM_SIZE.height(), inner.height())
        )
        fitted = fit_in(geometry, available, margins)
        if fitted != geometry:
            self.setGeometry(fitted)

    def save_geometry(self) -> None:
        store = self._geometry_store()
        store.setValue("geometry", self.saveGeometry())
        store.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self.session.has_unsaved and not self._confirm_close_unsaved():
            event.ignore()
            return
        self.save_geometry()
        super().closeEvent(event)

    def _confirm_close_unsaved(self) -> bool:
        """Closing while something is not stored: the merchant is told it would be lost."""
        from lbpmv_desktop.ui.widgets.dialogs import ConfirmDialog

        return ConfirmDialog.ask(
            self,
            self.tr("Close without saving?"),
            self.tr(
                "Part of what you just did is not saved yet: {reason}\n\nIf you close the "
                "application now, it may be lost. Keep the application open until the message "
                "« ✓ Everything is saved now. » appears."
            ).format(reason=self.session.unsaved_reason),
            self.tr("Close anyway"),
            danger=True,
        )


def breakable(path: str, run: int = 24) -> str:
    """``path`` with places to break a line (zero-width spaces) after its separators and inside
    long names, so that a long folder name wraps instead of running out of the window."""
    out: list[str] = []
    since = 0
    for char in path:
        out.append(char)
        since += 1
        if char in "/\\" or since >= run:
            out.append("\u200b")
            since = 0
    return "".join(out)


class StartProblemWindow(QWidget):
    """The window shown instead of the app when the data folder cannot be used (on an unplugged
    USB key, a file in its place, read-only, not this account's): what happened, in plain words,
    what to do, « Try again » and « Quit ». Nothing is written or deleted while it is shown.

    Args:
        problem: why the folder cannot be used (``paths.DataFolderProblem``).
        retry: checks the folder again; raises a ``DataFolderProblem`` while it is still unusable.

    Signals:
        resolved: « Try again » found the folder usable (the window then closes).
    """

    resolved = Signal()

    def __init__(
        self, problem: DataFolderProblem, retry: Callable[[], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._retry = retry
        self.is_resolved = False
        self.setWindowTitle(self.tr("Le Bon Pour Ma Ville"))
        scroll = ScrollPage()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its two buttons take the focus, and scroll it
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        body = scroll.body
        body.setContentsMargins(32, 32, 32, 32)
        body.setSpacing(16)
        self.title = make_label(self.tr("The app cannot open the folder of your data"), "title")
        self.explanation = make_label()
        self.folder = make_label()
        self.reassurance = make_label(self.tr("Nothing has been changed or deleted."))
        self.status = make_label()
        self.status.hide()
        body.addWidget(self.title)
        body.addWidget(self.explanation)
        body.addWidget(self.folder)
        body.addWidget(self.reassurance)
        body.addWidget(self.status)
        buttons = ReflowRow()
        self.retry_button = make_button(self.tr("Try again"), "primary")
        self.quit_button = make_button(self.tr("Quit"))
        self.retry_button.clicked.connect(self._on_retry)
        self.quit_button.clicked.connect(self.close)
        buttons.row.addWidget(self.retry_button)
        buttons.row.addWidget(self.quit_button)
        body.addWidget(buttons)
        body.addStretch(1)
        self.retry_button.setDefault(True)
        self.setMinimumSize(480, 320)
        self.resize(720, 480)
        self._show_problem(problem)
        self.setFocusProxy(self.retry_button)

    def explanation_for(self, kind: str) -> str:
        """What happened and what to do, for a ``DataFolderProblem.kind``."""
        texts = {
            "missing": self.tr(
                "The folder where your progress is kept cannot be found: the disk or USB key it is on "
                "may be unplugged. Plug it in, then press « Try again »."
            ),
            "not-folder": self.tr(
                "Where the folder of your data should be, there is a file. Move or rename that file "
                "(the person who looks after this computer can help), then press « Try again »."
            ),
            "read-only": self.tr(
                "The folder where your progress is kept is read-only: the app could save nothing in "
                "it. Give your account the right to write in it (the person who looks after this "
                "computer can help), or unlock the USB key, then press « Try again »."
            ),
            "no-access": self.tr(
                "Your account is not allowed to open the folder where your progress is kept. Ask "
                "the person who looks after this computer to give it back to you, then press "
                "« Try again »."
            ),
            "full": self.tr(
                "The disk of the folder where your progress is kept is full. Free some space (empty "
                "the recycle bin, delete files you no longer need), then press « Try again »."
            ),
        }
        return texts.get(
            kind,
            self.tr(
                "The folder where your progress is kept cannot be used. Check the disk or USB key it "
                "is on, then press « Try again »."
            ),
        )

    def _show_problem(self, problem: DataFolderProblem) -> None:
        from lbpmv_desktop.core.cleantext import clean_text

        self.problem = problem
        self.explanation.setText(self.explanation_for(problem.kind))
        folder = breakable(clean_text(str(problem.root), limit=300))
        self.folder.setText(self.tr("Folder: {folder}").format(folder=folder))
        self.setAccessibleDescription(self.explanation.text())

    def _on_retry(self) -> None:
        from lbpmv_desktop.paths import DataFolderProblem

        try:
            self._retry()
        except DataFolderProblem as problem:
            self._show_problem(problem)
            self.status.setText(self.tr("Still not possible."))
            self.status.show()
            accessibility.announce(
                self.status, f"{self.status.text()} {self.explanation.text()}", urgent=True
            )
            self.retry_button.setFocus()
            return
        self.is_resolved = True
        self.resolved.emit()
        self.close()
