"""Where the journal grid's cursor goes on Enter, Shift+Enter, Tab and Shift+Tab.

As in a spreadsheet: Enter goes down one row (Shift+Enter up), in the column where a run of
Tabs began, so typing a line across and pressing Enter lands on the next line's first
field. Tab goes right (Shift+Tab left) to the next cell that can be typed into, skipping the
computed columns (account name, difference) and an entry's own cells below its first line,
and wraps to the next (previous) row. At the first or last row the cursor stays: nothing is
added behind the user's back (Ctrl+Enter adds a line). Plain Python: the grid asks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

Cell = tuple[int, int]  # row, column
Editable = Callable[[int, int], bool]


class Move(Enum):
    DOWN = "down"  # Enter
    UP = "up"  # Shift+Enter
    RIGHT = "right"  # Tab
    LEFT = "left"  # Shift+Tab


@dataclass
class GridCursor:
    """Where the next move goes from `cell`, and the column a run of Tabs began in (Enter
    goes back to it). `columns` are the shown columns, left to right."""

    rows: int
    columns: Sequence[int]
    editable: Editable
    tab_start: int | None = None

    def moved(self, cell: Cell, move: Move) -> Cell:
        """The cell the move lands on (`cell` itself when there is nowhere to go)."""
        if move in (Move.DOWN, Move.UP):
            column = cell[1] if self.tab_start is None else self.tab_start
            self.tab_start = None
            return self._vertical(cell, column, 1 if move is Move.DOWN else -1)
        if self.tab_start is None:
            self.tab_start = cell[1]
        return self._across(cell, 1 if move is Move.RIGHT else -1)

    def _vertical(self, cell: Cell, column: int, step: int) -> Cell:
        row = cell[0] + step
        if not 0 <= row < self.rows or column not in self.columns:
            return cell
        return row, column

    def _across(self, cell: Cell, step: int) -> Cell:
        row, column = cell
        columns = list(self.columns)
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


__all__ = ["Cell", "GridCursor", "Move"]
