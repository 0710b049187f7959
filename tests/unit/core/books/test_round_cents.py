"""Excel float noise against real fractions of a cent, read from real .xlsx files, and the
round-to-cent fix that re-checks the balance afterwards."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.core.books.cents import round_cents, touched_entries
from app.core.books.checks import validate_entries
from app.core.books.journal import BALANCE, FRACTION_OF_CENT, JournalEntry, JournalLine
from app.core.excel.reader import ImportOptions, read_workbook
from tests.helpers.cached_formulas import Cached, write_cached_workbook
from tests.helpers.workbooks import write_workbook

HEADER = ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit"]
DAY = date(2026, 3, 31)


def entry_rows(reference: str, debit: object, credit: object) -> list[list[object]]:
    return [
        [DAY, reference, "PPh 23", "6105", debit, None],
        [DAY, reference, "PPh 23", "2103", None, credit],
    ]


def fractions(result) -> list:
    return [p for p in result.problems if p.code == FRACTION_OF_CENT]


# --- float noise is the whole-cent value ---------------------------------------------------


def test_formula_noise_in_cached_values_is_the_amount_the_accountant_sees(tmp_path):
    rows = [
        HEADER,
        *entry_rows("N-1", Cached("=F3*1", "317626.630000001"), 317626.63),
        *entry_rows("N-2", Cached("=0.1+0.2", "0.30000000000000004"), Cached("=0.3", "0.3")),
        *entry_rows("N-3", Cached("=-F7", "-317626.629999999"), -317626.63),
        *entry_rows("N-4", Cached("=1500000.1*1", "1500000.0999999999"), 1500000.10),
    ]
    path = write_cached_workbook(tmp_path / "rumus.xlsx", rows)

    result = read_workbook(path)

    debits = [entry.lines[0].debit for entry in result.entries]
    assert debits == [
        Decimal("317626.63"),
        Decimal("0.30"),
        Decimal("-317626.63"),
        Decimal("1500000.10"),
    ]
    assert all(debit.as_tuple().exponent == -2 for debit in debits)  # exactly two decimals
    assert not fractions(result)
    assert [p.row for p in result.problems] == [6, 7]  # only N-3's negative amounts


def test_noise_up_to_a_millionth_is_tolerated_and_no_more(tmp_path):
    rows = [HEADER, *entry_rows("T-1", 10.120001, 10.12), *entry_rows("T-2", 10.1200011, 10.12)]
    path = write_workbook(tmp_path / "batas.xlsx", rows)

    result = read_workbook(path)

    assert result.entries[0].lines[0].debit == Decimal("10.12")
    assert [(p.row, p.field, p.code) for p in result.problems if p.field != BALANCE] == [
        (4, "debit", FRACTION_OF_CENT)
    ]


# --- a real fraction of a cent is a problem of its own kind --------------------------------


def test_a_tax_formula_fraction_of_a_cent_is_kept_exactly_and_reported(tmp_path):
    rows = [HEADER, *entry_rows("P-1", Cached("=E3*0.02", "317626.6302"), 317626.63)]
    path = write_cached_workbook(tmp_path / "pajak.xlsx", rows)

    result = read_workbook(path)

    assert result.entries[0].lines[0].debit == Decimal("317626.6302")
    [problem] = fractions(result)
    assert (problem.row, problem.column, problem.field) == (2, "E (Debit)", "debit")
    assert problem.reference == "P-1"
    assert "317.626,6302" in problem.text.id and "317.626,63." in problem.text.id
    assert "317,626.6302" in problem.text.en and "rounded to the cent it is 317,626.63" in (
        problem.text.en
    )
    assert not result.ok


@pytest.mark.parametrize(
    ("cell", "exact", "rounded"),
    [
        (10.125, "10.125", "10,13"),
        ("10,125", "10.125", "10,13"),  # typed as text: a person's third decimal
        ("10,1200001", "10.1200001", "10,12"),  # text gets no tolerance
        (2.675, "2.675", "2,68"),  # as Excel shows it, not the binary 2.67499...
    ],
)
def test_each_fraction_of_a_cent_says_what_it_rounds_to(tmp_path, cell, exact, rounded):
    path = write_workbook(tmp_path / "sen.xlsx", [HEADER, *entry_rows("S-1", cell, cell)])

    result = read_workbook(path)

    assert result.entries[0].lines[0].debit == Decimal(exact)
    assert [(p.row, p.field) for p in fractions(result)] == [(2, "debit"), (3, "credit")]
    assert f"menjadi {rounded}." in fractions(result)[0].text.id
    assert result.entries[0].is_balanced  # exactly as held: nothing else is wrong
    assert len(result.problems) == 2


def test_a_negative_fraction_in_a_signed_amount_column_rounds_away_from_zero(tmp_path):
    rows = [["Tanggal", "No. Bukti", "Kode Akun", "Jumlah"]]
    rows += [[DAY, "J-1", "6105", 10.125], [DAY, "J-1", "2103", -10.125]]
    path = write_workbook(tmp_path / "jumlah.xlsx", rows)

    plain = read_workbook(path)
    rounded = read_workbook(path, ImportOptions(round_cents=True))

    assert plain.entries[0].lines[1].credit == Decimal("10.125")
    assert [(p.row, p.column) for p in fractions(plain)] == [(2, "D (Jumlah)"), (3, "D (Jumlah)")]
    assert [line.credit for line in rounded.entries[0].lines] == [Decimal("0"), Decimal("10.13")]
    assert rounded.ok


# --- the fix: round half-up, then check again -------------------------------------------------


def test_round_cents_on_reading_lists_each_change_and_leaves_a_balanced_entry_ready(tmp_path):
    rows = [HEADER, *entry_rows("P-1", Cached("=E3*0.02", "317626.6302"), 317626.63)]
    rows += entry_rows("P-2", 50000, 50000)
    path = write_cached_workbook(tmp_path / "pajak.xlsx", rows)

    result = read_workbook(path, ImportOptions(round_cents=True))

    assert result.ok
    assert result.entries[0].lines[0].debit == Decimal("317626.63")
    assert [(c.row, c.side, c.old, c.new) for c in result.roundings] == [
        (2, "debit", Decimal("317626.6302"), Decimal("317626.63"))
    ]
    described = [result.roundings[0].describe(language) for language in ("id", "en")]
    assert described == [
        "Jurnal, baris 2, debit (P-1): 317.626,6302 → 317.626,63",
        "Jurnal, row 2, debit (P-1): 317,626.6302 → 317,626.63",
    ]


def test_rounding_that_breaks_the_balance_shows_the_difference_and_changes_no_other_line(
    tmp_path,
):
    rows = [
        HEADER,
        [DAY, "B-1", "Dua baris", "6105", 10.125, None],
        [DAY, "B-1", "Dua baris", "6106", 10.125, None],
        [DAY, "B-1", "Dua baris", "2103", None, 20.25],
    ]
    path = write_workbook(tmp_path / "seimbang.xlsx", rows)

    before = read_workbook(path)
    after = read_workbook(path, ImportOptions(round_cents=True))

    assert [p.code for p in before.problems] == [FRACTION_OF_CENT, FRACTION_OF_CENT]
    assert [str(change.new) for change in after.roundings] == ["10.13", "10.13"]
    assert after.entries[0].lines[2].credit == Decimal("20.25")  # left alone
    [problem] = after.problems
    assert problem.field == BALANCE and problem.code == ""
    assert "selisih 0,01" in problem.text.id and "difference 0.01" in problem.text.en


def test_rounding_can_also_make_an_entry_balance(tmp_path):
    rows = [HEADER, *entry_rows("P-1", 317626.6302, 317626.63)]
    path = write_workbook(tmp_path / "pajak.xlsx", rows)

    before = read_workbook(path)

    balance = [p for p in before.problems if p.field == BALANCE]
    assert "selisih 0,0002" in balance[0].text.id  # a fraction of a cent is shown, not hidden
    assert read_workbook(path, ImportOptions(round_cents=True)).ok


def test_round_cents_works_in_place_on_any_entries_and_twice_changes_nothing():
    entries = [
        JournalEntry(DAY, "A", "", [JournalLine("1", debit=Decimal("0.004")), JournalLine("2")]),
        JournalEntry(
            DAY,
            "B",
            "",
            [
                JournalLine("1", debit=Decimal("-317626.6350")),
                JournalLine("2", credit=Decimal("12.50")),
            ],
        ),
    ]
    assert [p.code for p in validate_entries(entries)].count(FRACTION_OF_CENT) == 2

    changes = round_cents(entries)

    assert [(c.entry.reference, c.side, str(c.new)) for c in changes] == [
        ("A", "debit", "0.00"),  # never -0.00
        ("B", "debit", "-317626.64"),
    ]
    assert entries[0].lines[0].debit == 0 and entries[1].lines[1].credit == Decimal("12.50")
    assert touched_entries(changes) == entries
    assert round_cents(entries) == []
    codes = [p.code for p in validate_entries(entries)]
    assert FRACTION_OF_CENT not in codes
    assert "Baris ini tidak punya jumlah" in validate_entries(entries)[0].text.id
