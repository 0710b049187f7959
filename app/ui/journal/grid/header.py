"""The journal grid's column titles, painted without asking the model about every row.

For each title it paints, Qt's own header works out whether the columns beside it are wholly
selected (for styles that draw a run of selected titles joined): with a whole column of
100,000 lines selected that is a question to the model for every row, three Python calls
each, about 0.3 s for every repaint of the titles (after a Delete, while scrolling). The grid
never draws a title as selected (`highlightSections` is off), so those answers are never
used: this header fills in each title's style the same way, leaving them out.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QBrush, QIcon, QPalette
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget

_POSITION = QStyleOptionHeader.SectionPosition


class GridHeader(QHeaderView):
    """A horizontal header whose titles' style options need no look at the selection."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)  # a click on a title selects its column, as in Qt's

    def initStyleOptionForIndex(self, option: QStyleOptionHeader, logical: int) -> None:
        model = self.model()
        if model is None:
            return
        orientation = self.orientation()
        if self.window().isActiveWindow():
            option.state |= QStyle.StateFlag.State_Active
        if self.isSortIndicatorShown() and self.sortIndicatorSection() == logical:
            ascending = self.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
            option.sortIndicator = (
                QStyleOptionHeader.SortIndicator.SortDown
                if ascending
                else QStyleOptionHeader.SortIndicator.SortUp
            )
        alignment = model.headerData(logical, orientation, Qt.ItemDataRole.TextAlignmentRole)
        option.section = logical
        option.textAlignment = (
            self.defaultAlignment() if alignment is None else Qt.AlignmentFlag(alignment)
        )
        option.iconAlignment = Qt.AlignmentFlag.AlignVCenter
        option.text = str(model.headerData(logical, orientation) or "")
        icon = model.headerData(logical, orientation, Qt.ItemDataRole.DecorationRole)
        if isinstance(icon, QIcon):
            option.icon = icon
        if hasattr(option, "textElideMode"):  # QStyleOptionHeaderV2
            option.textElideMode = self.textElideMode()
        self._brushes(option, model, logical)
        option.position = self._position(logical)
        option.orientation = orientation
        option.selectedPosition = QStyleOptionHeader.SelectedPosition.NotAdjacent

    def _brushes(self, option: QStyleOptionHeader, model: QAbstractItemModel, logical: int) -> None:
        orientation = self.orientation()
        foreground = model.headerData(logical, orientation, Qt.ItemDataRole.ForegroundRole)
        if isinstance(foreground, QBrush):
            option.palette.setBrush(QPalette.ColorRole.ButtonText, foreground)
        background = model.headerData(logical, orientation, Qt.ItemDataRole.BackgroundRole)
        if isinstance(background, QBrush):
            option.palette.setBrush(QPalette.ColorRole.Button, background)
            option.palette.setBrush(QPalette.ColorRole.Window, background)

    def _position(self, logical: int) -> QStyleOptionHeader.SectionPosition:
        if self.count() == 1:
            return _POSITION.OnlyOneSection
        visual = self.visualIndex(logical)
        if visual == 0:
            return _POSITION.Beginning
        if visual == self.count() - 1:
            return _POSITION.End
        return _POSITION.Middle


__all__ = ["GridHeader"]
