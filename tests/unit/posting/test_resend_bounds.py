"""On a service configured to accept repeated numbers, an entry whose sends stay unclear is
sent again only after a look-up says "not there", once a run and twice in all; then it waits
for a person (over real HTTP to the sandbox)."""

from __future__ import annotations

import pytest

from app.posting.engine import PostingEngine
from app.posting.outbox.ledger import EntryStatus, Outbox
from app.posting.resends import MAX_RESENDS
from app.posting.targets import SempoaTarget
from app.sandbox import Sandbox
from tests.helpers.posting_helpers import SEMPOA_CREDIT, SEMPOA_DEBIT, entries, said, sempoa_client


@pytest.fixture
def sb():
    with Sandbox(enforce_rate_limit=False) as sandbox:
        yield sandbox


def saves(sb: Sandbox) -> int:
    return sum(1 for r in sb.request_log() if r.method == "POST" and r.path.endswith("/jurnal"))


def test_unclear_sends_are_bounded_across_runs_until_the_user_asks(sb, tmp_path):
    # Every save is answered at HTTP 200 with an error and not kept: unclear, never stored.
    sb.sempoa_faults().misanswer_saves("gagal", count=None, stored=False)
    batch_entries = entries(3, prefix="PJ", accounts=(SEMPOA_DEBIT, SEMPOA_CREDIT))
    with Outbox(tmp_path / "outbox.sqlite3") as outbox, sempoa_client(sb, fast=True) as client:

        def run(**options):
            engine = PostingEngine(
                outbox, SempoaTarget(client), "PT S", refuses_repeated_numbers=False, **options
            )
            return engine.run(engine.open_batch(batch_entries))

        sent = []
        for _run in range(4):
            report = run()
            sent.append(saves(sb))
        # Run 1: the send and one re-send; run 2: one more; then none, however often it runs.
        assert sent == [6, 9, 9, 9]
        assert MAX_RESENDS == 2
        assert {row.status for row in report.entries} == {EntryStatus.UNCERTAIN}
        assert all("--resend-unclear" in " ".join(said(row.messages)) for row in report.entries)

        sb.sempoa_faults().clear()
        report = run(resend_unclear=True)  # the user checked Sempoa: not there; send again
    assert report.complete and saves(sb) == 12
    assert sorted(j["referensi"] for j in sb.sempoa_journals()) == ["PJ-00001", "PJ-00002",
                                                                   "PJ-00003"]  # fmt: skip
