"""A CSV file read as a workbook of one sheet, so it is imported exactly like Excel: the
same header search, column mapping, number style and checks (`excel_reader`).

Excel saves CSV in the computer's list separator and code page: an Indonesian Windows writes
`Tanggal;No. Bukti;…` with `1.500.000,00`, an English one `Tanggal,No. Bukti,…`, both in
Windows-1252 ("CSV (Comma delimited)") or UTF-8 with a byte-order mark ("CSV UTF-8"). So the
separator (`;`, `,` or tab, or Excel's own `sep=;` first line) and the encoding (UTF-8 with
or without the mark, UTF-16, else Windows-1252) are found from the file itself. Every cell is
text, as typed: account codes keep their leading zeros, and amounts and dates are read by
the same rules as a text cell in a workbook. The sheet is named after the file, as Excel
names it when it opens a CSV.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path
from typing import Final

import python_calamine

from app.core.excel.cell_values import CellValue
from app.core.i18n import JurnalError, tr

CSV_SUFFIXES: Final = frozenset({".csv"})
MAX_CSV_BYTES: Final = 256 * 1024 * 1024  # far beyond the 1,048,576 rows Excel can save
_SEPARATORS: Final = (";", ",", "\t")
_SNIFF_LINES: Final = 30  # title rows may sit above the header
_SHEET_NAME_LENGTH: Final = 31  # Excel's limit


class CsvError(JurnalError):
    """The CSV file cannot be used at all (too large to be a journal)."""


class CsvSheet:
    """The rows of a CSV file in the shape a calamine sheet gives them: every row as wide as
    the widest, blank cells as ""."""

    def __init__(self, rows: list[list[CellValue]]) -> None:
        self._rows = rows
        self.merged_cell_ranges: list[tuple[tuple[int, int], tuple[int, int]]] = []  # none

    def to_python(
        self, skip_empty_area: bool = False, nrows: int | None = None
    ) -> list[list[CellValue]]:
        return self._rows if nrows is None else [list(row) for row in self._rows[:nrows]]


class CsvWorkbook:
    """One sheet, named after the file; used like a calamine workbook (also in `with`)."""

    def __init__(self, name: str, sheet: CsvSheet) -> None:
        self.sheet_names = [name]
        # No chart or macro sheets to leave out.
        self.sheets_metadata: list[python_calamine.SheetMetadata] = []
        self._sheet = sheet

    def get_sheet_by_name(self, name: str) -> CsvSheet:
        if name not in self.sheet_names:
            raise KeyError(name)
        return self._sheet

    def __enter__(self) -> CsvWorkbook:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None


def is_csv(path: Path) -> bool:
    return path.suffix.lower() in CSV_SUFFIXES


def read_csv_workbook(path: Path) -> CsvWorkbook:
    """The file as a one-sheet workbook. Raises OSError as reading any file does."""
    if path.stat().st_size > MAX_CSV_BYTES:
        raise CsvError(
            tr(
                "Berkas {p} terlalu besar untuk sebuah jurnal (lebih dari {mb} MB).",
                p=path.name,
                mb=MAX_CSV_BYTES // (1024 * 1024),
            )
        )
    text = decode(path.read_bytes())
    rows = csv_rows(text)
    return CsvWorkbook(path.stem[:_SHEET_NAME_LENGTH] or "CSV", CsvSheet(rows))


def decode(data: bytes) -> str:
    """UTF-8 (with or without Excel's byte-order mark), UTF-16 with its mark, else the
    Windows code page Excel's "CSV (Comma delimited)" writes in."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def csv_rows(text: str) -> list[list[CellValue]]:
    """The cells, split on the separator the file uses, padded to one width."""
    lines = text.splitlines(keepends=True)
    separator = None
    if lines and lines[0].strip().lower().startswith("sep=") and len(lines[0].strip()) == 5:
        separator, text = lines[0].strip()[4], "".join(lines[1:])  # Excel's hint line
    separator = separator or guess_separator(text)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    while records and not any(cell.strip() for cell in records[-1]):
        records.pop()  # blank lines at the end
    width = max((len(record) for record in records), default=0)
    return [[*record, *([""] * (width - len(record)))] for record in records]


def guess_separator(text: str) -> str:
    """The separator that splits the top lines into the most cells (the header row is the
    widest); a tie goes to `;`, Indonesian Excel's."""
    sample = "\n".join(text.splitlines()[:_SNIFF_LINES])

    def widest(separator: str) -> int:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=separator)
        return max((len(row) for row in reader), default=0)

    return max(_SEPARATORS, key=widest)
