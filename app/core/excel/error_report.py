"""The error report of an import: the user's sheet copied row for row, so row numbers in
messages still match, with one extra problem column (app.core.excel.problem_column) that
maps to no journal field and the cells at fault filled red, plus a summary sheet listing
every problem, in one language. The user fixes the highlighted cells and imports the same
file again."""

from __future__ import annotations

import os
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
from app.core.excel import sheet_names
from app.core.excel.problem_column import PROBLEM_TITLE, problem_header
from app.core.excel.reader import FIELDS, ImportResult, read_rows
from app.core.excel.writing import (
    AMOUNT_FORMAT,
    BOLD,
    HEADER_FILL,
    WRAP,
    formatted_cells,
    padded,
    save_workbook,
    used_width,
    width_for,
    write_only_cell,
)
from app.core.i18n import Text, ctr, current_language, tr

if TYPE_CHECKING:  # the sheet class of a write-only workbook, named only for its type
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# The summary's list of every problem: where each is and what it says.
_PROBLEM_LIST_TITLES = (
    ctr("laporan impor: judul kolom", "Baris"),
    ctr("laporan impor: judul kolom", "Kolom"),
    ctr("laporan impor: judul kolom", "Referensi"),
    ctr("laporan impor: judul kolom", "Masalah"),
)
_PROBLEM_FILL = PatternFill("solid", start_color="FFC7CE")
_PROBLEM_NOTE_FILL = PatternFill("solid", start_color="FFF2CC")


def write_error_report(
    result: ImportResult, path: str | os.PathLike[str], language: str | None = None
) -> Path:
    """Write the user's sheet with every problem beside its row, plus a summary sheet, in
    `language` (None: the language Jurnal Desk is in).

    The imported sheet is copied row for row (title rows, header row and all columns as
    they were), so row numbers in messages still match. Rows with problems get the joined
    problem texts in an extra problem column; the cells at fault are filled red. Problems
    with no row are listed on the summary sheet, which lists every problem. After fixing the
    rows the user can import this file again: the reader maps the problem column to nothing.
    """
    language = language or current_language()
    sheet_name, rows = read_rows(result.path, result.sheet)
    summary_name = sheet_names.sheet_name(sheet_names.SUMMARY_SHEET, language)
    workbook = Workbook(write_only=True)
    marked = workbook.create_sheet(_sheet_title(sheet_name, summary_name))
    _write_marked_rows(marked, result, rows, language)
    _write_summary(workbook.create_sheet(summary_name), result, sheet_name, language)
    return save_workbook(workbook, Path(path))


def _write_marked_rows(
    sheet: WriteOnlyWorksheet, result: ImportResult, rows: list[list[object]], language: str
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
            cells.append(write_only_cell(sheet, problem_header(language)))
            for cell in cells:
                cell.font = BOLD
        elif problems:
            notes = "\n".join(_problem_note(problem, language) for problem in problems)
            note = write_only_cell(sheet, notes)
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


def _problem_note(problem: Problem, language: str) -> str:
    if problem.column:
        return f"[{problem.column}] {problem.text.get(language)}"
    return problem.text.get(language)


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


def _write_summary(
    sheet: WriteOnlyWorksheet, result: ImportResult, sheet_name: str, language: str
) -> None:
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 22
    sheet.column_dimensions["C"].width = 18
    sheet.column_dimensions["D"].width = 60
    title = write_only_cell(sheet, tr("Laporan impor jurnal").get(language))
    title.font = Font(bold=True, size=14)
    sheet.append([title])
    for label, value in _summary_facts(result, sheet_name):
        cell = write_only_cell(sheet, value)
        if isinstance(value, Decimal):
            cell.number_format = AMOUNT_FORMAT
        sheet.append([write_only_cell(sheet, label.get(language)), cell])
    sheet.append([])
    sheet.append([write_only_cell(sheet, _status(result, sheet_name).get(language))])
    sheet.append([])
    if not result.problems:
        return
    header_cells = [write_only_cell(sheet, text.get(language)) for text in _PROBLEM_LIST_TITLES]
    for cell in header_cells:
        cell.font, cell.fill = BOLD, HEADER_FILL
    sheet.append(header_cells)
    for problem in result.problems:
        values = (problem.row, problem.column or None, problem.reference or None)
        cells = [write_only_cell(sheet, value) for value in values]
        words = write_only_cell(sheet, problem.text.get(language))
        words.alignment = WRAP
        sheet.append([*cells, words])


def _summary_facts(result: ImportResult, sheet_name: str) -> list[tuple[Text, object]]:
    entries = result.entries
    rows_with_problems = {p.row for p in result.problems if p.row is not None}
    return [
        (ctr("laporan impor: keterangan", "Berkas"), result.path.name),
        (ctr("laporan impor: keterangan", "Sheet"), sheet_name),
        (ctr("laporan impor: keterangan", "Baris judul kolom"), result.header_row),
        (ctr("laporan impor: keterangan", "Baris dibaca"), result.row_count),
        (ctr("laporan impor: keterangan", "Jurnal"), len(entries)),
        (
            ctr("laporan impor: keterangan", "Baris jurnal"),
            sum(len(entry.lines) for entry in entries),
        ),
        (
            ctr("laporan impor: keterangan", "Total debit"),
            sum((entry.total_debit for entry in entries), ZERO),
        ),
        (
            ctr("laporan impor: keterangan", "Total kredit"),
            sum((entry.total_credit for entry in entries), ZERO),
        ),
        (ctr("laporan impor: keterangan", "Masalah"), len(result.problems)),
        (ctr("laporan impor: keterangan", "Baris bermasalah"), len(rows_with_problems)),
    ]


def _status(result: ImportResult, sheet_name: str) -> Text:
    if not result.problems:
        return tr("Tidak ada masalah; jurnal siap diposting.")
    return tr(
        "Perbaiki sel berwarna merah di sheet '{s}' (lihat kolom '{c}'), simpan, lalu impor "
        "berkas ini lagi.",
        s=sheet_name,
        c=PROBLEM_TITLE,
    )


def _sheet_title(name: str, summary_name: str) -> str:
    """The user's sheet name as Excel takes it, never the summary's."""
    cleaned = sheet_names.sheet_title(name)
    if cleaned in ("-", summary_name):
        return "Jurnal"  # the template's sheet name, read as a journal sheet in any language
    return cleaned
