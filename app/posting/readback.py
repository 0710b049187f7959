"""Reading posted vouchers back from each service, for `verify_batch`.

Accurate is asked voucher by voucher (`detail.do` by id, or by number for rows recorded
without an id); the shared rate limiter paces the look-ups across worker threads. Sempoa has
no look-up by reference: its journal list is read once, page by page, for the whole batch.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from app.api.accurate import AccurateClient
from app.api.records import RemoteVoucher
from app.api.sempoa import SempoaClient
from app.posting.outbox.ledger import Batch, Outbox, OutboxEntry
from app.posting.service import Company, opened_outbox
from app.posting.verify import ReadBack, ReadProgress, Verification, verify_batch


class AccurateReadBack:
    def __init__(self, client: AccurateClient, *, workers: int = 8) -> None:
        self.client = client
        self.workers = workers

    def read_back(
        self, rows: Sequence[OutboxEntry], on_progress: ReadProgress | None = None
    ) -> dict[int, RemoteVoucher | None]:
        counter = _Counter(len(rows), on_progress)
        with ThreadPoolExecutor(self.workers, thread_name_prefix="verify") as pool:
            found = list(pool.map(lambda row: counter.counted(self._one(row)), rows))
        return {row.id: voucher for row, voucher in zip(rows, found, strict=True)}

    def _one(self, row: OutboxEntry) -> RemoteVoucher | None:
        if row.remote_id:
            return self.client.voucher_detail(voucher_id=row.remote_id)
        return self.client.voucher_detail(number=row.remote_number or row.reference)


class _Counter:
    """Counts the answers of the look-up threads and tells `on_progress` each time."""

    def __init__(self, total: int, on_progress: ReadProgress | None) -> None:
        self._total = total
        self._done = 0
        self._lock = threading.Lock()
        self._on_progress = on_progress

    def counted(self, voucher: RemoteVoucher | None) -> RemoteVoucher | None:
        if self._on_progress is not None:
            with self._lock:
                self._done += 1
                done = self._done
            self._on_progress(done, self._total)
        return voucher


class SempoaReadBack:
    def __init__(self, client: SempoaClient) -> None:
        self.client = client

    def read_back(
        self, rows: Sequence[OutboxEntry], on_progress: ReadProgress | None = None
    ) -> dict[int, RemoteVoucher | None]:
        # One listing for the whole batch, page by page: its end is the only step to tell.
        found = self.client.find_journals(row.reference for row in rows)
        if on_progress is not None:
            on_progress(len(rows), len(rows))
        return {row.id: found.get(row.reference) for row in rows}


def read_back_for(client: AccurateClient | SempoaClient) -> ReadBack:
    if isinstance(client, AccurateClient):
        return AccurateReadBack(client)
    return SempoaReadBack(client)


def verify_posted(
    outbox: Outbox, company: Company, batch: Batch, on_progress: ReadProgress | None = None
) -> Verification:
    """Read back and compare every voucher `batch` posted to `company` (network: call from a
    worker or the command line); `on_progress(done, total)` follows the reading."""
    if batch.profile != company.profile.name:
        raise ValueError("the batch belongs to another profile")
    # Sempoa answers with account names: the chart turns the codes sent into names.
    chart = company.chart() if isinstance(company.client, SempoaClient) else None
    return verify_batch(
        outbox,
        read_back_for(company.client),
        batch.id,
        default_branch=company.profile.branch or "",
        chart=chart,
        on_progress=on_progress,
    )


def verify_saved_batch(
    connect_company: Callable[[], Company],
    outbox_home: Path,
    batch: Batch,
    on_progress: ReadProgress | None = None,
) -> Verification:
    """Worker: connect to the batch's company and verify the batch (the history page)."""
    with connect_company() as company, opened_outbox(outbox_home) as outbox:
        return verify_posted(outbox, company, batch, on_progress)
