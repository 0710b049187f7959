"""Builders shared by the posting tests: entries, clients on the sandbox, an engine."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.api.accurate import AccurateClient
from app.api.ratelimit import RateLimiter
from app.api.sempoa import SempoaClient
from app.api.transport import RetryPolicy
from app.core.books.journal import JournalEntry, JournalLine
from app.sandbox import (
    ACCURATE_CHART,
    DEMO_ACCURATE_SECRET,
    DEMO_ACCURATE_TOKEN,
    DEMO_SEMPOA_TOKEN,
    SEMPOA_CHART,
    Sandbox,
)

ACCURATE_DEBIT, ACCURATE_CREDIT = [a.no for a in ACCURATE_CHART if a.postable][:2]
SEMPOA_DEBIT, SEMPOA_CREDIT = [a.kode for a in SEMPOA_CHART if not a.is_group][:2]
NO_WAIT = RetryPolicy(sleep=lambda _seconds: None, random=lambda: 0.0, max_attempts=6)


def entries(count: int, *, prefix: str = "JV", accounts=(ACCURATE_DEBIT, ACCURATE_CREDIT)):
    """`count` balanced two-line entries with distinct amounts (to check exact amounts)."""
    debit, credit = accounts
    made = []
    for number in range(1, count + 1):
        amount = Decimal(number * 1000) + Decimal("0.25")
        made.append(
            JournalEntry(
                date=date(2026, 8, 1 + number % 28),
                reference=f"{prefix}-{number:05}",
                description=f"Transaksi {number}",
                lines=[
                    JournalLine(debit, debit=amount, row=number * 2),
                    JournalLine(credit, credit=amount, row=number * 2 + 1),
                ],
            )
        )
    return made


def accurate_client(
    sb: Sandbox,
    *,
    fast: bool = False,
    token=DEMO_ACCURATE_TOKEN,
    secret=DEMO_ACCURATE_SECRET,
    on_host_moved=None,
) -> AccurateClient:
    """A client on the sandbox. `fast` lifts the 8-per-second pace (the sandbox must then be
    started with enforce_rate_limit=False) so big fault tests finish in seconds."""
    limiter = RateLimiter(per_second=10_000) if fast else RateLimiter()
    return AccurateClient.create(
        token=token,
        secret=secret,
        limiter=limiter,
        host=sb.accurate_host(token),
        account_url=sb.account_url,
        retry=NO_WAIT,
        on_host_moved=on_host_moved,
    )


def sempoa_client(sb: Sandbox, *, fast: bool = False, line_shape="arrays") -> SempoaClient:
    limiter = RateLimiter(per_second=10_000) if fast else RateLimiter()
    return SempoaClient.create(
        token=DEMO_SEMPOA_TOKEN,
        limiter=limiter,
        base_url=sb.sempoa_url,
        line_shape=line_shape,
        retry=NO_WAIT,
    )


def amounts_on_server(vouchers: list[dict]) -> dict[str, Decimal]:
    """number -> total debit of each stored Accurate voucher."""
    totals = {}
    for voucher in vouchers:
        lines = voucher.get("detailJournalVoucher") or []
        totals[voucher["number"]] = sum(
            (Decimal(str(line["amount"])) for line in lines if line["amountType"] == "DEBIT"),
            Decimal(0),
        )
    return totals


PARENT_ACCOUNT = "1-10000"  # a parent account: Accurate refuses vouchers on it


CHART_PATHS = ("glaccount/list.do", "/akun")
BRANCH_PATHS = ("branch/list.do",)


def chart_requests(sandbox: Sandbox, since: int = 0, paths: tuple[str, ...] = CHART_PATHS) -> int:
    """Chart pages answered since the `since`-th request (a page refused by the rate limit
    and asked again counts once); `paths=BRANCH_PATHS` counts Accurate's branch listings."""
    records = sandbox.request_log()[since:]
    return sum(1 for r in records if r.path.endswith(paths) and r.status == 200)


def said(messages) -> list[str]:
    """An entry's messages as words to search: the service's as they came, each of Jurnal
    Desk's notes in Indonesian and English."""
    return [message if isinstance(message, str) else message.both() for message in messages]
