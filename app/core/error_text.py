"""What to tell a person about a failed task, one way for every window and command.

An error Jurnal Desk raised itself (`JurnalError`, or anything carrying a `Text` as `text`)
already says what happened and what to do. Anything else is named by its kind only (an
`OSError` by the system's reason): its own message is left out, because nobody vouches
that it holds no secret. Each caller may word that fallback for its own moment.
"""

from __future__ import annotations

from collections.abc import Callable

from app.core.i18n import Text, tr


def error_kind(error: BaseException) -> str:
    """ "Permission denied" for an OSError that says why, else the class name."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return type(error).__name__


def unexpected_error(kind: str) -> Text:
    """The words for a failure Jurnal Desk did not foresee."""
    return tr(
        "Terjadi kesalahan tak terduga ({kind}). Coba lagi; bila tetap terjadi, kirim berkas "
        "log ke dukungan.",
        "An unexpected error occurred ({kind}). Try again; if it keeps happening, send the "
        "log file to support.",
        kind=kind,
    )


def error_text(error: BaseException, otherwise: Callable[[str], Text] = unexpected_error) -> Text:
    """The error's own words, or `otherwise(kind)` for one that has none."""
    text = getattr(error, "text", None)
    if isinstance(text, Text):
        return text
    return otherwise(error_kind(error))
