"""What each of the journal page's banner messages belongs to, as a test of the state now.

The banner (app.ui.common.message_banner) asks again whenever the grid changes; a message whose
state is gone goes with it: what a paste did goes when the paste is undone, a cell's
"cannot be read" goes once the cell is fixed, the import's summary follows the problems
the grid has now (another company's chart included) and goes once they are fixed.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtGui import QUndoStack

from app.core.excel.reader import ImportResult
from app.core.grid import page_words as words
from app.ui.common.message_banner import Message
from app.ui.journal.grid.commands import TypingCommand
from app.ui.journal.grid.model import EntriesModel

Holds = Callable[[], bool]


def undo_step_applied(stack: QUndoStack) -> Holds:
    """True while the step just done (the stack's top now) is not undone. The banner asks
    at every move of the stack, so a step undone and then redone has already lost it (and
    when the stack goes with its page)."""
    done = stack.index()
    return lambda: shiboken6.isValid(stack) and stack.index() >= done


def cell_unreadable(model: EntriesModel) -> Holds:
    """True while the cell just typed in still holds text that cannot be read."""
    stack = model.undo_stack
    command = stack.command(stack.index() - 1) if stack.index() > 0 else None
    if not isinstance(command, TypingCommand):
        return undo_step_applied(stack)
    row, column = command.cell
    table = model.table
    line = table.lines[row]

    def holds() -> bool:
        if not shiboken6.isValid(model):
            return False
        now = model.table
        return (
            now is table
            and row < len(now.lines)
            and now.lines[row] is line
            and now.is_unreadable(row, column)
        )

    return holds


def imported_summary(
    model: EntriesModel, result: ImportResult, fixable: Callable[[], int]
) -> Callable[[], Message | None]:
    """The import's summary with the problems the grid has now: made again after every
    change (a company switch checks against another chart), and gone once the grid has been
    edited and has no problem left, or holds another table (a later import, a draft)."""
    table, lines = model.table, model.line_count
    untouched_at = model.undo_stack.index()

    def message() -> Message | None:
        if not shiboken6.isValid(model.undo_stack) or model.table is not table:
            return None
        problems = model.problem_count
        if not problems and model.undo_stack.index() != untouched_at:
            return None
        return words.imported_message(result, lines, problems, fixable() if problems else 0)

    return message
