"""(g) of the grid benchmark: Delete on a whole column of 100,000 lines, and its undo; then
every line removed, and its undo.

In a `JournalPage` holding the benchmark's table (its status line, problem list and ready
badge refresh after the change, as a user waits for them): select the Debit column, press
Delete (`JournalGrid.clear_selected`: one undoable step that re-checks each entry it touched
once), process the events it queued; then Ctrl+Z (`QUndoStack.undo`) the same way. Every
entry is unbalanced after the Delete and balanced again after the undo; both are checked.
Then Ctrl+A and "Hapus baris" (the Edit menu's Remove lines) on all 100,000 lines, and its
undo: the grid is empty after, and whole and without problems after the undo.
Target: each at most 0.5 s.
"""

from __future__ import annotations

import gc
import statistics
import time
from dataclasses import dataclass, field

from bench.generate import WorkbookSpec, workbook_from_child
from bench.grid_setup import VIEW_SIZE, make_chart, prepare, qt_app, quiet_offscreen_warnings

TARGET_DELETE_SECONDS = 0.5


@dataclass
class DeleteColumnResult:
    delete_seconds: list[float] = field(default_factory=list)
    undo_seconds: list[float] = field(default_factory=list)
    remove_seconds: list[float] = field(default_factory=list)  # every line removed
    remove_undo_seconds: list[float] = field(default_factory=list)
    lines: int = 0
    cleared: int = 0
    correct: bool = True

    @property
    def ok(self) -> bool:
        timed = (self.delete_seconds, self.undo_seconds)
        timed += (self.remove_seconds, self.remove_undo_seconds) if self.remove_seconds else ()
        return self.correct and all(
            statistics.median(seconds) <= TARGET_DELETE_SECONDS for seconds in timed
        )

    def rows(self) -> list[tuple[str, str, str, str]]:
        runs = len(self.delete_seconds)
        delete = statistics.median(self.delete_seconds)
        undo = statistics.median(self.undo_seconds)
        return [
            ("(g) Delete a whole column", f"Debit column ({self.cleared:,} amounts) in the "
             f"whole journal page, events included, median of {runs}",
             f"**{delete:.3f} s**", f"<= {TARGET_DELETE_SECONDS} s"),
            ("", f"its undo (Ctrl+Z), median of {runs}", f"**{undo:.3f} s**",
             f"<= {TARGET_DELETE_SECONDS} s"),
            ("", f"Remove lines on all {self.lines:,} lines (Ctrl+A), median of {runs}",
             _median(self.remove_seconds), f"<= {TARGET_DELETE_SECONDS} s"),
            ("", f"its undo (Ctrl+Z), median of {runs}", _median(self.remove_undo_seconds),
             f"<= {TARGET_DELETE_SECONDS} s"),
            ("", "every entry unbalanced after the Delete, balanced after its undo; "
             "the grid empty after Remove lines, whole after its undo",
             "yes" if self.correct else "NO", "yes"),
        ]  # fmt: skip


def _median(seconds: list[float]) -> str:
    return f"**{statistics.median(seconds):.3f} s**" if seconds else "not measured"


def measure_delete_column(table, chart, runs: int) -> DeleteColumnResult:
    """(g) on one page: Delete and undo `runs` times."""
    from concurrent.futures import ThreadPoolExecutor

    from app.core.grid.columns import Column
    from app.ui.journal.page import JournalPage

    app = qt_app()
    quiet_offscreen_warnings()
    result = DeleteColumnResult()
    with ThreadPoolExecutor(max_workers=1) as executor:
        page = JournalPage(executor, lambda: chart)
        page.resize(VIEW_SIZE[0], VIEW_SIZE[1] + 200)
        page.show()
        page.model.load(table)
        app.processEvents()
        entries = page.model.entry_count
        for _ in range(runs):
            page.grid.selectColumn(Column.DEBIT)
            app.processEvents()
            gc.collect()
            started = time.perf_counter()
            result.cleared = page.grid.clear_selected()
            app.processEvents()
            result.delete_seconds.append(time.perf_counter() - started)
            result.correct &= page.model.problem_count >= entries and not page.is_ready()
            started = time.perf_counter()
            page.undo_stack.undo()
            app.processEvents()
            result.undo_seconds.append(time.perf_counter() - started)
            result.correct &= page.model.problem_count == 0
        result.lines = page.model.line_count
        for _ in range(runs):
            page.grid.selectAll()
            app.processEvents()
            gc.collect()
            started = time.perf_counter()
            page.edit_actions.remove_lines.trigger()
            app.processEvents()
            result.remove_seconds.append(time.perf_counter() - started)
            result.correct &= page.model.line_count == 0
            started = time.perf_counter()
            page.undo_stack.undo()
            app.processEvents()
            result.remove_undo_seconds.append(time.perf_counter() - started)
            result.correct &= page.model.line_count == result.lines
            result.correct &= page.model.problem_count == 0
        page.shutdown()
        page.deleteLater()
        app.processEvents()
    return result


def run_delete_column(runs: int) -> DeleteColumnResult:
    """(g) alone: the benchmark's workbook and chart, prepared as the import worker does."""
    chart = make_chart()
    _result, table, _read, _table = prepare(workbook_from_child(WorkbookSpec()), chart)
    return measure_delete_column(table, chart, runs)


def report_lines(result: DeleteColumnResult) -> list[str]:
    rows = [("step", "measure", "result", "target"), *result.rows()]
    rows = [tuple(text.replace("**", "").replace("`", "") for text in row) for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join(text.ljust(width) for text, width in zip(row, widths, strict=True))
             for row in rows]  # fmt: skip
    delete, undo, remove, remove_undo = (
        ", ".join(f"{s:.3f}" for s in seconds)
        for seconds in (
            result.delete_seconds,
            result.undo_seconds,
            result.remove_seconds,
            result.remove_undo_seconds,
        )
    )
    verdict = "met" if result.ok else "NOT met"
    return [
        *lines,
        f"target (g): {verdict}",
        f"runs (s): delete {delete}; undo {undo}; remove lines {remove}; undo {remove_undo}",
    ]


__all__ = ["DeleteColumnResult", "measure_delete_column", "run_delete_column"]
