"""The history page's "Cocokkan periode…" (Reconcile period…): clicked as an accountant would,
the period typed into the dialog, the books read on a worker over real HTTP to the sandbox,
the result told on the page and written as a workbook with a sheet per kind."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.core.excel.sheet_names import sheet_name
from app.posting.reconcile.proof import Kind
from app.posting.reconcile.workbook import SHEETS
from app.ui.history.page import HistoryView
from tests.helpers.history_pages import (
    WAIT_MS,
    click,
    post,
    session_of,
    wait_listed,
)
from tests.helpers.posting_helpers import ACCURATE_CREDIT, ACCURATE_DEBIT, entries


def type_date(qtbot, edit, text: str) -> None:
    """Click into the date box, select what is there, type the date as a person would."""
    edit.window().activateWindow()
    qtbot.waitUntil(edit.window().isActiveWindow, timeout=WAIT_MS)
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(edit.hasFocus, timeout=WAIT_MS)
    QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(edit, text)


def reconcile_august(qtbot, view: HistoryView, workbook: str = "") -> None:
    click(qtbot, view.reconcile_button)
    qtbot.waitUntil(lambda: view.period_dialog is not None and view.period_dialog.isVisible(),
                    timeout=WAIT_MS)  # fmt: skip
    dialog = view.period_dialog
    type_date(qtbot, dialog.first_edit, "01/08/2026")
    type_date(qtbot, dialog.last_edit, "31/08/2026")
    assert [d.isoformat() for d in dialog.period()] == ["2026-08-01", "2026-08-31"]
    if workbook:
        type_date(qtbot, dialog.workbook_edit, workbook)
    click(qtbot, dialog.reconcile_button)


def changed_in_the_service(demo) -> None:
    def smaller(voucher):
        for line in voucher["detailJournalVoucher"]:
            line["amount"] = "1.00"
        return voucher

    demo.sandbox.edit_voucher_in_app("JU-00002", smaller)
    demo.sandbox.edit_voucher_in_app("JU-00003", lambda _voucher: None)
    lines = [(ACCURATE_DEBIT, "DEBIT", "42000"), (ACCURATE_CREDIT, "CREDIT", "42000")]
    demo.sandbox.type_voucher_in_app("KAS-7", "20/08/2026", lines, "Diketik langsung")


def test_the_button_reads_the_period_on_a_worker_and_tells_what_differs(
    qtbot, demo, limiters, make_history_view, tmp_path, reports
):
    post(demo, limiters, entries(3, prefix="JU"))
    view = make_history_view(session_of(demo, demo.accurate.name))
    wait_listed(qtbot, view, 1)
    reconcile_august(qtbot, view)
    notice = view.reconcile_notice
    qtbot.waitUntil(lambda: "3 cocok" in notice.text(), timeout=WAIT_MS)
    assert notice.property("kind") == "ok"
    assert "Pembukuan sesuai dengan sumbernya." in notice.text()
    assert reports[-1].name == f"rekonsiliasi-{demo.accurate.name}-20260801-20260831.xlsx"

    changed_in_the_service(demo)
    reconcile_august(qtbot, view)
    qtbot.waitUntil(lambda: "1 berbeda" in notice.text(), timeout=WAIT_MS)
    assert "1 cocok, 1 berbeda, 1 tidak ada di pembukuan, 1 bukan dari Jurnal Desk" in notice.text()
    assert notice.property("kind") == "error"
    book = load_workbook(tmp_path / "hasil.xlsx")
    assert [
        row[1]
        for row in book[sheet_name(SHEETS[Kind.DIFFERENT], "id")].iter_rows(
            min_row=2, values_only=True
        )
    ] == ["JU-00002"]
    assert [
        row[1]
        for row in book[sheet_name(SHEETS[Kind.FOREIGN], "id")].iter_rows(
            min_row=2, values_only=True
        )
    ] == ["KAS-7"]


def test_the_result_is_told_in_english_and_follows_a_language_switch(
    qtbot, demo, limiters, make_history_view, english
):
    post(demo, limiters, entries(3, prefix="JU"))
    changed_in_the_service(demo)
    view = make_history_view(session_of(demo, demo.accurate.name))
    wait_listed(qtbot, view, 1)
    assert view.reconcile_button.text() == "Reconcile period…"
    reconcile_august(qtbot, view)
    notice = view.reconcile_notice
    qtbot.waitUntil(lambda: "1 different" in notice.text(), timeout=WAIT_MS)
    assert "1 missing from the books, 1 not from Jurnal Desk" in notice.text()
    assert "see the Different sheet" in notice.text()


def test_a_backwards_period_is_refused_in_the_dialog(qtbot, demo, limiters, make_history_view):
    view = make_history_view(session_of(demo, demo.accurate.name))
    click(qtbot, view.reconcile_button)
    qtbot.waitUntil(lambda: view.period_dialog is not None and view.period_dialog.isVisible(),
                    timeout=WAIT_MS)  # fmt: skip
    dialog = view.period_dialog
    type_date(qtbot, dialog.first_edit, "31/08/2026")
    type_date(qtbot, dialog.last_edit, "01/08/2026")
    click(qtbot, dialog.reconcile_button)
    assert dialog.isVisible() and dialog.problem.text() == "'Dari' sesudah 'sampai'."
    assert not view.reconcile_runner.busy
    click(qtbot, dialog.cancel_button)
    qtbot.waitUntil(lambda: view.period_dialog is None, timeout=WAIT_MS)


def test_a_workbook_typed_into_the_question_is_matched_against_the_books(
    qtbot, demo, limiters, make_history_view, tmp_path
):
    from tests.helpers.cli_helpers import journal_rows
    from tests.helpers.workbooks import write_workbook

    post(demo, limiters, entries(2, prefix="JU"))
    month = write_workbook(tmp_path / "agustus.xlsx", journal_rows(1, prefix="KAS"))
    lines = [(ACCURATE_DEBIT, "DEBIT", "1500000.50"), (ACCURATE_CREDIT, "CREDIT", "1500000.50")]
    demo.sandbox.type_voucher_in_app("KAS/001", "02/08/2026", lines, "Penjualan 1")
    view = make_history_view(session_of(demo, demo.accurate.name))
    wait_listed(qtbot, view, 1)

    reconcile_august(qtbot, view, str(tmp_path / "nowhere.xlsx"))
    dialog = view.period_dialog
    assert dialog is not None and dialog.problem.text() == "Workbook itu tidak ditemukan."
    click(qtbot, dialog.cancel_button)
    qtbot.waitUntil(lambda: view.period_dialog is None, timeout=WAIT_MS)

    reconcile_august(qtbot, view, str(month))
    notice = view.reconcile_notice
    qtbot.waitUntil(lambda: "2 cocok" in notice.text(), timeout=WAIT_MS)
    assert "1 bukan dari Jurnal Desk (1 cocok dengan workbook)" in notice.text()
    assert notice.property("kind") == "ok"
    foreign = load_workbook(tmp_path / "hasil.xlsx")[sheet_name(SHEETS[Kind.FOREIGN], "id")]
    assert [(row[1], row[8]) for row in foreign.iter_rows(min_row=2, values_only=True)] == [
        ("KAS/001", "KAS/001")
    ]
