"""The account mapping dialog on the journal page: a client's workbook on its own codes, the
company's accounts chosen once, applied as one undoable step and remembered for the company's
next import."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from app.core.books.account_mapping import AccountMap
from app.core.grid.columns import Column
from app.core.i18n import set_language
from app.profiles.account_maps import MAPS_FILE, AccountMapStore
from app.ui.journal.mapping_dialog import AccountMappingDialog
from app.ui.journal.mapping_model import ACCOUNT, NOTE
from app.ui.journal.page import JournalPage
from tests.helpers.grid_pages import CTRL, press
from tests.helpers.journal_data import CHART, client_entries
from tests.helpers.workbooks import write_workbook

COMPANY = "PT Maju Jaya"
WAIT_MS = 10_000
HEADER = ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit", "Keterangan"]


def client_workbook(folder):
    """Three entries on the client's codes: 1-1100 Kas Kecil, 4-000 Penjualan, and one
    company code (6105) that needs nothing."""
    rows = [
        HEADER,
        [date(2026, 3, 2), "KK-001", "Penjualan tunai", "1-1100", 500000, None, "Kas Kecil"],
        [None, None, None, "4-000", None, 500000, "Penjualan"],
        [date(2026, 3, 3), "KK-002", "Listrik Maret", "6105", 120000, None, ""],
        [None, None, None, "1-1100", None, 120000, ""],
        [date(2026, 3, 4), "KK-003", "Penjualan kedua", "1-1100", 80000, None, ""],
        [None, None, None, "4-000", None, 80000, ""],
    ]
    return write_workbook(folder / "klien.xlsx", rows)


def import_and_wait(qtbot, page: JournalPage, path) -> None:
    page.import_file(path)
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)


def accounts(page: JournalPage) -> list[str]:
    """The account codes the grid shows, top to bottom."""
    return [page.model.text(row, Column.ACCOUNT) for row in range(page.model.rowCount())]


def open_from_toolbar(qtbot, page: JournalPage) -> AccountMappingDialog:
    qtbot.mouseClick(page.account_mapping.button, Qt.MouseButton.LeftButton)
    dialog = page.account_mapping.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def type_choice(qtbot, dialog: AccountMappingDialog, row: int, text: str, *, pick: bool = False):
    """Type into the company-account cell as a user does; `pick` takes the first completion
    from the popup instead of the text typed."""
    index = dialog.model.index(row, ACCOUNT)
    dialog.activateWindow()  # as the user's click does: the editor gets the keys
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.table.setCurrentIndex(index)
    dialog.table.edit(index)
    editor = dialog.table.indexWidget(index)
    assert isinstance(editor, QLineEdit), "the cell's editor did not open"
    editor.setFocus()
    qtbot.keyClicks(editor, text)
    if pick:
        popup = editor.completer().popup()
        qtbot.waitUntil(popup.isVisible, timeout=WAIT_MS)
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.indexWidget(index) is None)  # committed, closed


# The completion popup: the offscreen platform cannot raise it or grab the keyboard for it.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_choosing_accounts_fixes_the_grid_in_one_undoable_step(qtbot, page, jurnal_home, tmp_path):
    page.account_mapping.set_company(jurnal_home, COMPANY)
    import_and_wait(qtbot, page, client_workbook(tmp_path))
    assert page.model.problem_count == 5  # five lines on accounts the company lacks
    dialog = open_from_toolbar(qtbot, page)
    rows = [(r.code, r.lines, r.sample) for r in dialog.model.rows]
    assert rows == [("1-1100", 3, "Kas Kecil"), ("4-000", 2, "Penjualan")]
    assert dialog.status.text() == "0 dari 2 kode dipetakan."

    type_choice(qtbot, dialog, 0, "1100")  # the parent "Kas dan Bank": refused
    assert not dialog.save_button.isEnabled()
    assert "akun induk" in dialog.model.data(dialog.model.index(0, NOTE))
    assert dialog.status.text().startswith("1 pilihan tidak bisa dipakai. 1-1100: ")
    assert "akun induk" in dialog.status.text()
    try:  # the count and the reason, both in the language read
        set_language("en")
        dialog.retranslate()
        assert dialog.status.text().startswith("1 choice cannot be used. 1-1100: ")
        assert "akun induk" not in dialog.status.text()
        set_language("zh")
        dialog.retranslate()
        assert dialog.status.text().startswith("1 个选择无法使用。1-1100：")
    finally:
        set_language("id")
        dialog.retranslate()
    type_choice(qtbot, dialog, 0, "1101")
    type_choice(qtbot, dialog, 1, "Penj", pick=True)  # completed by name: "4101 · Penjualan"
    assert dialog.model.data(dialog.model.index(1, ACCOUNT)) == "4101 · Penjualan"
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert accounts(page) == ["1101", "4101", "6105", "1101", "1101", "4101"]
    assert page.model.problem_count == 0 and page.is_ready()
    assert "5 baris dipetakan ulang" in page.banner.message.text()
    assert AccountMapStore(jurnal_home).get(COMPANY) == AccountMap(
        {"1-1100": "1101", "4-000": "4101"}
    )
    assert page.undo_stack.count() == 1  # one step, however many lines

    page.activateWindow()  # the dialog has closed: back to the grid
    qtbot.waitUntil(page.isActiveWindow)
    press(qtbot, page, Qt.Key.Key_Z, CTRL)
    assert accounts(page) == ["1-1100", "4-000", "6105", "1-1100", "1-1100", "4-000"]
    assert page.model.problem_count == 5
    assert AccountMapStore(jurnal_home).get(COMPANY)["1-1100"] == "1101"  # still remembered


def test_the_next_import_for_the_company_is_remapped_and_says_so(
    qtbot, executor, jurnal_home, tmp_path
):
    AccountMapStore(jurnal_home).save(COMPANY, AccountMap({"1-1100": "1101", "4-000": "4101"}))
    restarted = JournalPage(executor, lambda: CHART)  # as after a restart, on the same home
    qtbot.addWidget(restarted)
    restarted.show()
    try:
        restarted.account_mapping.set_company(jurnal_home, COMPANY)
        import_and_wait(qtbot, restarted, client_workbook(tmp_path))
        assert accounts(restarted) == ["1101", "4101", "6105", "1101", "1101", "4101"]
        assert restarted.is_ready()
        banner = restarted.banner.message.text()
        assert "5 baris dipetakan ulang" in banner and "1-1100 → 1101 (3)" in banner
        dialog = open_from_toolbar(qtbot, restarted)
        assert [(r.code, r.lines, r.chosen) for r in dialog.model.rows] == [
            ("1-1100", 0, "1101"),  # remembered, not used in the grid now
            ("4-000", 0, "4101"),
        ]
        dialog.reject()

        restarted.account_mapping.set_company(jurnal_home, "CV Lain")  # another company
        import_and_wait(qtbot, restarted, client_workbook(tmp_path))
        assert accounts(restarted)[0] == "1-1100" and "dipetakan" not in restarted.banner.text.id
    finally:
        assert restarted.shutdown(timeout=5)


def test_typed_codes_are_offered_and_clearing_a_choice_forgets_it(qtbot, page, jurnal_home):
    AccountMapStore(jurnal_home).save(COMPANY, AccountMap({"1-1100": "1102", "Z-9": "1101"}))
    page.account_mapping.set_company(jurnal_home, COMPANY)
    page.model.load_entries(client_entries())  # typed or pasted: not re-mapped by itself
    dialog = open_from_toolbar(qtbot, page)
    codes = [(r.code, r.chosen) for r in dialog.model.rows]
    assert codes == [("1-1100", "1102"), ("4-000", ""), ("Z-9", "1101")]
    dialog.choose("Z-9", "")
    dialog.choose("4-000", "4101 · Penjualan")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert AccountMapStore(jurnal_home).get(COMPANY) == AccountMap(
        {"1-1100": "1102", "4-000": "4101"}
    )
    assert accounts(page) == ["1102", "4101", "6105", "1102"]


def test_a_damaged_mapping_file_is_shown_and_kept_when_saving(qtbot, page, jurnal_home, tmp_path):
    (jurnal_home / MAPS_FILE).write_text("{rusak", "utf-8")
    page.account_mapping.set_company(jurnal_home, COMPANY)
    import_and_wait(qtbot, page, client_workbook(tmp_path))
    assert "tidak bisa dibaca" in page.banner.message.text()
    dialog = open_from_toolbar(qtbot, page)
    assert dialog.warning.isVisibleTo(dialog) and "tidak bisa dibaca" in dialog.warning.text()
    dialog.choose("1-1100", "1101")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert (jurnal_home / (MAPS_FILE + ".damaged")).read_text("utf-8") == "{rusak"
    assert AccountMapStore(jurnal_home).get(COMPANY) == AccountMap({"1-1100": "1101"})


def test_without_a_company_or_chart_the_button_says_what_to_do(qtbot, executor, jurnal_home):
    no_chart = JournalPage(executor, lambda: None)
    qtbot.addWidget(no_chart)
    no_chart.show()
    try:
        qtbot.mouseClick(no_chart.account_mapping.button, Qt.MouseButton.LeftButton)
        assert no_chart.account_mapping.dialog is None
        assert "Pilih perusahaan" in no_chart.banner.message.text()
        no_chart.account_mapping.set_company(jurnal_home, COMPANY)
        qtbot.mouseClick(no_chart.account_mapping.button, Qt.MouseButton.LeftButton)
        assert "belum dimuat" in no_chart.banner.message.text()
    finally:
        assert no_chart.shutdown(timeout=5)


def test_the_dialog_model_passes_qt_model_checks(qtmodeltester, page, jurnal_home):
    page.account_mapping.set_company(jurnal_home, COMPANY)
    page.model.load_entries(client_entries())
    dialog = page.account_mapping.open_dialog()
    qtmodeltester.check(dialog.model)
    dialog.reject()
