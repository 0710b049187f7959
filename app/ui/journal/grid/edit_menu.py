"""The journal grid's editing actions: the Edit menu, the grid's context menu and their keys.

One set of QActions serves both menus and the keyboard (Ctrl+Z, Ctrl+Y / Ctrl+Shift+Z,
Ctrl+X/C/V, Delete, Ctrl+F, Ctrl+H, Ctrl+A...). The keys work while the grid has the focus
(an open cell editor keeps its own Ctrl+Z, Ctrl+V and Delete). Undo and Redo name what they
would undo ("Urungkan: Tempel"), in the app's language. Beside it, an Alat (Tools) menu
holds the page's tools that are not edits of a cell: the account mapping dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from app.core.i18n import Text, tr
from app.ui.common.words import bind
from app.ui.journal.grid.find_bar import FindBar
from app.ui.journal.grid.view import JournalGrid

EDIT_MENU = tr("&Sunting")
TOOLS_MENU = tr("&Alat")


@dataclass(frozen=True)
class RowHandlers:
    """What the page does for the row actions (they need its current cell)."""

    add_line: Callable[[], None]
    add_entry: Callable[[], None]
    remove_lines: Callable[[], None]


class EditActions(QObject):
    """The grid's editing actions, for the Edit menu, the context menu and the keyboard."""

    def __init__(
        self,
        grid: JournalGrid,
        find_bar: FindBar,
        stack: QUndoStack,
        rows: RowHandlers,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._stack = stack
        self._menus: list[QMenu] = []
        self._labels: dict[QAction, Text] = {}
        self.undo = self._action(tr("&Urungkan"), [QKeySequence.StandardKey.Undo])
        self.redo = self._action(tr("U&langi"), ["Ctrl+Y", "Ctrl+Shift+Z"])
        self.cut = self._action(tr("Po&tong"), [QKeySequence.StandardKey.Cut])
        self.copy = self._action(tr("&Salin"), [QKeySequence.StandardKey.Copy])
        self.paste = self._action(tr("T&empel"), [QKeySequence.StandardKey.Paste])
        self.paste_over = self._action(
            tr("Tempel &menimpa baris di bawah"),
            ["Ctrl+Shift+V"],
        )
        self.delete = self._action(tr("&Hapus isi sel"), ["Delete"])
        self.find = self._action(tr("&Cari…"), ["Ctrl+F"])
        self.replace = self._action(tr("&Ganti…"), ["Ctrl+H"])
        self.select_all = self._action(tr("Pilih semu&a"), [QKeySequence.StandardKey.SelectAll])
        self.add_line = self._action(tr("Tambah &baris"), ["Ctrl+Return"])
        self.add_entry = self._action(tr("&Jurnal baru"), ["Ctrl+Shift+Return"])
        self.remove_lines = self._action(tr("Hapus baris &terpilih"), ["Ctrl+Delete"])
        self.undo.triggered.connect(stack.undo)
        self.redo.triggered.connect(stack.redo)
        self.cut.triggered.connect(grid.cut)
        self.copy.triggered.connect(grid.copy)
        self.paste.triggered.connect(lambda: grid.paste())
        self.paste_over.triggered.connect(grid.paste_over)
        self.delete.triggered.connect(lambda: grid.clear_selected())
        self.find.triggered.connect(find_bar.show_find)
        self.replace.triggered.connect(find_bar.show_replace)
        self.select_all.triggered.connect(grid.selectAll)
        self.add_line.triggered.connect(rows.add_line)
        self.add_entry.triggered.connect(rows.add_entry)
        self.remove_lines.triggered.connect(rows.remove_lines)
        stack.indexChanged.connect(self._show_history)
        stack.cleanChanged.connect(self._show_history)
        for action in self.all():
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            grid.addAction(action)
        self._show_history()

    def all(self) -> list[QAction]:
        return list(self._labels)

    def fill(self, menu: QMenu) -> QMenu:
        """The edit actions in a menu, grouped."""
        groups = (
            (self.undo, self.redo),
            (self.cut, self.copy, self.paste, self.paste_over, self.delete),
            (self.find, self.replace),
            (self.select_all,),
            (self.add_line, self.add_entry, self.remove_lines),
        )
        for number, group in enumerate(groups):
            if number:
                menu.addSeparator()
            for action in group:
                menu.addAction(action)
        return menu

    def context_menu(self, parent: QWidget) -> QMenu:
        """The grid's right-click menu: the same actions as the Edit menu."""
        return self.fill(QMenu(parent))

    def edit_menu(self, menu_bar: QMenuBar) -> QMenu:
        """An Edit menu for a window's menu bar, named again on a language switch."""
        menu = self.fill(menu_bar.addMenu(EDIT_MENU.get()))
        self._menus.append(menu)
        return menu

    def retranslate(self) -> None:
        for action, label in self._labels.items():
            action.setText(label.get())
        for menu in self._menus:
            menu.setTitle(EDIT_MENU.get())
        self._show_history()

    def _action(self, label: Text, keys: list[str | QKeySequence.StandardKey]) -> QAction:
        action = QAction(label.get(), self)
        action.setShortcuts([QKeySequence(key) for key in keys])
        self._labels[action] = label
        return action

    def _show_history(self, *_args: object) -> None:
        """Undo and Redo name what they would undo or redo, and are off when there is none."""
        stack = self._stack
        if not shiboken6.isValid(stack):
            return  # the stack is being destroyed with its page (it empties itself first)
        for action, can, what in (
            (self.undo, stack.canUndo(), stack.undoText()),
            (self.redo, stack.canRedo(), stack.redoText()),
        ):
            action.setEnabled(can)
            label = self._labels[action].get()
            action.setText(f"{label}: {what}" if what else label)


def add_edit_menu(
    menu_bar: QMenuBar, actions: EditActions, tools: list[QAction] | None = None
) -> QMenu:
    """The journal page's Edit menu on a window's menu bar, and an Alat menu after it for
    the page's `tools` (none: no Alat menu)."""
    menu = actions.edit_menu(menu_bar)
    if tools:
        tools_menu = menu_bar.addMenu("")
        bind(tools_menu, TOOLS_MENU, "setTitle")  # named again by retranslate_tree
        tools_menu.setObjectName("toolsMenu")
        for action in tools:
            tools_menu.addAction(action)
    return menu


__all__ = ["EDIT_MENU", "TOOLS_MENU", "EditActions", "RowHandlers", "add_edit_menu"]
