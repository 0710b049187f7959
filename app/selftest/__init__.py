"""`jurnal-desk --self-test`: offline checks a user or a support person can run.

Qt can start (its platform plugin loads), the keyring works, the app's home is writable, the
signing test vector, the sandbox answers over HTTP on 127.0.0.1, the posting history opens
in WAL mode, and where the log file is. Nothing here needs the network or an account, and
nothing touches the user's profiles, secrets or posting history.

Plain Python: only the Qt check starts Qt, in a child process (app/selftest/qt.py).
"""

from __future__ import annotations

from pathlib import Path

from app.core.i18n import Text
from app.selftest import checks
from app.selftest.qt import NAME as QT_NAME
from app.selftest.qt import check_qt
from app.selftest.result import Check, CheckResult, guarded

__all__ = ["CheckResult", "run_self_test"]


def run_self_test(log_file: Path | None) -> list[CheckResult]:
    """Every check, in order; one failing (or raising) never stops the others."""
    plan: list[tuple[Text, Check]] = [
        (QT_NAME, check_qt),
        (checks.KEYRING, checks.check_keyring),
        (checks.HOME, checks.check_home),
        (checks.SIGNING, checks.check_signing),
        (checks.SANDBOX, checks.check_sandbox),
        (checks.OUTBOX, checks.check_outbox),
        (checks.LOG_FILE, lambda: checks.check_log_file(log_file)),
    ]
    return [guarded(name, check) for name, check in plan]
