"""Shared journal data for tests: a chart, entries and lines."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.core.books.journal import Account, Chart, JournalEntry, JournalLine

CHART = Chart(
    [
        Account("1100", "Kas dan Bank", is_parent=True),
        Account("1101", "Kas"),
        Account("1102", "Bank BCA"),
        Account("2105", "PPN Keluaran"),
        Account("4101", "Penjualan"),
        Account("6105", "Beban Listrik"),
        Account("6199", "Beban Lain (lama)", suspended=True),
    ]
)


D = Decimal


def sale() -> JournalEntry:
    return JournalEntry(
        date(2026, 1, 5),
        "JU-2026-0001",
        "Penjualan tunai kepada Toko Sinar Jaya",
        [
            JournalLine("1101", debit=D("1665000.00"), memo="Kas diterima"),
            JournalLine("4101", credit=D("1500000.00"), memo="Penjualan barang"),
            JournalLine("2105", credit=D("165000.00"), memo="PPN Keluaran 11%"),
        ],
    )


def electricity() -> JournalEntry:
    return JournalEntry(
        date(2026, 1, 7),
        "JU-2026-0002",
        "Listrik PLN Desember",
        [
            JournalLine("6105", debit=D("2350000.00"), department="Umum"),
            JournalLine("1102", credit=D("2350000.00"), department="Umum"),
        ],
    )


def client_entries() -> list[JournalEntry]:
    """Two entries on the client's own codes: 1-1100 Kas Kecil, 4-000 Penjualan."""
    return [
        JournalEntry(
            date(2026, 3, 2),
            "KK-001",
            "Penjualan tunai",
            [
                JournalLine("1-1100", debit=D("500000"), memo="Kas Kecil", row=2),
                JournalLine("4-000", credit=D("500000"), row=3),
            ],
        ),
        JournalEntry(
            date(2026, 3, 3),
            "KK-002",
            "Listrik",
            [
                JournalLine("6105", debit=D("120000"), row=4),
                JournalLine("1-1100", credit=D("120000"), row=5),
            ],
        ),
    ]


# The chart typed against with real keys (tests/gui/journal/grid/test_grid_keyboard.py).
# Listed as the company's chart lists them: "12105" comes before "2105" in the completion list.
TYPING_CHART = Chart(
    [
        Account("1101", "Kas"),
        Account("1102", "Bank BCA"),
        Account("12105", "PPN Masukan Dibayar Dimuka"),
        Account("2105", "PPN Keluaran"),
        Account("6105", "Beban Listrik"),
        Account("6106", "Beban Air"),
        Account("6107", "Beban Air Minum Kantor"),
        Account("6108", "Beban Internet"),
    ]
)
