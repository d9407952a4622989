"""What the merchant is told about sharing and erasing is true (issue 11), through the real widgets."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from lbpmv_desktop.core.progress import events as ev
from lbpmv_desktop.core.progress.bundle import read_bundle
from lbpmv_desktop.core.progress.sharing import share_content
from tests.gui.test_merchant_flow import _complete_welcome
from tests.helpers.app_fixtures import close_app, wait_idle

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

NOTE = "Très motivée, chaussons bébé 24,90 €"


def _read(data: bytes):
    """A progress file as the animator's app reads it (``now`` a little after it was written)."""
    try:
        return read_bundle(data, now=datetime.now(UTC) + timedelta(minutes=1))
    except TypeError:  # before helper B's ``now``
        return read_bundle(data)


class Previews:
    """Drives the real SharePreviewDialog: ticks or unticks the notes box, then confirms."""

    def __init__(self) -> None:
        self.tick: bool | None = None
        self.confirm = True
        self.shown: list[list[str]] = []  # the lines shown, after the choice
        self.texts: list[list[str]] = []  # every label of the dialog


@pytest.fixture
def previews(qtbot: QtBot, monkeypatch) -> Previews:
    from lbpmv_desktop.ui.progress import sharing_actions

    answers = Previews()

    def ask(cls, parent, preview, confirm, *, closing_only=False):
        dialog = cls(parent, preview, confirm, closing_only=closing_only)
        qtbot.addWidget(dialog)
        dialog.show()
        if answers.tick is not None and dialog.notes_check.isChecked() != answers.tick:
            dialog.notes_check.setFocus()
            qtbot.keyClick(dialog.notes_check, Qt.Key.Key_Space)
            assert dialog.notes_check.isChecked() == answers.tick
        answers.shown.append([label.text().removeprefix("• ") for label in dialog.line_labels])
        answers.texts.append([label.text() for label in dialog.findChildren(QLabel)])
        if not answers.confirm:
            dialog.reject()
            return None
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
        return dialog.include_notes

    monkeypatch.setattr(sharing_actions.SharePreviewDialog, "ask", classmethod(ask))
    return answers


@pytest.fixture
def merchant(qtbot: QtBot, start_app, dialogs, previews):
    app = start_app()
    _complete_welcome(qtbot, app.window)
    qtbot.waitUntil(lambda: bool(app.session.sharing.code), timeout=10_000)
    session = app.session
    session.record(lambda d: ev.new_event(ev.VISIT_NOTE, d, data={"type": "note", "text": NOTE}))
    session.record(lambda d: ev.new_event(ev.DIAGNOSTIC_DONE, d, data={"answers": {}, "profile": ""}))
    session.ask_help("retoucher-photo", "importer", "Je ne trouve pas le bouton")
    wait_idle(qtbot, app.window)
    return app


@pytest.fixture
def folder(tmp_path: Path, monkeypatch, merchant) -> Path:
    from lbpmv_desktop.ui.studio import dialogs as file_dialogs

    chosen = tmp_path / "Clé USB"
    chosen.mkdir()
    monkeypatch.setattr(file_dialogs, "ask_folder", lambda *_a: chosen)
    return chosen


def _send(qtbot: QtBot, app, dialogs, target: Path) -> Path:
    window = app.window
    window.show_page("settings")
    dialogs.save_path = str(target)
    with qtbot.waitSignal(app.session.sharing.shared, timeout=10_000):
        qtbot.mouseClick(window.settings.send_button, Qt.MouseButton.LeftButton)
    return target.with_suffix(".lbpmv")


def _share_in_folder(qtbot: QtBot, app, folder: Path) -> Path:
    window = app.window
    window.show_page("settings")
    qtbot.mouseClick(window.settings.folder_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(list(folder.glob("*.lbpmv"))) == 1, timeout=10_000)
    wait_idle(qtbot, window)
    [written] = folder.glob("*.lbpmv")
    return written


# -- the preview is the file -------------------------------------------------------------------
def test_the_preview_lists_exactly_what_the_file_holds_without_the_notes_by_default(
    qtbot: QtBot, merchant, dialogs, previews, tmp_path: Path
) -> None:
    written = _send(qtbot, merchant, dialogs, tmp_path / "sans-notes")
    bundle = _read(written.read_bytes())
    store, catalogue = merchant.session.store, merchant.session.catalogue
    content = share_content(store, catalogue, include_visit_notes=False)
    assert previews.shown[0] == content.lines
    assert [e.id for e in bundle.events] == [e.id for e in content.events]
    assert not any(e.kind == ev.VISIT_NOTE for e in bundle.events), "the notes go only when ticked"
    assert any(e.kind == ev.DIAGNOSTIC_DONE for e in bundle.events)
    shown = " ".join(previews.shown[0])
    assert f"En tout : {len(bundle.events)} événements" in shown
    assert "Diagnostic" in shown
    assert "Je ne trouve pas le bouton" in shown
    assert NOTE not in shown
    every_text = " ".join(previews.texts[0]).lower()
    assert "rien d'autre" not in every_text  # the old preview said so while the file held the whole log


def test_ticking_the_notes_changes_both_the_preview_and_the_file_and_is_remembered(
    qtbot: QtBot, merchant, start_app, dialogs, previews, tmp_path: Path
) -> None:
    previews.tick = True
    written = _send(qtbot, merchant, dialogs, tmp_path / "avec-notes")
    bundle = _read(written.read_bytes())
    assert NOTE in " ".join(previews.shown[0])
    notes = [e for e in bundle.events if e.kind == ev.VISIT_NOTE]
    assert [e.data["text"] for e in notes] == [NOTE]
    content = share_content(merchant.session.store, merchant.session.catalogue, include_visit_notes=True)
    assert previews.shown[0] == content.lines
    assert merchant.session.sharing.include_visit_notes
    wait_idle(qtbot, merchant.window)
    close_app(merchant)
    again = start_app()
    qtbot.waitUntil(lambda: again.session.sharing.include_visit_notes, timeout=10_000)


def test_cancelling_the_preview_writes_nothing_and_keeps_the_choice(
    qtbot: QtBot, merchant, dialogs, previews, tmp_path: Path
) -> None:
    previews.tick, previews.confirm = True, False
    window = merchant.window
    window.show_page("settings")
    dialogs.save_path = str(tmp_path / "jamais")
    qtbot.mouseClick(window.settings.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(previews.shown) == 1, timeout=10_000)
    wait_idle(qtbot, window)
    assert not (tmp_path / "jamais.lbpmv").exists()
    assert not merchant.session.sharing.include_visit_notes


def test_the_sharing_folder_follows_the_notes_choice(qtbot: QtBot, merchant, previews, folder: Path) -> None:
    written = _share_in_folder(qtbot, merchant, folder)
    assert not any(e.kind == ev.VISIT_NOTE for e in _read(written.read_bytes()).events)
    previews.tick = True
    qtbot.mouseClick(merchant.window.settings.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any(e.kind == ev.VISIT_NOTE for e in _read(written.read_bytes()).events), timeout=10_000
    )
    assert NOTE in " ".join(previews.shown[-1])


def test_choosing_another_folder_leaves_a_stopped_notice_in_the_old_one(
    qtbot: QtBot, merchant, previews, folder: Path, tmp_path: Path, monkeypatch
) -> None:
    from lbpmv_desktop.ui.studio import dialogs as file_dialogs

    old = _share_in_folder(qtbot, merchant, folder)
    other = tmp_path / "Nextcloud"
    other.mkdir()
    monkeypatch.setattr(file_dialogs, "ask_folder", lambda *_a: other)
    previews.tick = True  # and the notes go in the new folder's file only
    qtbot.mouseClick(merchant.window.settings.folder_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(list(other.glob("*.lbpmv"))) == 1, timeout=10_000)
    wait_idle(qtbot, merchant.window)
    assert _read(old.read_bytes()).sharing == "stopped"
    assert _read(old.read_bytes()).events == []
    [new] = other.glob("*.lbpmv")
    assert any(e.kind == ev.VISIT_NOTE for e in _read(new.read_bytes()).events)


# -- « Arrêter le partage » --------------------------------------------------------------------
def test_stopping_replaces_the_file_by_a_signed_notice_and_the_home_stops_saying_shared(
    qtbot: QtBot, merchant, folder: Path
) -> None:
    window = merchant.window
    written = _share_in_folder(qtbot, merchant, folder)
    assert "Partagé avec Lea" in window.home.share_label.text()
    qtbot.mouseClick(window.settings.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _read(written.read_bytes()).sharing == "stopped", timeout=10_000)
    notice = _read(written.read_bytes())
    assert notice.events == []
    assert [p.name for p in folder.iterdir()] == [written.name]  # atomic: no temporary file left
    assert "Partagé" not in window.home.share_label.text()
    assert "arrêté" in window.settings.folder_label.text()
    qtbot.waitUntil(lambda: "aucun de vos progrès" in window.settings.share_note.text(), timeout=10_000)
    assert window.settings.stop_button.text() == "Reprendre le partage"
    # nothing more is written while stopped
    qtbot.mouseClick(window.home.continue_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.tutorial.done_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert _read(written.read_bytes()).sharing == "stopped"
    # and sharing again writes the full file
    window.show_page("settings")
    qtbot.mouseClick(window.settings.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _read(written.read_bytes()).sharing == "active", timeout=10_000)
    qtbot.waitUntil(lambda: "Partagé avec Lea" in window.home.share_label.text(), timeout=10_000)


def test_after_a_restart_a_stopped_sharing_is_still_not_called_shared(
    qtbot: QtBot, merchant, start_app, folder: Path
) -> None:
    window = merchant.window
    written = _share_in_folder(qtbot, merchant, folder)
    qtbot.mouseClick(window.settings.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _read(written.read_bytes()).sharing == "stopped", timeout=10_000)
    wait_idle(qtbot, window)
    close_app(merchant)
    again = start_app()
    qtbot.waitUntil(lambda: again.window.current_page() == "home", timeout=10_000)
    wait_idle(qtbot, again.window)
    assert "Rien n'est partagé avec Lea" in again.window.home.share_label.text()
    again.window.show_page("settings")
    assert "arrêté" in again.window.settings.folder_label.text()


def test_a_stop_whose_notice_cannot_be_written_is_said_and_tried_again(
    qtbot: QtBot, merchant, folder: Path
) -> None:
    window = merchant.window
    written = _share_in_folder(qtbot, merchant, folder)
    merchant.session.sharing._retry.setInterval(50)
    shutil.rmtree(folder)  # the USB key was taken out
    qtbot.mouseClick(window.settings.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "peut encore voir" in window.settings.share_note.text(), timeout=10_000)
    assert "Partagé" not in window.home.share_label.text()
    folder.mkdir()  # plugged in again
    qtbot.waitUntil(lambda: written.exists(), timeout=10_000)
    assert _read(written.read_bytes()).sharing == "stopped"


# -- « Effacer toutes mes données » ------------------------------------------------------------
def test_erasing_says_what_stays_and_leaves_an_erased_notice_and_a_new_code(
    qtbot: QtBot, merchant, folder: Path, monkeypatch, data_dir
) -> None:
    from lbpmv_desktop.ui.settings import settings_page

    window = merchant.window
    written = _share_in_folder(qtbot, merchant, folder)
    data_dir.photo_library.mkdir(exist_ok=True)
    (data_dir.photo_library / "chaussons bébé.jpg").write_bytes(b"copy")
    old_code = merchant.session.sharing.code
    asked: list[str] = []
    monkeypatch.setattr(
        settings_page.EraseDialog,
        "ask",
        classmethod(lambda cls, _p, _t, text, *_a, **_k: asked.append(text) or True),
    )
    qtbot.mouseClick(window.settings.erase_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() == "welcome", timeout=10_000)
    [text] = asked
    assert "« Mes photos prêtes »" in text
    assert "« Mes affiches »" in text
    assert "code de vérification changera" in text
    assert "avis disant que vos données sont effacées" in text
    notice = _read(written.read_bytes())
    assert notice.sharing == "erased"
    assert notice.events == []
    assert not data_dir.photo_library.exists()
    qtbot.waitUntil(lambda: bool(merchant.session.sharing.code), timeout=10_000)
    assert merchant.session.sharing.code != old_code
    assert window.settings.code_label.text() == merchant.session.sharing.code
    assert "Partagé" not in window.home.share_label.text()


def test_erasing_with_the_sharing_folder_gone_warns_before(
    qtbot: QtBot, merchant, folder: Path, monkeypatch
) -> None:
    from lbpmv_desktop.ui.settings import settings_page

    _share_in_folder(qtbot, merchant, folder)
    shutil.rmtree(folder)
    asked: list[str] = []
    monkeypatch.setattr(
        settings_page.EraseDialog,
        "ask",
        classmethod(lambda cls, _p, _t, text, *_a, **_k: asked.append(text) or False),
    )
    qtbot.mouseClick(merchant.window.settings.erase_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    assert "votre animateur verrait encore vos progrès" in asked[0]
    assert not merchant.session.status.first_start  # cancelled: nothing erased


def test_erasing_with_the_sharing_folder_gone_says_the_notice_is_missing(
    qtbot: QtBot, merchant, folder: Path, monkeypatch
) -> None:
    from lbpmv_desktop.ui.settings import settings_page

    _share_in_folder(qtbot, merchant, folder)
    shutil.rmtree(folder)
    monkeypatch.setattr(settings_page.EraseDialog, "ask", classmethod(lambda cls, *_a, **_k: True))
    with qtbot.waitSignal(merchant.session.failed, timeout=10_000) as said:
        qtbot.mouseClick(merchant.window.settings.erase_button, Qt.MouseButton.LeftButton)
    assert said.args
    assert "animateur" in said.args[0]
    qtbot.waitUntil(lambda: merchant.window.current_page() == "welcome", timeout=10_000)


# -- the dialogs on a small screen with large text ----------------------------------------------
@pytest.mark.parametrize("kind", ["preview", "erase"])
def test_the_dialogs_fit_1024x768_at_200_percent(qtbot: QtBot, merchant, kind: str) -> None:
    from dataclasses import replace

    from lbpmv_desktop.ui import checks
    from lbpmv_desktop.ui.progress.sharing_actions import SharePreviewDialog
    from lbpmv_desktop.ui.settings.settings_page import EraseDialog
    from lbpmv_desktop.ui.sharing import SharePreview

    session, window = merchant.session, merchant.window
    session.update_settings(replace(session.settings, text_scale=200))
    window.resize(1024, 768)
    window.show_page("settings")
    if kind == "preview":
        content = share_content(session.store, session.catalogue, include_visit_notes=True)
        bare = share_content(session.store, session.catalogue, include_visit_notes=False)
        dialog = SharePreviewDialog(
            window, SharePreview(tuple(content.lines), tuple(bare.lines), False), "Partager dans ce dossier"
        )
    else:
        page = window.settings
        dialog = EraseDialog(
            window,
            page.tr("Erase all my data?"),
            page.erase_text(True),
            page.tr("Yes, erase everything"),
            danger=True,
        )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(min(dialog.width(), 1000), min(dialog.height(), 740))
    qtbot.waitExposed(dialog)
    wait_idle(qtbot, window)
    qtbot.wait(50)  # let the scroll page settle its height (no assertion depends on time)
    assert dialog.height() <= 768
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    problems = checks.screen_problems(dialog)
    assert problems == [], "\n".join(problems)
