"""Departments, projects, parties and data classifications checked before anything is sent to
Accurate, as accounts and branches are (app.posting.checks.branches).

Accurate refuses a voucher line naming a department, project, customer, vendor, employee or
data classification the company does not have, one voucher at a time and only once the
request was spent. Here the lists a workbook uses (and only those) are read once, side by side,
and every unknown, suspended or parent value is a problem on its row and column before
anything is sent.

Matching: names ignore case and spacing ("kantor  PUSAT" is "Kantor Pusat"), codes are exact,
and a value may be written as accounts are (app.core.books.written_accounts): its code with its
name, "P-01 - Renovasi Kantor", "[C.00001] PT Sinar Abadi", "P-01 Renovasi Kantor" ... A code
written with another name than the company's is a problem naming the company's name.
What is sent is the company's own form: a department or classification by its name as the
company spells it; a project or party by its code (Accurate's `projectNo`, `customerNo` ...),
also when the workbook names it by name. A name two records share is a problem, not a guess.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from app.api import errors
from app.api.accurate import AccurateClient
from app.api.accurate_master import MasterKind, MasterRecord
from app.core.books.journal import JournalEntry, JournalLine, Problem
from app.core.books.written_accounts import name_key, written_codes
from app.core.excel.columns import column_letter
from app.core.i18n import Text, tr

log = logging.getLogger(__name__)

# The line field each kind fills (classifications: classification1..10).
LINE_FIELDS: dict[MasterKind, str] = {
    MasterKind.DEPARTMENT: "department",
    MasterKind.PROJECT: "project",
    MasterKind.CUSTOMER: "customer",
    MasterKind.VENDOR: "vendor",
    MasterKind.EMPLOYEE: "employee",
}
# Kinds a voucher names by code (projectNo, customerNo ...); the others by name.
_BY_CODE = frozenset(
    {MasterKind.PROJECT, MasterKind.CUSTOMER, MasterKind.VENDOR, MasterKind.EMPLOYEE}
)
LIST_READERS = 4  # lists read side by side (Accurate allows 8 requests in flight per token)

Classification = tuple[int, str]  # (Kategori Keuangan 1..10, name)


def kinds_used(entries: Iterable[JournalEntry]) -> list[MasterKind]:
    """The lists these entries need, in a fixed order; [] when they name none."""
    used: set[MasterKind] = set()
    for entry in entries:
        for line in entry.lines:
            used.update(kind for kind, name in LINE_FIELDS.items() if getattr(line, name))
            if any(line.classifications):
                used.add(MasterKind.CLASSIFICATION)
    return [kind for kind in MasterKind if kind in used]


@dataclass
class MasterLists:
    """The lists read so far, by kind; a kind the token may not list is None (not checked).
    Looked up through an index per kind (by code, by folded name), made on first use: a
    workbook of 50,000 lines against 10,000 customers stays a dictionary look-up a line."""

    records: dict[MasterKind, list[MasterRecord] | None] = field(default_factory=dict)
    # By kind and, for classifications, Kategori Keuangan (None for the other kinds).
    _indexes: dict[tuple[MasterKind, int | None], _Index] = field(default_factory=dict, repr=False)

    def read(
        self,
        client: AccurateClient,
        kinds: Sequence[MasterKind],
        cancel: threading.Event | None = None,
    ) -> None:
        """Read the kinds not read yet, side by side on worker threads."""
        missing = [kind for kind in kinds if kind not in self.records]
        if not missing:
            return
        with ThreadPoolExecutor(min(LIST_READERS, len(missing)), "master-data") as pool:
            read = list(pool.map(lambda kind: _read_one(client, kind, cancel), missing))
        self.records.update(zip(missing, read, strict=True))

    def add(self, record: MasterRecord) -> None:
        listed = self.records.get(record.kind)
        if listed is not None:
            listed.append(record)
            for key in [key for key in self._indexes if key[0] is record.kind]:
                del self._indexes[key]

    def match(self, kind: MasterKind, value: str, index: int | None = None) -> _Match:
        listed = self.records.get(kind)
        if listed is None:
            return _Match(unchecked=True)
        key = (kind, index if kind is MasterKind.CLASSIFICATION else None)
        lookup = self._indexes.get(key)
        if lookup is None:
            # A classification counts in its own Kategori Keuangan (when the rows say which).
            fits = [r for r in listed if key[1] is None or r.index in (None, key[1])]
            lookup = self._indexes[key] = _Index(fits)
        return lookup.match(value)


class _Index:
    """One list's records by code and by name, and what each written value came to (a
    workbook repeats its values on thousands of lines, checked, then put in company form)."""

    def __init__(self, records: Iterable[MasterRecord]) -> None:
        self.by_code: dict[str, list[MasterRecord]] = {}
        self.by_name: dict[str, list[MasterRecord]] = {}
        for record in records:
            if record.code:
                self.by_code.setdefault(record.code, []).append(record)
            self.by_name.setdefault(name_key(record.name), []).append(record)
        self._matched: dict[str, _Match] = {}

    def match(self, value: str) -> _Match:
        found = self._matched.get(value)
        if found is None:
            found = self._matched[value] = self._match(value.strip())
        return found

    def _match(self, text: str) -> _Match:
        """As accounts are read (app.core.books.written_accounts): a code as written is that code;
        else a code written with its name ("P-01 - Renovasi Kantor", "[P-01] Renovasi
        Kantor") and the name alone, each record once."""
        if text in self.by_code:
            return _Match(found=self.by_code[text])
        codes = written_codes(text, self.by_code, self._names_of)
        meant = dict.fromkeys(record for code in codes.named for record in self.by_code[code])
        meant.update(dict.fromkeys(self.by_name.get(name_key(text), ())))
        if meant:
            return _Match(found=list(meant))
        if codes.other_name is not None:
            code, name = codes.other_name
            return _Match(other_name=(self.by_code[code][0], name))
        return _Match()

    def _names_of(self, code: str) -> list[str]:
        return [record.name for record in self.by_code[code]]


def _read_one(
    client: AccurateClient, kind: MasterKind, cancel: threading.Event | None
) -> list[MasterRecord] | None:
    try:
        return client.master_list(kind, cancel=cancel)
    except errors.PermissionDenied:
        log.warning("the token may not list %s; they are not checked before sending", kind.name)
        return None


@dataclass(frozen=True)
class _Match:
    found: list[MasterRecord] = field(default_factory=list)
    unchecked: bool = False
    # Nothing found, but a code of the list written with another name: (its record, the name).
    other_name: tuple[MasterRecord, str] | None = None

    @property
    def record(self) -> MasterRecord | None:
        return self.found[0] if len(self.found) == 1 else None


# -- problems ---------------------------------------------------------------------------------


def master_problems(entries: Sequence[JournalEntry], lists: MasterLists) -> list[Problem]:
    """Per line and field: a value the company does not have, has suspended, or that is a
    parent (a group, not something a line can name), or a name two records share."""
    problems: list[Problem] = []
    for entry in entries:
        for line in entry.lines:
            for kind, field_name, value, index in _values(line):
                text = _problem_text(lists.match(kind, value, index), kind, value, index)
                if text is not None:
                    problems.append(
                        Problem(text, entry.sheet, line.row, "", field_name, entry.reference)
                    )
    return problems


def missing_classifications(
    entries: Sequence[JournalEntry], lists: MasterLists
) -> list[Classification]:
    """The classifications the entries name that the company does not have, each once."""
    missing: dict[tuple[int, str], Classification] = {}
    for entry in entries:
        for line in entry.lines:
            for kind, _field, value, index in _values(line):
                if kind is MasterKind.CLASSIFICATION and index is not None:
                    match = lists.match(kind, value, index)
                    if not match.unchecked and not match.found and not match.other_name:
                        missing.setdefault(
                            (index, name_key(value)), (index, " ".join(value.split()))
                        )
    return sorted(missing.values())


def create_classifications(
    client: AccurateClient, missing: Sequence[Classification], lists: MasterLists
) -> list[Classification]:
    """Create each missing classification (data-classification/save.do); one the company has
    meanwhile ("already exists") counts as created. Returns what now exists."""
    created = []
    for index, name in missing:
        with contextlib.suppress(errors.AlreadyExists):  # made meanwhile: there all the same
            client.save_classification(index, name)
        lists.add(MasterRecord(MasterKind.CLASSIFICATION, name, index=index))
        created.append((index, name))
    return created


def in_company_form(entries: Sequence[JournalEntry], lists: MasterLists) -> list[JournalEntry]:
    """The entries with every master value as the company keeps it (see the module's doc);
    an entry with nothing to change is the same object."""
    return [_entry_in_company_form(entry, lists) for entry in entries]


def _entry_in_company_form(entry: JournalEntry, lists: MasterLists) -> JournalEntry:
    lines = [_line_in_company_form(line, lists) for line in entry.lines]
    if all(new is old for new, old in zip(lines, entry.lines, strict=True)):
        return entry
    return dataclasses.replace(entry, lines=lines)


def _line_in_company_form(line: JournalLine, lists: MasterLists) -> JournalLine:
    named: dict[str, str] = {name: getattr(line, name) for name in LINE_FIELDS.values()}
    classes = list(line.classifications)
    changed = False
    for kind, _field, value, index in _values(line):
        record = lists.match(kind, value, index).record
        if record is None:
            continue
        sent = record.code if kind in _BY_CODE and record.code else record.name
        if sent == value:
            continue
        changed = True
        if kind is MasterKind.CLASSIFICATION and index is not None:
            classes[index - 1] = sent
        else:
            named[LINE_FIELDS[kind]] = sent
    if not changed:
        return line
    return dataclasses.replace(
        line,
        department=named["department"],
        project=named["project"],
        customer=named["customer"],
        vendor=named["vendor"],
        employee=named["employee"],
        classifications=tuple(classes),
    )


def _values(line: JournalLine) -> Iterable[tuple[MasterKind, str, str, int | None]]:
    """(kind, field, value, classification index) for every master value a line names."""
    for kind, name in LINE_FIELDS.items():
        value = getattr(line, name)
        if value:
            yield kind, name, value, None
    for position, value in enumerate(line.classifications, start=1):
        if value:
            yield MasterKind.CLASSIFICATION, f"classification{position}", value, position


def _problem_text(match: _Match, kind: MasterKind, value: str, index: int | None) -> Text | None:
    if match.unchecked:
        return None
    what = _what(kind, index)
    if match.other_name is not None:
        return _other_name(what, value, *match.other_name)
    if not match.found:
        if kind is MasterKind.CLASSIFICATION:
            return _unknown_classification(what, value)
        return tr(
            "{what} '{v}' tidak ada di perusahaan ini; Accurate akan menolak jurnalnya. "
            "Perbaiki kolom {col} (tulis persis nama atau kodenya di Accurate), atau tambahkan "
            "dulu di Accurate.",
            what=what,
            v=value,
            col=what,
        )
    if len(match.found) > 1:
        return tr(
            "{what} '{v}' cocok dengan {n} data di Accurate ({codes}); tulis kodenya agar jelas "
            "mana yang dimaksud.",
            what=what,
            v=value,
            n=len(match.found),
            codes=_candidates(match.found),
        )
    record = match.found[0]
    if record.suspended:
        return tr(
            "{what} '{v}' sudah non-aktif di Accurate; Accurate akan menolak jurnalnya. "
            "Aktifkan lagi di Accurate atau pilih yang lain.",
            what=what,
            v=value,
        )
    if record.is_parent:
        return tr(
            "{what} '{v}' adalah induk (kelompok) di Accurate dan tidak bisa dipakai di baris "
            "jurnal; pilih salah satu anaknya.",
            what=what,
            v=value,
        )
    return None


def _other_name(what: Text, value: str, record: MasterRecord, name: str) -> Text:
    return tr(
        "{what} '{v}': kode {code} di Accurate bernama '{company}', bukan '{name}'. Periksa "
        "mana yang benar: tulis kodenya saja ({code}) atau perbaiki namanya.",
        what=what,
        v=value,
        code=record.code,
        company=record.name,
        name=name,
    )


def _candidates(records: Sequence[MasterRecord]) -> str:
    return ", ".join(f"{r.code} ({r.name})" if r.code else r.name for r in records)


def _unknown_classification(what: Text, value: str) -> Text:
    return tr(
        "{what} '{v}' belum ada di perusahaan ini; Accurate akan menolak jurnalnya "
        '("Kategori Keuangan ... tidak ditemukan"). Perbaiki isinya, atau buat klasifikasi '
        "itu: perintah post --create-classifications, atau jawab Ya saat Jurnal Desk "
        "menawarkannya.",
        what=what,
        v=value,
    )


_KIND_WORDS = {
    MasterKind.DEPARTMENT: tr("Departemen"),
    MasterKind.PROJECT: tr("Proyek"),
    MasterKind.CUSTOMER: tr("Pelanggan"),
    MasterKind.VENDOR: tr("Pemasok"),
    MasterKind.EMPLOYEE: tr("Karyawan"),
}


def _what(kind: MasterKind, index: int | None) -> Text:
    if kind is MasterKind.CLASSIFICATION:
        return tr("Klasifikasi {n}", n=index)
    return _KIND_WORDS[kind]


def locate(
    problems: Sequence[Problem], columns: dict[str, int], headers: Sequence[str]
) -> list[Problem]:
    """The problems with their worksheet column ("D (Departemen)") where the sheet has it."""
    located = []
    for problem in problems:
        index = columns.get(problem.field)
        if index is None and problem.field in ("debit", "credit"):
            index = columns.get("amount")  # a sheet with one amount column and a D/K column
        if index is not None and not problem.column:
            header = headers[index] if index < len(headers) else ""
            letter = column_letter(index)
            problem = dataclasses.replace(
                problem, column=f"{letter} ({header})" if header else letter
            )
        located.append(problem)
    return located
