"""An entry's messages as stored: the service's words verbatim, Jurnal Desk's notes as ids
and values that read in any language; a note is told by its id, never by its words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.api.accurate_refusals import BRANCH_NEEDED, explained
from app.core.i18n import Text, tr
from app.core.i18n.messages import (
    holds_message,
    message_words,
    messages_from_json,
    messages_to_json,
    same_id,
    same_message,
    service_words,
)
from app.core.i18n.recognized import KnownMessages
from app.core.i18n.stored import StoredTextError
from app.core.i18n.values import Count

ACCURATE = "Profil pengguna anda memiliki akses ke lebih dari satu cabang. Anda harus menentukan"


def stored_and_read(messages):
    return messages_from_json(json.loads(json.dumps(messages_to_json(messages))))


def test_the_service_words_stay_verbatim_and_a_note_reads_in_each_language():
    note = Text(
        "Akun {a} dipakai {n} kali",
        "Account {a} used {n} times",
        params={"a": "1-100", "n": Count(3)},
    )
    service = "Akun 1-100 / Kas: tidak ditemukan"  # a service's words with a slash in them
    [words, read] = stored_and_read([service, note])
    assert words == service
    assert [message_words(read, language) for language in ("id", "en")] == [
        "Akun 1-100 dipakai 3 kali",
        "Account 1-100 used 3 times",
    ]
    assert service_words([words, read]) == [service]


def test_a_note_is_stored_as_its_id_and_values():
    [stored] = messages_to_json([Text("Akun {a}", "Account {a}", params={"a": Path("/x")})])
    assert stored == {"text": {"msgid": "Akun {a}", "en": "Account {a}", "params": {"a": "/x"}}}


@pytest.mark.parametrize("bad", [{"words": "x"}, {"service": 1}, {"text": {"id": "x"}}, "x"])
def test_anything_else_is_not_read_as_a_message(bad):
    with pytest.raises(StoredTextError):
        messages_from_json([bad])


def test_a_note_is_the_same_by_its_id_whatever_english_an_earlier_version_wrote():
    now = tr("Akun {a} tidak ada", a=Path("1-100"))
    earlier = Text("Akun {a} tidak ada", "Account {a} does not exist", params={"a": "1-100"})
    assert same_message(earlier, now) and holds_message(["x", earlier], now)
    assert not same_message(tr("Akun {a} tidak ada", a="1-200"), now)
    assert not same_message("Akun 1-100 tidak ada", now)  # words are not the note
    assert same_id(tr("Akun {a} tidak ada", a="1-200"), now)


def test_the_branch_explanation_is_added_once_even_after_being_stored():
    first = explained([ACCURATE])
    assert first == [ACCURATE, BRANCH_NEEDED]
    assert explained(stored_and_read(first)) == stored_and_read(first)
    assert len(explained(stored_and_read(first))) == 2


def test_words_an_earlier_version_stored_read_back_as_their_message():
    known = KnownMessages()
    note = tr("Perusahaan saat itu: {c}.", c="PT Maju / Jaya")  # in the shipped catalogs
    read = known.both(note.both())
    assert read is not None and same_message(read, note)
    assert [read.get(language) for language in ("id", "en", "zh")] == [
        note.get(language) for language in ("id", "en", "zh")
    ]
    assert known.pair(note.id, note.en) == note
    assert known.both("Tanggal transaksi tidak dapat lebih kecil / x") is None
    literal = known.pair("Kata yang tak dikenal", "Unknown words")
    assert (literal.get("id"), literal.get("en")) == ("Kata yang tak dikenal", "Unknown words")
