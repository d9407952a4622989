"""``lbpmv content screenshots``: the pictures of the app in the tutorials, taken by the app itself.

A pack lists the shots it shows (``screenshots = ["studio-regler"]`` in ``tutorial.toml``) and
uses them as ``images/ecran-<shot>.png``. This module starts the app offscreen in a throwaway
data folder, on a laptop screen (1024 × 768, text at 100 %, pixels doubled so the pictures stay
sharp when the merchant enlarges the text), puts each screen in the state a tutorial describes
(a sample photo opened and improved, the frame on the photo, a price written on it…), grabs the
part of the window the shot is about, and writes it into every pack that lists it. Nothing is
drawn by hand: when the app changes, running the command again brings the tutorials with it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from lbpmv_desktop.core.fileio import write_bytes_atomic
from lbpmv_desktop.core.tutorials.model import SCREENSHOT_PREFIX

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QWidget

    from lbpmv_desktop.app import AppController

SCREEN = (1024, 768)
PIXEL_RATIO = 2  # pictures twice as fine as the screen: sharp in the player at 200 % text
SHOP = "Les Petits Pas"
LABEL = "Chaussons bébé 24,90 €"

# Every shot a pack may list, and what it shows (for authors: resources/tutorials/README.md).
# « fenêtre »: the whole window, as the merchant sees it; the others: one part of it, bigger.
SHOTS: dict[str, str] = {
    "tutoriel-boutons": "le bas d'une étape : « Lire à voix haute », « J'ai besoin d'aide », « C'est fait ! »",
    "studio-vide": "le studio sans photo (fenêtre)",
    "studio-ouvert": "le studio avec la photo d'exemple ouverte, les outils en haut (fenêtre)",
    "studio-ameliore": "la photo après « Améliorer », les curseurs de « 2. Régler » en vue (fenêtre)",
    "studio-ameliorer": "la carte « 1. Améliorer en un clic »",
    "studio-regler": "la carte « 2. Régler » et ses curseurs",
    "studio-boutons": "les boutons sous la photo : « Annuler », « Avant », « Tout recommencer »…",
    "studio-recadrage": "le cadre carré sur la photo, « 3. Cadrer » en vue (fenêtre)",
    "studio-cadrer": "la carte « 3. Cadrer » (tourner, redresser, recadrer)",
    "studio-texte": "un prix écrit sur la photo, « 4. Habiller » en vue (fenêtre)",
    "studio-finir": "la carte « 4. Habiller » avec un prix écrit",
    "studio-avant-apres": "la photo coupée en deux par la ligne avant | après",
    "studio-preparer": "la carte « 5. Préparer pour… » et ses boutons de destination",
    "studio-exporte": "après « Instagram (carré) » : la copie est prête (fenêtre)",
    "studio-copie-a-valider": "après « Facebook » sur une photo carrée : le cadre large à valider (fenêtre)",
    "studio-story": "une story 9:16 avec un bandeau « Nouveau » (fenêtre)",
    "affiche-modeles": "la carte « 1. Choisir une affiche »",
    "affiche-remplie": "le créateur d'affiche, Click & Collect rempli, « 2. Remplir » en vue (fenêtre)",
    "affiche-imprimer": "« 4. L'imprimer ou la garder » et « Mes affiches » (fenêtre)",
    "affiche-horaires": "le modèle « Nos horaires » rempli avec les horaires des fêtes (fenêtre)",
}
HOLIDAY_HOURS = "Ouvert le 24 décembre de 9 h à 17 h\nFermé le 25 décembre et le 1er janvier"


def _small_png(data: bytes) -> bytes:
    """``data`` (a PNG) in 256 colours: a third of the size, and alike to the eye."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        few = image.convert("RGB").quantize(
            colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.FLOYDSTEINBERG
        )
    out = io.BytesIO()
    few.save(out, "PNG", optimize=True)
    return out.getvalue()


class ShotError(Exception):
    """A shot could not be taken (a French sentence)."""


@dataclass
class _Shots:
    """Takes the shots in order, each from the state the previous ones left."""

    controller: AppController
    folder: Path
    wanted: set[str]

    def __post_init__(self) -> None:
        self.taken: dict[str, Path] = {}

    def process(self) -> None:
        from PySide6.QtWidgets import QApplication

        for _ in range(4):
            QApplication.processEvents()

    def wait(self, condition: Callable[[], bool], what: str) -> None:
        from PySide6.QtWidgets import QApplication

        from lbpmv_desktop.selftest import SelfTestError, _wait

        try:
            _wait(QApplication.processEvents, condition, what)
        except SelfTestError as error:
            raise ShotError(str(error)) from error
        self.process()

    def grab(self, name: str, widget: QWidget, area: QRect | None = None) -> None:
        """Keep ``widget`` (or its ``area``) as it shows now, without a focus frame."""
        from PySide6.QtCore import QBuffer, QIODevice
        from PySide6.QtWidgets import QAbstractButton, QApplication

        if name not in self.wanted:
            return
        focused = QApplication.focusWidget()
        if isinstance(focused, QAbstractButton):  # no focus frame on the button just pressed (the
            focused.clearFocus()  # photo keeps it: there, losing it would end the text being moved)
        self.process()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        pixmap = widget.grab(area) if area is not None else widget.grab()
        if not pixmap.save(buffer, "PNG"):
            raise ShotError(f"capture impossible : {name}")
        target = self.folder / f"{name}.png"
        target.write_bytes(_small_png(bytes(buffer.data().data())))
        self.taken[name] = target

    def run(self) -> None:
        window = self.controller.window
        session = self.controller.session
        self.wait(lambda: session.status is not None, "ouverture des progrès")
        window.ready_dir = self.folder / "Mes photos prêtes"
        window.welcome.merchant_button.click()
        window.welcome.shop_edit.setText(SHOP)
        window.welcome.first_name_edit.setText("Martine")
        window.welcome.animator_edit.setText("Léa")
        window.welcome.next_button.click()
        window.welcome.goal_buttons["photos"].click()  # type: ignore[attr-defined]
        self.wait(lambda: window.current_page() == "home", "l'accueil")
        self._player()
        self._studio()
        self._poster()

    def scroll_to(self, card: QWidget) -> None:
        """Scroll the column holding ``card`` so that its top is at the top (again while the
        column refits itself: a hint shown or a text wrapped changes its height afterwards)."""
        import time

        from PySide6.QtCore import QPoint
        from PySide6.QtWidgets import QAbstractSlider, QScrollArea

        area = card.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        inside = area.widget() if area is not None else None
        if area is None or inside is None:
            return
        bar = area.verticalScrollBar()
        steady = 0
        for _ in range(40):
            self.process()
            wanted = min(max(0, card.mapTo(inside, QPoint(0, 0)).y() - 4), bar.maximum())
            if bar.value() == wanted:
                steady += 1
                if steady == 3:
                    return
            else:  # as a hand on the scroll bar would (a page then stops keeping a widget in view)
                steady = 0
                bar.setSliderPosition(wanted)
                bar.triggerAction(QAbstractSlider.SliderAction.SliderMove)
            time.sleep(0.02)

    def _player(self) -> None:
        from PySide6.QtCore import QPoint, QRect

        window = self.controller.window
        tutorial = self.controller.session.catalogue.path()[0]
        window.show_page("tutorial")
        window.tutorial.open_tutorial(tutorial.id, tutorial.steps[0].id, ask_confidence=False)
        self.process()
        page = window.tutorial
        top = max(0, page.read_button.mapTo(page, QPoint(0, 0)).y() - 12)
        self.grab("tutoriel-boutons", page, QRect(0, top, page.width(), page.height() - top))

    def _studio(self) -> None:
        window = self.controller.window
        window.open_studio()
        page = window.studio
        controller = page.studio
        cards = dict(
            zip(
                ("choisir", "ameliorer", "regler", "cadrer", "habiller", "preparer"), page._cards, strict=True
            )
        )

        def drawn(what: str) -> None:
            self.wait(lambda: not controller.preview_pending, what)

        self.grab("studio-vide", window)
        page.sample_button.click()
        self.wait(lambda: controller.photo is not None and not page.preview.image.isNull(), "une photo")
        drawn("la photo")
        self.scroll_to(cards["choisir"])
        self.grab("studio-ouvert", window)
        controller.improve()
        controller.set_adjustment("light", 20, 10)  # as a merchant would, after « Améliorer »
        self.wait(lambda: not controller.recipe.is_original, "l'amélioration")
        drawn("la photo améliorée")
        self.scroll_to(cards["regler"])
        self.grab("studio-ameliore", window)
        for name in ("ameliorer", "regler"):
            self.grab(f"studio-{name}", cards[name])
        self.grab("studio-boutons", page.edit_box)
        square = self._crop_index(1.0)
        page.crop_combo.setCurrentIndex(square)
        page.crop_combo.activated.emit(square)
        page.crop_edit_button.click()
        self.wait(page.preview.frame_ready, "le cadre sur la photo")
        drawn("le cadre")
        self.scroll_to(cards["cadrer"])
        self.grab("studio-recadrage", window)
        self.grab("studio-cadrer", cards["cadrer"])
        page.crop_edit_button.click()  # « Cadre terminé »: the square is kept
        drawn("la photo carrée")
        self.scroll_to(cards["preparer"])
        self.grab("studio-preparer", cards["preparer"])
        self._export_square()  # as in the tutorial: the copies first, the price after
        self._wide_copy()
        self._label("24,90 €", "prix")
        page.text_move_button.click()
        drawn("le prix sur la photo")
        self.scroll_to(cards["habiller"])
        self.grab("studio-texte", window)
        self.grab("studio-finir", cards["habiller"])
        page.text_move_button.click()
        page.compare_button.click()
        drawn("avant | après")
        self.grab("studio-avant-apres", page.preview)
        page.compare_button.click()
        drawn("la photo")
        story = self._crop_index(9 / 16)
        page.crop_combo.setCurrentIndex(story)
        page.crop_combo.activated.emit(story)
        self._label("Nouveau", "sombre")
        drawn("la story")
        self.scroll_to(cards["habiller"])
        self.grab("studio-story", window)

    def _crop_index(self, ratio: float) -> int:
        combo = self.controller.window.studio.crop_combo
        for index in range(combo.count()):
            value = combo.itemData(index)
            if isinstance(value, float) and abs(value - ratio) < 1e-6:
                return index
        raise ShotError(f"recadrage introuvable : {ratio:.3f}")

    def _label(self, text: str, style: str) -> None:
        page = self.controller.window.studio
        page.label_edit.setText(text)
        page.label_edit.textEdited.emit(text)
        page.label_styles[style].click()

    def _export_square(self) -> None:
        """« Instagram (carré) » on the square photo: the copy is written at once."""
        window = self.controller.window
        page = window.studio
        written: list[str] = []
        page.studio.exported.connect(lambda path, _upscaled: written.append(path))
        page.preset_buttons["instagram"].click()
        self.wait(lambda: bool(written) or page.error_label.isVisible(), "la copie pour Instagram")
        if not written:
            raise ShotError(f"copie impossible : {page.error_label.text()}")
        self.wait(lambda: self.controller.session.tasks.pending == 0, "la copie enregistrée")
        self.grab("studio-exporte", window)

    def _wide_copy(self) -> None:
        """« Facebook » on a square photo: the wide frame waits for « Enregistrer la copie »."""
        window = self.controller.window
        page = window.studio
        if "facebook" not in page.preset_buttons:
            raise ShotError("le bouton « Facebook » n'existe plus")
        page.preset_buttons["facebook"].click()
        self.wait(page.confirm_button.isVisible, "le cadre de la copie pour Facebook")
        self.wait(page.preview.frame_ready, "le cadre de la copie")
        self.wait(lambda: not page.studio.preview_pending, "l'aperçu de la copie")
        self.grab("studio-copie-a-valider", window)
        page.confirm_cancel_button.click()
        self.process()

    def _poster(self) -> None:
        from lbpmv_desktop.selftest import fill_sample_poster
        from lbpmv_desktop.ui.widgets import dialogs
        from lbpmv_desktop.ui.widgets.common import Card

        window = self.controller.window
        window.open_poster("click-collect")
        page = window.poster
        fill_sample_poster(page)
        self.idle()
        form = page.form_page.widget()
        found = form.findChildren(Card) if form is not None else []
        cards = [card for card in found if card.parentWidget() is form]
        if len(cards) < 4:
            raise ShotError("le créateur d'affiche n'a plus ses quatre parties")
        self.grab("affiche-modeles", cards[0])
        self.scroll_to(cards[1])
        self.grab("affiche-remplie", window)
        if "affiche-imprimer" in self.wanted:
            from lbpmv_desktop.core.fileio import safe_stem
            from lbpmv_desktop.paths import posters_dir

            saved = self.folder / f"affiche-{safe_stem(SHOP)}-click-collect.pdf"
            ask = dialogs.ask_save_file
            dialogs.ask_save_file = lambda *_args, **_kwargs: saved
            try:
                page.pdf_button.click()
                self.wait(lambda: page.saved_model.rowCount() > 0, "l'affiche enregistrée")
            finally:
                dialogs.ask_save_file = ask
            # The note names where the poster went: a merchant's folder, not this throwaway one.
            shown = Path("Documents") / posters_dir().name / saved.name
            page.done_note.setText(page.done_note.text().replace(str(saved), str(shown)))
            self.scroll_to(cards[3])
            self.grab("affiche-imprimer", window)
        page.choose_template("horaires")  # as the tutorial says: the hours replaced, the old link out
        page.hours_edit.setPlainText(HOLIDAY_HOURS)
        page.url_edit.clear()
        page.refresh_preview()
        self.idle()
        self.scroll_to(cards[1])
        self.grab("affiche-horaires", window)

    def idle(self) -> None:
        session = self.controller.session
        self.wait(
            lambda: session.tasks.pending == 0 and session.maintenance.pending == 0, "le travail en cours"
        )


def used_shots(root: Path) -> dict[str, list[Path]]:
    """Each shot listed by a pack of ``root`` (one pack or a folder of packs), and the packs'
    folders that list it. Read from each ``tutorial.toml`` alone: a pack whose pictures are not
    taken yet does not load, and this is what takes them."""
    import tomllib

    from lbpmv_desktop.core.fileio import UnsafeFile, read_regular
    from lbpmv_desktop.core.tutorials.loader import MAX_TOML_BYTES, PACK_FILE
    from lbpmv_desktop.core.tutorials.markup import toml_problem
    from lbpmv_desktop.core.tutorials.model import ID_RE

    packs = [root] if (root / PACK_FILE).is_file() else sorted(p for p in root.iterdir() if p.is_dir())
    used: dict[str, list[Path]] = {}
    for pack in packs:
        try:
            text = read_regular(pack / PACK_FILE, MAX_TOML_BYTES).decode("utf-8-sig")
            data = tomllib.loads(text) if toml_problem(text) is None else {}
        except (UnsafeFile, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue  # « lbpmv content check » says what is wrong with it
        shots = data.get("screenshots", [])
        if not isinstance(shots, list):
            continue
        for shot in shots:
            if isinstance(shot, str) and ID_RE.match(shot):
                used.setdefault(shot, []).append(pack)
    return used


def take_shots(folder: Path, wanted: set[str]) -> dict[str, Path]:
    """Start the app offscreen in ``folder`` and take the ``wanted`` shots there (PNG files)."""
    unknown = sorted(wanted - set(SHOTS))
    if unknown:
        raise ShotError(f"capture inconnue : {', '.join(unknown)} (captures possibles : {', '.join(SHOTS)})")
    os.environ.setdefault("LBPMV_TTS_ENGINE", "mock")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QT_SCALE_FACTOR"] = str(PIXEL_RATIO)
    from lbpmv_desktop.selftest import _close, _use_offscreen_screen, window_size

    _use_offscreen_screen(folder, SCREEN)
    from lbpmv_desktop.app import AppController, application
    from lbpmv_desktop.paths import DataPaths
    from lbpmv_desktop.settings import Settings, save_settings

    app = application()
    paths = DataPaths(folder / "commerce").ensure()
    save_settings(paths.settings, replace(Settings(), text_scale=100))
    controller = AppController(app, paths)
    controller.window.resize(*window_size(SCREEN))
    controller.start()
    controller.window.activateWindow()
    shots = _Shots(controller, folder, wanted)
    try:
        shots.run()
    finally:
        _close(controller)
    missing = sorted(wanted - set(shots.taken))
    if missing:
        raise ShotError(f"captures non prises : {', '.join(missing)}")
    return shots.taken


def tutorial_screenshots(root: Path) -> list[Path]:
    """Take every shot the packs of ``root`` (one pack or a folder of packs) list and write it as
    ``images/ecran-<shot>.png`` in each of them; return the files written."""
    used = used_shots(root)
    if not used:
        return []
    folder = Path(tempfile.mkdtemp(prefix="lbpmv-captures-"))
    try:
        taken = take_shots(folder, set(used))
        written: list[Path] = []
        for shot, packs in sorted(used.items()):
            data = taken[shot].read_bytes()
            for pack in packs:
                target = pack / f"{SCREENSHOT_PREFIX}{shot}.png"
                target.parent.mkdir(parents=True, exist_ok=True)
                write_bytes_atomic(target, data)
                written.append(target)
        return written
    finally:
        shutil.rmtree(folder, ignore_errors=True)
