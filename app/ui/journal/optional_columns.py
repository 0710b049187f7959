"""Which of the grid's optional columns (branch, party, rate, classifications) are shown.

A journal that uses none of them should read like one without them, so by default an
optional column shows only when some line holds a value there or a problem is marked there.
The "Kolom tambahan" toggle shows all of them (to type into an empty one); a right click on
the column titles picks them one by one. An edit or paste that fills a hidden column, and a
jump to a problem in one, shows it.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QPushButton, QTableView, QWidget

from app.core.grid.columns import COLUMN_TITLES, OPTIONAL_COLUMNS, Column
from app.core.i18n import tr
from app.ui.journal.grid.model import EntriesModel

TOGGLE_TEXT = tr("Kolom tambahan")
TOGGLE_TIP = tr(
    "Tampilkan semua kolom tidak wajib (Cabang, Pelanggan, Pemasok, Karyawan, Kurs, Jumlah "
    "Valuta, Klasifikasi). Tanpa ini hanya kolom yang berisi yang tampil. Klik kanan judul "
    "kolom untuk memilih satu per satu."
)
SHOW_ALL = tr("Tampilkan semua kolom tambahan")
HIDE_EMPTY = tr("Sembunyikan kolom tambahan yang kosong")


class OptionalColumns(QObject):
    """Shows and hides the optional columns of `grid` (whose model is `model`)."""

    def __init__(self, grid: QTableView, model: EntriesModel, parent: QWidget) -> None:
        super().__init__(parent)
        self._grid = grid
        self._model = model
        self.toggle = QPushButton(parent)
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(lambda _checked: self.apply())
        header = grid.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_menu)
        model.modelReset.connect(self.apply)
        model.optional_columns_needed.connect(self.reveal)
        self.retranslate()
        self.apply()

    @property
    def show_all(self) -> bool:
        return self.toggle.isChecked()

    def shown(self) -> list[Column]:
        return [column for column in OPTIONAL_COLUMNS if not self._grid.isColumnHidden(column)]

    def apply(self) -> None:
        """Every optional column with a value or a problem shown, the rest hidden (or all
        shown while the toggle is on)."""
        in_use = self._model.table.optional_columns_in_use()
        for column in OPTIONAL_COLUMNS:
            self._grid.setColumnHidden(column, not (self.show_all or column in in_use))

    def reveal(self, columns: Iterable[int]) -> None:
        for column in columns:
            if column in _OPTIONAL and self._grid.isColumnHidden(column):
                self._grid.setColumnHidden(column, False)

    def menu(self) -> QMenu:
        """The column titles' context menu: one check per optional column."""
        menu = QMenu(self._grid)
        for column in OPTIONAL_COLUMNS:
            action = QAction(COLUMN_TITLES[column].get(), menu)
            action.setCheckable(True)
            action.setChecked(not self._grid.isColumnHidden(column))
            action.setData(int(column))
            action.toggled.connect(
                lambda checked, c=column: self._grid.setColumnHidden(c, not checked)
            )
            menu.addAction(action)
        menu.addSeparator()
        show_all = menu.addAction(SHOW_ALL.get())
        show_all.triggered.connect(lambda: self.reveal(OPTIONAL_COLUMNS))
        hide_empty = menu.addAction(HIDE_EMPTY.get())
        hide_empty.triggered.connect(self._hide_empty)
        return menu

    def retranslate(self) -> None:
        self.toggle.setText(TOGGLE_TEXT.get())
        self.toggle.setToolTip(TOGGLE_TIP.get())

    def _hide_empty(self) -> None:
        self.toggle.setChecked(False)
        self.apply()

    def _show_menu(self, position: QPoint) -> None:
        menu = self.menu()
        menu.exec(self._grid.horizontalHeader().mapToGlobal(position))
        menu.deleteLater()


_OPTIONAL = frozenset(OPTIONAL_COLUMNS)

__all__ = ["OptionalColumns"]
