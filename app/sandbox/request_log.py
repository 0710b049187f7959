"""What the sandbox saw: one record per request (the token named only by its hash) and the
running counts tests and benchmarks assert on (Accurate's limits as the service counts them,
the faults injected)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


def token_hash(token: str) -> str:
    """How the request log names a token: its SHA-256, never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class RequestRecord:
    started: float  # time.monotonic() when its request line arrived (app.sandbox.edge_stamps)
    ended: float  # time.monotonic() when the answer was ready (or the connection about to be cut)
    token_hash: str  # token_hash() of the bearer token; "" without one
    method: str
    path: str  # without the query
    status: int  # 0: the connection was cut with no answer
    origin: str = ""  # the listener, e.g. http://127.0.0.1:PORT
    peer: str = ""  # the client's end of the connection: a kept-alive connection reuses it
    # time.monotonic() when the sandbox's handler thread read its request line: `started`
    # plus however long that thread waited for a core or the interpreter.
    read_at: float | None = None


@dataclass(frozen=True, slots=True)
class SandboxStats:
    requests: int = 0
    # Accurate's limits as the service counts them (on arrival), refused or not:
    breaches: int = 0  # requests that broke either limit
    breaches_per_second: int = 0  # the 9th (or later) arrival within a rolling second
    breaches_calendar_second: int = 0  # the 9th (or later) arrival within one clock second
    breaches_in_flight: int = 0  # arrived with 8 of the token's requests in flight
    rate_limited: int = 0  # limit replies for breaking 8 per second or 8 in flight (Accurate)
    rate_limited_per_second: int = 0
    rate_limited_in_flight: int = 0
    limit_replies_429: int = 0  # limit replies (for breaches or injected) sent as HTTP 429
    limit_replies_200: int = 0  # ... sent as HTTP 200 with s: false
    injected_errors: int = 0  # 5xx answered by the error fault
    injected_rate_limits: int = 0  # limit replies answered by the 429 fault
    cut: int = 0  # connections cut by the cut fault, before any work
    dropped: int = 0  # save calls stored and then cut without an answer
    redirects: int = 0  # 308s from a company's old host
    peak_in_flight: int = 0  # most Accurate requests one token had in flight at once
    peak_per_second: int = 0  # most Accurate arrivals for one token within a rolling second
