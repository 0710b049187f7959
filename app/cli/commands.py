"""The `jurnal-desk` commands: each one's name, the module of this package that implements it,
and the one line `jurnal-desk --help` shows for it.

The table is what lets the command line start without importing every command (and with it
httpx, openpyxl, the sandbox, the posting engine): `--help`, `--version` and the window need
only these lines, and a command's module is imported only when that command runs. A module
gives its parser the same line (`summary`), so it is written once.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType


@dataclass(frozen=True)
class Command:
    name: str  # as typed: `jurnal-desk <name>`
    module: str  # under app.cli; its register(subparsers) adds the command's parser
    summary: str  # the line in `jurnal-desk --help`


# In the order `jurnal-desk --help` lists them.
COMMANDS: tuple[Command, ...] = (
    Command("accounts", "accounts", "list a profile's chart of accounts"),
    Command("check", "check", "test a profile's connection: company, host and user"),
    Command("history", "history", "list posted batches, or one batch's entries"),
    Command("undo", "history", "delete from Accurate the vouchers one batch posted"),
    Command("keyring", "keyring_store", "choose where tokens and secrets are kept"),
    Command("post", "post", "post a journal workbook to a company (exactly once; resumable)"),
    Command(
        "post-many",
        "post_many",
        "post a firm's plan: many companies' workbooks at once (exactly once; resumable)",
    ),
    Command("profile", "profile", "add, list or remove company profiles"),
    Command(
        "reconcile",
        "reconcile",
        "prove a period: the books against what Jurnal Desk posted (and a workbook)",
    ),
    Command(
        "reverse",
        "reverse",
        "cancel a posted batch with reversing entries (exactly once; resumable)",
    ),
    Command(
        "sandbox",
        "sandbox",
        "run a local imitation of Accurate Online and Sempoa (demo and tests)",
    ),
    Command("sign", "sign", "print X-Api-Timestamp and X-Api-Signature for Accurate"),
    Command("template", "template", "write a ready-to-fill journal workbook (.xlsx)"),
    Command(
        "validate", "validate", "check a journal workbook and list its problems (posts nothing)"
    ),
    Command(
        "verify",
        "verify",
        "read a posted batch back from the service and compare it with what was sent",
    ),
)

_BY_NAME = {command.name: command for command in COMMANDS}


def find(name: str | None) -> Command | None:
    """The command called `name`, or None (no command, or one that does not exist)."""
    return _BY_NAME.get(name) if name is not None else None


def summary(name: str) -> str:
    """The command's line in `jurnal-desk --help`, for its module's parser."""
    return _BY_NAME[name].summary


def load(command: Command) -> ModuleType:
    """The module that implements `command`, imported now."""
    return importlib.import_module(f"{__package__}.{command.module}")
