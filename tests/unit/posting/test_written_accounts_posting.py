"""A workbook whose accounts are written as accountants write them, posted with
`jurnal-desk post` to the sandbox: the stored vouchers carry the chart's codes, and the result
workbook shows what was written beside each code. Real workbook, real sandbox over HTTP,
real outbox."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from app.api.ratelimit import LimiterRegistry
from app.cli import EXIT_OK, EXIT_PROBLEMS
from app.posting.report.workbook import RESULT_COLUMNS, RESULT_SHEET
from app.posting.service import opened_outbox, post_entries
from app.profiles.home import app_home
from app.profiles.secrets import SecretStore
from app.profiles.store import Profile
from app.sandbox import MULTI_BRANCHES, SEMPOA_CHART, Sandbox
from app.setup.connect import saved_company
from tests.helpers.cli_helpers import ACCURATE, SEMPOA, demo_profiles, run
from tests.helpers.posting_helpers import SEMPOA_CREDIT, SEMPOA_DEBIT, entries
from tests.helpers.workbooks import write_workbook

HEADER = ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit"]
# (debit written, credit written) per entry, and the codes they stand for in the sandbox's
# Accurate chart (1-10002 Kas Kecil, 4-40000 Pendapatan Penjualan, 1-10100 Bank BCA ...).
WRITTEN = [
    ("1-10002 - Kas Kecil", "[4-40000] Pendapatan Penjualan"),
    ("1-10002 \u2013 Kas Kecil", "(4-40000) Pendapatan Penjualan"),
    ("1-10002 Kas Kecil", "4-40000 | Pendapatan Penjualan"),
    ("bank  bca", "4-40000"),
    ("6-60005 - beban listrik", "Bank BCA"),
]
CODES = [
    ("1-10002", "4-40000"),
    ("1-10002", "4-40000"),
    ("1-10002", "4-40000"),
    ("1-10100", "4-40000"),
    ("6-60005", "1-10100"),
]


def written_rows(pairs, prefix: str = "JW") -> list[list[object]]:
    rows: list[list[object]] = [HEADER]
    for number, (debit, credit) in enumerate(pairs, start=1):
        reference = f"{prefix}/{number:03}"
        amount = 100_000 * number
        rows.append([date(2026, 3, number), reference, f"Jurnal {number}", debit, amount, None])
        rows.append([None, reference, None, credit, None, amount])
    return rows


def test_a_workbook_in_written_forms_posts_the_right_account_codes(sb, profiles, tmp_path, capsys):
    book = write_workbook(tmp_path / "ditulis.xlsx", written_rows(WRITTEN))
    report = tmp_path / "hasil.xlsx"
    code, out, err = run(capsys, "post", str(book), "--profile", ACCURATE, "--report", str(report))
    assert code == EXIT_OK, out + err
    assert (
        "9 baris menulis akunnya dengan nama; dibaca sebagai kode: "
        "1-10002 - Kas Kecil → 1-10002 (1), [4-40000] Pendapatan Penjualan → 4-40000 (1)"
    ) in out
    stored = {voucher["number"]: voucher for voucher in sb.vouchers()}
    posted = [
        tuple(line["accountNo"] for line in stored[f"JW/{n:03}"]["detailJournalVoucher"])
        for n in range(1, len(WRITTEN) + 1)
    ]
    assert posted == CODES

    sheet = load_workbook(report)[RESULT_SHEET]
    titles = [cell.value for cell in sheet[1]]
    assert titles == [title.both() for title, _ in RESULT_COLUMNS]
    column = titles.index("Akun ditulis \u2192 kode / Account as written \u2192 code")
    written = {row[1]: row[column] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert written["JW/001"] == (
        "1-10002 - Kas Kecil \u2192 1-10002\n[4-40000] Pendapatan Penjualan \u2192 4-40000"
    )
    assert written["JW/004"] == "bank  bca \u2192 1-10100"  # the code alone is not listed


def test_a_written_form_the_chart_refuses_stops_the_post_and_names_the_row(
    sb, profiles, tmp_path, capsys
):
    pairs = [("1-10002 - Kas Kecil", "4-40000"), ("1-10002 - Kas Besar", "4-40000")]
    book = write_workbook(tmp_path / "salah.xlsx", written_rows(pairs))
    code, out, _ = run(capsys, "--lang", "en", "post", str(book), "--profile", ACCURATE)
    assert code == EXIT_PROBLEMS
    assert "row 4, column D (Kode Akun)" in out
    assert "code 1-10002 is called 'Kas Kecil' in the chart, not 'Kas Besar'" in out
    assert sb.vouchers() == []


def test_sempoa_gets_the_code_of_an_account_written_by_its_name(sb, profiles, tmp_path, capsys):
    names = {account.kode: account.akun for account in SEMPOA_CHART}
    pairs = [(f"{SEMPOA_DEBIT} - {names[SEMPOA_DEBIT]}", names[SEMPOA_CREDIT])]
    book = write_workbook(tmp_path / "sempoa.xlsx", written_rows(pairs, prefix="SW"))
    code, out, err = run(capsys, "post", str(book), "--profile", SEMPOA)
    assert code == EXIT_OK, out + err
    (journal,) = sb.sempoa_journals()
    stored = [line["akun"] for line in journal["transaksi"]]
    assert journal["referensi"] == "SW/001" and stored == [SEMPOA_DEBIT, SEMPOA_CREDIT]


def test_a_branch_written_with_other_case_and_spacing_is_the_companys_branch(jurnal_home):
    with Sandbox(demo_branches=MULTI_BRANCHES) as sandbox:
        profile = Profile("PT Dua Cabang", "accurate", url=sandbox.account_url, sandbox=True)
        with demo_profiles(profile) as store:
            batch = entries(2)
            batch[0].branch = "  cabang   SURABAYA "
            batch[1].branch = "Pusat"
            batch[0].lines[0].account = "1-10002 - Kas Kecil"
            with (
                saved_company(store, SecretStore(), LimiterRegistry(), profile.name) as company,
                opened_outbox(app_home()) as outbox,
            ):
                report = post_entries(outbox, company, batch)
            assert report.complete
            stored = {voucher["number"]: voucher for voucher in sandbox.vouchers()}
    assert stored["JV-00001"]["branchName"] == "Cabang Surabaya"
    assert stored["JV-00001"]["detailJournalVoucher"][0]["accountNo"] == "1-10002"
