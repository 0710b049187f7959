"""Several values named in one message: "Kas, Bank" in Indonesian and English, "现金、银行"
in Chinese. The joiners are catalog messages, so each language joins in its own way."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from app.core.i18n.text import Text, ctr, verbatim


def listed(items: Sequence[object]) -> Text:
    """The items one after the other ("a, b, c"), joined in the reader's language; an item
    that is a message (a Text) is shown in the same language. Empty: no words."""
    # Translators: two items of a list (names, codes); the first may itself be a list.
    return _joined(items, lambda a, b: ctr("daftar", "{first}, {second}", first=a, second=b))


def listed_apart(items: Sequence[object]) -> Text:
    """Items that hold commas themselves, set apart more strongly: "a; b; c"."""
    # Translators: two items of a list whose items hold commas; the first may be a list.
    return _joined(
        items, lambda a, b: ctr("daftar titik koma", "{first}; {second}", first=a, second=b)
    )


def listed_first(items: Sequence[object], shown: int) -> Text:
    """The first `shown` items listed, then how many more: "a, b (+3)" ("a、b(+3)" in
    Chinese)."""
    first = listed(items[:shown])
    hidden = len(items) - shown
    return first + verbatim(f"(+{hidden})") if hidden > 0 else first


def _joined(items: Sequence[object], join: Callable[[Text, object], Text]) -> Text:
    if not items:
        return Text("")  # no words in any language
    joined = verbatim(items[0])  # one item alone has no words of its own
    for item in items[1:]:
        joined = join(joined, item)
    return joined
