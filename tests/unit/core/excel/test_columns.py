"""Header names to journal fields, and column letters."""

from __future__ import annotations

import pytest

from app.core.excel.columns import column_index, field_for_header, normalize_header
from app.core.excel.reader import ColumnMapping, MappingError, column_letter, detect_mapping


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Tanggal", "date"),
        ("TGL", "date"),
        ("Date", "date"),
        ("Referensi", "reference"),
        ("No. Bukti", "reference"),
        ("no bukti", "reference"),
        ("NO_BUKTI", "reference"),
        ("Nomor", "reference"),
        ("Reference", "reference"),
        ("Deskripsi", "description"),
        ("Keterangan Jurnal", "description"),
        ("Description", "description"),
        ("Akun", "account"),
        ("Kode Akun", "account"),
        ("No. Akun", "account"),
        ("Account", "account"),
        ("Debit", "debit"),
        ("Debet", "debit"),
        ("Debit (Rp)", "debit"),
        ("Kredit", "credit"),
        ("Credit", "credit"),
        ("Kredit Rp", "credit"),
        ("Jumlah", "amount"),
        ("Nilai", "amount"),
        ("Amount", "amount"),
        ("Keterangan", "memo"),
        ("Memo", "memo"),
        ("Departemen", "department"),
        ("Department", "department"),
        ("Proyek", "project"),
        ("Project", "project"),
        ("  Tanggal*  ", "date"),
        # the optional columns
        ("Cabang", "branch"),
        ("Nama Cabang", "branch"),
        ("Branch", "branch"),
        ("Pelanggan", "customer"),
        ("Kode Pelanggan", "customer"),
        ("No. Pelanggan", "customer"),
        ("Customer No.", "customer"),
        ("Customer ID", "customer"),
        ("Pemasok", "vendor"),
        ("No. Pemasok", "vendor"),
        ("Kode Supplier", "vendor"),
        ("Vendor", "vendor"),
        ("Supplier Code", "vendor"),
        ("Karyawan", "employee"),
        ("No. Karyawan", "employee"),
        ("NIP Pegawai", None),
        ("Employee No", "employee"),
        ("Kurs", "rate"),
        ("Kurs (Rp)", "rate"),
        ("Nilai Tukar", "rate"),
        ("Exchange Rate", "rate"),
        ("Currency Rate", "rate"),
        ("Jumlah Valuta", "prime_amount"),
        ("Jumlah Valas (USD)", "prime_amount"),
        ("Jumlah Mata Uang Asing", "prime_amount"),
        ("Foreign Amount", "prime_amount"),
        ("Prime Amount", "prime_amount"),
        ("Klasifikasi 1", "classification1"),
        ("Klasifikasi Data 2", "classification2"),
        ("Data Classification 10", "classification10"),
        ("dataClassification3Name", "classification3"),
        ("Classification 7", "classification7"),
    ],
)
def test_header_names_in_both_languages(header, field):
    found = field_for_header(header)
    assert (found[0] if found else None) == field


@pytest.mark.parametrize("header", ["Nama Pelanggan", "Customer Name", "Nama Pemasok", "Mata Uang"])
def test_party_names_and_currency_codes_are_not_mistaken_for_the_party_number(header):
    # Accurate wants the party's number; a name column sent as the number would be refused.
    assert field_for_header(header) is None


def test_detect_mapping_finds_the_optional_columns_beside_the_required_ones():
    headers = ["Tanggal", "No. Bukti", "Kode Akun", "Debit", "Kredit", "Cabang", "Kode Pelanggan"]
    headers += ["No. Pemasok", "Karyawan", "Kurs", "Jumlah Valuta", "Klasifikasi 2"]

    mapping = detect_mapping(headers)

    assert mapping.as_dict() == {
        "date": 0, "reference": 1, "account": 2, "debit": 3, "credit": 4, "branch": 5,
        "customer": 6, "vendor": 7, "employee": 8, "rate": 9, "prime_amount": 10,
        "classification2": 11,
    }  # fmt: skip


@pytest.mark.parametrize("header", ["No", "Nama Akun", "Masalah / Problem", "", "Saldo", "rp"])
def test_headers_that_name_no_field(header):
    assert field_for_header(header) is None


def test_normalising_headers():
    assert normalize_header("No. Bukti") == normalize_header("NO_BUKTI") == "nobukti"
    assert normalize_header("Debit (Rp)") == "debit"
    assert normalize_header("(Debit)") == "debit"


def test_detect_mapping_from_a_template_header():
    headers = ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit", "Keterangan",
               "Departemen", "Proyek"]  # fmt: skip

    mapping = detect_mapping(headers)

    assert mapping == ColumnMapping(0, 1, 2, 3, 4, 5, None, 6, 7, 8)
    assert mapping.missing_required() == []


def test_account_code_beats_an_account_name_column():
    mapping = detect_mapping(["Tanggal", "No. Bukti", "Akun", "Kode Akun", "Debit", "Kredit"])

    assert mapping.account == 3


def test_a_signed_amount_is_used_only_without_debit_and_credit():
    assert detect_mapping(["Tanggal", "Ref", "Akun", "Jumlah"]).uses_amount
    both = detect_mapping(["Tanggal", "Ref", "Akun", "Debit", "Kredit", "Jumlah"])
    assert both.amount is None and not both.uses_amount


def test_missing_required_fields():
    assert ColumnMapping().missing_required() == ["date", "reference", "account", "debit", "credit"]
    assert ColumnMapping(date=0, reference=1, account=2, amount=3).missing_required() == []
    assert ColumnMapping(date=0, reference=1, account=2, debit=3).missing_required() == ["credit"]


def test_from_names_by_header_text_and_by_letter():
    headers = ["Tgl Trans", "Voucher", "Perk", "Masuk", "Keluar"]

    mapping = ColumnMapping.from_names(
        headers,
        {"date": "tgl trans", "reference": "Voucher", "account": "C", "debit": "d", "credit": "E"},
    )

    assert mapping == ColumnMapping(date=0, reference=1, account=2, debit=3, credit=4)


def test_from_names_prefers_a_header_called_like_a_letter():
    assert ColumnMapping.from_names(["X", "D"], {"debit": "D"}).debit == 1


def test_from_names_rejects_a_column_used_twice_and_unknown_names():
    with pytest.raises(MappingError, match="Kolom B"):
        ColumnMapping.from_names(["a", "b"], {"debit": "B", "credit": "b"})
    with pytest.raises(MappingError) as raised:
        ColumnMapping.from_names(["Tanggal", "Debit"], {"credit": "Kredit Bank"})
    assert "Kredit Bank" in raised.value.text.en and "Tanggal, Debit" in raised.value.text.en
    with pytest.raises(MappingError, match="saldo"):
        ColumnMapping.from_names(["a"], {"saldo": "A"})


def test_from_names_maps_optional_fields_and_names_them_when_missing():
    headers = ["Tgl", "Ref", "Akun", "D", "K", "Lokasi", "USD"]

    mapping = ColumnMapping.from_names(headers, {"branch": "lokasi", "prime_amount": "G"})

    assert (mapping.branch, mapping.prime_amount) == (5, 6)
    with pytest.raises(MappingError) as raised:
        ColumnMapping.from_names(headers, {"rate": "Kurs Harian"})
    assert "Kurs Harian" in raised.value.text.id and "untuk Kurs" in raised.value.text.id


@pytest.mark.parametrize(
    ("index", "letter"), [(0, "A"), (3, "D"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA")]
)
def test_column_letters(index, letter):
    assert column_letter(index) == letter
    assert column_index(letter) == index
    assert column_index(letter.lower()) == index


def test_not_column_letters():
    assert column_index("Debit") is None
    assert column_index("A1") is None
    with pytest.raises(ValueError):
        column_letter(-1)
