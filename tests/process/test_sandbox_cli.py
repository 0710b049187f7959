"""`jurnal-desk sandbox` as a user runs it: start, read the printed addresses, call, stop."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys

import httpx
import pytest

from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN, DEMO_SEMPOA_TOKEN


def _start(*options: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "app", "sandbox", "--port", "0", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _read_banner(process: subprocess.Popen) -> dict[str, str]:
    """The printed lines up to "Ctrl-C", as label -> value."""
    shown: dict[str, str] = {}
    for line in process.stdout:
        label, _, value = line.strip().partition(": ")
        shown[label] = value.strip()
        if "Ctrl-C" in line:
            return shown
    raise AssertionError(f"the command ended early: {process.stderr.read()}")


@pytest.mark.parametrize("stop_with", [signal.SIGTERM, signal.SIGINT], ids=["term", "ctrl-c"])
def test_the_command_serves_until_stopped(stop_with):
    with _start("--latency-ms", "1") as process:
        try:
            shown = _read_banner(process)
            assert shown["Accurate API Token"] == DEMO_ACCURATE_TOKEN
            assert shown["Accurate Signature Secret"] == DEMO_ACCURATE_SECRET
            assert shown["Sempoa token"] == DEMO_SEMPOA_TOKEN
            with httpx.Client(timeout=10) as client:
                check = client.post(
                    shown["Sempoa"] + "/check",
                    headers={"Authorization": f"Bearer {DEMO_SEMPOA_TOKEN}"},
                )
                unsigned = client.get(shown["Accurate account host"])
            assert check.json() == {"status": 200, "message": "Success", "data": None}
            assert unsigned.json() == {"s": False, "d": ["Unauthorized"]}
            assert shown["Accurate data host"].endswith("/accurate/api/")
        finally:
            process.send_signal(stop_with)
            out, err = process.communicate(timeout=20)
    assert process.returncode == 0
    assert "Sandbox dihentikan." in out
    assert "Traceback" not in err


def test_a_bad_fault_spec_is_a_usage_error():
    result = subprocess.run(
        [sys.executable, "-m", "app", "--lang", "en", "sandbox", "--faults", "errors=0.1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Unknown fault: 'errors=0.1'" in result.stderr


def test_a_busy_port_is_a_usage_error():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "app", "--lang", "en", "sandbox", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert f"cannot listen on port {port}" in result.stderr
    assert "Traceback" not in result.stderr


def test_multi_branch_gives_the_demo_company_several_branches():
    from tests.helpers.sandbox_helpers import sign, voucher

    with _start("--multi-branch") as process:
        try:
            shown = _read_banner(process)
            assert shown["Cabang perusahaan Accurate"] == "Pusat, Cabang Surabaya, Cabang Medan"
            save = shown["Accurate data host"] + "journal-voucher/save.do"
            with httpx.Client(timeout=10) as client:
                refused = client.post(save, json=voucher(), headers=sign()).json()
                saved = client.post(save, json=voucher(branchName="Pusat"), headers=sign()).json()
        finally:
            process.send_signal(signal.SIGTERM)
            process.communicate(timeout=20)
    assert refused["s"] is False and "lebih dari satu cabang" in refused["d"][0]
    assert saved["s"] is True and saved["r"]["branchName"] == "Pusat"


def test_fault_flags_shape_the_limit_reply_and_the_faults():
    from datetime import UTC, datetime

    from app.api.signing import signature_headers

    with _start("--faults", "latency=1,jitter,seed=5", "--limit-reply", "200") as process:
        try:
            shown = _read_banner(process)
            assert shown["Gangguan"] == "latency=1,jitter=0.5,error=0.02,cut=0.01,seed=5"
            assert shown["Balasan batas request"] == "HTTP 200 (s: false)"
            url = shown["Accurate data host"] + "glaccount/list.do"
            answers = []
            with httpx.Client(timeout=10) as client:
                while len(answers) < 12:  # the rough network cuts a connection now and then
                    headers = {
                        "Authorization": f"Bearer {DEMO_ACCURATE_TOKEN}",
                        **signature_headers(DEMO_ACCURATE_SECRET, datetime.now(UTC)),
                    }
                    try:
                        answers.append(client.get(url, headers=headers))
                    except httpx.TransportError:
                        continue
        finally:
            process.send_signal(signal.SIGTERM)
            process.communicate(timeout=20)
    limited = [a for a in answers if a.status_code == 200 and a.json()["s"] is False]
    assert limited, [a.status_code for a in answers]
    assert all("8 request/detik" in a.json()["d"][0] for a in limited)
    assert not any(a.status_code == 429 for a in answers)


def test_unknown_wording_answers_english_in_words_no_client_knows():
    from datetime import UTC, datetime

    from app.api import reply_wording as wording
    from app.api.signing import signature_headers

    with _start("--unknown-wording", "--no-rate-limit") as process:
        try:
            shown = _read_banner(process)
            assert shown["Pesan Accurate bahasa Inggris dan Mandarin"] == "kata-kata tak dikenal"
            url = shown["Accurate data host"] + "journal-voucher/detail.do"
            answers = {}
            with httpx.Client(timeout=10) as client:
                for language in ("US", "ID"):
                    headers = {
                        "Authorization": f"Bearer {DEMO_ACCURATE_TOKEN}",
                        "X-Language-Profile": language,
                        **signature_headers(DEMO_ACCURATE_SECRET, datetime.now(UTC)),
                    }
                    reply = client.get(url, params={"number": "TIDAK-ADA"}, headers=headers)
                    answers[language] = reply.json()["d"]
        finally:
            process.send_signal(signal.SIGTERM)
            process.communicate(timeout=20)
    assert not wording.says_not_found(answers["US"])
    assert answers["US"] != ["Journal Voucher data was not found"]
    assert wording.says_not_found(answers["ID"])


@pytest.mark.parametrize(
    ("mode", "listed", "answered"),
    [("both", True, True), ("list", True, False), ("save", False, True), ("none", False, False)],
)
def test_versions_chooses_which_answers_carry_the_edit_counter(mode, listed, answered):
    from tests.helpers.sandbox_helpers import sign, voucher

    with _start("--versions", mode, "--no-rate-limit") as process:
        try:
            shown = _read_banner(process)
            assert shown["Versi jurnal Accurate (optLock) diberikan"] == mode
            host = shown["Accurate data host"]
            with httpx.Client(timeout=10) as client:
                saved = client.post(host + "journal-voucher/save.do", json=voucher(),
                                    headers=sign()).json()  # fmt: skip
                rows = client.get(
                    host + "journal-voucher/list.do",
                    params={"fields": "id,number,totalAmount,optLock"},
                    headers=sign(),
                ).json()["d"]
        finally:
            process.send_signal(signal.SIGTERM)
            process.communicate(timeout=20)
    assert saved["s"] is True
    assert ("optLock" in saved["r"], "totalAmount" in saved["r"]) == (answered, answered)
    assert [("optLock" in row) for row in rows] == [listed]


@pytest.mark.parametrize(("shape", "kind"), [("200", "json"), ("400", "json"), ("500", "html")])
def test_refuse_list_fields_refuses_the_unconfirmed_fields_in_the_shape_asked(shape, kind):
    from tests.helpers.sandbox_helpers import sign

    with _start("--refuse-list-fields", shape, "--no-rate-limit") as process:
        try:
            shown = _read_banner(process)
            assert shown["Daftar jurnal Accurate menolak optLock dan totalAmount di fields"] == (
                f"HTTP {shape}"
            )
            host = shown["Accurate data host"]
            with httpx.Client(timeout=10) as client:
                asked = client.get(
                    host + "journal-voucher/list.do",
                    params={"fields": "id,number,transDate,optLock"},
                    headers=sign(),
                )
                confirmed = client.get(
                    host + "journal-voucher/list.do",
                    params={"fields": "id,number,transDate"},
                    headers=sign(),
                )
        finally:
            process.send_signal(signal.SIGTERM)
            process.communicate(timeout=20)
    assert asked.status_code == int(shape)
    assert asked.headers["content-type"].startswith(
        "application/json" if kind == "json" else "text/html"
    )
    if kind == "json":
        assert asked.json()["s"] is False and "optLock" in asked.json()["d"][0]
    assert confirmed.status_code == 200 and confirmed.json()["s"] is True
