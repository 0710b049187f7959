"""Keyring backends that ask for their password on the terminal, kept away from the window.

keyrings.alt's `EncryptedKeyring` and keyrings.cryptfile's `CryptFileKeyring` call
`getpass.getpass()` the first time they are used. In the window that prompt goes to a
terminal nobody looks at (the worker then waits for ever) or, with no terminal, ends in an
`EOFError`. So a store that may not prompt (the window's) refuses them by class before any
use (`prompts_on_terminal`), and runs every backend call under `no_terminal_prompts()`, which
makes a `getpass.getpass()` from any other backend fail at once instead of waiting.
"""

from __future__ import annotations

import getpass
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Final

from keyring.backend import KeyringBackend
from keyring.backends import chainer

# (module prefix, class name) of the backends known to prompt on the terminal; subclasses count
# too (they are how projects preset the password, and still prompt without it).
TERMINAL_BACKENDS: Final = (
    ("keyrings.alt.file", "EncryptedKeyring"),
    ("keyrings.cryptfile", "CryptFileKeyring"),
)


class TerminalPromptRefused(EOFError):
    """A keyring backend tried to read a password from the terminal where none may be asked."""


def prompts_on_terminal(backend: KeyringBackend) -> bool:
    """True when `backend` (or, for keyring's chainer, one it chains) asks on the terminal."""
    if isinstance(backend, chainer.ChainerBackend):
        return any(prompts_on_terminal(chained) for chained in backend.backends)
    return any(
        kind.__module__.startswith(module) and kind.__name__ == name
        for kind in type(backend).__mro__
        for module, name in TERMINAL_BACKENDS
    )


_refusing = threading.local()
_patch_lock = threading.Lock()
_patched = 0
_original: Callable[..., str] | None = None


def _guarded_getpass(prompt: str = "Password: ", stream: object = None) -> str:
    if getattr(_refusing, "depth", 0) > 0:
        raise TerminalPromptRefused(prompt)
    assert _original is not None
    return _original(prompt, stream)


@contextmanager
def no_terminal_prompts() -> Iterator[None]:
    """Within the block, on this thread, `getpass.getpass()` raises `TerminalPromptRefused`.

    Other threads keep the real prompt (the guard only refuses on threads inside the block),
    and the real function is put back when the last block on any thread ends.
    """
    global _patched, _original
    with _patch_lock:
        if _patched == 0:
            _original = getpass.getpass
            getpass.getpass = _guarded_getpass
        _patched += 1
    _refusing.depth = getattr(_refusing, "depth", 0) + 1
    try:
        yield
    finally:
        _refusing.depth -= 1
        with _patch_lock:
            _patched -= 1
            if _patched == 0 and getpass.getpass is _guarded_getpass:
                getpass.getpass = _original  # type: ignore[assignment]  # restoring stdlib's
