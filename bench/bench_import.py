"""Import benchmark: read + map + group + validate a 100,000-line journal workbook.

Times `read_workbook` (median of N runs in this process) beside plain openpyxl read-only
iteration of the same file, and measures each one's peak memory in a fresh child process
(resource.getrusage ru_maxrss), so one measurement never inflates the other.

Targets: median at most 1.5 s, peak memory under 300 MB.

Run alone: `python -m bench.bench_import [--runs N] [--profile]`; or all benchmarks with
`python -m bench`.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.generate import WorkbookSpec, workbook_from_child

NAME = "import"
TITLE = "Import: read + map + group + validate (100,000 lines)"
TARGET_SECONDS = 1.5
TARGET_PEAK_MB = 300.0
WHAT_IS_MEASURED = """\
The workbook (`bench/generate.py`) has two title rows and a blank row above Indonesian column
titles (Tanggal, No. Bukti, Deskripsi, Kode Akun, Debit, Kredit, Keterangan, Departemen,
Proyek), real date cells, amounts as numbers with one in 50 typed as Indonesian-style text
(1.250.000,00), and balanced entries of four lines. `read_workbook(path)` is timed end to end:
open, find the sheet and header row, map columns, parse every cell, group rows into entries
and validate them; a first untimed read warms imports and caches. The baseline opens the same
file with `openpyxl.load_workbook(read_only=True)` and iterates every value, in the same run.
Peak memory is `resource.getrusage(RUSAGE_SELF).ru_maxrss` of a fresh child process that
does one read."""


@dataclass
class ImportBenchResult:
    workbook: Path
    spec: WorkbookSpec
    runs: int
    reader_seconds: list[float]
    openpyxl_seconds: list[float]
    reader_peak_mb: float
    openpyxl_peak_mb: float
    baseline_peak_mb: float
    entries: int
    lines: int
    problems: int
    notes: list[str] = field(default_factory=list)

    @property
    def reader_median(self) -> float:
        return statistics.median(self.reader_seconds)

    @property
    def openpyxl_median(self) -> float:
        return statistics.median(self.openpyxl_seconds)

    @property
    def ratio(self) -> float:
        return self.reader_median / self.openpyxl_median

    @property
    def correct(self) -> bool:
        return (
            self.entries == self.spec.entries
            and self.lines == self.spec.lines
            and not self.problems
        )

    @property
    def passed(self) -> bool:
        return (
            self.correct
            and self.reader_median <= TARGET_SECONDS
            and self.reader_peak_mb < TARGET_PEAK_MB
        )

    def report_lines(self) -> list[str]:
        return [
            f"workbook: {self.workbook.name} ({self.workbook.stat().st_size / 1e6:.1f} MB, "
            f"{self.spec.entries:,} entries, {self.spec.lines:,} lines)",
            f"read_workbook median of {self.runs}: {self.reader_median:.2f} s "
            f"(runs {_seconds(self.reader_seconds)}; target <= {TARGET_SECONDS} s) "
            f"{_verdict(self.reader_median <= TARGET_SECONDS)}",
            f"openpyxl read-only iteration median of {self.runs}: {self.openpyxl_median:.2f} s "
            f"(runs {_seconds(self.openpyxl_seconds)})",
            f"ratio read_workbook / openpyxl: {self.ratio:.2f} "
            f"({1 / self.ratio:.1f}x faster than plain openpyxl iteration)",
            f"peak memory (child process, ru_maxrss): read_workbook {self.reader_peak_mb:.0f} MB "
            f"(target < {TARGET_PEAK_MB:.0f} MB) {_verdict(self.reader_peak_mb < TARGET_PEAK_MB)}"
            f"; openpyxl {self.openpyxl_peak_mb:.0f} MB; interpreter + imports only "
            f"{self.baseline_peak_mb:.0f} MB",
            f"result: {self.entries:,} entries, {self.lines:,} lines, {self.problems} problems "
            f"{_verdict(self.correct)}",
            *self.notes,
        ]

    def markdown(self) -> str:
        rows = [
            ("workbook", f"{self.spec.entries:,} entries x {self.spec.lines_per_entry} lines = "
             f"{self.spec.lines:,} rows, {self.workbook.stat().st_size / 1e6:.1f} MB"),
            (f"`read_workbook`, median of {self.runs}",
             f"**{self.reader_median:.2f} s** (runs {_seconds(self.reader_seconds)})"),
            (f"openpyxl `load_workbook(read_only=True)`, iterate all values, median of "
             f"{self.runs}", f"{self.openpyxl_median:.2f} s (runs "
             f"{_seconds(self.openpyxl_seconds)})"),
            ("ratio `read_workbook` / openpyxl",
             f"**{self.ratio:.2f}** ({1 / self.ratio:.1f}x faster)"),
            ("peak memory, `read_workbook` (child process)", f"**{self.reader_peak_mb:.0f} MB**"),
            ("peak memory, openpyxl iteration (child process)",
             f"{self.openpyxl_peak_mb:.0f} MB"),
            ("peak memory, interpreter + imports only", f"{self.baseline_peak_mb:.0f} MB"),
            ("result", f"{self.entries:,} entries, {self.lines:,} lines, "
             f"{self.problems} problems"),
        ]  # fmt: skip
        verdict = "met" if self.passed else "**not met**"
        table = "\n".join(f"| {name} | {value} |" for name, value in rows)
        return (
            f"{WHAT_IS_MEASURED}\n\n"
            f"Targets: median at most {TARGET_SECONDS} s, peak memory under "
            f"{TARGET_PEAK_MB:.0f} MB: {verdict}.\n\n"
            f"| measure | result |\n|---|---|\n{table}\n"
            + "".join(f"\n{note}\n" for note in self.notes)
        )


def _seconds(values: list[float]) -> str:
    return ", ".join(f"{value:.2f}" for value in values)


def _verdict(ok: bool) -> str:
    return "OK" if ok else "NOT MET"


def read_with_jurnal_desk(path: Path) -> tuple[int, int, int]:
    from app.core.excel.reader import read_workbook

    result = read_workbook(path)
    lines = sum(len(entry.lines) for entry in result.entries)
    return len(result.entries), lines, len(result.problems)


def read_with_openpyxl(path: Path) -> int:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        count = 0
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                for _ in row:
                    count += 1
        return count
    finally:
        workbook.close()


def _median_time(task: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        task()
        times.append(time.perf_counter() - started)
    return times


def _peak_mb_in_child(what: str, path: Path) -> float:
    """Run one read in a fresh interpreter and return its peak resident memory."""
    completed = subprocess.run(
        [sys.executable, "-m", "bench.bench_import", "--child", what, str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parent.parent,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"memory child for {what} failed:\n{completed.stderr[-3000:]}")
    return float(completed.stdout.strip().splitlines()[-1])


def _child(what: str, path: Path) -> None:
    # Both readers are imported in every child, so the baseline is comparable.
    import openpyxl  # noqa: F401

    import app.core.excel.reader  # noqa: F401

    if what == "reader":
        read_with_jurnal_desk(path)
    elif what == "openpyxl":
        read_with_openpyxl(path)
    print(_own_peak_mb())


def profile_reader(path: Path, top: int = 25) -> str:
    """cProfile of one read_workbook call: the top functions by cumulative time."""
    profiler = cProfile.Profile()
    profiler.enable()
    read_with_jurnal_desk(path)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(top)
    out.write("\n--- by own time ---\n")
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def run(runs: int = 5, profile: bool = False) -> ImportBenchResult:
    spec = WorkbookSpec()
    path = workbook_from_child(spec)
    # Peak memory first: Linux carries a forked parent's peak RSS into the child's
    # ru_maxrss, so the children are started while this process is still small.
    launcher_mb = _own_peak_mb()
    peaks = {what: _peak_mb_in_child(what, path) for what in ("reader", "openpyxl", "nothing")}
    entries, lines, problems = read_with_jurnal_desk(path)  # also warms the imports
    reader_seconds = _median_time(lambda: read_with_jurnal_desk(path), runs)
    openpyxl_seconds = _median_time(lambda: read_with_openpyxl(path), runs)
    result = ImportBenchResult(
        workbook=path,
        spec=spec,
        runs=runs,
        reader_seconds=reader_seconds,
        openpyxl_seconds=openpyxl_seconds,
        reader_peak_mb=peaks["reader"],
        openpyxl_peak_mb=peaks["openpyxl"],
        baseline_peak_mb=peaks["nothing"],
        entries=entries,
        lines=lines,
        problems=problems,
        notes=[
            f"Memory children were started from a {launcher_mb:.0f} MB launcher, before it "
            "read anything (a child's ru_maxrss starts at its parent's peak at fork time)."
        ],
    )
    if profile or not result.passed:
        print(profile_reader(path))
    return result


def _own_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=TITLE)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one read")
    parser.add_argument("--child", nargs=2, metavar=("WHAT", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], Path(args.child[1]))
        return 0
    result = run(args.runs, args.profile)
    print("\n".join(result.report_lines()))
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
