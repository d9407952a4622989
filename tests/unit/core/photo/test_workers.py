"""A crashing decoder process never takes the app down."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest
from PIL import Image

from lbpmv_desktop.core.photo.opening import PhotoRefused
from lbpmv_desktop.core.photo.workers import CRASHED, PhotoWorkers

if TYPE_CHECKING:
    from pathlib import Path


def test_a_crashed_worker_becomes_a_message_and_the_pool_recovers(tmp_path: Path) -> None:
    path = tmp_path / "ok.png"
    Image.new("RGB", (300, 200), (10, 200, 30)).save(path)
    workers = PhotoWorkers()
    try:
        crash = workers._submit(os._exit, 3)  # what a segfault in a decoder looks like from here
        with pytest.raises(PhotoRefused) as refused:
            workers.result(crash)
        assert refused.value.message == CRASHED
        size, rgb = workers.result(workers.proxy(path, 100))
        assert size == (100, 67)
        assert len(rgb) == 100 * 67 * 3
    finally:
        workers.shutdown()
