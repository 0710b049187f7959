"""A reversal stopped half-way (Stop, or the window closing) and started again: each original
ends with exactly one reversing entry on the books. Real HTTP to the demo Sempoa company."""

from __future__ import annotations

import threading
from collections import Counter

from app.posting.reversal.reverse import reverse_batch
from app.posting.service import opened_outbox
from app.sandbox import Faults
from app.setup.connect import company_for
from tests.helpers.history_pages import post
from tests.helpers.posting_helpers import SEMPOA_CREDIT, SEMPOA_DEBIT, entries

COUNT = 40


def test_a_reversal_stopped_half_way_goes_on_from_there_and_posts_each_once(demo, limiters):
    items = entries(COUNT, prefix="PB", accounts=(SEMPOA_DEBIT, SEMPOA_CREDIT))
    original = post(demo, limiters, items, sempoa=True).batch
    demo.sandbox.faults = Faults(latency_ms=200)
    cancel = threading.Event()

    def stop_after_a_few(progress) -> None:
        if progress.posted >= 5:
            cancel.set()

    with (
        company_for(demo.sempoa, demo.secrets, limiters) as company,
        opened_outbox(demo.outbox_home) as outbox,
    ):
        stopped = reverse_batch(
            outbox, company, original, on_progress=stop_after_a_few, cancel=cancel
        )
        assert stopped.cancelled and not stopped.complete
        first = sum(1 for j in demo.sandbox.sempoa_journals() if j["referensi"].endswith("-R"))
        assert 5 <= first < COUNT

        demo.sandbox.faults = Faults()
        resumed = reverse_batch(outbox, company, original)
        assert resumed.complete and resumed.batch.id == stopped.batch.id
    counts = Counter(journal["referensi"] for journal in demo.sandbox.sempoa_journals())
    assert len(counts) == 2 * COUNT and set(counts.values()) == {1}
