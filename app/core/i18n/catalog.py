"""The translations the process reads: one compiled gettext catalog per language, found in
the locale folder (`<folder>/<language>/LC_MESSAGES/jurnal_desk.mo`). Indonesian is the
source language and has no catalog: a message's Indonesian is its own text.

A language is whatever folder holds a catalog, so a new language is one new file and no
code. Catalogs are read with the standard library's `gettext` (no dependency at run time)
the first time a language is asked for."""

from __future__ import annotations

import gettext
import threading
from pathlib import Path
from typing import Final

SOURCE_LANGUAGE: Final = "id"
DOMAIN: Final = "jurnal_desk"
DEFAULT_FOLDER: Final = Path(__file__).resolve().parent.parent.parent / "resources" / "locale"


class Catalogs:
    """The languages of one locale folder and their catalogs, each read once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.languages: tuple[str, ...] = (SOURCE_LANGUAGE, *_languages_in(folder))
        self._read: dict[str, gettext.GNUTranslations | None] = {}
        self._lock = threading.Lock()

    def translations(self, language: str) -> gettext.GNUTranslations | None:
        """The language's catalog; None for the source language or one with no catalog."""
        try:
            return self._read[language]
        except KeyError:
            pass
        with self._lock:  # two threads asking at once read the file once
            if language not in self._read:
                self._read[language] = self._load(language)
            return self._read[language]

    def _load(self, language: str) -> gettext.GNUTranslations | None:
        if language == SOURCE_LANGUAGE or language not in self.languages:
            return None
        with open(_mo_path(self.folder, language), "rb") as file:
            return gettext.GNUTranslations(file)


def _mo_path(folder: Path, language: str) -> Path:
    return folder / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


def _languages_in(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return sorted(
        child.name
        for child in folder.iterdir()
        if child.name != SOURCE_LANGUAGE and _mo_path(folder, child.name).is_file()
    )


_catalogs = Catalogs(DEFAULT_FOLDER)
_generation = 0  # grows on every use_folder(): caches made from catalogs check it


def catalogs() -> Catalogs:
    return _catalogs


def generation() -> int:
    return _generation


def use_folder(folder: Path | None = None) -> tuple[str, ...]:
    """Read the languages from `folder` (the shipped one when None) from now on; returns
    them. For tests and for a translator trying a catalog (see docs/translating.md)."""
    global _catalogs, _generation
    _catalogs = Catalogs(DEFAULT_FOLDER if folder is None else Path(folder))
    _generation += 1
    return _catalogs.languages


def translate(language: str, msgid: str, context: str | None) -> str | None:
    """The catalog's text for the message, None when the language has none for it."""
    catalog = _catalogs.translations(language)
    if catalog is None or not msgid:  # gettext's "" is the catalog's header, not words
        return None
    found = catalog.gettext(msgid) if context is None else catalog.pgettext(context, msgid)
    return None if found == msgid else found


def translate_plural(
    language: str, msgid: str, plural: str, count: int, context: str | None
) -> str | None:
    """The catalog's form of a counted message for `count`; None when it has none."""
    catalog = _catalogs.translations(language)
    if catalog is None:
        return None
    if context is None:
        found = catalog.ngettext(msgid, plural, count)
    else:
        found = catalog.npgettext(context, msgid, plural, count)
    return None if found in (msgid, plural) else found


class Word:
    """A word of the catalogs read as it stands, never filled in: a language's number style,
    its date pattern, a short month's name. It needs neither messages nor formatting, which
    stand on it (app.core.formatting). `word(...)` calls are extracted like `ctr(...)`."""

    __slots__ = ("context", "msgid")

    def __init__(self, context: str, msgid: str) -> None:
        self.context = context
        self.msgid = msgid

    def get(self, language: str) -> str:
        """The word in `language`; the source's where its catalog has none."""
        found = translate(language, self.msgid, self.context)
        return self.msgid if found is None else found


def word(context: str, msgid: str, /, **placeholders: object) -> Word:
    """A catalog word (with its context for the translator). The placeholders are only named
    for the catalogs' check: the code fills them itself."""
    return Word(context, msgid)
