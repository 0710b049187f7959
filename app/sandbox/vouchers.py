"""What the sandbox's journal-voucher/save.do accepts, and how a stored voucher is shown back
(save.do's `r`, detail.do's `d`).

Where Accurate's behaviour is not confirmed the sandbox takes the strict side, so a client
that passes here is not relying on leniency the real service may not have:
- `amount`, `rate` and `primeAmount` must be JSON numbers: every public JSON integration sends
  numbers; what Accurate makes of "1500000" is unknown;
- an amount is positive, at most 999,999,999,999 and has at most 6 decimals;
- a line on a foreign-currency account needs `rate` and `primeAmount`; without them Accurate
  answers "Kurs tidak valid. Cek nilai kurs!" (its words, confirmed);
- a party number needs its `subsidiaryType` (CUSTOMER, VENDOR, EMPLOYEE), and the party must
  be one of the company's;
- classifications are `dataClassification1Name` .. `dataClassification10Name`, as text.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.sandbox import messages as m
from app.sandbox.chart import GlAccount
from app.sandbox.parties import PARTY_FIELDS
from app.sandbox.wire import JsonObject, shown_amount

MAX_AMOUNT = Decimal("999999999999")
MAX_DECIMALS = 6
MAX_CLASSIFICATION = 10
_NUMBER_FIELDS = ("amount", "rate", "primeAmount")
_DMY_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_CLASSIFICATION = re.compile(r"dataClassification(\d+)Name")

Parties = Mapping[str, Mapping[str, str]]  # subsidiaryType -> {number: name}


@dataclass
class ParsedVoucher:
    trans_date: date
    lines: list[JsonObject]  # as stored: amounts (and rates) as exact decimal strings


def parse_voucher(
    body: JsonObject, accounts: Mapping[str, GlAccount], parties: Parties, lang: str
) -> ParsedVoucher | list[str]:
    """The voucher's date and lines, or every message about what is wrong with it."""
    problems: list[str] = []
    trans_date = _trans_date(body.get("transDate"), lang, problems)
    raw_lines = body.get("detailJournalVoucher")
    if not isinstance(raw_lines, list) or not raw_lines:
        problems.append(m.message("details_required", lang))
        raw_lines = []
    checker = _LineChecker(accounts, parties, lang, problems)
    lines = [checker.parse(raw, number) for number, raw in enumerate(raw_lines, start=1)]
    if problems:
        return problems
    debit, credit = _total(lines, "DEBIT"), _total(lines, "CREDIT")
    if debit != credit:
        text = m.message("unbalanced", lang, debit=shown_amount(debit), credit=shown_amount(credit))
        return [text]
    assert trans_date is not None
    return ParsedVoucher(trans_date, lines)


def voucher_json(voucher: JsonObject, accounts: Mapping[str, GlAccount]) -> JsonObject:
    """A stored voucher as detail.do and save.do show it: amounts as JSON numbers."""
    lines = []
    for index, line in enumerate(voucher["detailJournalVoucher"], start=1):
        account = accounts[line["accountNo"]]
        shown = dict(line, id=voucher["id"] * 100 + index)
        shown.update((name, Decimal(line[name])) for name in _NUMBER_FIELDS if name in line)
        shown["glAccount"] = {"id": account.id, "no": account.no, "name": account.name}
        lines.append(shown)
    total = sum((line["amount"] for line in lines if line["amountType"] == "DEBIT"), Decimal(0))
    return dict(voucher, detailJournalVoucher=lines, totalAmount=total)


def _total(lines: list[JsonObject], amount_type: str) -> Decimal:
    amounts = (Decimal(line["amount"]) for line in lines if line["amountType"] == amount_type)
    return sum(amounts, Decimal(0))


def _trans_date(value: object, lang: str, problems: list[str]) -> date | None:
    text = _text(value)
    if not text:
        problems.append(m.message("date_required", lang))
        return None
    match = _DMY_DATE.fullmatch(text)
    try:
        if match:
            day, month, year = map(int, match.groups())
            return date(year, month, day)
    except ValueError:
        pass
    problems.append(m.message("date_invalid", lang, value=text))
    return None


class _LineChecker:
    """Checks one detailJournalVoucher line at a time, adding what is wrong to `problems`."""

    def __init__(
        self,
        accounts: Mapping[str, GlAccount],
        parties: Parties,
        lang: str,
        problems: list[str],
    ) -> None:
        self.accounts, self.parties, self.lang, self.problems = accounts, parties, lang, problems

    def parse(self, raw: object, line: int) -> JsonObject:
        if not isinstance(raw, dict):
            self._add("line_invalid", line=line)
            return {}
        stored = {key: copy.deepcopy(value) for key, value in raw.items()}
        no = _text(raw.get("accountNo"))
        account = self._account(no, line)
        amount = self._amount(raw, line)
        amount_type = _text(raw.get("amountType")).upper()
        if amount_type not in ("DEBIT", "CREDIT"):
            self._add("amount_type_invalid", line=line, value=_text(raw.get("amountType")))
        self._currency(raw, account, line)
        self._party(raw, line)
        self._classifications(raw, line)
        stored.update(accountNo=no, amount=str(amount), amountType=amount_type)
        stored.update(
            (name, str(raw[name])) for name in ("rate", "primeAmount") if _is_number(raw.get(name))
        )
        return stored

    def _add(self, key: str, **params: object) -> None:
        self.problems.append(m.message(key, self.lang, **params))

    def _account(self, no: str, line: int) -> GlAccount | None:
        account = self.accounts.get(no)
        if not no:
            self._add("account_required", line=line)
        elif account is None:
            self._add("account_unknown", no=no)
        elif account.is_parent:
            self._add("account_parent", no=no)
        elif account.suspended:
            self._add("account_suspended", no=no)
        return account

    def _amount(self, raw: JsonObject, line: int) -> Decimal | None:
        value = raw.get("amount")
        if isinstance(value, str):
            self._add("number_as_text", line=line, field="amount", value=value)
            return None
        amount = Decimal(value) if _is_number(value) else None  # type: ignore[arg-type]  # a number, as _is_number says
        if amount is None or not amount.is_finite() or amount <= 0:
            self._add("amount_invalid", line=line, value=_text(value))
            return None
        if amount > MAX_AMOUNT or _decimals(amount) > MAX_DECIMALS:
            self._add("amount_out_of_range", line=line, value=f"{amount:f}")
            return None
        return amount

    def _currency(self, raw: JsonObject, account: GlAccount | None, line: int) -> None:
        for name in ("rate", "primeAmount"):
            if isinstance(raw.get(name), str):
                self._add("number_as_text", line=line, field=name, value=raw[name])
                return
        if account is None or not account.foreign:
            return
        given = [raw.get(name) for name in ("rate", "primeAmount")]
        if not all(_is_number(value) and value > 0 for value in given):  # type: ignore[operator]  # numbers, as _is_number says
            self._add("rate_invalid")

    def _party(self, raw: JsonObject, line: int) -> None:
        kind = _text(raw.get("subsidiaryType")).upper()
        named = {field: _text(raw.get(field)) for field in PARTY_FIELDS.values()}
        named = {field: value for field, value in named.items() if value}
        if not kind:
            if named:
                self._add("subsidiary_type_required", line=line, field=next(iter(named)))
            return
        field = PARTY_FIELDS.get(kind)
        if field is None:
            self._add("subsidiary_type_invalid", line=line, value=_text(raw["subsidiaryType"]))
            return
        others = [other for other in named if other != field]
        if others:
            self._add("party_mismatch", line=line, field=others[0], type=kind)
        number = named.get(field)
        if number is None:
            self._add("party_required", line=line, field=field, type=kind)
        elif number not in self.parties.get(kind, {}):
            self._add("party_unknown", kind=m.party_kind(kind, self.lang), no=number)

    def _classifications(self, raw: JsonObject, line: int) -> None:
        for key, value in raw.items():
            match = _CLASSIFICATION.fullmatch(key)
            if match is None:
                continue
            if not 1 <= int(match.group(1)) <= MAX_CLASSIFICATION or not isinstance(value, str):
                self._add("classification_invalid", line=line, field=key)


def _is_number(value: object) -> bool:
    """A JSON number as the sandbox reads them (ints, and Decimals for the rest)."""
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


def _decimals(amount: Decimal) -> int:
    exponent = amount.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _text(value: object) -> str:
    if value is None:
        return ""
    return str(value).strip()
