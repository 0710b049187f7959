"""The plan's template (`jurnal-desk template --plan OUT`): its columns, two example rows and,
in a workbook, a sheet that explains each column. A .csv gets the columns and examples."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from app.core.excel.writing import save_workbook
from app.core.i18n import Text, languages, tr
from app.core.i18n.names import language_name
from app.firm.plan_rows import COLUMNS

PLAN_SHEET = "Rencana - Plan"
HELP_SHEET = "Petunjuk - Help"
EXAMPLE_ROWS: tuple[tuple[str, ...], ...] = (
    ("PT Maju Jaya", "maju-jaya/agustus.xlsx", "", "bulk", "Pusat", "01/08/2026", "31/08/2026"),
    ("CV Sumber Rejeki", "sumber-rejeki/agustus.xlsx", "Jurnal", "satu per satu", "", "", ""),
)
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


def plan_headers() -> list[str]:
    """The columns' titles in Indonesian and English, "Perusahaan / Company": a plan is read
    back by either half (app.firm.plan_rows)."""
    return [title.both() for title in COLUMNS.values()]


def write_plan_template(path: Path) -> Path:
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(plan_headers())
            writer.writerows(EXAMPLE_ROWS)
        return path
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = PLAN_SHEET
    sheet.append(plan_headers())
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", start_color="DDEBF7")
    for row in EXAMPLE_ROWS:
        sheet.append(list(row))
    for letter, width in zip("ABCDEFG", (28, 34, 12, 20, 16, 20, 20), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    help_sheet = workbook.create_sheet(HELP_SHEET)
    shown = languages()  # a column per language, each in its own words
    help_sheet.append([language_name(language) for language in shown])
    for text in HELP_ROWS:
        help_sheet.append([text.get(language) for language in shown])
    for row in help_sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index in range(len(shown)):
        help_sheet.column_dimensions[get_column_letter(index + 1)].width = 70
    return save_workbook(workbook, path)
