"""Makes outbox_v5.sqlite3: a posting history written by Jurnal Desk with outbox schema 5,
whose entries' messages were strings (the service's words verbatim, Jurnal Desk's notes as
"Indonesian / English"). Run it with the code of that version (schema 5) on the path:

    git archive dd4423d | tar -x -C /tmp/v5   # the commit this file was made with
    cd /tmp/v5 && python /path/to/make_outbox_v5.py /path/to/outbox_v5.sqlite3

It posts to the sandbox: entries refused for the closing date (the service's words) and held
back (a note naming the entry refused), one whose requests always fail (a note with a
reason inside), one refused without a branch (the service's words and a note), one whose
save was stored but never answered and could not be looked up (a note with a reason)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from app.posting.engine import PostingEngine
from app.posting.outbox.ledger import Outbox
from app.posting.outbox.migration import SCHEMA_VERSION
from app.posting.targets import AccurateTarget
from app.sandbox import MULTI_BRANCHES, Faults, Sandbox
from tests.helpers.posting_helpers import accurate_client, entries


def main(path: Path) -> None:
    assert SCHEMA_VERSION == 5, f"run with the code of outbox schema 5, not {SCHEMA_VERSION}"
    path.unlink(missing_ok=True)
    with Outbox(path) as outbox:
        _closing_date_and_a_failing_request(outbox)
        _branch_needed(outbox)
        _unanswered_and_not_looked_up(outbox)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _run(outbox: Outbox, sb: Sandbox, batch_entries, profile: str = "PT Demo"):
    with accurate_client(sb) as client:
        engine = PostingEngine(outbox, AccurateTarget(client, bulk=False, workers=1), profile,
                               workers=1)  # fmt: skip
        return engine.run(engine.open_batch(batch_entries))


def _closing_date_and_a_failing_request(outbox: Outbox) -> None:
    batch = entries(8, prefix="JT")
    with Sandbox(Faults(failing_texts=("JT-00008",))) as sb:
        sb.master_data().closing_date = date(2026, 8, 4)
        _run(outbox, sb, batch)


def _branch_needed(outbox: Outbox) -> None:
    with Sandbox(demo_branches=MULTI_BRANCHES) as sb:
        _run(outbox, sb, entries(1, prefix="CB"), profile="PT Dua Cabang")


def _unanswered_and_not_looked_up(outbox: Outbox) -> None:
    with Sandbox(Faults(drop_after_store_rate=1.0, failing_texts=("UA-00001",))) as sb:
        _run(outbox, sb, entries(1, prefix="UA"), profile="PT Tiga")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
