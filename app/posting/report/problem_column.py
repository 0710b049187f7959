"""The failed sheet's problem column: titled in the report's language, and known again in
any language (and in the two-language title of earlier reports and of the import's error
report, "Masalah / Problem") when a report's sheet is reported on again."""

from __future__ import annotations

from app.core.excel.columns import normalize_header
from app.core.excel.writer import PROBLEM_HEADER
from app.core.i18n import ctr, languages

# Translators: the failed sheet's column saying why an entry is not on the books. It must not
# be a title the import reads as a journal column (date, account, debit, memo ...).
PROBLEM_TITLE = ctr("judul kolom: masalah jurnal", "Masalah")


def problem_header(language: str) -> str:
    """The column's title in `language`."""
    return PROBLEM_TITLE.get(language)


def is_problem_header(value: object) -> bool:
    """Whether a header cell is a problem column written by Jurnal Desk, in any language or
    in the earlier two-language form."""
    if not isinstance(value, str) or not value.strip():
        return False
    known = {PROBLEM_HEADER, *(problem_header(code) for code in languages())}
    return normalize_header(value) in {normalize_header(title) for title in known}
