"""The sandbox's Accurate master data over raw HTTP on 127.0.0.1 (no app code in the request):
the department, project, party and classification lists (paged, rows named either plausible
way), creating a classification, and save.do refusing unknown, suspended or parent values,
a date before the closing date and a value too long, in Accurate's words."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers.sandbox_helpers import save, sign, voucher

GONE = "{} tidak ditemukan atau sudah dihapus"


def listed(client, data, endpoint: str, **params) -> dict:
    response = client.get(data + endpoint, params=params, headers=sign())
    assert response.status_code == 200
    return response.json()


def with_line(**fields) -> dict:
    body = voucher()
    body["detailJournalVoucher"][0].update(fields)
    return body


def test_lists_are_paged_with_the_fields_asked_for(sandbox, client, data):
    first = listed(client, data, "department/list.do", fields="id,name,no", **{"sp.pageSize": 4})
    assert first["s"] is True and first["sp"]["pageCount"] == 3
    assert first["d"][0] == {"id": 700, "name": "Umum", "no": "D-01"}
    last = listed(client, data, "department/list.do", **{"sp.page": 3, "sp.pageSize": 4})
    assert [row["name"] for row in last["d"]] == ["Pabrik", "Pabrik Cikarang"]
    customers = listed(client, data, "customer/list.do", fields="name,no,suspended")
    assert {"name": "PT Sinar Abadi", "no": "C.00001", "suspended": False} in customers["d"]
    assert listed(client, data, "employee/list.do", fields="no")["sp"]["rowCount"] == 2


def test_rows_named_the_other_way(sandbox, client, data):
    sandbox.master_data().field_style = "named"
    fields = "name,no,customerNo,projectNo,index,classificationIndex"
    customers = listed(client, data, "customer/list.do", fields=fields)["d"]
    assert customers[0] == {"name": "PT Sinar Abadi", "customerNo": "C.00001"}
    classes = listed(client, data, "data-classification/list.do", fields=fields)["d"]
    assert classes[0] == {"name": "Jakarta", "classificationIndex": 1}


def test_a_classification_is_created_with_index_and_name(sandbox, client, data):
    url = data + "data-classification/save.do"
    made = client.post(url, json={"index": 2, "name": "Bali"}, headers=sign()).json()
    assert made["s"] is True and made["r"]["name"] == "Bali"
    again = client.post(url, json={"index": 2, "name": "Bali"}, headers=sign()).json()
    assert again == {"s": False, "d": ["Sudah ada data lain dengan Nama Bali"]}
    assert client.post(url, json={"name": "X"}, headers=sign()).json()["s"] is False
    assert save(client, data, with_line(dataClassification2Name="Bali"))["s"] is True


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"dataClassification1Name": "Bali"},
            "Kategori Keuangan Bali tidak ditemukan atau sudah dihapus",
        ),
        (  # a classification of another index is not this one's
            {"dataClassification1Name": "Proyek A"},
            "Kategori Keuangan Proyek A tidak ditemukan atau sudah dihapus",
        ),
        ({"departmentName": "Pemasaran"}, GONE.format("Departemen Pemasaran")),
        ({"departmentName": "umum"}, GONE.format("Departemen umum")),
        ({"departmentName": "Produksi Lama"}, GONE.format("Departemen Produksi Lama")),
        ({"departmentName": "Pabrik"}, GONE.format("Departemen Pabrik")),
        ({"projectNo": "Renovasi Kantor"}, GONE.format("Proyek Renovasi Kantor")),
    ],
    ids=["unknown-class", "other-index", "unknown-dept", "other-case", "suspended", "parent",
         "project-by-name"],
)  # fmt: skip
def test_unknown_suspended_or_parent_values_are_refused(sandbox, client, data, fields, expected):
    answer = save(client, data, with_line(**fields))
    assert answer == {"s": False, "d": [expected]}
    assert sandbox.vouchers() == []


def test_a_suspended_party_is_refused(sandbox, client, data):
    sandbox.master_data().suspended_parties.add("C.00002")
    answer = save(client, data, with_line(subsidiaryType="CUSTOMER", customerNo="C.00002"))
    assert answer == {"s": False, "d": ["Data C.00002 sudah non-aktif"]}


def test_the_closing_date_is_refused_in_indonesian_or_english(sandbox, client, data):
    sandbox.master_data().closing_date = date(2024, 1, 31)  # the voucher's own date
    answer = save(client, data, voucher())
    assert answer["d"] == [
        "Tanggal transaksi tidak dapat lebih kecil atau sama dengan tanggal tutup buku 31/01/2024"
    ]
    english = save(client, data, voucher(), language="US")
    assert english["d"][0].startswith("Transaction date cannot be earlier")
    sandbox.master_data().closing_date = date(2024, 1, 30)
    assert save(client, data, voucher())["s"] is True


def test_a_value_too_long_is_refused_with_its_maximum(sandbox, client, data):
    answer = save(client, data, voucher("JV/" + "9" * 28))  # 31 characters
    assert answer == {"s": False, "d": ["Nomor # terlalu besar. Maksimal 30 karakter"]}
    sandbox.master_data().max_lengths["description"] = 10
    answer = save(client, data, voucher(description="Penjualan tunai Januari"))
    assert answer["d"] == ["Keterangan terlalu besar. Maksimal 10 karakter"]
