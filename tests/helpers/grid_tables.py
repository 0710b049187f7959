"""Looking at the journal grid's table in tests."""

from __future__ import annotations

from app.core.grid.columns import Column
from app.core.grid.entry_table import EntryTable


def state_of(table: EntryTable) -> tuple:
    """Everything the grid shows and counts, to compare a table before and after."""
    texts = [[table.text(row, column) for column in Column] for row in range(len(table.lines))]
    tips = [
        [tuple(t.id for t in table.cell_problems(row, c)) for c in Column]
        for row in range(len(table.lines))
    ]
    return (
        texts,
        tips,
        table.problem_count,
        table.total_debit,
        table.total_credit,
        [e.reference for e in table.entries],
        [table.owners[row].reference for row in range(len(table.lines))],
    )
