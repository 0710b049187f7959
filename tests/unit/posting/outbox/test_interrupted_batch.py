"""The outbox's interrupted batches (posting stopped with entries still unsent or unclear),
which the next start offers to finish, and the words of that offer in both languages."""

from __future__ import annotations

from app.posting.outbox.interrupted import InterruptedBatch, batch_entries, latest_interrupted
from app.posting.outbox.lease import PostingLease
from app.posting.outbox.ledger import EntryStatus, Outbox
from app.posting.service import outbox_path
from app.posting.summary import RunSummary
from tests.helpers.posting_helpers import entries

PROFILE = "PT Maju Jaya"


def test_only_unfinished_batches_with_entries_left_to_send_are_interrupted(jurnal_home):
    with Outbox(outbox_path(jurnal_home)) as outbox:
        finished = outbox.create_batch(PROFILE, "accurate", entries(2, prefix="A"))
        outbox.finish_batch(finished.id)
        refused = outbox.create_batch(PROFILE, "accurate", entries(1, prefix="B"))
        for row in outbox.entries(refused.id):
            outbox.mark(row.id, EntryStatus.REJECTED, ["Akun tidak ada"])
        stopped = outbox.create_batch(PROFILE, "accurate", entries(3, prefix="C"))
        first, *_rest = outbox.entries(stopped.id)
        outbox.mark_posted(first.id, remote_id="1", remote_number="C-00001")
        other = outbox.create_batch("PT Lain", "accurate", entries(1, prefix="D"))
        assert [batch.id for batch in outbox.interrupted_batches(PROFILE)] == [stopped.id]
        assert [batch.id for batch in outbox.interrupted_batches("PT Lain")] == [other.id]

    found = latest_interrupted(jurnal_home, PROFILE)
    assert found is not None and found.batch.id == stopped.id
    assert (found.total, found.unsent, found.unclear) == (3, 2, 0)
    resumed = batch_entries(jurnal_home, stopped.id)
    assert [entry.reference for entry in resumed] == ["C-00001", "C-00002", "C-00003"]


def test_no_outbox_yet_means_nothing_interrupted_and_no_file_is_made(jurnal_home):
    assert latest_interrupted(jurnal_home, PROFILE) is None
    assert not outbox_path(jurnal_home).exists()


def test_the_offer_counts_in_each_language_and_names_the_unclear_ones(jurnal_home):
    with Outbox(outbox_path(jurnal_home)) as outbox:
        batch = outbox.create_batch(PROFILE, "accurate", entries(1))
    summary = RunSummary(posted=48, pending=1150, uncertain=2)
    text = InterruptedBatch(batch, summary).text("PT Maju Jaya")
    assert text.id == (
        "Posting ke PT Maju Jaya terhenti: 1.152 dari 1.200 jurnal belum terkirim. 2 di "
        "antaranya belum pasti; dicek dulu di PT Maju Jaya sebelum dikirim lagi. Yang sudah "
        "terposting (48) tidak dikirim lagi."
    )
    assert text.en.startswith("Posting to PT Maju Jaya stopped: 1,152 of 1,200 entries not sent")


def test_a_batch_being_posted_right_now_is_not_offered(jurnal_home):
    with Outbox(outbox_path(jurnal_home)) as outbox:
        outbox.create_batch(PROFILE, "accurate", entries(2))
        with PostingLease(outbox, PROFILE) as lease:
            lease.acquire()  # a run (another window, a command) posts to the company now
            assert latest_interrupted(jurnal_home, PROFILE) is None
    assert latest_interrupted(jurnal_home, PROFILE) is not None  # that run has ended


def test_the_offer_reads_in_chinese_sentence_by_sentence(jurnal_home):
    with Outbox(outbox_path(jurnal_home)) as outbox:
        batch = outbox.create_batch(PROFILE, "accurate", entries(1))
    summary = RunSummary(posted=48, pending=1150, uncertain=2)
    text = InterruptedBatch(batch, summary).text("PT Maju Jaya")
    assert text.get("zh") == (
        # Chinese sentences follow each other without a space.
        "向 PT Maju Jaya 的过账已中断：1,200 条分录中有 1,152 条尚未发送。其中 2 条状态不确定；"
        "再次发送前会先在 PT Maju Jaya 中查询。已过账的分录（48 条）不会再次发送。"
    )
