"""The table of one batch's entries in the history: read-only over rows `load_batch` has
already written out, so `data()` only indexes a tuple."""

from __future__ import annotations

from typing import Any, Final

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from app.posting.outbox.ledger import EntryStatus
from app.ui.common.read_only_table import ReadOnlyTableModel
from app.ui.history.batch_work import BatchEntryRow
from app.ui.posting.model import COLUMNS, RowStatus, entry_row_data

Index = QModelIndex | QPersistentModelIndex
# Not on the books and not waiting for the user to act elsewhere: the "attention" filter.
_NEEDS_ATTENTION: Final = frozenset(
    {EntryStatus.REJECTED, EntryStatus.UNCERTAIN, EntryStatus.PENDING, EntryStatus.SKIPPED}
)


class BatchModel(ReadOnlyTableModel):
    """Read-only table of one batch's entries; `data()` is constant-time per cell."""

    columns = COLUMNS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[BatchEntryRow] = []

    def set_rows(self, rows: list[BatchEntryRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def status(self, row: int) -> RowStatus:
        return self._rows[row].status

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        return entry_row_data(row, index.column(), role, _NEEDS_ATTENTION)
