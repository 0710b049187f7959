"""The problems list under the journal grid: one row per problem, with where it is.

Each row knows the grid cell it points at, so clicking it can select that cell. The list is
replaced as a whole after every edit or import (a few thousand rows at most), which keeps the
model trivial; `data()` only reads a flat list.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.core.grid_problems import LocatedProblem
from app.core.i18n import Text
from app.core.visible_text import visible

_ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invalid index: a table's rows hang under it


SHEET, ROW, COLUMN, MESSAGE = range(4)
_HEADERS = (
    Text("Lembar", "Sheet"),
    Text("Baris", "Row"),
    Text("Kolom", "Column"),
    Text("Masalah", "Problem"),
)


class ProblemsModel(QAbstractTableModel):
    """Read-only table of LocatedProblem: sheet, row, column, message."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._problems: list[LocatedProblem] = []

    def set_problems(self, problems: list[LocatedProblem]) -> None:
        self.beginResetModel()
        self._problems = list(problems)
        self.endResetModel()

    def problem(self, row: int) -> LocatedProblem:
        return self._problems[row]

    def rowCount(self, parent: _ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: _ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        problem = self._problems[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell_text(problem, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == MESSAGE:
            return problem.text.get()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ROW:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(_HEADERS):
            return _HEADERS[section].get()
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def retranslate(self) -> None:
        """Headers and messages in the language now chosen."""
        self.beginResetModel()
        self.endResetModel()


def _cell_text(problem: LocatedProblem, column: int) -> str:
    if column == SHEET:
        return visible(problem.sheet)  # a sheet's name may hold any character
    if column == ROW:
        return problem.row_label
    if column == COLUMN:
        return problem.column_label
    return visible(problem.text.get(), keep="\n")
