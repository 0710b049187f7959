"""One draft per company: switching company neither loses nor mixes typed work, and a draft
an older version left (one file for everything) is still offered back."""

from __future__ import annotations

import pytest

from app.drafts.file import Draft
from app.drafts.folder import REPLACED, DraftStore, drafts_of
from app.setup.demo import DEMO_NAMES
from app.ui.shell.main_window import MainWindow
from tests.helpers.draft_windows import (
    WAIT_MS,
    choose,
    click,
    on_company,
    restore_box,
    switch_box,
    type_entry,
    wait_for_draft,
)
from tests.helpers.grid_pages import month_of_entries, snapshot

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
ACCURATE, SEMPOA = DEMO_NAMES


def typed_for_accurate(qtbot, window: MainWindow) -> list[tuple]:
    on_company(qtbot, window, ACCURATE)
    qtbot.waitUntil(lambda: not window.drafts.offering, timeout=WAIT_MS)
    type_entry(qtbot, window, "JU-1", "1.500.000")
    wait_for_draft(qtbot, window, 1)
    return [snapshot(entry) for entry in window.journal_page.entries()]


def test_keeping_the_work_as_the_first_companys_draft_and_getting_it_back(qtbot, window):
    typed = typed_for_accurate(qtbot, window)
    choose(qtbot, window, 1)
    box = switch_box(qtbot, window)
    assert box.text() == (
        f"Tabel berisi 1 jurnal untuk {ACCURATE} yang belum diposting atau disimpan. "
        f"Bawa ke {SEMPOA}?"
    )
    labels = sorted(button.text() for button in box.buttons())
    assert labels == [f"Bawa ke {SEMPOA}", f"Simpan sebagai draf {ACCURATE}"]
    click(qtbot, box, f"Simpan sebagai draf {ACCURATE}")
    page = window.journal_page
    qtbot.waitUntil(lambda: page.model.line_count == 0, timeout=WAIT_MS)
    assert f"tetap menjadi draf {ACCURATE}" in page.banner.message.text()
    accurate = drafts_of(window.home, ACCURATE)
    assert [snapshot(e) for e in accurate.load().entries] == typed
    assert not window.drafts.has_unsaved_work()
    type_entry(qtbot, window, "SP-1", "75.000")  # Sempoa's own work, in its own draft
    wait_for_draft(qtbot, window, 1)
    assert window.drafts.store.path == drafts_of(window.home, SEMPOA).path
    sempoa_typed = [snapshot(e) for e in window.journal_page.entries()]

    choose(qtbot, window, 0)  # back: the Sempoa work stays Sempoa's, Accurate's is offered
    click(qtbot, switch_box(qtbot, window), f"Simpan sebagai draf {SEMPOA}")
    box = restore_box(qtbot, window)
    assert box.text().startswith("Pulihkan 1 jurnal yang belum disimpan dari ")
    with qtbot.waitSignal(window.drafts.restored, timeout=WAIT_MS):
        click(qtbot, box, "Pulihkan")
    assert [snapshot(e) for e in page.entries()] == typed
    assert [snapshot(e) for e in drafts_of(window.home, SEMPOA).load().entries] == sempoa_typed


def test_taking_the_work_along_moves_its_draft_and_sets_the_others_aside(qtbot, window):
    sempoa = drafts_of(window.home, SEMPOA)
    sempoa.save(Draft(month_of_entries(3), company=SEMPOA), 0)  # Sempoa's earlier draft
    typed = typed_for_accurate(qtbot, window)
    choose(qtbot, window, 1)
    box = switch_box(qtbot, window)
    assert "disisihkan, tidak dihapus" in box.informativeText()
    click(qtbot, box, f"Bawa ke {SEMPOA}")  # the default
    page = window.journal_page
    assert [snapshot(e) for e in page.entries()] == typed  # nothing left the table
    accurate = drafts_of(window.home, ACCURATE)
    qtbot.waitUntil(lambda: not accurate.exists(), timeout=WAIT_MS)
    assert [snapshot(e) for e in sempoa.load().entries] == typed
    (earlier,) = sempoa.aside(REPLACED)
    assert DraftStore(window.home, earlier.stem).path == earlier  # kept whole, beside it
    assert window.drafts.dialog is None  # the taken-along table is not asked about again


def test_switching_with_nothing_unsaved_offers_the_other_companys_draft(qtbot, window):
    on_company(qtbot, window, ACCURATE)
    qtbot.waitUntil(lambda: not window.drafts.offering, timeout=WAIT_MS)
    drafts_of(window.home, SEMPOA).save(Draft(month_of_entries(2), company=SEMPOA), 0)
    choose(qtbot, window, 1)
    assert window.drafts.on_company_switch.dialog is None  # nothing to ask about the empty table
    box = restore_box(qtbot, window)
    assert "Perusahaan saat itu: " + SEMPOA in box.informativeText()
    with qtbot.waitSignal(window.drafts.restored, timeout=WAIT_MS):
        click(qtbot, box, "Pulihkan")
    assert window.journal_page.model.entry_count == 2


def test_a_single_draft_left_by_an_older_version_is_restored_and_moved(
    qtbot, make_window, jurnal_home
):
    legacy = DraftStore(jurnal_home)  # drafts/journal.json, as older versions kept it
    legacy.save(Draft(month_of_entries(2), company=ACCURATE), 0)
    window = make_window()
    window.drafts.set_delay(50)
    box = restore_box(qtbot, window)
    assert box.text().startswith("Pulihkan 2 jurnal yang belum disimpan dari ")
    with qtbot.waitSignal(window.drafts.restored, timeout=WAIT_MS):
        click(qtbot, box, "Pulihkan")
    on_company(qtbot, window, ACCURATE)
    accurate = drafts_of(jurnal_home, ACCURATE)
    qtbot.waitUntil(lambda: accurate.exists() and not legacy.exists(), timeout=WAIT_MS)
    assert [snapshot(e) for e in accurate.load().entries] == [
        snapshot(e) for e in month_of_entries(2)
    ]
