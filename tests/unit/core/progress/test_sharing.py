"""Progress files: round trip, trust on first use, and refusal of anything altered or hostile."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lbpmv_desktop.core.progress import events as ev
from lbpmv_desktop.core.progress.bundle import BundleRefused, read_bundle
from lbpmv_desktop.core.progress.identity import (
    load_or_create_key,
    normalise_code,
    public_bytes,
    verification_code,
)
from lbpmv_desktop.core.progress.sharing import UnknownShop, export_bundle, import_bundle
from lbpmv_desktop.core.progress.store import ProgressStore, shop_rows
from lbpmv_desktop.core.tutorials.loader import load_catalogue
from lbpmv_desktop.paths import resources_dir
from tests.helpers.stores import merchant_store

if TYPE_CHECKING:
    from pathlib import Path

NOW = datetime.now(UTC)  # the store fixture records its events now: a file cannot come from the future


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(resources_dir() / "tutorials" / "fr")[0]


@pytest.fixture(scope="module")
def merchant_file(tmp_path_factory, catalogue) -> tuple[bytes, str]:
    folder = tmp_path_factory.mktemp("merchant")
    store = merchant_store(folder / "progress.sqlite")
    key = load_or_create_key(folder / "shop-key.pem")
    store.append(
        [ev.new_event(ev.STEP_DONE, store.device, tutorial="photos-produits", step="ce-que-vous-allez-faire")]
    )
    store.append([ev.help_asked(store.device, "photos-produits", "la-bonne-lumiere", "Je ne trouve pas")])
    data = export_bundle(store, key, catalogue, "0.1.0", NOW)
    store.close()
    return data, verification_code(public_bytes(key))


@pytest.fixture
def animator(tmp_path: Path):
    store = ProgressStore.open(tmp_path / "animator.sqlite")
    yield store
    store.close()


def test_round_trip_then_idempotent_reimport(animator, merchant_file, catalogue) -> None:
    data, code = merchant_file
    with pytest.raises(UnknownShop) as unknown:
        import_bundle(animator, data, catalogue, NOW)
    assert unknown.value.code == code
    assert animator.count("any") == 0
    assert shop_rows(animator) == []
    first = import_bundle(animator, data, catalogue, NOW, confirm_code=code.lower().replace("-", " "))
    assert (first.new_events, first.first_time, first.shop_name) == (3, True, "Les Petits Pas")
    again = import_bundle(animator, data, catalogue, NOW)
    assert (again.new_events, again.first_time) == (0, False)
    [row] = shop_rows(animator)
    assert row["summary"]["steps_done"] == 1
    assert row["summary"]["help_open"] == 1
    assert row["summary"]["help"][0]["comment"] == "Je ne trouve pas"
    assert animator.count(first.shop_id) == 3


def test_wrong_code_is_refused(animator, merchant_file, catalogue) -> None:
    data, _ = merchant_file
    with pytest.raises(UnknownShop):
        import_bundle(animator, data, catalogue, NOW, confirm_code="AAAA-AAAA")
    assert shop_rows(animator) == []


def test_another_install_claiming_the_same_shop_is_refused(
    animator, merchant_file, catalogue, tmp_path: Path
) -> None:
    data, code = merchant_file
    import_bundle(animator, data, catalogue, NOW, confirm_code=code)
    shop_id = read_bundle(data).shop_id
    impostor_store = ProgressStore.open(tmp_path / "impostor.sqlite")
    impostor_store._meta_or_create  # noqa: B018 (the store has its own shop id; we forge the claimed one below)
    impostor_key = load_or_create_key(tmp_path / "impostor.pem")
    impostor_store.shop_id = shop_id
    forged = export_bundle(impostor_store, impostor_key, catalogue, "0.1.0", NOW)
    with pytest.raises(BundleRefused, match="pas signé par l'ordinateur de ce commerce"):
        import_bundle(
            animator, forged, catalogue, NOW, confirm_code=verification_code(public_bytes(impostor_key))
        )
    impostor_store.close()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.integers(min_value=0), flip=st.integers(min_value=1, max_value=255))
def test_every_single_byte_change_is_refused(merchant_file, position: int, flip: int) -> None:
    data, _ = merchant_file
    index = position % len(data)
    altered = bytearray(data)
    altered[index] ^= flip
    with pytest.raises(BundleRefused):
        read_bundle(bytes(altered))


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "hostile",
    [
        b"",
        b"garbage" * 100,
        b"PK\x03\x04" + b"\x00" * 50,
        _zip({"manifest.json": b"{}", "manifest.sig": b"x", "events.jsonl": b"", "../summary.html": b""}),
        _zip(
            {
                "manifest.json": b"{}",
                "manifest.sig": b"x",
                "events.jsonl": b"",
                "summary.html": b"",
                "extra": b"",
            }
        ),
        _zip(
            {
                "manifest.json": b"{}",
                "manifest.sig": b"x",
                "events.jsonl": b"\x00" * (300 * 1024 * 1024 // 2),
                "summary.html": b"",
            }
        ),
        _zip(
            {"manifest.json": b"x" * 70_000, "manifest.sig": b"x", "events.jsonl": b"", "summary.html": b""}
        ),
    ],
    ids=[
        "empty",
        "garbage",
        "broken-zip",
        "path-traversal",
        "extra-member",
        "zip-bomb-ish",
        "oversized-manifest",
    ],
)
def test_hostile_files_are_refused_quickly_and_write_nothing(animator, catalogue, hostile: bytes) -> None:
    import time

    start = time.perf_counter()
    with pytest.raises(BundleRefused) as refused:
        import_bundle(animator, hostile, catalogue, NOW, confirm_code="AAAA-AAAA")
    assert time.perf_counter() - start < 5
    assert refused.value.message.startswith("Ce fichier")
    assert shop_rows(animator) == []


def test_a_newer_format_asks_to_update(merchant_file, tmp_path: Path) -> None:
    key = load_or_create_key(tmp_path / "k.pem")
    manifest = json.dumps({"format": "lbpmv-progress", "format_version": 99}).encode()
    data = _zip(
        {
            "manifest.json": manifest,
            "manifest.sig": key.sign(manifest),
            "events.jsonl": b"",
            "summary.html": b"",
        }
    )
    with pytest.raises(BundleRefused, match="mettez l'application à jour"):
        read_bundle(data)


def test_a_file_from_this_install_is_not_imported(tmp_path: Path, catalogue) -> None:
    store = ProgressStore.open(tmp_path / "p.sqlite")
    key = load_or_create_key(tmp_path / "k.pem")
    data = export_bundle(store, key, catalogue, "0.1.0", NOW)
    with pytest.raises(BundleRefused, match="cet ordinateur-ci"):
        import_bundle(store, data, catalogue, NOW)
    store.close()


def test_codes_are_short_and_forgiving() -> None:
    code = verification_code(b"\x01" * 32)
    assert len(code) == 9
    assert code[4] == "-"
    assert normalise_code(code.lower().replace("-", " ")) == code
    assert verification_code(b"\x02" * 32) != code
