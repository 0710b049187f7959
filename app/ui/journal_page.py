"""The journal page: the grid where entries are typed or imported, checked as they change.

The page is self-contained: it is given an executor for work off the GUI thread and a way to
get the current company's chart, and it offers `entries()`, `is_ready()` and the
`ready_changed(bool)` signal to whoever posts. Reading a workbook, writing the template and
writing the error report all run on workers (`TaskRunner`); the GUI thread only lays out
what a worker has prepared, so a 100,000-line import appears at once.

Every change made in the grid is a command on the page's one undo stack (`undo_stack`;
its clean state, `is_clean()` / `clean_changed`, says whether the grid is as loaded or last
kept). The Edit menu, the grid's context menu and their keys are `edit_actions`
(app.ui.edit_menu); an import starts the history afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QPoint, QStringListModel, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.cents import CentRounding, touched_entries
from app.core.entry_table import EntryTable, table_from_import
from app.core.excel_reader import ImportOptions, ImportResult, list_sheets, read_workbook
from app.core.excel_writer import write_error_report, write_template
from app.core.grid_columns import CLASSIFICATION_COLUMNS, Column
from app.core.i18n import JurnalError, Text, tr
from app.core.journal import Account, JournalEntry, entry_name
from app.profiles.settings import Settings
from app.ui.account_mapping_hook import AccountMappingHook
from app.ui.column_widths import ColumnWidths
from app.ui.dialogs import ask_path
from app.ui.edit_menu import EditActions, RowCommands
from app.ui.entries_model import EntriesModel
from app.ui.find_bar import FindBar
from app.ui.grid_status import GridStatus
from app.ui.import_view import ImportOptionsPanel, ProblemsPanel, Translated
from app.ui.interpreter import collector_paused
from app.ui.journal_grid import GridDelegate, JournalGrid
from app.ui.optional_columns_view import OptionalColumns
from app.ui.tasks import Runners, TaskState, Timeout
from app.ui.texts import money

Chart = Mapping[str, Account]
ChartProvider = Callable[[], Chart | None]

WORKBOOK_FILTER = Text(
    "Buku kerja Excel (*.xlsx *.xlsm *.xls *.ods);;Semua berkas (*)",
    "Excel workbooks (*.xlsx *.xlsm *.xls *.ods);;All files (*)",
)
XLSX_FILTER = Text("Buku kerja Excel (*.xlsx)", "Excel workbook (*.xlsx)")
_COLUMN_WIDTHS = {
    Column.DATE: 84,
    Column.REFERENCE: 110,
    Column.DESCRIPTION: 210,
    Column.ACCOUNT: 76,
    Column.ACCOUNT_NAME: 160,
    Column.DEBIT: 108,
    Column.CREDIT: 108,
    Column.DIFFERENCE: 104,
    Column.MEMO: 170,
    Column.DEPARTMENT: 90,
    Column.PROJECT: 70,
    Column.BRANCH: 100,
    Column.CUSTOMER: 90,
    Column.VENDOR: 90,
    Column.EMPLOYEE: 90,
    Column.RATE: 90,
    Column.PRIME_AMOUNT: 110,
    **dict.fromkeys(CLASSIFICATION_COLUMNS, 100),
}


# --- work done on workers (plain Python: no Qt) -----------------------------------------------


@dataclass
class ImportOutcome:
    """A workbook read and laid out for the grid, ready to show."""

    result: ImportResult
    sheets: list[str]
    table: EntryTable
    options: ImportOptions


def import_workbook(
    path: Path, options: ImportOptions, chart: Chart | None, state: TaskState
) -> ImportOutcome:
    """List the sheets, read the journal, check it and lay it out (on a worker)."""
    with collector_paused():  # 100,000 lines of objects without cycles: see interpreter
        sheets = list_sheets(path)
        state.check()
        result = read_workbook(path, options, chart)
        state.check()
        return ImportOutcome(result, sheets, table_from_import(result, chart), options)


def save_error_report(result: ImportResult, path: Path, state: TaskState) -> Path:
    return write_error_report(result, path)


def save_template(path: Path, state: TaskState) -> Path:
    return write_template(path)


# --- small widgets --------------------------------------------------------------------------


_BANNER_ICONS = {
    "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
}


class MessageBanner(QFrame):
    """A message across the page, in the user's language."""

    ERROR, WARNING, INFO = "error", "warning", "info"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.kind = self.INFO
        self.text: Text | None = None
        self.icon = QLabel(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.other = QLabel(self)
        self.other.setWordWrap(True)
        self.other.setObjectName("bannerOther")
        self.other.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.message)
        texts.addWidget(self.other)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(texts, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, kind: str, text: Text) -> None:
        self.kind, self.text = kind, text
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self.icon.setPixmap(self.style().standardIcon(_BANNER_ICONS[kind]).pixmap(20, 20))
        self._show_text()
        self.show()

    def _show_text(self) -> None:
        if self.text is None:
            return
        self.message.setText(self.text.get())
        self.other.setVisible(False)  # one language at a time
        self.close_button.setToolTip(Text("Tutup", "Close").get())

    def retranslate(self) -> None:
        self._show_text()


_STYLE = """
#banner { border-radius: 4px; border: 1px solid #D0D7DE; background: #F1F6FD; }
#banner[kind="error"] { background: #FDECEC; border-color: #E5A3A3; }
#banner[kind="warning"] { background: #FFF6E0; border-color: #E8C77A; }
#bannerOther, #mutedNote { color: #5F6B7A; }
#totals { border-top: 1px solid #D0D7DE; }
#postButton:enabled { background: #1F5FAF; color: white; font-weight: bold;
    border: 1px solid #174A8A; border-radius: 3px; padding: 3px 12px; min-width: 80px; }
#totals QLabel { padding: 0 6px; }
#readyBadge { border-radius: 9px; padding: 2px 12px; font-weight: bold; }
#readyBadge[state="ready"] { background: #DDF4E4; color: #17663A; }
#readyBadge[state="problems"] { background: #FDECEC; color: #9B1C1C; }
#readyBadge[state="empty"] { background: #EEF1F4; color: #5F6B7A; }
#problemsTitle { font-weight: bold; }
"""


class JournalPage(QWidget):
    """Type or import journal entries; post only when every one is right."""

    ready_changed = Signal(bool)
    post_requested = Signal()  # the user pressed "Posting…" with every entry ready
    # True when the grid is as last loaded (or marked saved): the undo stack's clean state
    clean_changed = Signal(bool)

    def __init__(
        self,
        executor: Executor,
        chart_provider: ChartProvider,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._chart_provider = chart_provider
        self.settings: Settings | None = None  # the app's (the last folder), when given
        self._texts = Translated()
        self._ready = False
        self.model = EntriesModel(self, chart=chart_provider())
        self._completions = QStringListModel(self)
        self._runners = Runners(executor, self)
        self._import_runner = self._runners.new()
        self._report_runner = self._runners.new()
        self._template_runner = self._runners.new()
        self._build()
        self._connect()
        self._fill_completions()
        self.setStyleSheet(_STYLE)
        self._show_row_numbers()
        self._refresh_status()

    # --- public ---------------------------------------------------------------------------

    def entries(self) -> list[JournalEntry]:
        """The journal as it stands (copies), for the posting view."""
        return self.model.entries()

    def is_ready(self) -> bool:
        return self.model.is_ready

    @property
    def undo_stack(self) -> QUndoStack:
        """Every change made in the grid, to undo and redo (one stack for the page)."""
        return self.model.undo_stack

    def is_clean(self) -> bool:
        """Nothing changed since the grid was loaded or last marked saved (`mark_saved`)."""
        return self.model.undo_stack.isClean()

    def mark_saved(self) -> None:
        """The grid as it stands has been kept (a draft or a workbook written)."""
        self.model.undo_stack.setClean()

    @property
    def busy(self) -> bool:
        return self._runners.busy

    @property
    def last_import(self) -> ImportResult | None:
        return self.options_panel.result

    def import_file(self, path: str | Path, options: ImportOptions | None = None) -> None:
        """Read a workbook on a worker; the grid is replaced only if it can be read."""
        path = Path(path)
        self._show_busy(tr("Membaca {name}…", "Reading {name}…", name=path.name))
        options = self.account_mapping.import_options(options or ImportOptions())
        self._import_runner.start(import_workbook, path, options, self.model.chart)

    def reread(self) -> None:
        """Read the last imported file again with the options shown."""
        result = self.options_panel.result
        if result is None:
            return
        options = self.options_panel.options()
        if options.mapping is not None:
            problem = self.options_panel.mapping_problem()
            if problem is not None:
                self.banner.show_message(MessageBanner.ERROR, problem)
                return
        self.import_file(result.path, options)

    def save_problem_report(self, path: str | Path) -> None:
        result = self.options_panel.result
        if result is None:
            return
        self._show_busy(Text("Menyimpan laporan masalah…", "Saving the problem report…"))
        self._report_runner.start(save_error_report, result, Path(path))

    def save_template(self, path: str | Path) -> None:
        self._show_busy(Text("Menyimpan templat…", "Saving the template…"))
        self._template_runner.start(save_template, Path(path))

    def round_cents(self) -> list[CentRounding]:
        """Round every amount with a fraction of a cent in the grid (half-up), check the
        entries again and say what changed; returns the changes."""
        changes = self.model.round_cents()
        if changes:
            kind, text = _rounded_message(changes)
            self.banner.show_message(kind, text)
        return changes

    def refresh_chart(self) -> None:
        """The company changed (or its chart was reloaded): check every entry against it."""
        self.model.set_chart(self._chart_provider())
        self._fill_completions()

    def shutdown(self, timeout: Timeout = 10.0) -> bool:
        """Stop the workers (the window is closing; within `timeout` for all); False if one
        is still running."""
        return self._runners.shutdown(timeout)

    def retranslate(self) -> None:
        """Every text again in the language now chosen (app.core.i18n.set_language)."""
        self._texts.apply()
        self.model.retranslate()
        self.problems_panel.retranslate()
        self.options_panel.retranslate()
        self.optional_columns.retranslate()
        self.banner.retranslate()
        self.find_bar.retranslate()
        self.grid_status.retranslate()
        self.edit_actions.retranslate()
        self._refresh_status()

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = MessageBanner(self)
        self.account_mapping = AccountMappingHook(self)  # old codes -> the company's
        self.grid = self._build_grid()
        self.find_bar = FindBar(self.grid, self)
        self.edit_actions = EditActions(
            self.grid,
            self.find_bar,
            self.model.undo_stack,
            RowCommands(self._add_line, self._add_entry, self._remove_lines),
            self,
        )
        self.problems_panel = ProblemsPanel(self)
        self.options_panel = ImportOptionsPanel(self)
        self.options_panel.hide()
        self.options_panel.setMaximumWidth(560)
        self.lower = QSplitter(Qt.Orientation.Horizontal, self)
        self.lower.addWidget(self.problems_panel)
        self.lower.addWidget(self.options_panel)
        self.lower.setStretchFactor(0, 3)
        self.lower.setStretchFactor(1, 2)
        self.lower.setChildrenCollapsible(False)
        self.lower.hide()  # shown once there is something to say: problems or an import
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.grid)
        self.splitter.addWidget(self.lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.setSpacing(6)
        layout.addLayout(self._build_toolbar())
        layout.addWidget(self.banner)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self._build_totals())

    def _build_toolbar(self) -> QHBoxLayout:
        self.import_button = self._button(
            Text("Impor Excel…", "Import Excel…"),
            Text(
                "Baca jurnal dari buku kerja .xlsx, .xlsm, .xls atau .ods.",
                "Read entries from an .xlsx, .xlsm, .xls or .ods workbook.",
            ),
        )
        self.template_button = self._button(
            Text("Templat…", "Template…"),
            Text(
                "Simpan buku kerja kosong siap diisi, dengan contoh dan petunjuk.",
                "Save a ready-to-fill workbook with examples and instructions.",
            ),
        )
        self.add_line_button = self._button(
            Text("Tambah baris", "Add line"),
            Text(
                "Baris baru di jurnal ini (Ctrl+Enter).", "A new line in this entry (Ctrl+Enter)."
            ),
        )
        self.add_entry_button = self._button(
            Text("Jurnal baru", "New entry"),
            Text(
                "Jurnal baru di bawah jurnal ini (Ctrl+Shift+Enter).",
                "A new entry below this one (Ctrl+Shift+Enter).",
            ),
        )
        self.remove_button = self._button(
            Text("Hapus baris", "Delete lines"),
            Text(
                "Hapus baris yang dipilih (Ctrl+Delete).",
                "Delete the selected lines (Ctrl+Delete).",
            ),
        )
        self.post_button = self._button(
            Text("Posting…", "Post…"),
            Text(
                "Kirim jurnal ke perusahaan yang dipilih; aktif bila semua jurnal siap.",
                "Send the entries to the selected company; enabled when every entry is ready.",
            ),
        )
        self.post_button.setObjectName("postButton")
        self.post_button.setEnabled(False)
        self.busy_label = QLabel(self)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setFixedWidth(120)
        self.busy_bar.setTextVisible(False)
        self._set_busy_visible(False)
        bar = QHBoxLayout()
        bar.setSpacing(6)
        for widget in (self.import_button, self.template_button):
            bar.addWidget(widget)
        bar.addSpacing(16)
        for widget in (self.add_line_button, self.add_entry_button, self.remove_button):
            bar.addWidget(widget)
        bar.addSpacing(16)
        bar.addWidget(self.optional_columns.toggle)
        bar.addWidget(self.account_mapping.button)
        bar.addStretch(1)
        bar.addWidget(self.busy_label)
        bar.addWidget(self.busy_bar)
        bar.addSpacing(12)
        bar.addWidget(self.post_button)
        self.toolbar = bar  # others add their buttons here (Save as Excel: app.ui.excel_saving)
        return bar

    def _button(self, text: Text, tip: Text) -> QPushButton:
        button = QPushButton(self)
        self._texts.bind(button.setText, text)
        self._texts.bind(button.setToolTip, tip)
        return button

    def _build_grid(self) -> JournalGrid:
        grid = JournalGrid(self.model, self)
        grid.setItemDelegate(GridDelegate(self._completions, grid))
        grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        grid.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        grid.setWordWrap(False)
        grid.setCornerButtonEnabled(False)
        grid.verticalHeader().setDefaultSectionSize(24)
        grid.verticalHeader().setMinimumWidth(36)
        grid.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        header = grid.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        self.column_widths = ColumnWidths(grid, _COLUMN_WIDTHS, lambda: self.settings, self)
        self.optional_columns = OptionalColumns(grid, self.model, self)
        return grid

    def _build_totals(self) -> QFrame:
        frame = QFrame(self)
        frame.setObjectName("totals")
        self.entries_label = QLabel(frame)
        self.lines_label = QLabel(frame)
        self.debit_label = QLabel(frame)
        self.credit_label = QLabel(frame)
        self.problems_label = QLabel(frame)
        self.ready_badge = QLabel(frame)
        self.ready_badge.setObjectName("readyBadge")
        layout = QHBoxLayout(frame)
        layout.setContentsMargins(0, 6, 0, 2)
        layout.setSpacing(14)
        for label in (self.entries_label, self.lines_label, self.debit_label, self.credit_label):
            layout.addWidget(label)
        layout.addWidget(self.problems_label)
        layout.addStretch(1)
        self.grid_status = GridStatus(self.grid, frame)
        layout.addWidget(self.grid_status)
        layout.addWidget(self.ready_badge)
        return frame

    def _connect(self) -> None:
        self.import_button.clicked.connect(self._choose_workbook)
        self.post_button.clicked.connect(lambda: self.post_requested.emit())
        self.template_button.clicked.connect(self._choose_template_path)
        self.add_line_button.clicked.connect(self._add_line)
        self.add_entry_button.clicked.connect(self._add_entry)
        self.remove_button.clicked.connect(self._remove_lines)
        self.model.status_changed.connect(self._refresh_status)
        self.model.modelReset.connect(self._show_row_numbers)
        self.model.edit_unreadable.connect(self._edit_unreadable)
        self.model.undo_stack.cleanChanged.connect(self.clean_changed)
        self.grid.message.connect(self.banner.show_message)
        self.grid.customContextMenuRequested.connect(self._show_context_menu)
        self.problems_panel.problem_chosen.connect(self.select_cell)
        self.problems_panel.save_report_requested.connect(self._choose_report_path)
        self.problems_panel.round_cents_requested.connect(self.round_cents)
        self.options_panel.reread_requested.connect(self.reread)
        self._import_runner.result_ready.connect(self._imported)
        self._import_runner.error_raised.connect(self._import_failed)
        self._report_runner.result_ready.connect(self._report_saved)
        self._report_runner.error_raised.connect(self._save_failed)
        self._template_runner.result_ready.connect(self._template_saved)
        self._template_runner.error_raised.connect(self._save_failed)
        for runner in self._runners:
            runner.busy_changed.connect(self._busy_changed)

    # --- the grid ---------------------------------------------------------------------------

    def select_cell(self, row: int, column: int) -> None:
        index = self.model.index(row, column)
        if index.isValid():
            self.optional_columns.reveal([column])  # a problem may sit in a hidden column
            self.grid.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.grid.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
            self.grid.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_row_numbers(self) -> None:
        """Worksheet row numbers beside imported lines; typed lines have none to show."""
        from_sheet = any(line.row is not None for line in self.model.table.lines)
        self.grid.verticalHeader().setVisible(from_sheet)

    def _current_row(self) -> int | None:
        index = self.grid.currentIndex()
        return index.row() if index.isValid() else None

    def _add_line(self) -> None:
        row = self._current_row()
        if row is None:
            row = self.model.rowCount() - 1
        new_row = self.model.insert_line(row) if row >= 0 else self.model.insert_entry(None)
        self.select_cell(new_row, Column.ACCOUNT)

    def _add_entry(self) -> None:
        row = self.model.insert_entry(self._current_row())
        self.select_cell(row, Column.ACCOUNT if self.model.rowCount() > 2 else Column.DATE)

    def _remove_lines(self) -> None:
        self.model.remove_rows({row for row, _column in self.grid.selected_cells()})

    def _edit_unreadable(self, reason: Text) -> None:
        kept = Text(
            "Teks itu tetap di sel, bertanda merah, sampai diperbaiki.",
            "The text stays in the cell, marked red, until it is fixed.",
        )
        self.banner.show_message(MessageBanner.ERROR, reason + kept)

    def _show_context_menu(self, position: QPoint) -> None:
        menu = self.edit_actions.context_menu(self.grid)
        menu.exec(self.grid.viewport().mapToGlobal(position))
        menu.deleteLater()

    def _fill_completions(self) -> None:
        chart = self.model.chart
        postable = chart.postable() if chart is not None and hasattr(chart, "postable") else []
        self._completions.setStringList([f"{a.code} · {a.name}" for a in postable])

    # --- status -----------------------------------------------------------------------------

    def _refresh_status(self) -> None:
        model = self.model
        self.entries_label.setText(tr("Jurnal: {n}", "Entries: {n}", n=model.entry_count).get())
        self.lines_label.setText(tr("Baris: {n}", "Lines: {n}", n=model.line_count).get())
        self.debit_label.setText(
            tr("Total debit: {v}", "Total debit: {v}", v=money(model.total_debit)).get()
        )
        self.credit_label.setText(
            tr("Total kredit: {v}", "Total credit: {v}", v=money(model.total_credit)).get()
        )
        self.problems_label.setText(
            tr("Masalah: {n}", "Problems: {n}", n=model.problem_count).get()
        )
        self.problems_panel.set_problems(model.located_problems())
        self._show_lower_panels()
        self._show_ready_badge()
        ready = model.is_ready
        self.post_button.setEnabled(ready)
        if ready != self._ready:
            self._ready = ready
            self.ready_changed.emit(ready)

    def _show_lower_panels(self) -> None:
        wanted = self.model.problem_count > 0 or not self.options_panel.isHidden()
        if wanted and self.lower.isHidden():
            self.lower.show()
            height = max(self.splitter.height(), 400)
            self.splitter.setSizes([height * 70 // 100, height * 30 // 100])
        elif not wanted and not self.lower.isHidden():
            self.lower.hide()

    def _show_ready_badge(self) -> None:
        model = self.model
        if model.line_count == 0:
            state, text = "empty", Text("Belum ada jurnal", "No entries yet")
        elif model.problem_count:
            state = "problems"
            text = tr(
                "✖ Belum siap: {n} masalah", "✖ Not ready: {n} problem(s)", n=model.problem_count
            )
        else:
            state, text = "ready", Text("✔ Siap diposting", "✔ Ready to post")
        self.ready_badge.setText(text.get())
        self.ready_badge.setProperty("state", state)
        self.ready_badge.style().unpolish(self.ready_badge)
        self.ready_badge.style().polish(self.ready_badge)

    def _show_busy(self, text: Text) -> None:
        self.busy_label.setText(text.get())
        self._set_busy_visible(True)

    def _busy_changed(self, _busy: bool) -> None:
        busy = self.busy
        self._set_busy_visible(busy)
        self.import_button.setEnabled(not self._import_runner.busy)
        self.options_panel.reread_button.setEnabled(not self._import_runner.busy)

    def _set_busy_visible(self, visible: bool) -> None:
        self.busy_label.setVisible(visible)
        self.busy_bar.setVisible(visible)

    # --- import -----------------------------------------------------------------------------

    def _imported(self, outcome: ImportOutcome) -> None:
        self.model.load(outcome.table)
        result = outcome.result
        self.options_panel.show_result(result, outcome.sheets, outcome.options.number_style)
        self.options_panel.show()
        self._show_lower_panels()
        self.problems_panel.save_button.setEnabled(bool(result.problems))
        count = self.model.problem_count
        summary = tr(
            "{name}: {e} jurnal, {l} baris dibaca dari lembar '{s}'.",
            "{name}: {e} entries, {l} lines read from sheet '{s}'.",
            name=result.path.name,
            e=len(result.entries),
            l=self.model.line_count,
            s=result.sheet,
        )
        if count:
            follow = tr(
                "Ada {n} masalah: perbaiki sel yang merah di tabel, atau simpan laporan "
                "masalah untuk memperbaikinya di Excel.",
                "There are {n} problem(s): fix the red cells in the table, or save the problem "
                "report to fix them in Excel.",
                n=count,
            )
            fixable = self.problems_panel.fixable_count
            if fixable:
                follow += tr(
                    "{k} jumlah punya pecahan sen: tekan Bulatkan ke sen untuk membulatkannya.",
                    "{k} amount(s) have a fraction of a cent: press Round to cents to round them.",
                    k=fixable,
                )
            self.banner.show_message(MessageBanner.WARNING, summary + follow)
        else:
            ready = Text("Semua jurnal siap diposting.", "Every entry is ready to post.")
            self.banner.show_message(MessageBanner.INFO, summary + ready)
        self.account_mapping.imported(result)

    def _import_failed(self, error: BaseException) -> None:
        """Nothing of the grid is lost: the file simply was not taken."""
        self.banner.show_message(MessageBanner.ERROR, _error_text(error))

    def _choose_workbook(self) -> None:
        if self.model.line_count and not self._confirm_replace():
            return
        path = self._ask_path(
            Text("Impor jurnal dari Excel", "Import entries from Excel"),
            WORKBOOK_FILTER,
            save_as=None,
        )
        if path is not None:
            self.import_file(path)

    def _confirm_replace(self) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(Text("Impor Excel", "Import Excel").get())
        box.setText(
            Text(
                "Jurnal di tabel akan diganti dengan isi berkas yang diimpor. Lanjutkan?",
                "The entries in the table will be replaced by the imported file. Continue?",
            ).get()
        )
        replace = box.addButton(Text("Ganti", "Replace").get(), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(Text("Batal", "Cancel").get(), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is replace

    # --- saving -----------------------------------------------------------------------------

    def _choose_report_path(self) -> None:
        result = self.options_panel.result
        if result is None:
            return
        suggested = result.path.with_name(f"{result.path.stem} - masalah.xlsx")
        path = self._ask_path(
            Text("Simpan laporan masalah", "Save problem report"), XLSX_FILTER, suggested
        )
        if path is not None:
            self.save_problem_report(path)

    def _choose_template_path(self) -> None:
        suggested = Path.home() / "Templat Jurnal.xlsx"
        path = self._ask_path(Text("Simpan templat", "Save template"), XLSX_FILTER, suggested)
        if path is not None:
            self.save_template(path)

    def _report_saved(self, path: Path) -> None:
        self.banner.show_message(
            MessageBanner.INFO,
            tr(
                "Laporan masalah disimpan: {p}. Perbaiki sel yang merah di Excel, lalu impor "
                "berkas itu lagi.",
                "Problem report saved: {p}. Fix the red cells in Excel, then import that file "
                "again.",
                p=path,
            ),
        )

    def _template_saved(self, path: Path) -> None:
        self.banner.show_message(
            MessageBanner.INFO,
            tr(
                "Templat disimpan: {p}. Isi lembar 'Jurnal', lalu impor dengan Impor Excel….",
                "Template saved: {p}. Fill in the 'Jurnal' sheet, then import it with Import "
                "Excel….",
                p=path,
            ),
        )

    def _save_failed(self, error: BaseException) -> None:
        self.banner.show_message(MessageBanner.ERROR, _error_text(error))

    def _ask_path(self, title: Text, filters: Text, save_as: Path | None) -> Path | None:
        """A file dialog in the user's language, opening in the last folder used."""
        return ask_path(self, title, filters, save_as=save_as, settings=self.settings)


def _rounded_message(changes: list[CentRounding]) -> tuple[str, Text]:
    """The banner after rounding: how many, the first few old → new, and any entry that
    no longer balances (the fix never evens it out by changing another line)."""
    shown = [(change.describe("id"), change.describe("en")) for change in changes[:4]]
    more = len(changes) - len(shown)
    listed = Text("; ".join(i for i, _ in shown), "; ".join(e for _, e in shown))
    if more:
        listed += tr("dan {n} lagi", "and {n} more", n=more)
    text = tr(
        "{n} jumlah dibulatkan ke sen (setengah ke atas):",
        "{n} amount(s) rounded to the cent (half-up):",
        n=len(changes),
    )
    text += Text(listed.id + ".", listed.en + ".")
    unbalanced = [entry_name(e) for e in touched_entries(changes) if not e.is_balanced]
    if not unbalanced:
        return MessageBanner.INFO, text
    text += tr(
        "{e} tidak lagi seimbang setelah pembulatan: perbaiki selisihnya di tabel.",
        "{e_en} no longer balances after rounding: fix its difference in the table.",
        e=", ".join(name.id for name in unbalanced),
        e_en=", ".join(name.en for name in unbalanced),
    )
    return MessageBanner.WARNING, text


def _error_text(error: BaseException) -> Text:
    """What to tell the user about a failed task, in both languages."""
    if isinstance(error, JurnalError):
        return error.text
    if isinstance(error, OSError):
        return tr(
            "Berkas tidak bisa dibaca atau disimpan ({e}). Periksa foldernya dan apakah "
            "berkas sedang terbuka di program lain, lalu coba lagi.",
            "The file could not be read or saved ({e}). Check the folder and whether another "
            "program has the file open, then try again.",
            e=error.strerror or error,
        )
    return tr(
        "Terjadi kesalahan tak terduga ({e}); tabel tidak berubah. Coba lagi, dan laporkan "
        "bila terulang.",
        "Something unexpected went wrong ({e}); the table is unchanged. Try again, and report "
        "it if it happens again.",
        e=f"{type(error).__name__}: {error}",
    )


__all__ = [
    "ImportOutcome",
    "JournalGrid",
    "JournalPage",
    "MessageBanner",
    "import_workbook",
    "save_error_report",
    "save_template",
]
