"""A batch's posting report rebuilt from the outbox (for the history): what a run would
have reported, from what the outbox kept."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from app.posting.outbox.ledger import Batch, Outbox, OutboxEntry
from app.posting.run_report import PostingReport, Progress
from app.posting.summary import summary_of_counts


def rebuild_report(outbox: Outbox, batch_id: str) -> PostingReport:
    """The batch's report as a run would have written it, from what the outbox kept: the
    batch, every entry as it is now, and the counts."""
    batch = outbox.batch(batch_id)
    rows = outbox.entries(batch_id)
    summary = summary_of_counts(Counter((row.status, row.reason) for row in rows))
    progress = Progress(
        total=len(rows),
        posted=summary.posted,
        rejected=summary.rejected,
        skipped=summary.skipped,
        uncertain=summary.uncertain,
        # The outbox does not keep how many requests the runs made: the summary leaves the
        # cell empty rather than claim a number.
        requests=None,  # type: ignore[arg-type]  # unknown, left empty
        elapsed=_elapsed(batch, rows),
    )
    return PostingReport(batch, progress, rows)


def _elapsed(batch: Batch, rows: list[OutboxEntry]) -> float:
    """Seconds from the batch's creation to its end (or its latest change, if unfinished)."""
    end = batch.finished_at or max((row.updated_at for row in rows), default=batch.created_at)
    took = datetime.fromisoformat(end) - datetime.fromisoformat(batch.created_at)
    return max(took.total_seconds(), 0.0)
