"""A coloured box for one message (busy, ok, warning or error), as the posting window, the
history's batch panel and the add-company dialog show them, and `restyle`, which makes a
changed style-sheet property take effect. The colours are written once, in `notice_style`."""

from __future__ import annotations

import html
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.core.i18n import Text
from app.ui.common.words import BLANK, bind

# kind: (background, border, text colour)
_COLOURS: Final = {
    "busy": ("#eef4fb", "#b6cfee", "#163b66"),
    "ok": ("#edf7ee", "#a9d5b0", "#1e5631"),
    "warning": ("#fff8e6", "#f0d48a", "#5c4300"),
    "error": ("#fdeeee", "#eeb4b4", "#8b1a1a"),
}
_EMPTY: Final = BLANK


def notice_style(name: str, padding: str = "10px 12px") -> str:
    """The style-sheet rules of a `NoticeBox` named `name`: neutral, and one colour a kind."""
    rules = [
        f"#{name} {{ border-radius: 6px; padding: {padding}; border: 1px solid #d9dde3;\n"
        "    background: #f5f7fa; color: #1f2933; }"
    ]
    for kind, (back, border, fore) in _COLOURS.items():
        rules.append(
            f'#{name}[kind="{kind}"] {{ background: {back}; border-color: {border}; '
            f"color: {fore}; }}"
        )
    return "\n".join(rules) + "\n"


def restyle(widget: QWidget, name: str, value: object) -> None:
    """Set a property the style sheet selects on, and make it take effect."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class NoticeBox(QLabel):
    """One message in a coloured box; `kind` selects the colour. Selectable, wrapped."""

    def __init__(
        self,
        parent: QWidget,
        name: str,
        *,
        text_format: Qt.TextFormat = Qt.TextFormat.AutoText,
        hidden: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setTextFormat(text_format)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if hidden:
            self.hide()

    def show_text(self, kind: str, text: Text | None) -> None:
        """`text` in the colour of `kind` (following a language switch); hidden when None."""
        bind(self, text if text is not None else _EMPTY)
        restyle(self, "kind", kind)
        self.setVisible(text is not None)

    def show_headline(self, kind: str, headline: Text, body: Text | None) -> None:
        """A bold headline over its body, in the colour of `kind` (rich text, escaped)."""
        text = f"<b>{html.escape(headline.get())}</b>"
        if body is not None:
            text += f"<br>{html.escape(body.get())}"
        self.setText(text)
        restyle(self, "kind", kind)
