"""What a workbook import is asked to do (ImportOptions) and what it found (ImportResult)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from app.core.books.account_mapping import Remap
from app.core.books.cents import CentRounding
from app.core.books.journal import JournalEntry, Problem
from app.core.books.number_style import NumberStyle
from app.core.excel.column_mapping import ColumnMapping


@dataclass
class ImportOptions:
    sheet: str | None = None  # None: the first sheet that has a recognisable header
    number_style: NumberStyle = NumberStyle.ID
    # None: detect from headers. A dict {field: header or letter} overrides what is detected.
    mapping: ColumnMapping | dict[str, str] | None = None
    header_row: int | None = None  # 1-based; None: detect (may be below title rows)
    # Round amounts holding a fraction of a cent half-up before checking (the user asked).
    round_cents: bool = False
    # Old code -> company code (app.core.books.account_mapping), applied before checking.
    account_map: Mapping[str, str] | None = None


@dataclass
class ImportResult:
    path: Path
    sheet: str
    header_row: int
    headers: list[str]
    mapping: ColumnMapping
    entries: list[JournalEntry]
    problems: list[Problem]
    row_count: int  # data rows read (non-empty rows below the header)
    roundings: list[CentRounding] = field(default_factory=list)  # with round_cents
    # What each cell that could not be read held, by (worksheet row, field): the grid shows
    # it as it was, marked, rather than a blank cell.
    cell_texts: dict[tuple[int, str], str] = field(default_factory=dict)
    remapped: list[Remap] = field(default_factory=list)  # lines options.account_map changed

    @property
    def ok(self) -> bool:
        """True only when every row was read and every entry passed every check."""
        return not self.problems

    def problems_by_row(self) -> dict[int, list[Problem]]:
        """Problems per worksheet row (row 0 for problems not tied to a row)."""
        by_row: dict[int, list[Problem]] = {}
        for problem in self.problems:
            by_row.setdefault(problem.row or 0, []).append(problem)
        return by_row
