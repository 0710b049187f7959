"""The Excel format of a report's date cells, in the reader's language."""

from __future__ import annotations

from app.core.excel.writer import DATE_FORMAT
from app.core.formatting import DATE_PATTERN
from app.core.i18n.catalog import SOURCE_LANGUAGE


def date_format(language: str | None) -> str:
    """The language's own numeric date (yyyy-mm-dd in Chinese), else dd/mm/yyyy: a pattern
    with month names keeps the numeric form, as Excel would write the names in its own
    language, and a report in both languages (None) is Indonesian's."""
    pattern = DATE_PATTERN.get(language or SOURCE_LANGUAGE)
    if language is None or "{mon}" in pattern:
        return DATE_FORMAT
    for name, code in (("{dd}", "dd"), ("{mm}", "mm"), ("{yyyy}", "yyyy")):
        pattern = pattern.replace(name, code)
    return pattern
