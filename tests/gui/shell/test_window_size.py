"""The main window at the size it opens with shows enough of the journal to work in."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize

from app.ui.journal.grid.view import JournalGrid
from app.ui.shell.main_window import JOURNAL
from app.ui.shell.window_size import DEFAULT_SIZE, MINIMUM_SIZE, default_window_size
from tests.helpers.workbooks import write_big_journal


def whole_rows_shown(grid: JournalGrid) -> int:
    height = grid.viewport().height()
    return sum(
        1
        for row in range(grid.model().rowCount())
        if grid.rowViewportPosition(row) >= 0
        and grid.rowViewportPosition(row) + grid.rowHeight(row) <= height
    )


def test_an_imported_journal_shows_at_least_15_rows_at_the_default_size(
    qtbot, make_window, tmp_path
):
    window = make_window()
    window.show_page(JOURNAL)
    page = window.journal_page
    page.import_file(write_big_journal(tmp_path / "jurnal.xlsx", entries=30, lines_per_entry=2))
    qtbot.waitUntil(lambda: page.model.rowCount() == 60, timeout=20_000)
    qtbot.waitUntil(lambda: not page.busy, timeout=5_000)
    assert page.lower_panels.isVisible()  # the problems and import panels open below the grid

    assert whole_rows_shown(page.grid) >= 15
    assert window.size() == default_window_size(window.screen())


def test_the_default_size_fits_the_screen_it_opens_on(qtbot, make_window):
    window = make_window()
    room = window.screen().availableGeometry().size()
    assert window.width() <= max(room.width(), MINIMUM_SIZE.width())
    assert window.height() <= max(room.height(), MINIMUM_SIZE.height())


class _Screen:  # only what default_window_size asks of a screen
    def __init__(self, width: int, height: int) -> None:
        self._size = QSize(width, height)

    def availableGeometry(self) -> QRect:
        return QRect(0, 0, self._size.width(), self._size.height())


def test_a_small_laptop_screen_gets_a_window_that_fits_a_large_one_the_default():
    assert default_window_size(_Screen(1366, 728)) == QSize(1280, 728)  # type: ignore[arg-type]
    assert default_window_size(_Screen(2560, 1400)) == DEFAULT_SIZE  # type: ignore[arg-type]
    assert default_window_size(_Screen(800, 500)) == MINIMUM_SIZE  # type: ignore[arg-type]
