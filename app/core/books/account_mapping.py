"""Account re-mapping: a workbook made with another chart, posted with the company's codes.

A client's workbook may use its own account codes ("1-1100 Kas Kecil") where the company's
chart in Accurate or Sempoa has others ("110101"). An `AccountMap` says, per old code, which
company code to use instead. It is applied once, code for code (never in a chain): a line on
1-1100 is put on 110101, and nothing else changes. Plain Python: the window, the command line
and the import all use it.

A mapping is refused with a reason (`pair_problem`, `MappingError`) when its target is not in
the company's chart, is a parent or suspended account, or is itself an old code of the map
(a chain, or a circle such as A → B → A), or when the old code is an account the company
posts to (its lines would be moved away from a valid account).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from app.core.books.journal import Account, JournalEntry, JournalLine
from app.core.books.written_accounts import Found, mapped_code, resolve_account, written_code
from app.core.i18n import JurnalError, Text, tr
from app.core.i18n.lists import listed

Chart = Mapping[str, Account]


class MappingError(JurnalError):
    """A mapping that cannot be used; its text says why and what to choose instead."""


@dataclass(frozen=True, slots=True)
class Remap:
    """One line whose account code was replaced (what an undo or a report needs)."""

    entry: JournalEntry
    line: JournalLine
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class UnknownCode:
    """An account code of the journal that the company's chart does not have."""

    code: str
    lines: int  # how many lines use it
    sample: str  # a description or memo of one of those lines, to recognise the account
    first_row: int | None  # the worksheet row of its first line (None: typed in the grid)


class AccountMap(Mapping[str, str]):
    """Old code → company code. Immutable: `with_pair` and `without` give a new map."""

    def __init__(self, pairs: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> None:
        items = pairs.items() if isinstance(pairs, Mapping) else pairs
        self._codes: dict[str, str] = {}
        for old, new in items:
            self._codes[clean_code(old)] = clean_code(new)

    def __getitem__(self, old: str) -> str:
        return self._codes[old]

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._codes))

    def __len__(self) -> int:
        return len(self._codes)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AccountMap) and self._codes == other._codes

    def __hash__(self) -> int:
        return hash(frozenset(self._codes.items()))

    def __repr__(self) -> str:
        return f"AccountMap({dict(sorted(self._codes.items()))!r})"

    def with_pair(self, old: str, new: str, chart: Chart | None = None) -> AccountMap:
        """This map with `old` → `new` (replacing what `old` had); MappingError when that
        cannot be used (see `pair_problem`)."""
        old, new = clean_code(old), clean_code(new)
        problem = pair_problem(old, new, self, chart)
        if problem is not None:
            raise MappingError(problem)
        return AccountMap({**self._codes, old: new})

    def without(self, old: str) -> AccountMap:
        old = clean_code(old)
        if old not in self._codes:
            raise MappingError(
                tr(
                    "Kode {old} tidak ada di pemetaan akun; tidak ada yang dihapus.",
                    old=old,
                )
            )
        return AccountMap({k: v for k, v in self._codes.items() if k != old})

    def problems(self, chart: Chart | None = None) -> dict[str, Text]:
        """What is wrong with each pair now (the chart may have changed since it was saved)."""
        found = {}
        for old, new in self._codes.items():
            problem = pair_problem(old, new, self, chart)
            if problem is not None:
                found[old] = problem
        return found


def clean_code(code: object) -> str:
    return str(code).strip() if code is not None else ""


def pair_problem(
    old: str, new: str, mapping: Mapping[str, str], chart: Chart | None = None
) -> Text | None:
    """Why `old` → `new` cannot join `mapping` (which may already hold `old`), or None.
    Without a chart only what needs none is checked (empty codes, chains and circles)."""
    if not old or not new:
        return tr("Kode lama dan kode akun perusahaan harus diisi keduanya.")
    if old == new:
        return tr(
            "Kode {old} dipetakan ke dirinya sendiri; pilih akun perusahaan yang lain, atau "
            "hapus pemetaannya.",
            old=old,
        )
    others = {k: v for k, v in mapping.items() if k != old}
    circle = _circle(old, new, others)
    if circle is not None:
        return tr(
            "Pemetaan {old} → {new} membentuk lingkaran ({path}); petakan setiap kode lama "
            "langsung ke akun perusahaan.",
            old=old,
            new=new,
            path=" → ".join(circle),
        )
    if new in others:
        return tr(
            "Akun {new} sendiri dipetakan ke {next}; pemetaan tidak berantai. Petakan {old} "
            "langsung ke {next}.",
            old=old,
            new=new,
            next=others[new],
        )
    sources = [k for k, v in others.items() if v == old]
    if sources:
        return tr(
            "{old} adalah tujuan pemetaan {src}; kode tujuan tidak bisa dipetakan lagi.",
            old=old,
            src=", ".join(sorted(sources)),
        )
    if chart is None:
        return None
    return _chart_problem(old, new, chart)


def _circle(old: str, new: str, others: Mapping[str, str]) -> list[str] | None:
    """The codes round the circle old → new → ... → old, if adding the pair closes one."""
    path, code, seen = [old, new], new, {old}
    while code in others and code not in seen:
        seen.add(code)
        code = others[code]
        path.append(code)
    return path if code == old else None


def _chart_problem(old: str, new: str, chart: Chart) -> Text | None:
    source = chart.get(old)
    if source is not None and not source.is_parent and not source.suspended:
        return tr(
            "{old} ({name}) adalah akun perusahaan ini yang bisa dipakai; baris dengan kode "
            "itu tidak perlu dipetakan.",
            old=old,
            name=source.name,
        )
    target = chart.get(new)
    if target is None:
        return tr(
            "Akun {new} tidak ada di daftar akun perusahaan ini; pilih akun dari daftar "
            "(ketik kode atau namanya).",
            new=new,
        )
    if target.is_parent:
        return tr(
            "Akun {new} ({name}) adalah akun induk; pilih salah satu sub-akunnya.",
            new=new,
            name=target.name,
        )
    if target.suspended:
        return tr(
            "Akun {new} ({name}) dinonaktifkan; pilih akun lain atau aktifkan dulu.",
            new=new,
            name=target.name,
        )
    return None


# --- applying ---------------------------------------------------------------------------


def planned_remaps(
    entries: Iterable[JournalEntry], mapping: Mapping[str, str], chart: Chart | None = None
) -> list[Remap]:
    """The lines `mapping` would change, in journal order; changes nothing. A line written
    with its old code and name ("1-1100 - Petty Cash") is found by the code it starts with
    (app.core.books.written_accounts.mapped_code). With the company's chart the written form is
    read there first: a line that names an account the company posts to ("Kas Kecil") is
    never moved, even when an old code of the map starts it ("Kas")."""
    if not mapping:
        return []
    changes = []
    for entry in entries:
        for line in entry.lines:
            old = mapped_code(line.account, mapping)
            if old is not None and not _names_postable(line.account, chart):
                changes.append(Remap(entry, line, line.account, mapping[old]))
    return changes


def _names_postable(written: str, chart: Chart | None) -> bool:
    if chart is None:
        return False
    code = resolve_account(written, chart).code
    account = chart.get(code) if code is not None else None
    return account is not None and not account.is_parent and not account.suspended


def remap_entries(
    entries: Iterable[JournalEntry], mapping: Mapping[str, str], chart: Chart | None = None
) -> list[Remap]:
    """Put every line on an old code on its company code (in place); returns what changed."""
    changes = planned_remaps(entries, mapping, chart)
    for change in changes:
        change.line.account = change.new
    return changes


def undo_remaps(changes: Iterable[Remap]) -> None:
    for change in changes:
        change.line.account = change.old


def unknown_codes(entries: Iterable[JournalEntry], chart: Chart) -> list[UnknownCode]:
    """The codes of the journal the chart does not have, in order of first use. A written
    form counts by its code ("1-1100 - Petty Cash" is code 1-1100, with the written text as
    its sample); a text that names an account of the chart, even wrongly or ambiguously, is
    not unknown (mapping it would not help)."""
    lines: dict[str, int] = {}  # in order of first use
    samples: dict[str, str] = {}
    first_rows: dict[str, int | None] = {}
    for entry in entries:
        for line in entry.lines:
            if not line.account or line.account in chart:
                continue
            if resolve_account(line.account, chart).found is not Found.UNKNOWN:
                continue
            code = written_code(line.account)
            sample = line.account if code != line.account.strip() else ""
            if code not in lines:
                lines[code], samples[code], first_rows[code] = 0, "", line.row
            lines[code] += 1
            if not samples[code]:
                samples[code] = sample or line.memo or entry.description
    return [UnknownCode(code, n, samples[code], first_rows[code]) for code, n in lines.items()]


def remapped_summary(changes: list[Remap], company: str, *, shown: int = 5) -> Text:
    """'3 baris dipetakan ulang (pemetaan akun PT X): 1-1100 → 110101 (2), ...'."""
    counts: dict[tuple[str, str], int] = {}
    for change in changes:
        counts[(change.old, change.new)] = counts.get((change.old, change.new), 0) + 1
    pairs = [f"{old} → {new} ({n})" for (old, new), n in list(counts.items())[:shown]]
    more = len(counts) - len(pairs)
    return tr(
        "{n} baris dipetakan ulang ke kode akun perusahaan (pemetaan akun {c}): {p}.",
        n=len(changes),
        c=company,
        p=listed([*pairs, f"+{more}"] if more else pairs),
    )


__all__ = [
    "AccountMap",
    "MappingError",
    "Remap",
    "UnknownCode",
    "clean_code",
    "pair_problem",
    "planned_remaps",
    "remap_entries",
    "remapped_summary",
    "undo_remaps",
    "unknown_codes",
]
