"""The error report of an import: the user's sheet copied row for row, so row numbers in
messages still match, with one extra column ("Masalah / Problem") that maps to no journal
field and the cells at fault filled red, plus a summary sheet listing every problem. The user
fixes the highlighted cells and imports the same file again."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from app.core.books.journal import BALANCE, Problem
from app.core.books.money import ZERO
from app.core.excel.reader import FIELDS, ImportResult, read_rows
from app.core.excel.writing import (
    AMOUNT_FORMAT,
    BOLD,
    HEADER_FILL,
    SUMMARY_SHEET,
    WRAP,
    formatted_cells,
    padded,
    save_workbook,
    used_width,
    width_for,
    write_only_cell,
)
from app.core.i18n import Text, tr

if TYPE_CHECKING:  # the sheet class of a write-only workbook, named only for its type
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

PROBLEM_HEADER = "Masalah / Problem"
_PROBLEM_FILL = PatternFill("solid", start_color="FFC7CE")
_PROBLEM_NOTE_FILL = PatternFill("solid", start_color="FFF2CC")
_INVALID_SHEET_CHARS = re.compile(r"[\\/?*\[\]:]")


def write_error_report(result: ImportResult, path: str | os.PathLike[str]) -> Path:
    """Write the user's sheet with every problem beside its row, plus a summary sheet.

    The imported sheet is copied row for row (title rows, header row and all columns as
    they were), so row numbers in messages still match. Rows with problems get the joined
    problem texts, in both languages, in an extra column named PROBLEM_HEADER; the cells
    at fault are filled red. Problems with no row are listed on the summary sheet, which
    lists every problem. After fixing the rows the user can import this file again.
    """
    sheet_name, rows = read_rows(result.path, result.sheet)
    workbook = Workbook(write_only=True)
    _write_marked_rows(workbook.create_sheet(_sheet_title(sheet_name)), result, rows)
    _write_summary(workbook.create_sheet(SUMMARY_SHEET), result, sheet_name)
    return save_workbook(workbook, Path(path))


def _write_marked_rows(
    sheet: WriteOnlyWorksheet, result: ImportResult, rows: list[list[object]]
) -> None:
    width = used_width(rows, len(result.headers))
    problem_column = width  # 0-based: the first column right of the user's data
    columns_of_field = columns_of_fields(result)
    by_row = _problems_by_row(result.problems, len(rows))
    amount_columns = {
        columns_of_field[f] for f in ("debit", "credit", "amount") if f in columns_of_field
    }
    number_columns = {
        columns_of_field[f] for f in ("rate", "prime_amount") if f in columns_of_field
    }
    date_column = columns_of_field.get("date")
    for index, header in enumerate(padded(result.headers, width)):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width_for(header)
    sheet.column_dimensions[get_column_letter(problem_column + 1)].width = 70
    sheet.freeze_panes = f"A{result.header_row + 1}"
    for number, values in enumerate(rows, start=1):
        cells = formatted_cells(
            sheet, padded(values, width), amount_columns, date_column, number_columns
        )
        problems = by_row.get(number, [])
        _fill_cells_at_fault(cells, problems, columns_of_field)
        if number == result.header_row:
            # The header keeps its name (problems about it are on the summary sheet), so the
            # reader finds the same header row again.
            cells.append(write_only_cell(sheet, PROBLEM_HEADER))
            for cell in cells:
                cell.font = BOLD
        elif problems:
            note = write_only_cell(sheet, "\n".join(_problem_note(problem) for problem in problems))
            note.fill, note.alignment = _PROBLEM_NOTE_FILL, WRAP
            cells.append(note)
        sheet.append(cells)


def _fill_cells_at_fault(
    cells: list[WriteOnlyCell], problems: list[Problem], columns_of_field: dict[str, int]
) -> None:
    for problem in problems:
        column = _column_of_problem(problem, columns_of_field)
        if column is not None and column < len(cells):
            cells[column].fill = _PROBLEM_FILL


def _problem_note(problem: Problem) -> str:
    if problem.column:
        return f"[{problem.column}] {problem.text.both()}"
    return problem.text.both()


def _column_of_problem(problem: Problem, columns_of_field: dict[str, int]) -> int | None:
    field_name = "debit" if problem.field == BALANCE else problem.field
    column = columns_of_field.get(field_name)
    if column is None and field_name in ("debit", "credit"):
        column = columns_of_field.get("amount")  # one signed amount column holds both sides
    return column


def columns_of_fields(result: ImportResult) -> dict[str, int]:
    mapping = result.mapping
    columns = {field: getattr(mapping, field, None) for field in FIELDS}
    return {field: column for field, column in columns.items() if column is not None}


def _problems_by_row(problems: Iterable[Problem], row_count: int) -> dict[int, list[Problem]]:
    """Problems grouped by worksheet row; those with no row (or a row not in the sheet) are
    left out here and appear on the summary sheet only."""
    grouped: dict[int, list[Problem]] = defaultdict(list)
    for problem in problems:
        if problem.row is not None and 1 <= problem.row <= row_count:
            grouped[problem.row].append(problem)
    return grouped


def _write_summary(sheet: WriteOnlyWorksheet, result: ImportResult, sheet_name: str) -> None:
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 22
    sheet.column_dimensions["C"].width = 18
    sheet.column_dimensions["D"].width = 60
    sheet.column_dimensions["E"].width = 60
    title = write_only_cell(sheet, "Laporan impor jurnal / Journal import report")
    title.font = Font(bold=True, size=14)
    sheet.append([title])
    for label, value in _summary_facts(result, sheet_name):
        cell = write_only_cell(sheet, value)
        if isinstance(value, Decimal):
            cell.number_format = AMOUNT_FORMAT
        sheet.append([write_only_cell(sheet, label), cell])
    sheet.append([])
    sheet.append([write_only_cell(sheet, _status(result, sheet_name).both())])
    sheet.append([])
    if not result.problems:
        return
    header = ("Baris / Row", "Kolom / Column", "Referensi / Reference", "Masalah", "Problem")
    header_cells = [write_only_cell(sheet, text) for text in header]
    for cell in header_cells:
        cell.font, cell.fill = BOLD, HEADER_FILL
    sheet.append(header_cells)
    for problem in result.problems:
        values = (problem.row, problem.column or None, problem.reference or None)
        texts = (problem.text.id, problem.text.en)
        cells = [write_only_cell(sheet, value) for value in values]
        for text in texts:
            cell = write_only_cell(sheet, text)
            cell.alignment = WRAP
            cells.append(cell)
        sheet.append(cells)


def _summary_facts(result: ImportResult, sheet_name: str) -> list[tuple[str, object]]:
    entries = result.entries
    rows_with_problems = {p.row for p in result.problems if p.row is not None}
    return [
        ("Berkas / File", result.path.name),
        ("Sheet", sheet_name),
        ("Baris judul kolom / Header row", result.header_row),
        ("Baris dibaca / Rows read", result.row_count),
        ("Jurnal / Entries", len(entries)),
        ("Baris jurnal / Lines", sum(len(entry.lines) for entry in entries)),
        ("Total debit", sum((entry.total_debit for entry in entries), ZERO)),
        ("Total kredit / Total credit", sum((entry.total_credit for entry in entries), ZERO)),
        ("Masalah / Problems", len(result.problems)),
        ("Baris bermasalah / Rows with problems", len(rows_with_problems)),
    ]


def _status(result: ImportResult, sheet_name: str) -> Text:
    if not result.problems:
        return tr("Tidak ada masalah; jurnal siap diposting.")
    return tr(
        "Perbaiki sel berwarna merah di sheet '{s}' (lihat kolom '{c}'), simpan, lalu impor "
        "berkas ini lagi.",
        s=sheet_name,
        c=PROBLEM_HEADER,
    )


def _sheet_title(name: str) -> str:
    cleaned = _INVALID_SHEET_CHARS.sub("-", name).strip("'")[:31]
    if not cleaned or cleaned == SUMMARY_SHEET:
        return "Jurnal"
    return cleaned
