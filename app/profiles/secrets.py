"""A profile's API Token and Signature Secret, kept only in a password store: the OS keyring,
or (when the user turned it on) Jurnal Desk's encrypted file in its home
(`app.profiles.file_keyring`, chosen per home by `app.profiles.keyring_choice`).

Nothing here writes a secret anywhere else: not to profiles.json, not to logs, not into an
exception's text. When no secure store works, `KeyringUnavailable` says so and how to pick
one; there is deliberately no plain-text fallback.

A store made with `terminal=False` (the window's) never lets a backend ask on the terminal:
backends known to prompt there are refused before use (`KeyringNeedsTerminal`), any other
`getpass` call inside a backend fails at once, and a locked secrets file says so
(`SecretsFileLocked`) so the window can ask for its password in a dialog. On the command
line (`terminal=True`) the secrets file's password comes from `JURNAL_DESK_KEYRING_PASSWORD`
or a hidden prompt.

Every failure to read or save is a `SecretsProblem`.

Keyring entries: service "jurnal-desk", usernames "<profile name>:token" and
"<profile name>:secret".
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from keyring.errors import (
    InitError,
    KeyringError,
    KeyringLocked,
    NoKeyringError,
    PasswordDeleteError,
)

from app.core import environment
from app.core.i18n import JurnalError, Text, tr
from app.profiles import keyring_words as texts
from app.profiles.file_keyring import EncryptedFileKeyring, FileDamaged, FileKey, WrongPassword
from app.profiles.home import app_home
from app.profiles.keyring_choice import (
    CHOICE_FILE,
    FILE,
    NoPasswordGiven,
    choose,
    file_keyring,
    file_keyring_chosen,
    secrets_file,
    unlock_from_terminal,
)
from app.profiles.keyring_guard import no_terminal_prompts, prompts_on_terminal

KEYRING_SERVICE = "jurnal-desk"
BACKEND_ENV = environment.KEYRING_BACKEND  # keyring's own way to choose a backend
TOKEN, SECRET = "token", "secret"
_HIDDEN = "<hidden>"
T = TypeVar("T")


class SecretsProblem(JurnalError):
    """A profile's secrets cannot be read or saved (no store, locked, refused, not there)."""


class KeyringUnavailable(SecretsProblem):
    """No secure password store works on this machine, so secrets cannot be kept."""

    def __init__(self, backend_name: str, reason: str = "", *, text: Text | None = None) -> None:
        super().__init__(
            text if text is not None else keyring_unavailable_text(backend_name, reason)
        )
        self.backend_name = backend_name


class KeyringNeedsTerminal(KeyringUnavailable):
    """The chosen backend asks for its password on a terminal nobody can answer here."""

    def __init__(self, backend_name: str) -> None:
        super().__init__(backend_name, text=texts.needs_terminal(backend_name))


class SecretsFileLocked(KeyringUnavailable):
    """The encrypted secrets file is chosen but not unlocked (its password not given)."""

    def __init__(self, path: Path, text: Text | None = None) -> None:
        super().__init__(_FILE_BACKEND, text=text or texts.file_locked(path))
        self.path = path


class SecretsFileWrongPassword(SecretsFileLocked):
    """The password given does not open the secrets file; nothing was changed."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, texts.wrong_password(path))


class SecretsFileDamaged(KeyringUnavailable):
    """The secrets file is missing, damaged or not Jurnal Desk's; it is left as it is."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(_FILE_BACKEND, text=texts.file_damaged(path, reason))
        self.path = path


class SecretMissing(SecretsProblem):
    """The keyring works but holds no token/secret for this profile (deleted, other machine)."""

    def __init__(self, profile_name: str, kind: str) -> None:
        super().__init__(_missing_text(profile_name, kind))
        self.profile_name = profile_name
        self.kind = kind


class SecretStoreError(SecretsProblem):
    """The password store refused an operation for a reason other than being unavailable."""


@dataclass(frozen=True, slots=True)
class Credentials:
    """A profile's token and (for Accurate) Signature Secret. Its text never shows them."""

    token: str = field(repr=False)
    secret: str | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        secret = _HIDDEN if self.secret is not None else "None"
        return f"Credentials(token={_HIDDEN}, secret={secret})"

    __str__ = __repr__


class SecretStore:
    """Reads and writes a profile's secrets in the home's password store.

    `backend` is for callers that want a specific keyring. By default the home's choice is
    looked up per call: the encrypted secrets file when turned on for `home` (default: the
    app's home), else the backend keyring chose (or `keyring.set_keyring` /
    `PYTHON_KEYRING_BACKEND` chose). `terminal=False` (the window) forbids terminal prompts.
    """

    def __init__(
        self,
        backend: KeyringBackend | None = None,
        *,
        home: Path | None = None,
        terminal: bool = True,
    ) -> None:
        self._fixed_backend = backend
        self._home = Path(home) if home is not None else None
        self.terminal = terminal

    def backend(self) -> KeyringBackend:
        """The working keyring backend, or a `KeyringUnavailable` saying why there is none."""
        backend = self._fixed_backend if self._fixed_backend is not None else self._chosen()
        if not _is_usable(backend):
            raise KeyringUnavailable(_backend_name(backend))
        if not self.terminal and prompts_on_terminal(backend):
            raise KeyringNeedsTerminal(_backend_name(backend))
        if isinstance(backend, EncryptedFileKeyring) and not backend.unlocked:
            self._unlock_from_terminal(backend)
        return backend

    def check_available(self) -> str:
        """Raise `KeyringUnavailable` unless a secure store works; return its display name."""
        return _backend_name(self.backend())

    # -- the encrypted secrets file --------------------------------------------------------------

    @property
    def home(self) -> Path:
        return self._home if self._home is not None else app_home(create=False)

    @property
    def can_use_file(self) -> bool:
        """True when the home's choice decides the store, so the encrypted file can be turned
        on (not for a store made with a fixed backend)."""
        return self._fixed_backend is None

    def uses_file(self) -> bool:
        """True when the home keeps its secrets in the encrypted file (and no backend is fixed)."""
        if self._fixed_backend is not None:
            return False
        with contextlib.suppress(ValueError):
            return file_keyring_chosen(self.home)
        return False

    def file_locked(self) -> bool:
        """True when the secrets file is chosen and still waits for its password."""
        return self.uses_file() and not file_keyring(self.home).unlocked

    def secrets_file(self) -> Path:
        return secrets_file(self.home)

    def secrets_file_exists(self) -> bool:
        return self.secrets_file().exists()

    def unlock_file(self, password: str) -> None:
        """Open the secrets file with `password` for the rest of this process."""
        self._open_file(file_keyring(self.home), lambda backend: backend.unlock(password))

    def key_for_child(self) -> FileKey | None:
        """What a child process of this one needs to open the home's secrets file: the key
        this process unlocked it with (never the password). None when the home does not use
        the file; `SecretsFileLocked` when it does and its password has not been given."""
        if not self.uses_file():
            return None
        backend = file_keyring(self.home)
        try:
            return backend.key()
        except KeyringLocked:
            raise SecretsFileLocked(backend.path) from None

    def unlock_file_with_key(self, key: FileKey) -> None:
        """Open the secrets file with the key the parent process handed over;
        `SecretsFileWrongPassword` when it does not open the file as it is now."""
        self._open_file(file_keyring(self.home), lambda backend: backend.unlock_with_key(key))

    def use_file(self, password: str) -> bool:
        """Turn the encrypted secrets file on for this home: create it with `password`, or open
        the one already there with it. True when a new file was made. Nothing is changed when
        the password is too short or does not open the existing file."""
        backend = file_keyring(self.home)
        created = not backend.exists()
        if created and len(password) < texts.MIN_PASSWORD_LENGTH:
            raise SecretsProblem(texts.password_too_short())
        opener = backend.create if created else backend.unlock
        self._open_file(backend, lambda _backend: opener(password))
        try:
            choose(self.home, FILE)
        except OSError as error:
            raise SecretsProblem(texts.choice_not_written(self.home / CHOICE_FILE, error)) from None
        return created

    def use_system(self) -> None:
        """Go back to the system keyring for this home; the secrets file is left in place."""
        choose(self.home, "system")

    # -- the secrets -----------------------------------------------------------------------------

    def set_token(self, profile_name: str, token: str) -> None:
        self._set(profile_name, TOKEN, token)

    def get_token(self, profile_name: str) -> str:
        return self._get(profile_name, TOKEN)

    def set_secret(self, profile_name: str, secret: str) -> None:
        self._set(profile_name, SECRET, secret)

    def get_secret(self, profile_name: str) -> str:
        return self._get(profile_name, SECRET)

    def has_token(self, profile_name: str) -> bool:
        return self._read(profile_name, TOKEN) is not None

    def credentials(self, profile_name: str, *, with_secret: bool = True) -> Credentials:
        """Both values at once; Sempoa profiles pass `with_secret=False` (token only)."""
        token = self.get_token(profile_name)
        secret = self.get_secret(profile_name) if with_secret else None
        return Credentials(token, secret)

    def delete(self, profile_name: str) -> None:
        """Forget the profile's token and secret; entries already gone are fine."""
        backend = self.backend()
        for kind in (TOKEN, SECRET):
            name = entry_name(profile_name, kind)
            try:
                self._call(backend, partial(backend.delete_password, KEYRING_SERVICE, name))
            except _NothingToDelete:
                continue  # nothing stored under that name: already forgotten

    def _set(self, profile_name: str, kind: str, value: str) -> None:
        if not value:
            raise JurnalError(_empty_text(kind))
        backend = self.backend()
        name = entry_name(profile_name, kind)
        self._call(backend, lambda: backend.set_password(KEYRING_SERVICE, name, value), value)

    def _get(self, profile_name: str, kind: str) -> str:
        value = self._read(profile_name, kind)
        if value is None:
            raise SecretMissing(profile_name, kind)
        return value

    def _read(self, profile_name: str, kind: str) -> str | None:
        backend = self.backend()
        name = entry_name(profile_name, kind)
        value = self._call(backend, lambda: backend.get_password(KEYRING_SERVICE, name))
        return value or None

    # -- internals -------------------------------------------------------------------------------

    def _chosen(self) -> KeyringBackend:
        try:
            chosen = file_keyring_chosen(self.home)
        except ValueError as error:
            raise KeyringUnavailable(CHOICE_FILE, text=texts.choice_damaged(str(error))) from None
        return file_keyring(self.home) if chosen else _configured_backend()

    def _call(self, backend: KeyringBackend, operation: Callable[[], T], scrub: str = "") -> T:
        """Run one backend call; whatever it raises becomes a `SecretsProblem` whose text holds
        no secret (`from None`: the backend's own exception, which may repeat the value, stays
        out of tracebacks and logs)."""
        try:
            with self._prompt_guard():
                return operation()
        except PasswordDeleteError:
            raise _NothingToDelete from None
        except (WrongPassword, FileDamaged, KeyringError) as error:
            raise _translate(error, backend, scrub=scrub) from None
        except EOFError:
            # A backend that asked on the terminal (getpass) and got no answer: in the window,
            # the guard refused it; on the command line, there was no terminal.
            raise KeyringNeedsTerminal(_backend_name(backend)) from None
        except Exception as error:
            raise SecretStoreError(texts.unexpected(_backend_name(backend), error)) from None

    def _prompt_guard(self) -> contextlib.AbstractContextManager[None]:
        return contextlib.nullcontext() if self.terminal else no_terminal_prompts()

    def _unlock_from_terminal(self, backend: EncryptedFileKeyring) -> None:
        if not self.terminal:
            raise SecretsFileLocked(backend.path)  # the window asks in a dialog
        try:
            self._open_file(backend, unlock_from_terminal)
        except NoPasswordGiven:
            raise SecretsFileLocked(backend.path, texts.no_password_given(backend.path)) from None

    def _open_file(
        self, backend: EncryptedFileKeyring, opener: Callable[[EncryptedFileKeyring], None]
    ) -> None:
        try:
            opener(backend)
        except WrongPassword:
            raise SecretsFileWrongPassword(backend.path) from None
        except FileDamaged as error:
            raise SecretsFileDamaged(backend.path, str(error)) from None
        except OSError as error:
            reason = error.strerror or type(error).__name__
            raise SecretsFileDamaged(backend.path, reason) from None


class _NothingToDelete(Exception):
    """The backend held no entry under that name (keyring's PasswordDeleteError)."""


_FILE_BACKEND = f"{EncryptedFileKeyring.__module__}.{EncryptedFileKeyring.__qualname__}"


def entry_name(profile_name: str, kind: str) -> str:
    """The keyring username for one of a profile's secrets: "<profile>:token"."""
    return f"{profile_name}:{kind}"


def _configured_backend() -> KeyringBackend:
    try:
        return keyring.get_keyring()
    except (ImportError, AttributeError, ValueError, RuntimeError, KeyringError) as error:
        # A PYTHON_KEYRING_BACKEND (or keyringrc.cfg) naming a backend that is not installed
        # or not viable here: the same advice applies as for no backend at all.
        chosen = environment.raw(BACKEND_ENV)
        name = f"{BACKEND_ENV}={chosen}" if chosen else "keyringrc.cfg"
        raise KeyringUnavailable(name, f"{type(error).__name__}: {error}") from None


def _is_usable(backend: KeyringBackend) -> bool:
    # fail: every call raises; null: silently drops what it is given (saving would "work"
    # and the token be lost); a chainer with nothing to chain behaves like null.
    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    return not (isinstance(backend, chainer.ChainerBackend) and not list(backend.backends))


def _backend_name(backend: KeyringBackend) -> str:
    kind = type(backend)
    return f"{kind.__module__}.{kind.__qualname__}"


def _translate(error: KeyringError, backend: KeyringBackend, scrub: str = "") -> SecretsProblem:
    reason = str(error)
    if scrub:
        reason = reason.replace(scrub, "***")
    if isinstance(backend, EncryptedFileKeyring):
        if isinstance(error, WrongPassword | KeyringLocked):
            return SecretsFileWrongPassword(backend.path)
        if isinstance(error, FileDamaged):
            return SecretsFileDamaged(backend.path, reason)
    if isinstance(error, NoKeyringError | InitError | KeyringLocked):
        return KeyringUnavailable(_backend_name(backend), reason)
    return SecretStoreError(
        tr(
            "Penyimpanan kata sandi ({backend}) menolak permintaan: {reason}. "
            "Pastikan penyimpanan itu terbuka (tidak terkunci), lalu coba lagi.",
            backend=_backend_name(backend),
            reason=reason or type(error).__name__,
        )
    )


def keyring_unavailable_text(backend_name: str, reason: str = "") -> Text:
    """What to tell a user whose machine has no working secure password store."""
    where = texts.where_to_turn_on_the_file()
    if reason:
        return tr(
            "Tidak ada penyimpanan kata sandi yang aman (keyring) yang bisa dipakai di komputer "
            "ini (backend: {backend}; {reason}), jadi token dan Signature Secret tidak bisa "
            "disimpan. Jurnal Desk tidak pernah menyimpannya sebagai teks biasa. Cara "
            "memperbaikinya: di desktop Linux, buka kunci atau jalankan Secret Service (GNOME "
            "Keyring) atau KWallet (bila variabel PYTHON_KEYRING_BACKEND diisi, periksa backend "
            "yang disebutnya); di komputer tanpa penyimpanan kata sandi sama sekali (server), "
            "pakai berkas rahasia terenkripsi Jurnal Desk, dengan kata sandi pilihan Anda: "
            "{where}. Setelah itu coba lagi.",
            backend=backend_name,
            reason=reason,
            where=where,
        )
    return tr(
        "Tidak ada penyimpanan kata sandi yang aman (keyring) yang bisa dipakai di komputer ini "
        "(backend: {backend}), jadi token dan Signature Secret tidak bisa disimpan. Jurnal Desk "
        "tidak pernah menyimpannya sebagai teks biasa. Cara memperbaikinya: di desktop Linux, "
        "buka kunci atau jalankan Secret Service (GNOME Keyring) atau KWallet (bila variabel "
        "PYTHON_KEYRING_BACKEND diisi, periksa backend yang disebutnya); di komputer tanpa "
        "penyimpanan kata sandi sama sekali (server), pakai berkas rahasia terenkripsi Jurnal "
        "Desk, dengan kata sandi pilihan Anda: {where}. Setelah itu coba lagi.",
        backend=backend_name,
        where=where,
    )


def _missing_text(profile_name: str, kind: str) -> Text:
    what = "API Token" if kind == TOKEN else "Signature Secret"  # the vendors' own names
    return tr(
        "{what} untuk profil '{name}' tidak ada di penyimpanan kata sandi (mungkin dihapus, "
        "atau profil ini dibuat di komputer lain). Masukkan lagi kredensialnya: lewat wizard "
        'profil di jendela Jurnal Desk, atau `jurnal-desk profile remove "{name}"` lalu '
        '`jurnal-desk profile add "{name}" --service ...`.',
        what=what,
        name=profile_name,
    )


def _empty_text(kind: str) -> Text:
    if kind == TOKEN:
        return tr("API Token kosong; isi token-nya.")
    return tr("Signature Secret kosong; isi secret-nya.")
