"""How a cell of the journal grid is edited: its editor (amounts right-aligned, the account
completed from the company's chart), the keys that end an edit and move on as in a
spreadsheet (Enter, Tab and their Shift forms), the editor's text kept while the grid
repaints around it, and a cut-off cell's whole text in its tooltip."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QHelpEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from app.core.grid.columns import NUMBER_COLUMNS, Column
from app.core.grid.moves import Move
from app.ui.journal.grid.account_completion import AccountCompletion
from app.ui.journal.grid.cell_editor import CellEditor
from app.ui.journal.grid.hints import cut_off_tip

_ModelIndex = QModelIndex | QPersistentModelIndex


class GridDelegate(QStyledItemDelegate):
    """Editors for the grid: amounts typed right-aligned, account codes completed from the
    company's postable accounts ("1101 · Kas"; the code is kept)."""

    move_requested = Signal(object)  # Move: a key that ends an edit and moves on

    def __init__(self, completions: QStringListModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.completion = AccountCompletion(completions, self)
        self.completer = self.completion.completer  # one, lent to each editor

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: _ModelIndex
    ) -> QWidget:
        editor = CellEditor(parent)
        column = index.column()
        if column in NUMBER_COLUMNS:
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        elif column == Column.ACCOUNT and self.completion.is_offered:
            # With the list open, the keys go to it rather than to the editor.
            self.completion.attach(editor, parent).installEventFilter(self)
        return editor

    def setEditorData(self, editor: QWidget, index: _ModelIndex) -> None:
        """The cell's text into its editor, unless the user has typed in it: Qt puts the
        cell's text back into an open editor whenever the cell is repainted (the company's
        chart arriving re-checks every entry; a language or number style switched), which
        wiped what was being typed, and Enter then kept the old value."""
        if isinstance(editor, CellEditor) and editor.typed:
            return
        super().setEditorData(editor, index)

    def destroyEditor(self, editor: QWidget, index: _ModelIndex) -> None:
        """An account editor gives the list back as it closes: nothing queued for it (keys
        typed fast into a busy app) can show the list again over the cell left behind."""
        if isinstance(editor, QLineEdit):
            self.completion.detach(editor)
        super().destroyEditor(editor, index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter, Shift+Enter, Tab and Shift+Tab in an editor keep what was typed (the
        highlighted account, with the completion list open) and move on
        (`move_requested`), as in a spreadsheet; Escape still cancels."""
        popup = self.completion.is_list(watched)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            editor = self.completer.widget() if popup else watched
            if popup and not (isinstance(editor, QWidget) and editor.isVisible()):
                return self._give_key_to_grid(watched, event)
            move = key_move(event)
            if move is not None and isinstance(editor, QLineEdit):
                self.completion.take_highlighted(editor)
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                self.move_requested.emit(move)
                return True
        if popup:
            return False  # the completer's own keys (Down, Up, Escape, letters)
        return super().eventFilter(watched, event)

    def _give_key_to_grid(self, stale_list: QObject, event: QKeyEvent) -> bool:
        """A key that reached the account list after its editor had closed: a busy app,
        catching up with keys typed fast, showed the list again after Tab had moved on, and
        the list took the next key (the amount's first digit) for the closed editor, where
        it was lost. The list goes; the key is the grid's, as it would have been a moment
        earlier."""
        if isinstance(stale_list, QWidget):
            stale_list.hide()
        grid = self.parent()
        if isinstance(grid, QWidget):
            key = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
            QApplication.sendEvent(grid, key)
        return True

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: _ModelIndex,
    ) -> bool:
        """A cell whose text does not fit shows all of it in its tooltip."""
        if event.type() == QEvent.Type.ToolTip:
            shown = QStyleOptionViewItem(option)
            self.initStyleOption(shown, index)
            tip = cut_off_tip(view, shown, index)
            if tip is not None:
                QToolTip.showText(event.globalPos(), tip, view, option.rect)
                return True
        return super().helpEvent(event, view, option, index)


def key_move(event: QKeyEvent) -> Move | None:
    """The move a key asks for: Enter down, Shift+Enter up, Tab right, Shift+Tab left."""
    key, modifiers = event.key(), event.modifiers()
    if modifiers & ~Qt.KeyboardModifier.ShiftModifier & ~Qt.KeyboardModifier.KeypadModifier:
        return None  # Ctrl+Enter adds a line; Alt+... belongs to the menus
    shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return Move.UP if shift else Move.DOWN
    if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and shift):
        return Move.LEFT
    if key == Qt.Key.Key_Tab:
        return Move.RIGHT
    return None


__all__ = ["GridDelegate", "key_move"]
