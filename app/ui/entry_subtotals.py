"""Each entry's own totals, where an accountant looks for them: the tooltip of its Debit,
Kredit and Selisih cells ("JU-0002 · Debit 102.500,00 · Kredit 102.000,00 · Selisih
500,00"), and, in the short form of a ledger's D/K columns, the status bar for the entry the
cursor is in ("JU-0002: D 102.500,00 · K 102.000,00 · selisih 500,00")."""

from __future__ import annotations

from app.core.i18n import Text, tr
from app.core.journal import JournalEntry, entry_name
from app.ui.texts import money


def subtotal_text(entry: JournalEntry) -> Text:
    """The entry's total debit, total credit and their difference, in both languages."""
    return tr(
        "{e} · Debit {d} · Kredit {c} · Selisih {x}",
        "{e_en} · Debit {d_en} · Credit {c_en} · Difference {x_en}",
        **_parts(entry),
    )


def subtotal_brief(entry: JournalEntry) -> Text:
    """The same in the status bar's room: D/K (Dr/Cr), and "seimbang" when it balances."""
    if entry.is_balanced:
        return tr(
            "{e}: D {d} · K {c} · seimbang",
            "{e_en}: Dr {d_en} · Cr {c_en} · balanced",
            **_parts(entry),
        )
    return tr(
        "{e}: D {d} · K {c} · selisih {x}",
        "{e_en}: Dr {d_en} · Cr {c_en} · difference {x_en}",
        **_parts(entry),
    )


def _parts(entry: JournalEntry) -> dict[str, str]:
    name = Text(entry.reference, entry.reference) if entry.reference else entry_name(entry)
    debit, credit, difference = entry.total_debit, entry.total_credit, entry.difference
    return {
        "e": name.id,
        "e_en": name.en,
        "d": money(debit, "id"),
        "c": money(credit, "id"),
        "x": money(difference, "id"),
        "d_en": money(debit, "en"),
        "c_en": money(credit, "en"),
        "x_en": money(difference, "en"),
    }


__all__ = ["subtotal_brief", "subtotal_text"]
