"""`jurnal-desk profile add|list|remove`, and proof that secrets never leave the keyring (or
the encrypted secrets file, which holds them only encrypted)."""

from __future__ import annotations

import getpass
import logging
import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from keyring.backends import fail

from app.cli import EXIT_OK, EXIT_USAGE, main
from app.logs import log_path
from app.profiles.file_keyring import FILE_NAME
from app.profiles.keyring_choice import PASSWORD_ENV as FILE_PASSWORD_ENV
from app.profiles.keyring_choice import file_keyring
from app.profiles.secrets import KEYRING_SERVICE, SecretStore
from app.profiles.store import Profile, ProfileStore
from tests.helpers.memory_keyring import MemoryKeyring, installed

# Distinctive values that cannot appear anywhere by chance.
TOKEN = "aat.MTAw.LEAK-CANARY-TOKEN-7f3e9b2c41d8"
SECRET = "LEAK-CANARY-SECRET-5d2a8e6f90b1c3a7"
FILE_PASSWORD = "LEAK-CANARY-FILE-PASSWORD-c81e"


@pytest.fixture
def memory():
    with installed(MemoryKeyring()) as backend:
        yield backend


@pytest.fixture
def no_prompt(monkeypatch):
    """Fail the test if the command asks for a secret."""

    def refuse(prompt: str = "") -> str:
        raise AssertionError(f"unexpected prompt: {prompt}")

    monkeypatch.setattr(getpass, "getpass", refuse)


@pytest.fixture
def credentials_in_env(monkeypatch, no_prompt):
    monkeypatch.setenv("JURNAL_DESK_TOKEN", TOKEN)
    monkeypatch.setenv("JURNAL_DESK_SECRET", SECRET)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def stored(memory) -> dict[str, str]:
    return {username: value for (_, username), value in memory.passwords.items()}


def test_add_accurate_from_environment(capsys, memory, credentials_in_env, jurnal_home):
    code, out, err = run(capsys, "profile", "add", "PT Maju", "--service", "accurate")

    assert (code, err) == (EXIT_OK, "")
    assert "Profil 'PT Maju' (accurate, https://account.accurate.id) disimpan" in out
    assert stored(memory) == {"PT Maju:token": TOKEN, "PT Maju:secret": SECRET}
    profile = ProfileStore(jurnal_home).get("PT Maju")
    assert (profile.service, profile.language, profile.bulk_posting) == ("accurate", "ID", True)


def test_add_sempoa_needs_only_the_token(capsys, memory, monkeypatch, no_prompt, jurnal_home):
    monkeypatch.setenv("JURNAL_DESK_TOKEN", "sempoa-token-123")
    code, _, _ = run(
        capsys,
        "profile",
        "add",
        "Toko Anggrek",
        "--service",
        "sempoa",
        "--url",
        "https://sempoa.example.id/api/integration/",
        "--sempoa-lines",
        "transaksi",
    )
    assert code == EXIT_OK
    assert stored(memory) == {"Toko Anggrek:token": "sempoa-token-123"}
    profile = ProfileStore(jurnal_home).get("Toko Anggrek")
    assert profile.url == "https://sempoa.example.id/api/integration"
    assert profile.sempoa_lines == "transaksi"


def test_add_asks_with_hidden_prompts_when_the_environment_is_empty(capsys, memory, monkeypatch):
    monkeypatch.delenv("JURNAL_DESK_TOKEN", raising=False)
    monkeypatch.delenv("JURNAL_DESK_SECRET", raising=False)
    prompts: list[str] = []
    answers = iter([f"  {TOKEN}\n", SECRET])

    def typed(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr(getpass, "getpass", typed)
    code, out, _ = run(
        capsys, "--lang", "en", "profile", "add", "PT Maju", "--service", "accurate",
        "--language", "US",
    )  # fmt: skip

    assert code == EXIT_OK
    assert prompts == [
        "API Token (hidden as you type): ",
        "Signature Secret (hidden as you type): ",
    ]
    assert stored(memory) == {"PT Maju:token": TOKEN, "PT Maju:secret": SECRET}  # stripped
    assert "token and Signature Secret is kept in the password store" in out


def test_an_empty_answer_saves_nothing(capsys, memory, monkeypatch, jurnal_home):
    monkeypatch.delenv("JURNAL_DESK_TOKEN", raising=False)
    monkeypatch.delenv("JURNAL_DESK_SECRET", raising=False)
    answers = iter([TOKEN, "   "])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))

    code, _, err = run(capsys, "profile", "add", "PT Maju", "--service", "accurate")

    assert code == EXIT_USAGE
    assert "Signature Secret kosong" in err and "JURNAL_DESK_SECRET" in err
    assert memory.passwords == {}
    assert ProfileStore(jurnal_home).list() == []


def test_duplicate_name_exits_2_before_asking_anything(capsys, memory, credentials_in_env):
    assert run(capsys, "profile", "add", "PT Maju", "--service", "accurate")[0] == EXIT_OK
    code, _, err = run(capsys, "--lang", "en", "profile", "add", "pt maju", "--service", "sempoa")
    assert code == EXIT_USAGE
    assert "A profile named 'pt maju' already exists" in err
    assert stored(memory)["PT Maju:secret"] == SECRET  # the first profile's secrets are intact


def test_unavailable_keyring_exits_2_with_advice_and_saves_nothing(
    capsys, credentials_in_env, jurnal_home
):
    with installed(fail.Keyring()):
        code, out, err = run(capsys, "profile", "add", "PT Maju", "--service", "accurate")
    assert code == EXIT_USAGE
    assert out == ""
    assert "Tidak ada penyimpanan kata sandi yang aman" in err
    assert "PYTHON_KEYRING_BACKEND" in err and "jurnal-desk keyring use-file" in err
    assert [path.name for path in jurnal_home.iterdir()] == ["logs"]  # no profile, a log line
    logged = log_path(jurnal_home).read_text(encoding="utf-8")
    assert "profile refused" in logged and TOKEN not in logged and SECRET not in logged


def test_invalid_url_exits_2(capsys, memory, credentials_in_env):
    code, _, err = run(
        capsys, "profile", "add", "PT Maju", "--service", "accurate", "--url", "accurate.id"
    )
    assert code == EXIT_USAGE
    assert "https://" in err
    assert memory.passwords == {}


def test_list_shows_a_table_without_secrets(capsys, memory, credentials_in_env, jurnal_home):
    assert "Belum ada profil" in run(capsys, "profile", "list")[1]
    run(capsys, "profile", "add", "PT Maju", "--service", "accurate")
    run(capsys, "profile", "add", "Toko Anggrek", "--service", "sempoa")
    store = ProfileStore(jurnal_home)
    checked = datetime(2024, 5, 31, 3, 4, tzinfo=UTC)
    store.update_host("PT Maju", "https://zeus.accurate.id", checked)
    store.save(
        Profile(
            name="Demo",
            service="accurate",
            sandbox=True,
            company_name="PT Contoh Demo",
            branch="Pusat",
        )
    )

    code, out, _ = run(capsys, "--lang", "en", "profile", "list")

    assert code == EXIT_OK
    lines = out.splitlines()
    assert lines[0].split() == [
        "Name", "Service", "Company", "Default", "branch", "Host", "Last", "checked",
    ]  # fmt: skip
    assert lines[1].split() == [
        "Demo", "accurate", "(sandbox)", "PT", "Contoh", "Demo", "Pusat", "-", "-",
    ]  # fmt: skip
    assert lines[2].split() == [
        "PT", "Maju", "accurate", "-", "-", "https://zeus.accurate.id", "2024-05-31", "03:04",
        "UTC",
    ]  # fmt: skip
    assert lines[3].split() == [
        "Toko", "Anggrek", "sempoa", "-", "-", "https://sempoa.id/api/integration", "-",
    ]  # fmt: skip
    assert lines[0].index("Host") == lines[2].index("https://zeus")  # columns line up
    assert TOKEN not in out and SECRET not in out


def test_remove_deletes_profile_and_secrets(capsys, memory, credentials_in_env):
    run(capsys, "profile", "add", "PT Maju", "--service", "accurate")
    run(capsys, "profile", "add", "PT Lain", "--service", "accurate")

    code, out, _ = run(capsys, "profile", "remove", "PT Maju")

    assert code == EXIT_OK
    assert "Profil 'PT Maju' dihapus" in out
    assert set(stored(memory)) == {"PT Lain:token", "PT Lain:secret"}
    assert "PT Maju" not in run(capsys, "profile", "list")[1]


def test_remove_unknown_exits_2_naming_the_existing_ones(capsys, memory, credentials_in_env):
    run(capsys, "profile", "add", "PT Maju", "--service", "accurate")
    code, _, err = run(capsys, "--lang", "en", "profile", "remove", "PT Mundur")
    assert code == EXIT_USAGE
    assert "There is no profile 'PT Mundur'. Existing profiles: PT Maju." in err


def test_profile_without_an_action_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["profile"])
    assert caught.value.code == EXIT_USAGE


def test_secrets_never_reach_files_output_or_logs(
    capsys, caplog, memory, credentials_in_env, jurnal_home, monkeypatch
):
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("JURNAL_DESK_LOG_LEVEL", "DEBUG")  # the log file at its most detailed
    # Through the library...
    store = ProfileStore(jurnal_home)
    store.add(Profile(name="PT Lib", service="accurate", company_name="PT Lib Tbk"))
    SecretStore().set_token("PT Lib", TOKEN)
    SecretStore().set_secret("PT Lib", SECRET)
    store.update_host("PT Lib", "https://zeus.accurate.id", datetime.now(UTC))
    # ...and through the command line, including its error paths.
    commands = [
        ["profile", "add", "PT Cli", "--service", "accurate"],
        ["profile", "add", "Toko Cli", "--service", "sempoa"],
        ["profile", "add", "PT Cli", "--service", "accurate"],  # duplicate
        ["profile", "list"],
        ["--lang", "en", "profile", "list"],
        ["profile", "remove", "Tidak Ada"],
        ["profile", "add", "PT Salah", "--service", "accurate", "--url", "ftp://x"],
    ]
    shown = [run(capsys, *argv)[1:] for argv in commands]
    with installed(fail.Keyring()):
        shown.append(run(capsys, "profile", "add", "PT Gagal", "--service", "accurate")[1:])
        # ...and through the encrypted secrets file (a machine with no keyring), its wrong
        # password and a removal of a company whose secrets cannot be read.
        monkeypatch.setenv(FILE_PASSWORD_ENV, FILE_PASSWORD)
        file_commands = [
            ["keyring", "use-file"],
            ["profile", "add", "PT Berkas", "--service", "accurate"],
            ["keyring", "status"],
        ]
        shown += [run(capsys, *argv)[1:] for argv in file_commands]
        assert "Profil 'PT Berkas'" in shown[-2][0] and FILE_NAME in shown[-2][0]
        file_keyring(jurnal_home).lock()
        monkeypatch.setenv(FILE_PASSWORD_ENV, "a wrong password")
        shown.append(run(capsys, "profile", "add", "PT Salah Sandi", "--service", "sempoa")[1:])
        shown.append(run(capsys, "profile", "remove", "PT Berkas")[1:])
        monkeypatch.setenv(FILE_PASSWORD_ENV, FILE_PASSWORD)
        shown.append(run(capsys, "keyring", "use-system")[1:])
    code, list_out, _ = run(capsys, "profile", "list")
    outputs = [text for pair in shown for text in pair] + [list_out, caplog.text]

    assert code == EXIT_OK and "PT Cli" in list_out and "Toko Cli" in list_out
    files = [path for path in jurnal_home.rglob("*") if path.is_file()]
    assert files, "the profiles were saved somewhere under JURNAL_DESK_HOME"
    assert log_path(jurnal_home) in files  # the log file a user sends to support
    assert jurnal_home / FILE_NAME in files  # the encrypted secrets file is searched too
    assert "profile exit" in log_path(jurnal_home).read_text(encoding="utf-8")
    for secret in (TOKEN, SECRET, FILE_PASSWORD):
        for path in files:
            assert secret.encode() not in path.read_bytes(), path
        for text in outputs:
            assert secret not in text
    # The values are where they belong.
    assert stored(memory)["PT Cli:secret"] == SECRET
    assert (KEYRING_SERVICE, "Toko Cli:token") in memory.passwords


@pytest.mark.parametrize(
    "backend",
    ["keyring.backends.fail.Keyring", "keyrings.not_installed.file.EncryptedKeyring"],
    ids=["fail", "not-installed"],
)
def test_real_command_with_keyrings_own_variable_choosing_no_backend(jurnal_home, backend):
    environment = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": backend,
        "JURNAL_DESK_TOKEN": TOKEN,
        "JURNAL_DESK_SECRET": SECRET,
    }
    result = subprocess.run(
        [sys.executable, "-m", "app", "--lang", "en", "profile", "add", "PT Maju",
         "--service", "accurate"],
        capture_output=True, text=True, env=environment, timeout=60,
    )  # fmt: skip
    assert result.returncode == EXIT_USAGE
    assert "No secure password store" in result.stderr
    assert backend in result.stderr
    assert "Traceback" not in result.stderr
    assert TOKEN not in result.stderr + result.stdout
    assert SECRET not in result.stderr + result.stdout
    assert [path.name for path in jurnal_home.iterdir()] == ["logs"]  # no profile, a log line
    logged = log_path(jurnal_home).read_text(encoding="utf-8")
    assert TOKEN not in logged and SECRET not in logged


@pytest.mark.parametrize(
    ("token", "said"),
    [
        ("aat.MTAw.abc\r\nX-Injected: 1", "contains a line break"),
        ("aat.MTAw.abc\x1bdef", "(U+001B"),
        ("\u201caat.MTAw.abc\u201d", "(U+201C"),
    ],
)
def test_a_token_with_control_characters_is_refused_when_added(
    capsys, memory, monkeypatch, no_prompt, jurnal_home, token, said
):
    monkeypatch.setenv("JURNAL_DESK_TOKEN", token)
    monkeypatch.setenv("JURNAL_DESK_SECRET", SECRET)
    code, _, err = run(capsys, "--lang", "en", "profile", "add", "PT Maju", "--service", "accurate")
    assert code == EXIT_USAGE
    assert said in err and "The profile was not saved" in err
    assert "internet" not in err
    assert memory.passwords == {}
    assert ProfileStore(jurnal_home).list() == []


def test_a_secret_with_a_line_break_is_refused_when_added(
    capsys, memory, monkeypatch, no_prompt, jurnal_home
):
    monkeypatch.setenv("JURNAL_DESK_TOKEN", TOKEN)
    monkeypatch.setenv("JURNAL_DESK_SECRET", "abc\ndef")
    code, _, err = run(capsys, "--lang", "en", "profile", "add", "PT Maju", "--service", "accurate")
    assert code == EXIT_USAGE
    assert "Signature Secret contains a line break" in err
    assert memory.passwords == {}


def test_a_plain_http_address_of_a_real_host_is_refused_before_any_secret_is_asked(
    capsys, memory, credentials_in_env, jurnal_home
):
    code, _, err = run(
        capsys, "--lang", "en", "profile", "add", "PT Maju", "--service", "accurate",
        "--url", "http://account.accurate.id",
    )  # fmt: skip
    assert code == EXIT_USAGE
    assert "not encrypted (http://)" in err and "The profile was not saved" in err
    assert memory.passwords == {}
    assert ProfileStore(jurnal_home).list() == []


def test_a_plain_http_address_on_this_machine_is_kept_for_the_sandbox(
    capsys, memory, credentials_in_env, jurnal_home
):
    code, _, _ = run(
        capsys, "profile", "add", "Sandbox", "--service", "accurate",
        "--url", "http://127.0.0.1:8123",
    )  # fmt: skip
    assert code == EXIT_OK
    assert ProfileStore(jurnal_home).get("Sandbox").url == "http://127.0.0.1:8123"
