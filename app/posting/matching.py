"""Is the voucher found under an entry's number the entry that was sent?

A look-up finds a voucher by its number; the number alone does not make it ours (someone may
have typed the same number in the service's own app, or an answer may have named the wrong
voucher). Before an entry is recorded as posted from a look-up, what was found is compared
with what was sent: the date always, and the lines (sides and amounts, and the account codes
when the service gives them) whenever the look-up brought them back. Sempoa names accounts
by name in its answers; there the sides and amounts must match.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

from app.api.records import RemoteVoucher
from app.core.books.journal import JournalEntry
from app.core.i18n import Text, ctr, tr
from app.core.i18n.values import Day

_Line = tuple[str, str, Decimal]  # account code ("" when not compared), side, amount


def differences(sent: JournalEntry, found: RemoteVoucher) -> list[Text]:
    """What differs between `sent` and the voucher `found` under its number (empty: it is
    the entry). A voucher read without lines is compared on its date only: see `has_lines`."""
    problems: list[Text] = []
    if found.date != sent.date:
        problems.append(
            tr(
                "tanggal {found} di pembukuan, {sent} yang dikirim",
                found=_day(found.date),
                sent=_day(sent.date),
            )
        )
    if has_lines(found) and _sent_lines(sent, found) != _found_lines(found):
        problems.append(tr("baris dan jumlahnya berbeda"))
    return problems


def has_lines(found: RemoteVoucher) -> bool:
    """Whether the look-up brought the voucher's lines back (a list row does not)."""
    return bool(found.lines)


def not_ours_text(reference: str, problems: list[Text]) -> Text:
    """An entry whose number the books hold for a voucher that is not the one sent."""
    return tr(
        "Nomor {ref} ada di pembukuan, tetapi untuk voucher lain ({what}). Jurnal Desk tidak "
        "mencatatnya terposting dan tidak mengirimnya lagi: periksa voucher itu di layanan.",
        ref=reference,
        what=_listed(problems),
    )


def _listed(problems: list[Text]) -> Text | str:
    """The differences one after the other, joined as the reader's language joins them."""
    if not problems:
        return ""
    listed = problems[0]
    for problem in problems[1:]:
        # Translators: two differences between vouchers, one after the other.
        listed = ctr("daftar perbedaan", "{first}; {second}", first=listed, second=problem)
    return listed


def _uses_codes(found: RemoteVoucher) -> bool:
    return all(line.account for line in found.lines)


def _sent_lines(sent: JournalEntry, found: RemoteVoucher) -> Counter[_Line]:
    codes = _uses_codes(found)
    return Counter(
        _line(line.account if codes else "", line.debit, line.credit) for line in sent.lines
    )


def _found_lines(found: RemoteVoucher) -> Counter[_Line]:
    codes = _uses_codes(found)
    return Counter(
        _line(line.account if codes else "", line.debit, line.credit) for line in found.lines
    )


def _line(account: str, debit: Decimal, credit: Decimal) -> _Line:
    side, amount = ("D", debit) if debit > 0 else ("K", credit)
    return (account, side, amount.normalize())


def _day(value: date | None) -> Day | str:
    return Day(value) if value is not None else "-"
