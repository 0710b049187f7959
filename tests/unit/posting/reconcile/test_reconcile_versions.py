"""What counts as proof that a posted voucher is unchanged: the service's edit counter and
total, both given, for the voucher's own id, equal to what was remembered. Anything missing,
unreadable or different is no proof (the voucher's lines are then read)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.api.accurate_vouchers import edit_counter
from app.api.records import RemoteVoucher
from app.posting.outbox.ledger import EntryStatus, OutboxEntry
from app.posting.reconcile.versions import (
    NO_STAMP,
    proven_unchanged,
    saved_stamp,
    stamp_after_reading,
)
from tests.helpers.posting_helpers import entries

ENTRY = entries(1)[0]  # total debit 1000.25


def posted(remote_id: str = "1001", version: str = "3", total: str = "1000.25") -> OutboxEntry:
    return OutboxEntry(
        1, "B1", 0, "PT A", ENTRY.reference, "f", EntryStatus.POSTED, remote_id,
        ENTRY.reference, [], 1, "{}", "x", "x", "x", remote_version=version, remote_total=total,
    )  # fmt: skip


def listed(remote_id="1001", version: str | None = "3", total="1000.250") -> RemoteVoucher:
    amount = Decimal(total) if total is not None else None
    return RemoteVoucher(
        remote_id, ENTRY.reference, date(2026, 8, 2), total=amount, version=version
    )


@pytest.mark.parametrize(
    ("raw", "read"),
    [(7, "7"), (" 12 ", "12"), (Decimal(4), "4"), (True, None), ("", None), ("v3", None),
     (Decimal("4.5"), None), (Decimal("Infinity"), None), (None, None), (4.0, None)],
)  # fmt: skip
def test_an_edit_counter_is_a_whole_number_or_nothing(raw, read):
    assert edit_counter(raw) == read


def test_a_save_answer_is_remembered_only_with_both_fields_and_the_total_sent():
    assert saved_stamp(ENTRY, "0", Decimal("1000.25")) == ("0", "1000.25")
    assert saved_stamp(ENTRY, "0", Decimal("999")) == NO_STAMP
    assert saved_stamp(ENTRY, None, Decimal("1000.25")) == NO_STAMP
    assert saved_stamp(ENTRY, "0", None) == NO_STAMP


def test_only_the_same_id_counter_and_total_prove_a_voucher_unchanged():
    assert proven_unchanged(posted(), listed())  # 1000.250 is 1000.25
    assert not proven_unchanged(posted(), listed(version="4"))
    assert not proven_unchanged(posted(), listed(total="1000.26"))
    assert not proven_unchanged(posted(), listed(version=None))
    assert not proven_unchanged(posted(), listed(total=None))
    assert not proven_unchanged(posted(remote_id="1002"), listed())
    assert not proven_unchanged(posted(version=""), listed())
    assert not proven_unchanged(posted(total=""), listed())
    assert not proven_unchanged(posted(total="garbled"), listed())


def test_a_reading_is_remembered_under_the_listed_counter_unless_it_names_another():
    row = posted(version="", total="")
    assert stamp_after_reading(row, listed(), listed(version=None)) == ("3", "1000.250")
    assert stamp_after_reading(row, listed(), listed(version="3")) == ("3", "1000.250")
    assert stamp_after_reading(row, listed(), listed(version="4")) == NO_STAMP  # changed meanwhile
    assert stamp_after_reading(row, listed(version=None), listed()) == NO_STAMP
    assert stamp_after_reading(posted(remote_id="9"), listed(), listed()) == NO_STAMP
