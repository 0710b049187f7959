"""The reconciliation's result workbook: a summary sheet (one row per company and period) and
one sheet per kind of finding (different, missing from the books, not from Jurnal Desk,
equal), each row naming its company, voucher and what to do. Column titles are bilingual
in Indonesian and English, the language's own in another; the findings' words are in the
language asked for. Nothing secret is written."""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from app.core.excel.writer import SUMMARY_SHEET, save_workbook, write_only_cell
from app.core.i18n import Text, ctr, tr
from app.core.services import service_name
from app.posting.reconcile.proof import Finding, Kind, Match, Reconciliation, Source
from app.posting.report.date_cells import date_format
from app.posting.report.style import WRAP, header_cells, problem_cell
from app.posting.report.words import ReportLanguage

if TYPE_CHECKING:  # the sheet class of a write-only workbook, named only for its type
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

SHEETS: dict[Kind, str] = {
    Kind.DIFFERENT: "Berbeda - Different",
    Kind.MISSING: "Hilang - Missing",
    Kind.FOREIGN: "Bukan JD - Not from JD",
    Kind.EQUAL: "Cocok - Equal",
}
# Titles "Indonesian / English" in those two languages, the language's own in another
# (app.posting.report.words.ReportLanguage.title); context "judul laporan" as the posting
# report's.
SUMMARY_COLUMNS: tuple[tuple[Text, int], ...] = (
    (ctr("judul laporan", "Perusahaan"), 28),
    (ctr("judul laporan", "Layanan"), 14),
    (ctr("judul laporan", "Dari"), 12),
    (ctr("judul laporan", "Sampai"), 12),
    (ctr("judul laporan", "Cocok"), 10),
    (ctr("judul laporan", "Berbeda"), 11),
    (ctr("judul laporan", "Hilang"), 10),
    (ctr("judul laporan", "Bukan dari Jurnal Desk"), 16),
    (ctr("judul laporan", "Sesuai"), 10),
    (ctr("judul laporan", "Halaman daftar"), 12),
    (ctr("judul laporan", "Baca rinci"), 12),
    (ctr("judul laporan", "Catatan"), 70),
)
FINDING_COLUMNS: tuple[tuple[Text, int], ...] = (
    (ctr("judul laporan", "Perusahaan"), 24),
    (ctr("judul laporan", "Nomor"), 18),
    (ctr("judul laporan", "Tanggal"), 12),
    (ctr("judul laporan", "Deskripsi"), 30),
    (ctr("judul laporan", "Jumlah"), 16),
    (ctr("judul laporan", "Sumber"), 20),
    (ctr("judul laporan", "Batch"), 24),
    (ctr("judul laporan", "Yang berbeda"), 22),
    (ctr("judul laporan", "Jurnal workbook"), 22),
    (ctr("judul laporan", "Keterangan"), 90),
)
FIELD_WORDS: dict[str, Text] = {
    "date": tr("tanggal"),
    "description": tr("deskripsi"),
    "branch": tr("cabang"),
    "lines": tr("baris"),
    "amounts": tr("jumlah"),
}
SOURCE_WORDS: dict[Source, Text] = {
    Source.OUTBOX: tr("Jurnal Desk"),
    Source.WORKBOOK: tr("Workbook"),
    Source.BOOKS: tr("Pembukuan saja"),
}


def write_reconcile_report(
    results: Sequence[Reconciliation],
    path: Path,
    language: str,
    troubles: dict[str, Text] | None = None,
) -> Path:
    """Write the workbook to `path` (through a temporary file). `troubles` names companies
    that could not be reconciled, with why."""
    workbook = Workbook(write_only=True)
    say = ReportLanguage(language)
    _summary(workbook.create_sheet(SUMMARY_SHEET), results, troubles or {}, language)
    for kind, title in SHEETS.items():
        sheet = workbook.create_sheet(title)
        _widths(sheet, FINDING_COLUMNS)
        sheet.freeze_panes = "C2"
        sheet.append(header_cells(sheet, [say.title(name) for name, _ in FINDING_COLUMNS]))
        for result in results:
            for finding in result.of(kind):
                sheet.append(_finding_cells(sheet, result, finding, language))
    return save_workbook(workbook, path)


def _widths(sheet: WriteOnlyWorksheet, columns: Sequence[tuple[Text, int]]) -> None:
    for index, (_, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _summary(
    sheet: WriteOnlyWorksheet,
    results: Sequence[Reconciliation],
    troubles: dict[str, Text],
    language: str,
) -> None:
    _widths(sheet, SUMMARY_COLUMNS)
    sheet.freeze_panes = "B2"
    say = ReportLanguage(language)
    sheet.append(header_cells(sheet, [say.title(name) for name, _ in SUMMARY_COLUMNS]))
    for result in results:
        values: list[object] = [
            result.profile,
            service_name(result.service),
            result.first,
            result.last,
            result.count(Kind.EQUAL),
            result.count(Kind.DIFFERENT),
            result.count(Kind.MISSING),
            result.count(Kind.FOREIGN),
            (tr("Ya") if result.agrees else tr("Tidak")).get(language),
            result.list_requests,
            result.detail_requests,
        ]
        cells = [write_only_cell(sheet, value) for value in values]
        for cell in cells[2:4]:
            cell.number_format = date_format(language)
        notes = summary_notes(result).get(language)
        cells.append(
            problem_cell(sheet, notes) if not result.agrees else write_only_cell(sheet, notes)
        )
        sheet.append(cells)
    for company, trouble in troubles.items():
        sheet.append(
            [write_only_cell(sheet, company)]
            + [None] * (len(SUMMARY_COLUMNS) - 2)
            + [problem_cell(sheet, trouble.get(language))]
        )


def summary_notes(result: Reconciliation) -> Text:
    """What a company's reconciliation asks of the accountant, in a sentence or two."""
    parts: list[Text] = []
    if result.agrees:
        parts.append(tr("Pembukuan sesuai dengan sumbernya."))
    if result.count(Kind.DIFFERENT):
        parts.append(WHAT_TO_DO[Kind.DIFFERENT])
    if result.count(Kind.MISSING):
        parts.append(WHAT_TO_DO[Kind.MISSING])
    if result.unmatched_foreign:
        parts.append(WHAT_TO_DO[Kind.FOREIGN])
    if result.quick:
        parts.append(tr("Cepat: dibandingkan tanggal, deskripsi dan totalnya saja (tanpa baris)."))
    if result.outside_period:
        parts.append(
            tr(
                "{n} jurnal workbook di luar periode tidak dicocokkan.",
                n=result.outside_period,
            )
        )
    # Never none: a company that does not agree has a difference, a missing or a foreign entry.
    return _one_after_another(parts)


WHAT_TO_DO: dict[Kind, Text] = {
    Kind.DIFFERENT: tr("Ada voucher yang diubah di layanan: periksa lembar Berbeda."),
    Kind.MISSING: tr(
        "Ada jurnal yang tidak ada di pembukuan (dihapus di layanan, atau belum diposting): "
        "periksa lembar Hilang."
    ),
    Kind.FOREIGN: tr(
        "Ada voucher yang bukan dari Jurnal Desk (diketik langsung atau diimpor alat lain): "
        "periksa lembar Bukan JD."
    ),
}


def _finding_cells(
    sheet: WriteOnlyWorksheet, result: Reconciliation, finding: Finding, language: str
) -> list[WriteOnlyCell]:
    fields = _fields_listed([FIELD_WORDS[name] for name in finding.fields if name in FIELD_WORDS])
    values: list[object] = [
        result.profile,
        finding.reference,
        finding.date,
        finding.description or None,
        finding.amount,
        SOURCE_WORDS[finding.source].get(language),
        finding.batch_id or None,
        fields.get(language) if fields is not None else None,
        finding.match_reference or None,
        finding_details(finding).get(language),
    ]
    cells = [write_only_cell(sheet, value) for value in values]
    cells[2].number_format = date_format(language)
    cells[4].number_format = "#,##0.00"
    cells[-1].alignment = WRAP
    return cells


def finding_details(finding: Finding) -> Text:
    """What one finding means, and the differences in words."""
    return _one_after_another([_head(finding), *finding.differences])


def _fields_listed(words: list[Text]) -> Text | None:
    """The fields that differ, listed as the reader's language lists words."""
    listed: Text | None = None
    for word in words:
        if listed is None:
            listed = word
        else:
            # Translators: names of fields (date, description…) listed one after the other.
            listed = ctr("daftar kata", "{first}, {second}", first=listed, second=word)
    return listed


def _one_after_another(sentences: list[Text]) -> Text:
    """Sentences one after the other, as the reader's language writes them."""
    return functools.reduce(operator.add, sentences)


def _head(finding: Finding) -> Text:
    if finding.kind is Kind.EQUAL:
        return tr("Sama seperti yang dikirim.")
    if finding.kind is Kind.DIFFERENT:
        return tr("Diubah di layanan sesudah diposting:")
    if finding.kind is Kind.MISSING and finding.source is Source.OUTBOX:
        return tr(
            "Diposting Jurnal Desk (batch {b}) tetapi tidak ada di pembukuan: dihapus di "
            "layanan? Posting ulang bila perlu.",
            b=finding.batch_id or "-",
        )
    if finding.kind is Kind.MISSING:
        return tr("Ada di workbook tetapi tidak ada di pembukuan: belum diposting?")
    if finding.match is Match.NUMBER and not finding.fields:
        return tr("Bukan dari Jurnal Desk; sama dengan jurnal workbook bernomor sama.")
    if finding.match is Match.NUMBER:
        return tr("Bukan dari Jurnal Desk; berbeda dari jurnal workbook bernomor sama:")
    if finding.match is Match.DATE_AMOUNT:
        return tr(
            "Bukan dari Jurnal Desk; tanggal dan jumlahnya sama dengan jurnal workbook {r} "
            "(nomornya berbeda).",
            r=finding.match_reference,
        )
    return tr(
        "Bukan dari Jurnal Desk (diketik langsung di layanan atau diimpor alat lain); tidak "
        "ada jurnal workbook yang cocok."
    )
