"""The problems list under the journal grid: one row per problem, with where it is.

Each row knows the grid cell it points at, so clicking it can select that cell. A line typed
in the grid has no worksheet row: its problems name the grid line instead ("Baris grid 7").
An account the company does not have points to Alat › Pemetaan akun… in its tooltip (the
code may come from another chart). The list is replaced as a whole after every edit or
import, which keeps the model trivial; `data()` only reads a sequence (the grid's, which
locates a problem only when its row is shown: a Delete over a whole column makes 75,000).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.core.books.journal import UNKNOWN_ACCOUNT
from app.core.grid.problems import LocatedProblem
from app.core.i18n import ctr, tr
from app.core.visible_text import visible

_ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invalid index: a table's rows hang under it


SHEET, ROW, COLUMN, MESSAGE = range(4)
_HEADERS = (
    tr("Lembar"),
    ctr("judul kolom: nomor baris", "Baris"),
    tr("Kolom"),
    tr("Masalah"),
)
GRID: Final = tr("Grid")
MAPPING_HINT: Final = tr(
    "Kode dari bagan akun lain? Petakan ke akun perusahaan ini lewat Alat › Pemetaan akun…; "
    "pemetaan diingat untuk impor berikutnya."
)


class ProblemsModel(QAbstractTableModel):
    """Read-only table of LocatedProblem: sheet, row, column, message."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._problems: Sequence[LocatedProblem] = []

    def set_problems(self, problems: Sequence[LocatedProblem]) -> None:
        """The list as it is now (a table's `located_problems` locates only the rows shown)."""
        self.beginResetModel()
        self._problems = problems
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
            return problem_tip(problem)
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


def problem_tip(problem: LocatedProblem) -> str:
    """The problem in full, and for an unknown account where to map it."""
    if problem.code == UNKNOWN_ACCOUNT:
        return f"{problem.text.get()}\n\n{MAPPING_HINT.get()}"
    return problem.text.get()


def _cell_text(problem: LocatedProblem, column: int) -> str:
    typed = not problem.row_label and problem.grid_row >= 0  # a line typed in the grid
    if column == SHEET:
        return GRID.get() if typed and not problem.sheet else visible(problem.sheet)
    if column == ROW:
        if typed:
            return tr("Baris grid {n}", n=problem.grid_row + 1).get()
        return problem.row_label
    if column == COLUMN:
        return problem.column_label
    return visible(problem.text.get(), keep="\n")
