"""`jurnal-desk accounts map`: the company's account re-mapping (old code → company code).

    jurnal-desk accounts map 1-1100 110101 --profile "PT Maju"   remember one pair (checked
                                                                 against the company's chart)
    jurnal-desk accounts map --list --profile "PT Maju"          the pairs remembered
    jurnal-desk accounts map 1-1100 --remove --profile "PT Maju" forget one pair

`post` applies the profile's mapping by default (and says how many lines it re-mapped;
`--no-map-accounts` turns it off); `validate --profile NAME` applies it too. The window uses
the same mapping (Alat › Pemetaan akun…). Helpers for those commands live here as well.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path

from app.cli import EXIT_OK
from app.cli.company import saved_client, saved_stores
from app.cli.profile import format_table
from app.core.books.account_mapping import AccountMap, MappingError, Remap, remapped_summary
from app.core.i18n import Text, tr
from app.profiles.account_maps import AccountMapStore


def add_map_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "map",
        help=tr("petakan ulang kode akun lama di buku kerja ke kode akun perusahaan").get(),
        description=tr(
            "Ingat, per perusahaan, kode akun mana yang dipakai untuk kode lama di buku kerja "
            "yang dibuat dengan bagan akun lain (mis. 1-1100 -> 110101). `post` menerapkannya "
            "secara bawaan, begitu juga `validate --profile NAME`."
        ).get(),
    )
    parser.add_argument("old", metavar="OLD", nargs="?", help=tr("kode akun di buku kerja").get())
    parser.add_argument("new", metavar="NEW", nargs="?", help=tr("kode akun perusahaan").get())
    action = parser.add_mutually_exclusive_group()
    action.add_argument(
        "--list", action="store_true", help=tr("tampilkan pasangan yang diingat").get()
    )
    action.add_argument(
        "--remove", action="store_true", help=tr("lupakan pasangan untuk OLD").get()
    )
    # SUPPRESS: `accounts --profile P map ...` keeps the value given before the word "map".
    parser.add_argument(
        "--profile", metavar="NAME", default=argparse.SUPPRESS, help=tr("profil perusahaan").get()
    )
    parser.set_defaults(accounts_handler=run_map)


def run_map(args: argparse.Namespace) -> int:
    store, _secrets = saved_stores()
    profile = store.get(args.profile)  # a typo is refused before anything is written
    maps = AccountMapStore(store.home)
    if args.list:
        return _list(maps, profile.name, args.lang)
    if args.remove:
        if not args.old or args.new:
            raise MappingError(_usage_text())
        maps.save(profile.name, _stored(maps, args.lang, profile.name).without(args.old))
        print(tr("Pemetaan {o} dihapus.", o=args.old).get(args.lang))
        return EXIT_OK
    if not args.old or not args.new:
        raise MappingError(_usage_text())
    with saved_client(store, profile) as client:
        chart = client.accounts()
    mapping = _stored(maps, args.lang, profile.name).with_pair(args.old, args.new, chart)
    maps.save(profile.name, mapping)
    old, new = args.old.strip(), args.new.strip()
    print(
        tr(
            "Disimpan untuk {c}: {o} → {n} ({name}). `post` dan impor di jendela memakai {n} "
            "untuk baris dengan kode {o}.",
            c=profile.name,
            o=old,
            n=new,
            name=chart[new].name,
        ).get(args.lang)
    )
    return EXIT_OK


def _list(maps: AccountMapStore, company: str, lang: str) -> int:
    mapping = _stored(maps, lang, company)
    if not mapping:
        text = tr(
            "{c} belum punya pemetaan akun. Tambahkan dengan `jurnal-desk accounts map LAMA "
            'BARU --profile "{c}"`.',
            c=company,
        )
        print(text.get(lang))
        return EXIT_OK
    titles = [tr("Kode lama"), tr("Kode perusahaan")]
    header = [title.get(lang) for title in titles]
    print(format_table([header, *([old, mapping[old]] for old in mapping)]))
    print(tr("{n} pemetaan.", n=len(mapping)).get(lang))
    return EXIT_OK


def _usage_text() -> Text:
    return tr(
        "Tulis `accounts map LAMA BARU`, `accounts map --list` atau `accounts map LAMA "
        "--remove`, dengan --profile NAMA."
    )


def _stored(maps: AccountMapStore, lang: str, company: str) -> AccountMap:
    """The company's mapping; a damaged file is said on stderr (and kept when saving)."""
    mapping = maps.get(company)
    if maps.problem is not None:
        print(f"jurnal-desk: {maps.problem.get(lang)}", file=sys.stderr)
    return mapping


# --- for validate and post -----------------------------------------------------------------


def profile_map(home: Path, company: str, lang: str) -> AccountMap:
    """The mapping `validate` and `post` apply for this company."""
    return _stored(AccountMapStore(home), lang, company)


def remap_lines(
    changes: list[Remap], company: str, mapping: Mapping[str, str] | None, lang: str
) -> list[str]:
    """What the output says about the mapping applied: how many lines, which pairs."""
    if not mapping:
        return []
    if not changes:
        text = tr(
            "Pemetaan akun {c} ({n} kode) dipakai; tidak ada baris yang memakai kode lamanya.",
            c=company,
            n=len(mapping),
        )
        return [text.get(lang), ""]
    return [remapped_summary(changes, company, shown=10).get(lang), ""]


__all__ = ["add_map_parser", "profile_map", "remap_lines", "run_map"]
