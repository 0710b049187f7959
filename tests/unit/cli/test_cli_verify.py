"""`jurnal-desk verify BATCH`: a posted batch read back from the books and compared with what
was sent, over real HTTP to the sandbox, after changes made behind Jurnal Desk's back."""

from __future__ import annotations

import json

from app.cli import EXIT_OK, EXIT_PROBLEMS
from tests.helpers.cli_helpers import ACCURATE, SEMPOA, journal_rows, run
from tests.helpers.posting_helpers import SEMPOA_CREDIT, SEMPOA_DEBIT
from tests.helpers.workbooks import write_workbook


def posted_batch(capsys, book, profile: str) -> str:
    code, out, err = run(capsys, "post", str(book), "--profile", profile)
    assert code == EXIT_OK, out + err
    _code, out, _ = run(capsys, "history", "--json", "--profile", profile)
    return json.loads(out)[-1]["batch"]


def verdicts(capsys, batch: str) -> dict[str, str | None]:
    _code, out, _ = run(capsys, "history", "--json", "--batch", batch)
    return {entry["reference"]: entry["verified"] for entry in json.loads(out)[0]["entries"]}


def test_an_accurate_batch_read_back_matches_then_shows_each_change_made_in_the_app(
    sb, profiles, tmp_path, capsys
):
    book = write_workbook(tmp_path / "agustus.xlsx", journal_rows(4))
    batch = posted_batch(capsys, book, ACCURATE)
    code, out, _ = run(capsys, "--lang", "en", "verify", batch)
    assert code == EXIT_OK, out
    assert "4 vouchers read back; 4 match, 0 differ, 0 not on the books" in out
    assert set(verdicts(capsys, batch).values()) == {"matches"}

    def smaller_amounts(voucher):
        for line in voucher["detailJournalVoucher"]:
            line["amount"] = "1000.00"
        return voucher

    def other_date(voucher):
        return {**voucher, "transDate": "01/01/2026", "description": "diubah"}

    sb.edit_voucher_in_app("JU/002", smaller_amounts)
    sb.edit_voucher_in_app("JU/003", other_date)
    sb.edit_voucher_in_app("JU/004", lambda _voucher: None)
    code, out, _ = run(capsys, "--lang", "en", "verify", batch)
    assert code == EXIT_PROBLEMS
    assert "1 match, 2 differ, 1 not on the books" in out
    assert "JU/002: the lines differ" in out and "1,000.00" in out
    assert "JU/003: the date differs; sent: 04 Aug 2026; on the books: 01 Jan 2026" in out
    assert "JU/003: the description differs" in out
    assert "JU/004: not on the books" in out
    assert verdicts(capsys, batch) == {
        "JU/001": "matches",
        "JU/002": "differs",
        "JU/003": "differs",
        "JU/004": "missing",
    }


def test_a_sempoa_batch_is_compared_through_account_names(sb, profiles, tmp_path, capsys):
    rows = journal_rows(3, SEMPOA_DEBIT, SEMPOA_CREDIT, prefix="PB")
    batch = posted_batch(capsys, write_workbook(tmp_path / "s.xlsx", rows), SEMPOA)
    code, out, _ = run(capsys, "--lang", "en", "verify", batch)
    assert code == EXIT_OK, out
    assert "3 match" in out

    def swapped_sides(journal):
        for line in journal["transaksi"]:
            line["debit"], line["kredit"] = line["kredit"], line["debit"]
        return journal

    sb.edit_sempoa_journal_in_app("PB/002", swapped_sides)
    code, out, _ = run(capsys, "--lang", "en", "verify", batch)
    assert code == EXIT_PROBLEMS and "PB/002: the lines differ" in out


def test_the_result_workbook_shows_what_verify_found(sb, profiles, tmp_path, capsys):
    from openpyxl import load_workbook

    book = write_workbook(tmp_path / "agustus.xlsx", journal_rows(2))
    batch = posted_batch(capsys, book, ACCURATE)
    sb.edit_voucher_in_app("JU/002", lambda _voucher: None)
    run(capsys, "verify", batch)
    report = tmp_path / "hasil.xlsx"
    from app.posting.report.workbook import rebuild_report, write_posting_report
    from app.posting.service import opened_outbox
    from app.profiles.home import app_home

    with opened_outbox(app_home()) as outbox:
        write_posting_report(rebuild_report(outbox, batch), report, language="id")
    rows = list(load_workbook(report)["Hasil"].iter_rows(values_only=True))
    assert rows[0][-1] == "Terverifikasi"
    assert [row[-1] for row in rows[1:]] == ["Ya, cocok", "Tidak ada di pembukuan"]
