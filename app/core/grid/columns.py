"""The journal grid's columns: their titles, which journal field each shows, and the
optional ones (branch, party, rate and foreign amount, classifications).

The optional columns come after the usual ones, in the template's order, so that rows
copied from a template-shaped sheet paste into the grid column for column. The branch is an
entry's, like the date and reference (shown and edited on its first line); the rest belong
to each line. Plain Python (no Qt): the grid's table, its model and the page build on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum

from app.core.books.journal import JournalEntry, JournalLine
from app.core.i18n import Text, ctr, tr


class Column(IntEnum):
    DATE = 0
    REFERENCE = 1
    DESCRIPTION = 2
    ACCOUNT = 3
    ACCOUNT_NAME = 4
    DEBIT = 5
    CREDIT = 6
    DIFFERENCE = 7
    MEMO = 8
    DEPARTMENT = 9
    PROJECT = 10
    BRANCH = 11
    CUSTOMER = 12
    VENDOR = 13
    EMPLOYEE = 14
    RATE = 15
    PRIME_AMOUNT = 16
    CLASSIFICATION1 = 17
    CLASSIFICATION2 = 18
    CLASSIFICATION3 = 19
    CLASSIFICATION4 = 20
    CLASSIFICATION5 = 21
    CLASSIFICATION6 = 22
    CLASSIFICATION7 = 23
    CLASSIFICATION8 = 24
    CLASSIFICATION9 = 25
    CLASSIFICATION10 = 26


CLASSIFICATION_COLUMNS = tuple(Column(Column.CLASSIFICATION1 + n) for n in range(10))
OPTIONAL_COLUMNS = (
    Column.BRANCH,
    Column.CUSTOMER,
    Column.VENDOR,
    Column.EMPLOYEE,
    Column.RATE,
    Column.PRIME_AMOUNT,
    *CLASSIFICATION_COLUMNS,
)

COLUMN_TITLES: dict[Column, Text] = {
    Column.DATE: tr("Tanggal"),
    Column.REFERENCE: tr("No. Bukti"),
    Column.DESCRIPTION: tr("Deskripsi"),
    Column.ACCOUNT: tr("Kode Akun"),
    Column.ACCOUNT_NAME: tr("Nama Akun"),
    Column.DEBIT: tr("Debit"),
    Column.CREDIT: tr("Kredit"),
    Column.DIFFERENCE: tr("Selisih"),
    Column.MEMO: tr("Keterangan"),
    Column.DEPARTMENT: tr("Departemen"),
    Column.PROJECT: tr("Proyek"),
    # Translators: a column title: the branch an entry is written to.
    Column.BRANCH: ctr("judul kolom", "Cabang"),
    Column.CUSTOMER: tr("Pelanggan"),
    Column.VENDOR: tr("Pemasok"),
    Column.EMPLOYEE: tr("Karyawan"),
    Column.RATE: tr("Kurs"),
    Column.PRIME_AMOUNT: tr("Jumlah Valuta"),
    **{
        column: tr("Klasifikasi {n}", n=n)
        for n, column in enumerate(CLASSIFICATION_COLUMNS, start=1)
    },
}
HEADER_TIPS: dict[Column, Text] = {
    Column.ACCOUNT_NAME: tr("Nama akun dari daftar akun perusahaan (tidak bisa diubah di sini)."),
    Column.DIFFERENCE: tr(
        "Selisih jurnal = total Debit − total Kredit; kosong bila jurnal seimbang."
    ),
    Column.BRANCH: tr("Tidak wajib. Cabang tujuan jurnal; satu jurnal, satu cabang."),
    Column.CUSTOMER: tr("Tidak wajib. No. pelanggan untuk baris piutang (satu pihak per baris)."),
    Column.VENDOR: tr("Tidak wajib. No. pemasok untuk baris utang (satu pihak per baris)."),
    Column.EMPLOYEE: tr("Tidak wajib. No. karyawan (satu pihak per baris)."),
    Column.RATE: tr("Tidak wajib. Kurs untuk akun mata uang asing, diisi bersama Jumlah Valuta."),
    Column.PRIME_AMOUNT: tr("Tidak wajib. Jumlah dalam mata uang asing, diisi bersama Kurs."),
    **{
        column: tr("Tidak wajib. Klasifikasi data {n} perusahaan.", n=n)
        for n, column in enumerate(CLASSIFICATION_COLUMNS, start=1)
    },
}

ENTRY_COLUMNS = frozenset({Column.DATE, Column.REFERENCE, Column.DESCRIPTION, Column.BRANCH})
AMOUNT_COLUMNS = frozenset({Column.DEBIT, Column.CREDIT, Column.DIFFERENCE})
NUMBER_COLUMNS = AMOUNT_COLUMNS | {Column.RATE, Column.PRIME_AMOUNT}  # shown right-aligned
READ_ONLY_COLUMNS = frozenset({Column.ACCOUNT_NAME, Column.DIFFERENCE})
EDITABLE_COLUMNS = frozenset(Column) - READ_ONLY_COLUMNS
TEXT_FIELDS = {
    Column.MEMO: "memo",
    Column.DEPARTMENT: "department",
    Column.PROJECT: "project",
    Column.CUSTOMER: "customer",
    Column.VENDOR: "vendor",
    Column.EMPLOYEE: "employee",
}
NUMBER_FIELDS = {Column.RATE: "rate", Column.PRIME_AMOUNT: "prime_amount"}

# The journal field each column shows (the account name and difference show none).
COLUMN_FIELDS: dict[Column, str] = {
    Column.DATE: "date",
    Column.REFERENCE: "reference",
    Column.DESCRIPTION: "description",
    Column.ACCOUNT: "account",
    Column.DEBIT: "debit",
    Column.CREDIT: "credit",
    Column.MEMO: "memo",
    Column.DEPARTMENT: "department",
    Column.PROJECT: "project",
    Column.BRANCH: "branch",
    Column.CUSTOMER: "customer",
    Column.VENDOR: "vendor",
    Column.EMPLOYEE: "employee",
    Column.RATE: "rate",
    Column.PRIME_AMOUNT: "prime_amount",
    **{column: f"classification{n}" for n, column in enumerate(CLASSIFICATION_COLUMNS, start=1)},
}
# Where a problem is marked, by the journal field it names.
FIELD_COLUMNS: dict[str, tuple[Column, ...]] = {
    **{name: (column,) for column, name in COLUMN_FIELDS.items()},
    "amount": (Column.DEBIT, Column.CREDIT),
}
# An entry's own problems sit on its first row: the balance on the difference, a missing
# second line beside the reference.
ENTRY_FIELD_COLUMN: dict[str, Column] = {
    "date": Column.DATE,
    "reference": Column.REFERENCE,
    "description": Column.DESCRIPTION,
    "branch": Column.BRANCH,
    "lines": Column.REFERENCE,
    "balance": Column.DIFFERENCE,
    "debit": Column.DIFFERENCE,
    "credit": Column.DIFFERENCE,
}


def columns_of(field_name: str) -> tuple[Column, ...]:
    return FIELD_COLUMNS.get(field_name, (Column.REFERENCE,))


# --- the optional cells ---------------------------------------------------------------------


def filled_optional_columns(
    entries: Iterable[JournalEntry], problem_fields: Iterable[str] = ()
) -> frozenset[Column]:
    """The optional columns that hold a value in some line (or entry, for the branch), or
    where a problem is marked: the columns a user needs to see."""
    found: set[Column] = {
        column
        for name in problem_fields
        for column in FIELD_COLUMNS.get(name, ())
        if column in _OPTIONAL
    }
    for entry in entries:
        if entry.branch:
            found.add(Column.BRANCH)
        for line in entry.lines:
            if (
                line.customer
                or line.vendor
                or line.employee
                or line.rate is not None
                or line.prime_amount is not None
                or line.classifications
            ):
                found.update(_filled_in(line))
        if len(found) == len(OPTIONAL_COLUMNS):
            break  # every optional column is needed: nothing more to learn
    return frozenset(found)


def _filled_in(line: JournalLine) -> list[Column]:
    filled = [
        column
        for column, name in TEXT_FIELDS.items()
        if column in _OPTIONAL and getattr(line, name)
    ]
    filled += [column for column, name in NUMBER_FIELDS.items() if getattr(line, name) is not None]
    filled += [
        CLASSIFICATION_COLUMNS[n] for n, value in enumerate(line.classifications[:10]) if value
    ]
    return filled


_OPTIONAL = frozenset(OPTIONAL_COLUMNS)

__all__ = [
    "AMOUNT_COLUMNS",
    "COLUMN_TITLES",
    "EDITABLE_COLUMNS",
    "NUMBER_COLUMNS",
    "OPTIONAL_COLUMNS",
    "READ_ONLY_COLUMNS",
    "Column",
    "filled_optional_columns",
]
