"""`jurnal-desk history` and `jurnal-desk undo BATCH`: what was posted, and taking a batch back.

The outbox is the history: every batch, when, to which company, from which file, and what
became of each entry. Undo deletes, by id, the Accurate vouchers one batch created (and
only those); Sempoa has no delete.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from app.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, commands
from app.cli.company import company_of
from app.core.i18n import Text, tr
from app.posting.outbox.file import OutboxDamaged, set_aside_damaged
from app.posting.outbox.ledger import Batch, EntryStatus, Outbox
from app.posting.report.words import readable_messages
from app.posting.reversal.reverse import reversal_link
from app.posting.service import opened_outbox, outbox_path, undo_batch
from app.posting.summary import STATUS_WORDS, SUMMARY_COUNTS, summary_of_counts
from app.profiles.home import app_home


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    history = subparsers.add_parser(
        "history",
        help=commands.summary("history"),
        description=tr(
            "Riwayat posting yang disimpan di outbox: setiap batch, atau dengan --batch setiap"
            " jurnal dalam satu batch beserta statusnya dan jawaban server."
        ).get(),
    )
    history.add_argument("--profile", metavar="NAME", help=tr("hanya batch perusahaan ini").get())
    history.add_argument(
        "--batch", metavar="BATCH", help=tr("tampilkan jurnal dalam batch ini").get()
    )
    history.add_argument(
        "--json",
        action="store_true",
        help=tr(
            "cetak data yang sama sebagai JSON: daftar batch, masing-masing dengan jurnalnya"
        ).get(),
    )
    history.add_argument(
        "--set-aside-damaged",
        action="store_true",
        help=tr(
            "pindahkan berkas riwayat yang rusak dan mulai yang baru (setiap jurnal lalu "
            "dicari di server sebelum dikirim)"
        ).get(),
    )
    history.set_defaults(handler=run_history)

    undo = subparsers.add_parser(
        "undo",
        help=commands.summary("undo"),
        description=tr(
            "Hapus, berdasarkan id, voucher Accurate yang dibuat batch ini, dan hanya itu. "
            "Sempoa tidak menyediakan penghapusan."
        ).get(),
    )
    undo.add_argument(
        "batch", metavar="BATCH", help=tr("id batch (lihat `jurnal-desk history`)").get()
    )
    undo.add_argument("--yes", action="store_true", help=tr("jangan minta konfirmasi").get())
    undo.set_defaults(handler=run_undo)


def run_history(args: argparse.Namespace) -> int:
    if args.set_aside_damaged:
        return _set_aside(args.lang)
    with opened_outbox(app_home()) as outbox:
        if args.json:
            batches = [outbox.batch(args.batch)] if args.batch else outbox.batches(args.profile)
            json.dump(
                [batch_json(outbox, b) for b in batches], sys.stdout, ensure_ascii=False, indent=2
            )
            print()
            return EXIT_OK
        if args.batch:
            _print_batch(outbox, outbox.batch(args.batch), args.lang)
            return EXIT_OK
        batches = outbox.batches(args.profile)
        if not batches:
            print(tr("Belum ada yang diposting.").get(args.lang))
            return EXIT_OK
        for batch in batches:
            print(_batch_line(outbox, batch, args.lang))
    return EXIT_OK


def _batch_line(outbox: Outbox, batch: Batch, lang: str) -> str:
    parts = summary_of_counts(outbox.reason_counts(batch.id)).breakdown(language=lang)
    source = batch.source_file.rsplit("/", 1)[-1] or "-"
    when = batch.created_at[:16].replace("T", " ")
    link = reversal_link(outbox, batch.id)
    linked = f"  ({link.get(lang)})" if link is not None else ""
    return f"{batch.id}  {when} UTC  {batch.profile}  {source}  [{parts}]{linked}"


def _set_aside(lang: str) -> int:
    path = outbox_path(app_home())
    try:
        Outbox(path).close()
    except OutboxDamaged:
        aside = set_aside_damaged(path)
        print(
            tr(
                "Berkas riwayat yang rusak dipindahkan ke {a}. Riwayat baru dimulai; setiap "
                "jurnal akan dicari dulu di server sebelum dikirim.",
                a=aside,
            ).get(lang)
        )
        return EXIT_OK
    print(
        tr(
            "Berkas riwayat {p} tidak rusak; tidak ada yang dipindahkan.",
            p=path,
        ).get(lang)
    )
    return EXIT_USAGE


def batch_json(outbox: Outbox, batch: Batch) -> dict[str, Any]:
    """One batch as scheduled scripts read it: `batch` is the id `undo` and `verify` take."""
    counts = outbox.counts(batch.id)
    summary = summary_of_counts(outbox.reason_counts(batch.id))
    reversal = outbox.reversal_of(batch.id)
    return {
        "batch": batch.id,
        "profile": batch.profile,
        "service": batch.service,
        "created": batch.created_at,
        "finished": batch.finished_at,
        "source": batch.source_file,
        "sheet": batch.source_sheet,
        # The batch of reversing entries made for this one, or the batch this one reverses.
        "reversed_by": reversal.id if reversal is not None else None,
        "reverses": outbox.reversed_batch(batch.id) or None,
        "counts": {status.value: counts.get(status, 0) for status in EntryStatus},
        # The same entries as every summary counts them (posted before, duplicates ...).
        "summary": {name: getattr(summary, name) for name in SUMMARY_COUNTS},
        "entries": [
            {
                "reference": entry.reference,
                "status": entry.status.value,
                "remote_id": entry.remote_id,
                "remote_number": entry.remote_number,
                "verified": entry.verified.value or None,
                "attempts": entry.attempts,
                "reason": entry.reason.value or None,
                "messages": readable_messages(entry, "en"),
            }
            for entry in outbox.entries(batch.id)
        ],
    }


def _print_batch(outbox: Outbox, batch: Batch, lang: str) -> None:
    print(_batch_line(outbox, batch, lang))
    for entry in outbox.entries(batch.id):
        remote = f" #{entry.remote_id}" if entry.remote_id else ""
        messages = readable_messages(entry, lang)
        note = f"  {'; '.join(messages)}" if messages else ""
        print(f"  {entry.reference:<20} {STATUS_WORDS[entry.status].get(lang)}{remote}{note}")


def run_undo(args: argparse.Namespace) -> int:
    home = app_home()
    with opened_outbox(home) as outbox:
        batch = outbox.batch(args.batch)
        posted = outbox.entries(batch.id, [EntryStatus.POSTED])
        if not posted:
            print(_nothing_to_undo(batch).get(args.lang))
            return EXIT_OK
        if not args.yes and not _confirmed(batch, len(posted), args.lang):
            return EXIT_USAGE
        with company_of(batch) as company:
            undone = undo_batch(outbox, company, batch)
        left = outbox.entries(batch.id, [EntryStatus.POSTED])
    print(
        tr(
            "{n} voucher dari batch {b} dihapus dari {p}.",
            n=len(undone),
            b=batch.id,
            p=batch.profile,
        ).get(args.lang)
    )
    for entry in left:  # not deleted: why (undo's own note comes last)
        why = readable_messages(entry, args.lang)[-1:] or [""]
        print(f"  {entry.reference}: {why[0]}")
    return EXIT_OK if len(undone) == len(posted) else EXIT_PROBLEMS


def _confirmed(batch: Batch, count: int, lang: str) -> bool:
    question = tr(
        "Hapus {n} voucher batch {b} dari {p}? Ketik 'ya' untuk lanjut: ",
        n=count,
        b=batch.id,
        p=batch.profile,
    )
    if not sys.stdin.isatty():
        print(_needs_yes().get(lang), file=sys.stderr)
        return False
    answer = input(question.get(lang)).strip().lower()
    return answer in ("ya", "y", "yes")


def _needs_yes() -> Text:
    return tr(
        "Pembatalan menghapus data di server; tambahkan --yes untuk menjalankannya tanpa tanya."
    )


def _nothing_to_undo(batch: Batch) -> Text:
    return tr(
        "Batch {b} tidak punya jurnal terposting untuk dibatalkan.",
        b=batch.id,
    )
