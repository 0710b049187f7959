"""Each language's name, in that language, from its own catalog: the Settings dialog
lists them, so a new catalog brings its name with it."""

from __future__ import annotations

from typing import Final

from app.core.i18n.language import languages
from app.core.i18n.text import Text, ctr

# Translators: not a translation of "Bahasa Indonesia" but the name of YOUR language,
# written in it, as a person choosing it in a list looks for it: "English", "简体中文".
THIS_LANGUAGE: Final[Text] = ctr("nama bahasa ini", "Bahasa Indonesia")


def language_name(language: str) -> str:
    """ "Bahasa Indonesia", "English", "简体中文"."""
    return THIS_LANGUAGE.get(language)


def language_names() -> list[tuple[str, str]]:
    """(code, name) for every language, the source language first."""
    return [(code, language_name(code)) for code in languages()]
