"""`jurnal-desk reverse BATCH [--date D] [--json]`: cancel a posted batch with reversing
entries (debit and credit swapped, same accounts and amounts), posted as a batch of their own
linked to the original (app.posting.reversal.reverse).

Exactly once, as posting is: running it again sends only what is not on the books yet
(nothing, once the reversal is complete); an interrupted run is resumed. Exit 0 when every
reversing entry is on the books, 1 when any is not, 3 when another posting to the company is
in progress.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from datetime import date

from app.cli import EXIT_BUSY, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, commands
from app.cli.company import company_of
from app.cli.history import batch_json
from app.cli.interruptible import run_interruptible
from app.cli.post import _ProgressLine, print_summary
from app.core.books.dates import DateError, parse_date
from app.core.i18n import Text, tr
from app.posting.outbox.lease import PostingBusy
from app.posting.outbox.ledger import Batch, Outbox
from app.posting.reversal.reverse import reverse_batch
from app.posting.run_report import PostingReport
from app.posting.service import Company, opened_outbox
from app.profiles.home import app_home


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    reverse = subparsers.add_parser(
        "reverse",
        help=commands.summary("reverse"),
        description=tr(
            "Posting satu jurnal balik untuk setiap voucher yang diposting batch itu: debit "
            "dan kredit ditukar di setiap baris, akun dan jumlah yang sama, nomor <asli>-R, "
            "deskripsi 'Pembalik: <deskripsi asli>'. Jurnal balik menjadi batch tersendiri, "
            "terhubung ke batch aslinya di riwayat; menjalankan perintah ini lagi hanya "
            "mengirim yang belum ada di pembukuan. Sempoa tidak punya penghapusan: beginilah "
            "batch Sempoa dibatalkan, begitu juga batch Accurate di periode yang sudah "
            "ditutup."
        ).get(),
    )
    reverse.add_argument(
        "batch", metavar="BATCH", help=tr("id batch (lihat `jurnal-desk history`)").get()
    )
    reverse.add_argument(
        "--date",
        metavar="D",
        help=tr(
            "tanggal untuk setiap jurnal balik (mis. 2026-09-01 atau 01/09/2026; bawaan: "
            "tanggal masing-masing jurnal asli). Pada putaran berikutnya hanya jurnal balik "
            "yang belum tersimpan yang diberi tanggal baru"
        ).get(),
    )
    reverse.add_argument(
        "--json",
        action="store_true",
        help=tr(
            "cetak batch pembalik seperti `history --json`, beserta batch yang dibaliknya"
        ).get(),
    )
    reverse.set_defaults(handler=run_reverse)


def run_reverse(args: argparse.Namespace) -> int:
    try:
        on_date = _chosen_date(args.date)
    except DateError as error:
        print(f"jurnal-desk: {error.text.get(args.lang)}", file=sys.stderr)
        return EXIT_USAGE
    try:
        with opened_outbox(app_home()) as outbox:
            original = outbox.batch(args.batch)
            with company_of(original) as company:
                report = _reverse_with_progress(outbox, company, original, on_date, args.lang)
            sent_now = report.summary().posted  # posted before this run: not counted
            return _told(outbox, report, original.id, sent_now, args)
    except PostingBusy as busy:
        print(f"jurnal-desk: {busy}", file=sys.stderr)
        return EXIT_BUSY


def _chosen_date(text: str | None) -> date | None:
    if text is None:
        return None
    chosen = parse_date(text)
    if chosen is None:
        raise DateError(tr("Tanggal --date kosong."))
    return chosen


def _reverse_with_progress(
    outbox: Outbox, company: Company, original: Batch, on_date: date | None, lang: str
) -> PostingReport:
    """Post on a worker thread so Ctrl-C stops it cleanly (what was sent stays recorded;
    the same command resumes)."""
    cancel = threading.Event()
    line = _ProgressLine(lang)

    def work() -> PostingReport:
        return reverse_batch(
            outbox, company, original, on_date=on_date, on_progress=line.show, cancel=cancel
        )

    try:
        return run_interruptible(work, cancel.set, name="reverse")
    finally:
        line.finish()


def _told(
    outbox: Outbox,
    report: PostingReport,
    original_id: str,
    sent_now: int,
    args: argparse.Namespace,
) -> int:
    complete = report.complete and report.stopped_by is None and not report.cancelled
    if args.json:
        data = {"reverses": original_id, **batch_json(outbox, report.batch)}
        data["requests"] = report.progress.requests
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK if complete else EXIT_PROBLEMS
    print(_linked_text(report, original_id, sent_now).get(args.lang))
    print_summary(report, 0, args.lang)
    if report.cancelled and report.stopped_by is None:
        print(_resume_hint(original_id).get(args.lang))
    return EXIT_OK if complete else EXIT_PROBLEMS


def _linked_text(report: PostingReport, original_id: str, sent_now: int) -> Text:
    if report.complete and not sent_now:
        return tr(
            "Batch {m} sudah dibalik oleh batch {b}; tidak ada yang dikirim.",
            m=original_id,
            b=report.batch.id,
        )
    return tr(
        "Jurnal balik batch {m}: batch {b}.",
        m=original_id,
        b=report.batch.id,
    )


def _resume_hint(original_id: str) -> Text:
    return tr(
        "Dihentikan. Jalankan `jurnal-desk reverse {m}` lagi untuk melanjutkan; yang sudah "
        "terposting tidak dikirim dua kali.",
        m=original_id,
    )
