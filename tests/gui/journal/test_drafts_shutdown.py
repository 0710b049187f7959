"""A draft write the workers have not started yet when the window stops (every worker busy,
as on a loaded machine) is not lost: it runs on the way out, so the next start restores the
last edit. The workers are held here instead of being made slow: the test decides that the
write has not started, no timing involved."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any

import pytest

from app.core.grid.columns import Column
from tests.helpers.draft_windows import (
    WAIT_MS,
    click,
    quick,
    restore_box,
    type_entry,
    wait_for_draft,
)
from tests.helpers.grid_pages import type_in_cell

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


class HeldExecutor(Executor):
    """A pool whose tasks submitted while `holding` stay queued, not started, until
    `release` (as when every worker is busy elsewhere); a queued task cancelled meanwhile
    never runs."""

    def __init__(self, pool: ThreadPoolExecutor) -> None:
        self._pool = pool
        self.holding = False
        self.queued: list[tuple[Future[Any], Callable[[], Any]]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        if not self.holding:
            return self._pool.submit(fn, *args, **kwargs)
        future: Future[Any] = Future()
        future.add_done_callback(_notify_if_cancelled)
        self.queued.append((future, lambda: fn(*args, **kwargs)))
        return future

    def release(self) -> None:
        self.holding = False
        queued, self.queued = self.queued, []
        for future, call in queued:
            if not future.cancelled() and future.set_running_or_notify_cancel():
                self._pool.submit(_run, future, call)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.release()


def _notify_if_cancelled(future: Future[Any]) -> None:
    """A queued task cancelled: done for whoever waits, as a pool's worker would tell on
    reaching it (it is never run)."""
    if future.cancelled():
        future.set_running_or_notify_cancel()


def _run(future: Future[Any], call: Callable[[], Any]) -> None:
    try:
        future.set_result(call())
    except BaseException as error:  # handed to whoever waits, as a pool does
        future.set_exception(error)


@pytest.fixture
def held(executor: ThreadPoolExecutor) -> Iterator[HeldExecutor]:
    pool = HeldExecutor(executor)
    yield pool
    pool.release()


def test_a_draft_write_not_started_when_the_window_stops_is_written_on_the_way_out(
    qtbot, make_window, held
):
    first = quick(make_window(executor=held))
    type_entry(qtbot, first, "JU-1", "75.000")
    wait_for_draft(qtbot, first, 1)
    held.holding = True  # every worker busy from now on
    type_in_cell(qtbot, first.journal_page, 1, Column.MEMO, "Bank BCA")
    qtbot.waitUntil(lambda: len(held.queued) == 1, timeout=WAIT_MS)  # the write, waiting
    held.holding = False  # the write stays queued; what comes next may run
    first.shutdown()  # the app stopped without asking (a logout) before a worker was free
    held.release()
    assert first.drafts.store.load().entries[0].lines[1].memo == "Bank BCA"

    again = make_window(executor=held)
    with qtbot.waitSignal(again.drafts.restored, timeout=WAIT_MS):
        click(qtbot, restore_box(qtbot, again), "Pulihkan")
    assert again.journal_page.model.text(1, Column.MEMO) == "Bank BCA"
