"""The `jurnal-desk` command: a thin argparse front end over app/core, app/api, app/posting.

Each subcommand lives in its own module in this package and exposes
`register(subparsers)`, which adds its parser and sets `handler=<function(args) -> int>`.
The commands are listed in app/cli/commands.py; only the chosen command's module is imported
(the window, `--help` and `--version` import none), so a new command adds a row there.

Exit codes: 0 success, 1 the work found problems (invalid entries, rejected postings),
2 a usage error or a file/credential that cannot be used, 3 (post) another posting to the same
company is in progress, 141 the reader of the output's pipe went away (`history --json |
head`). A full or read-only disk is told in one message, never a traceback.

Every run, the window's included, logs to the app's log file (app/logs.py).
`--self-test` runs the offline checks (app/selftest); `--qt-probe` is the child process the
Qt check starts, never typed by a user.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from app import __version__
from app.cli import commands
from app.cli.parser_words import speak_the_chosen_language
from app.cli.terminal import escaped_output, reader_gone
from app.core import environment
from app.core.error_text import storage_problem
from app.core.i18n import JurnalError, ctr, languages, set_language, tr
from app.core.i18n.lists import listed
from app.logs import file_logging

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
DEFAULT_LANGUAGE = "id"
EXIT_BUSY = 3  # another posting to the same company is in progress (post without --wait)
QT_PROBE_FLAG = "--qt-probe"  # app/selftest/qt.py starts `jurnal-desk --qt-probe`

log = logging.getLogger(__name__)


def build_parser(chosen: commands.Command | None = None) -> argparse.ArgumentParser:
    """The whole command line. Only the `chosen` command's module is imported to add its
    parser; every other command is there by name and summary (enough for `--help`)."""
    speak_the_chosen_language()  # argparse's own words ("usage:", its errors) too
    parser = argparse.ArgumentParser(
        prog="jurnal-desk",
        description=tr(
            "Jurnal Desk: memposting jurnal yang seimbang ke Accurate Online dan Sempoa. "
            "Jalankan tanpa perintah untuk membuka jendela."
        ).get(),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"jurnal-desk {__version__}",
        help=tr("tampilkan versi program lalu keluar").get(),
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=tr(
            "jalankan pemeriksaan luring (Qt, keyring, folder aplikasi, tanda tangan, sandbox,"
            " outbox, berkas log) dan cetak satu baris per pemeriksaan; keluar dengan 0 hanya "
            "bila semuanya lolos"
        ).get(),
    )
    parser.add_argument(
        "--lang",
        choices=languages(),
        default=None,  # then JURNAL_DESK_LANG, then the window's saved choice, then id
        help=tr(
            "bahasa pesan: id (Bahasa Indonesia, bawaan), {others}; juga {variable}",
            others=listed(languages()[1:]),
            variable=environment.LANGUAGE,
        ).get(),
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    registered = False
    for command in commands.COMMANDS:
        if chosen is None or command.module != chosen.module:
            subparsers.add_parser(command.name, help=command.summary.get(), add_help=False)
        elif not registered:  # one module may add several commands (history and undo)
            commands.load(chosen).register(subparsers)
            registered = True
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == [QT_PROBE_FLAG]:
        from app.ui.shell.qt_probe import main as qt_probe  # Qt only in that child process

        return qt_probe()
    # --help speaks the language asked for: chosen before any parser is made.
    set_language(_early_language(arguments) or DEFAULT_LANGUAGE)
    # A first look finds the command (top-level errors, --help and --version end here); then
    # the parser with that command's own arguments reads the line.
    named, _ = build_parser().parse_known_args(arguments)
    parser = build_parser(commands.find(named.command))
    args = parser.parse_args(arguments)
    chosen = _chosen_language(parser, args)
    args.lang = chosen or DEFAULT_LANGUAGE
    set_language(args.lang)
    with file_logging() as log_file, escaped_output():
        try:
            code = _dispatch(args, log_file, chosen)
        except BrokenPipeError:  # raised again by a last flush, after _dispatch returned
            code = reader_gone()
        log.info("%s exit %d", _what_ran(args), code)
        return code


def _early_language(arguments: list[str]) -> str | None:
    """`--lang X` (or `--lang=X`), else JURNAL_DESK_LANG, when it is a language this install
    has; before the command line is read (an unknown one is refused once it is)."""
    chosen = environment.language()
    for index, argument in enumerate(arguments):
        if argument == "--lang" and index + 1 < len(arguments):
            chosen = arguments[index + 1]
        elif argument.startswith("--lang="):
            chosen = argument.split("=", 1)[1]
    return chosen if chosen in languages() else None


def _chosen_language(parser: argparse.ArgumentParser, args: argparse.Namespace) -> str | None:
    """`--lang`, else JURNAL_DESK_LANG; None when neither is given."""
    chosen = args.lang or environment.language()
    if chosen is not None and chosen not in languages():
        # No language is chosen yet: the refusal is said in every one.
        refused = tr(
            "{variable}={value}: bahasa tidak dikenal; pilih {choices}",
            variable=environment.LANGUAGE,
            value=repr(chosen),
            choices=" / ".join(languages()),
        )
        parser.error(" / ".join(refused.get(code) for code in languages()))
    return chosen


def _dispatch(args: argparse.Namespace, log_file: Path | None, language: str | None) -> int:
    if args.self_test:
        from app.cli.selftest import run as run_self_test

        return run_self_test(log_file)
    if args.command is None:
        from app.ui.shell.application import run_gui  # Qt is imported only for the window

        return run_gui(language=language)
    handler: Callable[[argparse.Namespace], int] = args.handler  # set by the command's parser
    try:
        return handler(args)
    except JurnalError as error:
        log.info("%s refused: %s", args.command, error.text.en)
        print(f"jurnal-desk: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        # Translators: the command was stopped by the user (Ctrl+C) before it finished.
        print(
            f"jurnal-desk: {ctr('dihentikan dengan Ctrl+C', 'dihentikan').get()}", file=sys.stderr
        )
        return 130
    except BrokenPipeError:  # `history --json | head`: the reader has all it wanted
        return reader_gone()
    except OSError as error:
        problem = storage_problem(error)
        if problem is None:
            log.exception("%s failed unexpectedly", args.command)
            raise
        log.info("%s refused: %s", args.command, problem.en)
        print(f"jurnal-desk: {problem.get()}", file=sys.stderr)
        return EXIT_USAGE
    except Exception:
        log.exception("%s failed unexpectedly", args.command)
        raise


def _what_ran(args: argparse.Namespace) -> str:
    # The command's name only: arguments can hold file paths and names a user may not want
    # in a file they send to support.
    if args.self_test:
        return "--self-test"
    return args.command or "window"
