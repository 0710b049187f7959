"""Only Sempoa's explicit success counts, over real HTTP against the hostile sandbox: a save
answered any other way at HTTP 200 is an uncertain outcome (never posted, never a plain
refusal); a read answered any other way is a clean "could not be read" error; a list that
never ends stops with a message."""

from __future__ import annotations

import uuid
from collections.abc import Generator
from datetime import date
from decimal import Decimal

import pytest

from app.api import errors
from app.api.ratelimit import RateLimiter
from app.api.sempoa import SempoaClient, journal_body
from app.api.transport import RetryPolicy
from app.api.wire import json_bytes
from app.core.books.journal import JournalEntry, JournalLine
from app.sandbox import DEMO_SEMPOA_TOKEN, SEMPOA_CHART, Sandbox
from app.sandbox.sempoa import MAX_LIMIT
from app.sandbox.sempoa_faults import NOT_CONFIRMING, READ_ANSWERS

CASH, BANK, BUILDING = [account.kode for account in SEMPOA_CHART if account.level > 1][:3]


@pytest.fixture
def client(sb) -> Generator[SempoaClient, None, None]:
    with SempoaClient.create(
        token=DEMO_SEMPOA_TOKEN,
        limiter=RateLimiter(per_second=10_000),
        base_url=sb.sempoa_url,
        retry=RetryPolicy(sleep=lambda _s: None, random=lambda: 0.0),
    ) as sempoa:
        yield sempoa


def entry(reference: str = "PB/2023/XII/0001", cents: str = "0") -> JournalEntry:
    amount = Decimal(f"89999.5{cents}")
    return JournalEntry(
        date(2023, 12, 30),
        reference,
        "Pembelian ruko di Citra Raya",
        [
            JournalLine(CASH, debit=Decimal("15000.00")),
            JournalLine(BANK, debit=amount - Decimal(15000)),
            JournalLine(BUILDING, credit=amount),
        ],
    )


# -- what is sent -----------------------------------------------------------------------------


def test_new_clients_send_transaksi_with_exact_numbers():
    with (
        Sandbox() as sb,
        SempoaClient.create(
            token=DEMO_SEMPOA_TOKEN, limiter=RateLimiter(), base_url=sb.sempoa_url
        ) as client,
    ):
        assert client.line_shape == "transaksi"
    wire = json_bytes(journal_body(entry(cents="123456789")))
    assert wire.endswith(
        b'"transaksi":[{"akun":"1000","debit":15000,"kredit":0},'
        b'{"akun":"1001","debit":74999.5123456789,"kredit":0},'
        b'{"akun":"1002","debit":0,"kredit":89999.5123456789}]}'
    )


def test_amounts_in_transaksi_arrive_exactly(sb, client):
    assert client.post_journal(entry(cents="123456789")).ok
    (stored,) = sb.sempoa_journals()
    assert [line["kredit"] for line in stored["transaksi"]] == ["0", "0", "89999.5123456789"]


# -- saves --------------------------------------------------------------------------------------


def test_the_documented_success_is_read_without_assuming_its_shape(client):
    result = client.post_journal(entry())
    assert result.ok and not result.already_exists
    assert str(uuid.UUID(result.remote_id)) == result.remote_id
    assert result.remote_number == "PB/2023/XII/0001"
    assert result.messages == ["Success"]


@pytest.mark.parametrize("answer", ["status_text", "created"])
def test_a_success_with_status_as_text_or_http_201_still_counts(sb, client, answer):
    sb.sempoa_faults().misanswer_saves(answer)
    result = client.post_journal(entry())
    assert result.ok and result.remote_number == "PB/2023/XII/0001"
    assert len(sb.sempoa_journals()) == 1


@pytest.mark.parametrize("stored", [True, False], ids=["stored", "not-stored"])
@pytest.mark.parametrize("answer", NOT_CONFIRMING)
def test_an_answer_that_confirms_nothing_is_uncertain_and_names_the_entry(
    sb, client, answer, stored
):
    sb.sempoa_faults().misanswer_saves(answer, stored=stored)
    with pytest.raises(errors.UncertainOutcome) as caught:
        client.post_journal(entry("PB-RAGU"))
    text = caught.value.text
    assert "PB-RAGU" in text.id and "PB-RAGU" in text.en
    assert "Jangan kirim ulang dulu" in text.id and "looks the reference up" in text.en
    assert DEMO_SEMPOA_TOKEN not in text.id + text.en
    assert len(sb.sempoa_journals()) == (1 if stored else 0)


def test_the_uncertain_outcome_says_what_the_server_answered(sb, client):
    faults = sb.sempoa_faults()
    faults.misanswer_saves("gagal")
    faults.misanswer_saves("other_reference")
    with pytest.raises(errors.UncertainOutcome) as gagal:
        client.post_journal(entry("PB-1"))
    assert "Gagal menyimpan jurnal" in gagal.value.text.en
    assert "status 'error'" in gagal.value.text.en
    with pytest.raises(errors.UncertainOutcome) as other:
        client.post_journal(entry("PB-2"))
    assert "names journal PB-2-LAIN, not PB-2" in other.value.text.en


def test_a_clear_refusal_stays_a_rejection_with_the_servers_words(sb, client):
    wrong = entry()
    wrong.lines[0].account = "9999"
    result = client.post_journal(wrong)
    assert (result.ok, result.already_exists) == (False, False)
    assert result.messages == ["Akun 9999 tidak ditemukan."]
    sb.sempoa_faults().misanswer_saves("refused_at_200", stored=False)
    at_200 = client.post_journal(entry())
    assert (at_200.ok, at_200.messages) == (False, ["Jurnal ditolak oleh sandbox."])
    assert sb.sempoa_journals() == []


def test_a_reference_already_used_is_its_own_outcome(client):
    assert client.post_journal(entry()).ok
    again = client.post_journal(entry())
    assert (again.ok, again.already_exists, again.messages) == (
        False,
        True,
        ["Nomor referensi sudah ada"],
    )


# -- reads --------------------------------------------------------------------------------------


# `data: null` is the documented success of /check, and only of /check.
READS = [
    (call, answer)
    for call in ("check", "accounts", "journals")
    for answer in READ_ANSWERS
    if (call, answer) != ("check", "data_null")
]


@pytest.mark.parametrize(("call", "answer"), READS)
def test_a_read_answered_without_success_cannot_be_read(sb, client, call, answer):
    sb.sempoa_faults().misanswer_reads(answer)
    read = {
        "check": client.check,
        "accounts": client.accounts,
        "journals": lambda: list(client.journals()),
    }[call]
    with pytest.raises(errors.ServerError) as caught:
        read()
    assert "tidak dikenali" in caught.value.text.id and "not understood" in caught.value.text.en
    read()  # the next answer is the documented one again


def test_a_list_that_ignores_page_stops_with_a_message(sb, client):
    sb.sempoa_faults().ignore_page = True
    with pytest.raises(errors.ServerError) as caught:
        client.accounts()
    assert "halaman 2" in caught.value.text.id and "page 2" in caught.value.text.en
    assert len([r for r in sb.request_log() if r.path.endswith("/akun")]) == 2


def test_a_list_longer_than_the_page_guard_stops_with_a_message(sb, client):
    client.max_pages = 1
    with pytest.raises(errors.ServerError) as caught:
        client.accounts()
    assert "1 pages" in caught.value.text.en and "1 halaman" in caught.value.text.id
    client.max_pages = 2  # 25 + 14 rows, then the empty page is the third read
    with pytest.raises(errors.ServerError):
        client.accounts()
    client.max_pages = 3
    assert len(client.accounts()) == len(SEMPOA_CHART) > MAX_LIMIT
