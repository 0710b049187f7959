"""The first hour at the keyboard, in the real window: the empty grid says how to start,
Berkas › Impor Excel… answers Ctrl+O, Bantuan › Panduan pengguna opens the guide, a typed
line's problem names its grid line and points to the account mapping, the import's banner
follows a company switch, and the window reopens on the last company, maximized."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QStatusTipEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from app.core.grid.columns import Column
from app.core.user_guide import user_guide
from app.setup.demo import DEMO_ACCURATE_NAME, DEMO_SEMPOA_NAME
from app.ui.journal.page import MessageBanner
from app.ui.journal.problems_model import MESSAGE, ROW, SHEET
from app.ui.shell.main_window import MainWindow
from tests.helpers.grid_pages import CTRL, SHIFT, press, type_in_cell
from tests.helpers.paths import ROOT
from tests.helpers.posting_helpers import ACCURATE_CREDIT, ACCURATE_DEBIT
from tests.helpers.workbooks import write_workbook

WAIT_MS = 15_000
HEADER = ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit"]
# The account cell's completion list pops up over the window, which the headless platform
# cannot raise again: it says so.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def active(window: MainWindow) -> MainWindow:
    """The window in front, as the user's is (its keys go to it)."""
    window.activateWindow()
    QApplication.instance().processEvents()
    assert window.isActiveWindow()
    return window


def with_chart(qtbot, window: MainWindow) -> MainWindow:
    qtbot.waitUntil(lambda: window.current_chart() is not None, timeout=WAIT_MS)
    return active(window)


def workbook(tmp_path: Path) -> Path:
    rows = [
        HEADER,
        [date(2026, 8, 3), "JU-1", "Listrik", ACCURATE_DEBIT, 250000, None],
        [date(2026, 8, 3), "JU-1", "Listrik", ACCURATE_CREDIT, None, 250000],
    ]
    return write_workbook(tmp_path / "Jurnal Agustus.xlsx", rows)


def choose_company_with_keys(qtbot, window: MainWindow, name: str) -> None:
    """Down in the company list, as a user picks the next company."""
    combo = window.company_bar.combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText().startswith(name)
    qtbot.waitUntil(
        lambda: window.session is not None and window.session.profile.name == name,
        timeout=WAIT_MS,
    )


def test_the_empty_grid_says_how_to_start_until_a_line_is_typed(qtbot, make_window):
    window = with_chart(qtbot, make_window())
    page = window.journal_page
    hint = page.empty_hint
    assert hint.isVisible()
    assert hint.import_button.text() == "Impor buku kerja Excel… (Ctrl+O)"
    assert "Ctrl+Shift+Enter" in hint.type_button.text()
    assert "templat" in hint.template_button.text()
    assert not hint.demo_button.isVisible()  # the demo is the company chosen already
    assert "Perusahaan demo sedang dipilih" in hint.demo_note.text()

    press(qtbot, page, Qt.Key.Key_Return, CTRL | SHIFT)
    type_in_cell(qtbot, page, 0, Column.DESCRIPTION, "Sewa kantor")

    assert not hint.isVisible()
    press(qtbot, page, Qt.Key.Key_Z, CTRL)
    press(qtbot, page, Qt.Key.Key_Z, CTRL)
    assert page.model.line_count == 0 and hint.isVisible()  # empty again: the hint is back


def test_the_hints_ctrl_shift_enter_works_at_once_in_a_new_window(qtbot, make_window):
    """Pressed first thing, before any click: the keys go to the grid, which starts an
    entry with the cursor on its date."""
    window = active(make_window())
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL | SHIFT)
    page = window.journal_page
    assert page.model.line_count == 2
    index = page.grid.currentIndex()
    assert (index.row(), index.column()) == (0, Column.DATE)


def test_ctrl_o_opens_the_import_from_the_file_menu(qtbot, make_window, tmp_path, monkeypatch):
    window = with_chart(qtbot, make_window())
    path = workbook(tmp_path)
    asked: list[str] = []

    def chosen(dialog: QFileDialog) -> QFileDialog.DialogCode:
        asked.append(dialog.windowTitle())
        return QFileDialog.DialogCode.Accepted

    monkeypatch.setattr(QFileDialog, "exec", chosen)
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda _dialog: [str(path)])
    menu_texts = [action.text() for action in window.menuBar().actions()[0].menu().actions()]
    assert menu_texts[0] == "&Impor Excel…"

    qtbot.keyClick(window.journal_page.grid, Qt.Key.Key_O, CTRL)

    assert asked == ["Impor jurnal dari Excel"]
    page = window.journal_page
    qtbot.waitUntil(lambda: not page.busy and page.model.line_count == 2, timeout=WAIT_MS)
    assert not page.empty_hint.isVisible()


def test_help_opens_the_user_guide(qtbot, make_window, monkeypatch):
    window = make_window()
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    help_menu = window.menuBar().actions()[-1].menu()
    guide = next(a for a in help_menu.actions() if a.text() == "&Panduan pengguna")

    guide.trigger()

    assert [url.toLocalFile() for url in opened] == [str(user_guide())]
    assert Path(opened[0].toLocalFile()).name == "user-guide.md"


def test_the_shipped_user_guide_is_the_one_in_docs():
    root = ROOT
    shipped = root / "app" / "resources" / "guide" / "user-guide.md"
    assert shipped.read_text(encoding="utf-8") == (root / "docs" / "user-guide.md").read_text(
        encoding="utf-8"
    )


def test_a_typed_lines_problem_names_its_grid_line_and_the_account_mapping(qtbot, make_window):
    window = with_chart(qtbot, make_window())
    page = window.journal_page
    press(qtbot, page, Qt.Key.Key_Return, CTRL | SHIFT)
    type_in_cell(qtbot, page, 1, Column.ACCOUNT, "9-99999")  # another chart's code
    active(window)

    problems = page.problems_panel.model
    (row,) = [
        r for r in range(problems.rowCount()) if "9-99999" in problems.index(r, MESSAGE).data()
    ]
    assert problems.index(row, SHEET).data() == "Grid"
    assert problems.index(row, ROW).data() == "Baris grid 2"
    header = page.grid.verticalHeader()  # the grid shows its line numbers beside them
    assert header.isVisible() and page.model.headerData(1, Qt.Orientation.Vertical) == "2"
    tip = problems.index(row, MESSAGE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Alat › Pemetaan akun…" in tip
    cell_tip = page.model.index(1, Column.ACCOUNT).data(Qt.ItemDataRole.ToolTipRole)
    assert "Alat › Pemetaan akun…" in cell_tip


def test_the_import_banner_is_made_again_for_another_companys_chart(qtbot, make_window, tmp_path):
    window = with_chart(qtbot, make_window())
    page = window.journal_page
    page.import_file(workbook(tmp_path))
    qtbot.waitUntil(lambda: not page.busy and page.model.line_count == 2, timeout=WAIT_MS)
    assert "Semua jurnal siap diposting" in page.banner.message.text()

    choose_company_with_keys(qtbot, window, DEMO_SEMPOA_NAME)  # another chart: other codes

    qtbot.waitUntil(lambda: page.model.problem_count > 0, timeout=WAIT_MS)
    banner = page.banner
    assert banner.isVisible() and banner.kind == MessageBanner.WARNING
    assert "Semua jurnal siap diposting" not in banner.message.text()
    assert f"Ada {page.model.problem_count} masalah" in banner.message.text()


def test_the_window_reopens_on_the_last_company_maximized(qtbot, make_window):
    first = with_chart(qtbot, make_window())
    assert first.session.profile.name == DEMO_ACCURATE_NAME
    choose_company_with_keys(qtbot, first, DEMO_SEMPOA_NAME)
    first.showMaximized()
    qtbot.waitUntil(first.isMaximized, timeout=WAIT_MS)
    first.close()

    again = make_window()

    assert again.windowState() & Qt.WindowState.WindowMaximized
    assert again.companies.selected.name == DEMO_SEMPOA_NAME
    assert again.company_bar.combo.currentText() == DEMO_SEMPOA_NAME


def test_the_demo_note_stays_in_the_status_bar_after_a_menu_was_hovered(qtbot, make_window):
    window = make_window()
    bar = window.statusBar()

    def shown() -> str:
        labels = [label.text() for label in bar.findChildren(QLabel) if label.isVisible()]
        return " ".join([bar.currentMessage(), *labels])

    qtbot.waitUntil(lambda: "mode demo" in shown())
    # What hovering a menu item without a status tip sends the window.
    QApplication.sendEvent(window, QStatusTipEvent(""))
    assert "mode demo: tidak ada data sungguhan yang dikirim" in shown()
