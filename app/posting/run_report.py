"""How far a run is (`Progress`, reported as it goes) and what it came to (`PostingReport`,
with the batch's entries as they stand)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from app.core.i18n import Text
from app.posting.outbox.ledger import Batch, EntryStatus, OutboxEntry
from app.posting.summary import RunSummary, summarize


@dataclass(slots=True)
class Progress:
    total: int
    posted: int = 0
    rejected: int = 0
    skipped: int = 0
    uncertain: int = 0
    requests: int = 0
    elapsed: float = 0.0
    batch_id: str = ""  # the batch being posted ("" when nothing is: all on the books already)

    @property
    def done(self) -> int:
        return self.posted + self.rejected + self.skipped

    @property
    def entries_per_second(self) -> float:
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def seconds_left(self) -> float | None:
        rate = self.entries_per_second
        return (self.total - self.done) / rate if rate > 0 else None


@dataclass(slots=True)
class PostingReport:
    batch: Batch
    progress: Progress
    entries: list[OutboxEntry] = field(default_factory=list)
    stopped_by: Text | None = None  # why posting stopped early (revoked token, network ...)
    cancelled: bool = False
    # Entries an earlier run of this batch posted (a resumed batch): not sent by this run.
    posted_earlier: frozenset[int] = frozenset()

    def count(self, status: EntryStatus) -> int:
        return sum(1 for entry in self.entries if entry.status is status)

    def summary(
        self, *, invalid: int = 0, debit_of: Callable[[OutboxEntry], Decimal] | None = None
    ) -> RunSummary:
        """What the run came to, as every front shows it (app.posting.summary): what an
        earlier run of the batch posted counts as posted before, not as posted now."""
        return summarize(
            self.entries, invalid=invalid, debit_of=debit_of, earlier=self.posted_earlier
        )

    @property
    def complete(self) -> bool:
        """Every entry of the batch is on the books (now or before)."""
        return all(entry.on_books for entry in self.entries)


ProgressCallback = Callable[[Progress], None]


def recount(progress: Progress, counts: dict[EntryStatus, int]) -> None:
    """Progress's counts from the batch's counts by status (`Outbox.counts`)."""
    progress.posted = counts.get(EntryStatus.POSTED, 0)
    progress.rejected = counts.get(EntryStatus.REJECTED, 0)
    progress.skipped = counts.get(EntryStatus.SKIPPED, 0)
    progress.uncertain = counts.get(EntryStatus.UNCERTAIN, 0)
