"""The journal grid's data: one row per journal line, each entry's lines kept together, with
every check result and the running totals. Plain Python (no Qt), so it can be built on a
worker thread for a 100,000-line import and handed to the GUI thread whole, and so the
grid's undo commands, a draft file or the command line can work on it.

Check results are kept per entry and per line (keyed by object id, not by row number, so
inserting a row does not renumber them) and recomputed only for the entry a change touches.
Problems read from the workbook (a cell that was not a number, a formula with no value) and
text typed into a cell that could not be read stay on their cell until that cell changes.

Every change is made through a few operations that say exactly what they changed, so an
undo can put it back: `set_cell` (with the cell's `CellState` before), `insert_rows` and
`remove_rows` (a `RowBlock`), `round_cents` (the `CentRounding`s).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain, compress
from operator import attrgetter

from app.core.books.cents import CentRounding, round_cents, touched_entries
from app.core.books.checks import LaterProblems, recount_codes
from app.core.books.journal import Account, JournalEntry, JournalLine, Problem
from app.core.books.money import ZERO, NumberStyle
from app.core.books.written_accounts import account_code
from app.core.excel.reader import ImportResult
from app.core.grid import problems as grid_problems
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
    FIELD_COLUMNS,
    NUMBER_FIELDS,
    OPTIONAL_COLUMNS,
    TEXT_FIELDS,
    Column,
    columns_of,
    filled_optional_columns,
)
from app.core.grid.entry_problems import EntryProblems
from app.core.grid.entry_rows import EntryRows
from app.core.grid.problems import LocatedProblem
from app.core.grid.rows import RowBlock
from app.core.i18n import Text

Chart = Mapping[str, Account]
_OPTIONAL_FIELDS = frozenset(COLUMN_FIELDS[column] for column in OPTIONAL_COLUMNS)
_TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)$")
_REFERENCE, _DEBIT, _CREDIT = Column.REFERENCE, Column.DEBIT, Column.CREDIT  # looked up once
# The line's own field behind each of its cells (the classifications aside).
_LINE_FIELDS = {
    Column.ACCOUNT: "account",
    Column.DEBIT: "debit",
    Column.CREDIT: "credit",
    **TEXT_FIELDS,
    **NUMBER_FIELDS,
}


@dataclass(frozen=True, slots=True)
class KeptChecks:
    """Check results of some entries set aside (`EntryTable.kept_checks`), under `token`:
    each entry's own problems and problem count, and the chosen lines' problems. Flat
    lists: a Delete over a column keeps 25,000 entries' worth, and drops it again later."""

    token: object
    entries: list[JournalEntry]
    own: list[Sequence[Problem] | None]
    counts: list[int]
    lines: list[JournalLine]
    checks: list[Sequence[Problem] | None]


class EntryTable(EntryRows, EntryProblems):
    """Journal lines as flat rows with their check results and totals. Plain Python.

    The entries and lines given are used (and edited) in place; `copied_entries()` hands out
    copies.
    """

    def __init__(self, chart: Chart | None = None) -> None:
        self.chart = chart
        self.entries: list[JournalEntry] = []
        self.lines: list[JournalLine] = []
        self.owners: list[JournalEntry] = []  # the entry of each row
        self.labels: dict[str, str] = {}  # field -> worksheet column label, e.g. "E (Debit)"
        self.loose: list[Problem] = []  # read problems that fit no line
        self.total_debit = ZERO
        self.total_credit = ZERO
        # Check results: a list, or `LaterProblems` (made when first read: a Delete over a
        # whole column makes 75,000).
        self._own: dict[int, Sequence[Problem]] = {}  # id(entry) -> its own problems
        self._checks: dict[int, Sequence[Problem]] = {}  # id(line) -> what validation found
        # Problem.code -> how many of the lines' checks have it (an entry's own have none):
        # the page counts amounts with a fraction of a cent after every change.
        self._codes: dict[str, int] = {}
        self._read: dict[int, list[Problem]] = {}  # id(line) -> problems found in its cells
        self._raw: dict[int, dict[int, str]] = {}  # id(line) -> column -> unreadable text
        self._counts: dict[int, int] = {}  # id(entry) -> problems (duplicates aside)
        self._count = 0
        self._by_reference: dict[str, list[JournalEntry]] = {}
        self._duplicates = 0
        self._positions: dict[int, tuple[int, int]] | None = {}  # id -> (ordinal, first row)
        self._filled: frozenset[Column] | None = frozenset()  # None: to be found again
        # Stands for the checks as they are made now (the chart): check results kept aside
        # for an undo (`RowBlock.checked_with`, `KeptChecks`) are put back only under it.
        self.checks_token = object()

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
        positions: dict[int, tuple[int, int]] = {}
        debit = credit = ZERO
        for entry in entries:
            if not entry.lines:
                continue  # nothing to show or post
            positions[id(entry)] = (len(table.entries), len(table.lines))
            table.entries.append(entry)
            table.lines.extend(entry.lines)
            table.owners.extend([entry] * len(entry.lines))
            debit += entry.total_debit
            credit += entry.total_credit
            table._add_reference(entry)
        table._positions = positions
        table.total_debit, table.total_credit = debit, credit
        table._attach_read_problems(read_problems, unread or {})
        for entry in table.entries:
            table._check(entry)
        table._filled = None
        if optional or table._read:
            table.optional_columns_in_use()  # found here, on the worker
        else:
            table._filled = frozenset()
        return table

    def _attach_read_problems(
        self, problems: Iterable[Problem], unread: Mapping[tuple[int, str], str]
    ) -> None:
        problems = list(problems)
        if not problems and not unread:
            return
        by_row = {line.row: line for line in self.lines if line.row is not None}
        for problem in problems:
            line = by_row.get(problem.row) if problem.row is not None else None
            if line is None:
                self.loose.append(problem)
            else:
                self._read.setdefault(id(line), []).append(problem)
        firsts = {id(entry.lines[0]) for entry in self.entries}
        for (number, field_name), text in unread.items():
            line = by_row.get(number)
            column = FIELD_COLUMNS.get(field_name, (None,))[0]
            if line is None or column is None or not text:
                continue
            if column in ENTRY_COLUMNS and id(line) not in firsts:
                continue  # shown on the entry's first line only
            self._raw.setdefault(id(line), {})[column] = text

    # --- positions --------------------------------------------------------------------------

    def position(self, entry: JournalEntry) -> tuple[int, int]:
        """(ordinal of the entry, its first row), from an index rebuilt after row changes."""
        if self._positions is None:
            positions, row = {}, 0
            for ordinal, each in enumerate(self.entries):
                positions[id(each)] = (ordinal, row)
                row += len(each.lines)
            self._positions = positions
        return self._positions[id(entry)]

    def rows_of(self, entry: JournalEntry) -> tuple[int, int]:
        first = self.position(entry)[1]
        return first, first + len(entry.lines) - 1

    def row_label(self, row: int) -> str:
        """The worksheet row the line came from; empty for a line typed in the grid."""
        number = self.lines[row].row
        return "" if number is None else str(number)

    def is_first_line(self, row: int) -> bool:
        return self.lines[row] is self.owners[row].lines[0]

    def has_blank_lines(self, row: int) -> bool:
        """Whether the row's entry has no line written yet (a new entry: only its date and
        number may be filled), so account lines pasted on its date belong to its lines."""
        first, last = self.rows_of(self.owners[row])
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
        line, entry = self.lines[row], self.owners[row]
        if column in ENTRY_COLUMNS and line is not entry.lines[0]:
            return ""  # the entry's date, number and description show once, on top
        if self._raw:
            raw = self._raw.get(id(line))
            if raw is not None and column in raw:
                return raw[column]
        if column == Column.ACCOUNT_NAME:
            code = account_code(line.account, self.chart)
            return self.chart[code].name if code is not None and self.chart is not None else ""
        if column == Column.ACCOUNT and self.chart is not None:
            # "110101 - Kas Kecil" shows as the code it names; written_account keeps the text.
            return account_code(line.account, self.chart) or line.account
        if column == Column.DIFFERENCE:
            return value_text(entry.difference, column, style) if line is entry.lines[0] else ""
        return value_text(cell_value(line, entry, column), column, style)

    def written_account(self, row: int) -> str | None:
        """The account as written on the row when the cell shows another text: the code a
        name or a code-and-name stands for (app.core.books.written_accounts). None otherwise."""
        written = self.lines[row].account
        code = account_code(written, self.chart)
        return written if code is not None and code != written else None

    @property
    def has_unreadable(self) -> bool:
        """Whether some cell holds typed (or imported) text that could not be read."""
        return bool(self._raw)

    def is_unreadable(self, row: int, column: int) -> bool:
        """The cell holds typed (or imported) text that could not be read."""
        raw = self._raw.get(id(self.lines[row])) if self._raw else None
        return raw is not None and column in raw and self.is_editable(row, column)

    def is_blank(self, row: int, column: Column) -> bool:
        """Whether the cell shows nothing (no value, no typed text): what Delete can skip.
        Formats nothing, so a whole column is looked at quickly."""
        line, entry = self.lines[row], self.owners[row]
        anchor = entry.lines[0] if column in ENTRY_COLUMNS else line
        if column in ENTRY_COLUMNS and line is not anchor:
            return True
        if self._raw and column in self._raw.get(id(anchor), ()):
            return False
        return not cell_value(line, entry, column)

    def filled_rows(self, column: Column, first: int, last: int) -> list[int]:
        """The rows first..last whose cell in `column` is not blank (see is_blank): what a
        Delete over them empties. One pass over the column, not a call per cell."""
        rows = range(first, last + 1)
        if column in ENTRY_COLUMNS or column not in _LINE_FIELDS:
            return [row for row in rows if not self.is_blank(row, column)]
        name, typed = _LINE_FIELDS[column], self._raw
        if not typed:  # the common case, in one pass at C speed (a whole column: 100,000)
            return list(compress(rows, map(attrgetter(name), self.lines[first : last + 1])))
        return [
            row
            for row, line in zip(rows, self.lines[first : last + 1], strict=True)
            if getattr(line, name) or (typed and column in typed.get(id(line), ()))
        ]

    def cell_state(self, row: int, column: Column) -> CellState:
        """Everything the cell holds now (what an undo of a change to it puts back)."""
        line, entry = self.lines[row], self.owners[row]
        whole_entry = column in ENTRY_COLUMNS
        anchor = entry.lines[0] if whole_entry else line
        typed = self._raw.get(id(anchor)) if self._raw else None
        raw = typed.get(column) if typed else None
        read: tuple[tuple[JournalLine, Problem], ...] = ()
        if self._read:  # most grids have no cell that reading could not read
            read = tuple(
                (each, problem)
                for each in (entry.lines if whole_entry else (line,))
                for problem in self._read.get(id(each), ())
                if column in columns_of(problem.field)
            )
        return CellState(cell_value(line, entry, column), raw, read)

    def cleared_state(self, row: int, column: Column) -> CellState | None:
        """cell_state, for a cell a Delete empties, when it holds nothing but its value (no
        unreadable text, no problem from reading: then None, and cell_state tells): the
        common case, made without looking for either (a whole column: 50,000 cells)."""
        if self._raw or self._read:
            return None
        return CellState(cell_value(self.lines[row], self.owners[row], column))

    def cleared_values(self, column: Column, rows: list[int]) -> list[object] | None:
        """cleared_state for many cells of one column, as the values they hold (each cell's
        whole state): a Delete over a whole column takes 50,000 in one pass. None when some
        cell of the grid holds more than its value (then cell_state tells each)."""
        if self._raw or self._read:
            return None
        lines = self.lines
        name = _LINE_FIELDS.get(column)
        if name is not None:
            return list(map(attrgetter(name), map(lines.__getitem__, rows)))
        owners = self.owners
        return [cell_value(lines[row], owners[row], column) for row in rows]

    def typed_state(
        self, row: int, column: Column, text: str, style: NumberStyle
    ) -> tuple[CellState, Text | None]:
        """What typing `text` makes of the cell, and the reason when it cannot be read (the
        text then stays in the cell, marked, and the field is left blank)."""
        if not text or text.isspace():  # a Delete: no parsing, one state per column
            return BLANK_STATES[column], None
        value, reason = typed_value(text, column, style, self.chart)
        if reason is None:
            return CellState(value), None
        line, entry = self.lines[row], self.owners[row]
        anchor = entry.lines[0] if column in ENTRY_COLUMNS else line
        problem = unreadable_problem(entry, anchor, column, reason)
        return CellState(value, text.strip(), ((anchor, problem),)), reason

    def set_cell(
        self, row: int, column: Column, state: CellState, *, check: bool = True
    ) -> list[JournalEntry]:
        """Make the cell hold `state`; returns the entries whose look changed (the cell's,
        and those sharing its old or new reference). With check=False the caller checks the
        entry again itself (once, after changing many of its cells)."""
        entry = self.owners[row]
        touched = [entry, *self.set_cells([(row, column, state)])]
        if check:
            self._check(entry)
        return touched

    def set_cells(self, cells: Iterable[tuple[int, Column, CellState]]) -> list[JournalEntry]:
        """Make each cell hold its state, checking nothing (the caller checks each entry
        again, once); returns the other entries whose look changed (those sharing an old or
        new reference). One loop for a whole column's 50,000 cells."""
        lines, owners, others = self.lines, self.owners, []
        read, raw = self._read, self._raw  # changed in place only
        debit = credit = ZERO  # what the totals change by: added once, at the end
        try:
            for row, column, state in cells:
                line, entry = lines[row], owners[row]
                if column == _REFERENCE:
                    others += self._rename(entry, str(state.value))
                # A cell's value is of its column's kind (a Decimal here), which the type of
                # CellState.value (object) cannot say: hence the ignores.
                elif column == _DEBIT:
                    debit += state.value - line.debit  # type: ignore[operator]
                    line.debit = state.value  # type: ignore[assignment]
                elif column == _CREDIT:
                    credit += state.value - line.credit  # type: ignore[operator]
                    line.credit = state.value  # type: ignore[assignment]
                else:
                    store_value(line, entry, column, state.value)
                # Most grids hold no problem from reading and no unreadable text: nothing to do.
                if read:
                    self._forget_read_problems(entry, line, column)
                if state.read:
                    for each, problem in state.read:
                        read.setdefault(id(each), []).append(problem)
                if raw or state.raw is not None:
                    anchor = entry.lines[0] if column in ENTRY_COLUMNS else line
                    self._set_raw(anchor, column, state.raw)
        finally:
            self.total_debit += debit
            self.total_credit += credit
            self._filled = None
        return others

    def _set_raw(self, line: JournalLine, column: int, text: str | None) -> None:
        raw = self._raw.get(id(line))
        if text is not None:
            self._raw.setdefault(id(line), {})[column] = text
        elif raw is not None and column in raw:
            del raw[column]
            if not raw:
                del self._raw[id(line)]

    def edit(
        self, row: int, column: Column, value: object, style: NumberStyle
    ) -> list[JournalEntry]:
        """Type a value into a cell (no undo record): see typed_state and set_cell."""
        state, _reason = self.typed_state(row, column, _text(value), style)
        return self.set_cell(row, column, state)

    def _forget_read_problems(self, entry: JournalEntry, line: JournalLine, column: int) -> None:
        """The cell has changed: what the file (or earlier typing) held there no longer
        matters."""
        lines = entry.lines if column in ENTRY_COLUMNS else [line]
        for each in lines:
            read = self._read.get(id(each))
            if read:
                kept = [p for p in read if column not in columns_of(p.field)]
                if kept:
                    self._read[id(each)] = kept
                else:
                    del self._read[id(each)]

    # --- checking -------------------------------------------------------------------------

    def _check(
        self,
        entry: JournalEntry,
        lines: list[JournalLine] | None = None,
        *,
        amounts_only: bool = False,
    ) -> None:
        """Check the entry again: its own checks, and those of `lines` (all of its lines
        when None; a line's checks look at nothing but the line, its entry's reference and
        sheet, and the chart). `amounts_only`: nothing but the debits and credits of
        `lines` changed since they were last checked."""
        if amounts_only and lines is not None:
            checks = self._checks
            before = [checks.get(id(line)) for line in lines]
            own_before = self._own.get(id(entry))
            own, per_line = grid_problems.check_amounts(entry, lines, before, own_before)
        else:
            lines = entry.lines if lines is None else lines
            own, per_line = grid_problems.check_entry(entry, self.chart, lines)
        self._keep_checks(entry, lines, own, per_line)

    def _keep_checks(
        self,
        entry: JournalEntry,
        lines: list[JournalLine],
        own: Sequence[Problem],
        per_line: Sequence[Sequence[Problem]],
    ) -> None:
        """Keep what checking the entry (and `lines` of its lines) found, and its count."""
        key, checks, counts = id(entry), self._checks, self._counts
        if own:
            self._own[key] = own
        else:
            self._own.pop(key, None)
        codes = self._codes
        for line, problems in zip(lines, per_line, strict=True):
            old = checks.get(id(line))
            if old is not None or (type(problems) is not LaterProblems and problems):
                recount_codes(codes, old, problems)  # (most lines have no problem at all)
            if problems:
                checks[id(line)] = problems
            else:
                checks.pop(id(line), None)
        if self._read:
            count = len(own) + sum(len(self._line_problems(line)) for line in entry.lines)
        else:  # nothing read from a file is left: the checks alone (the common case, fast)
            empty = ()
            count = len(own) + sum([len(checks.get(id(line), empty)) for line in entry.lines])
        self._count += count - counts.pop(key, 0)
        if count:
            counts[key] = count

    def kept_checks(
        self, entries: list[JournalEntry], lines: Mapping[int, list[JournalLine] | None]
    ) -> KeptChecks:
        """What checking found for `entries` as they stand now (only `lines[id(entry)]` of
        an entry's lines, all when None): what `restore_checks` puts back once their cells
        hold again what they hold now."""
        own, checks, counts = self._own, self._checks, self._counts
        chosen: list[JournalLine] = []
        for entry in entries:
            some = lines.get(id(entry))
            chosen.extend(entry.lines if some is None else some)
        return KeptChecks(
            self.checks_token,
            entries,
            [own.get(id(entry)) for entry in entries],
            [counts.get(id(entry), 0) for entry in entries],
            chosen,
            [checks.get(id(line)) for line in chosen],
        )

    def restore_checks(self, kept: KeptChecks) -> KeptChecks | None:
        """Put back checks kept by `kept_checks`, instead of checking those entries again
        (an undo or redo brings their cells back exactly); returns the checks they replace
        (what kept_checks gives for the same entries and lines). None, changing nothing,
        when the checks have changed since (another chart)."""
        if kept.token is not self.checks_token:
            return None
        own, checks, counts = self._own, self._checks, self._counts
        replaced = KeptChecks(self.checks_token, kept.entries, [], [], kept.lines, [])
        for entry, entry_own, count in zip(kept.entries, kept.own, kept.counts, strict=True):
            key = id(entry)
            replaced.own.append(own.pop(key, None))
            if entry_own:
                own[key] = entry_own
            old_count = counts.pop(key, 0)
            replaced.counts.append(old_count)
            self._count += count - old_count
            if count:
                counts[key] = count
        codes, before = self._codes, replaced.checks
        for line, problems in zip(kept.lines, kept.checks, strict=True):
            old = checks.pop(id(line), None)
            before.append(old)
            if old is not None or (type(problems) is not LaterProblems and problems):
                recount_codes(codes, old, problems)  # (most lines have no problem at all)
            if problems:
                checks[id(line)] = problems
        return replaced

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
        self._check(entry, lines, amounts_only=amounts_only)

    def recheck_entries(
        self,
        entries: Iterable[JournalEntry],
        lines: Mapping[int, list[JournalLine] | None],
        *,
        amounts_only: bool = False,
    ) -> KeptChecks:
        """`recheck` for each entry (`lines[id(entry)]` of its lines, all when None); returns
        what checking had found before (what kept_checks gives). After a change of amounts
        alone (a Delete over a whole amount column: 25,000 entries), each entry's count is
        brought up to date from what changed, without counting its other lines' problems
        again, and what is replaced is set aside as it is replaced."""
        entries = list(entries)
        # With problems read from a file the count merges both kinds: counted afresh.
        if not amounts_only or self._read or None in lines.values():
            kept = self.kept_checks(entries, lines)
            for entry in entries:
                self._check(entry, lines.get(id(entry)), amounts_only=amounts_only)
            return kept
        kept = KeptChecks(self.checks_token, entries, [], [], [], [])
        for entry in entries:
            self._recheck_amounts(entry, lines[id(entry)], kept)
        return kept

    def _recheck_amounts(
        self, entry: JournalEntry, lines: list[JournalLine], kept: KeptChecks
    ) -> None:
        """_check(entry, lines, amounts_only=True), the count changed by what changed (no
        problem read from a file in the table: then the count is the checks' alone); what it
        replaces goes into `kept`."""
        key, own, checks, counts = id(entry), self._own, self._checks, self._counts
        before = list(map(checks.get, map(id, lines)))
        own_before = own.get(key)
        own_now, per_line = grid_problems.check_amounts(entry, lines, before, own_before)
        old_count = counts.get(key, 0)
        kept.own.append(own_before)
        kept.counts.append(old_count)
        kept.lines.extend(lines)
        kept.checks.extend(before)
        size = len(own_now)
        count = old_count + size - (len(own_before) if own_before is not None else 0)
        if size:
            own[key] = own_now
        elif own_before is not None:
            del own[key]
        codes = self._codes
        for line, old, now in zip(lines, before, per_line, strict=True):
            if old is not None:
                count -= len(old)
            size = len(now)
            if size:
                checks[id(line)] = now
                count += size
            elif old is not None:
                del checks[id(line)]
            if old is not None or type(now) is not LaterProblems:  # else no code to count
                recount_codes(codes, old, now)
        self._count += count - old_count
        if count:
            counts[key] = count
        elif old_count:
            del counts[key]

    def set_chart(self, chart: Chart | None) -> None:
        self.chart = chart
        self.checks_token = object()  # what was kept of earlier checks is no longer valid
        for entry in self.entries:
            self._check(entry)

    # --- the optional columns ---------------------------------------------------------------

    def optional_columns_in_use(self) -> frozenset[Column]:
        """The optional columns holding a value or a problem somewhere: the ones to show."""
        if self._filled is None:
            self._filled = filled_optional_columns(self.entries, self._problem_fields(self.lines))
        return self._filled

    def optional_columns_of(self, entry: JournalEntry) -> tuple[frozenset[Column], ...]:
        """For one entry (an edit's: a few lines looked at): the optional columns it fills,
        and those where one of its problems is marked."""
        fields = [
            *self._problem_fields(entry.lines),
            *(p.field for p in self._own.get(id(entry), ())),
        ]
        return filled_optional_columns([entry]), filled_optional_columns((), fields)

    def _problem_fields(self, lines: Iterable[JournalLine]) -> list[str]:
        found: list[str] = []
        for line in lines:
            found.extend(p.field for p in self._read.get(id(line), ()))
            found.extend(p.field for p in self._checks.get(id(line), ()))
        return found

    # --- references (a reference used twice is a problem on both) --------------------------

    def _add_reference(self, entry: JournalEntry) -> None:
        if entry.reference:
            group = self._by_reference.setdefault(entry.reference, [])
            self._duplicates -= _duplicate_weight(len(group))
            group.append(entry)
            self._duplicates += _duplicate_weight(len(group))

    def _remove_reference(self, entry: JournalEntry) -> None:
        group = self._by_reference.get(entry.reference)
        if not entry.reference or group is None:
            return
        self._duplicates -= _duplicate_weight(len(group))
        group[:] = [each for each in group if each is not entry]
        self._duplicates += _duplicate_weight(len(group))
        if not group:
            del self._by_reference[entry.reference]

    def entries_sharing(self, reference: str) -> list[JournalEntry]:
        return list(self._by_reference.get(reference, ())) if reference else []

    def _rename(self, entry: JournalEntry, reference: str) -> list[JournalEntry]:
        """Entries whose duplicate mark may change: those sharing the old or new number."""
        before = self.entries_sharing(entry.reference)
        self._remove_reference(entry)
        entry.reference = reference
        self._add_reference(entry)
        return [
            each for each in chain(before, self.entries_sharing(reference)) if each is not entry
        ]

    def next_reference(self, reference: str) -> str:
        """The first free number after `reference` ("JU-0009" -> "JU-0010"); "" if none."""
        match = _TRAILING_NUMBER.match(reference)
        if match is None:
            return ""
        prefix, digits = match.groups()
        number = int(digits)
        for _ in range(10_000):
            number += 1
            candidate = f"{prefix}{number:0{len(digits)}d}"
            if candidate not in self._by_reference:
                return candidate
        return ""

    # --- rounding -----------------------------------------------------------------------------

    def round_cents(self) -> list[CentRounding]:
        """Round every amount holding a fraction of a cent (app.core.books.cents.round_cents) and
        check again the entries that changed; returns the changes (what an undo puts back)."""
        changes = round_cents(self.entries)
        self._after_rounding(changes, forward=True, applied=True)
        return changes

    def apply_roundings(self, changes: list[CentRounding], *, forward: bool) -> None:
        """Put the rounded amounts back (`forward`) or the amounts they had before."""
        self._after_rounding(changes, forward=forward, applied=False)

    def _after_rounding(self, changes: list[CentRounding], *, forward: bool, applied: bool) -> None:
        for change in changes:
            before, after = (change.old, change.new) if forward else (change.new, change.old)
            if not applied:
                setattr(change.line, change.side, after)
            delta: Decimal = after - before
            if change.side == "debit":
                self.total_debit += delta
            else:
                self.total_credit += delta
        for entry in touched_entries(changes):
            self._check(entry)

    # --- export -------------------------------------------------------------------------------

    def cell_marks(self) -> dict[int, tuple[list[Problem], dict[int, str]]]:
        """Per row that has any: the problems reading found in its cells and the texts typed
        there that could not be read (what a draft keeps besides the entries; a `RowBlock`
        of the same rows puts them back)."""
        if not self._read and not self._raw:
            return {}
        marks: dict[int, tuple[list[Problem], dict[int, str]]] = {}
        for row, line in enumerate(self.lines):
            read, raw = self._read.get(id(line)), self._raw.get(id(line))
            if read or raw:
                marks[row] = (list(read or ()), dict(raw or {}))
        return marks

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
            for entry in self.entries
        ]


def _duplicate_weight(size: int) -> int:
    """Problems a group of entries sharing one reference contributes: one each, if shared."""
    return size if size > 1 else 0


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


__all__ = ["EntryTable", "KeptChecks", "LocatedProblem", "RowBlock", "table_from_import"]
