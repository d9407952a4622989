"""The animator's dashboard, its watched folder and its PDF report trust nothing they read."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, Qt, QTranslator
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from lbpmv_desktop import i18n
from lbpmv_desktop.core.progress import events as ev
from lbpmv_desktop.core.progress.store import ProgressStore
from lbpmv_desktop.paths import DataPaths, tutorials_dir
from tests.helpers.stores import merchant_store

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

HOSTILE_DATES = [
    "9999-12-31T23:59:59-12:00",
    "0001-01-01T00:00:00+14:00",
    "2099-01-01T00:00:00+00:00",
    "1970-01-01T00:00:00+00:00",
    "hier soir",
]
HIDDEN = ("\u202e", "\u2066", "\x1b", "\x00", "\u200b")


def _add_shop(database: Path, shop_id: str, name: Any, summary: Any, **columns: Any) -> None:
    """A row written straight into the shops table, as a damaged or edited database holds it."""
    values = {
        "shop_id": shop_id,
        "name": name,
        "public_key": "AAAA",
        "code": "ABCD-EFGH",
        "trusted_at": "2026-01-01T00:00:00+00:00",
        "summary": summary if isinstance(summary, str) else json.dumps(summary),
        **columns,
    }
    with sqlite3.connect(database) as connection:
        connection.execute(
            f"INSERT INTO shops ({', '.join(values)}) VALUES ({', '.join('?' for _ in values)})",
            tuple(values.values()),
        )
    connection.close()


def _add_event(database: Path, shop: str, number: int, at: str, data: str = "{}") -> None:
    with sqlite3.connect(database) as connection:
        connection.execute(
            "INSERT INTO events (uuid, kind, at, device, tutorial, step, data, shop) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                f"00000000-0000-0000-0000-{number:012d}",
                "help-asked",
                at,
                "d",
                "photos-produits",
                "x",
                data,
                shop,
            ),
        )
    connection.close()


def _hostile_database(database: Path) -> int:
    """Shops whose stored values are every kind of wrong; returns how many shops."""
    ProgressStore.open(database).close()
    summaries: list[Any] = [
        "{",
        "[" * 50_000,
        "[]",
        '"texte"',
        "1e400",
        {"steps_done": "beaucoup", "help": "x", "current": 5, "confidence": 1e308, "animator": 7},
        {"steps_done": 10**400, "tutorials_done": -3, "photos": True, "help_open": 2**70, "events": 1.5},
        {
            "help": [None, 5, {"id": 3}, {"id": "h", "tutorial": ["x"], "step": {}, "comment": 9}],
            "help_open": 1,
        },
        {"current": {"tutorial": None}, "last_activity": 12, "confidence": "5"},
        *({"last_activity": date, "help_open": 0} for date in HOSTILE_DATES),
        {
            "animator": "Léa\u2066\x1b[2J",
            "help_open": 1,
            "help": [{"id": "h1", "tutorial": "t", "step": "s", "comment": "Au\u202esecours\x00"}],
        },
    ]
    for number, summary in enumerate(summaries):
        shop = f"shop-{number:02d}"
        date = HOSTILE_DATES[number % len(HOSTILE_DATES)]
        _add_shop(
            database, shop, f"Commerce\u202e {number}\u200b", summary, last_file_at=date, received_at=date
        )
        _add_event(database, shop, number, date, json.dumps({"comment": "Piège\u202e\x1b[31m"}))
    _add_shop(database, "shop-blob", b"\xff\xfe", {}, last_file_at=b"\x00", sharing="=cmd", sharing_at=7)
    return len(summaries) + 1


@pytest.fixture
def animator_page(qtbot: QtBot, tmp_path: Path) -> Iterator[Any]:
    """A dashboard on a real session, its store filled by the test before it starts."""
    from lbpmv_desktop.ui.animator.controller import AnimatorController
    from lbpmv_desktop.ui.animator.dashboard_page import DashboardPage
    from lbpmv_desktop.ui.session import AppSession

    data = DataPaths(tmp_path / "animateur").ensure()
    started: list[AppSession] = []
    translator = QTranslator()  # the French the app shows
    qm = i18n.compiled("fr", tmp_path)
    assert qm is not None
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)

    def start() -> DashboardPage:
        session = AppSession(data, tutorials_dir())
        started.append(session)
        session.start()
        qtbot.waitUntil(lambda: session.store is not None, timeout=10_000)
        controller = AnimatorController(session)
        page = DashboardPage(session, controller)
        qtbot.addWidget(page)
        page.resize(1024, 768)
        page.show()
        controller.load()
        return page

    start.data = data  # type: ignore[attr-defined]
    yield start
    for session in started:
        session.shutdown()
    QCoreApplication.removeTranslator(translator)


def _idle(qtbot: QtBot, page: Any) -> None:
    session = page._session
    qtbot.waitUntil(lambda: session.tasks.pending == 0 and session.maintenance.pending == 0, timeout=10_000)


def _texts(page: Any) -> list[str]:
    model = page.proxy
    return [
        str(model.data(model.index(row, column)))
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    ]


def test_no_stored_value_crashes_the_dashboard(qtbot: QtBot, animator_page) -> None:
    count = _hostile_database(animator_page.data.database)
    page = animator_page()
    qtbot.waitUntil(lambda: page.model.rowCount() == count, timeout=10_000)
    assert not page.grab().isNull()
    for column in range(page.model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            page.table.sortByColumn(column, order)
            assert not page.grab().isNull()
    for role in range(0, 300):
        for row in range(page.model.rowCount()):
            for column in range(page.model.columnCount()):
                page.model.data(page.model.index(row, column), role)
    assert page.model.data(QModelIndex()) is None
    for row in range(page.proxy.rowCount()):
        page.table.selectRow(row)
        _idle(qtbot, page)
        assert not page.grab().isNull()
    page.help_only.setChecked(True)
    assert page.proxy.rowCount() >= 1  # the shops really waiting for help
    page.help_only.setChecked(False)
    page.search.setText("commerce")
    assert page.proxy.rowCount() == count - 1
    texts = _texts(page)
    assert not [text for text in texts if any(char in text for char in HIDDEN)]
    assert not [text for text in texts if "9999" in text or "2099" in text or "1970" in text]
    assert "date incorrecte" in texts


def test_the_timeline_shows_hostile_dates_and_texts_safely(qtbot: QtBot, animator_page) -> None:
    database = animator_page.data.database
    ProgressStore.open(database).close()
    _add_shop(database, "shop-1", "Chez Léa", {"help_open": 0})
    for number, date in enumerate(HOSTILE_DATES[:4]):
        _add_event(database, "shop-1", number, date, json.dumps({"comment": "Piège\u202e\x1b[31m"}))
    _add_event(database, "shop-1", 9, "2026-11-20T10:00:00+00:00", json.dumps({"answer": 12, "text": "ok"}))
    page = animator_page()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.timeline_model.rowCount() > 0 or page.message.text() != "", timeout=10_000)
    _idle(qtbot, page)
    lines = page.timeline_model.stringList()
    assert not page.grab().isNull()
    if lines:  # the store may instead refuse the bad rows as damage (then said in the message)
        assert len(lines) == 5
        assert sum("date incorrecte" in line for line in lines) == 4
        assert not [line for line in lines if any(char in line for char in HIDDEN)]
        assert any("ok\u00a0»" in line for line in lines)
    else:
        assert "Traceback" not in page.message.text()


def test_names_and_comments_are_shown_without_hidden_characters(qtbot: QtBot, animator_page) -> None:
    database = animator_page.data.database
    ProgressStore.open(database).close()
    _add_shop(
        database,
        "shop-1",
        "Cordonnerie\u202e 0€\x1b[31m",
        {
            "animator": "Léa\u2066",
            "help_open": 1,
            "help": [{"id": "h1", "tutorial": "t", "step": "s", "comment": "Au\u202esecours"}],
        },
    )
    page = animator_page()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    page.table.selectRow(0)
    _idle(qtbot, page)
    assert page.detail_title.text() == "Cordonnerie 0€[31m"
    assert page.proxy.index(0, 0).data() == "Cordonnerie 0€[31m"
    labels = [page.help_box.itemAt(i).widget() for i in range(page.help_box.count())]
    shown = " ".join(w.text() for w in labels if w is not None and hasattr(w, "text"))
    assert "Ausecours" in shown
    assert not any(char in shown for char in HIDDEN)


def test_last_file_is_when_the_shop_wrote_it_and_sharing_states_are_told(qtbot: QtBot, animator_page) -> None:
    from lbpmv_desktop.ui.animator.models import KEYS

    database = animator_page.data.database
    ProgressStore.open(database).close()
    written, received = "2026-11-20T08:30:00+00:00", datetime.now(UTC).isoformat()
    _add_shop(database, "a", "A active", {}, last_file_at=written, received_at=received)
    _add_shop(
        database,
        "b",
        "B stopped",
        {},
        last_file_at=written,
        received_at=received,
        sharing="stopped",
        sharing_at=written,
    )
    _add_shop(
        database,
        "c",
        "C erased",
        {},
        last_file_at=written,
        received_at=received,
        sharing="erased",
        sharing_at=written,
    )
    page = animator_page()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=10_000)
    page.table.sortByColumn(KEYS.index("name"), Qt.SortOrder.AscendingOrder)
    column = KEYS.index("last_file_at")
    shown = [page.proxy.index(row, column).data() for row in range(3)]
    day = datetime.fromisoformat(written).astimezone().strftime("%d/%m/%Y")
    assert shown[0].startswith(day), "the time the shop's app wrote the file, not when it was read"
    assert shown[1] == f"partage arrêté le {day}"
    assert shown[2] == f"données effacées le {day}"
    page.table.selectRow(0)
    _idle(qtbot, page)
    assert day in page.detail_file.text()
    page.table.selectRow(1)
    _idle(qtbot, page)
    assert page.detail_file.text() == f"Partage arrêté le {day}."


# -- the watched folder ---------------------------------------------------------------------------
def _progress_file(folder: Path, shop_name: str) -> tuple[bytes, str]:
    from lbpmv_desktop.core.progress.identity import load_or_create_key, public_bytes, verification_code
    from lbpmv_desktop.core.progress.sharing import export_bundle
    from lbpmv_desktop.core.tutorials.loader import load_catalogue

    folder.mkdir(parents=True)
    store = merchant_store(folder / "progress.sqlite", shop_name=shop_name)
    store.append(
        [ev.new_event(ev.STEP_DONE, store.device, tutorial="photos-produits", step="ce-que-vous-allez-faire")]
    )
    key = load_or_create_key(folder / "shop-key.pem")
    catalogue = load_catalogue(tutorials_dir(), thorough=False)[0]
    data = export_bundle(store, key, catalogue, "0.1.0", datetime.now(UTC))
    store.close()
    return data, verification_code(public_bytes(key))


def _progress_file_notice(folder: Path) -> bytes:
    """A « sharing stopped » notice from the shop whose files are in ``folder``."""
    from lbpmv_desktop.core.progress.bundle import write_notice
    from lbpmv_desktop.core.progress.identity import load_or_create_key

    store = ProgressStore.open(folder / "progress.sqlite")
    key = load_or_create_key(folder / "shop-key.pem")
    try:
        return write_notice(key, store.shop_id, "Les Petits Pas", "stopped", "0.1.0", datetime.now(UTC))
    finally:
        store.close()


def test_a_stopped_notice_shows_sharing_stopped_on_its_day(
    qtbot: QtBot, animator_page, tmp_path: Path
) -> None:
    from lbpmv_desktop.ui.animator.models import KEYS

    first, code = _progress_file(tmp_path / "m1", "Les Petits Pas")
    (tmp_path / "progres.lbpmv").write_bytes(first)
    # The same shop (same key) later stops sharing: its app writes a signed notice.
    notice = _progress_file_notice(tmp_path / "m1")
    (tmp_path / "arret.lbpmv").write_bytes(notice)
    page = animator_page()
    _idle(qtbot, page)
    page.controller.import_files([tmp_path / "progres.lbpmv"], code=code)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert "Les Petits Pas : 2 nouvel(s) événement(s)" in page.message.text()
    column = KEYS.index("last_file_at")
    day = datetime.now(UTC).astimezone().strftime("%d/%m/%Y")
    assert page.proxy.index(0, column).data().startswith(day)
    page.controller.import_files([tmp_path / "arret.lbpmv"])
    qtbot.waitUntil(lambda: page.proxy.index(0, column).data() == f"partage arrêté le {day}", timeout=10_000)
    assert "Les Petits Pas : partage arrêté" in page.message.text()
    assert page.model.view(0).name == "Les Petits Pas"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_the_watched_folder_skips_fifos_and_devices_and_asks_one_shop_at_a_time(
    qtbot: QtBot, animator_page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lbpmv_desktop.ui.animator import controller as controller_module
    from lbpmv_desktop.ui.animator import dashboard_page

    first, first_code = _progress_file(tmp_path / "m1", "Les Petits Pas")
    second, second_code = _progress_file(tmp_path / "m2", "Au Bon Pain")
    watched = tmp_path / "partage"
    watched.mkdir()
    os.mkfifo(watched / "a-bloque.lbpmv")  # listed first: it must not block the others
    if os.path.exists("/dev/zero"):
        (watched / "b-zero.lbpmv").symlink_to("/dev/zero")
    (watched / "c-petits-pas.lbpmv").write_bytes(first)

    asked: list[str] = []
    depth = [0, 0]  # now, deepest
    answers: list[str | None] = [None]  # the first question is cancelled

    def ask(_parent: object, name: str) -> str | None:
        asked.append(name)
        depth[0] += 1
        depth[1] = max(depth)
        if len(asked) == 2:  # while this question is open, another new shop's file arrives
            (watched / "d-bon-pain.lbpmv").write_bytes(second)
            page.controller.scan_folder()
            _idle(qtbot, page)
        depth[0] -= 1
        codes = {"Les Petits Pas": first_code, "Au Bon Pain": second_code}
        return answers.pop(0) if answers else codes[name]

    monkeypatch.setattr(dashboard_page.ConfirmCodeDialog, "ask", classmethod(lambda cls, *a: ask(*a)))
    page = animator_page()
    _idle(qtbot, page)
    page.controller.set_watched_folder(watched)
    qtbot.waitUntil(lambda: asked == ["Les Petits Pas"], timeout=10_000)
    _idle(qtbot, page)
    assert page.model.rowCount() == 0
    # Cancelled: the file was not taken as seen; it is asked about again later.
    page.controller.scan_folder()
    _idle(qtbot, page)
    assert asked == ["Les Petits Pas"], "not asked again at once"
    monkeypatch.setattr(controller_module, "DECLINED_RETRY_S", 0.0)
    page.controller.scan_folder()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=15_000)
    assert asked == ["Les Petits Pas", "Les Petits Pas", "Au Bon Pain"]
    assert depth[1] == 1, "never two questions open at once"
    # Seen once imported: another look imports nothing again and asks nothing.
    page.controller.scan_folder()
    _idle(qtbot, page)
    assert len(asked) == 3
    assert "a-bloque" not in page.message.text()


def test_a_fifo_chosen_by_hand_is_refused_at_once(qtbot: QtBot, animator_page, tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("FIFOs are a POSIX thing")
    fifo = tmp_path / "piege.lbpmv"
    os.mkfifo(fifo)
    page = animator_page()
    _idle(qtbot, page)
    page.controller.import_files([fifo])
    qtbot.waitUntil(lambda: "piege.lbpmv" in page.message.text(), timeout=10_000)
    assert "refusé" in page.message.text() or "ordinaire" in page.message.text()


# -- the PDF report ---------------------------------------------------------------------------------
def test_the_pdf_report_survives_hostile_rows_and_writes_clean_names(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lbpmv_desktop.ui import reports

    database = tmp_path / "animator.sqlite"
    _hostile_database(database)
    _add_shop(database, "shop-zz", "=HYPERLINK(\u202e\x1b)", {"animator": "Léa\u2066", "steps_done": 2},
              last_file_at="2026-11-20T08:30:00+00:00", sharing="stopped", sharing_at="2026-11-20T08:30:00+00:00")  # fmt: skip
    drawn: list[str] = []
    original = reports._Page.text

    def text(self: Any, line: str, *args: Any, **kwargs: Any) -> None:
        drawn.append(line)
        original(self, line, *args, **kwargs)

    monkeypatch.setattr(reports._Page, "text", text)
    store = ProgressStore.open(database)
    target = tmp_path / "bilan.pdf"
    try:
        reports.write_pdf_report(store, target)
    finally:
        store.close()
    assert target.read_bytes()[:5] == b"%PDF-"
    assert not [line for line in drawn if any(char in line for char in HIDDEN)]
    assert not [line for line in drawn if "9999" in line or "2099" in line]
    [line] = [line for line in drawn if line.startswith("=HYPERLINK()")]
    assert "partage arrêté le 20/11/2026" in line
    assert "(Léa)" in line


def test_a_flood_of_help_requests_or_junk_files_gives_a_short_page(
    qtbot: QtBot, animator_page, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QPushButton

    from lbpmv_desktop.ui.animator.dashboard_page import HELP_SHOWN

    database = animator_page.data.database
    ProgressStore.open(database).close()
    requests = [{"id": f"h{n}", "tutorial": "t", "step": "s", "comment": f"Aide {n}"} for n in range(900)]
    _add_shop(database, "shop-1", "Chez Léa", {"help_open": 900, "help": requests})
    junk = tmp_path / "junk"
    junk.mkdir()
    for number in range(12):
        (junk / f"faux-{number}.lbpmv").write_bytes(b"PK\x03\x04 pas un fichier")
    page = animator_page()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    page.table.selectRow(0)
    _idle(qtbot, page)
    widgets = [page.help_box.itemAt(i).widget() for i in range(page.help_box.count())]
    assert sum(isinstance(w, QPushButton) for w in widgets) == HELP_SHOWN
    assert "870" in widgets[-1].text()
    page.controller.set_watched_folder(junk)
    qtbot.waitUntil(lambda: "faux-" in page.message.text(), timeout=10_000)
    lines = page.message.text().split("\n")
    assert len(lines) == 6
    assert "7" in lines[-1]


def test_the_search_finds_what_is_typed_with_accents_spaces_and_signs(qtbot: QtBot, animator_page) -> None:
    database = animator_page.data.database
    ProgressStore.open(database).close()
    _add_shop(database, "a", "Les Petits Pas", {"animator": "Léa"})
    _add_shop(database, "b", "L'Atelier (Paris) — 24,90 €", {"animator": "Hélène"})
    _add_shop(database, "c", "Chez Marc", {"animator": "Marc"})
    page = animator_page()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=10_000)
    found = {}
    for typed in ("Léa", "lea", "petits pas", "l'atelier (paris)", "24,90 €", "HÉLÈNE", "a.b", "zzz"):
        page.search.clear()
        for letter in typed:  # typed as key events (QTest knows only ASCII keys)
            QApplication.sendEvent(
                page.search, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, letter)
            )
        assert page.search.text() == typed
        found[typed] = page.proxy.rowCount()
    assert found == {
        "Léa": 1,
        "lea": 1,
        "petits pas": 1,
        "l'atelier (paris)": 1,
        "24,90 €": 1,
        "HÉLÈNE": 1,
        "a.b": 0,
        "zzz": 0,
    }


def test_the_csv_saved_from_the_dashboard_is_inert_and_readable_as_utf8(
    qtbot: QtBot, animator_page, tmp_path: Path
) -> None:
    import csv

    database = animator_page.data.database
    ProgressStore.open(database).close()
    _add_shop(database, "a", '=HYPERLINK("http://x";"Léa")', {"animator": "@SUM(1)", "steps_done": 4})
    page = animator_page()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    target = tmp_path / "bilan.csv"
    page.controller.export_report(target, "csv")
    qtbot.waitUntil(target.exists, timeout=10_000)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[1][:3] == ['\'=HYPERLINK("http://x";"Léa")', "'@SUM(1)", "4"]


def test_the_visit_sheet_draws_texts_without_hidden_characters(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lbpmv_desktop.ui import reports

    drawn: list[str] = []
    original = reports._Page.text

    def text(self: Any, line: str, *args: Any, **kwargs: Any) -> None:
        drawn.append(line)
        original(self, line, *args, **kwargs)

    monkeypatch.setattr(reports._Page, "text", text)
    target = tmp_path / "fiche.pdf"
    reports.write_visit_sheet(
        target, [("title", "Cordonnerie\u202e 0€"), ("text", "Note :\x1b[2J à revoir\u2066\nligne 2")]
    )
    assert target.read_bytes()[:5] == b"%PDF-"
    assert drawn == ["Cordonnerie 0€", "Note :[2J à revoir\nligne 2"]


def test_an_older_erased_notice_replayed_says_nothing_new_not_erased(
    qtbot: QtBot, animator_page, tmp_path: Path
) -> None:
    from datetime import timedelta

    from lbpmv_desktop.core.progress.bundle import write_notice
    from lbpmv_desktop.core.progress.identity import load_or_create_key, public_bytes, verification_code
    from lbpmv_desktop.core.progress.sharing import export_bundle
    from lbpmv_desktop.core.tutorials.loader import load_catalogue
    from lbpmv_desktop.ui.animator.models import KEYS

    shop = tmp_path / "m1"
    shop.mkdir()
    store = merchant_store(shop / "progress.sqlite")
    key = load_or_create_key(shop / "shop-key.pem")
    catalogue = load_catalogue(tutorials_dir(), thorough=False)[0]
    base = datetime.now(UTC) - timedelta(hours=1)
    files = {
        "1-arret.lbpmv": write_notice(key, store.shop_id, "Les Petits Pas", "stopped", "0.1.0", base),
        "2-complet.lbpmv": export_bundle(store, key, catalogue, "0.1.0", base + timedelta(minutes=1)),
    }
    store.append(
        [ev.new_event(ev.STEP_DONE, store.device, tutorial="photos-produits", step="ce-que-vous-allez-faire")]
    )
    files["3-actif.lbpmv"] = export_bundle(store, key, catalogue, "0.1.0", base + timedelta(minutes=2))
    files["4-efface.lbpmv"] = write_notice(
        key, store.shop_id, "Les Petits Pas", "erased", "0.1.0", base - timedelta(days=3)
    )
    shop_id = store.shop_id
    store.close()
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    code = verification_code(public_bytes(key))
    page = animator_page()
    _idle(qtbot, page)
    messages: list[str] = []
    page.controller.imported.connect(messages.append)
    for number, name in enumerate(files, start=1):
        page.controller.import_files([tmp_path / name], code=code if number == 1 else None)
        qtbot.waitUntil(lambda number=number: len(messages) == number, timeout=10_000)
        _idle(qtbot, page)
    assert "rien de nouveau (ce fichier, ou un plus récent, a déjà été reçu)" in messages[-1], messages
    assert "effacées" not in messages[-1]
    column = KEYS.index("last_file_at")
    assert "effacées" not in page.proxy.index(0, column).data()
    assert len(page._session.store.events(shop_id)) == 2


def test_a_refused_file_in_the_watched_folder_is_told_once_until_it_changes(
    qtbot: QtBot, animator_page, tmp_path: Path
) -> None:
    watched = tmp_path / "partage"
    watched.mkdir()
    sparse = watched / "d_sparse.lbpmv"
    with sparse.open("wb") as handle:
        handle.truncate(10 * 1024**3)  # sparse: takes no room on the disk
    (watched / "faux.lbpmv").write_bytes(b"PK\x03\x04 pas un fichier")
    if hasattr(os, "mkfifo"):
        os.mkfifo(watched / "tube.lbpmv")
    page = animator_page()
    _idle(qtbot, page)
    failures: list[str] = []
    page.controller.failed.connect(failures.append)
    page.controller.set_watched_folder(watched)
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=10_000)
    _idle(qtbot, page)
    assert "d_sparse.lbpmv" in failures[0]
    assert "trop gros" in failures[0]
    assert "faux.lbpmv" in failures[0]
    assert "tube" not in failures[0]
    for _look in range(3):  # the 30 s polls: nothing new to say
        page.controller.scan_folder()
        _idle(qtbot, page)
    assert len(failures) == 1, failures
    with sparse.open("r+b") as handle:  # the file changed: it is looked at (and told) again
        handle.truncate(11 * 1024**3)
    page.controller.scan_folder()
    qtbot.waitUntil(lambda: len(failures) == 2, timeout=10_000)
    _idle(qtbot, page)
    assert "d_sparse.lbpmv" in failures[1]
    assert "faux.lbpmv" not in failures[1]


def test_a_file_whose_import_fails_on_this_computer_is_retried_and_told_once(
    qtbot: QtBot, animator_page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lbpmv_desktop.core.progress import sharing

    first, code = _progress_file(tmp_path / "m1", "Les Petits Pas")
    watched = tmp_path / "partage"
    watched.mkdir()
    (watched / "progres.lbpmv").write_bytes(first)
    tries: list[str] = []

    def broken(*_args: object, **_kwargs: object) -> None:
        tries.append("x")
        raise OSError("disque plein")

    monkeypatch.setattr(sharing, "import_bundle", broken)
    page = animator_page()
    _idle(qtbot, page)
    failures: list[str] = []
    page.controller.failed.connect(failures.append)
    page.controller.set_watched_folder(watched)
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=10_000)
    for _look in range(2):
        page.controller.scan_folder()
        _idle(qtbot, page)
    assert len(tries) == 3, "tried again at every look"
    assert len(failures) == 1, failures
    assert "progres.lbpmv" in failures[0]
    assert "nouvel essai" in failures[0]
    monkeypatch.undo()  # the computer is fine again: the file is imported
    monkeypatch.setattr(
        "lbpmv_desktop.ui.animator.dashboard_page.ConfirmCodeDialog.ask", classmethod(lambda cls, *a: code)
    )
    page.controller.scan_folder()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)


def test_the_timeline_gets_only_the_newest_events_it_shows(qtbot: QtBot, animator_page) -> None:
    from lbpmv_desktop.ui.animator.controller import TIMELINE_SHOWN

    database = animator_page.data.database
    ProgressStore.open(database).close()
    _add_shop(database, "shop-1", "Chez Léa", {})
    for number in range(TIMELINE_SHOWN + 40):
        _add_event(
            database, "shop-1", number, f"2026-11-{1 + number // 100:02d}T10:{number % 60:02d}:00+00:00"
        )
    page = animator_page()
    _idle(qtbot, page)
    got: list[list[Any]] = []
    page.controller.timeline_ready.connect(lambda _shop, events: got.append(events))
    page.controller.load_timeline("shop-1")
    qtbot.waitUntil(lambda: bool(got), timeout=10_000)
    assert len(got[0]) == TIMELINE_SHOWN
    assert got[0][-1].at.day == 6, "the newest are kept"
    assert got[0][0].at.day == 1
