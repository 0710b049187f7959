"""The plan's template (`jurnal-desk template --plan OUT`): its columns, two example rows and,
in a workbook, a sheet that explains each column; all in one language, the one asked for (the
command's --lang). A .csv gets the columns and examples. `plan_rows` reads a plan back
whichever language its titles are in."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from app.core.excel.sheet_names import sheet_name
from app.core.excel.writing import DATE_FORMAT, save_workbook
from app.core.i18n import Text, ctr, current_language, tr
from app.firm.plan import BULK, ONE_BY_ONE
from app.firm.plan_rows import COLUMNS

# Translators: the plan template's sheets (31 characters at most; Excel refuses [ ] : * ? / \
# in a sheet name).
PLAN_SHEET = ctr("nama sheet", "Rencana")
HELP_SHEET = ctr("nama sheet", "Petunjuk")
# (company, workbook, sheet, mode, branch, from, to): the mode in the template's language.
EXAMPLE_ROWS: tuple[tuple[str, str, str, Text, str, date | None, date | None], ...] = (
    ("PT Maju Jaya", "maju-jaya/agustus.xlsx", "", BULK, "Pusat",
     date(2026, 8, 1), date(2026, 8, 31)),
    ("CV Sumber Rejeki", "sumber-rejeki/agustus.xlsx", "Jurnal", ONE_BY_ONE, "", None, None),
)  # fmt: skip
HELP_ROWS: tuple[Text, ...] = (
    tr("Satu baris per workbook. Perusahaan: nama profil tersimpan (jurnal-desk profile list)."),
    tr("Workbook: path berkas; path relatif dibaca dari folder rencana ini."),
    tr("Sheet: kosong = dideteksi otomatis."),
    tr("Cara kirim: bulk (sekaligus) atau satu per satu; kosong = pengaturan profil."),
    tr("Cabang (Accurate): kosong = cabang utama profil."),
    tr("Dari/Sampai tanggal: jurnal bertanggal di luar periode ini adalah masalah."),
    tr(
        "Tanpa rencana: folder berisi satu folder per perusahaan (namanya = nama profil), "
        "masing-masing berisi workbook-nya."
    ),
)
_WIDTHS = (28, 34, 12, 20, 16, 20, 20)


def plan_headers(language: str) -> list[str]:
    """The columns' titles in `language`: `plan_rows` reads them back in any language."""
    return [title.get(language) for title in COLUMNS.values()]


def example_rows(language: str) -> list[list[object]]:
    """The two examples, the mode written in `language`; dates as dates."""
    return [
        [word.get(language) if isinstance(word, Text) else word for word in row]
        for row in EXAMPLE_ROWS
    ]


def write_plan_template(path: Path, language: str | None = None) -> Path:
    """The template in `language`; None: the language Jurnal Desk is in now."""
    chosen = language or current_language()
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(plan_headers(chosen))
            writer.writerows(_csv_row(row) for row in example_rows(chosen))
        return path
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name(PLAN_SHEET, chosen)
    sheet.append(plan_headers(chosen))
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", start_color="DDEBF7")
    for row in example_rows(chosen):
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=2, min_col=6, max_col=7):
        for cell in cells:
            cell.number_format = DATE_FORMAT
    for letter, width in zip("ABCDEFG", _WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    help_sheet = workbook.create_sheet(sheet_name(HELP_SHEET, chosen))
    for text in HELP_ROWS:
        help_sheet.append([text.get(chosen)])
    for row in help_sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    help_sheet.column_dimensions["A"].width = 90
    return save_workbook(workbook, path)


def _csv_row(row: list[object]) -> list[object]:
    """A CSV has no dates: the day written as the plan reader reads it (dd/mm/yyyy)."""
    return [value.strftime("%d/%m/%Y") if isinstance(value, date) else value for value in row]
