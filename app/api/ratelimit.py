"""The shared rate limiter: one per API token, for every thread and feature in the process.

Accurate allows at most 8 requests per second and at most 8 in flight per API token, and it
counts a request when it ARRIVES. Every request start (each retry too) takes a `Permit` from
the token's `RateLimiter`; the permit is released when the response has been read. The
limiter enforces a rolling window (no interval of `window` seconds ever holds more than
`per_second` starts), which is stricter than "8 per clock second" and so always satisfies it.

What counts as a permit's start. By default, the moment it was granted. A caller that can
tell when its request really left (the transport does, through httpx's trace hook, once the
request line and headers are written) acquires with `until_sent=True` and calls
`Permit.mark_sent()` then: until that call the permit counts
as starting *now*, at every moment (it might leave at any instant), and afterwards at the
moment it left. So a request held up between its turn and the wire (a new connection after a
dropped one, thread scheduling, an fsync) never lands in the same server second as the ones
granted after it. A permit released without `mark_sent()` counts as starting when released.

The margin. The window is a little longer than the service's second (`DEFAULT_WINDOW`),
because the arrival still lags the send a little, by a varying amount. After a limit reply
for a request that was paced with the current window, the window widens by `WIDEN_STEP`
(up to `MAX_WINDOW`); after `RELAX_AFTER` seconds without one it narrows by `RELAX_STEP`,
back down to where it began.

The decisions are made by `_Schedule`, a pure object that is given the time and never reads a
clock or takes a lock, so it can be tested exhaustively with a controllable clock.
`RateLimiter` wraps it with a `threading.Condition`: a waiter sleeps for exactly as long as the
schedule says, or until a release, a send or a pause wakes it. Waiters are served first come,
first served: only the head of the queue may start, so nobody is overtaken.

Across processes. The limits are the token's, whichever process sends: a registry given the
app's home (`LimiterRegistry(shared_folder=...)`) also records every start in the machine's
ledger (`app.api.machine_permits`), and the head of the queue starts only when both its own
schedule and the ledger, which holds every process's starts and open permits for the token,
allow it. Waits caused by other processes are polled (their releases cannot wake us).
"""

from __future__ import annotations

import bisect
import hashlib
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from app.api.machine_permits import LIMITS_FOLDER, POLL_SECONDS, Limits, MachinePermits
from app.core.i18n import JurnalError, tr

# How often a waiter looks at its cancel Event (an Event cannot wake a Condition).
_CANCEL_POLL_SECONDS = 0.05


# The service counts a request when it arrives, a little after it leaves this machine, and
# that lag varies. Starts are recorded once each request's line and headers have been written
# to the socket (the transport's trace hook), so a start is never before its bytes left: on
# one machine (the sandbox) no rolling second can then hold 9 arrivals, whatever the load.
# What is left is the network's jitter between this machine and the service (a slow packet
# lands in the same second as the later ones): 30 ms of margin covers that much of it, at a
# cost of 3% of the service's 8 a second (7.77 requests a second).
DEFAULT_WINDOW = 1.03
WIDEN_STEP = 0.03  # after a limit reply for a request paced with the current window
MAX_WINDOW = 1.25
RELAX_AFTER = 20.0  # seconds without a limit reply before the window narrows one step
RELAX_STEP = 0.01


class Cancelled(JurnalError):
    """The wait for a turn to send was cancelled by the user."""


class LimiterTimeout(JurnalError, TimeoutError):
    """No turn to send came within the allowed time (a TimeoutError too)."""


@dataclass(frozen=True, slots=True)
class LimiterStats:
    """Live figures for the UI."""

    started_last_window: int  # requests started within the last window (second)
    in_flight: int  # requests holding a permit now
    waiting: int  # requests queued for a turn
    paused_for: float  # seconds left of a "slow down" pause (0 when not paused)
    per_second: int  # the limits, to show "5 of 8"
    max_in_flight: int
    window: float = DEFAULT_WINDOW  # the window now (widened after limit replies)


class _Schedule:
    """Pure decision core: who may start, and when. Not thread-safe; the caller locks."""

    def __init__(
        self,
        per_second: int,
        max_in_flight: int,
        window: float,
        *,
        max_window: float | None = None,
    ) -> None:
        if per_second < 1 or max_in_flight < 1:
            raise ValueError("per_second and max_in_flight must be at least 1")
        if not window > 0:
            raise ValueError("window must be a positive number of seconds")
        self.per_second = per_second
        self.max_in_flight = max_in_flight
        self.base_window = window
        self.window = window
        self.max_window = max(window, MAX_WINDOW if max_window is None else max_window)
        self.in_flight = 0
        self.paused_until = -math.inf
        # Only the most recent `per_second` known starts can ever hold back the next one;
        # kept sorted (a permit's send time may be learned after later ones').
        self._starts: list[float] = []
        # Permits granted but not yet sent: permit id -> grant time. Each counts as "now".
        self._unsent: dict[int, float] = {}
        self._open: set[int] = set()
        self._queue: deque[int] = deque()
        self._next_ticket = 0
        self._next_permit = 0
        self._widened_at = -math.inf
        self._window_changed_at = -math.inf

    def enqueue(self) -> int:
        """A new request joins the back of the queue; returns its ticket."""
        ticket = self._next_ticket
        self._next_ticket += 1
        self._queue.append(ticket)
        return ticket

    def withdraw(self, ticket: int) -> None:
        """A waiter gives up (cancelled, timed out); the one behind it moves up."""
        self._queue.remove(ticket)

    def wait_for(self, ticket: int, now: float) -> float:
        """0.0: `ticket` may start now. A positive number: ask again after that many seconds.
        math.inf: wait until something changes (a release, a send, the queue moving)."""
        if not self._queue or self._queue[0] != ticket:
            return math.inf
        if now < self.paused_until:
            return self.paused_until - now
        if self.in_flight >= self.max_in_flight:
            return math.inf
        # Unsent permits are starting "now": the known starts may fill the rest of a window.
        room = self.per_second - len(self._unsent)
        if room <= 0:
            return math.inf
        if len(self._starts) >= room:
            oldest = self._starts[-room]
            # `now - oldest >= window` is the one comparison used everywhere (also by the tests),
            # so float rounding can never let a window hold one start too many.
            if now - oldest < self.window:
                return max(oldest + self.window - now, 1e-9)
        return 0.0

    def start(self, ticket: int, now: float, *, until_sent: bool = False) -> int:
        """Record the start `wait_for` just allowed; returns the permit's id. With
        `until_sent`, the start is not known until `sent()` (or `release()`) says when."""
        if self.wait_for(ticket, now) != 0.0:
            raise RuntimeError("start() without wait_for() allowing it")
        self._queue.popleft()
        permit = self._next_permit
        self._next_permit += 1
        self._open.add(permit)
        if until_sent:
            self._unsent[permit] = now
        else:
            self._record(now)
        self.in_flight += 1
        return permit

    def sent(self, permit: int, now: float) -> float | None:
        """The permit's request has left at `now`: that is its start. Returns the start, or
        None when the permit's start was already known (a second send is not recorded)."""
        granted = self._unsent.pop(permit, None)
        if granted is None:
            return None
        started = max(now, granted)  # a start is never before its grant
        self._record(started)
        return started

    def release(self, permit: int, now: float) -> None:
        if permit not in self._open:
            raise RuntimeError("release() without a start")
        self._open.discard(permit)
        self.sent(permit, now)  # never marked: it may have left at any moment until now
        self.in_flight -= 1

    def pause(self, now: float, seconds: float) -> None:
        """No starts for `seconds` from `now`; never shortens a pause already running."""
        if seconds > 0:  # also false for NaN
            self.paused_until = max(self.paused_until, now + seconds)

    def limit_reply(self, now: float, started: float | None) -> bool:
        """The service refused a request that started at `started` as over its limits: widen
        the window one step, unless that request was paced by a narrower window than today's
        (its reply says nothing about the current one). True when the window widened."""
        if started is None:
            started = now - self.window  # unknown: it was sent within the last window
        if started <= self._widened_at or self.window >= self.max_window:
            self._window_changed_at = now  # not clean either
            return False
        self.window = min(self.window + WIDEN_STEP, self.max_window)
        self._widened_at = self._window_changed_at = now
        return True

    def relax(self, now: float) -> None:
        """After RELAX_AFTER seconds without a limit reply, narrow the window one step."""
        if self.window > self.base_window and now - self._window_changed_at >= RELAX_AFTER:
            self.window = max(self.base_window, round(self.window - RELAX_STEP, 9))
            self._window_changed_at = now

    def stats(self, now: float) -> LimiterStats:
        recent = sum(1 for started in self._starts if now - started < self.window)
        return LimiterStats(
            started_last_window=recent + len(self._unsent),
            in_flight=self.in_flight,
            waiting=len(self._queue),
            paused_for=max(0.0, self.paused_until - now),
            per_second=self.per_second,
            max_in_flight=self.max_in_flight,
            window=self.window,
        )

    def _record(self, started: float) -> None:
        bisect.insort(self._starts, started)
        if len(self._starts) > self.per_second:
            del self._starts[: len(self._starts) - self.per_second]


class Permit:
    """One request's turn: release it (or leave the `with` block) when the response is read.
    Releasing twice is harmless."""

    __slots__ = ("_id", "_limiter", "_released", "_shared_id", "started_at")

    def __init__(
        self,
        limiter: RateLimiter,
        permit_id: int,
        started_at: float,
        shared_id: int | None = None,
    ) -> None:
        self._limiter = limiter
        self._id = permit_id
        self._shared_id = shared_id  # its row in the machine's ledger, when shared
        self._released = False
        # The limiter clock's reading when the start was granted; moved to when the request
        # left by mark_sent().
        self.started_at = started_at

    def mark_sent(self) -> None:
        """The request is leaving now (its first bytes are being written): its start."""
        self._limiter._sent(self)

    def release(self) -> None:
        self._limiter._release(self)

    def __enter__(self) -> Permit:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


class RateLimiter:
    """One per API token; FIFO; thread-safe."""

    def __init__(
        self,
        per_second: int = 8,
        max_in_flight: int = 8,
        *,
        window: float = DEFAULT_WINDOW,
        max_window: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        shared: tuple[MachinePermits, str] | None = None,
    ) -> None:
        """`shared`: the machine's ledger and this token's key in it (see the module); its
        times are time.monotonic(), so `clock` must be that too."""
        self._schedule = _Schedule(per_second, max_in_flight, window, max_window=max_window)
        self._clock = clock
        self._condition = threading.Condition(threading.Lock())
        self._shared = shared

    def acquire(
        self,
        cancel: threading.Event | None = None,
        timeout: float | None = None,
        *,
        until_sent: bool = False,
    ) -> Permit:
        """Block until both limits allow a start. Raises Cancelled if `cancel` is set (also if
        it already was), LimiterTimeout (a TimeoutError) after `timeout` seconds. With
        `until_sent`, the permit's start is when `mark_sent()` is called (see the module)."""
        with self._condition:
            ticket = self._schedule.enqueue()
            deadline = None if timeout is None else self._clock() + timeout
            try:
                now, shared_id = self._wait_for_turn(ticket, cancel, deadline, until_sent)
            except BaseException:
                self._schedule.withdraw(ticket)
                self._condition.notify_all()  # the waiter behind may now be first
                raise
            permit_id = self._schedule.start(ticket, now, until_sent=until_sent)
            self._condition.notify_all()  # the next in line becomes head and times its wait
            return Permit(self, permit_id, now, shared_id)

    def pause(self, seconds: float) -> None:
        """Slow down: no new starts for this long (honours Retry-After). Never shortens."""
        with self._condition:
            now = self._clock()
            self._schedule.pause(now, seconds)
            self._share_pause(now, seconds)
            self._condition.notify_all()

    def limit_reply(self, seconds: float, started_at: float | None = None) -> None:
        """The service answered "too many requests" to a request that started at
        `started_at` (this limiter's clock): pause every sender for `seconds` and widen
        the margin (see the module)."""
        with self._condition:
            now = self._clock()
            self._schedule.pause(now, seconds)
            self._share_pause(now, seconds)
            self._schedule.limit_reply(now, started_at)
            self._condition.notify_all()

    def stats(self) -> LimiterStats:
        with self._condition:
            return self._schedule.stats(self._clock())

    def _wait_for_turn(
        self,
        ticket: int,
        cancel: threading.Event | None,
        deadline: float | None,
        until_sent: bool,
    ) -> tuple[float, int | None]:
        """Sleep on the condition until the schedule (and the machine's ledger) says go;
        returns the start time and the permit's row in the ledger."""
        while True:
            if cancel is not None and cancel.is_set():
                raise Cancelled(tr("Pengiriman dibatalkan."))
            now = self._clock()
            self._schedule.relax(now)
            wait = self._schedule.wait_for(ticket, now)
            if wait == 0.0:
                shared_id, wait = self._take_shared(until_sent)
                if wait == 0.0:
                    return self._clock(), shared_id
            if deadline is not None:
                if now >= deadline:
                    raise _timeout()
                wait = min(wait, deadline - now)
            if cancel is not None:
                wait = min(wait, _CANCEL_POLL_SECONDS)
            self._condition.wait(None if math.isinf(wait) else wait)

    def _share_pause(self, now: float, seconds: float) -> None:
        """Every process using the token pauses too (the ledger's times are this clock's)."""
        if self._shared is not None and seconds > 0:
            ledger, key = self._shared
            ledger.pause(key, now + seconds)

    def _take_shared(self, until_sent: bool) -> tuple[int | None, float]:
        """The ledger's say on a start now: (row, 0.0) granted, (None, wait) not yet;
        (None, 0.0) without a ledger (or one that cannot be used)."""
        if self._shared is None:
            return None, 0.0
        ledger, key = self._shared
        schedule = self._schedule
        limits = Limits(schedule.per_second, schedule.max_in_flight, schedule.window)
        granted, wait = ledger.take(key, limits, until_sent=until_sent)
        return granted, (min(wait, POLL_SECONDS) if wait > 0 else 0.0)

    def _sent(self, permit: Permit) -> None:
        if self._shared is not None and permit._shared_id is not None and not permit._released:
            self._shared[0].sent(permit._shared_id)
        with self._condition:
            if permit._released:
                return
            started = self._schedule.sent(permit._id, self._clock())
            if started is not None:
                permit.started_at = started
                self._condition.notify_all()  # a start now known may free the head's turn

    def _release(self, permit: Permit) -> None:
        with self._condition:
            if permit._released:
                return
            permit._released = True
            if self._shared is not None and permit._shared_id is not None:
                # Before the local release wakes a waiter, which then asks the ledger.
                self._shared[0].release(permit._shared_id)
            self._schedule.release(permit._id, self._clock())
            self._condition.notify_all()


class LimiterRegistry:
    """The application's limiters, one per API token, keyed by a SHA-256 of the token so the
    token itself is never kept. Owned by the application and passed in (no module globals)."""

    def __init__(
        self,
        *,
        window: float = DEFAULT_WINDOW,
        clock: Callable[[], float] = time.monotonic,
        shared_folder: Path | None = None,
    ) -> None:
        """`shared_folder` (the app home's `limits` folder): share each token's limits with
        every other process using that folder (see the module)."""
        if shared_folder is not None and clock is not time.monotonic:
            raise ValueError("a shared ledger counts in time.monotonic()")
        self._window = window
        self._clock = clock
        self._limiters: dict[str, RateLimiter] = {}
        self._lock = threading.Lock()
        self._ledger = MachinePermits(shared_folder) if shared_folder is not None else None

    def for_token(self, token: str, *, per_second: int = 8, max_in_flight: int = 8) -> RateLimiter:
        """The token's limiter, created on first use; later calls get the same one (its
        limits are those of the first call)."""
        if not token:
            raise ValueError("an API token is needed to pick its rate limiter")
        key = hashlib.sha256(token.encode("utf-8")).hexdigest()
        with self._lock:
            limiter = self._limiters.get(key)
            if limiter is None:
                limiter = RateLimiter(
                    per_second,
                    max_in_flight,
                    window=self._window,
                    clock=self._clock,
                    shared=(self._ledger, key) if self._ledger is not None else None,
                )
                self._limiters[key] = limiter
            return limiter

    def __len__(self) -> int:
        with self._lock:
            return len(self._limiters)


def machine_limiters(home: Path) -> LimiterRegistry:
    """The registry every front uses: each token's limits shared with every other Jurnal
    Desk process of this app home (the window, commands, checks)."""
    return LimiterRegistry(shared_folder=home / LIMITS_FOLDER)


def _timeout() -> LimiterTimeout:
    return LimiterTimeout(
        tr(
            "Terlalu lama menunggu giliran kirim (batas permintaan per detik). "
            "Coba lagi sebentar lagi."
        )
    )
