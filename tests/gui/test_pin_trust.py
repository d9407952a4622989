"""The animator's PIN page: fields emptied after every refusal, a deleted or edited PIN file asks
for the recovery code (never « Créer le code »), a forgotten PIN is reset with that code."""

from __future__ import annotations

import json
import stat
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from lbpmv_desktop.core.visit.pin import MAX_FAILURES, PinLock
from tests.gui.test_merchant_flow import _complete_welcome
from tests.helpers.app_fixtures import wait_idle

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


@pytest.fixture
def merchant(qtbot: QtBot, start_app, dialogs):
    app = start_app()
    _complete_welcome(qtbot, app.window)
    return app


def _open_pin(qtbot: QtBot, app):
    window = app.window
    window.activateWindow()
    window._on_nav("visit")
    pin = window.pin_page
    qtbot.waitUntil(lambda: pin.mode != "loading", timeout=10_000)
    qtbot.waitUntil(lambda: pin.ok_button.isEnabled(), timeout=10_000)
    return pin


def _press_ok(qtbot: QtBot, pin) -> None:
    qtbot.keyClick(QApplication.focusWidget() or pin.pin_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pin.ok_button.isEnabled(), timeout=10_000)


def _create(qtbot: QtBot, app, pin_text: str = "2468") -> str:
    """Create the PIN through the page; returns the recovery code it showed."""
    pin = _open_pin(qtbot, app)
    assert pin.mode == "create"
    code = pin.code_label.text()
    qtbot.keyClicks(pin.pin_edit, pin_text)
    qtbot.keyClicks(pin.confirm_edit, pin_text)
    qtbot.keyClick(pin.confirm_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: app.window.current_page() == "visit", timeout=10_000)
    app.window.visit_page.closed.emit()
    wait_idle(qtbot, app.window)
    return code


def _lock(app) -> PinLock:
    return PinLock(app.session.paths.animator_pin, app.session.store)


def _fields_empty_and_first_focused(pin, first) -> None:
    assert pin.pin_edit.text() == ""
    assert pin.confirm_edit.text() == ""
    assert pin.recovery_edit.text() == ""
    assert first.hasFocus(), "the focus goes back to the first field"


def test_a_too_short_pin_is_emptied_and_the_next_one_saved_as_typed(qtbot: QtBot, merchant) -> None:
    pin = _open_pin(qtbot, merchant)
    assert pin.mode == "create"
    qtbot.waitUntil(pin.pin_edit.hasFocus, timeout=5000)
    qtbot.keyClicks(pin.pin_edit, "12")
    qtbot.keyClick(pin.pin_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(pin.confirm_edit, "12")
    _press_ok(qtbot, pin)
    assert pin.message.isVisible()
    assert pin.message.text() == pin.tr("The PIN is made of 4 to 12 digits.")
    _fields_empty_and_first_focused(pin, pin.pin_edit)
    qtbot.keyClicks(pin.pin_edit, "2468")
    qtbot.keyClick(pin.pin_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(pin.confirm_edit, "2468")
    qtbot.keyClick(pin.confirm_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: merchant.window.current_page() == "visit", timeout=10_000)
    now = datetime.now(UTC)
    assert _lock(merchant).check("2468", now).ok, "2468 was saved, not 122468"


def test_two_different_pins_are_emptied_with_a_reason(qtbot: QtBot, merchant) -> None:
    from lbpmv_desktop.ui.accessibility import announcer

    pin = _open_pin(qtbot, merchant)
    heard: list[str] = []
    announcer().announced.connect(heard.append)
    try:
        qtbot.keyClicks(pin.pin_edit, "1357")
        qtbot.keyClicks(pin.confirm_edit, "1358")
        pin.confirm_edit.setFocus()
        _press_ok(qtbot, pin)
    finally:
        announcer().announced.disconnect(heard.append)
    assert pin.message.text() == pin.tr("The two PINs are different: type them again.")
    assert heard == [pin.message.text()], "read by a screen reader"
    _fields_empty_and_first_focused(pin, pin.pin_edit)
    qtbot.keyClicks(pin.pin_edit, "1")
    assert pin.message.isVisible(), "the reason stays while the PIN is typed again"


def test_a_wrong_pin_is_emptied(qtbot: QtBot, merchant) -> None:
    _create(qtbot, merchant)
    pin = _open_pin(qtbot, merchant)
    assert pin.mode == "enter"
    qtbot.keyClicks(pin.pin_edit, "1111")
    _press_ok(qtbot, pin)
    assert pin.message.text() == pin.tr("Wrong PIN. Attempts left: {count}.").format(count=MAX_FAILURES - 1)
    _fields_empty_and_first_focused(pin, pin.pin_edit)


def test_deleting_the_pin_file_asks_for_the_recovery_code(qtbot: QtBot, merchant) -> None:
    code = _create(qtbot, merchant)
    merchant.session.paths.animator_pin.unlink()
    pin = _open_pin(qtbot, merchant)
    assert pin.mode == "recover", "never « Créer le code »"
    assert pin.ok_button.text() != pin.tr("Create the PIN")
    assert not pin.confirm_edit.isVisible()
    assert not pin.code_label.isVisible()
    assert pin.recovery_edit.hasFocus()
    qtbot.keyClicks(pin.recovery_edit, "ACDE-FGHJ-KLMN")
    _press_ok(qtbot, pin)
    assert pin.message.text() == pin.tr(
        "This is not the recovery code: check it in your animator's notebook."
    )
    _fields_empty_and_first_focused(pin, pin.recovery_edit)
    qtbot.keyClicks(pin.recovery_edit, code.lower())
    _press_ok(qtbot, pin)
    assert pin.mode == "reset"
    new_code = pin.code_label.text()
    assert pin.code_label.isVisible()
    assert new_code
    assert new_code != code
    qtbot.keyClicks(pin.pin_edit, "9753")
    qtbot.keyClicks(pin.confirm_edit, "9753")
    qtbot.keyClick(pin.confirm_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: merchant.window.current_page() == "visit", timeout=10_000)
    lock = _lock(merchant)
    assert lock.state().kind == "set"
    assert lock.check("9753", datetime.now(UTC)).ok
    assert lock.check_recovery(new_code)


def test_a_hash_replaced_in_the_file_is_noticed(qtbot: QtBot, merchant, tmp_path) -> None:
    _create(qtbot, merchant)
    other = PinLock(tmp_path / "other.json")
    other.set_pin("0000")
    merchant.session.paths.animator_pin.write_bytes(other.path.read_bytes())
    pin = _open_pin(qtbot, merchant)
    assert pin.mode == "recover"
    assert pin.ok_button.text() != pin.tr("Create the PIN")


def test_resetting_failures_in_the_file_does_not_give_more_tries(qtbot: QtBot, merchant) -> None:
    _create(qtbot, merchant)
    path = merchant.session.paths.animator_pin
    pin = _open_pin(qtbot, merchant)
    for _ in range(MAX_FAILURES):
        qtbot.keyClicks(pin.pin_edit, "1111")
        _press_ok(qtbot, pin)
        record = json.loads(path.read_text(encoding="utf-8"))
        record["failures"], record["locked_until"] = 0, None
        path.write_text(json.dumps(record), encoding="utf-8")
    assert "{time}" not in pin.message.text()
    assert pin.message.text().startswith(pin.tr("Too many wrong PINs: try again at {time}.").split("{")[0])
    qtbot.keyClicks(pin.pin_edit, "2468")
    _press_ok(qtbot, pin)
    assert merchant.window.current_page() == "pin", "even the right PIN waits for the end of the lock-out"


def test_a_forgotten_pin_is_reset_with_the_recovery_code(qtbot: QtBot, merchant) -> None:
    code = _create(qtbot, merchant)
    pin = _open_pin(qtbot, merchant)
    for _ in range(MAX_FAILURES):  # forgotten, and now locked out
        qtbot.keyClicks(pin.pin_edit, "1111")
        _press_ok(qtbot, pin)
    assert pin.forgot_button.isVisible()
    pin.forgot_button.setFocus()
    qtbot.keyClick(pin.forgot_button, Qt.Key.Key_Space)
    assert pin.mode == "recover"
    assert pin.recovery_edit.hasFocus()
    qtbot.keyClicks(pin.recovery_edit, code)
    _press_ok(qtbot, pin)
    assert pin.mode == "reset"
    assert pin.pin_edit.hasFocus()
    qtbot.keyClicks(pin.pin_edit, "8642")
    qtbot.keyClicks(pin.confirm_edit, "8642")
    qtbot.keyClick(pin.confirm_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: merchant.window.current_page() == "visit", timeout=10_000)
    lock = _lock(merchant)
    assert lock.state().failures == 0
    assert not lock.check("2468", datetime.now(UTC)).ok, "the old PIN is gone"
    assert not lock.check_recovery(code), "the old recovery code is spent"


def test_the_recovery_code_is_shown_once_and_not_on_the_merchants_visit_sheet(qtbot: QtBot, merchant) -> None:
    code = _create(qtbot, merchant)
    assert len(code.replace("-", "")) == 12
    pin = _open_pin(qtbot, merchant)
    assert pin.mode == "enter"
    assert not pin.code_label.isVisible()
    assert code not in pin.code_label.text()
    qtbot.keyClicks(pin.pin_edit, "2468")
    _press_ok(qtbot, pin)
    qtbot.waitUntil(lambda: merchant.window.current_page() == "visit", timeout=10_000)
    sheet = " ".join(text for _role, text in merchant.window.visit_page.sheet_lines())
    assert code not in sheet
    assert code.replace("-", "") not in sheet


def test_accented_text_in_the_recovery_field_is_refused_in_words(qtbot: QtBot, merchant) -> None:
    _create(qtbot, merchant)
    merchant.session.paths.animator_pin.unlink()
    pin = _open_pin(qtbot, merchant)
    pin.recovery_edit.insert("Chaussons bébé 24,90 €")  # QTest types ASCII only
    assert pin.recovery_edit.text() == "Chaussons bébé 24,90 €"
    _press_ok(qtbot, pin)
    assert pin.message.text() == pin.tr("A recovery code has 12 letters and digits, like ACDE-FGHJ-KLMN.")
    _fields_empty_and_first_focused(pin, pin.recovery_edit)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_pin_file_made_by_the_page_is_private(qtbot: QtBot, merchant) -> None:
    _create(qtbot, merchant)
    assert stat.S_IMODE(merchant.session.paths.animator_pin.stat().st_mode) == 0o600


def _screen_problems(window) -> list[str]:
    from lbpmv_desktop.ui import checks

    focused = QApplication.focusWidget()
    found = (
        checks.layout_problems(window)
        + checks.accessibility_problems(window)
        + checks.focus_problems(window)
        + checks.tab_problems(window)
    )
    if focused is not None:
        focused.setFocus()
    return found


def test_every_pin_form_fits_1024x768_at_200_percent_by_keyboard(qtbot: QtBot, merchant) -> None:
    from dataclasses import replace

    from lbpmv_desktop.selftest import window_size

    code = _create(qtbot, merchant)
    window = merchant.window
    merchant.session.update_settings(replace(merchant.session.settings, text_scale=200))
    window.resize(*window_size((1024, 768)))
    wait_idle(qtbot, window)
    pin = _open_pin(qtbot, merchant)
    for _ in range(MAX_FAILURES):  # the longest message: locked out
        qtbot.keyClicks(pin.pin_edit, "1111")
        _press_ok(qtbot, pin)
    assert pin.mode == "enter"
    assert _screen_problems(window) == []
    qtbot.keyClick(pin.pin_edit, Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is pin.forgot_button, "PIN, Back, PIN forgotten?"
    qtbot.keyClick(pin.forgot_button, Qt.Key.Key_Space)
    assert pin.mode == "recover"
    pin.recovery_edit.insert("é")
    _press_ok(qtbot, pin)
    assert pin.message.isVisible()
    assert _screen_problems(window) == []
    qtbot.keyClicks(pin.recovery_edit, code)
    _press_ok(qtbot, pin)
    assert pin.mode == "reset"
    qtbot.waitUntil(lambda: pin.code_label.isVisible(), timeout=5000)
    assert _screen_problems(window) == []


def test_a_pin_made_before_recovery_codes_gets_one_shown_once(qtbot: QtBot, merchant) -> None:
    from lbpmv_desktop.core.visit.pin import hash_pin

    path = merchant.session.paths.animator_pin
    path.write_text(json.dumps({"hash": hash_pin("2468"), "failures": 0, "locked_until": None}), "utf-8")
    pin = _open_pin(qtbot, merchant)
    assert pin.mode == "enter"
    assert not pin.forgot_button.isVisible(), "no recovery code to type yet"
    qtbot.keyClicks(pin.pin_edit, "2468")
    _press_ok(qtbot, pin)
    assert pin.mode == "add-code"
    code = pin.code_label.text()
    assert pin.code_label.isVisible()
    assert pin.ok_button.hasFocus()
    qtbot.keyClick(pin.ok_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: merchant.window.current_page() == "visit", timeout=10_000)
    assert pin.code_label.text() == ""
    path.unlink()
    assert _lock(merchant).check_recovery(code)


def test_letters_and_accents_in_the_pin_are_refused_and_emptied(qtbot: QtBot, merchant) -> None:
    pin = _open_pin(qtbot, merchant)
    pin.pin_edit.insert("bébé24€")  # QTest types ASCII only
    pin.confirm_edit.insert("bébé24€")
    assert pin.pin_edit.text() == "bébé24€"
    _press_ok(qtbot, pin)
    assert pin.message.text() == pin.tr("The PIN is made of 4 to 12 digits.")
    _fields_empty_and_first_focused(pin, pin.pin_edit)
    assert pin.mode == "create", "nothing was saved"
