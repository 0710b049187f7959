"""Workbooks Jurnal Desk writes: the ready-to-fill template and the error report.

Both are made to be read back by `app.core.excel.reader`: the template's header row uses
the Indonesian column names the reader recognises (the optional ones to the right, with grey
titles and a note saying what each holds), and the error report keeps the user's
rows at their original row numbers, with one extra column ("Masalah / Problem") that maps
to no journal field, so the user fixes the highlighted cells and imports the same file again.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.core.books.journal import BALANCE, Problem
from app.core.books.money import ZERO
from app.core.error_text import os_reason
from app.core.excel.columns import HEADER_TITLES, field_label
from app.core.excel.reader import FIELDS, ImportResult, read_rows
from app.core.i18n import JurnalError, Text, languages, tr
from app.core.i18n.names import language_name

if TYPE_CHECKING:  # the sheet class of a write-only workbook, named only for its type
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

TEMPLATE_SHEET = "Jurnal"
INSTRUCTIONS_SHEET = "Petunjuk"
# Excel forbids "/" in sheet names, so the summary sheet uses a dash between the languages.
SUMMARY_SHEET = "Ringkasan - Summary"
PROBLEM_HEADER = "Masalah / Problem"

DATE_FORMAT = "dd/mm/yyyy"
AMOUNT_FORMAT = "#,##0.00"
NUMBER_FORMAT = "#,##0.00####"  # a rate or foreign amount: up to six decimals shown
TEXT_FORMAT = "@"

# (field, Indonesian header, column width) in the template's column order.
TEMPLATE_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("date", "Tanggal", 12),
    ("reference", "No. Bukti", 15),
    ("description", "Deskripsi", 42),
    ("account", "Kode Akun", 11),
    ("debit", "Debit", 16),
    ("credit", "Kredit", 16),
    ("memo", "Keterangan", 32),
    ("department", "Departemen", 14),
    ("project", "Proyek", 14),
)
TEMPLATE_HEADERS: tuple[str, ...] = tuple(header for _, header, _ in TEMPLATE_COLUMNS)
# The optional columns, right of the required ones with grey titles: empty in the examples
# (an import leaves them out of the grid until one holds a value). Classifications 2-10 are
# added the same way, by the user, when the company uses them.
OPTIONAL_TEMPLATE_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("branch", "Cabang", 14),
    ("customer", "Pelanggan", 13),
    ("vendor", "Pemasok", 13),
    ("employee", "Karyawan", 13),
    ("rate", "Kurs", 12),
    ("prime_amount", "Jumlah Valuta", 16),
    ("classification1", "Klasifikasi 1", 15),
)
OPTIONAL_TEMPLATE_HEADERS: tuple[str, ...] = tuple(h for _, h, _ in OPTIONAL_TEMPLATE_COLUMNS)
# The note on each grey title: what it is is told once, on the instructions sheet.
# The note on an optional column's title, in every language (the workbook is shared).
OPTIONAL_NOTE = tr("Kolom tidak wajib: lihat sheet Petunjuk.")

_SALE = "Penjualan tunai kepada Toko Sinar Jaya"
_ELECTRICITY = "Pembayaran listrik PLN kantor bulan Desember 2025"
# Two balanced entries a user recognises: a cash sale with 11% VAT, and paying electricity.
# Account codes follow Accurate's usual chart (1-10001 Kas, 4-40000 Pendapatan Penjualan ...).
TEMPLATE_EXAMPLE_ROWS: tuple[tuple[object, ...], ...] = (
    (date(2026, 1, 5), "JU-2026-0001", _SALE, "1-10001", Decimal("1665000"), None,
     "Kas diterima", "Penjualan", None),
    (date(2026, 1, 5), "JU-2026-0001", _SALE, "4-40000", None, Decimal("1500000"),
     "Penjualan barang dagangan", "Penjualan", None),
    (date(2026, 1, 5), "JU-2026-0001", _SALE, "2-20204", None, Decimal("165000"),
     "PPN Keluaran 11%", "Penjualan", None),
    (date(2026, 1, 7), "JU-2026-0002", _ELECTRICITY, "6-60005", Decimal("2350000"), None,
     "Tagihan listrik ID pelanggan 5301-2234-8871", "Umum", None),
    (date(2026, 1, 7), "JU-2026-0002", _ELECTRICITY, "1-10100", None, Decimal("2350000"),
     "Dibayar dari Bank BCA", "Umum", None),
)  # fmt: skip


# A line of the instructions sheet: how far it is indented, and its words; None a spacer.
InstructionLine = tuple[int, Text] | None


def header_instructions() -> tuple[InstructionLine, ...]:
    """The instructions' list of column titles read for each column (any sheet, not only
    this template: another program's export keeps its own titles)."""
    lines: list[InstructionLine] = [
        (0, tr("Judul kolom yang dikenali (huruf besar/kecil, spasi dan tanda baca diabaikan):"))
    ]
    for field, titles in HEADER_TITLES.items():
        # Translators: a field and the column titles read as it ("Tanggal, Date, Tgl").
        line = tr("{field}: {titles}", field=field_label(field), titles=", ".join(titles))
        lines.append((1, line))
    return tuple(lines)


# The lines of the instructions sheet, written once per language (a column each).
INSTRUCTIONS: tuple[InstructionLine, ...] = (
    (
        0,
        tr("Petunjuk pengisian"),
    ),
    None,
    (
        0,
        tr("Isi sheet 'Jurnal': satu baris untuk setiap baris jurnal (satu akun)."),
    ),
    (
        0,
        tr(
            "Baris dengan No. Bukti yang sama membentuk satu jurnal; total Debit harus sama "
            "dengan total Kredit."
        ),
    ),
    (
        0,
        tr("Tanggal: hari/bulan/tahun, misalnya 05/01/2026 atau 5 Januari 2026."),
    ),
    (
        0,
        tr(
            "Kode Akun: kode akun persis seperti di daftar akun Accurate atau Sempoa (akun induk "
            "tidak bisa dipakai). Boleh juga kode dengan namanya, seperti biasa ditulis akuntan: "
            "110101 - Kas Kecil, 110101 – Kas Kecil, [110101] Kas Kecil, (110101) Kas Kecil, "
            "110101 | Kas Kecil, 110101 Kas Kecil; atau nama akun saja bila hanya satu akun "
            "bernama itu (huruf besar/kecil dan spasi diabaikan)."
        ),
    ),
    (
        0,
        tr(
            "Debit dan Kredit: isi salah satu saja di setiap baris, tanpa tanda minus; angka gaya"
            " Indonesia, misalnya 1.500.000,00."
        ),
    ),
    (
        0,
        tr("Deskripsi, Keterangan, Departemen dan Proyek boleh dikosongkan."),
    ),
    (
        0,
        tr("Kolom berjudul abu-abu tidak wajib; biarkan kosong atau hapus bila tidak dipakai:"),
    ),
    (
        1,
        tr(
            "Cabang: nama cabang tujuan jurnal, di baris pertama jurnal (satu jurnal, satu cabang)."
        ),
    ),
    (
        1,
        tr(
            "Pelanggan, Pemasok, Karyawan: nomor pihak untuk baris piutang atau utang; isi salah "
            "satu saja per baris."
        ),
    ),
    (
        1,
        tr(
            "Kurs dan Jumlah Valuta: untuk akun mata uang asing, isi keduanya (lebih dari nol, "
            "sampai 6 desimal); untuk akun rupiah kosongkan keduanya."
        ),
    ),
    (
        1,
        tr(
            "Klasifikasi 1: klasifikasi data perusahaan; tambah kolom Klasifikasi 2 sampai "
            "Klasifikasi 10 bila perlu."
        ),
    ),
    (
        0,
        tr("Hapus dua contoh jurnal (JU-2026-0001 dan JU-2026-0002) sebelum mengimpor."),
    ),
    (
        0,
        tr(
            "Jangan ubah judul kolom di baris 1; kolom lain dengan judul yang tidak dikenal "
            "diabaikan."
        ),
    ),
    None,
    (
        0,
        tr("Periksa berkas tanpa memposting: jurnal-desk validate NAMA_BERKAS.xlsx"),
    ),
    None,
    None,
    *header_instructions(),
)

_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
_OPTIONAL_FONT = Font(bold=True, italic=True, color="6B7280")
_OPTIONAL_FILL = PatternFill("solid", start_color="EDEFF2")
_PROBLEM_FILL = PatternFill("solid", start_color="FFC7CE")
_PROBLEM_NOTE_FILL = PatternFill("solid", start_color="FFF2CC")
_WRAP = Alignment(wrap_text=True, vertical="top")
_INVALID_SHEET_CHARS = re.compile(r"[\\/?*\[\]:]")
# Values read_rows may return that openpyxl writes as they are; anything else becomes text.
_PLAIN_VALUES = (str, int, float, Decimal, date, datetime, time, timedelta, bool)


class WorkbookWriteError(JurnalError):
    """The workbook could not be saved where the user asked."""


def write_template(path: str | os.PathLike[str]) -> Path:
    """Write the ready-to-fill template workbook to `path` (replacing it) and return the path."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = TEMPLATE_SHEET
    _fill_template_sheet(sheet)
    _fill_instructions_sheet(workbook.create_sheet(INSTRUCTIONS_SHEET))
    return save_workbook(workbook, Path(path))


def _fill_template_sheet(sheet: Worksheet) -> None:
    sheet.append((*TEMPLATE_HEADERS, *OPTIONAL_TEMPLATE_HEADERS))
    for cell in sheet[1][: len(TEMPLATE_HEADERS)]:
        cell.font, cell.fill = _BOLD, _HEADER_FILL
    note = "\n\n".join(OPTIONAL_NOTE.get(code) for code in languages())
    for cell in sheet[1][len(TEMPLATE_HEADERS) :]:
        cell.font, cell.fill = _OPTIONAL_FONT, _OPTIONAL_FILL
        cell.comment = Comment(note, "Jurnal Desk", 90, 240)
    for values in TEMPLATE_EXAMPLE_ROWS:
        sheet.append(values)
    formats = {"date": DATE_FORMAT, "debit": AMOUNT_FORMAT, "credit": AMOUNT_FORMAT}
    formats["account"] = TEXT_FORMAT  # codes such as 0101 keep their leading zero
    for index, (field, _, width) in enumerate(
        (*TEMPLATE_COLUMNS, *OPTIONAL_TEMPLATE_COLUMNS), start=1
    ):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        if field in formats:
            for row in range(2, len(TEMPLATE_EXAMPLE_ROWS) + 2):
                sheet[f"{letter}{row}"].number_format = formats[field]
    sheet.freeze_panes = "A2"


def _fill_instructions_sheet(sheet: Worksheet) -> None:
    """One column per language, each headed by the language's name in itself."""
    codes = languages()
    sheet.append(tuple(language_name(code) for code in codes))
    for cell in sheet[1]:
        cell.font, cell.fill = _BOLD, _HEADER_FILL
    for line in INSTRUCTIONS:
        if line is None:
            sheet.append(tuple(None for _ in codes))
        else:
            level, text = line
            sheet.append(tuple("  " * level + text.get(code) for code in codes))
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = _WRAP
    for cell in sheet[2]:
        cell.font = _BOLD
    for index in range(1, len(codes) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 70


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
                cell.font = _BOLD
        elif problems:
            note = write_only_cell(sheet, "\n".join(_problem_note(problem) for problem in problems))
            note.fill, note.alignment = _PROBLEM_NOTE_FILL, _WRAP
            cells.append(note)
        sheet.append(cells)


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
        cell.font, cell.fill = _BOLD, _HEADER_FILL
    sheet.append(header_cells)
    for problem in result.problems:
        values = (problem.row, problem.column or None, problem.reference or None)
        texts = (problem.text.id, problem.text.en)
        cells = [write_only_cell(sheet, value) for value in values]
        for text in texts:
            cell = write_only_cell(sheet, text)
            cell.alignment = _WRAP
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


def write_only_cell(sheet: WriteOnlyWorksheet, value: object) -> WriteOnlyCell:
    if value is not None and not isinstance(value, _PLAIN_VALUES):
        value = str(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # the user's text, never a formula
    return cell


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


def _sheet_title(name: str) -> str:
    cleaned = _INVALID_SHEET_CHARS.sub("-", name).strip("'")[:31]
    if not cleaned or cleaned == SUMMARY_SHEET:
        return "Jurnal"
    return cleaned


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


__all__ = [
    "AMOUNT_FORMAT",
    "DATE_FORMAT",
    "INSTRUCTIONS_SHEET",
    "NUMBER_FORMAT",
    "OPTIONAL_TEMPLATE_HEADERS",
    "PROBLEM_HEADER",
    "SUMMARY_SHEET",
    "TEMPLATE_HEADERS",
    "TEMPLATE_SHEET",
    "WorkbookWriteError",
    "write_error_report",
    "write_template",
]
