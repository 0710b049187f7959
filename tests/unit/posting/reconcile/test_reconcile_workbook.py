"""The reconciliation workbook in the language asked for: its sheet names, column titles and
words, with no title in another language; dates and amounts kept as dates and numbers."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from app.core.i18n import languages, tr
from app.posting.reconcile.proof import Finding, Kind, Reconciliation, Source
from app.posting.reconcile.workbook import (
    FINDING_COLUMNS,
    SHEETS,
    SUMMARY_COLUMNS,
    write_reconcile_report,
)

SHEET_NAMES = {
    "zh": ["汇总", "不一致", "缺失", "非 JD", "一致"],
    "en": ["Summary", "Different", "Missing", "Not from JD", "Equal"],
}


def reconciliation() -> Reconciliation:
    day = date(2026, 8, 3)
    return Reconciliation(
        "PT Maju",
        "accurate",
        date(2026, 8, 1),
        date(2026, 8, 31),
        findings=[
            Finding(Kind.EQUAL, "JU/001", day, "Sewa", Decimal("1500000.50"), Source.OUTBOX),
            Finding(
                Kind.DIFFERENT,
                "JU/002",
                day,
                "Listrik",
                Decimal("250000"),
                Source.OUTBOX,
                fields=("date", "amounts"),
            ),
            Finding(Kind.MISSING, "JU/003", day, "Air", Decimal("1000"), Source.OUTBOX),
            Finding(Kind.FOREIGN, "KAS-9", day, "Diketik", Decimal("99"), Source.BOOKS),
        ],
        list_requests=1,
        detail_requests=3,
    )


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_reconciliation_workbook_is_in_the_language_asked_for_only(tmp_path, language):
    trouble = {"CV Lain": tr("Token ditolak.")}
    path = write_reconcile_report([reconciliation()], tmp_path / "r.xlsx", language, trouble)
    book = load_workbook(path)
    assert book.sheetnames == SHEET_NAMES[language]
    summary = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    assert summary[0] == [title.get(language) for title, _ in SUMMARY_COLUMNS]
    assert summary[1][8] == {"zh": "否", "en": "No"}[language]
    assert isinstance(summary[1][2], datetime)
    # a date cell in the language's numeric form: year first in Chinese
    assert (
        book.worksheets[0].cell(2, 3).number_format
        == {"zh": "yyyy-mm-dd", "en": "dd/mm/yyyy"}[language]
    )
    different = book[SHEETS[Kind.DIFFERENT].get(language)]
    assert [c.value for c in different[1]] == [t.get(language) for t, _ in FINDING_COLUMNS]
    row = [cell.value for cell in different[2]]
    assert row[1] == "JU/002" and row[4] == 250000 and isinstance(row[2], datetime)
    assert row[7] == {"zh": "日期、金额", "en": "date, amounts"}[language]
    # The notes name each sheet to look at as the workbook names it.
    notes = summary[1][11]
    assert SHEETS[Kind.DIFFERENT].get(language) in notes
    assert SHEETS[Kind.MISSING].get(language) in notes
    titles = [t for t, _ in (*SUMMARY_COLUMNS, *FINDING_COLUMNS)] + list(SHEETS.values())
    shown = (
        set(book.sheetnames) | {c for r in summary[:1] for c in r} | {c.value for c in different[1]}
    )
    for other in languages():
        if other != language:
            foreign = {t.get(other) for t in titles} - {t.get(language) for t in titles}
            assert not foreign & shown, (other, foreign & shown)
    assert not any(" / " in str(title) for title in shown)
