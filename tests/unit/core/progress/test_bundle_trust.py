"""Progress files under attack: hostile files and dates, other shops' ids, hidden characters, notices,
and what the merchant is shown before sharing (issue 11)."""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import os
import uuid
import zipfile
from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lbpmv_desktop.core.errors import UserError
from lbpmv_desktop.core.progress import bundle as bundle_module
from lbpmv_desktop.core.progress import events as ev
from lbpmv_desktop.core.progress.bundle import (
    MAX_FILE_BYTES,
    BundleRefused,
    open_progress_file,
    read_bundle,
    read_progress_file,
    summary_html,
    write_bundle,
    write_notice,
)
from lbpmv_desktop.core.progress.demo import (
    RealDataPresent,
    ensure_no_real_data,
    fill_demo_programme,
    fill_demo_shop,
)
from lbpmv_desktop.core.progress.identity import (
    load_or_create_key,
    public_bytes,
    public_text,
    verification_code,
)
from lbpmv_desktop.core.progress.sharing import (
    UnknownShop,
    export_bundle,
    import_bundle,
    share_content,
    shop_summary,
    summary_json,
)
from lbpmv_desktop.core.progress.status import SAFE_MAX, derive_status, safe_utc
from lbpmv_desktop.core.progress.store import ProgressStore, shop_rows
from lbpmv_desktop.core.tutorials.loader import load_catalogue
from lbpmv_desktop.paths import resources_dir
from tests.helpers.stores import merchant_store

if TYPE_CHECKING:
    from pathlib import Path

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

NOW = datetime.now(UTC).replace(microsecond=0)
HOSTILE_DATE = "9999-12-31T23:59:59-12:00"
TUTORIAL, STEP = "photos-produits", "ce-que-vous-allez-faire"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(resources_dir() / "tutorials" / "fr")[0]


@pytest.fixture(scope="module")
def one_shop(tmp_path_factory) -> Shop:
    return Shop(tmp_path_factory.mktemp("shop"), "Boutique")


@pytest.fixture
def animator(tmp_path: Path):
    store = ProgressStore.open(tmp_path / "animator.sqlite")
    yield store
    store.close()


class Shop:
    """A merchant's install, reduced to what a file needs: an id, a key, a device."""

    def __init__(self, folder: Path, name: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.key: Ed25519PrivateKey = load_or_create_key(folder / "shop-key.pem")
        self.id = str(uuid.uuid4())
        self.name = name
        self.device = uuid.uuid4().hex[:16]
        self.code = verification_code(public_bytes(self.key))

    def events(self, count: int, start: datetime = NOW - timedelta(days=3)) -> list[ev.Event]:
        return [
            ev.Event(
                str(uuid.uuid4()), ev.STEP_OPENED, start + timedelta(minutes=i), self.device, TUTORIAL, STEP
            )
            for i in range(count)
        ]

    def file(self, events: list[ev.Event], created: datetime = NOW, name: str | None = None) -> bytes:
        return write_bundle(self.key, self.id, name or self.name, events, ["x"], "0.1.0", created)


def _stored(store: ProgressStore, shop_id: str) -> dict[str, tuple[object, ...]]:
    return {e.id: (e.kind, e.at, e.device, e.tutorial, e.step, e.data) for e in store.events(shop_id)}


def _row(store: ProgressStore, shop_id: str) -> dict[str, object]:
    return next(row for row in shop_rows(store) if row["shop_id"] == shop_id)


# -- 1. files that are not files -----------------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_fifo_named_like_a_progress_file_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "progres-piege.lbpmv"
    os.mkfifo(fifo)
    with pytest.raises(BundleRefused, match="pas un fichier ordinaire"):
        read_progress_file(fifo)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_link_to_a_device_is_refused_at_once(tmp_path: Path) -> None:
    link = tmp_path / "progres-zero.lbpmv"
    link.symlink_to("/dev/zero")
    with pytest.raises(BundleRefused, match="refusé : ce n'est pas un fichier ordinaire"):
        read_progress_file(link)


def test_a_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "gros.lbpmv"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written, nothing must be read
    with pytest.raises(BundleRefused, match="beaucoup trop gros"):
        read_progress_file(big)
    missing = tmp_path / "absent.lbpmv"
    with pytest.raises(BundleRefused, match="introuvable"):
        read_progress_file(missing)


# -- 2. events belong to their shop ---------------------------------------------------------
def test_a_shop_shipping_another_shops_ids_cannot_hide_them(animator, catalogue, tmp_path: Path) -> None:
    victim, attacker = Shop(tmp_path / "a", "Les Petits Pas"), Shop(tmp_path / "b", "Cordonnerie")
    victim_events = victim.events(5)
    stolen = [ev.Event(e.id, ev.STEP_DONE, e.at, attacker.device, TUTORIAL, STEP) for e in victim_events]
    # the attacker's file first: its ids must not stop the victim's events from being stored
    said = import_bundle(animator, attacker.file(stolen), catalogue, NOW, confirm_code=attacker.code)
    assert said.new_events == animator.count(attacker.id) == 5
    first = import_bundle(animator, victim.file(victim_events), catalogue, NOW, confirm_code=victim.code)
    assert first.new_events == animator.count(victim.id) == 5
    assert _stored(animator, victim.id) == {
        e.id: (e.kind, e.at, e.device, e.tutorial, e.step, e.data) for e in victim_events
    }
    # and the other way round: once stored, the victim's events are not replaced or removed
    before = _stored(animator, victim.id)
    later = ev.Event(str(uuid.uuid4()), ev.STEP_DONE, NOW, attacker.device, TUTORIAL, STEP)
    again = import_bundle(animator, attacker.file([*stolen, later], NOW + timedelta(hours=1)), catalogue, NOW)
    assert again.new_events == 1
    assert _stored(animator, victim.id) == before
    assert _row(animator, victim.id)["summary"]["events"] == 5


def test_two_demo_shops_do_not_clash(animator, catalogue, tmp_path: Path) -> None:
    files = []
    for name in ("m1", "m2"):
        store = ProgressStore.open(tmp_path / name / "progress.sqlite")
        count = fill_demo_shop(store, catalogue, NOW)
        key = load_or_create_key(tmp_path / name / "shop-key.pem")
        files.append(
            (export_bundle(store, key, catalogue, "0.1.0", NOW), verification_code(public_bytes(key)), count)
        )
        store.close()
    for data, code, count in files:
        result = import_bundle(animator, data, catalogue, NOW, confirm_code=code)
        assert result.new_events == count == animator.count(result.shop_id)
    assert sum(row["summary"]["events"] for row in shop_rows(animator)) == files[0][2] + files[1][2]


def test_an_id_received_again_with_another_content_is_refused_with_the_file_named(
    animator, catalogue, tmp_path: Path
) -> None:
    shop = Shop(tmp_path / "a", "Les Petits Pas")
    log = shop.events(3)
    log[1] = ev.Event(log[1].id, ev.HELP_ASKED, log[1].at, shop.device, TUTORIAL, STEP, {"comment": "aide"})
    import_bundle(animator, shop.file(log), catalogue, NOW, confirm_code=shop.code)
    before = _stored(animator, shop.id)
    changes = {
        "kind": {"kind": ev.STEP_DONE, "data": {}},
        "at": {"at": log[1].at + timedelta(seconds=1)},
        "device": {"device": "autre"},
        "tutorial": {"tutorial": "page-facebook"},
        "step": {"step": "autre-etape"},
        "data": {"data": {"comment": "changé"}},
    }
    for field, value in changes.items():
        forged = ev.Event(**{**log[1].__dict__, **value})
        fresh = shop.events(1, NOW)
        with pytest.raises(BundleRefused) as refused:
            import_bundle(
                animator, shop.file([fresh[0], log[0], forged], NOW + timedelta(minutes=1), "Nouveau nom"),
                catalogue, NOW, source="progres-petits-pas.lbpmv",
            )  # fmt: skip
        assert "« progres-petits-pas.lbpmv »" in refused.value.message, field
        assert "ligne 3" in refused.value.message
        assert "même identifiant" in refused.value.message
        assert _stored(animator, shop.id) == before, f"nothing imported ({field})"
        assert _row(animator, shop.id)["name"] == "Les Petits Pas"
    # the same id twice in one file with two contents is refused too
    twice = [log[0], ev.Event(log[0].id, ev.STEP_DONE, log[0].at, shop.device, TUTORIAL, STEP)]
    other = Shop(tmp_path / "b", "Autre")
    with pytest.raises(BundleRefused, match="ligne 2"):
        import_bundle(animator, other.file(twice), catalogue, NOW, confirm_code=other.code)
    # the very same events again are simply already there
    assert import_bundle(animator, shop.file(log), catalogue, NOW).new_events == 0


def test_an_older_file_replayed_never_brings_back_an_older_name_or_time(
    animator, catalogue, tmp_path: Path
) -> None:
    shop = Shop(tmp_path / "a", "Ancien nom")
    old_log, new_log = shop.events(2, NOW - timedelta(days=5)), shop.events(2, NOW - timedelta(days=1))
    old_file = shop.file(old_log, NOW - timedelta(days=4), "Ancien nom")
    new_file = shop.file(old_log + new_log, NOW - timedelta(hours=2), "Nouveau nom")
    import_bundle(animator, new_file, catalogue, NOW, confirm_code=shop.code)
    written = _row(animator, shop.id)["last_file_at"]
    assert datetime.fromisoformat(str(written)) == NOW - timedelta(hours=2)
    result = import_bundle(animator, old_file, catalogue, NOW + timedelta(hours=1))
    assert (result.new_events, result.newest, result.shop_name) == (0, False, "Nouveau nom")
    row = _row(animator, shop.id)
    assert (row["name"], row["last_file_at"]) == ("Nouveau nom", written)


# -- 3. hostile dates -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("at", "words"),
    [
        (datetime(2019, 12, 31, 23, 0, tzinfo=UTC), "trop ancienne"),
        (datetime(1970, 1, 1, tzinfo=UTC), "trop ancienne"),
        (NOW + timedelta(days=1, hours=1), "dans le futur"),
        (datetime(2099, 1, 1, tzinfo=UTC), "dans le futur"),
        (datetime.fromisoformat(HOSTILE_DATE), "date impossible"),
        (datetime.fromisoformat("0001-01-01T00:00:00+14:00"), "date impossible"),
    ],
    ids=["2019", "1970", "tomorrow-plus", "2099", "year-9999-minus-12", "year-1-plus-14"],
)
def test_events_with_hostile_dates_are_refused_clearly(
    animator, catalogue, tmp_path: Path, at, words
) -> None:
    shop = Shop(tmp_path / "a", "Les Petits Pas")
    log = [*shop.events(2), ev.Event(str(uuid.uuid4()), ev.STEP_DONE, at, shop.device, TUTORIAL, STEP)]
    with pytest.raises(BundleRefused) as refused:
        import_bundle(animator, shop.file(log), catalogue, NOW, confirm_code=shop.code)
    assert "ligne 3" in refused.value.message
    assert words in refused.value.message
    assert shop_rows(animator) == []


def test_a_clock_a_few_hours_ahead_is_accepted(animator, catalogue, tmp_path: Path) -> None:
    shop = Shop(tmp_path / "a", "Les Petits Pas")
    log = shop.events(1, NOW + timedelta(hours=20))
    assert (
        import_bundle(
            animator, shop.file(log, NOW + timedelta(hours=20)), catalogue, NOW, confirm_code=shop.code
        ).new_events
        == 1
    )


@pytest.mark.parametrize(
    "created",
    [datetime.fromisoformat(HOSTILE_DATE), datetime(2019, 6, 1, tzinfo=UTC), NOW + timedelta(days=3)],
)
def test_a_file_itself_dated_absurdly_is_refused(tmp_path: Path, created: datetime) -> None:
    shop = Shop(tmp_path / "a", "Les Petits Pas")
    with pytest.raises(BundleRefused, match="Ce fichier de progrès est refusé : il porte une date"):
        read_bundle(shop.file([], created), now=NOW)


def _hostile_log(device: str, *, naive: bool = True) -> list[ev.Event]:
    dates = [
        datetime.fromisoformat(HOSTILE_DATE),
        datetime.fromisoformat("0001-01-01T00:00:00+14:00"),
        datetime(2099, 1, 1, tzinfo=UTC),
        *([datetime.max] if naive else []),
        NOW - timedelta(days=2),
    ]
    log = [
        ev.Event(str(uuid.uuid4()), kind, at, device, TUTORIAL, STEP, data)
        for at in dates
        for kind, data in (
            (ev.STEP_DONE, {}),
            (ev.HELP_ASKED, {"comment": "aide"}),
            (ev.CONFIDENCE_RATED, {"moment": "start", "value": 3}),
            (ev.TUTORIAL_FINISHED, {}),
            (ev.VISIT_NOTE, {"type": "note", "text": "n"}),
        )
    ]
    return log


def test_extreme_stored_dates_never_crash_and_never_become_the_last_activity(catalogue) -> None:
    log = _hostile_log("d")
    status = derive_status(log, catalogue, now=NOW)
    assert status.last_activity == NOW - timedelta(days=2)
    row = shop_summary(status, len(log))
    json.dumps(row)
    for moment in [
        *(h.at for h in status.help_requests),
        *(c.at for c in status.confidence),
        *status.finished_at.values(),
    ]:
        assert moment.tzinfo is UTC
        assert moment.astimezone().isoformat()
        for hours in (-14, 14):
            assert moment.astimezone(timezone(timedelta(hours=hours))).year >= 1
    assert derive_status(log, catalogue).last_activity is not None  # the current time by default
    assert (
        json.loads(summary_json(log, catalogue, NOW))["last_activity"]
        == (NOW - timedelta(days=2)).isoformat()
    )
    assert safe_utc(datetime.fromisoformat(HOSTILE_DATE)) == SAFE_MAX


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    moments=st.lists(
        st.tuples(st.datetimes(), st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1)),
        min_size=1,
        max_size=6,
    )
)
def test_no_date_at_any_offset_crashes_the_status_or_a_file(catalogue, one_shop: Shop, moments) -> None:
    log = [
        ev.Event(str(uuid.uuid4()), ev.HELP_ASKED, at.replace(tzinfo=timezone(timedelta(minutes=offset))), "d",
                 TUTORIAL, STEP, {"comment": "c"})
        for at, offset in moments
    ]  # fmt: skip
    status = derive_status(log, catalogue, now=NOW)
    assert status.last_activity is None or status.last_activity <= NOW + timedelta(days=1)
    json.loads(summary_json(log, catalogue, NOW))
    for request in status.help_requests:
        assert request.at.astimezone(timezone(timedelta(hours=-14))).isoformat()
        assert request.at.astimezone(timezone(timedelta(hours=14))).isoformat()
    for event in log:
        try:
            instant = event.at.astimezone(UTC)
        except OverflowError:
            instant = None
        if instant is not None and datetime(2020, 1, 1, tzinfo=UTC) <= instant <= NOW + timedelta(days=1):
            assert read_bundle(one_shop.file([event]), now=NOW).events[0].at == instant
        else:
            with pytest.raises(BundleRefused, match="ligne 1"):
                read_bundle(one_shop.file([event]), now=NOW)


def test_the_merchants_own_store_with_hostile_dates_still_shares(tmp_path: Path, catalogue) -> None:
    store = merchant_store(tmp_path / "p.sqlite")
    store.append(_hostile_log(store.device, naive=False))
    key = load_or_create_key(tmp_path / "k.pem")
    content = share_content(store, catalogue, include_visit_notes=True)
    assert content.lines
    assert export_bundle(store, key, catalogue, "0.1.0", NOW)
    store.close()


# -- 4. names and texts are cleaned ---------------------------------------------------------------
def test_names_and_texts_from_a_file_lose_their_hidden_characters(
    animator, catalogue, tmp_path: Path
) -> None:
    shop = Shop(tmp_path / "a", "Cordonnerie\u202e 0€\x1b[31m")
    dirty = "Je\u200b bloque\u2066\n\n\n\nici\x07"
    log = [
        ev.Event(str(uuid.uuid4()), ev.PROFILE_SET, NOW - timedelta(days=1), shop.device, None, None,
                 {"shop_name": "Les\u202e Petits Pas", "first_name": "Mar\x00tine", "animator_name": "L\u061céa",
                  "goal": "photos"}),
        ev.Event(str(uuid.uuid4()), ev.HELP_ASKED, NOW - timedelta(hours=5), shop.device, TUTORIAL, STEP,
                 {"comment": dirty}),
        ev.Event(str(uuid.uuid4()), ev.VISIT_NOTE, NOW - timedelta(hours=4), shop.device, None, None,
                 {"type": "note\u202e", "text": "Frein\u2067 : pas\tde wifi"}),
        ev.Event(str(uuid.uuid4()), ev.HELP_ANSWERED, NOW - timedelta(hours=3), shop.device, None, None,
                 {"request": "x", "answer": "Cliquez\u202d ici\r\nensuite"}),
    ]  # fmt: skip
    result = import_bundle(animator, shop.file(log), catalogue, NOW, confirm_code=shop.code)
    assert result.shop_name == "Cordonnerie 0€[31m"
    assert _row(animator, shop.id)["name"] == "Cordonnerie 0€[31m"
    by_kind = {e.kind: e.data for e in animator.events(shop.id)}
    assert by_kind[ev.PROFILE_SET]["shop_name"] == "Les Petits Pas"
    assert by_kind[ev.PROFILE_SET]["first_name"] == "Martine"
    assert by_kind[ev.PROFILE_SET]["animator_name"] == "Léa"
    assert by_kind[ev.HELP_ASKED]["comment"] == "Je bloque\n\nici"
    assert by_kind[ev.VISIT_NOTE] == {"type": "note", "text": "Frein : pas de wifi"}
    assert by_kind[ev.HELP_ANSWERED]["answer"] == "Cliquez ici\nensuite"
    assert _row(animator, shop.id)["summary"]["help"][0]["comment"] == "Je bloque\n\nici"
    # the same file again is the same events (compared cleaned): nothing refused, nothing added
    assert import_bundle(animator, shop.file(log), catalogue, NOW).new_events == 0


def test_a_name_made_only_of_hidden_characters_is_refused(tmp_path: Path) -> None:
    shop = Shop(tmp_path / "a", "\u202e\u200b\x1b")
    with pytest.raises(BundleRefused, match="nom du commerce"):
        read_bundle(shop.file([]), now=NOW)


def test_the_event_constructors_clean_what_people_type() -> None:
    profile = ev.profile_set("d", shop_name=" Les\u202e Petits\tPas ", first_name="Mar\u200btine",
                             animator_name="Léa\x1b", goal="photos")  # fmt: skip
    assert profile.data == {"shop_name": "Les Petits Pas", "first_name": "Martine", "animator_name": "Léa",
                            "goal": "photos"}  # fmt: skip
    assert ev.help_asked("d", "t", "s", "  Je\u202e bloque\n\n\n\nvraiment  ").data == {
        "comment": "Je bloque\n\nvraiment"
    }
    assert len(ev.help_asked("d", "t", "s", "a" * 5000).data["comment"]) == ev.COMMENT_LIMIT
    answer = ev.help_answered("d", "req", "Clique\u2066z ici\r\n")
    assert (answer.kind, answer.data) == (ev.HELP_ANSWERED, {"request": "req", "answer": "Cliquez ici"})
    note = ev.visit_note("d", "barrier", "Pas\u200f de wifi\x07")
    assert (note.kind, note.data) == (ev.VISIT_NOTE, {"type": "barrier", "text": "Pas de wifi"})
    with pytest.raises(ValueError, match="note type"):
        ev.visit_note("d", "secret", "x")


# -- 5. notices ------------------------------------------------------------------------------------
def test_a_stopped_notice_sets_the_state_and_keeps_the_events(animator, catalogue, tmp_path: Path) -> None:
    shop = Shop(tmp_path / "a", "Les Petits Pas")
    import_bundle(
        animator, shop.file(shop.events(4), NOW - timedelta(hours=3)), catalogue, NOW, confirm_code=shop.code
    )
    notice = write_notice(shop.key, shop.id, shop.name, "stopped", "0.1.0", NOW - timedelta(hours=1))
    bundle = read_bundle(notice, now=NOW)
    assert (bundle.sharing, bundle.events) == ("stopped", [])
    result = import_bundle(animator, notice, catalogue, NOW)
    assert (result.sharing, result.new_events) == ("stopped", 0)
    row = _row(animator, shop.id)
    assert row["sharing"] == "stopped"
    assert datetime.fromisoformat(str(row["sharing_at"])) == NOW - timedelta(hours=1)
    assert animator.count(shop.id) == 4
    # a newer full file means sharing again
    import_bundle(animator, shop.file(shop.events(1, NOW), NOW), catalogue, NOW)
    assert _row(animator, shop.id)["sharing"] == "active"


def test_an_erased_notice_deletes_that_shop_only(animator, catalogue, tmp_path: Path) -> None:
    shop, other = Shop(tmp_path / "a", "Les Petits Pas"), Shop(tmp_path / "b", "Cordonnerie")
    old_file = shop.file(shop.events(4), NOW - timedelta(hours=3))
    import_bundle(animator, old_file, catalogue, NOW, confirm_code=shop.code)
    import_bundle(animator, other.file(other.events(2)), catalogue, NOW, confirm_code=other.code)
    notice = write_notice(shop.key, shop.id, shop.name, "erased", "0.1.0", NOW - timedelta(hours=1))
    assert import_bundle(animator, notice, catalogue, NOW).sharing == "erased"
    row = _row(animator, shop.id)
    assert (row["sharing"], animator.count(shop.id)) == ("erased", 0)
    assert row["summary"]["events"] == 0
    assert row["summary"]["steps_done"] == 0
    assert row["summary"]["last_activity"] is None
    assert animator.count(other.id) == 2
    # the full file written before the erasure, found again on a USB key, brings nothing back
    assert import_bundle(animator, old_file, catalogue, NOW).new_events == 0
    assert animator.count(shop.id) == 0
    assert _row(animator, shop.id)["sharing"] == "erased"


def test_a_notice_older_than_the_newest_file_changes_nothing(animator, catalogue, tmp_path: Path) -> None:
    shop = Shop(tmp_path / "a", "Les Petits Pas")
    import_bundle(
        animator, shop.file(shop.events(3), NOW - timedelta(hours=1)), catalogue, NOW, confirm_code=shop.code
    )
    for state in ("stopped", "erased"):
        old = write_notice(shop.key, shop.id, shop.name, state, "0.1.0", NOW - timedelta(hours=5))
        result = import_bundle(animator, old, catalogue, NOW)
        assert not result.newest
        assert _row(animator, shop.id)["sharing"] == "active"
        assert animator.count(shop.id) == 3


def _old_format_file(shop: Shop, events: list[ev.Event]) -> bytes:
    """A file as version 0.1 wrote it: no « sharing » in its manifest."""
    body = "".join(json.dumps(e.as_json(), sort_keys=True) + "\n" for e in events).encode()
    summary = summary_html(shop.name, ["x"]).encode()
    manifest = json.dumps({
        "format": "lbpmv-progress", "format_version": 1, "app_version": "0.1.0", "shop_id": shop.id,
        "shop_name": shop.name, "public_key": public_text(shop.key), "created_at": NOW.isoformat(),
        "members": {"events.jsonl": hashlib.sha256(body).hexdigest(), "summary.html": hashlib.sha256(summary).hexdigest()},
    }).encode()  # fmt: skip
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", manifest)
        archive.writestr("manifest.sig", shop.key.sign(manifest))
        archive.writestr("events.jsonl", body)
        archive.writestr("summary.html", summary)
    signed = buffer.getvalue()[:-2] + (64).to_bytes(2, "little")
    return signed + shop.key.sign(signed)


def test_old_files_without_the_field_read_as_active(tmp_path: Path) -> None:
    shop = Shop(tmp_path / "a", "Les Petits Pas")
    bundle = read_bundle(_old_format_file(shop, shop.events(2)), now=NOW)
    assert (bundle.sharing, len(bundle.events)) == ("active", 2)
    assert base64.b64encode(bundle.public_key).decode() == public_text(shop.key)


def test_a_notice_carrying_events_is_refused(tmp_path: Path) -> None:
    shop = Shop(tmp_path / "a", "Les Petits Pas")
    data = write_bundle(shop.key, shop.id, shop.name, shop.events(1), [], "0.1.0", NOW, sharing="stopped")
    with pytest.raises(BundleRefused, match="contient des événements"):
        read_bundle(data, now=NOW)


# -- 6. what the merchant is shown is what the file holds --------------------------------------------
def _visited_store(folder: Path) -> ProgressStore:
    store = merchant_store(folder / "progress.sqlite")
    d = store.device
    store.append([
        ev.new_event(ev.STEP_OPENED, d, tutorial=TUTORIAL, step=STEP),
        ev.new_event(ev.STEP_DONE, d, tutorial=TUTORIAL, step=STEP),
        ev.new_event(ev.STEP_DONE, d, tutorial=TUTORIAL, step="la-bonne-lumiere"),
        ev.help_asked(d, TUTORIAL, "la-bonne-lumiere", "Je ne trouve pas la fenêtre"),
        ev.help_asked(d, TUTORIAL, STEP, ""),
        ev.confidence_rated(d, TUTORIAL, "start", 2),
        ev.new_event(ev.PHOTO_EXPORTED, d, data={"preset": "instagram"}),
        ev.new_event(ev.VISIT_STARTED, d, data={"day": "2026-11-30"}),
        ev.new_event(ev.DIAGNOSTIC_DONE, d, data={"answers": {"ordinateur": 1, "photos": 0}, "profile": "freine"}),
        ev.new_event(ev.PLAN_SET, d, data={"tutorials": [TUTORIAL]}),
        ev.visit_note(d, "barrier", "Peur de se tromper"),
        ev.visit_note(d, "opportunity", "Vitrine très soignée"),
        ev.visit_note(d, "note", "Rappeler mardi"),
    ])  # fmt: skip
    return store


@pytest.mark.parametrize("include", [True, False])
def test_the_preview_describes_exactly_the_files_events(tmp_path: Path, catalogue, include: bool) -> None:
    store = _visited_store(tmp_path)
    key = load_or_create_key(tmp_path / "k.pem")
    content = share_content(store, catalogue, include_visit_notes=include)
    data = export_bundle(store, key, catalogue, "0.1.0", NOW, include_visit_notes=include)
    in_file = read_bundle(data, now=NOW)
    assert [e.id for e in in_file.events] == [e.id for e in content.events]
    assert sorted(e.kind for e in content.events) == sorted(
        e.kind for e in store.events() if include or e.kind != ev.VISIT_NOTE
    )
    text = "\n".join(content.lines)
    assert f"En tout : {len(content.events)} événements." in content.lines
    for expected in (
        "2 étapes faites",
        "1 étape ouverte",
        "2 demandes d'aide",
        "« Je ne trouve pas la fenêtre »",
        "« Les Petits Pas »",
        "« Martine »",
        "« Léa »",
        "1 note de confiance",
        "2 sur 5",
        "1 photo préparée",
        "1 visite de l'animateur",
        "profil « Demandeur mais freiné »",
        "Avez-vous un ordinateur au magasin ? Oui, mais je m'en sers peu",
        "Prenez-vous vos produits en photo ? Jamais",
        "Plan choisi pendant la visite :",
    ):
        assert expected in text, expected
    notes = ("Peur de se tromper", "Vitrine très soignée", "Rappeler mardi")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        summary = archive.read("summary.html").decode()
        body = archive.read("events.jsonl").decode()
    if include:
        assert "3 notes de l'animateur" in text
        assert all(note in text and note in body for note in notes)
    else:
        assert not any(note in text or note in summary or note in body for note in notes)
        assert "3 notes de l'animateur restent sur cet ordinateur" in text
        assert ev.VISIT_NOTE not in body
    assert all(html.escape(line) in summary for line in content.lines)
    store.close()


def test_every_kind_in_the_file_is_described(tmp_path: Path, catalogue) -> None:
    store = _visited_store(tmp_path)
    store.append([
        ev.new_event(ev.STEP_UNDONE, store.device, tutorial=TUTORIAL, step=STEP),
        ev.new_event(ev.TUTORIAL_FINISHED, store.device, tutorial=TUTORIAL),
        ev.new_event(ev.POSTER_MADE, store.device, data={"template": "promo"}),
        ev.help_answered(store.device, "x", "Regardez en haut à droite"),
    ])  # fmt: skip
    text = "\n".join(share_content(store, catalogue, include_visit_notes=True).lines)
    for words in ("1 étape remise à faire", "1 tutoriel terminé", "1 affiche faite",
                  "1 réponse de l'animateur : « Regardez en haut à droite »"):  # fmt: skip
        assert words in text, words
    empty = ProgressStore.open(tmp_path / "empty.sqlite")
    assert share_content(empty, catalogue, include_visit_notes=True).lines[0] == "En tout : 0 événement."
    empty.close()
    store.close()


# -- 7. demo data never lands on real data ------------------------------------------------------------
def test_demo_refuses_a_folder_with_real_data(tmp_path: Path, catalogue) -> None:
    store = merchant_store(tmp_path / "p.sqlite")
    with pytest.raises(RealDataPresent) as refused:
        fill_demo_shop(store, catalogue, NOW)
    assert isinstance(refused.value, UserError)
    assert "vrais progrès (1 événement(s))" in refused.value.message
    assert "--force" in refused.value.message
    assert store.count() == 1
    with pytest.raises(RealDataPresent):
        fill_demo_programme(store, catalogue, 2, NOW)
    assert shop_rows(store) == []
    assert fill_demo_shop(store, catalogue, NOW, force=True) > 0
    store.close()


def test_demo_refuses_an_animator_folder_with_real_shops(animator, catalogue, tmp_path: Path) -> None:
    shop = Shop(tmp_path / "a", "Les Petits Pas")
    import_bundle(animator, shop.file(shop.events(2)), catalogue, NOW, confirm_code=shop.code)
    with pytest.raises(RealDataPresent, match=r"\(2 événement"):
        ensure_no_real_data(animator)


def test_demo_on_demo_is_fine_and_adds_nothing_twice(tmp_path: Path, catalogue) -> None:
    store = ProgressStore.open(tmp_path / "p.sqlite")
    ensure_no_real_data(store)
    first = fill_demo_shop(store, catalogue, NOW)
    assert first > 0
    assert fill_demo_shop(store, catalogue, NOW) == 0  # same shop, same ids: nothing twice
    other = ProgressStore.open(tmp_path / "q.sqlite")
    fill_demo_shop(other, catalogue, NOW)
    assert not {e.id for e in store.events()} & {e.id for e in other.events()}
    programme = ProgressStore.open(tmp_path / "r.sqlite")
    fill_demo_programme(programme, catalogue, 3, NOW)
    ensure_no_real_data(programme)
    fill_demo_programme(programme, catalogue, 3, NOW)
    for s in (store, other, programme):
        s.close()


# -- 8. a file costs little before its shop is trusted, and little at all ---------------------------
def _no_event_parsing(monkeypatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("the events were parsed before the shop was trusted")

    monkeypatch.setattr(bundle_module, "_parse_event", refuse)


def test_an_unknown_shop_or_a_wrong_key_is_refused_before_its_events_are_read(
    animator, catalogue, tmp_path: Path, monkeypatch
) -> None:
    shop, impostor = Shop(tmp_path / "a", "Les Petits Pas"), Shop(tmp_path / "b", "Faux")
    data = shop.file(shop.events(20))
    import_bundle(animator, shop.file(shop.events(1)), catalogue, NOW, confirm_code=shop.code)
    stranger = Shop(tmp_path / "c", "Cordonnerie")
    forged = write_bundle(impostor.key, shop.id, shop.name, shop.events(20), ["x"], "0.1.0", NOW)
    _no_event_parsing(monkeypatch)
    with pytest.raises(UnknownShop) as unknown:
        import_bundle(animator, stranger.file(stranger.events(20)), catalogue, NOW)
    assert (unknown.value.shop_name, unknown.value.code) == ("Cordonnerie", stranger.code)
    with pytest.raises(UnknownShop):
        import_bundle(animator, stranger.file(stranger.events(20)), catalogue, NOW, confirm_code="AAAA-AAAA")
    with pytest.raises(BundleRefused, match="pas signé par l'ordinateur de ce commerce"):
        import_bundle(animator, forged, catalogue, NOW)
    manifest = open_progress_file(data, now=NOW).manifest
    assert (manifest.shop_id, manifest.shop_name, manifest.code) == (shop.id, shop.name, shop.code)
    assert manifest.public_key == public_bytes(shop.key)
    assert animator.count(shop.id) == 1


def test_a_file_with_too_many_events_is_refused_even_from_an_unknown_shop(
    animator, catalogue, tmp_path: Path, monkeypatch
) -> None:
    shop = Shop(tmp_path / "a", "Les Petits Pas")
    monkeypatch.setattr(bundle_module, "MAX_EVENTS", 5)
    assert len(read_bundle(shop.file(shop.events(5)), now=NOW).events) == 5
    with pytest.raises(BundleRefused, match="beaucoup trop d'événements"):
        read_bundle(shop.file(shop.events(6)), now=NOW)
    blank = write_bundle(shop.key, shop.id, shop.name, [], ["x"], "0.1.0", NOW)
    assert read_bundle(blank, now=NOW).events == []
    # its size is known from the zip's signed directory: refused before asking for the code
    monkeypatch.setitem(bundle_module.MAX_MEMBER_BYTES, "events.jsonl", 2000)
    _no_event_parsing(monkeypatch)
    with pytest.raises(BundleRefused, match="trop gros une fois ouvert") as refused:
        import_bundle(animator, shop.file(shop.events(20)), catalogue, NOW)
    assert not isinstance(refused.value, UnknownShop)
    assert shop_rows(animator) == []


def test_the_limits_fit_a_real_shop_with_room_to_spare(tmp_path: Path) -> None:
    shop = Shop(tmp_path / "a", "Les Petits Pas")
    step = ev.Event(str(uuid.uuid4()), ev.STEP_OPENED, NOW, "a" * 32, "page-google-mon-commerce", "x" * 40)
    line = len(json.dumps(step.as_json(), ensure_ascii=False).encode()) + 1
    # 12 tutorials, 86 steps: every tutorial done ten times, each step opened three times, is about
    # 4,000 events; the limits allow ten times that, and not hundreds of thousands.
    assert 40_000 <= bundle_module.MAX_EVENTS <= 50_000
    assert (
        bundle_module.MAX_EVENTS * line < bundle_module.MAX_MEMBER_BYTES["events.jsonl"] <= 32 * 1024 * 1024
    )
    assert bundle_module.MAX_FILE_BYTES <= 16 * 1024 * 1024
    comment = ev.Event(
        str(uuid.uuid4()), ev.HELP_ASKED, NOW, shop.device, TUTORIAL, STEP, {"comment": "😀" * 1000}
    )
    answer = ev.help_answered(shop.device, str(uuid.uuid4()), "\u0928\u093f" * 500)
    assert [e.data for e in read_bundle(shop.file([comment, answer]), now=NOW).events] == [
        comment.data,
        answer.data,
    ]


# -- 9. values of the wrong type or out of range ----------------------------------------------------
_PROFILE = {"shop_name": "Les Petits Pas", "first_name": "Martine", "animator_name": "Léa", "goal": "photos"}


@pytest.mark.parametrize(
    ("kind", "data", "words"),
    [
        (ev.PROFILE_SET, {**_PROFILE, "animator_name": 5}, "texte"),
        (ev.PROFILE_SET, {**_PROFILE, "first_name": ["a"]}, "texte"),
        (ev.PROFILE_SET, {**_PROFILE, "shop_name": {"x": 1}}, "texte"),
        (ev.PROFILE_SET, {**_PROFILE, "goal": None}, "objectif"),
        (ev.PROFILE_SET, {**_PROFILE, "goal": "devenir riche"}, "objectif"),
        (ev.CONFIDENCE_RATED, {"moment": "start", "value": float("nan")}, "nombre impossible"),
        (ev.CONFIDENCE_RATED, {"moment": "end", "value": float("inf")}, "nombre impossible"),
        (ev.CONFIDENCE_RATED, {"moment": "end", "value": -1e308}, "de 1 à 5"),
        (ev.CONFIDENCE_RATED, {"moment": "end", "value": 4.0}, "de 1 à 5"),
        (ev.CONFIDENCE_RATED, {"moment": "end", "value": True}, "de 1 à 5"),
        (ev.CONFIDENCE_RATED, {"moment": "end", "value": 6}, "de 1 à 5"),
        (ev.CONFIDENCE_RATED, {"moment": "end", "value": "cinq"}, "de 1 à 5"),
        (ev.CONFIDENCE_RATED, {"moment": "end", "value": [1, 2]}, "de 1 à 5"),
        (ev.CONFIDENCE_RATED, {"moment": "milieu", "value": 3}, "moment"),
        (ev.HELP_ASKED, {"comment": 12345}, "texte"),
        (ev.HELP_ANSWERED, {"answer": None, "request": 3}, "texte"),
        (ev.VISIT_NOTE, {"note_type": "evil", "text": "a"}, "inattendue"),
        (ev.VISIT_NOTE, {"type": "note", "text": ["a"]}, "texte"),
        (ev.VISIT_NOTE, {"type": "evil", "text": "a"}, "type de note"),
        (ev.PLAN_SET, {"tutorials": "notalist"}, "liste"),
        (ev.PLAN_SET, {"tutorials": [1, 2]}, "liste"),
        (ev.DIAGNOSTIC_DONE, {"answers": "x", "profile": "freine"}, "réponses"),
        (ev.DIAGNOSTIC_DONE, {"answers": {"photos": 10**18}, "profile": "freine"}, "réponses"),
        (ev.PHOTO_EXPORTED, {"count": 10**18}, "inattendue"),
        (ev.PHOTO_EXPORTED, {"preset": 10**18}, "texte"),
        (ev.STEP_DONE, {"x": 1}, "inattendue"),
        (ev.VISIT_STARTED, {"day": float("-inf")}, "nombre impossible"),
    ],
)
def test_values_of_the_wrong_type_are_refused_with_their_line(
    animator, catalogue, tmp_path: Path, kind: str, data: dict[str, object], words: str
) -> None:
    shop = Shop(tmp_path / "a", "Les Petits Pas")
    hostile = ev.Event(str(uuid.uuid4()), kind, NOW - timedelta(hours=1), shop.device, TUTORIAL, STEP, data)
    with pytest.raises(BundleRefused) as refused:
        import_bundle(animator, shop.file([*shop.events(2), hostile]), catalogue, NOW, confirm_code=shop.code)
    message = refused.value.message
    assert message.startswith("Ce fichier de progrès est refusé : la ligne 3 des événements"), message
    assert words in message, message
    assert message.endswith("."), message
    assert message.count(".") == 1, message
    assert shop_rows(animator) == []


def test_every_event_the_app_makes_passes(tmp_path: Path, catalogue) -> None:
    store = _visited_store(tmp_path)
    store.append([
        ev.profile_set(store.device, shop_name="Chaussons bébé 24,90 €", first_name="", animator_name="",
                       goal="vendre"),
        ev.new_event(ev.STEP_UNDONE, store.device, tutorial=TUTORIAL, step=STEP),
        ev.new_event(ev.TUTORIAL_FINISHED, store.device, tutorial=TUTORIAL),
        ev.confidence_rated(store.device, TUTORIAL, "end", 5),
        ev.new_event(ev.POSTER_MADE, store.device, data={"template": "promo"}),
        ev.help_answered(store.device, str(uuid.uuid4()), "Regardez en haut à droite"),
    ])  # fmt: skip
    data = export_bundle(store, load_or_create_key(tmp_path / "k.pem"), catalogue, "0.1.0", NOW)
    assert [e.id for e in read_bundle(data, now=NOW).events] == [e.id for e in store.events()]
    store.close()


# -- 10. texts: their size is counted as written, and said plainly ---------------------------------------
def test_a_comment_full_of_hidden_characters_is_accepted_cleaned(animator, catalogue, tmp_path: Path) -> None:
    shop = Shop(tmp_path / "a", "Les Petits Pas")
    comment = ev.Event(str(uuid.uuid4()), ev.HELP_ASKED, NOW - timedelta(hours=1), shop.device, TUTORIAL, STEP,
                       {"comment": "x\u202e" * 600})  # fmt: skip
    result = import_bundle(animator, shop.file([comment]), catalogue, NOW, confirm_code=shop.code)
    assert result.new_events == 1
    assert animator.events(shop.id)[0].data == {"comment": "x" * 600}


def test_a_text_too_long_is_said_so_with_its_line(tmp_path: Path) -> None:
    shop = Shop(tmp_path / "a", "Les Petits Pas")
    long = ev.Event(str(uuid.uuid4()), ev.HELP_ASKED, NOW - timedelta(hours=1), shop.device, TUTORIAL, STEP,
                    {"comment": "é" * (bundle_module.MAX_DATA_BYTES // 2 + 1)})  # fmt: skip
    with pytest.raises(BundleRefused) as refused:
        read_bundle(shop.file([*shop.events(1), long]), now=NOW)
    assert refused.value.message == (
        "Ce fichier de progrès est refusé : la ligne 2 des événements contient un texte trop long."
    )


@settings(max_examples=500, deadline=None)
@given(
    text=st.text(st.characters(codec="utf-8"), max_size=30)
    | st.text(st.sampled_from(" \u00a0\u202ee\u0301é\u200d\n\r\t😀a\u2028\x85\x1c"), max_size=30),
    limit=st.none() | st.integers(min_value=0, max_value=20),
    multiline=st.booleans(),
)
def test_the_quick_cleaning_is_clean_text(text: str, limit: int | None, multiline: bool) -> None:
    from lbpmv_desktop.core.cleantext import clean_text
    from lbpmv_desktop.core.progress.events import _clean

    assert _clean(text, limit, multiline=multiline) == clean_text(text, limit=limit, multiline=multiline)


@pytest.mark.parametrize(
    "event_id", ["ABCDEF01-2345-4678-9ABC-DEF012345678", "{" + str(uuid.uuid4()) + "}", "x"]
)
def test_an_id_not_written_as_the_app_writes_it_is_refused(tmp_path: Path, event_id: str) -> None:
    shop = Shop(tmp_path / "a", "Les Petits Pas")
    odd = ev.Event(event_id, ev.STEP_DONE, NOW - timedelta(hours=1), shop.device, TUTORIAL, STEP)
    with pytest.raises(BundleRefused, match="la ligne 2 des événements a un identifiant incorrect"):
        read_bundle(shop.file([*shop.events(1), odd]), now=NOW)
