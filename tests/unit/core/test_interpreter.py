"""The cycle collector's one pause (`app.core.interpreter.collector_paused`) and its rare full
sweeps (`full_sweeps_rare`): counted across threads, put back when the last ends, and leaving
nothing frozen, so reference cycles made meanwhile are still freed."""

from __future__ import annotations

import ast
import gc
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.interpreter import RARE_FULL_SWEEPS, collector_paused, full_sweeps_rare
from tests.helpers.paths import ROOT

APP = ROOT / "app"


@pytest.fixture(autouse=True)
def collector_running() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if was_enabled:  # a test that turned it off leaves it as it found it
        gc.enable()
    else:
        gc.disable()


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_two_overlapping_pauses_on_two_threads_keep_the_collector_off_until_both_end() -> None:
    first_in, second_in, first_may_end, first_ended = (threading.Event() for _ in range(4))
    seen: dict[str, bool] = {}

    def first() -> None:
        with collector_paused():
            first_in.set()
            first_may_end.wait(10)
        first_ended.set()

    def second() -> None:
        first_in.wait(10)
        with collector_paused():
            second_in.set()
            first_ended.wait(10)
            seen["after the first ended"] = gc.isenabled()
        seen["after both ended"] = gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    second_in.wait(10)
    seen["while both run"] = gc.isenabled()
    first_may_end.set()
    for thread in threads:
        thread.join(10)
    assert seen == {
        "while both run": False,
        "after the first ended": False,
        "after both ended": True,
    }


def test_a_pause_leaves_the_collector_off_when_it_was_off_before() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_a_cycle_made_during_a_pause_is_freed_after_it() -> None:
    gc.unfreeze()
    with collector_paused():
        cycle = _Cycle()
    alive = weakref.ref(cycle)
    del cycle
    gc.collect()
    assert alive() is None
    assert gc.get_freeze_count() == 0


def test_two_overlapping_long_runs_keep_full_sweeps_rare_until_both_end() -> None:
    before = gc.get_threshold()
    first_in, second_in, first_may_end, first_ended = (threading.Event() for _ in range(4))
    seen: dict[str, int] = {}

    def first() -> None:
        with full_sweeps_rare():
            first_in.set()
            first_may_end.wait(10)
        first_ended.set()

    def second() -> None:
        first_in.wait(10)
        with full_sweeps_rare():
            second_in.set()
            first_ended.wait(10)
            seen["after the first ended"] = gc.get_threshold()[2]
        seen["after both ended"] = gc.get_threshold()[2]

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    second_in.wait(10)
    seen["while both run"] = gc.get_threshold()[2]
    first_may_end.set()
    for thread in threads:
        thread.join(10)
    assert seen == {
        "while both run": RARE_FULL_SWEEPS,
        "after the first ended": RARE_FULL_SWEEPS,
        "after both ended": before[2],
    }
    assert gc.get_threshold() == before


def test_a_long_run_changes_only_the_full_sweeps_and_puts_back_what_was_set() -> None:
    before = gc.get_threshold()
    gc.set_threshold(500, 7, 12)
    try:
        with full_sweeps_rare():
            assert gc.get_threshold() == (500, 7, RARE_FULL_SWEEPS)
        assert gc.get_threshold() == (500, 7, 12)
    finally:
        gc.set_threshold(*before)


def test_a_cycle_made_during_a_long_run_is_freed_by_a_young_sweep_while_it_lasts() -> None:
    with full_sweeps_rare():
        cycle = _Cycle()
        alive = weakref.ref(cycle)
        del cycle
        gc.collect(0)  # the youngest generation only, as the collector runs it every 700 objects
        assert alive() is None
    assert gc.get_freeze_count() == 0


def test_only_the_interpreter_module_pauses_or_freezes_the_collector() -> None:
    """One counted, locked pause: a second, uncounted one could turn the collector back on
    while another thread's pause still runs."""
    touching = sorted(
        str(path.relative_to(APP.parent))
        for path in APP.rglob("*.py")
        if path.name != "interpreter.py" and _calls_gc_switch(path)
    )
    assert touching == []


def _calls_gc_switch(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "gc"
            and node.attr in {"disable", "enable", "freeze", "unfreeze", "set_threshold"}
        ):
            return True
    return False
