"""A profile's API Token and Signature Secret, kept only in the OS password store (keyring).

Nothing here writes a secret anywhere else: not to profiles.json, not to logs, not into an
exception's text. When no secure store works, `KeyringUnavailable` says so and how to pick
one; there is deliberately no plain-text fallback.

Keyring entries: service "jurnal-desk", usernames "<profile name>:token" and
"<profile name>:secret".
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

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

from app.core.i18n import JurnalError, Text, tr

KEYRING_SERVICE = "jurnal-desk"
BACKEND_ENV = "PYTHON_KEYRING_BACKEND"  # keyring's own way to choose a backend
TOKEN, SECRET = "token", "secret"
_HIDDEN = "<hidden>"


class KeyringUnavailable(JurnalError):
    """No secure password store works on this machine, so secrets cannot be kept."""

    def __init__(self, backend_name: str, reason: str = "") -> None:
        super().__init__(keyring_unavailable_text(backend_name, reason))
        self.backend_name = backend_name


class SecretMissing(JurnalError):
    """The keyring works but holds no token/secret for this profile (deleted, other machine)."""

    def __init__(self, profile_name: str, kind: str) -> None:
        super().__init__(_missing_text(profile_name, kind))
        self.profile_name = profile_name
        self.kind = kind


class SecretStoreError(JurnalError):
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
    """Reads and writes a profile's secrets in the OS keyring.

    `backend` is for callers that want a specific keyring; by default the backend keyring
    chose (or `keyring.set_keyring`/`PYTHON_KEYRING_BACKEND` chose) is looked up per call.
    """

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._fixed_backend = backend

    def backend(self) -> KeyringBackend:
        """The working keyring backend, or `KeyringUnavailable` when there is none."""
        backend = self._fixed_backend if self._fixed_backend is not None else _configured_backend()
        if not _is_usable(backend):
            raise KeyringUnavailable(_backend_name(backend))
        return backend

    def check_available(self) -> str:
        """Raise `KeyringUnavailable` unless a secure store works; return its display name."""
        return _backend_name(self.backend())

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
            try:
                backend.delete_password(KEYRING_SERVICE, entry_name(profile_name, kind))
            except PasswordDeleteError:
                continue  # nothing stored under that name: already forgotten
            except KeyringError as error:
                raise _translate(error, backend) from None

    def _set(self, profile_name: str, kind: str, value: str) -> None:
        if not value:
            raise JurnalError(_empty_text(kind))
        backend = self.backend()
        try:
            backend.set_password(KEYRING_SERVICE, entry_name(profile_name, kind), value)
        except KeyringError as error:
            # `from None`: the original exception (and any text a backend put in it) stays out
            # of tracebacks and logs; the cause's own message is scrubbed of the value.
            raise _translate(error, backend, scrub=value) from None

    def _get(self, profile_name: str, kind: str) -> str:
        value = self._read(profile_name, kind)
        if value is None:
            raise SecretMissing(profile_name, kind)
        return value

    def _read(self, profile_name: str, kind: str) -> str | None:
        backend = self.backend()
        try:
            value = backend.get_password(KEYRING_SERVICE, entry_name(profile_name, kind))
        except KeyringError as error:
            raise _translate(error, backend) from None
        return value or None


def entry_name(profile_name: str, kind: str) -> str:
    """The keyring username for one of a profile's secrets: "<profile>:token"."""
    return f"{profile_name}:{kind}"


def _configured_backend() -> KeyringBackend:
    try:
        return keyring.get_keyring()
    except (ImportError, AttributeError, ValueError, RuntimeError, KeyringError) as error:
        # A PYTHON_KEYRING_BACKEND (or keyringrc.cfg) naming a backend that is not installed
        # or not viable here: the same advice applies as for no backend at all.
        chosen = os.environ.get(BACKEND_ENV)
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


def _translate(error: KeyringError, backend: KeyringBackend, scrub: str = "") -> JurnalError:
    reason = str(error)
    if scrub:
        reason = reason.replace(scrub, "***")
    if isinstance(error, NoKeyringError | InitError | KeyringLocked):
        return KeyringUnavailable(_backend_name(backend), reason)
    return SecretStoreError(
        tr(
            "Penyimpanan kata sandi ({backend}) menolak permintaan: {reason}. "
            "Pastikan penyimpanan itu terbuka (tidak terkunci), lalu coba lagi.",
            "The password store ({backend}) refused the request: {reason}. "
            "Make sure it is unlocked, then try again.",
            backend=_backend_name(backend),
            reason=reason or type(error).__name__,
        )
    )


def keyring_unavailable_text(backend_name: str, reason: str = "") -> Text:
    """What to tell a user whose machine has no working secure password store."""
    detail = f"; {reason}" if reason else ""
    return tr(
        "Tidak ada penyimpanan kata sandi yang aman (keyring) yang bisa dipakai di komputer ini "
        "(backend: {backend}{detail}), jadi token dan Signature Secret tidak bisa disimpan. "
        "Jurnal Desk tidak pernah menyimpannya sebagai teks biasa. Cara memperbaikinya: di "
        "desktop Linux, buka kunci atau jalankan Secret Service (GNOME Keyring) atau KWallet; "
        "di Linux tanpa desktop (server), pasang penyimpanan berbasis berkas "
        "`pip install keyrings.alt` lalu pilih dengan variabel lingkungan milik keyring "
        "PYTHON_KEYRING_BACKEND=keyrings.alt.file.EncryptedKeyring. "
        "Setelah itu coba lagi.",
        "No secure password store (keyring) is usable on this computer "
        "(backend: {backend}{detail}), so the token and Signature Secret cannot be saved. "
        "Jurnal Desk never stores them as plain text. To fix this: on a Linux desktop, unlock "
        "or start the Secret Service (GNOME Keyring) or KWallet; on a Linux machine without a "
        "desktop (server), install a file-based store with `pip install keyrings.alt` and choose "
        "it with keyring's own environment variable "
        "PYTHON_KEYRING_BACKEND=keyrings.alt.file.EncryptedKeyring. Then try again.",
        backend=backend_name,
        detail=detail,
    )


def _missing_text(profile_name: str, kind: str) -> Text:
    what = "API Token" if kind == TOKEN else "Signature Secret"  # the vendors' own names
    return tr(
        "{what} untuk profil '{name}' tidak ada di penyimpanan kata sandi (mungkin dihapus, "
        "atau profil ini dibuat di komputer lain). Masukkan lagi kredensialnya: lewat wizard "
        'profil di jendela Jurnal Desk, atau `jurnal-desk profile remove "{name}"` lalu '
        '`jurnal-desk profile add "{name}" --service ...`.',
        "The {what} for profile '{name}' is not in the password store (it may have been deleted, "
        "or the profile was made on another computer). Enter the credentials again: in the "
        'profile wizard in the Jurnal Desk window, or `jurnal-desk profile remove "{name}"` '
        'then `jurnal-desk profile add "{name}" --service ...`.',
        what=what,
        name=profile_name,
    )


def _empty_text(kind: str) -> Text:
    if kind == TOKEN:
        return tr("API Token kosong; isi token-nya.", "The API Token is empty; enter the token.")
    return tr(
        "Signature Secret kosong; isi secret-nya.",
        "The Signature Secret is empty; enter the secret.",
    )
