"""argparse's own words in the language chosen: "usage:", the headings of `--help`, "show
this help message and exit" and the errors it writes itself ("the following arguments are
required"), which would otherwise stay English beside Jurnal Desk's Indonesian or Chinese.

argparse asks `gettext` for each of these as it writes it, through the names `_` and
`ngettext` of its own module; `speak_the_chosen_language()` points those at the catalogs.
The words are keyed as argparse writes them (Python 3.11 to 3.13); a word a later Python
adds is written as argparse has it. The `%` placeholders are argparse's and are kept as
they are in every language."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Final

from app.core.i18n import Text, ntr, tr

# argparse's words -> the message shown instead. Only what a user can meet: an error in a
# parser's own set-up (a name given twice) is a programmer's and stays as argparse has it.
WORDS: Final[dict[str, Text]] = {
    "usage: ": tr("penggunaan: "),
    "positional arguments": tr("argumen posisi"),
    "options": tr("opsi"),
    "show this help message and exit": tr("tampilkan bantuan ini lalu keluar"),
    "%(prog)s: error: %(message)s\n": tr("%(prog)s: kesalahan: %(message)s\n"),
    "argument %(argument_name)s: %(message)s": tr("argumen %(argument_name)s: %(message)s"),
    "the following arguments are required: %s": tr("argumen berikut wajib diberikan: %s"),
    "one of the arguments %s is required": tr("salah satu argumen %s wajib diberikan"),
    "unrecognized arguments: %s": tr("argumen tidak dikenal: %s"),
    "not allowed with argument %s": tr("tidak boleh bersama argumen %s"),
    "ignored explicit argument %r": tr("argumen %r diabaikan"),
    "expected one argument": tr("perlu satu nilai"),
    "expected at most one argument": tr("paling banyak satu nilai"),
    "expected at least one argument": tr("paling sedikit satu nilai"),
    "ambiguous option: %(option)s could match %(matches)s": tr(
        "opsi %(option)s tidak jelas: bisa %(matches)s"
    ),
    "invalid %(type)s value: %(value)r": tr("nilai %(type)s tidak sah: %(value)r"),
    "invalid choice: %(value)r (choose from %(choices)s)": tr(
        "pilihan tidak sah: %(value)r (pilih dari %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": tr("tidak dapat membuka '%(filename)s': %(error)s"),
    "unknown parser %(parser_name)r (choices: %(choices)s)": tr(
        "perintah %(parser_name)r tidak dikenal (pilihan: %(choices)s)"
    ),
}
# argparse's counted words (singular, plural) -> the message for a count.
COUNTED: Final[dict[tuple[str, str], Callable[[int], Text]]] = {
    ("expected %s argument", "expected %s arguments"): lambda n: ntr(
        "perlu %s nilai", "perlu %s nilai", n
    ),
}


def said(words: str) -> str:
    """What argparse calls `_(words)`: the message in the language chosen now."""
    message = WORDS.get(words)
    return message.get() if message is not None else words


def said_counted(singular: str, plural: str, count: int) -> str:
    """What argparse calls `ngettext(singular, plural, count)`."""
    message = COUNTED.get((singular, plural))
    if message is None:
        return singular if count == 1 else plural
    return message(count).get()


def speak_the_chosen_language() -> None:
    """argparse's words from the catalogs from now on, in the language chosen when each is
    written (the headings of `--help` when its parser is made)."""
    # argparse looks these two names up in its own module each time it writes a word.
    argparse._ = said  # type: ignore[attr-defined]  # argparse's own gettext name
    argparse.ngettext = said_counted  # type: ignore[attr-defined]  # the same, counted
