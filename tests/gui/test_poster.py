"""The poster maker, driven through its real widgets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pypdf import PdfReader
from PySide6.QtCore import Qt

from tests.gui.test_merchant_flow import _complete_welcome
from tests.helpers.app_fixtures import wait_idle

if TYPE_CHECKING:
    from pathlib import Path

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
