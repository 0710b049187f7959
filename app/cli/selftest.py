"""`jurnal-desk --self-test`: prints one line per check, with the remedy for each failure.

Exit 0 only when every check passes, 1 when any fails. The checks are in app/selftest/.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from app import __version__
from app.core.i18n import tr
from app.selftest import CheckResult, run_self_test

EXIT_OK, EXIT_FAILED = 0, 1


def run(log_file: Path | None) -> int:
    print(
        tr(
            "Jurnal Desk {v}: pemeriksaan mandiri (tanpa jaringan)",
            v=__version__,
        ).get(),
        flush=True,
    )
    results = run_self_test(log_file)
    for result in results:
        print(result_line(result), flush=True)
    print(summary_line(results))
    return EXIT_OK if all(result.ok for result in results) else EXIT_FAILED


def result_line(result: CheckResult) -> str:
    mark = "OK   " if result.ok else tr("GAGAL").get()
    line = f"{result.name.get()}: {result.detail}"
    if not result.ok and result.remedy is not None:
        line += " " + tr("→ Perbaikan: {r}", r=result.remedy.get()).get()
    return f"{mark} " + " ".join(line.split())  # one line, whatever a message held


def summary_line(results: Sequence[CheckResult]) -> str:
    good = sum(1 for result in results if result.ok)
    return tr(
        "{good} dari {total} pemeriksaan lolos.",
        good=good,
        total=len(results),
    ).get()
