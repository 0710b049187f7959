"""Recovery after an interrupted run reads the service's list pages, not one detail.do per
entry, and keeps each page's finds in the outbox as they arrive: an interrupted recovery is
never repeated for what it found. A killed run is what the outbox shows after SIGKILL: every
entry whose request was on its way still "sending". Real HTTP to the sandbox (its request log
counts the pages), real SQLite outbox."""

from __future__ import annotations

import math
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.core.journal import JournalEntry, JournalLine
from app.posting.engine import PostingEngine
from app.posting.outbox import EntryStatus, Outbox
from app.posting.targets import AccurateTarget
from app.sandbox import Faults, Sandbox
from tests.posting_helpers import ACCURATE_CREDIT, ACCURATE_DEBIT, accurate_client

LIST, DETAIL, BULK = "journal-voucher/list.do", "journal-voucher/detail.do", "bulk-save.do"


def dated_entries(count: int) -> list[JournalEntry]:
    """Ten entries a day from 1 March 2026, so a part of the batch spans fewer days."""
    made = []
    for number in range(1, count + 1):
        amount = Decimal(number) + Decimal("0.5")
        made.append(
            JournalEntry(
                date=date(2026, 3, 1) + timedelta(days=(number - 1) // 10),
                reference=f"RC-{number:05}",
                description=f"Transaksi {number}",
                lines=[
                    JournalLine(ACCURATE_DEBIT, debit=amount),
                    JournalLine(ACCURATE_CREDIT, credit=amount),
                ],
            )
        )
    return made


@pytest.fixture
def sb():
    with Sandbox(enforce_rate_limit=False) as sandbox:
        yield sandbox


def killed_run(sb: Sandbox, outbox: Outbox, batch_entries, stored: int):
    """As a run killed with every request on its way: the first `stored` entries reached the
    books (posted by that run, whose answers were never recorded), every row "sending"."""
    with accurate_client(sb, fast=True) as client:
        for start in range(0, stored, 100):
            results = client.bulk_save(batch_entries[start : min(start + 100, stored)])
            assert all(result.ok for result in results)
        engine = PostingEngine(outbox, AccurateTarget(client), "PT Demo")
        batch = engine.open_batch(batch_entries)
    outbox.mark_sending([row.id for row in outbox.entries(batch.id)])
    return batch


def restart(sb: Sandbox, outbox: Outbox, batch):
    with accurate_client(sb, fast=True) as client:
        engine = PostingEngine(outbox, AccurateTarget(client), "PT Demo")
        return engine.run(batch)


def calls(sb: Sandbox, endpoint: str, since: int) -> int:
    return sum(1 for record in sb.request_log()[since:] if record.path.endswith(endpoint))


def test_a_restart_finds_hundreds_of_in_flight_entries_in_a_few_list_pages(sb, outbox):
    batch_entries = dated_entries(400)
    batch = killed_run(sb, outbox, batch_entries, stored=350)
    before = len(sb.request_log())
    report = restart(sb, outbox, batch)
    assert report.complete
    assert calls(sb, DETAIL, before) == 0  # no look-up one entry at a time
    assert calls(sb, LIST, before) <= math.ceil(350 / 100) + 1  # pages, not entries
    assert calls(sb, BULK, before) == 1  # only the 50 that never arrived are sent
    numbers = Counter(voucher["number"] for voucher in sb.vouchers())
    assert len(numbers) == 400 and set(numbers.values()) == {1}
    ids = {voucher["number"]: str(voucher["id"]) for voucher in sb.vouchers()}
    assert {row.reference: row.remote_id for row in report.entries} == ids


def test_what_an_interrupted_recovery_found_is_kept_and_not_looked_up_again(sb, outbox):
    batch_entries = dated_entries(400)
    batch = killed_run(sb, outbox, batch_entries, stored=400)
    # The first restart is cut short: the list's third page never comes, nor does the list
    # of the days still unknown after that (entry 201 is dated 21 March).
    sb.faults = Faults(failing_texts=("sp.page=3", "val[0]=21/03/2026"))
    first = restart(sb, outbox, batch)
    assert first.stopped_by is not None
    kept = [row.reference for row in outbox.entries(batch.id, [EntryStatus.POSTED])]
    assert kept == [entry.reference for entry in batch_entries[:200]]  # pages 1 and 2

    sb.faults = Faults()
    before = len(sb.request_log())
    second = restart(sb, outbox, batch)
    assert second.complete
    # Only the 200 still unknown are looked for, in the list of their own 20 days.
    assert calls(sb, LIST, before) <= 3
    assert calls(sb, DETAIL, before) == 0 and calls(sb, BULK, before) == 0
    assert len(sb.vouchers()) == 400
