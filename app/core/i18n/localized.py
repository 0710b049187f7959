"""What a message shows in the language asked for: a Text, or a value written in that
language's conventions. Its own module, so the values (app.core.i18n.values) and the
messages (app.core.i18n.text) both stand on it without importing each other."""

from __future__ import annotations


class Localized:
    """Something shown in the language asked for: a Text, or a value formatted per language
    (`app.core.i18n.values`)."""

    __slots__ = ()

    def get(self, language: str | None = None) -> str:
        raise NotImplementedError

    def __str__(self) -> str:
        return self.get()
