"""The account mapping dialog's table: one row per old code, with the company account chosen.

Rows are the codes of the grid the company's chart does not have (with how many lines use
each and a description to recognise it), then the pairs remembered for the company that the
grid does not use now. Only the company account is edited; every row is checked again after
each choice (a choice can make another row a chain), and a row's reason shows in its note.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app.core.books.account_mapping import AccountMap, UnknownCode, clean_code, pair_problem
from app.core.books.journal import Account
from app.core.books.written_accounts import account_code
from app.core.i18n import Text, ctr, tr

_ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
Chart = Mapping[str, Account]

OLD, LINES, SAMPLE, ACCOUNT, NOTE = range(5)
_HEADERS = (
    tr("Kode lama"),
    ctr("judul kolom: banyaknya baris", "Baris"),
    tr("Contoh keterangan"),
    tr("Akun perusahaan"),
    tr("Catatan"),
)
_NOT_CHOSEN = tr("Belum dipilih: barisnya tetap bermasalah")
_MAPPED = tr("✔ Dipetakan")
_UNUSED = tr("(tidak dipakai di tabel)")


@dataclass
class MappingRow:
    code: str
    lines: int
    sample: str
    chosen: str  # the company code, "" while none is chosen


def mapping_rows(unknown: list[UnknownCode], stored: AccountMap) -> list[MappingRow]:
    """The grid's unknown codes (the remembered choice filled in), then remembered pairs the
    grid does not use."""
    rows = [MappingRow(u.code, u.lines, u.sample, stored.get(u.code, "")) for u in unknown]
    listed = {row.code for row in rows}
    rows += [MappingRow(old, 0, "", stored[old]) for old in stored if old not in listed]
    return rows


class AccountMappingModel(QAbstractTableModel):
    """Old code, lines, sample, company account (editable), note."""

    def __init__(self, rows: list[MappingRow], chart: Chart, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = rows
        self._chart = chart
        self._palette = (QBrush(QColor("#F8D7DA")), QBrush(QColor("#9B1C1C")))
        self._problems: dict[int, Text] = {}
        self._check()

    # --- what the dialog asks ---------------------------------------------------------------

    @property
    def rows(self) -> list[MappingRow]:
        return list(self._rows)

    def problems(self) -> dict[int, Text]:
        """Row -> why its choice cannot be used."""
        return dict(self._problems)

    def mapping(self) -> AccountMap:
        """Every pair chosen (rows left empty are not in it: they are forgotten)."""
        return AccountMap((row.code, row.chosen) for row in self._rows if row.chosen)

    def choose(self, row: int, text: str) -> None:
        """Choose the company account of a row: a code, or a completion "1101 · Kas"."""
        self.setData(self.index(row, ACCOUNT), text)

    def label(self, code: str) -> str:
        account = self._chart.get(code)
        return f"{code} · {account.name}" if account is not None else code

    # --- Qt model interface -------------------------------------------------------------------

    def rowCount(self, parent: _ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == ACCOUNT:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        problem = self._problems.get(index.row())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, column, problem)
        if role == Qt.ItemDataRole.ToolTipRole and column in (ACCOUNT, NOTE) and problem:
            return problem.get()
        if role == Qt.ItemDataRole.BackgroundRole and column == ACCOUNT and problem:
            return self._palette[0]
        if role == Qt.ItemDataRole.ForegroundRole and column == NOTE and problem:
            return self._palette[1]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == LINES:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def setData(
        self, index: _ModelIndex, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != ACCOUNT:
            return False
        text = clean_code(value)
        # The company account as typed: its code, or a name or code-and-name naming one.
        chosen = account_code(text, self._chart) if text else None
        self._rows[index.row()].chosen = chosen or text
        self._check()
        self.dataChanged.emit(self.index(0, ACCOUNT), self.index(len(self._rows) - 1, NOTE))
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section].get() if 0 <= section < len(_HEADERS) else None
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(_HEADERS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, NOTE))

    # --- internals ------------------------------------------------------------------------------

    def _text(self, row: MappingRow, column: int, problem: Text | None) -> str:
        if column == OLD:
            return row.code
        if column == LINES:
            return str(row.lines) if row.lines else ""
        if column == SAMPLE:
            return row.sample if row.lines else _UNUSED.get()
        if column == ACCOUNT:
            return self.label(row.chosen) if row.chosen else ""
        if problem is not None:
            return problem.get()
        return _MAPPED.get() if row.chosen else _NOT_CHOSEN.get()

    def _check(self) -> None:
        mapping = self.mapping()
        self._problems = {}
        for number, row in enumerate(self._rows):
            if row.chosen:
                problem = pair_problem(row.code, row.chosen, mapping, self._chart)
                if problem is not None:
                    self._problems[number] = problem


__all__ = ["ACCOUNT", "AccountMappingModel", "MappingRow", "mapping_rows"]
