"""Padding for a terminal's columns: a Chinese character (and any East Asian wide or
full-width one) takes two columns, so labels padded by their count of characters would
push the values after them out of line."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_WIDE = frozenset({"W", "F"})


@lru_cache(maxsize=4096)
def display_width(text: str) -> int:
    """How many terminal columns `text` takes."""
    return sum(2 if unicodedata.east_asian_width(ch) in _WIDE else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """`text` followed by spaces up to `width` columns (left-aligned)."""
    return text + " " * max(0, width - display_width(text))
