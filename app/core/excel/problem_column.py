"""The problem column Jurnal Desk adds right of the user's rows (the import's error report,
the posting report's failed sheet): titled in the workbook's language, and known again in any
language, and in the two-language title of earlier versions ("Masalah / Problem"), when such
a sheet is read or reported on again."""

from __future__ import annotations

from app.core.excel.columns import normalize_header
from app.core.i18n import ctr, languages

# Translators: the column saying what is wrong with a row or why an entry is not on the
# books. It must not be a title the import reads as a journal column (date, account, debit).
PROBLEM_TITLE = ctr("judul kolom: masalah jurnal", "Masalah")
# The title earlier versions wrote in both languages at once; files on users' disks keep it.
EARLIER_PROBLEM_HEADER = "Masalah / Problem"


def problem_header(language: str) -> str:
    """The column's title in `language`."""
    return PROBLEM_TITLE.get(language)


def is_problem_header(value: object) -> bool:
    """Whether a header cell is a problem column written by Jurnal Desk, in any language or
    in the earlier two-language form."""
    if not isinstance(value, str) or not value.strip():
        return False
    known = {EARLIER_PROBLEM_HEADER, *(problem_header(code) for code in languages())}
    return normalize_header(value) in {normalize_header(title) for title in known}
