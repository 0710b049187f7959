"""A `jurnal-desk post` process killed with SIGKILL mid-run, then run again: every entry ends
in the books exactly once. Real processes: the sandbox command, the poster, a file keyring."""

from __future__ import annotations

import re
import signal
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from app.api.clock import ServerClock
from app.api.signing import signature_headers
from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN
from tests.helpers.cli_helpers import journal_rows
from tests.helpers.process_helpers import child_env, jurnal
from tests.helpers.workbooks import write_workbook

# Stopped once 10 are in the books: 30 more, nearly 4 s at 8 a second, are left after it.
ENTRIES = 40


def voucher_numbers(data_host: str) -> list[str]:
    """Every voucher number on the sandbox, read over HTTP like any client would."""
    numbers, page = [], 1
    with httpx.Client() as http:
        while True:
            headers = {
                "Authorization": f"Bearer {DEMO_ACCURATE_TOKEN}",
                **signature_headers(DEMO_ACCURATE_SECRET, ServerClock().now()),
            }
            answer = http.get(
                f"{data_host}/accurate/api/journal-voucher/list.do",
                params={"fields": "id,number", "sp.page": page, "sp.pageSize": 100},
                headers=headers,
            )
            if answer.status_code == 429:  # the poster has just used this second's 8 requests
                time.sleep(1.1)
                continue
            body = answer.json()
            assert body["s"] is True, body
            numbers += [row["number"] for row in body["d"]]
            if page >= body["sp"]["pageCount"]:
                return numbers
            page += 1


@pytest.fixture
def demo_server(tmp_path):
    """`jurnal-desk sandbox` as its own process, and a profile "Demo" pointing at it."""
    env = child_env(tmp_path)
    sandbox = jurnal(env, "sandbox", "--port", "0", "--latency-ms", "40")
    try:
        banner = ""
        while "api-token.do" not in banner and "http://" not in banner:
            banner += sandbox.stdout.readline()
        account_url = re.search(r"(http://127\.0\.0\.1:\d+)", banner).group(1)
        added = jurnal(env, "profile", "add", "Demo", "--service", "accurate", "--url",
                       account_url)  # fmt: skip
        out, err = added.communicate(timeout=60)
        assert added.returncode == 0, out + err
        yield env
    finally:
        sandbox.send_signal(signal.SIGINT)
        sandbox.communicate(timeout=30)


def interrupt_mid_run(env, home: Path, book: Path, how: signal.Signals):
    """Start `post`, wait until 10 entries are in the books, then send `how`."""
    first = jurnal(env, "post", str(book), "--profile", "Demo", "--no-bulk")
    outbox = home / "outbox.sqlite3"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _posted_count(outbox) < 10:
        time.sleep(0.05)
    first.send_signal(how)
    out, err = first.communicate(timeout=60)
    assert 10 <= _posted_count(outbox) < ENTRIES  # stopped in the middle, not after the end
    return first.returncode, out, err


def assert_all_posted_once(env, home: Path, book: Path) -> str:
    """Run `post` again; every entry is in the books once. Returns what it printed."""
    again = jurnal(env, "post", str(book), "--profile", "Demo", "--no-bulk")
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, out + err
    counts = Counter(voucher_numbers(_data_host(home)))
    assert sorted(counts) == [f"JU/{n:03}" for n in range(1, ENTRIES + 1)]
    assert set(counts.values()) == {1}
    return out


@pytest.mark.slow
def test_post_killed_mid_run_then_run_again_posts_everything_exactly_once(tmp_path, demo_server):
    book = write_workbook(tmp_path / "agustus.xlsx", journal_rows(ENTRIES))
    code, _out, _err = interrupt_mid_run(demo_server, tmp_path, book, signal.SIGKILL)
    assert code == -signal.SIGKILL
    assert_all_posted_once(demo_server, tmp_path, book)


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_says_how_to_resume_and_loses_nothing(tmp_path, demo_server):
    book = write_workbook(tmp_path / "agustus.xlsx", journal_rows(ENTRIES))
    code, out, err = interrupt_mid_run(demo_server, tmp_path, book, signal.SIGINT)
    assert code == 1
    assert "Traceback" not in err
    assert "Jalankan perintah yang sama lagi" in out  # how to resume
    assert "Belum pasti:                                      0" in out  # nothing left unknown
    first_run = _posted_count(tmp_path / "outbox.sqlite3")
    resumed = assert_all_posted_once(demo_server, tmp_path, book)
    # The resumed run counts what it sent, apart from what the first run had posted.
    assert _summary_count(resumed, "Terposting sekarang") == ENTRIES - first_run
    assert _summary_count(resumed, "Sudah terposting sebelumnya") == first_run


def _summary_count(out: str, label: str) -> int:
    found = re.search(rf"^  {label}:\s+(\d+)$", out, re.MULTILINE)
    assert found is not None, out
    return int(found.group(1))


def _posted_count(outbox: Path) -> int:
    import sqlite3

    if not outbox.exists():
        return 0
    try:
        with sqlite3.connect(outbox, timeout=5) as db:
            return db.execute("SELECT COUNT(*) FROM entries WHERE status='posted'").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _data_host(home: Path) -> str:
    import json

    profiles = json.loads((home / "profiles.json").read_text())
    entries = profiles["profiles"] if isinstance(profiles, dict) else profiles
    return next(p["data_host"] for p in entries if p["name"] == "Demo")
