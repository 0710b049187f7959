"""The many-companies table: one row per company of the plan (how far it is, its speed, what
it posted, rejected or left uncertain, the time left, and once it finished, what it needs).
Read-only over the rows the posting worker offers (`app.firm.work.FirmRow`)."""

from __future__ import annotations

from typing import Any, Final

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.core.i18n import Text, tr
from app.firm.company_run import STATE_WORDS, CompanyState
from app.firm.work import FirmRow
from app.ui.common.read_only_table import ReadOnlyTableModel
from app.ui.common.words import count, number

COLUMNS: Final[tuple[Text, ...]] = (
    tr("Perusahaan"),
    tr("Status"),
    tr("Kemajuan"),
    tr("Kecepatan"),
    tr("Terposting"),
    tr("Ditolak"),
    tr("Belum pasti"),
    tr("Sisa waktu"),
    tr("Yang perlu dilakukan"),
)
COMPANY, STATE, PROGRESS, SPEED, POSTED, REJECTED, UNCERTAIN, LEFT, NEEDS = range(len(COLUMNS))
_NUMBERS: Final = frozenset({PROGRESS, SPEED, POSTED, REJECTED, UNCERTAIN, LEFT})
_RIGHT: Final = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_GOOD: Final = (QBrush(QColor("#c6efce")), QBrush(QColor("#1e5631")))
_NEEDS_ACTION: Final = (QBrush(QColor("#ffeb9c")), QBrush(QColor("#6b4e00")))
_REJECTED_BRUSH: Final = QBrush(QColor("#b3261e"))
COMPANY_ROLE: Final = Qt.ItemDataRole.UserRole

Index = QModelIndex | QPersistentModelIndex


class FirmModel(ReadOnlyTableModel):
    """Rows of `FirmRow`; a new set of rows for the same companies changes cells only."""

    columns = COLUMNS

    def set_rows(self, rows: list[FirmRow]) -> None:
        same = [r.snapshot.name for r in rows] == [r.snapshot.name for r in self._rows]
        if same and rows:
            self._rows = list(rows)
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def text_lengths(self) -> list[tuple[int, ...]]:
        """How long each cell's text is: the columns need fitting again when this changes."""
        return [tuple(len(_display(row, c)) for c in range(len(COLUMNS))) for row in self._rows]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row: FirmRow | None = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == NEEDS and row.needs is not None:
            return row.needs.get()
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMBERS:
            return _RIGHT
        if column == STATE and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            brushes = _brushes(row)
            if brushes is not None:
                return brushes[0 if role == Qt.ItemDataRole.BackgroundRole else 1]
        if column == REJECTED and role == Qt.ItemDataRole.ForegroundRole:
            return _REJECTED_BRUSH if row.snapshot.rejected else None
        if role == COMPANY_ROLE:
            return row.snapshot.name
        return None


def _brushes(row: FirmRow) -> tuple[QBrush, QBrush] | None:
    if row.needs is None:
        return None
    return _GOOD if row.complete else _NEEDS_ACTION


def _display(row: FirmRow, column: int) -> str:
    snap = row.snapshot
    if column == COMPANY:
        return snap.name
    if column == STATE:
        return STATE_WORDS[snap.state].get()
    if column == PROGRESS:
        return f"{count(snap.done)} / {count(snap.total)}" if snap.total else "–"
    if column == SPEED:
        if snap.state is not CompanyState.POSTING or not snap.entries_per_second:
            return "–"
        return tr("{n}/dtk", n=number(snap.entries_per_second, 1)).get()
    if column == LEFT:
        return _time_left(snap.seconds_left) if snap.state is CompanyState.POSTING else "–"
    if column == NEEDS:
        return row.needs.get() if row.needs is not None else ""
    values = {POSTED: snap.posted, REJECTED: snap.rejected, UNCERTAIN: snap.uncertain}
    return count(values[column])


def _time_left(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"
