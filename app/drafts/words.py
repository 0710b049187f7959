"""The words of the journal's draft keeper (app.ui.journal.drafts): the restore question,
and the banners after a restore, a discard or a failed write. Plain Python, no Qt."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from app.core.error_text import error_kind
from app.core.formatting import count, moment_text
from app.core.i18n import Text, tr
from app.drafts.file import Draft

RESTORE: Final = tr("Pulihkan", "Restore")
DISCARD: Final = tr("Buang", "Discard")


def entries_en(value: int, kind: str = "") -> str:
    """'1 entry', '25,000 entries', '1 unsaved entry': English counts its nouns (Indonesian
    does not: '1 jurnal', '2 jurnal')."""
    noun = "entry" if value == 1 else "entries"
    return f"{count(value, 'en')} {kind + ' ' if kind else ''}{noun}"


def restore_question(draft: Draft) -> Text:
    return tr(
        "Pulihkan {n} jurnal yang belum disimpan dari {t}?",
        "Restore {e} from {t_en}?",
        n=count(draft.entry_count, "id"),
        e=entries_en(draft.entry_count, "unsaved"),
        t=moment_text(draft.saved_at, "id"),
        t_en=moment_text(draft.saved_at, "en"),
    )


def restore_details(draft: Draft, folder: Path) -> Text:
    details = tr(
        "Jurnal Desk berhenti sebelum jurnal ini diposting atau disimpan sebagai Excel. "
        "Buang memindahkan draf ke {f}; tidak ada yang dihapus.",
        "Jurnal Desk stopped before these entries were posted or saved as Excel. Discard "
        "moves the draft to {f}; nothing is deleted.",
        f=folder,
    )
    if not draft.company:
        return details
    return tr("Perusahaan saat itu: {c}.", "The company then: {c}.", c=draft.company) + details


def restored_text(entries: int) -> Text:
    return tr(
        "{n} jurnal dipulihkan dari draf. Simpan sebagai Excel (Ctrl+Shift+S) atau posting "
        "untuk menyimpannya; sampai itu, draf tetap dijaga.",
        "{e} restored from the draft. Save as Excel (Ctrl+Shift+S) or post to keep them; "
        "until then the draft is kept.",
        n=count(entries, "id"),
        e=entries_en(entries),
    )


def discarded_text(path: Path) -> Text:
    return tr(
        "Draf dibuang dari tabel dan disimpan sebagai {p}; tidak ada yang dihapus.",
        "The draft was left out of the table and kept as {p}; nothing was deleted.",
        p=path,
    )


def write_failed_text(path: Path, error: BaseException) -> Text:
    reason = error_kind(error)
    return tr(
        "Draf jurnal tidak bisa disimpan ke {p} ({e}). Tabel tetap utuh; simpan sebagai Excel "
        "agar pekerjaan tidak hilang bila Jurnal Desk berhenti.",
        "The journal draft cannot be saved to {p} ({e}). The table is intact; save it as "
        "Excel so the work is not lost if Jurnal Desk stops.",
        p=path,
        e=reason,
    )


def damaged_layout_text(error: BaseException) -> Text:
    return tr(
        "Draf tidak bisa ditampilkan ({e}); draf itu disimpan di sampingnya. Laporkan bila "
        "terulang.",
        "The draft cannot be shown ({e}); it was kept beside it. Report it if it happens again.",
        e=error_kind(error),
    )
