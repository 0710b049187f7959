"""`jurnal-desk reverse BATCH`: a posted batch cancelled with reversing entries, over real HTTP
to the sandbox. The books are read from the sandbox itself: each original has exactly one
reversal, its sides swapped and its amounts the same, so every account nets to zero."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal

from app.cli import EXIT_OK, EXIT_PROBLEMS
from tests.helpers.cli_helpers import ACCURATE, SEMPOA, journal_rows, run
from tests.helpers.posting_helpers import SEMPOA_CREDIT, SEMPOA_DEBIT
from tests.helpers.workbooks import write_workbook


def posted_batch(capsys, book, profile: str) -> str:
    code, out, err = run(capsys, "post", str(book), "--profile", profile)
    assert code == EXIT_OK, out + err
    _code, out, _ = run(capsys, "history", "--json", "--profile", profile)
    return json.loads(out)[-1]["batch"]


def history_of(capsys, batch: str) -> dict:
    _code, out, _ = run(capsys, "history", "--json", "--batch", batch)
    return json.loads(out)[0]


def saves(sb, path_end: str) -> int:
    return sum(1 for r in sb.request_log() if r.method == "POST" and r.path.endswith(path_end))


def sempoa_books(sb) -> dict[str, dict]:
    return {journal["referensi"]: journal for journal in sb.sempoa_journals()}


def sempoa_sides(journal: dict) -> Counter:
    return Counter(
        (line["akun"], Decimal(line["debit"]), Decimal(line["kredit"]))
        for line in journal["transaksi"]
    )


def accurate_books(sb) -> dict[str, dict]:
    return {voucher["number"]: voucher for voucher in sb.vouchers()}


def accurate_sides(voucher: dict) -> Counter:
    return Counter(
        (line["accountNo"], line["amountType"], Decimal(line["amount"]))
        for line in voucher["detailJournalVoucher"]
    )


def swapped(sides: Counter) -> Counter:
    return Counter({(account, credit, debit): n for (account, debit, credit), n in sides.items()})


def test_a_sempoa_batch_is_reversed_once_verified_and_linked_in_the_history(
    sb, profiles, tmp_path, capsys
):
    rows = journal_rows(3, SEMPOA_DEBIT, SEMPOA_CREDIT, prefix="PB")
    original = posted_batch(capsys, write_workbook(tmp_path / "s.xlsx", rows), SEMPOA)
    code, out, err = run(capsys, "--lang", "en", "reverse", original)
    assert code == EXIT_OK, out + err
    assert f"Reversing entries of batch {original}" in out

    books = sempoa_books(sb)
    assert sorted(books) == ["PB/001", "PB/001-R", "PB/002", "PB/002-R", "PB/003", "PB/003-R"]
    net: dict[str, Decimal] = defaultdict(Decimal)
    for reference in ("PB/001", "PB/002", "PB/003"):
        first, reversal = books[reference], books[reference + "-R"]
        assert sempoa_sides(reversal) == swapped(sempoa_sides(first))
        assert reversal["deskripsi"] == "Pembalik: " + first["deskripsi"]
        assert reversal["tanggal"] == first["tanggal"]  # the original's date by default
    for journal in books.values():
        for line in journal["transaksi"]:
            net[line["akun"]] += Decimal(line["debit"]) - Decimal(line["kredit"])
    assert set(net.values()) == {Decimal(0)}

    reversal = history_of(capsys, original)["reversed_by"]
    linked = history_of(capsys, reversal)
    assert linked["reverses"] == original and linked["summary"]["posted"] == 3
    code, out, _ = run(capsys, "--lang", "en", "verify", reversal)
    assert code == EXIT_OK and "3 match" in out, out
    _code, out, _ = run(capsys, "--lang", "en", "history", "--profile", SEMPOA)
    assert f"(Reversed by batch {reversal})" in out and f"(Reverses batch {original})" in out

    before = len(sb.request_log())
    code, out, _ = run(capsys, "--lang", "en", "reverse", original)
    assert code == EXIT_OK
    assert f"already reversed by batch {reversal}; nothing was sent" in out
    assert len(sb.request_log()) == before  # not even a look-up
    assert len(sb.sempoa_journals()) == 6


def test_an_accurate_batch_is_reversed_on_one_chosen_date(sb, profiles, tmp_path, capsys):
    original = posted_batch(capsys, write_workbook(tmp_path / "a.xlsx", journal_rows(4)), ACCURATE)
    code, out, err = run(capsys, "reverse", original, "--date", "2026-09-01", "--json")
    assert code == EXIT_OK, out + err
    told = json.loads(out)
    assert told["reverses"] == original
    assert [e["reference"] for e in told["entries"]] == [f"JU/00{n}-R" for n in range(1, 5)]

    books = accurate_books(sb)
    assert len(books) == 8
    for n in range(1, 5):
        first, reversal = books[f"JU/00{n}"], books[f"JU/00{n}-R"]
        flip = {"DEBIT": "CREDIT", "CREDIT": "DEBIT"}
        sides = Counter({(a, flip[t], x): c for (a, t, x), c in accurate_sides(first).items()})
        assert accurate_sides(reversal) == sides
        assert reversal["transDate"] == "01/09/2026"
    net: dict[str, Decimal] = defaultdict(Decimal)
    for voucher in books.values():
        for line in voucher["detailJournalVoucher"]:
            sign = 1 if line["amountType"] == "DEBIT" else -1
            net[line["accountNo"]] += sign * Decimal(line["amount"])
    assert set(net.values()) == {Decimal(0)}
    code, out, _ = run(capsys, "--lang", "en", "verify", told["batch"])
    assert code == EXIT_OK and "4 match" in out

    before = saves(sb, "save.do")
    code, out, _ = run(capsys, "reverse", original, "--json")
    assert code == EXIT_OK and json.loads(out)["batch"] == told["batch"]
    assert saves(sb, "save.do") == before
    assert sum(attempts for attempts in sb.save_attempts().values()) == 8


def test_a_closed_period_refuses_undo_which_offers_reversing_then_reversing_works(
    sb, profiles, tmp_path, capsys
):
    original = posted_batch(capsys, write_workbook(tmp_path / "a.xlsx", journal_rows(2)), ACCURATE)
    sb.master_data().closing_date = date(2026, 8, 31)  # August is closed now
    code, out, _ = run(capsys, "--lang", "en", "undo", original, "--yes")
    assert code == EXIT_PROBLEMS
    assert "0 vouchers of batch" in out
    assert "refused to delete JU/001" in out and "tidak dapat dihapus" in out
    assert f"jurnal-desk reverse {original}" in out
    assert len(sb.vouchers()) == 2  # nothing deleted

    # On the original dates the closed period refuses the reversals too; a date in the open
    # period on the next run re-dates only those refused, and they go through.
    code, out, _ = run(capsys, "--lang", "en", "reverse", original)
    assert code == EXIT_PROBLEMS and "closing date" in out
    code, out, _ = run(capsys, "--lang", "en", "reverse", original, "--date", "01/09/2026")
    assert code == EXIT_OK, out
    books = accurate_books(sb)
    assert sorted(books) == ["JU/001", "JU/001-R", "JU/002", "JU/002-R"]
    assert {books[n]["transDate"] for n in ("JU/001-R", "JU/002-R")} == {"01/09/2026"}
    assert history_of(capsys, original)["reversed_by"]

    code, out, err = run(capsys, "--lang", "en", "undo", original, "--yes")
    assert code != EXIT_OK and "was reversed by batch" in out + err
    assert len(sb.vouchers()) == 4


def test_a_reversal_batch_is_not_reversed_again(sb, profiles, tmp_path, capsys):
    rows = journal_rows(1, SEMPOA_DEBIT, SEMPOA_CREDIT, prefix="PB")
    original = posted_batch(capsys, write_workbook(tmp_path / "s.xlsx", rows), SEMPOA)
    run(capsys, "reverse", original)
    reversal = history_of(capsys, original)["reversed_by"]
    before = saves(sb, "/jurnal")
    code, out, err = run(capsys, "--lang", "en", "reverse", reversal)
    assert code != EXIT_OK
    assert "reversing entries are not reversed again" in out + err
    assert saves(sb, "/jurnal") == before


def test_reversing_entries_are_not_sent_for_originals_removed_from_the_books_since(
    sb, profiles, tmp_path, capsys
):
    original = posted_batch(capsys, write_workbook(tmp_path / "a.xlsx", journal_rows(2)), ACCURATE)
    sb.master_data().closing_date = date(2026, 8, 31)
    code, out, _ = run(capsys, "--lang", "en", "reverse", original)  # refused: closed period
    assert code == EXIT_PROBLEMS
    sb.master_data().closing_date = None  # reopened: the originals can be deleted after all
    code, out, _ = run(capsys, "--lang", "en", "undo", original, "--yes")
    assert code == EXIT_OK, out
    before = saves(sb, "save.do")
    code, out, err = run(capsys, "--lang", "en", "reverse", original, "--date", "2026-09-01")
    assert code != EXIT_OK
    assert "does not send reversing entries for entries no longer there" in out + err
    assert saves(sb, "save.do") == before and sb.vouchers() == []
