"""The ready-to-fill template workbook: the journal sheet with the column titles the reader
recognises (the optional ones to the right, with grey titles and a note saying what each
holds), two example entries, and an instructions sheet with a column per language."""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.core.excel.columns import HEADER_TITLES, field_label
from app.core.excel.writing import (
    AMOUNT_FORMAT,
    BOLD,
    DATE_FORMAT,
    HEADER_FILL,
    TEXT_FORMAT,
    WRAP,
    save_workbook,
)
from app.core.i18n import Text, languages, tr
from app.core.i18n.names import language_name

if TYPE_CHECKING:  # the sheet class of a write-only workbook, named only for its type
    pass

TEMPLATE_SHEET = "Jurnal"
INSTRUCTIONS_SHEET = "Petunjuk"
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
_OPTIONAL_FONT = Font(bold=True, italic=True, color="6B7280")
_OPTIONAL_FILL = PatternFill("solid", start_color="EDEFF2")


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
        cell.font, cell.fill = BOLD, HEADER_FILL
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
        cell.font, cell.fill = BOLD, HEADER_FILL
    for line in INSTRUCTIONS:
        if line is None:
            sheet.append(tuple(None for _ in codes))
        else:
            level, text = line
            sheet.append(tuple("  " * level + text.get(code) for code in codes))
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP
    for cell in sheet[2]:
        cell.font = BOLD
    for index in range(1, len(codes) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 70
