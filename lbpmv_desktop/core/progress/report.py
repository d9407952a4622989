"""Numbers for the programme: one row per shop, and totals by month and by animator.

Every stored value is distrusted here, once, for every view and report: the shops' rows come from
other people's computers and from a database that may be damaged or edited. ``shop_view`` turns
a stored row into plain, typed values: names and texts without control or direction characters,
counts that are small non-negative integers or unknown, dates that are believable (from 2020 to
a day after now) or unknown. The dashboard, the CSV, the JSON and the PDF all show these values.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from lbpmv_desktop.core.cleantext import clean_text
from lbpmv_desktop.core.progress import events as ev
from lbpmv_desktop.core.progress.store import shop_rows

if TYPE_CHECKING:
    from collections.abc import Mapping

    from lbpmv_desktop.core.progress.store import ProgressStore

EARLIEST = datetime(2020, 1, 1, tzinfo=UTC)  # no progress file was written before
FUTURE_SLACK = timedelta(days=1)  # a shop's clock may be a little ahead
MAX_COUNT = 10**9
NAME_LIMIT = 200
TEXT_LIMIT = 1000
ID_LIMIT = 100
SHARING_STATES = ("active", "stopped", "erased")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
# A spreadsheet runs a cell starting with one of these as a formula (OWASP « CSV injection »).
_FORMULA_START = ("=", "+", "-", "@", "\u2212")  # U+2212: the minus sign
_CONTROL_START = ("\t", "\r")
_LIVE_START = frozenset(_FORMULA_START + _CONTROL_START)
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0")  # Hangul fillers: letters that show nothing


def believable(moment: datetime, now: datetime) -> bool:
    """A time a progress file can really hold: from 2020 to one day after ``now``."""
    return EARLIEST <= moment <= now + FUTURE_SLACK


def stored_time(value: object, now: datetime) -> datetime | None:
    """A stored ISO time as an aware UTC datetime; None when it is not a believable time.

    Never raises: a time near the ends of the calendar (``9999-12-31T23:59:59-12:00``) cannot be
    converted to UTC and is as unknown as ``"hier"`` or a number.
    """
    if not isinstance(value, str) or not value or len(value) > 64:
        return None
    try:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        moment = moment.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    return moment if believable(moment, now) else None


def _count(value: object) -> int | None:
    """A stored count: a non-negative integer below a billion, or unknown."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer() and 0 <= value < MAX_COUNT:
        return int(value)
    if isinstance(value, int) and 0 <= value < MAX_COUNT:
        return value
    return None


def _text(value: object, limit: int = NAME_LIMIT) -> str:
    """A clean text of at most ``limit`` characters (a huge stored text is cut before cleaning)."""
    return clean_text(value[: limit * 4 + 64], limit=limit) if isinstance(value, str) else ""


@dataclass(frozen=True)
class HelpView:
    """A help request waiting for an answer."""

    id: str
    tutorial: str
    step: str
    comment: str


@dataclass(frozen=True)
class ShopView:
    """A followed shop's row, every value checked (see the module's docstring).

    Attributes:
        shop_id: the shop's id as stored (text).
        name, animator, code: clean texts, maybe empty.
        events, steps_done, tutorials_done, photos, help_open: counts, None when unknown.
        help: the waiting help requests that could be read.
        current: (tutorial, step) the shop is at, or None.
        confidence: the last rating (1 to 5) or None.
        last_activity: when the shop last did something.
        last_file: when the shop's app wrote the newest file received (its signed manifest).
        received: when this install imported a file of this shop.
        sharing: "active", "stopped" or "erased"; sharing_at: since when.
        bad_dates: the fields above whose stored time was there but not believable.
    """

    shop_id: str
    name: str
    code: str = ""
    animator: str = ""
    events: int | None = None
    steps_done: int | None = None
    tutorials_done: int | None = None
    photos: int | None = None
    help_open: int | None = None
    help: tuple[HelpView, ...] = ()
    current: tuple[str, str] | None = None
    confidence: int | None = None
    last_activity: datetime | None = None
    last_file: datetime | None = None
    received: datetime | None = None
    sharing: str = "active"
    sharing_at: datetime | None = None
    bad_dates: frozenset[str] = field(default_factory=frozenset)


def help_views(value: object) -> tuple[HelpView, ...]:
    """The readable help requests of a stored list (others are left out)."""
    if not isinstance(value, list):
        return ()
    found = []
    for item in value[:1000]:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        found.append(
            HelpView(
                id=item["id"][:ID_LIMIT],
                tutorial=_text(item.get("tutorial"), ID_LIMIT),
                step=_text(item.get("step"), ID_LIMIT),
                comment=_text(item.get("comment"), TEXT_LIMIT),
            )
        )
    return tuple(found)


def _current(value: object) -> tuple[str, str] | None:
    if not isinstance(value, dict):
        return None
    tutorial = _text(value.get("tutorial"), ID_LIMIT)
    return (tutorial, _text(value.get("step"), ID_LIMIT)) if tutorial else None


def shop_view(row: Mapping[str, Any], now: datetime) -> ShopView:
    """The checked view of one stored shop row (``stored_shops`` or ``shop_rows``); never raises."""
    summary = row.get("summary")
    if not isinstance(summary, dict):
        summary = {}
    bad: set[str] = set()

    def when(key: str, value: object) -> datetime | None:
        moment = stored_time(value, now)
        if moment is None and value not in (None, ""):
            bad.add(key)
        return moment

    shop_id = row.get("shop_id")
    confidence = _count(summary.get("confidence"))
    help_requests = help_views(summary.get("help"))
    help_open = _count(summary.get("help_open"))
    if help_open is None and isinstance(summary.get("help"), list):
        help_open = len(help_requests)
    sharing = row.get("sharing")
    return ShopView(
        shop_id=shop_id if isinstance(shop_id, str) else str(shop_id),
        name=_text(row.get("name")),
        code=_text(row.get("code"), 20),
        animator=_text(summary.get("animator")),
        events=_count(summary.get("events")),
        steps_done=_count(summary.get("steps_done")),
        tutorials_done=_count(summary.get("tutorials_done")),
        photos=_count(summary.get("photos")),
        help_open=help_open,
        help=help_requests,
        current=_current(summary.get("current")),
        confidence=confidence if confidence is not None and 1 <= confidence <= 5 else None,
        last_activity=when("last_activity", summary.get("last_activity")),
        last_file=when("last_file", row.get("last_file_at")),
        received=when("received", row.get("received_at")),
        sharing=sharing if isinstance(sharing, str) and sharing in SHARING_STATES else "active",
        sharing_at=when("sharing_at", row.get("sharing_at")),
        bad_dates=frozenset(bad),
    )


def stored_shops(store: ProgressStore) -> list[dict[str, Any]]:
    """Every followed shop's stored row (``shop_rows``: an unreadable summary reads as empty, so one
    bad row never hides the others), sorted by name as a reader sorts."""
    rows = shop_rows(store)
    rows.sort(key=lambda r: (_text(r.get("name")).casefold(), str(r.get("shop_id"))))
    return rows


def shop_views(store: ProgressStore, now: datetime | None = None) -> list[ShopView]:
    now = now or datetime.now(UTC)
    return [shop_view(row, now) for row in stored_shops(store)]


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def shops_report(store: ProgressStore, *, now: datetime | None = None) -> list[dict[str, Any]]:
    """One object per followed shop (the JSON report); unknown values are null."""
    report = []
    for view in shop_views(store, now):
        report.append({
            "id": view.shop_id,
            "shop": view.name,
            "animator": view.animator,
            "events": view.events,
            "steps_done": view.steps_done,
            "tutorials_done": view.tutorials_done,
            "photos": view.photos,
            "help_open": view.help_open,
            "confidence": view.confidence,
            "last_activity": _iso(view.last_activity),
            "last_file": _iso(view.last_file),
            "sharing": view.sharing,
            "sharing_at": _iso(view.sharing_at),
        })  # fmt: skip
    return report


@dataclass(frozen=True)
class MonthRow:
    month: str
    animator: str
    shops: int
    steps: int
    tutorials: int
    help_requests: int


def monthly(
    store: ProgressStore, shops: list[dict[str, Any]] | None = None, *, now: datetime | None = None
) -> list[MonthRow]:
    """Steps climbed, tutorials finished and help requests by month and by animator.

    ``shops`` is :func:`shops_report`'s result when the caller already has it (read once). Events
    whose month is not believable (before 2020, after ``now``'s next day) are not counted.
    """
    now = now or datetime.now(UTC)
    shops = shops if shops is not None else shops_report(store, now=now)
    animators = {shop["id"]: shop["animator"] or "—" for shop in shops}
    last_month = f"{now + FUTURE_SLACK:%Y-%m}"
    counts: dict[tuple[str, str], dict[str, Any]] = defaultdict(
        lambda: {"shops": set(), ev.STEP_DONE: 0, ev.TUTORIAL_FINISHED: 0, ev.HELP_ASKED: 0}
    )
    rows = store._read(
        "SELECT shop, substr(at, 1, 7), kind, count(*) FROM events WHERE kind IN (?, ?, ?) GROUP BY shop, substr(at, 1, 7), kind",
        (ev.STEP_DONE, ev.TUTORIAL_FINISHED, ev.HELP_ASKED),
    )
    for shop, month, kind, count in rows:
        if shop not in animators or not isinstance(month, str) or not _MONTH.match(month):
            continue
        if not f"{EARLIEST:%Y-%m}" <= month <= last_month:
            continue
        bucket = counts[(month, animators[shop])]
        bucket["shops"].add(shop)
        bucket[kind] += int(count)
    return [
        MonthRow(month, animator, len(b["shops"]), b[ev.STEP_DONE], b[ev.TUTORIAL_FINISHED], b[ev.HELP_ASKED])
        for (month, animator), b in sorted(counts.items())
    ]


def csv_cell(value: object) -> object:
    """A value as a CSV cell that no spreadsheet runs as a formula.

    Numbers stay numbers; a text whose first visible character is ``=``, ``+``, ``-`` or ``@``
    (after spaces), or a tab or a carriage return, gets a leading ``'`` (OWASP's rule). What is
    visible is judged as a spreadsheet may read it: compatibility forms folded (NFKC: « ＝ » is
    « = »), invisible, format and combining characters skipped (« \u034f=1+1 » starts with « = »).
    """
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = str(value)
    if _first_visible(text) in _LIVE_START:
        return "'" + text
    return text


def _first_visible(text: str) -> str:
    """The first character of ``text`` a reader sees, after NFKC folding (a tab or a carriage
    return counts as seen); ``""`` when there is none."""
    for char in unicodedata.normalize("NFKC", text):
        if char in _CONTROL_START:
            return char
        if char.isspace() or unicodedata.category(char)[0] in "CMZ" or char in _FILLERS:
            continue  # spaces, controls, format, unassigned, private-use and combining marks
        return char
    return ""


def sharing_words(view: ShopView) -> str:
    """The shop's sharing state in French, for the reports."""
    day = f" le {view.sharing_at:%d/%m/%Y}" if view.sharing_at else ""
    if view.sharing == "stopped":
        return f"partage arrêté{day}"
    if view.sharing == "erased":
        return f"données effacées{day}"
    return "actif"


def _csv_time(view: ShopView, key: str, moment: datetime | None) -> str:
    if moment is not None:
        return moment.isoformat()
    return "date incorrecte" if key in view.bad_dates else ""


def csv_report(store: ProgressStore, *, now: datetime | None = None) -> str:
    """The CSV report: the shops, then the totals by month and by animator (French headers)."""
    now = now or datetime.now(UTC)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")

    def write(cells: list[object]) -> None:
        writer.writerow([csv_cell(cell) for cell in cells])

    write(
        [
            "commerce",
            "animateur",
            "étapes faites",
            "tutoriels terminés",
            "photos",
            "demandes d'aide en attente",
            "dernière activité",
            "dernier fichier reçu",
            "partage",
        ]
    )
    views = shop_views(store, now)
    for view in views:
        write([view.name, view.animator, view.steps_done, view.tutorials_done, view.photos, view.help_open,
               _csv_time(view, "last_activity", view.last_activity), _csv_time(view, "last_file", view.last_file),
               sharing_words(view)])  # fmt: skip
    write([])
    write(["mois", "animateur", "commerces actifs", "étapes faites", "tutoriels terminés", "demandes d'aide"])
    shops = [{"id": view.shop_id, "animator": view.animator} for view in views]
    for row in monthly(store, shops, now=now):
        write([row.month, row.animator, row.shops, row.steps, row.tutorials, row.help_requests])
    return buffer.getvalue()
