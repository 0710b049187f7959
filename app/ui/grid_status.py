"""The grid's part of the page's status bar: the selection's sum when several cells are
selected ("Jumlah: Rp 1.234.567,00 · 5 sel"), as a spreadsheet shows it.

It follows the selection and the values under it; the work waits for the event loop's next
turn, so a drag across many cells, or Select All on 100,000 rows, is summed once.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.core.i18n import Text, tr
from app.core.selection_sum import SelectionSum, sum_selection
from app.ui.journal_grid import JournalGrid
from app.ui.texts import count, money


def selection_text(summed: SelectionSum) -> Text:
    """ "Jumlah: Rp 1.234.567,00 · 5 sel", or "5 sel" when no amount is selected."""
    cells = {"n": count(summed.cells, "id"), "n_en": count(summed.cells, "en")}
    if not summed.amounts:
        return tr("{n} sel", "{n_en} cells", **cells)
    return tr(
        "Jumlah: Rp {v} · {n} sel",
        "Sum: Rp {v_en} · {n_en} cells",
        v=money(summed.total, "id"),
        v_en=money(summed.total, "en"),
        **cells,
    )


class GridStatus(QWidget):
    """The selection's sum, shown while more than one cell is selected."""

    def __init__(self, grid: JournalGrid, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = grid
        self.selection_label = QLabel(self)
        self.selection_label.setObjectName("selectionSum")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.selection_label)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        model = grid.entries_model
        grid.selectionModel().selectionChanged.connect(self._timer.start)
        model.modelReset.connect(self._timer.start)
        model.status_changed.connect(self._timer.start)  # the values under it changed
        self.refresh()

    def refresh(self) -> None:
        summed = self.selection_sum()
        self.selection_label.setVisible(summed.cells > 1)
        if summed.cells > 1:
            self.selection_label.setText(selection_text(summed).get())

    def retranslate(self) -> None:
        self.refresh()

    def selection_sum(self) -> SelectionSum:
        grid = self._grid
        blocks = [
            (part.top(), part.bottom(), part.left(), part.right())
            for part in grid.selectionModel().selection()
        ]
        shown = {c for c in range(grid.model().columnCount()) if not grid.isColumnHidden(c)}
        return sum_selection(grid.entries_model.table, blocks, shown)


__all__ = ["GridStatus", "selection_text"]
