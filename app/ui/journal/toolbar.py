"""The journal page's toolbar: Import and Template, the grid's row buttons, the page's own
extras (optional columns, account mapping), what runs now, and "Posting…" at the far end.

A layout (`QHBoxLayout`), so others add their buttons in their place: "Simpan sebagai
Excel…" goes beside Import and Template (app.ui.journal.excel_saving).
"""

from __future__ import annotations

from typing import Final

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from app.core.i18n import Text, tr
from app.ui.journal.import_panel import Translated

STYLE: Final = """
#postButton:enabled { background: #1F5FAF; color: white; font-weight: bold;
    border: 1px solid #174A8A; border-radius: 3px; padding: 3px 12px; min-width: 80px; }
"""

IMPORT = tr("Impor Excel…")
IMPORT_TIP = tr("Baca jurnal dari buku kerja .xlsx, .xlsm, .xls atau .ods.")
TEMPLATE = tr("Templat…")
TEMPLATE_TIP = tr("Simpan buku kerja kosong siap diisi, dengan contoh dan petunjuk.")
ADD_LINE = tr("Tambah baris")
ADD_LINE_TIP = tr("Baris baru di jurnal ini (Ctrl+Enter).")
ADD_ENTRY = tr("Jurnal baru")
ADD_ENTRY_TIP = tr("Jurnal baru di bawah jurnal ini (Ctrl+Shift+Enter).")
REMOVE = tr("Hapus baris")
REMOVE_TIP = tr("Hapus baris yang dipilih (Ctrl+Delete).")
POST = tr("Posting…")
POST_TIP = tr("Kirim jurnal ke perusahaan yang dipilih; aktif bila semua jurnal siap.")


class JournalToolbar(QHBoxLayout):
    """The page's buttons in a row; `extras` (widgets made by the page's helpers) sit
    after the row buttons."""

    def __init__(self, page: QWidget, extras: tuple[QWidget, ...]) -> None:
        super().__init__()
        self._page = page
        self._texts = Translated()
        self.import_button = self._button(IMPORT, IMPORT_TIP)
        self.template_button = self._button(TEMPLATE, TEMPLATE_TIP)
        self.add_line_button = self._button(ADD_LINE, ADD_LINE_TIP)
        self.add_entry_button = self._button(ADD_ENTRY, ADD_ENTRY_TIP)
        self.remove_button = self._button(REMOVE, REMOVE_TIP)
        self.post_button = self._button(POST, POST_TIP)
        self.post_button.setObjectName("postButton")
        self.post_button.setStyleSheet(STYLE)
        self.post_button.setEnabled(False)
        self.busy_label = QLabel(page)
        self.busy_bar = QProgressBar(page)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setFixedWidth(120)
        self.busy_bar.setTextVisible(False)
        self.set_busy_visible(False)
        self._lay_out(extras)

    def show_busy(self, text: Text) -> None:
        """Say what runs now (a workbook read, a report saved), with a moving bar."""
        self.busy_label.setText(text.get())
        self.set_busy_visible(True)

    def set_busy_visible(self, visible: bool) -> None:
        self.busy_label.setVisible(visible)
        self.busy_bar.setVisible(visible)

    def retranslate(self) -> None:
        self._texts.apply()

    def _lay_out(self, extras: tuple[QWidget, ...]) -> None:
        self.setSpacing(6)
        for button in (self.import_button, self.template_button):
            self.addWidget(button)
        self.addSpacing(16)
        for button in (self.add_line_button, self.add_entry_button, self.remove_button):
            self.addWidget(button)
        self.addSpacing(16)
        for extra in extras:
            self.addWidget(extra)
        self.addStretch(1)
        self.addWidget(self.busy_label)
        self.addWidget(self.busy_bar)
        self.addSpacing(12)
        self.addWidget(self.post_button)

    def _button(self, text: Text, tip: Text) -> QPushButton:
        button = QPushButton(self._page)
        self._texts.bind(button.setText, text)
        self._texts.bind(button.setToolTip, tip)
        return button
