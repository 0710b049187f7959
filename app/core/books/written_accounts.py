"""Which account of the chart an account cell means, written as accountants write it.

Accepted, with the company's chart deciding (nothing is guessed):

- the code alone, "110101". A code of the chart written as it stands is always that code,
  never read as a name;
- the code with the account's name: "110101 - Kas Kecil", "110101 – Kas Kecil" (en dash),
  "[110101] Kas Kecil", "(110101) Kas Kecil", "110101 | Kas Kecil", "110101 Kas Kecil",
  and the grid's own list form "110101 · Kas Kecil". The name must be the chart's name for
  that code, case and spacing aside;
- the name alone, "kas  kecil", when exactly one account of the chart has it.

A text that could mean several accounts (a name two accounts share), a code written with
another name than the chart's, and a code or name the chart does not have are problems
that name the candidates. The account mapping (app.core.books.account_mapping) works on what this
finds: a written form is read first (its old code found: `mapped_code`), then mapped.
Plain Python: the checks, the grid, the import and the posting all ask here.
"""

from __future__ import annotations

import dataclasses
import re
import weakref
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum

from app.core.books.journal import Account, JournalEntry, JournalLine
from app.core.i18n import Text, tr

Chart = Mapping[str, Account]

# Between a code and its name: dashes (hyphen, en, em), a bar, a colon, the grid's middle
# dot, or only spaces.
_SEPARATORS = "-\u2013\u2014|:\u00b7"
_SEPARATOR_CLASS = r"\-\u2013\u2014|:\u00b7"  # the same, inside [...]
_LEADING_SEPARATORS = re.compile(rf"^[\s{_SEPARATOR_CLASS}]+")
_BRACKETED = re.compile(rf"^[\[(]\s*(?P<code>[^\])]+?)\s*[\])][\s{_SEPARATOR_CLASS}]*(?P<name>.*)$")
# A code as charts write them (110101, 1-1100, 1.1.01, A-100) followed by a name: how a
# code is told from its name when the chart does not know the code (to say which code is
# missing, and to map it).
_CODE_THEN_NAME = re.compile(
    rf"^(?P<code>(?:[A-Za-z]{{1,4}}[-.]?)?\d(?:[\d.\-/]*\d)?)"
    rf"(?:\s*[{_SEPARATOR_CLASS}]\s*|\s+)(?P<name>\S.*)$"
)
_SPACES = re.compile(r"\s+")
_SHOWN_CANDIDATES = 6


class Found(Enum):
    """What a written account came to."""

    EMPTY = "empty"
    ACCOUNT = "account"  # exactly one account of the chart
    AMBIGUOUS = "ambiguous"  # several accounts
    OTHER_NAME = "other-name"  # a code of the chart written with another name
    UNKNOWN = "unknown"  # no code or name of the chart


@dataclass(frozen=True, slots=True)
class Resolution:
    """A written account and the chart's code it stands for (None when not exactly one),
    with the reason when not."""

    written: str
    found: Found
    code: str | None = None
    problem: Text | None = None

    @property
    def rewritten(self) -> bool:
        """Resolved to a code other than the text as written ("Kas Kecil" -> "110101")."""
        return self.code is not None and self.code != self.written


def same_name(first: str, second: str) -> bool:
    """Account names compared as people read them: case and spacing aside."""
    return name_key(first) == name_key(second)


def name_key(name: str) -> str:
    return _SPACES.sub(" ", name.strip()).casefold()


class AccountResolver:
    """Resolves written accounts against one chart (its names indexed once)."""

    def __init__(self, chart: Chart) -> None:
        self.chart = chart
        self._by_name: dict[str, list[Account]] = {}
        for account in chart.values():
            self._by_name.setdefault(name_key(account.name), []).append(account)
        # Each text resolved once: a journal repeats its accounts on thousands of lines, and
        # the grid asks again at every check and paint.
        self._resolved: dict[str, Resolution] = {}

    def resolve(self, written: str) -> Resolution:
        found = self._resolved.get(written)
        if found is None:
            found = self._resolved[written] = self._resolve(written)
        return found

    def _resolve(self, written: str) -> Resolution:
        text = written.strip()
        if not text:
            return Resolution(written, Found.EMPTY)
        if text in self.chart:
            return Resolution(written, Found.ACCOUNT, text)
        codes = written_codes(text, self.chart, lambda code: (self.chart[code].name,))
        meant = {code: self.chart[code] for code in codes.named}
        for account in self._by_name.get(name_key(text), ()):
            meant.setdefault(account.code, account)
        if len(meant) == 1:
            return Resolution(written, Found.ACCOUNT, next(iter(meant)))
        if meant:
            return Resolution(written, Found.AMBIGUOUS, None, _ambiguous(text, meant.values()))
        if codes.other_name is not None:
            code, name = codes.other_name
            named = self._by_name.get(name_key(name), [])
            return Resolution(
                written, Found.OTHER_NAME, None, _other_name(text, self.chart[code], name, named)
            )
        return Resolution(written, Found.UNKNOWN, None, self._unknown(text))

    def _unknown(self, text: str) -> Text:
        split = code_and_name(text)
        if split is None:
            return unknown_text(text)
        code, name = split
        named = self._by_name.get(name_key(name), [])
        return _unknown_code(text, code, name, named)


def code_splits(text: str, codes: Collection[str]) -> Iterator[tuple[str, str]]:
    """Each way `text` is a code of `codes` followed by a name (or by nothing): "[1101] Kas",
    "1101 - Kas", "1101 Kas" give ("1101", "Kas"). Codes holding spaces or dashes are found
    too, since only codes of `codes` are tried."""
    seen: set[str] = set()
    bracketed = _BRACKETED.match(text)
    if bracketed is not None and bracketed["code"] in codes:
        seen.add(bracketed["code"])
        yield bracketed["code"], bracketed["name"].strip()
    for index, char in enumerate(text):
        if not (char.isspace() or char in _SEPARATORS):
            continue
        code = text[:index].strip()
        if code and code not in seen and code in codes:
            seen.add(code)
            yield code, _LEADING_SEPARATORS.sub("", text[index:]).strip()


@dataclass(frozen=True, slots=True)
class WrittenCodes:
    """The codes a text writes in a written form, told by the names the list has for them."""

    named: list[str]  # written alone ("[1101]") or with one of the code's own names
    other_name: tuple[str, str] | None  # (code, name written) when written with another name


def written_codes(
    text: str, codes: Collection[str], names_of: Callable[[str], Iterable[str]]
) -> WrittenCodes:
    """How `text` names codes of `codes` in a written form ("1101 - Kas", "[1101] Kas",
    "1101 Kas"), `names_of(code)` giving the names a code goes by: the same reading for the
    chart's accounts and for the company's departments, projects and parties. Of the codes
    written with another name, the longest is kept: of "1" and "1-1" in "1-1 Kas Besar", the
    one meant is "1-1"."""
    named: list[str] = []
    others: list[tuple[str, str]] = []
    for code, name in code_splits(text, codes):
        if not name or any(same_name(name, known) for known in names_of(code)):
            named.append(code)
        else:
            others.append((code, name))
    other_name = max(others, key=lambda pair: len(pair[0])) if others else None
    return WrittenCodes(named, other_name)


def code_and_name(text: str) -> tuple[str, str] | None:
    """A code and a name told apart by their look alone (no chart): "1-1100 - Kas" gives
    ("1-1100", "Kas"), "[A-100] Kas" ("A-100", "Kas"); None for a lone code or name."""
    text = text.strip()
    bracketed = _BRACKETED.match(text)
    if bracketed is not None and bracketed["name"].strip():
        return bracketed["code"], bracketed["name"].strip()
    found = _CODE_THEN_NAME.match(text)
    if found is None or not any(char.isalpha() for char in found["name"]):
        return None
    return found["code"], found["name"].strip()


def written_code(text: str) -> str:
    """The code a written account names by its look: "1-1100 Kas Kecil" -> "1-1100"; a text
    without a recognisable code is itself (a name alone, or a lone code)."""
    split = code_and_name(text)
    return split[0] if split is not None else text.strip()


def mapped_code(written: str, old_codes: Collection[str]) -> str | None:
    """The old code of the account mapping that `written` names: the text itself, or the
    code a written form starts with ("1-1100 - Kas Kecil" -> "1-1100"). The written name is
    not checked: it is the other chart's."""
    text = written.strip()
    if not text or not old_codes:
        return None
    if text in old_codes:
        return text
    codes = [code for code, _ in code_splits(text, old_codes)]
    return max(codes, key=len) if codes else None


_resolvers: dict[int, tuple[weakref.ref[Chart], AccountResolver]] = {}


def resolver_for(chart: Chart) -> AccountResolver:
    """The chart's resolver, its names indexed once per chart (a company's chart is read
    once and not changed; a plain dict is indexed each time)."""
    key = id(chart)
    cached = _resolvers.get(key)
    if cached is not None and cached[0]() is chart:
        return cached[1]
    resolver = AccountResolver(chart)
    cache = _resolvers  # held by the callback itself: module globals may be gone at exit

    def forget(_gone: weakref.ref[Chart]) -> None:
        cache.pop(key, None)

    try:
        ref = weakref.ref(chart, forget)
    except TypeError:
        return resolver
    _resolvers[key] = (ref, resolver)
    return resolver


def resolve_account(written: str, chart: Chart) -> Resolution:
    """What `written` means in `chart` (see the module's docstring)."""
    text = written.strip()
    if text and text in chart:  # most lines: the code, without indexing names
        return Resolution(written, Found.ACCOUNT, text)
    return resolver_for(chart).resolve(written)


def account_code(written: str, chart: Chart | None) -> str | None:
    """The chart's code `written` stands for, or None (no chart, or not exactly one)."""
    if chart is None:
        return None
    return resolve_account(written, chart).code


def with_account_codes(entries: Iterable[JournalEntry], chart: Chart) -> list[JournalEntry]:
    """The entries with every written account that resolves put on its code, keeping what
    was written beside it (`JournalLine.written_account`): what is sent and reported. Entries
    needing no change are the same objects; the others are copies."""
    coded = []
    for entry in entries:
        lines = [_coded_line(line, chart) for line in entry.lines]
        if any(new is not old for new, old in zip(lines, entry.lines, strict=True)):
            entry = dataclasses.replace(entry, lines=lines)
        coded.append(entry)
    return coded


def _coded_line(line: JournalLine, chart: Chart) -> JournalLine:
    resolution = resolve_account(line.account, chart)
    if resolution.code is None or not resolution.rewritten:
        return line
    return dataclasses.replace(line, account=resolution.code, written_account=line.account)


def written_summary(
    entries: Iterable[JournalEntry], chart: Chart, *, shown: int = 10
) -> Text | None:
    """What the command line says of the accounts written with names: the lines, and each
    text with the code it is read as ("110101 - Kas Kecil → 110101 (2)"); None when every
    account is written as its code."""
    counts: dict[tuple[str, str], int] = {}
    for entry in entries:
        for line in entry.lines:
            resolution = resolve_account(line.account, chart)
            if resolution.rewritten:
                pair = (line.account, resolution.code or "")
                counts[pair] = counts.get(pair, 0) + 1
    if not counts:
        return None
    pairs = [f"{written} → {code} ({n})" for (written, code), n in list(counts.items())[:shown]]
    more = len(counts) - len(pairs)
    listed = ", ".join(pairs) + (f", +{more}" if more > 0 else "")
    return tr(
        "{n} baris menulis akunnya dengan nama; dibaca sebagai kode: {p}.",
        n=sum(counts.values()),
        p=listed,
    )


# --- the problems -----------------------------------------------------------------------------


def unknown_text(code: str) -> Text:
    return tr(
        "Akun {code} tidak ada di daftar akun perusahaan ini; periksa kodenya atau "
        "muat ulang daftar akun.",
        code=code,
    )


def _listed(accounts: Iterable[Account]) -> str:
    accounts = sorted(accounts, key=lambda account: account.code)
    shown = ", ".join(f"{a.code} ({a.name})" for a in accounts[:_SHOWN_CANDIDATES])
    more = len(accounts) - _SHOWN_CANDIDATES
    return shown + (f", +{more}" if more > 0 else "")


def _ambiguous(text: str, accounts: Iterable[Account]) -> Text:
    accounts = list(accounts)
    return tr(
        "Akun '{text}' bisa berarti {n} akun: {list}. Tulis kodenya (misalnya '{code}') "
        "supaya jelas akun mana.",
        text=text,
        n=len(accounts),
        list=_listed(accounts),
        code=min(a.code for a in accounts),
    )


def _other_name(text: str, account: Account, name: str, named: list[Account]) -> Text:
    hint = _named_hint(name, named)
    return tr(
        "Akun '{text}': kode {code} di daftar akun bernama '{chart_name}', bukan '{name}'. "
        "Periksa mana yang benar: tulis kode saja ({code}) atau perbaiki namanya.{hint}",
        text=text,
        code=account.code,
        chart_name=account.name,
        name=name,
        hint=hint,
    )


def _unknown_code(text: str, code: str, name: str, named: list[Account]) -> Text:
    hint = _named_hint(name, named)
    return tr(
        "Akun {code} ('{text}') tidak ada di daftar akun perusahaan ini; periksa kodenya, "
        "petakan kodenya (Pemetaan akun), atau muat ulang daftar akun.{hint}",
        code=code,
        text=text,
        hint=hint,
    )


def _named_hint(name: str, named: list[Account]) -> Text:
    if not named:
        return Text("")  # no words in any language
    return tr(
        " Akun bernama '{name}': {list}.",
        name=name,
        list=_listed(named),
    )


__all__ = [
    "AccountResolver",
    "Found",
    "Resolution",
    "WrittenCodes",
    "account_code",
    "code_and_name",
    "code_splits",
    "mapped_code",
    "name_key",
    "resolve_account",
    "resolver_for",
    "same_name",
    "unknown_text",
    "with_account_codes",
    "written_code",
    "written_codes",
    "written_summary",
]
