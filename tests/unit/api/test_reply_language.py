"""A company whose Accurate messages are set to English or Chinese, against a sandbox that
words English and Chinese in ways no client knows: limit replies at HTTP 200, a re-send
refused as a duplicate number, and a company with several branches still end with every
entry right, because every request Jurnal Desk reads the words of asks for Indonesian.
Real sandbox over HTTP, real SQLite outbox."""

from __future__ import annotations

import dataclasses
from collections import Counter

import httpx
import pytest

from app.api import reply_language
from app.api import reply_wording as wording
from app.api.accurate import AccurateClient
from app.api.accurate_refusals import BRANCH_NEEDED
from app.api.ratelimit import RateLimiter
from app.api.retrying import RetryPolicy
from app.cli import EXIT_OK
from app.core.i18n.messages import service_words
from app.posting.checks.closing_date import says_closed
from app.posting.checks.length_limits import length_hints
from app.posting.engine import PostingEngine
from app.posting.outbox.ledger import EntryStatus
from app.posting.reasons import EntryReason
from app.posting.targets import AccurateTarget
from app.profiles.store import Profile
from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN, Faults, Sandbox, unknown_wording
from app.sandbox import master_data as sandbox_master_data
from app.sandbox import messages as sandbox_messages
from app.sandbox.branches import MULTI_BRANCHES
from tests.helpers.cli_helpers import demo_profiles, journal_rows, run
from tests.helpers.http_helpers import Reply, ScriptedServer
from tests.helpers.posting_helpers import entries
from tests.helpers.sandbox_helpers import API, save, sign, voucher
from tests.helpers.workbooks import write_workbook

LANGUAGES = ["US", "CN"]
COMPANY = "PT Bahasa Lain"
# Limit replies cost no real waiting here (the engine's behaviour is what is tested).
QUICK = RetryPolicy(
    sleep=lambda _seconds: None,
    random=lambda: 0.0,
    max_attempts=6,
    limit_delay=0.001,
    limit_max_delay=0.002,
)


@pytest.fixture
def sandbox_data():
    with Sandbox(unknown_wording=True, enforce_rate_limit=False) as sb, httpx.Client() as http:
        yield http, sb.accurate_host() + API


def company_client(sb: Sandbox, language: str) -> AccurateClient:
    """The client the app makes for a company whose message language is `language`
    (as app.setup.connect does with the profile's setting)."""
    return AccurateClient.create(
        token=DEMO_ACCURATE_TOKEN,
        secret=DEMO_ACCURATE_SECRET,
        limiter=RateLimiter(),
        host=sb.accurate_host(),
        account_url=sb.account_url,
        language=language,
        retry=QUICK,
    )


def posted_once(sb: Sandbox, references: list[str]) -> None:
    numbers = Counter(voucher["number"] for voucher in sb.vouchers())
    assert numbers == Counter(references), "every entry in the books exactly once"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("bulk", [True, False], ids=["bulk", "one-by-one"])
@pytest.mark.slow
def test_limit_replies_at_http_200_in_an_unknown_wording_are_waited_out(outbox, language, bulk):
    batch = entries(6)
    faults = Faults(rate_limit_rate=0.4, seed=7)
    with (
        Sandbox(faults, limit_reply="200", unknown_wording=True) as sb,
        company_client(sb, language) as client,
    ):
        engine = PostingEngine(outbox, AccurateTarget(client, bulk=bulk), "PT Demo")
        report = engine.run(engine.open_batch(batch))
        assert sb.stats.limit_replies_200 > 0, "the run met limit replies at HTTP 200"
        posted_once(sb, [entry.reference for entry in batch])
    assert report.complete
    assert [row.status for row in report.entries] == [EntryStatus.POSTED] * len(batch)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("bulk", [True, False], ids=["bulk", "one-by-one"])
def test_an_unclear_save_whose_resend_is_refused_as_a_duplicate_is_posted_once(
    outbox, language, bulk
):
    """The first save is stored but its answer names no voucher; the look-up does not show
    it yet ("not found"), so it is sent again and refused as a number already used; read
    back, it is the entry sent: posted, once."""
    batch = entries(3)
    first = batch[0].reference
    with Sandbox(unknown_wording=True) as sb, company_client(sb, language) as client:
        faults = sb.accurate_faults()
        faults.misanswer_saves("no_record", count=1, stored=True)
        faults.hide_in_look_ups(first, times=1)
        # One worker: the first save to arrive is the first entry's.
        target = AccurateTarget(client, bulk=bulk)
        engine = PostingEngine(outbox, target, "PT Demo", workers=1)
        report = engine.run(engine.open_batch(batch))
        posted_once(sb, [entry.reference for entry in batch])
        assert sb.save_attempts()[first] == 2, "sent again once, refused as already there"
    assert report.complete
    assert [row.status for row in report.entries] == [EntryStatus.POSTED] * 3
    assert report.entries[0].reason is EntryReason.FOUND_ON_SERVER


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("bulk", [True, False], ids=["bulk", "one-by-one"])
def test_entries_without_a_branch_are_refused_with_what_to_do(outbox, language, bulk):
    """A company whose user sees several branches: entries with a branch are posted, those
    without are refused with Accurate's words and Jurnal Desk's explanation of what to do;
    limit replies at HTTP 200 on the way change neither."""
    with_branch = [dataclasses.replace(e, branch="Pusat") for e in entries(4, prefix="CB")]
    without = entries(3, prefix="NB")
    faults = Faults(rate_limit_rate=0.3, seed=3)
    sandbox = Sandbox(faults, limit_reply="200", unknown_wording=True, demo_branches=MULTI_BRANCHES)
    with sandbox as sb, company_client(sb, language) as client:
        engine = PostingEngine(outbox, AccurateTarget(client, bulk=bulk), "PT Demo")
        report = engine.run(engine.open_batch([*with_branch, *without]))
        posted_once(sb, [entry.reference for entry in with_branch])
    status = {row.reference: row.status for row in report.entries}
    assert status == {
        **{entry.reference: EntryStatus.POSTED for entry in with_branch},
        **{entry.reference: EntryStatus.REJECTED for entry in without},
    }
    for row in report.entries:
        if row.reference.startswith("NB"):
            assert [m for m in row.messages if not isinstance(m, str)] == [BRANCH_NEEDED]
            assert any("lebih dari satu cabang" in m for m in service_words(row.messages))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_request_asks_accurate_for_indonesian(language):
    answer = Reply(body={"s": True, "d": [], "sp": {"page": 1, "pageCount": 1}})
    with ScriptedServer(answer) as server:
        client = AccurateClient.create(
            token=DEMO_ACCURATE_TOKEN,
            secret=DEMO_ACCURATE_SECRET,
            limiter=RateLimiter(),
            host=server.url,
            account_url=server.url,
            language=language,
            retry=QUICK,
        )
        with client:
            client.branches()
    assert [seen.headers[reply_language.HEADER] for seen in server.seen] == ["ID"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sandbox_answers_english_and_chinese_in_wording_no_client_knows(sandbox_data, language):
    """Asked in US or CN, the hostile sandbox words a number already used, a voucher not
    found and a missing branch in none of the client's patterns; asked in ID, in Accurate's
    confirmed Indonesian."""
    http, data = sandbox_data
    save(http, data, voucher("JV-1"))
    for asked, known in ((language, False), ("ID", True)):
        again = save(http, data, voucher("JV-1"), language=asked)
        assert wording.says_already_exists(again["d"]) is known
        missing = http.get(
            data + "journal-voucher/detail.do",
            params={"number": "NONE"},
            headers=sign(language=asked),
        ).json()
        assert wording.says_not_found(missing["d"]) is known


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_workbook_posted_for_a_company_set_to_english_or_chinese(capsys, tmp_path, language):
    """The whole path from the saved profile's setting: `jurnal-desk post` for a company whose
    messages are set to US or CN, against limit replies at HTTP 200 in unknown wording."""
    faults = Faults(rate_limit_rate=0.25, seed=11)
    with Sandbox(faults, limit_reply="200", unknown_wording=True) as sb:
        profile = Profile(COMPANY, "accurate", url=sb.account_url, sandbox=True, language=language)
        with demo_profiles(profile):
            workbook = write_workbook(tmp_path / "agustus.xlsx", journal_rows(4))
            code, out, err = run(capsys, "post", str(workbook), "--profile", COMPANY)
        assert sb.stats.limit_replies_200 > 0, "the run met limit replies at HTTP 200"
        posted_once(sb, [f"JU/{n:03}" for n in range(1, 5)])
    assert code == EXIT_OK, out + err


RECOGNISED = {
    "rate_limited": wording.says_rate_limited,
    "number_used": wording.says_already_exists,
    "branch_required": wording.says_branch_needed,
    "voucher_not_found": wording.says_not_found,
    "voucher_id_invalid": wording.says_not_found,
    "closing_date": says_closed,
    "closing_date_bare": says_closed,
    "too_long": lambda messages: bool(length_hints(messages)),
}


def indonesian(key: str, params: dict) -> str:
    if key in ("closing_date", "closing_date_bare", "too_long"):
        return sandbox_master_data._say(key, "ID", **params)
    return sandbox_messages.message(key, "ID", **params)


@pytest.mark.parametrize("key", sorted(RECOGNISED))
def test_the_client_reads_the_indonesian_wording_and_no_guess_at_the_unknown_one(key):
    """What the client decides from: Accurate's Indonesian as the sandbox words it is
    recognised; none of the sandbox's unknown English and Chinese phrases is."""
    params = {"number": "JV-1", "date": "31/12/2025", "label": "Nomor #", "n": 30}
    says = RECOGNISED[key]
    assert says([indonesian(key, params)])
    for language in LANGUAGES:
        for phrase in unknown_wording.phrases(key, language):
            assert not says([phrase.format(**params)]), phrase


def test_a_resent_entry_refused_in_words_not_known_is_looked_up_before_it_counts_refused(
    outbox,
):
    """A service that answers in another wording whatever was asked: the entry's first send
    went unanswered and a look-up did not find it, so it was sent again; that re-send is
    refused in words Jurnal Desk does not know. It may be "already there": the number is
    read, and the voucher found is the entry sent, so it is posted, not refused."""
    (entry,) = entries(1)
    amount = float(entry.lines[0].debit)
    voucher = {
        "id": 5001,
        "number": entry.reference,
        "transDate": entry.date.strftime("%d/%m/%Y"),
        "detailJournalVoucher": [
            {"glAccount": {"no": line.account}, "amount": amount, "amountType": side}
            for line, side in zip(entry.lines, ("DEBIT", "CREDIT"), strict=True)
        ],
    }
    script = [
        Reply(cut=True),  # the save is sent (and stored), no answer comes back
        Reply(body={"s": False, "d": ["Data Jurnal Umum tidak ditemukan"]}),  # not shown yet
        Reply(body={"s": False, "d": [f"Number {entry.reference} is held by another record"]}),
        Reply(body={"s": True, "d": voucher}),
    ]
    with ScriptedServer(*script) as server:
        client = AccurateClient.create(
            token=DEMO_ACCURATE_TOKEN,
            secret=DEMO_ACCURATE_SECRET,
            limiter=RateLimiter(),
            host=server.url,
            account_url=server.url,
            retry=QUICK,
        )
        with client:
            engine = PostingEngine(outbox, AccurateTarget(client, bulk=False), "PT Demo")
            report = engine.run(engine.open_batch([entry]))
    (row,) = report.entries
    assert (row.status, row.reason) == (EntryStatus.POSTED, EntryReason.FOUND_ON_SERVER)
    assert row.remote_id == "5001"
    assert [seen.method for seen in server.seen] == ["POST", "GET", "POST", "GET"]
