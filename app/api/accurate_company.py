"""What Accurate says about a company, read defensively: the token's details (`api-token.do`),
its accounts (`glaccount/list.do`) and its branches (`branch/list.do`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.api import errors
from app.api.accurate_vouchers import dmy_date
from app.api.errors import ACCURATE
from app.api.wire import object_at
from app.core.books.journal import Account, Chart
from app.core.i18n import tr


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """What `api-token.do` says about a token: the company, its data host, the user."""

    company_name: str
    company_id: int | None
    host: str
    user_name: str
    user_email: str
    license_end: date | None
    trial: bool
    admin: bool
    app_name: str


@dataclass(frozen=True, slots=True)
class Branch:
    """One of the company's branches (cabang), as `branch/list.do` lists it."""

    id: str
    name: str


def token_info(data: Any) -> TokenInfo:
    if not isinstance(data, Mapping):
        raise errors.unexpected_answer(ACCURATE, tr("info API Token"))
    company = object_at(data, "data usaha", "dataUsaha", "database", "db")
    user = object_at(data, "user")
    application = object_at(data, "application")
    license_ = object_at(company, "license")
    host = company.get("host")
    if not isinstance(host, str) or not host:
        raise errors.unexpected_answer(ACCURATE, tr("alamat data usaha"))
    return TokenInfo(
        company_name=str(company.get("alias") or company.get("name") or ""),
        company_id=int_or_none(company.get("id")),
        host=host.rstrip("/"),
        user_name=str(user.get("fullName") or user.get("name") or user.get("email") or ""),
        user_email=str(user.get("email") or ""),
        license_end=dmy_date(license_.get("licenseEnd")),
        trial=bool(license_.get("trial")),
        admin=bool(company.get("admin")),
        app_name=str(application.get("name") or ""),
    )


def chart(rows: list[Mapping[str, Any]], leaves: Iterable[Mapping[str, Any]]) -> Chart:
    """The chart from the full listing `rows` and the leaf-only listing `leaves`. An account
    is a parent when it is not a leaf, when another names it as its parent (should the leaf
    filter be ignored), or when it says so itself."""
    leaf_codes = {_text(row.get("no")) for row in leaves}
    parents = parent_codes(rows)

    def is_parent(row: Mapping[str, Any]) -> bool:
        code = _text(row.get("no"))
        return code not in leaf_codes or code in parents or _true(row.get("isParent"))

    return Chart(account(row, is_parent=is_parent(row)) for row in rows)


def account(row: Mapping[str, Any], *, is_parent: bool) -> Account:
    return Account(
        code=_text(row.get("no")),
        name=_text(row.get("name")),
        is_parent=is_parent,
        suspended=_true(row.get("suspended")),
        account_type=_text(row.get("accountType")),
    )


def branch(row: Mapping[str, Any]) -> Branch:
    branch_id = row.get("id")
    return Branch(
        id="" if branch_id is None else str(branch_id), name=str(row.get("name") or "").strip()
    )


def parent_codes(rows: list[Mapping[str, Any]]) -> set[str]:
    """The accounts some account names as its parent (`parentNo`, `parent.no`, `parentName`)."""
    by_name = {_text(row.get("name")): _text(row.get("no")) for row in rows}
    parents = set()
    for row in rows:
        parent = object_at(row, "parent")
        parents.add(_text(row.get("parentNo")) or _text(parent.get("no")))
        parents.add(by_name.get(_text(row.get("parentName")), ""))
    return parents - {""}


def int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _true(value: Any) -> bool:
    """A JSON true, or the text "true" (never bool("false"), which Python reads as true)."""
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")
