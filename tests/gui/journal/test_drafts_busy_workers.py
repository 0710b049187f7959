"""Draft writes that wait for a worker (every worker busy, as on a loaded machine) are not
lost: one still waiting when the window stops runs on the way out, so the next start restores
the last edit; one a newer write overtakes still does what it does besides writing (setting a
company's earlier draft aside). The workers are held here instead of being made slow: the
test decides that a write has not started, no timing involved."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any

import pytest

from app.core.grid.columns import Column
from app.drafts.file import Draft
from app.drafts.folder import REPLACED, DraftStore, drafts_of
from app.setup.demo import DEMO_NAMES
from tests.helpers.draft_windows import (
    WAIT_MS,
    choose,
    click,
    on_company,
    quick,
    restore_box,
    switch_box,
    type_entry,
    wait_for_draft,
)
from tests.helpers.grid_pages import month_of_entries, snapshot, type_in_cell

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


def test_taking_work_along_while_the_workers_are_busy_still_sets_the_earlier_draft_aside(
    qtbot, make_window, held
):
    accurate_name, sempoa_name = DEMO_NAMES
    window = quick(make_window(executor=held))
    sempoa = drafts_of(window.home, sempoa_name)
    sempoa.save(Draft(month_of_entries(3), company=sempoa_name), 0)  # Sempoa's earlier draft
    on_company(qtbot, window, accurate_name)
    qtbot.waitUntil(lambda: not window.drafts.offering, timeout=WAIT_MS)
    type_entry(qtbot, window, "JU-1", "1.500.000")
    wait_for_draft(qtbot, window, 1)
    choose(qtbot, window, 1)
    held.holding = True  # every worker busy from now on
    click(qtbot, switch_box(qtbot, window), f"Bawa ke {sempoa_name}")
    qtbot.waitUntil(lambda: len(held.queued) == 1, timeout=WAIT_MS)  # the move, waiting
    type_in_cell(qtbot, window.journal_page, 1, Column.MEMO, "Bank BCA")  # typed on meanwhile
    qtbot.waitUntil(lambda: len(held.queued) == 2, timeout=WAIT_MS)  # the newer write
    with qtbot.waitSignal(window.drafts.saved, timeout=WAIT_MS):
        held.release()
    typed = [snapshot(entry) for entry in window.journal_page.entries()]
    assert [snapshot(entry) for entry in sempoa.load().entries] == typed
    (earlier,) = sempoa.aside(REPLACED)  # kept whole beside it, not overwritten
    assert len(DraftStore(window.home, earlier.stem).load().entries) == 3
    assert not drafts_of(window.home, accurate_name).exists()  # the work moved, all of it
