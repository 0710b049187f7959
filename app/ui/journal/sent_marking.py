"""After a posting run: the journal grid marks the entries now on the books, and the page's
banner offers to take them out of the grid (one undoable step).

The posting window reports what each entry came to (`PostingReport`); the entries on the
books are matched to the grid's by fingerprint (what the books hold) on a worker, over the
grid's own entries. A grid that changed meanwhile is matched again, so a mark is never put
on an entry that no longer looks as it was sent. A later run that took a batch off the books
(undo) takes its marks away again.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Final

from PySide6.QtCore import QObject

from app.core.books.journal import JournalEntry
from app.core.grid.sent_entries import matching_sent
from app.core.i18n import Text, tr
from app.core.tasks import TaskState
from app.ui.common.message_banner import Message, MessageBanner
from app.ui.common.tasks import Runners
from app.ui.journal.banner_owners import undo_step_applied
from app.ui.journal.grid.model import EntriesModel

REMOVE_SENT: Final = tr("Hapus jurnal yang sudah terkirim dari grid")
_MODEL_CHANGES: Final = (
    "dataChanged",
    "modelReset",
    "rowsInserted",
    "rowsRemoved",
    "rowsMoved",
    "layoutChanged",
)


def match_sent(
    entries: list[JournalEntry], prints: frozenset[str], state: TaskState
) -> list[tuple[JournalEntry, str]]:
    """Worker: the grid's entries that were sent as they stand."""
    state.check()
    return matching_sent(entries, prints)


class SentMarking(QObject):
    """Marks the posted entries in the grid's `model` and says so on the page's `banner`."""

    def __init__(
        self, model: EntriesModel, banner: MessageBanner, runners: Runners, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._banner = banner
        self._runner = runners.new(result=self._matched, error=self._failed)
        self._generation = 0  # grid changes seen; a match is kept only if none came meanwhile
        self._pending: tuple[frozenset[str], int, str] | None = None
        for name in _MODEL_CHANGES:
            getattr(model, name).connect(self._grid_changed)

    def posted(self, on_books: Iterable[str], off_books: Iterable[str], company: str) -> None:
        """A run ended: entries with `on_books` fingerprints are on `company`'s books, those
        with `off_books` are not (any more)."""
        gone = set(off_books)
        if gone:
            self._model.forget_sent(gone)
        prints = frozenset(on_books)
        if prints:
            self._match(prints, company)

    def _grid_changed(self, *_args: object) -> None:
        self._generation += 1

    def _match(self, prints: frozenset[str], company: str) -> None:
        self._pending = (prints, self._generation, company)
        entries = list(self._model.table.entries)  # the grid's own entry objects
        self._runner.start(match_sent, entries, prints)

    def _matched(self, found: list[tuple[JournalEntry, str]]) -> None:
        if self._pending is None:
            return
        prints, generation, company = self._pending
        if generation != self._generation:  # the grid changed while it was matched
            self._match(prints, company)
            return
        self._pending = None
        self._mark(found, company)

    def _failed(self, _error: BaseException) -> None:
        """A match that met the grid mid-change: match here, where nothing else changes it."""
        if self._pending is None:
            return
        prints, _generation, company = self._pending
        self._pending = None
        self._mark(matching_sent(self._model.table.entries, prints), company)

    def _mark(self, found: Collection[tuple[JournalEntry, str]], company: str) -> None:
        model = self._model
        model.mark_sent(found)

        def message() -> Message | None:  # while the grid still holds sent entries
            sent = model.sent_count
            return (MessageBanner.INFO, _sent_text(sent, company)) if sent else None

        self._banner.show_derived(message, action=(REMOVE_SENT, self.remove_sent))

    def remove_sent(self) -> int:
        """Take every sent entry out of the grid as one undoable step; returns how many."""
        model = self._model
        removed = model.sent_count
        if not removed:
            return 0
        model.remove_rows(model.sent_rows())
        self._banner.show_message(
            MessageBanner.INFO,
            tr(
                "{n} jurnal yang sudah terkirim dihapus dari grid. Urungkan (Ctrl+Z) "
                "mengembalikannya.",
                n=removed,
            ),
            holds=undo_step_applied(model.undo_stack),
        )
        return removed


def _sent_text(sent: int, company: str) -> Text:
    return tr(
        "{n} jurnal di grid sudah terkirim ke {c} dan ditandai Terkirim; posting lagi tidak "
        "mengirimnya dua kali.",
        n=sent,
        c=company,
    )
