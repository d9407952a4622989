"""The animator's PIN cannot be reset by deleting or editing its file; a forgotten PIN is reset
with the recovery code; the file is private to the user account."""

from __future__ import annotations

import json
import os
import stat
import sys
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from lbpmv_desktop.core.visit import pin as pin_module
from lbpmv_desktop.core.visit.pin import (
    MAX_FAILURES,
    META_KEY,
    RECOVERY_ALPHABET,
    PinAlreadySet,
    PinLock,
    new_recovery_code,
    normal_recovery_code,
    valid_pin,
)

if TYPE_CHECKING:
    from pathlib import Path

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


class MetaStore:
    """The meta table of a store, as the PIN uses it."""

    def __init__(self) -> None:
        self.meta: dict[str, str] = {}

    def get_meta(self, key: str) -> str | None:
        return self.meta.get(key)

    def set_meta(self, key: str, value: str) -> None:
        self.meta[key] = value


@pytest.fixture
def store() -> MetaStore:
    return MetaStore()


@pytest.fixture
def lock(tmp_path: Path, store: MetaStore) -> PinLock:
    return PinLock(tmp_path / "animator-pin.json", store)


def _wrong(lock: PinLock, times: int, now: datetime = NOW) -> None:
    for _ in range(times):
        assert not lock.check("0000", now).ok


def _edit(lock: PinLock, **changes: object) -> None:
    data = json.loads(lock.path.read_text(encoding="utf-8"))
    data.update(changes)
    lock.path.write_text(json.dumps(data), encoding="utf-8")


def test_a_new_pin_is_typed_afterwards_and_its_recovery_code_is_shown_once(lock: PinLock) -> None:
    assert lock.state(NOW).kind == "none"
    code = lock.set_pin("2468")
    assert normal_recovery_code(code) is not None
    assert lock.state(NOW).kind == "set"
    assert lock.check("2468", NOW).ok
    stored = lock.path.read_text(encoding="utf-8") + json.dumps(lock.store.meta)  # type: ignore[union-attr]
    assert code not in stored
    assert code.replace("-", "") not in stored, "only a slow hash of the code is kept"
    assert "2468" not in stored


def test_deleting_the_pin_file_does_not_offer_a_new_pin(lock: PinLock) -> None:
    lock.set_pin("2468")
    lock.path.unlink()
    state = lock.state(NOW)
    assert state.kind == "tampered", "the store knows a PIN was set"
    assert lock.is_set
    with pytest.raises(PinAlreadySet):
        lock.set_pin("1111")
    result = lock.check("2468", NOW)
    assert not result.ok
    assert result.tampered, "even the right PIN does not open a deleted record: the recovery code does"


def test_replacing_the_hash_in_the_file_is_noticed(lock: PinLock, tmp_path: Path) -> None:
    lock.set_pin("2468")
    other = PinLock(tmp_path / "other.json")
    other.set_pin("1111")
    theirs = json.loads(other.path.read_text(encoding="utf-8"))
    _edit(lock, hash=theirs["hash"], recovery=theirs["recovery"])
    assert lock.state(NOW).kind == "tampered"
    assert not lock.check("1111", NOW).ok, "a hash written in the file never opens the space"


def test_garbage_in_the_file_is_noticed(lock: PinLock) -> None:
    lock.set_pin("2468")
    lock.path.write_text("{not json", encoding="utf-8")
    assert lock.state(NOW).kind == "tampered"


def test_resetting_failures_in_the_file_gives_no_new_tries(lock: PinLock) -> None:
    lock.set_pin("2468")
    _wrong(lock, MAX_FAILURES - 1)
    _edit(lock, failures=0, locked_until=None)
    result = lock.check("0000", NOW)
    assert result.locked_until is not None, "the fifth wrong PIN locks, whatever the file says"
    _edit(lock, failures=0, locked_until=None)
    result = lock.check("2468", NOW + timedelta(minutes=1))
    assert not result.ok
    assert result.locked_until == NOW + timedelta(minutes=5), "still locked"


def test_failures_never_go_down_when_a_lock_out_ends(lock: PinLock) -> None:
    lock.set_pin("2468")
    _wrong(lock, MAX_FAILURES)
    later = NOW + timedelta(minutes=6)
    result = lock.check("0000", later)
    assert result.locked_until == later + timedelta(minutes=10), "each new wrong PIN locks twice as long"
    assert lock.state(later).failures == MAX_FAILURES + 1
    assert lock.check("2468", later + timedelta(minutes=11)).ok
    assert lock.state(later).failures == 0, "the right PIN starts again from zero"


def test_an_attempt_is_counted_before_its_slow_hash(lock: PinLock, monkeypatch: pytest.MonkeyPatch) -> None:
    lock.set_pin("2468")

    def stopped(_secret: str, _stored: str) -> bool:
        raise KeyboardInterrupt  # the app stopped in the middle of the check

    monkeypatch.setattr(pin_module, "_matches", stopped)
    with pytest.raises(KeyboardInterrupt):
        lock.check("0000", NOW)
    assert lock.state(NOW).failures == 1


def test_an_old_copy_of_the_store_or_the_file_keeps_the_higher_count(lock: PinLock, store: MetaStore) -> None:
    lock.set_pin("2468")
    before = dict(store.meta)
    _wrong(lock, 3)
    store.meta = before  # the store's trace taken back: the file still counts
    assert lock.state(NOW).failures == 3


def test_the_recovery_code_resets_a_forgotten_pin(lock: PinLock) -> None:
    code = lock.set_pin("2468")
    _wrong(lock, MAX_FAILURES + 2)
    assert lock.state(NOW).locked_until is not None
    assert lock.reset("ACDE-FGHJ-KLMN", "1357") is None, "a wrong code changes nothing"
    assert lock.state(NOW).kind == "set"
    typed = code.lower().replace("-", " ")  # as written by hand
    new_code = lock.reset(typed, "1357")
    assert new_code is not None
    assert new_code != code
    state = lock.state(NOW)
    assert (state.kind, state.failures, state.locked_until) == ("set", 0, None)
    assert lock.check("1357", NOW).ok
    assert not lock.check_recovery(code), "the old code is spent"
    assert lock.check_recovery(new_code)


def test_the_recovery_code_opens_a_deleted_record(lock: PinLock) -> None:
    code = lock.set_pin("2468")
    lock.path.unlink()
    assert lock.check_recovery(code), "the store's copy of the code's hash is used"
    assert lock.reset(code, "9753") is not None
    assert lock.state(NOW).kind == "set"
    assert lock.check("9753", NOW).ok


def test_a_record_made_before_the_store_knew_is_adopted(tmp_path: Path, store: MetaStore) -> None:
    path = tmp_path / "animator-pin.json"
    PinLock(path).set_pin("2468")  # no store yet
    lock = PinLock(path, store)
    assert lock.state(NOW).kind == "set"
    assert META_KEY in store.meta, "from now on the store knows"
    path.unlink()
    assert lock.state(NOW).kind == "tampered"


def test_recovery_codes_are_grouped_and_unambiguous() -> None:
    codes = {new_recovery_code() for _ in range(50)}
    assert len(codes) == 50
    for code in codes:
        groups = code.split("-")
        assert [len(g) for g in groups] == [4, 4, 4]
        assert set("".join(groups)) <= set(RECOVERY_ALPHABET)
    assert not set("IO01B8S5Z2") & set(RECOVERY_ALPHABET)
    assert normal_recovery_code("abcd efgh jkl") is None
    assert normal_recovery_code("ABCD-EFGH-JKLé") is None


def test_pins_are_ascii_digits_only() -> None:
    assert valid_pin("2468")
    assert not valid_pin("246")
    assert not valid_pin("٢٤٦٨"), "Arabic-Indic digits pass str.isdigit but cannot be typed back"
    assert not valid_pin("24 68")


def test_hostile_values_in_the_file_are_survived(lock: PinLock) -> None:
    lock.set_pin("2468")
    _edit(lock, failures="many", locked_until="9999-12-31T23:59:59")
    assert lock.state(NOW).kind == "set"
    assert lock.check("2468", NOW).ok
    _edit(lock, failures=10**12, locked_until=12)
    state = lock.state(NOW)
    assert state.kind == "set"
    assert state.failures <= 10_000
    result = lock.check("0000", NOW)
    assert result.locked_until is not None
    assert result.locked_until - NOW <= timedelta(hours=24)


def test_a_fifo_in_place_of_the_file_does_not_block(lock: PinLock) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    lock.set_pin("2468")
    lock.path.unlink()
    os.mkfifo(lock.path)
    assert lock.state(NOW).kind == "tampered"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_pin_file_is_private(lock: PinLock) -> None:
    lock.set_pin("2468")
    assert stat.S_IMODE(lock.path.stat().st_mode) == 0o600
    lock.check("0000", NOW)
    assert stat.S_IMODE(lock.path.stat().st_mode) == 0o600


def test_the_real_store_keeps_the_trace(tmp_path: Path) -> None:
    from lbpmv_desktop.core.progress.store import ProgressStore

    store = ProgressStore.open(tmp_path / "progress.sqlite")
    try:
        lock = PinLock(tmp_path / "animator-pin.json", store)
        code = lock.set_pin("2468")
        lock.path.unlink()
        again = PinLock(tmp_path / "animator-pin.json", store)
        assert again.state(NOW).kind == "tampered"
        assert again.reset(code, "1357") is not None
    finally:
        store.close()


def test_a_pin_made_before_recovery_codes_gets_one(tmp_path: Path, store: MetaStore) -> None:
    from lbpmv_desktop.core.visit.pin import hash_pin

    path = tmp_path / "animator-pin.json"
    path.write_text(json.dumps({"hash": hash_pin("2468"), "failures": 0, "locked_until": None}), "utf-8")
    lock = PinLock(path, store)
    state = lock.state(NOW)
    assert (state.kind, state.has_recovery) == ("set", False)
    code = new_recovery_code()
    assert not lock.add_recovery("1111", code, NOW), "only with the right PIN"
    assert lock.state(NOW).failures == 1, "and a wrong one counts"
    assert lock.add_recovery("2468", code, NOW)
    assert lock.state(NOW).has_recovery
    path.unlink()
    assert lock.reset(code, "1357") is not None
