"""The grid's part of the page's status bar: the selection's sum when several cells are
selected ("Jumlah: Rp 1.234.567,00 · 5 sel"), as a spreadsheet shows it; otherwise the totals
of the entry the cursor is in ("JU-0002: D … · K … · selisih …", red while it does not
balance). Its numbers are written in the grid's number style, as the cells are.

It follows the selection, the cursor and the values under them; the work waits for the event
loop's next turn, so a drag across many cells, or Select All on 100,000 rows, is summed once.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.core.books.number_style import NumberStyle, format_amount, in_style
from app.core.grid.selection_sum import SelectionSum, sum_selection
from app.core.i18n import Text, tr
from app.ui.common.notice_box import restyle
from app.ui.journal.grid.entry_subtotals import subtotal_brief, subtotal_text
from app.ui.journal.grid.view import JournalGrid


def selection_text(summed: SelectionSum, style: NumberStyle) -> Text:
    """ "Jumlah: Rp 1.234.567,00 · 5 sel", or "5 sel" when no amount is selected; numbers
    in the grid's style."""
    cells = {"n": in_style(f"{summed.cells:,}", style)}
    if not summed.amounts:
        return tr("{n} sel", **cells)
    return tr(
        "Jumlah: Rp {v} · {n} sel",
        v=format_amount(summed.total, style),
        **cells,
    )


_STYLE = """
#entrySubtotal { color: #4A5361; }
#entrySubtotal[balanced="false"] { color: #9B1C1C; }
"""


class ElidedLabel(QLabel):
    """A label that gives way when the status bar is short of room: its text starts with
    "…" (the amounts at its end stay in sight) instead of widening the window or being cut
    off; the whole text is in its tooltip."""

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideLeft, rect.width())
        painter = QPainter(self)
        alignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        self.style().drawItemText(
            painter, rect, alignment, self.palette(), True, shown, QPalette.ColorRole.WindowText
        )


class GridStatus(QWidget):
    """The selection's sum while more than one cell is selected, else the current entry's
    totals."""

    def __init__(self, grid: JournalGrid, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = grid
        self.selection_label = QLabel(self)
        self.selection_label.setObjectName("selectionSum")
        self.entry_label = ElidedLabel(self)
        self.entry_label.setObjectName("entrySubtotal")
        self.setStyleSheet(_STYLE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.entry_label)
        layout.addWidget(self.selection_label)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        model = grid.entries_model
        grid.selectionModel().selectionChanged.connect(self._timer.start)
        grid.selectionModel().currentChanged.connect(self._timer.start)
        model.modelReset.connect(self._timer.start)
        model.status_changed.connect(self._timer.start)  # the values under it changed
        self.refresh()

    def refresh(self) -> None:
        style = self._grid.entries_model.number_style
        summed = self.selection_sum()
        several = summed.cells > 1
        self.selection_label.setVisible(several)
        if several:
            self.selection_label.setText(selection_text(summed, style).get())
        current = self._grid.currentIndex()
        entry = None
        if not several and current.isValid() and current.row() < self._grid.model().rowCount():
            entry = self._grid.entries_model.table.owners[current.row()]
        self.entry_label.setVisible(entry is not None)
        if entry is not None:
            self.entry_label.setText(subtotal_brief(entry, style).get())
            self.entry_label.setToolTip(subtotal_text(entry, style).get())
            restyle(self.entry_label, "balanced", entry.is_balanced)

    def retranslate(self) -> None:
        self.refresh()

    def selection_sum(self) -> SelectionSum:
        grid = self._grid
        blocks = [
            (part.top(), part.bottom(), part.left(), part.right())
            # PySide6's stub misses it: a QItemSelection iterates over its ranges.
            for part in grid.selectionModel().selection()  # type: ignore[attr-defined]  # stub gap: it iterates
        ]
        shown = {c for c in range(grid.model().columnCount()) if not grid.isColumnHidden(c)}
        return sum_selection(grid.entries_model.table, blocks, shown)


__all__ = ["GridStatus", "selection_text"]
