"""A poster's picture is decoded in the studio's worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from lbpmv_desktop.core.photo.opening import PhotoRefused
from lbpmv_desktop.core.photo.workers import PhotoWorkers

SAMPLE = Path(__file__).resolve().parents[3] / "resources" / "samples" / "tasse-de-cafe.jpg"


def test_a_picture_is_decoded_in_a_worker_and_refused_in_french_when_damaged(tmp_path: Path) -> None:
    workers = PhotoWorkers(workers=1)
    try:
        width, height, rgba = PhotoWorkers.result(workers.picture(SAMPLE, 300))
        assert max(width, height) == 300
        assert len(rgba) == width * height * 4
        damaged = tmp_path / "abimee.jpg"
        damaged.write_bytes(b"\xff\xd8\xff\xe0 pas une photo")
        with pytest.raises(PhotoRefused) as refused:
            PhotoWorkers.result(workers.picture(damaged, 300))
        assert refused.value.message.endswith(".")
        logo = PhotoWorkers.result(workers.picture(SAMPLE, 64, keep_transparency=True))
        assert max(logo[0], logo[1]) <= 64
    finally:
        workers.shutdown()
