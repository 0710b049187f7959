"""The "add a company" dialog: what the accountant sees and presses, over real HTTP to the sandbox
(the connection test on a worker thread), a memory keyring, and the main window's entry points."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Generator, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit

from app.api.ratelimit import LimiterRegistry
from app.api.transport import RetryPolicy
from app.core.i18n import set_language
from app.profiles.secrets import SecretStore
from app.profiles.store import Profile, ProfileStore
from app.sandbox import (
    DEMO_ACCURATE_SECRET,
    DEMO_ACCURATE_TOKEN,
    DEMO_COMPANY,
    DEMO_SEMPOA_TOKEN,
    Faults,
    Sandbox,
)
from app.setup.wizard.flow import Connector, CredentialsWizard, Page
from app.setup.wizard.secrets_place import SecretsPlace
from app.ui.common.tasks import TaskState
from app.ui.company.company_bar import StatusKind
from app.ui.shell.main_window import MainWindow
from app.ui.wizard import secrets_place
from app.ui.wizard.dialog import CredentialsWizardView
from tests.helpers.memory_keyring import MemoryKeyring, installed

WAIT_MS = 10_000
NO_SLEEP = RetryPolicy(sleep=lambda _seconds: None, random=lambda: 0.0)


class RecordingExecutor(ThreadPoolExecutor):
    """A real pool that notes which thread ran each task."""

    def __init__(self) -> None:
        super().__init__(max_workers=2, thread_name_prefix="test-wizard")
        self.threads: list[threading.Thread] = []

    def submit(self, fn, /, *args, **kwargs):
        def run(*inner_args, **inner_kwargs):
            self.threads.append(threading.current_thread())
            return fn(*inner_args, **inner_kwargs)

        return super().submit(run, *args, **kwargs)


@pytest.fixture
def executor() -> Iterator[RecordingExecutor]:
    pool = RecordingExecutor()
    yield pool
    pool.shutdown(wait=True, cancel_futures=True)


@pytest.fixture
def keyring() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def store(jurnal_home, keyring) -> ProfileStore:
    return ProfileStore(jurnal_home, SecretStore(keyring))


@pytest.fixture
def language() -> Iterator[None]:
    yield
    set_language("id")


@pytest.fixture
def make_view(qtbot, executor, language):
    views: list[CredentialsWizardView] = []

    def make(store: ProfileStore) -> CredentialsWizardView:
        wizard = CredentialsWizard(store, connector=Connector(retry=NO_SLEEP))
        view = CredentialsWizardView(wizard, executor)
        qtbot.addWidget(view)
        view.show()
        views.append(view)
        return view

    yield make
    for view in views:
        assert view.shutdown(10.0), "a connection test was still running"
        view.close()


def type_into(qtbot, edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def fill_accurate(qtbot, view, sb, token=DEMO_ACCURATE_TOKEN, secret=DEMO_ACCURATE_SECRET):
    qtbot.mouseClick(view.service_page.accurate, Qt.MouseButton.LeftButton)  # the whole card
    click(qtbot, view.next_button)
    form = view.accurate_form
    type_into(qtbot, form.token.edit, token)
    type_into(qtbot, form.secret.edit, secret)
    click(qtbot, form.advanced.button)
    type_into(qtbot, form.url, sb.account_url)


def wait_tested(qtbot, view) -> None:
    qtbot.waitUntil(lambda: not view.wizard.busy, timeout=WAIT_MS)


def button_texts(view) -> list[str]:
    buttons = (view.cancel_button, view.back_button, view.next_button, view.finish_button)
    return [button.text() for button in buttons]


# -- the flow -----------------------------------------------------------------------------------


def test_an_accountant_connects_an_accurate_company_and_it_is_saved(
    qtbot, make_view, sb, store, keyring, executor, jurnal_home, caplog
):
    caplog.set_level(logging.DEBUG)
    view = make_view(store)
    assert button_texts(view) == ["Batal", "Kembali", "Lanjut", "Selesai"]
    assert not view.next_button.isEnabled() and not view.finish_button.isVisible()
    fill_accurate(qtbot, view, sb)
    assert view.accurate_form.token_field.problem.isHidden()

    click(qtbot, view.next_button)
    assert view.wizard.page is Page.TEST
    assert not view.next_button.isEnabled()  # not before the test has passed
    wait_tested(qtbot, view)
    assert executor.threads and threading.main_thread() not in executor.threads
    page = view.test_page
    assert page.status.text() == f"✓ Terhubung ke {DEMO_COMPANY}."
    assert page.progress.isHidden()
    values = [
        page.result_form.itemAt(row, page.result_form.ItemRole.FieldRole).widget().text()
        for row in range(page.result_form.rowCount())
    ]
    assert values[0].startswith(DEMO_COMPANY) and values[1] == sb.accurate_host()

    click(qtbot, view.next_button)
    assert view.name_page.name.text() == DEMO_COMPANY
    assert view.name_page.language_field.isVisible()
    assert view.finish_button.isVisible() and not view.next_button.isVisible()
    view.name_page.language.setCurrentIndex(view.name_page.language.findData("CN"))
    with qtbot.waitSignal(view.profile_saved, timeout=WAIT_MS) as saved:
        click(qtbot, view.finish_button)
    profile = saved.args[0]
    assert view.result() == QDialog.DialogCode.Accepted and not view.isVisible()
    assert store.get(DEMO_COMPANY) == profile
    assert (profile.language, profile.data_host) == ("CN", sb.accurate_host())
    assert store.secrets.get_secret(DEMO_COMPANY) == DEMO_ACCURATE_SECRET
    files = [path for path in jurnal_home.rglob("*") if path.is_file()]
    written = [path.read_text("utf-8", "replace") for path in files]
    assert written and caplog.text
    for secret in (DEMO_ACCURATE_TOKEN, DEMO_ACCURATE_SECRET):
        assert not any(secret in text for text in [*written, caplog.text])


def test_a_sempoa_company_needs_only_its_token(qtbot, make_view, sb, store):
    view = make_view(store)
    view.service_page.sempoa.radio.click()
    click(qtbot, view.next_button)
    form = view.sempoa_form
    assert "Generate Token" in form.warning.text() and form.warning.isVisible()
    type_into(qtbot, form.token.edit, DEMO_SEMPOA_TOKEN)
    form.advanced.expand()
    type_into(qtbot, form.url, sb.sempoa_url)
    assert form.lines.currentData() == "transaksi" and form.lines.itemData(0) == "transaksi"
    assert "(bawaan)" in form.lines.currentText()
    form.lines.setCurrentIndex(form.lines.findData("arrays"))  # the older shape, by choice
    click(qtbot, view.next_button)
    wait_tested(qtbot, view)
    assert view.test_page.status.text() == "✓ Token Sempoa diterima."
    click(qtbot, view.next_button)
    assert view.name_page.name.text() == "Sempoa"
    assert not view.name_page.language_field.isVisible()  # Accurate's setting only
    with qtbot.waitSignal(view.profile_saved, timeout=WAIT_MS):
        click(qtbot, view.finish_button)
    assert store.get("Sempoa").sempoa_lines == "arrays"


def test_the_token_is_masked_until_shown_and_the_secret_stays_masked(qtbot, make_view, store):
    view = make_view(store)
    view.service_page.accurate.radio.click()
    click(qtbot, view.next_button)
    form = view.accurate_form
    assert form.token.edit.echoMode() is QLineEdit.EchoMode.Password
    assert form.secret.edit.echoMode() is QLineEdit.EchoMode.Password
    assert form.secret.toggle is None
    click(qtbot, form.token.toggle)
    assert form.token.edit.echoMode() is QLineEdit.EchoMode.Normal
    assert form.token.toggle.text() == "Sembunyikan"
    click(qtbot, form.token.toggle)
    assert form.token.edit.echoMode() is QLineEdit.EchoMode.Password


def test_tab_goes_from_the_token_to_the_secret_and_then_to_the_show_button(qtbot, make_view, store):
    view = make_view(store)
    view.service_page.accurate.radio.click()
    click(qtbot, view.next_button)
    form = view.accurate_form
    view.activateWindow()
    form.token.edit.setFocus()
    qtbot.waitUntil(form.token.edit.hasFocus)
    QTest.keyClicks(form.token.edit, "aat.token")
    QTest.keyClick(form.token.edit, Qt.Key.Key_Tab)
    assert form.secret.edit.hasFocus()
    QTest.keyClicks(form.secret.edit, "rahasia")
    QTest.keyClick(form.secret.edit, Qt.Key.Key_Tab)
    assert form.token.toggle.hasFocus()
    assert (form.token.edit.text(), form.secret.edit.text()) == ("aat.token", "rahasia")
    QTest.keyClick(form.token.toggle, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert form.secret.edit.hasFocus()


def test_where_to_find_the_credentials_is_on_the_page(qtbot, make_view, store):
    view = make_view(store)
    view.service_page.accurate.radio.click()
    click(qtbot, view.next_button)
    page_text = " ".join(label.text() for label in view.accurate_form.findChildren(QLabel))
    assert "Pengaturan › Accurate Store › API Token" in page_text
    assert "Area Developer Accurate" in page_text
    assert view.accurate_form.url.text() == "https://account.accurate.id"
    assert not view.accurate_form.url.isVisible()  # advanced: folded away


def test_a_token_that_cannot_be_right_is_flagged_under_its_field(qtbot, make_view, store):
    view = make_view(store)
    view.service_page.accurate.radio.click()
    click(qtbot, view.next_button)
    form = view.accurate_form
    type_into(qtbot, form.token.edit, "12345")
    type_into(qtbot, form.secret.edit, "abcdef")
    assert form.token_field.problem.isVisible()
    assert 'diawali "aat."' in form.token_field.problem.text()
    assert not view.next_button.isEnabled()
    type_into(qtbot, form.token.edit, "aat.12345")
    assert form.token_field.problem.isHidden() and view.next_button.isEnabled()


def test_an_insecure_address_opens_the_advanced_settings_to_show_why(qtbot, make_view, store):
    view = make_view(store)
    view.service_page.accurate.radio.click()
    click(qtbot, view.next_button)
    form = view.accurate_form
    form.advanced.expand()
    type_into(qtbot, form.url, "http://accurate.example.com")
    form.advanced.expand(False)
    type_into(qtbot, form.token.edit, "aat.1")
    assert form.url.isVisible() and "tidak terenkripsi" in form.url_field.problem.text()


# -- failures ------------------------------------------------------------------------------------


def test_a_revoked_token_is_explained_and_fixed_by_going_back(qtbot, make_view, sb, store):
    token, secret = sb.add_accurate_company("PT Dicabut")
    sb.revoke(token)
    view = make_view(store)
    fill_accurate(qtbot, view, sb, token, secret)
    click(qtbot, view.next_button)
    wait_tested(qtbot, view)
    status = view.test_page.status
    assert status.isVisible() and status.property("kind") == "error"
    assert "Invalid or Revoked API Token" in status.text()
    assert not view.next_button.isEnabled() and view.back_button.isEnabled()

    click(qtbot, view.back_button)
    type_into(qtbot, view.accurate_form.token.edit, sb.replace_token(token))
    click(qtbot, view.next_button)  # the test starts again by itself
    wait_tested(qtbot, view)
    assert view.test_page.status.text() == "✓ Terhubung ke PT Dicabut."
    assert view.next_button.isEnabled()


def test_test_again_repeats_the_test(qtbot, make_view, sb, store):
    view = make_view(store)
    fill_accurate(qtbot, view, sb, secret="0" * 32)
    click(qtbot, view.next_button)
    wait_tested(qtbot, view)
    assert "X-API-Signature invalid" in view.test_page.status.text()
    calls = len(sb.request_log())
    click(qtbot, view.test_page.again)
    wait_tested(qtbot, view)
    assert len(sb.request_log()) > calls


def test_going_back_during_a_test_abandons_it(qtbot, make_view, sb, store):
    sb.faults = Faults(latency_ms=400)
    view = make_view(store)
    fill_accurate(qtbot, view, sb)
    click(qtbot, view.next_button)
    assert view.wizard.busy and view.test_page.progress.isVisible()
    assert "Menghubungi Accurate Online" in view.test_page.status.text()
    click(qtbot, view.back_button)
    assert view.wizard.page is Page.CREDENTIALS and not view.wizard.busy
    assert view.shutdown(10.0)  # the worker ends; its outcome is dropped
    assert view.wizard.connection is None


def test_a_duplicate_name_blocks_finish_until_changed(qtbot, make_view, sb, store):
    store.add(Profile(DEMO_COMPANY.lower(), "sempoa"))
    view = make_view(store)
    fill_accurate(qtbot, view, sb)
    click(qtbot, view.next_button)
    wait_tested(qtbot, view)
    click(qtbot, view.next_button)
    assert not view.finish_button.isEnabled()
    assert view.banner.isVisible() and "sudah ada" in view.banner.text()
    type_into(qtbot, view.name_page.name, "PT Sandbox Pusat")
    assert view.finish_button.isEnabled() and view.banner.isHidden()


def slow_probe(store: ProfileStore, state: TaskState) -> SecretsPlace:
    """Asking where the secrets go, on a machine where the keyring takes its time."""
    time.sleep(1.0)
    return secrets_place.secrets_place(store.secrets)


def secrets_file_offered(qtbot, view) -> str:
    panel = view.secrets_panel
    qtbot.waitUntil(panel.isVisible, timeout=WAIT_MS)  # asked on a worker as the dialog opens
    return panel.text.text()


def test_without_a_keyring_the_encrypted_file_is_turned_on_in_the_wizard_and_the_company_works(
    qtbot, jurnal_home, executor, sb, language, monkeypatch
):
    with installed(fail.Keyring()):  # this computer has no password store at all
        store = ProfileStore(jurnal_home, SecretStore(home=jurnal_home, terminal=False))
        window = MainWindow(
            home=jurnal_home, store=store, executor=executor, limiters=LimiterRegistry()
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.companies.status.kind is StatusKind.OK, timeout=WAIT_MS)
        click(qtbot, window.company_bar.add_button)
        view = window.findChildren(CredentialsWizardView)[0]
        view.wizard.connector = Connector(retry=NO_SLEEP)
        secrets_file = jurnal_home / "secrets.enc"

        # The first page says it, and what the way out means, before anything is typed.
        text = secrets_file_offered(qtbot, view)
        assert "tidak punya penyimpanan kata sandi sistem" in text
        assert str(secrets_file) in text and "kata sandi yang Anda pilih" in text
        assert view.secrets_panel.button.text() == "Pakai berkas terenkripsi…"
        assert 'Tekan "Pakai berkas terenkripsi…"' in text  # the button beside it
        qtbot.mouseClick(view.service_page.accurate, Qt.MouseButton.LeftButton)
        assert not view.next_button.isEnabled()  # no five steps to a dead end

        click(qtbot, view.secrets_panel.button)
        dialog = view.secrets.dialog
        assert dialog is not None and dialog.isVisible() and dialog.creates_file
        type_into(qtbot, dialog.password.edit, "kata-sandi-berkas-42")
        type_into(qtbot, dialog.again.edit, "kata-sandi-berkas-42")
        monkeypatch.setattr(secrets_place, "probe_place", slow_probe)  # a busy machine
        click(qtbot, dialog.ok_button)
        qtbot.waitUntil(lambda: view.secrets.dialog is None, timeout=WAIT_MS)
        # The dialog closes with the file in use: Lanjut works at once, no second asking.
        assert view.next_button.isEnabled() and secrets_file.exists()
        assert view.secrets_panel.title.text() == "Kredensial disimpan di berkas terenkripsi."
        assert view.secrets_panel.button.isHidden()

        click(qtbot, view.next_button)
        form = view.accurate_form
        type_into(qtbot, form.token.edit, DEMO_ACCURATE_TOKEN)
        type_into(qtbot, form.secret.edit, DEMO_ACCURATE_SECRET)
        click(qtbot, form.advanced.button)
        type_into(qtbot, form.url, sb.account_url)
        click(qtbot, view.next_button)
        wait_tested(qtbot, view)
        click(qtbot, view.next_button)

        # The last page names where the secrets really go.
        kept = view.name_page.kept.text()
        assert f"disimpan terenkripsi di berkas {secrets_file}" in kept
        assert "penyimpanan kata sandi sistem" not in kept
        with qtbot.waitSignal(view.profile_saved, timeout=WAIT_MS):
            click(qtbot, view.finish_button)

        # Saved, selected and usable: the window connects with the secrets from the file.
        status = lambda: window.company_bar.status_label.text()  # noqa: E731
        qtbot.waitUntil(
            lambda: status().startswith(f"Terhubung ke {DEMO_COMPANY}"), timeout=WAIT_MS
        )
        assert window.session is not None and not window.session.is_demo
        assert store.secrets.get_secret(DEMO_COMPANY) == DEMO_ACCURATE_SECRET
        raw = secrets_file.read_bytes()
        assert DEMO_ACCURATE_TOKEN.encode() not in raw and DEMO_ACCURATE_SECRET.encode() not in raw
        window.close()


class SecretServiceKeyring(MemoryKeyring):
    """Named and placed as keyring's own GNOME Keyring backend (Secret Service)."""


SecretServiceKeyring.__module__ = "keyring.backends.SecretService"


def test_the_last_page_names_the_system_password_store_in_both_languages(
    qtbot, make_view, sb, jurnal_home
):
    view = make_view(ProfileStore(jurnal_home, SecretStore(SecretServiceKeyring())))
    fill_accurate(qtbot, view, sb)
    click(qtbot, view.next_button)
    wait_tested(qtbot, view)
    click(qtbot, view.next_button)
    assert view.secrets_panel.isHidden()
    kept = view.name_page.kept.text()
    assert "penyimpanan kata sandi sistem: GNOME Keyring (Secret Service)" in kept
    set_language("en")
    view.retranslate()
    kept = view.name_page.kept.text()
    assert "go to the system password store: GNOME Keyring (Secret Service)" in kept


def test_cancel_closes_without_saving(qtbot, make_view, sb, store, keyring):
    view = make_view(store)
    fill_accurate(qtbot, view, sb)
    click(qtbot, view.cancel_button)
    assert view.result() == QDialog.DialogCode.Rejected and not view.isVisible()
    assert store.list() == [] and keyring.passwords == {}


def test_the_dialog_speaks_english_when_the_app_does(qtbot, make_view, store):
    set_language("en")
    view = make_view(store)
    assert view.windowTitle() == "Add a company"
    assert button_texts(view) == ["Cancel", "Back", "Next", "Finish"]
    assert view.steps[Page.TEST].text() == "3  Connection test"


# -- the main window's way in -------------------------------------------------------------------


@pytest.fixture
def window(qtbot, jurnal_home, store, executor) -> Iterator[MainWindow]:
    main = MainWindow(home=jurnal_home, store=store, executor=executor, limiters=LimiterRegistry())
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()


def test_the_file_menu_and_the_company_bar_open_the_wizard(qtbot, window):
    qtbot.waitUntil(lambda: window.companies.status.kind is StatusKind.OK, timeout=WAIT_MS)
    assert window.menus.add_company_action.text() == "Tambah perusahaan…"
    window.menus.add_company_action.trigger()
    views = window.findChildren(CredentialsWizardView)
    assert len(views) == 1 and views[0].isVisible() and views[0].isModal()
    views[0].reject()
    click(qtbot, window.company_bar.add_button)
    assert any(view.isVisible() for view in window.findChildren(CredentialsWizardView))


def test_a_saved_company_is_listed_and_selected(qtbot, window, sb):
    qtbot.waitUntil(lambda: window.companies.status.kind is StatusKind.OK, timeout=WAIT_MS)
    view = window.open_add_company()
    view.wizard.connector = Connector(retry=NO_SLEEP)
    fill_accurate(qtbot, view, sb)
    click(qtbot, view.next_button)
    wait_tested(qtbot, view)
    click(qtbot, view.next_button)
    type_into(qtbot, view.name_page.name, "PT Baru")
    with qtbot.waitSignal(view.profile_saved, timeout=WAIT_MS):
        click(qtbot, view.finish_button)
    combo = window.company_bar.combo
    assert combo.currentText() == "PT Baru — Accurate Online"
    assert window.session is not None and window.session.profile.name == "PT Baru"
    status = lambda: window.company_bar.status_label.text()  # noqa: E731
    qtbot.waitUntil(lambda: status().startswith(f"Terhubung ke {DEMO_COMPANY}"), timeout=WAIT_MS)


class ThreadRecordingKeyring(MemoryKeyring):
    """Notes the thread of every keyring write (the OS keyring may block to ask for a
    password, so the window must never wait for it)."""

    def __init__(self) -> None:
        super().__init__()
        self.writer_threads: list[str] = []

    def set_password(self, service: str, username: str, password: str) -> None:
        self.writer_threads.append(threading.current_thread().name)
        super().set_password(service, username, password)


def test_the_profile_and_its_secrets_are_saved_off_the_gui_thread(
    qtbot, make_view, sb, jurnal_home
):
    keyring = ThreadRecordingKeyring()
    view = make_view(ProfileStore(jurnal_home, SecretStore(keyring)))
    fill_accurate(qtbot, view, sb)
    click(qtbot, view.next_button)
    wait_tested(qtbot, view)
    click(qtbot, view.next_button)
    with qtbot.waitSignal(view.profile_saved, timeout=WAIT_MS):
        click(qtbot, view.finish_button)
    assert keyring.writer_threads  # token and secret were written ...
    assert threading.main_thread().name not in keyring.writer_threads  # ... by a worker


# -- the branch page ---------------------------------------------------------------------------

BRANCHES_SEEN = ("Pusat", "Cabang Surabaya", "Cabang Medan", "Cabang Makassar")


@pytest.fixture
def branched() -> Generator[Sandbox, None, None]:
    """The demo company with a user who sees several branches."""
    with Sandbox(demo_branches=BRANCHES_SEEN) as sandbox:
        yield sandbox


def to_branch_page(qtbot, view, branched) -> None:
    fill_accurate(qtbot, view, branched)
    click(qtbot, view.next_button)
    wait_tested(qtbot, view)
    click(qtbot, view.next_button)
    assert view.wizard.page is Page.BRANCH


def pick(qtbot, view, name: str) -> None:
    branches = view.branch_page.branches
    item = branches.findItems(name, Qt.MatchFlag.MatchExactly)[0]
    rect = branches.visualItemRect(item)
    qtbot.mouseClick(branches.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_default_branch_is_picked_from_a_list_and_saved(
    qtbot, make_view, branched, store, executor
):
    view = make_view(store)
    to_branch_page(qtbot, view, branched)
    assert executor.threads and threading.main_thread() not in executor.threads
    page = view.branch_page
    assert page.isVisible()
    shown = [page.branches.item(row).text() for row in range(page.branches.count())]
    assert shown == list(BRANCHES_SEEN)
    assert page.branches.selectedItems() == []  # nothing chosen for the user
    assert f"melihat 4 cabang di {DEMO_COMPANY}" in page.intro.text()
    assert "Berkas › Pengaturan › Cabang utama" in page.after.text()  # where to change it later
    assert "jurnal-desk" not in page.after.text()
    assert view.steps[Page.BRANCH].text() == "4  Cabang"
    assert view.steps[Page.NAME].text() == "5  Nama profil"
    assert not view.next_button.isEnabled()

    pick(qtbot, view, "Cabang Medan")
    assert view.wizard.branch == "Cabang Medan" and view.next_button.isEnabled()
    click(qtbot, view.next_button)
    assert view.wizard.page is Page.NAME
    type_into(qtbot, view.name_page.name, "PT Cabang")
    with qtbot.waitSignal(view.profile_saved, timeout=WAIT_MS):
        click(qtbot, view.finish_button)
    assert store.get("PT Cabang").branch == "Cabang Medan"


def test_going_back_to_the_branch_page_shows_the_choice(qtbot, make_view, branched, store):
    view = make_view(store)
    to_branch_page(qtbot, view, branched)
    pick(qtbot, view, "Cabang Surabaya")
    click(qtbot, view.next_button)
    click(qtbot, view.back_button)
    selected = [item.text() for item in view.branch_page.branches.selectedItems()]
    assert selected == ["Cabang Surabaya"] and view.next_button.isEnabled()


def test_a_single_branch_company_has_no_branch_step(qtbot, make_view, branched, store):
    branched.set_branches(["Pusat"])
    view = make_view(store)
    fill_accurate(qtbot, view, branched)
    assert view.steps[Page.BRANCH].isHidden()  # not known to be needed before the test
    click(qtbot, view.next_button)
    wait_tested(qtbot, view)
    click(qtbot, view.next_button)
    assert view.wizard.page is Page.NAME
    assert view.steps[Page.BRANCH].isHidden()
    assert view.steps[Page.NAME].text() == "4  Nama profil"


def test_a_store_gone_by_finish_is_replaced_by_the_encrypted_file_on_the_last_page(
    qtbot, make_view, sb, jurnal_home
):
    store = ProfileStore(jurnal_home, SecretStore(home=jurnal_home, terminal=False))
    with installed(MemoryKeyring()):
        view = make_view(store)
        fill_accurate(qtbot, view, sb)
        click(qtbot, view.next_button)
        wait_tested(qtbot, view)
        click(qtbot, view.next_button)
        assert view.secrets_panel.isHidden()
    with installed(fail.Keyring()):  # the system's store went away meanwhile
        with qtbot.assertNotEmitted(view.profile_saved):
            click(qtbot, view.finish_button)
            qtbot.waitUntil(lambda: not view.saving, timeout=WAIT_MS)
        assert view.banner.text().startswith("Menyimpan profil gagal")
        assert 'Tekan "Pakai berkas terenkripsi…" di atas' in view.banner.text()
        panel = view.secrets_panel
        assert panel.isVisible() and panel.button.text() == "Pakai berkas terenkripsi…"
        click(qtbot, panel.button)
        dialog = view.secrets.dialog
        type_into(qtbot, dialog.password.edit, "kata-sandi-berkas-42")
        type_into(qtbot, dialog.again.edit, "kata-sandi-berkas-42")
        click(qtbot, dialog.ok_button)
        qtbot.waitUntil(panel.isHidden, timeout=WAIT_MS)
        assert f"berkas {jurnal_home / 'secrets.enc'}" in view.name_page.kept.text()
        with qtbot.waitSignal(view.profile_saved, timeout=WAIT_MS):
            click(qtbot, view.finish_button)
        assert store.secrets.get_token(DEMO_COMPANY) == DEMO_ACCURATE_TOKEN


def test_the_branch_step_is_named_as_one_branch_in_each_language(qtbot, make_view, branched, store):
    view = make_view(store)
    to_branch_page(qtbot, view, branched)
    set_language("en")  # the language is reset to Indonesian after each test
    view.retranslate()
    assert view.steps[Page.BRANCH].text() == "4  Branch"
    set_language("zh")
    view.retranslate()
    assert view.steps[Page.BRANCH].text() == "4  分支机构"
    assert view.steps[Page.NAME].text() == "5  配置文件名称"
