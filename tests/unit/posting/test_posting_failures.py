"""Posting when requests fail, against the sandbox over real HTTP: limit replies (as HTTP 429
and as HTTP 200 with s: false) are sent again and never end a run or reject an entry; a
request that fails all its retries costs only its own entries, which the next run finishes;
and a run paced by the shared limiter breaks none of Accurate's limits as the service
counts them (on arrival)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.api.accurate import AccurateClient
from app.api.ratelimit import RateLimiter
from app.posting.engine import PostingEngine
from app.posting.outbox.ledger import EntryStatus
from app.posting.reasons import EntryReason
from app.posting.targets import AccurateTarget
from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN, Faults, Sandbox
from tests.helpers.posting_helpers import NO_WAIT, accurate_client, amounts_on_server, entries, said

LIMIT_WORDS = "Jumlah request API melebihi toleransi yang diperbolehkan"
# Limit replies without Retry-After are waited out briefly, so these tests stay quick.
QUICK_LIMITS = replace(NO_WAIT, limit_delay=0.01, limit_max_delay=0.02)


def client_with(sb: Sandbox, retry, limiter: RateLimiter | None = None) -> AccurateClient:
    return AccurateClient.create(
        token=DEMO_ACCURATE_TOKEN,
        secret=DEMO_ACCURATE_SECRET,
        limiter=limiter or RateLimiter(),
        host=sb.accurate_host(),
        account_url=sb.account_url,
        retry=retry,
    )


def run_batch(outbox, client, batch_entries, *, bulk: bool, workers: int = 8):
    engine = PostingEngine(outbox, AccurateTarget(client, bulk=bulk, workers=workers), "PT Demo",
                           workers=workers)  # fmt: skip
    return engine.run(engine.open_batch(batch_entries))


def assert_exactly_once(sb: Sandbox, batch_entries) -> None:
    stored = sb.vouchers()
    numbers = [voucher["number"] for voucher in stored]
    assert len(numbers) == len(set(numbers)), "a voucher was posted twice"
    assert amounts_on_server(stored) == {e.reference: e.total_debit for e in batch_entries}


def statuses(report) -> dict[str, EntryStatus]:
    return {row.reference: row.status for row in report.entries}


# -- limit replies ------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("bulk", [False, True], ids=["one-by-one", "bulk"])
def test_limit_replies_at_429_and_at_200_are_sent_again_and_each_entry_posted_once(outbox, bulk):
    batch_entries = entries(150 if bulk else 8)
    # One worker: the seeded dice fall the same way every run.
    with Sandbox(Faults(rate_limit_rate=0.5, seed=3), limit_reply="both") as sb:
        with client_with(sb, QUICK_LIMITS) as client:
            report = run_batch(outbox, client, batch_entries, bulk=bulk, workers=1)
        stats = sb.stats
        assert_exactly_once(sb, batch_entries)
    assert stats.limit_replies_429 >= 1 and stats.limit_replies_200 >= 1
    assert report.complete and report.stopped_by is None
    assert set(statuses(report).values()) == {EntryStatus.POSTED}
    assert not any(LIMIT_WORDS in message for row in report.entries for message in row.messages)


@pytest.mark.slow
def test_limit_replies_without_end_leave_the_entries_pending_and_a_rerun_posts_them(outbox):
    batch_entries = entries(3)
    patient_enough = replace(QUICK_LIMITS, max_limit_wait=0.05)
    with Sandbox(Faults(rate_limit_rate=1.0), limit_reply="200") as sb:
        with client_with(sb, patient_enough) as client:
            first = run_batch(outbox, client, batch_entries, bulk=False)
            assert sb.vouchers() == []
            sb.faults = Faults()
            second = run_batch(outbox, client, batch_entries, bulk=False)
        assert_exactly_once(sb, batch_entries)
    assert first.stopped_by is None and not first.complete  # not an error that ends the run
    assert set(statuses(first).values()) == {EntryStatus.PENDING}
    for row in first.entries:
        assert any("slow down" in message for message in said(row.messages))
    assert second.batch.id == first.batch.id and second.complete


# -- a request that fails every retry -------------------------------------------------------------


@pytest.mark.slow
def test_a_voucher_the_server_always_fails_costs_only_itself_and_a_rerun_finishes(outbox):
    batch_entries = entries(12)
    with Sandbox(Faults(failing_texts=("JV-00004",))) as sb, accurate_client(sb) as client:
        first = run_batch(outbox, client, batch_entries, bulk=False)
        assert "JV-00004" not in {voucher["number"] for voucher in sb.vouchers()}
        assert len(sb.vouchers()) == 11
        sb.faults = Faults()  # the service is fixed
        second = run_batch(outbox, client, batch_entries, bulk=False)
        assert_exactly_once(sb, batch_entries)
    assert first.stopped_by is None and not first.complete
    failed = {ref: status for ref, status in statuses(first).items() if ref == "JV-00004"}
    assert failed == {"JV-00004": EntryStatus.UNCERTAIN}  # saved? unknown: its look-up failed too
    [row] = [row for row in first.entries if row.reference == "JV-00004"]
    assert any("Could not be looked up on the server yet" in m for m in said(row.messages))
    assert first.count(EntryStatus.POSTED) == 11
    assert second.batch.id == first.batch.id and second.complete


def test_one_failing_look_up_leaves_only_its_own_entry_unknown(outbox):
    batch_entries = entries(120)
    # Every bulk save is stored and then cut: 120 entries to look up, one of which fails.
    faults = Faults(drop_after_store_rate=1.0, failing_texts=("JV-00007",))
    with (
        Sandbox(faults, enforce_rate_limit=False) as sb,
        accurate_client(sb, fast=True) as client,
    ):
        report = run_batch(outbox, client, batch_entries, bulk=True)
        stored = {voucher["number"] for voucher in sb.vouchers()}
    assert report.stopped_by is None
    unknown = [row.reference for row in report.entries if row.status is not EntryStatus.POSTED]
    assert unknown == ["JV-00007"]
    assert len(stored) == 119 and "JV-00007" not in stored
    assert all(
        row.reason is EntryReason.FOUND_ON_SERVER
        for row in report.entries
        if row.reference != "JV-00007"
    )


def test_a_service_that_fails_every_request_stops_the_run_and_loses_nothing(outbox):
    batch_entries = entries(40)
    with (
        Sandbox(Faults(error_rate=1.0), enforce_rate_limit=False) as sb,
        accurate_client(sb, fast=True) as client,
    ):
        first = run_batch(outbox, client, batch_entries, bulk=False)
        assert sb.vouchers() == []
        sb.faults = Faults()
        second = run_batch(outbox, client, batch_entries, bulk=False)
        assert_exactly_once(sb, batch_entries)
    assert first.stopped_by is not None
    assert "run it again later" in first.stopped_by.get("en")
    assert {row.status for row in first.entries} <= {EntryStatus.PENDING, EntryStatus.UNCERTAIN}
    assert second.complete


# -- pacing as the service counts it -------------------------------------------------------------


@pytest.mark.slow
def test_a_one_by_one_run_breaks_no_limit_as_the_service_counts_arrivals(outbox):
    batch_entries = entries(30)  # four seconds of sends, the limits' worth several times over
    with Sandbox() as sb, accurate_client(sb) as client:  # strict: refuses every breach
        report = run_batch(outbox, client, batch_entries, bulk=False)
        stats = sb.stats
        assert_exactly_once(sb, batch_entries)
    assert report.complete
    assert stats.breaches == 0, stats
    assert stats.rate_limited == 0
    assert stats.peak_per_second <= 8 and stats.peak_in_flight <= 8
