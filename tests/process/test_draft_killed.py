"""A draft recovered after the process is killed: the real app in a child process (its own
home, offscreen), entries typed into its grid, the draft waited for, `kill -9`, the app
started again, and its restore question brings back the same entries (tests/helpers/gui_driver.py
drives the real widgets with key presses and clicks)."""

from __future__ import annotations

import json
import signal
import sys

import pytest

from app.drafts.folder import drafts_of
from app.setup.demo import DEMO_NAMES
from tests.helpers.paths import HELPERS
from tests.helpers.process_helpers import child_env

DRIVER = str(HELPERS / "gui_driver.py")


def driver(home, step: str):
    import subprocess

    env = {**child_env(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, DRIVER, step],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def read_until(process, prefix: str) -> str:
    """The rest of the first line the child prints that starts with `prefix`."""
    for line in process.stdout:
        if line.startswith(prefix):
            return line[len(prefix) :].strip()
        assert not line.startswith("TIMEOUT"), line
    _out, err = process.communicate(timeout=30)
    raise AssertionError(f"the child ended before printing {prefix!r}: {err}")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_draft_is_recovered_after_the_process_is_killed(tmp_path):
    first = driver(tmp_path, "type")
    try:
        typed = json.loads(read_until(first, "TYPED "))
        draft_path = read_until(first, "DRAFT ")
        first.send_signal(signal.SIGKILL)  # no closeEvent, no shutdown: a crash
        first.communicate(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == -signal.SIGKILL
    assert draft_path == str(drafts_of(tmp_path, DEMO_NAMES[0]).path)  # the demo company's
    assert [e["reference"] for e in typed["entries"]] == ["JU-0001", "JU-0002"]
    assert typed["entries"][0]["lines"][0][1] == "1500000.25"
    assert typed["unreadable"] == "12,3,4"

    again = driver(tmp_path, "restore")
    try:
        question, details = json.loads(read_until(again, "ASKED "))
        assert question.startswith("Pulihkan 2 jurnal yang belum disimpan dari ")
        assert "tidak ada yang dihapus" in details
        restored = json.loads(read_until(again, "RESTORED "))
        assert restored == typed  # the same entries, and the typed text still in its cell
        assert json.loads(read_until(again, "QUIT ")).startswith("Ada 2 jurnal yang belum")
        _out, err = again.communicate(timeout=60)
    finally:
        if again.poll() is None:
            again.kill()
    assert again.returncode == 0, err
    assert "Traceback" not in err
    # Quit without saving: the work is still in the draft, offered again next time.
    assert drafts_of(tmp_path, DEMO_NAMES[0]).load().entry_count == 2
