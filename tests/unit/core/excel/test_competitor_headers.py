"""A competitor's Accurate importer's column titles ("Transaction Number", "Trans Date",
"JV No", "Akun Perkiraan", "No Department", "Kategori Keuangan 1" ...) read from a real
workbook, and the template's instructions listing every title read per column."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from app.core.excel.reader import read_workbook
from app.core.excel.template import INSTRUCTIONS_SHEET, write_template
from tests.helpers.workbooks import write_workbook

COMPETITOR_HEADER = [
    "Transaction Number",
    "Trans Date",
    "Trans Description",
    "JV No",
    "Akun Perkiraan",
    "Debit",
    "Credit",
    "Kurs",
    "No Department",
    "No Project",
    "Memo",
    "Kategori Keuangan 1",
    "Classification 2",
    "Branch",
]


def test_a_competitor_importers_headers_are_read(tmp_path):
    rows = [
        COMPETITOR_HEADER,
        [1, date(2026, 3, 2), "Setor kas", "JV-0301", "110101 - Kas Kecil", 500000, None,
         None, "ADM", "P-01", "kas masuk", "Operasional", "Jakarta", "Pusat"],
        [1, date(2026, 3, 2), "Setor kas", "JV-0301", "[4101] Penjualan", None, 500000,
         None, "ADM", "P-01", "penjualan", "Operasional", "Jakarta", None],
    ]  # fmt: skip
    result = read_workbook(write_workbook(tmp_path / "pesaing.xlsx", rows))
    assert result.problems == []
    assert result.mapping.as_dict() == {
        "date": 1,
        "reference": 3,  # JV No is the voucher number; Transaction Number is left over
        "description": 2,
        "account": 4,
        "debit": 5,
        "credit": 6,
        "memo": 10,
        "department": 8,
        "project": 9,
        "branch": 13,
        "rate": 7,
        "classification1": 11,
        "classification2": 12,
    }
    (entry,) = result.entries
    assert (entry.reference, entry.description, entry.branch) == ("JV-0301", "Setor kas", "Pusat")
    first = entry.lines[0]
    assert (first.department, first.project, first.memo) == ("ADM", "P-01", "kas masuk")
    assert first.classifications == ("Operasional", "Jakarta")
    assert [line.account for line in entry.lines] == ["110101 - Kas Kecil", "[4101] Penjualan"]


def test_transaction_number_alone_is_the_reference(tmp_path):
    header = ["Transaction Number", "Trans Date", "Akun Perkiraan", "Debit", "Credit"]
    rows = [
        header,
        ["T-1", date(2026, 3, 2), "Kas Kecil", 10, None],
        ["T-1", None, "4101", None, 10],
    ]
    result = read_workbook(write_workbook(tmp_path / "t.xlsx", rows))
    assert result.problems == [] and [e.reference for e in result.entries] == ["T-1"]


def test_the_template_lists_the_titles_read_and_the_account_forms(tmp_path):
    path = write_template(tmp_path / "template.xlsx")
    sheet = load_workbook(path)[INSTRUCTIONS_SHEET]
    english = "\n".join(str(row[1].value or "") for row in sheet.iter_rows(min_row=2))
    indonesian = "\n".join(str(row[0].value or "") for row in sheet.iter_rows(min_row=2))
    for title in ("Transaction Number", "Trans Date", "Trans Description", "JV No",
                  "Akun Perkiraan", "No Department", "No Project", "Kategori Keuangan 1",
                  "Classification 10", "Branch", "Kurs", "Memo", "Credit"):  # fmt: skip
        assert title in english and title in indonesian
    assert "  Account: Kode Akun, No. Akun" in english
    assert "  Kode Akun: Kode Akun, No. Akun" in indonesian
    for form in ("110101 - Kas Kecil", "[110101] Kas Kecil", "110101 | Kas Kecil"):
        assert form in english and form in indonesian
