"""The sandbox's Sempoa `/api/integration`, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import httpx
import pytest

from app.sandbox import DEMO_SEMPOA_TOKEN, SEMPOA_CHART, Sandbox

AUTH = {"Authorization": f"Bearer {DEMO_SEMPOA_TOKEN}"}
NOT_AUTHORIZED = {"status": 401, "message": "API Sempoa not authorized"}


@pytest.fixture
def sandbox():
    with Sandbox() as sb:
        yield sb


@pytest.fixture(scope="module")
def client():
    with httpx.Client(timeout=10) as http:
        yield http


@pytest.fixture
def url(sandbox):
    return sandbox.sempoa_url


def seed_journal(**change) -> dict:
    """The Laravel example of the documentation page, as JSON."""
    return {
        "deskripsi": "Pembelian ruko di Citra Raya",
        "referensi": "PB/2023/VI/0001",
        "tanggal": "2023-12-30",
        "akun": ["1000", "1001", "1002"],
        "debit": ["15000", "75000", "0"],
        "kredit": ["0", "0", "90000"],
        **change,
    }


def transaksi_journal(**change) -> dict:
    """The shape of Sempoa's current documentation: one object per line."""
    return {
        "deskripsi": "Penjualan tunai",
        "referensi": "PJ-0001",
        "tanggal": "2024-01-31",
        "transaksi": [
            {"akun": "1000", "debit": 1500000.5, "kredit": 0},
            {"akun": "4000", "debit": 0, "kredit": 1500000.5},
        ],
        **change,
    }


def test_check_accepts_the_token(client, url):
    response = client.post(url + "/check", headers=AUTH)
    assert response.status_code == 200
    assert response.json() == {"status": 200, "message": "Success", "data": None}


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer salah"}, {"Authorization": DEMO_SEMPOA_TOKEN}],
    ids=["no-token", "wrong-token", "not-bearer"],
)
def test_a_bad_token_is_not_authorized(client, url, headers):
    response = client.post(url + "/check", headers=headers)
    assert response.status_code == 401
    assert response.json() == NOT_AUTHORIZED


def test_a_regenerated_token_breaks_the_old_one(sandbox, client, url):
    sandbox.revoke(DEMO_SEMPOA_TOKEN)
    assert client.post(url + "/check", headers=AUTH).json() == NOT_AUTHORIZED


def test_the_seed_example_is_stored_with_exact_amounts(sandbox, client, url):
    response = client.post(url + "/jurnal", json=seed_journal(), headers=AUTH)
    assert response.status_code == 200
    assert response.json()["status"] == 200
    [stored] = sandbox.sempoa_journals()
    assert stored["referensi"] == "PB/2023/VI/0001"
    assert stored["tanggal"] == "2023-12-30"
    assert stored["transaksi"] == [
        {"akun": "1000", "debit": "15000", "kredit": "0"},
        {"akun": "1001", "debit": "75000", "kredit": "0"},
        {"akun": "1002", "debit": "0", "kredit": "90000"},
    ]


def test_the_seed_example_also_works_as_a_form(sandbox, client, url):
    form = [
        ("deskripsi", "Pembelian ruko"),
        ("referensi", "PB-FORM"),
        ("tanggal", "2023-12-30"),
        *[("akun[]", code) for code in ("1000", "1001", "1002")],
        *[("debit[]", amount) for amount in ("15000", "75000", "0")],
        *[("kredit[]", amount) for amount in ("0", "0", "90000")],
    ]
    response = client.post(
        url + "/jurnal",
        content=str(httpx.QueryParams(form)),
        headers={**AUTH, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 200, response.text
    assert len(sandbox.sempoa_journals()[0]["transaksi"]) == 3


def test_the_transaksi_shape_is_stored_with_exact_amounts(sandbox, client, url):
    response = client.post(url + "/jurnal", json=transaksi_journal(), headers=AUTH)
    assert response.status_code == 200
    [stored] = sandbox.sempoa_journals()
    assert stored["transaksi"] == [
        {"akun": "1000", "debit": "1500000.5", "kredit": "0"},
        {"akun": "4000", "debit": "0", "kredit": "1500000.5"},
    ]


def test_a_repeated_reference_is_refused(sandbox, client, url):
    client.post(url + "/jurnal", json=seed_journal(), headers=AUTH)
    again = client.post(
        url + "/jurnal", json=transaksi_journal(referensi="PB/2023/VI/0001"), headers=AUTH
    )
    assert again.status_code == 400
    assert again.json() == {"status": 400, "message": "Nomor referensi sudah ada"}
    assert len(sandbox.sempoa_journals()) == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            seed_journal(kredit=["0", "0", "80000"]),
            "Jurnal tidak seimbang: total debit 90.000 tidak sama dengan total kredit 80.000.",
        ),
        (seed_journal(akun=["1000", "1001", "9999"]), "Akun 9999 tidak ditemukan."),
        (
            seed_journal(akun=["1000", "1001", "10000"]),
            "Akun 10000 adalah akun induk dan tidak bisa dipakai di jurnal.",
        ),
        (seed_journal(deskripsi=""), "Deskripsi wajib diisi."),
        (seed_journal(referensi=None), "Referensi wajib diisi."),
        (
            seed_journal(tanggal="30/12/2023"),
            "Tanggal 30/12/2023 tidak valid, gunakan format YYYY-MM-DD.",
        ),
        (
            seed_journal(tanggal="2023-02-30"),
            "Tanggal 2023-02-30 tidak valid, gunakan format YYYY-MM-DD.",
        ),
        (seed_journal(kredit=["0", "90000"]), "Jumlah akun, debit dan kredit harus sama."),
        (
            seed_journal(debit=["15000", "75000", "-1"]),
            "Debit pada baris 3 harus berupa angka tidak negatif.",
        ),
        (transaksi_journal(transaksi=[]), "Transaksi jurnal minimal 2 baris."),
        (
            transaksi_journal(
                transaksi=[
                    {"akun": "1000", "debit": 5, "kredit": 5},
                    {"akun": "4000", "debit": 0, "kredit": 0},
                ]
            ),
            "Baris 1 harus berisi debit atau kredit, salah satu saja.",
        ),
    ],
    ids=[
        "unbalanced",
        "unknown-account",
        "group-account",
        "no-description",
        "no-reference",
        "wrong-date-format",
        "impossible-date",
        "uneven-arrays",
        "negative",
        "no-lines",
        "both-sides",
    ],
)
def test_invalid_journals_are_refused(sandbox, client, url, body, message):
    response = client.post(url + "/jurnal", json=body, headers=AUTH)
    assert response.status_code == 400
    assert response.json() == {"status": 400, "message": message}
    assert sandbox.sempoa_journals() == []


def test_journal_list_pages(client, url):
    for index in range(1, 13):
        body = transaksi_journal(referensi=f"PJ-{index:04d}")
        assert client.post(url + "/jurnal", json=body, headers=AUTH).status_code == 200
    first = client.get(url + "/jurnal", headers=AUTH).json()
    assert first["status"] == 200
    assert len(first["data"]) == 10  # the documented default limit
    rest = client.get(url + "/jurnal", params={"limit": 5, "page": 3}, headers=AUTH).json()
    assert [journal["referensi"] for journal in rest["data"]] == ["PJ-0011", "PJ-0012"]
    assert rest["data"][0]["transaksi"][0]["debit"] == 1500000.5


def test_account_list_pages_through_the_whole_chart(client, url):
    codes = []
    page = 1
    while True:
        body = client.get(url + "/akun", params={"limit": 7, "page": page}, headers=AUTH).json()
        codes += [account["kode"] for account in body["data"]]
        if len(body["data"]) < 7:
            break
        page += 1
    assert codes == [account.kode for account in SEMPOA_CHART]
    first = client.get(url + "/akun", headers=AUTH).json()["data"]
    assert len(first) == 10
    assert set(first[0]) == {"kode", "akun", "tipe", "level", "balance", "akun_induk"}


def test_one_account_by_code(client, url):
    kas = client.get(url + "/akun/1000", headers=AUTH)
    assert kas.json() == {
        "status": 200,
        "message": "Success",
        "data": {
            "kode": "1000",
            "akun": "Kas",
            "tipe": "Aset",
            "level": 2,
            "balance": "Debit",
            "akun_induk": "Aset",
        },
    }
    missing = client.get(url + "/akun/9999", headers=AUTH)
    assert missing.status_code == 404
    assert missing.json() == {"status": 404, "message": "Akun 9999 tidak ditemukan."}


def test_a_bad_limit_is_a_bad_request(client, url):
    response = client.get(url + "/akun", params={"limit": "semua"}, headers=AUTH)
    assert response.status_code == 400


def test_unknown_path_and_wrong_method(client, url):
    assert client.get(url + "/faktur", headers=AUTH).status_code == 404
    assert client.get(url + "/check", headers=AUTH).status_code == 405


def test_sempoa_companies_are_separate(sandbox, client, url):
    token = sandbox.add_sempoa_company("CV Lain")
    headers = {"Authorization": f"Bearer {token}"}
    assert client.post(url + "/jurnal", json=seed_journal(), headers=headers).status_code == 200
    assert client.post(url + "/jurnal", json=seed_journal(), headers=AUTH).status_code == 200
    assert len(sandbox.sempoa_journals(token)) == 1
    assert len(sandbox.sempoa_journals()) == 1
