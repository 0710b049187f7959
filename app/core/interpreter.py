"""The Python interpreter, set up for a window that keeps answering while workers compute.

Two things make the GUI thread wait although it has nothing to do itself (measured by
`bench/bench_stalls.py`):

- the GIL: a worker building 50,000 table rows holds it, and every call from Qt into Python
  (a paint asks the model for each cell and header) waits for the worker to hand it over,
  by default every 5 ms: a few dozen such calls and a repaint takes a quarter of a second.
  `tune_for_gui` makes the interpreter switch threads every 0.1 ms instead.
- the cycle collector's sweeps, which hold the GIL while they walk the objects made since
  the last one: a worker building a 100,000-line table would trigger sweeps over its own
  half-built rows again and again and find nothing to free. `collector_paused` keeps the
  sweeps away while such a block runs (the rows hold no reference cycles; reference counting
  frees what is dropped).
- the collector's full sweeps walk every object the app keeps: with a 100,000-line journal
  in the grid, 170-360 ms each (measured: BENCHMARKS.md, stalls), at moments nobody chooses.
  `keep_long_lived` moves what is alive now (a table the window just took in) out of their
  way (`gc.freeze`; 60 ms at most then). A frozen object in a reference cycle is never
  collected while it stays frozen, so the window that froze it undoes it when it closes
  (`let_go_of_long_lived`): from then on the collector frees such cycles again.
- a long run that keeps building (a firm's plan posting for minutes, the sandbox holding
  tens of thousands of saved vouchers) would still set off a full sweep every few seconds,
  each walking all of it (0.2-0.75 s, measured: BENCHMARKS.md, month-end for a whole firm).
  `full_sweeps_rare` makes full sweeps a hundred times rarer while such a run lasts; the
  young generations are swept as usual, so cycles a request leaves behind are still freed
  within milliseconds, and the thresholds are put back when the last such run ends.

All are process-wide. `tune_for_gui` is called only by the app's entry point (and the
benchmark that stands in for it); freezing only by the window (app/ui), which undoes it.
`collector_paused` is the one way the app pauses the collector, and `full_sweeps_rare` the
one way it changes its thresholds: blocks on several threads may overlap, and what they
changed is put back only once the last of them ends (as it was before the first began).
"""

from __future__ import annotations

import contextlib
import gc
import sys
import threading
from collections.abc import Iterator
from typing import Final

GIL_SWITCH_SECONDS: Final = 0.0001


def tune_for_gui() -> None:
    """Hand the GIL between threads every 0.1 ms, so the GUI thread never waits long. (A
    thread that runs alone is not interrupted: the interval only matters when another
    thread waits for the GIL.)"""
    sys.setswitchinterval(GIL_SWITCH_SECONDS)


def keep_long_lived() -> None:
    """Everything alive now stays alive a while (a table the window just took in): keep the
    collector's full sweeps from walking it again and again, until `let_go_of_long_lived`.
    Cheap (no objects are walked)."""
    gc.freeze()


def let_go_of_long_lived() -> None:
    """What `keep_long_lived` froze goes back to the collector (the window that kept it is
    closing): reference cycles among it are freed by the next full collection."""
    gc.unfreeze()


_pauses = 0
_enable_after = False  # whether the collector ran before the first pause began
_pauses_lock = threading.Lock()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cycle-collector sweeps while this block builds many small objects without cycles
    (on a worker); the collector runs again once the last such block, on any thread, ends."""
    global _pauses, _enable_after
    with _pauses_lock:
        if _pauses == 0:
            _enable_after = gc.isenabled()
        _pauses += 1
        gc.disable()
    try:
        yield
    finally:
        with _pauses_lock:
            _pauses -= 1
            if _pauses == 0 and _enable_after:
                gc.enable()


# Full sweeps run when this many younger sweeps have passed (CPython's default is 10) and the
# objects that survived into the oldest generation since the last full sweep are over a
# quarter of it: 100x rarer is a full sweep every few minutes of heavy posting, not seconds.
RARE_FULL_SWEEPS: Final = 1000

_rare_runs = 0
_thresholds_before: tuple[int, int, int] = (700, 10, 10)
_rare_lock = threading.Lock()


@contextlib.contextmanager
def full_sweeps_rare() -> Iterator[None]:
    """Full (oldest-generation) sweeps are rare while this block runs (a long run that keeps
    much alive); young sweeps go on as usual. The thresholds are put back once the last such
    block, on any thread, ends."""
    global _rare_runs, _thresholds_before
    with _rare_lock:
        if _rare_runs == 0:
            _thresholds_before = gc.get_threshold()
            young, middle, _full = _thresholds_before
            gc.set_threshold(young, middle, max(_full, RARE_FULL_SWEEPS))
        _rare_runs += 1
    try:
        yield
    finally:
        with _rare_lock:
            _rare_runs -= 1
            if _rare_runs == 0:
                gc.set_threshold(*_thresholds_before)
