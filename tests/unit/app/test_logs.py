"""The log file a support person asks for: where it is, what goes in, that it rotates, and that
a credential never reaches it."""

from __future__ import annotations

import logging
import sys

import pytest

import app.logs
from app import __version__
from app.cli import main
from app.logs import BACKUPS, LOG_FILE, file_logging, log_folder, log_path, scrub

TOKEN = "aat.MTAw.LOG-CANARY-TOKEN-9c1e"
SECRET = "LOG-CANARY-SECRET-77ab"


def test_every_command_run_is_logged_in_the_app_home(capsys, jurnal_home, tmp_path):
    assert main(["template", str(tmp_path / "jurnal.xlsx")]) == 0
    assert main(["validate", str(tmp_path / "missing.xlsx")]) == 2
    capsys.readouterr()

    text = log_path(jurnal_home).read_text(encoding="utf-8")
    assert log_path(jurnal_home) == jurnal_home / "logs" / LOG_FILE
    assert f"Jurnal Desk {__version__} on Python" in text
    assert "template exit 0" in text
    assert "validate exit 2" in text


def test_the_log_handler_is_removed_after_each_run(jurnal_home):
    before = list(logging.getLogger().handlers)
    with file_logging() as path:
        assert path == log_path(jurnal_home)
        logging.getLogger("app.test").info("inside")
    logging.getLogger("app.test").info("outside")
    assert logging.getLogger().handlers == before
    text = path.read_text(encoding="utf-8")
    assert "inside" in text and "outside" not in text


def test_a_home_that_cannot_hold_a_log_does_not_stop_the_command(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("JURNAL_DESK_HOME", str(blocker / "home"))
    ran = False
    with file_logging() as path:
        ran = True
    assert ran and path is None


def test_the_log_rotates_and_keeps_three_older_files(jurnal_home, monkeypatch):
    monkeypatch.setattr(app.logs, "MAX_BYTES", 4096)
    with file_logging():
        for number in range(400):
            logging.getLogger("app.test").info("line %d %s", number, "x" * 60)
    names = sorted(path.name for path in log_folder(jurnal_home).iterdir())
    assert names == [LOG_FILE] + [f"{LOG_FILE}.{n}" for n in range(1, BACKUPS + 1)]
    assert all(path.stat().st_size <= 4096 for path in log_folder(jurnal_home).iterdir())
    assert "line 399" in log_path(jurnal_home).read_text(encoding="utf-8")


def test_debug_lines_only_when_asked_for(jurnal_home, monkeypatch):
    with file_logging():
        logging.getLogger("app.test").debug("quiet detail")
    monkeypatch.setenv("JURNAL_DESK_LOG_LEVEL", "DEBUG")
    with file_logging():
        logging.getLogger("app.test").debug("support detail")
    text = log_path(jurnal_home).read_text(encoding="utf-8")
    assert "support detail" in text and "quiet detail" not in text


@pytest.mark.parametrize(
    "line",
    [
        f"GET /api/api-token.do Authorization: Bearer {TOKEN}",
        f"headers={{'Authorization': 'Bearer {TOKEN}', 'X-Api-Signature': '{SECRET}'}}",
        f"token={TOKEN}&secret={SECRET}",
        f"the token {TOKEN} was refused",
        f"signature_secret: {SECRET}",
    ],
)
def test_credential_shaped_text_is_masked(line):
    cleaned = scrub(line)
    assert TOKEN not in cleaned and SECRET not in cleaned
    assert "***" in cleaned


def test_a_library_that_logs_a_credential_or_raises_with_one_never_writes_it(jurnal_home):
    with file_logging():
        library = logging.getLogger("httpx")
        library.warning("sending Authorization: Bearer %s", TOKEN)
        try:
            raise ValueError(f"bad header X-Api-Signature: {SECRET}")
        except ValueError:
            library.exception("request failed")
    text = log_path(jurnal_home).read_text(encoding="utf-8")
    assert "request failed" in text and "Traceback" in text
    assert TOKEN not in text and SECRET not in text


def test_an_exception_nothing_caught_is_logged_with_its_traceback(jurnal_home, monkeypatch):
    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda *info: seen.append(info[0]))
    with file_logging():
        try:
            raise LookupError("a slot failed")
        except LookupError:
            sys.excepthook(*sys.exc_info())
    assert seen == [LookupError]  # still shown as before
    text = log_path(jurnal_home).read_text(encoding="utf-8")
    assert "uncaught LookupError" in text and "a slot failed" in text and "Traceback" in text
