"""The outbox file is private, and a damaged one is never read as "no history"."""

from __future__ import annotations

import os
import stat

import pytest

from app.core.i18n.messages import message_words
from app.posting.outbox.file import OutboxDamaged, set_aside_damaged
from app.posting.outbox.ledger import Outbox
from tests.helpers.posting_helpers import entries


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_new_outbox_and_its_wal_files_are_readable_by_the_user_alone(tmp_path):
    path = tmp_path / "home" / "outbox.sqlite3"
    with Outbox(path) as outbox:
        outbox.create_batch("PT A", "accurate", entries(2))
        for name in ("outbox.sqlite3", "outbox.sqlite3-wal", "outbox.sqlite3-shm"):
            assert mode(path.parent / name) == 0o600, name
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".new")]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_file_an_earlier_version_left_world_readable_is_tightened(tmp_path):
    path = tmp_path / "outbox.sqlite3"
    Outbox(path).close()
    os.chmod(path, 0o644)
    Outbox(path).close()
    assert mode(path) == 0o600


def test_an_empty_file_is_damage_not_an_empty_history(tmp_path):
    path = tmp_path / "outbox.sqlite3"
    path.write_bytes(b"")
    with pytest.raises(OutboxDamaged) as damaged:
        Outbox(path)
    assert "jurnal-desk history --set-aside-damaged" in damaged.value.text.en
    assert path.read_bytes() == b""  # left exactly as found


def test_a_zeroed_inner_page_is_found_when_the_file_opens(tmp_path):
    path = tmp_path / "outbox.sqlite3"
    with Outbox(path) as outbox:
        for number in range(20):
            outbox.create_batch("PT A", "accurate", entries(200, prefix=f"B{number}-"))
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 8 * page
    data[3 * page : 4 * page] = bytes(page)
    path.write_bytes(bytes(data))
    with pytest.raises(OutboxDamaged):
        Outbox(path)


def test_garbage_is_damage_and_setting_it_aside_starts_a_new_history(tmp_path):
    path = tmp_path / "outbox.sqlite3"
    path.write_bytes(b"not a database at all " * 200)
    with pytest.raises(OutboxDamaged):
        Outbox(path)
    aside = set_aside_damaged(path)
    assert aside.read_bytes().startswith(b"not a database") and not path.exists()
    with Outbox(path) as fresh:
        assert fresh.batches() == []
        assert fresh.lookup_first


def test_every_command_explains_a_damaged_history_and_set_aside_starts_anew(
    profiles, tmp_path, capsys
):
    from app.cli import EXIT_OK, EXIT_USAGE
    from app.posting.service import outbox_path
    from app.profiles.home import app_home
    from tests.helpers.cli_helpers import ACCURATE, journal_rows, run
    from tests.helpers.workbooks import write_workbook

    path = outbox_path(app_home())
    path.write_bytes(b"")
    book = write_workbook(tmp_path / "a.xlsx", journal_rows(1))
    for argv in (["post", str(book), "--profile", ACCURATE], ["history"], ["undo", "X", "--yes"]):
        code, out, err = run(capsys, "--lang", "en", *argv)
        assert code == EXIT_USAGE, argv
        assert "is damaged" in err and "Traceback" not in err + out, argv
    code, out, _ = run(capsys, "--lang", "en", "history", "--set-aside-damaged")
    assert code == EXIT_OK and "moved to" in out
    code, out, _ = run(capsys, "--lang", "en", "history", "--set-aside-damaged")
    assert code == EXIT_USAGE and "not damaged" in out


def test_a_flood_of_server_messages_is_kept_short(tmp_path):
    from app.posting.outbox.ledger import MAX_MESSAGE_CHARS, EntryStatus

    with Outbox(tmp_path / "outbox.sqlite3") as outbox:
        [row] = outbox.entries(outbox.create_batch("PT A", "accurate", entries(1)).id)
        outbox.mark(row.id, EntryStatus.REJECTED, ["x" * 5_000_000] * 50)
        kept = outbox.get(row.id).messages
    words = [message_words(message) for message in kept]
    assert len(words) == 21 and words[-1] == "(+30)"
    assert all(len(message) <= MAX_MESSAGE_CHARS + 1 for message in words)
    assert (tmp_path / "outbox.sqlite3").stat().st_size < 1_000_000
