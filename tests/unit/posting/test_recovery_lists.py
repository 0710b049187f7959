"""Recovery after an interrupted run reads the service's list pages newest first, not one
detail.do per entry, and keeps each page's finds in the outbox as they arrive; once the pages
stop paying it looks the rest up by number, each answer kept as it comes: a recovery cut
short again and again settles more entries every time. A killed run is what the outbox
shows after SIGKILL: every entry whose request was on its way still "sending". Real HTTP to
the sandbox (its request log counts the pages), real SQLite outbox."""

from __future__ import annotations

import math
import threading
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.core.books.journal import JournalEntry, JournalLine
from app.posting.engine import PostingEngine
from app.posting.outbox.ledger import EntryStatus, Outbox
from app.posting.targets import AccurateTarget
from app.sandbox import Faults, Sandbox
from tests.helpers.posting_helpers import ACCURATE_CREDIT, ACCURATE_DEBIT, accurate_client

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


def others_vouchers(sb: Sandbox, count: int) -> None:
    """`count` vouchers other people saved earlier in March 2026, the batch's month."""
    others = [
        JournalEntry(
            date=date(2026, 3, 1) + timedelta(days=number % 28),
            reference=f"LAIN-{number:05}",
            description=f"Lain {number}",
            lines=[
                JournalLine(ACCURATE_DEBIT, debit=Decimal(number)),
                JournalLine(ACCURATE_CREDIT, credit=Decimal(number)),
            ],
        )
        for number in range(1, count + 1)
    ]
    with accurate_client(sb, fast=True) as client:
        for start in range(0, count, 100):
            assert all(result.ok for result in client.bulk_save(others[start : start + 100]))


def march_entries(count: int) -> list[JournalEntry]:
    """The batch: `count` entries spread over March 2026, among the others' vouchers."""
    return [
        replace(entry, date=date(2026, 3, 1) + timedelta(days=index % 28))
        for index, entry in enumerate(dated_entries(count))
    ]


def looks(sb: Sandbox, since: int) -> int:
    return calls(sb, LIST, since) + calls(sb, DETAIL, since)


def cut_short_after(sb: Sandbox, looked: int) -> tuple[threading.Event, threading.Thread]:
    """Stop (as the user's Stop, or a kill: every finding is already in the outbox) once the
    run has made `looked` look-up requests (list pages or details) from now."""
    cancel, since = threading.Event(), len(sb.request_log())

    def watch() -> None:
        while not cancel.is_set() and looks(sb, since) < looked:
            cancel.wait(0.002)
        cancel.set()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    return cancel, watcher


def settled(outbox: Outbox, batch) -> int:
    unsettled = (EntryStatus.SENDING, EntryStatus.UNCERTAIN)
    return sum(1 for row in outbox.entries(batch.id) if row.status not in unsettled)


@pytest.mark.parametrize("sorted_by_id", [True, False], ids=["sort-honoured", "sort-ignored"])
@pytest.mark.slow
def test_a_recovery_cut_short_again_and_again_settles_more_every_time(sb, outbox, sorted_by_id):
    """240 entries in flight among 1,500 other vouchers of their month (17 list pages): 160
    reached the books, 80 never did. Every restart is stopped after 6 look-up requests, far
    fewer than one reading of the list; each still settles entries, found or proven absent,
    and the books end with every entry once."""
    sb.honour_list_sort(sorted_by_id)
    others_vouchers(sb, 1500)
    batch_entries = march_entries(240)
    batch = killed_run(sb, outbox, batch_entries, stored=160)
    sb.faults = Faults(latency_ms=60)  # as far away as a server: Stop comes between requests
    workers = AccurateTarget.__init__.__kwdefaults__["workers"]
    history, asked = [settled(outbox, batch)], []
    for _restart in range(60):
        cancel, watcher = cut_short_after(sb, looked=6)
        before = len(sb.request_log())
        with accurate_client(sb, fast=True) as client:
            report = PostingEngine(outbox, AccurateTarget(client), "PT Demo").run(
                batch, cancel=cancel
            )
        cancel.set()
        watcher.join()
        asked.append(looks(sb, before))
        history.append(settled(outbox, batch))
        if report.complete:
            break
        assert history[-1] > history[-2], (history, asked)  # progress on every restart
    assert report.complete, history
    # Each restart asked at most what it had on its way when Stop came (and what left while
    # Stop was being noticed): never a whole reading of the list (17 pages) plus look-ups.
    assert max(asked) <= 6 + 2 * workers, asked
    numbers = Counter(voucher["number"] for voucher in sb.vouchers())
    assert {ref for ref in numbers if ref.startswith("RC-")} == {e.reference for e in batch_entries}
    assert set(numbers.values()) == {1}  # 0 duplicates, 0 missing


def test_few_entries_left_among_many_vouchers_are_looked_up_by_number(sb, outbox):
    """12 entries in flight, none of which reached the books, among 1,500 vouchers of their
    month: each is looked up by its number (12 requests) instead of reading 16 list pages to
    the end to prove them absent, then sent."""
    others_vouchers(sb, 1500)
    batch = killed_run(sb, outbox, march_entries(12), stored=0)
    before = len(sb.request_log())
    report = restart(sb, outbox, batch)
    assert report.complete
    assert calls(sb, LIST, before) <= 1 + AccurateTarget.__init__.__kwdefaults__["workers"]
    assert calls(sb, DETAIL, before) == 12
    assert len(sb.vouchers()) == 1512


class DeletesAfterFirstPage:
    """The client, while someone deletes a voucher in Accurate just after the list's first
    page was read: every voucher after it moves up one place, one across a page boundary."""

    def __init__(self, client, voucher_id: str) -> None:
        self.client, self.voucher_id, self.done = client, voucher_id, False

    def __getattr__(self, name: str):
        return getattr(self.client, name)

    def voucher_list_page(self, *args, **kwargs):
        page = self.client.voucher_list_page(*args, **kwargs)
        if page.number == 1 and not self.done:
            self.done = True
            self.client.delete_voucher(self.voucher_id)
        return page


def test_a_list_that_changed_while_it_was_read_proves_nothing_absent(sb, outbox):
    """400 entries in flight, all on the books after 100 older vouchers; the list is read
    newest first and the newest voucher is deleted after page 1, so the voucher that was
    first on page 2 moves to page 1, already read: the list never shows it. The pages'
    row counts differ, so its absence is not believed: it is looked up by number and found,
    never sent again (the company here would take a repeated number)."""
    sb.honour_list_sort(True)
    sb.accept_repeated_numbers()
    others_vouchers(sb, 100)
    batch_entries = march_entries(400)
    batch = killed_run(sb, outbox, batch_entries, stored=400)
    newest = max(sb.vouchers(), key=lambda voucher: voucher["id"])
    with accurate_client(sb, fast=True) as client:
        moving = DeletesAfterFirstPage(client, str(newest["id"]))
        report = PostingEngine(outbox, AccurateTarget(moving), "PT Demo").run(batch)
    assert moving.done and report.complete
    numbers = Counter(voucher["number"] for voucher in sb.vouchers())
    assert set(numbers.values()) == {1}  # nothing sent twice
    assert len(numbers) == 100 + 400 - 1


@pytest.mark.parametrize("honoured", [True, False], ids=["sort-honoured", "sort-ignored"])
def test_the_sandbox_list_honours_or_ignores_a_sort_by_id(sb, honoured):
    """Whether Accurate's journal list honours `sp.sort=id|desc` is assumed: the sandbox
    answers either way, and the ids it answers show which."""
    sb.honour_list_sort(honoured)
    others_vouchers(sb, 150)
    with accurate_client(sb, fast=True) as client:
        page = client.voucher_list_page(date(2026, 3, 1), date(2026, 3, 31), 1, newest_first=True)
    ids = [int(voucher.remote_id) for voucher in page.vouchers]
    assert len(ids) == 100 and page.page_count == 2 and page.row_count == 150
    assert ids == sorted(ids, reverse=honoured)
    assert (max(ids) == max(int(v["id"]) for v in sb.vouchers())) is honoured
