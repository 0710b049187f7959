"""Where the journal grid's problems are shown: on which cell, and in which order. Plain Python.

`TableProblems` is the part of `EntryTable` that answers, from the check results the table
keeps per entry and per line (`TableChecks`) and the entry numbers used twice
(`EntryReferences`), which problems a cell shows (constant time: the grid asks for every cell
it paints) and the full list with each problem's cell, in grid order.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate, compress
from typing import overload

from app.core.books.journal import JournalEntry, JournalLine, Problem
from app.core.grid.columns import (
    COLUMN_FIELDS,
    COLUMN_TITLES,
    ENTRY_FIELD_COLUMN,
    Column,
    columns_of,
)
from app.core.grid.entry_checks import TableChecks
from app.core.grid.entry_references import EntryReferences
from app.core.grid.entry_rows import TableRows
from app.core.grid.problems import LocatedProblem
from app.core.i18n import Text


class TableProblems:
    """Problems by cell, from the table's rows, check results and references; with the
    problems reading found that fit no line (`loose`) and the worksheet's column labels."""

    def __init__(self, rows: TableRows, checks: TableChecks, references: EntryReferences) -> None:
        self.rows = rows
        self.checks = checks
        self.references = references
        self.labels: dict[str, str] = {}  # field -> worksheet column label, e.g. "E (Debit)"
        self.loose: list[Problem] = []  # read problems that fit no line

    @property
    def count(self) -> int:
        return self.checks.count + self.references.duplicates + len(self.loose)

    def of_cell(self, row: int, column: int) -> list[Text]:
        """The problems shown on one cell: a handful of list items looked at, no scanning."""
        line, entry = self.rows.lines[row], self.rows.owners[row]
        found = [p.text for p in self.checks.line_problems(line) if column in columns_of(p.field)]
        if line is entry.lines[0]:
            found += [
                p.text
                for p in self.checks.own.get(id(entry), ())
                if ENTRY_FIELD_COLUMN.get(p.field, Column.REFERENCE) == column
            ]
            references = self.references
            if column == Column.REFERENCE and references.is_duplicate(entry):
                found.append(references.duplicate_text(entry))
        return found

    def located(self) -> ProblemList:
        """Every problem with the cell it belongs to, in grid order: each entry's made when
        first read (a list shows a screenful of 75,000). Valid until the table changes."""
        loose = [
            LocatedProblem(p.text, p.sheet, "" if p.row is None else str(p.row), p.column, -1, -1)
            for p in self.loose
        ]
        entries = self.rows.entries
        counts, troubled, ends, end = self.checks.counts, [], [], len(loose)
        if not self.references.duplicates:  # an entry's count tells all (a Delete: 25,000)
            troubled = list(compress(entries, map(counts.__contains__, map(id, entries))))
            ends = list(accumulate(map(counts.__getitem__, map(id, troubled)), initial=end))
            return ProblemList(self, loose, troubled, ends[1:])
        by_reference = self.references.by_reference
        for entry in entries:  # is_duplicate written out: 25,000 entries after a Delete
            reference = entry.reference
            size = counts.get(id(entry), 0)
            if reference and len(by_reference.get(reference, ())) > 1:
                size += 1
            if size:
                end += size
                troubled.append(entry)
                ends.append(end)
        return ProblemList(self, loose, troubled, ends)

    def code_count(self, code: str) -> int:
        """How many problems are of this kind (Problem.code), e.g. FRACTION_OF_CENT."""
        found = sum(1 for p in self.loose if p.code == code)
        checks = self.checks
        if not checks.marks.read:  # only the checks' problems: counted as they were kept (fast)
            return found + checks.codes.get(code, 0)
        for entry in self.rows.entries:
            if id(entry) in checks.counts:
                found += sum(1 for p in checks.own.get(id(entry), ()) if p.code == code)
                for line in entry.lines:
                    found += sum(1 for p in checks.line_problems(line) if p.code == code)
        return found

    def located_in(self, entry: JournalEntry) -> list[LocatedProblem]:
        """The entry's problems, each with its cell, in grid order."""
        first = self.rows.position(entry)[1]
        found: list[tuple[int, int, Problem | Text]] = []
        for offset, line in enumerate(entry.lines):
            for problem in self.checks.line_problems(line):
                found.append((first + offset, columns_of(problem.field)[0], problem))
        for problem in self.checks.own.get(id(entry), ()):
            column = ENTRY_FIELD_COLUMN.get(problem.field, Column.REFERENCE)
            found.append((first, column, problem))
        if self.references.is_duplicate(entry):
            found.append((first, Column.REFERENCE, self.references.duplicate_text(entry)))
        found.sort(key=lambda item: (item[0], item[1]))
        return [self._locate(row, column, item) for row, column, item in found]

    def _locate(self, row: int, column: int, item: Problem | Text) -> LocatedProblem:
        line, entry = self.rows.lines[row], self.rows.owners[row]
        text, code = (item, "") if isinstance(item, Text) else (item.text, item.code)
        label = self._column_label(line, column, item)
        sheet_row = "" if line.row is None else str(line.row)
        return LocatedProblem(text, entry.sheet, sheet_row, label, row, column, code)

    def _column_label(self, line: JournalLine, column: int, item: Problem | Text) -> str:
        if isinstance(item, Problem) and item.column and item.column != item.field:
            return item.column  # the worksheet label reading gave it, e.g. "E (Debit)"
        field_name = COLUMN_FIELDS.get(Column(column))
        if line.row is not None and field_name in self.labels:
            return self.labels[field_name]
        return COLUMN_TITLES[Column(column)].get()


class ProblemList(Sequence[LocatedProblem]):
    """`TableProblems.located`: the problems of an entry located when one of them is first
    read, then kept."""

    def __init__(
        self,
        problems: TableProblems,
        loose: list[LocatedProblem],
        troubled: list[JournalEntry],
        ends: list[int],
    ) -> None:
        self._problems = problems
        self._loose = loose
        self._troubled = troubled
        self._ends = ends  # after each troubled entry, how many problems come before
        self._located: dict[int, list[LocatedProblem]] = {}

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else len(self._loose)

    @overload
    def __getitem__(self, index: int) -> LocatedProblem: ...

    @overload
    def __getitem__(self, index: slice) -> list[LocatedProblem]: ...

    def __getitem__(self, index: int | slice) -> LocatedProblem | list[LocatedProblem]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        if index < len(self._loose):
            return self._loose[index]
        ordinal = bisect_right(self._ends, index)
        start = self._ends[ordinal - 1] if ordinal else len(self._loose)
        located = self._located.get(ordinal)
        if located is None:
            located = self._problems.located_in(self._troubled[ordinal])
            self._located[ordinal] = located
        return located[index - start]

    def __iter__(self) -> Iterator[LocatedProblem]:
        yield from self._loose
        for ordinal in range(len(self._troubled)):
            start = self._ends[ordinal - 1] if ordinal else len(self._loose)
            yield from (self[i] for i in range(start, self._ends[ordinal]))

    def code_count(self, code: str) -> int:
        """How many are of this kind (Problem.code), found without locating them."""
        return self._problems.code_count(code)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    # Compared by value, so unhashable like a list; the stubs type __hash__ as a method only.
    __hash__ = None  # type: ignore[assignment]  # unhashable, as a list


def code_count(problems: Sequence[LocatedProblem], code: str) -> int:
    """How many of the problems are of this kind (a ProblemList answers without locating)."""
    if isinstance(problems, ProblemList):
        return problems.code_count(code)
    return sum(1 for problem in problems if problem.code == code)


__all__ = ["ProblemList", "TableProblems", "code_count"]
