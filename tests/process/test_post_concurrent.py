"""Two or three `jurnal-desk post` processes, or the window and a command, posting to one
company at the same time: every reference is sent once. Real processes, the sandbox on
127.0.0.1 taking repeated numbers (so a double send would show as a double posting)."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Iterator

import pytest

from app.api.ratelimit import LimiterRegistry
from app.posting.outbox.lease import FRONT_WINDOW
from app.posting.service import opened_outbox, post_entries
from app.profiles.secrets import SecretStore
from app.profiles.store import ProfileStore
from app.sandbox import Sandbox
from app.sandbox.faults import Faults
from app.setup.connect import company_for
from tests.helpers.cli_helpers import journal_rows
from tests.helpers.posting_helpers import entries
from tests.helpers.process_helpers import child_env, jurnal
from tests.helpers.workbooks import write_workbook

pytestmark = pytest.mark.slow
# The window posts this many while a command waits: seconds at 8 a second.
WINDOW_ENTRIES = 20


@pytest.fixture
def company(tmp_path) -> Iterator[tuple[Sandbox, dict[str, str]]]:
    """A sandbox with some latency (runs overlap for seconds) and a profile "Demo" on it."""
    with Sandbox(Faults(latency_ms=60)) as sb:
        sb.accept_repeated_numbers()
        env = child_env(tmp_path)
        added = jurnal(env, "profile", "add", "Demo", "--service", "accurate", "--url",
                       sb.account_url)  # fmt: skip
        out, err = added.communicate(timeout=60)
        assert added.returncode == 0, out + err
        yield sb, env


def rows_between(first: int, last: int) -> list[list]:
    rows = journal_rows(last)
    return rows[:3] + rows[3 + 2 * (first - 1) :]


def start_posts(env, *books, extra=()) -> list[subprocess.Popen]:
    return [
        jurnal(env, "--lang", "en", "post", str(book), "--profile", "Demo", "--no-bulk", *extra)
        for book in books
    ]


def finish(processes) -> list[tuple[int, str]]:
    done = []
    for process in processes:
        out, err = process.communicate(timeout=240)
        done.append((process.returncode, out + err))
    return done


def assert_each_sent_once(sb: Sandbox, count: int) -> None:
    attempts = sb.save_attempts()
    assert sorted(attempts) == [f"JU/{n:03}" for n in range(1, count + 1)]
    assert set(attempts.values()) == {1}, {n: c for n, c in attempts.items() if c != 1}
    assert len(sb.vouchers()) == count


def test_two_runs_of_one_workbook_send_each_entry_once(company, tmp_path):
    sb, env = company
    book = write_workbook(tmp_path / "agustus.xlsx", journal_rows(40))
    results = finish(start_posts(env, book, book))
    codes = sorted(code for code, _ in results)
    assert codes in ([0, 0], [0, 3]), results
    if codes == [0, 3]:
        busy = next(text for code, text in results if code == 3)
        assert "Another posting to Demo is in progress" in busy and "--wait" in busy
    assert_each_sent_once(sb, 40)
    again = jurnal(env, "post", str(book), "--profile", "Demo", "--no-bulk")
    assert again.wait(timeout=120) == 0  # nothing left, nothing rewritten
    again.stdout.close()
    again.stderr.close()
    assert_each_sent_once(sb, 40)


def test_three_waiting_runs_of_overlapping_workbooks_post_each_reference_once(company, tmp_path):
    sb, env = company
    books = [
        write_workbook(tmp_path / "a.xlsx", rows_between(1, 25)),
        write_workbook(tmp_path / "b.xlsx", rows_between(16, 40)),
        write_workbook(tmp_path / "c.xlsx", rows_between(31, 50)),
    ]
    results = finish(start_posts(env, *books, extra=("--wait", "200")))
    assert [code for code, _ in results] == [0, 0, 0], results
    assert_each_sent_once(sb, 50)


def test_the_window_posting_holds_off_a_scheduled_command(company, tmp_path, monkeypatch):
    sb, env = company
    monkeypatch.setenv("JURNAL_DESK_HOME", env["JURNAL_DESK_HOME"])
    from tests.helpers.file_keyring import FileKeyring
    from tests.helpers.memory_keyring import installed

    monkeypatch.setenv("JURNAL_DESK_TEST_KEYRING", env["JURNAL_DESK_TEST_KEYRING"])
    book = write_workbook(tmp_path / "agustus.xlsx", journal_rows(15))
    window_entries = entries(WINDOW_ENTRIES, prefix="JW")
    with installed(FileKeyring()):
        secrets = SecretStore()
        profile = ProfileStore(tmp_path, secrets).get("Demo")
        # The window's run holds the company from its first progress report (before it
        # sends anything) until the commands below have come: however slowly they start.
        started, go_on = threading.Event(), threading.Event()
        done: list = []

        def held_at_first_report(_progress) -> None:
            if not started.is_set():
                started.set()
                go_on.wait(120)

        def window_posts() -> None:
            with (
                company_for(profile, secrets, LimiterRegistry(), bulk=False) as shop,
                opened_outbox(tmp_path) as outbox,
            ):
                done.append(
                    post_entries(
                        outbox,
                        shop,
                        window_entries,
                        front=FRONT_WINDOW,
                        on_progress=held_at_first_report,
                    )
                )

        window = threading.Thread(target=window_posts)
        window.start()
        try:
            assert started.wait(60)
            [(code, text)] = finish(start_posts(env, book))
            assert code == 3 and "the Jurnal Desk window" in text, text
            chart_reads = len(chart_requests(sb))
            waiting = start_posts(env, book, extra=("--wait",))
            # It has read the chart to check the workbook: next it waits for the company.
            # The window's entries take it seconds at 8 a second, so it waits for them.
            deadline = time.monotonic() + 60
            while len(chart_requests(sb)) == chart_reads and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            go_on.set()
        [(code, text)] = finish(waiting)
        window.join(120)
    assert code == 0, text
    assert done and done[0].complete
    attempts = sb.save_attempts()
    assert len(attempts) == WINDOW_ENTRIES + 15 and set(attempts.values()) == {1}
    # The command waited for the window: every entry of the window is in the books first.
    in_order = [voucher["number"][:2] for voucher in sb.vouchers()]
    assert in_order == ["JW"] * WINDOW_ENTRIES + ["JU"] * 15, in_order


def chart_requests(sb: Sandbox) -> list:
    return [r for r in sb.request_log() if r.path.endswith("glaccount/list.do")]
