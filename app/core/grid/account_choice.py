"""Which account an account cell keeps when its completion list is open and the user moves
on (Tab or Enter): the account highlighted in the list ("6106 · Beban Air" for "beban ai"),
unless what was typed is already an account code, which is kept as typed. Plain Python: the
grid's completion asks."""

from __future__ import annotations

from collections.abc import Iterable

SEPARATOR = " · "  # between an account's code and its name in the list: "1101 · Kas"


def chosen_account(typed: str, highlighted: str | None, completions: Iterable[str]) -> str:
    """The text the cell keeps: `typed` if it is a code in `completions` (or nothing is
    highlighted), else the highlighted completion."""
    code = typed.strip()
    if highlighted is None or not code:
        return typed
    if any(each.split(SEPARATOR, 1)[0] == code for each in completions):
        return typed
    return highlighted


__all__ = ["SEPARATOR", "chosen_account"]
