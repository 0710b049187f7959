"""The checks that stand between journal entries and the books.

An entry is posted only when every check passes: it has a date, a reference (its number,
unique within the batch), at least two lines, each line on exactly one side, and debits equal
to credits. Given the company's chart, every account must exist, be a leaf, and be active.
Of the optional line fields, what needs no company is checked here: one party at most, and
an exchange rate with its foreign amount (both or neither, both above zero).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from operator import attrgetter
from typing import overload

from app.core.books.journal import (
    BALANCE,
    FRACTION_OF_CENT,
    UNKNOWN_ACCOUNT,
    Account,
    JournalEntry,
    JournalLine,
    Problem,
    entry_name,
    name_of_entry,
)
from app.core.books.money import ZERO, round_to_cent
from app.core.books.number_style import format_amount, has_fraction_of_cent
from app.core.books.written_accounts import resolve_account
from app.core.excel.optional_fields import format_number
from app.core.i18n import LazyText, Text, tr
from app.core.i18n.values import Amount


def validate_entries(
    entries: Iterable[JournalEntry],
    chart: Mapping[str, Account] | None = None,
    *,
    require_description: bool = False,
) -> list[Problem]:
    """Every problem in the batch, in entry order. An empty list means ready to post."""
    entries = list(entries)
    problems: list[Problem] = []
    repeated = _repeated_references(entries)
    for entry in entries:
        problems.extend(validate_entry(entry, chart, require_description=require_description))
        if entry.reference in repeated:
            problems.append(_entry_problem(entry, "reference", _repeated_text(entry, repeated)))
    return problems


def validate_entry(
    entry: JournalEntry,
    chart: Mapping[str, Account] | None = None,
    *,
    require_description: bool = False,
) -> list[Problem]:
    problems = _entry_field_problems(entry, require_description)
    for line in entry.lines:
        problems.extend(_line_problems(entry, line, chart))
    return problems + _shape_problems(entry)


def entry_own_problems(entry: JournalEntry, *, require_description: bool = False) -> list[Problem]:
    """What validate_entry finds wrong with the entry itself (not with one of its lines), in
    its order: for views that check the lines one by one with line_problems."""
    return _entry_field_problems(entry, require_description) + _shape_problems(entry)


SHAPE_FIELDS = frozenset({"lines", BALANCE})  # the fields of _shape_problems' problems
_DEBIT, _CREDIT = attrgetter("debit"), attrgetter("credit")


class LaterProblems(Sequence[Problem]):
    """Problems a check found, made into `Problem`s only when first read: a Delete over a
    whole column finds 25,000 entries unbalanced and 50,000 lines without an amount, and a
    person reads a few. How many there are is known at once (counts and the problem list's
    length need no more). `make(*values)` makes them: the values are taken as they are
    when checked (never an object that changes later). Never holds a problem with a code
    (Problem.code): those are made at once, so counting them by code need not make these."""

    __slots__ = ("_count", "_make", "_values")

    def __init__(self, count: int, make: Callable[..., list[Problem]], *values: object) -> None:
        self._count = count
        self._make = make
        self._values: tuple[object, ...] | list[Problem] = values  # the problems once made

    def made(self) -> list[Problem]:
        made = self._values
        if type(made) is tuple:  # two threads reading at once both make the same: harmless
            made = self._values = self._make(*made)
        return made  # type: ignore[return-value]  # made by now

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Problem: ...

    @overload
    def __getitem__(self, index: slice) -> list[Problem]: ...

    def __getitem__(self, index: int | slice) -> Problem | list[Problem]:
        return self.made()[index]

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.made())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return self.made() == list(other)

    __hash__ = None  # type: ignore[assignment]  # unhashable, as a list

    def __repr__(self) -> str:
        return f"LaterProblems({self.made()!r})"


def recount_codes(
    codes: dict[str, int], before: Sequence[Problem] | None, now: Sequence[Problem] | None
) -> None:
    """Keep `codes` (Problem.code -> how many) right as some checks' problems go from
    `before` to `now`. `LaterProblems` hold no problem with a code: they are not made to be
    counted."""
    if type(before) is not LaterProblems and before:
        for problem in before:
            if problem.code:
                codes[problem.code] -= 1
    if type(now) is not LaterProblems and now:
        for problem in now:
            if problem.code:
                codes[problem.code] = codes.get(problem.code, 0) + 1


def own_problems_after_amounts(
    entry: JournalEntry, before: Sequence[Problem] | None
) -> Sequence[Problem]:
    """entry_own_problems after only the debits and credits of its lines changed, given its
    own problems `before`: its date, reference and description did not change, so their
    problems are kept and only its shape (the balance) is checked again. An unbalanced
    entry's problems are made when first read (`LaterProblems`)."""
    # A tuple: nothing to make for the many entries that had no problem of their own.
    kept = tuple(p for p in before if p.field not in SHAPE_FIELDS) if before else ()
    lines = entry.lines
    if len(lines) < 2:
        return [*kept, *_shape_problems(entry)]
    # Summed once, here (a Delete over a whole column checks 25,000 entries at once).
    debit, credit = sum(map(_DEBIT, lines), ZERO), sum(map(_CREDIT, lines), ZERO)
    if debit == credit:
        return kept
    # The entry's sheet, first row and reference as they are now: the problem tells of now.
    sheet, row, reference = entry.sheet, entry.row, entry.reference
    count = len(kept) + 1
    return LaterProblems(count, _with_unbalanced, kept, sheet, row, reference, debit, credit)


def _with_unbalanced(
    kept: tuple[Problem, ...],
    sheet: str,
    row: int | None,
    reference: str,
    debit: Decimal,
    credit: Decimal,
) -> list[Problem]:
    text = _unbalanced_text(name_of_entry(reference, row), debit, credit)
    return [*kept, Problem(text, sheet, row, BALANCE, BALANCE, reference)]


def _shape_problems(entry: JournalEntry) -> list[Problem]:
    """Too few lines, or unbalanced."""
    problems: list[Problem] = []
    lines = entry.lines
    if len(lines) < 2:
        problems.append(
            _entry_problem(
                entry,
                "lines",
                tr(
                    "{e} hanya punya {n} baris; jurnal perlu sedikitnya dua baris "
                    "(debit dan kredit).",
                    e=entry_name(entry),
                    n=len(entry.lines),
                ),
            )
        )
    else:
        # Summed once, here (a Delete over a whole column checks 25,000 entries at once).
        debit = sum([line.debit for line in lines], ZERO)
        credit = sum([line.credit for line in lines], ZERO)
        if debit != credit:
            problems.append(_unbalanced(entry, debit, credit))
    return problems


def line_problems(
    entry: JournalEntry, line: JournalLine, chart: Mapping[str, Account] | None = None
) -> list[Problem]:
    """What validate_entry finds wrong with one line of `entry` (its amounts and account),
    for views that mark the cell at fault."""
    return _line_problems(entry, line, chart)


def _entry_field_problems(entry: JournalEntry, require_description: bool) -> list[Problem]:
    problems = []
    if entry.date is None:
        problems.append(_entry_problem(entry, "date", tr("Tanggal jurnal kosong.")))
    if not entry.reference:
        problems.append(
            _entry_problem(
                entry,
                "reference",
                tr("Nomor referensi kosong; setiap jurnal perlu nomor bukti yang unik."),
            )
        )
    if require_description and not entry.description:
        problems.append(
            _entry_problem(
                entry,
                "description",
                tr(
                    "Deskripsi {e} kosong; layanan ini mewajibkannya.",
                    "{e_en} has no description; this service requires one.",
                    e=entry_name(entry, capital=False).id,
                    e_en=entry_name(entry).en,
                ),
            )
        )
    return problems


_BOTH_SIDES = tr("Baris ini berisi debit dan kredit sekaligus; isi salah satu saja.")
_NO_AMOUNT = tr("Baris ini tidak punya jumlah; isi debit atau kredit.")
_NO_ACCOUNT = tr("Kode akun kosong.")


def _line_problems(
    entry: JournalEntry, line: JournalLine, chart: Mapping[str, Account] | None
) -> list[Problem]:
    # Written for speed: a Delete over a whole column checks 50,000 lines again at once.
    problems = amount_problems(entry, line)
    sheet, row, reference = entry.sheet, line.row, entry.reference
    account = line.account
    if not account:
        problems.append(Problem(_NO_ACCOUNT, sheet, row, "account", "account", reference))
    elif chart is not None:
        account_text = _account_problem(account, chart)
        if account_text is not None:
            code = UNKNOWN_ACCOUNT if account not in chart else ""
            problems.append(
                Problem(account_text, sheet, row, "account", "account", reference, code)
            )
    if _has_checked_optional(line):

        def add(field_name: str, text: Text) -> None:
            problems.append(Problem(text, sheet, row, field_name, field_name, reference))

        _optional_problems(line, add)
    return problems


AMOUNT_FIELDS = frozenset({"debit", "credit"})  # the fields amount_problems' problems are on


def amount_problems(entry: JournalEntry, line: JournalLine) -> list[Problem]:
    """What line_problems finds wrong with the line's debit and credit alone, first in its
    order (the rest looks at neither): enough after a change of amounts only."""
    debit, credit = line.debit, line.credit
    sheet, row, reference = entry.sheet, line.row, entry.reference
    # Zero never has a fraction of a cent (half the sides): the common case looks no further.
    if (debit and has_fraction_of_cent(debit)) or (credit and has_fraction_of_cent(credit)):
        problems = _fraction_problems(entry, line)
    else:
        problems = []
    if debit < 0 or credit < 0:
        side = "debit" if debit < 0 else "credit"
        text = tr(
            "Jumlah negatif ({v}); tulis jumlah positif di sisi yang berlawanan.",
            v=format_amount(min(debit, credit)),
        )
        problems.append(Problem(text, sheet, row, side, side, reference))
    elif not debit:
        if not credit:
            problems.append(Problem(_NO_AMOUNT, sheet, row, "debit", "debit", reference))
    elif credit:
        problems.append(Problem(_BOTH_SIDES, sheet, row, "debit", "debit", reference))
    return problems


def amount_problems_later(entry: JournalEntry, line: JournalLine) -> Sequence[Problem]:
    """amount_problems, a line with no amount's problem made when first read (a Delete over
    a whole column empties 50,000 lines)."""
    if line.debit or line.credit:
        return amount_problems(entry, line)
    return LaterProblems(1, _no_amount, entry.sheet, line.row, entry.reference)


def _no_amount(sheet: str, row: int | None, reference: str) -> list[Problem]:
    return [Problem(_NO_AMOUNT, sheet, row, "debit", "debit", reference)]


def _fraction_problems(entry: JournalEntry, line: JournalLine) -> list[Problem]:
    problems = []
    sheet, row, reference = entry.sheet, line.row, entry.reference
    for side, amount in (("debit", line.debit), ("credit", line.credit)):
        if amount and has_fraction_of_cent(amount):
            text = fraction_of_cent_text(amount)
            problems.append(Problem(text, sheet, row, side, side, reference, FRACTION_OF_CENT))
    return problems


def fraction_of_cent_text(amount: Decimal) -> Text:
    """What is wrong with 10.125 and what rounding makes of it; the front end adds how to
    round (a flag on the command line, a button in the window)."""
    rounded = round_to_cent(amount)
    return tr(
        "Jumlah {v} punya pecahan sen (lebih dari 2 desimal); dibulatkan ke sen menjadi {r}.",
        v=Amount(amount),
        r=Amount(rounded),
    )


def _has_checked_optional(line: JournalLine) -> bool:
    """Whether any optional field that has a check is set (most lines: none)."""
    return bool(
        line.customer
        or line.vendor
        or line.employee
        or line.rate is not None
        or line.prime_amount is not None
        or len(line.classifications) > MAX_CLASSIFICATIONS
    )


# Accurate's dataClassification1Name .. dataClassification10Name.
MAX_CLASSIFICATIONS = 10
_PARTIES = ("customer", "vendor", "employee")


def _optional_problems(line: JournalLine, add: Callable[[str, Text], None]) -> None:
    """The optional fields that can be checked without the company: one party at most, and
    the exchange rate and foreign amount together and positive."""
    parties = [name for name in _PARTIES if getattr(line, name)]
    if len(parties) > 1:
        add(parties[1], _parties_text(line, parties))
    rate, prime = line.rate, line.prime_amount
    if rate is not None and rate <= 0:
        add("rate", _not_positive_text(_NUMBER_NAMES["rate"], rate))
    if prime is not None and prime <= 0:
        add("prime_amount", _not_positive_text(_NUMBER_NAMES["prime_amount"], prime))
    if rate is not None and prime is None:
        add(
            "prime_amount",
            tr(
                "Kurs diisi tetapi Jumlah Valuta kosong; untuk akun mata uang asing isi "
                "keduanya, untuk akun rupiah kosongkan keduanya."
            ),
        )
    elif prime is not None and rate is None:
        add(
            "rate",
            tr(
                "Jumlah Valuta diisi tetapi Kurs kosong; untuk akun mata uang asing isi "
                "keduanya, untuk akun rupiah kosongkan keduanya."
            ),
        )
    if len(line.classifications) > MAX_CLASSIFICATIONS:
        add(
            f"classification{MAX_CLASSIFICATIONS}",
            tr(
                "Baris ini punya {n} klasifikasi; paling banyak {m}.",
                n=len(line.classifications),
                m=MAX_CLASSIFICATIONS,
            ),
        )


def _parties_text(line: JournalLine, parties: list[str]) -> Text:
    filled = [(_PARTY_NAMES[name], getattr(line, name)) for name in parties]
    return tr(
        "Baris ini punya lebih dari satu pihak ({id_names}); isi Pelanggan, Pemasok atau "
        "Karyawan, salah satu saja.",
        "This line has more than one party ({en_names}); fill in only one of Customer, "
        "Vendor or Employee.",
        id_names=", ".join(f"{names[0]} {value}" for names, value in filled),
        en_names=", ".join(f"{names[1]} {value}" for names, value in filled),
    )


_PARTY_NAMES = {
    "customer": ("pelanggan", "customer"),
    "vendor": ("pemasok", "vendor"),
    "employee": ("karyawan", "employee"),
}
_NUMBER_NAMES = {
    "rate": ("Kurs", "The rate"),
    "prime_amount": ("Jumlah Valuta", "The foreign amount"),
}


def _not_positive_text(name: tuple[str, str], value: Decimal) -> Text:
    return tr(
        "{id_name} harus lebih dari nol, bukan {v}.",
        "{en_name} must be more than zero, not {v}.",
        id_name=name[0],
        en_name=name[1],
        v=format_number(value),
    )


def _account_problem(written: str, chart: Mapping[str, Account]) -> Text | None:
    """What is wrong with the account as written: it names no account of the chart, or
    several (app.core.books.written_accounts), or one that cannot take lines."""
    resolution = resolve_account(written, chart)
    if resolution.code is None:
        return resolution.problem
    code = resolution.code
    account = chart[code]
    if account.is_parent:
        return tr(
            "Akun {code} ({name}) adalah akun induk; pilih salah satu sub-akunnya.",
            code=code,
            name=account.name,
        )
    if account.suspended:
        return tr(
            "Akun {code} ({name}) dinonaktifkan; aktifkan dulu atau pilih akun lain.",
            code=code,
            name=account.name,
        )
    return None


def _unbalanced(entry: JournalEntry, debit: Decimal, credit: Decimal) -> Problem:
    # A Delete over a whole column makes this problem for every entry at once, and a person
    # reads a few: the words are made when read, from the totals as they are now.
    reference, row = entry.reference, entry.row
    return _entry_problem(
        entry,
        BALANCE,
        LazyText(lambda: _unbalanced_text(name_of_entry(reference, row), debit, credit)),
    )


def _unbalanced_text(name: Text, debit: Decimal, credit: Decimal) -> Text:
    return tr(
        "{e} tidak seimbang: debit {d}, kredit {c}, selisih {x}.",
        e=name,
        d=Amount(debit),
        c=Amount(credit),
        x=Amount(abs(debit - credit)),
    )


def _repeated_references(entries: list[JournalEntry]) -> dict[str, list[JournalEntry]]:
    counts = Counter(entry.reference for entry in entries if entry.reference)
    repeated: dict[str, list[JournalEntry]] = {ref: [] for ref, n in counts.items() if n > 1}
    for entry in entries:
        if entry.reference in repeated:
            repeated[entry.reference].append(entry)
    return repeated


def _repeated_text(entry: JournalEntry, repeated: dict[str, list[JournalEntry]]) -> Text:
    rows = ", ".join(str(other.row) for other in repeated[entry.reference] if other is not entry)
    return tr(
        "Referensi {ref} dipakai oleh lebih dari satu jurnal (juga di baris {rows}); "
        "beri setiap jurnal nomor sendiri.",
        ref=entry.reference,
        rows=rows or "?",
    )


def _entry_problem(entry: JournalEntry, field_name: str, text: Text) -> Problem:
    return Problem(text, entry.sheet, entry.row, field_name, field_name, entry.reference)
