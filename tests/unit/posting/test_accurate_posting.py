"""Posting to Accurate and taking it back: an unanswered save is looked up with detail.do and
never re-sent on an answer that does not say "not there"; the outbox keeps every posted
voucher's id (bulk, one by one, found after an unanswered request); undo deletes by id, and
rows recorded without one (by earlier versions) are looked up by number first. Real sandbox
over HTTP, real SQLite outbox, the real CLI."""

from __future__ import annotations

import sqlite3

import pytest

from app.cli import EXIT_OK
from app.posting.engine import PostingEngine
from app.posting.outbox.ledger import EntryStatus
from app.posting.reasons import EntryReason
from app.posting.service import outbox_path
from app.posting.targets import AccurateTarget
from app.profiles.home import app_home
from app.sandbox import Faults, Sandbox
from tests.helpers.accurate_clients import client_on
from tests.helpers.cli_helpers import ACCURATE, journal_rows, run
from tests.helpers.http_helpers import Reply, ScriptedServer
from tests.helpers.posting_helpers import accurate_client, entries, said
from tests.helpers.workbooks import write_workbook

DETAIL, DELETE = "journal-voucher/detail.do", "journal-voucher/delete.do"


def ids_on_server(sandbox: Sandbox) -> dict[str, str]:
    return {voucher["number"]: str(voucher["id"]) for voucher in sandbox.vouchers()}


def calls(sandbox: Sandbox, endpoint: str, since: int = 0) -> list[int]:
    """The status of every call to `endpoint` since request number `since`."""
    return [r.status for r in sandbox.request_log()[since:] if r.path.endswith(endpoint)]


def forget_ids(path, batch_id: str) -> None:
    """Make the batch's rows look like an earlier version's: posted, but with no remote id."""
    with sqlite3.connect(path) as db:
        db.execute("UPDATE entries SET remote_id = '' WHERE batch_id = ?", (batch_id,))
    db.close()


def test_an_unclear_look_up_keeps_the_entry_uncertain_and_sends_nothing_again(outbox):
    script = [
        Reply(cut=True),  # the save is sent, no answer comes back
        Reply(body={"s": False, "d": ["Parameter id atau number harus diisi"]}),
    ]
    with ScriptedServer(*script) as server, client_on(server.url) as client:
        engine = PostingEngine(outbox, AccurateTarget(client, bulk=False), "PT Demo")
        report = engine.run(engine.open_batch(entries(1)))
    seen = [(seen.method, seen.path.split("?")[0]) for seen in server.seen]
    # Sent once; after that only looked up (again in later rounds), never sent again.
    assert seen[0] == ("POST", "/accurate/api/journal-voucher/save.do")
    assert len(seen) > 1
    assert set(seen[1:]) == {("GET", "/accurate/api/journal-voucher/detail.do")}
    assert [row.status for row in report.entries] == [EntryStatus.UNCERTAIN]
    # The look-up's failure costs only this entry: the run goes on, its note says why.
    assert report.stopped_by is None
    assert any("harus diisi" in message for message in said(report.entries[0].messages))
    assert not report.complete


@pytest.mark.slow
@pytest.mark.parametrize(("bulk", "seed"), [(True, 6), (False, 5)], ids=["bulk", "one-by-one"])
def test_every_posted_voucher_keeps_its_id_and_undo_deletes_by_it(outbox, bulk, seed):
    batch_entries = entries(12)
    # Half the saves are stored and then cut off: those are found again by number.
    faults = Faults(drop_after_store_rate=0.5, seed=seed)
    with Sandbox(faults) as sandbox, accurate_client(sandbox) as client:
        target = AccurateTarget(client, bulk=bulk)
        target.chunk_size = 3 if bulk else 1  # four bulk calls, so some answers get through
        engine = PostingEngine(outbox, target, "PT Demo")
        report = engine.run(engine.open_batch(batch_entries))
        assert report.complete
        rows = outbox.entries(report.batch.id)
        found = [row for row in rows if row.reason is EntryReason.FOUND_ON_SERVER]
        assert 0 < len(found) < 12, "some ids come from save answers, some from look-ups"
        on_server = ids_on_server(sandbox)
        assert {row.reference: row.remote_id for row in rows} == on_server

        sandbox.faults = Faults()
        before = len(sandbox.request_log())
        undone = engine.undo(report.batch.id)
        assert len(undone) == 12 and sandbox.vouchers() == []
        assert calls(sandbox, DELETE, before) == [200] * 12
        # Every id was known: each voucher read back by its id (proof), then deleted by it.
        assert calls(sandbox, DETAIL, before) == [200] * 12


def test_undo_of_rows_without_an_id_looks_each_one_up_by_number(outbox):
    batch_entries = entries(4)
    with Sandbox() as sandbox, accurate_client(sandbox) as client:
        target = AccurateTarget(client)
        engine = PostingEngine(outbox, target, "PT Demo")
        report = engine.run(engine.open_batch(batch_entries))
        forget_ids(outbox.path, report.batch.id)
        # Someone already deleted one of them in Accurate: for undo it is simply gone.
        assert client.delete_voucher(ids_on_server(sandbox)["JV-00002"]) is True
        before = len(sandbox.request_log())
        undone = engine.undo(report.batch.id)
        assert [row.reference for row in undone] == [e.reference for e in batch_entries]
        assert sandbox.vouchers() == []
        assert calls(sandbox, DETAIL, before) == [200] * 4
        assert calls(sandbox, DELETE, before) == [200] * 3  # nothing to delete for JV-00002
    assert {row.status for row in outbox.entries(report.batch.id)} == {EntryStatus.UNDONE}


def test_cli_undo_works_for_a_batch_recorded_without_ids(sb, profiles, tmp_path, capsys):
    kept = write_workbook(tmp_path / "juli.xlsx", journal_rows(2, prefix="JL"))
    old = write_workbook(tmp_path / "agustus.xlsx", journal_rows(3))
    assert run(capsys, "post", str(kept), "--profile", ACCURATE)[0] == EXIT_OK
    assert run(capsys, "post", str(old), "--profile", ACCURATE)[0] == EXIT_OK
    _code, out, _ = run(capsys, "history", "--profile", ACCURATE)
    batch_id = next(line.split()[0] for line in out.splitlines() if "agustus.xlsx" in line)
    forget_ids(outbox_path(app_home()), batch_id)

    limited_before = sb.stats.rate_limited
    code, out, err = run(capsys, "undo", batch_id, "--yes")
    assert code == EXIT_OK, out + err
    assert sorted(v["number"] for v in sb.vouchers()) == ["JL/001", "JL/002"]
    # Deleted by id, each once: every other delete call was a limit reply (at 429 or at 200
    # with s: false), which the service never processed.
    limited = sb.stats.rate_limited - limited_before
    assert len(calls(sb, DELETE)) == 3 + limited
    assert set(calls(sb, DELETE)) <= {200, 429}
