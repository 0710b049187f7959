"""`jurnal-desk post FILE --profile NAME`: check a workbook against the company's chart (and
Accurate's branches), then post it, exactly once, with a progress line and a summary.

Exit 0 only when every entry is in the books (now or from an earlier run), 1 when any entry
was invalid, rejected, skipped as a duplicate or left uncertain, 2 on a usage error.
Running it again after an interruption finishes the job without duplicates.
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from app.cli import EXIT_BUSY, EXIT_OK, EXIT_PROBLEMS, commands
from app.cli.accounts_map import profile_map, remap_lines
from app.cli.company import saved_company
from app.cli.interruptible import run_interruptible
from app.cli.text_width import pad
from app.cli.validate import (
    _check_report_target,
    _check_source,
    _unreadable,
    add_number_style_flag,
    add_round_cents_flag,
    summary_text,
)
from app.core.books.journal import JournalEntry
from app.core.books.money import ZERO
from app.core.books.number_style import NumberStyle, format_amount
from app.core.books.written_accounts import written_summary
from app.core.formatting import number_style
from app.core.i18n import Text, tr
from app.posting.checks.closing_date import closing_date_summary
from app.posting.outbox.lease import PostingBusy
from app.posting.outbox.ledger import EntryStatus, Outbox, OutboxEntry
from app.posting.report.words import readable_messages
from app.posting.run_report import PostingReport, Progress
from app.posting.service import Company, opened_outbox
from app.posting.workbook_post import WorkbookCheck, check_workbook, post_checked
from app.profiles.home import app_home

if TYPE_CHECKING:  # read only when a workbook is (openpyxl is slow to import)
    from app.core.excel.reader import ImportResult


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "post",
        help=commands.summary("post"),
        description=tr(
            "Periksa buku kerja terhadap daftar akun perusahaan, lalu posting jurnalnya. "
            "Jurnal yang sudah diposting dilewati, jadi menjalankannya lagi setelah terputus "
            "menyelesaikan pekerjaan tanpa duplikat. Keluar dengan 0 bila setiap jurnal sudah "
            "ada di pembukuan, 1 bila ada yang belum."
        ).get(),
    )
    parser.add_argument(
        "file", metavar="FILE", type=Path, help=tr("buku kerja yang diposting").get()
    )
    parser.add_argument(
        "--profile", required=True, metavar="NAME", help=tr("profil perusahaan").get()
    )
    parser.add_argument(
        "--sheet", metavar="NAME", help=tr("lembar yang dibaca (bawaan: dideteksi)").get()
    )
    add_number_style_flag(parser)
    add_round_cents_flag(parser)
    parser.add_argument(
        "--no-map-accounts",
        action="store_true",
        help=tr(
            "abaikan pemetaan akun perusahaan (`accounts map`), yang diterapkan secara bawaan"
        ).get(),
    )
    parser.add_argument(
        "--dry-run", action="store_true", help=tr("periksa semuanya, jangan kirim apa pun").get()
    )
    parser.add_argument(
        "--no-bulk", action="store_true", help=tr("Accurate: simpan voucher satu per satu").get()
    )
    parser.add_argument(
        "--only-valid",
        action="store_true",
        help=tr("posting jurnal yang valid walaupun jurnal lain bermasalah").get(),
    )
    parser.add_argument(
        "--allow-duplicates",
        action="store_true",
        help=tr(
            "kirim jurnal yang nomor referensinya sudah dipakai jurnal lain di perusahaan ini"
        ).get(),
    )
    parser.add_argument(
        "--wait",
        metavar="SECONDS",
        type=float,
        nargs="?",
        const=3600.0,
        default=0.0,
        help=tr(
            "bila posting lain ke perusahaan ini sedang berjalan (jendela, perintah lain), "
            "tunggu sampai selesai (paling lama SECONDS, bawaan satu jam) alih-alih keluar "
            "dengan kode 3"
        ).get(),
    )
    parser.add_argument(
        "--resend-unclear",
        action="store_true",
        help=tr(
            "kirim lagi jurnal yang ditahan setelah beberapa jawaban tidak jelas (periksa dulu"
            " di layanan bahwa jurnal itu belum ada)"
        ).get(),
    )
    parser.add_argument(
        "--create-classifications",
        action="store_true",
        help=tr(
            "Accurate: buat klasifikasi data (Kategori Keuangan) yang disebut buku kerja "
            "tetapi belum dimiliki perusahaan, sebelum posting (masing-masing ditampilkan)"
        ).get(),
    )
    parser.add_argument(
        "--report", metavar="OUT.xlsx", type=Path, help=tr("tulis buku kerja hasil").get()
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except PostingBusy as busy:
        print(f"jurnal-desk: {busy}", file=sys.stderr)
        return EXIT_BUSY


def _run(args: argparse.Namespace) -> int:
    from app.core.excel.reader import ImportOptions

    _check_source(args.file)
    if args.report is not None:
        _check_report_target(args.report, args.file)
    lang = args.lang
    home = app_home()
    with saved_company(args.profile, bulk=not args.no_bulk) as company:
        chart = company.chart()
        _say(tr("Daftar akun dimuat: {n} akun.", n=len(chart)), lang)
        options = ImportOptions(
            sheet=args.sheet,
            number_style=NumberStyle(args.number_style),
            round_cents=args.round_cents,
        )
        if not args.no_map_accounts:
            options.account_map = profile_map(home, company.profile.name, lang)
        prepare = None
        if args.create_classifications:

            def prepare(entries: list[JournalEntry]) -> None:
                _create_classifications(company, entries, args.dry_run, lang)

        try:
            check = check_workbook(company, args.file, options, prepare=prepare)
        except OSError as error:
            raise _unreadable(args.file, error) from None
        result, checked, problems = check.result, check.checked, check.problems
        for line in remap_lines(result.remapped, company.profile.name, options.account_map, lang):
            print(line)
        written = written_summary(result.entries, chart)
        if written is not None:
            print(written.get(lang), end="\n\n")
        print(summary_text(result, lang, round_cents=args.round_cents))
        if problems and not args.only_valid:
            _write_problem_report(args, result)
            _say(_nothing_sent(len(checked.ready)), lang)
            return EXIT_PROBLEMS
        with opened_outbox(home) as outbox:
            if args.dry_run:
                return _dry_run(outbox, company, checked.ready, bool(problems), lang)
            report = _post_with_progress(args, outbox, company, check)
            if args.report is not None:
                _write_posting_report(report, result, args.report, lang)
    print_summary(report, len(checked.invalid_references), lang)
    complete = report.complete and not problems and report.stopped_by is None
    return EXIT_OK if complete else EXIT_PROBLEMS


def _create_classifications(
    company: Company, entries: list[JournalEntry], dry_run: bool, lang: str
) -> None:
    """The classifications the entries name that the company lacks: created (the flag is the
    user's confirmation), or only listed on a dry run."""
    missing = company.missing_classifications(entries)
    if not missing:
        return
    names = ", ".join(f"{index}: {name}" for index, name in missing)
    if dry_run:
        text = tr(
            "Uji coba: {n} klasifikasi data akan dibuat ({names}).",
            n=len(missing),
            names=names,
        )
    else:
        created = company.create_classifications(missing)
        text = tr(
            "Klasifikasi data dibuat di Accurate: {n} ({names}).",
            n=len(created),
            names=names,
        )
    _say(text, lang)


def _post_with_progress(
    args: argparse.Namespace, outbox: Outbox, company: Company, check: WorkbookCheck
) -> PostingReport:
    """Run the engine on a worker thread so Ctrl-C can cancel it cleanly."""
    cancel = threading.Event()
    line = _ProgressLine(args.lang)

    def work() -> PostingReport:
        return post_checked(
            outbox,
            company,
            check,
            allow_duplicates=args.allow_duplicates,
            on_progress=line.show,
            cancel=cancel,
            wait=args.wait,
            resend_unclear=args.resend_unclear,
        )

    def stop() -> None:
        cancel.set()
        _say(_stopping(), args.lang, stream=sys.stderr)

    try:
        return run_interruptible(work, stop, name="post")
    finally:
        line.finish()


class _ProgressLine:
    """One line on the terminal, rewritten in place; nothing when output is not a terminal."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.live = sys.stderr.isatty()
        self.shown = False

    def show(self, progress: Progress) -> None:
        if not self.live:
            return
        left = progress.seconds_left
        eta = f"{left:,.0f} s" if left is not None else "?"
        text = tr(
            "{d}/{t} jurnal · {p} terposting · {r} ditolak · {e:.1f} jurnal/dtk · "
            "{q:.1f} req/dtk · sisa {eta}",
            d=progress.done,
            t=progress.total,
            p=progress.posted,
            r=progress.rejected,
            e=progress.entries_per_second,
            q=progress.requests_per_second,
            eta=eta,
        ).get(self.language)
        sys.stderr.write("\r" + text[:120].ljust(120))
        sys.stderr.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()


def _dry_run(
    outbox: Outbox, company: Company, entries: list[JournalEntry], had_problems: bool, lang: str
) -> int:
    posted_before = [
        entry.reference
        for entry in entries
        if outbox.posted_reference(company.profile.name, entry.reference) is not None
    ]
    _say(
        tr(
            "Uji coba: {n} jurnal akan dikirim ke {c} ({s}); {k} sudah pernah diposting dan "
            "akan dilewati. Tidak ada yang dikirim.",
            n=len(entries) - len(posted_before),
            c=company.profile.company_name or company.profile.name,
            s=company.profile.service,
            k=len(posted_before),
        ),
        lang,
    )
    return EXIT_PROBLEMS if had_problems else EXIT_OK


def print_summary(report: PostingReport, invalid: int, lang: str) -> None:
    """What the run came to, one count a line, then the entries to look at and why."""
    style = number_style(lang)
    summary = report.summary(invalid=invalid)
    print()
    _say(tr("Batch {b}", b=report.batch.id), lang)
    rows = [
        (tr("Terposting sekarang"), summary.posted),
        (tr("Sudah terposting sebelumnya"), summary.posted_before),
        (tr("Ditolak server"), summary.rejected),
        (tr("Duplikat dilewati"), summary.duplicates),
        (tr("Belum pasti"), summary.uncertain),
        (tr("Belum dikirim"), summary.pending),
        (tr("Tidak valid (tidak dikirim)"), summary.invalid),
        (
            tr("Total debit terposting"),
            format_amount(summary.debit_posted or ZERO, style),
        ),
    ]
    for label, value in rows:
        print(f"  {pad(label.get(lang) + ':', 32)} {value:>18}")
    closed = closing_date_summary(report.entries)  # one message, not one per entry
    told = set(closed[1]) if closed is not None else set()
    for entry in report.entries:
        if _to_look_at(entry) and entry.reference not in told:
            print(f"  - {entry.reference}: {'; '.join(readable_messages(entry, lang))}")
    if closed is not None:
        print()
        _say(closed[0], lang)
    if report.stopped_by is not None:
        print()
        _say(report.stopped_by, lang)
    elif report.cancelled:
        _say(_resume_hint(), lang)


def _to_look_at(entry: OutboxEntry) -> bool:
    """Rejected, of unknown fate, or skipped as a duplicate: listed with its reasons."""
    if entry.status is EntryStatus.SKIPPED:
        return not entry.posted_before
    return entry.status in (EntryStatus.REJECTED, EntryStatus.UNCERTAIN)


def _write_problem_report(args: argparse.Namespace, result: ImportResult) -> None:
    if args.report is None:
        return
    from app.core.excel.error_report import write_error_report

    write_error_report(result, args.report)
    _say(
        tr(
            "Laporan masalah ditulis ke {p}.",
            p=args.report,
        ),
        args.lang,
    )


def _write_posting_report(
    report: PostingReport, result: ImportResult, out: Path, lang: str
) -> None:
    from app.posting.report.workbook import write_posting_report

    write_posting_report(report, out, source=result, language=lang)
    _say(tr("Laporan hasil ditulis ke {p}.", p=out), lang)


def _nothing_sent(ready: int) -> Text:
    return tr(
        "Tidak ada yang dikirim: perbaiki masalah di atas lalu jalankan lagi, atau tambahkan "
        "--only-valid untuk memposting {n} jurnal yang valid saja.",
        n=ready,
    )


def _stopping() -> Text:
    return tr("Menghentikan: menunggu permintaan yang sedang berjalan selesai...")


def _resume_hint() -> Text:
    return tr(
        "Posting dihentikan. Jalankan perintah yang sama lagi untuk melanjutkan; yang sudah "
        "terposting tidak akan dikirim dua kali."
    )


def _say(text: Text, lang: str, *, stream: TextIO | None = None) -> None:
    print(text.get(lang), file=stream or sys.stdout)
