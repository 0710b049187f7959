"""The question the history page's "Reconcile period…" asks: which period (from, to). The
last full month is offered; dates are typed day first (dd/mm/yyyy), and read as every other
date the app reads (`core.dates`), so a day typed before its month is never clamped to the
month shown meanwhile (as a date spin box would). A workbook to set the books against as well
is optional (typed, or chosen with "Pilih…"). Window-modal, opened without a nested event
loop: `chosen(first, last, workbook)` is emitted when the user agrees."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.books.dates import DateError, parse_date
from app.core.grid.page_words import WORKBOOK_FILTER
from app.core.i18n import Text, tr
from app.ui.common.dialogs import ask_path
from app.ui.common.words import CANCEL, bind

WorkbookChooser = Callable[[QWidget], Path | None]

TITLE: Final = tr("Cocokkan periode")
RECONCILE: Final = tr("Cocokkan")
EXPLAIN: Final = tr(
    "Jurnal Desk membaca setiap voucher periode ini dari pembukuan dan mencocokkannya dengan "
    "yang pernah dikirimnya: yang berbeda, yang hilang, dan yang bukan dari Jurnal Desk."
)
FIRST: Final = tr("Dari tanggal:")
LAST: Final = tr("Sampai tanggal:")
BACKWARDS: Final = tr("'Dari' sesudah 'sampai'.")
PLACEHOLDER: Final = tr("hh/bb/tttt")
WORKBOOK: Final = tr("Workbook (opsional):")
NO_WORKBOOK: Final = tr("kosong = hanya dengan riwayat posting")
CHOOSE: Final = tr("Pilih…")
CHOOSE_TITLE: Final = tr("Pilih workbook sumber")
NOT_FOUND: Final = tr("Workbook itu tidak ditemukan.")


def ask_workbook(parent: QWidget) -> Path | None:
    return ask_path(parent, CHOOSE_TITLE, WORKBOOK_FILTER)


def last_full_month(today: date) -> tuple[date, date]:
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


class PeriodDialog(QDialog):
    chosen = Signal(object, object, object)  # first, last (datetime.date), workbook (Path|None)

    def __init__(
        self,
        parent: QWidget,
        today: date | None = None,
        *,
        choose_workbook: WorkbookChooser = ask_workbook,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("periodDialog")
        bind(self, TITLE, "setWindowTitle")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        first, last = last_full_month(today or date.today())
        self.first_edit = self._date_edit(first)
        self.last_edit = self._date_edit(last)
        self._choose_workbook = choose_workbook
        self.workbook_edit = QLineEdit(self)
        bind(self.workbook_edit, NO_WORKBOOK, "setPlaceholderText")
        self.choose_button = QPushButton(self)
        bind(self.choose_button, CHOOSE)
        self.choose_button.clicked.connect(self._choose)
        self.problem = QLabel(self)
        self.problem.setObjectName("periodProblem")
        self.problem.setStyleSheet("color: #8b1a1a;")
        self.problem.hide()
        self.reconcile_button = QPushButton(self)
        bind(self.reconcile_button, RECONCILE)
        self.reconcile_button.setDefault(True)
        self.reconcile_button.clicked.connect(self._agree)
        self.cancel_button = QPushButton(self)
        bind(self.cancel_button, CANCEL)
        self.cancel_button.clicked.connect(self.reject)
        self._lay_out()

    def period(self) -> tuple[date, date]:
        """The dates typed; raises DateError (its words say why) for one that is not."""
        first = parse_date(self.first_edit.text().strip() or None)
        last = parse_date(self.last_edit.text().strip() or None)
        if first is None or last is None:
            raise DateError(tr("Isi kedua tanggal."))
        return first, last

    def _date_edit(self, value: date) -> QLineEdit:
        edit = QLineEdit(value.strftime("%d/%m/%Y"), self)
        bind(edit, PLACEHOLDER, "setPlaceholderText")
        edit.setMaxLength(20)
        return edit

    def _lay_out(self) -> None:
        explain = QLabel(self)
        bind(explain, EXPLAIN)
        explain.setWordWrap(True)
        form = QFormLayout()
        first_label, last_label = QLabel(self), QLabel(self)
        bind(first_label, FIRST)
        bind(last_label, LAST)
        form.addRow(first_label, self.first_edit)
        form.addRow(last_label, self.last_edit)
        workbook_label = QLabel(self)
        bind(workbook_label, WORKBOOK)
        workbook_row = QHBoxLayout()
        workbook_row.addWidget(self.workbook_edit, 1)
        workbook_row.addWidget(self.choose_button)
        form.addRow(workbook_label, workbook_row)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reconcile_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.setMinimumWidth(520)

    def _agree(self) -> None:
        try:
            first, last = self.period()
        except DateError as error:
            self._refuse(error.text)
            return
        if first > last:
            self._refuse(BACKWARDS)
            return
        workbook = self.workbook()
        if workbook is not None and not workbook.is_file():
            self._refuse(NOT_FOUND)
            return
        self.accept()
        self.chosen.emit(first, last, workbook)

    def workbook(self) -> Path | None:
        text = self.workbook_edit.text().strip().strip('"')
        return Path(text).expanduser() if text else None

    def _choose(self) -> None:
        path = self._choose_workbook(self)
        if path is not None:
            self.workbook_edit.setText(str(path))

    def _refuse(self, text: Text) -> None:
        bind(self.problem, text)
        self.problem.show()
