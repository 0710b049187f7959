"""The posting benchmarks' harness: entries, the sandbox, a client and one posted batch.

Shared by the posting benchmark (bench_posting), its memory child (posting_memory) and the
fault benchmarks (bench_faulty_runs, bench_faulty_hundred).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

from bench.peak_memory import own_peak_mb

LATENCY_MS = 100
LINES_PER_ENTRY = 4
PROFILE = "PT Benchmark"


# --- entries and clients -----------------------------------------------------------------


def make_entries(count: int, prefix: str = "BM"):
    """`count` balanced entries of LINES_PER_ENTRY lines on postable sandbox accounts."""
    from app.core.books.journal import JournalEntry, JournalLine
    from app.sandbox import ACCURATE_CHART

    accounts = [account.no for account in ACCURATE_CHART if account.postable]
    made = []
    for number in range(1, count + 1):
        half = Decimal(number % 9_973 * 1_000) + Decimal("500.25")
        lines = [
            JournalLine(accounts[number % 7], debit=half, memo=f"Biaya {number}"),
            JournalLine(accounts[7 + number % 5], debit=half, memo="PPN Masukan"),
            JournalLine(accounts[13 + number % 4], credit=half * 2 - 100, memo="Bank BCA"),
            JournalLine(accounts[18], credit=Decimal(100), memo="Biaya admin"),
        ]
        made.append(
            JournalEntry(
                date=date(2026, 8, 1 + number % 28),
                reference=f"{prefix}-{number:06}",
                description=f"Pembelian perlengkapan kantor nomor {number}",
                lines=lines[:LINES_PER_ENTRY],
            )
        )
    return made


def new_limiter(window: float | None = None):
    from app.api.ratelimit import RateLimiter

    # The real limits, 8 a second and 8 in flight; `window` only for an experiment.
    return RateLimiter() if window is None else RateLimiter(window=window)


def accurate_client(account_url: str, host: str, limiter):
    from app.api.accurate import AccurateClient
    from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN

    return AccurateClient.create(
        token=DEMO_ACCURATE_TOKEN,
        secret=DEMO_ACCURATE_SECRET,
        limiter=limiter,
        host=host,
        account_url=account_url,
    )


def post_batch(
    account_url: str,
    host: str,
    entries: list,
    outbox_path: Path,
    *,
    bulk: bool,
    on_progress: Callable | None = None,
    timings: dict[str, float] | None = None,
    window: float | None = None,
    memory_marks: dict[str, float] | None = None,
    limiter=None,
):
    """Open a batch of `entries` in a fresh outbox and post it; returns (report, seconds)."""
    from app.posting.engine import PostingEngine
    from app.posting.outbox.ledger import Outbox
    from app.posting.targets import AccurateTarget

    limiter = limiter or new_limiter(window)
    with Outbox(outbox_path) as outbox, accurate_client(account_url, host, limiter) as client:
        target = AccurateTarget(client, bulk=bulk)
        engine = PostingEngine(outbox, target, PROFILE)
        if timings is not None:
            _time_calls(outbox, target, timings)
        started = time.perf_counter()
        batch = engine.open_batch(entries, source_file="benchmark.xlsx")
        if memory_marks is not None:
            memory_marks["batch opened in the outbox"] = own_peak_mb()
        report = engine.run(batch, on_progress=on_progress)
        return report, time.perf_counter() - started


_TIMED_OUTBOX = (
    "create_batch", "unfinished_batch", "entries", "counts", "posted_reference", "unresolved",
    "mark_sending", "mark_posted", "mark", "get", "finish_batch",
)  # fmt: skip


def _time_calls(outbox, target, timings: dict[str, float]) -> None:
    """Wrap the outbox's methods and the target's send so each adds its wall time (lock
    waits included) to `timings`; this answers "where does the time go" across threads,
    which cProfile (main thread only) cannot."""
    lock = threading.Lock()

    def timed(name: str, function: Callable) -> Callable:
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                with lock:
                    timings[name] += time.perf_counter() - started

        return wrapper

    for name in _TIMED_OUTBOX:
        setattr(outbox, name, timed(f"outbox.{name}", getattr(outbox, name)))
    target.send = timed("send (HTTP incl. rate-limit waits)", target.send)


def sandbox(**faults):
    from app.sandbox import Faults, Sandbox

    return Sandbox(Faults(latency_ms=LATENCY_MS, **faults), enforce_rate_limit=True)
