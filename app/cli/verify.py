"""`jurnal-desk verify BATCH`: read a posted batch back from the service and compare.

Every voucher the batch posted is read from the company's books and compared with what the
outbox says was sent: date, accounts, sides, amounts, branch and description. One line per
difference, then a summary; exit 0 only when the books match.
"""

from __future__ import annotations

import argparse

from app.cli import EXIT_OK, EXIT_PROBLEMS, commands
from app.cli.company import company_of
from app.core.i18n import tr
from app.posting.readback import verify_posted
from app.posting.service import opened_outbox
from app.profiles.home import app_home


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    verify = subparsers.add_parser(
        "verify",
        help=commands.summary("verify"),
        description=tr(
            "Membaca kembali setiap voucher yang diposting batch itu dari pembukuan perusahaan"
            " dan membandingkan tanggal, akun, sisi, jumlah, cabang dan deskripsi dengan yang "
            "dikirim. Keluar dengan 0 hanya bila pembukuan cocok."
        ).get(),
    )
    verify.add_argument(
        "batch", metavar="BATCH", help=tr("id batch (lihat `jurnal-desk history`)").get()
    )
    verify.set_defaults(handler=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    with opened_outbox(app_home()) as outbox:
        batch = outbox.batch(args.batch)
        with company_of(batch) as company:
            print(
                tr(
                    "Membaca ulang batch {b} dari {p}…",
                    b=batch.id,
                    p=batch.profile,
                ).get(args.lang),
                flush=True,
            )
            verification = verify_posted(outbox, company, batch)
    for difference in verification.differences:
        print(f"  {difference.text.get(args.lang)}")
    print(verification.summary().get(args.lang))
    return EXIT_OK if verification.ok else EXIT_PROBLEMS
