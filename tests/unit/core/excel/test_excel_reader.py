"""Importing journals from real workbooks written to disk in every supported format."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest

from app.core.books.journal import FRACTION_OF_CENT, Account, Chart
from app.core.books.number_style import NumberStyle
from app.core.excel.reader import (
    ColumnMapping,
    ImportOptions,
    MappingError,
    WorkbookError,
    list_sheets,
    read_rows,
    read_workbook,
)
from tests.helpers.workbooks import Styled, write_encrypted_workbook, write_workbook

HEADER = ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit", "Keterangan"]
AUG5 = date(2026, 8, 5)
FORMATS = ["xlsx", "xlsm", "xls", "ods"]


def two_entries() -> list[list[object]]:
    """Two balanced entries; the second has three lines and numeric codes and reference."""
    return [
        HEADER,
        [AUG5, "JV-001", "Bayar listrik", "6100", 1_500_000, None, "PLN Agustus"],
        [AUG5, "JV-001", None, "1100", None, 1_500_000, "Kas"],
        [date(2026, 8, 6), 2026002, "Penjualan tunai", 1100, 2_220_000.5, None, None],
        [date(2026, 8, 6), 2026002, None, 4100, None, 2_000_000, None],
        [date(2026, 8, 6), 2026002, None, 2150, None, 220_000.5, "PPN"],
    ]


def amounts(entry) -> list[tuple[str, Decimal, Decimal]]:
    return [(line.account, line.debit, line.credit) for line in entry.lines]


def one_problem(result):
    assert len(result.problems) == 1, [p.describe("en") for p in result.problems]
    return result.problems[0]


# --- every format ---------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", FORMATS)
def test_reads_two_entries_from_every_format(tmp_path, suffix):
    path = write_workbook(tmp_path / f"jurnal.{suffix}", two_entries())

    result = read_workbook(path)

    assert result.ok, [p.describe("en") for p in result.problems]
    assert (result.sheet, result.header_row, result.row_count) == ("Jurnal", 1, 5)
    first, second = result.entries
    assert (first.date, first.reference, first.description) == (AUG5, "JV-001", "Bayar listrik")
    assert amounts(first) == [
        ("6100", Decimal("1500000.00"), Decimal("0.00")),
        ("1100", Decimal("0.00"), Decimal("1500000.00")),
    ]
    assert [line.memo for line in first.lines] == ["PLN Agustus", "Kas"]
    # Numbers typed into code cells come back as the code, never "1100.0".
    assert (second.reference, second.date) == ("2026002", date(2026, 8, 6))
    assert [line.account for line in second.lines] == ["1100", "4100", "2150"]
    assert second.lines[0].debit == Decimal("2220000.50")
    assert [line.row for line in second.lines] == [4, 5, 6]
    assert all(entry.sheet == "Jurnal" for entry in result.entries)


def test_xlsm_written_with_macro_content_type_is_read(tmp_path):
    path = write_workbook(tmp_path / "makro.xlsm", two_entries())
    with zipfile.ZipFile(path) as package:
        assert b"macroEnabled" in package.read("[Content_Types].xml")

    assert len(read_workbook(path).entries) == 2


def test_an_xls_renamed_to_xlsx_is_still_read(tmp_path):
    path = write_workbook(tmp_path / "lama.xls", two_entries())
    renamed = path.rename(tmp_path / "lama.xlsx")

    assert len(read_workbook(renamed).entries) == 2


# --- sheets and header rows ----------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["xlsx", "xls", "ods"])
def test_header_below_title_rows_and_data_not_in_column_a(tmp_path, suffix):
    rows = [
        [None, "PT Maju Jaya"],
        [None, "Jurnal Umum Agustus 2026"],
        [],
        [None, *HEADER],
        [None, AUG5, "JV-1", "Sewa", "6200", 900_000, None],
        [None, AUG5, "JV-1", None, "1100", None, 900_000],
    ]
    path = write_workbook(tmp_path / f"judul.{suffix}", rows)

    result = read_workbook(path)

    assert result.ok
    assert result.header_row == 4
    assert result.mapping.date == 1 and result.mapping.credit == 6
    assert [line.row for line in result.entries[0].lines] == [5, 6]


def test_picks_the_first_sheet_with_a_journal_header(tmp_path):
    sheets = {"Sampul": [["Laporan untuk direksi"]], "Akun": [["Kode", "Nama"]]}
    sheets["Data"] = two_entries()
    path = write_workbook(tmp_path / "buku.xlsx", sheets)

    assert read_workbook(path).sheet == "Data"
    assert list_sheets(path) == ["Sampul", "Akun", "Data"]


def test_reads_the_named_sheet(tmp_path):
    path = write_workbook(
        tmp_path / "buku.xlsx", {"Juli": two_entries(), "Agustus": two_entries()[:3]}
    )

    result = read_workbook(path, ImportOptions(sheet="Agustus"))

    assert result.sheet == "Agustus" and len(result.entries) == 1


def test_a_missing_sheet_lists_the_sheets_there_are(tmp_path):
    path = write_workbook(tmp_path / "buku.xlsx", {"Juli": two_entries()})

    with pytest.raises(WorkbookError) as raised:
        read_workbook(path, ImportOptions(sheet="Agustus"))

    assert "Agustus" in raised.value.text.en and "Juli" in raised.value.text.en


def test_explicit_header_row(tmp_path):
    rows = [["Tanggal", "No. Bukti"], ["catatan"], *two_entries()]
    path = write_workbook(tmp_path / "baris.xlsx", rows)

    result = read_workbook(path, ImportOptions(header_row=3))

    assert result.header_row == 3 and len(result.entries) == 2


def test_english_headers(tmp_path):
    header = ["Date", "Reference", "Description", "Account", "Debit", "Credit", "Memo",
              "Department", "Project"]  # fmt: skip
    rows = [
        header,
        [AUG5, "INV-9", "Office rent", "6200", 5_000, None, "August", "Finance", "P-01"],
        [AUG5, "INV-9", None, "1100", None, 5_000, None, None, None],
    ]
    path = write_workbook(tmp_path / "english.xlsx", rows)

    result = read_workbook(path)

    line = result.entries[0].lines[0]
    assert (line.memo, line.department, line.project) == ("August", "Finance", "P-01")
    assert result.entries[0].description == "Office rent"


def test_header_names_ignore_case_spaces_and_punctuation(tmp_path):
    header = ["TGL", "NO_BUKTI", "keterangan jurnal", "No. Akun", "Debet (Rp)", "KREDIT", "memo"]
    rows = [header, [AUG5, "A1", "x", "1", 10, None, "m"], [AUG5, "A1", None, "2", None, 10, None]]
    path = write_workbook(tmp_path / "acak.xlsx", rows)

    result = read_workbook(path)

    assert result.ok
    assert result.mapping == ColumnMapping(0, 1, 2, 3, 4, 5, None, 6)


def test_without_a_description_column_the_first_memo_describes_the_entry(tmp_path):
    header = ["Tanggal", "No. Bukti", "Kode Akun", "Debit", "Kredit", "Keterangan"]
    rows = [header, [AUG5, "A1", "1", 10, None, None], [AUG5, "A1", "2", None, 10, "Gaji"]]
    path = write_workbook(tmp_path / "ket.xlsx", rows)

    assert read_workbook(path).entries[0].description == "Gaji"


# --- explicit mappings ---------------------------------------------------------------------

ODD_HEADER = ["Waktu", "Voucher", "Rekening", "Masuk", "Keluar", "Uraian"]
ODD_ROWS = [
    ["Buku harian kas"],
    ODD_HEADER,
    [AUG5, "K-1", "6100", 250_000, None, "Bensin"],
    [AUG5, "K-1", "1100", None, 250_000, None],
]


def test_unknown_headers_say_what_is_needed_and_what_was_found(tmp_path):
    path = write_workbook(tmp_path / "aneh.xlsx", ODD_ROWS)

    with pytest.raises(WorkbookError) as raised:
        read_workbook(path)

    text = raised.value.text
    assert "Waktu, Voucher, Rekening, Masuk, Keluar" in text.en
    assert "Needed: Date, Reference, Account" in text.en
    assert "Dibutuhkan: Tanggal, No. Bukti, Kode Akun" in text.id


def test_mapping_by_header_name(tmp_path):
    path = write_workbook(tmp_path / "aneh.xlsx", ODD_ROWS)
    mapping = {"date": "waktu", "reference": "Voucher", "account": "REKENING",
               "debit": "Masuk", "credit": "Keluar"}  # fmt: skip

    result = read_workbook(path, ImportOptions(mapping=mapping))

    assert result.ok and result.header_row == 2
    assert amounts(result.entries[0])[0] == ("6100", Decimal("250000.00"), Decimal("0.00"))
    # "Uraian" is recognised as the description without being named.
    assert result.entries[0].description == "Bensin"


def test_mapping_by_column_letter_skips_the_title_row(tmp_path):
    path = write_workbook(tmp_path / "aneh.xlsx", ODD_ROWS)
    mapping = {"date": "A", "reference": "B", "account": "c", "debit": "D", "credit": "E"}

    result = read_workbook(path, ImportOptions(mapping=mapping))

    assert result.ok and result.header_row == 2
    assert result.mapping.account == 2 and len(result.entries[0].lines) == 2


def test_mapping_as_column_mapping(tmp_path):
    path = write_workbook(tmp_path / "aneh.xlsx", ODD_ROWS)
    mapping = ColumnMapping(date=0, reference=1, account=2, debit=3, credit=4, memo=5)

    result = read_workbook(path, ImportOptions(mapping=mapping, header_row=2))

    assert result.ok and result.entries[0].lines[0].memo == "Bensin"


def test_a_mapped_name_that_is_not_a_header_is_named_in_the_error(tmp_path):
    path = write_workbook(tmp_path / "aneh.xlsx", ODD_ROWS)
    mapping = {"date": "Waktu", "reference": "Voucher", "account": "Akun Perkiraan",
               "debit": "Masuk", "credit": "Keluar"}  # fmt: skip

    with pytest.raises(MappingError) as raised:
        read_workbook(path, ImportOptions(mapping=mapping))

    assert "Akun Perkiraan" in raised.value.text.en and "Rekening" in raised.value.text.en


def test_a_mapped_field_that_does_not_exist_is_an_error(tmp_path):
    path = write_workbook(tmp_path / "aneh.xlsx", ODD_ROWS)

    with pytest.raises(WorkbookError, match="tanggalan"):
        read_workbook(path, ImportOptions(mapping={"tanggalan": "A"}))


# --- amounts -----------------------------------------------------------------------------


def test_signed_amount_column(tmp_path):
    header = ["Tanggal", "No. Bukti", "Kode Akun", "Jumlah"]
    rows = [
        header,
        [AUG5, "S-1", "6100", 1_500_000],
        [AUG5, "S-1", "1100", -1_000_000],
        [AUG5, "S-1", "1200", "(500.000,00)"],
        [AUG5, "S-2", "1100", "2.500,50"],
        [AUG5, "S-2", "4100", "-2.500,50"],
    ]
    path = write_workbook(tmp_path / "jumlah.xlsx", rows)

    result = read_workbook(path)

    assert result.ok, [p.describe("en") for p in result.problems]
    assert result.mapping.uses_amount
    assert amounts(result.entries[0]) == [
        ("6100", Decimal("1500000.00"), Decimal("0.00")),
        ("1100", Decimal("0.00"), Decimal("1000000.00")),
        ("1200", Decimal("0.00"), Decimal("500000.00")),
    ]
    assert amounts(result.entries[1])[1] == ("4100", Decimal("0.00"), Decimal("2500.50"))


def test_choosing_the_amount_column_over_debit_and_credit(tmp_path):
    header = ["Tanggal", "No. Bukti", "Kode Akun", "Debit", "Kredit", "Nilai"]
    rows = [header, [AUG5, "A", "1", None, None, 10], [AUG5, "A", "2", None, None, -10]]
    path = write_workbook(tmp_path / "nilai.xlsx", rows)

    result = read_workbook(path, ImportOptions(mapping={"amount": "Nilai"}))

    assert result.ok and result.mapping.debit is None and result.mapping.amount == 5


def test_a_problem_in_the_signed_amount_column_names_that_column(tmp_path):
    header = ["Tanggal", "No. Bukti", "Kode Akun", "Jumlah"]
    rows = [header, [AUG5, "S-1", "6100", "banyak"], [AUG5, "S-1", "1100", -10]]
    path = write_workbook(tmp_path / "jumlah.xlsx", rows)

    problems = read_workbook(path).problems

    assert (problems[0].row, problems[0].column) == (2, "D (Jumlah)")
    assert "'banyak' is not a number" in problems[0].text.en


@pytest.mark.parametrize(
    ("style", "debit", "credit"),
    [
        (NumberStyle.ID, "1.500.000,25", "Rp 1.500.000,25"),
        (NumberStyle.EN, "1,500,000.25", "IDR 1,500,000.25"),
    ],
)
def test_amounts_typed_as_text_in_either_number_style(tmp_path, style, debit, credit):
    rows = [HEADER, [AUG5, "T-1", None, "1", debit, None], [AUG5, "T-1", None, "2", None, credit]]
    path = write_workbook(tmp_path / "teks.xlsx", rows)

    result = read_workbook(path, ImportOptions(number_style=style))

    assert result.ok
    assert result.entries[0].total_debit == Decimal("1500000.25") == result.entries[0].total_credit


def test_the_wrong_number_style_points_to_the_right_one(tmp_path):
    rows = [HEADER, [AUG5, "T-1", None, "1", "1,500,000.25", None]]
    rows.append([AUG5, "T-1", None, "2", None, "1,500,000.25"])
    path = write_workbook(tmp_path / "teks.xlsx", rows)

    result = read_workbook(path, ImportOptions(number_style=NumberStyle.ID))

    assert [(p.row, p.column) for p in result.problems] == [(2, "E (Debit)"), (3, "F (Kredit)")]
    assert "choose the English number style" in result.problems[0].text.en
    assert "pilih gaya angka Inggris" in result.problems[0].text.id


def test_float_noise_is_rounded_away_but_a_third_decimal_is_a_problem(tmp_path):
    rows = [HEADER, [AUG5, "F-1", None, "1", 0.1 + 0.2, None], [AUG5, "F-1", None, "2", None, 0.3]]
    rows += [[AUG5, "F-2", None, "1", 10.125, None], [AUG5, "F-2", None, "2", None, 10.125]]
    path = write_workbook(tmp_path / "desimal.xlsx", rows)

    result = read_workbook(path)

    assert result.entries[0].lines[0].debit == Decimal("0.30")
    assert [(p.row, p.field) for p in result.problems] == [(4, "debit"), (5, "credit")]
    assert "more than 2 decimals" in result.problems[0].text.en
    assert {p.code for p in result.problems} == {FRACTION_OF_CENT}  # fixable by rounding
    assert result.entries[1].lines[0].debit == Decimal("10.125")  # kept as the cell holds it


# --- dates ---------------------------------------------------------------------------------

DATE_FORMS = [
    pytest.param(AUG5, id="date-cell"),
    pytest.param(datetime(2026, 8, 5, 14, 30), id="datetime-cell"),
    pytest.param(Styled(46239, "dd/mm/yyyy"), id="serial-formatted-as-date"),
    pytest.param(Styled(46239, "General"), id="serial-in-general-cell"),
    pytest.param("05/08/2026", id="dd/mm/yyyy"),
    pytest.param("5/8/2026", id="d/m/yyyy"),
    pytest.param("05-08-2026", id="dd-mm-yyyy"),
    pytest.param("2026-08-05", id="yyyy-mm-dd"),
    pytest.param("5 Agustus 2026", id="indonesian-month"),
    pytest.param("5 Agu 2026", id="indonesian-short-month"),
    pytest.param("5 Aug 2026", id="english-short-month"),
]


@pytest.mark.parametrize("cell", DATE_FORMS)
def test_every_date_form(tmp_path, cell):
    rows = [HEADER, [cell, "D-1", None, "1", 5, None], [None, None, None, "2", None, 5]]
    path = write_workbook(tmp_path / "tanggal.xlsx", rows)

    result = read_workbook(path)

    assert result.ok
    assert result.entries[0].date == AUG5


@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_date_cells_and_text_dates_in_xls_and_ods(tmp_path, suffix):
    rows = [HEADER, [AUG5, "D-1", None, "1", 5, None], [AUG5, "D-1", None, "2", None, 5]]
    rows += [
        ["06/08/2026", "D-2", None, "1", 5, None],
        ["6 Agustus 2026", "D-2", None, "2", None, 5],
    ]
    path = write_workbook(tmp_path / f"tanggal.{suffix}", rows)

    result = read_workbook(path)

    assert result.ok
    assert [entry.date for entry in result.entries] == [AUG5, date(2026, 8, 6)]


def test_a_cell_that_is_not_a_date(tmp_path):
    rows = [HEADER, ["31/02/2026", "D-1", None, "1", 5, None], [None, None, None, "2", None, 5]]
    rows += [["besok", "D-2", None, "1", 5, None], ["besok", "D-2", None, "2", None, 5]]
    path = write_workbook(tmp_path / "tanggal.xlsx", rows)

    result = read_workbook(path)

    # The bad date is reported once per cell, not again as "the entry has no date".
    assert [(p.row, p.column) for p in result.problems] == [
        (2, "A (Tanggal)"),
        (4, "A (Tanggal)"),
        (5, "A (Tanggal)"),
    ]
    assert "does not exist" in result.problems[0].text.en
    assert [len(entry.lines) for entry in result.entries] == [2, 2]


# --- grouping rows into entries -------------------------------------------------------------


def test_continuation_rows_and_empty_rows(tmp_path):
    rows = [
        HEADER,
        [AUG5, "G-1", "Gaji Agustus", "6300", 10_000_000, None],
        [None, None, None, "2120", None, 250_000],
        [],
        [None, None, None, "1100", None, 9_750_000],
        [None, None, None, None, None, None, None],
        [AUG5, "G-2", None, "6100", 100, None],
        [AUG5, "G-2", "Listrik", "1100", None, 100],
        [],
        [],
    ]
    path = write_workbook(tmp_path / "gaji.xlsx", rows)

    result = read_workbook(path)

    assert result.ok
    assert result.row_count == 5
    assert [len(entry.lines) for entry in result.entries] == [3, 2]
    assert [line.row for line in result.entries[0].lines] == [2, 3, 5]
    # The description is the first non-empty one in the entry's rows.
    assert [entry.description for entry in result.entries] == ["Gaji Agustus", "Listrik"]


def test_consecutive_rows_with_the_same_reference_are_one_entry(tmp_path):
    rows = [HEADER]
    for reference in ("R-1", "R-2", "R-3"):
        rows += [[AUG5, reference, None, "1", 7, None], [AUG5, reference, None, "2", None, 7]]
    path = write_workbook(tmp_path / "ref.xlsx", rows)

    result = read_workbook(path)

    assert [entry.reference for entry in result.entries] == ["R-1", "R-2", "R-3"]


def test_a_row_with_the_same_date_and_no_reference_continues_the_entry(tmp_path):
    rows = [HEADER, [AUG5, "R-1", None, "1", 7, None], [AUG5, None, None, "2", None, 7]]
    path = write_workbook(tmp_path / "ref.xlsx", rows)

    assert len(read_workbook(path).entries[0].lines) == 2


def test_a_row_with_a_new_date_and_no_reference_starts_an_entry_that_needs_one(tmp_path):
    rows = [HEADER, [AUG5, "R-1", None, "1", 7, None], [AUG5, None, None, "2", None, 7]]
    rows += [[date(2026, 8, 7), None, None, "1", 3, None], [None, None, None, "2", None, 3]]
    path = write_workbook(tmp_path / "ref.xlsx", rows)

    result = read_workbook(path)

    assert [len(entry.lines) for entry in result.entries] == [2, 2]
    problem = one_problem(result)
    assert (problem.row, problem.column, problem.field) == (4, "B (No. Bukti)", "reference")


def test_a_different_date_inside_one_reference_is_reported(tmp_path):
    rows = [
        HEADER,
        [AUG5, "R-1", None, "1", 7, None],
        [date(2026, 8, 6), "R-1", None, "2", None, 7],
    ]
    path = write_workbook(tmp_path / "ref.xlsx", rows)

    problem = one_problem(read_workbook(path))

    assert (problem.row, problem.column, problem.reference) == (3, "A (Tanggal)", "R-1")
    assert "06/08/2026" in problem.text.en and "05/08/2026" in problem.text.en


@pytest.mark.parametrize("suffix", ["xlsx", "xls"])
def test_merged_date_and_reference_cells_group_their_rows(tmp_path, suffix):
    rows = [
        HEADER,
        [AUG5, "M-1", "Biaya kantor", "6100", 300, None],
        [None, None, None, "6200", 200, None],
        [None, None, None, "1100", None, 500],
        [date(2026, 8, 6), "M-2", None, "1100", 50, None],
        [None, "M-2", None, "4100", None, 50],
    ]
    merged = {"Jurnal": ["A2:A4", "B2:B4", "C2:C4", "A5:A6"]}
    path = write_workbook(tmp_path / f"gabung.{suffix}", rows, merged=merged)

    result = read_workbook(path)

    assert result.ok, [p.describe("en") for p in result.problems]
    assert [(e.reference, e.date, len(e.lines)) for e in result.entries] == [
        ("M-1", AUG5, 3),
        ("M-2", date(2026, 8, 6), 2),
    ]


def test_merged_reference_over_a_date_written_on_every_row(tmp_path):
    rows = [HEADER, [AUG5, "M-1", None, "6100", 300, None], [AUG5, None, None, "1100", None, 300]]
    path = write_workbook(tmp_path / "gabung.ods", rows)

    result = read_workbook(path)

    assert result.ok and len(result.entries) == 1


# --- entry checks through validate_entries ---------------------------------------------------


def test_unknown_account_with_a_chart(tmp_path):
    chart = Chart([Account("1100", "Kas"), Account("6100", "Biaya Listrik")])
    rows = [HEADER, [AUG5, "A-1", None, "6100", 5, None], [AUG5, "A-1", None, "9999", None, 5]]
    path = write_workbook(tmp_path / "akun.xlsx", rows)

    problem = one_problem(read_workbook(path, chart=chart))

    assert (problem.sheet, problem.row, problem.column) == ("Jurnal", 3, "D (Kode Akun)")
    assert "Account 9999 is not in this company's chart" in problem.text.en
    assert "Akun 9999 tidak ada" in problem.text.id


def test_unbalanced_entry_gives_the_difference(tmp_path):
    rows = [
        HEADER,
        [AUG5, "U-1", None, "1", 1_500_000, None],
        [AUG5, "U-1", None, "2", None, 1_000_000],
    ]
    path = write_workbook(tmp_path / "timpang.xlsx", rows)

    result = read_workbook(path)

    problem = one_problem(result)
    assert not result.ok
    assert (problem.row, problem.column) == (2, "E (Debit)")
    assert "selisih 500.000,00" in problem.text.id
    assert "difference 500,000.00" in problem.text.en  # English amounts in English text


def test_duplicate_reference_in_two_separate_groups(tmp_path):
    rows = [HEADER]
    for reference in ("D-1", "D-2", "D-1"):
        rows += [[AUG5, reference, None, "1", 7, None], [AUG5, reference, None, "2", None, 7]]
    path = write_workbook(tmp_path / "ganda.xlsx", rows)

    result = read_workbook(path)

    assert [entry.reference for entry in result.entries] == ["D-1", "D-2", "D-1"]
    assert [(p.row, p.column) for p in result.problems] == [
        (2, "B (No. Bukti)"),
        (6, "B (No. Bukti)"),
    ]
    assert "also at row 6" in result.problems[0].text.en
    assert "juga di baris 2" in result.problems[1].text.id


def test_every_problem_is_reported_at_once_and_rows_still_group(tmp_path):
    rows = [
        HEADER,
        [AUG5, "E-1", None, "1", "sejuta", None],
        [None, None, None, "2", None, 1_000_000],
        ["kemarin", "E-2", None, "1", 10, None],
        [None, None, None, "", None, 10],
    ]
    path = write_workbook(tmp_path / "banyak.xlsx", rows)

    result = read_workbook(path)

    assert [len(entry.lines) for entry in result.entries] == [2, 2]
    assert [(p.row, p.field) for p in result.problems] == [
        (2, "debit"),  # text in an amount cell
        (2, "balance"),  # so the entry cannot balance
        (4, "date"),
        (5, "account"),
    ]
    assert sorted(result.problems_by_row()) == [2, 4, 5]
    assert all(p.text.id != p.text.en for p in result.problems)


# --- bad files ---------------------------------------------------------------------------------


def error_text(path) -> str:
    with pytest.raises(WorkbookError) as raised:
        read_workbook(path)
    return raised.value.text.en


def test_a_text_file_renamed_xlsx(tmp_path):
    path = tmp_path / "catatan.xlsx"
    path.write_text("Tanggal;No. Bukti\n05/08/2026;JV-1\n", encoding="utf-8")

    assert "is not an Excel workbook" in error_text(path)


def test_a_truncated_xlsx(tmp_path):
    path = write_workbook(tmp_path / "potong.xlsx", two_entries())
    path.write_bytes(path.read_bytes()[:700])

    assert "is not a complete Excel workbook" in error_text(path)


def test_a_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "arsip.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "bukan excel")

    assert "is not a complete Excel workbook" in error_text(path)


@pytest.mark.parametrize("name", ["rahasia.xlsx", "rahasia.xlsm", "rahasia.xls"])
def test_a_password_protected_workbook(tmp_path, name):
    path = write_encrypted_workbook(tmp_path / name)

    with pytest.raises(WorkbookError) as raised:
        read_workbook(path)

    text = raised.value.text
    assert "protected by a password: open it in Excel, remove the password" in text.en
    assert "dilindungi kata sandi" in text.id


def test_a_text_file(tmp_path):
    path = tmp_path / "jurnal.txt"
    path.write_text("Tanggal,No. Bukti\n", encoding="utf-8")

    assert "save it as an Excel Workbook (.xlsx)" in error_text(path)


def test_an_empty_file(tmp_path):
    path = tmp_path / "kosong.xlsx"
    path.touch()

    assert "is empty (0 bytes)" in error_text(path)


def test_a_missing_file_and_a_folder(tmp_path):
    assert "was not found" in error_text(tmp_path / "tidak-ada.xlsx")
    assert "is a folder" in error_text(tmp_path)


@pytest.mark.parametrize("suffix", FORMATS)
def test_an_empty_sheet(tmp_path, suffix):
    path = write_workbook(tmp_path / f"kosong.{suffix}", {"Jurnal": []})

    assert "Sheet 'Jurnal' is empty" in error_text(path)


def test_headers_without_rows(tmp_path):
    path = write_workbook(tmp_path / "judul.xlsx", [HEADER, [], []])

    assert "no journal rows below them" in error_text(path)


def test_formulas_without_saved_values(tmp_path):
    rows = [
        HEADER,
        ["=TODAY()", "F-1", None, "6100", "=1000*2", None],
        [None, None, None, '="11"&"00"', None, "=E2", "kas"],
        [AUG5, "F-2", None, "6100", 5, None],
        [AUG5, "F-2", None, "1100", None, 5],
    ]
    path = write_workbook(tmp_path / "rumus.xlsx", rows)

    result = read_workbook(path)

    formula = [p for p in result.problems if "Formula without a saved value" in p.text.en]
    assert [(p.row, p.column) for p in formula] == [
        (2, "A (Tanggal)"),
        (2, "E (Debit)"),
        (3, "D (Kode Akun)"),
        (3, "F (Kredit)"),
    ]
    assert "buka berkas di Excel, simpan" in formula[0].text.id
    assert not result.ok
    # The well-formed entry below is read as usual.
    assert result.entries[1].total_debit == Decimal("5.00")


def test_a_blank_amount_that_is_no_formula_is_reported_as_missing(tmp_path):
    rows = [HEADER, [AUG5, "B-1", None, "1", None, None], [AUG5, "B-1", None, "2", None, None]]
    path = write_workbook(tmp_path / "kosong.xlsx", rows)

    problems = read_workbook(path).problems

    assert {p.row for p in problems} == {2, 3}
    assert all("has no amount" in p.text.en for p in problems)


# --- raw rows for the error report ------------------------------------------------------------


def test_read_rows_gives_every_cell_at_its_place(tmp_path):
    rows = [["Jurnal Agustus"], [], [None, *HEADER], [None, AUG5, "JV-1", None, 1100, 10]]
    path = write_workbook(tmp_path / "mentah.xlsx", {"Catatan": [["x"]], "Data": rows})

    sheet, cells = read_rows(path)

    assert sheet == "Data"
    assert cells[0][0] == "Jurnal Agustus"
    assert cells[2][1:3] == ["Tanggal", "No. Bukti"]
    assert cells[3][1] == AUG5 and cells[3][4] == 1100


def test_read_rows_of_a_named_sheet_and_of_a_sheet_without_header(tmp_path):
    path = write_workbook(tmp_path / "mentah.xlsx", {"Catatan": [["x", 1]], "Data": two_entries()})

    assert read_rows(path, "Catatan") == ("Catatan", [["x", 1.0]])
    with pytest.raises(WorkbookError):
        read_rows(path, "Tidak Ada")
    only_notes = write_workbook(tmp_path / "catatan.xlsx", {"Catatan": [["x"]]})
    assert read_rows(only_notes) == ("Catatan", [["x"]])


def test_a_workbook_whose_sheets_are_all_empty(tmp_path):
    path = write_workbook(tmp_path / "kosong.xlsx", {"Satu": [], "Dua": []})

    assert "contains no data" in error_text(path)


def test_an_explicit_header_row_without_the_needed_headers(tmp_path):
    path = write_workbook(tmp_path / "baris.xlsx", [["Laporan"], *two_entries()])

    with pytest.raises(WorkbookError) as raised:
        read_workbook(path, ImportOptions(header_row=1))

    assert "No header row found in row 1" in raised.value.text.en
    assert read_workbook(path, ImportOptions(header_row=2)).ok


def test_a_formula_never_calculated_is_a_problem_in_whatever_column_it_sits(tmp_path):
    """A workbook written by a program: the formulas have no saved value, so the reader sees
    empty cells. A description must not silently vanish any more than an amount."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Jurnal"
    sheet.append(
        ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit", "Keterangan"]
    )
    sheet.append(["05/08/2026", "JU/1", '=CONCAT("Sewa ","Agustus")', "1-10001", 100, None, "=A1"])
    sheet.append([None, None, None, "4-40000", None, 100, "pendapatan"])
    path = tmp_path / "rumus.xlsx"
    book.save(path)  # openpyxl writes formulas without cached values
    result = read_workbook(path)
    located = {(p.row, p.field) for p in result.problems if "formula" in p.text.en.lower()}
    assert located == {(2, "description"), (2, "memo")}
