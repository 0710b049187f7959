"""The journal grid's column widths: the page's defaults, the widths the user dragged them to
(kept in the settings file and restored at the next start), and a No. Bukti column wide
enough for the references just loaded ("BKK/2026/00017", never "BKK/2026/00…").

A width is saved a moment after the drag ends (one write for a whole drag), and at once when
the grid is hidden (the window closing). The last column stretches to the window's edge: its
width follows the window, not the user, so it is not saved. Widening No. Bukti for a loaded
journal is not saved either: the next journal is measured again.

The shown columns fit the grid's width when they can: in a narrower window (the default
1280 pixels) the columns of free text (Deskripsi, Nama Akun, Keterangan) give up width, down
to a floor, before a horizontal scroll bar appears, so no column is cut at the window's edge.
A column the user sized keeps that size; none is made wider than its default.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle, QTableView

from app.core.grid.column_layout import MAX_WIDTH, format_widths, longest_texts, parse_widths
from app.core.grid.columns import Column
from app.profiles.settings import COLUMN_WIDTHS, Settings

SAVE_DELAY_MS = 500
SettingsSource = Callable[[], Settings | None]
# The columns that narrow to fit the window, and how narrow they may get.
FLEXIBLE_FLOORS: Mapping[Column, int] = {
    Column.DESCRIPTION: 96,
    Column.ACCOUNT_NAME: 90,
    Column.MEMO: 90,
}


class ColumnWidths(QObject):
    """Sets, restores and remembers the widths of a journal grid's columns."""

    def __init__(
        self,
        grid: QTableView,
        defaults: Mapping[Column, int],
        settings: SettingsSource,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._grid = grid
        self._defaults = dict(defaults)
        self._settings = settings
        self._chosen: dict[Column, int] = {}  # what the user dragged columns to
        self._applying = False
        self._restored = False
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save)
        self._apply(defaults)
        grid.horizontalHeader().sectionResized.connect(self._resized)
        grid.model().modelReset.connect(self.fit_references)
        # The row numbers and the vertical scroll bar come and go with the rows.
        grid.horizontalScrollBar().rangeChanged.connect(lambda *_: self.fit_to_width())
        grid.installEventFilter(self)

    def restore(self) -> None:
        """The widths saved in the settings file (the settings are the page's by now)."""
        self._restored = True
        settings = self._settings()
        if settings is None:
            return
        saved = parse_widths(settings.get(COLUMN_WIDTHS))
        self._chosen.update(saved)
        self._apply(saved)
        self.fit_references()

    def save(self) -> None:
        self._save_timer.stop()
        settings = self._settings()
        if settings is not None and self._chosen:
            stored = parse_widths(settings.get(COLUMN_WIDTHS))
            settings.set(COLUMN_WIDTHS, format_widths(stored | self._chosen))

    def fit_references(self) -> None:
        """No. Bukti at least as wide as its longest reference (never narrowed)."""
        grid = self._grid
        table = getattr(grid.model(), "table", None)
        if table is None or not table.entries:
            return
        font = grid.font()
        font.setBold(True)  # references are shown bold
        metrics = QFontMetrics(font)
        references = longest_texts(entry.reference for entry in table.entries)
        widest = max((metrics.horizontalAdvance(text) for text in references), default=0)
        margin = grid.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
        needed = min(widest + 2 * margin + 8, MAX_WIDTH)
        if needed > grid.columnWidth(Column.REFERENCE):
            self._apply({Column.REFERENCE: needed})

    def fit_to_width(self) -> None:
        """The free-text columns the user has not sized: as wide as their defaults, or
        narrower (down to their floors) so the shown columns fit the grid's width."""
        flexible = [
            column
            for column in FLEXIBLE_FLOORS
            if column not in self._chosen and not self._grid.isColumnHidden(column)
        ]
        if not flexible:
            return
        defaults = {column: self._defaults[column] for column in flexible}
        room = sum(defaults.values()) - max(self._shown_width() - self._room(), 0)
        self._apply(shared_out(room, defaults, FLEXIBLE_FLOORS))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._grid:
            if event.type() == QEvent.Type.Show and not self._restored:
                self.restore()
            elif event.type() == QEvent.Type.Hide and self._save_timer.isActive():
                self.save()
            elif event.type() == QEvent.Type.Resize:
                self.fit_to_width()
        return super().eventFilter(watched, event)

    # --- internals --------------------------------------------------------------------------

    def _apply(self, widths: Mapping[Column, int]) -> None:
        self._applying = True
        try:
            for column, width in widths.items():
                self._grid.setColumnWidth(column, width)
        finally:
            self._applying = False

    def _shown_width(self) -> int:
        """The shown columns at their default widths (the flexible ones) or as they are; the
        stretched last one at its default."""
        header, total = self._grid.horizontalHeader(), 0
        last = self._stretched_column()
        for column in Column:
            if self._grid.isColumnHidden(column):
                continue
            flexible = column in FLEXIBLE_FLOORS and column not in self._chosen
            if flexible or column == last:
                total += self._defaults.get(column, header.defaultSectionSize())
            else:
                total += header.sectionSize(column)
        return total

    def _room(self) -> int:
        """The grid's width for columns, keeping room for a vertical scroll bar (there is
        one as soon as the journal is longer than the grid)."""
        grid = self._grid
        if grid.verticalScrollBar().isVisible():
            return grid.viewport().width()
        bar = grid.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return grid.viewport().width() - bar

    def _resized(self, logical: int, _old: int, new: int) -> None:
        if self._applying or new <= 0 or logical == self._stretched_column():
            return  # set here, hidden, or stretched to the window's edge
        self._chosen[Column(logical)] = new
        self._save_timer.start()

    def _stretched_column(self) -> int | None:
        header = self._grid.horizontalHeader()
        if not header.stretchLastSection():
            return None
        for visual in range(header.count() - 1, -1, -1):
            logical = header.logicalIndex(visual)
            if not header.isSectionHidden(logical):
                return logical
        return None


def shared_out(
    room: int, defaults: Mapping[Column, int], floors: Mapping[Column, int]
) -> dict[Column, int]:
    """Widths within `room` in proportion to the defaults, none below its floor (what a
    floored column cannot give up, the others do) nor above its default."""
    floored: set[Column] = set()
    while True:
        free = [column for column in defaults if column not in floored]
        left = room - sum(floors[column] for column in floored)
        scale = min(1.0, left / sum(defaults[column] for column in free)) if free else 1.0
        newly = {column for column in free if defaults[column] * scale < floors[column]}
        if not newly:
            break
        floored |= newly
    return {
        column: floors[column] if column in floored else int(defaults[column] * scale)
        for column in defaults
    }


__all__ = ["ColumnWidths", "shared_out"]
