"""Accounts written as accountants write them ("110101 - Kas Kecil", "[110101] Kas Kecil",
"Kas Kecil" ...): real workbooks read against a chart, each form resolved to its code or
refused with the candidates named, on its row and column; the account mapping applied after
the written form is read; and a competitor's Accurate headers recognised."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.books.account_mapping import AccountMap, unknown_codes
from app.core.books.journal import Account, Chart
from app.core.books.written_accounts import Found, resolve_account, with_account_codes
from app.core.excel.reader import ImportOptions, read_workbook
from tests.helpers.workbooks import write_workbook

CHART = Chart(
    [
        Account("1101", "Kas dan Setara Kas", is_parent=True),
        Account("110101", "Kas Kecil"),
        Account("110102", "Kas Besar"),
        Account("1-1100", "Bank  BCA"),  # a dash in the code, two spaces in the name
        Account("2101", "Titipan"),
        Account("2102", "Titipan"),  # two accounts share this name
        Account("4101", "Penjualan"),
        Account("2024", "Pendapatan Lain"),
        Account("9001", "2024"),  # a name that is another account's code
    ]
)
HEADER = ["Tanggal", "No. Bukti", "Deskripsi", "Akun", "Debit", "Kredit"]
WRITTEN_FORMS = [
    "110101",
    "110101 - Kas Kecil",
    "110101 \u2013 Kas Kecil",  # en dash
    "110101 \u2014 Kas Kecil",  # em dash
    "[110101] Kas Kecil",
    "(110101) Kas Kecil",
    "110101 Kas Kecil",
    "110101 | Kas Kecil",
    "110101-Kas Kecil",
    "110101 - KAS  KECIL",  # case and spacing aside
    "Kas Kecil",
    "  kas kecil ",
]


def journal(rows: list[tuple[str, str]]) -> list[list[object]]:
    """One two-line entry per (debit account, credit account), header first."""
    sheet: list[list[object]] = [HEADER]
    for number, (debit, credit) in enumerate(rows, start=1):
        reference = f"JU-{number:03}"
        sheet.append([date(2026, 3, 2), reference, "Kas", debit, 1000 * number, None])
        sheet.append([None, reference, None, credit, None, 1000 * number])
    return sheet


def account_problems(result) -> list[tuple[int | None, str, str]]:
    return [(p.row, p.column, p.text.en) for p in result.problems if p.field == "account"]


def test_every_written_form_of_one_account_is_read_as_its_code(tmp_path):
    rows = [(form, "4101 - Penjualan") for form in WRITTEN_FORMS]
    book = write_workbook(tmp_path / "ditulis.xlsx", journal(rows))
    result = read_workbook(book, chart=CHART)
    assert result.problems == []
    posted = with_account_codes(result.entries, CHART)
    assert [entry.lines[0].account for entry in posted] == ["110101"] * len(WRITTEN_FORMS)
    assert {entry.lines[1].account for entry in posted} == {"4101"}
    # What was written stays beside the code (for the result workbook), the code alone has none.
    written = [entry.lines[0].written_account for entry in posted]
    assert written == ["", *(form.strip() for form in WRITTEN_FORMS[1:])]


def test_a_code_with_a_dash_and_a_name_with_two_spaces_are_read_exactly(tmp_path):
    rows = [("1-1100 - Bank BCA", "[1-1100] bank  bca"), ("Bank BCA", "1-1100 Bank BCA")]
    result = read_workbook(write_workbook(tmp_path / "bank.xlsx", journal(rows)), chart=CHART)
    assert result.problems == []
    coded = with_account_codes(result.entries, CHART)
    assert {line.account for entry in coded for line in entry.lines} == {"1-1100"}


def test_a_code_of_the_chart_is_always_that_code_never_a_name():
    # "2024" is account 2024's code and account 9001's name: written alone, it is the code.
    assert resolve_account("2024", CHART).code == "2024"
    # Written with a name, it is whichever the name says.
    assert resolve_account("2024 - Pendapatan Lain", CHART).code == "2024"
    assert resolve_account("9001 2024", CHART).code == "9001"


def test_problems_name_the_candidates_on_the_row_and_column_at_fault(tmp_path):
    rows = [
        ("Titipan", "4101"),  # a name two accounts have
        ("110101 - Kas Besar", "4101"),  # the code's name in the chart is Kas Kecil
        ("110199 - Kas Lain", "4101"),  # a code the chart does not have
        ("Kas Tunai", "4101"),  # a name the chart does not have
        ("1101 - Kas dan Setara Kas", "4101"),  # resolves, but to a parent account
    ]
    result = read_workbook(write_workbook(tmp_path / "salah.xlsx", journal(rows)), chart=CHART)
    found = account_problems(result)
    assert [(row, column) for row, column, _ in found] == [
        (2, "D (Akun)"),
        (4, "D (Akun)"),
        (6, "D (Akun)"),
        (8, "D (Akun)"),
        (10, "D (Akun)"),
    ]
    ambiguous, other_name, unknown_code, unknown_name, parent = (t for _, _, t in found)
    assert "'Titipan' could mean 2 accounts: 2101 (Titipan), 2102 (Titipan)" in ambiguous
    assert "code 110101 is called 'Kas Kecil' in the chart, not 'Kas Besar'" in other_name
    assert "Accounts called 'Kas Besar': 110102 (Kas Besar)" in other_name
    assert unknown_code.startswith("Account 110199 ('110199 - Kas Lain') is not in this")
    assert unknown_name.startswith("Account Kas Tunai is not in this company's chart")
    assert "Account 1101 (Kas dan Setara Kas) is a parent account" in parent
    # The Indonesian text says the same.
    assert "bisa berarti 2 akun" in result.problems[0].text.id
    # Nothing resolves the refused lines.
    assert [e.lines[0].account for e in with_account_codes(result.entries, CHART)][:4] == [
        "Titipan",
        "110101 - Kas Besar",
        "110199 - Kas Lain",
        "Kas Tunai",
    ]


def test_a_written_form_is_read_first_then_mapped(tmp_path):
    """The workbook uses another chart's codes with their names: its code is found in the
    written form, then the company's mapping puts the line on the company's code."""
    rows = [("1-1000 - Petty Cash", "[4-0000] Sales"), ("1-1000", "4-0000 Sales")]
    book = write_workbook(tmp_path / "klien.xlsx", journal(rows))
    unmapped = read_workbook(book, chart=CHART)
    # Unknown codes are listed by their code, the written text as the sample to recognise.
    listed = unknown_codes(unmapped.entries, CHART)
    assert [(u.code, u.lines, u.sample) for u in listed] == [
        ("1-1000", 2, "1-1000 - Petty Cash"),
        ("4-0000", 2, "[4-0000] Sales"),
    ]
    mapping = AccountMap({"1-1000": "110101", "4-0000": "4101"})
    result = read_workbook(book, ImportOptions(account_map=mapping), chart=CHART)
    assert result.problems == []
    assert [(r.old, r.new) for r in result.remapped] == [
        ("1-1000 - Petty Cash", "110101"),
        ("[4-0000] Sales", "4101"),
        ("1-1000", "110101"),
        ("4-0000 Sales", "4101"),
    ]
    assert [line.account for e in result.entries for line in e.lines] == [
        "110101",
        "4101",
    ] * 2


def test_a_line_naming_a_company_account_is_not_mapped_though_an_old_code_starts_it(tmp_path):
    """Read first, then mapped: "Kas Kecil" is the company's 110101, even with an old code
    "Kas" (a name the client's chart used) in the mapping; "Kas" alone is mapped."""
    rows = [("Kas Kecil", "4101"), ("Kas", "4101"), ("110101 - Kas Kecil", "4101")]
    book = write_workbook(tmp_path / "sudah.xlsx", journal(rows))
    mapping = AccountMap({"Kas": "110102"})
    result = read_workbook(book, ImportOptions(account_map=mapping), CHART)
    assert [(r.old, r.new) for r in result.remapped] == [("Kas", "110102")]
    assert result.problems == []
    coded = with_account_codes(result.entries, CHART)
    assert [e.lines[0].account for e in coded] == ["110101", "110102", "110101"]


@pytest.mark.parametrize(
    ("written", "found"),
    [("", Found.EMPTY), ("Titipan", Found.AMBIGUOUS), ("110101 Kas Besar", Found.OTHER_NAME)],
)
def test_what_a_written_account_comes_to(written, found):
    assert resolve_account(written, CHART).found is found
