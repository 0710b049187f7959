"""The optional columns in the journal grid: shown when the journal uses them, hidden when
it does not, editable, checked, and marked where something is wrong."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from app.core.books.serialize import entry_from_dict, entry_to_dict
from app.core.excel.reader import read_workbook
from app.core.excel.template import write_template
from app.core.grid.columns import CLASSIFICATION_COLUMNS, OPTIONAL_COLUMNS
from app.core.i18n import set_language
from app.ui.journal.grid.model import Column, EntriesModel, table_from_import
from app.ui.journal.page import JournalPage
from tests.helpers.journal_data import CHART
from tests.helpers.workbooks import write_workbook

D = Decimal
WAIT_MS = 10_000
EDIT = Qt.ItemDataRole.EditRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
HEADER = ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit", "Cabang"]
HEADER += ["Pelanggan", "Pemasok", "Karyawan", "Kurs", "Jumlah Valuta", "Klasifikasi 1"]
HEADER += ["Klasifikasi 2"]
JAN5 = date(2026, 1, 5)
# A USD receivable in Jakarta and a plain entry; Karyawan and Klasifikasi 2 stay empty.
ROWS = [
    [JAN5, "JU-1", "Ekspor", "1101", 1_575_000, None,
     "Jakarta", "C-1", None, None, 15_750, 100, "Ekspor", None],
    [JAN5, "JU-1", None, "4101", None, 1_575_000,
     None, None, None, None, None, None, "Ekspor", None],
    [JAN5, "JU-2", "Listrik", "6105", 250_000, None,
     None, None, "V-PLN", None, None, None, None, None],
    [JAN5, "JU-2", None, "1102", None, 250_000,
     None, None, None, None, None, None, None, None],
]  # fmt: skip


def value(model: EntriesModel, row: int, column: Column) -> object:
    return model.data(model.index(row, column))


def type_into(model: EntriesModel, row: int, column: Column, text: str) -> bool:
    return model.setData(model.index(row, column), text, EDIT)


def is_red(model: EntriesModel, row: int, column: Column) -> bool:
    return bool(model.cell_problems(row, column))


@pytest.fixture
def workbook(tmp_path):
    return write_workbook(tmp_path / "valas.xlsx", [HEADER, *ROWS])


@pytest.fixture
def model(qtmodeltester, workbook) -> EntriesModel:
    journal = EntriesModel(chart=CHART)
    journal.load_import(read_workbook(workbook, chart=CHART))
    qtmodeltester.check(journal)
    return journal


# --- the model --------------------------------------------------------------------------------


def test_optional_columns_show_what_the_workbook_holds(model):
    assert model.problem_count == 0
    assert model.columnCount() == len(Column)
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in OPTIONAL_COLUMNS[:6]]
    assert titles == ["Cabang", "Pelanggan", "Pemasok", "Karyawan", "Kurs", "Jumlah Valuta"]
    assert value(model, 0, Column.BRANCH) == "Jakarta"
    assert value(model, 1, Column.BRANCH) == ""  # the entry's branch shows once, on top
    assert value(model, 0, Column.CUSTOMER) == "C-1"
    assert value(model, 2, Column.VENDOR) == "V-PLN"
    assert value(model, 0, Column.RATE) == "15.750,00"
    assert value(model, 0, Column.PRIME_AMOUNT) == "100,00"
    assert value(model, 1, Column.CLASSIFICATION1) == "Ekspor"
    assert value(model, 0, Column.CLASSIFICATION2) == ""
    alignment = model.data(model.index(0, Column.RATE), Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight
    tip = model.headerData(Column.RATE, Qt.Orientation.Horizontal, TOOLTIP)
    assert "Jumlah Valuta" in tip


def test_the_branch_is_edited_on_the_entrys_first_line_the_rest_on_every_line(model):
    editable = Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(0, Column.BRANCH)) & editable
    assert not model.flags(model.index(1, Column.BRANCH)) & editable
    for column in OPTIONAL_COLUMNS[1:]:
        assert model.flags(model.index(1, column)) & editable

    assert type_into(model, 2, Column.BRANCH, " Medan ")
    assert type_into(model, 3, Column.EMPLOYEE, "E-9")
    assert type_into(model, 3, Column.CLASSIFICATION2, "Umum")
    assert type_into(model, 0, Column.RATE, "15.800,1234")

    sale, electricity = model.entries()
    assert electricity.branch == "Medan"
    assert electricity.lines[1].employee == "E-9"
    assert electricity.lines[1].classifications == ("", "Umum")
    assert sale.lines[0].rate == D("15800.1234")
    assert value(model, 0, Column.RATE) == "15.800,1234"
    assert type_into(model, 3, Column.CLASSIFICATION2, "")
    assert model.entries()[1].lines[1].classifications == ()


def test_a_rate_that_is_not_a_number_stays_as_typed_until_fixed_or_undone(qtbot, model):
    with qtbot.waitSignal(model.edit_unreadable) as unreadable:
        assert type_into(model, 0, Column.RATE, "lima belas ribu")
    assert "bukan angka" in unreadable.args[0].id
    assert value(model, 0, Column.RATE) == "lima belas ribu"
    assert is_red(model, 0, Column.RATE)
    assert "bukan angka" in model.data(model.index(0, Column.RATE), TOOLTIP)
    assert not model.is_ready
    model.undo_stack.undo()
    assert model.entries()[0].lines[0].rate == D("15750.00")
    assert value(model, 0, Column.RATE) == "15.750,00"
    assert model.is_ready


def test_bad_combinations_typed_in_the_grid_are_marked_on_their_cells(model):
    assert type_into(model, 0, Column.VENDOR, "V-1")  # a customer is already there
    assert is_red(model, 0, Column.VENDOR) and not is_red(model, 0, Column.CUSTOMER)
    tip = model.data(model.index(0, Column.VENDOR), TOOLTIP)
    assert "lebih dari satu pihak" in tip
    assert type_into(model, 2, Column.RATE, "15.750")  # no foreign amount beside it
    assert is_red(model, 2, Column.PRIME_AMOUNT)
    assert type_into(model, 1, Column.PRIME_AMOUNT, "0")
    assert is_red(model, 1, Column.PRIME_AMOUNT) and is_red(model, 1, Column.RATE)
    assert model.problem_count == 4
    located = {(p.grid_row, p.grid_column) for p in model.located_problems()}
    assert located == {
        (0, Column.VENDOR), (2, Column.PRIME_AMOUNT), (1, Column.PRIME_AMOUNT), (1, Column.RATE)
    }  # fmt: skip

    assert type_into(model, 0, Column.VENDOR, "")
    assert type_into(model, 2, Column.RATE, "")
    assert type_into(model, 1, Column.PRIME_AMOUNT, "")
    assert model.problem_count == 0


def test_problems_read_from_optional_cells_stay_until_the_cell_is_retyped(qtmodeltester, tmp_path):
    rows = [list(row) for row in ROWS]
    rows[0][10] = "lima belas ribu"  # Kurs
    rows[1][6] = "Bandung"  # another branch below the entry's first row
    model = EntriesModel(chart=CHART)
    model.load_import(read_workbook(write_workbook(tmp_path / "salah.xlsx", [HEADER, *rows])))
    qtmodeltester.check(model)

    assert is_red(model, 0, Column.RATE) and is_red(model, 1, Column.BRANCH)
    assert not is_red(model, 0, Column.PRIME_AMOUNT)  # "rate missing" is the same cell's story
    labels = {p.column_label for p in model.located_problems()}
    assert labels == {"K (Kurs)", "G (Cabang)"}
    assert type_into(model, 0, Column.RATE, "15.750")
    assert type_into(model, 0, Column.BRANCH, "Bandung")  # retyping the branch settles it
    assert model.problem_count == 0


def test_the_grid_hands_every_optional_field_to_posting_and_the_outbox(model, workbook):
    read = read_workbook(workbook).entries

    entries = model.entries()

    assert entries == read
    assert entries[0].lines[0] is not read[0].lines[0]  # copies, not the grid's own lines
    stored = [entry_from_dict(json.loads(json.dumps(entry_to_dict(e)))) for e in entries]
    assert stored == read


def test_only_the_optional_columns_with_values_or_problems_are_in_use(model, tmp_path):
    in_use = model.table.optional_columns_in_use()
    assert in_use == {
        Column.BRANCH, Column.CUSTOMER, Column.VENDOR, Column.RATE, Column.PRIME_AMOUNT,
        Column.CLASSIFICATION1,
    }  # fmt: skip
    template = read_workbook(write_template(tmp_path / "templat.xlsx"))
    assert table_from_import(template).optional_columns_in_use() == frozenset()
    assert type_into(model, 0, Column.PRIME_AMOUNT, "")  # the rate now lacks its amount
    assert Column.PRIME_AMOUNT in model.table.optional_columns_in_use()


# --- the page -------------------------------------------------------------------------------


@pytest.fixture
def page(qtbot) -> Iterator[JournalPage]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        widget = JournalPage(pool, lambda: CHART)
        qtbot.addWidget(widget)
        widget.resize(1600, 760)
        widget.show()
        yield widget
        assert widget.shutdown(timeout=5)


def import_and_wait(qtbot, page: JournalPage, path) -> None:
    page.import_file(path)
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)


def hidden(page: JournalPage) -> set[Column]:
    return {column for column in OPTIONAL_COLUMNS if page.grid.isColumnHidden(column)}


def test_a_journal_without_optional_values_hides_every_optional_column(qtbot, page, tmp_path):
    assert hidden(page) == set(OPTIONAL_COLUMNS)  # an empty grid: the usual columns only
    import_and_wait(qtbot, page, write_template(tmp_path / "templat.xlsx"))
    assert page.model.line_count == 5
    assert hidden(page) == set(OPTIONAL_COLUMNS)
    assert not page.options_panel.optional_box.isVisibleTo(page.options_panel)

    page.optional_columns.toggle.click()  # "Kolom tambahan": show them all to type into
    assert hidden(page) == set()
    assert page.model.setData(page.model.index(0, Column.BRANCH), "Jakarta")
    page.optional_columns.toggle.click()
    assert hidden(page) == set(OPTIONAL_COLUMNS) - {Column.BRANCH}


def test_an_import_shows_the_optional_columns_it_fills_and_hides_the_rest(qtbot, page, workbook):
    import_and_wait(qtbot, page, workbook)
    assert hidden(page) == {Column.EMPLOYEE, *CLASSIFICATION_COLUMNS[1:]}
    panel = page.options_panel
    assert "8 kolom ditemukan" in panel.optional_toggle.text()
    assert not panel.optional_box.isVisibleTo(panel)  # folded until the user opens it
    assert panel.mapping_combos["rate"].currentText() == "K: Kurs"
    assert panel.mapping_combos["employee"].currentText() == "J: Karyawan"


def test_the_column_titles_menu_shows_and_hides_single_columns(qtbot, page, workbook):
    import_and_wait(qtbot, page, workbook)
    menu = page.optional_columns.menu()
    actions = {action.text(): action for action in menu.actions() if action.isCheckable()}
    assert len(actions) == len(OPTIONAL_COLUMNS)
    assert actions["Kurs"].isChecked() and not actions["Karyawan"].isChecked()

    actions["Karyawan"].trigger()
    actions["Kurs"].trigger()

    assert not page.grid.isColumnHidden(Column.EMPLOYEE)
    assert page.grid.isColumnHidden(Column.RATE)


def test_pasting_or_a_problem_reveals_a_hidden_optional_column(qtbot, page, workbook):
    import_and_wait(qtbot, page, workbook)
    page.select_cell(3, Column.DEPARTMENT)
    # Department, project, branch (not on a second line), customer, vendor, employee.
    page.grid.paste("Umum\t\t\t\t\tE-4\n")
    assert page.entries()[1].lines[1].employee == "E-4"
    assert not page.grid.isColumnHidden(Column.EMPLOYEE)

    page.grid.setColumnHidden(Column.PRIME_AMOUNT, True)
    page.model.setData(page.model.index(2, Column.RATE), "15.750")  # the amount is missing
    assert not page.grid.isColumnHidden(Column.PRIME_AMOUNT)  # where to fill it must be seen

    page.grid.setColumnHidden(Column.PRIME_AMOUNT, True)
    problem = next(p for p in page.model.located_problems() if p.grid_column == Column.PRIME_AMOUNT)
    page.select_cell(problem.grid_row, problem.grid_column)
    assert not page.grid.isColumnHidden(Column.PRIME_AMOUNT)
    assert page.grid.currentIndex().column() == Column.PRIME_AMOUNT


def test_an_optional_column_chosen_in_the_import_settings_is_read(qtbot, page, tmp_path):
    header = ["Tanggal", "No. Bukti", "Kode Akun", "Debit", "Kredit", "Mitra"]
    rows = [header, [JAN5, "JU-1", "1101", 100, None, "C-7"], [JAN5, "JU-1", "4101", None, 100]]
    import_and_wait(qtbot, page, write_workbook(tmp_path / "mitra.xlsx", rows))
    assert hidden(page) == set(OPTIONAL_COLUMNS)
    panel = page.options_panel
    panel.optional_toggle.click()
    assert panel.optional_box.isVisibleTo(panel)
    combo = panel.mapping_combos["customer"]
    combo.setCurrentIndex(combo.findData(5))

    page.reread()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)

    assert page.entries()[0].lines[0].customer == "C-7"
    assert not page.grid.isColumnHidden(Column.CUSTOMER)


def test_the_optional_columns_speak_english_when_the_app_does(page):
    set_language("en")
    try:
        page.retranslate()
        assert page.optional_columns.toggle.text() == "Optional columns"
        assert page.model.headerData(Column.PRIME_AMOUNT, Qt.Orientation.Horizontal) == (
            "Foreign amount"
        )
        assert "Optional columns" in page.options_panel.optional_toggle.text()
    finally:
        set_language("id")


def test_a_column_the_user_hid_stays_hidden_while_other_cells_are_edited(qtbot, page, workbook):
    import_and_wait(qtbot, page, workbook)
    page.grid.setColumnHidden(Column.RATE, True)

    page.model.setData(page.model.index(0, Column.DEBIT), "1.575.000")
    page.model.setData(page.model.index(0, Column.CUSTOMER), "C-2")

    assert page.grid.isColumnHidden(Column.RATE)
