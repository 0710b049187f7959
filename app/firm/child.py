"""The window's firm run, posted by a child process: `jurnal-desk post-many PLAN --progress
jsonl`, the engine the command line uses. The window's process then holds no posting threads
(ten companies keep ~100 of them busy), so its GUI thread never waits for them to hand over
the interpreter; the child's rows come back as JSON lines (`app.firm.progress_lines`), read
here on a worker, and a stop (one company, or all) goes down the child's stdin. When the home
keeps its secrets in the encrypted file, the file's key goes first down that stdin
(`app.firm.child_key`); a file still locked in the window starts no child at all.

Exactly once does not depend on the child ending well: every entry's intent is in the outbox
before it is sent, and a company's lease is an OS lock the kernel lets go of when the child
dies; a run started again resumes. When the child dies, `FirmChildRun.run` says so on every
company it had not finished.

Plain Python (no Qt): a worker function for the window's TaskRunner, tested without a window."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from app.core import environment
from app.core.i18n import Text, tr
from app.core.i18n.stored import text_from_json
from app.core.interpreter import full_sweeps_rare
from app.core.tasks import TaskState
from app.firm.child_key import KEY_FLAG, SecretsTrouble, file_locked, key_line, trouble_of
from app.firm.company_run import CompanyState
from app.firm.progress_lines import row_of, stop_line
from app.firm.work import FINISHED, FirmRow, waiting_row
from app.profiles.file_keyring import FileKey
from app.profiles.secrets import SecretsFileLocked, SecretStore

log = logging.getLogger(__name__)

_STDERR_KEPT = 40  # the last lines of the child's stderr, for when it fails
# The child runs below the window's CPU priority: on a busy machine (two cores, a hundred
# posting threads, other programs) the kernel then gives the window's GUI thread a core
# first. The posting mostly waits for the services' limits, so it loses little.
CHILD_NICENESS = 10
STOP_WAIT_SECONDS = 30.0  # after a stop: how long requests under way may take to finish

CommandMaker = Callable[[Path, Path, str], list[str]]


def post_many_command(plan: Path, report: Path, language: str) -> list[str]:
    """`jurnal-desk post-many PLAN --progress jsonl --report REPORT` as this same Jurnal Desk
    (`python -m app`, or a standalone build's own executable)."""
    compiled = globals().get("__compiled__")  # set by Nuitka in every module it compiles
    if compiled is None:
        start = [sys.executable, "-m", "app"]
    else:  # a Nuitka build's sys.executable names an interpreter that is not there
        start = [getattr(compiled, "original_argv0", None) or sys.argv[0]]
    return [*start, "--lang", language, "post-many", str(plan), "--progress", "jsonl",
            "--report", str(report)]  # fmt: skip


@dataclass(slots=True)
class ChildOutcome:
    """How the child's run ended: the last rows (unfinished companies explained when the
    child died), whether every company is on the books, the result workbook (None when the
    child wrote none), and what went wrong with the child itself (None when nothing did);
    `secrets` when the secrets file could not be opened (then nothing was sent)."""

    rows: list[FirmRow] = field(default_factory=list)
    complete: bool = False
    report: Path | None = None
    trouble: Text | None = None
    plan_problems: list[Text] = field(default_factory=list)
    secrets: SecretsTrouble | None = None


class FirmChildRun:
    """One run of a plan in a child process. `run(state)` (a worker) starts it and returns
    when it ends; `stop()` may be called from any thread meanwhile."""

    def __init__(
        self,
        plan: Path,
        report: Path,
        language: str,
        companies: Sequence[str],
        *,
        command: CommandMaker = post_many_command,
        env: dict[str, str] | None = None,
        secrets: SecretStore | None = None,
    ) -> None:
        self.plan, self.report, self.language = plan, report, language
        self.companies = list(companies)
        self._command = command
        self._secrets = secrets
        self._env = env
        self._process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()
        self._stopped: list[str | None] = []  # asked before the child started
        self._stderr: deque[str] = deque(maxlen=_STDERR_KEPT)

    @property
    def pid(self) -> int | None:
        with self._lock:
            return self._process.pid if self._process is not None else None

    def stop(self, company: str | None = None) -> None:
        """Stop one company (by name), or every company: requests under way finish, what is
        left is posted by the next run."""
        with self._lock:
            if self._process is None:
                self._stopped.append(company)
                return
            self._send(stop_line(company))

    def run(self, state: TaskState) -> ChildOutcome:
        """Worker: start the child, offer its rows as partial results until it ends."""
        with full_sweeps_rare():  # the rows read die young; the window's heap is old
            return self._follow(state)

    def _follow(self, state: TaskState) -> ChildOutcome:
        outcome = ChildOutcome()
        try:
            key = self._secrets.key_for_child() if self._secrets is not None else None
        except SecretsFileLocked as locked:  # the window asks for the password first
            outcome.secrets = SecretsTrouble(file_locked(locked.path), unlock=True)
            return outcome
        self.report.parent.mkdir(parents=True, exist_ok=True)
        process = self._start(key)
        reader = threading.Thread(target=self._keep_stderr, args=(process.stderr,), daemon=True)
        reader.start()
        with process:  # its pipes are closed when it ends
            assert process.stdout is not None  # made with stdout=PIPE
            for line in process.stdout:
                self._take(line, outcome, state)
            code = process.wait()
            reader.join(5.0)
            with self._lock:
                self._process = None
        if outcome.plan_problems or outcome.secrets is not None:
            return outcome
        if outcome.report is None:  # no last line: the child died, or refused to start
            outcome.trouble = self._died(code)
            outcome.rows = _unfinished_told(outcome.rows, self.companies, outcome.trouble)
        return outcome

    # -- inside ------------------------------------------------------------------------------

    def _start(self, key: FileKey | None) -> subprocess.Popen[str]:
        command = self._command(self.plan, self.report, self.language)
        if key is not None:
            command.append(KEY_FLAG)  # the key itself goes down stdin, below
        env = environment.for_child_process() if self._env is None else dict(self._env)
        env["PYTHONIOENCODING"] = "utf-8"
        with self._lock:
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                errors="replace",
                bufsize=1,
                env=env,
                # Windows: below normal priority from the start (POSIX: _lower_priority).
                creationflags=getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0),
            )
            _lower_priority(self._process.pid)
            if key is not None:
                self._send(key_line(key))  # first, before any stop command
            for company in self._stopped:
                self._send(stop_line(company))
            return self._process

    def _send(self, line: str) -> None:
        """Called with the lock held."""
        stdin = self._process.stdin if self._process is not None else None
        if stdin is None:
            return
        try:
            stdin.write(line)
            stdin.flush()
        except (OSError, ValueError):  # the child has ended
            log.info("the firm run's child no longer reads its commands")

    def _keep_stderr(self, stream: IO[str] | None) -> None:
        if stream is None:
            return
        with contextlib.suppress(OSError, ValueError):
            for line in stream:
                self._stderr.append(line.rstrip("\n"))

    def _take(self, line: str, outcome: ChildOutcome, state: TaskState) -> None:
        try:
            document: Any = json.loads(line)
            if "rows" in document:
                outcome.rows = [row_of(row) for row in document["rows"]]
                state.set_partial_result(outcome.rows)
            elif "done" in document:
                outcome.complete = bool(document["done"]["complete"])
                outcome.report = Path(document["done"]["report"])
            elif "plan_problems" in document:
                outcome.plan_problems = [text_from_json(p) for p in document["plan_problems"]]
            elif (trouble := trouble_of(document)) is not None:
                outcome.secrets = trouble
        except (ValueError, KeyError, TypeError):  # not ours (a library printing): skip it
            log.warning("a line from the firm run's child was not understood")

    def _died(self, code: int) -> Text:
        said = " ".join(self._stderr)[-400:].strip()
        if code < 0:
            how = tr("dihentikan sinyal {s}", s=-code)
        else:
            how = tr("keluar dengan kode {c}", c=code)
        if said:
            return tr(
                "Proses posting berakhir sebelum selesai ({h}): {w}. Yang sudah terkirim "
                "tercatat di riwayat; jalankan rencana lagi untuk melanjutkan, tidak ada yang "
                "dikirim dua kali.",
                h=how,
                w=said,
            )
        return tr(
            "Proses posting berakhir sebelum selesai ({h}). Yang sudah terkirim tercatat di "
            "riwayat; jalankan rencana lagi untuk melanjutkan, tidak ada yang dikirim dua kali.",
            h=how,
        )


def _lower_priority(pid: int) -> None:
    """Lower the child's CPU priority (POSIX). Done at once, before its interpreter has
    started a thread: on Linux a priority is each thread's, and new threads take their
    creator's."""
    if not hasattr(os, "setpriority"):
        return  # Windows: the priority class given when it was started
    try:
        own = os.getpriority(os.PRIO_PROCESS, 0)
        os.setpriority(os.PRIO_PROCESS, pid, min(own + CHILD_NICENESS, 19))
    except OSError:  # gone already, or not allowed: it runs at the window's priority
        log.info("the firm run's child keeps the window's CPU priority")


def _unfinished_told(rows: list[FirmRow], companies: list[str], trouble: Text) -> list[FirmRow]:
    """Every company the child had not finished: failed, needing `trouble`."""
    by_name = {row.snapshot.name: row for row in rows}
    told = []
    for name in companies:
        row = by_name.get(name)
        if row is not None and row.snapshot.state in FINISHED:
            told.append(row)
            continue
        if row is None:
            row = waiting_row(name)
        told.append(FirmRow(replace(row.snapshot, state=CompanyState.FAILED), trouble, False))
    return told
