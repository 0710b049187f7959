"""Which column holds which journal field: detected from header names (Indonesian or
English), or named by the user (header text or column letter), or both, the user winning."""

from __future__ import annotations

from dataclasses import dataclass, fields

from app.core.excel.columns import (
    FIELDS,
    column_index,
    column_letter,
    field_for_header,
    normalize_header,
    not_found_text,
)
from app.core.excel.workbook_file import WorkbookError
from app.core.i18n import tr


class MappingError(WorkbookError):
    """An explicit column mapping names a field or column that does not exist."""


@dataclass
class ColumnMapping:
    """0-based column index per journal field; None when the sheet has no such column."""

    date: int | None = None
    reference: int | None = None
    description: int | None = None
    account: int | None = None
    debit: int | None = None
    credit: int | None = None
    amount: int | None = None  # one signed column: positive = debit, negative = credit
    memo: int | None = None
    department: int | None = None
    project: int | None = None
    branch: int | None = None
    customer: int | None = None
    vendor: int | None = None
    employee: int | None = None
    rate: int | None = None
    prime_amount: int | None = None
    classification1: int | None = None
    classification2: int | None = None
    classification3: int | None = None
    classification4: int | None = None
    classification5: int | None = None
    classification6: int | None = None
    classification7: int | None = None
    classification8: int | None = None
    classification9: int | None = None
    classification10: int | None = None

    @classmethod
    def from_names(cls, headers: list[str], names: dict[str, str]) -> ColumnMapping:
        """Map fields to columns named by header text ("Kode Perkiraan", matched ignoring
        case, spaces and punctuation) or by column letter ("D"). Raises MappingError."""
        mapping = cls()
        used: dict[int, str] = {}
        for field_name, name in names.items():
            if field_name not in FIELDS:
                raise MappingError(
                    tr(
                        "'{f}' bukan kolom jurnal; pilih dari: {all}.",
                        f=field_name,
                        all=", ".join(FIELDS),
                    )
                )
            index = column_by_name(headers, str(name))
            if index is None:
                raise MappingError(not_found_text(field_name, str(name), headers))
            if index in used:
                raise MappingError(
                    tr(
                        "Kolom {c} dipetakan ke {a} dan {b}; satu kolom hanya untuk satu isian.",
                        c=column_letter(index),
                        a=used[index],
                        b=field_name,
                    )
                )
            used[index] = field_name
            setattr(mapping, field_name, index)
        return mapping

    def missing_required(self) -> list[str]:
        """Fields a journal import cannot do without: date, reference, account, and either
        debit and credit or one signed amount column."""
        missing = [f for f in ("date", "reference", "account") if getattr(self, f) is None]
        if self.amount is None:
            missing.extend(f for f in ("debit", "credit") if getattr(self, f) is None)
        return missing

    @property
    def uses_amount(self) -> bool:
        """True when amounts come from the signed column (debit and credit win if both exist)."""
        return self.amount is not None and (self.debit is None or self.credit is None)

    def as_dict(self) -> dict[str, int]:
        """The mapped fields only, in FIELDS order."""
        return {
            f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None
        }


def detect_mapping(headers: list[str]) -> ColumnMapping:
    """Map columns from their header names (Indonesian or English). Per field the best name
    wins, then the leftmost column. When debit and credit are both present, a column that
    looks like a signed amount is left unmapped."""
    best: dict[str, tuple[int, int]] = {}  # field -> (rank, column)
    for column, header in enumerate(headers):
        found = field_for_header(header) if header not in ("", None) else None
        if found is None:
            continue
        field_name, rank = found
        if field_name not in best or rank < best[field_name][0]:
            best[field_name] = (rank, column)
    mapping = ColumnMapping(**{name: column for name, (_, column) in best.items()})
    if mapping.debit is not None and mapping.credit is not None:
        mapping.amount = None
    return mapping


def mapping_for(headers: list[str], wanted: ColumnMapping | dict[str, str] | None) -> ColumnMapping:
    if isinstance(wanted, ColumnMapping):
        return wanted
    detected = detect_mapping(headers)
    if not wanted:
        return detected
    try:
        explicit = ColumnMapping.from_names(headers, wanted)
    except MappingError:
        # Named headers that are not in this row: this row is not the header row.
        return ColumnMapping()
    return _overlay(detected, explicit, wanted)


def _overlay(
    detected: ColumnMapping, explicit: ColumnMapping, wanted: dict[str, str]
) -> ColumnMapping:
    """Detected columns, with the user's choices winning: a column the user assigned is
    taken away from any detected field, and choosing a signed amount drops detected
    debit/credit (and the other way round)."""
    taken = set(explicit.as_dict().values())
    result = ColumnMapping(
        **{f: i for f, i in detected.as_dict().items() if i not in taken and f not in wanted}
    )
    for field_name, index in explicit.as_dict().items():
        setattr(result, field_name, index)
    if "amount" in wanted and not {"debit", "credit"} & set(wanted):
        result.debit = result.credit = None
    elif {"debit", "credit"} & set(wanted) and "amount" not in wanted:
        result.amount = None
    return result


def column_by_name(headers: list[str], name: str) -> int | None:
    for index, header in enumerate(headers):
        if header == name.strip():
            return index
    wanted = normalize_header(name)
    if wanted:
        for index, header in enumerate(headers):
            if header and normalize_header(header) == wanted:
                return index
    return column_index(name)
