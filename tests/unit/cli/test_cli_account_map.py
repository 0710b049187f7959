"""`jurnal-desk accounts map` and the mapping `validate --profile` and `post` apply: a client's
workbook on its own codes posted on the company's, against the sandbox on 127.0.0.1."""

from __future__ import annotations

import pytest

from app.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from app.core.books.account_mapping import AccountMap
from app.profiles.account_maps import MAPS_FILE, AccountMapStore
from tests.helpers.cli_helpers import ACCURATE, SEMPOA, journal_rows, run
from tests.helpers.posting_helpers import ACCURATE_CREDIT, ACCURATE_DEBIT
from tests.helpers.workbooks import write_workbook

CLIENT_DEBIT, CLIENT_CREDIT = "K-100", "P-400"  # the client's own chart


def client_book(tmp_path, count: int = 3):
    return write_workbook(
        tmp_path / "klien.xlsx", journal_rows(count, debit=CLIENT_DEBIT, credit=CLIENT_CREDIT)
    )


@pytest.mark.slow
def test_map_is_checked_against_the_chart_saved_listed_and_removed(
    sb, profiles, jurnal_home, capsys
):
    code, out, err = run(
        capsys, "accounts", "map", CLIENT_DEBIT, ACCURATE_DEBIT, "--profile", ACCURATE
    )
    assert code == EXIT_OK, out + err
    assert f"{CLIENT_DEBIT} → {ACCURATE_DEBIT}" in out and "Disimpan untuk" in out
    code, out, err = run(
        capsys, "--lang", "en", "accounts", "--profile", ACCURATE, "map", CLIENT_CREDIT, "9-99999"
    )
    assert code == EXIT_USAGE
    assert "Account 9-99999 is not in this company's chart" in err
    code, out, err = run(capsys, "accounts", "map", "X-1", "1-10000", "--profile", ACCURATE)
    assert code == EXIT_USAGE and "akun induk" in err
    code, out, err = run(capsys, "accounts", "map", "X-1", "1-10104", "--profile", ACCURATE)
    assert code == EXIT_USAGE and "dinonaktifkan" in err
    code, out, err = run(capsys, "accounts", "map", ACCURATE_DEBIT, "X-1", "--profile", ACCURATE)
    assert code == EXIT_USAGE and "tujuan pemetaan K-100" in err  # would chain
    code, out, err = run(
        capsys, "accounts", "map", ACCURATE_CREDIT, ACCURATE_DEBIT, "--profile", ACCURATE
    )
    assert code == EXIT_USAGE and "tidak perlu dipetakan" in err  # a code the company uses

    assert AccountMapStore(jurnal_home).get(ACCURATE) == AccountMap({CLIENT_DEBIT: ACCURATE_DEBIT})
    assert AccountMapStore(jurnal_home).get(SEMPOA) == AccountMap()  # per company
    code, out, _ = run(capsys, "--lang", "en", "accounts", "map", "--list", "--profile", ACCURATE)
    assert code == EXIT_OK
    assert "Old code" in out and CLIENT_DEBIT in out and ACCURATE_DEBIT in out
    assert "1 mapping(s)." in out
    code, out, _ = run(capsys, "accounts", "map", CLIENT_DEBIT, "--remove", "--profile", ACCURATE)
    assert code == EXIT_OK and "dihapus" in out
    code, out, _ = run(capsys, "accounts", "map", "--list", "--profile", ACCURATE)
    assert "belum punya pemetaan akun" in out
    code, _, err = run(capsys, "accounts", "map", CLIENT_DEBIT, "--remove", "--profile", ACCURATE)
    assert code == EXIT_USAGE and "tidak ada di pemetaan akun" in err


def test_map_names_an_unknown_profile_and_needs_a_profile(profiles, capsys):
    code, _, err = run(capsys, "accounts", "map", "--list", "--profile", "PT Tidak Ada")
    assert code == EXIT_USAGE and "Profil 'PT Tidak Ada' tidak ada" in err
    code, _, err = run(capsys, "accounts", "map", "--list")
    assert code == EXIT_USAGE and "--profile" in err


def test_post_applies_the_stored_mapping_by_default_and_says_so(sb, profiles, tmp_path, capsys):
    book = client_book(tmp_path)
    code, out, _ = run(capsys, "post", str(book), "--profile", ACCURATE)
    assert code == EXIT_PROBLEMS and sb.vouchers() == []
    assert f"Akun {CLIENT_DEBIT} tidak ada di daftar akun" in out

    for old, new in ((CLIENT_DEBIT, ACCURATE_DEBIT), (CLIENT_CREDIT, ACCURATE_CREDIT)):
        assert run(capsys, "accounts", "map", old, new, "--profile", ACCURATE)[0] == EXIT_OK
    code, out, err = run(capsys, "--lang", "en", "post", str(book), "--profile", ACCURATE)
    assert code == EXIT_OK, out + err
    assert "6 line(s) re-mapped to the company's account codes" in out
    assert f"{CLIENT_DEBIT} → {ACCURATE_DEBIT} (3)" in out
    accounts = {line["accountNo"] for v in sb.vouchers() for line in v["detailJournalVoucher"]}
    assert accounts == {ACCURATE_DEBIT, ACCURATE_CREDIT} and len(sb.vouchers()) == 3


def test_post_without_the_mapping_when_asked(sb, profiles, tmp_path, jurnal_home, capsys):
    AccountMapStore(jurnal_home).save(
        ACCURATE, AccountMap({CLIENT_DEBIT: ACCURATE_DEBIT, CLIENT_CREDIT: ACCURATE_CREDIT})
    )
    book = client_book(tmp_path, 2)
    code, out, _ = run(capsys, "post", str(book), "--profile", ACCURATE, "--no-map-accounts")
    assert code == EXIT_PROBLEMS and "dipetakan ulang" not in out and sb.vouchers() == []


def test_validate_applies_a_profiles_mapping_offline(profiles, tmp_path, jurnal_home, capsys):
    AccountMapStore(jurnal_home).save(ACCURATE, AccountMap({CLIENT_DEBIT: ACCURATE_DEBIT}))
    book = client_book(tmp_path, 2)
    code, out, _ = run(capsys, "validate", str(book), "--profile", ACCURATE)
    assert code == EXIT_OK
    assert "2 baris dipetakan ulang" in out and f"{CLIENT_DEBIT} → {ACCURATE_DEBIT} (2)" in out
    code, out, _ = run(capsys, "validate", str(book))
    assert "dipetakan ulang" not in out


def test_a_damaged_mapping_file_is_said_and_nothing_is_remapped(
    sb, profiles, tmp_path, jurnal_home, capsys
):
    (jurnal_home / MAPS_FILE).write_text("{rusak", "utf-8")
    book = client_book(tmp_path, 1)
    code, _out, err = run(capsys, "post", str(book), "--profile", ACCURATE, "--dry-run")
    assert code == EXIT_PROBLEMS
    assert "Pemetaan akun di" in err and "tidak bisa dibaca" in err
    assert (jurnal_home / MAPS_FILE).read_text("utf-8") == "{rusak"  # untouched
