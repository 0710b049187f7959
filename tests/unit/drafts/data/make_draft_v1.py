"""Makes draft_v1.json: a journal draft written by Jurnal Desk with draft file version 1,
whose problems kept their words in Indonesian and English (`{"id", "en"}`). Run it with the
code of that version on the path:

    git archive dd4423d | tar -x -C /tmp/v1   # the commit this file was made with
    cd /tmp/v1 && python /path/to/make_draft_v1.py /path/to/draft_v1.json

The draft is a workbook imported with cells that cannot be read (an amount in words, a date
in words, an unknown account, an unbalanced entry) and one cell typed over in the grid."""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from app.core.books.number_style import NumberStyle
from app.core.excel.reader import read_workbook
from app.core.grid.columns import Column
from app.core.grid.entry_table import table_from_import
from app.drafts.file import VERSION, encode_draft, snapshot
from tests.helpers.journal_data import CHART
from tests.helpers.workbooks import write_workbook


def main(path: Path) -> None:
    assert VERSION == 1, f"run with the code of draft version 1, not {VERSION}"
    with tempfile.TemporaryDirectory() as folder:
        book = write_workbook(
            Path(folder) / "jurnal.xlsx",
            [
                ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit"],
                [date(2026, 8, 5), "JU-1", "Listrik", "6105", "1.500.000,00", None],
                [date(2026, 8, 5), "JU-1", "Listrik", "1102", None, "satu juta"],
                ["kemarin", "JU-2", "Sewa", "6105", 2500000.0, None],
                [None, "JU-2", "Sewa", "9999", None, 2500000.0],
                [date(2026, 8, 6), "JU-3", "Kas", "6105", 100.0, None],
                [date(2026, 8, 6), "JU-3", "Kas", "1102", None, 90.0],
            ],
        )
        table = table_from_import(read_workbook(book, chart=CHART), CHART)
    table.edit(4, Column.DEBIT, "12,3,4", NumberStyle.ID)  # typed over: cannot be read
    draft = snapshot(table, "PT Maju Jaya")
    draft.saved_at = datetime(2026, 8, 7, 9, 30, tzinfo=UTC)
    path.write_bytes(encode_draft(draft))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
