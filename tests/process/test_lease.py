"""The company lease: one poster per company at a time, across processes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from app.posting.outbox.lease import FRONT_WINDOW, LeaseLost, PostingBusy, PostingLease
from tests.helpers.posting_helpers import entries


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
    # As if it ran on another machine sharing the folder: its OS lock does not reach here.
    old._os_lock.release()
    with outbox.transaction() as db:
        db.execute("UPDATE leases SET host = 'another-pc' WHERE run_id = ?", (old.run_id,))
    with pytest.raises(PostingBusy):  # its heartbeat is fresh
        PostingLease(outbox, "PT A", stale_after=60, clock=lambda: now[0]).acquire()
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
    from app.posting.outbox.lease import PostingLease
    from app.posting.outbox.ledger import Outbox
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


def test_a_holder_killed_but_not_yet_reaped_lets_the_next_run_post_at_once(outbox):
    # kill -9 from a wrapper that has not reaped its child: the process id still exists (a
    # zombie), but the process holds nothing any more.
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(outbox.path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        os.kill(holder.pid, signal.SIGKILL)
        _wait_until_dead(holder.pid)
        with PostingLease(outbox, "PT A") as lease:
            lease.acquire()  # no wait: it would raise PostingBusy
            assert lease.holder().run_id == lease.run_id
    finally:
        holder.wait()
        holder.stdout.close()


def test_a_row_naming_a_live_process_id_that_holds_no_lock_is_taken_over_at_once(outbox):
    # The id of a process that lives but never held the lease (a reused id, or a process in
    # another container with the same host name).
    with outbox.transaction() as db:
        db.execute(
            "INSERT INTO leases (profile, run_id, front, pid, host, started_at, heartbeat_at)"
            " VALUES ('PT A', 'old-run', 'command', ?, ?, '2026-12-07T08:00:00+00:00', ?)",
            (os.getppid(), socket.gethostname(), time.time()),
        )
    with PostingLease(outbox, "PT A") as lease:
        lease.acquire()
        assert lease.holder().run_id == lease.run_id


def test_a_holder_on_another_machine_is_trusted_while_its_heartbeat_is_fresh(outbox):
    with outbox.transaction() as db:
        db.execute(
            "INSERT INTO leases (profile, run_id, front, pid, host, started_at, heartbeat_at)"
            " VALUES ('PT A', 'far-run', 'window', 4242, 'another-pc',"
            " '2026-12-07T08:00:00+00:00', ?)",
            (time.time(),),
        )
    with pytest.raises(PostingBusy) as busy:
        PostingLease(outbox, "PT A").acquire()
    assert "another-pc" in busy.value.text.en


def _wait_until_dead(pid: int) -> None:
    """Until the kernel has ended every thread of the process; it stays a zombie (nobody
    reaps it yet), so its process id still exists."""
    proc = Path(f"/proc/{pid}")
    for _ in range(500):
        if not proc.exists():
            return
        threads = [task.name for task in (proc / "task").iterdir()]
        if threads == [str(pid)] and (proc / "stat").read_text().split()[2] == "Z":
            return
        time.sleep(0.01)
