"""Realistic large journal workbooks for the benchmarks.

The workbook looks like what an Indonesian accounting team exports or keeps by hand: two
title rows and a blank row above Indonesian column titles, one row per journal line with
the date, voucher number and description repeated on every line of an entry, real date
cells, amounts as numbers with a few typed as Indonesian-style text (1.250.000,00), and
optional department and project columns. Every entry balances, so a correct reader finds
no problems. The same seed always gives the same workbook.

Run `python -m bench.generate OUT.xlsx [--entries N]` to write one by hand; benchmarks use
`cached_workbook()` (or `--cached`), which writes it once into bench/out/ and reuses it.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from app.core.books.number_style import format_amount

OUT_DIR = Path(__file__).resolve().parent / "out"
# Bump when the generated content changes, so cached workbooks are regenerated.
GENERATOR_VERSION = 1

HEADERS = (
    "Tanggal",
    "No. Bukti",
    "Deskripsi",
    "Kode Akun",
    "Debit",
    "Kredit",
    "Keterangan",
    "Departemen",
    "Proyek",
)
TITLE_ROWS = (("PT Sumber Makmur Abadi",), ("Jurnal Umum Tahun Buku 2026",), ())
HEADER_ROW = len(TITLE_ROWS) + 1  # 1-based worksheet row of the column titles

ACCOUNTS = {
    "1101": "Kas Kecil",
    "1102": "Bank BCA",
    "1103": "Bank Mandiri",
    "1201": "Piutang Usaha",
    "1301": "Persediaan Barang Dagangan",
    "1401": "PPN Masukan",
    "2101": "Utang Usaha",
    "2103": "Utang PPh 21",
    "2105": "PPN Keluaran",
    "4101": "Penjualan",
    "4201": "Pendapatan Lain-lain",
    "6101": "Beban Gaji",
    "6102": "Beban Tunjangan",
    "6105": "Beban Listrik",
    "6106": "Beban Air",
    "6110": "Beban Administrasi Bank",
}

CUSTOMERS = ("Toko Sinar Jaya", "CV Berkah Abadi", "UD Maju Lancar", "PT Karya Mandiri")
SUPPLIERS = ("PT Indofood Distribusi", "CV Sumber Rejeki", "PT Tiga Berlian", "UD Sentosa")
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
DEPARTMENTS = ("Penjualan", "Gudang", "Keuangan", "Umum")
PROJECTS = ("", "", "", "Cabang Bekasi", "Renovasi Toko")

# (description template, two debit accounts, two credit accounts)
SCENARIOS = (
    ("Penjualan tunai kepada {customer}", ("1101", "1102"), ("4101", "2105")),
    ("Pembelian persediaan dari {supplier}", ("1301", "1401"), ("2101", "1102")),
    ("Pembayaran gaji karyawan bulan {month}", ("6101", "6102"), ("1103", "2103")),
    ("Pembayaran listrik dan air bulan {month}", ("6105", "6106"), ("1101", "1102")),
    ("Penerimaan pelunasan piutang dari {customer}", ("1102", "6110"), ("1201", "4201")),
)


@dataclass(frozen=True)
class WorkbookSpec:
    entries: int = 25_000
    lines_per_entry: int = 4
    # One amount in this many is typed as Indonesian-style text instead of a number.
    text_amount_every: int = 50
    seed: int = 2026

    @property
    def lines(self) -> int:
        return self.entries * self.lines_per_entry

    @property
    def file_name(self) -> str:
        return (
            f"journal_{self.entries}x{self.lines_per_entry}"
            f"_t{self.text_amount_every}_s{self.seed}_v{GENERATOR_VERSION}.xlsx"
        )


def journal_rows(spec: WorkbookSpec) -> Iterator[tuple[object, ...]]:
    """The journal lines as worksheet rows (no titles, no header), every entry balanced."""
    rng = random.Random(spec.seed)
    start = date(2026, 1, 2)
    line_number = 0
    for number in range(1, spec.entries + 1):
        day = start + timedelta(days=(number * 365) // (spec.entries + 1))
        template, debit_accounts, credit_accounts = SCENARIOS[rng.randrange(len(SCENARIOS))]
        description = template.format(
            customer=rng.choice(CUSTOMERS),
            supplier=rng.choice(SUPPLIERS),
            month=MONTHS[day.month - 1],
        )
        reference = f"JU/{day:%Y/%m}/{number:05d}"
        department, project = rng.choice(DEPARTMENTS), rng.choice(PROJECTS)
        for account, debit, credit in _entry_lines(rng, spec, debit_accounts, credit_accounts):
            line_number += 1
            debit_cell, credit_cell = (
                _maybe_text(value, line_number, spec) for value in (debit, credit)
            )
            yield (
                day,
                reference,
                description,
                account,
                debit_cell,
                credit_cell,
                ACCOUNTS[account],
                department,
                project or None,
            )


def _entry_lines(
    rng: random.Random,
    spec: WorkbookSpec,
    debit_accounts: tuple[str, str],
    credit_accounts: tuple[str, str],
) -> list[tuple[str, Decimal | None, Decimal | None]]:
    """Debits and credits that balance: half the lines debit, the rest credit."""
    debit_count = max(1, spec.lines_per_entry // 2)
    credit_count = spec.lines_per_entry - debit_count
    debits = [_random_amount(rng) for _ in range(debit_count)]
    total = sum(debits, Decimal(0))
    credits = _split(rng, total, credit_count)
    lines: list[tuple[str, Decimal | None, Decimal | None]] = []
    for index, amount in enumerate(debits):
        lines.append((debit_accounts[index % 2], amount, None))
    for index, amount in enumerate(credits):
        lines.append((credit_accounts[index % 2], None, amount))
    return lines


def _random_amount(rng: random.Random) -> Decimal:
    rupiah = rng.randrange(10, 50_000) * 1_000  # 10.000 .. 50.000.000, mostly round
    cents = rng.choice((0, 0, 0, 0, rng.randrange(1, 100)))
    return Decimal(rupiah) + Decimal(cents) / 100


def _split(rng: random.Random, total: Decimal, parts: int) -> list[Decimal]:
    amounts = []
    remaining = total
    for _ in range(parts - 1):
        share = (remaining * Decimal(rng.randrange(10, 90)) / 100).quantize(Decimal("0.01"))
        amounts.append(share)
        remaining -= share
    amounts.append(remaining)
    return amounts


def _maybe_text(amount: Decimal | None, line_number: int, spec: WorkbookSpec) -> object:
    if amount is not None and line_number % spec.text_amount_every == 0:
        return format_amount(amount)  # typed by hand: "1.250.000,00"
    return amount


def write_workbook(path: Path, spec: WorkbookSpec | None = None) -> Path:
    """Write the journal workbook described by `spec` to `path` (replacing it)."""
    spec = spec or WorkbookSpec()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Jurnal Umum")
    for letter, width in zip("ABCDEFGHI", (12, 18, 44, 11, 16, 16, 28, 12, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    for title in TITLE_ROWS:
        sheet.append(title)
    sheet.append(HEADERS)
    date_style = _styled(sheet, "dd/mm/yyyy")
    amount_style = _styled(sheet, "#,##0.00")
    for row in journal_rows(spec):
        cells = list(row)
        cells[0] = date_style(row[0])
        for column in (4, 5):
            if isinstance(row[column], Decimal):
                cells[column] = amount_style(row[column])
        sheet.append(cells)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    workbook.save(partial)
    os.replace(partial, path)
    return path


def _styled(sheet, number_format: str):
    def cell(value: object) -> WriteOnlyCell:
        made = WriteOnlyCell(sheet, value=value)
        made.number_format = number_format
        return made

    return cell


def cached_path(spec: WorkbookSpec | None = None) -> Path:
    """Where the workbook for `spec` is kept in bench/out/."""
    return OUT_DIR / (spec or WorkbookSpec()).file_name


def cached_workbook(spec: WorkbookSpec | None = None) -> Path:
    """The workbook for `spec` in bench/out/, generated on first use only."""
    spec = spec or WorkbookSpec()
    path = cached_path(spec)
    if not path.exists():
        write_workbook(path, spec)
    return path


def workbook_from_child(spec: WorkbookSpec) -> Path:
    """The cached workbook; when missing it is generated in a child process, so generating
    never raises this process's memory peak."""
    path = cached_path(spec)
    if not path.exists():
        print(f"generating {path.name} ({spec.lines:,} lines), once ...", flush=True)
        subprocess.run(
            [sys.executable, "-m", "bench.generate", "--cached", "--entries", str(spec.entries)],
            check=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a realistic journal workbook.")
    parser.add_argument("out", type=Path, nargs="?", help="where to write it")
    parser.add_argument("--cached", action="store_true", help="write it into bench/out/")
    parser.add_argument("--entries", type=int, default=WorkbookSpec.entries)
    parser.add_argument("--lines-per-entry", type=int, default=WorkbookSpec.lines_per_entry)
    parser.add_argument("--seed", type=int, default=WorkbookSpec.seed)
    args = parser.parse_args()
    spec = WorkbookSpec(args.entries, args.lines_per_entry, seed=args.seed)
    if args.cached == (args.out is not None):
        parser.error("give either OUT or --cached")
    print(cached_workbook(spec) if args.cached else write_workbook(args.out, spec))


if __name__ == "__main__":
    main()
