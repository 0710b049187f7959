"""The posting window's layout: its style sheet, and its panels and table (`PostingWidgets`,
built on the window, which owns the state and the behaviour). Every fixed text is bound
(`texts.bind`), so a language switch sets it again."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QStringListModel, Qt
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
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import Text, tr
from app.ui.common.batch_table import attention_filter, entries_table
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


class StatusCount(QWidget):
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


class PostingWidgets:
    """The posting window's widgets, built on `window` and laid out (as a designer's `Ui_`
    class would); `PostingView` connects them to what it does and `PostingDisplay` sets
    them for its state."""

    def __init__(self, window: QWidget, model: PostingModel) -> None:
        title = QLabel(window)
        title.setObjectName("postingTitle")
        bind(title, TITLE)
        self.target_label = QLabel(window)
        self.target_label.setObjectName("postingTarget")
        self.banner = NoticeBox(window, "postingBanner", hidden=False)

        layout = QVBoxLayout(window)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(title)
        heading.addWidget(self.target_label)
        layout.addLayout(heading)
        layout.addWidget(self.banner)
        self._build_problems(window)
        layout.addWidget(self.problems_panel)
        self._build_progress(window)
        layout.addWidget(self.progress_panel)
        layout.addLayout(self._build_table_bar(window))
        self._build_table(window, model)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._build_buttons(window))
        escape = QAction(window)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        escape.triggered.connect(window.close)  # asks first while posting
        window.addAction(escape)

    def _build_problems(self, window: QWidget) -> None:
        self.problems_panel = QFrame(window)
        self.problems_panel.setObjectName("problemsPanel")
        self.problems_title = QLabel(self.problems_panel)
        self.problems_title.setStyleSheet("font-weight: 600;")
        self.problems_list = QListView(self.problems_panel)
        self.problems_list.setObjectName("problemsList")
        self.problems_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems_list.setMaximumHeight(130)
        self.problems_list.setUniformItemSizes(True)  # thousands of problems stay quick
        self.problems_model = QStringListModel(window)
        self.problems_list.setModel(self.problems_model)
        self.only_valid_button = QPushButton(self.problems_panel)
        self.only_valid_button.setObjectName("primaryButton")
        bind(self.only_valid_button, ONLY_VALID)
        self.decline_button = QPushButton(self.problems_panel)
        bind(self.decline_button, CANCEL)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.decline_button)
        buttons.addWidget(self.only_valid_button)
        layout = QVBoxLayout(self.problems_panel)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.problems_title)
        layout.addWidget(self.problems_list)
        layout.addLayout(buttons)

    def _build_progress(self, window: QWidget) -> None:
        self.progress_panel = panel = QFrame(window)
        panel.setObjectName("progressPanel")
        self.progress_bar = QProgressBar(panel)
        # The count beside the bar, not on it: on the bar, the part of the text over the
        # filled end and the part over the empty end are drawn in two colours, and a glyph
        # where they meet is partly white on white.
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMinimumHeight(22)
        self.progress_label = QLabel(panel)
        self.progress_label.setObjectName("progressLabel")
        self.stat_posted = StatusCount(tr("Terposting"), "posted", panel)
        self.stat_rejected = StatusCount(tr("Ditolak"), "rejected", panel)
        self.stat_skipped = StatusCount(tr("Dilewati"), "skipped", panel)
        self.stat_uncertain = StatusCount(tr("Tidak pasti"), "uncertain", panel)
        self.stats = (self.stat_posted, self.stat_rejected, self.stat_skipped, self.stat_uncertain)
        self.rate_label = QLabel(panel)
        self.rate_label.setObjectName("rateLabel")
        self.rate_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        self.stop_button = QPushButton(panel)
        bind(self.stop_button, STOP)
        self.stop_button.setObjectName("dangerButton")

        top = QHBoxLayout()
        top.addWidget(self.progress_bar, 1)
        top.addWidget(self.progress_label)
        top.addWidget(self.stop_button)
        stats = QHBoxLayout()
        for stat in self.stats:
            stats.addWidget(stat)
        stats.addStretch(1)
        stats.addWidget(self.rate_label)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(stats)

    def _build_table_bar(self, window: QWidget) -> QHBoxLayout:
        self.table_caption = QLabel(window)
        self.table_caption.setObjectName("statLabel")
        self.attention_box = QCheckBox(window)
        bind(self.attention_box, ATTENTION_ONLY)
        bar = QHBoxLayout()
        bar.addWidget(self.table_caption)
        bar.addStretch(1)
        bar.addWidget(self.attention_box)
        return bar

    def _build_table(self, window: QWidget, model: PostingModel) -> None:
        self.filter_model = attention_filter(model, window, ATTENTION_ROLE, STATUS)
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
            window, self.filter_model, "postingTable", widths, fitted=(REFERENCE, DATE, REMOTE)
        )

    def _build_buttons(self, window: QWidget) -> QHBoxLayout:
        self.notice_label = QLabel(window)
        self.notice_label.setObjectName("noticeLabel")
        self.notice_label.setWordWrap(True)
        self.notice_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.save_button = QPushButton(window)
        bind(self.save_button, SAVE_REPORT)
        self.undo_button = QPushButton(window)
        bind(self.undo_button, UNDO)
        self.undo_button.setObjectName("dangerButton")
        self.again_button = QPushButton(window)
        self.again_button.setObjectName("primaryButton")
        self.close_button = QPushButton(window)
        bind(self.close_button, CLOSE)
        self.close_button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(self.notice_label, 1)
        row.addWidget(self.undo_button)
        row.addWidget(self.save_button)
        row.addWidget(self.again_button)
        row.addWidget(self.close_button)
        return row
