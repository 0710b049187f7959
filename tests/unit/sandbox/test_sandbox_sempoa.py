"""The sandbox's Sempoa `/api/integration`, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import uuid
from decimal import Decimal

import httpx
import pytest

from app.sandbox import DEMO_SEMPOA_TOKEN, SEMPOA_CHART
from app.sandbox.sempoa import MAX_LIMIT

AUTH = {"Authorization": f"Bearer {DEMO_SEMPOA_TOKEN}"}
NOT_AUTHORIZED = {"status": 401, "message": "API Sempoa not authorized"}


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


# -- the answers as the real service gives them ---------------------------------------------


def test_a_saved_journal_is_answered_in_sempoas_own_shape(client, url):
    response = client.post(url + "/jurnal", json=transaksi_journal(), headers=AUTH)
    assert response.status_code == 200
    body = response.json(parse_float=Decimal)
    assert (body["status"], body["message"]) == (200, "Success")
    data = body["data"]
    assert str(uuid.UUID(data["id"])) == data["id"]
    assert {k: v for k, v in data.items() if k != "id"} == {
        "tanggal": "31-01-2024",
        "referensi": "PJ-0001",
        "deskripsi": "Penjualan tunai",
        "nominal": Decimal("1500000.5"),
        "status": "Post",
        "transaksi": [
            {"akun": "Kas", "debit": Decimal("1500000.5"), "kredit": 0},
            {"akun": "Penjualan", "debit": 0, "kredit": Decimal("1500000.5")},
        ],
    }
    listed = client.get(url + "/jurnal", headers=AUTH).json(parse_float=Decimal)["data"]
    assert listed == [data]


@pytest.mark.parametrize("side", ["debit", "kredit"])
def test_string_amounts_in_transaksi_are_refused(sandbox, client, url, side):
    lines = transaksi_journal()["transaksi"]
    lines[1 if side == "kredit" else 0][side] = "1500000.5"
    response = client.post(url + "/jurnal", json=transaksi_journal(transaksi=lines), headers=AUTH)
    assert response.status_code == 400
    row = 2 if side == "kredit" else 1
    assert response.json() == {
        "status": 400,
        "message": f"{side.capitalize()} pada baris {row} harus berupa angka.",
    }
    assert sandbox.sempoa_journals() == []


def test_lists_honour_at_most_25_rows_a_page_and_end_with_an_empty_page(client, url):
    assert MAX_LIMIT == 25
    for index in range(1, 31):
        body = transaksi_journal(referensi=f"PJ-{index:04d}")
        assert client.post(url + "/jurnal", json=body, headers=AUTH).status_code == 200
    pages = [
        client.get(url + "/jurnal", params={"limit": 100, "page": n}, headers=AUTH).json()["data"]
        for n in (1, 2, 3)
    ]
    assert [len(page) for page in pages] == [25, 5, 0]
    assert isinstance(pages[0], list)  # a bare list: no paging block anywhere


# -- hostile switches ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("gagal", {"status": "error", "message": "Gagal menyimpan jurnal"}),
        ("success_false", {"success": False, "message": "Terjadi kesalahan"}),
        ("empty", {}),
        ("data_null", {"status": 200, "message": "Success", "data": None}),
    ],
)
@pytest.mark.parametrize("stored", [True, False], ids=["stored", "not-stored"])
def test_a_valid_save_can_be_misanswered_with_or_without_keeping_it(
    sandbox, client, url, answer, expected, stored
):
    sandbox.sempoa_faults().misanswer_saves(answer, count=1, stored=stored)
    response = client.post(url + "/jurnal", json=transaksi_journal(), headers=AUTH)
    assert (response.status_code, response.json()) == (200, expected)
    assert len(sandbox.sempoa_journals()) == (1 if stored else 0)
    # Only the next save: the one after it is answered as documented.
    again = client.post(url + "/jurnal", json=transaksi_journal(referensi="PJ-2"), headers=AUTH)
    assert again.json()["data"]["referensi"] == "PJ-2"


def test_other_misanswers_html_another_reference_and_genuine_variants(sandbox, client, url):
    faults = sandbox.sempoa_faults()
    for answer in ("html", "other_reference", "status_text", "created"):
        faults.misanswer_saves(answer)
    answers = [
        client.post(url + "/jurnal", json=transaksi_journal(referensi=f"PJ-{n}"), headers=AUTH)
        for n in range(4)
    ]
    assert answers[0].status_code == 200 and answers[0].text.startswith("<html>")
    assert answers[1].json()["data"]["referensi"] == "PJ-1-LAIN"
    assert answers[2].json()["status"] == "200" and answers[2].json()["data"]["referensi"] == "PJ-2"
    assert answers[3].status_code == 201 and answers[3].json()["data"]["referensi"] == "PJ-3"
    assert [j["referensi"] for j in sandbox.sempoa_journals()] == ["PJ-0", "PJ-1", "PJ-2", "PJ-3"]


def test_a_refusal_is_never_misanswered_and_every_save_can_be(sandbox, client, url):
    faults = sandbox.sempoa_faults()
    faults.misanswer_saves("empty", count=None, stored=False)
    bad = client.post(url + "/jurnal", json=seed_journal(akun=["1", "2", "3"]), headers=AUTH)
    assert bad.status_code == 400  # the refusal stays a refusal
    for n in range(3):
        body = transaksi_journal(referensi=f"PJ-{n}")
        assert client.post(url + "/jurnal", json=body, headers=AUTH).json() == {}
    assert sandbox.sempoa_journals() == []
    with pytest.raises(ValueError):
        faults.misanswer_saves("created", stored=False)
    with pytest.raises(ValueError):
        faults.misanswer_saves("refused_at_200", stored=True)


def test_reads_can_be_misanswered_and_a_list_can_ignore_its_page(sandbox, client, url):
    faults = sandbox.sempoa_faults()
    faults.misanswer_reads("gagal", count=2)
    assert client.post(url + "/check", headers=AUTH).json()["status"] == "error"
    assert client.get(url + "/akun", headers=AUTH).json()["status"] == "error"
    assert client.get(url + "/akun", headers=AUTH).json()["status"] == 200
    faults.ignore_page = True
    first = client.get(url + "/akun", params={"page": 1}, headers=AUTH).json()["data"]
    assert client.get(url + "/akun", params={"page": 9}, headers=AUTH).json()["data"] == first
