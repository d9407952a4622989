"""« Importer depuis mon téléphone »: the phones, cameras and USB keys plugged in, their photos
newest first, and copies into the library with a progress bar and « Annuler ».

Devices are looked for again every few seconds while the dialog is open, so plugging the phone
in (or touching « Transfert de fichiers » on it) is enough. Every look at a device runs in a
daemon thread: a slow or stuck phone never freezes the window, and never keeps the app from
quitting. Thumbnails are decoded in the studio's worker processes.
"""

from __future__ import annotations

import sys
import threading
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QDate,
    QDateTime,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
)
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QListView,
    QProgressBar,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from lbpmv_desktop.core.photo import phone
from lbpmv_desktop.core.photo.library import ImportCancelled, source_key
from lbpmv_desktop.paths import resources_dir
from lbpmv_desktop.ui.accessibility import announce
from lbpmv_desktop.ui.studio import dialogs
from lbpmv_desktop.ui.widgets.common import (
    Card,
    ReflowRow,
    ScrollPage,
    field_label,
    make_button,
    make_label,
    set_button_text,
)
from lbpmv_desktop.ui.widgets.reflow import FlowLayout, wrap_button

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from lbpmv_desktop.core.photo.library import LibraryPhoto
    from lbpmv_desktop.core.photo.phone import Device, PhonePhoto
    from lbpmv_desktop.ui.studio.controller import StudioController

_Index = QModelIndex | QPersistentModelIndex
RECHECK_MS = 3000
IMPORTED_ROLE = Qt.ItemDataRole.UserRole + 1
TIME_ROLE = Qt.ItemDataRole.UserRole + 2


# -- work off the GUI thread, in daemon threads ------------------------------------------------
class _Relay(QObject):
    """Hands the result of a background job to the GUI thread (one for the whole app)."""

    delivered = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.delivered.connect(self._on_delivered)

    @staticmethod
    def _on_delivered(packed: tuple[QObject, Callable[[bool, Any], None], bool, Any]) -> None:
        context, callback, ok, value = packed
        if shiboken6.isValid(context):  # the dialog may be gone: its results are dropped
            callback(ok, value)


_relay: _Relay | None = None


def run_in_background(context: QObject, work: Callable[[], Any], done: Callable[[bool, Any], None]) -> None:
    """Run ``work`` in a daemon thread, then ``done(ok, result or error)`` on the GUI thread."""
    global _relay
    if _relay is None:
        _relay = _Relay()  # created on the GUI thread: results are delivered there
    relay = _relay

    def job() -> None:
        try:
            outcome: tuple[bool, Any] = (True, work())
        except Exception as error:  # handed to the GUI thread
            outcome = (False, error)
        relay.delivered.emit((context, done, *outcome))

    threading.Thread(target=job, name="lbpmv-phone", daemon=True).start()


# -- the photos of a device --------------------------------------------------------------------
def date_text(taken: float) -> str:
    """« 1 déc. 2026, 10:42 » in the interface's language."""
    moment = QDateTime.fromSecsSinceEpoch(int(taken))
    return QLocale().toString(moment, "d MMM yyyy, HH:mm")


class PhonePhotosModel(QAbstractListModel):
    """The photos of one device, each ticked or not, with its thumbnail once decoded."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.photos: list[PhonePhoto] = []
        self._dates: list[str] = []
        self._imported: set[int] = set()
        self._checked: set[int] = set()
        self._icons: dict[str, QPixmap] = {}
        self._rows: dict[str, int] = {}

    def set_photos(self, photos: list[PhonePhoto], imported: set[str]) -> None:
        """Show ``photos``; those whose key is in ``imported`` are « déjà importée », the others ticked."""
        self.beginResetModel()
        self.photos = list(photos)
        self._dates = [date_text(p.taken) for p in self.photos]
        self._imported = {i for i, p in enumerate(self.photos) if source_key(p.name, p.size) in imported}
        self._checked = set(range(len(self.photos))) - self._imported
        self._rows = {str(p.path): i for i, p in enumerate(self.photos)}
        self.endResetModel()

    def checked_photos(self) -> list[PhonePhoto]:
        return [p for i, p in enumerate(self.photos) if i in self._checked]

    def new_count(self) -> int:
        return len(self.photos) - len(self._imported)

    def is_imported(self, row: int) -> bool:
        return row in self._imported

    def mark_imported(self, photo: PhonePhoto) -> None:
        row = self._rows.get(str(photo.path))
        if row is not None:
            self._imported.add(row)
            self._checked.discard(row)
            self.dataChanged.emit(self.index(row), self.index(row))

    def set_all_checked(self, on: bool) -> None:
        self._checked = set(range(len(self.photos))) - self._imported if on else set()
        if self.photos:
            self.dataChanged.emit(self.index(0), self.index(len(self.photos) - 1))

    def toggle(self, row: int) -> None:
        (self._checked.discard if row in self._checked else self._checked.add)(row)
        self.dataChanged.emit(self.index(row), self.index(row))

    def set_thumbnail(self, path: str, image: QImage) -> None:
        row = self._rows.get(path)
        if row is not None:
            self._icons[path] = QPixmap.fromImage(image)
            self.dataChanged.emit(self.index(row), self.index(row), [Qt.ItemDataRole.DecorationRole])

    def has_thumbnail(self, row: int) -> bool:
        return str(self.photos[row].path) in self._icons

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt override)
        return 0 if parent.isValid() else len(self.photos)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.photos):
            return None
        row = index.row()
        photo = self.photos[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._dates[row]
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            parts = [photo.name, self._dates[row]]
            if row in self._imported:
                parts.append(QCoreApplication.translate("PhoneImportDialog", "already imported"))
            return ", ".join(parts)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons.get(str(photo.path))
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if row in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return photo.path
        if role == IMPORTED_ROLE:
            return row in self._imported
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        on = value if isinstance(value, bool) else Qt.CheckState(value) == Qt.CheckState.Checked
        if on != (index.row() in self._checked):
            self.toggle(index.row())
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable


class PhotoTileDelegate(QStyledItemDelegate):
    """A tile: the thumbnail with a big tick box on it, the date under it, « Déjà importée ».

    Sizes follow the text size, so the tick box stays easy to hit at 200 %. A click anywhere
    on the tile or Space ticks it.
    """

    def _metrics(self, option: QStyleOptionViewItem) -> tuple[int, int, int, int]:
        """Thumbnail side, tick box side, line height, tile width."""
        metrics = option.fontMetrics
        line = metrics.lineSpacing()
        side = max(120, min(180, round(line * 3.6)))
        box = max(28, round(line * 1.2))
        bold = QFont(option.font)
        bold.setBold(True)
        widest = max(
            QFontMetrics(bold).horizontalAdvance(
                QCoreApplication.translate("PhoneImportDialog", "Already imported")
            )
            + 4,
            metrics.horizontalAdvance(
                QLocale().toString(QDateTime(QDate(2026, 9, 30), QTime(0, 0)), "d MMM yyyy,")
            ),
        )
        return side, box, line, max(side, widest) + 16

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802 (Qt override)
        side, _box, line, width = self._metrics(option)
        return QSize(width, side + 3 * line + 24)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        side, box, line, _width = self._metrics(option)
        palette = option.palette
        rect: QRect = option.rect
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        state = option.state
        checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        imported = bool(index.data(IMPORTED_ROLE))
        if checked:
            painter.fillRect(rect.adjusted(2, 2, -2, -2), palette.alternateBase())
        if state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(QPen(palette.highlight().color(), 4))
            painter.drawRoundedRect(QRectF(rect).adjusted(3, 3, -3, -3), 8, 8)
        thumb = QRect(rect.x() + (rect.width() - side) // 2, rect.y() + 8, side, side)
        pixmap = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(pixmap, QPixmap) and not pixmap.isNull():
            scaled = pixmap.scaled(
                thumb.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
            target = QRect(QPoint(0, 0), scaled.size())
            target.moveCenter(thumb.center())
            painter.drawPixmap(target, scaled)
        else:
            painter.fillRect(thumb, palette.mid())
        if imported:  # a veil: it is already in the library
            veil = QColor(palette.base().color())
            veil.setAlpha(150)
            painter.fillRect(thumb, veil)
        tick = QRectF(thumb.x() + 6, thumb.y() + 6, box, box)
        painter.setPen(QPen(palette.text().color(), 3))
        painter.setBrush(palette.highlight() if checked else palette.base())
        painter.drawRoundedRect(tick, 5, 5)
        if checked:
            mark = QPainterPath()
            mark.moveTo(tick.left() + box * 0.22, tick.top() + box * 0.52)
            mark.lineTo(tick.left() + box * 0.42, tick.top() + box * 0.72)
            mark.lineTo(tick.left() + box * 0.80, tick.top() + box * 0.28)
            pen = QPen(palette.highlightedText().color(), max(3, box // 8))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(mark)
        text_rect = QRect(rect.x() + 8, thumb.bottom() + 6, rect.width() - 16, 2 * line)
        painter.setFont(option.font)
        painter.setPen(palette.text().color())
        painter.drawText(
            text_rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap), str(index.data())
        )
        if imported:
            status = QRect(rect.x() + 8, text_rect.bottom() + 2, rect.width() - 16, line)
            bold = QFont(option.font)
            bold.setBold(True)
            painter.setFont(bold)
            painter.drawText(
                status,
                int(Qt.AlignmentFlag.AlignHCenter),
                QCoreApplication.translate("PhoneImportDialog", "Already imported"),
            )
        painter.restore()

    def editorEvent(self, event: QEvent, model: Any, option: QStyleOptionViewItem, index: _Index) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and option.rect.contains(event.position().toPoint())
        ):
            model.toggle(index.row())
            return True
        if event.type() == QEvent.Type.MouseButtonDblClick:
            return True  # two clicks tick then untick: nothing else happens
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select)
        ):
            model.toggle(index.row())
            return True
        return False


def _photo_grid(model: PhonePhotosModel) -> QListView:
    view = QListView()
    view.setModel(model)
    view.setItemDelegate(PhotoTileDelegate(view))
    view.setViewMode(QListView.ViewMode.IconMode)
    view.setFlow(QListView.Flow.LeftToRight)
    view.setWrapping(True)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setMovement(QListView.Movement.Static)
    view.setUniformItemSizes(True)
    view.setSpacing(6)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setTabKeyNavigation(False)
    view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return view


def _illustration(name: str) -> QSvgWidget:
    picture = QSvgWidget(str(resources_dir() / "illustrations" / f"{name}.svg"))
    picture.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return picture


# -- the dialog -------------------------------------------------------------------------------
class PhoneImportDialog(QDialog):
    """Import photos from a phone, a camera or a USB key into the studio's library.

    Attributes:
        imported: the library photos copied so far (what ``ask`` returns).
    Signals:
        devices_listed(): the devices were looked for (the page shown is up to date).
        photos_listed(): the photos of the chosen device are in the grid.
        progressed(int, int): photos copied, photos to copy.
        import_finished(int, bool): photos copied, whether the merchant stopped it.
    """

    devices_listed = Signal()
    photos_listed = Signal()
    progressed = Signal(int, int)
    import_finished = Signal(int, bool)

    def __init__(
        self, parent: QWidget | None, studio: StudioController, *, mount_folders: list[Path] | None = None
    ) -> None:
        super().__init__(parent)
        self._studio = studio
        self._mount_folders = mount_folders
        self.imported: list[Path] = []
        self.devices: list[Device] = []
        self._found: list[Device] = []
        self._chosen: Device | None = None  # a folder the merchant picked
        self._searching = False
        self._listing_stop = threading.Event()
        self._listed_device: Device | None = None
        self._queue: list[PhonePhoto] = []
        self._import_stop = threading.Event()
        self._importing = False
        self._done = self._failed = self._total = 0
        self._requested: set[str] = set()
        self.setWindowTitle(self.tr("Import from my phone"))
        dialogs._fit_screen(self, 960, 720)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)
        self._build_searching()
        self._build_found()
        self._build_empty()
        self._recheck = QTimer(self)
        self._recheck.setInterval(RECHECK_MS)
        self._recheck.timeout.connect(self._on_recheck)
        studio.thumbnail_ready.connect(self.model.set_thumbnail)
        self._thumb_timer = QTimer(self)
        self._thumb_timer.setSingleShot(True)
        self._thumb_timer.setInterval(30)
        self._thumb_timer.timeout.connect(self._request_visible_thumbnails)
        self.search()
        self._recheck.start()

    # -- building ------------------------------------------------------------------------------
    def _build_searching(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(make_label(self.tr("Import from my phone"), "subtitle"))
        layout.addWidget(make_label(self.tr("Looking for phones, cameras and USB keys…")))
        layout.addStretch(1)
        self.searching_close = wrap_button(self.tr("Close"))
        self.searching_close.clicked.connect(self.reject)
        row = FlowLayout()
        row.addWidget(self.searching_close)
        layout.addLayout(row)
        self.pages.addWidget(page)
        self.searching_page = page

    def _build_found(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(make_label(self.tr("Which photos do you want to import?"), "subtitle"))
        self.device_combo = QComboBox()
        # As wide as the device's name; the row becomes a column when that does not fit.
        self.device_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.device_combo.activated.connect(self._on_device_chosen)
        self.folder_button = wrap_button(self.tr("Choose a folder…"))
        self.folder_button.clicked.connect(self._on_choose_folder)
        row = ReflowRow()
        row.row.addWidget(field_label(self.tr("Photos of:"), self.device_combo))
        row.row.addWidget(self.device_combo)
        row.row.addWidget(self.folder_button)
        layout.addWidget(row)
        self.status = make_label("", "muted")
        layout.addWidget(self.status)
        self.model = PhonePhotosModel(self)
        self.model.dataChanged.connect(self._update_count)
        self.model.modelReset.connect(self._update_count)
        self.grid = _photo_grid(self.model)
        self.grid.setAccessibleName(self.tr("Photos found, newest first"))
        self.grid.verticalScrollBar().valueChanged.connect(lambda _v: self._thumb_timer.start())
        self.grid.installEventFilter(self)
        layout.addWidget(self.grid, 1)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.progress.hide()
        layout.addWidget(self.progress)
        buttons = QHBoxLayout()  # short texts: one row even at 200 % on 1024 pixels
        self.all_button = make_button(self.tr("Untick all"))  # or « Tout cocher » when none is ticked
        self.all_button.clicked.connect(self._on_tick_all)
        self.close_button = make_button(self.tr("Close"))
        self.stop_button = make_button(self.tr("Cancel"), accessible=self.tr("Cancel the import"))
        self.import_button = make_button(self.tr("Import the photos"), "primary")
        self.close_button.clicked.connect(self.reject)
        self.stop_button.clicked.connect(self._on_stop)
        self.import_button.clicked.connect(self._on_import)
        self.stop_button.hide()
        buttons.addWidget(self.all_button)
        buttons.addStretch(1)
        for widget in (self.close_button, self.stop_button, self.import_button):
            buttons.addWidget(widget)
        layout.addLayout(buttons)
        self.pages.addWidget(page)
        self.found_page = page

    def _build_empty(self) -> None:
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 16)
        scroll = ScrollPage()
        body = scroll.body
        body.setContentsMargins(24, 16, 24, 4)
        body.setSpacing(10)
        body.addWidget(make_label(self.tr("No phone or USB key found"), "subtitle"))
        body.addWidget(make_label(self.tr("This window looks for it again by itself.")))
        self._pictures: list[QSvgWidget] = []
        self._cards: list[Card] = []
        self._cards_grid = QGridLayout()
        self._cards_grid.setSpacing(16)
        for name, title, steps in (
            (
                "android-usb",
                self.tr("Android phone"),
                self.tr(
                    "Plug in the cable, unlock the phone, touch the USB notification and choose "
                    "« Transfert de fichiers »."
                ),
            ),
            (
                "iphone-trust",
                self.tr("iPhone"),
                self.tr(
                    "Unlock the iPhone and touch « Se fier » when it asks "
                    "« Faire confiance à cet ordinateur ? »."
                ),
            ),
        ):
            card = Card()
            card.body.setContentsMargins(16, 12, 16, 12)
            card.body.setSpacing(8)
            picture = _illustration(name)
            picture.setAccessibleName(title)
            self._pictures.append(picture)
            card.body.addWidget(picture, 0, Qt.AlignmentFlag.AlignHCenter)
            card.body.addWidget(make_label(title, "subtitle"))
            card.body.addWidget(make_label(steps))
            card.body.addStretch(1)
            self._cards.append(card)
        self._cards_wide: bool | None = None
        self._arrange_cards()
        body.addLayout(self._cards_grid)
        if sys.platform == "win32":
            body.addWidget(
                make_label(
                    self.tr(
                        "On Windows a phone is often not shown as a drive: open it in the File "
                        "Explorer, copy its DCIM folder onto the computer, then choose that folder "
                        "with « Choisir un dossier… »."
                    )
                )
            )
        buttons = FlowLayout()
        self.again_button = wrap_button(self.tr("Look again"), "primary")
        self.empty_folder_button = wrap_button(self.tr("Choose a folder…"))
        self.empty_close = wrap_button(self.tr("Close"))
        self.again_button.clicked.connect(lambda: self.search(announce_result=True))
        self.empty_folder_button.clicked.connect(self._on_choose_folder)
        self.empty_close.clicked.connect(self.reject)
        for widget in (self.again_button, self.empty_folder_button, self.empty_close):
            buttons.addWidget(widget)
        self.empty_status = make_label("", "muted")
        body.addWidget(self.empty_status)
        body.addStretch(1)
        outer.addWidget(scroll, 1)
        buttons.setContentsMargins(24, 0, 24, 0)
        outer.addLayout(buttons)
        self.pages.addWidget(page)
        self.empty_page = page
        self._size_pictures()

    def _size_pictures(self) -> None:
        """Pictures grow with the text (legible at 200 %) but leave room for it on a small screen."""
        line = self.fontMetrics().lineSpacing()
        height = max(160, min(300, round(line * 4.6)))
        for picture in self._pictures:
            picture.setFixedSize(round(height * 260 / 420), height)
        self._arrange_cards()

    def _arrange_cards(self) -> None:
        """Android and iPhone side by side when there is room for both texts, else one under the other."""
        wide = self.width() >= 48 * self.fontMetrics().averageCharWidth() + 120
        if wide == self._cards_wide:
            return
        self._cards_wide = wide
        for card in self._cards:
            self._cards_grid.removeWidget(card)
        for number, card in enumerate(self._cards):
            self._cards_grid.addWidget(card, 0 if wide else number, number if wide else 0)
        self._cards_grid.setColumnStretch(1, 1 if wide else 0)
        self._cards_grid.setColumnStretch(0, 1)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "_cards_wide"):
            self._size_pictures()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if hasattr(self, "_cards_wide"):
            self._size_pictures()
        self._thumb_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.grid and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._thumb_timer.start()
        return super().eventFilter(watched, event)

    # -- finding devices -----------------------------------------------------------------------
    def search(self, *, announce_result: bool = False) -> None:
        """Look for devices (in a thread); the page shown follows what is found."""
        if self._searching:
            return
        self._searching = True
        folders = self._mount_folders
        run_in_background(
            self,
            lambda: phone.find_devices(folders),
            lambda ok, value: self._on_devices(value if ok else [], announce_result=announce_result),
        )

    def _on_recheck(self) -> None:
        if not self._importing and self.isVisible():
            self.search()

    def _on_devices(self, found: list[Device], *, announce_result: bool = False) -> None:
        self._searching = False
        self._found = found
        self._show_devices()
        if not self.devices and announce_result:
            self._say_empty(self.tr("Still nothing found. Check the cable and unlock the phone."))
        self.devices_listed.emit()

    def _show_devices(self, prefer: Device | None = None) -> None:
        """Fill the device list (the folder chosen by hand last) and show the photos of one."""
        devices = [*self._found, self._chosen] if self._chosen is not None else list(self._found)
        if [d.dcim for d in devices] != [d.dcim for d in self.devices]:
            self.devices = devices
            self.device_combo.clear()
            for device in devices:
                self.device_combo.addItem(self._device_text(device))
        self.devices = devices
        if not devices:
            self._listed_device = None
            self._listing_stop.set()
            self.model.set_photos([], set())
            leaving = self.pages.currentWidget() is not self.empty_page
            self.pages.setCurrentWidget(self.empty_page)
            if leaving and self.isVisible():
                self.again_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        wanted = prefer or self._listed_device
        row = next((i for i, d in enumerate(devices) if wanted is not None and d.dcim == wanted.dcim), 0)
        self.device_combo.setCurrentIndex(row)
        if self.pages.currentWidget() is not self.found_page:
            self.pages.setCurrentWidget(self.found_page)
        if devices[row] != self._listed_device:
            self._list(devices[row])

    def _device_text(self, device: Device) -> str:
        kinds = {
            "phone": self.tr("phone"),
            "camera": self.tr("camera"),
            "drive": self.tr("USB key or memory card"),
            "folder": self.tr("folder"),
        }
        return f"{device.name} ({kinds[device.kind]})"

    def _on_device_chosen(self, row: int) -> None:
        if 0 <= row < len(self.devices) and self.devices[row] != self._listed_device:
            self._list(self.devices[row])

    def _on_choose_folder(self) -> None:
        folder = dialogs.ask_folder(self, self.tr("Choose the folder with your photos (often DCIM)"))
        if folder is not None:
            self._chosen = phone.folder_device(folder)
            self._show_devices(prefer=self._chosen)

    # -- listing the photos of a device --------------------------------------------------------
    def _list(self, device: Device) -> None:
        self._listing_stop.set()  # the previous device's listing gives up
        stop = self._listing_stop = threading.Event()
        self._listed_device = device
        self._requested.clear()
        self.model.set_photos([], set())
        self.status.setText(self.tr("Looking for the photos…"))
        library = self._studio.library

        def work() -> tuple[list[PhonePhoto], set[str]]:
            return phone.list_photos(device, cancelled=stop.is_set), library.imported()

        def done(ok: bool, value: Any) -> None:
            if stop.is_set() or device != self._listed_device:
                return
            if not ok:
                self._say(
                    self.tr("The photos could not be read. Unplug the phone, plug it in again and unlock it.")
                )
                return
            photos, imported = value
            focused = self.focusWidget()
            self.model.set_photos(photos, imported)
            if not photos:
                self.status.setText(self.tr("No photo here. Choose another device or folder."))
            else:
                self.grid.setCurrentIndex(self.model.index(0))
                if focused in (None, self.grid, self.device_combo) or not focused.isVisible():
                    self.grid.setFocus(Qt.FocusReason.OtherFocusReason)
            self._thumb_timer.start()
            self.photos_listed.emit()

        run_in_background(self, work, done)

    def _request_visible_thumbnails(self) -> None:
        """Thumbnails for the tiles in view and the next screenful (decoded in the workers)."""
        rows = self.model.rowCount()
        if not rows or not self.grid.isVisible():
            return
        viewport = self.grid.viewport().rect()
        first = self.grid.indexAt(QPoint(8, 8))
        last = self.grid.indexAt(viewport.bottomRight() - QPoint(8, 8))
        start = first.row() if first.isValid() else 0
        end = last.row() if last.isValid() else min(rows - 1, start + 40)
        for row in range(start, min(rows, end + 1 + (end - start + 1))):
            key = str(self.model.photos[row].path)
            if key not in self._requested:
                self._requested.add(key)
                self._studio.load_thumbnail(self.model.photos[row].path)

    def _update_count(self, *_args: Any) -> None:
        if self._importing:
            return
        count = len(self.model.checked_photos())
        text = (
            self.tr("Import 1 photo") if count == 1 else self.tr("Import {count} photos").format(count=count)
        )
        set_button_text(self.import_button, text)
        self.import_button.setEnabled(count > 0)
        set_button_text(self.all_button, self.tr("Untick all") if count else self.tr("Tick all"))
        self.all_button.setEnabled(count > 0 or self.model.new_count() > 0)
        if self.model.photos:
            self.status.setText(
                self.tr("Photos: {total}. New: {new}. Ticked: {count}.").format(
                    total=len(self.model.photos), new=self.model.new_count(), count=count
                )
            )

    def _on_tick_all(self) -> None:
        self.model.set_all_checked(not self.model.checked_photos())

    # -- importing -----------------------------------------------------------------------------
    def _on_import(self) -> None:
        chosen = self.model.checked_photos()
        if not chosen:
            self._say(self.tr("Tick at least one photo."))
            self.grid.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._importing = True
        self._queue = list(chosen)
        self._done = self._failed = 0
        self._total = len(chosen)
        self._import_stop = threading.Event()
        self.progress.setRange(0, self._total)
        self.progress.setValue(0)
        self.progress.show()
        for widget in (self.grid, self.device_combo, self.all_button, self.folder_button):
            widget.setEnabled(False)
        self.import_button.hide()
        self.stop_button.show()
        self.stop_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self._say(self.tr("Copying the photos… The photos on the phone do not change."))
        self._copy_next()

    def _copy_next(self) -> None:
        if self._import_stop.is_set() or not self._queue:
            self._finish_import(cancelled=self._import_stop.is_set())
            return
        photo = self._queue.pop(0)
        stop = self._import_stop
        library = self._studio.library

        def done(ok: bool, value: Any) -> None:
            if ok:
                copy: LibraryPhoto = value
                self.imported.append(copy.path)
                self._done += 1
                self.model.mark_imported(photo)
            elif not isinstance(value, ImportCancelled):
                self._failed += 1
            self.progress.setValue(self._done + self._failed)
            self.status.setText(
                self.tr("Photos copied: {done} of {total}").format(done=self._done, total=self._total)
            )
            self.progressed.emit(self._done, self._total)
            self._copy_next()

        run_in_background(self, lambda: library.import_copy(photo.path, cancelled=stop.is_set), done)

    def _on_stop(self) -> None:
        self._import_stop.set()
        self._say(self.tr("Stopping…"))

    def _finish_import(self, *, cancelled: bool) -> None:
        self._importing = False
        self._queue = []
        for widget in (self.grid, self.device_combo, self.all_button, self.folder_button):
            widget.setEnabled(True)
        self.stop_button.hide()
        self.import_button.show()
        self._update_count()
        self._studio.refresh_recent()
        self.import_finished.emit(self._done, cancelled)
        if cancelled:
            self._say(self.tr("Stopped. Photos imported: {count}.").format(count=self._done))
        elif self._failed:
            self._say(
                self.tr(
                    "Photos not copied: {failed}. Check that the phone is still plugged in and unlocked, "
                    "then try again."
                ).format(failed=self._failed)
            )
        else:
            self.accept()
            return
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- helpers ---------------------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.status.setText(text)
        announce(self.status, text)

    def _say_empty(self, text: str) -> None:
        self.empty_status.setText(text)
        announce(self.empty_status, text)

    def done(self, result: int) -> None:
        """Closing stops what runs: a photo being copied leaves nothing behind."""
        self._recheck.stop()
        self._listing_stop.set()
        self._import_stop.set()
        super().done(result)

    @classmethod
    def ask(cls, parent: QWidget | None, studio: StudioController) -> list[Path]:
        """Show the dialog; the library photos it imported (the first one to open)."""
        dialog = cls(parent, studio)
        try:
            dialog.exec()
            return list(dialog.imported)
        finally:
            dialog.deleteLater()
