"""An entry's messages as a service answered and as Jurnal Desk explained them: the
service's own words (a `str`, kept verbatim as they came, in whatever language the service
wrote them) and Jurnal Desk's own notes (a `Text`, rendered in the language chosen when
read), in one list, and their stored form (the outbox):

    [{"service": "Tanggal transaksi sebelum tanggal tutup buku"},
     {"text": {"msgid": "Tidak dikirim: ... {ref} ...", "params": {"ref": "J-1"}}}]

A service's words are never parsed for meaning through a rendered note (`service_words`),
and a note is told apart by its id, never by its words in one language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TypeAlias

from app.core.i18n.localized import Localized
from app.core.i18n.stored import Json, StoredTextError, text_from_json, text_to_json
from app.core.i18n.text import LazyText, Text

# A service's own words (verbatim) or one of Jurnal Desk's messages.
Message: TypeAlias = str | Text


def message_words(message: Message, language: str | None = None) -> str:
    """The message for a person: a service's words as they came, a note in `language`."""
    return message if isinstance(message, str) else message.get(language)


def service_words(messages: Iterable[Message]) -> list[str]:
    """Only what the service itself said (what its wording is recognised from)."""
    return [message for message in messages if isinstance(message, str)]


def message_to_json(message: Message) -> dict[str, Json]:
    if isinstance(message, str):
        return {"service": message}
    return {"text": text_to_json(message)}


def message_from_json(stored: object) -> Message:
    """One stored message; StoredTextError when it is not in the form written above."""
    if isinstance(stored, dict) and len(stored) == 1:
        words = stored.get("service")
        if isinstance(words, str):
            return words
        if "text" in stored:
            return text_from_json(stored["text"])
    raise StoredTextError(f"not a stored message: {stored!r}")


def messages_to_json(messages: Sequence[Message]) -> list[Json]:
    return [message_to_json(message) for message in messages]


def messages_from_json(stored: object) -> list[Message]:
    if not isinstance(stored, list):
        raise StoredTextError(f"not a list of stored messages: {stored!r}")
    return [message_from_json(item) for item in stored]


def same_message(one: Message, other: Message) -> bool:
    """Whether two messages are the same: a service's by its words, a note by its id and
    values (never by its words in one language; an English seed written by an earlier
    version does not make it another message)."""
    if isinstance(one, str) or isinstance(other, str):
        return one == other
    one, other = _made(one), _made(other)
    return (one.msgid, one.context, one.plural, one.count) == (
        other.msgid,
        other.context,
        other.plural,
        other.count,
    ) and _same_params(one.params, other.params)


def same_id(message: Message, note: Text) -> bool:
    """Whether `message` is the note `note` is, whatever values fill it (another entry's,
    another run's)."""
    return not isinstance(message, str) and _made(message).msgid == _made(note).msgid


def holds_message(messages: Iterable[Message], wanted: Message) -> bool:
    return any(same_message(message, wanted) for message in messages)


def _made(text: Text) -> Text:
    return text.made() if isinstance(text, LazyText) else text


def _same_params(one: Mapping[str, object] | None, other: Mapping[str, object] | None) -> bool:
    if one is None or other is None:
        return one is other
    if one.keys() != other.keys():
        return False
    return all(_same_value(one[name], other[name]) for name in one)


def _same_value(one: object, other: object) -> bool:
    if isinstance(one, Text) and isinstance(other, Text):
        return same_message(one, other)
    if one == other:
        return True
    # A value stored as the words it shows (a path) against the value itself.
    localized = isinstance(one, Localized) or isinstance(other, Localized)
    return not localized and str(one) == str(other)
