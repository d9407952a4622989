"""Sharing progress: the merchant writes signed files; the animator imports them.

A shop's key is trusted once, when the animator confirms its verification code; later files must
carry the same key. An import is one transaction, and a refused file changes nothing.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lbpmv_desktop.core.progress.bundle import Bundle, BundleRefused, read_bundle, write_bundle
from lbpmv_desktop.core.progress.identity import normalise_code, verification_code
from lbpmv_desktop.core.progress.status import Status, derive_status

if TYPE_CHECKING:
    from datetime import datetime

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from lbpmv_desktop.core.progress.events import Event
    from lbpmv_desktop.core.progress.store import ProgressStore
    from lbpmv_desktop.core.tutorials.catalogue import Catalogue


class UnknownShop(BundleRefused):
    """A file from a shop this install does not follow yet: its code must be confirmed."""

    def __init__(self, shop_name: str, code: str) -> None:
        super().__init__(
            f"Nouveau commerce « {shop_name} » : confirmez son code de vérification "
            "(il s'affiche dans l'application du commerçant, dans Réglages) pour importer ce fichier."
        )
        self.shop_name = shop_name
        self.code = code


@dataclass(frozen=True)
class ImportResult:
    shop_id: str
    shop_name: str
    new_events: int
    first_time: bool


def summary_lines(status: Status, catalogue: Catalogue) -> list[str]:
    """What the animator will see, in plain French (also shown to the merchant before sharing)."""
    lines = [
        f"Étapes faites : {status.steps_done}",
        f"Tutoriels terminés : {status.tutorials_done}",
        f"Photos préparées : {status.photos_exported}",
    ]
    for tutorial_id in status.path:
        progress = status.tutorials[tutorial_id]
        tutorial = catalogue.get(tutorial_id)
        if tutorial is not None and (progress.done_count or progress.finished):
            state = "terminé" if progress.finished else f"{progress.done_count} étape(s) sur {progress.total}"
            lines.append(f"{tutorial.title} : {state}")
    for request in status.open_help_requests:
        tutorial = catalogue.get(request.tutorial)
        step = tutorial.step(request.step) if tutorial else None
        where = f"{tutorial.title} › {step.title}" if tutorial and step else request.tutorial
        comment = f" — « {request.comment} »" if request.comment else ""
        lines.append(f"Demande d'aide : {where}{comment}")
    for point in status.confidence[-3:]:
        moment = "avant" if point.moment == "start" else "après"
        lines.append(f"Confiance {moment} « {point.tutorial} » : {point.value} sur 5")
    return lines


def export_bundle(
    store: ProgressStore, key: Ed25519PrivateKey, catalogue: Catalogue, app_version: str, now: datetime
) -> bytes:
    events = store.events()
    status = derive_status(events, catalogue)
    name = status.profile.shop_name if status.profile and status.profile.shop_name else "Mon commerce"
    return write_bundle(key, store.shop_id, name, events, summary_lines(status, catalogue), app_version, now)


def shop_summary(status: Status, event_count: int) -> dict[str, Any]:
    """The dashboard's row for one shop, derived from its log by ``derive_status``."""
    current = status.resume
    last_confidence = status.confidence[-1].value if status.confidence else None
    return {
        "events": event_count,
        "steps_done": status.steps_done,
        "tutorials_done": status.tutorials_done,
        "photos": status.photos_exported,
        "help_open": len(status.open_help_requests),
        "help": [
            {
                "id": h.event_id,
                "tutorial": h.tutorial,
                "step": h.step,
                "comment": h.comment,
                "at": h.at.isoformat(),
            }
            for h in status.open_help_requests
        ],
        "current": {"tutorial": current.tutorial, "step": current.step} if current else None,
        "confidence": last_confidence,
        "last_activity": status.last_activity.isoformat() if status.last_activity else None,
        "animator": status.profile.animator_name if status.profile else "",
    }


def summary_json(events: list[Event], catalogue: Catalogue) -> str:
    """The stored dashboard row of a shop whose whole log is ``events``."""
    return json.dumps(shop_summary(derive_status(events, catalogue), len(events)), ensure_ascii=False)


def import_bundle(
    store: ProgressStore, data: bytes, catalogue: Catalogue, now: datetime, *, confirm_code: str | None = None
) -> ImportResult:
    """Verify and import one progress file.

    Raises:
        UnknownShop: first file of this shop and no (or a wrong) confirmation code.
        BundleRefused: the file is refused; nothing was written.
    """
    bundle = read_bundle(data)
    return import_verified(store, bundle, catalogue, now, confirm_code=confirm_code)


def import_verified(
    store: ProgressStore,
    bundle: Bundle,
    catalogue: Catalogue,
    now: datetime,
    *,
    confirm_code: str | None = None,
) -> ImportResult:
    if bundle.shop_id == store.shop_id:
        raise BundleRefused("Ce fichier de progrès vient de cet ordinateur-ci : il n'y a rien à importer.")
    key_text = base64.b64encode(bundle.public_key).decode("ascii")
    code = verification_code(bundle.public_key)
    known = store.shop(bundle.shop_id)
    if known is not None and known["public_key"] != key_text:
        raise BundleRefused(
            f"Ce fichier dit venir de « {bundle.shop_name} », mais il n'est pas signé par l'ordinateur de ce "
            "commerce : il est refusé. Si le commerçant a changé d'ordinateur, confirmez à nouveau son code lors d'une visite."
        )
    if known is None and (confirm_code is None or normalise_code(confirm_code) != code):
        raise UnknownShop(bundle.shop_name, code)
    existing = store.events(bundle.shop_id)
    known_ids = {e.id for e in existing}
    fresh = [e for e in bundle.events if e.id not in known_ids]
    everything = existing + fresh
    store.import_shop(
        shop_id=bundle.shop_id,
        name=bundle.shop_name,
        public_key=key_text,
        code=code,
        now=now.isoformat(),
        events=fresh,
        summary=summary_json(everything, catalogue),
    )
    return ImportResult(bundle.shop_id, bundle.shop_name, len(fresh), known is None)


def answer_help(
    store: ProgressStore, shop_id: str, request_id: str, answer: str, catalogue: Catalogue, now: datetime
) -> None:
    """Record the animator's answer to a help request in that shop's log, and refresh its row."""
    from lbpmv_desktop.core.progress import events as ev

    known = store.shop(shop_id)
    if known is None:
        raise BundleRefused("Ce commerce n'est pas suivi sur cet ordinateur.")
    event = ev.new_event(
        ev.HELP_ANSWERED, store.device, data={"request": request_id, "answer": answer.strip()[:1000]}, at=now
    )
    everything = [*store.events(shop_id), event]
    store.import_shop(
        shop_id=shop_id, name=known["name"], public_key=known["public_key"], code=known["code"],
        now=now.isoformat(), events=[event], summary=summary_json(everything, catalogue), file_received=False,
    )  # fmt: skip
