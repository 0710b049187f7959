"""The posting view's table: one row per entry of the batch, with what became of it.

Rows start as the entries handed to the view ("waiting"); entries the company's chart rejects
are marked "not valid" with their problems; while the engine runs, the outbox rows that
changed are applied one by one (`apply`), found by reference in a dict, so an update costs the
same for a 30-entry batch and a 25,000-entry one. Every cell's text is computed when its row
changes, so `data()` only indexes a tuple. The rows of a big batch are made on a worker
(`prepare_rows`), in the language then chosen, and again after a language switch.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.core.books.journal import JournalEntry, Problem
from app.core.books.money import ZERO
from app.core.books.number_style import NumberStyle, format_amount
from app.core.i18n import Text, current_language, tr
from app.core.interpreter import collector_paused
from app.core.visible_text import visible
from app.posting.outbox.ledger import EntryStatus, OutboxEntry
from app.posting.report.workbook import STATUS_TEXT, readable_messages
from app.ui.common.read_only_table import ReadOnlyTableModel
from app.ui.common.words import date_text, number_style

Index = QModelIndex | QPersistentModelIndex
_ROOT: Final = QModelIndex()

NUMBER, REFERENCE, DATE, DESCRIPTION, DEBIT, STATUS, REMOTE, MESSAGES = range(8)
COLUMNS: Final[tuple[Text, ...]] = (
    tr("No."),
    tr("No. Bukti"),
    tr("Tanggal"),
    tr("Deskripsi"),
    tr("Total Debit"),
    tr("Status"),
    tr("Nomor di server"),
    tr("Pesan"),
)
_RIGHT: Final = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTRE: Final = int(Qt.AlignmentFlag.AlignCenter)

# A row's state: an outbox status, INVALID for an entry the chart check kept back, or
# ALREADY for one skipped because the same entry was posted before (it is on the books).
INVALID: Final = "invalid"
ALREADY: Final = "already-posted"
RowStatus = EntryStatus | str

STATUS_ROLE: Final = Qt.ItemDataRole.UserRole  # the row's RowStatus, on every column
REFERENCE_ROLE: Final = Qt.ItemDataRole.UserRole + 1
# "attention" for a row not on the books and not waiting, else "": a proxy filters on it.
ATTENTION_ROLE: Final = Qt.ItemDataRole.UserRole + 2
ATTENTION: Final = "attention"

_WORDS: Final[dict[RowStatus, Text]] = {
    **dict(STATUS_TEXT.items()),  # copied as RowStatus keys (a dict's key type is invariant)
    # During a run "sending" means just that; STATUS_TEXT reads it after a run (uncertain).
    EntryStatus.SENDING: tr("Sedang dikirim"),
    INVALID: tr("Tidak valid"),
    ALREADY: tr("Sudah terposting"),
}
# Background and text colour of the status cell (the report workbook's palette, with text
# dark enough to read on it).
_COLOURS: Final[dict[RowStatus, tuple[str, str]]] = {
    EntryStatus.POSTED: ("#c6efce", "#1e5631"),
    EntryStatus.REJECTED: ("#ffc7ce", "#8b1a1a"),
    EntryStatus.UNCERTAIN: ("#ffeb9c", "#6b4e00"),
    EntryStatus.SENDING: ("#fff4cc", "#6b4e00"),
    EntryStatus.SKIPPED: ("#e4e4e4", "#3f3f3f"),
    EntryStatus.PENDING: ("#ddebf7", "#1f4e79"),
    EntryStatus.UNDONE: ("#e4dfec", "#4b2e6b"),
    INVALID: ("#fce4d6", "#843c0c"),
    ALREADY: ("#e2f0d9", "#375623"),
}
STATUS_BRUSHES: Final = {
    status: (QBrush(QColor(back)), QBrush(QColor(fore)))
    for status, (back, fore) in _COLOURS.items()
}
# Messages column: a reason to act on stands out; a routine "saved" message steps back.
MESSAGE_BRUSHES: Final = {
    EntryStatus.POSTED: QBrush(QColor("#4a5361")),  # still 4.5:1 or more on every row
    EntryStatus.SKIPPED: QBrush(QColor("#4a5361")),
    ALREADY: QBrush(QColor("#4a5361")),
    EntryStatus.REJECTED: QBrush(QColor("#a61b1b")),
    INVALID: QBrush(QColor("#a0410d")),
    EntryStatus.UNCERTAIN: QBrush(QColor("#7a5900")),
}
_NEEDS_ATTENTION: Final = frozenset(
    {EntryStatus.REJECTED, EntryStatus.UNCERTAIN, EntryStatus.SENDING, INVALID}
)


def status_text(status: RowStatus, language: str | None = None) -> str:
    return _WORDS[status].get(language)


# What a row's messages were made from, to write them again in another language: the outbox
# row last applied, or the problems the chart check found.
Source = OutboxEntry | tuple[Problem, ...] | None


@dataclass(frozen=True, slots=True)
class _Row:
    reference: str
    status: RowStatus
    cells: tuple[str, ...]  # display text per column
    tooltip: str  # the messages, one per line
    source: Source = None
    remote: str = ""


@dataclass(frozen=True, slots=True)
class PreparedRows:
    """Every row of the table, its text written in one language (made on a worker)."""

    static: list[tuple[str, ...]]  # number..debit per entry: they never change
    rows: list[_Row]
    by_reference: dict[str, int]
    debits: dict[str, Decimal]  # each reference's debit total (its first entry's)
    total_debit: Decimal


def prepare_rows(
    entries: Sequence[JournalEntry],
    language: str,
    earlier: Sequence[_Row] | None = None,
    state: object = None,
) -> PreparedRows:
    """Worker: the rows for `entries` in `language`, all waiting; or, given the `earlier`
    rows of the same entries, what they say now, written again in `language`."""
    with collector_paused():  # 50,000 rows of tuples, no cycles
        return _prepared_rows(entries, language, earlier)


def _prepared_rows(
    entries: Sequence[JournalEntry], language: str, earlier: Sequence[_Row] | None
) -> PreparedRows:
    style = number_style(language)
    static = [_static_cells(n, entry, style, language) for n, entry in enumerate(entries, 1)]
    if earlier is None:
        waiting = status_text(EntryStatus.PENDING, language)
        rows = [
            _Row(entry.reference, EntryStatus.PENDING, (*static[n], waiting, "", ""), "")
            for n, entry in enumerate(entries)
        ]
    else:
        rows = [_render(static[n], row, language) for n, row in enumerate(earlier)]
    by_reference: dict[str, int] = {}
    debits: dict[str, Decimal] = {}
    for number, entry in enumerate(entries):
        by_reference.setdefault(entry.reference, number)
        debits.setdefault(entry.reference, entry.total_debit)
    return PreparedRows(static, rows, by_reference, debits, sum(debits.values(), ZERO))


def _static_cells(
    number: int, entry: JournalEntry, style: NumberStyle, language: str
) -> tuple[str, ...]:
    when = date_text(entry.date, language) if entry.date is not None else ""
    debit = format_amount(entry.total_debit, style)
    # Outside text: control characters shown as escapes, never acted on.
    return (str(number), visible(entry.reference), when, visible(entry.description), debit)


def _messages(source: Source, language: str | None) -> list[str]:
    if isinstance(source, OutboxEntry):
        return readable_messages(source, language or current_language())
    if source:
        return [problem.describe(language) for problem in source]
    return []


def _render(static: tuple[str, ...], row: _Row, language: str | None) -> _Row:
    messages = [visible(message) for message in _messages(row.source, language)]
    status = status_text(row.status, language)
    cells = (*static, status, row.remote, " · ".join(messages))
    return _Row(row.reference, row.status, cells, "\n".join(messages), row.source, row.remote)


def entry_row_data(row: Any, column: int, role: int, needs_attention: frozenset[RowStatus]) -> Any:
    """What a cell of an entries table shows, for a row with `status`, `cells` (text per
    column) and `tooltip`: the posting window's table and the history's look alike. Which
    statuses need the user's attention differs: waiting entries do in the history only."""
    if role == Qt.ItemDataRole.DisplayRole:
        return row.cells[column]
    if role == Qt.ItemDataRole.ToolTipRole:
        return row.tooltip or None
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return _RIGHT if column in (NUMBER, DEBIT) else _CENTRE if column == STATUS else None
    if column == STATUS and role == Qt.ItemDataRole.BackgroundRole:
        return STATUS_BRUSHES[row.status][0]
    if column == STATUS and role == Qt.ItemDataRole.ForegroundRole:
        return STATUS_BRUSHES[row.status][1]
    if column == MESSAGES and role == Qt.ItemDataRole.ForegroundRole:
        return MESSAGE_BRUSHES.get(row.status)
    if role == STATUS_ROLE:
        return str(row.status)
    if role == ATTENTION_ROLE:
        return ATTENTION if row.status in needs_attention else ""
    return None


class PostingModel(ReadOnlyTableModel):
    """Read-only table of the batch's entries; `data()` is constant-time per cell."""

    columns = COLUMNS

    def __init__(self, entries: Sequence[JournalEntry] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._static: list[tuple[str, ...]] = []
        self._by_reference: dict[str, int] = {}
        self._set_prepared(prepare_rows(entries, current_language()))

    # -- reading -----------------------------------------------------------------------------

    def status(self, row: int) -> RowStatus:
        return self._rows[row].status

    def reference(self, row: int) -> str:
        return self._rows[row].reference

    def row_of(self, reference: str) -> int | None:
        return self._by_reference.get(reference)

    def rows(self) -> list[_Row]:
        """The rows as they are now (a copy of the list; rows are never changed in place),
        for `prepare_rows` to write again in another language."""
        return list(self._rows)

    def counts(self) -> dict[RowStatus, int]:
        """Rows per status (a full pass: for summaries and tests, not for painting)."""
        counted: dict[RowStatus, int] = {}
        for row in self._rows:
            counted[row.status] = counted.get(row.status, 0) + 1
        return counted

    def needs_attention(self, row: int) -> bool:
        """Not on the books and not waiting: rejected, uncertain or not valid."""
        return self._rows[row].status in _NEEDS_ATTENTION

    # -- changing ------------------------------------------------------------------------------

    def set_prepared(self, prepared: PreparedRows) -> None:
        """Show rows a worker made (constant work here)."""
        self.beginResetModel()
        self._set_prepared(prepared)
        self.endResetModel()

    def set_written_again(self, prepared: PreparedRows) -> None:
        """The same rows in another language: the table keeps its place and selection."""
        if len(prepared.rows) != len(self._rows):
            self.set_prepared(prepared)
            return
        self._set_prepared(prepared)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, MESSAGES))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def mark_invalid(self, references: Iterable[str], problems: Sequence[Problem]) -> None:
        """Entries the chart check kept back, with the problems that concern each."""
        by_reference: dict[str, list[Problem]] = {}
        for problem in problems:
            by_reference.setdefault(problem.reference, []).append(problem)
        wanted = set(references)
        changed = [i for i, row in enumerate(self._rows) if row.reference in wanted]
        for row in changed:
            found = tuple(by_reference.get(self._rows[row].reference, ()))
            self._update(row, INVALID, "", found)
        self._announce(changed)

    def clear_invalid(self) -> None:
        """Forget an earlier check's verdict (the entries are checked again)."""
        changed = [i for i, row in enumerate(self._rows) if row.status == INVALID]
        for row in changed:
            self._update(row, EntryStatus.PENDING, "", None)
        self._announce(changed)

    def apply(self, rows: Iterable[OutboxEntry]) -> int:
        """Show what the outbox says about these entries; returns how many rows changed."""
        changed = []
        for entry in rows:
            row = self._by_reference.get(entry.reference)
            if row is None:
                continue
            status = ALREADY if entry.posted_before else entry.status
            if self._update(row, status, entry.remote_number, entry):
                changed.append(row)
        self._announce(changed)
        return len(changed)

    # -- Qt ------------------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == REFERENCE_ROLE:
            return row.reference
        return entry_row_data(row, index.column(), role, _NEEDS_ATTENTION)

    # -- internals -----------------------------------------------------------------------------

    def _set_prepared(self, prepared: PreparedRows) -> None:
        self._static = prepared.static
        self._rows = prepared.rows
        self._by_reference = prepared.by_reference

    def _update(self, row: int, status: RowStatus, remote: str, source: Source) -> bool:
        current = self._rows[row]
        new = _render(
            self._static[row], _Row(current.reference, status, (), "", source, remote), None
        )
        if current.status == status and current.cells == new.cells:
            return False
        self._rows[row] = new
        return True

    def _announce(self, rows: list[int]) -> None:
        """One dataChanged over the span of changed rows (the view repaints what is visible)."""
        if rows:
            top = self.index(min(rows), STATUS)
            bottom = self.index(max(rows), MESSAGES)
            self.dataChanged.emit(top, bottom)
