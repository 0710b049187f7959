"""What every workbook Jurnal Desk writes shares: number formats, header styles, the cells
of a write-only sheet (the user's text never read as a formula), column widths, and a save
through a temporary file so an interrupted save never leaves half a workbook."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill

from app.core.error_text import os_reason
from app.core.formatting import DATE_PATTERN
from app.core.i18n import JurnalError, tr

if TYPE_CHECKING:  # the sheet class of a write-only workbook, named only for its type
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

DATE_FORMAT = "dd/mm/yyyy"
AMOUNT_FORMAT = "#,##0.00"
NUMBER_FORMAT = "#,##0.00####"  # a rate or foreign amount: up to six decimals shown
TEXT_FORMAT = "@"
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
WRAP = Alignment(wrap_text=True, vertical="top")
# Values read_rows may return that openpyxl writes as they are; anything else becomes text.
_PLAIN_VALUES = (str, int, float, Decimal, date, datetime, time, timedelta, bool)


class WorkbookWriteError(JurnalError):
    """The workbook could not be saved where the user asked."""


def date_format(language: str) -> str:
    """The Excel format of a written workbook's date cells in `language`: its own numeric date
    (yyyy-mm-dd in Chinese), else dd/mm/yyyy. A pattern with month names keeps the numeric
    form, as Excel would write the names in its own language."""
    pattern = DATE_PATTERN.get(language)
    if "{mon}" in pattern:
        return DATE_FORMAT
    for name, code in (("{dd}", "dd"), ("{mm}", "mm"), ("{yyyy}", "yyyy")):
        pattern = pattern.replace(name, code)
    return pattern


def write_only_cell(sheet: WriteOnlyWorksheet, value: object) -> WriteOnlyCell:
    if value is not None and not isinstance(value, _PLAIN_VALUES):
        value = str(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # the user's text, never a formula
    return cell


def formatted_cells(
    sheet: WriteOnlyWorksheet,
    values: list[object],
    amount_columns: set[int],
    date_column: int | None,
    number_columns: set[int] | frozenset[int] = frozenset(),
) -> list[WriteOnlyCell]:
    """The user's values as cells, amounts and dates shown the Indonesian way; rates and
    foreign amounts (`number_columns`) with every decimal they have."""
    cells = [write_only_cell(sheet, value) for value in values]
    for column, cell in enumerate(cells):
        if column in amount_columns and _is_number(cell.value):
            cell.number_format = AMOUNT_FORMAT
        elif column in number_columns and _is_number(cell.value):
            cell.number_format = NUMBER_FORMAT
        elif column == date_column and isinstance(cell.value, date | datetime):
            cell.number_format = DATE_FORMAT
    return cells


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def used_width(rows: Sequence[Sequence[object]], header_width: int) -> int:
    """Columns up to the last non-blank cell of any row (blank trailing cells dropped)."""
    width = header_width
    for values in rows:
        for column in range(len(values) - 1, width - 1, -1):
            if not _is_blank(values[column]):
                width = column + 1
                break
    return width


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def padded(values: Sequence[object], width: int) -> list[object]:
    values = list(values[:width])
    return values + [None] * (width - len(values))


def width_for(header: object) -> float:
    text = "" if header is None else str(header)
    return min(max(len(text) + 4, 11), 40)


def save_workbook(workbook: Workbook, path: Path) -> Path:
    """Save through a temporary file so an interrupted save never leaves half a workbook."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        workbook.save(partial)
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise WorkbookWriteError(
            tr(
                "Tidak bisa menyimpan {p}: {e}. Tutup berkas itu jika sedang dibuka di Excel, "
                "atau pilih folder lain.",
                p=path,
                e=os_reason(error),
            )
        ) from None
    return path
