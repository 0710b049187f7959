"""`jurnal-desk post`, `history` and `undo` end to end: real workbooks, a profile with its
secrets in a (memory) keyring, the sandbox on 127.0.0.1, the outbox in the test's home."""

from __future__ import annotations

from datetime import date

import pytest

from app.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from app.profiles.home import app_home
from app.profiles.secrets import SecretStore
from app.sandbox import (
    Faults,
)
from tests.helpers.cli_helpers import ACCURATE, HEADER, SEMPOA, journal_rows, run
from tests.helpers.posting_helpers import (
    ACCURATE_CREDIT,
    ACCURATE_DEBIT,
    SEMPOA_CREDIT,
    SEMPOA_DEBIT,
)
from tests.helpers.workbooks import write_workbook


def test_post_puts_a_workbook_in_the_books_and_a_second_run_sends_nothing(
    sb, profiles, tmp_path, capsys
):
    book = write_workbook(tmp_path / "agustus.xlsx", journal_rows(12))
    code, out, err = run(capsys, "post", str(book), "--profile", ACCURATE)
    assert code == EXIT_OK, out + err
    assert "Terposting sekarang:" in out and "12" in out
    stored = {voucher["number"]: voucher for voucher in sb.vouchers()}
    assert sorted(stored) == [f"JU/{n:03}" for n in range(1, 13)]
    assert stored["JU/003"]["detailJournalVoucher"][0]["amount"] == "3500000.50"

    requests_before = len(sb.request_log())
    code, out, _ = run(capsys, "post", str(book), "--profile", ACCURATE)
    assert code == EXIT_OK
    assert "Sudah terposting sebelumnya:" in out
    sent = [r for r in sb.request_log()[requests_before:] if "journal-voucher" in r.path]
    assert sent == [] and len(sb.vouchers()) == 12


@pytest.mark.slow
def test_one_voucher_the_server_keeps_failing_is_left_uncertain_and_a_rerun_finishes(
    sb, profiles, tmp_path, capsys, quick_retry_waits
):
    book = write_workbook(tmp_path / "agustus.xlsx", journal_rows(6))
    sb.faults = Faults(failing_texts=("JU/003",))  # its save and every look-up answer 500
    code, out, err = run(
        capsys, "--lang", "en", "post", str(book), "--profile", ACCURATE, "--no-bulk"
    )
    assert code == EXIT_PROBLEMS, out + err  # not a usage error: the run went on
    assert len(sb.vouchers()) == 5 and "JU/003" not in {v["number"] for v in sb.vouchers()}
    assert "JU/003: " in out and "Could not be looked up on the server yet" in out
    sb.faults = Faults()
    code, out, err = run(capsys, "post", str(book), "--profile", ACCURATE)
    assert code == EXIT_OK, out + err
    assert sorted(v["number"] for v in sb.vouchers()) == [f"JU/{n:03}" for n in range(1, 7)]


def test_an_unknown_account_stops_everything_unless_only_valid(sb, profiles, tmp_path, capsys):
    rows = journal_rows(3)
    rows[5][3] = "9-99999"  # the second entry's debit line
    book = write_workbook(tmp_path / "salah.xlsx", rows)
    code, out, _ = run(capsys, "post", str(book), "--profile", ACCURATE)
    assert code == EXIT_PROBLEMS
    assert "9-99999" in out and "Tidak ada yang dikirim" in out
    assert sb.vouchers() == []

    code, out, _ = run(capsys, "post", str(book), "--profile", ACCURATE, "--only-valid")
    assert code == EXIT_PROBLEMS  # not everything is in the books
    assert sorted(v["number"] for v in sb.vouchers()) == ["JU/001", "JU/003"]


def test_dry_run_checks_against_the_chart_and_sends_nothing(sb, profiles, tmp_path, capsys):
    book = write_workbook(tmp_path / "agustus.xlsx", journal_rows(4))
    code, out, _ = run(
        capsys, "--lang", "en", "post", str(book), "--profile", ACCURATE, "--dry-run"
    )
    assert code == EXIT_OK
    assert "Dry run: 4 entries would be sent" in out
    assert sb.vouchers() == []


def test_sempoa_profile_posts_with_its_own_chart(sb, profiles, tmp_path, capsys):
    rows = journal_rows(3, SEMPOA_DEBIT, SEMPOA_CREDIT, prefix="PB")
    book = write_workbook(tmp_path / "sempoa.xlsx", rows)
    code, out, err = run(capsys, "post", str(book), "--profile", SEMPOA)
    assert code == EXIT_OK, out + err
    assert sorted(j["referensi"] for j in sb.sempoa_journals()) == ["PB/001", "PB/002", "PB/003"]


def test_history_lists_batches_and_undo_removes_what_one_batch_posted(
    sb, profiles, tmp_path, capsys
):
    first = write_workbook(tmp_path / "juli.xlsx", journal_rows(2, prefix="JL"))
    second = write_workbook(tmp_path / "agustus.xlsx", journal_rows(3))
    run(capsys, "post", str(first), "--profile", ACCURATE)
    run(capsys, "post", str(second), "--profile", ACCURATE)

    code, out, _ = run(capsys, "history", "--profile", ACCURATE)
    assert code == EXIT_OK
    assert "juli.xlsx" in out and "agustus.xlsx" in out
    batch_id = next(line.split()[0] for line in out.splitlines() if "agustus.xlsx" in line)

    code, out, _ = run(capsys, "undo", batch_id, "--yes")
    assert code == EXIT_OK, out
    assert sorted(v["number"] for v in sb.vouchers()) == ["JL/001", "JL/002"]
    code, out, _ = run(capsys, "history", "--batch", batch_id)
    assert out.count("dibatalkan") >= 3


def test_undo_on_sempoa_says_it_cannot(sb, profiles, tmp_path, capsys):
    book = write_workbook(tmp_path / "s.xlsx", journal_rows(1, SEMPOA_DEBIT, SEMPOA_CREDIT))
    run(capsys, "post", str(book), "--profile", SEMPOA)
    _code, out, _ = run(capsys, "history")
    batch_id = next(line.split()[0] for line in out.splitlines() if "s.xlsx" in line)
    code, _out, err = run(capsys, "undo", batch_id, "--yes")
    assert code == EXIT_USAGE and "Sempoa" in err


def test_post_to_an_unknown_profile_is_a_usage_error(profiles, tmp_path, capsys):
    book = write_workbook(tmp_path / "a.xlsx", journal_rows(1))
    code, _out, err = run(capsys, "post", str(book), "--profile", "Tidak Ada")
    assert code == EXIT_USAGE and "Tidak Ada" in err


def test_the_posting_service_itself_refuses_invalid_entries(sb, profiles):
    from app.api.ratelimit import LimiterRegistry
    from app.posting.service import NotReady, opened_outbox, post_entries
    from app.setup.connect import saved_company
    from tests.helpers.posting_helpers import entries

    batch = entries(3)
    batch[1].lines[0].account = "9-99999"
    with (
        saved_company(profiles, SecretStore(), LimiterRegistry(), ACCURATE) as company,
        opened_outbox(app_home()) as outbox,
    ):
        with pytest.raises(NotReady) as refused:
            post_entries(outbox, company, batch)
        assert "9-99999" in refused.value.checked.problems[0].message
        assert sb.vouchers() == []
        report = post_entries(outbox, company, batch, only_valid=True)
    assert sorted(v["number"] for v in sb.vouchers()) == ["JV-00001", "JV-00003"]
    assert report.complete  # the batch holds the two valid entries, both posted


def test_round_cents_posts_the_rounded_amounts_and_without_it_nothing_is_sent(
    sb, profiles, tmp_path, capsys
):
    rows = [HEADER]
    rows.append([date(2026, 8, 5), "PJ/001", "PPh", ACCURATE_DEBIT, 1500000.125, None, "pajak"])
    rows.append([None, None, None, ACCURATE_CREDIT, None, "1.500.000,125", "kas"])
    book = write_workbook(tmp_path / "pajak.xlsx", rows)

    code, out, _ = run(capsys, "post", str(book), "--profile", ACCURATE)
    assert code == EXIT_PROBLEMS
    assert "--round-cents" in out and "Tidak ada yang dikirim" in out
    assert sb.vouchers() == []

    code, out, err = run(capsys, "post", str(book), "--profile", ACCURATE, "--round-cents")
    assert code == EXIT_OK, out + err
    assert "2 jumlah dibulatkan ke sen" in out
    assert "baris 3, kredit (PJ/001): 1.500.000,125 → 1.500.000,13" in out
    [voucher] = sb.vouchers()
    assert [line["amount"] for line in voucher["detailJournalVoucher"]] == [
        "1500000.13",
        "1500000.13",
    ]
