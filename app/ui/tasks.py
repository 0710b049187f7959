"""The window's one way to run work off the GUI thread.

A `TaskRunner` runs a plain function on a `concurrent.futures` executor and delivers its
result, its error and its progress on the GUI thread, through Qt signals with queued
connections. Starting a task cancels the runner's previous one: its `threading.Event` is set,
and whatever it still produces is dropped (or handed to its `discard` function, so a resource
such as a started sandbox is not leaked). There is no `processEvents()`: the GUI thread never
waits for a worker except when the window closes (`shutdown`).

The worker function is plain Python and knows nothing of Qt: it is called as
`fn(*args, state)`, where `state` is a `TaskState` with the cancel event and a
`set_progress` method, so it is tested with a `TaskState()` of its own.

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
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, SignalInstance, Slot

from app.core.i18n import Text

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a task is: `done` of `total` steps, with an optional line of text."""

    done: int
    total: int
    text: Text | str = ""

    @property
    def fraction(self) -> float:
        return min(1.0, self.done / self.total) if self.total > 0 else 0.0


class TaskCancelled(Exception):
    """Raised by `TaskState.check()` in a task whose runner has moved on."""


class TaskState:
    """What a worker function receives: the cancel event and a way to report progress.

    Plain Python, so worker functions are tested without Qt: `fn(..., TaskState())`.
    """

    def __init__(self, report: Callable[[Progress], None] | None = None) -> None:
        self.cancel = threading.Event()
        self._report = report

    @property
    def cancelled(self) -> bool:
        return self.cancel.is_set()

    def check(self) -> None:
        """Raise `TaskCancelled` when the task was cancelled: call between steps."""
        if self.cancel.is_set():
            raise TaskCancelled

    def set_progress(self, done: int, total: int, text: Text | str = "") -> None:
        if self._report is not None and not self.cancel.is_set():
            self._report(Progress(done, total, text))


class _Relay(QObject):
    """Lives in the GUI thread; worker threads emit on it, the runner receives (queued)."""

    progress = Signal(int, object)  # task id, Progress
    done = Signal(int, object)  # task id, Future


@dataclass(eq=False, slots=True)
class _Task:
    id: int
    state: TaskState
    future: Future
    discard: Callable[[Any], None] | None


def _emit(signal: SignalInstance, *args: object) -> None:
    # The runner (and its relay) may already be deleted when a late worker finishes; its
    # outcome then has nobody to go to.
    with contextlib.suppress(RuntimeError):
        signal.emit(*args)


class TaskRunner(QObject):
    """Runs one task at a time for one purpose; results arrive on the GUI thread.

    `start`, `cancel` and `shutdown` are called from the GUI thread only.
    """

    result_ready = Signal(object)
    error_raised = Signal(object)  # the BaseException the function raised
    progress_changed = Signal(object)  # Progress
    busy_changed = Signal(bool)

    def __init__(self, executor: Executor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = executor
        self._relay = _Relay(self)
        queued = Qt.ConnectionType.QueuedConnection
        self._relay.progress.connect(self._on_progress, queued)
        self._relay.done.connect(self._on_done, queued)
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
        fn: Callable[..., Any],
        *args: Any,
        discard: Callable[[Any], None] | None = None,
    ) -> Future:
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
        relay = self._relay
        state = TaskState(lambda progress: _emit(relay.progress, task_id, progress))
        future = self._executor.submit(fn, *args, state)
        task = _Task(task_id, state, future, discard)
        self._tasks[task_id] = task
        self._current = task
        future.add_done_callback(lambda done: _emit(relay.done, task_id, done))
        if not was_busy:
            self.busy_changed.emit(True)
        return future

    def cancel(self) -> None:
        """Cancel the running task, if any; nothing more is delivered from it."""
        self._check_thread()
        if self._cancel_current():
            self.busy_changed.emit(False)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every submitted task has finished; False if `timeout` ran out."""
        futures = [task.future for task in self._tasks.values()]
        _done, not_done = concurrent.futures.wait(futures, timeout)
        return not not_done

    def shutdown(self, timeout: float | None = None) -> bool:
        """Cancel, wait for the tasks still running (up to `timeout` seconds), release the
        results nobody will use, and accept no more tasks. False if a task is still running;
        its result is then discarded when it arrives, should the event loop still run."""
        self._check_thread()
        self.cancel()
        self._closed = True
        finished = self.wait(timeout)
        for task in list(self._tasks.values()):
            if task.future.done():
                del self._tasks[task.id]
                self._discard(task)
        return finished

    # -- delivery (GUI thread) -------------------------------------------------------------

    @Slot(int, object)
    def _on_progress(self, task_id: int, progress: Progress) -> None:
        if self._current is not None and self._current.id == task_id:
            self.progress_changed.emit(progress)

    @Slot(int, object)
    def _on_done(self, task_id: int, future: Future) -> None:
        task = self._tasks.pop(task_id, None)
        if task is None:
            return  # already handled by shutdown()
        if task is not self._current:
            self._discard(task)
            return
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
