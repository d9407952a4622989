"""List models of the studio: the library's photos and the pictures found on a phone."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap

if TYPE_CHECKING:
    from pathlib import Path

_Index = QModelIndex | QPersistentModelIndex


class PicturesModel(QAbstractListModel):
    """Pictures (paths) with a thumbnail once it is known, optionally checkable.

    Args:
        checkable: show a check box on each picture (for choosing several).
    """

    def __init__(self, checkable: bool = False, parent: Any = None) -> None:
        super().__init__(parent)
        self._paths: list[Path] = []
        self._names: list[str] = []
        self._icons: dict[str, QIcon] = {}
        self._checked: set[int] = set()
        self._checkable = checkable

    def set_pictures(self, paths: list[Path], names: list[str] | None = None) -> None:
        self.beginResetModel()
        self._paths = list(paths)
        self._names = names or [p.name for p in paths]
        self._checked = set(range(len(paths))) if self._checkable else set()
        self.endResetModel()

    def has_thumbnail(self, path: Path) -> bool:
        return str(path) in self._icons

    def checked_paths(self) -> list[Path]:
        return [p for i, p in enumerate(self._paths) if i in self._checked]

    def set_all_checked(self, on: bool) -> None:
        self._checked = set(range(len(self._paths))) if on else set()
        if self._paths:
            self.dataChanged.emit(
                self.index(0), self.index(len(self._paths) - 1), [Qt.ItemDataRole.CheckStateRole]
            )

    def set_thumbnail(self, path: str, image: QImage) -> None:
        self._icons[path] = QIcon(QPixmap.fromImage(image))
        for row, candidate in enumerate(self._paths):
            if str(candidate) == path:
                self.dataChanged.emit(self.index(row), self.index(row), [Qt.ItemDataRole.DecorationRole])

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt override)
        return 0 if parent.isValid() else len(self._paths)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._paths):
            return None
        row = index.row()
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return self._names[row]
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons.get(str(self._paths[row]))
        if role == Qt.ItemDataRole.CheckStateRole and self._checkable:
            return Qt.CheckState.Checked if row in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return self._paths[row]
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not (self._checkable and index.isValid() and role == Qt.ItemDataRole.CheckStateRole):
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        (self._checked.add if checked else self._checked.discard)(index.row())
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if self._checkable else base
