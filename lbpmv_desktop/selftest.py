"""``lbpmv --self-test``: start the app offscreen, open every screen and every tutorial step.

It runs in a temporary data folder (inside ``--data-dir`` when given) so it never touches the
merchant's progress, optionally saves a screenshot of each screen, and exits 0 only if all went
well: shipped content valid, every step shown with its text and pictures, no error reported, and
on every screen and state the checks of ``ui.checks`` hold (layout, names for a screen reader,
visible focus, Tab order) at the chosen screen size and text size (``--screen-size WxH``,
``--text-size N``; by default 1280×800 and the merchant's text size, then 200 %).
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget

    from lbpmv_desktop.app import AppController
    from lbpmv_desktop.ui.poster.poster_page import PosterPage


class SelfTestError(Exception):
    pass


def fill_sample_poster(page: PosterPage) -> None:
    """The poster maker filled as a shop of the programme would (the self-test, the tutorials' shots)."""
    page.phone_edit.setText("03 21 00 00 00")
    page.hours_edit.setPlainText("Du mardi au samedi, de 9 h 30 à 19 h")
    page.address_edit.setText("12 rue de la Madeleine, Beauvais")
    page.url_edit.setText("https://lespetitspas.fr/commander")
    page.refresh_preview()


def _wait(
    app_process: Callable[[], None], condition: Callable[[], bool], what: str, timeout: float = 20.0
) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SelfTestError(f"délai dépassé : {what}")
        app_process()
        time.sleep(0.005)


class _Run:
    def __init__(
        self,
        controller: AppController,
        screenshots: Path | None,
        *,
        check: bool = True,
        keyboard: bool = True,
        every_step: bool = True,
        text_size: int | None = None,
    ) -> None:
        from PySide6.QtWidgets import QApplication

        self.controller = controller
        self.session = controller.session
        self.screenshots = screenshots
        self.check = check
        self.keyboard = keyboard
        self.every_step = every_step
        self.text_size = text_size
        self.problems: list[str] = []
        self.checked: list[str] = []
        self._process = QApplication.processEvents

    def idle(self) -> None:
        _wait(
            self._process,
            lambda: self.session.tasks.pending == 0 and self.session.maintenance.pending == 0,
            "le travail en cours ne finit pas",
        )
        self._process()

    def settle(self) -> None:
        """Let the layouts settle: pages refit themselves from zero-delay timers, sometimes twice."""
        for _ in range(3):
            self._process()

    def shot(
        self, name: str, widget: QWidget | None = None, *, keyboard: bool = True, save: bool = True
    ) -> None:
        """Keep a capture of the screen shown now, as it opened, then check it (layout, names,
        focus, Tab); the focus is given back where it was."""
        from PySide6.QtWidgets import QApplication

        self.settle()
        target = widget or self.controller.window
        if self.screenshots is not None and save:
            self.screenshots.mkdir(parents=True, exist_ok=True)
            if not target.grab().save(str(self.screenshots / f"{name}.png")):
                self.problems.append(f"capture impossible : {name}")
        if not self.check:
            return
        from lbpmv_desktop.ui import checks

        focused = QApplication.focusWidget()
        french = self.session.settings.language != "en"
        found = checks.layout_problems(target) + checks.accessibility_problems(target, french=french)
        if keyboard and self.keyboard:
            found += checks.focus_problems(target) + checks.tab_problems(target)
        self.problems.extend(f"{name} : {problem}" for problem in found)
        self.checked.append(name)
        if focused is not None:
            focused.setFocus()
        self._process()

    def run(self) -> None:
        session = self.session
        _wait(self._process, lambda: session.status is not None, "ouverture des progrès")
        if self.text_size is not None:
            session.update_settings(replace(session.settings, text_scale=self.text_size))
            self.idle()
        self._qt_in_french()
        self.problems.extend(f"contenu : {p}" for p in session.content_problems)
        if len(session.catalogue) == 0:
            self.problems.append("aucun tutoriel chargé")
        window = self.controller.window
        window.ready_dir = session.paths.root / "Mes photos prêtes"  # never the user's folder
        if window.current_page() != "welcome":
            self.problems.append("le premier démarrage n'affiche pas Bienvenue")
        self.shot("00-role")
        window.welcome.merchant_button.click()
        self.shot("01-bienvenue")
        window.welcome.shop_edit.setText("Les Petits Pas")
        window.welcome.first_name_edit.setText("Martine")
        window.welcome.animator_edit.setText("Léa")
        window.welcome.next_button.click()
        self.shot("02-bienvenue-choix")
        window.welcome.goal_buttons["photos"].click()  # type: ignore[attr-defined]
        self.idle()
        if window.current_page() != "home":
            self.problems.append("après Bienvenue, l'accueil ne s'affiche pas")
        self.shot("03-accueil")
        self._every_step()
        self._celebration()
        window.show_page("home")
        self.shot("05-accueil-en-cours")
        window.show_page("bilan")
        self.shot("07-bilan")
        window.show_page("settings")
        self.shot("08-reglages")
        self._studio()
        self._poster()
        self._visit()
        self._dialogs()
        self._variants()
        self._languages()

    def _qt_in_french(self) -> None:
        """Qt's own dialogs and menus speak the interface's language."""
        from PySide6.QtWidgets import QDialogButtonBox

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        text = buttons.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "")
        buttons.deleteLater()
        if self.session.settings.language != "en" and text != "Annuler":
            self.problems.append(f"traduction de Qt absente : le bouton standard dit « {text} »")

    def _every_step(self) -> None:
        window, session = self.controller.window, self.session
        page = window.tutorial
        for tutorial in session.catalogue.path():
            window.show_page("tutorial")
            page.open_tutorial(tutorial.id, tutorial.steps[0].id, ask_confidence=False)
            for index, step in enumerate(tutorial.steps):
                page.show_step(index)
                self._process()
                if not page.text.plain_text():
                    self.problems.append(f"{tutorial.id}/{step.id} : texte vide")
                if page.text.missing_images:
                    self.problems.append(
                        f"{tutorial.id}/{step.id} : images manquantes {page.text.missing_images}"
                    )
                if self.check and (self.every_step or index == 0 or "![" in step.markdown or step.action):
                    # each step's text and pictures fit the screen (or, quicker, one of each kind)
                    self.shot(f"04-{tutorial.id}-{step.id}", keyboard=False, save=False)
                if step.action is not None and not page.action_button.isVisible():
                    self.problems.append(f"{tutorial.id}/{step.id} : le bouton d'action n'est pas affiché")
        first = session.catalogue.path()[0]
        page.open_tutorial(first.id, first.steps[0].id, ask_confidence=False)
        self.idle()
        self.shot("04-tutoriel")
        illustrated = next(
            ((t, i) for t in session.catalogue.path() for i, s in enumerate(t.steps) if "![" in s.markdown),
            None,
        )
        if illustrated is not None:
            page.open_tutorial(
                illustrated[0].id, illustrated[0].steps[illustrated[1]].id, ask_confidence=False
            )
            self.shot("04-tutoriel-image")
        with_action = next(
            ((t, i) for t in session.catalogue.path() for i, s in enumerate(t.steps) if s.action is not None),
            None,
        )
        if with_action is not None:
            page.open_tutorial(
                with_action[0].id, with_action[0].steps[with_action[1]].id, ask_confidence=False
            )
            self.shot("04-tutoriel-action")
        self._definition()

    def _definition(self) -> None:
        """A glossary word's definition open under the step's text."""
        from lbpmv_desktop.core.tutorials.markup import glossary_target

        page, catalogue = self.controller.window.tutorial, self.session.catalogue
        for tutorial in catalogue.path():
            for step in tutorial.steps:
                start = step.markdown.find("](glossaire:")
                if start < 0:
                    continue
                end = step.markdown.find(")", start)
                term = glossary_target(step.markdown[start + 2 : end])
                if term is None or term not in catalogue.glossary:
                    continue
                page.open_tutorial(tutorial.id, step.id, ask_confidence=False)
                if not page.show_definition(term):
                    self.problems.append(
                        f"{tutorial.id}/{step.id} : la définition de « {term} » ne s'ouvre pas"
                    )
                self.shot("04-tutoriel-definition")
                page.close_definition()
                return

    def _celebration(self) -> None:
        window, session = self.controller.window, self.session
        tutorial = session.catalogue.path()[0]
        session.rate_confidence(tutorial.id, "start", 2)
        for step in tutorial.steps:
            session.mark_done(tutorial.id, step.id)
        session.rate_confidence(tutorial.id, "end", 4)
        session.finish_tutorial(tutorial.id)
        second = session.catalogue.path()[1]
        session.mark_done(second.id, second.steps[0].id)
        session.ask_help(second.id, second.steps[1].id, "Je ne trouve pas le câble.")
        self.idle()
        window.show_page("tutorial")
        window.tutorial.show_celebration(tutorial)
        window.tutorial._fade_animation.setCurrentTime(window.tutorial._fade_animation.duration())
        self.shot("06-bravo")

    def _studio(self) -> None:
        window = self.controller.window
        window.open_studio("instagram")
        studio = window.studio
        self.shot("15-studio-vide")
        controller = studio.studio
        studio.sample_button.click()
        _wait(
            self._process,
            lambda: controller.photo is not None and not studio.preview.image.isNull(),
            "ouverture d'une photo",
        )
        controller.improve()
        controller.set_adjustment("light", 20, 10)
        _wait(self._process, lambda: not controller.recipe.is_original, "amélioration")
        self._process()
        self.shot("16-studio")
        self._studio_tools()
        self._phone_import()
        written: list[str] = []
        controller.exported.connect(lambda path, _upscaled: written.append(path))
        studio.preset_buttons["instagram"].click()  # a landscape photo: the square is shown first
        _wait(
            self._process,
            studio.confirm_button.isVisible,
            "« Instagram (carré) » montre le cadre de la copie",
        )
        _wait(self._process, studio.preview.frame_ready, "le cadre de la copie")
        _wait(self._process, lambda: not controller.preview_pending, "aperçu de la copie")
        self.shot("17-studio-copie-a-valider")
        studio.confirm_button.click()
        _wait(self._process, lambda: bool(written) or studio.error_label.isVisible(), "export d'une photo")
        if not written:
            self.problems.append(f"studio : export impossible ({studio.error_label.text()})")
        self.shot("17-studio-exporte")

    def _studio_tools(self) -> None:
        """The crop frame, the text being moved, the before/after line and 100 %."""
        studio = self.controller.window.studio
        controller = studio.studio

        def drawn(name: str) -> None:
            _wait(self._process, lambda: not controller.preview_pending, f"aperçu : {name}")
            self.shot(name)

        square = next(i for i in range(studio.crop_combo.count()) if studio.crop_combo.itemData(i) == 1.0)
        studio.crop_combo.setCurrentIndex(square)
        studio.crop_combo.activated.emit(square)
        studio.crop_edit_button.click()
        _wait(self._process, studio.preview.frame_ready, "le cadre sur la photo entière")
        drawn("16-studio-cadre")
        studio.crop_edit_button.click()
        text = "Chaussons bébé 24,90 €"
        studio.label_edit.setText(text)
        studio.label_edit.textEdited.emit(text)
        studio.label_styles["prix"].click()
        studio.text_move_button.click()
        drawn("16-studio-texte")
        studio.text_move_button.click()
        studio.compare_button.click()
        drawn("16-studio-avant-apres")
        studio.compare_button.click()
        studio.zoom_button.click()
        _wait(self._process, lambda: not studio.preview.tile.isNull(), "les vrais pixels à 100 %")
        drawn("16-studio-100")
        studio.fit_button.click()
        studio.crop_combo.setCurrentIndex(0)  # no crop again: « Instagram (carré) » shows its square
        studio.crop_combo.activated.emit(0)
        self.idle()

    def _phone_import(self) -> None:
        """The phone import, with a phone plugged in (three photos) and with nothing plugged in."""
        from lbpmv_desktop.paths import samples_dir
        from lbpmv_desktop.ui.studio.phone_import import PhoneImportDialog

        window = self.controller.window
        volumes = self.session.paths.root / "selftest-volumes"
        camera = volumes / "Galaxy A52" / "DCIM" / "Camera"
        camera.mkdir(parents=True, exist_ok=True)
        for index, sample in enumerate(sorted(samples_dir().glob("*.jpg")) * 2):
            shutil.copyfile(sample, camera / f"IMG_2026120{index}.jpg")
        (volumes / "aucun").mkdir(exist_ok=True)

        def listed(dialog: PhoneImportDialog) -> bool:
            return dialog.model.rowCount() > 0

        def nothing(dialog: PhoneImportDialog) -> bool:
            return dialog.pages.currentWidget() is dialog.empty_page

        previous = os.environ.get("LBPMV_VOLUMES_ROOTS")
        try:
            for name, roots, ready in (
                ("15-studio-telephone", volumes, listed),
                ("15-studio-telephone-vide", volumes / "aucun", nothing),
            ):
                os.environ["LBPMV_VOLUMES_ROOTS"] = str(roots)
                dialog = PhoneImportDialog(window, window.studio.studio)
                dialog.show()
                _wait(self._process, functools.partial(ready, dialog), name)
                self.shot(name, dialog)
                dialog.done(0)
                dialog.deleteLater()
        finally:
            if previous is None:
                os.environ.pop("LBPMV_VOLUMES_ROOTS", None)
            else:
                os.environ["LBPMV_VOLUMES_ROOTS"] = previous
        self._process()

    def _poster(self) -> None:
        window = self.controller.window
        window.open_poster("click-collect")
        fill_sample_poster(window.poster)
        self.idle()
        self.shot("23-affiche")

    def _visit(self) -> None:
        window = self.controller.window
        window._on_nav("visit")
        self.shot("19-code-animateur")
        pin = window.pin_page
        pin.pin_edit.setText("1357")
        pin.confirm_edit.setText("1357")
        pin.ok_button.click()
        _wait(self._process, lambda: window.current_page() == "visit", "ouverture de l'espace animateur")
        visit = window.visit_page
        for combo in visit.answers.values():
            combo.setCurrentIndex(2)
        visit.profile_button.click()
        self.idle()
        self.shot("20-visite")
        visit.closed.emit()

    def _dialogs(self) -> None:
        from PySide6.QtCore import QCoreApplication

        from lbpmv_desktop.ui.progress.sharing_actions import SharePreviewDialog
        from lbpmv_desktop.ui.settings.settings_page import EraseDialog
        from lbpmv_desktop.ui.sharing import SharePreview
        from lbpmv_desktop.ui.tutorial.dialogs import ConfidenceDialog, HelpDialog

        window = self.controller.window
        settings = window.settings
        lines = (
            "En tout : 14 événements.",
            "Nom du commerce : Chaussons bébé « Les Petits Pas »",
            "3 étapes faites",
            "1 demande d'aide : « Je ne trouve pas le bouton Publier »",
            "Diagnostic : Avez-vous une page Facebook ? — Non, pas encore",
        )
        preview = SharePreview(
            lines + ("2 notes de l'animateur : « Pas d'internet au magasin »",), lines, False
        )
        for name, dialog in (
            ("09-aide", HelpDialog(window, "Branchez le téléphone", "Léa")),
            ("10-confiance", ConfidenceDialog(window, "Prendre de belles photos", "start")),
            (
                "26-partage-apercu",
                SharePreviewDialog(
                    window, preview, QCoreApplication.translate("SharingActions", "Share in this folder")
                ),
            ),
            (
                "27-effacer",
                EraseDialog(
                    window,
                    QCoreApplication.translate("SettingsPage", "Erase all my data?"),
                    settings.erase_text(True),
                    QCoreApplication.translate("SettingsPage", "Yes, erase everything"),
                    danger=True,
                ),
            ),
        ):
            dialog.show()
            self.shot(name, dialog)
            dialog.close()
            dialog.deleteLater()
        self._start_problem()

    def _start_problem(self) -> None:
        """The window shown instead of the app when the data folder is on a locked USB key."""
        from lbpmv_desktop.paths import folder_problem
        from lbpmv_desktop.ui.main_window import StartProblemWindow

        problem = folder_problem("read-only", Path("/media/CLÉ USB/Données du commerce « Les Petits Pas »"))
        window = StartProblemWindow(problem, lambda: None)
        window.resize(self.controller.window.size())
        window.show()
        self.shot("28-dossier-inaccessible", window)
        window.close()
        window.deleteLater()

    def _variants(self) -> None:
        """Text at 200 % (unless a text size was chosen), then the high-contrast theme."""
        session = self.session
        window = self.controller.window
        first = session.catalogue.path()[0]
        if self.text_size is None:
            session.update_settings(replace(session.settings, text_scale=200))
            self.idle()
            window.show_page("home")
            self.shot("11-accueil-200")
            window.show_page("tutorial")
            window.tutorial.open_tutorial(first.id, first.steps[1].id, ask_confidence=False)
            self.shot("12-tutoriel-200")
            window.open_studio()
            self.shot("18-studio-200")
        scale = self.text_size if self.text_size is not None else 125
        session.update_settings(replace(session.settings, text_scale=scale, high_contrast=True))
        self.idle()
        window.show_page("tutorial")
        window.tutorial.open_tutorial(first.id, first.steps[1].id, ask_confidence=False)
        self.shot("13-tutoriel-contraste")
        window.show_page("home")
        self.shot("14-accueil-contraste")
        session.update_settings(replace(session.settings, high_contrast=False))
        self.idle()

    def _languages(self) -> None:
        """English from Réglages rebuilds every screen in English, then back to French."""
        for language, home_label, shot in (("en", "My path", "24-english"), ("fr", "Mon parcours", None)):
            settings = self.controller.window.settings
            self.controller.window.show_page("settings")
            settings.language_combo.setCurrentIndex(settings.language_combo.findData(language))
            settings.language_combo.activated.emit(settings.language_combo.currentIndex())
            self.idle()
            window = self.controller.window
            if window.current_page() != "settings":
                self.problems.append(f"langue {language} : la page Réglages n'est pas restée affichée")
            shown = " ".join(window.nav_buttons["home"].text().split())  # it may wrap onto two lines
            if shown != home_label:
                self.problems.append(f"langue {language} : menu « {shown} »")
            if shot:
                window.show_page("home")
                self.shot(f"{shot}-accueil")
                window.open_studio()
                self.shot(f"{shot}-studio")


def _animator_screens(
    app: object,
    folder: Path,
    screenshots: Path | None,
    problems: list[str],
    *,
    screen_size: tuple[int, int],
    text_size: int | None,
    check: bool,
    keyboard: bool,
) -> None:
    """An animator's install with demo shops: the PIN, then the dashboard."""
    from datetime import UTC, datetime

    from PySide6.QtWidgets import QApplication

    from lbpmv_desktop.app import AppController
    from lbpmv_desktop.core.progress.demo import fill_demo_programme
    from lbpmv_desktop.core.progress.store import ProgressStore
    from lbpmv_desktop.core.tutorials.loader import load_catalogue
    from lbpmv_desktop.core.visit.pin import PinLock
    from lbpmv_desktop.paths import DataPaths, tutorials_dir
    from lbpmv_desktop.settings import Settings, save_settings

    paths = DataPaths(folder / "animateur").ensure()
    store = ProgressStore.open(paths.database)
    fill_demo_programme(store, load_catalogue(tutorials_dir(), thorough=False)[0], 24, datetime.now(UTC))
    store.close()
    settings = replace(Settings(), role="animator")
    if text_size is not None:
        settings = replace(settings, text_scale=text_size)
    save_settings(paths.settings, settings)
    PinLock(paths.animator_pin).set_pin("2468")
    controller = AppController(app, paths)  # type: ignore[arg-type]
    controller.window.resize(*window_size(screen_size))
    controller.start()
    controller.window.activateWindow()
    run = _Run(controller, screenshots, check=check, keyboard=keyboard, text_size=text_size)
    try:
        _wait(
            QApplication.processEvents,
            lambda: controller.window.current_page() == "pin",
            "écran du code animateur",
        )
        run.shot("21-code")
        pin = controller.window.pin_page
        pin.forgot_button.click()
        run.shot("21-code-oublie")
        pin.back_button.click()
        pin.pin_edit.setText("2468")
        pin.ok_button.click()
        _wait(
            QApplication.processEvents,
            lambda: controller.window.current_page() == "dashboard",
            "tableau de bord",
        )
        page = controller.window.dashboard
        _wait(QApplication.processEvents, lambda: page.model.rowCount() == 24, "commerces du tableau de bord")
        page.table.selectRow(0)
        _wait(
            QApplication.processEvents, lambda: page.timeline_model.rowCount() > 0, "historique d'un commerce"
        )
        run.shot("22-tableau-de-bord")
        from lbpmv_desktop.ui.animator.dashboard_page import AnswerDialog

        answer = AnswerDialog(controller.window, "Je ne trouve pas le câble, pouvez-vous m'aider ?")
        answer.show()
        run.shot("25-reponse", answer)
        answer.close()
        answer.deleteLater()
    except SelfTestError as error:
        problems.append(str(error))
    finally:
        _close(controller)
    problems.extend(run.problems)


def _close(controller: AppController) -> None:
    """Shut the controller down and delete its window now (every later style change would
    otherwise re-polish the old windows too: the size matrix of the tests slowed down at each run)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    controller.shutdown()
    controller.window.close()
    controller.window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


DEFAULT_SIZE = (1280, 800)
# On a shop laptop the window has the screen less a taskbar (40 px) and its own title bar (32 px).
TASKBAR_AND_TITLE = 72


def window_size(screen: tuple[int, int]) -> tuple[int, int]:
    """The inner size of a maximised window on a screen of ``screen`` pixels."""
    return screen[0], screen[1] - TASKBAR_AND_TITLE


def _use_offscreen_screen(folder: Path, screen: tuple[int, int]) -> None:
    """Before Qt starts: an offscreen screen of exactly ``screen`` pixels."""
    import json

    if os.environ.get("QT_QPA_PLATFORM", "offscreen") != "offscreen":
        return
    config = folder / "screen.json"
    width, height = screen
    config.write_text(
        json.dumps({"screens": [{"name": "lbpmv", "x": 0, "y": 0, "width": width, "height": height}]}),
        encoding="utf-8",
    )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def check_screens(
    folder: Path,
    screenshots: Path | None = None,
    *,
    screen_size: tuple[int, int] = DEFAULT_SIZE,
    text_size: int | None = None,
    check: bool = True,
    keyboard: bool = True,
    every_step: bool = True,
) -> tuple[list[str], AppController]:
    """Open every screen of a new merchant's install in ``folder``, then an animator's, at this
    size and text size; return the problems found (and the merchant's controller, shut down).
    Without ``keyboard``, the focus and Tab checks are left out (they depend little on size);
    without ``every_step``, the layout of one step of each kind per tutorial is checked (the
    first, and those with a picture or a practice button), not of every step."""
    from lbpmv_desktop.app import AppController, application
    from lbpmv_desktop.paths import DataPaths

    app = application()
    controller = AppController(app, DataPaths(folder / "commerce"))
    controller.window.resize(*window_size(screen_size))
    controller.start()
    controller.window.activateWindow()
    run = _Run(
        controller, screenshots, check=check, keyboard=keyboard, every_step=every_step, text_size=text_size
    )
    try:
        run.run()
        run.idle()
    except SelfTestError as error:
        run.problems.append(str(error))
    except Exception as error:  # report, never a traceback
        run.problems.append(f"erreur inattendue : {type(error).__name__}: {error}")
    finally:
        _close(controller)
    _animator_screens(
        app,
        folder,
        screenshots,
        run.problems,
        screen_size=screen_size,
        text_size=text_size,
        check=check,
        keyboard=keyboard,
    )
    return run.problems, controller


def run_self_test(
    data_dir: str | None,
    screenshots: Path | None,
    *,
    screen_size: tuple[int, int] | None = None,
    text_size: int | None = None,
) -> int:
    os.environ.setdefault("LBPMV_TTS_ENGINE", "mock")
    parent = Path(data_dir).expanduser() if data_dir else None
    if parent is not None:
        parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="lbpmv-self-test-", dir=parent))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _use_offscreen_screen(folder, screen_size or DEFAULT_SIZE)
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    critical: list[str] = []

    def on_message(kind: QtMsgType, _context: object, message: str) -> None:
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            critical.append(message)

    qInstallMessageHandler(on_message)
    try:
        problems, controller = check_screens(
            folder, screenshots, screen_size=screen_size or DEFAULT_SIZE, text_size=text_size
        )
    finally:  # Qt's messages are watched, and the folder kept, until every screen is done
        qInstallMessageHandler(None)
        shutil.rmtree(folder, ignore_errors=True)
    problems.extend(f"Qt : {m}" for m in critical)
    for problem in problems:
        print(f"self-test : {problem}", file=sys.stderr)
    if problems:
        print(f"self-test : {len(problems)} problème(s).", file=sys.stderr)
        return 1
    count = sum(len(t.steps) for t in controller.session.catalogue.path())
    print(f"self-test : tout va bien ({len(controller.session.catalogue)} tutoriels, {count} étapes).")
    return 0
