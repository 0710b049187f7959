"""The journal grid saved as a workbook ("Simpan sebagai Excel…"), in the template's layout.

One row per journal line under the template's headers (Tanggal, No. Bukti, Deskripsi, Kode
Akun, Debit, Kredit, Keterangan, Departemen, Proyek), then the optional columns some line
uses, so that `app.core.excel.reader.read_workbook` reads the same entries back:

- the date, reference and description on every line of an entry, as the template has them;
- amounts as numbers when a float holds them exactly (Excel sums them), otherwise (a fraction
  of a cent, or more digits than a float keeps) as Indonesian-style text, which the reader
  takes exactly; account codes as text (0101 keeps its zero);
- a cell that held text which could not be read gets that text back, so the re-import marks
  the same cell with the same problem and nothing typed is lost.

Entries next to each other that share a reference (or where the second has none, on the
first's date or on none) would be read back as one entry (the reader's grouping rule,
app.core.excel.sheet_reader). Nothing in a workbook can keep them apart (a blank row does not), so
such a grid is not written: `EntriesWouldMerge` names the pairs and says what to change, and
the grid (and its draft) stays as it is.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from app.core.books.dates import format_date
from app.core.books.journal import JournalEntry, JournalLine
from app.core.books.number_style import CENT, format_amount
from app.core.excel.columns import field_label
from app.core.excel.optional_fields import OPTIONAL_FIELDS, format_number
from app.core.excel.sheet_reader import continues_entry  # the one grouping rule
from app.core.excel.template import TEMPLATE_COLUMNS, TEMPLATE_HEADERS, TEMPLATE_SHEET
from app.core.excel.writing import (
    AMOUNT_FORMAT,
    DATE_FORMAT,
    NUMBER_FORMAT,
    TEXT_FORMAT,
    WorkbookWriteError,
    save_workbook,
    write_only_cell,
)
from app.core.i18n import Text, tr
from app.core.i18n.lists import listed_apart

if TYPE_CHECKING:  # the sheet class of a write-only workbook, named only for its type
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# (line index in the grid, field) -> the text the cell held that could not be read
TypedCells = Mapping[tuple[int, str], str]

_FLOAT_LIMIT = Decimal(10) ** 13  # below it a float keeps every cent (15 significant digits)
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
_OPTIONAL_FONT = Font(bold=True, italic=True, color="6B7280")
_OPTIONAL_FILL = PatternFill("solid", start_color="EDEFF2")
_FORMATS = {"date": DATE_FORMAT, "account": TEXT_FORMAT, "debit": AMOUNT_FORMAT}
_FORMATS |= {"credit": AMOUNT_FORMAT, "rate": NUMBER_FORMAT, "prime_amount": NUMBER_FORMAT}
_BASE_FIELDS = tuple(name for name, _, _ in TEMPLATE_COLUMNS)
_NAMED = 5  # pairs named in the message; the rest are counted


@dataclass(frozen=True)
class MergingPair:
    """Two neighbouring entries a re-import would read as one (lines counted from 0)."""

    first_line: int
    second_line: int
    reference: str
    day: date | None


class EntriesWouldMerge(WorkbookWriteError):
    """Saving would give a workbook that imports to fewer entries than the grid holds."""

    def __init__(self, pairs: Sequence[MergingPair]) -> None:
        super().__init__(merging_text(pairs))
        self.pairs = list(pairs)


def write_entries(
    path: str | os.PathLike[str],
    entries: Sequence[JournalEntry],
    typed: TypedCells | None = None,
) -> Path:
    """Write `entries` to `path` (replacing it, atomically) and return the path."""
    target = Path(path)
    if not target.parent.is_dir():  # before openpyxl starts writing the rows out
        raise WorkbookWriteError(_no_folder_text(target))
    typed = typed or {}
    pairs = merging_neighbours(entries, typed)
    if pairs:
        raise EntriesWouldMerge(pairs)
    optional = optional_fields_used(entries, typed)
    fields = (*_BASE_FIELDS, *optional)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(TEMPLATE_SHEET)
    widths = [width for _, _, width in TEMPLATE_COLUMNS] + [15] * len(optional)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append(_header_cells(sheet, optional))
    number = 0
    for entry in entries:
        for line in entry.lines:
            values = [_value(entry, line, name, typed.get((number, name))) for name in fields]
            sheet.append(
                [_cell(sheet, name, value) for name, value in zip(fields, values, strict=True)]
            )
            number += 1
    return save_workbook(workbook, target)


def merging_neighbours(
    entries: Sequence[JournalEntry], typed: TypedCells | None = None
) -> list[MergingPair]:
    """The neighbouring entries that the workbook's reader would take as one entry: the second
    continues the first by the reader's rule, on the date the reader will see (none when the
    date cell holds text that cannot be read)."""
    typed = typed or {}
    pairs: list[MergingPair] = []
    line = 0
    previous: JournalEntry | None = None
    previous_line = 0
    for entry in entries:
        if not entry.lines:
            continue
        day = None if (line, "date") in typed else entry.date
        if previous is not None and continues_entry(previous, entry.reference, day):
            pairs.append(MergingPair(previous_line, line, entry.reference, day))
        previous, previous_line = entry, line
        line += len(entry.lines)
    return pairs


def merging_text(pairs: Sequence[MergingPair]) -> Text:
    """Why the grid was not saved, naming the pairs (table lines counted from 1)."""
    named = [_pair_text(pair) for pair in pairs[:_NAMED]]
    listed = listed_apart(named)
    more = len(pairs) - len(named)
    if more:
        listed += tr("dan {n} pasang lagi", n=more)
    return tr(
        "Tidak disimpan: jurnal yang bersebelahan ini akan terbaca sebagai satu jurnal saat "
        "berkasnya diimpor lagi ({pairs}). Beri salah satu jurnal tiap pasang No. Bukti lain "
        "(atau tanggal lain bila keduanya tanpa No. Bukti), lalu simpan lagi. Tabel dan drafnya "
        "tidak berubah.",
        pairs=listed,
    )


def _pair_text(pair: MergingPair) -> Text:
    first, second = pair.first_line + 1, pair.second_line + 1
    if pair.reference:
        return tr(
            "No. Bukti {ref} di baris {a} dan {b}",
            ref=pair.reference,
            a=first,
            b=second,
        )
    day = format_date(pair.day) if pair.day is not None else "—"
    return tr(
        "tanpa No. Bukti, tanggal {d}, di baris {a} dan {b}",
        d=day,
        a=first,
        b=second,
    )


def optional_fields_used(entries: Sequence[JournalEntry], typed: TypedCells) -> list[str]:
    """The optional fields some line (or entry, for the branch) fills, in the template's order."""
    used = {name for _, name in typed if name in OPTIONAL_FIELDS}
    for entry in entries:
        if entry.branch:
            used.add("branch")
        for line in entry.lines:
            used.update(name for name in ("customer", "vendor", "employee") if getattr(line, name))
            used.update(
                name for name in ("rate", "prime_amount") if getattr(line, name) is not None
            )
            used.update(
                f"classification{n}" for n, value in enumerate(line.classifications, 1) if value
            )
    return [name for name in OPTIONAL_FIELDS if name in used]


def _header_cells(sheet: WriteOnlyWorksheet, optional: Sequence[str]) -> list[WriteOnlyCell]:
    cells = []
    for header in TEMPLATE_HEADERS:
        cell = write_only_cell(sheet, header)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cells.append(cell)
    for name in optional:
        cell = write_only_cell(sheet, field_label(name).id)
        cell.font, cell.fill = _OPTIONAL_FONT, _OPTIONAL_FILL
        cells.append(cell)
    return cells


def _value(entry: JournalEntry, line: JournalLine, name: str, typed: str | None) -> object:
    if typed is not None:
        return typed  # what the cell held: the re-import marks it again
    if name in ("date", "reference", "description", "branch"):
        return getattr(entry, name) or None
    if name in ("debit", "credit"):
        amount: Decimal = getattr(line, name)
        return _amount(amount) if amount else None
    if name in ("rate", "prime_amount"):
        number = getattr(line, name)
        return None if number is None else _number(number)
    if name.startswith("classification"):
        position = int(name.removeprefix("classification")) - 1
        values = line.classifications
        return (values[position] or None) if position < len(values) else None
    return getattr(line, name) or None


def _amount(amount: Decimal) -> Decimal | str:
    """A number when the reader's float gives back this very amount; exact text otherwise."""
    if amount == amount.quantize(CENT) and abs(amount) < _FLOAT_LIMIT:
        return amount
    return format_amount(amount)


def _number(value: Decimal) -> Decimal | str:
    """A rate or foreign amount: a number when 15 significant digits hold it (what the reader
    takes of a float), else exact text."""
    if Decimal(format(float(value), ".15g")) == value:
        return value
    return format_number(value)


def _cell(sheet: WriteOnlyWorksheet, name: str, value: object) -> WriteOnlyCell:
    cell = write_only_cell(sheet, value)
    if name == "account" or (isinstance(value, str) and name in _FORMATS):
        cell.number_format = TEXT_FORMAT
    elif value is not None and name in _FORMATS:
        cell.number_format = _FORMATS[name]
    return cell


def _no_folder_text(path: Path) -> Text:
    return tr(
        "Tidak bisa menyimpan {p}: foldernya tidak ada. Pilih folder lain.",
        p=path,
    )


__all__ = [
    "EntriesWouldMerge",
    "MergingPair",
    "TypedCells",
    "merging_neighbours",
    "merging_text",
    "optional_fields_used",
    "write_entries",
]
