"""The photo studio, driven through its real widgets (worker processes included)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from tests.gui.test_merchant_flow import _complete_welcome
from tests.helpers.app_fixtures import wait_idle
from tests.helpers.corpus import CORPUS, needs_corpus

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    image = Image.new("RGB", (1600, 1200), (150, 140, 120))
    image.paste((60, 90, 160), (0, 0, 800, 600))
    path = tmp_path / "Sac à main.jpg"
    image.save(path, quality=90)
    return path


@pytest.fixture
def studio(qtbot: QtBot, start_app, dialogs, tmp_path: Path, monkeypatch):
    from lbpmv_desktop.ui.studio import studio_page

    opened: list[Path] = []
    monkeypatch.setattr(studio_page, "open_folder", lambda path: opened.append(path) or True)
    controller = start_app()
    _complete_welcome(qtbot, controller.window)
    qtbot.waitUntil(lambda: controller.window.current_page() == "home")
    controller.window.open_studio()
    page = controller.window.studio
    page.studio.out_dir = tmp_path / "Mes photos prêtes"
    page.opened_folders = opened
    return controller, page


def _open(qtbot: QtBot, page, path: Path, monkeypatch) -> None:
    from lbpmv_desktop.ui.studio import dialogs

    monkeypatch.setattr(dialogs, "ask_photo_file", lambda *_a: path)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.studio.photo is not None and not page.preview.image.isNull(), timeout=20_000)


def test_open_improve_crop_undo_redo_and_export(qtbot: QtBot, studio, photo: Path, monkeypatch) -> None:
    app, page = studio
    before = photo.read_bytes()
    _open(qtbot, page, photo, monkeypatch)
    assert "Sac à main" in page.photo_label.text()
    assert page.studio.photo.path != photo, "the studio works on a copy"
    first = page.preview.image.copy()

    qtbot.mouseClick(page.improve_button, Qt.MouseButton.LeftButton)
    assert page.studio.recipe.auto is not None
    page.crop_combo.setCurrentIndex(1)
    page.crop_combo.activated.emit(1)
    assert page.studio.recipe.crop is not None
    qtbot.waitUntil(lambda: page.preview.image.width() == page.preview.image.height(), timeout=10_000)
    assert page.studio.undo_stack.count() == 2

    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert page.studio.recipe.is_original
    qtbot.waitUntil(lambda: page.preview.image == first, timeout=10_000)
    qtbot.mouseClick(page.redo_button, Qt.MouseButton.LeftButton)
    assert page.studio.recipe.auto is not None

    with qtbot.waitSignal(page.studio.exported, timeout=20_000) as written:
        qtbot.mouseClick(page.preset_buttons["leboncoin"], Qt.MouseButton.LeftButton)
    result = written.args[0]
    with Image.open(result) as exported:
        assert exported.size == (1200, 900)
        assert not exported.getexif()
    assert page.export_note.isVisible()
    assert photo.read_bytes() == before, "the original is never modified"
    wait_idle(qtbot, app.window)
    qtbot.waitUntil(lambda: app.session.status.photos_exported == 1, timeout=5000)
    qtbot.mouseClick(page.folder_button, Qt.MouseButton.LeftButton)
    assert page.opened_folders == [page.studio.out_dir]


def test_slider_edits_merge_and_are_kept_for_next_time(
    qtbot: QtBot, studio, photo: Path, monkeypatch
) -> None:
    app, page = studio
    _open(qtbot, page, photo, monkeypatch)
    for value in (10, 20, 30):
        page.sliders["light"].setValue(value)
    assert page.studio.undo_stack.count() == 1, "one slider move is one undo step"
    assert page.studio.recipe.light == 30
    page.studio._save_now()
    qtbot.waitUntil(lambda: page.studio.library.load_recipe(page.studio.photo).light == 30, timeout=5000)
    saved_photo = page.studio.photo
    page.studio.open_photo(saved_photo)
    qtbot.waitUntil(lambda: page.sliders["light"].value() == 30, timeout=10_000)


def test_refused_file_shows_a_french_message_and_keeps_the_open_photo(
    qtbot: QtBot, studio, photo: Path, tmp_path: Path, monkeypatch
) -> None:
    app, page = studio
    _open(qtbot, page, photo, monkeypatch)
    fake = tmp_path / "facture.jpg"
    fake.write_text("Facture 42", encoding="utf-8")
    from lbpmv_desktop.ui.studio import dialogs

    monkeypatch.setattr(dialogs, "ask_photo_file", lambda *_a: fake)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.error_label.isVisible, timeout=10_000)
    assert "pas une photo" in page.error_label.text()
    assert page.studio.photo is not None
    assert "Sac" in page.studio.photo.name


@needs_corpus
def test_truncated_photo_is_refused_not_half_shown(qtbot: QtBot, studio, monkeypatch) -> None:
    app, page = studio
    from lbpmv_desktop.ui.studio import dialogs

    monkeypatch.setattr(dialogs, "ask_photo_file", lambda *_a: CORPUS / "broken" / "moitie.jpg")
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.error_label.isVisible, timeout=20_000)
    assert "abîmée" in page.error_label.text()
    assert page.preview.image.isNull()


def test_drop_a_photo_on_the_studio(qtbot: QtBot, studio, photo: Path) -> None:
    app, page = studio
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(photo))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.dropEvent(event)
    qtbot.waitUntil(lambda: page.studio.photo is not None, timeout=20_000)
    qtbot.waitUntil(lambda: page.recent_model.rowCount() == 1, timeout=10_000)


def test_import_from_a_phone_folder(qtbot: QtBot, studio, photo: Path, tmp_path: Path, monkeypatch) -> None:
    app, page = studio
    dcim = tmp_path / "Téléphone" / "DCIM" / "Camera"
    dcim.mkdir(parents=True)
    for name in ("IMG_001.jpg", "IMG_002.jpg"):
        (dcim / name).write_bytes(photo.read_bytes())
    (dcim / "notes.txt").write_text("x", encoding="utf-8")
    from lbpmv_desktop.ui.studio import dialogs

    seen: list[list[Path]] = []
    monkeypatch.setattr(dialogs, "ask_folder", lambda *_a: tmp_path / "Téléphone")
    monkeypatch.setattr(
        dialogs.PhoneImportDialog,
        "ask",
        classmethod(lambda cls, parent, studio, pictures: seen.append(pictures) or pictures[:1]),
    )
    qtbot.mouseClick(page.phone_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)  # the folder is listed in the worker
    assert sorted(p.name for p in seen[0]) == ["IMG_001.jpg", "IMG_002.jpg"]
    qtbot.waitUntil(lambda: page.studio.photo is not None, timeout=20_000)
    assert (dcim / "IMG_001.jpg").read_bytes() == photo.read_bytes()


def test_phone_import_dialog_ticks_and_unticks(qtbot: QtBot, studio, photo: Path) -> None:
    from lbpmv_desktop.ui.studio.dialogs import PhoneImportDialog

    app, page = studio
    dialog = PhoneImportDialog(page, page.studio, [photo])
    qtbot.addWidget(dialog)
    assert dialog.model.checked_paths() == [photo]
    qtbot.mouseClick(dialog.none_button, Qt.MouseButton.LeftButton)
    assert dialog.model.checked_paths() == []
    qtbot.waitUntil(
        lambda: dialog.model.data(dialog.model.index(0), Qt.ItemDataRole.DecorationRole) is not None,
        timeout=20_000,
    )


def test_batch_export_with_progress_then_cancel(qtbot: QtBot, studio, photo: Path, tmp_path: Path) -> None:
    from lbpmv_desktop.ui.studio.dialogs import BatchExportDialog

    app, page = studio
    library = page.studio.library
    photos = [library.add_copy(photo) for _ in range(4)]
    dialog = BatchExportDialog(page, page.studio, photos)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.preset_combo.setCurrentIndex(dialog.preset_combo.findData("facebook"))
    with qtbot.waitSignal(page.studio.batch_finished, timeout=60_000) as finished:
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
        assert dialog.progress.isVisible()
    assert finished.args == [4, False]
    assert dialog.progress.value() == 4
    assert len(list(page.studio.out_dir.glob("*-facebook*.jpg"))) == 4

    many = [library.add_copy(photo) for _ in range(12)]
    dialog2 = BatchExportDialog(page, page.studio, many)
    qtbot.addWidget(dialog2)
    dialog2.show()
    with qtbot.waitSignal(page.studio.batch_finished, timeout=60_000) as stopped:
        qtbot.mouseClick(dialog2.start_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog2.cancel_button, Qt.MouseButton.LeftButton)
    written, cancelled = stopped.args
    assert cancelled
    assert written < 12
    assert "Arrêt" in dialog2.status.text() or "Stopped" in dialog2.status.text()


def test_tutorial_practice_step_opens_the_studio_with_its_destination(
    qtbot: QtBot, start_app, dialogs
) -> None:
    app = start_app()
    _complete_welcome(qtbot, app.window)
    qtbot.waitUntil(lambda: app.window.current_page() == "home")
    catalogue = app.session.catalogue
    tutorial, index = next(
        (t, i)
        for t in catalogue.path()
        for i, s in enumerate(t.steps)
        if s.action and s.action.kind == "open-studio" and s.action.preset
    )
    app.window.open_tutorial(tutorial.id, tutorial.steps[index].id)
    page = app.window.tutorial
    assert page.action_button.isEnabled()
    qtbot.mouseClick(page.action_button, Qt.MouseButton.LeftButton)
    assert app.window.current_page() == "studio"
    preset = tutorial.steps[index].action.preset
    assert app.window.studio.preset_buttons[preset].property("role") == "primary"
