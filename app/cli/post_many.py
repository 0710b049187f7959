"""`jurnal-desk post-many PLAN`: post every workbook of a firm's run plan (a .csv or workbook
with a row per job, or a folder of company folders), every company side by side, each under
its own lease and its own token's limits; one company's trouble never stops the others.

The plan is checked first: any problem in it (an unknown company, a missing file, a
workbook named twice, an unknown mode) is reported with its row, and nothing is sent.
Then one result workbook (a summary sheet and a sheet per company) and a summary per
company, or `--json` for scheduled scripts. Exit 0 only when every company's entries are
all on the books, 1 when any company needs something, 2 for a plan with problems.
Running it again resumes: nothing already posted is sent twice.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import TextIO

from app.api.ratelimit import machine_limiters
from app.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, commands
from app.cli.company import saved_stores
from app.cli.interruptible import run_interruptible
from app.cli.template import check_xlsx_target
from app.cli.validate import add_number_style_flag, add_round_cents_flag
from app.core.books.number_style import NumberStyle
from app.core.i18n import JurnalError, Text, tr
from app.firm.child_key import KEY_FLAG, unlock_from_window
from app.firm.companies import FirmCompanies
from app.firm.company_run import CompanyRun, CompanyState
from app.firm.needs import company_needs
from app.firm.plan import Plan, read_plan
from app.firm.progress_lines import (
    ProgressWriter,
    follow_commands,
    write_plan_problems,
    write_secrets_trouble,
)
from app.firm.results import firm_json, plan_problems_json
from app.firm.run import FirmOptions, FirmRun
from app.posting.outbox.lease import FRONT_COMMAND, FRONT_WINDOW
from app.posting.outbox.ledger import Outbox
from app.posting.service import opened_outbox
from app.profiles.account_maps import AccountMapStore
from app.profiles.home import app_home


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "post-many",
        help=commands.summary("post-many"),
        description=tr(
            "Posting setiap buku kerja dalam rencana (berkas .csv atau .xlsx dengan satu baris"
            " per pekerjaan: perusahaan, buku kerja, lembar, cara kirim, cabang, periode; atau"
            " folder berisi satu folder per perusahaan dengan buku kerjanya), semua perusahaan"
            " bersamaan. Tidak ada yang dikirim selama rencana bermasalah. Keluar dengan 0 "
            "bila jurnal setiap perusahaan sudah ada di pembukuan."
        ).get(),
    )
    parser.add_argument(
        "plan", metavar="PLAN", type=Path, help=tr("berkas rencana, atau sebuah folder").get()
    )
    parser.add_argument("--json", action="store_true", help=tr("cetak hasilnya sebagai JSON").get())
    parser.add_argument(
        "--parallel",
        metavar="N",
        type=int,
        help=tr(
            "berapa perusahaan memposting sekaligus (bawaan: semuanya, paling banyak 32)"
        ).get(),
    )
    parser.add_argument(
        "--report",
        metavar="OUT.xlsx",
        type=Path,
        help=tr(
            "buku kerja hasil (bawaan: di samping rencana, dinamai menurut rencana dan waktunya)"
        ).get(),
    )
    parser.add_argument(
        "--progress",
        choices=("jsonl",),
        help=tr(
            "untuk jendela: kemajuan perusahaan sebagai baris JSON di stdout, perintah "
            "(hentikan satu perusahaan atau semua) sebagai baris JSON di stdin; akhir stdin "
            "menghentikan semua perusahaan (app.firm.progress_lines)"
        ).get(),
    )
    parser.add_argument(
        KEY_FLAG,
        action="store_true",
        help=tr(
            "bersama --progress, untuk jendela: baris pertama stdin berisi kunci berkas rahasia "
            "terenkripsi yang sudah dibuka jendela (app.firm.child_key)"
        ).get(),
    )
    add_number_style_flag(parser)
    add_round_cents_flag(parser)
    parser.add_argument(
        "--no-map-accounts",
        action="store_true",
        help=tr(
            "abaikan pemetaan akun perusahaan-perusahaan (`accounts map`), yang diterapkan "
            "secara bawaan"
        ).get(),
    )
    parser.add_argument(
        "--only-valid",
        action="store_true",
        help=tr(
            "posting jurnal yang valid di setiap buku kerja walaupun jurnal lain di dalamnya "
            "bermasalah"
        ).get(),
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help=tr(
            "baca dan periksa setiap buku kerja terhadap daftar akun perusahaannya; jangan "
            "kirim apa pun (keluar dengan 0 bila tidak ada masalah)"
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
            "bila posting lain ke sebuah perusahaan sedang berjalan, tunggu sampai selesai "
            "(paling lama SECONDS, bawaan satu jam) alih-alih menunda perusahaan itu ke "
            "putaran berikutnya"
        ).get(),
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    store, secrets = saved_stores()
    if args.progress:
        secrets.terminal = False  # stdin carries the window's key and commands
        trouble = unlock_from_window(secrets, sys.stdin, given=args.secrets_key_stdin)
        if trouble is not None:
            write_secrets_trouble(sys.stdout, trouble)
            return EXIT_USAGE
    elif secrets.file_locked():
        # Asked once here, before the companies start side by side and each would ask.
        secrets.check_available()
    plan = read_plan(args.plan, store.list())
    if not plan.ok:
        if args.progress:
            write_plan_problems(sys.stdout, plan.problems)
        else:
            _plan_refused(plan, args)
        return EXIT_USAGE
    report_path = args.report or _default_report(args.plan)
    _check_report_target(report_path, plan)
    home = app_home()
    services = {p.name: p.service for p in store.list()}
    # Each token's limits shared with every other process of this home (the window that
    # started this run included), as every command does.
    companies = FirmCompanies(store, secrets, machine_limiters(home))
    options = FirmOptions(
        number_style=NumberStyle(args.number_style),
        round_cents=args.round_cents,
        map_accounts=not args.no_map_accounts,
        only_valid=args.only_valid,
        wait=args.wait,
        dry_run=args.dry_run,
        front=FRONT_WINDOW if args.progress else FRONT_COMMAND,
    )
    with opened_outbox(home) as outbox:
        firm = FirmRun(
            plan,
            companies.company,
            services=services,
            account_maps=AccountMapStore(home),
            options=options,
        )
        if args.progress:
            return _run_for_window(firm, outbox, report_path, args)
        lines = _ProgressLines(lang, quiet=args.json)
        firm.on_change = lines.changed
        lines.companies = firm.companies
        runs = _run_until_done(firm, outbox, args)
        lines.finish()
    from app.firm.report import write_firm_report  # openpyxl loads only when needed

    write_firm_report(runs, report_path, lang)
    if args.json:
        document = firm_json(runs, lang)
        document["report"] = str(report_path)
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_summary(runs, lang)
        _say(
            tr("Laporan hasil ditulis ke {p}.", p=report_path),
            lang,
        )
    return _exit_code(firm, args)


def _exit_code(firm: FirmRun, args: argparse.Namespace) -> int:
    if args.dry_run:
        return EXIT_OK if all(run.checked_ok for run in firm.companies) else EXIT_PROBLEMS
    return EXIT_OK if firm.complete else EXIT_PROBLEMS


def _run_for_window(
    firm: FirmRun, outbox: Outbox, report_path: Path, args: argparse.Namespace
) -> int:
    """The window's child (`--progress jsonl`): rows as JSON lines on stdout, stop commands
    read from stdin; the result workbook, then a last line saying where it is."""
    writer = ProgressWriter(firm, sys.stdout)
    firm.on_change = writer.changed
    follow_commands(sys.stdin, firm)
    writer.changed()
    firm.run(outbox, args.parallel)
    from app.firm.report import write_firm_report  # openpyxl loads only when needed

    write_firm_report(firm.companies, report_path, args.lang)
    writer.done(firm.complete, str(report_path))
    return _exit_code(firm, args)


def _run_until_done(firm: FirmRun, outbox: Outbox, args: argparse.Namespace) -> list[CompanyRun]:
    """Run on a worker so Ctrl-C stops every company cleanly (requests under way finish)."""

    def stop() -> None:
        firm.stop()
        _say(_stopping(), args.lang, stream=sys.stderr)

    run_interruptible(lambda: firm.run(outbox, args.parallel), stop, name="post-many")
    return firm.companies


def _plan_refused(plan: Plan, args: argparse.Namespace) -> None:
    lang = args.lang
    if args.json:
        json.dump(plan_problems_json(plan, lang), sys.stdout, ensure_ascii=False, indent=2)
        print()
    head = tr(
        "Rencana {p} punya {n} masalah; tidak ada yang dikirim:",
        p=plan.source,
        n=len(plan.problems),
    )
    print(head.get(lang), file=sys.stderr)
    for problem in plan.problems:
        print(f"  - {problem.describe(lang)}", file=sys.stderr)


def _print_summary(runs: list[CompanyRun], lang: str) -> None:
    print()
    for company in runs:
        summary = company.summary()
        ok = company.checked_ok if company.dry_run else company.complete
        mark = "OK" if ok else "!!"
        counts = tr(
            "{p} terposting, {b} sudah sebelumnya, {r} ditolak, {u} belum pasti, {i} tidak valid",
            p=summary.posted,
            b=summary.posted_before,
            r=summary.rejected,
            u=summary.uncertain + summary.pending,
            i=summary.invalid,
        )
        print(f"[{mark}] {company.name}: {counts.get(lang)}")
        if not company.complete or company.dry_run:
            print(f"     {company_needs(company).get(lang)}")
    print()


class _ProgressLines:
    """A line on stderr when a company starts posting and when it ends, and on a terminal a
    line of totals rewritten in place (nothing with --json: scheduled scripts read stdout,
    and stderr stays for real trouble)."""

    def __init__(self, language: str, *, quiet: bool) -> None:
        self.language = language
        self.quiet = quiet
        self.live = sys.stderr.isatty() and not quiet
        self.companies: list[CompanyRun] = []  # the run's, for the totals line
        self._said: dict[str, CompanyState] = {}
        self._lock = threading.Lock()
        self._shown_at = 0.0

    def changed(self, company: CompanyRun) -> None:
        if self.quiet:
            return
        state = company.state
        with self._lock:
            said = self._said.get(company.name)
            self._said[company.name] = state
        words = None if said is state else _state_words(company, state)
        with self._lock:
            if words is not None:
                self._write(f"{company.name}: {words.get(self.language)}", end="\n")
            elif self.live and time.monotonic() - self._shown_at >= _LIVE_EVERY:
                self._write(self._totals().get(self.language)[:_WIDTH], end="")

    def finish(self) -> None:
        if self.live and self._shown_at:
            self._write("", end="")

    def _write(self, text: str, *, end: str) -> None:
        prefix = "\r" + " " * _WIDTH + "\r" if self.live else ""
        sys.stderr.write(prefix + text + end)
        sys.stderr.flush()
        self._shown_at = time.monotonic() if end == "" else self._shown_at

    def _totals(self) -> Text:
        snapshots = [company.snapshot() for company in self.companies]
        finished = sum(1 for s in snapshots if s.state in _FINISHED)
        return tr(
            "{f}/{n} perusahaan selesai · {p} terposting · {r} ditolak · {e:.1f} jurnal/dtk",
            f=finished,
            n=len(snapshots),
            p=sum(s.posted for s in snapshots),
            r=sum(s.rejected for s in snapshots),
            e=sum(s.entries_per_second for s in snapshots),
        )


def _state_words(company: CompanyRun, state: CompanyState) -> Text | None:
    ok = company.checked_ok if company.dry_run else company.complete
    if state is CompanyState.DONE and not ok:
        return tr("selesai; perlu tindakan (lihat ringkasan).")
    return _STATE_LINES.get(state)


_LIVE_EVERY = 0.5  # seconds between rewrites of the totals line
_WIDTH = 120
_FINISHED = (CompanyState.DONE, CompanyState.STOPPED, CompanyState.FAILED)
_STATE_LINES: dict[CompanyState, Text] = {
    CompanyState.POSTING: tr("memposting..."),
    CompanyState.DONE: tr("selesai."),
    CompanyState.STOPPED: tr("dihentikan."),
    CompanyState.FAILED: tr("terhenti (lihat ringkasan)."),
}


def _check_report_target(report: Path, plan: Plan) -> None:
    check_xlsx_target(report, force=True)  # a report is output: replacing an old one is fine
    inputs = {plan.source.resolve(), *(job.workbook.resolve() for job in plan.jobs)}
    if report.resolve() in inputs:
        raise JurnalError(
            tr(
                "Laporan tidak boleh menimpa rencana atau workbook-nya ({p}); pilih nama lain "
                "untuk --report.",
                p=report,
            )
        )


def _default_report(plan: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    if plan.is_dir():
        return plan / f"hasil-posting-{stamp}.xlsx"
    return plan.with_name(f"{plan.stem}-hasil-{stamp}.xlsx")


def _stopping() -> Text:
    return tr("Menghentikan semua perusahaan: menunggu permintaan yang sedang berjalan selesai...")


def _say(text: Text, lang: str, *, stream: TextIO | None = None) -> None:
    print(text.get(lang), file=stream or sys.stdout)
