"""Reading a period's vouchers from a company's books, for `reconcile`.

Accurate: `journal-voucher/list.do` with the date-range filter, 100 vouchers a page (no
lines; each row's edit counter and total when the service gives them), and `detail.do` by id
only for the vouchers whose lines must be compared (those the outbox or the workbook says
should be there, less those the list proves unchanged: `versions`). Sempoa has no date
filter and no detail: its `/jurnal` pages (lines included) are read to their end and kept
when dated in the period.
Every request goes through the client, so the company's rate limiter paces it. Pages and
vouchers read are kept in a `ReadingCache`, so an interrupted reading continues.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from app.api import errors
from app.api.accurate import VOUCHER_PERIOD_FIELDS, AccurateClient
from app.api.errors import ACCURATE
from app.api.records import RemoteVoucher
from app.api.sempoa import SempoaClient
from app.core.i18n import Text, tr
from app.posting.reconcile.cache import ReadingCache

Cancel = threading.Event | None
ReadProgress = Callable[[int, int], None]  # (done, total); total 0 while the list is read
DETAIL_WORKERS = 8  # Accurate allows 8 requests in flight per token


class PeriodBooks:
    """One company's books for one period, read through `client` into `cache`."""

    def __init__(
        self,
        client: AccurateClient | SempoaClient,
        cache: ReadingCache,
        first: date,
        last: date,
        *,
        cancel: Cancel = None,
        on_progress: ReadProgress | None = None,
    ) -> None:
        self.client = client
        self.cache = cache
        self.first, self.last = first, last
        self.cancel = cancel
        self.on_progress = on_progress
        self.pages_read = 0  # list requests made by this reading (cached pages not counted)
        self.details_read = 0  # detail requests made by this reading
        # Accurate's journal list refused the unconfirmed fields (edit counter, total) and was
        # read with the confirmed ones only: no voucher is proven unchanged by its version.
        self.list_fields_refused = False

    @property
    def has_detail(self) -> bool:
        """Whether a listed voucher lacks its lines (Accurate) and is read again for them."""
        return isinstance(self.client, AccurateClient)

    def vouchers(self) -> list[RemoteVoucher]:
        """Every voucher dated in the period, as the list gives it."""
        if not self.cache.list_done:
            self._read_list()
        return [voucher for voucher in self.cache.listed() if self._in_period(voucher)]

    def with_lines(self, vouchers: Sequence[RemoteVoucher]) -> dict[str, RemoteVoucher]:
        """These vouchers with their lines, by id (Accurate: detail.do each, not read yet)."""
        if not self.has_detail:
            return {voucher.remote_id: voucher for voucher in vouchers}
        wanted = [v.remote_id for v in vouchers if v.remote_id not in self.cache.details]
        assert isinstance(self.client, AccurateClient)
        client = self.client
        done = len(vouchers) - len(wanted)

        def one(remote_id: str) -> RemoteVoucher | None:
            found = client.voucher_detail(voucher_id=remote_id, cancel=self.cancel)
            if found is not None and found.remote_id != remote_id:
                # An answer about another voucher proves nothing about this one.
                raise errors.unexpected_answer(ACCURATE, _detail_what(remote_id))
            return found

        with ThreadPoolExecutor(DETAIL_WORKERS, thread_name_prefix="reconcile") as pool:
            for start in range(0, len(wanted), 100):
                part = wanted[start : start + 100]
                found = [v for v in pool.map(one, part) if v is not None]
                self.details_read += len(part)
                self.cache.add_details(found)  # kept as they come: a Stop keeps them
                done += len(part)
                self._progress(done, len(vouchers))
        return {
            v.remote_id: self.cache.details[v.remote_id]
            for v in vouchers
            if v.remote_id in self.cache.details
        }

    def outside_period(self, wanted: Sequence[tuple[str, str]]) -> dict[str, RemoteVoucher]:
        """Vouchers expected in the period but not listed there, by (id, number): the ones the
        books still hold under another date (moved out of the period), keyed by number.
        Accurate: detail.do each (by id, else by number); Sempoa: its whole list, read already."""
        if not wanted:
            return {}
        if not isinstance(self.client, AccurateClient):
            by_id = {voucher.remote_id: voucher for voucher in self.cache.listed()}
            by_number = {voucher.number: voucher for voucher in self.cache.listed()}
            found = {n: by_id.get(i) or by_number.get(n) for i, n in wanted}
            return {number: voucher for number, voucher in found.items() if voucher is not None}
        client = self.client

        def one(key: tuple[str, str]) -> RemoteVoucher | None:
            remote_id, number = key
            if remote_id:
                return client.voucher_detail(voucher_id=remote_id, cancel=self.cancel)
            return client.voucher_detail(number=number, cancel=self.cancel)

        with ThreadPoolExecutor(DETAIL_WORKERS, thread_name_prefix="reconcile") as pool:
            read = list(pool.map(one, wanted))
        self.details_read += len(wanted)
        return {
            number: voucher
            for (_id, number), voucher in zip(wanted, read, strict=True)
            if voucher is not None and voucher.number == number and not self._in_period(voucher)
        }

    def _read_list(self) -> None:
        first_page = self.cache.next_page()
        refused_before = self._field_refusals()
        if isinstance(self.client, AccurateClient):
            pages = self.client.voucher_pages(
                self.first,
                self.last,
                cancel=self.cancel,
                fields=VOUCHER_PERIOD_FIELDS,
                first_page=first_page,
            )
        else:
            pages = self.client.journal_pages(first_page=first_page, cancel=self.cancel)
        for page, vouchers in enumerate(pages, start=first_page):
            self.pages_read += 1
            self.cache.add_page(page, vouchers)
            self._progress(len(self.cache.listed()), 0)
        if not isinstance(self.client, AccurateClient):
            self.pages_read += 1  # Sempoa's list ends with an empty page, which is not handed on
        elif self.pages_read:
            self.list_fields_refused = self.client.journal_list_refuses_fields
            self.pages_read += self._field_refusals() - refused_before  # asked once more
        self.cache.end_list()

    def _field_refusals(self) -> int:
        """Journal list requests the client had refused for their fields, so far."""
        if isinstance(self.client, AccurateClient):
            return self.client.list_fields.refusals
        return 0

    def _in_period(self, voucher: RemoteVoucher) -> bool:
        # Accurate filters by date already; a service that ignored the filter answers more
        # vouchers, never fewer, and Sempoa has no filter: each is judged by its own date.
        return voucher.date is not None and self.first <= voucher.date <= self.last

    def _progress(self, done: int, total: int) -> None:
        if self.on_progress is not None:
            self.on_progress(done, total)


def _detail_what(remote_id: str) -> Text:
    return tr("jurnal umum id {n}", n=remote_id)
