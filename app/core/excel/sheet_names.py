"""The names of the result workbooks' sheets, in the language the workbook is written in, as
Excel accepts them (31 characters at most, none of []:*?/\\, not starting or ending with ')."""

from __future__ import annotations

import re

from app.core.i18n import Text, ctr

# Translators: names of the sheets of the posting result workbook (31 characters at most;
# Excel refuses [ ] : * ? / \ in a sheet name).
RESULT_SHEET = ctr("nama sheet", "Hasil")
FAILED_SHEET = ctr("nama sheet", "Gagal")
SUMMARY_SHEET = ctr("nama sheet", "Ringkasan")

SHEET_NAME_LIMIT = 31
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


def sheet_title(words: str) -> str:
    """`words` as a sheet name Excel accepts: the forbidden characters become "-", and it is
    cut to 31 characters."""
    cleaned = _NOT_IN_SHEET_NAMES.sub("-", words).strip().strip("'").strip()
    return cleaned[:SHEET_NAME_LIMIT].rstrip().rstrip("'") or "-"


def sheet_name(text: Text, language: str) -> str:
    """The sheet named `text`, in `language`."""
    return sheet_title(text.get(language))
