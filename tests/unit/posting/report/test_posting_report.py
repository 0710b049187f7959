"""The posting result workbook, written after real engine runs against the sandbox and opened
again with openpyxl, the way a user would look at it, and re-imported with read_workbook."""

from __future__ import annotations

import copy
import zipfile
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from app.core.books.serialize import fingerprint
from app.core.excel.reader import ImportOptions, read_workbook
from app.core.excel.template import TEMPLATE_HEADERS
from app.core.i18n import Text, set_language
from app.posting.engine import PostingEngine
from app.posting.outbox.ledger import EntryStatus, Outbox
from app.posting.reasons import EntryReason
from app.posting.report import workbook as report_workbook
from app.posting.report.workbook import readable_messages, sheet_name, write_posting_report
from app.posting.targets import AccurateTarget
from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN, Faults, Sandbox
from tests.helpers.posting_helpers import ACCURATE_CREDIT, ACCURATE_DEBIT, accurate_client, entries
from tests.helpers.workbooks import write_workbook

PARENT_ACCOUNT = "1-10000"  # a parent account: the server refuses vouchers on it
HEADERS = ["Tgl", "No. Bukti", "Uraian", "Kode Perkiraan", "Catatan", "Debet", "Kredit", "Oleh"]
STATUS_COLUMN, MESSAGES_COLUMN = 6, 9  # 1-based columns of the result sheet
# The sheets as a report in Indonesian (the language the tests run in) names them.
RESULT_SHEET = sheet_name(report_workbook.RESULT_SHEET, "id")
FAILED_SHEET = sheet_name(report_workbook.FAILED_SHEET, "id")
SUMMARY_SHEET = sheet_name(report_workbook.SUMMARY_SHEET, "id")
PROBLEM_HEADER = "Masalah"


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
    assert workbook.sheetnames == ["Hasil", "Gagal", "Ringkasan"]
    sheet = workbook[RESULT_SHEET]
    rows = values(sheet)
    assert rows[0][:6] == ["No.", "No. Bukti", "Tanggal", "Deskripsi", "Total Debit", "Status"]
    assert sheet["A1"].font.b and sheet.freeze_panes == "C2"
    by_reference = {row[1]: row for row in rows[1:]}
    assert [row[1] for row in rows[1:]] == [f"JU-{n:03}" for n in range(1, 7)]
    statuses = {reference: row[STATUS_COLUMN - 1] for reference, row in by_reference.items()}
    assert statuses == {
        "JU-001": "Terposting",
        "JU-002": "Terposting",
        "JU-003": "Ditolak",
        "JU-004": "Dilewati",
        "JU-005": "Dilewati",
        "JU-006": "Terposting",
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
    assert already.startswith("Sudah diposting sebelumnya") and "Already" not in already
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
    assert facts["Profil"] == "PT Demo"
    assert facts["Layanan"] == "Accurate Online"
    assert facts["Berkas sumber"] == f"agustus.xlsx (sheet {source.sheet})"
    assert facts["Jurnal"] == 6
    assert facts["Terposting"] == 3
    assert facts["Ditolak"] == 1
    assert facts["Dilewati"] == 2
    assert facts["   sudah diposting sebelumnya"] == 1
    assert facts["Menunggu"] == 0
    posted_debit = sum(Decimal(n) * Decimal("1250000.5") for n in (1, 2, 6))
    assert Decimal(str(facts["Total debit terposting"])) == posted_debit
    assert facts["Posting berhenti karena"] == "-"
    assert facts["Status batch"] == "selesai"
    outcome = rows[-1][0]
    assert outcome.startswith("2 jurnal belum masuk pembukuan") and FAILED_SHEET in outcome


def test_a_chinese_report_reads_chinese_titles_words_and_dates(tmp_path, mixed_run):
    """Written in Chinese, the sheets' names, titles and words are Chinese and the dates read
    year first; the failed sheet keeps the user's own column titles (it is imported again)."""
    source, report = mixed_run
    path = write_posting_report(report, tmp_path / "结果.xlsx", source=source, language="zh")
    workbook = openpyxl.load_workbook(path)
    result, failed, summary_name = (
        sheet_name(name, "zh")
        for name in (report_workbook.RESULT_SHEET, report_workbook.FAILED_SHEET,
                     report_workbook.SUMMARY_SHEET)
    )  # fmt: skip
    assert workbook.sheetnames == [result, failed, summary_name] == ["结果", "失败", "汇总"]
    sheet = workbook[result]
    rows = values(sheet)
    assert rows[0][:6] == ["序号", "凭证号", "日期", "摘要", "借方合计", "状态"]
    statuses = {row[1]: row[STATUS_COLUMN - 1] for row in rows[1:]}
    assert statuses["JU-001"] == "已过账" and statuses["JU-003"] == "被拒绝"
    assert sheet.cell(3, 3).number_format == "yyyy-mm-dd"
    summary = values(workbook[summary_name])
    facts = {row[0]: row[1] for row in summary if row[0] is not None}
    assert summary[0][0] == "分录过账报告"
    assert facts["分录数"] == 6 and facts["已过账"] == 3 and facts["批次状态"] == "已完成"
    assert facts["   之前已过账"] == 1
    outcome = summary[-1][0]
    assert outcome.startswith("2 条分录未入账") and f"“{failed}”工作表" in outcome
    assert values(workbook[failed])[3][:2] == HEADERS[:2]  # the user's own titles


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
    assert statuses == {"Menunggu"}
    facts = {row[0]: row[1] for row in values(workbook[SUMMARY_SHEET]) if row[0]}
    assert facts["Menunggu"] == 4
    assert report.stopped_by is not None
    assert facts["Posting berhenti karena"] == report.stopped_by.get("id")
    assert facts["Status batch"].startswith("belum selesai: posting lagi")
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
    rows = values(workbook["Result"])[1:]
    assert {row[STATUS_COLUMN - 1] for row in rows} == {"Posted"}
    assert {row[MESSAGES_COLUMN - 1] for row in rows} == {
        "Found on the server after an unanswered request; not sent again."
    }
    assert rows[0][9] == 1  # attempts: the lost answer was looked up, never re-sent
    outcome = values(workbook["Summary"])[-1][0]
    assert outcome == "Every entry is on the books."
    assert values(workbook["Failed"]) == [[*TEMPLATE_HEADERS, "Problem"]]
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
    # No language asked for: the one Jurnal Desk is in (Indonesian here), never two at once.
    assert readable_messages(outbox.get(row.id)) == [
        "Tidak ada di server setelah permintaan yang tidak terjawab; dikirim ulang.",
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
    from app.posting.report.workbook import rebuild_report, write_posting_report
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


# --- one language at a time -----------------------------------------------------------------

SHEETS_IN = {"zh": ["结果", "失败", "汇总"], "en": ["Result", "Failed", "Summary"]}


def report_words() -> list[Text]:
    """Every word of Jurnal Desk's own a posting report may show as a title or a label."""
    from app.core.excel.problem_column import PROBLEM_TITLE
    from app.posting.report.workbook import RESULT_COLUMNS, STATUS_TEXT

    sheets = [report_workbook.RESULT_SHEET, report_workbook.FAILED_SHEET]
    return [
        *sheets,
        report_workbook.SUMMARY_SHEET,
        PROBLEM_TITLE,
        *(title for title, _ in RESULT_COLUMNS),
        *STATUS_TEXT.values(),
    ]


def text_cells(workbook, *names: str) -> set[str]:
    return {
        cell
        for sheet in (workbook[name] for name in names or workbook.sheetnames)
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str)
    }


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_report_in_one_language_has_no_word_of_another_and_its_failed_sheet_reads_back(
    tmp_path, mixed_run, language
):
    source, report = mixed_run
    path = write_posting_report(report, tmp_path / "hasil.xlsx", source=source, language=language)
    workbook = openpyxl.load_workbook(path)
    result, failed, summary = SHEETS_IN[language]
    assert workbook.sheetnames == [result, failed, summary]
    from app.posting.report.workbook import RESULT_COLUMNS, STATUS_TEXT

    rows = values(workbook[result])
    assert rows[0] == [title.get(language) for title, _ in RESULT_COLUMNS]
    statuses = {row[STATUS_COLUMN - 1] for row in rows[1:]}
    posted, rejected, skipped = EntryStatus.POSTED, EntryStatus.REJECTED, EntryStatus.SKIPPED
    assert statuses == {STATUS_TEXT[status].get(language) for status in (posted, rejected, skipped)}
    # Dates and amounts stay dates and numbers, shown by Excel in the reader's own style.
    assert isinstance(rows[1][2], datetime) and isinstance(rows[1][4], float)
    expected = {"zh": "yyyy-mm-dd", "en": "dd/mm/yyyy"}[language]  # year first in Chinese
    assert workbook[result].cell(2, 3).number_format == expected
    labels = [row[0] for row in values(workbook[summary]) if row[0] is not None]
    expected_profile = {"zh": "配置文件", "en": "Profile"}[language]
    assert expected_profile in labels and "Profil" not in labels
    assert values(workbook[failed])[3] == [*HEADERS, {"zh": "问题", "en": "Problem"}[language]]
    # No title, label or status in another language, and none in the old "X / Y" form (the
    # failed sheet's journal columns are the user's own titles, kept as they were).
    shown = text_cells(workbook, result, summary) | set(workbook.sheetnames)
    for other in ("id", "en", "zh"):
        if other != language:
            foreign = {t.get(other) for t in report_words()} - {
                t.get(language) for t in report_words()
            }
            assert not foreign & shown, (other, foreign & shown)
    assert not any(" / " in label for label in labels)
    # The failed sheet reads back as the failed entries, found on its own or by its name.
    again = [source.entries[2], source.entries[4]]
    assert fingerprints(read_workbook(path).entries) == fingerprints(again)
    by_name = read_workbook(path, ImportOptions(sheet=failed))
    assert by_name.ok and fingerprints(by_name.entries) == fingerprints(again)


def test_without_a_language_the_report_is_in_the_language_jurnal_desk_is_in(tmp_path, mixed_run):
    source, report = mixed_run
    set_language("zh")
    try:
        path = write_posting_report(report, tmp_path / "hasil.xlsx", source=source)
    finally:
        set_language("id")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == SHEETS_IN["zh"]
    statuses = {row[STATUS_COLUMN - 1] for row in values(workbook["结果"])[1:]}
    assert statuses == {"已过账", "被拒绝", "已跳过"}
    assert not any(" / " in cell for cell in text_cells(workbook) if len(cell) < 60)


@pytest.mark.parametrize("earlier", ["问题", "Problem", "Masalah", "Masalah / Problem"])
def test_a_sheet_with_an_earlier_reports_problem_column_keeps_one_problem_column(
    tmp_path, mixed_run, earlier
):
    """The failed sheet of a report in any language (or of an older two-language report),
    imported and posted again: the next report reuses its problem column."""
    _source, report = mixed_run
    rows = user_rows()
    rows[3] = [*HEADERS, earlier]
    rows[8] = [*rows[8], "alasan lama"]
    earlier_source = read_workbook(write_workbook(tmp_path / "lagi.xlsx", rows))
    assert earlier_source.ok
    path = write_posting_report(
        report, tmp_path / "hasil.xlsx", source=earlier_source, language="en"
    )
    failed = values(openpyxl.load_workbook(path)["Failed"])
    assert failed[3] == [*HEADERS, "Problem"]
    assert failed[4][8].startswith("Rejected by the server") and "alasan lama" not in failed[4]
