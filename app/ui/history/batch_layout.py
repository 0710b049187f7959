"""The history's batch panel layout: its caption, actions, notice line and entries table,
built on the view (`BatchLayout` is mixed into `BatchView`, which owns the behaviour). Every
fixed text is bound (`texts.bind`), so a language switch sets it again."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
)

from app.core.i18n import tr
from app.ui.common import words as texts
from app.ui.common.batch_table import entries_table
from app.ui.common.notice_box import NoticeBox
from app.ui.common.words import bind
from app.ui.posting.layout import attention_filter
from app.ui.posting.model import DATE, DEBIT, DESCRIPTION, NUMBER, REFERENCE, REMOTE, STATUS

Index = QModelIndex | QPersistentModelIndex
SAVE_REPORT: Final = tr("Simpan laporan hasil…", "Save result report…")
UNDO: Final = texts.UNDO_POSTING
VERIFY: Final = tr("Periksa di pembukuan", "Check against the books")
ATTENTION_ONLY: Final = tr("Hanya yang perlu perhatian", "Only those needing attention")
RESUME_POSTING: Final = tr("Lanjutkan posting", "Resume posting")
REVERSE: Final = tr("Batalkan dengan jurnal balik…", "Reverse with reversing entries…")


class StatusDelegate(QStyledItemDelegate):
    """Paints a status cell in its own colours even on the chosen row, so the status stays
    readable where the accountant is looking."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if option.state & QStyle.StateFlag.State_Selected:  # type: ignore[operator]
            option = QStyleOptionViewItem(option)
            option.state &= ~QStyle.StateFlag.State_Selected  # type: ignore[assignment]
        super().paint(painter, option, index)


# --- the panel -------------------------------------------------------------------------------


class BatchLayout:
    """The widgets of `BatchView`; the view connects them to what it does."""

    def _build(self) -> None:
        self.caption = QLabel(self)
        self.caption.setObjectName("batchCaption")
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel(self)
        self.facts.setObjectName("batchFacts")
        self.facts.setWordWrap(True)
        self.undo_button = QPushButton(self)
        bind(self.undo_button, UNDO)
        self.undo_button.setObjectName("dangerButton")
        self.undo_button.clicked.connect(self.ask_undo)
        self.reverse_button = QPushButton(self)
        self.reverse_button.setObjectName("reverseButton")
        bind(self.reverse_button, REVERSE)
        bind(
            self.reverse_button,
            tr(
                "Posting satu jurnal balik untuk setiap voucher batch ini (debit dan kredit "
                "ditukar), sebagai batch baru yang ditautkan ke batch ini.",
                "Post one reversing entry for every voucher of this batch (debit and credit "
                "swapped), as a new batch linked to this one.",
            ),
            "setToolTip",
        )
        self.reverse_button.clicked.connect(self.ask_reverse)
        self.save_button = QPushButton(self)
        bind(self.save_button, SAVE_REPORT)
        self.save_button.clicked.connect(self.ask_save_report)
        self.verify_button = QPushButton(self)
        bind(self.verify_button, VERIFY)
        bind(
            self.verify_button,
            tr(
                "Baca ulang setiap voucher batch ini dari layanan dan bandingkan tanggal, akun, "
                "sisi, jumlah, cabang dan deskripsinya dengan yang dikirim.",
                "Read every voucher of this batch back from the service and compare its date, "
                "accounts, sides, amounts, branch and description with what was sent.",
            ),
            "setToolTip",
        )
        self.verify_button.clicked.connect(self.verify)
        self.resume_button = QPushButton(self)
        bind(self.resume_button, RESUME_POSTING)
        self.resume_button.clicked.connect(self._resume_clicked)
        self.attention_box = QCheckBox(self)
        bind(self.attention_box, ATTENTION_ONLY)
        self.attention_box.toggled.connect(self._filter_toggled)
        # Plain text: paths and the server's words as they are.
        self.notice_label = NoticeBox(
            self, "batchNotice", text_format=Qt.TextFormat.PlainText, hidden=False
        )
        self.notice_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        top.addWidget(self.resume_button)
        top.addWidget(self.verify_button)
        top.addWidget(self.undo_button)
        top.addWidget(self.reverse_button)
        top.addWidget(self.save_button)
        second = QHBoxLayout()
        second.addWidget(self.facts, 1)
        second.addWidget(self.attention_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.notice_label)
        layout.addWidget(self._build_table(), 1)
        self.entry_detail = QLabel(self)
        self.entry_detail.setObjectName("entryDetail")
        self.entry_detail.setWordWrap(True)
        self.entry_detail.setTextFormat(Qt.TextFormat.PlainText)
        self.entry_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.entry_detail.setVisible(False)
        layout.addWidget(self.entry_detail)
        self.table.selectionModel().currentRowChanged.connect(self._entry_chosen)
        self.filter_model.modelReset.connect(self._entry_chosen)

    def _build_table(self) -> QTableView:
        self.filter_model = attention_filter(self.model, self)  # type: ignore[arg-type]
        widths = {
            NUMBER: 44,
            REFERENCE: 104,
            DATE: 88,
            DESCRIPTION: 180,
            DEBIT: 112,
            STATUS: 98,
            REMOTE: 124,
        }
        self.table = entries_table(
            self, self.filter_model, "batchTable", widths, fitted=(REFERENCE, DATE, REMOTE)
        )
        self.table.setItemDelegateForColumn(STATUS, StatusDelegate(self.table))
        return self.table
