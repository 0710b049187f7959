"""The history's "Batalkan dengan jurnal balik": batches really posted to the demo companies on
an in-process sandbox (real HTTP), the button, the question with its date, the worker, and the
two batches linked in the list and the panel, driven with real clicks and keys."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.ui.history.page import FILE, STATE
from app.ui.history.reversal_dialog import ReversalDialog
from tests.helpers.history_pages import (
    WAIT_MS,
    click,
    listed,
    post,
    row_of,
    session_of,
    wait_listed,
    wait_shown,
)
from tests.helpers.posting_helpers import SEMPOA_CREDIT, SEMPOA_DEBIT, entries


def open_question(qtbot, panel) -> ReversalDialog:
    click(qtbot, panel.ui.reverse_button)
    qtbot.waitUntil(lambda: isinstance(panel.dialog, ReversalDialog), timeout=WAIT_MS)
    dialog = panel.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    return dialog


def history_cell(view, batch_id: str, column: int) -> str:
    proxy = view.filter_model
    return proxy.index(row_of(view, batch_id), column).data()


def test_a_sempoa_batch_is_reversed_on_one_chosen_date_from_the_batch_panel(
    qtbot, demo, limiters, make_history_view
):
    items = entries(2, prefix="PB", accounts=(SEMPOA_DEBIT, SEMPOA_CREDIT))
    original = post(demo, limiters, items, sempoa=True).batch.id
    view = make_history_view(session_of(demo, demo.sempoa.name))
    wait_shown(qtbot, view, original)
    panel = view.batch_view
    assert not panel.ui.undo_button.isVisible()
    assert "Batalkan dengan jurnal balik" in panel.ui.notice_label.text()

    dialog = open_question(qtbot, panel)
    text = dialog.findChild(type(panel.ui.facts), "reversalQuestion").text()
    assert (
        f"Posting 2 jurnal balik ke Demo Sempoa (sandbox) untuk membatalkan batch {original}"
        in text
    )
    assert "PB-00001 → PB-00001-R" in text and "Pembalik: <deskripsi asli>" in text
    qtbot.mouseClick(dialog.no_button, Qt.MouseButton.LeftButton)  # cancel: nothing is sent
    qtbot.waitUntil(lambda: panel.dialog is None, timeout=WAIT_MS)
    assert len(demo.sandbox.sempoa_journals()) == 2

    dialog = open_question(qtbot, panel)
    qtbot.mouseClick(dialog.one_date, Qt.MouseButton.LeftButton)
    assert dialog.date_edit.isEnabled()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT_MS)
    dialog.one_date.setFocus()
    qtbot.keyClick(dialog.one_date, Qt.Key.Key_Tab)  # to the date, its day chosen
    assert QApplication.focusWidget() is dialog.date_edit
    qtbot.keyClicks(dialog.date_edit, "01092026")
    assert dialog.chosen_date() == date(2026, 9, 1)
    qtbot.mouseClick(dialog.yes_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(
        lambda: f"Batch {original} dibalik" in panel.ui.notice_label.text(), timeout=WAIT_MS
    )
    books = {j["referensi"]: j for j in demo.sandbox.sempoa_journals()}
    assert sorted(books) == ["PB-00001", "PB-00001-R", "PB-00002", "PB-00002-R"]
    assert {books[r]["tanggal"] for r in ("PB-00001-R", "PB-00002-R")} == {"2026-09-01"}

    wait_listed(qtbot, view, 2)
    reversal = next(batch for batch in listed(view) if batch != original)
    assert history_cell(view, original, FILE).endswith(f"Dibalik oleh batch {reversal}")
    assert history_cell(view, original, STATE) == "Dibalik"
    assert history_cell(view, reversal, FILE) == f"Membalik batch {original}"
    wait_shown(qtbot, view, original)
    qtbot.waitUntil(
        lambda: f"Dibalik oleh batch {reversal}" in panel.ui.facts.text(), timeout=WAIT_MS
    )
    assert not panel.ui.reverse_button.isVisible()  # reversed: nothing more to reverse

    view.select_batch(reversal)
    wait_shown(qtbot, view, reversal)
    assert f"Membalik batch {original}" in panel.ui.facts.text()
    assert not panel.ui.reverse_button.isVisible()  # a reversal is not reversed again


def test_an_accurate_undo_refused_in_a_closed_period_offers_reversing_which_then_works(
    qtbot, demo, limiters, make_history_view
):
    original = post(demo, limiters, entries(2, prefix="JU")).batch.id
    demo.sandbox.master_data().closing_date = date(2026, 8, 31)
    view = make_history_view(session_of(demo, demo.accurate.name))
    wait_shown(qtbot, view, original)
    panel = view.batch_view
    panel.undo()  # confirmed (the question is tested with the undo itself)
    qtbot.waitUntil(
        lambda: "Tidak dihapus: 2 jurnal" in panel.ui.notice_label.text(), timeout=WAIT_MS
    )
    assert 'tekan "Batalkan dengan jurnal balik"' in panel.ui.notice_label.text()
    assert len(demo.sandbox.vouchers()) == 2
    wait_shown(qtbot, view, original)
    qtbot.waitUntil(lambda: panel.ui.reverse_button.isEnabled(), timeout=WAIT_MS)

    dialog = open_question(qtbot, panel)
    qtbot.mouseClick(dialog.one_date, Qt.MouseButton.LeftButton)
    assert dialog.chosen_date() == date.today()  # suggested: today, in the open period
    qtbot.mouseClick(dialog.yes_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: f"Batch {original} dibalik" in panel.ui.notice_label.text(), timeout=WAIT_MS
    )
    numbers = sorted(voucher["number"] for voucher in demo.sandbox.vouchers())
    assert numbers == ["JU-00001", "JU-00001-R", "JU-00002", "JU-00002-R"]
