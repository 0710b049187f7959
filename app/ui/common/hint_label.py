"""The grey line of help under a page's title or beside a choice, red while it tells of a
problem (the history's summary, the many-companies page's plan and status, the HMAC
calculator's message), and the greyer note beside the journal's work (`mute`). Their
colours are their own style sheets: a style sheet set on a whole page makes Qt work out
every widget's look through it, at every start of the window."""

from __future__ import annotations

from typing import Final

from PySide6.QtWidgets import QLabel, QWidget

from app.ui.common.notice_box import restyle

STYLE: Final = """
#hintLabel { color: #4a5361; }
#hintLabel[problem="true"] { color: #b3261e; }
"""
MUTED_STYLE: Final = "#mutedNote { color: #5F6B7A; }"


class HintLabel(QLabel):
    """A line of help; `set_problem(True)` shows it in red."""

    def __init__(self, parent: QWidget, *, wrapped: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("hintLabel")
        self.setWordWrap(wrapped)
        self.setStyleSheet(STYLE)

    def set_problem(self, problem: bool) -> None:
        restyle(self, "problem", problem)


def mute(label: QLabel) -> None:
    """A note beside the work, greyer than a hint (a problem's whole text, the find bar's
    count, what the import's columns need)."""
    label.setObjectName("mutedNote")
    label.setStyleSheet(MUTED_STYLE)
