"""The history page, end to end: batches really posted to the demo companies on an in-process
sandbox (real HTTP on 127.0.0.1), the outbox in the test's home, the page driven by its table,
its check boxes and its buttons as an accountant would."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.core.books.journal import JournalEntry
from app.core.excel.reader import ImportOptions, read_workbook
from app.core.excel.template import TEMPLATE_HEADERS
from app.posting.outbox.ledger import EntryStatus, Outbox
from app.posting.report.workbook import rebuild_report
from app.posting.service import outbox_path
from app.profiles.secrets import KeyringUnavailable
from app.sandbox import Faults
from app.setup.demo import Demo
from app.ui.common.tasks import TaskCancelled, TaskState
from app.ui.company.company_bar import CompanySession
from app.ui.history.batch_panel import BatchModel, load_batch
from app.ui.history.page import (
    BATCH,
    ENTRIES,
    FILE,
    OTHERS,
    POSTED,
    REJECTED,
    STATE,
    HistoryModel,
    HistoryView,
    load_history,
)
from app.ui.posting.model import MESSAGES, REFERENCE, REMOTE, STATUS
from app.ui.posting.window import session_company
from app.ui.posting.work import undo_posted
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

PARENT_ACCOUNT = "1-10000"  # a parent account: Accurate refuses vouchers on it


def with_rejected(prefix: str, count: int = 3, bad: int = 2) -> list[JournalEntry]:
    """`count` entries; the `bad`-th debits a parent account, which the server refuses."""
    made = entries(count, prefix=prefix)
    made[bad - 1].lines[0].account = PARENT_ACCOUNT
    return made


def numbers_on_server(demo: Demo) -> list[str]:
    return sorted(voucher["number"] for voucher in demo.sandbox.vouchers())


def cells(view: HistoryView, column: int) -> list[str]:
    proxy = view.batch_view.ui.filter_model
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def answer(qtbot, view: HistoryView, label: str) -> None:
    """Press the button labelled `label` on the question the page is asking."""
    panel = view.batch_view
    qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible(), timeout=WAIT_MS)
    box = panel.dialog
    assert isinstance(box, QMessageBox)
    buttons = {button.text(): button for button in box.buttons()}
    qtbot.mouseClick(buttons[label], Qt.MouseButton.LeftButton)


# --- the lists -------------------------------------------------------------------------------


def test_the_page_lists_batches_newest_first_and_shows_the_chosen_batchs_entries(
    qtbot, demo, limiters, make_history_view
):
    clean = post(demo, limiters, entries(3, prefix="JU"))
    mixed = post(demo, limiters, with_rejected("JV"))
    view = make_history_view(session_of(demo, demo.accurate.name))
    wait_listed(qtbot, view, 2)

    assert listed(view) == [mixed.batch.id, clean.batch.id]
    top = [view.filter_model.index(0, column).data() for column in range(STATE + 1)]
    assert top[FILE] == "Jurnal Agustus.xlsx › Agustus"
    assert top[ENTRIES:] == ["3", "2", "1", "0", "0", "Perlu perhatian"]
    assert view.filter_model.index(1, STATE).data() == "Lengkap"
    assert "2 batch diposting ke Demo Accurate" in view.summary_label.text()

    # The newest batch is chosen by itself: its entries, statuses, numbers and reasons.
    wait_shown(qtbot, view, mixed.batch.id)
    panel = view.batch_view
    assert panel.ui.caption.text() == f"Batch {mixed.batch.id}"
    assert "Accurate Online · 3 jurnal · 2 di pembukuan" in panel.ui.facts.text()
    assert "total debit terposting 4.000,50" in panel.ui.facts.text()  # 1.000,25 + 3.000,25
    assert cells(view, REFERENCE) == ["JV-00001", "JV-00002", "JV-00003"]
    assert cells(view, STATUS) == ["Terposting", "Ditolak", "Terposting"]
    assert cells(view, REMOTE)[0] == "JV-00001" and cells(view, REMOTE)[1] == ""
    assert PARENT_ACCOUNT in cells(view, MESSAGES)[1]  # the server's own reason
    assert not panel.ui.entry_detail.isVisible()
    panel.ui.table.setCurrentIndex(panel.ui.filter_model.index(1, REFERENCE))
    assert panel.ui.entry_detail.isVisible()  # the whole reason, which the column cuts
    assert panel.ui.entry_detail.text().startswith("JV-00002 · Ditolak: ")
    assert PARENT_ACCOUNT in panel.ui.entry_detail.text()
    rejected = panel.ui.filter_model.index(1, STATUS)
    posted = panel.ui.filter_model.index(0, STATUS)
    background = Qt.ItemDataRole.BackgroundRole
    assert rejected.data(background).color() != posted.data(background).color()

    # Choosing the other batch shows its entries instead.
    view.table.selectRow(row_of(view, clean.batch.id))
    wait_shown(qtbot, view, clean.batch.id)
    assert cells(view, REFERENCE) == ["JU-00001", "JU-00002", "JU-00003"]
    assert set(cells(view, STATUS)) == {"Terposting"}


def test_only_batches_with_problems_are_listed_when_asked(qtbot, demo, limiters, make_history_view):
    clean = post(demo, limiters, entries(2, prefix="JU"))
    rejected = post(demo, limiters, with_rejected("JV"))
    again = post(demo, limiters, entries(2, prefix="JU"))  # same entries: already on the books
    reused = entries(1, prefix="JU")
    reused[0].description = "Isi lain, nomor sama"
    duplicate = post(demo, limiters, reused)  # the reference is already used: skipped
    assert numbers_on_server(demo).count("JU-00001") == 1
    view = make_history_view(session_of(demo, demo.accurate.name))
    wait_listed(qtbot, view, 4)
    assert listed(view) == [b.batch.id for b in (duplicate, again, rejected, clean)]

    view.problems_box.setChecked(True)
    assert listed(view) == [duplicate.batch.id, rejected.batch.id]
    assert "2 dari 4 batch" in view.summary_label.text()
    assert "1 dilewati (1 nomor sudah dipakai)" in view.filter_model.index(0, OTHERS).data(
        Qt.ItemDataRole.ToolTipRole
    )
    wait_shown(qtbot, view, duplicate.batch.id)  # the chosen batch left the list; the top shows

    view.problems_box.setChecked(False)
    assert len(listed(view)) == 4
    assert view.selected_batch() == duplicate.batch.id  # the choice stays


def test_reloading_keeps_the_chosen_batch_and_rereads_it_only_when_it_changed(
    qtbot, demo, limiters, make_history_view
):
    older = post(demo, limiters, entries(2, prefix="JU"))
    post(demo, limiters, entries(2, prefix="JV"))
    view = make_history_view(session_of(demo, demo.accurate.name))
    wait_listed(qtbot, view, 2)
    view.table.selectRow(row_of(view, older.batch.id))
    wait_shown(qtbot, view, older.batch.id)
    read = view.batch_view.details

    click(qtbot, view.reload_button)
    wait_listed(qtbot, view, 2)
    assert view.selected_batch() == older.batch.id
    assert view.batch_view.details is read  # unchanged on the books: not read again

    post(demo, limiters, entries(3, prefix="JW"))
    click(qtbot, view.reload_button)
    wait_listed(qtbot, view, 3)
    assert view.selected_batch() == older.batch.id  # a new batch does not steal the choice


def test_a_company_that_never_posted_has_an_empty_history_and_no_file(
    qtbot, demo, make_history_view, tmp_path
):
    view = make_history_view(session_of(demo, demo.sempoa.name))
    wait_listed(qtbot, view, 0)
    assert "Belum ada jurnal yang diposting ke Demo Sempoa" in view.summary_label.text()
    assert not view.batch_view.ui.save_button.isVisible()
    assert load_history(tmp_path, "PT Baru", TaskState()) == []
    assert not outbox_path(tmp_path).exists()


# --- the result report -------------------------------------------------------------------------


def test_the_report_of_a_batch_is_written_from_the_history(
    qtbot, demo, limiters, make_history_view, reports, tmp_path
):
    mixed = post(demo, limiters, with_rejected("JV", count=4, bad=3))
    view = make_history_view(session_of(demo, demo.accurate.name))
    wait_listed(qtbot, view, 1)
    wait_shown(qtbot, view, mixed.batch.id)

    click(qtbot, view.batch_view.ui.save_button)
    notice = view.batch_view.ui.notice_label
    qtbot.waitUntil(lambda: "Laporan disimpan" in notice.text(), timeout=WAIT_MS)
    assert reports == [Path("/data") / f"Jurnal Agustus - hasil posting {mixed.batch.id}.xlsx"]

    target = tmp_path / "hasil.xlsx"
    book = load_workbook(target)
    try:
        # In the window's language (Indonesian), sheet names included.
        results = list(book["Hasil"].iter_rows(min_row=2, values_only=True))
        failed = list(book["Gagal"].iter_rows(values_only=True))
        summary = {row[0]: row[1] for row in book["Ringkasan"].iter_rows(values_only=True)}
    finally:
        book.close()
    assert [(row[1], row[5]) for row in results] == [
        ("JV-00001", "Terposting"),
        ("JV-00002", "Terposting"),
        ("JV-00003", "Ditolak"),
        ("JV-00004", "Terposting"),
    ]
    assert results[0][6] == "JV-00001"  # the number on the server
    # No source workbook: the failed entry in the template's layout, with its reason.
    assert list(failed[0]) == [*TEMPLATE_HEADERS, "Masalah"]
    assert {row[1] for row in failed[1:]} == {"JV-00003"}
    assert PARENT_ACCOUNT in failed[1][-1]
    assert summary["Batch"] == mixed.batch.id
    assert summary["Jurnal"] == 4
    assert summary["Terposting"] == 3 and summary["Ditolak"] == 1

    # The failed sheet reads back as exactly the entry to fix and post again.
    again = read_workbook(target, ImportOptions(sheet="Gagal"))
    assert [entry.reference for entry in again.entries] == ["JV-00003"]
    assert again.entries[0].lines[0].account == PARENT_ACCOUNT


def test_the_rebuilt_report_counts_what_the_outbox_kept(demo, limiters):
    mixed = post(demo, limiters, with_rejected("JV"))
    with Outbox(outbox_path(demo.outbox_home)) as outbox:
        report = rebuild_report(outbox, mixed.batch.id)
    assert report.batch.id == mixed.batch.id and report.batch.finished_at is not None
    assert [row.reference for row in report.entries] == ["JV-00001", "JV-00002", "JV-00003"]
    progress = report.progress
    assert (progress.total, progress.posted, progress.rejected) == (3, 2, 1)
    assert progress.elapsed >= 0.0


# --- undo --------------------------------------------------------------------------------------


def test_undo_asks_then_deletes_exactly_that_batchs_vouchers(
    qtbot, demo, limiters, make_history_view
):
    kept = post(demo, limiters, entries(2, prefix="JU"))
    undone = post(demo, limiters, with_rejected("JV"))
    assert numbers_on_server(demo) == ["JU-00001", "JU-00002", "JV-00001", "JV-00003"]
    view = make_history_view(session_of(demo, demo.accurate.name))
    wait_listed(qtbot, view, 2)
    wait_shown(qtbot, view, undone.batch.id)
    panel = view.batch_view

    click(qtbot, panel.ui.undo_button)
    qtbot.waitUntil(lambda: panel.dialog is not None, timeout=WAIT_MS)
    assert sorted(button.text() for button in panel.dialog.buttons()) == ["Batal", "Ya, hapus"]
    assert f"Hapus 2 jurnal yang diposting batch {undone.batch.id}" in panel.dialog.text()
    answer(qtbot, view, "Batal")
    assert len(demo.sandbox.vouchers()) == 4

    click(qtbot, panel.ui.undo_button)
    answer(qtbot, view, "Ya, hapus")
    qtbot.waitUntil(
        lambda: "Dihapus dari pembukuan: 2 jurnal" in panel.ui.notice_label.text(), timeout=WAIT_MS
    )
    assert numbers_on_server(demo) == ["JU-00001", "JU-00002"]

    # The lists reload: the batch stays chosen, its entries say what happened.
    qtbot.waitUntil(lambda: cells(view, STATUS)[0] == "Dibatalkan", timeout=WAIT_MS)
    wait_shown(qtbot, view, undone.batch.id)
    assert cells(view, STATUS) == ["Dibatalkan", "Ditolak", "Dibatalkan"]
    assert "Dihapus dari pembukuan lewat Jurnal Desk" in cells(view, MESSAGES)[0]
    assert not panel.ui.undo_button.isVisible()  # nothing posted is left to undo
    states = {view.filter_model.index(r, BATCH).data(): view.filter_model.index(r, STATE).data()
              for r in range(2)}  # fmt: skip
    assert states == {undone.batch.id: "Perlu perhatian", kept.batch.id: "Lengkap"}


def test_check_against_the_books_reads_the_batch_back_and_names_what_changed(
    qtbot, demo, limiters, make_history_view
):
    posted = post(demo, limiters, entries(3, prefix="JU"))
    view = make_history_view(session_of(demo, demo.accurate.name))
    wait_listed(qtbot, view, 1)
    wait_shown(qtbot, view, posted.batch.id)
    panel = view.batch_view
    qtbot.waitUntil(lambda: panel.ui.verify_button.isVisible(), timeout=WAIT_MS)

    click(qtbot, panel.ui.verify_button)
    qtbot.waitUntil(lambda: "Terverifikasi: 3 voucher" in panel.ui.notice_label.text(),
                    timeout=WAIT_MS)  # fmt: skip

    def halved(voucher):
        for line in voucher["detailJournalVoucher"]:
            line["amount"] = "1.00"
        return voucher

    demo.sandbox.edit_voucher_in_app("JU-00002", halved)
    click(qtbot, panel.ui.verify_button)
    qtbot.waitUntil(lambda: "2 cocok, 1 berbeda" in panel.ui.notice_label.text(), timeout=WAIT_MS)
    assert "JU-00002: baris jurnal berbeda" in panel.ui.notice_label.text()
    assert panel.ui.notice_label.property("kind") == "error"


def test_the_batch_panel_shows_how_many_entries_are_removed_so_far(
    qtbot, demo, limiters, make_history_view
):
    batch = post(demo, limiters, entries(4, prefix="JU")).batch
    view = make_history_view(session_of(demo, demo.accurate.name))
    wait_shown(qtbot, view, batch.id)
    demo.sandbox.faults = Faults(latency_ms=300)  # each deletion takes a moment
    view.batch_view.undo()  # as after "Ya, hapus"
    panel = view.batch_view
    qtbot.waitUntil(
        lambda: (
            f"batch {batch.id} dari pembukuan: 2 dari 4 sudah dihapus"
            in panel.ui.notice_label.text()
        ),
        timeout=WAIT_MS,
    )
    qtbot.waitUntil(
        lambda: "Dihapus dari pembukuan: 4 jurnal" in panel.ui.notice_label.text(), timeout=WAIT_MS
    )


def test_an_undo_stopped_half_way_loses_nothing_and_can_go_on(demo, limiters):
    """The window closing mid-undo cancels the task: it stops between deletions, and every
    voucher deleted so far is recorded as undone."""
    batch = post(demo, limiters, entries(5, prefix="JU")).batch
    session = session_of(demo, demo.accurate.name)
    connect = session_company(session, limiters)
    seen: list[tuple[int, int]] = []

    def report(progress) -> None:
        seen.append((progress.done, progress.total))
        if progress.done == 2:
            state.cancel.set()

    state = TaskState(report)
    with pytest.raises(TaskCancelled):
        undo_posted(connect, demo.outbox_home, batch, state)
    assert seen == [(1, 5), (2, 5)]
    assert numbers_on_server(demo) == ["JU-00003", "JU-00004", "JU-00005"]
    with Outbox(outbox_path(demo.outbox_home)) as outbox:
        assert outbox.counts(batch.id) == {EntryStatus.UNDONE: 2, EntryStatus.POSTED: 3}

    done = undo_posted(connect, demo.outbox_home, batch, TaskState())
    session.end()
    assert len(done.undone) == 3 and demo.sandbox.vouchers() == []


def test_a_fully_undone_batch_reads_as_undone(qtbot, demo, limiters, make_history_view):
    batch = post(demo, limiters, entries(2, prefix="JU"))
    view = make_history_view(session_of(demo, demo.accurate.name))
    wait_shown(qtbot, view, batch.batch.id)
    view.batch_view.undo()  # as after "Ya, hapus"
    qtbot.waitUntil(
        lambda: view.filter_model.index(0, STATE).data() == "Dibatalkan", timeout=WAIT_MS
    )
    assert demo.sandbox.vouchers() == []
    view.problems_box.setChecked(True)
    assert listed(view) == []  # an undo is the accountant's choice, not a problem


def test_entries_posted_before_by_a_batch_since_removed_read_as_removed_too(
    qtbot, demo, limiters, make_history_view
):
    first = post(demo, limiters, entries(2, prefix="JU"))
    # Posted again with one new entry: the two old ones are skipped as already on the books.
    again = post(demo, limiters, entries(3, prefix="JU"))
    assert again.count(EntryStatus.SKIPPED) == 2 and again.count(EntryStatus.POSTED) == 1
    view = make_history_view(session_of(demo, demo.accurate.name))
    wait_listed(qtbot, view, 2)
    assert view.filter_model.index(0, STATE).data() == "Lengkap"

    view.select_batch(first.batch.id)
    wait_shown(qtbot, view, first.batch.id)
    view.batch_view.undo()  # as after "Ya, hapus": the two vouchers leave the books
    qtbot.waitUntil(
        lambda: view.filter_model.index(1, STATE).data() == "Dibatalkan", timeout=WAIT_MS
    )
    assert numbers_on_server(demo) == ["JU-00003"]
    # The later batch said its two were on the books "already": not any more.
    assert view.filter_model.index(0, STATE).data() == "Perlu perhatian"
    view.select_batch(again.batch.id)
    wait_shown(qtbot, view, again.batch.id)
    panel = view.batch_view
    assert cells(view, STATUS) == ["Dibatalkan", "Dibatalkan", "Terposting"]
    assert "Posting sebelumnya sudah dihapus dari pembukuan" in cells(view, MESSAGES)[0]
    assert "3 jurnal · 1 di pembukuan" in panel.ui.facts.text()

    rows = load_history(demo.outbox_home, demo.accurate.name, TaskState())
    later = next(row for row in rows if row.batch_id == again.batch.id)
    assert later.summary.undone == 2 and later.summary.skipped == 0


def test_a_sempoa_batch_explains_that_it_cannot_be_undone(qtbot, demo, limiters, make_history_view):
    items = entries(2, prefix="PB", accounts=(SEMPOA_DEBIT, SEMPOA_CREDIT))
    batch = post(demo, limiters, items, sempoa=True)
    view = make_history_view(session_of(demo, demo.sempoa.name))
    wait_shown(qtbot, view, batch.batch.id)
    panel = view.batch_view
    assert not panel.ui.undo_button.isVisible()
    assert panel.ui.save_button.isVisible() and panel.ui.save_button.isEnabled()
    assert "Sempoa tidak menyediakan penghapusan jurnal lewat API" in panel.ui.notice_label.text()
    panel.ask_undo()  # even when asked directly, nothing is deleted
    assert panel.dialog is None and len(demo.sandbox.sempoa_journals()) == 2


class NoKeyring:
    """Secrets on a machine whose password store does not work."""

    def get_token(self, profile_name: str) -> str:
        raise KeyringUnavailable("keyring.backends.fail.Keyring")

    get_secret = get_token


def test_an_undo_that_cannot_connect_says_why_in_english(
    qtbot, demo, limiters, make_history_view, english
):
    batch = post(demo, limiters, entries(2, prefix="JU"))
    profile = demo.accurate
    view = make_history_view(CompanySession(profile, NoKeyring(), demo.outbox_home))  # type: ignore[arg-type]
    wait_shown(qtbot, view, batch.batch.id)
    panel = view.batch_view
    click(qtbot, panel.ui.undo_button)
    answer(qtbot, view, "Yes, delete")
    qtbot.waitUntil(lambda: panel.ui.notice_label.property("kind") == "error", timeout=WAIT_MS)
    text = panel.ui.notice_label.text()
    assert text.startswith("This batch's entries could not all be removed from the books.")
    assert "keyring" in text.lower()
    assert len(demo.sandbox.vouchers()) == 2
    wait_shown(qtbot, view, batch.batch.id)
    assert set(cells(view, STATUS)) == {"Posted"}
    qtbot.waitUntil(panel.ui.undo_button.isEnabled, timeout=WAIT_MS)  # it can be tried again


def test_a_broken_history_file_is_explained_in_english(qtbot, demo, make_history_view, english):
    outbox_path(demo.outbox_home).write_bytes(b"this is not a database" * 100)
    view = make_history_view(session_of(demo, demo.accurate.name))
    qtbot.waitUntil(lambda: view.summary_label.property("problem") is True, timeout=WAIT_MS)
    assert "The posting history file" in view.summary_label.text()
    assert "is damaged" in view.summary_label.text()
    assert "Copy the file somewhere safe" in view.summary_label.text()


# --- big batches and the models ------------------------------------------------------------


@pytest.mark.slow
def test_a_25000_entry_batch_loads_on_a_worker_into_the_table(qtbot, demo, make_history_view):
    with Outbox(outbox_path(demo.outbox_home)) as outbox:
        batch = outbox.create_batch(demo.accurate.name, "accurate", entries(25_000))
        rows = outbox.entries(batch.id)
        outbox.mark(rows[-1].id, EntryStatus.REJECTED, ["Akun tidak aktif"])
    view = make_history_view(session_of(demo, demo.accurate.name))
    wait_listed(qtbot, view, 1)
    wait_shown(qtbot, view, batch.id)
    model = view.batch_view.model
    assert model.rowCount() == 25_000
    assert model.index(24_999, REFERENCE).data() == "JV-25000"
    assert model.index(24_999, STATUS).data() == "Ditolak"
    assert view.filter_model.index(0, ENTRIES).data() == "25.000"
    view.batch_view.ui.attention_box.setChecked(True)
    assert view.batch_view.ui.filter_model.rowCount() == 25_000  # none sent yet: all to act on
    assert view.filter_model.index(0, POSTED).data() == "0"


def test_the_models_pass_the_qt_model_checks(
    qtbot, qtmodeltester, demo, limiters, make_history_view
):
    post(demo, limiters, entries(2, prefix="JU"))
    mixed = post(demo, limiters, with_rejected("JV"))
    rows = load_history(demo.outbox_home, demo.accurate.name, TaskState())
    history = HistoryModel()
    history.set_rows(rows)
    qtmodeltester.check(history)
    assert history.rowCount() == 2 and history.index(0, REJECTED).data() == "1"

    details = load_batch(demo.outbox_home, mixed.batch.id, "id", TaskState())
    batch = BatchModel()
    batch.set_rows(details.rows)
    qtmodeltester.check(batch)
    assert batch.rowCount() == 3

    view = make_history_view(session_of(demo, demo.accurate.name))
    wait_shown(qtbot, view, mixed.batch.id)
    view.problems_box.setChecked(True)
    qtmodeltester.check(view.filter_model)
    view.batch_view.ui.attention_box.setChecked(True)
    qtmodeltester.check(view.batch_view.ui.filter_model)
    assert view.batch_view.ui.filter_model.rowCount() == 1


def test_reading_a_batch_back_says_how_many_vouchers_are_back(
    qtbot, demo, limiters, make_history_view
):
    batch = post(demo, limiters, entries(6, prefix="JU")).batch
    view = make_history_view(session_of(demo, demo.accurate.name))
    wait_shown(qtbot, view, batch.id)
    panel = view.batch_view
    qtbot.waitUntil(lambda: panel.ui.verify_button.isVisible(), timeout=WAIT_MS)
    demo.sandbox.faults = Faults(latency_ms=200)  # each look-up takes a moment
    notices: list[str] = []
    panel.verify_runner.progress_changed.connect(
        lambda _p: notices.append(panel.ui.notice_label.text())
    )

    click(qtbot, panel.ui.verify_button)

    qtbot.waitUntil(lambda: "Terverifikasi: 6 voucher" in panel.ui.notice_label.text(),
                    timeout=WAIT_MS)  # fmt: skip
    assert notices, "no progress while reading back"
    assert all(f"batch {batch.id} dari pembukuan: " in notice for notice in notices)
    assert any(notice.endswith("dari 6…") for notice in notices)


def test_the_reading_back_notice_gives_the_time_left_once_the_pace_is_known(english):
    from app.ui.history.batch_words import verifying_text
    from app.ui.posting.work import Pace

    assert Pace(37, 3.7).seconds_left(200 - 37) == pytest.approx(16.3)
    text = verifying_text("B1", 37, 200, 20.4)
    assert text.id == "Membaca ulang batch B1 dari pembukuan: 37 dari 200 · sisa ± 20 dtk"
    assert text.get() == "Reading batch B1 back from the books: 37 of 200 · about 20 s left"
    assert verifying_text("B1", 3, 200, None).get().endswith(": 3 of 200…")
