"""The journal grid's view: a QTableView with the clipboard and Delete done safely.

Copy puts the selected block on the clipboard as tab-separated text (Excel and LibreOffice
paste it back as cells). Paste inserts the rows it needs and never writes over another
entry (app.core.grid.paste); "paste over" is the explicit way to write down across entries.
A single copied value pasted on a selection fills it. Delete clears the selected cells.
Each of these is one undoable step on the model's undo stack, and says what it did through
`message`.

Keys go only where they are typed: the view's keyboard search (a letter jumping to another
row that starts with it) is off, Enter and Tab never stop on a locked cell
(app.core.grid.moves), and a key typed on one starts editing the nearest cell of the same
line that can take it, the page saying where it went.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QItemSelectionRange,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QTableView,
    QWidget,
)

from app.core.grid.clipboard import format_block, parse_block, place_block
from app.core.grid.columns import READ_ONLY_COLUMNS, Column
from app.core.grid.moves import GridCursor, Move
from app.core.grid.paste import plan_paste, plan_paste_over
from app.core.i18n import Text, ntr, tr
from app.ui.journal.grid.cell_delegate import GridDelegate, key_move
from app.ui.journal.grid.commands import CellsStep
from app.ui.journal.grid.hints import typed_elsewhere
from app.ui.journal.grid.model import PASTE, EntriesModel

_ModelIndex = QModelIndex | QPersistentModelIndex

CUT = tr("Potong")
DELETE = tr("Hapus isi sel")
FILL = tr("Isi sel terpilih")
PASTE_OVER = tr("Tempel menimpa")
INFO, WARNING = "info", "warning"
CTRL_JUMP_KEYS = frozenset(
    {
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_PageUp,
        Qt.Key.Key_PageDown,
    }
)


def starts_typing(event: QKeyEvent) -> bool:
    """A key that types a character (not a shortcut): it opens the cell's editor with itself."""
    text = event.text()
    shortcut = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    return bool(text) and text.isprintable() and not event.modifiers() & shortcut


class JournalGrid(QTableView):
    """The journal table. Its model is an EntriesModel."""

    message = Signal(str, object)  # kind ("info" / "warning"), Text: what an action did

    def __init__(self, model: EntriesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tab_start: int | None = None  # the column a run of Tabs began in
        self._moving = False
        self.setModel(model)
        self._entries = model
        self._copied: tuple[str, list[int]] | None = None  # the text last copied, its columns
        model.area_changed.connect(self.select_area)

    def setItemDelegate(self, delegate: QAbstractItemDelegate) -> None:
        super().setItemDelegate(delegate)
        if isinstance(delegate, GridDelegate):
            delegate.move_requested.connect(self.move_cursor)

    @property
    def entries_model(self) -> EntriesModel:
        return self._entries

    def commit_editor(self) -> bool:
        """Keep what is being typed in an open cell editor, as Enter would, and close it:
        saving, posting, quitting and the last draft take the grid with it. True if an
        editor was open."""
        if self.state() != QAbstractItemView.State.EditingState:
            return False
        editor = self.indexWidget(self.currentIndex())
        if editor is None:
            editor = self.focusWidget() if self.isAncestorOf(self.focusWidget()) else None
        if editor is None:
            return False
        self.commitData(editor)
        self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        return True

    # --- keys -----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Delete is an action of the page (Edit menu); Backspace clears like it, as in Excel.
        if (
            self.state() != QAbstractItemView.State.EditingState
            and event.key() == Qt.Key.Key_Backspace
            and not event.modifiers()
        ):
            self.clear_selected()
            return
        # A Tab the completion list passed on arrives here while editing: moving the
        # current cell keeps what was typed, as the editor's own keys do (GridDelegate).
        move = key_move(event)
        if move is not None:
            self.move_cursor(move)
            return
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and starts_typing(event) and self._type_beside_locked_cell(event):
            return
        super().keyPressEvent(event)

    def selectionCommand(
        self, index: _ModelIndex, event: QEvent | None = None
    ) -> QItemSelectionModel.SelectionFlag:
        """Ctrl with a moving key (Ctrl+Home, Ctrl+End, Ctrl+arrows) selects the cell it
        lands on, as in a spreadsheet: Qt's own choice moves only the cursor and leaves the
        highlight, which Copy, Paste and Delete act on, behind on the old cell."""
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in CTRL_JUMP_KEYS
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            return QItemSelectionModel.SelectionFlag.ClearAndSelect
        return super().selectionCommand(index, event)

    def keyboardSearch(self, search: str) -> None:
        """Never: a letter typed where it cannot be written must not send the cursor to
        another entry, where the rest of the typing would land."""

    def move_cursor(self, move: Move) -> None:
        """Enter / Shift+Enter / Tab / Shift+Tab: see app.core.grid.moves."""
        current = self.currentIndex()
        if not current.isValid():
            return
        cursor = self._cursor()
        row, column = cursor.moved((current.row(), current.column()), move)
        self._go_to(row, column, cursor.tab_start)

    def _type_beside_locked_cell(self, event: QKeyEvent) -> bool:
        """A key typed on a cell that cannot be typed into starts editing the nearest cell
        of the same line that can (app.core.grid.moves), and the page says where it went.
        True if the key was taken here."""
        current = self.currentIndex()
        if not current.isValid() or current.flags() & Qt.ItemFlag.ItemIsEditable:
            return False
        cursor = self._cursor()
        locked = (current.row(), current.column())
        target = cursor.settled(locked)
        if target is None:
            return False
        self._go_to(*target, tab_start=locked[1])
        self.edit(self.currentIndex(), QAbstractItemView.EditTrigger.AnyKeyPressed, event)
        self.message.emit(INFO, typed_elsewhere(self._entries.table, locked, target[1]))
        return True

    def _cursor(self) -> GridCursor:
        return GridCursor(
            self._entries.rowCount(),
            [c for c in self._visual_columns() if not self.isColumnHidden(c)],
            self._entries.table.is_editable,
            self._tab_start,
        )

    def _go_to(self, row: int, column: int, tab_start: int | None) -> None:
        target = self._entries.index(row, column)
        self._moving = True
        try:
            self.selectionModel().setCurrentIndex(
                target, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        finally:
            self._moving = False
        self._tab_start = tab_start
        self.scrollTo(target)

    def currentChanged(self, current: _ModelIndex, previous: _ModelIndex) -> None:
        super().currentChanged(current, previous)
        if not self._moving:
            self._tab_start = None  # a click or an arrow key ends a run of Tabs

    def _visual_columns(self) -> list[int]:
        header = self.horizontalHeader()
        return [header.logicalIndex(n) for n in range(header.count())]

    # --- selection ------------------------------------------------------------------------

    def selected_blocks(self) -> list[tuple[int, int, list[int]]]:
        """The selection as Qt keeps it, a few rectangles: (first row, last row, the shown
        columns) each; the current cell alone if nothing shown is selected. A whole column
        of 100,000 rows is one block, not 100,000 cells."""
        blocks: list[tuple[int, int, list[int]]] = []
        for part in selection_ranges(self.selectionModel().selection()):
            columns = [
                c for c in range(part.left(), part.right() + 1) if not self.isColumnHidden(c)
            ]
            if columns:
                blocks.append((part.top(), part.bottom(), columns))
        if not blocks and self.currentIndex().isValid():
            current = self.currentIndex()
            blocks.append((current.row(), current.row(), [current.column()]))
        return blocks

    def selected_cells(self) -> list[tuple[int, int]]:
        """The selected cells in shown columns, row by row (the current cell if none)."""
        cells: list[tuple[int, int]] = []
        for top, bottom, columns in self.selected_blocks():
            for row in range(top, bottom + 1):
                cells.extend((row, column) for column in columns)
        cells.sort()
        return cells

    def selected_rows(self) -> list[int]:
        """The rows holding a selected cell (or the current cell), in order."""
        blocks = self.selected_blocks()
        if len(blocks) == 1:
            return list(range(blocks[0][0], blocks[0][1] + 1))
        return sorted({row for top, bottom, _columns in blocks for row in range(top, bottom + 1)})

    def select_area(
        self, first_row: int, last_row: int, first_column: int, last_column: int
    ) -> None:
        """Select a block of cells and bring it into view (after an undo, redo or paste)."""
        model = self.model()
        top_left = model.index(first_row, first_column)
        bottom_right = model.index(last_row, last_column)
        if not top_left.isValid() or not bottom_right.isValid():
            return
        flags = QItemSelectionModel.SelectionFlag
        self.selectionModel().setCurrentIndex(top_left, flags.NoUpdate)
        self.selectionModel().select(QItemSelection(top_left, bottom_right), flags.ClearAndSelect)
        self.scrollTo(top_left, QAbstractItemView.ScrollHint.EnsureVisible)

    # --- clipboard ------------------------------------------------------------------------

    def copy(self) -> int:
        """The selected block on the clipboard as tab-separated text; returns the cells
        copied. Cells of the block that are not selected are copied empty."""
        ranges = selection_ranges(self.selectionModel().selection())
        model = self._entries
        if len(ranges) == 1:  # a rectangle (nearly always): no cell-by-cell bookkeeping
            part = ranges[0]
            rows = range(part.top(), part.bottom() + 1)
            columns = [
                c for c in range(part.left(), part.right() + 1) if not self.isColumnHidden(c)
            ]
            block = [[model.text(row, column) for column in columns] for row in rows]
            count = len(rows) * len(columns)
        else:
            cells = self.selected_cells()
            if not cells:
                return 0
            chosen = set(cells)
            rows = range(cells[0][0], cells[-1][0] + 1)
            columns = sorted({column for _row, column in cells})
            block = [
                [model.text(row, column) if (row, column) in chosen else "" for column in columns]
                for row in rows
            ]
            count = len(cells)
        if not columns:
            return 0
        text = format_block(block)
        QGuiApplication.clipboard().setText(text)
        self._copied = (text, columns)
        return count

    def cut(self) -> int:
        """Copy, then clear the cells copied (one undoable step)."""
        copied = self.copy()
        if copied:
            self.clear_selected(CUT)
        return copied

    def paste(self, text: str | None = None, *, over: bool = False) -> None:
        """Paste tab-separated text (the clipboard's, if none is given) at the selection's
        top-left cell; see app.core.grid.paste for where the rows go."""
        text = QGuiApplication.clipboard().text() if text is None else text
        block = parse_block(text)
        if not any(cell.strip() for row in block for cell in row):
            self.message.emit(
                WARNING,
                tr("Papan klip kosong: salin dulu sel dari tabel ini, Excel atau LibreOffice."),
            )
            return
        start = self._paste_origin()
        selection = self.selected_cells()
        if len(block) == 1 and len(block[0]) == 1 and len(selection) > 1 and not over:
            self._fill(selection, block[0][0])
            return
        row, column = start if start is not None else (None, 0)
        copied = self._copied[1] if self._copied and self._copied[0] == text else None
        blank = row is not None and self._entries.table.has_blank_lines(row)
        placed = place_block(block, column, copied, into_blank_entry=blank)
        model = self._entries
        if over:
            plan = plan_paste_over(
                model.table, placed.rows, placed.targets, row, model.number_style
            )
        else:
            plan = plan_paste(
                model.table,
                placed.rows,
                placed.targets,
                row,
                model.number_style,
                whole_rows=placed.whole_rows,
            )
        command = model.paste(plan, PASTE_OVER if over else PASTE)
        typed = command.steps[-1]  # a paste ends with its cells typed (EntriesModel.paste)
        unreadable = len(typed.reasons) if isinstance(typed, CellsStep) else 0
        if unreadable:
            marked = ntr(
                "{n} nilai tidak bisa dibaca: tetap di selnya, bertanda merah, sampai diperbaiki.",
                "{n} nilai tidak bisa dibaca: tetap di selnya, bertanda merah, sampai diperbaiki.",
                unreadable,
            )
            self.message.emit(WARNING, plan.summary() + marked)
        else:
            self.message.emit(INFO, plan.summary())

    def paste_over(self) -> None:
        self.paste(over=True)

    def _paste_origin(self) -> tuple[int, int] | None:
        cells = self.selected_cells()
        if not cells:
            return None
        return cells[0][0], min(column for _row, column in cells)

    def _fill(self, cells: list[tuple[int, int]], value: str) -> None:
        changed = self._entries.set_cells(((r, c, value) for r, c in cells), FILL)
        filled = ntr("{n} sel diisi '{v}'.", "{n} sel diisi '{v}'.", changed, v=value)
        self.message.emit(INFO, filled)

    # --- clearing -------------------------------------------------------------------------

    def clear_selected(self, label: Text = DELETE) -> int:
        """Empty the selected cells that can be edited, as one undoable step; returns how
        many were emptied."""
        table = self._entries.table
        runs: dict[int, list[int]] = {}  # column -> the rows to empty
        blocks = self.selected_blocks()
        for top, bottom, columns in blocks:
            for column in columns:
                if column not in READ_ONLY_COLUMNS:
                    rows = table.filled_rows(Column(column), top, bottom)
                    runs.setdefault(column, []).extend(rows)
        if len(blocks) > 1:  # each cell once, in order (the blocks may overlap)
            runs = {column: sorted(set(rows)) for column, rows in runs.items()}
        model = self._entries
        cleared = model.clear_cells(runs, label)
        if cleared > 1:
            self.message.emit(
                INFO,
                tr(
                    "{n} sel dikosongkan. Urungkan (Ctrl+Z) mengembalikannya.",
                    n=cleared,
                ),
            )
        return cleared


def selection_ranges(selection: QItemSelection) -> list[QItemSelectionRange]:
    """The selection's rectangles, as Qt keeps them (a few, however many cells)."""
    return [selection.at(n) for n in range(selection.size())]


__all__ = ["JournalGrid", "selection_ranges"]
