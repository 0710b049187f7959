"""Words an earlier version stored instead of its message (drafts kept `{"id", "en"}`, the
outbox kept `Text.both()`: "Indonesian / English", or one string when both were equal), read
back as the message they were, so an old file reads in every language like a new one.

A message is recognised by the catalogs: the words are matched against each message's
Indonesian template (its msgid) and its English translation, and the values in the
placeholders are taken back (a value shown differently in the two languages, a reason
inside the message, comes back as a pair of its own). Words no catalog message matches are
not Jurnal Desk's (a service's own) or not known to this version (`pair` then keeps the two
renderings as a finished pair). Only a migration uses this: it reads the catalog once per
process, and makes a message's patterns only when some words start as the message does."""

from __future__ import annotations

import re
import threading
from functools import cached_property
from string import Formatter
from typing import Final

from app.core.i18n import catalog
from app.core.i18n.text import Text

_JOIN: Final = " / "  # how Text.both() joined the two languages
# A template with fewer letters of its own than this (`{what} ({m})`, two sentences one after
# the other) would match a service's words too: never taken as recognised.
_MIN_LETTERS: Final = 8
_CONTEXT_GLUE: Final = "\x04"  # gettext's separator between a context and its msgid


class _Template:
    """One message as patterns of words. The patterns are compiled when words first start
    as the message does (`prefix`): a pass over a thousand messages compiling four patterns
    each took 1.5 s, and most messages are never asked about."""

    def __init__(
        self,
        msgid: str,
        context: str | None,
        id_parts: list[tuple[str, str]],
        en_parts: list[tuple[str, str]],
    ) -> None:
        self.msgid = msgid
        self.context = context
        self.prefix = id_parts[0][0] if id_parts else ""  # the words before the first value
        self.names = tuple(dict.fromkeys(name for _text, name in id_parts if name))
        self._id_parts = id_parts
        self._en_parts = en_parts

    @cached_property
    def both(self) -> re.Pattern[str]:
        """ "Indonesian / English", the values named i_<p> and e_<p>."""
        joined = _pattern(self._id_parts, "i_") + re.escape(_JOIN) + _pattern(self._en_parts, "e_")
        return re.compile(joined, re.DOTALL)

    @cached_property
    def alone(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        """The Indonesian, the English."""
        return (
            re.compile(_pattern(self._id_parts, ""), re.DOTALL),
            re.compile(_pattern(self._en_parts, ""), re.DOTALL),
        )

    @cached_property
    def start(self) -> re.Pattern[str]:
        """The Indonesian then " / " and any English (`rest`)."""
        indonesian = _pattern(self._id_parts, "i_")
        return re.compile(indonesian + re.escape(_JOIN) + "(?P<rest>.*)", re.DOTALL)


class KnownMessages:
    """The catalogs' messages as patterns of words (the shipped catalogs unless given)."""

    def __init__(self, language: str = "en") -> None:
        self._language = language
        self._templates: tuple[int, list[_Template]] | None = None  # (catalogs' generation, …)
        self._lock = threading.Lock()

    def both(self, words: str) -> Text | None:
        """The message `Text.both()` wrote as `words`, or None when no message is."""
        for template in self._candidates(words):
            found = template.both.fullmatch(words)
            if found is not None:
                return self._text(template, found)
            alone_id, alone_en = template.alone
            same = alone_id.fullmatch(words)
            if same is not None and alone_en.fullmatch(words) is not None:
                return self._text(template, same, alone_en.fullmatch(words))
        for template in self._candidates(words):
            found = template.start.fullmatch(words)
            if found is not None:  # Jurnal Desk's words, its English worded otherwise
                english = found["rest"]
                return Text(words[: len(words) - len(english) - len(_JOIN)], english)
        return None

    def pair(self, id_words: str, en_words: str) -> Text:
        """The message whose Indonesian and English are these words: recognised, or else
        the two renderings as a finished pair."""
        same = id_words == en_words
        found = self.both(id_words) if same else self._pair(id_words, en_words)
        return found if found is not None else Text(id_words, en_words)

    def _pair(self, id_words: str, en_words: str) -> Text | None:
        for template in self._candidates(id_words):
            alone_id, alone_en = template.alone
            found = alone_id.fullmatch(id_words)
            english = alone_en.fullmatch(en_words) if found is not None else None
            if found is not None and english is not None:
                return self._text(template, found, english)
        return None

    def _text(
        self, template: _Template, found: re.Match[str], english: re.Match[str] | None = None
    ) -> Text:
        """The message, its values from the Indonesian match and the English one; a value
        shown differently in the two (a reason, itself a message) is read back in turn."""
        english = english or found
        params: dict[str, object] = {}
        for name in template.names:
            shown_id = _group(found, f"i_{name}", name)
            shown_en = _group(english, f"e_{name}", name)
            if shown_id is None:
                continue
            same = shown_en is None or shown_en == shown_id
            params[name] = shown_id if same else self.pair(shown_id, shown_en or shown_id)
        return Text(template.msgid, params=params, context=template.context)

    def _candidates(self, words: str) -> list[_Template]:
        return [t for t in self._all() if words.startswith(t.prefix)]

    def _all(self) -> list[_Template]:
        with self._lock:
            if self._templates is None or self._templates[0] != catalog.generation():
                self._templates = (catalog.generation(), _templates(self._language))
            return self._templates[1]


def _templates(language: str) -> list[_Template]:
    translations = catalog.catalogs().translations(language)
    # gettext keeps a catalog's messages only in this attribute (msgid -> translation; a
    # context glued to the msgid; plural forms under (msgid, index) keys, left out here).
    messages: dict[object, object] = getattr(translations, "_catalog", {})
    made = []
    for key, translated in messages.items():
        if not isinstance(key, str) or not key or not isinstance(translated, str):
            continue
        context, _, msgid = key.rpartition(_CONTEXT_GLUE)
        template = _template(msgid, context or None, translated)
        if template is not None:
            made.append(template)
    return made


def _template(msgid: str, context: str | None, english: str) -> _Template | None:
    try:
        id_parts, en_parts = _parts(msgid), _parts(english)
    except ValueError:
        return None  # not a template str.format reads: never rendered as one
    literal = "".join(text for text, _name in id_parts)
    if sum(character.isalpha() for character in literal) < _MIN_LETTERS:
        return None
    return _Template(msgid, context, id_parts, en_parts)


def _parts(template: str) -> list[tuple[str, str]]:
    """(literal words, the placeholder after them or "") in order."""
    parts = []
    for text, name, spec, conversion in Formatter().parse(template):
        if name is not None and (not name.isidentifier() or spec or conversion):
            # {0}, {a.b}: no template of this code; {n:,}: a value that words put back
            # could not fill again
            raise ValueError(name)
        parts.append((text, name or ""))
    return parts


def _pattern(parts: list[tuple[str, str]], prefix: str) -> str:
    pattern, seen = [], set()
    for text, name in parts:
        pattern.append(re.escape(text))
        if not name:
            continue
        group = prefix + name
        pattern.append(f"(?P={group})" if group in seen else f"(?P<{group}>.*?)")
        seen.add(group)
    return "".join(pattern)


def _group(found: re.Match[str], *names: str) -> str | None:
    """The first of these groups the pattern has (matched: a placeholder's value)."""
    for name in names:
        if name in found.re.groupindex:
            value: str | None = found[name]
            return value
    return None


# The shipped catalogs' messages (read once, when a migration first asks).
KNOWN = KnownMessages()
