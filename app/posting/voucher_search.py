"""Finding many entries of unknown fate (sent, answer lost) on Accurate, so that a run cut
short again and again still settles some of them every time.

Entries left in flight are the newest saves, so the journal list of their dates is read
newest first: page 1 asks for `sp.sort=id|desc`. Whether Accurate honours a sort by id is
assumed, so the ids answered decide the order of the other pages: descending, pages 2, 3,
...; ascending (the sort ignored, the list oldest first), the last page first and back.
Each page's finds are handed on as the page arrives.

An entry is only "not there" on a proof: either the whole list was read (every page, all
answering the same row count, so no voucher moved between pages meanwhile), or detail.do
said plainly that no voucher has its number. While list pages find entries, only pages are
read (two on their way at a time). Once the pages stop paying (a page newest first held
none of the entries, or the entries left are no more than the pages left), look-ups by
number fill the other requests in flight: each answer settles one entry at once (found or
not there), so a run killed soon after it starts still settles entries, and the list, read
on to its end, settles all the rest. The search stops as soon as every entry is settled;
it never asks more than the list's pages plus one look-up per entry.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import date

from app.api.accurate import AccurateClient, VoucherPage
from app.api.records import RemoteVoucher
from app.posting.target_protocol import OnAbsent, OnFound

Cancel = threading.Event | None
# List pages asked for at once: a page is read while the one before it is on its way (as
# fast as Accurate's 8 requests a second allow at its latency), so the other requests in
# flight can be look-ups by number, each settling an entry even if the run is cut short.
PAGES_IN_FLIGHT = 2
# What a request of the search answers: a list page, or a reference and the voucher found.
_Answer = VoucherPage | tuple[str, RemoteVoucher | None]


class VoucherSearch:
    def __init__(
        self,
        client: AccurateClient,
        references: Sequence[str],
        dates: tuple[date, date],
        *,
        on_found: OnFound | None,
        on_absent: OnAbsent | None,
        workers: int,
        cancel: Cancel,
    ) -> None:
        self.client = client
        self.wanted = set(references)
        self.first, self.last = dates
        self.on_found = on_found
        self.on_absent = on_absent
        self.workers = workers
        self.cancel = cancel
        self.found: dict[str, RemoteVoucher] = {}
        self.absent: set[str] = set()
        self._row_counts: set[int | None] = set()

    def run(self) -> dict[str, RemoteVoucher]:
        """reference -> the voucher holding it; a reference left out is surely not there."""
        page = self._read_page(1)
        held = self._take_page(page)
        if not self._left() or not page.page_count or page.page_count <= 1:
            return self.found  # the whole list was that one page
        oldest_first = _oldest_first(page)
        count = page.page_count
        pages = list(range(count, 1, -1)) if oldest_first else list(range(2, count + 1))
        queue = _Queue(pages, self._left())
        if not held and not oldest_first:  # the newest vouchers hold none of them
            queue.by_number = True
        self._race(queue)
        return self.found

    # -- the two proofs side by side -------------------------------------------------------

    def _race(self, queue: _Queue) -> None:
        """Read the list's pages, and look entries up by number once that pays, until every
        entry is settled or the list is read whole; at most `workers` requests in flight. A
        failed request ends the search (it raises) once the answers on their way are taken."""
        pool = ThreadPoolExecutor(self.workers, thread_name_prefix="search")
        running: dict[Future[_Answer], str] = {}
        failure: BaseException | None = None
        try:
            while running or (failure is None and self._left()):
                while failure is None and len(running) < self.workers:
                    pages_out = sum(1 for kind in running.values() if kind == "page")
                    task = queue.next(self._left(), pages_out)
                    if task is None:
                        break
                    kind, item = task
                    running[pool.submit(self._ask, item)] = kind
                if not running:
                    return  # only when nothing is left: every entry is looked up by number
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    del running[future]
                    if future.exception() is not None:
                        failure = failure or future.exception()
                    elif isinstance(answer := future.result(), VoucherPage):
                        queue.page_read(bool(self._take_page(answer)), len(self._left()))
                    else:
                        self._take_detail(*answer)
                if failure is None and queue.list_read() and self._list_held_still():
                    return  # read whole and unchanged: what it lacks is surely not there
            if failure is not None:
                raise failure
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _ask(self, item: int | str) -> _Answer:
        """A list page (`item` its number) or a look-up by number (`item` the reference)."""
        return self._read_page(item) if isinstance(item, int) else self._detail(item)

    def _read_page(self, number: int) -> VoucherPage:
        return self.client.voucher_list_page(
            self.first, self.last, number, newest_first=True, cancel=self.cancel
        )

    def _detail(self, reference: str) -> tuple[str, RemoteVoucher | None]:
        return reference, self.client.find_voucher(reference, cancel=self.cancel)

    # -- what the answers settle -------------------------------------------------------------

    def _take_page(self, page: VoucherPage) -> int:
        """How many entries sought the page holds; they are handed on."""
        self._row_counts.add(page.row_count)
        left = self._left()
        hits = {v.number: v for v in page.vouchers if v.number in left}
        self._found(hits)
        return len(hits)

    def _take_detail(self, reference: str, voucher: RemoteVoucher | None) -> None:
        if reference not in self._left():
            return
        if voucher is not None:
            self._found({reference: voucher})
            return
        self.absent.add(reference)
        if self.on_absent is not None:
            self.on_absent(reference)

    def _found(self, hits: dict[str, RemoteVoucher]) -> None:
        if not hits:
            return
        self.found.update(hits)
        if self.on_found is not None:
            self.on_found(hits)

    def _left(self) -> set[str]:
        return self.wanted - self.found.keys() - self.absent

    def _list_held_still(self) -> bool:
        """Every page answered the same row count: no voucher came or went while the list was
        read, so none can have moved past the pages already read."""
        return len(self._row_counts) == 1 and None not in self._row_counts


def _oldest_first(page: VoucherPage) -> bool:
    """Whether the list came oldest first (ids rising): the sort by id was ignored."""
    ids = _ids(page)
    return len(ids) > 1 and ids == sorted(ids)


def _ids(page: VoucherPage) -> list[int]:
    return [int(v.remote_id) for v in page.vouchers if str(v.remote_id).isdigit()]


class _Queue:
    """What to ask next. List pages while they pay; look-ups by number (one request an
    entry) too once the entries left are no more than the pages left, or a page held none
    of them (newest first, what the list has not shown is most likely not there): then
    look-ups fill what the pages leave of the requests in flight."""

    def __init__(self, pages: list[int], sought: set[str]) -> None:
        self.pages = list(pages)
        self.references = sorted(sought, reverse=True)
        self.unread = len(pages)
        self.by_number = len(sought) <= len(pages)
        self._page_next = True

    def next(self, left: set[str], pages_out: int) -> tuple[str, int | str] | None:
        self.references = [ref for ref in self.references if ref in left]
        detail_due = self.by_number and bool(self.references)
        page_due = bool(self.pages) and pages_out < PAGES_IN_FLIGHT
        if page_due and (self._page_next or not detail_due):
            self._page_next = False
            return "page", self.pages.pop(0)
        if detail_due:
            self._page_next = True
            return "detail", self.references.pop()
        return None

    def page_read(self, held_some: bool, left: int) -> None:
        self.unread -= 1
        # Read whole but changed meanwhile (the caller checks), the list proves nothing:
        # what is left is looked up by number.
        if not held_some or left <= self.unread or self.unread == 0:
            self.by_number = True

    def list_read(self) -> bool:
        return self.unread == 0
