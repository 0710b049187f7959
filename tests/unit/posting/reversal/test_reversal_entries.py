"""The reversing entry of a posted entry: sides swapped, everything else kept, its number
derived from the original's within Accurate's length, unique and the same every time; and an
outbox file of schema 4 gaining the link between a batch and its reversal."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

from app.core.books.journal import JournalEntry, JournalLine
from app.posting.outbox.ledger import Outbox
from app.posting.outbox.migration import SCHEMA_VERSION
from app.posting.reversal.entries import reversal_entries, reversal_entry, reversal_reference


def original(reference: str = "JU-001") -> JournalEntry:
    lines = [
        JournalLine("1101", debit=Decimal("1500000.50"), memo="kas", department="Jakarta"),
        JournalLine("2101", credit=Decimal("1500000.50"), vendor="V-01", rate=Decimal("15000"),
                    prime_amount=Decimal("100.0000333"), classifications=("Proyek A",)),
    ]  # fmt: skip
    return JournalEntry(date(2026, 8, 5), reference, "Penjualan", lines, branch="Surabaya")


def test_every_line_swaps_sides_and_keeps_its_other_fields():
    reversed_ = reversal_entry(original(), "JU-001-R", None)
    first, second = reversed_.lines
    assert (first.debit, first.credit) == (Decimal(0), Decimal("1500000.50"))
    assert (second.debit, second.credit) == (Decimal("1500000.50"), Decimal(0))
    assert (first.memo, first.department) == ("kas", "Jakarta")
    assert (second.vendor, second.rate, second.prime_amount, second.classifications) == (
        "V-01", Decimal("15000"), Decimal("100.0000333"), ("Proyek A",),
    )  # fmt: skip
    assert reversed_.description == "Pembalik: Penjualan"
    assert (reversed_.date, reversed_.branch) == (date(2026, 8, 5), "Surabaya")
    assert reversal_entry(original(), "X", date(2026, 9, 1)).date == date(2026, 9, 1)


def test_a_description_the_prefix_pushes_over_the_limit_is_cut_at_its_end():
    long = original()
    long.description = "x" * 250
    cut = reversal_entry(long, "JU-001-R", None, description_limit=255).description
    assert len(cut) == 255 and cut.startswith("Pembalik: xxx") and cut.endswith("x…")


def test_a_number_too_long_for_accurate_is_shortened_the_same_way_every_time_and_unique():
    long_a = "KAS-KELUAR/2026/08/CABANG-SURABAYA/0001"
    long_b = "KAS-KELUAR/2026/08/CABANG-SURABAYA/0002"
    never = lambda _number: False  # noqa: E731
    first = reversal_reference(long_a, 30, never)
    assert len(first) == 30 and first.startswith("KAS-KELUAR/2026/08/C") and first.endswith("-R")
    assert first == reversal_reference(long_a, 30, never)
    assert first != reversal_reference(long_b, 30, never)
    assert reversal_reference("JU-001", 30, never) == "JU-001-R"
    assert reversal_reference("JU-001", None, {"JU-001-R"}.__contains__) == "JU-001-R2"


def test_numbers_already_used_on_the_books_or_in_the_batch_are_avoided():
    entries = [original("JU-001"), original("JU-001-R")]
    numbers = [
        e.reference for e in reversal_entries(entries, None, limit=30, in_use=lambda _n: False)
    ]
    assert numbers == ["JU-001-R2", "JU-001-R-R"]


def test_a_schema_4_file_gains_the_reversal_links(tmp_path):
    path = tmp_path / "outbox.sqlite3"
    with Outbox(path):
        pass
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE reversals")
        db.execute("PRAGMA user_version=4")
    db.close()
    with Outbox(path) as outbox:
        first = outbox.create_batch("P", "sempoa", [original()])
        second = outbox.create_batch("P", "sempoa", [original("JU-001-R")], reverses=first.id)
        assert outbox.reversal_of(first.id) == second
        assert outbox.reversed_batch(second.id) == first.id
        assert outbox.reversal_links("P") == {second.id: first.id}
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 7
    db.close()
