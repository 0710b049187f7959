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

Both are process-wide. `tune_for_gui` is called only by the app's entry point (and the
benchmark that stands in for it). `collector_paused` is the one way the app pauses the
collector: blocks on several threads may overlap, and the collector runs again only once the
last of them ends, and only if it ran before the first began. Nothing is frozen
(`gc.freeze`): a frozen object in a reference cycle would never be collected.
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
