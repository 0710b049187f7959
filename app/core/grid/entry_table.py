"""The journal grid's data: one row per journal line, each entry's lines kept together, with
every check result and the running totals. Plain Python (no Qt), so it can be built on a
worker thread for a 100,000-line import and handed to the GUI thread whole, and so the
grid's undo commands, a draft file or the command line can work on it.

`EntryTable` is made of parts, each keeping its own records:
- `rows` (`TableRows`, entry_rows.py): the entries, their lines as rows, the entry of each
  row and the totals; inserting and removing runs of rows.
- `marks` (`CellMarks`, cell_marks.py): problems read from the workbook (a cell that was not
  a number, a formula with no value) and text typed into a cell that could not be read; they
  stay on their cell until that cell changes.
- `checks` (`TableChecks`, entry_checks.py): check results per entry and per line (keyed by
  object id, not by row number, so inserting a row does not renumber them), recomputed only
  for the entry a change touches, and their counts.
- `references` (`EntryReferences`, entry_references.py): the entries by their number, and
  the numbers used twice.
- `problems` (`TableProblems`, entry_problems.py): which problems each cell shows, and the
  list of them all in grid order.

Every change is made through a few operations that say exactly what they changed, so an
undo can put it back: `set_cell` (with the cell's `CellState` before), `insert_rows` and
`remove_rows` (a `RowBlock`), `round_cents` (the `CentRounding`s).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from itertools import compress
from operator import attrgetter

from app.core.books.cents import CentRounding, round_cents, touched_entries
from app.core.books.journal import JournalEntry, JournalLine, Problem
from app.core.books.money import ZERO
from app.core.books.number_style import NumberStyle
from app.core.books.written_accounts import account_code
from app.core.excel.reader import ImportResult
from app.core.grid import problems as grid_problems
from app.core.grid.cell_marks import CellMarks
from app.core.grid.cells import (
    BLANK_STATES,
    CellState,
    cell_value,
    store_value,
    typed_value,
    unreadable_problem,
    value_text,
)
from app.core.grid.columns import (
    COLUMN_FIELDS,
    EDITABLE_COLUMNS,
    ENTRY_COLUMNS,
    NUMBER_FIELDS,
    OPTIONAL_COLUMNS,
    TEXT_FIELDS,
    Column,
    columns_of,
    filled_optional_columns,
)
from app.core.grid.entry_checks import Chart, KeptChecks, TableChecks
from app.core.grid.entry_problems import ProblemList, TableProblems
from app.core.grid.entry_references import EntryReferences
from app.core.grid.entry_rows import TableRows
from app.core.grid.problems import LocatedProblem
from app.core.grid.rows import RowBlock
from app.core.i18n import Text

_OPTIONAL_FIELDS = frozenset(COLUMN_FIELDS[column] for column in OPTIONAL_COLUMNS)
_REFERENCE, _DEBIT, _CREDIT = Column.REFERENCE, Column.DEBIT, Column.CREDIT  # looked up once
# The line's own field behind each of its cells (the classifications aside).
_LINE_FIELDS = {
    Column.ACCOUNT: "account",
    Column.DEBIT: "debit",
    Column.CREDIT: "credit",
    **TEXT_FIELDS,
    **NUMBER_FIELDS,
}


class EntryTable:
    """Journal lines as flat rows with their check results and totals. Plain Python.

    The entries and lines given are used (and edited) in place; `copied_entries()` hands out
    copies.
    """

    def __init__(self, chart: Chart | None = None) -> None:
        self.marks = CellMarks()
        self.checks = TableChecks(chart, self.marks)
        self.references = EntryReferences()
        self.rows = TableRows(self.marks, self.checks, self.references)
        self.problems = TableProblems(self.rows, self.checks, self.references)
        # The optional columns holding a value or a problem; None: to be found again.
        self._filled: frozenset[Column] | None = frozenset()

    # --- building ---------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        entries: Iterable[JournalEntry],
        chart: Chart | None = None,
        read_problems: Iterable[Problem] = (),
        labels: Mapping[str, str] | None = None,
        *,
        optional: bool = True,
        unread: Mapping[tuple[int, str], str] | None = None,
    ) -> EntryTable:
        """Lay out and check `entries` (meant for a worker thread: it checks every entry).
        `optional=False` says no entry has an optional field (the workbook had none of those
        columns), which spares looking for them. `unread` is what the cells that could not be
        read held, by (worksheet row, field): those cells show it."""
        table = cls(chart)
        table.labels = dict(labels or {})
        table.rows.lay_out(entries)
        table.loose = table.marks.attach(read_problems, unread or {}, table.lines, table.entries)
        for entry in table.entries:
            table.checks.check(entry)
        table._filled = None
        if optional or table.marks.read:
            table.optional_columns_in_use()  # found here, on the worker
        else:
            table._filled = frozenset()
        return table

    # --- what the parts keep, as callers read it -----------------------------------------------

    @property
    def chart(self) -> Chart | None:
        return self.checks.chart

    @property
    def entries(self) -> list[JournalEntry]:
        return self.rows.entries

    @property
    def lines(self) -> list[JournalLine]:
        return self.rows.lines

    @property
    def owners(self) -> list[JournalEntry]:
        """The entry of each row."""
        return self.rows.owners

    @property
    def total_debit(self) -> Decimal:
        return self.rows.total_debit

    @property
    def total_credit(self) -> Decimal:
        return self.rows.total_credit

    @property
    def labels(self) -> dict[str, str]:
        """field -> worksheet column label, e.g. "E (Debit)"."""
        return self.problems.labels

    @labels.setter
    def labels(self, labels: dict[str, str]) -> None:
        self.problems.labels = labels

    @property
    def loose(self) -> list[Problem]:
        """Problems reading found that fit no line."""
        return self.problems.loose

    @loose.setter
    def loose(self, problems: list[Problem]) -> None:
        self.problems.loose = problems

    # --- positions --------------------------------------------------------------------------

    def position(self, entry: JournalEntry) -> tuple[int, int]:
        """(ordinal of the entry, its first row), from an index rebuilt after row changes."""
        return self.rows.position(entry)

    def rows_of(self, entry: JournalEntry) -> tuple[int, int]:
        return self.rows.rows_of(entry)

    def row_label(self, row: int) -> str:
        """The worksheet row the line came from; empty for a line typed in the grid."""
        number = self.rows.lines[row].row
        return "" if number is None else str(number)

    def is_first_line(self, row: int) -> bool:
        rows = self.rows
        return rows.lines[row] is rows.owners[row].lines[0]

    def has_blank_lines(self, row: int) -> bool:
        """Whether the row's entry has no line written yet (a new entry: only its date and
        number may be filled), so account lines pasted on its date belong to its lines."""
        first, last = self.rows.rows_of(self.rows.owners[row])
        line_columns = EDITABLE_COLUMNS - ENTRY_COLUMNS
        return all(self.is_blank(r, c) for r in range(first, last + 1) for c in line_columns)

    # --- cells --------------------------------------------------------------------------------

    def is_editable(self, row: int, column: int) -> bool:
        """Every column but the computed ones; an entry's columns on its first line only."""
        return column in EDITABLE_COLUMNS and (
            column not in ENTRY_COLUMNS or self.is_first_line(row)
        )

    def text(self, row: int, column: Column, style: NumberStyle = NumberStyle.ID) -> str:
        """What a cell shows (and what its editor opens with): typed text that could not be
        read stays as typed. Constant time: the row's line, its entry and a dict or two."""
        rows = self.rows
        line, entry = rows.lines[row], rows.owners[row]
        if column in ENTRY_COLUMNS and line is not entry.lines[0]:
            return ""  # the entry's date, number and description show once, on top
        typed = self.marks.raw
        if typed:
            raw = typed.get(id(line))
            if raw is not None and column in raw:
                return raw[column]
        chart = self.checks.chart
        if column == Column.ACCOUNT_NAME:
            code = account_code(line.account, chart)
            return chart[code].name if code is not None and chart is not None else ""
        if column == Column.ACCOUNT and chart is not None:
            # "110101 - Kas Kecil" shows as the code it names; written_account keeps the text.
            return account_code(line.account, chart) or line.account
        if column == Column.DIFFERENCE:
            return value_text(entry.difference, column, style) if line is entry.lines[0] else ""
        return value_text(cell_value(line, entry, column), column, style)

    def written_account(self, row: int) -> str | None:
        """The account as written on the row when the cell shows another text: the code a
        name or a code-and-name stands for (app.core.books.written_accounts). None otherwise."""
        written = self.rows.lines[row].account
        code = account_code(written, self.checks.chart)
        return written if code is not None and code != written else None

    @property
    def has_unreadable(self) -> bool:
        """Whether some cell holds typed (or imported) text that could not be read."""
        return bool(self.marks.raw)

    def is_unreadable(self, row: int, column: int) -> bool:
        """The cell holds typed (or imported) text that could not be read."""
        typed = self.marks.raw
        raw = typed.get(id(self.rows.lines[row])) if typed else None
        return raw is not None and column in raw and self.is_editable(row, column)

    def is_blank(self, row: int, column: Column) -> bool:
        """Whether the cell shows nothing (no value, no typed text): what Delete can skip.
        Formats nothing, so a whole column is looked at quickly."""
        rows = self.rows
        line, entry = rows.lines[row], rows.owners[row]
        anchor = entry.lines[0] if column in ENTRY_COLUMNS else line
        if column in ENTRY_COLUMNS and line is not anchor:
            return True
        typed = self.marks.raw
        if typed and column in typed.get(id(anchor), ()):
            return False
        return not cell_value(line, entry, column)

    def filled_rows(self, column: Column, first: int, last: int) -> list[int]:
        """The rows first..last whose cell in `column` is not blank (see is_blank): what a
        Delete over them empties. One pass over the column, not a call per cell."""
        rows = range(first, last + 1)
        if column in ENTRY_COLUMNS or column not in _LINE_FIELDS:
            return [row for row in rows if not self.is_blank(row, column)]
        name, typed, lines = _LINE_FIELDS[column], self.marks.raw, self.rows.lines
        if not typed:  # the common case, in one pass at C speed (a whole column: 100,000)
            return list(compress(rows, map(attrgetter(name), lines[first : last + 1])))
        return [
            row
            for row, line in zip(rows, lines[first : last + 1], strict=True)
            if getattr(line, name) or (typed and column in typed.get(id(line), ()))
        ]

    def cell_state(self, row: int, column: Column) -> CellState:
        """Everything the cell holds now (what an undo of a change to it puts back)."""
        line, entry = self.rows.lines[row], self.rows.owners[row]
        whole_entry = column in ENTRY_COLUMNS
        anchor = entry.lines[0] if whole_entry else line
        marks = self.marks
        typed = marks.raw.get(id(anchor)) if marks.raw else None
        raw = typed.get(column) if typed else None
        read: tuple[tuple[JournalLine, Problem], ...] = ()
        if marks.read:  # most grids have no cell that reading could not read
            read = tuple(
                (each, problem)
                for each in (entry.lines if whole_entry else (line,))
                for problem in marks.read.get(id(each), ())
                if column in columns_of(problem.field)
            )
        return CellState(cell_value(line, entry, column), raw, read)

    def cleared_state(self, row: int, column: Column) -> CellState | None:
        """cell_state, for a cell a Delete empties, when it holds nothing but its value (no
        unreadable text, no problem from reading: then None, and cell_state tells): the
        common case, made without looking for either (a whole column: 50,000 cells)."""
        if self.marks.raw or self.marks.read:
            return None
        return CellState(cell_value(self.rows.lines[row], self.rows.owners[row], column))

    def cleared_values(self, column: Column, rows: list[int]) -> list[object] | None:
        """cleared_state for many cells of one column, as the values they hold (each cell's
        whole state): a Delete over a whole column takes 50,000 in one pass. None when some
        cell of the grid holds more than its value (then cell_state tells each)."""
        if self.marks.raw or self.marks.read:
            return None
        lines = self.rows.lines
        name = _LINE_FIELDS.get(column)
        if name is not None:
            return list(map(attrgetter(name), map(lines.__getitem__, rows)))
        owners = self.rows.owners
        return [cell_value(lines[row], owners[row], column) for row in rows]

    def typed_state(
        self, row: int, column: Column, text: str, style: NumberStyle
    ) -> tuple[CellState, Text | None]:
        """What typing `text` makes of the cell, and the reason when it cannot be read (the
        text then stays in the cell, marked, and the field is left blank)."""
        if not text or text.isspace():  # a Delete: no parsing, one state per column
            return BLANK_STATES[column], None
        value, reason = typed_value(text, column, style, self.checks.chart)
        if reason is None:
            return CellState(value), None
        line, entry = self.rows.lines[row], self.rows.owners[row]
        anchor = entry.lines[0] if column in ENTRY_COLUMNS else line
        problem = unreadable_problem(entry, anchor, column, reason)
        return CellState(value, text.strip(), ((anchor, problem),)), reason

    def set_cell(
        self, row: int, column: Column, state: CellState, *, check: bool = True
    ) -> list[JournalEntry]:
        """Make the cell hold `state`; returns the entries whose look changed (the cell's,
        and those sharing its old or new reference). With check=False the caller checks the
        entry again itself (once, after changing many of its cells)."""
        entry = self.rows.owners[row]
        touched = [entry, *self.set_cells([(row, column, state)])]
        if check:
            self.checks.check(entry)
        return touched

    def set_cells(self, cells: Iterable[tuple[int, Column, CellState]]) -> list[JournalEntry]:
        """Make each cell hold its state, checking nothing (the caller checks each entry
        again, once); returns the other entries whose look changed (those sharing an old or
        new reference). One loop for a whole column's 50,000 cells."""
        rows, marks = self.rows, self.marks
        lines, owners, others = rows.lines, rows.owners, []
        read, raw = marks.read, marks.raw  # changed in place only
        rename = self.references.rename
        debit = credit = ZERO  # what the totals change by: added once, at the end
        try:
            for row, column, state in cells:
                line, entry = lines[row], owners[row]
                if column == _REFERENCE:
                    others += rename(entry, str(state.value))
                # A cell's value is of its column's kind (a Decimal here), which the type of
                # CellState.value (object) cannot say: hence the ignores.
                elif column == _DEBIT:
                    debit += state.value - line.debit  # type: ignore[operator]  # a Decimal
                    line.debit = state.value  # type: ignore[assignment]  # a Decimal
                elif column == _CREDIT:
                    credit += state.value - line.credit  # type: ignore[operator]  # a Decimal
                    line.credit = state.value  # type: ignore[assignment]  # a Decimal
                else:
                    store_value(line, entry, column, state.value)
                # Most grids hold no problem from reading and no unreadable text: nothing to do.
                if read:
                    marks.forget_read_problems(entry, line, column)
                if state.read:
                    for each, problem in state.read:
                        read.setdefault(id(each), []).append(problem)
                if raw or state.raw is not None:
                    anchor = entry.lines[0] if column in ENTRY_COLUMNS else line
                    marks.set_raw(anchor, column, state.raw)
        finally:
            rows.total_debit += debit
            rows.total_credit += credit
            self._filled = None
        return others

    def edit(
        self, row: int, column: Column, value: object, style: NumberStyle
    ) -> list[JournalEntry]:
        """Type a value into a cell (no undo record): see typed_state and set_cell."""
        state, _reason = self.typed_state(row, column, _text(value), style)
        return self.set_cell(row, column, state)

    # --- rows ---------------------------------------------------------------------------------

    def new_line_block(self, row: int) -> tuple[int, RowBlock]:
        """A blank line for row's entry, right below row: (the gap, the block)."""
        return self.rows.new_line_block(row)

    def new_entry_block(self, after_row: int | None) -> tuple[int, RowBlock]:
        """A new entry of two blank lines below after_row's entry (or at the end): it takes
        the date above and the next free number. (the gap, the block)."""
        return self.rows.new_entry_block(after_row)

    def check_insert(self, gap: int, block: RowBlock) -> None:
        """Raises ValueError if the block cannot go in at `gap`; changes nothing."""
        self.rows.check_insert(gap, block)

    def insert_rows(self, gap: int, block: RowBlock) -> list[JournalEntry]:
        """Put the block's rows in at `gap` (0..len(lines)); returns the entries it touched.
        Raises ValueError, changing nothing, for a block that cannot go there."""
        touched = self.rows.insert(gap, block)
        self._filled = None
        return touched

    def remove_rows(self, first: int, last: int) -> RowBlock:
        """Remove rows first..last; an entry left without lines goes too. Returns the block
        removed, with what its cells carried (insert it at `first` to put it back)."""
        block = self.rows.remove(first, last)
        self._filled = None
        return block

    # --- checking -------------------------------------------------------------------------

    def recheck(
        self,
        entry: JournalEntry,
        lines: list[JournalLine] | None = None,
        *,
        amounts_only: bool = False,
    ) -> None:
        """Check one entry again after it changed (only `lines` of its lines, when only
        their own cells changed; only their amounts, with `amounts_only`, when nothing else
        of them changed); no other entry is looked at."""
        self.checks.check(entry, lines, amounts_only=amounts_only)

    def recheck_entries(
        self,
        entries: Iterable[JournalEntry],
        lines: Mapping[int, list[JournalLine] | None],
        *,
        amounts_only: bool = False,
    ) -> KeptChecks:
        """`recheck` for each entry (`lines[id(entry)]` of its lines, all when None); returns
        what checking had found before (for the way back: `restore_checks`)."""
        return self.checks.recheck_entries(entries, lines, amounts_only=amounts_only)

    def restore_checks(self, kept: KeptChecks) -> KeptChecks | None:
        """Put back checks kept before a change, instead of checking those entries again (an
        undo or redo brings their cells back exactly); returns the checks they replace. None,
        changing nothing, when the checks have changed since (another chart)."""
        return self.checks.restore(kept)

    def set_chart(self, chart: Chart | None) -> None:
        self.checks.set_chart(chart, self.rows.entries)

    # --- problems -----------------------------------------------------------------------------

    @property
    def problem_count(self) -> int:
        return self.problems.count

    def cell_problems(self, row: int, column: int) -> list[Text]:
        """The problems shown on one cell."""
        return self.problems.of_cell(row, column)

    def located_problems(self) -> ProblemList:
        """Every problem with the cell it belongs to, in grid order."""
        return self.problems.located()

    def code_count(self, code: str) -> int:
        """How many problems are of this kind (Problem.code), e.g. FRACTION_OF_CENT."""
        return self.problems.code_count(code)

    # --- the optional columns ---------------------------------------------------------------

    def optional_columns_in_use(self) -> frozenset[Column]:
        """The optional columns holding a value or a problem somewhere: the ones to show."""
        if self._filled is None:
            fields = self.checks.problem_fields(self.rows.lines)
            self._filled = filled_optional_columns(self.rows.entries, fields)
        return self._filled

    def optional_columns_of(self, entry: JournalEntry) -> tuple[frozenset[Column], ...]:
        """For one entry (an edit's: a few lines looked at): the optional columns it fills,
        and those where one of its problems is marked."""
        fields = [
            *self.checks.problem_fields(entry.lines),
            *(p.field for p in self.checks.own.get(id(entry), ())),
        ]
        return filled_optional_columns([entry]), filled_optional_columns((), fields)

    # --- rounding -----------------------------------------------------------------------------

    def round_cents(self) -> list[CentRounding]:
        """Round every amount holding a fraction of a cent (app.core.books.cents.round_cents) and
        check again the entries that changed; returns the changes (what an undo puts back)."""
        changes = round_cents(self.rows.entries)
        self._after_rounding(changes, forward=True, applied=True)
        return changes

    def apply_roundings(self, changes: list[CentRounding], *, forward: bool) -> None:
        """Put the rounded amounts back (`forward`) or the amounts they had before."""
        self._after_rounding(changes, forward=forward, applied=False)

    def _after_rounding(self, changes: list[CentRounding], *, forward: bool, applied: bool) -> None:
        rows = self.rows
        for change in changes:
            before, after = (change.old, change.new) if forward else (change.new, change.old)
            if not applied:
                setattr(change.line, change.side, after)
            delta: Decimal = after - before
            if change.side == "debit":
                rows.total_debit += delta
            else:
                rows.total_credit += delta
        for entry in touched_entries(changes):
            self.checks.check(entry)

    # --- export -------------------------------------------------------------------------------

    def cell_marks(self) -> dict[int, tuple[list[Problem], dict[int, str]]]:
        """Per row that has any: the problems reading found in its cells and the texts typed
        there that could not be read (what a draft keeps besides the entries; a `RowBlock`
        of the same rows puts them back)."""
        return self.marks.by_row(self.rows.lines)

    def copied_entries(self) -> list[JournalEntry]:
        """The entries as they stand, copied so later edits in the grid do not reach them."""
        # Plain constructors: dataclasses.replace is several times slower on 100,000 lines.
        return [
            JournalEntry(
                entry.date,
                entry.reference,
                entry.description,
                [
                    JournalLine(
                        line.account,
                        line.debit,
                        line.credit,
                        line.memo,
                        line.department,
                        line.project,
                        line.row,
                        line.customer,
                        line.vendor,
                        line.employee,
                        line.rate,
                        line.prime_amount,
                        line.classifications,
                        line.written_account,
                    )
                    for line in entry.lines
                ],
                entry.sheet,
                entry.branch,
            )
            for entry in self.rows.entries
        ]


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


# --- from an import -------------------------------------------------------------------------


def table_from_import(result: ImportResult, chart: Chart | None = None) -> EntryTable:
    """The grid's table for an import (run on the worker, after read_workbook with the same
    chart). Problems from reading cells stay on their cells, showing what the cell held;
    the checks are redone per entry so that editing can update them one entry at a time."""
    optional = not _OPTIONAL_FIELDS.isdisjoint(result.mapping.as_dict())
    return EntryTable.build(
        result.entries,
        chart,
        grid_problems.read_problems(result, chart),
        grid_problems.column_labels(result),
        optional=optional,
        unread=result.cell_texts,
    )


__all__ = [
    "Chart",
    "EntryTable",
    "KeptChecks",
    "LocatedProblem",
    "RowBlock",
    "table_from_import",
]
