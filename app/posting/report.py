"""The posting result workbook: what happened to every entry of a batch, and a sheet of the
entries that did not make it into the books, ready to fix and import again.

Sheets (Excel forbids "/" in sheet names, so the two languages are joined by a dash):

- RESULT_SHEET: every entry in batch order with its status, the server's number and id, the
  words for its reason and the server's messages, and attempts.
- FAILED_SHEET: the rows of every entry that is not on the books (not posted now, not posted
  before), plus PROBLEM_HEADER with the reason. With the ImportResult the batch came from,
  the user's own rows are copied (title rows and header row kept, so the layout and the
  column names are theirs); without it the entries are written in the template's layout.
  Either way `read_workbook` reads this sheet back as exactly those entries.
- SUMMARY_SHEET: the batch, counts per status, the debit total posted, and why posting
  stopped.

Nothing secret is written: the outbox holds no tokens, and only outbox rows are reported.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from app import __version__
from app.core.columns import OPTIONAL_LINE_FIELDS, field_label
from app.core.excel_reader import ImportResult, WorkbookError, read_rows
from app.core.excel_writer import (
    AMOUNT_FORMAT,
    DATE_FORMAT,
    NUMBER_FORMAT,
    PROBLEM_HEADER,
    SUMMARY_SHEET,
    TEMPLATE_COLUMNS,
    TEMPLATE_HEADERS,
    TEXT_FORMAT,
    columns_of_fields,
    formatted_cells,
    padded,
    save_workbook,
    used_width,
    width_for,
    write_only_cell,
)
from app.core.i18n import LANGUAGES, Text, tr
from app.core.journal import JournalEntry
from app.posting.outbox import Batch, EntryStatus, Outbox, OutboxEntry, Verified
from app.posting.reasons import reason_text
from app.posting.run_report import PostingReport, Progress
from app.posting.summary import summary_of_counts

# The optional fields the failed sheet keeps when any failed entry uses them.
OPTIONAL_FIELDS = ("branch", *OPTIONAL_LINE_FIELDS)

RESULT_SHEET = "Hasil - Result"
FAILED_SHEET = "Gagal - Failed"
__all__ = [
    "FAILED_SHEET",
    "RESULT_SHEET",
    "STATUS_TEXT",
    "SUMMARY_SHEET",
    "VERIFIED_TEXT",
    "failed_entries",
    "readable_messages",
    "rebuild_report",
    "write_posting_report",
]

STATUS_TEXT: dict[EntryStatus, Text] = {
    EntryStatus.POSTED: tr("Terposting", "Posted"),
    EntryStatus.REJECTED: tr("Ditolak", "Rejected"),
    EntryStatus.UNCERTAIN: tr("Tidak pasti", "Uncertain"),
    # A row still "sending" after a run: the answer never came, exactly like uncertain.
    EntryStatus.SENDING: tr("Tidak pasti", "Uncertain"),
    EntryStatus.SKIPPED: tr("Dilewati", "Skipped"),
    EntryStatus.PENDING: tr("Menunggu", "Pending"),
    EntryStatus.UNDONE: tr("Dibatalkan", "Undone"),
}
# What `jurnal-desk verify` found when it read the voucher back (blank: not checked yet).
VERIFIED_TEXT: dict[Verified, Text] = {
    Verified.MATCHES: tr("Ya, cocok", "Yes, matches"),
    Verified.DIFFERS: tr("Berbeda", "Differs"),
    Verified.MISSING: tr("Tidak ada di pembukuan", "Not on the books"),
}
_STATUS_COLOUR = {
    EntryStatus.POSTED: "C6EFCE",  # green
    EntryStatus.REJECTED: "FFC7CE",  # red
    EntryStatus.UNCERTAIN: "FFEB9C",  # amber
    EntryStatus.SENDING: "FFEB9C",
    EntryStatus.SKIPPED: "D9D9D9",  # grey
    EntryStatus.PENDING: "DDEBF7",  # light blue
    EntryStatus.UNDONE: "E4DFEC",  # lilac
}
_SERVICE_NAMES = {"accurate": "Accurate Online", "sempoa": "Sempoa"}

# (header, width) of the result sheet.
RESULT_COLUMNS: tuple[tuple[str, int], ...] = (
    ("No. / #", 7),
    ("No. Bukti / Reference", 18),
    ("Tanggal / Date", 13),
    ("Deskripsi / Description", 40),
    ("Total Debit", 18),
    ("Status", 22),
    ("Nomor di server / Remote number", 20),
    ("ID di server / Remote ID", 14),
    ("Pesan / Messages", 80),
    ("Percobaan / Attempts", 11),
    ("Terverifikasi / Verified", 22),
)
_STATUS_COLUMN = 5  # 0-based, in RESULT_COLUMNS
_DATETIME_FORMAT = "dd/mm/yyyy hh:mm:ss"

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
_PROBLEM_FILL = PatternFill("solid", start_color="FFF2CC")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")


class _Language:
    """Which language(s) the report's own words use: both (None), or only "id" / "en"."""

    def __init__(self, language: str | None) -> None:
        if language is not None and language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}; choose one of {LANGUAGES}")
        self.language = language

    def __call__(self, text: Text) -> str:
        return text.both() if self.language is None else text.get(self.language)


def write_posting_report(
    report: PostingReport,
    path: str | os.PathLike[str],
    *,
    source: ImportResult | None = None,
    language: str | None = None,
) -> Path:
    """Write the result workbook of one posting run to `path` (replacing it); returns the path.

    `source` is the import the batch was built from: the failed sheet then copies the user's
    own rows. `language` "id" or "en" writes the report's own words in that language only;
    None (the default) writes both. Column titles are bilingual either way.
    """
    say = _Language(language)
    workbook = Workbook(write_only=True)
    _write_results(workbook.create_sheet(RESULT_SHEET), report.entries, say)
    failed = failed_entries(report.entries)
    layout = _write_failed(workbook.create_sheet(FAILED_SHEET), failed, source, say)
    _write_summary(workbook.create_sheet(SUMMARY_SHEET), report, len(failed), layout, say)
    return save_workbook(workbook, Path(path))


def failed_entries(rows: Sequence[OutboxEntry]) -> list[OutboxEntry]:
    """The entries not on the books: neither posted now nor already posted before."""
    return [row for row in rows if not row.on_books]


# --- messages -------------------------------------------------------------------------------


def readable_messages(row: OutboxEntry, language: str | None = None) -> list[str]:
    """The row's messages for a person: the words for its reason first, then the messages
    (the server's own, as they came)."""
    say = _Language(language)
    reason = reason_text(row)
    words = [say(reason)] if reason is not None else []
    return [*words, *(message for message in row.messages if message)]


def _problem_text(row: OutboxEntry, say: _Language) -> str:
    """Why the entry is on the failed sheet, and what to do, then the messages."""
    reasons = {
        EntryStatus.REJECTED: tr(
            "Ditolak server; perbaiki baris ini lalu impor dan posting lagi.",
            "Rejected by the server; fix these rows, then import and post again.",
        ),
        EntryStatus.UNCERTAIN: _uncertain_text(),
        EntryStatus.SENDING: _uncertain_text(),
        EntryStatus.PENDING: tr(
            "Belum dikirim karena posting berhenti; posting lagi untuk melanjutkan.",
            "Not sent because posting stopped; post again to continue.",
        ),
        EntryStatus.SKIPPED: tr(
            "Dilewati agar tidak tercatat dua kali; beri nomor bukti lain jika ini jurnal baru.",
            "Skipped so it is not recorded twice; give it another reference if it is a new entry.",
        ),
        EntryStatus.UNDONE: tr(
            "Dihapus dari pembukuan lewat Jurnal Desk; impor dan posting lagi untuk "
            "mencatatnya kembali.",
            "Removed from the books through Jurnal Desk; import and post again to record it again.",
        ),
    }
    reason = reasons.get(row.status)
    lines = [say(reason)] if reason else []
    return "\n".join([*lines, *readable_messages(row, say.language)])


def _uncertain_text() -> Text:
    return tr(
        "Belum pasti tersimpan (jawaban server tidak datang); posting lagi: Jurnal Desk "
        "memeriksa server dulu, jadi tidak akan tercatat dua kali.",
        "Not known whether it was stored (the server's answer never came); post again: Jurnal "
        "Desk checks the server first, so it is never recorded twice.",
    )


# --- result sheet -----------------------------------------------------------------------------


def _write_results(sheet, rows: Sequence[OutboxEntry], say: _Language) -> None:
    for index, (_, width) in enumerate(RESULT_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "C2"  # header and reference stay in view
    sheet.append(_header_cells(sheet, [header for header, _ in RESULT_COLUMNS]))
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
            say(VERIFIED_TEXT[row.verified]) if row.verified else None,
        )
        cells = [write_only_cell(sheet, value) for value in values]
        cells[2].number_format = DATE_FORMAT
        cells[4].number_format = AMOUNT_FORMAT
        cells[_STATUS_COLUMN].fill = fills[row.status]
        cells[8].alignment = _WRAP
        sheet.append(cells)


def _header_cells(sheet, headers: Sequence[object]) -> list:
    cells = [write_only_cell(sheet, header) for header in headers]
    for cell in cells:
        cell.font, cell.fill = _BOLD, _HEADER_FILL
    return cells


# --- failed sheet -----------------------------------------------------------------------------


def _write_failed(
    sheet, failed: list[OutboxEntry], source: ImportResult | None, say: _Language
) -> Text:
    """Write the failed entries; returns the layout used, as said on the summary sheet."""
    if source is not None:
        copied = _source_rows(source, failed)
        if copied is not None:
            _write_source_layout(sheet, source, failed, *copied, say)
            return tr(
                "baris asli dari {f}, sheet {s}",
                "the original rows of {f}, sheet {s}",
                f=source.path.name,
                s=source.sheet,
            )
    _write_template_layout(sheet, failed, say)
    return tr("susunan kolom template", "the template's column layout")


def _source_rows(
    source: ImportResult, failed: list[OutboxEntry]
) -> tuple[list[list[object]], dict[str, list[int]]] | None:
    """The source sheet's rows and each failed entry's row numbers, or None when the source
    cannot be read any more (moved, changed) or does not hold every failed entry."""
    try:
        _, rows = read_rows(source.path, source.sheet)
    except WorkbookError:
        return None
    rows_of = {
        entry.reference: [line.row for line in entry.lines if line.row is not None]
        for entry in source.entries
    }
    wanted = {}
    for row in failed:
        numbers = rows_of.get(row.reference)
        if not numbers or max(numbers) > len(rows) or min(numbers) <= source.header_row:
            return None
        wanted[row.reference] = numbers
    return rows, wanted


def _write_source_layout(
    sheet,
    source: ImportResult,
    failed: list[OutboxEntry],
    rows: list[list[object]],
    rows_of: dict[str, list[int]],
    say: _Language,
) -> None:
    """The user's title rows and header row, then the failed entries' rows in sheet order,
    each entry's first row carrying the problem."""
    header_index = source.header_row - 1
    headers = list(rows[header_index])
    width = used_width(rows[: source.header_row], len(source.headers))
    if PROBLEM_HEADER in headers[:width]:
        problem_column = headers.index(PROBLEM_HEADER)  # an earlier report's column, reused
        width = problem_column
    else:
        problem_column = width
    columns = columns_of_fields(source)
    amount_columns = {columns.get(f) for f in ("debit", "credit", "amount")} - {None}
    date_column = columns.get("date")
    for index, header in enumerate(padded(headers, width)):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width_for(header)
    sheet.column_dimensions[get_column_letter(problem_column + 1)].width = 70
    sheet.freeze_panes = f"A{source.header_row + 1}"
    for values in rows[:header_index]:
        sheet.append(formatted_cells(sheet, padded(values, width), amount_columns, date_column))
    header_cells = _header_cells(sheet, [*padded(headers, width), PROBLEM_HEADER])
    sheet.append(header_cells)
    problems = {row.reference: _problem_text(row, say) for row in failed}
    first_rows = {min(numbers): reference for reference, numbers in rows_of.items()}
    for number in sorted(n for numbers in rows_of.values() for n in numbers):
        values = padded(rows[number - 1], width)
        cells = formatted_cells(sheet, values, amount_columns, date_column)
        if number in first_rows:
            cells.append(_problem_cell(sheet, problems[first_rows[number]]))
        sheet.append(cells)


def _write_template_layout(sheet, failed: list[OutboxEntry], say: _Language) -> None:
    """The failed entries from the outbox, one row per line, in the template's columns, plus
    the optional columns any of them uses (so branch, party, rate ... survive a re-import)."""
    entries = [row.entry() for row in failed]
    optional = _optional_fields_used(entries)
    widths = [width for _, _, width in TEMPLATE_COLUMNS] + [15] * len(optional)
    for index, width in enumerate([*widths, 70], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    headers = [*TEMPLATE_HEADERS, *(field_label(name).id for name in optional), PROBLEM_HEADER]
    sheet.append(_header_cells(sheet, headers))
    for row, entry in zip(failed, entries, strict=True):
        for number, values in enumerate(_template_values(entry, optional)):
            cells = [write_only_cell(sheet, value) for value in values]
            cells[0].number_format = DATE_FORMAT
            cells[3].number_format = TEXT_FORMAT
            cells[4].number_format = cells[5].number_format = AMOUNT_FORMAT
            for offset, name in enumerate(optional, start=len(TEMPLATE_COLUMNS)):
                if name in ("rate", "prime_amount"):
                    cells[offset].number_format = NUMBER_FORMAT
            if number == 0:
                cells.append(_problem_cell(sheet, _problem_text(row, say)))
            sheet.append(cells)


def _optional_fields_used(entries: Sequence[JournalEntry]) -> list[str]:
    return [name for name in OPTIONAL_FIELDS if any(_optional_value(entry, line, name)
            is not None for entry in entries for line in entry.lines)]  # fmt: skip


def _optional_value(entry: JournalEntry, line, name: str) -> object:
    if name == "branch":
        return entry.branch or None
    if name.startswith("classification"):
        index = int(name.removeprefix("classification")) - 1
        return (line.classifications[index] or None) if index < len(line.classifications) else None
    value = getattr(line, name)
    return value if value not in ("", None) else None


def _template_values(entry: JournalEntry, optional: Sequence[str] = ()) -> list[tuple[object, ...]]:
    values = []
    for line in entry.lines:
        # One side per row, as the template asks; a line with neither keeps a 0 debit.
        debit = line.debit if line.debit or not line.credit else None
        credit = line.credit if line.credit else None
        core = (entry.date, entry.reference, entry.description, line.account, debit, credit,
                line.memo or None, line.department or None, line.project or None)  # fmt: skip
        values.append(core + tuple(_optional_value(entry, line, name) for name in optional))
    return values


def _problem_cell(sheet, text: str):
    cell = write_only_cell(sheet, text)
    cell.fill, cell.alignment = _PROBLEM_FILL, _WRAP
    return cell


# --- summary sheet ----------------------------------------------------------------------------


def _write_summary(
    sheet, report: PostingReport, failed_count: int, layout: Text, say: _Language
) -> None:
    sheet.column_dimensions["A"].width = 44
    sheet.column_dimensions["B"].width = 70
    title = write_only_cell(sheet, "Laporan posting jurnal / Journal posting report")
    title.font = _TITLE
    sheet.append([title])
    for label, value in _summary_facts(report, say):
        label_cell, value_cell = write_only_cell(sheet, label), write_only_cell(sheet, value)
        label_cell.font = _BOLD
        if isinstance(value, Decimal):
            value_cell.number_format = AMOUNT_FORMAT
        elif isinstance(value, datetime):
            value_cell.number_format = _DATETIME_FORMAT
        value_cell.alignment = _WRAP if isinstance(value, str) else _TOP
        sheet.append([label_cell, value_cell])
    sheet.append([])
    sheet.append([write_only_cell(sheet, say(_outcome_text(report, failed_count, layout)))])


def _summary_facts(report: PostingReport, say: _Language) -> list[tuple[str, object]]:
    batch, rows = report.batch, report.entries
    source = batch.source_file + (f" (sheet {batch.source_sheet})" if batch.source_sheet else "")
    summary = report.summary()
    facts: list[tuple[str, object]] = [
        ("Batch", batch.id),
        ("Profil / Profile", batch.profile),
        ("Layanan / Service", _SERVICE_NAMES.get(batch.service, batch.service)),
        ("Berkas sumber / Source file", source or "-"),
        ("Dibuat / Created", _local_time(batch.created_at)),
        ("Laporan dibuat / Report written", _local_time(datetime.now(UTC).isoformat())),
        ("Versi Jurnal Desk / Jurnal Desk version", __version__),
        ("Status batch / Batch state", say(_batch_state(rows))),
        ("Jurnal / Entries", len(rows)),
    ]
    facts += [(STATUS_TEXT[status].both(), number) for status, number in summary.by_status()]
    facts += [
        ("   sudah diposting sebelumnya / already posted before", summary.posted_before),
        ("Total debit terposting / Debit total posted", summary.debit_posted),
        ("Permintaan ke server / Requests to the server", report.progress.requests),
        ("Lama (detik) / Duration (seconds)", round(report.progress.elapsed, 1)),
        ("Posting berhenti karena / Posting stopped because", _stop_reason(report, say)),
    ]
    return facts


def _batch_state(rows: Sequence[OutboxEntry]) -> Text:
    # The engine's rule for finishing a batch; report.batch was read before the run ended.
    if any(row.status in _UNFINISHED for row in rows):
        return tr(
            "belum selesai: posting lagi untuk melanjutkan tanpa duplikasi",
            "not finished: post again to continue without duplicates",
        )
    return tr("selesai", "finished")


_UNFINISHED = (EntryStatus.PENDING, EntryStatus.SENDING, EntryStatus.UNCERTAIN)


def _stop_reason(report: PostingReport, say: _Language) -> str:
    reasons = []
    if report.stopped_by is not None:
        reasons.append(say(report.stopped_by))
    if report.cancelled:
        reasons.append(say(tr("Dihentikan oleh pengguna.", "Cancelled by the user.")))
    return "\n".join(reasons) or "-"


def _outcome_text(report: PostingReport, failed_count: int, layout: Text) -> Text:
    if not failed_count:
        return tr(
            "Semua jurnal sudah ada di pembukuan.",
            "Every entry is on the books.",
        )
    return tr(
        "{n} jurnal belum masuk pembukuan: lihat sheet '{s}' ({layout}), perbaiki, simpan, "
        "lalu impor berkas ini lagi.",
        "{n} entries are not on the books: see sheet '{s}' ({layout_en}), fix them, save, "
        "then import this file again.",
        n=failed_count,
        s=FAILED_SHEET,
        layout=layout.id,
        layout_en=layout.en,
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


def rebuild_report(outbox: Outbox, batch_id: str) -> PostingReport:
    """The batch's report as a run would have written it, from what the outbox kept: the
    batch, every entry as it is now, and the counts."""
    batch = outbox.batch(batch_id)
    rows = outbox.entries(batch_id)
    summary = summary_of_counts(Counter((row.status, row.reason) for row in rows))
    progress = Progress(
        total=len(rows),
        posted=summary.posted,
        rejected=summary.rejected,
        skipped=summary.skipped,
        uncertain=summary.uncertain,
        # The outbox does not keep how many requests the runs made: the summary leaves the
        # cell empty rather than claim a number.
        requests=None,  # type: ignore[arg-type]
        elapsed=_elapsed(batch, rows),
    )
    return PostingReport(batch, progress, rows)


def _elapsed(batch: Batch, rows: list[OutboxEntry]) -> float:
    """Seconds from the batch's creation to its end (or its latest change, if unfinished)."""
    end = batch.finished_at or max((row.updated_at for row in rows), default=batch.created_at)
    took = datetime.fromisoformat(end) - datetime.fromisoformat(batch.created_at)
    return max(took.total_seconds(), 0.0)
