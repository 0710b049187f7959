"""The machine's rate-limit ledger: every process's starts and open permits for a token,
decided and recorded in one transaction; a dead process's permits freed; a ledger that cannot
be used never stops a request."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import textwrap

from app.api.machine_permits import POLL_SECONDS, Limits, MachinePermits
from app.api.ratelimit import DEFAULT_WINDOW, LimiterRegistry

LIMITS = Limits(per_second=8, max_in_flight=8, window=DEFAULT_WINDOW)


class Clock:
    """Seconds set by the test (exact binary fractions around 0, so no rounding)."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _take(ledger: MachinePermits, *, until_sent: bool = False) -> int | None:
    permit, _wait = ledger.take("token-key", LIMITS, until_sent=until_sent)
    return permit


def test_two_processes_ledgers_share_one_window_of_eight_starts(tmp_path):
    clock = Clock()
    window, other = MachinePermits(tmp_path, clock=clock), MachinePermits(tmp_path, clock=clock)
    for turn in range(8):
        permit = _take(window if turn % 2 else other)
        assert permit is not None
        (window if turn % 2 else other).release(permit)
    permit, wait = window.take("token-key", LIMITS, until_sent=False)
    assert permit is None and 0 < wait <= POLL_SECONDS  # a 9th in the same window: not yet
    assert other.take("another-token", LIMITS, until_sent=False)[0] is not None
    clock.now = 1.0
    assert _take(other) is None  # the service's second (and its margin) is not over
    clock.now = DEFAULT_WINDOW
    assert _take(other) is not None


def test_a_permit_not_yet_sent_counts_as_starting_now_until_it_is_sent(tmp_path):
    clock = Clock()
    sender, other = MachinePermits(tmp_path, clock=clock), MachinePermits(tmp_path, clock=clock)
    clock.now = -5.0
    unsent = [_take(sender, until_sent=True) for _ in range(8)]
    clock.now = 0.0  # long after they were granted: they may still leave at any moment
    assert _take(other) is None
    for permit in unsent:
        sender.sent(permit)
        sender.release(permit)
    assert _take(other) is None  # they left now: the window counts from here
    clock.now = DEFAULT_WINDOW
    assert _take(other) is not None


def test_eight_in_flight_anywhere_hold_back_a_ninth(tmp_path):
    clock = Clock()
    sender, other = MachinePermits(tmp_path, clock=clock), MachinePermits(tmp_path, clock=clock)
    held = [_take(sender) for _ in range(8)]
    clock.now = 10.0
    assert _take(other) is None
    sender.release(held[0])
    assert _take(other) is not None


HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from app.api.machine_permits import Limits, MachinePermits
    ledger = MachinePermits(Path(sys.argv[1]))
    for _ in range(8):
        assert ledger.take("token-key", Limits(8, 8, 1.03), until_sent=True)[0] is not None
    print("held", flush=True)
    time.sleep(120)
    """
)


def test_the_permits_of_a_killed_process_are_freed_long_before_they_expire(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        ledger = MachinePermits(tmp_path)
        assert _take(ledger) is None  # 8 in flight in another process
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
        limiter = LimiterRegistry(shared_folder=tmp_path).for_token("aat.x")
        # The dead process's permits are closed once its lock is found free: well within
        # this timeout, while they would expire only after PERMIT_EXPIRY (10 minutes).
        limiter.acquire(timeout=30).release()
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


def test_a_ledger_that_cannot_be_used_lets_the_process_pace_itself_alone(tmp_path, caplog):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    limiter = LimiterRegistry(shared_folder=blocked).for_token("aat.x")
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            limiter.acquire(timeout=5).release()
    warnings = [r for r in caplog.records if "rate-limit ledger" in r.getMessage()]
    assert len(warnings) == 1


def test_the_ledger_never_holds_the_token_itself(tmp_path):
    limiter = LimiterRegistry(shared_folder=tmp_path).for_token("aat.very-secret-token")
    limiter.acquire().release()
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert b"very-secret-token" not in path.read_bytes()


def test_a_slow_down_seen_by_one_process_pauses_every_process_using_the_token(tmp_path):
    clock = Clock()
    told, other = MachinePermits(tmp_path, clock=clock), MachinePermits(tmp_path, clock=clock)
    told.pause("token-key", 2.0)
    told.pause("token-key", 1.0)  # a shorter pause never shortens a running one
    clock.now = 1.5
    assert _take(other) is None
    assert other.take("another-token", LIMITS, until_sent=False)[0] is not None
    clock.now = 2.0
    assert _take(other) is not None
