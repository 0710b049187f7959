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
    DEFAULT_WINDOW,
    MAX_WINDOW,
    RELAX_AFTER,
    RELAX_STEP,
    WIDEN_STEP,
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
    """Arbitrary arrivals, cancels, sends, releases, pauses, limit replies and clock moves,
    checked against the rules written out independently here.

    A permit taken `until_sent` counts as starting at every moment until its send is marked
    (it may leave at any instant), then at that moment; released unmarked, at its release."""

    @initialize(
        per_second=st.sampled_from([8, 8, 1, 2, 3, 5]),
        max_in_flight=st.sampled_from([8, 8, 1, 2, 4]),
        window=st.sampled_from([1.0, 1.0, 0.5]),
    )
    def setup(self, per_second, max_in_flight, window):
        self.schedule = _Schedule(per_second, max_in_flight, window, max_window=window + 0.1)
        self.per_second, self.max_in_flight = per_second, max_in_flight
        self.base_window = self.window = window
        self.max_window = window + 0.1
        self.widened_at = self.changed_at = -math.inf
        self.now = 0.0
        self.waiting: list[int] = []
        self.unsent: dict[int, float] = {}  # permit -> grant time
        self.sent: dict[int, float] = {}  # running permits whose start is known
        self.start_times: list[float] = []  # every known start
        self.started_tickets: list[int] = []
        self.paused_until = -math.inf

    @property
    def running(self) -> int:
        return len(self.unsent) + len(self.sent)

    @rule()
    def arrive(self):
        self.waiting.append(self.schedule.enqueue())

    @precondition(lambda self: self.waiting)
    @rule(data=st.data())
    def give_up(self, data):
        ticket = data.draw(st.sampled_from(self.waiting))
        self.schedule.withdraw(ticket)
        self.waiting.remove(ticket)

    @precondition(lambda self: self.unsent)
    @rule(data=st.data())
    def leave(self, data):
        permit = data.draw(st.sampled_from(sorted(self.unsent)))
        assert self.schedule.sent(permit, self.now) == self.now
        del self.unsent[permit]
        self.sent[permit] = self.now
        self.start_times.append(self.now)

    @precondition(lambda self: self.running)
    @rule(data=st.data())
    def finish(self, data):
        permit = data.draw(st.sampled_from(sorted([*self.unsent, *self.sent])))
        self.schedule.release(permit, self.now)
        if permit in self.unsent:  # never marked: it may have left until now
            del self.unsent[permit]
            self.start_times.append(self.now)
        else:
            del self.sent[permit]
            assert self.schedule.sent(permit, self.now) is None  # a late mark changes nothing

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

    @rule(data=st.data())
    def limit_reply(self, data):
        known = sorted(set(self.start_times))
        started = data.draw(st.sampled_from(known)) if known else None
        widened = self.schedule.limit_reply(self.now, started)
        reference = self.now - self.window if started is None else started
        expected = reference > self.widened_at and self.window < self.max_window
        assert widened == expected
        if expected:
            self.window = min(self.window + WIDEN_STEP, self.max_window)
            self.widened_at = self.now
        self.changed_at = self.now

    @rule()
    def relax(self):
        self.schedule.relax(self.now)
        if self.window > self.base_window and self.now - self.changed_at >= RELAX_AFTER:
            self.window = max(self.base_window, self.window - RELAX_STEP)
            self.changed_at = self.now

    @rule(until_sent=st.booleans())
    def serve(self, until_sent):
        """What woken threads do: every ticket asks; whoever is told 0 starts."""
        for ticket in list(self.waiting):
            if self.schedule.wait_for(ticket, self.now) == 0.0:
                permit = self.schedule.start(ticket, self.now, until_sent=until_sent)
                self.waiting.remove(ticket)
                self.started_tickets.append(ticket)
                if until_sent:
                    self.unsent[permit] = self.now
                else:
                    self.sent[permit] = self.now
                    self.start_times.append(self.now)

    def known_in_window(self, at: float) -> int:
        return sum(1 for s in self.start_times if at - s < self.window)

    def allowed_by_the_rules(self, at: float, running: int) -> bool:
        return (
            at >= self.paused_until
            and running < self.max_in_flight
            and self.known_in_window(at) + len(self.unsent) < self.per_second
        )

    @invariant()
    def never_more_than_per_second_starts_in_any_window(self):
        # Unsent permits may leave at any moment: counted as leaving now. The window is
        # never narrower than it began, which is what the service's second needs.
        starts = self.start_times + [self.now] * len(self.unsent)
        assert_no_window_overfull(starts, self.per_second, self.base_window)

    @invariant()
    def the_window_widens_and_relaxes_within_its_bounds(self):
        assert self.schedule.window == pytest.approx(self.window)
        assert self.base_window <= self.schedule.window <= self.max_window

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
        if len(self.unsent) >= self.per_second:
            # Only a send or a release can make room: the head waits for that (after a pause).
            told = self.schedule.wait_for(self.waiting[0], self.now)
            assert told == (
                self.paused_until - self.now if self.now < self.paused_until else math.inf
            )
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
        # The schedule keeps only the latest `per_second` known starts (all that can matter).
        known = min(self.known_in_window(self.now), self.per_second)
        assert stats.started_last_window == known + len(self.unsent)
        assert stats.in_flight == self.running
        assert stats.waiting == len(self.waiting)
        assert stats.paused_for == max(0.0, self.paused_until - self.now)
        assert stats.window == self.schedule.window


ScheduleMachine.TestCase.settings = settings(
    max_examples=150, stateful_step_count=60, deadline=None
)
TestScheduleProperties = pytest.mark.slow(ScheduleMachine.TestCase)


def test_schedule_refuses_a_start_it_did_not_allow():
    schedule = _Schedule(1, 1, 1.0)
    first, second = schedule.enqueue(), schedule.enqueue()
    with pytest.raises(RuntimeError):
        schedule.start(second, 0.0)
    permit = schedule.start(first, 0.0)
    with pytest.raises(RuntimeError):
        schedule.release(permit, 0.0)
        schedule.release(permit, 0.0)


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
    assert limiter.stats() == LimiterStats(0, 0, 0, 0.0, 8, 8, window=1.0)
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
    clock.advance(DEFAULT_WINDOW - 1.0 + 0.001)
    limiter.acquire(timeout=0).release()


# --- A permit's start is when its request left ------------------------------------------------


def test_a_permit_not_yet_sent_holds_the_window_until_it_leaves():
    clock = FakeClock()
    limiter = RateLimiter(1, 8, window=1.0, clock=clock)
    permit = limiter.acquire(until_sent=True)
    clock.advance(5.0)  # e.g. a new connection after a dropped one: still not sent
    with pytest.raises(TimeoutError):
        limiter.acquire(timeout=0)  # it may leave at any moment: it counts as leaving now
    permit.mark_sent()
    assert permit.started_at == clock.value
    clock.advance(0.999)
    with pytest.raises(TimeoutError):
        limiter.acquire(timeout=0)  # the window runs from when it left, not from the grant
    clock.advance(0.001)
    limiter.acquire(timeout=0).release()
    permit.release()


def test_a_permit_released_without_a_send_mark_counts_as_leaving_at_its_release():
    clock = FakeClock()
    limiter = RateLimiter(1, 8, window=1.0, clock=clock)
    permit = limiter.acquire(until_sent=True)
    clock.advance(0.6)
    permit.release()
    permit.mark_sent()  # after the release: ignored
    clock.advance(0.9)
    with pytest.raises(TimeoutError):
        limiter.acquire(timeout=0)
    clock.advance(0.1)
    limiter.acquire(timeout=0).release()


def test_a_second_send_mark_does_not_move_the_start():
    clock = FakeClock()
    limiter = RateLimiter(2, 8, window=1.0, clock=clock)
    permit = limiter.acquire(until_sent=True)
    permit.mark_sent()
    first = permit.started_at
    clock.advance(0.5)
    permit.mark_sent()
    assert permit.started_at == first
    assert limiter.stats().started_last_window == 1
    permit.release()


# --- The margin adapts to limit replies -------------------------------------------------------


def test_a_limit_reply_pauses_everyone_and_widens_the_window_one_step():
    clock = FakeClock()
    limiter = RateLimiter(clock=clock)
    permit = limiter.acquire(until_sent=True)
    permit.mark_sent()
    permit.release()
    limiter.limit_reply(2.0, started_at=permit.started_at)
    stats = limiter.stats()
    assert stats.paused_for == 2.0
    assert stats.window == pytest.approx(DEFAULT_WINDOW + WIDEN_STEP)
    # Replies to requests paced by the narrower window say nothing new: no further step.
    limiter.limit_reply(1.0, started_at=permit.started_at)
    assert limiter.stats().window == pytest.approx(DEFAULT_WINDOW + WIDEN_STEP)
    # A reply to a request sent with the wider window widens it again.
    clock.advance(2.0)
    later = limiter.acquire(until_sent=True)
    later.mark_sent()
    later.release()
    limiter.limit_reply(1.0, started_at=later.started_at)
    assert limiter.stats().window == pytest.approx(DEFAULT_WINDOW + 2 * WIDEN_STEP)


def test_the_window_never_widens_past_its_cap():
    clock = FakeClock()
    limiter = RateLimiter(clock=clock)
    for _ in range(100):
        clock.advance(1.0)
        limiter.limit_reply(0.1, started_at=clock.value)
    assert limiter.stats().window == pytest.approx(MAX_WINDOW)


def test_the_window_relaxes_slowly_after_clean_seconds_back_to_where_it_began():
    clock = FakeClock()
    limiter = RateLimiter(clock=clock)
    limiter.limit_reply(0.5, started_at=clock.value)
    widened = limiter.stats().window
    clock.advance(RELAX_AFTER - 0.5)
    limiter.acquire(timeout=0).release()
    assert limiter.stats().window == widened  # not clean for long enough yet
    clock.advance(0.5)
    limiter.acquire(timeout=0).release()
    assert limiter.stats().window == pytest.approx(widened - RELAX_STEP)
    for _ in range(50):
        clock.advance(RELAX_AFTER)
        limiter.acquire(timeout=0).release()
    assert limiter.stats().window == DEFAULT_WINDOW
