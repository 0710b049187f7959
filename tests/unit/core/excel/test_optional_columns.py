"""The optional journal columns (branch, party, currency rate and foreign amount, data
classifications) read from real workbooks, checked, and kept through the outbox's JSON."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from app.core.books.checks import validate_entry
from app.core.books.journal import JournalEntry, JournalLine
from app.core.books.money import AmountError
from app.core.books.number_style import NumberStyle
from app.core.books.serialize import entry_from_dict, entry_to_dict, fingerprint
from app.core.excel.optional_fields import format_number, parse_number
from app.core.excel.reader import ImportOptions, read_workbook
from tests.helpers.workbooks import write_workbook

D = Decimal
JAN5, JAN6 = date(2026, 1, 5), date(2026, 1, 6)
CORE_ID = ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit"]
OPTIONAL_ID = ["Cabang", "Kode Pelanggan", "No. Pemasok", "Karyawan", "Kurs", "Jumlah Valuta"]
OPTIONAL_ID += ["Klasifikasi 1", "Klasifikasi 3"]
CORE_EN = ["Date", "Reference", "Description", "Account", "Debit", "Credit"]
OPTIONAL_EN = ["Branch", "Customer No", "Supplier", "Employee ID", "Currency Rate"]
OPTIONAL_EN += ["Foreign Amount", "Data Classification 1", "Data Classification 3"]


def rows_with_every_field(style: NumberStyle = NumberStyle.ID) -> list[list[object]]:
    """A USD receivable (customer, rate as text in the style, classes 1 and 3) and a payable
    to a vendor with a rate of four decimals, as numbers the way Excel stores them."""
    rate_text = "15.750,00" if style is NumberStyle.ID else "15,750.00"
    return [
        [JAN5, "JU-1", "Penjualan ekspor", "1201", 1_575_000, None,
         "Jakarta", "C-001", None, None, rate_text, 100, "Ekspor", "Asia"],
        [JAN5, "JU-1", None, "4101", None, 1_575_000,
         None, None, None, None, None, None, 2026, None],
        [JAN6, "JU-2", "Beli dari Jepang", "6105", 10_537_210, None,
         "Surabaya", None, None, "E-07", None, None, None, None],
        [JAN6, "JU-2", None, "2101", None, 10_537_210,
         "Surabaya", None, "V-JP-1", None, 105.3721, 100_000, None, None],
    ]  # fmt: skip


def assert_every_field_read(entries: list[JournalEntry]) -> None:
    sale, purchase = entries
    assert (sale.branch, purchase.branch) == ("Jakarta", "Surabaya")
    receivable, revenue = sale.lines
    assert (receivable.customer, receivable.vendor, receivable.employee) == ("C-001", "", "")
    assert (receivable.rate, receivable.prime_amount) == (D("15750.00"), D("100.00"))
    assert receivable.classifications == ("Ekspor", "", "Asia")
    assert revenue.classifications == ("2026",)  # a number typed as a class is its text
    assert (revenue.rate, revenue.prime_amount, revenue.customer) == (None, None, "")
    assert purchase.lines[0].employee == "E-07"
    payable = purchase.lines[1]
    assert payable.vendor == "V-JP-1"
    assert payable.rate == D("105.3721")  # four decimals kept, not rounded to cents
    assert payable.prime_amount == D("100000.00")


# --- reading --------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["xlsx", "xls", "ods"])
def test_every_optional_column_is_read_from_indonesian_headers(tmp_path, suffix):
    path = write_workbook(
        tmp_path / f"jurnal.{suffix}", [CORE_ID + OPTIONAL_ID, *rows_with_every_field()]
    )

    result = read_workbook(path)

    assert result.ok, [p.describe("en") for p in result.problems]
    assert_every_field_read(result.entries)
    assert result.mapping.classification3 == 13 and result.mapping.classification2 is None


def test_every_optional_column_is_read_from_english_headers_and_english_numbers(tmp_path):
    rows = [CORE_EN + OPTIONAL_EN, *rows_with_every_field(NumberStyle.EN)]
    path = write_workbook(tmp_path / "journal.xlsx", rows)

    result = read_workbook(path, ImportOptions(number_style=NumberStyle.EN))

    assert result.ok, [p.describe("en") for p in result.problems]
    assert_every_field_read(result.entries)


def test_optional_columns_can_be_mapped_by_header_name_or_letter(tmp_path):
    headers = [*CORE_ID, "Lokasi", "Mitra", "Pemasok X", "Staf", "Tukar", "USD", "Grup", "Area"]
    path = write_workbook(tmp_path / "jurnal.xlsx", [headers, *rows_with_every_field()])
    mapping = {"branch": "lokasi", "customer": "Mitra", "vendor": "I", "employee": "J"}
    mapping |= {"rate": "Tukar", "prime_amount": "L", "classification1": "grup"}
    mapping |= {"classification3": "N"}

    result = read_workbook(path, ImportOptions(mapping=mapping))

    assert result.ok, [p.describe("en") for p in result.problems]
    assert_every_field_read(result.entries)


def test_a_sheet_without_optional_columns_reads_as_before(tmp_path):
    rows = [CORE_ID, [JAN5, "JU-1", "Sewa", "6200", 900_000, None]]
    rows.append([JAN5, "JU-1", None, "1101", None, 900_000])
    result = read_workbook(write_workbook(tmp_path / "jurnal.xlsx", rows))

    line = result.entries[0].lines[0]
    assert result.entries[0].branch == ""
    assert (line.customer, line.rate, line.prime_amount, line.classifications) == (
        "",
        None,
        None,
        (),
    )


def test_branch_is_the_entrys_first_row_and_another_branch_below_is_a_problem(tmp_path):
    rows = [
        [*CORE_ID, "Cabang"],
        [JAN5, "JU-1", "Sewa", "6200", 900_000, None, "Jakarta"],
        [JAN5, "JU-1", None, "1101", None, 400_000, None],  # blank: the entry's branch
        [JAN5, "JU-1", None, "1102", None, 500_000, "Jakarta"],
        [JAN6, "JU-2", "Listrik", "6105", 100_000, None, None],
        [JAN6, "JU-2", None, "1101", None, 100_000, "Bandung"],
        [JAN6, "JU-3", "Air", "6106", 50_000, None, "Medan"],
        [JAN6, "JU-3", None, "1101", None, 50_000, "Bandung"],
    ]
    result = read_workbook(write_workbook(tmp_path / "jurnal.xlsx", rows))

    assert [entry.branch for entry in result.entries] == ["Jakarta", "", "Medan"]
    problems = [(p.row, p.column, p.field) for p in result.problems]
    assert problems == [(6, "G (Cabang)", "branch"), (8, "G (Cabang)", "branch")]
    no_branch, other_branch = result.problems
    assert "Bandung" in no_branch.text.id and "baris pertama" in no_branch.text.id
    assert "first row of entry JU-2" in no_branch.text.en
    assert "(Bandung)" in other_branch.text.en and "(Medan)" in other_branch.text.en
    assert "berbeda dari cabang jurnal JU-3" in other_branch.text.id


def test_a_row_holding_only_optional_cells_is_not_dropped(tmp_path):
    rows = [[*CORE_ID, "Pelanggan"], [JAN5, "JU-1", "Sewa", "6200", 900_000, None, None]]
    rows += [[JAN5, "JU-1", None, "1101", None, 900_000, None], [None] * 6 + ["C-9"]]
    result = read_workbook(write_workbook(tmp_path / "jurnal.xlsx", rows))

    assert result.row_count == 3
    assert result.entries[0].lines[-1].customer == "C-9"
    assert {p.row for p in result.problems} == {4}  # no account and no amount there


@pytest.mark.parametrize(
    ("rate", "prime", "field", "indonesian", "english"),
    [
        ("lima belas ribu", 100, "rate", "bukan angka", "not a number"),
        (15750, "seratus", "prime_amount", "bukan angka", "not a number"),
        ("15750.5", 100, "rate", "gaya Indonesia", "Indonesian-style"),
        (105.1234567, 100, "rate", "lebih dari 6 angka desimal", "more than 6 decimals"),
    ],
)
def test_a_rate_or_foreign_amount_that_is_not_a_number_is_a_problem_on_its_cell(
    tmp_path, rate, prime, field, indonesian, english
):
    rows = [[*CORE_ID, "Kurs", "Jumlah Valuta"]]
    rows.append([JAN5, "JU-1", "Impor", "1105", 1_575_000, None, rate, prime])
    rows.append([JAN5, "JU-1", None, "2101", None, 1_575_000, None, None])
    result = read_workbook(write_workbook(tmp_path / "jurnal.xlsx", rows))

    (problem,) = result.problems  # not also "rate without foreign amount"
    column = {"rate": "G (Kurs)", "prime_amount": "H (Jumlah Valuta)"}[field]
    assert (problem.row, problem.column, problem.field) == (2, column, field)
    assert indonesian in problem.text.id and english in problem.text.en


def test_bad_combinations_are_problems_on_the_cell_at_fault_in_both_languages(tmp_path):
    headers = [*CORE_ID, "Pelanggan", "Pemasok", "Karyawan", "Kurs", "Jumlah Valuta"]
    rows = [
        headers,
        [JAN5, "JU-1", "Dua pihak", "1201", 1000, None, "C-1", "V-1", None, None, None],
        [JAN5, "JU-1", None, "4101", None, 1000, "C-1", "V-1", "E-1", None, None],
        [JAN6, "JU-2", "Kurs saja", "1105", 1000, None, None, None, None, 15750, None],
        [JAN6, "JU-2", None, "4101", None, 1000, None, None, None, None, 20],
        [JAN6, "JU-3", "Nol dan minus", "1105", 1000, None, None, None, None, 0, -5],
        [JAN6, "JU-3", None, "4101", None, 1000, None, None, None, None, None],
    ]
    result = read_workbook(write_workbook(tmp_path / "jurnal.xlsx", rows))

    found = [(p.row, p.column, p.field) for p in result.problems]
    assert found == [
        (2, "H (Pemasok)", "vendor"),
        (3, "H (Pemasok)", "vendor"),
        (4, "K (Jumlah Valuta)", "prime_amount"),
        (5, "J (Kurs)", "rate"),
        (6, "J (Kurs)", "rate"),
        (6, "K (Jumlah Valuta)", "prime_amount"),
    ]
    two, three, rate_only, prime_only, zero, negative = result.problems
    assert "pelanggan C-1, pemasok V-1" in two.text.id
    assert "customer C-1, vendor V-1, employee E-1" in three.text.en
    assert "Jumlah Valuta kosong" in rate_only.text.id
    assert "foreign amount is empty" in rate_only.text.en
    assert "rate is empty" in prime_only.text.en
    assert "Kurs harus lebih dari nol, bukan 0,00" in zero.text.id
    assert "The foreign amount must be more than zero, not -5,00" in negative.text.en


# --- checks on entries built in code (the grid, the outbox) ---------------------------------


def test_validation_names_the_field_of_each_optional_problem():
    entry = JournalEntry(
        JAN5,
        "JU-1",
        "Uji",
        [
            JournalLine("1201", debit=D(10), customer="C", employee="E"),
            JournalLine("4101", credit=D(10), prime_amount=D(3)),
            JournalLine("4102", classifications=("a",) * 11),
        ],
    )

    found = [p.field for p in validate_entry(entry)]

    # The first party is not the one at fault; the second is. The line's amounts are checked
    # as always (the third line has none).
    assert found == ["employee", "rate", "debit", "classification10"]


def test_a_line_with_one_party_and_a_rate_with_its_amount_has_no_problem():
    entry = JournalEntry(
        JAN5,
        "JU-1",
        "Ekspor",
        [
            JournalLine(
                "1201", debit=D(1575000), customer="C-1", rate=D(15750), prime_amount=D(100)
            ),
            JournalLine("4101", credit=D(1575000), classifications=("", "Asia")),
        ],
        branch="Jakarta",
    )

    assert validate_entry(entry) == []


# --- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "style", "expected"),
    [
        ("15.750,00", NumberStyle.ID, "15750.00"),
        ("105,3721", NumberStyle.ID, "105.3721"),
        ("Rp 15.750,5", NumberStyle.ID, "15750.50"),
        ("1,575.123456", NumberStyle.EN, "1575.123456"),
        ("0.000065", NumberStyle.EN, "0.000065"),
        (105.3721, NumberStyle.ID, "105.3721"),
        (15750.0, NumberStyle.EN, "15750.00"),
        (0.1 + 0.2, NumberStyle.ID, "0.30"),  # binary noise, not a real decimal
        (3, NumberStyle.ID, "3.00"),
        ("  ", NumberStyle.ID, None),
    ],
)
def test_rates_are_read_in_the_amount_styles_with_up_to_six_decimals(value, style, expected):
    parsed = parse_number(value, style)
    assert parsed == (None if expected is None else D(expected))
    if expected is not None:
        assert str(parsed) == expected


@pytest.mark.parametrize("value", ["abc", "1,1234567", True, float("nan"), "1.2.3,45"])
def test_what_is_not_a_rate_is_refused_with_a_message(value):
    with pytest.raises(AmountError) as raised:
        parse_number(value, NumberStyle.ID)
    assert raised.value.text.id and raised.value.text.en


def test_numbers_are_shown_with_every_decimal_they_have():
    assert format_number(D("15750.00")) == "15.750,00"
    assert format_number(D("105.3721")) == "105,3721"
    assert format_number(D("1575.5"), NumberStyle.EN) == "1,575.50"
    assert format_number(None) == ""


# --- through the outbox -----------------------------------------------------------------------


def test_every_optional_field_survives_the_outbox_json(tmp_path):
    path = write_workbook(
        tmp_path / "jurnal.xlsx", [CORE_ID + OPTIONAL_ID, *rows_with_every_field()]
    )
    entries = read_workbook(path).entries

    stored = [json.loads(json.dumps(entry_to_dict(entry))) for entry in entries]
    restored = [entry_from_dict(data) for data in stored]

    assert restored == entries
    assert_every_field_read(restored)
    assert [fingerprint(e) for e in restored] == [fingerprint(e) for e in entries]


def test_optional_fields_are_part_of_what_the_fingerprint_compares():
    entry = JournalEntry(JAN5, "JU-1", "Ekspor", [JournalLine("1201", debit=D(1))])
    moved = JournalEntry(JAN5, "JU-1", "Ekspor", [JournalLine("1201", debit=D(1))], branch="Medan")
    other_rate = JournalEntry(
        JAN5, "JU-1", "Ekspor", [JournalLine("1201", debit=D(1), rate=D(2), prime_amount=D(1))]
    )
    same_rate = JournalEntry(
        JAN5, "JU-1", "Ekspor", [JournalLine("1201", debit=D(1), rate=D("2.00"), prime_amount=D(1))]
    )

    assert len({fingerprint(entry), fingerprint(moved), fingerprint(other_rate)}) == 3
    assert fingerprint(other_rate) == fingerprint(same_rate)


def test_an_entry_without_optional_fields_keeps_the_fingerprint_earlier_outboxes_stored():
    # Computed by the serializer as it was before the optional fields existed: outbox files
    # written then must still recognise their entries ("the same entry again").
    entry = JournalEntry(
        JAN5,
        "JU-2026-0001",
        "Penjualan tunai kepada Toko Sinar Jaya",
        [
            JournalLine("1101", debit=D("1665000.00"), memo="Kas diterima", department="Penjualan",
                        row=2),
            JournalLine("4101", credit=D("1500000.00"), memo="Penjualan barang", row=3),
            JournalLine("2105", credit=D("165000.00"), memo="PPN Keluaran 11%", project="P-01",
                        row=4),
        ],
        sheet="Jurnal",
    )  # fmt: skip

    assert fingerprint(entry) == "1f556c55542035cf2b8c2e2242d77f7290cf2440110d9481d34c4beb595c51bd"
    assert set(entry_to_dict(entry)) == {"date", "reference", "description", "sheet", "lines"}
    assert set(entry_to_dict(entry)["lines"][0]) == {
        "account", "debit", "credit", "memo", "department", "project", "row"
    }  # fmt: skip
