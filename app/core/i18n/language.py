"""The process's language: the one `str(Text)` uses, chosen by the user at the front."""

from __future__ import annotations

from app.core.i18n import catalog

# Any language a catalog exists for (`languages()`); "id", "en" and "zh" are shipped.
Language = str

_current: Language = catalog.SOURCE_LANGUAGE


def languages() -> tuple[Language, ...]:
    """The source language first, then every language a catalog is shipped for."""
    return catalog.catalogs().languages


def set_language(language: str) -> None:
    """Choose the language `str(Text)` uses for this process (the user's setting)."""
    global _current
    if language not in languages():
        raise ValueError(f"unknown language {language!r}; choose one of {languages()}")
    _current = language


def current_language() -> Language:
    return _current
