"""The "Riwayat" page: the batches posted to the selected company, and what became of each.

`load_history` (`history_work`) is a plain worker function (the SQLite file is read off the
GUI thread); `HistoryModel` (`history_model`) is a table model over the rows it returns,
filtered by a proxy to the batches with problems when asked. Choosing a batch shows it in
the `BatchView` below (its entries, its result workbook, its undo); an undo there reloads
the lists.
"""

from __future__ import annotations

from concurrent.futures import Executor
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
from app.core.i18n import Text, tr
from app.ui import texts
from app.ui.batch_view import BatchView, StatusDelegate
from app.ui.company_bar import CompanySession
from app.ui.dialogs import ReportPathChooser, ask_report_path
from app.ui.history_model import (
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
from app.ui.history_work import BatchState, HistoryRow, load_history
from app.ui.notice_box import notice_style, restyle
from app.ui.tasks import CLOSE_WAIT_SECONDS, Deadline, Runners, Timeout
from app.ui.texts import bind, count, retranslate_tree

ONLY_PROBLEMS: Final = tr("Hanya batch bermasalah", "Only batches with problems")

STYLE: Final = """
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
""" + notice_style("batchNotice", padding="7px 10px")


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
        self.batch_view = BatchView(
            executor, limiters, choose_report_path=choose_report_path, parent=self
        )
        self.batch_view.changed.connect(lambda _batch: self.reload())
        self._session: CompanySession | None = None
        self._summary: tuple[Text, bool] = (Text("", ""), False)
        self._restoring = False
        self._build()
        self._show_summary()

    # -- public --------------------------------------------------------------------------------

    def set_session(self, session: CompanySession | None) -> None:
        self._session = session
        self.runner.cancel()
        self.model.set_rows([])
        self.batch_view.set_session(session)
        self.reload()

    def reload(self) -> None:
        """Read the company's batches again; the chosen batch stays chosen, and its entries
        are read again if it changed (posted on, undone)."""
        if self._session is None:
            self._show_summary()
            return
        self._set_summary(tr("Memuat riwayat…", "Loading the history…"))
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
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("hintLabel")
        self.summary_label.setWordWrap(True)
        self.problems_box = QCheckBox(self)
        bind(self.problems_box, ONLY_PROBLEMS)
        self.problems_box.toggled.connect(self._filter_toggled)
        self.reload_button = QPushButton(self)
        bind(self.reload_button, texts.REFRESH)
        self.reload_button.clicked.connect(self.reload)

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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
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
                "The history cannot be read ({e}). Press Reload to try again; if it keeps "
                "failing, contact support.",
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

    # -- showing -------------------------------------------------------------------------------

    def _show_summary(self) -> None:
        session = self._session
        listed = self.model.rowCount()
        if session is None:
            text = tr("Pilih perusahaan di atas.", "Choose a company above.")
        elif listed == 0:
            text = tr(
                "Belum ada jurnal yang diposting ke {c}.",
                "Nothing has been posted to {c} yet.",
                c=session.profile.name,
            )
        elif self.problems_box.isChecked():
            text = tr(
                "{m} dari {n} batch ke {c} perlu perhatian (ditolak, belum pasti, belum "
                "dikirim, atau nomor sudah dipakai).",
                "{m} of {n} batches to {c} need attention (rejected, uncertain, not sent yet, "
                "or reference already used).",
                m=count(self.filter_model.rowCount()),
                n=count(listed),
                c=session.profile.name,
            )
        else:
            text = tr(
                "{n} batch diposting ke {c}, terbaru di atas. Pilih batch untuk melihat "
                "jurnalnya; arahkan kursor ke angka untuk rinciannya.",
                "{n} {batches} posted to {c}, newest first. Choose a batch to see its entries; "
                "hover over a number for details.",
                n=count(listed),
                batches="batch" if listed == 1 else "batches",
                c=session.profile.name,
            )
        self._set_summary(text)

    def _set_summary(self, text: Text, *, problem: bool = False) -> None:
        self._summary = (text, problem)
        self.summary_label.setText(text.get())
        restyle(self.summary_label, "problem", problem)


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
