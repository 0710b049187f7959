import getpass
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest

from app.api.signing import (
    SignatureEncoding,
    TimestampFormat,
    detect_format,
    sign,
)
from app.cli import EXIT_OK, EXIT_USAGE, main
from app.core.i18n import set_language

SECRET = "31d49b3dc632614495ff8071e5be44a1"
VECTOR_TIMESTAMP = "02/11/2023 09:01:01"
VECTOR_BASE64 = "8NxvylwwMcjGyzVXK0qbwNvFFuzHpwE9tECllVwLkbo="
VECTOR_HEX = "f0dc6fca5c3031c8c6cb35572b4a9bc0dbc516ecc7a7013db440a5955c0b91ba"


@pytest.fixture(autouse=True)
def no_secret_in_environment(monkeypatch):
    monkeypatch.delenv("JURNAL_DESK_SECRET", raising=False)
    yield
    set_language("id")  # a --lang --help run exits with its language still chosen


@pytest.fixture
def secret_in_environment(monkeypatch):
    monkeypatch.setenv("JURNAL_DESK_SECRET", SECRET)


@pytest.fixture
def prompt(monkeypatch):
    """Replaces the hidden prompt: records what was asked, answers with `answer`."""
    fake = SimpleNamespace(answer=SECRET, asked=[])

    def ask(message: str = "") -> str:
        fake.asked.append(message)
        if isinstance(fake.answer, BaseException):
            raise fake.answer
        return fake.answer

    monkeypatch.setattr(getpass, "getpass", ask)
    return fake


def run(capsys, *argv: str) -> tuple[int, list[str], str]:
    code = main(["sign", *argv])
    captured = capsys.readouterr()
    assert SECRET not in captured.out and SECRET not in captured.err
    return code, captured.out.splitlines(), captured.err


@pytest.mark.usefixtures("secret_in_environment")
def test_signs_the_vendor_test_vector_in_base64(capsys):
    code, lines, _ = run(capsys, "--timestamp", VECTOR_TIMESTAMP)
    assert code == EXIT_OK
    assert lines == [f"X-Api-Timestamp: {VECTOR_TIMESTAMP}", f"X-Api-Signature: {VECTOR_BASE64}"]


@pytest.mark.usefixtures("secret_in_environment")
def test_signs_in_lowercase_hex_on_request(capsys):
    code, lines, _ = run(capsys, "--timestamp", VECTOR_TIMESTAMP, "--hex")
    assert code == EXIT_OK
    assert lines == [f"X-Api-Timestamp: {VECTOR_TIMESTAMP}", f"X-Api-Signature: {VECTOR_HEX}"]


@pytest.mark.usefixtures("secret_in_environment")
def test_without_a_timestamp_signs_now_in_unambiguous_utc(capsys):
    code, lines, _ = run(capsys)
    assert code == EXIT_OK
    timestamp = lines[0].removeprefix("X-Api-Timestamp: ")
    assert detect_format(timestamp) is TimestampFormat.ISO_UTC
    assert timestamp.endswith("Z")
    assert lines[1] == f"X-Api-Signature: {sign(timestamp, SECRET)}"
    assert len(lines) == 2


@pytest.mark.usefixtures("secret_in_environment")
@pytest.mark.parametrize("fmt", list(TimestampFormat))
def test_now_in_each_chosen_format(capsys, fmt):
    code, lines, _ = run(capsys, "--format", fmt.value, "--hex")
    assert code == EXIT_OK
    timestamp = lines[0].removeprefix("X-Api-Timestamp: ")
    assert detect_format(timestamp) is fmt
    assert lines[1] == f"X-Api-Signature: {sign(timestamp, SECRET, SignatureEncoding.HEX)}"


@pytest.mark.usefixtures("secret_in_environment")
def test_a_given_timestamp_is_signed_exactly_as_written(capsys):
    written = "2023-11-02T10:32:43+0800"
    code, lines, _ = run(capsys, "--timestamp", written, "--format", "iso-offset")
    assert code == EXIT_OK
    assert lines == [f"X-Api-Timestamp: {written}", f"X-Api-Signature: {sign(written, SECRET)}"]


@pytest.mark.parametrize(
    "bad", ["2023-11-02 09:01:01", "02/11/2023", "kemarin", "2023-11-02T10:32:43+08:00"]
)
def test_a_timestamp_in_no_accepted_format_is_a_usage_error(capsys, prompt, bad):
    code, lines, err = run(capsys, "--timestamp", bad)
    assert code == EXIT_USAGE
    assert lines == []
    assert "X-Api-Timestamp" in err and "25/12/2023 13:42:39" in err
    assert prompt.asked == []  # the secret is not asked for when the command cannot run


@pytest.mark.usefixtures("secret_in_environment")
def test_the_usage_error_speaks_english_when_asked(capsys):
    try:
        code = main(["--lang", "en", "sign", "--timestamp", "yesterday"])
    finally:
        set_language("id")  # the language is process-wide; leave it as other tests expect
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert "is not an X-Api-Timestamp format Accurate accepts" in err


@pytest.mark.usefixtures("secret_in_environment")
def test_a_timestamp_that_contradicts_format_is_a_usage_error(capsys):
    code, lines, err = run(capsys, "--timestamp", "1698903037", "--format", "unix-ms")
    assert code == EXIT_USAGE
    assert lines == []
    assert "unix-ms" in err and "1698903037551" in err


def test_the_secret_is_asked_for_without_echo_when_not_in_the_environment(capsys, prompt):
    code, lines, _ = run(capsys, "--timestamp", VECTOR_TIMESTAMP)
    assert code == EXIT_OK
    assert prompt.asked == ["Signature Secret: "]
    assert lines[1] == f"X-Api-Signature: {VECTOR_BASE64}"


def test_a_pasted_secret_with_spaces_around_it_still_signs(capsys, prompt):
    prompt.answer = f"  {SECRET}\n"
    code, lines, _ = run(capsys, "--timestamp", VECTOR_TIMESTAMP)
    assert code == EXIT_OK
    assert lines[1] == f"X-Api-Signature: {VECTOR_BASE64}"


@pytest.mark.parametrize("answer", ["", "   ", EOFError()])
def test_no_secret_is_a_usage_error(capsys, prompt, answer):
    prompt.answer = answer
    code, lines, err = run(capsys, "--timestamp", VECTOR_TIMESTAMP)
    assert code == EXIT_USAGE
    assert lines == []
    assert "Signature Secret" in err and "JURNAL_DESK_SECRET" in err


def test_help_says_the_default_format_and_where_the_secret_comes_from(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--lang", "en", "sign", "--help"])
    assert exit_.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "default iso-utc" in out
    assert "JURNAL_DESK_SECRET" in out


def test_the_installed_command_prints_two_lines_and_never_the_secret():
    env = {**os.environ, "JURNAL_DESK_SECRET": SECRET}
    result = subprocess.run(
        [sys.executable, "-m", "app", "sign", "--timestamp", VECTOR_TIMESTAMP, "--hex"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert result.stdout == (
        f"X-Api-Timestamp: {VECTOR_TIMESTAMP}\nX-Api-Signature: {VECTOR_HEX}\n"
    )
    assert SECRET not in result.stderr
