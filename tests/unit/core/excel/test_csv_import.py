"""A CSV file is imported like an Excel workbook of one sheet: the same header search, column
mapping, number styles and checks. The files here are written byte for byte as Excel saves
them: "CSV (Comma delimited)" on an Indonesian Windows (semicolons, Windows-1252, CRLF,
1.500.000,00), "CSV UTF-8" on an English one (commas, a byte-order mark, 1,500,000.00 in
quotes), and Excel's `sep=;` hint line."""

from __future__ import annotations

import codecs
from datetime import date
from decimal import Decimal

import pytest

from app.core.books.number_style import NumberStyle
from app.core.excel.error_report import write_error_report
from app.core.excel.reader import ImportOptions, WorkbookError, list_sheets, read_workbook
from app.core.grid.page_words import WORKBOOK_FILTER
from tests.helpers.workbooks import write_workbook

INDONESIAN_EXCEL = (
    "Tanggal;No. Bukti;Deskripsi;Kode Akun;Debit;Kredit;Keterangan\r\n"
    "05/08/2026;JV-001;Bayar listrik PLN;6100;1.500.000,00;;Tagihan Agustus – PLN\r\n"
    "05/08/2026;JV-001;;0110;;1.500.000,00;Kas kecil\r\n"
    '06/08/2026;JV-002;"Penjualan; tunai";1100;2.220.000,50;;\r\n'
    "06/08/2026;JV-002;;4100;;2000000;\r\n"
    "06/08/2026;JV-002;;2150;;220000,5;PPN\r\n"
)
ENGLISH_EXCEL = (
    "Date,Reference,Description,Account,Debit,Credit,Memo\r\n"
    '05/08/2026,JV-001,Bayar listrik,6100,"1,500,000.00",,Tagihan Agustus – PLN\r\n'
    '05/08/2026,JV-001,,0110,,"1,500,000.00",Kas kecil\r\n'
    '06/08/2026,JV-002,"Penjualan, tunai",1100,2220000.5,,\r\n'
    "06/08/2026,JV-002,,4100,,2000000,\r\n"
    "06/08/2026,JV-002,,2150,,220000.50,PPN\r\n"
)


def lines(entry) -> list[tuple[str, Decimal, Decimal]]:
    return [(line.account, line.debit, line.credit) for line in entry.lines]


def assert_the_two_entries(result) -> None:
    assert result.ok, [p.describe("en") for p in result.problems]
    first, second = result.entries
    assert (first.reference, first.date) == ("JV-001", date(2026, 8, 5))
    assert lines(first) == [
        ("6100", Decimal("1500000.00"), Decimal(0)),
        ("0110", Decimal(0), Decimal("1500000.00")),  # the leading zero kept
    ]
    assert first.lines[0].memo == "Tagihan Agustus – PLN"
    assert second.reference == "JV-002" and second.date == date(2026, 8, 6)
    assert second.total_debit == second.total_credit == Decimal("2220000.50")
    assert [line.account for line in second.lines] == ["1100", "4100", "2150"]


def test_semicolons_in_windows_1252_with_indonesian_numbers(tmp_path):
    path = tmp_path / "jurnal agustus.csv"
    path.write_bytes(INDONESIAN_EXCEL.encode("cp1252"))

    result = read_workbook(path)

    assert_the_two_entries(result)
    assert result.sheet == "jurnal agustus"  # as Excel names the sheet of a CSV
    assert result.entries[1].description == "Penjualan; tunai"
    assert list_sheets(path) == ["jurnal agustus"]


def test_commas_in_utf8_with_a_byte_order_mark_and_english_numbers(tmp_path):
    path = tmp_path / "journal.csv"
    path.write_bytes(codecs.BOM_UTF8 + ENGLISH_EXCEL.encode("utf-8"))

    result = read_workbook(path, ImportOptions(number_style=NumberStyle.EN))

    assert_the_two_entries(result)
    assert result.headers[0] == "Date"  # the mark is not part of the first header
    assert result.entries[1].description == "Penjualan, tunai"


def test_english_numbers_read_in_the_indonesian_style_say_which_style_to_choose(tmp_path):
    path = tmp_path / "journal.csv"
    path.write_bytes(codecs.BOM_UTF8 + ENGLISH_EXCEL.encode("utf-8"))

    result = read_workbook(path)  # the default style, as for an Excel workbook

    assert not result.ok
    assert any("choose the English number style" in p.text.en for p in result.problems)


def test_excels_separator_line_and_title_rows_above_the_header(tmp_path):
    path = tmp_path / "dengan-judul.csv"
    text = "sep=;\r\nJurnal Umum PT Maju;;;;;;\r\n;;;;;;\r\n" + INDONESIAN_EXCEL
    path.write_bytes(text.encode("utf-8"))

    result = read_workbook(path)

    assert_the_two_entries(result)
    assert result.header_row == 3


def test_a_csv_reads_the_same_as_the_workbook_excel_would_save(tmp_path):
    csv_path = tmp_path / "jurnal.csv"
    csv_path.write_bytes(INDONESIAN_EXCEL.encode("cp1252"))
    rows = [
        row.split(";")
        for row in INDONESIAN_EXCEL.replace('"Penjualan; tunai"', "P").split("\r\n")
        if row
    ]
    xlsx = write_workbook(tmp_path / "jurnal.xlsx", rows)

    from_csv = read_workbook(csv_path)
    from_xlsx = read_workbook(xlsx)

    assert [lines(e) for e in from_csv.entries] == [lines(e) for e in from_xlsx.entries]
    assert from_csv.mapping.as_dict() == from_xlsx.mapping.as_dict()


def test_problems_in_a_csv_are_placed_on_its_rows_and_the_report_can_be_saved(tmp_path):
    path = tmp_path / "salah.csv"
    path.write_bytes(
        "Tanggal;No. Bukti;Kode Akun;Debit;Kredit\r\n"
        "31/02/2026;JV-9;6100;1.000,00;\r\n"
        "31/02/2026;JV-9;1100;;sejuta\r\n".encode("cp1252")
    )

    result = read_workbook(path)

    assert {(p.row, p.field) for p in result.problems} >= {(2, "date"), (3, "credit")}
    report = write_error_report(result, tmp_path / "laporan.xlsx")
    assert report.is_file()


def test_a_csv_without_the_needed_columns_says_what_is_missing(tmp_path):
    path = tmp_path / "catatan.csv"
    path.write_text("Tanggal,No. Bukti\n05/08/2026,JV-1\n", encoding="utf-8")

    with pytest.raises(WorkbookError) as raised:
        read_workbook(path)

    assert "No header row found" in raised.value.text.en
    assert "Kode Akun" in raised.value.text.id


def test_the_import_dialog_offers_csv_files():
    assert "*.csv" in WORKBOOK_FILTER.id.split(";;")[0]
    assert "*.csv" in WORKBOOK_FILTER.en.split(";;")[0]
