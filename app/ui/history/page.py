"""The "Riwayat" page: the batches posted to the selected company, and what became of each.

`load_history` (`history_work`) is a plain worker function (the SQLite file is read off the
GUI thread); `HistoryModel` (`history_model`) is a table model over the rows it returns,
filtered by a proxy to the batches with problems when asked. Choosing a batch shows it in
the `BatchView` below (its entries, its result workbook, its undo); an undo there reloads
the lists.
"""

from __future__ import annotations

from concurrent.futures import Executor
from datetime import date
from pathlib import Path
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.api.ratelimit import LimiterRegistry
from app.core.error_text import error_text
from app.core.i18n import Text, current_language, ntr, tr
from app.posting.report.path import REPLACES_SOURCE, replaces_source
from app.setup.session import CompanySession
from app.ui.common import words as texts
from app.ui.common.dialogs import ReportPathChooser, ask_report_path
from app.ui.common.hint_label import HintLabel
from app.ui.common.notice_box import NoticeBox, notice_style
from app.ui.common.tasks import CLOSE_WAIT_SECONDS, Deadline, Runners, TaskProgress, Timeout
from app.ui.common.words import BLANK, bind, count, retranslate_tree
from app.ui.history.batch_panel import BatchView, StatusDelegate
from app.ui.history.model import (
    BATCH,
    BATCH_ID_ROLE,
    ENTRIES,
    FILE,
    OTHERS,
    POSTED,
    PROBLEM,
    REJECTED,
    STATE,
    UNSENT,
    HistoryModel,
    problem_filter,
)
from app.ui.history.reconcile_dialog import PeriodDialog
from app.ui.history.reconcile_work import (
    ReconcileOutcome,
    outcome_text,
    progress_text,
    reconcile_failed_text,
    reconcile_period,
)
from app.ui.history.work import BatchState, HistoryRow, load_history
from app.ui.posting.work import session_company

ONLY_PROBLEMS: Final = tr("Hanya batch bermasalah")
RECONCILE_PERIOD: Final = tr("Cocokkan periode…")

STYLE: Final = (
    """
#historyTitle { font-size: 18px; font-weight: 600; color: #1f2933; }
#historyTable, #batchTable { gridline-color: #e6e9ee; border: 1px solid #d9dde3;
    selection-background-color: #cfe0f5; selection-color: #1f2933; }
#historyTable QHeaderView::section, #batchTable QHeaderView::section {
    background: #f3f5f8; color: #3e4c59; font-weight: 600; border: none;
    border-bottom: 1px solid #d9dde3; border-right: 1px solid #e6e9ee; padding: 4px 6px; }
#batchCaption { font-size: 14px; font-weight: 600; color: #1f2933; }
#batchFacts { color: #52606d; }
#entryDetail { color: #3e4c59; padding: 2px 2px; }
#dangerButton { color: #8b1a1a; }
QSplitter::handle:vertical { height: 10px; }
"""
    + notice_style("batchNotice", padding="7px 10px")
    + notice_style("reconcileNotice", padding="7px 10px")
)


class HistoryView(QWidget):
    """The history page for the selected company."""

    def __init__(
        self,
        executor: Executor,
        parent: QWidget | None = None,
        *,
        limiters: LimiterRegistry | None = None,
        choose_report_path: ReportPathChooser = ask_report_path,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyView")
        self.setStyleSheet(STYLE)
        if limiters is None:  # the window passes its own: undo shares them with posting
            limiters = LimiterRegistry()
        self.model = HistoryModel(self)
        self.filter_model = problem_filter(self.model, self)
        self._runners = Runners(executor, self)
        self.runner = self._runners.new(result=self._loaded, error=self._failed)
        self._limiters = limiters
        self._choose_report_path = choose_report_path
        self.reconcile_runner = self._runners.new(
            result=self._reconciled,
            error=self._reconcile_failed,
            progress=self._reconcile_progress,
            busy=lambda _busy: self._show_reconcile_button(),
        )
        self.period_dialog: PeriodDialog | None = None  # open while asking (tests answer it)
        self.batch_view = BatchView(
            executor, limiters, choose_report_path=choose_report_path, parent=self
        )
        self.batch_view.changed.connect(lambda _batch: self.reload())
        self._session: CompanySession | None = None
        self._summary: tuple[Text, bool] = (BLANK, False)
        self._restoring = False
        self._build()
        self._show_summary()
        self._show_reconcile_button()

    # -- public --------------------------------------------------------------------------------

    def set_session(self, session: CompanySession | None) -> None:
        self._session = session
        self.runner.cancel()
        self.reconcile_runner.cancel()
        self.reconcile_notice.show_text("info", None)
        self._show_reconcile_button()
        self.model.set_rows([])
        self.batch_view.set_session(session)
        self.reload()

    def reload(self) -> None:
        """Read the company's batches again; the chosen batch stays chosen, and its entries
        are read again if it changed (posted on, undone)."""
        if self._session is None:
            self._show_summary()
            return
        self._set_summary(tr("Memuat riwayat…"))
        self.reload_button.setEnabled(False)
        self.runner.start(load_history, self._session.outbox_home, self._session.profile.name)

    def selected_batch(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(BATCH_ID_ROLE) if rows else None

    def select_batch(self, batch_id: str) -> bool:
        """Choose this batch in the table (False if it is not listed)."""
        for row in range(self.filter_model.rowCount()):
            index = self.filter_model.index(row, 0)
            if index.data(BATCH_ID_ROLE) == batch_id:
                self.table.selectRow(row)
                return True
        return False

    def retranslate(self) -> None:
        """Every text in the language now chosen: titles, the table, the chosen batch."""
        retranslate_tree(self)
        self.model.retranslate()
        self.batch_view.retranslate()
        text, problem = self._summary
        self._set_summary(text, problem=problem)

    def shutdown(self, timeout: Timeout = CLOSE_WAIT_SECONDS) -> bool:
        """Cancel loading and wait for the workers (the window is closing; one deadline)."""
        deadline = Deadline.of(timeout)
        finished = self._runners.shutdown(deadline)
        return self.batch_view.shutdown(deadline) and finished

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel(self)
        bind(title, texts.PAGE_HISTORY)
        title.setObjectName("historyTitle")
        self.summary_label = HintLabel(self, wrapped=True)
        self.problems_box = QCheckBox(self)
        bind(self.problems_box, ONLY_PROBLEMS)
        self.problems_box.toggled.connect(self._filter_toggled)
        self.reload_button = QPushButton(self)
        bind(self.reload_button, texts.REFRESH)
        self.reload_button.clicked.connect(self.reload)
        self.reconcile_button = QPushButton(self)
        self.reconcile_button.setObjectName("reconcileButton")
        bind(self.reconcile_button, RECONCILE_PERIOD)
        self.reconcile_button.clicked.connect(self.ask_period)
        self.reconcile_notice = NoticeBox(self, "reconcileNotice")

        self.table = QTableView(self)
        self.table.setObjectName("historyTable")
        self.table.setModel(self.filter_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        self.table.setItemDelegateForColumn(STATE, StatusDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FILE, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.batch_view)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([200, 500])  # a few batches above, the chosen one's entries below

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.problems_box)
        top.addSpacing(8)
        top.addWidget(self.reload_button)
        top.addWidget(self.reconcile_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.reconcile_notice)
        layout.addWidget(splitter, 1)

    # -- reacting (GUI thread) -----------------------------------------------------------------

    def _loaded(self, rows: list[HistoryRow]) -> None:
        chosen = self.selected_batch() or self.batch_view.batch_id
        before = self.model.row_of(chosen)
        self._restoring = True
        try:
            self.model.set_rows(rows)
            shown = chosen is not None and self.select_batch(chosen)
            if not shown and self.filter_model.rowCount():
                self.table.selectRow(0)  # the newest batch: usually the one just posted
        finally:
            self._restoring = False
        selected = self.selected_batch()
        panel = self.batch_view
        # Read the chosen batch's entries again only if they may have changed (posted on,
        # undone): a 25,000-entry batch takes a moment to read.
        changed = self.model.row_of(selected) != before or panel.details is None or panel.stale
        if selected != panel.batch_id or changed:
            panel.show_batch(selected)
        self.reload_button.setEnabled(True)
        self._show_summary()

    def _failed(self, error: BaseException) -> None:
        self.reload_button.setEnabled(True)
        text = error_text(
            error,
            lambda kind: tr(
                "Riwayat tidak bisa dibaca ({e}). Tekan Muat ulang untuk mencoba lagi; bila "
                "tetap gagal, hubungi dukungan.",
                e=kind,
            ),
        )
        self._set_summary(text, problem=True)

    def _selection_changed(self, *_args: object) -> None:
        if self._restoring:
            return
        chosen = self.selected_batch()
        if chosen != self.batch_view.batch_id:
            self.batch_view.show_batch(chosen)

    def _filter_toggled(self, only: bool) -> None:
        chosen = self.selected_batch() or self.batch_view.batch_id
        self._restoring = True
        try:
            self.filter_model.setFilterFixedString(PROBLEM if only else "")
            if not (chosen is not None and self.select_batch(chosen)):
                self.table.clearSelection()
                if self.filter_model.rowCount():
                    self.table.selectRow(0)
        finally:
            self._restoring = False
        self._selection_changed()
        self._show_summary()

    # -- reconciling a period ------------------------------------------------------------------

    def ask_period(self) -> None:
        """Ask which period, then where the result workbook goes, then read the books."""
        if self._session is None or self.reconcile_runner.busy:
            return
        self.period_dialog = PeriodDialog(self)
        self.period_dialog.chosen.connect(self._period_chosen)
        self.period_dialog.finished.connect(self._forget_period_dialog)
        self.period_dialog.open()

    def reconcile(
        self, first: date, last: date, report: Path, workbook: Path | None = None
    ) -> None:
        """Read the period from the company's books and set it against the history."""
        session = self._session
        if session is None or self.reconcile_runner.busy:
            return
        self.reconcile_notice.show_text("busy", progress_text(session.profile.name, 0, 0))
        connect = session_company(session, self._limiters)
        self.reconcile_runner.start(
            reconcile_period,
            connect,
            session.outbox_home,
            first,
            last,
            workbook,
            report,
            current_language(),
        )
        self._show_reconcile_button()

    def _period_chosen(self, first: date, last: date, workbook: Path | None) -> None:
        session = self._session
        if session is None:
            return
        name = f"rekonsiliasi-{session.profile.name}-{first:%Y%m%d}-{last:%Y%m%d}.xlsx"
        path = self._choose_report_path(self, Path.home() / name)
        if path is None:
            return
        if replaces_source(path, workbook):
            self.reconcile_notice.show_text("error", REPLACES_SOURCE)
            return
        self.reconcile(first, last, path, workbook)

    def _forget_period_dialog(self) -> None:
        self.period_dialog = None

    def _reconciled(self, outcome: ReconcileOutcome) -> None:
        agrees = outcome.result.agrees
        self.reconcile_notice.show_text("ok" if agrees else "error", outcome_text(outcome))

    def _reconcile_failed(self, error: BaseException) -> None:
        self.reconcile_notice.show_text("error", reconcile_failed_text(error))

    def _reconcile_progress(self, progress: TaskProgress) -> None:
        if self._session is not None:
            text = progress_text(self._session.profile.name, progress.done, progress.total)
            self.reconcile_notice.show_text("busy", text)

    def _show_reconcile_button(self) -> None:
        self.reconcile_button.setEnabled(
            self._session is not None and not self.reconcile_runner.busy
        )

    # -- showing -------------------------------------------------------------------------------

    def _show_summary(self) -> None:
        session = self._session
        listed = self.model.rowCount()
        if session is None:
            text = tr("Pilih perusahaan di atas.")
        elif listed == 0:
            text = tr(
                "Belum ada jurnal yang diposting ke {c}.",
                c=session.profile.name,
            )
        elif self.problems_box.isChecked():
            text = tr(
                "{m} dari {n} batch ke {c} perlu perhatian (ditolak, belum pasti, belum "
                "dikirim, atau nomor sudah dipakai).",
                m=count(self.filter_model.rowCount()),
                n=count(listed),
                c=session.profile.name,
            )
        else:
            text = ntr(
                "{n} batch diposting ke {c}, terbaru di atas. Pilih batch untuk melihat "
                "jurnalnya; arahkan kursor ke angka untuk rinciannya.",
                "{n} batch diposting ke {c}, terbaru di atas. Pilih batch untuk melihat "
                "jurnalnya; arahkan kursor ke angka untuk rinciannya.",
                listed,
                c=session.profile.name,
            )
        self._set_summary(text)

    def _set_summary(self, text: Text, *, problem: bool = False) -> None:
        self._summary = (text, problem)
        self.summary_label.setText(text.get())
        self.summary_label.set_problem(problem)


# Re-exported: the window and the tests know them by this module.
__all__ = [
    "BATCH",
    "ENTRIES",
    "FILE",
    "OTHERS",
    "POSTED",
    "REJECTED",
    "STATE",
    "UNSENT",
    "BatchState",
    "HistoryModel",
    "HistoryRow",
    "HistoryView",
    "load_history",
]
