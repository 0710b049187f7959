"""Reading posted vouchers back from each service, for `verify_batch`.

Accurate is asked voucher by voucher (`detail.do` by id, or by number for rows recorded
without an id); the shared rate limiter paces the look-ups across worker threads. Sempoa has
no look-up by reference: its journal list is read once, page by page, for the whole batch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from app.api.accurate import AccurateClient
from app.api.records import RemoteVoucher
from app.api.sempoa import SempoaClient
from app.posting.outbox import Batch, Outbox, OutboxEntry
from app.posting.service import Company, opened_outbox
from app.posting.verify import ReadBack, Verification, verify_batch


class AccurateReadBack:
    def __init__(self, client: AccurateClient, *, workers: int = 8) -> None:
        self.client = client
        self.workers = workers

    def read_back(self, rows: Sequence[OutboxEntry]) -> dict[int, RemoteVoucher | None]:
        with ThreadPoolExecutor(self.workers, thread_name_prefix="verify") as pool:
            found = list(pool.map(self._one, rows))
        return {row.id: voucher for row, voucher in zip(rows, found, strict=True)}

    def _one(self, row: OutboxEntry) -> RemoteVoucher | None:
        if row.remote_id:
            return self.client.voucher_detail(voucher_id=row.remote_id)
        return self.client.voucher_detail(number=row.remote_number or row.reference)


class SempoaReadBack:
    def __init__(self, client: SempoaClient) -> None:
        self.client = client

    def read_back(self, rows: Sequence[OutboxEntry]) -> dict[int, RemoteVoucher | None]:
        found = self.client.find_journals(row.reference for row in rows)
        return {row.id: found.get(row.reference) for row in rows}


def read_back_for(client: AccurateClient | SempoaClient) -> ReadBack:
    if isinstance(client, AccurateClient):
        return AccurateReadBack(client)
    return SempoaReadBack(client)


def verify_posted(outbox: Outbox, company: Company, batch: Batch) -> Verification:
    """Read back and compare every voucher `batch` posted to `company` (network: call from a
    worker or the command line)."""
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
    )


def verify_saved_batch(
    connect_company: Callable[[], Company], outbox_home: Path, batch: Batch
) -> Verification:
    """Worker: connect to the batch's company and verify the batch (the history page)."""
    with connect_company() as company, opened_outbox(outbox_home) as outbox:
        return verify_posted(outbox, company, batch)
