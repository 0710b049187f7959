"""The posting result workbook, written after real engine runs against the sandbox and opened
again with openpyxl, the way a user would look at it, and re-imported with read_workbook."""

from __future__ import annotations

import copy
import zipfile
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from app.core.books.serialize import fingerprint
from app.core.excel.reader import ImportOptions, read_workbook
from app.core.excel.writer import PROBLEM_HEADER, TEMPLATE_HEADERS
from app.posting.engine import PostingEngine
from app.posting.outbox.ledger import EntryStatus, Outbox
from app.posting.reasons import EntryReason
from app.posting.report.workbook import (
    FAILED_SHEET,
    RESULT_SHEET,
    SUMMARY_SHEET,
    readable_messages,
    write_posting_report,
)
from app.posting.targets import AccurateTarget
from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN, Faults, Sandbox
from tests.helpers.posting_helpers import ACCURATE_CREDIT, ACCURATE_DEBIT, accurate_client, entries
from tests.helpers.workbooks import write_workbook

PARENT_ACCOUNT = "1-10000"  # a parent account: the server refuses vouchers on it
HEADERS = ["Tgl", "No. Bukti", "Uraian", "Kode Perkiraan", "Catatan", "Debet", "Kredit", "Oleh"]
STATUS_COLUMN, MESSAGES_COLUMN = 6, 9  # 1-based columns of the result sheet


def user_rows() -> list[list[object]]:
    """A user's own layout: two title rows and a blank row above the header, the reference
    only on each entry's first row, an extra column the import ignores."""
    rows: list[list[object]] = [
        ["PT Demo Sejahtera"],
        ["Jurnal Umum Agustus 2026"],
        [],
        list(HEADERS),
    ]
    for number in range(1, 7):
        debit = PARENT_ACCOUNT if number == 3 else ACCURATE_DEBIT
        amount = number * 1_250_000.5
        rows.append(
            [
                date(2026, 8, number),
                f"JU-{number:03}",
                f"Biaya operasional {number}",
                debit,
                "Dibayar tunai",
                amount,
                None,
                "Sari",
            ]
        )
        rows.append([None, None, None, ACCURATE_CREDIT, "Kas kecil", None, amount, "Sari"])
    return rows  # fmt: skip


def post(outbox, client, batch_entries, *, bulk=True, source_file="", source_sheet=""):
    engine = PostingEngine(outbox, AccurateTarget(client, bulk=bulk), "PT Demo")
    batch = engine.open_batch(batch_entries, source_file=source_file, source_sheet=source_sheet)
    return engine, engine.run(batch)


def fast_sandbox(faults: Faults | None = None) -> Sandbox:
    return Sandbox(faults, enforce_rate_limit=False)


def values(sheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def fingerprints(batch_entries) -> list[str]:
    return [fingerprint(entry) for entry in batch_entries]


@pytest.fixture
def mixed_run(tmp_path, outbox):
    """The user's workbook posted after an earlier batch: JU-003 is rejected (parent account),
    JU-004 was posted before with the same content, JU-005 before with other content."""
    source_path = write_workbook(tmp_path / "agustus.xlsx", user_rows())
    source = read_workbook(source_path)
    assert source.ok and len(source.entries) == 6
    same, other = copy.deepcopy(source.entries[3:5])
    other.lines[0].memo = other.lines[1].memo = "isi lain"
    with fast_sandbox() as sb, accurate_client(sb, fast=True) as client:
        post(outbox, client, [same, other])
        _engine, report = post(
            outbox, client, source.entries, source_file="agustus.xlsx", source_sheet=source.sheet
        )
        on_server = {voucher["number"] for voucher in sb.vouchers()}
    assert on_server == {"JU-001", "JU-002", "JU-004", "JU-005", "JU-006"}
    return source, report


def test_result_sheet_shows_every_entry_with_status_number_and_messages(tmp_path, mixed_run):
    source, report = mixed_run
    path = write_posting_report(report, tmp_path / "hasil.xlsx", source=source)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == [RESULT_SHEET, FAILED_SHEET, SUMMARY_SHEET]
    sheet = workbook[RESULT_SHEET]
    rows = values(sheet)
    assert rows[0][:6] == [
        "No. / #", "No. Bukti / Reference", "Tanggal / Date", "Deskripsi / Description",
        "Total Debit", "Status",
    ]  # fmt: skip
    assert sheet["A1"].font.b and sheet.freeze_panes == "C2"
    by_reference = {row[1]: row for row in rows[1:]}
    assert [row[1] for row in rows[1:]] == [f"JU-{n:03}" for n in range(1, 7)]
    statuses = {reference: row[STATUS_COLUMN - 1] for reference, row in by_reference.items()}
    assert statuses == {
        "JU-001": "Terposting / Posted",
        "JU-002": "Terposting / Posted",
        "JU-003": "Ditolak / Rejected",
        "JU-004": "Dilewati / Skipped",
        "JU-005": "Dilewati / Skipped",
        "JU-006": "Terposting / Posted",
    }
    posted = by_reference["JU-002"]
    assert posted[2].date() == date(2026, 8, 2) and posted[3] == "Biaya operasional 2"
    assert Decimal(str(posted[4])) == Decimal("2500001.00")
    assert posted[6] == "JU-002" and posted[7]  # the server's number and id
    assert posted[9] == 1  # one attempt
    assert sheet.cell(3, 5).number_format == "#,##0.00"
    assert sheet.cell(3, 3).number_format == "dd/mm/yyyy"
    rejected_message = by_reference["JU-003"][MESSAGES_COLUMN - 1]
    assert rejected_message and PARENT_ACCOUNT in rejected_message  # the server's own words
    already = by_reference["JU-004"][MESSAGES_COLUMN - 1]
    assert already.startswith("Sudah diposting sebelumnya") and "Already posted before" in already
    assert "already-posted" not in already
    assert "JU-005" in by_reference["JU-005"][MESSAGES_COLUMN - 1]  # other content, same number
    colours = {
        statuses[sheet.cell(row, 2).value]: sheet.cell(row, STATUS_COLUMN).fill.fgColor.rgb
        for row in range(2, 8)
    }
    assert len(set(colours.values())) == 3  # posted, rejected and skipped look different


def test_failed_sheet_keeps_the_users_layout_and_reimports_as_the_failed_entries(
    tmp_path, mixed_run
):
    source, report = mixed_run
    path = write_posting_report(report, tmp_path / "hasil.xlsx", source=source)
    sheet = openpyxl.load_workbook(path)[FAILED_SHEET]
    rows = values(sheet)
    assert rows[0][0] == "PT Demo Sejahtera" and rows[1][0] == "Jurnal Umum Agustus 2026"
    assert rows[3] == [*HEADERS, PROBLEM_HEADER]
    data = [row for row in rows[4:] if any(cell is not None for cell in row)]
    original = user_rows()
    # JU-003 (rows 9-10) and JU-005 (rows 13-14) as the user typed them, each with its reason.
    assert [row[:8] for row in data] == [
        [_cell(value) for value in _padded(original[number - 1], 8)] for number in (9, 10, 13, 14)
    ]
    assert data[0][8].startswith("Ditolak server") and PARENT_ACCOUNT in data[0][8]
    assert data[1][8] is None and data[3][8] is None
    assert "JU-005" in data[2][8] and "Dilewati" in data[2][8]
    assert sheet.freeze_panes == "A5"

    failed = [source.entries[2], source.entries[4]]
    again = read_workbook(path, ImportOptions(sheet=FAILED_SHEET))
    assert again.ok and fingerprints(again.entries) == fingerprints(failed)
    assert again.header_row == 4
    # Importing the report file as it is finds the failed sheet on its own.
    assert fingerprints(read_workbook(path).entries) == fingerprints(failed)
    # And so does the failed sheet copied into a workbook of its own.
    alone = tmp_path / "perbaikan.xlsx"
    write_workbook(alone, {"Perbaikan": rows})
    assert fingerprints(read_workbook(alone).entries) == fingerprints(failed)


def _padded(row: list[object], width: int) -> list[object]:
    return list(row) + [None] * (width - len(row))


def _cell(value: object) -> object:
    """A value as openpyxl reads it back from the report."""
    if isinstance(value, date):
        return openpyxl.utils.datetime.from_excel(openpyxl.utils.datetime.to_excel(value))
    return value


def test_summary_counts_statuses_and_the_debit_posted(tmp_path, mixed_run):
    source, report = mixed_run
    path = write_posting_report(report, tmp_path / "hasil.xlsx", source=source)
    rows = values(openpyxl.load_workbook(path)[SUMMARY_SHEET])
    facts = {row[0]: row[1] for row in rows if row[0] is not None}
    assert facts["Batch"] == report.batch.id
    assert facts["Profil / Profile"] == "PT Demo"
    assert facts["Layanan / Service"] == "Accurate Online"
    assert facts["Berkas sumber / Source file"] == f"agustus.xlsx (sheet {source.sheet})"
    assert facts["Jurnal / Entries"] == 6
    assert facts["Terposting / Posted"] == 3
    assert facts["Ditolak / Rejected"] == 1
    assert facts["Dilewati / Skipped"] == 2
    assert facts["   sudah diposting sebelumnya / already posted before"] == 1
    assert facts["Menunggu / Pending"] == 0
    posted_debit = sum(Decimal(n) * Decimal("1250000.5") for n in (1, 2, 6))
    assert Decimal(str(facts["Total debit terposting / Debit total posted"])) == posted_debit
    assert facts["Posting berhenti karena / Posting stopped because"] == "-"
    assert facts["Status batch / Batch state"] == "selesai / finished"
    outcome = rows[-1][0]
    assert outcome.startswith("2 jurnal belum masuk pembukuan") and FAILED_SHEET in outcome


def test_a_chinese_report_reads_chinese_titles_words_and_dates(tmp_path, mixed_run):
    """Written in Chinese, the result and summary sheets' titles and words are Chinese and
    the dates read year first; the sheet names stay those the messages name, and the failed
    sheet keeps the user's own column titles (it is imported again)."""
    source, report = mixed_run
    path = write_posting_report(report, tmp_path / "结果.xlsx", source=source, language="zh")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == [RESULT_SHEET, FAILED_SHEET, SUMMARY_SHEET]
    sheet = workbook[RESULT_SHEET]
    rows = values(sheet)
    assert rows[0][:6] == ["序号", "凭证号", "日期", "摘要", "借方合计", "状态"]
    statuses = {row[1]: row[STATUS_COLUMN - 1] for row in rows[1:]}
    assert statuses["JU-001"] == "已过账" and statuses["JU-003"] == "被拒绝"
    assert sheet.cell(3, 3).number_format == "yyyy-mm-dd"
    summary = values(workbook[SUMMARY_SHEET])
    facts = {row[0]: row[1] for row in summary if row[0] is not None}
    assert summary[0][0] == "分录过账报告"
    assert facts["分录数"] == 6 and facts["已过账"] == 3 and facts["批次状态"] == "已完成"
    assert facts["   其中之前已过账"] == 1
    outcome = summary[-1][0]
    assert outcome.startswith("2 条分录未入账") and f"“{FAILED_SHEET}”工作表" in outcome
    assert values(workbook[FAILED_SHEET])[3][:2] == HEADERS[:2]  # the user's own titles


def test_without_the_source_failed_entries_use_the_template_layout(tmp_path, outbox):
    batch_entries = entries(5)
    batch_entries[1].lines[0].account = PARENT_ACCOUNT
    batch_entries[3].lines[1].account = PARENT_ACCOUNT
    batch_entries[3].lines[1].department = "Gudang"
    with fast_sandbox() as sb, accurate_client(sb, fast=True) as client:
        _engine, report = post(outbox, client, batch_entries, bulk=False)
    path = write_posting_report(report, tmp_path / "hasil.xlsx")
    sheet = openpyxl.load_workbook(path)[FAILED_SHEET]
    rows = values(sheet)
    assert rows[0] == [*TEMPLATE_HEADERS, PROBLEM_HEADER]
    assert [row[1] for row in rows[1:]] == ["JV-00002", "JV-00002", "JV-00004", "JV-00004"]
    assert rows[1][4] == 2000.25 and rows[1][5] is None and rows[2][5] == 2000.25
    assert sheet.cell(2, 5).number_format == "#,##0.00"
    assert rows[1][9].startswith("Ditolak server") and rows[2][9] is None
    again = read_workbook(path, ImportOptions(sheet=FAILED_SHEET))
    failed = [batch_entries[1], batch_entries[3]]
    assert again.ok and fingerprints(again.entries) == fingerprints(failed)


def test_a_source_that_moved_falls_back_to_the_template_layout(tmp_path, mixed_run):
    source, report = mixed_run
    source.path.unlink()
    path = write_posting_report(report, tmp_path / "hasil.xlsx", source=source)
    rows = values(openpyxl.load_workbook(path)[FAILED_SHEET])
    assert rows[0] == [*TEMPLATE_HEADERS, PROBLEM_HEADER]
    again = read_workbook(path, ImportOptions(sheet=FAILED_SHEET))
    assert fingerprints(again.entries) == fingerprints([source.entries[2], source.entries[4]])


def test_a_stopped_run_says_why_and_lists_the_pending_entries(tmp_path, outbox):
    batch_entries = entries(4)
    with fast_sandbox() as sb:
        token, secret = sb.add_accurate_company("PT Dicabut")
        with accurate_client(sb, fast=True, token=token, secret=secret) as client:
            engine = PostingEngine(outbox, AccurateTarget(client, bulk=False), "PT Dicabut")
            batch = engine.open_batch(batch_entries)
            sb.revoke(token)
            report = engine.run(batch)
    path = write_posting_report(report, tmp_path / "hasil.xlsx")
    workbook = openpyxl.load_workbook(path)
    statuses = {row[STATUS_COLUMN - 1] for row in values(workbook[RESULT_SHEET])[1:]}
    assert statuses == {"Menunggu / Pending"}
    facts = {row[0]: row[1] for row in values(workbook[SUMMARY_SHEET]) if row[0]}
    assert facts["Menunggu / Pending"] == 4
    assert report.stopped_by is not None
    assert facts["Posting berhenti karena / Posting stopped because"] == report.stopped_by.both()
    assert facts["Status batch / Batch state"].startswith("belum selesai: posting lagi")
    failed = read_workbook(path, ImportOptions(sheet=FAILED_SHEET))
    assert fingerprints(failed.entries) == fingerprints(batch_entries)
    reason = values(workbook[FAILED_SHEET])[1][9]
    assert reason.startswith("Belum dikirim karena posting berhenti")
    assert_no_secrets(path, token, secret)


def test_engine_markers_are_written_as_phrases_in_the_chosen_language(tmp_path, outbox):
    batch_entries = entries(3)
    faults = Faults(drop_after_store_rate=1.0, seed=1)  # stored, then the answer is lost
    with fast_sandbox(faults) as sb, accurate_client(sb, fast=True) as client:
        _engine, report = post(outbox, client, batch_entries)
    assert all(row.reason is EntryReason.FOUND_ON_SERVER for row in report.entries)
    path = write_posting_report(report, tmp_path / "result.xlsx", language="en")
    workbook = openpyxl.load_workbook(path)
    rows = values(workbook[RESULT_SHEET])[1:]
    assert {row[STATUS_COLUMN - 1] for row in rows} == {"Posted"}
    assert {row[MESSAGES_COLUMN - 1] for row in rows} == {
        "Found on the server after an unanswered request; not sent again."
    }
    assert rows[0][9] == 1  # attempts: the lost answer was looked up, never re-sent
    outcome = values(workbook[SUMMARY_SHEET])[-1][0]
    assert outcome == "Every entry is on the books."
    assert values(workbook[FAILED_SHEET]) == [[*TEMPLATE_HEADERS, PROBLEM_HEADER]]
    assert_no_secrets(path, DEMO_ACCURATE_TOKEN, DEMO_ACCURATE_SECRET)
    with pytest.raises(ValueError):
        write_posting_report(report, tmp_path / "x.xlsx", language="fr")


def test_undone_entries_are_reported_and_can_be_posted_again(tmp_path, outbox):
    batch_entries = entries(2)
    with fast_sandbox() as sb, accurate_client(sb, fast=True) as client:
        engine, report = post(outbox, client, batch_entries)
        engine.undo(report.batch.id)
    report.entries = outbox.entries(report.batch.id)
    path = write_posting_report(report, tmp_path / "hasil.xlsx", language="id")
    workbook = openpyxl.load_workbook(path)
    rows = values(workbook[RESULT_SHEET])[1:]
    assert {row[STATUS_COLUMN - 1] for row in rows} == {"Dibatalkan"}
    removed = "Dihapus dari pembukuan lewat Jurnal Desk (Hapus dari pembukuan)."
    assert {row[MESSAGES_COLUMN - 1] for row in rows} == {removed}
    again = read_workbook(path, ImportOptions(sheet=FAILED_SHEET))
    assert fingerprints(again.entries) == fingerprints(batch_entries)


def test_readable_messages_turn_every_marker_into_words(outbox):
    with fast_sandbox() as sb, accurate_client(sb, fast=True) as client:
        _engine, report = post(outbox, client, entries(1))
    row = report.entries[0]
    outbox.mark(
        row.id,
        EntryStatus.SKIPPED,
        reason=EntryReason.ALREADY_POSTED,
        earlier_batch="20260801-101500-abc123",
    )
    assert readable_messages(outbox.get(row.id), "en") == [
        "Already posted before with the same content (batch 20260801-101500-abc123); "
        "not sent again."
    ]
    outbox.mark(row.id, EntryStatus.PENDING, ["Server says hello"], reason=EntryReason.RESENT)
    assert readable_messages(outbox.get(row.id)) == [
        "Tidak ada di server setelah permintaan yang tidak terjawab; dikirim ulang. / "
        "Not on the server after an unanswered request; sent again.",
        "Server says hello",
    ]


def assert_no_secrets(path, *secrets: str) -> None:
    with zipfile.ZipFile(path) as archive:
        text = b"".join(archive.read(name) for name in archive.namelist())
    for secret in secrets:
        assert secret.encode() not in text


def test_the_failed_sheet_keeps_the_optional_fields_so_a_reimport_loses_nothing(tmp_path):
    from decimal import Decimal

    from app.core.excel.reader import ImportOptions, read_workbook
    from app.posting.outbox.ledger import EntryStatus
    from app.posting.report.workbook import FAILED_SHEET, rebuild_report, write_posting_report
    from tests.helpers.posting_helpers import entries

    [entry] = entries(1)
    entry.branch = "Cabang Surabaya"
    entry.lines[0].customer = "C-0001"
    entry.lines[0].rate = Decimal("15750.125")
    entry.lines[0].prime_amount = Decimal("100")
    entry.lines[1].classifications = ("", "Proyek A")
    with Outbox(tmp_path / "outbox.sqlite3") as outbox:
        batch = outbox.create_batch("PT A", "accurate", [entry])
        [row] = outbox.entries(batch.id)
        outbox.mark(row.id, EntryStatus.REJECTED, ["Kurs tidak valid. Cek nilai kurs!"])
        path = write_posting_report(rebuild_report(outbox, batch.id), tmp_path / "hasil.xlsx")
    [again] = read_workbook(path, ImportOptions(sheet=FAILED_SHEET)).entries
    assert again.branch == "Cabang Surabaya"
    assert again.lines[0].customer == "C-0001"
    assert (again.lines[0].rate, again.lines[0].prime_amount) == (Decimal("15750.125"), 100)
    assert again.lines[1].classifications[1] == "Proyek A"
    assert [line.debit for line in again.lines] == [line.debit for line in entry.lines]
