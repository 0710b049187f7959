"""The "Riwayat" page: the batches posted to the selected company, read-only, from the outbox.

`load_history` is a plain worker function (the SQLite file is read off the GUI thread);
`HistoryModel` is a `QAbstractTableModel` over the rows it returns.
"""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import JurnalError, Text, tr
from app.posting.outbox import EntryStatus, Outbox
from app.posting.service import outbox_path
from app.ui import texts
from app.ui.company_bar import CompanySession
from app.ui.read_only_table import ReadOnlyTableModel
from app.ui.tasks import TaskRunner, TaskState

STATUS_WORDS: Final[dict[EntryStatus, Text]] = {
    EntryStatus.PENDING: tr("menunggu", "pending"),
    EntryStatus.SENDING: tr("sedang dikirim", "sending"),
    EntryStatus.POSTED: tr("terposting", "posted"),
    EntryStatus.REJECTED: tr("ditolak", "rejected"),
    EntryStatus.UNCERTAIN: tr("belum pasti", "uncertain"),
    EntryStatus.SKIPPED: tr("dilewati", "skipped"),
    EntryStatus.UNDONE: tr("dibatalkan", "undone"),
}


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One posted batch, as the history table shows it."""

    batch_id: str
    created_at: datetime  # timezone-aware
    source: str  # file name and sheet, or "" for entries typed in the grid
    counts: dict[EntryStatus, int]
    finished: bool

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def count(self, status: EntryStatus) -> int:
        return self.counts.get(status, 0)

    @property
    def others(self) -> int:
        return self.total - self.count(EntryStatus.POSTED) - self.count(EntryStatus.REJECTED)

    def breakdown(self) -> str:
        return ", ".join(
            f"{count} {STATUS_WORDS[status].get()}" for status, count in sorted(self.counts.items())
        )


def load_history(outbox_home: Path, profile_name: str, state: TaskState) -> list[HistoryRow]:
    """Worker: the company's batches, newest first. No outbox file yet: no history."""
    path = outbox_path(outbox_home)
    if not path.exists():
        return []  # opening would create an empty ledger just to read nothing
    rows: list[HistoryRow] = []
    with Outbox(path) as outbox:
        batches = outbox.batches(profile_name)
        for number, batch in enumerate(batches, start=1):
            state.check()
            source = batch.source_file.replace("\\", "/").rsplit("/", 1)[-1]
            if source and batch.source_sheet:
                source = f"{source} › {batch.source_sheet}"
            rows.append(
                HistoryRow(
                    batch.id,
                    datetime.fromisoformat(batch.created_at),
                    source,
                    outbox.counts(batch.id),
                    batch.finished_at is not None,
                )
            )
            state.set_progress(number, len(batches))
    return sorted(rows, key=lambda row: row.created_at, reverse=True)


COLUMNS: Final[tuple[Text, ...]] = (
    tr("Waktu", "Time"),
    tr("Batch", "Batch"),
    tr("Berkas", "File"),
    tr("Jurnal", "Entries"),
    tr("Terposting", "Posted"),
    tr("Ditolak", "Rejected"),
    tr("Lainnya", "Other"),
)
_NUMBER_COLUMNS: Final = frozenset({3, 4, 5, 6})

Index = QModelIndex | QPersistentModelIndex


class HistoryModel(ReadOnlyTableModel):
    """Read-only table of batches; `data()` is constant-time per cell."""

    columns = COLUMNS

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[HistoryRow] = []

    def set_rows(self, rows: list[HistoryRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.breakdown() if column in _NUMBER_COLUMNS else self._display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMBER_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.batch_id
        return None

    def _display(self, row: HistoryRow, column: int) -> str:
        if column == 0:
            return row.created_at.astimezone().strftime("%d/%m/%Y %H:%M")
        if column == 1:
            return row.batch_id
        if column == 2:
            return row.source or tr("(dari grid)", "(from the grid)").get()
        number = (
            row.total,
            row.count(EntryStatus.POSTED),
            row.count(EntryStatus.REJECTED),
            row.others,
        )[column - 3]
        return f"{number:,}".replace(",", ".")  # Indonesian thousands separator


class HistoryView(QWidget):
    """The history page for the selected company."""

    def __init__(self, executor: Executor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyView")
        self.model = HistoryModel(self)
        self.runner = TaskRunner(executor, self)
        self.runner.result_ready.connect(self._loaded)
        self.runner.error_raised.connect(self._failed)
        self._session: CompanySession | None = None

        title = QLabel(f"<h2>{texts.PAGE_HISTORY.get()}</h2>", self)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("hintLabel")
        self.summary_label.setWordWrap(True)
        self.reload_button = QPushButton(texts.REFRESH.get(), self)
        self.reload_button.clicked.connect(self.reload)
        self.table = QTableView(self)
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.reload_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        self._show_summary()

    def set_session(self, session: CompanySession | None) -> None:
        self._session = session
        self.runner.cancel()
        self.model.set_rows([])
        self.reload()

    def shutdown(self, timeout: float = 10.0) -> None:
        """Cancel loading and wait for the worker (the window is closing)."""
        self.runner.shutdown(timeout)

    def reload(self) -> None:
        if self._session is None:
            self._show_summary()
            return
        self.summary_label.setText(tr("Memuat riwayat…", "Loading the history…").get())
        self.reload_button.setEnabled(False)
        self.runner.start(load_history, self._session.outbox_home, self._session.profile.name)

    def _loaded(self, rows: list[HistoryRow]) -> None:
        self.model.set_rows(rows)
        self.reload_button.setEnabled(True)
        self._show_summary()

    def _failed(self, error: BaseException) -> None:
        self.reload_button.setEnabled(True)
        text = (
            error.text
            if isinstance(error, JurnalError)
            else tr(
                "Riwayat tidak bisa dibaca ({e}).",
                "The history cannot be read ({e}).",
                e=type(error).__name__,
            )
        )
        self.summary_label.setText(text.get())

    def _show_summary(self) -> None:
        if self._session is None:
            text = tr("Pilih perusahaan di atas.", "Choose a company above.")
        elif self.model.rowCount() == 0:
            text = tr(
                "Belum ada jurnal yang diposting ke {c}.",
                "Nothing has been posted to {c} yet.",
                c=self._session.profile.name,
            )
        else:
            text = tr(
                "{n} batch diposting ke {c}, terbaru di atas. Arahkan kursor ke angka untuk "
                "rinciannya.",
                "{n} batches posted to {c}, newest first. Hover over a number for details.",
                n=self.model.rowCount(),
                c=self._session.profile.name,
            )
        self.summary_label.setText(text.get())
