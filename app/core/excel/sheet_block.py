"""The block a reader builds for a sheet: from A1 to its farthest valued cell, and the
cells the file holds for it. Each kind of workbook is measured in its own module
(`xlsx_extent`, `ods_extent`, `xls_extent`); `sheet_extent` judges the result."""

from __future__ import annotations

from dataclasses import dataclass

MAX_COLUMNS = 16_384
MAX_ROWS = 1_048_576


@dataclass(frozen=True, slots=True)
class Extent:
    rows: int  # the farthest row (1-based) of the block the reader would build
    columns: int  # the farthest column (1-based)
    cells: int  # cells present in the sheet's file (0 when not counted)
    referenced: bool = True  # every cell names its place (r="B7"); else they must be placed

    @property
    def area(self) -> int:
        return self.rows * self.columns


def column_number(letters: bytes) -> int:
    """b"A" -> 1, b"XFD" -> 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def whole_number(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
