"""Each entry's own totals, where an accountant looks for them: the tooltip of its Debit,
Kredit and Selisih cells ("JU-0002 · Debit 102.500,00 · Kredit 102.000,00 · Selisih
500,00"), and, in the short form of a ledger's D/K columns, the status bar for the entry the
cursor is in ("JU-0002: D 102.500,00 · K 102.000,00 · selisih 500,00"). The amounts are
written in the grid's number style, as its cells are."""

from __future__ import annotations

from app.core.books.journal import JournalEntry, entry_name
from app.core.books.number_style import NumberStyle, format_amount
from app.core.i18n import Text, tr


def subtotal_text(entry: JournalEntry, style: NumberStyle) -> Text:
    """The entry's total debit, total credit and their difference, in both languages, the
    amounts in the grid's number style."""
    return tr(
        "{e} · Debit {d} · Kredit {c} · Selisih {x}",
        "{e_en} · Debit {d_en} · Credit {c_en} · Difference {x_en}",
        **_parts(entry, style),
    )


def subtotal_brief(entry: JournalEntry, style: NumberStyle) -> Text:
    """The same in the status bar's room: D/K (Dr/Cr), and "seimbang" when it balances."""
    if entry.is_balanced:
        return tr(
            "{e}: D {d} · K {c} · seimbang",
            "{e_en}: Dr {d_en} · Cr {c_en} · balanced",
            **_parts(entry, style),
        )
    return tr(
        "{e}: D {d} · K {c} · selisih {x}",
        "{e_en}: Dr {d_en} · Cr {c_en} · difference {x_en}",
        **_parts(entry, style),
    )


def _parts(entry: JournalEntry, style: NumberStyle) -> dict[str, str]:
    name = Text(entry.reference, entry.reference) if entry.reference else entry_name(entry)
    debit = format_amount(entry.total_debit, style)
    credit = format_amount(entry.total_credit, style)
    difference = format_amount(entry.difference, style)
    return {
        "e": name.id,
        "e_en": name.en,
        "d": debit,
        "c": credit,
        "x": difference,
        "d_en": debit,
        "c_en": credit,
        "x_en": difference,
    }


__all__ = ["subtotal_brief", "subtotal_text"]
