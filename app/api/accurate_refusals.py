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

BRANCH_NEEDED = tr(
    "Accurate menolak jurnal tanpa cabang: pengguna pemilik API Token ini melihat lebih dari "
    "satu cabang. Isi kolom Cabang pada jurnal ini, atau pilih cabang utama perusahaan di "
    "pengaturan perusahaan, lalu posting lagi."
)


def explained(messages: Iterable[str]) -> list[str]:
    """The service's words, then Jurnal Desk's explanation when the refusal is recognised."""
    messages = list(messages)
    if wording.says_branch_needed(messages) and BRANCH_NEEDED.both() not in messages:
        return [*messages, BRANCH_NEEDED.both()]
    return messages
