"""The token's rate limits are the machine's, not the process's: real `jurnal-desk`
processes posting with one token, one right after the other and at the same time, never put
a 9th request into the service's second nor a 9th in flight (the sandbox counts every
breach, refused or not)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator

import pytest

from app.sandbox import Sandbox
from app.sandbox.faults import Faults
from tests.helpers.cli_helpers import journal_rows
from tests.helpers.process_helpers import child_env, jurnal
from tests.helpers.workbooks import write_workbook

pytestmark = pytest.mark.slow

COMPANIES = ("Satu", "Dua")  # two profiles, one company and one API token


@pytest.fixture
def one_token(tmp_path) -> Iterator[tuple[Sandbox, dict[str, str]]]:
    with Sandbox(Faults(latency_ms=40), enforce_rate_limit=False) as sb:
        env = child_env(tmp_path)
        for name in COMPANIES:
            added = jurnal(env, "profile", "add", name, "--service", "accurate", "--url",
                           sb.account_url)  # fmt: skip
            out, err = added.communicate(timeout=60)
            assert added.returncode == 0, out + err
        yield sb, env


def _post(env, book, profile: str) -> subprocess.Popen:
    return jurnal(env, "post", str(book), "--profile", profile, "--no-bulk")


def _finish(*processes: subprocess.Popen) -> None:
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, out + err


def test_two_processes_posting_with_one_token_at_once_never_breach_its_limits(one_token, tmp_path):
    sb, env = one_token
    # 25 each: three seconds of posting side by side, 16 a second were the limits the
    # process's own (far over the service's 8).
    first = write_workbook(tmp_path / "satu.xlsx", journal_rows(25, prefix="SA"))
    second = write_workbook(tmp_path / "dua.xlsx", journal_rows(25, prefix="DU"))
    _finish(_post(env, first, "Satu"), _post(env, second, "Dua"))
    stats = sb.stats
    assert len(sb.vouchers()) == 50
    assert stats.breaches == 0, stats


def test_runs_one_right_after_another_with_one_token_never_breach_its_limits(one_token, tmp_path):
    sb, env = one_token
    for turn in range(3):
        # 16: each run ends on a full second of saves, and the next starts into it.
        book = write_workbook(tmp_path / f"{turn}.xlsx", journal_rows(16, prefix=f"R{turn}"))
        _finish(_post(env, book, COMPANIES[turn % 2]))
    assert len(sb.vouchers()) == 48
    assert sb.stats.breaches == 0, sb.stats


# The window's chart task, in a process of its own (so the sandbox's threads keep this one):
# the chart read again and again, with the registry the window makes, until told to stop.
WINDOW_READS_CHART = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from tests.helpers.file_keyring import FileKeyring
    from tests.helpers.memory_keyring import installed

    from app.api.ratelimit import machine_limiters
    from app.profiles.home import app_home
    from app.profiles.secrets import SecretStore
    from app.profiles.store import ProfileStore
    from app.setup.connect import connect

    stop = Path(sys.argv[1])
    with installed(FileKeyring()):
        secrets = SecretStore()
        profile = ProfileStore(app_home(), secrets).get("Dua")
        with connect(profile, secrets, machine_limiters(app_home())) as client:
            print("reading", flush=True)
            while not stop.exists():
                client.accounts()
    """
)


def test_the_window_reading_the_chart_while_a_command_posts_never_breach_its_limits(
    one_token, tmp_path
):
    sb, env = one_token
    stop = tmp_path / "stop"
    window = subprocess.Popen(
        [sys.executable, "-c", WINDOW_READS_CHART, str(stop)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert window.stdout.readline().strip() == "reading"
        book = write_workbook(tmp_path / "satu.xlsx", journal_rows(25, prefix="SA"))
        _finish(_post(env, book, "Satu"))
    finally:
        stop.touch()
        window.wait(timeout=120)
        window.stdout.close()
    assert window.returncode == 0
    assert len(sb.vouchers()) == 25
    assert sb.stats.breaches == 0, sb.stats
