"""The grid's Sent marks, plain: an entry keeps its mark only while it is what was sent."""

from __future__ import annotations

from decimal import Decimal

from app.core.books.serialize import fingerprint
from app.core.grid.sent_entries import SentEntries, matching_sent
from tests.helpers.posting_helpers import entries


def test_an_entry_edited_after_sending_loses_its_mark_and_gets_it_back_when_undone():
    first, second = entries(2)
    marks = SentEntries()
    marks.mark(matching_sent([first, second], {fingerprint(first)}))
    assert marks.is_sent(first) and not marks.is_sent(second)
    assert marks.count_in([first, second]) == 1

    amount = first.lines[0].debit
    first.lines[0].debit = first.lines[1].credit = Decimal("5")
    marks.recheck([first])
    assert not marks.is_sent(first)

    first.lines[0].debit = first.lines[1].credit = amount
    marks.recheck([first])
    assert marks.is_sent(first)

    marks.forget({fingerprint(first)})  # taken off the books again
    assert not marks.is_sent(first) and not marks
