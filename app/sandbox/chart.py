"""The sandbox companies' charts of accounts: an Indonesian trading company.

Accurate numbers accounts `N-NNNNN` (1-10001 Kas, 1-10100 Bank BCA, ...); journal lines may
only use leaves (accounts no other account names as parent) that are not suspended. An account
in a foreign currency (Bank BCA USD) takes lines only with an exchange rate and the amount in
that currency. Sempoa's
`/akun` list shows level-1 groups with five-digit codes (10000 Aset) and, as in its tutorial
(akun 1000, 1001, 1002), four-digit postable accounts under them.
"""

from __future__ import annotations

from dataclasses import dataclass

# Accurate's accountType values and the names its Indonesian screens show for them.
ACCOUNT_TYPE_NAMES: dict[str, str] = {
    "CASH_BANK": "Kas & Bank",
    "ACCOUNT_RECEIVABLE": "Piutang Usaha",
    "INVENTORY": "Persediaan",
    "OTHER_CURRENT_ASSET": "Aset Lancar Lainnya",
    "FIXED_ASSET": "Aset Tetap",
    "ACCUMULATED_DEPRECIATION": "Akumulasi Penyusutan",
    "OTHER_ASSET": "Aset Lainnya",
    "ACCOUNT_PAYABLE": "Utang Usaha",
    "OTHER_CURRENT_LIABILITY": "Liabilitas Jangka Pendek",
    "LONG_TERM_LIABILITY": "Liabilitas Jangka Panjang",
    "EQUITY": "Ekuitas",
    "REVENUE": "Pendapatan",
    "COGS": "Beban Pokok Penjualan",
    "EXPENSE": "Beban",
    "OTHER_INCOME": "Pendapatan Lain",
    "OTHER_EXPENSE": "Beban Lain",
}


@dataclass(frozen=True, slots=True)
class GlAccount:
    """One Accurate GL account ("Akun Perkiraan")."""

    id: int
    no: str
    name: str
    account_type: str
    parent_no: str | None = None
    is_parent: bool = False
    suspended: bool = False
    currency: str = "IDR"

    @property
    def foreign(self) -> bool:
        return self.currency != "IDR"

    @property
    def postable(self) -> bool:
        return not self.is_parent and not self.suspended


# (no, name, accountType, parent no, suspended). A parent is any account another names.
_ACCURATE_ROWS: tuple[tuple[str, str, str, str | None, bool], ...] = (
    ("1-10000", "Kas dan Bank", "CASH_BANK", None, False),
    ("1-10001", "Kas", "CASH_BANK", "1-10000", False),
    ("1-10002", "Kas Kecil", "CASH_BANK", "1-10000", False),
    ("1-10003", "Kas Kecil Gudang", "CASH_BANK", "1-10000", False),
    ("1-10100", "Bank BCA", "CASH_BANK", "1-10000", False),
    ("1-10101", "Bank Mandiri", "CASH_BANK", "1-10000", False),
    ("1-10102", "Bank BRI", "CASH_BANK", "1-10000", False),
    ("1-10103", "Bank BNI", "CASH_BANK", "1-10000", False),
    ("1-10104", "Bank CIMB Niaga", "CASH_BANK", "1-10000", True),
    ("1-10105", "Bank Syariah Indonesia", "CASH_BANK", "1-10000", False),
    ("1-10200", "Piutang Usaha", "ACCOUNT_RECEIVABLE", None, False),
    ("1-10201", "Piutang Karyawan", "OTHER_CURRENT_ASSET", None, False),
    ("1-10202", "Piutang Lain-lain", "OTHER_CURRENT_ASSET", None, False),
    ("1-10203", "Cadangan Kerugian Piutang", "ACCOUNT_RECEIVABLE", None, False),
    ("1-10300", "Persediaan", "INVENTORY", None, False),
    ("1-10301", "Persediaan Barang Dagang", "INVENTORY", "1-10300", False),
    ("1-10302", "Persediaan Bahan Baku", "INVENTORY", "1-10300", False),
    ("1-10303", "Persediaan Barang Dalam Proses", "INVENTORY", "1-10300", False),
    ("1-10304", "Persediaan Barang Jadi", "INVENTORY", "1-10300", False),
    ("1-10305", "Persediaan Dalam Perjalanan", "INVENTORY", "1-10300", False),
    ("1-10400", "Aset Lancar Lainnya", "OTHER_CURRENT_ASSET", None, False),
    ("1-10401", "Uang Muka Pembelian", "OTHER_CURRENT_ASSET", "1-10400", False),
    ("1-10402", "Sewa Dibayar Dimuka", "OTHER_CURRENT_ASSET", "1-10400", False),
    ("1-10403", "Asuransi Dibayar Dimuka", "OTHER_CURRENT_ASSET", "1-10400", False),
    ("1-10404", "PPN Masukan", "OTHER_CURRENT_ASSET", "1-10400", False),
    ("1-10405", "PPh 22 Dibayar Dimuka", "OTHER_CURRENT_ASSET", "1-10400", False),
    ("1-10406", "PPh 23 Dibayar Dimuka", "OTHER_CURRENT_ASSET", "1-10400", False),
    ("1-10407", "PPh 25 Dibayar Dimuka", "OTHER_CURRENT_ASSET", "1-10400", False),
    ("1-20000", "Aset Tetap", "FIXED_ASSET", None, False),
    ("1-20100", "Tanah", "FIXED_ASSET", "1-20000", False),
    ("1-20200", "Bangunan", "FIXED_ASSET", "1-20000", False),
    ("1-20300", "Kendaraan", "FIXED_ASSET", "1-20000", False),
    ("1-20400", "Peralatan Kantor", "FIXED_ASSET", "1-20000", False),
    ("1-20500", "Mesin dan Peralatan", "FIXED_ASSET", "1-20000", False),
    ("1-20700", "Akumulasi Penyusutan", "ACCUMULATED_DEPRECIATION", None, False),
    ("1-20701", "Akumulasi Penyusutan Bangunan", "ACCUMULATED_DEPRECIATION", "1-20700", False),
    ("1-20702", "Akumulasi Penyusutan Kendaraan", "ACCUMULATED_DEPRECIATION", "1-20700", False),
    ("1-20703", "Akumulasi Penyusutan Peralatan", "ACCUMULATED_DEPRECIATION", "1-20700", False),
    ("1-20704", "Akumulasi Penyusutan Mesin", "ACCUMULATED_DEPRECIATION", "1-20700", False),
    ("1-30000", "Aset Lainnya", "OTHER_ASSET", None, False),
    ("1-30001", "Aset Tak Berwujud", "OTHER_ASSET", "1-30000", False),
    ("1-30002", "Akumulasi Amortisasi", "OTHER_ASSET", "1-30000", False),
    ("1-30003", "Uang Jaminan Sewa", "OTHER_ASSET", "1-30000", False),
    ("2-20100", "Utang Usaha", "ACCOUNT_PAYABLE", None, False),
    ("2-20101", "Utang Usaha Impor", "ACCOUNT_PAYABLE", None, False),
    ("2-20200", "Liabilitas Jangka Pendek Lainnya", "OTHER_CURRENT_LIABILITY", None, False),
    ("2-20201", "Utang Gaji", "OTHER_CURRENT_LIABILITY", "2-20200", False),
    ("2-20202", "Beban Yang Masih Harus Dibayar", "OTHER_CURRENT_LIABILITY", "2-20200", False),
    ("2-20203", "Uang Muka Penjualan", "OTHER_CURRENT_LIABILITY", "2-20200", False),
    ("2-20204", "PPN Keluaran", "OTHER_CURRENT_LIABILITY", "2-20200", False),
    ("2-20205", "Utang PPh 21", "OTHER_CURRENT_LIABILITY", "2-20200", False),
    ("2-20206", "Utang PPh 23", "OTHER_CURRENT_LIABILITY", "2-20200", False),
    ("2-20207", "Utang PPh 4 Ayat 2", "OTHER_CURRENT_LIABILITY", "2-20200", False),
    ("2-20208", "Utang PPh 25", "OTHER_CURRENT_LIABILITY", "2-20200", False),
    ("2-20209", "Utang PPh 29", "OTHER_CURRENT_LIABILITY", "2-20200", False),
    ("2-20210", "Utang BPJS", "OTHER_CURRENT_LIABILITY", "2-20200", False),
    ("2-30000", "Liabilitas Jangka Panjang", "LONG_TERM_LIABILITY", None, False),
    ("2-30001", "Utang Bank Jangka Panjang", "LONG_TERM_LIABILITY", "2-30000", False),
    ("2-30002", "Utang Sewa Pembiayaan Kendaraan", "LONG_TERM_LIABILITY", "2-30000", False),
    ("2-30003", "Utang Pemegang Saham", "LONG_TERM_LIABILITY", "2-30000", False),
    ("3-30000", "Modal", "EQUITY", None, False),
    ("3-30100", "Tambahan Modal Disetor", "EQUITY", None, False),
    ("3-30200", "Laba Ditahan", "EQUITY", None, False),
    ("3-30300", "Laba Tahun Berjalan", "EQUITY", None, False),
    ("3-30400", "Ekuitas Saldo Awal", "EQUITY", None, False),
    ("3-30500", "Dividen", "EQUITY", None, False),
    ("4-40000", "Pendapatan Penjualan", "REVENUE", None, False),
    ("4-40100", "Pendapatan Jasa", "REVENUE", None, False),
    ("4-40200", "Diskon Penjualan", "REVENUE", None, False),
    ("4-40300", "Retur Penjualan", "REVENUE", None, False),
    ("4-40400", "Pendapatan Ongkos Kirim", "REVENUE", None, False),
    ("5-50000", "Harga Pokok Penjualan", "COGS", None, False),
    ("5-50100", "Diskon Pembelian", "COGS", None, False),
    ("5-50200", "Retur Pembelian", "COGS", None, False),
    ("5-50300", "Biaya Angkut Pembelian", "COGS", None, False),
    ("5-50400", "Penyesuaian Persediaan", "COGS", None, False),
    ("6-60000", "Beban Umum dan Administrasi", "EXPENSE", None, False),
    ("6-60001", "Beban Gaji dan Upah", "EXPENSE", "6-60000", False),
    ("6-60002", "Beban Tunjangan Hari Raya", "EXPENSE", "6-60000", False),
    ("6-60003", "Beban BPJS", "EXPENSE", "6-60000", False),
    ("6-60004", "Beban Sewa Kantor", "EXPENSE", "6-60000", False),
    ("6-60005", "Beban Listrik", "EXPENSE", "6-60000", False),
    ("6-60006", "Beban Air", "EXPENSE", "6-60000", False),
    ("6-60007", "Beban Telepon dan Internet", "EXPENSE", "6-60000", False),
    ("6-60008", "Beban Alat Tulis Kantor", "EXPENSE", "6-60000", False),
    ("6-60009", "Beban Perawatan dan Perbaikan", "EXPENSE", "6-60000", False),
    ("6-60010", "Beban Asuransi", "EXPENSE", "6-60000", False),
    ("6-60011", "Beban Administrasi Bank", "EXPENSE", "6-60000", False),
    ("6-60012", "Beban Pajak dan Perizinan", "EXPENSE", "6-60000", False),
    ("6-60013", "Beban Jasa Profesional", "EXPENSE", "6-60000", False),
    ("6-60014", "Beban Keamanan dan Kebersihan", "EXPENSE", "6-60000", False),
    ("6-60015", "Beban Konsumsi Kantor", "EXPENSE", "6-60000", False),
    ("6-60016", "Beban Sumbangan", "EXPENSE", "6-60000", True),
    ("6-60100", "Beban Penjualan", "EXPENSE", None, False),
    ("6-60101", "Beban Iklan dan Promosi", "EXPENSE", "6-60100", False),
    ("6-60102", "Beban Komisi Penjualan", "EXPENSE", "6-60100", False),
    ("6-60103", "Beban Pengiriman", "EXPENSE", "6-60100", False),
    ("6-60104", "Beban Perjalanan Dinas", "EXPENSE", "6-60100", False),
    ("6-60105", "Beban Jamuan Relasi", "EXPENSE", "6-60100", False),
    ("6-60200", "Beban Penyusutan", "EXPENSE", None, False),
    ("6-60201", "Beban Penyusutan Bangunan", "EXPENSE", "6-60200", False),
    ("6-60202", "Beban Penyusutan Kendaraan", "EXPENSE", "6-60200", False),
    ("6-60203", "Beban Penyusutan Peralatan Kantor", "EXPENSE", "6-60200", False),
    ("6-60204", "Beban Penyusutan Mesin", "EXPENSE", "6-60200", False),
    ("6-60205", "Beban Amortisasi", "EXPENSE", "6-60200", False),
    ("6-60300", "Beban Kerugian Piutang", "EXPENSE", None, False),
    ("7-70000", "Pendapatan Lain-lain", "OTHER_INCOME", None, False),
    ("7-70001", "Pendapatan Bunga Jasa Giro", "OTHER_INCOME", "7-70000", False),
    ("7-70002", "Laba Selisih Kurs", "OTHER_INCOME", "7-70000", False),
    ("7-70003", "Laba Penjualan Aset Tetap", "OTHER_INCOME", "7-70000", False),
    ("7-70004", "Pendapatan Sewa", "OTHER_INCOME", "7-70000", False),
    ("8-80000", "Beban Lain-lain", "OTHER_EXPENSE", None, False),
    ("8-80001", "Beban Bunga Bank", "OTHER_EXPENSE", "8-80000", False),
    ("8-80002", "Rugi Selisih Kurs", "OTHER_EXPENSE", "8-80000", False),
    ("8-80003", "Pajak Jasa Giro", "OTHER_EXPENSE", "8-80000", False),
    ("8-80004", "Rugi Penjualan Aset Tetap", "OTHER_EXPENSE", "8-80000", False),
    ("8-80005", "Denda Pajak", "OTHER_EXPENSE", "8-80000", False),
    ("8-80006", "Beban Pajak Penghasilan Badan", "OTHER_EXPENSE", "8-80000", False),
)

# Foreign-currency accounts: (no, name, accountType, parent no, currency). They come last in
# the chart so the accounts above keep their positions (benches pick accounts by position).
_FOREIGN_ROWS: tuple[tuple[str, str, str, str | None, str], ...] = (
    ("1-10110", "Bank BCA USD", "CASH_BANK", "1-10000", "USD"),
)

_FIRST_ACCOUNT_ID = 50  # Accurate ids are database ids; a fresh company's start above 1.


def _accurate_chart() -> tuple[GlAccount, ...]:
    parents = {row[3] for row in _ACCURATE_ROWS if row[3]}
    rows = [(*row, "IDR") for row in _ACCURATE_ROWS]
    rows += [
        (no, name, kind, parent, False, currency)
        for no, name, kind, parent, currency in _FOREIGN_ROWS
    ]
    return tuple(
        GlAccount(
            id=_FIRST_ACCOUNT_ID + index,
            no=no,
            name=name,
            account_type=account_type,
            parent_no=parent,
            is_parent=no in parents,
            suspended=suspended,
            currency=currency,
        )
        for index, (no, name, account_type, parent, suspended, currency) in enumerate(rows)
    )


ACCURATE_CHART: tuple[GlAccount, ...] = _accurate_chart()


@dataclass(frozen=True, slots=True)
class SempoaAccount:
    """One Sempoa account as `/akun` lists it; `balance` is the normal side, Debit or Credit."""

    kode: str
    akun: str
    tipe: str
    level: int
    balance: str
    akun_induk: str  # the parent's name, "-" for a top-level group

    @property
    def is_group(self) -> bool:
        return self.level == 1

    def as_json(self) -> dict[str, object]:
        return {
            "kode": self.kode,
            "akun": self.akun,
            "tipe": self.tipe,
            "level": self.level,
            "balance": self.balance,
            "akun_induk": self.akun_induk,
        }


# (group code, group name, tipe, normal balance, [(code, name), ...])
_SEMPOA_GROUPS: tuple[tuple[str, str, str, str, tuple[tuple[str, str], ...]], ...] = (
    (
        "10000",
        "Aset",
        "Aset",
        "Debit",
        (
            ("1000", "Kas"),
            ("1001", "Bank BCA"),
            ("1002", "Bank Mandiri"),
            ("1003", "Kas Kecil"),
            ("1100", "Piutang Usaha"),
            ("1200", "Persediaan Barang Dagang"),
            ("1300", "PPN Masukan"),
            ("1400", "Sewa Dibayar Dimuka"),
            ("1500", "Tanah dan Bangunan"),
            ("1510", "Kendaraan"),
            ("1520", "Peralatan Kantor"),
            ("1590", "Akumulasi Penyusutan"),
        ),
    ),
    (
        "20000",
        "Kewajiban",
        "Kewajiban",
        "Credit",
        (
            ("2000", "Utang Usaha"),
            ("2100", "Utang Gaji"),
            ("2200", "PPN Keluaran"),
            ("2300", "Utang Pajak"),
            ("2400", "Utang Bank"),
        ),
    ),
    (
        "30000",
        "Modal",
        "Modal",
        "Credit",
        (("3000", "Modal Disetor"), ("3100", "Laba Ditahan"), ("3200", "Laba Berjalan")),
    ),
    (
        "40000",
        "Pendapatan",
        "Pendapatan",
        "Credit",
        (("4000", "Penjualan"), ("4100", "Pendapatan Jasa"), ("4200", "Pendapatan Lain-lain")),
    ),
    (
        "50000",
        "Harga Pokok Penjualan",
        "Harga Pokok Penjualan",
        "Debit",
        (("5000", "Harga Pokok Penjualan"), ("5100", "Biaya Angkut Pembelian")),
    ),
    (
        "60000",
        "Beban",
        "Beban",
        "Debit",
        (
            ("6000", "Beban Gaji"),
            ("6100", "Beban Sewa"),
            ("6200", "Beban Listrik dan Air"),
            ("6300", "Beban Telepon dan Internet"),
            ("6400", "Beban Perlengkapan Kantor"),
            ("6500", "Beban Penyusutan"),
            ("6600", "Beban Administrasi Bank"),
            ("6900", "Beban Lain-lain"),
        ),
    ),
)


def _sempoa_chart() -> tuple[SempoaAccount, ...]:
    accounts: list[SempoaAccount] = []
    for code, name, tipe, balance, children in _SEMPOA_GROUPS:
        accounts.append(SempoaAccount(code, name, tipe, 1, balance, "-"))
        accounts.extend(
            SempoaAccount(child_code, child_name, tipe, 2, balance, name)
            for child_code, child_name in children
        )
    return tuple(accounts)


SEMPOA_CHART: tuple[SempoaAccount, ...] = _sempoa_chart()
