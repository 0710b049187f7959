"""The shared rate limiter: the pure schedule under a controllable clock (property tests), the
thread-safe wrapper with real threads (invariant checks, never timing targets)."""

import copy
import math
import random
import threading
import time

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from app.api.ratelimit import (
    Cancelled,
    LimiterRegistry,
    LimiterStats,
    LimiterTimeout,
    RateLimiter,
    _Schedule,
)
from app.core.i18n import JurnalError

# Times are multiples of 1/64 s so the arithmetic is exact and a test never depends on rounding.
TICK = 1 / 64
steps = st.integers(min_value=0, max_value=96).map(lambda n: n * TICK)


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.value = start

    def __call__(self) -> float:
        return self.value

    def advance(self, seconds: float) -> None:
        self.value += seconds


def assert_no_window_overfull(starts: list[float], per_second: int, window: float) -> None:
    """No interval of `window` seconds holds more than `per_second` starts."""
    ordered = sorted(starts)
    for earlier, later in zip(ordered, ordered[per_second:], strict=False):
        assert later - earlier >= window, (earlier, later)


def max_overlap(intervals: list[tuple[float, float]]) -> int:
    """Most intervals open at the same moment (an end before a start at the same instant)."""
    events = sorted([(start, 1) for start, _ in intervals] + [(end, -1) for _, end in intervals])
    running = peak = 0
    for _, delta in events:
        running += delta
        peak = max(peak, running)
    return peak


class ScheduleMachine(RuleBasedStateMachine):
    """Arbitrary arrivals, cancels, releases, pauses and clock moves, checked against the rules
    written out independently here."""

    @initialize(
        per_second=st.sampled_from([8, 8, 1, 2, 3, 5]),
        max_in_flight=st.sampled_from([8, 8, 1, 2, 4]),
        window=st.sampled_from([1.0, 1.0, 0.5]),
    )
    def setup(self, per_second, max_in_flight, window):
        self.schedule = _Schedule(per_second, max_in_flight, window)
        self.per_second, self.max_in_flight, self.window = per_second, max_in_flight, window
        self.now = 0.0
        self.waiting: list[int] = []
        self.running = 0
        self.start_times: list[float] = []
        self.started_tickets: list[int] = []
        self.paused_until = -math.inf

    @rule()
    def arrive(self):
        self.waiting.append(self.schedule.enqueue())

    @precondition(lambda self: self.waiting)
    @rule(data=st.data())
    def give_up(self, data):
        ticket = data.draw(st.sampled_from(self.waiting))
        self.schedule.withdraw(ticket)
        self.waiting.remove(ticket)

    @precondition(lambda self: self.running)
    @rule()
    def finish(self):
        self.schedule.release()
        self.running -= 1

    @rule(seconds=steps)
    def advance(self, seconds):
        self.now += seconds

    @precondition(lambda self: self.waiting)
    @rule()
    def advance_as_told(self):
        wait = self.schedule.wait_for(self.waiting[0], self.now)
        if 0 < wait < math.inf:
            self.now += wait

    @rule(seconds=st.integers(min_value=-64, max_value=192).map(lambda n: n * TICK))
    def slow_down(self, seconds):
        self.schedule.pause(self.now, seconds)
        if seconds > 0:
            self.paused_until = max(self.paused_until, self.now + seconds)

    @rule()
    def serve(self):
        """What woken threads do: every ticket asks; whoever is told 0 starts."""
        for ticket in list(self.waiting):
            if self.schedule.wait_for(ticket, self.now) == 0.0:
                self.schedule.start(ticket, self.now)
                self.waiting.remove(ticket)
                self.running += 1
                self.start_times.append(self.now)
                self.started_tickets.append(ticket)

    def allowed_by_the_rules(self, at: float, running: int) -> bool:
        recent = [s for s in self.start_times if at - s < self.window]
        return (
            at >= self.paused_until
            and running < self.max_in_flight
            and (len(recent) < self.per_second)
        )

    @invariant()
    def never_more_than_per_second_starts_in_any_window(self):
        assert_no_window_overfull(self.start_times, self.per_second, self.window)

    @invariant()
    def never_more_than_max_in_flight(self):
        assert self.running <= self.max_in_flight
        assert self.schedule.in_flight == self.running

    @invariant()
    def first_come_first_served(self):
        assert self.started_tickets == sorted(self.started_tickets)
        for ticket in self.waiting[1:]:
            assert self.schedule.wait_for(ticket, self.now) == math.inf

    @invariant()
    def the_head_starts_exactly_when_the_rules_allow(self):
        if self.waiting:
            told = self.schedule.wait_for(self.waiting[0], self.now)
            assert (told == 0.0) == self.allowed_by_the_rules(self.now, self.running)

    @invariant()
    def a_timed_wait_is_never_longer_than_needed_and_then_leads_to_a_start(self):
        if not self.waiting or self.running >= self.max_in_flight:
            return
        head, at = self.waiting[0], self.now
        probe = copy.deepcopy(self.schedule)
        for _ in range(3):  # at most a pause, then a full window
            told = probe.wait_for(head, at)
            if told == 0.0:
                break
            assert 0 < told < math.inf
            if told > TICK:
                assert not self.allowed_by_the_rules(at + told - TICK, self.running)
            at += told
        assert probe.wait_for(head, at) == 0.0

    @invariant()
    def stats_agree(self):
        stats = self.schedule.stats(self.now)
        recent = sum(1 for s in self.start_times if self.now - s < self.window)
        assert stats.started_last_window == recent
        assert stats.in_flight == self.running
        assert stats.waiting == len(self.waiting)
        assert stats.paused_for == max(0.0, self.paused_until - self.now)


ScheduleMachine.TestCase.settings = settings(
    max_examples=150, stateful_step_count=60, deadline=None
)
TestScheduleProperties = ScheduleMachine.TestCase


def test_schedule_refuses_a_start_it_did_not_allow():
    schedule = _Schedule(1, 1, 1.0)
    first, second = schedule.enqueue(), schedule.enqueue()
    with pytest.raises(RuntimeError):
        schedule.start(second, 0.0)
    schedule.start(first, 0.0)
    with pytest.raises(RuntimeError):
        schedule.release()
        schedule.release()


@pytest.mark.parametrize(
    ("per_second", "max_in_flight", "window"), [(0, 8, 1.0), (8, 0, 1.0), (8, 8, 0.0)]
)
def test_limits_must_make_sense(per_second, max_in_flight, window):
    with pytest.raises(ValueError):
        RateLimiter(per_second, max_in_flight, window=window)


# --- The thread-safe limiter, controllable clock (calls that never block) -------------------


def test_eight_start_at_once_and_the_ninth_waits_for_the_window():
    clock = FakeClock()
    limiter = RateLimiter(window=1.0, clock=clock)
    permits = [limiter.acquire(timeout=0) for _ in range(8)]
    for permit in permits:
        permit.release()
    with pytest.raises(TimeoutError):
        limiter.acquire(timeout=0)
    clock.advance(0.999)
    with pytest.raises(TimeoutError):
        limiter.acquire(timeout=0)
    clock.advance(0.001)
    limiter.acquire(timeout=0).release()


def test_stats_show_started_in_flight_waiting_and_pause():
    clock = FakeClock()
    limiter = RateLimiter(8, 8, window=1.0, clock=clock)
    assert limiter.stats() == LimiterStats(0, 0, 0, 0.0, 8, 8)
    permits = [limiter.acquire() for _ in range(3)]
    permits[0].release()
    stats = limiter.stats()
    assert (stats.started_last_window, stats.in_flight, stats.waiting) == (3, 2, 0)
    clock.advance(1.0)
    stats = limiter.stats()
    assert (stats.started_last_window, stats.in_flight) == (0, 2)
    limiter.pause(7.5)
    assert limiter.stats().paused_for == 7.5


def test_pause_stops_new_starts_for_its_length_and_is_never_shortened():
    clock = FakeClock()
    limiter = RateLimiter(clock=clock)
    limiter.pause(30)
    with pytest.raises(TimeoutError):
        limiter.acquire(timeout=0)
    clock.advance(10)
    limiter.pause(5)  # a shorter Retry-After does not end the longer pause
    assert limiter.stats().paused_for == 20
    with pytest.raises(TimeoutError):
        limiter.acquire(timeout=0)
    clock.advance(20)
    limiter.acquire(timeout=0).release()


@pytest.mark.parametrize("seconds", [0, -5, math.nan])
def test_a_meaningless_pause_is_ignored(seconds):
    limiter = RateLimiter(clock=FakeClock())
    limiter.pause(seconds)
    assert limiter.stats().paused_for == 0.0
    limiter.acquire(timeout=0).release()


def test_permit_releases_once_and_as_a_context_manager():
    limiter = RateLimiter(8, 2, clock=FakeClock())
    permit = limiter.acquire()
    permit.release()
    permit.release()
    assert limiter.stats().in_flight == 0
    with pytest.raises(KeyError), limiter.acquire():
        assert limiter.stats().in_flight == 1
        raise KeyError("the request failed")
    assert limiter.stats().in_flight == 0


def test_cancel_already_set_gives_no_permit():
    limiter = RateLimiter(clock=FakeClock())
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled) as caught:
        limiter.acquire(cancel=cancel)
    assert isinstance(caught.value, JurnalError)
    assert caught.value.text.id and caught.value.text.en
    assert limiter.stats() == LimiterStats(0, 0, 0, 0.0, 8, 8)


def test_timeout_error_is_bilingual_and_a_timeout_error():
    limiter = RateLimiter(8, 1, clock=FakeClock())
    held = limiter.acquire()
    with pytest.raises(LimiterTimeout) as caught:
        limiter.acquire(timeout=0)
    assert isinstance(caught.value, TimeoutError)
    assert "Coba lagi" in caught.value.text.id and "Try again" in caught.value.text.en
    held.release()


# --- Registry ------------------------------------------------------------------------------


def test_one_limiter_per_token_shared_by_everyone():
    registry = LimiterRegistry()
    token = "aat.MTAw.eyJ2IjoxfQ.secret-part"
    first = registry.for_token(token)
    assert registry.for_token(token) is first
    assert registry.for_token("aat.other-token") is not first
    assert len(registry) == 2


def test_the_registry_keeps_no_raw_token():
    registry = LimiterRegistry()
    token = "aat.MTAw.eyJ2IjoxfQ.secret-part"
    registry.for_token(token)
    assert token not in repr(vars(registry))
    assert "secret-part" not in repr(vars(registry))


def test_the_first_caller_sets_a_tokens_limits():
    registry = LimiterRegistry(clock=FakeClock())
    limiter = registry.for_token("aat.x", per_second=4, max_in_flight=2)
    assert registry.for_token("aat.x") is limiter
    assert (limiter.stats().per_second, limiter.stats().max_in_flight) == (4, 2)


def test_an_empty_token_has_no_limiter():
    with pytest.raises(ValueError):
        LimiterRegistry().for_token("")


def test_threads_asking_at_once_get_the_same_limiter():
    registry = LimiterRegistry()
    barrier = threading.Barrier(8)
    found: list[RateLimiter] = []

    def ask() -> None:
        barrier.wait()
        found.append(registry.for_token("aat.shared"))

    run_threads([threading.Thread(target=ask, daemon=True) for _ in range(8)])
    assert len({id(limiter) for limiter in found}) == 1


# --- Real threads, real clock -----------------------------------------------------------------


def run_threads(threads: list[threading.Thread]) -> None:
    for thread in threads:
        thread.start()
    join_all(threads)


def join_all(threads: list[threading.Thread]) -> None:
    for thread in threads:
        thread.join(timeout=30)
        assert not thread.is_alive()


def wait_until(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the limiter never reached the expected state"
        time.sleep(0.002)


@pytest.mark.parametrize(("per_second", "max_in_flight"), [(8, 8), (8, 3)])
def test_sixteen_threads_eighty_requests_respect_both_limits(per_second, max_in_flight):
    # A 0.1 s window keeps the test short; the rules are the same at any window length.
    window = 0.1
    limiter = RateLimiter(per_second, max_in_flight, window=window)
    lock = threading.Lock()
    granted: list[float] = []
    held: list[tuple[float, float]] = []
    errors: list[BaseException] = []
    jobs = list(range(80))
    rng = random.Random(3)
    hold_times = [rng.choice([0.0, 0.005, 0.02, 0.06]) for _ in jobs]

    def worker() -> None:
        while True:
            with lock:
                if not jobs:
                    return
                job = jobs.pop()
            try:
                with limiter.acquire(timeout=30) as permit:
                    began = time.monotonic()
                    time.sleep(hold_times[job])
                    ended = time.monotonic()
                with lock:
                    assert began >= permit.started_at
                    granted.append(permit.started_at)
                    held.append((began, ended))
            except BaseException as error:  # reported below, not lost in the thread
                errors.append(error)
                return

    run_threads([threading.Thread(target=worker, daemon=True) for _ in range(16)])
    assert errors == []
    assert len(granted) == 80
    assert_no_window_overfull(granted, per_second, window)
    assert max_overlap(held) <= max_in_flight
    assert limiter.stats().in_flight == 0
    assert limiter.stats().waiting == 0


def test_default_limits_hold_twelve_simultaneous_requests_to_eight_per_second():
    limiter = RateLimiter()
    barrier = threading.Barrier(12)
    granted: list[float] = []

    def send() -> None:
        barrier.wait()
        with limiter.acquire(timeout=30) as permit:
            granted.append(permit.started_at)

    run_threads([threading.Thread(target=send, daemon=True) for _ in range(12)])
    assert_no_window_overfull(granted, 8, 1.0)
    assert len(granted) == 12


def start_waiter(limiter: RateLimiter, name: str, order: list[str], **kwargs) -> threading.Thread:
    """A thread that queues for a permit; it is waiting when this returns."""
    before = limiter.stats().waiting
    errors: list[BaseException] = []

    def wait_for_turn() -> None:
        try:
            with limiter.acquire(**kwargs):
                order.append(name)
        except BaseException as error:
            order.append(f"{name}:{type(error).__name__}")
            errors.append(error)

    thread = threading.Thread(target=wait_for_turn, daemon=True)
    thread.start()
    wait_until(lambda: limiter.stats().waiting == before + 1)
    return thread


def test_waiters_are_served_in_arrival_order():
    limiter = RateLimiter(8, 1)
    held = limiter.acquire()
    order: list[str] = []
    threads = [start_waiter(limiter, f"w{i}", order) for i in range(6)]
    held.release()
    join_all(threads)
    assert order == [f"w{i}" for i in range(6)]


def test_a_newcomer_does_not_overtake_a_waiter_even_when_a_slot_is_free():
    limiter = RateLimiter(1, 8, window=0.3)
    limiter.acquire().release()  # the window is now full for 0.3 s
    order: list[str] = []
    first = start_waiter(limiter, "first", order)
    second = start_waiter(limiter, "second", order)
    join_all([first, second])
    assert order == ["first", "second"]


def test_cancel_wakes_a_waiter_and_the_queue_moves_on():
    limiter = RateLimiter(8, 1)
    held = limiter.acquire()
    order: list[str] = []
    cancel = threading.Event()
    cancelled = start_waiter(limiter, "cancelled", order, cancel=cancel)
    behind = start_waiter(limiter, "behind", order)
    cancel.set()
    join_all([cancelled])
    assert order == ["cancelled:Cancelled"]
    assert limiter.stats().waiting == 1
    held.release()
    join_all([behind])
    assert order == ["cancelled:Cancelled", "behind"]


def test_a_timed_out_waiter_leaves_the_queue():
    limiter = RateLimiter(8, 1)
    held = limiter.acquire()
    with pytest.raises(TimeoutError):
        limiter.acquire(timeout=0.05)
    assert limiter.stats().waiting == 0
    held.release()
    limiter.acquire(timeout=0).release()


def test_a_pause_holds_back_a_waiting_request_until_it_ends():
    limiter = RateLimiter()
    before_pause = time.monotonic()
    limiter.pause(0.2)
    order: list[str] = []
    starts: list[float] = []

    def send() -> None:
        with limiter.acquire(timeout=10) as permit:
            starts.append(permit.started_at)
            order.append("sent")

    run_threads([threading.Thread(target=send, daemon=True)])
    assert order == ["sent"]
    assert starts[0] >= before_pause + 0.2


def test_waiting_count_is_live():
    limiter = RateLimiter(8, 1)
    held = limiter.acquire()
    order: list[str] = []
    threads = [start_waiter(limiter, f"w{i}", order) for i in range(3)]
    stats = limiter.stats()
    assert (stats.in_flight, stats.waiting) == (1, 3)
    held.release()
    join_all(threads)
    assert limiter.stats().waiting == 0


def test_the_default_window_keeps_a_margin_over_the_services_second():
    clock = FakeClock()
    limiter = RateLimiter(clock=clock)
    for _ in range(8):
        limiter.acquire(timeout=0).release()
    clock.advance(1.0)  # a server's second has passed, but arrivals lag starts a little
    with pytest.raises(TimeoutError):
        limiter.acquire(timeout=0)
    clock.advance(0.051)
    limiter.acquire(timeout=0).release()
