"""What an empty journal grid says: how to start. It lies over the grid's empty area while
the grid has no line (a first start, after clearing it) and goes as soon as there is one.

Four ways in, each a button: import a workbook (Ctrl+O), type an entry here
(Ctrl+Shift+Enter), save the template to fill in Excel, and, while another company is
chosen, try the demo company (the window says what choosing it does: `offer_demo`); while
the demo is chosen, it says posting there is safe.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from app.core.i18n import Text, tr
from app.ui.common.words import bind

STYLE: Final = """
#emptyGridHint { background: #FFFFFF; border: 1px dashed #B8C2CC; border-radius: 6px; }
#emptyGridTitle { font-size: 16px; font-weight: 600; color: #2B2F36; }
#emptyGridText { color: #4A5361; }
"""

TITLE: Final = tr("Belum ada jurnal. Mulai dari sini:")
IMPORT: Final = tr("Impor buku kerja Excel… (Ctrl+O)")
TYPE: Final = tr("Ketik jurnal di grid (Ctrl+Shift+Enter)")
TEMPLATE: Final = tr("Simpan templat untuk diisi di Excel…")
DEMO: Final = tr("Coba perusahaan demo")
DEMO_NOTE: Final = tr(
    "Perusahaan demo menerima posting di komputer ini saja, tanpa menyentuh pembukuan "
    "sungguhan: tempat aman untuk mencoba."
)
DEMO_CHOSEN: Final = tr(
    "Perusahaan demo sedang dipilih: posting hanya sampai sandbox di komputer ini, tanpa "
    "menyentuh pembukuan sungguhan. Aman untuk mencoba."
)
MARGIN: Final = 24


class EmptyGridHint(QFrame):
    """The buttons that start a journal, over the empty grid's viewport."""

    def __init__(
        self,
        grid: QAbstractItemView,
        *,
        import_workbook: Callable[[], object],
        type_entry: Callable[[], object],
        save_template: Callable[[], object],
    ) -> None:
        super().__init__(grid.viewport())
        self.setObjectName("emptyGridHint")
        self.setStyleSheet(STYLE)
        self._grid = grid
        self._try_demo: Callable[[], object] | None = None
        title = QLabel(self)
        title.setObjectName("emptyGridTitle")
        bind(title, TITLE)
        self.import_button = self._button(IMPORT, import_workbook)
        self.type_button = self._button(TYPE, type_entry)
        self.template_button = self._button(TEMPLATE, save_template)
        self.demo_button = self._button(DEMO, self._demo_chosen)
        self.demo_note = QLabel(self)
        self.demo_note.setObjectName("emptyGridText")
        self.demo_note.setWordWrap(True)
        bind(self.demo_note, DEMO_NOTE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, 18, MARGIN, 18)
        layout.setSpacing(8)
        layout.addWidget(title)
        for button in (self.import_button, self.type_button, self.template_button):
            layout.addWidget(button)
        demo = QHBoxLayout()
        demo.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignTop)
        demo.addWidget(self.demo_note, 1)
        layout.addLayout(demo)
        self.offer_demo(None, chosen=False)
        grid.viewport().installEventFilter(self)
        model = grid.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.follow_grid)
        self.follow_grid()

    def offer_demo(self, try_demo: Callable[[], object] | None, *, chosen: bool) -> None:
        """Offer the demo company (`try_demo` chooses it), or say it is the one `chosen`."""
        self._try_demo = try_demo
        self.demo_button.setVisible(try_demo is not None)
        bind(self.demo_note, DEMO_CHOSEN if chosen else DEMO_NOTE)
        self.demo_note.setVisible(try_demo is not None or chosen)
        self._place()

    def follow_grid(self, *_args: object) -> None:
        """Shown while the grid has no line, gone once it has one."""
        empty = self._grid.model().rowCount() == 0
        self.setVisible(empty)
        if empty:
            self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        """In the middle of the viewport, as wide as its words need (within the viewport)."""
        viewport = self._grid.viewport()
        self.adjustSize()
        width = min(max(self.sizeHint().width(), 420), max(viewport.width() - 2 * MARGIN, 200))
        height = (
            self.heightForWidth(width) if self.hasHeightForWidth() else self.sizeHint().height()
        )
        self.resize(width, max(height, self.minimumSizeHint().height()))
        x = max((viewport.width() - self.width()) // 2, 0)
        y = max((viewport.height() - self.height()) // 3, 0)
        self.move(x, y)

    def _demo_chosen(self) -> None:
        if self._try_demo is not None:
            self._try_demo()

    def _button(self, text: Text, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(self)
        bind(button, text)
        button.clicked.connect(lambda: slot())
        return button
