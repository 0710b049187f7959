"""The journal page's files, read and written on a worker: a workbook read and laid out for
the grid, the error report, the template. Plain functions (`fn(..., state)`, as
`TaskRunner` calls them), usable and tested without a window."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.core.excel.error_report import write_error_report
from app.core.excel.reader import ImportOptions, ImportResult, list_sheets, read_workbook
from app.core.excel.template import write_template
from app.core.grid.entry_table import Chart, EntryTable, table_from_import
from app.core.interpreter import collector_paused
from app.core.tasks import TaskState


@dataclass
class ImportOutcome:
    """A workbook read and laid out for the grid, ready to show."""

    result: ImportResult
    sheets: list[str]
    table: EntryTable
    options: ImportOptions


def import_workbook(
    path: Path, options: ImportOptions, chart: Chart | None, state: TaskState
) -> ImportOutcome:
    """List the sheets, read the journal, check it and lay it out (on a worker)."""
    with collector_paused():  # 100,000 lines of objects without cycles: see interpreter
        sheets = list_sheets(path)
        state.check()
        result = read_workbook(path, options, chart)
        state.check()
        return ImportOutcome(result, sheets, table_from_import(result, chart), options)


def save_error_report(result: ImportResult, path: Path, state: TaskState) -> Path:
    return write_error_report(result, path)


def save_template(path: Path, state: TaskState) -> Path:
    return write_template(path)
