"""The selected company's chart of accounts, as the journal grid checks entries against it:
loaded on a worker (`app.setup.session.load_chart`) each time the company changes, dropped
at once when it does. Until it arrives (or when it cannot be read) the grid simply checks
without a chart; the company bar reports connection problems with their remedy."""

from __future__ import annotations

import logging
from concurrent.futures import Executor

from PySide6.QtCore import QObject, Signal

from app.api.ratelimit import LimiterRegistry
from app.core.books.journal import Chart
from app.setup.session import CompanySession, load_chart
from app.ui.common.tasks import TaskRunner, Timeout

log = logging.getLogger(__name__)


class CompanyChart(QObject):
    """`current()` is the chart once loaded (None until then: never fetched on the GUI
    thread); `changed` says it was loaded or dropped."""

    changed = Signal()

    def __init__(self, executor: Executor, limiters: LimiterRegistry, parent: QObject) -> None:
        super().__init__(parent)
        self._limiters = limiters
        self._chart: Chart | None = None
        self._runner = TaskRunner(executor, self)
        self._runner.result_ready.connect(self._loaded)
        self._runner.error_raised.connect(self._failed)

    def current(self) -> Chart | None:
        return self._chart

    def load(self, session: CompanySession | None) -> None:
        """The company changed: forget the old chart, and fetch the new one's."""
        self._chart = None
        self.changed.emit()
        if session is not None:
            self._runner.start(load_chart, session, self._limiters)

    def shutdown(self, timeout: Timeout) -> None:
        self._runner.shutdown(timeout)

    def _loaded(self, chart: Chart) -> None:
        self._chart = chart
        self.changed.emit()

    def _failed(self, error: BaseException) -> None:
        log.info("chart not loaded: %s", type(error).__name__)
