"""The studio's state and actions: the open photo, its recipe under an undo stack, the preview,
the library and the exports. Widgets call these small methods and listen to the signals."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage, QUndoCommand, QUndoStack

from lbpmv_desktop.core.photo.opening import PhotoRefused
from lbpmv_desktop.core.photo.recipe import Crop, Label, Recipe
from lbpmv_desktop.core.photo.workers import PhotoWorkers
from lbpmv_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from concurrent.futures import Future
    from pathlib import Path

    from lbpmv_desktop.core.photo.export import Exported
    from lbpmv_desktop.core.photo.library import LibraryPhoto, PhotoLibrary
    from lbpmv_desktop.core.photo.preview import Proxy

log = logging.getLogger(__name__)
PROXY_SIDE = 1280
THUMB_SIDE = 160


class RecipeCommand(QUndoCommand):
    """One edit: the recipe before and after. Consecutive moves of one slider merge."""

    def __init__(
        self, studio: StudioController, before: Recipe, after: Recipe, text: str, key: int = -1
    ) -> None:
        super().__init__(text)
        self._studio, self.before, self.after, self._key = studio, before, after, key

    def id(self) -> int:
        return self._key

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt override)
        if not isinstance(other, RecipeCommand) or other.id() != self._key or self._key < 0:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self._studio._show_recipe(self.after)

    def undo(self) -> None:
        self._studio._show_recipe(self.before)


class StudioController(QObject):
    """Everything the studio page shows.

    Signals:
        opened(str): a photo is open (its name).
        preview_ready(QImage): a new preview to show.
        original_ready(QImage): the photo as it was, framed like the preview (split view).
        recipe_changed(object): the current Recipe changed (edit, undo, redo).
        failed(str): a plain French message for the merchant.
        exported(str, bool): a photo was written (its path, whether it was enlarged).
        batch_progress(int, int): photos done, photos in all.
        batch_finished(int, bool): photos written, whether the batch was cancelled.
        recent_changed(list): the library's photos, most recent first.
        thumbnail_ready(str, QImage): a small picture for the recent list or the import dialog.
        full_size_known(object): the (width, height) of the finished picture at full size.
        tile_ready(QImage, object): real pixels of the finished picture for 100 %, with their
            (left, top, right, bottom) box in full-size pixels.
    """

    opened = Signal(str)
    preview_ready = Signal(QImage)
    original_ready = Signal(QImage)
    recipe_changed = Signal(object)
    failed = Signal(str)
    exported = Signal(str, bool)
    batch_progress = Signal(int, int)
    batch_finished = Signal(int, bool)
    recent_changed = Signal(list)
    thumbnail_ready = Signal(str, QImage)
    full_size_known = Signal(object)
    tile_ready = Signal(QImage, object)
    _future_done = Signal(object, object)

    def __init__(
        self, library: PhotoLibrary, workers: PhotoWorkers, out_dir: Path, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.workers = workers
        self.out_dir = out_dir
        self.undo_stack = QUndoStack(self)
        self.photo: LibraryPhoto | None = None
        self.recipe = Recipe()
        self.showing_original = False
        self.crop_editing = False
        self.comparing = False
        self._proxy: Proxy | None = None
        self._io = TaskRunner(self)
        self._renderer = TaskRunner(self)
        self._render_wanted = False
        self._rendering = False
        self._batch: list[Future[Any]] = []
        self._tile_wanted: tuple[int, int, int, int] | None = None
        self._tiling = False
        self._batch_done = 0
        self._batch_written = 0
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(400)
        self._save_timer.timeout.connect(self._save_recipe)
        self._future_done.connect(self._on_future_done)

    # -- futures from the worker processes, delivered on the GUI thread -------------------
    def _when_done(self, future: Future[Any], callback: Any) -> None:
        future.add_done_callback(lambda f: self._future_done.emit(f, callback))

    def _on_future_done(self, future: Future[Any], callback: Any) -> None:
        callback(future)

    # -- opening ---------------------------------------------------------------------------
    def start(self) -> None:
        """Start the worker processes and list the library (call when the studio is shown)."""
        self.workers.warm_up()
        self.refresh_recent()

    def refresh_recent(self) -> None:
        self._io.submit(self.library.recent, self.recent_changed.emit, self._report)

    def open_file(self, path: Path) -> None:
        """Open a photo from anywhere: a copy goes into the library, the original is only read."""
        self._io.submit(lambda: self.library.add_copy(path), self.open_photo, self._report)

    def open_photo(self, photo: LibraryPhoto) -> None:
        self._save_now()

        def load() -> tuple[Recipe, tuple[tuple[int, int], bytes]]:
            self.library.touch(photo)
            recipe = self.library.load_recipe(photo)
            return recipe, self.workers.result(self.workers.proxy(photo.path, PROXY_SIDE))

        def done(result: tuple[Recipe, tuple[tuple[int, int], bytes]]) -> None:
            from lbpmv_desktop.core.photo.preview import Proxy

            recipe, (size, rgb) = result
            self.photo, self._proxy = photo, Proxy(size, rgb)
            self.undo_stack.clear()
            self.recipe = recipe
            self.crop_editing = False
            self.opened.emit(photo.name)
            self.recipe_changed.emit(recipe)
            self.request_preview()
            self.refresh_recent()

        self._io.submit(load, done, self._report)

    def load_thumbnail(self, path: Path) -> None:
        def done(future: Future[Any]) -> None:
            if future.cancelled():  # the studio is closing: nobody waits for it any more
                return
            try:
                (width, height), rgb = PhotoWorkers.result(future)
            except PhotoRefused:
                return
            except Exception:  # a thumbnail that fails only stays grey
                log.warning("thumbnail of %s failed", path.name, exc_info=True)
                return
            self.thumbnail_ready.emit(str(path), _qimage(width, height, rgb))

        self._when_done(self.workers.proxy(path, THUMB_SIDE), done)

    # -- editing ---------------------------------------------------------------------------
    def edit(self, recipe: Recipe, text: str, key: int = -1) -> None:
        """Apply an edit through the undo stack."""
        if self.photo is None or recipe == self.recipe:
            return
        self.undo_stack.push(RecipeCommand(self, self.recipe, recipe, text, key))

    def improve(self) -> None:
        if self._proxy is not None:
            self.edit(self._proxy.improved(self.recipe), self.tr("Improve"))

    def set_adjustment(self, name: str, value: int, key: int) -> None:
        self.edit(self.recipe.with_adjustment(name, value), self.tr("Adjust"), key)

    def rotate(self, quarter_turns: int) -> None:
        self.edit(self.recipe.rotated(quarter_turns), self.tr("Rotate"))

    def straighten(self, degrees: float) -> None:
        self.edit(replace(self.recipe, straighten=round(degrees, 1), crop=None), self.tr("Straighten"), 100)

    def set_crop(self, crop: Crop | None, key: int = 101) -> None:
        """A new frame; consecutive moves of the frame are one undo step."""
        self.edit(replace(self.recipe, crop=crop.clamped() if crop else None), self.tr("Crop"), key)

    def crop_to_ratio(self, ratio: float | None) -> None:
        """The largest centred crop of ``ratio`` (None: no crop)."""
        if ratio is None or self._proxy is None:
            self.set_crop(None)
            return
        from lbpmv_desktop.core.photo.render import straightened_size

        width, height = straightened_size(*self._proxy.size, self.recipe)
        if width / height > ratio:
            w = height * ratio / width
            self.set_crop(Crop((1 - w) / 2, 0.0, w, 1.0, ratio), -1)
        else:
            h = width / ratio / height
            self.set_crop(Crop(0.0, (1 - h) / 2, 1.0, h, ratio), -1)

    def set_background(self, on: bool) -> None:
        self.edit(replace(self.recipe, brighten_background=on), self.tr("Brighten the background"))

    def set_label(self, label: Label | None) -> None:
        self.edit(replace(self.recipe, label=label), self.tr("Text on the photo"), 102)

    def move_label(self, x: float, y: float) -> None:
        """The label's centre, in fractions of the finished picture (a drag is one undo step)."""
        label = self.recipe.label
        if label is not None:
            self.edit(
                replace(self.recipe, label=replace(label, x=x, y=y).clamped()), self.tr("Move the text"), 103
            )

    def set_label_size(self, size: int) -> None:
        label = self.recipe.label
        if label is not None:
            self.edit(
                replace(self.recipe, label=replace(label, size=size).clamped()), self.tr("Text size"), 104
            )

    def set_logo(self, path: Path | None) -> None:
        if path is None:
            self.edit(replace(self.recipe, logo=None), self.tr("Logo"))
            return

        def add() -> LibraryPhoto:
            logo = self.library.add_copy(path)
            self.workers.result(self.workers.proxy(logo.path, 64))  # decoded once in a worker first
            return logo

        def done(photo: LibraryPhoto) -> None:
            self.edit(replace(self.recipe, logo=photo.name), self.tr("Logo"))

        self._io.submit(add, done, self._report)

    def reset(self) -> None:
        self.edit(Recipe(), self.tr("Start again"))

    def show_original(self, on: bool) -> None:
        self.showing_original = on
        self.request_preview()

    def set_crop_editing(self, on: bool) -> None:
        """Show the whole photo (to place a frame on it) or the framed result."""
        self.crop_editing = on
        self.request_preview()

    def set_comparing(self, on: bool) -> None:
        """Also render the photo as it was, framed the same way, for the split view."""
        self.comparing = on
        self.request_preview()

    def whole_aspect(self) -> float | None:
        """Width / height of the whole upright, straightened photo (what a frame is placed on)."""
        if self._proxy is None:
            return None
        from lbpmv_desktop.core.photo.render import straightened_size

        width, height = straightened_size(*self._proxy.size, self.recipe)
        return width / height

    def export_frame(self, preset_name: str) -> Crop | None:
        """The frame a target with fixed proportions will keep, when the current crop does not
        already have them (the merchant sees and moves it first); None: nothing to show."""
        from lbpmv_desktop.core.photo.presets import PRESETS
        from lbpmv_desktop.core.photo.render import crop_box, straightened_size

        ratio = PRESETS[preset_name].ratio
        if ratio is None or self._proxy is None:
            return None
        size = straightened_size(*self._proxy.size, self.recipe)
        left, top, right, bottom = crop_box(size, self.recipe.crop, None)
        if abs((right - left) / (bottom - top) / ratio - 1.0) < 0.01:
            return None
        left, top, right, bottom = crop_box(size, self.recipe.crop, ratio)
        width, height = size
        return Crop(left / width, top / height, (right - left) / width, (bottom - top) / height, ratio)

    def _show_recipe(self, recipe: Recipe) -> None:
        self.recipe = recipe
        self.recipe_changed.emit(recipe)
        self.request_preview()
        self._save_timer.start()

    # -- preview (latest wins: a slider moved during a render is rendered next) -------------
    @property
    def preview_pending(self) -> bool:
        """A preview is being drawn, or will be: what is shown is not the last edit yet."""
        return self._rendering or self._render_wanted

    def request_preview(self) -> None:
        if self._proxy is None:
            return
        self._render_wanted = True
        if not self._rendering:
            self._render_next()

    def _render_next(self) -> None:
        proxy = self._proxy
        if proxy is None or not self._render_wanted:
            return
        self._render_wanted = False
        self._rendering = True
        # Placing a frame: the whole photo, without the text (its place is on the framed photo).
        recipe = replace(self.recipe, crop=None, label=None) if self.crop_editing else self.recipe
        original = self.showing_original
        logo = self.library.photos_dir / recipe.logo if recipe.logo else None
        framing = (
            Recipe(rotate=recipe.rotate, straighten=recipe.straighten, crop=recipe.crop)
            if self.comparing and not original
            else None
        )

        def render() -> tuple[tuple[int, int, bytes], tuple[int, int, bytes] | None]:
            edited = proxy.render(recipe, logo, edits=not original)
            return edited, proxy.render(framing) if framing is not None else None

        self._renderer.submit(render, self._on_rendered, self._on_render_failed)

    def _on_rendered(self, result: tuple[tuple[int, int, bytes], tuple[int, int, bytes] | None]) -> None:
        self._rendering = False
        edited, before = result
        if before is not None:
            self.original_ready.emit(_qimage(*before))
        self.preview_ready.emit(_qimage(*edited))
        self._render_next()

    def _on_render_failed(self, error: BaseException) -> None:
        self._rendering = False
        self._report(error)

    # -- 100 %: real pixels of the photo, decoded in a worker (latest wins) -----------------------
    def measure_full_size(self) -> None:
        """Emit ``full_size_known`` with the finished picture's full size (the file's header only)."""
        photo, recipe = self.photo, self.recipe
        if photo is None:
            return

        def measure() -> tuple[int, int]:
            from lbpmv_desktop.core.photo.opening import upright_size
            from lbpmv_desktop.core.photo.render import crop_box, straightened_size

            size = straightened_size(*upright_size(photo.path), recipe)
            left, top, right, bottom = crop_box(size, recipe.crop, None)
            return right - left, bottom - top

        self._io.submit(measure, self.full_size_known.emit, self._report)

    def request_tile(self, box: tuple[int, int, int, int]) -> None:
        """Real pixels for ``box`` of the finished picture (full-size pixels)."""
        self._tile_wanted = box
        if not self._tiling:
            self._tile_next()

    def _tile_next(self) -> None:
        photo, box, recipe = self.photo, self._tile_wanted, self.recipe
        if photo is None or box is None:
            return
        self._tile_wanted, self._tiling = None, True
        future: Future[Any] = self.workers.tile(photo.path, recipe, box)

        def done(finished: Future[Any]) -> None:
            self._tiling = False
            try:
                (width, height), rgb = PhotoWorkers.result(finished)
            except (PhotoRefused, OSError) as error:
                self._report(error)
                return
            if photo == self.photo and recipe == self.recipe:  # else an older picture: not shown
                self.tile_ready.emit(_qimage(width, height, rgb), box)
            self._tile_next()

        self._when_done(future, done)

    # -- saving and exporting ----------------------------------------------------------------
    def _save_recipe(self) -> None:
        photo, recipe = self.photo, self.recipe
        if photo is not None:
            self._io.submit(lambda: self.library.save_recipe(photo, recipe), None, self._report)

    def _save_now(self) -> None:
        if self._save_timer.isActive():
            self._save_timer.stop()
            self._save_recipe()

    def export(self, preset_name: str, frame: Crop | None = None) -> None:
        """Write a copy for a target; ``frame``: the frame the merchant confirmed for this copy
        (the photo's own crop is left as it is)."""
        from lbpmv_desktop.core.photo.presets import PRESETS

        if self.photo is None:
            return
        self._save_now()
        recipe = self.recipe if frame is None else replace(self.recipe, crop=frame.clamped())
        future = self.workers.export(self.photo.path, recipe, PRESETS[preset_name], self.out_dir)

        def done(finished: Future[Any]) -> None:
            try:
                result: Exported = PhotoWorkers.result(finished)
            except (PhotoRefused, OSError) as error:
                self._report(error)
                return
            self.exported.emit(str(result.path), result.upscaled)

        self._when_done(future, done)

    def export_batch(self, photos: list[LibraryPhoto], preset_name: str) -> None:
        """Export several photos (each with its saved edits) on both cores."""
        from lbpmv_desktop.core.photo.presets import PRESETS

        self._save_now()
        preset = PRESETS[preset_name]
        self._batch, self._batch_done, self._batch_written = [], 0, 0
        total = len(photos)
        for photo in photos:
            recipe = (
                self.recipe
                if self.photo and photo.path == self.photo.path
                else self.library.load_recipe(photo)
            )
            future = self.workers.export(photo.path, recipe, preset, self.out_dir, batch=True)
            self._batch.append(future)

            def done(finished: Future[Any]) -> None:
                self._batch_done += 1
                if not finished.cancelled():
                    try:
                        result: Exported = PhotoWorkers.result(finished)
                        self._batch_written += 1
                        self.exported.emit(str(result.path), result.upscaled)
                    except (PhotoRefused, OSError) as error:
                        self._report(error)
                self.batch_progress.emit(self._batch_done, total)
                if self._batch_done == total:
                    self.batch_finished.emit(self._batch_written, any(f.cancelled() for f in self._batch))

            self._when_done(future, done)
        if not photos:
            self.batch_finished.emit(0, False)

    def cancel_batch(self) -> None:
        for future in self._batch:
            future.cancel()

    # -- helpers -----------------------------------------------------------------------------
    def _report(self, error: BaseException) -> None:
        message = getattr(error, "message", None)
        if isinstance(error, PhotoRefused) and isinstance(message, str):
            self.failed.emit(message)
        elif isinstance(error, OSError):
            self.failed.emit(
                self.tr(
                    "The photo could not be saved there: the disk may be full or the USB key removed. "
                    "Your original photo is not changed: free some space or choose another folder."
                )
            )
        else:
            log.error("studio error: %r", error)
            self.failed.emit(
                self.tr(
                    "Something went wrong with this photo. Your original photo is not changed: please try again."
                )
            )

    def shutdown(self) -> None:
        self._save_now()
        self._io.shutdown()
        self._renderer.shutdown()
        self.workers.shutdown()


def _qimage(width: int, height: int, rgb: bytes) -> QImage:
    return QImage(rgb, width, height, 3 * width, QImage.Format.Format_RGB888).copy()
