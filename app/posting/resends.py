"""How often an entry whose send was unclear may be sent again.

An unclear send (the connection dropped after sending, an answer that could not be read) is
looked up on the server before anything else; only a look-up that says plainly "not there"
lets it go out again.

Both services refuse a second voucher with a number they hold (Accurate "Sudah ada data lain
dengan Nomor ...", Sempoa "Nomor referensi sudah ada"), so a re-send after a clean "not there"
cannot put a copy in the books: the refusal is read as "already there" and looked up. There
an entry may be sent again RESENDS_PER_RUN times in one run (each after a look-up, the later
ones after a pause), and the run finishes its own work.

A service configured to accept repeated numbers (the profile says so) could collect a copy on
every try when its look-ups lag behind its saves: there an entry is sent again at most once
per run and MAX_RESENDS times in all; past that it stays uncertain, with an instruction,
until a person has checked.
"""

from __future__ import annotations

from collections import Counter
from enum import StrEnum

from app.core.i18n import Text, tr
from app.posting.outbox.ledger import OutboxEntry

MAX_RESENDS = 2  # repeated numbers accepted: the first send plus two more, across runs
RESENDS_PER_RUN = 8  # repeated numbers refused: re-sends of one entry within one run


class Resend(StrEnum):
    SEND = "send"  # not on the server: send it again now
    NEXT_RUN = "next-run"  # sent again as often as a run allows: look it up again next run
    ASK = "ask"  # sent again too often: a person checks first


class ResendPolicy:
    def __init__(self, *, allow_more: bool = False, numbers_refused: bool = True) -> None:
        self.allow_more = allow_more  # the user checked the service and asks to send again
        self.numbers_refused = numbers_refused  # the service refuses a repeated number
        self._this_run: Counter[int] = Counter()

    def decide(self, row: OutboxEntry) -> Resend:
        sent = self._this_run[row.id]
        if self.numbers_refused:
            if sent >= RESENDS_PER_RUN:
                return Resend.NEXT_RUN
        else:
            if sent:
                return Resend.NEXT_RUN
            if row.resends >= MAX_RESENDS and not self.allow_more:
                return Resend.ASK
        self._this_run[row.id] += 1
        return Resend.SEND

    def sent_this_run(self, row: OutboxEntry) -> int:
        return self._this_run[row.id]


def held_text(reference: str, sends: int) -> Text:
    return tr(
        "{ref} sudah dikirim {n} kali tanpa jawaban yang jelas, dan tidak ditemukan di server; "
        "Jurnal Desk tidak mengirimnya lagi tanpa Anda. Periksa di layanan apakah jurnal ini "
        "ada. Bila ada, posting lagi akan menemukannya; bila tidak ada, kirim lagi dengan "
        "`jurnal-desk post ... --resend-unclear`.",
        ref=reference,
        n=sends,
    )


def next_run_text(times: int = 1) -> Text:
    return tr(
        "Dikirim ulang {n} kali di posting ini dan jawabannya tetap tidak jelas; akan dicek "
        "lagi di server pada posting berikutnya sebelum dikirim lagi.",
        n=max(times, 1),
    )
