"""A message as JSON, for files that keep messages (drafts, the outbox): the msgid and its
parameters, never the words, so a stored message reads in any language, catalogs fixed
later included.

    {"msgid": "Akun {a} tidak ada", "params": {"a": "1-100"}}
    {"msgid": "{n} jurnal", "plural": "{n} jurnal", "count": 3, "params": {"n": {"count": 3}}}
    {"msgid": "Akun {a}", "en": "Account {a}", "params": {...}}   # the old pair form
    {"msgid": "Grid", "en": "Grid"}                               # finished words (no params)

A parameter is a JSON string, number, boolean or null as it is; a Decimal, a Localized
value or a Text is an object with one key naming its kind. Any other value is stored as
the text it shows (a path, an exception's words)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import TypeAlias

from app.core.i18n.text import LazyText, Text
from app.core.i18n.values import Amount, Count, Day, Moment

Json: TypeAlias = bool | int | float | str | list["Json"] | dict[str, "Json"] | None


class StoredTextError(ValueError):
    """A stored message that is not in the form `text_to_json` writes."""


def text_to_json(text: Text) -> dict[str, Json]:
    made = text.made() if isinstance(text, LazyText) else text
    stored: dict[str, Json] = {"msgid": made.msgid}
    if made.context is not None:
        stored["context"] = made.context
    if made.plural is not None:
        stored["plural"] = made.plural
        stored["count"] = made.count
    if made.en_seed is not None:
        stored["en"] = made.en_seed
    if made.params is not None:
        stored["params"] = {name: _param_to_json(value) for name, value in made.params.items()}
    return stored


def text_from_json(stored: object) -> Text:
    if not isinstance(stored, dict) or not isinstance(stored.get("msgid"), str):
        raise StoredTextError(f"not a stored message: {stored!r}")
    params = stored.get("params")
    if params is not None and not isinstance(params, dict):
        raise StoredTextError(f"a stored message's params are not an object: {params!r}")
    return Text(
        stored["msgid"],
        _optional_str(stored, "en"),
        params=None if params is None else {k: _param_from_json(v) for k, v in params.items()},
        context=_optional_str(stored, "context"),
        plural=_optional_str(stored, "plural"),
        count=_optional_int(stored, "count"),
    )


def _param_to_json(value: object) -> Json:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Text):
        return {"text": text_to_json(value)}
    if isinstance(value, Count):
        return {"count": value.value}
    if isinstance(value, Amount):
        return {"amount": str(value.value)}
    if isinstance(value, Day):
        return {"date": value.value.isoformat()}
    if isinstance(value, Moment):
        return {"moment": value.value.isoformat()}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    return str(value)


def _param_from_json(stored: object) -> object:
    if stored is None or isinstance(stored, bool | int | float | str):
        return stored
    if not isinstance(stored, dict) or len(stored) != 1:
        raise StoredTextError(f"not a stored parameter: {stored!r}")
    ((kind, value),) = stored.items()
    try:
        return _READERS[kind](value)
    except (KeyError, TypeError, ValueError, ArithmeticError) as error:
        raise StoredTextError(f"not a stored parameter: {stored!r}") from error


def _count(value: object) -> Count:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(value)
    return Count(value)


def _text(value: object) -> Text:
    return text_from_json(value)


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


_READERS: Mapping[str, Callable[[object], object]] = {
    "text": _text,
    "count": _count,
    "amount": lambda value: Amount(Decimal(_str(value))),
    "decimal": lambda value: Decimal(_str(value)),
    "date": lambda value: Day(date.fromisoformat(_str(value))),
    "moment": lambda value: Moment(datetime.fromisoformat(_str(value))),
}


def _optional_str(stored: Mapping[str, object], key: str) -> str | None:
    value = stored.get(key)
    if value is not None and not isinstance(value, str):
        raise StoredTextError(f"a stored message's {key} is not text: {value!r}")
    return value


def _optional_int(stored: Mapping[str, object], key: str) -> int | None:
    value = stored.get(key)
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise StoredTextError(f"a stored message's {key} is not a whole number: {value!r}")
    return value
