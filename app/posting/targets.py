"""Adapters from the service clients to what the posting engine needs.

Accurate posts through bulk-save.do (up to 100 vouchers a request) or save.do one by one,
finds a voucher by number (detail.do) and deletes it by its id. Sempoa posts one journal a
request, finds by reading its journal list, and cannot delete.

Every method takes the run's `cancel` event and hands it to the client, so Stop ends a wait
for the rate limit or a retry at once, not when the wait runs out.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed

from app.api.accurate import BULK_LIMIT, AccurateClient
from app.api.records import RemoteVoucher
from app.api.sempoa import SempoaClient
from app.api.wire import SaveResult
from app.core.books.journal import JournalEntry
from app.posting.target_protocol import OnAbsent, OnFound, RemoteRecord
from app.posting.voucher_search import VoucherSearch

Cancel = threading.Event | None
# Up to this many entries are looked up one detail.do each (one request each, lines
# included); more are searched for in journal-voucher/list.do pages (100 vouchers a
# request) and detail.do side by side (app.posting.voucher_search).
DETAIL_LOOK_UPS = 8


class AccurateTarget:
    service = "accurate"
    can_delete = True
    require_description = False

    def __init__(self, client: AccurateClient, *, bulk: bool = True, workers: int = 8) -> None:
        self.client = client
        self.bulk = bulk
        self.chunk_size = BULK_LIMIT if bulk else 1
        self.workers = workers

    def send(self, entries: Sequence[JournalEntry], *, cancel: Cancel = None) -> list[SaveResult]:
        if self.bulk:
            return self.client.bulk_save(entries, cancel=cancel)
        return [self.client.save_voucher(entry, cancel=cancel) for entry in entries]

    def find(self, reference: str, *, cancel: Cancel = None) -> RemoteRecord | None:
        found = self.client.find_voucher(reference, cancel=cancel)
        if found is None:
            return None
        return RemoteRecord(found.remote_id, found.number)

    def find_many(
        self, references: Sequence[str], *, cancel: Cancel = None
    ) -> dict[str, RemoteRecord]:
        # Accurate looks vouchers up one number at a time; the shared limiter paces them.
        with ThreadPoolExecutor(self.workers, thread_name_prefix="lookup") as pool:
            found = list(pool.map(lambda ref: self.find(ref, cancel=cancel), references))
        return {ref: rec for ref, rec in zip(references, found, strict=True) if rec is not None}

    def look_up(
        self,
        entries: Sequence[JournalEntry],
        *,
        on_found: OnFound | None = None,
        on_absent: OnAbsent | None = None,
        cancel: Cancel = None,
    ) -> dict[str, RemoteVoucher]:
        dated = [(entry.reference, entry.date) for entry in entries if entry.date is not None]
        references = [reference for reference, _ in dated]
        if len(dated) <= DETAIL_LOOK_UPS:
            return self._details(references, cancel, on_found, on_absent)
        days = [day for _, day in dated]
        search = VoucherSearch(
            self.client,
            references,
            (min(days), max(days)),
            on_found=on_found,
            on_absent=on_absent,
            workers=self.workers,
            cancel=cancel,
        )
        return search.run()

    def _details(
        self,
        references: list[str],
        cancel: Cancel,
        on_found: OnFound | None,
        on_absent: OnAbsent | None,
    ) -> dict[str, RemoteVoucher]:
        """One detail.do each; every answer handed on as it arrives, so a run cut short
        keeps what the answers it got said. A failed look-up raises after the others."""
        found: dict[str, RemoteVoucher] = {}
        failure: BaseException | None = None
        with ThreadPoolExecutor(self.workers, thread_name_prefix="lookup") as pool:
            asked = {pool.submit(self.read, ref, cancel=cancel): ref for ref in references}
            for future in as_completed(asked):
                reference = asked[future]
                if future.exception() is not None:
                    failure = failure or future.exception()
                elif (voucher := future.result()) is not None:
                    found[reference] = voucher
                    if on_found is not None:
                        on_found({reference: voucher})
                elif on_absent is not None:
                    on_absent(reference)
        if failure is not None:
            raise failure
        return found

    def read(self, reference: str, *, cancel: Cancel = None) -> RemoteVoucher | None:
        return self.client.find_voucher(reference, cancel=cancel)

    def read_id(self, remote_id: str, *, cancel: Cancel = None) -> RemoteVoucher | None:
        return self.client.voucher_detail(voucher_id=remote_id, cancel=cancel)

    def delete(self, record: RemoteRecord, reference: str, *, cancel: Cancel = None) -> None:
        """Delete by id. A row recorded without one (by an earlier version) is looked up by
        its number first; a number the books no longer hold is already gone."""
        remote_id = record.remote_id
        if not remote_id:
            found = self.find(record.remote_number or reference, cancel=cancel)
            if found is None:
                return
            remote_id = found.remote_id
        self.client.delete_voucher(remote_id, cancel=cancel)


class SempoaTarget:
    service = "sempoa"
    can_delete = False
    require_description = True  # Sempoa requires `deskripsi`
    chunk_size = 1

    def __init__(self, client: SempoaClient) -> None:
        self.client = client

    def send(self, entries: Sequence[JournalEntry], *, cancel: Cancel = None) -> list[SaveResult]:
        return [self.client.post_journal(entry, cancel=cancel) for entry in entries]

    def find(self, reference: str, *, cancel: Cancel = None) -> RemoteRecord | None:
        return self.find_many([reference], cancel=cancel).get(reference)

    def find_many(
        self, references: Sequence[str], *, cancel: Cancel = None
    ) -> dict[str, RemoteRecord]:
        # Sempoa has no look-up by reference: the client reads the journal list once for all
        # of them, to its empty last page (a short page is not the end).
        found = self.client.find_journals(references, cancel=cancel)
        return {
            reference: RemoteRecord(journal.remote_id, journal.number or reference)
            for reference, journal in found.items()
        }

    def look_up(
        self,
        entries: Sequence[JournalEntry],
        *,
        on_found: OnFound | None = None,
        on_absent: OnAbsent | None = None,
        cancel: Cancel = None,
    ) -> dict[str, RemoteVoucher]:
        # The journal list carries each journal's lines: what is found can be compared whole.
        references = [entry.reference for entry in entries]
        return self.client.find_journals(references, cancel=cancel, on_found=on_found)

    def read(self, reference: str, *, cancel: Cancel = None) -> RemoteVoucher | None:
        return self.client.find_journal(reference, cancel=cancel)

    def read_id(self, remote_id: str, *, cancel: Cancel = None) -> RemoteVoucher | None:
        raise NotImplementedError("Sempoa reads journals by reference only")

    def delete(self, record: RemoteRecord, reference: str, *, cancel: Cancel = None) -> None:
        raise NotImplementedError("Sempoa has no delete")
