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
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SHOP_ROLE = Qt.ItemDataRole.UserRole + 2


def _day(value: str | None) -> str:
    if not value:
        return "—"
    moment = datetime.fromisoformat(value)
    days = (datetime.now(UTC).date() - moment.astimezone(UTC).date()).days
    text = moment.astimezone().strftime("%d/%m/%Y")
    return f"{text} ({days} j)" if days > 0 else text


class ShopsTableModel(QAbstractTableModel):
    """Rows from ``shop_rows`` (plain dicts); sorting uses ``SORT_ROLE`` values.

    Args:
        titles: the tutorial titles, to name the current step.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []
        self.titles: dict[str, str] = {}

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_data(self, row: int) -> dict[str, Any]:
        return self._rows[row]

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

    def _value(self, row: dict[str, Any], key: str) -> Any:
        summary = row.get("summary", {})
        if key in ("name", "last_file_at"):
            return row.get(key)
        if key == "current":
            current = summary.get("current")
            return self.titles.get(current["tutorial"], current["tutorial"]) if current else None
        return summary.get(key)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        value = self._value(row, key)
        if role == SHOP_ROLE:
            return row["shop_id"]
        if role == SORT_ROLE:
            return value if value is not None else ""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if key in ("last_activity", "last_file_at"):
                return _day(value)
            if key == "confidence":
                return f"{value}/5" if value else "—"
            if key == "help_open":
                return f"⚠ {value}" if value else "0"  # a sign, not a colour alone
            return "—" if value in (None, "") else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and key not in ("name", "animator", "current"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
