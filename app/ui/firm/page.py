"""The "Banyak perusahaan / Many companies" page: choose a firm's plan (a workbook or CSV with a
row per company's workbook, or a folder of company folders), see its problems before anything
is sent, post every company at once, follow each company's progress in a table, stop one
company or all, and save the result workbook.

A thin skin over `app.firm`: the plan is read by a plain worker function (`app.firm.work`)
and posted by a child process, `jurnal-desk post-many --progress jsonl`, whose progress a
worker reads (`app.firm.child`): the window's process holds none of the ~100 posting threads
of ten companies, so its GUI thread never waits for them. The GUI thread never touches a
file or the network; stopping writes a line to the child (`FirmChildRun.stop`).

When the companies' secrets are in the encrypted secrets file and the window has not been
given its password (or the child says the window's key no longer opens it), the page asks for
it in the window's password dialog and posts once the file is open; no child is started
while the file is locked."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from pathlib import Path
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.api.ratelimit import LimiterRegistry
from app.core.error_text import error_text
from app.core.i18n import Text, current_language, ntr, tr
from app.core.interpreter import keep_long_lived
from app.firm.child import ChildOutcome, CommandMaker, FirmChildRun, post_many_command
from app.firm.plan import Plan
from app.firm.work import FirmRow, LoadedPlan, copy_report, load_plan, waiting_rows
from app.profiles.store import ProfileStore
from app.ui.common.dialogs import ask_path
from app.ui.common.hint_label import HintLabel
from app.ui.common.tasks import CLOSE_WAIT_SECONDS, Deadline, Runners, Timeout
from app.ui.common.words import BLANK, bind, count, one_per_line, retranslate_tree
from app.ui.company.keyring_banner import unlock_file
from app.ui.company.keyring_dialogs import PasswordDialog
from app.ui.firm.model import COMPANY, COMPANY_ROLE, NEEDS, FirmModel

PAGE_TITLE: Final = tr("Banyak perusahaan")
PLAN_FILTER: Final = tr("Rencana posting (*.xlsx *.xlsm *.xls *.ods *.csv)")
HINT: Final = tr(
    "Pilih rencana posting: workbook atau CSV dengan satu baris per workbook (perusahaan, "
    "workbook, sheet, cara kirim, cabang, periode; buat contohnya dengan `jurnal-desk template "
    "--plan`), atau folder berisi satu folder per perusahaan. Semua perusahaan diposting "
    "bersamaan; masalah satu perusahaan tidak menghentikan yang lain."
)
STYLE: Final = """
#firmTitle { font-size: 18px; font-weight: 600; color: #1f2933; }
#firmTable { gridline-color: #e6e9ee; border: 1px solid #d9dde3;
    selection-background-color: #cfe0f5; selection-color: #1f2933; }
#firmTable QHeaderView::section { background: #f3f5f8; color: #3e4c59; font-weight: 600;
    border: none; border-bottom: 1px solid #d9dde3; border-right: 1px solid #e6e9ee;
    padding: 4px 6px; }
#planProblems { color: #b3261e; }
#firmDetail { color: #3e4c59; padding: 2px 2px; }
"""

# Where the child writes the last run's result workbook; "Save report…" copies it.
RUN_REPORT: Final = Path("firm") / "hasil-terakhir.xlsx"

PlanChooser = Callable[[QWidget, bool], Path | None]  # (parent, folder?) -> the chosen path


def ask_plan(parent: QWidget, folder: bool) -> Path | None:
    """Ask for the plan file, or (`folder`) the folder of company folders."""
    if folder:
        from PySide6.QtWidgets import QFileDialog

        folder_title = tr("Pilih folder perusahaan").get()
        chosen = QFileDialog.getExistingDirectory(parent, folder_title)
        return Path(chosen) if chosen else None
    plan_title = tr("Pilih rencana posting")
    return ask_path(parent, plan_title, PLAN_FILTER)


class FirmView(QWidget):
    """The many-companies page. Emits `secrets_unlocked` when it opened the secrets file
    (what else waited for it can be read now)."""

    secrets_unlocked = Signal()

    def __init__(
        self,
        executor: Executor,
        store: ProfileStore,
        limiters: LimiterRegistry,
        home: Path,
        parent: QWidget | None = None,
        *,
        choose_plan: PlanChooser = ask_plan,
        choose_report: Callable[[QWidget, Path], Path | None] | None = None,
        child_command: CommandMaker = post_many_command,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firmView")
        self.setStyleSheet(STYLE)
        self.store, self.limiters, self.home = store, limiters, home
        self._choose_plan = choose_plan
        self._choose_report = choose_report or _ask_report
        self._child_command = child_command
        self.model = FirmModel(self)
        self._runners = Runners(executor, self)
        self.loader = self._runners.new(result=self._plan_loaded, error=self._failed)
        self.poster = self._runners.new(
            result=self._posted,
            error=self._failed,
            partial=self._show_rows,
            busy=lambda _busy: self._update_buttons(),
        )
        self.saver = self._runners.new(result=self._report_saved, error=self._failed)
        self.unlocker = self._runners.new(result=self._unlocked, error=self._unlock_failed)
        self.unlock_dialog: PasswordDialog | None = None  # the open question for the password
        self.plan: LoadedPlan | None = None
        self.firm: FirmChildRun | None = None
        self.outcome: ChildOutcome | None = None  # how the last run ended
        self._fitted_to: list[tuple[int, ...]] = []  # the cells' text lengths when fitted
        self._status: Text = BLANK
        self._build()
        self._show_plan_problems()
        self._selection_changed()

    # -- public --------------------------------------------------------------------------------

    def open_plan(self, path: Path) -> None:
        """Read the plan at `path` (on a worker); its companies and problems are shown."""
        if self.poster.busy:
            return
        self.plan_label.setText(str(path))
        self._set_status(tr("Membaca rencana…"))
        self.loader.start(load_plan, self.store, path)

    def post_all(self) -> None:
        """Post every company of the plan (in a child process, followed on a worker)."""
        if self.plan is None or not self.plan.plan.ok or self.poster.busy:
            return
        plan = self.plan.plan
        self.firm = FirmChildRun(
            plan.source,
            self.home / RUN_REPORT,
            current_language(),
            plan.companies(),
            command=self._child_command,
            secrets=self.store.secrets,
        )
        self.outcome = None
        # What the window holds now lives on: while the run is followed, the collector's
        # full sweeps walk only what is new (one over the window's whole heap held the GUI
        # thread 82 ms: BENCHMARKS.md, month-end for a whole firm). The window lets go of it
        # when it closes.
        keep_long_lived()
        self._show_rows(waiting_rows(plan))
        self._set_status(tr("Memposting…"))
        self.poster.start(self.firm.run)
        self._update_buttons()

    def stop_selected(self) -> None:
        """Stop the company chosen in the table; the others go on."""
        name = self.selected_company()
        if self.firm is not None and name is not None:
            self.firm.stop(name)

    def stop_all(self) -> None:
        if self.firm is not None:
            self.firm.stop()
            self._set_status(tr("Menghentikan: permintaan yang sedang berjalan diselesaikan dulu…"))

    def save_report(self) -> None:
        made = self.outcome.report if self.outcome is not None else None
        if made is None or self.poster.busy or self.plan is None:
            return
        suggested = _suggested_report(self.plan.plan.source)
        path = self._choose_report(self, suggested)
        if path is not None:
            self.saver.start(copy_report, made, path)

    def selected_company(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(COMPANY_ROLE) if rows else None

    def retranslate(self) -> None:
        retranslate_tree(self)
        self.model.retranslate()
        self._fit_columns()
        self._selection_changed()
        self._set_status(self._status)
        self._show_plan_problems()

    def shutdown(self, timeout: Timeout = CLOSE_WAIT_SECONDS) -> bool:
        """Stop every company and wait for the workers (the window is closing)."""
        if self.firm is not None:
            self.firm.stop()
        return self._runners.shutdown(Deadline.of(timeout))

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel(self)
        title.setObjectName("firmTitle")
        bind(title, PAGE_TITLE)
        hint = HintLabel(self, wrapped=True)
        bind(hint, HINT)
        self.plan_label = HintLabel(self)
        self.choose_button = self._button(tr("Pilih rencana…"), self._choose_file)
        self.folder_button = self._button(tr("Pilih folder…"), self._choose_dir)
        self.problems_label = QLabel(self)
        self.problems_label.setObjectName("planProblems")
        self.problems_label.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setObjectName("firmTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # Fitted to their contents when a company's state changes (`_fit_columns`), not on
        # every progress update: ResizeToContents measured every cell again each time, on
        # the GUI thread, 12 times a second while ten companies post.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NEEDS, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COMPANY, 180)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.detail_label = QLabel(self)
        self.detail_label.setObjectName("firmDetail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.post_button = self._button(tr("Posting semua"), self.post_all)
        self.stop_button = self._button(tr("Hentikan perusahaan ini"), self.stop_selected)
        self.stop_all_button = self._button(tr("Hentikan semua"), self.stop_all)
        self.report_button = self._button(tr("Simpan laporan…"), self.save_report)
        self.status_label = HintLabel(self, wrapped=True)

        plan_row = QHBoxLayout()
        plan_row.addWidget(self.plan_label, 1)
        plan_row.addWidget(self.choose_button)
        plan_row.addWidget(self.folder_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.post_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.stop_all_button)
        buttons.addStretch(1)
        buttons.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(plan_row)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail_label)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)

    def _button(self, text: Text, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(self)
        bind(button, text)
        button.clicked.connect(slot)
        return button

    # -- reacting ------------------------------------------------------------------------------

    def _choose_file(self) -> None:
        path = self._choose_plan(self, False)
        if path is not None:
            self.open_plan(path)

    def _choose_dir(self) -> None:
        path = self._choose_plan(self, True)
        if path is not None:
            self.open_plan(path)

    def _plan_loaded(self, loaded: LoadedPlan) -> None:
        self.plan, self.firm = loaded, None
        self._show_rows(waiting_rows(loaded.plan))
        self._show_plan_problems()
        plan = loaded.plan
        if plan.ok:
            self._set_status(_ready_text(plan))
        else:
            self._set_status(
                tr("Perbaiki rencana dulu; tidak ada yang dikirim selama rencana bermasalah.")
            )
        self._update_buttons()

    def _show_rows(self, rows: list[FirmRow]) -> None:
        self.model.set_rows(rows)
        # Fitted again only when a cell's text changed length (a new digit, a new state).
        fitted_to = self.model.text_lengths()
        if fitted_to != self._fitted_to:
            self._fitted_to = fitted_to
            self._fit_columns()
        self._selection_changed()

    def _fit_columns(self) -> None:
        for column in range(self.model.columnCount()):
            if column not in (COMPANY, NEEDS):
                self.table.resizeColumnToContents(column)

    def _selection_changed(self) -> None:
        """The chosen company's needs in full, under the table (the cell is cut short)."""
        rows = self.table.selectionModel().selectedRows()
        needs = rows[0].siblingAtColumn(NEEDS).data() if rows else ""
        name = rows[0].data(COMPANY_ROLE) if rows else ""
        self.detail_label.setText(f"{name}: {needs}" if needs else "")
        self.detail_label.setVisible(bool(needs))
        self._update_buttons()

    def _posted(self, outcome: ChildOutcome) -> None:
        self.outcome = outcome
        if outcome.secrets is not None:  # nothing was sent
            self._show_rows(waiting_rows(self.plan.plan) if self.plan is not None else [])
            self._set_status(outcome.secrets.text)
            if outcome.secrets.unlock:
                self._ask_password()
            self._update_buttons()
            return
        if outcome.plan_problems:  # the plan changed on disk since it was read
            self._show_rows(waiting_rows(self.plan.plan) if self.plan is not None else [])
            self._set_status(_plan_changed(outcome.plan_problems))
            self._update_buttons()
            return
        rows = outcome.rows
        self._show_rows(rows)
        complete = sum(1 for row in rows if row.complete)
        done = tr(
            "Selesai: {c} dari {n} perusahaan lengkap di pembukuan. Lihat kolom 'Yang "
            "perlu dilakukan' untuk yang lain; posting lagi melanjutkan tanpa duplikasi.",
            c=count(complete),
            n=count(len(rows)),
        )
        self._set_status(done if outcome.trouble is None else outcome.trouble)
        self._update_buttons()

    def _ask_password(self) -> None:
        """The secrets file's password, in the dialog the window asks it with elsewhere;
        posting starts again once the file is open."""
        if self.unlock_dialog is not None:
            return
        secrets = self.store.secrets
        dialog = PasswordDialog(secrets.secrets_file(), create=False, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(
            lambda password: self.unlocker.start(unlock_file, secrets, password)
        )
        dialog.finished.connect(lambda _result: self._unlock_closed(dialog))
        self.unlock_dialog = dialog
        dialog.open()  # window-modal, without a nested event loop

    def _unlocked(self, _result: None) -> None:
        dialog = self.unlock_dialog
        if dialog is None:  # declined meanwhile: posting waits for the user
            return
        dialog.accept()
        self.secrets_unlocked.emit()
        self.post_all()

    def _unlock_failed(self, error: BaseException) -> None:
        if self.unlock_dialog is not None:
            self.unlock_dialog.show_error(error_text(error))

    def _unlock_closed(self, dialog: PasswordDialog) -> None:
        if self.unlock_dialog is dialog:
            self.unlock_dialog = None

    def _report_saved(self, path: Path) -> None:
        self._set_status(tr("Laporan disimpan: {p}", p=path))

    def _failed(self, error: BaseException) -> None:
        self._set_status(error_text(error))
        self._update_buttons()

    def _show_plan_problems(self) -> None:
        plan = self.plan.plan if self.plan is not None else None
        if plan is None or not plan.problems:
            self.problems_label.setText("")
            self.problems_label.setVisible(False)
            return
        lines = [
            ntr(
                "Rencana ini punya {n} masalah; tidak ada yang dikirim:",
                "Rencana ini punya {n} masalah; tidak ada yang dikirim:",
                len(plan.problems),
            ).get()
        ]
        lines += [f"• {problem.describe()}" for problem in plan.problems]
        self.problems_label.setText("\n".join(lines))
        self.problems_label.setVisible(True)

    def _set_status(self, text: Text) -> None:
        self._status = text
        self.status_label.setText(text.get())

    def _update_buttons(self) -> None:
        running = self.poster.busy
        ready = self.plan is not None and self.plan.plan.ok
        self.post_button.setEnabled(ready and not running)
        self.choose_button.setEnabled(not running)
        self.folder_button.setEnabled(not running)
        self.stop_all_button.setEnabled(running)
        self.stop_button.setEnabled(running and self.selected_company() is not None)
        made = self.outcome is not None and self.outcome.report is not None
        self.report_button.setEnabled(made and not running)


def _ready_text(plan: Plan) -> Text:
    return tr(
        "Rencana siap: {w} workbook untuk {c} perusahaan. Tekan 'Posting semua'.",
        w=count(len(plan.jobs)),
        c=count(len(plan.companies())),
    )


def _plan_changed(problems: list[Text]) -> Text:
    return tr(
        "Rencana berubah sejak dibaca dan sekarang bermasalah; tidak ada yang dikirim. "
        "Pilih rencana lagi.\n{p}",
        p=one_per_line(*problems),
    )


def _suggested_report(source: Path) -> Path:
    # A folder plan has no suffix; no disk is asked on the GUI thread.
    folder = source.parent if source.suffix else source
    return folder / f"{source.stem}-hasil.xlsx"


def _ask_report(parent: QWidget, suggested: Path) -> Path | None:
    from app.ui.common.dialogs import ask_report_path

    return ask_report_path(parent, suggested)
