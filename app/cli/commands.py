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

from app.core.i18n import Text, tr


@dataclass(frozen=True)
class Command:
    name: str  # as typed: `jurnal-desk <name>`
    module: str  # under app.cli; its register(subparsers) adds the command's parser
    summary: Text  # the line in `jurnal-desk --help`


# In the order `jurnal-desk --help` lists them.
COMMANDS: tuple[Command, ...] = (
    Command("accounts", "accounts", tr("tampilkan daftar akun sebuah profil")),
    Command("check", "check", tr("uji koneksi sebuah profil: perusahaan, host dan pengguna")),
    Command(
        "history",
        "history",
        tr("tampilkan batch yang sudah diposting, atau jurnal dalam satu batch"),
    ),
    Command("undo", "history", tr("hapus dari Accurate voucher yang diposting oleh satu batch")),
    Command("keyring", "keyring_store", tr("pilih tempat token dan secret disimpan")),
    Command(
        "post",
        "post",
        tr("posting buku kerja jurnal ke sebuah perusahaan (tepat sekali; bisa dilanjutkan)"),
    ),
    Command(
        "post-many",
        "post_many",
        tr(
            "posting rencana kantor: buku kerja banyak perusahaan sekaligus (tepat sekali; "
            "bisa dilanjutkan)"
        ),
    ),
    Command("profile", "profile", tr("tambah, tampilkan atau hapus profil perusahaan")),
    Command(
        "reconcile",
        "reconcile",
        tr(
            "buktikan satu periode: pembukuan dibandingkan dengan yang diposting Jurnal Desk "
            "(dan buku kerja)"
        ),
    ),
    Command(
        "reverse",
        "reverse",
        tr(
            "batalkan batch yang sudah diposting dengan jurnal balik (tepat sekali; bisa "
            "dilanjutkan)"
        ),
    ),
    Command(
        "sandbox",
        "sandbox",
        tr("jalankan tiruan lokal Accurate Online dan Sempoa (demo dan pengujian)"),
    ),
    Command("sign", "sign", tr("cetak X-Api-Timestamp dan X-Api-Signature untuk Accurate")),
    Command("template", "template", tr("tulis buku kerja jurnal siap isi (.xlsx)")),
    Command(
        "validate",
        "validate",
        tr("periksa buku kerja jurnal dan tampilkan masalahnya (tidak memposting apa pun)"),
    ),
    Command(
        "verify",
        "verify",
        tr(
            "baca kembali batch yang sudah diposting dari layanan dan bandingkan dengan yang "
            "dikirim"
        ),
    ),
)

_BY_NAME = {command.name: command for command in COMMANDS}


def find(name: str | None) -> Command | None:
    """The command called `name`, or None (no command, or one that does not exist)."""
    return _BY_NAME.get(name) if name is not None else None


def summary(name: str) -> str:
    """The command's line in `jurnal-desk --help`, for its module's parser, in the language
    chosen when the parser is made."""
    return _BY_NAME[name].summary.get()


def load(command: Command) -> ModuleType:
    """The module that implements `command`, imported now."""
    return importlib.import_module(f"{__package__}.{command.module}")
