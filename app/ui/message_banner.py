"""A message across a page, in the user's language: an icon for its kind (error, warning,
information), the text (selectable, to copy into a support mail) and a button to close it.

Self-contained (its look comes with it), so any page can show one; the journal page's
workbook, draft and mapping messages all go through `show_message(kind, text)`.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStyle, QToolButton, QVBoxLayout, QWidget

from app.core import journal_words
from app.core.i18n import Text
from app.ui import texts
from app.ui.notice_box import restyle

STYLE: Final = """
#banner { border-radius: 4px; border: 1px solid #D0D7DE; background: #F1F6FD; }
#banner[kind="error"] { background: #FDECEC; border-color: #E5A3A3; }
#banner[kind="warning"] { background: #FFF6E0; border-color: #E8C77A; }
#bannerOther { color: #5F6B7A; }
"""

_ICONS: Final = {
    journal_words.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    journal_words.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    journal_words.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}


class MessageBanner(QFrame):
    """A message across the page, in the user's language."""

    ERROR, WARNING, INFO = journal_words.ERROR, journal_words.WARNING, journal_words.INFO

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setStyleSheet(STYLE)
        self.kind = self.INFO
        self.text: Text | None = None
        self.icon = QLabel(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.other = QLabel(self)
        self.other.setWordWrap(True)
        self.other.setObjectName("bannerOther")
        self.other.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.message)
        words.addWidget(self.other)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(words, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, kind: str, text: Text) -> None:
        self.kind, self.text = kind, text
        restyle(self, "kind", kind)
        self.icon.setPixmap(self.style().standardIcon(_ICONS[kind]).pixmap(20, 20))
        self._show_text()
        self.show()

    def _show_text(self) -> None:
        if self.text is None:
            return
        self.message.setText(self.text.get())
        self.other.setVisible(False)  # one language at a time
        self.close_button.setToolTip(texts.CLOSE.get())

    def retranslate(self) -> None:
        self._show_text()
