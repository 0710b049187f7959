import os
import signal
import subprocess
import sys
import textwrap
import threading
from datetime import date
from decimal import Decimal

import pytest

from app.core.books.journal import JournalEntry, JournalLine
from app.core.books.serialize import entry_from_dict, entry_to_dict, fingerprint
from app.posting.outbox.ledger import EntryStatus, Outbox, OutboxError, Outcome
from app.posting.reasons import EntryReason


def make_entry(reference: str, amount: str = "1500000.00", row: int = 2) -> JournalEntry:
    value = Decimal(amount)
    return JournalEntry(
        date=date(2026, 8, 5),
        reference=reference,
        description="Penjualan tunai",
        lines=[
            JournalLine("1-10001", debit=value, memo="kas masuk", row=row),
            JournalLine("4-40000", credit=value, department="Jakarta", row=row + 1),
        ],
    )


def test_entry_survives_the_round_trip_through_json():
    entry = make_entry("JV-001", "1234567.89")
    assert entry_from_dict(entry_to_dict(entry)) == entry


def test_fingerprint_ignores_where_the_entry_came_from_but_not_its_content():
    moved = make_entry("JV-001", row=40)
    assert fingerprint(make_entry("JV-001")) == fingerprint(moved)
    assert fingerprint(make_entry("JV-001")) != fingerprint(make_entry("JV-001", "1500000.01"))
    assert fingerprint(make_entry("JV-001")) != fingerprint(make_entry("JV-002"))


def test_a_new_batch_records_every_entry_as_pending(outbox):
    batch = outbox.create_batch(
        "PT Maju", "accurate", [make_entry("JV-1"), make_entry("JV-2")], source_file="agustus.xlsx"
    )
    rows = outbox.entries(batch.id)
    assert [row.reference for row in rows] == ["JV-1", "JV-2"]
    assert {row.status for row in rows} == {EntryStatus.PENDING}
    assert rows[0].entry() == make_entry("JV-1")
    assert outbox.batch(batch.id).source_file == "agustus.xlsx"


def test_outcomes_are_recorded_and_found_by_reference(outbox):
    batch = outbox.create_batch("PT Maju", "accurate", [make_entry("JV-1"), make_entry("JV-2")])
    first, second = outbox.entries(batch.id)
    outbox.mark_sending([first.id, second.id])
    outbox.mark_posted(first.id, remote_id="651", remote_number="JV-1", messages=["disimpan"])
    outbox.mark(second.id, EntryStatus.REJECTED, ["Akun 9-99 tidak ditemukan"])

    posted = outbox.posted_reference("PT Maju", "JV-1")
    assert posted is not None and posted.remote_id == "651" and posted.attempts == 1
    assert outbox.posted_reference("PT Maju", "JV-2") is None
    assert outbox.posted_reference("PT Lain", "JV-1") is None
    assert outbox.get(second.id).messages == ["Akun 9-99 tidak ditemukan"]
    assert outbox.counts(batch.id) == {EntryStatus.POSTED: 1, EntryStatus.REJECTED: 1}


def test_unresolved_lists_entries_left_sending_or_uncertain(outbox):
    batch = outbox.create_batch("PT Maju", "accurate", [make_entry(f"JV-{i}") for i in range(3)])
    a, b, _ = outbox.entries(batch.id)
    outbox.mark_sending([a.id, b.id])
    outbox.mark(b.id, EntryStatus.UNCERTAIN, ["koneksi terputus"])
    assert [row.reference for row in outbox.unresolved("PT Maju")] == ["JV-0", "JV-1"]


def test_history_is_kept_across_reopening(tmp_path):
    path = tmp_path / "outbox.sqlite3"
    with Outbox(path) as box:
        batch = box.create_batch("PT Maju", "sempoa", [make_entry("JV-1")])
        box.mark_posted(box.entries(batch.id)[0].id, remote_number="JV-1")
    with Outbox(path) as box:
        assert [b.id for b in box.batches("PT Maju")] == [batch.id]
        assert box.posted_reference("PT Maju", "JV-1") is not None


def test_the_intent_survives_a_process_killed_right_after_it(tmp_path):
    path = tmp_path / "outbox.sqlite3"
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {os.getcwd()!r})
        from tests.unit.posting.outbox.test_outbox import make_entry
        from app.posting.outbox.ledger import Outbox
        box = Outbox({str(path)!r})
        batch = box.create_batch("PT Maju", "accurate", [make_entry("JV-1")])
        box.mark_sending([box.entries(batch.id)[0].id])
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False)
    assert result.returncode == -signal.SIGKILL
    with Outbox(path) as box:
        assert [row.status for row in box.unresolved("PT Maju")] == [EntryStatus.SENDING]


def test_many_threads_can_record_outcomes_at_once(outbox):
    entries = [make_entry(f"JV-{i:03}") for i in range(200)]
    batch = outbox.create_batch("PT Maju", "accurate", entries)
    rows = outbox.entries(batch.id)

    def post(chunk):
        for row in chunk:
            outbox.mark_sending([row.id])
            outbox.mark_posted(row.id, remote_number=row.reference)

    threads = [threading.Thread(target=post, args=(rows[i::8],)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outbox.counts(batch.id) == {EntryStatus.POSTED: 200}


def test_a_file_that_is_not_an_outbox_gives_a_clear_error(tmp_path):
    path = tmp_path / "outbox.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(OutboxError, match="riwayat posting"):
        Outbox(path)


def test_posted_status_needs_mark_posted(outbox):
    batch = outbox.create_batch("PT Maju", "accurate", [make_entry("JV-1")])
    with pytest.raises(ValueError):
        outbox.mark(outbox.entries(batch.id)[0].id, EntryStatus.POSTED)


def test_the_same_entries_posted_again_find_their_unfinished_batch(outbox):
    entries = [make_entry("JV-1"), make_entry("JV-2")]
    batch = outbox.create_batch("PT Maju", "accurate", entries)
    reordered = list(reversed(entries))
    assert outbox.unfinished_batch("PT Maju", reordered).id == batch.id
    assert outbox.unfinished_batch("PT Lain", entries) is None
    assert outbox.unfinished_batch("PT Maju", [make_entry("JV-1")]) is None
    outbox.finish_batch(batch.id)
    assert outbox.unfinished_batch("PT Maju", entries) is None


def test_reasons_are_kept_in_the_file_and_replaced_by_the_next_outcome(tmp_path):
    path = tmp_path / "outbox.sqlite3"
    refs = ["JV-1", "JV-2", "JV-3", "JV-4"]
    with Outbox(path) as outbox:
        batch = outbox.create_batch("PT Maju", "accurate", [make_entry(ref) for ref in refs])
        one, two, three, four = outbox.entries(batch.id)
        outbox.mark(one.id, EntryStatus.SKIPPED, reason=EntryReason.ALREADY_POSTED,
                    earlier_batch="B0")  # fmt: skip
        outbox.mark_resend(two.id)
        outbox.mark_posted(three.id, remote_number="JV-3", reason=EntryReason.FOUND_ON_SERVER)
        outbox.record_outcomes(
            [Outcome(four.id, EntryStatus.UNCERTAIN, reason=EntryReason.NOT_MENTIONED)]
        )
    with Outbox(path) as reopened:  # the next start of the app
        rows = reopened.entries(batch.id)
        assert [(row.reason, row.earlier_batch) for row in rows] == [
            (EntryReason.ALREADY_POSTED, "B0"),
            (EntryReason.RESENT, ""),
            (EntryReason.FOUND_ON_SERVER, ""),
            (EntryReason.NOT_MENTIONED, ""),
        ]
        assert all(row.messages == [] for row in rows)
        assert [row.on_books for row in rows] == [True, False, True, False]
        reopened.mark(rows[0].id, EntryStatus.REJECTED, ["Akun tidak aktif"])
        reopened.mark_posted(rows[1].id, remote_number="JV-2")
        changed = reopened.entries(batch.id)
    assert [(row.reason, row.earlier_batch) for row in changed[:2]] == [
        (EntryReason.NONE, ""),
        (EntryReason.NONE, ""),
    ]
