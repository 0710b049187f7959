"""The Sempoa client against the sandbox over real HTTP on 127.0.0.1: token check, accounts
across pages, both documented journal line shapes, duplicate references, look-ups, faults.

The sandbox honours at most 25 rows a page (sandbox.sempoa.MAX_LIMIT) while the client asks
for 100: a client that took a short page for the last one would miss rows here."""

from __future__ import annotations

from collections.abc import Generator
from datetime import date
from decimal import Decimal

import pytest

from app.api import errors
from app.api.ratelimit import RateLimiter
from app.api.sempoa import SempoaClient, journal_body
from app.api.transport import RetryPolicy
from app.core.books.journal import JournalEntry, JournalLine
from app.sandbox import DEMO_SEMPOA_TOKEN, SEMPOA_CHART, Faults, Sandbox
from app.sandbox.request_log import token_hash
from app.sandbox.sempoa import MAX_LIMIT
from tests.helpers.http_helpers import VirtualTime

CASH, BANK, BUILDING = [account.kode for account in SEMPOA_CHART if account.level > 1][:3]
NAMES = {account.kode: account.akun for account in SEMPOA_CHART}


def client_for(
    sb: Sandbox, vt: VirtualTime, *, token: str = DEMO_SEMPOA_TOKEN, lines: str = "arrays"
) -> SempoaClient:
    return SempoaClient.create(
        token=token,
        # Sempoa's limits are undocumented (the sandbox enforces none): no need to pace tests.
        limiter=RateLimiter(per_second=100, clock=vt.monotonic),
        base_url=sb.sempoa_url,
        line_shape=lines,  # type: ignore[arg-type]
        retry=RetryPolicy(sleep=vt.sleep, random=lambda: 0.0),
    )


@pytest.fixture
def client(sb, vt) -> Generator[SempoaClient, None, None]:
    with client_for(sb, vt) as sempoa:
        yield sempoa


def purchase(reference: str = "PB/2023/VI/0001") -> JournalEntry:
    """The seed's own example: a shop-house bought for 90,000 from three accounts."""
    return JournalEntry(
        date(2023, 12, 30),
        reference,
        "Pembelian ruko di Citra Raya",
        [
            JournalLine(CASH, debit=Decimal("15000.00")),
            JournalLine(BANK, debit=Decimal("74999.50")),
            JournalLine(BUILDING, credit=Decimal("89999.50")),
        ],
    )


def test_a_good_token_passes_the_check_by_asking_sempoa_once(sb, client):
    """The check passes only on Sempoa's own answer: one POST /check with this token."""
    assert client.check() is None
    asked = [
        (r.method, r.path.rsplit("/", 1)[-1], r.token_hash, r.status) for r in sb.request_log()
    ]
    assert asked == [("POST", "check", token_hash(DEMO_SEMPOA_TOKEN), 200)]


def test_a_bad_token_is_refused_with_advice(sb, vt):
    with (
        client_for(sb, vt, token="sempoa-wrong-token") as client,
        pytest.raises(errors.AuthError) as caught,
    ):
        client.check()
    assert "Generate Token" in caught.value.text.id and "Generate Token" in caught.value.text.en
    assert "API Sempoa not authorized" in caught.value.messages


def test_a_replaced_token_stops_posting(sb, client):
    sb.revoke(DEMO_SEMPOA_TOKEN)
    with pytest.raises(errors.AuthError):
        client.post_journal(purchase())
    assert sb.sempoa_journals() == []


def test_every_account_is_read_across_pages_with_parents_marked(sb, client):
    client.page_size = 10
    chart = client.accounts()
    assert sorted(chart) == sorted(account.kode for account in SEMPOA_CHART)
    groups = {account.kode for account in SEMPOA_CHART if account.level == 1}
    assert {code for code, account in chart.items() if account.is_parent} == groups
    assert chart[CASH].name == "Kas" and chart[CASH].account_type
    pages = [r for r in sb.request_log() if r.path.endswith("/akun")]
    # Four pages of rows, then the empty page that says the list has ended.
    assert len(pages) == len(SEMPOA_CHART) // 10 + 2


def test_the_whole_chart_is_read_when_sempoa_answers_fewer_rows_than_asked(sb, client):
    assert client.page_size > MAX_LIMIT < len(SEMPOA_CHART)
    chart = client.accounts()
    assert sorted(chart) == sorted(account.kode for account in SEMPOA_CHART)
    assert len([r for r in sb.request_log() if r.path.endswith("/akun")]) == 3  # 25, 14, 0


@pytest.mark.parametrize("lines", ["arrays", "transaksi"])
def test_both_line_shapes_put_the_same_journal_on_the_books(sb, vt, lines):
    with client_for(sb, vt, lines=lines) as client:
        result = client.post_journal(purchase())
    assert result.ok and result.remote_id and result.remote_number == "PB/2023/VI/0001"
    (stored,) = sb.sempoa_journals()
    assert (stored["referensi"], stored["tanggal"], stored["deskripsi"]) == (
        "PB/2023/VI/0001",
        "2023-12-30",
        "Pembelian ruko di Citra Raya",
    )
    assert [
        (t["akun"], Decimal(t["debit"]), Decimal(t["kredit"])) for t in stored["transaksi"]
    ] == [
        (CASH, Decimal("15000"), Decimal(0)),
        (BANK, Decimal("74999.5"), Decimal(0)),
        (BUILDING, Decimal(0), Decimal("89999.5")),
    ]


def test_the_arrays_shape_is_the_seeds_example_exactly():
    body = journal_body(purchase(), "arrays")
    assert body == {
        "deskripsi": "Pembelian ruko di Citra Raya",
        "referensi": "PB/2023/VI/0001",
        "tanggal": "2023-12-30",
        "akun": [CASH, BANK, BUILDING],
        "debit": ["15000", "74999.50", "0"],
        "kredit": ["0", "0", "89999.50"],
    }


def test_a_reference_already_used_is_its_own_outcome(sb, client):
    assert client.post_journal(purchase()).ok
    again = client.post_journal(purchase())
    assert (again.ok, again.already_exists) == (False, True)
    assert again.messages == ["Nomor referensi sudah ada"]
    assert len(sb.sempoa_journals()) == 1


def test_a_refused_journal_carries_sempoas_message(client):
    entry = purchase()
    entry.lines[0].account = "99999"
    result = client.post_journal(entry)
    assert (result.ok, result.already_exists) == (False, False)
    assert result.messages and "99999" in result.messages[0]


def test_journals_are_found_by_reference_across_short_pages(sb, client):
    for n in range(MAX_LIMIT + 3):
        assert client.post_journal(purchase(f"PB-{n:02d}")).ok
    last = f"PB-{MAX_LIMIT + 2:02d}"  # on the second page, after a page shorter than asked
    found = client.find_journal(last)
    assert found is not None and found.number == last and found.date == date(2023, 12, 30)
    assert client.find_journal("PB-99") is None
    both = client.find_journals(["PB-00", last, "PB-99"])
    assert sorted(both) == ["PB-00", last]


def test_journals_are_read_back_as_the_service_holds_them(client):
    posted = {}
    for n in range(MAX_LIMIT + 5):  # two pages of the capped list, then the empty one
        result = client.post_journal(purchase(f"PB-{n:02d}"))
        posted[result.remote_number] = result.remote_id
    vouchers = list(client.journals())
    assert {v.number: v.remote_id for v in vouchers} == posted
    first = vouchers[0]
    assert (first.number, first.date, first.description) == (
        "PB-00",
        date(2023, 12, 30),
        "Pembelian ruko di Citra Raya",
    )
    assert [(line.account, line.account_name, line.debit, line.credit) for line in first.lines] == [
        ("", "Kas", Decimal("15000"), Decimal(0)),
        ("", "Bank BCA", Decimal("74999.5"), Decimal(0)),
        ("", NAMES[BUILDING], Decimal(0), Decimal("89999.5")),
    ]
    assert all(isinstance(line.debit, Decimal) for v in vouchers for line in v.lines)


def test_a_post_cut_off_after_it_was_stored_is_uncertain_and_is_on_the_books(sb, client):
    sb.faults = Faults(drop_after_store_rate=1.0)
    with pytest.raises(errors.UncertainOutcome) as caught:
        client.post_journal(purchase("PB-DROP"))
    assert "PB-DROP" in caught.value.text.en
    assert [j["referensi"] for j in sb.sempoa_journals()] == ["PB-DROP"]
    sb.faults = Faults()
    assert client.find_journal("PB-DROP") is not None


def test_reads_are_retried_through_server_errors(sb, vt, client):
    sb.faults = Faults(error_rate=0.5, seed=4)
    assert len(client.accounts()) == len(SEMPOA_CHART)
    assert sb.stats.injected_errors >= 1 and vt.sleeps
