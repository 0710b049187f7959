"""`jurnal-desk validate FILE`: read a workbook and list every problem, posting nothing.

Exit 0 when every entry is ready to post, 1 when problems were found, 2 when the file
cannot be read or the command was used wrongly. With --round-cents, amounts holding a
fraction of a cent are rounded half-up first (each one listed) and the entries checked after.
With --profile NAME, that company's account mapping (`accounts map`) is applied first, and
the output says how many lines it re-mapped (the chart itself is not read: that needs `post
--dry-run`).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli import EXIT_OK, EXIT_PROBLEMS, commands
from app.cli.template import check_xlsx_target
from app.cli.text_width import pad
from app.core.books.journal import FRACTION_OF_CENT, Problem
from app.core.books.money import ZERO
from app.core.books.number_style import NumberStyle, format_amount
from app.core.error_text import os_reason
from app.core.formatting import number_style
from app.core.i18n import JurnalError, Text, ctr, tr

if TYPE_CHECKING:
    from app.core.excel.reader import ImportOptions, ImportResult


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "validate",
        help=commands.summary("validate"),
        description=tr(
            "Baca buku kerja jurnal, kelompokkan barisnya menjadi jurnal dan periksa (tanggal,"
            " nomor referensi, jumlah, keseimbangan). Keluar dengan 0 bila valid, 1 bila "
            "ditemukan masalah, 2 bila berkas tidak bisa dibaca."
        ).get(),
    )
    parser.add_argument(
        "file", metavar="FILE", type=Path, help=tr("buku kerja yang diperiksa").get()
    )
    parser.add_argument(
        "--sheet", metavar="NAME", help=tr("lembar yang dibaca (bawaan: dideteksi)").get()
    )
    add_number_style_flag(parser)
    add_round_cents_flag(parser)
    parser.add_argument(
        "--profile",
        metavar="NAME",
        help=tr("terapkan pemetaan akun perusahaan ini (`accounts map`) sebelum memeriksa").get(),
    )
    parser.add_argument(
        "--report",
        metavar="OUT.xlsx",
        type=Path,
        help=tr("tulis juga salinan lembar dengan setiap masalah di samping barisnya").get(),
    )
    parser.set_defaults(handler=run)


def add_number_style_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--number-style",
        choices=[style.value for style in NumberStyle],
        default=NumberStyle.ID.value,
        help=tr(
            "cara penulisan jumlah yang diketik sebagai teks: id = 1.500.000,00 (bawaan), en ="
            " 1,500,000.00"
        ).get(),
    )


def add_round_cents_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--round-cents",
        action="store_true",
        help=tr(
            "bulatkan jumlah yang punya pecahan sen (10,125) setengah ke atas ke sen, seperti "
            "yang ditampilkan Excel, lalu periksa jurnalnya lagi; setiap jumlah yang "
            "dibulatkan ditampilkan"
        ).get(),
    )


def run(args: argparse.Namespace) -> int:
    from app.core.excel.reader import ImportOptions, read_workbook  # loads Excel libraries

    source: Path = args.file
    _check_source(source)
    if args.report is not None:
        _check_report_target(args.report, source)
    options = ImportOptions(
        sheet=args.sheet,
        number_style=NumberStyle(args.number_style),
        round_cents=args.round_cents,
    )
    remap_note = _apply_profile_map(args, options)
    try:
        result = read_workbook(source, options)
    except OSError as error:
        raise _unreadable(source, error) from None
    for line in remap_note(result):
        print(line)
    print(summary_text(result, args.lang, round_cents=args.round_cents))
    if args.report is not None:
        _write_report(result, args.report, args.lang)
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def _apply_profile_map(
    args: argparse.Namespace, options: ImportOptions
) -> Callable[[ImportResult], list[str]]:
    """With --profile: the company's mapping into `options`; returns what to say about it."""
    if args.profile is None:
        return lambda _result: []
    from app.cli.accounts_map import profile_map, remap_lines
    from app.profiles.home import app_home
    from app.profiles.store import ProfileStore

    home = app_home()
    company = ProfileStore(home).get(args.profile).name
    mapping = profile_map(home, company, args.lang)
    options.account_map = mapping
    return lambda result: remap_lines(result.remapped, company, mapping, args.lang)


def summary_text(result: ImportResult, language: str, *, round_cents: bool = False) -> str:
    """What validate prints: where the data was found, counts, totals, the amounts rounded
    (when asked to round), then each problem."""
    style = number_style(language)
    entries = result.entries
    debit = sum((entry.total_debit for entry in entries), ZERO)
    credit = sum((entry.total_credit for entry in entries), ZERO)
    lines = [
        tr(
            "Berkas {f}, sheet '{s}', judul kolom di baris {r}",
            f=result.path.name,
            s=result.sheet,
            r=result.header_row,
        ).get(language),
        "",
        # Translators: a label: how many entries the file holds ("Entries: 12").
        _fact(ctr("jumlah jurnal", "Jurnal"), len(entries), language),
        _fact(tr("Baris jurnal"), sum(len(e.lines) for e in entries), language),
        _fact(tr("Total debit"), format_amount(debit, style), language),
        _fact(tr("Total kredit"), format_amount(credit, style), language),
        "",
    ]
    if round_cents:
        lines.extend(_rounding_lines(result, language))
    if result.ok:
        lines.append(tr("Tidak ada masalah; jurnal siap diposting.").get(language))
        return "\n".join(lines)
    lines.append(
        tr(
            "{n} masalah ditemukan:",
            n=len(result.problems),
        ).get(language)
    )
    lines.extend(f"  - {_problem_line(problem, language)}" for problem in result.problems)
    return "\n".join(lines)


def _problem_line(problem: Problem, language: str) -> str:
    if problem.code != FRACTION_OF_CENT:
        return problem.describe(language)
    hint = tr("Jalankan dengan --round-cents untuk membulatkannya.")
    return f"{problem.describe(language)} {hint.get(language)}"


def _rounding_lines(result: ImportResult, language: str) -> list[str]:
    """How many amounts --round-cents rounded, and each one's row and old -> new value."""
    if not result.roundings:
        text = tr("Tidak ada jumlah dengan pecahan sen; tidak ada yang dibulatkan.")
        return [text.get(language), ""]
    title = tr(
        "{n} jumlah dibulatkan ke sen (setengah ke atas):",
        n=len(result.roundings),
    )
    lines = [title.get(language)]
    lines.extend(f"  - {change.describe(language)}" for change in result.roundings)
    return [*lines, ""]


def _fact(label: Text, value: object, language: str) -> str:
    return f"{pad(label.get(language) + ':', 14)} {value:>20}"


def _write_report(result: ImportResult, out: Path, language: str) -> None:
    from app.core.excel.error_report import write_error_report
    from app.core.excel.problem_column import PROBLEM_TITLE

    write_error_report(result, out, language)
    if result.problems:
        message = tr(
            "Laporan masalah ditulis ke {p}: perbaiki sel berwarna merah di sana (lihat kolom "
            "'{c}'), simpan, lalu periksa lagi.",
            p=out,
            c=PROBLEM_TITLE,
        )
    else:
        message = tr(
            "Tidak ada masalah untuk dilaporkan; laporan dengan ringkasan tetap ditulis ke {p}.",
            p=out,
        )
    print()
    print(message.get(language))


def _check_source(source: Path) -> None:
    if not source.exists():
        raise JurnalError(
            tr(
                "Berkas {p} tidak ditemukan; periksa nama dan foldernya.",
                p=source,
            )
        )
    if source.is_dir():
        raise JurnalError(
            tr(
                "{p} adalah folder; sebutkan berkas Excel-nya.",
                p=source,
            )
        )


def _check_report_target(report: Path, source: Path) -> None:
    check_xlsx_target(report, force=True)  # a report is output: replacing an old one is fine
    if report.exists() and os.path.samefile(report, source):
        raise JurnalError(
            tr(
                "Laporan tidak boleh menimpa berkas yang diperiksa ({p}); pilih nama lain "
                "untuk --report.",
                p=source,
            )
        )


def _unreadable(source: Path, error: OSError) -> JurnalError:
    return JurnalError(
        tr(
            "Berkas {p} tidak bisa dibaca: {e}. Tutup berkas itu jika sedang dibuka, atau "
            "periksa izin aksesnya.",
            p=source,
            e=os_reason(error),
        )
    )
