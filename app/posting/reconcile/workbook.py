"""The reconciliation's result workbook: a summary sheet (one row per company and period) and
one sheet per kind of finding (different, missing from the books, not from Jurnal Desk,
equal), each row naming its company, voucher and what to do. The whole workbook (sheet names, column
titles, the findings' words) is in the language asked for. Nothing secret is written."""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from app.core.excel.sheet_names import SUMMARY_SHEET, sheet_name
from app.core.excel.writing import AMOUNT_FORMAT, date_format, save_workbook, write_only_cell
from app.core.i18n import Text, ctr, tr
from app.core.services import service_name
from app.posting.reconcile.proof import Finding, Kind, Match, Reconciliation, Source
from app.posting.report.style import WRAP, header_cells, problem_cell

if TYPE_CHECKING:  # the sheet class of a write-only workbook, named only for its type
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# Translators: names of the reconciliation workbook's sheets, one per kind of finding (31
# characters at most; Excel refuses [ ] : * ? / \ in a sheet name).
SHEETS: dict[Kind, Text] = {
    Kind.DIFFERENT: ctr("nama sheet", "Berbeda"),
    Kind.MISSING: ctr("nama sheet", "Hilang"),
    Kind.FOREIGN: ctr("nama sheet", "Bukan JD"),
    Kind.EQUAL: ctr("nama sheet", "Cocok"),
}
SUMMARY_COLUMNS: tuple[tuple[Text, int], ...] = (
    (tr("Perusahaan"), 28),
    (tr("Layanan"), 14),
    (ctr("judul kolom: awal periode", "Dari"), 12),
    (ctr("judul kolom: akhir periode", "Sampai"), 12),
    (ctr("judul kolom: banyaknya jurnal yang cocok", "Cocok"), 10),
    (ctr("judul kolom: banyaknya jurnal yang berbeda", "Berbeda"), 11),
    (ctr("judul kolom: banyaknya jurnal yang hilang", "Hilang"), 10),
    (tr("Bukan dari Jurnal Desk"), 16),
    (ctr("judul kolom: pembukuan sesuai sumbernya", "Sesuai"), 10),
    (tr("Halaman daftar"), 12),
    (tr("Baca rinci"), 12),
    (ctr("judul kolom", "Catatan"), 70),
)
FINDING_COLUMNS: tuple[tuple[Text, int], ...] = (
    (tr("Perusahaan"), 24),
    (ctr("judul kolom: nomor voucher", "Nomor"), 18),
    (tr("Tanggal"), 12),
    (tr("Deskripsi"), 30),
    (ctr("judul kolom", "Jumlah"), 16),
    (ctr("judul kolom", "Sumber"), 20),
    (tr("Batch"), 24),
    (tr("Yang berbeda"), 22),
    (tr("Jurnal workbook"), 22),
    (ctr("judul kolom: penjelasan temuan", "Keterangan"), 90),
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
    summary = workbook.create_sheet(sheet_name(SUMMARY_SHEET, language))
    _summary(summary, results, troubles or {}, language)
    for kind, title in SHEETS.items():
        sheet = workbook.create_sheet(sheet_name(title, language))
        _widths(sheet, FINDING_COLUMNS)
        sheet.freeze_panes = "C2"
        sheet.append(header_cells(sheet, [name.get(language) for name, _ in FINDING_COLUMNS]))
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
    sheet.append(header_cells(sheet, [name.get(language) for name, _ in SUMMARY_COLUMNS]))
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
    note = result.list_fields_note()
    if note is not None:
        parts.append(note)
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


# {s}: the sheet's name, in the same language.
WHAT_TO_DO: dict[Kind, Text] = {
    Kind.DIFFERENT: tr(
        "Ada voucher yang diubah di layanan: periksa lembar {s}.", s=SHEETS[Kind.DIFFERENT]
    ),
    Kind.MISSING: tr(
        "Ada jurnal yang tidak ada di pembukuan (dihapus di layanan, atau belum diposting): "
        "periksa lembar {s}.",
        s=SHEETS[Kind.MISSING],
    ),
    Kind.FOREIGN: tr(
        "Ada voucher yang bukan dari Jurnal Desk (diketik langsung atau diimpor alat lain): "
        "periksa lembar {s}.",
        s=SHEETS[Kind.FOREIGN],
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
    cells[4].number_format = AMOUNT_FORMAT
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
