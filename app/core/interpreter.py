"""The Python interpreter, set up for a window that keeps answering while workers compute.

Two things make the GUI thread wait although it has nothing to do itself (measured by
`bench/bench_stalls.py`):

- the GIL: a worker building 50,000 table rows holds it, and every call from Qt into Python
  (a paint asks the model for each cell and header) waits for the worker to hand it over,
  by default every 5 ms: a few dozen such calls and a repaint takes a quarter of a second.
  `tune_for_gui` makes the interpreter switch threads every 0.1 ms instead.
- the cycle collector's full sweeps, which hold the GIL while they walk every object the
  app keeps: with a 100,000-line journal in the grid, 100-300 ms each, at moments nobody
  chooses. `keep_long_lived` moves what is alive now (a table just shown) out of their way
  (`gc.freeze`): later sweeps walk only what came after. Reference counting still frees
  those objects when they are dropped; they must simply not hold reference cycles.

  While a worker builds such a table, `collector_paused` keeps the sweeps from walking it
  half-built, and freezes what it built when it ends, so the first collection afterwards
  does not walk it either (the rows hold no cycles; reference counting frees what is
  dropped).

All three are process-wide, so only the app's entry point (and the benchmark that stands in
for it) calls `tune_for_gui`; the other two are harmless anywhere.
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
    collector's full sweeps from walking it again and again. Cheap (no objects are walked)."""
    gc.freeze()


_pauses = 0
_enable_after = False  # whether the collector ran before the first pause began
_pauses_lock = threading.Lock()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cycle-collector sweeps while this block builds many small objects without cycles
    (on a worker); the collector runs again once the last such block ends."""
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
                # What the block built is alive and stays (it is handed to the window):
                # frozen, it is not walked by the first collection after the pause either.
                gc.freeze()
                gc.enable()
