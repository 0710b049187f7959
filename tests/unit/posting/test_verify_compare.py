"""Comparing an entry as sent with the voucher read back from the books (no network)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.api.records import RemoteLine, RemoteVoucher
from app.core.books.journal import Account, JournalEntry, JournalLine
from app.posting.verify import compare

SENT = JournalEntry(
    date(2026, 8, 3),
    "JU/001",
    "Penjualan  tunai",
    [
        JournalLine("1101", debit=Decimal("1500000.50")),
        JournalLine("4101", credit=Decimal("1500000.5")),
    ],
    branch="Pusat",
)


def held(**changes) -> RemoteVoucher:
    fields = {
        "remote_id": "77",
        "number": "JU/001",
        "date": date(2026, 8, 3),
        "description": "Penjualan tunai",
        "branch": "PUSAT",
        "lines": (
            RemoteLine("4101", Decimal("0"), Decimal("1500000.500000")),
            RemoteLine("1101", Decimal("1500000.5"), Decimal("0")),
        ),
    }
    fields.update(changes)
    return RemoteVoucher(**fields)


def test_the_same_voucher_in_another_line_order_and_number_form_matches():
    assert compare(SENT, held()) == []


def test_each_kind_of_difference_is_named_with_both_values():
    remote = held(
        date=date(2026, 8, 4),
        description="Penjualan",
        branch="Cabang Surabaya",
        lines=(
            RemoteLine("4101", Decimal("0"), Decimal("1500000")),
            RemoteLine("1101", Decimal("1500000"), Decimal("0")),
        ),
    )
    found = {difference.field: difference.text.en for difference in compare(SENT, remote)}
    assert sorted(found) == ["branch", "date", "description", "lines"]
    assert "03 Aug 2026" in found["date"] and "04 Aug 2026" in found["date"]
    assert "Cabang Surabaya" in found["branch"]
    assert "1,500,000.50" in found["lines"] or "1.500.000,50" in found["lines"]


def test_a_difference_reads_in_each_language_with_its_sides_and_numbers():
    remote = held(
        lines=(
            RemoteLine("4101", Decimal("0"), Decimal("1500000")),
            RemoteLine("1101", Decimal("1500000"), Decimal("0")),
        ),
    )
    [difference] = compare(SENT, remote)
    assert difference.text.id == (
        "JU/001: baris jurnal berbeda; dikirim: 1101 D 1.500.000,50; 4101 K 1.500.000,50; "
        "di pembukuan: 1101 D 1.500.000,00; 4101 K 1.500.000,00."
    )
    assert difference.text.en == (
        "JU/001: the lines differ; sent: 1101 Dr 1,500,000.50; 4101 Cr 1,500,000.50; "
        "on the books: 1101 Dr 1,500,000.00; 4101 Cr 1,500,000.00."
    )
    assert difference.text.get("zh") == (
        "JU/001：分录行不同；发送的：1101 借 1,500,000.50；4101 贷 1,500,000.50；"
        "账簿中：1101 借 1,500,000.00；4101 贷 1,500,000.00。"
    )


def test_a_side_swapped_is_a_difference_even_with_equal_totals():
    swapped = held(
        lines=(
            RemoteLine("1101", Decimal("0"), Decimal("1500000.5")),
            RemoteLine("4101", Decimal("1500000.5"), Decimal("0")),
        )
    )
    assert [d.field for d in compare(SENT, swapped)] == ["lines"]


def test_the_default_branch_counts_when_the_entry_names_none_and_silence_is_not_a_difference():
    plain = JournalEntry(SENT.date, SENT.reference, SENT.description, SENT.lines)
    assert compare(plain, held(branch="Pusat"), default_branch="pusat") == []
    assert [d.field for d in compare(plain, held(), default_branch="Surabaya")] == ["branch"]
    assert compare(SENT, held(branch="")) == []  # the service did not report a branch


def test_lines_read_back_by_account_name_are_compared_through_the_chart():
    chart = {"1101": Account("1101", "Kas Besar"), "4101": Account("4101", "Pendapatan Jasa")}
    by_name = held(
        lines=(
            RemoteLine("", Decimal("1500000.5"), Decimal("0"), account_name="kas besar"),
            RemoteLine("", Decimal("0"), Decimal("1500000.5"), account_name="Pendapatan Jasa"),
        )
    )
    assert compare(SENT, by_name, chart=chart) == []
    wrong = {**chart, "1101": Account("1101", "Bank BCA")}
    assert [d.field for d in compare(SENT, by_name, chart=wrong)] == ["lines"]
