"""The posting report's words: each status and verification, an entry's messages for a
person (with what to shorten when a value was too long), and why an entry is on the failed
sheet; in the one language the report is written in (`ReportLanguage`)."""

from __future__ import annotations

from app.core.i18n import Text, current_language, languages, tr
from app.core.i18n.messages import service_words
from app.posting.checks.length_limits import length_hints
from app.posting.outbox.ledger import EntryStatus, OutboxEntry, Verified
from app.posting.reasons import reason_text

STATUS_TEXT: dict[EntryStatus, Text] = {
    EntryStatus.POSTED: tr("Terposting"),
    EntryStatus.REJECTED: tr("Ditolak"),
    EntryStatus.UNCERTAIN: tr("Tidak pasti"),
    # A row still "sending" after a run: the answer never came, exactly like uncertain.
    EntryStatus.SENDING: tr("Tidak pasti"),
    EntryStatus.SKIPPED: tr("Dilewati"),
    EntryStatus.PENDING: tr("Menunggu"),
    EntryStatus.UNDONE: tr("Dibatalkan"),
}
# What `jurnal-desk verify` found when it read the voucher back (blank: not checked yet).
VERIFIED_TEXT: dict[Verified, Text] = {
    Verified.MATCHES: tr("Ya, cocok"),
    Verified.DIFFERS: tr("Berbeda"),
    Verified.MISSING: tr("Tidak ada di pembukuan"),
}


class ReportLanguage:
    """The one language a report's own words are written in: the one asked for ("id", "en",
    "zh"), else (None) the language Jurnal Desk is in now, the window's or the command's. A
    report is never written in two languages at once."""

    def __init__(self, language: str | None) -> None:
        chosen = language or current_language()
        if chosen not in languages():
            raise ValueError(f"unknown language {chosen!r}; choose one of {languages()}")
        self.language: str = chosen

    def __call__(self, text: Text) -> str:
        return text.get(self.language)


def readable_messages(row: OutboxEntry, language: str | None = None) -> list[str]:
    """The row's messages for a person: the words for its reason first, then the messages
    (the server's own, as they came)."""
    say = ReportLanguage(language)
    reason = reason_text(row)
    words = [say(reason)] if reason is not None else []
    said = service_words(row.messages)
    hints = [say(hint) for hint in length_hints(said, row.payload)] if said else []
    shown = (say(message) if isinstance(message, Text) else message for message in row.messages)
    return [*words, *(message for message in shown if message), *hints]


def problem_text(row: OutboxEntry, say: ReportLanguage) -> str:
    """Why the entry is on the failed sheet, and what to do, then the messages."""
    reasons = {
        EntryStatus.REJECTED: tr("Ditolak server; perbaiki baris ini lalu impor dan posting lagi."),
        EntryStatus.UNCERTAIN: _uncertain_text(),
        EntryStatus.SENDING: _uncertain_text(),
        EntryStatus.PENDING: tr(
            "Belum dikirim karena posting berhenti; posting lagi untuk melanjutkan."
        ),
        EntryStatus.SKIPPED: tr(
            "Dilewati agar tidak tercatat dua kali; beri nomor bukti lain jika ini jurnal baru."
        ),
        EntryStatus.UNDONE: tr(
            "Dihapus dari pembukuan lewat Jurnal Desk; impor dan posting lagi untuk "
            "mencatatnya kembali."
        ),
    }
    reason = reasons.get(row.status)
    lines = [say(reason)] if reason else []
    return "\n".join([*lines, *readable_messages(row, say.language)])


def _uncertain_text() -> Text:
    return tr(
        "Belum pasti tersimpan (jawaban server tidak datang); posting lagi: Jurnal Desk "
        "memeriksa server dulu, jadi tidak akan tercatat dua kali."
    )
