"""Build the application: QApplication, translator, theme, session and main window."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from lbpmv_desktop import APP_NAME, __version__, i18n
from lbpmv_desktop.paths import DataFolderProblem, data_paths, resources_dir, tutorials_dir
from lbpmv_desktop.ui import accessibility, garbage
from lbpmv_desktop.ui import input as user_input
from lbpmv_desktop.ui.main_window import MainWindow, StartProblemWindow
from lbpmv_desktop.ui.session import AppSession
from lbpmv_desktop.ui.speech import Speech
from lbpmv_desktop.ui.theme import apply_theme

if TYPE_CHECKING:
    from lbpmv_desktop.paths import DataPaths
    from lbpmv_desktop.settings import Settings

log = logging.getLogger(__name__)

# Qt's own translation catalogues the app loads (installer/lbpmv.spec bundles exactly these).
QT_CATALOGUES = ("qtbase", "qtmultimedia")


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("Le Bon Pour Ma Ville")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Le Bon Pour Ma Ville")
    garbage.install(app)  # Qt objects are only ever collected on the GUI thread
    user_input.install(app)  # Return/Enter press the focused button; the wheel moves only a focused control
    app.setDesktopFileName("lbpmv")  # ties the windows to lbpmv.desktop (taskbar icon, name)
    icon = resources_dir() / "icons" / "lbpmv.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


class AppController(QObject):
    """Owns the session and the window; rebuilds the window when the language changes.

    Attributes:
        window: the current main window.
    """

    def __init__(self, app: QApplication, paths: DataPaths) -> None:
        super().__init__()
        self.app = app
        self.paths = paths
        self.session = AppSession(paths, tutorials_dir())
        self.session.start()  # opens the store in the worker while the window is being built
        accessibility.install()  # headings, page tabs and announcements for screen readers
        self.speech = Speech(parent=self)
        self._translator: QTranslator | None = None
        self._qt_translators: list[QTranslator] = []
        self._install_translator(self.session.settings.language)
        apply_theme(app, self.session.settings)
        self.session.settings_changed.connect(self._on_settings_changed)
        self.window = self._new_window()

    def _new_window(self) -> MainWindow:
        window = MainWindow(self.session, self.speech)
        window.language_changed.connect(self._on_language_changed)
        return window

    def start(self) -> MainWindow:
        self.window.show()
        return self.window

    def _install_translator(self, language: str) -> None:
        """Our own French translation, and Qt's own for its standard dialogs, buttons and menus.

        English needs neither: Qt's and our source strings are English.
        """
        for translator in [self._translator, *self._qt_translators]:
            if translator is not None:
                self.app.removeTranslator(translator)
        self._translator, self._qt_translators = None, []
        if language == "en":
            QLocale.setDefault(QLocale(QLocale.Language.English))
            return
        QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
        self._qt_translators = self._load_qt_translations(language)
        for qt_translator in self._qt_translators:  # installed first: ours, installed last, win
            self.app.installTranslator(qt_translator)
        qm = i18n.compiled(language, self.paths.cache)
        translator = QTranslator(self)
        if qm is not None and translator.load(str(qm)):
            self.app.installTranslator(translator)
            self._translator = translator
        else:
            log.warning("French translation not found; the interface stays in English")

    def _load_qt_translations(self, language: str) -> list[QTranslator]:
        """Qt's catalogues for the modules the app uses, one translator each.

        ``qtbase`` holds the file, folder and print dialogs, the standard buttons and every text
        field's right-click menu; ``qtmultimedia`` (linked by read-aloud) is kept when present.
        Not the ``qt_<language>`` meta-catalogue: it fails as a whole when any module it names is
        missing, and the installer bundles only these two.
        """
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        loaded: list[QTranslator] = []
        for catalogue in QT_CATALOGUES:
            translator = QTranslator(self)
            if translator.load(f"{catalogue}_{language}", folder):
                loaded.append(translator)
            elif catalogue == "qtbase":
                log.warning("Qt's own %s translation not found in %s", language, folder)
        return loaded

    def _on_settings_changed(self, settings: Settings) -> None:
        apply_theme(self.app, settings)

    def _on_language_changed(self, language: str) -> None:
        """Rebuild the window in the new language, on the same page."""
        old = self.window
        page = old.current_page()
        geometry = old.saveGeometry()
        self._install_translator(language)
        self.window = self._new_window()
        self.window.restoreGeometry(geometry)
        if not (old.isMaximized() or old.isFullScreen()):  # the same size and place, everywhere
            self.window.resize(old.size())
            self.window.move(old.pos())
        self.window.show_page(page)
        self.window.show()
        old.hide()
        old.shutdown()
        old.deleteLater()

    def shutdown(self) -> None:
        self.speech.shutdown()
        self.window.shutdown()
        self.session.shutdown()
        for translator in [self._translator, *self._qt_translators]:  # the app may go on (tests, self-test)
            if translator is not None:
                self.app.removeTranslator(translator)
        self._translator, self._qt_translators = None, []


def _log_to_file(paths: DataPaths) -> logging.Handler | None:
    """Keep a small log in the data folder (else in the platform's log folder), for the animator
    when something went wrong; returns its handler (``baseFilename`` says where), or None when no
    log file could be opened."""
    from lbpmv_desktop.cli import log_handler

    found = log_handler(paths)
    if found is None:
        return None
    root = logging.getLogger()
    root.addHandler(found[0])
    root.setLevel(logging.INFO)
    return cast("logging.Handler", found[0])


def _report_when_ready(controller: AppController) -> None:
    """For the start-up benchmark of the installed bundle: print the wall-clock time at which the
    Accueil is shown and interactive (progress loaded), then quit. Never used by a merchant."""

    def check() -> None:
        window = controller.window
        if controller.session.status is not None and window.current_page() == "home" and window.isVisible():
            controller.app.processEvents()
            if sys.stdout is not None:
                sys.stdout.write(f"{time.time()}\n")
                sys.stdout.flush()
            controller.app.exit(0)
        else:
            QTimer.singleShot(1, check)

    QTimer.singleShot(0, check)


class Starter(QObject):
    """Starts the app on a usable data folder, or shows why it cannot (StartProblemWindow) and
    starts it once « Try again » finds the folder usable.

    Attributes:
        controller: the running app, once started.
        problem_window: the window explaining the data folder's problem, while there is one.
    """

    def __init__(self, app: QApplication, paths: DataPaths) -> None:
        super().__init__()
        self.app = app
        self.paths = paths
        self.controller: AppController | None = None
        self.problem_window: StartProblemWindow | None = None
        self.log: Path | None = None
        self._log_handler: logging.Handler | None = None
        self._translators: list[QTranslator] = []

    def start(self) -> None:
        try:
            self.paths.ensure()
        except DataFolderProblem as problem:
            log.info("data folder unusable (%s): %s", problem.kind, problem.root)
            self._install_translator()
            accessibility.install()  # its title is read as a heading, its changes announced
            window = StartProblemWindow(problem, self.paths.ensure)
            window.resolved.connect(self._open)
            self.problem_window = window
            window.show()
            return
        self._open()

    def _install_translator(self) -> None:
        """French (the default) for the problem window: the settings may be out of reach."""
        from lbpmv_desktop.settings import load_settings

        settings = load_settings(self.paths.settings)
        apply_theme(self.app, settings)
        if settings.language == "en":
            return
        QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
        qm = i18n.compiled(settings.language)
        translator = QTranslator(self)
        if qm is not None and translator.load(str(qm)):
            self.app.installTranslator(translator)
            self._translators.append(translator)

    def _remove_translators(self) -> None:
        for translator in self._translators:
            self.app.removeTranslator(translator)
        self._translators = []

    def _open(self) -> None:
        self._remove_translators()
        self._log_handler = _log_to_file(self.paths)
        self.log = Path(getattr(self._log_handler, "baseFilename", self.paths.log))
        controller = AppController(self.app, self.paths)
        self.controller = controller
        where = self.log

        def on_unexpected(kind: type[BaseException], error: BaseException, trace: object) -> None:
            # A bug in a slot must not close the app or show a traceback: log it, say it simply,
            # and claim nothing about what was saved (the session says what was not).
            log.error("unexpected error", exc_info=(kind, error, trace))  # type: ignore[arg-type]
            from lbpmv_desktop.core.errors import UserError

            if isinstance(error, UserError):  # a known failure that no one caught: its own sentence
                controller.window.show_message(error.message)
                return
            controller.window.show_message(
                QCoreApplication.translate(
                    "AppSession",
                    "Something went wrong in the app. Please try again; if it happens again, show the "
                    "file {log} to your animator.",
                ).format(log=where)
            )

        sys.excepthook = on_unexpected
        controller.start()  # shown before the problem window closes: the app does not quit between
        if os.environ.get("LBPMV_STARTUP_PROBE"):
            _report_when_ready(controller)

    def shutdown(self) -> None:
        self._remove_translators()
        if self.controller is not None:
            self.controller.shutdown()
        if self._log_handler is not None:
            logging.getLogger().removeHandler(self._log_handler)
            self._log_handler.close()
            self._log_handler = None


def run_app(data_dir: str | None) -> int:
    paths = data_paths(data_dir)
    app = application()
    starter = Starter(app, paths)
    starter.start()
    try:
        code = app.exec()
    finally:
        starter.shutdown()
    return code if starter.controller is not None else 1
