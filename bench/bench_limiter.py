"""Rate limiter benchmark: the cost of one acquire + release, and how promptly waiters start.

Every request start (retries too) takes a permit from its token's shared `RateLimiter`, so
the limiter's own bookkeeping must be negligible next to an HTTP round trip (tens to hundreds
of milliseconds), and a waiter must start as soon as the rules allow, or throughput is lost.

Measured, each in this process:
- overhead: N acquire + release pairs per thread, limits never binding (a huge per-second limit,
  8 in flight), 1 thread and 8 threads; wall time / pairs, and the spread of single acquires;
- as the transport does it: acquire with `until_sent=True`, `mark_sent()` (once the
  request's line and headers are written), release; 8 threads;
- hand-off: 16 threads competing for 8 in-flight slots, so every acquire past the first eight
  waits on the condition and is woken by a release;
- promptness: 8 threads at the real limits but a 0.1 s window (so the run is short); for each
  start held back by the window, how late it came after the moment the rule allowed it.

Targets: at most 100 µs per pair under 8 threads (plain and as the transport does it);
median lateness at most 5 ms.

Run alone: `python -m bench.bench_limiter [--pairs N]`; or all benchmarks with `python -m bench`.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import date

from app.api.ratelimit import RateLimiter

NAME = "limiter"
TITLE = "Rate limiter: overhead per acquire/release, promptness of waiters"
TARGET_PAIR_MICROSECONDS = 100.0
TARGET_LATENESS_MS = 5.0
UNLIMITED_RATE = 10**9  # a per-second limit that never binds, to isolate the bookkeeping


@dataclass
class Overhead:
    threads: int
    max_in_flight: int
    pairs: int
    seconds: float
    acquire_us: list[float]  # single acquire calls, microseconds
    until_sent: bool = False  # acquire(until_sent=True) + mark_sent() + release()

    @property
    def pair_us(self) -> float:
        return self.seconds / self.pairs * 1e6

    def describe(self) -> str:
        median = statistics.median(self.acquire_us)
        p99 = _percentile(self.acquire_us, 0.99)
        return (
            f"{self.threads} threads, {self.max_in_flight} in flight: "
            f"{self.pair_us:.1f} µs per pair ({self.pairs:,} pairs in {self.seconds:.2f} s); "
            f"single acquire median {median:.1f} µs, p99 {p99:.1f} µs"
        )


@dataclass
class Promptness:
    starts: int
    window: float
    lateness_ms: list[float]
    achieved_per_second: float
    allowed_per_second: float

    def describe(self) -> str:
        return (
            f"8 threads, 8 per {self.window} s window: {self.starts} starts; lateness after the "
            f"allowed moment median {statistics.median(self.lateness_ms):.2f} ms, p99 "
            f"{_percentile(self.lateness_ms, 0.99):.2f} ms, max {max(self.lateness_ms):.2f} ms; "
            f"rate {self.achieved_per_second:.1f}/s of {self.allowed_per_second:.0f}/s allowed"
        )


@dataclass
class LimiterBenchResult:
    single: Overhead
    eight: Overhead
    traced: Overhead
    handoff: Overhead
    promptness: Promptness
    notes: list[str] = field(default_factory=list)

    @property
    def median_lateness_ms(self) -> float:
        return statistics.median(self.promptness.lateness_ms)

    @property
    def prompt_enough(self) -> bool:
        return self.median_lateness_ms <= TARGET_LATENESS_MS

    @property
    def passed(self) -> bool:
        cheap = max(self.eight.pair_us, self.traced.pair_us) <= TARGET_PAIR_MICROSECONDS
        return cheap and self.prompt_enough

    def report_lines(self) -> list[str]:
        return [
            f"overhead, {self.single.describe()}",
            f"overhead, {self.eight.describe()} (target <= {TARGET_PAIR_MICROSECONDS:.0f} µs) "
            f"{_verdict(self.eight.pair_us <= TARGET_PAIR_MICROSECONDS)}",
            f"with the send mark, {self.traced.describe()} "
            f"{_verdict(self.traced.pair_us <= TARGET_PAIR_MICROSECONDS)}",
            f"hand-off, {self.handoff.describe()}",
            f"promptness, {self.promptness.describe()} (target median <= "
            f"{TARGET_LATENESS_MS:.0f} ms) {_verdict(self.prompt_enough)}",
            *self.notes,
        ]

    def markdown(self) -> str:
        late = self.promptness.lateness_ms
        rows = [
            ("acquire + release, 1 thread", self._pair_cell(self.single)),
            ("acquire + release, 8 threads, 8 in flight", f"**{self._pair_cell(self.eight)}**"),
            (
                "acquire(until_sent) + mark_sent + release (the transport's way), 8 threads",
                f"**{self._pair_cell(self.traced)}**",
            ),
            (
                "acquire + release, 16 threads, 8 in flight (waits and hand-offs)",
                self._pair_cell(self.handoff),
            ),
            (
                f"start after the allowed moment, 8 threads, 8 per {self.promptness.window} s",
                f"median **{statistics.median(late):.2f} ms**, p99 {_percentile(late, 0.99):.2f} "
                f"ms, max {max(late):.2f} ms ({len(late)} held-back starts)",
            ),
            (
                "rate achieved / allowed",
                f"{self.promptness.achieved_per_second:.1f} / "
                f"{self.promptness.allowed_per_second:.0f} per second",
            ),
        ]
        verdict = "met" if self.passed else "**not met**"
        lines = [
            f"Targets: at most {TARGET_PAIR_MICROSECONDS:.0f} µs per pair under 8 threads (plain "
            "and with the send mark), "
            f"median lateness at most {TARGET_LATENESS_MS:.0f} ms: {verdict}.",
            "",
            "| measure | result |",
            "|---|---|",
            *(f"| {name} | {value} |" for name, value in rows),
            *(f"\n{note}" for note in self.notes),
        ]
        return "\n".join(lines)

    @staticmethod
    def _pair_cell(overhead: Overhead) -> str:
        return (
            f"{overhead.pair_us:.1f} µs per pair (single acquire median "
            f"{statistics.median(overhead.acquire_us):.1f} µs, p99 "
            f"{_percentile(overhead.acquire_us, 0.99):.1f} µs)"
        )


def measure_overhead(
    threads: int, max_in_flight: int, pairs_per_thread: int, *, until_sent: bool = False
) -> Overhead:
    limiter = RateLimiter(UNLIMITED_RATE, max_in_flight)
    barrier = threading.Barrier(threads + 1)
    samples: list[list[float]] = [[] for _ in range(threads)]

    def worker(index: int) -> None:
        own = samples[index]
        clock = time.perf_counter
        barrier.wait()
        for _ in range(pairs_per_thread):
            before = clock()
            permit = limiter.acquire(until_sent=until_sent)
            own.append(clock() - before)
            if until_sent:
                permit.mark_sent()
            permit.release()
        barrier.wait()

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    barrier.wait()
    began = time.perf_counter()
    barrier.wait()
    seconds = time.perf_counter() - began
    for thread in pool:
        thread.join()
    acquire_us = [value * 1e6 for own in samples for value in own]
    pairs = threads * pairs_per_thread
    return Overhead(threads, max_in_flight, pairs, seconds, acquire_us, until_sent)


def measure_promptness(window: float = 0.1, seconds: float = 2.0) -> Promptness:
    limiter = RateLimiter(8, 8, window=window)
    stop_at = time.monotonic() + seconds
    starts: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        while time.monotonic() < stop_at:
            with limiter.acquire() as permit, lock:
                starts.append(permit.started_at)

    pool = [threading.Thread(target=worker) for _ in range(8)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    starts.sort()
    # The k-th start may come `window` after the (k-8)-th: anything later is lost throughput.
    pairs = zip(starts, starts[8:], strict=False)
    lateness = [(later - earlier - window) * 1e3 for earlier, later in pairs]
    # The first window's burst of 8 comes at once; the rate counts the starts after it.
    rate = (len(starts) - 8) / (starts[-1] - starts[0])
    return Promptness(len(starts), window, lateness, rate, 8 / window)


def run(pairs_per_thread: int = 20_000) -> LimiterBenchResult:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    measure_overhead(8, 8, 1_000)  # warm-up: imports, thread start, branch caches
    single = measure_overhead(1, 8, pairs_per_thread)
    eight = measure_overhead(8, 8, pairs_per_thread)
    traced = measure_overhead(8, 8, pairs_per_thread, until_sent=True)
    handoff = measure_overhead(16, 8, pairs_per_thread // 4)
    promptness = measure_promptness()
    note = (
        f"Measured {date.today().isoformat()} with Python {platform.python_version()} "
        f"({os.cpu_count()} cores); load average when this benchmark started: {load} (the "
        "machine is shared)."
    )
    return LimiterBenchResult(single, eight, traced, handoff, promptness, [note])


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _verdict(ok: bool) -> str:
    return "OK" if ok else "NOT MET"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_limiter", description=TITLE)
    parser.add_argument("--pairs", type=int, default=20_000, help="pairs per thread")
    args = parser.parse_args()
    result = run(args.pairs)
    print("\n".join(result.report_lines()))
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
