"""The history's table of batches: `HistoryModel`, read-only over the rows `load_history`
gives, and the proxy that keeps only the batches with problems."""

from __future__ import annotations

from typing import Any, Final

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from app.core.i18n import Text, ctr, tr
from app.core.visible_text import visible
from app.ui.common.read_only_table import ReadOnlyTableModel
from app.ui.common.words import count, moment_text
from app.ui.history.work import STATE_WORDS, BatchState, HistoryRow

_STATE_BRUSHES: Final = {
    state: (QBrush(QColor(back)), QBrush(QColor(fore)))
    for state, (back, fore) in {
        BatchState.COMPLETE: ("#c6efce", "#1e5631"),
        BatchState.PROBLEMS: ("#ffeb9c", "#6b4e00"),
        BatchState.INTERRUPTED: ("#fcd9b6", "#7a3d00"),
        BatchState.POSTING: ("#dbe8f7", "#163b66"),
        BatchState.UNDONE: ("#e4dfec", "#4b2e6b"),
        BatchState.REVERSED: ("#e4dfec", "#4b2e6b"),
    }.items()
}


COLUMNS: Final[tuple[Text, ...]] = (
    tr("Waktu"),
    tr("Batch"),
    tr("Berkas"),
    ctr("judul kolom: banyaknya jurnal", "Jurnal"),
    tr("Terposting"),
    tr("Ditolak"),
    tr("Belum terkirim"),
    tr("Lainnya"),
    tr("Status"),
)
TIME, BATCH, FILE, ENTRIES, POSTED, REJECTED, UNSENT, OTHERS, STATE = range(len(COLUMNS))
_NUMBER_COLUMNS: Final = frozenset({ENTRIES, POSTED, REJECTED, UNSENT, OTHERS})
_RIGHT: Final = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTRE: Final = int(Qt.AlignmentFlag.AlignCenter)

BATCH_ID_ROLE: Final = Qt.ItemDataRole.UserRole
# "problem" for a batch with problems, else "": the filter proxy matches on it.
PROBLEM_ROLE: Final = Qt.ItemDataRole.UserRole + 1
PROBLEM: Final = "problem"

Index = QModelIndex | QPersistentModelIndex


class HistoryModel(ReadOnlyTableModel):
    """Read-only table of batches; `data()` is constant-time per cell."""

    columns = COLUMNS

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[HistoryRow] = []
        self._by_id: dict[str, HistoryRow] = {}

    def set_rows(self, rows: list[HistoryRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._by_id = {row.batch_id: row for row in self._rows}
        self.endResetModel()

    def row_of(self, batch_id: str | None) -> HistoryRow | None:
        return self._by_id.get(batch_id) if batch_id is not None else None

    def retranslate(self) -> None:
        """Titles, times, counts and states in the language now chosen."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            bottom = self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), bottom)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in _NUMBER_COLUMNS else _CENTRE if column == STATE else None
        if column == STATE and role == Qt.ItemDataRole.BackgroundRole:
            return _STATE_BRUSHES[row.state][0]
        if column == STATE and role == Qt.ItemDataRole.ForegroundRole:
            return _STATE_BRUSHES[row.state][1]
        if column == REJECTED and role == Qt.ItemDataRole.ForegroundRole:
            return _REJECTED_BRUSH if row.summary.rejected else None
        if role == BATCH_ID_ROLE:
            return row.batch_id
        if role == PROBLEM_ROLE:
            return PROBLEM if row.state in _NEEDS_ATTENTION else ""
        return None

    def _display(self, row: HistoryRow, column: int) -> str:
        if column == TIME:
            return moment_text(row.created_at)
        if column == BATCH:
            return row.batch_id
        if column == FILE:
            source = visible(row.source) or tr("(dari grid)").get()
            if row.reverses:  # made by Jurnal Desk, from no file: its link says what it is
                return row.link.get() if row.link is not None else source
            return f"{source} · {row.link.get()}" if row.link is not None else source
        if column == STATE:
            return STATE_WORDS[row.state].get()
        numbers = (row.total, row.summary.posted, row.summary.rejected, row.unsent, row.others)
        number = numbers[column - ENTRIES]
        return count(number)


def _tooltip(row: HistoryRow, column: int) -> str | None:
    if column == FILE and row.link is not None:
        return row.link.get()
    if column not in _NUMBER_COLUMNS | {STATE}:
        return None
    link = f" · {row.link.get()}" if column == STATE and row.link is not None else ""
    return row.breakdown() + link


_REJECTED_BRUSH: Final = QBrush(QColor("#b3261e"))
_NEEDS_ATTENTION: Final = frozenset({BatchState.PROBLEMS, BatchState.INTERRUPTED})


def problem_filter(model: HistoryModel, parent: QWidget) -> QSortFilterProxyModel:
    """Every batch, or (`setFilterFixedString(PROBLEM)`) only those with problems."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setFilterRole(PROBLEM_ROLE)
    proxy.setFilterKeyColumn(STATE)
    return proxy
