"""`jurnal-desk reconcile --profile P --from D1 --to D2 [WORKBOOK ...]`: prove a period.

Every voucher the company's books hold for the period is read (Accurate: the journal list, a
page of 100 at a time, and each voucher's lines only where they must be compared; Sempoa: its
journal pages) and set against what Jurnal Desk posted there and, when given, the workbooks:
equal, different (which fields), posted but missing from the books, in the books but not from
Jurnal Desk (and the workbook entry matching it). `--plan PLAN` does the same for every
company of a run plan, side by side. A reading interrupted part-way continues where it
stopped when run again. Exit 0 only when the books and the sources agree.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from app.api.ratelimit import LimiterRegistry
from app.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, commands
from app.cli.company import saved_company, saved_stores
from app.cli.template import check_xlsx_target
from app.cli.validate import add_number_style_flag
from app.core.books.dates import DateError, parse_date
from app.core.books.number_style import NumberStyle
from app.core.excel.reader import ImportOptions
from app.core.i18n import JurnalError, Text, named, ntr, tr
from app.core.i18n.values import Day
from app.firm.companies import FirmCompanies
from app.firm.plan import read_plan
from app.firm.reconcile_plan import CompanyPeriod, plan_periods, reconcile_plan
from app.posting.reconcile.cache import ReadingCache
from app.posting.reconcile.json_output import reconcile_json
from app.posting.reconcile.proof import Kind, Reconciliation, reconcile_company
from app.posting.reconcile.workbook import finding_details
from app.posting.service import opened_outbox
from app.profiles.account_maps import AccountMapStore
from app.profiles.home import app_home

# Findings printed per kind before "and N more" (the result workbook has them all).
SHOWN = 50


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "reconcile",
        help=commands.summary("reconcile"),
        description=tr(
            "Membaca setiap voucher periode itu dari pembukuan perusahaan dan membandingkannya"
            " dengan yang diposting Jurnal Desk di sana dan, bila diberikan, buku kerjanya: "
            "sama, berbeda, tidak ada di pembukuan, bukan dari Jurnal Desk. Dengan --plan, "
            "setiap perusahaan dalam rencana. Keluar dengan 0 hanya bila pembukuan dan "
            "sumbernya cocok."
        ).get(),
    )
    parser.add_argument("workbooks", metavar="WORKBOOK", type=Path, nargs="*")
    parser.add_argument("--profile", metavar="NAME", help=tr("profil perusahaan").get())
    parser.add_argument(
        "--plan", metavar="PLAN", type=Path, help=tr("rencana (milik post-many)").get()
    )
    parser.add_argument(
        "--from", dest="first", metavar="DATE", help=tr("hari pertama (dd/mm/yyyy)").get()
    )
    parser.add_argument(
        "--to", dest="last", metavar="DATE", help=tr("hari terakhir (dd/mm/yyyy)").get()
    )
    parser.add_argument(
        "--sheet", metavar="NAME", help=tr("lembar buku kerja (bawaan: dideteksi)").get()
    )
    add_number_style_flag(parser)
    parser.add_argument("--json", action="store_true", help=tr("cetak hasilnya sebagai JSON").get())
    parser.add_argument(
        "--report", metavar="OUT.xlsx", type=Path, help=tr("buku kerja hasil").get()
    )
    parser.add_argument(
        "--parallel",
        metavar="N",
        type=int,
        help=tr("dengan --plan: jumlah perusahaan yang dibaca sekaligus").get(),
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=tr(
            "bandingkan tanggal, deskripsi dan total seperti yang diberikan daftar, tanpa "
            "membaca baris setiap voucher (satu permintaan per 100 voucher; akun yang berubah "
            "tetapi totalnya sama tidak terlihat)"
        ).get(),
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help=tr("baca pembukuan lagi dari awal, walaupun setelah rekonsiliasi yang terputus").get(),
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    first, last = _date(args.first, "--from"), _date(args.last, "--to")
    if first and last and first > last:
        raise JurnalError(tr("--from sesudah --to."))
    if args.report is not None:
        check_xlsx_target(args.report, force=True)  # a report is output: replacing one is fine
        _not_an_input(args.report, [*args.workbooks, *([args.plan] if args.plan else [])])
    if args.plan is not None:
        if args.profile or args.workbooks:
            raise JurnalError(tr("--plan tidak dipakai bersama --profile atau WORKBOOK."))
        return _run_plan(args, first, last)
    if not args.profile or first is None or last is None:
        raise JurnalError(tr("Sebutkan --profile, --from dan --to (atau --plan)."))
    return _run_company(args, first, last)


def _run_company(args: argparse.Namespace, first: date, last: date) -> int:
    home = app_home()
    if args.fresh:
        ReadingCache(home, args.profile, first, last).clear()
    _say(
        tr(
            "Membaca pembukuan {p}, {a} s.d. {b}…",
            p=args.profile,
            a=Day(first),
            b=Day(last),
        ),
        args,
        stream=sys.stderr,
    )
    with saved_company(args.profile) as company, opened_outbox(home) as outbox:
        result = reconcile_company(
            company,
            outbox,
            first,
            last,
            workbooks=args.workbooks,
            options=_options(args, args.profile),
            cache_home=home,
            quick=args.quick,
        )
    if args.report is not None:
        _write_report([result], args)
    if args.json:
        document = reconcile_json(result, args.lang)
        document["report"] = str(args.report) if args.report else None
        _dump(document)
    else:
        _print_result(result, args.lang)
    return EXIT_OK if result.agrees else EXIT_PROBLEMS


def _run_plan(args: argparse.Namespace, first: date | None, last: date | None) -> int:
    store, secrets = saved_stores()
    plan = read_plan(args.plan, store.list())
    periods = plan_periods(plan, first, last)
    problems = [problem.describe(args.lang) for problem in plan.problems]
    problems += [text.get(args.lang) for text in periods.problems]
    if problems:
        if args.json:
            _dump({"problems": problems, "agrees": False})
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return EXIT_USAGE
    home = app_home()
    if args.fresh:
        for period in periods.companies:
            ReadingCache(home, period.name, period.first, period.last).clear()
    companies = FirmCompanies(store, secrets, LimiterRegistry())
    with opened_outbox(home) as outbox:
        done = reconcile_plan(
            periods.companies,
            companies.company,
            outbox,
            cache_home=home,
            options=lambda name: _options(args, name),
            parallel=args.parallel,
            quick=args.quick,
            on_done=lambda period: _company_done(period, args),
        )
    report = args.report or _default_report(args.plan)
    _write_report(
        [p.result for p in done if p.result is not None],
        argparse.Namespace(**{**vars(args), "report": report}),
        {p.name: p.trouble for p in done if p.trouble is not None},
    )
    if args.json:
        _dump(
            {
                "companies": [_company_json(period, args.lang) for period in done],
                "agrees": all(period.agrees for period in done),
                "report": str(report),
            }
        )
    else:
        for period in done:
            _print_company(period, args.lang)
        _say(tr("Laporan hasil ditulis ke {p}.", p=report), args)
    return EXIT_OK if all(period.agrees for period in done) else EXIT_PROBLEMS


def _company_done(period: CompanyPeriod, args: argparse.Namespace) -> None:
    if not args.json:
        words = tr("selesai dibaca.") if period.trouble is None else tr("terhenti.")
        print(f"{period.name}: {words.get(args.lang)}", file=sys.stderr, flush=True)


def _company_json(period: CompanyPeriod, language: str) -> dict[str, Any]:
    if period.result is not None:
        return reconcile_json(period.result, language)
    return {
        "profile": period.name,
        "from": period.first.isoformat(),
        "to": period.last.isoformat(),
        "agrees": False,
        "trouble": period.trouble.get(language) if period.trouble else None,
    }


def _print_company(period: CompanyPeriod, language: str) -> None:
    if period.result is not None:
        _print_result(period.result, language)
    elif period.trouble is not None:
        print(f"[!!] {period.name}: {period.trouble.get(language)}")


def _print_result(result: Reconciliation, language: str) -> None:
    mark = "OK" if result.agrees else "!!"
    print(f"[{mark}] {result.summary().get(language)}")
    for kind in (Kind.DIFFERENT, Kind.MISSING, Kind.FOREIGN):
        findings = result.of(kind)
        for finding in findings[:SHOWN]:
            print(f"  {finding.reference}: {finding_details(finding).get(language)}")
        if len(findings) > SHOWN:
            more = tr("… dan {n} lagi", n=len(findings) - SHOWN)
            print(f"  {more.get(language)}")
    requests = tr(
        "{l} permintaan daftar, {d} permintaan rinci.",
        l=result.list_requests,
        d=result.detail_requests,
    )
    print(f"  {requests.get(language)}")
    note = result.list_fields_note()
    if note is not None:
        print(f"  {note.get(language)}")
    if result.unchanged_by_version:
        unchanged = ntr(
            "{n} jurnal dari Jurnal Desk terbukti tidak berubah oleh versinya di daftar; "
            "rinciannya tidak dibaca.",
            "{n} jurnal dari Jurnal Desk terbukti tidak berubah oleh versinya di daftar; "
            "rinciannya tidak dibaca.",
            result.unchanged_by_version,
        )
        print(f"  {unchanged.get(language)}")


def _write_report(
    results: list[Reconciliation],
    args: argparse.Namespace,
    troubles: dict[str, Text] | None = None,
) -> None:
    from app.posting.reconcile.workbook import write_reconcile_report  # openpyxl when needed

    write_reconcile_report(results, args.report, args.lang, troubles)
    if not args.json:
        _say(
            tr("Laporan hasil ditulis ke {p}.", p=args.report),
            args,
            stream=sys.stderr,
        )


def _not_an_input(report: Path, inputs: list[Path]) -> None:
    if report.resolve() in {path.resolve() for path in inputs}:
        raise JurnalError(
            tr(
                "Laporan tidak boleh menimpa rencana atau workbook-nya ({p}); pilih nama lain "
                "untuk --report.",
                p=report,
            )
        )


def _options(args: argparse.Namespace, company: str) -> ImportOptions:
    options = ImportOptions(sheet=args.sheet, number_style=NumberStyle(args.number_style))
    options.account_map = AccountMapStore(app_home()).get(company)
    return options


def _date(value: str | None, flag: str) -> date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except DateError as error:
        raise JurnalError(named(flag, error.text)) from None


def _default_report(plan: Path) -> Path:
    from datetime import datetime

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    if plan.is_dir():
        return plan / f"rekonsiliasi-{stamp}.xlsx"
    return plan.with_name(f"{plan.stem}-rekonsiliasi-{stamp}.xlsx")


def _dump(document: dict[str, Any]) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    print()


def _say(text: Text, args: argparse.Namespace, *, stream: TextIO | None = None) -> None:
    if not args.json or stream is sys.stderr:
        print(text.get(args.lang), file=stream or sys.stdout)
