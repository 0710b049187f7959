"""Master-data rows read defensively: Accurate's list field names are assumed, so each
plausible spelling of a code, a classification's index, a suspended flag and a parent is
read the same."""

from __future__ import annotations

from app.api.accurate_master import MasterKind, master_records


def test_codes_come_from_no_or_the_kinds_own_field():
    rows = [
        {"id": 1, "name": "PT Sinar Abadi", "no": "C.00001"},
        {"id": 2, "name": "CV Maju Bersama", "customerNo": "C.00002"},
        {"id": 3, "name": "", "customerNo": ""},  # nothing to name it by: left out
    ]
    records = master_records(MasterKind.CUSTOMER, rows)
    assert [(r.name, r.code) for r in records] == [
        ("PT Sinar Abadi", "C.00001"),
        ("CV Maju Bersama", "C.00002"),
    ]


def test_suspended_and_parent_are_read_in_each_form():
    rows = [
        {"id": 10, "name": "Pabrik"},  # named as parent by the next row
        {"id": 11, "name": "Pabrik Cikarang", "parent": {"name": "Pabrik"}},
        {"id": 12, "name": "Grup", "isParent": "true"},
        {"id": 13, "name": "Lama", "suspended": True},
        {"id": 14, "name": "Tutup", "inactive": "1"},
        {"id": 15, "name": "Anak", "parentNo": "D-99"},
        {"id": 16, "name": "Induk Lain", "no": "D-99"},
    ]
    records = {r.name: r for r in master_records(MasterKind.DEPARTMENT, rows)}
    assert records["Pabrik"].is_parent and records["Grup"].is_parent
    assert records["Induk Lain"].is_parent and not records["Anak"].is_parent
    assert not records["Pabrik Cikarang"].is_parent
    assert records["Lama"].suspended and records["Tutup"].suspended
    assert not records["Pabrik"].suspended


def test_a_classifications_index_in_each_spelling():
    rows = [
        {"name": "Jakarta", "index": 1},
        {"name": "Asia", "classificationIndex": "3"},
        {"name": "Proyek Z", "dataClassificationIndex": 10},
        {"name": "Tanpa indeks"},
    ]
    records = master_records(MasterKind.CLASSIFICATION, rows)
    assert [(r.name, r.index) for r in records] == [
        ("Jakarta", 1),
        ("Asia", 3),
        ("Proyek Z", 10),
        ("Tanpa indeks", None),  # then it counts for every index, rather than for none
    ]
