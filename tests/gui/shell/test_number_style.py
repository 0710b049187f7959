"""Numbers typed in the journal grid read in the number style chosen in the Settings
(Indonesian unless chosen otherwise), never in the menus' language; a number the other style
would read differently is marked for the user to confirm, not guessed. Real windows, the real
Settings dialog and real keys."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from app.core.grid.columns import Column
from app.core.i18n import set_language
from app.profiles.settings import NUMBER_STYLE, Settings
from app.ui.shell.main_window import HISTORY, JOURNAL, MainWindow
from tests.helpers.grid_pages import month_of_entries, type_in_cell
from tests.helpers.settings_dialogs import open_settings


@pytest.fixture(autouse=True)
def indonesian_again() -> Iterator[None]:
    set_language("id")
    yield
    set_language("id")  # the language is the process's: leave it as the other tests expect


def choose(qtbot, window: MainWindow, language: str, style: str | None = None) -> None:
    """File › Settings, pick the language (and the number style), press Save."""
    dialog = open_settings(qtbot, window)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData(language))
    if style is not None:
        combo = dialog.number_style_combo
        combo.setCurrentIndex(combo.findData(style))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def journal_window(qtbot, make_window) -> MainWindow:
    window = make_window()
    window.journal_page.model.load_entries(month_of_entries(1))
    return window


def test_in_english_menus_1500_typed_is_fifteen_hundred(qtbot, make_window):
    window = journal_window(qtbot, make_window)
    choose(qtbot, window, "en")
    page = window.journal_page

    type_in_cell(qtbot, page, 0, Column.DEBIT, "1.500")
    type_in_cell(qtbot, page, 1, Column.CREDIT, "1.500,25")

    lines = page.model.table.lines
    assert lines[0].debit == Decimal("1500.00")
    assert lines[1].credit == Decimal("1500.25")
    assert page.model.text(0, Column.DEBIT) == "1.500,00"
    assert not page.model.cell_problems(0, Column.DEBIT)
    label = window.preferences.number_style_label
    assert label.isVisible() and label.text() == "Numbers: 1.234,56"
    assert "Indonesian style" in label.toolTip()
    window.show_page(HISTORY)  # the other pages write numbers as the language does
    assert not label.isVisible()
    window.show_page(JOURNAL)
    assert label.isVisible()
    assert page.debit_label.text() == "Total debit: 1.500,00"


def test_under_the_english_style_1500_is_marked_for_confirming_not_guessed(
    qtbot, make_window, jurnal_home
):
    window = journal_window(qtbot, make_window)
    choose(qtbot, window, "en", "en")
    assert Settings(jurnal_home).get(NUMBER_STYLE) == "en"
    page = window.journal_page
    assert window.preferences.number_style_label.text() == "Numbers: 1,234.56"
    assert page.model.text(1, Column.CREDIT) == "101,000.00"  # shown in the style chosen

    type_in_cell(qtbot, page, 0, Column.DEBIT, "1.500")

    assert page.model.table.lines[0].debit == Decimal("0.00")  # not 1.50, not 1500
    assert page.model.text(0, Column.DEBIT) == "1.500"  # kept as typed, marked
    (problem,) = page.model.cell_problems(0, Column.DEBIT)
    assert "could mean 1.50 or 1,500.00" in problem.get()
    assert "could mean 1.50 or 1,500.00" in page.banner.message.text()
    assert not page.is_ready()

    type_in_cell(qtbot, page, 0, Column.DEBIT, "1,500.00")  # confirmed
    assert page.model.table.lines[0].debit == Decimal("1500.00")
    assert not page.model.cell_problems(0, Column.DEBIT)


def test_under_the_indonesian_style_1_comma_500_is_marked_too(qtbot, make_window):
    window = journal_window(qtbot, make_window)
    page = window.journal_page
    assert window.preferences.number_style_label.text() == "Angka: 1.234,56"

    type_in_cell(qtbot, page, 0, Column.DEBIT, "1,500")

    assert page.model.table.lines[0].debit == Decimal("0.00")
    (problem,) = page.model.cell_problems(0, Column.DEBIT)
    assert "bisa berarti 1,50 atau 1.500,00" in problem.get()
    type_in_cell(qtbot, page, 0, Column.DEBIT, "1,5")  # a plain decimal is no question
    assert page.model.table.lines[0].debit == Decimal("1.50")


def test_the_number_style_is_remembered_apart_from_the_language(qtbot, make_window):
    first = make_window()
    choose(qtbot, first, "id", "en")
    first.close()
    again = make_window()
    model = again.journal_page.model
    model.load_entries(month_of_entries(1))
    assert model.text(0, Column.DEBIT) == "101,000.00"  # English style, Indonesian menus
    dialog = open_settings(qtbot, again)
    assert dialog.number_style_combo.currentData() == "en"
    assert dialog.number_style_combo.currentText() == "Inggris (1,234.56)"
    dialog.reject()


def test_numbers_marked_under_one_style_are_read_again_when_the_style_changes(qtbot, make_window):
    window = journal_window(qtbot, make_window)
    choose(qtbot, window, "en", "en")
    page = window.journal_page
    type_in_cell(qtbot, page, 0, Column.DEBIT, "1.500")  # meant the Indonesian way
    type_in_cell(qtbot, page, 1, Column.CREDIT, "2.000.000")  # not English at all
    assert page.model.table.lines[1].credit == Decimal("0.00")

    choose(qtbot, window, "en", "id")  # the user sees it and picks the Indonesian style

    lines = page.model.table.lines
    assert (lines[0].debit, lines[1].credit) == (Decimal("1500.00"), Decimal("2000000.00"))
    assert not page.model.cell_problems(0, Column.DEBIT)
    assert page.model.text(1, Column.CREDIT) == "2.000.000,00"
    assert page.undo_stack.undoText() == "Read numbers again"
    page.edit_actions.undo.trigger()  # Edit › Undo
    assert page.model.text(0, Column.DEBIT) == "1.500"  # as typed, marked again
