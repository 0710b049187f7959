"""The strip under the journal grid: how many entries and lines, the total debit and
credit, how many problems, the selection's sum (`GridStatus`) and whether the journal is
ready to post."""

from __future__ import annotations

from typing import Final

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from app.core.books.number_style import format_amount
from app.core.grid.page_words import readiness
from app.core.i18n import tr
from app.ui.common.notice_box import restyle
from app.ui.journal.grid.model import EntriesModel
from app.ui.journal.grid.status import GridStatus
from app.ui.journal.grid.view import JournalGrid

STYLE: Final = """
#totals { border-top: 1px solid #D0D7DE; }
#totals QLabel { padding: 0 6px; }
#readyBadge { border-radius: 9px; padding: 2px 12px; font-weight: bold; }
#readyBadge[state="ready"] { background: #DDF4E4; color: #17663A; }
#readyBadge[state="sent"] { background: #E3F4E8; color: #17663A; }
#readyBadge[state="problems"] { background: #FDECEC; color: #9B1C1C; }
#readyBadge[state="empty"] { background: #EEF1F4; color: #5F6B7A; }
"""


class JournalTotals(QFrame):
    """The journal's counts and totals, refreshed by `show_totals(model)`."""

    def __init__(self, grid: JournalGrid, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("totals")
        self.entries_label = QLabel(self)
        self.lines_label = QLabel(self)
        self.debit_label = QLabel(self)
        self.credit_label = QLabel(self)
        self.problems_label = QLabel(self)
        self.ready_badge = QLabel(self)
        self.ready_badge.setObjectName("readyBadge")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 2)
        layout.setSpacing(14)
        for label in (self.entries_label, self.lines_label, self.debit_label, self.credit_label):
            layout.addWidget(label)
        layout.addWidget(self.problems_label)
        layout.addStretch(1)
        self.grid_status = GridStatus(grid, self)
        layout.addWidget(self.grid_status)
        layout.addWidget(self.ready_badge)
        self.setStyleSheet(STYLE)  # once built: its labels' look is worked out once

    def show_totals(self, model: EntriesModel) -> None:
        style = model.number_style  # the totals read like the grid's cells
        self.entries_label.setText(tr("Jurnal: {n}", n=model.entry_count).get())
        self.lines_label.setText(tr("Baris: {n}", n=model.line_count).get())
        self.debit_label.setText(
            tr("Total debit: {v}", v=format_amount(model.total_debit, style)).get()
        )
        self.credit_label.setText(
            tr("Total kredit: {v}", v=format_amount(model.total_credit, style)).get()
        )
        self.problems_label.setText(tr("Masalah: {n}", n=model.problem_count).get())
        state, text = readiness(
            model.line_count, model.problem_count, entries=model.entry_count, sent=model.sent_count
        )
        self.ready_badge.setText(text.get())
        restyle(self.ready_badge, "state", state)

    def retranslate(self) -> None:
        self.grid_status.retranslate()
