"""A run finishes its own work: an entry still unclear after a re-send is looked up again in a
later round of the same run and sent again when the look-up is clean (both services refuse a
repeated number, so a re-send cannot post twice), and the service's refusal of a number it
holds is read as "already there", checked and recorded as posted. A company whose service
takes repeated numbers keeps the stricter bound of one re-send a run. Real HTTP to the
sandbox, real SQLite outbox."""

from __future__ import annotations

from collections import Counter

import pytest

from app.cli import EXIT_PROBLEMS
from app.posting.engine import PostingEngine
from app.posting.outbox.ledger import EntryStatus
from app.posting.reasons import EntryReason
from app.posting.targets import AccurateTarget, SempoaTarget
from app.profiles.store import Profile
from app.sandbox import Faults, Sandbox
from tests.helpers.cli_helpers import demo_profiles, journal_rows, run
from tests.helpers.posting_helpers import (
    SEMPOA_CREDIT,
    SEMPOA_DEBIT,
    accurate_client,
    amounts_on_server,
    entries,
    sempoa_client,
)
from tests.helpers.workbooks import write_workbook


def sempoa_saves(sb: Sandbox) -> int:
    return sum(1 for r in sb.request_log() if r.method == "POST" and r.path.endswith("/jurnal"))


def test_an_entry_unclear_after_its_re_send_is_sent_again_later_in_the_same_run(outbox):
    batch_entries = entries(1, prefix="PJ", accounts=(SEMPOA_DEBIT, SEMPOA_CREDIT))
    with Sandbox(enforce_rate_limit=False) as sb, sempoa_client(sb, fast=True) as client:
        # The first send and the re-send are both answered in a way that confirms nothing.
        sb.sempoa_faults().misanswer_saves("gagal", count=2, stored=False)
        engine = PostingEngine(outbox, SempoaTarget(client), "PT S", workers=1)
        report = engine.run(engine.open_batch(batch_entries))
        journals = sb.sempoa_journals()
        assert sempoa_saves(sb) == 3
    assert report.complete  # one run: nothing left for the user to run again
    assert [journal["referensi"] for journal in journals] == ["PJ-00001"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_run_under_server_errors_and_dropped_answers_posts_every_entry_once(outbox, seed):
    batch_entries = entries(200)
    faults = Faults(error_rate=0.08, drop_after_store_rate=0.02, cut_rate=0.02, seed=seed)
    with Sandbox(faults, enforce_rate_limit=False) as sb, accurate_client(sb, fast=True) as client:
        engine = PostingEngine(outbox, AccurateTarget(client, bulk=False), "PT Demo")
        report = engine.run(engine.open_batch(batch_entries))
        stored = sb.vouchers()
        stats = sb.stats
    assert report.complete and report.stopped_by is None
    numbers = Counter(voucher["number"] for voucher in stored)
    assert set(numbers.values()) == {1} and len(numbers) == 200
    assert amounts_on_server(stored) == {e.reference: e.total_debit for e in batch_entries}
    assert stats.injected_errors and stats.cut and stats.dropped  # the faults did strike


def test_a_refused_repeat_of_an_unclear_send_is_found_checked_and_posted(outbox):
    batch_entries = entries(1)
    with Sandbox(enforce_rate_limit=False) as sb, accurate_client(sb, fast=True) as client:
        faults = sb.accurate_faults()
        faults.misanswer_saves("no_record", count=1, stored=True)  # kept, answered without r
        faults.hide_in_look_ups("JV-00001", times=1)  # ... and the look-up does not see it yet
        engine = PostingEngine(outbox, AccurateTarget(client, bulk=False), "PT Demo")
        report = engine.run(engine.open_batch(batch_entries))
        stored = sb.vouchers()
        assert sb.save_attempts() == {"JV-00001": 2}  # sent again; refused as already there
    [row] = report.entries
    assert report.complete
    assert row.status is EntryStatus.POSTED and row.reason is EntryReason.FOUND_ON_SERVER
    assert [str(voucher["id"]) for voucher in stored] == [row.remote_id]


def test_a_company_that_takes_repeated_numbers_gets_one_re_send_a_run(sb, tmp_path, capsys):
    sb.sempoa_faults().misanswer_saves("gagal", count=None, stored=False)
    rows = journal_rows(2, debit=SEMPOA_DEBIT, credit=SEMPOA_CREDIT, prefix="PJ")
    book = write_workbook(tmp_path / "agustus.xlsx", rows)
    profile = Profile("PT Ulang", "sempoa", url=sb.sempoa_url, sandbox=True,
                      accepts_repeated_numbers=True)  # fmt: skip
    with demo_profiles(profile):
        code, out, _err = run(capsys, "--lang", "en", "post", str(book), "--profile", "PT Ulang")
    assert code == EXIT_PROBLEMS, out
    assert sempoa_saves(sb) == 2 * 2  # each: the first send and one re-send
    assert "again in the next run" in out or "Uncertain" in out
    assert sb.sempoa_journals() == []


def test_sempoas_refusal_of_a_reference_it_holds_is_read_as_already_there(outbox):
    batch_entries = entries(1, prefix="PJ", accounts=(SEMPOA_DEBIT, SEMPOA_CREDIT))
    with Sandbox(enforce_rate_limit=False) as sb, sempoa_client(sb, fast=True) as client:
        faults = sb.sempoa_faults()
        faults.misanswer_saves("gagal", count=1, stored=True)  # kept, answered as a failure
        faults.hide_in_lists("PJ-00001", times=1)  # ... and the list does not show it yet
        engine = PostingEngine(outbox, SempoaTarget(client), "PT S")
        report = engine.run(engine.open_batch(batch_entries))
        journals = sb.sempoa_journals()
        assert sempoa_saves(sb) == 2  # sent again; refused: "Nomor referensi sudah ada"
    [row] = report.entries
    assert report.complete
    assert row.status is EntryStatus.POSTED and row.reason is EntryReason.FOUND_ON_SERVER
    assert [journal["id"] for journal in journals] == [row.remote_id]
