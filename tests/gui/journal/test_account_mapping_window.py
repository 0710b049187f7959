"""The account mapping in the main window: remembered for the selected company, so a window
opened again on the same home re-maps that company's next import by itself."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.core.grid.columns import Column
from app.ui.shell.main_window import MainWindow
from tests.helpers.workbooks import write_workbook

WAIT_MS = 10_000
HEADER = ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit", "Keterangan"]


def client_book(folder):
    """One entry on a client's codes (K-100 its cash, P-400 its sales)."""
    rows = [
        HEADER,
        ["2026-08-05", "KL-1", "Penjualan tunai", "K-100", 1500000, None, "Kas klien"],
        [None, None, None, "P-400", None, 1500000, ""],
    ]
    return write_workbook(folder / "klien.xlsx", rows)


def ready_window(qtbot, make_window) -> MainWindow:
    window = make_window()
    qtbot.waitUntil(lambda: window.current_chart() is not None, timeout=WAIT_MS)
    return window


def import_and_wait(qtbot, window: MainWindow, path) -> None:
    window.journal_page.import_file(path)
    qtbot.waitUntil(lambda: not window.journal_page.busy, timeout=WAIT_MS)


def test_a_mapping_saved_in_the_window_is_used_again_after_a_restart(
    qtbot, make_window, jurnal_home, tmp_path
):
    window = ready_window(qtbot, make_window)
    company = window.session.profile.name
    page = window.journal_page
    book = client_book(tmp_path)
    import_and_wait(qtbot, window, book)
    assert page.model.problem_count == 2
    qtbot.mouseClick(page.account_mapping.button, Qt.MouseButton.LeftButton)
    dialog = page.account_mapping.dialog
    assert dialog is not None and company in dialog.help.text()
    again_in_english(window, dialog)
    dialog.choose("K-100", "1-10001 · Kas")
    dialog.choose("P-400", "4-40000")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert page.is_ready()
    window.close()

    again = ready_window(qtbot, make_window)  # the same home: as after a restart
    assert again.session.profile.name == company
    import_and_wait(qtbot, again, book)
    codes = [again.journal_page.model.text(r, Column.ACCOUNT) for r in range(2)]
    assert codes == ["1-10001", "4-40000"] and again.journal_page.is_ready()
    assert "2 baris dipetakan ulang" in again.journal_page.banner.message.text()


def again_in_english(window: MainWindow, dialog) -> None:
    """The open dialog follows a language switch of the window, and back."""
    window.set_language("en")
    assert dialog.save_button.text() == "Save and apply"
    assert dialog.model.headerData(0, Qt.Orientation.Horizontal) == "Old code"
    assert dialog.status.text() == "0 of 2 codes mapped."
    window.set_language("id")
    assert dialog.save_button.text() == "Simpan dan terapkan"


def menu_titled(window: MainWindow, title: str):
    menus = [action.menu() for action in window.menuBar().actions() if action.menu()]
    return next(menu for menu in menus if menu.title().replace("&", "") == title)


@pytest.mark.qt_log_ignore("This plugin does not support")  # the menu and the dialog
def test_the_tools_menu_opens_the_account_mapping(qtbot, make_window, tmp_path):
    window = ready_window(qtbot, make_window)
    page = window.journal_page
    import_and_wait(qtbot, window, client_book(tmp_path))
    tools = menu_titled(window, "Alat")
    item = tools.actions()[0]
    assert item.text().replace("&", "") == "Pemetaan akun…" and item.isEnabled()
    tools.popup(window.mapToGlobal(window.rect().center()))  # the menu as a click opens it
    qtbot.waitUntil(tools.isVisible, timeout=WAIT_MS)
    tools.setActiveAction(item)
    qtbot.keyClick(tools, Qt.Key.Key_Return)
    dialog = page.account_mapping.dialog
    assert dialog is not None and dialog.isVisible()
    assert [row.code for row in dialog.model.rows] == ["K-100", "P-400"]
    dialog.reject()
    window.set_language("en")  # the menu follows the language
    assert menu_titled(window, "Tools").actions()[0].text() == "&Account mapping…"
    window.set_language("id")
