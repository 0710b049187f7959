"""The journal's optional columns as a worksheet holds them: branch, party, currency, classes.

An entry's branch is taken from its first row; a later row of the same entry naming another
branch is a problem on that row (an entry is written to one branch). The party (customer,
vendor or employee number) and the classification columns are text. The exchange rate and
the foreign-currency amount are numbers read in the same styles as amounts (1.500.000,00 or
1,500,000.00) but, unlike amounts in rupiah, may carry up to six decimals (a rate such as
105,3721 for the yen): Accurate keeps six.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from app.core.books.money import AmountError, parse_amount
from app.core.books.number_style import CENT, NumberStyle, in_style
from app.core.i18n import Text, tr

if TYPE_CHECKING:  # journal.py uses format_number from here
    from app.core.books.journal import JournalEntry, JournalLine

NUMBER_PLACES = 6
PARTY_FIELDS = ("customer", "vendor", "employee")
NUMBER_FIELDS = ("rate", "prime_amount")
CLASSIFICATION_FIELDS = tuple(f"classification{n}" for n in range(1, 11))
OPTIONAL_FIELDS = ("branch", *PARTY_FIELDS, *NUMBER_FIELDS, *CLASSIFICATION_FIELDS)
_DECIMAL_MARK = {NumberStyle.ID: ",", NumberStyle.EN: "."}


# (row number, field, entry reference, text): how a problem found in a cell is reported.
Report = Callable[[int, str, str, Text], None]


def parse_number(value: object, style: NumberStyle | str = NumberStyle.ID) -> Decimal | None:
    """A rate or foreign amount: None when blank; raises AmountError when it is not a number
    or has more than six decimals. Text is read in `style`, like amounts."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) and value == value and abs(value) != float("inf"):
        number = Decimal(format(value, ".15g"))  # what Excel shows; beyond is binary noise
    elif isinstance(value, int | Decimal) and not isinstance(value, bool):
        number = Decimal(value)
    elif isinstance(value, str):
        number = _text_number(value.strip(), NumberStyle(style))
    else:
        return parse_amount(value, style)  # raises the usual "not a number" for the rest
    return _canonical(number, value)


def _canonical(number: Decimal, original: object) -> Decimal:
    """At least two decimals, as amounts have, and no trailing zeros past them: 15.750 ->
    15750.00, 105,372100 -> 105.3721. More than six decimals is an error."""
    exponent = number.normalize().as_tuple().exponent
    if not isinstance(exponent, int):  # NaN or infinity typed as text
        raise AmountError(_not_a_number(original))
    if exponent < -NUMBER_PLACES:
        raise AmountError(
            tr(
                "Angka {v} punya lebih dari {n} angka desimal; bulatkan ke {n} desimal.",
                v=original,
                n=NUMBER_PLACES,
            )
        )
    try:
        return number.quantize(CENT) if exponent >= -2 else number.normalize()
    except InvalidOperation:  # more digits than a Decimal holds: no real rate or amount
        raise AmountError(_not_a_number(original)) from None


def _text_number(text: str, style: NumberStyle) -> Decimal:
    """Text in the amount style; decimals past the second are taken here, since amounts
    (parse_amount) stop at cents. The whole part goes through parse_amount, which knows the
    style's grouping, "Rp" and signs."""
    mark = _DECIMAL_MARK[style]
    whole, found, fraction = text.rpartition(mark)
    if not found or not fraction.isdigit() or len(fraction) <= 2 or mark in whole:
        number = parse_amount(text, style)
        assert number is not None  # not blank: checked by the caller
        return number
    try:
        head = parse_amount(whole, style) if whole.strip() else Decimal(0)
    except AmountError:
        parse_amount(text, style)  # the error told about the whole text, not its first part
        raise
    assert head is not None
    try:
        tail = Decimal(f"0.{fraction}")
    except InvalidOperation:  # isdigit() admits digits Decimal does not read (e.g. '²')
        raise AmountError(_not_a_number(text)) from None
    negative = head < 0 or whole.strip().startswith("-")
    return head.quantize(Decimal(1)) + (-tail if negative else tail)


def _not_a_number(value: object) -> Text:
    return tr(
        "'{v}' bukan angka; isi dengan angka seperti 15.750,00.",
        v=value,
    )


def format_number(value: Decimal | None, style: NumberStyle | str = NumberStyle.ID) -> str:
    """Decimal('15750') -> '15.750,00'; Decimal('105.3721') -> '105,3721' (every decimal
    kept, at least two)."""
    if value is None:
        return ""
    exponent = value.as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    return in_style(f"{value:,.{places}f}", style)


def classifications_with(values: tuple[str, ...], position: int, text: str) -> tuple[str, ...]:
    """`values` with classification `position` (0-based) set to `text`; empty ones at the end
    are dropped, so a line without classifications has ()."""
    changed = list(values) + [""] * (position + 1 - len(values))
    changed[position] = text
    while changed and not changed[-1]:
        changed.pop()
    return tuple(changed)


def branch_mismatch_text(reference: str, branch: str, entry_branch: str) -> Text:
    if not entry_branch:
        return tr(
            "Baris ini menyebut cabang {b}, tetapi baris pertama jurnal {ref} tidak punya "
            "cabang; satu jurnal ditulis ke satu cabang. Isi cabangnya di baris pertama "
            "jurnal itu.",
            b=branch,
            ref=reference,
        )
    return tr(
        "Cabang baris ini ({b}) berbeda dari cabang jurnal {ref} ({e}); satu jurnal ditulis ke "
        "satu cabang. Samakan cabangnya atau beri baris ini nomor bukti lain.",
        b=branch,
        e=entry_branch,
        ref=reference,
    )


class OptionalCells:
    """Reads the optional columns of one sheet row into its line and entry.

    Built only when the mapping has at least one optional column (`for_mapping`), so a sheet
    without them costs the reader's loop a single test per row.
    """

    def __init__(
        self,
        columns: dict[str, int],
        text: Callable[[object], str],
        report: Report,
        style: NumberStyle,
    ) -> None:
        self._text = text
        self._report = report
        self._style = style
        self._branch = columns.get("branch")
        self._parties = [(name, columns[name]) for name in PARTY_FIELDS if name in columns]
        self._numbers = [(name, columns[name]) for name in NUMBER_FIELDS if name in columns]
        self._classes = [
            (position, columns[name])
            for position, name in enumerate(CLASSIFICATION_FIELDS)
            if name in columns
        ]
        self._class_width = max((p for p, _ in self._classes), default=-1) + 1
        self._cache: dict[object, tuple[Decimal | None, Text | None]] = {}

    @classmethod
    def for_mapping(
        cls,
        mapped: dict[str, int],
        text: Callable[[object], str],
        report: Report,
        style: NumberStyle,
    ) -> OptionalCells | None:
        """None when `mapped` (field -> column) has no optional field."""
        optional = {name: column for name, column in mapped.items() if name in _OPTIONAL}
        return cls(optional, text, report, style) if optional else None

    @property
    def columns(self) -> list[int]:
        found = [column for _, column in (*self._parties, *self._numbers, *self._classes)]
        return found if self._branch is None else [self._branch, *found]

    def fill(
        self, line: JournalLine, entry: JournalEntry, row: Sequence[object], number: int
    ) -> None:
        """Set the optional fields of `line` (not yet added to `entry`) from `row`."""
        text = self._text
        if self._branch is not None:
            self._fill_branch(entry, row[self._branch], number)
        for name, column in self._parties:
            raw = row[column]
            if raw != "":
                setattr(line, name, raw.strip() if type(raw) is str else text(raw))
        for name, column in self._numbers:
            raw = row[column]
            if raw != "" and raw is not None:
                setattr(line, name, self._number(raw, number, name, entry.reference))
        if self._classes:
            classifications = self._classifications(row)
            if classifications:
                line.classifications = classifications

    def _fill_branch(self, entry: JournalEntry, raw: object, number: int) -> None:
        """An entry's first row names its branch; a later row naming another is a problem."""
        branch = raw.strip() if type(raw) is str else self._text(raw)
        if not entry.lines:
            entry.branch = branch
        elif branch and branch != entry.branch:
            mismatch = branch_mismatch_text(entry.reference, branch, entry.branch)
            self._report(number, "branch", entry.reference, mismatch)

    def _classifications(self, row: Sequence[object]) -> tuple[str, ...]:
        """Classification 1..10 in order, blank up to the last one filled; () for none."""
        values: list[str] | None = None
        for position, column in self._classes:
            raw = row[column]
            if raw == "":
                continue
            value = raw.strip() if type(raw) is str else self._text(raw)
            if value:
                if values is None:
                    values = [""] * self._class_width
                values[position] = value
        if values is None:
            return ()
        while not values[-1]:
            values.pop()
        return tuple(values)

    def _number(self, raw: object, number: int, name: str, reference: str) -> Decimal | None:
        # Rates repeat on many rows (one per day and currency): each distinct cell is read once.
        key = (type(raw), raw)
        cached = self._cache.get(key)
        if cached is None:
            try:
                cached = (parse_number(raw, self._style), None)
            except AmountError as error:
                cached = (None, error.text)
            self._cache[key] = cached
        value, problem = cached
        if problem is not None:
            self._report(number, name, reference, problem)
        return value


_OPTIONAL = frozenset(OPTIONAL_FIELDS)

__all__ = [
    "NUMBER_PLACES",
    "OPTIONAL_FIELDS",
    "OptionalCells",
    "branch_mismatch_text",
    "classifications_with",
    "format_number",
    "parse_number",
]
