"""Questions the window asks, answered without a nested event loop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.i18n import Text


def ask(
    parent: QWidget,
    title: Text,
    text: Text,
    yes: Text,
    no: Text,
    on_yes: Callable[[], None],
    *,
    on_closed: Callable[[], None] = lambda: None,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> QMessageBox:
    """A window-modal question with labelled buttons (Qt has no Indonesian of its own):
    `on_yes` runs when the user picks `yes`; `on_closed` whatever the answer. "No" is the
    default, and Escape means no. Returns the open box (tests answer it)."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title.get())
    box.setText(text.get())
    yes_button = box.addButton(yes.get(), QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no.get(), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered(_result: int) -> None:
        on_closed()
        if box.clickedButton() == yes_button:
            on_yes()

    box.finished.connect(answered)
    box.open()
    return box
