"""The window's one way to run work off the GUI thread.

A `TaskRunner` runs a plain function on a `concurrent.futures` executor and delivers its
result, its error, its progress and its partial results on the GUI thread, through Qt
signals with queued connections. Starting a task cancels the runner's previous one: its
`threading.Event` is set, and whatever it still produces is dropped (or handed to its
`discard` function, so a resource such as a started sandbox is not leaked). There is no
`processEvents()`: the GUI thread never waits for a worker except when the window closes
(`shutdown`).

The worker function is plain Python and knows nothing of Qt: it is called as
`fn(*args, state)`, where `state` is an `app.core.tasks.TaskState` (the cancel event,
`set_progress`, `set_partial_result`), so it is tested with a `TaskState()` of its own.
Partial results are coalesced: a worker may offer one on every step; the GUI thread is woken
once per value it has not taken yet and receives the latest, at most one every
`PARTIAL_INTERVAL` (and the last one before the result), never a backlog.

`Runners` is the group of one window's runners: busy when any is, and shut down together
within one `Deadline` (all are cancelled first, then each waits for what is left of it).

Modelled on Orange's `ConcurrentMixin`/`TaskState` and orange-widget-base's `FutureWatcher`:
the signal-carrying object lives in the GUI thread, worker threads only emit on it, and one
runner serves one slot of work (the connection check, the history, ...).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import itertools
import logging
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import Any, Final, TypeVar

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

from app.core.tasks import EMPTY, Deadline, Pacer, TaskCancelled, TaskProgress, TaskState, Timeout

__all__ = [
    "CLOSE_WAIT_SECONDS",
    "Deadline",
    "Runners",
    "TaskCancelled",
    "TaskProgress",
    "TaskRunner",
    "TaskState",
    "Timeout",
    "cancel_all",
]

log = logging.getLogger(__name__)
Result = TypeVar("Result")
# At most one partial result reaches the GUI thread per this many seconds: often enough to
# look live, rarely enough that applying them never crowds out painting.
PARTIAL_INTERVAL: Final = 0.08
# Closing waits this long in all for every worker of the windows being closed (one `Deadline`
# shared by them all); a `shutdown()` called without a timeout waits as long.
CLOSE_WAIT_SECONDS: Final = 10.0


class _Relay(QObject):
    """Lives in the GUI thread; worker threads emit on it, the runner receives (queued)."""

    progress = Signal(int, object)  # task id, TaskProgress
    partial = Signal(int)  # task id: a partial result waits in its state's slot
    done = Signal(int, object)  # task id, Future


@dataclass(eq=False, slots=True)
class _Task:
    id: int
    state: TaskState
    future: Future[Any]  # one runner serves tasks of any result type
    discard: Callable[[Any], None] | None


class _Gate:
    """The only way worker threads emit on a runner's relay. The GUI thread shuts it once the
    relay may go: when `shutdown` has seen every task finish (a finished task's done
    callback may still be running on its worker then) and when the runner is destroyed.
    Shutting waits for an emit in progress, and none starts after it, so no worker ever
    emits on an object the GUI thread is deleting (that crashed the process)."""

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._lock = threading.Lock()
        self._open = True

    def emit(self, signal: str, *args: object) -> None:
        with self._lock:
            if not self._open:
                return  # its outcome has nobody to go to
            # The relay deleted by Qt alone (its runner's parent gone first) is reported as a
            # RuntimeError rather than crashing: the same, nobody to tell.
            with contextlib.suppress(RuntimeError):
                getattr(self._relay, signal).emit(*args)

    def shut(self) -> None:
        with self._lock:
            self._open = False


class TaskRunner(QObject):
    """Runs one task at a time for one purpose; results arrive on the GUI thread.

    `start`, `cancel` and `shutdown` are called from the GUI thread only.
    """

    result_ready = Signal(object)
    error_raised = Signal(object)  # the BaseException the function raised
    progress_changed = Signal(object)  # TaskProgress
    partial_result_ready = Signal(object)  # the latest value the worker offered
    busy_changed = Signal(bool)

    def __init__(self, executor: Executor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = executor
        self._relay = _Relay(self)
        self._gate = gate = _Gate(self._relay)
        self.destroyed.connect(lambda *_: gate.shut())  # held here, not by the runner
        queued = Qt.ConnectionType.QueuedConnection
        self._relay.progress.connect(self._on_progress, queued)
        self._relay.partial.connect(self._on_partial, queued)
        self._relay.done.connect(self._on_done, queued)
        self._pacer = Pacer(PARTIAL_INTERVAL)
        self._partial_timer = QTimer(self)
        self._partial_timer.setSingleShot(True)
        self._partial_timer.timeout.connect(self._deliver_partial)
        self._ids = itertools.count(1)
        self._current: _Task | None = None
        self._tasks: dict[int, _Task] = {}  # submitted; outcome not handled yet
        self._closed = False

    # -- for the GUI -----------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """A task is running whose outcome will be delivered."""
        return self._current is not None

    @property
    def pending(self) -> int:
        """Tasks submitted whose outcome has not been handled yet (delivered or dropped)."""
        return len(self._tasks)

    def start(
        self,
        fn: Callable[..., Result],
        *args: Any,
        discard: Callable[[Result], None] | None = None,
    ) -> Future[Result]:
        """Cancel the previous task and run `fn(*args, state)` on the executor.

        `discard` receives the result if it arrives after the task was cancelled (or the
        runner shut down), to release what it holds.
        """
        self._check_thread()
        if self._closed:
            raise RuntimeError("the task runner is shut down")
        was_busy = self._current is not None
        self._cancel_current()
        task_id = next(self._ids)
        gate = self._gate
        state = TaskState(
            lambda progress: gate.emit("progress", task_id, progress),
            wake=lambda: gate.emit("partial", task_id),
        )
        future = self._executor.submit(fn, *args, state)
        task = _Task(task_id, state, future, discard)
        self._tasks[task_id] = task
        self._current = task
        future.add_done_callback(lambda done: gate.emit("done", task_id, done))
        if not was_busy:
            self.busy_changed.emit(True)
        return future

    def cancel(self) -> None:
        """Cancel the running task, if any; nothing more is delivered from it."""
        self._check_thread()
        if self._cancel_current():
            self.busy_changed.emit(False)

    def wait(self, timeout: Timeout = None) -> bool:
        """Block until every submitted task has finished; False if `timeout` (seconds, or a
        shared `Deadline`) ran out."""
        futures = [task.future for task in self._tasks.values()]
        if not futures:
            return True
        _done, not_done = concurrent.futures.wait(futures, Deadline.of(timeout).remaining())
        return not not_done

    def shutdown(self, timeout: Timeout = None) -> bool:
        """Cancel, wait for the tasks still running (up to `timeout`: seconds, or a `Deadline`
        shared with other runners), release the results nobody will use, and accept no more
        tasks. False if a task is still running; its result is then discarded when it
        arrives, should the event loop still run."""
        self._check_thread()
        self.cancel()
        self._closed = True
        self._partial_timer.stop()
        finished = self.wait(timeout)
        if finished:
            self._gate.shut()  # every outcome is handled here: nothing more to relay
        for task in list(self._tasks.values()):
            if task.future.done():
                del self._tasks[task.id]
                self._discard(task)
        return finished

    # -- delivery (GUI thread) -------------------------------------------------------------

    @Slot(int, object)
    def _on_progress(self, task_id: int, progress: TaskProgress) -> None:
        if self._current is not None and self._current.id == task_id:
            self.progress_changed.emit(progress)

    @Slot(int)
    def _on_partial(self, task_id: int) -> None:
        if self._current is None or self._current.id != task_id:
            return  # a cancelled task's partial results go nowhere
        delay = self._pacer.delay()
        if delay <= 0:
            self._deliver_partial()
        elif not self._partial_timer.isActive():
            self._partial_timer.start(max(1, round(delay * 1000)))

    @Slot()
    def _deliver_partial(self) -> None:
        task = self._current
        if task is None:
            return
        value = task.state.take_partial_result()
        if value is EMPTY:
            return
        self._pacer.delivered()
        self.partial_result_ready.emit(value)

    @Slot(int, object)
    def _on_done(self, task_id: int, future: Future[Any]) -> None:
        task = self._tasks.pop(task_id, None)
        if task is None:
            return  # already handled by shutdown()
        if task is not self._current:
            self._discard(task)
            return
        self._partial_timer.stop()
        self._deliver_partial()  # the last partial result comes before the outcome
        self._current = None
        self.busy_changed.emit(False)
        if future.cancelled():
            return
        error = future.exception()
        if isinstance(error, TaskCancelled):
            return
        if error is not None:
            self.error_raised.emit(error)
        else:
            self.result_ready.emit(future.result())

    # -- internals ---------------------------------------------------------------------------

    def _cancel_current(self) -> bool:
        task, self._current = self._current, None
        if task is None:
            return False
        task.state.cancel.set()
        task.future.cancel()  # stops it only if it has not started yet
        return True

    def _discard(self, task: _Task) -> None:
        future = task.future
        if task.discard is None or future.cancelled() or future.exception() is not None:
            return
        try:
            task.discard(future.result())
        except Exception:
            log.exception("releasing the result of a cancelled task failed")

    def _check_thread(self) -> None:
        if QThread.currentThread() is not self.thread():
            raise RuntimeError("TaskRunner is used from the GUI thread only")


class Runners:
    """The task runners of one window or panel: made and wired in one call, busy when any
    is, and shut down together within one deadline."""

    def __init__(self, executor: Executor, parent: QObject) -> None:
        self._executor = executor
        self._parent = parent
        self._runners: list[TaskRunner] = []

    def new(
        self,
        *,
        result: Callable[[Any], None] | None = None,
        error: Callable[[BaseException], None] | None = None,
        progress: Callable[[TaskProgress], None] | None = None,
        partial: Callable[[Any], None] | None = None,
        busy: Callable[[bool], None] | None = None,
    ) -> TaskRunner:
        """A runner of this group, its signals connected to the slots given."""
        runner = TaskRunner(self._executor, self._parent)
        wiring = (
            (runner.result_ready, result),
            (runner.error_raised, error),
            (runner.progress_changed, progress),
            (runner.partial_result_ready, partial),
            (runner.busy_changed, busy),
        )
        for signal, slot in wiring:
            if slot is not None:
                signal.connect(slot)
        self._runners.append(runner)
        return runner

    def __iter__(self) -> Iterator[TaskRunner]:
        return iter(self._runners)

    @property
    def busy(self) -> bool:
        return any(runner.busy for runner in self._runners)

    def busy_besides(self, *ignored: TaskRunner) -> bool:
        """Busy with anything but the runners named."""
        return any(runner.busy for runner in self._runners if runner not in ignored)

    def cancel(self, *runners: TaskRunner) -> None:
        """Cancel these runners' tasks (all of the group's when none is named)."""
        for runner in runners or self._runners:
            runner.cancel()

    def shutdown(self, timeout: Timeout = None) -> bool:
        """Cancel every task at once (they wind down together), then wait for them all
        within one deadline: `timeout` seconds in total, or what is left of a `Deadline`
        shared with other windows. False if a worker is still running."""
        deadline = Deadline.of(timeout)
        self.cancel()
        return all([runner.shutdown(deadline) for runner in self._runners])


def cancel_all(root: QObject) -> None:
    """Tell every runner under `root` (a window closing) to stop, all at once, so their tasks
    wind down together while the window waits for them one after the other."""
    for runner in root.findChildren(TaskRunner):
        runner.cancel()
