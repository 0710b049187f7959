"""One language at a time, switched in the running app: the Settings dialog changes every
open window at once (the main window and its pages, the posting window, the history, the
calculator, the add-company wizard), numbers and dates included, except the journal grid's
numbers, which follow the number style chosen in the Settings (Indonesian unless chosen
otherwise); what was chosen is remembered for the next start, and `--lang` still wins."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.core.books.journal import JournalEntry, JournalLine
from app.core.i18n import current_language, set_language
from app.profiles.settings import LANGUAGE, ROUND_NEVER, ROUNDING, SETTINGS_FILE, Settings
from app.ui.company.settings_dialog import SettingsDialog
from app.ui.journal.grid.model import Column
from app.ui.posting.model import DATE, DEBIT
from app.ui.posting.window import Phase, PostingView
from app.ui.shell.main_window import HISTORY, JOURNAL, MainWindow
from app.ui.wizard.dialog import CredentialsWizardView
from tests.helpers.settings_dialogs import open_settings
from tests.helpers.window_helpers import say_yes_to_posting

WAIT_MS = 20_000
AMOUNT = Decimal("4596996.23")


@pytest.fixture(autouse=True)
def indonesian_again() -> Iterator[None]:
    set_language("id")
    yield
    set_language("id")  # the language is the process's: leave it as the other tests expect


def journal() -> list[JournalEntry]:
    return [
        JournalEntry(
            date(2026, 8, 5),
            "JU-001",
            "Penjualan tunai Toko Sinar Jaya",
            [JournalLine("1-10001", debit=AMOUNT), JournalLine("4-40000", credit=AMOUNT)],
        ),
        JournalEntry(
            date(2026, 8, 6),
            "JU-002",
            "Listrik kantor",
            [
                JournalLine("6-60005", debit=Decimal("1500")),
                JournalLine("1-10001", credit=Decimal("1500")),
            ],
        ),
    ]


def ready_window(qtbot, make_window) -> MainWindow:
    window = make_window()
    qtbot.waitUntil(lambda: window.current_chart() is not None, timeout=WAIT_MS)
    window.journal_page.model.load_entries(journal())
    qtbot.waitUntil(window.journal_page.is_ready, timeout=WAIT_MS)
    return window


def posted_window(qtbot, window: MainWindow) -> PostingView:
    with qtbot.waitSignal(window.posting.opened, timeout=WAIT_MS) as opened:
        window.journal_page.post_button.click()
        say_yes_to_posting(qtbot, window)
    view = opened.args[0]
    qtbot.waitUntil(lambda: view.phase is Phase.DONE, timeout=WAIT_MS)
    return view


def choose_in_settings(qtbot, window: MainWindow, language: str) -> SettingsDialog:
    """As a user does: File › Settings, pick the language, press Save."""
    dialog = open_settings(qtbot, window)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData(language))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    return dialog


def grid_text(window: MainWindow, row: int, column: Column) -> str:
    model = window.journal_page.model
    return model.index(row, column).data()


def test_switching_to_english_changes_every_open_window_at_once(qtbot, make_window):
    window = ready_window(qtbot, make_window)
    view = posted_window(qtbot, window)
    window.show_page(HISTORY)
    history = window.history_view
    qtbot.waitUntil(
        lambda: history.batch_view.details is not None and history.reload_button.isEnabled(),
        timeout=WAIT_MS,
    )
    wizard = window.open_add_company()

    # Indonesian everywhere, one language per label.
    assert grid_text(window, 0, Column.DEBIT) == "4.596.996,23"
    assert grid_text(window, 0, Column.DATE) == "05/08/2026"
    assert view.model.index(0, DEBIT).data() == "4.596.996,23"
    assert view.windowTitle() == "Posting ke Demo Accurate (sandbox) — Jurnal Desk"
    assert "Semua 2 jurnal sudah ada di pembukuan" in view.ui.banner.text()
    assert window.sidebar.item(0).text() == "Jurnal"
    page = window.journal_page
    page.model.setData(page.model.index(1, Column.DEBIT), "satu juta")  # refused
    assert "satu juta" in page.banner.message.text()
    assert "not" not in page.banner.message.text() and not page.banner.other.isVisible()

    choose_in_settings(qtbot, window, "en")

    # Right after Save, before any event is processed: the window and its pages ...
    assert current_language() == "en"
    assert window.sidebar.item(0).text() == "Journal"
    assert [action.text() for action in window.menuBar().actions()][:1] == ["&File"]
    assert window.menus.settings_action.text() == "&Settings…"
    assert window.company_bar.check_button.text() == "Check connection"
    assert window.company_bar.status_label.text().startswith("Connected to")
    # The grid's numbers keep the number style (Indonesian), not the language's.
    assert grid_text(window, 0, Column.DEBIT) == "4.596.996,23"
    assert grid_text(window, 0, Column.DATE) == "05 Aug 2026"
    assert window.journal_page.debit_label.text() == "Total debit: 4.598.496,23"
    assert window.journal_page.import_button.text() == "Import Excel…"
    assert window.hmac_view.now_button.text() == "Now"
    assert "Signature" in window.hmac_view.model.headerData(2, Qt.Orientation.Horizontal)
    # ... the posting window, numbers included ...
    assert view.windowTitle() == "Posting to Demo Accurate (sandbox) — Jurnal Desk"
    assert "All 2 entries are in Demo Accurate (sandbox)" in view.ui.banner.text()
    assert "debit total 4,598,496.23" in view.ui.target_label.text()
    assert view.model.index(0, DEBIT).data() == "4,596,996.23"
    assert view.model.index(0, DATE).data() == "05 Aug 2026"
    assert view.ui.close_button.text() == "Close" and view.ui.stat_posted.value.text() == "2"
    # ... the history ...
    assert history.reload_button.text() == "Reload"
    assert history.summary_label.text().startswith("1 batch posted to")
    assert history.model.headerData(0, Qt.Orientation.Horizontal) == "Time"
    assert history.batch_view.ui.undo_button.text() == "Remove from the books…"
    # ... and the wizard.
    assert wizard.windowTitle() == "Add a company"
    assert wizard.next_button.text() == "Next" and wizard.cancel_button.text() == "Cancel"

    # The batch's entries are read again in English on a worker.
    panel = history.batch_view
    qtbot.waitUntil(lambda: panel.details.language == "en", timeout=WAIT_MS)
    assert panel.model.index(0, DEBIT).data() == "4,596,996.23"
    assert panel.model.index(0, 5).data() == "Posted"
    assert panel.ui.facts.text() == (
        "Accurate Online · 2 entries · 2 on the books · debit total posted 4,598,496.23"
    )
    wizard.reject()


def test_the_language_chosen_is_used_at_the_next_start_unless_lang_says_otherwise(
    qtbot, make_window, jurnal_home
):
    first = make_window()
    choose_in_settings(qtbot, first, "en")
    first.close()
    assert Settings(jurnal_home).get(LANGUAGE) == "en"
    assert (jurnal_home / SETTINGS_FILE).exists()

    set_language("id")  # a new process starts in Indonesian ...
    second = make_window()  # ... and the window reads the same home
    assert current_language() == "en"
    assert second.sidebar.item(2).text() == "History"
    second.close()

    third = make_window(language="id")  # `jurnal-desk --lang id`
    assert current_language() == "id"
    assert third.sidebar.item(2).text() == "Riwayat"
    assert Settings(jurnal_home).get(LANGUAGE) == "en"  # --lang does not change the setting


def test_the_rounding_choice_is_remembered_and_read_by_the_journal_page(
    qtbot, make_window, jurnal_home
):
    first = make_window()
    dialog = open_settings(qtbot, first)
    dialog.rounding_combo.setCurrentIndex(dialog.rounding_combo.findData(ROUND_NEVER))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    first.close()
    assert Settings(jurnal_home).get(ROUNDING) == ROUND_NEVER

    window = make_window()
    entries = journal()
    entries[1].lines[0].debit = Decimal("10.125")  # a fraction of a cent
    entries[1].lines[1].credit = Decimal("10.125")
    page = window.journal_page
    page.model.load_entries(entries)
    assert page.model.problem_count == 2  # found ...
    assert page.problems_panel.fixable_count == 0  # ... but not offered
    assert not page.problems_panel.round_button.isVisible()


def test_the_settings_dialog_speaks_the_language_it_switches_to(qtbot, make_window):
    window = make_window()
    qtbot.waitUntil(lambda: window.session is not None, timeout=WAIT_MS)
    dialog = open_settings(qtbot, window)
    assert dialog.windowTitle() == "Pengaturan"
    assert dialog.save_button.text() == "Simpan" and dialog.cancel_button.text() == "Batal"
    window.set_language("en")
    assert dialog.windowTitle() == "Settings"
    assert dialog.save_button.text() == "Save" and dialog.cancel_button.text() == "Cancel"
    assert dialog.company_note.text() == "The demo companies keep their own settings."
    assert not dialog.api_language_combo.isEnabled()  # the demo's settings are fixed
    dialog.reject()


def test_an_open_wizard_follows_the_switch_and_keeps_what_was_typed(qtbot, make_window):
    window = make_window()
    wizard = window.open_add_company()
    assert isinstance(wizard, CredentialsWizardView)
    wizard.service_page.accurate.radio.setChecked(True)
    wizard.go_next()
    wizard.accurate_form.token.edit.setText("aat.typed")
    window.set_language("en")
    assert wizard.subtitle.text() == "Enter the Accurate Online credentials."
    assert wizard.back_button.text() == "Back"
    titles = [label.text() for label in wizard.accurate_form.findChildren(QLabel, "fieldLabel")]
    assert "Accurate account address" in titles and "Signature Secret" in titles
    assert wizard.accurate_form.token.edit.text() == "aat.typed"
    wizard.reject()


def test_chinese_is_offered_named_in_itself_and_switches_back_without_a_restart(qtbot, make_window):
    window = ready_window(qtbot, make_window)
    dialog = open_settings(qtbot, window)
    combo = dialog.language_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Bahasa Indonesia",
        "English",
        "简体中文",
    ]
    dialog.reject()

    choose_in_settings(qtbot, window, "zh")
    assert current_language() == "zh"
    # Dates in the Chinese short form (GB/T 7408); the grid's numbers keep their style.
    assert grid_text(window, 0, Column.DATE) == "2026-08-05"
    assert grid_text(window, 0, Column.DEBIT) == "4.596.996,23"

    choose_in_settings(qtbot, window, "id")
    assert current_language() == "id"
    assert grid_text(window, 0, Column.DATE) == "05/08/2026"


def click_cell(qtbot, window: MainWindow, row: int, column: Column) -> None:
    grid = window.journal_page.grid
    rect = grid.visualRect(window.journal_page.model.index(row, column))
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_switching_to_chinese_shows_texts_once_put_together_in_indonesian_or_english(
    qtbot, make_window
):
    """Texts the window used to build from Indonesian and English pieces (a count's plural
    "s", a list joined with commas, a label typed in English) read in Chinese as a whole."""
    window = ready_window(qtbot, make_window)
    view = posted_window(qtbot, window)
    window.show_page(HISTORY)
    history = window.history_view
    qtbot.waitUntil(lambda: history.model.rowCount() == 1, timeout=WAIT_MS)
    window.show_page(JOURNAL)
    click_cell(qtbot, window, 0, Column.MEMO)
    entry_label = window.journal_page.grid_status.entry_label
    qtbot.waitUntil(entry_label.isVisible, timeout=WAIT_MS)
    assert entry_label.text() == "JU-001: D 4.596.996,23 · K 4.596.996,23 · seimbang"
    # The history reads again when the posting finishes and when its page is shown: wait
    # for the last reading rather than the first.
    qtbot.waitUntil(
        lambda: history.summary_label.text().startswith("1 batch diposting ke Demo Accurate"),
        timeout=WAIT_MS,
    )
    hmac_labels = [label.text() for label in window.hmac_view.findChildren(QLabel)]
    assert "&Timestamp" in hmac_labels and "Signature &Secret" in hmac_labels

    choose_in_settings(qtbot, window, "zh")

    assert window.sidebar.item(0).text() == "分录"
    # The entry's totals: the ledger's marks in Chinese, the grid's numbers in its style.
    assert entry_label.text() == "JU-001：借 4.596.996,23 · 贷 4.596.996,23 · 平衡"
    tip = window.preferences.number_style_label.toolTip()
    assert tip.startswith("“分录”表格中的数字按印尼格式（1.500 = 一千五百）输入和显示")
    assert window.company_bar.status_label.text().startswith("已连接到")
    hmac_labels = [label.text() for label in window.hmac_view.findChildren(QLabel)]
    assert "时间戳(&T)" in hmac_labels and "签名密钥 (Signature &Secret)" in hmac_labels
    assert history.summary_label.text().startswith("已向 Demo Accurate (sandbox) 过账 1 个批次")
    assert history.model.headerData(3, Qt.Orientation.Horizontal) == "分录数"
    assert view.ui.progress_label.text() == "2 / 2 条分录 · 100%"
    # A page with nothing to say yet says nothing (not the catalog's header, gettext's "").
    assert window.firm_view.status_label.text() == ""

    choose_in_settings(qtbot, window, "en")
    assert window.firm_view.status_label.text() == ""
    assert entry_label.text() == "JU-001: Dr 4.596.996,23 · Cr 4.596.996,23 · balanced"
    assert history.summary_label.text().startswith("1 batch posted to Demo Accurate")
