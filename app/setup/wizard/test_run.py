"""The credentials wizard's connection test, as the wizard keeps it (app.setup.wizard.flow): the
check running on a worker, and the outcome of the last one for the inputs as they are. An
outcome that arrives for a check that is no longer the current one (the inputs changed, the
user went back, a newer test started) is ignored. Plain Python, no Qt."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.i18n import Text
from app.setup.wizard.connection_test import Connection, ConnectionCheck
from app.setup.wizard.credential_checks import test_failure_text
from app.setup.wizard.steps import PageState


@dataclass
class ConnectionTestRun:
    """The test page's state: a check running, a connection found, or why the test failed."""

    running: ConnectionCheck | None = None
    connection: Connection | None = None  # the last passed test for the current inputs
    error: Text | None = None  # why the last test for the current inputs failed

    def start(self, check: ConnectionCheck) -> ConnectionCheck:
        """`check` is the current test now; one already running is abandoned."""
        self.running, self.connection, self.error = check, None, None
        return check

    def passed(self, check: ConnectionCheck, connection: Connection) -> bool:
        """Record a passed test; False (and nothing changes) if it is not the current one."""
        if check is not self.running:
            return False
        self.running, self.connection = None, connection
        return True

    def failed(self, check: ConnectionCheck, error: BaseException) -> bool:
        """Record a failed test; False (and nothing changes) if it is not the current one."""
        if check is not self.running:
            return False
        self.running, self.error = None, test_failure_text(check.service, check.url, error)
        return True

    def cancel(self) -> None:
        """The running test's outcome will be ignored (the earlier outcome stays)."""
        self.running = None

    def forget(self) -> None:
        """New inputs: an earlier (or running) test no longer says anything about them."""
        self.running, self.connection, self.error = None, None, None

    def state(self) -> PageState:
        if self.running is not None:
            return PageState(valid=False, busy=True)
        if self.connection is not None:
            return PageState(valid=True, notice=self.connection.notice())
        return PageState(valid=False, error=self.error)


__all__ = ["ConnectionTestRun"]
