"""A hundred faulty runs: at least 95 of 100 finish on their first run, with 0 duplicates.

`RUNS` runs of `ENTRIES` entries, one by one (`save.do`), each a fresh `post` of a fresh
batch (a fresh outbox on disk) against a fresh Accurate sandbox with its real limits
(8 requests a second, 8 in flight), 100 ms latency and, on every request, 8 % answered
500/502/503 before any work; 4 % of saves are stored and then cut without an answer
(dropped after commit). Each run has its own fault seed. Each run's result is written to
`bench/out/faulty_hundred.jsonl` as it ends; an unfinished run's outbox is kept in
`bench/out/faulty_hundred/` to be read.

Targets: at least 95 of 100 runs finish on the first run (exit 0), 0 duplicates in the books.

Run alone: `python -m bench.bench_faulty_hundred [--runs N] [--entries N]`; with
BENCHMARKS.md updated: `python -m bench faulty-hundred --write`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.bench_faulty_runs import FaultyRun, faulty_run
from bench.posting_run import LATENCY_MS

NAME = "faulty-hundred"
TITLE = "Posting under faults: 100 runs, each finishes on its first run"
RUNS = 100
ENTRIES = 80
FAULTS = {"error_rate": 0.08, "drop_after_store_rate": 0.04}
TARGET_FINISHED = 0.95
OUT = Path(__file__).resolve().parent / "out"


@dataclass
class HundredResult:
    runs: list[FaultyRun]
    entries: int
    notes: list[str] = field(default_factory=list)

    @property
    def finished(self) -> int:
        return sum(run.complete for run in self.runs)

    @property
    def passed(self) -> bool:
        enough = self.finished >= TARGET_FINISHED * len(self.runs)
        return bool(self.runs) and enough and sum(run.duplicates for run in self.runs) == 0

    def _rows(self) -> list[tuple[str, str]]:
        runs = self.runs
        seconds = sorted(run.seconds for run in runs)

        def at(share: float) -> float:
            return seconds[min(len(seconds) - 1, int(share * len(seconds)))]

        met = [sum(run.faults_met[i] for run in runs) for i in (0, 2)]
        unfinished = [str(run.seed) for run in runs if not run.complete]
        return [
            ("finished on the first run (exit 0)",
             f"**{self.finished} of {len(runs)}** (target >= {TARGET_FINISHED:.0%})"),
            ("duplicates in the books (all runs)", f"**{sum(r.duplicates for r in runs)}**"),
            ("missing from the books (all runs)", str(sum(r.missing for r in runs))),
            ("entries left uncertain (all runs)", str(sum(r.uncertain for r in runs))),
            ("seeds of unfinished runs", ", ".join(unfinished) or "none"),
            ("seconds per run: fastest, median, 90th percentile, slowest",
             f"{seconds[0]:.1f}, {at(0.5):.1f}, {at(0.9):.1f}, {seconds[-1]:.1f}"),
            ("seconds per run: mean", f"{sum(seconds) / len(seconds):.1f}"),
            ("runs by seconds taken", _spread(seconds)),
            (f"save requests per run, mean (entries: {self.entries})",
             f"{sum(r.save_requests for r in runs) / len(runs):.1f}"),
            ("faults met, all runs: 5xx; stored then cut", f"{met[0]}; {met[1]}"),
        ]  # fmt: skip

    def report_lines(self) -> list[str]:
        width = max(len(measure) for measure, _ in self._rows())
        lines = [f"{measure.ljust(width)}  {value}" for measure, value in self._rows()]
        return [*lines, f"targets: {'OK' if self.passed else 'NOT MET'}", *self.notes]

    def markdown(self) -> str:
        table = "\n".join(f"| {a} | {b} |" for a, b in self._rows())
        verdict = "met" if self.passed else "**not met**"
        notes = "".join(f"\n{note}\n" for note in self.notes)
        return (
            f"{_what(len(self.runs), self.entries)}\n\nTargets (at least "
            f"{TARGET_FINISHED:.0%} of runs finish on the first run, 0 duplicates): {verdict}.\n\n"
            f"| measure | result |\n|---|---|\n{table}\n{notes}"
        )


def _spread(seconds: list[float]) -> str:
    whole = Counter(int(value) for value in seconds)
    return ", ".join(f"{s}-{s + 1} s: {whole[s]}" for s in sorted(whole))


def _what(runs: int, entries: int) -> str:
    return f"""\
{runs} runs, one after another; each is a fresh post of a fresh batch of {entries} entries
one by one (`save.do`, a fresh outbox on disk) to a fresh Accurate sandbox with its real
limits (8 requests a second, 8 in flight), {LATENCY_MS} ms latency, and on every request
8 % answered 500/502/503 before any work; 4 % of saves are stored and then cut without an
answer (dropped after commit). Each run has its own fault seed (1 to {runs}). "Finished on
the first run" means every entry ended posted (`jurnal-desk post` exits 0); duplicates and
missing entries are counted in the sandbox's books."""


def run(runs: int = RUNS, entries: int = ENTRIES) -> HundredResult:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    started = time.perf_counter()
    OUT.mkdir(exist_ok=True)
    results = []
    with (OUT / "faulty_hundred.jsonl").open("w", encoding="utf-8") as log:
        for seed in range(1, runs + 1):
            result = faulty_run(seed, entries, FAULTS, keep_failed=OUT / "faulty_hundred")
            results.append(result)
            log.write(json.dumps(asdict(result)) + "\n")
            log.flush()
            print(f"  run {seed}: {'finished' if result.complete else 'NOT finished'}, "
                  f"{result.seconds:.1f} s, duplicates {result.duplicates}, "
                  f"uncertain {result.uncertain}", flush=True)  # fmt: skip
    minutes = (time.perf_counter() - started) / 60
    ended = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    note = (
        f"The benchmark took {minutes:.1f} minutes; load average {load} when started, "
        f"{ended} when it ended (2 cores, shared)."
    )
    return HundredResult(results, entries, notes=[note])


def main() -> int:
    parser = argparse.ArgumentParser(description=TITLE)
    parser.add_argument("--runs", type=int, default=RUNS, metavar="N")
    parser.add_argument("--entries", type=int, default=ENTRIES, metavar="N")
    args = parser.parse_args()
    result = run(args.runs, args.entries)
    print("\n".join(result.report_lines()))
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
