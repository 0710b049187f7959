"""`jurnal-desk profile add|list|remove|set-branch`: the companies Jurnal Desk posts to.

The API Token and Signature Secret come from JURNAL_DESK_TOKEN / JURNAL_DESK_SECRET when set
(scripts), else from hidden prompts. They go only to the OS keyring, never to profiles.json
and never to the screen.
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import logging
from collections.abc import Sequence
from typing import Final

from app.cli import EXIT_OK, commands
from app.cli.company import saved_stores
from app.cli.text_width import display_width, pad
from app.core import environment
from app.core.i18n import JurnalError, Text, tr
from app.profiles.home import app_home
from app.profiles.keyring_words import entry_may_remain
from app.profiles.secrets import SecretStore
from app.profiles.store import (
    API_LANGUAGES,
    DEFAULT_SEMPOA_LINES,
    SEMPOA_LINE_SHAPES,
    SERVICES,
    Profile,
    ProfileStore,
)
from app.setup.wizard.credential_checks import characters_problem, url_problem

TOKEN_ENV = environment.TOKEN
SECRET_ENV = environment.SECRET
_NONE = "-"

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "profile",
        help=commands.summary("profile"),
        description=tr(
            "Profil perusahaan: satu per perusahaan (Accurate Online atau Sempoa). Token dan "
            "rahasia disimpan di penyimpanan kata sandi sistem operasi, tidak pernah di "
            "berkas."
        ).get(),
    )
    actions = parser.add_subparsers(dest="profile_command", metavar="ACTION", required=True)
    _register_add(actions)
    listing = actions.add_parser("list", help=tr("tampilkan profil (tanpa rahasianya)").get())
    listing.set_defaults(handler=run_list)
    removal = actions.add_parser(
        "remove",
        help=tr("hapus profil beserta token dan secret-nya").get(),
        description=tr(
            "Hapus profil beserta token dan secret-nya. Bila penyimpanan kata sandi tidak bisa"
            " dibuka, profil tetap dihapus dan Anda diberi tahu bahwa entrinya mungkin masih "
            "tersisa."
        ).get(),
    )
    removal.add_argument("name", metavar="NAME", help=tr("profil yang dihapus").get())
    removal.set_defaults(handler=run_remove)
    _register_set_branch(actions)


def _register_add(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    add = actions.add_parser(
        "add",
        help=tr("simpan profil perusahaan baru").get(),
        description=tr(
            "Simpan profil perusahaan baru. API Token (dan, untuk Accurate, Signature Secret) "
            "dibaca dari {token} dan {secret} bila diisi; bila tidak, ditanyakan tanpa "
            "menampilkan yang Anda ketik. Sempoa hanya perlu token.",
            token=TOKEN_ENV,
            secret=SECRET_ENV,
        ).get(),
    )
    add.add_argument(
        "name", metavar="NAME", help=tr('nama Anda untuk perusahaan itu, mis. "PT Maju"').get()
    )
    add.add_argument("--service", choices=SERVICES, required=True, help=tr("tujuan posting").get())
    add.add_argument(
        "--url",
        help=tr(
            "Accurate: host akun (bawaan https://account.accurate.id); Sempoa: URL dasar "
            "integrasi (bawaan https://sempoa.id/api/integration)"
        ).get(),
    )
    add.add_argument(
        "--language",
        choices=API_LANGUAGES,
        default="ID",
        help=tr(
            "bahasa pesan Accurate: ID (bawaan), US, CN; disimpan, tetapi untuk saat ini "
            "setiap permintaan meminta bahasa Indonesia (satu-satunya kata-kata yang dibaca "
            "Jurnal Desk)"
        ).get(),
    )
    add.add_argument(
        "--sempoa-lines",
        choices=SEMPOA_LINE_SHAPES,
        default=DEFAULT_SEMPOA_LINES,
        help=tr(
            "format baris jurnal Sempoa: transaksi = daftar {{akun, debit, kredit}} dengan "
            "angka, seperti dokumentasi Sempoa saat ini (bawaan); arrays = teks "
            "akun[]/debit[]/kredit[], seperti panduannya Juni 2023"
        ).get(),
    )
    add.add_argument(
        "--branch",
        metavar="NAME",
        help=tr(
            "Accurate: cabang tujuan jurnal yang tidak menyebut cabang; diperlukan bila "
            "pengguna token melihat lebih dari satu cabang (`jurnal-desk check` "
            "menampilkannya)"
        ).get(),
    )
    add.set_defaults(handler=run_add)


def _register_set_branch(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    change = actions.add_parser(
        "set-branch",
        help=tr("pilih cabang utama sebuah profil Accurate").get(),
        description=tr(
            "Atur cabang tujuan jurnal profil Accurate yang tidak menyebut cabang. Kosongkan "
            "BRANCH agar tidak mengirim cabang utama."
        ).get(),
    )
    change.add_argument("name", metavar="NAME", help=tr("profilnya").get())
    change.add_argument(
        "branch", metavar="BRANCH", nargs="?", default="", help=tr("nama cabang").get()
    )
    change.set_defaults(handler=run_set_branch)


def run_add(args: argparse.Namespace) -> int:
    profile = Profile(
        name=args.name,
        service=args.service,
        url=args.url or "",
        language=args.language,
        sempoa_lines=args.sempoa_lines,
        branch=args.branch,
    )
    _refuse_branch_for_sempoa(profile)
    # Refuse early, before anyone types a token that could not be saved (or used) anyway.
    if problem := url_problem(profile.service, profile.url):
        raise JurnalError(problem + _NOT_SAVED)
    store, secrets = saved_stores()
    store.check_new_name(profile.name)
    backend = secrets.check_available()
    token = _read_secret(TOKEN_ENV, tr("API Token"))
    secret = None
    if profile.service == "accurate":
        secret = _read_secret(SECRET_ENV, tr("Signature Secret"))
    _save(store, secrets, profile, token, secret)
    if secrets.uses_file():
        backend = str(secrets.secrets_file())
    print(_added_text(profile, backend))
    return EXIT_OK


def _refuse_branch_for_sempoa(profile: Profile) -> None:
    if profile.service != "accurate" and profile.branch:
        raise JurnalError(
            tr("Cabang hanya ada di Accurate Online; profil Sempoa tidak memakai --branch.")
        )


def run_set_branch(args: argparse.Namespace) -> int:
    store = ProfileStore(app_home())
    profile = dataclasses.replace(store.get(args.name), branch=args.branch)
    _refuse_branch_for_sempoa(profile)
    store.save(profile)
    if profile.branch:
        text = tr(
            "Cabang utama profil '{name}' sekarang '{branch}'. `jurnal-desk check --profile "
            '"{name}"` menampilkan cabang perusahaan itu.',
            name=profile.name,
            branch=profile.branch,
        )
    else:
        text = tr(
            "Profil '{name}' tidak lagi punya cabang utama; jurnal dikirim tanpa cabang kecuali "
            "kolom Cabang diisi.",
            name=profile.name,
        )
    print(text)
    return EXIT_OK


def _save(
    store: ProfileStore, secrets: SecretStore, profile: Profile, token: str, secret: str | None
) -> None:
    secrets.set_token(profile.name, token)
    try:
        if secret is not None:
            secrets.set_secret(profile.name, secret)
        store.add(profile)
    except BaseException:
        # No half-made profile: a token without its profile would sit unseen in the keyring.
        secrets.delete(profile.name)
        raise


_NOT_SAVED: Final = tr(" Profil tidak disimpan.")


def _read_secret(variable: str, label: Text) -> str:
    value = environment.text(variable) or _prompted(variable, label)
    if problem := characters_problem(label, value):
        raise JurnalError(problem + _NOT_SAVED)
    return value


def _prompted(variable: str, label: Text) -> str:
    prompt = tr(
        "{label} (tidak tampil saat diketik): ",
        label=label,
    )
    try:
        value = getpass.getpass(str(prompt)).strip()
    except EOFError:
        value = ""
    if not value:
        raise JurnalError(
            tr(
                "{label} kosong, jadi profil tidak disimpan. Ketik atau tempel nilainya saat "
                "diminta, atau isi variabel lingkungan {variable}.",
                label=label,
                variable=variable,
            )
        )
    return value


def _added_text(profile: Profile, backend: str) -> Text:
    kept = tr("token dan Signature Secret") if profile.service == "accurate" else tr("token")
    return tr(
        "Profil '{name}' ({service}, {url}) disimpan; {kept} disimpan di penyimpanan kata "
        "sandi ({backend}).",
        name=profile.name,
        service=profile.service,
        url=profile.url,
        kept=kept,
        backend=backend,
    )


def run_list(args: argparse.Namespace) -> int:
    profiles = ProfileStore(app_home()).list()
    if not profiles:
        print(
            tr(
                "Belum ada profil. Tambahkan dengan: jurnal-desk profile add NAMA --service "
                "accurate (atau sempoa)"
            )
        )
        return EXIT_OK
    header = [
        tr("Nama"),
        tr("Layanan"),
        tr("Perusahaan"),
        tr("Cabang utama"),
        tr("Host"),
        tr("Terakhir dicek"),
    ]
    rows = [[str(title) for title in header], *(profile_row(profile) for profile in profiles)]
    print(format_table(rows))
    return EXIT_OK


def profile_row(profile: Profile) -> list[str]:
    """One line of `profile list`: name, service, company, default branch, host, when the
    host was checked."""
    service = profile.service + (" (sandbox)" if profile.sandbox else "")
    host = profile.data_host if profile.service == "accurate" else profile.url
    checked = profile.host_checked_at
    return [
        profile.name,
        service,
        profile.company_name or _NONE,
        profile.branch or _NONE,
        host or _NONE,
        checked.strftime("%Y-%m-%d %H:%M UTC") if checked else _NONE,
    ]


def format_table(rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell, two spaces apart."""
    widths = [max(display_width(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = [
        "  ".join(pad(cell, width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    return "\n".join(lines)


def run_remove(args: argparse.Namespace) -> int:
    # A company whose secrets cannot be read (no keyring, a locked secrets file) must still
    # be removable: the profile goes, and the user is told the keyring entry may remain.
    removed, left = ProfileStore(app_home()).remove_anyway(args.name)
    if left is not None:
        log.info("profile removed; its keyring entries may remain (%s)", type(left).__name__)
        print(entry_may_remain(removed.name, left.text))
        return EXIT_OK
    print(
        tr(
            "Profil '{name}' dihapus, beserta token dan secret-nya di penyimpanan kata sandi.",
            name=removed.name,
        )
    )
    return EXIT_OK
