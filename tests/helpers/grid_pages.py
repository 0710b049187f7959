"""Journal pages for the grid editing tests: the page fixture, a month of entries, keys typed
into the grid."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView

from app.core.books.journal import Chart, JournalEntry, JournalLine
from app.core.grid.columns import Column
from app.ui.journal.page import JournalPage
from tests.helpers.journal_data import CHART

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@contextmanager
def shown_page(
    qtbot, executor, chart: Chart, *, width: int = 1280, active: bool = False
) -> Iterator[JournalPage]:
    """A journal page on `chart`, shown (`active`: made the active window, as a desktop makes
    a window that opens); its workers end with it."""
    widget = JournalPage(executor, lambda: chart)
    qtbot.addWidget(widget)
    widget.resize(width, 760)
    widget.show()
    if active:
        widget.activateWindow()
    yield widget
    assert widget.shutdown(timeout=5)


@pytest.fixture
def page(qtbot, executor) -> Iterator[JournalPage]:
    """A journal page on the test chart, shown at a typical size; its workers end with it."""
    with shown_page(qtbot, executor, CHART) as widget:
        yield widget


def month_of_entries(count: int) -> list[JournalEntry]:
    """`count` balanced two-line entries, JU-0001 onwards, as an import gives them."""
    entries = []
    for number in range(1, count + 1):
        amount = Decimal(100_000 + number * 1_000).quantize(Decimal("0.01"))
        entries.append(
            JournalEntry(
                date(2026, 1, 1 + number % 28),
                f"JU-{number:04d}",
                f"Beban listrik {number}",
                [
                    JournalLine("6105", debit=amount, memo=f"PLN {number}", row=2 * number),
                    JournalLine("1102", credit=amount, memo="Bank BCA", row=2 * number + 1),
                ],
                "Jurnal",
            )
        )
    return entries


def snapshot(entry: JournalEntry) -> tuple:
    """Everything an accountant sees of an entry."""
    return (
        entry.date,
        entry.reference,
        entry.description,
        [(line.account, line.debit, line.credit, line.memo) for line in entry.lines],
    )


def entry_by_reference(page: JournalPage, reference: str) -> JournalEntry:
    (entry,) = [e for e in page.entries() if e.reference == reference]
    return entry


def first_row(page: JournalPage, reference: str) -> int:
    table = page.model.table
    (entry,) = [e for e in table.entries if e.reference == reference]
    return table.rows_of(entry)[0]


def set_clipboard(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


def clipboard_text() -> str:
    return QGuiApplication.clipboard().text()


def press(qtbot, page: JournalPage, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier):
    page.grid.setFocus()
    qtbot.keyClick(page.grid, key, modifiers)


def type_in_cell(qtbot, page: JournalPage, row: int, column: Column, text: str) -> None:
    """Select the cell, type as a user does (typing opens the editor), press Enter."""
    page.select_cell(row, column)
    qtbot.keyClicks(page.grid, text[0])  # the first key opens the editor with itself
    editor = page.grid.focusWidget()
    assert editor is not page.grid, "typing did not open the cell's editor"
    qtbot.keyClicks(editor, text[1:])
    press_enter_in_editor(qtbot, page)


def press_enter_in_editor(qtbot, page: JournalPage) -> None:
    """Enter in the open editor: the delegate commits on the next turn of the event loop."""
    qtbot.keyClick(page.grid.focusWidget(), Qt.Key.Key_Return)
    editing = QAbstractItemView.State.EditingState
    qtbot.waitUntil(lambda: page.grid.state() != editing, timeout=10_000)


def click_column_header(qtbot, page: JournalPage, column: Column) -> None:
    header = page.grid.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
