"""Regenerate the screenshots in docs/ that show the main window (empty at a first start,
with a journal, and after posting it), entries typed into the grid with the account list
open, rows pasted from Excel, accounts written with their names (the code shown, the
written text in the tip), the question before posting, the posting window, the history,
the Settings and the account mapping dialogs, and the questions about unsaved entries
(before quitting, and the draft offered back at the next start), in Indonesian and in
English.

Run with `QT_QPA_PLATFORM=offscreen python docs/screenshots.py` (nothing is sent anywhere:
the demo company is the local sandbox, the home folder a temporary one); add `grid-typing`
for the typing pictures only, `problems` for the import's problems list, `written-accounts`
for the accounts written with their names, `classifications` for the offer to create data
classifications, `main-zh` for every main view in Chinese (`-zh.png`:
docs/screenshots_zh.py). Each picture is taken in Indonesian, then the language is switched
in the running window, as a user would with File › Settings, and the same picture is taken again in
English (`-en.png`).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QToolButton, QToolTip, QWidget

from app.core.grid.columns import Column
from app.core.grid.page_words import WORKBOOK_FILTER
from app.core.i18n import set_language
from app.profiles.settings import ROUND_ASK
from app.setup.preferences import Choices
from app.ui.common.dialogs import file_dialog
from app.ui.company.settings_dialog import SettingsDialog
from app.ui.journal.file_actions import IMPORT_TITLE
from app.ui.posting.window import Phase, PostingView
from app.ui.shell.main_window import HISTORY, JOURNAL, MainWindow
from app.ui.shell.window_size import DEFAULT_SIZE

DOCS = Path(__file__).resolve().parent
WAIT_SECONDS = 30.0
HEADERS = ("Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit", "Keterangan")


def wait_until(app: QApplication, done: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not done():
        app.processEvents()
        if time.monotonic() > deadline:
            raise TimeoutError(f"waiting for {what}")
        time.sleep(0.01)
    for _ in range(20):  # let layouts and paints settle
        app.processEvents()


def shoot(app: QApplication, widget: QWidget, name: str) -> None:
    for _ in range(10):
        app.processEvents()
    path = DOCS / name
    widget.grab().save(str(path))
    print("wrote", path.relative_to(DOCS.parent))


def shoot_over(app: QApplication, window: QWidget, box: QWidget, name: str) -> None:
    """The window dimmed, with the question it asks in front of it (the headless platform
    shows a window-modal box as a window of its own)."""
    for _ in range(10):
        app.processEvents()
    picture = window.grab()
    question = box.grab()
    painter = QPainter(picture)
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 60))
    x = (picture.width() - question.width()) // 2
    painter.drawPixmap(x, (picture.height() - question.height()) // 3, question)
    painter.end()
    path = DOCS / name
    picture.save(str(path))
    print("wrote", path.relative_to(DOCS.parent))


def shoot_with_popup(app: QApplication, window: QWidget, name: str) -> None:
    """The window with the open completion list drawn where it shows (a popup is a window
    of its own, which grabbing the main window leaves out)."""
    for _ in range(10):
        app.processEvents()
    picture = window.grab()
    popup = QApplication.activePopupWidget()
    if popup is not None:
        painter = QPainter(picture)
        at = popup.mapToGlobal(QPoint(0, 0)) - window.mapToGlobal(QPoint(0, 0))
        painter.drawPixmap(at, popup.grab())
        painter.end()
    path = DOCS / name
    picture.save(str(path))
    print("wrote", path.relative_to(DOCS.parent))


def type_keys(app: QApplication, window: QWidget, *strokes: str | Qt.Key) -> None:
    """Keys as a keyboard sends them: to the open completion list (it hands letters on to
    its editor), else to the focused widget."""
    for stroke in strokes:
        target = _key_target(window)
        if isinstance(stroke, str):  # the first key opens the cell's editor, the rest go there
            QTest.keyClicks(target, stroke[0])
            QTest.keyClicks(_key_target(window), stroke[1:])
        else:
            back = stroke == Qt.Key.Key_Backtab  # Shift+Tab
            none, shift = Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier
            QTest.keyClick(target, stroke, shift if back else none)
        app.processEvents()
        if QApplication.activePopupWidget() is None and not window.isActiveWindow():
            window.activateWindow()  # the closed list gives the keys back, as on a desktop
            app.processEvents()


def _key_target(window: QWidget) -> QWidget:
    """The open list, else the focused widget (the window's own when a tooltip or a closed
    dialog left the application without an active window)."""
    return (
        QApplication.activePopupWidget()
        or QApplication.focusWidget()
        or window.focusWidget()
        or window
    )


def shoot_grid_typing(app: QApplication, window: MainWindow) -> None:
    """Three entries typed with the keyboard: a new entry starts on its date, Tab from field
    to field, Enter to the next line's account, an account name typed in Nama Akun (it goes
    to Kode Akun, the banner says so), and the account list open over "beban tel" with its
    first match highlighted."""
    page = window.journal_page
    page.model.clear()
    page.banner.hide()
    window.show_page(JOURNAL)
    window.activateWindow()
    page.grid.setFocus()
    tab, enter = Qt.Key.Key_Tab, Qt.Key.Key_Return
    new_entry = QTest.keyClick  # Ctrl+Shift+Enter
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    new_entry(page.grid, enter, ctrl_shift)
    type_keys(app, window, "05/08/2026", tab, "BKK-0001", tab, "Bayar listrik Agustus", tab)
    type_keys(app, window, "beban lis", tab, "1.250.000", enter)
    type_keys(app, window, "bank bca", tab, tab, "1.250.000", enter)
    new_entry(page.grid, enter, ctrl_shift)
    type_keys(app, window, tab, tab, "Tagihan PDAM Juli", tab, "beban ai", tab)
    type_keys(app, window, "350.000", enter)
    page.select_cell(3, Column.ACCOUNT_NAME)
    type_keys(app, window, "kas", tab, tab, "350.000", enter)
    new_entry(page.grid, enter, ctrl_shift)
    type_keys(app, window, tab, tab, "Internet kantor", tab, "beban tel")
    shoot_with_popup(app, window, "grid-typing.png")
    type_keys(app, window, Qt.Key.Key_Escape, Qt.Key.Key_Escape)
    window.set_language("en")
    page.select_cell(3, Column.ACCOUNT_NAME)
    type_keys(app, window, "kas", tab)
    page.select_cell(4, Column.ACCOUNT)
    type_keys(app, window, "beban tel")
    shoot_with_popup(app, window, "grid-typing-en.png")
    type_keys(app, window, Qt.Key.Key_Escape, Qt.Key.Key_Escape)
    window.set_language("id")


def press(box: QMessageBox, label: str) -> None:
    next(button for button in box.buttons() if button.text() == label).click()


def shoot_drafts(app: QApplication, window: MainWindow, suffix: str, answers: tuple) -> None:
    """The question before quitting with unsaved entries, and the restore question at the
    next start (asked again here, over the grid as it is at a start: empty)."""
    leave, restore = answers
    window.close()  # the grid holds an unsaved change: the window asks
    guard = window.quit_guard
    wait_until(app, lambda: guard.dialog is not None and guard.dialog.isVisible(), "the question")
    shoot_over(app, window, guard.dialog, f"quit-unsaved{suffix}.png")
    press(guard.dialog, leave)
    drafts, page = window.drafts, window.journal_page
    drafts.write_now()
    wait_until(app, lambda: drafts.store.exists() and not drafts._writer.busy, "the draft")
    page.model.clear()
    page.banner.hide()  # as at a start
    drafts.offer_restore()
    wait_until(app, lambda: drafts.dialog is not None and drafts.dialog.isVisible(), "the offer")
    shoot_over(app, window, drafts.dialog, f"draft-restore{suffix}.png")
    press(drafts.dialog, restore)
    wait_until(app, lambda: page.model.line_count > 0, "the restored draft")


def journal_rows() -> list[tuple]:
    """Two months of a small trading company's journal, every entry balanced."""
    rows: list[tuple] = []
    entries = [
        ("Penjualan tunai kepada Toko Sinar Jaya", "1-10001", "4-40000", "4596996.23"),
        ("Pembayaran listrik PLN kantor pusat", "6-60005", "1-10100", "2350000"),
        ("Sewa kantor Januari 2026", "6-60004", "1-10100", "12500000"),
        ("Pembelian ATK dan tinta printer", "6-60008", "1-10001", "845500"),
        ("Gaji karyawan Januari 2026", "6-60001", "1-10101", "48750000"),
        ("Internet dan telepon kantor", "6-60007", "1-10100", "1221000"),
        ("Pelunasan piutang CV Maju Bersama", "1-10100", "1-10200", "18250000"),
        ("Perawatan AC kantor", "6-60009", "1-10001", "1250000"),
    ]
    for number, (text, debit, credit, amount) in enumerate(entries, start=1):
        day = date(2026, 1, 3 + number * 3)
        reference = f"JU-2026-{number:04}"
        value = Decimal(amount)
        rows.append((day, reference, text, debit, value, None, "Dicatat dari kas"))
        rows.append((day, reference, text, credit, None, value, "Lawan transaksi"))
    return rows


def shoot_problems(app: QApplication, window: MainWindow, home: Path) -> None:
    page = window.journal_page
    page.import_file(write_workbook(home / "Jurnal Januari 2026 (revisi).xlsx", problem_rows()))
    wait_until(app, lambda: not page.busy and page.model.problem_count, "the import")
    page.problems_panel.table.selectRow(1)
    shoot(app, page, "import-problems.png")
    window.set_language("en")
    shoot(app, page, "import-problems-en.png")
    window.set_language("id")


def problem_rows() -> list[tuple]:
    """The same journal with what a hand-kept workbook gets wrong: an entry that does not
    balance, an account the company does not have, an amount with a fraction of a cent,
    and an entry without a reference."""
    rows = journal_rows()
    rows[5] = (*rows[5][:5], Decimal("11250000"), rows[5][6])  # JU-2026-0003: short
    rows[7] = (rows[7][0], rows[7][1], rows[7][2], "1-10099", *rows[7][4:])  # unknown account
    rows[8] = (*rows[8][:4], Decimal("48750000.125"), *rows[8][5:])  # a fraction of a cent
    rows[10] = (rows[10][0], "", *rows[10][2:])  # JU-2026-0006 without its reference
    rows[11] = (rows[11][0], "", *rows[11][2:])
    return rows


def client_rows() -> list[tuple]:
    """A client's workbook kept with its own chart (1-1100 Kas Kecil and so on), for the
    account mapping dialog."""
    entries = [
        ("Penjualan tunai toko", "1-1100", "4-1000", "3250000"),
        ("Setoran ke bank", "1-1200", "1-1100", "3000000"),
        ("Listrik PLN Februari", "6-2100", "1-1200", "845000"),
        ("Penjualan transfer", "1-1200", "4-1000", "5125000"),
    ]
    rows: list[tuple] = []
    for number, (text, debit, credit, amount) in enumerate(entries, start=1):
        day, reference, value = date(2026, 2, 2 + number), f"KL-{number:03}", Decimal(amount)
        rows.append((day, reference, text, debit, value, None, "Kas Kecil" if number == 1 else ""))
        rows.append((day, reference, text, credit, None, value, ""))
    return rows


def shoot_classifications(app: QApplication, window: MainWindow, home: Path) -> None:
    """The posting window's offer to create a data classification the company lacks."""
    rows = [(*row, "Bali" if n == 2 else "Jakarta") for n, row in enumerate(journal_rows()[:6])]
    headers = (*HEADERS, "Klasifikasi 1")
    page = window.journal_page
    page.import_file(write_workbook(home / "Jurnal Klasifikasi.xlsx", rows, headers))
    wait_until(app, lambda: not page.busy and page.is_ready(), "the import")
    views: list[PostingView] = []
    window.posting.opened.connect(views.append)
    for suffix, language, no in (("", "id", "Jangan buat"), ("-en", "en", "Do not create")):
        window.set_language(language)
        views.clear()
        window.open_posting()
        wait_until(app, lambda: views and views[-1].dialog is not None, "the question")
        view = views[-1]
        view.resize(1180, 760)
        shoot_over(app, view, view.dialog, f"create-classifications{suffix}.png")
        press(view.dialog, no)
        view.close()
    window.set_language("id")


def write_workbook(
    path: Path, rows: list[tuple] | None = None, headers: tuple[str, ...] = HEADERS
) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Jurnal"
    sheet.append(headers)
    for row in rows if rows is not None else journal_rows():
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
    book.save(path)
    return path


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp(prefix="jurnal-desk-shots-"))
    os.environ["JURNAL_DESK_HOME"] = str(home)
    set_language("id")
    app = QApplication.instance() or QApplication([])
    app.setStyle("Fusion")
    window = MainWindow(home=home, language="id")
    window.resize(DEFAULT_SIZE)  # as the window opens on a screen with room for it
    window.show()
    try:
        wait_until(app, lambda: window.current_chart() is not None, "the demo company")
        page = window.journal_page
        if sys.argv[1:] == ["grid-typing"]:
            shoot_grid_typing(app, window)
            page.model.undo_stack.setClean()  # nothing to ask about on the way out
            return 0
        if sys.argv[1:] == ["classifications"]:
            shoot_classifications(app, window, home)
            return 0
        if sys.argv[1:] == ["problems"]:
            shoot_problems(app, window, home)
            return 0
        if sys.argv[1:] == ["written-accounts"]:
            shoot_written_accounts(app, window, home)
            return 0
        if sys.argv[1:] == ["main-zh"]:  # the main views in Chinese
            from screenshots_zh import shoot_all_in_chinese, shoot_firm_zh

            shoot_all_in_chinese(app, window, home)
            shoot_firm_zh(app)
            return 0
        if sys.argv[1:] == ["drafts-zh"]:  # the words already in the Chinese catalog
            page.import_file(write_workbook(home / "Jurnal Januari 2026.xlsx"))
            wait_until(app, lambda: not page.busy and page.is_ready(), "the import")
            page.model.setData(page.model.index(0, Column.MEMO), "Dicatat dari kas (dicek)")
            window.set_language("zh")
            shoot_drafts(app, window, "-zh", ("Batal", "恢复"))
            window.set_language("id")
            page.model.undo_stack.setClean()
            return 0

        shoot(app, window, "journal-empty.png")  # a first start: the grid says how to begin
        window.set_language("en")
        shoot(app, window, "journal-empty-en.png")
        window.set_language("id")
        page.import_file(write_workbook(home / "Jurnal Januari 2026.xlsx"))
        wait_until(app, lambda: not page.busy and page.is_ready(), "the import")
        window.show_page(JOURNAL)
        page.grid.select_area(0, 9, Column.DEBIT, Column.CREDIT)  # the status bar sums it
        shoot(app, window, "journal-window.png")
        window.set_language("en")
        shoot(app, window, "journal-window-en.png")
        window.set_language("id")
        shoot_paste(app, window)

        shoot_file_dialog(app, window, home)

        shoot_problems(app, window, home)
        shoot_account_mapping(app, window, home)
        shoot_written_accounts(app, window, home)
        shoot_grid_typing(app, window)
        page.import_file(home / "Jurnal Januari 2026.xlsx")
        wait_until(app, lambda: not page.busy and page.is_ready(), "the import")

        views: list[PostingView] = []
        window.posting.opened.connect(views.append)
        shoot_confirmation(app, window, "", "Batal")
        window.set_language("en")
        shoot_confirmation(app, window, "-en", "Cancel")
        window.set_language("id")
        window.open_posting()
        press(window.posting.dialog, "Ya, posting")
        wait_until(app, lambda: views and views[0].phase is Phase.DONE, "the posting run")
        view = views[0]
        view.resize(1180, 760)
        shoot(app, view, "posting.png")
        window.set_language("en")
        wait_until(app, lambda: not view.prepare_runner.busy, "the table in English")
        shoot(app, view, "posting-en.png")
        window.set_language("id")
        wait_until(app, lambda: not view.prepare_runner.busy, "the table in Indonesian")
        view.close()
        wait_until(app, lambda: page.model.sent_count > 0, "the sent entries marked")
        shoot(app, window, "journal-sent.png")
        window.set_language("en")
        shoot(app, window, "journal-sent-en.png")
        window.set_language("id")

        window.show_page(HISTORY)
        history = window.history_view
        wait_until(app, lambda: history.batch_view.details is not None, "the history")
        shoot(app, window, "history.png")
        window.set_language("en")
        wait_until(
            app, lambda: history.batch_view.details.language == "en", "the history in English"
        )
        shoot(app, window, "history-en.png")
        window.set_language("id")

        window.show_page(JOURNAL)
        # As the dialog opens for a saved Accurate company (the demo's settings are fixed).
        choices = Choices(language="id", rounding=ROUND_ASK, api_language="ID", bulk_posting=True)
        dialog = SettingsDialog(choices, company="PT Maju Jaya", parent=window)
        window.retranslate()  # nothing changes; the dialog is one of the window's now
        dialog.show()
        dialog.adjustSize()
        shoot(app, dialog, "settings.png")
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
        window.set_language("en")  # as saving that choice does
        dialog.adjustSize()
        shoot(app, dialog, "settings-en.png")
        dialog.reject()
        window.set_language("id")

        page.model.setData(page.model.index(0, Column.MEMO), "Dicatat dari kas (dicek)")
        shoot_drafts(app, window, "", ("Batal", "Pulihkan"))
        window.set_language("en")
        shoot_drafts(app, window, "-en", ("Cancel", "Restore"))
        window.set_language("id")
    finally:
        window.close()
        window.shutdown()  # also when the unsaved grid made closing ask
    return 0


# Two entries as Excel puts them on the clipboard, each row repeating its date, reference and
# description: pasted with the cursor in Kode Akun, they become two new entries.
PASTED_ROWS = (
    "20/01/2026\tJU-2026-0101\tSetoran tunai ke Bank BCA\t1-10100\t15.000.000\t\tSetoran\r\n"
    "20/01/2026\tJU-2026-0101\tSetoran tunai ke Bank BCA\t1-10001\t\t15.000.000\tKas\r\n"
    "21/01/2026\tJU-2026-0102\tBiaya admin bank Januari\t6-60007\t25.000\t\tAdmin\r\n"
    "21/01/2026\tJU-2026-0102\tBiaya admin bank Januari\t1-10100\t\t25.000\tBCA\r\n"
)


def shoot_paste(app: QApplication, window: MainWindow) -> None:
    """Rows from Excel pasted (Ctrl+V) with the cursor in Kode Akun: the banner says what
    became of them; then undone, as one step."""
    page = window.journal_page
    QApplication.clipboard().setText(PASTED_ROWS)
    page.select_cell(2, Column.ACCOUNT)
    page.edit_actions.paste.trigger()
    page.grid.select_area(4, 7, Column.DATE, Column.MEMO)
    shoot(app, window, "grid-paste.png")
    window.set_language("en")
    shoot(app, window, "grid-paste-en.png")
    window.set_language("id")
    page.undo_stack.undo()
    page.banner.hide()


def shoot_confirmation(app: QApplication, window: MainWindow, suffix: str, cancel: str) -> None:
    """The question every posting asks first (here: the demo company, the sandbox)."""
    window.open_posting()
    box = window.posting.dialog
    wait_until(app, lambda: box.isVisible(), "the question before posting")
    shoot_over(app, window, box, f"posting-confirm{suffix}.png")
    press(box, cancel)
    wait_until(app, lambda: window.posting.dialog is None, "the question closed")


def written_rows() -> list[tuple]:
    """A hand-kept journal whose accounts are written with their names, one by its name
    alone, and one with a name the chart gives another code."""
    entries = [
        ("Pengisian kas kecil", "1-10002 - Kas Kecil", "[1-10100] Bank BCA", "2500000"),
        ("Penjualan tunai", "1-10001 Kas", "Pendapatan Penjualan", "4750000"),
        ("Listrik PLN Maret", "6-60005 \u2013 Beban Listrik", "1-10001 - Kas Kecil", "845000"),
    ]
    rows: list[tuple] = []
    for number, (text, debit, credit, amount) in enumerate(entries, start=1):
        day, reference, value = date(2026, 3, 2 + number), f"KK-{number:03}", Decimal(amount)
        rows.append((day, reference, text, debit, value, None, ""))
        rows.append((day, reference, text, credit, None, value, ""))
    return rows


def shoot_written_accounts(app: QApplication, window: MainWindow, home: Path) -> None:
    """Accounts written as accountants write them: the grid shows each one's code, the tip
    over the first what was written; the problems panel names the chart's name for a code
    written with another."""
    page = window.journal_page
    page.import_file(write_workbook(home / "Kas kecil Maret 2026.xlsx", written_rows()))
    wait_until(app, lambda: not page.busy and page.model.problem_count, "the import")
    window.show_page(JOURNAL)
    page.problems_panel.table.selectRow(0)
    for language, name in (("id", "written-accounts.png"), ("en", "written-accounts-en.png")):
        window.set_language(language)
        shoot_with_tip(app, window, page, 0, Column.ACCOUNT, name)
    QToolTip.hideText()
    window.set_language("id")


def shoot_with_tip(
    app: QApplication, window: MainWindow, page, row: int, column: Column, name: str
) -> None:
    """The window with a cell's tooltip shown over it, as the mouse resting there shows it."""
    page.select_cell(row, column)
    rect = page.grid.visualRect(page.model.index(row, column))
    at = page.grid.viewport().mapToGlobal(rect.center())
    tip = page.model.data(page.model.index(row, column), Qt.ItemDataRole.ToolTipRole)
    QToolTip.showText(at, tip, page.grid.viewport())
    for _ in range(10):
        app.processEvents()
    picture = window.grab()
    label = next(
        (w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel") and w.isVisible()),
        None,
    )
    if label is not None:
        painter = QPainter(picture)
        painter.drawPixmap(label.mapToGlobal(QPoint(0, 0)) - window.mapToGlobal(QPoint(0, 0)),
                           label.grab())  # fmt: skip
        painter.end()
    path = DOCS / name
    picture.save(str(path))
    print("wrote", path.relative_to(DOCS.parent))


def shoot_file_dialog(app: QApplication, window: MainWindow, home: Path) -> None:
    """Impor Excel…'s file dialog, every word in the app's language, in the detail view."""
    for language, name in (("id", "file-dialog.png"), ("en", "file-dialog-en.png")):
        window.set_language(language)
        dialog = file_dialog(window, IMPORT_TITLE, WORKBOOK_FILTER)
        dialog.setDirectory(str(home))
        dialog.show()
        dialog.findChild(QToolButton, "detailModeButton").click()
        wait_until(app, lambda d=dialog: d.isVisible(), "the file dialog")
        shoot(app, dialog, name)
        dialog.reject()
    window.set_language("id")


def shoot_account_mapping(app: QApplication, window: MainWindow, home: Path) -> None:
    """The account mapping dialog over a client's workbook: two codes chosen, one left."""
    page = window.journal_page
    page.import_file(write_workbook(home / "Jurnal klien Februari 2026.xlsx", client_rows()))
    wait_until(app, lambda: not page.busy and page.model.problem_count, "the client's import")
    dialog = page.account_mapping.open_dialog()
    dialog.choose("1-1100", "1-10002")
    dialog.choose("4-1000", "4-40000")
    dialog.choose("1-1200", "1-10000")  # a parent account: the dialog says why not
    shoot(app, dialog, "account-mapping.png")
    window.set_language("en")
    shoot(app, dialog, "account-mapping-en.png")
    window.set_language("id")
    dialog.reject()


if __name__ == "__main__":
    sys.exit(main())
