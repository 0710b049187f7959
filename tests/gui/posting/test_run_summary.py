"""One run with every kind of outcome, counted the same by every front: the command line's
summary, the posting window's banner, the result workbook's summary sheet and the history
(its page and `jurnal-desk history`)."""

from __future__ import annotations

import copy
import dataclasses
import itertools
import json
import threading

import openpyxl
import pytest

from app.cli.post import print_summary
from app.posting.engine import PostingEngine
from app.posting.outbox.ledger import Outbox
from app.posting.report.workbook import write_posting_report
from app.posting.service import outbox_path
from app.posting.summary import RunSummary
from app.posting.targets import AccurateTarget
from app.sandbox import Faults, Sandbox
from app.ui.common.tasks import TaskState
from app.ui.history.page import BatchState, load_history
from app.ui.posting.words import run_summary
from tests.helpers.cli_helpers import run
from tests.helpers.posting_helpers import PARENT_ACCOUNT, accurate_client, entries

PROFILE = "PT Demo"


@pytest.fixture
def every_outcome(jurnal_home):
    """JV-00001 posted; JV-00002 rejected (a parent account); JV-00003 uncertain (the server
    always fails it); JV-00004 posted before with the same content and JV-00005 with other
    content (by an earlier batch); JV-00006 not sent (Stop pressed once JV-00003 was
    unclear). A seventh entry was invalid and kept back by the check."""
    items = entries(6)
    items[1].lines[0].account = PARENT_ACCOUNT
    other = copy.deepcopy(items[4])
    other.lines[0].memo = other.lines[1].memo = "isi lain"
    cancel = threading.Event()

    def stop_once_unclear(progress) -> None:
        if progress.uncertain:
            cancel.set()

    faults = Faults(failing_texts=("JV-00003",))
    with (
        Outbox(outbox_path(jurnal_home)) as outbox,
        Sandbox(faults, enforce_rate_limit=False) as sb,
        accurate_client(sb, fast=True) as client,
    ):
        target = AccurateTarget(client, bulk=False)
        earlier = PostingEngine(outbox, target, PROFILE)
        earlier.run(earlier.open_batch([items[3], other]))
        # One worker, in batch order; a clock that lets every progress report through.
        ticks = itertools.count(0.0, 1.0)
        engine = PostingEngine(outbox, target, PROFILE, workers=1, clock=lambda: next(ticks))
        batch = engine.open_batch(items)
        report = engine.run(batch, on_progress=stop_once_unclear, cancel=cancel)
    return items, report


def test_the_run_is_summed_up_once_with_every_kind_of_outcome(every_outcome):
    items, report = every_outcome
    assert report.summary(invalid=1) == RunSummary(
        posted=1,
        posted_before=1,
        duplicates=1,
        rejected=1,
        uncertain=1,
        pending=1,
        invalid=1,
        debit_posted=items[0].total_debit,
    )
    assert report.summary(invalid=1).entries == 7


def test_the_command_line_prints_that_summary(every_outcome, capsys):
    _items, report = every_outcome
    print_summary(report, 1, "en")
    lines = capsys.readouterr().out.splitlines()
    counts = [line.split(":", 1) for line in lines if line.startswith("  ") and "  - " not in line]
    counted = {label.strip(): value.strip() for label, value in counts}
    assert counted == {
        "Posted now": "1",
        "Posted before": "1",
        "Rejected by the server": "1",
        "Duplicates skipped": "1",
        "Uncertain": "1",
        "Not sent yet": "1",
        "Invalid (not sent)": "1",
        "Debit total posted": "1,000.25",
    }
    listed = [line.split(":")[0].strip() for line in lines if line.startswith("  - ")]
    assert listed == ["- JV-00002", "- JV-00003", "- JV-00005"]  # not the one posted before


def test_the_posting_window_says_the_same(every_outcome):
    items, report = every_outcome
    debits = {entry.reference: entry.total_debit for entry in items}
    kind, headline, body = run_summary(report, total=7, invalid=1, debits=debits, company=PROFILE)
    assert (kind, headline.en) == ("warning", "Posting was stopped.")
    assert body.en.startswith("1 of 7 entries posted; 1 not sent yet.")

    finished = dataclasses.replace(report, cancelled=False)  # as if it had run to the end
    _kind, headline, body = run_summary(
        finished, total=7, invalid=1, debits=debits, company=PROFILE
    )
    assert headline.en == "5 of 7 entries are not in the books."
    assert body.en.startswith(
        "1 posted; 1 rejected; 1 uncertain; 1 skipped (number already used); "
        "1 not valid (not sent)."
    )
    assert body.id.startswith(
        "1 terposting; 1 ditolak; 1 belum pasti; 1 dilewati (nomor sudah dipakai); "
        "1 tidak valid (tidak dikirim)."
    )
    # Chinese lists them with its own semicolons and full stop.
    assert body.get("zh").startswith(
        "已过账 1 条；被拒绝 1 条；尚不确定 1 条；"
        "已跳过 1 条（凭证号已被使用）；无效 1 条（未发送）。"
    )


def test_the_result_workbook_counts_the_same(every_outcome, tmp_path):
    items, report = every_outcome
    path = write_posting_report(report, tmp_path / "hasil.xlsx", language="en")
    rows = openpyxl.load_workbook(path)["Summary"].iter_rows(values_only=True)
    facts = {row[0]: row[1] for row in rows if row[0] is not None}
    assert facts["Entries"] == 6
    counted = {
        "Posted": 1,
        "Rejected": 1,
        "Uncertain": 1,
        "Skipped": 2,
        "Pending": 1,
        "Undone": 0,
        "   already posted before": 1,
    }
    assert {label: facts[label] for label in counted} == counted
    assert facts["Debit total posted"] == float(items[0].total_debit)


def test_the_history_counts_the_same(every_outcome, jurnal_home, capsys):
    _items, report = every_outcome
    rows = load_history(jurnal_home, PROFILE, TaskState())
    [row] = [row for row in rows if row.batch_id == report.batch.id]
    assert row.summary == dataclasses.replace(report.summary(), debit_posted=None)
    # Stopped with one entry never sent: interrupted, its unsent entry apart from the others.
    assert (row.total, row.unsent, row.others) == (6, 1, 3)
    assert row.state is BatchState.INTERRUPTED
    assert row.breakdown() == (
        "1 terposting, 1 ditolak, 1 belum pasti, 2 dilewati (1 nomor sudah dipakai), 1 menunggu"
    )

    _code, out, _ = run(capsys, "--lang", "en", "history", "--profile", PROFILE)
    [line] = [line for line in out.splitlines() if line.startswith(report.batch.id)]
    assert line.endswith(
        "[1 posted, 1 rejected, 1 uncertain, 2 skipped (1 reference already used), 1 pending]"
    )
    _code, out, _ = run(capsys, "history", "--json", "--batch", report.batch.id)
    [batch] = json.loads(out)
    assert batch["summary"] == {
        "posted": 1,
        "posted_before": 1,
        "duplicates": 1,
        "rejected": 1,
        "uncertain": 1,
        "pending": 1,
        "undone": 0,
        "invalid": 0,
    }
    reasons = {entry["reference"]: entry["reason"] for entry in batch["entries"]}
    assert reasons == {
        "JV-00001": None,
        "JV-00002": None,
        "JV-00003": None,
        "JV-00004": "already-posted",
        "JV-00005": "duplicate",
        "JV-00006": None,
    }


@pytest.fixture
def resumed_run(jurnal_home):
    """Six entries: the first run is stopped once two are posted; the second run resumes
    the same batch and posts the other four."""
    items = entries(6)
    cancel = threading.Event()

    def stop_after_two(progress) -> None:
        if progress.posted >= 2:
            cancel.set()

    with (
        Outbox(outbox_path(jurnal_home)) as outbox,
        Sandbox(enforce_rate_limit=False) as sb,
        accurate_client(sb, fast=True) as client,
    ):
        target = AccurateTarget(client, bulk=False)
        ticks = itertools.count(0.0, 1.0)
        first = PostingEngine(outbox, target, PROFILE, workers=1, clock=lambda: next(ticks))
        stopped = first.run(first.open_batch(items), on_progress=stop_after_two, cancel=cancel)
        second = PostingEngine(outbox, target, PROFILE)
        batch = second.open_batch(items)
        assert batch.id == stopped.batch.id  # the same batch, resumed
        report = second.run(batch)
    assert stopped.summary().posted == 2
    return items, report


def test_a_resumed_run_counts_only_what_it_sent_as_posted_now(resumed_run, capsys):
    items, report = resumed_run
    assert report.complete
    print_summary(report, 0, "en")
    lines = capsys.readouterr().out.splitlines()
    counted = dict(line.split(":", 1) for line in lines if line.startswith("  "))
    assert counted["  Posted now"].strip() == "4"
    assert counted["  Posted before"].strip() == "2"
    debit_now = sum(entry.total_debit for entry in items[2:])
    assert counted["  Debit total posted"].strip() == f"{debit_now:,.2f}"

    debits = {entry.reference: entry.total_debit for entry in items}
    kind, headline, body = run_summary(report, total=6, invalid=0, debits=debits, company=PROFILE)
    assert (kind, headline.en) == ("ok", f"All 6 entries are in {PROFILE}'s books.")
    assert body.en.startswith("4 posted now, debit total")
    assert "2 were posted before; not sent again." in body.en
    assert body.id.startswith("4 diposting sekarang")
