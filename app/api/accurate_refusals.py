"""Accurate's refusal of a voucher, as the user sees it: the service's own words (asked in
Indonesian, the only wording Jurnal Desk recognises: `reply_language`) followed by Jurnal
Desk's explanation, in both of the app's languages, of a refusal it recognises. Refusals
explained elsewhere are left as they are: a number already used (the posting engine's
reasons), the closing date (`posting.closing_date`), a value too long
(`posting.length_limits`)."""

from __future__ import annotations

from collections.abc import Iterable

from app.api import reply_wording as wording
from app.core.i18n import tr
from app.core.i18n.messages import Message, holds_message, service_words

BRANCH_NEEDED = tr(
    "Accurate menolak jurnal tanpa cabang: pengguna pemilik API Token ini melihat lebih dari "
    "satu cabang. Isi kolom Cabang pada jurnal ini, atau pilih cabang utama perusahaan di "
    "pengaturan perusahaan, lalu posting lagi."
)


def explained(messages: Iterable[Message]) -> list[Message]:
    """The service's words, then Jurnal Desk's explanation when the refusal is recognised."""
    messages = list(messages)
    said = service_words(messages)
    if wording.says_branch_needed(said) and not holds_message(messages, BRANCH_NEEDED):
        return [*messages, BRANCH_NEEDED]
    return messages
