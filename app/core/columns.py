"""Which journal field a worksheet column holds, judged by its header text.

Headers are compared after normalising: lower case, with spaces, punctuation and a unit in
parentheses removed, so "No. Bukti", "no bukti", "NO_BUKTI" and "No Bukti (wajib)" are one
name. Each field lists its names best first: when two columns could hold the account, "Kode
Akun" beats plain "Akun" (which in many sheets holds the account's name).
"""

from __future__ import annotations

import re

from app.core.i18n import Text, tr

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

# Normalised header names per field, best first. Plain "No" is left out on purpose: in
# Indonesian sheets it is usually the running row number (1, 2, 3...), not the voucher number.
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "date": (
        "tanggal", "tgl", "date", "tanggaltransaksi", "tgltransaksi", "tanggaljurnal",
        "tgljurnal", "tanggalbukti", "transdate", "transactiondate", "journaldate",
        "entrydate", "postingdate",
    ),
    "reference": (
        "nobukti", "nomorbukti", "referensi", "noreferensi", "nomorreferensi", "reference",
        "referenceno", "referencenumber", "ref", "refno", "nomor", "nojurnal", "nomorjurnal",
        "journalno", "journalnumber", "novoucher", "nomorvoucher", "voucherno",
        "vouchernumber", "bukti", "number",
    ),
    "description": (
        "deskripsi", "keteranganjurnal", "deskripsijurnal", "description",
        "journaldescription", "uraian", "uraianjurnal", "narration", "narasi",
    ),
    "account": (
        "kodeakun", "noakun", "nomorakun", "akun", "kodeperkiraan", "noperkiraan",
        "nomorperkiraan", "perkiraan", "accountcode", "accountno", "accountnumber", "account",
        "glaccount", "kodecoa", "coa",
    ),
    "debit": ("debit", "debet", "jumlahdebit", "nilaidebit", "debitamount", "dr"),
    "credit": ("kredit", "credit", "jumlahkredit", "nilaikredit", "creditamount", "cr"),
    "amount": ("jumlah", "nilai", "amount", "nominal", "signedamount", "mutasi"),
    "memo": (
        "keterangan", "memo", "catatan", "keteranganbaris", "linememo", "linedescription",
        "note", "notes",
    ),
    "department": ("departemen", "department", "dept", "bagian"),
    "project": ("proyek", "project", "projek", "noproyek", "kodeproyek", "projectno",
                "projectcode"),
    "branch": ("cabang", "branch", "namacabang", "branchname", "kantorcabang"),
    # The party columns hold its number (Accurate's customerNo / vendorNo / employeeNo):
    # "Nama Pelanggan" is left out on purpose, as "Nama Akun" is for the account.
    "customer": ("pelanggan", "customer", "nopelanggan", "kodepelanggan", "nomorpelanggan",
                 "idpelanggan", "customerno", "customerid", "customercode", "customernumber"),
    "vendor": ("pemasok", "vendor", "supplier", "nopemasok", "kodepemasok", "nomorpemasok",
               "idpemasok", "nosupplier", "kodesupplier", "vendorno", "vendorcode", "vendorid",
               "vendornumber", "supplierno", "supplierid", "suppliercode"),
    "employee": ("karyawan", "pegawai", "employee", "nokaryawan", "kodekaryawan",
                 "nomorkaryawan", "idkaryawan", "nopegawai", "kodepegawai", "employeeno",
                 "employeeid", "employeecode", "employeenumber"),
    "rate": ("kurs", "nilaitukar", "rate", "exchangerate", "kursvaluta", "nilaikurs",
             "kursmatauang", "currencyrate", "fxrate"),
    "prime_amount": ("jumlahvaluta", "nilaivaluta", "jumlahvalas", "nilaivalas",
                     "jumlahmatauangasing", "nilaimatauangasing", "primeamount",
                     "foreignamount", "amountforeign", "foreigncurrencyamount",
                     "amountinforeigncurrency", "valuta", "valas"),
    **{
        f"classification{n}": (f"klasifikasi{n}", f"klasifikasidata{n}",
                               f"dataclassification{n}", f"dataclassification{n}name",
                               f"classification{n}")
        for n in range(1, 11)
    },
}  # fmt: skip

_RANKED = {
    name: (field, rank) for field, names in HEADER_NAMES.items() for rank, name in enumerate(names)
}

# How the fields are called in messages and templates: Indonesian, English.
FIELD_NAMES: dict[str, tuple[str, str]] = {
    "date": ("Tanggal", "Date"),
    "reference": ("No. Bukti", "Reference"),
    "description": ("Deskripsi", "Description"),
    "account": ("Kode Akun", "Account"),
    "debit": ("Debit", "Debit"),
    "credit": ("Kredit", "Credit"),
    "amount": ("Jumlah", "Amount"),
    "memo": ("Keterangan", "Memo"),
    "department": ("Departemen", "Department"),
    "project": ("Proyek", "Project"),
    "branch": ("Cabang", "Branch"),
    "customer": ("Pelanggan", "Customer"),
    "vendor": ("Pemasok", "Vendor"),
    "employee": ("Karyawan", "Employee"),
    "rate": ("Kurs", "Rate"),
    "prime_amount": ("Jumlah Valuta", "Foreign Amount"),
    **{f"classification{n}": (f"Klasifikasi {n}", f"Classification {n}") for n in range(1, 11)},
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
    """The field's everyday name in both languages: Text('Kode Akun', 'Account')."""
    indonesian, english = FIELD_NAMES.get(field, (field, field))
    return Text(indonesian, english)


def field_list(fields: list[str] | tuple[str, ...]) -> Text:
    """Several field names joined for a message: 'Tanggal, Kode Akun' / 'Date, Account'."""
    return Text(
        ", ".join(FIELD_NAMES.get(f, (f, f))[0] for f in fields),
        ", ".join(FIELD_NAMES.get(f, (f, f))[1] for f in fields),
    )


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
        "Kolom '{name}' untuk {id_field} tidak ada di baris judul; judul yang ada: {found}. "
        "Tulis judul kolom persis seperti di lembar kerja, atau hurufnya (mis. D).",
        "Column '{name}' for {en_field} is not in the header row; the headers are: {found}. "
        "Give the header exactly as in the sheet, or its letter (e.g. D).",
        name=name,
        id_field=FIELD_NAMES.get(field, (field, field))[0],
        en_field=FIELD_NAMES.get(field, (field, field))[1],
        found=found,
    )
