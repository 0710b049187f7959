"""The journal grid's model: one row per journal line, each entry's lines kept together.

Two layers. `EntryTable` is plain Python (no Qt): the flat row lists, every check result and
the running totals, so it can be built on a worker thread for a 100,000-line import and
handed to the GUI thread whole. `EntriesModel` is the Qt face over it: `data()` reads the
row's line, its entry and a few small dicts, nothing more, so it costs the same for row 5
and row 99,999.

Check results are kept per entry and per line (keyed by object id, not by row number, so
inserting a row does not renumber them) and recomputed only for the entry an edit touches.
Problems read from the workbook (a cell that was not a number, a formula with no value) stay
on their cell until the user edits that cell.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from app.core.cents import CentRounding, round_cents, touched_entries
from app.core.columns import column_letter
from app.core.dates import parse_date
from app.core.excel_reader import ImportResult
from app.core.i18n import JurnalError, Text, tr
from app.core.journal import (
    Account,
    JournalEntry,
    JournalLine,
    Problem,
    line_problems,
    validate_entries,
    validate_entry,
)
from app.core.money import ZERO, NumberStyle, parse_amount
from app.ui.grid_columns import (
    AMOUNT_COLUMNS,
    COLUMN_FIELDS,
    COLUMN_TITLES,
    EDITABLE_COLUMNS,
    ENTRY_COLUMNS,
    ENTRY_FIELD_COLUMN,
    HEADER_TIPS,
    NUMBER_COLUMNS,
    OPTIONAL_COLUMNS,
    TEXT_FIELDS,
    Column,
    columns_of,
    filled_optional_columns,
    optional_text,
    set_optional,
)
from app.ui.problems_model import LocatedProblem
from app.ui.texts import date_text, money, number_style

_ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invalid index: a table's rows hang under it
Chart = Mapping[str, Account]


_AMOUNT_FIELDS = frozenset({"debit", "credit", "amount"})
_OPTIONAL = frozenset(OPTIONAL_COLUMNS)
_OPTIONAL_FIELDS = frozenset(COLUMN_FIELDS[column] for column in OPTIONAL_COLUMNS)
_TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)$")


def check_entry(
    entry: JournalEntry, chart: Chart | None
) -> tuple[list[Problem], list[list[Problem]]]:
    """validate_entry's findings split into the entry's own and each line's (in line order)."""
    per_line = [line_problems(entry, line, chart) for line in entry.lines]
    remaining = Counter(chain.from_iterable(per_line))
    own = []
    for problem in validate_entry(entry, chart):
        if remaining[problem] > 0:
            remaining[problem] -= 1
        else:
            own.append(problem)
    return own, per_line


def _kind(field_name: str) -> str:
    return "amount" if field_name in _AMOUNT_FIELDS else field_name


class EntryTable:
    """Journal lines as flat rows with their check results and totals. Plain Python.

    The entries and lines given are used (and edited) in place; `entries()` hands out copies.
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
        self._own: dict[int, list[Problem]] = {}  # id(entry) -> its own problems
        self._checks: dict[int, list[Problem]] = {}  # id(line) -> what validation found
        self._read: dict[int, list[Problem]] = {}  # id(line) -> what reading the cell found
        self._counts: dict[int, int] = {}  # id(entry) -> problems (duplicates aside)
        self._count = 0
        self._by_reference: dict[str, list[JournalEntry]] = {}
        self._duplicates = 0
        self._positions: dict[int, tuple[int, int]] | None = {}  # id -> (ordinal, first row)
        self._filled: frozenset[Column] | None = frozenset()  # None: to be found again

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
    ) -> EntryTable:
        """Lay out and check `entries` (meant for a worker thread: it checks every entry).
        `optional=False` says no entry has an optional field (the workbook had none of those
        columns), which spares looking for them."""
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
        table._attach_read_problems(read_problems)
        for entry in table.entries:
            table._check(entry)
        table._filled = None
        if optional or table._read:
            table.optional_columns_in_use()  # found here, on the worker
        else:
            table._filled = frozenset()
        return table

    def _attach_read_problems(self, problems: Iterable[Problem]) -> None:
        problems = list(problems)
        if not problems:
            return
        by_row = {line.row: line for line in self.lines if line.row is not None}
        for problem in problems:
            line = by_row.get(problem.row) if problem.row is not None else None
            if line is None:
                self.loose.append(problem)
            else:
                self._read.setdefault(id(line), []).append(problem)

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

    # --- problems -----------------------------------------------------------------------------

    @property
    def problem_count(self) -> int:
        return self._count + self._duplicates + len(self.loose)

    def cell_problems(self, row: int, column: int) -> list[Text]:
        """The problems shown on one cell: a handful of list items looked at, no scanning."""
        line, entry = self.lines[row], self.owners[row]
        found = [p.text for p in self._line_problems(line) if column in columns_of(p.field)]
        if line is entry.lines[0]:
            found += [
                p.text
                for p in self._own.get(id(entry), ())
                if ENTRY_FIELD_COLUMN.get(p.field, Column.REFERENCE) == column
            ]
            if column == Column.REFERENCE and self._is_duplicate(entry):
                found.append(self._duplicate_text(entry))
        return found

    def _line_problems(self, line: JournalLine) -> list[Problem]:
        """A line's problems: what reading found, then the checks reading does not repeat
        (a cell that held text is not also "missing an amount")."""
        read = self._read.get(id(line), [])
        checks = self._checks.get(id(line), [])
        if not read:
            return checks
        covered = {_kind(p.field) for p in read}
        return read + [p for p in checks if _kind(p.field) not in covered]

    def _is_duplicate(self, entry: JournalEntry) -> bool:
        return bool(entry.reference) and len(self._by_reference.get(entry.reference, ())) > 1

    def _duplicate_text(self, entry: JournalEntry) -> Text:
        return tr(
            "No. Bukti {ref} dipakai oleh {n} jurnal; beri setiap jurnal nomor sendiri.",
            "Reference {ref} is used by {n} entries; give each entry its own number.",
            ref=entry.reference,
            n=len(self._by_reference[entry.reference]),
        )

    def located_problems(self) -> list[LocatedProblem]:
        """Every problem with the cell it belongs to, in grid order."""
        located = [
            LocatedProblem(p.text, p.sheet, "" if p.row is None else str(p.row), p.column, -1, -1)
            for p in self.loose
        ]
        troubled = [e for e in self.entries if id(e) in self._counts or self._is_duplicate(e)]
        for entry in troubled:
            located.extend(self._located_in(entry))
        return located

    def _located_in(self, entry: JournalEntry) -> list[LocatedProblem]:
        first = self.position(entry)[1]
        found: list[tuple[int, int, Problem | Text]] = []
        for offset, line in enumerate(entry.lines):
            for problem in self._line_problems(line):
                found.append((first + offset, columns_of(problem.field)[0], problem))
        for problem in self._own.get(id(entry), ()):
            column = ENTRY_FIELD_COLUMN.get(problem.field, Column.REFERENCE)
            found.append((first, column, problem))
        if self._is_duplicate(entry):
            found.append((first, Column.REFERENCE, self._duplicate_text(entry)))
        found.sort(key=lambda item: (item[0], item[1]))
        return [self._locate(row, column, item) for row, column, item in found]

    def _locate(self, row: int, column: int, item: Problem | Text) -> LocatedProblem:
        line, entry = self.lines[row], self.owners[row]
        text, code = (item, "") if isinstance(item, Text) else (item.text, item.code)
        label = self._column_label(line, column, item)
        return LocatedProblem(text, entry.sheet, self.row_label(row), label, row, column, code)

    def _column_label(self, line: JournalLine, column: int, item: Problem | Text) -> str:
        if isinstance(item, Problem) and item.column and item.column != item.field:
            return item.column  # the worksheet label reading gave it, e.g. "E (Debit)"
        field_name = COLUMN_FIELDS.get(Column(column))
        if line.row is not None and field_name in self.labels:
            return self.labels[field_name]
        return COLUMN_TITLES[Column(column)].get()

    # --- checking -------------------------------------------------------------------------

    def _check(self, entry: JournalEntry) -> None:
        own, per_line = check_entry(entry, self.chart)
        key = id(entry)
        if own:
            self._own[key] = own
        else:
            self._own.pop(key, None)
        for line, problems in zip(entry.lines, per_line, strict=True):
            if problems:
                self._checks[id(line)] = problems
            else:
                self._checks.pop(id(line), None)
        count = len(own) + sum(len(self._line_problems(line)) for line in entry.lines)
        self._count += count - self._counts.pop(key, 0)
        if count:
            self._counts[key] = count

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
        found = []
        for line in lines:
            found.extend(p.field for p in self._read.get(id(line), ()))
            found.extend(p.field for p in self._checks.get(id(line), ()))
        return found

    def recheck(self, entry: JournalEntry) -> None:
        """Check one entry again after it changed; no other entry is looked at."""
        self._check(entry)

    def set_chart(self, chart: Chart | None) -> None:
        self.chart = chart
        for entry in self.entries:
            self._check(entry)

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

    # --- editing ----------------------------------------------------------------------------

    def edit(
        self, row: int, column: Column, value: object, style: NumberStyle
    ) -> list[JournalEntry]:
        """Apply a typed value; returns the entries whose look changed (the edited one, and
        entries sharing its old or new reference). Raises JurnalError for a value that
        cannot be read, leaving the cell as it was."""
        line, entry = self.lines[row], self.owners[row]
        touched = [entry]
        if column == Column.DATE:
            entry.date = parse_date(_plain(value))
        elif column == Column.REFERENCE:
            touched += self._rename(entry, _text(value))
        elif column == Column.DESCRIPTION:
            entry.description = _text(value)
        elif column == Column.ACCOUNT:
            line.account = self._account_code(_text(value))
        elif column in (Column.DEBIT, Column.CREDIT):
            self._set_amount(line, column, value, style)
        elif column in TEXT_FIELDS and column not in _OPTIONAL:
            setattr(line, TEXT_FIELDS[column], _text(value))
        else:
            set_optional(line, entry, column, _text(value), style)
        self._forget_read_problems(entry, line, column)
        self._check(entry)
        self._filled = None
        return touched

    def round_cents(self) -> list[CentRounding]:
        """Round every amount holding a fraction of a cent (app.core.cents.round_cents) and
        check again the entries that changed; returns the changes (what an undo puts back)."""
        changes = round_cents(self.entries)
        for change in changes:
            if change.side == "debit":
                self.total_debit += change.new - change.old
            else:
                self.total_credit += change.new - change.old
        for entry in touched_entries(changes):
            self._check(entry)
        return changes

    def _rename(self, entry: JournalEntry, reference: str) -> list[JournalEntry]:
        """Entries whose duplicate mark may change: those sharing the old or new number."""
        before = self.entries_sharing(entry.reference)
        self._remove_reference(entry)
        entry.reference = reference
        self._add_reference(entry)
        return [
            each for each in chain(before, self.entries_sharing(reference)) if each is not entry
        ]

    def _account_code(self, text: str) -> str:
        """The code typed, or the code at the start of a completion such as "1101 · Kas"."""
        if self.chart is None or not text or text in self.chart:
            return text
        first = text.split()[0]
        return first if first in self.chart else text

    def _set_amount(self, line: JournalLine, column: Column, value: object, style) -> None:
        amount = parse_amount(_plain(value), style)
        amount = ZERO if amount is None else amount
        if column == Column.DEBIT:
            self.total_debit += amount - line.debit
            line.debit = amount
        else:
            self.total_credit += amount - line.credit
            line.credit = amount

    def _forget_read_problems(self, entry: JournalEntry, line: JournalLine, column: int) -> None:
        """The user has retyped the cell: what the file held there no longer matters."""
        lines = entry.lines if column in ENTRY_COLUMNS else [line]
        for each in lines:
            read = self._read.get(id(each))
            if read:
                kept = [p for p in read if column not in columns_of(p.field)]
                if kept:
                    self._read[id(each)] = kept
                else:
                    del self._read[id(each)]

    # --- rows ---------------------------------------------------------------------------------

    def insert_line(self, row: int) -> int:
        """A blank line in row's entry, right below row; returns the new row."""
        entry = self.owners[row]
        first = self.position(entry)[1]
        line = JournalLine("")
        entry.lines.insert(row - first + 1, line)
        self.lines.insert(row + 1, line)
        self.owners.insert(row + 1, entry)
        self._positions = None
        self._check(entry)
        return row + 1

    def insert_entry(self, after_row: int | None) -> int:
        """A new entry of two blank lines below after_row's entry (or at the end); it takes
        the date above and the next free number. Returns its first row."""
        previous = self.owners[after_row] if after_row is not None and self.lines else None
        if previous is None and self.entries:
            previous = self.entries[-1]
        day = previous.date if previous is not None else None
        reference = self._next_reference(previous.reference if previous is not None else "")
        entry = JournalEntry(day, reference, "", [JournalLine(""), JournalLine("")])
        if previous is None:
            ordinal, row = len(self.entries), len(self.lines)
        else:
            ordinal = self.position(previous)[0] + 1
            row = self.rows_of(previous)[1] + 1
        self.entries.insert(ordinal, entry)
        self.lines[row:row] = entry.lines
        self.owners[row:row] = [entry, entry]
        self._positions = None
        self._add_reference(entry)
        self._check(entry)
        return row

    def _next_reference(self, reference: str) -> str:
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

    def remove_rows(self, first: int, last: int) -> list[JournalEntry]:
        """Remove rows first..last; an entry left without lines goes too. Returns the
        entries that lost lines but remain (they need checking and repainting)."""
        shrunk: dict[int, JournalEntry] = {}
        for row in range(first, last + 1):
            line, entry = self.lines[row], self.owners[row]
            self._forget_line(line)
            entry.lines[:] = [each for each in entry.lines if each is not line]
            self.total_debit -= line.debit
            self.total_credit -= line.credit
            shrunk[id(entry)] = entry
        emptied = [entry for entry in shrunk.values() if not entry.lines]
        for ordinal in sorted((self.position(entry)[0] for entry in emptied), reverse=True):
            del self.entries[ordinal]
        for entry in emptied:
            self._forget_entry(entry)
            del shrunk[id(entry)]
        del self.lines[first : last + 1]
        del self.owners[first : last + 1]
        self._positions = None
        self._filled = None
        for entry in shrunk.values():
            self._check(entry)
        return list(shrunk.values())

    def _forget_line(self, line: JournalLine) -> None:
        self._checks.pop(id(line), None)
        self._read.pop(id(line), None)

    def _forget_entry(self, entry: JournalEntry) -> None:
        # The entry leaves the table: drop every record under its id before the id can be
        # given to a new object.
        self._positions = None
        self._own.pop(id(entry), None)
        self._count -= self._counts.pop(id(entry), 0)
        self._remove_reference(entry)

    # --- export -------------------------------------------------------------------------------

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


def _plain(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


# --- from an import -------------------------------------------------------------------------


def table_from_import(result: ImportResult, chart: Chart | None = None) -> EntryTable:
    """The grid's table for an import (run on the worker, after read_workbook with the same
    chart). Problems from reading cells stay on their cells; the checks are redone per entry
    so that editing can update them one entry at a time."""
    optional = not _OPTIONAL_FIELDS.isdisjoint(result.mapping.as_dict())
    return EntryTable.build(
        result.entries,
        chart,
        read_problems(result, chart),
        column_labels(result),
        optional=optional,
    )


def read_problems(result: ImportResult, chart: Chart | None) -> list[Problem]:
    """The import's problems that come from reading cells, not from checking entries."""
    checked = Counter(_problem_key(p) for p in validate_entries(result.entries, chart))
    found = []
    for problem in result.problems:
        key = _problem_key(problem)
        if checked[key] > 0:
            checked[key] -= 1
        else:
            found.append(problem)
    return found


def _problem_key(problem: Problem) -> tuple[object, ...]:
    # Reading relabels the column of a check's problem ("debit" -> "E (Debit)"): ignore it.
    return (problem.text, problem.row, problem.field, problem.reference)


def column_labels(result: ImportResult) -> dict[str, str]:
    """Worksheet column label per field, like "E (Debit)", as reading names them."""
    labels = {}
    for field_name, index in result.mapping.as_dict().items():
        header = result.headers[index] if index < len(result.headers) else ""
        letter = column_letter(index)
        labels[field_name] = f"{letter} ({header})" if header else letter
    if result.mapping.uses_amount and "amount" in labels:
        labels["debit"] = labels["credit"] = labels["amount"]
    return labels


# --- the Qt model -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Palette:
    problem: QBrush = field(default_factory=lambda: QBrush(QColor("#F8D7DA")))
    shade: tuple[QBrush, QBrush] = field(
        default_factory=lambda: (QBrush(QColor("#FFFFFF")), QBrush(QColor("#EEF3F9")))
    )
    problem_text: QBrush = field(default_factory=lambda: QBrush(QColor("#9B1C1C")))
    # Dark enough to read on the shaded and the problem rows (WCAG AA, at least 4.5:1).
    muted_text: QBrush = field(default_factory=lambda: QBrush(QColor("#4A5361")))


class EntriesModel(QAbstractTableModel):
    """Editable journal lines. Amounts are Decimal; shown and typed as 1.500.000,00."""

    status_changed = Signal()  # totals, counts or problems changed
    edit_rejected = Signal(object)  # Text: why a typed value was not accepted
    # frozenset[Column]: optional columns an edit has just filled or marked, to be shown
    optional_columns_needed = Signal(object)

    def __init__(self, parent=None, *, chart: Chart | None = None) -> None:
        super().__init__(parent)
        self._table = EntryTable(chart)
        self._palette = _Palette()
        self._bold = QFont()
        self._bold.setBold(True)

    # --- loading and export ---------------------------------------------------------------

    @property
    def number_style(self) -> NumberStyle:
        """Amounts are shown and typed in the language's style (1.500,00 or 1,500.00)."""
        return number_style()

    @property
    def table(self) -> EntryTable:
        return self._table

    @property
    def chart(self) -> Chart | None:
        return self._table.chart

    def load(self, table: EntryTable) -> None:
        """Show a table built elsewhere (a worker): constant work on the GUI thread."""
        self.beginResetModel()
        self._table = table
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

    def located_problems(self) -> list[LocatedProblem]:
        return self._table.located_problems()

    def cell_problems(self, row: int, column: int) -> list[Text]:
        return self._table.cell_problems(row, column)

    def entry_rows(self, row: int) -> tuple[int, int]:
        """First and last row of the entry that row belongs to."""
        return self._table.rows_of(self._table.owners[row])

    # --- Qt model interface -------------------------------------------------------------------

    def rowCount(self, parent: _ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._table.lines)

    def columnCount(self, parent: _ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = index.column()
        if column in EDITABLE_COLUMNS and (
            column not in ENTRY_COLUMNS or self._is_first_line(index.row())
        ):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.EditRole:
            return self._value_text(row, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            if self._table.cell_problems(row, column):
                return self._palette.problem
            ordinal = self._table.position(self._table.owners[row])[0]
            return self._palette.shade[ordinal & 1]
        if role == Qt.ItemDataRole.ToolTipRole:
            problems = self._table.cell_problems(row, column)
            return "\n".join(text.get() for text in problems) if problems else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBER_COLUMNS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(column)
        if role == Qt.ItemDataRole.FontRole and column in (Column.REFERENCE, Column.DIFFERENCE):
            return self._bold
        return None

    def setData(
        self, index: _ModelIndex, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row, column = index.row(), Column(index.column())
        if self._value_text(row, column) == _text(value):
            return True  # nothing changed: keep the problems the file reported here
        edited = self._table.owners[row]
        before = self._table.optional_columns_of(edited)
        try:
            touched = self._table.edit(row, column, value, self.number_style)
        except JurnalError as error:
            self.edit_rejected.emit(error.text)
            return False
        for entry in touched:
            self._repaint(entry)
        # Only what this edit filled or marked: a column the user hid stays hidden otherwise.
        after = self._table.optional_columns_of(edited)
        needed = (after[0] - before[0]) | (after[1] - before[1])
        if needed:
            self.optional_columns_needed.emit(needed)
        self.status_changed.emit()
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
            return self._table.row_label(section)
        if role == Qt.ItemDataRole.ToolTipRole and self._table.lines[section].row is not None:
            return tr(
                "Baris {r} di lembar kerja",
                "Row {r} of the worksheet",
                r=self._table.lines[section].row,
            ).get()
        return None

    # --- rows -------------------------------------------------------------------------------

    def insert_line(self, row: int) -> int:
        """A blank line below row, in the same entry; returns its row."""
        if not 0 <= row < len(self._table.lines):
            return self.insert_entry(None)
        self.beginInsertRows(QModelIndex(), row + 1, row + 1)
        new_row = self._table.insert_line(row)
        self.endInsertRows()
        self._repaint(self._table.owners[new_row])
        self.status_changed.emit()
        return new_row

    def insert_entry(self, after_row: int | None = None) -> int:
        """A new two-line entry below after_row's entry (or at the end); returns its first
        row. It takes the date above and the next free reference number."""
        if after_row is not None and not 0 <= after_row < len(self._table.lines):
            after_row = None
        if after_row is None:
            first = len(self._table.lines)
        else:
            first = self._table.rows_of(self._table.owners[after_row])[1] + 1
        self.beginInsertRows(QModelIndex(), first, first + 1)
        row = self._table.insert_entry(after_row)
        self.endInsertRows()
        self._repaint_from(row)  # the entries below change shade
        self.status_changed.emit()
        return row

    def remove_rows(self, rows: Iterable[int]) -> None:
        """Remove lines; an entry that loses all its lines is removed too."""
        wanted = sorted({r for r in rows if 0 <= r < len(self._table.lines)}, reverse=True)
        if not wanted:
            return
        for first, last in _ranges_descending(wanted):
            self.beginRemoveRows(QModelIndex(), first, last)
            self._table.remove_rows(first, last)
            self.endRemoveRows()
        self._repaint_from(wanted[-1])
        self.status_changed.emit()

    def round_cents(self) -> list[CentRounding]:
        """Round every amount with a fraction of a cent, half-up, and check those entries
        again: an entry that no longer balances shows its difference. The changes are
        returned so an undo can put the old amounts back."""
        changes = self._table.round_cents()
        for entry in touched_entries(changes):
            self._repaint(entry)
        if changes:
            self.status_changed.emit()
        return changes

    def remove_entries(self, rows: Iterable[int]) -> None:
        """Remove the whole entries the given rows belong to."""
        covered: set[int] = set()
        for row in rows:
            if 0 <= row < len(self._table.lines):
                first, last = self.entry_rows(row)
                covered.update(range(first, last + 1))
        self.remove_rows(covered)

    def retranslate(self) -> None:
        """Headers and problem texts in the language now chosen."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        self._repaint_all()

    # --- internals --------------------------------------------------------------------------

    def _is_first_line(self, row: int) -> bool:
        return self._table.lines[row] is self._table.owners[row].lines[0]

    def _value_text(self, row: int, column: Column) -> str:
        line, entry = self._table.lines[row], self._table.owners[row]
        if column in _OPTIONAL:
            return optional_text(line, entry, column)
        if column in ENTRY_COLUMNS:
            if line is not entry.lines[0]:
                return ""  # the entry's date, number and description show once, on top
            if column == Column.DATE:
                return "" if entry.date is None else date_text(entry.date)
            return entry.reference if column == Column.REFERENCE else entry.description
        if column == Column.ACCOUNT:
            return line.account
        if column == Column.ACCOUNT_NAME:
            account = self._table.chart.get(line.account) if self._table.chart else None
            return account.name if account is not None else ""
        if column == Column.DEBIT:
            return _amount_text(line.debit)
        if column == Column.CREDIT:
            return _amount_text(line.credit)
        if column == Column.DIFFERENCE:
            if line is not entry.lines[0]:
                return ""
            return _amount_text(entry.difference)
        return getattr(line, TEXT_FIELDS[column])

    def _foreground(self, column: Column) -> QBrush | None:
        if column == Column.DIFFERENCE:
            return self._palette.problem_text
        if column == Column.ACCOUNT_NAME:
            return self._palette.muted_text
        return None

    def _repaint(self, entry: JournalEntry) -> None:
        first, last = self._table.rows_of(entry)
        self.dataChanged.emit(self.index(first, 0), self.index(last, len(Column) - 1))

    def _repaint_from(self, row: int) -> None:
        if 0 <= row < len(self._table.lines):
            last = len(self._table.lines) - 1
            self.dataChanged.emit(self.index(row, 0), self.index(last, len(Column) - 1))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, row, last)

    def _repaint_all(self) -> None:
        self._repaint_from(0)


def _amount_text(amount: Decimal) -> str:
    return "" if amount == 0 else money(amount)


def _ranges_descending(rows: Sequence[int]) -> list[tuple[int, int]]:
    """[9, 8, 7, 3, 2] -> [(7, 9), (2, 3)]: contiguous runs, bottom first."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][0] == row + 1:
            runs[-1] = (row, runs[-1][1])
        else:
            runs.append((row, row))
    return runs


__all__ = [
    "AMOUNT_COLUMNS",
    "COLUMN_TITLES",
    "Column",
    "EntriesModel",
    "EntryTable",
    "check_entry",
    "table_from_import",
]
