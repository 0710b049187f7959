"""Accurate's per-token limits as the sandbox counts them: at most 8 requests in any second and
at most 8 in flight.

The service counts a request when it ARRIVES, so every request is counted at the moment its
request line arrived, refused ones too: when the kernel received it where the kernel says
(Linux: app.sandbox.edge_stamps), else when the HTTP handler read it (before headers or body).
A handler thread of a busy sandbox may wait tens of milliseconds for a core or the interpreter
before it reads a line, and requests that arrived apart would be stamped together: the
sandbox would count its own delay as the client's (measured: BENCHMARKS.md, month-end).
a client that keeps knocking keeps the window full. A breach is a request that arrived as the
9th (or later) within a rolling second (the 8 before it less than 1 s earlier), the 9th within
one calendar second, or with 8 already in flight. Breaches are counted whether or not the
sandbox refuses them, so a benchmark can run with enforcement off and still see how often a
client would have been refused.

Threads may record arrivals slightly out of order; the rolling count stays exact: an arrival
recorded late also makes the later arrivals it precedes breaches when it fills their second.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field

PER_SECOND = 8
MAX_IN_FLIGHT = 8
WINDOW_SECONDS = 1.0
# Arrivals older than this (relative to the newest) can no longer share a second with a new
# one, even one recorded a little out of order.
_KEEP_SECONDS = 2 * WINDOW_SECONDS


@dataclass(frozen=True, slots=True)
class Arrival:
    """What one arrival did to the counts."""

    refusal: str | None  # "in_flight" or "per_second" when refused, None when admitted
    breaches: int  # requests newly found in breach (this one and earlier-recorded later ones)
    per_second: int  # of which: 9th or later within a rolling second
    calendar_second: int  # 9th or later within a calendar second (this one, or a later one)
    in_flight: bool  # this one arrived with MAX_IN_FLIGHT already in flight
    window_count: int  # most arrivals within one rolling second that this arrival touched
    in_flight_now: int  # in flight after admitting it


@dataclass
class _TokenTraffic:
    times: list[float] = field(default_factory=list)  # sorted arrival times (monotonic)
    walls: list[float] = field(default_factory=list)  # parallel: the same, Unix seconds
    per_second_breach: list[bool] = field(default_factory=list)  # parallel to times
    counted: list[bool] = field(default_factory=list)  # parallel: already in `breaches`
    seconds: dict[int, int] = field(default_factory=dict)  # calendar second -> arrivals
    in_flight: int = 0


class Admission:
    """Counts arrivals per token and decides refusals. Not thread-safe: the caller locks."""

    def __init__(self) -> None:
        self._tokens: dict[str, _TokenTraffic] = {}

    def arrive(self, key: str, at: float, wall: float, *, enforce: bool) -> Arrival:
        """Count the request that arrived at `at` (monotonic) / `wall` (Unix seconds)."""
        traffic = self._tokens.setdefault(key, _TokenTraffic())
        _forget_old(traffic, at, wall)
        index = _insert(traffic, at, wall)
        own_count = _window_count(traffic.times, index)
        over_second = own_count > PER_SECOND
        traffic.per_second_breach[index] = over_second
        over_in_flight = traffic.in_flight >= MAX_IN_FLIGHT
        traffic.counted[index] = over_second or over_in_flight
        late_per_second, late_breaches, touched = _later_arrivals_now_in_breach(traffic, index)
        over_calendar, calendar_breach = _calendar_second(traffic, index)
        breached = traffic.counted[index]
        refusal = None
        if enforce and over_in_flight:
            # In flight first: a ninth concurrent call breaks both limits, and "in flight" is
            # the one a client can tell apart (the per-second one needs no concurrency).
            refusal = "in_flight"
        elif enforce and (over_second or touched > PER_SECOND):
            # Recorded after later arrivals (its thread was slower than theirs), it makes
            # theirs the ninth: those were answered already, so this one is refused. The
            # service refuses one request of nine either way.
            refusal = "per_second"
        if refusal is None:
            traffic.in_flight += 1
        return Arrival(
            refusal=refusal,
            breaches=int(breached) + late_breaches + calendar_breach,
            per_second=int(over_second) + late_per_second,
            calendar_second=over_calendar,
            in_flight=over_in_flight,
            window_count=max(own_count, touched),
            in_flight_now=traffic.in_flight,
        )

    def release(self, key: str) -> None:
        """An admitted request has been answered (or cut)."""
        self._tokens[key].in_flight -= 1


def _forget_old(traffic: _TokenTraffic, now: float, wall: float) -> None:
    newest = max(now, traffic.times[-1]) if traffic.times else now
    stale = bisect.bisect_right(traffic.times, newest - _KEEP_SECONDS)
    if stale:
        del traffic.times[:stale]
        del traffic.walls[:stale]
        del traffic.per_second_breach[:stale]
        del traffic.counted[:stale]
    for second in [s for s in traffic.seconds if s < wall - _KEEP_SECONDS - 1]:
        del traffic.seconds[second]


def _insert(traffic: _TokenTraffic, at: float, wall: float) -> int:
    index = bisect.bisect_right(traffic.times, at)
    traffic.times.insert(index, at)
    traffic.walls.insert(index, wall)
    traffic.per_second_breach.insert(index, False)
    traffic.counted.insert(index, False)
    return index


def _calendar_second(traffic: _TokenTraffic, index: int) -> tuple[int, int]:
    """Count arrival `index` in its calendar second. When the second now holds more than the
    limit, the breach is its latest arrival (this one, or a later one recorded earlier).
    Returns (calendar breaches found, of which not yet counted as a breach)."""
    second = math.floor(traffic.walls[index])
    traffic.seconds[second] = traffic.seconds.get(second, 0) + 1
    if traffic.seconds[second] <= PER_SECOND:
        return 0, 0
    latest = bisect.bisect_left(traffic.walls, second + 1) - 1
    if traffic.counted[latest] and latest != index:
        return 1, 0
    newly = not traffic.counted[latest]
    traffic.counted[latest] = True
    return 1, int(newly)


def _window_count(times: list[float], index: int) -> int:
    """Arrivals within the second that ends with arrival `index` (it included): those later
    than times[index] - 1 s, up to and including it."""
    return index - bisect.bisect_right(times, times[index] - WINDOW_SECONDS) + 1


def _later_arrivals_now_in_breach(traffic: _TokenTraffic, index: int) -> tuple[int, int, int]:
    """An arrival recorded after later ones adds to their seconds: flag those it pushes over
    the limit. Returns (newly over the per-second limit, of which not yet counted as a breach,
    the largest of their window counts)."""
    times, over, flagged, touched = traffic.times, 0, 0, 0
    at = times[index]
    for later in range(index + 1, len(times)):
        if times[later] - WINDOW_SECONDS >= at:
            break
        count = _window_count(times, later)
        touched = max(touched, count)
        if count > PER_SECOND and not traffic.per_second_breach[later]:
            traffic.per_second_breach[later] = True
            over += 1
            if not traffic.counted[later]:
                traffic.counted[later] = True
                flagged += 1
    return over, flagged, touched
