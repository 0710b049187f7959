"""Accurate's `list.do` parameters as the sandbox reads them: paging (`sp.page`,
`sp.pageSize`), `fields`, `filter.<name>` flags and keyword filters, and the paged answer.
A malformed parameter raises ParamError, which the service answers in its own words."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime

from app.sandbox.wire import JsonObject, Reply, json_reply

DEFAULT_PAGE_SIZE = 20
# The largest sp.pageSize Accurate allows is unconfirmed; the sandbox caps it at 100.
MAX_PAGE_SIZE = 100


class ParamError(Exception):
    def __init__(self, name: str, value: str) -> None:
        super().__init__(name)
        self.name, self.value = name, value


def flag(params: dict[str, str], name: str) -> bool | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    if value.lower() in ("true", "1"):
        return True
    if value.lower() in ("false", "0"):
        return False
    raise ParamError(name, value)


def keyword_filter(
    params: dict[str, str], prefix: str, default_op: str = "CONTAIN"
) -> Callable[[str], bool] | None:
    """A predicate for `<prefix>.op` / `<prefix>.val`, or None when there is no filter."""
    value = params.get(f"{prefix}.val")
    if value is None:
        return None
    op = (params.get(f"{prefix}.op") or default_op).upper()
    wanted = value.casefold()
    if op == "EQUAL":
        return lambda text: text.casefold() == wanted
    if op == "CONTAIN":
        return lambda text: wanted in text.casefold()
    raise ParamError(f"{prefix}.op", op)


def date_filter(params: dict[str, str], prefix: str) -> Callable[[date], bool] | None:
    """A predicate for `<prefix>.op` BETWEEN with `<prefix>.val[0]` and `.val[1]`, or EQUAL
    with `<prefix>.val` (dates dd/MM/yyyy, both ends included); None without a filter. Any
    other operator, or a value that is not such a date, is refused."""
    op = (params.get(f"{prefix}.op") or "EQUAL").upper()
    if op == "BETWEEN":
        names = (f"{prefix}.val[0]", f"{prefix}.val[1]")
        if not any(name in params for name in names):
            raise ParamError(f"{prefix}.val", "")
        first, last = (_dmy_param(params, name) for name in names)
        return lambda day: first <= day <= last
    if op != "EQUAL":
        raise ParamError(f"{prefix}.op", op)
    if f"{prefix}.val" not in params:
        if f"{prefix}.op" in params:
            raise ParamError(f"{prefix}.val", "")
        return None
    wanted = _dmy_param(params, f"{prefix}.val")
    return lambda day: day == wanted


def dmy(text: str) -> date:
    """A dd/MM/yyyy date as the sandbox stores them."""
    return datetime.strptime(text, "%d/%m/%Y").date()


def _dmy_param(params: dict[str, str], name: str) -> date:
    raw = params.get(name) or ""
    try:
        return dmy(raw.strip())
    except ValueError:
        raise ParamError(name, raw) from None


def positive_int(params: dict[str, str], name: str, default: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ParamError(name, raw) from None
    if value < 1:
        raise ParamError(name, raw)
    return value


def paging(params: dict[str, str], cap: int = MAX_PAGE_SIZE) -> tuple[int, int]:
    """`sp.page` and `sp.pageSize`, the size no larger than `cap`."""
    page = positive_int(params, "sp.page", 1)
    size = min(positive_int(params, "sp.pageSize", DEFAULT_PAGE_SIZE), cap)
    return page, size


def sorted_rows(rows: list[JsonObject], params: dict[str, str]) -> list[JsonObject]:
    """The rows in the order `sp.sort` asks (`field|asc` or `field|desc`), for a list that
    honours it; a field the rows lack, or no sort, leaves them in the list's own order."""
    raw = params.get("sp.sort")
    if not raw:
        return rows
    name, _, direction = raw.partition("|")
    if direction.lower() not in ("", "asc", "desc"):
        raise ParamError("sp.sort", raw)
    if not rows or any(name not in row for row in rows):
        return rows
    key = (lambda row: dmy(row[name])) if name == "transDate" else (lambda row: row[name])
    return sorted(rows, key=key, reverse=direction.lower() == "desc")


def fields(params: dict[str, str], default: tuple[str, ...]) -> list[str]:
    raw = params.get("fields")
    if not raw:
        return list(default)
    return [name.strip() for name in raw.split(",") if name.strip()]


def list_reply(rows: list[JsonObject], fields: list[str], page: int, size: int) -> Reply:
    start = (page - 1) * size
    page_rows = rows[start : start + size]
    shown = [{name: row[name] for name in fields if name in row} for row in page_rows]
    paging = {
        "page": page,
        "sort": None,
        "pageSize": size,
        "pageCount": math.ceil(len(rows) / size),
        "rowCount": len(rows),
        "start": start,
        "limit": None,
    }
    return json_reply(200, {"s": True, "d": shown, "sp": paging})
