"""Draft writes run in turn (one no worker had started, then the newer): what the first does
besides writing still happens, the newer grid is what stays, and a first that fails does not
stop the newer one."""

from __future__ import annotations

import functools

import pytest

from app.core.tasks import TaskState
from app.drafts.file import Draft
from app.drafts.folder import REPLACED, DraftStore
from app.drafts.jobs import in_turn, save_draft
from tests.helpers.grid_pages import month_of_entries


def test_the_waiting_write_sets_the_old_draft_aside_and_the_newer_grid_stays(tmp_path):
    store = DraftStore(tmp_path, "journal-PT-Baru")
    store.save(Draft(month_of_entries(1)), 0)  # the company's own draft, never overwritten
    waiting = functools.partial(save_draft, store, Draft(month_of_entries(2)), 1, replaced=True)
    newer = functools.partial(save_draft, store, Draft(month_of_entries(3)), 2)
    assert in_turn(waiting, newer, TaskState())
    assert store.load().entry_count == 3
    (aside,) = store.aside(REPLACED)
    assert DraftStore(tmp_path, aside.stem).load().entry_count == 1


def test_a_waiting_write_that_fails_still_lets_the_newer_one_write(tmp_path):
    store = DraftStore(tmp_path)

    def failing(state: TaskState) -> bool:
        raise OSError("disk full")

    newer = functools.partial(save_draft, store, Draft(month_of_entries(2)), 2)
    with pytest.raises(OSError, match="disk full"):
        in_turn(failing, newer, TaskState())
    assert store.load().entry_count == 2
