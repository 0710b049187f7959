"""The account cell's completion list in the journal grid: one list, lent to each account
editor while it is open, matching the typed text anywhere in "code · name" (case aside).

The first match is highlighted as soon as the list opens or narrows, so that moving on (Tab
or Enter, handled by the grid's delegate) takes it: "beban ai" becomes "6106 · Beban Air",
of which the cell keeps the code. Text that is already an account code is kept as typed
(app.core.grid.account_choice). Down and Up choose another match as usual; Escape closes the list
and keeps the editor open.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QMetaObject, QObject, QStringListModel
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QWidget

from app.core.grid.account_choice import chosen_account
from app.ui.journal.grid.cell_editor import CellEditor
from app.ui.journal.grid.hints import account_completer, fit_popup


class AccountCompletion(QObject):
    """The shared completer and what moving on with its list open keeps."""

    def __init__(self, choices: QStringListModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choices = choices
        self.completer = account_completer(choices, self)
        self._highlighting: QMetaObject.Connection | None = None
        # Down or Up in the list puts that account in the editor: the user's choice.
        self.completer.highlighted.connect(self._chosen_in_list)

    def popup(self) -> QAbstractItemView:
        """The completer's list (made anew for each editor it serves)."""
        # PySide6's stub says it may be None; Qt makes the default list when first asked.
        return self.completer.popup()  # type: ignore[return-value]  # never None: see above

    @property
    def is_offered(self) -> bool:
        """Whether there are accounts to complete (a company's chart is known)."""
        return self._choices.rowCount() > 0

    def attach(self, editor: QLineEdit, grid: QWidget) -> QAbstractItemView:
        """Lend the list to `editor`; returns the list (its keys are the caller's to see)."""
        editor.setCompleter(self.completer)
        # Asked each time: the list goes with the editor it served, and a new one is made.
        popup = self.popup()
        fit_popup(popup, self._choices, grid)
        # The list forgets its current row each time it narrows; the first match is
        # highlighted after that, so connected after the list (again, for a new list).
        if self._highlighting is not None:
            QObject.disconnect(self._highlighting)
        matches = self.completer.completionModel()
        self._highlighting = matches.modelReset.connect(self._highlight_first)
        return popup

    def detach(self, editor: QLineEdit) -> None:
        """Take the list back from a closing editor; the list hides with it."""
        if editor.completer() is self.completer:
            editor.setCompleter(None)  # type: ignore[arg-type]  # Qt allows None; stubs omit it

    def is_list(self, watched: QObject) -> bool:
        return isinstance(watched, QAbstractItemView) and watched is self.popup()

    def is_open_for(self, editor: QWidget) -> bool:
        return self.completer.widget() is editor and self.popup().isVisible()

    def take_highlighted(self, editor: QLineEdit) -> None:
        """If the list is open over `editor`: close it, the editor holding the highlighted
        account (or the code typed)."""
        if not self.is_open_for(editor):
            return
        popup = self.popup()
        highlighted = highlighted_text(popup)
        popup.hide()
        chosen = chosen_account(editor.text(), highlighted, self._choices.stringList())
        if chosen != editor.text():
            editor.setText(chosen)
            self._chosen_in_list(chosen)

    def _chosen_in_list(self, _account: object) -> None:
        editor = self.completer.widget()
        if isinstance(editor, CellEditor):
            editor.typed = True

    def _highlight_first(self) -> None:
        """The first match selected but not made current: Down then takes it as before
        (the list's own Down starts from the current row), and the editor's text stays as
        typed (the editor takes the current row's text, as if chosen with Down)."""
        matches = self.completer.completionModel()
        if matches.rowCount():
            self.completer.blockSignals(True)  # it would tell the editor too
            try:
                self.popup().selectionModel().select(
                    matches.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
            finally:
                self.completer.blockSignals(False)


def highlighted_text(popup: QAbstractItemView) -> str | None:
    """The row shown highlighted: the current one once Down or Up chose it, else the
    first match selected when the list narrowed."""
    current = popup.currentIndex()
    if current.isValid():
        text: str | None = current.data()  # the list's rows are "code · name" strings
        return text
    selected = popup.selectionModel().selectedIndexes()
    return selected[0].data() if selected else None


__all__ = ["AccountCompletion", "highlighted_text"]
