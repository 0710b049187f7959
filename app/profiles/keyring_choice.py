"""Which password store a Jurnal Desk home uses: the system's keyring (the default), or the
encrypted file in the home (`app.profiles.file_keyring`) once the user has turned it on.

The choice is `<home>/password-store.json` (`{"store": "file"}`), written only by
`jurnal-desk keyring use-file|use-system` and the window's keyring banner. One
`EncryptedFileKeyring` per home lives in this process, so a password entered once (in the
window's dialog, at a prompt or from `JURNAL_DESK_KEYRING_PASSWORD`) serves every part of the
app until it exits; it is never written anywhere.
"""

from __future__ import annotations

import getpass
import json
import threading
from pathlib import Path
from typing import Final

from app.core import environment
from app.core.i18n import Text, tr
from app.profiles.atomic import atomic_write
from app.profiles.file_keyring import FILE_NAME, EncryptedFileKeyring
from app.profiles.home import private_folder

CHOICE_FILE: Final = "password-store.json"
PASSWORD_ENV: Final = environment.KEYRING_PASSWORD
FILE, SYSTEM = "file", "system"

_open: dict[Path, EncryptedFileKeyring] = {}
_open_lock = threading.Lock()


class NoPasswordGiven(Exception):
    """The file keyring is locked and no password could be asked for (no terminal, no env)."""


def secrets_file(home: Path) -> Path:
    return Path(home) / FILE_NAME


def file_keyring_chosen(home: Path) -> bool:
    """True when this home keeps its secrets in the encrypted file.

    Raises `ValueError` for a choice file that cannot be read: guessing would either send the
    secrets to a store the user turned away from, or hide the ones in the file."""
    path = Path(home) / CHOICE_FILE
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return False
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path}: {type(error).__name__}") from None
    store: object = document.get("store") if isinstance(document, dict) else None
    if store not in (FILE, SYSTEM):
        raise ValueError(f"{path}: unknown store {store!r}")
    return store == FILE


def choose(home: Path, store: str) -> None:
    """Record `FILE` or `SYSTEM` as this home's password store."""
    if store not in (FILE, SYSTEM):
        raise ValueError(f"unknown store {store!r}")
    home = Path(home)
    private_folder(home)
    text = json.dumps({"store": store}, indent=2) + "\n"
    atomic_write(home / CHOICE_FILE, text.encode("utf-8"))


def file_keyring(home: Path) -> EncryptedFileKeyring:
    """This process's one backend for the home's secrets file (locked until unlocked)."""
    path = secrets_file(home).resolve()
    with _open_lock:
        backend = _open.get(path)
        if backend is None:
            backend = _open[path] = EncryptedFileKeyring(path)
        return backend


def unlock_from_terminal(backend: EncryptedFileKeyring) -> None:
    """Unlock with `JURNAL_DESK_KEYRING_PASSWORD`, else a hidden prompt on the terminal.

    Raises `NoPasswordGiven` when neither gives a password, and the backend's `WrongPassword`
    or `FileDamaged` as they come."""
    password = environment.keyring_password()
    if not password:
        try:
            password = getpass.getpass(str(_prompt(backend.path)))
        except (EOFError, getpass.GetPassWarning):  # no terminal to ask on
            password = ""
    if not password:
        raise NoPasswordGiven(str(backend.path))
    backend.unlock(password)


def _prompt(path: Path) -> Text:
    return tr(
        "Kata sandi berkas rahasia {path} (tidak tampil saat diketik): ",
        path=path,
    )
