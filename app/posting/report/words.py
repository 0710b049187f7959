"""The posting report's words: each status and verification, an entry's messages for a
person (with what to shorten when a value was too long), and why an entry is on the failed
sheet; in both languages or one (`ReportLanguage`)."""

from __future__ import annotations

from app.core.i18n import Text, languages, tr
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


_BILINGUAL_TITLES = ("id", "en")


class ReportLanguage:
    """Which language(s) the report's own words use: both (None), or only one ("id", "en", "zh")."""

    def __init__(self, language: str | None) -> None:
        if language is not None and language not in languages():
            raise ValueError(f"unknown language {language!r}; choose one of {languages()}")
        self.language = language

    def __call__(self, text: Text) -> str:
        return text.both() if self.language is None else text.get(self.language)

    def title(self, text: Text) -> str:
        """A sheet's column or fact title: Indonesian and English side by side, the titles
        Jurnal Desk's reports have always had (read by both audiences), or the chosen
        language's own words when it is neither (a Chinese report reads Chinese)."""
        if self.language is None or self.language in _BILINGUAL_TITLES:
            return text.both()
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
