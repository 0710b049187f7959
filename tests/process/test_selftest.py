"""`jurnal-desk --self-test`: one line per check, the remedy for each failure, exit 0 only when
every check passes. Each failure is caused for real where it can be here (a Qt platform that
does not exist, a home that is a file, a revoked sandbox token); the OS keyring is faked."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from types import SimpleNamespace

import pytest
from keyring.backends import fail
from keyring.errors import PasswordSetError

from app.cli import main
from app.core.i18n import set_language
from app.logs import log_path
from app.posting.outbox.ledger import Outbox
from app.sandbox.server import DEMO_ACCURATE_TOKEN, Sandbox
from app.selftest import checks, qt
from app.selftest.checks import TEST_SERVICE
from app.selftest.qt import check_qt
from tests.helpers.memory_keyring import MemoryKeyring, installed

CHECKS = 7


@pytest.fixture(autouse=True)
def english_then_indonesian_again():
    """Details in English for the assertions; afterwards the process language other tests
    expect (it is process-wide, and main() sets it from --lang)."""
    set_language("en")
    yield
    set_language("id")


@pytest.fixture
def memory():
    with installed(MemoryKeyring()) as backend:
        yield backend


def self_test(capsys, *extra: str) -> tuple[int, list[str]]:
    code = main(["--lang", "en", *extra, "--self-test"])
    out, err = capsys.readouterr()
    assert err == ""
    return code, out.splitlines()


def line_for(lines: list[str], name: str) -> str:
    (found,) = [line for line in lines if name in line]
    return found


def test_every_check_passes_here_and_prints_one_line_each(capsys, memory, jurnal_home):
    code, lines = self_test(capsys)

    assert code == 0, "\n".join(lines)
    assert lines[0].startswith("Jurnal Desk ") and "self-test" in lines[0]
    results = lines[1:-1]
    assert len(results) == CHECKS
    assert all(line.startswith("OK ") for line in results)
    assert lines[-1] == f"{CHECKS} of {CHECKS} checks passed."
    assert "platform offscreen" in line_for(lines, "Qt can start")
    assert "MemoryKeyring" in line_for(lines, "Password store")
    assert str(jurnal_home) in line_for(lines, "App home is writable")
    assert "journal_mode=wal" in line_for(lines, "Posting history")
    assert "PT Sandbox Jurnal Desk" in line_for(lines, "The sandbox answers")
    assert line_for(lines, "Log file").endswith(str(log_path(jurnal_home)))
    assert log_path(jurnal_home).is_file()
    assert memory.passwords == {}  # the test secret was deleted again


def test_indonesian_by_default(capsys, memory):
    assert main(["--self-test"]) == 0
    out = capsys.readouterr().out
    assert "pemeriksaan mandiri" in out and "7 dari 7 pemeriksaan lolos." in out


# -- Qt ------------------------------------------------------------------------------------


def test_a_qt_platform_that_does_not_exist_fails_with_what_qt_said(capsys, memory, monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "no-such-platform")
    code, lines = self_test(capsys)

    assert code == 1
    line = line_for(lines, "Qt can start")
    assert line.startswith("FAIL ")
    assert 'Could not find the Qt platform plugin "no-such-platform"' in line
    assert "→ Fix:" in line and "QT_QPA_PLATFORM" in line
    assert lines[-1] == f"{CHECKS - 1} of {CHECKS} checks passed."
    assert all(line.startswith("OK ") for line in lines[2:-1])  # the others still ran


def test_xcb_without_a_display_fails_and_says_to_run_it_from_a_desktop(monkeypatch):
    environ = {key: value for key, value in os.environ.items() if key != "WAYLAND_DISPLAY"}
    environ.update(QT_QPA_PLATFORM="xcb", DISPLAY="")
    result = check_qt(environ)

    assert not result.ok
    assert "platform xcb" in result.detail and "display" in result.detail.lower()
    assert "DISPLAY" in result.remedy.en


def test_no_display_at_all_tries_offscreen_and_says_the_window_needs_a_desktop(monkeypatch):
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"}
    }
    result = check_qt(environ)

    assert result.ok, result.detail
    assert "platform offscreen" in result.detail and "needs a desktop session" in result.detail


@pytest.fixture
def ldd_missing_two(tmp_path) -> str:
    """An `ldd` that reports the two libraries a clean Debian lacked in the issue."""
    script = tmp_path / "ldd"
    script.write_text(
        "#!/bin/sh\n"
        "echo '\tlibxcb-icccm.so.4 => not found'\n"
        "echo '\tlibxcb-keysyms.so.1 => not found'\n"
        "echo '\tlibxcb.so.1 => /usr/lib/x86_64-linux-gnu/libxcb.so.1 (0x0000)'\n"
    )
    script.chmod(0o755)
    return str(script)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xcb is Linux only")
def test_missing_xcb_libraries_are_named_with_the_packages_to_install(ldd_missing_two):
    started = []
    result = check_qt(
        {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"},
        ldd=ldd_missing_two,
        run=lambda *args, **kwargs: started.append(args),
    )

    assert not result.ok
    assert result.detail.endswith("missing: libxcb-icccm.so.4, libxcb-keysyms.so.1")
    assert "apt-get install libxcb-icccm4 libxcb-keysyms1" in result.remedy.en
    assert started == []  # Qt is not started knowing it would abort


def test_an_explicit_non_xcb_platform_does_not_need_the_xcb_libraries(ldd_missing_two):
    result = check_qt({**os.environ, "QT_QPA_PLATFORM": "offscreen"}, ldd=ldd_missing_two)
    assert result.ok, result.detail


def test_qt_is_never_loaded_by_the_self_test_itself(jurnal_home):
    # A broken Qt aborts the process that loads it: only the probe's child process may.
    script = (
        "import sys\n"
        "from app.cli import main\n"
        "main(['--self-test'])\n"
        "print('loaded:', sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=180
    )
    assert done.stdout.splitlines()[-1] == "loaded: []", done.stdout + done.stderr
    assert "Qt dapat berjalan" in done.stdout


# -- keyring -------------------------------------------------------------------------------


def test_no_usable_keyring_fails_with_the_keyring_advice(capsys):
    with installed(fail.Keyring()):
        code, lines = self_test(capsys)

    assert code == 1
    line = line_for(lines, "Password store")
    assert line.startswith("FAIL ") and "keyring.backends.fail.Keyring" in line
    assert "jurnal-desk keyring use-file" in line and "PYTHON_KEYRING_BACKEND" in line


class RefusingKeyring(MemoryKeyring):
    """A backend that refuses to store, repeating the value in its error."""

    def __init__(self) -> None:
        super().__init__()
        self.offered: list[str] = []

    def set_password(self, service, username, password):
        self.offered.append(password)
        raise PasswordSetError(f"cannot store {password!r} for {username}")


def test_a_keyring_that_raises_fails_without_showing_the_test_value(capsys):
    with installed(RefusingKeyring()) as backend:
        code, lines = self_test(capsys)

    assert code == 1
    line = line_for(lines, "Password store")
    assert line.startswith("FAIL ") and "RefusingKeyring: PasswordSetError" in line
    assert "Unlock the password store" in line
    (value,) = backend.offered
    assert value not in "\n".join(lines)


class PromptingKeyring(MemoryKeyring):
    """keyrings.alt's encrypted file asks for its password; with no terminal it gets EOF."""

    def set_password(self, service, username, password):
        raise EOFError


def test_a_keyring_asking_for_a_password_without_a_terminal_says_so(capsys):
    with installed(PromptingKeyring()):
        code, lines = self_test(capsys)
    assert code == 1
    assert "asked for its password but there is no terminal" in line_for(lines, "Password store")


class ForgetfulKeyring(MemoryKeyring):
    def get_password(self, service, username):
        return None


def test_a_keyring_that_loses_what_it_was_given_fails(capsys):
    with installed(ForgetfulKeyring()) as backend:
        code, lines = self_test(capsys)
    assert code == 1
    assert "the value read back differs" in line_for(lines, "Password store")
    assert backend.passwords == {}


def test_the_keyring_check_never_touches_a_profiles_entries(memory):
    memory.passwords[("jurnal-desk", "PT Maju:token")] = "kept"
    result = checks.check_keyring()
    assert result.ok
    assert memory.passwords == {("jurnal-desk", "PT Maju:token"): "kept"}
    assert TEST_SERVICE != "jurnal-desk"


# -- home, log file ------------------------------------------------------------------------


def test_a_home_that_cannot_be_created_fails_with_the_folder_and_the_remedy(
    capsys, memory, monkeypatch, tmp_path
):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("JURNAL_DESK_HOME", str(blocker / "home"))
    code, lines = self_test(capsys)

    assert code == 1
    home_line = line_for(lines, "App home is writable")
    assert home_line.startswith("FAIL ") and str(blocker / "home") in home_line
    assert "JURNAL_DESK_HOME" in home_line
    log_line = line_for(lines, "Log file")
    assert log_line.startswith("FAIL ") and "cannot be written" in log_line
    assert line_for(lines, "Posting history").startswith("OK ")  # the system's temp folder


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder anyway")
def test_a_read_only_home_fails(capsys, memory, jurnal_home):
    jurnal_home.chmod(0o500)
    try:
        result = checks.check_home()
    finally:
        jurnal_home.chmod(0o700)
    assert not result.ok and "Permission denied" in result.detail


def test_a_log_that_could_not_be_opened_fails(jurnal_home):
    result = checks.check_log_file(None)
    assert not result.ok
    assert str(log_path(jurnal_home)) in result.detail


# -- signing, sandbox, outbox --------------------------------------------------------------


def test_a_wrong_signature_fails_and_says_to_reinstall(capsys, memory, monkeypatch):
    monkeypatch.setattr(checks, "sign", lambda timestamp, key, encoding="base64": "wrong")
    code, lines = self_test(capsys)
    assert code == 1
    line = line_for(lines, "HMAC signature")
    assert line.startswith("FAIL ") and "reinstall" in line


def test_loopback_that_cannot_be_opened_fails(monkeypatch):
    class NoLoopback(Sandbox):
        def start(self):
            raise OSError(99, "Cannot assign requested address")

    result = checks.check_sandbox(NoLoopback)
    assert not result.ok
    assert "127.0.0.1 cannot be opened: Cannot assign requested address" in result.detail
    assert "NO_PROXY" in result.remedy.en


def test_a_sandbox_that_refuses_the_demo_token_fails_over_real_http():
    stopped = []

    class Revoked(Sandbox):
        def start(self):
            super().start()
            self.revoke(DEMO_ACCURATE_TOKEN)
            return self

        def stop(self):
            stopped.append(True)
            super().stop()

    result = checks.check_sandbox(Revoked)
    assert not result.ok and result.detail
    assert stopped == [True]


class RollbackJournal(Outbox):
    """A file system on which SQLite cannot keep WAL (some network drives): the history
    file ends up in the old rollback-journal mode."""

    def close(self) -> None:
        super().close()
        connection = sqlite3.connect(self.path)
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.close()


def test_an_outbox_left_out_of_wal_mode_fails(jurnal_home):
    result = checks.check_outbox(open_outbox=RollbackJournal)
    assert not result.ok
    assert result.detail == "SQLite uses journal_mode=delete, not wal"
    assert "local disk" in result.remedy.en
    assert list(jurnal_home.iterdir()) == []  # its temporary folder is gone


def test_a_check_that_raises_is_a_failure_and_the_others_still_run(capsys, memory, monkeypatch):
    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(checks, "check_signing", broken)
    code, lines = self_test(capsys)
    assert code == 1
    line = line_for(lines, "HMAC signature")
    assert line.startswith("FAIL ") and "RuntimeError" in line and "support" in line
    assert len(lines) == CHECKS + 2


def test_a_standalone_build_starts_itself_as_the_probe(monkeypatch):
    # Nuitka sets __compiled__ in its modules; its sys.executable names no real file.
    assert qt.probe_command() == [sys.executable, "-m", "app", "--qt-probe"]
    onefile = SimpleNamespace(original_argv0="/opt/jurnal-desk/jurnal-desk.bin")
    monkeypatch.setattr(qt, "__compiled__", onefile, raising=False)
    assert qt.probe_command() == ["/opt/jurnal-desk/jurnal-desk.bin", "--qt-probe"]
    monkeypatch.setattr(qt, "__compiled__", SimpleNamespace(original_argv0=None))
    monkeypatch.setattr(sys, "argv", ["C:\\Jurnal Desk\\jurnal-desk.exe", "--self-test"])
    assert qt.probe_command() == ["C:\\Jurnal Desk\\jurnal-desk.exe", "--qt-probe"]
