"""Departments, projects, parties and data classifications written as accountants write
accounts: "P-01 - Renovasi Kantor", "[C.00002] CV Maju Bersama", "D-02 Keuangan", the name
alone. Each posts the company's own form (a department or classification by its name, a
project or party by its code); a code written with another name than the company's, and a
name two records share, are problems on their row and column before anything is sent.
Real .xlsx workbooks, `jurnal-desk post`, the sandbox's Accurate company over HTTP."""

from __future__ import annotations

from datetime import date

from app.cli import EXIT_OK, EXIT_PROBLEMS
from app.sandbox.master_data import MasterRecord
from tests.helpers.cli_helpers import ACCURATE, run
from tests.helpers.posting_helpers import ACCURATE_CREDIT, ACCURATE_DEBIT
from tests.helpers.workbooks import write_workbook

HEADER = [
    "Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit",
    "Departemen", "Proyek", "Pelanggan", "Pemasok", "Klasifikasi 1",
]  # fmt: skip

# Each form is one entry, its department, project, customer, vendor and classification 1
# written that way. The sandbox has D-02 Keuangan, P-01 Renovasi Kantor (and P-1 Proyek Satu),
# C.00002 CV Maju Bersama, V.00003 PT PLN (Persero); the test gives classification Bali the
# code K-01.
FORMS = [
    "{code} - {name}",
    "{code} \u2013 {name}",  # an en dash
    "[{code}] {name}",
    "({code}) {name}",
    "{code} | {name}",
    "{code} {name}",
    "{code}",
]
RECORDS = [
    ("D-02", "Keuangan"),
    ("P-01", "Renovasi Kantor"),
    ("C.00002", "CV Maju Bersama"),
    ("V.00003", "PT PLN (Persero)"),
    ("K-01", "Bali"),
]
NAMES_ALONE = ("  keuangan", "renovasi  KANTOR", "cv maju bersama", "PT PLN (Persero)", "bali")
# What each column is sent as: departments and classifications by name, the others by code.
SENT = {
    "departmentName": "Keuangan",
    "projectNo": "P-01",
    "customerNo": "C.00002",
    "vendorNo": "V.00003",
    "dataClassification1Name": "Bali",
}


def entry(reference: str, day: int, written: tuple) -> list[list]:
    """Two rows: the debit names the department, project, customer and classification, the
    credit the vendor (a line names one party)."""
    department, project, customer, vendor, classification = written
    amount = 250_000 * day
    first = [date(2026, 8, day), reference, f"Jurnal {reference}", ACCURATE_DEBIT, amount, None]
    second = [None, None, None, ACCURATE_CREDIT, None, amount]
    return [
        [*first, department, project, customer, None, classification],
        [*second, None, None, None, vendor, None],
    ]


def book(tmp_path, entries: list[list[list]]):
    rows = [HEADER]
    for rows_of_entry in entries:
        rows += rows_of_entry
    return write_workbook(tmp_path / "agustus.xlsx", rows)


def give_bali_a_code(sb) -> None:
    master = sb.master_data()
    master.classifications.append(MasterRecord(990, "Bali", "K-01", index=1))


def saves(sb) -> int:
    return sum("journal-voucher/save" in r.path or "bulk-save" in r.path for r in sb.request_log())


def test_every_written_form_posts_the_companys_own_value(sb, profiles, tmp_path, capsys):
    give_bali_a_code(sb)
    written = [tuple(form.format(code=c, name=n) for c, n in RECORDS) for form in FORMS]
    written.append(NAMES_ALONE)
    entries = [entry(f"JM/{n:03}", n, values) for n, values in enumerate(written, start=1)]
    code, out, err = run(capsys, "post", str(book(tmp_path, entries)), "--profile", ACCURATE)
    assert code == EXIT_OK, out + err

    stored = {voucher["number"]: voucher for voucher in sb.vouchers()}
    assert len(stored) == len(written)
    for number, values in enumerate(written, start=1):
        debit, credit = stored[f"JM/{number:03}"]["detailJournalVoucher"]
        sent = {field: (debit | credit).get(field) for field in SENT}
        assert sent == SENT, values
        assert (debit["subsidiaryType"], credit["subsidiaryType"]) == ("CUSTOMER", "VENDOR")


def test_a_code_with_another_name_and_a_shared_name_are_problems_before_sending(
    sb, profiles, tmp_path, capsys
):
    give_bali_a_code(sb)
    sb.master_data().projects.append(MasterRecord(890, "Gedung Baru", "P-03"))  # as P-02
    entries = [
        entry("JM/001", 3, ("D-02", "P-01 - Proyek Satu", None, None, None)),
        entry("JM/002", 4, ("[D-02] Gudang", None, None, None, None)),
        entry("JM/003", 5, (None, None, "C.00002 PT Sinar Abadi", "V.00003 | PT PLN", None)),
        entry("JM/004", 6, (None, None, None, None, "(K-01) Jakarta")),
        entry("JM/005", 7, (None, "gedung baru", None, None, None)),
        entry("JM/006", 8, ("D-02 - Keuangan", "P-01 Renovasi Kantor", None, None, None)),
    ]
    code, out, _err = run(
        capsys, "--lang", "en", "post", str(book(tmp_path, entries)), "--profile", ACCURATE
    )
    assert code == EXIT_PROBLEMS
    assert "row 2, column H (Proyek)" in out
    assert (
        "Project 'P-01 - Proyek Satu': code P-01 is called 'Renovasi Kantor' in Accurate, "
        "not 'Proyek Satu'" in out
    )
    assert "row 4, column G (Departemen)" in out
    assert "Department '[D-02] Gudang': code D-02 is called 'Keuangan' in Accurate" in out
    assert "row 6, column I (Pelanggan)" in out
    assert "code C.00002 is called 'CV Maju Bersama' in Accurate, not 'PT Sinar Abadi'" in out
    assert "row 7, column J (Pemasok)" in out
    assert "code V.00003 is called 'PT PLN (Persero)' in Accurate, not 'PT PLN'" in out
    assert "row 8, column K (Klasifikasi 1)" in out
    assert "Classification 1 '(K-01) Jakarta': code K-01 is called 'Bali'" in out
    assert "row 10, column H (Proyek)" in out
    assert (
        "Project 'gedung baru' matches 2 records in Accurate (P-02 (Gedung Baru), "
        "P-03 (Gedung Baru)); write its code" in out
    )
    assert "row 12" not in out and "row 13" not in out  # JM/006 is right
    assert "--create-classifications" not in out  # a code with another name is not missing
    assert "Nothing was sent" in out
    assert saves(sb) == 0 and sb.vouchers() == []
