"""`jurnal-desk history` and `jurnal-desk undo BATCH`: what was posted, and taking a batch back.

The outbox is the history: every batch, when, to which company, from which file, and what
became of each entry. Undo deletes, by id, the Accurate vouchers one batch created (and
only those); Sempoa has no delete.
"""

from __future__ import annotations

import argparse
import sys

from app.api.ratelimit import LimiterRegistry
from app.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from app.core.i18n import JurnalError, Text, tr
from app.posting.outbox import Batch, EntryStatus, Outbox
from app.posting.report import STATUS_WORDS, readable_messages
from app.posting.service import Company, batch_profile_missing, opened_outbox, undo_batch
from app.profiles.home import app_home
from app.profiles.secrets import SecretStore
from app.profiles.store import ProfileNotFound, ProfileStore


def register(subparsers: argparse._SubParsersAction) -> None:
    history = subparsers.add_parser(
        "history",
        help="list posted batches, or one batch's entries",
        description="The posting history kept in the outbox: every batch, or with --batch "
        "every entry of one batch with its status and the server's answer.",
    )
    history.add_argument("--profile", metavar="NAME", help="only this company's batches")
    history.add_argument("--batch", metavar="BATCH", help="show this batch's entries")
    history.set_defaults(handler=run_history)

    undo = subparsers.add_parser(
        "undo",
        help="delete from Accurate the vouchers one batch posted",
        description="Delete, by id, the Accurate vouchers that this batch created, and "
        "only those. Sempoa offers no delete.",
    )
    undo.add_argument("batch", metavar="BATCH", help="the batch id (see `jurnal-desk history`)")
    undo.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    undo.set_defaults(handler=run_undo)


def run_history(args: argparse.Namespace) -> int:
    with opened_outbox(app_home()) as outbox:
        if args.batch:
            _print_batch(outbox, outbox.batch(args.batch), args.lang)
            return EXIT_OK
        batches = outbox.batches(args.profile)
        if not batches:
            print(tr("Belum ada yang diposting.", "Nothing has been posted yet.").get(args.lang))
            return EXIT_OK
        for batch in batches:
            print(_batch_line(outbox, batch, args.lang))
    return EXIT_OK


def _batch_line(outbox: Outbox, batch: Batch, lang: str) -> str:
    counts = outbox.counts(batch.id)
    parts = ", ".join(
        f"{count} {STATUS_WORDS[status].get(lang)}" for status, count in sorted(counts.items())
    )
    source = batch.source_file.rsplit("/", 1)[-1] or "-"
    when = batch.created_at[:16].replace("T", " ")
    return f"{batch.id}  {when} UTC  {batch.profile}  {source}  [{parts}]"


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
        secrets = SecretStore()
        store = ProfileStore(home, secrets)
        try:
            company = Company.saved(store, secrets, LimiterRegistry(), batch.profile)
        except ProfileNotFound:
            raise JurnalError(batch_profile_missing(batch)) from None
        with company:
            undone = undo_batch(outbox, company, batch)
    print(
        tr(
            "{n} voucher dari batch {b} dihapus dari {p}.",
            "{n} vouchers of batch {b} deleted from {p}.",
            n=len(undone),
            b=batch.id,
            p=batch.profile,
        ).get(args.lang)
    )
    return EXIT_OK if len(undone) == len(posted) else EXIT_PROBLEMS


def _confirmed(batch: Batch, count: int, lang: str) -> bool:
    question = tr(
        "Hapus {n} voucher batch {b} dari {p}? Ketik 'ya' untuk lanjut: ",
        "Delete {n} vouchers of batch {b} from {p}? Type 'yes' to go on: ",
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
        "Pembatalan menghapus data di server; tambahkan --yes untuk menjalankannya tanpa tanya.",
        "Undo deletes data on the server; add --yes to run it without a question.",
    )


def _nothing_to_undo(batch: Batch) -> Text:
    return tr(
        "Batch {b} tidak punya jurnal terposting untuk dibatalkan.",
        "Batch {b} has no posted entries to undo.",
        b=batch.id,
    )
