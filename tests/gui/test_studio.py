"""The photo studio, driven through its real widgets (worker processes included)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QRadioButton

from tests.gui.test_merchant_flow import _complete_welcome
from tests.helpers.app_fixtures import wait_idle
from tests.helpers.corpus import CORPUS, needs_corpus
from tests.helpers.keys import tab_chain
from tests.helpers.studio import _open, open_studio

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
    return open_studio(qtbot, start_app, tmp_path, monkeypatch)


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


def test_import_from_my_phone_opens_the_first_photo_imported(
    qtbot: QtBot, studio, photo: Path, monkeypatch
) -> None:
    from lbpmv_desktop.ui.studio import phone_import

    app, page = studio
    library = page.studio.library
    asked: list[object] = []

    def ask(cls, parent, controller) -> list[Path]:  # the dialog imports into the library
        asked.append(controller)
        return [library.add_copy(photo).path, library.add_copy(photo).path]

    monkeypatch.setattr(phone_import.PhoneImportDialog, "ask", classmethod(ask))
    qtbot.mouseClick(page.phone_button, Qt.MouseButton.LeftButton)
    assert asked == [page.studio]
    qtbot.waitUntil(lambda: page.studio.photo is not None, timeout=20_000)
    assert page.studio.photo.path.parent == library.photos_dir
    qtbot.waitUntil(lambda: page.recent_model.rowCount() == 2, timeout=10_000)

    asked.clear()
    opened = page.studio.photo
    monkeypatch.setattr(phone_import.PhoneImportDialog, "ask", classmethod(lambda cls, *_a: []))
    qtbot.mouseClick(page.phone_button, Qt.MouseButton.LeftButton)
    assert page.studio.photo == opened, "nothing imported: the open photo stays"


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


# -- large text on a small screen, keyboard and screen reader ---------------------------------------
def _page_problems(window, page, monkeypatch) -> list[str]:
    """The screen checks' layout and naming problems, for the widgets of ``page`` only."""
    from lbpmv_desktop.ui import checks

    every = checks.visible_widgets
    monkeypatch.setattr(
        checks, "visible_widgets", lambda w: (x for x in every(w) if x is page or page.isAncestorOf(x))
    )
    try:
        return checks.layout_problems(window) + checks.accessibility_problems(window)
    finally:
        monkeypatch.setattr(checks, "visible_widgets", every)


def _text_size(qtbot: QtBot, app, percent: int, size: tuple[int, int]) -> None:
    from dataclasses import replace

    app.session.update_settings(replace(app.session.settings, text_scale=percent))
    app.window.resize(*size)
    wait_idle(qtbot, app.window)
    qtbot.waitUntil(lambda: app.window.size().width() == size[0], timeout=5000)
    for _ in range(3):  # the scrolling column refits once pending layout requests are done
        QApplication.processEvents()


def _rect(widget, page):
    from PySide6.QtCore import QPoint, QRect

    return QRect(widget.mapTo(page, QPoint(0, 0)), widget.size())


def test_narrow_window_at_200_puts_the_tools_below_the_photo_and_wide_beside(
    qtbot: QtBot, studio, photo: Path, monkeypatch
) -> None:
    app, page = studio
    _text_size(qtbot, app, 200, (1024, 696))
    _open(qtbot, page, photo, monkeypatch)
    qtbot.waitUntil(lambda: page.edit_box.isVisible() and page._side_by_side is False, timeout=5000)
    photo_area, tools = _rect(page.preview, page), _rect(page.tools_panel, page)
    assert tools.top() >= photo_area.bottom(), "the tools are a column below the photo"
    assert page.tools_panel.isAncestorOf(page.undo_button), "the edit buttons scroll with the tools"
    content = page.tools_panel.widget()
    assert content.width() <= page.tools_panel.viewport().width(), "nothing needs horizontal scrolling"
    assert _page_problems(app.window, page, monkeypatch) == []

    _text_size(qtbot, app, 100, (1920, 1080))
    qtbot.waitUntil(lambda: page._side_by_side is True, timeout=5000)
    photo_area, tools = _rect(page.preview, page), _rect(page.tools_panel, page)
    assert tools.left() >= photo_area.right(), "the tools are a column beside the photo"
    assert page.centre.isAncestorOf(page.undo_button), "the edit buttons are under the photo"
    assert _page_problems(app.window, page, monkeypatch) == []


def test_tab_goes_through_the_tools_in_reading_order_to_the_export_buttons(
    qtbot: QtBot, studio, photo: Path, monkeypatch
) -> None:
    app, page = studio
    _text_size(qtbot, app, 200, (1024, 696))
    app.window.activateWindow()
    _open(qtbot, page, photo, monkeypatch)
    qtbot.waitUntil(page.improve_button.hasFocus, timeout=5000)  # the next thing to do
    expected = [
        w
        for w in page._reading_order()
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and (not isinstance(w, QRadioButton) or w.isChecked())  # a choice of several: one Tab stop
    ]
    reached = tab_chain(qtbot, expected[0], page)
    for button in page.preset_buttons.values():
        assert button in reached, f"Tab never reaches {button.text()!r}"
    assert [w for w in reached if w in expected] == expected, "Tab follows the reading order"
    assert reached.index(page.improve_button) < reached.index(page.preset_buttons["instagram"])
    page.preset_buttons["instagram"].setFocus()
    qtbot.keyClick(page.preset_buttons["instagram"], Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is reached[reached.index(page.preset_buttons["instagram"]) - 1]


def test_wheel_over_a_slider_scrolls_the_tools_and_leaves_the_slider(
    qtbot: QtBot, studio, photo: Path, monkeypatch
) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QWheelEvent

    from lbpmv_desktop.ui import input as user_input

    app, page = studio
    behaviour = user_input.install(QApplication.instance())  # as application() does
    _text_size(qtbot, app, 200, (1024, 696))
    _open(qtbot, page, photo, monkeypatch)
    slider = page.sliders["contrast"]
    page.tools_panel.ensureWidgetVisible(slider)
    assert slider.focusPolicy() != Qt.FocusPolicy.WheelFocus
    bar = page.tools_panel.verticalScrollBar()
    before_value, before_scroll = slider.value(), bar.value()
    centre = QPointF(slider.width() / 2, slider.height() / 2)
    event = QWheelEvent(
        centre, QPointF(slider.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    try:
        QApplication.sendEvent(slider, event)
    finally:
        QApplication.instance().removeEventFilter(behaviour)
        behaviour.deleteLater()
    assert slider.value() == before_value, "the wheel never changes a setting"
    assert bar.value() > before_scroll, "the wheel scrolls the tools"


def test_names_contain_the_visible_text_and_errors_are_announced_then_cleared(
    qtbot: QtBot, studio, photo: Path, tmp_path: Path, monkeypatch
) -> None:
    from lbpmv_desktop.ui.accessibility import announcer
    from lbpmv_desktop.ui.studio import dialogs

    app, page = studio
    assert "Avant" in page.before_button.accessibleName()
    assert "À gauche" in page.left_button.accessibleName()
    assert "À droite" in page.right_button.accessibleName()
    fake = tmp_path / "facture.jpg"
    fake.write_text("Facture 42", encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_photo_file", lambda *_a: fake)
    with qtbot.waitSignal(announcer().announced, timeout=10_000) as said:
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert "pas une photo" in said.args[0]
    assert page.error_label.isVisible()
    _open(qtbot, page, photo, monkeypatch)
    assert not page.error_label.isVisible(), "the error goes once a photo opens"
    assert _page_problems(app.window, page, monkeypatch) == []


def test_the_crop_frame_moves_with_the_keyboard_on_a_focused_photo(
    qtbot: QtBot, studio, photo: Path, monkeypatch
) -> None:
    app, page = studio
    app.window.activateWindow()
    _open(qtbot, page, photo, monkeypatch)
    assert page.preview.focusPolicy() == Qt.FocusPolicy.NoFocus, "no Tab stop on the photo outside crop mode"
    page.crop_combo.setCurrentIndex(1)
    page.crop_combo.activated.emit(1)
    qtbot.mouseClick(page.crop_edit_button, Qt.MouseButton.LeftButton)
    assert page.crop_edit_button.isChecked()
    qtbot.waitUntil(page.preview.hasFocus, timeout=5000)  # the arrows act on the frame at once
    focused = page.preview.grab().toImage()
    page.crop_edit_button.setFocus()
    qtbot.waitUntil(page.crop_edit_button.hasFocus, timeout=5000)
    assert page.preview.grab().toImage() != focused, "the focused photo shows a ring"
    page.preview.setFocus()
    qtbot.waitUntil(page.preview.hasFocus, timeout=5000)
    start = page.studio.recipe.crop
    qtbot.keyClick(page.preview, Qt.Key.Key_Minus)
    qtbot.keyClick(page.preview, Qt.Key.Key_Right)
    moved = page.studio.recipe.crop
    assert moved.w < start.w
    assert moved.x > start.x
    qtbot.keyClick(page.preview, Qt.Key.Key_Return)
    assert not page.crop_edit_button.isChecked()
    assert page.crop_edit_button.hasFocus()
    assert page.preview.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_studio_dialogs_fit_a_small_screen_at_200(qtbot: QtBot, studio, photo: Path) -> None:
    from lbpmv_desktop.ui import checks
    from lbpmv_desktop.ui.studio.dialogs import BatchExportDialog

    app, page = studio
    _text_size(qtbot, app, 200, (1024, 696))
    library = page.studio.library
    for dialog in (BatchExportDialog(page, page.studio, [library.add_copy(photo)]),):
        qtbot.addWidget(dialog)
        dialog.resize(1000, 660)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.minimumSizeHint().width() <= 1000, "the buttons wrap instead of widening it"
        assert dialog.width() <= 1000
        assert checks.layout_problems(dialog) == []
        assert checks.accessibility_problems(dialog) == []
        dialog.close()


def test_a_thumbnail_cancelled_while_the_studio_closes_is_ignored(qtbot: QtBot, studio, monkeypatch) -> None:
    import pathlib
    import threading
    from concurrent.futures import Future

    _app, page = studio
    controller = page.studio
    cancelled: Future[object] = Future()
    failing: Future[object] = Future()
    futures = iter([cancelled, failing])
    monkeypatch.setattr(controller.workers, "proxy", lambda _path, _side: next(futures))
    shown: list[str] = []
    controller.thumbnail_ready.connect(lambda path, _image: shown.append(path))
    controller.load_thumbnail(pathlib.Path("IMG_0001.jpg"))
    controller.load_thumbnail(pathlib.Path("IMG_0002.jpg"))

    def finish_elsewhere() -> None:  # as the pool does: from another thread, delivered through Qt
        cancelled.cancel()
        failing.set_exception(ValueError("a decoder said something odd"))

    thread = threading.Thread(target=finish_elsewhere)
    thread.start()
    thread.join()
    QApplication.processEvents()  # an exception in the delivered callbacks fails the test
    assert shown == []
