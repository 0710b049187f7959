"""The journal page's files: Import Excel (and reading it again with other options), the
template and the problem report. Each asks for its file in the user's language, runs on a
worker (`app.core.grid.page_files`) and says on the page's banner how it went; a workbook that
cannot be read loses nothing of the grid. What a workbook held is laid out by the page (the
`imported` callback): the grid, the import options and the problems are all its own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.excel.reader import ImportOptions
from app.core.grid import page_words as words
from app.core.grid.page_files import (
    ImportOutcome,
    import_workbook,
    save_error_report,
    save_template,
)
from app.core.i18n import Text, tr
from app.profiles.settings import Settings
from app.ui.common.dialogs import ask_path
from app.ui.common.message_banner import MessageBanner
from app.ui.common.tasks import Runners
from app.ui.journal.grid.model import EntriesModel
from app.ui.journal.import_panel import ImportOptionsPanel
from app.ui.journal.toolbar import JournalToolbar

IMPORT_TITLE = tr("Impor jurnal dari Excel")
REPORT_TITLE = tr("Simpan laporan masalah")
TEMPLATE_TITLE = tr("Simpan templat")
TEMPLATE_NAME = "Templat Jurnal.xlsx"


class JournalFiles(QObject):
    """Reads and writes the page's workbooks on its runners; the page shows the outcome.

    It reads the grid's `model` (its chart, whether it holds lines, its number style) and the
    `options_panel` (the last import and the options chosen for reading it again), shows
    what runs on the `toolbar` and how it went on the `banner`, and asks its files over
    `page`. `with_mapping` adds the company's account mapping to an import's options,
    `imported` lays out a workbook read, and `settings` gives the app's settings (the last
    folder used), when the page has them."""

    def __init__(
        self,
        model: EntriesModel,
        banner: MessageBanner,
        toolbar: JournalToolbar,
        options_panel: ImportOptionsPanel,
        runners: Runners,
        page: QWidget,
        *,
        with_mapping: Callable[[ImportOptions], ImportOptions],
        imported: Callable[[ImportOutcome], None],
        settings: Callable[[], Settings | None],
    ) -> None:
        super().__init__(page)
        self._model = model
        self._banner = banner
        self._toolbar = toolbar
        self._options_panel = options_panel
        self._page = page
        self._with_mapping = with_mapping
        self._settings = settings
        self.import_runner = runners.new(result=imported, error=self._failed)
        self._report_runner = runners.new(result=self._report_saved, error=self._failed)
        self._template_runner = runners.new(result=self._template_saved, error=self._failed)

    # --- the work ---------------------------------------------------------------------------

    def import_file(self, path: Path, options: ImportOptions | None = None) -> None:
        """Read a workbook on a worker. Text amounts are read in the grid's number style
        unless `options` say otherwise."""
        options = options or ImportOptions(number_style=self._model.number_style)
        self._toolbar.show_busy(words.reading_text(path))
        options = self._with_mapping(options)
        self.import_runner.start(import_workbook, path, options, self._model.chart)

    def reread(self) -> None:
        panel = self._options_panel
        result = panel.result
        if result is None:
            return
        options = panel.options()
        if options.mapping is not None:
            problem = panel.mapping_problem()
            if problem is not None:
                self._banner.show_message(words.ERROR, problem)
                return
        self.import_file(result.path, options)

    def save_problem_report(self, path: Path) -> None:
        result = self._options_panel.result
        if result is None:
            return
        self._toolbar.show_busy(words.SAVING_REPORT)
        self._report_runner.start(save_error_report, result, path)

    def save_template(self, path: Path) -> None:
        self._toolbar.show_busy(words.SAVING_TEMPLATE)
        self._template_runner.start(save_template, path)

    # --- asking for the file ----------------------------------------------------------------

    def choose_workbook(self) -> None:
        if self._model.line_count and not self._confirm_replace():
            return
        path = self._ask_path(IMPORT_TITLE, words.WORKBOOK_FILTER, save_as=None)
        if path is not None:
            self.import_file(path)

    def choose_report_path(self) -> None:
        result = self._options_panel.result
        if result is None:
            return
        suggested = result.path.with_name(f"{result.path.stem} - masalah.xlsx")
        path = self._ask_path(REPORT_TITLE, words.XLSX_FILTER, suggested)
        if path is not None:
            self.save_problem_report(path)

    def choose_template_path(self) -> None:
        path = self._ask_path(TEMPLATE_TITLE, words.XLSX_FILTER, Path.home() / TEMPLATE_NAME)
        if path is not None:
            self.save_template(path)

    def _ask_path(self, title: Text, filters: Text, save_as: Path | None) -> Path | None:
        """A file dialog in the user's language, opening in the last folder used."""
        settings = self._settings()
        return ask_path(self._page, title, filters, save_as=save_as, settings=settings)

    def _confirm_replace(self) -> bool:
        box = QMessageBox(self._page)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(tr("Impor Excel").get())
        box.setText(
            tr("Jurnal di tabel akan diganti dengan isi berkas yang diimpor. Lanjutkan?").get()
        )
        replace = box.addButton(tr("Ganti").get(), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(tr("Batal").get(), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is replace

    # --- how it went ------------------------------------------------------------------------

    def _failed(self, error: BaseException) -> None:
        """Nothing of the grid is lost: the file simply was not taken (or not written)."""
        self._banner.show_message(words.ERROR, words.file_error_text(error))

    def _report_saved(self, path: Path) -> None:
        self._banner.show_message(words.INFO, words.report_saved_text(path))

    def _template_saved(self, path: Path) -> None:
        self._banner.show_message(words.INFO, words.template_saved_text(path))
