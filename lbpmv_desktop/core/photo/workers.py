"""Decode and export untrusted pictures in separate processes.

A decoder crash on a hostile file then only ends a worker process, never the app: the pool is
rebuilt and the merchant is told the photo could not be opened. Two workers also let a batch
export use both cores of an old PC.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from lbpmv_desktop.core.photo.opening import PhotoRefused

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from lbpmv_desktop.core.photo.export import Exported
    from lbpmv_desktop.core.photo.presets import Preset
    from lbpmv_desktop.core.photo.recipe import Recipe

CRASHED = "Cette photo n'a pas pu être ouverte : le fichier semble abîmé. Essayez une autre photo."


def _proxy(path: str, max_side: int) -> tuple[tuple[int, int], bytes]:
    from pathlib import Path

    from PIL import Image

    from lbpmv_desktop.core.photo.opening import open_image

    image = open_image(Path(path), max_side=max_side)
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS, reducing_gap=2.0)
    return image.size, image.tobytes()


def _picture(path: str, max_side: int, keep_transparency: bool) -> tuple[int, int, bytes]:
    from pathlib import Path

    from lbpmv_desktop.core.photo.preview import picture_rgba

    try:
        return picture_rgba(Path(path), max_side, keep_transparency=keep_transparency)
    finally:
        _give_memory_back()


def _export(source: str, recipe: Recipe, preset: Preset, out_dir: str, auto: bool, threads: bool) -> Exported:
    from pathlib import Path

    from lbpmv_desktop.core.photo.export import export_photo

    try:
        return export_photo(Path(source), recipe, preset, Path(out_dir), auto=auto, threads=threads)
    finally:
        _give_memory_back()


def _tile(source: str, recipe: Recipe, box: tuple[int, int, int, int]) -> tuple[tuple[int, int], bytes]:
    from pathlib import Path

    from lbpmv_desktop.core.photo.region import render_region

    image = render_region(Path(source), recipe, box)
    return image.size, image.tobytes()


def _give_memory_back() -> None:
    """Return the freed pixel buffers of a full-size export to the system (glibc keeps them)."""
    import sys

    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)


def _warm() -> bool:
    import lbpmv_desktop.core.photo.export  # noqa: F401  (imports Pillow and the pipeline)

    return True


class PhotoWorkers:
    """A small pool of worker processes, rebuilt after a crash.

    Args:
        workers: how many processes (2: both cores of a typical shop PC).
    """

    def __init__(self, workers: int = 2) -> None:
        self._workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # "spawn": a fresh interpreter, never a fork of a process that runs Qt threads.
            self._pool = ProcessPoolExecutor(self._workers, mp_context=multiprocessing.get_context("spawn"))
        return self._pool

    def _submit(self, function: Callable[..., Any], *args: Any) -> Future[Any]:
        try:
            return self._executor().submit(function, *args)
        except BrokenProcessPool:
            self.reset()
            return self._executor().submit(function, *args)

    def warm_up(self) -> list[Future[Any]]:
        """Start the processes now, so the first photo opens quickly."""
        return [self._submit(_warm) for _ in range(self._workers)]

    def proxy(self, path: Path, max_side: int) -> Future[tuple[tuple[int, int], bytes]]:
        return self._submit(_proxy, str(path), max_side)

    def tile(
        self, source: Path, recipe: Recipe, box: tuple[int, int, int, int]
    ) -> Future[tuple[tuple[int, int], bytes]]:
        """Real pixels of ``box`` of the finished photo (full-size pixels), for the 100 % view."""
        return self._submit(_tile, str(source), recipe, box)

    def picture(
        self, path: Path, max_side: int, *, keep_transparency: bool = False
    ) -> Future[tuple[int, int, bytes]]:
        """A picture for a poster, decoded in a worker: (width, height, RGBA bytes), at most
        ``max_side`` long (``PhotoRefused`` when it is not a picture the studio opens)."""
        return self._submit(_picture, str(path), max_side, keep_transparency)

    def export(
        self,
        source: Path,
        recipe: Recipe,
        preset: Preset,
        out_dir: Path,
        *,
        auto: bool = False,
        batch: bool = False,
    ) -> Future[Exported]:
        """Export in a worker; in a ``batch`` each worker keeps to one core (the other worker has the other)."""
        return self._submit(_export, str(source), recipe, preset, str(out_dir), auto, not batch)

    def reset(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    @staticmethod
    def result(future: Future[Any]) -> Any:
        """The future's result; a crashed worker becomes a plain ``PhotoRefused``."""
        try:
            return future.result()
        except BrokenProcessPool:
            raise PhotoRefused(CRASHED) from None
