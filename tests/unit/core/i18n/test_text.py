"""A message is its Indonesian template and the values that fill it, rendered when read in
the language asked for: English and Chinese from the shipped catalogs, values that are
themselves messages (or counts, dates) in the same language, plural forms per language,
and a stored form that reads back the same in every language."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app.core.i18n import LazyText, Text, ctr, languages, ntr, set_language, tr
from app.core.i18n.stored import StoredTextError, text_from_json, text_to_json
from app.core.i18n.values import Amount, Count, Day, Moment
from app.drafts import words


@pytest.fixture(autouse=True)
def indonesian_after():
    yield
    set_language("id")


def every_language(text: Text) -> dict[str, str]:
    return {language: text.get(language) for language in ("id", "en", "zh")}


def test_the_three_languages_are_shipped():
    assert languages() == ("id", "en", "zh")


def test_a_message_reads_in_each_language_from_the_catalogs():
    assert every_language(words.RESTORE) == {"id": "Pulihkan", "en": "Restore", "zh": "恢复"}


def test_str_follows_the_language_chosen_without_making_the_message_again():
    text = words.discarded_text(Path("/data/draft.json"))
    shown = []
    for language in ("id", "en", "zh"):
        set_language(language)
        shown.append(str(text))
    assert shown == [
        "Draf dibuang dari tabel dan disimpan sebagai /data/draft.json; tidak ada yang dihapus.",
        "The draft was left out of the table and kept as /data/draft.json; nothing was deleted.",
        "草稿已从表格中移出并保存为 /data/draft.json；没有删除任何内容。",
    ]


def test_a_parameter_that_is_a_message_is_shown_in_the_same_language():
    error = PermissionError(13, "Permission denied", "/data/draft.json")
    text = words.write_failed_text(Path("/data/draft.json"), error)
    reason = text.params["e"]  # type: ignore[index]  # the Text the message was filled with
    assert isinstance(reason, Text)
    assert f"({reason.get('id')})" in text.get("id")
    assert f"({reason.get('en')})" in text.get("en")
    assert f"（{reason.get('zh')}）" in text.get("zh")  # Chinese brackets


def test_counted_messages_take_each_languages_plural_form_and_digits():
    one, many = words.restored_text(1), words.restored_text(25000)
    assert one.get("en").startswith("1 entry restored from the draft.")
    assert many.get("en").startswith("25,000 entries restored from the draft.")
    assert many.get("id").startswith("25.000 jurnal dipulihkan dari draf.")
    assert one.get("zh").startswith("已从草稿恢复 1 条分录。")
    assert many.get("zh").startswith("已从草稿恢复 25,000 条分录。")


def test_values_are_written_in_the_readers_conventions():
    moment = Moment(datetime(2026, 8, 5, 14, 2))
    assert every_language(moment) == {
        "id": "05/08/2026 14:02",
        "en": "05 Aug 2026 14:02",
        "zh": "2026-08-05 14:02",
    }
    assert every_language(Amount(Decimal("4596996.23"))) == {
        "id": "4.596.996,23",
        "en": "4,596,996.23",
        "zh": "4,596,996.23",
    }
    assert Day(date(2026, 12, 1)).get("en") == "01 Dec 2026"


def test_a_message_not_in_a_catalog_shows_its_indonesian():
    text = tr("Kalimat yang belum ada di katalog: {x}", x=1)
    assert every_language(text) == dict.fromkeys(("id", "en", "zh"), text.id)


def test_the_old_pair_keeps_its_meaning():
    why = Text("hilang", "missing")
    text = Text("Akun {a}: {why}", "Account {a}: {why}", params={"a": "1-100", "why": why})
    assert (text.id, text.en) == ("Akun 1-100: hilang", "Account 1-100: missing")
    assert text.both() == "Akun 1-100: hilang / Account 1-100: missing"
    assert text.get("zh") == "Akun 1-100: hilang"  # until the message is in the catalogs
    assert text == Text("Akun 1-100: hilang", "Account 1-100: missing")
    assert hash(text) == hash(Text("Akun 1-100: hilang", "Account 1-100: missing"))
    assert Text("{not a placeholder}", "{x}").en == "{x}"  # finished words: never formatted
    joined = Text("Satu.", "One.") + words.RESTORE
    assert (joined.id, joined.en) == ("Satu. Pulihkan", "One. Restore")
    # Chinese sentences end with a full-width stop and are joined without a space.
    joined = tr("Perusahaan saat itu: {c}.", c="PT A") + words.RESTORE
    assert (joined.id, joined.get("zh")) == (
        "Perusahaan saat itu: PT A. Pulihkan",
        "当时的公司：PT A。恢复",
    )


def test_a_lazy_text_is_made_once_when_first_read():
    made = []

    def make() -> Text:
        made.append(1)
        return ntr("{n} jurnal", "{n} jurnal", 3)

    lazy = LazyText(make)
    assert made == []
    assert lazy.id == "3 jurnal" and lazy == ntr("{n} jurnal", "{n} jurnal", 3)
    assert made == [1]


def test_a_context_tells_two_equal_msgids_apart():
    month = ctr("bulan singkat", "Mei")
    assert every_language(month) == {"id": "Mei", "en": "May", "zh": "5月"}
    assert tr("Mei").get("en") == "Mei"  # the same words without the context: not that one


def test_a_stored_message_reads_back_the_same_in_every_language():
    reason = Text("Akun {a} tidak ada", "Account {a} does not exist", params={"a": "1-100"})
    message = tr(
        "Pulihkan {n} jurnal dari {t}: {why} ({total}, {day}, {rate}, {d})",
        n=Count(25000),
        t=Moment(datetime.fromisoformat("2026-08-05T14:02:00+07:00")),
        why=reason,
        total=Amount(Decimal("1234.50")),
        day=Day(date(2026, 8, 5)),
        rate=3.5,
        d=Decimal("0.125"),
    )
    counted = ntr(
        "Pulihkan {n} jurnal yang belum disimpan dari {t}?",
        "Pulihkan {n} jurnal yang belum disimpan dari {t}?",
        2,
        t=Moment(datetime(2026, 8, 5, 14, 2)),
    )
    for text in (message, counted, words.RESTORE, Text("Grid", "Grid"), reason + words.DISCARD):
        stored = json.loads(json.dumps(text_to_json(text)))
        again = text_from_json(stored)
        assert every_language(again) == every_language(text)
        assert again == text


def test_the_stored_form_holds_ids_and_parameters_not_words():
    stored = text_to_json(words.restored_text(3))
    assert stored == {
        "msgid": words.restored_text(3).msgid,
        "plural": words.restored_text(3).plural,
        "count": 3,
        "params": {},  # {n} is the count, written in the language read in
    }
    nested = text_to_json(tr("{a}", a=Text("Akun {b}", "Account {b}", params={"b": "x"})))
    assert nested == {
        "msgid": "{a}",
        "params": {"a": {"text": {"msgid": "Akun {b}", "en": "Account {b}", "params": {"b": "x"}}}},
    }


@pytest.mark.parametrize(
    "stored",
    [None, {"msgid": 3}, {"msgid": "x", "params": []}, {"msgid": "x", "params": {"a": {"no": 1}}}],
)
def test_a_stored_message_in_another_form_is_refused(stored):
    with pytest.raises(StoredTextError):
        text_from_json(stored)


@pytest.mark.parametrize("language", ["id", "en", "zh"])
def test_an_empty_message_stays_empty_in_every_language(language):
    # gettext keeps its catalog header under the empty msgid: it must never show as a message
    assert tr("").get(language) == ""
    assert Text("").get(language) == ""
