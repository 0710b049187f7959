"""TaskRunner: work runs on the executor, outcomes arrive on the GUI thread, a new task cancels
the previous one, nothing from a cancelled task reaches the window, partial results arrive
coalesced, and a window's runners shut down within one deadline."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from PySide6.QtCore import QObject, Signal

from app.core.i18n import JurnalError, tr
from app.core.tasks import EMPTY, Deadline, Pacer, TaskProgress
from app.ui.common.tasks import Runners, TaskCancelled, TaskRunner, TaskState

WAIT_MS = 5000
GATE_SECONDS = 5  # a blocked test worker gives up after this, so nothing can hang


@pytest.fixture
def runner(qtbot, executor) -> Iterator[TaskRunner]:
    task_runner = TaskRunner(executor)
    yield task_runner
    task_runner.shutdown(timeout=GATE_SECONDS)


class Recorder:
    """Everything a runner delivers, and on which thread."""

    def __init__(self, runner: TaskRunner) -> None:
        self.results: list[object] = []
        self.errors: list[BaseException] = []
        self.progress: list[TaskProgress] = []
        self.partial: list[object] = []
        self.busy: list[bool] = []
        self.threads: set[threading.Thread] = set()
        runner.result_ready.connect(lambda value: self._add(self.results, value))
        runner.error_raised.connect(lambda error: self._add(self.errors, error))
        runner.progress_changed.connect(lambda step: self._add(self.progress, step))
        runner.partial_result_ready.connect(lambda value: self._add(self.partial, value))
        runner.busy_changed.connect(lambda busy: self._add(self.busy, busy))

    def _add(self, bucket: list, value: object) -> None:
        self.threads.add(threading.current_thread())
        bucket.append(value)


def test_result_is_computed_on_a_worker_and_delivered_on_the_gui_thread(qtbot, runner):
    seen = Recorder(runner)
    worker_threads = []

    def work(a: int, b: int, state: TaskState) -> int:
        worker_threads.append(threading.current_thread())
        return a + b

    with qtbot.waitSignal(runner.result_ready, timeout=WAIT_MS):
        runner.start(work, 2, 3)
    assert seen.results == [5]
    assert worker_threads[0] is not threading.main_thread()
    assert seen.threads == {threading.main_thread()}
    assert seen.busy == [True, False]
    assert not runner.busy


def test_an_error_is_delivered_as_the_exception_raised(qtbot, runner):
    seen = Recorder(runner)
    problem = JurnalError(tr("Token ditolak."))

    def work(state: TaskState) -> None:
        raise problem

    with qtbot.waitSignal(runner.error_raised, timeout=WAIT_MS):
        runner.start(work)
    assert seen.errors == [problem]
    assert seen.results == []


def test_progress_arrives_in_order_before_the_result(qtbot, runner):
    seen = Recorder(runner)

    def work(state: TaskState) -> str:
        for step in range(1, 4):
            state.set_progress(step, 3, f"langkah {step}")
        return "selesai"

    with qtbot.waitSignal(runner.result_ready, timeout=WAIT_MS):
        runner.start(work)
    assert [(p.done, p.total, p.text) for p in seen.progress] == [
        (1, 3, "langkah 1"),
        (2, 3, "langkah 2"),
        (3, 3, "langkah 3"),
    ]
    assert seen.progress[-1].fraction == 1.0
    assert seen.results == ["selesai"]


def test_starting_a_task_cancels_the_previous_one_and_drops_its_result(qtbot, runner):
    seen = Recorder(runner)
    first_started = threading.Event()

    def slow(state: TaskState) -> str:
        first_started.set()
        state.cancel.wait(GATE_SECONDS)  # like an HTTP call that honours its cancel event
        return "old"

    def fast(state: TaskState) -> str:
        return "new"

    first = runner.start(slow)
    assert first_started.wait(GATE_SECONDS)
    with qtbot.waitSignal(runner.result_ready, timeout=WAIT_MS):
        runner.start(fast)
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=WAIT_MS)
    assert first.result() == "old"  # it ran to its end, cut short by the cancel event
    assert seen.results == ["new"]
    assert seen.busy == [True, False]  # one busy period across both tasks


def test_a_cancelled_task_delivers_nothing_and_its_result_is_released(qtbot, runner):
    seen = Recorder(runner)
    gate = threading.Event()
    released: list[str] = []

    def opens_something(state: TaskState) -> str:
        gate.wait(GATE_SECONDS)
        return "resource"

    runner.start(opens_something, discard=released.append)
    runner.cancel()
    gate.set()
    qtbot.waitUntil(lambda: released == ["resource"], timeout=WAIT_MS)
    assert runner.pending == 0
    assert seen.results == [] and seen.errors == []
    assert seen.busy == [True, False]


def test_a_task_that_gives_up_with_task_cancelled_delivers_nothing(qtbot, runner):
    seen = Recorder(runner)
    started, gate = threading.Event(), threading.Event()

    def steps(state: TaskState) -> str:
        started.set()
        gate.wait(GATE_SECONDS)
        state.check()
        return "never"

    runner.start(steps)
    assert started.wait(GATE_SECONDS)
    runner.cancel()
    gate.set()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=WAIT_MS)
    assert seen.results == [] and seen.errors == []


def test_a_task_cancelled_before_a_worker_is_free_never_runs(qtbot):
    with ThreadPoolExecutor(max_workers=1) as pool:
        busy_runner, waiting_runner = TaskRunner(pool), TaskRunner(pool)
        gate, ran = threading.Event(), threading.Event()
        busy_runner.start(lambda state: gate.wait(GATE_SECONDS))
        queued = waiting_runner.start(lambda state: ran.set())
        waiting_runner.cancel()
        gate.set()
        assert busy_runner.shutdown(GATE_SECONDS)
        assert waiting_runner.shutdown(GATE_SECONDS)
        assert queued.cancelled()
        assert not ran.is_set()


def test_shutdown_waits_for_running_work_releases_its_result_and_refuses_more(qtbot, runner):
    seen = Recorder(runner)
    started = threading.Event()
    released: list[str] = []

    def work(state: TaskState) -> str:
        started.set()
        state.cancel.wait(GATE_SECONDS)
        return "sandbox"

    future = runner.start(work, discard=released.append)
    assert started.wait(GATE_SECONDS)
    assert runner.shutdown(timeout=GATE_SECONDS)
    assert future.done()
    assert released == ["sandbox"]
    assert runner.pending == 0
    with pytest.raises(RuntimeError):
        runner.start(work)
    qtbot.wait(10)  # let the queued delivery arrive: it must be ignored
    assert seen.results == []


def test_the_runner_refuses_calls_from_a_worker_thread(qtbot, runner, executor):
    future = executor.submit(runner.start, lambda state: None)
    with pytest.raises(RuntimeError):
        future.result(GATE_SECONDS)


def test_task_state_is_plain_python_for_testing_worker_functions():
    reported: list[TaskProgress] = []
    state = TaskState(reported.append)
    state.set_progress(1, 4, "akun")
    state.check()
    state.cancel.set()
    state.set_progress(2, 4)  # nobody is listening any more
    assert state.cancelled
    assert reported == [TaskProgress(1, 4, "akun")]
    assert reported[0].fraction == 0.25
    with pytest.raises(TaskCancelled):
        state.check()
    assert TaskProgress(0, 0).fraction == 0.0
    TaskState().set_progress(1, 1)  # no reporter: ignored


def test_partial_results_offered_faster_than_the_gui_takes_them_arrive_as_the_latest_one(
    qtbot, runner
):
    seen = Recorder(runner)
    partial_before_result: list[int] = []
    runner.result_ready.connect(lambda _value: partial_before_result.append(len(seen.partial)))

    def work(state: TaskState) -> str:
        for value in range(1, 10_001):
            state.set_partial_result(value)
        return "selesai"

    future = runner.start(work)
    assert future.result(GATE_SECONDS) == "selesai"  # the GUI thread took nothing meanwhile
    with qtbot.waitSignal(runner.result_ready, timeout=WAIT_MS):
        pass
    assert seen.partial == [10_000]  # 10,000 offers, one delivery: the last value
    assert partial_before_result == [1]  # and it came before the result
    assert seen.threads == {threading.main_thread()}


def test_partial_results_the_gui_keeps_up_with_all_arrive_in_order(qtbot, runner):
    seen = Recorder(runner)
    taken = threading.Semaphore(0)
    runner.partial_result_ready.connect(lambda _value: taken.release())

    def work(state: TaskState) -> None:
        for value in ("akun", "cabang", "jurnal"):
            state.set_partial_result(value)
            assert taken.acquire(timeout=GATE_SECONDS)  # wait until the GUI has it

    with qtbot.waitSignal(runner.busy_changed, timeout=WAIT_MS, check_params_cb=lambda b: not b):
        runner.start(work)
    assert seen.partial == ["akun", "cabang", "jurnal"]


def test_a_cancelled_task_delivers_no_partial_result(qtbot, runner):
    seen = Recorder(runner)
    started, gate = threading.Event(), threading.Event()

    def work(state: TaskState) -> None:
        started.set()
        gate.wait(GATE_SECONDS)
        state.set_partial_result("stale")

    runner.start(work)
    assert started.wait(GATE_SECONDS)
    runner.cancel()
    gate.set()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=WAIT_MS)
    qtbot.wait(10)
    assert seen.partial == []


def test_the_partial_result_slot_keeps_the_latest_value_and_wakes_only_when_empty():
    wakes: list[int] = []
    state = TaskState(wake=lambda: wakes.append(1))
    assert state.take_partial_result() is EMPTY
    state.set_partial_result(None)  # None is a value like any other
    state.set_partial_result(1)
    state.update_partial_result(lambda pending: [pending, 2])  # merged into the one not taken
    assert len(wakes) == 1
    assert state.take_partial_result() == [1, 2]
    assert state.take_partial_result() is EMPTY
    state.set_partial_result(3)
    assert len(wakes) == 2  # the slot was empty again
    state.take_partial_result()
    state.cancel.set()
    state.set_partial_result(4)
    assert len(wakes) == 2  # nobody is listening any more


def test_partial_results_are_paced_to_one_per_interval():
    now = [100.0]
    pacer = Pacer(0.08, clock=lambda: now[0])
    assert pacer.delay() == 0.0  # the first at once
    pacer.delivered()
    now[0] += 0.03
    assert pacer.delay() == pytest.approx(0.05)
    now[0] += 0.05
    assert pacer.delay() == 0.0
    pacer.delivered()
    now[0] += 10
    assert pacer.delay() == 0.0


# --- one deadline for a window's runners -------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_deadline_is_shared_by_the_waits_that_use_it():
    clock = FakeClock()
    deadline = Deadline(10.0, clock=clock)
    assert deadline.remaining() == 10.0
    clock.now += 4
    assert Deadline.of(deadline) is deadline
    assert deadline.remaining() == 6.0 and not deadline.passed
    clock.now += 7
    assert deadline.remaining() == 0.0 and deadline.passed
    assert Deadline.of(None).remaining() is None  # no limit
    assert Deadline.of(2.5, clock=clock).remaining() == 2.5


def test_a_window_with_several_busy_runners_closes_within_one_deadline(qtbot, monkeypatch):
    """Each of three stuck workers would take the whole deadline: the first wait gets all of
    it, the others what is left (nothing), so closing waits one deadline, not three."""
    clock = FakeClock()
    states: list[TaskState] = []
    waited: list[tuple[float | None, list[bool]]] = []

    def wait_runs_out(runner: TaskRunner, timeout=None) -> bool:
        seconds = Deadline.of(timeout, clock=clock).remaining()
        waited.append((seconds, [state.cancelled for state in states]))
        clock.now += seconds or 0.0  # the worker did not finish in time
        return False

    window = QObject()
    executor = ThreadPoolExecutor(max_workers=3)
    group = Runners(executor, window)
    runners = [group.new(), group.new(), group.new()]
    gate = threading.Event()
    started = threading.Semaphore(0)

    def stuck(state: TaskState) -> None:
        states.append(state)
        started.release()
        gate.wait(GATE_SECONDS)

    for runner in runners:
        runner.start(stuck)
    for _ in runners:
        assert started.acquire(timeout=GATE_SECONDS)
    assert group.busy
    monkeypatch.setattr(TaskRunner, "wait", wait_runs_out)
    began = clock.now
    assert not group.shutdown(Deadline(10.0, clock=clock))
    assert clock.now - began == 10.0
    # Every task was told to stop before the first wait, so they all wind down together.
    assert waited == [(10.0, [True] * 3), (0.0, [True] * 3), (0.0, [True] * 3)]
    assert not group.busy
    monkeypatch.undo()
    gate.set()
    assert all([runner.wait(GATE_SECONDS) for runner in runners])
    executor.shutdown(wait=True)


def test_groups_sharing_a_deadline_wait_at_most_it_in_total(qtbot, executor, monkeypatch):
    clock = FakeClock()
    waited: list[float | None] = []

    def wait_runs_out(runner: TaskRunner, timeout=None) -> bool:
        seconds = Deadline.of(timeout, clock=clock).remaining()
        waited.append(seconds)
        clock.now += min(seconds or 0.0, 3.0)  # each worker ends after 3 s
        return True

    monkeypatch.setattr(TaskRunner, "wait", wait_runs_out)
    window = QObject()
    pages = [Runners(executor, window) for _ in range(5)]
    for page in pages:
        page.new()
    deadline = Deadline(10.0, clock=clock)
    for page in pages:
        page.shutdown(deadline)
    assert waited == [10.0, 7.0, 4.0, 1.0, 0.0]
    assert deadline.passed


def test_a_runner_waits_no_longer_than_a_deadline_that_has_passed(qtbot, runner):
    clock = FakeClock()
    deadline = Deadline(5.0, clock=clock)
    gate = threading.Event()
    runner.start(lambda state: gate.wait(GATE_SECONDS))
    clock.now += 6
    assert not runner.shutdown(deadline)  # no wait at all: the deadline is gone
    gate.set()
    assert runner.wait(GATE_SECONDS)


def test_runners_are_wired_in_one_call_and_busy_together(qtbot, executor):
    window = QObject()
    group = Runners(executor, window)
    results: list[object] = []
    busy: list[bool] = []
    first = group.new(result=results.append, busy=busy.append)
    second = group.new()
    gate = threading.Event()
    second.start(lambda state: gate.wait(GATE_SECONDS))
    assert group.busy and group.busy_besides(first) and not group.busy_besides(second)
    with qtbot.waitSignal(first.result_ready, timeout=WAIT_MS):
        first.start(lambda state: "ok")
    assert results == ["ok"] and busy == [True, False]
    group.cancel(second)
    assert not group.busy
    gate.set()
    assert group.shutdown(GATE_SECONDS)


class Pinger(QObject):
    ping = Signal(bool)


def test_emitting_from_python_keeps_the_interpreter_alive():
    # PySide6 6.12.0 drops a reference to True on every emit from Python; on Python 3.11
    # enough of them abort the interpreter ("bool_dealloc"). pyproject pins PySide6 below
    # 6.12; this fails if a PySide6 with that bug is installed anyway.
    pinger = Pinger()
    received: list[bool] = []
    pinger.ping.connect(received.append)
    before = sys.getrefcount(True)
    for _ in range(1000):
        pinger.ping.emit(True)
    assert sys.getrefcount(True) >= before
    assert received == [True] * 1000


def chatty(started: threading.Event, stop: threading.Event, state: TaskState) -> int:
    """A worker that reports progress as fast as it can until `stop`."""
    steps = 0
    while not stop.is_set():
        steps += 1
        state.set_progress(steps, 0)
        started.set()
    return steps


@pytest.mark.slow
def test_a_runner_deleted_while_its_worker_still_reports_does_not_crash_the_app(executor):
    # A window deleted (and every runner in it) on the GUI thread while a worker of it
    # still reports. Without a gate between them, an emit on an object being deleted
    # crashed the process now and then; here 2,000 deletions meet a worker emitting all
    # the time.
    for _round in range(2_000):  # without the gate, 2,000 crashed it 2 times in 3
        started, stop = threading.Event(), threading.Event()
        window = QObject()
        runner = TaskRunner(executor, window)
        future = runner.start(chatty, started, stop)
        assert started.wait(GATE_SECONDS)
        del runner, window  # deleted here, on the GUI thread, while the worker emits
        stop.set()
        assert future.result(timeout=GATE_SECONDS) > 0
