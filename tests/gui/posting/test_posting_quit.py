"""Quitting while posting, in the real window, against a sandbox slowed down so a run takes
seconds: the title bar's close, File › Keluar and Ctrl+Q ask (stop now / keep posting);
stopping quits with the sent entries posted and the rest unsent in the outbox; the next
start offers to finish that batch in one click, and finishing it puts every entry in the
books exactly once. The history shows the interrupted batch as such, posted and unsent
apart."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.i18n import set_language
from app.posting.outbox.ledger import EntryStatus, Outbox
from app.posting.service import outbox_path
from app.profiles.store import Profile, ProfileStore
from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN, DEMO_COMPANY, Faults, Sandbox
from app.ui.history.page import BATCH, POSTED, STATE, UNSENT
from app.ui.posting.window import Phase, PostingView
from app.ui.shell.main_window import HISTORY, MainWindow
from tests.helpers.grid_pages import CTRL
from tests.helpers.posting_helpers import entries

WAIT_MS = 30_000
COMPANY = "PT Maju Jaya"
ENTRIES = 24  # one request each, 8 a second at most: a run of about three seconds


@pytest.fixture
def sb() -> Iterator[Sandbox]:
    """The company's service, each request slowed down a little. It stores a number it
    already holds, so an entry sent twice would be in the books twice, visibly."""
    with Sandbox(Faults(latency_ms=150)) as sandbox:
        sandbox.accept_repeated_numbers()
        yield sandbox


@pytest.fixture
def company(store: ProfileStore, sb: Sandbox) -> str:
    """A saved company on the sandbox, posting one voucher a request (no bulk-save)."""
    store.add(Profile(COMPANY, "accurate", url=sb.account_url, sandbox=True, bulk_posting=False))
    store.secrets.set_token(COMPANY, DEMO_ACCURATE_TOKEN)
    store.secrets.set_secret(COMPANY, DEMO_ACCURATE_SECRET)
    return COMPANY


@pytest.fixture
def english() -> Iterator[None]:
    yield
    set_language("id")


def connected(qtbot, window: MainWindow) -> MainWindow:
    status = window.company_bar.status_label.text
    qtbot.waitUntil(lambda: status().startswith(f"Terhubung ke {DEMO_COMPANY}"), timeout=WAIT_MS)
    assert window.session is not None and window.session.profile.name == COMPANY
    return window


def start_posting(qtbot, window: MainWindow) -> PostingView:
    """The grid's entries posted as a user does: the Post button, then "Ya, posting"."""
    page = window.journal_page
    qtbot.waitUntil(lambda: window.current_chart() is not None, timeout=WAIT_MS)
    page.model.load_entries(entries(ENTRIES))
    qtbot.waitUntil(page.post_button.isEnabled, timeout=WAIT_MS)
    qtbot.mouseClick(page.post_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.posting.dialog is not None, timeout=WAIT_MS)
    with qtbot.waitSignal(window.posting.opened, timeout=WAIT_MS) as opened:
        click(qtbot, window.posting.dialog, "Ya, posting")
    view = opened.args[0]
    qtbot.waitUntil(lambda: view.phase is Phase.POSTING and view.sent >= 5, timeout=WAIT_MS)
    return view


def click(qtbot, box: QMessageBox, label: str) -> None:
    buttons = {button.text(): button for button in box.buttons()}
    qtbot.mouseClick(buttons[label], Qt.MouseButton.LeftButton)


def quit_question(qtbot, window: MainWindow) -> QMessageBox:
    qtbot.waitUntil(lambda: window.posting_quit.dialog is not None, timeout=WAIT_MS)
    box = window.posting_quit.dialog
    qtbot.waitUntil(box.isVisible, timeout=WAIT_MS)
    return box


def sent_in(box: QMessageBox) -> int:
    """The entries the quit question says were sent ("… 12 dari 40 sudah terkirim …")."""
    found = re.search(r"(\d+) dari \d+ sudah terkirim", box.text())
    assert found is not None, box.text()
    return int(found.group(1))


def statuses(window: MainWindow) -> Counter:
    with Outbox(outbox_path(window.session.outbox_home)) as outbox:
        (batch,) = outbox.batches(COMPANY)
        return Counter(row.status for row in outbox.entries(batch.id))


def references_in_books(sb: Sandbox) -> Counter:
    return Counter(voucher["number"] for voucher in sb.vouchers())


@pytest.mark.slow
def test_quitting_while_posting_asks_then_the_next_start_finishes_the_batch_exactly_once(
    qtbot, make_window, company, sb
):
    first = connected(qtbot, make_window())
    start_posting(qtbot, first)

    first.close()  # the title bar's close
    box = quit_question(qtbot, first)
    assert first.isVisible()  # nothing stopped yet
    assert box.text().startswith(f"Jurnal sedang diposting ke {COMPANY}: ")
    assert f"dari {ENTRIES} sudah terkirim" in box.text()
    assert "sisanya tetap belum terkirim" in box.informativeText()
    assert sorted(button.text() for button in box.buttons()) == [
        "Hentikan dan keluar",
        "Teruskan posting",
    ]
    click(qtbot, box, "Hentikan dan keluar")
    qtbot.waitUntil(lambda: not first.isVisible(), timeout=WAIT_MS)

    # The sent entries are posted, the rest unsent; the books hold exactly the posted ones.
    stopped = statuses(first)
    posted, unsent = stopped[EntryStatus.POSTED], stopped[EntryStatus.PENDING]
    assert posted > 0 and unsent > 0 and posted + unsent == ENTRIES
    assert sum(references_in_books(sb).values()) == posted

    second = connected(qtbot, make_window())
    banner = second.resume_banner
    qtbot.waitUntil(banner.isVisible, timeout=WAIT_MS)
    assert banner.text.text().startswith(
        f"Posting ke {DEMO_COMPANY} terhenti: {unsent} dari {ENTRIES} jurnal belum terkirim."
    )
    assert banner.resume_button.text() == "Lanjutkan posting"

    # The history says so too: interrupted, posted and unsent apart.
    second.show_page(HISTORY)
    table = second.history_view.filter_model
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=WAIT_MS)
    cells = {column: table.index(0, column).data() for column in (POSTED, UNSENT, STATE)}
    assert cells == {POSTED: str(posted), UNSENT: str(unsent), STATE: "Terhenti"}
    batch_id = table.index(0, BATCH).data()
    panel = second.history_view.batch_view
    qtbot.waitUntil(lambda: panel.details is not None, timeout=WAIT_MS)
    assert (
        panel.ui.resume_button.isVisible() and panel.ui.resume_button.text() == "Lanjutkan posting"
    )
    assert (
        f"terhenti sebelum selesai: {unsent} jurnal belum terkirim" in panel.ui.notice_label.text()
    )

    with qtbot.waitSignal(second.resume_offer.opened, timeout=WAIT_MS) as opened:
        qtbot.mouseClick(banner.resume_button, Qt.MouseButton.LeftButton)
    view = opened.args[0]
    assert not banner.isVisible()
    qtbot.mouseClick(banner.resume_button, Qt.MouseButton.LeftButton)  # hidden: nothing more
    qtbot.mouseClick(panel.ui.resume_button, Qt.MouseButton.LeftButton)  # taken already
    qtbot.waitUntil(lambda: view.phase is Phase.DONE, timeout=WAIT_MS)

    books = references_in_books(sb)
    assert len(books) == ENTRIES and set(books.values()) == {1}  # every entry, exactly once
    assert view.report is not None and view.report.batch.id == batch_id  # the same batch
    assert statuses(second) == Counter({EntryStatus.POSTED: ENTRIES})
    # The result counts what this run sent apart from what the first run had posted.
    said = view.ui.banner.text()
    assert f"Semua {ENTRIES} jurnal sudah ada di pembukuan" in said
    assert f"{unsent} diposting sekarang" in said
    assert f"{posted} sudah terposting sebelumnya; tidak dikirim lagi" in said
    qtbot.waitUntil(lambda: table.index(0, STATE).data() == "Lengkap", timeout=WAIT_MS)
    assert len(second.findChildren(PostingView)) == 1  # opened once

    third = connected(qtbot, make_window())  # finished: nothing is offered any more
    qtbot.waitUntil(lambda: not third.resume_offer._finder.busy, timeout=WAIT_MS)
    assert not third.resume_banner.isVisible()


@pytest.mark.slow
def test_ctrl_q_while_posting_asks_and_keep_posting_finishes_the_run(
    qtbot, make_window, company, sb
):
    window = connected(qtbot, make_window())
    view = start_posting(qtbot, window)
    window.activateWindow()
    QApplication.instance().processEvents()
    window.journal_page.grid.setFocus()
    qtbot.keyClick(window.journal_page.grid, Qt.Key.Key_Q, CTRL)
    box = quit_question(qtbot, window)
    asked_at = sent_in(box)
    # Posting goes on while the question is open, and the question counts along.
    qtbot.waitUntil(lambda: sent_in(box) > asked_at, timeout=WAIT_MS)
    click(qtbot, box, "Teruskan posting")
    qtbot.waitUntil(lambda: window.posting_quit.dialog is None, timeout=WAIT_MS)
    assert window.isVisible() and view.phase is Phase.POSTING

    # Meanwhile the history shows the batch under way, not interrupted: nothing to resume.
    window.show_page(HISTORY)
    table, panel = window.history_view.filter_model, window.history_view.batch_view
    qtbot.waitUntil(lambda: panel.details is not None, timeout=WAIT_MS)
    assert table.index(0, STATE).data() == "Sedang diposting"
    assert not panel.ui.resume_button.isVisible()

    qtbot.waitUntil(lambda: view.phase is Phase.DONE, timeout=WAIT_MS)
    assert len(references_in_books(sb)) == ENTRIES  # posting went on to the end
    qtbot.waitUntil(lambda: table.index(0, STATE).data() == "Lengkap", timeout=WAIT_MS)


@pytest.mark.slow
def test_ctrl_q_in_the_posting_window_asks_too(qtbot, make_window, company, sb):
    """The posting window is in front while posting: Ctrl+Q typed there asks the same."""
    window = connected(qtbot, make_window())
    view = start_posting(qtbot, window)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=WAIT_MS)
    qtbot.keyClick(QApplication.focusWidget() or view, Qt.Key.Key_Q, CTRL)
    box = quit_question(qtbot, window)
    click(qtbot, box, "Teruskan posting")
    qtbot.waitUntil(lambda: window.posting_quit.dialog is None, timeout=WAIT_MS)
    assert window.isVisible() and view.phase in (Phase.POSTING, Phase.DONE)


@pytest.mark.slow
def test_file_quit_while_posting_asks_in_english_and_escape_keeps_posting(
    qtbot, make_window, company, sb, english
):
    window = connected(qtbot, make_window())
    view = start_posting(qtbot, window)
    window.set_language("en")
    window.menus.quit_action.trigger()  # File › Quit
    box = quit_question(qtbot, window)
    assert box.text().startswith(f"Entries are being posted to {COMPANY}: ")
    assert f"of {ENTRIES} sent so far. Stop posting and quit?" in box.text()
    assert sorted(button.text() for button in box.buttons()) == ["Keep posting", "Stop and quit"]
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.posting_quit.dialog is None, timeout=WAIT_MS)
    assert window.isVisible() and view.phase in (Phase.POSTING, Phase.DONE)


@pytest.mark.slow
def test_a_dismissed_offer_is_resumed_from_the_history_exactly_once(
    qtbot, make_window, company, sb
):
    first = connected(qtbot, make_window())
    start_posting(qtbot, first)
    first.menus.quit_action.trigger()  # File › Keluar
    click(qtbot, quit_question(qtbot, first), "Hentikan dan keluar")
    qtbot.waitUntil(lambda: not first.isVisible(), timeout=WAIT_MS)

    second = connected(qtbot, make_window())
    banner = second.resume_banner
    qtbot.waitUntil(banner.isVisible, timeout=WAIT_MS)
    qtbot.mouseClick(banner.close_button, Qt.MouseButton.LeftButton)  # "Tutup": not now
    assert not banner.isVisible()
    second.show_page(HISTORY)
    panel = second.history_view.batch_view
    qtbot.waitUntil(lambda: panel.details is not None, timeout=WAIT_MS)
    with qtbot.waitSignal(second.resume_offer.opened, timeout=WAIT_MS) as opened:
        qtbot.mouseClick(panel.ui.resume_button, Qt.MouseButton.LeftButton)
    view = opened.args[0]
    qtbot.waitUntil(lambda: view.phase is Phase.DONE, timeout=WAIT_MS)
    books = references_in_books(sb)
    assert len(books) == ENTRIES and set(books.values()) == {1}
    table = second.history_view.filter_model
    qtbot.waitUntil(lambda: table.index(0, STATE).data() == "Lengkap", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not panel.ui.resume_button.isVisible(), timeout=WAIT_MS)
