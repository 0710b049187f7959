"""Sempoa's rows read into Jurnal Desk's shapes: `/akun` rows into a Chart, `/jurnal` rows
into RemoteVoucher.

A field the service leaves out stays empty; a field that is there but cannot be read (an
amount that is not a number, a date in no known form) raises `Unreadable` rather than being
guessed, so a read-back never reports what the service did not say.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from app.api.records import RemoteLine, RemoteVoucher
from app.core.books.journal import Account, Chart

_DMY = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")  # how Sempoa answers: 30-12-2023
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")  # how it is sent: 2023-12-30
_SCALARS = (str, int, Decimal)


class Unreadable(ValueError):
    """A row, or one of its fields, is not in a form Sempoa is known to answer."""


# -- journals ------------------------------------------------------------------------------


def reference_of(row: Mapping[str, Any]) -> str:
    """A journal row's `referensi` ("" when it has none)."""
    return _text(row, "referensi")


def voucher(row: Mapping[str, Any]) -> RemoteVoucher:
    """One `/jurnal` row (or a save answer's `data`) as a RemoteVoucher.

    `transaksi[].akun` holds the account's NAME in Sempoa's answers: it goes to
    `account_name`, and `account` stays "" unless the row also gives a code."""
    lines = row.get("transaksi")
    if lines is None:
        lines = []
    if not isinstance(lines, list) or not all(isinstance(line, Mapping) for line in lines):
        raise Unreadable(f"journal {reference_of(row)!r}: transaksi is not a list of lines")
    return RemoteVoucher(
        remote_id=_text(row, "id"),
        number=reference_of(row),
        date=_date(row.get("tanggal"), reference_of(row)),
        description=_text(row, "deskripsi"),
        lines=tuple(_line(line, reference_of(row)) for line in lines),
    )


def _line(line: Mapping[str, Any], reference: str) -> RemoteLine:
    return RemoteLine(
        account=_text(line, "kode") or _text(line, "kode_akun"),
        debit=_amount(line.get("debit"), "debit", reference),
        credit=_amount(line.get("kredit"), "kredit", reference),
        memo=_text(line, "keterangan"),
        account_name=_text(line, "akun"),
    )


def _date(value: object, reference: str) -> date | None:
    if value is None or value == "":
        return None
    text = str(value).strip()[:10] if isinstance(value, str) else None
    for pattern, order in ((_DMY, (2, 1, 0)), (_ISO, (0, 1, 2))):
        match = pattern.fullmatch(text or "")
        if match:
            year, month, day = (int(match.group(i + 1)) for i in order)
            try:
                return date(year, month, day)
            except ValueError:
                break
    raise Unreadable(f"journal {reference!r}: tanggal {value!r} is not a date")


def _amount(value: object, name: str, reference: str) -> Decimal:
    if value is None or value == "":
        return Decimal(0)
    if isinstance(value, bool) or not isinstance(value, (*_SCALARS, float)):
        raise Unreadable(f"journal {reference!r}: {name} {value!r} is not a number")
    try:
        # A float can only come from a caller's own json.loads; str() keeps its shortest form.
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise Unreadable(f"journal {reference!r}: {name} {value!r} is not a number") from None
    if not amount.is_finite():
        raise Unreadable(f"journal {reference!r}: {name} {value!r} is not a number")
    return amount


# -- accounts ------------------------------------------------------------------------------


def code_of(row: Mapping[str, Any]) -> str:
    """An account row's `kode` ("" when it has none)."""
    return _text(row, "kode")


def chart(rows: list[Mapping[str, Any]]) -> Chart:
    """Every `/akun` row as an Account; one that another names as its `akun_induk` is a
    parent. A row without a `kode` cannot be used and makes the list unreadable."""
    for row in rows:
        if not _text(row, "kode"):
            raise Unreadable("an account row has no kode")
    parents = _parent_codes(rows)
    return Chart(_account(row, _text(row, "kode") in parents) for row in rows)


def _parent_codes(rows: list[Mapping[str, Any]]) -> set[str]:
    """Codes of the accounts some other account names as its `akun_induk`.

    Sempoa names the parent by its name ("Aset"), perhaps by its code; "-" means none. A group
    and a leaf may share a name (50000 and 5000 both "Harga Pokok Penjualan"): the parent is
    then the one on a higher level (a smaller `level`) than the child."""
    codes = {_text(row, "kode") for row in rows}
    by_name: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        by_name.setdefault(_text(row, "akun"), []).append(row)
    parents: set[str] = set()
    for row in rows:
        named = _text(row, "akun_induk")
        if named in ("", "-"):
            continue
        if named in codes and named != _text(row, "kode"):
            parents.add(named)
            continue
        candidates = [other for other in by_name.get(named, []) if other is not row]
        above = [other for other in candidates if _is_above(other, row)]
        parents.update(_text(other, "kode") for other in above or candidates)
    return parents


def _is_above(candidate: Mapping[str, Any], child: Mapping[str, Any]) -> bool:
    try:
        return int(candidate.get("level")) < int(child.get("level"))  # type: ignore[arg-type]  # bad levels end in except
    except (TypeError, ValueError):
        return True  # no levels to compare: the name alone decides


def _account(row: Mapping[str, Any], is_parent: bool) -> Account:
    return Account(
        code=_text(row, "kode"),
        name=_text(row, "akun") or _text(row, "nama"),
        is_parent=is_parent,
        account_type=_text(row, "tipe"),
    )


def _text(row: Mapping[str, Any], key: str) -> str:
    """A scalar field as trimmed text; "" when missing or null. Anything else (a list, an
    object) is not a form the service answers in."""
    value = row.get(key)
    if value is None:
        return ""
    if isinstance(value, _SCALARS) and not isinstance(value, bool):
        return str(value).strip()
    raise Unreadable(f"{key} {type(value).__name__} is not text")
