"""The journal grid's Qt model: a thin adapter over `EntryTable` (app.core.grid.entry_table).

`data()` reads the row's line, its entry and a few small dicts, nothing more, so it costs
the same for row 5 and row 99,999. Every change the grid makes is an undoable command on the
model's `undo_stack` (app.ui.journal.grid.commands): typing (`setData`), cells written at once
(`set_cells`: fill, replace), cells emptied (`clear_cells`: Delete), rows inserted and
removed, the round-to-cents fix and a paste. The commands change the table only through
the primitives at the end of this class, which tell the view what changed.

Entries on the books exactly as they stand (`sent`, marked after a posting run) show a green
tint and "✔ Terkirim" in their difference cell; a change rechecks only the entries it
touched, so an edit takes the mark away and its undo brings it back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QUndoStack

from app.core.books.cents import CentRounding, touched_entries
from app.core.books.journal import JournalEntry, JournalLine, Problem
from app.core.books.number_style import NumberStyle
from app.core.excel.reader import ImportResult
from app.core.grid.cells import BLANK_STATES, CellState
from app.core.grid.columns import (
    AMOUNT_COLUMNS,
    COLUMN_TITLES,
    EDITABLE_COLUMNS,
    ENTRY_COLUMNS,
    HEADER_TIPS,
    NUMBER_COLUMNS,
    OPTIONAL_COLUMNS,
    Column,
)
from app.core.grid.entry_table import Chart, EntryTable, KeptChecks, table_from_import
from app.core.grid.paste import PastePlan
from app.core.grid.problems import LocatedProblem
from app.core.grid.rows import RowBlock, runs_descending
from app.core.grid.sent_entries import SentEntries
from app.core.i18n import Text, tr
from app.ui.common.words import date_text
from app.ui.journal.grid.commands import (
    CellChange,
    CellsStep,
    ClearStep,
    Edit,
    GridCommand,
    InsertStep,
    RemoveStep,
    RoundStep,
    Step,
    TypingCommand,
)
from app.ui.journal.grid.entry_subtotals import subtotal_text
from app.ui.journal.problems_model import MAPPING_HINT

_ModelIndex = QModelIndex | QPersistentModelIndex
_READ_ONLY_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE_FLAGS = _READ_ONLY_FLAGS | Qt.ItemFlag.ItemIsEditable
_ROOT = QModelIndex()  # the invalid index: a table's rows hang under it
_AMOUNT_SIDES = frozenset({Column.DEBIT, Column.CREDIT})
_COLUMNS = tuple(Column)  # by number: Column(n) costs a lookup per cell of a Delete

TYPING = tr("Ketik di sel")
ADD_LINE = tr("Tambah baris")
NEW_ENTRY = tr("Jurnal baru")
REMOVE_LINES = tr("Hapus baris")
ROUND_CENTS = tr("Bulatkan ke sen")
PASTE = tr("Tempel")
READ_AGAIN = tr("Baca ulang angka")
_NUMBER_CELLS = frozenset({Column.DEBIT, Column.CREDIT, Column.RATE, Column.PRIME_AMOUNT})
SENT = tr("✔ Terkirim")
SENT_TIP = tr(
    "Jurnal ini sudah terkirim ke pembukuan persis seperti ini; posting lagi tidak "
    "mengirimnya dua kali."
)


def written_as(written: str, code: str) -> Text:
    """The account cell's tip when it shows the code a written account stands for."""
    return tr(
        "Ditulis: {written}\nDibaca sebagai akun {code}.",
        written=written,
        code=code,
    )


@dataclass(frozen=True)
class _Palette:
    problem: QBrush = field(default_factory=lambda: QBrush(QColor("#F8D7DA")))
    shade: tuple[QBrush, QBrush] = field(
        default_factory=lambda: (QBrush(QColor("#FFFFFF")), QBrush(QColor("#EEF3F9")))
    )
    problem_text: QBrush = field(default_factory=lambda: QBrush(QColor("#9B1C1C")))
    # Dark enough to read on the shaded and the problem rows (WCAG AA, at least 4.5:1).
    muted_text: QBrush = field(default_factory=lambda: QBrush(QColor("#4A5361")))
    sent: QBrush = field(default_factory=lambda: QBrush(QColor("#E3F4E8")))
    sent_text: QBrush = field(default_factory=lambda: QBrush(QColor("#17663A")))


class EntriesModel(QAbstractTableModel):
    """Editable journal lines. Amounts are Decimal; shown and typed in the grid's number
    style (1.500.000,00 or 1,500,000.00: the Settings' choice, not the language)."""

    status_changed = Signal()  # totals, counts or problems changed
    # Text: why typed text could not be read; the text stays in the cell, marked red.
    edit_unreadable = Signal(object)
    # frozenset[Column]: optional columns an edit has just filled or marked, to be shown
    optional_columns_needed = Signal(object)
    # first row, last row, first column, last column: what an undo or redo changed
    area_changed = Signal(int, int, int, int)

    def __init__(self, parent: QObject | None = None, *, chart: Chart | None = None) -> None:
        super().__init__(parent)
        self._table = EntryTable(chart)
        self.undo_stack = QUndoStack(self)
        self._palette = _Palette()
        self._bold = QFont()
        self._bold.setBold(True)
        self._batch_depth = 0
        self._status_pending = False
        self._number_style = NumberStyle.ID
        self.sent = SentEntries()  # the entries on the books as they stand (after posting)
        self._from_sheet = False  # some line came from a worksheet: its rows label the lines

    # --- loading and export ---------------------------------------------------------------

    @property
    def number_style(self) -> NumberStyle:
        """How amounts are shown and typed (1.500,00 or 1,500.00): chosen in the Settings,
        Indonesian unless chosen otherwise, whatever the menus' language."""
        return self._number_style

    def set_number_style(self, style: NumberStyle) -> None:
        """Show and read numbers in `style` from now on. The values stay as they are; numbers
        typed that could not be read are read again in it, as one undoable step (typed in
        the other style, they were waiting for this)."""
        if style == self._number_style:
            return
        self._number_style = NumberStyle(style)
        self._repaint_all()
        self.status_changed.emit()
        typed = [
            (row, column, text)
            for row, (_read, raw) in self._table.cell_marks().items()
            for column, text in raw.items()
            if column in _NUMBER_CELLS
        ]
        if typed:
            self.set_cells(typed, READ_AGAIN)

    @property
    def table(self) -> EntryTable:
        return self._table

    @property
    def chart(self) -> Chart | None:
        return self._table.chart

    def load(self, table: EntryTable) -> None:
        """Show a table built elsewhere (a worker): constant work on the GUI thread. The
        undo history starts again: it was about the grid being replaced."""
        self.undo_stack.clear()
        self.beginResetModel()
        self._table = table
        self.sent.clear()
        self._from_sheet = any(line.row is not None for line in table.lines)
        self.endResetModel()
        self.status_changed.emit()

    def load_entries(
        self, entries: Iterable[JournalEntry], read_problems: Iterable[Problem] = ()
    ) -> None:
        """Lay out and check entries here and now (small batches; big ones use `load`)."""
        self.load(EntryTable.build(entries, self._table.chart, read_problems))

    def load_import(self, result: ImportResult) -> None:
        self.load(table_from_import(result, self._table.chart))

    def clear(self) -> None:
        self.load(EntryTable(self._table.chart))

    def entries(self) -> list[JournalEntry]:
        """The journal as it stands, ready for posting (copies, Decimal amounts)."""
        return self._table.copied_entries()

    def set_chart(self, chart: Chart | None) -> None:
        """Check every entry against another company's chart (names and accounts change)."""
        self._table.set_chart(chart)
        self._repaint_all()
        self.status_changed.emit()

    # --- summary ------------------------------------------------------------------------------

    @property
    def entry_count(self) -> int:
        return len(self._table.entries)

    @property
    def line_count(self) -> int:
        return len(self._table.lines)

    @property
    def total_debit(self) -> Decimal:
        return self._table.total_debit

    @property
    def total_credit(self) -> Decimal:
        return self._table.total_credit

    @property
    def problem_count(self) -> int:
        return self._table.problem_count

    @property
    def is_ready(self) -> bool:
        """Something to post and nothing wrong with it."""
        return self.line_count > 0 and self.problem_count == 0

    @property
    def sent_count(self) -> int:
        """Entries of the grid on the books exactly as they stand (marked after posting)."""
        return self.sent.count_in(self._table.entries)

    def is_sent_row(self, row: int) -> bool:
        return self.sent.is_sent(self._table.owners[row])

    def mark_sent(self, found: Iterable[tuple[JournalEntry, str]]) -> None:
        """Mark entries posted as they stand (each with the fingerprint sent)."""
        self.sent.mark(found)
        self._repaint_all()
        self.status_changed.emit()

    def forget_sent(self, prints: Iterable[str] | None = None) -> None:
        """Drop the marks of what was sent with `prints` (all marks when None)."""
        if prints is None:
            self.sent.clear()
        else:
            self.sent.forget(set(prints))
        self._repaint_all()
        self.status_changed.emit()

    def sent_rows(self) -> list[int]:
        """The grid rows of every marked entry (to remove them from the grid)."""
        table = self._table
        return [row for row, entry in enumerate(table.owners) if self.sent.is_sent(entry)]

    def located_problems(self) -> Sequence[LocatedProblem]:
        return self._table.located_problems()

    def cell_problems(self, row: int, column: int) -> list[Text]:
        return self._table.cell_problems(row, column)

    def entry_rows(self, row: int) -> tuple[int, int]:
        """First and last row of the entry that row belongs to."""
        return self._table.rows_of(self._table.owners[row])

    def text(self, row: int, column: int) -> str:
        """What a cell shows (and its editor opens with): amounts in the grid's number
        style, dates in the language's (05 Aug 2026 or 05/08/2026, both read back as the
        same day)."""
        table, column = self._table, Column(column)
        if column == Column.DATE and not table.is_unreadable(row, column):
            entry = table.owners[row]
            if entry.date is None or not table.is_first_line(row):
                return ""
            return date_text(entry.date)
        return table.text(row, column, self.number_style)

    # --- Qt model interface -------------------------------------------------------------------

    def rowCount(self, parent: _ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._table.lines)

    def columnCount(self, parent: _ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        # Asked once per cell of a selection (a whole column: 100,000 times): no flag
        # arithmetic here, two constants.
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._table.is_editable(index.row(), index.column()):
            return _EDITABLE_FLAGS
        return _READ_ONLY_FLAGS

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.EditRole:
            if column == Column.DIFFERENCE and role == Qt.ItemDataRole.DisplayRole:
                return self._difference_text(row)
            return self.text(row, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            if self._table.cell_problems(row, column):
                return self._palette.problem
            if self.sent and self.is_sent_row(row):
                return self._palette.sent
            ordinal = self._table.position(self._table.owners[row])[0]
            return self._palette.shade[ordinal & 1]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBER_COLUMNS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == Qt.ItemDataRole.FontRole and column in (Column.REFERENCE, Column.DIFFERENCE):
            return self._bold
        return None

    def setData(
        self, index: _ModelIndex, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        """Typing into a cell: one undoable step (typing on in the same cell merges into it).
        Text that cannot be read stays in the cell, marked, and `edit_unreadable` says why."""
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row, column = index.row(), Column(index.column())
        text = "" if value is None else str(value).strip()
        if self.text(row, column) == text:
            return True  # nothing changed: keep the problems the file reported here
        command = TypingCommand(self, TYPING, row, column, text)
        self.undo_stack.push(command)
        for reason in command.step.reasons:
            self.edit_unreadable.emit(reason)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(Column):
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMN_TITLES[Column(section)].get()
            if role == Qt.ItemDataRole.ToolTipRole and Column(section) in HEADER_TIPS:
                return HEADER_TIPS[Column(section)].get()
            return None
        if not 0 <= section < len(self._table.lines):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            label = self._table.row_label(section)
            return label or ("" if self._from_sheet else str(section + 1))
        if role == Qt.ItemDataRole.ToolTipRole and self._table.lines[section].row is not None:
            return tr(
                "Baris {r} di lembar kerja",
                r=self._table.lines[section].row,
            ).get()
        return None

    # --- undoable changes -----------------------------------------------------------------

    def push(self, label: Text, steps: Sequence[Step]) -> GridCommand:
        """Do `steps` as one undoable command (dropped if they change nothing)."""
        command = GridCommand(self, label, steps)
        self.undo_stack.push(command)
        return command

    def set_cells(self, edits: Iterable[tuple[int, int, str]], label: Text) -> int:
        """Type texts into many cells as one undoable step (Delete, fill, replace); cells
        that cannot be edited are left out. Returns how many cells changed."""
        table = self._table
        wanted = [(r, _COLUMNS[c], t) for r, c, t in edits if table.is_editable(r, c)]
        if not wanted:
            return 0
        step = CellsStep(wanted)
        self.push(label, [step])
        return len(step.changes)

    def clear_cells(self, runs: Mapping[int, Sequence[int]], label: Text) -> int:
        """Empty cells as one undoable step (Delete): `runs` maps a column to its rows, each
        once, in order. Cells that cannot be edited or are empty already are left out.
        Returns how many cells changed. Cells holding nothing but their value are kept a
        column at a time (a whole column: 50,000 cells, two lists)."""
        table, cleared = self._table, []
        for number, rows in runs.items():
            column = _COLUMNS[number]
            if column not in EDITABLE_COLUMNS:
                continue
            if column in ENTRY_COLUMNS:  # shown and edited on an entry's first line only
                rows = [row for row in rows if table.is_first_line(row)]
            values = table.cleared_values(column, list(rows))
            if values is None:  # some cell holds more than its value: each cell's state
                edits = [(row, column, "") for column, rows in runs.items() for row in rows]
                return self.set_cells(sorted(edits), label)
            blank = BLANK_STATES[column].value
            if blank in values:  # some are empty already (not when the rows are filled_rows)
                kept = [(row, value) for row, value in zip(rows, values, strict=True)]
                kept = [(row, value) for row, value in kept if value != blank]
                rows, values = [row for row, _ in kept], [value for _, value in kept]
            if rows:
                cleared.append((column, list(rows), values))
        if not cleared:
            return 0
        step = ClearStep(cleared)
        self.push(label, [step])
        return step.count

    def insert_line(self, row: int) -> int:
        """A blank line below row, in the same entry; returns its row."""
        if not 0 <= row < len(self._table.lines):
            return self.insert_entry(None)
        gap, block = self._table.new_line_block(row)
        self.push(ADD_LINE, [InsertStep(gap, block)])
        return gap

    def insert_entry(self, after_row: int | None = None) -> int:
        """A new two-line entry below after_row's entry (or at the end); returns its first
        row. It takes the date above and the next free reference number."""
        if after_row is not None and not 0 <= after_row < len(self._table.lines):
            after_row = None
        gap, block = self._table.new_entry_block(after_row)
        self.push(NEW_ENTRY, [InsertStep(gap, block)])
        return gap

    def remove_rows(self, rows: Iterable[int]) -> None:
        """Remove lines; an entry that loses all its lines is removed too."""
        wanted = [r for r in rows if 0 <= r < len(self._table.lines)]
        if wanted:
            self.push(REMOVE_LINES, [RemoveStep(runs_descending(wanted))])

    def remove_entries(self, rows: Iterable[int]) -> None:
        """Remove the whole entries the given rows belong to."""
        covered: set[int] = set()
        for row in rows:
            if 0 <= row < len(self._table.lines):
                first, last = self.entry_rows(row)
                covered.update(range(first, last + 1))
        self.remove_rows(covered)

    def round_cents(self) -> list[CentRounding]:
        """Round every amount with a fraction of a cent, half-up, and check those entries
        again: an entry that no longer balances shows its difference. One undoable step;
        the changes are returned."""
        step = RoundStep()
        self.push(ROUND_CENTS, [step])
        return step.changes

    def paste(self, plan: PastePlan, label: Text = PASTE) -> GridCommand:
        """Carry out a paste plan (app.core.grid.paste) as one undoable step: the rows it
        needs inserted, then its cells typed."""
        steps: list[Step] = []
        if plan.block is not None:
            steps.append(InsertStep(plan.gap, plan.block))
        steps.append(CellsStep(plan.edits))
        return self.push(label, steps)

    def retranslate(self) -> None:
        """Headers, problem texts and the undo history's names in the language now chosen."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        for index in range(self.undo_stack.count()):
            command = self.undo_stack.command(index)
            if isinstance(command, GridCommand):
                command.retranslate()
        self._repaint_all()

    # --- primitives the undo commands use (no undo record of their own) --------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Changes inside tell the page about the new totals and problems once, at the end."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if not self._batch_depth and self._status_pending:
                self._status_pending = False
                self.status_changed.emit()

    def typed_changes(self, edits: Sequence[Edit]) -> tuple[list[CellChange], list[Text]]:
        """Each edit's cell state before and after (edits that change nothing left out), and
        why texts could not be read. Looks only; changes nothing."""
        table, style = self._table, self.number_style
        changes: list[CellChange] = []
        reasons: list[Text] = []
        seen: set[tuple[int, int]] = set()
        for row, column, text in edits:
            cell = (row, column)
            if cell in seen or not table.is_editable(row, column):
                continue
            seen.add(cell)
            if text:
                before = table.cell_state(row, column)
                after, reason = table.typed_state(row, column, text, style)
            else:  # a Delete: the column's one empty state
                before = table.cleared_state(row, column) or table.cell_state(row, column)
                after, reason = BLANK_STATES[column], None
            if not before.same_as(after):
                changes.append((row, column, before, after))
            if reason is not None:
                reasons.append(reason)
        return changes, reasons

    def apply_cells(
        self, cells: Sequence[tuple[int, Column, CellState]], checks: KeptChecks | None = None
    ) -> KeptChecks | None:
        """Make each cell hold its state; each entry touched is checked once, or takes back
        `checks`: what checking found when its cells last held these states (an undo or a
        redo). Returns what checking had found before this change (for the way back)."""
        if not cells:
            return None
        table = self._table
        owners = table.owners
        edited, changed = _lines_changed(owners, table.lines, cells)
        columns = {column for _row, column, _state in cells}
        # Only optional cells can fill or mark an optional column (their checks look at
        # nothing else), so a change of other cells spares looking.
        optional = not columns.isdisjoint(OPTIONAL_COLUMNS)
        before = [table.optional_columns_of(entry) for entry in edited] if optional else []
        others = table.set_cells(cells)  # sharing a reference, old or new
        kept = table.restore_checks(checks) if checks is not None else None
        if kept is None:
            kept = table.recheck_entries(edited, changed, amounts_only=columns <= _AMOUNT_SIDES)
        if self.sent:
            self.sent.recheck(edited)
        # The edited entries lie between the first and the last cell's (rows do not move).
        rows = [row for row, _column, _state in cells]
        self._repaint_entries(_unique([owners[min(rows)], owners[max(rows)], *others]))
        # Only what this change filled or marked: a column the user hid stays hidden otherwise.
        needed: set[Column] = set()
        for entry, (filled, marked) in zip(edited, before, strict=False):
            now_filled, now_marked = table.optional_columns_of(entry)
            needed |= (now_filled - filled) | (now_marked - marked)
        if needed:
            self.optional_columns_needed.emit(frozenset(needed))
        self._changed()
        return kept

    def insert_block(self, gap: int, block: RowBlock) -> None:
        self._table.check_insert(gap, block)  # raises before the view is told anything
        self.beginInsertRows(_ROOT, gap, gap + len(block) - 1)
        self._table.insert_rows(gap, block)
        self.endInsertRows()
        self._recheck_sent(gap - 1, gap + len(block))
        self._repaint_from(gap)  # the entries below may change shade
        self._changed()

    def remove_block(self, first: int, last: int) -> RowBlock:
        self.beginRemoveRows(_ROOT, first, last)
        block = self._table.remove_rows(first, last)
        self.endRemoveRows()
        self._recheck_sent(first - 1, first)
        self._repaint_from(max(first - 1, 0))
        self._changed()
        return block

    def round_all(self) -> list[CentRounding]:
        changes = self._table.round_cents()
        self._after_rounding(changes)
        return changes

    def apply_roundings(self, changes: list[CentRounding], *, forward: bool) -> None:
        self._table.apply_roundings(changes, forward=forward)
        self._after_rounding(changes)

    def show_area(self, first_row: int, last_row: int, first_column: int, last_column: int) -> None:
        rows = len(self._table.lines)
        if rows:
            first_row, last_row = min(first_row, rows - 1), min(last_row, rows - 1)
            self.area_changed.emit(first_row, last_row, first_column, last_column)

    # --- internals --------------------------------------------------------------------------

    def _after_rounding(self, changes: list[CentRounding]) -> None:
        if changes:
            if self.sent:
                self.sent.recheck(touched_entries(changes))
            self._repaint_entries(touched_entries(changes))
            self._changed()

    def _changed(self) -> None:
        if self._batch_depth:
            self._status_pending = True
        else:
            self.status_changed.emit()

    def _recheck_sent(self, first: int, last: int) -> None:
        """Rows added or taken around here may have changed the entries they belong to."""
        owners = self._table.owners
        if self.sent and owners:
            rows = range(max(first, 0), min(last, len(owners) - 1) + 1)
            self.sent.recheck(_unique(owners[row] for row in rows))

    def _unknown_account(self, row: int) -> bool:
        """The line's code is not in the company's chart (it may come from another one)."""
        chart, code = self._table.chart, self._table.lines[row].account
        return chart is not None and bool(code) and code not in chart

    def _difference_text(self, row: int) -> str:
        """The entry's difference; "Terkirim" on a balanced entry already on the books."""
        text = self.text(row, Column.DIFFERENCE)
        if not text and self.sent and self._table.is_first_line(row) and self.is_sent_row(row):
            return SENT.get()
        return text

    def _tooltip(self, row: int, column: Column) -> str | None:
        """What is wrong with the cell; on an amount, the entry's totals too (the balance
        problem on the difference already names them)."""
        problems = "\n".join(text.get() for text in self._table.cell_problems(row, column))
        if column == Column.ACCOUNT:
            if problems and self._unknown_account(row):
                problems = f"{problems}\n\n{MAPPING_HINT.get()}"
            written = self._table.written_account(row)
            if written is not None:
                said = written_as(written, self.text(row, column)).get()
                return f"{said}\n\n{problems}" if problems else said
            return problems or None
        if not problems and column == Column.DIFFERENCE and self.sent and self.is_sent_row(row):
            return SENT_TIP.get()
        if column not in AMOUNT_COLUMNS or (problems and column == Column.DIFFERENCE):
            return problems or None
        totals = subtotal_text(self._table.owners[row], self._number_style).get()
        return f"{problems}\n\n{totals}" if problems else totals

    def _foreground(self, row: int, column: Column) -> QBrush | None:
        if column == Column.DIFFERENCE and self.sent and self.is_sent_row(row):
            return self._palette.sent_text
        if column == Column.DIFFERENCE or self._table.is_unreadable(row, column):
            return self._palette.problem_text
        if column == Column.ACCOUNT_NAME:
            return self._palette.muted_text
        return None

    def _repaint_entries(self, entries: Iterable[JournalEntry]) -> None:
        spans = [self._table.rows_of(entry) for entry in entries]
        if spans:
            first, last = min(s[0] for s in spans), max(s[1] for s in spans)
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(Column) - 1))

    def _repaint_from(self, row: int) -> None:
        if 0 <= row < len(self._table.lines):
            last = len(self._table.lines) - 1
            self.dataChanged.emit(self.index(row, 0), self.index(last, len(Column) - 1))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, row, last)

    def _repaint_all(self) -> None:
        self._repaint_from(0)


def _lines_changed(
    owners: list[JournalEntry],
    lines: list[JournalLine],
    cells: Sequence[tuple[int, Column, CellState]],
) -> tuple[list[JournalEntry], dict[int, list[JournalLine] | None]]:
    """The entries the cells are in, each once in the order it first comes, and by id which
    of their lines to check again: a line's own cell, that line; a cell of the whole entry
    (its date, reference, description), every line (None)."""
    edited: list[JournalEntry] = []
    changed: dict[int, list[JournalLine] | None] = {}
    for row, column, _state in cells:
        entry = owners[row]
        key = id(entry)
        if key not in changed:  # the first cell of its entry
            edited.append(entry)
            changed[key] = None if column in ENTRY_COLUMNS else [lines[row]]
            continue
        noted = changed[key]
        if column in ENTRY_COLUMNS:
            changed[key] = None  # a cell of the whole entry: all of its lines
        elif noted is not None:
            line = lines[row]
            for each in noted:  # a few at most
                if each is line:
                    break
            else:
                noted.append(line)
    return edited, changed


def _unique(entries: Iterable[JournalEntry]) -> list[JournalEntry]:
    entries = list(entries)
    # Built in one call (a Delete over a column: 50,000 cells of 25,000 entries), in the
    # order each entry first comes (the same id is the same entry).
    return list(dict(zip(map(id, entries), entries, strict=True)).values())


__all__ = [
    "AMOUNT_COLUMNS",
    "COLUMN_TITLES",
    "Column",
    "EntriesModel",
    "EntryTable",
    "table_from_import",
]
