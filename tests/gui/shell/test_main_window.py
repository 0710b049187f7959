"""The main window: opens on the demo company with no account, says whether the company is
reachable (checked on a worker over real HTTP), shows its pages and posting history, and
closes without leaving workers or the demo sandbox running."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
import weakref
from concurrent.futures import Executor
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from app.core.i18n import set_language
from app.posting.engine import PostingEngine
from app.posting.service import opened_outbox
from app.posting.targets import AccurateTarget
from app.profiles.store import PROFILES_FILE, Profile
from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN, DEMO_COMPANY, Sandbox
from app.setup.demo import DEMO_ACCURATE_NAME, DEMO_SEMPOA_NAME, start_demo
from app.ui.common.tasks import CLOSE_WAIT_SECONDS, TaskState, Timeout
from app.ui.company.company_bar import StatusKind
from app.ui.history.page import HistoryModel, load_history
from app.ui.journal.page import ChartProvider, JournalPage
from app.ui.shell.main_window import FIRM, HISTORY, HMAC, JOURNAL, MainWindow
from tests.helpers.posting_helpers import entries
from tests.helpers.window_helpers import say_yes_to_posting

WAIT_MS = 10_000


def wait_for_status(qtbot, window: MainWindow, kind: StatusKind) -> str:
    qtbot.waitUntil(lambda: window.companies.status.kind is kind, timeout=WAIT_MS)
    return window.company_bar.status_label.text()


def test_with_no_account_the_window_opens_connected_to_the_demo_company(
    qtbot, make_window, jurnal_home
):
    window = make_window()
    assert window.windowTitle() == "Jurnal Desk"
    assert window.company_bar.combo.currentText() == DEMO_ACCURATE_NAME
    status = wait_for_status(qtbot, window, StatusKind.OK)
    assert status.startswith(f"Terhubung ke {DEMO_COMPANY} · 127.0.0.1:")
    assert "sandbox" in status
    assert not window.company_bar.problem_label.isVisible()
    assert window.session is not None and window.session.is_demo
    assert not (jurnal_home / PROFILES_FILE).exists()  # the demo saves no profile


def test_the_demo_starts_on_a_worker_thread_not_the_gui_thread(qtbot, make_window):
    threads: list[threading.Thread] = []

    def recording_start(home: Path):
        threads.append(threading.current_thread())
        return start_demo(home)

    window = make_window(demo_starter=recording_start)
    wait_for_status(qtbot, window, StatusKind.OK)
    assert len(threads) == 1 and threads[0] is not threading.main_thread()


def test_choosing_the_sempoa_demo_checks_its_token(qtbot, make_window):
    window = make_window()
    wait_for_status(qtbot, window, StatusKind.OK)
    combo = window.company_bar.combo
    combo.setCurrentIndex(combo.findText(DEMO_SEMPOA_NAME))
    combo.activated.emit(combo.currentIndex())  # as a user's pick does
    qtbot.waitUntil(
        lambda: "token diterima" in window.company_bar.status_label.text(), timeout=WAIT_MS
    )
    assert window.session.profile.service == "sempoa"


def test_a_demo_that_cannot_start_says_what_to_do(qtbot, make_window):
    def broken(home: Path):
        raise OSError(98, "Address already in use")

    window = make_window(demo_starter=broken)
    status = wait_for_status(qtbot, window, StatusKind.ERROR)
    assert "Mode demo tidak bisa dimulai: alamat jaringan sudah dipakai" in status
    assert "pilih perusahaan Anda sendiri" in status


def test_a_saved_company_comes_first_and_is_checked_with_its_own_token(qtbot, make_window, store):
    with Sandbox() as sb:
        store.add(Profile("PT Maju Jaya", "accurate", url=sb.account_url, sandbox=True))
        store.secrets.set_token("PT Maju Jaya", DEMO_ACCURATE_TOKEN)
        store.secrets.set_secret("PT Maju Jaya", DEMO_ACCURATE_SECRET)
        window = make_window()
        assert window.company_bar.combo.itemText(0) == "PT Maju Jaya — Accurate Online"
        status = wait_for_status(qtbot, window, StatusKind.OK)
        assert status.startswith(f"Terhubung ke {DEMO_COMPANY} · 127.0.0.1:")
        assert window.companies.demo is None  # no sandbox started for a real company
        saved = store.get("PT Maju Jaya")
        assert saved.data_host == sb.accurate_host()  # the host was read and remembered
        assert saved.company_name == DEMO_COMPANY
        window.close()


def test_a_saved_company_without_its_secret_says_how_to_fix_it(qtbot, make_window, store):
    store.add(Profile("PT Lupa Token", "accurate", url="https://account.accurate.id"))
    window = make_window()
    # The window moves to the demo company and the keyring banner explains (and offers to
    # fix or remove the company: tests/gui/company/test_keyring_window.py).
    wait_for_status(qtbot, window, StatusKind.OK)
    assert window.session is not None and window.session.is_demo
    banner = window.keyring_banner
    assert banner.isVisible()
    assert "API Token untuk profil 'PT Lupa Token' tidak ada" in banner.text.text()
    assert "Masukkan lagi kredensialnya" in banner.text.text()


def test_a_broken_profiles_file_is_reported_and_the_demo_still_works(
    qtbot, make_window, jurnal_home
):
    (jurnal_home / PROFILES_FILE).write_text("{ not json", encoding="utf-8")
    window = make_window()
    assert window.company_bar.combo.currentText() == DEMO_ACCURATE_NAME
    problem = window.company_bar.problem_label
    assert problem.isVisible()
    assert problem.text().startswith(f"Berkas profil {jurnal_home / PROFILES_FILE} rusak")
    wait_for_status(qtbot, window, StatusKind.OK)
    assert problem.isVisible()  # the demo connecting does not hide the problem


def test_pages_are_journal_hmac_calculator_history_and_many_companies(qtbot, make_window):
    window = make_window()
    names = [window.sidebar.item(row).text() for row in range(window.sidebar.count())]
    assert names == ["Jurnal", "Kalkulator HMAC", "Riwayat", "Banyak perusahaan"]
    assert window.current_page() == JOURNAL
    window.show_page(HMAC)
    assert window.pages.currentWidget() is window.hmac_view
    window.show_page(HISTORY)
    assert window.pages.currentWidget() is window.history_view
    window.show_page(FIRM)
    assert window.pages.currentWidget() is window.firm_view


class OwnJournalPage(JournalPage):
    """A journal page of the test's own, given to the window to build."""


def test_the_window_builds_the_journal_page_it_is_given(qtbot, make_window):
    window = make_window(journal_page=OwnJournalPage)
    journal = window.journal_page
    assert isinstance(journal, OwnJournalPage)
    assert journal.parent() is not None and window.isAncestorOf(journal)
    assert window.pages.currentWidget() is journal
    window.show_page(HMAC)
    window.show_page(JOURNAL)
    assert window.pages.currentWidget() is journal
    assert window.pages.count() == 4


def test_the_journal_grid_checks_entries_against_the_selected_companys_chart(qtbot, make_window):
    from datetime import date
    from decimal import Decimal

    from app.core.books.journal import JournalEntry, JournalLine
    from app.ui.journal.page import JournalPage

    window = make_window()
    assert isinstance(window.journal_page, JournalPage)
    qtbot.waitUntil(lambda: window.current_chart() is not None, timeout=WAIT_MS)
    amount = Decimal("1500000")
    entry = JournalEntry(
        date(2026, 8, 5),
        "JU-1",
        "Penjualan tunai",
        [JournalLine("1-10001", debit=amount), JournalLine("9-99999", credit=amount)],
    )
    window.journal_page.model.load_entries([entry])
    qtbot.waitUntil(lambda: window.journal_page.model.problem_count == 1, timeout=WAIT_MS)
    assert any("9-99999" in p.text.get() for p in window.journal_page.model.located_problems())
    assert not window.journal_page.is_ready()


def test_a_ready_grid_posts_to_the_demo_company_from_the_posting_button(qtbot, make_window):
    from datetime import date
    from decimal import Decimal

    from app.core.books.journal import JournalEntry, JournalLine
    from app.ui.posting.window import Phase, PostingView

    window = make_window()
    page = window.journal_page
    qtbot.waitUntil(lambda: window.current_chart() is not None, timeout=WAIT_MS)
    assert not page.post_button.isEnabled()
    entries = [
        JournalEntry(
            date(2026, 8, day),
            f"JU-{day:03}",
            f"Penjualan tunai {day}",
            [
                JournalLine("1-10001", debit=Decimal("1500000.50")),
                JournalLine("4-40000", credit=Decimal("1500000.50")),
            ],
        )
        for day in range(1, 6)
    ]
    page.model.load_entries(entries)
    qtbot.waitUntil(page.post_button.isEnabled, timeout=WAIT_MS)
    # Asked first, as for a real company; then the entries are copied on a worker and the
    # posting window opens.
    with qtbot.waitSignal(window.posting.opened, timeout=WAIT_MS):
        page.post_button.click()
        say_yes_to_posting(qtbot, window)
    assert window.posting.dialog is None
    views = window.findChildren(PostingView)
    assert len(views) == 1
    qtbot.waitUntil(lambda: views[0].phase is Phase.DONE, timeout=30_000)
    stored = window.companies.demo.sandbox.vouchers()
    assert sorted(v["number"] for v in stored) == [f"JU-{d:03}" for d in range(1, 6)]
    assert views[0].report is not None and views[0].report.complete


class StoppablePage(JournalPage):
    """Notes whether the demo sandbox still ran when the window shut the page down."""

    def __init__(self, executor: Executor, chart: ChartProvider, parent: QWidget) -> None:
        super().__init__(executor, chart, parent)
        window = parent.window()
        assert isinstance(window, MainWindow)
        self.window_ = window
        self.demo_running_at_shutdown: bool | None = None

    def shutdown(self, timeout: Timeout = CLOSE_WAIT_SECONDS) -> bool:
        self.demo_running_at_shutdown = self.window_.companies.demo.running
        return super().shutdown(timeout)


def test_the_journal_page_is_shut_down_before_the_demo_stops(qtbot, make_window):
    window = make_window(journal_page=StoppablePage)
    wait_for_status(qtbot, window, StatusKind.OK)
    page = window.journal_page
    assert isinstance(page, StoppablePage)
    window.close()
    assert page.demo_running_at_shutdown is True
    assert not window.companies.demo.running


def test_the_window_speaks_english_when_the_language_is_en(qtbot, make_window):
    set_language("en")
    try:
        window = make_window()
        names = [window.sidebar.item(row).text() for row in range(window.sidebar.count())]
        assert names == ["Journal", "HMAC calculator", "History", "Many companies"]
        assert window.company_bar.check_button.text() == "Check connection"
        status = wait_for_status(qtbot, window, StatusKind.OK)
        assert status.startswith(f"Connected to {DEMO_COMPANY}")
    finally:
        set_language("id")


def post_to_demo(window: MainWindow, count: int) -> None:
    """Post `count` entries to the selected demo company as the journal page would."""
    session = window.session
    with session.client(window.limiters) as client, opened_outbox(session.outbox_home) as box:
        engine = PostingEngine(box, AccurateTarget(client), session.profile.name)
        batch = engine.open_batch(entries(count), source_file="/data/Jurnal Agustus.xlsx")
        engine.run(batch)


def test_history_lists_what_was_posted_to_the_selected_company(qtbot, make_window):
    window = make_window()
    wait_for_status(qtbot, window, StatusKind.OK)
    view = window.history_view
    window.show_page(HISTORY)
    qtbot.waitUntil(lambda: view.reload_button.isEnabled(), timeout=WAIT_MS)
    assert view.model.rowCount() == 0
    assert "Belum ada jurnal yang diposting" in view.summary_label.text()
    post_to_demo(window, 3)
    view.reload_button.click()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=WAIT_MS)
    shown = [view.model.index(0, column).data() for column in range(7)]
    assert shown[2] == "Jurnal Agustus.xlsx"
    assert shown[3:] == ["3", "3", "0", "0"]


def test_history_model_passes_qt_model_checks(qtbot, qtmodeltester, make_window):
    window = make_window()
    wait_for_status(qtbot, window, StatusKind.OK)
    post_to_demo(window, 2)
    session = window.session
    rows = load_history(session.outbox_home, session.profile.name, TaskState())
    model = HistoryModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.rowCount() == 1


def test_history_of_a_company_that_never_posted_creates_no_file(tmp_path):
    assert load_history(tmp_path, "PT Baru", TaskState()) == []
    assert list(tmp_path.iterdir()) == []


def test_closing_waits_for_workers_and_stops_the_demo(qtbot, make_window):
    window = make_window()
    wait_for_status(qtbot, window, StatusKind.OK)
    demo = window.companies.demo
    window.companies.recheck()  # a check is running while the window closes
    window.close()
    assert not demo.running
    assert not window.companies.busy
    assert window.history_view.runner.pending == 0


def test_closing_while_the_demo_is_still_starting_leaves_no_sandbox_running(qtbot, make_window):
    gate, started = threading.Event(), []

    def slow_start(home: Path):
        gate.wait(5)
        demo = start_demo(home)
        started.append(demo)
        return demo

    window = make_window(demo_starter=slow_start)
    gate.set()
    window.close()  # before the demo's result reached the window
    assert len(started) == 1
    assert not started[0].running


@pytest.mark.slow
def test_jurnal_desk_without_a_command_opens_the_window_and_quits_cleanly(jurnal_home):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "JURNAL_DESK_QUIT_AFTER_MS": "800",
        "JURNAL_DESK_HOME": str(jurnal_home),
    }
    done = subprocess.run(
        [sys.executable, "-m", "app"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert (jurnal_home / "demo").is_dir()  # the demo company was opened
    assert not (jurnal_home / PROFILES_FILE).exists()


# --- posting from the window --------------------------------------------------------------------


def ready_grid(qtbot, window: MainWindow, count: int = 5) -> None:
    page = window.journal_page
    qtbot.waitUntil(lambda: window.current_chart() is not None, timeout=WAIT_MS)
    page.model.load_entries(entries(count))
    qtbot.waitUntil(page.post_button.isEnabled, timeout=WAIT_MS)


def test_posting_to_a_real_company_is_confirmed_first_naming_it_and_the_total(
    qtbot, make_window, store
):
    from PySide6.QtCore import Qt

    from app.ui.posting.window import Phase, PostingView

    with Sandbox(enforce_rate_limit=False) as sb:
        # A saved company, not the demo (it happens to be the local sandbox): a real one.
        store.add(Profile("PT Maju Jaya", "accurate", url=sb.account_url, sandbox=True))
        store.secrets.set_token("PT Maju Jaya", DEMO_ACCURATE_TOKEN)
        store.secrets.set_secret("PT Maju Jaya", DEMO_ACCURATE_SECRET)
        window = make_window()
        ready_grid(qtbot, window)
        assert not window.session.is_demo

        window.journal_page.post_button.click()
        box = window.posting.dialog
        assert box is not None and box.isVisible()
        assert box.windowTitle() == "Posting ke PT Maju Jaya"
        assert "Kirim 5 jurnal dengan total debit 15.001,25 ke PT Maju Jaya?" in box.text()
        buttons = {button.text(): button for button in box.buttons()}
        assert set(buttons) == {"Ya, posting", "Batal"}
        qtbot.mouseClick(buttons["Batal"], Qt.MouseButton.LeftButton)
        assert window.findChildren(PostingView) == [] and sb.vouchers() == []

        window.journal_page.post_button.click()
        yes = next(b for b in window.posting.dialog.buttons() if b.text() == "Ya, posting")
        with qtbot.waitSignal(window.posting.opened, timeout=WAIT_MS) as opened:
            qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
        view = opened.args[0]
        qtbot.waitUntil(lambda: view.phase is Phase.DONE, timeout=WAIT_MS)
        assert len(sb.vouchers()) == 5
        window.close()


def test_removing_a_batch_from_the_books_in_the_posting_window_shows_in_the_history(
    qtbot, make_window
):
    from PySide6.QtCore import Qt

    from app.ui.history.page import STATE
    from app.ui.posting.window import Phase

    window = make_window()
    ready_grid(qtbot, window, 3)
    with qtbot.waitSignal(window.posting.opened, timeout=WAIT_MS) as opened:
        window.journal_page.post_button.click()
        say_yes_to_posting(qtbot, window)
    view = opened.args[0]
    qtbot.waitUntil(lambda: view.phase is Phase.DONE, timeout=WAIT_MS)
    window.show_page(HISTORY)
    history = window.history_view
    qtbot.waitUntil(lambda: history.model.rowCount() == 1, timeout=WAIT_MS)
    assert history.model.index(0, STATE).data() == "Lengkap"

    view.ui.undo_button.click()
    yes = next(b for b in view.dialog.buttons() if b.text() == "Ya, hapus")
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    # No reload pressed: the history follows what the posting window did.
    qtbot.waitUntil(lambda: history.model.index(0, STATE).data() == "Dibatalkan", timeout=WAIT_MS)
    panel = history.batch_view
    qtbot.waitUntil(lambda: panel.details is not None and not panel.stale, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "0 di pembukuan" in panel.ui.facts.text(), timeout=WAIT_MS)
    assert {panel.model.index(row, 5).data() for row in range(3)} == {"Dibatalkan"}


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_what_the_window_kept_out_of_the_collectors_way_is_collected_once_it_closes(
    qtbot, make_window
):
    """The window freezes what it keeps once a journal is taken in
    (app.core.interpreter.keep_long_lived); a reference cycle frozen with it is freed once the
    window is closed, not kept for the process's life."""
    gc.unfreeze()
    cycle = _Cycle()
    window = make_window()
    window.journal_page.model.load_entries(entries(3))  # freezes everything alive: the cycle too
    assert gc.get_freeze_count() > 0
    alive = weakref.ref(cycle)
    del cycle
    gc.collect()
    assert alive() is not None  # frozen: the collector does not look at it
    window.close()
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert alive() is None
