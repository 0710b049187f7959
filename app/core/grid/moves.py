"""Where the journal grid's cursor goes on Enter, Shift+Enter, Tab and Shift+Tab, and which
cell takes the keys typed on a cell that cannot be typed into.

One Tab order on every line: an entry's own fields first (date, reference, description and,
when shown, branch), then the line's fields left to right (account, debit, credit, memo, …).
Tab goes forward (Shift+Tab back) to the next cell that can be typed into, skipping the
computed columns (account name, difference) and, below an entry's first line, the entry's
own fields; it wraps to the next (previous) row. So a continuation line is the first line
without its entry fields: the same keys typed from the account onwards fill the same columns
on every line.

As in a spreadsheet, Enter goes down one row (Shift+Enter up) in the column where a run of
Tabs began, so typing a line across and pressing Enter lands on the next line's first field.
Enter never lands on a cell that cannot be typed into: where the wanted column is locked on
that row, the cursor settles on the nearest cell of the row that can be (a continuation
line's account for its date, reference or description), and the wanted column is kept for
the next Enter. At the first or last row the cursor stays: nothing is added behind the
user's back (Ctrl+Enter adds a line). Plain Python: the grid asks.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from enum import Enum

from app.core.grid.columns import ENTRY_COLUMNS

Cell = tuple[int, int]  # row, column
Editable = Callable[[int, int], bool]


class Move(Enum):
    DOWN = "down"  # Enter
    UP = "up"  # Shift+Enter
    RIGHT = "right"  # Tab
    LEFT = "left"  # Shift+Tab


def tab_order(columns: Sequence[int], entry_columns: Collection[int] = ENTRY_COLUMNS) -> list[int]:
    """The shown columns in the order Tab visits them: the entry's own fields first, then
    the line's, each group in the order shown."""
    return [c for c in columns if c in entry_columns] + [
        c for c in columns if c not in entry_columns
    ]


@dataclass
class GridCursor:
    """Where the next move goes from `cell`, and the column a run of Tabs began in (Enter
    goes back to it). `columns` are the shown columns, left to right."""

    rows: int
    columns: Sequence[int]
    editable: Editable
    tab_start: int | None = None
    order: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.order = tab_order(self.columns)

    def moved(self, cell: Cell, move: Move) -> Cell:
        """The cell the move lands on (`cell` itself when there is nowhere to go)."""
        if move in (Move.DOWN, Move.UP):
            wanted = cell[1] if self.tab_start is None else self.tab_start
            landed = self._vertical(cell, wanted, 1 if move is Move.DOWN else -1)
            # Landed beside a locked cell: the next Enter still aims at the wanted column.
            self.tab_start = wanted if landed[1] != wanted else None
            return landed
        if self.tab_start is None:
            self.tab_start = cell[1]
        return self._across(cell, 1 if move is Move.RIGHT else -1)

    def settled(self, cell: Cell) -> Cell | None:
        """The cell that takes what is typed on `cell`: itself if it can be typed into,
        else the nearest cell of its row before it in the Tab order that can (the account
        for its name, the credit for the difference), else the first one after it (a
        continuation line's account for its date, reference or description). None if no
        cell of the row can be typed into."""
        row, column = cell
        if self.editable(row, column):
            return cell
        if column not in self.order:
            return None
        position = self.order.index(column)
        before = reversed(self.order[:position])
        after = self.order[position + 1 :]
        for candidate in (*before, *after):
            if self.editable(row, candidate):
                return row, candidate
        return None

    def _vertical(self, cell: Cell, column: int, step: int) -> Cell:
        row = cell[0] + step
        if not 0 <= row < self.rows or column not in self.order:
            return cell
        return self.settled((row, column)) or cell

    def _across(self, cell: Cell, step: int) -> Cell:
        row, column = cell
        columns = self.order
        if not columns:
            return cell
        position = columns.index(column) if column in columns else -1
        # At most a few rows are looked at: every line has an account cell to type in.
        for _ in range(len(columns) * 3):
            position += step
            if not 0 <= position < len(columns):
                row += step
                if not 0 <= row < self.rows:
                    return cell
                position = 0 if step > 0 else len(columns) - 1
            if self.editable(row, columns[position]):
                return row, columns[position]
        return cell


__all__ = ["Cell", "GridCursor", "Move", "tab_order"]
