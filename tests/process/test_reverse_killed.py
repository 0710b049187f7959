"""A `jurnal-desk reverse` process killed with SIGKILL half-way, then run again: every original
ends with exactly one reversing entry on the books. Real processes and real HTTP: the sandbox
on 127.0.0.1, the poster as a child with its own home and a file keyring."""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from collections import Counter
from pathlib import Path

import pytest

from app.sandbox import DEMO_SEMPOA_TOKEN
from app.sandbox.faults import Faults
from tests.helpers.cli_helpers import journal_rows
from tests.helpers.posting_helpers import SEMPOA_CREDIT, SEMPOA_DEBIT
from tests.helpers.process_helpers import child_env, jurnal
from tests.helpers.workbooks import write_workbook

COUNT = 40


def finished(process, *, timeout: float = 120) -> str:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, out + err
    return out


def reversals_posted(home: Path) -> int:
    try:
        with sqlite3.connect(home / "outbox.sqlite3", timeout=5) as db:
            return db.execute(
                "SELECT COUNT(*) FROM entries WHERE status = 'posted' AND reference LIKE '%-R'"
            ).fetchone()[0]
    except sqlite3.OperationalError:
        return 0


@pytest.mark.slow
def test_reverse_killed_half_way_then_run_again_reverses_each_entry_exactly_once(sb, tmp_path):
    env = {**child_env(tmp_path), "JURNAL_DESK_TOKEN": DEMO_SEMPOA_TOKEN}
    add = jurnal(env, "profile", "add", "Demo", "--service", "sempoa", "--url", sb.sempoa_url)
    finished(add)
    rows = journal_rows(COUNT, SEMPOA_DEBIT, SEMPOA_CREDIT, prefix="PB")
    finished(
        jurnal(env, "post", str(write_workbook(tmp_path / "s.xlsx", rows)), "--profile", "Demo")
    )
    batch = json.loads(finished(jurnal(env, "history", "--json")))[-1]["batch"]

    sb.faults = Faults(latency_ms=60)  # slow enough to be killed in the middle
    first = jurnal(env, "reverse", batch)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and reversals_posted(tmp_path) < 5:
        time.sleep(0.02)
    first.send_signal(signal.SIGKILL)
    first.communicate(timeout=30)
    on_books = [j["referensi"] for j in sb.sempoa_journals() if j["referensi"].endswith("-R")]
    assert 5 <= len(on_books) < COUNT  # killed in the middle, not after the end

    sb.faults = Faults()
    finished(jurnal(env, "reverse", batch))
    counts = Counter(journal["referensi"] for journal in sb.sempoa_journals())
    assert sorted(counts) == sorted(
        [f"PB/{n:03}" for n in range(1, COUNT + 1)] + [f"PB/{n:03}-R" for n in range(1, COUNT + 1)]
    )
    assert set(counts.values()) == {1}
