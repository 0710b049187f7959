"""Month-end for a whole firm: one `post-many` plan of 10 Accurate companies, each with its own
token, against the sandbox with Accurate's real limits (8 requests a second and 8 in flight
per token) and 100 ms added to every request. Every company posts two workbooks: 500 entries
one by one (`save.do`) and 5,000 entries in bulk (`bulk-save.do`, 100 a request).

Three runs, each a fresh sandbox (in this process) and a fresh posting process that does
nothing else, so its time, CPU, peak memory and threads are the posting's own:
(1) one company alone, (2) the whole plan through `app.firm.run.FirmRun` (what `post-many`
runs), (3) the whole plan posted by the window's Many companies page (`FirmView`, Qt
offscreen, its "Post all" button; the companies saved as profiles, the plan a CSV file),
which posts it through its child process `jurnal-desk post-many --progress jsonl`, while a
`QTimer` on the GUI thread fires every 10 ms; the largest time between two firings is how
long the GUI thread was kept from answering. Run (3)'s CPU and peak memory include the
child's; its threads are the window's and the child's.

The books are read from the sandbox after each run: every entry exactly once on every
company. Breaches are the sandbox's own count (on arrival, refused or not, per token: when
the kernel received the request line); the peak arrivals in a rolling second and the peak
in flight of the busiest token come from the sandbox's request log. The same count is also
made by when the sandbox's handler threads read each line, and (runs 1 and 2) by the
client's send marks (`Permit.mark_sent`), to tell the client's bunching from the sandbox's.

Targets: the whole plan within 1.3x one company alone (same run), 0 breaches on every token,
peak memory of the posting process under 500 MB, the GUI thread never blocked over 100 ms.

Run alone: `python -m bench.bench_firm_month_end [--companies 10] [--one-by-one 500]
[--bulk 5000] [--skip-window]`; `python -m bench firm-month-end --write` updates
BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

NAME = "firm-month-end"
TITLE = "Month-end for a whole firm: 10 companies, 500 one by one + 5,000 bulk each"
LATENCY_MS = 100
COMPANIES = 10
ONE_BY_ONE = 500
BULK = 5_000
TARGET_RATIO = 1.3
TARGET_PEAK_MB = 500.0
TARGET_GAP_MS = 100.0
TICK_MS = 10
ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "bench" / "out"


@dataclass
class PlanRun:
    label: str
    companies: int
    seconds: float
    requests: int
    breaches: int
    peak_arrivals_per_second: int  # the busiest token's most arrivals within a rolling second
    peak_in_flight: int  # the busiest token's most requests in flight at once
    exactly_once: bool
    cpu_seconds: float
    peak_mb: float
    baseline_mb: float
    peak_threads: int
    load: str
    gaps: dict | None = None  # the window run: longest, p99, over target, count
    sandbox_cpu_seconds: float = 0.0  # the launcher's CPU: the sandbox answering
    over_by_path: dict[str, object] | None = None  # 9th-or-later arrivals in a second, by path
    sandbox_collector: dict | None = None  # the sandbox process's cycle-collector sweeps
    collector: dict | None = None  # the posting process's


@dataclass
class MonthEndResult:
    runs: list[PlanRun]
    notes: list[str]

    def _run(self, label: str) -> PlanRun | None:
        return next((run for run in self.runs if run.label == label), None)

    @property
    def ratio(self) -> float | None:
        one, plan = self._run("one"), self._run("plan")
        return plan.seconds / one.seconds if one and plan else None

    @property
    def passed(self) -> bool:
        ratio = self.ratio
        window = self._run("window")
        return (
            ratio is not None
            and ratio <= TARGET_RATIO
            and all(r.breaches == 0 and r.exactly_once for r in self.runs)
            and all(r.peak_mb < TARGET_PEAK_MB for r in self.runs)
            and (window is None or window.gaps["longest_ms"] <= TARGET_GAP_MS)
        )

    def _rows(self) -> list[tuple[str, ...]]:
        rows = []
        for run in self.runs:
            name = {
                "one": f"(1) one company alone ({run.companies})",
                "plan": f"(2) the plan, {run.companies} companies, FirmRun (post-many)",
                "window": f"(3) the plan, {run.companies} companies, Many companies page",
            }[run.label]
            rows.append(
                (
                    name,
                    f"{run.seconds:.1f}",
                    str(run.requests),
                    str(run.breaches),
                    f"{run.peak_arrivals_per_second}; {run.peak_in_flight}",
                    "yes" if run.exactly_once else "NO",
                    f"{run.cpu_seconds:.1f}",
                    f"{run.peak_mb:.0f}",
                    _threads_text(run),
                    _gap_text(run.gaps),
                    _collector_text(run.collector, run.sandbox_collector),
                    run.load,
                )
            )
        return rows

    def _over_notes(self) -> list[str]:
        return [
            f"Run ({'123'[['one', 'plan', 'window'].index(run.label)]}), arrivals over 8 in a "
            f"rolling second: " + ", ".join(f"{k} {v}" for k, v in run.over_by_path.items())
            for run in self.runs
            if run.over_by_path
        ]

    def report_lines(self) -> list[str]:
        lines = [TITLE]
        header = ("run", "s", "requests", "breaches", "peak/s; in flight", "once", "CPU s",
                  "peak MB", "threads", "GUI gaps", "collector", "load")  # fmt: skip
        for row in [header, *self._rows()]:
            lines.append("  " + " | ".join(row))
        if self.ratio is not None:
            lines.append(f"  plan / one company: {self.ratio:.2f} (target <= {TARGET_RATIO})")
        lines += [f"  {note}" for note in self._over_notes()]
        lines += [f"  {note}" for note in self.notes]
        lines.append(f"  {'PASS' if self.passed else 'FAIL'}")
        return lines

    def markdown(self) -> str:
        head = (
            "| run | seconds | requests | breaches | busiest token: peak arrivals in a second; "
            "peak in flight | exactly once | CPU s | peak MB (VmHWM) | threads | GUI thread: "
            "longest gap; p99; gaps > 100 ms | full collector sweeps, longest: posting process; "
            "sandbox | load average at start |\n"
            "|---|---|---|---|---|---|---|---|---|---|---|---|"
        )
        body = "\n".join("| " + " | ".join(row) + " |" for row in self._rows())
        ratio = f"{self.ratio:.2f}" if self.ratio is not None else "?"
        verdict = "met" if self.passed else "**not met**"
        notes = "\n\n".join([*self._over_notes(), *self.notes])
        return (
            f"{_WHAT}\n\nTargets (the plan within {TARGET_RATIO}x one company, 0 breaches on "
            f"every token, peak memory < {TARGET_PEAK_MB:.0f} MB, no GUI gap over "
            f"{TARGET_GAP_MS:.0f} ms): {verdict}. Plan / one company: **{ratio}**.\n\n"
            f"{head}\n{body}\n\n{notes}\n"
        )


_WHAT = f"""\
Each company posts two workbooks of one plan: {ONE_BY_ONE} entries one by one (`save.do`) and
{BULK:,} entries in bulk (`bulk-save.do`, 100 vouchers a request), 2 lines an entry. Every
company has its own token; the sandbox (in the launcher process, real HTTP on 127.0.0.1)
enforces Accurate's limits per token (8 requests a second, 8 in flight) and adds
{LATENCY_MS} ms to every request. Each run has a fresh sandbox and a posting process of its
own (a fresh outbox on disk): (1) one company alone, (2) the whole plan through
`app.firm.run.FirmRun` (what `jurnal-desk post-many` runs), (3) the whole plan posted by the
window's Many companies page (`FirmView`, Qt offscreen, its "Posting semua" button; the
companies saved as profiles), which runs `jurnal-desk post-many --progress jsonl` as a child
process and follows its progress, while a `QTimer` on the GUI thread fires every {TICK_MS} ms
(a gap is the time between two firings).
Peak memory is the posting process's own `VmHWM` (run 3: the larger of the window's and the
child's); run (3)'s CPU is the window's and the child's, its threads "window + child".
Breaches are the sandbox's count, per token, on arrival (when the kernel received the request
line), refused or not; the notes count the same by when the sandbox's handler threads read
each line and, in runs (1) and (2), by the client's send marks. The cycle collector's full
sweeps (generation 2) hold every thread of their process while they run; they are timed
with `gc.callbacks` in the posting process (run 3: the window's) and in the sandbox's (the
launcher)."""


def _threads_text(run: PlanRun) -> str:
    child = (run.gaps or {}).get("child_threads")
    if not child:
        return str(run.peak_threads)
    return f"{run.peak_threads} window + {child} posting child"


def _gap_text(gaps: dict | None) -> str:
    if not gaps:
        return "–"
    return f"**{gaps['longest_ms']:.0f} ms**; {gaps['p99_ms']:.1f} ms; {gaps['over']}"


def _collector_text(posting: dict | None, sandbox: dict | None) -> str:
    if not posting or not sandbox:
        return "–"
    return (
        f"{posting['full_sweeps']}, {posting['longest_full_ms']:.0f} ms; "
        f"{sandbox['full_sweeps']}, {sandbox['longest_full_ms']:.0f} ms"
    )


def _load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


# --- workbooks ----------------------------------------------------------------------------------


def workbook(count: int, prefix: str) -> Path:
    """A cached workbook of `count` balanced two-line entries numbered PREFIX/00001..."""
    from openpyxl import Workbook

    from app.sandbox import ACCURATE_CHART

    OUT_DIR.mkdir(exist_ok=True)
    path = OUT_DIR / f"month_end_{prefix}_{count}.xlsx"
    if path.exists():
        return path
    debit, credit = [a.no for a in ACCURATE_CHART if a.postable][:2]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Jurnal")
    sheet.append(["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit"])
    for n in range(1, count + 1):
        amount = n * 1000 + 0.5
        when = date(2026, 8, n % 28 + 1)
        sheet.append([when, f"{prefix}/{n:05}", f"Akhir bulan {n}", debit, amount, None])
        sheet.append([None, None, None, credit, None, amount])
    partial = path.with_suffix(".part")
    book.save(partial)
    partial.rename(path)
    return path


# --- the launcher -------------------------------------------------------------------------------


def run(
    companies: int = COMPANIES,
    one_by_one: int = ONE_BY_ONE,
    bulk: int = BULK,
    window: bool = True,
    only: str | None = None,
) -> MonthEndResult:
    books = {"one": str(workbook(one_by_one, "OB")), "bulk": str(workbook(bulk, "BK"))}
    labels = ["one", "plan", "window"] if window else ["one", "plan"]
    runs = []
    for label in [only] if only else labels:
        runs.append(measure(label, 1 if label == "one" else companies, books, one_by_one + bulk))
        print(f"  {label}: {runs[-1].seconds:.1f} s", flush=True)
    notes = [
        f"Measured {date.today().isoformat()} on {_cpu()}, Python {sys.version.split()[0]}; "
        "the machine is shared by several people (load average at each run's start in the "
        "table)."
    ]
    return MonthEndResult(runs, notes)


def measure(label: str, companies: int, books: dict[str, str], expected: int) -> PlanRun:
    from app.sandbox import Faults, Sandbox

    load = _load()
    launcher = resource.getrusage(resource.RUSAGE_SELF)
    sandbox_pauses = _CollectorPauses()
    sandbox_pauses.start()
    with (
        Sandbox(Faults(latency_ms=LATENCY_MS), enforce_rate_limit=True) as sb,
        tempfile.TemporaryDirectory(prefix="jd-month-end-") as folder,
    ):
        tokens = [sb.add_accurate_company(f"PT Akhir Bulan {n}") for n in range(companies)]
        spec = {
            "account_url": sb.account_url,
            "companies": [{"token": t, "secret": s} for t, s in tokens],
            "books": books,
            "folder": folder,
            "window": label == "window",
        }
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "JURNAL_DESK_HOME": folder}
        completed = subprocess.run(
            [sys.executable, "-m", "bench.bench_firm_month_end", "--child", json.dumps(spec)],
            capture_output=True, text=True, check=False, cwd=ROOT, env=env,
        )  # fmt: skip
        if completed.returncode != 0:
            raise RuntimeError(f"posting child failed:\n{completed.stderr[-3000:]}")
        child = json.loads(completed.stdout.strip().splitlines()[-1])
        after = resource.getrusage(resource.RUSAGE_SELF)
        sandbox_pauses.stop()
        stats = sb.stats
        log = sb.request_log()
        once = True
        for token, _secret in tokens:
            numbers = [v["number"] for v in sb.vouchers(token)]
            once &= len(numbers) == len(set(numbers)) == expected
    per_second, in_flight, over = _busiest_token(log)
    over.update(_edge_and_client(log, child.get("marks")))
    over["after a collector pause > 50 ms: sandbox; posting; neither"] = _after_pauses(
        log, sandbox_pauses.long, (child.get("collector") or {}).get("long", [])
    )
    return PlanRun(
        label=label,
        companies=companies,
        seconds=child["seconds"],
        requests=stats.requests,
        breaches=stats.breaches,
        peak_arrivals_per_second=per_second,
        peak_in_flight=in_flight,
        exactly_once=once and child["complete"],
        cpu_seconds=child["cpu_seconds"],
        peak_mb=child["peak_mb"],
        baseline_mb=child["baseline_mb"],
        peak_threads=child["peak_threads"],
        load=load,
        gaps=child.get("gaps"),
        sandbox_cpu_seconds=(after.ru_utime - launcher.ru_utime)
        + (after.ru_stime - launcher.ru_stime),
        over_by_path=over,
        sandbox_collector=sandbox_pauses.summary(),
        collector=child.get("collector"),
    )


def _after_pauses(log, sandbox: list, posting: list) -> str:
    """Of the arrivals over 8 in a rolling second, how many came within a second after a
    long collector pause of the sandbox, of the posting process, or neither."""
    late = []
    by_token: dict[str, list[float]] = defaultdict(list)
    for record in log:
        if record.token_hash:
            by_token[record.token_hash].append(record.started)
    for starts in by_token.values():
        starts.sort()
        first = 0
        for last, start in enumerate(starts):
            while start - starts[first] >= 1.0:
                first += 1
            if last - first + 1 > 8:
                late.append(start)

    def near(when: float, pauses: list) -> bool:
        return any(0 <= when - end <= 1.0 for end, _ms in pauses)

    in_sandbox = sum(1 for when in late if near(when, sandbox))
    in_posting = sum(1 for when in late if near(when, posting) and not near(when, sandbox))
    return f"{in_sandbox}; {in_posting}; {len(late) - in_sandbox - in_posting}"


def _over_limit(times_by_token: dict[str, list[float]]) -> int:
    """Arrivals that came as the 9th or later within a rolling second, over every token."""
    late = 0
    for times in times_by_token.values():
        times = sorted(times)
        first = 0
        for last, when in enumerate(times):
            while when - times[first] >= 1.0:
                first += 1
            late += last - first + 1 > 8
    return late


def _edge_and_client(log, marks: dict[str, list[float]] | None) -> dict[str, object]:
    """The same count by when the sandbox's handler threads read each request line (its stamp
    before it counted the kernel's receipt) and by the client's send marks; how long after
    the kernel's receipt a handler read the line, and how long after its send mark the kernel
    received it (matched in order per token)."""
    reads: dict[str, list[float]] = defaultdict(list)
    arrivals: dict[str, list[float]] = defaultdict(list)
    held: list[float] = []
    for record in log:
        if record.token_hash and record.read_at is not None:
            reads[record.token_hash].append(record.read_at)
            arrivals[record.token_hash].append(record.started)
            held.append((record.read_at - record.started) * 1000)
    found: dict[str, object] = {"by when the handler read the line": _over_limit(reads)}
    held.sort()
    if held:
        found["line read after it arrived, p50/p99/max ms"] = (
            f"{held[len(held) // 2]:.1f}/{held[int(0.99 * (len(held) - 1))]:.1f}/{held[-1]:.0f}"
        )
    if marks:
        found["by the client's send marks"] = _over_limit(marks)
        lags = []
        for key, sent in marks.items():
            arrived = sorted(arrivals.get(key, []))
            if len(arrived) == len(sent):
                lags += [(a - m) * 1000 for a, m in zip(arrived, sorted(sent), strict=True)]
        lags.sort()
        if lags:
            found["arrival after the send mark, p50/p99/max ms"] = (
                f"{lags[len(lags) // 2]:.1f}/{lags[int(0.99 * (len(lags) - 1))]:.1f}/{lags[-1]:.0f}"
            )
    return found


def _busiest_token(log) -> tuple[int, int, dict[str, int]]:
    """The most arrivals of one token within a rolling second, the most in flight, and the
    requests that arrived as the 9th or later within a rolling second, by path."""
    by_token: dict[str, list] = defaultdict(list)
    for record in log:
        if record.token_hash:
            by_token[record.token_hash].append(record)
    per_second = in_flight = 0
    over: dict[str, object] = defaultdict(int)
    for records in by_token.values():
        records.sort(key=lambda r: r.started)
        first = 0
        for last, record in enumerate(records):
            while record.started - records[first].started >= 1.0:
                first += 1
            per_second = max(per_second, last - first + 1)
            if last - first + 1 > 8:
                over[record.path.rsplit("/", 1)[-1]] += 1
        events = sorted([(r.started, 1) for r in records] + [(r.ended, -1) for r in records])
        now = 0
        for _when, step in events:
            now += step
            in_flight = max(in_flight, now)
    return per_second, in_flight, dict(over)


def _cpu() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "an unknown CPU"
    models = [line.split(":", 1)[1].strip() for line in text.splitlines()
              if line.startswith("model name")]  # fmt: skip
    return f"{models[0] if models else 'an unknown CPU'}, {os.cpu_count()} cores"


# --- the child: only the posting ----------------------------------------------------------------


class _Secrets:
    """The benchmark's tokens, as `connect` asks a SecretStore for them."""

    def __init__(self, by_name: dict[str, tuple[str, str]]) -> None:
        self._by_name = by_name

    def get_token(self, name: str) -> str:
        return self._by_name[name][0]

    def get_secret(self, name: str) -> str:
        return self._by_name[name][1]


def _plan(spec: dict):
    from app.firm.plan import Job, Plan

    names = [f"PT Akhir Bulan {n}" for n in range(len(spec["companies"]))]
    plan = Plan(Path(spec["folder"]) / "rencana.csv")
    for name in names:
        plan.jobs.append(Job(name, Path(spec["books"]["one"]), bulk=False))
        plan.jobs.append(Job(name, Path(spec["books"]["bulk"]), bulk=True))
    secrets = _Secrets(
        {n: (c["token"], c["secret"]) for n, c in zip(names, spec["companies"], strict=True)}
    )
    return plan, names, secrets


def _company_maker(spec: dict, secrets: _Secrets, limiters):
    from app.posting.service import Company
    from app.profiles.store import Profile
    from app.setup.connect import connect

    def company_of(job) -> Company:
        profile = Profile(job.company, "accurate", url=spec["account_url"], sandbox=True)
        return Company(profile, lambda: connect(profile, secrets, limiters), bulk=job.bulk)

    return company_of


def _child(spec: dict) -> dict:
    import threading

    from bench.peak_memory import own_peak_mb

    baseline = own_peak_mb()
    peak_threads = [threading.active_count()]

    def note_threads(*_args) -> None:
        peak_threads[0] = max(peak_threads[0], threading.active_count())

    usage = resource.getrusage(resource.RUSAGE_SELF)
    pauses = _CollectorPauses()
    pauses.start()
    if spec["window"]:
        seconds, complete, gaps = _post_in_window(spec, note_threads)
    else:
        seconds, complete, gaps = _post_headless(spec, note_threads)
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
    # The window's posting child: its CPU, and its peak (the largest child's ru_maxrss).
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu += children.ru_utime + children.ru_stime
    child_mb = children.ru_maxrss / 1024
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "peak_mb": max(own_peak_mb(), child_mb),
        "baseline_mb": baseline,
        "peak_threads": peak_threads[0],
        "complete": complete,
        "gaps": gaps,
        "collector": pauses.summary(),
        "marks": spec.get("marks"),
    }


def _post_headless(spec: dict, note_threads) -> tuple[float, bool, None]:
    from app.api.ratelimit import LimiterRegistry
    from app.firm.run import FirmRun
    from app.posting.outbox.ledger import Outbox

    plan, _names, secrets = _plan(spec)
    limiters = LimiterRegistry()
    company_of = _company_maker(spec, secrets, limiters)
    marks = _SendMarks()
    started = time.perf_counter()
    with Outbox(Path(spec["folder"]) / "outbox.sqlite3") as outbox, marks:
        firm = FirmRun(plan, company_of, services={}, on_change=note_threads)
        firm.run(outbox)
    spec["marks"] = marks.by_token(limiters)
    return time.perf_counter() - started, firm.complete, None


class _SendMarks:
    """When each request left, as the client's limiter counts it (`Permit.mark_sent`, the
    transport's trace hook), per limiter: to set against the sandbox's arrival stamps."""

    def __init__(self) -> None:
        self.marks: dict[int, list[float]] = defaultdict(list)

    def __enter__(self) -> _SendMarks:
        from app.api import ratelimit

        self._original = original = ratelimit.Permit.mark_sent
        marks = self.marks

        def mark_sent(permit) -> None:
            marks[id(permit._limiter)].append(time.monotonic())
            original(permit)

        ratelimit.Permit.mark_sent = mark_sent
        return self

    def __exit__(self, *_exc) -> None:
        from app.api import ratelimit

        ratelimit.Permit.mark_sent = self._original

    def by_token(self, limiters) -> dict[str, list[float]]:
        return {key: self.marks.get(id(limiter), []) for key, limiter in limiters._limiters.items()}


def _saved_companies(spec: dict, names: list[str]) -> Path:
    """The window's way in: the companies saved as profiles (their tokens in a keyring file
    the posting child reads too) and the plan written as a CSV file."""
    import csv
    import shutil

    import keyring

    from app.firm.plan_rows import COLUMNS
    from app.profiles.home import app_home
    from app.profiles.secrets import SecretStore
    from app.profiles.store import Profile, ProfileStore

    folder = Path(spec["folder"])
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.helpers.file_keyring.FileKeyring"
    os.environ["JURNAL_DESK_TEST_KEYRING"] = str(folder / "keyring.json")
    os.environ["PYTHONPATH"] = str(ROOT)
    from tests.helpers.file_keyring import FileKeyring

    keyring.set_keyring(FileKeyring())
    store = ProfileStore(app_home(), SecretStore())
    for name, company in zip(names, spec["companies"], strict=True):
        store.add(Profile(name, "accurate", url=spec["account_url"], sandbox=True))
        store.secrets.set_token(name, company["token"])
        store.secrets.set_secret(name, company["secret"])
    plan = folder / "rencana.csv"
    with plan.open("w", encoding="utf-8", newline="") as file:
        rows = csv.writer(file)
        rows.writerow([column.get("id") for column in COLUMNS.values()])
        for name in names:
            # A plan names each workbook once (two rows naming one file would post it twice):
            # each company its own copy.
            own = folder / name
            own.mkdir()
            books = {kind: own / Path(book).name for kind, book in spec["books"].items()}
            for kind, book in spec["books"].items():
                shutil.copyfile(book, books[kind])
            rows.writerow([name, books["one"], "", "satu per satu", "", "", ""])
            rows.writerow([name, books["bulk"], "", "bulk", "", "", ""])
    return plan


def _post_in_window(spec: dict, note_threads) -> tuple[float, bool, dict]:
    from concurrent.futures import ThreadPoolExecutor

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from app.api.ratelimit import machine_limiters
    from app.core.i18n import set_language
    from app.core.interpreter import tune_for_gui
    from app.profiles.home import app_home
    from app.profiles.secrets import SecretStore
    from app.profiles.store import ProfileStore
    from app.ui.firm.page import FirmView
    from bench.bench_stalls import run_until
    from bench.peak_memory import own_peak_mb

    set_language("id")
    tune_for_gui()  # as the app's entry point does
    app = QApplication.instance() or QApplication([])
    names = [f"PT Akhir Bulan {n}" for n in range(len(spec["companies"]))]
    plan = _saved_companies(spec, names)
    executor = ThreadPoolExecutor(max_workers=4)
    home = app_home()
    view = FirmView(executor, ProfileStore(home, SecretStore()), machine_limiters(home), home)
    view.resize(1300, 600)
    view.show()
    view.open_plan(plan)
    try:
        run_until(lambda: view.post_button.isEnabled(), "the plan read", 120)
    except TimeoutError:
        raise RuntimeError(f"{view.status_label.text()} {view.problems_label.text()}") from None
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now
        note_threads()

    pauses = _CollectorPauses()
    sampler = _StallSampler(last, child=lambda: view.firm.pid if view.firm else None)
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    started = time.perf_counter()
    last[0] = started
    timer.start()
    pauses.start()
    sampler.start()
    view.post_button.click()  # the "Posting semua" button, as a user presses it
    run_until(lambda: view.status_label.text().startswith("Selesai"), "the plan", 900)
    seconds = time.perf_counter() - started
    timer.stop()
    pauses.stop()
    sampler.stop()
    complete = view.outcome is not None and view.outcome.complete
    view.shutdown(30.0)
    executor.shutdown()
    ordered = sorted(gaps)
    summary = {
        "longest_ms": ordered[-1] if ordered else 0.0,
        "p99_ms": ordered[int(0.99 * (len(ordered) - 1))] if ordered else 0.0,
        "over": sum(1 for gap in gaps if gap > TARGET_GAP_MS),
        "count": len(gaps),
        "collector": pauses.summary(),
        "stuck_in": sampler.summary(),
        "child_threads": sampler.child_threads,
        "window_mb": own_peak_mb(),
    }
    del app
    return seconds, complete, summary


class _CollectorPauses:
    """How long the cycle collector's sweeps held every thread (gc.callbacks)."""

    def __init__(self) -> None:
        self.pauses: list[tuple[int, float, int]] = []  # generation, ms, objects collected
        self.long: list[tuple[float, float]] = []  # (time.monotonic() at its end, ms) > 50 ms
        self._began = 0.0

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._began = time.perf_counter()
        else:
            ms = (time.perf_counter() - self._began) * 1000
            self.pauses.append((info["generation"], ms, info["collected"]))
            if ms > 50:
                self.long.append((time.monotonic(), ms))

    def start(self) -> None:
        import gc

        gc.callbacks.append(self._callback)

    def stop(self) -> None:
        import gc

        gc.callbacks.remove(self._callback)

    def summary(self) -> dict:
        full = [ms for gen, ms, _ in self.pauses if gen == 2]
        return {
            "sweeps": len(self.pauses),
            "full_sweeps": len(full),
            "longest_ms": max((ms for _, ms, _ in self.pauses), default=0.0),
            "longest_full_ms": max(full, default=0.0),
            "over_100_ms": sum(1 for _, ms, _ in self.pauses if ms > TARGET_GAP_MS),
            "long": self.long,
        }


class _StallSampler:
    """A thread that, while the GUI thread's timer is late by more than 50 ms, notes where
    the GUI thread is (its innermost app or library frames), to say what kept it busy."""

    def __init__(self, last_tick: list[float], child=None) -> None:
        import threading

        self._child = child  # the posting child's pid, when the window runs one
        self.child_threads = 0  # the most threads it had
        self._last = last_tick
        self._gui = threading.main_thread().ident
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self.samples: dict[str, int] = defaultdict(int)
        self.late_wakeups: list[float] = []  # ms the sampler itself slept past its 10 ms

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        import traceback

        while not self._stop.is_set():
            asked = time.perf_counter()
            time.sleep(0.01)
            now = time.perf_counter()
            self.late_wakeups.append((now - asked) * 1000 - 10)
            self._note_child_threads()
            if (now - self._last[0]) * 1000 < 50:
                continue
            frame = sys._current_frames().get(self._gui)
            if frame is None:
                continue
            stack = traceback.extract_stack(frame)[-4:]
            where = " < ".join(
                f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(stack)
            )
            self.samples[where] += 1

    def _note_child_threads(self) -> None:
        pid = self._child() if self._child is not None else None
        if pid is None:
            return
        try:
            status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
        except OSError:
            return
        for line in status.splitlines():
            if line.startswith("Threads:"):
                self.child_threads = max(self.child_threads, int(line.split()[1]))

    def summary(self) -> dict:
        top = sorted(self.samples.items(), key=lambda item: -item[1])[:8]
        late = sorted(self.late_wakeups)
        return {
            "gui_thread_samples": top,
            "sampler_late_max_ms": late[-1] if late else 0.0,
            "sampler_late_over_100": sum(1 for ms in late if ms > TARGET_GAP_MS),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=TITLE)
    parser.add_argument("--companies", type=int, default=COMPANIES)
    parser.add_argument("--one-by-one", type=int, default=ONE_BY_ONE)
    parser.add_argument("--bulk", type=int, default=BULK)
    parser.add_argument("--skip-window", action="store_true")
    parser.add_argument("--only", choices=("one", "plan", "window"), help="one run alone")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(json.loads(args.child))))
        return 0
    result = run(args.companies, args.one_by_one, args.bulk, not args.skip_window, args.only)
    print("\n".join(result.report_lines()))
    print(json.dumps([asdict(r) for r in result.runs]))
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
