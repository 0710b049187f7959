"""The journal grid's undo commands, on Qt's undo framework.

Every change the grid makes is a `GridCommand` pushed on the page's `QUndoStack`. A command
is a short list of steps, and each step holds exactly what it changed: the cells with their
state before and after (`CellsStep`), the rows it inserted or removed with their positions
(`InsertStep`, `RemoveStep`), or the amounts it rounded (`RoundStep`); cells a Delete
emptied are kept a column at a time (`ClearStep`). A paste is one command
(rows inserted, then cells written); so is a Delete over a whole column. Typing into one cell
again and again merges into one command (`TypingCommand.mergeWith`).

The steps change the grid only through the model's primitive operations (`apply_cells`,
`insert_block`, `remove_block`, `apply_roundings`), which keep the view informed: what they
need of the model is `GridModel` (the grid's `EntriesModel` is one).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from app.core.books.cents import CentRounding
from app.core.grid.cells import BLANK_STATES, CellState
from app.core.grid.columns import Column
from app.core.grid.entry_table import EntryTable, KeptChecks
from app.core.grid.rows import RowBlock, index_of
from app.core.i18n import Text
from app.core.interpreter import collector_paused, keep_long_lived

CellChange = tuple[int, Column, CellState, CellState]  # row, column, before, after
Edit = tuple[int, Column, str]  # row, column, text typed
Area = tuple[int, int, int, int]  # first row, last row, first column, last column
_ALL_COLUMNS = (0, len(Column) - 1)


class GridModel(Protocol):
    """What the undo steps need of the grid's model: its primitive operations, which change
    the table and keep the view informed (`EntriesModel`)."""

    @property
    def table(self) -> EntryTable: ...

    def batch(self) -> contextlib.AbstractContextManager[None]:
        """Changes inside tell the page about the new totals and problems once, at the end."""
        ...

    def typed_changes(self, edits: Sequence[Edit]) -> tuple[list[CellChange], list[Text]]: ...

    def apply_cells(
        self, cells: Sequence[tuple[int, Column, CellState]], checks: KeptChecks | None = None
    ) -> KeptChecks | None: ...

    def insert_block(self, gap: int, block: RowBlock) -> None: ...

    def remove_block(self, first: int, last: int) -> RowBlock: ...

    def round_all(self) -> list[CentRounding]: ...

    def apply_roundings(self, changes: list[CentRounding], *, forward: bool) -> None: ...

    def show_area(
        self, first_row: int, last_row: int, first_column: int, last_column: int
    ) -> None: ...


class CellsStep:
    """Cells typed into: the texts to type until it is first done, then each cell's state
    before and after."""

    def __init__(self, edits: Sequence[Edit]) -> None:
        self.edits = list(edits)
        self.changes: list[CellChange] = []
        self.reasons: list[Text] = []  # why typed texts could not be read (kept, marked)
        self._done = False
        # What checking found with the cells as before and as after: the way back takes
        # them back rather than checking every entry again (a whole column: 25,000).
        self._checks_before: KeptChecks | None = None
        self._checks_after: KeptChecks | None = None

    def redo(self, model: GridModel) -> None:
        if not self._done:
            self._done = True
            self.changes, self.reasons = model.typed_changes(self.edits)
            self.edits = []
        cells = [(row, column, after) for row, column, _before, after in self.changes]
        self._checks_before = model.apply_cells(cells, self._checks_after)

    def undo(self, model: GridModel) -> None:
        cells = [(row, column, before) for row, column, before, _after in reversed(self.changes)]
        self._checks_after = model.apply_cells(cells, self._checks_before)

    def forget_checks(self) -> None:
        """The changes were merged with later typing: what was kept no longer fits."""
        self._checks_before = self._checks_after = None

    def area(self) -> Area | None:
        if not self.changes:
            return None
        rows = [change[0] for change in self.changes]
        columns = [change[1] for change in self.changes]
        return min(rows), max(rows), min(columns), max(columns)


class ClearStep:
    """Cells emptied by a Delete, a column at a time: each column's rows and the values they
    held (a whole column: two lists, not 50,000 cell states and changes). Only for cells
    holding nothing but their value (`EntryTable.cleared_values`); other cells go through a
    CellsStep."""

    def __init__(self, runs: Sequence[tuple[Column, list[int], list[object]]]) -> None:
        self.runs = [run for run in runs if run[1]]  # column, rows, the values before
        self._checks_before: KeptChecks | None = None  # as in CellsStep
        self._checks_after: KeptChecks | None = None

    @property
    def count(self) -> int:
        return sum(len(rows) for _column, rows, _values in self.runs)

    def redo(self, model: GridModel) -> None:
        cells = [
            (row, column, BLANK_STATES[column])
            for column, rows, _values in self.runs
            for row in rows
        ]
        self._checks_before = model.apply_cells(_row_by_row(cells, self.runs), self._checks_after)

    def undo(self, model: GridModel) -> None:
        cells = [
            (row, column, CellState(value))
            for column, rows, values in reversed(self.runs)
            for row, value in zip(reversed(rows), reversed(values), strict=True)
        ]
        cells = _row_by_row(cells, self.runs, reverse=True)
        self._checks_after = model.apply_cells(cells, self._checks_before)

    def area(self) -> Area | None:
        if not self.runs:
            return None
        columns = [column for column, _rows, _values in self.runs]
        first = min(min(rows) for _column, rows, _values in self.runs)
        last = max(max(rows) for _column, rows, _values in self.runs)
        return first, last, min(columns), max(columns)


def _row_by_row(
    cells: list[tuple[int, Column, CellState]], runs: Sequence[object], *, reverse: bool = False
) -> list[tuple[int, Column, CellState]]:
    """The cells of several columns in the order a CellsStep takes them: row by row."""
    if len(runs) > 1:
        cells.sort(key=lambda cell: (cell[0], cell[1]), reverse=reverse)
    return cells


class InsertStep:
    """Rows put in at a gap (blank lines, a new entry, or a pasted block)."""

    def __init__(self, gap: int, block: RowBlock) -> None:
        self.gap = gap
        self.block = block

    def redo(self, model: GridModel) -> None:
        model.insert_block(self.gap, self.block)

    def undo(self, model: GridModel) -> None:
        self.block = model.remove_block(self.gap, self.gap + len(self.block) - 1)

    def area(self) -> Area:
        return self.gap, self.gap + len(self.block) - 1, *_ALL_COLUMNS


class RemoveStep:
    """Runs of rows taken out (bottom run first), each kept whole to be put back."""

    def __init__(self, runs: Sequence[tuple[int, int]]) -> None:
        self.runs = list(runs)
        self.blocks: list[RowBlock] = []

    def redo(self, model: GridModel) -> None:
        self.blocks = [model.remove_block(first, last) for first, last in self.runs]

    def undo(self, model: GridModel) -> None:
        for (first, _last), block in reversed(list(zip(self.runs, self.blocks, strict=True))):
            model.insert_block(first, block)

    def area(self) -> Area:
        return min(r[0] for r in self.runs), max(r[1] for r in self.runs), *_ALL_COLUMNS


class RoundStep:
    """Every amount with a fraction of a cent, rounded half-up to the cent."""

    def __init__(self) -> None:
        self.changes: list[CentRounding] = []
        self._done = False

    def redo(self, model: GridModel) -> None:
        if self._done:
            model.apply_roundings(self.changes, forward=True)
        else:
            self._done = True
            self.changes = model.round_all()

    def undo(self, model: GridModel) -> None:
        model.apply_roundings(self.changes, forward=False)

    def area(self, table: EntryTable) -> Area | None:
        rows = [table.position(c.entry)[1] + index_of(c.entry.lines, c.line) for c in self.changes]
        return (min(rows), max(rows), Column.DEBIT, Column.CREDIT) if rows else None


Step = CellsStep | ClearStep | InsertStep | RemoveStep | RoundStep
MANY_CELLS = 2_000  # typing a cell or pasting a few rows leaves the collector alone


def _cells(step: Step) -> int:
    """About how many cells a step changes."""
    if isinstance(step, CellsStep):
        return max(len(step.edits), len(step.changes))
    if isinstance(step, ClearStep):
        return step.count
    if isinstance(step, InsertStep):
        return len(step.block) * len(Column)
    if isinstance(step, RemoveStep):
        return sum(last - first + 1 for first, last in step.runs) * len(Column)
    return MANY_CELLS  # rounding looks at every amount of the grid


class GridCommand(QUndoCommand):
    """One undoable change of the grid: its steps, done in order and undone in reverse.
    After an undo or redo the model names the area that changed, so the view can show it."""

    def __init__(
        self,
        model: GridModel,
        label: Text,
        steps: Sequence[Step],
        *,
        show_first: bool = True,
    ) -> None:
        super().__init__(label.get())
        self.model = model
        self.label = label
        self.steps = list(steps)
        self._show_redo = show_first  # typing: the view already shows the cell

    def redo(self) -> None:
        with self._collector(), self.model.batch():
            for step in self.steps:
                step.redo(self.model)
        if not self.changed_anything():
            self.setObsolete(True)  # nothing to undo: the stack drops it
        elif self._show_redo:
            self._show()
        self._show_redo = True

    def undo(self) -> None:
        with self._collector(), self.model.batch():
            for step in reversed(self.steps):
                step.undo(self.model)
        self._show()

    def _collector(self) -> contextlib.AbstractContextManager[object, bool | None]:
        """A change of many cells (a Delete over a whole column: 50,000 cell states and
        75,000 problems, none in a reference cycle) runs without the cycle collector, which
        would otherwise walk the whole grid several times over while it runs (most of its
        time). What it made is alive afterwards (the grid and the undo step hold it), so it
        is frozen out of later sweeps before the collector runs again: else the collector's
        first sweep after the change walks all of it (0.08-0.1 s after a whole column's
        Delete). Objects freed by their count are freed as ever."""
        if sum(_cells(step) for step in self.steps) < MANY_CELLS:
            return contextlib.nullcontext()
        stack = contextlib.ExitStack()
        stack.enter_context(collector_paused())
        stack.callback(keep_long_lived)  # on the way out, first: still paused
        return stack

    def changed_anything(self) -> bool:
        for step in self.steps:
            if isinstance(step, CellsStep | RoundStep) and step.changes:
                return True
            if isinstance(step, ClearStep) and step.runs:
                return True
            if isinstance(step, InsertStep | RemoveStep):
                return True
        return False

    def retranslate(self) -> None:
        self.setText(self.label.get())

    def _show(self) -> None:
        areas = [area for step in self.steps if (area := _area(self.model, step)) is not None]
        if areas:
            self.model.show_area(
                min(a[0] for a in areas),
                max(a[1] for a in areas),
                min(a[2] for a in areas),
                max(a[3] for a in areas),
            )


class TypingCommand(GridCommand):
    """Text typed into one cell. Typing into the same cell again merges into this command,
    so one undo takes the cell back to what it held before the typing began."""

    ID = 0x4A44  # any number unique among the grid's commands

    def __init__(self, model: GridModel, label: Text, row: int, column: Column, text: str):
        super().__init__(model, label, [CellsStep([(row, column, text)])], show_first=False)
        self.cell = (row, column)

    @property
    def step(self) -> CellsStep:
        # A typing command's one step is the CellsStep it was made with (Step is the union).
        return self.steps[0]  # type: ignore[return-value]  # its one CellsStep

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, TypingCommand) or other.cell != self.cell:
            return False
        if not self.step.changes or not other.step.changes:
            return False
        row, column, before, _after = self.step.changes[0]
        after = other.step.changes[0][3]
        self.step.changes = [(row, column, before, after)]
        self.step.forget_checks()  # one cell: checked again on undo, no time to speak of
        if before.same_as(after):
            self.setObsolete(True)  # typed back to what it was: nothing left to undo
        return True


def _area(model: GridModel, step: Step) -> Area | None:
    return step.area(model.table) if isinstance(step, RoundStep) else step.area()


__all__ = [
    "CellsStep",
    "ClearStep",
    "GridCommand",
    "InsertStep",
    "RemoveStep",
    "RoundStep",
    "TypingCommand",
]
