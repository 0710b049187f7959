"""The encrypted secrets file's key, from the window to its posting child
(`jurnal-desk post-many PLAN --progress jsonl --secrets-key-stdin`).

On a machine with no password store the companies' secrets are in Jurnal Desk's encrypted
file (`app.profiles.file_keyring`), which the window unlocked with its password. The child
cannot ask for it (its stdin is the window's), so the window hands over the key it derived
from the password, never the password: as the first line on the child's stdin, before any
stop command. Not in the command line or the environment (other users' processes may read
them), nor in a file. The child opens its file with it before reading any secret; when it
cannot, it says so once (`SecretsTrouble`, one line on its stdout) and sends nothing, so the
window shows one message, not one per company.

Plain Python: both sides are here; `app.firm.child` (the window's) and `app.cli.post_many`
(the child's) call them."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Final, TextIO

from app.core.i18n import Text, tr
from app.core.i18n.stored import text_from_json, text_to_json
from app.profiles.file_keyring import FileKey
from app.profiles.secrets import (
    SecretsFileDamaged,
    SecretsFileLocked,
    SecretsFileWrongPassword,
    SecretStore,
)

log = logging.getLogger(__name__)

KEY_FLAG: Final = "--secrets-key-stdin"
_KEY: Final = "secrets_key"
_TROUBLE: Final = "secrets"


@dataclass(frozen=True, slots=True)
class SecretsTrouble:
    """Why the child could not open the secrets file (nothing was sent), and whether typing
    the file's password again in the window can help (`unlock`)."""

    text: Text
    unlock: bool


def key_line(key: FileKey) -> str:
    """The window's first line to the child."""
    return json.dumps({_KEY: key.value.decode("ascii")}) + "\n"


def unlock_from_window(
    secrets: SecretStore, stream: TextIO, *, given: bool
) -> SecretsTrouble | None:
    """The child's side, before any secret is read: open the home's secrets file with the key
    on the first line of `stream` (when the window said it gives one: `given`). None when the
    file is open, or not in use; else why not."""
    key = _read_key(stream) if given else None
    try:
        if key is not None:
            secrets.unlock_file_with_key(key)
        elif secrets.file_locked():
            return SecretsTrouble(file_locked(secrets.secrets_file()), unlock=True)
    except SecretsFileWrongPassword as wrong:
        return SecretsTrouble(key_refused(wrong.path), unlock=True)
    except SecretsFileDamaged as damaged:
        return SecretsTrouble(damaged.text, unlock=False)
    except SecretsFileLocked as locked:
        return SecretsTrouble(file_locked(locked.path), unlock=True)
    return None


def trouble_json(trouble: SecretsTrouble) -> dict[str, object]:
    """The child's line (`app.firm.progress_lines`) saying the file could not be opened."""
    return {_TROUBLE: {"text": text_to_json(trouble.text), "unlock": trouble.unlock}}


def trouble_of(document: dict[str, object]) -> SecretsTrouble | None:
    """The trouble a child's line tells, or None when the line is about something else."""
    told = document.get(_TROUBLE)
    if not isinstance(told, dict):
        return None
    return SecretsTrouble(text_from_json(told["text"]), bool(told.get("unlock")))


def file_locked(path: Path) -> Text:
    return tr(
        "Berkas rahasia terenkripsi {path} masih terkunci, jadi tidak ada yang dikirim. Buka "
        'kuncinya dengan kata sandinya, lalu tekan "Posting semua" lagi.',
        path=path,
    )


def key_refused(path: Path) -> Text:
    return tr(
        "Kunci yang dipegang jendela ini tidak membuka berkas rahasia {path} lagi: berkas itu "
        "dibuat ulang atau diubah sejak dibuka; tidak ada yang dikirim. Ketik kata sandi "
        "berkas itu lagi; posting dimulai setelah berkas terbuka.",
        path=path,
    )


def _read_key(stream: TextIO) -> FileKey | None:
    """The key on the first line; None (told as a locked file) when the line is not one. The
    line's text is never repeated in a message or the log."""
    try:
        document = json.loads(stream.readline())
        return FileKey(document[_KEY].encode("ascii"))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, UnicodeEncodeError):
        log.warning("the window's first line held no secrets file key")
        return None
