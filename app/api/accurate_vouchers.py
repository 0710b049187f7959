"""Journal vouchers in Accurate's JSON: the save.do body Jurnal Desk sends, and the detail.do
answer it reads back.

Amounts go out as Decimal values, which `wire.json_bytes` writes as exact JSON numbers
(1500000.5): every public JSON integration sends numbers, and a string may be refused. Optional
line fields (party, exchange rate, data classifications) are sent only when filled.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from app.api import errors
from app.api import reply_wording as wording
from app.api.accurate_refusals import explained
from app.api.errors import ACCURATE, AlreadyExists, Rejected
from app.api.records import RemoteLine, RemoteVoucher
from app.api.wire import ApiResponse, SaveResult, object_at
from app.core.books.journal import JournalEntry, JournalLine
from app.core.i18n import JurnalError, Text, tr

MAX_CLASSIFICATIONS = 10  # dataClassification1Name .. dataClassification10Name
# subsidiaryType, and the field naming the party, for each kind of party a line can name.
_PARTIES = (
    ("customer", "CUSTOMER", "customerNo"),
    ("vendor", "VENDOR", "vendorNo"),
    ("employee", "EMPLOYEE", "employeeNo"),
)


class VoucherProblem(JurnalError, ValueError):
    """An entry that cannot be written as an Accurate voucher; nothing of it is sent."""


# -- the save.do body ---------------------------------------------------------------------------


def voucher_body(entry: JournalEntry, *, default_branch: str | None = None) -> dict[str, Any]:
    """The save.do body for one entry: date dd/MM/yyyy, amounts as Decimal (exact numbers),
    and the branch: the entry's own, else `default_branch`, else none sent."""
    if entry.date is None:
        raise VoucherProblem(
            tr(
                "Jurnal {ref} tidak punya tanggal.",
                ref=entry.reference or "?",
            )
        )
    body: dict[str, Any] = {
        "transDate": entry.date.strftime("%d/%m/%Y"),
        "number": entry.reference,
        "detailJournalVoucher": [_line_body(entry, line) for line in entry.lines],
    }
    if entry.description:
        body["description"] = entry.description
    branch = entry.branch.strip() or (default_branch or "").strip()
    if branch:
        body["branchName"] = branch
    return body


def _line_body(entry: JournalEntry, line: JournalLine) -> dict[str, Any]:
    debit = line.debit > 0
    body: dict[str, Any] = {
        "accountNo": line.account,
        "amount": line.debit if debit else line.credit,
        "amountType": "DEBIT" if debit else "CREDIT",
    }
    if line.memo:
        body["memo"] = line.memo
    if line.department:
        body["departmentName"] = line.department
    if line.project:
        body["projectNo"] = line.project
    body.update(_party_fields(entry, line))
    if line.rate is not None:
        body["rate"] = line.rate
    if line.prime_amount is not None:
        body["primeAmount"] = line.prime_amount
    body.update(_classification_fields(entry, line))
    return body


def _party_fields(entry: JournalEntry, line: JournalLine) -> dict[str, str]:
    filled = [(kind, field, getattr(line, name)) for name, kind, field in _PARTIES]
    filled = [(kind, field, value) for kind, field, value in filled if value]
    if not filled:
        return {}
    if len(filled) > 1:
        raise VoucherProblem(
            tr(
                "{where}: baris ini menyebut lebih dari satu pihak ({parties}); satu baris hanya "
                "boleh untuk satu pelanggan, pemasok atau karyawan. Kosongkan yang lain.",
                where=_where(entry, line),
                parties=", ".join(f"{field} {value}" for _kind, field, value in filled),
            )
        )
    ((kind, field, value),) = filled
    return {"subsidiaryType": kind, field: value}


def _classification_fields(entry: JournalEntry, line: JournalLine) -> dict[str, str]:
    fields = {number: name for number, name in enumerate(line.classifications, start=1) if name}
    beyond = [number for number in fields if number > MAX_CLASSIFICATIONS]
    if beyond:
        raise VoucherProblem(
            tr(
                "{where}: Accurate hanya punya klasifikasi data 1 sampai {max}, baris ini "
                "mengisi klasifikasi {n}.",
                where=_where(entry, line),
                max=MAX_CLASSIFICATIONS,
                n=beyond[0],
            )
        )
    return {f"dataClassification{number}Name": name for number, name in fields.items()}


def _where(entry: JournalEntry, line: JournalLine) -> Text:
    if line.row is not None:
        return tr("Jurnal {ref}, baris {r}", ref=entry.reference, r=line.row)
    return tr("Jurnal {ref}", ref=entry.reference)


# -- save.do and bulk-save.do answers ----------------------------------------------------------


def saved_result(reference: str, body: Mapping[str, Any]) -> SaveResult:
    """A save answered `s: true`. It counts as posted only when `r` names the saved voucher:
    an id, and the number sent. Otherwise the outcome is unconfirmed (`unconfirmed=True`,
    with why in its messages): the voucher may or may not be in the books, and is looked up."""
    record = object_at(body, "r")
    remote_id = _string(record.get("id"))
    number = _string(record.get("number"))
    if remote_id and number == reference:
        return SaveResult(
            reference=reference,
            ok=True,
            remote_id=remote_id,
            remote_number=number,
            messages=[*_strings(body.get("d"))],
            remote_version=edit_counter(record.get("optLock")),
            remote_total=_decimal(record.get("totalAmount")),
        )
    return SaveResult(
        reference=reference,
        ok=False,
        remote_number=number or None,
        messages=[_unconfirmed_text(reference, number, remote_id)],
        unconfirmed=True,
    )


def _unconfirmed_text(reference: str, number: str, remote_id: str) -> Text:
    if not number and not remote_id:
        why = tr("tanpa data jurnal yang disimpan")
    elif number and number != reference:
        why = tr("menyebut nomor {n}", n=number[:60])
    elif not number:
        why = tr("tanpa nomor jurnal")
    else:
        why = tr("tanpa id jurnal")
    return tr(
        "Accurate menjawab {ref} tersimpan, tetapi {why}; Jurnal Desk mencarinya di pembukuan "
        "sebelum mencatatnya terposting.",
        ref=reference,
        why=why,
    )


def refused_result(reference: str, refusal: Rejected) -> SaveResult:
    return SaveResult(
        reference=reference,
        ok=False,
        messages=explained(refusal.messages) or [refusal.text],
        already_exists=isinstance(refusal, AlreadyExists),
    )


def bulk_results(entries: list[JournalEntry], response: ApiResponse) -> list[SaveResult]:
    """One result per voucher from bulk-save.do, whose exact shape is unconfirmed: per-voucher
    `{"s", "d", "r"}` objects in `d` (or the body itself being that list). Anything we cannot
    match voucher by voucher is an uncertain outcome for the whole chunk (looked up later)."""
    body = response.body
    items = body.get("d") if isinstance(body, dict) else body
    if (
        isinstance(items, list)
        and len(items) == len(entries)
        and all(isinstance(item, Mapping) for item in items)
    ):
        return [_bulk_item(entry, item) for entry, item in zip(entries, items, strict=True)]
    if isinstance(body, dict) and body.get("s") is False and _strings(items):
        # The whole call was refused (empty data, too many vouchers ...): nothing was saved.
        messages = _strings(items)
        refusal = (
            errors.already_exists(ACCURATE, "", messages)
            if wording.says_already_exists(messages)
            else errors.rejected(ACCURATE, messages)
        )
        return [refused_result(entry.reference, refusal) for entry in entries]
    raise errors.uncertain_outcome(
        ACCURATE,
        tr("jawaban simpan-sekaligus tidak bisa dicocokkan per jurnal"),
    )


def _bulk_item(entry: JournalEntry, item: Mapping[str, Any]) -> SaveResult:
    messages = _strings(item.get("d"))
    ok = item.get("s")
    if ok is True:
        result = saved_result(entry.reference, item)
        if result.unconfirmed and result.remote_number not in (None, entry.reference):
            # Results out of order would pin one voucher's fate on another: trust none.
            raise errors.uncertain_outcome(
                ACCURATE,
                tr("urutan jawaban simpan-sekaligus tidak cocok"),
            )
        return result
    if ok is False:
        return SaveResult(
            reference=entry.reference,
            ok=False,
            messages=explained(messages),
            already_exists=wording.says_already_exists(messages),
        )
    raise errors.uncertain_outcome(ACCURATE, tr("jawaban tidak dikenali"))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(item) for item in value if isinstance(item, str | int | float)]
    return []


def not_sendable(reference: str, problem: VoucherProblem) -> SaveResult:
    """An entry refused before sending: what is wrong with it, nothing stored."""
    return SaveResult(reference=reference, ok=False, messages=[problem.text])


# -- the detail.do answer -----------------------------------------------------------------------


def remote_voucher(data: Any, what: Text) -> RemoteVoucher:
    """A detail.do `d` as a RemoteVoucher. Optional fields the answer leaves out stay empty;
    a voucher without an id or without readable lines is not understood (raises)."""
    if not isinstance(data, Mapping) or data.get("id") in (None, ""):
        raise errors.unexpected_answer(ACCURATE, what)
    raw_lines = data.get("detailJournalVoucher")
    if not isinstance(raw_lines, list):
        raise errors.unexpected_answer(ACCURATE, what)
    return RemoteVoucher(
        remote_id=str(data["id"]),
        number=_string(data.get("number")),
        date=dmy_date(data.get("transDate")),
        description=_string(data.get("description")),
        branch=_branch_name(data),
        lines=tuple(_remote_line(raw, what) for raw in raw_lines),
        version=edit_counter(data.get("optLock")),
    )


def listed_voucher(row: Any, what: Text) -> RemoteVoucher:
    """A journal-voucher/list.do row (fields id, number, transDate; description,
    totalAmount and optLock when asked for and given) as a RemoteVoucher without lines. A row
    without an id or a number is not understood (raises): a list that cannot be read must
    never read as "not there"."""
    if not isinstance(row, Mapping) or _string(row.get("id")) == "" or not row.get("number"):
        raise errors.unexpected_answer(ACCURATE, what)
    return RemoteVoucher(
        remote_id=_string(row.get("id")),
        number=_string(row.get("number")),
        date=dmy_date(row.get("transDate")),
        description=_string(row.get("description")),
        total=_decimal(row.get("totalAmount")),
        version=edit_counter(row.get("optLock")),
    )


def edit_counter(value: Any) -> str | None:
    """Accurate's `optLock` (a whole number that grows on every change to the record) as
    text, or None when the answer lacks it or gives something else: an edit counter that
    cannot be read proves nothing."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip().isdigit():
        return str(int(value.strip()))
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return str(int(value))
    return None


def _remote_line(raw: Any, what: Text) -> RemoteLine:
    if not isinstance(raw, Mapping):
        raise errors.unexpected_answer(ACCURATE, what)
    account = object_at(raw, "glAccount")
    code = _string(account.get("no")) or _string(raw.get("accountNo"))
    amount = _decimal(raw.get("amount"))
    kind = _string(raw.get("amountType")).upper()
    if not code or amount is None or kind not in ("DEBIT", "CREDIT"):
        raise errors.unexpected_answer(ACCURATE, what)
    zero = Decimal(0)
    return RemoteLine(
        account=code,
        debit=amount if kind == "DEBIT" else zero,
        credit=amount if kind == "CREDIT" else zero,
        memo=_string(raw.get("memo")),
        account_name=_string(account.get("name")),
    )


def _branch_name(data: Mapping[str, Any]) -> str:
    branch = data.get("branch")
    if isinstance(branch, Mapping) and branch.get("name"):
        return _string(branch.get("name"))
    return _string(data.get("branchName"))


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        value = repr(value)  # only when the answer was parsed without Decimal
    if not isinstance(value, (int, str, Decimal)):
        return None
    try:
        amount = Decimal(value.strip() if isinstance(value, str) else value)
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def _string(value: Any) -> str:
    return "" if value is None else str(value).strip()


def dmy_date(value: Any) -> date | None:
    """A dd/MM/yyyy date as Accurate writes them, or None."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value.strip(), "%d/%m/%Y").date()
    except ValueError:
        return None
