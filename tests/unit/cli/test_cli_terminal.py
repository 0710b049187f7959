"""What the command writes to a terminal: text from outside shown escaped, never acted on;
a pipe closed by its reader ends the command quietly."""

from __future__ import annotations

import os
import subprocess
import sys

from app.cli import EXIT_OK
from app.cli.terminal import EXIT_PIPE_CLOSED
from app.core.visible_text import visible
from app.posting.outbox.ledger import Outbox
from app.posting.service import outbox_path
from tests.helpers.cli_helpers import run
from tests.helpers.posting_helpers import entries

CLEAR_AND_RETITLE = "\x1b[2J\x1b]0;pwned\x07"


def test_a_profile_and_file_name_with_escape_sequences_are_shown_escaped(jurnal_home, capsys):
    with Outbox(outbox_path(jurnal_home)) as outbox:
        outbox.create_batch(
            f"PT {CLEAR_AND_RETITLE}A",
            "accurate",
            entries(2),
            source_file=f"/data/agustus{CLEAR_AND_RETITLE}.xlsx",
        )
    code, out, err = run(capsys, "history")
    assert code == EXIT_OK
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "PT \\x1b[2J\\x1b]0;pwned\\x07A" in out
    assert "agustus\\x1b[2J" in out


def test_visible_escapes_controls_and_reordering_marks_but_keeps_every_script():
    assert visible("Kas \u202eKecil\u202c") == "Kas \\u202eKecil\\u202c"
    assert visible("a\tb\nc\r\x9b") == "a\\tb\\nc\\r\\x9b"
    assert visible("a\tb\n", keep="\n\t") == "a\tb\n"
    assert visible("Penjualan 東京 ✓ ąé") == "Penjualan 東京 ✓ ąé"


def test_history_json_into_a_pipe_its_reader_closes_ends_quietly(jurnal_home):
    with Outbox(outbox_path(jurnal_home)) as outbox:
        for _ in range(60):
            outbox.create_batch("PT A", "accurate", entries(20))
    environment = {**os.environ, "PYTHONPATH": os.getcwd()}
    command = subprocess.Popen(
        [sys.executable, "-m", "app", "history", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
    )
    assert command.stdout.read(100).startswith(b"[")  # then the reader goes away (| head)
    command.stdout.close()
    err = command.stderr.read().decode()
    command.stderr.close()
    assert command.wait(timeout=60) == EXIT_PIPE_CLOSED
    assert err == ""
