"""No two entries hold one voucher id.

A service gives every voucher its own id. Two entries answered with the same id cannot both
be right: one answer (or both) named a voucher that is not the entry's, and undo would delete
by that id. So before outcomes are recorded, an id claimed twice (within the outcomes, or by
an entry the outbox already holds with it) makes every entry claiming it uncertain: each is
then looked up by its number, which finds its real id (or that it is not in the books).
An uncertain entry keeps the id it was answered with, so a later claim of the same id is
caught too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from app.core.i18n import Text, tr
from app.posting.outbox.ledger import EntryStatus, Outbox, OutboxEntry, Outcome
from app.posting.reasons import EntryReason


def without_shared_ids(outbox: Outbox, profile: str, outcomes: Sequence[Outcome]) -> list[Outcome]:
    """`outcomes`, with every posted one whose id another entry holds made uncertain, plus
    an uncertain outcome for each posted entry already holding such an id. An id found by a
    look-up under the entry's own number stands against ids from save answers. The caller
    records them in one step, under a lock shared by everything that records outcomes."""
    claims = Counter(o.remote_id for o in outcomes if _claims(o))
    if not claims:
        return list(outcomes)
    own = {outcome.entry_id for outcome in outcomes}
    holders = [row for row in outbox.holding_remote_ids(profile, claims) if row.id not in own]
    repeated = {remote_id for remote_id, count in claims.items() if count > 1}
    claimed = {row.remote_id for row in holders}

    def shared(outcome: Outcome) -> bool:
        if not _claims(outcome):
            return False
        if outcome.remote_id in repeated:
            return True
        # A look-up found the voucher under the entry's own number: that outweighs a save
        # answer that gave the same id to another entry (which is made uncertain).
        return outcome.reason is not EntryReason.FOUND_ON_SERVER and outcome.remote_id in claimed

    checked = [_uncertain(o) if shared(o) else o for o in outcomes]
    taken = {o.remote_id for o in outcomes if _claims(o)}
    checked += [
        _holder_uncertain(row)
        for row in holders
        if row.status is EntryStatus.POSTED and row.remote_id in taken
    ]
    return checked


def _claims(outcome: Outcome) -> bool:
    return outcome.status is EntryStatus.POSTED and bool(outcome.remote_id)


def _uncertain(outcome: Outcome) -> Outcome:
    text = shared_id_text(outcome.remote_id)
    return replace(
        outcome,
        status=EntryStatus.UNCERTAIN,
        messages=[*outcome.messages, text],
        reason=EntryReason.SHARED_ID,
        earlier_batch="",
        remote_version="",  # the answer is not believed: nor is what it says of the voucher
        remote_total="",
    )


def _holder_uncertain(row: OutboxEntry) -> Outcome:
    return Outcome(
        row.id,
        EntryStatus.UNCERTAIN,
        [*row.messages, shared_id_text(row.remote_id)],
        remote_id=row.remote_id,
        remote_number=row.remote_number,
        reason=EntryReason.SHARED_ID,
    )


def shared_id_text(remote_id: str) -> Text:
    return tr(
        "Layanan menjawab id voucher {vid} untuk lebih dari satu jurnal; jawaban itu tidak "
        "bisa dipercaya. Jurnal Desk mencari jurnal ini di pembukuan berdasarkan nomornya.",
        vid=remote_id,
    )
