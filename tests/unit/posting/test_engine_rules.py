"""The posting engine's rules against an in-memory target (tests/helpers/fake_target.py): fast, no
HTTP, no waiting. Each answer a service can give drives one rule: what is refused costs only
its entry, what went unanswered is looked up before it is sent again, a reference already in
the books is never posted twice, and Stop sends nothing more. The same runs over real HTTP
against the sandbox are in test_posting_engine.py and test_posting_failures.py."""

from __future__ import annotations

import threading

from app.posting.engine import PostingEngine
from app.posting.outbox.ledger import EntryStatus
from app.posting.reasons import EntryReason
from tests.helpers.fake_target import LIMIT, REFUSED, TAKEN, Answer, FakeTarget
from tests.helpers.posting_helpers import entries


def post(outbox, target, batch_entries, **engine_options):
    engine = PostingEngine(outbox, target, "PT Demo", **engine_options)
    batch = engine.open_batch(batch_entries, source_file="agustus.xlsx")
    return engine.run(batch)


def statuses(report) -> dict[str, EntryStatus]:
    return {row.reference: row.status for row in report.entries}


def test_a_bulk_run_sends_each_entry_once_in_chunks_of_a_hundred(outbox):
    target = FakeTarget()
    report = post(outbox, target, entries(250))
    assert sorted(len(call.references) for call in target.calls) == [50, 100, 100]
    assert sorted(target.sent()) == [f"JV-{n:05}" for n in range(1, 251)]
    assert report.complete and report.stopped_by is None
    assert report.progress.posted == 250 and report.progress.requests == 3
    assert all(row.remote_id == target.books[row.reference].remote_id for row in report.entries)


def test_a_refused_entry_costs_only_itself_in_a_bulk_request(outbox):
    target = FakeTarget()
    target.answer("JV-00003", Answer.REJECT)
    report = post(outbox, target, entries(5))
    assert target.methods() == ["send"]  # one request; nothing looked up, nothing re-sent
    assert statuses(report) == {
        "JV-00001": EntryStatus.POSTED,
        "JV-00002": EntryStatus.POSTED,
        "JV-00003": EntryStatus.REJECTED,
        "JV-00004": EntryStatus.POSTED,
        "JV-00005": EntryStatus.POSTED,
    }
    [rejected] = [row for row in report.entries if row.status is EntryStatus.REJECTED]
    assert rejected.messages == [REFUSED]
    assert "JV-00003" not in target.books and not report.complete


def test_an_unanswered_request_that_was_stored_is_found_and_never_sent_again(outbox):
    target = FakeTarget()
    target.answer("JV-00002", Answer.UNANSWERED_STORED)
    report = post(outbox, target, entries(3))
    assert target.methods() == ["send", "look_up"]
    assert target.calls[1].references == ("JV-00001", "JV-00002", "JV-00003")
    assert sorted(target.sent()) == ["JV-00001", "JV-00002", "JV-00003"]  # once each
    assert set(statuses(report).values()) == {EntryStatus.POSTED}
    assert all(row.reason is EntryReason.FOUND_ON_SERVER for row in report.entries)
    assert all(row.remote_id == target.books[row.reference].remote_id for row in report.entries)


def test_an_unanswered_request_that_was_lost_is_looked_up_then_sent_again(outbox):
    target = FakeTarget(chunk_size=1)
    target.answer("JV-00001", Answer.UNANSWERED_LOST)
    report = post(outbox, target, entries(1))
    assert target.methods() == ["send", "look_up", "send"]  # looked up before the re-send
    assert target.sent() == ["JV-00001", "JV-00001"]
    assert statuses(report) == {"JV-00001": EntryStatus.POSTED}
    assert report.entries[0].remote_id == target.books["JV-00001"].remote_id


def test_a_number_already_in_the_books_is_skipped_and_left_alone(outbox):
    target = FakeTarget(chunk_size=1)
    theirs = target.hold("JV-00002")  # entered in the service by hand
    report = post(outbox, target, entries(3))
    assert statuses(report)["JV-00002"] is EntryStatus.SKIPPED
    [skipped] = [row for row in report.entries if row.reference == "JV-00002"]
    assert skipped.reason is EntryReason.ON_SERVER and TAKEN in skipped.messages
    assert target.books["JV-00002"] == theirs  # neither replaced nor claimed as ours
    assert skipped.remote_id in ("", None)


def test_a_second_batch_of_the_same_entries_sends_nothing(outbox):
    target = FakeTarget()
    post(outbox, target, entries(4))
    sent_before = len(target.calls)
    again = post(outbox, target, entries(4))
    assert len(target.calls) == sent_before  # not one request
    assert set(statuses(again).values()) == {EntryStatus.SKIPPED}
    assert all(row.reason is EntryReason.ALREADY_POSTED for row in again.entries)
    assert again.complete


def test_a_reference_posted_before_with_other_content_is_skipped_not_sent(outbox):
    target = FakeTarget()
    post(outbox, target, entries(2))
    changed = entries(2)
    changed[0].lines[0].debit += 1
    changed[0].lines[1].credit += 1
    report = post(outbox, target, changed)
    assert target.sent().count("JV-00001") == 1
    [row] = [row for row in report.entries if row.reference == "JV-00001"]
    assert row.status is EntryStatus.SKIPPED
    assert row.reason is EntryReason.DUPLICATE


def test_too_many_requests_leaves_the_entry_pending_for_the_next_run(outbox):
    target = FakeTarget()
    target.answer("JV-00002", Answer.LIMIT)
    first = post(outbox, target, entries(3))
    assert statuses(first)["JV-00002"] is EntryStatus.PENDING
    assert LIMIT in next(row for row in first.entries if row.reference == "JV-00002").messages
    second = post(outbox, target, entries(3))  # the same batch, resumed
    assert second.batch.id == first.batch.id
    assert set(statuses(second).values()) == {EntryStatus.POSTED}
    assert target.sent().count("JV-00002") == 2 and target.sent().count("JV-00001") == 1


def test_stop_sends_nothing_more_and_reaches_every_request(outbox):
    cancel = threading.Event()
    target = FakeTarget(chunk_size=1, on_send=lambda _refs: cancel.set())
    engine = PostingEngine(outbox, target, "PT Demo", workers=1)
    batch = engine.open_batch(entries(5))
    report = engine.run(batch, cancel=cancel)
    assert report.cancelled
    assert target.sent() == ["JV-00001"]  # the request under way finishes; no new one starts
    assert all(call.cancel is cancel for call in target.calls)  # the waits can end at once
    counts = {status: list(statuses(report).values()).count(status) for status in EntryStatus}
    assert counts[EntryStatus.POSTED] == 1 and counts[EntryStatus.PENDING] == 4


def test_undo_deletes_what_the_batch_posted_and_only_that(outbox):
    target = FakeTarget()
    target.hold("JV-00009")
    report = post(outbox, target, entries(3))
    engine = PostingEngine(outbox, target, "PT Demo")
    undone = engine.undo(report.batch.id)
    assert sorted(row.reference for row in undone) == ["JV-00001", "JV-00002", "JV-00003"]
    assert {row.status for row in undone} == {EntryStatus.UNDONE}
    assert list(target.books) == ["JV-00009"]
