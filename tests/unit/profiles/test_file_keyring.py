"""The encrypted secrets file (`jurnal-desk keyring use-file`) for machines with no keyring,
and `profile remove` when a company's secrets cannot be read.

Real files in the test's own Jurnal Desk home; keyring backends picked with
`keyring.set_keyring()` (never the machine's own keyring)."""

from __future__ import annotations

import getpass
import json
import os
import stat
import subprocess
import sys

import pytest
from keyring.backends import fail
from keyring.errors import KeyringLocked

from app.cli import EXIT_OK, EXIT_USAGE, main
from app.core.i18n import set_language
from app.profiles.file_keyring import (
    FILE_NAME,
    EncryptedFileKeyring,
    FileDamaged,
    WrongPassword,
)
from app.profiles.keyring_choice import CHOICE_FILE, PASSWORD_ENV, file_keyring
from app.profiles.secrets import (
    KEYRING_SERVICE,
    KeyringNeedsTerminal,
    SecretsFileDamaged,
    SecretsFileLocked,
    SecretsFileWrongPassword,
    SecretStore,
)
from app.profiles.store import Profile, ProfileStore
from tests.helpers.memory_keyring import MemoryKeyring, installed

TOKEN = "aat.MTAw.FILE-CANARY-TOKEN-3c9d1e7a"
SECRET = "FILE-CANARY-SECRET-8b4f2a6d0e1c"
PASSWORD = "FILE-CANARY-PASSWORD-51"
COMPANY = "PT Berkas Rahasia"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def indonesian_afterwards():
    yield
    set_language("id")  # `--lang en` sets the process's language; later tests expect id


@pytest.fixture
def no_keyring():
    """A machine with no password store at all."""
    with installed(fail.Keyring()) as backend:
        yield backend


@pytest.fixture
def prompts(monkeypatch) -> list[str]:
    """Fail the test's expectations if anything asks on the terminal: record each prompt."""
    asked: list[str] = []

    def refuse(prompt: str = "", stream=None) -> str:
        asked.append(prompt)
        raise EOFError  # no terminal, as in a scheduled task

    monkeypatch.setattr(getpass, "getpass", refuse)
    return asked


@pytest.fixture
def in_env(monkeypatch, prompts):
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    monkeypatch.setenv("JURNAL_DESK_TOKEN", TOKEN)
    monkeypatch.setenv("JURNAL_DESK_SECRET", SECRET)


# -- the backend -------------------------------------------------------------------------------


def test_secrets_round_trip_and_the_file_holds_no_plain_text(tmp_path):
    path = tmp_path / FILE_NAME
    backend = EncryptedFileKeyring(path)
    backend.create(PASSWORD)
    backend.set_password(KEYRING_SERVICE, f"{COMPANY}:token", TOKEN)
    backend.set_password(KEYRING_SERVICE, f"{COMPANY}:secret", SECRET)

    assert backend.get_password(KEYRING_SERVICE, f"{COMPANY}:token") == TOKEN
    raw = path.read_bytes()
    for value in (TOKEN, SECRET, PASSWORD, COMPANY, ":token"):
        assert value.encode() not in raw
    document = json.loads(raw)
    assert document["kdf"]["name"] == "scrypt" and len(document["kdf"]["salt"]) >= 20
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    # Another process: locked until its password is given; a wrong one changes nothing.
    later = EncryptedFileKeyring(path)
    with pytest.raises(KeyringLocked):
        later.get_password(KEYRING_SERVICE, f"{COMPANY}:token")
    with pytest.raises(WrongPassword):
        later.unlock(PASSWORD + "?")
    assert not later.unlocked and path.read_bytes() == raw
    later.unlock(PASSWORD)
    assert later.get_password(KEYRING_SERVICE, f"{COMPANY}:secret") == SECRET


def test_a_random_salt_makes_each_file_different(tmp_path):
    first, second = EncryptedFileKeyring(tmp_path / "a"), EncryptedFileKeyring(tmp_path / "b")
    first.create(PASSWORD)
    second.create(PASSWORD)
    salts = [json.loads(path.read_bytes())["kdf"]["salt"] for path in (first.path, second.path)]
    assert salts[0] != salts[1]


def test_a_file_made_anew_with_another_password_is_not_written_with_the_old_key(tmp_path):
    path = tmp_path / FILE_NAME
    backend = EncryptedFileKeyring(path)
    backend.create(PASSWORD)
    path.unlink()
    EncryptedFileKeyring(path).create("another password")
    replaced = path.read_bytes()
    with pytest.raises(WrongPassword):
        backend.set_password(KEYRING_SERVICE, "x:token", TOKEN)
    assert not backend.unlocked and path.read_bytes() == replaced


@pytest.mark.parametrize(
    "content",
    [b"", b"not json", b'{"format": "other"}', b'{"format": "jurnal-desk-secrets", "kdf": 1}'],
    ids=["empty", "not-json", "other-format", "no-kdf"],
)
def test_a_damaged_file_is_reported_and_left_as_it_is(tmp_path, content):
    path = tmp_path / FILE_NAME
    path.write_bytes(content)
    with pytest.raises(FileDamaged):
        EncryptedFileKeyring(path).unlock(PASSWORD)
    assert path.read_bytes() == content


def test_the_store_explains_each_file_problem(jurnal_home, prompts):
    secrets = SecretStore(home=jurnal_home, terminal=False)
    secrets.use_file(PASSWORD)
    file_keyring(jurnal_home).lock()
    with pytest.raises(SecretsFileLocked) as locked:
        secrets.get_token(COMPANY)
    assert '"Buka kunci"' in locked.value.text.id and "Unlock" in locked.value.text.en
    with pytest.raises(SecretsFileWrongPassword) as wrong:
        secrets.unlock_file("salah-salah")
    assert "tidak ada yang diubah" in wrong.value.text.id
    (jurnal_home / FILE_NAME).write_text("{}")
    with pytest.raises(SecretsFileDamaged) as damaged:
        secrets.unlock_file(PASSWORD)
    assert "tidak bisa dibaca" in damaged.value.text.id
    assert prompts == []  # the window's store never asks on the terminal


def test_a_keyring_reading_a_closed_stdin_is_explained_on_the_command_line():
    class ClosedStdin(MemoryKeyring):
        def get_password(self, service, username):
            raise EOFError

    with pytest.raises(KeyringNeedsTerminal) as caught:
        SecretStore(ClosedStdin()).get_token(COMPANY)
    assert "meminta kata sandinya di terminal" in caught.value.text.id
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


# -- the command line --------------------------------------------------------------------------


def test_use_file_then_profile_add_keeps_the_secrets_encrypted(
    capsys, jurnal_home, no_keyring, in_env, prompts
):
    code, out, err = run(capsys, "--lang", "en", "keyring", "use-file")
    assert (code, err) == (EXIT_OK, "")
    assert f"The encrypted secrets file {jurnal_home / FILE_NAME} was created" in out
    assert json.loads((jurnal_home / CHOICE_FILE).read_text()) == {"store": "file"}

    code, out, _ = run(capsys, "--lang", "en", "profile", "add", COMPANY, "--service", "accurate")
    assert code == EXIT_OK and str(jurnal_home / FILE_NAME) in out
    raw = (jurnal_home / FILE_NAME).read_bytes()
    for value in (TOKEN, SECRET, PASSWORD):
        assert value.encode() not in raw
    assert prompts == []  # the password came from the environment

    file_keyring(jurnal_home).lock()  # a new process, as a scheduled run is
    assert SecretStore(home=jurnal_home).credentials(COMPANY).secret == SECRET


def test_another_process_reads_the_file_with_the_password_from_the_environment(
    capsys, jurnal_home, no_keyring, in_env
):
    run(capsys, "keyring", "use-file")
    run(capsys, "profile", "add", COMPANY, "--service", "sempoa")
    environment = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    environment.pop("JURNAL_DESK_TOKEN")
    result = subprocess.run(
        [sys.executable, "-m", "app", "--lang", "en", "profile", "remove", COMPANY],
        capture_output=True, text=True, env=environment, timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == EXIT_OK, result.stderr
    assert f"Profile '{COMPANY}' removed, with its token and secret" in result.stdout
    file_keyring(jurnal_home).lock()
    secrets = SecretStore(home=jurnal_home)
    assert not secrets.has_token(COMPANY)  # forgotten by the other process, in the file


def test_a_wrong_password_is_a_clear_error_and_nothing_is_lost(
    capsys, jurnal_home, no_keyring, in_env, monkeypatch
):
    run(capsys, "keyring", "use-file")
    run(capsys, "profile", "add", COMPANY, "--service", "accurate")
    files = {path.name: path.read_bytes() for path in jurnal_home.iterdir() if path.is_file()}
    file_keyring(jurnal_home).lock()
    monkeypatch.setenv(PASSWORD_ENV, "not the password")
    monkeypatch.setenv("JURNAL_DESK_TOKEN", "aat.other.token")

    code, out, err = run(capsys, "--lang", "en", "profile", "add", "PT Lain", "--service", "sempoa")

    assert (code, out) == (EXIT_USAGE, "")
    assert "That password does not open the secrets file" in err and "nothing was changed" in err
    after = {path.name: path.read_bytes() for path in jurnal_home.iterdir() if path.is_file()}
    assert after == files
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    assert SecretStore(home=jurnal_home).get_secret(COMPANY) == SECRET


def test_use_file_asks_for_a_new_password_twice_with_hidden_prompts(
    capsys, jurnal_home, no_keyring, monkeypatch
):
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    asked: list[str] = []
    answers = iter([PASSWORD, PASSWORD + "!", PASSWORD, PASSWORD])

    def typed(prompt: str = "", stream=None) -> str:
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr(getpass, "getpass", typed)
    code, _, err = run(capsys, "--lang", "en", "keyring", "use-file")
    assert code == EXIT_USAGE and "The two passwords differ" in err
    assert not (jurnal_home / FILE_NAME).exists() and not (jurnal_home / CHOICE_FILE).exists()

    assert run(capsys, "--lang", "en", "keyring", "use-file")[0] == EXIT_OK
    assert asked[:2] == [
        "New password for the secrets file (at least 8 characters, hidden): ",
        "Type it once more: ",
    ]


def test_without_a_terminal_or_the_variable_the_file_says_how_to_give_its_password(
    capsys, jurnal_home, no_keyring, in_env, monkeypatch
):
    run(capsys, "keyring", "use-file")
    file_keyring(jurnal_home).lock()
    monkeypatch.delenv(PASSWORD_ENV)
    code, _, err = run(capsys, "--lang", "en", "profile", "add", "PT Lain", "--service", "sempoa")
    assert code == EXIT_USAGE
    assert "needs its password, but none was typed" in err and PASSWORD_ENV in err


def test_use_system_goes_back_and_keeps_the_file(capsys, jurnal_home, in_env):
    with installed(MemoryKeyring()) as memory:
        run(capsys, "keyring", "use-file")
        code, out, _ = run(capsys, "--lang", "en", "keyring", "use-system")
        assert code == EXIT_OK and "was not deleted" in out
        assert (jurnal_home / FILE_NAME).exists()
        run(capsys, "profile", "add", COMPANY, "--service", "sempoa")
        assert memory.passwords == {(KEYRING_SERVICE, f"{COMPANY}:token"): TOKEN}
        code, out, _ = run(capsys, "--lang", "en", "keyring", "status")
        assert code == EXIT_OK and "System password store" in out and "MemoryKeyring" in out


def test_use_file_lists_the_companies_whose_credentials_must_be_entered_again(
    capsys, jurnal_home, in_env
):
    ProfileStore(jurnal_home).add(Profile(COMPANY, "accurate"))
    with installed(fail.Keyring()):
        code, out, _ = run(capsys, "--lang", "en", "keyring", "use-file")
    assert code == EXIT_OK
    assert f"These companies' credentials are not in that file yet: {COMPANY}." in out


# -- profile remove when the secrets cannot be read ----------------------------------------------


def test_remove_works_with_no_keyring_and_says_the_entry_may_remain(capsys, jurnal_home):
    ProfileStore(jurnal_home).add(Profile(COMPANY, "accurate"))
    with installed(fail.Keyring()):
        code, out, err = run(capsys, "--lang", "en", "profile", "remove", COMPANY)
    assert (code, err) == (EXIT_OK, "")
    assert f"Profile '{COMPANY}' removed. Its token and secret may remain" in out
    assert f"'{COMPANY}:token'" in out and "No secure password store" in out
    assert ProfileStore(jurnal_home).list() == []


def test_remove_works_when_the_keyring_asks_on_a_terminal_there_is_not(
    capsys, jurnal_home, prompts
):
    class AsksOnTerminal(MemoryKeyring):
        def delete_password(self, service, username):
            getpass.getpass("Please enter password for encrypted keyring: ")

    ProfileStore(jurnal_home).add(Profile(COMPANY, "sempoa"))
    with installed(AsksOnTerminal()):
        code, out, _ = run(capsys, "--lang", "en", "profile", "remove", COMPANY)
    assert code == EXIT_OK and "may remain" in out and "asks for its password on the" in out
    assert ProfileStore(jurnal_home).list() == []


def test_remove_works_with_a_locked_secrets_file(capsys, jurnal_home, in_env, monkeypatch):
    with installed(fail.Keyring()):
        run(capsys, "keyring", "use-file")
        run(capsys, "profile", "add", COMPANY, "--service", "accurate")
    file_keyring(jurnal_home).lock()
    monkeypatch.delenv(PASSWORD_ENV)
    code, out, _ = run(capsys, "--lang", "en", "profile", "remove", COMPANY)
    assert code == EXIT_OK and "may remain" in out and PASSWORD_ENV in out
    assert ProfileStore(jurnal_home).list() == []


def test_another_process_opens_the_file_with_the_key_and_never_the_password(tmp_path):
    path = tmp_path / FILE_NAME
    window = EncryptedFileKeyring(path)
    window.create(PASSWORD)
    window.set_password(KEYRING_SERVICE, f"{COMPANY}:token", TOKEN)
    key = window.key()
    assert PASSWORD not in repr(key) + str(key) and key.value.decode() not in repr(key)

    child = EncryptedFileKeyring(path)  # another process's: locked, derives nothing
    child.unlock_with_key(key)
    assert child.get_password(KEYRING_SERVICE, f"{COMPANY}:token") == TOKEN
    assert child.key() == key

    made_again = EncryptedFileKeyring(tmp_path / "lain.enc")
    made_again.create("kata-sandi-yang-lain")
    late = EncryptedFileKeyring(path)
    with pytest.raises(WrongPassword) as refused:
        late.unlock_with_key(made_again.key())
    assert not late.unlocked and key.value.decode() not in str(refused.value)
    with pytest.raises(WrongPassword):
        late.unlock_with_key(type(key)(b"not a key at all"))
    with pytest.raises(KeyringLocked):
        late.key()
    window.lock()
    with pytest.raises(KeyringLocked):
        window.key()
