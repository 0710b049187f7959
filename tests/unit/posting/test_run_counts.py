"""A run's counts in words, as the history and the command line list them."""

from __future__ import annotations

from app.posting.summary import RunSummary

SUMMARY = RunSummary(posted=1200, rejected=1, posted_before=1, duplicates=1, pending=3)


def test_the_counts_read_in_each_language_as_its_own_list():
    assert SUMMARY.breakdown(language="id") == (
        "1200 terposting, 1 ditolak, 2 dilewati (1 nomor sudah dipakai), 3 menunggu"
    )
    assert SUMMARY.breakdown(language="en") == (
        "1200 posted, 1 rejected, 2 skipped (1 reference already used), 3 pending"
    )
    assert SUMMARY.breakdown(language="zh") == (
        "已过账 1200 条，被拒绝 1 条，已跳过 2 条（1 个凭证号已被使用），待处理 3 条"
    )


def test_nothing_counted_is_no_words():
    assert RunSummary().breakdown() == ""
