"""The journal grid kept in a draft file per company, and offered back after a crash or a
restart.

A few seconds after the grid last changed (`AUTOSAVE_MS`), what it holds is copied on the GUI
thread (app.drafts.file.snapshot) and written on a worker, atomically, to the draft of
the company the grid is for (`set_company`; app.drafts.folder: one file per company
profile, demo companies included, and `journal.json` while no company is chosen, which is
also where older versions kept their one draft). Only unsaved work is kept there: a grid
that is empty, just imported (the workbook holds it), saved as Excel or posted completely
has no draft, so the file goes. Closing the window writes what is left before the workers
stop.

At start the draft is read on a worker. One with entries is offered back: "Pulihkan N jurnal
yang belum disimpan dari <waktu>?" with Pulihkan / Buang. Restoring lays the draft out on a
worker and shows it as a fresh start of the undo history (like an import); it stays unsaved
work until it is saved or posted, so it is offered again if the app stops before that.
Discarding (or closing the question) moves the draft aside, never deletes it; a draft that
cannot be read is moved aside too and the page says so.

Switching company never mixes two companies' work (`DraftOnCompanySwitch`). The grid is one
for the whole window, and choosing the company after importing or typing is normal, so a
switch never empties it by itself. When the grid holds entries that are neither posted nor
saved, their draft is first written as the old company's, then a window-modal question (no
nested event loop, app.ui.journal.draft_question) asks:

- "Bawa ke <baru>" (the default, and Escape: nothing disappears from view): the grid stays
  and its draft becomes the new company's (a draft that company already had is set aside,
  never overwritten); the old company's draft goes.
- "Simpan sebagai draf <lama>": the entries stay in the old company's draft, offered again
  when it is chosen; the grid starts empty for the new company, whose own draft is offered.

Without unsaved entries, the new company's draft is offered as at start.
"""

from __future__ import annotations

import concurrent.futures
import functools
import logging
from collections.abc import Callable
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.books.journal import Chart
from app.core.grid.entry_table import EntryTable
from app.core.i18n import JurnalError, Text, tr
from app.drafts.file import Draft, snapshot
from app.drafts.folder import DraftStore, drafts_of
from app.drafts.jobs import (
    DraftWrite,
    Found,
    discard_draft,
    find_draft,
    in_turn,
    lay_out,
    remove_draft,
    save_draft,
)
from app.drafts.words import (
    damaged_layout_text,
    discarded_text,
    restored_text,
    write_failed_text,
)
from app.posting.run_report import PostingReport
from app.ui.common.message_banner import MessageBanner
from app.ui.common.tasks import CLOSE_WAIT_SECONDS, Deadline, TaskRunner, TaskState, Timeout
from app.ui.journal.draft_question import ask_restore, ask_where_unsaved_work_goes, kept_text
from app.ui.journal.page import JournalPage

if TYPE_CHECKING:
    from app.ui.posting.window import PostingView

log = logging.getLogger(__name__)

AUTOSAVE_MS: Final = 2_500


# --- the keeper -------------------------------------------------------------------------------


class DraftKeeper(QObject):
    """Keeps the journal page's unsaved work in the draft file; offers it back at start."""

    saved = Signal(object)  # bool: a draft write or removal finished (False: a newer came first)
    restore_asked = Signal(object)  # the QMessageBox asking (tests answer it)
    restored = Signal()  # the draft is in the grid

    def __init__(
        self,
        page: JournalPage,
        executor: Executor,
        home: Path,
        window: QWidget,
        *,
        chart_of: Callable[[], Chart | None] = lambda: None,
        company_of: Callable[[], str] = lambda: "",
    ) -> None:
        super().__init__(window)
        self._home = home
        self._company: str | None = None  # the company the grid is for (None: none yet)
        self._stores: dict[str | None, DraftStore] = {}
        self._executor = executor
        self.page = page
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
        self._last_write: tuple[Future[bool], DraftWrite] | None = None  # on the writer
        self.version = 0  # grid changes seen: a save or a posting marks only what it copied
        self._dirty = False  # changed since the last write
        self._on_disk: set[str] = set()  # the draft files this window may have left
        self._leftover: DraftStore | None = None  # where the grid's work came from, to go
        self._replace = False  # the next write sets the file's own draft aside first
        self._restored = False  # the grid holds a restored draft nobody has saved yet
        self._offering = False  # the start's draft is being read or offered: keep it as is
        self._told_failure = False
        self.dialog: QMessageBox | None = None
        self._offered: Draft | None = None
        self._offered_from: DraftStore | None = None
        self._offer_again = False  # a company came while the start's draft was offered
        self.on_company_switch = DraftOnCompanySwitch(self, window)
        page.model.undo_stack.indexChanged.connect(self._changed)
        page.model.modelReset.connect(self._reset)

    # --- public ---------------------------------------------------------------------------

    @property
    def store(self) -> DraftStore:
        """The draft file of the company the grid is for."""
        return self.store_of(self._company)

    @property
    def company(self) -> str | None:
        return self._company

    def store_of(self, company: str | None) -> DraftStore:
        key = company or None
        if key not in self._stores:
            self._stores[key] = drafts_of(self._home, key)
        return self._stores[key]

    def set_company(self, company: str | None) -> None:
        """The grid is for `company` now (the main window's session changed). None (a
        session being opened) changes nothing; see `DraftOnCompanySwitch` for a real switch."""
        if not company or company == self._company:
            return
        previous, self._company = self._company, company
        if self._offering:
            self._offer_again = True  # once the start's question is answered
            return
        if previous is None:
            self._adopt_unsaved_work()  # work typed before the company came is its
            return
        if self.has_unsaved_work():
            self.on_company_switch.ask(previous, company)
        else:
            self._offer_if_free()

    @property
    def offering(self) -> bool:
        """The draft found at start is being read, offered or restored."""
        return self._offering

    def has_unsaved_work(self) -> bool:
        """Entries in the grid that are neither posted nor saved (as Excel or imported)."""
        page = self.page
        if page.model.line_count == 0:
            return False
        return self._restored or not page.is_clean()

    def commit_typing(self) -> bool:
        """An open cell editor's text goes into the grid (saving, posting and quitting take
        what the user sees, not what was there before the last key)."""
        return self.page.grid.commit_editor()

    def mark_kept(self) -> None:
        """The grid as it stands is kept elsewhere (saved as Excel, posted): no draft."""
        self.page.mark_saved()
        self._restored = False
        self._changed()

    def watch_posting(self, view: PostingView) -> None:
        """A posting window for the grid as it is now: once every entry is on the books (and
        the grid has not changed since), the grid is kept and its draft goes."""
        version = self.version

        def finished(report: PostingReport) -> None:
            complete = report.complete and bool(report.entries)
            if complete and not report.cancelled and version == self.version:
                self.mark_kept()

        view.finished.connect(finished)

    def set_delay(self, milliseconds: int) -> None:
        """How long after the last change the draft is written (AUTOSAVE_MS)."""
        self._timer.setInterval(milliseconds)

    def offer_restore(self) -> None:
        """Read the company's draft on a worker (or the one kept with no company); one with
        entries is offered back (`dialog`)."""
        self._offering = True
        self._reader.start(functools.partial(find_draft, fallback=self.store_of(None)), self.store)

    def suspend(self) -> None:
        """No draft is written until `resume` (a question about the grid is open)."""
        self._timer.stop()
        self._offering = True

    def resume(self) -> None:
        self._offer_done()

    def flush_to(self, company: str | None) -> None:
        """Write the grid's unsaved work to `company`'s draft now (before switching)."""
        if not self.has_unsaved_work():
            return
        self._generation += 1
        draft = snapshot(self.page.model.table, company or "")
        store = self.store_of(company)
        self._on_disk.add(store.name)
        self._start_write(functools.partial(save_draft, store, draft, self._generation))

    def take_along(self, previous: str | None) -> None:
        """The grid's unsaved work goes with it to the company chosen now: written to its
        draft (one already there is set aside first), then `previous`'s draft goes."""
        self._replace = self.store.exists()
        self._adopt(self.store_of(previous))
        self._changed()

    def start_empty(self) -> None:
        """The grid's work stayed with the previous company: an empty grid, then the chosen
        company's draft, if any, is offered."""
        self.page.model.load(EntryTable(self._chart_of()))
        self._restored = False
        self._dirty = False
        self._offer_if_free()

    def _adopt(self, source: DraftStore) -> None:
        """The grid's work was kept in `source`: it goes once the current file has it."""
        if source.name != self.store.name and (source.name in self._on_disk or self._restored):
            self._leftover = source
            self._on_disk.discard(source.name)

    def _adopt_unsaved_work(self) -> None:
        """The first company came: the grid's unsaved work (typed, or restored from the draft
        kept with no company) is written to its draft now; else its draft is offered."""
        self._adopt(self.store_of(None))
        if self.has_unsaved_work():
            # Written for the company now, but the grid did not change: a save or a posting
            # that copied it before the company came still keeps what it copied.
            self._schedule_write()
        else:
            self._offer_if_free()

    def _offer_if_free(self) -> None:
        """Offer the current company's draft, unless the grid holds unsaved work."""
        if not self.has_unsaved_work():
            self._offering = True
            self._reader.start(find_draft, self.store)

    def write_now(self) -> None:
        """Write the draft (or remove it, with no unsaved work) now, on a worker."""
        work = self._next_write()
        if work is not None:
            self._start_write(work)

    @property
    def settled(self) -> bool:
        """No change waits to be written and no write is under way: the draft on disk is
        the grid's last state (or there is none, with no unsaved work)."""
        return not self._dirty and not self._writer.busy

    def shutdown(self, timeout: Timeout = CLOSE_WAIT_SECONDS) -> bool:
        """The window is closing: write what changed since the last write, and wait for it
        (on a worker still; a runner would drop a write that has not started yet, so one
        still waiting for a worker is run here too, before the last)."""
        deadline = Deadline.of(timeout)
        self.commit_typing()  # the cell being typed in is part of the last draft
        waiting = self._take_unstarted_write()
        work = self._next_write() if self._dirty else None
        if waiting is not None:
            work = waiting if work is None else functools.partial(in_turn, waiting, work)
        final = self._executor.submit(work, TaskState()) if work is not None else None
        runners = (self._writer, self._reader, self._builder, self._discarder)
        stopped = all([runner.shutdown(deadline) for runner in runners])
        if final is not None:
            done, _pending = concurrent.futures.wait([final], deadline.remaining())
            stopped = stopped and bool(done)
            if done and final.exception() is not None:
                log.warning("the last draft was not written: %s", type(final.exception()).__name__)
        return stopped

    def _start_write(self, work: DraftWrite) -> None:
        """Run a draft write on the writer. Starting it cancels the writer's previous task;
        a write no worker had started yet (all of them busy) is then run first, in turn."""
        waiting = self._take_unstarted_write()
        if waiting is not None:
            work = functools.partial(in_turn, waiting, work)
        self._last_write = (self._writer.start(work), work)

    def _take_unstarted_write(self) -> DraftWrite | None:
        """The last write, if no worker has started it: cancelled here (so it never runs on
        its own, not even half) and handed back to be run with the next. None when it is
        running or done (then it completes: the window waits for it when closing)."""
        last, self._last_write = self._last_write, None
        if last is None:
            return None
        future, work = last
        return work if future.cancel() else None

    def _next_write(self) -> DraftWrite | None:
        """The write (or removal) the grid needs now, with its generation, waiting only for
        its task's state; None for none."""
        self._timer.stop()
        if self._offering:
            return None  # the draft on disk is the one being offered: it must stay as it is
        self._dirty = False
        self._generation += 1
        store = self.store
        if self.has_unsaved_work():
            company = self._company or self._company_of()
            draft = snapshot(self.page.model.table, company)
            self._on_disk.add(store.name)
            leftover, self._leftover = self._leftover, None
            replace, self._replace = self._replace, False
            return functools.partial(
                save_draft, store, draft, self._generation, leftover=leftover, replaced=replace
            )
        if store.name in self._on_disk:
            self._on_disk.discard(store.name)
            return functools.partial(remove_draft, store, self._generation)
        return None

    # --- changes --------------------------------------------------------------------------

    def _changed(self, *_args: object) -> None:
        self.version += 1
        self._schedule_write()

    def _schedule_write(self) -> None:
        """The draft is written a moment after the last change (AUTOSAVE_MS)."""
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
        self._tell(MessageBanner.WARNING, write_failed_text(self.store.path, error))

    # --- the start ------------------------------------------------------------------------

    def _offer_done(self) -> None:
        self._offering = False
        if self._dirty:
            self._timer.start()
        if self._offer_again:
            self._offer_again = False
            self._adopt_unsaved_work()

    def _not_read(self, error: BaseException) -> None:
        """The drafts folder cannot be read or changed: say so once; the grid goes on."""
        self._write_failed(error)
        self._offer_done()

    def _found(self, found: Found) -> None:
        if found.damaged is not None:
            self._offer_done()
            text = found.damaged.text
            if found.set_aside is not None:
                text += tr("Disimpan sebagai {p}.", p=found.set_aside)
            self._tell(MessageBanner.WARNING, text)
            return
        draft = found.draft
        source = found.source or self.store
        if draft is None or not draft.entries:
            if draft is not None:  # an empty draft goes with the next write
                self._on_disk.add(source.name)
                self._dirty = True
            self._offer_done()
            return
        self._on_disk.add(source.name)
        self._offered = draft
        self._offered_from = source
        self.dialog = ask_restore(self._window, draft, self.store.folder, self._answered)
        self.restore_asked.emit(self.dialog)

    def _answered(self, restore: bool) -> None:
        self.dialog = None
        draft, self._offered = self._offered, None
        source, self._offered_from = self._offered_from or self.store, None
        if draft is None:
            return
        if restore:
            if source.name != self.store.name:
                self._leftover = source  # the grid's next draft is the company's own file
            self._builder.start(lay_out, draft, self._chart_of())
        else:
            self._on_disk.discard(source.name)
            self._discarder.start(discard_draft, source)

    def _laid_out(self, table: EntryTable) -> None:
        page = self.page
        self._offer_done()
        page.model.load(table)  # a fresh undo history, as after an import
        if table.chart is not self._chart_of():
            page.refresh_chart()  # the company's chart arrived meanwhile
        self._restored = True
        self._tell(MessageBanner.INFO, restored_text(len(table.entries)))
        self.restored.emit()

    def _restore_failed(self, error: BaseException) -> None:
        """The draft read but could not be laid out: keep it for a newer version or support."""
        text = error.text if isinstance(error, JurnalError) else damaged_layout_text(error)
        source, self._leftover = self._leftover or self.store, None
        self._discarder.start(discard_draft, source)
        self._tell(MessageBanner.ERROR, text)

    def _discarded(self, path: Path | None) -> None:
        self._offer_done()
        if path is not None:
            self._tell(MessageBanner.INFO, discarded_text(path))

    def tell_info(self, text: Text) -> None:
        self._tell(MessageBanner.INFO, text)

    def _tell(self, kind: str, text: Text) -> None:
        self.page.banner.show_message(kind, text)


# --- a company switch -------------------------------------------------------------------------


class DraftOnCompanySwitch(QObject):
    """The draft of the grid's unsaved entries on a company switch: kept as the old company's,
    then, as the user answers, taken along to the new company or left with the old one."""

    asked = Signal(object)  # the QMessageBox (tests answer it)

    def __init__(self, keeper: DraftKeeper, window: QWidget) -> None:
        super().__init__(keeper)
        self._keeper = keeper
        self._window = window
        self.dialog: QMessageBox | None = None

    def ask(self, previous: str, company: str) -> QMessageBox:
        keeper = self._keeper
        keeper.flush_to(previous)  # kept as the old company's until the user says otherwise
        keeper.suspend()
        entries = keeper.page.model.entry_count

        def answered(keep: bool) -> None:
            self._answered(keep, previous)

        box = ask_where_unsaved_work_goes(self._window, entries, previous, company, answered)
        self.dialog = box
        self.asked.emit(box)
        return box

    def _answered(self, keep: bool, previous: str) -> None:
        self.dialog = None
        keeper = self._keeper
        keeper.resume()
        if keep:
            keeper.start_empty()
            keeper.tell_info(kept_text(previous))
        else:
            keeper.take_along(previous)


__all__ = ["AUTOSAVE_MS", "DraftKeeper", "DraftOnCompanySwitch"]
