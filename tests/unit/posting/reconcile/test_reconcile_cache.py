"""What an interrupted reconcile keeps on disk: read back whole, private, dropped when cut
mid-line, too old, or finished."""

from __future__ import annotations

import os
import stat
import time
from datetime import date
from decimal import Decimal

from app.api.records import RemoteLine, RemoteVoucher
from app.posting.reconcile.cache import MAX_AGE, ReadingCache

AUGUST = (date(2026, 8, 1), date(2026, 8, 31))
VOUCHER = RemoteVoucher(
    "1001",
    "JU/001",
    date(2026, 8, 2),
    "Penjualan 1",
    "Pusat",
    (
        RemoteLine("1-10001", Decimal("1500000.50"), Decimal(0), "kas"),
        RemoteLine("4-40001", Decimal(0), Decimal("1500000.50"), account_name="Pendapatan"),
    ),
)
LISTED = RemoteVoucher("1002", "JU/002", date(2026, 8, 3), total=Decimal("25.10"))


def test_pages_and_vouchers_read_come_back_exactly_and_the_file_is_private(tmp_path):
    cache = ReadingCache(tmp_path, "PT A", *AUGUST)
    cache.add_page(1, [LISTED])
    cache.add_page(2, [])
    cache.add_details([VOUCHER])
    again = ReadingCache(tmp_path, "PT A", *AUGUST)
    assert again.continued and again.next_page() == 3 and not again.list_done
    assert again.listed() == [LISTED] and again.details == {"1001": VOUCHER}
    assert stat.S_IMODE(os.stat(again.path).st_mode) == 0o600
    assert not ReadingCache(tmp_path, "PT A", date(2026, 9, 1), date(2026, 9, 30)).continued
    assert not ReadingCache(tmp_path, "PT B", *AUGUST).continued
    again.end_list()
    assert ReadingCache(tmp_path, "PT A", *AUGUST).list_done
    again.clear()
    assert not ReadingCache(tmp_path, "PT A", *AUGUST).continued


def test_a_line_cut_by_the_interruption_or_an_old_reading_starts_afresh(tmp_path):
    cache = ReadingCache(tmp_path, "PT A", *AUGUST)
    cache.add_page(1, [LISTED])
    with cache.path.open("a", encoding="utf-8") as file:
        file.write('{"page": 2, "vouch')
    assert not ReadingCache(tmp_path, "PT A", *AUGUST).continued
    assert not cache.path.exists()

    cache.add_page(1, [LISTED])
    old = time.time() - MAX_AGE - 60
    os.utime(cache.path, (old, old))
    assert not ReadingCache(tmp_path, "PT A", *AUGUST).continued
