"""The grid benchmarks' setting: the offscreen QApplication, the company chart and the
import worker's preparation of the generated workbook. Shared by bench_grid and grid_delete.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from bench.generate import ACCOUNTS

VIEW_SIZE = (1280, 720)  # the grid's area in a maximised window on a 1366x768 laptop


def qt_app():
    """The QApplication, offscreen (the platform must be chosen before Qt is imported)."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["bench_grid"])


def sandbox_accounts(with_generator_accounts: bool = True) -> list:
    """The Accurate sandbox's chart as the client reads it, plus the workbook's accounts."""
    from app.core.books.journal import Account
    from app.sandbox import ACCURATE_CHART

    accounts = [
        Account(
            code=account.no,
            name=account.name,
            is_parent=account.is_parent,
            suspended=account.suspended,
            account_type=account.account_type,
        )
        for account in ACCURATE_CHART
    ]
    if with_generator_accounts:
        accounts += [Account(code=code, name=name) for code, name in ACCOUNTS.items()]
    return accounts


def make_chart(with_generator_accounts: bool = True):
    from app.core.books.journal import Chart

    return Chart(sandbox_accounts(with_generator_accounts))


def prepare(path: Path, chart):
    """What the import worker does; returns (import result, table, read s, table s)."""
    from app.core.excel.reader import read_workbook
    from app.ui.journal.grid.model import table_from_import

    started = time.perf_counter()
    result = read_workbook(path, chart=chart)
    read_done = time.perf_counter()
    table = table_from_import(result, chart)
    return result, table, read_done - started, time.perf_counter() - read_done


def quiet_offscreen_warnings() -> None:
    """Hide the offscreen platform's "does not support propagateSizeHints()" (the page's
    layouts ask for it; a real screen supports it); every other Qt message still shows."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_mode, _context, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)
