"""Realistic demo data: one merchant's weeks of progress, or a programme of many shops.

Used to train animators, to take screenshots and to measure the dashboard with a thousand shops.
Demo events are recorded by devices whose id starts with ``demo``; a data folder holding any other
event holds real data, and is refused unless the caller forces it (``ensure_no_real_data``). Every
shop's event ids are its own (mixed with the shop's id), so two demo shops never share one.
"""

from __future__ import annotations

import base64
import random
import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from lbpmv_desktop.core.errors import UserError
from lbpmv_desktop.core.progress import events as ev
from lbpmv_desktop.core.progress.identity import verification_code
from lbpmv_desktop.core.progress.sharing import summary_json

if TYPE_CHECKING:
    from lbpmv_desktop.core.progress.store import ProgressStore
    from lbpmv_desktop.core.tutorials.catalogue import Catalogue

SHOPS = (
    "Les Petits Pas", "Boulangerie du Beffroi", "Fleurs de Béthune", "La Mercerie Saint-Pierre",
    "Cordonnerie Martin", "Librairie des Halles", "Optique du Centre", "Fromagerie Lefebvre",
    "Chaussures Dubois", "Le Comptoir du Thé", "Bijouterie Delattre", "Quincaillerie Moderne",
    "Épicerie Fine Caron", "Atelier Couture Léonie", "Jouets et Merveilles", "Cave du Marché",
)  # fmt: skip
FIRST_NAMES = (
    "Martine",
    "Sylvie",
    "Jean-Marc",
    "Nadia",
    "Christophe",
    "Fatima",
    "Pascal",
    "Isabelle",
    "Karim",
    "Sophie",
)
ANIMATORS = ("Léa", "Hugo", "Inès", "Thomas", "Manon")
COMMENTS = (
    "Je ne trouve pas le bouton.",
    "Mon téléphone ne se connecte pas à l'ordinateur.",
    "Je n'ai pas reçu le code par courrier.",
    "Je ne sais pas quoi écrire.",
    "",
)


DEMO_DEVICE = "demo"  # the start of every demo device id


class RealDataPresent(UserError):
    """The data folder already holds real progress: demo data is not mixed into it."""

    def __init__(self, count: int) -> None:
        super().__init__(
            f"Ce dossier de données contient déjà de vrais progrès ({count} événement(s)) : les données "
            "de démonstration n'y sont pas ajoutées, pour ne pas les mélanger. Choisissez un dossier vide "
            "avec --data-dir (ou ajoutez --force pour les ajouter quand même)."
        )
        self.count = count


def real_event_count(store: ProgressStore) -> int:
    """How many events of this folder (this shop's and every followed shop's) are not demo ones."""
    from lbpmv_desktop.core.progress.store import shop_rows

    shops = [store.shop_id, *(row["shop_id"] for row in shop_rows(store))]
    return sum(1 for shop in shops for e in store.events(shop) if not e.device.startswith(DEMO_DEVICE))


def ensure_no_real_data(store: ProgressStore) -> None:
    """Raises:
    RealDataPresent: the folder holds an event that no demo made (a merchant's or a shop's)."""
    count = real_event_count(store)
    if count:
        raise RealDataPresent(count)


def _event_id(rng: random.Random, salt: int) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128) ^ salt, version=4))


def _salt(shop_id: str) -> int:
    try:
        return uuid.UUID(shop_id).int
    except ValueError:
        return 0


def shop_events(
    catalogue: Catalogue, rng: random.Random, device: str, start: datetime, weeks: int, *,
    shop_name: str, first_name: str, animator: str, rereads: float = 0.0, salt: int = 0,
) -> list[ev.Event]:  # fmt: skip
    """A believable log: a profile, then sessions of a few steps, ratings, help, photos.

    ``salt`` (the shop id's number) makes the event ids this shop's own.
    """
    goal = rng.choice(ev.GOALS)
    log = [
        ev.Event(_event_id(rng, salt), ev.PROFILE_SET, start, device, None, None,
                 {"shop_name": shop_name, "first_name": first_name, "animator_name": animator, "goal": goal})
    ]  # fmt: skip
    moment = start

    def add(kind: str, tutorial: str | None = None, step: str | None = None, **data: object) -> None:
        nonlocal moment
        moment += timedelta(minutes=rng.randint(1, 6))
        log.append(
            ev.Event(
                _event_id(rng, salt),
                kind,
                moment,
                device,
                tutorial,
                step,
                dict(data),
            )
        )

    path = catalogue.path(goal)
    stamina = rng.uniform(0.3, 1.0)
    sessions = max(1, int(weeks * rng.uniform(1.0, 3.0) * stamina))
    position = 0
    for _ in range(sessions):
        moment += timedelta(days=rng.uniform(1.0, 7.0 * weeks / sessions))
        if position >= len(path):
            break
        tutorial = path[position]
        done_here = {e.step for e in log if e.kind == ev.STEP_DONE and e.tutorial == tutorial.id}
        if not done_here:
            add(ev.CONFIDENCE_RATED, tutorial.id, None, moment="start", value=rng.randint(1, 3))
        for step in tutorial.steps:
            if step.id in done_here:
                continue
            add(ev.STEP_OPENED, tutorial.id, step.id)
            while rng.random() < rereads / (1 + rereads):  # merchants often read a step again
                add(ev.STEP_OPENED, tutorial.id, step.id)
            if rng.random() < 0.06:
                add(ev.HELP_ASKED, tutorial.id, step.id, comment=rng.choice(COMMENTS))
                break
            add(ev.STEP_DONE, tutorial.id, step.id)
            if step.action and step.action.kind == "open-studio" and rng.random() < 0.7:
                add(ev.PHOTO_EXPORTED, preset=step.action.preset or "instagram")
            if rng.random() < 0.25:
                break
        else:
            add(ev.CONFIDENCE_RATED, tutorial.id, None, moment="end", value=rng.randint(3, 5))
            add(ev.TUTORIAL_FINISHED, tutorial.id)
            position += 1
    return log


def fill_demo_shop(
    store: ProgressStore, catalogue: Catalogue, now: datetime, seed: int = 2026, *, force: bool = False
) -> int:
    """This install becomes a merchant with several weeks of progress.

    Raises:
        RealDataPresent: the folder holds real data and ``force`` is not set.
    """
    if not force:
        ensure_no_real_data(store)
    rng = random.Random(seed)
    log = shop_events(catalogue, rng, f"{DEMO_DEVICE}-{store.device}", now - timedelta(weeks=6), 6,
                      shop_name="Les Petits Pas", first_name="Martine", animator="Léa",
                      salt=_salt(store.shop_id))  # fmt: skip
    return store.append([e for e in log if e.at <= now])


def fill_demo_programme(
    store: ProgressStore,
    catalogue: Catalogue,
    merchants: int,
    now: datetime,
    seed: int = 2026,
    rereads: float = 0.0,
    *,
    force: bool = False,
) -> int:
    """This install becomes an animator's, following ``merchants`` demo shops (``rereads``: how
    often a step is read again, to make bigger logs for benchmarks).

    Raises:
        RealDataPresent: the folder holds real data and ``force`` is not set.
    """
    if not force:
        ensure_no_real_data(store)
    rng = random.Random(seed)
    total = 0
    for index in range(merchants):
        shop_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        public_key = rng.getrandbits(256).to_bytes(32, "big")  # demo shops never sign files
        name = SHOPS[index % len(SHOPS)] + ("" if index < len(SHOPS) else f" ({index // len(SHOPS) + 1})")
        weeks = rng.randint(2, 16)
        log = shop_events(
            catalogue, rng, f"{DEMO_DEVICE}{index:05d}", now - timedelta(weeks=weeks), weeks,
            shop_name=name, first_name=rng.choice(FIRST_NAMES), animator=rng.choice(ANIMATORS), rereads=rereads,
            salt=_salt(shop_id),
        )  # fmt: skip
        log = [e for e in log if e.at <= now]
        store.import_shop(
            shop_id=shop_id, name=name, public_key=base64.b64encode(public_key).decode(), code=verification_code(public_key),
            now=now.isoformat(), events=log, summary=summary_json(log, catalogue, now),
            file_at=now.isoformat(),
        )  # fmt: skip
        total += len(log)
    return total
