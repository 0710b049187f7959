"""At the window's default size (1280×840), in Indonesian and in English, nothing is cut: the
journal grid's columns fit without a horizontal scroll bar and each title shows whole, a
problem's message ends on a whole word and shows in full under the list, and the history
shows whole references and dates."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTableView

from app.core.i18n import set_language
from app.ui.journal.import_panel import elide_at_word
from app.ui.journal.problems_model import COLUMN, ROW, SHEET
from app.ui.posting.model import DATE, REFERENCE
from app.ui.shell.main_window import JOURNAL
from app.ui.shell.window_size import DEFAULT_SIZE
from tests.helpers.grid_pages import CTRL, SHIFT
from tests.helpers.history_pages import (
    post,
    session_of,
    wait_listed,
    wait_shown,
)
from tests.helpers.posting_helpers import entries
from tests.helpers.workbooks import write_big_journal, write_workbook

WAIT_MS = 20_000
TITLE_ROOM = 8  # a title's margins inside its column


@pytest.fixture(params=["id", "en"])
def language(request) -> Iterator[str]:
    set_language(request.param)
    yield request.param
    set_language("id")


def cut_columns(grid: QTableView) -> list[str]:
    """The shown columns that do not fit: past the grid's right edge, or titled wider than
    they are."""
    header, model = grid.horizontalHeader(), grid.model()
    font = header.font()
    font.setBold(True)
    metrics = QFontMetrics(font)
    width = grid.viewport().width()
    cut = []
    for column in range(model.columnCount()):
        if grid.isColumnHidden(column):
            continue
        title = str(model.headerData(column, 1))
        left = grid.columnViewportPosition(column)
        if left + grid.columnWidth(column) > width:
            cut.append(f"{title}: past the edge")
        elif metrics.horizontalAdvance(title) + TITLE_ROOM > grid.columnWidth(column):
            cut.append(f"{title}: title cut")
    return cut


def open_window(make_window, language: str):
    window = make_window(language=language)
    window.resize(DEFAULT_SIZE)
    window.show_page(JOURNAL)
    return window


def test_the_empty_grid_fits_the_default_window(qtbot, make_window, language):
    page = open_window(make_window, language).journal_page
    grid = page.grid
    qtbot.waitUntil(lambda: grid.viewport().width() > 900, timeout=WAIT_MS)

    assert grid.horizontalScrollBar().maximum() == 0
    assert cut_columns(grid) == []


@pytest.mark.slow
def test_a_long_journal_shows_keterangan_whole(qtbot, make_window, language, tmp_path):
    page = open_window(make_window, language).journal_page
    page.import_file(write_big_journal(tmp_path / "jurnal.xlsx", entries=3000, lines_per_entry=4))
    qtbot.waitUntil(lambda: page.model.rowCount() == 12_000 and not page.busy, timeout=WAIT_MS)
    grid = page.grid
    qtbot.waitUntil(lambda: grid.verticalScrollBar().isVisible(), timeout=WAIT_MS)

    assert grid.horizontalScrollBar().maximum() == 0
    assert cut_columns(grid) == []


def test_problem_messages_end_on_a_whole_word_and_show_whole_below(
    qtbot, make_window, language, tmp_path
):
    page = open_window(make_window, language).journal_page
    header = ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit"]
    rows = [header, ["05/01/2026", "JU-1", "Listrik", "9-99999", 1000, None]]
    rows += [["05/01/2026", "JU-1", "Listrik", "1-10001", None, 900]]
    page.import_file(write_workbook(tmp_path / "salah.xlsx", rows))
    qtbot.waitUntil(lambda: page.model.problem_count >= 2 and not page.busy, timeout=WAIT_MS)
    panel = page.problems_panel
    first = panel.model.problem(0).text.get()

    assert panel.detail.text() == first  # the whole of the first message, from the start
    table = panel.table
    metrics = table.fontMetrics()
    shown = elide_at_word(first, metrics, table.columnWidth(3) - 4)
    assert shown == first or (shown.endswith("…") and first.startswith(shown[:-1]))
    if shown != first:
        assert first[len(shown) - 1] == " "  # cut between two words


def test_the_problems_sheet_row_and_column_show_whole(qtbot, make_window, language, tmp_path):
    page = open_window(make_window, language).journal_page
    header = ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit"]
    rows = [header, ["05/01/2026", "JU-1", "Listrik", "9-99999", 1000, None]]
    rows += [["05/01/2026", "JU-1", "Listrik", "1-10001", None, 900]]
    page.import_file(write_workbook(tmp_path / "salah.xlsx", rows))
    qtbot.waitUntil(lambda: page.model.problem_count >= 2 and not page.busy, timeout=WAIT_MS)
    page.grid.setFocus()
    for _entry in range(6):  # entries typed in the grid: their problems name grid rows
        QTest.keyClick(page.grid, Qt.Key.Key_Return, CTRL | SHIFT)
    table, model = page.problems_panel.table, page.problems_panel.model
    qtbot.waitUntil(lambda: page.model.rowCount() == 14, timeout=WAIT_MS)  # 2 + 6 × 2
    title_font = table.horizontalHeader().font()
    title_font.setBold(True)
    titles, cells = QFontMetrics(title_font), table.fontMetrics()

    cut = []
    for column in (SHEET, ROW, COLUMN):
        width = table.columnWidth(column)
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        texts = {str(model.index(row, column).data()) for row in range(model.rowCount())}
        if titles.horizontalAdvance(title) + TITLE_ROOM > width:
            cut.append(title)
        cut += [text for text in texts if cells.horizontalAdvance(text) + TITLE_ROOM > width]
    assert cut == []


def test_a_message_is_cut_between_words():
    class Metrics:  # one pixel a character
        def horizontalAdvance(self, text: str) -> int:
            return len(text)

        def elidedText(self, text: str, _mode, width: int) -> str:
            return text[: width - 1] + "…"

    text = "Akun 1-10099 tidak ada di daftar akun perusahaan ini"
    assert elide_at_word(text, Metrics(), 42) == "Akun 1-10099 tidak ada di daftar akun…"  # type: ignore[arg-type]
    assert elide_at_word(text, Metrics(), 200) == text  # type: ignore[arg-type]


def test_the_history_shows_long_references_and_dates_whole(
    qtbot, demo, limiters, make_history_view, language
):
    report = post(demo, limiters, entries(3, prefix="BKK/2026/JAKARTA-PUSAT"))
    view = make_history_view(session_of(demo, demo.accurate.name))
    view.resize(DEFAULT_SIZE.width() - 200, DEFAULT_SIZE.height() - 80)  # beside the sidebar
    wait_listed(qtbot, view, 1)
    wait_shown(qtbot, view, report.batch.id)
    table = view.batch_view.ui.table
    model, metrics = table.model(), table.fontMetrics()

    for column in (REFERENCE, DATE):
        widest = max(
            metrics.horizontalAdvance(str(model.index(row, column).data()))
            for row in range(model.rowCount())
        )
        assert table.columnWidth(column) >= widest + 4, model.headerData(column, 1)
