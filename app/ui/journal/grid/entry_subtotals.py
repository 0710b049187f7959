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
    """The entry's total debit, total credit and their difference, in the reader's language,
    the amounts in the grid's number style."""
    e, d, c, x = _parts(entry, style)
    return tr("{e} · Debit {d} · Kredit {c} · Selisih {x}", e=e, d=d, c=c, x=x)


def subtotal_brief(entry: JournalEntry, style: NumberStyle) -> Text:
    """The same in the status bar's room: D/K (Dr/Cr), and "seimbang" when it balances."""
    e, d, c, x = _parts(entry, style)
    if entry.is_balanced:
        # Translators: D and K are a ledger's short debit and credit marks (English: Dr, Cr).
        return tr("{e}: D {d} · K {c} · seimbang", e=e, d=d, c=c)
    # Translators: D and K are a ledger's short debit and credit marks (English: Dr, Cr).
    return tr("{e}: D {d} · K {c} · selisih {x}", e=e, d=d, c=c, x=x)


def _parts(entry: JournalEntry, style: NumberStyle) -> tuple[str | Text, str, str, str]:
    """The entry's name, debit, credit and difference. The reference is the user's own
    words (the same in every language); an entry without one is named by its worksheet
    row, in the reader's language."""
    return (
        entry.reference or entry_name(entry),
        format_amount(entry.total_debit, style),
        format_amount(entry.total_credit, style),
        format_amount(entry.difference, style),
    )


__all__ = ["subtotal_brief", "subtotal_text"]
