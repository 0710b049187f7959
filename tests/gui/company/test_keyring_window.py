"""Keyring trouble in the window: a backend that raises, one that would ask on the terminal,
a company whose secrets cannot be read (the window moves to the demo and the banner offers a
way out), fixing and removing it from the banner, the encrypted secrets file (its password
asked in a dialog), and the wizard saying that saving failed, not the test.

Keyring backends are picked per store or with `keyring.set_keyring()`; the machine's own
keyring is never touched."""

from __future__ import annotations

import getpass

import pytest
from keyring.backends import fail
from keyring.errors import KeyringError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox

from app.api.transport import RetryPolicy
from app.profiles.file_keyring import FILE_NAME
from app.profiles.keyring_choice import file_keyring
from app.profiles.secrets import KEYRING_SERVICE, SecretStore
from app.profiles.store import Profile, ProfileStore
from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN, DEMO_COMPANY, Sandbox
from app.setup.wizard.flow import Connector, CredentialsWizard
from app.ui.company.company_bar import StatusKind
from app.ui.company.keyring_dialogs import CredentialsDialog, PasswordDialog
from app.ui.shell.main_window import MainWindow
from app.ui.wizard.dialog import CredentialsWizardView
from tests.helpers.memory_keyring import MemoryKeyring, installed

WAIT_MS = 10_000
COMPANY = "PT Maju Jaya"
PASSWORD = "kata-sandi-berkas-42"
NO_SLEEP = RetryPolicy(sleep=lambda _seconds: None, random=lambda: 0.0)


class RaisingKeyring(MemoryKeyring):
    """A store that is there but fails every call (a D-Bus service that went away)."""

    def get_password(self, service, username):
        raise KeyringError("org.freedesktop.DBus.Error.ServiceUnknown")

    def set_password(self, service, username, password):
        raise KeyringError("org.freedesktop.DBus.Error.ServiceUnknown")


class TerminalPrompts(MemoryKeyring):
    """Asks on the terminal the first time it is used, as keyrings.alt's file keyring does."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def get_password(self, service, username):
        self.calls += 1
        getpass.getpass("Please enter password for encrypted keyring: ")
        return super().get_password(service, username)

    set_password = get_password  # type: ignore[assignment]


class EncryptedKeyring(TerminalPrompts):
    """Named and placed as keyrings.alt's own: recognised by its class, before any use."""


EncryptedKeyring.__module__ = "keyrings.alt.file"


@pytest.fixture
def prompts(monkeypatch) -> list[str]:
    """Every terminal prompt that reached getpass (none may, from the window)."""
    asked: list[str] = []

    def record(prompt: str = "", stream=None) -> str:
        asked.append(prompt)
        return "typed on a terminal"

    monkeypatch.setattr(getpass, "getpass", record)
    return asked


def window_store(home, backend=None) -> ProfileStore:
    """The window's kind of store: no terminal prompts; `backend` None = the home's choice."""
    return ProfileStore(home, SecretStore(backend, home=home, terminal=False))


def saved_company(store: ProfileStore, sb: Sandbox | None = None) -> None:
    url = sb.account_url if sb is not None else "https://account.accurate.id"
    store.add(Profile(COMPANY, "accurate", url=url, sandbox=sb is not None))


def wait_for_banner(qtbot, window: MainWindow) -> str:
    qtbot.waitUntil(window.keyring_banner.isVisible, timeout=WAIT_MS)
    return window.keyring_banner.text.text()


def on_demo(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.companies.status.kind is StatusKind.OK, timeout=WAIT_MS)
    assert window.session is not None and window.session.is_demo


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(qtbot, edit: QLineEdit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


def open_dialog(qtbot, window: MainWindow, kind: type):
    doctor = window.keyring_doctor
    qtbot.waitUntil(lambda: isinstance(doctor.dialog, kind) and doctor.dialog.isVisible())
    return doctor.dialog


def visible_buttons(window: MainWindow) -> list[str]:
    banner = window.keyring_banner
    buttons = (
        banner.fix_button,
        banner.unlock_button,
        banner.use_file_button,
        banner.remove_button,
    )
    return [button.text() for button in buttons if button.isVisible()]


def connected_to_saved(qtbot, window: MainWindow) -> None:
    def connected() -> bool:
        session = window.session
        on_company = session is not None and session.profile.name == COMPANY
        return on_company and window.companies.status.kind is StatusKind.OK

    qtbot.waitUntil(connected, timeout=WAIT_MS)
    assert not window.session.is_demo
    assert window.company_bar.status_label.text().startswith(f"Terhubung ke {DEMO_COMPANY}")


# -- backends that cannot be used --------------------------------------------------------------


def test_a_keyring_that_raises_moves_to_the_demo_and_offers_the_encrypted_file(
    qtbot, make_window, jurnal_home
):
    store = window_store(jurnal_home, RaisingKeyring())
    saved_company(store)
    window = make_window(store=store)
    text = wait_for_banner(qtbot, window)
    on_demo(qtbot, window)
    assert window.company_bar.combo.currentText().startswith("Demo Accurate")
    assert f"Kredensial '{COMPANY}' tidak bisa dibaca" in window.keyring_banner.title.text()
    assert "menolak permintaan" in text and "ServiceUnknown" in text
    assert visible_buttons(window) == ["Masukkan lagi kredensial…", "Hapus perusahaan…"]


def test_no_keyring_at_all_offers_the_encrypted_file_first(qtbot, make_window, jurnal_home):
    store = window_store(jurnal_home, fail.Keyring())
    saved_company(store)
    window = make_window(store=store)
    text = wait_for_banner(qtbot, window)
    on_demo(qtbot, window)
    assert "Tidak ada penyimpanan kata sandi yang aman" in text
    assert visible_buttons(window) == ["Pakai berkas terenkripsi…", "Hapus perusahaan…"]
    assert window.company_bar.status_label.property("kind") == "ok"  # no red status line


def test_a_keyring_that_asks_on_the_terminal_is_never_reached_from_the_window(
    qtbot, make_window, jurnal_home, prompts
):
    backend = EncryptedKeyring()
    backend.passwords[(KEYRING_SERVICE, f"{COMPANY}:token")] = DEMO_ACCURATE_TOKEN
    store = window_store(jurnal_home, backend)
    saved_company(store)
    window = make_window(store=store)
    text = wait_for_banner(qtbot, window)
    on_demo(qtbot, window)
    assert prompts == [] and backend.calls == 0  # refused by its class, before any use
    assert "keyrings.alt.file.EncryptedKeyring" in text
    assert "meminta kata sandinya di terminal" in text
    assert "jurnal-desk keyring use-file" in text
    assert "Pakai berkas terenkripsi…" in visible_buttons(window)


def test_an_unknown_keyring_that_calls_getpass_is_stopped_at_once(
    qtbot, make_window, jurnal_home, prompts
):
    backend = TerminalPrompts()
    store = window_store(jurnal_home, backend)
    saved_company(store)
    window = make_window(store=store)
    text = wait_for_banner(qtbot, window)
    assert backend.calls >= 1 and prompts == []  # the guard answered instead of a terminal
    assert "TerminalPrompts" in text and "meminta kata sandinya di terminal" in text
    on_demo(qtbot, window)


def test_the_wizard_explains_a_terminal_keyring_before_anything_is_typed(
    qtbot, jurnal_home, executor, prompts
):
    store = window_store(jurnal_home, EncryptedKeyring())
    view = CredentialsWizardView(CredentialsWizard(store), executor)
    qtbot.addWidget(view)
    view.show()
    panel = view.secrets_panel
    qtbot.waitUntil(panel.isVisible, timeout=5000)  # asked on a worker
    assert "meminta kata sandinya di terminal" in panel.text.text()
    qtbot.mouseClick(view.service_page.accurate, Qt.MouseButton.LeftButton)
    assert not view.next_button.isEnabled()  # nothing typed that could not be saved
    assert prompts == []
    view.close()


# -- the wizard's last step --------------------------------------------------------------------


def finish_wizard(qtbot, executor, store: ProfileStore, sb: Sandbox) -> CredentialsWizardView:
    wizard = CredentialsWizard(store, connector=Connector(retry=NO_SLEEP))
    wizard.choose_service("accurate")
    wizard.next()  # the credentials page
    wizard.set_token(DEMO_ACCURATE_TOKEN)
    wizard.set_secret(DEMO_ACCURATE_SECRET)
    wizard.set_url(sb.account_url)
    wizard.next()  # the test page
    assert wizard.run_test()
    wizard.next()  # the name page
    view = CredentialsWizardView(wizard, executor)
    qtbot.addWidget(view)
    view.show()
    click(qtbot, view.finish_button)
    qtbot.waitUntil(lambda: not view.saving, timeout=WAIT_MS)
    return view


class EndOfInput(MemoryKeyring):
    """Reads a password from stdin, which is closed: what the issue's window saw."""

    def set_password(self, service, username, password):
        raise EOFError


def test_a_failed_save_says_saving_failed_not_the_test(qtbot, jurnal_home, executor, sb):
    keyring = EndOfInput()
    store = window_store(jurnal_home, keyring)
    view = finish_wizard(qtbot, executor, store, sb)
    banner = view.banner.text()
    assert view.isVisible() and view.banner.isVisible()
    assert banner.startswith("Menyimpan profil gagal")
    assert "Pengujian" not in banner and "EOFError" not in banner
    assert "jurnal-desk keyring use-file" in banner
    assert store.list() == [] and keyring.passwords == {}
    assert view.finish_button.isEnabled()  # fix the store, press Finish again
    view.close()


def test_an_unexpected_crash_while_saving_is_also_called_a_save_failure(
    qtbot, jurnal_home, executor, sb, monkeypatch
):
    store = window_store(jurnal_home, MemoryKeyring())

    def crash() -> None:
        raise EOFError

    wizard_finish = CredentialsWizard.finish
    monkeypatch.setattr(CredentialsWizard, "finish", lambda self: crash())
    try:
        view = finish_wizard(qtbot, executor, store, sb)
    finally:
        monkeypatch.setattr(CredentialsWizard, "finish", wizard_finish)
    text = view.banner.text()
    assert text.startswith("Menyimpan profil gagal") and "(EOFError)" in text
    assert "Pengujian" not in text
    view.close()


# -- fixing and removing a company from the banner ---------------------------------------------


def test_unreadable_secrets_are_entered_again_from_the_banner(qtbot, make_window, jurnal_home, sb):
    keyring = MemoryKeyring()  # works, but holds nothing for the company
    store = window_store(jurnal_home, keyring)
    saved_company(store, sb)
    window = make_window(store=store)
    text = wait_for_banner(qtbot, window)
    on_demo(qtbot, window)
    assert f"API Token untuk profil '{COMPANY}' tidak ada" in text
    assert visible_buttons(window) == ["Masukkan lagi kredensial…", "Hapus perusahaan…"]

    click(qtbot, window.keyring_banner.fix_button)
    dialog = open_dialog(qtbot, window, CredentialsDialog)
    assert "Tempel lagi API Token dan Signature Secret perusahaan itu" in dialog.explanation.text()
    try:
        window.set_language("zh")  # the open dialog follows, its empty problem line stays empty
        assert "请重新粘贴该公司的 API 令牌和签名密钥" in dialog.explanation.text()
        assert dialog.token_field.problem.text() == ""
    finally:
        window.set_language("id")
    type_into(qtbot, dialog.token.edit, "not-a-token")
    click(qtbot, dialog.ok_button)
    assert 'diawali "aat."' in dialog.token_field.problem.text()  # checked before saving
    type_into(qtbot, dialog.token.edit, DEMO_ACCURATE_TOKEN)
    type_into(qtbot, dialog.secret.edit, DEMO_ACCURATE_SECRET)
    click(qtbot, dialog.ok_button)

    connected_to_saved(qtbot, window)
    assert not window.keyring_banner.isVisible()
    assert window.keyring_doctor.dialog is None
    assert keyring.passwords[(KEYRING_SERVICE, f"{COMPANY}:secret")] == DEMO_ACCURATE_SECRET


def answer_remove(qtbot, window: MainWindow) -> None:
    click(qtbot, window.keyring_banner.remove_button)
    box = window.keyring_doctor.question
    assert isinstance(box, QMessageBox) and COMPANY in box.text()
    buttons = {button.text(): button for button in box.buttons()}
    qtbot.mouseClick(buttons["Hapus"], Qt.MouseButton.LeftButton)


def test_a_company_with_unreadable_secrets_is_removed_from_the_banner(
    qtbot, make_window, jurnal_home
):
    keyring = MemoryKeyring()
    keyring.passwords[(KEYRING_SERVICE, f"{COMPANY}:token")] = DEMO_ACCURATE_TOKEN  # no secret
    store = window_store(jurnal_home, keyring)
    saved_company(store)
    window = make_window(store=store)
    wait_for_banner(qtbot, window)
    answer_remove(qtbot, window)
    qtbot.waitUntil(lambda: store.list() == [], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.keyring_banner.isVisible(), timeout=WAIT_MS)
    assert keyring.passwords == {}  # its token went too
    combo = window.company_bar.combo
    assert not any(COMPANY in combo.itemText(index) for index in range(combo.count()))
    on_demo(qtbot, window)


def test_without_a_keyring_the_company_is_removed_and_the_entry_may_remain(
    qtbot, make_window, jurnal_home
):
    store = window_store(jurnal_home, fail.Keyring())
    saved_company(store)
    window = make_window(store=store)
    wait_for_banner(qtbot, window)
    answer_remove(qtbot, window)
    qtbot.waitUntil(lambda: store.list() == [], timeout=WAIT_MS)
    banner = window.keyring_banner
    qtbot.waitUntil(lambda: banner.title.text() == "Perusahaan dihapus.", timeout=WAIT_MS)
    assert "mungkin masih ada di penyimpanan kata sandi" in banner.text.text()
    assert visible_buttons(window) == []


# -- the encrypted secrets file ----------------------------------------------------------------


def test_no_keyring_then_the_encrypted_file_from_the_banner_then_the_credentials(
    qtbot, make_window, jurnal_home, sb
):
    with installed(fail.Keyring()):
        store = window_store(jurnal_home)  # the home's choice: the system keyring, broken
        saved_company(store, sb)
        window = make_window(store=store)
        wait_for_banner(qtbot, window)
        click(qtbot, window.keyring_banner.use_file_button)
        dialog = open_dialog(qtbot, window, PasswordDialog)
        assert dialog.creates_file and dialog.again is not None
        type_into(qtbot, dialog.password.edit, "short")
        type_into(qtbot, dialog.again.edit, "short")
        click(qtbot, dialog.ok_button)
        assert "minimal 8 karakter" in dialog.message.text()
        type_into(qtbot, dialog.password.edit, PASSWORD)
        type_into(qtbot, dialog.again.edit, PASSWORD + "x")
        click(qtbot, dialog.ok_button)
        assert "tidak sama" in dialog.message.text()
        assert not (jurnal_home / FILE_NAME).exists()
        type_into(qtbot, dialog.again.edit, PASSWORD)
        click(qtbot, dialog.ok_button)

        # The new file does not hold the company's credentials: they are asked for next.
        fix = open_dialog(qtbot, window, CredentialsDialog)
        type_into(qtbot, fix.token.edit, DEMO_ACCURATE_TOKEN)
        type_into(qtbot, fix.secret.edit, DEMO_ACCURATE_SECRET)
        click(qtbot, fix.ok_button)
        connected_to_saved(qtbot, window)

    assert store.secrets.uses_file()
    raw = (jurnal_home / FILE_NAME).read_bytes()
    for value in (DEMO_ACCURATE_TOKEN, DEMO_ACCURATE_SECRET, PASSWORD, COMPANY):
        assert value.encode() not in raw


def test_a_locked_secrets_file_is_opened_in_a_dialog_at_start(qtbot, make_window, jurnal_home, sb):
    setup = SecretStore(home=jurnal_home)
    setup.use_file(PASSWORD)
    ProfileStore(jurnal_home, setup).add(Profile(COMPANY, "accurate", url=sb.account_url))
    setup.set_token(COMPANY, DEMO_ACCURATE_TOKEN)
    setup.set_secret(COMPANY, DEMO_ACCURATE_SECRET)
    file_keyring(jurnal_home).lock()  # as a new process finds it
    before = (jurnal_home / FILE_NAME).read_bytes()

    window = make_window(store=window_store(jurnal_home))
    dialog = open_dialog(qtbot, window, PasswordDialog)
    assert not dialog.creates_file and dialog.again is None
    on_demo(qtbot, window)  # meanwhile, the demo
    type_into(qtbot, dialog.password.edit, "salah-sekali")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: "tidak membuka berkas rahasia" in dialog.message.text())
    assert dialog.isVisible() and dialog.ok_button.isEnabled()
    assert (jurnal_home / FILE_NAME).read_bytes() == before  # nothing lost or changed
    type_into(qtbot, dialog.password.edit, PASSWORD)
    click(qtbot, dialog.ok_button)
    connected_to_saved(qtbot, window)
    assert not window.keyring_banner.isVisible()


def test_no_failure_is_told_behind_the_open_unlock_question_only_once_it_is_declined(
    qtbot, make_window, jurnal_home, sb
):
    setup = SecretStore(home=jurnal_home)
    setup.use_file(PASSWORD)
    ProfileStore(jurnal_home, setup).add(Profile(COMPANY, "accurate", url=sb.account_url))
    setup.set_token(COMPANY, DEMO_ACCURATE_TOKEN)
    setup.set_secret(COMPANY, DEMO_ACCURATE_SECRET)
    file_keyring(jurnal_home).lock()  # the second start finds it locked

    window = make_window(store=window_store(jurnal_home))
    dialog = open_dialog(qtbot, window, PasswordDialog)
    on_demo(qtbot, window)  # meanwhile, the demo
    assert not window.keyring_banner.isVisible()  # the question may still open the file

    click(qtbot, dialog.cancel_button)
    qtbot.waitUntil(window.keyring_banner.isVisible, timeout=WAIT_MS)
    assert f"Kredensial '{COMPANY}' tidak bisa dibaca" in window.keyring_banner.title.text()
    assert visible_buttons(window) == ["Buka kunci…", "Hapus perusahaan…"]
    click(qtbot, window.keyring_banner.unlock_button)
    again = open_dialog(qtbot, window, PasswordDialog)
    type_into(qtbot, again.password.edit, PASSWORD)
    click(qtbot, again.ok_button)
    connected_to_saved(qtbot, window)
    assert not window.keyring_banner.isVisible()


def test_declining_the_password_leaves_the_demo_and_an_unlock_button(
    qtbot, make_window, jurnal_home
):
    setup = SecretStore(home=jurnal_home)
    setup.use_file(PASSWORD)
    file_keyring(jurnal_home).lock()
    window = make_window(store=window_store(jurnal_home))
    dialog = open_dialog(qtbot, window, PasswordDialog)
    click(qtbot, dialog.cancel_button)
    qtbot.waitUntil(window.keyring_banner.isVisible, timeout=WAIT_MS)
    assert visible_buttons(window) == ["Buka kunci…"]
    assert "masih terkunci" in window.keyring_banner.title.text()
    on_demo(qtbot, window)
    click(qtbot, window.keyring_banner.unlock_button)
    assert isinstance(open_dialog(qtbot, window, PasswordDialog), PasswordDialog)


def test_a_locked_secrets_file_is_unlocked_from_the_wizards_first_step(
    qtbot, jurnal_home, executor
):
    setup = SecretStore(home=jurnal_home)
    setup.use_file(PASSWORD)
    file_keyring(jurnal_home).lock()  # the start's password dialog was declined
    view = CredentialsWizardView(CredentialsWizard(window_store(jurnal_home)), executor)
    qtbot.addWidget(view)
    view.show()
    panel = view.secrets_panel
    qtbot.waitUntil(panel.isVisible, timeout=WAIT_MS)  # asked on a worker
    assert "masih terkunci" in panel.text.text()
    assert panel.button.text() == "Buka kunci…"  # the button its text names
    qtbot.mouseClick(view.service_page.accurate, Qt.MouseButton.LeftButton)
    assert not view.next_button.isEnabled()
    click(qtbot, panel.button)
    dialog = view.secrets.dialog
    assert dialog is not None and not dialog.creates_file
    type_into(qtbot, dialog.password.edit, PASSWORD)
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(view.next_button.isEnabled, timeout=WAIT_MS)
    assert str(jurnal_home / FILE_NAME) in panel.text.text() and panel.button.isHidden()
    view.shutdown(10.0)
    view.close()
