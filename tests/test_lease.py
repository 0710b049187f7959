"""The company lease: one poster per company at a time, across processes."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from app.posting.lease import FRONT_WINDOW, LeaseLost, PostingBusy, PostingLease
from tests.posting_helpers import entries


def test_a_second_run_is_told_who_is_posting_and_may_go_once_the_first_is_done(outbox):
    first = PostingLease(outbox, "PT A", front=FRONT_WINDOW)
    first.acquire()
    with pytest.raises(PostingBusy) as busy:
        PostingLease(outbox, "PT A").acquire()
    assert "the Jurnal Desk window" in busy.value.text.en and "--wait" in busy.value.text.en
    with PostingLease(outbox, "PT B") as other_company:
        other_company.acquire()  # another company is not held up
    first.release()
    with PostingLease(outbox, "PT A") as second:
        second.acquire()


def test_a_lease_whose_heartbeat_is_too_old_is_taken_over_and_its_holder_stops(outbox):
    now = [1000.0]
    old = PostingLease(outbox, "PT A", stale_after=60, heartbeat_every=3600, clock=lambda: now[0])
    old.acquire()
    now[0] += 61
    new = PostingLease(outbox, "PT A", stale_after=60, heartbeat_every=3600, clock=lambda: now[0])
    new.acquire()
    [row] = outbox.entries(outbox.create_batch("PT A", "accurate", entries(1)).id)
    with pytest.raises(LeaseLost):
        outbox.mark_sending([row.id], guard=old.guard)
    assert outbox.get(row.id).status == "pending"  # nothing recorded for the lost holder
    outbox.mark_sending([row.id], guard=new.guard)
    assert outbox.get(row.id).status == "sending"
    new.release()
    old.release()


HOLD = textwrap.dedent(
    """
    import sys, time
    from app.posting.lease import PostingLease
    from app.posting.outbox import Outbox
    outbox = Outbox(sys.argv[1])
    lease = PostingLease(outbox, "PT A")
    lease.acquire()
    print("held", flush=True)
    time.sleep(120)
    """
)


def test_another_live_process_holds_the_lease_until_it_is_killed(outbox, tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(outbox.path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(PostingBusy) as busy:
            PostingLease(outbox, "PT A").acquire()
        assert f"process {holder.pid}" in busy.value.text.en
        assert "a jurnal-desk command" in busy.value.text.en
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    # Its process is gone: the lease is taken over at once, without waiting for staleness.
    with PostingLease(outbox, "PT A") as lease:
        lease.acquire()
        assert lease.holder().run_id == lease.run_id


def test_waiting_gives_up_after_the_time_allowed(outbox):
    with PostingLease(outbox, "PT A") as first:
        first.acquire()
        with pytest.raises(PostingBusy):
            PostingLease(outbox, "PT A").acquire(wait=0.6)
