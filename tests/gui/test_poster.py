"""The poster maker, driven through its real widgets."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from pypdf import PdfReader
from PySide6.QtCore import Qt

from tests.gui.test_merchant_flow import _complete_welcome
from tests.helpers.app_fixtures import wait_idle
from tests.helpers.keys import tab_chain

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget
    from pytestqt.qtbot import QtBot


def _ready(qtbot: QtBot, start_app):
    app = start_app()
    _complete_welcome(qtbot, app.window)
    qtbot.waitUntil(lambda: app.window.current_page() == "home")
    return app


def test_choose_type_preview_and_save_pdf(qtbot: QtBot, start_app, dialogs, tmp_path: Path) -> None:
    app = _ready(qtbot, start_app)
    window = app.window
    window._on_nav("poster")
    page = window.poster
    assert page.shop_edit.text() == "Les Petits Pas", "the shop's name comes from the profile"
    qtbot.mouseClick(page.template_buttons["soldes"], Qt.MouseButton.LeftButton)
    page.refresh_preview()
    before = page.preview.pixmap().toImage()
    qtbot.keyClicks(page.phone_edit, "03 21 00 00 00")
    qtbot.keyClicks(page.url_edit, "https://lespetitspas.fr")
    qtbot.waitUntil(lambda: page.preview.pixmap().toImage() != before, timeout=5000)
    assert page.poster.template == "soldes"
    dialogs.save_path = str(tmp_path / "affiche")
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (tmp_path / "affiche.pdf").exists(), timeout=10_000)
    text = " ".join(PdfReader(tmp_path / "affiche.pdf").pages[0].extract_text().split())
    assert "Les Petits Pas" in text
    assert "03 21 00 00 00" in text
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: app.session.status.posters_made == 1, timeout=5000)
    qtbot.waitUntil(lambda: page.saved_model.rowCount() == 1, timeout=5000)


def test_a_bad_link_is_explained_and_nothing_is_saved(
    qtbot: QtBot, start_app, dialogs, tmp_path: Path
) -> None:
    app = _ready(qtbot, start_app)
    app.window._on_nav("poster")
    page = app.window.poster
    qtbot.keyClicks(page.url_edit, "ftp://exemple.fr")
    page.refresh_preview()
    assert page.link_note.isVisible()
    assert "https://" in page.link_note.text()
    dialogs.save_path = str(tmp_path / "affiche")
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, app.window)
    assert not (tmp_path / "affiche.pdf").exists()


def test_print_goes_to_the_chosen_printer(
    qtbot: QtBot, start_app, dialogs, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from lbpmv_desktop.ui.poster import poster_page

    printed = tmp_path / "imprime.pdf"

    def fake_printer(_parent: object) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer

    monkeypatch.setattr(poster_page, "ask_printer", fake_printer)
    app = _ready(qtbot, start_app)
    app.window._on_nav("poster")
    page = app.window.poster
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert printed.exists()
    assert len(PdfReader(printed).pages) == 1


def test_tutorial_practice_step_opens_the_poster_maker_with_its_template(
    qtbot: QtBot, start_app, dialogs
) -> None:
    app = _ready(qtbot, start_app)
    tutorial, index = next(
        (t, i) for t in app.session.catalogue.path() for i, s in enumerate(t.steps)
        if s.action and s.action.kind == "open-poster" and s.action.template
    )  # fmt: skip
    app.window.open_tutorial(tutorial.id, tutorial.steps[index].id)
    qtbot.mouseClick(app.window.tutorial.action_button, Qt.MouseButton.LeftButton)
    assert app.window.current_page() == "poster"
    assert app.window.poster.poster.template == tutorial.steps[index].action.template


# -- large text on a small screen, keyboard and screen reader ---------------------------------------
def test_narrow_window_at_200_puts_the_preview_below_the_form_and_wide_beside(
    qtbot: QtBot, start_app, dialogs, monkeypatch
) -> None:
    from tests.gui.test_studio import _page_problems, _rect, _text_size

    app = _ready(qtbot, start_app)
    app.window.open_poster("commande-telephone")
    page = app.window.poster
    _text_size(qtbot, app, 200, (900, 696))  # narrower than a 1024×768 screen, where the form fits beside
    qtbot.waitUntil(lambda: page._side_by_side is False, timeout=5000)
    page.refresh_preview()
    form, preview = _rect(page.form_page, page), _rect(page.preview, page)
    assert preview.top() >= form.bottom(), "the preview is below the form, never over it"
    content = page.form_page.widget()
    assert content.width() <= page.form_page.viewport().width(), "nothing needs horizontal scrolling"
    longest = page.template_buttons["commande-telephone"]
    assert "\n" in longest.text(), "a long choice goes onto several lines"
    assert longest.full_text() == "✓ Commandez par téléphone ou WhatsApp"
    assert page.preview.pixmap().height() <= page.preview.height(), "the whole poster is shown"
    assert _page_problems(app.window, page, monkeypatch) == []

    _text_size(qtbot, app, 100, (1920, 1080))
    qtbot.waitUntil(lambda: page._side_by_side is True, timeout=5000)
    form, preview = _rect(page.form_page, page), _rect(page.preview, page)
    assert preview.left() >= form.right(), "the preview is beside the form"
    assert _page_problems(app.window, page, monkeypatch) == []


def test_tab_reaches_every_field_then_save_and_print_in_reading_order(
    qtbot: QtBot, start_app, dialogs
) -> None:
    from PySide6.QtWidgets import QApplication

    from tests.gui.test_studio import _text_size

    app = _ready(qtbot, start_app)
    app.window.open_poster()
    page = app.window.poster
    _text_size(qtbot, app, 200, (1024, 696))
    app.window.activateWindow()
    first = page.template_buttons["click-collect"]
    reached = tab_chain(qtbot, first, page)
    order = [
        *page.template_buttons.values(), page.shop_edit, page.phone_edit, page.hours_edit,
        page.address_edit, page.message_edit, page.url_edit, page.photo_combo, page.photo_button,
        page.logo_button, page.clear_pictures, page.theme_combo, page.size_combo, page.orientation_combo,
        page.pdf_button, page.print_button, page.saved_view,
    ]  # fmt: skip
    assert [w for w in reached if w in order] == order
    page.print_button.setFocus()
    qtbot.keyClick(page.print_button, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is page.pdf_button
    assert page.size_combo.accessibleName() == "Format du papier"


def test_a_refused_link_is_announced_focused_and_cleared_once_fixed(
    qtbot: QtBot, start_app, dialogs, tmp_path: Path
) -> None:
    from lbpmv_desktop.ui.accessibility import announcer

    app = _ready(qtbot, start_app)
    app.window._on_nav("poster")
    app.window.activateWindow()
    page = app.window.poster
    heard: list[str] = []
    announcer().announced.connect(heard.append)
    try:
        qtbot.keyClicks(page.url_edit, "ftp://exemple.fr")
        page.refresh_preview()
        page.refresh_preview()
        assert len([m for m in heard if "https://" in m]) == 1, "said once, not at every keystroke"
        page.pdf_button.setFocus()
        dialogs.save_path = str(tmp_path / "affiche")
        qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(page.url_edit.hasFocus, timeout=5000)  # on the field to correct
        assert len([m for m in heard if "https://" in m]) == 2, "said again when saving is refused"
        page.url_edit.clear()
        qtbot.keyClicks(page.url_edit, "https://lespetitspas.fr")
        page.refresh_preview()
        assert not page.link_note.isVisible(), "the message goes once the link is right"
        qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: any(m.startswith("✓") for m in heard), timeout=10_000)
        assert (tmp_path / "affiche.pdf").exists()
    finally:
        announcer().announced.disconnect(heard.append)


# -- photo, colours, and the fields remembered for the next poster ------------------------------------
SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "tasse-de-cafe.jpg"


def _ready_photo() -> Path:
    """A photo in « Mes photos prêtes » (in the test's own home folder)."""
    from lbpmv_desktop.paths import ready_photos_dir

    folder = ready_photos_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "tasse-instagram.jpg"
    shutil.copyfile(SAMPLE, target)
    return target


def _type(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type ``text`` as a keyboard would, accents and « € » included (QTest only types ASCII)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def test_fields_theme_size_and_photo_come_back_after_a_restart(
    qtbot: QtBot, start_app, dialogs, data_dir, monkeypatch
) -> None:
    from lbpmv_desktop.core.photo import preview as photo_preview
    from lbpmv_desktop.core.poster import memory
    from tests.helpers.app_fixtures import close_app

    def not_here(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a poster's photo is decoded in a worker process, not in the app's")

    monkeypatch.setattr(photo_preview, "picture_rgba", not_here)
    photo = _ready_photo()
    app = _ready(qtbot, start_app)
    app.window.open_poster("soldes")
    page = app.window.poster
    page.shop_edit.clear()
    _type(qtbot, page.shop_edit, "Chaussons bébé 24,90 €")
    qtbot.keyClicks(page.phone_edit, "03 80 12 34 56")
    _type(qtbot, page.hours_edit, "9 h – 19 h")
    _type(qtbot, page.address_edit, "12 rue de la République, 62400 Béthune")
    _type(qtbot, page.message_edit, "« Soldes » œuvre d’art")
    qtbot.keyClicks(page.url_edit, "www.lespetitspas.fr")
    page.theme_combo.setFocus()
    while page.theme_combo.currentData() != "noir-blanc":
        qtbot.keyClick(page.theme_combo, Qt.Key.Key_Down)
    qtbot.keyClick(page.size_combo, Qt.Key.Key_Down)
    assert page.size_combo.currentData() == "a3"
    qtbot.waitUntil(lambda: page.photo_combo.findData(str(photo)) >= 0, timeout=5000)
    assert page.photo_combo.itemText(page.photo_combo.findData(str(photo))) == "tasse-instagram.jpg"
    page.photo_combo.setFocus()
    while page.photo_combo.currentData() != str(photo):
        qtbot.keyClick(page.photo_combo, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: page._pictures is not None and page._pictures.photo is not None, timeout=30_000)
    page.refresh_preview()
    image = page.preview.pixmap().toImage()
    assert image.pixelColor(image.width() // 2, image.height() - 3).name() == "#111111", "« Noir et blanc »"
    target = app.session.paths.root / memory.FILE_NAME
    qtbot.waitUntil(
        lambda: target.exists() and str(photo) in target.read_text(encoding="utf-8"), timeout=5000
    )
    wait_idle(qtbot, app.window)
    close_app(app)

    again = start_app(data_dir)
    again.window.open_poster()
    page = again.window.poster
    qtbot.waitUntil(lambda: page.phone_edit.text() == "03 80 12 34 56", timeout=5000)
    assert page.shop_edit.text() == "Chaussons bébé 24,90 €"
    assert page.hours_edit.toPlainText() == "9 h – 19 h"
    assert page.address_edit.text() == "12 rue de la République, 62400 Béthune"
    assert page.message_edit.toPlainText() == "« Soldes » œuvre d’art"
    assert page.url_edit.text() == "www.lespetitspas.fr"
    assert page.theme_combo.currentText() == "Noir et blanc"
    assert page.size_combo.currentText() == "A3"
    assert page.poster.template == "soldes"
    assert page.photo_combo.currentData() == str(photo)
    qtbot.waitUntil(lambda: page._pictures is not None and page._pictures.photo is not None, timeout=30_000)


def test_a_damaged_photo_is_refused_in_french_and_the_poster_goes_on(
    qtbot: QtBot, start_app, dialogs
) -> None:
    from lbpmv_desktop.paths import ready_photos_dir

    folder = ready_photos_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "abimee.jpg").write_bytes(b"\xff\xd8\xff\xe0 pas une photo")
    app = _ready(qtbot, start_app)
    app.window.open_poster()
    page = app.window.poster
    qtbot.waitUntil(lambda: page.photo_combo.count() == 2, timeout=5000)
    page.photo_combo.setFocus()
    qtbot.keyClick(page.photo_combo, Qt.Key.Key_Down)
    qtbot.waitUntil(page.form_note.isVisible, timeout=30_000)
    assert page.form_note.text().startswith("Cette photo ne peut pas être utilisée :")
    assert "inattendue" not in page.form_note.text()
    assert page.photo_combo.currentIndex() == 0, "back to « Pas de photo »"
    assert page._pictures is None or page._pictures.photo is None


def test_a_look_alike_link_is_refused_right_under_its_field(qtbot: QtBot, start_app, dialogs) -> None:
    app = _ready(qtbot, start_app)
    app.window._on_nav("poster")
    page = app.window.poster
    _type(qtbot, page.url_edit, "https://p\u0430ypal.com")  # a Cyrillic « а »
    page.refresh_preview()
    assert page.link_note.isVisible()
    assert "alphabets" in page.link_note.text()
    assert not page.form_note.isVisible()
    below = page.link_note.mapTo(page, page.link_note.rect().topLeft()).y()
    field = page.url_edit.mapTo(page, page.url_edit.rect().bottomLeft()).y()
    assert 0 <= below - field < 40, "the sentence is right under the link's field"
    assert page.poster.url == "", "nothing is drawn from a refused link"
    page.url_edit.clear()
    qtbot.keyClicks(page.url_edit, "www.lespetitspas.fr/")
    page.refresh_preview()
    assert not page.link_note.isVisible()
    assert page.poster.url == "https://www.lespetitspas.fr/"


def test_a_remembered_photo_deleted_since_is_forgotten_without_a_word(
    qtbot: QtBot, start_app, dialogs, data_dir
) -> None:
    from lbpmv_desktop.core.poster import memory
    from lbpmv_desktop.core.poster.model import Poster

    memory.remember(data_dir.root / memory.FILE_NAME,
                    Poster(shop="Chez Paul", photo=str(data_dir.root / "effacee.jpg"), theme="blanc-vert"))  # fmt: skip
    app = _ready(qtbot, start_app)
    app.window.open_poster()
    page = app.window.poster
    qtbot.waitUntil(lambda: page.theme_combo.currentData() == "blanc-vert", timeout=5000)
    assert page.shop_edit.text() == "Chez Paul"
    assert page.photo_combo.currentIndex() == 0
    wait_idle(qtbot, app.window)
    assert not page.form_note.isVisible()
