"""Faulty runs benchmark: does one run finish its own work on a bad day?

`RUNS` runs of `ENTRIES` entries, one by one (`save.do`), against the Accurate sandbox with
its real limits (8 requests a second, 8 in flight), 100 ms latency and faults on every
request: 8 % answered 500/502/503 before any work, 2 % of connections cut before any work,
2 % of saves stored and then cut without an answer (4 % answers dropped in all). Each run
has a fresh sandbox (a different fault seed) and a fresh outbox on disk. A run counts as
"exit 0 on the first run" when every entry ends posted (what `jurnal-desk post` exits 0 on);
duplicates are numbers the books hold more than once, over all runs.

Also one clean one-by-one run of 500 entries (no faults): the throughput target is kept.

Targets: every run finishes on its first run, 0 duplicates, clean one by one >= 7.5/s.

Run alone: `python -m bench.bench_faulty_runs [--runs N] [--entries N]`; with BENCHMARKS.md
updated: `python -m bench faulty-runs --write`.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.bench_posting import TARGET_ONE_BY_ONE_RATE, RunResult, measure_run
from bench.posting_run import LATENCY_MS, make_entries, post_batch, sandbox

NAME = "faulty-runs"
TITLE = "Posting under faults: one run finishes its own work"
RUNS = 20
ENTRIES = 200
FAULTS = {"error_rate": 0.08, "cut_rate": 0.02, "drop_after_store_rate": 0.02}
CLEAN_ENTRIES = 500


@dataclass
class FaultyRun:
    seed: int
    seconds: float
    complete: bool
    duplicates: int
    uncertain: int
    missing: int
    save_requests: int
    faults_met: tuple[int, int, int]  # 5xx, cut before work, stored then cut


@dataclass
class FaultyRunsResult:
    runs: list[FaultyRun]
    clean: RunResult
    notes: list[str] = field(default_factory=list)

    @property
    def first_run_ratio(self) -> float:
        return sum(run.complete for run in self.runs) / len(self.runs) if self.runs else 0.0

    @property
    def duplicates(self) -> int:
        return sum(run.duplicates for run in self.runs)

    @property
    def passed(self) -> bool:
        clean_ok = self.clean.exactly_once and self.clean.rate >= TARGET_ONE_BY_ONE_RATE
        return self.first_run_ratio == 1.0 and self.duplicates == 0 and clean_ok

    def _rows(self) -> list[tuple[str, str, str]]:
        runs = self.runs
        seconds = sorted(run.seconds for run in runs)
        met = [sum(run.faults_met[i] for run in runs) for i in range(3)]
        return [
            (f"{len(runs)} runs of {ENTRIES} entries, one by one, faults",
             "finished on the first run (exit 0)",
             f"**{sum(run.complete for run in runs)} of {len(runs)}** "
             f"({self.first_run_ratio:.0%})"),
            ("", "duplicates in the books (all runs)", f"**{self.duplicates}**"),
            ("", "entries left uncertain (all runs)", str(sum(run.uncertain for run in runs))),
            ("", "seconds per run: median, slowest",
             f"{seconds[len(seconds) // 2]:.1f} s, {seconds[-1]:.1f} s"),
            ("", "save requests per run, mean (entries: " f"{ENTRIES})",
             f"{sum(run.save_requests for run in runs) / len(runs):.1f}"),
            ("", "faults met, all runs: 5xx; cut before work; stored then cut",
             f"{met[0]}; {met[1]}; {met[2]}"),
            (f"clean, one by one, {self.clean.entries} entries", "entries per second",
             f"**{self.clean.rate:.2f}/s** (target >= {TARGET_ONE_BY_ONE_RATE}/s)"),
            ("", "exactly once; breaches (server)",
             f"{'yes' if self.clean.exactly_once else 'NO'}; {self.clean.breaches}"),
        ]  # fmt: skip

    def report_lines(self) -> list[str]:
        rows = [("run", "measure", "result"), *self._rows()]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        lines = ["  ".join(text.ljust(w) for text, w in zip(row, widths, strict=True))
                 for row in rows]  # fmt: skip
        lines.insert(1, "  ".join("-" * w for w in widths))
        return [*lines, f"targets: {'OK' if self.passed else 'NOT MET'}", *self.notes]

    def markdown(self) -> str:
        table = "\n".join(f"| {a} | {b} | {c} |" for a, b, c in self._rows())
        verdict = "met" if self.passed else "**not met**"
        notes = "".join(f"\n{note}\n" for note in self.notes)
        return (
            f"{_WHAT}\n\nTargets (every run finishes on its first run, 0 duplicates, clean one "
            f"by one >= {TARGET_ONE_BY_ONE_RATE}/s): {verdict}.\n\n"
            f"| run | measure | result |\n|---|---|---|\n{table}\n{notes}"
        )


_WHAT = f"""\
Each run posts {ENTRIES} entries one by one (`save.do`) to a fresh Accurate sandbox with its
real limits (8 requests a second, 8 in flight), {LATENCY_MS} ms latency, and on every request
8 % answered 500/502/503 before any work, 2 % of connections cut before any work and 2 % of
saves stored then cut without an answer (4 % of answers dropped); each run has its own fault
seed and a fresh outbox on disk. "Finished on the first run" means every entry ended posted
(`jurnal-desk post` exits 0). Before this change a run sent an unclear entry again at most
once, and runs under these faults often ended with one "tidak pasti" (exit 1)."""


def faulty_run(
    seed: int, count: int, faults: dict[str, float] | None = None, keep_failed: Path | None = None
) -> FaultyRun:
    """One run; with `keep_failed`, an unfinished run's outbox is copied there to be read."""
    entries = make_entries(count, prefix=f"FR{seed}")
    with (
        sandbox(**(FAULTS if faults is None else faults), seed=seed) as sb,
        tempfile.TemporaryDirectory(prefix="jd-bench-") as folder,
    ):
        report, seconds = post_batch(
            sb.account_url, sb.accurate_host(), entries, Path(folder) / "o.sqlite3", bulk=False
        )
        numbers = Counter(voucher["number"] for voucher in sb.vouchers())
        stats = sb.stats
        saves = sum(1 for r in sb.request_log() if r.path.endswith("save.do"))
        if keep_failed is not None and not (report.complete and report.stopped_by is None):
            keep_failed.mkdir(parents=True, exist_ok=True)
            shutil.copy(Path(folder) / "o.sqlite3", keep_failed / f"outbox-seed-{seed}.sqlite3")
    return FaultyRun(
        seed=seed,
        seconds=seconds,
        complete=report.complete and report.stopped_by is None,
        duplicates=sum(n - 1 for n in numbers.values() if n > 1),
        uncertain=report.progress.uncertain,
        missing=sum(1 for entry in entries if entry.reference not in numbers),
        save_requests=saves,
        faults_met=(stats.injected_errors, stats.cut, stats.dropped),
    )


def run(runs: int = RUNS, entries: int = ENTRIES) -> FaultyRunsResult:
    started = time.perf_counter()
    results = []
    for seed in range(1, runs + 1):
        result = faulty_run(seed, entries)
        results.append(result)
        print(f"  run {seed}: {'finished' if result.complete else 'NOT finished'}, "
              f"{result.seconds:.1f} s, duplicates {result.duplicates}", flush=True)  # fmt: skip
    clean = measure_run(CLEAN_ENTRIES, bulk=False)
    minutes = (time.perf_counter() - started) / 60
    return FaultyRunsResult(results, clean, notes=[f"The benchmark took {minutes:.1f} minutes."])


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
