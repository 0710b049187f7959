"""The journal page's account mapping: its toolbar button, the import hook and the apply step.

The main window tells it the company (`set_company(home, name)`); the page asks it for the
import options (the company's remembered mapping is applied on the worker, as the workbook is
read) and tells it what an import re-mapped, which it adds to the page's banner. The button,
and the same `action` in the window's Alat (Tools) menu
(app.ui.journal.grid.edit_menu.add_edit_menu), open
the dialog (app.ui.journal.mapping_dialog); what the dialog saves is remembered for the company
and applied to the grid as one undoable step (Ctrl+Z brings the old codes back).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Final

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton, QWidget

from app.core.books.account_mapping import (
    AccountMap,
    planned_remaps,
    remapped_summary,
    unknown_codes,
)
from app.core.books.journal import Chart
from app.core.error_text import os_reason
from app.core.excel.reader import ImportOptions, ImportResult
from app.core.grid.columns import Column
from app.core.i18n import Text, tr
from app.profiles.account_maps import AccountMapStore
from app.ui.common.message_banner import MessageBanner
from app.ui.common.words import bind
from app.ui.journal.grid.model import EntriesModel
from app.ui.journal.mapping_dialog import AccountMappingDialog
from app.ui.journal.mapping_model import mapping_rows

BUTTON: Final = tr("Pemetaan akun…")
MENU_ITEM: Final = tr("&Pemetaan akun…")
BUTTON_TIP: Final = tr(
    "Petakan kode akun dari bagan akun lain ke akun perusahaan ini; diingat per perusahaan."
)
APPLY: Final = tr("Terapkan pemetaan akun")


class JournalAccountMapping(QObject):
    """What the journal page needs of the account mapping, in one object it owns: the grid's
    `model` to map, the company's `chart` (as the page is given it) whose accounts the dialog
    offers, the page's `banner` to say what happened, and the `page` itself as the parent of
    the button and the dialog."""

    def __init__(
        self,
        model: EntriesModel,
        chart: Callable[[], Chart | None],
        banner: MessageBanner,
        page: QWidget,
    ) -> None:
        super().__init__(page)
        self._model = model
        self._chart = chart
        self._banner = banner
        self._page = page
        self.company: str | None = None
        self.store: AccountMapStore | None = None
        self.dialog: AccountMappingDialog | None = None  # the one open, if any
        self.button = QPushButton(page)
        bind(self.button, BUTTON)
        bind(self.button, BUTTON_TIP, "setToolTip")
        self.button.clicked.connect(self.open_dialog)
        self.action = QAction(self)  # the same dialog from the Alat menu
        bind(self.action, MENU_ITEM)
        bind(self.action, BUTTON_TIP, "setStatusTip")
        self.action.triggered.connect(self.open_dialog)

    def set_company(self, home: Path | None, company: str | None) -> None:
        """The company the grid is checked against now (None: none chosen)."""
        self.company = company
        self.store = AccountMapStore(home) if home is not None and company else None

    def stored(self) -> AccountMap:
        if self.store is None or self.company is None:
            return AccountMap()
        return self.store.get(self.company)

    # --- import -------------------------------------------------------------------------------

    def import_options(self, options: ImportOptions) -> ImportOptions:
        """`options` with the company's remembered mapping, applied as the workbook is read."""
        mapping = self.stored()
        return dataclasses.replace(options, account_map=mapping or None)

    def imported(self, result: ImportResult) -> None:
        """Say on the banner how many lines the remembered mapping re-mapped."""
        banner = self._banner
        if self.store is not None and self.store.problem is not None:
            banner.extend(self.store.problem, banner.WARNING)
        if result.remapped and self.company:
            banner.extend(remapped_summary(result.remapped, self.company))

    # --- the dialog -------------------------------------------------------------------------

    def open_dialog(self) -> AccountMappingDialog | None:
        """The dialog for the grid's unknown codes (window-modal, no nested event loop)."""
        chart = self._chart()
        if self.company is None or self.store is None:
            self._banner.show_message(MessageBanner.WARNING, _NO_COMPANY)
            return None
        if chart is None:
            self._banner.show_message(MessageBanner.WARNING, _NO_CHART)
            return None
        stored = self.store.get(self.company)
        rows = mapping_rows(unknown_codes(self._model.table.entries, chart), stored)
        dialog = AccountMappingDialog(
            rows, chart, company=self.company, warning=self.store.problem, parent=self._page
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.save_and_apply)
        dialog.destroyed.connect(self._forget_dialog)
        self.dialog = dialog
        dialog.open()
        return dialog

    def save_and_apply(self, mapping: AccountMap) -> int:
        """Remember the mapping for the company, then apply it to the grid."""
        if self.store is None or self.company is None:
            return 0
        try:
            self.store.save(self.company, mapping)
        except OSError as error:
            self._banner.show_message(MessageBanner.ERROR, _not_saved(error))
            return 0
        return self.apply(mapping)

    def apply(self, mapping: AccountMap) -> int:
        """Put the grid's lines on their company codes: one undoable step. Returns how many
        lines changed."""
        table = self._model.table
        changes = planned_remaps(table.entries, mapping, table.chart)
        new_codes = {id(change.line): change.new for change in changes}
        edits = [
            (row, Column.ACCOUNT, new_codes[id(line)])
            for row, line in enumerate(table.lines)
            if id(line) in new_codes
        ]
        changed = self._model.set_cells(edits, APPLY) if edits else 0
        if changed:
            summary = remapped_summary(changes, self.company or "")
            self._banner.show_message(MessageBanner.INFO, summary + _UNDO_HINT)
        elif mapping:
            self._banner.show_message(MessageBanner.INFO, _NOTHING_TO_APPLY)
        return changed

    def _forget_dialog(self) -> None:
        self.dialog = None


def _not_saved(error: OSError) -> Text:
    return tr(
        "Pemetaan akun tidak tersimpan ({e}); tabel tidak diubah. Periksa folder data Jurnal "
        "Desk, lalu coba lagi.",
        e=os_reason(error),
    )


_UNDO_HINT: Final = tr("Ctrl+Z mengembalikan kode lamanya.")
_NOTHING_TO_APPLY: Final = tr(
    "Pemetaan akun disimpan; tidak ada baris di tabel yang memakai kode lamanya."
)
_NO_COMPANY: Final = tr("Pilih perusahaan di atas dulu: pemetaan akun diingat per perusahaan.")
_NO_CHART: Final = tr(
    "Daftar akun perusahaan belum dimuat; tunggu sampai tersambung (lihat baris status di "
    "atas), lalu buka Pemetaan akun lagi."
)


__all__ = ["APPLY", "BUTTON", "MENU_ITEM", "JournalAccountMapping"]
