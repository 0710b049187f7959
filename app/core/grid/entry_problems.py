"""Where the journal grid's problems are shown: on which cell, and in which order. Plain Python.

`EntryProblems` is the part of `EntryTable` that answers, from the check results the table
keeps per entry and per line, which problems a cell shows (constant time: the grid asks for
every cell it paints) and the full list with each problem's cell, in grid order.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate, compress
from typing import TYPE_CHECKING, overload

from app.core.books.journal import JournalEntry, JournalLine, Problem
from app.core.grid.columns import (
    COLUMN_FIELDS,
    COLUMN_TITLES,
    ENTRY_FIELD_COLUMN,
    Column,
    columns_of,
)
from app.core.grid.problems import LocatedProblem, problem_kind
from app.core.i18n import Text, tr


class EntryProblems:
    """Problems by cell (mixed into EntryTable, whose check results it reads)."""

    # EntryTable's books this part reads (EntryTable.__init__ makes them).
    entries: list[JournalEntry]
    lines: list[JournalLine]
    owners: list[JournalEntry]
    labels: dict[str, str]
    loose: list[Problem]
    _own: dict[int, list[Problem]]
    _checks: dict[int, list[Problem]]
    _read: dict[int, list[Problem]]
    _counts: dict[int, int]
    _count: int
    _by_reference: dict[str, list[JournalEntry]]
    _duplicates: int

    if TYPE_CHECKING:  # EntryTable's own methods this part calls

        def position(self, entry: JournalEntry) -> tuple[int, int]: ...
        def row_label(self, row: int) -> str: ...

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
        covered = {problem_kind(p.field) for p in read}
        return read + [p for p in checks if problem_kind(p.field) not in covered]

    def _is_duplicate(self, entry: JournalEntry) -> bool:
        return bool(entry.reference) and len(self._by_reference.get(entry.reference, ())) > 1

    def _duplicate_text(self, entry: JournalEntry) -> Text:
        return tr(
            "No. Bukti {ref} dipakai oleh {n} jurnal; beri setiap jurnal nomor sendiri.",
            "Reference {ref} is used by {n} entries; give each entry its own number.",
            ref=entry.reference,
            n=len(self._by_reference[entry.reference]),
        )

    def located_problems(self) -> ProblemList:
        """Every problem with the cell it belongs to, in grid order: each entry's made when
        first read (a list shows a screenful of 75,000). Valid until the table changes."""
        loose = [
            LocatedProblem(p.text, p.sheet, "" if p.row is None else str(p.row), p.column, -1, -1)
            for p in self.loose
        ]
        counts, troubled, ends, end = self._counts, [], [], len(loose)
        if not self._duplicates:  # an entry's count tells all (a Delete: 25,000 entries)
            troubled = list(compress(self.entries, map(counts.__contains__, map(id, self.entries))))
            ends = list(accumulate(map(counts.__getitem__, map(id, troubled)), initial=end))
            return ProblemList(self, loose, troubled, ends[1:])
        by_reference = self._by_reference
        for entry in self.entries:  # _is_duplicate written out: 25,000 entries after a Delete
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
        if not self._read:  # only the checks' problems: counted as they were kept (fast)
            return found + self._codes.get(code, 0)
        for entry in self.entries:
            if id(entry) in self._counts:
                found += sum(1 for p in self._own.get(id(entry), ()) if p.code == code)
                for line in entry.lines:
                    found += sum(1 for p in self._line_problems(line) if p.code == code)
        return found

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


class ProblemList(Sequence[LocatedProblem]):
    """`EntryProblems.located_problems`: the problems of an entry located when one of them
    is first read, then kept."""

    def __init__(
        self,
        table: EntryProblems,
        loose: list[LocatedProblem],
        troubled: list[JournalEntry],
        ends: list[int],
    ) -> None:
        self._table = table
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
            located = self._table._located_in(self._troubled[ordinal])
            self._located[ordinal] = located
        return located[index - start]

    def __iter__(self) -> Iterator[LocatedProblem]:
        yield from self._loose
        for ordinal in range(len(self._troubled)):
            start = self._ends[ordinal - 1] if ordinal else len(self._loose)
            yield from (self[i] for i in range(start, self._ends[ordinal]))

    def code_count(self, code: str) -> int:
        """How many are of this kind (Problem.code), found without locating them."""
        return self._table.code_count(code)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    # Compared by value, so unhashable like a list; the stubs type __hash__ as a method only.
    __hash__ = None  # type: ignore[assignment]


def code_count(problems: Sequence[LocatedProblem], code: str) -> int:
    """How many of the problems are of this kind (a ProblemList answers without locating)."""
    if isinstance(problems, ProblemList):
        return problems.code_count(code)
    return sum(1 for problem in problems if problem.code == code)


__all__ = ["EntryProblems", "ProblemList", "code_count"]
