"""Find and replace in the journal grid's cells, as they are shown. Plain Python.

Matching ignores case and finds the text anywhere in a cell ("bca" finds "Bank BCA"). Find
looks through every column given, row by row from the cell after the current one, and wraps
around; replace works within one column and gives the edits to type (one undoable step).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.core.books.number_style import NumberStyle
from app.core.grid.columns import Column
from app.core.grid.entry_table import EntryTable

Edit = tuple[int, Column, str]


def find_cell(
    table: EntryTable,
    needle: str,
    start: tuple[int, int] | None,
    columns: Sequence[Column],
    style: NumberStyle,
    *,
    backwards: bool = False,
) -> tuple[int, Column] | None:
    """The next cell (after `start`, wrapping around) whose text holds `needle`."""
    wanted = needle.strip().casefold()
    rows = len(table.lines)
    if not wanted or not rows or not columns:
        return None
    order = sorted(columns)
    cells = rows * len(order)
    if start is None:
        position = cells if backwards else -1
    else:
        row, column = start
        before = sum(1 for each in order if each < column)
        if column in order:
            position = row * len(order) + before
        else:  # a column not searched: the next one searched is `before`, the previous before-1
            position = row * len(order) + before - (0 if backwards else 1)
    step = -1 if backwards else 1
    for count in range(1, cells + 1):
        index = (position + step * count) % cells
        row, column = divmod(index, len(order))
        if wanted in table.text(row, order[column], style).casefold():
            return row, order[column]
    return None


def replace_edits(
    table: EntryTable,
    needle: str,
    replacement: str,
    column: Column,
    style: NumberStyle,
    rows: Sequence[int] | None = None,
) -> list[Edit]:
    """The edits that replace `needle` with `replacement` in a column's cells (every row,
    or the rows given), ignoring case. Cells that cannot be edited are left out."""
    wanted = needle.strip()
    if not wanted:
        return []
    pattern = re.compile(re.escape(wanted), re.IGNORECASE)
    edits = []
    for row in range(len(table.lines)) if rows is None else rows:
        if not table.is_editable(row, column):
            continue
        text = table.text(row, column, style)
        if pattern.search(text):
            edits.append((row, column, pattern.sub(lambda _m: replacement, text)))
    return edits


__all__ = ["find_cell", "replace_edits"]
