"""The history's batch panel layout: its caption, actions, notice line and entries table
(`BatchWidgets`, built on the panel, `BatchView`, which owns the behaviour). Every fixed text
is bound (`texts.bind`), so a language switch sets it again."""

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
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import tr
from app.ui.common import words as texts
from app.ui.common.batch_table import attention_filter, entries_table
from app.ui.common.notice_box import NoticeBox
from app.ui.common.words import bind
from app.ui.history.batch_model import BatchModel
from app.ui.posting.model import (
    ATTENTION_ROLE,
    DATE,
    DEBIT,
    DESCRIPTION,
    NUMBER,
    REFERENCE,
    REMOTE,
    STATUS,
)

Index = QModelIndex | QPersistentModelIndex
SAVE_REPORT: Final = tr("Simpan laporan hasil…")
UNDO: Final = texts.UNDO_POSTING
# The title of the question asked before removing: the button's words without its "…".
UNDO_TITLE: Final = tr("Hapus dari pembukuan")
VERIFY: Final = tr("Periksa di pembukuan")
ATTENTION_ONLY: Final = tr("Hanya yang perlu perhatian")
RESUME_POSTING: Final = tr("Lanjutkan posting")
REVERSE: Final = tr("Batalkan dengan jurnal balik…")


class StatusDelegate(QStyledItemDelegate):
    """Paints a status cell in its own colours even on the chosen row, so the status stays
    readable where the accountant is looking."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if option.state & QStyle.StateFlag.State_Selected:
            option = QStyleOptionViewItem(option)
            option.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, option, index)


# --- the panel -------------------------------------------------------------------------------


class BatchWidgets:
    """The batch panel's widgets, built on `panel` and laid out (as a designer's `Ui_` class
    would); `BatchView` connects them to what it does."""

    def __init__(self, panel: QWidget, model: BatchModel) -> None:
        self.caption = QLabel(panel)
        self.caption.setObjectName("batchCaption")
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel(panel)
        self.facts.setObjectName("batchFacts")
        self.facts.setWordWrap(True)
        self.undo_button = QPushButton(panel)
        bind(self.undo_button, UNDO)
        self.undo_button.setObjectName("dangerButton")
        self.reverse_button = QPushButton(panel)
        self.reverse_button.setObjectName("reverseButton")
        bind(self.reverse_button, REVERSE)
        bind(
            self.reverse_button,
            tr(
                "Posting satu jurnal balik untuk setiap voucher batch ini (debit dan kredit "
                "ditukar), sebagai batch baru yang ditautkan ke batch ini."
            ),
            "setToolTip",
        )
        self.save_button = QPushButton(panel)
        bind(self.save_button, SAVE_REPORT)
        self.verify_button = QPushButton(panel)
        bind(self.verify_button, VERIFY)
        bind(
            self.verify_button,
            tr(
                "Baca ulang setiap voucher batch ini dari layanan dan bandingkan tanggal, akun, "
                "sisi, jumlah, cabang dan deskripsinya dengan yang dikirim."
            ),
            "setToolTip",
        )
        self.resume_button = QPushButton(panel)
        bind(self.resume_button, RESUME_POSTING)
        self.attention_box = QCheckBox(panel)
        bind(self.attention_box, ATTENTION_ONLY)
        # Plain text: paths and the server's words as they are.
        self.notice_label = NoticeBox(
            panel, "batchNotice", text_format=Qt.TextFormat.PlainText, hidden=False
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
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.notice_label)
        self._build_table(panel, model)
        layout.addWidget(self.table, 1)
        self.entry_detail = QLabel(panel)
        self.entry_detail.setObjectName("entryDetail")
        self.entry_detail.setWordWrap(True)
        self.entry_detail.setTextFormat(Qt.TextFormat.PlainText)
        self.entry_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.entry_detail.setVisible(False)
        layout.addWidget(self.entry_detail)

    def _build_table(self, panel: QWidget, model: BatchModel) -> None:
        self.filter_model = attention_filter(model, panel, ATTENTION_ROLE, STATUS)
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
            panel, self.filter_model, "batchTable", widths, fitted=(REFERENCE, DATE, REMOTE)
        )
        self.table.setItemDelegateForColumn(STATUS, StatusDelegate(self.table))
