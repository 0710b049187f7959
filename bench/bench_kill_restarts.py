"""Killed and restarted: `jurnal-desk post` of a 3,000-entry workbook in bulk, as a real
process, killed with SIGKILL every N seconds and started again until it finishes.

The Accurate sandbox runs in a process of its own (`python -m bench.bench_kill_restarts
--serve`: Accurate's real limits, 8 requests a second and 8 in flight, 100 ms added to every
request), so the kill never takes it down; it answers this launcher's questions about its
books and its request log on a pipe. The poster runs as a user runs it
(`python -m app post BOOK --profile Demo`, bulk: `bulk-save.do`, 100 vouchers a request)
with its own home (profile, file keyring, outbox on disk).

Per run (start, then killed or finished): entries in the sandbox's books when it ended and
how many it added; the entries its outbox had left in flight (`sending` / `uncertain`) when
it started, how many of those it settled (found on the books, or proven absent and queued
to be sent again) and how many it found posted; its requests by kind (saves; voucher look-ups,
which is what recovering in-flight entries costs; the rest: token, chart, branches); the
seconds from its start to its first save. At the end: duplicates and missing entries in the
books.

Targets: progress on every restart (it adds entries to the books, settles entries left in
flight, or finishes), 0 duplicates, 0 missing. A series stops after 6 restarts in a row
without progress (then "missing" counts what the books lack at that point).

Run alone: `python -m bench.bench_kill_restarts [--entries 3000] [--every 10 3 2]`;
`python -m bench kill-restarts --write` updates BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

NAME = "kill-restarts"
TITLE = "Killed and restarted: SIGKILL every N seconds of a 3,000-entry bulk post"
LATENCY_MS = 100
ENTRIES = 3_000
INTERVALS = (10.0, 5.0, 3.0)
# Other vouchers of the month in the books before the post (`--others 8000`: a busy month,
# whose whole journal list takes longer than 10 s to read at 8 pages a second).
OTHERS = (0,)
MAX_RUNS = 400  # a safety cap: a series also stops after STUCK_RUNS restarts without progress
STUCK_RUNS = 6  # restarts in a row without progress: the series stops there
ROOT = Path(__file__).resolve().parent.parent
PREFIX = "KL"


@dataclass
class RunRow:
    number: int
    seconds: float
    ended: str  # "killed" or "exit N"
    books: int  # entries in the sandbox's books when the run ended
    added: int
    in_flight_at_start: int  # the outbox's sending/uncertain entries when it started
    recovered: int  # of those, no longer in flight when it ended (found posted, or absent)
    found_posted: int  # of those, posted when it ended
    saves: int
    lookups: int  # journal-voucher list/detail requests: finding out what became of entries
    other: int
    first_save_s: float | None  # from the process start to its first save request

    @property
    def progressed(self) -> bool:
        """It added to the books, settled entries left in flight, or finished."""
        return self.added > 0 or self.recovered > 0 or self.ended == "exit 0"


@dataclass
class Series:
    every: float
    rows: list[RunRow]
    duplicates: int
    missing: int
    load: str
    others: int = 0  # other people's vouchers of the same month in the books before the post
    honour_sort: bool = False  # whether the journal list honoured `sp.sort=id|desc`

    @property
    def progress_every_restart(self) -> bool:
        return all(row.progressed for row in self.rows)

    @property
    def finished(self) -> bool:
        return bool(self.rows) and self.rows[-1].ended == "exit 0"

    @property
    def ok(self) -> bool:
        return (
            self.finished and self.progress_every_restart and not self.duplicates
            and not self.missing
        )  # fmt: skip


@dataclass
class KillResult:
    series: list[Series]
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(s.ok for s in self.series)

    def report_lines(self) -> list[str]:
        lines = [TITLE]
        for s in self.series:
            lines.append(
                f"  killed every {s.every:g} s, {s.others:,} other vouchers, sort "
                f"{'honoured' if s.honour_sort else 'ignored'} (load {s.load}): "
                f"{len(s.rows)} run(s), "
                f"duplicates {s.duplicates}, missing {s.missing}, progress on every restart "
                f"{'yes' if s.progress_every_restart else 'NO'}"
            )
            for row in s.rows:
                lines.append("    " + " | ".join(_cells(row)))
        lines += [f"  {note}" for note in self.notes]
        lines.append(f"  {'PASS' if self.passed else 'FAIL'}")
        return lines

    def markdown(self) -> str:
        parts = [_WHAT, f"Targets (progress on every restart, 0 duplicates, 0 missing): "
                 f"{'met' if self.passed else '**not met**'}."]  # fmt: skip
        head = (
            "| run | seconds | ended | in the books at its end | added | in flight at its "
            "start | of those settled; of those found posted | saves | voucher look-ups | "
            "other requests | to first save |\n|---|---|---|---|---|---|---|---|---|---|---|"
        )
        for s in self.series:
            rows = "\n".join("| " + " | ".join(_cells(row)) + " |" for row in s.rows)
            parts.append(
                f"**Killed every {s.every:g} s, {s.others:,} other vouchers of the month in the "
                f"books, list sort {'honoured' if s.honour_sort else 'ignored'}** (load "
                f"average at start {s.load}): "
                f"{len(s.rows)} run(s); duplicates **{s.duplicates}**, missing "
                f"**{s.missing}**; progress on every restart: "
                f"**{'yes' if s.progress_every_restart else 'no'}**.\n\n{head}\n{rows}"
            )
        parts += self.notes
        return "\n\n".join(parts) + "\n"


_WHAT = f"""\
`jurnal-desk post BOOK --profile Demo` (bulk, 100 vouchers a request) of {ENTRIES:,} entries
of 2 lines, as a real process with its own home (profile, file keyring, outbox on disk),
killed with SIGKILL every N seconds after it starts and started again at once, until it
exits 0. The Accurate sandbox runs in a process of its own (Accurate's limits per token: 8
requests a second, 8 in flight; {LATENCY_MS} ms added to every request) and is asked for its
books and request log between runs. Per run: entries in the books when it ended and how many
it added; entries its outbox had in flight (`sending` or `uncertain`) when it started, how
many of those it settled (found on the books, or proven absent and queued to be sent again)
and how many it found posted; its requests (saves; voucher look-ups, the cost of finding
out what became of entries in flight; other: token, chart, branches); seconds from its
start to its first save. A restart made progress when it added to the books, settled
entries left in flight, or finished. A series stops after 6 restarts in a row without
progress ("missing" then counts what the books lack at that point)."""


def _cells(row: RunRow) -> list[str]:
    first = f"{row.first_save_s:.1f} s" if row.first_save_s is not None else "–"
    return [
        str(row.number), f"{row.seconds:.1f}", row.ended, f"{row.books:,}", f"{row.added:,}",
        str(row.in_flight_at_start), f"{row.recovered}; {row.found_posted}", str(row.saves),
        str(row.lookups),
        str(row.other), first,
    ]  # fmt: skip


# --- the sandbox's own process -----------------------------------------------------------------


def serve(others: int = 0, honour_sort: bool = False) -> int:
    """The sandbox until stdin closes; answers `books` and `log SINCE` with a JSON line.
    `others`: vouchers other people typed in the workbook's month before the post."""
    from app.sandbox import ACCURATE_CHART, DEMO_ACCURATE_TOKEN, Faults, Sandbox

    with Sandbox(Faults(latency_ms=LATENCY_MS), enforce_rate_limit=True) as sb:
        sb.honour_list_sort(honour_sort)
        debit, credit = [a.no for a in ACCURATE_CHART if a.postable][:2]
        for n in range(1, others + 1):
            lines = [(debit, "DEBIT", f"{n}"), (credit, "CREDIT", f"{n}")]
            sb.type_voucher_in_app(f"LAIN/{n:05}", f"{n % 28 + 1:02}/08/2026", lines)
        print(json.dumps({"account_url": sb.account_url}), flush=True)
        for line in sys.stdin:
            command = line.split()
            if not command:
                continue
            if command[0] == "books":
                numbers = Counter(v["number"] for v in sb.vouchers(DEMO_ACCURATE_TOKEN))
                answer = {"numbers": dict(numbers), "breaches": sb.stats.breaches}
            elif command[0] == "log":
                since = float(command[1])
                answer = {
                    "requests": [
                        [r.started, r.path] for r in sb.request_log() if r.started >= since
                    ]
                }
            else:
                answer = {"error": command[0]}
            print(json.dumps(answer), flush=True)
    return 0


class SandboxProcess:
    def __init__(self, env: dict[str, str], others: int, honour_sort: bool) -> None:
        serve_args = ["--serve", "--others", str(others)]
        if honour_sort:
            serve_args.append("--sort-honoured")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.bench_kill_restarts", *serve_args],
            cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        self.account_url = self._answer()["account_url"]

    def ask(self, command: str) -> dict:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self._answer()

    def _answer(self) -> dict:
        assert self.process.stdout is not None
        return json.loads(self.process.stdout.readline())

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


# --- the launcher -------------------------------------------------------------------------------


def _env(home: Path) -> dict[str, str]:
    from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN

    return {
        **os.environ,
        "JURNAL_DESK_HOME": str(home),
        "PYTHON_KEYRING_BACKEND": "tests.helpers.file_keyring.FileKeyring",
        "JURNAL_DESK_TEST_KEYRING": str(home / "keyring.json"),
        "PYTHONPATH": str(ROOT),
        "JURNAL_DESK_TOKEN": DEMO_ACCURATE_TOKEN,
        "JURNAL_DESK_SECRET": DEMO_ACCURATE_SECRET,
    }


def _outbox_unresolved(home: Path) -> set[str]:
    path = home / "outbox.sqlite3"
    if not path.exists():
        return set()
    with sqlite3.connect(path, timeout=10) as db:
        rows = db.execute(
            "SELECT reference FROM entries WHERE status IN ('sending', 'uncertain')"
        ).fetchall()
    return {reference for (reference,) in rows}


def _outbox_posted(home: Path, references: set[str]) -> int:
    if not references:
        return 0
    with sqlite3.connect(home / "outbox.sqlite3", timeout=10) as db:
        rows = db.execute("SELECT reference FROM entries WHERE status = 'posted'").fetchall()
    return len(references & {reference for (reference,) in rows})


def series(
    every: float, entries: int, book: Path, others: int = 0, honour_sort: bool = False
) -> Series:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="jd-kill-") as folder:
        home = Path(folder)
        env = _env(home)
        server = SandboxProcess(env, others, honour_sort)
        try:
            added = subprocess.run(
                [sys.executable, "-m", "app", "profile", "add", "Demo", "--service",
                 "accurate", "--url", server.account_url],
                env=env, cwd=ROOT, capture_output=True, text=True, check=False,
            )  # fmt: skip
            if added.returncode != 0:
                raise RuntimeError(f"profile add failed: {added.stdout}{added.stderr}")
            rows = _runs(server, env, home, book, every)
            numbers = server.ask("books")["numbers"]
        finally:
            server.close()
    expected = {f"{PREFIX}/{n:05}" for n in range(1, entries + 1)}
    duplicates = sum(count - 1 for count in numbers.values() if count > 1)
    missing = len(expected - set(numbers))
    return Series(every, rows, duplicates, missing, load, others, honour_sort)


def _runs(server: SandboxProcess, env, home: Path, book: Path, every: float) -> list[RunRow]:
    rows: list[RunRow] = []
    books_before = 0
    for number in range(1, MAX_RUNS + 1):
        in_flight = _outbox_unresolved(home)
        started_mono = time.monotonic()
        poster = subprocess.Popen(
            [sys.executable, "-m", "app", "post", str(book), "--profile", "Demo"],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            _out, err = poster.communicate(timeout=every)
            ended = f"exit {poster.returncode}"
        except subprocess.TimeoutExpired:
            poster.send_signal(signal.SIGKILL)
            _out, err = poster.communicate()
            ended = "killed"
        seconds = time.monotonic() - started_mono
        books = sum(server.ask("books")["numbers"].values())
        requests = server.ask(f"log {started_mono}")["requests"]
        saves = [start for start, path in requests if path.endswith("save.do")]
        lookups = sum(1 for _s, path in requests if "journal-voucher" in path and
                      not path.endswith("save.do"))  # fmt: skip
        rows.append(
            RunRow(
                number=number,
                seconds=seconds,
                ended=ended,
                books=books,
                added=books - books_before,
                in_flight_at_start=len(in_flight),
                recovered=len(in_flight - _outbox_unresolved(home)),
                found_posted=_outbox_posted(home, in_flight),
                saves=len(saves),
                lookups=lookups,
                other=len(requests) - len(saves) - lookups,
                first_save_s=min(saves) - started_mono if saves else None,
            )
        )
        print(f"    run {number}: {ended} after {seconds:.1f} s, books {books}", flush=True)
        books_before = books
        if len(rows) >= STUCK_RUNS and not any(row.progressed for row in rows[-STUCK_RUNS:]):
            print(f"    {STUCK_RUNS} restarts in a row made no progress: stopped", flush=True)
            break
        if ended != "killed":
            if poster.returncode != 0:
                print(err[-2000:], flush=True)
            break
    return rows


def run(
    entries: int = ENTRIES,
    intervals: tuple[float, ...] = INTERVALS,
    others: tuple[int, ...] = OTHERS,
    honour_sort: bool = False,
) -> KillResult:
    from bench.bench_firm_month_end import workbook

    book = workbook(entries, PREFIX)
    result = KillResult([])
    for count in others:
        for every in intervals:
            print(f"  killed every {every:g} s, {count} other vouchers", flush=True)
            result.series.append(series(every, entries, book, count, honour_sort))
    result.notes.append(
        f"Measured {date.today().isoformat()} on the shared 2-core machine (Python "
        f"{sys.version.split()[0]}); load average at each series' start above."
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=TITLE)
    parser.add_argument("--entries", type=int, default=ENTRIES)
    parser.add_argument("--every", type=float, nargs="+", default=list(INTERVALS))
    parser.add_argument(
        "--others", type=int, nargs="+", default=list(OTHERS),
        help="other vouchers of the same month in the books before the post (one series each)",
    )  # fmt: skip
    parser.add_argument(
        "--sort-honoured", action="store_true",
        help="the journal list honours sp.sort (by default it answers oldest first)",
    )  # fmt: skip
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve(args.others[0], args.sort_honoured)
    result = run(args.entries, tuple(args.every), tuple(args.others), args.sort_honoured)
    print("\n".join(result.report_lines()))
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
