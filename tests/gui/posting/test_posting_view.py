"""The posting view, end to end: the demo companies on an in-process sandbox (real HTTP on
127.0.0.1), the outbox in the test's home, the view driven by its buttons as a user would."""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.api.errors import network_error
from app.core.books.journal import JournalEntry, JournalLine
from app.core.i18n import set_language
from app.posting.engine import Progress as EngineProgress
from app.posting.outbox.ledger import EntryStatus, Outbox
from app.posting.reasons import EntryReason
from app.profiles.secrets import KeyringUnavailable
from app.sandbox import DEMO_ACCURATE_TOKEN, Faults, Sandbox
from app.setup.demo import Demo, start_demo
from app.setup.session import CompanySession
from app.ui.posting.model import ALREADY, INVALID, MESSAGES, STATUS, STATUS_ROLE, PostingModel
from app.ui.posting.window import (
    Phase,
    PostingView,
    duration_text,
    session_company,
)
from tests.helpers.posting_helpers import (
    ACCURATE_CREDIT,
    ACCURATE_DEBIT,
    BRANCH_PATHS,
    SEMPOA_CREDIT,
    SEMPOA_DEBIT,
    accurate_client,
    chart_requests,
    entries,
)
from tests.helpers.posting_windows import (
    STOP_WAIT,
    WAIT_MS,
    Session,
    answer,
    run_to_end,
)


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("id")


def statuses(view: PostingView) -> dict:
    return view.model.counts()


def posted(view: PostingView) -> int:
    return statuses(view).get(EntryStatus.POSTED, 0)


def numbers_on_server(demo: Demo) -> list[str]:
    return sorted(voucher["number"] for voucher in demo.sandbox.vouchers())


def references(items: list[JournalEntry]) -> list[str]:
    return sorted(entry.reference for entry in items)


def click(qtbot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# --- posting ---------------------------------------------------------------------------------


def test_a_post_from_the_window_reads_the_chart_once(qtbot, start, make_posting_view, limiters):
    """On the window's company session (one client for its tasks), the check's reading of
    the chart and the branches is the one the post uses."""
    demo = start()
    name = demo.accurate.name
    session = CompanySession(demo.profile(name), demo.secrets, demo.outbox_home, demo=demo)
    try:
        with session.company(limiters) as company:  # how many requests one reading takes
            before = len(demo.sandbox.request_log())
            company.chart()
            once = chart_requests(demo.sandbox, before)
        view = make_posting_view(demo, entries(3), connect=session_company(session, limiters))
        before = len(demo.sandbox.request_log())
        report = run_to_end(qtbot, view, view.start)
        assert report.complete and len(demo.sandbox.vouchers()) == 3
        assert once >= 1 and chart_requests(demo.sandbox, before) == once
        assert chart_requests(demo.sandbox, before, BRANCH_PATHS) == 1
    finally:
        session.end()


def test_thirty_entries_are_posted_once_and_the_table_shows_them(qtbot, start, make_posting_view):
    demo = start()
    items = entries(30)
    view = make_posting_view(demo, items)

    report = run_to_end(qtbot, view, view.start)

    assert statuses(view) == {EntryStatus.POSTED: 30}
    assert numbers_on_server(demo) == references(items)  # each once
    assert report.complete and view.phase is Phase.DONE
    assert "Semua 30 jurnal sudah ada di pembukuan" in view.ui.banner.text()
    assert view.ui.banner.property("kind") == "ok"
    assert view.ui.progress_bar.value() == view.ui.progress_bar.maximum() == 30
    # The count beside the bar, in one colour, not half white over the bar's filled end.
    assert not view.ui.progress_bar.isTextVisible()
    assert view.ui.progress_label.text() == "30 / 30 jurnal · 100%"
    assert view.ui.stat_posted.value.text() == "30" and view.ui.stat_rejected.value.text() == "0"
    # Thirty entries in well under three seconds: too little to tell a speed from.
    assert "jurnal/dtk" not in view.ui.rate_label.text()
    assert view.ui.rate_label.text().startswith("selesai dalam")
    assert view.pace.sent == 30
    row = view.model.row_of("JV-00007")
    assert view.model.index(row, STATUS).data() == "Terposting"
    assert view.model.index(row, STATUS).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "JV-00007" in view.model.index(row, MESSAGES).data()  # the server's own message
    assert view.ui.undo_button.isVisible() and view.ui.save_button.isVisible()
    assert not view.ui.again_button.isVisible()  # nothing left to do

    # Posting the same entries again sends nothing: they are on the books already, and no
    # empty batch is added to the history.
    requests_before = len(demo.sandbox.request_log())
    report = run_to_end(qtbot, view, view.resume)
    saves = [r for r in demo.sandbox.request_log()[requests_before:] if "save" in r.path]
    assert saves == [] and len(demo.sandbox.vouchers()) == 30
    assert report.count(EntryStatus.SKIPPED) == 30 and report.complete
    assert statuses(view) == {ALREADY: 30}  # shown as on the books, not as a problem
    assert view.model.index(0, STATUS).data() == "Sudah terposting"
    assert "Semua jurnal sudah ada di pembukuan; tidak ada yang dikirim" in view.ui.banner.text()
    assert "30 sudah terposting sebelumnya" in view.ui.banner.text()
    assert "tidak ada yang dikirim" in view.ui.rate_label.text()
    with Outbox(demo.outbox_home / "outbox.sqlite3") as outbox:
        assert [batch.id for batch in outbox.batches()] == [report.batch.id]


def test_an_invalid_entry_blocks_posting_until_only_valid_is_chosen(
    qtbot, start, make_posting_view
):
    demo = start()
    items = entries(5)
    items[2].lines[0] = JournalLine("9-99999", debit=items[2].lines[0].debit, row=6)
    view = make_posting_view(demo, items)

    view.start()
    qtbot.waitUntil(lambda: view.phase is Phase.PROBLEMS, timeout=WAIT_MS)
    assert view.ui.problems_panel.isVisible()
    assert view.ui.problems_title.text().startswith("1 masalah pada 1 jurnal")
    assert any("9-99999" in line for line in view.ui.problems_model.stringList())
    assert view.model.status(view.model.row_of("JV-00003")) == INVALID
    assert view.ui.only_valid_button.text() == "Posting yang valid saja"
    assert demo.sandbox.vouchers() == []

    click(qtbot, view.ui.decline_button)
    assert view.phase is Phase.IDLE and "Tidak ada yang dikirim" in view.ui.banner.text()
    assert demo.sandbox.vouchers() == []

    click(qtbot, view.ui.again_button)  # "Periksa lagi": checked again, still a problem
    qtbot.waitUntil(lambda: view.phase is Phase.PROBLEMS, timeout=WAIT_MS)
    report = run_to_end(qtbot, view, lambda: click(qtbot, view.ui.only_valid_button))

    assert numbers_on_server(demo) == ["JV-00001", "JV-00002", "JV-00004", "JV-00005"]
    assert report.count(EntryStatus.POSTED) == 4
    assert statuses(view) == {EntryStatus.POSTED: 4, INVALID: 1}
    assert "1 tidak valid (tidak dikirim)" in view.ui.banner.text()
    view.ui.attention_box.setChecked(True)  # only what needs attention: the invalid entry
    assert view.ui.filter_model.rowCount() == 1
    assert view.ui.filter_model.index(0, 1).data() == "JV-00003"


def test_entries_without_a_branch_are_caught_before_sending(qtbot, jurnal_home, make_posting_view):
    demo = start_demo(jurnal_home, sandbox=Sandbox(enforce_rate_limit=False), multi_branch=True)
    try:
        # A profile whose company has several branches but no default branch chosen.
        demo.profiles = [dataclasses.replace(p, branch=None) for p in demo.profiles]
        items = entries(3)
        items[1].branch = "cabang surabaya"
        view = make_posting_view(demo, items)

        view.start()
        qtbot.waitUntil(lambda: view.phase is Phase.PROBLEMS, timeout=WAIT_MS)
        assert view.ui.problems_title.text().startswith("2 masalah pada 2 jurnal")
        shown = view.ui.problems_model.stringList()
        assert sum("Isi kolom Cabang atau pilih cabang utama" in line for line in shown) == 2
        assert view.model.status(view.model.row_of("JV-00001")) == INVALID
        assert demo.sandbox.vouchers() == []

        report = run_to_end(qtbot, view, lambda: click(qtbot, view.ui.only_valid_button))
        assert report.count(EntryStatus.POSTED) == 1
        assert [(v["number"], v["branchName"]) for v in demo.sandbox.vouchers()] == [
            ("JV-00002", "Cabang Surabaya")  # in the company's spelling
        ]
    finally:
        demo.stop()


@pytest.mark.slow
def test_stopping_mid_run_then_resuming_posts_every_entry_exactly_once(
    qtbot, start, make_posting_view
):
    demo = start(Faults(latency_ms=300))
    items = entries(30)
    view = make_posting_view(demo, items)

    view.start()
    qtbot.waitUntil(lambda: posted(view) >= 5, timeout=WAIT_MS)  # the table fills as it goes
    with qtbot.waitSignal(view.finished, timeout=WAIT_MS) as blocker:
        click(qtbot, view.ui.stop_button)
        assert view.phase is Phase.STOPPING and "Menghentikan" in view.ui.banner.text()
    first = blocker.args[0]

    assert first.cancelled and 5 <= first.count(EntryStatus.POSTED) < 30
    assert "Posting dihentikan" in view.ui.banner.text()
    assert view.ui.again_button.text() == "Lanjutkan"
    assert statuses(view)[EntryStatus.PENDING] == 30 - first.count(EntryStatus.POSTED)
    assert len(demo.sandbox.vouchers()) == first.count(EntryStatus.POSTED)

    second = run_to_end(qtbot, view, lambda: click(qtbot, view.ui.again_button))

    assert second.batch.id == first.batch.id and second.complete
    assert statuses(view) == {EntryStatus.POSTED: 30}
    assert numbers_on_server(demo) == references(items)  # 30 vouchers, none twice


def test_a_token_revoked_mid_run_stops_with_the_reason_and_the_remedy(
    qtbot, start, make_posting_view
):
    demo = start(Faults(latency_ms=150))
    view = make_posting_view(demo, entries(30))

    view.start()
    qtbot.waitUntil(lambda: posted(view) >= 5, timeout=WAIT_MS)
    with qtbot.waitSignal(view.finished, timeout=WAIT_MS) as blocker:
        demo.sandbox.revoke(DEMO_ACCURATE_TOKEN)
    report = blocker.args[0]

    assert report.stopped_by is not None
    banner = view.ui.banner.text()
    assert "Posting berhenti sebelum selesai" in banner
    assert "API Token tidak valid atau sudah dicabut" in banner  # the reason
    assert html.escape(report.stopped_by.id) in banner  # with the remedy the service layer gives
    assert view.ui.banner.property("kind") == "error"
    assert view.ui.again_button.text() == "Lanjutkan"
    assert posted(view) == len(demo.sandbox.vouchers()) < 30


@pytest.mark.slow
def test_closing_while_posting_asks_to_stop_and_closes_once_requests_finish(
    qtbot, start, make_posting_view
):
    demo = start(Faults(latency_ms=300))
    view = make_posting_view(demo, entries(30))
    view.start()
    qtbot.waitUntil(lambda: posted(view) >= 1, timeout=WAIT_MS)

    assert view.close() is False  # still posting: the view asks first
    assert view.isVisible()
    answer(qtbot, view, "Hentikan dan tutup")

    qtbot.waitUntil(lambda: not view.isVisible(), timeout=WAIT_MS)
    report = view.report
    assert report is not None and report.cancelled
    assert posted(view) == report.count(EntryStatus.POSTED) == len(demo.sandbox.vouchers())


def test_keep_posting_leaves_the_run_going(qtbot, start, make_posting_view):
    demo = start(Faults(latency_ms=100))
    view = make_posting_view(demo, entries(30))
    with qtbot.waitSignal(view.finished, timeout=WAIT_MS):
        view.start()
        qtbot.waitUntil(lambda: view.phase is Phase.POSTING, timeout=WAIT_MS)
        view.close()
        answer(qtbot, view, "Teruskan posting")
    assert view.isVisible() and statuses(view) == {EntryStatus.POSTED: 30}


@pytest.mark.slow
def test_shutting_down_mid_run_waits_for_requests_under_way_and_loses_nothing(
    qtbot, start, make_posting_view
):
    demo = start(Faults(latency_ms=300))
    view = make_posting_view(demo, entries(30))
    view.start()
    qtbot.waitUntil(lambda: posted(view) >= 1, timeout=WAIT_MS)

    assert view.shutdown(STOP_WAIT) is True  # the window is closing: nothing left running

    with Outbox(demo.outbox_home / "outbox.sqlite3") as outbox:
        (batch,) = outbox.batches()
        counts = outbox.counts(batch.id)
    assert set(counts) == {EntryStatus.POSTED, EntryStatus.PENDING}  # none left uncertain
    assert counts[EntryStatus.POSTED] == len(demo.sandbox.vouchers()) < 30
    assert view.close()  # a shut-down view closes without asking


# --- after the run ----------------------------------------------------------------------------


def test_the_report_button_writes_the_result_workbook(qtbot, start, make_posting_view, tmp_path):
    demo = start()
    target = tmp_path / "hasil.xlsx"
    asked: list[Path] = []

    def choose(_parent, suggested: Path) -> Path:
        asked.append(suggested)
        return target

    view = make_posting_view(demo, entries(4), bulk=True, choose_report_path=choose)
    run_to_end(qtbot, view, view.start)

    click(qtbot, view.ui.save_button)
    qtbot.waitUntil(lambda: "Laporan disimpan" in view.ui.notice_label.text(), timeout=WAIT_MS)

    assert asked and asked[0].suffix == ".xlsx"
    book = load_workbook(target)
    try:
        rows = list(book["Hasil"].iter_rows(min_row=2, values_only=True))
    finally:
        book.close()
    assert [row[1] for row in rows] == ["JV-00001", "JV-00002", "JV-00003", "JV-00004"]
    assert {row[5] for row in rows} == {"Terposting"}


def test_a_language_switch_rewrites_the_report_notice_and_the_rest(
    qtbot, start, make_posting_view, tmp_path
):
    demo = start()
    target = tmp_path / "hasil.xlsx"
    view = make_posting_view(demo, entries(2), bulk=True, choose_report_path=lambda *_: target)
    run_to_end(qtbot, view, view.start)
    click(qtbot, view.ui.save_button)
    qtbot.waitUntil(lambda: "Laporan disimpan" in view.ui.notice_label.text(), timeout=WAIT_MS)

    set_language("en")
    try:
        view.retranslate()
        assert view.ui.notice_label.text() == f"Report saved: {target}"
        assert view.windowTitle().startswith("Posting to ")  # what follows the notice too
        assert view.ui.target_label.text().startswith("to ")
    finally:
        set_language("id")


def test_undo_asks_with_indonesian_buttons_and_deletes_only_after_yes(
    qtbot, start, make_posting_view
):
    demo = start()
    view = make_posting_view(demo, entries(3), bulk=True)
    run_to_end(qtbot, view, view.start)

    click(qtbot, view.ui.undo_button)
    qtbot.waitUntil(lambda: view.dialog is not None, timeout=WAIT_MS)
    assert sorted(button.text() for button in view.dialog.buttons()) == ["Batal", "Ya, hapus"]
    answer(qtbot, view, "Batal")
    assert len(demo.sandbox.vouchers()) == 3 and view.phase is Phase.DONE

    click(qtbot, view.ui.undo_button)
    answer(qtbot, view, "Ya, hapus")
    qtbot.waitUntil(lambda: statuses(view) == {EntryStatus.UNDONE: 3}, timeout=WAIT_MS)
    assert demo.sandbox.vouchers() == []
    assert "Dihapus dari pembukuan: 3 jurnal" in view.ui.banner.text()
    assert view.model.index(0, STATUS).data() == "Dibatalkan"
    assert view.report is not None and view.report.count(EntryStatus.UNDONE) == 3


def test_undo_leaves_a_voucher_it_cannot_prove_is_the_entrys_and_says_so(
    qtbot, start, make_posting_view
):
    demo = start()
    theirs = JournalEntry(
        date=entries(1)[0].date,
        reference="LAIN/001",
        description="Dicatat di Accurate",
        lines=[
            JournalLine(ACCURATE_DEBIT, debit=Decimal(100)),
            JournalLine(ACCURATE_CREDIT, credit=Decimal(100)),
        ],
    )
    with accurate_client(demo.sandbox) as client:
        assert client.save_voucher(theirs).ok
    # The first save is answered with the id of that voucher: recorded, nothing to compare.
    demo.sandbox.accurate_faults().misanswer_saves("reused_id", count=1)
    view = make_posting_view(demo, entries(2), bulk=False)
    run_to_end(qtbot, view, view.start)
    click(qtbot, view.ui.undo_button)
    answer(qtbot, view, "Ya, hapus")
    qtbot.waitUntil(lambda: statuses(view).get(EntryStatus.UNDONE) == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "Tidak dihapus: 1 jurnal" in view.ui.banner.text(), timeout=WAIT_MS)
    assert "Dihapus dari pembukuan: 1 jurnal" in view.ui.banner.text()
    left = sorted(voucher["number"] for voucher in demo.sandbox.vouchers())
    assert "LAIN/001" in left and len(left) == 2  # someone else's voucher was not deleted


@pytest.mark.slow
def test_undo_shows_how_many_entries_are_removed_so_far(qtbot, start, make_posting_view):
    demo = start(Faults(latency_ms=300))
    view = make_posting_view(demo, entries(4))
    report = run_to_end(qtbot, view, view.start)
    click(qtbot, view.ui.undo_button)
    answer(qtbot, view, "Ya, hapus")
    batch = html.escape(report.batch.id)
    qtbot.waitUntil(
        lambda: f"batch {batch} dari pembukuan: 2 dari 4 sudah dihapus" in view.ui.banner.text(),
        timeout=WAIT_MS,
    )
    assert view.phase is Phase.UNDOING
    qtbot.waitUntil(lambda: statuses(view) == {EntryStatus.UNDONE: 4}, timeout=WAIT_MS)
    assert "Dihapus dari pembukuan: 4 jurnal" in view.ui.banner.text()


def test_sempoa_posts_without_an_undo_button(qtbot, start, make_posting_view):
    demo = start()
    items = entries(3, prefix="PB", accounts=(SEMPOA_DEBIT, SEMPOA_CREDIT))
    view = make_posting_view(demo, items, sempoa=True)
    report = run_to_end(qtbot, view, view.start)
    assert report.complete and len(demo.sandbox.sempoa_journals()) == 3
    assert view.ui.save_button.isVisible() and not view.ui.undo_button.isVisible()


# --- errors -----------------------------------------------------------------------------------


def test_a_keyring_problem_is_explained_in_english_when_the_app_is_in_english(
    qtbot, start, make_posting_view, english
):
    def no_keyring():
        raise KeyringUnavailable("keyring.backends.fail.Keyring")

    demo = start()
    view = make_posting_view(demo, entries(2), connect=no_keyring)
    view.start()
    qtbot.waitUntil(lambda: view.phase is Phase.FAILED, timeout=WAIT_MS)
    assert "Could not continue" in view.ui.banner.text()
    assert "keyring" in view.ui.banner.text().lower()
    assert view.ui.banner.property("kind") == "error"
    assert view.ui.again_button.text() == "Try again"
    assert demo.sandbox.vouchers() == []


def test_the_network_down_is_explained_and_try_again_posts(
    qtbot, start, make_posting_view, limiters
):
    demo = start()
    working = session_company(Session(demo, demo.accurate.name), limiters, bulk=True)
    calls = []

    def flaky():
        calls.append(1)
        if len(calls) == 1:
            raise network_error("Accurate Online", "127.0.0.1", "connection refused")
        return working()

    view = make_posting_view(demo, entries(3), connect=flaky)
    view.start()
    qtbot.waitUntil(lambda: view.phase is Phase.FAILED, timeout=WAIT_MS)
    assert "Tidak bisa terhubung ke Accurate Online" in view.ui.banner.text()
    assert "Periksa koneksi internet" in view.ui.banner.text()

    report = run_to_end(qtbot, view, lambda: click(qtbot, view.ui.again_button))
    assert report.complete and len(demo.sandbox.vouchers()) == 3


# --- pieces ------------------------------------------------------------------------------------


def test_the_model_passes_the_model_tester_through_a_whole_run(qtmodeltester, tmp_path):
    items = entries(6)
    model = PostingModel(items)
    qtmodeltester.check(model)
    with Outbox(tmp_path / "outbox.sqlite3") as outbox:
        batch = outbox.create_batch("PT Demo", "accurate", items[:5])
        rows = outbox.entries(batch.id)
        outbox.mark_posted(rows[0].id, remote_id="1001", remote_number="JV.2026.08.00001")
        outbox.mark(rows[1].id, EntryStatus.REJECTED, ['Akun Perkiraan "1-1100" sudah non-aktif'])
        outbox.mark(
            rows[2].id,
            EntryStatus.SKIPPED,
            reason=EntryReason.ALREADY_POSTED,
            earlier_batch="20260801-old",
        )
        outbox.mark_sending([rows[3].id])
        changed = model.apply(outbox.entries(batch.id))
    model.mark_invalid({"JV-00006"}, [])
    qtmodeltester.check(model)

    assert changed == 4  # the fifth is still waiting, as it was
    cell = {
        status: model.index(row, STATUS).data()
        for row, status in enumerate(model.data(model.index(r, 0), STATUS_ROLE) for r in range(6))
    }
    assert cell == {
        "posted": "Terposting",
        "rejected": "Ditolak",
        "already-posted": "Sudah terposting",
        "sending": "Sedang dikirim",
        "pending": "Menunggu",
        "invalid": "Tidak valid",
    }
    assert model.index(0, 6).data() == "JV.2026.08.00001"
    assert model.index(1, MESSAGES).data() == 'Akun Perkiraan "1-1100" sudah non-aktif'
    assert "Sudah diposting sebelumnya" in model.index(2, MESSAGES).data()
    assert model.index(0, 4).data() == "1.000,25"  # Indonesian amounts
    assert [model.needs_attention(row) for row in range(6)] == [
        False,
        True,
        False,
        True,
        False,
        True,
    ]


def test_updates_the_window_has_not_taken_merge_keeping_the_latest_reading_of_each_row(
    tmp_path,
):
    from app.core.tasks import EMPTY, TaskState
    from app.ui.posting.work import RunWatch

    state = TaskState()
    with Outbox(tmp_path / "outbox.sqlite3") as outbox:
        watch = RunWatch(outbox, state)
        batch = outbox.create_batch("PT Demo", "accurate", entries(3))
        watch.progress(EngineProgress(total=3, batch_id=batch.id))  # the whole batch, once
        first = outbox.entries(batch.id)
        outbox.mark_posted(first[0].id, remote_number="JV-00001")
        other = outbox.create_batch("PT Demo", "accurate", entries(1, prefix="JU"))
        outbox.mark(outbox.entries(other.id)[0].id, EntryStatus.UNCERTAIN)  # another batch
        progress = EngineProgress(total=3, posted=1, requests=1, batch_id=batch.id)
        watch.progress(progress)
        progress.posted = 2  # the engine goes on changing its own
        update = state.take_partial_result()
    assert update.progress.posted == 1
    assert {row.reference: row.status for row in update.rows.values()} == {
        "JV-00001": EntryStatus.POSTED,
        "JV-00002": EntryStatus.PENDING,
        "JV-00003": EntryStatus.PENDING,
    }
    assert state.take_partial_result() is EMPTY


def test_durations_read_naturally():
    assert duration_text(None) == "–"
    assert duration_text(0.3) == "< 1 dtk"
    assert duration_text(42) == "42 dtk"
    assert duration_text(125) == "2 mnt 05 dtk"
    assert duration_text(3 * 3600 + 65) == "3 jam 01 mnt"


# --- the window itself ------------------------------------------------------------------------


def test_the_posting_window_has_its_own_title_a_close_button_and_escape(
    qtbot, start, make_posting_view
):
    demo = start()
    view = make_posting_view(demo, entries(3), company="PT Sinar Jaya")
    assert view.windowTitle() == "Posting ke PT Sinar Jaya — Jurnal Desk"
    run_to_end(qtbot, view, view.start)
    assert view.ui.close_button.text() == "Tutup"
    click(qtbot, view.ui.close_button)
    assert not view.isVisible()

    other = make_posting_view(demo, entries(2, prefix="JU"))
    run_to_end(qtbot, other, other.start)
    other.activateWindow()
    qtbot.keyClick(other.ui.table, Qt.Key.Key_Escape)
    assert not other.isVisible()


@pytest.mark.slow
def test_escape_while_posting_asks_to_stop_first(qtbot, start, make_posting_view):
    demo = start(Faults(latency_ms=300))
    view = make_posting_view(demo, entries(30))
    view.start()
    qtbot.waitUntil(lambda: view.phase is Phase.POSTING, timeout=WAIT_MS)
    qtbot.keyClick(view.ui.table, Qt.Key.Key_Escape)
    assert view.isVisible()
    answer(qtbot, view, "Teruskan posting")
    assert view.isVisible() and view.phase is Phase.POSTING
    click(qtbot, view.ui.close_button)  # the Close button asks the same
    answer(qtbot, view, "Hentikan dan tutup")
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=WAIT_MS)
    assert view.report is not None and view.report.cancelled


@pytest.mark.slow
def test_resuming_counts_only_what_this_run_sent(qtbot, start, make_posting_view):
    demo = start(Faults(latency_ms=300))
    view = make_posting_view(demo, entries(30))
    view.start()
    qtbot.waitUntil(lambda: posted(view) >= 5, timeout=WAIT_MS)
    with qtbot.waitSignal(view.finished, timeout=WAIT_MS) as blocker:
        click(qtbot, view.ui.stop_button)
    first = blocker.args[0].count(EntryStatus.POSTED)
    assert view.pace.sent == first

    second = run_to_end(qtbot, view, lambda: click(qtbot, view.ui.again_button))
    assert second.complete
    assert view.pace.sent == 30 - first  # the entries posted before Resume are not counted


def test_a_speed_and_time_left_appear_only_with_enough_data():
    from app.ui.posting.words import rate_text
    from app.ui.posting.work import Pace

    progress = EngineProgress(total=1000, posted=40, requests=40)
    too_short = rate_text(Pace(sent=40, seconds=2.9), progress, running=True)
    too_few = rate_text(Pace(sent=9, seconds=120.0), progress, running=True)
    assert too_short == too_few == "mengukur kecepatan…"
    known = rate_text(Pace(sent=40, seconds=4.0), progress, running=True)
    assert known == "10,0 jurnal/dtk · 10,0 permintaan/dtk · sisa ± 1 mnt 36 dtk"
    assert rate_text(Pace(sent=30, seconds=0.4), progress, running=False) == "selesai dalam < 1 dtk"
    assert rate_text(Pace(), progress, running=False) == "tidak ada yang dikirim"


def test_the_pace_counts_answers_from_the_first_request_of_this_run(tmp_path):
    from app.core.tasks import TaskState
    from app.posting.outbox.ledger import Outcome
    from app.ui.posting.work import RunWatch

    now = [100.0]
    with Outbox(tmp_path / "outbox.sqlite3") as outbox:
        watch = RunWatch(outbox, TaskState(), clock=lambda: now[0])
        batch = outbox.create_batch("PT Demo", "accurate", entries(12))
        rows = outbox.entries(batch.id)
        assert watch.pace().sent == 0 and not watch.pace().known
        now[0] = 130.0  # checks and look-ups before the first request do not count
        outbox.mark_sending([row.id for row in rows])
        now[0] = 133.5
        outbox.record_outcomes([Outcome(row.id, EntryStatus.POSTED, []) for row in rows[:10]])
        outbox.record_outcomes([Outcome(row.id, EntryStatus.PENDING, []) for row in rows[10:]])
        pace = watch.pace()
    assert pace.sent == 10 and pace.seconds == 3.5 and pace.known  # put back: not sent
    assert pace.seconds_left(35) == pytest.approx(12.25)


def test_the_table_is_laid_out_on_a_worker_before_the_check(qtbot, start, make_posting_view):
    demo = start()
    view = make_posting_view(demo, entries(3))
    assert view.phase is Phase.PREPARING and view.model.rowCount() == 0
    assert "Menyiapkan 3 jurnal" in view.ui.banner.text()
    view.start()  # waits for the table
    qtbot.waitUntil(lambda: view.phase is Phase.DONE, timeout=WAIT_MS)
    assert view.model.rowCount() == 3 and posted(view) == 3
