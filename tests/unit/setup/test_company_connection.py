"""Connecting a company: making one does no I/O, one run of `jurnal-desk post` reads the chart
once over one connection, and the window's tasks on one company share one client. Counted
on the sandbox's request log (each request records the client's end of its connection)."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from app.api.errors import NetworkError
from app.api.ratelimit import LimiterRegistry
from app.cli import EXIT_OK
from app.posting.service import opened_outbox, post_entries, undo_batch
from app.profiles.secrets import SecretStore
from app.sandbox import Sandbox
from app.setup.connect import saved_company
from app.setup.session import CompanySession, check_connection, load_chart
from app.ui.common.tasks import TaskState
from app.ui.posting.work import PostingJob, check_entries, run_posting, session_company
from tests.helpers.cli_helpers import (
    ACCURATE,
    SEMPOA,
    journal_rows,
    run,
)
from tests.helpers.posting_helpers import (
    BRANCH_PATHS,
    SEMPOA_CREDIT,
    SEMPOA_DEBIT,
    chart_requests,
    entries,
)
from tests.helpers.workbooks import write_workbook


def connections(sandbox: Sandbox, since: int = 0) -> set[str]:
    """The connections to the company's data host (api-token.do is on Accurate's account
    host, another server)."""
    records = sandbox.request_log()[since:]
    return {r.peer for r in records if not r.path.endswith("api-token.do")}


def one_chart_read(sandbox: Sandbox, store, name: str) -> int:
    """How many requests reading the chart once takes (its pages, and Accurate's second
    listing of the accounts that take journal lines)."""
    before = len(sandbox.request_log())
    with saved_company(store, SecretStore(), LimiterRegistry(), name) as company:
        company.chart()
    return chart_requests(sandbox, before)


@pytest.mark.parametrize(
    ("name", "rows"),
    [
        (ACCURATE, journal_rows(4)),
        (SEMPOA, journal_rows(4, SEMPOA_DEBIT, SEMPOA_CREDIT)),
    ],
)
def test_one_post_run_reads_the_chart_once_over_one_connection(
    sb, profiles, tmp_path, capsys, name, rows
):
    once = one_chart_read(sb, profiles, name)
    assert once >= 1
    book = write_workbook(tmp_path / "agustus.xlsx", rows)
    before = len(sb.request_log())
    code, out, err = run(capsys, "post", str(book), "--profile", name)
    assert code == EXIT_OK, out + err
    assert len(sb.vouchers() if name == ACCURATE else sb.sempoa_journals()) == 4
    assert chart_requests(sb, before) == once
    # One client: what is read before posting comes over one kept-alive connection (the
    # postings themselves may run side by side, over more connections of the same pool).
    reads = [r for r in sb.request_log()[before:] if r.method == "GET"]
    assert len({r.peer for r in reads if not r.path.endswith("api-token.do")}) == 1


def test_making_a_company_sends_nothing_until_it_is_used(sb, profiles):
    before = len(sb.request_log())
    company = saved_company(profiles, SecretStore(), LimiterRegistry(), ACCURATE)
    assert not company.connected and len(sb.request_log()) == before
    with company:
        assert company.chart() and company.connected
    assert not company.connected  # closed


def test_a_company_whose_service_is_down_is_made_and_fails_on_first_use(
    profiles, quick_retry_waits
):
    down = dataclasses.replace(profiles.get(ACCURATE), url="http://127.0.0.1:9/")
    profiles.save(down)
    company = saved_company(profiles, SecretStore(), LimiterRegistry(), ACCURATE)
    with company, pytest.raises(NetworkError):
        company.chart()


def window_session(store) -> CompanySession:
    return CompanySession(store.get(ACCURATE), store.secrets, store.path.parent, store=store)


def test_the_window_tasks_on_one_company_share_one_client(sb, profiles):
    """Checking the connection, loading the chart, posting and undoing, as the window runs
    them one after another on its workers: one connection to the company's data host."""
    limiters = LimiterRegistry()
    session = window_session(profiles)
    before = len(sb.request_log())
    try:
        check_connection(session, limiters, TaskState())
        assert load_chart(session, limiters, TaskState())
        with session.company(limiters) as company, opened_outbox(session.outbox_home) as box:
            report = post_entries(box, company, entries(3))
        assert report.complete and len(sb.vouchers()) == 3
        with session.company(limiters) as company, opened_outbox(session.outbox_home) as box:
            undo_batch(box, company, report.batch)
        assert sb.vouchers() == []
        assert session.clients.connected  # kept for the session's next task
    finally:
        session.end()
    assert not session.clients.connected  # the company was left: its client is closed
    assert len(connections(sb, before)) == 1


@pytest.mark.parametrize(
    ("name", "accounts"),
    [(ACCURATE, ()), (SEMPOA, (SEMPOA_DEBIT, SEMPOA_CREDIT))],
)
def test_a_post_from_the_window_reads_the_chart_once(sb, profiles, name, accounts):
    """The window's check reads the chart (and Accurate's branches); the post that follows
    it takes that reading. A later run of the same window (Lanjutkan) reads them again."""
    once = one_chart_read(sb, profiles, name)
    limiters = LimiterRegistry()
    session = CompanySession(profiles.get(name), profiles.secrets, profiles.path.parent)
    connect = session_company(session, limiters)
    items = tuple(entries(3, accounts=accounts) if accounts else entries(3))
    try:
        before = len(sb.request_log())
        outcome = check_entries(connect, items, TaskState())
        assert outcome.checked.ok
        job = PostingJob(connect, session.outbox_home, items, reading=outcome.reading)
        report = run_posting(job, threading.Event(), TaskState())
        assert report.complete
        assert chart_requests(sb, before) == once
        assert chart_requests(sb, before, BRANCH_PATHS) == (1 if name == ACCURATE else 0)

        before = len(sb.request_log())
        again = run_posting(dataclasses.replace(job, reading=None), threading.Event(), TaskState())
        assert again.progress.skipped == 3  # posted before: nothing sent twice
        assert chart_requests(sb, before) == once
    finally:
        session.end()


def test_a_reading_over_another_client_is_not_used(sb, profiles):
    """New connection settings between the check and the post: the post reaches the company
    on a new client and reads the chart itself."""
    once = one_chart_read(sb, profiles, ACCURATE)
    limiters = LimiterRegistry()
    session = window_session(profiles)
    connect = session_company(session, limiters)
    try:
        outcome = check_entries(connect, entries(2), TaskState())
        profiles.save(dataclasses.replace(profiles.get(ACCURATE), language="US"))
        before = len(sb.request_log())
        job = PostingJob(connect, session.outbox_home, tuple(entries(2)), reading=outcome.reading)
        assert run_posting(job, threading.Event(), TaskState()).complete
        assert chart_requests(sb, before) == once
        assert chart_requests(sb, before, BRANCH_PATHS) == 1
    finally:
        session.end()


def test_a_task_still_running_when_the_company_is_left_keeps_its_client(sb, profiles):
    limiters = LimiterRegistry()
    session = window_session(profiles)
    with session.company(limiters) as company:
        company.chart()
        session.end()  # another company chosen meanwhile
        assert company.chart(reload=True)  # the task goes on with the client it has
    assert not session.clients.connected


def test_new_connection_settings_get_a_new_client(sb, profiles):
    """The API language is part of every request: the next task, after it was changed in the
    Settings dialog, reaches the company on a new client."""
    limiters = LimiterRegistry()
    session = window_session(profiles)
    try:
        before = len(sb.request_log())
        for _ in range(2):
            with session.company(limiters) as company:
                company.chart()
        kept = connections(sb, before)
        profiles.save(dataclasses.replace(profiles.get(ACCURATE), language="US"))
        before = len(sb.request_log())
        with session.company(limiters) as company:
            company.chart()
        assert len(kept) == 1 and connections(sb, before).isdisjoint(kept)
    finally:
        session.end()
