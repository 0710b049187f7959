"""Account re-mapping: a client's codes put on the company's, refused with a reason when the
mapping cannot be used, remembered per company in the app's home."""

from __future__ import annotations

import json
from datetime import date

import pytest

from app.core.books.account_mapping import (
    AccountMap,
    MappingError,
    pair_problem,
    remap_entries,
    remapped_summary,
    undo_remaps,
    unknown_codes,
)
from app.core.books.checks import validate_entries
from app.core.excel.reader import ImportOptions, read_workbook
from app.profiles.account_maps import MAPS_FILE, AccountMapStore
from tests.helpers.journal_data import CHART, client_entries
from tests.helpers.workbooks import write_workbook

HEADER = ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit", "Keterangan"]


def test_unknown_codes_are_listed_with_their_line_count_and_a_sample():
    found = unknown_codes(client_entries(), CHART)
    assert [(u.code, u.lines, u.sample, u.first_row) for u in found] == [
        ("1-1100", 2, "Kas Kecil", 2),
        ("4-000", 1, "Penjualan tunai", 3),
    ]


def test_remapping_puts_old_codes_on_company_codes_and_the_problems_go():
    entries = client_entries()
    assert len(validate_entries(entries, CHART)) == 3  # three lines on unknown accounts
    mapping = AccountMap().with_pair("1-1100", "1101", CHART).with_pair("4-000", "4101", CHART)
    changes = remap_entries(entries, mapping)
    assert [(c.entry.reference, c.old, c.new) for c in changes] == [
        ("KK-001", "1-1100", "1101"),
        ("KK-001", "4-000", "4101"),
        ("KK-002", "1-1100", "1101"),
    ]
    assert validate_entries(entries, CHART) == []
    assert entries[1].lines[0].account == "6105"  # a company code is left alone
    undo_remaps(changes)
    assert [line.account for e in entries for line in e.lines] == [
        "1-1100",
        "4-000",
        "6105",
        "1-1100",
    ]


def test_summary_counts_lines_per_pair_in_both_languages():
    entries = client_entries()
    changes = remap_entries(entries, AccountMap({"1-1100": "1101", "4-000": "4101"}))
    text = remapped_summary(changes, "PT Maju")
    assert text.id.startswith("3 baris dipetakan ulang")
    assert "1-1100 → 1101 (2)" in text.id and "4-000 → 4101 (1)" in text.en
    assert "PT Maju" in text.en


@pytest.mark.parametrize(
    ("old", "new", "words_id", "words_en"),
    [
        ("1-1100", "9999", "tidak ada di daftar akun", "not in this company's chart"),
        ("1-1100", "1100", "akun induk", "parent account"),
        ("1-1100", "6199", "dinonaktifkan", "suspended"),
        ("1101", "1102", "tidak perlu dipetakan", "need no mapping"),
        ("1-1100", "1-1100", "dirinya sendiri", "mapped to itself"),
        ("1-1100", " ", "harus diisi", "must be filled in"),
    ],
)
def test_a_mapping_that_cannot_be_used_is_refused_with_a_reason(old, new, words_id, words_en):
    with pytest.raises(MappingError) as refused:
        AccountMap().with_pair(old, new, CHART)
    assert words_id in refused.value.text.id
    assert words_en in refused.value.text.en


def test_a_circle_and_a_chain_are_refused_without_a_chart():
    mapping = AccountMap({"A": "B", "B": "C"})
    circle = pair_problem("C", "A", mapping)
    assert circle is not None
    assert "C → A → B → C" in circle.en and "lingkaran" in circle.id
    chain = pair_problem("X", "A", mapping)
    assert chain is not None and "Map X straight to B" in chain.en
    target = pair_problem("C", "D", AccountMap({"A": "C"}))
    assert target is not None and "C is where A is mapped to" in target.en
    assert pair_problem("X", "D", mapping) is None


def test_a_saved_pair_that_the_chart_no_longer_allows_is_reported():
    mapping = AccountMap({"1-1100": "1101", "4-000": "6199"})
    assert list(mapping.problems(CHART)) == ["4-000"]


def test_import_applies_the_mapping_before_checking(tmp_path):
    rows = [
        HEADER,
        [date(2026, 3, 2), "KK-001", "Penjualan", "1-1100", 500000, None, "Kas Kecil"],
        [None, None, None, "4101", None, 500000, ""],
    ]
    path = write_workbook(tmp_path / "klien.xlsx", rows)
    plain = read_workbook(path, ImportOptions(), CHART)
    assert [p.field for p in plain.problems] == ["account"]
    options = ImportOptions(account_map=AccountMap({"1-1100": "1101"}))
    mapped = read_workbook(path, options, CHART)
    assert mapped.problems == []
    assert mapped.entries[0].lines[0].account == "1101"
    assert [(c.old, c.new, c.line.row) for c in mapped.remapped] == [("1-1100", "1101", 2)]


# --- remembered per company ---------------------------------------------------------------


def test_the_mapping_is_remembered_per_company(tmp_path):
    store = AccountMapStore(tmp_path)
    store.save("PT Maju", AccountMap({"1-1100": "1101"}))
    store.save("CV Lain", AccountMap({"1-1100": "1102"}))
    again = AccountMapStore(tmp_path)
    assert again.get("PT Maju") == AccountMap({"1-1100": "1101"})
    assert again.get("pt maju") == AccountMap({"1-1100": "1101"})  # the profile's lookup
    assert again.get("CV Lain")["1-1100"] == "1102"
    assert again.get("PT Baru") == AccountMap()
    document = json.loads((tmp_path / MAPS_FILE).read_text("utf-8"))
    assert document["format"] == 1
    assert document["companies"]["PT Maju"] == {"accounts": {"1-1100": "1101"}}
    again.save("PT Maju", AccountMap())
    assert AccountMapStore(tmp_path).companies() == ["CV Lain"]


def test_keys_from_a_newer_version_are_kept(tmp_path):
    (tmp_path / MAPS_FILE).write_text(
        json.dumps(
            {
                "format": 1,
                "later": {"x": 1},
                "companies": {"PT Maju": {"accounts": {"A": "1101"}, "names": {"A": "Kas"}}},
            }
        ),
        "utf-8",
    )
    store = AccountMapStore(tmp_path)
    store.save("PT Maju", AccountMap({"A": "1101", "B": "1102"}))
    document = json.loads((tmp_path / MAPS_FILE).read_text("utf-8"))
    assert document["later"] == {"x": 1}
    assert document["companies"]["PT Maju"]["names"] == {"A": "Kas"}
    assert document["companies"]["PT Maju"]["accounts"] == {"A": "1101", "B": "1102"}


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[1, 2]", b'{"companies": {"PT Maju": {"accounts": {"A": 5}}}}', b"\xff\xfe"],
)
def test_a_damaged_file_is_reported_and_kept_when_a_mapping_is_saved(tmp_path, content):
    path = tmp_path / MAPS_FILE
    path.write_bytes(content)
    store = AccountMapStore(tmp_path)
    assert store.get("PT Maju") == AccountMap()
    assert store.problem is not None
    assert "tidak bisa dibaca" in store.problem.id and MAPS_FILE in store.problem.en
    assert ".damaged" in store.problem.en
    store.save("PT Maju", AccountMap({"1-1100": "1101"}))
    assert (tmp_path / (MAPS_FILE + ".damaged")).read_bytes() == content
    assert AccountMapStore(tmp_path).get("PT Maju") == AccountMap({"1-1100": "1101"})
    path.write_bytes(b"{again broken")
    store.save("PT Maju", AccountMap({"1-1100": "1102"}))
    assert (tmp_path / (MAPS_FILE + ".damaged.2")).read_bytes() == b"{again broken"
    assert (tmp_path / (MAPS_FILE + ".damaged")).read_bytes() == content
