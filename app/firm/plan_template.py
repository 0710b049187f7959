"""The plan's template (`jurnal-desk template --plan OUT`): its columns, two example rows and,
in a workbook, a sheet that explains each column. A .csv gets the columns and examples."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from app.core.excel.writer import save_workbook
from app.firm.plan_rows import COLUMNS

PLAN_SHEET = "Rencana - Plan"
HELP_SHEET = "Petunjuk - Help"
EXAMPLE_ROWS: tuple[tuple[str, ...], ...] = (
    ("PT Maju Jaya", "maju-jaya/agustus.xlsx", "", "bulk", "Pusat", "01/08/2026", "31/08/2026"),
    ("CV Sumber Rejeki", "sumber-rejeki/agustus.xlsx", "Jurnal", "satu per satu", "", "", ""),
)
HELP_ROWS: tuple[tuple[str, str], ...] = (
    (
        "Satu baris per workbook. Perusahaan: nama profil tersimpan (jurnal-desk profile list).",
        "One row per workbook. Company: a saved profile's name (jurnal-desk profile list).",
    ),
    (
        "Workbook: path berkas; path relatif dibaca dari folder rencana ini.",
        "Workbook: the file's path; a relative path is read from this plan's folder.",
    ),
    ("Sheet: kosong = dideteksi otomatis.", "Sheet: empty = detected."),
    (
        "Cara kirim: bulk (sekaligus) atau satu per satu; kosong = pengaturan profil.",
        "Mode: bulk or one by one; empty = the profile's setting.",
    ),
    (
        "Cabang (Accurate): kosong = cabang utama profil.",
        "Branch (Accurate): empty = the profile's default branch.",
    ),
    (
        "Dari/Sampai tanggal: jurnal bertanggal di luar periode ini adalah masalah.",
        "From/To date: entries dated outside this period are a problem.",
    ),
    (
        "Tanpa rencana: folder berisi satu folder per perusahaan (namanya = nama profil), "
        "masing-masing berisi workbook-nya.",
        "Without a plan: a folder holding one folder per company (named as its profile), "
        "each holding its workbooks.",
    ),
)


def plan_headers() -> list[str]:
    return [
        f"{title.id} / {title.en}" if title.id != title.en else title.id
        for title in COLUMNS.values()
    ]


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
    help_sheet.append(["Bahasa Indonesia", "English"])
    for row in HELP_ROWS:
        help_sheet.append(list(row))
    for row in help_sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    help_sheet.column_dimensions["A"].width = help_sheet.column_dimensions["B"].width = 70
    return save_workbook(workbook, path)
