"""Messages in the user's language: Indonesian by default, English available.

Every message a user can see is a `Text` holding both languages, so a problem found
once can be shown in either language (the GUI can switch without re-validating, and
reports carry both).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Language = Literal["id", "en"]
LANGUAGES: tuple[Language, ...] = ("id", "en")

_current: Language = "id"


def set_language(language: str) -> None:
    """Choose the language `str(Text)` uses for this process (the user's setting)."""
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {LANGUAGES}")
    _current = language


def current_language() -> Language:
    return _current


@dataclass(frozen=True, slots=True)
class Text:
    """One message, already filled in, in Indonesian and English."""

    id: str
    en: str

    def get(self, language: str | None = None) -> str:
        return self.en if (language or _current) == "en" else self.id

    def both(self) -> str:
        """Both languages on one line, for reports read by either audience."""
        return self.id if self.id == self.en else f"{self.id} / {self.en}"

    def __str__(self) -> str:
        return self.get()

    def __add__(self, other: Text) -> Text:
        return Text(f"{self.id} {other.id}", f"{self.en} {other.en}")


class LazyText(Text):
    """A Text whose words are made the first time they are read: a check that finds 25,000
    entries unbalanced after one Delete makes their problems at once, but a person reads a
    few. `make` must use only values it was given (never an object that changes later)."""

    __slots__ = ("_made", "_make")
    _made: Text | None
    _make: Callable[[], Text]

    def __init__(self, make: Callable[[], Text]) -> None:
        object.__setattr__(self, "_make", make)
        object.__setattr__(self, "_made", None)

    def _text(self) -> Text:
        made = self._made
        if made is None:  # two threads reading at once both make the same words: harmless
            made = self._make()
            object.__setattr__(self, "_made", made)
        return made

    @property
    def id(self) -> str:
        return self._text().id

    @property
    def en(self) -> str:
        return self._text().en

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Text):
            return NotImplemented
        return (self.id, self.en) == (other.id, other.en)

    def __hash__(self) -> int:
        return hash((self.id, self.en))

    def __repr__(self) -> str:
        return f"LazyText(id={self.id!r}, en={self.en!r})"


def tr(id: str, en: str, **params: object) -> Text:
    """Fill both templates with the same parameters: tr("Akun {a}", "Account {a}", a=x).
    A parameter that is itself a `Text` (a reason, a name) goes in its own language into
    each template."""
    for value in params.values():  # a loop, not any(): tr() runs for every problem made
        if isinstance(value, Text):
            return Text(id.format(**_in(params, "id")), en.format(**_in(params, "en")))
    return Text(id.format(**params), en.format(**params))


def _in(params: dict[str, object], language: Language) -> dict[str, object]:
    return {
        name: value.get(language) if isinstance(value, Text) else value
        for name, value in params.items()
    }


class JurnalError(Exception):
    """An error a user can act on; its text says what happened and what to do."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.id)
        self.text = text

    def __str__(self) -> str:
        return self.text.get()
