"""While a workbook is being read over the grid, the entries in it cannot be posted: the
import is about to replace them."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from PySide6.QtCore import Qt

from app.ui.journal.page import JournalPage
from tests.helpers.journal_data import CHART
from tests.helpers.journal_pages import GOOD_ROWS, HEADER, WAIT_MS, Company
from tests.helpers.workbooks import write_workbook


@pytest.fixture
def one_worker() -> Iterator[ThreadPoolExecutor]:
    executor = ThreadPoolExecutor(max_workers=1)
    yield executor
    executor.shutdown(wait=True, cancel_futures=True)


def test_posting_is_disabled_while_a_workbook_is_read(qtbot, tmp_path, one_worker):
    page = JournalPage(one_worker, Company(CHART))
    qtbot.addWidget(page)
    page.show()
    first = write_workbook(tmp_path / "januari.xlsx", [HEADER, *GOOD_ROWS])
    page.import_file(first)
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    assert page.post_button.isEnabled()

    held = threading.Event()
    one_worker.submit(held.wait, WAIT_MS / 1000)  # the next read waits behind this
    page.import_file(write_workbook(tmp_path / "februari.xlsx", [HEADER, *GOOD_ROWS]))

    assert page.busy
    assert not page.post_button.isEnabled() and not page.is_ready()
    with qtbot.assertNotEmitted(page.post_requested):
        qtbot.mouseClick(page.post_button, Qt.MouseButton.LeftButton)

    held.set()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    assert page.post_button.isEnabled() and page.is_ready()
    assert page.shutdown(timeout=5)
