"""Sheet extent benchmark: tiny workbooks that reach far beyond their cells, and what the
extent check costs an ordinary import.

Each hostile workbook (the tests' own, `tests/helpers/sparse_workbooks.py`) is read with
`read_workbook` in a fresh child process whose address space is capped at 3 GB (so a
reader that allocates the empty area dies at once instead of taking the machine's memory);
reported: what the child said (refused, read, or died) and its peak resident memory
(`resource.getrusage` ru_maxrss). The worst .xls the format allows (a value in A1 and one
in IV65536, the last cell of a BIFF8 sheet) is among them. The check's cost on an ordinary
import: `sheet_extent` on the import benchmark's 100,000-line workbook (45 MB of sheet
XML), median of 5, beside `read_workbook` (which includes it) on the same file, median of 3.

Targets: every hostile workbook refused with a peak under 300 MB; the check at most a fifth
of the import's time (a ratio: the machine is shared, so seconds drift with its load).

Run alone: `python -m bench.bench_sheet_extent`; or with the others: `python -m bench
sheet_extent`.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.generate import WorkbookSpec, cached_workbook

NAME = "sheet_extent"
TITLE = "Sheet extent: far-reaching sheets refused in little memory"
TARGET_PEAK_MB = 300.0
TARGET_SCAN_SHARE = 0.20
ROOT = Path(__file__).resolve().parent.parent
ADDRESS_SPACE_LIMIT = 3 * 1024**3

_CHILD = """
import resource, sys
from app.core.excel.reader import WorkbookError, read_workbook
try:
    result = read_workbook(sys.argv[1])
    print("read,", len(result.entries), "entries")
except WorkbookError as error:
    print("refused:", error.text.en[:90], "...")
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""

_WRITERS = """
import sys
from pathlib import Path
from tests.helpers import sparse_workbooks as sw
folder = Path(sys.argv[1])
sw.far_corner_workbook(folder / "far_corner.xlsx")
sw.wide_sparse_workbook(folder / "wide_5000_rows.xlsx", rows=5000)
sw.repeated_ods(folder / "repeated.ods", rows_repeated=5000, columns_repeated=16384)
sw.small_journal_workbook(folder / "small_journal.xlsx")
sw.last_cell_xls(folder / "last_cell.xls")
"""

BEFORE = (
    "Before the check (measured once under the same 3 GB cap): `far_corner.xlsx` killed the "
    "process (calamine asked for 549,755,813,888 bytes; exit 134), `wide_5000_rows.xlsx` "
    "reached 2,517 MB while parsing the sheet and then died of memory, `last_cell.xls` peaked "
    "at 1,039 MB."
)

CASES = (
    ("far_corner.xlsx", "one value at XFD1048576", True),
    ("wide_5000_rows.xlsx", "5,000 journal rows, a stray value in column XFD on each", True),
    ("repeated.ods", "a valued cell repeated over 16,384 columns x 5,000 rows", True),
    ("last_cell.xls", "a value in A1 and in IV65536 (the last .xls cell)", True),
    ("small_journal.xlsx", "an ordinary 2-entry journal (for scale)", False),
)


@dataclass
class Case:
    name: str
    what: str
    hostile: bool
    size: int
    said: str
    peak_mb: float | None
    seconds: float


@dataclass
class SheetExtentResult:
    cases: list[Case]
    scan_seconds: list[float]
    read_seconds: list[float]
    notes: list[str] = field(default_factory=list)

    @property
    def scan_share(self) -> float:
        return statistics.median(self.scan_seconds) / statistics.median(self.read_seconds)

    @property
    def passed(self) -> bool:
        hostile_ok = all(
            case.said.startswith("refused")
            and case.peak_mb is not None
            and case.peak_mb < TARGET_PEAK_MB
            for case in self.cases
            if case.hostile
        )
        return hostile_ok and self.scan_share <= TARGET_SCAN_SHARE

    def report_lines(self) -> list[str]:
        lines = [TITLE]
        for case in self.cases:
            peak = "died" if case.peak_mb is None else f"{case.peak_mb:.0f} MB"
            lines.append(f"  {case.name} ({case.size:,} bytes): {case.said} peak {peak}")
        lines.append(
            f"  scan {statistics.median(self.scan_seconds):.3f} s vs read "
            f"{statistics.median(self.read_seconds):.3f} s ({self.scan_share:.1%})"
        )
        lines.append("  " + ("met" if self.passed else "NOT met"))
        return lines

    def markdown(self) -> str:
        """The section for BENCHMARKS.md (its title is added by `python -m bench`)."""
        rows = [
            "| workbook | size | what happened | peak memory (child) | time |",
            "|---|---|---|---|---|",
        ]
        for case in self.cases:
            peak = "died" if case.peak_mb is None else f"**{case.peak_mb:.0f} MB**"
            rows.append(
                f"| {case.what} (`{case.name}`) | {case.size:,} B | {case.said} | {peak} "
                f"| {case.seconds:.2f} s |"
            )
        scan = statistics.median(self.scan_seconds)
        read = statistics.median(self.read_seconds)
        rows.append(
            f"| extent scan of the 100,000-line import workbook, median of 5 | | "
            f"{scan:.3f} s beside `read_workbook` {read:.2f} s ({self.scan_share:.0%} of it) "
            "| | |"
        )
        verdict = "met" if self.passed else "**not met**"
        return "\n".join(
            [
                __doc__.split("\n\n", 1)[1].rsplit("\n\nTargets:", 1)[0],
                "",
                f"Targets: hostile workbooks refused under {TARGET_PEAK_MB:.0f} MB, the check at "
                f"most {TARGET_SCAN_SHARE:.0%} of the import: {verdict}.",
                "",
                *rows,
                "",
                *self.notes,
            ]
        )


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _read_in_child(path: Path) -> tuple[str, float | None, float]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=_limit_memory,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        return f"the reader died (exit {done.returncode})", None, seconds
    *said, peak = done.stdout.strip().splitlines()
    return " ".join(said), float(peak), seconds


def run(runs: int = 5) -> SheetExtentResult:
    from app.core.excel.reader import read_workbook
    from app.core.excel.sheet_extent import sheet_extent

    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, "-c", _WRITERS, folder], env=_env(), check=True, cwd=ROOT)
        cases = []
        for name, what, hostile in CASES:
            path = Path(folder) / name
            said, peak, seconds = _read_in_child(path)
            cases.append(Case(name, what, hostile, path.stat().st_size, said, peak, seconds))
    journal = cached_workbook(WorkbookSpec())
    read_workbook(journal)  # warm imports and caches
    scan = [_timed(lambda: sheet_extent(journal, "Jurnal Umum")) for _ in range(runs)]
    read = [_timed(lambda: read_workbook(journal)) for _ in range(3)]
    return SheetExtentResult(cases, scan, read, notes=[BEFORE])


def _timed(task) -> float:
    started = time.perf_counter()
    task()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=TITLE)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    result = run(args.runs)
    print("\n".join(result.report_lines()))
    return 0 if result.passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
