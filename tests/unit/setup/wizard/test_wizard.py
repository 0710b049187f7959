"""The credentials wizard without a window: every page's valid/busy/error, the connection test
over real HTTP to the sandbox in this process, and what finish() saves (profile file and a
memory keyring), including the failures an accountant can run into."""

from __future__ import annotations

import logging
import socket

import pytest
from keyring.backends import fail
from keyring.errors import PasswordSetError

from app.api.clock import ServerClock
from app.api.ratelimit import LimiterRegistry
from app.core.i18n import Text
from app.core.tasks import TaskState
from app.profiles.secrets import KEYRING_SERVICE, SecretStore, keyring_unavailable_text
from app.profiles.store import PROFILES_FILE, Profile, ProfileStore
from app.sandbox import (
    DEMO_ACCURATE_SECRET,
    DEMO_ACCURATE_TOKEN,
    DEMO_COMPANY,
    DEMO_SEMPOA_TOKEN,
    Faults,
)
from app.setup.connect import connect
from app.setup.wizard import flow as wiz
from app.setup.wizard.flow import (
    Connector,
    CredentialsWizard,
    Page,
    PageNotReady,
)
from app.setup.wizard.secrets_place import Remedy
from tests.helpers.memory_keyring import MemoryKeyring, installed
from tests.helpers.wizard_flow import (
    NO_SLEEP,
    accurate_credentials,
    sempoa_credentials,
    to_test_page,
)


class StubbornClock(ServerClock):
    """A clock that never learns from the server's Date header (so the skew stays)."""

    def observe_date_header(self, value, *, sent_at, received_at) -> None:
        pass


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# -- the whole flow ---------------------------------------------------------------------------


def test_an_accurate_company_is_connected_once_and_saved_with_what_the_token_says(
    sb, wizard, store, keyring
):
    assert wizard.state() == wiz.PageState(valid=False)  # no error, and the keyring works
    accurate_credentials(wizard, sb)
    assert wizard.page is Page.CREDENTIALS and wizard.valid and wizard.can_go_next

    assert to_test_page(wizard)
    assert wizard.state() == wiz.PageState(valid=True)
    assert wizard.connection.headline().en == f"Connected to {DEMO_COMPANY}."
    lines = {label.id: value for label, value in wizard.connection.lines()}
    assert lines["Data Usaha"].startswith(DEMO_COMPANY)
    assert lines["Host"] == sb.accurate_host()
    assert lines["Pengguna"].startswith(f"Pengguna {DEMO_COMPANY}")
    assert "Lisensi sampai" in lines

    assert wizard.next() is Page.NAME and wizard.is_last and not wizard.can_go_next
    assert wizard.name == DEMO_COMPANY and wizard.valid
    wizard.set_language("US")
    profile = wizard.finish()

    assert profile is not None and wizard.saved == profile
    saved = store.get(DEMO_COMPANY)
    assert saved == profile
    assert (saved.service, saved.url, saved.data_host) == (
        "accurate",
        sb.account_url,
        sb.accurate_host(),
    )
    assert saved.host_checked_at == wizard.connection.checked_at
    assert (saved.company_name, saved.user_name) == (DEMO_COMPANY, f"Pengguna {DEMO_COMPANY}")
    assert saved.language == "US" and saved.sandbox
    assert store.secrets.get_token(DEMO_COMPANY) == DEMO_ACCURATE_TOKEN
    assert store.secrets.get_secret(DEMO_COMPANY) == DEMO_ACCURATE_SECRET
    assert not wizard.can_go_back and not wizard.can_finish  # done: nothing to undo here


def test_the_saved_accurate_profile_connects_without_asking_for_the_host_again(sb, wizard, store):
    accurate_credentials(wizard, sb)
    to_test_page(wizard)
    wizard.next()
    profile = wizard.finish()
    calls_before = len(sb.request_log())
    with connect(profile, store.secrets, LimiterRegistry()) as client:
        assert len(client.accounts()) > 0
    paths = [record.path for record in sb.request_log()[calls_before:]]
    assert "/api/api-token.do" not in paths  # the host was stored with its check time


def test_a_sempoa_company_is_named_sempoa_and_keeps_its_journal_line_shape(
    sb, wizard, store, keyring
):
    sempoa_credentials(wizard, sb)
    wizard.set_sempoa_lines("arrays")
    assert wizard.valid  # Sempoa needs no Signature Secret
    assert to_test_page(wizard)
    assert [str(value) for _label, value in wizard.connection.lines()] == [
        "token diterima",
        sb.sempoa_url,
    ]
    [(_, accepted), _address] = wizard.connection.lines()
    assert (accepted.get("en"), accepted.get("zh")) == ("token accepted", "令牌已接受")
    wizard.next()
    assert wizard.name == "Sempoa"
    profile = wizard.finish()
    assert profile is not None
    saved = store.get("sempoa")
    assert (saved.service, saved.url, saved.sempoa_lines) == ("sempoa", sb.sempoa_url, "arrays")
    assert saved.data_host is None
    assert keyring.passwords == {(KEYRING_SERVICE, "Sempoa:token"): DEMO_SEMPOA_TOKEN}


def test_the_default_addresses_are_the_services_own(store):
    wizard = CredentialsWizard(store)
    wizard.choose_service("accurate")
    assert wizard.url == "https://account.accurate.id"
    wizard.choose_service("sempoa")
    assert wizard.url == "https://sempoa.id/api/integration"
    assert wizard.sempoa_lines == "transaksi" and wizard.language == "ID"


# -- pages and their checks ---------------------------------------------------------------------


def test_nothing_goes_on_until_a_service_is_chosen(wizard):
    assert not wizard.can_go_next
    with pytest.raises(PageNotReady):
        wizard.next()
    assert wizard.page is Page.SERVICE and wizard.is_first and not wizard.can_go_back
    wizard.choose_service("sempoa")
    assert wizard.next() is Page.CREDENTIALS


def test_empty_fields_are_not_valid_but_not_scolded_either(wizard):
    wizard.choose_service("accurate")
    wizard.next()
    assert wizard.state() == wiz.PageState(valid=False)
    wizard.set_token("aat.abc")
    assert wizard.state() == wiz.PageState(valid=False)  # the secret is still missing
    wizard.set_secret("s3cr3t")
    assert wizard.valid


@pytest.mark.parametrize(
    ("service", "token", "words"),
    [
        ("accurate", "abc.def", ('diawali "aat."', 'starts with "aat."')),
        ("accurate", "aat.abc def", ("berisi spasi", "contains spaces")),
        ("accurate", "aat.abc\r\nX-Other: 1", ("berisi baris baru", "contains a line break")),
        ("accurate", "aat.abc\x00def", ("U+0000", "U+0000")),
        ("sempoa", "abc\u200bdef", ("karakter tak terlihat", "invisible character")),
        ("sempoa", "aat.abc", ("bukan token Sempoa", "not a Sempoa token")),
    ],
)
def test_a_token_that_cannot_be_right_says_why(wizard, service, token, words):
    wizard.choose_service(service)
    wizard.next()
    wizard.set_token(token)
    wizard.set_secret("s3cr3t")
    assert not wizard.valid and not wizard.can_go_next
    assert words[0] in wizard.error.id and words[1] in wizard.error.en
    assert "token" in wizard.field_problems()


def test_pasted_tokens_lose_their_surrounding_blanks(wizard):
    wizard.choose_service("accurate")
    wizard.next()
    wizard.set_token("  aat.abc\n")
    wizard.set_secret("\tsecret ")
    assert (wizard.token, wizard.secret) == ("aat.abc", "secret") and wizard.valid


def test_a_signature_secret_with_a_control_character_says_why(wizard):
    wizard.choose_service("accurate")
    wizard.next()
    wizard.set_token("aat.abc")
    wizard.set_secret("s3c\x7fr3t")
    assert not wizard.valid
    assert "U+007F" in wizard.field_problems()["secret"].en


def test_the_token_pasted_as_the_signature_secret_is_caught(wizard):
    wizard.choose_service("accurate")
    wizard.next()
    wizard.set_token("aat.abc")
    wizard.set_secret("aat.abc")
    assert not wizard.valid
    assert "Area Developer Accurate" in wizard.field_problems()["secret"].id


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("account.accurate.id", "tulis lengkap dengan https://"),
        ("http://account.accurate.id", "tidak terenkripsi"),
        ("ftp://account.accurate.id", "tulis lengkap dengan https://"),
    ],
)
def test_an_address_the_token_must_not_go_to_is_refused(wizard, url, words):
    wizard.choose_service("accurate")
    wizard.next()
    wizard.set_token("aat.abc")
    wizard.set_secret("s3cr3t")
    wizard.set_url(url)
    assert not wizard.valid and words in wizard.error.id
    assert "url" in wizard.field_problems()


def test_each_service_keeps_what_was_typed_for_it(wizard):
    wizard.choose_service("accurate")
    wizard.set_token("aat.abc")
    wizard.choose_service("sempoa")
    assert wizard.token == ""
    wizard.set_token("sempoa-token")
    wizard.choose_service("accurate")
    assert wizard.token == "aat.abc"


# -- the connection test ------------------------------------------------------------------------


def test_a_revoked_token_is_explained_and_the_user_can_go_back_and_fix_it(sb, wizard):
    token, secret = sb.add_accurate_company("PT Dicabut")
    sb.revoke(token)
    accurate_credentials(wizard, sb, token, secret)
    assert not to_test_page(wizard)
    state = wizard.state()
    assert not state.valid and not state.busy and not wizard.can_go_next
    assert "Invalid or Revoked API Token" in state.error.id
    assert "Pengaturan > Accurate Store > API Token" in state.error.id
    assert "was revoked" in state.error.en

    assert wizard.back() is Page.CREDENTIALS
    assert wizard.token == token  # what was typed is kept
    fresh = sb.replace_token(token)
    wizard.set_token(fresh)
    assert wizard.next() is Page.TEST
    assert wizard.state() == wiz.PageState(valid=False)  # the old outcome is gone
    assert wizard.run_test() and wizard.connection.company_name == "PT Dicabut"


def test_a_wrong_signature_secret_is_named_as_such(sb, wizard):
    accurate_credentials(wizard, sb, secret="0" * 32)
    assert not to_test_page(wizard)
    assert "Header X-API-Signature invalid" in wizard.error.id
    assert "Signature Secret" in wizard.error.en and "same app as the token" in wizard.error.en


def test_an_address_where_nothing_answers_points_at_the_advanced_setting(sb, wizard):
    accurate_credentials(wizard, sb)
    wrong = f"http://127.0.0.1:{closed_port()}"
    wizard.set_url(wrong)
    assert not to_test_page(wizard)
    error = wizard.error
    assert "Tidak bisa terhubung ke Accurate Online" in error.id
    assert f"Periksa juga alamat di Pengaturan lanjutan: {wrong}" in error.id
    assert "(bawaan: https://account.accurate.id)" in error.id
    assert "Advanced settings" in error.en


def test_a_sempoa_address_given_for_accurate_is_not_found_with_the_same_hint(sb, wizard):
    accurate_credentials(wizard, sb)
    wizard.set_url(sb.accurate_host())  # a data host: it has no api-token.do
    assert not to_test_page(wizard)
    assert "tidak ditemukan" in wizard.error.id and "Pengaturan lanjutan" in wizard.error.id


def test_a_clock_that_is_off_is_reported_in_minutes(sb, store):
    sb.faults = Faults(clock_skew_seconds=15 * 60)
    wizard = CredentialsWizard(store, connector=Connector(retry=NO_SLEEP, clock=StubbornClock))
    accurate_credentials(wizard, sb)
    assert not to_test_page(wizard)
    assert "15 menit" in wizard.error.id and "15 minutes" in wizard.error.en
    assert "zona waktu" in wizard.error.id


def test_a_clock_that_is_off_is_corrected_by_default(sb, wizard):
    sb.faults = Faults(clock_skew_seconds=15 * 60)
    accurate_credentials(wizard, sb)
    assert to_test_page(wizard)


def test_a_refused_sempoa_token_says_where_to_copy_the_current_one(sb, wizard):
    sempoa_credentials(wizard, sb, token="sempoa-not-a-real-token")
    assert not to_test_page(wizard)
    assert "API Sempoa not authorized" in wizard.error.id
    assert "Konfigurasi > Konfigurasi API" in wizard.error.id


def test_an_outcome_for_inputs_changed_since_is_ignored(sb, wizard):
    accurate_credentials(wizard, sb)
    wizard.next()
    check = wizard.start_test()
    assert wizard.busy and not wizard.valid and not wizard.can_go_next
    assert wizard.back() is Page.CREDENTIALS  # leaving abandons the test
    wizard.set_token(DEMO_ACCURATE_TOKEN + "x")
    connection = wiz.test_connection(check, TaskState())
    assert not wizard.test_passed(check, connection)
    wizard.next()
    assert wizard.state() == wiz.PageState(valid=False)


def test_a_second_test_replaces_the_first(sb, wizard):
    accurate_credentials(wizard, sb)
    wizard.next()
    first = wizard.start_test()
    second = wizard.start_test()
    assert not wizard.test_failed(first, RuntimeError("late"))
    assert wizard.busy
    assert wizard.test_passed(second, wiz.test_connection(second, TaskState()))
    assert wizard.valid


def test_an_unexpected_failure_is_reported_without_its_text(sb, wizard):
    accurate_credentials(wizard, sb)
    wizard.next()
    check = wizard.start_test()
    wizard.test_failed(check, RuntimeError(DEMO_ACCURATE_TOKEN))
    assert "RuntimeError" in wizard.error.id and DEMO_ACCURATE_TOKEN not in wizard.error.both()


def test_a_cancelled_test_stops_before_calling_the_service(sb, wizard):
    accurate_credentials(wizard, sb)
    wizard.next()
    check = wizard.start_test()
    state = TaskState()
    state.cancel.set()

    class Stop(Exception):
        pass

    def check_cancelled() -> None:
        raise Stop

    state.check = check_cancelled
    with pytest.raises(Stop):
        wiz.test_connection(check, state)
    assert sb.request_log() == []


def test_a_trial_or_ended_licence_is_worth_a_notice(sb, wizard):
    accurate_credentials(wizard, sb)
    to_test_page(wizard)
    connection = wizard.connection
    assert wizard.state().notice is None  # the sandbox's licence runs a year
    from dataclasses import replace

    trial = replace(connection, trial=True)
    assert "masa percobaan" in trial.notice().id
    ended = replace(connection, license_end=connection.checked_at.date().replace(year=2020))
    assert "berakhir" in ended.notice().id and "renew" in ended.notice().en


# -- naming and saving ----------------------------------------------------------------------------


def test_a_name_already_used_is_refused_whatever_its_case(sb, wizard, store):
    store.add(Profile(DEMO_COMPANY.upper(), "sempoa"))
    accurate_credentials(wizard, sb)
    to_test_page(wizard)
    wizard.next()
    assert wizard.name == DEMO_COMPANY
    assert not wizard.valid and not wizard.can_finish
    assert "sudah ada" in wizard.error.id and "already exists" in wizard.error.en
    assert wizard.finish() is None and store.secrets.backend().passwords == {}
    wizard.set_name("PT Sandbox (Accurate)")
    assert wizard.valid and wizard.error is None
    assert wizard.finish() is not None
    assert {p.name for p in store.list()} == {DEMO_COMPANY.upper(), "PT Sandbox (Accurate)"}


def test_a_name_the_user_typed_is_kept_when_coming_back(sb, wizard):
    accurate_credentials(wizard, sb)
    to_test_page(wizard)
    wizard.next()
    wizard.set_name("Kantor Pusat")
    wizard.back()
    wizard.next()
    assert wizard.name == "Kantor Pusat"


def test_an_empty_name_is_refused(sb, wizard):
    sempoa_credentials(wizard, sb)
    to_test_page(wizard)
    wizard.next()
    wizard.set_name("   ")
    assert not wizard.valid and "Nama profil kosong" in wizard.error.id


def test_a_name_taken_while_the_wizard_was_open_is_refused_at_finish(sb, wizard, store, keyring):
    sempoa_credentials(wizard, sb)
    to_test_page(wizard)
    wizard.next()
    assert wizard.valid
    store.add(Profile("sempoa", "sempoa"))
    assert wizard.finish() is None
    assert "sudah ada" in wizard.error.id
    assert keyring.passwords == {}


def test_typing_the_name_reads_profiles_json_once_and_finishing_reads_it_again(sb, wizard, store):
    accurate_credentials(wizard, sb)
    to_test_page(wizard)
    wizard.next()  # the name page: the names in use are read here
    store.path.write_text("{ damaged", encoding="utf-8")
    for typed in ("P", "PT", "PT Satu"):  # keystrokes: nothing is read
        wizard.set_name(typed)
        assert wizard.valid and wizard.error is None
    assert wizard.finish() is None  # read again before saving: the damage is reported
    assert "rusak" in wizard.error.id and store.path.read_text(encoding="utf-8") == "{ damaged"


def test_no_keyring_stops_the_first_page_and_says_how_to_fix_it(jurnal_home):
    store = ProfileStore(jurnal_home, SecretStore(fail.Keyring()))  # a fixed backend: no file
    wizard = CredentialsWizard(store, connector=Connector(retry=NO_SLEEP))
    expected = keyring_unavailable_text("keyring.backends.fail.Keyring")
    assert wizard.state().error is None  # making the wizard asks the keyring nothing
    assert wizard.check_keyring() == expected  # the explicit step (the dialog: on a worker)
    wizard.choose_service("accurate")
    assert not wizard.valid and wizard.error == expected  # no five steps to a dead end
    with pytest.raises(PageNotReady):
        wizard.next()
    assert "keyring use-file" in expected.id and "never stores them as plain text" in expected.en
    assert not (jurnal_home / PROFILES_FILE).exists()


def test_a_keyring_gone_by_finish_offers_the_encrypted_file_on_the_last_page(sb, jurnal_home):
    store = ProfileStore(jurnal_home, SecretStore(home=jurnal_home))  # the home's choice
    wizard = CredentialsWizard(store, connector=Connector(retry=NO_SLEEP))
    with installed(MemoryKeyring()):
        assert wizard.check_keyring() is None
        accurate_credentials(wizard, sb)
        to_test_page(wizard)
        wizard.next()
    with installed(fail.Keyring()):  # the store went away meanwhile
        assert wizard.finish() is None
    # It is the saving (menyimpan) that failed, with the way out this page now offers.
    assert wizard.error.id.startswith("Menyimpan profil gagal")
    assert wizard.error.en.startswith("Saving the profile failed")
    assert "pengujian" not in wizard.error.id.lower()
    place = wizard.secrets_place
    assert place is not None and place.remedy is Remedy.USE_FILE
    assert str(jurnal_home / "secrets.enc") in wizard.error.en
    assert 'Press "Use an encrypted file…"' in wizard.error.en
    assert not (jurnal_home / PROFILES_FILE).exists()
    assert wizard.saved is None and wizard.can_finish  # turn the file on, press Finish again


class SecretRefusingKeyring(MemoryKeyring):
    """Takes the token, refuses the Signature Secret."""

    def set_password(self, service: str, username: str, password: str) -> None:
        if username.endswith(":secret"):
            raise PasswordSetError("the store is full")
        super().set_password(service, username, password)


def test_a_keyring_that_fails_half_way_leaves_no_token_behind(sb, jurnal_home):
    keyring = SecretRefusingKeyring()
    store = ProfileStore(jurnal_home, SecretStore(keyring))
    wizard = CredentialsWizard(store, connector=Connector(retry=NO_SLEEP))
    accurate_credentials(wizard, sb)
    to_test_page(wizard)
    wizard.next()
    assert wizard.finish() is None
    assert "menolak permintaan" in wizard.error.id
    assert keyring.passwords == {} and store.list() == []


def test_an_unwritable_profiles_file_is_reported_and_the_secrets_undone(sb, jurnal_home, keyring):
    store = ProfileStore(jurnal_home / "profiles-dir", SecretStore(keyring))
    store.path.mkdir(parents=True)  # profiles.json is a folder: reading it fails
    wizard = CredentialsWizard(store, connector=Connector(retry=NO_SLEEP))
    sempoa_credentials(wizard, sb)
    to_test_page(wizard)
    wizard.next()
    assert not wizard.valid and "profiles.json" in wizard.error.id
    assert keyring.passwords == {}


# -- secrets stay secret -------------------------------------------------------------------------


def test_the_token_and_secret_appear_in_no_file_log_repr_or_message(sb, wizard, store, caplog):
    caplog.set_level(logging.DEBUG)
    token, secret = sb.add_accurate_company("PT Rahasia Sekali")
    assert token not in secret and secret not in token
    texts: list[str] = []

    def note(*values: object) -> None:
        for value in values:
            texts.append(value.both() if isinstance(value, Text) else repr(value))

    # A failed attempt first (wrong secret), then the right one.
    accurate_credentials(wizard, sb, token, secret[::-1])
    wizard.next()
    check = wizard.start_test()
    note(check, str(check), wizard)
    wizard.test_failed(check, _raised(check))
    note(wizard.error)
    wizard.back()
    wizard.set_secret(secret)
    wizard.next()
    assert wizard.run_test()
    wizard.next()
    profile = wizard.finish()
    note(profile, wizard, wizard.connection, wizard.state(), *wizard.connection.lines())

    files = [path for path in store.home.rglob("*") if path.is_file()]
    assert store.path in files
    everything = [path.read_bytes().decode("utf-8", "replace") for path in files]
    everything += texts + [caplog.text] + [repr(r.args) for r in caplog.records]
    assert any("api-token.do" in text for text in everything)  # the logs were captured
    for value in (token, secret, secret[::-1]):
        assert not any(value in text for text in everything)
    keyring = store.secrets.backend()
    assert keyring.get_password(KEYRING_SERVICE, f"{profile.name}:token") == token


def _raised(check) -> BaseException:
    try:
        wiz.test_connection(check, TaskState())
    except Exception as error:
        return error
    raise AssertionError("the test should have failed")
