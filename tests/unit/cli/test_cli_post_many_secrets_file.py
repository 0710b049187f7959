"""`jurnal-desk post-many` when the companies' secrets are in the encrypted secrets file and it
is locked: from a terminal the password is asked once, before the companies start side by
side; as the window's child (`--progress jsonl`) it is never asked: the window's key comes on
stdin, and when there is none, or it does not open the file, one line says so and nothing is
sent."""

from __future__ import annotations

import getpass
import io
import json
import os
import sys
import threading
from pathlib import Path

import pytest

from app.cli import EXIT_OK, EXIT_USAGE
from app.firm.child_key import KEY_FLAG, key_line
from app.profiles.file_keyring import EncryptedFileKeyring
from app.profiles.keyring_choice import file_keyring
from tests.helpers.cli_helpers import journal_rows, run
from tests.helpers.firm_plans import BRANCHED, FILE_PASSWORD, SEMPOA, write_plan
from tests.helpers.posting_helpers import SEMPOA_CREDIT, SEMPOA_DEBIT
from tests.helpers.workbooks import write_workbook


def plan_of_two(tmp_path: Path) -> Path:
    write_workbook(tmp_path / "cabang.xlsx", journal_rows(4, prefix="CB"))
    write_workbook(
        tmp_path / "sempoa.xlsx", journal_rows(2, SEMPOA_DEBIT, SEMPOA_CREDIT, prefix="SP")
    )
    return write_plan(
        tmp_path / "rencana.csv",
        [
            [BRANCHED, "cabang.xlsx", "", "", "Pusat", "", ""],
            [SEMPOA, "sempoa.xlsx", "", "", "", "", ""],
        ],
    )


@pytest.fixture
def locked(filed_firm, jurnal_home):
    """A new process's view of the file: locked until its password is given."""
    file_keyring(jurnal_home).lock()
    return filed_firm


class Prompts:
    """Each hidden prompt (its text, the thread that asked) and what is typed at it."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []
        self.answer = FILE_PASSWORD

    def __call__(self, prompt: str = "", stream=None) -> str:
        self.asked.append((prompt, threading.current_thread().name))
        return self.answer


@pytest.fixture
def prompts(monkeypatch) -> Prompts:
    typed = Prompts()
    monkeypatch.setattr(getpass, "getpass", typed)
    return typed


def test_from_a_terminal_the_password_is_asked_once_before_the_companies_start(
    locked, tmp_path, capsys, prompts
):
    report = tmp_path / "hasil.xlsx"
    code, out, err = run(capsys, "post-many", str(plan_of_two(tmp_path)), "--report", str(report))
    assert code == EXIT_OK, out + err
    [(prompt, thread)] = prompts.asked
    assert "secrets.enc" in prompt and thread == "MainThread"
    numbers = sorted(v["number"] for v in locked.sb.vouchers(locked.branched_token))
    assert numbers == ["CB/001", "CB/002", "CB/003", "CB/004"]
    assert len(locked.sb.sempoa_journals(locked.sempoa_token)) == 2


def test_from_a_terminal_a_wrong_password_is_told_once_and_nothing_is_sent(
    locked, tmp_path, capsys, prompts
):
    prompts.answer = "bukan-kata-sandinya"
    code, out, err = run(capsys, "post-many", str(plan_of_two(tmp_path)))
    assert code == EXIT_USAGE
    assert (out + err).count("tidak membuka berkas rahasia") == 1
    assert len(prompts.asked) == 1 and locked.saves() == []
    assert "bukan-kata-sandinya" not in out + err


def child_lines(capsys, monkeypatch, plan: Path, stdin: str, *flags: str) -> tuple[int, list]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code, out, _err = run(capsys, "post-many", str(plan), "--progress", "jsonl", *flags)
    return code, [json.loads(line) for line in out.splitlines()]


def test_the_windows_child_without_a_key_says_once_the_file_is_locked_and_sends_nothing(
    locked, tmp_path, capsys, monkeypatch, prompts
):
    code, lines = child_lines(capsys, monkeypatch, plan_of_two(tmp_path), "")
    assert code == EXIT_USAGE
    [line] = lines
    told = json.dumps(line["secrets"]["text"], ensure_ascii=False)
    assert "masih terkunci" in told and line["secrets"]["unlock"] is True
    assert prompts.asked == [] and locked.saves() == []


def test_the_windows_child_told_a_key_that_does_not_open_the_file_says_so_once(
    locked, tmp_path, capsys, monkeypatch, prompts
):
    other = EncryptedFileKeyring(tmp_path / "lain.enc")
    other.create("kata-sandi-yang-lain")
    stdin = key_line(other.key()) + '{"stop": null}\n'
    code, lines = child_lines(capsys, monkeypatch, plan_of_two(tmp_path), stdin, KEY_FLAG)
    assert code == EXIT_USAGE
    [line] = lines
    told = json.dumps(line["secrets"]["text"], ensure_ascii=False)
    assert "tidak membuka berkas rahasia" in told and "tidak ada yang dikirim" in told
    assert other.key().value.decode() not in told
    assert prompts.asked == [] and locked.saves() == []


def test_the_windows_child_opens_the_file_with_the_key_on_stdin(
    locked, jurnal_home, tmp_path, capsys, monkeypatch, prompts
):
    window = EncryptedFileKeyring(jurnal_home / "secrets.enc")
    window.unlock(FILE_PASSWORD)  # the window's own, in its own process
    report = tmp_path / "hasil.xlsx"
    read_end, write_end = os.pipe()  # a stdin that stays open, as the window's does
    os.write(write_end, key_line(window.key()).encode("ascii"))
    stdin = os.fdopen(read_end, encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    try:
        code, out, _err = run(
            capsys, "post-many", str(plan_of_two(tmp_path)), "--progress", "jsonl",
            KEY_FLAG, "--report", str(report),
        )  # fmt: skip
    finally:
        os.close(write_end)  # the child's command reader sees the end, then lets go
    stdin.close()
    assert code == EXIT_OK
    assert json.loads(out.splitlines()[-1]) == {"done": {"complete": True, "report": str(report)}}
    assert prompts.asked == []
    assert len(locked.sb.vouchers(locked.branched_token)) == 4
