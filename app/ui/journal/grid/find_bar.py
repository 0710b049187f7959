"""The find and replace bar above the journal grid (Ctrl+F, Ctrl+H).

Find looks through every shown column; replace works within the column chosen (the current
cell's, to begin with), and "Replace all" is one undoable step. Escape closes the bar and
returns to the grid.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from app.core.grid.columns import COLUMN_TITLES, EDITABLE_COLUMNS, Column
from app.core.grid.find import find_cell, replace_edits
from app.core.i18n import ntr, tr
from app.ui.common.hint_label import mute
from app.ui.journal.grid.view import JournalGrid
from app.ui.journal.import_panel import Translated

REPLACE = tr("Ganti")
REPLACE_ALL = tr("Ganti semua")
NOT_FOUND = tr("Tidak ditemukan.")


class FindBar(QFrame):
    """Find in the grid's cells; replace within one column."""

    def __init__(self, grid: JournalGrid, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self._grid = grid
        self._model = grid.entries_model
        self._texts = Translated()
        self.find_edit = QLineEdit(self)
        self.find_edit.setClearButtonEnabled(True)
        self.previous_button = QToolButton(self)
        self.previous_button.setText("▲")
        self.next_button = QToolButton(self)
        self.next_button.setText("▼")
        self.status = QLabel(self)
        mute(self.status)
        self.replace_edit = QLineEdit(self)
        self.column_combo = QComboBox(self)
        self.replace_button = QPushButton(self)
        self.replace_all_button = QPushButton(self)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self._find_label = QLabel(self)
        self._replace_label = QLabel(self)
        self._column_label = QLabel(self)
        self._layout()
        self._label()
        self._connect()
        self.hide()

    # --- showing ------------------------------------------------------------------------------

    def show_find(self) -> None:
        self._show(replacing=False)

    def show_replace(self) -> None:
        self._show(replacing=True)

    def _show(self, *, replacing: bool) -> None:
        for widget in self._replace_widgets():
            widget.setVisible(replacing)
        current = self._grid.currentIndex()
        if current.isValid():
            text = self._model.text(current.row(), current.column())
            if text and not self.find_edit.text():
                self.find_edit.setText(text)
            if replacing and current.column() in EDITABLE_COLUMNS:
                self.column_combo.setCurrentIndex(self.column_combo.findData(current.column()))
        self.status.clear()
        self.show()
        self.find_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self._grid.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    # --- finding and replacing -------------------------------------------------------------

    def find_next(self, *, backwards: bool = False, columns: list[Column] | None = None) -> bool:
        """Select the next cell holding the text; False (and "Not found.") if none does."""
        current = self._grid.currentIndex()
        start = (current.row(), current.column()) if current.isValid() else None
        shown = columns or [c for c in Column if not self._grid.isColumnHidden(c)]
        found = find_cell(
            self._model.table,
            self.find_edit.text(),
            start,
            shown,
            self._model.number_style,
            backwards=backwards,
        )
        if found is None:
            self.status.setText(NOT_FOUND.get())
            return False
        self.status.clear()
        self._grid.select_area(found[0], found[0], found[1], found[1])
        return True

    def replace_one(self) -> None:
        """Replace in the current cell if it holds the text, then find the next one."""
        column = self._column()
        current = self._grid.currentIndex()
        if current.isValid() and current.column() == column:
            edits = replace_edits(
                self._model.table,
                self.find_edit.text(),
                self.replace_edit.text(),
                column,
                self._model.number_style,
                rows=[current.row()],
            )
            self._model.set_cells(edits, REPLACE)
        self.find_next(columns=[column])

    def replace_all(self) -> int:
        """Replace in every cell of the chosen column, as one undoable step."""
        column = self._column()
        edits = replace_edits(
            self._model.table,
            self.find_edit.text(),
            self.replace_edit.text(),
            column,
            self._model.number_style,
        )
        changed = self._model.set_cells(edits, REPLACE_ALL)
        self.status.setText(
            ntr(
                "{n} sel diganti di kolom {c}.",
                "{n} sel diganti di kolom {c}.",
                changed,
                c=COLUMN_TITLES[column],
            ).get()
        )
        return changed

    def retranslate(self) -> None:
        self._texts.apply()
        for index in range(self.column_combo.count()):
            column = Column(self.column_combo.itemData(index))
            self.column_combo.setItemText(index, COLUMN_TITLES[column].get())

    # --- building -----------------------------------------------------------------------------

    def _column(self) -> Column:
        return Column(self.column_combo.currentData())

    def _replace_widgets(self) -> list[QWidget]:
        return [
            self._replace_label,
            self.replace_edit,
            self._column_label,
            self.column_combo,
            self.replace_button,
            self.replace_all_button,
        ]

    def _layout(self) -> None:
        for column in sorted(EDITABLE_COLUMNS):
            self.column_combo.addItem(COLUMN_TITLES[column].get(), int(column))
        layout = QGridLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setHorizontalSpacing(6)
        layout.addWidget(self._find_label, 0, 0)
        layout.addWidget(self.find_edit, 0, 1)
        layout.addWidget(self.previous_button, 0, 2)
        layout.addWidget(self.next_button, 0, 3)
        layout.addWidget(self.status, 0, 4, 1, 2)
        layout.addWidget(self.close_button, 0, 6)
        layout.addWidget(self._replace_label, 1, 0)
        layout.addWidget(self.replace_edit, 1, 1)
        layout.addWidget(self._column_label, 1, 2, 1, 2)
        layout.addWidget(self.column_combo, 1, 4)
        layout.addWidget(self.replace_button, 1, 5)
        layout.addWidget(self.replace_all_button, 1, 6)
        layout.setColumnStretch(1, 1)

    def _label(self) -> None:
        bind = self._texts.bind
        bind(self._find_label.setText, tr("Cari:"))
        bind(
            self.find_edit.setPlaceholderText,
            tr("teks di sel mana pun (Enter: berikutnya)"),
        )
        bind(self.previous_button.setToolTip, tr("Sebelumnya"))
        bind(self.next_button.setToolTip, tr("Berikutnya"))
        bind(self._replace_label.setText, tr("Ganti dengan:"))
        bind(self._column_label.setText, tr("di kolom"))
        bind(self.replace_button.setText, REPLACE)
        bind(self.replace_all_button.setText, REPLACE_ALL)
        bind(
            self.replace_all_button.setToolTip,
            tr("Ganti di setiap sel kolom itu; Urungkan (Ctrl+Z) mengembalikan semuanya."),
        )
        bind(self.close_button.setToolTip, tr("Tutup (Esc)"))

    def _connect(self) -> None:
        self.find_edit.returnPressed.connect(self.find_next)
        self.next_button.clicked.connect(lambda: self.find_next())
        self.previous_button.clicked.connect(lambda: self.find_next(backwards=True))
        self.replace_edit.returnPressed.connect(self.replace_one)
        self.replace_button.clicked.connect(self.replace_one)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.close_button.clicked.connect(self.close_bar)


__all__ = ["FindBar"]
