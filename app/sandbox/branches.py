"""The branches (cabang) of a sandbox Accurate company, and which branch a save names.

Accurate refuses every save that names no branch when the token's user sees more than one
branch (the documented message, verbatim). What it answers for a branch name or id it does not
know is not documented: the sandbox refuses it (its own wording), and it matches names
exactly, so a client must send the company's own spelling.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.sandbox import messages as m
from app.sandbox.wire import JsonObject

# A company added without naming its branches has Accurate's usual single head office.
DEFAULT_BRANCHES: tuple[str, ...] = ("Pusat",)
# The demo company's branches with --multi-branch.
MULTI_BRANCHES: tuple[str, ...] = ("Pusat", "Cabang Surabaya", "Cabang Medan")
FIRST_BRANCH_ID = 50


@dataclass(frozen=True, slots=True)
class SandboxBranch:
    id: int
    name: str

    def as_json(self) -> JsonObject:
        return {"id": self.id, "name": self.name}


def make_branches(names: Iterable[str]) -> list[SandboxBranch]:
    """Branches with Accurate-like numeric ids, in the order given; names must differ."""
    branches = [SandboxBranch(FIRST_BRANCH_ID + n, name) for n, name in enumerate(names)]
    if any(not branch.name.strip() for branch in branches):
        raise ValueError("a branch needs a name")
    if len({branch.name.casefold() for branch in branches}) != len(branches):
        raise ValueError("two branches have the same name")
    return branches


def branch_for_save(
    body: JsonObject, branches: Sequence[SandboxBranch], lang: str
) -> tuple[SandboxBranch | None, str | None]:
    """The branch a voucher is saved to (None: none) and, when it is refused, why."""
    name, raw_id = body.get("branchName"), body.get("branchId")
    named, by_id = name not in (None, ""), raw_id not in (None, "")
    if not named and not by_id:
        if len(branches) > 1:
            return None, m.message("branch_required", lang)
        return (branches[0] if branches else None), None
    chosen_by_id = _by_id(raw_id, branches) if by_id else None
    if by_id and chosen_by_id is None:
        return None, m.message("branch_id_unknown", lang, id=raw_id)
    chosen_by_name = _by_name(name, branches) if named else None
    if named and chosen_by_name is None:
        return None, m.message("branch_unknown", lang, name=name)
    if chosen_by_id and chosen_by_name and chosen_by_id != chosen_by_name:
        return None, m.message("branch_mismatch", lang, name=name, id=raw_id)
    return chosen_by_id or chosen_by_name, None


def _by_id(raw: object, branches: Sequence[SandboxBranch]) -> SandboxBranch | None:
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        return None
    return next((b for b in branches if str(b.id) == str(raw).strip()), None)


def _by_name(raw: object, branches: Sequence[SandboxBranch]) -> SandboxBranch | None:
    # Exact, as the strictest plausible reading: "pusat" or "Pusat " is not "Pusat".
    return next((b for b in branches if b.name == raw), None)
