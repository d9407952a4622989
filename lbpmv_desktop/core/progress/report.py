"""Numbers for the programme: one row per shop, and totals by month and by animator."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lbpmv_desktop.core.progress import events as ev
from lbpmv_desktop.core.progress.store import shop_rows

if TYPE_CHECKING:
    from lbpmv_desktop.core.progress.store import ProgressStore


def shops_report(store: ProgressStore) -> list[dict[str, Any]]:
    """One object per followed shop (the JSON report)."""
    report = []
    for row in shop_rows(store):
        summary = row["summary"]
        report.append({
            "id": row["shop_id"],
            "shop": row["name"],
            "animator": summary.get("animator", ""),
            "events": summary.get("events", 0),
            "steps_done": summary.get("steps_done", 0),
            "tutorials_done": summary.get("tutorials_done", 0),
            "photos": summary.get("photos", 0),
            "help_open": summary.get("help_open", 0),
            "confidence": summary.get("confidence"),
            "last_activity": summary.get("last_activity"),
            "last_file": row["last_file_at"],
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


def monthly(store: ProgressStore, shops: list[dict[str, Any]] | None = None) -> list[MonthRow]:
    """Steps climbed, tutorials finished and help requests by month and by animator.

    ``shops`` is :func:`shops_report`'s result when the caller already has it (read once).
    """
    shops = shops if shops is not None else shops_report(store)
    animators = {shop["id"]: shop["animator"] or "—" for shop in shops}
    counts: dict[tuple[str, str], dict[str, Any]] = defaultdict(
        lambda: {"shops": set(), ev.STEP_DONE: 0, ev.TUTORIAL_FINISHED: 0, ev.HELP_ASKED: 0}
    )
    rows = store._read(
        "SELECT shop, substr(at, 1, 7), kind, count(*) FROM events WHERE kind IN (?, ?, ?) GROUP BY shop, substr(at, 1, 7), kind",
        (ev.STEP_DONE, ev.TUTORIAL_FINISHED, ev.HELP_ASKED),
    )
    for shop, month, kind, count in rows:
        if shop not in animators:
            continue
        bucket = counts[(month, animators[shop])]
        bucket["shops"].add(shop)
        bucket[kind] += count
    return [
        MonthRow(month, animator, len(b["shops"]), b[ev.STEP_DONE], b[ev.TUTORIAL_FINISHED], b[ev.HELP_ASKED])
        for (month, animator), b in sorted(counts.items())
    ]


def csv_report(store: ProgressStore) -> str:
    """The CSV report: the shops, then the totals by month and by animator (French headers)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(
        [
            "commerce",
            "animateur",
            "étapes faites",
            "tutoriels terminés",
            "photos",
            "demandes d'aide en attente",
            "dernière activité",
            "dernier fichier reçu",
        ]
    )
    shops = shops_report(store)
    for shop in shops:
        writer.writerow([shop["shop"], shop["animator"], shop["steps_done"], shop["tutorials_done"], shop["photos"],
                         shop["help_open"], shop["last_activity"] or "", shop["last_file"] or ""])  # fmt: skip
    writer.writerow([])
    writer.writerow(
        ["mois", "animateur", "commerces actifs", "étapes faites", "tutoriels terminés", "demandes d'aide"]
    )
    for row in monthly(store, shops):
        writer.writerow([row.month, row.animator, row.shops, row.steps, row.tutorials, row.help_requests])
    return buffer.getvalue()
