"""Small helps for reading the journal grid: the whole text of a cell that does not fit, in its
tooltip, an account list wide enough to read "1101 · Kas Kecil Kantor Pusat", and where keys
typed on a cell that cannot be typed into went."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QStyle, QStyleOptionViewItem, QWidget

from app.core.grid.columns import COLUMN_TITLES, ENTRY_COLUMNS, Column
from app.core.grid.entry_table import EntryTable
from app.core.i18n import Text, tr

POPUP_MAX_WIDTH = 560  # wider than any account name in practice, narrower than a laptop screen
_POPUP_PADDING = 40  # the list's frame, its item margins and a scroll bar


def account_completer(choices: QStringListModel, owner: QObject) -> QCompleter:
    """The account list ("1101 · Kas"), matched anywhere, case aside. Kept by a delegate and
    lent to each editor while it is open: one made inside each editor could outlive it (its
    popup still queued for the screen) and crash once the editor was deleted."""
    completer = QCompleter(choices, owner)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setMaxVisibleItems(12)
    return completer


def is_cut_off(view: QAbstractItemView, option: QStyleOptionViewItem) -> bool:
    """Whether the cell's text is wider than the room the style gives it (it shows "…")."""
    if not option.text:
        return False
    style = view.style()
    room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view).width()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, option, view) + 1
    return option.fontMetrics.horizontalAdvance(option.text) > room - 2 * margin


def cut_off_tip(
    view: QAbstractItemView,
    option: QStyleOptionViewItem,
    index: QModelIndex | QPersistentModelIndex,
) -> str | None:
    """The whole text of a cut-off cell, then what is wrong with it if anything; None for a
    cell that shows all its text (its own tooltip, if any, is shown as usual)."""
    if not is_cut_off(view, option):
        return None
    own = index.data(Qt.ItemDataRole.ToolTipRole)
    return f"{option.text}\n\n{own}" if own else option.text


def fit_popup(popup: QAbstractItemView, completions: QStringListModel, grid: QWidget) -> None:
    """The completion list as wide as its longest entry (within reason), not the column's
    width: QCompleter sizes it to the editor, but never below its minimum width."""
    metrics = popup.fontMetrics()
    longest = max((metrics.horizontalAdvance(text) for text in completions.stringList()), default=0)
    popup.setMinimumWidth(min(longest + _POPUP_PADDING, POPUP_MAX_WIDTH, max(grid.width(), 200)))


def typed_elsewhere(table: EntryTable, locked: tuple[int, int], column: int) -> Text:
    """Why what was typed on the locked cell went into `column` of the same line."""
    row, locked_column = locked
    target = COLUMN_TITLES[Column(column)]
    if locked_column in ENTRY_COLUMNS and not table.is_first_line(row):
        return tr(
            "Tanggal, No. Bukti, Deskripsi dan Cabang diisi di baris pertama jurnal. "
            "Ketikan Anda masuk ke {c} baris ini.",
            c=target,
        )
    return tr(
        "{x} dihitung sendiri. Ketikan Anda masuk ke {c}.",
        x=COLUMN_TITLES[Column(locked_column)],
        c=target,
    )


__all__ = ["POPUP_MAX_WIDTH", "cut_off_tip", "fit_popup", "is_cut_off", "typed_elsewhere"]
