"""TaskRunner: work runs on the executor, outcomes arrive on the GUI thread, a new task cancels
the previous one, and nothing from a cancelled task reaches the window."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from PySide6.QtCore import QObject, Signal

from app.core.i18n import JurnalError, tr
from app.ui.tasks import Progress, TaskCancelled, TaskRunner, TaskState

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
        self.progress: list[Progress] = []
        self.busy: list[bool] = []
        self.threads: set[threading.Thread] = set()
        runner.result_ready.connect(lambda value: self._add(self.results, value))
        runner.error_raised.connect(lambda error: self._add(self.errors, error))
        runner.progress_changed.connect(lambda step: self._add(self.progress, step))
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
    problem = JurnalError(tr("Token ditolak.", "The token was refused."))

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
    reported: list[Progress] = []
    state = TaskState(reported.append)
    state.set_progress(1, 4, "akun")
    state.check()
    state.cancel.set()
    state.set_progress(2, 4)  # nobody is listening any more
    assert state.cancelled
    assert reported == [Progress(1, 4, "akun")]
    assert reported[0].fraction == 0.25
    with pytest.raises(TaskCancelled):
        state.check()
    assert Progress(0, 0).fraction == 0.0
    TaskState().set_progress(1, 1)  # no reporter: ignored


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
