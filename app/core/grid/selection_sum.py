"""What a selection of grid cells adds up to, for the status bar ("Jumlah: Rp … · 5 sel").

As in a spreadsheet's status bar: the count of the cells selected and the sum of the amounts
among them, in Decimal. Only debits and credits are summed: the difference is computed from
them (adding it in would count the same money twice), a rate is not money and a foreign
amount is in another currency. A cell whose text could not be read holds no amount yet.
Selections made of several overlapping blocks (Ctrl+click) count each cell once, and a whole
column of 100,000 rows is summed without listing its cells. Plain Python (no Qt).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter

from app.core.grid.columns import Column
from app.core.grid.entry_table import EntryTable

Block = tuple[int, int, int, int]  # first row, last row, first column, last column
SUMMED_COLUMNS: dict[int, str] = {Column.DEBIT: "debit", Column.CREDIT: "credit"}
ZERO = Decimal("0")


@dataclass(frozen=True, slots=True)
class SelectionSum:
    cells: int  # cells selected (in shown columns)
    amounts: int  # how many of them hold an amount
    total: Decimal


def sum_selection(
    table: EntryTable, blocks: Iterable[Block], shown: Collection[int]
) -> SelectionSum:
    """The selection's cell count and the sum of its debits and credits."""
    rows_by_column: dict[int, list[tuple[int, int]]] = {}
    for top, bottom, left, right in blocks:
        for column in range(left, right + 1):
            if column in shown:
                rows_by_column.setdefault(column, []).append((top, bottom))
    cells = amounts = 0
    total = ZERO
    for column, spans in rows_by_column.items():
        merged = merge_spans(spans)
        cells += sum(last - first + 1 for first, last in merged)
        name = SUMMED_COLUMNS.get(column)
        if name is None:
            continue
        for first, last in merged:
            count, subtotal = _column_sum(table, name, column, first, last)
            amounts += count
            total += subtotal
    return SelectionSum(cells, amounts, total)


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Row spans (first, last) joined where they overlap or touch, in order."""
    merged: list[tuple[int, int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def _column_sum(
    table: EntryTable, name: str, column: int, first: int, last: int
) -> tuple[int, Decimal]:
    lines = table.lines
    rows = range(max(first, 0), min(last, len(lines) - 1) + 1)
    if not table.has_unreadable:  # the common case: one pass at C speed (a whole column)
        amounts = list(filter(None, map(attrgetter(name), lines[rows.start : rows.stop])))
        return len(amounts), sum(amounts, ZERO)
    count, total = 0, ZERO
    for row in rows:
        value = getattr(lines[row], name)
        if value and not table.is_unreadable(row, column):
            count += 1
            total += value
    return count, total


__all__ = ["SUMMED_COLUMNS", "SelectionSum", "merge_spans", "sum_selection"]
