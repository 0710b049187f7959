"""The journal page as an accountant uses it: type entries, import real workbooks read on a
worker, see problems and jump to them, correct the import, save the template and report."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.core.books.journal import FRACTION_OF_CENT, Account, Chart
from app.core.books.number_style import NumberStyle
from app.core.excel.problem_column import problem_header
from app.core.excel.reader import read_rows, read_workbook
from app.core.i18n import set_language
from app.sandbox.chart import ACCURATE_CHART
from app.ui.journal.grid.model import Column
from app.ui.journal.page import JournalPage, MessageBanner
from tests.helpers.cached_formulas import Cached, write_cached_workbook
from tests.helpers.journal_data import CHART, electricity, sale
from tests.helpers.journal_pages import GOOD_ROWS, HEADER, WAIT_MS, Company
from tests.helpers.workbooks import write_workbook


@pytest.fixture
def company() -> Company:
    return Company(CHART)


@pytest.fixture
def page(qtbot, executor, company) -> Iterator[JournalPage]:
    widget = JournalPage(executor, company)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    yield widget
    assert widget.shutdown(timeout=5), "a worker was still running"


def import_and_wait(qtbot, page: JournalPage, path, options=None) -> None:
    page.import_file(path, options)
    assert page.busy
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)


def test_typing_a_balanced_entry_makes_the_page_ready(qtbot, page):
    assert not page.is_ready()
    assert "Belum ada jurnal" in page.ready_badge.text()
    qtbot.mouseClick(page.add_entry_button, Qt.MouseButton.LeftButton)
    model = page.model
    assert model.line_count == 2
    for column, value in (
        (Column.DATE, "3 Feb 2026"),
        (Column.REFERENCE, "KK-001"),
        (Column.ACCOUNT, "6105"),
        (Column.DEBIT, "250.000"),
    ):
        model.setData(model.index(0, column), value)
    model.setData(model.index(1, Column.ACCOUNT), "1101")
    with qtbot.waitSignal(page.ready_changed) as ready:
        model.setData(model.index(1, Column.CREDIT), "250.000,00")
    assert ready.args == [True]
    assert page.is_ready()
    assert "Siap diposting" in page.ready_badge.text()
    assert page.debit_label.text() == "Total debit: 250.000,00"
    assert page.credit_label.text() == "Total kredit: 250.000,00"
    assert page.problems_label.text() == "Masalah: 0"
    entries = page.entries()
    assert entries[0].lines[0].debit == Decimal("250000.00")
    with qtbot.waitSignal(page.ready_changed) as ready:
        model.setData(model.index(1, Column.CREDIT), "200.000")
    assert ready.args == [False]
    assert page.problems_label.text() == "Masalah: 1"
    assert "Belum siap" in page.ready_badge.text()


def test_buttons_add_and_remove_lines_at_the_current_cell(qtbot, page):
    page.model.load_entries([sale(), electricity()])
    page.select_cell(3, Column.ACCOUNT)
    qtbot.mouseClick(page.add_line_button, Qt.MouseButton.LeftButton)
    assert page.model.line_count == 6
    assert page.grid.currentIndex().row() == 4
    assert page.model.entry_rows(4) == (3, 5)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert page.model.line_count == 5
    assert page.is_ready()


def test_a_refused_value_is_explained_in_the_banner(page):
    page.model.load_entries([sale()])
    page.model.setData(page.model.index(0, Column.DEBIT), "1.5.0")
    assert page.banner.isVisible()
    assert page.banner.kind == MessageBanner.ERROR
    assert "gaya Indonesia" in page.banner.message.text()
    assert "Indonesian-style" not in page.banner.message.text()  # one language at a time
    assert not page.banner.other.isVisible()


def test_pasting_from_a_spreadsheet_steps_over_read_only_columns(page):
    page.model.load_entries([sale()])
    page.select_cell(1, Column.ACCOUNT)
    page.grid.paste("4102\t\t1.400.000,00\tJasa\n2105\t\t265.000\tPPN\n")
    lines = page.entries()[0].lines
    assert (lines[1].account, lines[1].credit, lines[1].memo) == (
        "4102",
        Decimal("1400000.00"),
        "Jasa",
    )
    assert (lines[2].account, lines[2].credit, lines[2].memo) == (
        "2105",
        Decimal("265000.00"),
        "PPN",
    )
    assert page.model.problem_count == 1  # 4102 is not in the chart
    page.select_cell(1, Column.ACCOUNT)
    page.grid.clear_selected()
    assert page.entries()[0].lines[1].account == ""


def test_an_import_fills_the_grid_lists_problems_and_jumps_to_them(qtbot, page, tmp_path):
    rows = [HEADER, *GOOD_ROWS]
    rows[2] = [date(2026, 1, 5), "JU-1", "Penjualan tunai", "4101", None, "1,500,000", ""]
    rows[5] = [date(2026, 1, 7), "JU-2", "Listrik Desember", "9999", None, 2350000, ""]
    path = write_workbook(tmp_path / "januari.xlsx", rows)
    import_and_wait(qtbot, page, path)
    assert page.model.entry_count == 2 and page.model.line_count == 5
    problems = page.problems_panel.model
    assert problems.rowCount() == 3  # the unreadable credit, the balance it breaks, 9999
    assert problems.data(problems.index(1, 1)) == "3"  # worksheet row
    assert problems.data(problems.index(1, 2)) == "F (Kredit)"
    assert "1,500,000" in problems.data(problems.index(1, 3))
    assert page.problems_panel.title.text() == "Masalah (3)"
    assert page.banner.kind == MessageBanner.WARNING
    assert "januari.xlsx: 2 jurnal, 5 baris" in page.banner.message.text()
    assert not page.is_ready()
    assert page.options_panel.isVisible()
    assert page.options_panel.sheet_combo.currentText() == "Jurnal"
    table = page.problems_panel.table
    target = problems.index(2, 3)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(target).center()
    )
    current = page.grid.currentIndex()
    assert (current.row(), current.column()) == (4, Column.ACCOUNT)
    # Fixing both cells in the grid makes the batch ready.
    page.model.setData(page.model.index(1, Column.CREDIT), "1.500.000,00")
    with qtbot.waitSignal(page.ready_changed):
        page.model.setData(page.model.index(4, Column.ACCOUNT), "1102")
    assert problems.rowCount() == 0
    assert page.problems_panel.title.text() == "Masalah: tidak ada"


def test_a_file_that_cannot_be_read_is_explained_and_the_grid_is_kept(qtbot, page, tmp_path):
    page.model.load_entries([sale()])
    broken = tmp_path / "laporan.xlsx"
    broken.write_text("ini bukan buku kerja")
    import_and_wait(qtbot, page, broken)
    assert page.banner.isVisible() and page.banner.kind == MessageBanner.ERROR
    assert "bukan buku kerja Excel" in page.banner.message.text()
    assert "is not an Excel workbook" not in page.banner.message.text()
    assert page.model.line_count == 3
    assert page.entries()[0].reference == "JU-2026-0001"
    assert page.is_ready()


def test_a_workbook_without_a_journal_header_keeps_the_grid(qtbot, page, tmp_path):
    page.model.load_entries([sale()])
    path = write_workbook(tmp_path / "daftar.xlsx", [["Nama", "Alamat"], ["Toko", "Bandung"]])
    import_and_wait(qtbot, page, path)
    assert page.banner.kind == MessageBanner.ERROR
    assert "Baris judul kolom tidak ditemukan" in page.banner.message.text()
    assert page.model.line_count == 3


def test_the_column_mapping_is_shown_and_can_be_corrected(qtbot, page, tmp_path):
    # "Akun" holds account names here; detection prefers it over "Kode Perkiraan".
    header = ["Tanggal", "No. Bukti", "Akun", "Kode Perkiraan", "Debit", "Kredit"]
    rows = [
        header,
        [date(2026, 1, 5), "JU-1", "Kas Toko", "1101", 500000, None],
        [date(2026, 1, 5), "JU-1", "Penjualan Toko", "4101", None, 500000],
    ]
    path = write_workbook(tmp_path / "akun.xlsx", rows)
    import_and_wait(qtbot, page, path)
    panel = page.options_panel
    account_combo = panel.mapping_combos["account"]
    assert account_combo.currentData() == 2
    assert account_combo.currentText() == "C: Akun"
    # Names no account of the chart has (a name one account has would name it).
    assert page.model.problem_count == 2
    account_combo.setCurrentIndex(account_combo.findData(3))
    qtbot.mouseClick(panel.reread_button, Qt.MouseButton.LeftButton)
    assert page.busy
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    assert page.model.problem_count == 0
    assert page.is_ready()
    assert [line.account for line in page.entries()[0].lines] == ["1101", "4101"]


def test_a_mapping_with_one_column_twice_is_refused_before_reading(qtbot, page, tmp_path):
    path = write_workbook(tmp_path / "jurnal.xlsx", [HEADER, *GOOD_ROWS])
    import_and_wait(qtbot, page, path)
    combos = page.options_panel.mapping_combos
    combos["memo"].setCurrentIndex(combos["memo"].findData(3))  # the account column
    page.reread()
    assert not page.busy
    assert page.banner.kind == MessageBanner.ERROR
    assert "Kolom D dipilih untuk Kode Akun dan Keterangan" in page.banner.message.text()


def test_the_columns_still_to_choose_are_listed_in_the_language_read(qtbot, page, tmp_path):
    path = write_workbook(tmp_path / "jurnal.xlsx", [HEADER, *GOOD_ROWS])
    import_and_wait(qtbot, page, path)
    combos = page.options_panel.mapping_combos
    for field_name in ("date", "account"):
        combos[field_name].setCurrentIndex(combos[field_name].findData(None))
    page.reread()
    assert not page.busy
    assert page.banner.kind == MessageBanner.ERROR
    assert page.banner.message.text() == "Pilih kolom untuk: Tanggal, Kode Akun."
    try:
        set_language("zh")
        page.retranslate()
        # Chinese lists names with its own enumeration comma, and a full-width stop.
        assert page.banner.message.text() == "请为以下字段选择列：日期、科目代码。"
    finally:
        set_language("id")


def test_english_style_numbers_are_read_after_choosing_that_style(qtbot, page, tmp_path):
    rows = [
        HEADER,
        ["05/01/2026", "JU-1", "Sale", "1101", "1,500,000.50", "", ""],
        ["05/01/2026", "JU-1", "Sale", "4101", "", "1,500,000.50", ""],
    ]
    path = write_workbook(tmp_path / "english.xlsx", rows)
    import_and_wait(qtbot, page, path)
    assert page.model.problem_count > 0
    panel = page.options_panel
    panel.style_combo.setCurrentIndex(panel.style_combo.findData(NumberStyle.EN))
    page.reread()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    assert page.model.problem_count == 0
    assert page.model.total_debit == Decimal("1500000.50")


def test_another_sheet_is_chosen_from_the_workbook(qtbot, page, tmp_path):
    path = write_workbook(
        tmp_path / "dua.xlsx",
        {
            "Januari": [HEADER, *GOOD_ROWS[:3]],
            "Februari": [HEADER, *GOOD_ROWS[3:]],
        },
    )
    import_and_wait(qtbot, page, path)
    combo = page.options_panel.sheet_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["Januari", "Februari"]
    assert page.model.entry_count == 1 and page.model.line_count == 3
    combo.setCurrentText("Februari")
    page.reread()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    assert page.model.line_count == 2
    assert page.entries()[0].reference == "JU-2"
    assert combo.currentText() == "Februari"


def test_a_sheet_name_with_a_control_character_is_shown_escaped_and_still_read(
    qtbot, page, tmp_path
):
    hidden = "Feb\u202eiraurb"  # shown as "Februari" by a right-to-left override
    path = write_workbook(
        tmp_path / "dua.xlsx",
        {"Januari": [HEADER, *GOOD_ROWS[:3]], hidden: [HEADER, *GOOD_ROWS[3:]]},
    )
    import_and_wait(qtbot, page, path)
    combo = page.options_panel.sheet_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["Januari", "Feb\\u202eiraurb"]

    page.activateWindow()
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down)  # the next sheet, chosen from the keyboard
    qtbot.mouseClick(page.options_panel.reread_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    assert page.model.line_count == 2 and page.entries()[0].reference == "JU-2"
    assert combo.currentText() == "Feb\\u202eiraurb"
    assert page.options_panel.result.sheet == hidden


def test_the_problem_report_is_written_on_a_worker(qtbot, page, tmp_path):
    rows = [HEADER, *GOOD_ROWS]
    rows[4] = [date(2026, 1, 7), "JU-2", "Listrik Desember", "6105", "dua juta", None, ""]
    path = write_workbook(tmp_path / "listrik.xlsx", rows)
    import_and_wait(qtbot, page, path)
    assert page.problems_panel.save_button.isEnabled()
    report = tmp_path / "listrik - masalah.xlsx"
    page.save_problem_report(report)
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    assert page.banner.kind == MessageBanner.INFO
    assert "Laporan masalah disimpan" in page.banner.message.text()
    _sheet, cells = read_rows(report)
    assert problem_header("id") in cells[0]
    assert any("dua juta" in str(value) for value in cells[4])


def accurate_demo_chart() -> Chart:
    return Chart(
        Account(a.no, a.name, a.is_parent, a.suspended, a.account_type) for a in ACCURATE_CHART
    )


def test_the_template_is_written_on_a_worker_and_imports_cleanly(qtbot, page, company, tmp_path):
    company.chart = accurate_demo_chart()  # the template uses Accurate's usual codes
    page.refresh_chart()
    target = tmp_path / "Templat Jurnal.xlsx"
    page.save_template(target)
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    assert "Templat disimpan" in page.banner.message.text()
    assert read_workbook(target).ok
    import_and_wait(qtbot, page, target)
    assert page.model.entry_count == 2
    assert page.is_ready()


def test_a_template_that_cannot_be_saved_is_explained(qtbot, page, tmp_path):
    page.save_template(tmp_path / "tidak-ada" / "folder" / "templat.xlsx")
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    assert page.banner.kind == MessageBanner.ERROR


def test_another_company_chart_rechecks_the_grid(page, company):
    page.model.load_entries([sale()])
    assert page.is_ready()
    company.chart = Chart([Account("1101", "Kas")])
    page.refresh_chart()
    assert page.model.problem_count == 2
    assert page.problems_panel.model.rowCount() == 2


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("id")


def test_the_page_speaks_english_when_the_app_does(english, qtbot, page, tmp_path):
    assert page.import_button.text() == "Import Excel…"
    assert page.template_button.text() == "Template…"
    assert page.ready_badge.text() == "No entries yet"
    assert page.problems_panel.save_button.text() == "Save problem report…"
    page.model.load_entries([sale()])
    assert page.ready_badge.text() == "✔ Ready to post"
    assert page.model.headerData(Column.CREDIT, Qt.Orientation.Horizontal) == "Credit"
    broken = tmp_path / "x.xlsx"
    broken.write_bytes(b"")
    import_and_wait(qtbot, page, broken)
    assert "is empty" in page.banner.message.text()
    assert "kosong" not in page.banner.message.text()  # English only


def test_account_codes_are_completed_from_the_postable_accounts(page):
    page.model.load_entries([sale()])
    index = page.model.index(0, Column.ACCOUNT)
    editor = page.grid.itemDelegate().createEditor(page.grid.viewport(), None, index)
    completions = editor.completer().model().stringList()
    assert "1101 · Kas" in completions
    assert not any(item.startswith("1100 ") for item in completions)  # a parent account
    assert not any(item.startswith("6199 ") for item in completions)  # suspended
    editor.deleteLater()


def test_the_delete_key_clears_the_selected_cells(qtbot, page):
    page.model.load_entries([sale()])
    page.select_cell(2, Column.MEMO)
    qtbot.keyClick(page.grid, Qt.Key.Key_Delete)
    assert page.entries()[0].lines[2].memo == ""
    assert page.model.line_count == 3


def test_switching_the_language_relabels_the_page(page):
    page.model.load_entries([sale()])
    set_language("en")
    try:
        page.retranslate()
        assert page.import_button.text() == "Import Excel…"
        assert page.add_entry_button.text() == "New entry"
        assert page.lines_label.text() == "Lines: 3"
        assert page.ready_badge.text() == "✔ Ready to post"
    finally:
        set_language("id")
    page.retranslate()
    assert page.import_button.text() == "Impor Excel…"


# --- amounts with a fraction of a cent ------------------------------------------------------

MAR31 = date(2026, 3, 31)
TAX_ROWS = [
    HEADER,
    [MAR31, "PJ-1", "PPh 23 Maret", "6105", Cached("=E3*0.02", "317626.6302"), None, ""],
    [MAR31, "PJ-1", "PPh 23 Maret", "1102", None, 317626.63, ""],
    [MAR31, "PJ-2", "Koreksi", "6105", "10,125", None, "diketik"],
    [MAR31, "PJ-2", "Koreksi", "1101", None, 10.125, ""],
    [MAR31, "PJ-3", "Listrik", "6105", Cached("=1.1*3", "3.3000000000000003"), None, ""],
    [MAR31, "PJ-3", "Listrik", "1101", None, 3.3, ""],
]


def fraction_count(page: JournalPage) -> int:
    problems = page.problems_panel.model
    return sum(problems.problem(row).code == FRACTION_OF_CENT for row in range(problems.rowCount()))


def test_round_to_cents_in_the_window_clears_the_fractions_and_makes_the_page_ready(
    qtbot, page, tmp_path
):
    path = write_cached_workbook(tmp_path / "pajak.xlsx", TAX_ROWS)
    import_and_wait(qtbot, page, path)
    model, button = page.model, page.problems_panel.round_button
    assert fraction_count(page) == 3
    assert page.problems_panel.model.rowCount() == 4  # and PJ-1 off balance by 0,0002
    assert button.isVisible() and button.text() == "Bulatkan ke sen (3)"
    assert "3 jumlah punya pecahan sen: tekan Bulatkan ke sen" in page.banner.message.text()
    assert model.data(model.index(0, Column.DEBIT)) == "317.626,6302"
    assert model.data(model.index(4, Column.DEBIT)) == "3,30"  # formula noise: not a problem

    with qtbot.waitSignal(page.ready_changed):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    assert page.is_ready() and page.problems_panel.model.rowCount() == 0
    assert not button.isVisible()
    assert model.data(model.index(0, Column.DEBIT)) == "317.626,63"
    assert model.data(model.index(2, Column.DEBIT)) == "10,13"
    assert [line.credit for line in page.entries()[1].lines] == [0, Decimal("10.13")]
    assert model.total_debit == Decimal("317640.06") == model.total_credit
    assert page.banner.kind == MessageBanner.INFO
    assert "3 jumlah dibulatkan ke sen (setengah ke atas):" in page.banner.message.text()
    assert "baris 2, debit (PJ-1): 317.626,6302 → 317.626,63" in page.banner.message.text()


def test_rounding_that_breaks_a_balance_shows_the_difference_in_the_grid(qtbot, page, tmp_path):
    rows = [HEADER]
    rows += [[MAR31, "PJ-9", "Dua beban", code, 10.125, None, ""] for code in ("6105", "1101")]
    rows.append([MAR31, "PJ-9", "Dua beban", "1102", None, 20.25, ""])
    import_and_wait(qtbot, page, write_workbook(tmp_path / "selisih.xlsx", rows))
    assert fraction_count(page) == 2 and page.problems_panel.model.rowCount() == 2

    qtbot.mouseClick(page.problems_panel.round_button, Qt.MouseButton.LeftButton)

    problems = page.problems_panel.model
    assert problems.rowCount() == 1 and fraction_count(page) == 0
    assert "Jurnal PJ-9 tidak seimbang: debit 20,26, kredit 20,25, selisih 0,01" in (
        problems.problem(0).text.id
    )
    assert page.model.data(page.model.index(0, Column.DIFFERENCE)) == "0,01"
    assert page.model.data(page.model.index(2, Column.CREDIT)) == "20,25"  # left alone
    assert page.banner.kind == MessageBanner.WARNING
    assert "Jurnal PJ-9 tidak lagi seimbang" in page.banner.message.text()
    assert not page.problems_panel.round_button.isVisible()
    assert not page.is_ready()


def test_round_to_cents_is_offered_in_english_too(english, qtbot, page, tmp_path):
    path = write_cached_workbook(tmp_path / "pajak.xlsx", TAX_ROWS)
    import_and_wait(qtbot, page, path)
    assert page.problems_panel.round_button.text() == "Round to cents (3)"
    assert page.round_cents()[0].describe("en").endswith("317,626.6302 → 317,626.63")
    assert page.problems_panel.model.rowCount() == 0
