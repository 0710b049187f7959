"""How a firm run posted by a child process talks to the window that started it
(`jurnal-desk post-many PLAN --progress jsonl`): one JSON object a line each way.

On the child's stdout:
- `{"rows": [row, ...]}`: the table's rows now (every company; see `row_json`), at most
  every `EVERY_SECONDS` while only counts move, at once when a company's state changes;
- `{"plan_problems": [message, ...]}`: the plan has problems, nothing is sent;
- `{"secrets": {"text": message, "unlock": bool}}`: the encrypted secrets file could not be
  opened, nothing is sent (`app.firm.child_key`);
- `{"done": {"complete": bool, "report": path}}`: the last line of a run that ended.
On its stdin, from the window: first the secrets file's key when the child was started with
`--secrets-key-stdin` (`app.firm.child_key`); then `{"stop": "<company>"}` stops that company,
`{"stop": null}` every company; the end of stdin (the window closed or died) stops every
company too.

Every text goes as its message and values (`app.core.i18n.stored`, as the outbox keeps them),
so the window shows it in whichever language the user picks.
Plain Python: the child writes with `ProgressWriter` and reads with `follow_commands`; the
window's side is `app.firm.child`."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TextIO

from app.core.i18n.stored import text_from_json, text_to_json
from app.firm.child_key import SecretsTrouble, trouble_json
from app.firm.company_run import CompanyRun, CompanySnapshot, CompanyState
from app.firm.plan import PlanProblem
from app.firm.run import FirmRun
from app.firm.work import FirmRow, RowsOf

log = logging.getLogger(__name__)

EVERY_SECONDS = 0.25  # at most this often a line of rows while only counts move


def row_json(row: FirmRow) -> dict[str, Any]:
    snap = row.snapshot
    return {
        "name": snap.name,
        "state": snap.state.value,
        "total": snap.total,
        "done": snap.done,
        "posted": snap.posted,
        "rejected": snap.rejected,
        "uncertain": snap.uncertain,
        "speed": snap.entries_per_second,
        "left": snap.seconds_left,
        "needs": text_to_json(row.needs) if row.needs is not None else None,
        "complete": row.complete,
    }


def row_of(data: dict[str, Any]) -> FirmRow:
    """A row as the child sent it; a ValueError (or KeyError, TypeError) when it is not one."""
    left = data.get("left")
    snapshot = CompanySnapshot(
        name=str(data["name"]),
        state=CompanyState(data["state"]),
        total=int(data["total"]),
        done=int(data["done"]),
        posted=int(data["posted"]),
        rejected=int(data["rejected"]),
        uncertain=int(data["uncertain"]),
        entries_per_second=float(data["speed"]),
        seconds_left=None if left is None else float(left),
    )
    needs = data.get("needs")
    told = None if needs is None else text_from_json(needs)
    return FirmRow(snapshot, told, bool(data.get("complete")))


class ProgressWriter:
    """The child's side: a line of rows when a company changes (`changed`, the run's
    `on_change`, called on the companies' workers), never more often than `EVERY_SECONDS`
    unless a state changed; thread-safe."""

    def __init__(
        self, firm: FirmRun, stream: TextIO, *, clock: Callable[[], float] = time.monotonic
    ):
        self._rows = RowsOf(firm)
        self._stream = stream
        self._clock = clock
        self._lock = threading.Lock()
        self._states: list[CompanyState] = []
        self._written_at = -EVERY_SECONDS

    def changed(self, _company: CompanyRun | None = None) -> None:
        with self._lock:
            rows = self._rows()
            states = [row.snapshot.state for row in rows]
            now = self._clock()
            if states == self._states and now - self._written_at < EVERY_SECONDS:
                return
            self._states, self._written_at = states, now
            self._write({"rows": [row_json(row) for row in rows]})

    def done(self, complete: bool, report: str | None) -> None:
        with self._lock:
            self._write({"rows": [row_json(row) for row in self._rows()]})
            self._write({"done": {"complete": complete, "report": report}})

    def _write(self, document: dict[str, Any]) -> None:
        _write_line(self._stream, document)


def write_plan_problems(stream: TextIO, problems: list[PlanProblem]) -> None:
    """The plan has problems (each with its row, as stored messages); nothing is sent."""
    stored = [text_to_json(problem.message()) for problem in problems]
    _write_line(stream, {"plan_problems": stored})


def write_secrets_trouble(stream: TextIO, trouble: SecretsTrouble) -> None:
    """The secrets file could not be opened; nothing is sent."""
    _write_line(stream, trouble_json(trouble))


def _write_line(stream: TextIO, document: dict[str, Any]) -> None:
    try:
        stream.write(json.dumps(document, ensure_ascii=False) + "\n")
        stream.flush()
    except (OSError, ValueError):  # the window went away: the run goes on, unseen
        log.info("the window stopped reading the firm run's progress")


def follow_commands(stream: TextIO, firm: FirmRun) -> threading.Thread:
    """Read the window's commands from `stream` on a daemon thread: stop one company or
    all; the end of the stream stops all (nobody is watching any more)."""

    def read() -> None:
        try:
            for line in stream:
                _obey(line, firm)
        except (OSError, ValueError):
            log.info("the firm run's command stream broke")
        firm.stop()

    thread = threading.Thread(target=read, name="firm commands", daemon=True)
    thread.start()
    return thread


def _obey(line: str, firm: FirmRun) -> None:
    try:
        command = json.loads(line)
    except ValueError:
        log.warning("a firm run command that is not JSON was ignored")
        return
    if isinstance(command, dict) and "stop" in command:
        company = command["stop"]
        firm.stop(company if isinstance(company, str) else None)


def stop_line(company: str | None) -> str:
    """The window's command: stop `company`, or every company when None."""
    return json.dumps({"stop": company}, ensure_ascii=False) + "\n"
