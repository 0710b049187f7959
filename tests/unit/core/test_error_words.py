"""What a person reads about a failure is in their language: the system's or a library's own
English words ("invalid Zip archive: Could not find EOCD", "Operation not permitted") go
only to the log."""

from __future__ import annotations

import errno
import logging

import pytest

from app.core.error_text import error_text, os_reason
from app.core.excel.reader import read_workbook
from app.core.excel.workbook_file import WorkbookError
from app.core.grid.page_words import file_error_text
from app.core.i18n import Text
from app.drafts.words import write_failed_text
from tests.helpers.workbooks import big_journal_rows, write_workbook

RAW_WORDS = ("EOCD", "Zip", "zip", "Operation not permitted", "No space", "Errno")


def shown(text: Text) -> str:
    return text.id + " | " + text.en


def test_a_half_downloaded_workbook_is_explained_and_the_readers_words_are_only_logged(
    tmp_path, caplog
):
    path = write_workbook(tmp_path / "unduhan.xlsx", big_journal_rows(3))
    path.write_bytes(path.read_bytes()[:700])
    caplog.set_level(logging.INFO)

    with pytest.raises(WorkbookError) as raised:
        read_workbook(path)

    text = raised.value.text
    assert "bukan buku kerja Excel yang utuh (mungkin rusak atau belum selesai diunduh)" in text.id
    assert "Buka di Excel dan simpan ulang" in text.id
    assert "not a complete Excel workbook" in text.en
    assert not any(word in shown(text) for word in RAW_WORDS)
    assert "EOCD" in caplog.text or "zip" in caplog.text.lower()


@pytest.mark.parametrize(
    ("code", "indonesian", "english"),
    [
        (errno.EPERM, "akses ditolak", "access denied"),
        (errno.EACCES, "akses ditolak", "access denied"),
        (errno.ENOENT, "tidak ditemukan", "not found"),
        (errno.ENOSPC, "disk penuh", "the disk is full"),
    ],
)
def test_the_systems_reason_is_said_in_both_languages(code, indonesian, english):
    error = OSError(code, "Operation not permitted")

    text = file_error_text(error)

    assert indonesian in text.id and english in text.en
    assert "Operation not permitted" not in shown(text)


def test_an_unknown_system_error_is_named_without_its_words(caplog):
    caplog.set_level(logging.INFO)
    error = OSError(errno.EPROTO, "Protocol error near token s3cr3t")

    text = file_error_text(error)

    assert "(kesalahan sistem)" in text.id and "(a system error)" in text.en
    assert "s3cr3t" not in shown(text)
    assert "s3cr3t" in caplog.text


def test_an_unexpected_error_names_its_kind_not_its_message():
    text = error_text(ValueError("token=s3cr3t could not be parsed"))

    assert "ValueError" in text.id and "kesalahan tak terduga" in text.id
    assert "s3cr3t" not in shown(text)
    assert "s3cr3t" not in shown(file_error_text(ValueError("token=s3cr3t")))


def test_a_draft_that_cannot_be_written_says_why_in_indonesian(tmp_path):
    error = PermissionError(errno.EPERM, "Operation not permitted")

    text = write_failed_text(tmp_path / "journal.json", error)

    assert "(akses ditolak)" in text.id and "(access denied)" in text.en


def test_a_reason_given_as_text_goes_into_each_language():
    reason = os_reason(OSError(errno.ENOSPC, "No space left on device"))

    text = Text("Gagal: {e}.", "Failed: {e}.", params={"e": reason})

    assert (text.id, text.en) == ("Gagal: disk penuh.", "Failed: the disk is full.")
    assert text.get("zh").startswith("Gagal: ") and text.get("zh") != text.id  # the reason in zh
