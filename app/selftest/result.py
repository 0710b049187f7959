"""One self-test check's outcome, and the guard that turns any exception into a failure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.core.i18n import JurnalError, Text, tr


@dataclass(frozen=True, slots=True)
class CheckResult:
    """`name` says what was checked, `detail` what was found (never a secret), `remedy` what
    to do about a failure."""

    name: Text
    ok: bool
    detail: str
    remedy: Text | None = None


Check = Callable[[], CheckResult]


def passed(name: Text, detail: str) -> CheckResult:
    return CheckResult(name, True, detail)


def failed(name: Text, detail: str, remedy: Text) -> CheckResult:
    return CheckResult(name, False, detail, remedy)


def guarded(name: Text, check: Check) -> CheckResult:
    """Run `check`; an exception it did not expect is that check's failure, never the end of
    the self-test. Only the exception's type and the app's own (secret-free) messages are
    shown: a library's message could repeat what it was given."""
    try:
        return check()
    except JurnalError as error:
        return failed(name, str(error), _REPORT)
    except Exception as error:
        return failed(name, type(error).__name__, _REPORT)


_REPORT = tr("Kirim keluaran ini dan berkas log ke dukungan Jurnal Desk.")
