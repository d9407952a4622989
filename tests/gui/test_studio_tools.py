"""The studio's tools on the photo: the crop frame and its handles, the frame shown before a copy
of other proportions is written, 100 % and fit, the before/after line, the text tool and the
sliders after « Améliorer », driven through the real widgets (mouse and keys)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PIL import Image
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from lbpmv_desktop.core.photo.recipe import ADJUSTMENTS
from lbpmv_desktop.ui.studio.preview_widget import Mode
from tests.helpers.keys import tab_chain
from tests.helpers.studio import _open, open_studio

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot


@pytest.fixture
def studio(qtbot: QtBot, start_app, dialogs, tmp_path: Path, monkeypatch):
    return open_studio(qtbot, start_app, tmp_path, monkeypatch)


@pytest.fixture
def halves(tmp_path: Path) -> Path:
    """A landscape photo, red on the left half and blue on the right half."""
    image = Image.new("RGB", (1600, 800), (40, 60, 200))
    image.paste((210, 40, 40), (0, 0, 800, 800))
    path = tmp_path / "Deux moitiés.jpg"
    image.save(path, quality=92)
    return path


@pytest.fixture
def grey(tmp_path: Path) -> Path:
    path = tmp_path / "Gris.jpg"
    Image.new("RGB", (1200, 900), (110, 110, 110)).save(path, quality=92)
    return path


def _point(p: QPointF) -> QPoint:
    return p.toPoint()


def _drag(qtbot: QtBot, widget, start: QPointF, end: QPointF, steps: int = 4) -> None:
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=_point(start))
    for i in range(1, steps + 1):
        qtbot.mouseMove(widget, _point(start + (end - start) * (i / steps)))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=_point(end))


def _type(qtbot: QtBot, widget, text: str) -> None:
    """Type as a keyboard does, one key event per character (QTest's keyClicks is ASCII only)."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def _pixel_ratio(crop, size: tuple[int, int]) -> float:
    return crop.w * size[0] / (crop.h * size[1])


def _whole_photo_shown(page, aspect: float) -> bool:
    """The preview shows a picture of these proportions, laid out where it will stay."""
    image = page.preview.image
    if image.isNull() or abs(image.width() / image.height() - aspect) >= 0.01:
        return False
    for _ in range(3):  # a hint shown under the photo resizes it once pending layouts are done
        QApplication.processEvents()
    return True


def _choose_crop(page, ratio: float | None) -> None:
    from lbpmv_desktop.ui.studio.studio_page import CROPS

    index = next(i for i, (r, _) in enumerate(CROPS) if r == ratio)
    page.crop_combo.setCurrentIndex(index)
    page.crop_combo.activated.emit(index)


def test_the_crop_frame_has_handles_to_drag_and_keeps_its_proportions(
    qtbot: QtBot, studio, grey: Path, monkeypatch
) -> None:
    app, page = studio
    _open(qtbot, page, grey, monkeypatch)
    _choose_crop(page, 1.0)
    qtbot.mouseClick(page.crop_edit_button, Qt.MouseButton.LeftButton)
    assert page.preview.mode is Mode.CROP
    qtbot.waitUntil(lambda: _whole_photo_shown(page, 4 / 3), timeout=10_000)  # the whole photo
    assert page.hint_label.isVisible(), "the keys are written under the photo"
    assert "Ctrl" in page.hint_label.text()
    assert "Ctrl" in page.preview.accessibleDescription()
    preview, size = page.preview, (1200, 900)
    start = page.studio.recipe.crop
    assert abs(_pixel_ratio(start, size) - 1.0) < 0.01

    handles = preview.handle_points()
    assert set(handles) == {"tl", "t", "tr", "r", "br", "b", "bl", "l"}
    qtbot.mouseMove(preview, _point(handles["br"]))
    assert preview.cursor().shape() == Qt.CursorShape.SizeFDiagCursor
    qtbot.mouseMove(preview, _point(handles["l"]))
    assert preview.cursor().shape() == Qt.CursorShape.SizeHorCursor
    qtbot.mouseMove(preview, _point(preview.frame_rect().center()))
    assert preview.cursor().shape() == Qt.CursorShape.SizeAllCursor

    # The bottom-right corner dragged up and left: smaller, still square, top-left corner kept.
    _drag(qtbot, preview, handles["br"], handles["br"] - QPointF(80, 30))
    smaller = page.studio.recipe.crop
    assert smaller.w < start.w
    assert abs(_pixel_ratio(smaller, size) - 1.0) < 0.01
    assert (smaller.x, smaller.y) == pytest.approx((start.x, start.y), abs=0.002)

    # The right edge dragged: still square (it grows around the middle).
    edge = preview.handle_points()["r"]
    _drag(qtbot, preview, edge, edge + QPointF(-40, 0))
    edged = page.studio.recipe.crop
    assert edged.w < smaller.w
    assert abs(_pixel_ratio(edged, size) - 1.0) < 0.01

    # Dragged from inside: it moves, same size.
    centre = preview.frame_rect().center()
    _drag(qtbot, preview, centre, centre + QPointF(50, 20))
    moved = page.studio.recipe.crop
    assert moved.x > edged.x
    assert (moved.w, moved.h) == pytest.approx((edged.w, edged.h), abs=1e-6)

    # Free: an edge changes one side only.
    _choose_crop(page, 0.0)
    assert page.studio.recipe.crop.ratio is None
    free = page.studio.recipe.crop
    qtbot.waitUntil(lambda: preview.crop == free, timeout=5000)
    edge = preview.handle_points()["t"]
    _drag(qtbot, preview, edge, edge + QPointF(0, 40))
    taller = page.studio.recipe.crop
    assert taller.h < free.h
    assert taller.w == pytest.approx(free.w)

    # Done: the preview shows the cropped result.
    qtbot.mouseClick(page.crop_edit_button, Qt.MouseButton.LeftButton)
    final = page.studio.recipe.crop
    qtbot.waitUntil(lambda: _whole_photo_shown(page, final.w * size[0] / (final.h * size[1])), timeout=10_000)
    assert not page.hint_label.isVisible()


def test_keyboard_moves_and_resizes_the_frame_and_undo_brings_it_back(
    qtbot: QtBot, studio, grey: Path, monkeypatch
) -> None:
    app, page = studio
    app.window.activateWindow()
    _open(qtbot, page, grey, monkeypatch)
    _choose_crop(page, 0.8)
    qtbot.keyClick(page.crop_edit_button, Qt.Key.Key_Space)
    qtbot.waitUntil(page.preview.hasFocus, timeout=5000)  # the arrows act on the frame at once
    start = page.studio.recipe.crop
    qtbot.keyClick(page.preview, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    narrower = page.studio.recipe.crop
    assert narrower.w < start.w
    assert abs(_pixel_ratio(narrower, (1200, 900)) - 0.8) < 0.01, "4:5 stays 4:5"
    qtbot.keyClick(page.preview, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert page.studio.recipe.crop.x == pytest.approx(narrower.x + 0.05, abs=1e-6)
    qtbot.keyClick(page.preview, Qt.Key.Key_Escape)
    assert page.preview.mode is Mode.VIEW
    assert page.crop_edit_button.hasFocus()
    qtbot.keyClick(page, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the button's shortcut
    qtbot.waitUntil(lambda: page.studio.recipe.crop == start, timeout=2000)  # one undo step


def test_instagram_on_a_landscape_photo_shows_the_square_first_and_writes_the_moved_frame(
    qtbot: QtBot, studio, halves: Path, monkeypatch
) -> None:
    app, page = studio
    app.window.activateWindow()
    _open(qtbot, page, halves, monkeypatch)
    out = page.studio.out_dir

    # Cancel: nothing is written, focus back on the target's button.
    qtbot.mouseClick(page.preset_buttons["instagram"], Qt.MouseButton.LeftButton)
    assert page.confirm_box.isVisible()
    assert "Instagram" in page.confirm_text.text()
    assert page.confirm_button.text() == "Enregistrer la copie"
    assert (
        page.confirm_cancel_button.text() == "Ne pas enregistrer"
    )  # not « Annuler »: that one undoes the last edit
    qtbot.mouseClick(page.confirm_cancel_button, Qt.MouseButton.LeftButton)
    assert not page.confirm_box.isVisible()
    assert page.preview.mode is Mode.VIEW
    assert not out.exists() or not list(out.iterdir()), "nothing is written before « Enregistrer »"
    assert page.preset_buttons["instagram"].hasFocus()

    # The square in the middle, moved to the left with the mouse, then saved.
    qtbot.mouseClick(page.preset_buttons["instagram"], Qt.MouseButton.LeftButton)
    frame = page.preview.crop
    assert (frame.x, frame.y, frame.w, frame.h) == pytest.approx((0.25, 0.0, 0.5, 1.0), abs=0.01)
    qtbot.waitUntil(lambda: _whole_photo_shown(page, 2.0), timeout=10_000)
    assert "Échap" in page.hint_label.text()
    centre = page.preview.frame_rect().center()
    _drag(qtbot, page.preview, centre, centre - QPointF(page.preview.width(), 0))
    assert page.preview.crop.x == pytest.approx(0.0, abs=0.005)
    assert page.studio.recipe.crop is None, "the photo's own framing is not changed"
    assert not out.exists() or not list(out.iterdir())
    with qtbot.waitSignal(page.studio.exported, timeout=20_000) as written:
        qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    with Image.open(written.args[0]) as exported:
        assert exported.size == (1080, 1080)
        rgb = exported.convert("RGB")
        for x in (60, 540, 1020):  # all of it from the red half
            r, g, b = rgb.getpixel((x, 540))
            assert r > 150, (x, (r, g, b))
            assert b < 100, (x, (r, g, b))
    assert not page.confirm_box.isVisible()

    # Keyboard: Return saves the frame moved with the arrows (to the right: the blue half).
    qtbot.keyClick(page.preset_buttons["instagram"], Qt.Key.Key_Space)
    qtbot.waitUntil(page.preview.hasFocus, timeout=5000)
    qtbot.keyClick(page.preview, Qt.Key.Key_Tab)
    assert page.confirm_button.hasFocus(), "Tab goes from the frame to « Enregistrer la copie »"
    qtbot.keyClick(page.confirm_button, Qt.Key.Key_Tab)
    assert page.confirm_cancel_button.hasFocus()
    page.preview.setFocus()
    for _ in range(6):
        qtbot.keyClick(page.preview, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    with qtbot.waitSignal(page.studio.exported, timeout=20_000) as written:
        qtbot.keyClick(page.preview, Qt.Key.Key_Return)
    with Image.open(written.args[0]) as exported:
        r, g, b = exported.convert("RGB").getpixel((60, 540))
        assert b > 150
        assert r < 100


def test_another_tool_drops_the_waiting_copy_and_a_square_crop_writes_at_once(
    qtbot: QtBot, studio, halves: Path, monkeypatch
) -> None:
    app, page = studio
    _open(qtbot, page, halves, monkeypatch)
    qtbot.mouseClick(page.preset_buttons["instagram"], Qt.MouseButton.LeftButton)
    assert page.confirm_box.isVisible()
    qtbot.mouseClick(page.compare_button, Qt.MouseButton.LeftButton)  # another tool: no copy
    assert not page.confirm_box.isVisible()
    assert page.preview.mode is Mode.SPLIT
    qtbot.mouseClick(page.compare_button, Qt.MouseButton.LeftButton)
    assert not page.studio.out_dir.exists() or not list(page.studio.out_dir.iterdir())
    _choose_crop(page, 1.0)
    with qtbot.waitSignal(page.studio.exported, timeout=20_000):
        qtbot.mouseClick(page.preset_buttons["instagram"], Qt.MouseButton.LeftButton)
        assert not page.confirm_box.isVisible()


def test_zoom_to_100_pans_and_fits_again(qtbot: QtBot, studio, grey: Path, monkeypatch) -> None:
    app, page = studio
    app.window.activateWindow()
    _open(qtbot, page, grey, monkeypatch)
    preview = page.preview
    fitted = preview.image_rect()
    qtbot.mouseClick(page.zoom_button, Qt.MouseButton.LeftButton)
    assert preview.zoomed
    assert page.zoom_button.isChecked()
    rect = preview.image_rect()
    assert rect.width() == pytest.approx(preview.image.width() / preview.devicePixelRatioF())
    assert rect.width() > fitted.width()
    assert "chaque pixel de votre photo" in page.hint_label.text()
    qtbot.waitUntil(lambda: not preview.tile.isNull(), timeout=20_000)  # decoded by a real worker
    qtbot.waitUntil(preview.hasFocus, timeout=5000)
    before = preview.pan
    qtbot.keyClick(preview, Qt.Key.Key_Right)
    assert preview.pan.x() > before.x()
    middle = QPointF(preview.width() / 2, preview.height() / 2)
    after_keys = preview.pan
    _drag(qtbot, preview, middle, middle + QPointF(0, 60))
    assert preview.pan.y() < after_keys.y(), "dragging down shows what is above"
    qtbot.keyClick(preview, Qt.Key.Key_Escape)
    assert not preview.zoomed
    assert page.fit_button.isChecked()
    assert page.fit_button.hasFocus()
    qtbot.keyClick(page, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert preview.zoomed
    qtbot.keyClick(page, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert not preview.zoomed
    qtbot.waitUntil(lambda: preview.image_rect() == fitted, timeout=5000)  # the layout settles over events


def test_before_is_held_and_the_split_line_moves_with_mouse_and_keys(
    qtbot: QtBot, studio, grey: Path, monkeypatch
) -> None:
    app, page = studio
    app.window.activateWindow()
    _open(qtbot, page, grey, monkeypatch)
    page.sliders["light"].setValue(80)
    qtbot.mousePress(page.before_button, Qt.MouseButton.LeftButton)
    assert page.studio.showing_original
    qtbot.mouseRelease(page.before_button, Qt.MouseButton.LeftButton)
    assert not page.studio.showing_original

    qtbot.mouseClick(page.compare_button, Qt.MouseButton.LeftButton)
    preview = page.preview
    assert preview.mode is Mode.SPLIT
    qtbot.waitUntil(lambda: not preview.original.isNull(), timeout=10_000)
    qtbot.waitUntil(preview.hasFocus, timeout=5000)
    rect = preview.image_rect()
    _drag(
        qtbot,
        preview,
        QPointF(preview.split_x(), rect.center().y()),
        QPointF(rect.left() + rect.width() * 0.3, rect.center().y()),
    )
    assert preview.split == pytest.approx(0.3, abs=0.01)
    qtbot.keyClick(preview, Qt.Key.Key_Right)
    assert preview.split == pytest.approx(0.32, abs=0.01)
    shot = preview.grab().toImage()
    y = round(rect.top() + rect.height() * 0.75)
    left = shot.pixelColor(round(rect.left() + rect.width() * 0.1), y).lightness()
    right = shot.pixelColor(round(rect.left() + rect.width() * 0.8), y).lightness()
    assert right > left + 20, "left of the line as it was, right with the light raised"
    qtbot.keyClick(preview, Qt.Key.Key_Return)
    assert preview.mode is Mode.VIEW
    assert not page.compare_button.isChecked()
    assert page.compare_button.hasFocus()


def test_text_tool_types_french_chooses_a_style_and_size_and_moves_the_label(
    qtbot: QtBot, studio, grey: Path, monkeypatch
) -> None:
    app, page = studio
    app.window.activateWindow()
    _open(qtbot, page, grey, monkeypatch)
    page.tools_panel.ensureWidgetVisible(page.label_edit)
    _type(qtbot, page.label_edit, "Chaussons bébé 24,90 €")
    label = page.studio.recipe.label
    assert label is not None
    assert label.text == "Chaussons bébé 24,90 €"
    assert page.label_edit.text() == "Chaussons bébé 24,90 €"
    qtbot.mouseClick(page.label_styles["prix"], Qt.MouseButton.LeftButton)
    assert page.studio.recipe.label.style == "prix"
    page.label_size.setValue(150)
    assert page.studio.recipe.label.size == 150
    assert "150" in page.label_size_label.text()

    # An emoji is refused with core's sentence and not applied.
    _type(qtbot, page.label_edit, "🙂")
    assert page.label_problem.isVisible()
    assert "moji" in page.label_problem.text()
    assert page.studio.recipe.label.text == "Chaussons bébé 24,90 €"
    qtbot.keyClick(page.label_edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(page.label_edit, Qt.Key.Key_Backspace)  # the emoji is two UTF-16 units
    qtbot.waitUntil(lambda: not page.label_problem.isVisible(), timeout=2000)

    # Tab reaches the new controls in reading order.
    order = tab_chain(qtbot, page.label_edit, page)
    for widget in (page.label_styles["prix"], page.label_size, page.text_move_button):
        assert widget in order
    assert order.index(page.label_size) < order.index(page.text_move_button)

    # Moved with the keys, then dragged with the mouse.
    qtbot.mouseClick(page.text_move_button, Qt.MouseButton.LeftButton)
    preview = page.preview
    assert preview.mode is Mode.TEXT
    qtbot.waitUntil(preview.hasFocus, timeout=5000)
    start = page.studio.recipe.label
    qtbot.keyClick(preview, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    assert page.studio.recipe.label.y == pytest.approx(start.y - 0.05)
    box = preview.label_rect()
    assert not box.isEmpty()
    target = QPointF(
        preview.image_rect().left() + preview.image_rect().width() * 0.3, preview.image_rect().top() + 40
    )
    _drag(qtbot, preview, box.center(), target)
    moved = page.studio.recipe.label
    assert moved.y < 0.4
    assert moved.x < 0.5
    qtbot.keyClick(preview, Qt.Key.Key_Return)
    assert page.text_move_button.hasFocus()

    # What the preview shows is core's drawing of the same label: the sticker's yellow is there.
    qtbot.waitUntil(lambda: page.studio.recipe.label == moved, timeout=2000)
    from lbpmv_desktop.core.photo.text import label_box

    def sticker_shown() -> bool:
        shown = page.preview.image
        x0, y0, x1, y1 = label_box((shown.width(), shown.height()), moved)
        points = [
            (x0 + (x1 - x0) * i // 10, y0 + (y1 - y0) * j // 10) for i in range(1, 10) for j in range(1, 10)
        ]
        colours = [shown.pixelColor(x, y) for x, y in points]
        yellow = sum(1 for c in colours if c.red() > 200 and c.green() > 150 and c.blue() < 90)
        return yellow > len(colours) // 3

    qtbot.waitUntil(sticker_shown, timeout=10_000)
    with qtbot.waitSignal(page.studio.exported, timeout=20_000) as written:  # and in the copy
        qtbot.mouseClick(page.preset_buttons["web"], Qt.MouseButton.LeftButton)
    with Image.open(written.args[0]) as exported:
        rgb = exported.convert("RGB")
        x0, y0, x1, y1 = label_box(rgb.size, moved)
        yellow = [
            rgb.getpixel((x0 + (x1 - x0) * i // 10, y0 + (y1 - y0) * j // 10))
            for i in range(1, 10)
            for j in range(1, 10)
        ]
        assert sum(1 for r, g, b in yellow if r > 200 and g > 150 and b < 90) > len(yellow) // 3


def test_improve_shows_its_choice_on_the_sliders_and_undo_puts_them_back(
    qtbot: QtBot, studio, grey: Path, monkeypatch
) -> None:
    app, page = studio
    app.window.activateWindow()
    _open(qtbot, page, grey, monkeypatch)
    page.sliders["warmth"].setValue(30)
    before = {name: slider.value() for name, slider in page.sliders.items()}
    qtbot.mouseClick(page.improve_button, Qt.MouseButton.LeftButton)
    recipe = page.studio.recipe
    assert recipe.auto is not None or any(getattr(recipe, n) != before[n] for n in ADJUSTMENTS)
    for name in ADJUSTMENTS:
        assert page.sliders[name].value() == getattr(recipe, name), name
    qtbot.keyClick(page, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the button's shortcut
    qtbot.waitUntil(lambda: {n: s.value() for n, s in page.sliders.items()} == before, timeout=2000)
    assert page.studio.recipe.auto is None
    qtbot.mouseClick(page.redo_button, Qt.MouseButton.LeftButton)
    for name in ADJUSTMENTS:
        assert page.sliders[name].value() == getattr(page.studio.recipe, name), name


@pytest.mark.parametrize(("size", "text"), [((1024, 696), 200), ((1366, 768), 100)])
def test_every_mode_of_the_photo_fits_and_is_named(
    qtbot: QtBot, studio, halves: Path, monkeypatch, size: tuple[int, int], text: int
) -> None:
    import os

    from tests.gui.test_studio import _page_problems, _text_size

    app, page = studio
    _text_size(qtbot, app, text, size)
    _open(qtbot, page, halves, monkeypatch)
    shots = os.environ.get("LBPMV_STUDIO_SHOTS")  # to look at them: a folder for the pictures

    def check(name: str) -> None:
        for _ in range(3):
            QApplication.processEvents()
        if shots:
            app.window.grab().save(f"{shots}/{name}-{size[0]}-{text}.png")
        assert _page_problems(app.window, page, monkeypatch) == [], name

    _type(qtbot, page.label_edit, "Chaussons bébé 24,90 €")
    qtbot.mouseClick(page.label_styles["prix"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.text_move_button.isEnabled(), timeout=2000)
    page.tools_panel.reveal_after_refit(page.text_move_button)
    qtbot.waitUntil(lambda: not page.text_move_button.visibleRegion().isEmpty(), timeout=2000)
    check("outils-texte")
    page.text_move_button.click()
    check("texte")
    page.compare_button.click()
    qtbot.waitUntil(lambda: not page.preview.original.isNull(), timeout=10_000)
    check("avant-apres")
    page.compare_button.click()
    page.zoom_button.click()
    check("zoom")
    page.fit_button.click()
    _choose_crop(page, 0.8)
    page.crop_edit_button.click()
    qtbot.waitUntil(lambda: _whole_photo_shown(page, 2.0), timeout=10_000)
    check("cadre")
    page.crop_edit_button.click()
    page.preset_buttons["facebook"].click()
    assert page.confirm_box.isVisible()
    check("confirmer")


def test_at_100_the_real_pixels_of_the_visible_part_come_from_the_workers(
    qtbot: QtBot, studio, tmp_path: Path, monkeypatch
) -> None:
    """With ``PhotoWorkers.tile`` (the region of the finished picture at full size, decoded in a
    worker), 100 % shows one pixel of the photo for one screen pixel, and asks again after a pan."""
    from concurrent.futures import Future

    app, page = studio
    app.window.activateWindow()
    big = tmp_path / "Grande.jpg"
    Image.new("RGB", (3000, 2000), (110, 110, 110)).save(big, quality=90)
    asked: list[tuple[int, int, int, int]] = []

    def tile(source, recipe, box):  # a stand-in for the worker: green pixels of the box's size
        asked.append(box)
        future: Future = Future()
        width, height = box[2] - box[0], box[3] - box[1]
        future.set_result(((width, height), bytes((0, 200, 0)) * (width * height)))
        return future

    monkeypatch.setattr(page.studio.workers, "tile", tile, raising=False)
    _open(qtbot, page, big, monkeypatch)
    preview = page.preview
    qtbot.mouseClick(page.zoom_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: preview.full_size == (3000, 2000), timeout=10_000)
    assert preview.image_rect().width() == pytest.approx(3000 / preview.devicePixelRatioF())
    assert "chaque pixel" in page.hint_label.text()
    qtbot.waitUntil(lambda: not preview.tile.isNull(), timeout=10_000)
    left, top, right, bottom = asked[-1]
    assert (right - left, bottom - top) == (
        pytest.approx(preview.width() * preview.devicePixelRatioF(), abs=2),
        pytest.approx(preview.height() * preview.devicePixelRatioF(), abs=2),
    )
    assert left == pytest.approx(1500 - (right - left) / 2, abs=2), "the middle of the photo first"
    centre = preview.grab().toImage().pixelColor(preview.width() // 2, preview.height() // 2)
    assert (centre.red(), centre.green(), centre.blue()) == (0, 200, 0)
    qtbot.keyClick(preview, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: asked[-1][0] > left, timeout=5000)
    page.sliders["light"].setValue(40)  # an edit: its real pixels again
    count = len(asked)
    qtbot.waitUntil(lambda: len(asked) > count, timeout=10_000)
    qtbot.keyClick(preview, Qt.Key.Key_Escape)
    assert preview.full_size is None
    assert preview.tile.isNull()
