"""An Accurate client on the sandbox, for tests."""

from __future__ import annotations

from app.api.accurate import AccurateClient
from app.api.ratelimit import RateLimiter
from app.api.transport import RetryPolicy
from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN

NO_WAIT = RetryPolicy(sleep=lambda _seconds: None, random=lambda: 0.0)


def client_on(url: str, *, account_url: str | None = None) -> AccurateClient:
    return AccurateClient.create(
        token=DEMO_ACCURATE_TOKEN,
        secret=DEMO_ACCURATE_SECRET,
        limiter=RateLimiter(),
        host=url,
        account_url=account_url or url,
        retry=NO_WAIT,
    )
