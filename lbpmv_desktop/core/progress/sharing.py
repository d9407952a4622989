"""Sharing progress: the merchant writes signed files; the animator imports them.

A shop's key is trusted once, when the animator confirms its verification code; later files must
carry the same key. An import is one transaction, and a refused file changes nothing.

Events are identified by their shop and their id: a shop's file only ever adds events to that
shop. An id already received from that shop with another content is refused (a file that tries
to rewrite what was received), and a file older than the newest one received never brings back
an older name or time. What the merchant is shown before sharing (``share_content``) is built
from the very events that go into the file.
"""

from __future__ import annotations

import base64
import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from lbpmv_desktop.core.cleantext import clean_text
from lbpmv_desktop.core.progress import events as ev
from lbpmv_desktop.core.progress.bundle import (
    ACTIVE,
    ERASED,
    Bundle,
    BundleRefused,
    Manifest,
    open_progress_file,
    write_bundle,
)
from lbpmv_desktop.core.progress.identity import normalise_code, verification_code
from lbpmv_desktop.core.progress.status import Status, derive_status, safe_utc

if TYPE_CHECKING:
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
    """One file imported.

    Attributes:
        new_events: how many events were stored (counted by the store, not read from the file).
        sharing: what the file says: ``"active"``, ``"stopped"`` or ``"erased"``.
        newest: the file is the newest received from this shop (its name and time were kept).
    """

    shop_id: str
    shop_name: str
    new_events: int
    first_time: bool
    sharing: str = ACTIVE
    newest: bool = True


@dataclass(frozen=True)
class ShareContent:
    """What a progress file of this shop holds, and its description for the merchant.

    Attributes:
        events: exactly the events written in the file, oldest first.
        lines: plain French sentences describing exactly those events (also the file's
            ``summary.html``).
    """

    events: list[Event]
    lines: list[str]


def summary_lines(status: Status, catalogue: Catalogue) -> list[str]:
    """A short summary of a status in plain French (kept for earlier callers; the preview of a
    share uses ``share_content``, which describes the file's events exactly)."""
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


# -- what a file holds, in plain words -------------------------------------------------------
_GOALS = {
    "photos": "montrer ses produits",
    "internet": "être trouvé sur internet",
    "vendre": "vendre à distance",
}
_NOTE_TYPES = {"barrier": "Frein", "opportunity": "Opportunité", "note": "Note"}
CLOSING_LINE = (
    "Chaque événement porte sa date et son heure et l'identifiant de cet ordinateur ; le fichier "
    "porte aussi le nom et le code de vérification du commerce."
)


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count <= 1 else plural}"  # French: « 0 événement »


def _day(at: datetime) -> str:
    return safe_utc(at).strftime("%d/%m/%Y")


def _title(catalogue: Catalogue, tutorial_id: str | None) -> str:
    tutorial = catalogue.get(tutorial_id) if tutorial_id else None
    return tutorial.title if tutorial is not None else (tutorial_id or "?")


def _quoted(text: object) -> str:
    return f"« {text} »"


def _diagnostic_lines(event: Event) -> list[str]:
    from lbpmv_desktop.core.visit.diagnostic import PROFILES, QUESTIONS

    answers = event.data.get("answers")
    chosen: dict[str, Any] = answers if isinstance(answers, dict) else {}
    profile = PROFILES.get(str(event.data.get("profile")), "")
    head = f"Diagnostic de la visite du {_day(event.at)}"
    lines = [head + (f" : profil {_quoted(profile)}" if profile else "")]
    for question in QUESTIONS:
        choice = chosen.get(question.id)
        if isinstance(choice, int) and 0 <= choice < len(question.choices):
            lines.append(f"Diagnostic : {question.text} {question.choices[choice][0]}")
    return lines


def describe_events(events: list[Event], catalogue: Catalogue, status: Status) -> list[str]:
    """Plain French sentences saying what ``events`` hold, kind by kind (``status`` derived from
    the same events): what a person opening the file would find in it, and nothing else."""
    count = Counter(e.kind for e in events)
    of: dict[str, list[Event]] = {}
    for e in events:
        of.setdefault(e.kind, []).append(e)
    lines = [f"En tout : {_plural(len(events), 'événement', 'événements')}."]
    if count[ev.PROFILE_SET] and status.profile is not None:
        profile = status.profile
        parts = [f"le nom du commerce {_quoted(profile.shop_name)}"]
        if profile.first_name:
            parts.append(f"votre prénom {_quoted(profile.first_name)}")
        if profile.animator_name:
            parts.append(f"le nom de votre animateur {_quoted(profile.animator_name)}")
        parts.append(f"votre objectif ({_GOALS.get(profile.goal, profile.goal)})")
        lines.append("Votre profil : " + ", ".join(parts) + ".")
    simple = (
        (ev.STEP_OPENED, "étape ouverte", "étapes ouvertes"),
        (ev.STEP_DONE, "étape faite", "étapes faites"),
        (ev.STEP_UNDONE, "étape remise à faire", "étapes remises à faire"),
    )
    lines.extend(_plural(count[kind], one, many) for kind, one, many in simple if count[kind])
    for tutorial_id in status.path:
        progress = status.tutorials[tutorial_id]
        if progress.done_count or progress.finished:
            state = "terminé" if progress.finished else f"{progress.done_count} étape(s) sur {progress.total}"
            lines.append(f"{_title(catalogue, tutorial_id)} : {state}")
    if count[ev.TUTORIAL_FINISHED]:
        titles = dict.fromkeys(_title(catalogue, e.tutorial) for e in of[ev.TUTORIAL_FINISHED])
        head = _plural(count[ev.TUTORIAL_FINISHED], "tutoriel terminé", "tutoriels terminés")
        lines.append(f"{head} : {', '.join(titles)}")
    if count[ev.CONFIDENCE_RATED]:
        ratings = [
            f"{_title(catalogue, e.tutorial)} {'avant' if e.data.get('moment') == 'start' else 'après'} : "
            f"{e.data.get('value')} sur 5"
            for e in of[ev.CONFIDENCE_RATED]
        ]
        head = _plural(count[ev.CONFIDENCE_RATED], "note de confiance", "notes de confiance")
        lines.append(f"{head} : {' ; '.join(ratings)}")
    if count[ev.HELP_ASKED]:
        lines.append(_plural(count[ev.HELP_ASKED], "demande d'aide", "demandes d'aide"))
        for e in of[ev.HELP_ASKED]:
            tutorial = catalogue.get(e.tutorial) if e.tutorial else None
            step = tutorial.step(e.step) if tutorial is not None and e.step else None
            where = f"{tutorial.title} › {step.title}" if tutorial and step else _title(catalogue, e.tutorial)
            comment = e.data.get("comment")
            lines.append(f"Demande d'aide : {where}" + (f" — {_quoted(comment)}" if comment else ""))
    if count[ev.HELP_ANSWERED]:
        head = _plural(count[ev.HELP_ANSWERED], "réponse de l'animateur", "réponses de l'animateur")
        answers = " ; ".join(_quoted(e.data.get("answer", "")) for e in of[ev.HELP_ANSWERED])
        lines.append(f"{head} : {answers}")
    if count[ev.PHOTO_EXPORTED]:
        head = _plural(count[ev.PHOTO_EXPORTED], "photo préparée", "photos préparées")
        lines.append(f"{head} (leur format seulement : aucune photo n'est dans le fichier)")
    if count[ev.POSTER_MADE]:
        head = _plural(count[ev.POSTER_MADE], "affiche faite", "affiches faites")
        lines.append(f"{head} (leur modèle seulement : aucune affiche n'est dans le fichier)")
    if count[ev.VISIT_STARTED]:
        head = _plural(count[ev.VISIT_STARTED], "visite de l'animateur", "visites de l'animateur")
        lines.append(f"{head} : {', '.join(dict.fromkeys(_day(e.at) for e in of[ev.VISIT_STARTED]))}")
    for e in of.get(ev.DIAGNOSTIC_DONE, []):
        lines.extend(_diagnostic_lines(e))
    for e in of.get(ev.PLAN_SET, []):
        chosen = e.data.get("tutorials")
        plan = (
            [_title(catalogue, t) for t in chosen if isinstance(t, str)] if isinstance(chosen, list) else []
        )
        lines.append("Plan choisi pendant la visite : " + (", ".join(plan) or "aucun tutoriel"))
    if count[ev.VISIT_NOTE]:
        lines.append(_plural(count[ev.VISIT_NOTE], "note de l'animateur", "notes de l'animateur"))
        for e in of[ev.VISIT_NOTE]:
            lines.append(f"{_NOTE_TYPES.get(str(e.data.get('type')), 'Note')} : {e.data.get('text', '')}")
    lines.append(CLOSING_LINE)
    return lines


def share_content(store: ProgressStore, catalogue: Catalogue, *, include_visit_notes: bool) -> ShareContent:
    """What a progress file written now holds (``events``) and its plain description (``lines``):
    the preview shown to the merchant and the file are both built from this one value.

    Args:
        include_visit_notes: whether the animator's visit notes go with the file (the merchant
            chooses); without them they are neither in the file nor in its summary.
    """
    everything = store.events()
    events = [e for e in everything if include_visit_notes or e.kind != ev.VISIT_NOTE]
    lines = describe_events(events, catalogue, derive_status(events, catalogue))
    kept = len(everything) - len(events)
    if kept:
        sentence = _plural(kept, "note de l'animateur reste", "notes de l'animateur restent")
        lines.insert(-1, f"{sentence} sur cet ordinateur : elles ne sont pas dans le fichier.")
    return ShareContent(events, lines)


def export_bundle(
    store: ProgressStore,
    key: Ed25519PrivateKey,
    catalogue: Catalogue,
    app_version: str,
    now: datetime,
    *,
    include_visit_notes: bool = True,
) -> bytes:
    """The signed progress file of this shop, built from ``share_content``."""
    content = share_content(store, catalogue, include_visit_notes=include_visit_notes)
    status = derive_status(content.events, catalogue)
    name = status.profile.shop_name if status.profile and status.profile.shop_name else "Mon commerce"
    return write_bundle(key, store.shop_id, name, content.events, content.lines, app_version, now)


# -- the animator's side ---------------------------------------------------------------------
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


def summary_json(events: list[Event], catalogue: Catalogue, now: datetime | None = None) -> str:
    """The stored dashboard row of a shop whose whole log is ``events`` (``now``: see
    ``derive_status``)."""
    status = derive_status(events, catalogue, now=now)
    return json.dumps(shop_summary(status, len(events)), ensure_ascii=False)


def import_bundle(
    store: ProgressStore,
    data: bytes,
    catalogue: Catalogue,
    now: datetime,
    *,
    confirm_code: str | None = None,
    source: str | None = None,
) -> ImportResult:
    """Verify and import one progress file (``source``: its name, for messages). Its shop and key
    are checked first, from its signed manifest: a file from an unknown shop or signed by another
    key costs a few milliseconds, whatever it holds; only then are its events read.

    Raises:
        UnknownShop: first file of this shop and no (or a wrong) confirmation code.
        BundleRefused: the file is refused; nothing was written.
    """
    opened = open_progress_file(data, now=now)  # cheap: the events are not read yet
    _trusted_state(store, opened.manifest, confirm_code)
    return import_verified(store, opened.read(), catalogue, now, confirm_code=confirm_code, source=source)


def _trusted_state(
    store: ProgressStore, manifest: Manifest | Bundle, confirm_code: str | None
) -> dict[str, Any] | None:
    """The stored row of the file's shop (``None`` for a new shop whose code is confirmed).

    Raises:
        BundleRefused: the file is this install's own, or not signed by the shop's known key.
        UnknownShop: a new shop, without (or with a wrong) confirmation code.
    """
    if manifest.shop_id == store.shop_id:
        raise BundleRefused("Ce fichier de progrès vient de cet ordinateur-ci : il n'y a rien à importer.")
    key_text = base64.b64encode(manifest.public_key).decode("ascii")
    known = store.shop(manifest.shop_id)
    if known is not None and known["public_key"] != key_text:
        raise BundleRefused(
            f"Ce fichier dit venir de « {manifest.shop_name} », mais il n'est pas signé par l'ordinateur de ce "
            "commerce : il est refusé. Si le commerçant a changé d'ordinateur, confirmez à nouveau son code lors d'une visite."
        )
    code = verification_code(manifest.public_key)
    if known is None and (confirm_code is None or normalise_code(confirm_code) != code):
        raise UnknownShop(manifest.shop_name, code)
    return known


def _fingerprint(event: Event) -> tuple[object, ...]:
    """What an event says, compared between a file and the store (its text cleaned the same way
    on both sides, its time as an instant)."""
    data = json.dumps(ev.clean_data(event.kind, event.data), ensure_ascii=False, sort_keys=True)
    return (event.kind, safe_utc(event.at), event.device, event.tutorial, event.step, data)


def _new_events(existing: list[Event], bundle: Bundle, source: str | None) -> list[Event]:
    """The events of ``bundle`` not stored yet, each once.

    Raises:
        BundleRefused: an id already stored (or seen earlier in the file) with another content.
    """
    known = {e.id: e for e in existing}
    seen: dict[str, Event] = {}
    lines = bundle.event_lines or tuple(range(1, len(bundle.events) + 1))
    for event, line in zip(bundle.events, lines, strict=True):
        earlier = known.get(event.id) or seen.get(event.id)
        if earlier is not None:
            if earlier != event and _fingerprint(earlier) != _fingerprint(event):
                name = (
                    f"Le fichier « {clean_text(source, limit=120)} »" if source else "Ce fichier de progrès"
                )
                raise BundleRefused(
                    f"{name} est refusé : l'événement de la ligne {line} a le même identifiant qu'un "
                    "événement déjà reçu mais un autre contenu. Rien n'a été importé ; demandez au "
                    "commerçant de partager à nouveau ses progrès."
                )
            continue
        seen[event.id] = event
    return list(seen.values())


def _is_newer(moment: datetime, stored: object) -> bool:
    if not isinstance(stored, str) or not stored:
        return True
    try:
        previous = datetime.fromisoformat(stored)
    except ValueError:
        return True
    return safe_utc(moment) > safe_utc(previous)


def import_verified(
    store: ProgressStore,
    bundle: Bundle,
    catalogue: Catalogue,
    now: datetime,
    *,
    confirm_code: str | None = None,
    source: str | None = None,
) -> ImportResult:
    """Import a verified progress file (see ``import_bundle``).

    Only the file's own shop changes. An « erased » notice newer than every file received deletes
    that shop's events (the shop stays, marked erased); a file older than that erasure adds none.
    """
    known = _trusted_state(store, bundle, confirm_code)
    key_text = base64.b64encode(bundle.public_key).decode("ascii")
    code = verification_code(bundle.public_key)
    newest = known is None or _is_newer(bundle.created_at, known.get("last_file_at"))
    existing = store.events(bundle.shop_id)
    fresh = _new_events(existing, bundle, source)
    if bundle.sharing == ERASED and newest:
        store.delete_shop_events(bundle.shop_id)  # first: if interrupted, the notice is still new
        existing, fresh = [], []
    elif (
        known is not None
        and known.get("sharing") == ERASED
        and not _is_newer(bundle.created_at, known.get("sharing_at"))
    ):
        fresh = []  # a file written before the merchant erased their data brings nothing back
    everything = existing + fresh
    added = store.import_shop(
        shop_id=bundle.shop_id,
        name=bundle.shop_name,
        public_key=key_text,
        code=code,
        now=now.isoformat(),
        events=fresh,
        summary=summary_json(everything, catalogue, now),
        file_at=safe_utc(bundle.created_at).isoformat(),
        sharing=bundle.sharing,
    )
    name = bundle.shop_name if newest or known is None else str(known["name"])
    return ImportResult(bundle.shop_id, name, int(added or 0), known is None, bundle.sharing, newest)


def answer_help(
    store: ProgressStore, shop_id: str, request_id: str, answer: str, catalogue: Catalogue, now: datetime
) -> None:
    """Record the animator's answer to a help request in that shop's log, and refresh its row."""
    known = store.shop(shop_id)
    if known is None:
        raise BundleRefused("Ce commerce n'est pas suivi sur cet ordinateur.")
    event = ev.help_answered(store.device, request_id, answer, at=now)
    everything = [*store.events(shop_id), event]
    store.import_shop(
        shop_id=shop_id, name=known["name"], public_key=known["public_key"], code=known["code"],
        now=now.isoformat(), events=[event], summary=summary_json(everything, catalogue, now),
        file_received=False,
    )  # fmt: skip
