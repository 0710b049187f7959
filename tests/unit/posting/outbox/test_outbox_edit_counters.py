"""Outbox schema 7 keeps, per posted voucher, the edit counter and total the service reported
(what lets a reconcile skip reading an unchanged voucher's lines). A history written by an
earlier version (the real schema-5 file in data/, made by data/make_outbox_v5.py) opens with
every row kept and no counter known, and records counters from then on."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from app.posting.engine import PostingEngine
from app.posting.outbox.ledger import EntryStatus, Outbox
from app.posting.outbox.migration import SCHEMA_VERSION
from app.posting.targets import AccurateTarget
from app.sandbox import Sandbox
from tests.helpers.posting_helpers import accurate_client, entries

V5 = Path(__file__).parent / "data" / "outbox_v5.sqlite3"
COLUMNS = "id, batch_id, reference, status, remote_id, remote_number, payload, messages"


def raw_rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as db:
        rows = db.execute(f"SELECT {COLUMNS} FROM entries ORDER BY id").fetchall()
    db.close()
    return rows


def test_a_schema_5_history_keeps_every_row_and_knows_no_counter(tmp_path):
    path = tmp_path / "outbox.sqlite3"
    shutil.copyfile(V5, path)
    with Outbox(path) as outbox:
        rows = [row for batch in outbox.batches() for row in outbox.entries(batch.id)]
    posted = [row for row in rows if row.status is EntryStatus.POSTED]
    assert len(posted) == 4 and all(row.remote_id for row in posted)
    assert all((row.remote_version, row.remote_total) == ("", "") for row in rows)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 7
    db.close()
    # Only the new columns were added: every stored value (messages aside, which schema 6
    # rewrote as message ids) is as it was.
    strip = [row[:-1] for row in raw_rows(path)]
    assert strip == [row[:-1] for row in raw_rows(V5)]


@pytest.mark.parametrize("bulk", [True, False], ids=["bulk-save.do", "save.do"])
def test_the_migrated_history_records_the_counters_of_what_it_posts_next(tmp_path, bulk):
    path = tmp_path / "outbox.sqlite3"
    shutil.copyfile(V5, path)
    with Outbox(path) as outbox, Sandbox() as sb, accurate_client(sb) as client:
        # Another company: the old history's voucher ids are another sandbox's.
        engine = PostingEngine(outbox, AccurateTarget(client, bulk=bulk, workers=1), "PT Baru",
                               workers=1)  # fmt: skip
        report = engine.run(engine.open_batch(entries(2, prefix="NW")))
        rows = {row.reference: row for row in outbox.entries(report.batch.id)}
        outbox.remember_versions([(rows["NW-00001"].id, "3", "1000.25")])
        again = outbox.get(rows["NW-00001"].id)
    assert (rows["NW-00002"].remote_version, rows["NW-00002"].remote_total) == ("0", "2000.25")
    assert (again.remote_version, again.remote_total) == ("3", "1000.25")
