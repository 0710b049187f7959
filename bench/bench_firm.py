"""Firm benchmark: `post-many`'s machinery (app.firm.run.FirmRun) posting N Accurate companies
at once, each with its own token, against the sandbox with Accurate's real limits (8 requests
a second and 8 in flight per token) and 100 ms added to every request.

The sandbox stays in this process; the posting runs in a child process that does nothing
else, so its CPU time, peak memory and threads are the posting's own. Each company posts
ENTRIES entries one by one (`save.do`: a request per entry, the limit-bound case).

Reported per N: seconds, requests (the sandbox's count), the sandbox's breaches of the
per-token limits, every entry exactly once, the child's CPU seconds and CPU milliseconds
per request, its peak resident memory and its peak thread count. The memory a company
adds is the slope between the runs.

Targets: every entry exactly once, 0 breaches, and N companies take at most 1.5x the time
of one (the companies do not slow each other).

Run alone: `python -m bench.bench_firm [--companies 1 4 8] [--entries 60]`;
`python -m bench firm --write` updates BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

NAME = "firm"
TITLE = "Many companies: post-many, one token per company, real limits, 100 ms latency"
LATENCY_MS = 100
ENTRIES = 60
COMPANIES = (1, 4, 8)
TARGET_SLOWDOWN = 1.5


@dataclass
class FirmRunResult:
    companies: int
    entries: int
    seconds: float
    requests: int
    breaches: int
    exactly_once: bool
    cpu_seconds: float
    peak_mb: float
    baseline_mb: float
    peak_threads: int

    @property
    def cpu_ms_per_request(self) -> float:
        return 1000 * self.cpu_seconds / self.requests if self.requests else 0.0


@dataclass
class FirmBenchResult:
    runs: list[FirmRunResult]

    @property
    def passed(self) -> bool:
        one = self.runs[0].seconds
        return all(
            run.exactly_once and run.breaches == 0 and run.seconds <= one * TARGET_SLOWDOWN
            for run in self.runs
        )

    def mb_per_company(self) -> float | None:
        first, last = self.runs[0], self.runs[-1]
        if last.companies == first.companies:
            return None
        return (last.peak_mb - first.peak_mb) / (last.companies - first.companies)

    def report_lines(self) -> list[str]:
        lines = [TITLE]
        for run in self.runs:
            lines.append(
                f"  {run.companies:>2} companies x {run.entries} entries: {run.seconds:6.1f} s, "
                f"{run.requests} requests, {run.breaches} breaches, exactly once "
                f"{'yes' if run.exactly_once else 'NO'}, CPU {run.cpu_seconds:.2f} s "
                f"({run.cpu_ms_per_request:.1f} ms/request), peak {run.peak_mb:.0f} MB "
                f"(baseline {run.baseline_mb:.0f} MB), {run.peak_threads} threads"
            )
        slope = self.mb_per_company()
        if slope is not None:
            lines.append(f"  memory per added company: {slope:.1f} MB")
        lines.append(f"  {'PASS' if self.passed else 'FAIL'}")
        return lines

    def markdown(self) -> str:
        rows = [
            "| companies | entries each | seconds | requests | breaches | exactly once | "
            "CPU s | CPU ms/request | peak MB | threads |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for run in self.runs:
            rows.append(
                f"| {run.companies} | {run.entries} | {run.seconds:.1f} | {run.requests} | "
                f"{run.breaches} | {'yes' if run.exactly_once else 'no'} | "
                f"{run.cpu_seconds:.2f} | {run.cpu_ms_per_request:.1f} | {run.peak_mb:.0f} | "
                f"{run.peak_threads} |"
            )
        slope = self.mb_per_company()
        if slope is not None:
            rows.append("")
            rows.append(f"Memory per added company: {slope:.1f} MB.")
        return "\n".join(rows)


def run(
    companies: tuple[int, ...] = COMPANIES,
    entries: int = ENTRIES,
    max_parallel: int | None = None,
    bulk: bool = False,
) -> FirmBenchResult:
    return FirmBenchResult([measure(n, entries, max_parallel, bulk) for n in companies])


def measure(
    companies: int, entries: int, max_parallel: int | None = None, bulk: bool = False
) -> FirmRunResult:
    from app.sandbox import Faults, Sandbox

    with (
        Sandbox(Faults(latency_ms=LATENCY_MS), enforce_rate_limit=True) as sb,
        tempfile.TemporaryDirectory(prefix="jd-firm-") as folder,
    ):
        tokens = [sb.add_accurate_company(f"PT Bench {n}") for n in range(companies)]
        spec = {
            "account_url": sb.account_url,
            "companies": [{"token": t, "secret": s} for t, s in tokens],
            "entries": entries,
            "folder": folder,
            "max_parallel": max_parallel,
            "bulk": bulk,
        }
        completed = subprocess.run(
            [sys.executable, "-m", "bench.bench_firm", "--child", json.dumps(spec)],
            capture_output=True, text=True, check=False,
            cwd=Path(__file__).resolve().parent.parent,
        )  # fmt: skip
        if completed.returncode != 0:
            raise RuntimeError(f"posting child failed:\n{completed.stderr[-3000:]}")
        child = json.loads(completed.stdout.strip().splitlines()[-1])
        stats = sb.stats
        once = all(
            len({v["number"] for v in sb.vouchers(token)}) == len(sb.vouchers(token)) == entries
            for token, _secret in tokens
        )
    return FirmRunResult(
        companies=companies,
        entries=entries,
        seconds=child["seconds"],
        requests=stats.requests,
        breaches=stats.breaches,
        exactly_once=once and child["complete"],
        cpu_seconds=child["cpu_seconds"],
        peak_mb=child["peak_mb"],
        baseline_mb=child["baseline_mb"],
        peak_threads=child["peak_threads"],
    )


# --- the child: only the posting ---------------------------------------------------------------


class _Secrets:
    """The benchmark's tokens, as `connect` asks a SecretStore for them."""

    def __init__(self, by_name: dict[str, tuple[str, str]]) -> None:
        self._by_name = by_name

    def get_token(self, name: str) -> str:
        return self._by_name[name][0]

    def get_secret(self, name: str) -> str:
        return self._by_name[name][1]


def _child(spec: dict) -> None:
    import resource
    import threading

    from app.api.ratelimit import LimiterRegistry
    from app.firm import run as firm_run
    from app.firm.plan import Job, Plan
    from app.firm.run import FirmRun
    from app.posting.outbox.ledger import Outbox
    from app.posting.service import Company
    from app.profiles.store import Profile
    from app.setup.connect import connect
    from bench.peak_memory import own_peak_mb

    if spec.get("max_parallel"):
        firm_run.MAX_PARALLEL = spec["max_parallel"]  # to measure beyond the shipped cap
    baseline = own_peak_mb()
    folder = Path(spec["folder"])
    names = [f"PT Bench {n}" for n in range(len(spec["companies"]))]
    secrets = _Secrets(
        {n: (c["token"], c["secret"]) for n, c in zip(names, spec["companies"], strict=True)}
    )
    limiters = LimiterRegistry()
    plan = Plan(folder)
    for name in names:
        workbook = _workbook(folder / f"{name}.xlsx", spec["entries"])
        plan.jobs.append(Job(name, workbook, bulk=spec["bulk"]))

    def company_of(job: Job) -> Company:
        profile = Profile(job.company, "accurate", url=spec["account_url"], sandbox=True)
        return Company(profile, lambda: connect(profile, secrets, limiters), bulk=job.bulk)

    peak_threads = [threading.active_count()]

    def changed(_company) -> None:
        peak_threads[0] = max(peak_threads[0], threading.active_count())

    usage = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    with Outbox(folder / "outbox.sqlite3") as outbox:
        firm = FirmRun(plan, company_of, services={}, on_change=changed)
        firm.run(outbox)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_seconds": cpu,
                "peak_mb": own_peak_mb(),
                "baseline_mb": baseline,
                "peak_threads": peak_threads[0],
                "complete": firm.complete,
            }
        )
    )


def _workbook(path: Path, count: int) -> Path:
    from datetime import date

    from openpyxl import Workbook

    from app.sandbox import ACCURATE_CHART

    debit, credit = [a.no for a in ACCURATE_CHART if a.postable][:2]
    book = Workbook()
    sheet = book.active
    sheet.append(["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit"])
    for n in range(1, count + 1):
        amount = n * 1000 + 0.5
        sheet.append([date(2026, 8, n % 28 + 1), f"BF/{n:04}", f"Bench {n}", debit, amount, None])
        sheet.append([None, None, None, credit, None, amount])
    book.save(path)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, nargs="+", default=list(COMPANIES))
    parser.add_argument("--entries", type=int, default=ENTRIES)
    parser.add_argument("--max-parallel", type=int, help="lift post-many's cap to measure")
    parser.add_argument("--bulk", action="store_true", help="Accurate's bulk-save instead")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(json.loads(args.child))
        return 0
    result = run(tuple(args.companies), args.entries, args.max_parallel, args.bulk)
    print("\n".join(result.report_lines()))
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
