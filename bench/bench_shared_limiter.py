"""Shared rate limiter benchmark: what a permit costs when every start, send and release is
also recorded in the machine's ledger (`app.api.machine_permits`), so that every Jurnal Desk
process using one token shares its limits.

Measured with limits that never bind (a huge per-second limit, 8 in flight), so only the
bookkeeping is timed, as the transport takes a permit (acquire with `until_sent=True`,
`mark_sent()`, release): one thread, eight threads, and two processes of eight threads each
on one ledger at once. The ledger lives in a temporary folder on the machine's disk.

Target: at most 1 ms per permit in every case: a request's round trip is tens to hundreds of
milliseconds, and 8 requests a second leave 125 ms per permit.

Run alone: `python -m bench.bench_shared_limiter [--permits N]`; or with `python -m bench`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from app.api.ratelimit import LimiterRegistry

NAME = "shared_limiter"
TITLE = "Shared rate limiter: cost of a permit recorded in the machine's ledger"
TARGET_PERMIT_MS = 1.0
UNLIMITED_RATE = 10**9
TOKEN = "aat.bench-token"


def measure(folder: Path, threads: int, permits_per_thread: int) -> float:
    """Milliseconds of wall time per permit (acquire until sent, mark sent, release)."""
    limiter = LimiterRegistry(shared_folder=folder).for_token(
        TOKEN, per_second=UNLIMITED_RATE, max_in_flight=8
    )
    barrier = threading.Barrier(threads + 1)

    def worker() -> None:
        barrier.wait()
        for _ in range(permits_per_thread):
            permit = limiter.acquire(until_sent=True)
            permit.mark_sent()
            permit.release()
        barrier.wait()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    barrier.wait()
    began = time.perf_counter()
    barrier.wait()
    seconds = time.perf_counter() - began
    for thread in pool:
        thread.join()
    return seconds / (threads * permits_per_thread) * 1e3


@dataclass
class SharedLimiterResult:
    permit_ms: dict[str, float]
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(value <= TARGET_PERMIT_MS for value in self.permit_ms.values())

    def report_lines(self) -> list[str]:
        lines = [TITLE]
        for case, value in self.permit_ms.items():
            lines.append(f"  {case:<40} {value * 1e3:8.0f} µs/permit  [{_verdict(value)}]")
        return lines + [f"  {note}" for note in self.notes]

    def markdown(self) -> str:
        rows = "\n".join(
            f"| {case} | {value * 1e3:.0f} µs | {_verdict(value)} |"
            for case, value in self.permit_ms.items()
        )
        return (
            f"Target: at most {TARGET_PERMIT_MS * 1e3:.0f} µs per permit.\n\n"
            "| case | per permit | target |\n|---|---|---|\n" + rows + "\n"
        )


def run(permits: int = 2_000) -> SharedLimiterResult:
    with tempfile.TemporaryDirectory(prefix="jurnal-desk-bench-", dir=_disk()) as folder:
        ledger = Path(folder) / "limits"
        measure(ledger, 1, 100)  # warm-up: the ledger file, imports
        results = {
            "1 thread": measure(ledger, 1, permits),
            "8 threads": measure(ledger, 8, permits // 8),
        }
        child = [sys.executable, "-m", "bench.bench_shared_limiter", "--child", str(ledger),
                 "--permits", str(permits // 8)]  # fmt: skip
        others = [subprocess.Popen(child, stdout=subprocess.PIPE, text=True) for _ in range(2)]
        values = [json.loads(process.communicate(timeout=600)[0]) for process in others]
        results["2 processes x 8 threads, at once (mean)"] = sum(values) / len(values)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return SharedLimiterResult(results, [f"load average after the run: {load}"])


def _verdict(permit_ms: float) -> str:
    return "OK" if permit_ms <= TARGET_PERMIT_MS else "NOT MET"


def _disk() -> str | None:
    """A folder on the machine's disk (not a RAM file system), when there is one."""
    home = Path.home()
    return str(home) if home.is_dir() and os.access(home, os.W_OK) else None


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_shared_limiter", description=TITLE)
    parser.add_argument("--permits", type=int, default=2_000)
    parser.add_argument("--child", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(Path(args.child), 8, args.permits)))
        return 0
    result = run(args.permits)
    print("\n".join(result.report_lines()))
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
