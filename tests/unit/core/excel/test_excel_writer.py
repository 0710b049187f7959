"""The template and the error report, written and read back as real .xlsx files."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from app.core.books.journal import Problem
from app.core.excel.error_report import write_error_report
from app.core.excel.problem_column import problem_header
from app.core.excel.reader import ImportOptions, read_workbook
from app.core.excel.sheet_names import SUMMARY_SHEET as SUMMARY
from app.core.excel.sheet_names import sheet_name
from app.core.excel.template import (
    INSTRUCTIONS_SHEET,
    OPTIONAL_TEMPLATE_HEADERS,
    TEMPLATE_HEADERS,
    write_template,
)
from app.core.excel.writing import AMOUNT_FORMAT, DATE_FORMAT, NUMBER_FORMAT, WorkbookWriteError
from app.core.i18n import JurnalError, ctr, tr
from tests.helpers.workbooks import write_workbook

SUMMARY_SHEET = sheet_name(SUMMARY, "id")
TITLE = ["PT Contoh Sejahtera - Jurnal Januari 2026"]
HEADER = ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit", "Disetujui"]
# Rows 4-9 of the sheet: JU-1 is fine, JU-2 has an impossible date and does not balance,
# JU-3 has a debit typed as words.
ROWS_WITH_PROBLEMS = [
    [date(2026, 1, 5), "JU-1", "Penjualan tunai", "1101", 1_000_000, None, "Budi"],
    [date(2026, 1, 5), "JU-1", "Penjualan tunai", "4101", None, 1_000_000, "Budi"],
    ["31/02/2026", "JU-2", "Bayar listrik", "6105", 500_000, None, "Sari"],
    ["31/02/2026", "JU-2", "Bayar listrik", "1102", None, 400_000, "Sari"],
    [date(2026, 1, 6), "JU-3", "Penjualan kredit", "1201", "satu juta", None, "=Budi"],
    [date(2026, 1, 6), "JU-3", "Penjualan kredit", "4101", None, 1_000_000, None],
]
FIRST_DATA_ROW = 4


def save_rows(path: Path, rows: list[list[object]], sheet: str = "Jurnal") -> Path:
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for values in rows:
        worksheet.append(values)
    for row in worksheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # the user typed this text, it is not a formula
    workbook.save(path)
    workbook.close()
    return path


def problem_workbook(tmp_path: Path) -> Path:
    return save_rows(tmp_path / "jurnal.xlsx", [TITLE, [], HEADER, *ROWS_WITH_PROBLEMS])


def load(path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path)


# --- template -------------------------------------------------------------------------


def test_template_reads_back_as_two_valid_balanced_entries(tmp_path):
    path = write_template(tmp_path / "template.xlsx")

    result = read_workbook(path)

    assert result.ok, [p.describe("en") for p in result.problems]
    assert [entry.reference for entry in result.entries] == ["JU-2026-0001", "JU-2026-0002"]
    assert result.header_row == 1
    assert result.headers[: len(TEMPLATE_HEADERS)] == list(TEMPLATE_HEADERS)
    sale, electricity = result.entries
    assert sale.date == date(2026, 1, 5)
    assert [line.account for line in sale.lines] == ["1-10001", "4-40000", "2-20204"]
    assert sale.total_debit == sale.total_credit == Decimal("1665000.00")
    assert electricity.total_debit == electricity.total_credit == Decimal("2350000.00")
    assert "listrik" in electricity.description.lower()
    assert sale.lines[2].memo == "PPN Keluaran 11%"
    assert sale.lines[0].department == "Penjualan"


def test_every_template_column_maps_to_its_field(tmp_path):
    result = read_workbook(write_template(tmp_path / "template.xlsx"))

    mapping = dataclasses.asdict(result.mapping)
    expected = ["date", "reference", "description", "account", "debit", "credit", "memo"]
    expected += ["department", "project"]
    assert [mapping[field] for field in expected] == list(range(len(expected)))
    assert mapping["amount"] is None


def test_template_cells_are_formatted_for_indonesian_users(tmp_path):
    workbook = load(write_template(tmp_path / "template.xlsx"))
    sheet = workbook.worksheets[0]

    assert [cell.value for cell in sheet[1]] == [*TEMPLATE_HEADERS, *OPTIONAL_TEMPLATE_HEADERS]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet["A2"].number_format == DATE_FORMAT
    assert sheet["E2"].number_format == AMOUNT_FORMAT
    assert sheet["F3"].number_format == AMOUNT_FORMAT
    assert sheet["D2"].data_type == "s"  # account codes stay text
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width
    workbook.close()


def test_template_has_instructions_in_both_languages(tmp_path):
    workbook = load(write_template(tmp_path / "template.xlsx"))

    assert workbook.sheetnames == ["Jurnal", INSTRUCTIONS_SHEET]
    text = " ".join(
        str(value) for row in workbook[INSTRUCTIONS_SHEET].iter_rows(values_only=True)
        for value in row if value
    )  # fmt: skip
    assert "No. Bukti yang sama" in text
    assert "same No. Bukti" in text
    assert "jurnal-desk validate" in text
    workbook.close()


def test_template_instructions_have_a_column_per_language_from_the_catalogs(tmp_path):
    workbook = load(write_template(tmp_path / "template.xlsx"))

    rows = list(workbook[INSTRUCTIONS_SHEET].iter_rows(values_only=True))
    assert rows[0] == ("Bahasa Indonesia", "English", "简体中文")
    assert rows[1] == ("Petunjuk pengisian", "How to fill in this workbook", "填写说明")
    comment = workbook["Jurnal"].cell(1, 10).comment.text
    assert "lihat sheet Petunjuk" in comment and "请参阅 Petunjuk" in comment
    workbook.close()


def test_saving_into_a_missing_folder_says_what_to_do(tmp_path):
    with pytest.raises(WorkbookWriteError) as raised:
        write_template(tmp_path / "missing" / "template.xlsx")

    assert isinstance(raised.value, JurnalError)
    assert "folder lain" in raised.value.text.id
    assert "another folder" in raised.value.text.en
    assert not list(tmp_path.iterdir())


# --- error report ---------------------------------------------------------------------


@pytest.fixture
def imported(tmp_path):
    result = read_workbook(problem_workbook(tmp_path))
    assert not result.ok
    return result


def test_report_keeps_every_row_where_it_was(tmp_path, imported):
    report = write_error_report(imported, tmp_path / "laporan.xlsx")

    workbook = load(report)
    sheet = workbook.worksheets[0]
    assert sheet.title == "Jurnal"
    assert sheet["A1"].value == TITLE[0]
    assert [cell.value for cell in sheet[3]] == [*HEADER, problem_header("id")]
    assert sheet["C6"].value == "Bayar listrik"
    assert sheet["A6"].value == "31/02/2026"
    assert sheet["E8"].value == "satu juta"
    assert sheet["G8"].value == "=Budi"  # the user's text, not turned into a formula
    assert sheet["G8"].data_type == "s"
    assert sheet["A4"].value.date() == date(2026, 1, 5)
    assert sheet["A4"].number_format == DATE_FORMAT
    assert sheet["E4"].number_format == AMOUNT_FORMAT
    assert sheet.max_row == FIRST_DATA_ROW + len(ROWS_WITH_PROBLEMS) - 1
    assert sheet.freeze_panes == "A4"
    workbook.close()


@pytest.mark.parametrize("language", ["id", "en", "zh"])
def test_report_writes_each_rows_problems_in_its_language_beside_it(tmp_path, imported, language):
    report = write_error_report(imported, tmp_path / "laporan.xlsx", language)

    sheet = load(report).worksheets[0]
    problem_column = len(HEADER) + 1
    notes = {
        row: sheet.cell(row, problem_column).value
        for row in range(FIRST_DATA_ROW, sheet.max_row + 1)
        if sheet.cell(row, problem_column).value
    }
    by_row = {row: found for row, found in imported.problems_by_row().items() if row}
    assert set(notes) == set(by_row)
    assert {6, 8} <= set(notes)  # the impossible date and the amount typed as words
    others = [code for code in ("id", "en", "zh") if code != language]
    for row, problems in by_row.items():
        for problem in problems:
            assert problem.text.get(language) in notes[row]
            assert not any(problem.text.get(code) in notes[row] for code in others)
    assert sheet.cell(FIRST_DATA_ROW - 1, problem_column).value == problem_header(language)
    sheet.parent.close()


def test_report_fills_the_cells_at_fault(tmp_path, imported):
    report = write_error_report(imported, tmp_path / "laporan.xlsx")

    sheet = load(report).worksheets[0]
    red = {
        cell.coordinate
        for row in sheet.iter_rows(min_row=FIRST_DATA_ROW, max_col=len(HEADER))
        for cell in row
        if cell.fill.fill_type == "solid"
    }
    assert "A6" in red  # Tanggal 31/02/2026
    assert "E8" in red  # Debit "satu juta"
    assert not any(coordinate.endswith(("4", "5")) for coordinate in red)  # JU-1 is fine
    sheet.parent.close()


def test_report_summary_counts_and_lists_every_problem(tmp_path, imported):
    no_row = Problem(tr("Masalah tanpa baris."))
    result = dataclasses.replace(imported, problems=[*imported.problems, no_row])

    workbook = load(write_error_report(result, tmp_path / "laporan.xlsx"))

    assert workbook.sheetnames == ["Jurnal", SUMMARY_SHEET]
    summary = {row[0]: row[1] for row in workbook[SUMMARY_SHEET].iter_rows(values_only=True) if row}
    assert summary["Berkas"] == "jurnal.xlsx"
    assert summary["Jurnal"] == len(result.entries)
    assert summary["Masalah"] == len(result.problems)
    texts = [row[3] for row in workbook[SUMMARY_SHEET].iter_rows(values_only=True) if len(row) > 3]
    assert all(problem.text.id in texts for problem in result.problems)
    assert "Masalah tanpa baris." in texts
    workbook.close()


def test_report_reimports_with_the_same_problems_at_the_same_rows(tmp_path, imported):
    report = write_error_report(imported, tmp_path / "laporan.xlsx")

    again = read_workbook(report)

    assert again.header_row == imported.header_row
    assert dataclasses.asdict(again.mapping) == dataclasses.asdict(imported.mapping)
    assert [p.describe("en") for p in again.problems] == [
        p.describe("en") for p in imported.problems
    ]


def test_report_imports_cleanly_once_the_user_fixes_the_rows(tmp_path, imported):
    report = write_error_report(imported, tmp_path / "laporan.xlsx")
    workbook = load(report)
    sheet = workbook.worksheets[0]
    sheet["A6"] = sheet["A7"] = date(2026, 1, 28)
    sheet["F7"] = 500_000
    sheet["E8"] = "1.000.000,00"
    workbook.save(report)
    workbook.close()

    fixed = read_workbook(report)

    assert fixed.ok, [p.describe("en") for p in fixed.problems]
    assert [entry.reference for entry in fixed.entries] == ["JU-1", "JU-2", "JU-3"]


def test_report_of_a_clean_import_still_has_the_summary(tmp_path):
    result = read_workbook(write_template(tmp_path / "template.xlsx"))

    workbook = load(write_error_report(result, tmp_path / "laporan.xlsx"))

    summary_text = [row[0] for row in workbook[SUMMARY_SHEET].iter_rows(values_only=True) if row]
    assert "Tidak ada masalah; jurnal siap diposting." in summary_text
    sheet = workbook.worksheets[0]
    problem_column = len(TEMPLATE_HEADERS) + len(OPTIONAL_TEMPLATE_HEADERS) + 1
    assert sheet.cell(1, problem_column).value == problem_header("id")
    assert all(sheet.cell(row, problem_column).value is None for row in range(2, sheet.max_row + 1))
    workbook.close()


def test_report_of_a_chosen_sheet_copies_that_sheet(tmp_path):
    path = tmp_path / "dua-sheet.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Catatan"
    workbook.active.append(["bukan jurnal"])
    february = workbook.create_sheet("Feb")
    for values in [HEADER, *ROWS_WITH_PROBLEMS[2:4]]:
        february.append(values)
    workbook.save(path)
    workbook.close()
    result = read_workbook(path, ImportOptions(sheet="Feb"))

    report = load(write_error_report(result, tmp_path / "laporan.xlsx"))

    assert report.sheetnames == ["Feb", SUMMARY_SHEET]
    assert report["Feb"]["C2"].value == "Bayar listrik"
    report.close()


@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_report_of_an_xls_or_ods_file_is_an_xlsx_that_imports_again(tmp_path, suffix):
    source = write_workbook(tmp_path / f"jurnal.{suffix}", [TITLE, [], HEADER, *ROWS_WITH_PROBLEMS])
    imported = read_workbook(source)

    report = write_error_report(imported, tmp_path / "laporan.xlsx")

    again = read_workbook(report)
    assert again.header_row == imported.header_row
    assert [p.describe("en") for p in again.problems] == [
        p.describe("en") for p in imported.problems
    ]
    sheet = load(report).worksheets[0]
    assert sheet["C6"].value == "Bayar listrik"
    assert sheet["A4"].value.date() == date(2026, 1, 5)
    sheet.parent.close()


# --- the optional columns ---------------------------------------------------------------


def test_template_offers_the_optional_columns_greyed_at_the_right(tmp_path):
    workbook = load(write_template(tmp_path / "template.xlsx"))
    sheet = workbook.worksheets[0]
    required, optional = len(TEMPLATE_HEADERS), len(OPTIONAL_TEMPLATE_HEADERS)
    titles = [sheet.cell(1, column) for column in range(1, required + optional + 1)]

    assert [cell.value for cell in titles[required:]] == [
        "Cabang", "Pelanggan", "Pemasok", "Karyawan", "Kurs", "Jumlah Valuta", "Klasifikasi 1"
    ]  # fmt: skip
    grey = {cell.fill.start_color.rgb for cell in titles[required:]}
    assert len(grey) == 1 and grey != {titles[0].fill.start_color.rgb}
    assert all(cell.font.italic for cell in titles[required:])
    assert not any(cell.font.italic for cell in titles[:required])
    assert all("tidak wajib" in cell.comment.text.lower() for cell in titles[required:])
    assert all("Optional column" in cell.comment.text for cell in titles[required:])
    instructions = " ".join(
        str(value) for row in workbook[INSTRUCTIONS_SHEET].iter_rows(values_only=True)
        for value in row if value
    )  # fmt: skip
    assert "Kurs dan Jumlah Valuta" in instructions and "foreign-currency account" in instructions
    assert "Klasifikasi 10" in instructions
    assert "at most one per line" in instructions
    workbook.close()


def test_template_maps_the_optional_columns_and_its_examples_leave_them_empty(tmp_path):
    result = read_workbook(write_template(tmp_path / "template.xlsx"))

    mapping = result.mapping
    assert (mapping.branch, mapping.customer, mapping.rate, mapping.prime_amount) == (9, 10, 13, 14)
    assert mapping.classification1 == 15
    assert result.ok
    assert all(entry.branch == "" for entry in result.entries)
    lines = [line for entry in result.entries for line in entry.lines]
    assert all(
        line.rate is None and not line.customer and not line.classifications for line in lines
    )


OPTIONAL_HEADER = [*HEADER[:6], "Cabang", "Pelanggan", "Pemasok", "Kurs", "Jumlah Valuta"]
OPTIONAL_HEADER += ["Klasifikasi 2", "Catatan"]
# JU-1 is a clean USD receivable; JU-2 has a row in another branch, a line with two parties,
# and a rate without its foreign amount.
OPTIONAL_ROWS = [
    [date(2026, 1, 5), "JU-1", "Ekspor", "1201", 1_575_000, None,
     "Jakarta", "C-1", None, 15_750, 100, "Asia", "catatan"],
    [date(2026, 1, 5), "JU-1", "Ekspor", "4101", None, 1_575_000,
     "Jakarta", None, None, None, None, None, None],
    [date(2026, 1, 6), "JU-2", "Impor", "1301", 1_053_721, None,
     "Surabaya", "C-2", "V-2", 105.3721, None, None, None],
    [date(2026, 1, 6), "JU-2", "Impor", "2101", None, 1_053_721,
     "Bandung", None, "V-2", None, None, "Jepang", None],
]  # fmt: skip


@pytest.fixture
def imported_optional(tmp_path):
    path = save_rows(tmp_path / "valas.xlsx", [TITLE, [], OPTIONAL_HEADER, *OPTIONAL_ROWS])
    result = read_workbook(path)
    assert [p.field for p in result.problems] == ["vendor", "prime_amount", "branch"]
    return result


def test_report_keeps_the_optional_columns_and_marks_their_cells(tmp_path, imported_optional):
    report = write_error_report(imported_optional, tmp_path / "laporan.xlsx")

    workbook = load(report)
    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[3]] == [*OPTIONAL_HEADER, problem_header("id")]
    assert [sheet.cell(6, column).value for column in range(7, 14)] == [
        "Surabaya", "C-2", "V-2", 105.3721, None, None, None
    ]  # fmt: skip
    assert sheet["J4"].number_format == sheet["J6"].number_format == NUMBER_FORMAT
    assert sheet["K4"].number_format == NUMBER_FORMAT
    red = {
        cell.coordinate
        for row in sheet.iter_rows(min_row=FIRST_DATA_ROW, max_col=len(OPTIONAL_HEADER))
        for cell in row
        if cell.fill.fill_type == "solid"
    }
    assert red == {"I6", "K6", "G7"}  # Pemasok, Jumlah Valuta, Cabang
    notes = sheet.cell(6, len(OPTIONAL_HEADER) + 1).value
    assert "[I (Pemasok)]" in notes and "[K (Jumlah Valuta)]" in notes
    workbook.close()


def test_report_reimports_to_the_same_entries_optional_fields_and_all(tmp_path, imported_optional):
    report = write_error_report(imported_optional, tmp_path / "laporan.xlsx")

    again = read_workbook(report)

    assert again.entries == imported_optional.entries
    assert again.entries[0].lines[0].classifications == ("", "Asia")
    assert again.entries[1].lines[0].rate == Decimal("105.3721")
    assert [p.describe("en") for p in again.problems] == [
        p.describe("en") for p in imported_optional.problems
    ]


def test_a_chinese_report_reads_chinese_and_imports_again(tmp_path, imported):
    report = write_error_report(imported, tmp_path / "laporan.xlsx", "zh")

    workbook = load(report)
    summary_name = sheet_name(SUMMARY, "zh")
    assert workbook.sheetnames == ["Jurnal", summary_name] and summary_name != SUMMARY_SHEET
    rows = [row for row in workbook[summary_name].iter_rows(values_only=True) if row]
    labels = [row[0] for row in rows if isinstance(row[0], str)]
    assert ctr("laporan impor: keterangan", "Berkas").get("zh") in labels
    assert not any(label in labels for label in ("Berkas", "File", "Berkas / File"))
    workbook.close()
    again = read_workbook(report)  # the Chinese problem column maps to no journal field
    assert dataclasses.asdict(again.mapping) == dataclasses.asdict(imported.mapping)
    assert len(again.problems) == len(imported.problems)
