"""Tokens and Signature Secrets live only in the OS keyring, and their text never leaks."""

from __future__ import annotations

import pytest
from keyring.backends import chainer, fail, null
from keyring.errors import KeyringLocked, PasswordSetError

from app.core.i18n import JurnalError
from app.profiles.secrets import (
    KEYRING_SERVICE,
    Credentials,
    KeyringNeedsTerminal,
    KeyringUnavailable,
    SecretMissing,
    SecretStore,
    SecretStoreError,
)
from tests.helpers.memory_keyring import MemoryKeyring, installed

TOKEN = "aat.NTA.eyJ2IjoxLCJ1IjoxMjN9.Zz9xQ"
SECRET = "31d49b3dc632614495ff8071e5be44a1"


@pytest.fixture
def memory():
    with installed(MemoryKeyring()) as backend:
        yield backend


class EmptyChainer(chainer.ChainerBackend):
    """keyring's chainer on a machine where it found nothing to chain."""

    backends = ()


class LockedKeyring(MemoryKeyring):
    def set_password(self, service, username, password):
        raise KeyringLocked("Failed to unlock the collection!")


class ChattyKeyring(MemoryKeyring):
    """A backend whose error repeats what it was given: the value must not reach the user."""

    def set_password(self, service, username, password):
        raise PasswordSetError(f"cannot store {password} for {username}")


def test_token_and_secret_round_trip_under_the_documented_keyring_names(memory):
    secrets = SecretStore()
    secrets.set_token("PT Maju", TOKEN)
    secrets.set_secret("PT Maju", SECRET)

    assert secrets.get_token("PT Maju") == TOKEN
    assert secrets.get_secret("PT Maju") == SECRET
    assert memory.passwords == {
        (KEYRING_SERVICE, "PT Maju:token"): TOKEN,
        (KEYRING_SERVICE, "PT Maju:secret"): SECRET,
    }
    assert KEYRING_SERVICE == "jurnal-desk"


def test_credentials_reads_both_or_only_the_token(memory):
    secrets = SecretStore()
    secrets.set_token("PT Maju", TOKEN)
    secrets.set_secret("PT Maju", SECRET)
    secrets.set_token("Toko Sempoa", "sempoa-token-1")

    assert secrets.credentials("PT Maju") == Credentials(TOKEN, SECRET)
    assert secrets.credentials("Toko Sempoa", with_secret=False) == Credentials("sempoa-token-1")


def test_credentials_text_never_shows_the_values():
    credentials = Credentials(TOKEN, SECRET)
    shown = [repr(credentials), str(credentials), f"{credentials}", repr([credentials])]
    for text in shown:
        assert TOKEN not in text
        assert SECRET not in text
        assert "<hidden>" in text
    assert "secret=None" in repr(Credentials(TOKEN))


def test_missing_token_tells_the_user_to_enter_the_credentials_again(memory):
    with pytest.raises(SecretMissing) as caught:
        SecretStore().get_token("PT Hilang")
    text = caught.value.text
    assert "PT Hilang" in text.id and "PT Hilang" in text.en
    assert "jurnal-desk profile add" in text.id
    assert "Enter the credentials again" in text.en
    assert "wizard" in text.id and "wizard" in text.en


def test_missing_secret_names_the_signature_secret(memory):
    secrets = SecretStore()
    secrets.set_token("PT Maju", TOKEN)
    with pytest.raises(SecretMissing, match="Signature Secret"):
        secrets.get_secret("PT Maju")
    assert secrets.has_token("PT Maju")
    assert not secrets.has_token("PT Lain")


def test_delete_forgets_both_and_tolerates_nothing_stored(memory):
    secrets = SecretStore()
    secrets.set_token("PT Maju", TOKEN)
    secrets.set_secret("PT Maju", SECRET)
    secrets.set_token("PT Lain", "other")

    secrets.delete("PT Maju")
    secrets.delete("PT Maju")  # second time: nothing left, no error
    secrets.delete("Sempoa Only")  # never had a secret

    assert memory.passwords == {(KEYRING_SERVICE, "PT Lain:token"): "other"}


def test_empty_values_are_refused_not_stored(memory):
    with pytest.raises(JurnalError, match="API Token"):
        SecretStore().set_token("PT Maju", "")
    assert memory.passwords == {}


def test_an_explicit_backend_is_used_instead_of_the_global_one(memory):
    own = MemoryKeyring()
    SecretStore(own).set_token("PT Maju", TOKEN)
    assert own.passwords and not memory.passwords


@pytest.mark.parametrize(
    "operation",
    [
        lambda s: s.set_token("PT Maju", TOKEN),
        lambda s: s.get_token("PT Maju"),
        lambda s: s.set_secret("PT Maju", SECRET),
        lambda s: s.delete("PT Maju"),
        lambda s: s.check_available(),
    ],
    ids=["set_token", "get_token", "set_secret", "delete", "check_available"],
)
def test_fail_backend_raises_keyring_unavailable(operation):
    with installed(fail.Keyring()), pytest.raises(KeyringUnavailable):
        operation(SecretStore())


def test_keyring_unavailable_says_there_is_no_secure_store_and_how_to_choose_one(jurnal_home):
    with installed(fail.Keyring()), pytest.raises(KeyringUnavailable) as caught:
        SecretStore().set_token("PT Maju", TOKEN)
    error = caught.value
    assert isinstance(error, JurnalError)
    indonesian, english = error.text.id, error.text.en
    assert "Tidak ada penyimpanan kata sandi yang aman" in indonesian
    assert "No secure password store" in english
    assert "never stores them as plain text" in english
    for text in (indonesian, english):
        assert "PYTHON_KEYRING_BACKEND" in text
        assert "jurnal-desk keyring use-file" in text
        assert "Secret Service" in text and "KWallet" in text
        assert "keyring.backends.fail.Keyring" in text
        assert TOKEN not in text
    # No silent plain-text fallback anywhere in the app's home.
    assert list(jurnal_home.rglob("*")) == []


@pytest.mark.parametrize("backend", [EmptyChainer(), null.Keyring()], ids=["chainer", "null"])
def test_backends_that_would_silently_drop_secrets_count_as_unavailable(backend):
    with installed(backend), pytest.raises(KeyringUnavailable, match="PYTHON_KEYRING_BACKEND"):
        SecretStore().set_token("PT Maju", TOKEN)


def test_a_locked_keyring_is_reported_as_unavailable():
    with pytest.raises(KeyringUnavailable) as caught:
        SecretStore(LockedKeyring()).set_token("PT Maju", TOKEN)
    assert "Failed to unlock" in caught.value.text.en
    assert "Secret Service" in caught.value.text.en


def test_backend_errors_that_echo_the_value_are_scrubbed():
    with pytest.raises(SecretStoreError) as caught:
        SecretStore(ChattyKeyring()).set_secret("PT Maju", SECRET)
    error = caught.value
    for text in (str(error), repr(error), error.text.id, error.text.en):
        assert SECRET not in text
    assert "***" in error.text.en
    # Not chained: the backend's own exception (holding the value) stays out of tracebacks.
    assert error.__cause__ is None and error.__suppress_context__


class EncryptedKeyring(MemoryKeyring):
    """Stands for keyrings.alt's file keyring, which asks on the terminal."""


EncryptedKeyring.__module__ = "keyrings.alt.file"


class CryptFileKeyring(MemoryKeyring):
    """Stands for keyrings.cryptfile's, which asks on the terminal too."""


CryptFileKeyring.__module__ = "keyrings.cryptfile.cryptfile"


class PresetPassword(EncryptedKeyring):
    """A project's subclass that presets the password: still prompts without it."""


@pytest.mark.parametrize(
    "backend",
    [EncryptedKeyring(), CryptFileKeyring(), PresetPassword()],
    ids=["keyrings.alt", "keyrings.cryptfile", "subclass"],
)
def test_the_window_refuses_keyrings_that_ask_on_the_terminal_before_any_use(backend):
    window = SecretStore(backend, terminal=False)
    with pytest.raises(KeyringNeedsTerminal) as caught:
        window.set_token("PT Maju", TOKEN)
    assert backend.passwords == {}
    assert "jurnal-desk keyring use-file" in caught.value.text.id
    assert isinstance(caught.value, KeyringUnavailable)  # the same advice paths apply
    # On the command line a terminal is there to answer it.
    SecretStore(backend).set_token("PT Maju", TOKEN)
    assert backend.passwords == {(KEYRING_SERVICE, "PT Maju:token"): TOKEN}


def test_an_ordinary_keyring_works_in_the_window():
    backend = MemoryKeyring()
    SecretStore(backend, terminal=False).set_token("PT Maju", TOKEN)
    assert SecretStore(backend, terminal=False).get_token("PT Maju") == TOKEN
