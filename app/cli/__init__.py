"""The `jurnal-desk` command: a thin argparse front end over app/core, app/api, app/posting.

Each subcommand lives in its own module in this package and exposes
`register(subparsers)`, which adds its parser and sets `handler=<function(args) -> int>`.
Modules are discovered, so adding a command never edits this file.

Exit codes: 0 success, 1 the work found problems (invalid entries, rejected postings),
2 a usage error or a file/credential that cannot be used.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from app import __version__
from app.core.i18n import JurnalError, set_language

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jurnal-desk",
        description="Jurnal Desk: post balanced journal entries to Accurate Online and Sempoa. "
        "Run without a command to open the window.",
    )
    parser.add_argument("--version", action="version", version=f"jurnal-desk {__version__}")
    parser.add_argument(
        "--lang",
        choices=("id", "en"),
        default=os.environ.get("JURNAL_DESK_LANG", "id"),
        help="language of messages: id (Bahasa Indonesia, default) or en",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _command_modules():
        module.register(subparsers)
    return parser


def _command_modules() -> list:
    names = sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.ispkg)
    modules = [importlib.import_module(f"{__name__}.{name}") for name in names]
    return [module for module in modules if hasattr(module, "register")]


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    set_language(args.lang)
    if args.command is None:
        from app.ui.application import run_gui  # Qt is imported only for the window

        return run_gui()
    try:
        return args.handler(args)
    except JurnalError as error:
        print(f"jurnal-desk: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("jurnal-desk: dihentikan / interrupted", file=sys.stderr)
        return 130
