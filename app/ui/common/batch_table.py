"""The table of a batch's entries, as the posting window and the history show it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QAbstractItemModel, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

from app.core.grid.column_layout import MAX_WIDTH, longest_texts

_PADDING = 12  # beyond the text: the cell's margins and the header's sort arrow room


def entries_table(
    parent: QWidget,
    model: QAbstractItemModel,
    name: str,
    widths: Mapping[int, int],
    fitted: Sequence[int] = (),
) -> QTableView:
    """Whole-row selection, one line per row, and the given column widths. Fixed widths:
    sizing columns to their contents reads every row (slow for 25,000); the `fitted`
    columns (references, dates: short texts that must show whole, in either language) are
    widened to their longest text whenever the rows are replaced, never narrowed."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(26)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    for column, width in widths.items():
        header.resizeSection(column, width)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setMinimumSectionSize(40)
    if fitted:
        model.modelReset.connect(lambda: fit_columns(table, fitted))
        model.headerDataChanged.connect(lambda *_: fit_columns(table, fitted))
    return table


def attention_filter(
    model: QAbstractItemModel, parent: QObject, role: int, column: int
) -> QSortFilterProxyModel:
    """Every row, or (`setFilterFixedString(<the model's attention mark>)`) only those whose
    `role` data says they need attention; re-filtered as statuses change, so `column` must be
    one the model's dataChanged spans."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setFilterRole(role)
    proxy.setFilterKeyColumn(column)
    proxy.setDynamicSortFilter(True)
    return proxy


def fit_columns(table: QTableView, columns: Sequence[int]) -> None:
    """Widen each column to its title and its longest text (a few longest measured)."""
    model, header = table.model(), table.horizontalHeader()
    cell_metrics = QFontMetrics(table.font())
    title_font = header.font()
    title_font.setBold(True)  # the window's style sheet makes titles bold
    title_metrics = QFontMetrics(title_font)
    margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    for column in columns:
        texts = longest_texts(
            str(model.data(model.index(row, column)) or "") for row in range(model.rowCount())
        )
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        needed = max(
            [title_metrics.horizontalAdvance(title)]
            + [cell_metrics.horizontalAdvance(text) for text in texts]
        )
        needed = min(needed + margin + _PADDING, MAX_WIDTH)
        if needed > header.sectionSize(column):
            header.resizeSection(column, needed)
