"""The outbox tells a listener about each change once it is committed: which entries, and the
status each has now, so a window follows a run without reading the whole ledger."""

from __future__ import annotations

import sqlite3

import pytest

from app.posting.outbox.ledger import EntryStatus, Outbox, OutboxChange, Outcome, Verified
from tests.helpers.posting_helpers import entries


@pytest.fixture
def outbox(tmp_path):
    with Outbox(tmp_path / "outbox.sqlite3") as box:
        yield box


def test_each_committed_change_is_reported_with_its_entries_and_their_status(outbox):
    seen: list[OutboxChange] = []
    outbox.on_change = seen.append
    batch = outbox.create_batch("PT Demo", "accurate", entries(3))
    a, b, c = (row.id for row in outbox.entries(batch.id))
    outbox.mark_sending([a, b, c])
    outbox.record_outcomes(
        [Outcome(a, EntryStatus.POSTED, [], "1", "JV-1"), Outcome(b, EntryStatus.REJECTED, ["x"])]
    )
    outbox.mark_posted(c, remote_id="3", remote_number="JV-3")
    outbox.mark(b, EntryStatus.SKIPPED, ["sudah ada"])
    outbox.mark_resend(b)
    outbox.mark_verified([(a, Verified.MATCHES)])
    outbox.finish_batch(batch.id)
    assert seen == [
        OutboxChange("create_batch", batch_id=batch.id),
        OutboxChange("mark_sending", (a, b, c), (EntryStatus.SENDING,) * 3),
        OutboxChange("record_outcomes", (a, b), (EntryStatus.POSTED, EntryStatus.REJECTED)),
        OutboxChange("mark_posted", (c,), (EntryStatus.POSTED,)),
        OutboxChange("mark", (b,), (EntryStatus.SKIPPED,)),
        OutboxChange("mark_resend", (b,), (EntryStatus.PENDING,)),
        OutboxChange("mark_verified", (a,)),
        OutboxChange("finish_batch", batch_id=batch.id),
    ]


def test_a_listener_reads_the_change_already_committed(outbox):
    batch = outbox.create_batch("PT Demo", "accurate", entries(2))
    rows = outbox.entries(batch.id)
    read_back: list[EntryStatus] = []
    outbox.on_change = lambda change: read_back.extend(
        outbox.get(entry_id).status for entry_id in change.entry_ids
    )
    outbox.mark_sending([row.id for row in rows])
    assert read_back == [EntryStatus.SENDING, EntryStatus.SENDING]


def test_a_change_that_was_not_committed_is_not_reported(outbox):
    batch = outbox.create_batch("PT Demo", "accurate", entries(1))
    [row] = outbox.entries(batch.id)
    seen: list[OutboxChange] = []
    outbox.on_change = seen.append

    def refuse(db: sqlite3.Connection) -> None:
        raise RuntimeError("another run holds the company")

    with pytest.raises(RuntimeError):
        outbox.mark_sending([row.id], guard=refuse)
    assert seen == []
    assert outbox.get(row.id).status is EntryStatus.PENDING


def test_a_failing_listener_loses_nothing(outbox):
    batch = outbox.create_batch("PT Demo", "accurate", entries(1))
    [row] = outbox.entries(batch.id)

    def broken(change: OutboxChange) -> None:
        raise ValueError("listener bug")

    outbox.on_change = broken
    outbox.mark_posted(row.id, remote_id="7", remote_number="JV-7")  # does not raise
    assert outbox.get(row.id).status is EntryStatus.POSTED
