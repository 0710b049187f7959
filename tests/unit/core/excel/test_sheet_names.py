"""Every sheet name a result workbook or the plan template uses is one Excel accepts, in every
language the catalogs have: 31 characters at most, none of []:*?/\\, the sheets of one
workbook all different."""

from __future__ import annotations

import pytest

from app.core.excel.sheet_names import (
    FAILED_SHEET,
    RESULT_SHEET,
    SUMMARY_SHEET,
    sheet_name,
    sheet_title,
)
from app.core.i18n import languages
from app.firm.plan_template import HELP_SHEET, PLAN_SHEET
from app.posting.reconcile.workbook import SHEETS

WORKBOOKS = {
    "posting report": (RESULT_SHEET, FAILED_SHEET, SUMMARY_SHEET),
    "reconciliation": (SUMMARY_SHEET, *SHEETS.values()),
    "plan template": (PLAN_SHEET, HELP_SHEET),
}


@pytest.mark.parametrize("language", languages())
@pytest.mark.parametrize("workbook", WORKBOOKS)
def test_each_sheet_name_is_one_excel_accepts_in_every_language(workbook, language):
    names = [text.get(language) for text in WORKBOOKS[workbook]]
    for name in names:
        assert sheet_title(name) == name  # nothing to replace or cut: the name as translated
        assert 0 < len(name) <= 31
    assert len({name.casefold() for name in names}) == len(names)
    assert all(" / " not in name and " - " not in name for name in names)  # one language


def test_a_name_excel_would_refuse_is_made_acceptable():
    assert sheet_title("Hasil/Result: [1]*?\\") == "Hasil-Result- -1----"
    assert sheet_title("'" + "x" * 40 + "'") == "x" * 31
    assert sheet_name(RESULT_SHEET, "zh") == "结果"
