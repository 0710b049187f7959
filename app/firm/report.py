"""The firm run's result workbook: a summary sheet (one row per company: its counts and what it
needs) and a sheet per company (every workbook's problems and every entry's status, with the
server's messages). Column titles are bilingual; the run's own words are in its language.
Nothing secret is written: only the plan, the outbox's rows and the services' messages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from app.core.excel.writer import SUMMARY_SHEET, save_workbook, write_only_cell
from app.core.i18n import Text, ctr, tr
from app.core.services import service_name
from app.firm.company_run import CompanyRun, JobOutcome
from app.firm.needs import company_needs
from app.posting.report.style import BOLD, TITLE, WRAP, header_cells, problem_cell
from app.posting.report.words import STATUS_TEXT, ReportLanguage, readable_messages

if TYPE_CHECKING:  # the sheets of a write-only workbook (openpyxl has no public name for it)
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# Titles "Indonesian / English" in those two languages, the language's own in another
# (app.posting.report.words.ReportLanguage.title).
SUMMARY_COLUMNS: tuple[tuple[Text, int], ...] = (
    (ctr("judul laporan", "Perusahaan"), 30),
    (ctr("judul laporan", "Layanan"), 16),
    (ctr("judul laporan", "Workbook"), 10),
    (ctr("judul laporan", "Terposting"), 14),
    (ctr("judul laporan", "Sudah sebelumnya"), 16),
    (ctr("judul laporan", "Ditolak"), 11),
    (ctr("judul laporan", "Belum pasti"), 12),
    (ctr("judul laporan", "Belum dikirim"), 12),
    (ctr("judul laporan", "Tidak valid"), 11),
    (ctr("judul laporan", "Lengkap"), 11),
    (ctr("judul laporan", "Yang perlu dilakukan"), 90),
)
COMPANY_COLUMNS: tuple[tuple[Text, int], ...] = (
    (ctr("judul laporan", "Workbook"), 28),
    (ctr("judul laporan", "Sheet"), 14),
    (ctr("judul laporan", "Baris"), 9),
    (ctr("judul laporan", "No. Bukti"), 18),
    (ctr("judul laporan", "Status"), 16),
    (ctr("judul laporan", "Nomor di server"), 18),
    (ctr("judul laporan", "Pesan"), 90),
)
_PROBLEM = tr("Masalah (tidak dikirim)")
_NOT_READ = tr("Tidak dijalankan")
_INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def write_firm_report(runs: Sequence[CompanyRun], path: Path, language: str) -> Path:
    """Write the workbook to `path` (through a temporary file); returns the path."""
    workbook = Workbook(write_only=True)
    _write_summary(workbook.create_sheet(SUMMARY_SHEET), runs, language)
    taken = {SUMMARY_SHEET.casefold()}
    for run in runs:
        _write_company(workbook.create_sheet(company_sheet_name(run.name, taken)), run, language)
    return save_workbook(workbook, path)


def company_sheet_name(company: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, no []:*?/\\), unique among `taken`."""
    base = _INVALID_SHEET_CHARS.sub("-", company).strip("'").strip()[:31] or "Perusahaan"
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name


def _widths(sheet: WriteOnlyWorksheet, columns: Sequence[tuple[Text, int]]) -> None:
    for index, (_, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _write_summary(sheet: WriteOnlyWorksheet, runs: Sequence[CompanyRun], language: str) -> None:
    _widths(sheet, SUMMARY_COLUMNS)
    sheet.freeze_panes = "B2"
    say = ReportLanguage(language)
    sheet.append(header_cells(sheet, [say.title(title) for title, _ in SUMMARY_COLUMNS]))
    for run in runs:
        summary = run.summary()
        complete = run.checked_ok if run.dry_run else run.complete
        values = [
            run.name,
            service_name(run.service) if run.service else "-",
            len(run.jobs),
            summary.posted,
            summary.posted_before,
            summary.rejected,
            summary.uncertain,
            summary.pending,
            summary.invalid,
            (tr("Ya") if complete else tr("Tidak")).get(language),
        ]
        cells = [write_only_cell(sheet, value) for value in values]
        needs = company_needs(run).get(language)
        cells.append(write_only_cell(sheet, needs) if complete else problem_cell(sheet, needs))
        sheet.append(cells)


def _write_company(sheet: WriteOnlyWorksheet, run: CompanyRun, language: str) -> None:
    _widths(sheet, COMPANY_COLUMNS)
    title = write_only_cell(sheet, run.name)
    title.font = TITLE
    sheet.append([title])
    label = write_only_cell(sheet, tr("Yang perlu dilakukan").get(language))
    label.font = BOLD
    needs = company_needs(run).get(language)
    sheet.append([label, None, None, None, None, None, problem_cell(sheet, needs)])
    sheet.append([])
    say = ReportLanguage(language)
    sheet.append(header_cells(sheet, [say.title(title) for title, _ in COMPANY_COLUMNS]))
    for outcome in run.outcomes:
        for values in _outcome_rows(outcome, language):
            cells = [write_only_cell(sheet, value) for value in values]
            cells[-1].alignment = WRAP
            sheet.append(cells)
    for job in run.jobs[len(run.outcomes) :]:
        sheet.append([job.workbook.name, job.sheet, None, None, _NOT_READ.get(language)])


def _outcome_rows(outcome: JobOutcome, language: str) -> list[list[object]]:
    name, sheet = outcome.job.workbook.name, outcome.sheet or outcome.job.sheet
    rows: list[list[object]] = []
    if outcome.trouble is not None:
        rows.append(
            [
                name,
                sheet,
                None,
                None,
                _NOT_READ.get(language),
                None,
                _said(outcome.trouble, language),
            ]
        )
    for problem in outcome.problems:
        status = _PROBLEM.get(language)
        rows.append(
            [
                name,
                sheet,
                problem.row,
                problem.reference or None,
                status,
                None,
                problem.text.get(language),
            ]
        )
    report = outcome.report
    if report is None:
        return rows
    for entry in report.entries:
        messages = "\n".join(readable_messages(entry, language)) or None
        status = STATUS_TEXT[entry.status].get(language)
        rows.append(
            [name, sheet, None, entry.reference, status, entry.remote_number or None, messages]
        )
    if report.stopped_by is not None:
        rows.append([name, sheet, None, None, None, None, _said(report.stopped_by, language)])
    return rows


def _said(text: Text, language: str) -> str:
    return text.get(language)
