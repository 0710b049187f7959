"""Reconcile benchmark: `jurnal-desk reconcile`'s machinery (app.posting.reconcile.proof) proving an
Accurate month of 5,000 vouchers against the sandbox with Accurate's real limits (8 requests a
second, 8 in flight), compared with the time the journal list's pages alone take at that pace.

The month's vouchers are in the books but not from Jurnal Desk (imported by another tool):
the list's pages are all a reconcile needs of them, so its time should be the list's plus
little. Target: reconcile <= 1.5x the list alone. A second row measures vouchers posted by
Jurnal Desk, which are read with their lines (one detail.do each, 8 a second at most): that
cost grows with the vouchers to compare and is reported, not held to the target. A third row
is a month posted wholly by Jurnal Desk, reconciled with `--quick` (date, description and
total as the list gives them, no lines): held to the target too.

Run alone: `python -m bench.bench_reconcile [--vouchers 5000]`;
`python -m bench reconcile --write` updates BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

NAME = "reconcile"
TITLE = "Reconcile: a 5,000-voucher Accurate month, real limits"
VOUCHERS = 5000
POSTED = 200  # vouchers posted by Jurnal Desk in the second row (read with their lines)
TARGET_RATIO = 1.5
FIRST, LAST = date(2026, 8, 1), date(2026, 8, 31)
PAUSE = 1.1  # seconds: longer than the limiter's window, so no reading inherits a burst


@dataclass
class ReconcileRow:
    vouchers: int
    from_jurnal_desk: int
    list_pages: int
    detail_requests: int
    list_seconds: float  # the list's pages alone
    reconcile_seconds: float
    agrees: bool
    quick: bool = False

    @property
    def ratio(self) -> float:
        return self.reconcile_seconds / self.list_seconds if self.list_seconds else 0.0


@dataclass
class ReconcileBenchResult:
    rows: list[ReconcileRow]
    load: float = 0.0  # the 1-minute load average when the benchmark started

    @property
    def passed(self) -> bool:
        held = [row for row in self.rows if row.detail_requests == 0]
        return bool(held) and all(row.ratio <= TARGET_RATIO for row in held)

    def report_lines(self) -> list[str]:
        lines = [TITLE]
        for row in self.rows:
            lines.append(
                f"  {row.vouchers} vouchers ({row.from_jurnal_desk} from Jurnal Desk"
                f"{', --quick' if row.quick else ''}): list "
                f"{row.list_pages} pages {row.list_seconds:.1f} s; reconcile "
                f"{row.reconcile_seconds:.1f} s ({row.detail_requests} detail requests), "
                f"{row.ratio:.2f}x"
            )
        verdict = "PASS" if self.passed else "FAIL"
        lines.append(f"  {verdict} (rows without detail requests <= {TARGET_RATIO}x)")
        return lines

    def markdown(self) -> str:
        rows = [
            f"Measured {date.today().isoformat()} on the machine described above "
            f"(load average {self.load:.2f} when started; the machine is shared).",
            "",
            f"Target: reconciling a month of {VOUCHERS:,} vouchers takes at most {TARGET_RATIO}x "
            "the time its list pages alone take at 8 requests a second, when no voucher's lines "
            "are read (vouchers not from Jurnal Desk; or `--quick`): "
            f"{'met' if self.passed else 'NOT met'}. Vouchers posted by Jurnal Desk are read "
            "with their lines (detail.do, 8 a second at most) unless `--quick`: the second row.",
            "",
            "| vouchers | from Jurnal Desk | mode | list pages | list alone s | detail requests | "
            "reconcile s | ratio |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for row in self.rows:
            rows.append(
                f"| {row.vouchers:,} | {row.from_jurnal_desk:,} | "
                f"{'--quick' if row.quick else 'lines'} | {row.list_pages} | "
                f"{row.list_seconds:.1f} | {row.detail_requests} | {row.reconcile_seconds:.1f} | "
                f"{row.ratio:.2f}x |"
            )
        return "\n".join(rows)


def run(vouchers: int = VOUCHERS, posted: int = POSTED) -> ReconcileBenchResult:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    rows = [
        measure(vouchers, 0),
        measure(vouchers, posted),
        measure(vouchers, vouchers, quick=True),
    ]
    return ReconcileBenchResult(rows, load)


def measure(vouchers: int, posted: int, *, quick: bool = False) -> ReconcileRow:
    from app.posting.outbox.ledger import Outbox
    from app.posting.reconcile.proof import reconcile_company
    from app.sandbox import Sandbox

    with (
        Sandbox(enforce_rate_limit=True) as sb,
        tempfile.TemporaryDirectory(prefix="jd-reconcile-") as folder,
    ):
        company, client = _company(sb)
        outbox = Outbox(Path(folder) / "outbox.sqlite3")
        _fill(sb, company, outbox, vouchers, posted)
        time.sleep(PAUSE)  # both readings start with the limiter's second empty
        started = time.perf_counter()
        pages = sum(1 for _page in client.voucher_pages(FIRST, LAST))
        list_seconds = time.perf_counter() - started
        time.sleep(PAUSE)
        started = time.perf_counter()
        result = reconcile_company(
            company, outbox, FIRST, LAST, cache_home=Path(folder), quick=quick
        )
        reconcile_seconds = time.perf_counter() - started
        outbox.close()
        company.close()
    return ReconcileRow(
        vouchers,
        posted,
        pages,
        result.detail_requests,
        list_seconds,
        reconcile_seconds,
        result.agrees,
        quick,
    )


def _company(sb):
    from app.api.accurate import AccurateClient
    from app.api.ratelimit import RateLimiter
    from app.posting.service import Company
    from app.profiles.store import Profile
    from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN

    client = AccurateClient.create(
        token=DEMO_ACCURATE_TOKEN,
        secret=DEMO_ACCURATE_SECRET,
        limiter=RateLimiter(),  # Accurate's own: 8 a second, 8 in flight
        host=sb.accurate_host(),
        account_url=sb.account_url,
    )
    profile = Profile("PT Bench", "accurate", url=sb.account_url, sandbox=True)
    return Company(profile, lambda: client, bulk=True), client


def _fill(sb, company, outbox, vouchers: int, posted: int) -> None:
    """`posted` vouchers posted by Jurnal Desk (bulk), the rest typed in by another tool."""
    from app.posting.engine import PostingEngine
    from app.sandbox.chart import ACCURATE_CHART
    from tests.helpers.posting_helpers import entries

    debit, credit = [account.no for account in ACCURATE_CHART if account.postable][:2]
    for number in range(1, vouchers - posted + 1):
        amount = f"{number}000"
        lines = [(debit, "DEBIT", amount), (credit, "CREDIT", amount)]
        sb.type_voucher_in_app(f"IMP-{number:05}", f"{number % 28 + 1:02}/08/2026", lines)
    if posted:
        engine = PostingEngine(outbox, company.target, company.profile.name)
        engine.run(engine.open_batch(entries(posted, prefix="JD")))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_reconcile")
    parser.add_argument("--vouchers", type=int, default=VOUCHERS)
    parser.add_argument("--posted", type=int, default=POSTED)
    args = parser.parse_args()
    print("\n".join(run(args.vouchers, args.posted).report_lines()))


if __name__ == "__main__":
    main()
