"""The Many companies page on a machine with no password store: the companies' secrets are in
Jurnal Desk's encrypted secrets file, unlocked in the window with its password. The posting
child (`post-many --progress jsonl`) gets the file's key from the window down its stdin, never
in its command line, its environment, a file or the log; a window that has not unlocked the
file asks for the password before any child starts; a key that no longer opens the file is
told once, not on every company."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from app.core.environment import KEYRING_PASSWORD
from app.logs import log_folder
from app.profiles.file_keyring import EncryptedFileKeyring
from app.profiles.keyring_choice import file_keyring, secrets_file
from app.profiles.secrets import SecretStore
from app.profiles.store import ProfileStore
from app.ui.company.keyring_dialogs import PasswordDialog
from app.ui.firm.model import NEEDS, PROGRESS, STATE
from app.ui.firm.page import FirmView
from app.ui.shell.main_window import FIRM
from tests.helpers.cli_helpers import journal_rows
from tests.helpers.firm_plans import BRANCHED, FILE_PASSWORD, SEMPOA, write_plan
from tests.helpers.firm_views import click, open_firm_view, row_of
from tests.helpers.posting_helpers import SEMPOA_CREDIT, SEMPOA_DEBIT
from tests.helpers.workbooks import write_workbook

WAIT_MS = 60_000


@pytest.fixture
def make_view(qtbot, executor, jurnal_home) -> Iterator:
    views: list[FirmView] = []

    def make(plan: Path) -> FirmView:
        secrets = SecretStore(home=jurnal_home, terminal=False)  # the window's kind of store
        view = open_firm_view(
            qtbot, executor, ProfileStore(jurnal_home, secrets), jurnal_home, plan
        )
        views.append(view)
        return view

    yield make
    for view in views:
        view.shutdown()


def two_companies(tmp_path: Path, entries: int = 5, mode: str = "") -> Path:
    write_workbook(tmp_path / "cabang.xlsx", journal_rows(entries, prefix="CB"))
    write_workbook(
        tmp_path / "sempoa.xlsx", journal_rows(3, SEMPOA_DEBIT, SEMPOA_CREDIT, prefix="SP")
    )
    return write_plan(
        tmp_path / "rencana.csv",
        [
            [BRANCHED, "cabang.xlsx", "", mode, "Pusat", "", ""],
            [SEMPOA, "sempoa.xlsx", "", "", "", "", ""],
        ],
    )


def plan_opened(qtbot, view: FirmView) -> None:
    click(qtbot, view.choose_button)
    qtbot.waitUntil(lambda: view.post_button.isEnabled(), timeout=WAIT_MS)


def finished(qtbot, view: FirmView) -> None:
    qtbot.waitUntil(lambda: view.status_label.text().startswith("Selesai"), timeout=WAIT_MS)


def posted_once(firm, entries: int = 5) -> None:
    numbers = sorted(v["number"] for v in firm.sb.vouchers(firm.branched_token))
    assert numbers == [f"CB/{n:03}" for n in range(1, entries + 1)]
    journals = sorted(j["referensi"] for j in firm.sb.sempoa_journals(firm.sempoa_token))
    assert journals == ["SP/001", "SP/002", "SP/003"]


def the_key_in_every_form(home: Path) -> list[bytes]:
    """The password and the key derived from it, as text and as raw bytes."""
    key = file_keyring(home).key().value
    raw = base64.urlsafe_b64decode(key)
    forms = [FILE_PASSWORD.encode(), key, raw, base64.b64encode(raw), raw.hex().encode()]
    return [form for form in forms if form]


@pytest.mark.slow
def test_the_window_unlocked_the_file_and_the_child_posts_every_company_once(
    qtbot, filed_firm, tmp_path, make_view
):
    view = make_view(two_companies(tmp_path))
    plan_opened(qtbot, view)
    click(qtbot, view.post_button)
    finished(qtbot, view)
    posted_once(filed_firm)
    assert row_of(view, BRANCHED)[STATE] == "selesai"
    assert row_of(view, SEMPOA)[STATE] == "selesai"
    assert view.status_label.text().startswith("Selesai: 2 dari 2 perusahaan lengkap")

    click(qtbot, view.post_button)  # again: nothing is sent twice
    finished(qtbot, view)
    posted_once(filed_firm)


@pytest.mark.slow
def test_the_key_is_never_in_the_childs_command_line_environment_or_log(
    qtbot, filed_firm, jurnal_home, tmp_path, make_view, monkeypatch
):
    # A window started with the password in its environment (as a scheduled task gives it to
    # a command) does not pass it on either.
    monkeypatch.setenv(KEYRING_PASSWORD, FILE_PASSWORD)
    filed_firm.sb.enforce_rate_limit = True  # 40 entries one by one: the child runs a while
    view = make_view(two_companies(tmp_path, 40, "satu per satu"))
    plan_opened(qtbot, view)
    click(qtbot, view.post_button)

    def posting() -> bool:
        done = row_of(view, BRANCHED)[PROGRESS].split(" / ")[0]
        return done.isdigit() and int(done) >= 3

    qtbot.waitUntil(posting, timeout=WAIT_MS)
    pid = view.firm.pid if view.firm is not None else None
    assert pid is not None
    command_line = Path(f"/proc/{pid}/cmdline").read_bytes()
    environment = Path(f"/proc/{pid}/environ").read_bytes()
    assert b"post-many" in command_line and b"JURNAL_DESK_HOME" in environment
    forms = the_key_in_every_form(jurnal_home)
    for form in forms:
        assert form not in command_line
        assert form not in environment
    click(qtbot, view.stop_all_button)  # the stop commands still follow the key on stdin
    finished(qtbot, view)
    assert row_of(view, BRANCHED)[STATE] == "dihentikan"
    assert 3 <= len(filed_firm.sb.vouchers(filed_firm.branched_token)) < 40

    logged = b"".join(path.read_bytes() for path in log_folder(jurnal_home).glob("*.log*"))
    assert b"post-many exit" in logged  # the child's own log, at DEBUG
    written = [path for path in jurnal_home.rglob("*") if path.is_file()]
    written += [path for path in tmp_path.rglob("*") if path.is_file()]
    for form in forms:
        assert form not in logged
        for path in written:
            assert form not in path.read_bytes(), path


def type_password(qtbot, view: FirmView, password: str) -> PasswordDialog:
    qtbot.waitUntil(lambda: view.unlock_dialog is not None, timeout=WAIT_MS)
    dialog = view.unlock_dialog
    assert isinstance(dialog, PasswordDialog) and dialog.isVisible()
    edit = dialog.password.edit
    assert isinstance(edit, QLineEdit)
    edit.setFocus()
    qtbot.keyClicks(edit, password)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    return dialog


def test_a_locked_file_is_unlocked_in_the_page_before_any_child_starts(
    qtbot, filed_firm, jurnal_home, tmp_path, make_view
):
    file_keyring(jurnal_home).lock()  # a window that has not been given the password yet
    view = make_view(two_companies(tmp_path))
    plan_opened(qtbot, view)
    click(qtbot, view.post_button)
    dialog = type_password(qtbot, view, "bukan-kata-sandinya")
    qtbot.waitUntil(lambda: "tidak membuka berkas rahasia" in dialog.message.text())
    assert view.firm is None or view.firm.pid is None  # no child was started
    assert filed_firm.saves() == []
    dialog.password.edit.clear()
    type_password(qtbot, view, FILE_PASSWORD)
    finished(qtbot, view)
    posted_once(filed_firm)
    assert view.unlock_dialog is None


def test_declining_the_password_starts_nothing_and_says_what_to_do(
    qtbot, filed_firm, jurnal_home, tmp_path, make_view
):
    file_keyring(jurnal_home).lock()
    view = make_view(two_companies(tmp_path))
    plan_opened(qtbot, view)
    click(qtbot, view.post_button)
    qtbot.waitUntil(lambda: view.unlock_dialog is not None, timeout=WAIT_MS)
    click(qtbot, view.unlock_dialog.cancel_button)
    qtbot.waitUntil(lambda: "masih terkunci" in view.status_label.text(), timeout=WAIT_MS)
    assert "Posting semua" in view.status_label.text()
    assert view.post_button.isEnabled()
    assert filed_firm.saves() == []
    assert all(row_of(view, name)[NEEDS] in ("", None) for name in (BRANCHED, SEMPOA))


@pytest.mark.slow
def test_a_key_that_no_longer_opens_the_file_is_told_once_and_asked_again(
    qtbot, filed_firm, jurnal_home, tmp_path, make_view
):
    view = make_view(two_companies(tmp_path))
    plan_opened(qtbot, view)
    # Another Jurnal Desk made the file again with another password since this window
    # unlocked it: the window's key no longer opens it.
    path = secrets_file(jurnal_home)
    kept = path.read_bytes()
    path.unlink()
    EncryptedFileKeyring(path).create("kata-sandi-yang-lain")
    click(qtbot, view.post_button)
    qtbot.waitUntil(lambda: view.unlock_dialog is not None, timeout=WAIT_MS)
    status = view.status_label.text()
    assert "tidak membuka berkas rahasia" in status and "tidak ada yang dikirim" in status
    for name in (BRANCHED, SEMPOA):  # one message on the page, not one per company
        assert row_of(view, name)[NEEDS] in ("", None)
        assert row_of(view, name)[STATE] != "terhenti"
    assert filed_firm.saves() == []

    path.write_bytes(kept)  # the file as it was, and its password typed again
    type_password(qtbot, view, FILE_PASSWORD)
    finished(qtbot, view)
    posted_once(filed_firm)


@pytest.mark.slow
def test_the_password_given_on_the_page_also_opens_the_company_the_window_waited_for(
    qtbot, filed_firm, jurnal_home, tmp_path, make_window
):
    file_keyring(jurnal_home).lock()
    window = make_window(
        store=ProfileStore(jurnal_home, SecretStore(home=jurnal_home, terminal=False))
    )
    doctor = window.keyring_doctor
    qtbot.waitUntil(lambda: doctor.dialog is not None and doctor.dialog.isVisible())
    click(qtbot, doctor.dialog.cancel_button)  # not now: the window stays on the demo
    qtbot.waitUntil(window.keyring_banner.isVisible, timeout=WAIT_MS)
    assert window.keyring_banner.unlock_button.isVisible()

    window.show_page(FIRM)
    page = window.firm_view
    page.open_plan(two_companies(tmp_path))
    qtbot.waitUntil(lambda: page.post_button.isEnabled(), timeout=WAIT_MS)
    click(qtbot, page.post_button)
    type_password(qtbot, page, FILE_PASSWORD)
    finished(qtbot, page)
    posted_once(filed_firm)
    qtbot.waitUntil(lambda: not window.keyring_banner.isVisible(), timeout=WAIT_MS)
