"""The journal grid's column titles look as Qt's own do, and painting them with a whole
column of a long journal selected does not ask the model about every row (Qt's own header
asks three questions per row on every repaint: 0.3 s for 100,000 lines)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QStyleOptionHeader, QStyleOptionHeaderV2

from app.core.grid.columns import Column
from app.ui.journal.grid.header import GridHeader
from app.ui.journal.grid.model import EntriesModel
from app.ui.journal.page import JournalPage
from tests.helpers.grid_pages import month_of_entries
from tests.helpers.journal_data import CHART


def test_a_selected_column_is_painted_without_asking_about_each_row(qtbot, monkeypatch):
    asked = []
    real_flags = EntriesModel.flags

    def counting_flags(self, index):
        asked.append(index.row())
        return real_flags(self, index)

    monkeypatch.setattr(EntriesModel, "flags", counting_flags)
    with ThreadPoolExecutor(max_workers=1) as executor:
        page = JournalPage(executor, lambda: CHART)
        qtbot.addWidget(page)
        page.resize(1280, 760)
        page.show()
        page.model.load_entries(month_of_entries(5_000))  # 10,000 lines
        page.grid.selectColumn(Column.DEBIT)
        qtbot.wait(10)
        asked.clear()

        page.grid.horizontalHeader().grab()  # a repaint of every title

        assert len(asked) < 100, len(asked)
        assert isinstance(page.grid.horizontalHeader(), GridHeader)
        assert page.shutdown(timeout=5)


def test_each_title_has_the_style_qts_own_header_gives_it(qtbot):
    with ThreadPoolExecutor(max_workers=1) as executor:
        page = JournalPage(executor, lambda: CHART)
        qtbot.addWidget(page)
        ours = page.grid.horizontalHeader()
        theirs = QHeaderView(Qt.Orientation.Horizontal)
        qtbot.addWidget(theirs)
        theirs.setModel(page.model)
        theirs.setDefaultAlignment(ours.defaultAlignment())
        for column in Column:
            mine, qts = QStyleOptionHeaderV2(), QStyleOptionHeaderV2()
            ours.initStyleOptionForIndex(mine, column)
            theirs.initStyleOptionForIndex(qts, column)
            assert (mine.text, mine.textAlignment, mine.position, mine.orientation) == (
                qts.text,
                qts.textAlignment,
                qts.position,
                qts.orientation,
            ), column
            assert mine.selectedPosition == QStyleOptionHeader.SelectedPosition.NotAdjacent
        assert page.shutdown(timeout=5)
