"""The posting benchmark's memory run (c): a child process that only posts, so its peak
resident set is the posting's own (the sandbox with its stored vouchers stays in the
launcher). Run by bench_posting, with the harness of bench/posting_run.py;
`python -m bench.posting_memory URL HOST N FOLDER WINDOW` is the child's entry point."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.peak_memory import own_peak_mb, ru_maxrss_mb
from bench.posting_run import make_entries, post_batch, sandbox


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
    breaches: int


def measure_memory(count: int, window: float | None = None) -> MemoryResult:
    """Post `count` entries in bulk from a fresh child process; the sandbox stays here."""
    with sandbox() as sb, tempfile.TemporaryDirectory(prefix="jd-bench-") as folder:
        completed = subprocess.run(
            [sys.executable, "-m", "bench.posting_memory",
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
        breaches=stats.breaches,
    )


def _child(account_url: str, host: str, count: int, folder: str, window: str) -> None:
    # Imported before the baseline is taken, so the baseline includes them.
    import app.posting.targets  # noqa: F401  (the engine, outbox and clients with it)

    baseline = own_peak_mb()
    entries = make_entries(count)
    marks = {"entries built": own_peak_mb()}
    report, seconds = post_batch(
        account_url,
        host,
        entries,
        Path(folder) / "outbox.sqlite3",
        bulk=True,
        window=float(window) if window else None,
        memory_marks=marks,
    )
    marks["posting run"] = own_peak_mb()
    result = {
        "ru_maxrss_mb": ru_maxrss_mb(),
        "marks": marks,
        "peak_mb": own_peak_mb(),
        "baseline_mb": baseline,
        "seconds": seconds,
        "posted": report.progress.posted,
        "complete": report.complete,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    url, data_host, entries_count, out_folder, window_text = sys.argv[1:6]
    _child(url, data_host, int(entries_count), out_folder, window_text)
