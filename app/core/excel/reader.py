"""Read journal entries from a workbook: .xlsx, .xlsm, .xls or .ods.

python-calamine reads the cells (about ten times faster than openpyxl). The steps each have
their module: workbook_file opens the file, header_search finds the sheet, its header row and
the column mapping (column_mapping), sheet_reader groups the rows into entries, and
validate_entries checks them. A cell that cannot be read becomes a Problem at its sheet, row
and column, and reading goes on, so the user sees every problem at once. Only a file that
cannot be used at all (corrupt, password-protected, no header) raises WorkbookError.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from app.core.books.account_mapping import remap_entries
from app.core.books.cents import round_cents
from app.core.books.journal import Account
from app.core.books.number_style import NumberStyle
from app.core.excel.cell_values import CellValue
from app.core.excel.column_mapping import ColumnMapping, MappingError, detect_mapping
from app.core.excel.columns import FIELDS, column_letter
from app.core.excel.header_search import find_sheet
from app.core.excel.import_types import ImportOptions, ImportResult
from app.core.excel.sheet_reader import SheetReader, fill_merged, no_rows_text
from app.core.excel.workbook_file import (
    WorkbookError,
    get_sheet,
    merged_ranges,
    missing_sheet_text,
    no_data_text,
    open_workbook,
    sheet_rows,
    worksheet_names,
)
from app.core.interpreter import collector_paused

# The names callers import from here: this module is the import's public face.
__all__ = [
    "FIELDS",
    "ColumnMapping",
    "ImportOptions",
    "ImportResult",
    "MappingError",
    "WorkbookError",
    "column_letter",
    "detect_mapping",
    "list_sheets",
    "read_rows",
    "read_workbook",
]


def list_sheets(path: Path | str) -> list[str]:
    """The workbook's worksheet names, in workbook order (chart sheets left out)."""
    with open_workbook(Path(path)) as workbook:
        return worksheet_names(workbook)


def read_rows(path: Path | str, sheet: str | None = None) -> tuple[str, list[list[object]]]:
    """The raw cell values of one sheet, row 1 first, column A first (blank cells are "").
    Without a sheet name: the sheet read_workbook would pick, else the first sheet. The rows
    are the caller's, to change and to fill with values of any kind."""
    name, rows = _sheet_cells(Path(path), sheet)
    return name, [list[object](row) for row in rows]


def _sheet_cells(path: Path, sheet: str | None) -> tuple[str, list[list[CellValue]]]:
    with open_workbook(path) as workbook:
        if sheet is None:
            try:
                found = find_sheet(path, workbook, None)
                return found.name, sheet_rows(path, found.sheet)
            except WorkbookError:
                if not workbook.sheet_names:
                    raise WorkbookError(no_data_text(path)) from None
                sheet = workbook.sheet_names[0]
        elif sheet not in workbook.sheet_names:
            raise WorkbookError(missing_sheet_text(path, sheet, workbook.sheet_names))
        return sheet, sheet_rows(path, get_sheet(path, workbook, sheet))


def read_workbook(
    path: Path | str,
    options: ImportOptions | None = None,
    chart: Mapping[str, Account] | None = None,
) -> ImportResult:
    """Read, map, group and validate the journal in a workbook.

    Returns every entry with every problem found (cells that cannot be read, and what
    validate_entries finds with `chart`). Raises WorkbookError only when nothing usable can
    be read.
    """
    path = Path(path)
    options = options or ImportOptions()
    with collector_paused(), open_workbook(path) as workbook:
        found = find_sheet(path, workbook, options)
        rows = sheet_rows(path, found.sheet)
        merged = merged_ranges(found.sheet)
    if len(rows) <= found.header_index + 1:
        raise WorkbookError(no_rows_text(found.name, found.header_index + 1))
    fill_merged(rows, merged, found.mapping, found.header_index + 1)
    reader = SheetReader(path, found, NumberStyle(options.number_style))
    with collector_paused():  # lines and Decimals without cycles: see interpreter
        reader.read(rows)
    if not reader.entries:
        raise WorkbookError(no_rows_text(found.name, found.header_index + 1))
    reader.check_formulas()
    cell_texts = reader.unreadable_texts(rows)
    roundings = round_cents(reader.entries) if options.round_cents else []
    remapped = remap_entries(reader.entries, options.account_map or {}, chart)
    with collector_paused():  # lines and Decimals without cycles: see interpreter
        problems = reader.all_problems(chart)
    return ImportResult(
        path=path,
        sheet=found.name,
        header_row=found.header_index + 1,
        headers=found.headers,
        mapping=found.mapping,
        entries=reader.entries,
        problems=problems,
        row_count=reader.row_count,
        roundings=roundings,
        cell_texts=cell_texts,
        remapped=remapped,
    )
