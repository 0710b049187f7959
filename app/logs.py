"""The log file a support person asks for: `<app home>/logs/jurnal-desk.log`.

Both the command line and the window write to it (`app.cli.main` wraps every run in
`file_logging()`). It rotates at `MAX_BYTES`, keeping `BACKUPS` older files
(jurnal-desk.log.1 … .3), so it never grows past a few megabytes.

What goes in: what the app's modules log (retries, host moves, profiles added, unexpected
errors with their tracebacks), one line per command run, and the version and platform at
start. What never goes in: a token or a Signature Secret. The modules never log them, and
`ScrubbingFormatter` masks anything shaped like one on its way to the file, in case a library
does.

`JURNAL_DESK_LOG_LEVEL=DEBUG` makes the file more talkative for a support session.
A log that cannot be written never stops the app: `file_logging()` then yields None, and a
log that stops being writable midway (a full disk, a folder made read-only) says so once on
stderr and is then left alone (`QuietFileHandler`), never a traceback.

The log says what the user did and which companies they work with: the folder is made 0700
and the file 0600 (POSIX), and ones an earlier version left open to others are tightened.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import platform
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import Final

from app import __version__
from app.core import environment
from app.core.i18n import JurnalError
from app.profiles.home import app_home, private_folder

LOG_FOLDER: Final = "logs"
LOG_FILE: Final = "jurnal-desk.log"
MAX_BYTES: Final = 2 * 1024 * 1024
BACKUPS: Final = 3
FORMAT: Final = "%(asctime)s %(levelname)-7s %(name)s [%(threadName)s] %(message)s"
MASK: Final = "***"

log = logging.getLogger(__name__)

# Shapes of credentials, masked wherever they appear in a record's final text: Accurate API
# Tokens ("aat." and dot-separated parts), an Authorization/Bearer value, and the value of any
# header or field named like a token, secret, signature or password.
_SECRET_SHAPES: Final = (
    re.compile(r"\baat\.[A-Za-z0-9._~+/=-]+"),
    re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9._~+/=-]+"),
    re.compile(
        r"(?i)\b((?:authorization|x-api-signature|signature[_ -]?secret|api[_ -]?token|"
        r"token|secret|password)[\"']?\s*[:=]\s*[\"']?)[^\s\"',;}]+"
    ),
)


def log_folder(home: Path | None = None) -> Path:
    """The folder holding the log file and its rotated copies (not created here)."""
    return (home if home is not None else app_home(create=False)) / LOG_FOLDER


def log_path(home: Path | None = None) -> Path:
    """The current log file (not created here)."""
    return log_folder(home) / LOG_FILE


def scrub(text: str) -> str:
    """`text` with every credential-shaped part replaced by `MASK`."""
    text = _SECRET_SHAPES[0].sub(MASK, text)
    for shape in _SECRET_SHAPES[1:]:
        text = shape.sub(lambda match: match.group(1) + MASK, text)
    return text


class ScrubbingFormatter(logging.Formatter):
    """Formats a record, then masks credential-shaped text in the whole line (message,
    traceback and stack alike)."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


@contextmanager
def file_logging(home: Path | None = None) -> Iterator[Path | None]:
    """Log to the app's log file for the duration of the block; yields its path, or None when
    it cannot be written (the block runs all the same). The handler is removed afterwards, so
    nested or repeated runs in one process (tests) never write twice or to an old home."""
    handler = _open_handler(home)
    if handler is None:
        yield None
        return
    root = logging.getLogger()
    previous_level, previous_hook = root.level, sys.excepthook
    root.addHandler(handler)
    root.setLevel(min(previous_level or logging.WARNING, handler.level))
    hook = _logging_excepthook(previous_hook)
    sys.excepthook = hook
    try:
        log.info(
            "Jurnal Desk %s on Python %s, %s", __version__, platform.python_version(), _system()
        )
        yield Path(handler.baseFilename)
    finally:
        if sys.excepthook is hook:
            sys.excepthook = previous_hook
        root.removeHandler(handler)
        root.setLevel(previous_level)
        handler.close()


class QuietFileHandler(RotatingFileHandler):
    """The rotating log file, which never lets a failed write reach the app: the first
    failure is told on stderr in one line, and the handler writes nothing after it."""

    failed = False

    def emit(self, record: logging.LogRecord) -> None:
        if not self.failed:
            super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        if self.failed:
            return
        self.failed = True
        problem = sys.exc_info()[1]
        why = problem.strerror if isinstance(problem, OSError) and problem.strerror else problem
        with contextlib.suppress(OSError, ValueError):  # no stderr either: stay quiet
            sys.stderr.write(
                f"jurnal-desk: berkas log tidak bisa ditulis lagi / the log file cannot be "
                f"written any more ({why}): {self.baseFilename}\n"
            )

    def _open(self) -> io.TextIOWrapper:
        # Created 0600, also after each rotation (the stock handler uses the umask). Opened to
        # append, the only mode a rotating handler uses.
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return open(descriptor, "a", encoding=self.encoding, errors=self.errors)

    def close(self) -> None:
        with contextlib.suppress(OSError):  # the last lines could not reach a full disk
            super().close()


def _logging_excepthook(previous: Callable[..., object]) -> Callable[..., None]:
    """An exception nothing caught (in the window: one raised in a Qt slot, which Qt hands to
    sys.excepthook) goes into the log with its traceback, then on as before."""

    def hook(
        kind: type[BaseException], value: BaseException, traceback: TracebackType | None
    ) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            log.critical("uncaught %s", kind.__name__, exc_info=(kind, value, traceback))
        previous(kind, value, traceback)

    return hook


def _open_handler(home: Path | None) -> QuietFileHandler | None:
    try:
        folder = log_folder(home if home is not None else app_home())
        private_folder(folder)
        _private_file(folder / LOG_FILE)
        handler = QuietFileHandler(
            folder / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except (JurnalError, OSError):
        return None  # `--self-test` says why; the command's own work goes on
    handler.setLevel(_level())
    handler.setFormatter(ScrubbingFormatter(FORMAT))
    return handler


def _private_file(path: Path) -> None:
    """A log file (or a rotated copy) an earlier version left readable by others is
    tightened; new ones are made 0600 (`QuietFileHandler._open`)."""
    if os.name != "posix":
        return
    for copy in (path, *(path.with_name(f"{path.name}.{n}") for n in range(1, BACKUPS + 1))):
        if copy.exists() and copy.stat().st_mode & 0o077:
            os.chmod(copy, 0o600)


def _level() -> int:
    name = environment.log_level()
    level = logging.getLevelName(name) if name else logging.INFO
    return level if isinstance(level, int) else logging.INFO


def _system() -> str:
    return f"{platform.system()} {platform.release()} ({platform.machine()})"
