"""Departments, projects, parties and data classifications checked before anything is sent,
end to end: real .xlsx workbooks, the command line and the posting service, the sandbox's
Accurate company on 127.0.0.1 (its lists paged, its save refusing unknown values in Accurate's
words). Every unknown value is reported with its row and column before a request is spent on
it; the lists a workbook uses are read once each, the others never."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.api.ratelimit import LimiterRegistry
from app.cli import EXIT_OK, EXIT_PROBLEMS
from app.core.books.journal import JournalEntry, JournalLine
from app.posting.service import NotReady, opened_outbox, post_entries
from app.profiles.home import app_home
from app.profiles.secrets import SecretStore
from app.setup.connect import saved_company
from tests.helpers.cli_helpers import ACCURATE, journal_rows, run
from tests.helpers.posting_helpers import ACCURATE_CREDIT, ACCURATE_DEBIT
from tests.helpers.workbooks import write_workbook

HEADER = [
    "Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit", "Keterangan",
    "Departemen", "Proyek", "Pelanggan", "Klasifikasi 1",
]  # fmt: skip
LISTS = ("department", "project", "customer", "vendor", "employee", "data-classification")


def entry_rows(reference, day, *, debit_extra=(), credit_extra=(), amount=1_500_000):
    """Two rows of one entry; the extras fill Departemen, Proyek, Pelanggan, Klasifikasi 1."""
    first = [date(2026, 8, day), reference, f"Jurnal {reference}", ACCURATE_DEBIT, amount, None]
    second = [None, None, None, ACCURATE_CREDIT, None, amount]
    return [
        [*first, "kas", *_four(debit_extra)],
        [*second, "pendapatan", *_four(credit_extra)],
    ]


def _four(values) -> list:
    return [*values, *[None] * (4 - len(values))]


def book(tmp_path, *entries, name="agustus.xlsx"):
    rows = [HEADER]
    for entry in entries:
        rows += entry
    return write_workbook(tmp_path / name, rows)


def list_requests(sb) -> dict[str, int]:
    counts = dict.fromkeys(LISTS, 0)
    for record in sb.request_log():
        for name in LISTS:
            if record.path.endswith(f"/{name}/list.do"):
                counts[name] += 1
    return counts


def saves(sb) -> int:
    return sum("journal-voucher/save" in r.path or "bulk-save" in r.path for r in sb.request_log())


GOOD = entry_rows(  # named as a person would type them: other case, spacing, a name for a code
    "JU/001",
    3,
    debit_extra=["  umum ", "P-01", "pt sinar  abadi", "jakarta"],
    credit_extra=["Keuangan", None, None, "Ekspor"],
)
BAD = [
    entry_rows("JU/002", 4, debit_extra=["Pemasaran"]),  # no such department
    entry_rows("JU/003", 5, credit_extra=[None, "P-77"]),  # no such project
    entry_rows("JU/004", 6, debit_extra=[None, None, "C.00099"]),  # no such customer
    entry_rows("JU/005", 7, debit_extra=[None, None, None, "Bali"]),  # no such classification
    entry_rows("JU/006", 8, debit_extra=["Produksi Lama"], credit_extra=["Pabrik"]),
]


def test_every_unknown_value_is_reported_with_row_and_column_before_anything_is_sent(
    sb, profiles, tmp_path, capsys
):
    workbook = book(tmp_path, GOOD, *BAD)
    code, out, _err = run(capsys, "--lang", "en", "post", str(workbook), "--profile", ACCURATE)
    assert code == EXIT_PROBLEMS, out + _err
    assert "row 4, column H (Departemen)" in out and "Department 'Pemasaran' does not" in out
    assert "row 7, column I (Proyek)" in out and "Project 'P-77' does not exist" in out
    assert "row 8, column J (Pelanggan)" in out and "Customer 'C.00099'" in out
    assert "row 10, column K (Klasifikasi 1)" in out and "Classification 1 'Bali'" in out
    assert "--create-classifications" in out
    assert "row 12, column H (Departemen)" in out and "'Produksi Lama' is suspended" in out
    assert "row 13, column H (Departemen)" in out and "'Pabrik' is a parent" in out
    assert "Nothing was sent" in out
    assert saves(sb) == 0 and sb.vouchers() == []
    # Each list the workbook uses, once; vendors and employees, which it does not, never.
    assert list_requests(sb) == {
        "department": 1,
        "project": 1,
        "customer": 1,
        "vendor": 0,
        "employee": 0,
        "data-classification": 1,
    }


@pytest.mark.parametrize("bulk", [True, False])
def test_the_valid_entries_are_posted_once_in_the_companys_own_form(
    sb, profiles, tmp_path, capsys, bulk
):
    workbook = book(tmp_path, GOOD, *BAD)
    extra = [] if bulk else ["--no-bulk"]
    code, _out, _err = run(
        capsys, "post", str(workbook), "--profile", ACCURATE, "--only-valid", *extra
    )
    assert code == EXIT_PROBLEMS  # the invalid ones are still not in the books
    assert [v["number"] for v in sb.vouchers()] == ["JU/001"]
    assert sb.save_attempts() == {"JU/001": 1}
    debit, credit = sb.vouchers()[0]["detailJournalVoucher"]
    assert debit["departmentName"] == "Umum" and debit["projectNo"] == "P-01"
    assert (debit["subsidiaryType"], debit["customerNo"]) == ("CUSTOMER", "C.00001")
    assert debit["dataClassification1Name"] == "Jakarta"
    assert credit["departmentName"] == "Keuangan" and credit["dataClassification1Name"] == "Ekspor"
    assert all(count <= 1 for count in list_requests(sb).values())


def test_a_workbook_without_master_data_reads_no_list(sb, profiles, tmp_path, capsys):
    workbook = write_workbook(tmp_path / "agustus.xlsx", journal_rows(3))
    code, out, _err = run(capsys, "post", str(workbook), "--profile", ACCURATE)
    assert code == EXIT_OK, out + _err
    assert sum(list_requests(sb).values()) == 0
    assert len(sb.vouchers()) == 3


def test_lists_are_read_page_by_page(sb, profiles, tmp_path, capsys):
    master = sb.master_data()
    from app.sandbox.master_data import MasterRecord

    master.departments += [MasterRecord(5000 + n, f"Divisi {n}", f"X-{n}") for n in range(250)]
    workbook = book(tmp_path, entry_rows("JU/001", 3, debit_extra=["divisi 249"]))
    code, out, _err = run(capsys, "post", str(workbook), "--profile", ACCURATE)
    assert code == EXIT_OK, out + _err
    assert list_requests(sb)["department"] == 3  # 260 departments, 100 a page
    assert sb.vouchers()[0]["detailJournalVoucher"][0]["departmentName"] == "Divisi 249"


def test_rows_named_the_other_plausible_way_are_read_the_same(sb, profiles, tmp_path, capsys):
    sb.master_data().field_style = "named"  # customerNo, projectNo, classificationIndex ...
    workbook = book(tmp_path, GOOD, entry_rows("JU/002", 4, credit_extra=[None, "P-77"]))
    code, out, _err = run(capsys, "--lang", "en", "post", str(workbook), "--profile", ACCURATE)
    assert code == EXIT_PROBLEMS
    assert out.count("does not exist") == 1 and "'P-77'" in out
    code, out, _err = run(capsys, "post", str(workbook), "--profile", ACCURATE, "--only-valid")
    debit = sb.vouchers()[0]["detailJournalVoucher"][0]
    assert (debit["projectNo"], debit["customerNo"]) == ("P-01", "C.00001")


def test_missing_classifications_are_created_only_when_asked(sb, profiles, tmp_path, capsys):
    workbook = book(
        tmp_path,
        entry_rows("JU/001", 3, debit_extra=[None, None, None, "Bali"]),
        entry_rows("JU/002", 4, debit_extra=[None, None, None, " bali"], credit_extra=[]),
    )
    code, out, _ = run(capsys, "post", str(workbook), "--profile", ACCURATE)
    assert code == EXIT_PROBLEMS and sb.vouchers() == []
    assert "Bali" not in sb.master_data().classification_names(1)  # never silently
    code, out, _err = run(
        capsys, "--lang", "en", "post", str(workbook), "--profile", ACCURATE,
        "--create-classifications",
    )  # fmt: skip
    assert code == EXIT_OK, out + _err
    assert "Data classifications created in Accurate: 1 (1: Bali)" in out
    assert sb.master_data().classifications_created == 1
    assert sorted(v["number"] for v in sb.vouchers()) == ["JU/001", "JU/002"]
    lines = [v["detailJournalVoucher"][0] for v in sb.vouchers()]
    assert {line["dataClassification1Name"] for line in lines} == {"Bali"}


def test_the_sandbox_refuses_what_the_client_was_not_told(sb, profiles, tmp_path, capsys):
    """Strict by default: the list changes after the check, the save is refused in
    Accurate's words (the client does not rely on its own check alone)."""
    from app.sandbox.master_data import MasterData

    workbook = book(tmp_path, entry_rows("JU/001", 3, debit_extra=[None, None, None, "Jakarta"]))
    master: MasterData = sb.master_data()
    with (
        saved_company(profiles, SecretStore(), LimiterRegistry(), ACCURATE) as company,
        opened_outbox(app_home()) as outbox,
    ):
        from app.core.excel.reader import ImportOptions, read_workbook

        entries = read_workbook(workbook, ImportOptions(), chart=company.chart()).entries
        assert company.check(entries).ok
        master.classifications = [c for c in master.classifications if c.name != "Jakarta"]
        report = post_entries(outbox, company, entries)
    [row] = report.entries
    assert "Kategori Keuangan Jakarta tidak ditemukan atau sudah dihapus" in row.messages[0]


# -- Accurate's limits on a line --------------------------------------------------------------


def test_an_amount_over_999_billion_is_refused_before_sending(sb, profiles, tmp_path, capsys):
    workbook = book(
        tmp_path,
        entry_rows("JU/001", 3, amount=1_000_000_000_000),
        entry_rows("JU/002", 4),
    )
    code, out, _err = run(capsys, "--lang", "en", "post", str(workbook), "--profile", ACCURATE)
    assert code == EXIT_PROBLEMS
    assert out.count("is beyond Accurate's limit (999,999,999,999.00)") == 2
    assert "row 2, column E (Debit)" in out and "row 3, column F (Kredit)" in out
    assert saves(sb) == 0


def test_seven_decimals_are_refused_before_sending(sb, profiles):
    line_amount = Decimal("1.1234567")
    entry = JournalEntry(
        date(2026, 8, 3),
        "JV-7",
        "tujuh desimal",
        [
            JournalLine(ACCURATE_DEBIT, debit=line_amount, row=2),
            JournalLine(ACCURATE_CREDIT, credit=line_amount, row=3, rate=Decimal("1.0000001")),
        ],
    )
    with (
        saved_company(profiles, SecretStore(), LimiterRegistry(), ACCURATE) as company,
        opened_outbox(app_home()) as outbox,
        pytest.raises(NotReady) as refused,
    ):
        post_entries(outbox, company, [entry])
    problems = refused.value.checked.problems
    ours = [p for p in problems if "more than 6 decimals, Accurate's limit" in p.text.en]
    assert [(p.row, p.field) for p in ours] == [(2, "debit"), (3, "credit"), (3, "rate")]
    assert saves(sb) == 0


# -- the closing date and the service's length limits ----------------------------------------


def dated_rows(days: list[int], prefix: str = "JU") -> list:
    rows = [HEADER[:7]]
    for day in days:
        rows += [row[:7] for row in entry_rows(f"{prefix}/{day:03}", day)]
    return rows


@pytest.mark.parametrize("bulk", [True, False])
def test_the_closing_date_is_told_once_per_run(sb, profiles, tmp_path, capsys, bulk):
    sb.master_data().closing_date = date(2026, 8, 20)
    workbook = write_workbook(tmp_path / "agustus.xlsx", dated_rows(list(range(1, 26))))
    extra = [] if bulk else ["--no-bulk"]
    code, out, _err = run(
        capsys, "--lang", "en", "post", str(workbook), "--profile", ACCURATE, *extra
    )
    assert code == EXIT_PROBLEMS
    assert sorted(v["number"] for v in sb.vouchers()) == [f"JU/{d:03}" for d in range(21, 26)]
    assert out.count("were not posted because") == 1, out
    assert (
        "20 entries were not posted because they are dated before the company's closing "
        "date (20 Aug 2026): JU/001, JU/002" in out
    )
    assert "  - JU/0" not in out  # not one line per entry
    if not bulk:  # one voucher a request: after the first refusal, the rest are held back
        sent_closed = sum(n for ref, n in sb.save_attempts().items() if ref <= "JU/020")
        assert sent_closed < 20


def test_a_closing_date_the_service_does_not_name(sb, profiles, tmp_path, capsys):
    sb.master_data().closing_date = date(2026, 8, 5)
    sb.master_data().closing_date_in_message = False
    workbook = write_workbook(tmp_path / "agustus.xlsx", dated_rows([3, 4, 9]))
    code, out, _err = run(capsys, "--lang", "en", "post", str(workbook), "--profile", ACCURATE)
    assert code == EXIT_PROBLEMS
    assert (
        "2 entries were not posted because of the company's closing date (Accurate did "
        "not say which date; those refused are dated up to 04 Aug 2026): JU/003, JU/004" in out
    )
    assert [v["number"] for v in sb.vouchers()] == ["JU/009"]


def test_a_value_too_long_says_which_column_to_shorten(sb, profiles, tmp_path, capsys):
    long_reference = "JU/2026/08/PENJUALAN-TUNAI-000001"  # 33 characters
    rows = [HEADER[:7], *[row[:7] for row in entry_rows(long_reference, 3)]]
    workbook = write_workbook(tmp_path / "agustus.xlsx", rows)
    code, out, _err = run(capsys, "--lang", "en", "post", str(workbook), "--profile", ACCURATE)
    assert code == EXIT_PROBLEMS
    assert "Nomor # terlalu besar. Maksimal 30 karakter" in out  # the service's own words
    assert (
        "Accurate takes at most 30 characters for Reference (it has 33); shorten the "
        "Reference column to 30 characters or fewer" in out
    )
    assert sb.vouchers() == []
