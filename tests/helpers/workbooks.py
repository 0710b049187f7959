"""Real workbooks for tests and benchmarks: .xlsx/.xlsm (openpyxl), .xls (xlwt), .ods (odfpy).

Rows are lists of cell values: str, int, float, date/datetime, None (blank), a string starting
with "=" (a formula; openpyxl saves it without a cached value, as a file never opened in Excel),
or `Styled(value, number_format)` for a value shown with a number format (e.g. a date serial).
"""

from __future__ import annotations

import random
import shutil
import struct
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

Cell = object
Rows = Sequence[Sequence[Cell]]


@dataclass(frozen=True)
class Styled:
    """A cell value with an Excel number format, such as a serial shown as a date."""

    value: object
    number_format: str


def write_workbook(
    path: Path | str,
    sheets: Mapping[str, Rows] | Rows,
    *,
    merged: Mapping[str, Iterable[str]] | None = None,
) -> Path:
    """Write `sheets` ({name: rows}, or just rows for one sheet "Jurnal") in the format its
    suffix names. `merged` lists ranges per sheet ("C2:C4"), honoured for .xlsx/.xlsm/.xls."""
    path = Path(path)
    if not isinstance(sheets, Mapping):
        sheets = {"Jurnal": sheets}
    merged = merged or {}
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        _write_openpyxl(path, sheets, merged)
        if suffix == ".xlsm":
            _mark_macro_enabled(path)
    elif suffix == ".xls":
        _write_xlwt(path, sheets, merged)
    elif suffix == ".ods":
        _write_ods(path, sheets)
    else:
        raise ValueError(f"no writer for {suffix}")
    return path


def _write_openpyxl(path: Path, sheets: Mapping[str, Rows], merged: Mapping) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = sheet.cell(row=r, column=c)
                if isinstance(value, Styled):
                    cell.value, cell.number_format = value.value, value.number_format
                else:
                    cell.value = value
                    if isinstance(value, date | datetime):
                        cell.number_format = "dd/mm/yyyy"
        for cell_range in merged.get(name, ()):
            sheet.merge_cells(cell_range)
    workbook.save(path)
    workbook.close()


def _mark_macro_enabled(path: Path) -> None:
    """Give the package the content type Excel writes for .xlsm (openpyxl writes .xlsx's)."""
    temp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                )
            out.writestr(item, data)
    shutil.move(temp, path)


def _write_xlwt(path: Path, sheets: Mapping[str, Rows], merged: Mapping) -> None:
    import xlwt

    workbook = xlwt.Workbook()
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    styles: dict[str, object] = {}
    for name, rows in sheets.items():
        sheet = workbook.add_sheet(name)
        spans = [_range_bounds(text) for text in merged.get(name, ())]
        covered = {
            (r, c)
            for (r1, c1, r2, c2) in spans
            for r in range(r1, r2 + 1)
            for c in range(c1, c2 + 1)
        }
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None or (r, c) in covered:
                    continue
                if isinstance(value, Styled):
                    style = styles.setdefault(
                        value.number_format, xlwt.easyxf(num_format_str=value.number_format)
                    )
                    sheet.write(r, c, value.value, style)
                elif isinstance(value, date | datetime):
                    sheet.write(r, c, value, date_style)
                else:
                    sheet.write(r, c, value)
        for r1, c1, r2, c2 in spans:
            top_left = rows[r1][c1] if c1 < len(rows[r1]) else None
            sheet.write_merge(r1, r2, c1, c2, top_left)
    workbook.save(str(path))


def _range_bounds(text: str) -> tuple[int, int, int, int]:
    """'C2:C4' -> 0-based (row1, col1, row2, col2)."""
    from openpyxl.utils.cell import range_boundaries

    c1, r1, c2, r2 = range_boundaries(text)
    return r1 - 1, c1 - 1, r2 - 1, c2 - 1


def _write_ods(path: Path, sheets: Mapping[str, Rows]) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    for name, rows in sheets.items():
        table = Table(name=name)
        for row in rows:
            table_row = TableRow()
            for value in row:
                table_row.addElement(_ods_cell(value, TableCell, P))
            table.addElement(table_row)
        document.spreadsheet.addElement(table)
    document.save(str(path))


def _ods_cell(value: object, table_cell, paragraph):
    if isinstance(value, Styled):
        value = value.value
    if value is None:
        return table_cell()
    if isinstance(value, bool):
        return table_cell(valuetype="boolean", booleanvalue=str(value).lower())
    if isinstance(value, int | float):
        cell = table_cell(valuetype="float", value=value)
        cell.addElement(paragraph(text=str(value)))
        return cell
    if isinstance(value, date | datetime):
        day = value.date() if isinstance(value, datetime) else value
        cell = table_cell(valuetype="date", datevalue=day.isoformat())
        cell.addElement(paragraph(text=day.strftime("%d/%m/%Y")))
        return cell
    cell = table_cell(valuetype="string")
    cell.addElement(paragraph(text=str(value)))
    return cell


# --- a password-protected workbook --------------------------------------------------------

_SECTOR = 512
_FREE, _END, _FAT_SECTOR, _NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def write_encrypted_workbook(path: Path | str) -> Path:
    """Write what Excel saves for a workbook with an open password: an OLE compound file
    (not a zip) holding the streams EncryptionInfo and EncryptedPackage."""
    info = b"\x04\x00\x04\x00\x40\x00\x00\x00" + b'<?xml version="1.0"?><encryption/>'
    streams = [("EncryptionInfo", info), ("EncryptedPackage", bytes(range(256)) * 2)]
    # Streams of at least 4096 bytes live in ordinary sectors (no mini stream to write).
    streams = [(name, data.ljust(4096, b"\0")) for name, data in streams]
    fat = [_FAT_SECTOR, _END]  # sector 0: the FAT itself, sector 1: the directory
    starts = []
    for _, data in streams:
        count = len(data) // _SECTOR
        first = len(fat)
        starts.append(first)
        fat.extend(first + i + 1 for i in range(count - 1))
        fat.append(_END)
    fat.extend([_FREE] * (_SECTOR // 4 - len(fat)))
    directory = _dir_entry("Root Entry", 5, child=1, start=_END, size=0)
    directory += _dir_entry(streams[0][0], 2, right=2, start=starts[0], size=len(streams[0][1]))
    directory += _dir_entry(streams[1][0], 2, start=starts[1], size=len(streams[1][1]))
    directory += b"\0" * 64 + struct.pack("<H", 0) + b"\0\0" + struct.pack("<3I", *[_NO_STREAM] * 3)
    directory = directory.ljust(_SECTOR, b"\0")
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
    header += struct.pack("<109I", 0, *[_FREE] * 108)
    body = struct.pack(f"<{len(fat)}I", *fat) + directory + b"".join(d for _, d in streams)
    path = Path(path)
    path.write_bytes(header + body)
    return path


def _dir_entry(
    name: str, kind: int, *, child: int = _NO_STREAM, right: int = _NO_STREAM, start: int, size: int
) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", _NO_STREAM, right, child)
        + b"\0" * 16  # class id
        + b"\0" * 4  # state bits
        + b"\0" * 16  # creation and modification times
        + struct.pack("<IQ", start, size)
    )


# --- a big journal for benchmarks ---------------------------------------------------------

BIG_HEADER = ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit", "Keterangan"]


def big_journal_rows(entries: int, lines_per_entry: int = 4, seed: int = 7) -> list[list[Cell]]:
    """A header and `entries` balanced entries of `lines_per_entry` lines, like a month's
    worth of a busy company's vouchers: real date cells, numeric account codes, amounts with
    cents, a description only on each entry's first line."""
    rng = random.Random(seed)
    accounts = [1100 + 10 * i for i in range(40)]
    start = date(2026, 1, 1)
    rows: list[list[Cell]] = [list(BIG_HEADER)]
    for number in range(1, entries + 1):
        day = start + timedelta(days=number % 28)
        reference = f"JV-{number:06d}"
        debits = [rng.randint(1_000, 50_000_000) / 100 for _ in range(lines_per_entry - 1)]
        total = round(sum(debits), 2)
        for index, amount in enumerate(debits):
            description = f"Transaksi {number}" if index == 0 else None
            rows.append(
                [day, reference, description, rng.choice(accounts), amount, None, f"baris {index}"]
            )
        rows.append([day, reference, None, rng.choice(accounts), None, total, "lawan"])
    return rows


def write_big_journal(path: Path | str, entries: int = 25_000, lines_per_entry: int = 4) -> Path:
    """A .xlsx of `entries` * `lines_per_entry` lines, written in openpyxl's streaming mode."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    path = Path(path)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Jurnal")
    rows = big_journal_rows(entries, lines_per_entry)
    sheet.append(rows[0])
    date_cells: dict[date, WriteOnlyCell] = {}
    for row in rows[1:]:
        day = row[0]
        if day not in date_cells:
            cell = WriteOnlyCell(sheet, value=day)
            cell.number_format = "dd/mm/yyyy"
            date_cells[day] = cell
        sheet.append([date_cells[day], *row[1:]])
    workbook.save(path)
    workbook.close()
    return path
