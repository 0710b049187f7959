"""Which journal field a worksheet column holds, judged by its header text.

Headers are compared after normalising: lower case, with spaces, punctuation and a unit in
parentheses removed, so "No. Bukti", "no bukti", "NO_BUKTI" and "No Bukti (wajib)" are one
name. Each field lists its names best first: when two columns could hold the account, "Kode
Akun" beats plain "Akun" (which in many sheets holds the account's name).
"""

from __future__ import annotations

import re

from app.core.i18n import Text, ctr, tr, verbatim
from app.core.i18n.lists import listed

FIELDS = (
    "date",
    "reference",
    "description",
    "account",
    "debit",
    "credit",
    "amount",
    "memo",
    "department",
    "project",
    "branch",
    "customer",
    "vendor",
    "employee",
    "rate",
    "prime_amount",
    *(f"classification{n}" for n in range(1, 11)),
)

# The optional fields above that belong to a line (the branch belongs to the whole entry).
OPTIONAL_LINE_FIELDS = (
    "customer",
    "vendor",
    "employee",
    "rate",
    "prime_amount",
    *(f"classification{n}" for n in range(1, 11)),
)

# The column titles each field is recognised by, best first, as people write them: the
# template's instructions list them, and they are compared normalised (see the module's
# docstring). Plain "No" is left out on purpose: in Indonesian sheets it is usually the
# running row number (1, 2, 3...), not the voucher number. The titles of a competitor's
# Accurate importer ("Transaction Number", "Trans Date", "JV No", "Akun Perkiraan", "No
# Department", "Kategori Keuangan 1" ...) are among them.
HEADER_TITLES: dict[str, tuple[str, ...]] = {
    "date": (
        "Tanggal", "Tgl", "Date", "Tanggal Transaksi", "Tgl Transaksi", "Tanggal Jurnal",
        "Tgl Jurnal", "Tanggal Bukti", "Trans Date", "Transaction Date", "Journal Date",
        "Entry Date", "Posting Date",
    ),
    "reference": (
        "No. Bukti", "Nomor Bukti", "Referensi", "No. Referensi", "Nomor Referensi",
        "Reference", "Reference No", "Reference Number", "Ref", "Ref No", "Nomor",
        "No. Jurnal", "Nomor Jurnal", "Journal No", "Journal Number", "No. Voucher",
        "Nomor Voucher", "Voucher No", "Voucher Number", "Bukti", "Number", "JV No",
        "JV Number", "No. JV", "Transaction Number", "Transaction No", "Trans No",
    ),
    "description": (
        "Deskripsi", "Keterangan Jurnal", "Deskripsi Jurnal", "Description",
        "Journal Description", "Uraian", "Uraian Jurnal", "Narration", "Narasi",
        "Trans Description", "Transaction Description",
    ),
    "account": (
        "Kode Akun", "No. Akun", "Nomor Akun", "Akun", "Kode Perkiraan", "No. Perkiraan",
        "Nomor Perkiraan", "Perkiraan", "Akun Perkiraan", "No. Akun Perkiraan",
        "Account Code", "Account No", "Account Number", "Account", "GL Account", "Kode COA",
        "COA",
    ),
    "debit": ("Debit", "Debet", "Jumlah Debit", "Nilai Debit", "Debit Amount", "Dr"),
    "credit": ("Kredit", "Credit", "Jumlah Kredit", "Nilai Kredit", "Credit Amount", "Cr"),
    "amount": ("Jumlah", "Nilai", "Amount", "Nominal", "Signed Amount", "Mutasi"),
    "memo": (
        "Keterangan", "Memo", "Catatan", "Keterangan Baris", "Line Memo", "Line Description",
        "Note", "Notes",
    ),
    "department": (
        "Departemen", "Department", "Dept", "Bagian", "No. Departemen", "No Department",
        "Department No",
    ),
    "project": (
        "Proyek", "Project", "Projek", "No. Proyek", "Kode Proyek", "No Project",
        "Project No", "Project Code",
    ),
    "branch": ("Cabang", "Branch", "Nama Cabang", "Branch Name", "Kantor Cabang"),
    # The party columns hold its number (Accurate's customerNo / vendorNo / employeeNo):
    # "Nama Pelanggan" is left out on purpose, as "Nama Akun" is for the account.
    "customer": (
        "Pelanggan", "Customer", "No. Pelanggan", "Kode Pelanggan", "Nomor Pelanggan",
        "ID Pelanggan", "Customer No", "Customer ID", "Customer Code", "Customer Number",
    ),
    "vendor": (
        "Pemasok", "Vendor", "Supplier", "No. Pemasok", "Kode Pemasok", "Nomor Pemasok",
        "ID Pemasok", "No. Supplier", "Kode Supplier", "Vendor No", "Vendor Code", "Vendor ID",
        "Vendor Number", "Supplier No", "Supplier ID", "Supplier Code",
    ),
    "employee": (
        "Karyawan", "Pegawai", "Employee", "No. Karyawan", "Kode Karyawan", "Nomor Karyawan",
        "ID Karyawan", "No. Pegawai", "Kode Pegawai", "Employee No", "Employee ID",
        "Employee Code", "Employee Number",
    ),
    "rate": (
        "Kurs", "Nilai Tukar", "Rate", "Exchange Rate", "Kurs Valuta", "Nilai Kurs",
        "Kurs Mata Uang", "Currency Rate", "FX Rate",
    ),
    "prime_amount": (
        "Jumlah Valuta", "Nilai Valuta", "Jumlah Valas", "Nilai Valas",
        "Jumlah Mata Uang Asing", "Nilai Mata Uang Asing", "Prime Amount", "Foreign Amount",
        "Amount Foreign", "Foreign Currency Amount", "Amount in Foreign Currency", "Valuta",
        "Valas",
    ),
    **{
        f"classification{n}": (f"Klasifikasi {n}", f"Klasifikasi Data {n}",
                               f"Kategori Keuangan {n}", f"Data Classification {n}",
                               f"Data Classification {n} Name", f"Classification {n}")
        for n in range(1, 11)
    },
}  # fmt: skip

# How the fields are called in messages and templates (the grid's column titles).
FIELD_LABELS: dict[str, Text] = {
    "date": tr("Tanggal"),
    "reference": tr("No. Bukti"),
    "description": tr("Deskripsi"),
    "account": tr("Kode Akun"),
    "debit": tr("Debit"),
    "credit": tr("Kredit"),
    # Translators: a worksheet column holding an entry line's amount (debit or credit).
    "amount": ctr("judul kolom", "Jumlah"),
    "memo": tr("Keterangan"),
    "department": tr("Departemen"),
    "project": tr("Proyek"),
    # Translators: a worksheet column: the branch an entry is written to.
    "branch": ctr("judul kolom", "Cabang"),
    "customer": tr("Pelanggan"),
    "vendor": tr("Pemasok"),
    "employee": tr("Karyawan"),
    "rate": tr("Kurs"),
    "prime_amount": tr("Jumlah Valuta"),
    **{f"classification{n}": tr("Klasifikasi {n}", n=n) for n in range(1, 11)},
}

_PARENTHESISED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NOT_ALNUM = re.compile(r"[\W_]+")
_UNIT_SUFFIXES = ("rp", "idr")
_LETTERS = re.compile(r"^[A-Za-z]{1,3}$")


def normalize_header(text: object) -> str:
    """'No. Bukti' -> 'nobukti'; 'Debit (Rp)' -> 'debit'; 'NO_BUKTI' -> 'nobukti'."""
    raw = str(text).strip().lower()
    without_notes = _NOT_ALNUM.sub("", _PARENTHESISED.sub("", raw))
    return without_notes or _NOT_ALNUM.sub("", raw)


# The titles normalised ("nobukti"), per field, best first; and each one's field and rank.
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    field: tuple(normalize_header(title) for title in titles)
    for field, titles in HEADER_TITLES.items()
}
_RANKED = {
    name: (field, rank) for field, names in HEADER_NAMES.items() for rank, name in enumerate(names)
}


def field_for_header(text: object) -> tuple[str, int] | None:
    """The field a header names and how good a name it is (0 best), or None."""
    name = normalize_header(text)
    if not name:
        return None
    found = _RANKED.get(name)
    if found is None:
        for suffix in _UNIT_SUFFIXES:  # "Debit Rp", "Jumlah IDR"
            if name.endswith(suffix) and name != suffix:
                found = _RANKED.get(name[: -len(suffix)])
                break
    return found


def field_label(field: str) -> Text:
    """The field's everyday name: 'Kode Akun' (English 'Account'); an unknown field its own
    name."""
    label = FIELD_LABELS.get(field)
    return label if label is not None else verbatim(field)


def field_list(fields: list[str] | tuple[str, ...]) -> Text:
    """Several field names joined for a message: 'Tanggal, Kode Akun' / 'Date, Account'."""
    return listed([field_label(field) for field in fields])


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    if index < 0:
        raise ValueError(f"column index must be 0 or more, not {index}")
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def column_index(letters: str) -> int | None:
    """'A' -> 0, 'aa' -> 26; None when the text is not a column letter (1-3 letters)."""
    letters = letters.strip()
    if not _LETTERS.match(letters):
        return None
    index = 0
    for char in letters.upper():
        index = index * 26 + ord(char) - ord("A") + 1
    return index - 1


def not_found_text(field: str, name: str, headers: list[str]) -> Text:
    found = ", ".join(h for h in headers if h) or "-"
    return tr(
        "Kolom '{name}' untuk {field} tidak ada di baris judul; judul yang ada: {found}. "
        "Tulis judul kolom persis seperti di lembar kerja, atau hurufnya (mis. D).",
        name=name,
        field=field_label(field),
        found=found,
    )
