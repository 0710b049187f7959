"""The journal grid kept in a draft file, and offered back after a crash or a restart.

A few seconds after the grid last changed (`AUTOSAVE_MS`), what it holds is copied on the GUI
thread (app.core.draft_file.snapshot) and written on a worker, atomically, to
`<home>/drafts/journal.json` (app.profiles.drafts). Only unsaved work is kept there: a grid
that is empty, just imported (the workbook holds it), saved as Excel or posted completely
has no draft, so the file goes. Closing the window writes what is left before the workers
stop.

At start the draft is read on a worker. One with entries is offered back: "Pulihkan N jurnal
yang belum disimpan dari <waktu>?" with Pulihkan / Buang. Restoring lays the draft out on a
worker and shows it as a fresh start of the undo history (like an import); it stays unsaved
work until it is saved or posted, so it is offered again if the app stops before that.
Discarding (or closing the question) moves the draft aside, never deletes it; a draft that
cannot be read is moved aside too and the page says so.
"""

from __future__ import annotations

import concurrent.futures
import logging
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.draft_file import Draft, DraftDamaged, draft_table, snapshot
from app.core.entry_table import EntryTable
from app.core.i18n import JurnalError, Text, tr
from app.core.journal import Chart
from app.profiles.drafts import DAMAGED, DISCARDED, DraftStore
from app.ui.journal_page import JournalPage, MessageBanner
from app.ui.tasks import Deadline, TaskRunner, TaskState, Timeout
from app.ui.texts import bind, count, moment_text

log = logging.getLogger(__name__)

AUTOSAVE_MS: Final = 2_500
RESTORE: Final = tr("Pulihkan", "Restore")
DISCARD: Final = tr("Buang", "Discard")


# --- work done on workers (plain Python: no Qt) -----------------------------------------------


@dataclass
class Found:
    """What was in the drafts folder at start."""

    draft: Draft | None = None
    damaged: DraftDamaged | None = None
    set_aside: Path | None = None


def find_draft(store: DraftStore, state: TaskState) -> Found:
    """The draft, if any; one that cannot be read is moved aside (and said so)."""
    try:
        return Found(draft=store.load())
    except DraftDamaged as error:
        return Found(damaged=error, set_aside=store.set_aside(DAMAGED))


def save_draft(store: DraftStore, draft: Draft, generation: int, state: TaskState) -> bool:
    return store.save(draft, generation)


def remove_draft(store: DraftStore, generation: int, state: TaskState) -> bool:
    return store.remove(generation)


def lay_out(draft: Draft, chart: Chart | None, state: TaskState) -> EntryTable:
    return draft_table(draft, chart)


def discard_draft(store: DraftStore, state: TaskState) -> Path | None:
    return store.set_aside(DISCARDED)


# --- the keeper -------------------------------------------------------------------------------


class DraftKeeper(QObject):
    """Keeps the journal page's unsaved work in the draft file; offers it back at start."""

    saved = Signal(object)  # bool: a draft write or removal finished (False: a newer came first)
    restore_asked = Signal(object)  # the QMessageBox asking (tests answer it)
    restored = Signal()  # the draft is in the grid

    def __init__(
        self,
        page_of: Callable[[], QWidget],
        executor: Executor,
        home: Path,
        window: QWidget,
        *,
        chart_of: Callable[[], Chart | None] = lambda: None,
        company_of: Callable[[], str] = lambda: "",
    ) -> None:
        super().__init__(window)
        self.store = DraftStore(home)
        self._executor = executor
        self._page_of = page_of
        self._window = window
        self._chart_of = chart_of
        self._company_of = company_of
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.write_now)
        self._writer = TaskRunner(executor, self)
        self._writer.result_ready.connect(self.saved)
        self._writer.error_raised.connect(self._write_failed)
        self._reader = TaskRunner(executor, self)
        self._reader.result_ready.connect(self._found)
        self._reader.error_raised.connect(self._not_read)
        self._builder = TaskRunner(executor, self)
        self._builder.result_ready.connect(self._laid_out)
        self._builder.error_raised.connect(self._restore_failed)
        self._discarder = TaskRunner(executor, self)
        self._discarder.result_ready.connect(self._discarded)
        self._discarder.error_raised.connect(self._not_read)
        self._generation = 0  # draft writes started
        self.version = 0  # grid changes seen: a save or a posting marks only what it copied
        self._dirty = False  # changed since the last write
        self._on_disk = False  # a draft file may exist
        self._restored = False  # the grid holds a restored draft nobody has saved yet
        self._offering = False  # the start's draft is being read or offered: keep it as is
        self._told_failure = False
        self.dialog: QMessageBox | None = None
        self._offered: Draft | None = None
        page = self.page
        if page is not None:
            page.model.undo_stack.indexChanged.connect(self._changed)
            page.model.modelReset.connect(self._reset)

    # --- public ---------------------------------------------------------------------------

    @property
    def page(self) -> JournalPage | None:
        page = self._page_of()
        return page if isinstance(page, JournalPage) else None

    @property
    def offering(self) -> bool:
        """The draft found at start is being read, offered or restored."""
        return self._offering

    def has_unsaved_work(self) -> bool:
        """Entries in the grid that are neither posted nor saved (as Excel or imported)."""
        page = self.page
        if page is None or page.model.line_count == 0:
            return False
        return self._restored or not page.is_clean()

    def commit_typing(self) -> bool:
        """An open cell editor's text goes into the grid (saving, posting and quitting take
        what the user sees, not what was there before the last key)."""
        page = self.page
        return page is not None and page.grid.commit_editor()

    def mark_kept(self) -> None:
        """The grid as it stands is kept elsewhere (saved as Excel, posted): no draft."""
        page = self.page
        if page is not None:
            page.mark_saved()
        self._restored = False
        self._changed()

    def watch_posting(self, view: QObject) -> None:
        """A posting window for the grid as it is now: once every entry is on the books (and
        the grid has not changed since), the grid is kept and its draft goes."""
        version = self.version

        def finished(report: object) -> None:
            complete = getattr(report, "complete", False) and getattr(report, "entries", None)
            if complete and not getattr(report, "cancelled", False) and version == self.version:
                self.mark_kept()

        view.finished.connect(finished)  # type: ignore[attr-defined]

    def set_delay(self, milliseconds: int) -> None:
        """How long after the last change the draft is written (AUTOSAVE_MS)."""
        self._timer.setInterval(milliseconds)

    def offer_restore(self) -> None:
        """Read the draft on a worker; one with entries is offered back (`dialog`)."""
        self._offering = True
        self._reader.start(find_draft, self.store)

    def write_now(self) -> None:
        """Write the draft (or remove it, with no unsaved work) now, on a worker."""
        work = self._next_write()
        if work is not None:
            self._writer.start(*work)

    def shutdown(self, timeout: Timeout = 10.0) -> bool:
        """The window is closing: write what changed since the last write, and wait for it
        (on a worker still; a runner would drop a write that has not started yet)."""
        deadline = Deadline.of(timeout)
        self.commit_typing()  # the cell being typed in is part of the last draft
        work = self._next_write() if self._dirty else None
        final = self._executor.submit(*work, TaskState()) if work is not None else None
        runners = (self._writer, self._reader, self._builder, self._discarder)
        stopped = all([runner.shutdown(deadline) for runner in runners])
        if final is not None:
            done, _pending = concurrent.futures.wait([final], deadline.remaining())
            stopped = stopped and bool(done)
            if done and final.exception() is not None:
                log.warning("the last draft was not written: %s", type(final.exception()).__name__)
        return stopped

    def _next_write(self) -> tuple[Callable[..., bool], ...] | None:
        """The write (or removal) the grid needs now, with its generation; None for none."""
        self._timer.stop()
        if self._offering:
            return None  # the draft on disk is the one being offered: it must stay as it is
        self._dirty = False
        self._generation += 1
        if self.has_unsaved_work():
            draft = snapshot(self.page.model.table, self._company_of())  # type: ignore[union-attr]
            self._on_disk = True
            return (save_draft, self.store, draft, self._generation)  # type: ignore[return-value]
        if self._on_disk:
            self._on_disk = False
            return (remove_draft, self.store, self._generation)  # type: ignore[return-value]
        return None

    # --- changes --------------------------------------------------------------------------

    def _changed(self, *_args: object) -> None:
        self.version += 1
        self._dirty = True
        self._timer.start()

    def _reset(self) -> None:
        """The grid was replaced (an import, or the restore itself)."""
        self._restored = False
        self._changed()

    def _write_failed(self, error: BaseException) -> None:
        if self._told_failure:
            return  # said once; the next write may well work
        self._told_failure = True
        self._tell(MessageBanner.WARNING, _write_failed_text(self.store.path, error))

    # --- the start ------------------------------------------------------------------------

    def _offer_done(self) -> None:
        self._offering = False
        if self._dirty:
            self._timer.start()

    def _not_read(self, error: BaseException) -> None:
        """The drafts folder cannot be read or changed: say so once; the grid goes on."""
        self._write_failed(error)
        self._offer_done()

    def _found(self, found: Found) -> None:
        if found.damaged is not None:
            self._offer_done()
            text = found.damaged.text
            if found.set_aside is not None:
                text += tr("Disimpan sebagai {p}.", "Kept as {p}.", p=found.set_aside)
            self._tell(MessageBanner.WARNING, text)
            return
        draft = found.draft
        if draft is None or not draft.entries:
            self._on_disk = draft is not None  # an empty draft goes with the next write
            self._dirty = self._dirty or draft is not None
            self._offer_done()
            return
        self._on_disk = True
        self._offered = draft
        self.dialog = self._ask(draft)
        self.restore_asked.emit(self.dialog)

    def _ask(self, draft: Draft) -> QMessageBox:
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Question)
        # Bound texts: a language switch while the question is open changes it too.
        bind(box, tr("Pulihkan draf", "Restore the draft"), "setWindowTitle")
        bind(box, restore_question(draft))
        bind(box, restore_details(draft, self.store.folder), "setInformativeText")
        restore = box.addButton("", QMessageBox.ButtonRole.AcceptRole)
        bind(restore, RESTORE)
        discard = box.addButton("", QMessageBox.ButtonRole.DestructiveRole)
        bind(discard, DISCARD)
        box.setDefaultButton(restore)
        box.setEscapeButton(discard)  # closing the question keeps nothing in the grid, loses
        box.setWindowModality(Qt.WindowModality.WindowModal)  # nothing: it is set aside
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self._answered(box.clickedButton() is restore))
        box.open()
        return box

    def _answered(self, restore: bool) -> None:
        self.dialog = None
        draft, self._offered = self._offered, None
        if draft is None:
            return
        if restore:
            self._builder.start(lay_out, draft, self._chart_of())
        else:
            self._discarder.start(discard_draft, self.store)

    def _laid_out(self, table: EntryTable) -> None:
        page = self.page
        self._offer_done()
        if page is None:
            return
        page.model.load(table)  # a fresh undo history, as after an import
        if table.chart is not self._chart_of():
            page.refresh_chart()  # the company's chart arrived meanwhile
        self._restored = True
        self._tell(MessageBanner.INFO, restored_text(len(table.entries)))
        self.restored.emit()

    def _restore_failed(self, error: BaseException) -> None:
        """The draft read but could not be laid out: keep it for a newer version or support."""
        text = error.text if isinstance(error, JurnalError) else _damaged_layout_text(error)
        self._discarder.start(discard_draft, self.store)
        self._tell(MessageBanner.ERROR, text)

    def _discarded(self, path: Path | None) -> None:
        self._on_disk = False
        self._offer_done()
        if path is not None:
            self._tell(MessageBanner.INFO, discarded_text(path))

    def _tell(self, kind: str, text: Text) -> None:
        page = self.page
        if page is not None:
            page.banner.show_message(kind, text)


# --- words --------------------------------------------------------------------------------------


def entries_en(value: int, kind: str = "") -> str:
    """'1 entry', '25,000 entries', '1 unsaved entry': English counts its nouns (Indonesian
    does not: '1 jurnal', '2 jurnal')."""
    noun = "entry" if value == 1 else "entries"
    return f"{count(value, 'en')} {kind + ' ' if kind else ''}{noun}"


def restore_question(draft: Draft) -> Text:
    return tr(
        "Pulihkan {n} jurnal yang belum disimpan dari {t}?",
        "Restore {e} from {t_en}?",
        n=count(draft.entry_count, "id"),
        e=entries_en(draft.entry_count, "unsaved"),
        t=moment_text(draft.saved_at, "id"),
        t_en=moment_text(draft.saved_at, "en"),
    )


def restore_details(draft: Draft, folder: Path) -> Text:
    details = tr(
        "Jurnal Desk berhenti sebelum jurnal ini diposting atau disimpan sebagai Excel. "
        "Buang memindahkan draf ke {f}; tidak ada yang dihapus.",
        "Jurnal Desk stopped before these entries were posted or saved as Excel. Discard "
        "moves the draft to {f}; nothing is deleted.",
        f=folder,
    )
    if not draft.company:
        return details
    return tr("Perusahaan saat itu: {c}.", "The company then: {c}.", c=draft.company) + details


def restored_text(entries: int) -> Text:
    return tr(
        "{n} jurnal dipulihkan dari draf. Simpan sebagai Excel (Ctrl+Shift+S) atau posting "
        "untuk menyimpannya; sampai itu, draf tetap dijaga.",
        "{e} restored from the draft. Save as Excel (Ctrl+Shift+S) or post to keep them; "
        "until then the draft is kept.",
        n=count(entries, "id"),
        e=entries_en(entries),
    )


def discarded_text(path: Path) -> Text:
    return tr(
        "Draf dibuang dari tabel dan disimpan sebagai {p}; tidak ada yang dihapus.",
        "The draft was left out of the table and kept as {p}; nothing was deleted.",
        p=path,
    )


def _write_failed_text(path: Path, error: BaseException) -> Text:
    reason = error.strerror if isinstance(error, OSError) and error.strerror else error
    return tr(
        "Draf jurnal tidak bisa disimpan ke {p} ({e}). Tabel tetap utuh; simpan sebagai Excel "
        "agar pekerjaan tidak hilang bila Jurnal Desk berhenti.",
        "The journal draft cannot be saved to {p} ({e}). The table is intact; save it as "
        "Excel so the work is not lost if Jurnal Desk stops.",
        p=path,
        e=reason,
    )


def _damaged_layout_text(error: BaseException) -> Text:
    return tr(
        "Draf tidak bisa ditampilkan ({e}); draf itu disimpan di sampingnya. Laporkan bila "
        "terulang.",
        "The draft cannot be shown ({e}); it was kept beside it. Report it if it happens again.",
        e=f"{type(error).__name__}: {error}",
    )


__all__ = ["AUTOSAVE_MS", "DraftKeeper", "restore_question"]
