"""Posting benchmark: the engine against the Accurate sandbox with the real rate limits.

The sandbox runs in this process (real HTTP on 127.0.0.1), adds 100 ms to every request and
enforces Accurate's limits (8 requests a second, 8 in flight, per token), counting each
request when its request line ARRIVES, as the service does; the client uses the shared
`RateLimiter()` with its defaults (the same limits) and the default retry policy. Every run
uses a fresh sandbox and a fresh outbox file in a temporary directory on disk (WAL,
synchronous=FULL: every commit is an fsync).

(a) one by one (`save.do`, one request per entry), 500 entries: entries per second and the
    sandbox's breach count (requests that arrived as the 9th within a second or in flight);
(b) bulk (`bulk-save.do`, 100 vouchers per request), 5,000 entries: seconds and breaches;
(c) bulk, 25,000 entries: peak memory of a child process that does only the posting (the
    sandbox stays in this process, so its stored vouchers do not count) and its seconds;
(d) one by one, 500 entries, on a rough network: latency 100 ms +-50 %, 2 % of requests
    answered 5xx, 2 % of connections cut before any work, 1 % of saves stored and then cut:
    breaches, limit replies, and every entry exactly once.

Targets: (a) >= 7.5 entries/s (the service allows 8) with 0 breaches; (b) <= 15 s with 0
breaches; (c) < 400 MB; (d) every entry once, at most 2 breaches.

Run alone: `python -m bench.bench_posting [--one-by-one N] [--bulk N] [--memory N]
[--jitter N]`; or with the limiter benchmark and BENCHMARKS.md updated:
`python -m bench posting limiter --write`.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bench.peak_memory import ru_maxrss_mb
from bench.posting_memory import MemoryResult, measure_memory
from bench.posting_run import (
    LATENCY_MS,
    LINES_PER_ENTRY,
    make_entries,
    new_limiter,
    post_batch,
    sandbox,
)

NAME = "posting"
TITLE = "Posting: Accurate sandbox, 100 ms latency, real rate limits"
# (d): a rough network. The seed makes the faults' draws repeat (their order across the
# worker threads still varies).
JITTER = {
    "latency_jitter": 0.5,
    "error_rate": 0.02,
    "cut_rate": 0.02,
    "drop_after_store_rate": 0.01,
    "seed": 11,
}
TARGET_ONE_BY_ONE_RATE = 7.5  # entries per second; the service allows 8 requests a second
TARGET_BULK_SECONDS = 15.0
TARGET_PEAK_MB = 400.0
TARGET_JITTER_BREACHES = 2
WHAT_IS_MEASURED = f"""\
The sandbox runs in the benchmark's process (real HTTP on 127.0.0.1), adds {LATENCY_MS} ms to
every request while it counts as in flight, and enforces Accurate's limits per token (8
requests a second, 8 in flight). It counts every request when its request line arrives (as
the service does), refused ones too, and reports **breaches**: requests that arrived as the
9th (or later) within a rolling second, within a calendar second, or with 8 in flight,
whether or not it refused them; a refused one gets Accurate's limit reply, as HTTP 429 or as
HTTP 200 with `s: false` (taking turns). The client uses the shared `RateLimiter()` with its
defaults (the same limits, a 1.03 s window counted from when each request's headers leave,
widened after a limit reply) and the default retry policy; the engine uses its default 8
workers. Every run has a fresh sandbox and a fresh outbox file in a temporary directory on
disk (SQLite WAL, synchronous=FULL). Entries have {LINES_PER_ENTRY} lines. A run counts only
if every entry ends up in the sandbox's books exactly once and the outbox says posted.
(d) adds faults to every request: latency drawn uniformly within {LATENCY_MS} ms +-50 %,
2 % answered 500/502/503 before any work, 2 % of connections cut before any work, 1 % of
saves stored and then cut without an answer (the engine looks those up before re-sending).
Peak memory is the peak resident set of a child process that only posts (the sandbox with
its stored vouchers stays in the launcher), including building the entries and the outbox
batch. It is read from `VmHWM` in /proc/self/status, the child's own high-water mark: the
child's `ru_maxrss` starts at the launcher's peak (Linux carries it across fork and exec);
both are shown."""


# --- results ----------------------------------------------------------------------------


@dataclass
class RunResult:
    mode: str  # "one-by-one", "bulk" or "one-by-one, rough network"
    entries: int
    seconds: float
    posted: int
    exactly_once: bool
    requests: int
    stats: object  # the sandbox's SandboxStats at the end
    window: float  # the client limiter's window at the end
    steady_rate: float | None = None  # entries/s between 10% and 90% done
    timings: dict[str, float] = field(default_factory=dict)  # where the time went

    @property
    def rate(self) -> float:
        return self.posted / self.seconds if self.seconds > 0 else 0.0

    @property
    def breaches(self) -> int:
        return self.stats.breaches


@dataclass
class PostingBenchResult:
    one_by_one: RunResult
    bulk: RunResult
    memory: MemoryResult
    jitter: RunResult
    launcher_mb: float
    notes: list[str] = field(default_factory=list)

    @property
    def one_by_one_ok(self) -> bool:
        run = self.one_by_one
        return run.exactly_once and run.rate >= TARGET_ONE_BY_ONE_RATE and not run.breaches

    @property
    def bulk_ok(self) -> bool:
        run = self.bulk
        return run.exactly_once and run.seconds <= TARGET_BULK_SECONDS and not run.breaches

    @property
    def memory_ok(self) -> bool:
        return self.memory.exactly_once and self.memory.peak_mb < TARGET_PEAK_MB

    @property
    def jitter_ok(self) -> bool:
        return self.jitter.exactly_once and self.jitter.breaches <= TARGET_JITTER_BREACHES

    @property
    def passed(self) -> bool:
        return self.one_by_one_ok and self.bulk_ok and self.memory_ok and self.jitter_ok

    def _rows(self) -> list[tuple[str, str, str, str]]:
        one, bulk, mem, rough = self.one_by_one, self.bulk, self.memory, self.jitter
        return [
            (f"(a) one by one, {one.entries:,} entries", "entries per second",
             f"{one.rate:.2f}/s{_steady(one)}", f">= {TARGET_ONE_BY_ONE_RATE}/s"),
            ("", "seconds", f"{one.seconds:.1f} s", ""),
            *_limit_rows(one, "0"),
            ("", "exactly once in the books", _yes(one.exactly_once), "yes"),
            (f"(b) bulk, {bulk.entries:,} entries", "seconds", f"{bulk.seconds:.2f} s",
             f"<= {TARGET_BULK_SECONDS:.0f} s"),
            ("", "entries per second", f"{bulk.rate:,.0f}/s", ""),
            *_limit_rows(bulk, "0"),
            ("", "exactly once in the books", _yes(bulk.exactly_once), "yes"),
            (f"(c) bulk, {mem.entries:,} entries, fresh outbox", "peak memory (child, VmHWM)",
             f"{mem.peak_mb:.0f} MB", f"< {TARGET_PEAK_MB:.0f} MB"),
            ("", "interpreter + imports only", f"{mem.baseline_mb:.0f} MB", ""),
            *(("", f"peak after: {step}", f"{mb:.0f} MB", "") for step, mb in mem.marks.items()),
            ("", "seconds", f"{mem.seconds:.1f} s", ""),
            ("", "breaches (server); limit replies", f"{mem.breaches}; {mem.rate_limited}", ""),
            ("", "exactly once in the books", _yes(mem.exactly_once), "yes"),
            (f"(d) one by one, {rough.entries:,} entries, rough network", "entries per second",
             f"{rough.rate:.2f}/s{_steady(rough)}", ""),
            ("", "seconds", f"{rough.seconds:.1f} s", ""),
            ("", "faults met: 5xx; cut before work; stored then cut",
             f"{rough.stats.injected_errors}; {rough.stats.cut}; {rough.stats.dropped}", ""),
            *_limit_rows(rough, f"<= {TARGET_JITTER_BREACHES}"),
            ("", "exactly once in the books", _yes(rough.exactly_once), "yes"),
        ]  # fmt: skip

    def report_lines(self) -> list[str]:
        rows = [("run", "measure", "result", "target"), *self._rows()]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        lines = ["  ".join(text.ljust(width) for text, width in zip(row, widths, strict=True))
                 for row in rows]  # fmt: skip
        lines.insert(1, "  ".join("-" * width for width in widths))
        lines.append("targets: " + self._verdicts(_verdict))
        for run in (self.one_by_one, self.bulk, self.jitter):
            if run.timings:
                lines.append(f"where the time went, {run.mode}: {_timings_text(run)}")
        return lines + self.notes

    def markdown(self) -> str:
        table = "\n".join(f"| {run} | {measure} | {result} | {target} |"
                          for run, measure, result, target in self._rows())  # fmt: skip
        timings = "".join(
            f"\nWhere the time went, {run.mode} (seconds summed over the worker threads): "
            f"{_timings_text(run)}.\n"
            for run in (self.one_by_one, self.bulk, self.jitter)
            if run.timings
        )
        notes = "".join(f"\n{note}\n" for note in self.notes)
        return (
            f"{WHAT_IS_MEASURED}\n\nTargets: {self._verdicts(_met)}.\n\n"
            f"| run | measure | result | target |\n|---|---|---|---|\n{table}\n"
            f"{timings}{notes}"
        )

    def _verdicts(self, word: Callable[[bool], str]) -> str:
        oks = (self.one_by_one_ok, self.bulk_ok, self.memory_ok, self.jitter_ok)
        return ", ".join(f"({key}) {word(ok)}" for key, ok in zip("abcd", oks, strict=True))


def _limit_rows(run: RunResult, target: str) -> list[tuple[str, str, str, str]]:
    stats = run.stats
    kinds = (
        f"{stats.breaches} (rolling second {stats.breaches_per_second}, calendar second "
        f"{stats.breaches_calendar_second}, in flight {stats.breaches_in_flight})"
    )
    return [
        ("", "breaches as the service counts them (server side)", kinds, target),
        ("", "limit replies: for breaches (429 / 200 s:false)",
         f"{stats.rate_limited} ({stats.limit_replies_429} / {stats.limit_replies_200})", ""),
        ("", "HTTP requests; peak in flight; peak arrivals in a second (server)",
         f"{stats.requests:,}; {stats.peak_in_flight}; {stats.peak_per_second}", "<= 8; <= 8"),
        ("", "client window at the end", f"{run.window:.2f} s", ""),
    ]  # fmt: skip


def _steady(run: RunResult) -> str:
    return f" (steady {run.steady_rate:.2f}/s)" if run.steady_rate else ""


def _yes(ok: bool) -> str:
    return "yes" if ok else "NO"


def _verdict(ok: bool) -> str:
    return "OK" if ok else "NOT MET"


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def _timings_text(run: RunResult) -> str:
    ordered = sorted(run.timings.items(), key=lambda item: -item[1])
    return ", ".join(f"{name} {seconds:.2f} s" for name, seconds in ordered if seconds >= 0.01)


def _exactly_once(sb, entries, report) -> bool:
    from app.posting.outbox.ledger import EntryStatus

    numbers = [voucher["number"] for voucher in sb.vouchers()]
    expected = {entry.reference for entry in entries}
    return (
        len(numbers) == len(set(numbers)) == len(entries)
        and set(numbers) == expected
        and all(row.status is EntryStatus.POSTED for row in report.entries)
    )


def measure_run(
    count: int, *, bulk: bool, window: float | None = None, rough: bool = False
) -> RunResult:
    entries = make_entries(count)
    samples: list[tuple[float, int]] = []
    timings: dict[str, float] = defaultdict(float)
    limiter = new_limiter(window)
    faults = JITTER if rough else {}
    with sandbox(**faults) as sb, tempfile.TemporaryDirectory(prefix="jd-bench-") as folder:

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
            limiter=limiter,
        )
        stats = sb.stats
        exactly_once = _exactly_once(sb, entries, report)
    mode = "bulk" if bulk else "one-by-one"
    return RunResult(
        mode=f"{mode}, rough network" if rough else mode,
        entries=count,
        seconds=seconds,
        posted=report.progress.posted,
        exactly_once=exactly_once,
        requests=report.progress.requests,
        stats=stats,
        window=limiter.stats().window,
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


# --- entry points ----------------------------------------------------------------------------


def run(
    one_by_one: int = 500,
    bulk: int = 5_000,
    memory: int = 25_000,
    jitter: int = 500,
    window: float | None = None,
) -> PostingBenchResult:
    """Measure (c), then (a), (b) and (d). `window` replaces the client limiter's window (an
    experiment; the targets are judged with the defaults)."""
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    # The memory child first, while this launcher is as small as it will be.
    launcher_mb = ru_maxrss_mb()
    memory_result = measure_memory(memory, window)
    one_result = measure_run(one_by_one, bulk=False, window=window)
    bulk_result = measure_run(bulk, bulk=True, window=window)
    jitter_result = measure_run(jitter, bulk=False, window=window, rough=True)
    result = PostingBenchResult(
        one_by_one=one_result,
        bulk=bulk_result,
        memory=memory_result,
        jitter=jitter_result,
        launcher_mb=launcher_mb,
        notes=[
            f"Measured {date.today().isoformat()} with Python {platform.python_version()} on "
            f"{_cpu()}; load average when this benchmark started: {load} (the machine is "
            "shared).",
            f"The memory child was started from a launcher whose peak so far was "
            f"{launcher_mb:.0f} MB; the child's ru_maxrss was {memory_result.ru_maxrss_mb:.0f} MB.",
        ],
    )
    if window is not None:
        result.notes.insert(
            0,
            f"EXPERIMENT: the client's rate limiter used a {window} s window instead of its "
            "default (`RateLimiter(window=...)`).",
        )
    return result


def _cpu() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return platform.processor() or "an unknown CPU"
    models = [line.split(":", 1)[1].strip() for line in text.splitlines()
              if line.startswith("model name")]  # fmt: skip
    return f"{models[0] if models else 'an unknown CPU'}, {os.cpu_count()} cores"


def main() -> int:
    parser = argparse.ArgumentParser(description=TITLE)
    parser.add_argument("--one-by-one", type=int, default=500, metavar="N")
    parser.add_argument("--bulk", type=int, default=5_000, metavar="N")
    parser.add_argument("--memory", type=int, default=25_000, metavar="N")
    parser.add_argument("--jitter", type=int, default=500, metavar="N")
    parser.add_argument(
        "--window",
        type=float,
        metavar="SECONDS",
        help="experiment: the client rate limiter's window (default: RateLimiter()'s)",
    )
    args = parser.parse_args()
    result = run(args.one_by_one, args.bulk, args.memory, args.jitter, args.window)
    print("\n".join(result.report_lines()))
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
