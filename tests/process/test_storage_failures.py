"""A full disk, a read-only home, a history made by a newer version, a value the history
does not know: each told in one clear message, without a traceback, and nothing lost.

The full disk and the read-only home are real: a small tmpfs and a read-only bind mount
(mounting needs root; the tests are skipped where it is not allowed)."""

from __future__ import annotations

import errno
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.cli import EXIT_OK, EXIT_USAGE, main
from app.core.error_text import error_text
from app.logs import log_path
from app.posting.outbox.file import (
    OutboxFull,
    OutboxNotWritable,
    OutboxTooNew,
    OutboxUnknownValue,
    storage_failure,
)
from app.posting.outbox.ledger import EntryStatus, Outbox
from app.posting.outbox.migration import SCHEMA_VERSION, migrate
from app.profiles.home import app_home
from tests.helpers.cli_helpers import ACCURATE, journal_rows, run
from tests.helpers.posting_helpers import entries
from tests.helpers.workbooks import write_workbook


def _mount(*argv: str) -> None:
    done = subprocess.run(["mount", *argv], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here: {done.stderr.strip()}")


@pytest.fixture
def small_disk(tmp_path, monkeypatch):
    """The app's home on a 16 MB file system of its own, which a test can fill."""
    disk = tmp_path / "disk"
    disk.mkdir()
    _mount("-t", "tmpfs", "-o", "size=16M", "tmpfs", str(disk))
    monkeypatch.setenv("JURNAL_DESK_HOME", str(disk / "home"))
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def _fill(disk: Path) -> Path:
    """Fill `disk` to the last byte; returns the filler file."""
    filler = disk / "filler"
    with filler.open("wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError:
            pass
    return filler


def _numbers(sb) -> list[str]:
    return [voucher["number"] for voucher in sb.vouchers()]


@pytest.mark.slow
def test_a_full_disk_mid_run_says_what_the_history_holds_and_a_later_run_finishes(
    sb, small_disk, profiles, tmp_path, capsys
):
    book = write_workbook(tmp_path / "besar.xlsx", journal_rows(60))
    argv = ["--lang", "en", "post", str(book), "--profile", ACCURATE, "--no-bulk"]
    codes: list[int] = []
    posting = threading.Thread(target=lambda: codes.append(main(argv)))
    posting.start()
    while len(sb.vouchers()) < 10 and posting.is_alive():
        time.sleep(0.01)
    filler = _fill(small_disk)  # the disk fills up while the run is a sixth done
    posting.join(timeout=300)
    out, err = capsys.readouterr()
    assert codes == [EXIT_USAGE], out + err
    assert "is full" in err and "Free some space" in err
    assert "damaged" not in err and "Nothing was posted" not in err
    told = re.search(r"(\d+) posted, (\d+) of unknown fate .*?, (\d+) not sent yet", err)
    assert told is not None, err
    posted, unknown, _pending = map(int, told.groups())
    on_server = len(sb.vouchers())
    assert 10 <= on_server <= posted + unknown  # the history never says less than the books

    # Still full: the next run is told the same, by the outbox and by the log alike.
    code, out, err = run(capsys, *argv)
    assert code == EXIT_USAGE and "is full" in err
    assert "Traceback" not in err and "Logging error" not in err

    filler.unlink()
    code, out, err = run(capsys, *argv)
    assert code == EXIT_OK, out + err
    numbers = _numbers(sb)
    assert len(numbers) == len(set(numbers)) == 60  # every entry once, none twice


def test_a_log_that_stops_being_writable_is_told_once_and_never_stops_the_command(
    jurnal_home, capsys
):

    assert main(["history"]) == EXIT_OK
    log_file = log_path(app_home())
    log_file.unlink()
    log_file.symlink_to("/dev/full")  # opens, then every write fails: "No space left"
    code = main(["history"])
    err = capsys.readouterr().err
    assert code == EXIT_OK
    assert "Traceback" not in err and "Logging error" not in err


@contextmanager
def _read_only_view(folder: Path, view: Path) -> Iterator[Path]:
    """`folder` seen through a read-only bind mount at `view`: root may write through
    permissions, not through a read-only mount."""
    view.mkdir()
    _mount("--bind", str(folder), str(view))
    try:
        _mount("-o", "remount,ro,bind", str(view))
        yield view
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)


@pytest.fixture
def read_only_home(profiles, jurnal_home, tmp_path, monkeypatch):
    """The home (with its profiles and a posted batch), read-only."""
    with _read_only_view(jurnal_home, tmp_path / "read-only-home") as view:
        monkeypatch.setenv("JURNAL_DESK_HOME", str(view))
        yield view


def test_a_read_only_history_is_read_but_never_older_than_it_is(jurnal_home, tmp_path):
    copy = tmp_path / "copy"  # as a crash leaves it: newest rows only in the log
    copy.mkdir()
    with Outbox(jurnal_home / "outbox.sqlite3") as writer:  # open: its log is not folded in
        writer.create_batch("PT A", "accurate", entries(2))
        for name in ("outbox.sqlite3", "outbox.sqlite3-wal"):
            shutil.copyfile(jurnal_home / name, copy / name)
        with (
            _read_only_view(jurnal_home, tmp_path / "live") as live,
            Outbox(live / "outbox.sqlite3") as reader,
        ):
            assert len(reader.batches()) == 1  # read through the writer's log
            with pytest.raises(OutboxNotWritable):
                reader.create_batch("PT A", "accurate", entries(1, prefix="X"))
    assert (copy / "outbox.sqlite3-wal").stat().st_size > 0
    with _read_only_view(copy, tmp_path / "crashed") as crashed, pytest.raises(OutboxNotWritable):
        Outbox(crashed / "outbox.sqlite3")  # not read without its log: it would look older
    with (
        _read_only_view(jurnal_home, tmp_path / "closed") as closed,
        Outbox(closed / "outbox.sqlite3") as reader,
    ):
        assert reader.read_only and len(reader.batches()) == 1  # whole in its file
        with pytest.raises(OutboxNotWritable):
            reader.create_batch("PT A", "accurate", entries(1, prefix="Y"))


@pytest.mark.slow
def test_a_read_only_home_is_told_as_such_by_check_and_post(
    sb, profiles, tmp_path, capsys, request
):
    book = write_workbook(tmp_path / "agustus.xlsx", journal_rows(3, prefix="RO"))
    assert run(capsys, "post", str(book), "--profile", ACCURATE)[0] == EXIT_OK
    request.getfixturevalue("read_only_home")

    code, out, err = run(capsys, "--lang", "en", "check", "--profile", ACCURATE)
    assert code == EXIT_OK and "Traceback" not in err  # the connection itself is fine
    assert "Company: " in out and "this profile could not be updated" in out
    assert "read-only" in out and "JURNAL_DESK_HOME" in out

    # Everything in this workbook is on the books already: the history says so, read-only.
    assert run(capsys, "post", str(book), "--profile", ACCURATE)[0] == EXIT_OK
    more = write_workbook(tmp_path / "september.xlsx", journal_rows(3, prefix="RW"))
    code, _out, err = run(capsys, "--lang", "en", "post", str(more), "--profile", ACCURATE)
    assert code == EXIT_USAGE
    assert "cannot be written" in err and "read-only" in err and "damaged" not in err
    assert len(sb.vouchers()) == 3  # nothing sent without a history to record it in

    code, out, err = run(capsys, "--lang", "en", "history")  # still readable
    assert code == EXIT_OK and "3 posted" in out, out + err


def test_a_history_made_by_a_newer_version_is_refused_and_left_unchanged(jurnal_home, capsys):
    path = jurnal_home / "outbox.sqlite3"
    with Outbox(path) as outbox:
        outbox.create_batch("PT A", "accurate", entries(2))
    with sqlite3.connect(path) as db:
        db.execute("ALTER TABLE entries ADD COLUMN parked_until TEXT")
        db.execute("PRAGMA user_version=99")
    db.close()
    before = path.read_bytes()

    code, _out, err = run(capsys, "--lang", "en", "history")
    assert code == EXIT_USAGE
    assert "made by a newer version of Jurnal Desk" in err and "Traceback" not in err
    code, _out, err = run(capsys, "history")
    assert "dibuat oleh versi Jurnal Desk yang lebih baru" in err
    assert path.read_bytes() == before
    with pytest.raises(OutboxTooNew):
        Outbox(path)


def test_migrate_refuses_a_schema_above_its_own(tmp_path):
    db = sqlite3.connect(tmp_path / "x.sqlite3", isolation_level=None)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(OutboxTooNew):
        migrate(db)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    db.close()


def test_a_status_this_version_does_not_know_is_told_not_a_traceback(jurnal_home, capsys):
    path = jurnal_home / "outbox.sqlite3"
    with Outbox(path) as outbox:
        batch = outbox.create_batch("PT A", "accurate", entries(2))
    with sqlite3.connect(path) as db:
        db.execute("UPDATE entries SET status = 'parked' WHERE position = 1")
    db.close()
    code, _out, err = run(capsys, "--lang", "en", "history", "--batch", batch.id)
    assert code == EXIT_USAGE and "Traceback" not in err
    assert "status 'parked'" in err and "newer version" in err
    with Outbox(path) as outbox, pytest.raises(OutboxUnknownValue):
        outbox.counts(batch.id)
    with Outbox(path) as outbox:  # the rest of the history still reads
        assert outbox.entries(batch.id, [EntryStatus.PENDING])[0].position == 0


def test_the_home_logs_and_locks_are_private(jurnal_home, capsys):
    jurnal_home.chmod(0o755)  # as an earlier version left it
    (jurnal_home / "logs").mkdir()
    (jurnal_home / "logs").chmod(0o755)
    (jurnal_home / "logs" / "jurnal-desk.log").write_text("")
    (jurnal_home / "logs" / "jurnal-desk.log").chmod(0o644)

    assert main(["history"]) == EXIT_OK
    for path, mode in (
        (jurnal_home, 0o700),
        (jurnal_home / "logs", 0o700),
        (jurnal_home / "logs" / "jurnal-desk.log", 0o600),
    ):
        assert stat.S_IMODE(path.stat().st_mode) == mode, path


def test_a_new_home_and_log_are_made_private(tmp_path, monkeypatch, capsys):
    home = tmp_path / "fresh" / "home"
    monkeypatch.setenv("JURNAL_DESK_HOME", str(home))

    assert main(["history"]) == EXIT_OK
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "logs").stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "logs" / "jurnal-desk.log").stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        (errno.ENOSPC, OutboxFull),
        (errno.EDQUOT, OutboxFull),
        (errno.EFBIG, OutboxFull),
        (errno.EROFS, OutboxNotWritable),
        (errno.EACCES, OutboxNotWritable),
        (errno.EPERM, OutboxNotWritable),
    ],
)
def test_each_disk_or_permission_failure_has_its_own_message(tmp_path, number, kind):
    failure = storage_failure(tmp_path / "outbox.sqlite3", OSError(number, os.strerror(number)))
    assert isinstance(failure, kind)
    assert "damaged" not in failure.text.en and "rusak" not in failure.text.id
    assert os.strerror(number) in failure.text.en


def test_sqlite_full_and_read_only_errors_are_storage_not_damage(tmp_path):
    path = tmp_path / "outbox.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (x)")
        db.execute("PRAGMA max_page_count = 2")  # this connection may not grow the file
        with pytest.raises(sqlite3.OperationalError) as full:
            db.executemany("INSERT INTO t VALUES (?)", [("x" * 4000,)] * 10)
    db.close()
    assert isinstance(storage_failure(path, full.value), OutboxFull)
    read_only = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as refused:
        read_only.execute("INSERT INTO t VALUES (1)")
    read_only.close()
    assert isinstance(storage_failure(path, refused.value), OutboxNotWritable)
    assert storage_failure(path, sqlite3.DatabaseError("file is not a database")) is None


def test_a_full_disk_under_any_file_is_told_as_such_in_the_window_and_the_command():
    draft = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/data/jd/.drafts.json.x1.tmp")
    told = error_text(draft)
    assert told.en.startswith("The disk is full: /data/jd cannot be written")
    assert "unexpected" not in told.en
    other = error_text(OSError(errno.ECONNRESET, os.strerror(errno.ECONNRESET)))
    assert "unexpected" in other.en  # not a disk: the usual words
