"""How the posting report's cells look: bold headers on a light fill, problems on a yellow
one, long texts wrapped."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from app.core.excel.writing import write_only_cell

if TYPE_CHECKING:  # the sheet class of a write-only workbook, named only for its type
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
PROBLEM_FILL = PatternFill("solid", start_color="FFF2CC")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")


def header_cells(sheet: WriteOnlyWorksheet, headers: Sequence[object]) -> list[WriteOnlyCell]:
    cells = [write_only_cell(sheet, header) for header in headers]
    for cell in cells:
        cell.font, cell.fill = BOLD, HEADER_FILL
    return cells


def problem_cell(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    cell = write_only_cell(sheet, text)
    cell.fill, cell.alignment = PROBLEM_FILL, WRAP
    return cell
