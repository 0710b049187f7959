"""The posting result workbook: what happened to every entry of a batch, and a sheet of the
entries that did not make it into the books, ready to fix and import again.

The whole workbook is in one language, the run's (`ReportLanguage`): its sheet names
(`sheet_names`), column titles, labels and words. Amounts and dates are numbers and dates
with Excel number formats, so Excel shows them in the reader's own conventions. Sheets:

- RESULT_SHEET: every entry in batch order with its status, the server's number and id, the
  words for its reason and the server's messages, attempts, and its accounts as written
  where they were not written as the code ("110101 - Kas Kecil → 110101").
- FAILED_SHEET: the rows of every entry that is not on the books (not posted now, not posted
  before), plus a problem column (`problem_header`) with the reason. With the ImportResult
  the batch came from, the user's own rows are copied (title rows and header row kept, so the
  layout and the column names are theirs); without it the entries are written in the
  template's layout.
  Either way `read_workbook` reads this sheet back as exactly those entries.
- SUMMARY_SHEET: the batch, counts per status, the debit total posted, and why posting
  stopped.

Nothing secret is written: the outbox holds no tokens, and only outbox rows are reported.

The sheets' pieces: the words (`report_words`), the cells' look (`report_style`), the failed
sheet (`report_failed`); `report_rebuild` makes a batch's report again from the outbox.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from app import __version__
from app.core.books.journal import JournalEntry
from app.core.excel.reader import ImportResult
from app.core.excel.sheet_names import (
    FAILED_SHEET,
    RESULT_SHEET,
    SUMMARY_SHEET,
    sheet_name,
)
from app.core.excel.writing import AMOUNT_FORMAT, date_format, save_workbook, write_only_cell
from app.core.i18n import Text, ctr, tr
from app.core.services import service_name
from app.posting.outbox.ledger import EntryStatus, OutboxEntry
from app.posting.report.failed_sheet import write_failed
from app.posting.report.rebuild import rebuild_report
from app.posting.report.style import BOLD, TITLE, TOP, WRAP, header_cells
from app.posting.report.words import (
    STATUS_TEXT,
    VERIFIED_TEXT,
    ReportLanguage,
    readable_messages,
)
from app.posting.run_report import PostingReport
from app.posting.summary import summarize

if TYPE_CHECKING:  # the sheet class of a write-only workbook, named only for its type
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

__all__ = [
    "FAILED_SHEET",
    "RESULT_SHEET",
    "STATUS_TEXT",
    "SUMMARY_SHEET",
    "VERIFIED_TEXT",
    "failed_entries",
    "readable_messages",
    "rebuild_report",
    "sheet_name",
    "write_posting_report",
]

_STATUS_COLOUR = {
    EntryStatus.POSTED: "C6EFCE",  # green
    EntryStatus.REJECTED: "FFC7CE",  # red
    EntryStatus.UNCERTAIN: "FFEB9C",  # amber
    EntryStatus.SENDING: "FFEB9C",
    EntryStatus.SKIPPED: "D9D9D9",  # grey
    EntryStatus.PENDING: "DDEBF7",  # light blue
    EntryStatus.UNDONE: "E4DFEC",  # lilac
}

# (header, width) of the result sheet.
RESULT_COLUMNS: tuple[tuple[Text, int], ...] = (
    # Translators: the column of the entry's position in the batch (1, 2, 3 ...).
    (ctr("judul kolom: nomor urut", "No."), 7),
    (tr("No. Bukti"), 18),
    (tr("Tanggal"), 13),
    (tr("Deskripsi"), 40),
    (tr("Total Debit"), 18),
    (tr("Status"), 22),
    (tr("Nomor di server"), 20),
    (tr("ID di server"), 14),
    (tr("Pesan"), 80),
    (tr("Percobaan"), 11),
    # Lines whose account was written with its name, or by its name alone: what was
    # written and the code posted ("110101 - Kas Kecil → 110101").
    (tr("Akun ditulis → kode"), 40),
    (tr("Terverifikasi"), 22),  # last: `verify` fills it in later
)
_STATUS_COLUMN = 5  # 0-based, in RESULT_COLUMNS
_WRITTEN_COLUMN = 10
_DATETIME_FORMAT = "dd/mm/yyyy hh:mm:ss"


def write_posting_report(
    report: PostingReport,
    path: str | os.PathLike[str],
    *,
    source: ImportResult | None = None,
    language: str | None = None,
) -> Path:
    """Write the result workbook of one posting run to `path` (replacing it); returns the path.

    `source` is the import the batch was built from: the failed sheet then copies the user's
    own rows. The workbook is written in `language` ("id", "en", "zh"); None: the language
    Jurnal Desk is in now (the window's, or the command's --lang).
    """
    say = ReportLanguage(language)
    workbook = Workbook(write_only=True)
    _write_results(
        workbook.create_sheet(sheet_name(RESULT_SHEET, say.language)), report.entries, say
    )
    failed = failed_entries(report.entries)
    failed_sheet = workbook.create_sheet(sheet_name(FAILED_SHEET, say.language))
    layout = write_failed(failed_sheet, failed, source, say)
    _write_summary(
        workbook.create_sheet(sheet_name(SUMMARY_SHEET, say.language)),
        report,
        len(failed),
        layout,
        say,
    )
    return save_workbook(workbook, Path(path))


def failed_entries(rows: Sequence[OutboxEntry]) -> list[OutboxEntry]:
    """The entries not on the books: neither posted now nor already posted before."""
    return [row for row in rows if not row.on_books]


# --- result sheet -----------------------------------------------------------------------------


def _write_results(
    sheet: WriteOnlyWorksheet, rows: Sequence[OutboxEntry], say: ReportLanguage
) -> None:
    for index, (_, width) in enumerate(RESULT_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "C2"  # header and reference stay in view
    sheet.append(header_cells(sheet, [say(header) for header, _ in RESULT_COLUMNS]))
    fills = {status: PatternFill("solid", start_color=c) for status, c in _STATUS_COLOUR.items()}
    for row in rows:
        entry = row.entry()
        values = (
            row.position + 1,
            row.reference,
            entry.date,
            entry.description,
            entry.total_debit,
            say(STATUS_TEXT[row.status]),
            row.remote_number or None,
            row.remote_id or None,
            "\n".join(readable_messages(row, say.language)) or None,
            row.attempts,
            _written_accounts(entry),
            say(VERIFIED_TEXT[row.verified]) if row.verified else None,
        )
        cells = [write_only_cell(sheet, value) for value in values]
        cells[2].number_format = date_format(say.language)
        cells[4].number_format = AMOUNT_FORMAT
        cells[_STATUS_COLUMN].fill = fills[row.status]
        cells[8].alignment = cells[_WRITTEN_COLUMN].alignment = WRAP
        sheet.append(cells)


def _written_accounts(entry: JournalEntry) -> str | None:
    """ "110101 - Kas Kecil → 110101", a line each, for lines not written as the code."""
    pairs = dict.fromkeys(
        f"{line.written_account} → {line.account}" for line in entry.lines if line.written_account
    )
    return "\n".join(pairs) or None


# --- summary sheet ----------------------------------------------------------------------------


def _write_summary(
    sheet: WriteOnlyWorksheet,
    report: PostingReport,
    failed_count: int,
    layout: Text,
    say: ReportLanguage,
) -> None:
    sheet.column_dimensions["A"].width = 44
    sheet.column_dimensions["B"].width = 70
    title = write_only_cell(sheet, say(tr("Laporan posting jurnal")))
    title.font = TITLE
    sheet.append([title])
    for label, value in _summary_facts(report, say):
        label_cell, value_cell = write_only_cell(sheet, say(label)), write_only_cell(sheet, value)
        label_cell.font = BOLD
        if isinstance(value, Decimal):
            value_cell.number_format = AMOUNT_FORMAT
        elif isinstance(value, datetime):
            value_cell.number_format = _DATETIME_FORMAT
        value_cell.alignment = WRAP if isinstance(value, str) else TOP
        sheet.append([label_cell, value_cell])
    sheet.append([])
    sheet.append([write_only_cell(sheet, say(_outcome_text(report, failed_count, layout)))])


def _summary_facts(report: PostingReport, say: ReportLanguage) -> list[tuple[Text, object]]:
    batch, rows = report.batch, report.entries
    source = batch.source_file or "-"
    if batch.source_file and batch.source_sheet:
        source = say(tr("{f} (sheet {s})", f=batch.source_file, s=batch.source_sheet))
    # The batch as its entries stand (as the entry sheets list them), whichever run posted them.
    summary = summarize(report.entries)
    facts: list[tuple[Text, object]] = [
        (tr("Batch"), batch.id),
        (ctr("label laporan", "Profil"), batch.profile),
        (tr("Layanan"), service_name(batch.service)),
        (tr("Berkas sumber"), source),
        (tr("Dibuat"), _local_time(batch.created_at)),
        (tr("Laporan dibuat"), _local_time(datetime.now(UTC).isoformat())),
        (tr("Versi Jurnal Desk"), __version__),
        (tr("Status batch"), say(_batch_state(rows))),
        (ctr("label laporan: banyaknya jurnal", "Jurnal"), len(rows)),
    ]
    facts += [(STATUS_TEXT[status], number) for status, number in summary.by_status()]
    facts += [
        # Translators: indented under the count of posted entries.
        (ctr("label laporan", "   sudah diposting sebelumnya"), summary.posted_before),
        (tr("Total debit terposting"), summary.debit_posted),
        (tr("Permintaan ke server"), report.progress.requests),
        (tr("Lama (detik)"), round(report.progress.elapsed, 1)),
        (tr("Posting berhenti karena"), _stop_reason(report, say)),
    ]
    return facts


def _batch_state(rows: Sequence[OutboxEntry]) -> Text:
    # The engine's rule for finishing a batch; report.batch was read before the run ended.
    if any(row.status in _UNFINISHED for row in rows):
        return tr("belum selesai: posting lagi untuk melanjutkan tanpa duplikasi")
    return ctr("status batch", "selesai")


_UNFINISHED = (EntryStatus.PENDING, EntryStatus.SENDING, EntryStatus.UNCERTAIN)


def _stop_reason(report: PostingReport, say: ReportLanguage) -> str:
    reasons = []
    if report.stopped_by is not None:
        reasons.append(say(report.stopped_by))
    if report.cancelled:
        reasons.append(say(tr("Dihentikan oleh pengguna.")))
    return "\n".join(reasons) or "-"


def _outcome_text(report: PostingReport, failed_count: int, layout: Text) -> Text:
    if not failed_count:
        return tr("Semua jurnal sudah ada di pembukuan.")
    return tr(
        "{n} jurnal belum masuk pembukuan: lihat sheet '{s}' ({layout}), perbaiki, simpan, "
        "lalu impor berkas ini lagi.",
        n=failed_count,
        s=FAILED_SHEET,  # a message: the sheet's name in the same language
        layout=layout,
    )


def _local_time(stamp: str | None) -> datetime | None:
    """An outbox time (ISO, UTC) as this computer's local time, without a zone (Excel has
    none)."""
    if not stamp:
        return None
    moment = datetime.fromisoformat(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().replace(tzinfo=None, microsecond=0)
