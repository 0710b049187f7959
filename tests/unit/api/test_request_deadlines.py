"""No server holds a request past its deadline, and no answer is read past its size cap:
a dripping server, a silent one, and a huge body, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import pytest

from app.api import errors
from app.api.deadlines import MAX_BODY_BYTES
from tests.helpers.http_helpers import Reply, ScriptedServer, transport

DRIP = Reply(body={"s": True, "d": ["x" * 400]}, drip=0.05)  # ~20 s for the whole body


def test_a_server_dripping_its_answer_is_given_up_at_the_deadline(vt):
    with ScriptedServer(DRIP) as server, transport(server.url, vt) as http:
        with pytest.raises(errors.NetworkError) as failed:
            http.request("GET", "accurate/api/glaccount/list.do", deadline=1.0)
        assert len(server.seen) == 1  # the deadline covers the retries too
    assert "ran out of time" in failed.value.text.en


def test_a_save_whose_answer_drips_past_the_deadline_is_uncertain_not_repeated(vt):
    with ScriptedServer(DRIP) as server, transport(server.url, vt) as http:
        with pytest.raises(errors.UncertainOutcome):
            http.request("POST", "accurate/api/journal-voucher/save.do", json_body={}, deadline=1.0)
        assert len(server.seen) == 1


def test_a_silent_server_costs_one_deadline_not_five_read_timeouts(vt):
    with ScriptedServer(Reply(stall=8)) as server, transport(server.url, vt) as http:
        with pytest.raises(errors.NetworkError):
            http.request("GET", "accurate/api/glaccount/list.do", deadline=1.0)
        assert len(server.seen) == 1


def test_an_answer_larger_than_any_answer_can_be_is_not_read_whole(vt):
    huge = Reply(body="x" * (MAX_BODY_BYTES + 1))
    with ScriptedServer(huge) as server, transport(server.url, vt) as http:
        with pytest.raises(errors.ServerError) as refused:
            http.request("GET", "accurate/api/glaccount/list.do")
        with pytest.raises(errors.UncertainOutcome):
            http.request("POST", "accurate/api/journal-voucher/save.do", json_body={})
        assert len(server.seen) == 2  # never asked again
    assert "too large" in refused.value.text.en
