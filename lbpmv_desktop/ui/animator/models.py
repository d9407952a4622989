"""The dashboard's table: one row per followed shop."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from lbpmv_desktop.core.progress.report import ShopView, shop_view

_Index = QModelIndex | QPersistentModelIndex

# What matters most first (a narrow table scrolls sideways): the shop, whether it waits for help,
# where it is and when it was last active.
COLUMNS = (
    ("name", QT_TRANSLATE_NOOP("ShopsTableModel", "Shop")),
    ("help_open", QT_TRANSLATE_NOOP("ShopsTableModel", "Help waiting")),
    ("current", QT_TRANSLATE_NOOP("ShopsTableModel", "Current step")),
    ("last_activity", QT_TRANSLATE_NOOP("ShopsTableModel", "Last activity")),
    ("animator", QT_TRANSLATE_NOOP("ShopsTableModel", "Animator")),
    ("steps_done", QT_TRANSLATE_NOOP("ShopsTableModel", "Steps done")),
    ("tutorials_done", QT_TRANSLATE_NOOP("ShopsTableModel", "Tutorials finished")),
    ("confidence", QT_TRANSLATE_NOOP("ShopsTableModel", "Confidence")),
    ("last_file_at", QT_TRANSLATE_NOOP("ShopsTableModel", "Last file received")),
)
KEYS = [key for key, _title in COLUMNS]
HELP_COLUMN = KEYS.index("help_open")
NAME_COLUMN = KEYS.index("name")
ANIMATOR_COLUMN = KEYS.index("animator")
CURRENT_COLUMN = KEYS.index("current")
LAST_FILE_COLUMN = KEYS.index("last_file_at")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SHOP_ROLE = Qt.ItemDataRole.UserRole + 2


def _day(moment: datetime | None, bad: bool) -> str:
    """A believable time as its local day and how long ago; « date incorrecte » when the stored
    value was not a believable time (``report.shop_view`` checked it: this never overflows)."""
    if moment is None:
        return QCoreApplication.translate("ShopsTableModel", "incorrect date") if bad else "—"
    local = moment.astimezone()
    days = (datetime.now(UTC).astimezone().date() - local.date()).days
    text = local.strftime("%d/%m/%Y")
    return f"{text} ({days} j)" if days > 0 else text


def sharing_text(view: ShopView) -> str | None:
    """« partage arrêté le … » or « données effacées le … »; None while the shop shares."""
    day = view.sharing_at.astimezone().strftime("%d/%m/%Y") if view.sharing_at else "—"
    if view.sharing == "stopped":
        return QCoreApplication.translate("ShopsTableModel", "sharing stopped on {day}").format(day=day)
    if view.sharing == "erased":
        return QCoreApplication.translate("ShopsTableModel", "data erased on {day}").format(day=day)
    return None


_DATES = {"last_activity": "last_activity", "last_file_at": "last_file"}
_COUNTS = ("help_open", "steps_done", "tutorials_done", "confidence")


class ShopsTableModel(QAbstractTableModel):
    """Rows from ``report.stored_shops`` (plain dicts), shown through their checked views
    (``report.shop_view``): no stored value can make ``data()`` or sorting fail.

    Sorting uses ``SORT_ROLE`` values, of one type per column (text, or an integer with -1 for
    unknown).

    Attributes:
        titles: the tutorial titles, to name the current step.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []
        self._views: list[ShopView] = []
        self.titles: dict[str, str] = {}

    def set_rows(self, rows: list[dict[str, Any]], now: datetime | None = None) -> None:
        moment = now or datetime.now(UTC)
        self.beginResetModel()
        self._rows = rows
        self._views = [shop_view(row, moment) for row in rows]
        self.endResetModel()

    def row_data(self, row: int) -> dict[str, Any]:
        """The stored row, as read (for tests and callers that need every column)."""
        return self._rows[row]

    def view(self, row: int) -> ShopView:
        """The checked values of a row: what every view shows."""
        return self._views[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt override)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt override)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("ShopsTableModel", str(COLUMNS[section][1]))
        return None

    def _sort_value(self, view: ShopView, key: str) -> str | int:
        if key in _DATES:
            moment = getattr(view, _DATES[key])
            return moment.isoformat() if moment else ""
        if key in _COUNTS:
            value = getattr(view, key)
            return -1 if value is None else int(value)
        return self._display(view, key).casefold()

    def _display(self, view: ShopView, key: str) -> str:
        if key == "name":
            return view.name or "—"
        if key == "animator":
            return view.animator or "—"
        if key == "current":
            return self.titles.get(view.current[0], view.current[0]) if view.current else "—"
        if key == "last_file_at":
            return sharing_text(view) or _day(view.last_file, "last_file" in view.bad_dates)
        if key == "last_activity":
            return _day(view.last_activity, "last_activity" in view.bad_dates)
        value = getattr(view, key)
        if key == "confidence":
            return f"{value}/5" if value else "—"
        if value is None:
            return "—"
        if key == "help_open":
            return f"⚠ {value}" if value else "0"  # a sign, not a colour alone
        return str(value)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._views):
            return None
        view = self._views[index.row()]
        key = COLUMNS[index.column()][0]
        if role == SHOP_ROLE:
            return view.shop_id
        if role == SORT_ROLE:
            return self._sort_value(view, key)
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return self._display(view, key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key not in ("name", "animator", "current"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
