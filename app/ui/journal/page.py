"""The journal page: the grid where entries are typed or imported, checked as they change.

The page is self-contained: it is given an executor for work off the GUI thread and a way to
get the current company's chart, and it offers `entries()`, `is_ready()` and the
`ready_changed(bool)` signal to whoever posts. Reading a workbook, writing the template and
writing the error report all run on workers (`JournalFiles`, app.ui.journal.file_actions);
the GUI thread only lays out what a worker has prepared, so a 100,000-line import appears at
once.

Every change made in the grid is a command on the page's one undo stack (`undo_stack`;
its clean state, `is_clean()` / `clean_changed`, says whether the grid is as loaded or last
kept). The Edit menu, the grid's context menu and their keys are `edit_actions`
(app.ui.journal.grid.edit_menu); an import starts the history afresh.

The page assembles: the toolbar (app.ui.journal.toolbar), the banner (app.ui.common.message_banner),
the grid with its find bar and the hint over it while it is empty (app.ui.journal.grid.empty_hint),
the problems and import options below it, and the totals strip (app.ui.journal.totals).

Each banner message belongs to the grid's state (app.ui.journal.banner_owners) and is asked again at
every status refresh and every move of the undo stack, so none outlives what it says. After a
posting run the entries on the books are marked (`posted`, app.ui.journal.sent_marking).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from pathlib import Path
from typing import Final

from PySide6.QtCore import QItemSelectionModel, QPoint, QStringListModel, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QSplitter, QVBoxLayout, QWidget

from app.core.books.cents import CentRounding
from app.core.books.journal import Chart, JournalEntry
from app.core.excel.reader import ImportOptions, ImportResult
from app.core.grid.columns import CLASSIFICATION_COLUMNS, Column
from app.core.grid.page_files import ImportOutcome
from app.core.grid.page_words import UNREADABLE_KEPT, WORKBOOK_FILTER, XLSX_FILTER, rounded_message
from app.core.i18n import Text
from app.profiles.settings import Settings
from app.ui.common.message_banner import MessageBanner
from app.ui.common.tasks import CLOSE_WAIT_SECONDS, Runners, Timeout
from app.ui.journal import banner_owners
from app.ui.journal.account_mapping import JournalAccountMapping
from app.ui.journal.file_actions import JournalFiles
from app.ui.journal.grid.cell_delegate import GridDelegate
from app.ui.journal.grid.column_widths import ColumnWidths
from app.ui.journal.grid.edit_menu import EditActions, RowHandlers
from app.ui.journal.grid.empty_hint import EmptyGridHint
from app.ui.journal.grid.find_bar import FindBar
from app.ui.journal.grid.header import GridHeader
from app.ui.journal.grid.model import EntriesModel
from app.ui.journal.grid.view import JournalGrid
from app.ui.journal.import_panel import ImportOptionsPanel, ProblemsPanel
from app.ui.journal.optional_columns import OptionalColumns
from app.ui.journal.sent_marking import SentMarking
from app.ui.journal.toolbar import JournalToolbar
from app.ui.journal.totals import JournalTotals

ChartProvider = Callable[[], Chart | None]

# Narrow enough that the usual columns fit the default 1280-pixel window once the free-text
# columns give up width (column_widths.FLEXIBLE_FLOORS); in a wider window as given here.
_COLUMN_WIDTHS: Final = {
    Column.DATE: 80,
    Column.REFERENCE: 100,
    Column.DESCRIPTION: 210,
    Column.ACCOUNT: 76,
    Column.ACCOUNT_NAME: 160,
    Column.DEBIT: 104,
    Column.CREDIT: 104,
    Column.DIFFERENCE: 100,
    Column.MEMO: 170,
    Column.DEPARTMENT: 88,
    Column.PROJECT: 60,
    Column.BRANCH: 100,
    Column.CUSTOMER: 90,
    Column.VENDOR: 90,
    Column.EMPLOYEE: 90,
    Column.RATE: 90,
    Column.PRIME_AMOUNT: 110,
    **dict.fromkeys(CLASSIFICATION_COLUMNS, 100),
}


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
        self._ready = False
        chart = chart_provider()
        self.model = EntriesModel(self, chart=chart)
        self._completions = QStringListModel(self)
        self._runners = Runners(executor, self)
        self._build()
        self.sent_marking = SentMarking(self.model, self.banner, self._runners, self)
        self._connect()
        self._fill_completions(chart)
        self._show_row_numbers()
        self._refresh_status()

    # --- public ---------------------------------------------------------------------------

    def entries(self) -> list[JournalEntry]:
        """The journal as it stands (copies), for the posting view."""
        return self.model.entries()

    def is_ready(self) -> bool:
        """Every entry checked and fine, and no workbook being read over them."""
        return self.model.is_ready and not self.files.import_runner.busy

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
        """Read a workbook on a worker; the grid is replaced only if it can be read. Text
        amounts are read in the grid's number style unless the options say otherwise."""
        self.files.import_file(Path(path), options)

    def reread(self) -> None:
        """Read the last imported file again with the options shown."""
        self.files.reread()

    def save_problem_report(self, path: str | Path) -> None:
        self.files.save_problem_report(Path(path))

    def save_template(self, path: str | Path) -> None:
        self.files.save_template(Path(path))

    def round_cents(self) -> list[CentRounding]:
        """Round every amount with a fraction of a cent in the grid (half-up), check the
        entries again and say what changed; returns the changes."""
        changes = self.model.round_cents()
        if changes:
            self.banner.show_message(*rounded_message(changes))
        return changes

    def posted(self, on_books: Iterable[str], off_books: Iterable[str], company: str) -> None:
        """A posting run ended: mark the grid's entries now on `company`'s books (by
        fingerprint), and unmark those no longer there."""
        self.sent_marking.posted(on_books, off_books, company)

    def forget_sent(self) -> None:
        """Another company: what was sent to the last one says nothing about this one."""
        if self.model.sent:
            self.model.forget_sent()

    def refresh_chart(self) -> None:
        """The company changed (or its chart was reloaded): check every entry against it."""
        chart = self._chart_provider()
        self.model.set_chart(chart)
        self._fill_completions(chart)

    def shutdown(self, timeout: Timeout = CLOSE_WAIT_SECONDS) -> bool:
        """Stop the workers (the window is closing; within `timeout` for all); False if one
        is still running."""
        return self._runners.shutdown(timeout)

    def retranslate(self) -> None:
        """Every text again in the language now chosen (app.core.i18n.set_language)."""
        self.toolbar.retranslate()
        self.model.retranslate()
        self.problems_panel.retranslate()
        self.options_panel.retranslate()
        self.optional_columns.retranslate()
        self.banner.retranslate()
        self.find_bar.retranslate()
        self.totals.retranslate()
        self.edit_actions.retranslate()
        self._refresh_status()

    def show_lower_panels(self) -> None:
        """The problems and the import options below the grid, while there is something to
        say (problems, or an import's options); hidden otherwise."""
        wanted = self.model.problem_count > 0 or not self.options_panel.isHidden()
        if wanted and self.lower_panels.isHidden():
            self.lower_panels.show()
            height = max(self.splitter.height(), 400)
            self.splitter.setSizes([height * 70 // 100, height * 30 // 100])
        elif not wanted and not self.lower_panels.isHidden():
            self.lower_panels.hide()

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = MessageBanner(self)
        # Old account codes -> the company's, remembered per company.
        self.account_mapping = JournalAccountMapping(
            self.model, self._chart_provider, self.banner, self
        )
        self.grid = self._build_grid()
        self.find_bar = FindBar(self.grid, self)
        self.edit_actions = EditActions(
            self.grid,
            self.find_bar,
            self.model.undo_stack,
            RowHandlers(self._add_line, self._add_entry, self._remove_lines),
            self,
        )
        self.problems_panel = ProblemsPanel(self)
        self.options_panel = ImportOptionsPanel(self)
        self.options_panel.hide()
        self.options_panel.setMaximumWidth(560)
        self.lower_panels = QSplitter(Qt.Orientation.Horizontal, self)
        self.lower_panels.addWidget(self.problems_panel)
        self.lower_panels.addWidget(self.options_panel)
        self.lower_panels.setStretchFactor(0, 3)
        self.lower_panels.setStretchFactor(1, 2)
        self.lower_panels.setChildrenCollapsible(False)
        self.lower_panels.hide()  # shown once there is something to say: problems or an import
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.grid)
        self.splitter.addWidget(self.lower_panels)
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
        self.files = JournalFiles(
            self.model,
            self.banner,
            self.toolbar,
            self.options_panel,
            self._runners,
            self,
            with_mapping=self.account_mapping.import_options,
            imported=self._show_import,
            settings=lambda: self.settings,
        )
        self.empty_hint = EmptyGridHint(
            self.grid,
            import_workbook=self.files.choose_workbook,
            type_entry=self._add_entry,
            save_template=self.files.choose_template_path,
        )

    def _build_toolbar(self) -> JournalToolbar:
        # Others add their buttons here (Save as Excel: app.ui.journal.excel_saving).
        self.toolbar = JournalToolbar(
            self, (self.optional_columns.toggle, self.account_mapping.button)
        )
        self.import_button = self.toolbar.import_button
        self.template_button = self.toolbar.template_button
        self.add_line_button = self.toolbar.add_line_button
        self.add_entry_button = self.toolbar.add_entry_button
        self.remove_button = self.toolbar.remove_button
        self.post_button = self.toolbar.post_button
        return self.toolbar

    def _build_grid(self) -> JournalGrid:
        grid = JournalGrid(self.model, self)
        grid.setHorizontalHeader(GridHeader(grid))  # no look at every row on each paint
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

    def _build_totals(self) -> JournalTotals:
        self.totals = JournalTotals(self.grid, self)
        self.entries_label = self.totals.entries_label
        self.lines_label = self.totals.lines_label
        self.debit_label = self.totals.debit_label
        self.credit_label = self.totals.credit_label
        self.problems_label = self.totals.problems_label
        self.ready_badge = self.totals.ready_badge
        self.grid_status = self.totals.grid_status
        return self.totals

    def _connect(self) -> None:
        self.import_button.clicked.connect(self.files.choose_workbook)
        self.post_button.clicked.connect(lambda: self.post_requested.emit())
        self.template_button.clicked.connect(self.files.choose_template_path)
        self.add_line_button.clicked.connect(self._add_line)
        self.add_entry_button.clicked.connect(self._add_entry)
        self.remove_button.clicked.connect(self._remove_lines)
        self.model.status_changed.connect(self._refresh_status)
        self.model.modelReset.connect(self._show_row_numbers)
        self.model.edit_unreadable.connect(self._edit_unreadable)
        self.model.undo_stack.cleanChanged.connect(self.clean_changed)
        # An undo moves the stack after the grid changed: asked again once it has moved.
        self.model.undo_stack.indexChanged.connect(self.banner.refresh)
        self.grid.message.connect(self._grid_said)
        self.grid.customContextMenuRequested.connect(self._show_context_menu)
        self.problems_panel.problem_chosen.connect(self.select_cell)
        self.problems_panel.save_report_requested.connect(self.files.choose_report_path)
        self.problems_panel.round_cents_requested.connect(self.round_cents)
        self.options_panel.reread_requested.connect(self.reread)
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
        """Worksheet row numbers beside imported lines; in a grid typed by hand, the grid's
        own line numbers, which its problems name ("Baris grid 7")."""
        self.grid.verticalHeader().setVisible(True)

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
        # On the new entry's date, as on the first entry: the same keys type every entry.
        row = self.model.insert_entry(self._current_row())
        self.select_cell(row, Column.DATE)

    def _remove_lines(self) -> None:
        self.model.remove_rows(self.grid.selected_rows())

    def _edit_unreadable(self, reason: Text) -> None:
        """Typed text that cannot be read: said while the cell still holds it."""
        holds = banner_owners.cell_unreadable(self.model)
        self.banner.show_message(MessageBanner.ERROR, reason + UNREADABLE_KEPT, holds=holds)

    def _grid_said(self, kind: str, text: Text) -> None:
        """What a paste, fill or Delete did: said until that step is undone."""
        holds = banner_owners.undo_step_applied(self.model.undo_stack)
        self.banner.show_message(kind, text, holds=holds)

    def _show_context_menu(self, position: QPoint) -> None:
        menu = self.edit_actions.context_menu(self.grid)
        menu.exec(self.grid.viewport().mapToGlobal(position))
        menu.deleteLater()

    def _fill_completions(self, chart: Chart | None) -> None:
        """The account editor's list: the postable accounts of the chart the grid is checked
        against now."""
        postable = chart.postable() if chart is not None else []
        accounts = [f"{a.code} · {a.name}" for a in postable]
        # The same chart read again leaves the list as it is: filled anew, an open list
        # would lose the account the user moved to with Down.
        if accounts != self._completions.stringList():
            self._completions.setStringList(accounts)

    def _show_import(self, outcome: ImportOutcome) -> None:
        """A workbook was read (on a worker): the grid, its import options and problems."""
        self.model.load(outcome.table)
        result = outcome.result
        self.options_panel.show_result(result, outcome.sheets, outcome.options.number_style)
        self.options_panel.show()
        self.show_lower_panels()
        self.problems_panel.save_button.setEnabled(bool(result.problems))
        panel = self.problems_panel
        summary = banner_owners.imported_summary(self.model, result, lambda: panel.fixable_count)
        self.banner.show_derived(summary)
        self.account_mapping.imported(result)

    # --- status -----------------------------------------------------------------------------

    def _refresh_status(self) -> None:
        model = self.model
        self.totals.show_totals(model)
        self.problems_panel.set_problems(model.located_problems())
        self.show_lower_panels()
        self._refresh_ready()

    def _refresh_ready(self) -> None:
        ready = self.is_ready()
        self.post_button.setEnabled(ready)
        if ready != self._ready:
            self._ready = ready
            self.ready_changed.emit(ready)
        self.banner.refresh()  # a message about the grid goes once its state is gone

    def _busy_changed(self, _busy: bool) -> None:
        self.toolbar.set_busy_visible(self.busy)
        importing = self.files.import_runner.busy
        self.import_button.setEnabled(not importing)
        self.options_panel.reread_button.setEnabled(not importing)
        self._refresh_ready()  # no posting of the old entries while a workbook replaces them


__all__ = [
    "WORKBOOK_FILTER",
    "XLSX_FILTER",
    "JournalGrid",
    "JournalPage",
    "MessageBanner",
]
