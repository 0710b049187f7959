"""The journal grid's column widths: the page's defaults, the widths the user dragged them to
(kept in the settings file and restored at the next start), and a No. Bukti column wide
enough for the references just loaded ("BKK/2026/00017", never "BKK/2026/00…").

A width is saved a moment after the drag ends (one write for a whole drag), and at once when
the grid is hidden (the window closing). The last column stretches to the window's edge: its
width follows the window, not the user, so it is not saved. Widening No. Bukti for a loaded
journal is not saved either: the next journal is measured again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle, QTableView

from app.core.column_layout import MAX_WIDTH, format_widths, longest_texts, parse_widths
from app.core.grid_columns import Column
from app.profiles.settings import COLUMN_WIDTHS, Settings

SAVE_DELAY_MS = 500
SettingsSource = Callable[[], Settings | None]


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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._grid:
            if event.type() == QEvent.Type.Show and not self._restored:
                self.restore()
            elif event.type() == QEvent.Type.Hide and self._save_timer.isActive():
                self.save()
        return super().eventFilter(watched, event)

    # --- internals --------------------------------------------------------------------------

    def _apply(self, widths: Mapping[Column, int]) -> None:
        self._applying = True
        try:
            for column, width in widths.items():
                self._grid.setColumnWidth(column, width)
        finally:
            self._applying = False

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


__all__ = ["ColumnWidths"]
