"""The posting engine against the sandbox over real HTTP: every entry ends in the books
exactly once, with exact amounts, and the outbox agrees, whatever the network does."""

from __future__ import annotations

import threading

import pytest

from app.posting.engine import PostingEngine
from app.posting.outbox.ledger import EntryStatus
from app.posting.reasons import EntryReason
from app.posting.report.words import readable_messages
from app.posting.targets import AccurateTarget, SempoaTarget
from app.sandbox import DEMO_ACCURATE_TOKEN, Faults, Sandbox
from tests.helpers.posting_helpers import (
    SEMPOA_CREDIT,
    SEMPOA_DEBIT,
    accurate_client,
    amounts_on_server,
    entries,
    sempoa_client,
)


def post(outbox, target, batch_entries, profile="PT Demo", **engine_options):
    engine = PostingEngine(outbox, target, profile, **engine_options)
    batch = engine.open_batch(batch_entries, source_file="agustus.xlsx")
    return engine, engine.run(batch)


def assert_exactly_once(sb: Sandbox, batch_entries, token=DEMO_ACCURATE_TOKEN):
    stored = sb.vouchers(token)
    numbers = [voucher["number"] for voucher in stored]
    assert len(numbers) == len(set(numbers)), "a voucher was posted twice"
    expected = {entry.reference: entry.total_debit for entry in batch_entries}
    assert amounts_on_server(stored) == expected


def test_bulk_posting_puts_every_entry_in_the_books(outbox):
    batch_entries = entries(250)
    with Sandbox() as sb, accurate_client(sb) as client:
        _engine, report = post(outbox, AccurateTarget(client), batch_entries)
        assert_exactly_once(sb, batch_entries)
    assert report.complete and report.stopped_by is None
    assert report.progress.posted == 250 and report.progress.total == 250
    assert report.progress.requests == 3  # 100 + 100 + 50 vouchers
    assert {row.status for row in report.entries} == {EntryStatus.POSTED}
    assert all(row.remote_id for row in report.entries)


def test_one_by_one_posting_reports_rejections_and_posts_the_rest(outbox):
    batch_entries = entries(6)
    batch_entries[2].lines[0].account = "1-10000"  # a parent account: the server refuses it
    with Sandbox() as sb, accurate_client(sb) as client:
        _engine, report = post(outbox, AccurateTarget(client, bulk=False), batch_entries)
        assert len(sb.vouchers()) == 5
    rejected = [row for row in report.entries if row.status is EntryStatus.REJECTED]
    assert [row.reference for row in rejected] == ["JV-00003"]
    assert rejected[0].messages and not report.complete


@pytest.mark.slow
def test_a_thousand_entries_survive_errors_drops_429s_and_a_host_move(outbox):
    batch_entries = entries(1000)
    faults = Faults(error_rate=0.10, drop_after_store_rate=0.05, rate_limit_rate=0.005, seed=7)
    with Sandbox(faults, enforce_rate_limit=False) as sb:
        moved = threading.Event()
        with accurate_client(sb, fast=True, on_host_moved=lambda _h: moved.set()) as client:
            target = AccurateTarget(client, bulk=False)
            engine = PostingEngine(outbox, target, "PT Demo")
            batch = engine.open_batch(batch_entries)
            progress_seen = []

            def on_progress(progress):
                progress_seen.append(progress.done)
                if progress.done >= 500 and not moved.is_set() and len(progress_seen) > 1:
                    moved.set()
                    sb.move_host()

            first = engine.run(batch, on_progress=on_progress)
            assert client.host == sb.accurate_host()  # the client follows the move for good
            stats = sb.stats
            sb.faults = Faults()
            # An entry is sent again at most once per run: the few whose second try was unclear
            # too wait for the next run, which looks them up and finishes them.
            assert sum(r.status is EntryStatus.POSTED for r in first.entries) > 950
            report = PostingEngine(outbox, target, "PT Demo").run(batch)
        assert_exactly_once(sb, batch_entries)
    assert report.complete, [
        (r.reference, r.status, r.messages)
        for r in report.entries
        if r.status is not EntryStatus.POSTED
    ][:5]
    assert stats.dropped > 0 and stats.injected_errors > 0 and stats.injected_rate_limits > 0
    assert stats.redirects > 0


def test_an_unanswered_bulk_request_is_looked_up_not_sent_twice(outbox):
    batch_entries = entries(120)
    faults = Faults(drop_after_store_rate=1.0, seed=1)
    with Sandbox(faults, enforce_rate_limit=False) as sb, accurate_client(sb, fast=True) as client:
        _engine, report = post(outbox, AccurateTarget(client), batch_entries)
        saves = [r for r in sb.request_log() if r.path.endswith("bulk-save.do")]
        assert_exactly_once(sb, batch_entries)
    assert len(saves) == 2  # 100 + 20, each stored once and never re-sent
    assert report.complete
    assert all(row.reason is EntryReason.FOUND_ON_SERVER for row in report.entries)


def test_a_crash_between_sending_and_recording_is_reconciled_on_the_next_run(outbox):
    batch_entries = entries(50)
    with Sandbox(enforce_rate_limit=False) as sb, accurate_client(sb, fast=True) as client:
        target = AccurateTarget(client)
        engine = PostingEngine(outbox, target, "PT Demo")
        batch = engine.open_batch(batch_entries)
        rows = outbox.entries(batch.id)
        # The process dies after the intent and the request, before recording the outcome:
        outbox.mark_sending([row.id for row in rows[:30]])
        client.bulk_save([row.entry() for row in rows[:30]])
        report = PostingEngine(outbox, target, "PT Demo").run(engine.open_batch(batch_entries))
        assert_exactly_once(sb, batch_entries)
    assert report.batch.id == batch.id and report.complete


def test_posting_the_same_workbook_again_sends_nothing(outbox):
    batch_entries = entries(30)
    with Sandbox() as sb, accurate_client(sb) as client:
        _engine, first = post(outbox, AccurateTarget(client), batch_entries)
        log_size = len(sb.request_log())
        _engine, again = post(outbox, AccurateTarget(client), batch_entries)
        assert len(sb.request_log()) == log_size
        assert_exactly_once(sb, batch_entries)
    assert first.complete and again.complete


def test_a_reference_reused_with_other_content_is_skipped_as_a_duplicate(outbox):
    august = entries(3)
    other = entries(5)[2:]  # JV-00003 again (same content) and two new ones
    other[0].lines[0].memo = "changed"
    other[0].lines[1].memo = "changed"
    with Sandbox() as sb, accurate_client(sb) as client:
        post(outbox, AccurateTarget(client), august)
        _engine, report = post(outbox, AccurateTarget(client), other)
        assert len(sb.vouchers()) == 5
    statuses = {row.reference: row.status for row in report.entries}
    assert statuses == {
        "JV-00003": EntryStatus.SKIPPED,
        "JV-00004": EntryStatus.POSTED,
        "JV-00005": EntryStatus.POSTED,
    }
    assert not report.complete
    duplicate = report.entries[0]
    assert duplicate.reason is EntryReason.DUPLICATE and duplicate.messages == []
    assert duplicate.earlier_batch == outbox.posted_reference("PT Demo", "JV-00003").batch_id
    assert "JV-00003" in readable_messages(duplicate, "en")[0]


def test_cancel_stops_new_work_and_a_second_run_finishes_the_batch(outbox):
    batch_entries = entries(40)
    cancel = threading.Event()
    with (
        Sandbox(Faults(latency_ms=30), enforce_rate_limit=False) as sb,
        accurate_client(sb, fast=True) as client,
    ):
        engine = PostingEngine(outbox, AccurateTarget(client, bulk=False), "PT Demo", workers=2)
        batch = engine.open_batch(batch_entries)

        def on_progress(progress):
            if progress.done >= 5:
                cancel.set()

        first = engine.run(batch, on_progress=on_progress, cancel=cancel)
        posted_first = first.count(EntryStatus.POSTED)
        second = engine.run(engine.open_batch(batch_entries))
        assert_exactly_once(sb, batch_entries)
    assert first.cancelled and 5 <= posted_first < 40
    assert first.count(EntryStatus.PENDING) == 40 - posted_first
    assert second.complete


def test_a_token_revoked_mid_run_stops_cleanly_and_resumes_with_a_new_token(outbox):
    batch_entries = entries(60)
    with Sandbox(Faults(latency_ms=20), enforce_rate_limit=False) as sb:
        token, secret = sb.add_accurate_company("PT Dicabut")
        with accurate_client(sb, fast=True, token=token, secret=secret) as client:
            engine = PostingEngine(outbox, AccurateTarget(client, bulk=False), "PT Dicabut",
                                   workers=2)  # fmt: skip
            batch = engine.open_batch(batch_entries)

            def revoke_midway(progress):
                if progress.posted >= 10:
                    sb.revoke(token)

            report = engine.run(batch, on_progress=revoke_midway)
        assert report.stopped_by is not None
        assert "token" in report.stopped_by.get("en").lower()
        posted = report.count(EntryStatus.POSTED)
        assert 10 <= posted < 60
        assert report.count(EntryStatus.PENDING) == 60 - posted  # nothing lost or uncertain

        fresh = sb.replace_token(token)  # the user makes a new API Token and enters it
        with accurate_client(sb, fast=True, token=fresh, secret=secret) as client:
            engine = PostingEngine(outbox, AccurateTarget(client, bulk=False), "PT Dicabut")
            resumed = engine.run(engine.open_batch(batch_entries))
        assert_exactly_once(sb, batch_entries, token=fresh)
    assert resumed.batch.id == batch.id and resumed.complete


def test_undo_deletes_only_what_the_batch_created(outbox):
    earlier, batch_entries = entries(3, prefix="OLD"), entries(4)
    with Sandbox() as sb, accurate_client(sb) as client:
        target = AccurateTarget(client)
        post(outbox, target, earlier)
        engine, report = post(outbox, target, batch_entries)
        undone = engine.undo(report.batch.id)
        left = sorted(voucher["number"] for voucher in sb.vouchers())
    assert [row.reference for row in undone] == [e.reference for e in batch_entries]
    assert left == ["OLD-00001", "OLD-00002", "OLD-00003"]
    assert {row.status for row in outbox.entries(report.batch.id)} == {EntryStatus.UNDONE}


def test_sempoa_posts_one_by_one_and_cannot_undo(outbox):
    batch_entries = entries(12, prefix="PB", accounts=(SEMPOA_DEBIT, SEMPOA_CREDIT))
    with Sandbox() as sb, sempoa_client(sb) as client:
        engine, report = post(outbox, SempoaTarget(client), batch_entries)
        assert sorted(j["referensi"] for j in sb.sempoa_journals()) == [
            e.reference for e in batch_entries
        ]
    assert report.complete
    with pytest.raises(Exception, match="Sempoa"):
        engine.undo(report.batch.id)


def test_sempoa_unanswered_posts_are_found_in_its_journal_list(outbox):
    batch_entries = entries(10, prefix="PB", accounts=(SEMPOA_DEBIT, SEMPOA_CREDIT))
    with Sandbox(Faults(drop_after_store_rate=0.5, seed=3)) as sb, sempoa_client(sb) as client:
        _engine, report = post(outbox, SempoaTarget(client), batch_entries)
        references = [j["referensi"] for j in sb.sempoa_journals()]
    assert sorted(references) == [e.reference for e in batch_entries]
    assert report.complete
