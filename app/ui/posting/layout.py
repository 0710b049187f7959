"""The posting window's layout: its style sheet, its panels and its table, built on the
view (`PostingLayout` is mixed into `PostingView`, which owns the state and the behaviour).
Every fixed text is bound (`texts.bind`), so a language switch sets it again."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import Text, tr
from app.ui.common.batch_table import entries_table
from app.ui.common.notice_box import NoticeBox, notice_style
from app.ui.common.words import bind, count
from app.ui.posting.model import (
    ATTENTION_ROLE,
    DATE,
    DEBIT,
    DESCRIPTION,
    NUMBER,
    REFERENCE,
    REMOTE,
    STATUS,
    PostingModel,
)
from app.ui.posting.words import (
    ATTENTION_ONLY,
    CANCEL,
    CLOSE,
    ONLY_VALID,
    SAVE_REPORT,
    STOP,
    TITLE,
    UNDO,
)

STYLE: Final = (
    notice_style("postingBanner")
    + """
#postingTitle { font-size: 18px; font-weight: 600; color: #1f2933; }
#postingTarget { color: #52606d; }
#problemsPanel, #progressPanel { border: 1px solid #e1e5ea; border-radius: 6px;
                                 background: #ffffff; }
#statValue { font-size: 20px; font-weight: 600; color: #1f2933; }
#statValue[status="posted"] { color: #1e6b35; }
#statValue[status="rejected"] { color: #b3261e; }
#statValue[status="uncertain"] { color: #8a6100; }
#statValue[status="skipped"] { color: #52606d; }
#statLabel, #rateLabel, #noticeLabel { color: #4a5361; }
#primaryButton { background: #1f5fa8; color: white; border: 1px solid #184c87;
                 border-radius: 4px; padding: 5px 14px; font-weight: 600; }
#primaryButton:disabled { background: #9db6d3; border-color: #9db6d3; }
#dangerButton { color: #8b1a1a; }
#postingTable { gridline-color: #e6e9ee; border: 1px solid #d9dde3; }
#postingTable QHeaderView::section { background: #f3f5f8; color: #3e4c59; font-weight: 600;
    border: none; border-bottom: 1px solid #d9dde3; border-right: 1px solid #e6e9ee;
    padding: 4px 6px; }
"""
)


class _Stat(QWidget):
    """A count with its caption: "12" over "Terposting"."""

    def __init__(self, caption: Text, status: str, parent: QWidget) -> None:
        super().__init__(parent)
        self._count = 0
        self.value = QLabel("0", self)
        self.value.setObjectName("statValue")
        self.value.setProperty("status", status)
        caption_label = QLabel(self)
        caption_label.setObjectName("statLabel")
        bind(caption_label, caption)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 18, 0)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(caption_label)

    def set(self, value: int) -> None:
        self._count = value
        self.value.setText(count(value))

    def retranslate(self) -> None:
        self.set(self._count)


def attention_filter(model: PostingModel, parent: QWidget) -> QSortFilterProxyModel:
    """Every row, or (`setFilterFixedString(ATTENTION)`) only those not on the books and
    not waiting; re-filtered as statuses change."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setFilterRole(ATTENTION_ROLE)
    proxy.setFilterKeyColumn(STATUS)  # a column the model's dataChanged spans
    proxy.setDynamicSortFilter(True)
    return proxy


class PostingLayout:
    """The widgets of `PostingView`; the view connects them to what it does."""

    def _build(self) -> None:
        title = QLabel(self)
        title.setObjectName("postingTitle")
        bind(title, TITLE)
        self.target_label = QLabel(self)
        self.target_label.setObjectName("postingTarget")
        self.banner = NoticeBox(self, "postingBanner", hidden=False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(title)
        heading.addWidget(self.target_label)
        layout.addLayout(heading)
        layout.addWidget(self.banner)
        layout.addWidget(self._build_problems())
        layout.addWidget(self._build_progress())
        layout.addLayout(self._build_table_bar())
        layout.addWidget(self._build_table(), 1)
        layout.addLayout(self._build_buttons())
        escape = QAction(self)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        escape.triggered.connect(self.close)  # asks first while posting
        self.addAction(escape)
        self._show_target()

    def _build_problems(self) -> QFrame:
        self.problems_panel = QFrame(self)
        self.problems_panel.setObjectName("problemsPanel")
        self.problems_title = QLabel(self.problems_panel)
        self.problems_title.setStyleSheet("font-weight: 600;")
        self.problems_list = QListView(self.problems_panel)
        self.problems_list.setObjectName("problemsList")
        self.problems_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems_list.setMaximumHeight(130)
        self.problems_list.setUniformItemSizes(True)  # thousands of problems stay quick
        self.problems_model = QStringListModel(self)
        self.problems_list.setModel(self.problems_model)
        self.only_valid_button = QPushButton(self.problems_panel)
        self.only_valid_button.setObjectName("primaryButton")
        bind(self.only_valid_button, ONLY_VALID)
        self.only_valid_button.clicked.connect(self.post_only_valid)
        self.decline_button = QPushButton(self.problems_panel)
        bind(self.decline_button, CANCEL)
        self.decline_button.clicked.connect(self.decline)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.decline_button)
        buttons.addWidget(self.only_valid_button)
        layout = QVBoxLayout(self.problems_panel)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.problems_title)
        layout.addWidget(self.problems_list)
        layout.addLayout(buttons)
        return self.problems_panel

    def _build_progress(self) -> QFrame:
        self.progress_panel = QFrame(self)
        self.progress_panel.setObjectName("progressPanel")
        self.progress_bar = QProgressBar(self.progress_panel)
        # The count beside the bar, not on it: on the bar, the part of the text over the
        # filled end and the part over the empty end are drawn in two colours, and a glyph
        # where they meet is partly white on white.
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMinimumHeight(22)
        self.progress_label = QLabel(self.progress_panel)
        self.progress_label.setObjectName("progressLabel")
        panel = self.progress_panel
        self.stat_posted = _Stat(tr("Terposting", "Posted"), "posted", panel)
        self.stat_rejected = _Stat(tr("Ditolak", "Rejected"), "rejected", panel)
        self.stat_skipped = _Stat(tr("Dilewati", "Skipped"), "skipped", panel)
        self.stat_uncertain = _Stat(tr("Tidak pasti", "Uncertain"), "uncertain", panel)
        self._stats = (self.stat_posted, self.stat_rejected, self.stat_skipped, self.stat_uncertain)
        self.rate_label = QLabel(panel)
        self.rate_label.setObjectName("rateLabel")
        self.rate_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        self.stop_button = QPushButton(panel)
        bind(self.stop_button, STOP)
        self.stop_button.setObjectName("dangerButton")
        self.stop_button.clicked.connect(self.stop)

        top = QHBoxLayout()
        top.addWidget(self.progress_bar, 1)
        top.addWidget(self.progress_label)
        top.addWidget(self.stop_button)
        stats = QHBoxLayout()
        for stat in self._stats:
            stats.addWidget(stat)
        stats.addStretch(1)
        stats.addWidget(self.rate_label)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(stats)
        return panel

    def _build_table_bar(self) -> QHBoxLayout:
        self.table_caption = QLabel(self)
        self.table_caption.setObjectName("statLabel")
        self.attention_box = QCheckBox(self)
        bind(self.attention_box, ATTENTION_ONLY)
        self.attention_box.toggled.connect(self._filter_toggled)
        bar = QHBoxLayout()
        bar.addWidget(self.table_caption)
        bar.addStretch(1)
        bar.addWidget(self.attention_box)
        return bar

    def _build_table(self) -> QTableView:
        self.filter_model = attention_filter(self.model, self)
        widths = {
            NUMBER: 46,
            REFERENCE: 112,
            DATE: 92,
            DESCRIPTION: 224,
            DEBIT: 122,
            STATUS: 100,
            REMOTE: 126,
        }
        self.table = entries_table(
            self, self.filter_model, "postingTable", widths, fitted=(REFERENCE, DATE, REMOTE)
        )
        return self.table

    def _build_buttons(self) -> QHBoxLayout:
        self.notice_label = QLabel(self)
        self.notice_label.setObjectName("noticeLabel")
        self.notice_label.setWordWrap(True)
        self.notice_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.save_button = QPushButton(self)
        bind(self.save_button, SAVE_REPORT)
        self.save_button.clicked.connect(self.ask_save_report)
        self.undo_button = QPushButton(self)
        bind(self.undo_button, UNDO)
        self.undo_button.setObjectName("dangerButton")
        self.undo_button.clicked.connect(self.ask_undo)
        self.again_button = QPushButton(self)
        self.again_button.setObjectName("primaryButton")
        self.again_button.clicked.connect(lambda: self._retry())
        self.close_button = QPushButton(self)
        bind(self.close_button, CLOSE)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)  # asks first while posting
        row = QHBoxLayout()
        row.addWidget(self.notice_label, 1)
        row.addWidget(self.undo_button)
        row.addWidget(self.save_button)
        row.addWidget(self.again_button)
        row.addWidget(self.close_button)
        return row
