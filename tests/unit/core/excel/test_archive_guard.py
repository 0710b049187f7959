"""A workbook that unpacks to far more than it is (a zip bomb) is refused before the reader
allocates anything, with a message, and the process lives on."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from app.core.excel import archive_guard
from app.core.excel.reader import WorkbookError, read_workbook
from tests.helpers.cli_helpers import journal_rows
from tests.helpers.workbooks import write_workbook

CHUNK = b"<si><t>" + b"A" * 1017 + b"</t></si>"  # 1 KiB of one shared string, repeated


def add_bomb(book, megabytes: int) -> None:
    """Replace the shared strings with `megabytes` MB of one string repeated (tiny packed)."""
    with (
        zipfile.ZipFile(book, "a", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as member,
    ):
        member.write(b'<?xml version="1.0"?><sst xmlns="x">')
        block = CHUNK * 1024
        for _ in range(megabytes):
            member.write(block)
        member.write(b"</sst>")


@pytest.fixture
def bomb(tmp_path):
    book = write_workbook(tmp_path / "jebakan.xlsx", journal_rows(3))
    add_bomb(book, 64)  # 64 MB that pack to well under 1 MB
    return book


def test_a_zip_bomb_is_refused_with_a_message(bomb):
    assert bomb.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(WorkbookError) as refused:
        read_workbook(bomb)
    assert "booby-trapped" in refused.value.text.en and "jebakan.xlsx" in refused.value.text.en


def test_the_validate_command_refuses_it_and_exits_cleanly(bomb):
    done = subprocess.run(
        [sys.executable, "-m", "app", "--lang", "en", "validate", str(bomb)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "not a plausible workbook" in done.stderr and "Traceback" not in done.stderr


def test_an_archive_larger_than_allowed_in_total_is_refused(tmp_path, monkeypatch):
    book = write_workbook(tmp_path / "besar.xlsx", journal_rows(50))
    read_workbook(book)  # an ordinary workbook passes
    monkeypatch.setattr(archive_guard, "MAX_TOTAL_UNPACKED", 4096)
    with pytest.raises(WorkbookError):
        read_workbook(book)


def test_an_archive_with_too_many_parts_is_refused(tmp_path, monkeypatch):
    book = write_workbook(tmp_path / "banyak.xlsx", journal_rows(2))
    monkeypatch.setattr(archive_guard, "MAX_MEMBERS", 3)
    with pytest.raises(WorkbookError) as refused:
        read_workbook(book)
    assert "parts inside" in refused.value.text.en
