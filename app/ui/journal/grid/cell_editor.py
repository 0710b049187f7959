"""The editor of one cell of the journal grid: a line edit that knows whether its text is
the user's (typed, or an account chosen in the list) or still the cell's own."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget


class CellEditor(QLineEdit):
    """`typed` once the user has typed in it or chosen an account for it: from then on its
    text is theirs, and only Enter, Tab or leaving the cell puts it into the grid."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.typed = False
        self.setFrame(False)
        self.textEdited.connect(self._edited)

    def _edited(self, _text: str) -> None:
        self.typed = True
