"""Every environment variable Jurnal Desk reads is named and read here, and only here.

Values are read at each call, never kept: a test or a scheduled task sets them per run.
Secrets passed this way (a token, a Signature Secret, the keyring file's password) are
handed straight to their one user, never logged.
"""

from __future__ import annotations

import os
from typing import Final

HOME: Final = "JURNAL_DESK_HOME"  # the app's home folder (tests, portable installs)
LANGUAGE: Final = "JURNAL_DESK_LANG"  # id or en; --lang wins over it
QUIT_AFTER_MS: Final = "JURNAL_DESK_QUIT_AFTER_MS"  # smoke test: close the window after N ms
LOG_LEVEL: Final = "JURNAL_DESK_LOG_LEVEL"  # DEBUG, INFO (default), WARNING...
KEYRING_PASSWORD: Final = "JURNAL_DESK_KEYRING_PASSWORD"  # the encrypted file keyring's
TOKEN: Final = "JURNAL_DESK_TOKEN"  # `profile add` without a prompt
SECRET: Final = "JURNAL_DESK_SECRET"  # `profile add` and `sign` without a prompt
KEYRING_BACKEND: Final = "PYTHON_KEYRING_BACKEND"  # keyring's own choice of backend


def raw(name: str) -> str | None:
    """The variable exactly as set, or None when it is not set at all."""
    return os.environ.get(name)


def text(name: str) -> str:
    """The variable without surrounding blanks; "" when unset."""
    return (os.environ.get(name) or "").strip()


def home() -> str:
    """The configured home folder, or "" for the platform's default."""
    return text(HOME)


def language() -> str | None:
    """The language asked for (lower-cased), or None when the variable is unset or blank."""
    return text(LANGUAGE).lower() or None


def quit_after_ms() -> int | None:
    value = text(QUIT_AFTER_MS)
    return int(value) if value.isdigit() else None


def log_level() -> str:
    return text(LOG_LEVEL).upper()


def keyring_password() -> str:
    """The file keyring's password, as set (a password may start or end with a space)."""
    return os.environ.get(KEYRING_PASSWORD, "")


def for_child_process() -> dict[str, str]:
    """The environment a child process of Jurnal Desk starts with (the Many companies page's
    posting child): this process's own, so it finds the same home, keyring and settings;
    without the secrets file's password (the child is handed the file's key on its stdin)."""
    return {name: value for name, value in os.environ.items() if name != KEYRING_PASSWORD}
