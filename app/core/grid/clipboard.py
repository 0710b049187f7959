"""Blocks of grid cells as tab-separated text, the way Excel and LibreOffice exchange them.
Plain Python (no Qt): the page puts the text on the system clipboard and takes it back.

Copying writes one line per row, cells separated by tabs, each cell as the grid shows it
(amounts in the grid's number style, dates dd/mm/yyyy); a cell holding a tab, a line break
or a quote is quoted as Excel quotes it, so a spreadsheet pastes the block back as cells.

Pasting reads such text back into rows of cells and decides which grid column each of its
columns goes to (`place_block`), by what the rows are rather than where the cursor is:

- a block copied from this grid goes back into the columns it came from (when it holds whole
  rows, from the Tanggal or No. Bukti column, or is pasted where it was copied from);
- a block whose first row is a header row ("Tanggal", "No. Bukti", "Kode Akun", "Debit"...)
  goes into the column each header names (app.core.excel.columns.field_for_header; "Nama Akun"
  and "Selisih" name none and are skipped);
- whole journal rows from a spreadsheet, without headers (their first cells are dates, or
  they are as wide as the template), go into the grid's columns from Tanggal on;
- lines without a date in front (account, amounts, memo) pasted on the Tanggal of an entry
  with no line written yet go to its lines from Kode Akun: a new entry's cursor is on its
  date, and those rows are its lines (on No. Bukti, a reference and a description still go
  where they are pasted);
- anything else goes by position from the column pasted into, stepping over the computed
  columns (Nama Akun, Selisih) as a template-shaped sheet has none.

A block that reaches the Tanggal or No. Bukti column holds whole journal rows: its rows are
pasted as entries of their own, never written over the entry the cursor is in
(app.core.grid.paste).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.core.books.dates import DateError, parse_date
from app.core.excel.columns import field_for_header
from app.core.grid.columns import COLUMN_FIELDS, READ_ONLY_COLUMNS, Column

AMOUNT = "amount"  # a signed amount column: positive is a debit, negative a credit
Target = Column | str | None  # where a pasted column goes: a grid column, AMOUNT, or nowhere
_COLUMN_OF_FIELD = {name: column for column, name in COLUMN_FIELDS.items()}
# The template's required columns, Tanggal to Proyek: a block this wide is its rows.
TEMPLATE_WIDTH = len([c for c in Column if c < Column.BRANCH and c not in READ_ONLY_COLUMNS])
_ENTRY_KEYS = (Column.DATE, Column.REFERENCE)
_DATE_SHAPE = re.compile(r"\d{4}|[A-Za-z]")


@dataclass(frozen=True)
class PlacedBlock:
    """Pasted rows, the grid column each of their columns goes to, and whether they are
    whole journal rows (they reach the date or reference column: pasted as entries)."""

    rows: list[list[str]]
    targets: list[Target]

    @property
    def whole_rows(self) -> bool:
        return any(target in _ENTRY_KEYS for target in self.targets)


def format_block(cells: Sequence[Sequence[str]]) -> str:
    """Rows of cell texts as tab-separated lines, with the trailing line break Excel adds."""
    return "".join("\t".join(_quoted(cell) for cell in row) + "\r\n" for row in cells)


def _quoted(text: str) -> str:
    if any(mark in text for mark in ('"', "\t", "\n", "\r")):
        return '"' + text.replace('"', '""') + '"'
    return text


def parse_block(text: str) -> list[list[str]]:
    """Tab-separated text (from a spreadsheet or this grid) as rows of cells. A cell Excel
    quoted (it held a tab, a line break or a quote) is read whole; the line break after the
    last row is not an extra row."""
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    position, length = 0, len(text)
    at_cell_start = True
    while position < length:
        char = text[position]
        if at_cell_start and char == '"':
            closing = _closing_quote(text, position + 1)
            if closing is not None:
                cell.append(text[position + 1 : closing].replace('""', '"'))
                position = closing + 1
                at_cell_start = False
                continue
        if char == "\t":
            row.append("".join(cell))
            cell, at_cell_start = [], True
        elif char in "\r\n":
            if char == "\r" and text.startswith("\n", position + 1):
                position += 1
            row.append("".join(cell))
            rows.append(row)
            row, cell, at_cell_start = [], [], True
        else:
            cell.append(char)
            at_cell_start = False
        position += 1
    if cell or row:
        row.append("".join(cell))
        rows.append(row)
    return rows


def _closing_quote(text: str, start: int) -> int | None:
    """Where a quoted cell ends: a quote not doubled, followed by a tab, a line break or the
    end. None when the quote does not open a quoted cell after all."""
    position = start
    while True:
        found = text.find('"', position)
        if found < 0:
            return None
        if text.startswith('"', found + 1):
            position = found + 2
            continue
        following = text[found + 1 : found + 2]
        return found if following in ("", "\t", "\r", "\n") else None


def header_targets(row: Sequence[str]) -> list[Target] | None:
    """The grid column each cell of a header row names, or None when the row is not a header
    row (fewer than two cells, or fewer than half of the filled ones, name a column)."""
    targets: list[Target] = []
    taken: set[Target] = set()
    named = filled = 0
    for cell in row:
        if cell.strip():
            filled += 1
        found = field_for_header(cell) if cell.strip() else None
        target: Target = None
        if found is not None:
            name = found[0]
            target = AMOUNT if name == AMOUNT else _COLUMN_OF_FIELD.get(name)
        if target is not None and target not in taken:
            taken.add(target)
            named += 1
        else:
            target = None
        targets.append(target)
    if named < 2 or named * 2 < filled:
        return None
    return targets


def positional_targets(start: int, width: int) -> list[Target]:
    """The grid's editable columns from `start` on, one per pasted column (fewer when the
    block is wider than what is left of the grid: those cells have nowhere to go)."""
    editable = [column for column in Column if column >= start and column not in READ_ONLY_COLUMNS]
    return list(editable[:width])


def place_block(
    cells: list[list[str]],
    start: int,
    copied_columns: Sequence[int] | None = None,
    *,
    into_blank_entry: bool = False,
) -> PlacedBlock:
    """Where a pasted block goes, `start` being the column pasted into, `copied_columns`
    the columns it was copied from when it came from this grid, `into_blank_entry` whether
    it is pasted into an entry with no line written yet (see the module's text)."""
    if copied_columns:
        whole = len(copied_columns) > 1 and any(c in _ENTRY_KEYS for c in copied_columns)
        if whole or copied_columns[0] == start:
            return PlacedBlock(cells, own_targets(copied_columns))
        keep = [n for n, each in enumerate(copied_columns) if each not in READ_ONLY_COLUMNS]
        trimmed = [[row[n] for n in keep if n < len(row)] for row in cells]
        return PlacedBlock(trimmed, positional_targets(start, len(keep)))
    header = header_targets(cells[0]) if cells else None
    if header is not None:
        return PlacedBlock(cells[1:], header)
    width = max((len(row) for row in cells), default=0)
    if is_journal_rows(cells):
        start = Column.DATE
    elif into_blank_entry and start == Column.DATE and _is_lines(cells):
        start = Column.ACCOUNT
    return PlacedBlock(cells, positional_targets(start, width))


def is_journal_rows(cells: Sequence[Sequence[str]]) -> bool:
    """Rows as a journal sheet holds them, from its Tanggal column: two columns or more
    whose first cells are dates (at least half of the filled ones: a mistyped date is still
    a date column), or as wide as the template with nothing but dates or blanks first
    (continuation rows)."""
    width = max((len(row) for row in cells), default=0)
    firsts = [row[0].strip() for row in cells if row and row[0].strip()]
    dates = sum(_is_date(text) for text in firsts)
    if width >= TEMPLATE_WIDTH and dates == len(firsts):
        return True
    return width >= 2 and bool(firsts) and dates * 2 >= len(firsts)


def _is_lines(cells: Sequence[Sequence[str]]) -> bool:
    """Rows of an entry's lines, not its own fields: two columns or more, no date first."""
    width = max((len(row) for row in cells), default=0)
    return width >= 2 and not any(_is_date(row[0].strip()) for row in cells if row)


def _is_date(text: str) -> bool:
    """A date as a sheet shows one: with a four-digit year or a month's name. An account
    code such as 1.1.01 also reads as a date (1 January 2001); it has neither."""
    if not _DATE_SHAPE.search(text):
        return False
    try:
        return parse_date(text) is not None
    except DateError:
        return False


def own_targets(columns: Sequence[int]) -> list[Target]:
    """For a block copied from this grid: its columns, the computed ones left out."""
    return [None if c in READ_ONLY_COLUMNS else Column(c) for c in columns]


__all__ = [
    "AMOUNT",
    "PlacedBlock",
    "Target",
    "format_block",
    "header_targets",
    "is_journal_rows",
    "own_targets",
    "parse_block",
    "place_block",
    "positional_targets",
]
