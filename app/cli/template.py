"""`jurnal-desk template OUT.xlsx`: write a ready-to-fill journal workbook; with `--plan`, a
firm's run plan for `post-many` (OUT.xlsx or OUT.csv)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import EXIT_OK, commands
from app.core.i18n import JurnalError, tr


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "template",
        help=commands.summary("template"),
        description=tr(
            "Tulis buku kerja jurnal dengan judul kolom yang dibaca Jurnal Desk, dua contoh "
            "jurnal dan lembar petunjuk (Petunjuk)."
        ).get(),
    )
    parser.add_argument(
        "out", metavar="OUT.xlsx", type=Path, help=tr("buku kerja yang dibuat").get()
    )
    parser.add_argument(
        "--force", action="store_true", help=tr("timpa OUT.xlsx bila sudah ada").get()
    )
    parser.add_argument(
        "--plan",
        action="store_true",
        help=tr(
            "tulis rencana untuk `post-many` sebagai gantinya (satu baris per buku kerja "
            "perusahaan; OUT boleh berakhiran .csv)"
        ).get(),
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from app.core.excel.template import write_template  # openpyxl loads only when needed

    out: Path = args.out
    if args.plan:
        return _write_plan(out, args)
    check_xlsx_target(out, force=args.force)
    write_template(out)
    message = tr(
        "Template ditulis ke {p}.\nIsi sheet 'Jurnal' (hapus dua contoh jurnal), lalu periksa "
        "dengan: jurnal-desk validate {p}",
        p=out,
    )
    print(message.get(args.lang))
    return EXIT_OK


def _write_plan(out: Path, args: argparse.Namespace) -> int:
    from app.firm.plan_template import write_plan_template

    if out.suffix.lower() == ".csv":
        check_xlsx_target(out.with_suffix(".xlsx"), force=True)  # the folder must exist
        _refuse_replacing(out, force=args.force)
    else:
        check_xlsx_target(out, force=args.force)
    write_plan_template(out, args.lang)
    message = tr(
        "Rencana ditulis ke {p}.\nIsi satu baris per workbook (ganti dua contoh), lalu "
        "posting semuanya dengan: jurnal-desk post-many {p}",
        p=out,
    )
    print(message.get(args.lang))
    return EXIT_OK


def _refuse_replacing(path: Path, *, force: bool) -> None:
    if path.exists() and not force:
        raise JurnalError(
            tr(
                "{p} sudah ada dan tidak ditimpa. Pilih nama lain, atau tambahkan --force "
                "untuk menggantinya.",
                p=path,
            )
        )


def check_xlsx_target(path: Path, *, force: bool) -> None:
    """Refuse a target that is not .xlsx, sits in a missing folder, or would be replaced
    without --force. Raises JurnalError (exit 2) with what to do instead."""
    if path.suffix.lower() != ".xlsx":
        raise JurnalError(
            tr(
                "Nama berkas {p} harus berakhiran .xlsx.",
                p=path,
            )
        )
    if not path.parent.is_dir():
        raise JurnalError(
            tr(
                "Folder {d} tidak ada; buat dulu atau pilih folder lain.",
                d=path.parent,
            )
        )
    if path.is_dir():
        raise JurnalError(tr("{p} adalah folder, bukan berkas.", p=path))
    if path.exists() and not force:
        raise JurnalError(
            tr(
                "{p} sudah ada dan tidak ditimpa. Pilih nama lain, atau tambahkan --force "
                "untuk menggantinya.",
                p=path,
            )
        )
