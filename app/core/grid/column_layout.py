"""The journal grid's column widths as the settings file keeps them, and the references to
measure when sizing the No. Bukti column to its contents. Plain Python (no Qt).

Widths are kept by column name ("reference=140,description=260"), not by position, so a
later version that adds a column reads them all the same; a name it does not know, a width
that is not a whole number or one out of reason is left out (the column keeps its default).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping

from app.core.grid.columns import Column

MIN_WIDTH = 24  # narrower than this a column cannot be found again to widen it
MAX_WIDTH = 1600


def format_widths(widths: Mapping[Column, int]) -> str:
    """The settings file's text for the widths, in column order."""
    return ",".join(
        f"{column.name.lower()}={_bounded(width)}" for column, width in sorted(widths.items())
    )


def parse_widths(text: str) -> dict[Column, int]:
    """The widths the settings file holds; whatever cannot be used is left out."""
    widths: dict[Column, int] = {}
    for item in text.split(","):
        name, _, value = item.strip().partition("=")
        column = Column.__members__.get(name.strip().upper())
        if column is None or not value.strip().isdigit():
            continue
        width = int(value)
        if MIN_WIDTH <= width <= MAX_WIDTH:
            widths[column] = width
    return widths


def longest_texts(texts: Iterable[str], count: int = 8) -> list[str]:
    """The few longest texts (by characters), the ones worth measuring in pixels: a
    column of 100,000 references is sized without measuring each."""
    return heapq.nlargest(count, set(texts), key=len)


def _bounded(width: int) -> int:
    return max(MIN_WIDTH, min(MAX_WIDTH, int(width)))


__all__ = ["MAX_WIDTH", "MIN_WIDTH", "format_widths", "longest_texts", "parse_widths"]
