"""A message across a page, in the user's language: an icon for its kind (error, warning,
information), the text (selectable, to copy into a support mail), an optional action button
and a button to close it.

Self-contained (its look comes with it), so any page can show one; the journal page's
workbook, draft and mapping messages all go through `show_message(kind, text)`.

A message belongs to the state it is about. `show_message(..., holds=...)` keeps it only
while `holds()` is true, and `show_derived(source)` makes it from the state each time:
the page calls `refresh()` whenever its state changes (an edit, an undo, another company's
chart), and a message whose state is gone goes with it instead of going stale. A message
without `holds` stays until another replaces it or the user closes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.grid import page_words as journal_words
from app.core.i18n import Text
from app.ui.common import words as texts
from app.ui.common.notice_box import restyle

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

Message = tuple[str, Text]  # (kind, text)
MessageSource = Callable[[], Message | None]  # the message the state makes now; None: none
Action = tuple[Text, Callable[[], object]]  # a button's words and what it does


class MessageBanner(QFrame):
    """A message across the page, in the user's language, as long as its state holds."""

    ERROR, WARNING, INFO = journal_words.ERROR, journal_words.WARNING, journal_words.INFO

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setStyleSheet(STYLE)
        self.kind = self.INFO
        self.text: Text | None = None
        self._source: MessageSource | None = None
        self._action: Action | None = None
        self.icon = QLabel(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.other = QLabel(self)
        self.other.setWordWrap(True)
        self.other.setObjectName("bannerOther")
        self.other.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_button = QPushButton(self)
        self.action_button.hide()
        self.action_button.clicked.connect(self._act)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.clear)
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.message)
        words.addWidget(self.other)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(words, 1)
        layout.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(
        self,
        kind: str,
        text: Text,
        *,
        holds: Callable[[], bool] | None = None,
        action: Action | None = None,
    ) -> None:
        """Show `text`; with `holds`, only while it is true (checked at every `refresh`);
        with `action`, a button that does it."""
        if holds is None:
            self.show_derived(lambda: (kind, text), action=action)
        else:
            self.show_derived(lambda: (kind, text) if holds() else None, action=action)

    def show_derived(self, source: MessageSource, *, action: Action | None = None) -> None:
        """Show the message `source` makes of the state now, made again at every `refresh`;
        the banner goes once it makes none."""
        self._source, self._action = source, action
        self._show_now(source)

    def extend(self, more: Text, kind: str | None = None) -> None:
        """Add `more` to the message shown (as a kind of its own, if given); the message
        still belongs to its state."""
        source = self._source
        if source is None:
            self.show_message(kind or self.INFO, more)
            return

        def extended() -> Message | None:
            message = source()
            return None if message is None else (kind or message[0], message[1] + more)

        self._source = extended
        self._show_now(extended)

    def refresh(self) -> None:
        """The state changed: show the message it makes now, or go."""
        source = self._source
        if source is None:
            return
        if self.isHidden():
            self._forget()  # closed or hidden by hand: it is not brought back
            return
        self._show_now(source)

    def _show_now(self, source: MessageSource) -> None:
        message = source()
        if message is None:
            self.clear()
            return
        self.kind, self.text = message
        restyle(self, "kind", self.kind)
        self.icon.setPixmap(self.style().standardIcon(_ICONS[self.kind]).pixmap(20, 20))
        self._show_text()
        self.show()

    def clear(self) -> None:
        """No message (closed, or its state is gone)."""
        self._forget()
        self.hide()

    def retranslate(self) -> None:
        self._show_text()

    def _show_text(self) -> None:
        if self.text is None:
            return
        self.message.setText(self.text.get())
        self.other.setVisible(False)  # one language at a time
        self.close_button.setToolTip(texts.CLOSE.get())
        self.action_button.setVisible(self._action is not None)
        if self._action is not None:
            self.action_button.setText(self._action[0].get())

    def _forget(self) -> None:
        self._source, self._action, self.text = None, None, None

    def _act(self) -> None:
        action = self._action
        if action is not None:
            action[1]()
