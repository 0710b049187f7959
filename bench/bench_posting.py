"""Posting benchmark: the engine against the Accurate sandbox with the real rate limits.

The sandbox runs in this process (real HTTP on 127.0.0.1), adds 100 ms to every request and
enforces Accurate's limits (8 requests a second, 8 in flight, per token); the client uses the
shared `RateLimiter()` with its defaults (the same limits) and the default retry policy. Every
run uses a fresh sandbox and a fresh outbox file in a temporary directory on disk (WAL,
synchronous=FULL: every commit is an fsync).

(a) one by one (`save.do`, one request per entry), 500 entries: entries per second and the
    sandbox's rate-limit rejections (429s);
(b) bulk (`bulk-save.do`, 100 vouchers per request), 5,000 entries: seconds and 429s;
(c) bulk, 25,000 entries: peak memory of a child process that does only the posting (the
    sandbox stays in this process, so its stored vouchers do not count) and its seconds.

Targets: (a) >= 7.5 entries/s (the service allows 8) with 0 rejections; (b) <= 15 s with 0
rejections; (c) < 400 MB.

Run alone: `python -m bench.bench_posting [--one-by-one N] [--bulk N] [--memory N]
`; or every benchmark with `python -m bench`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

NAME = "posting"
TITLE = "Posting: Accurate sandbox, 100 ms latency, real rate limits"
LATENCY_MS = 100
TARGET_ONE_BY_ONE_RATE = 7.5  # entries per second; the service allows 8 requests a second
TARGET_BULK_SECONDS = 15.0
TARGET_PEAK_MB = 400.0
LINES_PER_ENTRY = 4
PROFILE = "PT Benchmark"
WHAT_IS_MEASURED = f"""\
The sandbox runs in the benchmark's process (real HTTP on 127.0.0.1), adds {LATENCY_MS} ms to
every request while it counts as in flight, and enforces Accurate's limits per token (8
requests a second, 8 in flight). The client uses the shared `RateLimiter()` with its
defaults (the same limits) and the default retry policy; the engine uses its default 8
workers. Every run has a fresh sandbox and a fresh outbox file in a temporary directory on
disk (SQLite WAL, synchronous=FULL). Entries have {LINES_PER_ENTRY} lines. A run counts only
if every entry ends up in the sandbox's books exactly once and the outbox says posted.
"Rate-limit rejections" are the sandbox's 429s (`Sandbox.stats.rate_limited`). Peak memory
is the peak resident set of a child process that only posts (the sandbox with its stored
vouchers stays in the launcher), including building the entries and the outbox batch. It is
read from `VmHWM` in /proc/self/status, the child's own high-water mark: the child's
`ru_maxrss` starts at the launcher's peak (Linux carries it across fork and exec), which
after the import benchmark is larger than the posting itself; both are shown."""


# --- results ----------------------------------------------------------------------------


@dataclass
class RunResult:
    mode: str  # "one-by-one" or "bulk"
    entries: int
    seconds: float
    posted: int
    exactly_once: bool
    requests: int
    rate_limited: int
    rate_limited_per_second: int
    peak_in_flight: int
    peak_per_second: int
    steady_rate: float | None = None  # entries/s between 10% and 90% done
    timings: dict[str, float] = field(default_factory=dict)  # where the time went

    @property
    def rate(self) -> float:
        return self.posted / self.seconds if self.seconds > 0 else 0.0


@dataclass
class MemoryResult:
    entries: int
    peak_mb: float
    baseline_mb: float  # interpreter + imports, before building anything
    marks: dict[str, float]  # peak so far after each step
    ru_maxrss_mb: float  # includes the launcher's peak at spawn time
    seconds: float
    posted: int
    exactly_once: bool
    rate_limited: int


@dataclass
class PostingBenchResult:
    one_by_one: RunResult
    bulk: RunResult
    memory: MemoryResult
    launcher_mb: float
    notes: list[str] = field(default_factory=list)

    @property
    def one_by_one_ok(self) -> bool:
        run = self.one_by_one
        return run.exactly_once and run.rate >= TARGET_ONE_BY_ONE_RATE and not run.rate_limited

    @property
    def bulk_ok(self) -> bool:
        run = self.bulk
        return run.exactly_once and run.seconds <= TARGET_BULK_SECONDS and not run.rate_limited

    @property
    def memory_ok(self) -> bool:
        return self.memory.exactly_once and self.memory.peak_mb < TARGET_PEAK_MB

    @property
    def passed(self) -> bool:
        return self.one_by_one_ok and self.bulk_ok and self.memory_ok

    def _rows(self) -> list[tuple[str, str, str, str]]:
        one, bulk, mem = self.one_by_one, self.bulk, self.memory
        steady = f" (steady {one.steady_rate:.2f}/s)" if one.steady_rate else ""
        return [
            (f"(a) one by one, {one.entries:,} entries", "entries per second",
             f"{one.rate:.2f}/s{steady}", f">= {TARGET_ONE_BY_ONE_RATE}/s"),
            ("", "seconds", f"{one.seconds:.1f} s", ""),
            ("", "rate-limit rejections (429)", _rejections(one), "0"),
            ("", "requests; peak in flight; peak per second (server)",
             f"{one.requests:,}; {one.peak_in_flight}; {one.peak_per_second}", "<= 8; <= 8"),
            ("", "exactly once in the books", _yes(one.exactly_once), "yes"),
            (f"(b) bulk, {bulk.entries:,} entries", "seconds", f"{bulk.seconds:.2f} s",
             f"<= {TARGET_BULK_SECONDS:.0f} s"),
            ("", "entries per second", f"{bulk.rate:,.0f}/s", ""),
            ("", "rate-limit rejections (429)", _rejections(bulk), "0"),
            ("", "requests; peak in flight; peak per second (server)",
             f"{bulk.requests:,}; {bulk.peak_in_flight}; {bulk.peak_per_second}", "<= 8; <= 8"),
            ("", "exactly once in the books", _yes(bulk.exactly_once), "yes"),
            (f"(c) bulk, {mem.entries:,} entries, fresh outbox", "peak memory (child, VmHWM)",
             f"{mem.peak_mb:.0f} MB", f"< {TARGET_PEAK_MB:.0f} MB"),
            ("", "interpreter + imports only", f"{mem.baseline_mb:.0f} MB", ""),
            *(("", f"peak after: {step}", f"{mb:.0f} MB", "") for step, mb in mem.marks.items()),
            ("", "seconds", f"{mem.seconds:.1f} s", ""),
            ("", "rate-limit rejections (429)", f"{mem.rate_limited}", ""),
            ("", "exactly once in the books", _yes(mem.exactly_once), "yes"),
        ]  # fmt: skip

    def report_lines(self) -> list[str]:
        rows = [("run", "measure", "result", "target"), *self._rows()]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        lines = ["  ".join(text.ljust(width) for text, width in zip(row, widths, strict=True))
                 for row in rows]  # fmt: skip
        lines.insert(1, "  ".join("-" * width for width in widths))
        verdicts = [
            f"(a) {_verdict(self.one_by_one_ok)}",
            f"(b) {_verdict(self.bulk_ok)}",
            f"(c) {_verdict(self.memory_ok)}",
        ]
        lines.append("targets: " + ", ".join(verdicts))
        for run in (self.one_by_one, self.bulk):
            if run.timings:
                lines.append(f"where the time went, {run.mode}: {_timings_text(run)}")
        return lines + self.notes

    def markdown(self) -> str:
        table = "\n".join(f"| {run} | {measure} | {result} | {target} |"
                          for run, measure, result, target in self._rows())  # fmt: skip
        verdicts = (
            f"(a) {_met(self.one_by_one_ok)}, (b) {_met(self.bulk_ok)}, (c) {_met(self.memory_ok)}"
        )
        timings = "".join(
            f"\nWhere the time went, {run.mode} (seconds summed over the worker threads): "
            f"{_timings_text(run)}.\n"
            for run in (self.one_by_one, self.bulk)
            if run.timings
        )
        notes = "".join(f"\n{note}\n" for note in self.notes)
        return (
            f"{WHAT_IS_MEASURED}\n\nTargets: {verdicts}.\n\n"
            f"| run | measure | result | target |\n|---|---|---|---|\n{table}\n"
            f"{timings}{notes}"
        )


def _rejections(run: RunResult) -> str:
    if not run.rate_limited:
        return "0"
    return f"{run.rate_limited} ({run.rate_limited_per_second} for the per-second limit)"


def _yes(ok: bool) -> str:
    return "yes" if ok else "NO"


def _verdict(ok: bool) -> str:
    return "OK" if ok else "NOT MET"


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def _timings_text(run: RunResult) -> str:
    ordered = sorted(run.timings.items(), key=lambda item: -item[1])
    return ", ".join(f"{name} {seconds:.2f} s" for name, seconds in ordered if seconds >= 0.01)


# --- entries and clients -----------------------------------------------------------------


def make_entries(count: int, prefix: str = "BM"):
    """`count` balanced entries of LINES_PER_ENTRY lines on postable sandbox accounts."""
    from app.core.journal import JournalEntry, JournalLine
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


def accurate_client(account_url: str, host: str, window: float | None = None):
    from app.api.accurate import AccurateClient
    from app.api.ratelimit import RateLimiter
    from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN

    return AccurateClient.create(
        token=DEMO_ACCURATE_TOKEN,
        secret=DEMO_ACCURATE_SECRET,
        # The real limits, 8 a second and 8 in flight; `window` only for an experiment.
        limiter=RateLimiter() if window is None else RateLimiter(window=window),
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
):
    """Open a batch of `entries` in a fresh outbox and post it; returns (report, seconds)."""
    from app.posting.engine import PostingEngine
    from app.posting.outbox import Outbox
    from app.posting.targets import AccurateTarget

    with Outbox(outbox_path) as outbox, accurate_client(account_url, host, window) as client:
        target = AccurateTarget(client, bulk=bulk)
        engine = PostingEngine(outbox, target, PROFILE)
        if timings is not None:
            _time_calls(outbox, target, timings)
        started = time.perf_counter()
        batch = engine.open_batch(entries, source_file="benchmark.xlsx")
        if memory_marks is not None:
            memory_marks["batch opened in the outbox"] = _own_peak_mb()
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


def _sandbox():
    from app.sandbox import Faults, Sandbox

    return Sandbox(Faults(latency_ms=LATENCY_MS), enforce_rate_limit=True)


def _exactly_once(sb, entries, report) -> bool:
    from app.posting.outbox import EntryStatus

    numbers = [voucher["number"] for voucher in sb.vouchers()]
    expected = {entry.reference for entry in entries}
    return (
        len(numbers) == len(set(numbers)) == len(entries)
        and set(numbers) == expected
        and all(row.status is EntryStatus.POSTED for row in report.entries)
    )


def measure_run(count: int, *, bulk: bool, window: float | None = None) -> RunResult:
    entries = make_entries(count)
    samples: list[tuple[float, int]] = []
    timings: dict[str, float] = defaultdict(float)
    with _sandbox() as sb, tempfile.TemporaryDirectory(prefix="jd-bench-") as folder:

        def on_progress(progress) -> None:
            samples.append((progress.elapsed, progress.done))

        report, seconds = post_batch(
            sb.account_url,
            sb.accurate_host(),
            entries,
            Path(folder) / "outbox.sqlite3",
            bulk=bulk,
            on_progress=on_progress,
            timings=timings,
            window=window,
        )
        stats = sb.stats
        exactly_once = _exactly_once(sb, entries, report)
    return RunResult(
        mode="bulk" if bulk else "one-by-one",
        entries=count,
        seconds=seconds,
        posted=report.progress.posted,
        exactly_once=exactly_once,
        requests=report.progress.requests,
        rate_limited=stats.rate_limited,
        rate_limited_per_second=stats.rate_limited_per_second,
        peak_in_flight=stats.peak_in_flight,
        peak_per_second=stats.peak_per_second,
        steady_rate=_steady_rate(samples, count),
        timings=dict(timings),
    )


def _steady_rate(samples: list[tuple[float, int]], total: int) -> float | None:
    """Entries per second between 10% and 90% done: the rate with start-up and the last
    requests' tail left out."""
    low = next((s for s in samples if s[1] >= total * 0.1), None)
    high = next((s for s in samples if s[1] >= total * 0.9), None)
    if low is None or high is None or high[0] <= low[0]:
        return None
    return (high[1] - low[1]) / (high[0] - low[0])


# --- peak memory in a child -----------------------------------------------------------------


def measure_memory(count: int, window: float | None = None) -> MemoryResult:
    """Post `count` entries in bulk from a fresh child process; the sandbox stays here."""
    with _sandbox() as sb, tempfile.TemporaryDirectory(prefix="jd-bench-") as folder:
        completed = subprocess.run(
            [sys.executable, "-m", "bench.bench_posting", "--child",
             sb.account_url, sb.accurate_host(), str(count), folder, str(window or "")],
            capture_output=True, text=True, check=False,
            cwd=Path(__file__).resolve().parent.parent,
        )  # fmt: skip
        if completed.returncode != 0:
            raise RuntimeError(f"posting child failed:\n{completed.stderr[-3000:]}")
        child = json.loads(completed.stdout.strip().splitlines()[-1])
        stats = sb.stats
        numbers = [voucher["number"] for voucher in sb.vouchers()]
    exactly_once = child["complete"] and len(numbers) == len(set(numbers)) == count
    return MemoryResult(
        entries=count,
        peak_mb=child["peak_mb"],
        baseline_mb=child["baseline_mb"],
        marks=child["marks"],
        ru_maxrss_mb=child["ru_maxrss_mb"],
        seconds=child["seconds"],
        posted=child["posted"],
        exactly_once=exactly_once,
        rate_limited=stats.rate_limited,
    )


def _child(account_url: str, host: str, count: int, folder: str, window: str) -> None:
    # Imported before the baseline is taken, so the baseline includes them.
    import app.posting.targets  # noqa: F401  (the engine, outbox and clients with it)

    baseline = _own_peak_mb()
    entries = make_entries(count)
    marks = {"entries built": _own_peak_mb()}
    report, seconds = post_batch(
        account_url,
        host,
        entries,
        Path(folder) / "outbox.sqlite3",
        bulk=True,
        window=float(window) if window else None,
        memory_marks=marks,
    )
    marks["posting run"] = _own_peak_mb()
    result = {
        "ru_maxrss_mb": _ru_maxrss_mb(),
        "marks": marks,
        "peak_mb": _own_peak_mb(),
        "baseline_mb": baseline,
        "seconds": seconds,
        "posted": report.progress.posted,
        "complete": report.complete,
    }
    print(json.dumps(result))


def _own_peak_mb() -> float:
    """This process's own peak resident memory: VmHWM on Linux, else ru_maxrss."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return _ru_maxrss_mb()


def _ru_maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


# --- entry points ----------------------------------------------------------------------------


def run(
    one_by_one: int = 500, bulk: int = 5_000, memory: int = 25_000, window: float | None = None
) -> PostingBenchResult:
    """Measure (c), then (a) and (b). `window` replaces the client limiter's 1 s window (an
    experiment; the targets are judged with the defaults)."""
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    # The memory child first, while this launcher is as small as it will be.
    launcher_mb = _ru_maxrss_mb()
    memory_result = measure_memory(memory, window)
    one_result = measure_run(one_by_one, bulk=False, window=window)
    bulk_result = measure_run(bulk, bulk=True, window=window)
    result = PostingBenchResult(
        one_by_one=one_result,
        bulk=bulk_result,
        memory=memory_result,
        launcher_mb=launcher_mb,
        notes=[
            f"Load average when this benchmark started: {load} (the machine is shared).",
            f"The memory child was started from a launcher whose peak so far was "
            f"{launcher_mb:.0f} MB; the child's ru_maxrss was {memory_result.ru_maxrss_mb:.0f} MB.",
        ],
    )
    if window is not None:
        result.notes.insert(
            0,
            f"EXPERIMENT: the client's rate limiter used a {window} s window instead of its "
            "default 1 s (`RateLimiter(window=...)`).",
        )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=TITLE)
    parser.add_argument("--one-by-one", type=int, default=500, metavar="N")
    parser.add_argument("--bulk", type=int, default=5_000, metavar="N")
    parser.add_argument("--memory", type=int, default=25_000, metavar="N")
    parser.add_argument(
        "--window",
        type=float,
        metavar="SECONDS",
        help="experiment: the client rate limiter's window (default: RateLimiter()'s 1 s)",
    )
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        account_url, host, count, folder, window = args.child
        _child(account_url, host, int(count), folder, window)
        return 0
    result = run(args.one_by_one, args.bulk, args.memory, args.window)
    print("\n".join(result.report_lines()))
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
