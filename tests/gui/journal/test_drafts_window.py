"""Drafts that survive, in the real window: typed entries land in a draft a moment after the
last change, the next start offers them back (Pulihkan / Buang), "Simpan sebagai Excel…"
writes a workbook that imports to the same entries and keeps the grid, and quitting with
unsaved entries asks first (Simpan sebagai Excel… / Keluar tanpa menyimpan / Batal)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from app.core.excel.reader import read_workbook
from app.core.grid.columns import Column
from app.core.i18n import set_language
from app.drafts.folder import DAMAGED, DISCARDED, DraftStore, company_draft_name
from app.ui.shell.main_window import MainWindow
from tests.helpers.draft_windows import (
    WAIT_MS,
    active,
    click,
    quick,
    quit_box,
    restore_box,
    save_to,
    type_account,
    type_entry,
    wait_for_draft,
)
from tests.helpers.grid_pages import CTRL, SHIFT, month_of_entries, press, snapshot, type_in_cell
from tests.helpers.posting_helpers import entries
from tests.helpers.window_helpers import say_yes_to_posting
from tests.helpers.workbooks import write_workbook

D = Decimal
# The account cell's completion list pops up over the window, which the headless platform
# cannot raise again: it says so, and the window is activated again after typing an account.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def typed_grid(qtbot, window: MainWindow) -> list[tuple]:
    type_entry(qtbot, window, "JU-1", "1.500.000,25")
    type_entry(qtbot, window, "JU-2", "75.000")
    type_in_cell(qtbot, window.journal_page, 3, Column.DEBIT, "12,3,4")  # cannot be read
    return [snapshot(entry) for entry in window.journal_page.entries()]


def quit_with_keys(qtbot, window: MainWindow) -> None:
    active(window)
    window.journal_page.grid.setFocus()
    qtbot.keyClick(window.journal_page.grid, Qt.Key.Key_Q, CTRL)


# --- the draft --------------------------------------------------------------------------------


@pytest.mark.slow
def test_typed_entries_are_kept_in_a_draft_a_moment_after_the_last_change(qtbot, make_window):
    window = active(make_window())  # the real pause
    typed = typed_grid(qtbot, window)
    with qtbot.waitSignal(window.drafts.saved, timeout=WAIT_MS):
        pass
    draft = window.drafts.store.load()
    assert draft.entry_count == 2
    assert [snapshot(e) for e in draft.entries] == typed
    assert draft.typed_cells() == {(3, "debit"): "12,3,4"}
    name = company_draft_name(window.session.profile.name)  # the demo company's own draft
    assert window.drafts.store.path == window.home / "drafts" / f"{name}.json"


def test_the_next_start_offers_the_draft_back_and_restores_the_same_entries(
    qtbot, make_window, jurnal_home
):
    first = quick(make_window())
    typed = typed_grid(qtbot, first)
    wait_for_draft(qtbot, first, 2)
    first.shutdown()  # the app stopped without being asked (as after Ctrl+C or a logout)

    again = make_window()
    box = restore_box(qtbot, again)
    assert box.text().startswith("Pulihkan 2 jurnal yang belum disimpan dari ")
    assert "Restore" not in box.text() + box.informativeText()  # one language at a time
    assert str(again.drafts.store.folder) in box.informativeText()
    assert sorted(button.text() for button in box.buttons()) == ["Buang", "Pulihkan"]
    with qtbot.waitSignal(again.drafts.restored, timeout=WAIT_MS):
        click(qtbot, box, "Pulihkan")
    page = again.journal_page
    assert [snapshot(e) for e in page.entries()] == typed
    assert page.model.text(3, Column.DEBIT) == "12,3,4"  # still as typed, still marked
    assert page.model.cell_problems(3, Column.DEBIT)
    assert "2 jurnal dipulihkan dari draf" in page.banner.message.text()
    assert not page.undo_stack.canUndo()  # a fresh history, as after an import
    assert again.drafts.has_unsaved_work()  # restored is not saved: quitting still asks
    again.close()
    assert quit_box(qtbot, again).isVisible()


@pytest.mark.slow
def test_discarding_moves_the_draft_aside_and_the_next_start_asks_nothing(qtbot, make_window):
    first = quick(make_window())
    typed_grid(qtbot, first)
    wait_for_draft(qtbot, first, 2)
    first.shutdown()

    second = make_window()
    click(qtbot, restore_box(qtbot, second), "Buang")
    store = second.drafts.store
    banner = second.journal_page.banner
    qtbot.waitUntil(lambda: "tidak ada yang dihapus" in banner.message.text(), timeout=WAIT_MS)
    (aside,) = store.aside(DISCARDED)
    assert str(aside) in banner.message.text()
    assert not store.exists() and DraftStore(store.home, store.name).load() is None
    assert second.journal_page.model.line_count == 0
    second.shutdown()

    third = make_window()
    qtbot.waitUntil(lambda: not third.drafts.offering, timeout=WAIT_MS)  # read, nothing found
    assert third.drafts.dialog is None
    assert aside.exists()  # still there, for whoever wants it back


def test_a_damaged_draft_is_set_aside_and_the_page_says_so(qtbot, make_window, jurnal_home):
    folder = jurnal_home / "drafts"
    folder.mkdir()
    (folder / "journal.json").write_text('{"format": "jurnal-desk-draft", "version": 1, "ent')
    window = make_window()
    banner = window.journal_page.banner
    qtbot.waitUntil(lambda: "tidak bisa dibaca" in banner.message.text(), timeout=WAIT_MS)
    assert window.drafts.dialog is None
    (aside,) = window.drafts.store_of(None).aside(DAMAGED)  # the draft kept with no company
    assert aside.read_text().startswith('{"format"')
    assert str(aside) in banner.message.text()


def test_an_imported_workbook_needs_no_draft_until_it_is_edited(qtbot, window, tmp_path):
    page = window.journal_page
    book = write_workbook(
        tmp_path / "jurnal.xlsx",
        [
            ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit"],
            ["05/08/2026", "JU-1", "Listrik", "6105", 1500000.0, None],
            ["05/08/2026", "JU-1", "Listrik", "1102", None, 1500000.0],
        ],
    )
    page.import_file(book)
    qtbot.waitUntil(lambda: page.model.line_count == 2 and not page.busy, timeout=WAIT_MS)
    window.drafts.write_now()  # the pause over
    assert not window.drafts.store.exists() and not window.drafts.has_unsaved_work()
    type_in_cell(qtbot, page, 0, Column.MEMO, "dicek")
    wait_for_draft(qtbot, window, 1)
    press(qtbot, page, Qt.Key.Key_Z, CTRL)  # back to the workbook as it was
    qtbot.waitUntil(lambda: not window.drafts.store.exists(), timeout=WAIT_MS)


def test_emptying_the_grid_removes_the_draft(qtbot, window):
    typed_grid(qtbot, window)
    wait_for_draft(qtbot, window, 2)
    page = window.journal_page
    page.grid.selectAll()
    press(qtbot, page, Qt.Key.Key_Delete, CTRL)  # Hapus baris
    assert page.model.line_count == 0
    qtbot.waitUntil(lambda: not window.drafts.store.exists(), timeout=WAIT_MS)
    window.close()
    assert not window.isVisible()  # nothing to lose: no question


# --- Simpan sebagai Excel -------------------------------------------------------------------------


def test_save_as_excel_writes_a_workbook_that_imports_to_the_same_entries(qtbot, window, tmp_path):
    page = window.journal_page
    type_entry(qtbot, window, "JU-1", "1.500.000,25")
    type_entry(qtbot, window, "JU-2", "10.000,125")  # a fraction of a cent, kept exactly
    wait_for_draft(qtbot, window, 2)
    target = tmp_path / "disimpan.xlsx"
    save_to(window, target)
    with qtbot.waitSignal(window.excel_saver.saved, timeout=WAIT_MS):
        qtbot.keyClick(page.grid, Qt.Key.Key_S, CTRL | SHIFT)
    result = read_workbook(target)
    assert [snapshot(e) for e in result.entries] == [snapshot(e) for e in page.entries()]
    assert result.entries[1].lines[0].debit == D("10000.125")
    assert page.is_clean() and not window.drafts.has_unsaved_work()
    qtbot.waitUntil(lambda: not window.drafts.store.exists(), timeout=WAIT_MS)
    assert "2 jurnal disimpan ke" in page.banner.message.text()
    assert page.banner.message.text().endswith("dengan Impor Excel… (Ctrl+O).")  # one stop
    quit_with_keys(qtbot, window)
    assert not window.isVisible()  # saved: quitting asks nothing


def test_save_as_excel_is_in_the_file_menu_and_on_the_toolbar(qtbot, window, tmp_path):
    saver = window.excel_saver
    file_menu = window.menuBar().actions()[0].menu()
    assert saver.action in file_menu.actions()
    assert saver.action.text() == "Simpan sebagai &Excel…"
    assert saver.action.shortcut().toString() == "Ctrl+Shift+S"
    assert saver.button is not None and saver.button.text() == "Simpan sebagai Excel…"
    window.journal_page.model.load_entries(month_of_entries(3))
    asked = save_to(window, tmp_path / "dari tombol.xlsx")
    with qtbot.waitSignal(saver.saved, timeout=WAIT_MS):
        qtbot.mouseClick(saver.button, Qt.MouseButton.LeftButton)
    assert len(read_workbook(tmp_path / "dari tombol.xlsx").entries) == 3
    assert asked[0].name.startswith("Jurnal ") and asked[0].suffix == ".xlsx"


def test_save_as_excel_with_an_empty_grid_says_there_is_nothing(qtbot, window, tmp_path):
    asked = save_to(window, tmp_path / "kosong.xlsx")
    window.excel_saver.action.trigger()
    assert asked == [] and not (tmp_path / "kosong.xlsx").exists()
    assert "Belum ada jurnal" in window.journal_page.banner.message.text()


def test_a_save_that_fails_keeps_the_work_unsaved_and_says_why(qtbot, window, tmp_path):
    typed_grid(qtbot, window)
    save_to(window, tmp_path / "tidak ada" / "jurnal.xlsx")
    with qtbot.waitSignal(window.excel_saver.failed, timeout=WAIT_MS):
        window.excel_saver.action.trigger()
    assert "Tidak bisa menyimpan" in window.journal_page.banner.message.text()
    assert window.drafts.has_unsaved_work()


# --- quitting -----------------------------------------------------------------------------------


def test_quitting_with_unsaved_entries_asks_and_cancel_stays(qtbot, window):
    typed_grid(qtbot, window)
    quit_with_keys(qtbot, window)
    box = quit_box(qtbot, window)
    assert box.text() == (
        "Ada 2 jurnal yang belum diposting atau disimpan. Simpan sebagai Excel sebelum keluar?"
    )
    assert "draf tetap disimpan" in box.informativeText()
    assert str(window.drafts.store.path) in box.informativeText()
    labels = sorted(button.text() for button in box.buttons())
    assert labels == ["Batal", "Keluar tanpa menyimpan", "Simpan sebagai Excel…"]
    click(qtbot, box, "Batal")
    qtbot.waitUntil(lambda: window.quit_guard.dialog is None, timeout=WAIT_MS)
    assert window.isVisible() and window.journal_page.model.entry_count == 2


def test_quit_without_saving_from_the_file_menu_keeps_the_draft(qtbot, window):
    typed = typed_grid(qtbot, window)
    quit_action = window.menuBar().actions()[0].menu().actions()[-1]
    assert quit_action.text() == "&Keluar"
    quit_action.trigger()
    click(qtbot, quit_box(qtbot, window), "Keluar tanpa menyimpan")
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)
    # Closed at once, before the pause was over: the last change was written on the way out.
    draft = window.drafts.store.load()
    assert [snapshot(e) for e in draft.entries] == typed


def test_save_then_quit_writes_the_workbook_and_closes(qtbot, window, tmp_path):
    typed = typed_grid(qtbot, window)
    target = tmp_path / "sebelum keluar.xlsx"
    save_to(window, target)
    quit_with_keys(qtbot, window)
    click(qtbot, quit_box(qtbot, window), "Simpan sebagai Excel…")
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)
    assert [snapshot(e) for e in read_workbook(target).entries][:1] == typed[:1]
    assert not window.drafts.store.exists()


def test_the_questions_speak_english_when_the_window_does(qtbot, make_window):
    set_language("en")
    try:
        first = quick(make_window(language="en"))
        typed_grid_en(qtbot, first)
        wait_for_draft(qtbot, first, 1)
        first.close()
        box = quit_box(qtbot, first)
        assert box.text().startswith("There is 1 entry that is neither posted nor saved.")
        assert sorted(b.text() for b in box.buttons()) == [
            "Cancel", "Quit without saving", "Save as Excel…",
        ]  # fmt: skip
        assert "Simpan" not in box.text() + box.informativeText()
        click(qtbot, box, "Quit without saving")
        qtbot.waitUntil(lambda: not first.isVisible(), timeout=WAIT_MS)

        again = make_window(language="en")
        box = restore_box(qtbot, again)
        assert box.text().startswith("Restore 1 unsaved entry from ")
        assert sorted(b.text() for b in box.buttons()) == ["Discard", "Restore"]
        assert "Pulihkan" not in box.text() + box.informativeText()
    finally:
        set_language("id")


def typed_grid_en(qtbot, window: MainWindow) -> None:
    page = window.journal_page
    press(qtbot, page, Qt.Key.Key_Return, CTRL | SHIFT)
    type_in_cell(qtbot, page, 0, Column.REFERENCE, "JU-1")
    type_account(qtbot, window, 0, "6105")
    type_in_cell(qtbot, page, 0, Column.DEBIT, "1.500,00")  # the grid's style, not the menus'


def test_posting_every_entry_keeps_the_grid_and_removes_its_draft(qtbot, window):
    from app.ui.posting.window import Phase

    page = window.journal_page
    qtbot.waitUntil(lambda: window.current_chart() is not None, timeout=WAIT_MS)
    page.model.load_entries(entries(2))
    type_in_cell(qtbot, page, 0, Column.MEMO, "dicek")  # now unsaved work
    wait_for_draft(qtbot, window, 2)
    qtbot.waitUntil(page.post_button.isEnabled, timeout=WAIT_MS)
    with qtbot.waitSignal(window.posting.opened, timeout=WAIT_MS) as opened:
        page.post_button.click()
        say_yes_to_posting(qtbot, window)
    view = opened.args[0]
    qtbot.waitUntil(lambda: view.phase is Phase.DONE, timeout=WAIT_MS)
    assert not window.drafts.has_unsaved_work()
    qtbot.waitUntil(lambda: not window.drafts.store.exists(), timeout=WAIT_MS)
    view.close()
    window.close()
    assert not window.isVisible()


@pytest.mark.slow
def test_a_restored_grid_once_saved_is_not_offered_again(qtbot, make_window, tmp_path):
    first = quick(make_window())
    typed = typed_grid(qtbot, first)
    wait_for_draft(qtbot, first, 2)
    first.shutdown()

    second = make_window()
    with qtbot.waitSignal(second.drafts.restored, timeout=WAIT_MS):
        click(qtbot, restore_box(qtbot, second), "Pulihkan")
    save_to(second, tmp_path / "dipulihkan.xlsx")
    with qtbot.waitSignal(second.excel_saver.saved, timeout=WAIT_MS):
        second.excel_saver.action.trigger()
    assert not second.drafts.has_unsaved_work()
    qtbot.waitUntil(lambda: not second.drafts.store.exists(), timeout=WAIT_MS)
    second.close()
    assert not second.isVisible()  # kept in the workbook: nothing to ask

    third = make_window()
    qtbot.waitUntil(lambda: not third.drafts.offering, timeout=WAIT_MS)
    assert third.drafts.dialog is None
    saved = read_workbook(tmp_path / "dipulihkan.xlsx").entries
    assert [snapshot(e) for e in saved] == typed


def test_choosing_save_then_cancelling_the_file_dialog_stays_open(qtbot, window):
    typed_grid(qtbot, window)
    window.excel_saver.choose_path = lambda _parent, _suggested, _settings: None
    quit_with_keys(qtbot, window)
    click(qtbot, quit_box(qtbot, window), "Simpan sebagai Excel…")
    qtbot.waitUntil(lambda: window.quit_guard.dialog is None, timeout=WAIT_MS)
    qtbot.wait(50)  # a close would have been queued by now
    assert window.isVisible() and window.drafts.has_unsaved_work()
