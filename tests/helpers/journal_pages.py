"""The journal page under test: its rows and a company."""

from __future__ import annotations

from datetime import date

from app.core.books.journal import Chart

WAIT_MS = 10_000


HEADER = ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit", "Keterangan"]


GOOD_ROWS = [
    [date(2026, 1, 5), "JU-1", "Penjualan tunai", "1101", 1665000, None, "Kas diterima"],
    [date(2026, 1, 5), "JU-1", "Penjualan tunai", "4101", None, 1500000, "Penjualan"],
    [date(2026, 1, 5), "JU-1", "Penjualan tunai", "2105", None, 165000, "PPN 11%"],
    [date(2026, 1, 7), "JU-2", "Listrik Desember", "6105", 2350000, None, "PLN"],
    [date(2026, 1, 7), "JU-2", "Listrik Desember", "1102", None, 2350000, "Bank BCA"],
]


class Company:
    """Stands in for the window's company: the chart it has loaded, changeable."""

    def __init__(self, chart: Chart | None) -> None:
        self.chart = chart

    def __call__(self) -> Chart | None:
        return self.chart
