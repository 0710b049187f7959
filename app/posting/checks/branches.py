"""Branches (cabang) checked before anything is sent to Accurate.

A user who sees more than one branch has every save without a branch refused, and a branch the
company does not have is refused too. Both are found here first, per entry, with what to do:
each entry needs a branch (its own, or the profile's default) when the company has several,
and every branch named must be one of the company's. Names match ignoring case and spacing;
what is sent is the company's own spelling.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from app.api.accurate import Branch
from app.core.books.journal import JournalEntry, Problem
from app.core.books.written_accounts import name_key
from app.core.i18n import Text, tr

FIELD = "branch"


def find_branch(name: str | None, branches: Sequence[Branch]) -> Branch | None:
    """The company's branch called `name`, ignoring case and spacing ("cabang  jakarta" is
    "Cabang Jakarta"), as account names are read; None if none."""
    wanted = name_key(name or "")
    if not wanted:
        return None
    return next((b for b in branches if name_key(b.name) == wanted), None)


def branch_problems(
    entries: Sequence[JournalEntry], branches: Sequence[Branch], default: str | None
) -> list[Problem]:
    """Per entry: no branch where the company has several, or a branch it does not have."""
    problems: list[Problem] = []
    default = (default or "").strip()
    default_missing = bool(default) and find_branch(default, branches) is None
    for entry in entries:
        own = entry.branch.strip()
        if own:
            if find_branch(own, branches) is None:
                problems.append(_problem(entry, _unknown_own(entry, own, branches)))
        elif default_missing:
            problems.append(_problem(entry, _unknown_default(entry, default, branches)))
        elif not default and len(branches) > 1:
            problems.append(_problem(entry, _missing(entry, branches)))
    return problems


def in_company_spelling(
    entries: Sequence[JournalEntry], branches: Sequence[Branch]
) -> list[JournalEntry]:
    """The entries, each branch written as the company writes it ("pusat" -> "Pusat").
    Entries without a branch, or already spelt right, are the same objects."""
    spelt = []
    for entry in entries:
        found = find_branch(entry.branch, branches)
        if found is not None and found.name != entry.branch:
            entry = dataclasses.replace(entry, branch=found.name)
        spelt.append(entry)
    return spelt


# Where the default is chosen: the wizard when the company is added, and the command the
# messages below name (`jurnal-desk profile set-branch`).


def _problem(entry: JournalEntry, text: Text) -> Problem:
    return Problem(text, entry.sheet, entry.row, "", FIELD, entry.reference)


def _names(branches: Sequence[Branch]) -> str:
    return ", ".join(branch.name for branch in branches) or "-"


def _missing(entry: JournalEntry, branches: Sequence[Branch]) -> Text:
    # Only asked when the company has more than one branch.
    return tr(
        "Jurnal {ref} tidak punya cabang, padahal perusahaan ini punya {n} cabang ({names}) "
        "dan Accurate menolak jurnal tanpa cabang. Isi kolom Cabang atau pilih cabang utama "
        'perusahaan di pengaturan perusahaan (perintah: jurnal-desk profile set-branch "NAMA '
        'PROFIL" "CABANG").',
        ref=entry.reference or "?",
        n=len(branches),
        names=_names(branches),
    )


def _unknown_own(entry: JournalEntry, name: str, branches: Sequence[Branch]) -> Text:
    return tr(
        "Cabang '{branch}' pada jurnal {ref} tidak ada di perusahaan ini. Cabang yang ada: "
        "{names}. Perbaiki kolom Cabang.",
        branch=name,
        ref=entry.reference or "?",
        names=_names(branches),
    )


def _unknown_default(entry: JournalEntry, name: str, branches: Sequence[Branch]) -> Text:
    return tr(
        "Jurnal {ref} memakai cabang utama profil ini, '{branch}', yang tidak ada di "
        "perusahaan ini (cabang yang ada: {names}). Isi kolom Cabang atau pilih cabang utama "
        'yang benar di pengaturan perusahaan (perintah: jurnal-desk profile set-branch "NAMA '
        'PROFIL" "CABANG").',
        branch=name,
        ref=entry.reference or "?",
        names=_names(branches),
    )
