"""What the journal grid's cells carry besides their values. Plain Python.

`CellMarks` is the part of `EntryTable` that keeps, per line (keyed by object id, so
inserting a row renumbers nothing), the problems reading found in its cells (a cell that was
not a number, a formula with no value) and the text typed (or imported) into a cell that
could not be read. Both stay on their cell until that cell changes. Most grids hold neither:
callers look at `read` and `raw` being empty before doing any work per cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from app.core.books.journal import JournalEntry, JournalLine, Problem
from app.core.grid.columns import ENTRY_COLUMNS, FIELD_COLUMNS, columns_of


class CellMarks:
    """Problems from reading and unreadable typed text, per line. Changed in place only."""

    def __init__(self) -> None:
        self.read: dict[int, list[Problem]] = {}  # id(line) -> problems found in its cells
        self.raw: dict[int, dict[int, str]] = {}  # id(line) -> column -> unreadable text

    def attach(
        self,
        problems: Iterable[Problem],
        unread: Mapping[tuple[int, str], str],
        lines: Sequence[JournalLine],
        entries: Sequence[JournalEntry],
    ) -> list[Problem]:
        """Put problems from reading on the lines they came from (by worksheet row), and
        `unread` (what cells that could not be read held, by (worksheet row, field)) on
        their cells; returns the problems that fit no line."""
        problems = list(problems)
        loose: list[Problem] = []
        if not problems and not unread:
            return loose
        by_row = {line.row: line for line in lines if line.row is not None}
        for problem in problems:
            line = by_row.get(problem.row) if problem.row is not None else None
            if line is None:
                loose.append(problem)
            else:
                self.read.setdefault(id(line), []).append(problem)
        firsts = {id(entry.lines[0]) for entry in entries}
        for (number, field_name), text in unread.items():
            line = by_row.get(number)
            column = FIELD_COLUMNS.get(field_name, (None,))[0]
            if line is None or column is None or not text:
                continue
            if column in ENTRY_COLUMNS and id(line) not in firsts:
                continue  # shown on the entry's first line only
            self.raw.setdefault(id(line), {})[column] = text
        return loose

    def set_raw(self, line: JournalLine, column: int, text: str | None) -> None:
        """The cell holds unreadable `text` now (None: it holds none)."""
        raw = self.raw.get(id(line))
        if text is not None:
            self.raw.setdefault(id(line), {})[column] = text
        elif raw is not None and column in raw:
            del raw[column]
            if not raw:
                del self.raw[id(line)]

    def forget_read_problems(self, entry: JournalEntry, line: JournalLine, column: int) -> None:
        """The cell has changed: what the file (or earlier typing) held there no longer
        matters."""
        lines = entry.lines if column in ENTRY_COLUMNS else [line]
        for each in lines:
            read = self.read.get(id(each))
            if read:
                kept = [p for p in read if column not in columns_of(p.field)]
                if kept:
                    self.read[id(each)] = kept
                else:
                    del self.read[id(each)]

    def taken(
        self, lines: Sequence[JournalLine]
    ) -> tuple[list[list[Problem]], list[dict[int, str]]]:
        """Copies of what each line's cells carry, in order (for a `RowBlock`)."""
        read, raw = self.read, self.raw
        return (
            [list(read.get(id(line), ())) for line in lines],
            [dict(raw.get(id(line), {})) for line in lines],
        )

    def put(
        self,
        lines: Sequence[JournalLine],
        read: Sequence[Sequence[Problem]],
        raw: Sequence[Mapping[int, str]],
    ) -> None:
        """Lines come (back) into the grid carrying these marks (a `RowBlock`'s)."""
        for line, problems, texts in zip(lines, read, raw, strict=True):
            if problems:
                self.read[id(line)] = list(problems)
            if texts:
                self.raw[id(line)] = dict(texts)

    def forget_lines(self, lines: Iterable[JournalLine]) -> None:
        """The lines leave the grid: drop their marks before their ids can be reused."""
        read, raw = self.read, self.raw
        if read or raw:
            for line in lines:
                read.pop(id(line), None)
                raw.pop(id(line), None)

    def by_row(
        self, lines: Sequence[JournalLine]
    ) -> dict[int, tuple[list[Problem], dict[int, str]]]:
        """Per row of `lines` that has any: its problems from reading and its unreadable
        texts, copied."""
        if not self.read and not self.raw:
            return {}
        marks: dict[int, tuple[list[Problem], dict[int, str]]] = {}
        for row, line in enumerate(lines):
            read, raw = self.read.get(id(line)), self.raw.get(id(line))
            if read or raw:
                marks[row] = (list(read or ()), dict(raw or {}))
        return marks


__all__ = ["CellMarks"]
