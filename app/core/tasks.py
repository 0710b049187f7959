"""What a piece of work running off the caller's thread shares with whoever waits for it.

Plain Python (no Qt), so the command line, the window's workers and the engine use the same
object, and a worker function is tested with a `TaskState()` of its own:

- the cancel flag (`cancel`, a `threading.Event` handed down to every wait);
- progress (`set_progress(done, total, text)`), reported on every call;
- a partial result (`set_partial_result(value)`): a one-slot mailbox. The worker may put a
  value as often as it likes; the consumer is woken only when the slot was empty, and takes
  the latest value (`take_partial_result`). Values put meanwhile replace each other, so a
  slow consumer sees fewer, newer values, never a backlog. `update_partial_result` merges a
  new value into one not taken yet (for values that are changes, such as rows).

`Deadline` is one time limit shared by several waits: a window closing waits for all its
workers together at most that long, not that long for each; an HTTP request's connect,
retries, waits and answer all share one (`app.api.deadlines`).

Modelled on Orange's `TaskState` (orange3's `Orange/widgets/utils/concurrent.py`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, TypeAlias

from app.core.i18n import Text

Clock = Callable[[], float]
StepCallback = Callable[[int, int], None]  # (done, total): `TaskState.set_progress` is one


@dataclass(frozen=True, slots=True)
class TaskProgress:
    """How far a task is: `done` of `total` steps, with an optional line of text."""

    done: int
    total: int
    text: Text | str = ""

    @property
    def fraction(self) -> float:
        return min(1.0, self.done / self.total) if self.total > 0 else 0.0


class TaskCancelled(Exception):
    """Raised by `TaskState.check()` in a task that was cancelled."""


class _Empty:
    """The partial-result slot holds nothing (None is a value a worker may put)."""


EMPTY: Final = _Empty()


class TaskState:
    """What a worker function receives: the cancel event, progress and partial results.

    `report` receives every `TaskProgress`; `wake` is called (on the worker's thread) when a
    partial result arrives in an empty slot. Nothing is reported once the task is cancelled.
    """

    def __init__(
        self,
        report: Callable[[TaskProgress], None] | None = None,
        *,
        wake: Callable[[], None] | None = None,
    ) -> None:
        self.cancel = threading.Event()
        self._report = report
        self._wake = wake
        self._lock = threading.Lock()
        self._partial: Any = EMPTY

    @property
    def cancelled(self) -> bool:
        return self.cancel.is_set()

    def check(self) -> None:
        """Raise `TaskCancelled` when the task was cancelled: call between steps."""
        if self.cancel.is_set():
            raise TaskCancelled

    def set_progress(self, done: int, total: int, text: Text | str = "") -> None:
        if self._report is not None and not self.cancel.is_set():
            self._report(TaskProgress(done, total, text))

    def set_partial_result(self, value: Any) -> None:
        """Offer the latest partial result (replacing one not taken yet). Cheap: call often."""
        self.update_partial_result(lambda _pending: value)

    def update_partial_result(self, merge: Callable[[Any], Any]) -> None:
        """Put `merge(pending)` in the slot, where `pending` is the value not taken yet (or
        `EMPTY`). `merge` runs under the slot's lock: keep it short."""
        with self._lock:
            was_empty = self._partial is EMPTY
            self._partial = merge(self._partial)
        if was_empty and self._wake is not None and not self.cancel.is_set():
            self._wake()

    def take_partial_result(self) -> Any:
        """The latest partial result, emptying the slot; `EMPTY` when there is none."""
        with self._lock:
            value, self._partial = self._partial, EMPTY
        return value


class Deadline:
    """One time limit for several waits: each gets what is left of it."""

    def __init__(self, seconds: float | None, *, clock: Clock = time.monotonic) -> None:
        self._clock = clock
        self._end = None if seconds is None else clock() + max(0.0, seconds)

    @classmethod
    def of(cls, timeout: Timeout, *, clock: Clock = time.monotonic) -> Deadline:
        """`timeout` as a deadline: seconds from now, or the deadline itself (shared)."""
        return timeout if isinstance(timeout, Deadline) else cls(timeout, clock=clock)

    def remaining(self) -> float | None:
        """Seconds left (0 once it has passed); None for no limit."""
        if self._end is None:
            return None
        return max(0.0, self._end - self._clock())

    @property
    def passed(self) -> bool:
        left = self.remaining()
        return left is not None and left <= 0


Timeout: TypeAlias = float | Deadline | None


class Pacer:
    """When the next partial result may be delivered: at most one per `interval` seconds,
    the first at once. Used on the consumer's side (the GUI thread)."""

    def __init__(self, interval: float, *, clock: Clock = time.monotonic) -> None:
        self.interval = interval
        self._clock = clock
        self._last: float | None = None

    def delay(self) -> float:
        """Seconds to wait before the next delivery (0: deliver now)."""
        if self._last is None:
            return 0.0
        return max(0.0, self._last + self.interval - self._clock())

    def delivered(self) -> None:
        self._last = self._clock()
