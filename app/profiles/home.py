"""The Jurnal Desk home folder: settings (profiles.json), ledgers and reports live here.

`JURNAL_DESK_HOME` wins when set (tests, portable installs, several separate setups on one
machine); otherwise the platform's per-user data folder for "jurnal-desk" is used.

The home holds the company profiles, the posting history and the log: on POSIX its folders
are this user's alone (0700), made so and tightened when an earlier version left them open.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import platformdirs

from app.core import environment
from app.core.error_text import os_reason
from app.core.i18n import JurnalError, tr

APP_NAME = "jurnal-desk"
HOME_ENV = environment.HOME


def app_home(*, create: bool = True) -> Path:
    """The app's home folder, created on demand unless `create` is False."""
    configured = environment.home()
    home = Path(configured).expanduser() if configured else default_home()
    if create:
        _make_folder(home, from_env=bool(configured))
    return home


def default_home() -> Path:
    """The per-user data folder the app uses when `JURNAL_DESK_HOME` is not set."""
    # appauthor=False: no vendor folder level on Windows (%LOCALAPPDATA%\jurnal-desk).
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def private_folder(folder: Path) -> None:
    """Make `folder` (and missing parents) if needed; on POSIX, readable by this user alone.
    A folder someone else owns is left as it is (not ours to change)."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name != "posix":
        return
    status = folder.stat()
    if status.st_mode & 0o077 and status.st_uid == os.getuid():
        with contextlib.suppress(OSError):  # a read-only disk: the folder is read as it is
            os.chmod(folder, 0o700)


def _make_folder(home: Path, *, from_env: bool) -> None:
    try:
        private_folder(home)
    except OSError as error:
        hint = (
            tr(
                "Periksa variabel lingkungan {env}.",
                env=HOME_ENV,
            )
            if from_env
            else tr(
                "Atur {env} ke folder yang bisa ditulisi.",
                env=HOME_ENV,
            )
        )
        raise JurnalError(
            tr(
                "Folder data Jurnal Desk {path} tidak bisa dibuat: {reason}.",
                path=home,
                reason=os_reason(error),
            )
            + hint
        ) from error
