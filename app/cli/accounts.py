"""`jurnal-desk accounts --profile NAME`: the company's chart of accounts, as the service has it.

One line per account: code, name, type, and marks for accounts a journal line cannot use
(parent accounts, suspended accounts). `accounts map` keeps the company's account re-mapping
(app/cli/accounts_map.py).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from app.cli import EXIT_OK, commands
from app.cli.accounts_map import add_map_parser
from app.cli.company import saved_company
from app.cli.profile import format_table
from app.core.books.journal import Account, Chart
from app.core.i18n import JurnalError, tr


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "accounts",
        help=commands.summary("accounts"),
        description=tr(
            "Baca daftar akun perusahaan dari layanannya lalu cetak: kode, nama, tipe, dan "
            "apakah akun itu akun induk atau dinonaktifkan (keduanya tidak bisa dipakai di "
            "baris jurnal)."
        ).get(),
    )
    parser.add_argument("--profile", metavar="NAME", help=tr("profil perusahaan (wajib)").get())
    parser.set_defaults(handler=run)
    add_map_parser(parser.add_subparsers(dest="accounts_action", metavar="ACTION"))


def run(args: argparse.Namespace) -> int:
    if getattr(args, "profile", None) is None:
        raise JurnalError(tr("Sebutkan perusahaannya dengan --profile NAMA."))
    if args.accounts_action is not None:
        handler: Callable[[argparse.Namespace], int] = args.accounts_handler  # `map`'s
        return handler(args)
    with saved_company(args.profile) as company:
        chart = company.chart()
    print(chart_table(chart))
    postable = len(chart.postable())
    print(
        tr(
            "{n} akun, {p} bisa dipakai di baris jurnal.",
            n=len(chart),
            p=postable,
        )
    )
    return EXIT_OK


def chart_table(chart: Chart) -> str:
    header = [tr("Kode"), tr("Nama"), tr("Tipe"), tr("Tanda")]
    rows = [[str(title) for title in header]]
    rows.extend(_row(chart[code]) for code in chart)  # the service's own order
    return format_table(rows)


def _row(account: Account) -> list[str]:
    marks = []
    if account.is_parent:
        marks.append(tr("induk").get())
    if account.suspended:
        marks.append(tr("nonaktif").get())
    return [account.code, account.name, account.account_type or "-", ", ".join(marks)]
