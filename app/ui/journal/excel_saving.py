""" "Simpan sebagai Excel…": the journal grid written as a workbook in the template's layout.

One action (File menu, a button on the page's toolbar, Ctrl+Shift+S). The grid is copied on
the GUI thread and written on a worker (app.core.excel.grid_workbook), which the importer reads
back as the same entries. Once written, the grid is kept (`DraftKeeper.mark_kept`: its undo
history is marked saved and the draft goes) unless it changed while the file was written:
those later changes are still unsaved work.

Neighbouring entries that the re-import would read as one (the same reference, or the second
without one on the same date) are not saved: the page says which, puts the cursor on the
second entry's reference, and nothing is written (app.core.excel.grid_workbook).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from datetime import date
from pathlib import Path
from typing import Final

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton, QWidget

from app.core.error_text import error_kind
from app.core.excel.grid_workbook import (
    MergingPair,
    merging_neighbours,
    merging_text,
    write_entries,
)
from app.core.grid.columns import Column
from app.core.grid.entry_table import EntryTable
from app.core.i18n import JurnalError, Text, tr
from app.drafts.file import Draft, snapshot
from app.drafts.words import saved_as_excel_text
from app.profiles.settings import Settings
from app.ui.common.dialogs import ask_path
from app.ui.common.tasks import CLOSE_WAIT_SECONDS, TaskRunner, TaskState, Timeout
from app.ui.common.words import bind
from app.ui.journal.drafts import DraftKeeper
from app.ui.journal.page import XLSX_FILTER, MessageBanner

SAVE_AS_EXCEL: Final = tr("Simpan sebagai &Excel…")
SAVE_AS_BUTTON: Final = tr("Simpan sebagai Excel…")
SAVE_AS_TIP: Final = tr(
    "Simpan isi tabel sebagai buku kerja Excel berformat templat, siap diimpor lagi (Ctrl+Shift+S)."
)
SHORTCUT: Final = "Ctrl+Shift+S"

PathChooser = Callable[[QWidget, Path, Settings | None], Path | None]


def choose_workbook_path(
    parent: QWidget, suggested: Path, settings: Settings | None
) -> Path | None:
    """The save dialog, in the app's language, opening in the last folder used."""
    title = tr("Simpan sebagai Excel")
    return ask_path(parent, title, XLSX_FILTER, save_as=suggested, settings=settings)


def entries_that_would_merge(table: EntryTable) -> list[MergingPair]:
    """The table's neighbouring entries a re-import would read as one (GUI thread: one pass
    over the entries, no copy)."""
    marks = table.cell_marks()
    typed = {
        (row, "date"): raw[Column.DATE] for row, (_read, raw) in marks.items() if Column.DATE in raw
    }
    return merging_neighbours(table.entries, typed)


def save_grid(path: Path, draft: Draft, state: TaskState) -> Path:
    """Worker: the grid's copy written as a workbook."""
    return write_entries(path, draft.entries, draft.typed_cells())


class ExcelSaver(QObject):
    """The "Simpan sebagai Excel…" action of the journal page."""

    saved = Signal(object)  # Path: the workbook written
    failed = Signal(object)  # BaseException

    def __init__(
        self,
        keeper: DraftKeeper,
        executor: Executor,
        window: QWidget,
        *,
        choose_path: PathChooser = choose_workbook_path,
    ) -> None:
        super().__init__(window)
        self._keeper = keeper
        self._window = window
        self.choose_path = choose_path
        self.action = QAction(window)
        bind(self.action, SAVE_AS_EXCEL)
        bind(self.action, SAVE_AS_TIP, "setToolTip")
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(lambda: self.choose_and_save())
        window.addAction(self.action)  # its key works on every page of the window
        self._runner = TaskRunner(executor, self)
        self._runner.result_ready.connect(self._saved)
        self._runner.error_raised.connect(self._failed)
        self._version = -1
        self._count = 0
        self._then: Callable[[], None] | None = None
        self.button: QPushButton | None = None
        self._add_button()

    @property
    def busy(self) -> bool:
        return self._runner.busy

    def choose_and_save(self, then: Callable[[], None] | None = None) -> bool:
        """Ask where, then save; `then` runs once the workbook is written. False when there
        was nothing to save or no file was chosen."""
        page = self._keeper.page
        if self._runner.busy:
            return False
        self._keeper.commit_typing()  # the cell being typed in is saved too
        if page.model.line_count == 0:
            page.banner.show_message(
                MessageBanner.INFO,
                tr("Belum ada jurnal untuk disimpan."),
            )
            return False
        pairs = entries_that_would_merge(page.model.table)
        if pairs:
            page.banner.show_message(MessageBanner.ERROR, merging_text(pairs))
            page.select_cell(pairs[0].second_line, Column.REFERENCE)
            return False
        path = self.choose_path(self._window, self._suggested(), page.settings)
        if path is None:
            return False
        self.save(path, then)
        return True

    def save(self, path: str | Path, then: Callable[[], None] | None = None) -> None:
        """Write the grid as it is now to `path` on a worker."""
        page = self._keeper.page
        self._keeper.commit_typing()
        self._version = self._keeper.version
        self._then = then
        page.banner.show_message(MessageBanner.INFO, tr("Menyimpan {p}…", p=Path(path).name))
        draft = snapshot(page.model.table)
        self._count = draft.entry_count
        self._runner.start(save_grid, Path(path), draft)

    def shutdown(self, timeout: Timeout = CLOSE_WAIT_SECONDS) -> bool:
        return self._runner.shutdown(timeout)

    # --- internals ----------------------------------------------------------------------------

    def _add_button(self) -> None:
        """Beside Import and Template on the page's toolbar."""
        page = self._keeper.page
        self.button = QPushButton(page)
        bind(self.button, SAVE_AS_BUTTON)
        bind(self.button, SAVE_AS_TIP, "setToolTip")
        self.button.clicked.connect(self.action.trigger)
        page.toolbar.insertWidget(2, self.button)

    def _suggested(self) -> Path:
        last = self._keeper.page.last_import
        if last is not None:
            return last.path.with_name(f"{last.path.stem} - Jurnal Desk.xlsx")
        return Path.home() / f"Jurnal {date.today():%Y-%m-%d}.xlsx"

    def _saved(self, path: Path) -> None:
        page = self._keeper.page
        changed = self._version != self._keeper.version
        if not changed:
            self._keeper.mark_kept()
        text = saved_as_excel_text(self._count, path)
        if changed:
            text += tr("Perubahan sesudah penyimpanan dimulai belum tersimpan.")
        page.banner.show_message(MessageBanner.INFO, text)
        then, self._then = self._then, None
        self.saved.emit(path)
        if then is not None and not changed:
            then()

    def _failed(self, error: BaseException) -> None:
        self._then = None
        self._keeper.page.banner.show_message(MessageBanner.ERROR, _failed_text(error))
        self.failed.emit(error)


def _failed_text(error: BaseException) -> Text:
    if isinstance(error, JurnalError):
        return error.text
    return tr(
        "Buku kerja tidak tersimpan ({e}); tabel tidak berubah. Coba lagi atau pilih folder lain.",
        e=error_kind(error),
    )


__all__ = ["SAVE_AS_EXCEL", "SHORTCUT", "ExcelSaver", "choose_workbook_path", "save_grid"]
