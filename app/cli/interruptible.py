"""Long command-line work on a worker thread, so Ctrl-C stops it cleanly: the main thread
only waits, and the first Ctrl-C asks the work to stop (requests under way finish, what was
sent stays recorded) and keeps waiting for it to end."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

Result = TypeVar("Result")


def run_interruptible(
    work: Callable[[], Result], on_interrupt: Callable[[], None], *, name: str
) -> Result:
    """`work()` on a worker thread; its result, or its error raised here. `on_interrupt` runs
    on the main thread at Ctrl-C (set the work's cancel event, say that it is stopping)."""
    finished = threading.Event()
    outcome: list[Result] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as error:  # handed to the main thread
            errors.append(error)
        finally:
            finished.set()

    # Waiting on an Event, not Thread.join: a join interrupted by Ctrl-C can report the
    # thread as ended while it still runs (CPython 3.11), and the result would be lost.
    threading.Thread(target=run, name=name, daemon=True).start()
    try:
        while not finished.wait(0.2):
            pass
    except KeyboardInterrupt:
        on_interrupt()
        while not finished.wait(0.2):
            pass
    if errors:
        raise errors[0]
    return outcome[0]
