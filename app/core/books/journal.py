"""Journal entries, their lines, the company's chart and the problems found in them; how a
message names an entry. The checks themselves are in app.core.books.checks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from app.core.books.money import ZERO
from app.core.i18n import Text, ctr, tr


@dataclass(slots=True)
class JournalLine:
    account: str
    debit: Decimal = ZERO
    credit: Decimal = ZERO
    memo: str = ""
    department: str = ""
    project: str = ""
    row: int | None = None  # worksheet row (1-based) the line came from
    # Optional, as Accurate names them: the party a receivable/payable line belongs to (at
    # most one of the three; the subsidiary type follows from which one is filled), the
    # exchange rate and foreign-currency amount of a line on a foreign-currency account, and
    # the company's own data classifications 1..10 (empty strings where unused).
    customer: str = ""
    vendor: str = ""
    employee: str = ""
    rate: Decimal | None = None
    prime_amount: Decimal | None = None
    classifications: tuple[str, ...] = ()
    # The account cell's text as written ("110101 - Kas Kecil") when `account` holds the
    # chart's code it was resolved to (app.core.books.written_accounts); empty otherwise. Set on
    # the entries that are posted, for the result workbook; never sent.
    written_account: str = ""


@dataclass(slots=True)
class JournalEntry:
    date: date | None
    reference: str
    description: str = ""
    lines: list[JournalLine] = field(default_factory=list)
    sheet: str = ""
    branch: str = ""  # the company branch it is written to; empty = the company's default

    @property
    def row(self) -> int | None:
        """The worksheet row of the entry's first line."""
        return self.lines[0].row if self.lines else None

    @property
    def total_debit(self) -> Decimal:
        return sum((line.debit for line in self.lines), ZERO)

    @property
    def total_credit(self) -> Decimal:
        return sum((line.credit for line in self.lines), ZERO)

    @property
    def difference(self) -> Decimal:
        return self.total_debit - self.total_credit

    @property
    def is_balanced(self) -> bool:
        return self.difference == 0


@dataclass(frozen=True, slots=True)
class Account:
    code: str
    name: str
    is_parent: bool = False
    suspended: bool = False
    account_type: str = ""


class Chart(Mapping[str, Account]):
    """A company's chart of accounts, looked up by account code."""

    def __init__(self, accounts: Iterable[Account]) -> None:
        self._by_code = {account.code: account for account in accounts}

    def __getitem__(self, code: str) -> Account:
        return self._by_code[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_code)

    def __len__(self) -> int:
        return len(self._by_code)

    def postable(self) -> list[Account]:
        """Accounts a journal line may use: leaves that are not suspended."""
        return [a for a in self._by_code.values() if not a.is_parent and not a.suspended]


# The field of the one problem that concerns a whole entry's totals (debits = credits).
BALANCE = "balance"
# Problem.code of an amount with a fraction of a cent: the front ends can offer to round
# those (app.core.books.cents.round_cents) without reading message text.
FRACTION_OF_CENT = "fraction-of-cent"
# Problem.code of an account code the company's chart does not have: the window points to
# its account mapping (codes from another chart), the command line to `accounts-map`.
UNKNOWN_ACCOUNT = "unknown-account"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong, located as precisely as possible."""

    text: Text
    sheet: str = ""
    row: int | None = None
    column: str = ""  # the worksheet column label (e.g. "D (Debit)") or the field name
    field: str = ""  # the journal field: date, reference, account, debit, credit, ...
    reference: str = ""
    code: str = ""  # the kind, for problems a front end can fix itself (FRACTION_OF_CENT)

    @property
    def message(self) -> str:
        return self.text.get()

    def location(self, language: str | None = None) -> str:
        parts = []
        if self.sheet:
            parts.append(self.sheet)
        if self.row is not None:
            parts.append(tr("baris {r}", r=self.row).get(language))
        if self.column:
            parts.append(tr("kolom {c}", c=self.column).get(language))
        return ", ".join(parts)

    def describe(self, language: str | None = None) -> str:
        where = self.location(language)
        return f"{where}: {self.text.get(language)}" if where else self.text.get(language)


def entry_name(entry: JournalEntry, *, capital: bool = True) -> Text:
    """How a message names an entry: by its reference; one without a reference by the
    worksheet row of its first line (never "Jurnal ?")."""
    return name_of_entry(entry.reference, entry.row, capital=capital)


def name_of_entry(reference: str, row: int | None, *, capital: bool = True) -> Text:
    """`entry_name` from the reference and first row alone (taken before the entry changes)."""
    # Translators: an entry named in a message, at the start of a sentence ("Jurnal ...")
    # or inside one ("jurnal ..."); write both alike when your language has no capitals.
    if reference:
        if capital:
            return ctr("nama jurnal", "Jurnal {ref}", ref=reference)
        return ctr("nama jurnal", "jurnal {ref}", ref=reference)
    if row is not None:
        if capital:
            return ctr("nama jurnal", "Jurnal di baris {row}", row=row)
        return ctr("nama jurnal", "jurnal di baris {row}", row=row)
    if capital:
        return ctr("nama jurnal", "Jurnal tanpa nomor bukti")
    return ctr("nama jurnal", "jurnal tanpa nomor bukti")
