"""Accurate's master data as a journal line names it: departments, projects, customers,
vendors, employees and data classifications (Kategori Keuangan 1..10), read from their
`list.do` rows.

Each list is at `<kind>/list.do` by the API's convention (api-notes, "Evidence added 2026-12");
the field names of its rows are assumed, so they are read defensively: a code from `no` or
`<kind>No` (`customerNo` ...), a classification's index from `index`, `classificationIndex` or
`dataClassificationIndex`, `suspended` (or `inactive`) as a flag, and a record is a parent
when it says so (`isParent`) or another names it as its parent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any


class MasterKind(Enum):
    """A kind of master data: its list endpoint, the prefix of its code field, and the line
    field a workbook fills."""

    DEPARTMENT = ("department", "department")
    PROJECT = ("project", "project")
    CUSTOMER = ("customer", "customer")
    VENDOR = ("vendor", "vendor")
    EMPLOYEE = ("employee", "employee")
    CLASSIFICATION = ("data-classification", "classification")

    @property
    def endpoint(self) -> str:
        return f"{self.value[0]}/list.do"

    @property
    def code_fields(self) -> tuple[str, ...]:
        return ("no", f"{self.value[1]}No", "code")

    @property
    def fields(self) -> str:
        """Every field asked for: the list answers those it has."""
        asked = ["id", "name", *self.code_fields, "suspended", "inactive", "isParent", "parent"]
        if self is MasterKind.CLASSIFICATION:
            asked += list(_INDEX_FIELDS)
        return ",".join(asked)


_INDEX_FIELDS = ("index", "classificationIndex", "dataClassificationIndex")


@dataclass(frozen=True, slots=True)
class MasterRecord:
    kind: MasterKind
    name: str
    code: str = ""
    suspended: bool = False
    is_parent: bool = False
    index: int | None = None  # a classification's Kategori Keuangan number; None: not given


def master_records(kind: MasterKind, listed: Iterable[object]) -> list[MasterRecord]:
    """The records of one list's rows; rows that are not objects, or have no name or code,
    are left out."""
    rows = [row for row in listed if isinstance(row, Mapping)]
    parents = {_parent_key(row) for row in rows} - {""}
    records = []
    for row in rows:
        name, code = _text(row.get("name")), _code(kind, row)
        if not name and not code:
            continue
        is_parent = _flag(row.get("isParent")) or bool({name, code, _text(row.get("id"))} & parents)
        records.append(
            MasterRecord(
                kind,
                name,
                code,
                suspended=_flag(row.get("suspended")) or _flag(row.get("inactive")),
                is_parent=is_parent,
                index=_index(row) if kind is MasterKind.CLASSIFICATION else None,
            )
        )
    return records


def _code(kind: MasterKind, row: Mapping[str, Any]) -> str:
    for name in kind.code_fields:
        if _text(row.get(name)):
            return _text(row.get(name))
    return ""


def _parent_key(row: Mapping[str, Any]) -> str:
    parent = row.get("parent")
    if isinstance(parent, Mapping):
        return _text(parent.get("name")) or _text(parent.get("no")) or _text(parent.get("id"))
    return _text(row.get("parentName")) or _text(row.get("parentNo"))


def _index(row: Mapping[str, Any]) -> int | None:
    for name in _INDEX_FIELDS:
        try:
            value = int(str(row.get(name)).strip())
        except ValueError:
            continue
        if 1 <= value <= 10:
            return value
    return None


def _flag(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return value is True or value == 1


def _text(value: object) -> str:
    if value is None or isinstance(value, Mapping | list):
        return ""
    return str(value).strip()
