"""The posting report's failed sheet: the entries not on the books, ready to fix and import
again. With the import the batch came from, the user's own rows are copied (title rows and
header row kept); without it, the entries are written in the template's layout. Either way
`read_workbook` reads the sheet back as exactly those entries, each with its problem.

The journal's own column titles stay those of the import template (the reader knows them),
whatever the report's language; the problem column is titled in the report's language, a
title the reader ignores, and a report of a report reuses it in any language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from openpyxl.utils import get_column_letter

from app.core.books.journal import JournalEntry, JournalLine
from app.core.excel.columns import OPTIONAL_LINE_FIELDS, field_label
from app.core.excel.error_report import columns_of_fields
from app.core.excel.problem_column import is_problem_header, problem_header
from app.core.excel.reader import ImportResult, WorkbookError, read_rows
from app.core.excel.template import TEMPLATE_COLUMNS, TEMPLATE_HEADERS
from app.core.excel.writing import (
    AMOUNT_FORMAT,
    DATE_FORMAT,
    NUMBER_FORMAT,
    TEXT_FORMAT,
    formatted_cells,
    padded,
    used_width,
    width_for,
    write_only_cell,
)
from app.core.i18n import Text, tr
from app.posting.outbox.ledger import OutboxEntry
from app.posting.report.style import header_cells, problem_cell
from app.posting.report.words import ReportLanguage, problem_text

if TYPE_CHECKING:  # the sheet class of a write-only workbook, named only for its type
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# The optional fields the failed sheet keeps when any failed entry uses them.
OPTIONAL_FIELDS = ("branch", *OPTIONAL_LINE_FIELDS)


def write_failed(
    sheet: WriteOnlyWorksheet,
    failed: list[OutboxEntry],
    source: ImportResult | None,
    say: ReportLanguage,
) -> Text:
    """Write the failed entries; returns the layout used, as said on the summary sheet."""
    if source is not None:
        copied = _source_rows(source, failed)
        if copied is not None:
            _write_source_layout(sheet, source, failed, *copied, say)
            return tr(
                "baris asli dari {f}, sheet {s}",
                f=source.path.name,
                s=source.sheet,
            )
    _write_template_layout(sheet, failed, say)
    return tr("susunan kolom template")


def _source_rows(
    source: ImportResult, failed: list[OutboxEntry]
) -> tuple[list[list[object]], dict[str, list[int]]] | None:
    """The source sheet's rows and each failed entry's row numbers, or None when the source
    cannot be read any more (moved, changed) or does not hold every failed entry."""
    try:
        _, rows = read_rows(source.path, source.sheet)
    except WorkbookError:
        return None
    rows_of = {
        entry.reference: [line.row for line in entry.lines if line.row is not None]
        for entry in source.entries
    }
    wanted = {}
    for row in failed:
        numbers = rows_of.get(row.reference)
        if not numbers or max(numbers) > len(rows) or min(numbers) <= source.header_row:
            return None
        wanted[row.reference] = numbers
    return rows, wanted


def _write_source_layout(
    sheet: WriteOnlyWorksheet,
    source: ImportResult,
    failed: list[OutboxEntry],
    rows: list[list[object]],
    rows_of: dict[str, list[int]],
    say: ReportLanguage,
) -> None:
    """The user's title rows and header row, then the failed entries' rows in sheet order,
    each entry's first row carrying the problem."""
    header_index = source.header_row - 1
    headers = list(rows[header_index])
    width = used_width(rows[: source.header_row], len(source.headers))
    earlier = [i for i, header in enumerate(headers[:width]) if is_problem_header(header)]
    if earlier:
        problem_column = earlier[0]  # an earlier report's column (in any language), reused
        width = problem_column
    else:
        problem_column = width
    columns = columns_of_fields(source)
    amount_columns = {c for f in ("debit", "credit", "amount") if (c := columns.get(f)) is not None}
    date_column = columns.get("date")
    for index, header in enumerate(padded(headers, width)):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width_for(header)
    sheet.column_dimensions[get_column_letter(problem_column + 1)].width = 70
    sheet.freeze_panes = f"A{source.header_row + 1}"
    for values in rows[:header_index]:
        sheet.append(formatted_cells(sheet, padded(values, width), amount_columns, date_column))
    sheet.append(header_cells(sheet, [*padded(headers, width), problem_header(say.language)]))
    problems = {row.reference: problem_text(row, say) for row in failed}
    first_rows = {min(numbers): reference for reference, numbers in rows_of.items()}
    for number in sorted(n for numbers in rows_of.values() for n in numbers):
        values = padded(rows[number - 1], width)
        cells = formatted_cells(sheet, values, amount_columns, date_column)
        if number in first_rows:
            cells.append(problem_cell(sheet, problems[first_rows[number]]))
        sheet.append(cells)


def _write_template_layout(
    sheet: WriteOnlyWorksheet, failed: list[OutboxEntry], say: ReportLanguage
) -> None:
    """The failed entries from the outbox, one row per line, in the template's columns, plus
    the optional columns any of them uses (so branch, party, rate ... survive a re-import)."""
    entries = [row.entry() for row in failed]
    optional = _optional_fields_used(entries)
    widths = [width for _, _, width in TEMPLATE_COLUMNS] + [15] * len(optional)
    for index, width in enumerate([*widths, 70], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    headers = [
        *TEMPLATE_HEADERS,
        *(field_label(name).id for name in optional),
        problem_header(say.language),
    ]
    sheet.append(header_cells(sheet, headers))
    for row, entry in zip(failed, entries, strict=True):
        for number, values in enumerate(_template_values(entry, optional)):
            cells = [write_only_cell(sheet, value) for value in values]
            cells[0].number_format = DATE_FORMAT
            cells[3].number_format = TEXT_FORMAT
            cells[4].number_format = cells[5].number_format = AMOUNT_FORMAT
            for offset, name in enumerate(optional, start=len(TEMPLATE_COLUMNS)):
                if name in ("rate", "prime_amount"):
                    cells[offset].number_format = NUMBER_FORMAT
            if number == 0:
                cells.append(problem_cell(sheet, problem_text(row, say)))
            sheet.append(cells)


def _optional_fields_used(entries: Sequence[JournalEntry]) -> list[str]:
    return [name for name in OPTIONAL_FIELDS if any(_optional_value(entry, line, name)
            is not None for entry in entries for line in entry.lines)]  # fmt: skip


def _optional_value(entry: JournalEntry, line: JournalLine, name: str) -> object:
    if name == "branch":
        return entry.branch or None
    if name.startswith("classification"):
        index = int(name.removeprefix("classification")) - 1
        return (line.classifications[index] or None) if index < len(line.classifications) else None
    value = getattr(line, name)
    return value if value not in ("", None) else None


def _template_values(entry: JournalEntry, optional: Sequence[str] = ()) -> list[tuple[object, ...]]:
    values = []
    for line in entry.lines:
        # One side per row, as the template asks; a line with neither keeps a 0 debit.
        debit = line.debit if line.debit or not line.credit else None
        credit = line.credit if line.credit else None
        core = (entry.date, entry.reference, entry.description, line.account, debit, credit,
                line.memo or None, line.department or None, line.project or None)  # fmt: skip
        values.append(core + tuple(_optional_value(entry, line, name) for name in optional))
    return values
