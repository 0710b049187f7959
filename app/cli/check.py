"""`jurnal-desk check --profile NAME`: can Jurnal Desk reach this company with its token?

Prints the company, its host and the token's user (Accurate, from `api-token.do`) with the
company's branches and the profile's default branch (warning when the company has several and
the profile has no default), or confirms the Sempoa token. Accurate's host is always re-read
here and stored in the profile, with the company and user names, so `profile list` shows them.
"""

from __future__ import annotations

import argparse
import dataclasses

from app.api import errors
from app.api.accurate import AccurateClient, TokenInfo
from app.api.accurate_company import Branch
from app.cli import EXIT_OK, commands
from app.cli.company import saved_client, saved_stores
from app.core.error_text import storage_problem
from app.core.formatting import date_text
from app.core.i18n import Text, ctr, tr
from app.core.i18n.lists import listed_first
from app.posting.checks.branches import find_branch
from app.profiles.store import Profile, ProfileStore

MAX_BRANCHES_SHOWN = 20


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "check",
        help=commands.summary("check"),
        description=tr(
            "Sambungkan ke layanan profil dengan token yang tersimpan dan tampilkan perusahaan"
            " dan pengguna pemilik token itu. Untuk Accurate, host perusahaan dibaca ulang dan"
            " disimpan di profil."
        ).get(),
    )
    parser.add_argument(
        "--profile", required=True, metavar="NAME", help=tr("profil yang diperiksa").get()
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    store, _secrets = saved_stores()
    profile = store.get(args.profile)
    with saved_client(store, profile, refresh_host=True) as client:
        if isinstance(client, AccurateClient):
            info = client.token_info()
            lines = _accurate_lines(info, client.host)
            branch_lines, warnings = _branch_report(client, profile)
            lines += branch_lines
            warnings += _remember_names(store, profile.name, info)
        else:
            warnings = []
            client.check()
            lines = _sempoa_lines(client.transport.base_url)
    for label, value in lines:
        print(f"{label.get()}: {value}")
    for warning in warnings:
        print(tr("Peringatan: {w}", w=warning.get()).get())
    return EXIT_OK


# Translators: a label: the company's branches, listed after it.
_BRANCHES = ctr("daftar cabang perusahaan", "Cabang")


def _branch_report(
    client: AccurateClient, profile: Profile
) -> tuple[list[tuple[Text, str]], list[Text]]:
    """The company's branches and the profile's default, and what is wrong with them."""
    default = profile.branch
    try:
        branches = client.branches()
    except errors.PermissionDenied:
        unread = tr("tidak bisa dibaca (token ini tidak punya izin melihat cabang)")
        return [(_BRANCHES, unread.get())], []
    lines = [
        (_BRANCHES, _branch_names(branches)),
        (tr("Cabang utama"), default or "-"),
    ]
    return lines, _branch_warnings(branches, default, profile.name)


def _branch_names(branches: list[Branch]) -> str:
    names = [branch.name for branch in branches]
    return listed_first(names, MAX_BRANCHES_SHOWN).get() if names else "-"


def _branch_warnings(branches: list[Branch], default: str | None, profile: str) -> list[Text]:
    if default and find_branch(default, branches) is None:
        return [
            tr(
                "cabang utama '{branch}' tidak ada di perusahaan ini; Accurate akan menolak "
                "jurnal tanpa kolom Cabang. Pilih cabang yang ada dengan `jurnal-desk profile "
                'set-branch "{profile}" "CABANG"`.',
                branch=default,
                profile=profile,
            )
        ]
    if not default and len(branches) > 1:
        return [
            tr(
                "perusahaan ini punya {n} cabang dan profil ini belum punya cabang utama; "
                "Accurate menolak setiap jurnal tanpa cabang. Isi kolom Cabang, atau pilih "
                'cabang utama dengan `jurnal-desk profile set-branch "{profile}" "CABANG"`.',
                n=len(branches),
                profile=profile,
            )
        ]
    return []


def _remember_names(store: ProfileStore, name: str, info: TokenInfo) -> list[Text]:
    """Keep the company's and user's names in the profile (for `profile list`); a warning
    when the home cannot be written (the check itself still stands)."""
    current: Profile = store.get(name)  # re-read: connect() has just stored the host
    named = dataclasses.replace(current, company_name=info.company_name, user_name=info.user_name)
    try:
        store.save(named)
    except OSError as error:
        problem = storage_problem(error)
        if problem is None:
            raise
        return [
            tr(
                "profil ini tidak bisa diperbarui: {p}",
                p=problem,
            )
        ]
    return []


def _accurate_lines(info: TokenInfo, host: str) -> list[tuple[Text, str]]:
    company = info.company_name + (f" (id {info.company_id})" if info.company_id else "")
    user = info.user_name + (
        f" <{info.user_email}>" if info.user_email and info.user_email != info.user_name else ""
    )
    lines = [
        (tr("Perusahaan"), company),
        (tr("Host"), host),
        (tr("Pengguna"), user),
    ]
    if info.license_end is not None:
        trial = tr(" (masa percobaan)").get() if info.trial else ""
        lines.append((tr("Lisensi sampai"), date_text(info.license_end) + trial))
    return lines


def _sempoa_lines(base_url: str) -> list[tuple[Text, str]]:
    return [
        (tr("Sempoa"), tr("token diterima").get()),
        (tr("Host"), base_url),
    ]
