"""The main window's sidebar: one row per page, named in the user's language, the chosen
one highlighted. Each row carries its page's key (`Qt.ItemDataRole.UserRole`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QListWidget, QListWidgetItem, QWidget

from app.core.i18n import Text

STYLE: Final = """
#sidebar {
    background: #f3f5f8; border: none; border-right: 1px solid #d9dde3;
    padding-top: 8px; font-size: 13px;
}
#sidebar::item { padding: 9px 14px; border-radius: 6px; margin: 1px 8px; color: #2b2f36; }
#sidebar::item:selected { background: #dce8f7; color: #0b4a8b; font-weight: 600; }
#sidebar::item:hover:!selected { background: #e8ecf1; }
"""


class Sidebar(QListWidget):
    """The pages' names, in the order of `names` ({page key: name})."""

    def __init__(self, names: Mapping[str, Text], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names = dict(names)
        self.setObjectName("sidebar")
        self.setStyleSheet(STYLE)
        self.setFixedWidth(200)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for page, name in self._names.items():
            item = QListWidgetItem(name.get())
            item.setData(Qt.ItemDataRole.UserRole, page)
            self.addItem(item)

    def retranslate(self) -> None:
        for row, name in enumerate(self._names.values()):
            self.item(row).setText(name.get())
