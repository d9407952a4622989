"""« Importer depuis mon téléphone », driven through the real dialog on fake volumes."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QApplication

from lbpmv_desktop.core.photo import phone

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from lbpmv_desktop.ui.studio.controller import StudioController

DAY = 86_400
NOW = time.mktime((2026, 12, 1, 10, 42, 0, 0, 0, -1))


def _tr(text: str) -> str:
    """The dialog's text in the language installed (tests may run after the app installed French)."""
    return QCoreApplication.translate("PhoneImportDialog", text)


def _photo(path: Path, colour: tuple[int, int, int], when: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (320, 240), colour).save(path, quality=90)
    os.utime(path, (when, when))
    return path


@pytest.fixture
def media(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A phone with 3 photos of different days, and a USB key without DCIM."""
    root = tmp_path / "media"
    camera = root / "Galaxy A52" / "DCIM" / "Camera"
    _photo(camera / "IMG_old.jpg", (200, 30, 30), NOW - 3 * DAY)
    _photo(camera / "IMG_new.jpg", (30, 200, 30), NOW)
    _photo(camera / "IMG_mid.jpg", (30, 30, 200), NOW - DAY)
    _photo(root / "KINGSTON" / "Factures" / "scan.jpg", (9, 9, 9), NOW)
    monkeypatch.setenv(phone.ROOTS_VARIABLE, str(root))
    return root


@pytest.fixture
def studio(qtbot: QtBot, tmp_path: Path) -> Iterator[StudioController]:
    from lbpmv_desktop.core.photo.library import PhotoLibrary
    from lbpmv_desktop.core.photo.workers import PhotoWorkers
    from lbpmv_desktop.ui.studio.controller import StudioController

    controller = StudioController(PhotoLibrary(tmp_path / "library"), PhotoWorkers(1), tmp_path / "ready")
    yield controller
    # Thumbnails still queued are cancelled by the shutdown; the controller's load_thumbnail does
    # not expect a cancelled future (reported), so their callbacks are not delivered here.
    controller.blockSignals(True)
    controller.shutdown()


@pytest.fixture
def french() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    yield
    QLocale.setDefault(before)


def _open(qtbot: QtBot, studio: StudioController, rows: int | None = None):
    from lbpmv_desktop.ui.studio.phone_import import PhoneImportDialog

    dialog = PhoneImportDialog(None, studio)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    if rows is not None:
        qtbot.waitUntil(lambda: dialog.model.rowCount() == rows, timeout=10_000)
    return dialog


def _names(dialog) -> list[str]:
    return [p.name for p in dialog.model.photos]


def _ticked(dialog) -> list[str]:
    return [p.name for p in dialog.model.checked_photos()]


def _library_files(studio: StudioController) -> list[Path]:
    folder = studio.library.photos_dir
    return sorted(folder.iterdir()) if folder.exists() else []


def test_lists_the_phone_newest_first_and_ticks_the_new_photos(
    qtbot: QtBot, studio: StudioController, media: Path, french: None
) -> None:
    already = media / "Galaxy A52" / "DCIM" / "Camera" / "IMG_mid.jpg"
    studio.library.import_copy(already)
    dialog = _open(qtbot, studio, rows=3)
    assert dialog.pages.currentWidget() is dialog.found_page
    assert [dialog.device_combo.itemText(i) for i in range(dialog.device_combo.count())] == [
        f"Galaxy A52 ({_tr('phone')})"
    ], "the USB key without DCIM is not listed"
    assert _names(dialog) == ["IMG_new.jpg", "IMG_mid.jpg", "IMG_old.jpg"]
    assert _ticked(dialog) == ["IMG_new.jpg", "IMG_old.jpg"], "the imported one is not ticked"
    index = dialog.model.index(1)
    assert index.data(Qt.ItemDataRole.AccessibleTextRole).endswith(_tr("already imported"))
    assert dialog.model.index(0).data() == "1 déc. 2026, 10:42"
    assert dialog.import_button.text() == _tr("Import {count} photos").format(count=2)
    qtbot.waitUntil(lambda: dialog.model.has_thumbnail(0), timeout=30_000)  # decoded in the workers


def test_import_copies_byte_identical_and_leaves_the_phone_alone(
    qtbot: QtBot, studio: StudioController, media: Path
) -> None:
    camera = media / "Galaxy A52" / "DCIM" / "Camera"
    before = {p.name: p.read_bytes() for p in camera.iterdir()}
    dialog = _open(qtbot, studio, rows=3)
    dialog.model.toggle(2)  # untick the oldest
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert len(dialog.imported) == 2
    copies = sorted(p.read_bytes() for p in dialog.imported)
    assert copies == sorted([before["IMG_new.jpg"], before["IMG_mid.jpg"]])
    assert all(p.parent == studio.library.photos_dir for p in dialog.imported)
    assert {p.name: p.read_bytes() for p in camera.iterdir()} == before, "originals untouched"
    assert _library_files(studio) == sorted(dialog.imported), "no temporary file left"

    again = _open(qtbot, studio, rows=3)
    assert _ticked(again) == ["IMG_old.jpg"], "imported photos are remembered"


def test_cancel_mid_way_keeps_whole_copies_only(qtbot: QtBot, studio: StudioController, media: Path) -> None:
    dialog = _open(qtbot, studio, rows=3)
    assert dialog.import_button.isEnabled()
    dialog.progressed.connect(lambda done, _total: done == 1 and dialog.stop_button.click())
    with qtbot.waitSignal(dialog.import_finished, timeout=10_000) as finished:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert dialog.stop_button.isVisible()
        assert dialog.progress.isVisible()
    assert finished.args == [1, True]
    assert dialog.isVisible(), "the dialog stays open after « Annuler »"
    assert len(dialog.imported) == 1
    assert _library_files(studio) == dialog.imported, "nothing half-copied"
    assert _ticked(dialog) == ["IMG_mid.jpg", "IMG_old.jpg"]
    assert dialog.import_button.isVisible()
    assert not dialog.stop_button.isVisible()


def test_nothing_plugged_in_explains_then_finds_the_phone(
    qtbot: QtBot, studio: StudioController, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lbpmv_desktop.ui.studio import dialogs

    empty = tmp_path / "media"
    empty.mkdir()
    monkeypatch.setenv(phone.ROOTS_VARIABLE, str(empty))
    dialog = _open(qtbot, studio)
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.empty_page)
    assert len(dialog._pictures) == 2
    assert all(picture.renderer().isValid() for picture in dialog._pictures)
    texts = " ".join(label.text() for label in dialog.empty_page.findChildren(type(dialog.status)))
    assert "Transfert de fichiers" in texts
    assert "Se fier" in texts
    assert dialog.again_button.hasFocus()
    assert dialog._recheck.isActive()
    assert dialog._recheck.interval() <= 5000

    with qtbot.waitSignal(dialog.devices_listed):
        qtbot.mouseClick(dialog.again_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is dialog.empty_page
    assert dialog.empty_status.text() != ""

    _photo(empty / "NIKON" / "DCIM" / "100NIKON" / "DSC_0001.JPG", (1, 2, 3), NOW)
    with qtbot.waitSignal(dialog.photos_listed, timeout=10_000):
        dialog._recheck.timeout.emit()  # what the timer does every few seconds
    assert dialog.pages.currentWidget() is dialog.found_page
    assert _names(dialog) == ["DSC_0001.JPG"]

    chosen = _photo(tmp_path / "Copié du téléphone" / "photo.jpg", (4, 5, 6), NOW)
    monkeypatch.setattr(dialogs, "ask_folder", lambda *_a: chosen.parent)
    with qtbot.waitSignal(dialog.photos_listed, timeout=10_000):
        qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert _names(dialog) == ["photo.jpg"]
    assert dialog.device_combo.currentText() == f"Copié du téléphone ({_tr('folder')})"


def test_choose_a_folder_from_the_empty_page(
    qtbot: QtBot, studio: StudioController, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lbpmv_desktop.ui.studio import dialogs

    monkeypatch.setenv(phone.ROOTS_VARIABLE, str(tmp_path / "nowhere"))
    folder = tmp_path / "Sauvegarde" / "DCIM"
    _photo(folder / "a.jpg", (1, 1, 1), NOW)
    monkeypatch.setattr(dialogs, "ask_folder", lambda *_a: folder.parent)
    dialog = _open(qtbot, studio)
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.empty_page)
    with qtbot.waitSignal(dialog.photos_listed, timeout=10_000):
        qtbot.mouseClick(dialog.empty_folder_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is dialog.found_page
    assert _names(dialog) == ["a.jpg"]
    with qtbot.waitSignal(dialog.devices_listed):
        dialog._recheck.timeout.emit()
    assert dialog.pages.currentWidget() is dialog.found_page, "the chosen folder stays"


def test_keyboard_only(qtbot: QtBot, studio: StudioController, media: Path) -> None:
    dialog = _open(qtbot, studio, rows=3)
    qtbot.waitUntil(dialog.grid.hasFocus)
    assert dialog.grid.currentIndex().row() == 0
    qtbot.keyClick(dialog.grid, Qt.Key.Key_Space)
    assert _ticked(dialog) == ["IMG_mid.jpg", "IMG_old.jpg"]
    qtbot.keyClick(dialog.grid, Qt.Key.Key_Right)
    assert dialog.grid.currentIndex().row() == 1
    qtbot.keyClick(dialog.grid, Qt.Key.Key_Space)
    assert _ticked(dialog) == ["IMG_old.jpg"]
    assert dialog.import_button.text() == _tr("Import 1 photo")
    seen = []
    widget = dialog.grid
    for _ in range(8):
        qtbot.keyClick(QApplication.focusWidget() or widget, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
        if QApplication.focusWidget() is dialog.import_button:
            break
    assert dialog.import_button in seen
    assert dialog.all_button in seen
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(dialog.import_button, Qt.Key.Key_Space)
    assert [p.name for p in dialog.imported] == ["IMG_old.jpg"]


def test_iphone_heic_is_listed_shown_and_imported(
    qtbot: QtBot, studio: StudioController, tmp_path: Path, monkeypatch
) -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    root = tmp_path / "gvfs"
    dcim = root / "gphoto2:host=Apple_Inc._iPhone_0008" / "DCIM" / "100APPLE"
    dcim.mkdir(parents=True)
    Image.new("RGB", (300, 200), (200, 120, 60)).save(dcim / "IMG_0001.HEIC", quality=80)
    monkeypatch.setenv(phone.ROOTS_VARIABLE, str(root))
    dialog = _open(qtbot, studio, rows=1)
    assert dialog.device_combo.currentText() == f"Apple Inc. iPhone 0008 ({_tr('phone')})"
    qtbot.waitUntil(lambda: dialog.model.has_thumbnail(0), timeout=30_000)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    (copy,) = dialog.imported
    assert copy.suffix == ".heic"
    assert copy.read_bytes() == (dcim / "IMG_0001.HEIC").read_bytes()


def test_both_states_fit_1024_by_768_at_200(
    qtbot: QtBot, studio: StudioController, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lbpmv_desktop.settings import Settings
    from lbpmv_desktop.ui import checks, theme

    app = QApplication.instance()
    font, palette, sheet = app.font(), app.palette(), app.styleSheet()
    theme.apply_theme(app, replace(Settings(), text_scale=200))
    try:
        for roots in (str(media), str(media / "nothing")):
            monkeypatch.setenv(phone.ROOTS_VARIABLE, roots)
            dialog = _open(qtbot, studio)
            dialog.resize(984, 728)
            qtbot.waitUntil(lambda d=dialog: d.pages.currentWidget() is not d.searching_page)
            if roots == str(media):
                qtbot.waitUntil(lambda d=dialog: d.model.rowCount() == 3, timeout=10_000)
            for _ in range(3):  # let the layouts settle, as the self-test does
                QApplication.processEvents()
            assert dialog.minimumSizeHint().width() <= 984
            assert checks.layout_problems(dialog) == []
            assert checks.accessibility_problems(dialog, french=False) == []
            dialog.close()
    finally:
        app.setFont(font)
        app.setPalette(palette)
        app.setStyleSheet(sheet)
