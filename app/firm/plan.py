"""A firm's run plan: which workbook goes to which company, read from a small workbook or CSV
(one row per job) or from a folder (`<folder>/<company name>/*.xlsx`: each workbook in a
company's folder is a job for that company).

Every problem in the plan (an unknown company, a missing file, a workbook two rows name,
a mode or date that cannot be read) is found here, with the plan's row, before anything is
sent. The plan's cells are read by `plan_rows`; this module only judges them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from app.core.books.dates import DateError, parse_date
from app.core.i18n import JurnalError, Text, ctr, named, tr
from app.core.i18n.values import Day
from app.firm.plan_rows import COLUMNS, PlanRow, read_plan_rows
from app.profiles.store import Profile

# The plan's mode column: bulk (Accurate's bulk-save, up to 100 vouchers a request) or one by
# one. Blank: the company profile's own setting.
BULK_WORDS = frozenset({"bulk", "massal", "sekaligus"})
ONE_BY_ONE_WORDS = frozenset({"one by one", "single", "satu per satu", "satu-satu", "satuan"})
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


@dataclass(frozen=True, slots=True)
class Job:
    """One workbook to post to one company. `row` is the plan's row (None in a folder plan)."""

    company: str  # the saved profile's name, as the profile spells it
    workbook: Path
    row: int | None = None
    sheet: str | None = None
    bulk: bool | None = None  # None: the profile's setting
    branch: str | None = None  # None: the profile's default branch
    start: date | None = None  # entries dated outside start..end are a problem
    end: date | None = None

    @property
    def has_period(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(frozen=True, slots=True)
class PlanProblem:
    text: Text
    row: int | None = None  # the plan's row; None for a folder plan or the plan as a whole

    def message(self) -> Text:
        """The problem with the plan's row it is on, in any language."""
        if self.row is None:
            return self.text
        # Translators: the plan file's row number, then the problem found on it.
        return ctr("baris rencana dan masalahnya", "Baris {r}: {e}", r=self.row, e=self.text)

    def describe(self, language: str | None = None) -> str:
        return self.message().get(language)


@dataclass(slots=True)
class Plan:
    source: Path
    jobs: list[Job] = field(default_factory=list)
    problems: list[PlanProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.jobs)

    def companies(self) -> list[str]:
        """The companies, in the plan's order, each once."""
        return list(dict.fromkeys(job.company for job in self.jobs))

    def jobs_of(self, company: str) -> list[Job]:
        return [job for job in self.jobs if job.company == company]


def read_plan(source: Path, profiles: Sequence[Profile]) -> Plan:
    """The plan in `source` (a .csv, a workbook, or a folder of company folders), judged
    against the saved `profiles`."""
    plan = Plan(source)
    if source.is_dir():
        rows = _folder_rows(source, plan)
        base = source
    elif not source.exists():
        plan.problems.append(PlanProblem(_missing_plan(source)))
        return plan
    else:
        rows, unreadable = read_plan_rows(source)
        if unreadable is not None:
            plan.problems.append(PlanProblem(unreadable))
        base = source.parent
    _judge(rows, base, {p.name.casefold(): p for p in profiles}, plan)
    if not plan.jobs and not plan.problems:
        plan.problems.append(PlanProblem(_empty_plan(source)))
    return plan


def _folder_rows(folder: Path, plan: Plan) -> list[PlanRow]:
    rows = []
    for company_folder in sorted(p for p in folder.iterdir() if p.is_dir()):
        if company_folder.name.startswith("."):
            continue
        for workbook in sorted(company_folder.iterdir()):
            if _is_workbook(workbook):
                rows.append(PlanRow(None, {"company": company_folder.name, "workbook": workbook}))
    return rows


def _is_workbook(path: Path) -> bool:
    # "~$name.xlsx" is the lock file Excel keeps beside a workbook it has open.
    hidden = path.name.startswith(("~$", "."))
    return path.is_file() and not hidden and path.suffix.lower() in WORKBOOK_SUFFIXES


def _judge(rows: Sequence[PlanRow], base: Path, profiles: dict[str, Profile], plan: Plan) -> None:
    seen: dict[tuple[Path, str], int | None] = {}
    for row in rows:
        problems: list[Text] = []
        job = _job(row, base, profiles, problems)
        if job is not None:
            key = (job.workbook.resolve(), (job.sheet or "").casefold())
            if key in seen:
                problems.append(_named_twice(job.workbook, seen[key]))
            else:
                seen[key] = row.number
        plan.problems += [PlanProblem(text, row.number) for text in problems]
        if job is not None and not problems:
            plan.jobs.append(job)


def _job(
    row: PlanRow, base: Path, profiles: dict[str, Profile], problems: list[Text]
) -> Job | None:
    name = _text(row.cells.get("company"))
    profile = profiles.get(name.casefold()) if name else None
    if not name:
        problems.append(tr("Nama perusahaan kosong."))
    elif profile is None:
        problems.append(_unknown_company(name, profiles))
    workbook = _workbook(row.cells.get("workbook"), base, problems)
    bulk = _mode(row.cells.get("mode"), problems)
    branch = _text(row.cells.get("branch")) or None
    if branch and profile is not None and profile.service != "accurate":
        problems.append(_branch_for_sempoa(profile.name))
    start = _date(row.cells.get("start"), COLUMNS["start"], problems)
    end = _date(row.cells.get("end"), COLUMNS["end"], problems)
    if start and end and start > end:
        problems.append(_period_backwards(start, end))
    sheet = _text(row.cells.get("sheet")) or None
    if sheet is not None and workbook is not None:
        problems += _sheet_problems(workbook, sheet)
    if profile is None or workbook is None:
        return None
    return Job(profile.name, workbook, row.number, sheet, bulk, branch, start, end)


def _workbook(value: object, base: Path, problems: list[Text]) -> Path | None:
    if isinstance(value, Path):
        return value
    text = _text(value)
    if not text:
        problems.append(tr("Nama berkas workbook kosong."))
        return None
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = base / path
    if not path.is_file():
        problems.append(_missing_workbook(path))
        return None
    return path


def _sheet_problems(workbook: Path, sheet: str) -> list[Text]:
    """The sheet a row names must be in its workbook (read now, before anything is sent)."""
    from app.core.excel.reader import list_sheets
    from app.core.excel.workbook_file import missing_sheet_text

    try:
        names = list_sheets(workbook)
    except Exception as error:  # the reader's own errors say what is wrong with the file
        if isinstance(error, JurnalError):
            return [error.text]
        return [tr("Workbook {w} tidak bisa dibaca: {e}", w=workbook, e=str(error))]
    if sheet in names:
        return []
    return [missing_sheet_text(workbook, sheet, names)]


def _mode(value: object, problems: list[Text]) -> bool | None:
    text = " ".join(_text(value).casefold().split())
    if not text:
        return None
    if text in BULK_WORDS:
        return True
    if text in ONE_BY_ONE_WORDS:
        return False
    problems.append(
        tr(
            "Cara kirim '{m}' tidak dikenal; tulis 'bulk' (sekaligus) atau 'satu per satu', "
            "atau kosongkan untuk memakai pengaturan profil.",
            m=_text(value),
        )
    )
    return None


def _date(value: object, column: Text, problems: list[Text]) -> date | None:
    try:
        return parse_date(value if _text(value) else None)
    except DateError as error:
        problems.append(named(column, error.text))
        return None


def _text(value: object) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _unknown_company(name: str, profiles: dict[str, Profile]) -> Text:
    known = ", ".join(sorted(p.name for p in profiles.values())) or "-"
    return tr(
        "Perusahaan '{n}' tidak ada di profil tersimpan (ada: {k}). Tambahkan dengan "
        "`jurnal-desk profile add`, atau perbaiki namanya.",
        n=name,
        k=known,
    )


def _missing_workbook(path: Path) -> Text:
    return tr(
        "Workbook {p} tidak ditemukan.",
        p=path,
    )


def _named_twice(workbook: Path, first_row: int | None) -> Text:
    if first_row is None:
        return tr(
            "Workbook {p} disebut dua kali; hapus salah satunya.",
            p=workbook,
        )
    return tr(
        "Workbook {p} sudah disebut di baris {r}; hapus salah satunya supaya tidak "
        "diposting dua kali.",
        p=workbook,
        r=first_row,
    )


def _branch_for_sempoa(company: str) -> Text:
    return tr(
        "{c} adalah perusahaan Sempoa, yang tidak memakai cabang; kosongkan kolom cabang.",
        c=company,
    )


def _period_backwards(start: date, end: date) -> Text:
    return tr(
        "Periode terbalik: 'dari' {a} sesudah 'sampai' {b}.",
        a=Day(start),
        b=Day(end),
    )


def _missing_plan(source: Path) -> Text:
    return tr(
        "Rencana {p} tidak ditemukan.",
        p=source,
    )


def _empty_plan(source: Path) -> Text:
    return tr(
        "Rencana {p} tidak berisi pekerjaan: isi satu baris per workbook (perusahaan, "
        "workbook), atau buat satu folder per perusahaan berisi workbook-nya.",
        p=source,
    )
