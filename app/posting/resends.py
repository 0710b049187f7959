"""How often an entry whose send was unclear may be sent again.

An unclear send (the connection dropped after sending, an answer that could not be read) is
looked up on the server before anything else. Only a look-up that says plainly "not there"
lets it go out again, and even then at most once per run and MAX_RESENDS times in all: a
service whose look-ups lag behind its saves would otherwise collect a copy on every try.
Past that the entry stays uncertain, with an instruction, until a person has checked.
"""

from __future__ import annotations

from enum import StrEnum

from app.core.i18n import Text, tr
from app.posting.outbox import OutboxEntry

MAX_RESENDS = 2  # the first send plus two more, each after a clean "not there"


class Resend(StrEnum):
    SEND = "send"  # not on the server: send it again now
    NEXT_RUN = "next-run"  # already sent again in this run: look it up again next run
    ASK = "ask"  # sent again too often: a person checks first


class ResendPolicy:
    def __init__(self, *, allow_more: bool = False) -> None:
        self.allow_more = allow_more  # the user checked the service and asks to send again
        self._this_run: set[int] = set()

    def decide(self, row: OutboxEntry) -> Resend:
        if row.id in self._this_run:
            return Resend.NEXT_RUN
        if row.resends >= MAX_RESENDS and not self.allow_more:
            return Resend.ASK
        self._this_run.add(row.id)
        return Resend.SEND


def held_text(reference: str, sends: int) -> Text:
    return tr(
        "{ref} sudah dikirim {n} kali tanpa jawaban yang jelas, dan tidak ditemukan di server; "
        "Jurnal Desk tidak mengirimnya lagi tanpa Anda. Periksa di layanan apakah jurnal ini "
        "ada. Bila ada, posting lagi akan menemukannya; bila tidak ada, kirim lagi dengan "
        "`jurnal-desk post ... --resend-unclear`.",
        "{ref} was sent {n} times without a clear answer and is not found on the server; "
        "Jurnal Desk does not send it again without you. Check in the service whether it is "
        "there. If it is, posting again will find it; if not, send it again with "
        "`jurnal-desk post ... --resend-unclear`.",
        ref=reference,
        n=sends,
    )


def next_run_text() -> Text:
    return tr(
        "Dikirim ulang sekali di posting ini dan jawabannya tetap tidak jelas; akan dicek lagi "
        "di server pada posting berikutnya sebelum dikirim lagi.",
        "Sent again once in this run and the answer was still unclear; it is looked up on the "
        "server again in the next run before anything is re-sent.",
    )
