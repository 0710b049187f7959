"""Jurnal Desk's own encrypted file of secrets, for machines with no password store at all.

Used only when the user turns it on (`jurnal-desk keyring use-file`, or the button in the
window's keyring banner); never as a silent fallback. The file, `<home>/secrets.enc`, is JSON
holding the key-derivation parameters and one Fernet token (AES-128-CBC + HMAC-SHA256, from
the `cryptography` package) with every entry inside it, so neither a secret nor a profile name
is readable from the file. The key is derived from the user's password with scrypt and a
random salt kept in the file.

The password is never stored: `unlock(password)` derives the key and keeps only that, in this
object, for the rest of the process. A child process of the window (the Many companies page's
posting child) is handed that key (`key()`, `unlock_with_key()`) down a pipe, so it neither
sees the password nor derives the key again. Every read re-reads the file, and every write re-reads,
changes and replaces it atomically (mode 0600), so another Jurnal Desk process that wrote it
meanwhile is not overwritten with stale contents.

This backend never asks for anything itself: locked, it raises `KeyringLocked`, and the
caller asks (a dialog in the window, a hidden prompt on the command line).
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets as random_bytes
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, KeyringLocked, PasswordDeleteError

from app.profiles.atomic import atomic_write
from app.profiles.home import private_folder

FILE_NAME: Final = "secrets.enc"
FORMAT: Final = "jurnal-desk-secrets"
VERSION: Final = 1
# scrypt's recommended interactive cost (2**15, 8, 1): ~32 MiB and a few tens of ms here.
SCRYPT_N: Final = 2**15
SCRYPT_R: Final = 8
SCRYPT_P: Final = 1
SALT_BYTES: Final = 16
MIN_PASSWORD_LENGTH: Final = 8
_MAX_SCRYPT_N: Final = 2**20  # a file asking for more is damaged, not a reason to hang


class WrongPassword(KeyringError):
    """The password does not open the file (or the file was changed by someone else)."""


class FileDamaged(KeyringError):
    """The file is not a Jurnal Desk secrets file, or it was cut short."""


@dataclass(frozen=True, slots=True)
class FileKey:
    """The key derived from the file's password (Fernet's url-safe base64 text). Its text
    never shows it."""

    value: bytes = field(repr=False)

    def __repr__(self) -> str:
        return "FileKey(<hidden>)"

    __str__ = __repr__


class EncryptedFileKeyring(KeyringBackend):
    """A keyring backend in one encrypted file. Locked until `unlock()` or `create()`."""

    # Kept out of keyring's own discovery: it is used only when the user has chosen it.
    viable = False
    priority = -1

    def __init__(self, path: Path) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring leaves it unannotated
        self.path = Path(path)
        self._lock = threading.RLock()
        self._fernet: Fernet | None = None
        self._key: FileKey | None = None
        self._salt: bytes | None = None

    def __repr__(self) -> str:
        state = "unlocked" if self.unlocked else "locked"
        return f"EncryptedFileKeyring({str(self.path)!r}, {state})"

    # -- the password ------------------------------------------------------------------------

    @property
    def unlocked(self) -> bool:
        return self._fernet is not None

    def exists(self) -> bool:
        return self.path.exists()

    def create(self, password: str) -> None:
        """Start a new, empty file protected by `password`; an existing file is kept."""
        if len(password) < MIN_PASSWORD_LENGTH:
            raise ValueError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
        with self._lock:
            if self.exists():
                raise FileExistsError(str(self.path))
            salt = random_bytes.token_bytes(SALT_BYTES)
            params = {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P}
            self._keep(FileKey(_derive(password, salt, params)), salt)
            private_folder(self.path.parent)
            self._write({}, {**params, "salt": _b64(salt)})

    def unlock(self, password: str) -> None:
        """Open the file with `password` for this process; `WrongPassword` leaves it locked."""
        with self._lock:
            document = self._document()
            kdf = document["kdf"]
            salt = _unb64(kdf["salt"])
            key = FileKey(_derive(password, salt, kdf))
            _decrypt(Fernet(key.value), document)  # proves the password before it is kept
            self._keep(key, salt)

    def unlock_with_key(self, key: FileKey) -> None:
        """Open the file with the key another process derived from its password (no slow
        derivation here); `WrongPassword` when it does not open the file as it is now."""
        with self._lock:
            document = self._document()
            salt = _unb64(document["kdf"]["salt"])
            try:
                fernet = Fernet(key.value)
            except (ValueError, TypeError, binascii.Error):  # not a key at all
                raise WrongPassword("the key does not open the secrets file") from None
            _decrypt(fernet, document)
            self._keep(key, salt)

    def key(self) -> FileKey:
        """The key this process unlocked the file with, for a child process to open it."""
        with self._lock:
            if self._key is None:
                raise KeyringLocked("the Jurnal Desk secrets file is locked")
            return self._key

    def lock(self) -> None:
        with self._lock:
            self._fernet, self._key, self._salt = None, None, None

    def _keep(self, key: FileKey, salt: bytes) -> None:
        self._fernet, self._key, self._salt = Fernet(key.value), key, salt

    # -- keyring's interface -----------------------------------------------------------------

    def get_password(self, service: str, username: str) -> str | None:
        with self._lock:
            entries, _kdf = self._entries()
            return entries.get(_key(service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._lock:
            entries, kdf = self._entries()
            entries[_key(service, username)] = password
            self._write(entries, kdf)

    def delete_password(self, service: str, username: str) -> None:
        with self._lock:
            entries, kdf = self._entries()
            if entries.pop(_key(service, username), None) is None:
                raise PasswordDeleteError(username)
            self._write(entries, kdf)

    # -- internals ---------------------------------------------------------------------------

    def _entries(self) -> tuple[dict[str, str], dict[str, Any]]:
        if self._fernet is None:
            raise KeyringLocked("the Jurnal Desk secrets file is locked")
        document = self._document()
        kdf = document["kdf"]
        if _unb64(kdf["salt"]) != self._salt:
            # Re-created meanwhile with another password: what we hold no longer opens it.
            self.lock()
            raise WrongPassword("the secrets file was replaced; enter its password again")
        return _decrypt(self._fernet, document), kdf

    def _document(self) -> dict[str, Any]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            raise FileDamaged(f"{self.path} does not exist") from None
        try:
            document = json.loads(raw.decode("utf-8"))
            kdf = document["kdf"]
            valid = (
                document.get("format") == FORMAT
                and isinstance(document.get("data"), str)
                and kdf.get("name") == "scrypt"
                and all(isinstance(kdf.get(name), int) for name in ("n", "r", "p"))
                and 1 < kdf["n"] <= _MAX_SCRYPT_N
                and isinstance(kdf.get("salt"), str)
            )
        except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, AttributeError):
            valid = False
        if not valid or not isinstance(document, dict):
            raise FileDamaged(f"{self.path} is not a Jurnal Desk secrets file")
        if document.get("version", 0) > VERSION:
            raise FileDamaged(f"{self.path} was written by a newer Jurnal Desk")
        return document

    def _write(self, entries: dict[str, str], kdf: dict[str, Any]) -> None:
        assert self._fernet is not None
        plain = json.dumps(entries, ensure_ascii=False).encode("utf-8")
        document = {
            "format": FORMAT,
            "version": VERSION,
            "kdf": kdf,
            "data": self._fernet.encrypt(plain).decode("ascii"),
        }
        atomic_write(self.path, (json.dumps(document, indent=2) + "\n").encode("utf-8"))
        os.chmod(self.path, 0o600)  # mkstemp's mode already; said again for other umasks


def _key(service: str, username: str) -> str:
    return f"{service}\n{username}"


def _derive(password: str, salt: bytes, kdf: dict[str, Any]) -> bytes:
    scrypt = Scrypt(salt=salt, length=32, n=kdf["n"], r=kdf["r"], p=kdf["p"])
    return base64.urlsafe_b64encode(scrypt.derive(password.encode("utf-8")))


def _decrypt(fernet: Fernet, document: dict[str, Any]) -> dict[str, str]:
    try:
        plain = fernet.decrypt(document["data"].encode("ascii"))
    except (InvalidToken, UnicodeEncodeError):
        raise WrongPassword("the password does not open the secrets file") from None
    entries = json.loads(plain.decode("utf-8"))
    if not isinstance(entries, dict):
        raise FileDamaged("the secrets file holds no entries")
    return entries


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise FileDamaged("the secrets file's salt is damaged") from None
