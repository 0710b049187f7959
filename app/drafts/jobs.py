"""The drafts folder's work done on workers for the journal's draft keeper
(app.ui.journal.drafts): plain Python, no Qt. Each takes the runner's `TaskState` last."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.core.books.journal import Chart
from app.core.grid.entry_table import EntryTable
from app.core.tasks import TaskState
from app.drafts.file import Draft, DraftDamaged, draft_table
from app.drafts.folder import DAMAGED, DISCARDED, REPLACED, DraftStore, drafts_of

DraftWrite = Callable[[TaskState], bool]  # a save_draft or remove_draft with its arguments


@dataclass
class Found:
    """What was in the drafts folder at start."""

    draft: Draft | None = None
    damaged: DraftDamaged | None = None
    set_aside: Path | None = None
    source: DraftStore | None = None  # the file the draft (or the damaged one) came from


def find_draft(store: DraftStore, state: TaskState, fallback: DraftStore | None = None) -> Found:
    """The company's draft, if any, else the one kept with no company (`fallback`: an older
    version's single draft, or work typed before a company was chosen) when it was not
    another company's; one that cannot be read is moved aside (and said so)."""
    try:
        found = Found(draft=store.load(), source=store)
    except DraftDamaged as error:
        return Found(damaged=error, set_aside=store.set_aside(DAMAGED), source=store)
    if found.draft is not None or fallback is None or fallback.name == store.name:
        return found
    try:
        draft = fallback.load()
    except DraftDamaged as error:
        return Found(damaged=error, set_aside=fallback.set_aside(DAMAGED), source=fallback)
    company = drafts_of(store.home, draft.company).name if draft is not None else ""
    if draft is not None and draft.company and company != store.name:
        return found  # another company's draft: offered when that company is chosen
    return Found(draft=draft, source=fallback) if draft is not None else found


def save_draft(
    store: DraftStore,
    draft: Draft,
    generation: int,
    state: TaskState,
    leftover: DraftStore | None = None,
    replaced: bool = False,
) -> bool:
    """Write the draft; a draft the grid's work came from (`leftover`: another company's, or
    the one kept with no company) goes once this one is written; `replaced`: a draft already
    in this file is set aside first (never overwritten)."""
    if replaced:
        store.set_aside(REPLACED)
    written = store.save(draft, generation)
    if written and leftover is not None and leftover.name != store.name:
        leftover.remove(generation)
    return written


def in_turn(first: DraftWrite, then: DraftWrite, state: TaskState) -> bool:
    """Two draft writes one after the other; the result is the second's. `first` is one no
    worker had started: the newer write holds its grid, but not what else it does (a draft
    set aside before it, the draft the work came from removed after it, another company's
    file written), so it still runs first, and a failing one does not stop the newer."""
    try:
        first(state)
    except Exception:
        then(state)
        raise
    return then(state)


def remove_draft(store: DraftStore, generation: int, state: TaskState) -> bool:
    return store.remove(generation)


def lay_out(draft: Draft, chart: Chart | None, state: TaskState) -> EntryTable:
    return draft_table(draft, chart)


def discard_draft(store: DraftStore, state: TaskState) -> Path | None:
    return store.set_aside(DISCARDED)
